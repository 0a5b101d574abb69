//! «Обзор района»: per procedure, participants and the standard metrics for the district and
//! per school, as a table and a mark-distribution chart. The procedure is chosen with `?p=ID`
//! so a view can be bookmarked.

use crate::charts::chart::EChart;
use crate::charts::mark_distribution::mark_distribution;
use crate::components::file_card::procedure_label;
use crate::components::metrics_table::MetricsTable;
use crate::i18n::{fmt_dec, fmt_int, fmt_pct, fmt_percent_value, use_lang, use_texts};
use crate::state::use_state;
use integra_core::report::ProcedureOverview;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

#[component]
fn Card(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(into, optional)] hint: Signal<String>,
    testid: &'static str,
    #[prop(into, optional)] raw: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="metric-card" title=move || hint.get()>
            <div class="mc-label">{move || label.get()}</div>
            <div class="mc-value" data-testid=testid data-value=move || raw.get()>{move || value.get()}</div>
        </div>
    }
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let state = use_state();
    let query = use_query_map();
    let navigate = use_navigate();

    let procedures = move || state.analysis.with(|a| a.overview.procedures.len());
    let selected_id = Memo::new(move |_| {
        let wanted = query.with(|q| q.get("p"));
        state.analysis.with(|a| {
            let ps = &a.overview.procedures;
            wanted
                .and_then(|w| ps.iter().find(|p| p.id == w).map(|p| p.id.clone()))
                .or_else(|| ps.first().map(|p| p.id.clone()))
        })
    });
    let selected: Memo<Option<ProcedureOverview>> = Memo::new(move |_| {
        let id = selected_id.get()?;
        state
            .analysis
            .with(|a| a.overview.procedures.iter().find(|p| p.id == id).cloned())
    });
    let chart = Signal::derive(move || match selected.get() {
        Some(p) => mark_distribution(&p, lang.get()),
        None => charming::Chart::new(),
    });
    let on_select = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let enc: String = js_sys::encode_uri_component(&id).into();
        navigate(&format!("/overview?p={enc}"), NavigateOptions::default());
    };

    let options = move || {
        let l = lang.get();
        let sel = selected_id.get();
        state.analysis.with(|a| {
            a.overview
                .procedures
                .iter()
                .map(|p| {
                    let id = p.id.clone();
                    let is_sel = sel.as_deref() == Some(id.as_str());
                    view! { <option value=id selected=is_sel>{procedure_label(&p.key, l)}</option> }
                })
                .collect_view()
        })
    };

    let m = move |f: fn(&ProcedureOverview) -> String| {
        Signal::derive(move || selected.with(|p| p.as_ref().map(f).unwrap_or_default()))
    };
    let metric =
        move |f: fn(&integra_core::stats::StandardMetrics, crate::i18n::Lang) -> String| {
            Signal::derive(move || {
                let l = lang.get();
                selected.with(|p| {
                    p.as_ref()
                        .and_then(|p| p.metrics.as_ref())
                        .map(|m| f(m, l))
                        .unwrap_or_else(|| t().too_few.to_string())
                })
            })
        };

    view! {
        <section class="page page-overview">
            <h1>{move || t().overview_title}</h1>
            <Show
                when=move || { procedures() > 0 }
                fallback=move || view! {
                    <div class="empty-state" data-testid="overview-empty">
                        <p>{move || t().overview_empty}</p>
                        <A href="/data" attr:class="btn btn-primary">{move || t().overview_empty_link}</A>
                    </div>
                }
            >
                <div class="overview-head">
                    <div class="ov-counts">
                        <span>{move || t().procedures_count}": "
                            <strong data-testid="ov-procedures" data-value=move || procedures().to_string()>
                                {move || fmt_int(procedures(), lang.get())}
                            </strong>
                        </span>
                        <span>{move || t().schools_total}": "
                            <strong data-testid="ov-schools" data-value=move || state.analysis.with(|a| a.overview.schools).to_string()>
                                {move || fmt_int(state.analysis.with(|a| a.overview.schools), lang.get())}
                            </strong>
                        </span>
                    </div>
                    <label class="procedure-select">
                        <span>{move || t().choose_procedure}</span>
                        <select id="procedure-select" data-testid="procedure-select" on:change=on_select.clone()>
                            {options}
                        </select>
                    </label>
                </div>

                <p class="drill-link">
                    <A href=move || selected_id.get().map(|id| crate::tables::scope_href(&id, &integra_core::report::drill::Scope::District)).unwrap_or_default()
                        attr:class="btn btn-primary" attr:data-testid="open-procedure">
                        {move || crate::i18n::drill_texts(lang.get()).open_procedure}
                    </A>
                </p>
                <div class="procedure-files muted small">
                    {move || t().files_of_procedure}": "
                    {move || selected.with(|p| p.as_ref().map(|p| p.files.join(", ")).unwrap_or_default())}
                </div>

                <h2>{move || t().district_metrics}</h2>
                <div class="metric-cards" data-testid="district-metrics">
                    <Card label=Signal::derive(move || t().participants.to_string()) testid="ov-participants"
                        value=Signal::derive(move || selected.with(|p| p.as_ref().map(|p| fmt_int(p.participants, lang.get())).unwrap_or_default()))
                        raw=m(|p| p.participants.to_string())/>
                    <Card label=Signal::derive(move || t().absent.to_string()) testid="ov-absent"
                        value=Signal::derive(move || selected.with(|p| p.as_ref().map(|p| fmt_int(p.absent, lang.get())).unwrap_or_default()))
                        raw=m(|p| p.absent.to_string())/>
                    <Card label=Signal::derive(move || t().schools.to_string()) testid="ov-proc-schools"
                        value=Signal::derive(move || selected.with(|p| p.as_ref().map(|p| fmt_int(p.schools, lang.get())).unwrap_or_default()))
                        raw=m(|p| p.schools.to_string())/>
                    <Card label=Signal::derive(move || t().success.to_string()) testid="ov-success"
                        hint=Signal::derive(move || t().success_hint.to_string())
                        value=metric(|m, l| fmt_pct(m.success, l))/>
                    <Card label=Signal::derive(move || t().quality.to_string()) testid="ov-quality"
                        hint=Signal::derive(move || t().quality_hint.to_string())
                        value=metric(|m, l| fmt_pct(m.quality, l))/>
                    <Card label=Signal::derive(move || t().mean_mark.to_string()) testid="ov-mean"
                        hint=Signal::derive(move || t().mean_mark_hint.to_string())
                        value=metric(|m, l| fmt_dec(m.mean_mark, 2, l))/>
                    <Card label=Signal::derive(move || t().sou.to_string()) testid="ov-sou"
                        hint=Signal::derive(move || t().sou_hint.to_string())
                        value=metric(|m, l| fmt_percent_value(m.sou, l))/>
                </div>
                {move || selected.with(|p| {
                    p.as_ref().filter(|p| p.without_mark > 0).map(|p| {
                        let n = p.without_mark;
                        view! {
                            <p class="muted small" data-testid="ov-without-mark" data-value=n.to_string()>
                                {t().participants}" "{t().without_mark}": "{fmt_int(n, lang.get())}
                            </p>
                        }
                    })
                })}

                <h2>{move || t().chart_title}</h2>
                <EChart id="chart-marks" chart=chart height=380/>
                <p class="muted small">{move || t().chart_note}</p>

                <h2>{move || t().per_school}</h2>
                <MetricsTable procedure=selected/>
            </Show>
        </section>
    }
}
