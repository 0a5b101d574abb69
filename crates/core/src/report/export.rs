//! Table exports: CSV and XLSX bytes from a [`Table`] of typed [`Cell`]s.
//!
//! The screens build a [`Table`] from a report and the user downloads exactly those cells.
//!
//! - [`to_csv`]: one table, UTF-8 with a byte-order mark (so Excel opens Cyrillic right), CRLF
//!   line ends, quoting by the `csv` crate. Russian: `;` between fields and a decimal comma;
//!   English: `,` and a decimal point. The first line is the header row; the table's title is
//!   NOT written (it goes into the file name), so the file re-imports as a plain table — into
//!   Excel, pandas or Integra's own importer. Numbers carry no thousands separators; a percent
//!   cell is written as a percent number (share 0.615 with one decimal → `61,5` in Russian)
//!   without a `%` sign, so the column header should say "%".
//! - [`to_xlsx`]: one worksheet per table, named after its title ([`sheet_names`]: at most 31
//!   characters, none of `[ ] : * ? / \`, unique ignoring case), bold wrapped header row frozen
//!   at the top with an autofilter, numbers as real numbers with their decimals (`0.0`), percent
//!   cells as the share with an Excel percent format (`0.0%`), column widths from the contents.
//!
//! Non-finite numbers (NaN, ±∞) and [`Cell::Empty`] become empty cells in both formats. XLSX
//! stores every number as an f64, so an [`Cell::Int`] beyond ±2^53 loses its last digits there.
//!
//! On wasm32-unknown-unknown rust_xlsxwriter needs its `wasm` feature (it reads the clock for
//! the document properties through js-sys; without it `Workbook::new` panics). The core does
//! not turn it on, to stay free of web crates: the app's Cargo.toml does.
//!
//! **Formula injection (OWASP "CSV injection").** A spreadsheet evaluates a field that starts
//! with `=`, `+`, `-` or `@` (and, through some import paths, a tab or a carriage return) as a
//! formula. Every *text* — text cells, column headers — whose first character is one of
//! `=` `+` `-` `@` `\t` `\r` gets a leading apostrophe `'` ([`neutralise`]). In XLSX text is
//! always written as a string, never as a formula, and the same apostrophe is added so that a
//! copy from the sheet pasted into a CSV stays safe (the apostrophe is then part of the text and
//! visible in the cell, unlike Excel's hidden quote prefix). Numbers stay numbers: a negative
//! [`Cell::Num`] or [`Cell::Int`] is not text and is not altered. A number kept as text
//! (`Cell::Text("-5")`) does get the apostrophe: use the numeric cells for numbers and
//! [`Cell::Empty`] (not `"-"`) for a missing value.
//!
//! **Privacy.** This module does not decide what may be shown: it writes what it is given.
//! Callers build tables only from reports that already passed [`crate::privacy`] (nothing about
//! fewer than [`crate::privacy::MIN_SHOWN`] people), exactly as for the screens.

use crate::lang::Lang;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// A table to export: a title (sheet name, file name), column headers and rows of cells.
/// Rows may be shorter than `columns` (the rest is empty) or longer (extra cells are kept).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One typed cell. Numbers keep their type so that a spreadsheet can compute with them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number shown with `decimals` digits after the point.
    Num {
        value: f64,
        decimals: u8,
    },
    /// A share 0..1 shown as a percent with `decimals` digits (0.615, 1 → 61,5 %).
    Percent {
        value: f64,
        decimals: u8,
    },
    #[default]
    Empty,
}

/// Digits after the point are capped here (f64 carries about 15 significant digits).
pub const MAX_DECIMALS: u8 = 10;

/// Characters that make a spreadsheet read a field as a formula when they come first.
pub const DANGEROUS_FIRST: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Excel's limits of a worksheet.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 16_384;
/// Excel's limit of a sheet name, in UTF-16 code units.
const MAX_SHEET_NAME: usize = 31;

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A number with `decimals` digits after the point.
    pub fn num(value: f64, decimals: u8) -> Cell {
        Cell::Num { value, decimals }
    }

    /// A share 0..1 shown as a percent with `decimals` digits.
    pub fn percent(share: f64, decimals: u8) -> Cell {
        Cell::Percent {
            value: share,
            decimals,
        }
    }

    /// A number, or an empty cell for `None`.
    pub fn opt_num(value: Option<f64>, decimals: u8) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::num(v, decimals))
    }

    /// A share as a percent, or an empty cell for `None`.
    pub fn opt_percent(share: Option<f64>, decimals: u8) -> Cell {
        share.map_or(Cell::Empty, |v| Cell::percent(v, decimals))
    }

    /// The cell as the text a CSV file holds (neutralised text, numbers with the language's
    /// decimal separator, percents as percent numbers, empty for [`Cell::Empty`]).
    pub fn csv_text(&self, lang: Lang) -> Cow<'_, str> {
        let comma = lang == Lang::Ru;
        match self {
            Cell::Text(s) => neutralise(s),
            Cell::Int(i) => Cow::Owned(i.to_string()),
            Cell::Num { value, decimals } => Cow::Owned(format_number(*value, *decimals, comma)),
            Cell::Percent { value, decimals } => {
                Cow::Owned(format_number(*value * 100.0, *decimals, comma))
            }
            Cell::Empty => Cow::Borrowed(""),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(i: i64) -> Cell {
        Cell::Int(i)
    }
}

impl From<i32> for Cell {
    fn from(i: i32) -> Cell {
        Cell::Int(i64::from(i))
    }
}

impl From<u32> for Cell {
    fn from(i: u32) -> Cell {
        Cell::Int(i64::from(i))
    }
}

impl From<usize> for Cell {
    fn from(i: usize) -> Cell {
        Cell::Int(i64::try_from(i).unwrap_or(i64::MAX))
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(x: Option<T>) -> Cell {
        x.map_or(Cell::Empty, Into::into)
    }
}

impl Table {
    /// An empty table with a title and column headers.
    pub fn new<S: Into<String>>(
        title: impl Into<String>,
        columns: impl IntoIterator<Item = S>,
    ) -> Table {
        Table {
            title: title.into(),
            columns: columns.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn push_row(&mut self, row: impl IntoIterator<Item = Cell>) {
        self.rows.push(row.into_iter().collect());
    }

    /// Width of the table: the header or the longest row, whichever is wider.
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(self.columns.len())
    }
}

/// Why an XLSX file could not be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    /// More rows or columns than a worksheet holds.
    #[error("table «{table}» is too large for a worksheet: {rows} rows, {columns} columns (Excel allows 1048576 rows with the header and 16384 columns)")]
    TooLarge {
        table: String,
        rows: usize,
        columns: usize,
    },
    /// The XLSX writer refused (its message).
    #[error("XLSX writer: {0}")]
    Xlsx(String),
}

impl ExportError {
    /// The message for the user.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExportError::TooLarge { table, rows, columns }, Lang::Ru) => format!(
                "Таблица «{table}» не помещается на лист Excel: строк {rows}, столбцов {columns} \
                 (Excel допускает 1 048 576 строк с заголовком и 16 384 столбца). Выгрузите её в CSV."
            ),
            (ExportError::Xlsx(e), Lang::Ru) => format!("Не удалось создать файл XLSX: {e}"),
            (e, Lang::En) => e.to_string(),
        }
    }
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> ExportError {
        ExportError::Xlsx(e.to_string())
    }
}

/// True when a spreadsheet could read `text` as a formula: its first character is one of
/// [`DANGEROUS_FIRST`].
pub fn is_dangerous(text: &str) -> bool {
    text.starts_with(DANGEROUS_FIRST)
}

/// The text with a leading apostrophe when it [`is_dangerous`], else unchanged.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if is_dangerous(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `value` with `decimals` digits (at most [`MAX_DECIMALS`]), a decimal comma when `comma`,
/// no thousands separators, no "-0". Non-finite values give an empty string.
fn format_number(value: f64, decimals: u8, comma: bool) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let mut s = format!("{:.*}", usize::from(decimals.min(MAX_DECIMALS)), value);
    if s.starts_with('-') && s.bytes().all(|b| matches!(b, b'-' | b'0' | b'.')) {
        s.remove(0);
    }
    if comma {
        s = s.replace('.', ",");
    }
    s
}

/// UTF-8 byte-order mark.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The table as CSV bytes: UTF-8 with BOM, header row first (no title), `;` and a decimal
/// comma for Russian, `,` and a decimal point for English, text neutralised (module docs).
pub fn to_csv(table: &Table, lang: Lang) -> Vec<u8> {
    let delimiter = match lang {
        Lang::Ru => b';',
        Lang::En => b',',
    };
    let mut out = Vec::with_capacity(64 + table.rows.len() * table.width() * 8);
    out.extend_from_slice(UTF8_BOM);
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(out);
    // Writing into memory with `flexible` cannot fail: there is no I/O and no length check.
    let mut write = |record: Vec<Cow<'_, str>>| {
        writer
            .write_record(record.iter().map(|f| f.as_bytes()))
            .expect("CSV into memory");
    };
    if !table.columns.is_empty() {
        write(table.columns.iter().map(|c| neutralise(c)).collect());
    }
    for row in &table.rows {
        let mut record: Vec<Cow<'_, str>> = row.iter().map(|c| c.csv_text(lang)).collect();
        if record.len() < table.columns.len() {
            record.resize(table.columns.len(), Cow::Borrowed(""));
        }
        write(record);
    }
    writer
        .into_inner()
        .map_err(|e| e.into_error())
        .expect("CSV into memory")
}

/// A sheet name from a title: forbidden characters replaced (`[`→`(`, `]`→`)`, `: * ? / \`→`-`),
/// control characters dropped, no apostrophe or space at either end, at most 31 UTF-16 units;
/// `fallback` when nothing is left. Uniqueness is [`sheet_names`]'s job.
pub fn sanitise_sheet_name(title: &str, fallback: &str) -> String {
    let cleaned: String = title
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            ':' | '*' | '?' | '/' | '\\' => '-',
            c => c,
        })
        .collect();
    let name = trim_name(&truncate_utf16(&cleaned, MAX_SHEET_NAME));
    if name.is_empty() {
        trim_name(&truncate_utf16(fallback, MAX_SHEET_NAME))
    } else {
        name
    }
}

fn trim_name(s: &str) -> String {
    s.trim_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_string()
}

fn truncate_utf16(s: &str, max: usize) -> String {
    let mut units = 0;
    s.chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= max
        })
        .collect()
}

/// Sheet names for the tables, in order: [`sanitise_sheet_name`] of each title (`Sheet{n}` for
/// an empty one), made unique ignoring case by a ` (2)`, ` (3)`… suffix. Excel's reserved name
/// `History` is avoided the same way.
pub fn sheet_names(tables: &[Table]) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::from(["history".to_string()]);
    tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let base = sanitise_sheet_name(&t.title, &format!("Sheet{}", i + 1));
            let mut name = base.clone();
            let mut n = 2;
            while taken.contains(&name.to_lowercase()) {
                let suffix = format!(" ({n})");
                let room = MAX_SHEET_NAME - suffix.len();
                name = format!("{}{suffix}", trim_name(&truncate_utf16(&base, room)));
                n += 1;
            }
            taken.insert(name.to_lowercase());
            name
        })
        .collect()
}

/// Number format code for `decimals` digits: `0`, `0.0`, `0.00`…; with `%` for percents.
fn num_format(decimals: u8, percent: bool) -> String {
    let d = usize::from(decimals.min(MAX_DECIMALS));
    let mut code = String::from("0");
    if d > 0 {
        code.push('.');
        code.push_str(&"0".repeat(d));
    }
    if percent {
        code.push('%');
    }
    code
}

/// Approximate displayed width of a cell in characters.
fn display_width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(s) => neutralise(s).chars().count(),
        Cell::Percent { .. } => cell.csv_text(Lang::En).len() + 1,
        other => other.csv_text(Lang::En).len(),
    }
}

/// Column width in Excel character units: the widest cell, the header up to 30 characters
/// (longer headers wrap), between 6 and 60.
fn column_width(table: &Table, col: usize) -> f64 {
    let header = table
        .columns
        .get(col)
        .map_or(0, |h| neutralise(h).chars().count().min(30));
    let data = table
        .rows
        .iter()
        .filter_map(|r| r.get(col))
        .map(display_width)
        .max()
        .unwrap_or(0);
    // Bold header text is a little wider; a small margin for the autofilter button.
    let chars = (header as f64 * 1.1).max(data as f64) + 3.0;
    chars.clamp(6.0, 60.0)
}

/// The tables as one XLSX workbook, one worksheet per table (module docs). An empty slice gives
/// a workbook with one empty sheet.
pub fn to_xlsx(tables: &[Table]) -> Result<Vec<u8>, ExportError> {
    for t in tables {
        let (rows, columns) = (t.rows.len() + 1, t.width());
        if rows > MAX_ROWS || columns > MAX_COLUMNS {
            return Err(ExportError::TooLarge {
                table: t.title.clone(),
                rows,
                columns,
            });
        }
    }
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let mut formats: HashMap<(u8, bool), Format> = HashMap::new();
    let names = sheet_names(tables);
    for (table, name) in tables.iter().zip(&names) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        let width = table.width();
        for (c, title) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), neutralise(title), &header)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let c = col(c);
                match cell {
                    Cell::Text(s) => {
                        sheet.write_string(r, c, neutralise(s))?;
                    }
                    Cell::Int(i) => {
                        sheet.write_number(r, c, *i as f64)?;
                    }
                    Cell::Num { value, decimals } | Cell::Percent { value, decimals }
                        if value.is_finite() =>
                    {
                        let percent = matches!(cell, Cell::Percent { .. });
                        let d = (*decimals).min(MAX_DECIMALS);
                        let format = formats.entry((d, percent)).or_insert_with(|| {
                            Format::new().set_num_format(num_format(d, percent))
                        });
                        sheet.write_number_with_format(r, c, *value, format)?;
                    }
                    Cell::Num { .. } | Cell::Percent { .. } | Cell::Empty => {}
                }
            }
        }
        for c in 0..width {
            sheet.set_column_width(col(c), column_width(table, c))?;
        }
        if !table.columns.is_empty() {
            sheet.set_freeze_panes(1, 0)?;
            let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
            sheet.autofilter(0, 0, last_row, col(table.columns.len() - 1))?;
        }
    }
    if tables.is_empty() {
        workbook.add_worksheet();
    }
    Ok(workbook.save_to_buffer()?)
}

/// Column index for the writer; the caller checked the width against [`MAX_COLUMNS`].
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// A safe file name: `stem` with characters that file systems refuse (`/ \ : * ? " < > |`,
/// control characters) replaced by `_`, no dot or space at either end, at most 100 characters,
/// `integra` when nothing is left, then `.extension`.
pub fn file_name(stem: &str, extension: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .take(100)
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = if trimmed.is_empty() {
        "integra"
    } else {
        trimmed
    };
    format!("{stem}.{}", extension.trim_start_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_first_characters_get_an_apostrophe() {
        for s in ["=1+1", "+7 900", "-5", "@SUM(A1)", "\tx", "\rx"] {
            assert!(is_dangerous(s), "{s:?}");
            assert_eq!(neutralise(s), format!("'{s}"));
        }
        for s in ["", "Школа 1", " =1", "1-2", "'=1", "−5", "—"] {
            assert!(!is_dangerous(s), "{s:?}");
            assert_eq!(neutralise(s), s);
        }
    }

    #[test]
    fn numbers_format_by_language_and_stay_numbers() {
        assert_eq!(Cell::num(-3.25, 1).csv_text(Lang::Ru), "-3,2");
        assert_eq!(Cell::num(-3.25, 2).csv_text(Lang::En), "-3.25");
        assert_eq!(Cell::num(-0.01, 1).csv_text(Lang::Ru), "0,0");
        assert_eq!(Cell::num(12.0, 0).csv_text(Lang::Ru), "12");
        assert_eq!(Cell::percent(0.615, 1).csv_text(Lang::Ru), "61,5");
        assert_eq!(Cell::percent(1.0, 0).csv_text(Lang::En), "100");
        assert_eq!(Cell::Int(-7).csv_text(Lang::Ru), "-7");
        assert_eq!(Cell::num(f64::NAN, 1).csv_text(Lang::Ru), "");
        assert_eq!(Cell::percent(f64::INFINITY, 1).csv_text(Lang::Ru), "");
        assert_eq!(Cell::num(1.5, 200).csv_text(Lang::En), "1.5000000000");
        assert_eq!(Cell::Empty.csv_text(Lang::Ru), "");
    }

    #[test]
    fn conversions() {
        assert_eq!(Cell::from("a"), Cell::Text("a".into()));
        assert_eq!(Cell::from(3usize), Cell::Int(3));
        assert_eq!(Cell::from(None::<i64>), Cell::Empty);
        assert_eq!(Cell::from(Some(-2)), Cell::Int(-2));
        assert_eq!(Cell::opt_percent(None, 1), Cell::Empty);
        let mut t = Table::new("T", ["a", "b"]);
        t.push_row([Cell::Int(1), Cell::Int(2), Cell::Int(3)]);
        assert_eq!(t.width(), 3);
    }

    #[test]
    fn serde_form() {
        let v =
            serde_json::to_value(vec![Cell::text("x"), Cell::num(1.5, 1), Cell::Empty]).unwrap();
        assert_eq!(
            v,
            serde_json::json!([{"text": "x"}, {"num": {"value": 1.5, "decimals": 1}}, "empty"])
        );
    }

    #[test]
    fn csv_shape() {
        let mut t = Table::new("Заголовок", ["Школа", "Доля, %"]);
        t.push_row([Cell::text("Школа; №1"), Cell::percent(0.5, 1)]);
        t.push_row([Cell::text("=HYPERLINK(\"x\")")]);
        let bytes = to_csv(&t, Lang::Ru);
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert!(bytes.starts_with(UTF8_BOM));
        assert_eq!(
            text,
            "Школа;Доля, %\r\n\"Школа; №1\";50,0\r\n\"'=HYPERLINK(\"\"x\"\")\";\r\n"
        );
        assert!(!text.contains("Заголовок"));
    }

    #[test]
    fn empty_tables_in_csv() {
        assert_eq!(to_csv(&Table::default(), Lang::Ru), UTF8_BOM);
        let t = Table::new("", ["a", "b"]);
        assert_eq!(&to_csv(&t, Lang::En)[3..], b"a,b\r\n");
    }

    #[test]
    fn sheet_name_rules() {
        assert_eq!(sanitise_sheet_name("a[1]: b/c\\d*?", "S"), "a(1)- b-c-d--");
        assert_eq!(sanitise_sheet_name("'quoted'", "S"), "quoted");
        assert_eq!(sanitise_sheet_name("  \t ", "Sheet3"), "Sheet3");
        let long = "Ж".repeat(40);
        assert_eq!(sanitise_sheet_name(&long, "S").chars().count(), 31);
        // A character outside the BMP counts twice.
        let emoji = "😀".repeat(20);
        assert_eq!(sanitise_sheet_name(&emoji, "S").chars().count(), 15);
    }

    #[test]
    fn sheet_names_are_unique_ignoring_case() {
        let t = |s: &str| Table::new(s, Vec::<String>::new());
        let long = "Ш".repeat(40);
        let names = sheet_names(&[
            t("Итоги"),
            t("итоги"),
            t("ИТОГИ"),
            t(""),
            t("History"),
            t(&long),
            t(&long),
        ]);
        assert_eq!(
            names[..5],
            ["Итоги", "итоги (2)", "ИТОГИ (3)", "Sheet4", "History (2)"]
        );
        assert_eq!(names[5], "Ш".repeat(31));
        assert_eq!(names[6], format!("{} (2)", "Ш".repeat(27)));
        let lower: HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(lower.len(), names.len());
    }

    #[test]
    fn number_formats() {
        assert_eq!(num_format(0, false), "0");
        assert_eq!(num_format(2, false), "0.00");
        assert_eq!(num_format(1, true), "0.0%");
        assert_eq!(num_format(0, true), "0%");
    }

    #[test]
    fn file_names() {
        assert_eq!(
            file_name("vpr-математика-4-2025-tasks", "csv"),
            "vpr-математика-4-2025-tasks.csv"
        );
        assert_eq!(file_name("a/b:c*?\"<>|\n", ".xlsx"), "a_b_c_______.xlsx");
        assert_eq!(file_name(" .. ", "csv"), "integra.csv");
        assert_eq!(file_name(&"x".repeat(300), "csv").len(), 104);
    }

    #[test]
    fn too_large_is_an_error_not_a_panic() {
        let t = Table::new("Wide", (0..20_000).map(|i| i.to_string()));
        let e = to_xlsx(&[t]).unwrap_err();
        assert!(matches!(
            e,
            ExportError::TooLarge {
                columns: 20_000,
                ..
            }
        ));
        assert!(e.message(Lang::Ru).contains("Wide"));
    }
}
