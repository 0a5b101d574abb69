//! «Отчёты»: a printable report per level (district, school, class, pupil) — the level's view
//! under the print styles, which the browser's «Save as PDF» turns into a clean A4 document with
//! charts — and every table of the level in one XLSX workbook.

use crate::analysis;
use crate::components::export_buttons::export_xlsx;
use crate::components::file_card::procedure_label;
use crate::i18n::{use_drill_texts, use_lang, use_texts};
use crate::pages::procedure::EmptyData;
use crate::state::{use_state, AppState};
use crate::tables::{
    children_table, items_table, mark_groups_table, pupil_href, pupils_table, scope_href,
    sheet_table, skills_table, summary_table, task_table,
};
use integra_core::report::drill::Scope;
use integra_core::report::export::Table;
use leptos::prelude::*;
use leptos_router::components::A;

/// Every table of a level, as exported to XLSX.
fn level_tables(
    state: AppState,
    id: &str,
    scope: &Scope,
    pupil: Option<&str>,
    lang: crate::i18n::Lang,
) -> Vec<Table> {
    state.analysis.with_untracked(|a| {
        let ds = &a.dataset;
        let mut out = Vec::new();
        if let (Some(p), Scope::Class { school, class }) = (pupil, scope) {
            if let Some(s) = analysis::sheet(ds, id, school, class, p) {
                out.push(sheet_table(&s, lang).table);
            }
            return out;
        }
        let Some(g) = analysis::group(ds, id, scope) else {
            return out;
        };
        let tasks = analysis::procedure(ds, id)
            .map(|p| p.tasks.clone())
            .unwrap_or_default();
        let district = analysis::group(ds, id, &Scope::District);
        out.push(summary_table(&g, district.as_ref(), lang).table);
        out.push(task_table(&g, lang).table);
        if let Some(mg) = &g.mark_groups {
            out.push(mark_groups_table(mg, &tasks, lang).table);
        }
        if let Some(ia) = &g.item_analysis {
            out.push(items_table(ia, &tasks, lang).table);
        }
        let typed = state.skill_texts.with_untracked(|m| m.get(id).cloned());
        if let Some(v) = analysis::skills(ds, id, scope, typed.as_deref()) {
            if !v.group.skills.is_empty() {
                let district = (!matches!(scope, Scope::District)).then_some(&v.district);
                out.push(skills_table(&v.group, district, &tasks, lang).table);
            }
        }
        match scope {
            Scope::District | Scope::School { .. } => {
                let rows = analysis::children(ds, id, scope);
                out.push(children_table(id, &rows, matches!(scope, Scope::District), lang).table);
            }
            Scope::Class { school, class } => {
                let rows = analysis::pupils(ds, id, school, class);
                out.push(pupils_table(id, school, class, &tasks, &rows, lang).table);
            }
        }
        out
    })
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let state = use_state();
    let d = use_drill_texts();
    let t = use_texts();
    let lang = use_lang();
    let has_data = move || state.analysis.with(|a| !a.dataset.procedures.is_empty());
    let procedure = RwSignal::new(String::new());
    let school = RwSignal::new(String::new());
    let class = RwSignal::new(String::new());
    let pupil = RwSignal::new(String::new());
    // Default to the first procedure once data is there.
    Effect::new(move |_| {
        let first = state
            .analysis
            .with(|a| a.overview.procedures.first().map(|p| p.id.clone()));
        let known = state.analysis.with(|a| {
            a.overview
                .procedures
                .iter()
                .any(|p| p.id == procedure.get_untracked())
        });
        if !known {
            procedure.set(first.unwrap_or_default());
        }
    });
    let schools = Memo::new(move |_| {
        let id = procedure.get();
        state.analysis.with(|a| {
            analysis::children(&a.dataset, &id, &Scope::District)
                .into_iter()
                .map(|c| c.label)
                .collect::<Vec<_>>()
        })
    });
    let classes = Memo::new(move |_| {
        let (id, s) = (procedure.get(), school.get());
        if s.is_empty() {
            return Vec::new();
        }
        state.analysis.with(|a| {
            analysis::children(&a.dataset, &id, &Scope::School { school: s })
                .into_iter()
                .map(|c| c.label)
                .collect::<Vec<_>>()
        })
    });
    let pupils = Memo::new(move |_| {
        let (id, s, c) = (procedure.get(), school.get(), class.get());
        if s.is_empty() || c.is_empty() {
            return Vec::new();
        }
        state.analysis.with(|a| {
            analysis::pupils(&a.dataset, &id, &s, &c)
                .into_iter()
                .map(|p| p.pupil)
                .collect::<Vec<_>>()
        })
    });
    let scope = move || {
        let (s, c) = (school.get(), class.get());
        match (s.is_empty(), c.is_empty()) {
            (true, _) => Scope::District,
            (false, true) => Scope::School { school: s },
            (false, false) => Scope::Class {
                school: s,
                class: c,
            },
        }
    };
    let href = move || {
        let id = procedure.get();
        let p = pupil.get();
        match scope() {
            Scope::Class { school, class } if !p.is_empty() => pupil_href(&id, &school, &class, &p),
            s => scope_href(&id, &s),
        }
    };
    let level = move || {
        let d = d();
        if !pupil.get().is_empty() {
            d.level_pupil
        } else {
            match scope() {
                Scope::District => d.level_district,
                Scope::School { .. } => d.level_school,
                Scope::Class { .. } => d.level_class,
            }
        }
    };
    let select = move |sig: RwSignal<String>,
                       items: Memo<Vec<String>>,
                       all_label: &'static str,
                       testid: &'static str,
                       resets: Vec<RwSignal<String>>| {
        view! {
            <select data-testid=testid prop:value=move || sig.get() on:change=move |ev| {
                sig.set(event_target_value(&ev));
                for r in &resets { r.set(String::new()); }
            }>
                <option value="">{all_label}</option>
                {move || items.get().into_iter().map(|v| view! { <option value=v.clone()>{v.clone()}</option> }).collect_view()}
            </select>
        }
    };
    let procedures = move || {
        let l = lang.get();
        state.analysis.with(|a| {
            a.overview
                .procedures
                .iter()
                .map(|p| view! { <option value=p.id.clone() selected=p.id == procedure.get_untracked()>{procedure_label(&p.key, l)}</option> })
                .collect_view()
        })
    };
    let download = move |_| {
        let id = procedure.get_untracked();
        let p = pupil.get_untracked();
        let sc = scope();
        let l = lang.get_untracked();
        let tables = level_tables(state, &id, &sc, (!p.is_empty()).then_some(p.as_str()), l);
        let stem = crate::components::drill::file_stem(&id, &sc, "report");
        export_xlsx(&tables, &stem, l);
    };
    view! {
        <section class="page page-reports">
            <h1>{move || d().nav_reports}</h1>
            <Show when=has_data fallback=|| view! { <EmptyData/> }>
                <p class="muted">{move || d().reports_intro}</p>
                <div class="report-form">
                    <label><span>{move || t().procedure}</span>
                        <select data-testid="report-procedure" on:change=move |ev| {
                            procedure.set(event_target_value(&ev));
                            school.set(String::new()); class.set(String::new()); pupil.set(String::new());
                        }>{procedures}</select>
                    </label>
                    <label><span>{move || d().level_school}</span>
                        {select(school, schools, "—", "report-school", vec![class, pupil])}</label>
                    <label><span>{move || d().level_class}</span>
                        {select(class, classes, "—", "report-class", vec![pupil])}</label>
                    <label><span>{move || d().level_pupil}</span>
                        {select(pupil, pupils, "—", "report-pupil", vec![])}</label>
                </div>
                <p class="report-level">{move || d().report_level}": "<strong data-testid="report-level">{level}</strong></p>
                <div class="report-actions">
                    <A href=href attr:class="btn btn-primary" attr:data-testid="report-open">{move || d().report_open}</A>
                    <button class="btn" data-testid="report-xlsx" on:click=download>{move || d().export_all}</button>
                </div>
                <p class="muted small">{move || d().reports_print_hint}</p>
            </Show>
        </section>
    }
}
