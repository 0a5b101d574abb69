//! The pupil's sheet (`/procedure/:id/school/:school/class/:class/pupil/:pupil`): one printable
//! page for a pupil and family — the score per task against the class and the district, in plain
//! words, what went well and what to work on. The pupil is named only by the session pseudonym.

use crate::analysis;
use crate::components::data_table::DataTable;
use crate::components::drill::breadcrumbs::Breadcrumbs;
use crate::components::file_card::procedure_label;
use crate::i18n::{drill_texts, fmt_pct, fmt_score, use_drill_texts, use_lang, Lang};
use crate::pages::procedure::{param, EmptyData};
use crate::state::use_state;
use crate::tables::sheet_table;
use integra_core::report::drill::{Mastery, Scope, SheetTask, Versus};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The plain-words reading of one task.
pub fn task_words(t: &SheetTask, lang: Lang) -> String {
    let d = drill_texts(lang);
    let mastery = match t.mastery {
        Mastery::Full => d.mastery_full,
        Mastery::Partial => d.mastery_partial,
        Mastery::Zero => d.mastery_zero,
        Mastery::Missing => d.mastery_missing,
    };
    match t.versus_class {
        Some(v) => {
            let versus = match v {
                Versus::Above => d.versus_above,
                Versus::Similar => d.versus_similar,
                Versus::Below => d.versus_below,
            };
            format!("{mastery}; {versus}")
        }
        None => mastery.to_string(),
    }
}

/// CSS class of the pupil's score cell.
pub fn mastery_class(m: Mastery) -> &'static str {
    match m {
        Mastery::Full => "st-ok",
        Mastery::Partial => "st-border",
        Mastery::Zero => "st-low",
        Mastery::Missing => "",
    }
}

#[component]
pub fn PupilPage() -> impl IntoView {
    let state = use_state();
    let params = use_params_map();
    let d = use_drill_texts();
    let lang = use_lang();
    let get = move |name: &'static str| {
        Memo::new(move |_| params.with(|p| param(p, name)).unwrap_or_default())
    };
    let (id, school, class, pupil) = (get("id"), get("school"), get("class"), get("pupil"));
    let sheet = Memo::new(move |_| {
        let (id, s, c, p) = (id.get(), school.get(), class.get(), pupil.get());
        state
            .analysis
            .with(|a| analysis::sheet(&a.dataset, &id, &s, &c, &p))
    });
    let scope = Signal::derive(move || Scope::Class {
        school: school.get(),
        class: class.get(),
    });
    let has_data = move || state.analysis.with(|a| !a.dataset.procedures.is_empty());
    let body = move || {
        let l = lang.get();
        let d = d();
        let Some(s) = sheet.get() else {
            return view! { <p class="notice" data-testid="drill-unknown">{d.unknown}</p> }
                .into_any();
        };
        let key = state
            .analysis
            .with(|a| analysis::procedure(&a.dataset, &s.procedure).map(|p| p.key.clone()));
        let title = key.map(|k| procedure_label(&k, l)).unwrap_or_default();
        let total = match (s.total, s.max_total) {
            (Some(x), Some(m)) => format!("{} / {}", fmt_score(x, l), fmt_score(m, l)),
            (Some(x), None) => fmt_score(x, l),
            _ => "—".into(),
        };
        let mark = s.mark.map(|m| m.to_string()).unwrap_or_else(|| "—".into());
        let journal = s
            .journal
            .map(|m| m.to_string())
            .unwrap_or_else(|| "—".into());
        let good = grouped(
            s.tasks
                .iter()
                .filter(|x| x.mastery == Mastery::Full || x.versus_class == Some(Versus::Above)),
            l,
        );
        let work = grouped(
            s.tasks
                .iter()
                .filter(|x| x.mastery == Mastery::Zero || x.versus_class == Some(Versus::Below)),
            l,
        );
        let list = |items: Vec<String>, testid: &'static str| {
            if items.is_empty() {
                view! { <p data-testid=testid>{d.sheet_none}</p> }.into_any()
            } else {
                view! { <ul data-testid=testid>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
            }
        };
        let table = sheet_table(&s, l);
        let means = match (s.class_mean_score, s.district_mean_score) {
            (c, Some(dm)) => format!(
                "{}: {} · {}: {}",
                d.sheet_col_class,
                c.map(|c| fmt_pct(c, l)).unwrap_or_else(|| "—".into()),
                d.col_district,
                fmt_pct(dm, l)
            ),
            _ => String::new(),
        };
        view! {
            <header class="drill-head">
                <div>
                    <h1 data-testid="drill-title">{d.sheet_title}</h1>
                    <p class="drill-level">{title}" · "{d.level_class}" "{s.class.clone()}" · "{d.level_pupil}" "
                        <code data-testid="sheet-pupil">{s.pupil.clone()}</code></p>
                </div>
                <button class="btn no-print" data-testid="print" on:click=move |_| { let _ = window().print(); }>{d.print}</button>
            </header>
            <p class="muted">{d.sheet_intro}</p>
            {s.absent.then(|| view! { <p class="notice" data-testid="sheet-absent">{d.sheet_absent}</p> })}
            <div class="metric-cards sheet-cards">
                <div class="metric-card"><div class="mc-label">{d.sheet_score}</div>
                    <div class="mc-value" data-testid="sheet-total" data-value=s.total.map(|x| x.to_string()).unwrap_or_default()>{total}</div>
                    <div class="mc-compare">{d.col_mean_score}": "{means}</div></div>
                <div class="metric-card"><div class="mc-label">{d.sheet_mark}</div>
                    <div class="mc-value" data-testid="sheet-mark">{mark}</div></div>
                <div class="metric-card"><div class="mc-label">{d.sheet_journal}</div>
                    <div class="mc-value" data-testid="sheet-journal">{journal}</div></div>
            </div>
            <div class="sheet-lists">
                <div><h2>{d.sheet_strengths}</h2>{list(good, "sheet-good")}</div>
                <div><h2>{d.sheet_work_on}</h2>{list(work, "sheet-work")}</div>
            </div>
            <DataTable table=Signal::stored(table) testid="sheet-table"
                file_stem=Signal::stored(format!("{}-{}-{}-{}", s.procedure, s.school, s.class, s.pupil))/>
            <p class="muted small sheet-footer">{d.sheet_footer}</p>
        }
        .into_any()
    };
    view! {
        <section class="page page-pupil">
            <Show when=has_data fallback=|| view! { <EmptyData/> }>
                <Breadcrumbs id=id scope=scope pupil=Signal::derive(move || Some(pupil.get()))/>
                {body}
            </Show>
        </section>
    }
}

/// Tasks for the lists, those of one skill together: «Задания 1, 2, 3: умение», «Задание 7».
pub fn grouped<'a>(tasks: impl Iterator<Item = &'a SheetTask>, lang: Lang) -> Vec<String> {
    let d = drill_texts(lang);
    let mut groups: Vec<(Option<&str>, Vec<&str>)> = Vec::new();
    for t in tasks {
        let skill = t.skill.as_deref();
        match groups.iter_mut().find(|g| skill.is_some() && g.0 == skill) {
            Some(g) => g.1.push(&t.label),
            None => groups.push((skill, vec![&t.label])),
        }
    }
    groups
        .into_iter()
        .map(|(skill, labels)| {
            let head = if labels.len() > 1 {
                d.col_tasks
            } else {
                d.col_task
            };
            match skill {
                Some(s) => format!("{head} {}: {s}", labels.join(", ")),
                None => format!("{head} {}", labels.join(", ")),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use integra_core::report::drill::Mastery;

    fn t(label: &str, skill: Option<&str>) -> SheetTask {
        SheetTask {
            label: label.into(),
            level: None,
            skill: skill.map(str::to_string),
            max: 1,
            score: Some(1),
            mastery: Mastery::Full,
            class: None,
            district: None,
            versus_class: None,
            district_status: None,
        }
    }

    #[test]
    fn tasks_of_one_skill_read_together() {
        let tasks = [
            t("1", Some("Числа")),
            t("2", None),
            t("3", Some("Числа")),
            t("4", None),
        ];
        assert_eq!(
            grouped(tasks.iter(), Lang::Ru),
            vec!["Задания 1, 3: Числа", "Задание 2", "Задание 4"]
        );
        assert_eq!(task_words(&tasks[0], Lang::En), "fully done");
    }
}
