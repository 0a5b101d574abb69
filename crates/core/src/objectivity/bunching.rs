//! §3.2 Bunching at mark thresholds. For each threshold t (the lowest primary score of «3», «4»,
//! «5»): k = n(X ∈ {t, t+1}), m = n(X ∈ {t−2, t−1}). Without bunching k ~ Binomial(k+m, q_R),
//! q_R from the rest of the district (pooled over the other schools, with ½ added to each count).
//! The unit's p is the smallest of its thresholds' one-sided p-values times the number of
//! thresholds tested (Bonferroni inside the unit; BH then works across units). Effect [P]:
//! k + m >= `bunching_min`, and B_t = ln((k+½)/(m+½)) − ln((k_R+½)/(m_R+½)) >= 1 (the unit's odds
//! of being just above rather than just below are at least e ≈ 2.7 times the district's). The
//! "hole" n(t−1) = 0 while n(t) >= 3 is reported with the evidence.

use super::units::{binomial_upper, schools};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::Dataset;
use crate::stats::primary_histogram;

/// Minimum effect B_t [P].
pub const MIN_EFFECT: f64 = 1.0;

fn around(h: &[usize], t: usize) -> (usize, usize) {
    let at = |x: usize| h.get(x).copied().unwrap_or(0);
    let k = at(t) + at(t + 1);
    let m = if t >= 2 { at(t - 2) } else { 0 } + if t >= 1 { at(t - 1) } else { 0 };
    (k, m)
}

/// One candidate per school × procedure with a scale.
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in &ds.procedures {
        let Some(scale) = p.scale else { continue };
        let all: Vec<usize> = (0..p.results.len()).collect();
        let district = primary_histogram(p, &all);
        if district.n == 0 {
            continue;
        }
        let thresholds: Vec<(u8, usize)> = [(3u8, scale.mark3), (4, scale.mark4), (5, scale.mark5)]
            .into_iter()
            .filter(|(_, t)| t.is_finite() && *t >= 2.0 && (*t as usize) < district.counts.len())
            .map(|(m, t)| (m, t.ceil() as usize))
            .collect();
        if thresholds.is_empty() {
            continue;
        }
        for u in schools(ds, p, s.min_unit) {
            let h = primary_histogram(p, &u.rows);
            let mut best: Option<(f64, Evidence, f64, usize, f64)> = None;
            for &(mark, t) in &thresholds {
                let (k, m) = around(&h.counts, t);
                let (kd, md) = around(&district.counts, t);
                let (kr, mr) = (kd - k, md - m);
                let q = (kr as f64 + 0.5) / ((kr + mr) as f64 + 1.0);
                let pv = binomial_upper(k as u64, (k + m) as u64, q);
                let effect = ((k as f64 + 0.5) / (m as f64 + 0.5)).ln()
                    - ((kr as f64 + 0.5) / (mr as f64 + 0.5)).ln();
                let hole = t >= 1
                    && h.counts.get(t - 1) == Some(&0)
                    && h.counts.get(t).is_some_and(|&x| x >= 3);
                if best.as_ref().is_none_or(|b| pv < b.0) {
                    best = Some((
                        pv,
                        Evidence::Bunching {
                            mark,
                            threshold: t as u32,
                            above: k,
                            below: m,
                            district_above: kr,
                            district_below: mr,
                            effect,
                            hole,
                            unit_counts: h.counts.clone(),
                            district_counts: district.counts.clone(),
                        },
                        effect,
                        k + m,
                        q,
                    ));
                }
            }
            let Some((pv, evidence, effect, km, q)) = best else {
                continue;
            };
            out.push(Candidate {
                indicator: Indicator::Bunching,
                school: u.school.to_string(),
                procedure: p.key.id(),
                class: None,
                value: effect,
                reference: q,
                threshold: MIN_EFFECT,
                n: km,
                p: Some((pv * thresholds.len() as f64).min(1.0)),
                effect: km >= s.bunching_min && effect >= MIN_EFFECT,
                evidence,
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

    /// Ten tasks of 1 point, «3» from 5. Schools S0–S8: 4 pupils at each score 3, 4, 5, 6; school
    /// S9: nobody at 3–4, 12 pupils at 5–6. S9: k = 12, m = 0; the rest: k_R = m_R = 72, so
    /// q = 72.5/145 = 0.5 and p = 0.5^12 = 2.44e-4 (×1 threshold tested: «4» and «5» lie beyond
    /// the scores); B = ln(12.5/0.5) − ln(72.5/72.5) = 3.22.
    #[test]
    fn a_peak_just_above_the_threshold() {
        let mut rows = Vec::new();
        let vec_of = |x: usize| -> Vec<u8> { (0..10).map(|j| (j < x) as u8).collect() };
        for s in 0..10u32 {
            let scores: Vec<usize> = if s == 9 {
                vec![5; 6].into_iter().chain(vec![6; 6]).collect()
            } else {
                [3, 4, 5, 6].iter().flat_map(|&x| vec![x; 4]).collect()
            };
            for x in scores {
                rows.push(pupil(s, "5А", &vec_of(x), Some(3), None));
            }
        }
        let scale = Scale {
            mark3: 5.0,
            mark4: 11.0,
            mark5: 12.0,
            source: ScaleSource::User,
        };
        let ds = with_procedures(10, vec![procedure(2025, rows, Some(scale))]);
        let c = candidates(&ds, &Settings::default());
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        assert!((z.p.unwrap() - 0.5f64.powi(12)).abs() < 1e-12, "{:?}", z.p);
        assert!((z.value - ((12.5f64 / 0.5).ln())).abs() < 1e-12);
        assert!(z.effect);
        let Evidence::Bunching {
            above, below, hole, ..
        } = &z.evidence
        else {
            panic!()
        };
        assert_eq!((*above, *below, *hole), (12, 0, true));
        let clean = c.iter().find(|c| c.school == "S0").unwrap();
        assert!(!clean.effect && clean.p.unwrap() > 0.1);
    }
}
