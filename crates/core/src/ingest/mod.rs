//! Import of result and context files: CSV (UTF-8, UTF-8 BOM, Windows-1251; `,` `;` tab),
//! XLSX and ODS. The main entry point is [`import_file`], which never panics and returns
//! the data it could read plus a [`FileSummary`] with every issue found.
//!
//! API boundary: bytes in, [`FileImport`] out. The caller (app, CLI) merges successful
//! imports into a [`crate::model::Dataset`] with [`crate::ingest::merge`].

mod answer_strings;
mod catalogue;
mod columns;
mod decode;
mod delimited;
mod evidence;
mod grid;
mod header;
mod infer;
mod issue;
mod labels;
mod log;
mod pipeline;
mod pupils;
mod reference;
mod scale;
mod school_table;
mod spreadsheet;
mod task_info;
mod values;
pub(crate) use columns::norm as norm_header;
pub(crate) use grid::{Grid, GridRow};
pub use issue::{Issue, Severity};
pub use labels::task_label_key;
pub(crate) use values::{parse_number, parse_score, Score};

use crate::model::{
    Procedure, ProcedureKey, ProcedureKind, ReferenceTable, Scale, SchoolTable, Task, TaskInfoTable,
};
use serde::{Deserialize, Serialize};

/// What a column of a file was understood to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "role", content = "detail")]
pub enum ColumnRole {
    /// School code or login (`логин школы`, `URN`, `cent_id`).
    School,
    /// School name (kept: not personal).
    SchoolName,
    Class,
    /// Pupil code or number: pseudonymised at import.
    PupilCode,
    /// Pupil name (ФИО): dropped at import, never stored.
    PupilName,
    Variant,
    Sex,
    /// Primary score (`всего баллов`, `первичный балл`).
    Total,
    /// Mark for the work (`отметка`).
    Mark,
    /// Journal mark for the previous term.
    Journal,
    /// A task score column with its label.
    Task(String),
    /// A numeric or categorical column of a school-level table.
    Value,
    /// Not used (e.g. region, municipality, row numbers).
    Ignored,
}

/// The kind of table a file was imported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// One row per pupil with task scores and/or marks.
    PupilResults,
    /// One row per school with aggregated results.
    SchoolResults,
    /// One row per school with context (social passport, register, directory).
    SchoolContext,
    /// One row per task: maximum, level, skill or codifier element («описание заданий»).
    TaskInfo,
    /// External reference aggregates: one row per group («Вся выборка», region, city,
    /// district) with task success and/or mark shares (ФИС ОКО reports).
    Reference,
    /// The file could not be used; see the issues for why.
    Refused,
}

/// A piece of information the importer could not infer and asks the user for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Kind,
    Subject,
    Grade,
    Year,
    Scale,
    /// Which column holds the school code.
    SchoolColumn,
}

/// User answers that override what the importer inferred; applied by re-importing the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportOptions {
    pub kind: Option<ProcedureKind>,
    pub subject: Option<String>,
    pub grade: Option<u8>,
    pub year: Option<u16>,
    /// Mark thresholds «3», «4», «5» typed by the user.
    pub scale: Option<[f64; 3]>,
    /// Column roles set by the user: (0-based column index, role).
    pub columns: Vec<(usize, ColumnRole)>,
    /// Force the table kind (e.g. import a school-level table as context).
    pub table_kind: Option<TableKind>,
    /// Read this sheet of a workbook instead of the one the importer chose.
    pub sheet: Option<String>,
    /// The header is in this row (1-based, as the sheet or the text editor shows it).
    #[serde(default)]
    pub header_row: Option<u32>,
}

/// One decision the importer took about a file, and the evidence for it: which sheet, which
/// header row, which table kind, where the task maxima and the scale came from. Shown on the
/// file card so that the user can see why and change it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// What was decided.
    pub topic: ChoiceTopic,
    /// The decision and its evidence, in Russian.
    pub ru: String,
    /// The same in English.
    pub en: String,
}

/// What a [`Choice`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceTopic {
    Sheet,
    Header,
    Kind,
    Procedure,
    Maxima,
    Scale,
}

/// One column as understood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnInfo {
    /// 0-based index in the file.
    pub index: usize,
    /// Header text (title rows and two-row headers joined with ` / `).
    pub header: String,
    pub role: ColumnRole,
}

/// Per-file summary of what was understood: shown on «Данные» and printed by the CLI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileSummary {
    pub file: String,
    /// `csv`, `xlsx`, `ods`, or `unknown`.
    pub format: String,
    /// Encoding and delimiter for CSV (`UTF-8 BOM; ';'`), sheet name for spreadsheets.
    pub format_detail: String,
    pub table: TableKind,
    /// For pupil results and reference tables: the procedure as inferred or given; for task
    /// descriptions: the procedure they describe when kind and subject are known.
    pub procedure: Option<ProcedureKey>,
    /// Data rows read (excluding title, header, maxima and level rows).
    pub rows: usize,
    pub participants: usize,
    pub absent: usize,
    pub schools: usize,
    pub classes: usize,
    pub tasks: Vec<Task>,
    pub scale: Option<Scale>,
    pub columns: Vec<ColumnInfo>,
    /// What the importer could not infer and asks the user for.
    pub needs: Vec<Need>,
    /// What was chosen (sheet, header, table kind, maxima, scale) and why.
    pub choices: Vec<Choice>,
    /// The row of the header (1-based, as the sheet shows it); 0 when none was found.
    #[serde(default)]
    pub header_row: u32,
    /// Names of the workbook's sheets when it has more than one, so that the user can pick
    /// another (empty for CSV and one-sheet workbooks).
    pub sheets: Vec<String>,
    pub issues: Vec<Issue>,
}

/// The data read from one file.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ImportedData {
    /// Pupil-level results; `results.school` indexes `school_codes`.
    Pupils {
        procedure: Procedure,
        school_codes: Vec<String>,
    },
    /// A school-level table; `table.school` indexes `school_codes` (names when known).
    Schools {
        table: SchoolTable,
        school_codes: Vec<String>,
        school_names: Vec<Option<String>>,
    },
    /// Task descriptions; merged into the matching procedures' tasks.
    TaskInfo { info: TaskInfoTable },
    /// Reference aggregates of one procedure (region, city, Russia).
    Reference { table: ReferenceTable },
    /// Nothing usable.
    None,
}

/// The result of importing one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileImport {
    pub summary: FileSummary,
    pub data: ImportedData,
}

/// Salted pseudonymisation of pupil codes. The salt is per session and never stored.
#[derive(Debug, Clone)]
pub struct Pseudonymizer {
    salt: [u8; 16],
}

impl Pseudonymizer {
    /// Creates a pseudonymizer with the session's salt.
    pub fn new(salt: [u8; 16]) -> Pseudonymizer {
        Pseudonymizer { salt }
    }

    /// A short stable pseudonym (`P` + 10 hex digits) for a pupil code within a school.
    pub fn pseudonym(&self, school: &str, code: &str) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(self.salt);
        h.update(school.as_bytes());
        h.update([0u8]);
        h.update(code.trim().as_bytes());
        let d = h.finalize();
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(11);
        s.push('P');
        for b in d.iter().take(5) {
            s.push(HEX[(b >> 4) as usize] as char);
            s.push(HEX[(b & 15) as usize] as char);
        }
        s
    }
}

/// The rows of a CSV or workbook file as text cells (every sheet; CSV decoded and its
/// delimiter sniffed as for results), for other readers in the core (the filled re-check list
/// of `objectivity::recheck`). The issues say why a file cannot be read.
pub(crate) fn read_grids(name: &str, bytes: &[u8]) -> (Vec<Grid>, Vec<Issue>) {
    pipeline::grids(name, bytes)
}

/// Imports one file. Never panics on any input: a file that cannot be used comes back as
/// [`TableKind::Refused`] with an [`Severity::Error`] issue saying why and what to do.
pub fn import_file(
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    pseudo: &Pseudonymizer,
) -> FileImport {
    pipeline::run(name, bytes, opts, pseudo)
}

/// Imports several files (name, bytes) with the same options, in order.
pub fn import_all<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    opts: &ImportOptions,
    pseudo: &Pseudonymizer,
) -> Vec<FileImport> {
    files
        .into_iter()
        .map(|(name, bytes)| import_file(name, bytes, opts, pseudo))
        .collect()
}

/// Merges successful imports into a dataset. Procedures with the same key are appended
/// (tasks must match; otherwise the later file is kept as a separate procedure and an issue
/// is returned). Task descriptions then fill `Task::skill` (and missing levels) of the
/// procedures they match; reference tables are kept in `Dataset::references`.
pub fn merge(imports: &[&FileImport]) -> (crate::model::Dataset, Vec<Issue>) {
    merge::merge(imports, &MergeOptions::default())
}

/// [`merge`] with the user's choices about how files are joined.
pub fn merge_with(
    imports: &[&FileImport],
    opts: &MergeOptions,
) -> (crate::model::Dataset, Vec<Issue>) {
    merge::merge(imports, opts)
}

/// How files are joined into one dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeOptions {
    /// Logins that differ only in their letter prefix (`sch224052`, `edu224052`: exports of
    /// different years) are one school. On by default; the user turns it off when two such
    /// logins are different schools.
    pub join_login_prefixes: bool,
}

impl Default for MergeOptions {
    fn default() -> Self {
        MergeOptions {
            join_login_prefixes: true,
        }
    }
}

mod maxima;
mod merge;
