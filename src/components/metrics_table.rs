//! The per-school table of a procedure: code, name, participants and the four standard
//! metrics, with the district on top. Groups under 5 people show «< 5», never a figure.

use crate::i18n::{fmt_dec, fmt_int, fmt_pct, fmt_percent_value, use_lang, use_texts, Lang, Texts};
use crate::tables::scope_href;
use integra_core::report::drill::Scope;
use integra_core::report::{Missing, ProcedureOverview};
use integra_core::stats::StandardMetrics;
use leptos::prelude::*;
use leptos_router::components::A;

fn metric_cells(
    m: Option<&StandardMetrics>,
    missing: Option<Missing>,
    t: &'static Texts,
    lang: Lang,
) -> AnyView {
    match m {
        Some(m) => view! {
            <td class="num" data-testid="m-success" data-value=m.success.to_string()>{fmt_pct(m.success, lang)}</td>
            <td class="num" data-testid="m-quality" data-value=m.quality.to_string()>{fmt_pct(m.quality, lang)}</td>
            <td class="num" data-testid="m-mean" data-value=m.mean_mark.to_string()>{fmt_dec(m.mean_mark, 2, lang)}</td>
            <td class="num" data-testid="m-sou" data-value=m.sou.to_string()>{fmt_percent_value(m.sou, lang)}</td>
        }
        .into_any(),
        None => {
            // The core says why (no scale, no marks, too few people); each in its words.
            let (text, hint) = match missing {
                Some(Missing::TooFew) => (t.too_few, t.too_few_hint),
                Some(Missing::NoScale) => ("—", t.no_marks),
                Some(m @ Missing::NoMarks) => ("—", m.text(lang)),
                None => ("—", ""),
            };
            view! {
                <td class="num hidden-figure" colspan="4" title=hint data-testid="m-hidden">
                    <span class="too-few">{text}</span>
                </td>
            }
            .into_any()
        }
    }
}

#[component]
pub fn MetricsTable(#[prop(into)] procedure: Signal<Option<ProcedureOverview>>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let body = move || {
        let l = lang.get();
        let tr = t();
        procedure.with(|p| {
            let Some(p) = p else {
                return ().into_any();
            };
            let district = view! {
                <tr class="district-row" data-testid="district-row">
                    <td></td>
                    <td><strong>{tr.district}</strong></td>
                    <td class="num">{fmt_int(p.participants, l)}</td>
                    <td class="num">{fmt_int(p.absent, l)}</td>
                    {metric_cells(p.metrics.as_ref(), p.missing, tr, l)}
                </tr>
            };
            let rows = p
                .school_rows
                .iter()
                .map(|r| {
                    let href = scope_href(
                        &p.id,
                        &Scope::School {
                            school: r.code.clone(),
                        },
                    );
                    let code = r.code.clone();
                    view! {
                        <tr data-testid="school-row" data-code=r.code.clone()>
                            <td class="code"><A href=href>{code}</A></td>
                            <td class="name">{r.name.clone().unwrap_or_default()}</td>
                            <td class="num">{fmt_int(r.participants, l)}</td>
                            <td class="num">{fmt_int(r.absent, l)}</td>
                            {metric_cells(r.metrics.as_ref(), r.missing, tr, l)}
                        </tr>
                    }
                })
                .collect_view();
            view! { {district}{rows} }.into_any()
        })
    };
    view! {
        <div class="table-wrap">
            <table class="metrics" id="school-table" data-testid="school-table">
                <thead>
                    <tr>
                        <th>{move || t().school_code}</th>
                        <th>{move || t().school_name}</th>
                        <th class="num">{move || t().participants}</th>
                        <th class="num">{move || t().absent}</th>
                        <th class="num" title=move || t().success_hint>{move || t().success}</th>
                        <th class="num" title=move || t().quality_hint>{move || t().quality}</th>
                        <th class="num" title=move || t().mean_mark_hint>{move || t().mean_mark}</th>
                        <th class="num" title=move || t().sou_hint>{move || t().sou}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
