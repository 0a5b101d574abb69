//! The document printed by `integra analyze --json`: a serialisation of the same reports the
//! screens show ([`Overview`], [`ProcedureDrill`]'s group reports, the objectivity report),
//! rounded for print. Nothing is computed or privacy-filtered here a second time. Its format is
//! described in docs/cli-json.md and kept stable: fields are only ever added.

use super::drill::{ProcedureDrill, Scope, Share2Change, TaskRow};
use super::overview::Overview;
use crate::ingest::{FileSummary, Issue, Severity};
use crate::model::{Dataset, Procedure, ScaleSource, TaskLevel};
use crate::objectivity::{analyse, Indicator, Reason, Settings, SizeUnit, Spread, Status};
use crate::stats::{
    Concordance, Histogram, ItemAnalysis, ItemFlag, ItemSample, StandardMetrics, TaskStatus,
};
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
    /// The official task number (`№ КИМ`) when a description gives one that differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kim: Option<String>,
    pub max: u8,
    /// Where the maximum came from: `file`, `description`, `catalogue` or `data`.
    pub max_source: crate::model::MaxSource,
    /// The skill from a loaded task description, or null.
    pub skill: Option<String>,
    /// `basic`, `advanced`, `high` or null.
    pub level: Option<&'static str>,
    /// Task success mean(s/max) over participants with a score (4 decimals); null under 5.
    pub success: Option<f64>,
    /// `sufficient`, `borderline`, `insufficient` by the level's bounds; null without a level.
    pub status: Option<TaskStatus>,
    /// The external reference's success (the procedure's `reference_name`), when one is loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<f64>,
}

/// Primary-score histogram: `counts[x]` participants scored x.
#[derive(Debug, Clone, Serialize)]
pub struct HistogramJson {
    pub n: usize,
    pub counts: Vec<usize>,
}

/// Journal concordance (mark − journal mark), shares of `n`.
#[derive(Debug, Clone, Serialize)]
pub struct ConcordanceJson {
    pub n: usize,
    pub lowered: f64,
    pub confirmed: f64,
    pub raised: f64,
    pub two_plus: f64,
}

/// Classical item analysis of one task.
#[derive(Debug, Clone, Serialize)]
pub struct ItemJson {
    pub label: String,
    pub p: Option<f64>,
    pub rir: Option<f64>,
    pub alpha_if_deleted: Option<f64>,
    pub flags: Vec<ItemFlag>,
}

/// Classical item analysis of a procedure.
#[derive(Debug, Clone, Serialize)]
pub struct ItemAnalysisJson {
    /// `listwise` or `pairwise` (booklet designs).
    pub sample: ItemSample,
    pub n: usize,
    pub alpha: Option<f64>,
    pub tasks: Vec<ItemJson>,
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
    /// Data errors of the procedure's files (counts; the issues list their rows).
    pub data_errors: crate::model::DataErrors,
    pub tasks: Vec<TaskJson>,
    /// The external reference group (a city or region file loaded beside the procedure) whose
    /// success fills the tasks' `reference`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_name: Option<String>,
    pub scale: ScaleJson,
    /// null when under the minimum size or no marks are known.
    pub metrics: Option<MetricsJson>,
    /// Why `metrics` is null: `no_scale`, `no_marks` or `too_few`; null when shown.
    pub metrics_missing: Option<crate::report::Missing>,
    /// null under 5 participants with a primary score.
    pub histogram: Option<HistogramJson>,
    /// null under 5 participants with both marks.
    pub concordance: Option<ConcordanceJson>,
    /// null under 10 participants (METHODOLOGY's minimum for a group statistic).
    pub item_analysis: Option<ItemAnalysisJson>,
    /// Change of the share of «2» from the last earlier year; null without one.
    pub share2_change: Option<Share2ChangeJson>,
}

/// One school's figures in one procedure.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolProcedureJson {
    pub procedure: String,
    pub participants: usize,
    pub absent: usize,
    /// null when fewer than 5 participants have a mark.
    pub metrics: Option<MetricsJson>,
    /// Why `metrics` is null: `no_scale`, `no_marks` or `too_few`; null when shown.
    pub metrics_missing: Option<crate::report::Missing>,
    /// Per task: `label`, `max`, `level`, `success`, `status` (success null under 5).
    pub tasks: Vec<TaskJson>,
    /// null under 5 participants with both marks.
    pub concordance: Option<ConcordanceJson>,
    /// null under 5 participants with a primary score.
    pub histogram: Option<HistogramJson>,
    /// null under 10 participants.
    pub item_analysis: Option<ItemAnalysisJson>,
    /// Change of the share of «2» from the last earlier year; null without one.
    pub share2_change: Option<Share2ChangeJson>,
}

/// The share of «2» against the last earlier year of the same procedure.
#[derive(Debug, Clone, Serialize)]
pub struct Share2ChangeJson {
    pub previous_year: u16,
    pub previous: f64,
    pub current: f64,
    /// Percentage points.
    pub change_pp: f64,
    /// A rise of 10 p.p. or more.
    pub negative: bool,
}

impl From<&Share2Change> for Share2ChangeJson {
    fn from(c: &Share2Change) -> Share2ChangeJson {
        Share2ChangeJson {
            previous_year: c.previous_year,
            previous: round(c.previous, 4),
            current: round(c.current, 4),
            change_pp: round(c.change_pp, 2),
            negative: c.negative,
        }
    }
}

/// A school.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolJson {
    pub code: String,
    pub name: Option<String>,
    pub procedures: Vec<SchoolProcedureJson>,
    /// Signs of non-objective results (METHODOLOGY §3) with default settings.
    pub objectivity: ObjectivityJson,
}

/// A school's objectivity: status and every sign that fired (a marker).
#[derive(Debug, Clone, Serialize)]
pub struct ObjectivityJson {
    /// `none`, `attention` («зона внимания»), `signs` («признаки необъективности»).
    pub status: Status,
    /// Signs in at least 2 of the last 3 years.
    pub persistent: bool,
    /// The rules behind the status (`objectivity::Reason`).
    pub reasons: Vec<Reason>,
    /// Tests run on the school ((indicator, unit) pairs, classes included).
    pub tests: usize,
    pub markers: Vec<MarkerJson>,
    /// Per class tested for identical answer vectors: the share of its pupils in the largest
    /// group of identical vectors.
    pub classes: Vec<ClassSimilarityJson>,
}

/// One sign that fired.
#[derive(Debug, Clone, Serialize)]
pub struct MarkerJson {
    pub indicator: Indicator,
    pub procedure: String,
    pub grade: Option<u8>,
    pub subject: String,
    pub year: Option<u16>,
    /// For class-level signs.
    pub class: Option<String>,
    pub value: f64,
    pub reference: f64,
    /// The effect size, in `size_unit`.
    pub size: f64,
    pub size_unit: SizeUnit,
    /// The pupils' sampling error of `size`.
    pub se: Option<f64>,
    /// The spread of the procedure's units the size was compared with.
    pub spread: Option<Spread>,
    /// Raw one-sided p against sampling error alone.
    pub p_sampling: Option<f64>,
    /// Raw one-sided p: the larger of `p_sampling` and the p against the spread (journal
    /// concordance: against the school's other works where it has any; null for indicators
    /// without a test).
    pub p: Option<f64>,
    /// Benjamini–Hochberg adjusted p.
    pub q: Option<f64>,
    pub n: usize,
}

/// The identical-vector share of one class.
#[derive(Debug, Clone, Serialize)]
pub struct ClassSimilarityJson {
    pub procedure: String,
    pub class: String,
    pub n: usize,
    pub identical_share: f64,
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

fn tasks_json(p: &Procedure, rows: &[TaskRow]) -> Vec<TaskJson> {
    rows.iter()
        .zip(&p.tasks)
        .map(|(r, task)| TaskJson {
            label: r.task.label.clone(),
            kim: task.kim.clone(),
            max: r.task.max,
            max_source: task.max_source,
            skill: task.skill.clone(),
            level: r.task.level.map(level_code),
            success: r.task.success.map(|x| round(x, 4)),
            status: r.task.status,
            reference: r.reference.map(|x| round(x, 4)),
        })
        .collect()
}

impl From<&Histogram> for HistogramJson {
    fn from(h: &Histogram) -> HistogramJson {
        HistogramJson {
            n: h.n,
            counts: h.counts.clone(),
        }
    }
}

impl From<&Concordance> for ConcordanceJson {
    fn from(c: &Concordance) -> ConcordanceJson {
        ConcordanceJson {
            n: c.n,
            lowered: round(c.lowered, 4),
            confirmed: round(c.confirmed, 4),
            raised: round(c.raised, 4),
            two_plus: round(c.two_plus, 4),
        }
    }
}

impl From<&ItemAnalysis> for ItemAnalysisJson {
    fn from(a: &ItemAnalysis) -> ItemAnalysisJson {
        ItemAnalysisJson {
            sample: a.sample,
            n: a.n,
            alpha: a.alpha.map(|x| round(x, 4)),
            tasks: a
                .items
                .iter()
                .map(|i| ItemJson {
                    label: i.label.clone(),
                    p: i.p.map(|x| round(x, 4)),
                    rir: i.rir.map(|x| round(x, 4)),
                    alpha_if_deleted: i.alpha_if_deleted.map(|x| round(x, 4)),
                    flags: i.flags.clone(),
                })
                .collect(),
        }
    }
}

/// Builds the document from the file summaries, the merge issues, the dataset and its overview.
pub fn document(
    files: &[FileSummary],
    merge_issues: &[Issue],
    ds: &Dataset,
    ov: &Overview,
    lang: crate::lang::Lang,
) -> CliDocument {
    // `overview` lists the dataset's procedures in the same order.
    debug_assert_eq!(ov.procedures.len(), ds.procedures.len());
    let pairs = || ov.procedures.iter().zip(&ds.procedures);
    let mut procedures = Vec::new();
    let mut schools: Vec<SchoolJson> = Vec::new();
    for (p, q) in pairs() {
        let drill = ProcedureDrill::with_loaded_reference(ds, q);
        let g = drill.group(&Scope::District);
        procedures.push(ProcedureJson {
            id: p.id.clone(),
            kind: p.key.kind.code(),
            subject: p.key.subject.clone(),
            grade: p.key.grade,
            year: p.key.year,
            participants: p.participants,
            absent: p.absent,
            schools: p.schools,
            classes: p.classes,
            data_errors: q.errors,
            tasks: tasks_json(q, &g.tasks),
            reference_name: g.reference_name.clone(),
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
            metrics_missing: p.missing,
            histogram: g.histogram.as_ref().map(HistogramJson::from),
            concordance: g.concordance.as_ref().map(ConcordanceJson::from),
            item_analysis: g.item_analysis.as_ref().map(ItemAnalysisJson::from),
            share2_change: g.share2_change.as_ref().map(Share2ChangeJson::from),
        });
        for row in &p.school_rows {
            let g = drill.group(&Scope::School {
                school: row.code.clone(),
            });
            let entry = match schools.iter().position(|s| s.code == row.code) {
                Some(i) => &mut schools[i],
                None => {
                    schools.push(SchoolJson {
                        code: row.code.clone(),
                        name: row.name.clone(),
                        procedures: Vec::new(),
                        objectivity: ObjectivityJson {
                            status: Status::None,
                            persistent: false,
                            reasons: Vec::new(),
                            tests: 0,
                            markers: Vec::new(),
                            classes: Vec::new(),
                        },
                    });
                    schools.last_mut().expect("just pushed")
                }
            };
            entry.procedures.push(SchoolProcedureJson {
                procedure: p.id.clone(),
                participants: row.participants,
                absent: row.absent,
                metrics: row.metrics.as_ref().map(MetricsJson::from),
                metrics_missing: row.missing,
                tasks: tasks_json(q, &g.tasks),
                concordance: g.concordance.as_ref().map(ConcordanceJson::from),
                histogram: g.histogram.as_ref().map(HistogramJson::from),
                item_analysis: g.item_analysis.as_ref().map(ItemAnalysisJson::from),
                share2_change: g.share2_change.as_ref().map(Share2ChangeJson::from),
            });
        }
    }
    schools.sort_by(|a, b| a.code.cmp(&b.code));
    let obj = analyse(ds, &Settings::default());
    for school in &mut schools {
        let Some(o) = obj.schools.iter().find(|o| o.school == school.code) else {
            continue;
        };
        let key = |id: &str| {
            ds.procedures
                .iter()
                .find(|p| p.key.id() == id)
                .map(|p| &p.key)
        };
        school.objectivity.status = o.status;
        school.objectivity.persistent = o.persistent;
        school.objectivity.reasons = o.reasons.clone();
        school.objectivity.tests = o.tests;
        school.objectivity.markers = o
            .signs
            .iter()
            .map(|sg| {
                let c = &sg.candidate;
                let k = key(&c.procedure);
                MarkerJson {
                    indicator: c.indicator,
                    procedure: c.procedure.clone(),
                    grade: k.and_then(|k| k.grade),
                    subject: k.map(|k| k.subject.clone()).unwrap_or_default(),
                    year: k.and_then(|k| k.year),
                    class: c.class.clone(),
                    value: round(c.value, 4),
                    reference: round(c.reference, 4),
                    size: round(c.size, 4),
                    size_unit: c.indicator.size_unit(),
                    se: c.se.map(|x| round(x, 4)),
                    spread: c.spread.map(|s| Spread {
                        centre: round(s.centre, 4),
                        tau: round(s.tau, 4),
                        units: s.units,
                    }),
                    p_sampling: c.p_sampling.map(|p| round(p, 6)),
                    p: c.p.map(|p| round(p, 6)),
                    q: sg.q.map(|q| round(q, 6)),
                    n: c.n,
                }
            })
            .collect();
        school.objectivity.classes = obj
            .tested
            .iter()
            .filter(|sg| sg.candidate.indicator == Indicator::Similarity)
            .filter(|sg| sg.candidate.school == school.code)
            .filter_map(|sg| {
                let c = &sg.candidate;
                Some(ClassSimilarityJson {
                    procedure: c.procedure.clone(),
                    class: c.class.clone()?,
                    n: c.n,
                    identical_share: round(c.value, 4),
                })
            })
            .collect();
    }
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
