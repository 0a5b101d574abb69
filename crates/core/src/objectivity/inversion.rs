//! §3.3 Difficulty inversion: easy tasks done worse and hard tasks better than the district.
//!
//! Rule [S idea, P formula]. The unit is a school × procedure with at least `min_unit`
//! participants with a contrast (below) and at least 3 tasks. The tasks are split into basic (Б)
//! and hard (П and В) by their levels; when some level is unknown, or one of the groups is empty,
//! by the district's difficulty terciles (success over all participants: the easiest third is
//! "basic", the hardest third "hard", the middle third is left out). For task j,
//! d_j = p_gj − p_Rj: the unit's success (mean share of the maximum) minus the success of the
//! rest of the district (every participant outside the school: the unit does not move its own
//! yardstick). DI = mean of d over hard tasks − mean of d over basic tasks.
//!
//! Test [P]: a pupil-level form of DI. Each pupil's contrast y_i = (mean share on the hard tasks)
//! − (mean share on the basic tasks), over the tasks with a score; mean(y) in the unit minus
//! mean(y) in the rest of the district is DI when every score is present. One-sided Welch z-test:
//! z = (ȳ_g − ȳ_R) / √(s²_g/n_g + s²_R/n_R), p = 1 − Φ(z). It is the normal approximation of
//! METHODOLOGY's bootstrap of the unit's pupils (the bootstrap distribution of ȳ_g is centred on
//! ȳ_g with the spread s_g/√n_g), deterministic and O(pupils × tasks); with n_g >= 10 pupils and
//! contrasts bounded in [−1, 1] the approximation is adequate.
//!
//! The p is the larger of the Welch p and the p against the spread of DI over the procedure's
//! units ([`super::spread`]): classes stress different topics, and that honest spread is no sign.
//!
//! Effect: DI >= `inversion_min_di` (10 p.p.), the basic mean of d < 0 (basic tasks below the
//! district), the hard mean of d > 0 (hard tasks above), and DI >= the `inversion_percentile`
//! (95th) quantile of the district's units' DI.
//! A strong school (both means above) or a weak one (both below) does not qualify.
//!
//! The candidate: `value` = DI, `reference` = 0 (the district's DI against itself), `threshold`
//! = the percentile, `n` = pupils with a contrast; the evidence holds both means and, per task,
//! the level (`Б`/`П`/`В`, or the tercile `1/3` easiest, `2/3`, `3/3` hardest) with the unit's and
//! the rest of the district's success.

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

/// The pupil's contrast: mean share on `hard` − mean share on `basic`.
fn contrast(p: &Procedure, i: usize, basic: &[usize], hard: &[usize]) -> Option<f64> {
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
    Some(mean(hard)? - mean(basic)?)
}

/// Count, sum and sum of squares.
#[derive(Default, Clone, Copy)]
struct Moments {
    n: usize,
    s: f64,
    s2: f64,
}

impl Moments {
    fn add(&mut self, y: f64) {
        self.n += 1;
        self.s += y;
        self.s2 += y * y;
    }
    fn minus(self, o: Moments) -> Moments {
        Moments {
            n: self.n - o.n,
            s: self.s - o.s,
            s2: self.s2 - o.s2,
        }
    }
    fn mean(&self) -> f64 {
        self.s / self.n as f64
    }
    /// Sample variance (n − 1), never negative.
    fn var(&self) -> f64 {
        let n = self.n as f64;
        ((self.s2 - self.s * self.s / n) / (n - 1.0)).max(0.0)
    }
}

/// The Welch standard error of mean(a) − mean(b).
fn welch_se(a: Moments, b: Moments) -> f64 {
    (a.var() / a.n as f64 + b.var() / b.n as f64).sqrt()
}

/// One-sided Welch p of mean(a) > mean(b).
fn welch_upper(a: Moments, b: Moments) -> f64 {
    let diff = a.mean() - b.mean();
    let se = welch_se(a, b);
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
        let y: Vec<Option<f64>> = (0..p.results.len())
            .map(|i| contrast(p, i, &basic, &hard))
            .collect();
        let mut district = Moments::default();
        for &i in &all {
            if let Some(v) = y[i] {
                district.add(v);
            }
        }
        struct Row {
            school: String,
            di: f64,
            basic: f64,
            hard: f64,
            p: f64,
            se: f64,
            n: usize,
            tasks: Vec<(String, String, f64, f64)>,
        }
        let mut rows: Vec<Row> = Vec::new();
        for u in schools(ds, p, s.min_unit) {
            let mut unit = Moments::default();
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
            rows.push(Row {
                school: u.school.to_string(),
                di: hd - bd,
                basic: bd,
                hard: hd,
                p: welch_upper(unit, rest),
                se: welch_se(unit, rest),
                n: unit.n,
                tasks,
            });
        }
        let dis: Vec<f64> = rows.iter().map(|r| r.di).collect();
        let Some(p95) = quantile(&dis, s.inversion_percentile) else {
            continue;
        };
        let xs: Vec<(f64, f64)> = rows.iter().map(|r| (r.di, r.se)).collect();
        let exact: Vec<f64> = rows.iter().map(|r| r.p).collect();
        let (fitted, p_spread) = if s.spread {
            spread::p_values(&xs, &exact)
        } else {
            (None, vec![None; xs.len()])
        };
        let by_levels = labels.iter().any(|l| !l.contains('/') && !l.is_empty());
        for (r, ps) in rows.into_iter().zip(p_spread) {
            out.push(Candidate {
                indicator: Indicator::Inversion,
                school: r.school,
                procedure: p.key.id(),
                class: None,
                value: r.di,
                reference: 0.0,
                threshold: p95,
                n: r.n,
                size: r.di,
                se: Some(r.se),
                spread: fitted,
                p_sampling: Some(r.p),
                p: spread::combine(Some(r.p), ps),
                effect: r.basic < 0.0 && r.hard > 0.0 && r.di >= p95 && r.di >= s.inversion_min_di,
                evidence: Evidence::Inversion {
                    basic_diff: r.basic,
                    hard_diff: r.hard,
                    tasks: r.tasks,
                    p95,
                    by_levels,
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

    /// S9: basic success 0.4 against the rest's 1.0 (d = −0.6), hard 1.0 against 0.5 (d = +0.5):
    /// DI = 1.1. Contrasts: S9 mean 0.6, sample variance 2.4/9 (six 1 and four 0); the rest mean
    /// −0.5, variance 22.5/89 (45 of 0, 45 of −1). z = 1.1 / √(2.4/90 + 22.5/(89·90)) =
    /// 6.4070918; p = 1 − Φ(z) = 7.416073879e-11 (Python: 0.5 * math.erfc(z / math.sqrt(2))).
    #[test]
    fn easy_worse_hard_better() {
        let c = candidates(&district(), &Settings::default());
        assert_eq!(c.len(), 10);
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        assert!((z.value - 1.1).abs() < 1e-12);
        assert!(z.effect && z.n == 10);
        let p = z.p.unwrap();
        assert!((p / 7.416_073_879e-11 - 1.0).abs() < 1e-6, "{p:e}");
        let Evidence::Inversion {
            basic_diff,
            hard_diff,
            tasks,
            p95,
            by_levels,
        } = &z.evidence
        else {
            panic!()
        };
        assert!(*by_levels, "the tasks have levels");
        assert!((basic_diff + 0.6).abs() < 1e-12 && (hard_diff - 0.5).abs() < 1e-12);
        assert_eq!(tasks.len(), 4);
        assert_eq!((tasks[0].1.as_str(), tasks[2].1.as_str()), ("Б", "П"));
        assert!((tasks[2].2 - 1.0).abs() < 1e-12 && (tasks[2].3 - 0.5).abs() < 1e-12);
        assert_eq!(z.threshold, *p95);

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

    /// Without levels, the district's terciles: six tasks, the easiest two are "basic" and the
    /// hardest two "hard"; the same school stands out.
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
        assert!(z.effect && z.value > 0.5);
        assert!(z.p.unwrap() < 1e-6);
    }
}
