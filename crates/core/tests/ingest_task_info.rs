//! Task descriptions («описание заданий», codifier mappings, item information): the real
//! TIMSS and PISA item tables, hand-made ВПР descriptions in CSV and XLSX, and the merge that
//! puts their skills into the matching procedure's tasks.

use integra_core::demo::{catalogue, generate, task_info_file_name, DemoParams};
use integra_core::ingest::{
    import_file, merge, FileImport, ImportOptions, ImportedData, Issue, Pseudonymizer, Severity,
    TableKind,
};
use integra_core::model::{Dataset, ProcedureKind, TaskInfoTable, TaskLevel};
use rust_xlsxwriter::{Format, Workbook};
use std::collections::BTreeSet;

fn run(name: &str, bytes: &[u8], opts: &ImportOptions) -> FileImport {
    import_file(name, bytes, opts, &Pseudonymizer::new([5; 16]))
}

fn import(name: &str, bytes: &[u8]) -> FileImport {
    run(name, bytes, &ImportOptions::default())
}

fn real(path: &str) -> FileImport {
    let p = format!(
        "{}/../../../shared/data/real/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
    import(path.rsplit('/').next().unwrap(), &bytes)
}

fn info(imp: &FileImport) -> &TaskInfoTable {
    match &imp.data {
        ImportedData::TaskInfo { info } => info,
        other => panic!(
            "{}: not task info: {other:?}\n{:#?}",
            imp.summary.file, imp.summary.issues
        ),
    }
}

fn merged(imports: &[&FileImport]) -> (Dataset, Vec<Issue>) {
    merge(imports)
}

fn distinct(v: impl Iterator<Item = Option<String>>) -> usize {
    v.flatten().collect::<BTreeSet<_>>().len()
}

fn alternative<'a>(t: &'a TaskInfoTable, name: &str) -> &'a [Option<String>] {
    &t.alternatives
        .iter()
        .find(|(h, _)| h == name)
        .unwrap_or_else(|| panic!("no alternative {name}: {:?}", t.alternatives))
        .1
}

// ---------------------------------------------------------------------------------------------
// Real item tables.

/// TIMSS 2007 grade 8: 442 items; the most specific description is `topic` (49 spellings, 38
/// after merging case and spacing variants); `content` (8 domains: 4 of mathematics and 4 of
/// science) and `cognitive` (3 domains) stay as alternatives; maxima from `max.points`.
#[test]
fn timss_iteminfo_topics_content_and_maxima() {
    let imp = real("timss07_g8_rus/iteminfo.csv");
    assert_eq!(imp.summary.table, TableKind::TaskInfo);
    let t = info(&imp);
    assert_eq!(t.rows.len(), 442);
    assert_eq!(t.skill_column.as_deref(), Some("topic"));
    let names: Vec<&str> = t.alternatives.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(names[..2], ["content", "cognitive"], "{names:?}");
    assert!(names.contains(&"item.label"), "{names:?}");
    for gone in ["item.type", "N.options", "key", "max.points"] {
        assert!(!names.contains(&gone), "{gone} is not a description");
    }
    assert_eq!(distinct(t.rows.iter().map(|r| r.skill.clone())), 38);
    assert_eq!(distinct(alternative(t, "content").iter().cloned()), 8);
    assert_eq!(distinct(alternative(t, "cognitive").iter().cloned()), 3);
    // Maxima: 399 one-point and 43 two-point items, 485 points (checked with Python).
    assert!(t.rows.iter().all(|r| r.max.is_some() && r.level.is_none()));
    assert_eq!(t.rows.iter().filter(|r| r.max == Some(2)).count(), 43);
    assert_eq!(
        t.rows.iter().map(|r| r.max.unwrap() as u32).sum::<u32>(),
        485
    );
    let m = t.row("M022043").unwrap();
    assert_eq!(m.skill.as_deref(), Some("Fractions and Decimals"));
    assert_eq!((m.max, m.row), (Some(1), 2));
    let k = t.rows.iter().position(|r| r.label == "M022043").unwrap();
    assert_eq!(alternative(t, "content")[k].as_deref(), Some("Number"));
    assert_eq!(alternative(t, "cognitive")[k].as_deref(), Some("Knowing"));
    // Nothing is known of the procedure: no key, no needs, only notes.
    assert_eq!((t.kind, t.grade, t.year), (None, None, None));
    assert!(imp.summary.needs.is_empty());
    assert!(imp
        .summary
        .issues
        .iter()
        .all(|i| i.severity == Severity::Info));
    assert!(imp
        .summary
        .issues
        .iter()
        .any(|i| i.message_en.contains("Spellings differing only in case")));
    // Switching to the content domains.
    let mut t = t.clone();
    assert!(t.select_skill("content"));
    assert_eq!(distinct(t.rows.iter().map(|r| r.skill.clone())), 8);
    assert_eq!(t.alternatives[0].0, "topic");
}

/// The item table fills the skills of the TIMSS results it describes (matched by labels: the
/// files say nothing of the procedure), with no maximum in conflict.
#[test]
fn timss_iteminfo_merges_into_the_scored_responses() {
    let info_imp = real("timss07_g8_rus/iteminfo.csv");
    let scored = real("timss07_g8_rus/scored_responses.csv");
    let (ds, issues) = merged(&[&info_imp, &scored]);
    let p = &ds.procedures[0];
    assert_eq!(p.tasks.len(), 442);
    assert!(p.tasks.iter().all(|t| t.skill.is_some()));
    let t = p.tasks.iter().find(|t| t.label == "M022043").unwrap();
    assert_eq!(t.skill.as_deref(), Some("Fractions and Decimals"));
    assert!(
        issues
            .iter()
            .all(|i| i.file != "iteminfo.csv" || i.severity == Severity::Info),
        "{issues:#?}"
    );
    assert_eq!(ds.task_info.len(), 1);
}

/// PISA item tables: reading items take `Aspect` (TextType and testlet as alternatives);
/// mathematics items only have testlets, which are not skills.
#[test]
fn pisa_item_tables() {
    let read = real("pisa2009_aut/data.pisaRead_items.csv");
    let t = info(&read);
    assert_eq!(t.rows.len(), 12);
    assert_eq!(t.skill_column.as_deref(), Some("Aspect"));
    let names: Vec<&str> = t.alternatives.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(names, ["TextType", "testlet"]);
    assert_eq!(t.rows[0].label, "R432Q01");
    assert_eq!(t.rows[0].skill.as_deref(), Some("Integrate_and_interpret"));
    assert_eq!(t.subject.as_deref(), Some("Читательская грамотность"));

    let math = real("pisa2009_aut/data.pisaMath_items.csv");
    let m = info(&math);
    assert_eq!(m.rows.len(), 11);
    assert_eq!(m.skill_column, None);
    assert_eq!(m.alternatives.len(), 1);
    assert_eq!(alternative(m, "testlet")[1].as_deref(), Some("M406"));
    assert!(m.rows.iter().all(|r| r.skill.is_none() && r.max.is_none()));

    // Each goes to its own procedure.
    let rd = real("pisa2009_aut/data.pisaRead_data.csv");
    let md = real("pisa2009_aut/data.pisaMath_data.csv");
    let (ds, issues) = merged(&[&read, &math, &rd, &md]);
    let reading = ds
        .procedures
        .iter()
        .find(|p| p.key.subject == "Читательская грамотность")
        .unwrap();
    assert!(reading.tasks.iter().all(|t| t.skill.is_some()));
    let maths = ds
        .procedures
        .iter()
        .find(|p| p.key.subject == "Математика")
        .unwrap();
    assert!(maths.tasks.iter().all(|t| t.skill.is_none()));
    assert!(
        issues.iter().all(|i| i.severity == Severity::Info),
        "{issues:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Hand-made ВПР descriptions.

/// A ВПР «описание заданий» as schools get it: a title row, a bare «№» column with labels
/// written three ways, two skill columns, levels as letters and words, a bad maximum, a
/// repeated task and a total row.
const VPR_ROWS: &[&[&str]] = &[
    &[
        "Описание заданий ВПР 2025. Математика. 5 класс",
        "",
        "",
        "",
        "",
    ],
    &[
        "№",
        "Блоки ПООП обучающийся научится / получит возможность научиться",
        "Проверяемые требования (умения)",
        "Уровень сложности",
        "Макс. балл",
    ],
    &[
        "Задание 1",
        "Развитие представлений о числе и числовых системах",
        "Оперировать понятием «натуральное число»",
        "Б",
        "1",
    ],
    &[
        "№2",
        "Развитие представлений о числе и числовых системах",
        "Оперировать понятием «обыкновенная дробь»",
        "Б",
        "1",
    ],
    &[
        "3",
        "Умение решать текстовые задачи",
        "Решать задачи на покупки",
        "базовый",
        "1",
    ],
    &[
        "4",
        "Умение решать текстовые задачи",
        "Решать задачи на движение",
        "П",
        "два",
    ],
    &["4", "повтор", "повтор", "Б", "1"],
    &[
        "5",
        "Овладение геометрическим языком",
        "Строить простейшие фигуры",
        "высокий",
        "2",
    ],
    &["Итого", "", "", "", "6"],
];

fn vpr_csv() -> Vec<u8> {
    VPR_ROWS
        .iter()
        .map(|r| r.join(";"))
        .collect::<Vec<_>>()
        .join("\r\n")
        .into_bytes()
}

fn vpr_xlsx() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Описание").unwrap();
    for (r, row) in VPR_ROWS.iter().enumerate() {
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
    // The title spans the table, as in the published forms.
    ws.merge_range(0, 0, 0, 4, VPR_ROWS[0][0], &Format::new())
        .unwrap();
    wb.save_to_buffer().unwrap()
}

fn check_vpr_description(imp: &FileImport) {
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::TaskInfo, "{:#?}", s.issues);
    let p = s.procedure.as_ref().expect("procedure from the title");
    assert_eq!(
        (p.kind, p.subject.as_str(), p.grade, p.year),
        (ProcedureKind::Vpr, "Математика", Some(5), Some(2025))
    );
    let t = info(imp);
    assert_eq!(
        (t.kind, t.subject.as_deref(), t.grade, t.year),
        (
            Some(ProcedureKind::Vpr),
            Some("Математика"),
            Some(5),
            Some(2025)
        )
    );
    let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5"]);
    let maxes: Vec<Option<u8>> = t.rows.iter().map(|r| r.max).collect();
    assert_eq!(maxes, [Some(1), Some(1), Some(1), None, Some(2)]);
    use TaskLevel::*;
    let levels: Vec<Option<TaskLevel>> = t.rows.iter().map(|r| r.level).collect();
    assert_eq!(
        levels,
        [
            Some(Basic),
            Some(Basic),
            Some(Basic),
            Some(Advanced),
            Some(High)
        ]
    );
    // The more specific of two skill columns (more distinct texts), the other kept.
    assert_eq!(
        t.skill_column.as_deref(),
        Some("Проверяемые требования (умения)")
    );
    assert_eq!(
        t.rows[0].skill.as_deref(),
        Some("Оперировать понятием «натуральное число»")
    );
    assert!(t.alternatives[0].0.starts_with("Блоки ПООП"));
    assert_eq!(
        t.alternatives[0].1[3].as_deref(),
        Some("Умение решать текстовые задачи")
    );
    assert_eq!(t.rows[4].row, 8);
    // Issues with rows and columns, in both languages.
    let find = |needle: &str| {
        s.issues
            .iter()
            .find(|i| i.message_en.contains(needle))
            .unwrap_or_else(|| panic!("no issue «{needle}»: {:#?}", s.issues))
    };
    let bad = find("maximum score \"два\"");
    assert_eq!(
        (bad.severity, bad.row, bad.column.as_deref()),
        (Severity::Warning, Some(6), Some("Макс. балл"))
    );
    assert!(bad.message_ru.contains("«два»"));
    let dup = find("task number repeats");
    assert_eq!(
        (dup.severity, dup.row, dup.column.as_deref()),
        (Severity::Warning, Some(7), Some("№"))
    );
    assert!(dup.message_ru.contains("повторяется"));
    assert_eq!(find("summary row").row, Some(9));
    assert_eq!(
        s.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
            .count(),
        2,
        "{:#?}",
        s.issues
    );
    assert!(s.needs.is_empty());
    assert_eq!(s.tasks.len(), 5);
    assert_eq!(s.tasks[3].max, 0, "unknown maximum");
    assert!(!s.tasks[3].max_source.is_file());
}

#[test]
fn vpr_description_csv() {
    let imp = import("opisanie.csv", &vpr_csv());
    assert_eq!(imp.summary.format_detail, "UTF-8; ';'");
    check_vpr_description(&imp);
}

#[test]
fn vpr_description_xlsx() {
    let imp = import("Описание заданий.xlsx", &vpr_xlsx());
    assert_eq!(imp.summary.format, "xlsx");
    check_vpr_description(&imp);
}

/// Pupil results of ВПР 2025 Математика 5 (tasks 1-5, maxima from the data: task 3 has a 2).
fn pupils_csv(subject: &str, year: u16) -> (String, Vec<u8>) {
    let name = format!("ВПР_{year}_{subject}_5.csv");
    let text = "логин школы;класс;код обучающегося;балл за 1;балл за 2;балл за 3;балл за 4;балл за 5;отметка\n\
                sch1;5А;1;1;1;2;1;2;5\n\
                sch1;5А;2;0;1;1;2;1;4\n\
                sch1;5Б;3;1;0;0;0;0;2\n\
                sch2;5А;4;1;1;1;1;1;4\n";
    (name, text.as_bytes().to_vec())
}

#[test]
fn merge_sets_skills_levels_and_reports_a_different_maximum() {
    let (name, bytes) = pupils_csv("Математика", 2025);
    let results = import(&name, &bytes);
    assert_eq!(results.summary.table, TableKind::PupilResults);
    assert!(results.summary.tasks.iter().all(|t| t.level.is_none()));
    let other = {
        let (n, b) = pupils_csv("Русский язык", 2025);
        import(&n, &b)
    };
    let desc = import("opisanie.csv", &vpr_csv());
    // The description first: it is applied after all results whatever the order.
    let (ds, issues) = merged(&[&desc, &other, &results]);
    let p = ds
        .procedures
        .iter()
        .find(|p| p.key.subject == "Математика")
        .unwrap();
    let skills: Vec<Option<&str>> = p.tasks.iter().map(|t| t.skill.as_deref()).collect();
    assert_eq!(
        skills,
        [
            Some("Оперировать понятием «натуральное число»"),
            Some("Оперировать понятием «обыкновенная дробь»"),
            Some("Решать задачи на покупки"),
            Some("Решать задачи на движение"),
            Some("Строить простейшие фигуры"),
        ]
    );
    assert_eq!(p.tasks[4].level, Some(TaskLevel::High), "level filled in");
    // The results say task 3 reaches 2 points, the description says 1: an issue, no change.
    assert_eq!(p.tasks[2].max, 2);
    let w: Vec<&Issue> = issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .collect();
    assert_eq!(w.len(), 1, "{issues:#?}");
    assert_eq!((w[0].file.as_str(), w[0].row), ("opisanie.csv", Some(5)));
    assert!(w[0].message_en.contains("maximum score of task 3"));
    assert!(w[0].message_ru.contains("в описании 1"));
    // The Russian procedure is untouched; the table is kept in the dataset.
    let rus = ds
        .procedures
        .iter()
        .find(|p| p.key.subject == "Русский язык")
        .unwrap();
    assert!(rus.tasks.iter().all(|t| t.skill.is_none()));
    assert_eq!(ds.task_info.len(), 1);
    assert_eq!(ds.task_info[0].file, "opisanie.csv");
}

/// A description that says nothing of its procedure: applied by labels when one procedure
/// fits (in any number of years), to none with an issue when two different ones do; the
/// user's answer settles it.
#[test]
fn a_description_without_key_is_applied_by_labels_or_asks() {
    let text = "№ задания;Проверяемые умения;Макс. балл\n1;Умение А;1\n2;Умение Б;1\n3;Умение В;2\n4;Умение Г;2\n5;Умение Д;2\n";
    let desc = import("opisanie.csv", text.as_bytes());
    let t = info(&desc);
    assert_eq!((t.kind, t.subject.as_deref(), t.year), (None, None, None));
    assert!(desc.summary.procedure.is_none());

    let m25 = {
        let (n, b) = pupils_csv("Математика", 2025);
        import(&n, &b)
    };
    let m24 = {
        let (n, b) = pupils_csv("Математика", 2024);
        import(&n, &b)
    };
    let r25 = {
        let (n, b) = pupils_csv("Русский язык", 2025);
        import(&n, &b)
    };
    // One procedure in two years: both get the skills.
    let (ds, issues) = merged(&[&m24, &m25, &desc]);
    assert!(ds
        .procedures
        .iter()
        .all(|p| p.tasks.iter().all(|t| t.skill.is_some())));
    assert!(issues.iter().all(|i| i.severity == Severity::Info));

    // Two different procedures fit: none is changed, and the user is asked.
    let (ds, issues) = merged(&[&m25, &r25, &desc]);
    assert!(ds
        .procedures
        .iter()
        .all(|p| p.tasks.iter().all(|t| t.skill.is_none())));
    let ask = issues
        .iter()
        .find(|i| i.message_en.contains("fit several procedures"))
        .expect("an issue asking which procedure");
    assert_eq!(ask.severity, Severity::Warning);
    assert_eq!(ask.file, "opisanie.csv");
    assert!(ask.message_ru.contains("Уточнить"));
    assert!(ask.message_ru.contains("Русский язык") && ask.message_ru.contains("Математика"));
    assert_eq!(ds.task_info.len(), 1, "kept even when not applied");

    // The user says which subject.
    let opts = ImportOptions {
        subject: Some("русский".into()),
        ..ImportOptions::default()
    };
    let desc = run("opisanie.csv", text.as_bytes(), &opts);
    let (ds, issues) = merged(&[&m25, &r25, &desc]);
    for p in &ds.procedures {
        let has = p.tasks.iter().all(|t| t.skill.is_some());
        assert_eq!(has, p.key.subject == "Русский язык", "{}", p.key);
    }
    assert!(issues.iter().all(|i| i.severity != Severity::Warning));
}

/// A description whose key names a procedure that is not loaded, or whose labels do not
/// cover any procedure, is kept and reported.
#[test]
fn a_description_that_fits_nothing_is_reported() {
    let (n, b) = pupils_csv("Математика", 2025);
    let results = import(&n, &b);
    let text = "№ задания;Проверяемые умения\n1;А\n2;Б\n";
    let desc = import("ВПР 2025 Физика 8 класс описание.csv", text.as_bytes());
    assert_eq!(desc.summary.table, TableKind::TaskInfo);
    let (ds, issues) = merged(&[&results, &desc]);
    assert!(ds.procedures[0].tasks.iter().all(|t| t.skill.is_none()));
    assert!(issues
        .iter()
        .any(|i| i.message_en.contains("fit none of the loaded procedures")));
}

/// The user can force the kind of table; a file that cannot be read as one is refused with
/// a reason, and damaged descriptions never panic.
#[test]
fn forced_kind_and_damaged_files() {
    let text = "Q;Что проверяется\n1;Сложение\n2;Вычитание\n";
    let auto = import("t.csv", text.as_bytes());
    assert_ne!(auto.summary.table, TableKind::TaskInfo);
    let opts = ImportOptions {
        table_kind: Some(TableKind::TaskInfo),
        ..ImportOptions::default()
    };
    let forced = run("t.csv", text.as_bytes(), &opts);
    assert_eq!(forced.summary.table, TableKind::TaskInfo);
    assert_eq!(info(&forced).rows.len(), 2);

    let junk = run("j.csv", "a;b\nx;y\nz;w\n".as_bytes(), &opts);
    assert_eq!(junk.summary.table, TableKind::Refused);
    assert!(junk
        .summary
        .issues
        .iter()
        .any(|i| i.severity == Severity::Error && i.message_en.contains("task descriptions")));

    let bytes = vpr_csv();
    for cut in 0..bytes.len() {
        let _ = import("opisanie.csv", &bytes[..cut]);
    }
    let x = vpr_xlsx();
    for cut in (0..x.len()).step_by(97) {
        let _ = import("opisanie.xlsx", &x[..cut]);
    }
}

/// Pupil and school tables are not mistaken for descriptions.
#[test]
fn results_are_not_descriptions() {
    let (n, b) = pupils_csv("Математика", 2025);
    assert_eq!(import(&n, &b).summary.table, TableKind::PupilResults);
    let school = "логин школы;наименование;средний балл;тема проекта\nsch1;Школа 1;4,1;Числа\nsch2;Школа 2;3,9;Дроби\n";
    assert_eq!(
        import("schools.csv", school.as_bytes()).summary.table,
        TableKind::SchoolResults
    );
    // A pupil list with a row number, a class and a level column stays a pupil table.
    let pupils = "№;ФИО;Класс;Уровень;1;2;3\n1;Иванов;5А;Б;1;0;1\n2;Петров;5А;П;1;1;1\n";
    assert_eq!(
        import("p.csv", pupils.as_bytes()).summary.table,
        TableKind::PupilResults
    );
}

/// The demo's «описание заданий» of ВПР Математика 5 (last year): levels and maxima as in the
/// results, a skill per task with some skills shared by two or three tasks, applied to that
/// procedure only.
#[test]
fn demo_task_descriptions() {
    let params = DemoParams::default();
    let district = generate(&params);
    let cat = catalogue(&params);
    let entry = cat
        .iter()
        .find(|c| c.file == "ВПР_2025_Математика_5.csv")
        .unwrap();
    let name = task_info_file_name(&entry.file);
    let file = district.files.iter().find(|f| f.name == name).unwrap();
    let imp = import(&file.name, &file.bytes);
    let t = info(&imp);
    assert_eq!(imp.summary.procedure.as_ref(), Some(&entry.key));
    assert_eq!(
        t.skill_column.as_deref(),
        Some("Проверяемые требования (умения)")
    );
    let want: Vec<(String, Option<u8>, Option<TaskLevel>)> = entry
        .tasks
        .iter()
        .map(|t| (t.label.clone(), Some(t.max), t.level))
        .collect();
    let got: Vec<(String, Option<u8>, Option<TaskLevel>)> = t
        .rows
        .iter()
        .map(|r| (r.label.clone(), r.max, r.level))
        .collect();
    assert_eq!(got, want);
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for r in &t.rows {
        *counts.entry(r.skill.as_deref().unwrap()).or_default() += 1;
    }
    assert_eq!(counts.values().max(), Some(&3));
    assert!(
        counts.values().filter(|&&n| n == 2).count() >= 3,
        "{counts:?}"
    );
    assert!(counts
        .keys()
        .any(|k| k.starts_with("Умение решать текстовые задачи")));

    let imports: Vec<FileImport> = district
        .files
        .iter()
        .map(|f| import(&f.name, &f.bytes))
        .collect();
    let (ds, issues) = merged(&imports.iter().collect::<Vec<_>>());
    assert!(
        issues.iter().all(|i| i.severity == Severity::Info),
        "{issues:#?}"
    );
    for p in &ds.procedures {
        let with = p.tasks.iter().filter(|t| t.skill.is_some()).count();
        let want = if p.key == entry.key { p.tasks.len() } else { 0 };
        assert_eq!(with, want, "{}", p.key);
    }
}
