//! Detection quality of the objectivity analysis on a **second, independent generator**
//! (issue 9): `tests/second_district/`, written for this test and unlike the demo's
//! (`integra_core::demo`), so that indicators tuned to one generator are checked on another.
//! Over [`SEEDS`] seeds: recall of each planted pattern (a planted unit is found when an
//! indicator that targets it fires on that school, file and class; the same `targets` as
//! `objectivity_quality.rs`), the share of clean schools (no pattern planted) with any status,
//! and per indicator the share of clean units where it fired. Default settings, files through
//! the real importer (`import_all` + `merge`).
//! `cargo test -p integra-core --test objectivity_quality_second -- --include-ignored --nocapture`
//!
//! ## The second district's model
//!
//! * **Schools** (50): a skewed mixture of school effects (logits): 8 % very strong
//!   (1.0 ± 0.25, 3–4 classes), 55 % urban (0.05 ± 0.35, 2–4 classes), 17 % a long weak tail
//!   (−0.45 − Exp(mean 0.45), 1–3 classes), 20 % small rural schools (−0.35 ± 0.45, one class
//!   of 5–20). Per year a drift of the whole school (random walk, SD 0.1, a ±0.3 change in 6 %
//!   of years) and an own drift of grades 4–6 (a fixed offset ± 0.2, walk SD 0.12, ±0.4
//!   changes): teams change, and grade 9 does not follow; subject strengths ± 0.15–0.2.
//! * **Cohorts and classes**: 1–4 classes per grade, 5–35 pupils each (uniform), keeping their
//!   letter and pupil codes from grade to grade (4Б of 2023 is 5Б of 2024 and 6Б of 2025);
//!   4 % of pupils leave each year and are replaced by newcomers. Cohort effect ± 0.15; class
//!   effect ± 0.35 (persistent) plus ± 0.2 per year; class spread of abilities × 0.75–1.25.
//!   Pupil ability = 0.75 general + 0.66 subject-specific; occasion noise 0.3.
//! * **Curricula**: every task belongs to a topic; a school's textbook line shifts its topics
//!   (± 0.3); a class has not covered a topic in 8 % of class × topic × year (−1.6 on those
//!   tasks: honest inversion-like noise); each teacher stresses some tasks (± 0.3 per task;
//!   parallel classes share a teacher in 35 %), and 12 % of classes are drilled (−2.0 on a
//!   quarter of the tasks, a wrong method taught; +1.2 on another quarter): honest correlated
//!   answers (similarity and person-fit noise).
//! * **Works**: ВПР Математика 4, 5, 6, Русский язык 4, 5, Биология 5 (checked by the school)
//!   and ОГЭ Математика 9, Русский язык 9 (independent), 2023–2025. Generalised
//!   partial-credit items: discriminations lognormal(0, 0.3); locations from a mixture (25 %
//!   very easy ≈ −2.5, 45 % medium ≈ −0.5, 20 % hard ≈ 1.1, 10 % very hard ≈ 2.5), roughly
//!   rising through the work; maxima 1–4 (Russian up to 4, ОГЭ mathematics 19 × 1 + 6 × 2);
//!   sub-tasks `3.1`, `3.2`; designed levels Б/П/В follow difficulty loosely (a «Б» task can be
//!   hard); new item parameters every year; scales at 22–32 %, 48–58 % and 72–84 % of the
//!   maximum. `X` for some zero scores (more on hard tasks); 2–9 % absent per school.
//! * **Journals**: the teacher's term mark from the pupil's ability (not this work; it ignores
//!   the class's uncovered topics and drills), through the work's expected score and scale,
//!   plus the school's habit (78 % ± 0.15 mark, 10 % strict −0.4, 12 % lenient +0.45: honest
//!   concordance noise), noise 0.25 mark; a «2» becomes «3» in 60 %; 3 % without a mark.
//! * **Files**: 24 CSV (8 works × 3 years), a ФИС ОКО-like shape unlike the demo's: a title row
//!   («Всероссийские проверочные работы 2025 г. Математика, 5 класс», «ГИА-9 (ОГЭ) 2025. …»),
//!   in about half of the files a row of levels above the header, the header `Логин ОО;
//!   Класс; Код участника; Пол; Вариант; 1; 2; 3.1; …; Первичный балл; Отметка; Отметка за
//!   предыдущую четверть`, a «Макс. балл» row (under the header, or above it in files without
//!   levels); neutral file names (`fis_oko_07.csv`: the procedure comes from the title);
//!   Windows-1251 with a Cyrillic «Х» or UTF-8 with a BOM. The scale comes from the
//!   (primary score, mark) pairs.
//!
//! **Planted** about one school in ten per pattern, distinct schools, at two strengths
//! (`second_district/plant.rs`, `Strength`): **the demo's** (`Params::new`, what the issue's
//! goal is measured on: the same patterns as the demo generator plants) and **moderate**
//! (`Params::moderate`). `year_jump`: the school's ВПР of the last year inflated by 1.5 logits
//! (moderate 1.0), ОГЭ not; measured on the ВПР whose subject has an ОГЭ that year; biology is
//! reported as `year_jump_unpaired`, which no indicator can confirm, and not asserted.
//! `difficulty_inversion`: hard tasks given full marks for three pupils in five (moderate: one
//! in three), in a school below the median. `threshold_bunching`: works in a window of an
//! eighth of the maximum under «3» or «4» pushed over it, all within 2 points and nine in ten
//! further down, in the school's ВПР with the most works there (moderate: a tenth of the
//! maximum, 3/4 and 0.45, a random file). `journal_mismatch`: 80 % of the pupils below «5» get
//! the points for one mark more (moderate: half); the journal as usual. `identical_vectors`:
//! 6–10 pupils of a class of 10+ share one vector (moderate: 5–7 of a class of 12+).
//!
//! ## How it differs from the demo generator
//!
//! The demo's school effects are normal and follow the social passport; classes are 2–4 of
//! 20–30 pupils with small class effects (± 0.15); items follow a graded response model whose
//! difficulty is set by the level; every file carries levels; journals deviate from the work
//! with nearly the same probabilities in every school; patterns are strong (a 1.5-logit jump,
//! journals one mark under the work for 80 % of pupils, inversion at the district's level by
//! ±0.17 of the maximum). Here: skewed effects with small rural schools, classes of 5–35,
//! strong class effects, topics not covered, drilled classes, different journal habits,
//! year-to-year drift, other difficulties and maxima, half the files without levels, another
//! file shape — and moderate patterns.
//!
//! Asserted always: at the demo's strength recall of at least 0.9 for bunching and identical
//! answers, and at both strengths at most 5 % of clean schools with a status. The issue's whole
//! goal (recall at least 0.9 for every pattern) is the ignored test, not reached yet for journal
//! mismatch, difficulty inversion and the year jump (figures in docs/objectivity.md).

#[path = "second_district/mod.rs"]
mod second_district;

use integra_core::model::ScaleSource;
use integra_core::objectivity::{analyse, Evidence, Indicator, Settings, Sign, Status};
use second_district::{import, Params};
use std::collections::{BTreeMap, BTreeSet};

const SEEDS: u64 = 10;

/// The indicators that target a planted pattern (any of them firing is a detection); the same
/// mapping as `objectivity_quality.rs`.
fn targets(pattern: &str) -> &'static [Indicator] {
    match pattern {
        "threshold_bunching" => &[Indicator::Bunching],
        "journal_mismatch" => &[Indicator::Concordance],
        "identical_vectors" => &[Indicator::Similarity],
        "difficulty_inversion" => &[Indicator::Inversion],
        "year_jump" | "year_jump_unpaired" => &[Indicator::Fluctuation, Indicator::Independent],
        _ => &[],
    }
}

/// The importer reads every file as written: procedure, tasks, maxima, levels (or none),
/// scale, participants, absences, schools, journal marks; planted classes exist.
#[test]
fn second_district_imports_as_written() {
    let imp = import(&Params::new(1));
    let d = &imp.district;
    assert_eq!(imp.summaries.len(), d.written.len());
    for (w, s) in d.written.iter().zip(&imp.summaries) {
        assert_eq!(s.file, w.file);
        assert!(
            s.issues
                .iter()
                .all(|i| i.severity != integra_core::ingest::Severity::Error),
            "{}: {:?}",
            w.file,
            s.issues
        );
        let key = s
            .procedure
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no procedure", w.file));
        assert_eq!(
            (key.kind, key.subject.as_str(), key.grade, key.year),
            (w.kind, w.subject.as_str(), Some(w.grade), Some(w.year)),
            "{}",
            w.file
        );
        let labels: Vec<&str> = s.tasks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, w.labels, "{}", w.file);
        let maxima: Vec<u8> = s.tasks.iter().map(|t| t.max).collect();
        assert_eq!(maxima, w.maxima, "{}", w.file);
        let levels: Vec<_> = s.tasks.iter().map(|t| t.level).collect();
        match &w.levels {
            Some(l) => assert_eq!(levels, l.iter().map(|x| Some(*x)).collect::<Vec<_>>()),
            None => assert!(levels.iter().all(Option::is_none), "{}", w.file),
        }
        let sc = s.scale.unwrap_or_else(|| panic!("{}: no scale", w.file));
        assert_eq!(
            (sc.mark3, sc.mark4, sc.mark5, sc.source),
            (
                f64::from(w.scale[0]),
                f64::from(w.scale[1]),
                f64::from(w.scale[2]),
                ScaleSource::Inferred
            ),
            "{}",
            w.file
        );
        assert_eq!(
            (s.participants, s.absent, s.schools),
            (w.participants, w.absent, w.schools),
            "{}",
            w.file
        );
    }
    // One procedure per file, one school per login (no two logins joined).
    assert_eq!(imp.ds.procedures.len(), d.written.len());
    assert_eq!(imp.ds.schools.len(), Params::new(1).schools);
    for w in &d.written {
        let id = &imp.file_proc[&w.file];
        let p = imp
            .ds
            .procedures
            .iter()
            .find(|p| &p.key.id() == id)
            .unwrap();
        let journals = p.results.journal.iter().filter(|j| j.is_some()).count();
        assert_eq!(journals, w.journals, "{}", w.file);
    }
    for pl in d.planted.iter().filter(|p| p.class.is_some()) {
        let id = &imp.file_proc[&pl.file];
        let p = imp
            .ds
            .procedures
            .iter()
            .find(|p| &p.key.id() == id)
            .unwrap();
        let school = imp
            .ds
            .schools
            .iter()
            .position(|s| s.code == pl.school)
            .unwrap() as u32;
        assert!(
            (0..p.results.len())
                .any(|i| p.results.school[i] == school && p.results.class[i] == pl.class),
            "{pl:?}"
        );
    }
}

/// What one seed measured.
#[derive(Default)]
struct Figures {
    /// Pattern → (found, planted).
    found: BTreeMap<String, (usize, usize)>,
    clean: usize,
    clean_marked: usize,
    /// Indicator → clean schools with a sign of it.
    clean_sign: BTreeMap<String, usize>,
    /// Indicator → (fired, tested) over the units of clean schools.
    fp_units: BTreeMap<String, (usize, usize)>,
    /// Journal habit → (clean schools with a concordance sign, clean schools).
    by_habit: BTreeMap<&'static str, (usize, usize)>,
    /// Concordance signs on clean units: (work above the journal, journal above the work).
    directions: (usize, usize),
    rows: usize,
    /// The school's mean rise (SD) over its ВПР works of the last year: schools with a planted
    /// jump, and clean schools (how far apart any rise-based test can tell them).
    jump_rise: Vec<f64>,
    clean_rise: Vec<f64>,
    /// The effect size of journal concordance («повысили»; 0 where the unit's candidate is the
    /// other direction) on units with a planted journal mismatch, and on clean units.
    journal_size: Vec<f64>,
    clean_journal_size: Vec<f64>,
    /// A whole-mark alternative (printed only): the unit's mean of (work mark − the district's
    /// mean work mark for the same journal mark), minus the same over the school's other works.
    journal_shift: Vec<f64>,
    clean_journal_shift: Vec<f64>,
    /// Misses and false positives (printed with `OBJ_DEBUG`).
    log: Vec<String>,
}

impl Figures {
    /// The share of clean schools with a status.
    fn clean_share(&self) -> f64 {
        self.clean_marked as f64 / self.clean.max(1) as f64
    }

    fn add(&mut self, o: Figures) {
        for (k, v) in o.found {
            let e = self.found.entry(k).or_default();
            e.0 += v.0;
            e.1 += v.1;
        }
        for (k, v) in o.fp_units {
            let e = self.fp_units.entry(k).or_default();
            e.0 += v.0;
            e.1 += v.1;
        }
        for (k, v) in o.by_habit {
            let e = self.by_habit.entry(k).or_default();
            e.0 += v.0;
            e.1 += v.1;
        }
        self.directions.0 += o.directions.0;
        self.directions.1 += o.directions.1;
        for (k, v) in o.clean_sign {
            *self.clean_sign.entry(k).or_default() += v;
        }
        self.clean += o.clean;
        self.clean_marked += o.clean_marked;
        self.rows += o.rows;
        self.jump_rise.extend(o.jump_rise);
        self.clean_rise.extend(o.clean_rise);
        self.journal_size.extend(o.journal_size);
        self.clean_journal_size.extend(o.clean_journal_size);
        self.journal_shift.extend(o.journal_shift);
        self.clean_journal_shift.extend(o.clean_journal_shift);
        self.log.extend(o.log);
    }
}

fn evidence(e: &Evidence) -> String {
    match e {
        Evidence::Concordance {
            unit,
            district,
            raised,
            school,
            ..
        } => format!("unit {unit:.2?} district {district:.2?} raised {raised} school {school:.3?}"),
        Evidence::Similarity { groups, p99 } => format!("groups {groups:?} p99 {p99:.3}"),
        Evidence::Inversion {
            basic_diff,
            hard_diff,
            ..
        } => format!("basic {basic_diff:.3} hard {hard_diff:.3}"),
        Evidence::Bunching {
            above,
            below,
            effect,
            ..
        } => format!("k {above} m {below} B {effect:.2}"),
        _ => String::new(),
    }
}

fn line(tag: &str, s: &Sign) -> String {
    let c = &s.candidate;
    format!(
        "  {tag} {} {} {:?} class {:?} value {:.3} ref {:.3} thr {:.3} n {} p {:?} q {:?} effect {} {}",
        c.school,
        c.procedure,
        c.indicator,
        c.class,
        c.value,
        c.reference,
        c.threshold,
        c.n,
        c.p,
        s.q,
        c.effect,
        evidence(&c.evidence)
    )
}

/// Generates, imports and analyses the district of `params`, and measures it.
fn measure(params: &Params) -> Figures {
    let imp = import(params);
    let report = analyse(&imp.ds, &Settings::default());
    let d = &imp.district;
    let mut f = Figures {
        rows: imp.ds.procedures.iter().map(|p| p.results.len()).sum(),
        ..Figures::default()
    };
    for pl in &d.planted {
        let inds = targets(&pl.pattern);
        let proc_id = imp
            .file_proc
            .get(&pl.file)
            .unwrap_or_else(|| panic!("{} was not imported", pl.file));
        let here = |s: &Sign| {
            inds.contains(&s.candidate.indicator)
                && s.candidate.school == pl.school
                && &s.candidate.procedure == proc_id
                && (pl.class.is_none()
                    || s.candidate.class.is_none()
                    || s.candidate.class == pl.class)
        };
        let hit = report.tested.iter().any(|s| s.fired && here(s));
        if !hit {
            for s in report.tested.iter().filter(|s| here(s)) {
                f.log.push(line(&format!("MISS {}", pl.pattern), s));
            }
        }
        let e = f.found.entry(pl.pattern.clone()).or_default();
        e.0 += usize::from(hit);
        e.1 += 1;
    }
    let planted: BTreeSet<&str> = d.planted.iter().map(|p| p.school.as_str()).collect();
    let jumped: BTreeSet<&str> = d
        .planted
        .iter()
        .filter(|p| p.pattern == "year_jump")
        .map(|p| p.school.as_str())
        .collect();
    let last = params.years.iter().max().copied().unwrap_or(0);
    let mut rises: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for x in report.tested.iter().filter(|x| {
        x.candidate.indicator == Indicator::Fluctuation
            && x.candidate.procedure.ends_with(&format!("-{last}"))
    }) {
        rises
            .entry(x.candidate.school.as_str())
            .or_default()
            .push(x.candidate.value);
    }
    let raised_size = |x: &Sign| match x.candidate.evidence {
        Evidence::Concordance { raised: true, .. } => x.candidate.size,
        _ => 0.0,
    };
    for x in report
        .tested
        .iter()
        .filter(|x| x.candidate.indicator == Indicator::Concordance)
    {
        let c = &x.candidate;
        let file = d.planted.iter().find(|p| {
            p.pattern == "journal_mismatch"
                && p.school == c.school
                && imp.file_proc.get(&p.file) == Some(&c.procedure)
        });
        if file.is_some() {
            f.journal_size.push(raised_size(x));
        } else if !planted.contains(c.school.as_str()) {
            f.clean_journal_size.push(raised_size(x));
        }
    }
    // The whole-mark shift per unit (school × procedure with 10+ pupils with both marks).
    let mut shift: BTreeMap<(u32, String), f64> = BTreeMap::new();
    for p in &imp.ds.procedures {
        let r = &p.results;
        let both: Vec<(usize, u8, u8)> = (0..r.len())
            .filter(|&i| !r.absent[i])
            .filter_map(|i| {
                let (m, j) = (r.mark[i]?, r.journal[i]?);
                ((2..=5).contains(&m) && (1..=5).contains(&j)).then_some((i, m, j))
            })
            .collect();
        let mut by_j = [(0.0f64, 0usize); 6];
        for &(_, m, j) in &both {
            by_j[j as usize].0 += f64::from(m);
            by_j[j as usize].1 += 1;
        }
        let mut units: BTreeMap<u32, (f64, usize)> = BTreeMap::new();
        for &(i, m, j) in &both {
            let e = by_j[j as usize].0 / by_j[j as usize].1 as f64;
            let u = units.entry(r.school[i]).or_default();
            u.0 += f64::from(m) - e;
            u.1 += 1;
        }
        for (sc, (sum, n)) in units {
            if n >= 10 {
                shift.insert((sc, p.key.id()), sum / n as f64);
            }
        }
    }
    for ((sc, proc), x) in &shift {
        let others: Vec<f64> = shift
            .iter()
            .filter(|((s2, p2), _)| s2 == sc && p2 != proc)
            .map(|(_, v)| *v)
            .collect();
        if others.is_empty() {
            continue;
        }
        let c = x - others.iter().sum::<f64>() / others.len() as f64;
        let code = imp.ds.schools[*sc as usize].code.as_str();
        let is_planted = d.planted.iter().any(|p| {
            p.pattern == "journal_mismatch"
                && p.school == code
                && imp.file_proc.get(&p.file) == Some(proc)
        });
        if is_planted {
            f.journal_shift.push(c);
        } else if !planted.contains(code) {
            f.clean_journal_shift.push(c);
        }
    }
    for (school, r) in &rises {
        let mean = r.iter().sum::<f64>() / r.len() as f64;
        if jumped.contains(school) {
            f.jump_rise.push(mean);
        } else if !planted.contains(school) {
            f.clean_rise.push(mean);
        }
    }
    for s in report
        .schools
        .iter()
        .filter(|s| !planted.contains(s.school.as_str()))
    {
        f.clean += 1;
        f.clean_marked += usize::from(s.status != Status::None);
        if s.status != Status::None {
            f.log.push(format!(
                "MARKED {} {:?} {:?}",
                s.school, s.status, s.reasons
            ));
        }
        let mut inds: Vec<String> = s
            .signs
            .iter()
            .map(|x| format!("{:?}", x.candidate.indicator))
            .collect();
        inds.sort();
        inds.dedup();
        for i in inds {
            *f.clean_sign.entry(i).or_default() += 1;
        }
        for x in &s.signs {
            f.log.push(line("FP", x));
            if let Evidence::Concordance { raised, .. } = x.candidate.evidence {
                if raised {
                    f.directions.0 += 1;
                } else {
                    f.directions.1 += 1;
                }
            }
        }
        let habit = d
            .journal_habit
            .get(&s.school)
            .copied()
            .unwrap_or("ordinary");
        let e = f.by_habit.entry(habit).or_default();
        e.0 += usize::from(
            s.signs
                .iter()
                .any(|x| x.candidate.indicator == Indicator::Concordance),
        );
        e.1 += 1;
    }
    for x in report
        .tested
        .iter()
        .filter(|x| !planted.contains(x.candidate.school.as_str()))
    {
        let e = f
            .fp_units
            .entry(format!("{:?}", x.candidate.indicator))
            .or_default();
        e.0 += usize::from(x.fired);
        e.1 += 1;
    }
    f
}

/// Generates, analyses and measures [`SEEDS`] seeds of the second district (`SECOND_SEEDS`
/// changes their number; seeds run on up to two threads) with the patterns at `strength`, and
/// prints recall per pattern, false positives per indicator on clean units and the share of clean
/// schools with a status (`OBJ_DEBUG` prints misses and false positives as well).
fn run(strength: fn(u64) -> Params, label: &str) -> Figures {
    let t0 = std::time::Instant::now();
    let seeds: u64 = std::env::var("SECOND_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEEDS);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(2)) as u64;
    let mut all = Figures::default();
    std::thread::scope(|sc| {
        let workers: Vec<_> = (0..threads)
            .map(|w| {
                sc.spawn(move || {
                    let mut f = Figures::default();
                    for seed in (1..=seeds).filter(|s| s % threads == w) {
                        f.add(measure(&strength(seed)));
                    }
                    f
                })
            })
            .collect();
        for w in workers {
            all.add(w.join().expect("a seed panicked"));
        }
    });
    if std::env::var("OBJ_DEBUG").is_ok() {
        for l in &all.log {
            eprintln!("{l}");
        }
    }
    eprintln!(
        "second district, {label}: {seeds} seeds, {} pupil rows per seed on average, {:.1} s",
        all.rows as u64 / seeds.max(1),
        t0.elapsed().as_secs_f64()
    );
    for (pattern, (hit, n)) in &all.found {
        eprintln!(
            "recall {pattern}: {hit}/{n} = {:.3}",
            *hit as f64 / (*n).max(1) as f64
        );
    }
    for (ind, (fired, n)) in &all.fp_units {
        eprintln!(
            "false positives of {ind} on clean units: {fired}/{n} = {:.4}",
            *fired as f64 / (*n).max(1) as f64
        );
    }
    for (ind, n) in &all.clean_sign {
        eprintln!("clean schools with a {ind} sign: {n}/{}", all.clean);
    }
    for (habit, (signed, n)) in &all.by_habit {
        eprintln!("clean schools with a {habit} journal and a Concordance sign: {signed}/{n}");
    }
    eprintln!(
        "Concordance signs on clean units: {} work above the journal, {} journal above the work",
        all.directions.0, all.directions.1
    );
    separation(
        "year jump schools",
        "the mean rise (SD)",
        &all.jump_rise,
        &all.clean_rise,
        &[0.95, 0.99],
    );
    separation(
        "journal mismatch units",
        "the concordance effect",
        &all.journal_size,
        &all.clean_journal_size,
        &[0.99, 0.999],
    );
    separation(
        "journal mismatch units",
        "the whole-mark shift against the school",
        &all.journal_shift,
        &all.clean_journal_shift,
        &[0.99, 0.999],
    );
    eprintln!(
        "clean schools with a status: {}/{} = {:.3}",
        all.clean_marked,
        all.clean,
        all.clean_share()
    );
    let measured: Vec<&str> = all.found.keys().map(String::as_str).collect();
    assert_eq!(
        measured,
        [
            "difficulty_inversion",
            "identical_vectors",
            "journal_mismatch",
            "threshold_bunching",
            "year_jump",
            "year_jump_unpaired"
        ],
        "every pattern planted"
    );
    all
}

/// Prints how many `planted` values lie above each quantile `qs` of the `clean` ones: how far
/// apart any threshold on this statistic can tell them.
fn separation(who: &str, what: &str, planted: &[f64], clean: &[f64], qs: &[f64]) {
    let mut clean = clean.to_vec();
    clean.sort_by(f64::total_cmp);
    for q in qs {
        let at = clean
            .get(((clean.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(f64::NAN);
        let above = planted.iter().filter(|&&x| x > at).count();
        eprintln!(
            "{who} above the clean ones' {q} quantile of {what} ({at:.3}): {above}/{}",
            planted.len()
        );
    }
}

/// Asserts recall of at least 0.9 for each of `patterns`.
fn assert_recall(f: &Figures, patterns: &[&str]) {
    for pattern in patterns {
        let (hit, n) = f.found[*pattern];
        assert!(
            hit as f64 >= 0.9 * n as f64,
            "recall of {pattern}: {hit}/{n}"
        );
    }
}

/// What holds today, asserted so that it stays: at the demo's strength, bunching and identical
/// answers are found (recall at least 0.9) and at most 5 % of clean schools get a status; at a
/// moderate strength, too, at most 5 % of clean schools get a status.
#[test]
fn clean_schools_stay_clean_and_strong_patterns_are_found_on_the_second_district() {
    let demo = run(Params::new, "the demo's strength");
    assert_recall(&demo, &["threshold_bunching", "identical_vectors"]);
    assert!(
        demo.clean_share() <= 0.05,
        "clean schools marked: {:.3}",
        demo.clean_share()
    );
    let moderate = run(Params::moderate, "moderate strength");
    assert!(
        moderate.clean_share() <= 0.05,
        "clean schools marked: {:.3}",
        moderate.clean_share()
    );
}

/// The issue's goal at the demo's strength: recall at least 0.9 for every pattern (but
/// `year_jump_unpaired`, which no indicator can confirm without an independent procedure).
#[test]
#[ignore = "issue 9, open: at the demo's strength recall of journal mismatch is 0.60 and of the year jump 0.18 (goal 0.9); run with --include-ignored"]
fn planted_patterns_are_found_on_the_second_district() {
    let f = run(Params::new, "the demo's strength");
    assert_recall(
        &f,
        &[
            "difficulty_inversion",
            "identical_vectors",
            "journal_mismatch",
            "threshold_bunching",
            "year_jump",
        ],
    );
    assert!(
        f.clean_share() <= 0.05,
        "clean schools marked: {:.3}",
        f.clean_share()
    );
}

/// The second district's figures for one seed (`SECOND_SEED`, default 1): per procedure the
/// participants, the mean share of the maximum, the spread of school means, the marks, the
/// journal concordance of the district and the spread of its schools' shares, and the
/// correlation of school means with the year before. Run with `--ignored --nocapture`.
#[test]
#[ignore = "prints figures; run by hand"]
fn describe_second_district() {
    use integra_core::stats::concordance;
    let seed = std::env::var("SECOND_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let imp = import(&Params::new(seed));
    let ds = &imp.ds;
    let q = |v: &mut Vec<f64>, p: f64| {
        v.sort_by(f64::total_cmp);
        v.get(((v.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    let mut means_by: BTreeMap<String, BTreeMap<u32, f64>> = BTreeMap::new();
    for p in &ds.procedures {
        let r = &p.results;
        let max: f64 = p.tasks.iter().map(|t| f64::from(t.max)).sum();
        let part: Vec<usize> = (0..r.len()).filter(|&i| !r.absent[i]).collect();
        let mean = part.iter().filter_map(|&i| r.total[i]).sum::<f64>() / part.len() as f64 / max;
        let mut marks = [0usize; 4];
        for &i in &part {
            if let Some(m) = r.mark[i] {
                marks[(m as usize).clamp(2, 5) - 2] += 1;
            }
        }
        let mut by_school: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        let mut by_class: BTreeMap<(u32, Option<String>), usize> = BTreeMap::new();
        for &i in &part {
            by_school.entry(r.school[i]).or_default().push(i);
            *by_class
                .entry((r.school[i], r.class[i].clone()))
                .or_default() += 1;
        }
        let mut school_means = Vec::new();
        let (mut raised, mut lowered) = (Vec::new(), Vec::new());
        let fam = format!("{:?} {} {:?}", p.key.kind, p.key.subject, p.key.grade);
        for (s, rows) in &by_school {
            if rows.len() < 10 {
                continue;
            }
            let m = rows.iter().filter_map(|&i| r.total[i]).sum::<f64>() / rows.len() as f64 / max;
            school_means.push(m);
            means_by
                .entry(format!("{fam} {}", p.key.year.unwrap_or(0)))
                .or_default()
                .insert(*s, m);
            if let Some(c) = concordance(r, rows) {
                raised.push(c.raised);
                lowered.push(c.lowered);
            }
        }
        let sm = school_means.iter().sum::<f64>() / school_means.len() as f64;
        let sd = (school_means.iter().map(|x| (x - sm).powi(2)).sum::<f64>()
            / (school_means.len() as f64 - 1.0))
            .sqrt();
        let c = concordance(r, &part).unwrap();
        let sizes: Vec<usize> = by_class.values().copied().collect();
        let n = part.len() as f64;
        eprintln!(
            "{:<34} n {:5} schools {:2} classes {:3} (size {}..{}) mean {:.2} sd(school) {:.3} marks {:.2}/{:.2}/{:.2}/{:.2} conc lo/eq/hi {:.2}/{:.2}/{:.2} school raised p50 {:.2} p90 {:.2} lowered p50 {:.2} p90 {:.2} levels {}",
            p.key.id(),
            part.len(),
            school_means.len(),
            sizes.len(),
            sizes.iter().min().unwrap(),
            sizes.iter().max().unwrap(),
            mean,
            sd,
            marks[0] as f64 / n,
            marks[1] as f64 / n,
            marks[2] as f64 / n,
            marks[3] as f64 / n,
            c.lowered,
            c.confirmed,
            c.raised,
            q(&mut raised, 0.5),
            q(&mut raised, 0.9),
            q(&mut lowered, 0.5),
            q(&mut lowered, 0.9),
            p.tasks.iter().all(|t| t.level.is_some()),
        );
    }
    // Year-to-year correlation of school means (same work, consecutive years: other cohorts).
    let keys: Vec<String> = means_by.keys().cloned().collect();
    for w in keys.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a[..a.len() - 4] != b[..b.len() - 4] {
            continue;
        }
        let pairs: Vec<(f64, f64)> = means_by[a]
            .iter()
            .filter_map(|(s, x)| Some((*x, *means_by[b].get(s)?)))
            .collect();
        let n = pairs.len() as f64;
        let (mx, my) = (
            pairs.iter().map(|p| p.0).sum::<f64>() / n,
            pairs.iter().map(|p| p.1).sum::<f64>() / n,
        );
        let cov: f64 = pairs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        let vx: f64 = pairs.iter().map(|p| (p.0 - mx).powi(2)).sum();
        let vy: f64 = pairs.iter().map(|p| (p.1 - my).powi(2)).sum();
        eprintln!("r(school means) {a} → {b}: {:.2}", cov / (vx * vy).sqrt());
    }
}
