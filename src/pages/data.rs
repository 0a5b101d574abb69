//! «Данные»: drop zone and file picker, the demo district, one card per loaded file.

use crate::components::drop_zone::DropZone;
use crate::components::file_card::FileCard;
use crate::components::import_report::ImportReport;
use crate::i18n::{fmt_dec, fmt_int, use_lang, use_texts};
use crate::state::use_state;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::sync::Arc;

#[component]
pub fn DataPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let state = use_state();
    let navigate = use_navigate();

    let on_demo = move |_| {
        let navigate = navigate.clone();
        state.busy.set(true);
        spawn_local(async move {
            state.load_demo().await;
            if state.failure.with_untracked(Option::is_none) {
                navigate("/overview", NavigateOptions::default());
            }
        });
    };

    let n_files = move || state.files.with(|f| f.len());
    let merge_issues = move || state.analysis.with(|a| a.merge_issues.clone());
    let has_procedures = move || state.analysis.with(|a| !a.overview.procedures.is_empty());

    view! {
        <section class="page page-data">
            <h1>{move || t().data_title}</h1>
            <p class="intro">{move || t().data_intro}</p>
            <div class="data-actions">
                <DropZone/>
                <div class="demo-box">
                    <button
                        type="button"
                        id="demo-button"
                        data-testid="demo-button"
                        class="btn btn-primary btn-large"
                        disabled=move || state.busy.get()
                        on:click=on_demo
                    >
                        {move || t().demo_button}
                    </button>
                    <p class="muted small">{move || t().demo_hint}</p>
                </div>
            </div>

            <div class="status-line" data-testid="status" data-files=move || n_files().to_string()>
                {move || if n_files() == 0 {
                    view! { <span class="muted">{t().no_files}</span> }.into_any()
                } else {
                    let ms = state.last_load_ms.get();
                    view! {
                        <span>
                            {t().files_loaded}": "<strong>{fmt_int(n_files(), lang.get())}</strong>
                            {ms.map(|ms| view! {
                                <span class="muted" data-testid="load-ms" data-value=ms.to_string()>
                                    " · "{t().loaded_in}" "{fmt_dec(ms / 1000.0, 2, lang.get())}" "{t().seconds}
                                </span>
                            })}
                        </span>
                        <Show when=has_procedures>
                            <A href="/overview" attr:class="btn btn-secondary btn-small" attr:data-testid="go-overview">
                                {move || t().go_overview}
                            </A>
                        </Show>
                        <button type="button" class="btn btn-ghost btn-small" data-testid="clear-all"
                            on:click=move |_| state.clear()>
                            {move || t().clear_all}
                        </button>
                    }.into_any()
                }}
            </div>

            {move || state.failure.get().map(|m| view! {
                <div class="load-failed" role="alert" data-testid="load-failed">
                    <strong>{t().load_failed}": "</strong>{m}
                </div>
            })}

            {move || {
                let issues = merge_issues();
                let several = state.files.with(|f| f.len() > 1);
                (several || !issues.is_empty()).then(|| view! {
                    <div class="merge-report">
                        <h3>{move || t().merge_report}</h3>
                        <label class="merge-option">
                            <input
                                type="checkbox"
                                data-testid="join-logins"
                                prop:checked=move || state.merge_opts.get().join_login_prefixes
                                on:change=move |ev| state.set_join_login_prefixes(event_target_checked(&ev))
                            />
                            " "
                            {move || t().join_logins}
                        </label>
                        {(!issues.is_empty()).then(|| view! { <ImportReport issues=Arc::new(issues)/> })}
                    </div>
                })
            }}

            <div class="file-list" id="file-list" data-testid="file-list">
                <For
                    each=move || state.files.get()
                    key=|f| (f.id, Arc::as_ptr(&f.import) as usize)
                    let:file
                >
                    <FileCard file=file/>
                </For>
            </div>
        </section>
    }
}
