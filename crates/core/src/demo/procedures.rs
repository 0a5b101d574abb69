//! The catalogue of generated procedures: tasks with labels, maxima and levels, conversion
//! scales per year, and per-edition item parameters for the graded response model.

use super::rng::{normal, sigmoid, stream, uniform};
use crate::model::{ProcedureKind, TaskLevel};
use TaskLevel::{Advanced as P, Basic as B, High as V};

/// Which ability a procedure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Domain {
    Math,
    Russian,
}

/// A procedure as specified (the same every year apart from the scale).
pub(crate) struct Spec {
    pub kind: ProcedureKind,
    pub subject: &'static str,
    pub grade: u8,
    pub domain: Domain,
    /// (label, maximum, level).
    pub tasks: &'static [(&'static str, u8, TaskLevel)],
    /// Lower bounds of «3», «4», «5» in the base year.
    pub scale: [u16; 3],
    /// District mean share of the maximum the difficulties are calibrated to.
    pub target: f64,
    /// Range of the share of absent pupils per school.
    pub absent: (f64, f64),
}

#[rustfmt::skip]
const VPR_MATH_4: &[(&str, u8, TaskLevel)] = &[
    ("1", 1, B), ("2", 1, B), ("3", 2, B), ("4", 1, B), ("5.1", 1, B), ("5.2", 1, P),
    ("6.1", 1, B), ("6.2", 1, P), ("7", 1, B), ("8", 2, P), ("9.1", 1, P), ("9.2", 1, P),
    ("10", 2, P), ("11", 2, V), ("12", 2, V),
];
#[rustfmt::skip]
const VPR_RUS_4: &[(&str, u8, TaskLevel)] = &[
    ("1К1", 3, B), ("1К2", 3, B), ("2", 3, B), ("3.1", 1, B), ("3.2", 3, P), ("4", 2, B),
    ("5", 2, B), ("6", 2, P), ("7", 2, P), ("8", 2, P), ("9", 2, P), ("10", 1, P), ("11", 2, P),
    ("12.1", 1, B), ("12.2", 2, P), ("13.1", 1, B), ("13.2", 2, P), ("14", 2, V), ("15", 2, V),
];
#[rustfmt::skip]
const VPR_MATH_5: &[(&str, u8, TaskLevel)] = &[
    ("1", 1, B), ("2", 1, B), ("3", 1, B), ("4", 1, B), ("5", 1, B), ("6", 1, B), ("7", 1, B),
    ("8", 2, P), ("9", 1, B), ("10", 2, P), ("11", 2, P), ("12.1", 1, P), ("12.2", 1, P),
    ("13", 1, V), ("14", 3, V),
];
#[rustfmt::skip]
const VPR_RUS_5: &[(&str, u8, TaskLevel)] = &[
    ("1К1", 3, B), ("1К2", 3, B), ("1К3", 2, B), ("2К1", 3, B), ("2К2", 3, P), ("2К3", 3, P),
    ("2К4", 3, P), ("3", 2, B), ("4", 2, B), ("5", 2, B), ("6", 2, P), ("7.1", 2, P),
    ("7.2", 1, P), ("8.1", 2, P), ("8.2", 1, P), ("9", 3, V), ("10", 2, P), ("11", 2, V),
    ("12", 2, V), ("13", 2, V),
];
#[rustfmt::skip]
const RDR_MATH_8: &[(&str, u8, TaskLevel)] = &[
    ("1", 1, B), ("2", 1, B), ("3", 1, B), ("4", 1, B), ("5", 1, B), ("6", 1, B), ("7", 1, B),
    ("8", 1, B), ("9", 1, B), ("10", 1, B), ("11", 1, P), ("12", 2, P), ("13", 2, P),
    ("14", 2, V), ("15", 2, V), ("16", 2, V),
];
#[rustfmt::skip]
const OGE_MATH_9: &[(&str, u8, TaskLevel)] = &[
    ("1", 1, B), ("2", 1, B), ("3", 1, B), ("4", 1, B), ("5", 1, B), ("6", 1, B), ("7", 1, B),
    ("8", 1, B), ("9", 1, B), ("10", 1, B), ("11", 1, B), ("12", 1, B), ("13", 1, B),
    ("14", 1, B), ("15", 1, B), ("16", 1, B), ("17", 1, B), ("18", 1, B), ("19", 1, B),
    ("20", 2, P), ("21", 2, P), ("22", 2, V), ("23", 2, P), ("24", 2, P), ("25", 2, V),
];
#[rustfmt::skip]
const OGE_RUS_9: &[(&str, u8, TaskLevel)] = &[
    ("1К1", 2, P), ("1К2", 3, P), ("1К3", 2, P), ("2", 1, B), ("3", 1, B), ("4", 1, B),
    ("5", 1, B), ("6", 1, B), ("7", 1, B), ("8", 1, B), ("9", 1, P), ("10", 1, P), ("11", 1, P),
    ("12", 1, P), ("13К1", 2, V), ("13К2", 3, V), ("13К3", 2, P), ("ГК1", 2, B), ("ГК2", 2, B),
    ("ГК3", 2, B), ("ГК4", 2, B),
];

/// Skills of ВПР Математика 5 per task of [`VPR_MATH_5`] (the demo's «описание заданий»).
const SKILL_NUMBERS: &str =
    "Развитие представлений о числе и числовых системах от натуральных до действительных чисел";
const SKILL_PART: &str = "Умение находить часть числа и число по его части";
const SKILL_WRITTEN: &str = "Овладение навыками письменных вычислений, использование свойств чисел и правил действий при вычислениях";
const SKILL_DATA: &str = "Умение извлекать информацию, представленную в таблицах, на диаграммах";
const SKILL_WORD: &str =
    "Умение решать текстовые задачи арифметическим способом: на движение, работу, покупки";
const SKILL_GEOMETRY: &str = "Овладение геометрическим языком, формирование систематических знаний о плоских фигурах и их свойствах";
const SKILL_PRACTICAL: &str =
    "Умение применять геометрические представления при решении практических задач";
const SKILL_SPACE: &str = "Развитие пространственных представлений";
const SKILL_LOGIC: &str =
    "Умение проводить логические обоснования, решать задачи повышенной трудности";

/// (label, skill) for ВПР Математика 5, in task order.
#[rustfmt::skip]
pub(crate) const VPR_MATH_5_SKILLS: &[(&str, &str)] = &[
    ("1", SKILL_NUMBERS), ("2", SKILL_NUMBERS), ("3", SKILL_NUMBERS), ("4", SKILL_PART),
    ("5", SKILL_WRITTEN), ("6", SKILL_DATA), ("7", SKILL_WRITTEN), ("8", SKILL_WORD),
    ("9", SKILL_DATA), ("10", SKILL_WORD), ("11", SKILL_GEOMETRY), ("12.1", SKILL_PRACTICAL),
    ("12.2", SKILL_PRACTICAL), ("13", SKILL_SPACE), ("14", SKILL_LOGIC),
];

/// Index in [`SPECS`] of ВПР Математика 5.
pub(crate) const VPR_MATH_5_SPEC: usize = 2;

#[rustfmt::skip]
const VPR_ABSENT: (f64, f64) = (0.03, 0.06);

/// Every procedure generated each year.
#[rustfmt::skip]
pub(crate) const SPECS: &[Spec] = &[
    Spec { kind: ProcedureKind::Vpr, subject: "Математика", grade: 4, domain: Domain::Math, tasks: VPR_MATH_4, scale: [6, 10, 14], target: 0.56, absent: VPR_ABSENT },
    Spec { kind: ProcedureKind::Vpr, subject: "Русский язык", grade: 4, domain: Domain::Russian, tasks: VPR_RUS_4, scale: [14, 24, 33], target: 0.61, absent: VPR_ABSENT },
    Spec { kind: ProcedureKind::Vpr, subject: "Математика", grade: 5, domain: Domain::Math, tasks: VPR_MATH_5, scale: [5, 10, 15], target: 0.52, absent: VPR_ABSENT },
    Spec { kind: ProcedureKind::Vpr, subject: "Русский язык", grade: 5, domain: Domain::Russian, tasks: VPR_RUS_5, scale: [18, 29, 39], target: 0.59, absent: VPR_ABSENT },
    Spec { kind: ProcedureKind::Rdr, subject: "Математика", grade: 8, domain: Domain::Math, tasks: RDR_MATH_8, scale: [6, 11, 16], target: 0.52, absent: VPR_ABSENT },
    Spec { kind: ProcedureKind::Oge, subject: "Математика", grade: 9, domain: Domain::Math, tasks: OGE_MATH_9, scale: [8, 15, 22], target: 0.50, absent: (0.005, 0.02) },
    Spec { kind: ProcedureKind::Oge, subject: "Русский язык", grade: 9, domain: Domain::Russian, tasks: OGE_RUS_9, scale: [10, 20, 29], target: 0.62, absent: (0.005, 0.02) },
];

impl Spec {
    pub(crate) fn max_total(&self) -> u16 {
        self.tasks.iter().map(|t| t.1 as u16).sum()
    }

    /// The scale of `year`: published scales move by a point now and then.
    pub(crate) fn scale_for(&self, year: u16) -> [u16; 3] {
        const MOVES: [[i16; 3]; 3] = [[0, 0, 0], [0, 1, 0], [1, 0, -1]];
        let m = MOVES[(year % 3) as usize];
        let s = [0, 1, 2].map(|k| (self.scale[k] as i16 + m[k]).max(1) as u16);
        if s[0] < s[1] && s[1] < s[2] && s[2] < self.max_total() {
            s
        } else {
            self.scale
        }
    }

    /// `ВПР_2025_Математика_5.csv`.
    pub(crate) fn file_name(&self, year: u16) -> String {
        format!(
            "{}_{}_{}_{}.csv",
            self.kind.label(),
            year,
            self.subject.replace(' ', "_"),
            self.grade
        )
    }
}

/// The mark for a primary score on a scale.
pub(crate) fn mark(scale: [u16; 3], total: u16) -> u8 {
    2 + scale.iter().filter(|t| **t <= total).count() as u8
}

/// Upper asymptote of success on a step (slips).
const SURE: f64 = 0.97;

/// Spacing of the step thresholds of a polytomous task (logits).
const STEP: f64 = 0.7;

/// One procedure in one year, with item parameters.
pub(crate) struct Edition {
    pub spec: usize,
    pub year: u16,
    pub file: String,
    pub scale: [u16; 3],
    pub maxes: Vec<u8>,
    pub levels: Vec<TaskLevel>,
    /// Discriminations.
    pub a: Vec<f64>,
    /// Step thresholds per task (length = maximum).
    pub steps: Vec<Vec<f64>>,
}

/// Size of a planted difficulty inversion in task success (share of the maximum).
pub(crate) const INVERSION_P: f64 = 0.17;

impl Edition {
    pub(crate) fn spec(&self) -> &'static Spec {
        &SPECS[self.spec]
    }

    /// A score drawn from the graded response model with one uniform `u`:
    /// `P(X >= k) = SURE sigmoid(a (theta - b_k))` (even the strongest pupils slip now and then).
    pub(crate) fn score(&self, j: usize, theta: f64, u: f64) -> u8 {
        let mut s = 0;
        for (k, b) in self.steps[j].iter().enumerate() {
            if u < SURE * sigmoid(self.a[j] * (theta - b)) {
                s = k as u8 + 1;
            } else {
                break;
            }
        }
        s
    }

    fn expected_task(&self, j: usize, theta: f64) -> f64 {
        self.steps[j]
            .iter()
            .map(|b| SURE * sigmoid(self.a[j] * (theta - b)))
            .sum::<f64>()
    }

    fn expected(&self, theta: f64) -> f64 {
        (0..self.a.len())
            .map(|j| self.expected_task(j, theta))
            .sum()
    }

    /// Ability shift per task that moves the mean share of the maximum of a population
    /// centred at `centre` by −[`INVERSION_P`] on basic tasks and +[`INVERSION_P`] on the others.
    pub(crate) fn inversion_shifts(&self, centre: f64) -> Vec<f64> {
        (0..self.a.len())
            .map(|j| {
                let sign = if self.levels[j] == TaskLevel::Basic {
                    -1.0
                } else {
                    1.0
                };
                self.shift_for(j, centre, sign * INVERSION_P)
            })
            .collect()
    }

    /// Mean share of the maximum on task `j` for a population centred at `centre`.
    pub(crate) fn share(&self, j: usize, centre: f64) -> f64 {
        let (mut num, mut den) = (0.0, 0.0);
        for (t, w) in grid() {
            num += w * self.expected_task(j, t + centre);
            den += w;
        }
        num / den / self.maxes[j] as f64
    }

    /// The shift that changes task `j`'s share by `delta` for a population at `centre`.
    fn shift_for(&self, j: usize, centre: f64, delta: f64) -> f64 {
        let goal = (self.share(j, centre) + delta).clamp(0.02, 0.98);
        let (mut lo, mut hi) = (-4.0, 4.0);
        for _ in 0..40 {
            let c = 0.5 * (lo + hi);
            if self.share(j, centre + c) < goal {
                lo = c;
            } else {
                hi = c;
            }
        }
        0.5 * (lo + hi)
    }
}

/// Ability points and weights for calibration (a coarse normal with SD 1.15).
fn grid() -> impl Iterator<Item = (f64, f64)> {
    (-12..=12).map(|i| {
        let z = i as f64 * 0.25;
        (1.15 * z, super::rng::exp(-0.5 * z * z))
    })
}

/// All editions: for every year, every spec.
pub(crate) fn editions(seed: u64, years: &[u16]) -> Vec<Edition> {
    let mut out = Vec::new();
    for &year in years {
        for (si, spec) in SPECS.iter().enumerate() {
            let mut r = stream(seed, &[2, si as u64, year as u64]);
            let n = spec.tasks.len();
            let mut a = Vec::with_capacity(n);
            let mut b = Vec::with_capacity(n);
            for &(_, _, level) in spec.tasks {
                a.push(0.9 + 0.7 * uniform(&mut r));
                let centre = match level {
                    TaskLevel::Basic => -1.2,
                    TaskLevel::Advanced => 0.3,
                    TaskLevel::High => 1.8,
                };
                b.push(centre + 0.35 * normal(&mut r));
            }
            let mut ed = Edition {
                spec: si,
                year,
                file: spec.file_name(year),
                scale: spec.scale_for(year),
                maxes: spec.tasks.iter().map(|t| t.1).collect(),
                levels: spec.tasks.iter().map(|t| t.2).collect(),
                a,
                steps: Vec::new(),
            };
            // Calibrate a common shift so that the district mean is near the target share.
            let max = spec.max_total() as f64;
            let (mut lo, mut hi) = (-4.0, 4.0);
            for _ in 0..40 {
                let c = 0.5 * (lo + hi);
                ed.steps = steps(&b, &ed.maxes, c);
                let (mut num, mut den) = (0.0, 0.0);
                for (t, w) in grid() {
                    num += w * ed.expected(t);
                    den += w;
                }
                if num / den / max > spec.target {
                    lo = c;
                } else {
                    hi = c;
                }
            }
            ed.steps = steps(&b, &ed.maxes, 0.5 * (lo + hi));
            out.push(ed);
        }
    }
    out
}

fn steps(b: &[f64], maxes: &[u8], shift: f64) -> Vec<Vec<f64>> {
    b.iter()
        .zip(maxes)
        .map(|(b, &m)| {
            (1..=m)
                .map(|k| b + shift + (k as f64 - (m as f64 + 1.0) / 2.0) * STEP)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_consistent() {
        for s in SPECS {
            assert!(s.tasks.iter().all(|t| (1..=3).contains(&t.1)));
            for y in [2023, 2024, 2025, 2026] {
                let sc = s.scale_for(y);
                assert!(sc[0] < sc[1] && sc[1] < sc[2] && sc[2] < s.max_total());
            }
        }
        assert_eq!(SPECS[2].max_total(), 20);
        assert_eq!(SPECS[3].max_total(), 45);
        assert_eq!(SPECS[6].max_total(), 33);
        assert_eq!(mark([5, 10, 15], 4), 2);
        assert_eq!(mark([5, 10, 15], 10), 4);
        assert_eq!(mark([5, 10, 15], 20), 5);
        let eds = editions(1, &[2024]);
        assert_eq!(eds.len(), SPECS.len());
        assert_eq!(eds[2].file, "ВПР_2024_Математика_5.csv");
        // The skills of ВПР Математика 5 follow its tasks.
        let spec = &SPECS[VPR_MATH_5_SPEC];
        assert_eq!(
            (spec.kind, spec.subject, spec.grade),
            (ProcedureKind::Vpr, "Математика", 5)
        );
        assert_eq!(spec.tasks.len(), VPR_MATH_5_SKILLS.len());
        assert!(spec
            .tasks
            .iter()
            .zip(VPR_MATH_5_SKILLS)
            .all(|(t, s)| t.0 == s.0));
    }
}
