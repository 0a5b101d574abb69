//! The main navigation. Links are real URLs; the current section is marked.

use crate::i18n::{use_drill_texts, use_obj_texts, use_texts};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn Nav() -> impl IntoView {
    let t = use_texts();
    let d = use_drill_texts();
    let o = use_obj_texts();
    let loc = use_location();
    let path = move || loc.pathname.get();
    let is_data = move || {
        let p = path();
        p == "/" || p.starts_with("/data")
    };
    let is_overview = move || path().starts_with("/overview");
    let is_procedure = move || path().starts_with("/procedure");
    let is_reports = move || path().starts_with("/reports");
    let is_objectivity = move || path().starts_with("/objectivity");
    view! {
        <nav class="app-nav" aria-label=move || t().nav_label>
            <A href="/data" attr:id="nav-data" attr:data-testid="nav-data" {..} class:active=is_data>
                {move || t().nav_data}
            </A>
            <A href="/overview" attr:id="nav-overview" attr:data-testid="nav-overview" {..} class:active=is_overview>
                {move || t().nav_overview}
            </A>
            <A href="/procedure" attr:id="nav-procedure" attr:data-testid="nav-procedure" {..} class:active=is_procedure>
                {move || d().nav_procedure}
            </A>
            <A href="/objectivity" attr:id="nav-objectivity" attr:data-testid="nav-objectivity" {..} class:active=is_objectivity>
                {move || o().nav}
            </A>
            <A href="/reports" attr:id="nav-reports" attr:data-testid="nav-reports" {..} class:active=is_reports>
                {move || d().nav_reports}
            </A>
        </nav>
    }
}
