//! The work of every pupil of one edition ("sheet"): ability from school, drift, cohort, class
//! and pupil; task scores from the edition's partial-credit model shifted by the school's
//! curriculum line, the class's uncovered topics and its teacher's emphasis; `X` for tasks not
//! attempted; absences; and the journal mark, which the teacher gives from the pupil's term
//! ability (not from this work) with the school's leniency or strictness.

use super::items::Edition;
use super::pupils::Cohort;
use super::rng::stream;
use super::schools::School;
use integra_core::model::{ProcedureKind, TaskLevel};
use std::ops::Range;

/// Journals are a little above the work across the district (mark units).
const LENIENCY: f64 = 0.05;

/// One pupil row.
#[derive(Debug, Clone)]
pub struct Row {
    pub school: usize,
    /// Class label as written (`5Б`).
    pub class: String,
    pub code: u32,
    pub female: bool,
    pub variant: u16,
    pub absent: bool,
    /// Journal mark for the previous term; `None`: no mark.
    pub journal: Option<u8>,
}

/// All rows of an edition; the rows of a school are contiguous.
pub struct Sheet {
    pub k: usize,
    pub rows: Vec<Row>,
    /// Row-major scores.
    pub scores: Vec<u8>,
    /// Row-major «X» flags (score 0, task not attempted).
    pub not_done: Vec<bool>,
    pub school_rows: Vec<Range<usize>>,
}

impl Sheet {
    pub fn total(&self, i: usize) -> u16 {
        self.scores[i * self.k..(i + 1) * self.k]
            .iter()
            .map(|&x| u16::from(x))
            .sum()
    }

    /// Participant rows (not absent) of school `s`.
    pub fn participants(&self, s: usize) -> Vec<usize> {
        self.school_rows[s]
            .clone()
            .filter(|&i| !self.rows[i].absent)
            .collect()
    }

    /// Adds one point to task `j` of row `i` (the cell is no longer «X»).
    pub fn add_point(&mut self, i: usize, j: usize) {
        self.scores[i * self.k + j] += 1;
        self.not_done[i * self.k + j] = false;
    }
}

/// Simulates edition `e` (`year_index` into the district's years) for every school, with the
/// school's cohort of that edition; `jump` schools inflate their ВПР in the last year.
#[allow(clippy::too_many_arguments)]
pub fn simulate(
    seed: u64,
    e: usize,
    ed: &Edition,
    year_index: usize,
    last_year: bool,
    schools: &[School],
    cohorts: &[&Cohort],
    jump: &[usize],
    jump_logits: f64,
) -> Sheet {
    let spec = ed.spec();
    let k = ed.tasks.len();
    let d = spec.domain.index();
    let mut sheet = Sheet {
        k,
        rows: Vec::new(),
        scores: Vec::new(),
        not_done: Vec::new(),
        school_rows: Vec::with_capacity(schools.len()),
    };
    let vpr = spec.kind == ProcedureKind::Vpr;
    for (s, school) in schools.iter().enumerate() {
        let cohort = cohorts[s];
        let mut r = stream(seed, &[20, e as u64, s as u64]);
        let absent_p = if vpr {
            school.absence * r.between(0.6, 1.4)
        } else {
            0.01
        };
        let base = school.effect
            + school.drift[year_index]
            + if spec.grade <= 6 {
                school.primary[year_index]
            } else {
                0.0
            }
            + school.domain[d]
            + cohort.effect;
        let inflation = if vpr && last_year && jump.contains(&s) {
            jump_logits
        } else {
            0.0
        };
        // The school's curriculum line: some topics stronger, some weaker (persistent).
        let mut rc = stream(seed, &[21, s as u64, ed.spec as u64]);
        let line: Vec<f64> = (0..spec.topics).map(|_| 0.3 * rc.normal()).collect();
        // Per class: this year's effect and per-task shifts (line, uncovered topics, teacher).
        let shifts: Vec<(f64, Vec<f64>)> = cohort
            .classes
            .iter()
            .enumerate()
            .map(|(c, class)| {
                let mut ry = stream(
                    seed,
                    &[22, s as u64, cohort.id as u64, c as u64, u64::from(ed.year)],
                );
                let year_effect = 0.2 * ry.normal();
                let uncovered: Vec<bool> = (0..spec.topics).map(|_| ry.chance(0.08)).collect();
                let mut rt = stream(
                    seed,
                    &[
                        23,
                        s as u64,
                        cohort.id as u64,
                        class.teacher as u64,
                        e as u64,
                    ],
                );
                let mut rd = stream(seed, &[24, s as u64, cohort.id as u64, c as u64, e as u64]);
                let task: Vec<f64> = ed
                    .tasks
                    .iter()
                    .map(|t| {
                        let mut x = line[t.topic] + 0.3 * rt.normal();
                        if uncovered[t.topic] {
                            x -= 1.6;
                        }
                        if class.drilled {
                            x += match rd.weighted(&[0.25, 0.25, 0.5]) {
                                0 => -2.0,
                                1 => 1.2,
                                _ => 0.0,
                            };
                        }
                        x
                    })
                    .collect();
                (year_effect, task)
            })
            .collect();
        let start = sheet.rows.len();
        let mut seat = 0u16;
        let mut last_class = usize::MAX;
        for &pi in &cohort.roster(ed.year) {
            let p = &cohort.pupils[pi];
            let class = &cohort.classes[p.class];
            if p.class != last_class {
                last_class = p.class;
                seat = 0;
            }
            seat += 1;
            let (year_effect, task_shift) = &shifts[p.class];
            let theta = base + class.effect + year_effect + class.spread * p.ability[d];
            let work = theta + 0.3 * r.normal() + inflation;
            let absent = r.chance(absent_p);
            for (j, t) in ed.tasks.iter().enumerate() {
                let x = if absent {
                    0
                } else {
                    ed.score(j, work + task_shift[j], r.uniform())
                };
                let x_chance = match t.level {
                    TaskLevel::Basic => 0.08,
                    TaskLevel::Advanced => 0.2,
                    TaskLevel::High => 0.35,
                };
                sheet.scores.push(x);
                sheet.not_done.push(!absent && x == 0 && r.chance(x_chance));
            }
            // The journal: the term's ability, the school's habit, the teacher's noise; a «2»
            // is rarely written in the journal.
            let term = theta + 0.25 * r.normal();
            let position = ed.mark_position(ed.expected_total(term)) + LENIENCY + school.journal;
            let mut j = (position + 0.25 * r.normal()).round().clamp(2.0, 5.0) as u8;
            if j == 2 && r.chance(0.6) {
                j = 3;
            }
            let variant = if vpr {
                1 + (seat + 1) % 2
            } else {
                101 + r.below(6) as u16
            };
            sheet.rows.push(Row {
                school: s,
                class: format!("{}{}", spec.grade, class.letter),
                code: p.code,
                female: p.female,
                variant,
                absent,
                journal: (!r.chance(0.03)).then_some(j),
            });
        }
        sheet.school_rows.push(start..sheet.rows.len());
    }
    sheet
}
