//! «Процедура»: one procedure at one level — district, school or class — with every METHODOLOGY
//! §2 figure beside the level above, and the table of the level below (schools, classes,
//! pupils). Routes: `/procedure/:id`, `…/school/:school`, `…/class/:class` (see `app.rs`).

use crate::analysis;
use crate::components::data_table::DataTable;
use crate::components::drill::breadcrumbs::Breadcrumbs;
use crate::components::drill::concordance::ConcordanceSection;
use crate::components::drill::histogram::ScoreHistogram;
use crate::components::drill::items::Items;
use crate::components::drill::mark_groups::MarkGroupsSection;
use crate::components::drill::marks::Marks;
use crate::components::drill::picker::ProcedurePicker;
use crate::components::drill::skills::Skills;
use crate::components::drill::summary::Summary;
use crate::components::drill::tasks::Tasks;
use crate::components::drill::trends::Trends;
use crate::components::drill::{file_stem, DrillCtx};
use crate::components::file_card::procedure_label;
use crate::i18n::{use_drill_texts, use_lang, use_texts};
use crate::state::use_state;
use crate::tables::{children_table, pupils_table, ViewTable};
use integra_core::report::drill::Scope;
use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_params_map;

/// A route parameter, percent-decoded.
pub fn param(map: &leptos_router::params::ParamsMap, name: &str) -> Option<String> {
    map.get(name).map(|v| {
        if v.contains('%') {
            js_sys::decode_uri_component(&v)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or(v)
        } else {
            v
        }
    })
}

/// Builds the drill-down context from the route and puts it in context.
pub fn provide_drill() -> DrillCtx {
    let state = use_state();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| param(p, "id")).unwrap_or_default());
    let scope = Memo::new(move |_| {
        params.with(|p| match (param(p, "school"), param(p, "class")) {
            (Some(school), Some(class)) => Scope::Class { school, class },
            (Some(school), None) => Scope::School { school },
            _ => Scope::District,
        })
    });
    let key = Memo::new(move |_| {
        let id = id.get();
        state
            .analysis
            .with(|a| analysis::procedure(&a.dataset, &id).map(|p| p.key.clone()))
    });
    let tasks = Memo::new(move |_| {
        let id = id.get();
        state.analysis.with(|a| {
            analysis::procedure(&a.dataset, &id)
                .map(|p| p.tasks.clone())
                .unwrap_or_default()
        })
    });
    let report = Memo::new(move |_| {
        let (id, scope) = (id.get(), scope.get());
        state
            .analysis
            .with(|a| analysis::group(&a.dataset, &id, &scope))
    });
    let district = Memo::new(move |_| {
        let id = id.get();
        match scope.get() {
            Scope::District => report.get(),
            _ => state
                .analysis
                .with(|a| analysis::group(&a.dataset, &id, &Scope::District)),
        }
    });
    let school = Memo::new(move |_| {
        let id = id.get();
        match scope.get() {
            Scope::Class { school, .. } => state
                .analysis
                .with(|a| analysis::group(&a.dataset, &id, &Scope::School { school })),
            _ => None,
        }
    });
    let children = Memo::new(move |_| {
        let (id, scope) = (id.get(), scope.get());
        state
            .analysis
            .with(|a| analysis::children(&a.dataset, &id, &scope))
    });
    let ctx = DrillCtx {
        id,
        key,
        tasks,
        scope,
        report,
        district,
        school,
        children,
    };
    provide_context(ctx);
    ctx
}

/// «Разделы»: buttons that scroll to each section of the page.
#[component]
fn SectionLinks() -> impl IntoView {
    let d = use_drill_texts();
    let ctx = crate::components::drill::use_drill();
    let links = move || {
        let d = d();
        let scope = ctx.scope.get();
        let below = match scope {
            Scope::District => d.sec_schools,
            Scope::School { .. } => d.sec_classes,
            Scope::Class { .. } => d.sec_pupils,
        };
        [
            ("summary", d.sec_summary),
            ("marks", d.sec_marks),
            ("histogram", d.sec_histogram),
            ("tasks", d.sec_tasks),
            ("mark-groups", d.sec_mark_groups),
            ("concordance", d.sec_concordance),
            ("items", d.sec_items),
            ("skills", d.sec_skills),
            ("trends", d.sec_trends),
            ("below", below),
        ]
        .into_iter()
        .filter(move |(id, _)| *id != "trends" || !matches!(scope, Scope::Class { .. }))
        .map(|(id, label)| {
            let go = move |_| {
                if let Some(el) = document().get_element_by_id(id) {
                    el.scroll_into_view();
                }
            };
            view! { <button class="section-link" on:click=go>{label}</button> }
        })
        .collect_view()
    };
    view! {
        <nav class="section-links no-print" aria-label=move || d().contents>
            <span class="muted small">{move || d().contents}":"</span>
            {links}
        </nav>
    }
}

/// `/procedure`: the first procedure, or the empty state.
#[component]
pub fn ProcedureIndex() -> impl IntoView {
    let state = use_state();
    let first = move || {
        state
            .analysis
            .with(|a| a.overview.procedures.first().map(|p| p.id.clone()))
    };
    view! {
        {move || match first() {
            Some(id) => view! { <Redirect path=crate::tables::scope_href(&id, &Scope::District)/> }.into_any(),
            None => view! { <section class="page"><EmptyData/></section> }.into_any(),
        }}
    }
}

/// «No data yet» with a way to the data screen.
#[component]
pub fn EmptyData() -> impl IntoView {
    let d = use_drill_texts();
    let t = use_texts();
    view! {
        <div class="empty-state" data-testid="drill-empty">
            <p>{move || d().empty}</p>
            <A href="/data" attr:class="btn btn-primary">{move || t().overview_empty_link}</A>
        </div>
    }
}

#[component]
pub fn ProcedurePage() -> impl IntoView {
    let ctx = provide_drill();
    let state = use_state();
    let d = use_drill_texts();
    let lang = use_lang();
    let has_data = move || state.analysis.with(|a| !a.dataset.procedures.is_empty());
    let found = move || ctx.report.with(Option::is_some);
    let title = move || {
        let l = lang.get();
        let d = d();
        let key = ctx
            .key
            .get()
            .map(|k| procedure_label(&k, l))
            .unwrap_or_default();
        let level = match ctx.scope.get() {
            Scope::District => d.level_district.to_string(),
            Scope::School { school } => {
                let name = state.analysis.with(|a| {
                    a.dataset
                        .schools
                        .iter()
                        .find(|s| s.code == school)
                        .and_then(|s| s.name.clone())
                });
                match name {
                    Some(n) => format!("{} {school} — {n}", d.level_school),
                    None => format!("{} {school}", d.level_school),
                }
            }
            Scope::Class { school, class } => {
                format!("{} {school}, {} {class}", d.level_school, d.level_class)
            }
        };
        (key, level)
    };
    let below = move || {
        let l = lang.get();
        let d = d();
        let id = ctx.id.get();
        match ctx.scope.get() {
            Scope::District | Scope::School { .. } => {
                let schools = matches!(ctx.scope.get(), Scope::District);
                let table = Signal::derive(move || {
                    let id = ctx.id.get();
                    ctx.children
                        .with(|c| children_table(&id, c, schools, lang.get()))
                });
                let stem = Signal::derive(move || {
                    file_stem(
                        &ctx.id.get(),
                        &ctx.scope.get(),
                        if schools { "schools" } else { "classes" },
                    )
                });
                let title = if schools {
                    d.sec_schools
                } else {
                    d.sec_classes
                };
                let testid = if schools {
                    "schools-table"
                } else {
                    "classes-table"
                };
                view! {
                    <section class="drill-section" id="below">
                        <h2>{title}</h2>
                        <DataTable table=table testid=testid file_stem=stem/>
                    </section>
                }
                .into_any()
            }
            Scope::Class { school, class } => {
                let rows = state
                    .analysis
                    .with(|a| analysis::pupils(&a.dataset, &id, &school, &class));
                let tasks = ctx.tasks.get();
                let t: ViewTable = pupils_table(&id, &school, &class, &tasks, &rows, l);
                let stem = file_stem(&id, &ctx.scope.get(), "pupils");
                view! {
                    <section class="drill-section" id="below">
                        <h2>{d.sec_pupils}</h2>
                        <p class="muted small">{d.pseudonym_note}</p>
                        <DataTable table=Signal::stored(t) testid="pupils-table" file_stem=Signal::stored(stem)/>
                    </section>
                }
                .into_any()
            }
        }
    };
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <section class="page page-procedure">
            <Show when=has_data fallback=|| view! { <EmptyData/> }>
                <ProcedurePicker/>
                <Breadcrumbs id=ctx.id scope=ctx.scope/>
                <Show when=found fallback=move || view! { <p class="notice" data-testid="drill-unknown">{move || d().unknown}</p> }>
                    <header class="drill-head">
                        <div>
                            <h1 data-testid="drill-title">{move || title().0}</h1>
                            <p class="drill-level" data-testid="drill-level">{move || title().1}</p>
                        </div>
                        <button class="btn no-print" data-testid="print" on:click=print>{move || d().print}</button>
                    </header>
                    <SectionLinks/>
                    <Summary/>
                    <Marks/>
                    <ScoreHistogram/>
                    <Tasks/>
                    <MarkGroupsSection/>
                    <ConcordanceSection/>
                    <Items/>
                    <Skills/>
                    {move || (!matches!(ctx.scope.get(), Scope::Class { .. })).then(|| view! { <Trends/> })}
                    {below}
                </Show>
            </Show>
        </section>
    }
}
