//! The objectivity analysis on real files.
//!
//! CopyDetect's form1 (a credentialing exam: 1,636 examinees, 170 items scored 0/1, 308 test
//! centres): the importer takes `cent_id` as the school code (the centres are the schools) and
//! there is no class column, so each centre is one unit (class `None`). Person fit (§3.6) and
//! identical vectors (§3.7) run on it and print the centres that stand out. Every other real file
//! (TIMSS, PISA, the ВПР protocol form, KS2, Moscow) runs through both indicators and the whole
//! analysis without a panic.

use integra_core::ingest::{import_file, merge, ImportOptions, Pseudonymizer};
use integra_core::model::Dataset;
use integra_core::objectivity::{
    analyse, decide, person_fit, similarity, Candidate, Evidence, Indicator, Settings, Sign,
};

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

/// Candidates come in procedure, then school (dataset order), then class order.
fn in_unit_order(ds: &Dataset, c: &[Candidate]) -> bool {
    let pos = |c: &Candidate| {
        (
            ds.procedures.iter().position(|p| p.key.id() == c.procedure),
            ds.schools.iter().position(|s| s.code == c.school),
            c.class.clone(),
        )
    };
    c.windows(2).all(|w| pos(&w[0]) < pos(&w[1]))
}

fn line(s: &Sign) -> String {
    let c = &s.candidate;
    let extra = match &c.evidence {
        Evidence::PersonFit { above, p95, .. } => format!("{above} above Gnormed {p95:.3}"),
        Evidence::Similarity { groups, .. } => format!("groups {groups:?}"),
        _ => String::new(),
    };
    format!(
        "centre {} {:?}: value {:.3} (reference {:.3}), n {}, p {:.2e}, q {:.2e}, {extra}",
        c.school,
        c.indicator,
        c.value,
        c.reference,
        c.n,
        c.p.unwrap_or(1.0),
        s.q.unwrap_or(1.0)
    )
}

#[test]
fn copydetect_centres_that_stand_out() {
    let ds = load("copydetect/form1.csv");
    assert_eq!(ds.procedures.len(), 1);
    let p = &ds.procedures[0];
    assert_eq!(p.tasks.len(), 170);
    assert_eq!(p.results.len(), 1636);
    // The centres are the schools; there are no classes.
    assert_eq!(ds.schools.len(), 308, "cent_id is the school code");
    assert!(p.results.class.iter().all(Option::is_none));

    let s = Settings::default();
    // Gnormed lies in [0, 1] for every examinee who has one.
    let g = person_fit::gnormed_all(p);
    let with = g.iter().flatten().count();
    assert!(with > 1500, "{with} examinees with a Gnormed");
    assert!(g.iter().flatten().all(|x| (0.0..=1.0).contains(x)));

    let pf = person_fit::candidates(&ds, &s);
    let sim = similarity::candidates(&ds, &s);
    eprintln!(
        "form1: {} centres, {} with at least {} examinees tested (person fit {}, identical \
         vectors {})",
        ds.schools.len(),
        pf.len().max(sim.len()),
        s.min_class,
        pf.len(),
        sim.len()
    );
    assert!(!pf.is_empty() && !sim.is_empty());
    assert!(in_unit_order(&ds, &pf) && in_unit_order(&ds, &sim));
    for c in pf.iter().chain(&sim) {
        assert!(c.class.is_none(), "no classes: a centre is one unit");
        assert!(c.n >= s.min_class);
        assert!((0.0..=1.0).contains(&c.value), "{c:?}");
        assert!(c.p.is_some_and(|p| (0.0..=1.0).contains(&p)), "{c:?}");
        if let Evidence::PersonFit { p95, unit_hist, .. } = &c.evidence {
            assert!((0.0..=1.0).contains(p95));
            assert!((unit_hist.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
    }

    let mut cands = pf.clone();
    cands.extend(sim.clone());
    let signs = decide(cands.clone(), &s);
    for ind in [Indicator::PersonFit, Indicator::Similarity] {
        // The centres that stand out most (smallest p), whether or not they pass BH.
        let mut top: Vec<&Sign> = signs
            .iter()
            .filter(|x| x.candidate.indicator == ind)
            .collect();
        top.sort_by(|a, b| {
            a.candidate
                .p
                .unwrap_or(1.0)
                .total_cmp(&b.candidate.p.unwrap_or(1.0))
                .then(a.candidate.school.cmp(&b.candidate.school))
        });
        eprintln!("{ind:?}, smallest p:");
        for x in top.iter().take(5) {
            eprintln!("  {}", line(x));
        }
        let fired: Vec<&Sign> = top.iter().copied().filter(|x| x.fired).collect();
        eprintln!("{ind:?}: {} centres fire", fired.len());
        for x in &fired {
            eprintln!("  FIRES {}", line(x));
            assert!(x.candidate.effect && x.q.is_some_and(|q| q < s.alpha));
        }
    }
    // The flagged set is stable: the same candidates and verdicts on a second run.
    let again = {
        let mut c = person_fit::candidates(&ds, &s);
        c.extend(similarity::candidates(&ds, &s));
        c
    };
    assert_eq!(again, cands);
    assert_eq!(decide(again, &s), signs);
}

#[test]
fn every_real_file_runs_without_a_panic() {
    let s = Settings::default();
    for rel in [
        "copydetect/form1.csv",
        "timss07_g8_rus/scored_responses.csv",
        "timss07_g8_rus/iteminfo.csv",
        "pisa2009_aut/data.pisaMath_data.csv",
        "pisa2009_aut/data.pisaRead_data.csv",
        "pisa2009_aut/data.pisaMath_items.csv",
        "pisa2009_aut/data.pisaRead_items.csv",
        "vpr_protocol_form/base_form.xlsx",
        "england_ks2/2017-2018_936_ks2final.csv",
        "england_ks2/2018-2019_850_ks2final.csv",
        "england_ks2/2021-05-07_850_936_gias.csv",
        "moscow_ege/data-20130909T0800.csv",
        "moscow_ege/data-9722-2016-10-31.csv",
    ] {
        let ds = load(rel);
        let pf = person_fit::candidates(&ds, &s);
        let sim = similarity::candidates(&ds, &s);
        for c in pf.iter().chain(&sim) {
            assert!((0.0..=1.0).contains(&c.value), "{rel}: {c:?}");
            assert!(
                c.p.is_some_and(|p| (0.0..=1.0).contains(&p)),
                "{rel}: {c:?}"
            );
        }
        for p in &ds.procedures {
            assert!(person_fit::gnormed_all(p)
                .iter()
                .flatten()
                .all(|x| (0.0..=1.0).contains(x)));
        }
        let signs = decide(pf.iter().chain(&sim).cloned().collect(), &s);
        let r = analyse(&ds, &s);
        assert_eq!(r.schools.len(), ds.schools.len(), "{rel}");
        eprintln!(
            "{rel}: person fit {} units ({} fire), identical vectors {} units ({} fire); whole \
             analysis {} units tested, {} signs",
            pf.len(),
            signs
                .iter()
                .filter(|x| x.fired && x.candidate.indicator == Indicator::PersonFit)
                .count(),
            sim.len(),
            signs
                .iter()
                .filter(|x| x.fired && x.candidate.indicator == Indicator::Similarity)
                .count(),
            r.tested.len(),
            r.tested.iter().filter(|s| s.fired).count()
        );
    }
}
