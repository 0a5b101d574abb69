//! §3.2 Bunching of primary scores just above a mark threshold.
//!
//! Rule [S2 idea, P formula]. For each threshold of the procedure's scale, t = the lowest
//! whole primary score of «3», «4», «5» (⌈mark_t⌉; thresholds with t < 2 or t + 1 above the
//! maximum are skipped, as are procedures without a scale or primary scores): k = n(X ∈ {t,
//! t+1}), m = n(X ∈ {t−2, t−1}) in the unit (school × procedure with at least `min_unit`
//! participants). Without bunching k ~ Binomial(k + m, q_R) where q_R = (k_R + ½)/(k_R + m_R + 1)
//! from the rest of the district (every participant outside the school; leaving the school out
//! keeps a large bunching school from raising its own yardstick, ½ keeps q_R inside (0, 1));
//! p_t = P(X >= k) (one-sided).
//!
//! Effect: k + m >= `bunching_min` and B_t = ln((k+½)/(m+½)) − ln((k_R+½)/(m_R+½)) >=
//! `bunching_min_effect` = 1 [P, ours]: the odds of being just above rather than just below are at
//! least e ≈ 2.7 times the district's. Each threshold's p is also taken against the spread of
//! B_t over the procedure's units with enough works there ([`super::spread`]; se of B_t = √(Σ
//! 1/(count + ½)) over the four counts), and the larger p stands. The binomial test compares with the district's slope of the
//! histogram at t; a large school whose distribution merely rises more steeply there (a strong
//! school near «3») can be significant without bunching, and the effect size keeps it out.
//!
//! One candidate per unit: the threshold where the effect holds with the smallest p_t (when it
//! holds nowhere, the smallest p_t), with p = min(1, p_t × the number of thresholds with
//! k + m >= `bunching_min`, at least 1): Bonferroni inside the unit, so choosing the best
//! threshold is paid for; thresholds with fewer works cannot give a sign and the test is
//! conditional on k + m, so they are not counted. BH then works across the units. A unit with no
//! work near any threshold (k + m = 0 everywhere) gives no candidate.
//!
//! The candidate: `value` = the unit's share just above, k / (k + m); `reference` =
//! k_R / (k_R + m_R); `threshold` = the share at which B_t reaches `bunching_min_effect` for this
//! k + m (value >= threshold ⇔ B_t >= the minimum); `n` = k + m. The evidence holds both counts, B_t,
//! the "hole" (n(t−1) = 0 while n(t) >= 3) and the histograms of the unit and of the rest of the
//! district ([`primary_histogram`]).

use super::spread::{self, Spread};
use super::units::{binomial_upper, schools};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::Dataset;
use crate::stats::{participant_rows, primary_histogram};

/// (k, m) around threshold `t` in a histogram.
fn around(h: &[usize], t: usize) -> (usize, usize) {
    let at = |x: usize| h.get(x).copied().unwrap_or(0);
    (at(t) + at(t + 1), at(t - 2) + at(t - 1))
}

/// B_t from the unit's and the reference's counts.
fn effect(k: usize, m: usize, kr: usize, mr: usize) -> f64 {
    let lo = |a: usize, b: usize| ((a as f64 + 0.5) / (b as f64 + 0.5)).ln();
    lo(k, m) - lo(kr, mr)
}

/// Sampling error of B_t: √(Σ 1/(count + ½)) over the four counts (the log odds ratio's).
fn effect_se(k: usize, m: usize, kr: usize, mr: usize) -> f64 {
    [k, m, kr, mr]
        .iter()
        .map(|&x| 1.0 / (x as f64 + 0.5))
        .sum::<f64>()
        .sqrt()
}

/// The share k / n at which B_t = `min` given n = k + m and the reference counts:
/// (k+½)/(n−k+½) = c with c = e^min (k_R+½)/(m_R+½), so k = (c (n+½) − ½)/(1 + c).
fn share_at_min_effect(min: f64, n: usize, kr: usize, mr: usize) -> f64 {
    let c = min.exp() * (kr as f64 + 0.5) / (mr as f64 + 0.5);
    let k = (c * (n as f64 + 0.5) - 0.5) / (1.0 + c);
    k / n.max(1) as f64
}

/// The test at one threshold.
struct AtThreshold {
    mark: u8,
    t: usize,
    k: usize,
    m: usize,
    kr: usize,
    mr: usize,
    /// The exact binomial p.
    p: f64,
    /// The larger of `p` and the p against the spread of B_t over the procedure's units.
    p_spread: f64,
    b: f64,
    se: f64,
    effect: bool,
}

/// One candidate per school × procedure with a scale (see the module's rule).
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in &ds.procedures {
        let Some(scale) = p.scale else { continue };
        let district = primary_histogram(p, &participant_rows(&p.results));
        if district.n == 0 {
            continue;
        }
        let mut thresholds: Vec<(u8, usize)> =
            [(3u8, scale.mark3), (4, scale.mark4), (5, scale.mark5)]
                .into_iter()
                .filter(|(_, t)| t.is_finite() && *t >= 0.0)
                .map(|(mark, t)| (mark, (t - 1e-9).ceil() as usize))
                .filter(|&(_, t)| t >= 2 && t < district.max_total)
                .collect();
        thresholds.dedup_by_key(|x| x.1);
        if thresholds.is_empty() {
            continue;
        }
        struct Tested<'a> {
            school: &'a str,
            counts: Vec<usize>,
            rest: Vec<usize>,
            tests: Vec<AtThreshold>,
        }
        let mut units: Vec<Tested> = Vec::new();
        for u in schools(ds, p, s.min_unit) {
            let h = primary_histogram(p, &u.rows);
            if h.n < s.min_unit {
                continue;
            }
            let rest: Vec<usize> = district
                .counts
                .iter()
                .zip(h.counts.iter().chain(std::iter::repeat(&0)))
                .map(|(d, u)| d - u)
                .collect();
            let tests: Vec<AtThreshold> = thresholds
                .iter()
                .map(|&(mark, t)| {
                    let (k, m) = around(&h.counts, t);
                    let (kr, mr) = around(&rest, t);
                    let q = (kr as f64 + 0.5) / ((kr + mr) as f64 + 1.0);
                    let b = effect(k, m, kr, mr);
                    let p = binomial_upper(k as u64, (k + m) as u64, q);
                    AtThreshold {
                        mark,
                        t,
                        k,
                        m,
                        kr,
                        mr,
                        p,
                        p_spread: p,
                        b,
                        se: effect_se(k, m, kr, mr),
                        effect: k + m >= s.bunching_min && b >= s.bunching_min_effect,
                    }
                })
                .collect();
            if tests.iter().all(|x| x.k + x.m == 0) {
                continue;
            }
            units.push(Tested {
                school: u.school,
                counts: h.counts,
                rest,
                tests,
            });
        }
        // The spread of B_t at each threshold over the units with enough works around it.
        let spreads: Vec<Option<Spread>> = (0..thresholds.len())
            .map(|ti| {
                let xs: Vec<(f64, f64)> = units
                    .iter()
                    .map(|u| &u.tests[ti])
                    .filter(|x| x.k + x.m >= s.bunching_min)
                    .map(|x| (x.b, x.se))
                    .collect();
                s.spread.then(|| Spread::fit(&xs)).flatten()
            })
            .collect();
        for u in &mut units {
            for (x, sp) in u.tests.iter_mut().zip(&spreads) {
                let ps = sp.and_then(|sp| sp.p_beyond(x.p, x.se));
                x.p_spread = spread::combine(Some(x.p), ps).unwrap_or(1.0);
            }
        }
        for u in units {
            let tests = &u.tests;
            let bi = (0..tests.len())
                .min_by(|&a, &b| {
                    let (a, b) = (&tests[a], &tests[b]);
                    b.effect
                        .cmp(&a.effect)
                        .then(a.p_spread.total_cmp(&b.p_spread))
                })
                .expect("thresholds are not empty");
            let best = &tests[bi];
            let hole = u.counts.get(best.t - 1) == Some(&0)
                && u.counts.get(best.t).is_some_and(|&x| x >= 3);
            let n = best.k + best.m;
            let looks = tests
                .iter()
                .filter(|x| x.k + x.m >= s.bunching_min)
                .count()
                .max(1) as f64;
            out.push(Candidate {
                indicator: Indicator::Bunching,
                school: u.school.to_string(),
                procedure: p.key.id(),
                class: None,
                value: best.k as f64 / n.max(1) as f64,
                reference: best.kr as f64 / (best.kr + best.mr).max(1) as f64,
                threshold: share_at_min_effect(s.bunching_min_effect, n, best.kr, best.mr),
                n,
                size: best.b,
                se: Some(best.se),
                spread: spreads[bi],
                p_sampling: Some((best.p * looks).min(1.0)),
                p: Some((best.p_spread * looks).min(1.0)),
                effect: best.effect,
                evidence: Evidence::Bunching {
                    mark: best.mark,
                    threshold: best.t as u32,
                    above: best.k,
                    below: best.m,
                    district_above: best.kr,
                    district_below: best.mr,
                    effect: best.b,
                    hole,
                    unit_counts: u.counts,
                    district_counts: u.rest,
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Scale, ScaleSource};
    use crate::objectivity::testutil::{procedure, pupil, with_procedures};

    /// Ten tasks of 1 point; «3» from 5, «4» from 7, «5» from 9 (9 + 1 = 10 is the maximum, so
    /// «5» is tested too). Schools S0–S8: 4 pupils at each score 3, 4, 5, 6, 7, 8; school S9:
    /// nobody at 3 and 4 (just below «3»), 8 pupils at 5 and at 6, 3 at 7 and at 8.
    fn district() -> Dataset {
        let mut rows = Vec::new();
        let vec_of = |x: usize| -> Vec<u8> { (0..10).map(|j| (j < x) as u8).collect() };
        for s in 0..10u32 {
            let per_score: [(usize, usize); 6] = if s == 9 {
                [(3, 0), (4, 0), (5, 8), (6, 8), (7, 3), (8, 3)]
            } else {
                [(3, 4), (4, 4), (5, 4), (6, 4), (7, 4), (8, 4)]
            };
            for (x, times) in per_score {
                for _ in 0..times {
                    rows.push(pupil(s, "5А", &vec_of(x), Some(3), None));
                }
            }
        }
        let scale = Scale {
            mark3: 5.0,
            mark4: 7.0,
            mark5: 9.0,
            source: ScaleSource::User,
        };
        with_procedures(10, vec![procedure(2025, rows, Some(scale))])
    }

    /// S9 at «3» (t = 5): k = 16, m = 0; the rest k_R = m_R = 72, q = 72.5/145 = ½, so
    /// p_t = ½^16 = 1.52587890625e-05 (Python: sum of math.comb(16, i) / 2**16 over i >= 16) and
    /// p = 2 × p_t = 3.0517578125e-05: «4» (t = 7: k = 6, m = 16, no effect) also has 10 works or
    /// more, «5» (t = 9: k = 0, m = 6) has not. B = ln(16.5/0.5) − 0 = ln 33.
    #[test]
    fn a_peak_just_above_the_threshold() {
        let c = candidates(&district(), &Settings::default());
        assert_eq!(c.len(), 10);
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        assert!(
            (z.p.unwrap() - 3.051_757_812_5e-5).abs() < 1e-15,
            "{:?}",
            z.p
        );
        assert!(z.effect && z.n == 16);
        assert_eq!((z.value, z.reference), (1.0, 0.5));
        // B_t = 1 at k = (e·(16.5) − ½)/(1 + e) of 16.
        let e = 1f64.exp();
        assert!((z.threshold - (e * 16.5 - 0.5) / (1.0 + e) / 16.0).abs() < 1e-12);
        let Evidence::Bunching {
            mark,
            threshold,
            above,
            below,
            district_above,
            district_below,
            effect,
            hole,
            unit_counts,
            district_counts,
        } = &z.evidence
        else {
            panic!()
        };
        assert_eq!((*mark, *threshold), (3, 5));
        assert_eq!(
            (*above, *below, *district_above, *district_below),
            (16, 0, 72, 72)
        );
        assert!((effect - 33f64.ln()).abs() < 1e-12);
        assert!(hole);
        assert_eq!(unit_counts, &[0, 0, 0, 0, 0, 8, 8, 3, 3, 0, 0]);
        assert_eq!(district_counts, &[0, 0, 0, 36, 36, 36, 36, 36, 36, 0, 0]);

        let signs = crate::objectivity::decide(c.clone(), &Settings::default());
        let fired: Vec<&str> = signs
            .iter()
            .filter(|s| s.fired)
            .map(|s| s.candidate.school.as_str())
            .collect();
        assert_eq!(fired, ["S9"]);
        let clean = c.iter().find(|c| c.school == "S0").unwrap();
        assert!(!clean.effect && clean.p.unwrap() > 0.1);
    }

    /// A procedure without a scale is not tested.
    #[test]
    fn no_scale_no_candidates() {
        let mut ds = district();
        ds.procedures[0].scale = None;
        assert!(candidates(&ds, &Settings::default()).is_empty());
    }
}
