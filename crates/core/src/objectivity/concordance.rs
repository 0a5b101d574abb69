//! §3.1 Journal concordance. D = mark for the work − journal mark over the unit's participants
//! with both marks (1..=5, [`crate::stats::concordance`]); groups [S]: «понизили» (D < 0),
//! «подтвердили» (D = 0), «повысили» (D > 0), |D| >= 2.
//!
//! Rule [P]. The unit is a school × procedure with at least `min_unit` participants with both
//! marks. Two directions are tested:
//! * «повысили» (the work's mark above the journal: the work was marked leniently);
//! * «понизили» (the work's mark below the journal: the journal marks are inflated).
//!
//! For a direction with count k among the unit's n pupils, the reference rate R is pooled over
//! the rest of the district (every participant of the procedure outside the school, small schools
//! included; with ½ added to the count and 1 to the total so that a district where nobody is in
//! the group does not make one pupil infinitely significant): R = (k_R + ½)/(n_R + 1). Leaving the
//! unit out keeps a large school from lowering its own yardstick. p = P(X >= k), X ~ Bin(n, R)
//! (one-sided). Effect: share k/n > R and share >= the `concordance_percentile` (90th) quantile of
//! the shares of the district's testable units.
//!
//! One candidate per unit: the direction whose effect holds (if both or neither, the one with the
//! smaller p; ties go to «повысили»), with p doubled (Bonferroni over the two directions; BH then
//! works across units). The candidate's `value` is the unit's share of that direction,
//! `reference` R, `threshold` the percentile, `n` the pupils with both marks; the evidence holds
//! all four shares of the unit and of the rest of the district.

use super::units::{binomial_upper, quantile, schools};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::Dataset;
use crate::stats::{concordance, participant_rows, Concordance};

/// [lowered, confirmed, raised, two_plus] counts.
fn counts(c: &Concordance) -> [usize; 4] {
    [c.n_lowered, c.n_confirmed, c.n_raised, c.n_two_plus]
}

fn shares(c: [usize; 4], n: usize) -> [f64; 4] {
    let n = n.max(1) as f64;
    c.map(|x| x as f64 / n)
}

/// The test of one direction (`k` = index into the counts: 0 lowered, 2 raised).
struct Direction {
    raised: bool,
    share: f64,
    rate: f64,
    p: f64,
    pct: f64,
    effect: bool,
}

/// One candidate per school × procedure with journal marks (see the module's rule).
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in &ds.procedures {
        let r = &p.results;
        let Some(district) = concordance(r, &participant_rows(r)) else {
            continue;
        };
        let dc = counts(&district);
        let units: Vec<(&str, [usize; 4], usize)> = schools(ds, p, s.min_unit)
            .into_iter()
            .filter_map(|u| {
                let c = concordance(r, &u.rows)?;
                (c.n >= s.min_unit).then(|| (u.school, counts(&c), c.n))
            })
            .collect();
        // The district's percentile of each direction's share over the testable units.
        let pct = |k: usize| {
            let v: Vec<f64> = units
                .iter()
                .map(|(_, c, n)| c[k] as f64 / *n as f64)
                .collect();
            quantile(&v, s.concordance_percentile)
        };
        let (Some(p_lowered), Some(p_raised)) = (pct(0), pct(2)) else {
            continue;
        };
        for (school, c, n) in &units {
            let rest_n = district.n - n;
            if rest_n == 0 {
                continue;
            }
            let rest: [usize; 4] = [0, 1, 2, 3].map(|x| dc[x] - c[x]);
            let test = |k: usize, raised: bool, pct: f64| {
                let share = c[k] as f64 / *n as f64;
                let rate = (rest[k] as f64 + 0.5) / (rest_n as f64 + 1.0);
                Direction {
                    raised,
                    share,
                    rate,
                    p: binomial_upper(c[k] as u64, *n as u64, rate),
                    pct,
                    effect: share > rate && share >= pct,
                }
            };
            let up = test(2, true, p_raised);
            let down = test(0, false, p_lowered);
            let d = if up.effect != down.effect {
                if up.effect {
                    up
                } else {
                    down
                }
            } else if down.p < up.p {
                down
            } else {
                up
            };
            out.push(Candidate {
                indicator: Indicator::Concordance,
                school: school.to_string(),
                procedure: p.key.id(),
                class: None,
                value: d.share,
                reference: d.rate,
                threshold: d.pct,
                n: *n,
                p: Some((2.0 * d.p).min(1.0)),
                effect: d.effect,
                evidence: Evidence::Concordance {
                    unit: shares(*c, *n),
                    district: shares(rest, rest_n),
                    p90: d.pct,
                    raised: d.raised,
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objectivity::testutil::{dataset, pupil};

    /// Ten schools of 20 pupils with a mark of 4. In S0–S8, 2 pupils have a journal 3
    /// («повысили») and 4 a journal 5 («понизили»); in S9, 16 have a journal 3 (two of them a
    /// journal 2: |D| = 2) and the other 4 a journal 4.
    fn district() -> Dataset {
        let mut rows = Vec::new();
        for s in 0..10u32 {
            for i in 0..20 {
                let journal = match (s, i) {
                    (9, 0..=1) => 2,
                    (9, 2..=15) => 3,
                    (9, _) => 4,
                    (_, 0..=1) => 3,
                    (_, 2..=5) => 5,
                    _ => 4,
                };
                rows.push(pupil(s, "5А", &[1, 1], Some(4), Some(journal)));
            }
        }
        dataset(10, rows)
    }

    /// S9: k = 16 of n = 20 raised; the rest of the district 18 of 180, R = 18.5/181. p is twice
    /// the exact tail Σ_{i>=16} C(20, i) R^i (1−R)^(20−i) (Python, math.comb and fractions):
    /// 2 × 3.7346457408e-13 = 7.4692914816e-13.
    #[test]
    fn a_school_raising_marks_stands_out() {
        let c = candidates(&district(), &Settings::default());
        assert_eq!(c.len(), 10, "one candidate per school");
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        let Evidence::Concordance {
            unit,
            district,
            raised,
            p90,
        } = z.evidence
        else {
            panic!()
        };
        assert!(raised);
        assert_eq!(unit, [0.0, 0.2, 0.8, 0.1]);
        assert_eq!(district, [0.2, 0.7, 0.1, 0.0]);
        // Shares of raised: nine schools at 0.1 and S9 at 0.8: numpy.quantile(…, 0.9) = 0.17.
        assert!((p90 - 0.17).abs() < 1e-12 && z.threshold == p90);
        assert!((z.value - 0.8).abs() < 1e-12);
        assert!((z.reference - 18.5 / 181.0).abs() < 1e-15);
        let p = z.p.unwrap();
        assert!((p - 7.469_291_481_6e-13).abs() < 1e-21, "{p:e}");
        assert!(z.effect && z.n == 20);

        let signs = crate::objectivity::decide(c.clone(), &Settings::default());
        let fired: Vec<&str> = signs
            .iter()
            .filter(|s| s.fired)
            .map(|s| s.candidate.school.as_str())
            .collect();
        assert_eq!(fired, ["S9"]);
        // A clean school: neither direction stands out.
        let clean = c.iter().find(|c| c.school == "S0").unwrap();
        assert!(!clean.effect && clean.p.unwrap() > 0.3);
    }

    /// Inflated journal marks: S9's 14 of 20 pupils got a mark below the journal.
    #[test]
    fn inflated_journal_marks_are_the_other_direction() {
        let mut rows = Vec::new();
        for s in 0..10u32 {
            for i in 0..20 {
                let journal = if i < if s == 9 { 14 } else { 3 } { 5 } else { 4 };
                rows.push(pupil(s, "5А", &[1, 1], Some(4), Some(journal)));
            }
        }
        let c = candidates(&dataset(10, rows), &Settings::default());
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        assert!(matches!(z.evidence, Evidence::Concordance { raised: false, .. }));
        assert!((z.value - 0.7).abs() < 1e-12 && z.effect);
        assert!(z.p.unwrap() < 1e-8);
    }

    /// Units below `min_unit` pupils with both marks give no candidate.
    #[test]
    fn small_units_are_not_tested() {
        let mut rows = Vec::new();
        for s in 0..3u32 {
            for i in 0..12 {
                let journal = (s != 2 || i < 5).then_some(4);
                rows.push(pupil(s, "5А", &[1, 1], Some(4), journal));
            }
        }
        let c = candidates(&dataset(3, rows), &Settings::default());
        let schools: Vec<&str> = c.iter().map(|c| c.school.as_str()).collect();
        assert_eq!(schools, ["S0", "S1"]);
    }
}
