//! The first overview after import: per procedure, participants and the standard metrics
//! for the district and per school.

use crate::model::{Dataset, Procedure, ProcedureKey, Scale, Task};
use crate::privacy::may_show;
use crate::stats::{MarkCounts, StandardMetrics};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One school's row in a procedure overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolRow {
    pub code: String,
    pub name: Option<String>,
    pub participants: usize,
    pub absent: usize,
    /// Participants with a mark (from the file or the scale); 0 means "no marks", not "too few".
    pub with_mark: usize,
    /// `None` when fewer than [`crate::privacy::MIN_SHOWN`] participants have a mark.
    pub metrics: Option<StandardMetrics>,
    /// Why `metrics` is `None`, in the words the screens and the CLI use.
    pub missing: Option<Missing>,
}

/// Why the standard metrics of a group are not shown: each reason in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// No mark for the work in the file and no conversion scale to compute one.
    NoScale,
    /// A scale is known, but these participants have no mark (no primary score to convert).
    NoMarks,
    /// Fewer than [`crate::privacy::MIN_SHOWN`] participants with a mark: hidden for privacy.
    TooFew,
}

impl Missing {
    /// Why figures of `with_mark` marked participants (of a procedure with or without a scale
    /// or marks in the file) are not shown; `None` when they are.
    pub fn of(with_mark: usize, marks_known: bool) -> Option<Missing> {
        if with_mark == 0 {
            Some(if marks_known {
                Missing::NoMarks
            } else {
                Missing::NoScale
            })
        } else if !crate::privacy::may_show(with_mark) {
            Some(Missing::TooFew)
        } else {
            None
        }
    }

    /// The reason as the user reads it.
    pub fn text(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Missing::NoScale => lang.pick(
                "нет отметок: в файле нет отметки за работу, а шкала перевода неизвестна — укажите её в «Данные»",
                "no marks: the file has no mark for the work and the conversion scale is unknown — give it on «Data»",
            ),
            Missing::NoMarks => lang.pick(
                "нет отметок: у участников нет первичного балла для перевода",
                "no marks: the participants have no primary score to convert",
            ),
            Missing::TooFew => lang.pick(
                "меньше 5 участников с отметкой: не показывается",
                "fewer than 5 participants with a mark: not shown",
            ),
        }
    }
}

/// Overview of one procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcedureOverview {
    /// Stable identifier for URLs and JSON: `vpr-математика-4-2025`.
    pub id: String,
    pub key: ProcedureKey,
    pub files: Vec<String>,
    pub participants: usize,
    pub absent: usize,
    pub schools: usize,
    pub classes: usize,
    pub tasks: Vec<Task>,
    pub scale: Option<Scale>,
    pub max_total: Option<f64>,
    /// District metrics; `None` when under the minimum size or no marks.
    pub metrics: Option<StandardMetrics>,
    /// Why `metrics` is `None`.
    pub missing: Option<Missing>,
    /// Participants without a mark (neither in the file nor computable from a scale).
    pub without_mark: usize,
    pub school_rows: Vec<SchoolRow>,
}

/// Overview of the whole dataset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub procedures: Vec<ProcedureOverview>,
    pub schools: usize,
    pub school_tables: usize,
}

impl ProcedureKey {
    /// Stable identifier for URLs and JSON: `vpr-математика-4-2025` (lower case, spaces as `_`).
    pub fn id(&self) -> String {
        let grade = self
            .grade
            .map(|g| g.to_string())
            .unwrap_or_else(|| "x".into());
        let year = self
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "x".into());
        format!(
            "{}-{}-{}-{}",
            self.kind.code(),
            self.subject.to_lowercase().replace([' ', '-', '/'], "_"),
            grade,
            year
        )
    }
}

/// Computes the overview of every procedure in the dataset.
pub fn overview(ds: &Dataset) -> Overview {
    Overview {
        procedures: ds
            .procedures
            .iter()
            .map(|p| procedure_overview(ds, p))
            .collect(),
        schools: ds.schools.len(),
        school_tables: ds.school_tables.len(),
    }
}

fn shown(c: &MarkCounts) -> Option<StandardMetrics> {
    if may_show(c.total()) {
        StandardMetrics::from_counts(c)
    } else {
        None
    }
}

/// Computes the overview of one procedure (one pass over its rows).
pub fn procedure_overview(ds: &Dataset, p: &Procedure) -> ProcedureOverview {
    let r = &p.results;
    let n_schools = ds.schools.len();
    let mut district = MarkCounts::default();
    let mut per_school = vec![MarkCounts::default(); n_schools];
    let mut part = vec![0usize; n_schools];
    let mut abs = vec![0usize; n_schools];
    let mut classes = BTreeSet::new();
    let mut without_mark = 0;
    for i in 0..r.len() {
        let s = r.school[i] as usize;
        if r.absent[i] {
            abs[s] += 1;
            continue;
        }
        part[s] += 1;
        // A pupil without a class counts in the school's one unnamed class.
        classes.insert((s, r.class[i].as_deref().unwrap_or("")));
        match r.mark[i] {
            Some(m) => {
                district.add(m);
                per_school[s].add(m);
            }
            None => without_mark += 1,
        }
    }
    // Marks exist somewhere in the procedure, or a scale could give them.
    let marks_known = p.scale.is_some() || district.total() > 0;
    let school_rows: Vec<SchoolRow> = (0..n_schools)
        .filter(|&s| part[s] + abs[s] > 0)
        .map(|s| SchoolRow {
            code: ds.schools[s].code.clone(),
            name: ds.schools[s].name.clone(),
            participants: part[s],
            absent: abs[s],
            with_mark: per_school[s].total(),
            metrics: shown(&per_school[s]),
            missing: Missing::of(per_school[s].total(), marks_known),
        })
        .collect();
    ProcedureOverview {
        id: p.key.id(),
        key: p.key.clone(),
        files: p.files.clone(),
        participants: part.iter().sum(),
        absent: abs.iter().sum(),
        // Schools with at least one participant (absent-only schools are still listed).
        schools: part.iter().filter(|&&n| n > 0).count(),
        classes: classes.len(),
        tasks: p.tasks.clone(),
        scale: p.scale,
        max_total: p.max_total,
        metrics: shown(&district),
        missing: Missing::of(district.total(), marks_known),
        without_mark,
        school_rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ProcedureKind, PupilResults, School};

    /// School a: 6 marks (shown); school b: 3 marks (too few); school c: participants
    /// without marks; one absent pupil in a.
    #[test]
    fn district_and_school_rows() {
        let schools = ["a", "b", "c"].map(|c| School {
            code: c.into(),
            name: None,
        });
        let rows: Vec<(u32, bool, Option<u8>)> = [
            (0, false, Some(5)),
            (0, false, Some(4)),
            (0, false, Some(4)),
            (0, false, Some(3)),
            (0, false, Some(3)),
            (0, false, Some(2)),
            (0, true, None),
            (1, false, Some(5)),
            (1, false, Some(5)),
            (1, false, Some(2)),
            (2, false, None),
            (2, false, None),
        ]
        .to_vec();
        let n = rows.len();
        let results = PupilResults {
            school: rows.iter().map(|r| r.0).collect(),
            class: vec![Some("5А".into()); n],
            pupil: (0..n).map(|i| format!("P{i}")).collect(),
            variant: vec![None; n],
            absent: rows.iter().map(|r| r.1).collect(),
            total: vec![None; n],
            mark: rows.iter().map(|r| r.2).collect(),
            journal: vec![None; n],
            source_row: (2..n as u32 + 2).collect(),
            ..PupilResults::default()
        };
        let key = ProcedureKey {
            kind: ProcedureKind::Vpr,
            subject: "Математика".into(),
            grade: Some(5),
            year: Some(2025),
        };
        let ds = Dataset {
            schools: schools.to_vec(),
            procedures: vec![Procedure {
                key,
                tasks: vec![],
                scale: None,
                max_total: None,
                results,
                files: vec![],
                errors: Default::default(),
            }],
            school_tables: vec![],
            ..Dataset::default()
        };
        let p = &overview(&ds).procedures[0];
        assert_eq!(
            (p.participants, p.absent, p.without_mark, p.schools),
            (11, 1, 2, 3)
        );
        let m = p.metrics.unwrap();
        assert_eq!(m.n, 9);
        assert!((m.success - 7.0 / 9.0).abs() < 1e-12);
        let row = |c: &str| p.school_rows.iter().find(|r| r.code == c).unwrap();
        assert_eq!(row("a").with_mark, 6);
        assert!((row("a").metrics.unwrap().mean_mark - 21.0 / 6.0).abs() < 1e-12);
        assert_eq!((row("b").with_mark, row("b").metrics), (3, None));
        assert_eq!((row("c").with_mark, row("c").metrics), (0, None));
        assert_eq!(p.id, "vpr-математика-5-2025");
    }
}
