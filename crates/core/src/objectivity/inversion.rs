//! §3.3 Difficulty inversion: hard tasks done better than the unit's basic tasks predict.
//!
//! Rule [S idea, P formula]. The unit is a school × procedure with at least `min_unit`
//! participants with a contrast (below) and at least 3 tasks. The tasks are split into basic (Б)
//! and hard (П and В) by their levels; when some level is unknown, or one of the groups is empty,
//! by the district's difficulty terciles (success over all participants: the easiest third is
//! "basic", the hardest third "hard", the middle third is left out). For task j,
//! d_j = p_gj − p_Rj: the unit's success (mean share of the maximum) minus the success of the
//! rest of the district (every participant outside the school: the unit does not move its own
//! yardstick). The unit's basic and hard means of d are the means over those tasks.
//!
//! Prediction [P]. Whether hard tasks are done "too well" depends on the unit's level: a strong
//! school is above the district on both, and more on the hard tasks, because its basic tasks hit
//! the ceiling; a school at the district on basic tasks is not expected far above it on hard
//! ones. So the unit's hard tasks are judged against what its basic tasks predict, in two steps:
//! * a Rasch shift: the unit's ability shift δ (logits) makes the rest's basic tasks, each
//!   shifted by δ, as successful on average as the unit's (the matching of expected and observed
//!   scores is the Rasch estimate of a group's shift; the unit's basic mean is kept
//!   0.5 / (pupils · basic tasks) off 0 and 1, the rest's successes are read within
//!   [0.005, 0.995]); the hard tasks shifted by the same δ give the predicted hard mean of d,
//!   `pred` — the ceiling is in the logistic curve;
//! * the district's line: the actual hard mean of d on `pred` over the procedure's units, a
//!   Theil–Sen fit (b = median of the pairwise slopes, at least 0; a = median of
//!   hard − b·pred), so that the district's own relation (hard tasks less discriminating than
//!   the logistic says, noise in the basic means) is what counts as ordinary, and a few units
//!   with a real effect do not move the line. With fewer than [`spread::MIN_UNITS`] units, or
//!   when most units share one prediction, there is no line and it is the identity (a = 0,
//!   b = 1).
//!
//! The residual r = hard mean of d − (a + b·pred). The effect is the least residual among r and
//! the residuals with any one task (basic or hard) left out: an inversion of the hard tasks as
//! a whole, not of one topic a class drilled or skipped.
//!
//! Test [P]: a pupil-level contrast. The residual's sampling error from the pupils is the Welch
//! error of mean(y) in the unit minus mean(y) in the rest of the district for the pupils'
//! y_i = (mean share on the hard tasks) − c · (mean share on the basic tasks), c = b · the slope
//! of `pred` against the basic mean of d at the unit (delta method: near the ceiling the basic
//! tasks say little of the level, and c is large); one-sided p = 1 − Φ(r / se). With n_g >= 10
//! pupils and contrasts bounded the normal approximation is adequate (the normal form of
//! METHODOLOGY's bootstrap of the unit's pupils).
//!
//! The p is the larger of this and the p against the spread of r over the procedure's units
//! ([`super::spread`]): classes stress different topics, and that honest spread is no sign.
//!
//! Effect: the least residual >= `inversion_min_di` (10 p.p.) and >= the
//! `inversion_percentile` (95th) quantile of the district's units' least residuals. No sign
//! condition on the means: a strong school (both above, hard more so) lies on the line, a school
//! at the district on basic tasks and far above on hard ones does not.
//! Measured (second generator, 10 seeds, planted at the demo's strength): recall 47 / 50 with
//! 4.4 % of clean schools marked, where the former rule (basic below, hard above, DI) had
//! 33 / 50 with 2.4 %; a line on the raw basic mean of d instead of the Rasch prediction gave
//! 46 / 50 but 7.6 % (very strong clean schools at the ceiling of the basic tasks), and without
//! the leave-one-task-out 5.6 %.
//!
//! The candidate: `value` = `size` = the least residual, `reference` = 0, `threshold` = the
//! percentile, `se` = the residual's error, `n` = pupils with a contrast; the evidence holds
//! both means, the predicted hard mean (`hard_expected` = a + b·pred) and, per task, the level
//! (`Б`/`П`/`В`, or the tercile `1/3` easiest, `2/3`, `3/3` hardest) with the unit's and the
//! rest of the district's success.

use super::spread;
use super::units::{quantile, schools};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::{Dataset, Procedure, TaskLevel};
use crate::stats::participant_rows;
use crate::stats::tasks::score;
use statrs::distribution::{ContinuousCDF, Normal};

/// Task groups: (basic, hard) task indices and a label per task (level letter or tercile).
fn groups(p: &Procedure, success: &[Option<f64>]) -> (Vec<usize>, Vec<usize>, Vec<String>) {
    let k = p.tasks.len();
    if p.tasks.iter().all(|t| t.level.is_some()) {
        let basic: Vec<usize> = (0..k)
            .filter(|&j| p.tasks[j].level == Some(TaskLevel::Basic))
            .collect();
        let hard: Vec<usize> = (0..k)
            .filter(|&j| p.tasks[j].level != Some(TaskLevel::Basic))
            .collect();
        if !basic.is_empty() && !hard.is_empty() {
            let labels = p
                .tasks
                .iter()
                .map(|t| t.level.map(|l| l.letter().to_string()).unwrap_or_default())
                .collect();
            return (basic, hard, labels);
        }
    }
    // Terciles of the district's success among the tasks with a score, easiest first.
    let mut order: Vec<usize> = (0..k).filter(|&j| success[j].is_some()).collect();
    order.sort_by(|&a, &b| {
        success[b]
            .unwrap_or(0.0)
            .total_cmp(&success[a].unwrap_or(0.0))
    });
    let third = order.len() / 3;
    let basic: Vec<usize> = order[..third].to_vec();
    let hard: Vec<usize> = order[order.len() - third..].to_vec();
    let labels = (0..k)
        .map(|j| {
            if basic.contains(&j) {
                "1/3"
            } else if hard.contains(&j) {
                "3/3"
            } else if success[j].is_some() {
                "2/3"
            } else {
                ""
            }
            .to_string()
        })
        .collect();
    (basic, hard, labels)
}

/// Share of the maximum of row `i` on task `j`.
fn share(p: &Procedure, i: usize, j: usize) -> Option<f64> {
    score(&p.results, p.tasks.len(), i, j).map(|x| x as f64 / p.tasks[j].max.max(1) as f64)
}

/// Per task: the sum of shares and the number of scores over `rows`.
fn sums(p: &Procedure, rows: &[usize]) -> (Vec<f64>, Vec<usize>) {
    let k = p.tasks.len();
    let (mut pts, mut n) = (vec![0.0; k], vec![0usize; k]);
    for &i in rows {
        for j in 0..k {
            if let Some(x) = share(p, i, j) {
                pts[j] += x;
                n[j] += 1;
            }
        }
    }
    (pts, n)
}

/// The pupil's (mean share on `basic`, mean share on `hard`), over the tasks with a score.
fn pupil_means(p: &Procedure, i: usize, basic: &[usize], hard: &[usize]) -> Option<(f64, f64)> {
    let mean = |js: &[usize]| {
        let (mut s, mut n) = (0.0, 0usize);
        for &j in js {
            if let Some(x) = share(p, i, j) {
                s += x;
                n += 1;
            }
        }
        (n > 0).then(|| s / n as f64)
    };
    Some((mean(basic)?, mean(hard)?))
}

/// Count, sum and sum of squares.
#[derive(Default, Clone, Copy)]
struct Moments {
    n: usize,
    s: f64,
    s2: f64,
}

impl Moments {
    /// Sample variance (n − 1), never negative.
    fn var(&self) -> f64 {
        let n = self.n as f64;
        ((self.s2 - self.s * self.s / n) / (n - 1.0)).max(0.0)
    }
}

/// Joint moments of the pupils' (basic x, hard y) means: enough for the moments of any
/// contrast y − b·x.
#[derive(Default, Clone, Copy)]
struct Pairs {
    n: usize,
    x: f64,
    y: f64,
    xx: f64,
    yy: f64,
    xy: f64,
}

impl Pairs {
    fn add(&mut self, (x, y): (f64, f64)) {
        self.n += 1;
        self.x += x;
        self.y += y;
        self.xx += x * x;
        self.yy += y * y;
        self.xy += x * y;
    }
    fn minus(self, o: Pairs) -> Pairs {
        Pairs {
            n: self.n - o.n,
            x: self.x - o.x,
            y: self.y - o.y,
            xx: self.xx - o.xx,
            yy: self.yy - o.yy,
            xy: self.xy - o.xy,
        }
    }
    /// The moments of the pupils' contrast y − b·x.
    fn contrast(&self, b: f64) -> Moments {
        Moments {
            n: self.n,
            s: self.y - b * self.x,
            s2: self.yy - 2.0 * b * self.xy + b * b * self.xx,
        }
    }
}

/// The Welch standard error of mean(a) − mean(b).
fn welch_se(a: Moments, b: Moments) -> f64 {
    (a.var() / a.n as f64 + b.var() / b.n as f64).sqrt()
}

/// One-sided p of `diff` > 0 with standard error `se`.
fn upper_p(diff: f64, se: f64) -> f64 {
    if se > 1e-12 {
        Normal::standard().sf(diff / se)
    } else if diff > 1e-12 {
        0.0
    } else if diff < -1e-12 {
        1.0
    } else {
        0.5
    }
}

fn expit(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Log-odds of a success rate kept off 0 and 1.
fn logit(p: f64) -> f64 {
    let p = p.clamp(0.005, 0.995);
    (p / (1.0 - p)).ln()
}

/// The Rasch prediction of the unit's hard-task success from its basic-task success.
/// `basic`: (unit, rest) success per basic task, `hard`: the rest's success per hard task,
/// `n`: the unit's pupils. The unit's ability shift δ (logits) makes the rest's basic tasks,
/// each shifted by δ, as successful on average as the unit's (the unit's mean kept
/// 0.5 / (n · tasks) off 0 and 1, so that all basics right predicts no certainty); returns
/// (predicted mean d over the hard tasks, its slope against the basic mean of d).
fn predict(basic: &[(f64, f64)], hard: &[f64], n: usize) -> (f64, f64) {
    let lb: Vec<f64> = basic.iter().map(|&(_, r)| logit(r)).collect();
    let eps = 0.5 / (n.max(1) * basic.len().max(1)) as f64;
    let target =
        (basic.iter().map(|t| t.0).sum::<f64>() / basic.len() as f64).clamp(eps, 1.0 - eps);
    let mean_at = |ls: &mut dyn Iterator<Item = f64>, d: f64| {
        let (mut s, mut ds, mut k) = (0.0, 0.0, 0usize);
        for l in ls {
            let q = expit(l + d);
            s += q;
            ds += q * (1.0 - q);
            k += 1;
        }
        (s / k as f64, ds / k as f64)
    };
    // Newton's steps on the increasing mean, kept inside a bracket that bisection narrows
    // whenever a step would leave it (a few steps instead of bisection's many: this runs for
    // every unit and every task left out).
    let (mut lo, mut hi, mut d) = (-12.0f64, 12.0f64, 0.0f64);
    for _ in 0..100 {
        let (m, dm) = mean_at(&mut lb.iter().copied(), d);
        if (m - target).abs() < 1e-13 {
            break;
        }
        if m < target {
            lo = d;
        } else {
            hi = d;
        }
        let step = d - (m - target) / dm.max(1e-300);
        d = if step > lo && step < hi {
            step
        } else {
            0.5 * (lo + hi)
        };
        if hi - lo < 1e-13 {
            break;
        }
    }
    let (_, slope_b) = mean_at(&mut lb.iter().copied(), d);
    let (q_h, slope_h) = mean_at(&mut hard.iter().map(|&r| logit(r)), d);
    let rest_h = hard.iter().sum::<f64>() / hard.len() as f64;
    (q_h - rest_h, slope_h / slope_b.max(1e-12))
}

/// The district's line y ≈ a + b·x over the units' (x, y) = (predicted, actual hard mean of d):
/// Theil–Sen, b = the median of the slopes between pairs of units with distinct x (at least 0),
/// a = the median of y − b·x. `None` with fewer than [`spread::MIN_UNITS`] units, or when fewer
/// than half of the pairs have distinct x (most units alike: no line to speak of).
fn line(units: &[(f64, f64)]) -> Option<(f64, f64)> {
    let ok: Vec<(f64, f64)> = units
        .iter()
        .copied()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect();
    if ok.len() < spread::MIN_UNITS {
        return None;
    }
    let mut slopes = Vec::with_capacity(ok.len() * (ok.len() - 1) / 2);
    for (i, &(x1, y1)) in ok.iter().enumerate() {
        for &(x2, y2) in &ok[i + 1..] {
            if (x2 - x1).abs() > 1e-9 {
                slopes.push((y2 - y1) / (x2 - x1));
            }
        }
    }
    if 2 * slopes.len() < ok.len() * (ok.len() - 1) / 2 {
        return None;
    }
    let b = quantile(&slopes, 0.5)?.max(0.0);
    let rest: Vec<f64> = ok.iter().map(|(x, y)| y - b * x).collect();
    Some((quantile(&rest, 0.5)?, b))
}

/// `v` without its `k`-th element.
fn without<T: Copy>(v: &[T], k: usize) -> Vec<T> {
    v.iter()
        .enumerate()
        .filter(|&(i, _)| i != k)
        .map(|(_, &x)| x)
        .collect()
}

/// One candidate per school × procedure with tasks (see the module's rule).
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in &ds.procedures {
        let k = p.tasks.len();
        if k < 3 || p.results.scores.len() < p.results.len() * k {
            continue;
        }
        let all = participant_rows(&p.results);
        let (tp, tn) = sums(p, &all);
        let success: Vec<Option<f64>> = (0..k)
            .map(|j| (tn[j] > 0).then(|| tp[j] / tn[j] as f64))
            .collect();
        let (basic, hard, labels) = groups(p, &success);
        if basic.is_empty() || hard.is_empty() {
            continue;
        }
        let y: Vec<Option<(f64, f64)>> = (0..p.results.len())
            .map(|i| pupil_means(p, i, &basic, &hard))
            .collect();
        let mut district = Pairs::default();
        for &i in &all {
            if let Some(v) = y[i] {
                district.add(v);
            }
        }
        struct Row {
            school: String,
            pred: f64,
            slope: f64,
            drops: Vec<(f64, f64)>,
            basic: f64,
            hard: f64,
            unit: Pairs,
            rest: Pairs,
            tasks: Vec<(String, String, f64, f64)>,
        }
        let mut rows: Vec<Row> = Vec::new();
        for u in schools(ds, p, s.min_unit) {
            let mut unit = Pairs::default();
            for &i in &u.rows {
                if let Some(v) = y[i] {
                    unit.add(v);
                }
            }
            let rest = district.minus(unit);
            if unit.n < s.min_unit || rest.n < 2 {
                continue;
            }
            let (up, un) = sums(p, &u.rows);
            // (unit success, rest success) per task with scores in both.
            let pair: Vec<Option<(f64, f64)>> = (0..k)
                .map(|j| {
                    let rn = tn[j] - un[j];
                    (un[j] > 0 && rn > 0)
                        .then(|| (up[j] / un[j] as f64, (tp[j] - up[j]) / rn as f64))
                })
                .collect();
            let mean_d = |js: &[usize]| {
                let d: Vec<f64> = js
                    .iter()
                    .filter_map(|&j| pair[j].map(|(g, r)| g - r))
                    .collect();
                (!d.is_empty()).then(|| d.iter().sum::<f64>() / d.len() as f64)
            };
            let (Some(bd), Some(hd)) = (mean_d(&basic), mean_d(&hard)) else {
                continue;
            };
            let tasks = (0..k)
                .filter_map(|j| {
                    let (g, r) = pair[j]?;
                    Some((p.tasks[j].label.clone(), labels[j].clone(), g, r))
                })
                .collect();
            let bp: Vec<(f64, f64)> = basic.iter().filter_map(|&j| pair[j]).collect();
            let hp: Vec<(f64, f64)> = hard.iter().filter_map(|&j| pair[j]).collect();
            let hr: Vec<f64> = hp.iter().map(|t| t.1).collect();
            let (pred, slope) = predict(&bp, &hr, unit.n);
            // Without each task in turn: (hard mean of d, its prediction).
            let mut drops: Vec<(f64, f64)> = Vec::new();
            if bp.len() >= 2 {
                for k in 0..bp.len() {
                    drops.push((hd, predict(&without(&bp, k), &hr, unit.n).0));
                }
            }
            if hp.len() >= 2 {
                for k in 0..hp.len() {
                    let hk = without(&hp, k);
                    let d = hk.iter().map(|(g, r)| g - r).sum::<f64>() / hk.len() as f64;
                    drops.push((d, predict(&bp, &without(&hr, k), unit.n).0));
                }
            }
            rows.push(Row {
                school: u.school.to_string(),
                pred,
                slope,
                drops,
                basic: bd,
                hard: hd,
                unit,
                rest,
                tasks,
            });
        }
        // The district's line of the actual hard mean of d on its prediction (identity when
        // the procedure has too few units for a line).
        let (a, b) =
            line(&rows.iter().map(|r| (r.pred, r.hard)).collect::<Vec<_>>()).unwrap_or((0.0, 1.0));
        // Per unit: (residual, its sampling error, sampling p, least residual without a task).
        let stats: Vec<(f64, f64, f64, f64)> = rows
            .iter()
            .map(|r| {
                let resid = r.hard - a - b * r.pred;
                let c = b * r.slope;
                let se = welch_se(r.unit.contrast(c), r.rest.contrast(c));
                let least = r
                    .drops
                    .iter()
                    .map(|&(h, q)| h - a - b * q)
                    .fold(resid, f64::min);
                (resid, se, upper_p(resid, se), least)
            })
            .collect();
        let leasts: Vec<f64> = stats.iter().map(|t| t.3).collect();
        let Some(p95) = quantile(&leasts, s.inversion_percentile) else {
            continue;
        };
        let xs: Vec<(f64, f64)> = stats.iter().map(|t| (t.0, t.1)).collect();
        let exact: Vec<f64> = stats.iter().map(|t| t.2).collect();
        let (fitted, p_spread) = if s.spread {
            spread::p_values(&xs, &exact)
        } else {
            (None, vec![None; xs.len()])
        };
        let by_levels = labels.iter().any(|l| !l.contains('/') && !l.is_empty());
        for ((r, ps), (_, se, p_exact, least)) in rows.into_iter().zip(p_spread).zip(stats) {
            out.push(Candidate {
                indicator: Indicator::Inversion,
                school: r.school,
                procedure: p.key.id(),
                class: None,
                value: least,
                reference: 0.0,
                threshold: p95,
                n: r.unit.n,
                size: least,
                se: Some(se),
                spread: fitted,
                p_sampling: Some(p_exact),
                p: spread::combine(Some(p_exact), ps),
                effect: least >= p95 && least >= s.inversion_min_di,
                evidence: Evidence::Inversion {
                    basic_diff: r.basic,
                    hard_diff: r.hard,
                    tasks: r.tasks,
                    p95,
                    by_levels,
                    hard_expected: Some(a + b * r.pred),
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objectivity::testutil::{dataset, fired, pupil};

    /// Four tasks of 1 point (1, 2 basic; 3, 4 advanced). Schools S0–S8: 10 pupils each; the
    /// even ones solve everything (contrast 0), the odd ones only the basic tasks (contrast −1).
    /// S9: 10 pupils; 6 miss the basic tasks and solve the hard ones (contrast +1), 4 solve
    /// everything (contrast 0).
    fn district() -> Dataset {
        let mut rows = Vec::new();
        for s in 0..10u32 {
            for i in 0..10 {
                let sc: [u8; 4] = match (s, i) {
                    (9, 0..=5) => [0, 0, 1, 1],
                    (9, _) => [1, 1, 1, 1],
                    (_, i) if i % 2 == 0 => [1, 1, 1, 1],
                    _ => [1, 1, 0, 0],
                };
                rows.push(pupil(s, "5А", &sc, Some(4), None));
            }
        }
        dataset(10, rows)
    }

    /// The figures of the unit tests come from an independent pure-Python reimplementation of
    /// the rule (bisection for δ, Theil–Sen over all pairs, the Welch error of the pupils'
    /// contrast hard − c·basic with c = b · the prediction's slope, leave-one-task-out).
    ///
    /// Here nine schools coincide: no line (fewer than half of the pairs have distinct
    /// predictions), the identity stands. S9: basic 0.4 against the rest's 1.0 (d = −0.6; the
    /// rest's 1.0 is read as 0.995 in logits), hard 1.0 against 0.5 (d = +0.5); δ = logit 0.4 −
    /// logit 0.995 = −5.6988, the hard tasks predicted at expit(−5.6988) = 0.00334, d =
    /// −0.496661; residual 0.996661, the same without any one task. S0: basic 1.0 (read as 0.975 =
    /// 1 − 0.5 / 20) against 0.9333, hard 0.5 against 0.5556: predicted d = 0.221337, residual
    /// −0.276892, se 0.265780, sampling p 0.851250.
    #[test]
    fn easy_worse_hard_better() {
        let c = candidates(&district(), &Settings::default());
        assert_eq!(c.len(), 10);
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        assert!((z.value - 0.996_661_101_836).abs() < 1e-9, "{}", z.value);
        assert!(z.effect && z.n == 10);
        assert!(z.p.unwrap() < 1e-70 && z.p_sampling.unwrap() < 1e-70);
        let Evidence::Inversion {
            basic_diff,
            hard_diff,
            tasks,
            p95,
            by_levels,
            hard_expected,
        } = &z.evidence
        else {
            panic!()
        };
        assert!(*by_levels, "the tasks have levels");
        assert!((basic_diff + 0.6).abs() < 1e-12 && (hard_diff - 0.5).abs() < 1e-12);
        assert!((hard_expected.unwrap() + 0.496_661_101_836).abs() < 1e-9);
        assert_eq!(tasks.len(), 4);
        assert_eq!((tasks[0].1.as_str(), tasks[2].1.as_str()), ("Б", "П"));
        assert!((tasks[2].2 - 1.0).abs() < 1e-12 && (tasks[2].3 - 0.5).abs() < 1e-12);
        assert_eq!(z.threshold, *p95);
        assert!((p95 - 0.423_562_012_385).abs() < 1e-9, "{p95}");

        assert_eq!(fired(&c), ["S9"]);
        let clean = c.iter().find(|c| c.school == "S0").unwrap();
        assert!(
            (clean.value + 0.276_892_430_279).abs() < 1e-9,
            "{}",
            clean.value
        );
        assert!((clean.se.unwrap() - 0.265_780_081_299).abs() < 1e-9);
        assert!((clean.p_sampling.unwrap() - 0.851_250_184_620).abs() < 1e-9);
        assert!(!clean.effect && clean.p.unwrap() > 0.1);
    }

    /// Four tasks (1, 2 basic; 3, 4 advanced), 20 pupils per school. S0–S9: ordinary schools
    /// of rising level (k pupils solve everything, m only the basic tasks, the rest nothing:
    /// (k, m) = (4, 12) … (13, 6)). S10, strong: 16 solve everything, 4 only the basics — both
    /// means above the district, the hard tasks far more (d = +0.109 and +0.323: basic tasks
    /// at the ceiling). S11: 16 solve everything, 4 miss one basic task and solve the hard ones
    /// — basic tasks exactly at the district (d = 0), hard ones +0.541. The old sign rule (basic
    /// below, hard above) would flag neither; DI would rank the strong school's 0.214 high.
    /// Line (Python, as above): a = −0.092171, b = 1.051263. S10 is predicted +0.350433 on the
    /// hard tasks: residual −0.027706, sampling p 0.561430. S11 is predicted −0.092171:
    /// residual 0.633080 (also without any one task), se 0.145218, sampling p 6.517792e-6; the
    /// 95th percentile of the least residuals 0.333080.
    #[test]
    fn strong_school_is_not_an_inversion() {
        let mut rows = Vec::new();
        let mut add = |s: u32, n: usize, sc: [u8; 4]| {
            for _ in 0..n {
                rows.push(pupil(s, "5А", &sc, Some(4), None));
            }
        };
        for s in 0..10u32 {
            let (k, m) = (
                4 + s as usize,
                [12, 12, 11, 10, 10, 9, 8, 8, 7, 6][s as usize],
            );
            add(s, k, [1, 1, 1, 1]);
            add(s, m, [1, 1, 0, 0]);
            add(s, 20 - k - m, [0, 0, 0, 0]);
        }
        add(10, 16, [1, 1, 1, 1]);
        add(10, 4, [1, 1, 0, 0]);
        add(11, 16, [1, 1, 1, 1]);
        add(11, 2, [1, 0, 1, 1]);
        add(11, 2, [0, 1, 1, 1]);
        let c = candidates(&dataset(12, rows), &Settings::default());
        let at = |s: &str| c.iter().find(|c| c.school == s).unwrap();
        let expected = |c: &Candidate| match &c.evidence {
            Evidence::Inversion {
                basic_diff,
                hard_diff,
                hard_expected,
                ..
            } => (*basic_diff, *hard_diff, hard_expected.unwrap()),
            _ => panic!(),
        };
        let strong = at("S10");
        let (bd, hd, he) = expected(strong);
        assert!(bd > 0.1 && hd > 0.3, "{bd} {hd}");
        assert!((he - 0.350_433_290_520).abs() < 1e-9, "{he}");
        assert!((strong.value + 0.027_706_017_793).abs() < 1e-9);
        assert!((strong.p_sampling.unwrap() - 0.561_430_494_798).abs() < 1e-9);
        assert!(!strong.effect);
        let inv = at("S11");
        let (bd, hd, he) = expected(inv);
        assert!(bd.abs() < 1e-12 && (hd - 0.540_909_090_909).abs() < 1e-9);
        assert!((he + 0.092_171_029_748).abs() < 1e-9, "{he}");
        assert!(
            (inv.value - 0.633_080_120_657).abs() < 1e-9,
            "{}",
            inv.value
        );
        assert!((inv.se.unwrap() - 0.145_218_285_867).abs() < 1e-9);
        let p = inv.p_sampling.unwrap();
        assert!((p / 6.517_791_899_877e-6 - 1.0).abs() < 1e-6, "{p:e}");
        assert!((inv.threshold - 0.333_080_120_657).abs() < 1e-9);
        assert!(inv.effect);
        assert_eq!(fired(&c), ["S11"]);
    }

    /// A line through the district: Theil–Sen ignores one outlier; identical units give none.
    #[test]
    fn robust_line() {
        let mut pts: Vec<(f64, f64)> = (0..9).map(|i| (i as f64, 1.0 + 2.0 * i as f64)).collect();
        pts.push((4.0, 100.0));
        let (a, b) = line(&pts).unwrap();
        assert!(
            (b - 2.0).abs() < 1e-12 && (a - 1.0).abs() < 1e-12,
            "{a} {b}"
        );
        assert!(line(&[(0.0, 0.0); 10]).is_none());
        assert!(line(&pts[..7]).is_none());
    }

    /// Without levels, the district's terciles: six tasks, the easiest two are "basic" and the
    /// hardest two "hard"; the same school stands out (the figures of `easy_worse_hard_better`:
    /// the middle tasks are left out).
    #[test]
    fn terciles_when_levels_are_unknown() {
        let mut rows = Vec::new();
        for s in 0..10u32 {
            for i in 0..10 {
                let sc: [u8; 6] = match (s, i) {
                    (9, 0..=5) => [0, 0, 1, 1, 1, 1],
                    (9, _) => [1, 1, 1, 1, 1, 1],
                    (_, i) if i % 2 == 0 => [1, 1, 1, 1, 1, 1],
                    (_, i) if i % 4 == 1 => [1, 1, 0, 0, 0, 0],
                    _ => [1, 1, 1, 1, 0, 0],
                };
                rows.push(pupil(s, "5А", &sc, Some(4), None));
            }
        }
        let mut ds = dataset(10, rows);
        for t in &mut ds.procedures[0].tasks {
            t.level = None;
        }
        let c = candidates(&ds, &Settings::default());
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        let Evidence::Inversion { tasks, .. } = &z.evidence else {
            panic!()
        };
        let levels: Vec<&str> = tasks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(levels, ["1/3", "1/3", "2/3", "2/3", "3/3", "3/3"]);
        assert!(z.effect && (z.value - 0.996_661_101_836).abs() < 1e-9);
        assert!(z.p.unwrap() < 1e-6);
    }
}
