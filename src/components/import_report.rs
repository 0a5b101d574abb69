//! The import report: every issue with file, row, column, severity and the message in the
//! current language. Long reports are collapsed and shown page by page.

use crate::i18n::{fmt_int, severity_name, use_lang, use_texts};
use integra_core::ingest::{Issue, Severity};
use leptos::prelude::*;
use std::sync::Arc;

const FIRST_PAGE: usize = 50;
const PAGE: usize = 200;

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Info => "sev-info",
        Severity::Warning => "sev-warning",
        Severity::Error => "sev-error",
    }
}

#[component]
pub fn ImportReport(issues: Arc<Vec<Issue>>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let total = issues.len();
    let shown = RwSignal::new(FIRST_PAGE.min(total));
    let counts = [Severity::Error, Severity::Warning, Severity::Info]
        .map(|s| (s, issues.iter().filter(|i| i.severity == s).count()));
    let has_error = counts[0].1 > 0;
    let open = total > 0 && (total <= 10 || has_error);
    let chips = move || {
        counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| {
                view! {
                    <span class=format!("sev-chip {}", severity_class(*s))>
                        {severity_name(*s, lang.get())}": "{fmt_int(*n, lang.get())}
                    </span>
                }
            })
            .collect_view()
    };
    let rows = {
        let issues = issues.clone();
        move || {
            let l = lang.get();
            issues
                .iter()
                .take(shown.get())
                .map(|i| {
                    view! {
                        <tr class=severity_class(i.severity) data-testid="issue-row">
                            <td class="ir-file">{i.file.clone()}</td>
                            <td class="num">{i.row.map(|r| r.to_string()).unwrap_or_else(|| "—".into())}</td>
                            <td>{i.column.clone().unwrap_or_else(|| "—".into())}</td>
                            <td>{severity_name(i.severity, l)}</td>
                            <td class="ir-msg">{i.message(l).to_string()}</td>
                        </tr>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <details class="import-report" data-testid="import-report" data-count=total.to_string() open=open>
            <summary>
                <span class="ir-title">{move || t().report_title}</span>
                {move || if total == 0 {
                    view! { <span class="muted">{t().report_empty}</span> }.into_any()
                } else {
                    chips().into_any()
                }}
            </summary>
            <Show when=move || { total > 0 }>
                <div class="table-wrap">
                    <table class="issues">
                        <thead>
                            <tr>
                                <th>{move || t().col_file}</th>
                                <th>{move || t().col_row}</th>
                                <th>{move || t().col_column}</th>
                                <th>{move || t().col_severity}</th>
                                <th>{move || t().col_message}</th>
                            </tr>
                        </thead>
                        <tbody>{rows.clone()}</tbody>
                    </table>
                </div>
                <div class="ir-more">
                    <span class="muted">
                        {move || format!("{} {} / {}", t().shown_of, fmt_int(shown.get(), lang.get()), fmt_int(total, lang.get()))}
                    </span>
                    <Show when=move || { shown.get() < total }>
                        <button type="button" class="btn btn-small btn-ghost" data-testid="issues-more"
                            on:click=move |_| shown.update(|n| *n = (*n + PAGE).min(total))>
                            {move || t().show_more}
                        </button>
                    </Show>
                    <Show when=move || { shown.get() > FIRST_PAGE }>
                        <button type="button" class="btn btn-small btn-ghost"
                            on:click=move |_| shown.set(FIRST_PAGE.min(total))>
                            {move || t().show_less}
                        </button>
                    </Show>
                </div>
            </Show>
        </details>
    }
}
