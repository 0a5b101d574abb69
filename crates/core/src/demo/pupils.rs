//! Pupils and the ability model. A cohort (pupils of one school who entered grade 1 in the
//! same year) keeps its classes, codes and abilities across years, so ВПР 4 of one year and
//! ВПР 5 of the next are the same children.
//!
//! Ability in a procedure = school effect + cohort effect + class effect + pupil's general
//! ability + subject component (+ small sex and in-depth-study terms) + occasion noise.

use super::procedures::Domain;
use super::rng::{below, chance, normal, stream, uniform};
use super::schools::School;

/// One pupil of a cohort.
#[derive(Debug, Clone)]
pub(crate) struct Pupil {
    /// Sequential number inside the school (the `0007` of `780101-0007`).
    pub number: u32,
    pub female: bool,
    /// Index of the class (0 = А).
    pub class: u8,
    pub general: f64,
    pub math: f64,
    pub russian: f64,
}

impl Pupil {
    pub(crate) fn ability(&self, domain: Domain) -> f64 {
        match domain {
            Domain::Math => self.general + self.math,
            Domain::Russian => self.general + self.russian + if self.female { 0.15 } else { 0.0 },
        }
    }
}

/// One cohort of a school.
#[derive(Debug, Clone)]
pub(crate) struct Cohort {
    pub effect: f64,
    pub class_effect: Vec<f64>,
    /// Ordered by class, then number.
    pub pupils: Vec<Pupil>,
}

/// Class letters in order.
pub(crate) const LETTERS: [char; 4] = ['А', 'Б', 'В', 'Г'];

/// Cohorts of every school: `out[school][k]` is the cohort `cohort_ids[k]` (year of entry).
pub(crate) fn rosters(
    seed: u64,
    schools: &[School],
    cohort_ids: &[i32],
    size: f64,
) -> Vec<Vec<Cohort>> {
    let size = if size.is_finite() && size > 0.0 {
        size
    } else {
        0.0
    };
    schools
        .iter()
        .enumerate()
        .map(|(s, school)| {
            let mut number = 0u32;
            cohort_ids
                .iter()
                .map(|&c| {
                    let mut r = stream(seed, &[3, s as u64, c as i64 as u64]);
                    let mut classes = school.classes as i64;
                    if chance(&mut r, 0.25) {
                        classes += if chance(&mut r, 0.5) { 1 } else { -1 };
                    }
                    let classes = classes.clamp(2, 4) as usize;
                    let class_effect: Vec<f64> =
                        (0..classes).map(|_| 0.15 * normal(&mut r)).collect();
                    let mut pupils = Vec::new();
                    for class in 0..classes {
                        let n = ((20.0 + 10.0 * uniform(&mut r)) * size).round().max(1.0) as usize;
                        for _ in 0..n {
                            number += 1;
                            pupils.push(Pupil {
                                number,
                                female: below(&mut r, 2) == 1,
                                class: class as u8,
                                general: 0.8 * normal(&mut r),
                                math: 0.55 * normal(&mut r),
                                russian: 0.55 * normal(&mut r),
                            });
                        }
                    }
                    Cohort {
                        effect: 0.07 * normal(&mut r),
                        class_effect,
                        pupils,
                    }
                })
                .collect()
        })
        .collect()
}
