//! A second, independent district generator for measuring the objectivity indicators (issue 9):
//! written from scratch, with its own model and file shape, so that indicators tuned to the demo
//! generator (`integra_core::demo`) are checked against data they were not tuned on.
//!
//! Layout: `rng` (SplitMix64 streams), `schools` (mixture of school effects, drift, journal
//! habits), `pupils` (cohorts, classes, churn), `items` (procedures, task structures, GPCM item
//! parameters, scales), `simulate` (scores, absences, journals), `plant` (planted patterns),
//! `write` (CSV). The model is described in the doc comment of `objectivity_quality_second.rs`.

pub mod items;
pub mod plant;
pub mod pupils;
pub mod rng;
pub mod schools;
pub mod simulate;
pub mod write;

use integra_core::ingest::{import_all, merge, FileSummary, ImportOptions, Pseudonymizer};
use integra_core::model::{Dataset, ProcedureKind, TaskLevel};
use std::collections::BTreeMap;

/// Parameters; the same parameters always give the same files.
#[derive(Debug, Clone)]
pub struct Params {
    pub seed: u64,
    pub schools: usize,
    pub years: Vec<u16>,
    /// How strongly the patterns are planted.
    pub strength: plant::Strength,
}

impl Params {
    /// The district of `seed` with the patterns at the demo generator's strength.
    pub fn new(seed: u64) -> Params {
        Params {
            seed,
            schools: 50,
            years: vec![2023, 2024, 2025],
            strength: plant::Strength::demo(),
        }
    }

    /// The same district with the patterns at a moderate strength.
    pub fn moderate(seed: u64) -> Params {
        Params {
            strength: plant::Strength::moderate(),
            ..Params::new(seed)
        }
    }
}

/// One generated file.
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A planted pattern: school code, pattern, file, class label for class-level patterns.
#[derive(Debug, Clone)]
pub struct Planted {
    pub school: String,
    /// `threshold_bunching`, `journal_mismatch`, `identical_vectors`, `difficulty_inversion`
    /// (one ВПР file each), `year_jump` (each ВПР file of the last year whose subject has an
    /// ОГЭ that year), `year_jump_unpaired` (the jump school's ВПР of a subject without an
    /// independent procedure: no indicator can confirm or refute it there).
    pub pattern: String,
    pub file: String,
    pub class: Option<String>,
}

/// What a file holds, as written (to check that the importer reads it so).
#[derive(Debug, Clone)]
pub struct Written {
    pub file: String,
    pub kind: ProcedureKind,
    pub subject: String,
    pub grade: u8,
    pub year: u16,
    pub labels: Vec<String>,
    pub maxima: Vec<u8>,
    /// `None` for files without a row of levels.
    pub levels: Option<Vec<TaskLevel>>,
    pub scale: [u16; 3],
    pub participants: usize,
    pub absent: usize,
    pub schools: usize,
    /// Rows with a journal mark.
    pub journals: usize,
}

pub struct District {
    pub files: Vec<File>,
    pub planted: Vec<Planted>,
    pub written: Vec<Written>,
    /// School code → its journal habit: `strict`, `lenient` or `ordinary` (for reading the
    /// concordance figures; the habit is honest, not a planted pattern).
    pub journal_habit: BTreeMap<String, &'static str>,
}

/// Generates the district of `p`.
pub fn generate(p: &Params) -> District {
    let seed = p.seed;
    let mut years = p.years.clone();
    years.sort_unstable();
    years.dedup();
    let last = *years.last().expect("at least one year");
    let editions = items::editions(seed, &years);
    let schools = schools::generate(seed, p.schools, years.len());
    let per = (p.schools + 5) / 10;
    let jump = plant::jump_schools(seed, &schools, per);
    let mut used = vec![false; schools.len()];
    for &s in &jump {
        used[s] = true;
    }
    let mut cohorts: BTreeMap<i32, Vec<u16>> = BTreeMap::new();
    for ed in &editions {
        let v = cohorts
            .entry(i32::from(ed.year) - i32::from(ed.spec().grade))
            .or_default();
        v.push(ed.year);
        v.sort_unstable();
        v.dedup();
    }
    let cohorts: Vec<(i32, Vec<u16>)> = cohorts.into_iter().collect();
    let rosters = pupils::rosters(seed, &schools, &cohorts);
    let mut sheets: Vec<simulate::Sheet> = editions
        .iter()
        .enumerate()
        .map(|(e, ed)| {
            let id = i32::from(ed.year) - i32::from(ed.spec().grade);
            let c = cohorts.iter().position(|x| x.0 == id).unwrap();
            let cs: Vec<&pupils::Cohort> = rosters.iter().map(|r| &r[c]).collect();
            let yi = years.iter().position(|&y| y == ed.year).unwrap();
            simulate::simulate(
                seed,
                e,
                ed,
                yi,
                ed.year == last,
                &schools,
                &cs,
                &jump,
                p.strength.jump,
            )
        })
        .collect();
    let sites = plant::plant(
        seed,
        &editions,
        &mut sheets,
        &schools,
        &mut used,
        per,
        &p.strength,
    );

    let mut planted = Vec::new();
    for &s in &jump {
        for ed in editions
            .iter()
            .filter(|e| e.year == last && e.spec().kind == ProcedureKind::Vpr)
        {
            let paired = editions.iter().any(|o| {
                o.year == last
                    && o.spec().kind == ProcedureKind::Oge
                    && o.spec().subject == ed.spec().subject
            });
            planted.push(Planted {
                school: schools[s].code.clone(),
                pattern: if paired {
                    "year_jump"
                } else {
                    "year_jump_unpaired"
                }
                .to_string(),
                file: ed.file.clone(),
                class: None,
            });
        }
    }
    for st in sites {
        planted.push(Planted {
            school: schools[st.school].code.clone(),
            pattern: st.pattern.to_string(),
            file: editions[st.edition].file.clone(),
            class: st.class,
        });
    }
    let written = editions
        .iter()
        .zip(&sheets)
        .map(|(ed, sh)| {
            let absent = sh.rows.iter().filter(|r| r.absent).count();
            let mut with: Vec<usize> = sh
                .rows
                .iter()
                .filter(|r| !r.absent)
                .map(|r| r.school)
                .collect();
            with.dedup();
            Written {
                file: ed.file.clone(),
                kind: ed.spec().kind,
                subject: ed.spec().subject.to_string(),
                grade: ed.spec().grade,
                year: ed.year,
                labels: ed.tasks.iter().map(|t| t.label.clone()).collect(),
                maxima: ed.tasks.iter().map(|t| t.max).collect(),
                levels: ed
                    .levels_in_file
                    .then(|| ed.tasks.iter().map(|t| t.level).collect()),
                scale: ed.scale,
                participants: sh.rows.len() - absent,
                absent,
                schools: with.len(),
                journals: sh.rows.iter().filter(|r| r.journal.is_some()).count(),
            }
        })
        .collect();
    let files = editions
        .iter()
        .enumerate()
        .zip(&sheets)
        .map(|((e, ed), sh)| File {
            name: ed.file.clone(),
            bytes: write::results_csv(e, ed, sh, &schools),
        })
        .collect();
    let journal_habit = schools
        .iter()
        .map(|s| {
            let habit = if s.journal <= -0.25 {
                "strict"
            } else if s.journal >= 0.3 {
                "lenient"
            } else {
                "ordinary"
            };
            (s.code.clone(), habit)
        })
        .collect();
    District {
        files,
        planted,
        written,
        journal_habit,
    }
}

/// A generated district through the real importer.
pub struct Imported {
    pub district: District,
    pub ds: Dataset,
    /// File name → procedure id.
    pub file_proc: BTreeMap<String, String>,
    pub summaries: Vec<FileSummary>,
}

pub fn import(p: &Params) -> Imported {
    let district = generate(p);
    let imports = import_all(
        district
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.bytes.as_slice())),
        &ImportOptions::default(),
        &Pseudonymizer::new([5; 16]),
    );
    let file_proc = imports
        .iter()
        .filter_map(|i| Some((i.summary.file.clone(), i.summary.procedure.as_ref()?.id())))
        .collect();
    let (ds, _) = merge(&imports.iter().collect::<Vec<_>>());
    Imported {
        district,
        ds,
        file_proc,
        summaries: imports.into_iter().map(|i| i.summary).collect(),
    }
}
