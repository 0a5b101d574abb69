//! One loaded file: what the importer understood (procedure, counts, tasks, scale, format),
//! the «Уточнить» form and the import report. A refused file shows its error instead.

use crate::components::import_report::ImportReport;
use crate::components::needs_form::NeedsForm;
use crate::i18n::{
    choice_topic_code, choice_topic_name, fmt_int, fmt_score, kind_name, level_name,
    max_source_name, need_name, scale_source_name, table_kind_name, use_lang, use_texts, Lang,
};
use crate::state::{use_state, LoadedFile};
use integra_core::ingest::{FileSummary, ImportedData, Severity, TableKind};
use integra_core::model::{ProcedureKey, Task};
use leptos::prelude::*;
use std::sync::Arc;

/// Stable code of a table kind (for `data-table`).
pub fn table_code(k: TableKind) -> &'static str {
    match k {
        TableKind::PupilResults => "pupil_results",
        TableKind::SchoolResults => "school_results",
        TableKind::SchoolContext => "school_context",
        TableKind::TaskInfo => "task_info",
        TableKind::Reference => "reference",
        TableKind::Refused => "refused",
    }
}

/// `ВПР · Математика · 4 кл. · 2021` in the current language.
pub fn procedure_label(key: &ProcedureKey, lang: Lang) -> String {
    let mut parts = vec![kind_name(key.kind, lang).to_string()];
    if !key.subject.is_empty() {
        parts.push(key.subject.clone());
    }
    if let Some(g) = key.grade {
        parts.push(match lang {
            Lang::Ru => format!("{g} кл."),
            Lang::En => format!("grade {g}"),
        });
    }
    if let Some(y) = key.year {
        parts.push(y.to_string());
    }
    parts.join(" · ")
}

fn stat(label: &'static str, testid: &'static str, value: usize, lang: Lang) -> impl IntoView {
    view! {
        <div class="stat">
            <dt>{label}</dt>
            <dd data-testid=testid data-value=value.to_string()>{fmt_int(value, lang)}</dd>
        </div>
    }
}

/// `15 заданий`, `2 группы`, `1 task`: a count with the noun form of `forms` (one, few, many).
fn count_noun(n: usize, forms: [&'static str; 3], lang: Lang) -> String {
    let form = match lang {
        Lang::En if n == 1 => forms[0],
        Lang::En => forms[2],
        Lang::Ru => {
            let (m10, m100) = (n % 10, n % 100);
            if m10 == 1 && m100 != 11 {
                forms[0]
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                forms[1]
            } else {
                forms[2]
            }
        }
    };
    format!("{} {form}", fmt_int(n, lang))
}

/// The one-line summary of a task-description or reference table (nothing for other tables).
fn data_view(data: &ImportedData, lang: Lang) -> Option<AnyView> {
    let t = crate::i18n::texts(lang);
    match data {
        ImportedData::TaskInfo { info } => {
            let n = info.rows.len();
            let skills = match &info.skill_column {
                Some(c) => format!("{} «{c}»", t.ti_skills_from),
                None => t.ti_no_skills.to_string(),
            };
            let alternatives = (!info.alternatives.is_empty()).then(|| {
                let list = info
                    .alternatives
                    .iter()
                    .map(|(h, _)| h.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                format!(" ({}: {list})", t.ti_alternatives)
            });
            let line = format!(
                "{}: {}, {skills}{}",
                t.ti_title,
                count_noun(n, t.ti_task_forms, lang),
                alternatives.unwrap_or_default()
            );
            Some(
                view! { <div class="fc-data" data-testid="fc-taskinfo" data-value=n.to_string()>{line}</div> }
                    .into_any(),
            )
        }
        ImportedData::Reference { table } => {
            let n = table.groups.len();
            let names = table
                .groups
                .iter()
                .take(6)
                .map(|g| g.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let more = if n > 6 { ", …" } else { "" };
            let main = table
                .main_group()
                .and_then(|g| table.groups.get(g))
                .map(|g| format!("; {}: {}", t.ref_main, g.name))
                .unwrap_or_default();
            let line = format!(
                "{}: {} ({names}{more}){main}",
                t.ref_title,
                count_noun(n, t.ref_group_forms, lang)
            );
            Some(
                view! { <div class="fc-data" data-testid="fc-reference" data-value=n.to_string()>{line}</div> }
                    .into_any(),
            )
        }
        _ => None,
    }
}

/// «Что выбрано и почему»: the importer's decisions with their evidence (nothing when the
/// importer gave none).
fn choices_view(s: &FileSummary, lang: Lang) -> Option<AnyView> {
    if s.choices.is_empty() {
        return None;
    }
    let t = crate::i18n::texts(lang);
    let items = s
        .choices
        .iter()
        .map(|c| {
            let text = match lang {
                Lang::Ru => c.ru.clone(),
                Lang::En => c.en.clone(),
            };
            view! {
                <li data-testid="fc-choice" data-topic=choice_topic_code(c.topic)>
                    <span class="fc-choice-topic">{choice_topic_name(c.topic, lang)}": "</span>
                    {text}
                </li>
            }
        })
        .collect_view();
    Some(
        view! {
            <div class="fc-choices" data-testid="fc-choices" data-value=s.choices.len().to_string()>
                <div class="fc-label">{t.choices_title}":"</div>
                <ul>{items}</ul>
            </div>
        }
        .into_any(),
    )
}

/// A file's name split into its folder (empty for a plain file) and its base name.
pub fn split_path(name: &str) -> (&str, &str) {
    match name.rsplit_once('/') {
        Some((dir, base)) => (dir, base),
        None => ("", name),
    }
}

/// The file's tasks as settled once every file is merged (a description beside the results
/// gives their maxima), else as the file itself gives them.
fn settled_tasks(s: &FileSummary, ds: &integra_core::model::Dataset) -> Vec<Task> {
    s.procedure
        .as_ref()
        .and_then(|k| {
            ds.procedures
                .iter()
                .find(|p| &p.key == k && p.files.contains(&s.file))
        })
        .map_or_else(|| s.tasks.clone(), |p| p.tasks.clone())
}

fn summary_view(s: &FileSummary, tasks: &[Task], lang: Lang) -> AnyView {
    let t = crate::i18n::texts(lang);
    if s.table == TableKind::Refused {
        let errors: Vec<String> = s
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .map(|i| i.message(lang).to_string())
            .collect();
        return view! {
            <div class="fc-error" data-testid="fc-error" role="alert">
                <strong>{t.file_refused}</strong>
                <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any();
    }
    let procedure = s.procedure.as_ref().map(|k| {
        let label = procedure_label(k, lang);
        view! {
            <div class="fc-procedure" data-testid="fc-procedure" data-kind=k.kind.code()>
                <span class="fc-label">{t.procedure}": "</span>
                <strong>{label}</strong>
            </div>
        }
    });
    let max_total: f64 = tasks.iter().map(|t| t.max as f64).sum();
    let n_tasks = tasks.len();
    let tasks = if tasks.is_empty() {
        view! { <span class="muted">{t.tasks_none}</span> }.into_any()
    } else {
        tasks
            .iter()
            .map(|task| {
                let level = task.level.map(|l| level_name(l, lang)).unwrap_or("");
                let kim = task
                    .kim
                    .as_ref()
                    .map(|k| format!(" (№ КИМ {k})"))
                    .unwrap_or_default();
                let title = format!(
                    "{} {}{kim}: {} {} — {}",
                    t.tasks,
                    task.label,
                    t.max_total,
                    task.max,
                    max_source_name(task.max_source, lang)
                );
                view! {
                    <span class="task-chip" title=title>
                        <span class="task-label">{task.label.clone()}</span>
                        <span class="task-max">{task.max}</span>
                        {(!level.is_empty()).then(|| view! { <span class="task-level">{level}</span> })}
                    </span>
                }
            })
            .collect_view()
            .into_any()
    };
    let scale = match &s.scale {
        Some(sc) => view! {
            <span data-testid="fc-scale" data-source=format!("{:?}", sc.source).to_lowercase()>
                "«3» ≥ "{fmt_score(sc.mark3, lang)}", «4» ≥ "{fmt_score(sc.mark4, lang)}
                ", «5» ≥ "{fmt_score(sc.mark5, lang)}
                <span class="muted">" — "{t.scale_source}": "{scale_source_name(sc.source, lang)}</span>
            </span>
        }
        .into_any(),
        None => view! {
            <span data-testid="fc-scale" data-source="missing" class="muted">{t.scale_none}</span>
        }
        .into_any(),
    };
    let is_pupils = s.table == TableKind::PupilResults;
    let has_schools = matches!(
        s.table,
        TableKind::PupilResults | TableKind::SchoolResults | TableKind::SchoolContext
    );
    let needs = (!s.needs.is_empty()).then(|| {
        let list = s
            .needs
            .iter()
            .map(|n| need_name(*n, lang))
            .collect::<Vec<_>>()
            .join(", ");
        view! { <div class="fc-needs" data-testid="fc-needs">{t.needs_title}": "{list}</div> }
    });
    view! {
        {procedure}
        <dl class="fc-stats">
            {stat(t.rows, "fc-rows", s.rows, lang)}
            {is_pupils.then(|| stat(t.participants, "fc-participants", s.participants, lang))}
            {is_pupils.then(|| stat(t.absent, "fc-absent", s.absent, lang))}
            {has_schools.then(|| stat(t.schools, "fc-schools", s.schools, lang))}
            {is_pupils.then(|| stat(t.classes, "fc-classes", s.classes, lang))}
        </dl>
        {is_pupils.then(|| view! {
            <div class="fc-tasks">
                <span class="fc-label">
                    {t.tasks}" (" <span data-testid="fc-tasks" data-value=n_tasks.to_string()>{n_tasks}</span>
                    ", "{t.max_total}" "{fmt_score(max_total, lang)}"): "
                </span>
                <span class="task-chips">{tasks}</span>
                <div class="muted small">{t.level_legend}</div>
            </div>
            <div class="fc-scale"><span class="fc-label">{t.scale}": "</span>{scale}</div>
        })}
        {needs}
    }
    .into_any()
}

#[component]
pub fn FileCard(file: LoadedFile) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let state = use_state();
    let id = file.id;
    let imp: Arc<_> = file.import.clone();
    let s = &imp.summary;
    let refused = s.table == TableKind::Refused;
    let table = s.table;
    let format_line = if s.format_detail.is_empty() {
        s.format.to_uppercase()
    } else {
        format!("{} · {}", s.format.to_uppercase(), s.format_detail)
    };
    let body = {
        let imp = imp.clone();
        move || {
            let l = lang.get();
            let tasks = state
                .analysis
                .with(|a| settled_tasks(&imp.summary, &a.dataset));
            view! {
                {summary_view(&imp.summary, &tasks, l)}
                {data_view(&imp.data, l)}
                {choices_view(&imp.summary, l)}
            }
        }
    };
    let issues = Arc::new(imp.summary.issues.clone());
    let (folder, base) = split_path(&file.name);
    let (folder, base) = (folder.to_string(), base.to_string());
    let folder_line = (!folder.is_empty()).then(|| {
        view! {
            <div class="fc-path" data-testid="fc-path" title=file.name.clone()>
                <span class="fc-label">{move || t().folder}": "</span>
                <span class="fc-folder">{folder.clone()}"/"</span>
            </div>
        }
    });
    view! {
        <article
            class="file-card"
            class:refused=refused
            data-testid="file-card"
            data-file=file.name.clone()
            data-table=table_code(table)
        >
            <header class="fc-head">
                <h3 class="fc-name" data-testid="fc-name" title=file.name.clone()>{base}</h3>
                <span class=format!("badge badge-{}", table_code(table))>
                    {move || table_kind_name(table, lang.get())}
                </span>
                <span class="fc-format" data-testid="fc-format">{format_line}</span>
                <button
                    type="button"
                    class="btn btn-small btn-ghost fc-remove"
                    data-testid="fc-remove"
                    on:click=move |_| state.remove(id)
                >
                    {move || t().remove_file}" ✕"
                </button>
            </header>
            {folder_line}
            <div class="fc-body">{body}</div>
            <NeedsForm file=file.clone()/>
            <ImportReport issues=issues/>
        </article>
    }
}
