//! Detection quality of the three school-level indicators of METHODOLOGY §3.1–3.3 (journal
//! concordance, bunching at mark thresholds, difficulty inversion) on the demo district, seeds
//! 1..=12, default settings, Benjamini–Hochberg per indicator ([`decide`]):
//!
//! * recall: the share of planted (school, file) units of the indicator's pattern
//!   (`journal_mismatch` → Concordance, `threshold_bunching` → Bunching,
//!   `difficulty_inversion` → Inversion) where the indicator fires on that school × procedure;
//! * false-positive rate: the share of tested school × procedure units of clean schools (no
//!   planted pattern; `beats_context` schools count as clean: their high results are genuine)
//!   where the indicator fires.
//!
//! `cargo test -p integra-core --release --test objectivity_quality_a -- --nocapture` prints
//! the figures and the run time of the three indicators.

mod common;

use integra_core::objectivity::{bunching, concordance, decide, inversion, Indicator, Settings};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

const SEEDS: std::ops::RangeInclusive<u64> = 1..=12;

fn pattern_of(ind: Indicator) -> &'static str {
    match ind {
        Indicator::Concordance => "journal_mismatch",
        Indicator::Bunching => "threshold_bunching",
        Indicator::Inversion => "difficulty_inversion",
        _ => unreachable!(),
    }
}

#[derive(Default)]
struct Tally {
    planted: usize,
    found: usize,
    clean_units: usize,
    clean_fired: usize,
    /// Clean units whose effect conditions hold (only the test keeps them from firing).
    clean_effect: usize,
    /// Clean units significant after BH (only the effect conditions keep them from firing).
    clean_significant: usize,
}

#[test]
fn planted_units_are_found_and_clean_units_stay_clean() {
    let s = Settings::default();
    let inds = [
        Indicator::Concordance,
        Indicator::Bunching,
        Indicator::Inversion,
    ];
    let mut tally: BTreeMap<Indicator, Tally> = BTreeMap::new();
    let mut elapsed = Duration::ZERO;
    let mut slowest = Duration::ZERO;
    let debug = std::env::var("OBJ_DEBUG").is_ok();
    for seed in SEEDS {
        let common::Demo {
            district: d,
            ds,
            file_proc,
        } = common::demo(seed);

        let t0 = Instant::now();
        let mut cands = concordance::candidates(&ds, &s);
        cands.extend(bunching::candidates(&ds, &s));
        cands.extend(inversion::candidates(&ds, &s));
        let t = t0.elapsed();
        elapsed += t;
        slowest = slowest.max(t);
        let signs = decide(cands, &s);

        let dirty: BTreeSet<&str> = d
            .planted
            .iter()
            .filter(|p| p.pattern != "beats_context")
            .map(|p| p.school.as_str())
            .collect();
        for ind in inds {
            let tl = tally.entry(ind).or_default();
            let of_ind = || signs.iter().filter(move |x| x.candidate.indicator == ind);
            for pl in d.planted.iter().filter(|p| p.pattern == pattern_of(ind)) {
                let proc_id = file_proc
                    .get(pl.file.as_str())
                    .unwrap_or_else(|| panic!("planted file {} not imported", pl.file));
                let unit = || {
                    of_ind().filter(|x| {
                        x.candidate.school == pl.school && &x.candidate.procedure == proc_id
                    })
                };
                let hit = unit().any(|x| x.fired);
                tl.planted += 1;
                tl.found += hit as usize;
                if debug {
                    let what = if hit { "HIT" } else { "MISS" };
                    eprintln!("seed {seed} {what} {:?} {} {proc_id}", ind, pl.school);
                    for x in unit() {
                        eprintln!(
                            "    value {:.3} ref {:.3} thr {:.3} n {} p {:?} q {:?} effect {}",
                            x.candidate.value,
                            x.candidate.reference,
                            x.candidate.threshold,
                            x.candidate.n,
                            x.candidate.p,
                            x.q,
                            x.candidate.effect
                        );
                    }
                }
            }
            // Clean units: one per school × procedure (the directions of concordance count
            // as one unit).
            let mut units: BTreeMap<(&str, &str), (bool, bool, bool)> = BTreeMap::new();
            for x in of_ind().filter(|x| !dirty.contains(x.candidate.school.as_str())) {
                let u = units
                    .entry((&x.candidate.school, &x.candidate.procedure))
                    .or_default();
                u.0 |= x.fired;
                u.1 |= x.candidate.effect;
                u.2 |= x.q.is_some_and(|q| q < s.alpha);
                if x.fired && debug {
                    eprintln!(
                        "seed {seed} FP {:?} {} {} value {:.3} ref {:.3} thr {:.3} n {} p {:?} q {:?} {:?}",
                        ind,
                        x.candidate.school,
                        x.candidate.procedure,
                        x.candidate.value,
                        x.candidate.reference,
                        x.candidate.threshold,
                        x.candidate.n,
                        x.candidate.p,
                        x.q,
                        x.candidate.evidence
                    );
                }
            }
            tl.clean_units += units.len();
            tl.clean_fired += units.values().filter(|f| f.0).count();
            tl.clean_effect += units.values().filter(|f| f.1).count();
            tl.clean_significant += units.values().filter(|f| f.2).count();
        }
    }
    let n_seeds = SEEDS.count() as u32;
    eprintln!(
        "three indicators: {:.1} ms per district on average, {:.1} ms at most ({} seeds)",
        elapsed.as_secs_f64() * 1e3 / n_seeds as f64,
        slowest.as_secs_f64() * 1e3,
        n_seeds
    );
    for (ind, t) in &tally {
        eprintln!(
            "{:?}: recall {}/{} = {:.3}; false positives {}/{} clean units = {:.4} \
             (effect conditions alone: {} = {:.3}; the test alone: {} = {:.3})",
            ind,
            t.found,
            t.planted,
            t.found as f64 / t.planted.max(1) as f64,
            t.clean_fired,
            t.clean_units,
            t.clean_fired as f64 / t.clean_units.max(1) as f64,
            t.clean_effect,
            t.clean_effect as f64 / t.clean_units.max(1) as f64,
            t.clean_significant,
            t.clean_significant as f64 / t.clean_units.max(1) as f64
        );
    }
    for (ind, t) in &tally {
        assert!(t.planted > 0, "{ind:?}: nothing planted");
        assert!(
            t.found as f64 >= 0.9 * t.planted as f64,
            "{ind:?}: recall {}/{}",
            t.found,
            t.planted
        );
        assert!(
            t.clean_fired as f64 <= 0.02 * t.clean_units as f64,
            "{ind:?}: false positives {}/{}",
            t.clean_fired,
            t.clean_units
        );
    }
}
