//! The main navigation. Links are real URLs; the current section is marked.

use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn Nav() -> impl IntoView {
    let t = use_texts();
    let loc = use_location();
    let path = move || loc.pathname.get();
    let is_data = move || {
        let p = path();
        p == "/" || p.starts_with("/data")
    };
    let is_overview = move || path().starts_with("/overview");
    view! {
        <nav class="app-nav" aria-label=move || t().nav_label>
            <A href="/data" attr:id="nav-data" attr:data-testid="nav-data" {..} class:active=is_data>
                {move || t().nav_data}
            </A>
            <A href="/overview" attr:id="nav-overview" attr:data-testid="nav-overview" {..} class:active=is_overview>
                {move || t().nav_overview}
            </A>
        </nav>
    }
}
