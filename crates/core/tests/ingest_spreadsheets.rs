//! End-to-end import of real spreadsheet files built here: XLSX workbooks written with
//! rust_xlsxwriter in the shapes of ФИС ОКО / regional exports and school protocols (title
//! rows, two-row headers under merged cells, rows of maxima and levels, task headers with
//! maxima, data on the second sheet, formula totals with cached values, names to drop), and a
//! minimal OpenDocument spreadsheet written with the zip crate, checked against the same table
//! read from CSV.

use integra_core::ingest::{
    import_file, ColumnRole, FileImport, ImportOptions, ImportedData, Issue, Need, Pseudonymizer,
    Severity, TableKind,
};
use integra_core::model::{ProcedureKind, ScaleSource, TaskLevel, SCORE_MISSING};
use rust_xlsxwriter::{Format, Formula, Workbook};
use std::io::{Cursor, Write};

// ---------------------------------------------------------------------------------------------
// Builders.

/// One worksheet: rows of cells and merged ranges `(first_row, first_col, last_row, last_col)`
/// (0-based), whose text is the top-left cell of the rows.
///
/// Cell conventions: `""` is left blank; `=FORMULA|cached` is a formula with its cached result;
/// `'text` is always a string; text that parses as a number is written as a numeric cell (as
/// Excel stores typed numbers); anything else is a string.
struct Sheet<'a> {
    name: &'a str,
    rows: Vec<Vec<&'a str>>,
    merges: Vec<(u32, u16, u32, u16)>,
}

fn sheet<'a>(name: &'a str, rows: &[&[&'a str]]) -> Sheet<'a> {
    Sheet {
        name,
        rows: rows.iter().map(|r| r.to_vec()).collect(),
        merges: Vec::new(),
    }
}

fn xlsx(sheets: &[Sheet]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let fmt = Format::new();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.name).unwrap();
        for (r, row) in s.rows.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if v.is_empty() {
                    continue;
                }
                if let Some(f) = v.strip_prefix('=') {
                    let (formula, cached) = f.split_once('|').unwrap_or((f, "0"));
                    ws.write_formula(r, c, Formula::new(formula).set_result(cached))
                        .unwrap();
                } else if let Some(t) = v.strip_prefix('\'') {
                    ws.write_string(r, c, t).unwrap();
                } else if let Ok(x) = v.parse::<f64>() {
                    ws.write_number(r, c, x).unwrap();
                } else {
                    ws.write_string(r, c, v).unwrap();
                }
            }
        }
        for &(r1, c1, r2, c2) in &s.merges {
            let text = s
                .rows
                .get(r1 as usize)
                .and_then(|r| r.get(c1 as usize))
                .copied()
                .unwrap_or("");
            ws.merge_range(r1, c1, r2, c2, text, &fmt).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A minimal valid OpenDocument spreadsheet: stored `mimetype` first, the manifest and a
/// `content.xml` with one table, written as LibreOffice writes it: numbers (also with a decimal
/// comma) as float cells, other text as string cells, `=FORMULA|cached` as a formula cell with
/// its value, runs of blank cells with `table:number-columns-repeated`, merged ranges as a
/// spanned cell and covered cells, and a trailing run of a million empty rows.
fn ods<S: AsRef<str>>(
    table_name: &str,
    rows: &[Vec<S>],
    merges: &[(u32, u16, u32, u16)],
) -> Vec<u8> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let merged = |r: usize, c: usize| {
        merges.iter().find(|m| {
            (m.0 as usize..=m.2 as usize).contains(&r) && (m.1 as usize..=m.3 as usize).contains(&c)
        })
    };
    let mut body = String::new();
    for (r, row) in rows.iter().enumerate() {
        body.push_str("<table:table-row>");
        let mut blanks = 0;
        let flush = |body: &mut String, blanks: &mut usize| {
            if *blanks > 0 {
                body.push_str(&format!(
                    r#"<table:table-cell table:number-columns-repeated="{blanks}"/>"#
                ));
                *blanks = 0;
            }
        };
        for c in 0..width {
            let v = row.get(c).map(AsRef::as_ref).unwrap_or("");
            let span = match merged(r, c) {
                Some(m) if (m.0 as usize, m.1 as usize) != (r, c) => {
                    flush(&mut body, &mut blanks);
                    body.push_str("<table:covered-table-cell/>");
                    continue;
                }
                Some(m) => format!(
                    r#" table:number-columns-spanned="{}" table:number-rows-spanned="{}""#,
                    m.3 - m.1 + 1,
                    m.2 - m.0 + 1
                ),
                None => String::new(),
            };
            if v.is_empty() && span.is_empty() {
                blanks += 1;
                continue;
            }
            flush(&mut body, &mut blanks);
            if let Some(f) = v.strip_prefix('=') {
                let (formula, cached) = f.split_once('|').unwrap_or((f, "0"));
                body.push_str(&format!(
                    r#"<table:table-cell{span} table:formula="of:={}" office:value-type="float" office:value="{cached}"><text:p>{cached}</text:p></table:table-cell>"#,
                    xml_escape(formula)
                ));
                continue;
            }
            let text = v.strip_prefix('\'').unwrap_or(v);
            let num = (!v.starts_with('\''))
                .then(|| v.replace(',', ".").parse::<f64>().ok())
                .flatten()
                .filter(|_| !v.contains(char::is_alphabetic));
            match num {
                Some(x) => body.push_str(&format!(
                    r#"<table:table-cell{span} office:value-type="float" office:value="{x}"><text:p>{}</text:p></table:table-cell>"#,
                    xml_escape(text)
                )),
                None => body.push_str(&format!(
                    r#"<table:table-cell{span} office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                    xml_escape(text)
                )),
            }
        }
        if blanks == width {
            flush(&mut body, &mut blanks);
        }
        body.push_str("</table:table-row>");
    }
    body.push_str(r#"<table:table-row table:number-rows-repeated="1048560"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#);
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{}"><table:table-column table:number-columns-repeated="{width}"/>{body}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        xml_escape(table_name),
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("META-INF/manifest.xml", stored).unwrap();
    z.write_all(manifest.as_bytes()).unwrap();
    z.start_file("content.xml", stored).unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

fn run(name: &str, bytes: &[u8], opts: &ImportOptions) -> FileImport {
    import_file(name, bytes, opts, &Pseudonymizer::new([7; 16]))
}

fn find_issue<'a>(imp: &'a FileImport, sev: Severity, en: &str) -> &'a Issue {
    imp.summary
        .issues
        .iter()
        .find(|i| i.severity == sev && i.message_en.contains(en))
        .unwrap_or_else(|| panic!("no {sev:?} issue with «{en}» in {:#?}", imp.summary.issues))
}

fn no_issue(imp: &FileImport, sev: Severity) {
    let bad: Vec<&Issue> = imp
        .summary
        .issues
        .iter()
        .filter(|i| i.severity >= sev)
        .collect();
    assert!(bad.is_empty(), "unexpected issues: {bad:#?}");
}

fn labels(imp: &FileImport) -> Vec<&str> {
    imp.summary.tasks.iter().map(|t| t.label.as_str()).collect()
}

fn maxima(imp: &FileImport) -> Vec<u8> {
    imp.summary.tasks.iter().map(|t| t.max).collect()
}

fn role_of<'a>(imp: &'a FileImport, header: &str) -> &'a ColumnRole {
    &imp.summary
        .columns
        .iter()
        .find(|c| c.header == header)
        .unwrap_or_else(|| panic!("no column «{header}» in {:#?}", imp.summary.columns))
        .role
}

fn pupils(imp: &FileImport) -> (&integra_core::model::Procedure, &Vec<String>) {
    match &imp.data {
        ImportedData::Pupils {
            procedure,
            school_codes,
        } => (procedure, school_codes),
        other => panic!("not pupils: {other:?}\n{:#?}", imp.summary.issues),
    }
}

// ---------------------------------------------------------------------------------------------
// 1–4, 7: a school protocol with titles, a level row, a two-row header and a row of maxima.

/// Rows 1–16 of a ВПР protocol as a region's form lays it out. Data rows are 8–16.
fn protocol_rows() -> Vec<Vec<&'static str>> {
    let r: &[&[&str]] = &[
        /* 1 */ &["ВПР 2021 Математика 4 класс"],
        /* 2 */ &["Муниципалитет: Тестовый, дата проведения 20.04.2021"],
        /* 3 */ &[],
        /* 4 */
        &[
            "Уровень сложности",
            "",
            "",
            "",
            "",
            "Б",
            "Б",
            "Б",
            "П",
            "П",
            "В",
        ],
        /* 5 */
        &[
            "Логин ОО",
            "Код участника",
            "Класс",
            "Вариант",
            "Отметка за предыдущую четверть",
            "Баллы за задания",
            "",
            "",
            "",
            "",
            "",
            "Всего баллов",
            "Отметка",
        ],
        /* 6 */ &["", "", "", "", "", "1", "2", "3", "4", "5", "6"],
        /* 7 */
        &[
            "Макс. балл",
            "",
            "",
            "",
            "",
            "1",
            "2",
            "2",
            "1",
            "2",
            "2",
            "10",
        ],
        /* 8 */
        &[
            "770001",
            "90001500281",
            "а",
            "1",
            "5",
            "1",
            "2",
            "2",
            "1",
            "2",
            "2",
            "=SUM(F8:K8)|10",
            "5",
        ],
        /* 9 */
        &[
            "770001",
            "90001500282",
            "а",
            "2",
            "4",
            "1",
            "2",
            "1",
            "1",
            "1",
            "1",
            "=SUM(F9:K9)|7",
            "4",
        ],
        /* 10 */
        &[
            "770001",
            "90001500283",
            "Б",
            "1",
            "нет отметки",
            "1",
            "X",
            "1",
            "1",
            "1",
            "0",
            "=SUM(F10:K10)|4",
            "3",
        ],
        /* 11 */ &["770001", "90001500284", "нет", "отсутствовал", "3"],
        /* 12 */
        &[
            "770002",
            "90001500291",
            "4а",
            "2",
            "3",
            "0",
            "1",
            "1",
            "0",
            "1",
            "0",
            "=SUM(F12:K12)|3",
            "2",
        ],
        /* 13 */
        &[
            "770002",
            "90001500292",
            "4а",
            "1",
            "4",
            "1",
            "2",
            "2",
            "1",
            "1",
            "Х",
            "=SUM(F13:K13)|7",
            "4",
        ],
        /* 14 */
        &[
            "770002",
            "90001500293",
            "4а",
            "2",
            "5",
            "1",
            "2",
            "2",
            "1",
            "2",
            "1",
            "=SUM(F14:K14)|9",
            "5",
        ],
        /* 15 */
        &[
            "770002",
            "90001500294",
            "4Б",
            "1",
            "3",
            "1",
            "1",
            "1",
            "1",
            "1",
            "0",
            "=SUM(F15:K15)|5",
            "3",
        ],
        /* 16 */
        &[
            "770002",
            "90001500295",
            "4Б",
            "2",
            "4",
            "1",
            "3",
            "1",
            "1",
            "1",
            "0",
            "=SUM(F16:K16)|7",
            "4",
        ],
    ];
    r.iter().map(|x| x.to_vec()).collect()
}

fn protocol_sheet(name: &str) -> Sheet<'_> {
    let mut s = Sheet {
        name,
        rows: protocol_rows(),
        merges: Vec::new(),
    };
    s.merges = vec![
        (0, 0, 0, 12), // title across the table
        (1, 0, 1, 12), // second title line
        (4, 5, 4, 10), // «Баллы за задания» over the task columns
        (4, 0, 5, 0),  // pupil columns spanning both header rows
        (4, 1, 5, 1),
        (4, 2, 5, 2),
        (4, 3, 5, 3),
        (4, 4, 5, 4),
        (4, 11, 5, 11),
        (4, 12, 5, 12),
    ];
    s
}

#[test]
fn protocol_with_titles_levels_two_row_header_and_maxima() {
    let imp = run(
        "protocol.xlsx",
        &xlsx(&[protocol_sheet("Протокол")]),
        &ImportOptions::default(),
    );
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults, "{:#?}", s.issues);
    assert_eq!(
        (s.format.as_str(), s.format_detail.as_str()),
        ("xlsx", "Протокол")
    );
    // Titles give the procedure; the file name says nothing.
    let p = s.procedure.as_ref().unwrap();
    assert_eq!(
        (p.kind, p.subject.as_str(), p.grade, p.year),
        (ProcedureKind::Vpr, "Математика", Some(4), Some(2021))
    );
    assert!(s.needs.is_empty(), "{:?}", s.needs);
    // Titles, the level row, both header rows and the maxima row are not data.
    assert_eq!(
        (s.rows, s.participants, s.absent, s.schools, s.classes),
        (9, 8, 1, 2, 4)
    );
    assert_eq!(labels(&imp), ["1", "2", "3", "4", "5", "6"]);
    assert_eq!(maxima(&imp), [1, 2, 2, 1, 2, 2]);
    assert!(s.tasks.iter().all(|t| t.max_source.is_file()));
    use TaskLevel::*;
    let levels: Vec<Option<TaskLevel>> = s.tasks.iter().map(|t| t.level).collect();
    assert_eq!(
        levels,
        [
            Some(Basic),
            Some(Basic),
            Some(Basic),
            Some(Advanced),
            Some(Advanced),
            Some(High)
        ]
    );
    // Scale from the (formula total, mark) pairs.
    let sc = s.scale.unwrap();
    assert_eq!(
        (sc.mark3, sc.mark4, sc.mark5, sc.source),
        (4.0, 7.0, 9.0, ScaleSource::Inferred)
    );
    // Columns: merged group header joined with the task number; spanning headers kept whole.
    assert_eq!(s.columns.len(), 13);
    assert_eq!(s.columns[5].header, "Баллы за задания / 1");
    assert_eq!(s.columns[10].header, "Баллы за задания / 6");
    assert_eq!(s.columns[10].role, ColumnRole::Task("6".into()));
    assert_eq!(role_of(&imp, "Логин ОО"), &ColumnRole::School);
    assert_eq!(role_of(&imp, "Код участника"), &ColumnRole::PupilCode);
    assert_eq!(role_of(&imp, "Класс"), &ColumnRole::Class);
    assert_eq!(role_of(&imp, "Вариант"), &ColumnRole::Variant);
    assert_eq!(
        role_of(&imp, "Отметка за предыдущую четверть"),
        &ColumnRole::Journal
    );
    assert_eq!(role_of(&imp, "Всего баллов"), &ColumnRole::Total);
    assert_eq!(role_of(&imp, "Отметка"), &ColumnRole::Mark);

    // Issues at the right spreadsheet rows and columns.
    let nd = find_issue(&imp, Severity::Info, "read as \"not attempted\"");
    assert_eq!(nd.row, Some(10));
    assert!(
        nd.message_en.contains("2 rows: 10, 13"),
        "{}",
        nd.message_en
    );
    let nj = find_issue(
        &imp,
        Severity::Info,
        "journal mark: the mark is taken as missing",
    );
    assert_eq!(
        (nj.row, nj.column.as_deref()),
        (Some(10), Some("Отметка за предыдущую четверть"))
    );
    let am = find_issue(&imp, Severity::Warning, "exceeds the maximum 2 for task 2");
    assert_eq!(
        (am.row, am.column.as_deref()),
        (Some(16), Some("Баллы за задания / 2"))
    );
    let warnings: Vec<&Issue> = s
        .issues
        .iter()
        .filter(|i| i.severity >= Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");

    let (proc_, schools) = pupils(&imp);
    let r = &proc_.results;
    assert_eq!(schools, &["770001".to_string(), "770002".to_string()]);
    assert_eq!(r.source_row, [8, 9, 10, 11, 12, 13, 14, 15, 16]);
    let classes: Vec<Option<&str>> = r.class.iter().map(|c| c.as_deref()).collect();
    assert_eq!(
        classes,
        [
            Some("А"),
            Some("А"),
            Some("Б"),
            None,
            Some("4А"),
            Some("4А"),
            Some("4А"),
            Some("4Б"),
            Some("4Б")
        ]
    );
    assert_eq!(
        r.absent,
        [false, false, false, true, false, false, false, false, false]
    );
    assert_eq!(r.variant[0].as_deref(), Some("1"));
    assert_eq!(r.variant[3], None, "«отсутствовал» is not a variant");
    // Formula totals come with their cached values; marks and journal marks from numeric cells.
    let totals: Vec<Option<f64>> = r.total.clone();
    assert_eq!(
        totals,
        [
            Some(10.0),
            Some(7.0),
            Some(4.0),
            None,
            Some(3.0),
            Some(7.0),
            Some(9.0),
            Some(5.0),
            Some(7.0)
        ]
    );
    assert_eq!(
        r.mark,
        [
            Some(5),
            Some(4),
            Some(3),
            None,
            Some(2),
            Some(4),
            Some(5),
            Some(3),
            Some(4)
        ]
    );
    assert_eq!(
        r.journal,
        [
            Some(5),
            Some(4),
            None,
            Some(3),
            Some(3),
            Some(4),
            Some(5),
            Some(3),
            Some(4)
        ]
    );
    // `X` and Cyrillic `Х`: 0 with the not-done flag.
    assert_eq!(r.row(2, 6), [1, 0, 1, 1, 1, 0]);
    assert!(r.not_done[2 * 6 + 1] && r.not_done[5 * 6 + 5]);
    assert_eq!(r.not_done.iter().filter(|f| **f).count(), 2);
    assert!(r.row(3, 6).iter().all(|&x| x == SCORE_MISSING));
    // The score above the maximum is reported and not used.
    assert_eq!(r.row(8, 6)[1], SCORE_MISSING);
    // Pupil codes (ids as numeric cells) are pseudonymised; the same id gives the same pseudonym.
    let ps = Pseudonymizer::new([7; 16]);
    assert_eq!(r.pupil[0], ps.pseudonym("770001", "90001500281"));
    let json = serde_json::to_string(&imp).unwrap();
    assert!(!json.contains("90001500281"), "a raw pupil id leaked");
}

#[test]
fn maxima_above_and_levels_below_a_one_row_header() {
    let s = sheet(
        "Лист1",
        &[
            &["ВПР 2022 Окружающий мир 4 класс"],
            &["Максимальный балл", "", "", "2", "1", "3"],
            &[
                "Логин школы",
                "Код обучающегося",
                "Класс",
                "Задание 1",
                "Задание 2",
                "Задание 3",
                "Отметка",
            ],
            &["", "", "", "Б", "П", "В"],
            &["sch1", "101", "а", "2", "1", "3", "5"],
            &["sch1", "102", "а", "1", "0", "1", "3"],
            &["sch1", "103", "б", "2", "X", "2", "4"],
        ],
    );
    let imp = run("book.xlsx", &xlsx(&[s]), &ImportOptions::default());
    let sm = &imp.summary;
    assert_eq!(sm.table, TableKind::PupilResults, "{:#?}", sm.issues);
    let p = sm.procedure.as_ref().unwrap();
    assert_eq!(
        (p.kind, p.subject.as_str(), p.grade, p.year),
        (ProcedureKind::Vpr, "Окружающий мир", Some(4), Some(2022))
    );
    assert_eq!(
        (sm.rows, sm.participants, sm.absent, sm.schools, sm.classes),
        (3, 3, 0, 1, 2)
    );
    assert_eq!(labels(&imp), ["1", "2", "3"]);
    assert_eq!(maxima(&imp), [2, 1, 3]);
    assert!(sm.tasks.iter().all(|t| t.max_source.is_file()));
    let levels: Vec<Option<TaskLevel>> = sm.tasks.iter().map(|t| t.level).collect();
    assert_eq!(
        levels,
        [
            Some(TaskLevel::Basic),
            Some(TaskLevel::Advanced),
            Some(TaskLevel::High)
        ]
    );
    let (proc_, _) = pupils(&imp);
    assert_eq!(proc_.results.source_row, [5, 6, 7]);
    assert_eq!(proc_.max_total, Some(6.0));
    assert_eq!(
        find_issue(&imp, Severity::Info, "not attempted").row,
        Some(7)
    );
    no_issue(&imp, Severity::Warning);
}

// 5: task headers that carry the maximum, as in the ФИС ОКО protocol form; formula totals.

/// The protocol form's 15 tasks; their maxima sum to 20 (ВПР Математика 4 класс).
const FORM_TASKS: [&str; 15] = [
    "1 (1б)",
    "2 (1б)",
    "3 (2б)",
    "4 (1б)",
    "5.1 (1б)",
    "5.2 (1б)",
    "6.1 (1б)",
    "6.2 (1б)",
    "7 (1б)",
    "8 (2б)",
    "9.1 (1б)",
    "9.2 (1б)",
    "10 (2б)",
    "11.3 k1 (2б)",
    "12 (2б)",
];

fn form_sheet() -> Sheet<'static> {
    let mut header = vec!["Код", "Вариант (часть 1)"];
    header.extend(FORM_TASKS);
    header.extend([
        "Класс",
        "Пол",
        "Отметка за предыдущий триместр/ четверть/полугодие",
        "Итого баллов",
    ]);
    // Code, variant, scores (15 tasks), class, sex, journal, cached total.
    type Pupil = (
        &'static str,
        &'static str,
        [&'static str; 15],
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );
    let pupils: [Pupil; 5] = [
        (
            "40001",
            "1",
            [
                "1", "1", "2", "1", "1", "1", "1", "1", "1", "2", "1", "1", "2", "2", "2",
            ],
            "1",
            "м",
            "5",
            "20",
        ),
        (
            "40002",
            "2",
            [
                "1", "0", "2", "1", "1", "1", "0", "1", "1", "2", "1", "0", "1", "1", "0",
            ],
            "1",
            "ж",
            "4",
            "13",
        ),
        (
            "40003",
            "1",
            [
                "1", "0", "1", "0", "0.5", "0", "1", "0", "1", "0", "0", "0", "0", "0", "0",
            ],
            "2",
            "м",
            "3",
            "4.5",
        ),
        (
            "40004",
            "2",
            [
                "1", "1", "1", "1", "1", "0", "1", "1", "0", "1", "1", "1", "0", "0", "0",
            ],
            "2",
            "ж",
            "нет отметки",
            "10",
        ),
        ("40005", "отсутствовал", [""; 15], "2", "м", "4", ""),
    ];
    let mut rows: Vec<Vec<&'static str>> = vec![header];
    for (i, (code, var, scores, class, sex, journal, total)) in pupils.into_iter().enumerate() {
        let mut row = vec![code, var];
        row.extend(scores);
        row.extend([class, sex, journal]);
        let line = i + 2;
        let f = format!("=IF(LEN(C{line})>0, SUM(C{line}:Q{line}), \"\")|{total}");
        row.push(Box::leak(f.into_boxed_str()));
        rows.push(row);
    }
    Sheet {
        name: "Протокол",
        rows,
        merges: Vec::new(),
    }
}

#[test]
fn task_headers_with_maxima_and_catalogue_or_user_scale() {
    let bytes = xlsx(&[form_sheet()]);
    let imp = run(
        "ВПР 2021 Математика 4 класс.xlsx",
        &bytes,
        &ImportOptions::default(),
    );
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults, "{:#?}", s.issues);
    let p = s.procedure.as_ref().unwrap();
    assert_eq!(
        (p.kind, p.subject.as_str(), p.grade, p.year),
        (ProcedureKind::Vpr, "Математика", Some(4), Some(2021))
    );
    assert_eq!(
        (s.rows, s.participants, s.absent, s.schools, s.classes),
        (5, 4, 1, 1, 2)
    );
    assert_eq!(
        labels(&imp),
        [
            "1", "2", "3", "4", "5.1", "5.2", "6.1", "6.2", "7", "8", "9.1", "9.2", "10",
            "11.3 k1", "12"
        ]
    );
    assert_eq!(maxima(&imp), [1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 2, 2, 2]);
    assert!(s
        .tasks
        .iter()
        .all(|t| t.max_source.is_file() && t.level.is_none()));
    assert_eq!(s.columns[2].header, "1 (1б)");
    assert_eq!(role_of(&imp, "Вариант (часть 1)"), &ColumnRole::Variant);
    assert_eq!(role_of(&imp, "Итого баллов"), &ColumnRole::Total);
    assert_eq!(
        role_of(&imp, "Отметка за предыдущий триместр/ четверть/полугодие"),
        &ColumnRole::Journal
    );
    // No mark column: the published scale (max 20 = the sum of the task maxima) gives the marks.
    let sc = s.scale.unwrap();
    assert_eq!(
        (sc.mark3, sc.mark4, sc.mark5, sc.source),
        (6.0, 10.0, 15.0, ScaleSource::Catalogue)
    );
    assert!(s.needs.is_empty(), "{:?}", s.needs);
    find_issue(
        &imp,
        Severity::Info,
        "marks were computed from the conversion scale",
    );
    // A fractional score in a numeric cell, and the total (cached formula value) that counts it.
    let fr = find_issue(&imp, Severity::Warning, "Fractional task score 0.5");
    assert_eq!((fr.row, fr.column.as_deref()), (Some(4), Some("5.1 (1б)")));
    // The total counts the cells as written (0.5 included): no sum mismatch for that row,
    // the fraction itself is the error.
    assert!(!s.issues.iter().any(|i| i
        .message_en
        .contains("differs from the primary score (4.5)")));
    assert!(!s
        .issues
        .iter()
        .any(|i| i.message_en.contains("published scale's maximum")));
    let (proc_, schools) = pupils(&imp);
    let r = &proc_.results;
    assert_eq!(schools, &["ВПР 2021 Математика 4 класс".to_string()]);
    assert_eq!(
        r.total,
        [Some(20.0), Some(13.0), Some(4.5), Some(10.0), None]
    );
    assert_eq!(
        r.mark,
        [Some(5), Some(4), Some(2), Some(4), None],
        "10 points reach «4» at 10"
    );
    assert_eq!(r.journal, [Some(5), Some(4), Some(3), None, Some(4)]);
    assert_eq!(r.class[0].as_deref(), Some("1"));
    assert!(r.absent[4] && r.variant[4].is_none());
    assert_eq!(proc_.max_total, Some(20.0));

    // The user's scale wins and recomputes the marks.
    let opts = ImportOptions {
        scale: Some([5.0, 12.0, 18.0]),
        ..ImportOptions::default()
    };
    let imp = run("ВПР 2021 Математика 4 класс.xlsx", &bytes, &opts);
    let sc = imp.summary.scale.unwrap();
    assert_eq!(
        (sc.mark3, sc.mark4, sc.mark5, sc.source),
        (5.0, 12.0, 18.0, ScaleSource::User)
    );
    let (proc_, _) = pupils(&imp);
    assert_eq!(
        proc_.results.mark,
        [Some(5), Some(4), Some(2), Some(3), None]
    );

    // Without a catalogue entry (2023) and without marks, the scale is asked for.
    let imp = run(
        "vpr_2023_matematika_4.xlsx",
        &bytes,
        &ImportOptions::default(),
    );
    assert_eq!(imp.summary.needs, [Need::Scale]);
    assert_eq!(imp.summary.scale, None);
    find_issue(&imp, Severity::Warning, "conversion scale is unknown");
}

// 5–7: a ФИС ОКО export on the second sheet after an instruction sheet, `балл за N` headers.

fn export_rows() -> Vec<Vec<&'static str>> {
    let r: &[&[&str]] = &[
        &[
            "логин школы",
            "регион",
            "номер обучающегося",
            "код обучающегося",
            "отметка за предыдущую четверть/триместр",
            "пол",
            "класс",
            "вариант",
            "всего баллов",
            "балл за 5",
            "балл за 6",
            "балл за 7",
            "балл за 8",
            "отметка",
        ],
        &[
            "sch770001",
            "77",
            "1",
            "90001500281",
            "5",
            "м",
            "а",
            "1",
            "9",
            "2",
            "3",
            "2",
            "2",
            "5",
        ],
        &[
            "sch770001",
            "77",
            "2",
            "90001500282",
            "4",
            "ж",
            "а",
            "2",
            "6",
            "1",
            "2",
            "1",
            "2",
            "4",
        ],
        &[
            "sch770001",
            "77",
            "3",
            "90001500283",
            "нет отметки",
            "м",
            "б",
            "1",
            "3",
            "1",
            "X",
            "1",
            "1",
            "3",
        ],
        &[
            "sch770001",
            "77",
            "4",
            "90001500284",
            "3",
            "ж",
            "нет",
            "отсутствовал",
        ],
        &[
            "sch770002",
            "77",
            "1",
            "90001500291",
            "2",
            "м",
            "4в",
            "2",
            "1",
            "0",
            "0",
            "1",
            "0",
            "2",
        ],
        &[
            "sch770002",
            "77",
            "2",
            "90001500292",
            "4",
            "ж",
            "4в",
            "1",
            "7",
            "2",
            "2",
            "1",
            "2",
            "4",
        ],
        &[
            "sch770002",
            "77",
            "3",
            "90001500293.0",
            "5",
            "м",
            "4в",
            "2",
            "10",
            "3",
            "3",
            "2",
            "2",
            "5",
        ],
    ];
    r.iter().map(|x| x.to_vec()).collect()
}

fn check_export(imp: &FileImport, detail: &str) {
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults, "{:#?}", s.issues);
    assert_eq!(s.format_detail, detail);
    let p = s.procedure.as_ref().unwrap();
    assert_eq!(
        (p.kind, p.subject.as_str(), p.grade, p.year),
        (ProcedureKind::Vpr, "Русский язык", Some(5), Some(2025))
    );
    assert_eq!(
        (s.rows, s.participants, s.absent, s.schools, s.classes),
        (7, 6, 1, 2, 3)
    );
    assert_eq!(labels(imp), ["5", "6", "7", "8"]);
    // Maxima are not in the file: the largest score seen.
    assert_eq!(maxima(imp), [3, 3, 2, 2]);
    assert!(s.tasks.iter().all(|t| !t.max_source.is_file()));
    let sc = s.scale.unwrap();
    assert_eq!(
        (sc.mark3, sc.mark4, sc.mark5, sc.source),
        (3.0, 6.0, 9.0, ScaleSource::Inferred)
    );
    assert_eq!(role_of(imp, "номер обучающегося"), &ColumnRole::Ignored);
    assert_eq!(role_of(imp, "код обучающегося"), &ColumnRole::PupilCode);
    assert_eq!(role_of(imp, "балл за 7"), &ColumnRole::Task("7".into()));
    let ig = find_issue(imp, Severity::Info, "Columns not used");
    assert!(
        ig.message_ru.contains("«регион», «номер обучающегося»"),
        "{}",
        ig.message_ru
    );
    let nj = find_issue(
        imp,
        Severity::Info,
        "journal mark: the mark is taken as missing",
    );
    assert_eq!(
        (nj.row, nj.column.as_deref()),
        (Some(4), Some("отметка за предыдущую четверть/триместр"))
    );
    assert_eq!(
        find_issue(imp, Severity::Info, "not attempted").row,
        Some(4)
    );
    no_issue(imp, Severity::Warning);
    let (proc_, schools) = pupils(imp);
    let r = &proc_.results;
    assert_eq!(schools, &["sch770001".to_string(), "sch770002".to_string()]);
    assert_eq!(r.source_row, [2, 3, 4, 5, 6, 7, 8]);
    let ps = Pseudonymizer::new([7; 16]);
    assert_eq!(
        r.pupil[6],
        ps.pseudonym("sch770002", "90001500293"),
        "id written as a float"
    );
    assert_eq!(r.class[2].as_deref(), Some("Б"));
    assert_eq!(r.class[3], None);
    assert_eq!(r.class[4].as_deref(), Some("4В"));
    assert!(r.absent[3] && r.variant[3].is_none());
    assert_eq!(
        r.total,
        [
            Some(9.0),
            Some(6.0),
            Some(3.0),
            None,
            Some(1.0),
            Some(7.0),
            Some(10.0)
        ]
    );
    assert_eq!(
        r.journal,
        [Some(5), Some(4), None, Some(3), Some(2), Some(4), Some(5)]
    );
}

#[test]
fn fis_oko_export_on_the_second_sheet_after_an_empty_one() {
    let wb = xlsx(&[
        sheet("Лист1", &[]),
        Sheet {
            name: "Выгрузка",
            rows: export_rows(),
            merges: vec![],
        },
    ]);
    let imp = run(
        "ВПР 2025 Русский язык 5 класс.xlsx",
        &wb,
        &ImportOptions::default(),
    );
    check_export(&imp, "лист «Выгрузка» / sheet \"Выгрузка\" (2 of 2)");
}

#[test]
fn fis_oko_export_on_the_second_sheet_after_instructions() {
    let instructions = sheet(
        "Инструкция",
        &[
            &["Инструкция по заполнению"],
            &["1. Не меняйте названия столбцов на листе «Выгрузка»."],
            &["2. Для отсутствовавших участников укажите в столбце «вариант» слово «отсутствовал»."],
            &["3. Если задание не выполнялось, поставьте «X»."],
            &[],
            &["Вопросы: методист района"],
        ],
    );
    let wb = xlsx(&[
        instructions,
        Sheet {
            name: "Выгрузка",
            rows: export_rows(),
            merges: vec![],
        },
    ]);
    let imp = run(
        "ВПР 2025 Русский язык 5 класс.xlsx",
        &wb,
        &ImportOptions::default(),
    );
    check_export(&imp, "лист «Выгрузка» / sheet \"Выгрузка\" (2 of 2)");
}

// 8: names are dropped and never serialised.

#[test]
fn pupil_names_are_dropped_and_never_serialised() {
    let names = [
        "Иванов Иван Иванович",
        "Петрова Мария Сергеевна",
        "Сидоров Пётр",
        "Кузнецова Анна",
    ];
    let s = sheet(
        "Результаты",
        &[
            &["ВПР 2022 Русский язык 5 класс"],
            &[],
            &[
                "Код ОО",
                "Класс",
                "Код участника",
                "ФИО обучающегося",
                "Пол",
                "1",
                "2",
                "3",
                "4",
                "Сумма баллов",
                "Отметка",
            ],
            &[
                "sch1", "5а", "'000123", names[0], "м", "2", "2", "1", "3", "8", "5",
            ],
            &[
                "sch1", "5а", "'000124", names[1], "ж", "1", "1", "0", "2", "4", "3",
            ],
            &[
                "sch1", "5б", "'000125", names[2], "м", "0", "1", "0", "0", "1", "2",
            ],
            &[
                "sch1", "5б", "'000126", names[3], "ж", "2", "1", "1", "2", "6", "4",
            ],
            &[
                "sch1",
                "5б",
                "'000127",
                "Орлов Олег",
                "м",
                "2",
                "2",
                "1",
                "2",
                "7",
                "4",
            ],
        ],
    );
    let imp = run("results.xlsx", &xlsx(&[s]), &ImportOptions::default());
    let sm = &imp.summary;
    assert_eq!(sm.table, TableKind::PupilResults, "{:#?}", sm.issues);
    assert_eq!(
        (sm.rows, sm.participants, sm.absent, sm.schools, sm.classes),
        (5, 5, 0, 1, 2)
    );
    assert_eq!(role_of(&imp, "ФИО обучающегося"), &ColumnRole::PupilName);
    let i = find_issue(&imp, Severity::Info, "pupil names was dropped");
    assert_eq!(
        (i.row, i.column.as_deref()),
        (None, Some("ФИО обучающегося"))
    );
    let json = serde_json::to_string(&imp).unwrap();
    for n in names
        .iter()
        .chain(&["Орлов", "Иванов", "Петрова", "Мария", "Пётр", "Олег"])
    {
        assert!(
            !json.contains(n),
            "the name «{n}» is in the serialised import"
        );
    }
    // Codes written as text keep their leading zeros before pseudonymisation and never appear.
    let (proc_, _) = pupils(&imp);
    assert_eq!(
        proc_.results.pupil[0],
        Pseudonymizer::new([7; 16]).pseudonym("sch1", "000123")
    );
    assert!(!json.contains("000123"));
}

// 9: ODS reads like the same CSV.

fn small_table() -> Vec<Vec<String>> {
    let rows: &[&[&str]] = &[
        &["ВПР 2023 Русский язык 4 класс"],
        &[],
        &[
            "логин школы",
            "код обучающегося",
            "класс",
            "вариант",
            "отметка за предыдущую четверть/триместр",
            "балл за 1",
            "балл за 2",
            "балл за 3",
            "всего баллов",
            "отметка",
        ],
        &[
            "sch1",
            "90001500281",
            "а",
            "1",
            "5",
            "2",
            "3",
            "4",
            "9",
            "5",
        ],
        &[
            "sch1",
            "90001500282",
            "а",
            "2",
            "нет отметки",
            "1",
            "X",
            "2",
            "3",
            "3",
        ],
        &[
            "sch1",
            "90001500283",
            "нет",
            "отсутствовал",
            "4",
            "",
            "",
            "",
            "",
            "",
        ],
        &[
            "sch2",
            "90001500291",
            "б",
            "1",
            "3",
            "0",
            "1",
            "1",
            "2",
            "2",
        ],
        &[
            "sch2",
            "90001500292",
            "б",
            "2",
            "4",
            "2",
            "2",
            "2",
            "6",
            "4",
        ],
        &[
            "sch2",
            "90001500293",
            "б",
            "1",
            "4",
            "2",
            "2,5",
            "2",
            "6",
            "4",
        ],
        &[
            "sch2",
            "90001500294",
            "б",
            "2",
            "5",
            "3",
            "3",
            "3",
            "9",
            "5",
        ],
    ];
    rows.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

#[test]
fn ods_imports_like_the_same_csv() {
    let t = small_table();
    let width = t.iter().map(Vec::len).max().unwrap();
    let csv: String = t
        .iter()
        .map(|r| {
            // The CSV writes ids as floats; ODS has them as float cells.
            let mut cells: Vec<String> = r
                .iter()
                .map(|c| {
                    if c.starts_with("900") {
                        format!("{c}.0")
                    } else {
                        c.clone()
                    }
                })
                .collect();
            cells.resize(width, String::new());
            cells.join(";") + "\r\n"
        })
        .collect();
    let from_csv = run(
        "ВПР 2023 Русский язык 4 класс.csv",
        csv.as_bytes(),
        &ImportOptions::default(),
    );
    let from_ods = run(
        "ВПР 2023 Русский язык 4 класс.ods",
        &ods("Результаты", &t, &[]),
        &ImportOptions::default(),
    );
    assert_eq!(from_ods.summary.format, "ods");
    assert_eq!(from_ods.summary.format_detail, "Результаты");
    assert_eq!(from_csv.summary.format, "csv");

    let s = &from_ods.summary;
    assert_eq!(s.table, TableKind::PupilResults, "{:#?}", s.issues);
    let p = s.procedure.as_ref().unwrap();
    assert_eq!(
        (p.kind, p.subject.as_str(), p.grade, p.year),
        (ProcedureKind::Vpr, "Русский язык", Some(4), Some(2023))
    );
    assert_eq!(
        (s.rows, s.participants, s.absent, s.schools, s.classes),
        (7, 6, 1, 2, 2)
    );
    assert_eq!(labels(&from_ods), ["1", "2", "3"]);
    let sc = s.scale.unwrap();
    assert_eq!(
        (sc.mark3, sc.mark4, sc.mark5, sc.source),
        (3.0, 6.0, 9.0, ScaleSource::Inferred)
    );
    // The decimal-comma score in a float cell is a fractional score at row 9, column «балл за 2».
    let fr = find_issue(&from_ods, Severity::Warning, "Fractional task score 2.5");
    assert_eq!((fr.row, fr.column.as_deref()), (Some(9), Some("балл за 2")));

    // Everything but the format fields and the file name is the same as from the CSV.
    let strip = |imp: &FileImport| {
        let mut imp = imp.clone();
        imp.summary.file = String::new();
        imp.summary.format = String::new();
        imp.summary.format_detail = String::new();
        for i in &mut imp.summary.issues {
            i.file = String::new();
        }
        if let ImportedData::Pupils { procedure, .. } = &mut imp.data {
            procedure.files.clear();
        }
        imp
    };
    assert_eq!(strip(&from_ods), strip(&from_csv));
}

// 10: nothing to import.

#[test]
fn header_only_sheet_is_refused_with_a_clear_error() {
    let wb = xlsx(&[sheet(
        "Выгрузка",
        &[&[
            "логин школы",
            "код обучающегося",
            "класс",
            "вариант",
            "балл за 1",
            "балл за 2",
            "отметка",
        ]],
    )]);
    let imp = run("vpr_2025_matematika_4.xlsx", &wb, &ImportOptions::default());
    assert_eq!(imp.summary.table, TableKind::Refused);
    assert_eq!(imp.summary.format, "xlsx");
    assert_eq!(imp.data, ImportedData::None);
    let e = find_issue(
        &imp,
        Severity::Error,
        "has a header but not a single data row",
    );
    assert!(!e.message_en.contains("damaged"), "{}", e.message_en);
    assert_eq!(
        imp.summary.columns.len(),
        7,
        "the columns read are still shown"
    );

    // The same with titles above the header and an empty first sheet.
    let wb = xlsx(&[
        sheet("Лист1", &[]),
        sheet(
            "Выгрузка",
            &[
                &["ВПР 2025 Математика 4 класс"],
                &[],
                &["логин школы", "код обучающегося", "балл за 1", "балл за 2"],
            ],
        ),
    ]);
    let imp = run("book.xlsx", &wb, &ImportOptions::default());
    assert_eq!(imp.summary.table, TableKind::Refused);
    find_issue(
        &imp,
        Severity::Error,
        "has a header but not a single data row",
    );
}

#[test]
fn workbook_with_only_an_empty_sheet_is_refused_with_a_clear_error() {
    for sheets in [
        vec![sheet("Лист1", &[])],
        vec![sheet("Лист1", &[]), sheet("Лист2", &[])],
    ] {
        let imp = run("empty.xlsx", &xlsx(&sheets), &ImportOptions::default());
        assert_eq!(imp.summary.table, TableKind::Refused);
        assert_eq!(imp.summary.format, "xlsx");
        assert_eq!(imp.data, ImportedData::None);
        let e = find_issue(&imp, Severity::Error, "holds no data");
        assert!(
            !e.message_en.contains("damaged"),
            "an empty workbook is not damaged: {}",
            e.message_en
        );
        assert_eq!((imp.summary.rows, imp.summary.participants), (0, 0));
    }
    // An empty ODS the same.
    let imp = run(
        "empty.ods",
        &ods::<&str>("Лист1", &[], &[]),
        &ImportOptions::default(),
    );
    assert_eq!(imp.summary.table, TableKind::Refused);
    assert_eq!(imp.summary.format, "ods");
    find_issue(&imp, Severity::Error, "holds no data");
}

#[test]
fn ods_protocol_with_merged_header_reads_like_the_xlsx() {
    let sh = protocol_sheet("Протокол");
    let from_xlsx = run(
        "protocol.xlsx",
        &xlsx(&[protocol_sheet("Протокол")]),
        &ImportOptions::default(),
    );
    let from_ods = run(
        "protocol.ods",
        &ods("Протокол", &sh.rows, &sh.merges),
        &ImportOptions::default(),
    );
    assert_eq!(
        (
            from_ods.summary.format.as_str(),
            from_ods.summary.format_detail.as_str()
        ),
        ("ods", "Протокол")
    );
    assert_eq!(
        from_ods.summary.table,
        TableKind::PupilResults,
        "{:#?}",
        from_ods.summary.issues
    );
    assert_eq!(from_ods.summary.columns[7].header, "Баллы за задания / 3");
    assert_eq!(from_ods.summary.tasks, from_xlsx.summary.tasks);
    let strip = |imp: &FileImport| {
        let mut imp = imp.clone();
        imp.summary.file = String::new();
        imp.summary.format = String::new();
        for i in &mut imp.summary.issues {
            i.file = String::new();
        }
        if let ImportedData::Pupils { procedure, .. } = &mut imp.data {
            procedure.files.clear();
        }
        imp
    };
    assert_eq!(strip(&from_ods), strip(&from_xlsx));
}

#[test]
fn maxima_above_a_two_row_header_and_levels_under_it() {
    let mut s = sheet(
        "Отчёт",
        &[
            /* 1 */ &["Региональная диагностическая работа"],
            /* 2 */ &["РДР 2024 История 8 класс"],
            /* 3 */ &["Макс. балл", "", "", "1", "2", "3", ""],
            /* 4 */
            &[
                "Логин школы",
                "Код обучающегося",
                "Класс",
                "Номер задания",
                "",
                "",
                "Первичный балл",
            ],
            /* 5 */ &["", "", "", "балл за 1", "балл за 2", "балл за 3"],
            /* 6 */ &["", "", "", "Б", "П", "В"],
            /* 7 */ &["sch1", "501", "8а", "1", "2", "3", "6"],
            /* 8 */ &["sch1", "502", "8а", "0", "1", "4", "5"],
            /* 9 */ &[],
            /* 10 */ &["sch1", "503", "8б", "1", "-1", "0", "1"],
        ],
    );
    s.merges = vec![
        (0, 0, 0, 6),
        (1, 0, 1, 6),
        (3, 3, 3, 5),
        (3, 0, 4, 0),
        (3, 1, 4, 1),
        (3, 2, 4, 2),
        (3, 6, 4, 6),
    ];
    let imp = run("rdr.xlsx", &xlsx(&[s]), &ImportOptions::default());
    let sm = &imp.summary;
    assert_eq!(sm.table, TableKind::PupilResults, "{:#?}", sm.issues);
    let p = sm.procedure.as_ref().unwrap();
    assert_eq!(
        (p.kind, p.subject.as_str(), p.grade, p.year),
        (ProcedureKind::Rdr, "История", Some(8), Some(2024))
    );
    // The blank row 9 is not a data row.
    assert_eq!(
        (sm.rows, sm.participants, sm.absent, sm.schools, sm.classes),
        (3, 3, 0, 1, 2)
    );
    assert_eq!(labels(&imp), ["1", "2", "3"]);
    assert_eq!(maxima(&imp), [1, 2, 3]);
    let levels: Vec<Option<TaskLevel>> = sm.tasks.iter().map(|t| t.level).collect();
    assert_eq!(
        levels,
        [
            Some(TaskLevel::Basic),
            Some(TaskLevel::Advanced),
            Some(TaskLevel::High)
        ]
    );
    assert_eq!(sm.columns[4].header, "Номер задания / балл за 2");
    assert_eq!(role_of(&imp, "Первичный балл"), &ColumnRole::Total);
    // No marks and no published scale: the scale is asked for.
    assert_eq!(sm.needs, [Need::Scale]);
    let am = find_issue(&imp, Severity::Warning, "exceeds the maximum 3 for task 3");
    assert_eq!(
        (am.row, am.column.as_deref()),
        (Some(8), Some("Номер задания / балл за 3"))
    );
    let neg = find_issue(&imp, Severity::Warning, "Negative score -1");
    assert_eq!(
        (neg.row, neg.column.as_deref()),
        (Some(10), Some("Номер задания / балл за 2"))
    );
    find_issue(&imp, Severity::Info, "Blank rows skipped: 1");
    let (proc_, _) = pupils(&imp);
    assert_eq!(proc_.results.source_row, [7, 8, 10]);
    assert_eq!(proc_.results.total, [Some(6.0), Some(5.0), Some(1.0)]);
}
