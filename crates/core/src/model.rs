//! The data model: procedures, tasks, conversion scales, column-wise pupil results,
//! school-level tables (results or context) and the whole loaded [`Dataset`].
//!
//! Results are stored column-wise (one `Vec` per field) and task scores as a dense
//! row-major matrix of small integers, so that a district of 100k pupil results is a
//! handful of contiguous arrays.

use serde::{Deserialize, Serialize};
use std::fmt;

mod external;
pub use external::{
    Codifier, GroupScope, ReferenceGroup, ReferenceTable, TaskInfoRow, TaskInfoTable,
};

/// The kind of assessment procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProcedureKind {
    /// Всероссийские проверочные работы.
    Vpr,
    /// Региональные диагностические работы.
    Rdr,
    /// Основной государственный экзамен (grade 9).
    Oge,
    /// Единый государственный экзамен (grade 11).
    Ege,
    /// Национальные исследования качества образования.
    Niko,
    /// Any other diagnostic or international study (TIMSS, PISA, training exams).
    Other,
}

impl ProcedureKind {
    /// All kinds, in the order the interface lists them.
    pub const ALL: [ProcedureKind; 6] = [
        ProcedureKind::Vpr,
        ProcedureKind::Rdr,
        ProcedureKind::Oge,
        ProcedureKind::Ege,
        ProcedureKind::Niko,
        ProcedureKind::Other,
    ];

    /// The short label users know (Cyrillic abbreviations; "other" is localised by callers).
    pub fn label(self) -> &'static str {
        match self {
            ProcedureKind::Vpr => "ВПР",
            ProcedureKind::Rdr => "РДР",
            ProcedureKind::Oge => "ОГЭ",
            ProcedureKind::Ege => "ЕГЭ",
            ProcedureKind::Niko => "НИКО",
            ProcedureKind::Other => "другое",
        }
    }

    /// Stable machine code used in JSON and URLs.
    pub fn code(self) -> &'static str {
        match self {
            ProcedureKind::Vpr => "vpr",
            ProcedureKind::Rdr => "rdr",
            ProcedureKind::Oge => "oge",
            ProcedureKind::Ege => "ege",
            ProcedureKind::Niko => "niko",
            ProcedureKind::Other => "other",
        }
    }

    /// Parses a machine code or a label (case-insensitive, Cyrillic or Latin).
    pub fn parse(s: &str) -> Option<ProcedureKind> {
        let l = s.trim().to_lowercase();
        ProcedureKind::ALL
            .into_iter()
            .find(|k| k.code() == l || k.label().to_lowercase() == l)
    }
}

/// Identifies one procedure: kind, subject, grade and year. Files with the same key are merged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ProcedureKey {
    pub kind: ProcedureKind,
    /// Subject as written by users, normalised to a canonical Russian name where known.
    pub subject: String,
    pub grade: Option<u8>,
    pub year: Option<u16>,
}

impl fmt::Display for ProcedureKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.label(), self.subject)?;
        if let Some(g) = self.grade {
            write!(f, ", {g} кл.")?;
        }
        if let Some(y) = self.year {
            write!(f, ", {y}")?;
        }
        Ok(())
    }
}

/// The level of a task in the specification: basic (Б), advanced (П) or high (В).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaskLevel {
    Basic,
    Advanced,
    High,
}

impl TaskLevel {
    /// Parses `Б`/`П`/`В` (Cyrillic or Latin look-alikes) and the English words.
    pub fn parse(s: &str) -> Option<TaskLevel> {
        match s.trim().to_lowercase().as_str() {
            "б" | "b" | "базовый" | "basic" => Some(TaskLevel::Basic),
            "п" | "p" | "повышенный" | "advanced" => Some(TaskLevel::Advanced),
            "в" | "v" | "высокий" | "high" => Some(TaskLevel::High),
            _ => None,
        }
    }

    /// The Russian one-letter label.
    pub fn letter(self) -> &'static str {
        match self {
            TaskLevel::Basic => "Б",
            TaskLevel::Advanced => "П",
            TaskLevel::High => "В",
        }
    }
}

/// One task (item) of a procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Label as in the specification: `1`, `9.1`, `11.3 k1`, `2К1`, `M022043`.
    pub label: String,
    /// Maximum score: from the file's header or maxima row, a loaded task description, the
    /// catalogue of published work structures, or (last) the data; see [`MaxSource`].
    pub max: u8,
    /// Where `max` came from.
    pub max_source: MaxSource,
    /// The task's number in the official work (`№ КИМ`: `5.1`, `10К1`) when a task
    /// description gives one and it differs from `label` (the results file's column number).
    #[serde(default)]
    pub kim: Option<String>,
    pub level: Option<TaskLevel>,
    /// Codifier element or skill text, when a mapping is loaded.
    pub skill: Option<String>,
}

/// Where a task's maximum score came from, in order of trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaxSource {
    /// The results file itself: a header like `3 (2б)` or a «Макс. балл» row.
    File,
    /// A loaded task description («описание заданий», the official ALL.xlsx).
    Description,
    /// The catalogue of published ВПР work structures.
    Catalogue,
    /// The data: the largest score held by more than a handful of pupils.
    Data,
}

impl MaxSource {
    /// Whether the maximum was read from the results file.
    pub fn is_file(self) -> bool {
        self == MaxSource::File
    }

    /// Trust: higher wins when sources disagree.
    pub fn rank(self) -> u8 {
        match self {
            MaxSource::File => 3,
            MaxSource::Description => 2,
            MaxSource::Catalogue => 1,
            MaxSource::Data => 0,
        }
    }
}

/// Data errors of a procedure's files, counted as the import report lists them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataErrors {
    /// Task cells holding text that is not a score (`H`, `?`): not used.
    pub text_cells: u32,
    /// Task scores above the task's maximum: not used.
    pub above_max: u32,
    /// Negative, fractional or huge task scores: not used.
    pub bad_numbers: u32,
    /// Participants whose primary score differs from the sum of their task scores.
    pub sum_mismatch: u32,
    /// Pupils marked absent who still carry scores: taken as absent, scores not used.
    pub absent_with_scores: u32,
    /// Rows with filled cells beyond the last header column: those cells not read.
    pub extra_cells: u32,
    /// Listed pupils with no data at all (no variant, no score): neither participant nor absent.
    pub blank_pupils: u32,
}

impl DataErrors {
    /// Task cells not used: text, numbers out of range, scores above the maximum.
    pub fn invalid_cells(&self) -> u32 {
        self.text_cells + self.above_max + self.bad_numbers
    }

    /// Adds another file's counts.
    pub fn add(&mut self, o: &DataErrors) {
        self.text_cells += o.text_cells;
        self.above_max += o.above_max;
        self.bad_numbers += o.bad_numbers;
        self.sum_mismatch += o.sum_mismatch;
        self.absent_with_scores += o.absent_with_scores;
        self.extra_cells += o.extra_cells;
        self.blank_pupils += o.blank_pupils;
    }
}

/// Where a conversion scale came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleSource {
    /// Read from the file itself (a scale table or a note).
    File,
    /// Taken from the catalogue of published scales.
    Catalogue,
    /// Inferred from (primary score, mark) pairs in the file.
    Inferred,
    /// Typed in by the user.
    User,
    /// Not known: marks come only from the file, or are missing.
    Missing,
}

/// A conversion scale: lower bounds of the primary score for marks «3», «4», «5».
/// `mark = 2 + #{k : t_k <= X}` (METHODOLOGY section 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    pub mark3: f64,
    pub mark4: f64,
    pub mark5: f64,
    pub source: ScaleSource,
}

impl Scale {
    /// The mark for a primary score.
    pub fn mark(&self, score: f64) -> u8 {
        2 + [self.mark3, self.mark4, self.mark5]
            .iter()
            .filter(|t| **t <= score)
            .count() as u8
    }

    /// Whether the thresholds increase strictly.
    pub fn is_ordered(&self) -> bool {
        self.mark3 < self.mark4 && self.mark4 < self.mark5
    }
}

/// Sentinel in [`PupilResults::scores`] for a task with no score (blank cell, not administered).
pub const SCORE_MISSING: u8 = u8::MAX;

/// Pupil-level results of one procedure, column-wise. Row `i` of every vector is one pupil.
///
/// Names are never stored: the importer drops ФИО columns. `pupil` holds pseudonymous codes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PupilResults {
    /// Index into [`Dataset::schools`].
    pub school: Vec<u32>,
    /// Class label normalised (`5А`, `А`); `None` when missing or `нет`.
    pub class: Vec<Option<String>>,
    /// Pseudonymous pupil code (salted hash), never the original.
    pub pupil: Vec<String>,
    pub variant: Vec<Option<String>>,
    /// `true` when the pupil was absent (`отсутствовал`): counted, not a participant.
    pub absent: Vec<bool>,
    /// Row-major `n x tasks.len()` scores; [`SCORE_MISSING`] where there is none.
    pub scores: Vec<u8>,
    /// Same shape as `scores`: the task was marked `X`/`Х` (not done), stored as score 0.
    pub not_done: Vec<bool>,
    /// Primary score X (sum of task scores, or the file's total).
    pub total: Vec<Option<f64>>,
    /// Mark 2..5 for the procedure (from the file or the scale).
    pub mark: Vec<Option<u8>>,
    /// Journal mark for the previous term (`нет отметки` = `None`).
    pub journal: Vec<Option<u8>>,
    /// Source row (1-based, as a spreadsheet shows it) for every pupil, for traceability.
    pub source_row: Vec<u32>,
}

impl PupilResults {
    /// Number of pupil rows (participants and absent).
    pub fn len(&self) -> usize {
        self.school.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.school.is_empty()
    }

    /// Number of participants (rows not absent).
    pub fn participants(&self) -> usize {
        self.absent.iter().filter(|a| !**a).count()
    }

    /// The score row of pupil `i` (length = number of tasks).
    pub fn row(&self, i: usize, n_tasks: usize) -> &[u8] {
        &self.scores[i * n_tasks..(i + 1) * n_tasks]
    }
}

/// One procedure with its tasks, scale and pupil results (possibly merged from several files).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Procedure {
    pub key: ProcedureKey,
    pub tasks: Vec<Task>,
    pub scale: Option<Scale>,
    /// Maximum primary score (sum of task maxima, or from the file).
    pub max_total: Option<f64>,
    pub results: PupilResults,
    /// Names of the files this procedure was read from.
    pub files: Vec<String>,
    /// Data errors found in those files.
    #[serde(default)]
    pub errors: DataErrors,
}

/// What a school-level table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolTableRole {
    /// Aggregated results per school (England KS2, Moscow ЕГЭ by school).
    Results,
    /// Context: social passport, register, directory.
    Context,
}

/// A named column of a school-level table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ColumnValues {
    /// Numbers; `None` for blank, suppressed (`SUPP`, `NA`, `x`, `-`) or unparsable cells.
    Numeric(Vec<Option<f64>>),
    /// Text categories.
    Categorical(Vec<Option<String>>),
}

/// One column of a school-level table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolColumn {
    pub name: String,
    pub values: ColumnValues,
    /// Cells that held a suppression marker (`SUPP`, `NA`, `LOWCOV`, ...).
    pub suppressed: usize,
}

/// A table with one row per school: aggregated results or context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolTable {
    pub role: SchoolTableRole,
    pub file: String,
    /// Name of the key column (`URN`, `логин школы`, `OGRN`).
    pub key_column: String,
    /// School code per row (index into [`Dataset::schools`]).
    pub school: Vec<u32>,
    pub columns: Vec<SchoolColumn>,
    /// Optional year found in the file name or a column.
    pub year: Option<u16>,
}

/// A school as known to the dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct School {
    /// The code used in files (login, URN, OGRN, centre id).
    pub code: String,
    /// Name when a file gives one (school names are not personal data).
    pub name: Option<String>,
}

/// Everything loaded in a session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub schools: Vec<School>,
    pub procedures: Vec<Procedure>,
    pub school_tables: Vec<SchoolTable>,
    /// Task descriptions as loaded (their skills are already in the matching tasks).
    #[serde(default)]
    pub task_info: Vec<TaskInfoTable>,
    /// External reference aggregates (region, city, Russia); see [`Dataset::reference_for`].
    #[serde(default)]
    pub references: Vec<ReferenceTable>,
}

impl Dataset {
    /// Index of the school with `code`, adding it when new.
    pub fn school_index(&mut self, code: &str) -> u32 {
        if let Some(i) = self.schools.iter().position(|s| s.code == code) {
            return i as u32;
        }
        self.schools.push(School {
            code: code.to_string(),
            name: None,
        });
        (self.schools.len() - 1) as u32
    }
}
