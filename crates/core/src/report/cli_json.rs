//! The document printed by `integra analyze --json`. Its format is described in
//! docs/cli-json.md and kept stable: fields are only ever added.

use super::overview::Overview;
use crate::ingest::{FileSummary, Issue, Severity};
use crate::model::{ScaleSource, TaskLevel};
use crate::stats::StandardMetrics;
use serde::Serialize;

/// Format version of the document.
pub const FORMAT_VERSION: u32 = 1;

/// The whole `--json` document.
#[derive(Debug, Clone, Serialize)]
pub struct CliDocument {
    pub format_version: u32,
    pub files: Vec<FileJson>,
    pub procedures: Vec<ProcedureJson>,
    pub schools: Vec<SchoolJson>,
    pub issues: Vec<IssueJson>,
}

/// One input file.
#[derive(Debug, Clone, Serialize)]
pub struct FileJson {
    pub file: String,
    pub table: String,
    pub rows: usize,
    pub procedure: Option<String>,
}

/// The four standard metrics (shares in 0..=1, `sou` in percent) with their n.
#[derive(Debug, Clone, Serialize)]
pub struct MetricsJson {
    pub n: usize,
    pub success: f64,
    pub quality: f64,
    pub mean_mark: f64,
    pub sou: f64,
}

impl From<&StandardMetrics> for MetricsJson {
    fn from(m: &StandardMetrics) -> MetricsJson {
        MetricsJson {
            n: m.n,
            success: round(m.success, 4),
            quality: round(m.quality, 4),
            mean_mark: round(m.mean_mark, 3),
            sou: round(m.sou, 2),
        }
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

/// A task.
#[derive(Debug, Clone, Serialize)]
pub struct TaskJson {
    pub label: String,
    pub max: u8,
    /// `basic`, `advanced`, `high` or null.
    pub level: Option<&'static str>,
}

/// A conversion scale.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleJson {
    pub mark3: Option<f64>,
    pub mark4: Option<f64>,
    pub mark5: Option<f64>,
    /// `file`, `catalogue`, `inferred`, `user` or `missing`.
    pub source: ScaleSource,
}

/// A procedure.
#[derive(Debug, Clone, Serialize)]
pub struct ProcedureJson {
    pub id: String,
    pub kind: &'static str,
    pub subject: String,
    pub grade: Option<u8>,
    pub year: Option<u16>,
    pub participants: usize,
    pub absent: usize,
    pub schools: usize,
    pub classes: usize,
    pub tasks: Vec<TaskJson>,
    pub scale: ScaleJson,
    /// null when under the minimum size or no marks are known.
    pub metrics: Option<MetricsJson>,
}

/// One school's figures in one procedure.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolProcedureJson {
    pub procedure: String,
    pub participants: usize,
    pub absent: usize,
    /// null when fewer than 5 participants have a mark.
    pub metrics: Option<MetricsJson>,
}

/// A school.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolJson {
    pub code: String,
    pub name: Option<String>,
    pub procedures: Vec<SchoolProcedureJson>,
}

/// An import issue.
#[derive(Debug, Clone, Serialize)]
pub struct IssueJson {
    pub file: String,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub severity: Severity,
    pub message: String,
}

impl IssueJson {
    fn from_issue(i: &Issue, lang: crate::lang::Lang) -> IssueJson {
        IssueJson {
            file: i.file.clone(),
            row: i.row,
            column: i.column.clone(),
            severity: i.severity,
            message: i.message(lang).to_string(),
        }
    }
}

fn level_code(l: TaskLevel) -> &'static str {
    match l {
        TaskLevel::Basic => "basic",
        TaskLevel::Advanced => "advanced",
        TaskLevel::High => "high",
    }
}

/// Builds the document from the file summaries, the merge issues and the overview.
pub fn document(
    files: &[FileSummary],
    merge_issues: &[Issue],
    ov: &Overview,
    lang: crate::lang::Lang,
) -> CliDocument {
    let procedures = ov
        .procedures
        .iter()
        .map(|p| ProcedureJson {
            id: p.id.clone(),
            kind: p.key.kind.code(),
            subject: p.key.subject.clone(),
            grade: p.key.grade,
            year: p.key.year,
            participants: p.participants,
            absent: p.absent,
            schools: p.schools,
            classes: p.classes,
            tasks: p
                .tasks
                .iter()
                .map(|t| TaskJson {
                    label: t.label.clone(),
                    max: t.max,
                    level: t.level.map(level_code),
                })
                .collect(),
            scale: match p.scale {
                Some(s) => ScaleJson {
                    mark3: Some(s.mark3),
                    mark4: Some(s.mark4),
                    mark5: Some(s.mark5),
                    source: s.source,
                },
                None => ScaleJson {
                    mark3: None,
                    mark4: None,
                    mark5: None,
                    source: ScaleSource::Missing,
                },
            },
            metrics: p.metrics.as_ref().map(MetricsJson::from),
        })
        .collect();
    let mut schools: Vec<SchoolJson> = Vec::new();
    for p in &ov.procedures {
        for row in &p.school_rows {
            let entry = match schools.iter().position(|s| s.code == row.code) {
                Some(i) => &mut schools[i],
                None => {
                    schools.push(SchoolJson {
                        code: row.code.clone(),
                        name: row.name.clone(),
                        procedures: Vec::new(),
                    });
                    schools.last_mut().expect("just pushed")
                }
            };
            entry.procedures.push(SchoolProcedureJson {
                procedure: p.id.clone(),
                participants: row.participants,
                absent: row.absent,
                metrics: row.metrics.as_ref().map(MetricsJson::from),
            });
        }
    }
    schools.sort_by(|a, b| a.code.cmp(&b.code));
    let issues = files
        .iter()
        .flat_map(|f| f.issues.iter())
        .chain(merge_issues)
        .map(|i| IssueJson::from_issue(i, lang))
        .collect();
    CliDocument {
        format_version: FORMAT_VERSION,
        files: files
            .iter()
            .map(|f| FileJson {
                file: f.file.clone(),
                table: serde_json::to_value(f.table)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                rows: f.rows,
                procedure: f.procedure.as_ref().map(|k| k.id()),
            })
            .collect(),
        procedures,
        schools,
        issues,
    }
}
