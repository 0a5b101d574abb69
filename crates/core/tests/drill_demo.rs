//! The drill-down on the demo district: the city reference reaches the task rows, skills from
//! the task-description file reach the pupil sheet, and every school's figures add up to the
//! district's.

use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_all, merge, ImportOptions, Pseudonymizer};
use integra_core::model::Dataset;
use integra_core::report::drill::{
    children, group_report, pupil_rows, pupil_sheet, reference_of, Scope,
};

fn demo() -> Dataset {
    let district = generate(&DemoParams::default());
    let imports = import_all(
        district
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.bytes.as_slice())),
        &ImportOptions::default(),
        &Pseudonymizer::new([5; 16]),
    );
    merge(&imports.iter().collect::<Vec<_>>()).0
}

#[test]
fn city_reference_and_skills_reach_the_views() {
    let ds = demo();
    let p = ds
        .procedures
        .iter()
        .find(|p| p.key.id() == "vpr-математика-5-2025")
        .unwrap();
    let (name, success) = reference_of(&ds, p).expect("the demo has a city reference for 2025");
    assert!(name.contains("Санкт-Петербург"), "{name}");
    assert_eq!(success.len(), p.tasks.len());
    assert!(success
        .iter()
        .all(|s| s.is_some_and(|x| (0.0..=1.0).contains(&x))));
    let g = group_report(&ds, p, &Scope::District, Some((&name, &success)));
    assert_eq!(g.reference_name.as_deref(), Some(name.as_str()));
    // The city differs from the district on some tasks (the comparison means something).
    assert!(g
        .tasks
        .iter()
        .any(|t| (t.reference.unwrap() - t.task.success.unwrap()).abs() > 0.02));
    // 2024 has no reference file.
    let p24 = ds
        .procedures
        .iter()
        .find(|p| p.key.id() == "vpr-математика-5-2024")
        .unwrap();
    assert!(reference_of(&ds, p24).is_none());

    // The task-description file gives every task a skill, and the pupil sheet carries it.
    assert!(p.tasks.iter().all(|t| t.skill.is_some()));
    let school = children(&ds, p, &Scope::District).remove(0);
    let class = children(&ds, p, &school.scope).remove(0);
    let Scope::Class { school, class } = class.scope else {
        unreachable!()
    };
    let pupil = pupil_rows(&ds, p, &school, &class).remove(0);
    let sheet = pupil_sheet(&ds, p, &school, &class, &pupil.pupil).unwrap();
    assert!(sheet.tasks.iter().all(|t| t.skill.is_some()));
}

#[test]
fn schools_add_up_to_the_district() {
    let ds = demo();
    for p in &ds.procedures {
        let d = group_report(&ds, p, &Scope::District, None);
        let rows = children(&ds, p, &Scope::District);
        let part: usize = rows.iter().map(|r| r.participants).sum();
        let absent: usize = rows.iter().map(|r| r.absent).sum();
        assert_eq!((part, absent), (d.participants, d.absent), "{}", p.key.id());
        let with_mark: usize = rows.iter().map(|r| r.with_mark).sum();
        assert_eq!(with_mark, d.with_mark);
        // Classes of a school add up to the school.
        let s = &rows[0];
        let classes = children(&ds, p, &s.scope);
        assert_eq!(
            classes.iter().map(|c| c.participants).sum::<usize>(),
            s.participants,
            "{}",
            p.key.id()
        );
    }
}

/// ВПР Математика 5 in 2024 and 2025 has the same tasks: comparable, and the change of every
/// school's share of «2» is the difference of the two years counted here from the marks.
#[test]
fn trends_of_the_demo_family() {
    use integra_core::stats::trends::{family_id, trends};
    let ds = demo();
    let p = ds
        .procedures
        .iter()
        .find(|p| p.key.id() == "vpr-математика-5-2025")
        .unwrap();
    assert_eq!(family_id(&p.key), "vpr-математика-5");
    let t = trends(&ds, &p.key);
    assert_eq!(t.years, vec![2024, 2025]);
    assert!(t.comparability.comparable, "{:?}", t.comparability.reasons);
    let share2 = |q: &integra_core::model::Procedure, school: u32| -> Option<f64> {
        let marks: Vec<u8> = (0..q.results.len())
            .filter(|&i| q.results.school[i] == school && !q.results.absent[i])
            .filter_map(|i| q.results.mark[i])
            .collect();
        (marks.len() >= 5)
            .then(|| marks.iter().filter(|m| **m == 2).count() as f64 / marks.len() as f64)
    };
    let p24 = ds
        .procedures
        .iter()
        .find(|p| p.key.id() == "vpr-математика-5-2024")
        .unwrap();
    let mut checked = 0;
    for s in &t.schools {
        let idx = ds.schools.iter().position(|x| x.code == s.code).unwrap() as u32;
        match (share2(p24, idx), share2(p, idx), &s.change) {
            (Some(a), Some(b), Some(c)) => {
                assert!((c.share2_pp - (b - a) * 100.0).abs() < 1e-9, "{}", s.code);
                assert_eq!(c.share2_rise_negative, (b - a) * 100.0 >= 10.0 - 1e-9);
                checked += 1;
            }
            (a, b, c) => assert!(
                c.is_none() && (a.is_none() || b.is_none()),
                "{}: {a:?} {b:?} {c:?}",
                s.code
            ),
        }
    }
    assert!(checked >= 40, "schools compared: {checked}");
}
