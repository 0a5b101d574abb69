//! Pupil-level results: one row per pupil with task scores, total, mark and journal mark.
//! Values are parsed per cell (`X`, `отсутствовал`, `нет отметки`, ids as floats), pupil codes
//! pseudonymised, names dropped, and every doubtful cell reported (aggregated per column).
//! Validation: sum of task scores vs the total, scores above the maximum, negative and
//! non-numeric scores; marks vs the conversion scale.

use super::grid::{Grid, GridRow};
use super::header::{parse_task_header, Layout};
use super::log::IssueLog;
use super::values::{
    is_absent, is_no_mark, normalize_class, normalize_id, parse_journal, parse_mark, parse_number,
    parse_score, Score,
};
use super::{scale, ColumnRole, ImportOptions, Pseudonymizer, Severity};
use crate::model::{Procedure, ProcedureKey, PupilResults, Scale, Task, SCORE_MISSING};
use std::collections::{HashMap, HashSet};

const ROW: usize = usize::MAX;

/// Where the school of a row comes from.
enum SchoolFrom {
    Column(usize),
    /// Packed in a 7-digit pupil id: school = first 3 digits, class = next 2.
    PackedId(usize),
    /// One school for the whole file.
    Fixed(String),
}

struct TaskCol {
    col: usize,
    label: String,
    header: String,
    max: Option<u8>,
}

/// The outcome of reading a pupil table.
pub(crate) struct PupilTable {
    pub procedure: Procedure,
    pub school_codes: Vec<String>,
    pub has_mark_column: bool,
    /// Schools with at least one participant.
    pub schools: usize,
    /// Classes (school, class; a missing class counts as one) with at least one participant.
    pub classes: usize,
}

/// The largest score held by at least max(3, 0.5 %) of a task's scored cells (from 300 cells;
/// below that the largest seen): a value that only a handful of cells reach or exceed is a
/// data error, not the maximum.
pub(crate) fn robust_max(hist: &[u32; 256]) -> u8 {
    let n: u64 = hist.iter().map(|&c| c as u64).sum();
    // Under 300 cells a handful cannot be told from the maximum: the largest score seen.
    let need = if n >= 300 {
        (n as f64 * 0.005).ceil().max(3.0) as u64
    } else {
        1
    };
    (0..256usize)
        .rev()
        .find(|&v| hist[v] as u64 >= need)
        .or_else(|| (0..256usize).rev().find(|&v| hist[v] > 0))
        .map_or(1, |v| (v as u8).max(1))
}

fn find(roles: &[ColumnRole], want: &ColumnRole) -> Option<usize> {
    roles.iter().position(|r| r == want)
}

/// Short file stem used as a school code when the file is one school's protocol.
fn file_stem(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    base.rsplit_once('.').map_or(base, |(s, _)| s).to_string()
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn read(
    grid: &Grid,
    lay: &Layout,
    roles: &[ColumnRole],
    key: ProcedureKey,
    pseudo: &Pseudonymizer,
    log: &mut IssueLog,
) -> PupilTable {
    let file = log.file().to_string();
    let header = |c: usize| {
        lay.headers
            .get(c)
            .cloned()
            .unwrap_or_else(|| format!("#{}", c + 1))
    };
    let code_col = find(roles, &ColumnRole::PupilCode);
    let class_col = find(roles, &ColumnRole::Class);
    // Every variant column: a two-part work has one per part (`var-1`, `var-2`).
    let variant_cols: Vec<usize> = (0..roles.len())
        .filter(|&c| {
            roles[c] == ColumnRole::Variant
                || roles[c] == ColumnRole::Ignored
                    && matches!(
                        super::columns::guess(&super::columns::norm(
                            lay.keys.get(c).map(String::as_str).unwrap_or("")
                        )),
                        super::columns::Guess::Role(ColumnRole::Variant, _)
                    )
        })
        .collect();
    let variant_col = find(roles, &ColumnRole::Variant);
    let total_col = find(roles, &ColumnRole::Total);
    let mark_col = find(roles, &ColumnRole::Mark);
    let journal_col = find(roles, &ColumnRole::Journal);
    let data = grid.rows.get(lay.data_start..).unwrap_or(&[]);

    for (c, r) in roles.iter().enumerate() {
        if *r == ColumnRole::PupilName {
            log.push_col(
                Severity::Info,
                &header(c),
                "Столбец с именами обучающихся не загружен: имена не хранятся и не нужны для анализа.",
                "The column with pupil names was dropped: names are never stored and not needed for the analysis.",
            );
        }
    }

    // Tasks.
    let tasks_cols: Vec<TaskCol> = roles
        .iter()
        .enumerate()
        .filter_map(|(c, r)| match r {
            ColumnRole::Task(label) => {
                let key_text = lay.keys.get(c).map(String::as_str).unwrap_or("");
                let from_header = parse_task_header(key_text).and_then(|(_, m)| m);
                Some(TaskCol {
                    col: c,
                    label: label.clone(),
                    header: header(c),
                    max: from_header.or(lay.maxima.get(c).copied().flatten()),
                })
            }
            _ => None,
        })
        .collect();
    // Task columns right of the work's last well-filled task are not tasks of this work when
    // they are empty (the system export's unused `a-N-grade` columns), or, past a column that
    // is not a task, filled in under 1 % of the rows the fullest task fills: cells of rows
    // shifted to the right (reported as extra cells below).
    let filled: Vec<usize> = tasks_cols
        .iter()
        .map(|tc| data.iter().filter(|r| !r.get(tc.col).is_empty()).count())
        .collect();
    // Booklet designs (TIMSS) leave items inside the block nearly empty: those stay tasks.
    let fullest = filled.iter().copied().max().unwrap_or(0);
    let last_good = tasks_cols
        .iter()
        .zip(&filled)
        .filter(|(_, &f)| f > 0 && f * 100 >= fullest)
        .map(|(t, _)| t.col)
        .max();
    let first_after = last_good.map(|g| g + 1);
    let gap = first_after.is_some_and(|c| !tasks_cols.iter().any(|t| t.col == c));
    let mut k = 0;
    let (tasks_cols, unused): (Vec<TaskCol>, Vec<TaskCol>) =
        tasks_cols.into_iter().partition(|t| {
            let f = filled[k];
            k += 1;
            f > 0 && (f * 100 >= fullest || !gap) || Some(t.col) < last_good
        });
    let last_task = tasks_cols.iter().map(|t| t.col).max();
    if !unused.is_empty() && !data.is_empty() {
        let list = unused
            .iter()
            .take(8)
            .map(|t| format!("«{}»", t.header))
            .collect::<Vec<_>>()
            .join(", ");
        let more = if unused.len() > 8 { " …" } else { "" };
        log.push(
            Severity::Info,
            format!("Пустые или почти пустые столбцы заданий правее последнего задания работы не считаются заданиями ({}): {list}{more}.", unused.len()),
            format!("Empty or nearly empty task columns right of the work's last task are not tasks of it ({}): {list}{more}.", unused.len()),
        );
    }
    let nt = tasks_cols.len();
    // The header's width: filled cells to the right of it are not read.
    let header_width = (lay.header_row..lay.header_row + 1 + lay.two_row as usize)
        .filter_map(|i| grid.rows.get(i))
        .map(GridRow::used_width)
        .max()
        .unwrap_or(0);
    let mut errors = crate::model::DataErrors::default();
    let mut hist: Vec<[u32; 256]> = vec![[0u32; 256]; nt];
    let mut partial = 0usize;

    // School source.
    let school_from = if let Some(c) = find(roles, &ColumnRole::School) {
        SchoolFrom::Column(c)
    } else if let Some(c) = code_col.filter(|&c| packed_ids(data, c)) {
        log.push_col(
            Severity::Info,
            &header(c),
            "Столбца со школой нет; коды обучающихся из 7 цифр прочитаны как «школа (3 цифры) + класс (2) + номер (2)», как в TIMSS.",
            "There is no school column; the 7-digit pupil ids were read as \"school (3 digits) + class (2) + pupil (2)\", as in TIMSS.",
        );
        SchoolFrom::PackedId(c)
    } else if let Some(login) = title_login(&lay.titles) {
        log.push(
            Severity::Info,
            format!("Столбца со школой нет: логин школы «{login}» взят из заголовка над таблицей (форма «Индивидуальные результаты»)."),
            format!("There is no school column: the school login \"{login}\" was taken from the title above the table (the individual results form)."),
        );
        SchoolFrom::Fixed(login)
    } else {
        let stem = file_stem(&file);
        log.push(
            Severity::Info,
            format!("Столбца со школой нет: файл считается протоколом одной школы «{stem}». Если это не так, укажите столбец школы."),
            format!("There is no school column: the file is taken as the protocol of one school \"{stem}\". If not, set the school column."),
        );
        SchoolFrom::Fixed(stem)
    };

    let mut res = PupilResults::default();
    let n_guess = data.len();
    res.scores.reserve(n_guess * nt);
    res.not_done.reserve(n_guess * nt);
    let mut school_codes: Vec<String> = Vec::new();
    let mut school_ix: HashMap<String, u32> = HashMap::new();
    let mut part_schools: HashSet<u32> = HashSet::new();
    let mut classes: HashSet<(u32, String)> = HashSet::new();
    let mut blank_rows = 0usize;

    for row in data {
        if row.is_blank() {
            blank_rows += 1;
            continue;
        }
        if is_repeated_header(row, lay) {
            log.row(
                "repeated_header",
                ROW,
                None,
                Severity::Info,
                row.line,
                || "Строка повторяет заголовок таблицы и пропущена.".into(),
                || "The row repeats the table header and was skipped.".into(),
            );
            continue;
        }
        if let Some(word) = footer_word(row, code_col) {
            log.row("footer", ROW, None, Severity::Warning, row.line,
                || format!("Строка «{word}» похожа на итоговую, а не на обучающегося, и не загружена."),
                || format!("The row \"{word}\" looks like a summary row, not a pupil, and was not loaded."));
            continue;
        }
        let line = row.line;
        // School and class.
        let (school_code, packed_class): (&str, Option<&str>) = match &school_from {
            SchoolFrom::Column(c) => (normalize_id_str(row.get(*c)), None),
            SchoolFrom::PackedId(c) => {
                let id = normalize_id_str(row.get(*c));
                if id.len() == 7 {
                    (id.get(..3).unwrap_or(""), id.get(3..5))
                } else {
                    ("", None)
                }
            }
            SchoolFrom::Fixed(s) => (s.as_str(), None),
        };
        let school_code = if school_code.is_empty() {
            let col = match &school_from {
                SchoolFrom::Column(c) | SchoolFrom::PackedId(c) => Some(header(*c)),
                SchoolFrom::Fixed(_) => None,
            };
            log.row("no_school", ROW, col.as_deref(), Severity::Warning, line,
                || "Нет кода школы: строка отнесена к школе «—». Заполните код школы в файле.".into(),
                || "No school code: the row was assigned to school \"—\". Fill in the school code in the file.".into());
            "—"
        } else {
            school_code
        };
        let si = match school_ix.get(school_code) {
            Some(&i) => i,
            None => {
                let i = school_codes.len() as u32;
                school_codes.push(school_code.to_string());
                school_ix.insert(school_code.to_string(), i);
                i
            }
        };
        let class = match (packed_class, class_col) {
            (Some(p), _) => Some(p.to_string()),
            (None, Some(c)) => normalize_class(row.get(c)),
            (None, None) => None,
        };
        // Pupil code.
        let code = code_col.map(|c| normalize_id_str(row.get(c))).unwrap_or("");
        let pupil = if code.is_empty() {
            pseudo.pseudonym(school_code, &format!("row{line}"))
        } else {
            pseudo.pseudonym(school_code, code)
        };
        // Absent: `отсутствовал` in the variant cells and no variant cell holding anything
        // else (a two-part work: absent from one part, present in the other, is a
        // participant); without variant columns, `отсутствовал` in any cell.
        let said_absent = variant_cols.iter().any(|&c| is_absent(row.get(c)));
        let other_variant = variant_cols
            .iter()
            .any(|&c| !row.get(c).is_empty() && !is_absent(row.get(c)));
        let mut absent = if variant_cols.is_empty() {
            row.cells.iter().any(|c| c.len() >= 10 && is_absent(c))
        } else {
            said_absent && !other_variant
        };
        if said_absent && other_variant {
            partial += 1;
        }
        let beyond = unused
            .iter()
            .any(|t| Some(t.col) > last_task && !row.get(t.col).is_empty());
        if beyond || row.used_width() > header_width && header_width > 0 {
            errors.extra_cells += 1;
            log.row("extra_cells", ROW, None, Severity::Warning, line,
                || "В строке заполнены ячейки правее последнего задания работы (или правее заголовка): они не прочитаны. Проверьте, не сдвинуты ли значения.".into(),
                || "The row has filled cells to the right of the work's last task (or of the header): they were not read. Check whether the values are shifted.".into());
        }
        let variant = variant_col
            .map(|c| row.get(c))
            .filter(|v| !v.is_empty() && !is_absent(v))
            .map(|v| normalize_id_str(v).to_string())
            .or_else(|| {
                variant_cols
                    .iter()
                    .map(|&c| row.get(c))
                    .find(|v| !v.is_empty() && !is_absent(v))
                    .map(|v| normalize_id_str(v).to_string())
            });
        let mut any_cell = false;
        let mut odd_sum = 0.0f64;

        // Scores.
        let start = res.scores.len();
        let mut any_score = false;
        let mut sum = 0u32;
        for (t, tc) in tasks_cols.iter().enumerate() {
            let cell = row.get(tc.col);
            any_cell |= !cell.is_empty();
            let parsed = parse_score(cell);
            if !absent {
                match parsed {
                    Score::Text => errors.text_cells += 1,
                    Score::Negative(v) | Score::Fraction(v) | Score::TooLarge(v) => {
                        errors.bad_numbers += 1;
                        // The primary score is compared with the cells as written.
                        odd_sum += v;
                    }
                    _ => {}
                }
            }
            let (score, nd) = match parsed {
                Score::Blank => (SCORE_MISSING, false),
                // A maximum from the file's header is known now; any other is settled at
                // merge, where scores above it are flagged.
                Score::Value(v) if tc.max.is_some_and(|m| v > m) => {
                    let m = tc.max.unwrap_or(0);
                    if !absent {
                        errors.above_max += 1;
                    }
                    log.row("above_max", tc.col, Some(&tc.header), Severity::Warning, line,
                        || format!("Балл {v} больше максимума {m} за задание {}: ячейка не учтена. Исправьте балл в файле.", tc.label),
                        || format!("Score {v} exceeds the maximum {m} for task {}: the cell was not used. Correct the score in the file.", tc.label));
                    odd_sum += v as f64;
                    (SCORE_MISSING, false)
                }
                Score::Value(v) => (v, false),
                Score::NotPassed => {
                    log.row("not_passed", ROW, None, Severity::Info, line,
                        || "«не пройд.» в баллах за задания прочитано как 0 баллов (задание не пройдено).".into(),
                        || "\"не пройд.\" (not passed) in task scores read as 0 points.".into());
                    (0, false)
                }
                Score::NotDone => {
                    log.row("not_done", ROW, None, Severity::Info, line,
                        || "«X»/«Х» в баллах за задания прочитаны как «не приступал»: 0 баллов с отметкой «не выполнено».".into(),
                        || "\"X\"/\"Х\" in task scores read as \"not attempted\": 0 points, flagged as not done.".into());
                    (0, true)
                }
                Score::Absent => {
                    if variant_cols.is_empty() {
                        absent = true;
                    } else if !absent {
                        // The variant says the pupil sat the work: «отсутствовал» in one
                        // score cell is not a score.
                        errors.text_cells += 1;
                        log.row("absent_cell", tc.col, Some(&tc.header), Severity::Warning, line,
                            || "«отсутствовал» в балле за задание у участника (вариант указан): ячейка не учтена.".into(),
                            || "\"отсутствовал\" in a task score of a participant (the variant is given): the cell was not used.".into());
                    }
                    (SCORE_MISSING, false)
                }
                Score::Negative(v) => {
                    log.row("negative", tc.col, Some(&tc.header), Severity::Warning, line,
                        || format!("Отрицательный балл {v}: ячейка не учтена. Исправьте балл в файле."),
                        || format!("Negative score {v}: the cell was not used. Correct the score in the file."));
                    (SCORE_MISSING, false)
                }
                Score::Fraction(v) => {
                    log.row("fraction", tc.col, Some(&tc.header), Severity::Warning, line,
                        || format!("Дробный балл {v} за задание: ячейка не учтена. Баллы за задания должны быть целыми."),
                        || format!("Fractional task score {v}: the cell was not used. Task scores must be whole numbers."));
                    (SCORE_MISSING, false)
                }
                Score::TooLarge(v) => {
                    log.row(
                        "too_large",
                        tc.col,
                        Some(&tc.header),
                        Severity::Warning,
                        line,
                        || format!("Слишком большой балл {v} за задание: ячейка не учтена."),
                        || format!("Task score {v} is too large: the cell was not used."),
                    );
                    (SCORE_MISSING, false)
                }
                Score::Text => {
                    let shown = cell.chars().take(30).collect::<String>();
                    log.row("text_score", tc.col, Some(&tc.header), Severity::Warning, line,
                        || format!("Не число в баллах за задание: «{shown}». Ячейка не учтена; введите балл или оставьте пустой."),
                        || format!("Not a number in a task score: \"{shown}\". The cell was not used; enter a score or leave it blank."));
                    (SCORE_MISSING, false)
                }
            };
            if score != SCORE_MISSING {
                any_score = true;
                sum += score as u32;
                if !nd {
                    if let Some(h) = hist.get_mut(t) {
                        h[score as usize] += 1;
                    }
                }
            }
            res.scores.push(score);
            res.not_done.push(nd);
        }
        // Total, mark, journal.
        let mut total = None;
        if let Some(c) = total_col {
            let cell = row.get(c);
            match parse_number(cell) {
                Some(v) => total = Some(v),
                None if cell.is_empty() || is_absent(cell) || is_no_mark(cell) => {}
                None => {
                    let shown = cell.chars().take(30).collect::<String>();
                    log.row("text_total", c, Some(&header(c)), Severity::Warning, line,
                        || format!("Не число в первичном балле: «{shown}». Значение не учтено."),
                        || format!("Not a number in the primary score: \"{shown}\". The value was not used."));
                }
            }
        }
        let mut mark = None;
        if let Some(c) = mark_col {
            let cell = row.get(c);
            match parse_mark(cell) {
                Ok(m) => mark = m,
                Err(()) if is_absent(cell) || is_no_mark(cell) => {}
                Err(()) => {
                    let shown = cell.chars().take(30).collect::<String>();
                    log.row(
                        "bad_mark",
                        c,
                        Some(&header(c)),
                        Severity::Warning,
                        line,
                        || format!("Отметка «{shown}» не из 2–5: не учтена."),
                        || format!("Mark \"{shown}\" is not 2-5: not used."),
                    );
                }
            }
        }
        let mut journal = None;
        if let Some(c) = journal_col {
            let cell = row.get(c);
            match parse_journal(cell) {
                Ok(j) => {
                    journal = j;
                    if j.is_none() && !cell.is_empty() {
                        log.row("no_journal", c, Some(&header(c)), Severity::Info, line,
                            || "«нет отметки» в журнальной отметке: отметка считается отсутствующей.".into(),
                            || "\"нет отметки\" in the journal mark: the mark is taken as missing.".into());
                    }
                }
                Err(()) if is_absent(cell) => {}
                Err(()) => {
                    let shown = cell.chars().take(30).collect::<String>();
                    log.row(
                        "bad_journal",
                        c,
                        Some(&header(c)),
                        Severity::Warning,
                        line,
                        || format!("Журнальная отметка «{shown}» не из 1–5: не учтена."),
                        || format!("Journal mark \"{shown}\" is not 1-5: not used."),
                    );
                }
            }
        }
        let no_variant = variant_cols.iter().all(|&c| row.get(c).is_empty());
        let total_blank = total_col.is_none_or(|c| row.get(c).is_empty());
        if !absent
            && !any_cell
            && total_blank
            && mark.is_none()
            && no_variant
            && (nt > 0 || total_col.is_some())
        {
            errors.blank_pupils += 1;
            log.row(
                "no_results",
                ROW,
                None,
                Severity::Warning,
                line,
                || "В строке нет ни варианта, ни баллов, ни отметки: обучающийся не считается ни участником, ни отсутствовавшим, строка не загружена.".into(),
                || "The row has no variant, no scores and no mark: the pupil is counted neither as a participant nor as absent; the row was not loaded.".into(),
            );
            res.scores.truncate(start);
            res.not_done.truncate(start);
            continue;
        }
        if absent && (any_score || total.is_some_and(|t| t > 0.0)) {
            errors.absent_with_scores += 1;
            log.row("absent_scores", ROW, None, Severity::Warning, line,
                || "Обучающийся отмечен отсутствовавшим, но в строке есть баллы: он считается отсутствовавшим, баллы не учтены. Проверьте строку.".into(),
                || "The pupil is marked absent but the row carries scores: counted as absent, the scores were not used. Check the row.".into());
            for (t, h) in hist.iter_mut().enumerate() {
                let s = res.scores[start + t];
                if s != SCORE_MISSING && !res.not_done[start + t] {
                    h[s as usize] -= 1;
                }
            }
        }
        if absent {
            for s in res.scores.get_mut(start..).unwrap_or(&mut []) {
                *s = SCORE_MISSING;
            }
            for f in res.not_done.get_mut(start..).unwrap_or(&mut []) {
                *f = false;
            }
            total = None;
            mark = None;
        } else {
            if total_col.is_none() && any_score {
                total = Some(sum as f64);
            } else if let (Some(t), true) = (total, nt > 0) {
                if (t - sum as f64 - odd_sum).abs() > 1e-9 {
                    errors.sum_mismatch += 1;
                    let c = total_col.unwrap_or(0);
                    log.row("sum_total", c, Some(&header(c)), Severity::Warning, line,
                        || format!("Сумма баллов за задания ({sum}) не равна первичному баллу ({t}). Используется первичный балл из файла; проверьте строку."),
                        || format!("The sum of task scores ({sum}) differs from the primary score ({t}). The file's primary score is used; check the row."));
                }
            }
        }
        if !absent {
            part_schools.insert(si);
            classes.insert((si, class.clone().unwrap_or_default()));
        }
        res.school.push(si);
        res.class.push(class);
        res.pupil.push(pupil);
        res.variant.push(variant);
        res.absent.push(absent);
        res.total.push(total);
        res.mark.push(mark);
        res.journal.push(journal);
        res.source_row.push(line);
    }
    if blank_rows > 0 {
        log.push(
            Severity::Info,
            format!("Пустых строк пропущено: {blank_rows}."),
            format!("Blank rows skipped: {blank_rows}."),
        );
    }

    let tasks: Vec<Task> = tasks_cols
        .iter()
        .enumerate()
        .map(|(t, tc)| Task {
            label: tc.label.clone(),
            max: tc.max.unwrap_or_else(|| hist.get(t).map_or(1, robust_max)),
            max_source: if tc.max.is_some() {
                crate::model::MaxSource::File
            } else {
                crate::model::MaxSource::Data
            },
            kim: None,
            level: lay.levels.get(tc.col).copied().flatten(),
            skill: None,
        })
        .collect();
    if partial > 0 {
        log.push(
            Severity::Info,
            format!("Работа из двух частей: {partial} обучающихся отсутствовали на одной части и писали другую — они участники."),
            format!("A two-part work: {partial} pupils were absent from one part and wrote the other — they are participants."),
        );
    }
    let schools = part_schools.len();
    let max_total = (!tasks.is_empty()).then(|| tasks.iter().map(|t| t.max as f64).sum());
    PupilTable {
        procedure: Procedure {
            key,
            tasks,
            scale: None,
            max_total,
            results: res,
            files: vec![file],
            errors,
        },
        school_codes,
        has_mark_column: mark_col.is_some(),
        schools,
        classes: classes.len(),
    }
}

/// A school login in the title rows (`… (edu223144) | Кол-во участников: 25`): a word of two to
/// four Latin letters and five or more digits.
fn title_login(titles: &[String]) -> Option<String> {
    titles.iter().find_map(|t| {
        t.split(|c: char| !c.is_ascii_alphanumeric())
            .find(|w| {
                let letters = w.bytes().take_while(u8::is_ascii_alphabetic).count();
                (2..=4).contains(&letters)
                    && w.len() >= letters + 5
                    && w.bytes().skip(letters).all(|b| b.is_ascii_digit())
            })
            .map(str::to_string)
    })
}

/// The participant count a title states (`Кол-во участников: 25`), to check against the rows.
pub(crate) fn title_participants(titles: &[String]) -> Option<usize> {
    titles.iter().find_map(|t| {
        let l = t.to_lowercase();
        let at = l.find("участник")?;
        l[at..]
            .split(|c: char| !c.is_ascii_digit())
            .find(|w| !w.is_empty())
            .and_then(|w| w.parse().ok())
    })
}

fn normalize_id_str(s: &str) -> &str {
    // Borrowing variant of `normalize_id` for the common `123.0` case.
    let s = s.trim();
    match s.strip_suffix(".0") {
        Some(h) if !h.is_empty() && h.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => match normalize_id(s) {
            std::borrow::Cow::Borrowed(b) => b,
            std::borrow::Cow::Owned(_) => s,
        },
    }
}

/// Whether most pupil ids are 7-digit numbers (TIMSS packs school and class in them).
fn packed_ids(data: &[GridRow], col: usize) -> bool {
    let mut n = 0;
    let mut seven = 0;
    for r in data.iter().take(500) {
        let id = normalize_id_str(r.get(col));
        if id.is_empty() {
            continue;
        }
        n += 1;
        if id.len() == 7 && id.bytes().all(|b| b.is_ascii_digit()) {
            seven += 1;
        }
    }
    n > 0 && seven * 10 >= n * 9
}

fn is_repeated_header(row: &GridRow, lay: &Layout) -> bool {
    let mut same = 0;
    for c in 0..lay.width.min(6) {
        let h = lay.keys.get(c).map(String::as_str).unwrap_or("");
        let v = row.get(c);
        if !h.is_empty() && v == h {
            same += 1;
        } else if !v.is_empty() || !h.is_empty() {
            return false;
        }
    }
    same >= 2
}

fn footer_word(row: &GridRow, code_col: Option<usize>) -> Option<String> {
    let first = row.cells.iter().map(str::trim).find(|c| !c.is_empty())?;
    let l = first.to_lowercase();
    let summary = ["итого", "всего", "среднее", "средний", "total", "average"]
        .iter()
        .any(|w| l.starts_with(w));
    let code_empty = code_col.is_none_or(|c| row.get(c).is_empty() || row.get(c) == first);
    (summary && code_empty).then(|| first.chars().take(30).collect())
}

/// Applies the conversion scale: the user's, inferred from (total, mark) pairs, or the
/// catalogue's; computes marks when the file has none; reports marks that contradict it.
/// Returns whether the scale is still needed from the user.
pub(crate) fn apply_scale(t: &mut PupilTable, opts: &ImportOptions, log: &mut IssueLog) -> bool {
    let p = &mut t.procedure;
    let r = &mut p.results;
    let cat = scale::catalogue(p.key.kind, p.key.year, &p.key.subject, p.key.grade);
    let mut chosen: Option<Scale> = None;
    if let Some(u) = opts.scale {
        chosen = Some(scale::user(u));
    } else if t.has_mark_column {
        chosen = scale::infer(r_pairs(&r.total, &r.mark, &r.absent).map(|(_, x, m)| (x, m)));
        if chosen.is_none() {
            chosen = cat.map(|(s, _, _)| s);
        }
    } else if let Some((s, max, _)) = cat {
        chosen = Some(s);
        if p.max_total.is_none() {
            p.max_total = Some(max);
        }
    }
    let Some(s) = chosen else {
        // Marks only from the file (or none at all).
        return !t.has_mark_column;
    };
    if t.has_mark_column {
        let bad: Vec<(usize, f64, u8, u8)> =
            scale::contradictions(&s, r_pairs(&r.total, &r.mark, &r.absent)).collect();
        for (i, x, m, e) in bad {
            let line = r.source_row.get(i).copied().unwrap_or(0);
            log.row("mark_scale", ROW, None, Severity::Warning, line,
                || format!("Отметка «{m}» не соответствует первичному баллу {x} по шкале (ожидается «{e}»). Проверьте строку или шкалу."),
                || format!("Mark {m} does not match the primary score {x} on the scale (expected {e}). Check the row or the scale."));
        }
    } else {
        for (i, m) in r.mark.iter_mut().enumerate() {
            if r.absent.get(i).copied().unwrap_or(true) {
                continue;
            }
            if let Some(x) = r.total.get(i).copied().flatten() {
                *m = Some(s.mark(x));
            }
        }
        log.push(
            Severity::Info,
            "Столбца с отметкой нет: отметки вычислены по шкале перевода.",
            "There is no mark column: marks were computed from the conversion scale.",
        );
    }
    p.scale = Some(s);
    false
}

fn r_pairs<'a>(
    total: &'a [Option<f64>],
    mark: &'a [Option<u8>],
    absent: &'a [bool],
) -> impl Iterator<Item = (usize, f64, u8)> + 'a {
    total
        .iter()
        .zip(mark)
        .zip(absent)
        .enumerate()
        .filter_map(|(i, ((x, m), a))| match (x, m, a) {
            (Some(x), Some(m), false) => Some((i, *x, *m)),
            _ => None,
        })
}
