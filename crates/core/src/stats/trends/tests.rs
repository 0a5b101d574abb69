//! Trends on a hand-made family of three years.

use super::*;
use crate::model::{ProcedureKind, PupilResults, School, Task};

fn task(label: &str, max: u8, level: Option<TaskLevel>, skill: Option<&str>) -> Task {
    Task {
        label: label.into(),
        max,
        max_source: crate::model::MaxSource::File,
        kim: None,
        level,
        skill: skill.map(str::to_string),
    }
}

/// A year: (school, mark) per pupil; tasks given.
fn year(y: u16, tasks: Vec<Task>, pupils: &[(u32, Option<u8>)]) -> Procedure {
    let n = pupils.len();
    let k = tasks.len();
    Procedure {
        key: ProcedureKey {
            kind: ProcedureKind::Vpr,
            subject: "Математика".into(),
            grade: Some(5),
            year: Some(y),
        },
        max_total: Some(k as f64),
        tasks,
        scale: None,
        results: PupilResults {
            school: pupils.iter().map(|p| p.0).collect(),
            class: vec![None; n],
            pupil: (0..n).map(|i| format!("P{i}")).collect(),
            variant: vec![None; n],
            absent: vec![false; n],
            not_done: vec![false; n * k],
            scores: vec![1; n * k],
            total: vec![Some(1.0); n],
            mark: pupils.iter().map(|p| p.1).collect(),
            journal: vec![None; n],
            source_row: (2..n as u32 + 2).collect(),
        },
        files: vec![],
        errors: Default::default(),
    }
}

fn tasks() -> Vec<Task> {
    vec![
        task("1", 1, Some(TaskLevel::Basic), Some("Числа")),
        task("2", 2, None, None),
    ]
}

fn ds(years: Vec<Procedure>) -> Dataset {
    Dataset {
        schools: ["A", "B"]
            .map(|c| School {
                code: c.into(),
                name: None,
            })
            .to_vec(),
        procedures: years,
        ..Dataset::default()
    }
}

#[test]
fn changes_per_school_and_district() {
    // 2024: A has 10 pupils with no «2»; 2025: A has 10 with three «2» (+30 p.p.).
    // B: 3 pupils in 2025 only (too few).
    let a24: Vec<(u32, Option<u8>)> = [5, 5, 4, 4, 4, 3, 3, 3, 3, 3]
        .iter()
        .map(|&m| (0, Some(m)))
        .collect();
    let mut a25: Vec<(u32, Option<u8>)> = [5, 4, 4, 4, 3, 3, 3, 2, 2, 2]
        .iter()
        .map(|&m| (0, Some(m)))
        .collect();
    a25.extend([(1, Some(4)), (1, Some(4)), (1, Some(3))]);
    let d = ds(vec![year(2025, tasks(), &a25), year(2024, tasks(), &a24)]);
    let key = d.procedures[0].key.clone();
    assert_eq!(family_id(&key), "vpr-математика-5");
    let t = trends(&d, &key);
    assert_eq!(t.years, vec![2024, 2025], "sorted by year");
    assert!(t.comparability.comparable);
    let a = &t.schools[0];
    let c = a.change.as_ref().unwrap();
    assert_eq!((c.from_year, c.to_year), (2024, 2025));
    assert!((c.share2_pp - 30.0).abs() < 1e-9);
    assert!(c.share2_rise_negative);
    assert!((c.success_pp + 30.0).abs() < 1e-9);
    // Mean mark 3.7 → 3.2.
    assert!((c.mean_mark + 0.5).abs() < 1e-9);
    let b = &t.schools[1];
    assert_eq!(b.points[0].participants, 0);
    assert!(b.points[1].metrics.is_none() && b.change.is_none());
    // District 2025: 13 marks, three «2» → 23.1 %; 2024: 0 %.
    let dc = t.district_change.as_ref().unwrap();
    assert!((dc.share2_pp - 300.0 / 13.0).abs() < 1e-9);
    assert_eq!(t.district[1].mean_primary_share, Some(0.5));
}

#[test]
fn comparability_reasons() {
    let p24 = year(2024, tasks(), &[(0, Some(4))]);
    let mut changed = tasks();
    changed[0].max = 2;
    changed[0].skill = Some("Дроби".into());
    changed[1].level = Some(TaskLevel::High); // unknown in 2024: not a difference
    let p25 = year(2025, changed, &[(0, Some(4))]);
    let c = comparability(&[&p24, &p25]);
    assert!(!c.comparable);
    assert_eq!(
        c.reasons,
        vec![
            ComparabilityReason::Max {
                year: 2025,
                task: "1".into()
            },
            ComparabilityReason::Skill {
                year: 2025,
                task: "1".into()
            },
        ]
    );
    let mut three = tasks();
    three.push(task("3", 1, None, None));
    let p26 = year(2026, three, &[(0, None)]);
    let c = comparability(&[&p24, &p26]);
    assert_eq!(c.reasons.len(), 2, "{:?}", c.reasons);
    assert!(c
        .reasons
        .iter()
        .any(|r| matches!(r, ComparabilityReason::NoScale { year: 2026 })));
    assert!(c.reasons[0].message(Lang::Ru).contains("2026"));
    // One year alone is comparable with itself, and there is no change.
    let d = ds(vec![year(2025, tasks(), &[(0, Some(4)); 6])]);
    let t = trends(&d, &d.procedures[0].key);
    assert!(t.comparability.comparable && t.district_change.is_none());
}

#[test]
fn family_and_previous_year() {
    let mut other_grade = year(2024, tasks(), &[(0, Some(4))]);
    other_grade.key.grade = Some(6);
    let mut no_year = year(2024, tasks(), &[(0, Some(4))]);
    no_year.key.year = None;
    let d = ds(vec![
        year(2025, tasks(), &[(0, Some(4))]),
        other_grade,
        year(2022, tasks(), &[(0, Some(4))]),
        no_year,
        year(2024, tasks(), &[(0, Some(4))]),
    ]);
    let key = d.procedures[0].key.clone();
    let years: Vec<Option<u16>> = family(&d, &key).iter().map(|p| p.key.year).collect();
    assert_eq!(years, vec![Some(2022), Some(2024), Some(2025)]);
    let prev = |y: Option<u16>| {
        previous_year(
            &d,
            &ProcedureKey {
                year: y,
                ..key.clone()
            },
        )
    };
    assert_eq!(prev(Some(2025)).unwrap().key.year, Some(2024), "year − 1");
    assert_eq!(
        prev(Some(2024)).unwrap().key.year,
        Some(2022),
        "the latest earlier year"
    );
    assert!(prev(Some(2022)).is_none());
    assert!(prev(None).is_none());
    assert_eq!(prev(Some(2030)).unwrap().key.year, Some(2025));
    let t = trends(&d, &key);
    assert_eq!(
        t.procedure_ids,
        vec![
            "vpr-математика-5-2022",
            "vpr-математика-5-2024",
            "vpr-математика-5-2025"
        ]
    );
    // Every school has one point per year, even a year it missed.
    assert!(t.schools.iter().all(|s| s.points.len() == 3));
    assert_eq!(t.schools.len(), 1, "B never took part");
}

#[test]
fn every_reason_reads_in_both_languages() {
    let reasons = [
        ComparabilityReason::TaskCount {
            year: 2025,
            count: 12,
            first_year: 2024,
            first_count: 10,
        },
        ComparabilityReason::Max {
            year: 2025,
            task: "7".into(),
        },
        ComparabilityReason::Level {
            year: 2025,
            task: "7".into(),
        },
        ComparabilityReason::Skill {
            year: 2025,
            task: "7".into(),
        },
        ComparabilityReason::NoScale { year: 2025 },
    ];
    for r in &reasons {
        let (ru, en) = (r.message(Lang::Ru), r.message(Lang::En));
        assert!(
            ru.starts_with("2025: ") && en.starts_with("2025: "),
            "{ru} / {en}"
        );
        assert!(ru.chars().any(|c| ('а'..='я').contains(&c)), "{ru}");
        assert!(en.is_ascii(), "{en}");
    }
    assert_eq!(
        reasons[0].message(Lang::Ru),
        "2025: 12 заданий, а в 2024 — 10"
    );
    assert_eq!(
        reasons[1].message(Lang::En),
        "2025: task 7 has a different maximum"
    );
    let json = serde_json::to_string(&reasons[1]).unwrap();
    assert_eq!(json, r#"{"reason":"max","year":2025,"task":"7"}"#);
}
