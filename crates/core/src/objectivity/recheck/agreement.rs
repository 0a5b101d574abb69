//! Agreement between the original marking and the re-check, per school × procedure (with each
//! task), per school (its works pooled) and per procedure (the district's re-checked works, with
//! each task), and the verdict of [`VerdictRule`].
//!
//! - **Exact agreement**: the share of task scores the re-check left unchanged.
//! - **Weighted Cohen's kappa** (quadratic and linear weights) between the original and the
//!   re-checked scores of a task, categories 0..max of the task: `κ = 1 − Σ w·O / Σ w·E` with
//!   `O` the observed and `E` the expected (independent) cross-table, `w_ij = (i−j)²` or `|i−j|`
//!   (as `sklearn.metrics.cohen_kappa_score(a, b, labels=range(max+1), weights=…)`). For a
//!   school × procedure and a procedure also the quadratic kappa of the primary scores. `None`
//!   when there is nothing to agree on (every score the same in both).
//! - **Shift of totals**: mean of (original − re-check) primary scores with its two-sided
//!   Student-t interval; positive means the original marking gave more.
//! - **Marks**: both totals through the procedure's scale (`Scale::mark`): works whose mark
//!   would fall or rise, the mean shift of marks, the marks «2»…«5» before and after.
//!
//! A group of fewer than 5 works gets no figure (figures about fewer than 5 pupils are never
//! shown: METHODOLOGY, privacy), and fewer than the rule's `min_works` (10, the group minimum
//! of METHODOLOGY) no verdict: with 5 works, two marks changed by a re-checker's ordinary
//! disagreement would already be 40 %.

use super::params::{ValidVerdictRule, VerdictRule};
use super::read::RecheckScores;
use crate::lang::Lang;
use crate::model::{Dataset, SCORE_MISSING};
use crate::objectivity::units::binomial_upper;
use crate::privacy::MIN_SHOWN;
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, StudentsT};
use std::collections::BTreeMap;

/// Weights of Cohen's kappa.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weights {
    /// Every disagreement counts 1.
    Unweighted,
    /// `|i − j|`.
    Linear,
    /// `(i − j)²`.
    Quadratic,
}

/// Cohen's kappa of two ratings of the same works on categories `0..=max`. `None` when the
/// vectors differ in length, are empty, hold a value above `max`, `max` is above 1000, or the
/// expected disagreement is 0 (one category only).
pub fn weighted_kappa(a: &[u32], b: &[u32], max: u32, w: Weights) -> Option<f64> {
    if a.len() != b.len() || a.is_empty() || max > 1000 {
        return None;
    }
    let k = max as usize + 1;
    let mut obs = vec![0.0f64; k * k];
    let mut rows = vec![0.0f64; k];
    let mut cols = vec![0.0f64; k];
    for (&x, &y) in a.iter().zip(b) {
        if x > max || y > max {
            return None;
        }
        obs[x as usize * k + y as usize] += 1.0;
        rows[x as usize] += 1.0;
        cols[y as usize] += 1.0;
    }
    let n = a.len() as f64;
    let weight = |i: usize, j: usize| {
        let d = i.abs_diff(j) as f64;
        match w {
            Weights::Unweighted => f64::from(u8::from(i != j)),
            Weights::Linear => d,
            Weights::Quadratic => d * d,
        }
    };
    let (mut o, mut e) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let wij = weight(i, j);
            if wij != 0.0 {
                o += wij * obs[i * k + j];
                e += wij * rows[i] * cols[j] / n;
            }
        }
    }
    (e > 0.0).then(|| 1.0 - o / e)
}

/// The verdict on a group of re-checked works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Fewer works than the rule needs: no figures, no verdict.
    TooFew,
    /// «Подтверждено перепроверкой».
    Confirmed,
    /// «Не подтверждено».
    NotConfirmed,
}

impl Verdict {
    /// The label shown with a school's evidence.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Verdict::TooFew => lang.pick("мало работ для вывода", "too few works for a verdict"),
            Verdict::Confirmed => lang.pick("подтверждено перепроверкой", "confirmed by re-check"),
            Verdict::NotConfirmed => lang.pick("не подтверждено", "not confirmed"),
        }
    }
}

/// Why a group is «не подтверждено».
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Because {
    /// The original totals are higher: mean shift and the lower end of its interval.
    Shift { mean: f64, lower: f64 },
    /// Marks would fall: works whose mark falls, rises, the net share (lowered − raised over
    /// the works) and the one-sided sign-test p of falls against rises.
    MarksLowered {
        lowered: usize,
        raised: usize,
        share: f64,
        p: f64,
    },
    /// A school × procedure of the school is «не подтверждено».
    Procedure { procedure: String },
}

/// Marks from the original and the re-checked totals (procedures with a scale).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarkFigures {
    pub works: usize,
    /// Works whose mark would fall / rise with the re-checked total.
    pub lowered: usize,
    pub raised: usize,
    /// `lowered + raised`: marks that would change.
    pub changed: usize,
    /// `(lowered − raised) / works`: the net share of marks that would fall.
    pub lowered_share: f64,
    /// One-sided sign test of the changed marks: `P(Bin(lowered + raised, ½) ≥ lowered)`.
    pub p_lowered: f64,
    /// Mean of (original − re-checked) marks.
    pub mean_shift: f64,
    /// Counts of «2», «3», «4», «5» from the original and the re-checked totals.
    pub original: [usize; 4],
    pub recheck: [usize; 4],
}

/// The figures of a group with enough works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Task scores compared (both present).
    pub cells: usize,
    /// Share of them the re-check left unchanged.
    pub exact: f64,
    pub mean_original: f64,
    pub mean_recheck: f64,
    /// Mean of (original − re-check) primary scores, its SD and two-sided interval.
    pub mean_shift: f64,
    pub sd_shift: f64,
    pub ci: [f64; 2],
    /// Works whose re-checked total is lower / higher than the original.
    pub totals_lower: usize,
    pub totals_higher: usize,
    /// Quadratic kappa of the primary scores (one procedure only).
    pub kappa_total: Option<f64>,
    pub marks: Option<MarkFigures>,
}

/// A group of works with its verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub works: usize,
    /// `None` below 5 works (privacy).
    pub figures: Option<Figures>,
    /// [`Verdict::TooFew`] below the rule's `min_works`.
    pub verdict: Verdict,
    pub because: Vec<Because>,
}

/// Agreement on one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskAgreement {
    pub label: String,
    pub max: u8,
    /// Works with both scores of the task.
    pub works: usize,
    /// `None` below 5 works (privacy).
    pub figures: Option<TaskFigures>,
}

/// The figures of one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskFigures {
    pub exact: f64,
    pub mean_original: f64,
    pub mean_recheck: f64,
    pub mean_shift: f64,
    pub kappa_linear: Option<f64>,
    pub kappa_quadratic: Option<f64>,
}

/// One school × procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitAgreement {
    pub school: String,
    pub procedure: String,
    pub group: Group,
    pub tasks: Vec<TaskAgreement>,
}

/// One school: its works pooled over procedures, each of its procedures, and its verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolAgreement {
    pub school: String,
    pub name: Option<String>,
    /// All the school's re-checked works (totals in points of their own procedures).
    pub pooled: Group,
    pub units: Vec<UnitAgreement>,
    /// «Не подтверждено» when the pooled works or any school × procedure are; «подтверждено
    /// перепроверкой» when the pooled works have enough works and none is; else too few.
    pub verdict: Verdict,
    pub because: Vec<Because>,
}

/// One procedure: the district's re-checked works, each task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcedureAgreement {
    pub procedure: String,
    pub group: Group,
    pub tasks: Vec<TaskAgreement>,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecheckReport {
    pub rule: VerdictRule,
    /// Re-checked works compared.
    pub works: usize,
    /// Works that no longer match the dataset (a procedure or row gone): not compared.
    pub skipped: usize,
    /// Schools with re-checked works, in dataset order.
    pub schools: Vec<SchoolAgreement>,
    pub procedures: Vec<ProcedureAgreement>,
}

impl RecheckReport {
    /// The agreement of school `code`, when it has re-checked works.
    pub fn school(&self, code: &str) -> Option<&SchoolAgreement> {
        self.schools.iter().find(|s| s.school == code)
    }
}

/// One work: original and re-checked.
struct Pair<'a> {
    proc: usize,
    school: usize,
    orig: &'a [u8],
    re: &'a [u8],
    orig_total: f64,
    re_total: f64,
    /// (original, re-checked) marks when the procedure has a scale.
    marks: Option<(u8, u8)>,
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// Sample SD and the two-sided interval of the mean at `confidence`.
fn interval(d: &[f64], confidence: f64) -> (f64, [f64; 2]) {
    let n = d.len();
    let m = mean(d);
    if n < 2 {
        return (0.0, [m, m]);
    }
    let var = d.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
    let sd = var.sqrt();
    let t = StudentsT::new(0.0, 1.0, (n - 1) as f64)
        .map(|t| t.inverse_cdf(1.0 - (1.0 - confidence) / 2.0))
        .unwrap_or(f64::INFINITY);
    let half = t * sd / (n as f64).sqrt();
    (sd, [m - half, m + half])
}

/// The figures and verdict of a group of works; `one_procedure` allows the kappa of totals.
fn group(pairs: &[&Pair], rule: &VerdictRule, max_total: Option<u32>) -> Group {
    let works = pairs.len();
    if works < MIN_SHOWN {
        return Group {
            works,
            figures: None,
            verdict: Verdict::TooFew,
            because: Vec::new(),
        };
    }
    let (mut cells, mut same) = (0usize, 0usize);
    for p in pairs {
        for (&o, &r) in p.orig.iter().zip(p.re) {
            if o != SCORE_MISSING {
                cells += 1;
                same += usize::from(o == r);
            }
        }
    }
    let shifts: Vec<f64> = pairs.iter().map(|p| p.orig_total - p.re_total).collect();
    let (sd, ci) = interval(&shifts, rule.confidence);
    let mean_shift = mean(&shifts);
    let kappa_total = max_total.and_then(|m| {
        let whole = |x: f64| (x >= 0.0 && x.fract() == 0.0).then_some(x as u32);
        let a: Option<Vec<u32>> = pairs.iter().map(|p| whole(p.orig_total)).collect();
        let b: Option<Vec<u32>> = pairs.iter().map(|p| whole(p.re_total)).collect();
        weighted_kappa(&a?, &b?, m, Weights::Quadratic)
    });
    let with_marks: Vec<(u8, u8)> = pairs.iter().filter_map(|p| p.marks).collect();
    let marks = (!with_marks.is_empty()).then(|| {
        let lowered = with_marks.iter().filter(|(o, r)| r < o).count();
        let raised = with_marks.iter().filter(|(o, r)| r > o).count();
        let mut original = [0usize; 4];
        let mut recheck = [0usize; 4];
        for &(o, r) in &with_marks {
            original[usize::from(o.clamp(2, 5) - 2)] += 1;
            recheck[usize::from(r.clamp(2, 5) - 2)] += 1;
        }
        MarkFigures {
            works: with_marks.len(),
            lowered,
            raised,
            changed: lowered + raised,
            lowered_share: (lowered as f64 - raised as f64) / with_marks.len() as f64,
            p_lowered: binomial_upper(lowered as u64, (lowered + raised) as u64, 0.5),
            mean_shift: with_marks
                .iter()
                .map(|&(o, r)| f64::from(o) - f64::from(r))
                .sum::<f64>()
                / with_marks.len() as f64,
            original,
            recheck,
        }
    });
    let mut because = Vec::new();
    if mean_shift >= rule.min_shift && ci[0] > 0.0 {
        because.push(Because::Shift {
            mean: mean_shift,
            lower: ci[0],
        });
    }
    if let Some(m) = &marks {
        if m.lowered >= m.raised + rule.lowered_min
            && m.lowered_share >= rule.lowered_share
            && m.p_lowered < rule.marks_p
        {
            because.push(Because::MarksLowered {
                lowered: m.lowered,
                raised: m.raised,
                share: m.lowered_share,
                p: m.p_lowered,
            });
        }
    }
    Group {
        works,
        figures: Some(Figures {
            cells,
            exact: same as f64 / cells.max(1) as f64,
            mean_original: mean(&pairs.iter().map(|p| p.orig_total).collect::<Vec<_>>()),
            mean_recheck: mean(&pairs.iter().map(|p| p.re_total).collect::<Vec<_>>()),
            mean_shift,
            sd_shift: sd,
            ci,
            totals_lower: shifts.iter().filter(|&&d| d > 0.0).count(),
            totals_higher: shifts.iter().filter(|&&d| d < 0.0).count(),
            kappa_total,
            marks,
        }),
        verdict: if works < rule.min_works {
            Verdict::TooFew
        } else if because.is_empty() {
            Verdict::Confirmed
        } else {
            Verdict::NotConfirmed
        },
        because: if works < rule.min_works {
            Vec::new()
        } else {
            because
        },
    }
}

/// Per task of procedure `proc` over `pairs` (all of that procedure).
fn tasks(ds: &Dataset, proc: usize, pairs: &[&Pair]) -> Vec<TaskAgreement> {
    ds.procedures[proc]
        .tasks
        .iter()
        .enumerate()
        .map(|(j, t)| {
            let (a, b): (Vec<u32>, Vec<u32>) = pairs
                .iter()
                .filter(|p| p.orig[j] != SCORE_MISSING && p.orig[j] <= t.max)
                .map(|p| (u32::from(p.orig[j]), u32::from(p.re[j])))
                .unzip();
            let works = a.len();
            let figures = (works >= MIN_SHOWN).then(|| {
                let fa: Vec<f64> = a.iter().map(|&x| f64::from(x)).collect();
                let fb: Vec<f64> = b.iter().map(|&x| f64::from(x)).collect();
                TaskFigures {
                    exact: a.iter().zip(&b).filter(|(x, y)| x == y).count() as f64 / works as f64,
                    mean_original: mean(&fa),
                    mean_recheck: mean(&fb),
                    mean_shift: mean(&fa) - mean(&fb),
                    kappa_linear: weighted_kappa(&a, &b, u32::from(t.max), Weights::Linear),
                    kappa_quadratic: weighted_kappa(&a, &b, u32::from(t.max), Weights::Quadratic),
                }
            });
            TaskAgreement {
                label: t.label.clone(),
                max: t.max,
                works,
                figures,
            }
        })
        .collect()
}

/// The largest primary score of a procedure: its maximum, else the largest total seen.
fn max_total(ds: &Dataset, proc: usize, pairs: &[&Pair]) -> Option<u32> {
    let p = &ds.procedures[proc];
    let seen = pairs
        .iter()
        .map(|x| x.orig_total.max(x.re_total))
        .fold(0.0f64, f64::max);
    let m = p.max_total.unwrap_or(0.0).max(seen);
    (m.is_finite() && m >= 0.0).then_some(m.ceil() as u32)
}

/// Compares the original marking with the re-checked scores.
pub fn agreement(ds: &Dataset, scores: &RecheckScores, rule: &ValidVerdictRule) -> RecheckReport {
    let rule = rule.rule();
    let ids: BTreeMap<String, usize> = ds
        .procedures
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.id(), i))
        .collect();
    let mut pairs = Vec::new();
    let mut skipped = 0usize;
    for w in &scores.works {
        let Some(&pi) = ids.get(&w.procedure) else {
            skipped += 1;
            continue;
        };
        let p = &ds.procedures[pi];
        let r = &p.results;
        let k = p.tasks.len();
        if w.index >= r.len() || w.scores.len() != k || r.absent[w.index] {
            skipped += 1;
            continue;
        }
        let orig = r.row(w.index, k);
        let orig_total = r.total[w.index].or_else(|| {
            orig.iter()
                .all(|&x| x != SCORE_MISSING)
                .then(|| orig.iter().map(|&x| f64::from(x)).sum())
        });
        let Some(orig_total) = orig_total else {
            skipped += 1;
            continue;
        };
        let re_total: f64 = w.scores.iter().map(|&x| f64::from(x)).sum();
        pairs.push(Pair {
            proc: pi,
            school: r.school[w.index] as usize,
            orig,
            re: &w.scores,
            orig_total,
            re_total,
            marks: p.scale.map(|s| (s.mark(orig_total), s.mark(re_total))),
        });
    }
    let mut by_unit: BTreeMap<(usize, usize), Vec<&Pair>> = BTreeMap::new();
    let mut by_proc: BTreeMap<usize, Vec<&Pair>> = BTreeMap::new();
    for pair in &pairs {
        by_unit
            .entry((pair.school, pair.proc))
            .or_default()
            .push(pair);
        by_proc.entry(pair.proc).or_default().push(pair);
    }
    let mut schools: BTreeMap<usize, (Vec<&Pair>, Vec<UnitAgreement>)> = BTreeMap::new();
    for (&(s, pi), list) in &by_unit {
        let e = schools.entry(s).or_default();
        e.0.extend(list.iter().copied());
        e.1.push(UnitAgreement {
            school: ds
                .schools
                .get(s)
                .map(|x| x.code.clone())
                .unwrap_or_default(),
            procedure: ds.procedures[pi].key.id(),
            group: group(list, rule, max_total(ds, pi, list)),
            tasks: tasks(ds, pi, list),
        });
    }
    let schools = schools
        .into_iter()
        .map(|(s, (all, units))| {
            let pooled = group(&all, rule, None);
            let mut because = pooled.because.clone();
            for u in &units {
                if u.group.verdict == Verdict::NotConfirmed {
                    because.push(Because::Procedure {
                        procedure: u.procedure.clone(),
                    });
                }
            }
            let verdict = if !because.is_empty() {
                Verdict::NotConfirmed
            } else if pooled.verdict == Verdict::Confirmed {
                Verdict::Confirmed
            } else {
                Verdict::TooFew
            };
            SchoolAgreement {
                school: ds
                    .schools
                    .get(s)
                    .map(|x| x.code.clone())
                    .unwrap_or_default(),
                name: ds.schools.get(s).and_then(|x| x.name.clone()),
                pooled,
                units,
                verdict,
                because,
            }
        })
        .collect();
    let procedures = by_proc
        .iter()
        .map(|(&pi, list)| ProcedureAgreement {
            procedure: ds.procedures[pi].key.id(),
            group: group(list, rule, max_total(ds, pi, list)),
            tasks: tasks(ds, pi, list),
        })
        .collect();
    RecheckReport {
        rule: rule.clone(),
        works: pairs.len(),
        skipped,
        schools,
        procedures,
    }
}
