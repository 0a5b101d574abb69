//! External reference aggregates (ФИС ОКО «Выполнение заданий» and «Статистика по отметкам»):
//! hand-made CSV and XLSX with title rows, percentages with `%` and decimal commas, the demo
//! district's reference files, and the merge into `Dataset::references`. A reference file is
//! never read as a pupil or school table.

use integra_core::demo::{catalogue, generate, reference_file_name, DemoParams};
use integra_core::ingest::{
    import_file, merge, FileImport, ImportOptions, ImportedData, Need, Pseudonymizer, Severity,
    TableKind,
};
use integra_core::model::{GroupScope, ProcedureKey, ProcedureKind, ReferenceTable, SCORE_MISSING};
use rust_xlsxwriter::{Format, Workbook};

fn run(name: &str, bytes: &[u8], opts: &ImportOptions) -> FileImport {
    import_file(name, bytes, opts, &Pseudonymizer::new([6; 16]))
}

fn import(name: &str, bytes: &[u8]) -> FileImport {
    run(name, bytes, &ImportOptions::default())
}

fn table(imp: &FileImport) -> &ReferenceTable {
    match &imp.data {
        ImportedData::Reference { table } => table,
        other => panic!(
            "{}: not a reference: {other:?}\n{:#?}",
            imp.summary.file, imp.summary.issues
        ),
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// «Выполнение заданий» as ФИС ОКО exports it to Excel and then CSV: title rows padded with
/// `;`, a number-of-schools column, sub-tasks as `3(1)`, a row of maxima, percentages with
/// decimal commas, points and `%`, and one value out of range.
const TASKS_CSV: &str = "\
Выполнение заданий;;;;;;;
ВПР 2025. Математика. 5 класс;;;;;;;
(в % от числа участников);;;;;;;
Группы участников;Кол-во ОО;Кол-во уч.;1;2;3(1);3(2);4
Макс балл;;;1;1;1;1;2
Вся выборка;45210;1302456;67,5;55.2%;80;41,3;30,0
г. Санкт-Петербург;712;41234;70,1;58.9%;83,2;45;33,3
Адмиралтейский район;25;1260;72,0;60,1%;85,5;47;35,2
(sch780001) ГБОУ СОШ № 1;1;48;75;62%;90;50;120
";

#[test]
fn fis_oko_task_success_csv() {
    let imp = import("report.csv", TASKS_CSV.as_bytes());
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::Reference, "{:#?}", s.issues);
    assert_eq!(s.rows, 4);
    let t = table(&imp);
    assert_eq!(
        t.key,
        ProcedureKey {
            kind: ProcedureKind::Vpr,
            subject: "Математика".into(),
            grade: Some(5),
            year: Some(2025),
        }
    );
    assert_eq!(s.procedure.as_ref(), Some(&t.key));
    assert!(s.needs.is_empty());
    let names: Vec<&str> = t.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Вся выборка",
            "г. Санкт-Петербург",
            "Адмиралтейский район",
            "(sch780001) ГБОУ СОШ № 1"
        ]
    );
    let scopes: Vec<GroupScope> = t.groups.iter().map(|g| g.scope).collect();
    assert_eq!(
        scopes,
        [
            GroupScope::Country,
            GroupScope::Region,
            GroupScope::District,
            GroupScope::School
        ]
    );
    let n: Vec<Option<usize>> = t.groups.iter().map(|g| g.n).collect();
    assert_eq!(n, [Some(1302456), Some(41234), Some(1260), Some(48)]);
    assert_eq!(t.labels(), ["1", "2", "3.1", "3.2", "4"]);
    // The city, not the whole sample.
    assert_eq!(t.main_group(), Some(1));
    assert!(close(t.task_success(0, "1"), 0.675));
    assert!(close(t.task_success(1, "2"), 0.589));
    assert!(close(t.task_success(1, "3(1)"), 0.832));
    assert!(close(t.task_success(1, "3.2"), 0.45));
    assert!(close(t.task_success(2, "№4"), 0.352));
    assert_eq!(t.task_success(3, "4"), None, "120 % is not used");
    assert!(t.groups.iter().all(|g| g.mark_shares.is_none()));
    let bad = s
        .issues
        .iter()
        .find(|i| i.severity == Severity::Warning)
        .unwrap();
    assert_eq!((bad.row, bad.column.as_deref()), (Some(9), Some("4")));
    assert!(bad.message_ru.contains("«120»") && bad.message_en.contains("percentage"));
    // Columns: the tasks are tasks, the number of schools is not used.
    assert_eq!(s.columns[1].role, integra_core::ingest::ColumnRole::Ignored);
    assert_eq!(
        s.columns[5].role,
        integra_core::ingest::ColumnRole::Task("3.1".into())
    );
}

#[test]
fn fis_oko_mark_statistics_csv() {
    let csv = "\
Статистика по отметкам;;;;;
ВПР 2025 Русский язык 4 класс;;;;;
Группы участников;Кол-во уч.;2;3;4;5
Вся выборка;1350000;5,1;30,2;45,3;19,4
Ленинградская обл.;15000;4,5;29,8;46,1;19,6
";
    let imp = import("stat.csv", csv.as_bytes());
    assert_eq!(imp.summary.table, TableKind::Reference);
    let t = table(&imp);
    assert_eq!(t.key.subject, "Русский язык");
    assert_eq!((t.key.grade, t.key.year), (Some(4), Some(2025)));
    assert!(t.groups.iter().all(|g| g.task_success.is_empty()));
    let m = t.groups[1].mark_shares.unwrap();
    assert!((m[0] - 0.045).abs() < 1e-9 && (m[3] - 0.196).abs() < 1e-9);
    assert!((m.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert_eq!(t.main_group(), Some(1), "the region");

    // Decorated headers and `%` values; a share table without a title.
    let csv = "Группа;N;%«2»;%«3»;%«4»;%«5»\nРФ;1000;10%;40%;35%;15%\n";
    let imp = import(
        "Статистика по отметкам ВПР 2025 Математика 5.csv",
        csv.as_bytes(),
    );
    let t = table(&imp);
    assert_eq!(t.groups[0].n, Some(1000));
    assert_eq!(t.groups[0].mark_shares, Some([0.1, 0.4, 0.35, 0.15]));
    assert_eq!(t.main_group(), Some(0), "only the country");
}

fn xlsx(rows: &[&[&str]], merge_title: usize) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Выполнение заданий").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let (r, c) = (r as u32, c as u16);
            match v.parse::<f64>() {
                Ok(x) => ws.write_number(r, c, x).unwrap(),
                Err(_) => ws.write_string(r, c, *v).unwrap(),
            };
        }
    }
    for (r, row) in rows.iter().enumerate().take(merge_title) {
        ws.merge_range(r as u32, 0, r as u32, 6, row[0], &Format::new())
            .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// The same report in XLSX: merged title rows, numeric cells (67.5, not text), Russian
/// criteria labels.
#[test]
fn fis_oko_task_success_xlsx() {
    let rows: &[&[&str]] = &[
        &["Выполнение заданий", "", "", "", "", "", ""],
        &["ВПР 2025 Русский язык 4 класс", "", "", "", "", "", ""],
        &[
            "Группы участников",
            "Кол-во уч.",
            "1К1",
            "1К2",
            "2",
            "3(1)",
            "3(2)",
        ],
        &["Вся выборка", "1312000", "72.5", "61", "55.25", "80", "40"],
        &[
            "г. Санкт-Петербург",
            "40123",
            "75.5",
            "64",
            "58",
            "82.5",
            "44",
        ],
        &["Калининский район", "3100", "77", "66", "60", "84", "47.5"],
    ];
    let imp = import("fis.xlsx", &xlsx(rows, 2));
    assert_eq!(imp.summary.format, "xlsx");
    let t = table(&imp);
    assert_eq!(t.key.kind, ProcedureKind::Vpr);
    assert_eq!(t.groups.len(), 3);
    assert_eq!(t.labels(), ["1К1", "1К2", "2", "3.1", "3.2"]);
    assert!(close(t.task_success(1, "1K1"), 0.755), "Latin K matches");
    assert!(close(t.task_success(0, "2"), 0.5525));
    assert_eq!(t.groups[2].scope, GroupScope::District);
    assert_eq!(t.main_group(), Some(1));
    assert!(imp
        .summary
        .issues
        .iter()
        .all(|i| i.severity == Severity::Info));
}

/// A reference without a year asks for it, and still serves every year of its procedure.
#[test]
fn reference_without_a_year_and_the_dataset_lookup() {
    let csv = "Группы участников;Кол-во уч.;1;2;3\nВся выборка;1000000;61,2;55;40,5\nг. Москва;90000;66,1;60;44,4\n";
    let imp = import(
        "Выполнение заданий ВПР Математика 4 класс.csv",
        csv.as_bytes(),
    );
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::Reference);
    assert_eq!(s.needs, [Need::Year]);
    let pupils = "логин школы;класс;код обучающегося;балл за 1;балл за 2;балл за 3;отметка\nsch1;4А;1;1;1;0;4\nsch1;4А;2;0;1;1;3\n";
    let p = import("ВПР_2025_Математика_4.csv", pupils.as_bytes());
    assert_eq!(p.summary.table, TableKind::PupilResults);
    let (ds, issues) = merge(&[&imp, &p]);
    assert!(issues.is_empty(), "{issues:#?}");
    assert_eq!(ds.references.len(), 1);
    assert_eq!(ds.procedures.len(), 1, "a reference is not a procedure");
    let r = ds
        .reference_for(&ds.procedures[0].key)
        .expect("year-less match");
    assert_eq!(r.groups[r.main_group().unwrap()].name, "г. Москва");
    let other = ProcedureKey {
        subject: "Русский язык".into(),
        ..ds.procedures[0].key.clone()
    };
    assert!(ds.reference_for(&other).is_none());

    // With the user's year it is an exact match.
    let opts = ImportOptions {
        year: Some(2025),
        ..ImportOptions::default()
    };
    let imp = run(
        "Выполнение заданий ВПР Математика 4 класс.csv",
        csv.as_bytes(),
        &opts,
    );
    assert!(imp.summary.needs.is_empty());
    assert_eq!(table(&imp).key, ds.procedures[0].key);
}

/// Pupil and school tables with area names or percentages stay what they are.
#[test]
fn pupil_and_school_tables_are_not_references() {
    // A pupil export whose school column holds district names.
    let pupils = "ОО;класс;код обучающегося;1;2;3;отметка\nАдмиралтейский район;5А;1;1;0;1;4\nАдмиралтейский район;5А;2;0,5;1;1;4\n";
    assert_eq!(
        import("p.csv", pupils.as_bytes()).summary.table,
        TableKind::PupilResults
    );
    // One row per school code with percentages: a school table.
    let schools = "Логин ОО;Наименование ОО;Кол-во уч.;Успеваемость, %;Качество, %\nsch780001;ГБОУ СОШ № 1;48;95,8;62,5\nsch780002;ГБОУ СОШ № 2;50;90,0;58,0\n";
    assert_eq!(
        import("shkoly.csv", schools.as_bytes()).summary.table,
        TableKind::SchoolResults
    );
    // Per-school task percentages without any area row are not a reference either.
    let per_school =
        "Логин ОО;Кол-во уч.;1;2;3\nsch780001;48;75,5;62,5;90\nsch780002;50;70,5;60;85\n";
    assert_ne!(
        import("zadania.csv", per_school.as_bytes()).summary.table,
        TableKind::Reference
    );
    // Forcing a table that has no group names fails with a reason.
    let opts = ImportOptions {
        table_kind: Some(TableKind::Reference),
        ..ImportOptions::default()
    };
    let forced = run("x.csv", "a;b\n1;2\n3;4\n".as_bytes(), &opts);
    assert_eq!(forced.summary.table, TableKind::Refused);
    assert!(forced
        .summary
        .issues
        .iter()
        .any(|i| i.severity == Severity::Error && i.message_en.contains("reference figures")));
    // Damaged reports never panic.
    let b = TASKS_CSV.as_bytes();
    for cut in 0..b.len() {
        let _ = import("report.csv", &b[..cut]);
    }
}

/// The demo's reference files: Russia and the city for every ВПР of the last year, with the
/// catalogue's procedure and tasks, plausible percentages that differ from the district's.
#[test]
fn demo_reference_files() {
    let params = DemoParams::default();
    let district = generate(&params);
    let cat = catalogue(&params);
    let imports: Vec<FileImport> = district
        .files
        .iter()
        .map(|f| import(&f.name, &f.bytes))
        .collect();
    let (ds, issues) = merge(&imports.iter().collect::<Vec<_>>());
    assert!(
        issues.iter().all(|i| i.severity == Severity::Info),
        "{issues:#?}"
    );
    let vpr25: Vec<_> = cat
        .iter()
        .filter(|c| c.key.kind == ProcedureKind::Vpr && c.key.year == Some(2025))
        .collect();
    assert_eq!(ds.references.len(), vpr25.len());
    for entry in vpr25 {
        let name = reference_file_name(&entry.file);
        let imp = imports.iter().find(|i| i.summary.file == name).unwrap();
        assert_eq!(imp.summary.table, TableKind::Reference, "{name}");
        assert!(imp.summary.needs.is_empty(), "{name}");
        let t = table(imp);
        assert_eq!(t.key, entry.key, "{name}");
        let names: Vec<&str> = t.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Вся выборка", "г. Санкт-Петербург"], "{name}");
        assert!(t.groups[0].n.unwrap() > 1_000_000 && t.groups[1].n.unwrap() > 30_000);
        assert_eq!(t.main_group(), Some(1));
        assert_eq!(ds.reference_for(&entry.key), Some(t));
        // The district's task success from its pupils (X counts 0, blanks are skipped).
        let p = ds.procedures.iter().find(|p| p.key == entry.key).unwrap();
        let k = p.tasks.len();
        assert_eq!(t.labels().len(), k, "{name}: one column per task");
        let r = &p.results;
        let mut diffs = Vec::new();
        for (j, task) in p.tasks.iter().enumerate() {
            let (mut sum, mut n) = (0.0, 0.0);
            for i in (0..r.len()).filter(|&i| !r.absent[i]) {
                let v = r.scores[i * k + j];
                if v != SCORE_MISSING {
                    sum += v as f64 / task.max as f64;
                    n += 1.0;
                }
            }
            let city = t.task_success(1, &task.label).expect("every task");
            let russia = t.task_success(0, &task.label).unwrap();
            assert!((0.01..=0.99).contains(&city) && (0.01..=0.99).contains(&russia));
            diffs.push(sum / n - city);
        }
        let mean_abs = diffs.iter().map(|d| d.abs()).sum::<f64>() / k as f64;
        eprintln!("{name}: district - city {diffs:.3?}, mean |d| {mean_abs:.3}");
        assert!(mean_abs > 0.01, "{name}: the city equals the district");
        assert!(mean_abs < 0.20, "{name}: implausibly far from the district");
        assert!(
            diffs.iter().any(|d| *d > 0.0) && diffs.iter().any(|d| *d < 0.0),
            "{name}: the district is above the city on some tasks and below on others"
        );
    }
}
