//! Pupil results of one procedure-year ("sheet"): task scores from the graded response
//! model, absences, `X` cells, and journal marks.

use super::patterns::Plan;
use super::procedures::{mark, Domain, Edition};
use super::pupils::Cohort;
use super::rng::{below, chance, normal, stream, uniform};
use super::schools::School;
use crate::model::{ProcedureKind, TaskLevel};
use std::ops::Range;

/// One pupil row.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub school: u32,
    pub class: u8,
    pub number: u32,
    pub female: bool,
    pub variant: u16,
    pub absent: bool,
    /// Journal mark; `None` = `нет отметки`.
    pub journal: Option<u8>,
}

/// All rows of one edition; rows of a school are contiguous.
pub(crate) struct Sheet {
    pub tasks: usize,
    pub rows: Vec<Row>,
    /// Row-major scores.
    pub scores: Vec<u8>,
    /// Row-major `X` (not done) flags; the score is then 0.
    pub not_done: Vec<bool>,
    /// Row-major scores an objective re-check would give: the same draws without the planted
    /// scoring inflation (a year jump's shift of ability, threshold bunching's added points).
    /// Patterns that are on the paper (copied answer vectors) are in both.
    pub true_scores: Vec<u8>,
    /// Row range of each school.
    pub school_rows: Vec<Range<usize>>,
}

impl Sheet {
    pub(crate) fn total(&self, i: usize) -> u16 {
        self.scores[i * self.tasks..(i + 1) * self.tasks]
            .iter()
            .map(|&s| s as u16)
            .sum()
    }
}

/// Shift of ability for a whole school's ВПР in the jump year (scoring inflation, logits).
const JUMP: f64 = 1.5;

/// Simulates the work of every pupil (absent pupils too; their scores are not written).
pub(crate) fn simulate(
    seed: u64,
    ed: &Edition,
    schools: &[School],
    cohorts: &[&Cohort],
    plan: &Plan,
) -> Sheet {
    let spec = ed.spec();
    let n_tasks = ed.maxes.len();
    let total_pupils: usize = cohorts.iter().map(|c| c.pupils.len()).sum();
    let mut sheet = Sheet {
        tasks: n_tasks,
        rows: Vec::with_capacity(total_pupils),
        scores: Vec::with_capacity(total_pupils * n_tasks),
        not_done: Vec::with_capacity(total_pupils * n_tasks),
        true_scores: Vec::with_capacity(total_pupils * n_tasks),
        school_rows: Vec::with_capacity(schools.len()),
    };
    let x_chance = |level: TaskLevel| match level {
        TaskLevel::Basic => 0.10,
        TaskLevel::Advanced => 0.20,
        TaskLevel::High => 0.35,
    };
    // The planted jump of each school (scoring inflation: not in the true scores).
    let jumps: Vec<f64> = (0..schools.len())
        .map(|s| {
            let jump = spec.kind == ProcedureKind::Vpr
                && plan.jump.contains(&s)
                && plan.jump_year == Some(ed.year);
            if jump {
                JUMP
            } else {
                0.0
            }
        })
        .collect();
    // School-level part of ability (school, cohort, in-depth study, planted jump).
    let bases: Vec<f64> = schools
        .iter()
        .enumerate()
        .map(|(s, school)| {
            let depth = match (school.in_depth, spec.domain) {
                (Some("математика"), Domain::Math) | (Some("русский язык"), Domain::Russian) => {
                    0.25
                }
                _ => 0.0,
            };
            school.effect + cohorts[s].effect + depth + jumps[s]
        })
        .collect();
    let weight: usize = cohorts.iter().map(|c| c.pupils.len()).sum();
    let district = bases
        .iter()
        .zip(cohorts)
        .map(|(b, c)| b * c.pupils.len() as f64)
        .sum::<f64>()
        / weight.max(1) as f64;
    for (s, _) in schools.iter().enumerate() {
        let mut r = stream(seed, &[4, ed.spec as u64, ed.year as u64, s as u64]);
        let cohort = cohorts[s];
        let (lo, hi) = spec.absent;
        let absent_p = lo + (hi - lo) * uniform(&mut r);
        let inversion = plan.inversion.contains(&(s, ed.spec, ed.year));
        // An inverting school's pupils sit at the district's level on average, so that the
        // pattern is the inversion and not the school's level.
        let base = if inversion {
            let n = cohort.pupils.len().max(1) as f64;
            district
                - cohort
                    .pupils
                    .iter()
                    .map(|p| p.ability(spec.domain))
                    .sum::<f64>()
                    / n
        } else {
            bases[s]
        };
        let shifts = if inversion {
            ed.inversion_shifts(district)
        } else {
            Vec::new()
        };
        let start = sheet.rows.len();
        let mut seat = 0u16;
        let mut last_class = u8::MAX;
        for p in &cohort.pupils {
            if p.class != last_class {
                last_class = p.class;
                seat = 0;
            }
            seat += 1;
            let class = if inversion {
                0.0
            } else {
                cohort.class_effect[p.class as usize]
            };
            let theta = base + class + p.ability(spec.domain) + 0.3 * normal(&mut r);
            let variant = match spec.kind {
                ProcedureKind::Oge => 311 + below(&mut r, 6) as u16,
                _ => 1 + (seat + 1) % 2,
            };
            sheet.rows.push(Row {
                school: s as u32,
                class: p.class,
                number: p.number,
                female: p.female,
                variant,
                absent: chance(&mut r, absent_p),
                journal: None,
            });
            for (j, &level) in ed.levels.iter().enumerate() {
                let t = theta + shifts.get(j).copied().unwrap_or(0.0);
                let u = uniform(&mut r);
                let score = ed.score(j, t, u);
                let x = score == 0 && chance(&mut r, x_chance(level));
                sheet.scores.push(score);
                sheet.not_done.push(x);
                // The same draw without the jump (no draw of its own: the files stay the same).
                sheet.true_scores.push(if jumps[s] == 0.0 {
                    score
                } else {
                    ed.score(j, t - jumps[s], u)
                });
            }
        }
        sheet.school_rows.push(start..sheet.rows.len());
    }
    sheet
}

/// Journal marks from the work's final mark: mostly confirmed, more often above the work
/// (lenient journals) than below; rarely `нет отметки`. In a `journal_mismatch` school the
/// work's mark is above the journal for most pupils.
pub(crate) fn journals(
    seed: u64,
    ed: &Edition,
    sheet: &mut Sheet,
    schools: &[School],
    plan: &Plan,
) {
    for (s, school) in schools.iter().enumerate() {
        let mut r = stream(seed, &[5, ed.spec as u64, ed.year as u64, s as u64]);
        let mismatch = plan.journal.contains(&(s, ed.spec, ed.year));
        for i in sheet.school_rows[s].clone() {
            let work = mark(ed.scale, sheet.total(i)) as i16;
            let u = uniform(&mut r);
            let journal = if mismatch && !sheet.rows[i].absent && work >= 3 && u < 0.8 {
                let d = if chance(&mut r, 0.25) { 2 } else { 1 };
                (work - d).max(2)
            } else {
                let d = if u < 0.02 {
                    2
                } else if u < 0.02 + school.lenient {
                    1
                } else if u < 0.02 + school.lenient + school.strict {
                    -1
                } else if u < 0.025 + school.lenient + school.strict {
                    -2
                } else {
                    0
                };
                let j = (work + d).clamp(2, 5);
                if j == 2 && chance(&mut r, 0.6) {
                    3
                } else {
                    j
                }
            };
            sheet.rows[i].journal = if chance(&mut r, 0.02) {
                None
            } else {
                Some(journal as u8)
            };
        }
    }
}
