//! Small hand-made datasets for the indicators' unit tests.

use crate::model::{
    Dataset, Procedure, ProcedureKey, ProcedureKind, PupilResults, Scale, School, Task, TaskLevel,
};

/// One pupil: school index, class, task scores, mark, journal mark.
pub struct Row {
    pub school: u32,
    pub class: String,
    pub scores: Vec<u8>,
    pub mark: Option<u8>,
    pub journal: Option<u8>,
}

pub fn pupil(
    school: u32,
    class: &str,
    scores: &[u8],
    mark: Option<u8>,
    journal: Option<u8>,
) -> Row {
    Row {
        school,
        class: class.into(),
        scores: scores.to_vec(),
        mark,
        journal,
    }
}

/// A procedure of `rows` (ВПР Математика 5 of `year`): tasks of max 1, the first half basic and
/// the rest advanced.
pub fn procedure(year: u16, rows: Vec<Row>, scale: Option<Scale>) -> Procedure {
    let k = rows.first().map_or(0, |r| r.scores.len());
    let tasks = (0..k)
        .map(|j| Task {
            label: (j + 1).to_string(),
            max: rows.iter().map(|r| r.scores[j]).max().unwrap_or(1).max(1),
            max_source: crate::model::MaxSource::File,
            kim: None,
            level: Some(if j < k / 2 {
                TaskLevel::Basic
            } else {
                TaskLevel::Advanced
            }),
            skill: None,
        })
        .collect::<Vec<_>>();
    let n = rows.len();
    Procedure {
        key: ProcedureKey {
            kind: ProcedureKind::Vpr,
            subject: "Математика".into(),
            grade: Some(5),
            year: Some(year),
        },
        max_total: Some(tasks.iter().map(|t| t.max as f64).sum()),
        tasks,
        scale,
        results: PupilResults {
            school: rows.iter().map(|r| r.school).collect(),
            class: rows.iter().map(|r| Some(r.class.clone())).collect(),
            pupil: (0..n).map(|i| format!("P{i}")).collect(),
            variant: vec![None; n],
            absent: vec![false; n],
            not_done: vec![false; n * k],
            scores: rows.iter().flat_map(|r| r.scores.clone()).collect(),
            total: rows
                .iter()
                .map(|r| Some(r.scores.iter().map(|&x| x as f64).sum()))
                .collect(),
            mark: rows.iter().map(|r| r.mark).collect(),
            journal: rows.iter().map(|r| r.journal).collect(),
            source_row: (2..n as u32 + 2).collect(),
        },
        files: vec![],
        errors: Default::default(),
    }
}

/// `n_schools` schools S0, S1, … and one procedure of `rows`.
pub fn dataset(n_schools: usize, rows: Vec<Row>) -> Dataset {
    with_procedures(n_schools, vec![procedure(2025, rows, None)])
}

pub fn with_procedures(n_schools: usize, procedures: Vec<Procedure>) -> Dataset {
    Dataset {
        schools: (0..n_schools)
            .map(|i| School {
                code: format!("S{i}"),
                name: None,
            })
            .collect(),
        procedures,
        ..Dataset::default()
    }
}

/// The schools whose candidates fire after [`crate::objectivity::decide`] with default settings.
pub fn fired(c: &[crate::objectivity::Candidate]) -> Vec<String> {
    let s = crate::objectivity::Settings::default();
    crate::objectivity::decide(c.to_vec(), &s)
        .into_iter()
        .filter(|s| s.fired)
        .map(|s| s.candidate.school)
        .collect()
}
