//! «Объективность» (`/objectivity`): schools × (grade, subject) with the number of markers (signs
//! that fired), the count per school, the status and whether it repeats, with filters; the
//! recommendations per status as an exportable list; the thresholds. A school opens
//! `/objectivity/school/:code` with every sign and its evidence.

use crate::components::data_table::DataTable;
use crate::components::file_card::procedure_label;
use crate::components::objectivity::evidence::SignCard;
use crate::components::objectivity::recheck::RecheckSection;
use crate::components::objectivity::recheck_tables::label_of;
use crate::components::objectivity::settings_form::SettingsForm;
use crate::i18n::{
    fmt_int, indicator_name, obj_texts, reason_text, status_name, use_lang, use_obj_texts,
    wire_name, Lang,
};
use crate::pages::procedure::{param, EmptyData};
use crate::state::use_state;
use crate::tables::{urlencoding, ViewTable};
use integra_core::model::Dataset;
use integra_core::objectivity::{recommendations, Indicator, ObjectivityReport, Status};
use integra_core::report::export::{Cell, Table};
use integra_core::report::objectivity_scale::{DistrictScale, ScaleKey};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The user's filters.
#[derive(Clone, Default, PartialEq)]
pub struct Filters {
    pub status: Option<Status>,
    pub subject: Option<String>,
    pub indicator: Option<Indicator>,
}

/// (grade, subject) columns of the table, from the dataset's procedures.
fn columns(ds: &Dataset) -> Vec<(Option<u8>, String)> {
    let mut cols: Vec<(Option<u8>, String)> = ds
        .procedures
        .iter()
        .map(|p| (p.key.grade, p.key.subject.clone()))
        .collect();
    cols.sort();
    cols.dedup();
    cols
}

/// The district table: one row per school that passes the filters.
pub fn district_table(ds: &Dataset, r: &ObjectivityReport, f: &Filters, lang: Lang) -> ViewTable {
    let o = obj_texts(lang);
    let cols = columns(ds);
    let cols: Vec<&(Option<u8>, String)> = cols
        .iter()
        .filter(|c| f.subject.as_ref().is_none_or(|s| *s == c.1))
        .collect();
    let mut head: Vec<String> = vec![o.col_school.into(), o.col_name.into()];
    head.extend(cols.iter().map(|(g, s)| match g {
        Some(g) => format!("{g} · {s}"),
        None => s.clone(),
    }));
    head.extend([
        o.col_count.into(),
        o.col_status.into(),
        o.col_persistent.into(),
    ]);
    let mut t = ViewTable {
        table: Table {
            title: o.table_title.into(),
            columns: head,
            rows: vec![],
        },
        ..ViewTable::default()
    };
    let key = |id: &str| {
        ds.procedures
            .iter()
            .find(|p| p.key.id() == id)
            .map(|p| &p.key)
    };
    let mut schools: Vec<_> = r
        .schools
        .iter()
        .filter(|s| f.status.is_none_or(|st| s.status == st))
        .collect();
    schools.sort_by(|a, b| {
        b.status
            .cmp(&a.status)
            .then(b.signs.len().cmp(&a.signs.len()))
            .then(a.school.cmp(&b.school))
    });
    for s in schools {
        let signs: Vec<_> = s
            .signs
            .iter()
            .filter(|x| f.indicator.is_none_or(|i| x.candidate.indicator == i))
            .filter(|x| {
                f.subject.as_ref().is_none_or(|sub| {
                    key(&x.candidate.procedure).is_some_and(|k| k.subject == *sub)
                })
            })
            .collect();
        if (f.indicator.is_some() || f.subject.is_some()) && signs.is_empty() {
            continue;
        }
        let mut row = vec![
            Cell::Text(s.school.clone()),
            Cell::Text(s.name.clone().unwrap_or_default()),
        ];
        for (g, sub) in &cols {
            let n = signs
                .iter()
                .filter(|x| {
                    key(&x.candidate.procedure).is_some_and(|k| k.grade == *g && k.subject == *sub)
                })
                .count();
            row.push(if n > 0 {
                Cell::Int(n as i64)
            } else {
                Cell::Empty
            });
        }
        row.push(Cell::Int(signs.len() as i64));
        row.push(Cell::Text(status_name(s.status, lang).into()));
        row.push(Cell::Text(if s.persistent {
            o.persistent_yes.into()
        } else {
            String::new()
        }));
        let mut classes = vec![""; row.len()];
        let at = row.len() - 2;
        classes[at] = match s.status {
            Status::Signs => "st-low",
            Status::Attention => "st-border",
            Status::None => "",
        };
        t.table.rows.push(row);
        t.links.push(Some(format!(
            "/objectivity/school/{}",
            urlencoding(&s.school)
        )));
        t.classes.push(classes);
    }
    t
}

/// The scale of the problem: per status and indicator, schools in the data and in the
/// shuffled district (count and share of the tested schools).
pub fn scale_table(sc: &DistrictScale, lang: Lang) -> ViewTable {
    let o = obj_texts(lang);
    let share = |x: f64| Cell::Percent {
        value: sc.share(x),
        decimals: 1,
    };
    let mut t = ViewTable {
        table: Table {
            title: o.scale_title.into(),
            columns: vec![
                o.scale_what.into(),
                o.scale_observed.into(),
                "%".into(),
                o.scale_null.into(),
                "%".into(),
            ],
            rows: vec![],
        },
        ..ViewTable::default()
    };
    for r in &sc.rows {
        let what = match r.key {
            ScaleKey::AnyStatus => o.scale_any.to_string(),
            ScaleKey::Status(st) => status_name(st, lang).to_string(),
            ScaleKey::Indicator(i) => indicator_name(i, lang).to_string(),
        };
        t.table.rows.push(vec![
            Cell::Text(what),
            Cell::Int(r.observed as i64),
            share(r.observed as f64),
            Cell::Num {
                value: r.null,
                decimals: 1,
            },
            share(r.null),
        ]);
        t.links.push(None);
        t.classes.push(vec![""; 5]);
    }
    t
}

/// The recommendations as a table (school, status, measure).
pub fn recommendations_table(r: &ObjectivityReport, lang: Lang) -> ViewTable {
    let o = obj_texts(lang);
    let mut t = ViewTable {
        table: Table {
            title: o.recommendations.into(),
            columns: vec![
                o.col_school.into(),
                o.col_status.into(),
                o.col_measure.into(),
            ],
            rows: vec![],
        },
        ..ViewTable::default()
    };
    for rec in recommendations(&r.schools, lang) {
        t.links.push(Some(format!(
            "/objectivity/school/{}",
            urlencoding(&rec.school)
        )));
        t.table.rows.push(vec![
            Cell::Text(rec.school),
            Cell::Text(status_name(rec.status, lang).into()),
            Cell::Text(rec.measure),
        ]);
        t.classes.push(vec![""; 3]);
    }
    t
}

#[component]
pub fn ObjectivityPage() -> impl IntoView {
    let state = use_state();
    let o = use_obj_texts();
    let lang = use_lang();
    let has_data = move || state.analysis.with(|a| !a.dataset.procedures.is_empty());
    let filters = RwSignal::new(Filters::default());
    let table = Signal::derive(move || {
        let (l, f) = (lang.get(), filters.get());
        let r = state.objectivity.get();
        state
            .analysis
            .with(|a| district_table(&a.dataset, &r, &f, l))
    });
    let recs = Signal::derive(move || recommendations_table(&state.objectivity.get(), lang.get()));
    let scale = Signal::derive(move || scale_table(&state.objectivity_scale.get(), lang.get()));
    let tests_line = move || {
        let r = state.objectivity.get();
        let schools = r.schools.iter().filter(|s| s.tests > 0).count();
        let tests: usize = r.schools.iter().map(|s| s.tests).sum();
        o().tests_line
            .replace("{tests}", &fmt_int(tests, lang.get()))
            .replace("{schools}", &fmt_int(schools, lang.get()))
    };
    let subjects = move || {
        state.analysis.with(|a| {
            let mut s: Vec<String> = a
                .dataset
                .procedures
                .iter()
                .map(|p| p.key.subject.clone())
                .collect();
            s.sort();
            s.dedup();
            s
        })
    };
    let counts = move || {
        let r = state.objectivity.get();
        let n = |st: Status| r.schools.iter().filter(|s| s.status == st).count();
        (n(Status::Signs), n(Status::Attention))
    };
    view! {
        <section class="page page-objectivity">
            <h1>{move || o().title}</h1>
            <Show when=has_data fallback=|| view! { <EmptyData/> }>
                <p class="muted">{move || o().intro}</p>
                <p class="obj-counts">
                    <span class="st-low">{move || status_name(Status::Signs, lang.get())}": "
                        <strong data-testid="obj-signs">{move || counts().0}</strong></span>
                    " · "
                    <span class="st-border">{move || status_name(Status::Attention, lang.get())}": "
                        <strong data-testid="obj-attention">{move || counts().1}</strong></span>
                    " · "<span data-testid="obj-tests">{tests_line}</span>
                </p>
                <div class="report-form no-print">
                    <label><span>{move || o().filter_status}</span>
                        <select data-testid="filter-status" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            filters.update(|f| f.status = match v.as_str() {
                                "signs" => Some(Status::Signs),
                                "attention" => Some(Status::Attention),
                                "none" => Some(Status::None),
                                _ => None,
                            });
                        }>
                            <option value="">{move || o().all}</option>
                            <option value="signs">{move || status_name(Status::Signs, lang.get())}</option>
                            <option value="attention">{move || status_name(Status::Attention, lang.get())}</option>
                            <option value="none">{move || status_name(Status::None, lang.get())}</option>
                        </select>
                    </label>
                    <label><span>{move || o().filter_subject}</span>
                        <select data-testid="filter-subject" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            filters.update(|f| f.subject = (!v.is_empty()).then_some(v));
                        }>
                            <option value="">{move || o().all}</option>
                            {move || subjects().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label><span>{move || o().filter_indicator}</span>
                        <select data-testid="filter-indicator" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            filters.update(|f| f.indicator = Indicator::ALL.into_iter().find(|i| wire_name(i) == v));
                        }>
                            <option value="">{move || o().all}</option>
                            {move || {
                                let l = lang.get();
                                Indicator::ALL.into_iter().map(|i| {
                                    let code = wire_name(&i);
                                    view! { <option value=code>{indicator_name(i, l)}</option> }
                                }).collect_view()
                            }}
                        </select>
                    </label>
                </div>
                <SettingsForm/>
                <h2>{move || o().table_title}</h2>
                <DataTable table=table testid="obj-table" file_stem="objectivity"/>
                <h2>{move || o().scale_title}</h2>
                <p class="muted">{move || o().scale_intro}</p>
                <DataTable table=scale testid="obj-scale" file_stem="objectivity-scale"/>
                <h2>{move || o().recommendations}</h2>
                <DataTable table=recs testid="obj-recommendations" file_stem="objectivity-recommendations"/>
                <RecheckSection/>
            </Show>
        </section>
    }
}

/// The school's re-check verdict with its grounds, when its works were re-checked.
fn recheck_line(code: &str, l: Lang) -> Option<impl IntoView> {
    let state = use_state();
    let report = state.recheck.with(|r| r.report.clone())?;
    let v = integra_core::report::recheck::school_verdict(&report, code)?;
    let label = |id: &str| state.source.with(|a| label_of(&a.dataset, id, l));
    let because = crate::i18n::because_list(&v.because, &label, l);
    let code = wire_name(&v.verdict);
    let class = crate::components::objectivity::recheck_tables::verdict_class(v.verdict);
    Some(view! {
        <p class="obj-recheck" data-testid="obj-recheck" data-value=code>
            {crate::i18n::recheck_texts(l).evidence}": "<strong class=class>{v.verdict.label(l)}</strong>
            {format!(" ({} {})", fmt_int(v.works, l), l.pick("работ", "works"))}
            {(!because.is_empty()).then(|| format!(": {}", because.join("; ")))}
        </p>
    })
}

#[component]
pub fn ObjectivitySchoolPage() -> impl IntoView {
    let state = use_state();
    let o = use_obj_texts();
    let lang = use_lang();
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|p| param(p, "code")).unwrap_or_default());
    let has_data = move || state.analysis.with(|a| !a.dataset.procedures.is_empty());
    let body = move || {
        let l = lang.get();
        let o = o();
        let code = code.get();
        let r = state.objectivity.get();
        let Some(s) = r.schools.iter().find(|s| s.school == code).cloned() else {
            return view! { <p class="notice" data-testid="drill-unknown">{crate::i18n::drill_texts(l).unknown}</p> }.into_any();
        };
        let cards = s
            .signs
            .iter()
            .enumerate()
            .map(|(i, sign)| {
                let id = sign.candidate.procedure.clone();
                let (label, district_conc) = state.analysis.with(|a| {
                    let label = crate::analysis::procedure(&a.dataset, &id)
                        .map(|p| procedure_label(&p.key, l))
                        .unwrap_or_default();
                    let dc = (sign.candidate.indicator == Indicator::Concordance)
                        .then(|| crate::analysis::group(&a.dataset, &id, &integra_core::report::drill::Scope::District))
                        .flatten()
                        .and_then(|g| g.concordance);
                    (label, dc)
                });
                let funnel = integra_core::report::objectivity_funnel::funnel(&r, sign);
                view! { <SignCard sign=sign.clone() procedure_label=label index=i lang=l district_conc=district_conc funnel=funnel/> }
            })
            .collect_view();
        let title = match &s.name {
            Some(n) => format!("{} — {n}", s.school),
            None => s.school.clone(),
        };
        view! {
            <p><A href="/objectivity">{o.back}</A></p>
            <h1 data-testid="obj-school-title">{o.school_title}": "{title}</h1>
            <p class="obj-status" data-testid="obj-status" data-value=wire_name(&s.status)>
                {o.col_status}": "<strong>{status_name(s.status, l)}</strong>
                {s.persistent.then(|| format!(" · {}: {}", o.col_persistent, o.persistent_yes))}
            </p>
            {recheck_line(&code, l)}
            <p class="muted" data-testid="obj-school-tests">{o.school_tests.replace("{tests}", &fmt_int(s.tests, l))}</p>
            {(!s.reasons.is_empty()).then(|| {
                let items = s.reasons.iter().map(|x| {
                    let label = |id: &str| state.analysis.with(|a| label_of(&a.dataset, id, l));
                    view! { <li>{reason_text(x, &label, l)}</li> }
                }).collect_view();
                view! { <h2>{o.reasons_title}</h2><ul class="obj-reasons" data-testid="obj-reasons">{items}</ul> }
            })}
            {(s.reasons.is_empty() && !s.signs.is_empty()).then(|| view! { <h2>{o.lone_signs}</h2> })}
            {s.signs.is_empty().then(|| view! { <p class="ok-note">{o.no_signs}</p> })}
            <div class="sign-cards">{cards}</div>
        }
        .into_any()
    };
    view! {
        <section class="page page-objectivity-school">
            <Show when=has_data fallback=|| view! { <EmptyData/> }>{body}</Show>
        </section>
    }
}
