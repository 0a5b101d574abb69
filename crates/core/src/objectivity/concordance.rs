//! §3.1 Journal concordance: D = mark − journal mark. A school whose share of «повысили» (the
//! work's mark above the journal) is significantly above the rest of the district (one-sided
//! binomial test against the pooled rate of the other schools) and at or above the district's
//! 90th percentile of school shares. The mirror image («понизили» high: the journal marks are
//! inflated) concerns the school's current marks rather than the procedure's results; it is
//! shown in the drill-down's concordance section and the evidence, not raised as a sign here
//! (the demo's ordinary lenient-journal schools would otherwise be marked).

use super::units::{binomial_upper, quantile, schools};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::Dataset;

/// [lowered, confirmed, raised, two_plus] counts and n over `rows` with both marks.
fn counts(marks: &[Option<u8>], journal: &[Option<u8>], rows: &[usize]) -> ([usize; 4], usize) {
    let mut c = [0usize; 4];
    let mut n = 0;
    for &i in rows {
        if let (Some(m), Some(j)) = (marks[i], journal[i]) {
            let d = m as i32 - j as i32;
            n += 1;
            c[if d < 0 {
                0
            } else if d == 0 {
                1
            } else {
                2
            }] += 1;
            c[3] += (d.abs() >= 2) as usize;
        }
    }
    (c, n)
}

fn shares(c: [usize; 4], n: usize) -> [f64; 4] {
    let n = n.max(1) as f64;
    c.map(|x| x as f64 / n)
}

/// One candidate per school × procedure × direction.
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in &ds.procedures {
        let r = &p.results;
        let units = schools(ds, p, s.min_unit);
        let per: Vec<([usize; 4], usize)> = units
            .iter()
            .map(|u| counts(&r.mark, &r.journal, &u.rows))
            .collect();
        let total: ([usize; 4], usize) = per.iter().fold(([0; 4], 0), |mut a, (c, n)| {
            for (t, x) in a.0.iter_mut().zip(c) {
                *t += x;
            }
            a.1 += n;
            a
        });
        if total.1 == 0 {
            continue;
        }
        for (raised, k) in [(true, 2usize)] {
            let unit_shares: Vec<f64> = per
                .iter()
                .filter(|(_, n)| *n >= s.min_unit)
                .map(|(c, n)| c[k] as f64 / *n as f64)
                .collect();
            let Some(p90) = quantile(&unit_shares, s.concordance_percentile) else {
                continue;
            };
            for (u, (c, n)) in units.iter().zip(&per) {
                if *n < s.min_unit {
                    continue;
                }
                // The rest of the district: pooled over the other schools.
                let rest_n = total.1 - n;
                let rest_k = total.0[k] - c[k];
                if rest_n == 0 {
                    continue;
                }
                let rate = rest_k as f64 / rest_n as f64;
                let share = c[k] as f64 / *n as f64;
                let district = shares([0, 1, 2, 3].map(|x| total.0[x] - c[x]), rest_n);
                out.push(Candidate {
                    indicator: Indicator::Concordance,
                    school: u.school.to_string(),
                    procedure: p.key.id(),
                    class: None,
                    value: share,
                    reference: rate,
                    threshold: p90,
                    n: *n,
                    p: Some(binomial_upper(c[k] as u64, *n as u64, rate)),
                    effect: share > rate && share >= p90,
                    evidence: Evidence::Concordance {
                        unit: shares(*c, *n),
                        district,
                        p90,
                        raised,
                    },
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objectivity::testutil::{dataset, pupil};

    /// Nine schools where 2 of 20 pupils got a mark above the journal; school Z where 16 of 20
    /// did. Z's p is the exact tail P(X >= 16 | n = 20, p = 18/180 = 0.1) = 3.2634676e-13
    /// (Σ C(20, i) 0.1^i 0.9^(20−i), i >= 16, Python's math.comb).
    #[test]
    fn a_school_raising_marks_stands_out() {
        let mut rows = Vec::new();
        for s in 0..10u32 {
            let raised = if s == 9 { 16 } else { 2 };
            for i in 0..20 {
                let journal = if i < raised { 3 } else { 4 };
                rows.push(pupil(s, "5А", &[1, 1], Some(4), Some(journal)));
            }
        }
        let ds = dataset(10, rows);
        let c = candidates(&ds, &Settings::default());
        let z: Vec<_> = c.iter().filter(|c| c.school == "S9").collect();
        let up = z
            .iter()
            .find(|c| matches!(c.evidence, Evidence::Concordance { raised: true, .. }))
            .unwrap();
        assert!((up.value - 0.8).abs() < 1e-12);
        assert!((up.reference - 0.1).abs() < 1e-12);
        assert!(
            (up.p.unwrap() - 3.263_467_6e-13).abs() < 1e-18,
            "{:?}",
            up.p
        );
        assert!(up.effect);
        let clean = c
            .iter()
            .find(|c| {
                c.school == "S0" && matches!(c.evidence, Evidence::Concordance { raised: true, .. })
            })
            .unwrap();
        assert!(!clean.effect);
        assert!(clean.p.unwrap() > 0.3);
    }
}
