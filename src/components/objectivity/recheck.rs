//! «Перепроверка работ» on «Объективность»: the plan of the sample, the sample with its lists
//! to download, the filled lists to load, the agreement with the verdicts, and the switch to
//! analyse with the re-checked scores. Every figure comes from `report::recheck`.

use super::recheck_tables as tables;
use crate::components::data_table::DataTable;
use crate::components::import_report::ImportReport;
use crate::download::save_bytes;
use crate::i18n::{fmt_int, use_lang, use_recheck_texts, Lang, RecheckTexts};
use crate::state::use_state;
use crate::tables::ViewTable;
use integra_core::objectivity::recheck::{RecheckError, RecheckPlan};
use integra_core::report::recheck::{agreement_rows, sample_rows, task_rows};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// A numeric field of the plan: (field, label, whole number, get).
type Field = (
    &'static str,
    fn(&RecheckTexts) -> &'static str,
    bool,
    fn(&RecheckPlan) -> String,
);

fn fields() -> [Field; 6] {
    [
        (
            "works_per_unit",
            |r| r.works_per_unit,
            true,
            |p| p.works_per_unit.to_string(),
        ),
        (
            "sign_weight",
            |r| r.sign_weight,
            false,
            |p| p.sign_weight.to_string(),
        ),
        (
            "school_weight",
            |r| r.school_weight,
            false,
            |p| p.school_weight.to_string(),
        ),
        (
            "min_per_school",
            |r| r.min_per_school,
            true,
            |p| p.min_per_school.to_string(),
        ),
        (
            "boundary_share",
            |r| r.boundary_share,
            false,
            |p| p.boundary_share.to_string(),
        ),
        ("seed", |r| r.seed, true, |p| p.seed.to_string()),
    ]
}

/// The plan from the form's texts, or what is wrong with a field (its label first).
fn read_plan(
    values: &[String],
    procedures: Vec<String>,
    schools: &str,
    r: &RecheckTexts,
) -> Result<RecheckPlan, String> {
    let mut plan = RecheckPlan {
        procedures,
        schools: schools
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        ..RecheckPlan::default()
    };
    for ((field, label, whole, _), raw) in fields().iter().zip(values) {
        let v = raw.trim();
        let bad = |msg: &str| format!("{}: {}", label(r), msg.replace("{value}", v));
        if *whole {
            let n: u64 = v.parse().map_err(|_| bad(r.not_integer))?;
            match *field {
                "works_per_unit" => plan.works_per_unit = n as usize,
                "min_per_school" => plan.min_per_school = n as usize,
                _ => plan.seed = n,
            }
        } else {
            let x: f64 = v.replace(',', ".").parse().map_err(|_| bad(r.not_number))?;
            match *field {
                "sign_weight" => plan.sign_weight = x,
                "school_weight" => plan.school_weight = x,
                _ => plan.boundary_share = x,
            }
        }
    }
    Ok(plan)
}

/// The core's error with the label of the field it names.
fn error_text(e: &RecheckError, r: &RecheckTexts, lang: Lang) -> String {
    let name = match e {
        RecheckError::BadWeight { name, .. } | RecheckError::OutOfRange { name, .. } => Some(*name),
        _ => None,
    };
    let label = name.and_then(|n| fields().into_iter().find(|f| f.0 == n).map(|f| (f.1)(r)));
    match label {
        Some(l) => format!("{l}: {}", e.message(lang)),
        None => e.message(lang),
    }
}

/// The plan form and the button «Составить выборку».
#[component]
fn PlanForm() -> impl IntoView {
    let state = use_state();
    let r = use_recheck_texts();
    let lang = use_lang();
    let plan = state.recheck.with_untracked(|x| x.plan.clone());
    let values: Vec<RwSignal<String>> = fields()
        .iter()
        .map(|f| RwSignal::new((f.3)(&plan)))
        .collect();
    let chosen = RwSignal::new(plan.procedures.clone());
    let schools = RwSignal::new(plan.schools.join(", "));
    let form_error: RwSignal<Option<String>> = RwSignal::new(None);
    let inputs = {
        let values = values.clone();
        move || {
            let r = r();
            fields()
                .iter()
                .zip(&values)
                .map(|((field, label, whole, _), &sig)| {
                    view! {
                        <label class="obj-setting">
                            <span>{label(r)}</span>
                            <input type="text" inputmode=if *whole { "numeric" } else { "decimal" }
                                data-testid=format!("recheck-{field}")
                                prop:value=move || sig.get()
                                on:input=move |ev| sig.set(event_target_value(&ev))/>
                        </label>
                    }
                })
                .collect_view()
        }
    };
    let procedures = move || {
        state.source.with(|a| {
            a.dataset
                .procedures
                .iter()
                .map(|p| {
                    let id = p.key.id();
                    let label = crate::components::file_card::procedure_label(&p.key, lang.get());
                    let checked = {
                        let id = id.clone();
                        move || chosen.with(|c| c.contains(&id))
                    };
                    let on = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        chosen.update(|c| {
                            c.retain(|x| *x != id);
                            if on {
                                c.push(id.clone());
                            }
                        });
                    };
                    view! {
                        <label class="obj-check">
                            <input type="checkbox" prop:checked=checked on:change=on/>" "{label}
                        </label>
                    }
                })
                .collect_view()
        })
    };
    let chosen_line = move || {
        let n = chosen.with(Vec::len);
        let all = state.source.with(|a| a.dataset.procedures.len());
        if n == 0 || n == all {
            format!("{}: {}", r().procedures, r().all_procedures)
        } else {
            format!(
                "{}: {} {} {}",
                r().procedures,
                fmt_int(n, lang.get()),
                r().of,
                fmt_int(all, lang.get())
            )
        }
    };
    let compose = {
        let values = values.clone();
        move |_| {
            let texts: Vec<String> = values.iter().map(|v| v.get_untracked()).collect();
            match read_plan(
                &texts,
                chosen.get_untracked(),
                &schools.get_untracked(),
                r(),
            ) {
                Ok(plan) => {
                    form_error.set(None);
                    state.compose_sample(plan);
                }
                Err(e) => form_error.set(Some(e)),
            }
        }
    };
    let error = move || {
        let core = state
            .recheck
            .with(|x| x.error.as_ref().map(|e| error_text(e, r(), lang.get())));
        form_error.get().or(core)
    };
    view! {
        <h3 class="sub">{move || r().plan_title}</h3>
        <div class="obj-settings-grid recheck-plan">{inputs}</div>
        <details class="recheck-procedures">
            <summary>{chosen_line}</summary>
            <div class="obj-checks">{procedures}</div>
        </details>
        <label class="recheck-schools">
            <span>{move || r().schools}" ("{move || r().schools_hint}")"</span>
            <input type="text" data-testid="recheck-schools" prop:value=move || schools.get()
                on:input=move |ev| schools.set(event_target_value(&ev))/>
        </label>
        <p>
            <button class="btn btn-primary" data-testid="recheck-compose" on:click=compose>{move || r().compose}</button>
        </p>
        {move || error().map(|e| view! { <p class="notice recheck-error" role="alert" data-testid="recheck-error">{e}</p> })}
    }
}

/// The sample: the summary tables and the download of the lists.
#[component]
fn SampleView() -> impl IntoView {
    let state = use_state();
    let r = use_recheck_texts();
    let lang = use_lang();
    let summary = Memo::new(move |_| {
        let list = state.recheck.with(|x| x.list.clone())?;
        Some(Arc::new(
            state.source.with(|a| sample_rows(&list, &a.dataset)),
        ))
    });
    let table = move |f: fn(
        &integra_core::report::recheck::SampleSummary,
        &integra_core::model::Dataset,
        Lang,
    ) -> ViewTable| {
        Signal::derive(move || {
            let l = lang.get();
            summary
                .get()
                .map(|s| state.source.with(|a| f(&s, &a.dataset, l)))
                .unwrap_or_default()
        })
    };
    let schools = table(|s, _, l| tables::sample_schools(s, l));
    let procedures = table(tables::sample_procedures);
    let line = move || {
        summary.get().map(|s| {
            r().sample_line
                .replace("{works}", &fmt_int(s.works, lang.get()))
                .replace("{schools}", &fmt_int(s.schools.len(), lang.get()))
        })
    };
    let download = move |_| {
        let Some(list) = state.recheck.with_untracked(|x| x.list.clone()) else {
            return;
        };
        let l = lang.get_untracked();
        if let Some((name, bytes)) = state
            .source
            .with_untracked(|a| crate::analysis::recheck_zip(&list, &a.dataset, l))
        {
            save_bytes(&name, "application/zip", &bytes);
        }
    };
    view! {
        <Show when=move || summary.with(Option::is_some)>
            <h3 class="sub">{move || r().sample_title}</h3>
            <p data-testid="recheck-sample-line"
                data-works=move || summary.get().map(|s| s.works.to_string())>{line}</p>
            <p class="no-print">
                <button class="btn" data-testid="recheck-download" on:click=download>{move || r().download}</button>
                " "<span class="muted small">{move || r().download_hint}</span>
            </p>
            <h4>{move || r().by_school}</h4>
            <DataTable table=schools testid="recheck-sample-schools" file_stem="recheck-sample-schools"/>
            <h4>{move || r().by_procedure}</h4>
            <DataTable table=procedures testid="recheck-sample-procedures" file_stem="recheck-sample-procedures"/>
        </Show>
    }
}

/// The file input of the filled lists and what the reading found.
#[component]
fn FilledInput() -> impl IntoView {
    let state = use_state();
    let r = use_recheck_texts();
    let lang = use_lang();
    let reading = RwSignal::new(false);
    let on_files = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        // The same files can be chosen again after they were corrected.
        input.set_value("");
        if files.is_empty() {
            return;
        }
        reading.set(true);
        spawn_local(async move {
            let mut read = Vec::with_capacity(files.len());
            for f in files {
                let name = f.name();
                // A file that cannot be read becomes empty: the reader says so.
                let bytes = gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(f))
                    .await
                    .unwrap_or_default();
                read.push((name, bytes));
            }
            state.load_filled(read);
            reading.set(false);
        });
    };
    let counts = move || {
        let scores = state.recheck.with(|x| x.scores.clone())?;
        let l = lang.get();
        let r = r();
        let c = scores.counts;
        let files = state.recheck.with(|x| x.filled.len());
        Some(view! {
            <p class="recheck-counts" data-testid="recheck-counts" data-used=c.used.to_string()
                data-rejected=c.rejected.to_string() data-not-returned=c.not_returned.to_string()>
                {format!(
                    "{}: {}. {}: {} — {} {}, {} {}, {} {}, {} {}, {} {}.",
                    r.read_files, fmt_int(files, l),
                    r.count_rows, fmt_int(c.rows, l),
                    r.count_used, fmt_int(c.used, l),
                    r.count_blank, fmt_int(c.blank, l),
                    r.count_rejected, fmt_int(c.rejected, l),
                    r.count_not_in_sample, fmt_int(c.not_in_sample, l),
                    r.count_not_returned, fmt_int(c.not_returned, l),
                )}
            </p>
            <ImportReport issues=Arc::new(scores.issues.clone())/>
        })
    };
    view! {
        <h3 class="sub">{move || r().import_title}</h3>
        <p class="muted">{move || r().import_hint}</p>
        <label class="btn recheck-file">
            {move || r().choose_files}
            <input type="file" id="recheck-file-input" data-testid="recheck-file-input" multiple
                accept=".csv,.txt,.xlsx,.xls,.ods" on:change=on_files/>
        </label>
        {move || reading.get().then(|| view! { <span class="muted">" …"</span> })}
        {counts}
    }
}

/// The agreement: per school, school × procedure, procedure and, on demand, per task.
#[component]
fn AgreementSection() -> impl IntoView {
    let state = use_state();
    let r = use_recheck_texts();
    let lang = use_lang();
    let view_rows = Memo::new(move |_| {
        state
            .recheck
            .with(|x| x.report.clone())
            .map(|rep| Arc::new(agreement_rows(&rep)))
    });
    let table = move |f: fn(
        &integra_core::report::recheck::AgreementView,
        &integra_core::model::Dataset,
        Lang,
    ) -> ViewTable| {
        Signal::derive(move || {
            let l = lang.get();
            view_rows
                .get()
                .map(|v| state.source.with(|a| f(&v, &a.dataset, l)))
                .unwrap_or_default()
        })
    };
    let schools = table(tables::agreement_schools);
    let units = table(tables::agreement_units);
    let procedures = table(tables::agreement_procedures);
    // The group whose tasks are shown: "" none, "|id" the district's, "code|id" a school's.
    let task_group = RwSignal::new(String::new());
    let task_options = move || {
        let l = lang.get();
        let Some(v) = view_rows.get() else {
            return Vec::new();
        };
        state.source.with(|a| {
            let mut out: Vec<(String, String)> = v
                .procedures
                .iter()
                .filter_map(|p| p.procedure.clone())
                .map(|id| {
                    let label = format!(
                        "{} — {}",
                        tables::label_of(&a.dataset, &id, l),
                        r().district
                    );
                    (format!("|{id}"), label)
                })
                .collect();
            out.extend(v.units.iter().filter_map(|u| {
                let (s, id) = (u.school.clone()?, u.procedure.clone()?);
                let label = format!("{s} — {}", tables::label_of(&a.dataset, &id, l));
                Some((format!("{s}|{id}"), label))
            }));
            out
        })
    };
    let task_table = Signal::derive(move || {
        let g = task_group.get();
        let Some((school, id)) = g.split_once('|') else {
            return ViewTable::default();
        };
        let rows = state
            .recheck
            .with(|x| {
                x.report
                    .as_ref()
                    .map(|rep| task_rows(rep, (!school.is_empty()).then_some(school), id))
            })
            .unwrap_or_default();
        tables::tasks(&rows, lang.get())
    });
    let line = move || {
        let v = view_rows.get()?;
        let l = lang.get();
        let mut s = r()
            .agreement_line
            .replace("{works}", &fmt_int(v.works, l))
            .replace("{nc}", &fmt_int(v.not_confirmed, l))
            .replace("{c}", &fmt_int(v.confirmed, l))
            .replace("{few}", &fmt_int(v.too_few, l));
        if v.skipped > 0 {
            s.push_str(&format!(" {}: {}.", r().skipped, fmt_int(v.skipped, l)));
        }
        Some(s)
    };
    view! {
        <Show when=move || view_rows.with(Option::is_some)>
            <h3 class="sub">{move || r().agreement_title}</h3>
            <p data-testid="recheck-agreement-line"
                data-works=move || view_rows.get().map(|v| v.works.to_string())>{line}</p>
            <p class="muted small">{move || r().rule_hint}</p>
            <h4>{move || r().agreement_schools}</h4>
            <DataTable table=schools testid="recheck-agreement-schools" file_stem="recheck-agreement-schools"/>
            <details class="recheck-more">
                <summary>{move || r().agreement_units}</summary>
                <DataTable table=units testid="recheck-agreement-units" file_stem="recheck-agreement-units"/>
            </details>
            <h4>{move || r().agreement_procedures}</h4>
            <DataTable table=procedures testid="recheck-agreement-procedures" file_stem="recheck-agreement-procedures"/>
            <label class="recheck-tasks-pick">
                <span>{move || r().tasks_choose}</span>
                <select data-testid="recheck-tasks-select" on:change=move |ev| task_group.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || task_options().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </label>
            <Show when=move || !task_group.with(String::is_empty)>
                <DataTable table=task_table testid="recheck-tasks" file_stem="recheck-tasks"/>
            </Show>
        </Show>
    }
}

/// The switch «Анализировать с баллами перепроверки».
#[component]
fn ApplySwitch() -> impl IntoView {
    let state = use_state();
    let r = use_recheck_texts();
    let has_scores = move || {
        state
            .recheck
            .with(|x| x.scores.as_ref().is_some_and(|s| !s.works.is_empty()))
    };
    view! {
        <Show when=has_scores>
            <label class="obj-check recheck-apply">
                <input type="checkbox" data-testid="recheck-apply"
                    prop:checked=move || state.recheck.with(|x| x.apply)
                    on:change=move |ev| state.set_apply(event_target_checked(&ev))/>
                " "<strong>{move || r().apply}</strong>
            </label>
            <p class="muted small">{move || r().apply_hint}</p>
        </Show>
    }
}

/// The notice shown on every screen while the analysis uses the re-checked scores.
#[component]
pub fn RecheckBanner() -> impl IntoView {
    let state = use_state();
    let r = use_recheck_texts();
    let lang = use_lang();
    let works = move || {
        state
            .recheck
            .with(|x| x.scores.as_ref().filter(|_| x.apply).map(|s| s.works.len()))
    };
    move || {
        works().map(|n| {
            view! {
                <p class="recheck-banner" role="status" data-testid="recheck-apply-on">
                    {r().apply_on.replace("{works}", &fmt_int(n, lang.get()))}
                </p>
            }
        })
    }
}

/// The whole section.
#[component]
pub fn RecheckSection() -> impl IntoView {
    let r = use_recheck_texts();
    view! {
        <section class="recheck" id="recheck" data-testid="recheck-section">
            <h2>{move || r().title}</h2>
            <p class="muted">{move || r().intro}</p>
            <PlanForm/>
            <SampleView/>
            <FilledInput/>
            <AgreementSection/>
            <ApplySwitch/>
        </section>
    }
}
