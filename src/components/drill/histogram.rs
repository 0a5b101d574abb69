//! «Первичные баллы»: the group's primary-score histogram with the mark thresholds, in shares
//! beside the district's when the group is a school or class.

use super::use_drill;
use crate::charts::chart::EChart;
use crate::charts::score_histogram::score_histogram;
use crate::i18n::{use_drill_texts, use_lang};
use integra_core::report::drill::Scope;
use leptos::prelude::*;

#[component]
pub fn ScoreHistogram() -> impl IntoView {
    let ctx = use_drill();
    let d = use_drill_texts();
    let lang = use_lang();
    let has = move || {
        ctx.report
            .with(|g| g.as_ref().is_some_and(|g| g.histogram.is_some()))
    };
    let chart = Signal::derive(move || {
        let l = lang.get();
        let g = ctx.report.get();
        let district = ctx.district.get();
        let h = g.as_ref().and_then(|g| g.histogram.as_ref());
        let dh = match ctx.scope.get() {
            Scope::District => None,
            _ => district.as_ref().and_then(|g| g.histogram.as_ref()),
        };
        let (kind, name) = super::group_of(&ctx.scope.get(), l);
        match h {
            Some(h) => score_histogram(h, &name, kind, dh, &[], l),
            None => charming::Chart::new(),
        }
    });
    view! {
        <section class="drill-section" id="histogram">
            <h2>{move || d().sec_histogram}</h2>
            <Show when=has fallback=move || view! { <p class="notice">{move || d().group_too_small}</p> }>
                <EChart id="chart-histogram" chart=chart height=320/>
                <p class="muted small">{move || d().histogram_note}</p>
            </Show>
        </section>
    }
}
