//! ФИС ОКО-style pupil exports (README of the real data): `;`, Windows-1251 or UTF-8, class
//! as a letter or `нет`, `отсутствовал`, `нет отметки`, `X`/`Х`, with and without an
//! «отметка» column; and the demo generator's file shapes.

use integra_core::ingest::{
    import_file, ColumnRole, FileImport, ImportOptions, ImportedData, Need, Pseudonymizer,
    Severity, TableKind,
};
use integra_core::model::{
    ColumnValues, ProcedureKind, ScaleSource, SchoolTableRole, SCORE_MISSING,
};

const HEADER: &str = "логин школы;регион;номер обучающегося;код обучающегося;отметка за предыдущую четверть/триместр;пол;класс;вариант;всего баллов;балл за 1;балл за 2;балл за 3";

/// Ten pupils in two schools; the scale 10/16/21 follows from the (total, mark) pairs.
const ROWS: &[&str] = &[
    "sch1;77;1;1001;4;м;а;1;22;10;8;4;5",
    "sch1;77;2;1002;3;ж;а;2;16;6;6;4;4",
    "sch1;77;3;1003;нет отметки;м;Б;1;10;X;6;4;3",
    "sch1;77;4;1004;5;ж;нет;отсутствовал;;;;;",
    "sch2;77;1;2001;2;м;5а;2;9;3;3;3;2",
    "sch2;77;2;2002.0;4;ж;5а;1;21;7;7;7;5",
    "sch2;77;3;2003;4;м;5а;2;17;7;5;5;4",
    "sch2;77;4;2004;3;м;5а;1;12;Х;6;6;3",
    "sch2;77;5;2005;3;ж;5а;1;12;5;5;5;4",
    "sch2;77;6;2006;3;ж;5а;1;13;5;4;4;3",
];

fn csv(with_mark: bool) -> String {
    let mut s = String::from(HEADER);
    if with_mark {
        s.push_str(";отметка");
    }
    s.push_str("\r\n");
    for r in ROWS {
        let mut parts: Vec<&str> = r.split(';').collect();
        if !with_mark {
            parts.pop();
        }
        s.push_str(&parts.join(";"));
        s.push_str("\r\n");
    }
    s
}

fn cp1251(s: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1251.encode(s).0.into_owned()
}

fn run(name: &str, bytes: &[u8], opts: &ImportOptions) -> FileImport {
    import_file(name, bytes, opts, &Pseudonymizer::new([3; 16]))
}

#[test]
fn fis_oko_export_in_windows_1251_with_mark() {
    let imp = run(
        "ВПР_2026_Русский язык_4.csv",
        &cp1251(&csv(true)),
        &ImportOptions::default(),
    );
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults);
    assert_eq!(s.format_detail, "Windows-1251; ';'");
    assert_eq!(
        (s.rows, s.participants, s.absent, s.schools, s.classes),
        (10, 9, 1, 2, 3)
    );
    let p = s.procedure.as_ref().unwrap();
    assert_eq!(
        (p.kind, p.subject.as_str(), p.grade, p.year),
        (ProcedureKind::Vpr, "Русский язык", Some(4), Some(2026))
    );
    assert!(s.needs.is_empty(), "{:?}", s.needs);
    let labels: Vec<&str> = s.tasks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3"]);
    assert_eq!(s.tasks[0].max, 10);
    // Scale inferred from the pairs, despite one contradicting row.
    let sc = s.scale.unwrap();
    assert_eq!(
        (sc.mark3, sc.mark4, sc.mark5, sc.source),
        (10.0, 16.0, 21.0, ScaleSource::Inferred)
    );
    let roles: Vec<&ColumnRole> = s.columns.iter().map(|c| &c.role).collect();
    assert_eq!(roles[0], &ColumnRole::School);
    assert_eq!(roles[2], &ColumnRole::Ignored);
    assert_eq!(roles[3], &ColumnRole::PupilCode);
    assert_eq!(roles[4], &ColumnRole::Journal);
    assert_eq!(roles[12], &ColumnRole::Mark);

    let ImportedData::Pupils {
        procedure,
        school_codes,
    } = &imp.data
    else {
        panic!()
    };
    assert_eq!(school_codes, &["sch1".to_string(), "sch2".to_string()]);
    let r = &procedure.results;
    assert_eq!(r.class[0].as_deref(), Some("А"));
    assert_eq!(r.class[2].as_deref(), Some("Б"));
    assert_eq!(r.class[3], None, "«нет» is no class");
    assert_eq!(r.class[4].as_deref(), Some("5А"));
    assert_eq!(r.journal[2], None, "«нет отметки»");
    assert_eq!(r.journal[0], Some(4));
    assert!(r.absent[3]);
    assert_eq!(r.variant[3], None);
    assert_eq!(r.row(3, 3), [SCORE_MISSING; 3]);
    // X (Latin) and Х (Cyrillic): 0 with the not-done flag.
    assert_eq!(r.row(2, 3)[0], 0);
    assert!(r.not_done[2 * 3] && r.not_done[7 * 3]);
    assert_eq!(r.not_done.iter().filter(|f| **f).count(), 2);
    // Ids written as floats; codes pseudonymised within the school.
    let ps = Pseudonymizer::new([3; 16]);
    assert_eq!(r.pupil[5], ps.pseudonym("sch2", "2002"));
    assert!(!r.pupil.iter().any(|p| p.contains("100")));
    assert_eq!(r.source_row[0], 2);

    // One aggregated Info for the two X cells; one for «нет отметки».
    let x: Vec<_> = s
        .issues
        .iter()
        .filter(|i| i.message_en.contains("not attempted"))
        .collect();
    assert_eq!(x.len(), 1);
    assert!(x[0].message_en.contains("2 rows: 4, 9"));
    // Row 10 (line 10): sum of tasks 15 ≠ total 12, and mark 4 contradicts the scale.
    let sum = s
        .issues
        .iter()
        .find(|i| i.message_en.contains("sum of task scores"))
        .unwrap();
    assert_eq!(
        (sum.severity, sum.row, sum.column.as_deref()),
        (Severity::Warning, Some(10), Some("всего баллов"))
    );
    let m = s
        .issues
        .iter()
        .find(|i| i.message_en.contains("does not match the primary score"))
        .unwrap();
    assert_eq!(m.row, Some(10));
}

#[test]
fn fis_oko_export_without_mark_uses_the_catalogue() {
    let imp = run(
        "ВПР_2026_Русский язык_4.csv",
        csv(false).as_bytes(),
        &ImportOptions::default(),
    );
    let s = &imp.summary;
    assert_eq!(s.format_detail, "UTF-8; ';'");
    let sc = s.scale.unwrap();
    assert_eq!(
        (sc.mark3, sc.mark4, sc.mark5, sc.source),
        (10.0, 16.0, 21.0, ScaleSource::Catalogue)
    );
    assert!(!s.needs.contains(&Need::Scale));
    let ImportedData::Pupils { procedure, .. } = &imp.data else {
        panic!()
    };
    let marks: Vec<Option<u8>> = procedure.results.mark.clone();
    assert_eq!(
        marks,
        [
            Some(5),
            Some(4),
            Some(3),
            None,
            Some(2),
            Some(5),
            Some(4),
            Some(3),
            Some(3),
            Some(3)
        ]
    );
    assert!(s.issues.iter().any(|i| i
        .message_en
        .contains("marks were computed from the conversion scale")));
}

#[test]
fn fis_oko_export_without_mark_and_unknown_scale_asks_for_it() {
    let imp = run(
        "ВПР_2019_Русский язык_4.csv",
        csv(false).as_bytes(),
        &ImportOptions::default(),
    );
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults);
    assert!(s.needs.contains(&Need::Scale));
    assert!(s.scale.is_none());
    let ImportedData::Pupils { procedure, .. } = &imp.data else {
        panic!()
    };
    assert!(procedure.results.mark.iter().all(Option::is_none));

    // The user's scale is applied at once on re-import.
    let opts = ImportOptions {
        scale: Some([9.0, 15.0, 20.0]),
        ..ImportOptions::default()
    };
    let imp = run("ВПР_2019_Русский язык_4.csv", csv(false).as_bytes(), &opts);
    assert_eq!(imp.summary.scale.unwrap().source, ScaleSource::User);
    assert!(imp.summary.needs.is_empty());
    let ImportedData::Pupils { procedure, .. } = &imp.data else {
        panic!()
    };
    assert_eq!(
        procedure.results.mark[4],
        Some(3),
        "9 points is «3» on the user's scale"
    );
}

#[test]
fn user_answers_override_inference() {
    let opts = ImportOptions {
        kind: Some(ProcedureKind::Rdr),
        subject: Some("matematika".into()),
        grade: Some(7),
        year: Some(2024),
        ..ImportOptions::default()
    };
    let imp = run("results.csv", csv(true).as_bytes(), &opts);
    let p = imp.summary.procedure.unwrap();
    assert_eq!(
        (p.kind, p.subject.as_str(), p.grade, p.year),
        (ProcedureKind::Rdr, "Математика", Some(7), Some(2024))
    );
    assert!(imp.summary.needs.is_empty());

    // Without answers the same file asks for kind, subject, grade and year.
    let imp = run(
        "results.csv",
        csv(true).as_bytes(),
        &ImportOptions::default(),
    );
    for n in [Need::Kind, Need::Subject, Need::Grade, Need::Year] {
        assert!(imp.summary.needs.contains(&n), "{n:?}");
    }
}

#[test]
fn pupil_names_are_dropped() {
    let text = "логин школы;ФИО;класс;балл за 1;балл за 2;отметка\nsch1;Иванов Иван;5а;1;1;4\nsch1;Петрова Анна;5а;0;1;3\n";
    let imp = run(
        "впр_2025_математика_5.csv",
        text.as_bytes(),
        &ImportOptions::default(),
    );
    assert_eq!(imp.summary.columns[1].role, ColumnRole::PupilName);
    assert!(imp
        .summary
        .issues
        .iter()
        .any(|i| i.severity == Severity::Info && i.message_en.contains("pupil names was dropped")));
    let json = serde_json::to_string(&imp.data).unwrap();
    assert!(!json.contains("Иванов") && !json.contains("Петрова"));
    // No code column: row-based codes, still pseudonymised and distinct.
    let ImportedData::Pupils { procedure, .. } = &imp.data else {
        panic!()
    };
    assert_ne!(procedure.results.pupil[0], procedure.results.pupil[1]);
    assert!(procedure.results.pupil[0].starts_with('P'));
}

#[test]
fn many_identical_issues_are_aggregated() {
    let mut text = String::from("логин школы;код обучающегося;балл за 1;балл за 2;всего баллов\n");
    for i in 0..1000 {
        text.push_str(&format!("s1;{i};X;abc;0\n"));
    }
    let imp = run(
        "впр_2025_математика_5.csv",
        text.as_bytes(),
        &ImportOptions::default(),
    );
    let s = &imp.summary;
    assert_eq!(s.participants, 1000);
    assert!(s.issues.len() < 10, "{:#?}", s.issues);
    let t = s
        .issues
        .iter()
        .find(|i| i.message_en.contains("Not a number in a task score"))
        .unwrap();
    assert_eq!(
        (t.row, t.column.as_deref(), t.severity),
        (Some(2), Some("балл за 2"), Severity::Warning)
    );
    assert!(t.message_en.contains("1000 rows: 2, 3, 4"));
}

#[test]
fn fis_oko_shape_without_a_levels_row_is_read() {
    let text = "логин школы;регион;номер обучающегося;код обучающегося;отметка за предыдущую четверть/триместр;пол;класс;вариант;всего баллов;балл за 1;балл за 2;отметка\n\
                sch001;99;1;D0001;4;ж;5А;1;3;1;2;4\n\
                sch001;99;2;D0002;нет отметки;м;5Б;2;0;0;0;2\n";
    let imp = run(
        "ВПР_2025_Математика_5.csv",
        text.as_bytes(),
        &ImportOptions::default(),
    );
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults);
    let p = s.procedure.as_ref().unwrap();
    assert_eq!(
        (p.kind, p.subject.as_str(), p.grade, p.year),
        (ProcedureKind::Vpr, "Математика", Some(5), Some(2025))
    );
    assert_eq!((s.participants, s.classes), (2, 2));

    let ctx = "логин школы;название;тип;доля детей из малообеспеченных семей;доля с неродным русским;число обучающихся\n\
               sch001;Школа № 1;городская;12,5;3%;640\n\
               sch002;Лицей № 2;городская;4,1;SUPP;820\n";
    let imp = run("context.csv", ctx.as_bytes(), &ImportOptions::default());
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::SchoolContext);
    assert_eq!(s.schools, 2);
    let ImportedData::Schools {
        table,
        school_codes,
        school_names,
    } = &imp.data
    else {
        panic!()
    };
    assert_eq!(table.role, SchoolTableRole::Context);
    assert_eq!(school_codes, &["sch001".to_string(), "sch002".to_string()]);
    assert_eq!(school_names[1].as_deref(), Some("Лицей № 2"));
    assert!(matches!(
        &table.columns[0].values,
        ColumnValues::Categorical(_)
    ));
    assert_eq!(
        table.columns[1].values,
        ColumnValues::Numeric(vec![Some(12.5), Some(4.1)])
    );
    assert_eq!(
        table.columns[2].values,
        ColumnValues::Numeric(vec![Some(3.0), None])
    );
    assert_eq!(table.columns[2].suppressed, 1);
}
