//! Table exports read back by independent readers: CSV through the `csv` crate, XLSX through
//! calamine (values, formulas, styles) and the zip crate (the sheet XML for the frozen header).
//! Formula-injection neutralisation is checked for every dangerous first character in both.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use integra_core::lang::Lang;
use integra_core::report::export::{
    file_name, neutralise, sheet_names, to_csv, to_xlsx, Cell, ExportError, Table, DANGEROUS_FIRST,
    UTF8_BOM,
};
use std::io::{Cursor, Read};

/// A table like the screens' school table: Cyrillic, commas and semicolons inside text,
/// integers, negative and fractional numbers, percents, empty cells.
fn schools() -> Table {
    let mut t = Table::new(
        "Обзор: ВПР 4 кл. [математика]",
        [
            "Школа",
            "Участников",
            "Средний балл",
            "Изменение",
            "Качество, %",
        ],
    );
    t.push_row([
        Cell::text("МБОУ «СОШ №1», г. Энск; корпус 2"),
        Cell::Int(120),
        Cell::num(3.8571, 2),
        Cell::num(-0.25, 2),
        Cell::percent(0.615, 1),
    ]);
    t.push_row([
        Cell::text("Гимназия \"Эрудит\""),
        Cell::Int(-3),
        Cell::num(4.0, 1),
        Cell::Empty,
        Cell::percent(1.0, 0),
    ]);
    t.push_row([Cell::text("Школа с короткой строкой")]);
    t
}

fn read_csv(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(UTF8_BOM), "no BOM");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[UTF8_BOM.len()..]);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens the export")
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn csv_round_trip_russian() {
    let bytes = to_csv(&schools(), Lang::Ru);
    assert!(bytes.starts_with(UTF8_BOM));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.starts_with("Школа;Участников;"), "{text}");
    assert!(!text.contains("Обзор"), "the title is not written");
    let rows = read_csv(&bytes, b';');
    assert_eq!(
        rows,
        vec![
            vec![
                "Школа",
                "Участников",
                "Средний балл",
                "Изменение",
                "Качество, %"
            ],
            vec![
                "МБОУ «СОШ №1», г. Энск; корпус 2",
                "120",
                "3,86",
                "-0,25",
                "61,5"
            ],
            vec!["Гимназия \"Эрудит\"", "-3", "4,0", "", "100"],
            vec!["Школа с короткой строкой", "", "", "", ""],
        ]
    );
}

#[test]
fn csv_round_trip_english() {
    let bytes = to_csv(&schools(), Lang::En);
    let rows = read_csv(&bytes, b',');
    assert_eq!(
        rows[1],
        [
            "МБОУ «СОШ №1», г. Энск; корпус 2",
            "120",
            "3.86",
            "-0.25",
            "61.5"
        ]
    );
    assert_eq!(rows[2][2], "4.0");
    // Numbers parse back as numbers.
    let v: f64 = rows[1][3].parse().unwrap();
    assert_eq!(v, -0.25);
}

#[test]
fn csv_neutralises_each_dangerous_first_character() {
    for lang in [Lang::Ru, Lang::En] {
        let delimiter = if lang == Lang::Ru { b';' } else { b',' };
        for first in DANGEROUS_FIRST {
            let payload = format!("{first}cmd|' /C calc'!A0");
            let mut t = Table::new("x", [format!("{first}header")]);
            t.push_row([Cell::text(payload.clone())]);
            t.push_row([Cell::num(-1.5, 1)]);
            t.push_row([Cell::Int(-2)]);
            let rows = read_csv(&to_csv(&t, lang), delimiter);
            assert_eq!(rows[0][0], format!("'{first}header"), "{first:?}");
            assert_eq!(rows[1][0], format!("'{payload}"), "{first:?}");
            assert!(rows[1][0].starts_with('\''));
            // Numbers stay numbers, negative ones too.
            let minus = if lang == Lang::Ru { "-1,5" } else { "-1.5" };
            assert_eq!(rows[2][0], minus);
            assert_eq!(rows[3][0], "-2");
        }
    }
}

#[test]
fn csv_of_empty_tables() {
    assert_eq!(to_csv(&Table::default(), Lang::Ru), UTF8_BOM);
    let header_only = Table::new("t", ["Школа", "Балл"]);
    assert_eq!(
        read_csv(&to_csv(&header_only, Lang::Ru), b';'),
        vec![vec!["Школа", "Балл"]]
    );
}

#[test]
fn xlsx_values_types_and_styles() {
    let bytes = to_xlsx(&[schools()]).unwrap();
    let mut wb = open(bytes.clone());
    let name = "Обзор- ВПР 4 кл. (математика)";
    assert_eq!(wb.sheet_names(), vec![name.to_string()]);
    let range = wb.worksheet_range(name).unwrap();
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 0), Data::String("Школа".into()));
    assert_eq!(cell(0, 4), Data::String("Качество, %".into()));
    assert_eq!(
        cell(1, 0),
        Data::String("МБОУ «СОШ №1», г. Энск; корпус 2".into())
    );
    assert_eq!(cell(1, 1), Data::Float(120.0));
    assert_eq!(
        cell(1, 2),
        Data::Float(3.8571),
        "full precision is kept, the format rounds"
    );
    assert_eq!(cell(1, 3), Data::Float(-0.25));
    assert_eq!(
        cell(1, 4),
        Data::Float(0.615),
        "a percent cell holds the share"
    );
    assert_eq!(cell(2, 1), Data::Float(-3.0));
    assert_eq!(cell(2, 3), Data::Empty);
    assert_eq!(cell(3, 0), Data::String("Школа с короткой строкой".into()));

    let styles = wb.worksheet_style(name).unwrap();
    let format = |r: u32, c: u32| {
        styles
            .get((r, c))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
            .unwrap_or_default()
    };
    assert_eq!(format(1, 2), "0.00");
    assert_eq!(format(2, 2), "0.0");
    assert_eq!(format(1, 4), "0.0%");
    assert_eq!(format(2, 4), "0%");
    for c in 0..5 {
        let bold = styles
            .get((0, c))
            .and_then(|s| s.font.as_ref())
            .is_some_and(|f| f.is_bold());
        assert!(bold, "header cell {c} is bold");
    }
    let body_bold = styles
        .get((1, 0))
        .and_then(|s| s.font.as_ref())
        .is_some_and(|f| f.is_bold());
    assert!(!body_bold);

    let sheet = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"ySplit="1""#) && sheet.contains(r#"state="frozen""#),
        "{sheet}"
    );
    assert!(sheet.contains("<cols>"), "column widths are set");
    assert!(!sheet.contains("<f>"), "no formulas");
}

#[test]
fn xlsx_neutralises_and_never_writes_formulas() {
    let mut t = Table::new("Опасное", ["=header", "Число"]);
    for first in DANGEROUS_FIRST {
        t.push_row([
            Cell::text(format!("{first}SUM(1+1)*cmd")),
            Cell::num(-1.5, 1),
        ]);
    }
    t.push_row([Cell::text("=1+1"), Cell::Int(-7)]);
    let bytes = to_xlsx(&[t]).unwrap();
    let mut wb = open(bytes.clone());
    let range = wb.worksheet_range("Опасное").unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("'=header".into()))
    );
    for (i, first) in DANGEROUS_FIRST.iter().enumerate() {
        let r = i as u32 + 1;
        assert_eq!(
            range.get_value((r, 0)),
            Some(&Data::String(format!("'{first}SUM(1+1)*cmd"))),
            "{first:?}"
        );
        assert_eq!(
            range.get_value((r, 1)),
            Some(&Data::Float(-1.5)),
            "numbers unchanged"
        );
    }
    let last = DANGEROUS_FIRST.len() as u32 + 1;
    assert_eq!(
        range.get_value((last, 0)),
        Some(&Data::String("'=1+1".into()))
    );
    assert_eq!(range.get_value((last, 1)), Some(&Data::Float(-7.0)));
    let formulas = wb.worksheet_formula("Опасное").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
    assert!(!zip_entry(&bytes, "xl/worksheets/sheet1.xml").contains("<f>"));
}

#[test]
fn xlsx_sheet_names_are_sanitised_and_unique() {
    let long = "Очень длинное название таблицы для листа Excel";
    let tables: Vec<Table> = [
        "Итоги",
        "итоги",
        long,
        long,
        "a/b\\c?d*e:f[g]",
        "",
        "'Цитата'",
    ]
    .iter()
    .map(|title| {
        let mut t = Table::new(*title, ["A"]);
        t.push_row([Cell::Int(1)]);
        t
    })
    .collect();
    let expected = sheet_names(&tables);
    assert_eq!(
        expected,
        [
            "Итоги",
            "итоги (2)",
            "Очень длинное название таблицы ",
            "Очень длинное название табл (2)",
            "a-b-c-d-e-f(g)",
            "Sheet6",
            "Цитата",
        ]
        .map(|s| s.trim_end().to_string())
    );
    for n in &expected {
        assert!(n.encode_utf16().count() <= 31, "{n}");
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
    }
    let mut wb = open(to_xlsx(&tables).unwrap());
    assert_eq!(wb.sheet_names(), expected);
    for n in &expected {
        let range = wb.worksheet_range(n).unwrap();
        assert_eq!(range.get_value((1, 0)), Some(&Data::Float(1.0)));
    }
}

#[test]
fn xlsx_of_empty_tables() {
    let wb = open(to_xlsx(&[]).unwrap());
    assert_eq!(wb.sheet_names().len(), 1);

    let tables = [Table::default(), Table::new("Пусто", ["Школа", "Балл"])];
    let mut wb = open(to_xlsx(&tables).unwrap());
    assert_eq!(wb.sheet_names(), ["Sheet1", "Пусто"]);
    let range = wb.worksheet_range("Пусто").unwrap();
    assert_eq!(range.get_value((0, 1)), Some(&Data::String("Балл".into())));
    assert_eq!(range.height(), 1);
}

#[test]
fn non_finite_numbers_become_empty_cells() {
    let mut t = Table::new("nan", ["x", "y"]);
    t.push_row([Cell::num(f64::NAN, 1), Cell::percent(f64::INFINITY, 1)]);
    let rows = read_csv(&to_csv(&t, Lang::Ru), b';');
    assert_eq!(rows[1], ["", ""]);
    let mut wb = open(to_xlsx(&[t]).unwrap());
    let range = wb.worksheet_range("nan").unwrap();
    for c in 0..2 {
        assert!(matches!(range.get_value((1, c)), None | Some(Data::Empty)));
    }
}

#[test]
fn too_large_tables_are_refused_with_a_message() {
    let t = Table::new("Широкая", (0..16_385).map(|i| format!("c{i}")));
    match to_xlsx(&[t]) {
        Err(e @ ExportError::TooLarge { .. }) => {
            assert!(e.message(Lang::Ru).contains("Широкая"));
            assert!(e.message(Lang::En).contains("too large"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn helpers() {
    assert_eq!(neutralise("-5"), "'-5");
    assert_eq!(neutralise("5"), "5");
    assert_eq!(file_name("ВПР: 4/кл", "xlsx"), "ВПР_ 4_кл.xlsx");
}
