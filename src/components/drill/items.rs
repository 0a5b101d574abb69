//! «Анализ заданий»: difficulty, corrected item-total correlation, Cronbach's alpha and alpha
//! if deleted, with flags, for groups of at least 10.

use super::{file_stem, use_drill};
use crate::components::data_table::DataTable;
use crate::i18n::{fmt_dec, use_drill_texts, use_lang};
use crate::tables::{items_table, ViewTable};
use integra_core::stats::ItemSample;
use leptos::prelude::*;

#[component]
pub fn Items() -> impl IntoView {
    let ctx = use_drill();
    let d = use_drill_texts();
    let lang = use_lang();
    let has = move || {
        ctx.report
            .with(|g| g.as_ref().is_some_and(|g| g.item_analysis.is_some()))
    };
    let table = Signal::derive(move || {
        let l = lang.get();
        let tasks = ctx.tasks.get();
        ctx.report.with(|g| {
            g.as_ref()
                .and_then(|g| g.item_analysis.as_ref())
                .map(|a| items_table(a, &tasks, l))
                .unwrap_or_else(ViewTable::default)
        })
    });
    let alpha = move || {
        let l = lang.get();
        let d = d();
        ctx.report.with(|g| {
            g.as_ref().and_then(|g| g.item_analysis.as_ref()).map(|a| {
                let v = a.alpha.map(|x| fmt_dec(x, 3, l)).unwrap_or_else(|| "—".into());
                let raw = a.alpha.map(|x| x.to_string()).unwrap_or_default();
                view! {
                    <p class="alpha">
                        {d.alpha}": "<strong data-testid="alpha" data-value=raw>{v}</strong>
                        {(a.sample == ItemSample::Pairwise).then(|| view! { <span class="muted small">" "{d.sample_pairwise}</span> })}
                    </p>
                }
            })
        })
    };
    let stem = Signal::derive(move || file_stem(&ctx.id.get(), &ctx.scope.get(), "items"));
    view! {
        <section class="drill-section" id="items">
            <h2>{move || d().sec_items}</h2>
            <p class="muted small">{move || d().items_note}</p>
            <Show when=has fallback=move || view! { <p class="notice">{move || d().group_too_small_stats}</p> }>
                {alpha}
                <DataTable table=table testid="items-table" file_stem=stem/>
            </Show>
        </section>
    }
}
