//! Import of every file in ../shared/data/real/ (see its README). The expected numbers were
//! checked independently with Python's csv module and openpyxl.

use integra_core::ingest::{
    import_file, ColumnRole, FileImport, ImportOptions, ImportedData, Need, Pseudonymizer,
    Severity, TableKind,
};
use integra_core::model::{ColumnValues, ProcedureKind, SchoolTableRole, SCORE_MISSING};

fn real(path: &str) -> Vec<u8> {
    let p = format!(
        "{}/../../../shared/data/real/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn import(path: &str) -> FileImport {
    let name = path.rsplit('/').next().unwrap_or(path);
    import_file(
        name,
        &real(path),
        &ImportOptions::default(),
        &Pseudonymizer::new([7; 16]),
    )
}

fn has_issue(imp: &FileImport, sev: Severity, needle: &str) -> bool {
    imp.summary.issues.iter().any(|i| {
        i.severity == sev && (i.message_en.contains(needle) || i.message_ru.contains(needle))
    })
}

#[test]
fn copydetect_form1_is_pupil_results_with_308_centres() {
    let imp = import("copydetect/form1.csv");
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults);
    assert_eq!(s.format_detail, "UTF-8; ','");
    assert_eq!(
        (s.rows, s.participants, s.absent, s.schools),
        (1636, 1636, 0, 308)
    );
    assert_eq!(s.tasks.len(), 170);
    assert_eq!(s.tasks[0].label, "iraw.A1");
    assert!(s
        .tasks
        .iter()
        .all(|t| t.max == 1 && !t.max_source.is_file()));
    assert_eq!(s.procedure.as_ref().unwrap().kind, ProcedureKind::Other);
    assert!(s.needs.contains(&Need::Kind) && s.needs.contains(&Need::Scale));
    assert_eq!(s.columns[0].role, ColumnRole::PupilCode);
    assert_eq!(s.columns[1].role, ColumnRole::School);
    let ImportedData::Pupils {
        procedure,
        school_codes,
    } = &imp.data
    else {
        panic!()
    };
    assert_eq!(school_codes.len(), 308);
    let r = &procedure.results;
    assert_eq!(r.scores.len(), 1636 * 170);
    assert!(r.scores.iter().all(|&v| v <= 1));
    // Pupil codes are pseudonyms, never the original EID.
    assert!(r.pupil.iter().all(|p| p.starts_with('P') && p.len() == 11));
    assert!(r.total.iter().all(|t| t.is_some()));
}

#[test]
fn pisa_math_and_reading_are_pupil_results() {
    let imp = import("pisa2009_aut/data.pisaMath_data.csv");
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults);
    assert_eq!((s.rows, s.participants, s.schools), (565, 565, 51));
    assert_eq!(s.tasks.len(), 11);
    assert_eq!(s.tasks[0].label, "M192Q01");
    let p = s.procedure.as_ref().unwrap();
    assert_eq!(
        (p.kind, p.subject.as_str()),
        (ProcedureKind::Other, "Математика")
    );
    assert_eq!(
        s.columns[3].role,
        ColumnRole::Ignored,
        "hisei is context, not a task"
    );
    assert_eq!(
        s.columns[4].role,
        ColumnRole::Ignored,
        "migra is context, not a task"
    );
    let ImportedData::Pupils {
        procedure,
        school_codes,
    } = &imp.data
    else {
        panic!()
    };
    assert_eq!(school_codes[0], "900015");
    // `90001500281.0` and `90001500281` are the same pupil.
    let ps = Pseudonymizer::new([7; 16]);
    assert_eq!(
        procedure.results.pupil[0],
        ps.pseudonym("900015", "90001500281")
    );

    let imp = import("pisa2009_aut/data.pisaRead_data.csv");
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults);
    assert_eq!(
        (s.rows, s.participants, s.schools, s.tasks.len()),
        (623, 623, 56, 12)
    );
    assert_eq!(
        s.procedure.as_ref().unwrap().subject,
        "Читательская грамотность"
    );
}

/// Item tables are task descriptions (details in tests/ingest_task_info.rs).
#[test]
fn pisa_item_tables_are_task_descriptions() {
    for (f, rows) in [
        ("pisa2009_aut/data.pisaMath_items.csv", 11),
        ("pisa2009_aut/data.pisaRead_items.csv", 12),
    ] {
        let imp = import(f);
        assert_eq!(imp.summary.table, TableKind::TaskInfo, "{f}");
        assert_eq!(imp.summary.rows, rows, "{f}");
        let ImportedData::TaskInfo { info } = &imp.data else {
            panic!("{f}")
        };
        assert_eq!(info.rows.len(), rows, "{f}");
        assert!(
            imp.summary
                .issues
                .iter()
                .all(|i| i.severity == Severity::Info),
            "{f}"
        );
    }
}

#[test]
fn timss_scored_responses_unpack_school_and_class_from_idstud() {
    let imp = import("timss07_g8_rus/scored_responses.csv");
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults);
    assert_eq!((s.rows, s.participants, s.absent), (4472, 4472, 0));
    // 210 distinct first-3-digit schools, 271 distinct school+class pairs (checked with Python).
    assert_eq!((s.schools, s.classes), (210, 271));
    assert_eq!(s.tasks.len(), 442);
    assert!(has_issue(&imp, Severity::Info, "7-digit pupil ids"));
    let ImportedData::Pupils {
        procedure,
        school_codes,
    } = &imp.data
    else {
        panic!()
    };
    let r = &procedure.results;
    assert_eq!(school_codes[0], "301");
    assert_eq!(r.class[0].as_deref(), Some("01"));
    // ~86% of cells are empty: stored as SCORE_MISSING, not 0.
    let missing = r.scores.iter().filter(|&&v| v == SCORE_MISSING).count() as f64;
    let share = missing / r.scores.len() as f64;
    assert!((share - 0.8588).abs() < 0.001, "{share}");
    assert!(s.tasks.iter().any(|t| t.max == 2));
}

/// Item information is a task description (details in tests/ingest_task_info.rs).
#[test]
fn timss_iteminfo_is_a_task_description() {
    let imp = import("timss07_g8_rus/iteminfo.csv");
    assert_eq!(imp.summary.table, TableKind::TaskInfo);
    assert_eq!(imp.summary.rows, 442);
    assert_eq!(imp.summary.tasks.len(), 442);
    assert!(has_issue(
        &imp,
        Severity::Info,
        "skills from the column \"topic\""
    ));
}

#[test]
fn england_ks2_2018_keeps_rectype_1_and_reports_the_rest() {
    let imp = import("england_ks2/2017-2018_936_ks2final.csv");
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::SchoolResults);
    assert_eq!(s.format_detail, "UTF-8 BOM; ','");
    assert_eq!((s.rows, s.schools), (238, 222));
    // RECTYPE 2 (13 special schools) is a warning with the first row as the user sees it.
    let i = s
        .issues
        .iter()
        .find(|i| i.message_en.contains("RECTYPE 2"))
        .unwrap();
    assert_eq!((i.severity, i.row), (Severity::Warning, Some(47)));
    assert!(i.message_en.contains("Rows not loaded: 13"));
    for t in ["RECTYPE 3", "RECTYPE 4, 5"] {
        assert!(has_issue(&imp, Severity::Info, t), "{t}");
    }
    let ImportedData::Schools {
        table,
        school_codes,
        school_names,
    } = &imp.data
    else {
        panic!()
    };
    assert_eq!(table.role, SchoolTableRole::Results);
    assert_eq!(table.key_column, "URN");
    assert_eq!(table.year, Some(2018));
    assert_eq!(school_codes.len(), 222);
    assert!(school_names.iter().all(|n| n.is_some()));
    // SUPP 8648 + NA 536 + NEW 2 in numeric columns of the RECTYPE 1 rows.
    let supp: usize = table.columns.iter().map(|c| c.suppressed).sum();
    assert_eq!(supp, 9186);
    let fsm = table
        .columns
        .iter()
        .find(|c| c.name == "PTFSM6CLA1A")
        .unwrap();
    let ColumnValues::Numeric(v) = &fsm.values else {
        panic!("PTFSM6CLA1A is numeric")
    };
    assert!(v.iter().flatten().all(|x| (0.0..=100.0).contains(x)));
    assert!(matches!(
        table
            .columns
            .iter()
            .find(|c| c.name == "TOWN")
            .unwrap()
            .values,
        ColumnValues::Categorical(_)
    ));
}

#[test]
fn england_ks2_2019_keeps_315_schools() {
    let imp = import("england_ks2/2018-2019_850_ks2final.csv");
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::SchoolResults);
    assert_eq!((s.rows, s.schools), (334, 315));
    assert!(has_issue(&imp, Severity::Warning, "Rows not loaded: 16"));
}

#[test]
fn england_gias_is_context_keyed_by_urn() {
    let imp = import("england_ks2/2021-05-07_850_936_gias.csv");
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::SchoolContext);
    assert_eq!((s.rows, s.schools), (729, 729));
    let ImportedData::Schools {
        table,
        school_codes,
        school_names,
    } = &imp.data
    else {
        panic!()
    };
    assert_eq!(table.key_column, "URN");
    assert_eq!(school_codes[0], "115850");
    assert_eq!(school_names[0].as_deref(), Some("Alton Infant School"));
    let fsm = table
        .columns
        .iter()
        .find(|c| c.name == "PercentageFSM")
        .unwrap();
    assert!(matches!(fsm.values, ColumnValues::Numeric(_)));
}

#[test]
fn moscow_ege_by_school_is_results_keyed_by_ogrn() {
    let imp = import("moscow_ege/data-9722-2016-10-31.csv");
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::SchoolResults);
    assert_eq!(s.format_detail, "UTF-8; ';'");
    assert_eq!((s.rows, s.schools), (626, 626));
    // The trailing `;` adds no column.
    assert_eq!(s.columns.len(), 13);
    let ImportedData::Schools {
        table,
        school_codes,
        ..
    } = &imp.data
    else {
        panic!()
    };
    assert_eq!(table.key_column, "OGRN");
    assert_eq!(school_codes[0], "1027700566761");
    assert_eq!(table.year, Some(2016));
    let passed = table
        .columns
        .iter()
        .find(|c| c.name == "PASSED_NUMBER_FULL")
        .unwrap();
    let ColumnValues::Numeric(v) = &passed.values else {
        panic!()
    };
    assert_eq!(v[0], Some(109.0));
}

#[test]
fn moscow_directory_is_context_keyed_by_name() {
    let imp = import("moscow_ege/data-20130909T0800.csv");
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::SchoolContext);
    assert_eq!(s.format_detail, "UTF-8 BOM; ';'");
    // 1230 rows, 827 distinct names: repeated names are reported, not silently dropped.
    assert_eq!((s.rows, s.schools), (1230, 827));
    let dup = s
        .issues
        .iter()
        .find(|i| i.message_en.contains("already appeared"))
        .unwrap();
    assert!(dup.message_en.contains("403 rows"));
    assert!(has_issue(&imp, Severity::Info, "school name is the key"));
    let ImportedData::Schools { table, .. } = &imp.data else {
        panic!()
    };
    // Coordinates with decimal commas are numeric.
    let x = table.columns.iter().find(|c| c.name == "X").unwrap();
    let ColumnValues::Numeric(v) = &x.values else {
        panic!("X is numeric")
    };
    assert_eq!(v[0], Some(37.205531));
}

#[test]
fn vpr_protocol_form_xlsx() {
    let imp = import("vpr_protocol_form/base_form.xlsx");
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults);
    assert_eq!(s.format, "xlsx");
    assert!(s.format_detail.contains("Протокол"));
    assert_eq!(
        (s.rows, s.participants, s.absent, s.schools, s.classes),
        (20, 18, 2, 1, 2)
    );
    let labels: Vec<&str> = s.tasks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "1", "2", "3", "4", "5.1", "5.2", "6.1", "6.2", "7", "8", "9.1", "9.2", "10",
            "11.3 k1", "12"
        ]
    );
    assert!(s.tasks.iter().all(|t| t.max_source.is_file()));
    assert_eq!(s.tasks.iter().map(|t| t.max as u32).sum::<u32>(), 20);
    assert_eq!(s.procedure.as_ref().unwrap().kind, ProcedureKind::Vpr);
    assert!(s.needs.contains(&Need::Subject) && s.needs.contains(&Need::Scale));
    assert!(s.columns.iter().any(|c| c.role == ColumnRole::Journal));
    assert!(s.columns.iter().any(|c| c.role == ColumnRole::Total));
    let ImportedData::Pupils {
        procedure,
        school_codes,
    } = &imp.data
    else {
        panic!()
    };
    assert_eq!(school_codes, &["base_form".to_string()]);
    let r = &procedure.results;
    // Cached formula totals: 286 points over 18 participants; journal marks as in the sheet.
    assert_eq!(r.total.iter().flatten().sum::<f64>(), 286.0);
    let journal: Vec<u8> = r.journal.iter().flatten().copied().collect();
    assert_eq!(
        journal,
        [5, 4, 4, 3, 5, 3, 5, 5, 5, 4, 3, 3, 4, 5, 5, 5, 4, 3]
    );
    assert_eq!(
        r.class.iter().filter(|c| c.as_deref() == Some("1")).count(),
        9
    );
    assert_eq!(r.source_row[0], 2);
    assert!(r.absent[18] && r.absent[19]);
    // No sum/total mismatch in this file.
    assert!(!has_issue(
        &imp,
        Severity::Warning,
        "differs from the primary score"
    ));
}

#[test]
fn truncated_xlsx_is_refused() {
    let b = real("vpr_protocol_form/base_form.xlsx");
    let imp = import_file(
        "base_form.xlsx",
        &b[..b.len() / 2],
        &ImportOptions::default(),
        &Pseudonymizer::new([1; 16]),
    );
    assert_eq!(imp.summary.table, TableKind::Refused);
    assert!(imp
        .summary
        .issues
        .iter()
        .any(|i| i.severity == Severity::Error && i.message_en.contains("damaged or truncated")));
}

#[test]
fn damaged_real_files_never_panic() {
    let files = [
        "vpr_protocol_form/base_form.xlsx",
        "moscow_ege/data-9722-2016-10-31.csv",
        "england_ks2/2017-2018_936_ks2final.csv",
    ];
    for f in files {
        let b = real(f);
        let ps = Pseudonymizer::new([1; 16]);
        for cut in (0..b.len()).step_by((b.len() / 40).max(1)) {
            let _ = import_file(f, &b[..cut], &ImportOptions::default(), &ps);
        }
        for pos in (0..b.len()).step_by((b.len() / 25).max(1)) {
            let mut m = b.clone();
            for (k, x) in m.iter_mut().skip(pos).take(64).enumerate() {
                *x = x.wrapping_mul(31).wrapping_add(k as u8);
            }
            let _ = import_file(f, &m, &ImportOptions::default(), &ps);
        }
    }
}
