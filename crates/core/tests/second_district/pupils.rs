//! Cohorts: the pupils of a school who start school in the same year, in 1–4 classes of 5–35
//! pupils that keep their letter (4Б becomes 5Б), with a few pupils leaving and joining every
//! year. Codes stay with the pupil, so a cohort's ВПР 4 and ВПР 5 are the same children.

use super::rng::{stream, Rng};
use super::schools::{Profile, School};

pub const LETTERS: [char; 4] = ['А', 'Б', 'В', 'Г'];

/// A class of a cohort.
#[derive(Debug, Clone)]
pub struct Class {
    pub letter: char,
    /// Persistent effect (logits): the class's teachers and mix.
    pub effect: f64,
    /// Multiplies the pupils' own deviations (homogeneous or mixed classes).
    pub spread: f64,
    /// A class whose teacher drills some answers and teaches a wrong method for others:
    /// strongly correlated answers, honestly.
    pub drilled: bool,
    /// Teacher index inside the cohort (parallel classes may share one).
    pub teacher: usize,
}

#[derive(Debug, Clone)]
pub struct Pupil {
    pub code: u32,
    pub female: bool,
    pub class: usize,
    /// Ability in mathematics, Russian, biology (general + specific parts).
    pub ability: [f64; 3],
    /// First and last year in the school.
    pub from: u16,
    pub to: u16,
}

#[derive(Debug, Clone)]
pub struct Cohort {
    /// Year of the cohort's grade 0 (`year − grade`).
    pub id: i32,
    pub effect: f64,
    pub classes: Vec<Class>,
    pub pupils: Vec<Pupil>,
}

impl Cohort {
    /// Indices of the pupils in school in `year`, ordered by class then code.
    pub fn roster(&self, year: u16) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.pupils.len())
            .filter(|&i| self.pupils[i].from <= year && year <= self.pupils[i].to)
            .collect();
        v.sort_by_key(|&i| (self.pupils[i].class, self.pupils[i].code));
        v
    }
}

fn pupil(r: &mut Rng, code: u32, class: usize, from: u16, to: u16, shift: f64) -> Pupil {
    let g = r.normal() + shift;
    Pupil {
        code,
        female: r.chance(0.5),
        class,
        ability: [0, 1, 2].map(|_| 0.75 * g + 0.66 * r.normal()),
        from,
        to,
    }
}

/// The cohorts of every school: `cohorts` lists each cohort id with the years it is seen in.
pub fn rosters(seed: u64, schools: &[School], cohorts: &[(i32, Vec<u16>)]) -> Vec<Vec<Cohort>> {
    schools
        .iter()
        .enumerate()
        .map(|(s, school)| {
            let mut codes = stream(seed, &[10, s as u64]);
            let mut next = codes.int(1000, 4000) as u32;
            cohorts
                .iter()
                .map(|(id, years)| {
                    let mut r = stream(seed, &[11, s as u64, *id as u64]);
                    let n_classes = if school.profile == Profile::Rural {
                        1
                    } else {
                        let d = r.weighted(&[0.15, 0.7, 0.15]) as i64 - 1;
                        (school.classes as i64 + d).clamp(1, 4) as usize
                    };
                    let max_size = if school.profile == Profile::Rural {
                        20
                    } else {
                        35
                    };
                    let mut classes: Vec<Class> = Vec::with_capacity(n_classes);
                    for c in 0..n_classes {
                        let teacher = if c > 0 && r.chance(0.35) {
                            classes[c - 1].teacher
                        } else {
                            c
                        };
                        classes.push(Class {
                            letter: LETTERS[c],
                            effect: 0.35 * r.normal(),
                            spread: r.between(0.75, 1.25),
                            drilled: r.chance(0.12),
                            teacher,
                        });
                    }
                    let (first, last) = (years[0], *years.last().unwrap());
                    let mut pupils = Vec::new();
                    for c in 0..n_classes {
                        for _ in 0..r.int(5, max_size) {
                            next += 1 + codes.below(3) as u32;
                            pupils.push(pupil(&mut r, next, c, first, last, 0.0));
                        }
                    }
                    // Leavers and newcomers, year by year.
                    for y in first + 1..=last {
                        let mut left = Vec::new();
                        for p in pupils.iter_mut().filter(|p| p.from < y && p.to >= y) {
                            if r.chance(0.04) {
                                p.to = y - 1;
                                left.push(p.class);
                            }
                        }
                        // A newcomer takes the leaver's place (class sizes stay in 5..=35).
                        for c in left {
                            next += 1 + codes.below(3) as u32;
                            pupils.push(pupil(&mut r, next, c, y, last, -0.15));
                        }
                    }
                    Cohort {
                        id: *id,
                        effect: 0.15 * r.normal(),
                        classes,
                        pupils,
                    }
                })
                .collect()
        })
        .collect()
}
