//! The files, in a ФИС ОКО-like shape unlike the demo's: a title row («Всероссийские
//! проверочные работы 2025 г. Математика, 5 класс»), in about half the files a row of levels
//! Б/П/В above the header, the header `Логин ОО; Класс; Код участника; Пол; Вариант; 1; 2;
//! 3.1; …; Первичный балл; Отметка; Отметка за предыдущую четверть`, a «Макс. балл» row
//! (under the header when levels are given, above it otherwise), one row per pupil. Every
//! other file is Windows-1251 (with a Cyrillic «Х»), the rest UTF-8 with a BOM; CRLF.

use super::items::Edition;
use super::schools::School;
use super::simulate::Sheet;
use integra_core::model::ProcedureKind;

const LEAD: [&str; 5] = ["Логин ОО", "Класс", "Код участника", "Пол", "Вариант"];
const TAIL: [&str; 3] = [
    "Первичный балл",
    "Отметка",
    "Отметка за предыдущую четверть",
];

/// The title row's text.
pub fn title(ed: &Edition) -> String {
    let spec = ed.spec();
    match spec.kind {
        ProcedureKind::Vpr => format!(
            "Всероссийские проверочные работы {} г. {}, {} класс",
            ed.year, spec.subject, spec.grade
        ),
        _ => format!(
            "ГИА-9 (ОГЭ) {}. {}, {} класс",
            ed.year, spec.subject, spec.grade
        ),
    }
}

fn line(out: &mut String, cells: &[String]) {
    out.push_str(&cells.join(";"));
    out.push_str("\r\n");
}

/// The file of edition `ed` (its index `e` picks the encoding).
pub fn results_csv(e: usize, ed: &Edition, sheet: &Sheet, schools: &[School]) -> Vec<u8> {
    let k = ed.tasks.len();
    let width = LEAD.len() + k + TAIL.len();
    let cp1251 = e % 2 == 1;
    let mut out = String::with_capacity(sheet.rows.len() * (24 + 2 * k) + 1024);
    let mut padded = vec![String::new(); width];
    padded[0] = title(ed);
    line(&mut out, &padded);
    let row_of = |first: &str, f: &dyn Fn(usize) -> String| {
        let mut cells = vec![String::new(); width];
        cells[0] = first.to_string();
        for j in 0..k {
            cells[LEAD.len() + j] = f(j);
        }
        cells
    };
    let maxima = row_of("Макс. балл", &|j| ed.tasks[j].max.to_string());
    if ed.levels_in_file {
        let levels = row_of("Уровень сложности", &|j| {
            ed.tasks[j].level.letter().to_string()
        });
        line(&mut out, &levels);
    } else {
        line(&mut out, &maxima);
    }
    let mut header: Vec<String> = LEAD.iter().map(|s| s.to_string()).collect();
    header.extend(ed.tasks.iter().map(|t| t.label.clone()));
    header.extend(TAIL.iter().map(|s| s.to_string()));
    line(&mut out, &header);
    if ed.levels_in_file {
        line(&mut out, &maxima);
    }
    let x = if cp1251 { "Х" } else { "X" };
    for (i, row) in sheet.rows.iter().enumerate() {
        let mut cells = Vec::with_capacity(width);
        cells.push(schools[row.school].code.clone());
        cells.push(row.class.clone());
        cells.push(row.code.to_string());
        cells.push(if row.female { "Ж" } else { "М" }.to_string());
        if row.absent {
            cells.push("отсутствовал".to_string());
            cells.extend(std::iter::repeat_n(String::new(), k + 2));
        } else {
            cells.push(row.variant.to_string());
            for j in 0..k {
                cells.push(if sheet.not_done[i * k + j] {
                    x.to_string()
                } else {
                    sheet.scores[i * k + j].to_string()
                });
            }
            let total = sheet.total(i);
            cells.push(total.to_string());
            cells.push(ed.mark(total).to_string());
        }
        cells.push(row.journal.map_or_else(String::new, |j| j.to_string()));
        line(&mut out, &cells);
    }
    if cp1251 {
        encoding_rs::WINDOWS_1251.encode(&out).0.into_owned()
    } else {
        let mut b = vec![0xef, 0xbb, 0xbf];
        b.extend_from_slice(out.as_bytes());
        b
    }
}
