//! Published facts the importer relies on: ВПР (and ОГЭ) conversion scales and work
//! structures per year, subject and grade, read from versioned data files with a source per
//! entry (crates/core/data/).
//!
//! Entries are keyed by (kind, year, canonical subject, grade of the WORK): the autumn-2020
//! sitting, where pupils wrote the work of the grade below theirs, is keyed by the work's grade
//! and the year 2020. What the files hold, where each figure was read and what is missing is in
//! docs/catalogues.md. The files are parsed once; a malformed line is skipped at run time (the
//! tests below make sure there is none).

// The importer does not call the catalogue yet.
#![allow(dead_code)]

use crate::model::ProcedureKind;
use std::sync::OnceLock;

const SCALES_TSV: &str = include_str!("../../data/vpr_scales.tsv");
const STRUCTURES_TSV: &str = include_str!("../../data/vpr_structures.tsv");

/// A published conversion scale: the maximum primary score and the lowest primary score for
/// «3», «4» and «5».
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PublishedScale {
    pub kind: ProcedureKind,
    pub year: u16,
    pub subject: String,
    pub grade: u8,
    pub max: f64,
    /// Lowest primary score for «3», «4», «5».
    pub thresholds: [f64; 3],
    pub source: String,
}

/// A published work structure: the tasks in the order of the work (КИМ labels such as `1`,
/// `5.1`, `10К1`) with their maximum scores.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WorkStructure {
    pub kind: ProcedureKind,
    pub year: u16,
    pub subject: String,
    pub grade: u8,
    pub tasks: Vec<(String, u8)>,
    pub source: String,
}

/// Every published scale of the catalogue, in file order.
pub(crate) fn scales() -> &'static [PublishedScale] {
    static SCALES: OnceLock<Vec<PublishedScale>> = OnceLock::new();
    SCALES.get_or_init(|| {
        data_lines(SCALES_TSV)
            .filter_map(|(_, line)| parse_scale(line).ok())
            .collect()
    })
}

/// Every published work structure of the catalogue, in file order.
pub(crate) fn structures() -> &'static [WorkStructure] {
    static STRUCTURES: OnceLock<Vec<WorkStructure>> = OnceLock::new();
    STRUCTURES.get_or_init(|| {
        data_lines(STRUCTURES_TSV)
            .filter_map(|(_, line)| parse_structure(line).ok())
            .collect()
    })
}

/// The published scale of a work; the subject is compared case-insensitively with ё = е.
pub(crate) fn find_scale(
    kind: ProcedureKind,
    year: u16,
    subject: &str,
    grade: u8,
) -> Option<&'static PublishedScale> {
    let subject = subject_key(subject);
    scales().iter().find(|s| {
        s.kind == kind && s.year == year && s.grade == grade && subject_key(&s.subject) == subject
    })
}

/// The published structure of a work; the subject is compared case-insensitively with ё = е.
pub(crate) fn find_structure(
    kind: ProcedureKind,
    year: u16,
    subject: &str,
    grade: u8,
) -> Option<&'static WorkStructure> {
    let subject = subject_key(subject);
    structures().iter().find(|s| {
        s.kind == kind && s.year == year && s.grade == grade && subject_key(&s.subject) == subject
    })
}

/// The key under which subjects are compared: trimmed, lowercased, ё folded to е, inner runs
/// of white space as one space.
fn subject_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The data lines of a catalogue file with their 1-based line numbers: no blank lines, no `#`
/// comments, no header (the line starting with `kind`).
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#') && !t.starts_with("kind\t")
        })
}

fn parse_kind(s: &str) -> Result<ProcedureKind, String> {
    match s.trim().to_lowercase().as_str() {
        "vpr" => Ok(ProcedureKind::Vpr),
        "oge" => Ok(ProcedureKind::Oge),
        other => Err(format!("unknown kind {other:?}")),
    }
}

fn parse_num<T: std::str::FromStr>(s: &str, what: &str) -> Result<T, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("{what}: not a number: {s:?}"))
}

fn non_empty(s: &str, what: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        Err(format!("{what} is empty"))
    } else {
        Ok(t.to_string())
    }
}

/// `kind year subject grade max mark3 mark4 mark5 source`, tab-separated.
fn parse_scale(line: &str) -> Result<PublishedScale, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 9 {
        return Err(format!("expected 9 fields, found {}", f.len()));
    }
    let max: f64 = parse_num(f[4], "max")?;
    let thresholds = [
        parse_num(f[5], "mark3")?,
        parse_num(f[6], "mark4")?,
        parse_num(f[7], "mark5")?,
    ];
    let ordered = max.is_finite()
        && thresholds[0] > 0.0
        && thresholds[0] < thresholds[1]
        && thresholds[1] < thresholds[2]
        && thresholds[2] <= max;
    if !ordered {
        return Err(format!(
            "thresholds {thresholds:?} not strictly increasing within 0..={max}"
        ));
    }
    Ok(PublishedScale {
        kind: parse_kind(f[0])?,
        year: parse_num(f[1], "year")?,
        subject: non_empty(f[2], "subject")?,
        grade: parse_num(f[3], "grade")?,
        max,
        thresholds,
        source: non_empty(f[8], "source")?,
    })
}

/// `kind year subject grade tasks source`, tab-separated; tasks as space-separated
/// `label:max`.
fn parse_structure(line: &str) -> Result<WorkStructure, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 6 {
        return Err(format!("expected 6 fields, found {}", f.len()));
    }
    let tasks = f[4]
        .split_whitespace()
        .map(|t| {
            let (label, max) = t
                .rsplit_once(':')
                .ok_or_else(|| format!("task {t:?} is not label:max"))?;
            let max: u8 = parse_num(max, "task max")?;
            if label.is_empty() || max == 0 {
                return Err(format!("task {t:?}: empty label or zero maximum"));
            }
            Ok((label.to_string(), max))
        })
        .collect::<Result<Vec<_>, String>>()?;
    if tasks.is_empty() {
        return Err("no tasks".to_string());
    }
    Ok(WorkStructure {
        kind: parse_kind(f[0])?,
        year: parse_num(f[1], "year")?,
        subject: non_empty(f[2], "subject")?,
        grade: parse_num(f[3], "grade")?,
        tasks,
        source: non_empty(f[5], "source")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn key(kind: ProcedureKind, year: u16, subject: &str, grade: u8) -> String {
        format!("{kind:?}/{year}/{}/{grade}", subject_key(subject))
    }

    #[test]
    fn every_line_parses() {
        let mut n = 0;
        for (no, line) in data_lines(SCALES_TSV) {
            parse_scale(line).unwrap_or_else(|e| panic!("vpr_scales.tsv line {no}: {e}"));
            n += 1;
        }
        assert_eq!(scales().len(), n);
        let mut n = 0;
        for (no, line) in data_lines(STRUCTURES_TSV) {
            parse_structure(line).unwrap_or_else(|e| panic!("vpr_structures.tsv line {no}: {e}"));
            n += 1;
        }
        assert_eq!(structures().len(), n);
        assert!(!scales().is_empty() && !structures().is_empty());
        // The header names the columns as documented.
        assert!(SCALES_TSV
            .lines()
            .any(|l| l == "kind\tyear\tsubject\tgrade\tmax\tmark3\tmark4\tmark5\tsource"));
        assert!(STRUCTURES_TSV
            .lines()
            .any(|l| l == "kind\tyear\tsubject\tgrade\ttasks\tsource"));
    }

    #[test]
    fn malformed_lines_are_refused() {
        for bad in [
            "vpr\t2021\tМатематика\t4\t20\t6\t10",
            "vpr\t2021\tМатематика\t4\t20\t10\t6\t15\tsrc",
            "vpr\t2021\tМатематика\t4\t20\t6\t10\t21\tsrc",
            "xyz\t2021\tМатематика\t4\t20\t6\t10\t15\tsrc",
            "vpr\t2021\tМатематика\t4\t20\t6\t10\t15\t",
        ] {
            assert!(parse_scale(bad).is_err(), "{bad}");
        }
        for bad in [
            "vpr\t2021\tМатематика\t4\t1:1 2\tsrc",
            "vpr\t2021\tМатематика\t4\t\tsrc",
            "vpr\t2021\tМатематика\t4\t1:0\tsrc",
        ] {
            assert!(parse_structure(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn thresholds_increase_within_the_maximum() {
        for s in scales() {
            let [t3, t4, t5] = s.thresholds;
            assert!(
                0.0 < t3 && t3 < t4 && t4 < t5 && t5 <= s.max,
                "{} {} {}: {:?} / {}",
                s.year,
                s.subject,
                s.grade,
                s.thresholds,
                s.max
            );
        }
    }

    #[test]
    fn no_duplicate_keys() {
        let mut seen = HashSet::new();
        for s in scales() {
            assert!(
                seen.insert(key(s.kind, s.year, &s.subject, s.grade)),
                "duplicate scale {} {} {}",
                s.year,
                s.subject,
                s.grade
            );
        }
        let mut seen = HashSet::new();
        for s in structures() {
            assert!(
                seen.insert(key(s.kind, s.year, &s.subject, s.grade)),
                "duplicate structure {} {} {}",
                s.year,
                s.subject,
                s.grade
            );
            let mut labels = HashSet::new();
            for (l, _) in &s.tasks {
                assert!(
                    labels.insert(l.as_str()),
                    "{} {}: label {l} twice",
                    s.subject,
                    s.grade
                );
            }
        }
    }

    #[test]
    fn structures_sum_to_the_scale_maximum() {
        let mut checked = 0;
        for st in structures() {
            if let Some(sc) = find_scale(st.kind, st.year, &st.subject, st.grade) {
                let sum: f64 = st.tasks.iter().map(|(_, m)| f64::from(*m)).sum();
                assert_eq!(
                    sum, sc.max,
                    "{} {} {}: task maxima sum to {sum}, scale max {}",
                    st.year, st.subject, st.grade, sc.max
                );
                checked += 1;
            }
        }
        assert!(checked >= 10, "only {checked} structures have a scale");
    }

    #[test]
    fn subjects_are_canonical() {
        for s in scales()
            .iter()
            .map(|s| &s.subject)
            .chain(structures().iter().map(|s| &s.subject))
        {
            assert_eq!(
                &crate::ingest::infer::canonical_subject(s),
                s,
                "{s} is not a canonical subject name"
            );
        }
    }

    #[test]
    fn lookup_folds_case_and_yo() {
        let s = find_scale(ProcedureKind::Vpr, 2021, "  окружающий   МИР ", 4).expect("found");
        assert_eq!(s.subject, "Окружающий мир");
        assert!(find_scale(ProcedureKind::Vpr, 2021, "Окружающий мир", 9).is_none());
        assert!(find_scale(ProcedureKind::Oge, 2021, "Окружающий мир", 4).is_none());
        assert!(find_structure(ProcedureKind::Vpr, 2022, "география", 10).is_some());
        assert_eq!(subject_key("Ёлка"), subject_key("елка"));
    }

    /// Spot checks against the documents named in each comment.
    #[test]
    fn published_figures() {
        let sc = |y, s, g| {
            let x = find_scale(ProcedureKind::Vpr, y, s, g).expect("scale");
            (x.max, x.thresholds)
        };
        // ФИОКО, Описание КИМ ВПР 2021, математика 4 класс: «2» 0–5, «3» 6–9, «4» 10–14, «5» 15–20.
        assert_eq!(sc(2021, "Математика", 4), (20.0, [6.0, 10.0, 15.0]));
        // ФИОКО, Описание КИМ ВПР 2021, русский язык 4 класс: 0–13, 14–23, 24–32, 33–38.
        assert_eq!(sc(2021, "Русский язык", 4), (38.0, [14.0, 24.0, 33.0]));
        // ФИОКО, Описание КИМ ВПР 2021, окружающий мир 4 класс: 0–7, 8–17, 18–26, 27–32.
        assert_eq!(sc(2021, "Окружающий мир", 4), (32.0, [8.0, 18.0, 27.0]));
        // ФИОКО, Описание КИМ ВПР 2021, русский язык 5 класс: 0–17, 18–28, 29–38, 39–45.
        assert_eq!(sc(2021, "Русский язык", 5), (45.0, [18.0, 29.0, 39.0]));
        // ФИОКО, Описание КИМ ВПР 2021, история 5 класс: 0–3, 4–7, 8–11, 12–15.
        assert_eq!(sc(2021, "История", 5), (15.0, [4.0, 8.0, 12.0]));
        // ФИОКО, Описание КИМ ВПР 2021, география 8 класс: «4» 27–35, «5» 35–40 (as printed).
        assert_eq!(sc(2021, "География", 8), (40.0, [13.0, 27.0, 35.0]));
        // Описание ВПР 11 класс 2021, химия, табл. 4: 0–10, 11–19, 20–27, 28–33.
        assert_eq!(sc(2021, "Химия", 11), (33.0, [11.0, 20.0, 28.0]));
        // shekeldini/Flask vpr_analysis/vpr_2022.py, eng11 = [10, 11, 17, 18, 24, 25].
        assert_eq!(sc(2022, "Английский язык", 11), (32.0, [11.0, 18.0, 25.0]));
        // shekeldini/Flask vpr_analysis/vpr_2022.py, mat8 = [7, 8, 14, 15, 20, 21]; max 25 from the
        // task headers of the 2022 protocol excel/vpr_results/2022/8/Математика.xlsx.
        assert_eq!(sc(2022, "Математика", 8), (25.0, [8.0, 15.0, 21.0]));
        // shekeldini/Flask vpr_analysis/vpr_2022.py, rus5 = [17, 18, 28, 29, 38, 39]; max 45 from the
        // 2022 protocol excel/vpr_results/2022/5/Русский язык.xlsx.
        assert_eq!(sc(2022, "Русский язык", 5), (45.0, [18.0, 29.0, 39.0]));
        // The 2022 protocol of grade-8 mathematics (excel/vpr_results/2022/8/Математика.xlsx):
        // task 16 in two parts, «16 (1) (1б)» and «16 (2) (1б)».
        let st = find_structure(ProcedureKind::Vpr, 2022, "Математика", 8).expect("structure");
        assert!(st.tasks.contains(&("16.1".to_string(), 1)));
        assert!(st.tasks.contains(&("16.2".to_string(), 1)));
        // ОГЭ 2023 (Rosobrnadzor letter № 04-57 of 21.02.2023 as quoted at
        // xn----ctbsjfhhbd0al8e.xn--p1ai/?p=24057): русский язык «2» 0–14, «3» 15–22, «4» 23–28,
        // «5» 29–33; математика «2» 0–7, «3» 8–14, «4» 15–21, «5» 22–31.
        let oge = |s, g| {
            let x = find_scale(ProcedureKind::Oge, 2023, s, g).expect("oge scale");
            (x.max, x.thresholds)
        };
        assert_eq!(oge("Русский язык", 9), (33.0, [15.0, 23.0, 29.0]));
        assert_eq!(oge("Математика", 9), (31.0, [8.0, 15.0, 22.0]));
        // ФИОКО, Описание КИМ ВПР 2021, математика 4 класс: tasks 1–12 with 5, 6 and 9 in two parts.
        let st = find_structure(ProcedureKind::Vpr, 2021, "Математика", 4).expect("structure");
        let labels: Vec<&str> = st.tasks.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "1", "2", "3", "4", "5.1", "5.2", "6.1", "6.2", "7", "8", "9.1", "9.2", "10", "11",
                "12"
            ]
        );
        // The 2022 protocol of grade-11 history: task 10 has two criteria, 10К1 (1б) and 10К2 (2б).
        let st = find_structure(ProcedureKind::Vpr, 2022, "История", 11).expect("structure");
        assert!(st.tasks.contains(&("10К1".to_string(), 1)));
        assert!(st.tasks.contains(&("10К2".to_string(), 2)));
    }

    /// The real Altai exports (see /work/shared/data/real/altai_vpr/README.md): for every file
    /// whose (year, grade, subject) the catalogue covers, the scale's maximum equals the file's
    /// sum of task maxima, and a structure has the file's number of tasks and maxima in order.
    #[test]
    fn real_files_agree_with_the_catalogue() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/real/altai_vpr/reference.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} is absent", path.display());
            return;
        };
        let json: serde_json::Value = serde_json::from_str(&text).expect("reference.json parses");
        let files = json["files"].as_array().expect("files");
        let (mut scales_checked, mut structures_checked) = (0, 0);
        for f in files {
            let (Some(year), Some(grade), Some(subject), Some(max_sum)) = (
                f["year"].as_u64(),
                f["grade"].as_u64(),
                f["subject"].as_str(),
                f["max_sum"].as_f64(),
            ) else {
                continue;
            };
            let (year, grade) = (year as u16, grade as u8);
            if let Some(sc) = find_scale(ProcedureKind::Vpr, year, subject, grade) {
                assert_eq!(sc.max, max_sum, "{year} {subject} {grade}: scale max");
                scales_checked += 1;
            }
            if let Some(st) = find_structure(ProcedureKind::Vpr, year, subject, grade) {
                let maxima: Vec<f64> = f["tasks"]
                    .as_array()
                    .map(|t| t.iter().filter_map(|t| t["max"].as_f64()).collect())
                    .unwrap_or_default();
                let ours: Vec<f64> = st.tasks.iter().map(|(_, m)| f64::from(*m)).collect();
                assert_eq!(ours, maxima, "{year} {subject} {grade}: task maxima");
                structures_checked += 1;
            }
        }
        assert!(
            scales_checked >= 20,
            "only {scales_checked} real files have a scale"
        );
        assert!(
            structures_checked >= 10,
            "only {structures_checked} real files have a structure"
        );
    }
}
