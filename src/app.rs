//! The shell (header with navigation and language switch, privacy banner, footer) and the
//! router. Routes are real URLs: `/` and `/data` show «Данные», `/overview` «Обзор района»,
//! `/procedure/:id[/school/:school[/class/:class[/pupil/:pupil]]]` the drill-down.

use crate::components::lang_switch::LangSwitch;
use crate::components::nav::Nav;
use crate::i18n::{provide_i18n, use_texts};
use crate::pages::objectivity::{ObjectivityPage, ObjectivitySchoolPage};
use crate::pages::procedure::{ProcedureIndex, ProcedurePage};
use crate::pages::pupil::PupilPage;
use crate::pages::reports::ReportsPage;
use crate::pages::{data::DataPage, overview::OverviewPage};
use crate::state::AppState;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    AppState::provide();
    let t = use_texts();
    view! {
        <Router>
            <header class="app-header">
                <div class="brand">
                    <span class="brand-mark" aria-hidden="true">"∫"</span>
                    <span class="brand-name">{move || t().app_name}</span>
                    <span class="brand-tagline">{move || t().app_tagline}</span>
                </div>
                <Nav/>
                <LangSwitch/>
            </header>
            <div class="privacy-banner" data-testid="privacy" id="privacy">
                <svg class="lock" aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
                    <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor"/>
                    <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.6"/>
                </svg>
                <strong>{move || t().privacy_promise}</strong>
                <span class="privacy-detail">{move || t().privacy_detail}</span>
            </div>
            <crate::components::objectivity::recheck::RecheckBanner/>
            <main class="app-main">
                <ErrorBoundary fallback=move |errors| {
                    view! {
                        <div class="error-page" data-testid="error-boundary">
                            <h2>{move || t().error_title}</h2>
                            <ul>
                                {move || {
                                    errors
                                        .get()
                                        .into_iter()
                                        .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                                        .collect_view()
                                }}
                            </ul>
                        </div>
                    }
                }>
                    <Routes fallback=move || {
                        view! {
                            <div class="not-found" data-testid="not-found">
                                {move || t().not_found}
                            </div>
                        }
                    }>
                        <Route path=path!("/") view=DataPage/>
                        <Route path=path!("/data") view=DataPage/>
                        <Route path=path!("/overview") view=OverviewPage/>
                        <Route path=path!("/procedure") view=ProcedureIndex/>
                        <Route path=path!("/procedure/:id") view=ProcedurePage/>
                        <Route path=path!("/procedure/:id/school/:school") view=ProcedurePage/>
                        <Route path=path!("/procedure/:id/school/:school/class/:class") view=ProcedurePage/>
                        <Route path=path!("/procedure/:id/school/:school/class/:class/pupil/:pupil") view=PupilPage/>
                        <Route path=path!("/reports") view=ReportsPage/>
                        <Route path=path!("/objectivity") view=ObjectivityPage/>
                        <Route path=path!("/objectivity/school/:code") view=ObjectivitySchoolPage/>
                    </Routes>
                </ErrorBoundary>
            </main>
            <footer class="app-footer">{move || t().footer}</footer>
        </Router>
    }
}
