//! The works of the second district: which procedures exist, their task structure (labels,
//! maxima 1–4, designed levels, curriculum topics) and, per year, an edition with its own item
//! parameters (generalised partial-credit model), conversion scale and file shape.

use super::rng::{stream, Rng};
use integra_core::model::{ProcedureKind, TaskLevel};

/// Which ability a work measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    Math,
    Russian,
    Biology,
}

impl Domain {
    pub fn index(self) -> usize {
        match self {
            Domain::Math => 0,
            Domain::Russian => 1,
            Domain::Biology => 2,
        }
    }
}

/// A procedure as specified, the same every year.
pub struct Spec {
    pub kind: ProcedureKind,
    pub subject: &'static str,
    pub grade: u8,
    pub domain: Domain,
    pub tasks: usize,
    /// Weights of the maxima 1, 2, 3, 4 (empty: the ОГЭ mathematics layout).
    pub maxima: &'static [f64],
    /// Curriculum topics the tasks belong to.
    pub topics: usize,
}

const MATH: &[f64] = &[0.55, 0.3, 0.15, 0.0];
const RUSSIAN: &[f64] = &[0.25, 0.35, 0.25, 0.15];
const BIOLOGY: &[f64] = &[0.5, 0.35, 0.15, 0.0];

/// Every procedure written each year. ОГЭ is checked outside the school (independent).
#[rustfmt::skip]
pub const SPECS: &[Spec] = &[
    Spec { kind: ProcedureKind::Vpr, subject: "Математика", grade: 4, domain: Domain::Math, tasks: 12, maxima: MATH, topics: 4 },
    Spec { kind: ProcedureKind::Vpr, subject: "Математика", grade: 5, domain: Domain::Math, tasks: 14, maxima: MATH, topics: 5 },
    Spec { kind: ProcedureKind::Vpr, subject: "Математика", grade: 6, domain: Domain::Math, tasks: 13, maxima: MATH, topics: 5 },
    Spec { kind: ProcedureKind::Vpr, subject: "Русский язык", grade: 4, domain: Domain::Russian, tasks: 14, maxima: RUSSIAN, topics: 4 },
    Spec { kind: ProcedureKind::Vpr, subject: "Русский язык", grade: 5, domain: Domain::Russian, tasks: 12, maxima: RUSSIAN, topics: 4 },
    Spec { kind: ProcedureKind::Vpr, subject: "Биология", grade: 5, domain: Domain::Biology, tasks: 10, maxima: BIOLOGY, topics: 3 },
    Spec { kind: ProcedureKind::Oge, subject: "Математика", grade: 9, domain: Domain::Math, tasks: 25, maxima: &[], topics: 5 },
    Spec { kind: ProcedureKind::Oge, subject: "Русский язык", grade: 9, domain: Domain::Russian, tasks: 12, maxima: RUSSIAN, topics: 4 },
];

/// One task of a work's structure.
#[derive(Debug, Clone)]
pub struct Task {
    pub label: String,
    pub max: u8,
    /// The level the work's designers gave it (written only in files with levels).
    pub level: TaskLevel,
    pub topic: usize,
    /// Nominal location (logits).
    pub b: f64,
}

/// A task location from the mixture: very easy, medium, hard, very hard.
fn location(r: &mut Rng) -> f64 {
    match r.weighted(&[0.25, 0.45, 0.2, 0.1]) {
        0 => -2.5 + 0.4 * r.normal(),
        1 => -0.5 + 0.6 * r.normal(),
        2 => 1.1 + 0.5 * r.normal(),
        _ => 2.5 + 0.4 * r.normal(),
    }
}

/// The task structure of a spec: labels (`1`, `2`, `3.1`, `3.2`, …), maxima, topics, nominal
/// locations in roughly rising order, and the designed levels (which follow difficulty
/// loosely: a «Б» task can be hard).
pub fn structure(seed: u64, si: usize) -> Vec<Task> {
    let spec = &SPECS[si];
    let mut r = stream(seed, &[1, si as u64]);
    let mut labels = Vec::with_capacity(spec.tasks);
    let mut number = 1;
    while labels.len() < spec.tasks {
        if spec.kind == ProcedureKind::Vpr && spec.tasks - labels.len() >= 2 && r.chance(0.2) {
            labels.push(format!("{number}.1"));
            labels.push(format!("{number}.2"));
        } else {
            labels.push(number.to_string());
        }
        number += 1;
    }
    let mut b: Vec<f64> = (0..spec.tasks).map(|_| location(&mut r)).collect();
    b.sort_by(f64::total_cmp);
    for _ in 0..spec.tasks / 2 {
        let i = r.below(spec.tasks - 1);
        b.swap(i, i + 1);
    }
    let mut tasks: Vec<Task> = labels
        .into_iter()
        .zip(b)
        .enumerate()
        .map(|(j, (label, b))| {
            let max = if spec.maxima.is_empty() {
                if j < 19 {
                    1
                } else {
                    2
                }
            } else {
                1 + r.weighted(spec.maxima) as u8
            };
            let seen = b + 0.6 * r.normal();
            let level = if seen < 0.0 {
                TaskLevel::Basic
            } else if seen < 1.5 {
                TaskLevel::Advanced
            } else {
                TaskLevel::High
            };
            Task {
                label,
                max,
                level,
                topic: r.below(spec.topics),
                b,
            }
        })
        .collect();
    // Every work has basic and harder tasks.
    let basic = |t: &[Task]| t.iter().filter(|x| x.level == TaskLevel::Basic).count();
    while basic(&tasks) < 2 {
        let j = (0..tasks.len())
            .filter(|&j| tasks[j].level != TaskLevel::Basic)
            .min_by(|&a, &c| tasks[a].b.total_cmp(&tasks[c].b))
            .unwrap();
        tasks[j].level = TaskLevel::Basic;
    }
    while tasks.len() - basic(&tasks) < 2 {
        let j = (0..tasks.len())
            .filter(|&j| tasks[j].level == TaskLevel::Basic)
            .max_by(|&a, &c| tasks[a].b.total_cmp(&tasks[c].b))
            .unwrap();
        tasks[j].level = TaskLevel::Advanced;
    }
    tasks
}

/// One procedure in one year.
pub struct Edition {
    pub spec: usize,
    pub year: u16,
    pub file: String,
    pub tasks: Vec<Task>,
    /// Discriminations.
    pub a: Vec<f64>,
    /// Step locations per task (length = maximum).
    pub steps: Vec<Vec<f64>>,
    /// Lowest primary scores of «3», «4», «5».
    pub scale: [u16; 3],
    pub max_total: u16,
    /// Whether the file carries a row of levels.
    pub levels_in_file: bool,
}

impl Edition {
    pub fn spec(&self) -> &'static Spec {
        &SPECS[self.spec]
    }

    /// Category probabilities of task `j` at ability `theta` (GPCM), written into `out`.
    fn probabilities(&self, j: usize, theta: f64, out: &mut [f64; 5]) -> usize {
        let steps = &self.steps[j];
        let mut acc = 0.0;
        out[0] = 1.0;
        let mut total = 1.0;
        for (k, s) in steps.iter().enumerate() {
            acc += self.a[j] * (theta - s);
            out[k + 1] = acc.exp();
            total += out[k + 1];
        }
        for p in out.iter_mut().take(steps.len() + 1) {
            *p /= total;
        }
        steps.len() + 1
    }

    /// A score on task `j` at ability `theta` from one uniform `u`.
    pub fn score(&self, j: usize, theta: f64, u: f64) -> u8 {
        let mut p = [0.0; 5];
        let n = self.probabilities(j, theta, &mut p);
        let mut acc = 0.0;
        for (k, pk) in p.iter().take(n).enumerate() {
            acc += pk;
            if u < acc {
                return k as u8;
            }
        }
        (n - 1) as u8
    }

    /// Expected primary score at ability `theta`.
    pub fn expected_total(&self, theta: f64) -> f64 {
        let mut p = [0.0; 5];
        (0..self.tasks.len())
            .map(|j| {
                let n = self.probabilities(j, theta, &mut p);
                (0..n).map(|k| k as f64 * p[k]).sum::<f64>()
            })
            .sum()
    }

    /// The mark for a primary score.
    pub fn mark(&self, total: u16) -> u8 {
        2 + self.scale.iter().filter(|t| **t <= total).count() as u8
    }

    /// A continuous mark for a (possibly fractional) primary score: rounding gives the
    /// scale's mark (the boundaries sit half a point under each threshold).
    pub fn mark_position(&self, total: f64) -> f64 {
        let [t3, t4, t5] = self.scale.map(f64::from);
        let pts = [
            (0.0, 1.6),
            (t3 - 0.5, 2.5),
            (t4 - 0.5, 3.5),
            (t5 - 0.5, 4.5),
            (f64::from(self.max_total), 5.4),
        ];
        for w in pts.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            if total <= x1 {
                return y0 + (y1 - y0) * ((total - x0) / (x1 - x0)).max(0.0);
            }
        }
        5.4
    }
}

/// The editions: every spec every year, in file order, each with new item parameters around
/// the structure's locations, its own scale (thresholds as shares of the maximum) and, for
/// about half of the files, a row of levels.
pub fn editions(seed: u64, years: &[u16]) -> Vec<Edition> {
    let structures: Vec<Vec<Task>> = (0..SPECS.len()).map(|si| structure(seed, si)).collect();
    let mut out = Vec::new();
    for &year in years {
        for (si, tasks) in structures.iter().enumerate() {
            let mut r = stream(seed, &[2, si as u64, u64::from(year)]);
            let shift = 0.15 * r.normal();
            let mut a = Vec::with_capacity(tasks.len());
            let mut steps = Vec::with_capacity(tasks.len());
            for t in tasks {
                a.push((0.3 * r.normal()).exp());
                let b = t.b + shift + 0.3 * r.normal();
                let spread = r.between(0.4, 1.0);
                let m = f64::from(t.max);
                steps.push(
                    (1..=t.max)
                        .map(|k| b + spread * (f64::from(k) - (m + 1.0) / 2.0) + 0.2 * r.normal())
                        .collect(),
                );
            }
            let max_total: u16 = tasks.iter().map(|t| u16::from(t.max)).sum();
            let m = f64::from(max_total);
            let mut t3 = (m * r.between(0.22, 0.32)).round().max(2.0) as u16;
            let mut t4 = (m * r.between(0.48, 0.58)).round() as u16;
            let mut t5 = (m * r.between(0.72, 0.84)).round() as u16;
            t4 = t4.max(t3 + 2);
            t5 = t5.max(t4 + 2).min(max_total - 1);
            t3 = t3.min(t4 - 1);
            let n = out.len() + 1;
            out.push(Edition {
                spec: si,
                year,
                file: format!("fis_oko_{n:02}.csv"),
                tasks: tasks.clone(),
                a,
                steps,
                scale: [t3, t4, t5],
                max_total,
                levels_in_file: r.chance(0.5),
            });
        }
    }
    out
}
