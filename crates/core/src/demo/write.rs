//! CSV writing in the shape of ФИС ОКО pupil exports (`;`, UTF-8, no names) and of a
//! social-passport context table.

use super::procedures::{mark, Edition};
use super::pupils::LETTERS;
use super::results::Sheet;
use super::schools::{School, CONTEXT_COLUMNS};
use std::fmt::Write;

/// The fixed columns before the task scores.
pub(crate) const LEAD_COLUMNS: [&str; 6] = [
    "логин школы",
    "класс",
    "код обучающегося",
    "пол",
    "вариант",
    "отметка за предыдущую четверть/триместр",
];

/// First cell of the row of task levels above the header.
pub(crate) const LEVELS_LABEL: &str = "уровень сложности";

/// Pupil results of one edition: a row of task levels, the header, one row per pupil.
pub(crate) fn results_csv(ed: &Edition, sheet: &Sheet, schools: &[School]) -> Vec<u8> {
    let spec = ed.spec();
    let mut out = String::with_capacity(sheet.rows.len() * (40 + 3 * sheet.tasks) + 512);
    // As in ФИС ОКО forms, a row of task levels (Б/П/В) stands above the header.
    out.push_str(LEVELS_LABEL);
    out.push_str(&";".repeat(LEAD_COLUMNS.len() - 1));
    for (_, _, level) in spec.tasks {
        out.push(';');
        out.push_str(level.letter());
    }
    out.push_str(";;\n");
    out.push_str(&LEAD_COLUMNS.join(";"));
    for (label, max, _) in spec.tasks {
        let _ = write!(out, ";балл за {label} ({max}б)");
    }
    out.push_str(";всего баллов;отметка\n");
    let k = sheet.tasks;
    for (i, row) in sheet.rows.iter().enumerate() {
        let school = &schools[row.school as usize];
        let _ = write!(
            out,
            "{};{}{};{}-{:04};{};",
            school.login,
            spec.grade,
            LETTERS[row.class as usize],
            school.digits,
            row.number,
            if row.female { "Ж" } else { "М" },
        );
        if row.absent {
            out.push_str("отсутствовал");
        } else {
            let _ = write!(out, "{}", row.variant);
        }
        match row.journal {
            Some(j) => {
                let _ = write!(out, ";{j}");
            }
            None => out.push_str(";нет отметки"),
        }
        if row.absent {
            for _ in 0..k + 2 {
                out.push(';');
            }
        } else {
            for j in 0..k {
                if sheet.not_done[i * k + j] {
                    out.push_str(";X");
                } else {
                    let _ = write!(out, ";{}", sheet.scores[i * k + j]);
                }
            }
            let total = sheet.total(i);
            let _ = write!(out, ";{total};{}", mark(ed.scale, total));
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// The context table: one row per school.
pub(crate) fn context_csv(schools: &[School]) -> Vec<u8> {
    let mut out =
        String::from("логин школы;название ОО;тип ОО;углублённое изучение;численность обучающихся");
    for c in CONTEXT_COLUMNS {
        out.push(';');
        out.push_str(c);
    }
    out.push('\n');
    for s in schools {
        let _ = write!(
            out,
            "{};{};{};{};{}",
            s.login,
            s.name,
            s.kind.label(),
            s.in_depth.unwrap_or("нет"),
            s.enrolment
        );
        for v in s.context {
            let _ = write!(out, ";{}", format!("{v:.1}").replace('.', ","));
        }
        out.push('\n');
    }
    out.into_bytes()
}
