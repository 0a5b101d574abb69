//! «CSV» and «XLSX» buttons that download a table exactly as the core exports it
//! (`integra_core::report::export`: formula injection neutralised, numbers kept as numbers),
//! and [`export_xlsx`] for a «download all tables» button.

use crate::download::save_bytes;
use crate::i18n::{use_lang, Lang};
use integra_core::report::export::{file_name, to_csv, to_xlsx, Table};
use leptos::prelude::*;

pub const CSV_MIME: &str = "text/csv;charset=utf-8";
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Downloads `table` as CSV in the language's dialect (Russian: `;` and a decimal comma).
pub fn export_csv(table: &Table, file_stem: &str, lang: Lang) {
    save_bytes(&file_name(file_stem, "csv"), CSV_MIME, &to_csv(table, lang));
}

/// Downloads the tables as one XLSX workbook, one sheet per table; a refusal (a table too large
/// for a worksheet) is shown to the user in `lang`.
pub fn export_xlsx(tables: &[Table], file_stem: &str, lang: Lang) {
    match to_xlsx(tables) {
        Ok(bytes) => save_bytes(&file_name(file_stem, "xlsx"), XLSX_MIME, &bytes),
        Err(e) => report(&e.message(lang)),
    }
}

fn report(message: &str) {
    leptos::logging::warn!("{message}");
    if let Some(w) = web_sys::window() {
        let _ = w.alert_with_message(message);
    }
}

/// Two small buttons, «CSV» and «XLSX», downloading `table` as `{file_stem}.csv` / `.xlsx`
/// (the stem is made safe for file systems).
#[component]
pub fn ExportButtons(
    /// The cells to export: the same table the screen shows.
    #[prop(into)]
    table: Signal<Table>,
    /// File name without extension.
    #[prop(into)]
    file_stem: Signal<String>,
) -> impl IntoView {
    let lang = use_lang();
    let on_csv = move |_| {
        let l = lang.get_untracked();
        let stem = file_stem.get_untracked();
        table.with_untracked(|t| export_csv(t, &stem, l));
    };
    let on_xlsx = move |_| {
        let l = lang.get_untracked();
        let stem = file_stem.get_untracked();
        table.with_untracked(|t| export_xlsx(std::slice::from_ref(t), &stem, l));
    };
    let csv_title = move || {
        lang.get().pick(
            "Скачать таблицу в CSV (разделитель «;», десятичная запятая — откроется в Excel)",
            "Download the table as CSV (comma-separated, decimal point)",
        )
    };
    let xlsx_title = move || {
        lang.get().pick(
            "Скачать таблицу в Excel (XLSX)",
            "Download the table as an Excel workbook (XLSX)",
        )
    };
    view! {
        <span class="export-buttons">
            <button
                type="button"
                class="btn btn-small export-btn"
                data-testid="export-csv"
                title=csv_title
                on:click=on_csv
            >
                "CSV"
            </button>
            <button
                type="button"
                class="btn btn-small export-btn"
                data-testid="export-xlsx"
                title=xlsx_title
                on:click=on_xlsx
            >
                "XLSX"
            </button>
        </span>
    }
}
