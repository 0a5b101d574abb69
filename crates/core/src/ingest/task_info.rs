//! Task descriptions: «описание заданий» of ВПР/ОГЭ, codifier mappings, and the item
//! information of international studies (TIMSS `iteminfo`, PISA `items`). One row per task:
//! the task label and some of: maximum score, level (Б/П/В) and skill-like columns.
//!
//! Detection needs a column of task labels named as such (`№ задания`, `item`, `задание`;
//! a bare `№`/`номер`/`код` only beside a maximum, level or skill column) whose cells read as
//! task labels and are mostly distinct, no task columns in the header (those are results) and
//! no pupil or school columns. Of the skill-like columns the most specific is used (see
//! [`skill_rank`]); the others stay available as alternatives.

use super::columns::{norm, Guess};
use super::grid::{Grid, GridRow};
use super::header::{parse_task_header, Layout};
use super::infer::{self, Inferred};
use super::labels::{label_of, label_with_max, task_label_key};
use super::log::IssueLog;
use super::values::parse_number;
use super::{
    ColumnInfo, ColumnRole, FileImport, FileSummary, ImportOptions, ImportedData, Severity,
    TableKind,
};
use crate::model::{Codifier, ProcedureKey, Task, TaskInfoRow, TaskInfoTable, TaskLevel};
use std::collections::HashMap;

/// Rows looked at to decide what a table is.
const SAMPLE: usize = 400;

/// The columns of a task-description table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Plan {
    pub label: usize,
    /// `№ КИМ`: the task's number in the official work, beside the results' column number.
    pub kim: Option<usize>,
    /// Codifier code columns: content elements (КЭС) and requirements (КТ).
    pub kes: Option<usize>,
    pub kt: Option<usize>,
    /// The table is a codifier (code → text) rather than a task description.
    pub codifier: Option<Codifier>,
    pub max: Option<usize>,
    pub level: Option<usize>,
    /// Skill-like columns with their rank, best first (rank ≥ 50 may be the skill; 0 is an
    /// alternative only).
    pub skills: Vec<(usize, u8)>,
}

/// The user's overrides, then what the titles and the file name say.
pub(crate) fn hints(titles: &[String], name: &str, opts: &ImportOptions) -> Inferred {
    let inf = infer::infer(titles, name);
    Inferred {
        kind: opts.kind.or(inf.kind),
        subject: match &opts.subject {
            Some(s) if !s.trim().is_empty() => Some(infer::canonical_subject(s)),
            _ => inf.subject,
        },
        grade: opts.grade.or(inf.grade),
        year: opts.year.or(inf.year),
    }
}

/// Collapses runs of white space (line breaks in spreadsheet cells) into one space.
pub(crate) fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a first cell marks a summary row («Итого», «Всего»).
pub(crate) fn is_footer(cell: &str) -> bool {
    let l = cell.trim().to_lowercase();
    ["итого", "всего", "сумма", "total", "sum"]
        .iter()
        .any(|w| l.starts_with(w))
}

fn words(h: &str) -> impl Iterator<Item = &str> {
    h.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// 3: a header that names task labels; 1: a generic number or code header; 0: neither.
fn label_rank(h: &str) -> u8 {
    const STRONG: &[&str] = &[
        "item",
        "items",
        "item_id",
        "itemid",
        "item id",
        "item code",
        "item_code",
        "task",
        "task id",
        "task number",
        "task no",
        "question",
        "задание",
        "задания",
        "задание №",
        "вопрос",
    ];
    if STRONG.contains(&h)
        || [
            "№ задан",
            "номер задан",
            "код задан",
            "№ вопрос",
            "номер вопрос",
        ]
        .iter()
        .any(|p| h.starts_with(p))
    {
        3
    } else if matches!(h, "№" | "№ п/п" | "номер" | "код" | "no.") {
        1
    } else {
        0
    }
}

fn is_max_header(h: &str) -> bool {
    h.contains("макс")
        || h.starts_with("max")
        || matches!(
            h,
            "балл" | "баллы" | "points" | "score" | "балл за задание" | "баллов"
        )
}

fn is_level_header(h: &str) -> bool {
    h.contains("уровень") || h.contains("сложност") || words(h).any(|w| w == "level")
}

/// How specific a skill-like header is: 100 skills and requirements, 95 codifier elements,
/// 90 descriptions, 80 topics, 70 content domains and sections, 60 cognitive domains and
/// aspects, 50 text types; 0 another descriptive column (an alternative only); `None` for
/// columns that are not descriptions (item type, format, answer key, number of options).
pub(crate) fn skill_rank(h: &str) -> Option<u8> {
    let has = |ws: &[&str]| ws.iter().any(|w| h.contains(w));
    let word = |ws: &[&str]| words(h).any(|x| ws.contains(&x));
    Some(
        if has(&[
            "умени",
            "требовани",
            "проверяем",
            "научит",
            "skill",
            "планируем",
        ]) {
            100
        } else if has(&[
            "кодификатор",
            "кэс",
            "кпу",
            "codifier",
            "элемент содержан",
            "элементы содержан",
        ]) {
            95
        } else if has(&["описание", "description", "характеристик"]) {
            90
        } else if word(&["topic", "topics", "subtopic", "тема", "темы", "тематика"])
        {
            80
        } else if has(&["содержан", "раздел", "блок", "domain"]) || word(&["content", "область"])
        {
            70
        } else if has(&[
            "cognitive",
            "aspect",
            "познават",
            "деятельност",
            "process",
            "процесс",
        ]) {
            60
        } else if has(&["texttype", "text type", "тип текста", "жанр"]) {
            50
        } else if has(&[
            "type",
            "format",
            "key",
            "option",
            "answer",
            "ответ",
            "вариант",
            "форма",
            "тип",
            "время",
            "time",
        ]) {
            return None;
        } else {
            0
        },
    )
}

/// A lenient level: `Б`/`П`/`В`, `базовый`, `повышенный`, `высокий`, `Базовый уровень`.
pub(crate) fn parse_level(s: &str) -> Option<TaskLevel> {
    TaskLevel::parse(s).or_else(|| {
        let l = s.trim().to_lowercase();
        if l.starts_with("баз") || l.starts_with("basic") {
            Some(TaskLevel::Basic)
        } else if l.starts_with("повыш") || l.starts_with("advanced") {
            Some(TaskLevel::Advanced)
        } else if l.starts_with("высок") || l.starts_with("high") {
            Some(TaskLevel::High)
        } else {
            None
        }
    })
}

fn sample<'a>(grid: &'a Grid, lay: &Layout) -> Vec<&'a GridRow> {
    grid.rows
        .get(lay.data_start..)
        .unwrap_or(&[])
        .iter()
        .filter(|r| !r.is_blank())
        .take(SAMPLE)
        .collect()
}

/// Non-blank cells of column `c`.
fn cells<'a>(rows: &[&'a GridRow], c: usize) -> Vec<&'a str> {
    rows.iter()
        .map(|r| r.get(c))
        .filter(|v| !v.is_empty())
        .collect()
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 / of as f64
    }
}

/// Whether column `c` mostly holds task labels that are mostly distinct. A label repeated on
/// consecutive rows is one task described on several rows (one per codifier element, as the
/// official descriptions do).
fn labels_column(rows: &[&GridRow], c: usize, min_rows: usize) -> bool {
    let mut v: Vec<&str> = cells(rows, c)
        .into_iter()
        .filter(|v| !is_footer(v))
        .collect();
    v.dedup();
    let labels: Vec<String> = v.iter().filter_map(|v| label_of(v)).collect();
    let mut keys: Vec<String> = labels.iter().map(|l| task_label_key(l)).collect();
    keys.sort();
    keys.dedup();
    v.len() >= min_rows
        && share(labels.len(), v.len()) >= 0.7
        && share(keys.len(), labels.len()) >= 0.7
}

/// Finds the columns of a task-description table; `None` when the table is not one.
/// `forced`: the user said it is one, so only the label column is required.
pub(crate) fn detect(grid: &Grid, lay: &Layout, guesses: &[Guess], forced: bool) -> Option<Plan> {
    let n = lay.width;
    let key = |c: usize| norm(lay.keys.get(c).map(String::as_str).unwrap_or(""));
    let full = |c: usize| norm(lay.headers.get(c).map(String::as_str).unwrap_or(""));
    let mut label: Option<(usize, u8)> = None;
    for c in 0..n {
        let r = label_rank(&key(c)).max(label_rank(&full(c)));
        if r > label.map_or(0, |l| l.1) {
            label = Some((c, r));
        }
    }
    if label.is_none() && !forced {
        return None;
    }
    // Tasks as columns are results (or a reference table), not descriptions.
    let task_headers = (0..n)
        .filter(|&c| Some(c) != label.map(|l| l.0))
        .filter(|&c| parse_task_header(lay.keys.get(c).map(String::as_str).unwrap_or("")).is_some())
        .count();
    if !forced && task_headers >= 3 {
        return None;
    }
    let rows = sample(grid, lay);
    let label = match label {
        Some(l) => l,
        // Forced without a named label column: the first column that holds labels.
        None => ((0..n).find(|&c| labels_column(&rows, c, 1))?, 0),
    };
    let (lc, lrank) = label;
    if !forced {
        for (c, g) in guesses.iter().enumerate() {
            if c == lc {
                continue;
            }
            if let Guess::Role(r, p) = g {
                let pupil_or_school = matches!(
                    r,
                    ColumnRole::School
                        | ColumnRole::PupilName
                        | ColumnRole::Class
                        | ColumnRole::Journal
                        | ColumnRole::Variant
                        | ColumnRole::Sex
                        | ColumnRole::Mark
                ) || (*r == ColumnRole::PupilCode && *p >= 3);
                if pupil_or_school {
                    return None;
                }
            }
        }
    }
    if !labels_column(&rows, lc, if forced { 1 } else { 2 }) {
        return None;
    }
    let mostly = |c: usize, f: &dyn Fn(&str) -> bool| {
        let v = cells(&rows, c);
        !v.is_empty() && share(v.iter().filter(|x| f(x)).count(), v.len()) >= 0.7
    };
    let max = (0..n).filter(|&c| c != lc).find(|&c| {
        (is_max_header(&key(c)) || is_max_header(&full(c)))
            && mostly(c, &|x| parse_number(x).is_some())
    });
    let level = (0..n).filter(|&c| c != lc && Some(c) != max).find(|&c| {
        (is_level_header(&key(c)) || is_level_header(&full(c)))
            && mostly(c, &|x| parse_level(x).is_some())
    });
    let mut skills: Vec<(usize, u8, usize)> = (0..n)
        .filter(|&c| c != lc && Some(c) != max && Some(c) != level)
        .filter_map(|c| {
            let h = if key(c).is_empty() { full(c) } else { key(c) };
            if h.is_empty() {
                return None;
            }
            let rank = skill_rank(&h)?;
            let texty = |c: usize| {
                let v = cells(&rows, c);
                let text = v.iter().filter(|x| parse_number(x).is_none()).count();
                !v.is_empty() && share(text, v.len()) >= 0.5
            };
            // A header merged over two columns names the neighbour that holds the text.
            let unnamed = |c: usize| key(c).is_empty() && full(c).is_empty();
            let c = if texty(c) {
                c
            } else {
                [c.wrapping_sub(1), c + 1]
                    .into_iter()
                    .find(|&d| d < n && d != lc && unnamed(d) && texty(d))?
            };
            let v = cells(&rows, c);
            let mut distinct: Vec<String> = v.iter().map(|x| norm(x)).collect();
            distinct.sort();
            distinct.dedup();
            Some((c, rank, distinct.len()))
        })
        .collect();
    skills.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    let skills: Vec<(usize, u8)> = skills.into_iter().map(|(c, r, _)| (c, r)).collect();
    let others = |c: usize| c != lc && Some(c) != max && Some(c) != level;
    let named = |c: usize, f: &dyn Fn(&str) -> bool| f(&key(c)) || f(&full(c));
    let kim = (0..n)
        .filter(|&c| others(c))
        .find(|&c| named(c, &|h| h.contains("ким")) && labels_column(&rows, c, 2));
    let kes = (0..n).filter(|&c| others(c)).find(|&c| {
        named(c, &|h| {
            h.contains("кэс") || h.contains("код элемент") || h.contains("код проверяемого элемент")
        })
    });
    let kt = (0..n).filter(|&c| others(c) && Some(c) != kes).find(|&c| {
        named(c, &|h| {
            words(h).any(|w| w == "кт" || w == "кпу") || h.contains("код требован")
        })
    });
    let skills: Vec<(usize, u8)> = skills
        .into_iter()
        .filter(|s| Some(s.0) != kim && Some(s.0) != kes && Some(s.0) != kt)
        .collect();
    // A code → text table: a generic code column, one text column naming content elements
    // or requirements, nothing else that describes tasks.
    let codifier = if lrank <= 1 && max.is_none() && level.is_none() && kim.is_none() {
        skills.first().and_then(|&(c, _)| {
            let h = if key(c).is_empty() { full(c) } else { key(c) };
            if h.contains("элемент") || h.contains("кэс") {
                Some(Codifier::Content)
            } else if h.contains("требован") || h.contains("кпу") {
                Some(Codifier::Requirement)
            } else {
                None
            }
        })
    } else {
        None
    };
    let described = max.is_some() || level.is_some() || skills.iter().any(|s| s.1 >= 50);
    if !(forced || described || lrank >= 3 && !skills.is_empty()) {
        return None;
    }
    Some(Plan {
        label: lc,
        kim,
        kes,
        kt,
        codifier,
        max,
        level,
        skills,
    })
}

/// The roles shown for the columns of a task-description table.
pub(crate) fn column_infos(lay: &Layout, plan: &Plan) -> Vec<ColumnInfo> {
    (0..lay.width)
        .map(|c| {
            let used = c == plan.label
                || Some(c) == plan.kim
                || Some(c) == plan.kes
                || Some(c) == plan.kt
                || Some(c) == plan.max
                || Some(c) == plan.level
                || plan.skills.iter().any(|s| s.0 == c);
            ColumnInfo {
                index: c,
                header: header(lay, c),
                role: if used {
                    ColumnRole::Value
                } else {
                    ColumnRole::Ignored
                },
            }
        })
        .collect()
}

fn header(lay: &Layout, c: usize) -> String {
    lay.headers
        .get(c)
        .filter(|h| !h.is_empty())
        .cloned()
        .unwrap_or_else(|| format!("#{}", c + 1))
}

/// Spellings of one value that differ only in case, spaces or punctuation become the first
/// one seen; returns how many cells were changed.
fn unify(values: &mut [Option<String>]) -> usize {
    let mut first: HashMap<String, String> = HashMap::new();
    let mut changed = 0;
    for v in values.iter_mut().flatten() {
        let k: String = v
            .chars()
            .flat_map(char::to_lowercase)
            .filter(|c| c.is_alphanumeric())
            .collect();
        match first.get(&k) {
            Some(f) if f != v => {
                *v = f.clone();
                changed += 1;
            }
            Some(_) => {}
            None => {
                first.insert(k, v.clone());
            }
        }
    }
    changed
}

const ROW: usize = usize::MAX;

/// Reads a task-description table.
#[allow(clippy::too_many_arguments)]
pub(crate) fn import(
    name: &str,
    grid: &Grid,
    lay: &Layout,
    plan: Plan,
    opts: &ImportOptions,
    mut summary: FileSummary,
    mut log: IssueLog,
) -> FileImport {
    let skill_col = plan.skills.first().filter(|s| s.1 >= 50).map(|s| s.0);
    let alt_cols: Vec<usize> = plan
        .skills
        .iter()
        .map(|s| s.0)
        .filter(|&c| Some(c) != skill_col)
        .collect();
    let label_h = header(lay, plan.label);
    let mut rows: Vec<TaskInfoRow> = Vec::new();
    let mut skills: Vec<Option<String>> = Vec::new();
    let mut alts: Vec<Vec<Option<String>>> = vec![Vec::new(); alt_cols.len()];
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut last_key: Option<String> = None;
    // Maxima written on each row of a task described on several rows.
    let mut max_votes: Vec<Vec<f64>> = Vec::new();
    let text = |r: &GridRow, c: usize| Some(clean(r.get(c))).filter(|s| !s.is_empty());
    for row in grid.rows.get(lay.data_start..).unwrap_or(&[]) {
        if row.is_blank() {
            continue;
        }
        let line = row.line;
        let raw = row.get(plan.label);
        if raw.is_empty() {
            log.row(
                "no_label",
                plan.label,
                Some(&label_h),
                Severity::Warning,
                line,
                || "В строке нет номера задания: строка пропущена.".into(),
                || "The row has no task number: it was skipped.".into(),
            );
            continue;
        }
        if is_footer(raw) {
            log.row(
                "footer",
                ROW,
                None,
                Severity::Info,
                line,
                || "Итоговая строка пропущена.".into(),
                || "A summary row was skipped.".into(),
            );
            continue;
        }
        let (label, max_in_label) = match label_with_max(raw) {
            Some(x) => x,
            None => {
                let shown: String = raw.chars().take(30).collect();
                log.row(
                    "odd_label",
                    plan.label,
                    Some(&label_h),
                    Severity::Info,
                    line,
                    || format!("«{shown}» не похоже на номер задания; номер взят как написан."),
                    || format!("\"{shown}\" does not look like a task number; it was taken as written."),
                );
                (clean(raw), None)
            }
        };
        let k = task_label_key(&label);
        let code = |c: Option<usize>| {
            c.map(|c| super::values::normalize_id(row.get(c)).into_owned())
                .filter(|v| !v.is_empty())
        };
        // The same task on the next row: one more codifier element of it (a table with code
        // columns, or the same skill text); otherwise a repeated number is reported below.
        let same_text = skill_col.is_some_and(|c| {
            let prev = grid
                .rows
                .iter()
                .rev()
                .find(|r| r.line < line && !r.is_blank())
                .map(|r| clean(r.get(c)));
            prev.as_deref() == Some(clean(row.get(c)).as_str())
        });
        let codes = plan.kes.is_some() || plan.kt.is_some();
        if last_key.as_deref() == Some(k.as_str()) && (codes || same_text) {
            if let Some(r) = rows.last_mut() {
                if let Some(v) = code(plan.kes).filter(|v| !r.kes.contains(v)) {
                    r.kes.push(v);
                }
                if let Some(v) = code(plan.kt).filter(|v| !r.kt.contains(v)) {
                    r.kt.push(v);
                }
                if let Some(m) = plan.max.and_then(|c| parse_number(row.get(c))) {
                    if let Some(v) = max_votes.last_mut() {
                        v.push(m);
                    }
                }
            }
            continue;
        }
        last_key = Some(k.clone());
        if seen.contains_key(&k) {
            log.row(
                "dup_label",
                plan.label,
                Some(&label_h),
                Severity::Warning,
                line,
                || "Номер задания повторяется: повторная строка пропущена, используется первая строка с этим номером.".into(),
                || "The task number repeats: the repeated row was skipped; the first row with this number is used.".into(),
            );
            continue;
        }
        seen.insert(k, line);
        let max = match plan.max {
            Some(c) if !row.get(c).is_empty() => {
                let cell = row.get(c);
                match parse_number(cell) {
                    Some(v) if v.fract() == 0.0 && (1.0..=254.0).contains(&v) => Some(v as u8),
                    _ => {
                        let shown: String = cell.chars().take(30).collect();
                        let h = header(lay, c);
                        log.row(
                            "bad_max",
                            c,
                            Some(&h),
                            Severity::Warning,
                            line,
                            || format!("Максимальный балл «{shown}» — не целое число от 1 до 254: не учтён."),
                            || format!("The maximum score \"{shown}\" is not a whole number from 1 to 254: not used."),
                        );
                        None
                    }
                }
            }
            _ => None,
        }
        .or(max_in_label);
        let level = match plan.level {
            Some(c) if !row.get(c).is_empty() => {
                let cell = row.get(c);
                let l = parse_level(cell);
                if l.is_none() {
                    let shown: String = cell.chars().take(30).collect();
                    let h = header(lay, c);
                    log.row(
                        "bad_level",
                        c,
                        Some(&h),
                        Severity::Warning,
                        line,
                        || format!("Уровень «{shown}» не распознан (ожидается Б, П или В): не учтён."),
                        || format!("The level \"{shown}\" was not recognised (expected Б, П or В): not used."),
                    );
                }
                l
            }
            _ => None,
        };
        skills.push(skill_col.and_then(|c| text(row, c)));
        for (k, &c) in alt_cols.iter().enumerate() {
            alts[k].push(text(row, c));
        }
        max_votes.push(max.map(|m| vec![m as f64]).unwrap_or_default());
        rows.push(TaskInfoRow {
            label,
            max,
            level,
            skill: None,
            row: line,
            kim: plan
                .kim
                .map(|c| clean(row.get(c)))
                .filter(|v| !v.is_empty()),
            kes: code(plan.kes).into_iter().collect(),
            kt: code(plan.kt).into_iter().collect(),
        });
    }
    if rows.is_empty() {
        log.push(
            Severity::Error,
            "Ни одна строка не прочитана как описание задания. Проверьте столбец с номерами заданий.",
            "Not a single row was read as a task description. Check the column with the task numbers.",
        );
        return super::pipeline::refused(summary, log);
    }
    // A task on several rows: the maximum written most often (rows seldom disagree).
    for (r, votes) in rows.iter_mut().zip(&max_votes) {
        if votes.len() > 1 {
            let mut best = (0usize, r.max);
            for v in votes {
                let n = votes.iter().filter(|x| *x == v).count();
                if n > best.0 && v.fract() == 0.0 && (1.0..=254.0).contains(v) {
                    best = (n, Some(*v as u8));
                }
            }
            r.max = best.1;
        }
    }
    let mut unified = unify(&mut skills);
    for a in alts.iter_mut() {
        unified += unify(a);
    }
    if unified > 0 {
        log.push(
            Severity::Info,
            format!("Написания, отличающиеся только регистром, пробелами или знаками препинания, объединены: {unified}."),
            format!("Spellings differing only in case, spaces or punctuation were merged: {unified}."),
        );
    }
    for (r, s) in rows.iter_mut().zip(skills) {
        r.skill = s;
    }
    let hints = hints(&lay.titles, name, opts);
    let skill_column = skill_col.map(|c| header(lay, c));
    let alternatives: Vec<(String, Vec<Option<String>>)> =
        alt_cols.iter().map(|&c| header(lay, c)).zip(alts).collect();
    let alt_list = alternatives
        .iter()
        .map(|(h, _)| format!("«{h}»"))
        .collect::<Vec<_>>()
        .join(", ");
    match &skill_column {
        Some(h) => {
            let distinct = {
                let mut v: Vec<&str> = rows.iter().filter_map(|r| r.skill.as_deref()).collect();
                v.sort_unstable();
                v.dedup();
                v.len()
            };
            let (more_ru, more_en) = if alternatives.is_empty() {
                (String::new(), String::new())
            } else {
                (
                    format!(" Другие столбцы описания: {alt_list}."),
                    format!(" Other descriptive columns: {alt_list}."),
                )
            };
            log.push(
                Severity::Info,
                format!("Описание заданий (заданий: {}): умения из столбца «{h}» (различных: {distinct}).{more_ru}", rows.len()),
                format!("Task descriptions ({} tasks): skills from the column \"{h}\" ({distinct} distinct).{more_en}", rows.len()),
            );
        }
        None => log.push(
            Severity::Info,
            format!("Описание заданий (заданий: {}): столбца с умениями или элементами кодификатора нет, используются только максимальные баллы и уровни.", rows.len()),
            format!("Task descriptions ({} tasks): there is no skill or codifier column, only maximum scores and levels are used.", rows.len()),
        ),
    }
    summary.table = TableKind::TaskInfo;
    summary.columns = column_infos(lay, &plan);
    summary.procedure = match (hints.kind, &hints.subject) {
        (Some(kind), Some(subject)) => Some(ProcedureKey {
            kind,
            subject: subject.clone(),
            grade: hints.grade,
            year: hints.year,
        }),
        _ => None,
    };
    summary.tasks = rows
        .iter()
        .map(|r| Task {
            label: r.label.clone(),
            max: r.max.unwrap_or(0),
            max_source: if r.max.is_some() {
                crate::model::MaxSource::Description
            } else {
                crate::model::MaxSource::Data
            },
            kim: r
                .kim
                .clone()
                .filter(|k| task_label_key(k) != task_label_key(&r.label)),
            level: r.level,
            skill: r.skill.clone(),
        })
        .collect();
    summary.issues = log.finish();
    FileImport {
        summary,
        data: ImportedData::TaskInfo {
            info: TaskInfoTable {
                file: name.to_string(),
                kind: hints.kind,
                subject: hints.subject,
                grade: hints.grade,
                year: hints.year,
                rows,
                skill_column,
                alternatives,
                codifier: plan.codifier,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skill_ranks_order_specificity() {
        let r = |h: &str| skill_rank(&norm(h));
        assert_eq!(r("Проверяемые требования (умения)"), Some(100));
        assert_eq!(r("Блоки ПООП обучающийся научится"), Some(100));
        assert_eq!(r("Элемент кодификатора"), Some(95));
        assert_eq!(r("КЭС"), Some(95));
        assert_eq!(r("topic"), Some(80));
        assert_eq!(r("content"), Some(70));
        assert_eq!(r("cognitive"), Some(60));
        assert_eq!(r("Aspect"), Some(60));
        assert_eq!(r("TextType"), Some(50));
        assert_eq!(r("testlet"), Some(0));
        assert_eq!(r("item.type"), None);
        assert_eq!(r("N.options"), None);
        assert_eq!(r("key"), None);
        assert_eq!(r("ItemFormat"), None);
    }

    #[test]
    fn levels_read_leniently() {
        assert_eq!(parse_level("Б"), Some(TaskLevel::Basic));
        assert_eq!(parse_level("Повышенный"), Some(TaskLevel::Advanced));
        assert_eq!(parse_level("высокий уровень"), Some(TaskLevel::High));
        assert_eq!(parse_level("?"), None);
    }

    #[test]
    fn case_variants_are_unified() {
        let mut v = vec![
            Some("Chemical Change".to_string()),
            None,
            Some("Chemical change".to_string()),
            Some("Equations/ Formulas".to_string()),
            Some("Equations/Formulas".to_string()),
        ];
        assert_eq!(unify(&mut v), 2);
        assert_eq!(v[2].as_deref(), Some("Chemical Change"));
        assert_eq!(v[4].as_deref(), Some("Equations/ Formulas"));
    }
}
