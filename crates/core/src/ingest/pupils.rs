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
use crate::model::{
    Procedure, ProcedureKey, PupilResults, Scale, ScaleSource, Task, SCORE_MISSING,
};
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
    pub classes: usize,
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
    let nt = tasks_cols.len();

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
    let mut seen_max = vec![0u8; nt];
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
        if let Some(cl) = &class {
            classes.insert((si, cl.clone()));
        }
        // Pupil code.
        let code = code_col.map(|c| normalize_id_str(row.get(c))).unwrap_or("");
        let pupil = if code.is_empty() {
            pseudo.pseudonym(school_code, &format!("row{line}"))
        } else {
            pseudo.pseudonym(school_code, code)
        };
        // Absent: `отсутствовал` in the variant or any cell.
        let mut absent = row.cells.iter().any(|c| c.len() >= 10 && is_absent(c));
        let variant = variant_col
            .map(|c| row.get(c))
            .filter(|v| !v.is_empty() && !is_absent(v))
            .map(|v| normalize_id_str(v).to_string());

        // Scores.
        let start = res.scores.len();
        let mut any_score = false;
        let mut sum = 0u32;
        for (t, tc) in tasks_cols.iter().enumerate() {
            let cell = row.get(tc.col);
            let (score, nd) = match parse_score(cell) {
                Score::Blank => (SCORE_MISSING, false),
                Score::Value(v) => {
                    if let Some(m) = tc.max {
                        if v > m {
                            log.row("above_max", tc.col, Some(&tc.header), Severity::Warning, line,
                                || format!("Балл {v} больше максимума {m} за задание {}: балл сохранён, проверьте файл.", tc.label),
                                || format!("Score {v} exceeds the maximum {m} for task {}: the score was kept; check the file.", tc.label));
                        }
                    }
                    (v, false)
                }
                Score::NotDone => {
                    log.row("not_done", ROW, None, Severity::Info, line,
                        || "«X»/«Х» в баллах за задания прочитаны как «не приступал»: 0 баллов с отметкой «не выполнено».".into(),
                        || "\"X\"/\"Х\" in task scores read as \"not attempted\": 0 points, flagged as not done.".into());
                    (0, true)
                }
                Score::Absent => {
                    absent = true;
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
                if let Some(m) = seen_max.get_mut(t) {
                    *m = (*m).max(score);
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
        if !absent
            && !any_score
            && total.is_none()
            && mark.is_none()
            && (nt > 0 || total_col.is_some())
        {
            log.row(
                "no_results",
                ROW,
                None,
                Severity::Warning,
                line,
                || {
                    "В строке нет ни баллов, ни отметки: обучающийся считается отсутствовавшим."
                        .into()
                },
                || "The row has neither scores nor a mark: the pupil is counted as absent.".into(),
            );
            absent = true;
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
            } else if let (Some(t), true) = (total, any_score) {
                if (t - sum as f64).abs() > 1e-9 {
                    let c = total_col.unwrap_or(0);
                    log.row("sum_total", c, Some(&header(c)), Severity::Warning, line,
                        || format!("Сумма баллов за задания ({sum}) не равна первичному баллу ({t}). Используется первичный балл из файла; проверьте строку."),
                        || format!("The sum of task scores ({sum}) differs from the primary score ({t}). The file's primary score is used; check the row."));
                }
            }
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
            max: tc
                .max
                .unwrap_or_else(|| seen_max.get(t).copied().unwrap_or(0).max(1)),
            max_source: if tc.max.is_some() { crate::model::MaxSource::File } else { crate::model::MaxSource::Data },
            kim: None,
            level: lay.levels.get(tc.col).copied().flatten(),
            skill: None,
        })
        .collect();
    let max_total = (!tasks.is_empty()).then(|| tasks.iter().map(|t| t.max as f64).sum());
    PupilTable {
        procedure: Procedure {
            key,
            tasks,
            scale: None,
            max_total,
            results: res,
            files: vec![file],
            errors: Default::default(),
        },
        school_codes,
        has_mark_column: mark_col.is_some(),
        classes: classes.len(),
    }
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
            chosen = cat.map(|(s, _)| s);
        }
    } else if let Some((s, max)) = cat {
        chosen = Some(s);
        if p.max_total.is_none() {
            p.max_total = Some(max);
        }
    }
    let Some(s) = chosen else {
        // Marks only from the file (or none at all).
        return !t.has_mark_column;
    };
    if s.source == ScaleSource::Catalogue {
        if let (Some(fm), Some((_, cm))) = (p.max_total, cat) {
            if (fm - cm).abs() > 1e-9 {
                log.push(
                    Severity::Warning,
                    format!("Сумма максимумов заданий ({fm}) не равна максимуму опубликованной шкалы ({cm}). Проверьте предмет, класс и год или введите шкалу."),
                    format!("The sum of task maxima ({fm}) differs from the published scale's maximum ({cm}). Check subject, grade and year, or enter the scale."),
                );
            }
        }
    }
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
