//! Русский / English switch: changes every text on the page at once.

use crate::i18n::{texts, I18n, Lang};
use leptos::prelude::*;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let lang = i18n.lang;
    let button = move |l: Lang, id: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                id=id
                data-testid=id
                class="lang-btn"
                class:active=move || lang.get() == l
                aria-pressed=move || if lang.get() == l { "true" } else { "false" }
                on:click=move |_| lang.set(l)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || texts(lang.get()).lang_label>
            {button(Lang::Ru, "lang-ru", "Русский")}
            {button(Lang::En, "lang-en", "English")}
        </div>
    }
}
