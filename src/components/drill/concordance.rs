//! «Соответствие журнальным отметкам»: lowered / confirmed / raised and |D| >= 2 for the
//! group beside the district.

use super::use_drill;
use crate::charts::chart::EChart;
use crate::charts::concordance::concordance_chart;
use crate::i18n::{fmt_int, fmt_pct, use_drill_texts, use_lang};
use integra_core::report::drill::Scope;
use leptos::prelude::*;

#[component]
pub fn ConcordanceSection() -> impl IntoView {
    let ctx = use_drill();
    let d = use_drill_texts();
    let lang = use_lang();
    let has = move || {
        ctx.report
            .with(|g| g.as_ref().is_some_and(|g| g.concordance.is_some()))
    };
    let chart = Signal::derive(move || {
        let l = lang.get();
        let own = ctx.report.with(|g| g.as_ref().and_then(|g| g.concordance));
        let district = match ctx.scope.get() {
            Scope::District => None,
            _ => ctx
                .district
                .with(|g| g.as_ref().and_then(|g| g.concordance)),
        };
        let (kind, name) = super::group_of(&ctx.scope.get(), l);
        match own {
            Some(c) => concordance_chart(&c, &name, kind, district.as_ref(), l),
            None => charming::Chart::new(),
        }
    });
    let figures = move || {
        let l = lang.get();
        let d = d();
        ctx.report.with(|g| {
            g.as_ref().and_then(|g| g.concordance.as_ref()).map(|c| {
                let item = |label: &'static str, testid: &'static str, share: f64, n: usize| view! {
                    <div class="conc-figure">
                        <span class="cf-label">{label}</span>
                        <strong data-testid=testid data-value=share.to_string()>{fmt_pct(share, l)}</strong>
                        <span class="muted small">" ("{fmt_int(n, l)}")"</span>
                    </div>
                };
                view! {
                    <div class="conc-figures">
                        {item(d.lowered, "c-lowered", c.lowered, c.n_lowered)}
                        {item(d.confirmed, "c-confirmed", c.confirmed, c.n_confirmed)}
                        {item(d.raised, "c-raised", c.raised, c.n_raised)}
                        {item(d.two_plus, "c-two-plus", c.two_plus, c.n_two_plus)}
                    </div>
                }
            })
        })
    };
    view! {
        <section class="drill-section" id="concordance">
            <h2>{move || d().sec_concordance}</h2>
            <p class="muted small">{move || d().concordance_note}</p>
            <Show when=has fallback=move || view! { <p class="notice" data-testid="no-journal">{move || d().no_journal}</p> }>
                {figures}
                <EChart id="chart-concordance" chart=chart height=260/>
            </Show>
        </section>
    }
}
