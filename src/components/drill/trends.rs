//! «Динамика по годам» (district and school views): the family of the procedure over the years,
//! shown only after the user confirms that the years' tasks are comparable; the core's reasons
//! why they may not be are listed above the confirmation.

use super::{file_stem, use_drill};
use crate::analysis;
use crate::charts::chart::EChart;
use crate::charts::trend::{trend, TrendLine};
use crate::components::data_table::DataTable;
use crate::i18n::{texts, use_drill_texts, use_lang, Lang};
use crate::state::use_state;
use crate::tables::{scope_href, ViewTable};
use integra_core::report::drill::Scope;
use integra_core::report::export::Cell;
use integra_core::stats::trends::{family_id, TrendChange, TrendReport, YearPoint};
use leptos::prelude::*;

/// The figures a trend can follow.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Success,
    Quality,
    MeanMark,
    Sou,
    Share2,
}

impl Figure {
    const ALL: [Figure; 5] = [
        Figure::Success,
        Figure::Quality,
        Figure::MeanMark,
        Figure::Sou,
        Figure::Share2,
    ];

    fn code(self) -> &'static str {
        match self {
            Figure::Success => "success",
            Figure::Quality => "quality",
            Figure::MeanMark => "mean",
            Figure::Sou => "sou",
            Figure::Share2 => "share2",
        }
    }

    fn name(self, lang: Lang) -> &'static str {
        let t = texts(lang);
        match self {
            Figure::Success => t.success,
            Figure::Quality => t.quality,
            Figure::MeanMark => t.mean_mark,
            Figure::Sou => t.sou,
            Figure::Share2 => crate::i18n::drill_texts(lang).share2,
        }
    }

    /// The value as drawn: shares for percentages (СОУ is in % already, so divided by 100).
    fn value(self, p: &YearPoint) -> Option<f64> {
        let m = p.metrics.as_ref()?;
        Some(match self {
            Figure::Success => m.success,
            Figure::Quality => m.quality,
            Figure::MeanMark => m.mean_mark,
            Figure::Sou => m.sou / 100.0,
            Figure::Share2 => m.share2,
        })
    }

    fn change(self, c: &TrendChange) -> f64 {
        match self {
            Figure::Success => c.success_pp,
            Figure::Quality => c.quality_pp,
            Figure::MeanMark => c.mean_mark,
            Figure::Sou => c.sou_pp,
            Figure::Share2 => c.share2_pp,
        }
    }

    fn percent(self) -> bool {
        self != Figure::MeanMark
    }
}

/// Rows: district and the schools (or only the district and one school).
fn table(r: &TrendReport, only: Option<&str>, f: Figure, id: &str, lang: Lang) -> ViewTable {
    let d = crate::i18n::drill_texts(lang);
    let mut cols: Vec<String> = vec![d.col_school.into()];
    cols.extend(r.years.iter().map(|y| y.to_string()));
    cols.push(format!(
        "{}{}",
        d.col_change,
        if f.percent() { ", п. п." } else { "" }
    ));
    let mut t = ViewTable {
        table: integra_core::report::export::Table {
            title: format!("{} — {}", d.sec_trends, f.name(lang)),
            columns: cols,
            rows: Vec::new(),
        },
        ..ViewTable::default()
    };
    let cell = |p: &YearPoint| match f.value(p) {
        Some(v) if f.percent() => Cell::Percent {
            value: v,
            decimals: 1,
        },
        Some(v) => Cell::Num {
            value: v,
            decimals: 2,
        },
        None => Cell::Empty,
    };
    let mut push = |label: String,
                    points: &[YearPoint],
                    change: Option<&TrendChange>,
                    link: Option<String>| {
        let mut row = vec![Cell::Text(label)];
        row.extend(points.iter().map(cell));
        row.push(change.map_or(Cell::Empty, |c| Cell::Num {
            value: f.change(c),
            decimals: if f.percent() { 1 } else { 2 },
        }));
        let mut classes = vec![""; row.len()];
        if change.is_some_and(|c| c.share2_rise_negative) && f == Figure::Share2 {
            let last = classes.len() - 1;
            classes[last] = "st-low";
        }
        t.table.rows.push(row);
        t.links.push(link);
        t.classes.push(classes);
    };
    push(
        d.level_district.to_string(),
        &r.district,
        r.district_change.as_ref(),
        None,
    );
    for s in r
        .schools
        .iter()
        .filter(|s| only.is_none_or(|o| o == s.code))
    {
        let href = r.procedure_ids.last().map(|_| {
            scope_href(
                id,
                &Scope::School {
                    school: s.code.clone(),
                },
            )
        });
        push(s.code.clone(), &s.points, s.change.as_ref(), href);
    }
    t
}

#[component]
pub fn Trends() -> impl IntoView {
    let ctx = use_drill();
    let state = use_state();
    let d = use_drill_texts();
    let lang = use_lang();
    let report = Memo::new(move |_| {
        let id = ctx.id.get();
        state.analysis.with(|a| analysis::trends(&a.dataset, &id))
    });
    let family = Memo::new(move |_| ctx.key.get().map(|k| family_id(&k)).unwrap_or_default());
    let confirmed = move || state.comparable.with(|c| c.contains(&family.get()));
    let figure = RwSignal::new(Figure::Success);
    let school = move || match ctx.scope.get() {
        Scope::School { school } => Some(school),
        _ => None,
    };
    let years = move || report.with(|r| r.as_ref().map_or(0, |r| r.years.len()));
    let chart = Signal::derive(move || {
        let l = lang.get();
        let f = figure.get();
        let only = school();
        report.with(|r| {
            let Some(r) = r else {
                return charming::Chart::new();
            };
            let mut lines = vec![TrendLine {
                name: texts(l).district.to_string(),
                values: r.district.iter().map(|p| f.value(p)).collect(),
                emphasis: false,
            }];
            for s in &r.schools {
                if only.as_ref().is_some_and(|o| *o != s.code) {
                    continue;
                }
                lines.push(TrendLine {
                    name: s.code.clone(),
                    values: s.points.iter().map(|p| f.value(p)).collect(),
                    emphasis: only.is_some(),
                });
            }
            trend(&r.years, &lines, f.name(l), f.percent(), l)
        })
    });
    let rows = Signal::derive(move || {
        let (l, f, only, id) = (lang.get(), figure.get(), school(), ctx.id.get());
        report.with(|r| {
            r.as_ref()
                .map(|r| table(r, only.as_deref(), f, &id, l))
                .unwrap_or_default()
        })
    });
    let reasons = move || {
        let l = lang.get();
        let d = d();
        report.with(|r| {
            let r = r.as_ref()?;
            Some(if r.comparability.comparable {
                view! { <p class="ok-note" data-testid="trends-comparable">{d.trends_ok}</p> }
                    .into_any()
            } else {
                let items = r
                    .comparability
                    .reasons
                    .iter()
                    .map(|x| view! { <li>{x.message(l)}</li> })
                    .collect_view();
                view! {
                    <div class="notice" data-testid="trends-reasons">
                        <strong>{d.trends_reasons}</strong>
                        <ul>{items}</ul>
                    </div>
                }
                .into_any()
            })
        })
    };
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let f = family.get_untracked();
        state.comparable.update(|c| {
            if on {
                c.insert(f);
            } else {
                c.remove(&f);
            }
        });
    };
    let options = move || {
        let l = lang.get();
        Figure::ALL
            .iter()
            .map(|f| view! { <option value=f.code() selected=move || figure.get() == *f>{f.name(l)}</option> })
            .collect_view()
    };
    let on_figure = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if let Some(f) = Figure::ALL.iter().find(|f| f.code() == v) {
            figure.set(*f);
        }
    };
    let stem = Signal::derive(move || file_stem(&ctx.id.get(), &ctx.scope.get(), "trends"));
    view! {
        <section class="drill-section" id="trends">
            <h2>{move || d().sec_trends}</h2>
            <Show when=move || { years() >= 2 } fallback=move || view! { <p class="muted" data-testid="trends-one-year">{move || d().trends_one_year}</p> }>
                {reasons}
                <label class="confirm no-print">
                    <input type="checkbox" data-testid="trends-confirm" prop:checked=confirmed on:change=toggle/>
                    " "{move || d().trends_confirm}
                </label>
                <p class="muted small">{move || d().trends_confirm_hint}</p>
                <Show when=confirmed>
                    <label class="picker-field no-print">
                        <span>{move || d().trends_metric}</span>
                        <select data-testid="trends-figure" on:change=on_figure>{options}</select>
                    </label>
                    <EChart id="chart-trends" chart=chart height=320/>
                    <DataTable table=rows testid="trends-table" file_stem=stem/>
                </Show>
            </Show>
        </section>
    }
}
