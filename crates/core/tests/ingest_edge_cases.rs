//! Broken and unusual inputs: never a panic, always a clear reason.

use integra_core::ingest::{
    import_file, FileImport, ImportOptions, ImportedData, Pseudonymizer, Severity, TableKind,
};
use integra_core::model::TaskLevel;

fn run(name: &str, bytes: &[u8]) -> FileImport {
    import_file(
        name,
        bytes,
        &ImportOptions::default(),
        &Pseudonymizer::new([5; 16]),
    )
}

fn refused_with(imp: &FileImport, needle: &str) {
    assert_eq!(imp.summary.table, TableKind::Refused, "{:#?}", imp.summary);
    assert_eq!(imp.data, ImportedData::None);
    let e = imp
        .summary
        .issues
        .iter()
        .find(|i| i.severity == Severity::Error)
        .expect("an Error issue");
    assert!(e.message_en.contains(needle), "{}", e.message_en);
    assert!(!e.message_ru.is_empty());
}

#[test]
fn empty_file() {
    refused_with(&run("a.csv", b""), "empty");
    refused_with(&run("a.csv", b"\n\r\n  \n"), "no data");
}

#[test]
fn binary_junk() {
    let junk: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    refused_with(&run("a.csv", &junk), "binary");
    refused_with(&run("a.xlsx", b"not a workbook at all"), "not a workbook");
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend_from_slice(&junk);
    refused_with(&run("a.xlsx", &zip), "damaged or truncated");
}

#[test]
fn header_only_and_zero_rows() {
    let imp = run("a.csv", "логин школы;класс;балл за 1\n".as_bytes());
    refused_with(&imp, "not a single data row");
    assert_eq!(imp.summary.columns.len(), 3);
    let imp = run("a.csv", "логин школы;класс;балл за 1\n;;\n;;\n".as_bytes());
    refused_with(&imp, "not a single data row");
}

#[test]
fn numbers_without_header() {
    refused_with(&run("a.csv", b"1;2;3\n4;5;6\n"), "header");
}

#[test]
fn unknown_table_asks_for_the_school_column() {
    let imp = run("a.csv", "цвет;вкус\nкрасный;сладкий\n".as_bytes());
    refused_with(&imp, "school");
    assert!(imp
        .summary
        .needs
        .contains(&integra_core::ingest::Need::SchoolColumn));
}

#[test]
fn title_rows_maxima_and_levels_in_csv() {
    let text = "ВПР 2021 Математика 4 класс;;;;;\n\
                ;;Б;Б;П;\n\
                Код;Класс;1;2;3;Отметка\n\
                Макс. балл;;1;2;2;\n\
                101;4а;1;2;Х;4\n\
                102;4а;0;3;-1;3\n\
                Итого;;;;;\n";
    let imp = run("school.csv", text.as_bytes());
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults, "{:#?}", s.issues);
    let p = s.procedure.as_ref().unwrap();
    assert_eq!(
        (p.subject.as_str(), p.grade, p.year),
        ("Математика", Some(4), Some(2021))
    );
    assert_eq!(s.tasks.iter().map(|t| t.max).collect::<Vec<_>>(), [1, 2, 2]);
    assert!(s.tasks.iter().all(|t| t.max_source.is_file()));
    assert_eq!(s.tasks[2].level, Some(TaskLevel::Advanced));
    assert_eq!(s.participants, 2);
    let above = s
        .issues
        .iter()
        .find(|i| i.message_en.contains("exceeds the maximum"))
        .unwrap();
    assert_eq!((above.row, above.column.as_deref()), (Some(6), Some("2")));
    let neg = s
        .issues
        .iter()
        .find(|i| i.message_en.contains("Negative"))
        .unwrap();
    assert_eq!((neg.row, neg.column.as_deref()), (Some(6), Some("3")));
    let footer = s
        .issues
        .iter()
        .find(|i| i.message_en.contains("summary row"))
        .unwrap();
    assert_eq!(footer.row, Some(7));
}

#[test]
fn tab_delimited_with_decimal_comma_totals() {
    let text = "школа\tкод\tвсего баллов\tотметка\ns1\t1\t12,0\t4\ns1\t2\t7,5\t3\n";
    let imp = run("егэ_2024_физика.txt", text.as_bytes());
    let s = &imp.summary;
    assert_eq!(s.format_detail, "UTF-8; tab");
    assert_eq!(s.table, TableKind::PupilResults);
    assert_eq!(s.procedure.as_ref().unwrap().grade, Some(11));
    let ImportedData::Pupils { procedure, .. } = &imp.data else {
        panic!()
    };
    assert_eq!(procedure.results.total, [Some(12.0), Some(7.5)]);
}
