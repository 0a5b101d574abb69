//! §3.1 Journal concordance. D = mark for the work − journal mark over the unit's participants
//! with both marks (1..=5, as [`crate::stats::concordance`]); groups [S]: «понизили» (D < 0),
//! «подтвердили» (D = 0), «повысили» (D > 0), |D| >= 2.
//!
//! Rule [P]. The unit is a school × procedure with at least `min_unit` participants with both
//! marks. Two directions are tested:
//! * «повысили» (the work's mark above the journal: the work was marked leniently);
//! * «понизили» (the work's mark below the journal: the journal marks are inflated).
//!
//! The reference is the rest of the district (every participant of the procedure outside the
//! school, small schools included): leaving the unit out keeps a large school from lowering its
//! own yardstick. The rate is taken per work mark m (stratified, indirect standardisation):
//! R_m = (k_Rm + ½)/(n_Rm + 1), the share of the direction among the rest's pupils with the same
//! work mark (½ and 1 keep a rate of 0 from making one pupil infinitely significant). The
//! stratification is ours and matters: the shares depend on the mark mix, because a pupil with
//! a «2» for the work can only be «понижен» (journals rarely hold a 2) and one with a «5» only
//! «повышен»; without it every weak school looks as if its journal marks were inflated and every
//! strong one as if its work was marked leniently. With k of the unit's n pupils in the direction,
//! k ~ Σ_m Bin(n_m, R_m) under no difference, and p = P(X >= k) (one-sided, exact: the
//! convolution of the per-mark binomials; with one work mark it is the plain binomial tail).
//! Effect: share k/n > the expected share E = Σ_m n_m R_m / n, share − E >=
//! `concordance_min_excess` (10 p.p.; the effect size), and share >= the
//! `concordance_percentile` (90th) quantile of the shares of the district's testable units.
//! The direction's p is the larger of the exact p and the p against the spread of the units'
//! excess in that direction ([`super::spread`]; se = √(Σ_m n_m R_m (1 − R_m)) / n): journals
//! are marked more or less strictly from school to school, and that honest spread is no sign.
//!
//! One candidate per unit: the direction whose effect holds (if both or neither, the one with the
//! smaller p; ties go to «повысили»), with p doubled (Bonferroni over the two directions; BH then
//! works across units). The candidate's `value` is the unit's share of that direction,
//! `reference` the expected share E, `threshold` the percentile, `n` the pupils with both marks;
//! the evidence holds all four shares of the unit and of the rest of the district.

use super::units::{quantile, schools};
use super::{habit, spread};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::{Dataset, PupilResults};
use crate::stats::tasks::participants;
use crate::stats::{concordance, participant_rows, Concordance};
use statrs::distribution::{Binomial, Discrete};

/// [lowered, confirmed, raised, two_plus] counts.
fn counts(c: &Concordance) -> [usize; 4] {
    [c.n_lowered, c.n_confirmed, c.n_raised, c.n_two_plus]
}

fn shares(c: [usize; 4], n: usize) -> [f64; 4] {
    let n = n.max(1) as f64;
    c.map(|x| x as f64 / n)
}

/// Per mark 1..=5: [pupils with both marks, lowered, raised]; the work's mark (index 0) and
/// the journal mark (index 1).
type Strata = [[[usize; 3]; 5]; 2];

fn strata(r: &PupilResults, rows: &[usize]) -> Strata {
    let valid = |m: Option<&Option<u8>>| m.copied().flatten().filter(|m| (1..=5).contains(m));
    let mut s = [[[0usize; 3]; 5]; 2];
    for i in participants(r, rows) {
        let (Some(m), Some(j)) = (valid(r.mark.get(i)), valid(r.journal.get(i))) else {
            continue;
        };
        for (by, key) in [(0, m), (1, j)] {
            let x = &mut s[by][key as usize - 1];
            x[0] += 1;
            x[1] += (m < j) as usize;
            x[2] += (m > j) as usize;
        }
    }
    s
}

/// P(X >= k) for X = Σ X_m, X_m ~ Bin(n_m, p_m) independent: the exact convolution of the
/// binomial distributions (O(n²) for n = Σ n_m).
pub(crate) fn poisson_binomial_upper(k: usize, parts: &[(usize, f64)]) -> f64 {
    if k == 0 {
        return 1.0;
    }
    let mut pmf = vec![1.0f64];
    for &(n, p) in parts.iter().filter(|x| x.0 > 0) {
        let Ok(b) = Binomial::new(p.clamp(0.0, 1.0), n as u64) else {
            return 1.0;
        };
        let bp: Vec<f64> = (0..=n as u64).map(|x| b.pmf(x)).collect();
        let mut next = vec![0.0; pmf.len() + n];
        for (a, &pa) in pmf.iter().enumerate().filter(|x| *x.1 > 0.0) {
            for (c, &pc) in bp.iter().enumerate() {
                next[a + c] += pa * pc;
            }
        }
        pmf = next;
    }
    pmf.get(k..)
        .map_or(0.0, |t| t.iter().sum::<f64>())
        .clamp(0.0, 1.0)
}

/// The test of one direction.
struct Direction {
    raised: bool,
    share: f64,
    expected: f64,
    /// Sampling error of share − expected: √(Σ n_m R_m (1 − R_m)) / n.
    se: f64,
    p: f64,
    pct: f64,
    /// Direction, percentile and minimum excess hold.
    effect: bool,
}

impl Direction {
    fn size(&self) -> f64 {
        self.share - self.expected
    }
}

/// One testable unit of one procedure, before the school's habit is known.
struct Unit<'a> {
    procedure: String,
    /// The work is checked independently: only «понизили» is tested.
    independent: bool,
    school: &'a str,
    counts: [usize; 4],
    n: usize,
    rest: [usize; 4],
    rest_n: usize,
    /// [raised, lowered].
    dirs: [Direction; 2],
    /// The spread of each direction's excess over the procedure's units, and this unit's p
    /// against it.
    spreads: [(Option<spread::Spread>, Option<f64>); 2],
}

/// The units of one procedure with both directions tested against the district.
fn procedure_units<'a>(
    p: &'a crate::model::Procedure,
    ds: &'a Dataset,
    s: &Settings,
) -> Vec<Unit<'a>> {
    let r = &p.results;
    let all = participant_rows(r);
    let Some(district) = concordance(r, &all) else {
        return Vec::new();
    };
    let dc = counts(&district);
    let ds_strata = strata(r, &all);
    let units: Vec<(&str, [usize; 4], usize, Strata)> = schools(ds, p, s.min_unit)
        .into_iter()
        .filter_map(|u| {
            let c = concordance(r, &u.rows)?;
            (c.n >= s.min_unit && c.n < district.n)
                .then(|| (u.school, counts(&c), c.n, strata(r, &u.rows)))
        })
        .collect();
    // The district's percentile of each direction's share over the testable units.
    let pct = |k: usize| {
        let v: Vec<f64> = units
            .iter()
            .map(|(_, c, n, _)| c[k] as f64 / *n as f64)
            .collect();
        quantile(&v, s.concordance_percentile)
    };
    let (Some(p_lowered), Some(p_raised)) = (pct(0), pct(2)) else {
        return Vec::new();
    };
    // `k`: index into the counts (0 lowered, 2 raised); `g`: into the strata.
    let test = |c: &[usize; 4], n: usize, st: &Strata, k: usize, g: usize, raised: bool| {
        // «повысили» is read per journal mark, «понизили» per work mark: each direction is
        // stratified by the mark it does not suspect.
        let by = usize::from(raised);
        let (d, st) = (&ds_strata[by], &st[by]);
        let parts: Vec<(usize, f64)> = (0..5)
            .map(|m| {
                let (rn, rk) = (d[m][0] - st[m][0], d[m][g] - st[m][g]);
                (st[m][0], (rk as f64 + 0.5) / (rn as f64 + 1.0))
            })
            .collect();
        let nf = n as f64;
        let expected = parts.iter().map(|(nm, q)| *nm as f64 * q).sum::<f64>() / nf;
        let var: f64 = parts.iter().map(|(nm, q)| *nm as f64 * q * (1.0 - q)).sum();
        let share = c[k] as f64 / nf;
        let pct = if raised { p_raised } else { p_lowered };
        Direction {
            raised,
            share,
            expected,
            se: var.sqrt() / nf,
            p: poisson_binomial_upper(c[k], &parts),
            pct,
            effect: share > expected
                && share >= pct
                && share - expected >= s.concordance_min_excess,
        }
    };
    let dirs: Vec<[Direction; 2]> = units
        .iter()
        .map(|(_, c, n, st)| [test(c, *n, st, 2, 2, true), test(c, *n, st, 0, 1, false)])
        .collect();
    // The spread of each direction's excess over the procedure's units.
    let fit = |d: usize| {
        let xs: Vec<(f64, f64)> = dirs.iter().map(|u| (u[d].size(), u[d].se)).collect();
        let exact: Vec<f64> = dirs.iter().map(|u| u[d].p).collect();
        if s.spread {
            spread::p_values(&xs, &exact)
        } else {
            (None, vec![None; xs.len()])
        }
    };
    let fits = [fit(0), fit(1)];
    units
        .into_iter()
        .zip(dirs)
        .enumerate()
        .map(|(u, ((school, c, n, _), dirs))| Unit {
            procedure: p.key.id(),
            independent: s.independence.is_independent(p.key.kind),
            school,
            counts: c,
            n,
            rest: [0, 1, 2, 3].map(|x| dc[x] - c[x]),
            rest_n: district.n - n,
            dirs,
            spreads: [0, 1].map(|d| (fits[d].0, fits[d].1[u])),
        })
        .collect()
}

/// One candidate per school × procedure with journal marks (see the module's rule).
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let units: Vec<Unit> = ds
        .procedures
        .iter()
        .flat_map(|p| procedure_units(p, ds, s))
        .collect();
    // Each direction's contrast with the school's other works, and the spread of the
    // contrasts over each procedure's units.
    let habits: [Vec<Option<habit::Contrast>>; 2] = [0, 1].map(|d| {
        let xs: Vec<(&str, f64, f64)> = units
            .iter()
            .map(|u| (u.school, u.dirs[d].size(), u.dirs[d].se))
            .collect();
        if s.spread {
            habit::contrasts(&xs)
        } else {
            vec![None; xs.len()]
        }
    });
    let mut contrast_spread: std::collections::HashMap<(&str, usize), Option<spread::Spread>> =
        std::collections::HashMap::new();
    for (d, hs) in habits.iter().enumerate() {
        let mut by_proc: std::collections::HashMap<&str, Vec<(f64, f64)>> =
            std::collections::HashMap::new();
        for (u, h) in units.iter().zip(hs) {
            if let Some(h) = h {
                by_proc
                    .entry(u.procedure.as_str())
                    .or_default()
                    .push((h.contrast, h.se));
            }
        }
        for (proc, xs) in by_proc {
            contrast_spread.insert((proc, d), spread::Spread::fit(&xs));
        }
    }
    let mut out = Vec::new();
    for (i, u) in units.iter().enumerate() {
        // Each direction: its p (the larger of the exact p and the p against the school's
        // other works, or against the spread of the procedure's units when the school has no
        // other work), ×2 (Bonferroni over the two directions; BH then works across units;
        // an independently checked work tests «понизили» only, ×1);
        // its effect and effect size (the smaller of the excess over the district and the
        // contrast with the school's habit).
        let judged: Vec<(f64, bool, f64, Option<f64>)> = (0..2)
            .map(|d| {
                let dir = &u.dirs[d];
                let h = habits[d][i];
                let against_school = h.and_then(|h| {
                    let sp = contrast_spread
                        .get(&(u.procedure.as_str(), d))
                        .copied()
                        .flatten()?;
                    sp.p_upper(h.contrast, h.se)
                });
                let (p, effect, size) = match (h, against_school) {
                    (Some(h), Some(ps)) => (
                        dir.p.max(ps),
                        dir.effect && h.contrast >= s.concordance_min_excess,
                        dir.size().min(h.contrast),
                    ),
                    _ => (
                        spread::combine(Some(dir.p), u.spreads[d].1).unwrap_or(1.0),
                        dir.effect,
                        dir.size(),
                    ),
                };
                if u.independent && dir.raised {
                    (1.0, false, size, h.map(|h| h.habit))
                } else {
                    let looks = if u.independent { 1.0 } else { 2.0 };
                    ((looks * p).min(1.0), effect, size, h.map(|h| h.habit))
                }
            })
            .collect();
        let pick = if judged[0].1 != judged[1].1 {
            usize::from(!judged[0].1)
        } else {
            usize::from(judged[1].0 < judged[0].0)
        };
        let d = &u.dirs[pick];
        let (p, effect, size, school_habit) = judged[pick];
        out.push(Candidate {
            indicator: Indicator::Concordance,
            school: u.school.to_string(),
            procedure: u.procedure.clone(),
            class: None,
            value: d.share,
            reference: d.expected,
            threshold: d.pct,
            n: u.n,
            size,
            se: Some(d.se),
            spread: u.spreads[pick].0,
            p_sampling: Some((if u.independent { d.p } else { 2.0 * d.p }).min(1.0)),
            p: Some(p),
            effect,
            evidence: Evidence::Concordance {
                unit: shares(u.counts, u.n),
                district: shares(u.rest, u.rest_n),
                p90: d.pct,
                raised: d.raised,
                school: school_habit,
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objectivity::testutil::{dataset, pupil};

    /// Ten schools of 20 pupils, journal marks 3 (pupils 0 and 10) and 4, and in S0–S8 3, 4 or
    /// 5 journal marks 5 (pupils 2…; S0, S1, S2, S3, …) with a 4 for the work («понизили»).
    /// S0–S8: pupils 1 and 11 have a 5 for the work («повысили»), the others the journal's
    /// mark; S9: pupils 0–15 have one mark more than the journal.
    fn district() -> Dataset {
        let mut rows = Vec::new();
        for s in 0..10u32 {
            for i in 0..20 {
                let lowered = s != 9 && (2..5 + s as usize % 3).contains(&i);
                let journal = match i {
                    0 | 10 => 3,
                    _ if lowered => 5,
                    _ => 4,
                };
                let mark = match (s, i) {
                    (9, 0..=15) | (_, 1 | 11) => journal + 1,
                    _ if lowered => 4,
                    _ => journal,
                };
                rows.push(pupil(s, "5А", &[1, 1], Some(mark), Some(journal)));
            }
        }
        dataset(10, rows)
    }

    /// S9: k = 16 of n = 20 raised. «Повысили» is read per journal mark: the rest of the
    /// district has 18 pupils with a journal 3 (none raised) and 126 with a 4 (18 raised), so
    /// R_3 = 0.5/19, R_4 = 18.5/127, E = (2 R_3 + 18 R_4)/20 = 0.13373394115; p is twice
    /// P(Bin(2, R_3) + Bin(18, R_4) >= 16) (Python, math.comb and fractions): 2 ×
    /// 1.4327269806e-11 = 2.8654539611e-11.
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
            school,
        } = z.evidence
        else {
            panic!()
        };
        assert!(raised);
        assert_eq!(school, None, "one work per school: no habit");
        assert_eq!(unit, [0.0, 0.2, 0.8, 0.0]);
        assert_eq!(district, [0.2, 0.7, 0.1, 0.0]);
        // Shares of raised: nine schools at 0.1 and S9 at 0.8: numpy.quantile(…, 0.9) = 0.17.
        assert!((p90 - 0.17).abs() < 1e-12 && z.threshold == p90);
        assert!((z.value - 0.8).abs() < 1e-12);
        let e = (2.0 * 0.5 / 19.0 + 18.0 * 18.5 / 127.0) / 20.0;
        assert!((z.reference - e).abs() < 1e-15);
        assert!((e - 0.133_733_941_15).abs() < 1e-10);
        let p = z.p.unwrap();
        assert!((p - 2.865_453_961_1e-11).abs() < 1e-20, "{p:e}");
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
                let journal = if i < if s == 9 { 14 } else { 3 } {
                    5
                } else {
                    4
                };
                rows.push(pupil(s, "5А", &[1, 1], Some(4), Some(journal)));
            }
        }
        let c = candidates(&dataset(10, rows), &Settings::default());
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        assert!(matches!(
            z.evidence,
            Evidence::Concordance { raised: false, .. }
        ));
        assert!((z.value - 0.7).abs() < 1e-12 && z.effect);
        assert!(z.p.unwrap() < 1e-6);
    }

    /// Stratification by the work's mark. Ten schools of 40. S0–S8: 8 pupils with a «2» for the
    /// work (6 of them with a journal 3: «понизили») and 32 with a «4» (4 with a journal 5);
    /// S9: 20 with a «2» (15 with a journal 3) and 20 with a «4» (3 with a journal 5). S9's
    /// «понизили» share, 18/40 = 0.45, is far above the rest's 0.25, but that comes from its
    /// «2»s: per mark it is the district's. The rates R_2 = 54.5/73 and R_4 = 36.5/289 give
    /// E = 0.43643; p = 2 P(X >= 18), X = Bin(20, R_2) + Bin(20, R_4): 2 × 0.49425599956 =
    /// 0.98851199911 (Python: the exact convolution with math.comb and fractions). The pooled
    /// binomial would give P(X >= 18 | 40, 90.5/361) = 0.0048001943.
    #[test]
    fn a_weak_school_is_not_an_inflated_journal() {
        let mut rows = Vec::new();
        for s in 0..10u32 {
            let (twos, twos_lowered, fours_lowered) = if s == 9 { (20, 15, 3) } else { (8, 6, 4) };
            for i in 0..40 {
                let (mark, journal) = if i < twos {
                    (2, if i < twos_lowered { 3 } else { 2 })
                } else {
                    (4, if i - twos < fours_lowered { 5 } else { 4 })
                };
                rows.push(pupil(s, "5А", &[1, 1], Some(mark), Some(journal)));
            }
        }
        let c = candidates(&dataset(10, rows), &Settings::default());
        let z = c.iter().find(|c| c.school == "S9").unwrap();
        assert!(matches!(
            z.evidence,
            Evidence::Concordance { raised: false, .. }
        ));
        assert!((z.value - 0.45).abs() < 1e-12);
        let e = (20.0 * 54.5 / 73.0 + 20.0 * 36.5 / 289.0) / 40.0;
        assert!((z.reference - e).abs() < 1e-12);
        assert!((z.p.unwrap() - 0.988_511_999_11).abs() < 1e-10, "{:?}", z.p);
        let pooled = crate::objectivity::units::binomial_upper(18, 40, 90.5 / 361.0);
        assert!((pooled - 0.004_800_194_3).abs() < 1e-9);
        let signs = crate::objectivity::decide(c, &Settings::default());
        assert!(signs.iter().all(|s| !s.fired));
    }

    /// The exact convolution against Python (math.comb, fractions): Bin(3, 0.5) + Bin(2, 0.2),
    /// P(X >= 4) = 3/50 and P(X >= 5) = 1/200; one part is the binomial tail.
    #[test]
    fn poisson_binomial_by_hand() {
        assert!((poisson_binomial_upper(4, &[(3, 0.5), (2, 0.2)]) - 0.06).abs() < 1e-15);
        assert!((poisson_binomial_upper(5, &[(3, 0.5), (0, 0.9), (2, 0.2)]) - 0.005).abs() < 1e-15);
        assert_eq!(poisson_binomial_upper(0, &[(3, 0.5)]), 1.0);
        assert_eq!(poisson_binomial_upper(4, &[(3, 0.5)]), 0.0);
        let b = crate::objectivity::units::binomial_upper(6, 20, 0.1);
        assert!((poisson_binomial_upper(6, &[(20, 0.1)]) - b).abs() < 1e-14);
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
