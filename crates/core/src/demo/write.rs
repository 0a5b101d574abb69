//! CSV writing in the shape of ФИС ОКО pupil exports (`;`, UTF-8, no names), of a
//! social-passport context table, of ФИС ОКО «Выполнение заданий» reference reports (Russia and
//! the city) and of an «описание заданий» table.

use super::procedures::{mark, Edition};
use super::pupils::LETTERS;
use super::results::Sheet;
use super::rng::{normal, stream, uniform};
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

/// The line of the first pupil in a results file: the row of levels, the header, then pupils.
pub(crate) const FIRST_PUPIL_LINE: u32 = 3;

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

/// A ФИС ОКО label of a task: sub-tasks `12.1` are written `12(1)`.
fn fis_oko_label(label: &str) -> String {
    match label.split_once('.') {
        Some((a, b)) => format!("{a}({b})"),
        None => label.to_string(),
    }
}

/// One CSV line padded with `;` to `width` fields (as spreadsheets export title rows).
fn padded(out: &mut String, text: &str, width: usize) {
    out.push_str(text);
    out.push_str(&";".repeat(width.saturating_sub(1)));
    out.push('\n');
}

/// Percent with one decimal and a decimal comma (`67,5`).
fn percent(share: f64) -> String {
    format!("{:.1}", (share * 100.0).clamp(1.0, 99.0)).replace('.', ",")
}

/// ФИС ОКО «Выполнение заданий» for one edition: title rows, the header (group, number of
/// participants, one column per task), the row of maxima, then «Вся выборка» (Russia) and
/// «г. Санкт-Петербург». Task success comes from the edition's own item parameters for a
/// population a little below (Russia) or above (the city) the district's calibration centre,
/// with a task-by-task jitter, so that the district is above the city on some tasks and
/// below on others.
pub(crate) fn reference_csv(seed: u64, ed: &Edition) -> Vec<u8> {
    let spec = ed.spec();
    let width = 2 + spec.tasks.len();
    let mut r = stream(seed, &[9, ed.spec as u64, ed.year as u64]);
    let mut out = String::with_capacity(256 + 40 * width);
    padded(&mut out, "Выполнение заданий", width);
    padded(
        &mut out,
        &format!(
            "{} {}. {}. {} класс",
            spec.kind.label(),
            ed.year,
            spec.subject,
            spec.grade
        ),
        width,
    );
    padded(&mut out, "(в % от числа участников)", width);
    out.push_str("Группы участников;Кол-во уч.");
    for (label, _, _) in spec.tasks {
        out.push(';');
        out.push_str(&fis_oko_label(label));
    }
    out.push_str("\nМакс балл;");
    for (_, max, _) in spec.tasks {
        let _ = write!(out, ";{max}");
    }
    out.push('\n');
    let russia = 1_150_000 + (250_000.0 * uniform(&mut r)) as u32;
    let city = 38_000 + (9_000.0 * uniform(&mut r)) as u32;
    for (name, n, centre, jitter) in [
        ("Вся выборка", russia, 0.05, 0.20),
        ("г. Санкт-Петербург", city, 0.30, 0.30),
    ] {
        let _ = write!(out, "{name};{n}");
        for j in 0..spec.tasks.len() {
            let c = centre + jitter * normal(&mut r);
            let _ = write!(out, ";{}", percent(ed.share(j, c)));
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// «Описание заданий» of ВПР Математика 5: a title row, then per task its number, the skill
/// it checks, its level and its maximum score.
pub(crate) fn task_info_csv(ed: &Edition, skills: &[(&str, &str)]) -> Vec<u8> {
    let spec = ed.spec();
    let mut out = String::with_capacity(4096);
    padded(
        &mut out,
        &format!(
            "Описание заданий {} {}. {}. {} класс",
            spec.kind.label(),
            ed.year,
            spec.subject,
            spec.grade
        ),
        4,
    );
    out.push_str("№ задания;Проверяемые требования (умения);Уровень сложности;Макс. балл\n");
    for ((label, max, level), (_, skill)) in spec.tasks.iter().zip(skills) {
        let _ = writeln!(out, "{label};{skill};{};{max}", level.letter());
    }
    out.into_bytes()
}
