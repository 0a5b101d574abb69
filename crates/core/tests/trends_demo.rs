//! Trends on the demo district: ВПР Математика 5 was written in 2024 and 2025 with the same
//! tasks, so the years are comparable, and every figure of the report is recomputed here from
//! the pupils' marks and totals with plain counting.

use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_all, merge, ImportOptions, Pseudonymizer};
use integra_core::model::{Dataset, Procedure};
use integra_core::stats::trends::{family, previous_year, trends, YearPoint};

fn demo() -> Dataset {
    let district = generate(&DemoParams::default());
    let imports = import_all(
        district
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.bytes.as_slice())),
        &ImportOptions::default(),
        &Pseudonymizer::new([7; 16]),
    );
    merge(&imports.iter().collect::<Vec<_>>()).0
}

fn find<'a>(ds: &'a Dataset, id: &str) -> &'a Procedure {
    ds.procedures.iter().find(|p| p.key.id() == id).unwrap()
}

/// Figures of one year of one group, counted here: (participants, marks «1»..«5» counts,
/// mean total / maximum over pupils with a total).
struct Counted {
    participants: usize,
    marks: [usize; 6],
    primary: Option<f64>,
}

fn count(p: &Procedure, school: Option<u32>) -> Counted {
    let r = &p.results;
    let mut c = Counted {
        participants: 0,
        marks: [0; 6],
        primary: None,
    };
    let (mut sum, mut n) = (0.0, 0usize);
    for i in 0..r.school.len() {
        if r.absent[i] || school.is_some_and(|s| r.school[i] != s) {
            continue;
        }
        c.participants += 1;
        if let Some(m @ 1..=5) = r.mark[i] {
            c.marks[m as usize] += 1;
        }
        if let Some(t) = r.total[i] {
            sum += t;
            n += 1;
        }
    }
    let max = p.max_total.unwrap();
    c.primary = (n >= 5).then(|| sum / n as f64 / max);
    c
}

/// (success, quality, share of «2», mean mark, СОУ in %) from the counts; `None` under 5.
fn metrics(c: &Counted) -> Option<[f64; 5]> {
    let m = c.marks;
    let n: usize = m.iter().sum();
    if n < 5 {
        return None;
    }
    let n = n as f64;
    let f = |x: usize| x as f64;
    Some([
        f(m[3] + m[4] + m[5]) / n,
        f(m[4] + m[5]) / n,
        f(m[1] + m[2]) / n,
        f(m[1] + 2 * m[2] + 3 * m[3] + 4 * m[4] + 5 * m[5]) / n,
        f(100 * m[5] + 64 * m[4] + 36 * m[3] + 16 * m[2] + 7 * m[1]) / n,
    ])
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// A year point against the counts; returns the counted metrics.
fn check_point(pt: &YearPoint, c: &Counted, what: &str) -> Option<[f64; 5]> {
    assert_eq!(pt.participants, c.participants, "{what}");
    match (pt.mean_primary_share, c.primary) {
        (Some(a), Some(b)) => assert!(close(a, b), "{what}: {a} {b}"),
        (a, b) => assert_eq!(a, b, "{what}"),
    }
    let want = metrics(c);
    match (&pt.metrics, want) {
        (Some(m), Some(w)) => {
            let got = [m.success, m.quality, m.share2, m.mean_mark, m.sou];
            assert!(
                got.iter().zip(w).all(|(a, b)| close(*a, b)),
                "{what}: {got:?} {w:?}"
            );
            assert_eq!(m.counts[1..], c.marks[1..], "{what}");
        }
        (None, None) => {}
        (m, w) => panic!("{what}: {m:?} against {w:?}"),
    }
    want
}

#[test]
fn mathematics_5_over_two_years() {
    let ds = demo();
    let (p24, p25) = (
        find(&ds, "vpr-математика-5-2024"),
        find(&ds, "vpr-математика-5-2025"),
    );
    assert_eq!(p24.tasks.len(), p25.tasks.len());
    assert!(p24
        .tasks
        .iter()
        .zip(&p25.tasks)
        .all(|(a, b)| a.label == b.label && a.max == b.max));

    let t = trends(&ds, &p25.key);
    assert_eq!(t.years, vec![2024, 2025]);
    assert_eq!(
        t.procedure_ids,
        vec!["vpr-математика-5-2024", "vpr-математика-5-2025"]
    );
    assert!(t.comparability.comparable, "{:?}", t.comparability.reasons);
    // The same report from either year's key.
    assert_eq!(trends(&ds, &p24.key), t);

    assert!(std::ptr::eq(previous_year(&ds, &p25.key).unwrap(), p24));
    assert!(previous_year(&ds, &p24.key).is_none());

    // Groups: the district, then every school of the report.
    let mut groups: Vec<(String, Option<u32>, &[YearPoint], _)> = vec![(
        "district".to_string(),
        None,
        t.district.as_slice(),
        t.district_change.as_ref(),
    )];
    for s in &t.schools {
        let idx = ds.schools.iter().position(|x| x.code == s.code).unwrap() as u32;
        assert_eq!(s.points.len(), 2, "{}", s.code);
        groups.push((
            s.code.clone(),
            Some(idx),
            s.points.as_slice(),
            s.change.as_ref(),
        ));
    }
    let took_part = (0..ds.schools.len() as u32)
        .filter(|s| [p24, p25].iter().any(|p| p.results.school.contains(s)))
        .count();
    assert_eq!(t.schools.len(), took_part);

    let (mut changes, mut negative) = (0, 0);
    for (what, school, points, change) in groups {
        assert_eq!((points[0].year, points[1].year), (2024, 2025), "{what}");
        let a = check_point(&points[0], &count(p24, school), &what);
        let b = check_point(&points[1], &count(p25, school), &what);
        match (a, b, change) {
            (Some(a), Some(b), Some(c)) => {
                assert_eq!((c.from_year, c.to_year), (2024, 2025));
                let got = [
                    c.success_pp,
                    c.quality_pp,
                    c.share2_pp,
                    c.mean_mark,
                    c.sou_pp,
                ];
                let want = [
                    (b[0] - a[0]) * 100.0,
                    (b[1] - a[1]) * 100.0,
                    (b[2] - a[2]) * 100.0,
                    b[3] - a[3],
                    b[4] - a[4],
                ];
                assert!(
                    got.iter().zip(want).all(|(x, y)| close(*x, y)),
                    "{what}: {got:?} {want:?}"
                );
                assert_eq!(c.share2_rise_negative, want[2] >= 10.0 - 1e-9, "{what}");
                changes += 1;
                negative += c.share2_rise_negative as usize;
            }
            (a, b, c) => assert!(
                c.is_none() && (a.is_none() || b.is_none()),
                "{what}: {a:?} {b:?} {c:?}"
            ),
        }
    }
    assert!(changes >= 40, "groups with a change: {changes}");
    eprintln!("groups with a change: {changes}; share of «2» up 10 p.p. or more: {negative}");
}

#[test]
fn every_demo_family_is_sorted_by_year() {
    let ds = demo();
    for p in &ds.procedures {
        let years: Vec<u16> = family(&ds, &p.key)
            .iter()
            .filter_map(|q| q.key.year)
            .collect();
        assert!(
            years.windows(2).all(|w| w[0] < w[1]),
            "{}: {years:?}",
            p.key.id()
        );
        assert!(years.contains(&p.key.year.unwrap()));
        let t = trends(&ds, &p.key);
        assert_eq!(t.years, years);
        assert_eq!(t.district.len(), years.len());
        assert!(
            t.district.iter().all(|d| d.metrics.is_some()),
            "{}",
            p.key.id()
        );
    }
}
