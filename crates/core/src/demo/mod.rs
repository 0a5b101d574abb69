//! The seeded demo district: about 50 schools with context, several procedures (ВПР, РДР,
//! ОГЭ, ...) over several years, with planted patterns for later analyses. It produces files
//! in the real shapes (ФИС ОКО-style pupil exports, a context table, ФИС ОКО «Выполнение
//! заданий» reference reports for the city and Russia, an «описание заданий» table), so the
//! demo goes through the same importer as user files.
//!
//! Per year: ВПР Математика 4 and 5, ВПР Русский язык 4 and 5, РДР Математика 8, ОГЭ Математика 9
//! and ОГЭ Русский язык 9 ([`catalogue`]). Pupils belong to cohorts that keep their codes and
//! classes across years (ВПР 4 of 2024 and ВПР 5 of 2025 are the same children). Ability =
//! school effect (correlated with the social passport) + cohort + class + pupil + occasion;
//! task scores follow a graded response model by task level. Default size: about 52,500
//! pupil rows (`size` 1.9 gives about 99,000); about 0.12 s in release.
//!
//! Layout: `rng` (seeded streams, deterministic maths), `schools` (logins, names, types,
//! social passport), `procedures` (catalogue: tasks, maxima, levels, scales), `pupils` (cohorts
//! and the ability model), `results` (graded-response scores, absences, journals), `patterns`
//! (planted patterns), `write` (CSV). Pure and single-threaded: works the same in wasm32.

mod patterns;
mod procedures;
mod pupils;
mod results;
mod rng;
mod schools;
mod write;

use crate::model::{ProcedureKey, Scale, ScaleSource, Task};
use serde::{Deserialize, Serialize};

/// Parameters of the generator. The same parameters always give the same files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoParams {
    pub seed: u64,
    pub schools: usize,
    /// Years generated (at least two), e.g. `[2024, 2025]`.
    pub years: Vec<u16>,
    /// Multiplies the number of pupils per class group (1.0 = realistic district size).
    pub size: f64,
}

impl Default for DemoParams {
    fn default() -> DemoParams {
        DemoParams {
            seed: 2026,
            schools: 50,
            years: vec![2024, 2025],
            size: 1.0,
        }
    }
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A planted pattern, for tests that measure detection (issue: objectivity monitoring).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Planted {
    pub school: String,
    /// `threshold_bunching`, `journal_mismatch`, `identical_vectors`, `difficulty_inversion`
    /// (one ВПР file each), `year_jump` (one entry per ВПР file of the last year: the school's
    /// ВПР jump while its РДР/ОГЭ do not), `beats_context` (school-wide: results high for a
    /// low-advantage context, genuinely, in every procedure and year).
    pub pattern: String,
    /// Procedure file name the pattern is in (empty for school-wide patterns).
    pub file: String,
    pub class: Option<String>,
}

/// The generated district: files plus what was planted where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoDistrict {
    pub files: Vec<DemoFile>,
    pub planted: Vec<Planted>,
}

/// One generated procedure-year as specified: its file, key, tasks (with the levels that the
/// files carry in a row above the header) and conversion scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoProcedure {
    pub file: String,
    pub key: ProcedureKey,
    pub tasks: Vec<Task>,
    pub scale: Scale,
}

/// Name of the context file (`Контекст_школ_<last year>.csv`).
pub fn context_file_name(params: &DemoParams) -> String {
    format!(
        "Контекст_школ_{}.csv",
        years(params).last().copied().unwrap_or(0)
    )
}

/// Name of the reference file (ФИС ОКО «Выполнение заданий»: Russia and the city) written
/// for a ВПР pupil file of the last year: `Выполнение_заданий_ВПР_2025_Математика_5.csv`.
pub fn reference_file_name(pupil_file: &str) -> String {
    format!("Выполнение_заданий_{pupil_file}")
}

/// Name of the task-description file written for a pupil file:
/// `Описание_заданий_ВПР_2025_Математика_5.csv` (only ВПР Математика 5 of the last year).
pub fn task_info_file_name(pupil_file: &str) -> String {
    format!("Описание_заданий_{pupil_file}")
}

/// The years, sorted and deduplicated (the default years when none are given).
fn years(params: &DemoParams) -> Vec<u16> {
    let mut y = if params.years.is_empty() {
        DemoParams::default().years
    } else {
        params.years.clone()
    };
    y.sort_unstable();
    y.dedup();
    y
}

/// The procedures [`generate`] writes for `params`, in file order.
pub fn catalogue(params: &DemoParams) -> Vec<DemoProcedure> {
    let mut out = Vec::new();
    for year in years(params) {
        for spec in procedures::SPECS {
            let [t3, t4, t5] = spec.scale_for(year);
            out.push(DemoProcedure {
                file: spec.file_name(year),
                key: ProcedureKey {
                    kind: spec.kind,
                    subject: spec.subject.to_string(),
                    grade: Some(spec.grade),
                    year: Some(year),
                },
                tasks: spec
                    .tasks
                    .iter()
                    .map(|&(label, max, level)| Task {
                        label: label.to_string(),
                        max,
                        max_source: crate::model::MaxSource::File,
                        kim: None,
                        level: Some(level),
                        skill: None,
                    })
                    .collect(),
                scale: Scale {
                    mark3: t3 as f64,
                    mark4: t4 as f64,
                    mark5: t5 as f64,
                    source: ScaleSource::Catalogue,
                },
            });
        }
    }
    out
}

/// The scores an objective re-check would give to the works of one generated pupil file:
/// the generator's draws without the planted scoring inflation (the ability shift of a
/// `year_jump` school, the points that `threshold_bunching` added). Answers copied inside a
/// class (`identical_vectors`) are on the paper and stay. For the re-check round trip
/// (`objectivity::recheck`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrueScores {
    /// The pupil file's name (as in [`DemoDistrict::files`]).
    pub file: String,
    /// Task labels, in the file's column order.
    pub tasks: Vec<String>,
    /// The line of the file's first pupil (1-based, as an editor shows it); pupil `i` is on
    /// line `first_row + i`.
    pub first_row: u32,
    /// Row-major: one row of task scores per pupil line.
    pub scores: Vec<u8>,
    /// Absent pupils have no work (their rows in `scores` mean nothing).
    pub absent: Vec<bool>,
}

impl TrueScores {
    /// The true task scores of the work on `line`; `None` for an absent pupil or a line that
    /// holds no pupil.
    pub fn at_line(&self, line: u32) -> Option<&[u8]> {
        let i = line.checked_sub(self.first_row)? as usize;
        if *self.absent.get(i)? {
            return None;
        }
        let k = self.tasks.len();
        self.scores.get(i * k..(i + 1) * k)
    }
}

/// The true scores of every pupil file of a district (see [`TrueScores`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoTruth {
    pub files: Vec<TrueScores>,
}

impl DemoTruth {
    /// The true task scores of the work on `line` of `file`.
    pub fn at(&self, file: &str, line: u32) -> Option<&[u8]> {
        self.files.iter().find(|f| f.file == file)?.at_line(line)
    }
}

/// The true scores of the district [`generate`] makes for `params` (it runs the generator
/// again: O(pupil rows)). The files themselves are not affected.
pub fn recheck_truth(params: &DemoParams) -> DemoTruth {
    let (_, editions, sheets) = build(params);
    DemoTruth {
        files: editions
            .iter()
            .zip(sheets)
            .map(|(ed, sheet)| TrueScores {
                file: ed.file.clone(),
                tasks: ed.spec().tasks.iter().map(|t| t.0.to_string()).collect(),
                first_row: write::FIRST_PUPIL_LINE,
                absent: sheet.rows.iter().map(|r| r.absent).collect(),
                scores: sheet.true_scores,
            })
            .collect(),
    }
}

/// Generates the district: one pupil-results CSV per procedure and year (see [`catalogue`]),
/// then the context CSV ([`context_file_name`]), then for the last year one reference file per
/// ВПР ([`reference_file_name`]) and the task descriptions of ВПР Математика 5
/// ([`task_info_file_name`]). Deterministic in `params`; O(pupil rows).
pub fn generate(params: &DemoParams) -> DemoDistrict {
    build(params).0
}

/// The district, the editions and their simulated sheets (with the true scores).
fn build(params: &DemoParams) -> (DemoDistrict, Vec<procedures::Edition>, Vec<results::Sheet>) {
    let seed = params.seed;
    let years = years(params);
    let editions = procedures::editions(seed, &years);
    let mut schools = schools::generate(seed, params.schools);
    let plan = patterns::choose(seed, &mut schools, &years);

    let mut cohort_ids: Vec<i32> = editions
        .iter()
        .map(|e| e.year as i32 - e.spec().grade as i32)
        .collect();
    cohort_ids.sort_unstable();
    cohort_ids.dedup();
    let rosters = pupils::rosters(seed, &schools, &cohort_ids, params.size);

    // Simulate every file first: bunching picks its file from the simulated work.
    let mut sheets: Vec<results::Sheet> = editions
        .iter()
        .map(|ed| {
            let c = cohort_ids
                .binary_search(&(ed.year as i32 - ed.spec().grade as i32))
                .unwrap_or(0);
            let cohorts: Vec<&pupils::Cohort> = rosters.iter().map(|r| &r[c]).collect();
            results::simulate(seed, ed, &schools, &cohorts, &plan)
        })
        .collect();
    let mut bunching = Vec::new();
    for &s in &plan.bunching {
        if let Some((e, t)) = patterns::bunch_site(&editions, &sheets, s) {
            let mut r = rng::stream(seed, &[7, s as u64]);
            patterns::bunch(&mut r, &editions[e], &mut sheets[e], s, t);
            bunching.push((s, editions[e].file.clone()));
        }
    }
    let mut identical = Vec::new();
    for t in &plan.identical {
        let Some(e) = editions
            .iter()
            .position(|ed| ed.spec == t.1 && ed.year == t.2)
        else {
            continue;
        };
        let mut r = rng::stream(seed, &[8, t.0 as u64, t.1 as u64, t.2 as u64]);
        if let Some(class) = patterns::copy_vectors(&mut r, &editions[e], &mut sheets[e], t.0) {
            let label = format!(
                "{}{}",
                editions[e].spec().grade,
                pupils::LETTERS[class as usize]
            );
            identical.push((t.0, editions[e].file.clone(), label));
        }
    }
    let mut files = Vec::with_capacity(editions.len() + 1);
    for (ed, sheet) in editions.iter().zip(sheets.iter_mut()) {
        results::journals(seed, ed, sheet, &schools, &plan);
        files.push(DemoFile {
            name: ed.file.clone(),
            bytes: write::results_csv(ed, sheet, &schools),
        });
    }
    files.push(DemoFile {
        name: context_file_name(params),
        bytes: write::context_csv(&schools),
    });
    // Reference figures (Russia, the city) for every ВПР of the last year, and the task
    // descriptions of its ВПР Математика 5.
    let last = years.last().copied();
    for ed in editions
        .iter()
        .filter(|e| Some(e.year) == last && e.spec().kind == crate::model::ProcedureKind::Vpr)
    {
        files.push(DemoFile {
            name: reference_file_name(&ed.file),
            bytes: write::reference_csv(seed, ed),
        });
    }
    if let Some(ed) = editions
        .iter()
        .find(|e| Some(e.year) == last && e.spec == procedures::VPR_MATH_5_SPEC)
    {
        files.push(DemoFile {
            name: task_info_file_name(&ed.file),
            bytes: write::task_info_csv(ed, procedures::VPR_MATH_5_SKILLS),
        });
    }

    let login = |s: usize| schools[s].login.clone();
    let planted_at = |pattern: &str, s: usize, file: String, class: Option<String>| Planted {
        school: login(s),
        pattern: pattern.to_string(),
        file,
        class,
    };
    let file_of = |t: &patterns::Target| procedures::SPECS[t.1].file_name(t.2);
    let mut planted = Vec::new();
    for &s in &plan.beats {
        planted.push(planted_at("beats_context", s, String::new(), None));
    }
    for &s in &plan.jump {
        for ed in editions.iter().filter(|e| {
            Some(e.year) == plan.jump_year && e.spec().kind == crate::model::ProcedureKind::Vpr
        }) {
            planted.push(planted_at("year_jump", s, ed.file.clone(), None));
        }
    }
    for (s, file) in bunching {
        planted.push(planted_at("threshold_bunching", s, file, None));
    }
    for t in &plan.journal {
        planted.push(planted_at("journal_mismatch", t.0, file_of(t), None));
    }
    for (s, file, class) in identical {
        planted.push(planted_at("identical_vectors", s, file, Some(class)));
    }
    for t in &plan.inversion {
        planted.push(planted_at("difficulty_inversion", t.0, file_of(t), None));
    }
    (DemoDistrict { files, planted }, editions, sheets)
}
