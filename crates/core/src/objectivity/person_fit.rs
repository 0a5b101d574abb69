//! §3.6 Person fit. Tasks ordered by the district's difficulty; on full-credit indicators
//! (x_ij = 1 when pupil i has full marks on task j) a Guttman error is a pair of tasks where the
//! pupil failed the easier and solved the harder: G_i = #{(j, k): p_Rj > p_Rk, x_ij = 0,
//! x_ik = 1}, Gnormed_i = G_i / (r_i (k − r_i)) with r_i the pupil's full-credit count (pupils
//! with r_i = 0 or k have no Gnormed). A class is a sign when the number of its pupils above the
//! district's 95th percentile of Gnormed is significantly above 5 % (one-sided binomial) and at
//! least 3 pupils.

use super::units::{binomial_upper, classes, quantile};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::{Dataset, Procedure};
use crate::stats::tasks::score;

/// Minimum pupils above the percentile for a sign [P].
pub const MIN_ABOVE: usize = 3;

/// Gnormed of row `i` with tasks in `order` (easiest first); `None` for r = 0 or k.
pub fn gnormed(p: &Procedure, i: usize, order: &[usize]) -> Option<f64> {
    let k = p.tasks.len();
    let x: Vec<Option<bool>> = order
        .iter()
        .map(|&j| score(&p.results, k, i, j).map(|s| s >= p.tasks[j].max))
        .collect();
    if x.iter().any(Option::is_none) {
        return None;
    }
    let x: Vec<bool> = x.into_iter().flatten().collect();
    let r = x.iter().filter(|&&v| v).count();
    if r == 0 || r == k {
        return None;
    }
    // Errors: each solved task counts the easier tasks failed before it.
    let (mut failed_easier, mut g) = (0usize, 0usize);
    for &v in &x {
        if v {
            g += failed_easier;
        } else {
            failed_easier += 1;
        }
    }
    Some(g as f64 / (r * (k - r)) as f64)
}

fn tenths(v: &[f64]) -> Vec<f64> {
    let mut h = [0.0; 10];
    for &x in v {
        h[((x * 10.0) as usize).min(9)] += 1.0;
    }
    let n = v.len().max(1) as f64;
    h.iter().map(|c| c / n).collect()
}

/// One candidate per class with task scores.
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in &ds.procedures {
        let k = p.tasks.len();
        if k < 4 {
            continue;
        }
        let r = &p.results;
        let rows: Vec<usize> = (0..r.len()).filter(|&i| !r.absent[i]).collect();
        let success: Vec<f64> = (0..k)
            .map(|j| {
                let v: Vec<f64> = rows
                    .iter()
                    .filter_map(|&i| {
                        score(r, k, i, j).map(|x| x as f64 / p.tasks[j].max.max(1) as f64)
                    })
                    .collect();
                v.iter().sum::<f64>() / v.len().max(1) as f64
            })
            .collect();
        let mut order: Vec<usize> = (0..k).collect();
        order.sort_by(|&a, &b| success[b].total_cmp(&success[a]));
        let g: Vec<Option<f64>> = (0..r.len()).map(|i| gnormed(p, i, &order)).collect();
        let all: Vec<f64> = rows.iter().filter_map(|&i| g[i]).collect();
        let Some(p95) = quantile(&all, s.person_fit_percentile) else {
            continue;
        };
        let district_hist = tenths(&all);
        for u in classes(ds, p, s.min_class) {
            let v: Vec<f64> = u.rows.iter().filter_map(|&i| g[i]).collect();
            if v.len() < s.min_class {
                continue;
            }
            let above = v.iter().filter(|&&x| x > p95).count();
            let share = above as f64 / v.len() as f64;
            out.push(Candidate {
                indicator: Indicator::PersonFit,
                school: u.school.to_string(),
                procedure: p.key.id(),
                class: u.class.map(str::to_string),
                value: share,
                reference: s.person_fit_expected,
                threshold: p95,
                n: v.len(),
                p: Some(binomial_upper(
                    above as u64,
                    v.len() as u64,
                    s.person_fit_expected,
                )),
                effect: share > s.person_fit_expected && above >= MIN_ABOVE,
                evidence: Evidence::PersonFit {
                    above,
                    unit_hist: tenths(&v),
                    district_hist: district_hist.clone(),
                    p95,
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

    /// Four tasks in order of difficulty. Pattern 1100 (easy solved): G = 0. Pattern 0011 (the
    /// two hardest solved, the two easiest failed): each solved task counts 2 easier failures,
    /// G = 4, r = 2, Gnormed = 4 / (2 · 2) = 1. Pattern 0101: G = 1 + 2 = 3, Gnormed = 0.75.
    #[test]
    fn guttman_errors_by_hand() {
        let rows = vec![
            pupil(0, "5А", &[1, 1, 0, 0], None, None),
            pupil(0, "5А", &[0, 0, 1, 1], None, None),
            pupil(0, "5А", &[0, 1, 0, 1], None, None),
        ];
        let ds = dataset(1, rows);
        let p = &ds.procedures[0];
        let order = [0, 1, 2, 3];
        assert_eq!(gnormed(p, 0, &order), Some(0.0));
        assert_eq!(gnormed(p, 1, &order), Some(1.0));
        assert_eq!(gnormed(p, 2, &order), Some(0.75));
    }

    /// Nine schools of Guttman-consistent pupils and one class where half answer backwards.
    #[test]
    fn a_class_of_backward_patterns() {
        let mut rows = Vec::new();
        for s in 0..10u32 {
            for i in 0..12 {
                let sc: Vec<u8> = if s == 9 && i < 6 {
                    vec![0, 0, 1, 1, 1, 0]
                } else {
                    let r = 1 + i % 5;
                    (0..6).map(|j| (j < r) as u8).collect()
                };
                rows.push(pupil(s, "5А", &sc, None, None));
            }
        }
        let ds = dataset(10, rows);
        let c = candidates(&ds, &Settings::default());
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        let Evidence::PersonFit { above, .. } = &z.evidence else {
            panic!()
        };
        assert_eq!(*above, 6);
        assert!(z.effect && z.p.unwrap() < 1e-4);
        assert!(c.iter().filter(|c| c.school != "S9").all(|c| !c.effect));
    }
}
