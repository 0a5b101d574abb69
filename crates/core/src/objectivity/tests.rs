//! Deciding and composing on hand-made candidates.

use super::*;
use crate::model::{Procedure, ProcedureKey, School};

fn cand(ind: Indicator, school: &str, procedure: &str, p: Option<f64>, effect: bool) -> Candidate {
    Candidate {
        indicator: ind,
        school: school.into(),
        procedure: procedure.into(),
        class: None,
        value: 1.0,
        reference: 0.0,
        threshold: 0.5,
        n: 20,
        size: 0.0,
        se: None,
        spread: None,
        p_sampling: p,
        p,
        effect,
        evidence: Evidence::Fluctuation {
            years: vec![],
            z: vec![],
        },
    }
}

fn proc(subject: &str, year: u16) -> Procedure {
    Procedure {
        key: ProcedureKey {
            kind: ProcedureKind::Vpr,
            subject: subject.into(),
            grade: Some(5),
            year: Some(year),
        },
        tasks: vec![],
        scale: None,
        max_total: None,
        results: Default::default(),
        files: vec![],
        errors: Default::default(),
    }
}

#[test]
fn bh_then_effect_decides() {
    let s = Settings::default();
    // Two bunching tests: 0.004 alone would pass 0.01, but BH over two makes it 0.008; the
    // other (0.3) does not. A concordance candidate without effect never fires.
    let signs = decide(
        vec![
            cand(Indicator::Bunching, "A", "x", Some(0.004), true),
            cand(Indicator::Bunching, "B", "x", Some(0.3), true),
            cand(Indicator::Concordance, "A", "x", Some(1e-6), false),
            cand(Indicator::Similarity, "C", "x", None, true),
        ],
        &s,
    );
    assert!((signs[0].q.unwrap() - 0.008).abs() < 1e-12);
    assert!(signs[0].fired && !signs[1].fired && !signs[2].fired);
    assert!(signs[3].fired, "no test: the effect decides");
    let mut strict = s.clone();
    strict.alpha = 0.005;
    assert!(
        !decide(
            vec![
                cand(Indicator::Bunching, "A", "x", Some(0.004), true),
                cand(Indicator::Bunching, "B", "x", Some(0.3), true)
            ],
            &strict
        )[0]
        .fired
    );
}

#[test]
fn markers_status_and_persistence() {
    let ds = Dataset {
        schools: ["A", "B", "C", "D", "E", "F", "G"]
            .map(|c| School {
                code: c.into(),
                name: None,
            })
            .to_vec(),
        procedures: vec![
            proc("Математика", 2024),
            proc("Математика", 2025),
            proc("Русский язык", 2025),
        ],
        ..Dataset::default()
    };
    let m24 = "vpr-математика-5-2024";
    let m25 = "vpr-математика-5-2025";
    let r25 = "vpr-русский_язык-5-2025";
    let sized = |ind, school: &str, p: &str, size: f64| Sign {
        candidate: Candidate {
            size,
            ..cand(ind, school, p, None, true)
        },
        q: None,
        fired: true,
    };
    let fired = |ind, school: &str, p: &str| sized(ind, school, p, 0.0);
    let mut tested = vec![
        // A: two signs in mathematics 2025 and two in Russian 2025: markers in two subjects.
        fired(Indicator::Bunching, "A", m25),
        fired(Indicator::Inversion, "A", m25),
        fired(Indicator::Concordance, "A", r25),
        fired(Indicator::Similarity, "A", r25),
        // B: one sign in mathematics 2024 and one in 2025: one subject in two years.
        fired(Indicator::Bunching, "B", m24),
        fired(Indicator::Inversion, "B", m25),
        // C: one marker only.
        fired(Indicator::Bunching, "C", m25),
        fired(Indicator::Concordance, "C", m25),
        // D: a lone ordinary sign: listed, no status.
        fired(Indicator::Concordance, "D", m25),
        // E: signs in two works of the parallel 5 / 2025; the similarity alone does not count.
        fired(Indicator::Inversion, "E", m25),
        fired(Indicator::Concordance, "E", r25),
        fired(Indicator::Similarity, "F", m25),
        fired(Indicator::PersonFit, "F", r25),
        // G: a lone strong sign (B_t = 2.5 >= 2 × 1).
        sized(Indicator::Bunching, "G", m25, 2.5),
    ];
    tested.push(Sign {
        fired: false,
        ..fired(Indicator::PersonFit, "D", m24)
    });
    let o = compose(&ds, &tested, &Settings::default());
    assert_eq!(o[0].units.len(), 2);
    assert_eq!(o[0].status, Status::Signs);
    assert!(
        matches!(&o[0].reasons[0], Reason::MarkersInSubjects { subjects } if subjects.len() == 2)
    );
    assert_eq!(
        (o[1].status, o[1].persistent, o[1].units.len()),
        (Status::Attention, true, 0)
    );
    assert!(
        matches!(&o[1].reasons[..], [Reason::SubjectYears { years, .. }] if years == &[2024, 2025])
    );
    assert_eq!((o[2].status, o[2].units.len()), (Status::Attention, 1));
    assert_eq!(
        o[2].units[0].indicators,
        vec![Indicator::Concordance, Indicator::Bunching]
    );
    assert_eq!(
        o[2].reasons,
        vec![Reason::Marker {
            procedure: m25.into()
        }]
    );
    assert_eq!(
        (o[3].status, o[3].signs.len(), o[3].tests),
        (Status::None, 1, 2)
    );
    assert_eq!(
        o[4].reasons,
        vec![Reason::Parallel {
            grade: 5,
            year: 2025
        }]
    );
    assert_eq!(
        o[5].status,
        Status::None,
        "identical answers support, never suffice"
    );
    assert_eq!(
        o[6].reasons,
        vec![Reason::Strong {
            procedure: m25.into(),
            indicator: Indicator::Bunching
        }]
    );
}
