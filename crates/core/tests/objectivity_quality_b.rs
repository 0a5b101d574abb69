//! Detection quality of the two class-level indicators of METHODOLOGY §3.6–3.7 (person fit,
//! identical answer vectors) on the demo district, seeds 1..=12, default settings,
//! Benjamini–Hochberg per indicator ([`decide`]):
//!
//! * recall of identical vectors: the share of planted `identical_vectors` units (school, file,
//!   class) where the Similarity sign fires on that school × procedure × class (person fit has no
//!   planted pattern of its own: only its false positives are measured);
//! * false-positive rate: the share of tested classes of clean schools (no planted pattern;
//!   `beats_context` schools count as clean: their high results are genuine) where the
//!   indicator fires.
//!
//! `cargo test -p integra-core --release --test objectivity_quality_b -- --nocapture` prints
//! the figures and the run time of the two indicators (`OBJ_DEBUG=1` lists misses and false
//! positives).

mod common;

use integra_core::objectivity::{decide, person_fit, similarity, Evidence, Indicator, Settings};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

const SEEDS: std::ops::RangeInclusive<u64> = 1..=12;

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
    /// Clean `beats_context` units where the indicator fires.
    beats_units: usize,
    beats_fired: usize,
    /// Fired units of schools with a planted pattern (other than `beats_context`), by the
    /// pattern planted in that school × procedure (`elsewhere`: in another of its procedures).
    dirty_fired: BTreeMap<String, usize>,
}

#[test]
fn identical_vectors_are_found_and_clean_classes_stay_clean() {
    let s = Settings::default();
    let inds = [Indicator::PersonFit, Indicator::Similarity];
    let mut tally: BTreeMap<Indicator, Tally> = BTreeMap::new();
    let (mut elapsed, mut slowest) = (Duration::ZERO, Duration::ZERO);
    let mut rows = 0usize;
    let debug = std::env::var("OBJ_DEBUG").is_ok();
    for seed in SEEDS {
        let common::Demo {
            district: d,
            ds,
            file_proc,
        } = common::demo(seed);
        rows += ds.procedures.iter().map(|p| p.results.len()).sum::<usize>();

        let t0 = Instant::now();
        let mut cands = person_fit::candidates(&ds, &s);
        cands.extend(similarity::candidates(&ds, &s));
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
        let beats: BTreeSet<&str> = d
            .planted
            .iter()
            .filter(|p| p.pattern == "beats_context")
            .map(|p| p.school.as_str())
            .collect();
        for ind in inds {
            let tl = tally.entry(ind).or_default();
            let of_ind = || signs.iter().filter(move |x| x.candidate.indicator == ind);
            if ind == Indicator::PersonFit {
                // Not its pattern, but a difficulty inversion is an answer pattern that does not
                // fit: how often a class of the inverting school × procedure fires (printed only).
                for pl in d
                    .planted
                    .iter()
                    .filter(|p| p.pattern == "difficulty_inversion")
                {
                    let proc_id = file_proc.get(pl.file.as_str());
                    tl.planted += 1;
                    tl.found += of_ind().any(|x| {
                        x.fired
                            && x.candidate.school == pl.school
                            && Some(&x.candidate.procedure) == proc_id
                    }) as usize;
                }
            }
            if ind == Indicator::Similarity {
                for pl in d
                    .planted
                    .iter()
                    .filter(|p| p.pattern == "identical_vectors")
                {
                    let proc_id = file_proc
                        .get(pl.file.as_str())
                        .unwrap_or_else(|| panic!("planted file {} not imported", pl.file));
                    assert!(
                        pl.class.is_some(),
                        "identical vectors are planted in a class"
                    );
                    let unit = || {
                        of_ind().filter(|x| {
                            x.candidate.school == pl.school
                                && &x.candidate.procedure == proc_id
                                && x.candidate.class == pl.class
                        })
                    };
                    assert_eq!(
                        unit().count(),
                        1,
                        "seed {seed}: planted class {} {:?} {proc_id} tested once",
                        pl.school,
                        pl.class
                    );
                    let hit = unit().any(|x| x.fired);
                    tl.planted += 1;
                    tl.found += hit as usize;
                    if debug {
                        let what = if hit { "HIT" } else { "MISS" };
                        for x in unit() {
                            eprintln!(
                                "seed {seed} {what} {} {proc_id} {:?}: value {:.3} ref {:.3} n {} \
                                 p {:?} q {:?} effect {} {:?}",
                                pl.school,
                                pl.class,
                                x.candidate.value,
                                x.candidate.reference,
                                x.candidate.n,
                                x.candidate.p,
                                x.q,
                                x.candidate.effect,
                                x.candidate.evidence
                            );
                        }
                    }
                }
            }
            for x in of_ind().filter(|x| x.fired && dirty.contains(x.candidate.school.as_str())) {
                let pattern = d
                    .planted
                    .iter()
                    .find(|pl| {
                        pl.school == x.candidate.school
                            && file_proc.get(pl.file.as_str()) == Some(&x.candidate.procedure)
                    })
                    .map_or("elsewhere", |pl| pl.pattern.as_str());
                *tl.dirty_fired.entry(pattern.to_string()).or_default() += 1;
            }
            for x in of_ind().filter(|x| !dirty.contains(x.candidate.school.as_str())) {
                tl.clean_units += 1;
                tl.clean_fired += x.fired as usize;
                tl.clean_effect += x.candidate.effect as usize;
                tl.clean_significant += x.q.is_some_and(|q| q < s.alpha) as usize;
                if beats.contains(x.candidate.school.as_str()) {
                    tl.beats_units += 1;
                    tl.beats_fired += x.fired as usize;
                }
                if x.fired && debug {
                    eprintln!(
                        "seed {seed} FP {ind:?} {} {} {:?}: value {:.3} ref {:.3} thr {:.3} n {} \
                         p {:?} q {:?} {:?}",
                        x.candidate.school,
                        x.candidate.procedure,
                        x.candidate.class,
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
            // Every candidate is complete: a class unit, a p, a statistic in [0, 1].
            for x in of_ind() {
                let c = &x.candidate;
                assert!(c.class.is_some(), "the demo has classes");
                assert!((0.0..=1.0).contains(&c.value), "{c:?}");
                assert!(c.p.is_some_and(|p| (0.0..=1.0).contains(&p)), "{c:?}");
                assert!(c.n >= s.min_class);
                match &c.evidence {
                    Evidence::PersonFit {
                        above,
                        unit_hist,
                        district_hist,
                        p95,
                    } => {
                        assert_eq!(*above as f64 / c.n as f64, c.value);
                        assert_eq!((unit_hist.len(), district_hist.len()), (10, 10));
                        assert!((unit_hist.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                        assert!((0.0..=1.0).contains(p95));
                    }
                    Evidence::Similarity { groups, p99 } => {
                        assert!(groups.windows(2).all(|w| w[0] >= w[1]));
                        assert!(groups.iter().sum::<usize>() <= c.n);
                        assert_eq!(*p99, c.reference);
                    }
                    e => panic!("{e:?}"),
                }
            }
        }
    }
    let n_seeds = SEEDS.count() as u32;
    eprintln!(
        "person fit + identical vectors: {:.1} ms per district ({} rows) on average, {:.1} ms at \
         most ({n_seeds} seeds)",
        elapsed.as_secs_f64() * 1e3 / n_seeds as f64,
        rows / n_seeds as usize,
        slowest.as_secs_f64() * 1e3,
    );
    for (ind, t) in &tally {
        let target = match ind {
            Indicator::PersonFit => "difficulty_inversion units (not its own pattern)",
            _ => "identical_vectors classes",
        };
        eprintln!(
            "{ind:?}: recall on {target} {}/{} = {:.3}; false positives {}/{} clean classes = {:.4} \
             (effect conditions alone: {} = {:.3}; the test alone: {} = {:.3}); \
             beats-context classes fired {}/{}; fired in schools with a planted pattern {:?}",
            t.found,
            t.planted,
            t.found as f64 / t.planted.max(1) as f64,
            t.clean_fired,
            t.clean_units,
            t.clean_fired as f64 / t.clean_units.max(1) as f64,
            t.clean_effect,
            t.clean_effect as f64 / t.clean_units.max(1) as f64,
            t.clean_significant,
            t.clean_significant as f64 / t.clean_units.max(1) as f64,
            t.beats_fired,
            t.beats_units,
            t.dirty_fired
        );
    }
    // Person fit has no planted pattern of its own: its recall on inversions is only printed.
    let sim = &tally[&Indicator::Similarity];
    assert!(
        sim.planted >= 24,
        "identical vectors planted {}",
        sim.planted
    );
    assert!(
        sim.found as f64 >= 0.9 * sim.planted as f64,
        "identical vectors: recall {}/{}",
        sim.found,
        sim.planted
    );
    for (ind, t) in &tally {
        assert!(
            t.clean_units > 1000,
            "{ind:?}: {} clean classes",
            t.clean_units
        );
        assert!(
            t.clean_fired as f64 <= 0.02 * t.clean_units as f64,
            "{ind:?}: false positives {}/{}",
            t.clean_fired,
            t.clean_units
        );
    }
}
