//! XLSX, XLS and ODS workbooks via calamine, from bytes: every sheet becomes a [`Grid`]
//! (the pipeline chooses the one that holds the table); formula cells come with their cached
//! values.

use super::grid::{Grid, GridRow};
use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};
use csv::StringRecord;
use std::io::Cursor;

/// What went wrong opening a workbook.
pub(crate) struct WorkbookError(pub String);

/// Whether the bytes start like a zip container (XLSX, ODS) or an OLE file (XLS).
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// A workbook read into grids, one per sheet.
pub(crate) struct Book {
    /// Every sheet that could be read, in workbook order (grid detail = sheet name).
    pub sheets: Vec<Sheet>,
    /// `xlsx`, `ods`, `xls` or `xlsb`.
    pub format: &'static str,
    /// Number of sheets in the workbook (including any that could not be read).
    pub count: usize,
}

/// One sheet of a workbook.
pub(crate) struct Sheet {
    pub grid: Grid,
    /// Rows with two or more filled cells: a sheet with at least two holds a table.
    pub table_rows: usize,
}

/// Reads every sheet of a workbook. `Err` when the workbook cannot be opened, or when no
/// sheet holds a table and some sheet could not be read (the likelier reason).
pub(crate) fn read(bytes: &[u8]) -> Result<Book, WorkbookError> {
    // calamine reports broken archives as errors; guard against panics inside dependencies
    // where unwinding is available (native builds).
    let res = std::panic::catch_unwind(|| read_inner(bytes));
    match res {
        Ok(r) => r,
        Err(_) => Err(WorkbookError(
            "internal error while reading the workbook".into(),
        )),
    }
}

fn read_inner(bytes: &[u8]) -> Result<Book, WorkbookError> {
    let mut wb =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| WorkbookError(e.to_string()))?;
    let format = match wb {
        Sheets::Xlsx(_) => "xlsx",
        Sheets::Ods(_) => "ods",
        Sheets::Xls(_) => "xls",
        Sheets::Xlsb(_) => "xlsb",
    };
    let names = wb.sheet_names();
    let count = names.len();
    let mut first_err = None;
    let mut sheets = Vec::with_capacity(count);
    for name in names {
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                first_err.get_or_insert_with(|| e.to_string());
                continue;
            }
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::with_capacity(range.height());
        let mut table_rows = 0usize;
        for (i, row) in range.rows().enumerate() {
            let mut rec = StringRecord::with_capacity(row.len() * 4, c0 as usize + row.len());
            for _ in 0..c0 {
                rec.push_field("");
            }
            let mut cells = 0usize;
            for cell in row {
                let text = cell_text(cell);
                if !text.trim().is_empty() {
                    cells += 1;
                }
                rec.push_field(text.trim());
            }
            if cells >= 2 {
                table_rows += 1;
            }
            rows.push(GridRow {
                line: r0.saturating_add(i as u32).saturating_add(1),
                cells: rec,
            });
        }
        sheets.push(Sheet {
            grid: Grid { rows, detail: name },
            table_rows,
        });
    }
    let any_table = sheets.iter().any(|s| s.table_rows >= 2);
    match first_err {
        Some(e) if !any_table => Err(WorkbookError(e)),
        _ if sheets.is_empty() => Err(WorkbookError("the workbook has no sheets".into())),
        _ => Ok(Book {
            sheets,
            format,
            count,
        }),
    }
}

/// The text of a cell as a user sees it (whole floats without `.0`).
fn cell_text(cell: &Data) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    match cell {
        Data::Empty => Cow::Borrowed(""),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cow::Borrowed(s.as_str()),
        Data::Int(i) => Cow::Owned(i.to_string()),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                Cow::Owned(format!("{}", *f as i64))
            } else {
                Cow::Owned(f.to_string())
            }
        }
        Data::Bool(b) => Cow::Owned(b.to_string()),
        Data::DateTime(d) => Cow::Owned(d.to_string()),
        Data::Error(_) => Cow::Borrowed(""),
    }
}
