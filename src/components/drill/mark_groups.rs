//! «Выполнение по группам отметок»: success of the «2»..«5» groups per task, with the anomalies
//! (a lower group beating a higher one by more than 10 p.p.) in words.

use super::{file_stem, use_drill};
use crate::charts::chart::EChart;
use crate::charts::mark_groups::mark_groups;
use crate::components::data_table::DataTable;
use crate::i18n::{fmt_dec, use_drill_texts, use_lang};
use crate::tables::{mark_groups_table, ViewTable};
use leptos::prelude::*;

#[component]
pub fn MarkGroupsSection() -> impl IntoView {
    let ctx = use_drill();
    let d = use_drill_texts();
    let lang = use_lang();
    let has = move || {
        ctx.report
            .with(|g| g.as_ref().is_some_and(|g| g.mark_groups.is_some()))
    };
    let chart = Signal::derive(move || {
        let l = lang.get();
        let tasks = ctx.tasks.get();
        ctx.report
            .with(|g| match g.as_ref().and_then(|g| g.mark_groups.as_ref()) {
                Some(mg) => mark_groups(mg, &tasks, l),
                None => charming::Chart::new(),
            })
    });
    let table = Signal::derive(move || {
        let l = lang.get();
        let tasks = ctx.tasks.get();
        ctx.report.with(|g| {
            g.as_ref()
                .and_then(|g| g.mark_groups.as_ref())
                .map(|mg| mark_groups_table(mg, &tasks, l))
                .unwrap_or_else(ViewTable::default)
        })
    });
    let anomalies = move || {
        let l = lang.get();
        let d = d();
        ctx.report.with(|g| {
            let Some(mg) = g.as_ref().and_then(|g| g.mark_groups.as_ref()) else { return ().into_any() };
            if mg.anomalies.is_empty() {
                return view! { <p class="ok-note" data-testid="anomalies-none">{d.anomalies_none}</p> }.into_any();
            }
            let items = mg
                .anomalies
                .iter()
                .map(|a| {
                    let s = d
                        .anomaly_sentence
                        .replace("{task}", &a.label)
                        .replace("{lower}", &a.lower.to_string())
                        .replace("{higher}", &a.higher.to_string())
                        .replace("{gap}", &fmt_dec(a.gap * 100.0, 1, l));
                    view! { <li data-testid="anomaly">{s}</li> }
                })
                .collect_view();
            view! { <ul class="anomalies">{items}</ul> }.into_any()
        })
    };
    let stem = Signal::derive(move || file_stem(&ctx.id.get(), &ctx.scope.get(), "mark-groups"));
    view! {
        <section class="drill-section" id="mark-groups">
            <h2>{move || d().sec_mark_groups}</h2>
            <p class="muted small">{move || d().mark_groups_note}</p>
            <Show when=has fallback=move || view! { <p class="notice">{move || d().group_too_small_stats}</p> }>
                <EChart id="chart-mark-groups" chart=chart height=320/>
                {anomalies}
                <DataTable table=table testid="mark-groups-table" file_stem=stem/>
            </Show>
        </section>
    }
}
