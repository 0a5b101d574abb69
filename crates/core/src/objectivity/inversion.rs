//! §3.3 Difficulty inversion: easy tasks done worse and hard tasks better than the district.
//! d_j = p_gj − p_Rj (success of the unit minus the rest of the district); DI = mean of d over
//! П/В tasks − mean of d over Б tasks (without levels: the district's hardest and easiest thirds).
//! Test [P]: per pupil y_i = (mean share on hard tasks) − (mean share on basic tasks); a one-sided
//! z-test of mean(y) in the unit against the same contrast in the rest of the district (normal
//! approximation, deterministic). Effect: the basic mean of d below 0, the hard mean above 0, and
//! DI at or above the `inversion_percentile` of the district's units.

use super::units::{quantile, schools};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::{Dataset, Procedure, TaskLevel};
use crate::stats::tasks::score;
use statrs::distribution::{ContinuousCDF, Normal};

/// Task groups: (basic, hard) indices and a label per task (level letter or tercile).
fn groups(p: &Procedure, success: &[f64]) -> (Vec<usize>, Vec<usize>, Vec<String>) {
    let k = p.tasks.len();
    if p.tasks.iter().all(|t| t.level.is_some()) {
        let basic = (0..k)
            .filter(|&j| p.tasks[j].level == Some(TaskLevel::Basic))
            .collect();
        let hard = (0..k)
            .filter(|&j| p.tasks[j].level != Some(TaskLevel::Basic))
            .collect();
        let labels = p
            .tasks
            .iter()
            .map(|t| t.level.map(|l| l.letter().to_string()).unwrap_or_default())
            .collect();
        return (basic, hard, labels);
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| success[b].total_cmp(&success[a]));
    let third = k / 3;
    let basic: Vec<usize> = order[..third].to_vec();
    let hard: Vec<usize> = order[k - third..].to_vec();
    let labels = (0..k)
        .map(|j| {
            if basic.contains(&j) {
                "1/3".into()
            } else if hard.contains(&j) {
                "3/3".into()
            } else {
                "2/3".into()
            }
        })
        .collect();
    (basic, hard, labels)
}

/// Per-task points and counts over rows.
fn sums(p: &Procedure, rows: &[usize]) -> (Vec<f64>, Vec<f64>) {
    let k = p.tasks.len();
    let (mut pts, mut n) = (vec![0.0; k], vec![0.0; k]);
    for &i in rows {
        for j in 0..k {
            if let Some(x) = score(&p.results, k, i, j) {
                pts[j] += x as f64 / p.tasks[j].max.max(1) as f64;
                n[j] += 1.0;
            }
        }
    }
    (pts, n)
}

/// The pupil's hard-minus-basic contrast.
fn contrast(p: &Procedure, i: usize, basic: &[usize], hard: &[usize]) -> Option<f64> {
    let k = p.tasks.len();
    let mean = |js: &[usize]| -> Option<f64> {
        let v: Vec<f64> = js
            .iter()
            .filter_map(|&j| {
                score(&p.results, k, i, j).map(|x| x as f64 / p.tasks[j].max.max(1) as f64)
            })
            .collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    Some(mean(hard)? - mean(basic)?)
}

fn mean_var(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (m, var)
}

/// One candidate per school × procedure with tasks.
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    let normal = Normal::standard();
    for p in &ds.procedures {
        let k = p.tasks.len();
        if k < 3 {
            continue;
        }
        let units = schools(ds, p, s.min_unit);
        if units.len() < 3 {
            continue;
        }
        let all: Vec<usize> = units.iter().flat_map(|u| u.rows.iter().copied()).collect();
        let (tp, tn) = sums(p, &all);
        let success: Vec<f64> = (0..k).map(|j| tp[j] / tn[j].max(1.0)).collect();
        let (basic, hard, labels) = groups(p, &success);
        if basic.is_empty() || hard.is_empty() {
            continue;
        }
        let y_all: Vec<Option<f64>> = (0..p.results.len())
            .map(|i| contrast(p, i, &basic, &hard))
            .collect();
        let ys: Vec<f64> = all.iter().filter_map(|&i| y_all[i]).collect();
        let (sum_all, n_all) = (ys.iter().sum::<f64>(), ys.len());
        struct U {
            school: String,
            di: f64,
            bd: f64,
            hd: f64,
            z: f64,
            n: usize,
            tasks: Vec<(String, String, f64, f64)>,
        }
        let mut rows_u: Vec<U> = Vec::new();
        for u in &units {
            let (up, un) = sums(p, &u.rows);
            let d: Vec<f64> = (0..k)
                .map(|j| {
                    let rest = (tp[j] - up[j]) / (tn[j] - un[j]).max(1.0);
                    up[j] / un[j].max(1.0) - rest
                })
                .collect();
            let avg = |js: &[usize]| js.iter().map(|&j| d[j]).sum::<f64>() / js.len() as f64;
            let (bd, hd) = (avg(&basic), avg(&hard));
            let y: Vec<f64> = u.rows.iter().filter_map(|&i| y_all[i]).collect();
            let rest_n = n_all - y.len();
            if y.len() < 2 || rest_n < 2 {
                continue;
            }
            let (my, vy) = mean_var(&y);
            let mr = (sum_all - y.iter().sum::<f64>()) / rest_n as f64;
            let z = if vy > 0.0 {
                (my - mr) / (vy / y.len() as f64).sqrt()
            } else if my > mr {
                f64::INFINITY
            } else if my < mr {
                f64::NEG_INFINITY
            } else {
                0.0
            };
            let tasks = (0..k)
                .map(|j| {
                    let unit = up[j] / un[j].max(1.0);
                    (
                        p.tasks[j].label.clone(),
                        labels[j].clone(),
                        unit,
                        unit - d[j],
                    )
                })
                .collect();
            rows_u.push(U {
                school: u.school.to_string(),
                di: hd - bd,
                bd,
                hd,
                z,
                n: y.len(),
                tasks,
            });
        }
        let dis: Vec<f64> = rows_u.iter().map(|u| u.di).collect();
        let Some(p95) = quantile(&dis, s.inversion_percentile) else {
            continue;
        };
        for u in rows_u {
            out.push(Candidate {
                indicator: Indicator::Inversion,
                school: u.school,
                procedure: p.key.id(),
                class: None,
                value: u.di,
                reference: 0.0,
                threshold: p95,
                n: u.n,
                p: Some(1.0 - normal.cdf(u.z)),
                effect: u.bd < 0.0 && u.hd > 0.0 && u.di >= p95,
                evidence: Evidence::Inversion {
                    basic_diff: u.bd,
                    hard_diff: u.hd,
                    tasks: u.tasks,
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

    /// Four tasks (1, 2 basic; 3, 4 advanced). Schools S0–S8: 10 pupils who solve the basic
    /// tasks and, half of them, the hard ones; S9: 10 pupils who miss the basic tasks and solve
    /// the hard ones. For S9, d = −1 on basic, +0.5 on hard: DI = 1.5; every pupil's contrast
    /// is +1 against the rest's −0.5.
    #[test]
    fn easy_worse_hard_better() {
        let mut rows = Vec::new();
        for s in 0..10u32 {
            for i in 0..10 {
                let sc: [u8; 4] = if s == 9 {
                    [0, 0, 1, 1]
                } else if i % 2 == 0 {
                    [1, 1, 1, 1]
                } else {
                    [1, 1, 0, 0]
                };
                rows.push(pupil(s, "5А", &sc, Some(4), None));
            }
        }
        let ds = dataset(10, rows);
        let c = candidates(&ds, &Settings::default());
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        assert!((z.value - 1.5).abs() < 1e-12);
        assert!(z.effect);
        assert_eq!(
            z.p,
            Some(0.0),
            "no spread in S9's contrasts: an exact inversion"
        );
        let clean = c.iter().find(|c| c.school == "S0").unwrap();
        assert!(!clean.effect);
    }
}
