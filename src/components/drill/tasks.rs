//! «Выполнение заданий»: success per task by level, against the district and the external
//! reference, with the sufficient / borderline / insufficient status; chart and table.

use super::{file_stem, use_drill};
use crate::charts::chart::EChart;
use crate::charts::task_success::task_success;
use crate::components::data_table::DataTable;
use crate::i18n::{use_drill_texts, use_lang};
use crate::tables::{task_table, ViewTable};
use integra_core::report::drill::Scope;
use leptos::prelude::*;

#[component]
pub fn Tasks() -> impl IntoView {
    let ctx = use_drill();
    let d = use_drill_texts();
    let lang = use_lang();
    let chart = Signal::derive(move || {
        let l = lang.get();
        let tasks = ctx.tasks.get();
        ctx.report.with(|g| {
            let Some(g) = g else {
                return charming::Chart::new();
            };
            let group: Vec<Option<f64>> = g.tasks.iter().map(|t| t.task.success).collect();
            let district: Vec<Option<f64>> = g.tasks.iter().map(|t| t.district).collect();
            let reference: Vec<Option<f64>> = g.tasks.iter().map(|t| t.reference).collect();
            let (_, name) = super::group_of(&g.scope, l);
            let is_district = matches!(g.scope, Scope::District);
            task_success(
                &tasks,
                &group,
                (!is_district).then_some(district.as_slice()),
                g.reference_name
                    .as_deref()
                    .map(|n| (n, reference.as_slice())),
                &name,
                l,
            )
        })
    });
    let table = Signal::derive(move || {
        let l = lang.get();
        ctx.report.with(|g| {
            g.as_ref()
                .map(|g| task_table(g, l))
                .unwrap_or_else(ViewTable::default)
        })
    });
    let stem = Signal::derive(move || file_stem(&ctx.id.get(), &ctx.scope.get(), "tasks"));
    view! {
        <section class="drill-section" id="tasks">
            <h2>{move || d().sec_tasks}</h2>
            <p class="muted small">{move || d().tasks_note}</p>
            <EChart id="chart-tasks" chart=chart height=340/>
            <DataTable table=table testid="task-table" file_stem=stem/>
        </section>
    }
}
