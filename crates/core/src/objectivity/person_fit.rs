//! §3.6 Person fit: answer patterns that do not fit the order of the tasks' difficulty
//! (Guttman errors [S]; Meijer 1994, the PerFit package's `Gnormed`).
//!
//! Rules:
//!
//! * **Full-credit indicators**: x_ij = 1 when pupil i has full marks on task j (score >= the
//!   task's maximum), 0 otherwise (a task marked not done counts as 0); a task without a score
//!   is left out for that pupil (pupils of different variants or booklets are scored on the
//!   tasks they sat).
//! * **District difficulty** p_Rj: the district's share of full credit on task j, among the
//!   procedure's participants with a score on j (the same indicator the errors are counted on,
//!   so the easiest task is the one most often fully solved).
//! * **Guttman errors**: G_i = #{(j, k): p_Rj > p_Rk, x_ij = 0, x_ik = 1} over the pupil's
//!   scored tasks (strictly easier: tasks of equal district difficulty make no error).
//!   Gnormed_i = G_i / (r_i (k_i − r_i)), r_i the pupil's full-credit count and k_i the number
//!   of their scored tasks; pupils with r_i = 0 or r_i = k_i (or fewer than [`MIN_TASKS`] scored
//!   tasks) have no Gnormed. Gnormed lies in [0, 1]: 0 for a perfect Guttman pattern, 1 when
//!   every solved task is harder than every failed one.
//! * **District threshold**: the `person_fit_percentile` (95th) percentile of Gnormed over all
//!   participants of the procedure.
//! * **Unit**: a class with at least `min_class` pupils with a Gnormed (pupils without a class
//!   form one unit per school: a test centre is tested as a whole). Statistic (value): the share
//!   of its pupils strictly above the district's threshold; reference: the same share in the
//!   whole district (at most 5 %, less where Gnormed ties at the percentile); threshold: the
//!   expected share `person_fit_expected` (5 %).
//! * **Test**: one-sided binomial, P(X >= above) for X ~ Bin(n, `person_fit_expected`). The
//!   strict "above" makes it conservative when Gnormed ties at the percentile.
//! * **Spread**: the p is the larger of the binomial p and the p against the spread of the
//!   classes' excess share (share − expected, se = √(e (1 − e) / n)) ([`super::spread`]).
//! * **Effect**: the share above exceeds the expected share by `person_fit_min_excess` (10 p.p.).
//!   A supporting sign: it counts only beside another sign of the same work
//!   ([`super::Indicator::supporting`]).

use super::spread;
use super::units::{binomial_upper, classes, quantile};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::{Dataset, Procedure};
use crate::stats::tasks::score;

/// Fewer scored tasks than this give no Gnormed (a Guttman pattern of 2–3 tasks says little).
pub const MIN_TASKS: usize = 4;

/// Full-credit indicators of row `i`: `Some(true)` for full marks, `Some(false)` for less,
/// `None` without a score (or for a task whose maximum is unknown).
pub fn full_credit(p: &Procedure, i: usize) -> Vec<Option<bool>> {
    let k = p.tasks.len();
    (0..k)
        .map(|j| {
            let max = p.tasks[j].max;
            if max == 0 {
                return None;
            }
            score(&p.results, k, i, j).map(|s| s >= max)
        })
        .collect()
}

/// The district's share of full credit per task among the participants with a score on it
/// (`None` for a task nobody has a score on).
pub fn difficulty(p: &Procedure) -> Vec<Option<f64>> {
    let k = p.tasks.len();
    let r = &p.results;
    let mut full = vec![0usize; k];
    let mut seen = vec![0usize; k];
    for i in (0..r.len()).filter(|&i| !r.absent[i]) {
        for (j, x) in full_credit(p, i).into_iter().enumerate() {
            if let Some(x) = x {
                seen[j] += 1;
                full[j] += x as usize;
            }
        }
    }
    (0..k)
        .map(|j| (seen[j] > 0).then(|| full[j] as f64 / seen[j] as f64))
        .collect()
}

/// Tasks with a district difficulty, easiest first, with the index of their tie group (tasks of
/// equal difficulty share one).
pub fn order(difficulty: &[Option<f64>]) -> Vec<(usize, usize)> {
    let mut o: Vec<(usize, f64)> = difficulty
        .iter()
        .enumerate()
        .filter_map(|(j, d)| d.map(|d| (j, d)))
        .collect();
    o.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = Vec::with_capacity(o.len());
    let mut group = 0;
    for (n, &(j, d)) in o.iter().enumerate() {
        if n > 0 && d != o[n - 1].1 {
            group += 1;
        }
        out.push((j, group));
    }
    out
}

/// Guttman errors G, full-credit count r and scored tasks k of one pupil; `x` are the pupil's
/// full-credit indicators by task, `order` from [`order`].
pub fn guttman(x: &[Option<bool>], order: &[(usize, usize)]) -> (usize, usize, usize) {
    let (mut g, mut r, mut k) = (0usize, 0usize, 0usize);
    // Failed tasks strictly easier than the current tie group, and the group's own counts.
    let (mut failed_easier, mut failed_here, mut solved_here) = (0usize, 0usize, 0usize);
    let mut current = usize::MAX;
    for &(j, group) in order {
        let Some(v) = x.get(j).copied().flatten() else {
            continue;
        };
        if group != current {
            g += solved_here * failed_easier;
            failed_easier += failed_here;
            failed_here = 0;
            solved_here = 0;
            current = group;
        }
        k += 1;
        if v {
            r += 1;
            solved_here += 1;
        } else {
            failed_here += 1;
        }
    }
    g += solved_here * failed_easier;
    (g, r, k)
}

/// Gnormed = G / (r (k − r)); `None` for r = 0, r = k or fewer than [`MIN_TASKS`] scored tasks.
pub fn gnormed(x: &[Option<bool>], order: &[(usize, usize)]) -> Option<f64> {
    let (g, r, k) = guttman(x, order);
    if k < MIN_TASKS || r == 0 || r == k {
        return None;
    }
    Some(g as f64 / (r * (k - r)) as f64)
}

/// Gnormed of every row of the procedure (`None` for the absent and the pupils without one).
pub fn gnormed_all(p: &Procedure) -> Vec<Option<f64>> {
    let o = order(&difficulty(p));
    let r = &p.results;
    (0..r.len())
        .map(|i| {
            if r.absent[i] {
                None
            } else {
                gnormed(&full_credit(p, i), &o)
            }
        })
        .collect()
}

/// Shares of `v` in tenths: [0, 0.1), [0.1, 0.2), …, [0.9, 1.0] (1.0 in the last).
pub fn tenths(v: &[f64]) -> Vec<f64> {
    let mut h = [0usize; 10];
    for &x in v {
        h[((x * 10.0).floor().max(0.0) as usize).min(9)] += 1;
    }
    let n = v.len().max(1) as f64;
    h.iter().map(|&c| c as f64 / n).collect()
}

/// One candidate per class (or class-less school) with at least `min_class` pupils with a
/// Gnormed, for every procedure with task scores.
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in &ds.procedures {
        if p.tasks.len() < MIN_TASKS {
            continue;
        }
        let g = gnormed_all(p);
        let all: Vec<f64> = g.iter().flatten().copied().collect();
        let Some(p95) = quantile(&all, s.person_fit_percentile) else {
            continue;
        };
        let district_above = all.iter().filter(|&&x| x > p95).count();
        let district_share = district_above as f64 / all.len() as f64;
        let district_hist = tenths(&all);
        let e = s.person_fit_expected;
        // (unit, pupils' Gnormed, above)
        let tested: Vec<_> = classes(ds, p, s.min_class)
            .into_iter()
            .filter_map(|u| {
                let v: Vec<f64> = u.rows.iter().filter_map(|&i| g[i]).collect();
                let above = v.iter().filter(|&&x| x > p95).count();
                (v.len() >= s.min_class).then_some((u, v, above))
            })
            .collect();
        let xs: Vec<(f64, f64)> = tested
            .iter()
            .map(|(_, v, above)| {
                let n = v.len() as f64;
                (*above as f64 / n - e, (e * (1.0 - e) / n).sqrt())
            })
            .collect();
        let exact: Vec<f64> = tested
            .iter()
            .map(|(_, v, above)| binomial_upper(*above as u64, v.len() as u64, e))
            .collect();
        let (fitted, p_spread) = if s.spread {
            spread::p_values(&xs, &exact)
        } else {
            (None, vec![None; xs.len()])
        };
        let rows = tested.into_iter().zip(xs).zip(exact).zip(p_spread);
        for ((((u, v, above), (size, se)), p_sampling), ps) in rows {
            let share = above as f64 / v.len() as f64;
            out.push(Candidate {
                indicator: Indicator::PersonFit,
                school: u.school.to_string(),
                procedure: p.key.id(),
                class: u.class.map(str::to_string),
                value: share,
                reference: district_share,
                threshold: e,
                n: v.len(),
                size,
                se: Some(se),
                spread: fitted,
                p_sampling: Some(p_sampling),
                p: spread::combine(Some(p_sampling), ps),
                effect: share > e && size >= s.person_fit_min_excess,
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

    /// Nine pupils, four tasks of max 1 (A, B, C, D):
    ///
    /// ```text
    ///       A B C D   r  G  Gnormed
    /// P0    1 1 1 1   4  –  – (r = k)
    /// P1    1 1 1 0   3  0  0
    /// P2    1 1 0 0   2  0  0
    /// P3    1 0 0 1   2  2  2/(2·2) = 0.5   (D solved, B and C easier and failed)
    /// P4    1 0 0 0   1  0  0
    /// P5    0 1 1 0   2  2  2/(2·2) = 0.5   (B and C solved, A easier and failed)
    /// P6    1 1 1 0   3  0  0
    /// P7    0 0 0 1   1  3  3/(1·3) = 1     (D solved, A, B, C easier and failed)
    /// P8    0 0 0 0   0  –  – (r = 0)
    /// full  6 5 4 3   of 9: p_R = 6/9 > 5/9 > 4/9 > 3/9, so A is the easiest
    /// ```
    #[test]
    fn guttman_errors_by_hand() {
        let m: [[u8; 4]; 9] = [
            [1, 1, 1, 1],
            [1, 1, 1, 0],
            [1, 1, 0, 0],
            [1, 0, 0, 1],
            [1, 0, 0, 0],
            [0, 1, 1, 0],
            [1, 1, 1, 0],
            [0, 0, 0, 1],
            [0, 0, 0, 0],
        ];
        let rows = m.iter().map(|x| pupil(0, "5А", x, None, None)).collect();
        let ds = dataset(1, rows);
        let p = &ds.procedures[0];
        let d = difficulty(p);
        assert_eq!(
            d,
            vec![Some(6. / 9.), Some(5. / 9.), Some(4. / 9.), Some(3. / 9.)]
        );
        let o = order(&d);
        assert_eq!(o, vec![(0, 0), (1, 1), (2, 2), (3, 3)]);
        let want_g = [
            None,
            Some(0),
            Some(0),
            Some(2),
            Some(0),
            Some(2),
            Some(0),
            Some(3),
            None,
        ];
        let want = [
            None,
            Some(0.0),
            Some(0.0),
            Some(0.5),
            Some(0.0),
            Some(0.5),
            Some(0.0),
            Some(1.0),
            None,
        ];
        for i in 0..9 {
            let (g, r, k) = guttman(&full_credit(p, i), &o);
            assert_eq!(k, 4);
            assert_eq!(r, m[i].iter().map(|&x| x as usize).sum::<usize>());
            if let Some(wg) = want_g[i] {
                assert_eq!(g, wg, "P{i}");
            }
        }
        assert_eq!(gnormed_all(p), want.to_vec());
    }

    /// Ties make no error (p_R equal: neither task is easier). A task without a score is left
    /// out: of the scored tasks 0, 2, 3, 4 (easiest first) the pupil solves 0, 3, 4 and fails 2,
    /// which is easier than 3 and 4: G = 2, r = 3, k = 4, Gnormed = 2 / (3 · 1). With two tasks
    /// unscored only three remain: no Gnormed. Polytomous tasks count full marks only.
    #[test]
    fn ties_missing_and_partial_credit() {
        let o = order(&[Some(0.5), Some(0.5), Some(0.5), Some(0.5)]);
        assert_eq!(
            guttman(&[Some(false), Some(true), Some(false), Some(true)], &o).0,
            0
        );
        let o = order(&[Some(0.9), Some(0.8), Some(0.7), Some(0.6), Some(0.5)]);
        let x = [Some(true), None, Some(false), Some(true), Some(true)];
        // Scored: 0 (solved), 2 (failed), 3 (solved, 2 is easier), 4 (solved, 2 is easier).
        assert_eq!(guttman(&x, &o), (2, 3, 4));
        assert_eq!(gnormed(&x, &o), Some(2.0 / 3.0));
        assert_eq!(
            gnormed(&[Some(true), None, Some(false), Some(true), None], &o),
            None
        );

        // Task 2 has max 2: a score of 1 is not full credit.
        let rows = vec![
            pupil(0, "5А", &[1, 2, 1, 1], None, None),
            pupil(0, "5А", &[0, 1, 0, 0], None, None),
        ];
        let ds = dataset(1, rows);
        let p = &ds.procedures[0];
        assert_eq!(
            full_credit(p, 1),
            vec![Some(false), Some(false), Some(false), Some(false)]
        );
        assert_eq!(difficulty(p), vec![Some(0.5); 4]);
    }

    #[test]
    fn tenths_are_shares() {
        let h = tenths(&[0.0, 0.05, 0.5, 0.99, 1.0]);
        assert_eq!(h.len(), 10);
        assert_eq!(h[0], 0.4);
        assert_eq!(h[5], 0.2);
        assert_eq!(h[9], 0.4);
        assert!((h.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    /// Ten schools of 12 Guttman-consistent pupils (r = 1..5 of six tasks: no error) and one
    /// noisy pupil (1 0 1 0 1 0: Gnormed = (1 + 2) / (3 · 3) = 1/3) each; in S9 six of the twelve
    /// answer 0 0 1 1 1 0 instead (Gnormed = 6 / 9 = 2/3). Full credit by task: 124, 86, 73, 44,
    /// 35, 0 of 130 (the order stays 1..6). District: 114 zeros, 10 × 1/3, 6 × 2/3; the 95th
    /// percentile (position 0.95 · 129 = 122.55) is 1/3, so only S9's six are above it.
    /// P(X >= 6 | Bin(13, 0.05)) ≈ 2.0e-5; the clean classes (0 above) have p = 1.
    #[test]
    fn a_class_of_backward_patterns() {
        let mut rows = Vec::new();
        for s in 0..10u32 {
            for i in 0..13 {
                let sc: Vec<u8> = if i == 12 {
                    vec![1, 0, 1, 0, 1, 0]
                } else if s == 9 && i < 6 {
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
        assert_eq!(c.len(), 10);
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        let Evidence::PersonFit {
            above,
            p95,
            unit_hist,
            district_hist,
        } = &z.evidence
        else {
            panic!()
        };
        assert_eq!(*above, 6);
        assert_eq!(z.n, 13);
        assert_eq!(z.class.as_deref(), Some("5А"));
        assert!((p95 - 1.0 / 3.0).abs() < 1e-12, "{p95}");
        assert!((z.value - 6.0 / 13.0).abs() < 1e-12);
        assert!((z.reference - 6.0 / 130.0).abs() < 1e-12);
        assert_eq!(z.threshold, 0.05);
        assert!((z.p.unwrap() - binomial_upper(6, 13, 0.05)).abs() < 1e-15);
        assert!(z.p.unwrap() < 1e-4);
        assert!(z.effect);
        assert_eq!(unit_hist.len(), 10);
        assert_eq!(district_hist.len(), 10);
        assert!((unit_hist[6] - 6.0 / 13.0).abs() < 1e-12);
        let signs = crate::objectivity::decide(c.clone(), &Settings::default());
        for sg in &signs {
            assert_eq!(
                sg.fired,
                sg.candidate.school == "S9",
                "{}",
                sg.candidate.school
            );
        }
        // A clean class: nobody above the threshold, p = 1, no effect.
        let clean = c.iter().find(|c| c.school == "S0").unwrap();
        assert_eq!(clean.value, 0.0);
        assert_eq!(clean.p, Some(1.0));
        assert!(!clean.effect);
    }

    /// Classes below `min_class` pupils with a Gnormed are not tested; procedures with fewer than
    /// four tasks neither.
    #[test]
    fn small_units_are_not_tested() {
        let rows = (0..9)
            .map(|i| pupil(0, "5А", &[1, (i % 2) as u8, 0, 1], None, None))
            .collect();
        assert!(candidates(&dataset(1, rows), &Settings::default()).is_empty());
        let rows = (0..20)
            .map(|i| pupil(0, "5А", &[1, (i % 2) as u8, 0], None, None))
            .collect();
        assert!(candidates(&dataset(1, rows), &Settings::default()).is_empty());
    }
}
