//! «Распределение отметок»: stacked shares of «2»..«5» for the group beside the levels above
//! and below it (district and schools; district, school and classes; district, school, class).

use super::use_drill;
use crate::charts::chart::EChart;
use crate::charts::mark_distribution::mark_shares;
use crate::i18n::{use_drill_texts, use_lang};
use integra_core::report::drill::Scope;
use integra_core::stats::StandardMetrics;
use leptos::prelude::*;

#[component]
pub fn Marks() -> impl IntoView {
    let ctx = use_drill();
    let d = use_drill_texts();
    let lang = use_lang();
    let chart = Signal::derive(move || {
        let l = lang.get();
        let d = d();
        let mut rows: Vec<(String, StandardMetrics)> = Vec::new();
        let mut push = |label: String, m: Option<StandardMetrics>| {
            if let Some(m) = m {
                rows.push((label, m));
            }
        };
        let scope = ctx.scope.get();
        push(
            d.level_district.into(),
            ctx.district.with(|g| g.as_ref().and_then(|g| g.metrics)),
        );
        match &scope {
            Scope::District => {}
            Scope::School { school } => push(
                format!("{} {school}", d.level_school),
                ctx.report.with(|g| g.as_ref().and_then(|g| g.metrics)),
            ),
            Scope::Class { school, class } => {
                push(
                    format!("{} {school}", d.level_school),
                    ctx.school.with(|g| g.as_ref().and_then(|g| g.metrics)),
                );
                push(
                    format!("{} {class}", d.level_class),
                    ctx.report.with(|g| g.as_ref().and_then(|g| g.metrics)),
                );
            }
        }
        ctx.children.with(|cs| {
            for c in cs {
                push(c.label.clone(), c.metrics);
            }
        });
        let refs: Vec<(String, &StandardMetrics)> =
            rows.iter().map(|(l, m)| (l.clone(), m)).collect();
        mark_shares(&refs, l)
    });
    let any = move || {
        ctx.report
            .with(|g| g.as_ref().is_some_and(|g| g.metrics.is_some()))
    };
    view! {
        <section class="drill-section" id="marks">
            <h2>{move || d().sec_marks}</h2>
            <Show when=any fallback=move || view! { <p class="notice">{move || d().group_too_small}</p> }>
                <EChart id="chart-group-marks" chart=chart height=340/>
            </Show>
        </section>
    }
}
