//! The objectivity analysis on real files. CopyDetect's form1 (1,636 examinees of 170 items in
//! 308 test centres; the centres are the schools, no classes, so each centre is one unit): the
//! similarity and person-fit indicators run and name the centres that stand out. Every other real
//! file runs through the whole analysis without a panic.

use integra_core::ingest::{import_file, merge, ImportOptions, Pseudonymizer};
use integra_core::model::Dataset;
use integra_core::objectivity::{analyse, Evidence, Indicator, Settings};

fn load(rel: &str) -> Dataset {
    let path = format!(
        "{}/../../../shared/data/real/{rel}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let imp = import_file(
        rel.rsplit('/').next().unwrap(),
        &bytes,
        &ImportOptions::default(),
        &Pseudonymizer::new([2; 16]),
    );
    merge(&[&imp]).0
}

#[test]
fn copydetect_centres_that_stand_out() {
    let ds = load("copydetect/form1.csv");
    let r = analyse(&ds, &Settings::default());
    let tested: Vec<_> = r
        .tested
        .iter()
        .filter(|s| {
            matches!(
                s.candidate.indicator,
                Indicator::Similarity | Indicator::PersonFit
            )
        })
        .collect();
    let pf = tested
        .iter()
        .filter(|s| s.candidate.indicator == Indicator::PersonFit)
        .count();
    let sim = tested
        .iter()
        .filter(|s| s.candidate.indicator == Indicator::Similarity)
        .count();
    eprintln!("centres tested: person fit {pf}, similarity {sim}");
    assert!(
        pf >= 10 && sim >= 10,
        "centres with at least 10 examinees are tested"
    );
    for s in &tested {
        assert!(
            s.candidate.class.is_none(),
            "no classes: a centre is one unit"
        );
        assert!((0.0..=1.0).contains(&s.candidate.value));
        if let Evidence::PersonFit { p95, unit_hist, .. } = &s.candidate.evidence {
            assert!((0.0..=1.0).contains(p95));
            assert!((unit_hist.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
    }
    // The centres that stand out most per indicator (smallest p), whether or not they pass BH.
    for ind in [Indicator::PersonFit, Indicator::Similarity] {
        let mut top: Vec<_> = tested
            .iter()
            .filter(|s| s.candidate.indicator == ind)
            .collect();
        top.sort_by(|a, b| {
            a.candidate
                .p
                .unwrap_or(1.0)
                .total_cmp(&b.candidate.p.unwrap_or(1.0))
                .then(a.candidate.school.cmp(&b.candidate.school))
        });
        let names: Vec<String> = top
            .iter()
            .take(5)
            .map(|s| {
                format!(
                    "{} (value {:.3}, p {:.2e}, q {:.2e})",
                    s.candidate.school,
                    s.candidate.value,
                    s.candidate.p.unwrap_or(1.0),
                    s.q.unwrap_or(1.0)
                )
            })
            .collect();
        eprintln!("{ind:?}: {}", names.join("; "));
        assert_eq!(names.len(), 5);
    }
    let mut standing: Vec<_> = tested.iter().filter(|s| s.fired).collect();
    standing.sort_by(|a, b| a.q.unwrap_or(1.0).total_cmp(&b.q.unwrap_or(1.0)));
    for s in &standing {
        eprintln!(
            "centre {} {:?}: value {:.3} (reference {:.3}), n {}, p {:.2e}, q {:.2e}",
            s.candidate.school,
            s.candidate.indicator,
            s.candidate.value,
            s.candidate.reference,
            s.candidate.n,
            s.candidate.p.unwrap_or(1.0),
            s.q.unwrap_or(1.0)
        );
    }
    // Every centre that stands out has a status; the analysis is deterministic.
    for s in &standing {
        let o = r
            .schools
            .iter()
            .find(|o| o.school == s.candidate.school)
            .unwrap();
        assert_ne!(o.status, integra_core::objectivity::Status::None);
    }
    assert_eq!(analyse(&ds, &Settings::default()), r);
}

#[test]
fn every_real_file_runs_without_a_panic() {
    for rel in [
        "timss07_g8_rus/scored_responses.csv",
        "pisa2009_aut/data.pisaMath_data.csv",
        "pisa2009_aut/data.pisaRead_data.csv",
        "vpr_protocol_form/base_form.xlsx",
        "england_ks2/2017-2018_936_ks2final.csv",
        "england_ks2/2018-2019_850_ks2final.csv",
        "england_ks2/2021-05-07_850_936_gias.csv",
        "moscow_ege/data-20130909T0800.csv",
        "moscow_ege/data-9722-2016-10-31.csv",
        "timss07_g8_rus/iteminfo.csv",
    ] {
        let ds = load(rel);
        let r = analyse(&ds, &Settings::default());
        assert_eq!(r.schools.len(), ds.schools.len(), "{rel}");
        eprintln!(
            "{rel}: {} units tested, {} signs",
            r.tested.len(),
            r.tested.iter().filter(|s| s.fired).count()
        );
    }
}
