//! Drill-down figures on a hand-made district whose answers are worked out by hand.

use super::*;
use crate::model::{ProcedureKey, PupilResults, School, Task};
use crate::model::{ProcedureKind, SCORE_MISSING};

/// (school, class, absent, t1, t2, mark, journal)
type Row = (u32, &'static str, bool, u8, u8, Option<u8>, Option<u8>);

fn procedure(year: u16, rows: &[Row]) -> Procedure {
    let n = rows.len();
    let mut scores = Vec::new();
    for r in rows {
        if r.2 {
            scores.extend([SCORE_MISSING, SCORE_MISSING]);
        } else {
            scores.extend([r.3, r.4]);
        }
    }
    let results = PupilResults {
        school: rows.iter().map(|r| r.0).collect(),
        class: rows.iter().map(|r| Some(r.1.to_string())).collect(),
        pupil: (0..n).map(|i| format!("P{i}")).collect(),
        variant: vec![None; n],
        absent: rows.iter().map(|r| r.2).collect(),
        not_done: vec![false; n * 2],
        scores,
        total: rows
            .iter()
            .map(|r| (!r.2).then(|| (r.3 + r.4) as f64))
            .collect(),
        mark: rows.iter().map(|r| r.5).collect(),
        journal: rows.iter().map(|r| r.6).collect(),
        source_row: (2..n as u32 + 2).collect(),
    };
    let task = |label: &str, max, level| Task {
        label: label.into(),
        max,
        max_source: crate::model::MaxSource::File,
        kim: None,
        level: Some(level),
        skill: None,
    };
    Procedure {
        key: ProcedureKey {
            kind: ProcedureKind::Vpr,
            subject: "Математика".into(),
            grade: Some(5),
            year: Some(year),
        },
        tasks: vec![
            task("1", 1, TaskLevel::Basic),
            task("2", 2, TaskLevel::Advanced),
        ],
        scale: None,
        max_total: Some(3.0),
        results,
        files: vec![format!("vpr{year}.csv")],
        errors: Default::default(),
    }
}

fn district() -> Dataset {
    let now: Vec<Row> = vec![
        (0, "5А", false, 1, 2, Some(5), Some(5)),
        (0, "5А", false, 1, 2, Some(4), Some(4)),
        (0, "5А", false, 1, 1, Some(4), Some(5)),
        (0, "5А", false, 0, 1, Some(3), Some(3)),
        (0, "5А", false, 1, 0, Some(3), Some(4)),
        (0, "5А", false, 0, 0, Some(2), Some(3)),
        (0, "5Б", false, 1, 2, Some(5), Some(5)),
        (0, "5Б", false, 1, 1, Some(3), Some(3)),
        (0, "5Б", false, 0, 0, Some(3), Some(3)),
        (0, "5Б", false, 0, 0, Some(2), Some(2)),
        (0, "5Б", true, 0, 0, None, None),
        (1, "5А", false, 1, 1, Some(4), None),
        (1, "5А", false, 0, 1, Some(4), None),
        (1, "5А", false, 1, 0, Some(3), None),
        (1, "5А", false, 1, 0, Some(3), None),
        (1, "5А", false, 0, 1, Some(3), None),
    ];
    let before: Vec<Row> = [5, 5, 4, 4, 4, 3, 3, 3, 3, 3]
        .iter()
        .map(|&m| (0, "4А", false, 1, 1, Some(m), None))
        .chain(
            [4, 4, 4]
                .iter()
                .map(|&m| (1, "4А", false, 1, 1, Some(m), None)),
        )
        .collect();
    Dataset {
        schools: ["A", "B"]
            .map(|c| School {
                code: c.into(),
                name: Some(format!("Школа {c}")),
            })
            .to_vec(),
        procedures: vec![procedure(2024, &before), procedure(2025, &now)],
        ..Dataset::default()
    }
}

fn school(code: &str) -> Scope {
    Scope::School {
        school: code.into(),
    }
}

fn class(code: &str, c: &str) -> Scope {
    Scope::Class {
        school: code.into(),
        class: c.into(),
    }
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn district_figures() {
    let ds = district();
    let p = &ds.procedures[1];
    let g = group_report(
        &ds,
        p,
        &Scope::District,
        Some(("Город", &[Some(0.7), None])),
    );
    assert_eq!((g.participants, g.absent, g.with_mark), (15, 1, 15));
    let m = g.metrics.unwrap();
    close(m.success, 13.0 / 15.0);
    close(m.quality, 6.0 / 15.0);
    close(m.share2, 2.0 / 15.0);
    // 2024: no «2» among 13 → +13.3 p.p., negative.
    let c = g.share2_change.unwrap();
    assert_eq!(c.previous_year, 2024);
    close(c.change_pp, 200.0 / 15.0);
    assert!(c.negative);
    // Task 1: 9 of 15 points (basic, sufficient); task 2: 12 of 30 (advanced, sufficient).
    close(g.tasks[0].task.success.unwrap(), 0.6);
    close(g.tasks[1].task.success.unwrap(), 0.4);
    assert_eq!(g.tasks[0].task.status, Some(TaskStatus::Sufficient));
    assert_eq!(g.tasks[0].district, g.tasks[0].task.success);
    assert_eq!(g.tasks[0].reference, Some(0.7));
    assert_eq!(g.tasks[1].reference, None);
    assert_eq!(g.reference_name.as_deref(), Some("Город"));
    let h = g.histogram.unwrap();
    assert_eq!(h.n, 15);
    assert_eq!(h.counts, vec![3, 6, 3, 3]);
    assert!(g.mark_groups.is_some());
    assert_eq!(g.item_analysis.as_ref().map(|a| a.n), Some(15));
    // Journal known for the 10 pupils of school A: 3 lowered (mark below journal), 7 confirmed.
    let k = g.concordance.unwrap();
    assert_eq!((k.n, k.n_lowered, k.n_confirmed, k.n_raised), (10, 3, 7, 0));
}

#[test]
fn school_beside_district_and_its_change() {
    let ds = district();
    let p = &ds.procedures[1];
    let a = group_report(&ds, p, &school("A"), None);
    assert_eq!((a.participants, a.absent), (10, 1));
    close(a.metrics.as_ref().unwrap().share2, 0.2);
    close(a.share2_change.as_ref().unwrap().change_pp, 20.0);
    // School A, task 1: 6 of 10; the district figure rides along.
    close(a.tasks[0].task.success.unwrap(), 0.6);
    close(a.tasks[1].district.unwrap(), 0.4);
    assert!(a.mark_groups.is_some(), "10 participants make a group");
    // School B: 5 pupils: figures shown, group statistics not; 2024 had 3 marks: no change.
    let b = group_report(&ds, p, &school("B"), None);
    assert!(b.metrics.is_some());
    assert!(b.share2_change.is_none());
    assert!(b.mark_groups.is_none() && b.item_analysis.is_none());
    assert!(b.concordance.is_none(), "no journal marks in B");
    // An unknown school is empty, not a panic.
    let x = group_report(&ds, p, &school("Z"), None);
    assert_eq!(x.participants, 0);
    assert!(x.metrics.is_none() && x.histogram.is_none());
}

#[test]
fn small_class_shows_nothing() {
    let ds = district();
    let p = &ds.procedures[1];
    let c = group_report(&ds, p, &class("A", "5Б"), None);
    assert_eq!((c.participants, c.absent), (4, 1));
    assert!(c.metrics.is_none());
    assert!(c.histogram.is_none());
    assert!(c.tasks.iter().all(|t| t.task.success.is_none()));
    assert!(c.tasks.iter().all(|t| t.district.is_some()));
    assert!(c.share2_change.is_none());
}

#[test]
fn children_tables() {
    let ds = district();
    let p = &ds.procedures[1];
    let schools = children(&ds, p, &Scope::District);
    let labels: Vec<&str> = schools.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["A", "B"]);
    assert_eq!(schools[0].name.as_deref(), Some("Школа A"));
    close(schools[0].share2_change_pp.unwrap(), 20.0);
    // School B: totals 2, 1, 1, 1, 1 of 3.
    close(schools[1].mean_score.unwrap(), 6.0 / 5.0 / 3.0);
    let classes = children(&ds, p, &school("A"));
    let labels: Vec<&str> = classes.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["5А", "5Б"]);
    assert_eq!((classes[1].participants, classes[1].absent), (4, 1));
    assert!(classes[1].metrics.is_none() && classes[1].mean_score.is_none());
    assert_eq!(classes[0].scope, class("A", "5А"));
    assert!(children(&ds, p, &class("A", "5А")).is_empty());
}

#[test]
fn pupils_and_sheet() {
    let ds = district();
    let p = &ds.procedures[1];
    let pupils = pupil_rows(&ds, p, "A", "5Б");
    assert_eq!(pupils.len(), 5);
    assert!(pupils[4].absent, "absent pupils last");
    assert_eq!(pupils[0].scores, vec![Some(1), Some(2)]);

    // P0 of 5А: full marks; class success 4/6 and 6/12.
    let s = pupil_sheet(&ds, p, "A", "5А", "P0").unwrap();
    assert_eq!(
        (s.mark, s.total, s.max_total),
        (Some(5), Some(3.0), Some(3.0))
    );
    assert_eq!(s.tasks[0].mastery, Mastery::Full);
    close(s.tasks[0].class.unwrap(), 4.0 / 6.0);
    close(s.tasks[1].class.unwrap(), 0.5);
    close(s.tasks[1].district.unwrap(), 0.4);
    assert_eq!(s.tasks[0].versus_class, Some(Versus::Above));
    // P2: 1 of 2 on task 2 against the class's 0.5: similar; partial.
    let s2 = pupil_sheet(&ds, p, "A", "5А", "P2").unwrap();
    assert_eq!(s2.tasks[1].mastery, Mastery::Partial);
    assert_eq!(s2.tasks[1].versus_class, Some(Versus::Similar));
    // P5: nothing: zero and below.
    let s5 = pupil_sheet(&ds, p, "A", "5А", "P5").unwrap();
    assert_eq!(s5.tasks[0].mastery, Mastery::Zero);
    assert_eq!(s5.tasks[0].versus_class, Some(Versus::Below));
    // In the small class 5Б there is no class figure to compare with.
    let s6 = pupil_sheet(&ds, p, "A", "5Б", "P6").unwrap();
    assert!(s6
        .tasks
        .iter()
        .all(|t| t.class.is_none() && t.versus_class.is_none()));
    assert!(s6.class_mean_score.is_none());
    // Absent pupil: no scores.
    let s10 = pupil_sheet(&ds, p, "A", "5Б", "P10").unwrap();
    assert!(s10.absent);
    assert!(s10.tasks.iter().all(|t| t.mastery == Mastery::Missing));
    assert!(pupil_sheet(&ds, p, "A", "5А", "nobody").is_none());
    assert!(
        pupil_sheet(&ds, p, "A", "5Б", "P0").is_none(),
        "P0 is in 5А"
    );
}
