//! «Итоги»: participants and the standard metrics of the group, each with the district's (and
//! for a class the school's) figure beneath, and the share of «2» with its change from last year.

use super::use_drill;
use crate::components::export_buttons::ExportButtons;
use crate::i18n::{
    fmt_dec, fmt_int, fmt_pct, fmt_percent_value, use_drill_texts, use_lang, use_texts, Lang,
};
use integra_core::report::drill::{GroupReport, Scope};
use integra_core::stats::StandardMetrics;
use leptos::prelude::*;

type Pick = fn(&StandardMetrics, Lang) -> String;

fn card(
    label: String,
    hint: String,
    testid: &'static str,
    value: Option<(String, f64)>,
    too_few: &'static str,
    compare: Vec<(String, Option<String>)>,
) -> impl IntoView {
    let (text, raw) = match value {
        Some((t, r)) => (t, r.to_string()),
        None => (too_few.to_string(), String::new()),
    };
    let hidden = raw.is_empty();
    view! {
        <div class="metric-card" title=hint>
            <div class="mc-label">{label}</div>
            <div class="mc-value" class:hidden-figure=hidden data-testid=testid data-value=raw>{text}</div>
            {compare
                .into_iter()
                .map(|(who, v)| view! { <div class="mc-compare">{who}": "{v.unwrap_or_else(|| "—".into())}</div> })
                .collect_view()}
        </div>
    }
}

#[component]
pub fn Summary() -> impl IntoView {
    let ctx = use_drill();
    let t = use_texts();
    let d = use_drill_texts();
    let lang = use_lang();
    let cards = move || {
        let l = lang.get();
        let (t, d) = (t(), d());
        let Some(g) = ctx.report.get() else {
            return ().into_any();
        };
        let mut others: Vec<(String, GroupReport)> = Vec::new();
        if !matches!(g.scope, Scope::District) {
            if let Some(x) = ctx.district.get() {
                others.push((d.district_value.to_string(), x));
            }
        }
        if matches!(g.scope, Scope::Class { .. }) {
            if let Some(x) = ctx.school.get() {
                others.push((d.school_value.to_string(), x));
            }
        }
        let metric = |label: &str,
                      hint: &str,
                      testid: &'static str,
                      f: Pick,
                      raw: fn(&StandardMetrics) -> f64| {
            card(
                label.to_string(),
                hint.to_string(),
                testid,
                g.metrics.as_ref().map(|m| (f(m, l), raw(m))),
                t.too_few,
                others
                    .iter()
                    .map(|(who, o)| (who.clone(), o.metrics.as_ref().map(|m| f(m, l))))
                    .collect(),
            )
        };
        let share2_change = g.share2_change.clone();
        let no_previous = share2_change.is_none()
            && g.metrics.is_some()
            && !matches!(g.scope, Scope::Class { .. });
        view! {
            <div class="metric-cards" data-testid="group-metrics">
                {card(t.participants.into(), String::new(), "g-participants",
                    Some((fmt_int(g.participants, l), g.participants as f64)), t.too_few,
                    others.iter().map(|(w, o)| (w.clone(), Some(fmt_int(o.participants, l)))).collect())}
                {card(t.absent.into(), String::new(), "g-absent",
                    Some((fmt_int(g.absent, l), g.absent as f64)), t.too_few, Vec::new())}
                {card(d.with_mark.into(), String::new(), "g-with-mark",
                    Some((fmt_int(g.with_mark, l), g.with_mark as f64)), t.too_few, Vec::new())}
                {metric(t.success, t.success_hint, "g-success", |m, l| fmt_pct(m.success, l), |m| m.success)}
                {metric(t.quality, t.quality_hint, "g-quality", |m, l| fmt_pct(m.quality, l), |m| m.quality)}
                {metric(t.mean_mark, t.mean_mark_hint, "g-mean", |m, l| fmt_dec(m.mean_mark, 2, l), |m| m.mean_mark)}
                {metric(t.sou, t.sou_hint, "g-sou", |m, l| fmt_percent_value(m.sou, l), |m| m.sou)}
                {metric(d.share2, d.share2_hint, "g-share2", |m, l| fmt_pct(m.share2, l), |m| m.share2)}
            </div>
            {share2_change.map(|c| {
                let sign = if c.change_pp > 0.0 { "+" } else if c.change_pp < 0.0 { "−" } else { "" };
                let text = format!(
                    "{}: {} → {} ({} {}, {sign}{} {})",
                    d.share2,
                    fmt_pct(c.previous, l),
                    fmt_pct(c.current, l),
                    d.change_from,
                    c.previous_year,
                    fmt_dec(c.change_pp.abs(), 1, l),
                    l.pick("п. п.", "p.p."),
                );
                view! {
                    <p class="share2-change" class:negative=c.negative data-testid="g-share2-change" data-value=c.change_pp.to_string()>
                        {text}
                        {c.negative.then(|| view! { <strong class="warn">" — "{d.change_negative}</strong> })}
                    </p>
                }
            })}
            {no_previous.then(|| view! {
                <p class="muted small" data-testid="g-no-previous">{d.share2}": "{d.no_previous}</p>
            })}
            {(g.metrics.is_none() && g.participants > 0).then(|| view! {
                <p class="notice" data-testid="g-too-small">{d.group_too_small}</p>
            })}
        }
        .into_any()
    };
    let table = Signal::derive(move || {
        let l = lang.get();
        let g = ctx.report.get();
        let district = ctx.district.get();
        g.map(|g| crate::tables::summary_table(&g, district.as_ref(), l).table)
            .unwrap_or_default()
    });
    let stem = Signal::derive(move || super::file_stem(&ctx.id.get(), &ctx.scope.get(), "summary"));
    view! {
        <section class="drill-section" id="summary">
            <div class="section-head">
                <h2>{move || d().sec_summary}</h2>
                <span class="no-print"><ExportButtons table=table file_stem=stem/></span>
            </div>
            {cards}
        </section>
    }
}
