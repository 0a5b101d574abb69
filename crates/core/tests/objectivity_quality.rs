//! Detection quality of the whole objectivity analysis (default settings, BH per indicator) on
//! the demo generator's planted patterns over many seeds: recall of the indicator that targets
//! each pattern, and the share of clean schools that get any status. The figures are printed
//! (`cargo test -p integra-core --release --test objectivity_quality -- --nocapture`) and kept in
//! docs/objectivity.md.

mod common;

use integra_core::objectivity::{analyse, Indicator, Settings, Status};
use std::collections::{BTreeMap, BTreeSet};

const SEEDS: u64 = 12;

/// The indicators that target a planted pattern (any of them firing is a detection).
fn targets(pattern: &str) -> &'static [Indicator] {
    match pattern {
        "threshold_bunching" => &[Indicator::Bunching],
        "journal_mismatch" => &[Indicator::Concordance],
        "identical_vectors" => &[Indicator::Similarity],
        "difficulty_inversion" => &[Indicator::Inversion],
        "year_jump" => &[Indicator::Fluctuation, Indicator::Independent],
        _ => &[],
    }
}

#[test]
fn planted_patterns_are_found_and_clean_schools_stay_clean() {
    let mut found: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut clean, mut clean_marked) = (0usize, 0usize);
    let mut genuine_marked = 0usize;
    let mut genuine = 0usize;
    let mut fp_by: BTreeMap<String, usize> = BTreeMap::new();
    for seed in 1..=SEEDS {
        let common::Demo {
            district: d,
            ds,
            file_proc,
        } = common::demo(seed);
        let report = analyse(&ds, &Settings::default());
        for pl in &d.planted {
            let inds = targets(&pl.pattern);
            if inds.is_empty() {
                continue;
            }
            let Some(proc_id) = file_proc.get(pl.file.as_str()) else {
                continue;
            };
            let hit = report.tested.iter().any(|s| {
                s.fired
                    && inds.contains(&s.candidate.indicator)
                    && s.candidate.school == pl.school
                    && &s.candidate.procedure == proc_id
                    && (pl.class.is_none()
                        || s.candidate.class.is_none()
                        || s.candidate.class == pl.class)
            });
            if !hit && std::env::var("OBJ_DEBUG").is_ok() {
                for x in report.tested.iter().filter(|x| {
                    inds.contains(&x.candidate.indicator)
                        && x.candidate.school == pl.school
                        && &x.candidate.procedure == proc_id
                }) {
                    eprintln!(
                        "  MISS {} {} {:?} value {:.3} ref {:.3} p {:?} q {:?} effect {}",
                        pl.school,
                        proc_id,
                        x.candidate.indicator,
                        x.candidate.value,
                        x.candidate.reference,
                        x.candidate.p,
                        x.q,
                        x.candidate.effect
                    );
                }
            }
            let e = found.entry(pl.pattern.clone()).or_default();
            e.0 += hit as usize;
            e.1 += 1;
        }
        let planted: BTreeSet<&str> = d
            .planted
            .iter()
            .filter(|p| p.pattern != "beats_context")
            .map(|p| p.school.as_str())
            .collect();
        let beats: BTreeSet<&str> = d
            .planted
            .iter()
            .filter(|p| p.pattern == "beats_context")
            .map(|p| p.school.as_str())
            .collect();
        for s in &report.schools {
            if planted.contains(s.school.as_str()) {
                continue;
            }
            clean += 1;
            clean_marked += (s.status != Status::None) as usize;
            let mut inds: Vec<String> = s
                .signs
                .iter()
                .map(|x| format!("{:?}", x.candidate.indicator))
                .collect();
            inds.sort();
            inds.dedup();
            for i in inds {
                *fp_by.entry(i).or_default() += 1;
            }
            if std::env::var("OBJ_DEBUG").is_ok() {
                for x in &s.signs {
                    eprintln!(
                        "  FP {} {:?} {} class {:?} value {:.3} ref {:.3} n {} p {:?} q {:?} {:?}",
                        s.school,
                        x.candidate.indicator,
                        x.candidate.procedure,
                        x.candidate.class,
                        x.candidate.value,
                        x.candidate.reference,
                        x.candidate.n,
                        x.candidate.p,
                        x.q,
                        match &x.candidate.evidence {
                            integra_core::objectivity::Evidence::Similarity { groups, .. } =>
                                format!("{groups:?}"),
                            integra_core::objectivity::Evidence::Concordance { raised, .. } =>
                                format!("raised {raised}"),
                            _ => String::new(),
                        }
                    );
                }
            }
            if beats.contains(s.school.as_str()) {
                genuine += 1;
                genuine_marked += (s.status != Status::None) as usize;
            }
        }
    }
    for (pattern, (hit, n)) in &found {
        eprintln!(
            "recall {pattern}: {hit}/{n} = {:.3}",
            *hit as f64 / *n as f64
        );
    }
    for (ind, n) in &fp_by {
        eprintln!("clean schools with a {ind} sign: {n}/{clean}");
    }
    let fp = clean_marked as f64 / clean as f64;
    eprintln!("clean schools with a status: {clean_marked}/{clean} = {fp:.3}");
    eprintln!("beats-context schools (genuine) with a status: {genuine_marked}/{genuine}");
    for (pattern, (hit, n)) in &found {
        assert!(
            *hit as f64 >= 0.9 * *n as f64,
            "recall of {pattern}: {hit}/{n}"
        );
    }
    assert!(fp <= 0.05, "clean schools marked: {fp:.3}");
    assert_eq!(found.len(), 5, "every planted pattern measured: {found:?}");
}
