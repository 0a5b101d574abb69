//! Unit tests of the re-check on the hand-made [`fixture`] dataset: kappa and the interval
//! against reference values, the sample, every bad-input message of the reader, the verdict
//! rule and apply.

use super::fixture::{self, MAXES};
use super::*;
use crate::ingest::Severity;
use crate::lang::Lang;
use crate::model::Dataset;
use crate::objectivity::{Candidate, Evidence, Indicator, ObjectivityReport, Settings, Sign};

// ---------------------------------------------------------------------------------------------
// Kappa and the interval against a stats package.

/// Reference values from scikit-learn 1.9.1 (`pip install scikit-learn` in a venv):
///
/// ```python
/// from sklearn.metrics import cohen_kappa_score
/// cases = {
///     "task_max2": ([0,1,2,2,1,0,2,1,1,0,2,2], [0,1,1,2,1,1,2,0,1,0,2,1], 2),
///     "task_max3_gap": ([0,3,3,1,0,3,1,1,3,0], [0,3,1,1,1,3,0,1,3,0], 3),
///     "totals_max10": ([10,7,5,5,3,8,9,2,6,4,7,1], [9,7,4,5,3,6,9,2,5,4,6,1], 10),
/// }
/// for name, (a, b, m) in cases.items():
///     labels = list(range(m + 1))
///     for w in ("linear", "quadratic", None):
///         print(name, w, repr(cohen_kappa_score(a, b, labels=labels, weights=w)))
/// ```
///
/// `labels=range(max+1)` makes sklearn's weights the distance between scores (without it they
/// are the distance between the indices of the scores that occur; "task_max3_gap" has no 2).
/// Two ratings, the maximum, and sklearn's linear, quadratic and unweighted kappa.
type KappaCase<'a> = (&'a [u32], &'a [u32], u32, [f64; 3]);

#[test]
fn weighted_kappa_matches_scikit_learn() {
    let cases: [KappaCase; 3] = [
        (
            &[0, 1, 2, 2, 1, 0, 2, 1, 1, 0, 2, 2],
            &[0, 1, 1, 2, 1, 1, 2, 0, 1, 0, 2, 1],
            2,
            [0.6, 0.7142857142857143, 0.5],
        ),
        (
            &[0, 3, 3, 1, 0, 3, 1, 1, 3, 0],
            &[0, 3, 1, 1, 1, 3, 0, 1, 3, 0],
            3,
            [0.7014925373134329, 0.8064516129032258, 0.5522388059701492],
        ),
        (
            &[10, 7, 5, 5, 3, 8, 9, 2, 6, 4, 7, 1],
            &[9, 7, 4, 5, 3, 6, 9, 2, 5, 4, 6, 1],
            10,
            [0.8293838862559242, 0.948990435706695, 0.5348837209302324],
        ),
    ];
    for (a, b, max, [lin, quad, unw]) in cases {
        let k = |w| weighted_kappa(a, b, max, w).unwrap();
        assert!((k(Weights::Linear) - lin).abs() < 1e-12, "{a:?}");
        assert!((k(Weights::Quadratic) - quad).abs() < 1e-12, "{a:?}");
        assert!((k(Weights::Unweighted) - unw).abs() < 1e-12, "{a:?}");
    }
    // Perfect agreement; nothing to agree on (sklearn gives nan); bad input.
    assert_eq!(
        weighted_kappa(&[0, 1, 2], &[0, 1, 2], 2, Weights::Quadratic),
        Some(1.0)
    );
    assert_eq!(
        weighted_kappa(&[1, 1, 1], &[1, 1, 1], 2, Weights::Quadratic),
        None
    );
    assert_eq!(weighted_kappa(&[1, 3], &[1, 1], 2, Weights::Linear), None);
    assert_eq!(weighted_kappa(&[1], &[1, 1], 2, Weights::Linear), None);
    assert_eq!(weighted_kappa(&[], &[], 2, Weights::Linear), None);
}

/// The interval of the mean shift against scipy 1.17.1:
/// `stats.t.interval(0.95, n-1, loc=d.mean(), scale=d.std(ddof=1)/sqrt(n))` for
/// `d = [2,0,1,3,0,1,0,2]`: mean 1.125, SD 1.1259916264596033, (0.18364744269990496,
/// 2.066352557300095).
#[test]
fn shift_interval_matches_scipy() {
    let mut ds = fixture::dataset();
    // Eight works of S0 whose re-check takes d points off task 4 (max 3) or task 2.
    let d = [2u8, 0, 1, 3, 0, 1, 0, 2];
    let mut works = Vec::new();
    let mut i = 0;
    let mut it = d.iter();
    let mut next = it.next();
    while let Some(&di) = next {
        let s = fixture::scores_of(i);
        if s[3] + s[1] >= di && i < 12 {
            let mut re = s;
            let take4 = di.min(re[3]);
            re[3] -= take4;
            re[1] -= di - take4;
            works.push(work(&ds, i, &re));
            next = it.next();
        }
        i += 1;
    }
    assert_eq!(works.len(), 8);
    ds.procedures[0].scale = None;
    let rule = VerdictRule {
        min_works: 5,
        ..VerdictRule::default()
    };
    let r = agreement(&ds, &scores(works), &rule.check().unwrap());
    let f = r.schools[0].units[0].group.figures.clone().unwrap();
    assert!((f.mean_shift - 1.125).abs() < 1e-12);
    assert!((f.sd_shift - 1.1259916264596033).abs() < 1e-12);
    assert!((f.ci[0] - 0.18364744269990496).abs() < 1e-9, "{:?}", f.ci);
    assert!((f.ci[1] - 2.066352557300095).abs() < 1e-9, "{:?}", f.ci);
    assert!(f.marks.is_none());
    // Mean ≥ 1 and the interval above 0: not confirmed by the shift.
    assert_eq!(r.schools[0].units[0].group.verdict, Verdict::NotConfirmed);
    assert!(matches!(
        r.schools[0].units[0].group.because[0],
        Because::Shift { .. }
    ));
}

// ---------------------------------------------------------------------------------------------
// Helpers.

fn work(ds: &Dataset, i: usize, scores: &[u8]) -> RecheckedWork {
    let p = &ds.procedures[0];
    RecheckedWork {
        procedure: p.key.id(),
        index: i,
        school: ds.schools[p.results.school[i] as usize].code.clone(),
        scores: scores.to_vec(),
        not_done: vec![false; scores.len()],
        file: "list.csv".into(),
        line: i as u32 + 2,
        in_sample: true,
    }
}

fn scores(works: Vec<RecheckedWork>) -> RecheckScores {
    RecheckScores {
        works,
        ..RecheckScores::default()
    }
}

fn report_with(signs: Vec<(Indicator, &str, Evidence)>, ds: &Dataset) -> ObjectivityReport {
    let id = ds.procedures[0].key.id();
    ObjectivityReport {
        settings: Settings::default(),
        schools: Vec::new(),
        tested: signs
            .into_iter()
            .map(|(indicator, school, evidence)| Sign {
                candidate: Candidate {
                    indicator,
                    school: school.into(),
                    procedure: id.clone(),
                    class: None,
                    value: 1.0,
                    reference: 0.0,
                    threshold: 0.5,
                    n: 12,
                    size: 1.0,
                    se: None,
                    spread: None,
                    p_sampling: Some(0.001),
                    p: Some(0.001),
                    effect: true,
                    evidence,
                },
                q: Some(0.001),
                fired: true,
            })
            .collect(),
    }
}

fn bunching_at(t: u32) -> Evidence {
    Evidence::Bunching {
        mark: 3,
        threshold: t,
        above: 8,
        below: 1,
        district_above: 10,
        district_below: 10,
        effect: 1.5,
        hole: false,
        unit_counts: Vec::new(),
        district_counts: Vec::new(),
    }
}

/// Every eligible work of the fixture as a list (S0 rows 0..12, S1 rows 12..23).
fn full_list(ds: &Dataset) -> RecheckList {
    let plan = RecheckPlan::new(1).works_per_unit(100).check().unwrap();
    choose(ds, &report_with(Vec::new(), ds), &plan).unwrap()
}

/// The exported list of `list` with `fill(work)` as the cells after the first six (task
/// scores, then the total) of each work's row.
fn filled(ds: &Dataset, list: &RecheckList, fill: impl Fn(&RecheckWork) -> Vec<String>) -> Vec<u8> {
    let files = export_csv(list, ds, None, Lang::Ru);
    assert_eq!(files.len(), 1);
    let text = String::from_utf8(files[0].bytes.clone()).unwrap();
    let mut lines = text.lines();
    let mut out = format!("{}\n", lines.next().unwrap());
    for (line, w) in lines.zip(&list.works) {
        let cells: Vec<&str> = line.split(';').take(6).collect();
        out += &format!("{};{}\n", cells.join(";"), fill(w).join(";"));
    }
    out.into_bytes()
}

fn read_one(bytes: &[u8], list: &RecheckList, ds: &Dataset) -> RecheckScores {
    read_filled(&[("list.csv", bytes)], list, ds)
}

fn errors(r: &RecheckScores) -> Vec<&crate::ingest::Issue> {
    r.issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect()
}

/// A hand-written list: the header and rows of cells.
fn csv(rows: &[&[&str]]) -> Vec<u8> {
    let mut s = String::new();
    for r in rows {
        s += &r.join(";");
        s.push('\n');
    }
    s.into_bytes()
}

const HEAD: [&str; 11] = [
    "Школа",
    "Процедура",
    "Класс",
    "Файл",
    "Строка в файле",
    "Код",
    "Задание 1 (макс. 1)",
    "Задание 2 (макс. 2)",
    "Задание 3.1 (макс. 2)",
    "Задание 4 (макс. 3)",
    "Первичный балл (перепроверка)",
];
const PROC: &str = "ВПР Математика 5 кл. 2025";

// ---------------------------------------------------------------------------------------------
// The sample.

#[test]
fn sample_is_weighted_stratified_and_deterministic() {
    let ds = fixture::dataset();
    let plan = RecheckPlan::new(7)
        .works_per_unit(2)
        .min_per_school(0)
        .check()
        .unwrap();
    // No sign: 2 works per school.
    let none = choose(&ds, &report_with(Vec::new(), &ds), &plan).unwrap();
    assert_eq!(none.works.len(), 4);
    assert!(none.works.iter().all(|w| w.why == Why::Base));
    // A sign in S1: 2 × 4 = 8 works there, S0 keeps 2.
    let sign = report_with(
        vec![(
            Indicator::Inversion,
            "S1",
            Evidence::Fluctuation {
                years: vec![],
                z: vec![],
            },
        )],
        &ds,
    );
    let list = choose(&ds, &sign, &plan).unwrap();
    let count = |s: &str| list.works.iter().filter(|w| w.school == s).count();
    assert_eq!((count("S0"), count("S1")), (2, 8));
    assert!(list
        .works
        .iter()
        .filter(|w| w.school == "S1")
        .all(|w| w.why == Why::Sign));
    // Stratified: S1's 11 works sorted by total cut into 8 strata; the sample spans the range.
    let totals: Vec<f64> = list
        .works
        .iter()
        .filter(|w| w.school == "S1")
        .map(|w| w.total)
        .collect();
    let (lo, hi) = totals
        .iter()
        .fold((f64::MAX, f64::MIN), |a, &t| (a.0.min(t), a.1.max(t)));
    assert!(lo <= 1.0 && hi >= 7.0, "{totals:?}");
    // The absent pupil is never drawn; works carry file, row, code and the original scores.
    assert!(list.works.iter().all(|w| w.index != 23));
    for w in &list.works {
        assert_eq!(w.file.as_deref(), Some("f.csv"));
        assert_eq!(w.row, w.index as u32 + 3);
        assert_eq!(w.code, format!("P{:02}", w.index));
        assert_eq!(w.scores, fixture::scores_of(w.index).to_vec());
    }
    // Deterministic from the seed; another seed draws other works.
    assert_eq!(choose(&ds, &sign, &plan).unwrap(), list);
    let other = (8..40)
        .map(|s| {
            let p = RecheckPlan::new(s)
                .works_per_unit(2)
                .min_per_school(0)
                .check()
                .unwrap();
            choose(&ds, &sign, &p).unwrap()
        })
        .any(|l| l.works != list.works);
    assert!(other);
    let d = list.units.iter().find(|u| u.school == "S1").unwrap();
    assert_eq!((d.eligible, d.drawn, d.why), (11, 8, Why::Sign));
}

#[test]
fn sample_targets_the_bunching_threshold_and_fills_the_school_minimum() {
    let ds = fixture::dataset();
    // Bunching at «4» (5 points) in S0: 70 % of its 8 works should have 5 or 6 points, but
    // only 3 works have them; the other 5 come from the other scores.
    let rep = report_with(vec![(Indicator::Bunching, "S0", bunching_at(5))], &ds);
    let plan = RecheckPlan::new(3)
        .works_per_unit(2)
        .min_per_school(0)
        .check()
        .unwrap();
    let list = choose(&ds, &rep, &plan).unwrap();
    let s0: Vec<_> = list.works.iter().filter(|w| w.school == "S0").collect();
    assert_eq!(s0.len(), 8);
    let at: Vec<_> = s0.iter().filter(|w| w.boundary).collect();
    assert_eq!(at.len(), 3);
    assert!(at.iter().all(|w| w.total == 5.0 || w.total == 6.0));
    assert!(s0
        .iter()
        .filter(|w| !w.boundary)
        .all(|w| w.total != 5.0 && w.total != 6.0));
    assert_eq!(list.units[0].boundary, Some(5));
    // S1 has a sign elsewhere in the school? No: it is clean, weight 1.
    assert_eq!(list.works.iter().filter(|w| w.school == "S1").count(), 2);
    // The minimum per school adds works to S1 (and S0 already has 8 ≥ 5).
    let plan = RecheckPlan::new(3)
        .works_per_unit(2)
        .min_per_school(5)
        .check()
        .unwrap();
    let list = choose(&ds, &rep, &plan).unwrap();
    assert_eq!(list.works.iter().filter(|w| w.school == "S1").count(), 5);
    // At most all works.
    let plan = RecheckPlan::new(3)
        .works_per_unit(0)
        .min_per_school(50)
        .check()
        .unwrap();
    let list = choose(&ds, &rep, &plan).unwrap();
    assert_eq!(list.works.len(), 23);
}

#[test]
fn sample_filters_and_refuses_unknown_names() {
    let ds = fixture::dataset();
    let rep = report_with(Vec::new(), &ds);
    let plan = RecheckPlan::new(1)
        .schools(vec!["S1".into()])
        .check()
        .unwrap();
    let list = choose(&ds, &rep, &plan).unwrap();
    assert!(!list.works.is_empty() && list.works.iter().all(|w| w.school == "S1"));
    let plan = RecheckPlan::new(1)
        .schools(vec!["S9".into()])
        .check()
        .unwrap();
    assert_eq!(
        choose(&ds, &rep, &plan).unwrap_err(),
        RecheckError::UnknownSchool("S9".into())
    );
    let plan = RecheckPlan::new(1)
        .procedures(vec!["oge-x".into()])
        .check()
        .unwrap();
    let e = choose(&ds, &rep, &plan).unwrap_err();
    assert_eq!(e, RecheckError::UnknownProcedure("oge-x".into()));
    assert!(e.message(Lang::Ru).contains("нет в загруженных данных"));
}

#[test]
fn rows_of_merged_files_are_told_apart_when_they_can_be() {
    let mut ds = fixture::dataset();
    let p = &mut ds.procedures[0];
    assert_eq!(work_files(p), vec![Some(0); 24]);
    p.files = vec!["a.csv".into(), "b.csv".into()];
    p.results.source_row = (0..24)
        .map(|i| if i < 12 { 3 + i } else { i - 9 })
        .collect();
    let f = work_files(p);
    assert_eq!((f[11], f[12], f[23]), (Some(0), Some(1), Some(1)));
    p.files.push("c.csv".into());
    assert!(work_files(p).iter().all(Option::is_none));
}

// ---------------------------------------------------------------------------------------------
// Reading the filled list.

#[test]
fn filled_list_round_trips() {
    let ds = fixture::dataset();
    let list = full_list(&ds);
    assert_eq!(list.works.len(), 23);
    // Re-checked: one point off task 4 where there is one; totals given for half the rows.
    let bytes = filled(&ds, &list, |w| {
        let mut s = w.scores.clone();
        if s[3] > 0 {
            s[3] -= 1;
        }
        let mut cells: Vec<String> = s.iter().map(|x| x.to_string()).collect();
        if w.index % 2 == 0 {
            cells.push(s.iter().map(|&x| u32::from(x)).sum::<u32>().to_string());
        }
        cells
    });
    let r = read_one(&bytes, &list, &ds);
    assert!(r.issues.is_empty(), "{:?}", r.issues);
    assert_eq!(r.counts.rows, 23);
    assert_eq!(r.counts.used, 23);
    assert_eq!(
        (r.counts.blank, r.counts.rejected, r.counts.not_returned),
        (0, 0, 0)
    );
    for w in &r.works {
        let mut s = fixture::scores_of(w.index);
        if s[3] > 0 {
            s[3] -= 1;
        }
        assert_eq!(w.scores, s.to_vec());
        assert!(w.in_sample);
    }
}

#[test]
fn english_headers_x_cells_blank_rows_and_works_outside_the_sample() {
    let ds = fixture::dataset();
    // The sample is two works; the list brings back three, one row is blank.
    let plan = RecheckPlan::new(1)
        .works_per_unit(1)
        .min_per_school(0)
        .check()
        .unwrap();
    let list = choose(&ds, &report_with(Vec::new(), &ds), &plan).unwrap();
    let w0 = &list.works[0];
    let row0 = w0.row.to_string();
    // A work of S0 outside the sample.
    let id = ds.procedures[0].key.id();
    let other = (0..12).find(|&i| list.find(&id, i).is_none()).unwrap();
    let (other_row, other_code) = ((other + 3).to_string(), format!("P{other:02}"));
    let s = fixture::scores_of(other).map(|x| x.to_string());
    let bytes = csv(&[
        &[
            "School",
            "Procedure",
            "Class",
            "File",
            "Row in file",
            "Code",
            "Task 1 (max 1)",
            "Task 2 (max 2)",
            "Task 3.1 (max 2)",
            "Task 4 (max 3)",
            "Primary score (re-check)",
        ],
        &[
            &w0.school,
            "vpr-математика-5-2025",
            "",
            "f.csv",
            &row0,
            &w0.code,
            "X",
            "0",
            "0",
            "1",
            "1",
        ],
        &[
            "S0",
            PROC,
            "",
            "f.csv",
            &other_row,
            &other_code,
            &s[0],
            &s[1],
            &s[2],
            &s[3],
            "",
        ],
        &["S1", PROC, "", "f.csv", "20", "P17", "", "", "", "", ""],
        &["", "", "", "", "", "", "", "", "", "", ""],
    ]);
    let r = read_one(&bytes, &list, &ds);
    assert!(errors(&r).is_empty(), "{:?}", r.issues);
    assert_eq!(r.counts.rows, 3);
    assert_eq!(r.counts.used, 2);
    assert_eq!(r.counts.blank, 1);
    let first = r.works.iter().find(|w| w.index == w0.index).unwrap();
    assert_eq!(first.scores, vec![0, 0, 0, 1]);
    assert_eq!(first.not_done, vec![true, false, false, false]);
    assert_eq!(r.counts.not_in_sample, 1);
    assert!(r.issues.iter().any(|i| i.severity == Severity::Info
        && i.message_ru.contains("Работ не из выборки: 1 (строки 3)")));
    // The second work of the sample did not come back.
    assert_eq!(r.counts.not_returned, 1);
    let w = r
        .issues
        .iter()
        .find(|i| i.severity == Severity::Warning)
        .unwrap();
    assert!(
        w.message_ru.contains("без баллов перепроверки: 1 из 2"),
        "{}",
        w.message_ru
    );
}

#[test]
fn works_are_found_by_file_and_row_when_the_code_fails() {
    let ds = fixture::dataset();
    let list = full_list(&ds);
    // Another session: other codes; the file and row still find the work (and the procedure
    // may be named as the screens show it).
    let bytes = csv(&[
        &HEAD,
        &[
            "S0", PROC, "5Б", "f.csv", "6", "P9999", "1", "1", "0", "0", "",
        ],
        &[
            "sch0",
            "ВПР Математика, 5 кл., 2025",
            "5Б",
            "F.CSV",
            "8",
            "",
            "1",
            "2",
            "2",
            "0",
            "",
        ],
    ]);
    let r = read_one(&bytes, &list, &ds);
    assert!(errors(&r).is_empty(), "{:?}", r.issues);
    let idx: Vec<usize> = r.works.iter().map(|w| w.index).collect();
    assert_eq!(idx, vec![3, 5]);
}

#[test]
fn every_bad_cell_is_refused_with_row_column_and_what_to_do() {
    let ds = fixture::dataset();
    let list = full_list(&ds);
    let bytes = csv(&[
        &HEAD,
        // 2: fine.
        &["S0", PROC, "", "f.csv", "3", "P00", "0", "0", "0", "0", "0"],
        // 3: not a number.
        &[
            "S0", PROC, "", "f.csv", "4", "P01", "один", "2", "2", "0", "",
        ],
        // 4: above the maximum.
        &["S0", PROC, "", "f.csv", "5", "P02", "1", "3", "2", "0", ""],
        // 5: unknown code and row.
        &["S0", PROC, "", "f.csv", "99", "P77", "1", "2", "2", "0", ""],
        // 6: duplicate of row 2.
        &["S0", PROC, "", "f.csv", "3", "P00", "0", "0", "0", "0", ""],
        // 7: some tasks blank.
        &["S0", PROC, "", "f.csv", "6", "P03", "1", "", "0", "", ""],
        // 8: total is not the sum.
        &["S0", PROC, "", "f.csv", "7", "P04", "1", "1", "0", "0", "5"],
        // 9: only the total.
        &["S0", PROC, "", "f.csv", "8", "P05", "", "", "", "", "5"],
        // 10: unknown procedure.
        &[
            "S0",
            "ОГЭ Физика",
            "",
            "f.csv",
            "9",
            "P06",
            "1",
            "1",
            "0",
            "0",
            "",
        ],
        // 11: the absent pupil.
        &["S1", PROC, "", "f.csv", "26", "P23", "0", "0", "0", "0", ""],
        // 12: code and row point to different works.
        &["S0", PROC, "", "f.csv", "12", "P07", "1", "1", "0", "0", ""],
        // 13: a fraction and a negative score.
        &[
            "S0", PROC, "", "f.csv", "13", "P10", "0,5", "-1", "0", "0", "",
        ],
        // 14: a row number that is not one, no code.
        &[
            "S0",
            PROC,
            "",
            "f.csv",
            "третья",
            "",
            "1",
            "1",
            "0",
            "0",
            "",
        ],
        // 15: no procedure.
        &["S0", "", "", "f.csv", "14", "P11", "1", "1", "0", "0", ""],
        // 16: a bad total.
        &[
            "S1",
            PROC,
            "",
            "f.csv",
            "15",
            "P12",
            "0",
            "0",
            "0",
            "0",
            "много",
        ],
    ]);
    let r = read_one(&bytes, &list, &ds);
    let errs = errors(&r);
    let at = |row: u32| -> Vec<&&crate::ingest::Issue> {
        errs.iter().filter(|i| i.row == Some(row)).collect()
    };
    let one = |row: u32, col: &str, text: &str| {
        let i = at(row);
        assert_eq!(i.len(), 1, "row {row}: {i:?}");
        assert_eq!(i[0].column.as_deref(), Some(col), "row {row}");
        assert!(
            i[0].message_ru.contains(text),
            "row {row}: {}",
            i[0].message_ru
        );
        assert!(!i[0].message_en.is_empty());
        assert_eq!(i[0].file, "list.csv");
    };
    assert!(at(2).is_empty());
    one(
        3,
        "Задание 1 (макс. 1)",
        "«один» — не балл: впишите целое число от 0 до 1",
    );
    one(
        4,
        "Задание 2 (макс. 2)",
        "Балл «3» больше максимума задания 2 (2)",
    );
    one(5, "Код", "Работа не найдена: нет кода «P77» в школе «S0»");
    one(6, "Код", "Эта работа уже есть в строке 2 файла «list.csv»");
    one(7, "Задание 2 (макс. 2)", "Не заполнены задания 2, 4");
    one(
        8,
        "Первичный балл (перепроверка)",
        "Первичный балл 5 не равен сумме баллов за задания (2)",
    );
    one(
        9,
        "Первичный балл (перепроверка)",
        "Заполнен только первичный балл",
    );
    one(
        10,
        "Процедура",
        "Процедуры «ОГЭ Физика» нет в загруженных данных",
    );
    one(11, "Код", "Этот ученик отсутствовал");
    one(12, "Код", "указывают на разные работы");
    assert_eq!(at(13).len(), 2, "{:?}", at(13));
    assert!(at(13)[0].message_ru.contains("«0,5» — не балл"));
    assert!(at(13)[1].message_ru.contains("«-1» — не балл"));
    one(14, "Строка в файле", "«третья» — не номер строки");
    one(15, "Процедура", "Не указана процедура");
    one(
        16,
        "Первичный балл (перепроверка)",
        "«много» — не первичный балл",
    );
    assert_eq!(r.counts.rows, 15);
    assert_eq!(r.counts.used, 1);
    assert_eq!(r.counts.rejected, 14);
    assert_eq!(r.counts.not_returned, 22);
    assert!(r.has_errors());
}

#[test]
fn missing_columns_and_unreadable_files_say_what_to_do() {
    let ds = fixture::dataset();
    let list = full_list(&ds);
    let msg = |bytes: &[u8]| -> (String, ReadCounts) {
        let r = read_one(bytes, &list, &ds);
        let e = errors(&r);
        assert!(!e.is_empty(), "{:?}", r.issues);
        (e[0].message_ru.clone(), r.counts)
    };
    // No way to find the works.
    let (m, c) = msg(&csv(&[
        &["Школа", "Процедура", "Строка в файле", "Задание 1"],
        &["S0", PROC, "3", "1"],
    ]));
    assert!(
        m.contains("нужны столбцы «Школа» и «Код» или «Файл» и «Строка в файле»"),
        "{m}"
    );
    assert_eq!((c.rows, c.rejected), (1, 1));
    // No task columns.
    let (m, _) = msg(&csv(&[
        &["Школа", "Процедура", "Код"],
        &["S0", PROC, "P00"],
    ]));
    assert!(m.contains("нет столбцов с баллами за задания"), "{m}");
    // A task of the procedure has no column.
    let (m, c) = msg(&csv(&[
        &[
            "Школа",
            "Процедура",
            "Код",
            "Задание 1",
            "Задание 2",
            "Задание 4",
        ],
        &["S0", PROC, "P00", "0", "0", "0"],
        &["S0", PROC, "P01", "0", "0", "0"],
    ]));
    assert!(m.contains("Нет столбцов заданий 3.1 процедуры"), "{m}");
    assert_eq!(c.rejected, 2);
    // No header at all.
    let (m, _) = msg(&csv(&[&["a", "b"], &["1", "2"]]));
    assert!(
        m.contains("Не найдена строка заголовка списка перепроверки"),
        "{m}"
    );
    // Empty and binary files.
    let (m, _) = msg(b"");
    assert!(m.contains("Файл пустой"), "{m}");
    let (m, _) = msg(&[0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 0, 7]);
    assert!(m.contains("двоичный"), "{m}");
    // A repeated column is named.
    let r = read_one(
        &csv(&[
            &["Школа", "Процедура", "Код", "Код", "1", "2", "3.1", "4"],
            &["S0", PROC, "P00", "P01", "0", "0", "0", "0"],
        ]),
        &list,
        &ds,
    );
    assert!(errors(&r).is_empty(), "{:?}", r.issues);
    assert_eq!(r.works[0].index, 0);
    let w = r
        .issues
        .iter()
        .find(|i| i.severity == Severity::Warning && i.column.as_deref() == Some("Код"))
        .unwrap();
    assert!(w.message_ru.contains("повторяет другой"));
}

#[test]
fn filled_workbook_is_read() {
    use crate::report::{to_xlsx, Cell, Table};
    let ds = fixture::dataset();
    let list = full_list(&ds);
    let mut t = Table::new("Перепроверка", HEAD);
    t.push_row(
        ["S0", PROC, "5А", "f.csv"]
            .map(|s| Cell::Text(s.into()))
            .into_iter()
            .chain([Cell::Int(3), Cell::Text("P00".into())])
            .chain([0, 0, 0, 0].map(Cell::Int)),
    );
    t.push_row(
        ["S0", PROC, "5Б", "f.csv"]
            .map(|s| Cell::Text(s.into()))
            .into_iter()
            .chain([Cell::Int(4), Cell::Text("P01".into())])
            .chain([1, 2, 2, 0].map(Cell::Int))
            .chain([Cell::Int(5)]),
    );
    let bytes = to_xlsx(&[t]).unwrap();
    let r = read_filled(&[("list.xlsx", &bytes)], &list, &ds);
    assert!(errors(&r).is_empty(), "{:?}", r.issues);
    assert_eq!(r.counts.used, 2);
    assert_eq!(r.works[1].scores, vec![1, 2, 2, 0]);
}

// ---------------------------------------------------------------------------------------------
// Agreement and the verdict.

fn rule() -> ValidVerdictRule {
    VerdictRule::default().check().unwrap()
}

#[test]
fn the_same_scores_are_confirmed_with_full_agreement() {
    let ds = fixture::dataset();
    let works = (0..23)
        .map(|i| work(&ds, i, &fixture::scores_of(i)))
        .collect();
    let r = agreement(&ds, &scores(works), &rule());
    assert_eq!(r.works, 23);
    assert_eq!(r.schools.len(), 2);
    for s in &r.schools {
        assert_eq!(s.verdict, Verdict::Confirmed, "{s:?}");
        assert_eq!(s.verdict.label(Lang::Ru), "подтверждено перепроверкой");
        let f = s.units[0].group.figures.as_ref().unwrap();
        assert_eq!(f.exact, 1.0);
        assert_eq!(f.mean_shift, 0.0);
        assert_eq!(f.ci, [0.0, 0.0]);
        assert_eq!(f.kappa_total, Some(1.0));
        let m = f.marks.as_ref().unwrap();
        assert_eq!((m.lowered, m.raised, m.changed), (0, 0, 0));
        assert_eq!(m.original, m.recheck);
        for t in &s.units[0].tasks {
            let tf = t.figures.as_ref().unwrap();
            assert_eq!(tf.exact, 1.0);
            assert!(tf.kappa_quadratic.is_none_or(|k| k == 1.0));
        }
    }
    let p = &r.procedures[0];
    assert_eq!(p.group.works, 23);
    assert_eq!(p.tasks.len(), MAXES.len());
}

#[test]
fn lowered_marks_are_not_confirmed_and_noise_is_confirmed() {
    let ds = fixture::dataset();
    // S0: the works just above a threshold lose 1 point (below it); S1: ±1 noise.
    let lowered = |at: &[u8]| -> Vec<RecheckedWork> {
        (0..23)
            .map(|i| {
                let mut s = fixture::scores_of(i);
                let total: u8 = s.iter().sum();
                if i < 12 && at.contains(&total) {
                    let j = (0..4).rev().find(|&j| s[j] > 0).unwrap();
                    s[j] -= 1;
                }
                work(&ds, i, &s)
            })
            .collect()
    };
    // Three marks lowered of 12 and none raised: the sign test's p = 1/8 is not below 0.1.
    let r = agreement(&ds, &scores(lowered(&[3, 5])), &rule());
    let s0 = r.school("S0").unwrap();
    let m = s0.units[0]
        .group
        .figures
        .as_ref()
        .unwrap()
        .marks
        .clone()
        .unwrap();
    assert_eq!((m.lowered, m.raised, m.changed), (3, 0, 3));
    assert!((m.p_lowered - 0.125).abs() < 1e-12);
    assert_eq!(s0.verdict, Verdict::Confirmed);
    // Four: p = 1/16.
    let works: Vec<_> = (0..23)
        .map(|i| {
            let mut s = fixture::scores_of(i);
            let total: u8 = s.iter().sum();
            if i < 12 && (total == 3 || total == 5 || total == 7) {
                let j = (0..4).rev().find(|&j| s[j] > 0).unwrap();
                s[j] -= 1;
            }
            if i >= 12 && i % 4 == 0 && s[1] < 2 {
                s[1] += 1;
            }
            if i >= 12 && i % 4 == 2 && s[1] > 0 {
                s[1] -= 1;
            }
            work(&ds, i, &s)
        })
        .collect();
    let r = agreement(&ds, &scores(works), &rule());
    let s0 = r.school("S0").unwrap();
    let m = s0.units[0]
        .group
        .figures
        .as_ref()
        .unwrap()
        .marks
        .clone()
        .unwrap();
    assert_eq!((m.lowered, m.raised), (4, 0), "{m:?}");
    assert!((m.lowered_share - 4.0 / 12.0).abs() < 1e-12);
    assert!((m.p_lowered - 0.0625).abs() < 1e-12);
    assert_eq!(s0.verdict, Verdict::NotConfirmed);
    assert_eq!(s0.verdict.label(Lang::Ru), "не подтверждено");
    assert!(s0
        .because
        .iter()
        .any(|b| matches!(b, Because::MarksLowered { .. })));
    assert!(s0.because.iter().any(
        |b| matches!(b, Because::Procedure { procedure } if procedure == "vpr-математика-5-2025")
    ));
    // The mean shift is below 1 point: the marks decide, not the shift.
    let f = s0.units[0].group.figures.as_ref().unwrap();
    assert!(f.mean_shift < 1.0 && f.totals_lower == 4);
    let s1 = r.school("S1").unwrap();
    assert_eq!(s1.verdict, Verdict::Confirmed, "{:?}", s1.because);
    let f1 = s1.units[0].group.figures.as_ref().unwrap();
    assert!(f1.exact < 1.0 && f1.ci[0] <= 0.0);
}

#[test]
fn fewer_than_five_works_get_no_figures() {
    let ds = fixture::dataset();
    // Seven works: figures, but no verdict (a verdict needs 10).
    let works: Vec<_> = (0..7).map(|i| work(&ds, i, &[0, 0, 0, 0])).collect();
    let r = agreement(&ds, &scores(works), &rule());
    let g = &r.schools[0].units[0].group;
    assert!(g.figures.is_some());
    assert_eq!(g.verdict, Verdict::TooFew);
    assert!(g.because.is_empty());
    // Four works: no figure at all.
    let works: Vec<_> = (0..4).map(|i| work(&ds, i, &[0, 0, 0, 0])).collect();
    let r = agreement(&ds, &scores(works), &rule());
    let s = &r.schools[0];
    assert_eq!(s.verdict, Verdict::TooFew);
    assert_eq!(s.verdict.label(Lang::En), "too few works for a verdict");
    assert!(s.pooled.figures.is_none());
    assert!(s.units[0].group.figures.is_none());
    assert!(s.units[0].tasks.iter().all(|t| t.figures.is_none()));
    assert_eq!(s.pooled.works, 4);
    // A work that no longer matches the dataset is skipped and counted.
    let mut w = work(&ds, 0, &[0, 0, 0, 0]);
    w.procedure = "gone".into();
    let r = agreement(&ds, &scores(vec![w]), &rule());
    assert_eq!((r.works, r.skipped), (0, 1));
}

// ---------------------------------------------------------------------------------------------
// Apply.

#[test]
fn apply_replaces_scores_totals_and_marks() {
    let ds = fixture::dataset();
    // Pupil 7: total 8 («5»); re-checked 1, 1, 0, 0 = 2 («2»).
    assert_eq!(ds.procedures[0].results.total[7], Some(8.0));
    let mut w = work(&ds, 7, &[1, 1, 0, 0]);
    w.not_done = vec![false, false, true, false];
    let out = apply(&ds, &scores(vec![w]));
    let r = &out.procedures[0].results;
    assert_eq!(r.row(7, 4), &[1, 1, 0, 0]);
    assert_eq!(&r.not_done[28..32], &[false, false, true, false]);
    assert_eq!(r.total[7], Some(2.0));
    assert_eq!(r.mark[7], Some(2));
    // Nothing else changed.
    let mut back = out.clone();
    back.procedures[0].results.scores[28..32].copy_from_slice(&fixture::scores_of(7));
    back.procedures[0].results.not_done[30] = false;
    back.procedures[0].results.total[7] = Some(8.0);
    back.procedures[0].results.mark[7] = Some(5);
    assert_eq!(back, ds);
    // Without a scale the mark stays.
    let mut ds2 = ds.clone();
    ds2.procedures[0].scale = None;
    let out = apply(&ds2, &scores(vec![work(&ds2, 7, &[1, 1, 0, 0])]));
    assert_eq!(out.procedures[0].results.mark[7], Some(5));
    // The same total keeps the file's mark, even one the scale would not give.
    let mut ds3 = ds.clone();
    ds3.procedures[0].results.mark[1] = Some(3); // total 5: «4» on the scale
    let out = apply(&ds3, &scores(vec![work(&ds3, 1, &[0, 2, 2, 1])]));
    assert_eq!(out.procedures[0].results.row(1, 4), &[0, 2, 2, 1]);
    assert_eq!(out.procedures[0].results.mark[1], Some(3));
}
