//! A small hand-made dataset for the re-check's unit tests: schools S0 and S1, one procedure
//! (ВПР Математика 5, 2025) with tasks 1 (max 1), 2 (max 2), 3.1 (max 2), 4 (max 3), scale
//! «3» from 3, «4» from 5, «5» from 7 points, 12 pupils per school from one file `f.csv` (rows
//! 3…26), the last pupil of S1 absent.

use crate::model::{
    Dataset, MaxSource, Procedure, ProcedureKey, ProcedureKind, PupilResults, Scale, ScaleSource,
    School, Task,
};

pub const MAXES: [u8; 4] = [1, 2, 2, 3];

/// The scores of pupil `i` (0..24): every total from 0 to 8 appears.
pub fn scores_of(i: usize) -> [u8; 4] {
    let x = (i * 5) % 9; // total
    let mut left = x as u8;
    let mut s = [0u8; 4];
    for (j, m) in MAXES.iter().enumerate() {
        let v = left.min(*m);
        s[j] = v;
        left -= v;
    }
    s
}

pub fn scale() -> Scale {
    Scale {
        mark3: 3.0,
        mark4: 5.0,
        mark5: 7.0,
        source: ScaleSource::Catalogue,
    }
}

pub fn dataset() -> Dataset {
    let n = 24;
    let scores: Vec<u8> = (0..n).flat_map(scores_of).collect();
    let total = (0..n)
        .map(|i| Some(scores_of(i).iter().map(|&x| f64::from(x)).sum()))
        .collect::<Vec<Option<f64>>>();
    let mut absent = vec![false; n];
    absent[n - 1] = true;
    let mut total = total;
    total[n - 1] = None;
    let mut scores = scores;
    for s in &mut scores[(n - 1) * 4..] {
        *s = crate::model::SCORE_MISSING;
    }
    let mark = total.iter().map(|t| t.map(|t| scale().mark(t))).collect();
    let tasks = ["1", "2", "3.1", "4"]
        .iter()
        .zip(MAXES)
        .map(|(l, m)| Task {
            label: l.to_string(),
            max: m,
            max_source: MaxSource::File,
            kim: None,
            level: None,
            skill: None,
        })
        .collect();
    let p = Procedure {
        key: ProcedureKey {
            kind: ProcedureKind::Vpr,
            subject: "Математика".into(),
            grade: Some(5),
            year: Some(2025),
        },
        tasks,
        scale: Some(scale()),
        max_total: Some(8.0),
        results: PupilResults {
            school: (0..n).map(|i| u32::from(i >= 12)).collect(),
            class: (0..n)
                .map(|i| Some(if i % 2 == 0 { "5А" } else { "5Б" }.to_string()))
                .collect(),
            pupil: (0..n).map(|i| format!("P{i:02}")).collect(),
            variant: vec![None; n],
            absent,
            scores,
            not_done: vec![false; n * 4],
            total,
            mark,
            journal: vec![None; n],
            source_row: (3..n as u32 + 3).collect(),
        },
        files: vec!["f.csv".into()],
        errors: Default::default(),
    };
    Dataset {
        schools: ["S0", "S1"]
            .iter()
            .map(|c| School {
                code: c.to_string(),
                name: None,
            })
            .collect(),
        procedures: vec![p],
        ..Dataset::default()
    }
}
