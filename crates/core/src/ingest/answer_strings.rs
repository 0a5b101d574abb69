//! Answer strings of regional exam-centre protocols (ОГЭ/ЕГЭ): `++-+0-1` for short answers and
//! `1(1)0(2)` for long ones, expanded into one task column per answer.
//!
//! A protocol of the regional exam-processing centre (РЦОИ) holds, per pupil, one cell with the
//! results of the short-answer tasks (one character per task: `+` correct, `-` wrong, a digit
//! for the points of a task scored with digits, `*` or a blank for a position with no result)
//! and one cell with the long-answer tasks as `score(max)` per task. [`expand`] finds such
//! columns by their values (the header is only a hint), replaces each with one task column per
//! answer, drops the footer rows («Средние», «Минимальная граница», «Всего участников»,
//! «Итого») and hands back a grid and layout the pupil reader takes as an ordinary table.
//! See docs/import-exam-protocols.md.
#![allow(dead_code)] // Called by the pipeline once the importer rewrite lands.

use super::grid::{Grid, GridRow};
use super::header::Layout;
use crate::model::ProcedureKind;
use csv::StringRecord;

/// The result of expanding a grid: a new grid and layout where every answer-string column is
/// replaced by one task column per answer (headers like `1`, `2`, … for part 1 and continuing
/// numbers for part 2; maxima known for long answers from `(max)` and 1 for `+`/`-` short answers,
/// or the largest digit seen for short tasks scored with digits), plus notes for the file card.
#[derive(Debug, Clone)]
pub(crate) struct Expanded {
    /// Rows before the data are kept (the key header row carries the new task headers); data
    /// rows keep their [`GridRow::line`]; footer rows are removed.
    pub grid: Grid,
    /// `headers`, `keys`, `maxima`, `levels` and `width` for the new columns; `titles`,
    /// `header_row`, `two_row` and `data_start` unchanged.
    pub layout: Layout,
    /// What was done, for the file card: (Russian, English).
    pub notes: Vec<(String, String)>,
    /// Footer rows removed from the data.
    pub footer_rows: usize,
    /// For each column of the new grid, the 0-based column of the source grid it came from
    /// (an answer-string column gives several), so that user column overrides and column
    /// numbers in messages can be mapped back to the user's file.
    pub source_col: Vec<usize>,
}

/// The two kinds of answer string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// `++-+0-1+2-`: one character per task.
    Short,
    /// `1(1)0(2)2(3)`: `score(max)` per task.
    Long,
}

/// One task cell of an expanded string.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Blank,
    Score(u8),
    /// Not understood: kept as written so that the importer reports it.
    Raw(String),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Blank => String::new(),
            Cell::Score(v) => v.to_string(),
            Cell::Raw(s) => s.clone(),
        }
    }
}

/// One answer-string column found in the grid, parsed.
struct Found {
    col: usize,
    part: Part,
    /// Per data row (index into `grid.rows[data_start..]`, footers included but empty): cells.
    rows: Vec<Vec<Cell>>,
    /// Per task position: the maximum score.
    maxima: Vec<Option<u8>>,
    /// Per task position: the distinct maxima written in `(max)` when rows disagree.
    max_conflicts: Vec<(usize, Vec<u8>)>,
    /// The most common number of tasks in a string.
    usual_len: usize,
    /// Rows (lines) whose string is shorter / longer than the usual one.
    shorter: Vec<u32>,
    longer: Vec<u32>,
}

// ---------------------------------------------------------------------------------------------
// Footer rows

/// Whether the row is a footer of the protocol: its first non-empty cell is «Средние»,
/// «Среднее», «Средний балл», «Минимальная граница», «Всего участников» or «Итого».
fn is_footer(row: &GridRow) -> bool {
    let Some(first) = row.cells.iter().map(str::trim).find(|c| !c.is_empty()) else {
        return false;
    };
    let l = first.to_lowercase().replace('ё', "е");
    let words: Vec<&str> = l
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    matches!(
        words.as_slice(),
        ["средние", ..]
            | ["среднее", ..]
            | ["итого", ..]
            | ["средний", "балл", ..]
            | ["средний", "процент", ..]
            | ["минимальная", "граница", ..]
            | ["минимальный", "балл", ..]
            | ["всего", "участников", ..]
    )
}

// ---------------------------------------------------------------------------------------------
// Headers as hints

/// The header names a column of answer strings («Задания с кратким ответом», «Часть 1»,
/// «Развёрнутые ответы» …).
fn header_hint(h: &str) -> bool {
    let l = h.to_lowercase().replace('ё', "е");
    ["кратк", "разверн", "часть", "ответ"]
        .iter()
        .any(|w| l.contains(w))
}

/// The header names something that is never an answer string (telephone, class, date, code).
fn header_veto(h: &str) -> bool {
    if header_hint(h) {
        return false;
    }
    let l = h.to_lowercase();
    [
        "телеф",
        "тел.",
        "класс",
        "дата",
        "код",
        "вариант",
        "номер",
        "паспорт",
        "снилс",
        "phone",
        "class",
        "date",
    ]
    .iter()
    .any(|w| l.contains(w))
}

// ---------------------------------------------------------------------------------------------
// Short answers: `++-+0-1+2-`

fn is_dash(ch: char) -> bool {
    matches!(ch, '-' | '−' | '–' | '—')
}

fn is_short_char(ch: char) -> bool {
    ch == '+' || is_dash(ch) || ch.is_ascii_digit() || matches!(ch, '*' | ' ' | '\u{a0}')
}

fn short_cell(ch: char) -> Cell {
    match ch {
        '+' => Cell::Score(1),
        '0'..='9' => Cell::Score(ch as u8 - b'0'),
        '*' | ' ' | '\u{a0}' => Cell::Blank,
        c if is_dash(c) => Cell::Score(0),
        c => Cell::Raw(c.to_string()),
    }
}

/// Numbers separated by single dashes or spaces, optionally after a `+`: a telephone
/// (`+7-912-345-67-89`), a class (`9-1`), a range, or a plain number. Answer strings have runs
/// of signs instead.
fn numeric_like(s: &str) -> bool {
    let s = s.strip_prefix('+').unwrap_or(s);
    !s.is_empty()
        && s.split(|c: char| is_dash(c) || c == ' ')
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
}

/// The most common value and how often it occurs (the smallest one on a tie).
fn mode(v: &[usize]) -> Option<(usize, usize)> {
    let mut s = v.to_vec();
    s.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < s.len() {
        let j = s[i..].iter().take_while(|&&x| x == s[i]).count();
        if best.is_none_or(|(_, n)| j > n) {
            best = Some((s[i], j));
        }
        i += j;
    }
    best
}

/// Whether the non-empty values of a column are short-answer strings.
fn is_short_column(values: &[&str], hint: bool) -> bool {
    let n = values.len();
    // Strings of the alphabet, with at most one character not understood (a typo, a letter),
    // which is read as a digit for the shape tests below.
    let clean: Vec<String> = values
        .iter()
        .filter(|s| s.chars().filter(|&c| !is_short_char(c)).count() <= 1)
        .map(|s| {
            s.chars()
                .map(|c| if is_short_char(c) { c } else { '0' })
                .collect()
        })
        .collect();
    if clean.is_empty() || clean.len() * 10 < n * 7 {
        return false;
    }
    // Runs of signs, not numbers with separators; digits-only strings only under a hint.
    let signed = clean.iter().filter(|s| !numeric_like(s)).count();
    let digits_only = clean
        .iter()
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
        .count();
    // Strings with signs; or, under a hint only, strings of digits (`11012`) of one length.
    let signs = signed * 10 >= clean.len() * 6;
    let digits = !signs && hint && (signed + digits_only) * 10 >= clean.len() * 6;
    if !signs && !digits {
        return false;
    }
    if !clean
        .iter()
        .any(|s| s.chars().any(|c| c == '+' || c.is_ascii_digit()))
    {
        return false;
    }
    let lens: Vec<usize> = clean.iter().map(|s| s.chars().count()).collect();
    let Some((len, count)) = mode(&lens) else {
        return false;
    };
    if digits {
        len >= 4 && count * 10 >= clean.len() * 8
    } else {
        len >= if hint { 3 } else { 4 } && count * 2 >= clean.len()
    }
}

// ---------------------------------------------------------------------------------------------
// Long answers: `1(1)0(2)2(3)`

/// One `score(max)` item as written: the score text and the maximum text.
fn long_items(s: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
        if rest.is_empty() {
            break;
        }
        match rest.find('(') {
            Some(open) => {
                let score = rest[..open].trim();
                let after = &rest[open + 1..];
                match after.find(')') {
                    Some(close) => {
                        out.push((score, after[..close].trim()));
                        rest = &after[close + 1..];
                    }
                    None => {
                        out.push((score, after.trim()));
                        break;
                    }
                }
            }
            None => {
                out.push((rest.trim(), ""));
                break;
            }
        }
    }
    out
}

fn small_number(s: &str) -> Option<u8> {
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u8>().ok().filter(|&v| v < u8::MAX)
}

/// The number of items when every item is `digits(digits)`.
fn strict_long(s: &str) -> Option<usize> {
    if !s.contains('(') {
        return None;
    }
    let items = long_items(s);
    items
        .iter()
        .all(|(sc, mx)| small_number(sc).is_some() && small_number(mx).is_some())
        .then_some(items.len())
}

/// Whether the non-empty values of a column are long-answer strings.
fn is_long_column(values: &[&str]) -> bool {
    let counts: Vec<usize> = values.iter().filter_map(|s| strict_long(s)).collect();
    if counts.is_empty() || counts.len() * 10 < values.len() * 7 {
        return false;
    }
    let Some((len, count)) = mode(&counts) else {
        return false;
    };
    len >= 2 && count * 2 >= counts.len()
}

// ---------------------------------------------------------------------------------------------
// Parsing a found column

fn parse_column(data: &[GridRow], footer: &[bool], col: usize, part: Part) -> Found {
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(data.len());
    // Per position: maxima written in brackets (long answers).
    let mut written: Vec<Vec<u8>> = Vec::new();
    // Per position: whether `+`/`-` was seen, and the largest digit (short answers).
    let mut signs: Vec<bool> = Vec::new();
    let mut digits: Vec<Option<u8>> = Vec::new();
    for (row, &foot) in data.iter().zip(footer) {
        let s = row.get(col);
        if foot || s.is_empty() {
            rows.push(Vec::new());
            continue;
        }
        let cells = match part {
            Part::Short => {
                let n = s.chars().count();
                if signs.len() < n {
                    signs.resize(n, false);
                    digits.resize(n, None);
                }
                for (i, ch) in s.chars().enumerate() {
                    if ch == '+' || is_dash(ch) {
                        signs[i] = true;
                    } else if let Some(d) = ch.to_digit(10) {
                        digits[i] = Some(digits[i].unwrap_or(0).max(d as u8));
                    }
                }
                s.chars().map(short_cell).collect()
            }
            Part::Long => {
                let items = long_items(s);
                if written.len() < items.len() {
                    written.resize(items.len(), Vec::new());
                }
                items
                    .iter()
                    .enumerate()
                    .map(|(i, (sc, mx))| {
                        if let Some(m) = small_number(mx) {
                            written[i].push(m);
                        }
                        if sc.is_empty() {
                            Cell::Blank
                        } else if let Some(v) = small_number(sc) {
                            Cell::Score(v)
                        } else {
                            Cell::Raw(sc.to_string())
                        }
                    })
                    .collect()
            }
        };
        rows.push(cells);
    }
    // Trailing positions blank in every row (padding) are not tasks.
    let mut n = rows.iter().map(Vec::len).max().unwrap_or(0);
    while n > 0
        && rows
            .iter()
            .all(|r| r.get(n - 1).is_none_or(|c| *c == Cell::Blank))
    {
        n -= 1;
    }
    for r in &mut rows {
        r.truncate(n);
    }
    let lens: Vec<usize> = rows
        .iter()
        .filter(|r| !r.is_empty())
        .map(Vec::len)
        .collect();
    let usual_len = mode(&lens).map_or(n, |(l, _)| l);
    let mut shorter = Vec::new();
    let mut longer = Vec::new();
    for (r, row) in rows.iter().zip(data) {
        if r.is_empty() {
            continue;
        }
        if r.len() < usual_len {
            shorter.push(row.line);
        } else if r.len() > usual_len {
            longer.push(row.line);
        }
    }
    let mut maxima = vec![None; n];
    let mut max_conflicts = Vec::new();
    match part {
        Part::Short => {
            for (i, m) in maxima.iter_mut().enumerate() {
                let sign = signs.get(i).copied().unwrap_or(false);
                *m = match (digits.get(i).copied().flatten(), sign) {
                    (Some(d), _) => Some(d.max(1)),
                    (None, true) => Some(1),
                    (None, false) => None,
                };
            }
        }
        Part::Long => {
            for (i, m) in maxima.iter_mut().enumerate() {
                let w = written.get(i).map(Vec::as_slice).unwrap_or(&[]);
                // The most common maximum; the largest one on a tie.
                let mut distinct: Vec<u8> = w.to_vec();
                distinct.sort_unstable();
                distinct.dedup();
                let best = distinct
                    .iter()
                    .copied()
                    .max_by_key(|&d| (w.iter().filter(|&&x| x == d).count(), d));
                *m = best;
                if distinct.len() > 1 {
                    max_conflicts.push((i, distinct));
                }
            }
        }
    }
    Found {
        col,
        part,
        rows,
        maxima,
        max_conflicts,
        usual_len,
        shorter,
        longer,
    }
}

// ---------------------------------------------------------------------------------------------
// Expansion

fn lines_text(lines: &[u32]) -> String {
    let mut s: Vec<String> = lines.iter().take(5).map(u32::to_string).collect();
    if lines.len() > 5 {
        s.push("…".into());
    }
    s.join(", ")
}

/// `1 задание`, `3 задания`, `5 заданий`.
fn tasks_ru(n: usize) -> String {
    let w = match (n % 10, n % 100) {
        (1, r) if r != 11 => "задание",
        (2..=4, r) if !(12..=14).contains(&r) => "задания",
        _ => "заданий",
    };
    format!("{n} {w}")
}

fn task_header(label: usize, max: Option<u8>) -> String {
    match max {
        Some(m) => format!("{label} ({m}б)"),
        None => label.to_string(),
    }
}

/// Finds the answer-string columns of a pupil table and expands them into task columns.
/// `None` when no column holds answer strings.
pub(crate) fn expand(grid: &Grid, lay: &Layout) -> Option<Expanded> {
    let data = grid.rows.get(lay.data_start..)?;
    if data.is_empty() {
        return None;
    }
    let footer: Vec<bool> = data.iter().map(is_footer).collect();
    let header = |c: usize| -> &str {
        lay.headers
            .get(c)
            .map(String::as_str)
            .filter(|h| !h.is_empty())
            .or_else(|| lay.keys.get(c).map(String::as_str))
            .unwrap_or("")
    };
    let mut found: Vec<Found> = Vec::new();
    for c in 0..lay.width {
        let h = header(c);
        if header_veto(h) {
            continue;
        }
        let values: Vec<&str> = data
            .iter()
            .zip(&footer)
            .filter(|(_, &f)| !f)
            .map(|(r, _)| r.get(c))
            .filter(|s| !s.is_empty())
            .collect();
        if values.is_empty() {
            continue;
        }
        let part = if is_long_column(&values) {
            Part::Long
        } else if is_short_column(&values, header_hint(h)) {
            Part::Short
        } else {
            continue;
        };
        let f = parse_column(data, &footer, c, part);
        if !f.maxima.is_empty() {
            found.push(f);
        }
    }
    if found.is_empty() {
        return None;
    }

    // Task numbers: short answers first (in column order), then long answers.
    let mut first_label = vec![0usize; found.len()];
    let mut next = 1;
    for part in [Part::Short, Part::Long] {
        for (i, f) in found.iter().enumerate().filter(|(_, f)| f.part == part) {
            first_label[i] = next;
            next += f.maxima.len();
        }
    }
    let by_col = |c: usize| found.iter().position(|f| f.col == c);

    // The new layout.
    let mut out = Layout {
        titles: lay.titles.clone(),
        header_row: lay.header_row,
        two_row: lay.two_row,
        data_start: lay.data_start,
        ..Layout::default()
    };
    let mut source_col = Vec::new();
    for c in 0..lay.width {
        match by_col(c) {
            Some(i) => {
                let f = &found[i];
                for (k, &m) in f.maxima.iter().enumerate() {
                    let h = task_header(first_label[i] + k, m);
                    out.headers.push(h.clone());
                    out.keys.push(h);
                    out.maxima.push(m);
                    out.levels.push(None);
                    source_col.push(c);
                }
            }
            None => {
                out.headers
                    .push(lay.headers.get(c).cloned().unwrap_or_default());
                out.keys.push(lay.keys.get(c).cloned().unwrap_or_default());
                out.maxima.push(lay.maxima.get(c).copied().flatten());
                out.levels.push(lay.levels.get(c).copied().flatten());
                source_col.push(c);
            }
        }
    }
    out.width = source_col.len();

    // The new grid: rows above the data keep their text (the key header row gets the task
    // headers), data rows are expanded, footer rows dropped.
    let key_row = lay.header_row + usize::from(lay.two_row);
    let mut rows: Vec<GridRow> = Vec::with_capacity(grid.rows.len());
    for (r, row) in grid.rows.iter().enumerate().take(lay.data_start) {
        let mut cells: Vec<String> = Vec::with_capacity(out.width);
        for c in 0..lay.width {
            let raw = row.cells.get(c).unwrap_or("");
            match by_col(c) {
                Some(i) => {
                    let n = found[i].maxima.len();
                    for k in 0..n {
                        cells.push(if r == key_row {
                            out.keys[cells.len()].clone()
                        } else if k == 0 {
                            raw.to_string()
                        } else {
                            String::new()
                        });
                    }
                }
                None => cells.push(raw.to_string()),
            }
        }
        rows.push(GridRow {
            line: row.line,
            cells: StringRecord::from(cells),
        });
    }
    let mut footer_lines = Vec::new();
    for (d, (row, &foot)) in data.iter().zip(&footer).enumerate() {
        if foot {
            footer_lines.push(row.line);
            continue;
        }
        let mut cells: Vec<String> = Vec::with_capacity(out.width);
        for c in 0..lay.width {
            match by_col(c) {
                Some(i) => {
                    let f = &found[i];
                    let parsed = &f.rows[d];
                    for k in 0..f.maxima.len() {
                        cells.push(parsed.get(k).map(Cell::text).unwrap_or_default());
                    }
                }
                None => cells.push(row.cells.get(c).unwrap_or("").to_string()),
            }
        }
        rows.push(GridRow {
            line: row.line,
            cells: StringRecord::from(cells),
        });
    }

    // Notes for the file card.
    let mut notes = Vec::new();
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| first_label[i]);
    for i in order {
        let f = &found[i];
        let h = header(f.col);
        let h = if h.is_empty() {
            format!("#{}", f.col + 1)
        } else {
            h.to_string()
        };
        let n = f.maxima.len();
        let nr = tasks_ru(n);
        let ur = tasks_ru(f.usual_len);
        let (a, b) = (first_label[i], first_label[i] + n - 1);
        let range = if a == b {
            a.to_string()
        } else {
            format!("{a}–{b}")
        };
        match f.part {
            Part::Short => notes.push((
                format!(
                    "Столбец «{h}» прочитан как строки кратких ответов: {nr}, они стали заданиями {range}. «+» — 1 балл, «-» — 0, цифра — баллы за задание; максимум — 1 балл или наибольшая цифра, встретившаяся в задании."
                ),
                format!(
                    "Column \"{h}\" was read as short-answer strings: {n} tasks, now tasks {range}. \"+\" is 1 point, \"-\" is 0, a digit is the points for the task; the maximum is 1 point or the largest digit seen for the task."
                ),
            )),
            Part::Long => notes.push((
                format!(
                    "Столбец «{h}» прочитан как строки развёрнутых ответов «балл(максимум)»: {nr}, они стали заданиями {range}; максимумы взяты из скобок."
                ),
                format!(
                    "Column \"{h}\" was read as long-answer strings \"score(max)\": {n} tasks, now tasks {range}; the maxima were taken from the brackets."
                ),
            )),
        }
        if !f.shorter.is_empty() {
            let k = f.shorter.len();
            let l = lines_text(&f.shorter);
            let u = f.usual_len;
            notes.push((
                format!("В столбце «{h}» строк короче обычной ({ur}): {k} (строки {l}); недостающие задания оставлены пустыми."),
                format!("Column \"{h}\" has {k} strings shorter than the usual {u} tasks (rows {l}); the missing tasks were left blank."),
            ));
        }
        if !f.longer.is_empty() {
            let k = f.longer.len();
            let l = lines_text(&f.longer);
            let u = f.usual_len;
            notes.push((
                format!("В столбце «{h}» строк длиннее обычной ({ur}): {k} (строки {l}); лишние позиции стали отдельными заданиями. Проверьте эти строки."),
                format!("Column \"{h}\" has {k} strings longer than the usual {u} tasks (rows {l}); the extra positions became tasks of their own. Check these rows."),
            ));
        }
        for (k, distinct) in &f.max_conflicts {
            let label = first_label[i] + k;
            let list: Vec<String> = distinct.iter().map(u8::to_string).collect();
            let list = list.join(", ");
            let m = f.maxima[*k].map_or_else(|| "?".to_string(), |m| m.to_string());
            notes.push((
                format!("Максимум задания {label} в строках различается ({list}); взят самый частый: {m}."),
                format!("The maximum of task {label} differs between rows ({list}); the most common one was taken: {m}."),
            ));
        }
    }
    let footer_rows = footer_lines.len();
    if footer_rows > 0 {
        let l = lines_text(&footer_lines);
        notes.push((
            format!("Строки итогов («Средние», «Минимальная граница», «Всего участников», «Итого») не считаются обучающимися и пропущены: {footer_rows} (строки {l})."),
            format!("Summary rows (averages, minimum boundary, number of participants, totals) are not pupils and were skipped: {footer_rows} (rows {l})."),
        ));
    }

    Some(Expanded {
        grid: Grid {
            rows,
            detail: grid.detail.clone(),
        },
        layout: out,
        notes,
        footer_rows,
        source_col,
    })
}

// ---------------------------------------------------------------------------------------------
// ОГЭ or ЕГЭ

/// Folds Latin look-alikes into Cyrillic so that `EГЭ` and `OГЭ` typed with Latin letters match.
fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'e' => 'е',
            'o' => 'о',
            'a' => 'а',
            'c' => 'с',
            'ё' => 'е',
            c => c,
        })
        .collect()
}

/// Whether `word` occurs in `l` with no letter (and, when `word` ends with a digit, no digit)
/// right before or after it.
fn has_word(l: &str, word: &str) -> bool {
    let ends_digit = word.chars().last().is_some_and(|c| c.is_ascii_digit());
    let mut from = 0;
    while let Some(p) = l[from..].find(word) {
        let start = from + p;
        let end = start + word.len();
        let before = l[..start].chars().next_back();
        let after = l[end..].chars().next();
        let ok_before = before.is_none_or(|c| !c.is_alphabetic());
        let ok_after =
            after.is_none_or(|c| !(c.is_alphabetic() || ends_digit && c.is_ascii_digit()));
        if ok_before && ok_after {
            return true;
        }
        from = end;
    }
    false
}

/// ОГЭ or ЕГЭ from the words of the title rows: «ОГЭ», «ГИА-9», «основной государственный
/// экзамен» or «ЕГЭ», «ГИА-11», «единый государственный экзамен». `None` when neither or both
/// are named.
pub(crate) fn exam_kind_hint(titles: &[String]) -> Option<ProcedureKind> {
    let l = fold(&titles.join(" "));
    let oge = ["огэ", "гиа-9", "гиа 9", "гиа9", "гиа–9"]
        .iter()
        .any(|w| has_word(&l, w))
        || l.contains("основной государственный экзамен");
    let ege = ["егэ", "гиа-11", "гиа 11", "гиа11", "гиа–11"]
        .iter()
        .any(|w| has_word(&l, w))
        || l.contains("единый государственный экзамен");
    match (oge, ege) {
        (true, false) => Some(ProcedureKind::Oge),
        (false, true) => Some(ProcedureKind::Ege),
        _ => None,
    }
}

/// [`exam_kind_hint`] on the layout's titles, and failing that its headers: a «Тестовый балл»
/// column (the 100-point scale) is only in ЕГЭ protocols.
pub(crate) fn exam_kind_hint_in(lay: &Layout) -> Option<ProcedureKind> {
    exam_kind_hint(&lay.titles).or_else(|| {
        lay.headers
            .iter()
            .chain(&lay.keys)
            .any(|h| fold(h).contains("тестовый балл"))
            .then_some(ProcedureKind::Ege)
    })
}

#[cfg(test)]
mod tests {
    use super::super::header::{find_layout, parse_task_header};
    use super::*;

    fn run(rows: &[&[&str]]) -> Option<Expanded> {
        let g = Grid::from_rows(rows);
        let lay = find_layout(&g).expect("layout");
        expand(&g, &lay)
    }

    fn row(e: &Expanded, line: u32) -> Vec<String> {
        let r = e
            .grid
            .rows
            .iter()
            .find(|r| r.line == line)
            .expect("row kept");
        (0..e.layout.width).map(|c| r.get(c).to_string()).collect()
    }

    fn data_lines(e: &Expanded) -> Vec<u32> {
        e.grid.rows[e.layout.data_start..]
            .iter()
            .map(|r| r.line)
            .collect()
    }

    #[test]
    fn short_strings_with_signs_and_digits() {
        let e = run(&[
            &[
                "Код ОО",
                "Класс",
                "Задания с кратким ответом",
                "Первичный балл",
            ],
            &["500101", "9А", "++-+0-1+2-", "7"],
            &["500101", "9А", "+++++-0+1+", "8"],
            &["500102", "9Б", "-+-+0-0+2+", "6"],
        ])
        .expect("expanded");
        let lay = &e.layout;
        assert_eq!(lay.width, 3 + 10);
        assert_eq!(lay.headers[0], "Код ОО");
        assert_eq!(lay.headers[2], "1 (1б)");
        // Position 7 holds digits 1, 0, 0 → max 1; position 9 holds 2, 1, 2 → max 2.
        assert_eq!(lay.headers[8], "7 (1б)");
        assert_eq!(lay.headers[10], "9 (2б)");
        assert_eq!(lay.headers[12], "Первичный балл");
        assert_eq!(
            lay.maxima[2..12],
            [
                Some(1),
                Some(1),
                Some(1),
                Some(1),
                Some(1),
                Some(1),
                Some(1),
                Some(1),
                Some(2),
                Some(1)
            ]
        );
        assert_eq!(
            parse_task_header(&lay.keys[10]),
            Some(("9".into(), Some(2)))
        );
        assert_eq!(
            row(&e, 2),
            ["500101", "9А", "1", "1", "0", "1", "0", "0", "1", "1", "2", "0", "7"]
        );
        assert_eq!(e.source_col[2..12], [2; 10]);
        assert_eq!(e.source_col[12], 3);
        assert_eq!(e.footer_rows, 0);
        assert_eq!(data_lines(&e), [2, 3, 4]);
        // The header row of the new grid carries the task headers.
        assert_eq!(e.grid.rows[0].get(2), "1 (1б)");
        assert!(e.notes[0].0.contains("кратких ответов"), "{:?}", e.notes);
    }

    #[test]
    fn long_strings() {
        let e = run(&[
            &[
                "ОО",
                "Код участника",
                "Развёрнутые ответы",
                "Первичный балл",
            ],
            &["101", "A1", "1(1)0(2)2(3)", "3"],
            &["101", "A2", "0(1)2(2)3(3)", "5"],
        ])
        .expect("expanded");
        let lay = &e.layout;
        assert_eq!(lay.headers[2..5], ["1 (1б)", "2 (2б)", "3 (3б)"]);
        assert_eq!(lay.maxima[2..5], [Some(1), Some(2), Some(3)]);
        assert_eq!(row(&e, 2)[2..5], ["1", "0", "2"]);
        assert_eq!(row(&e, 3)[2..5], ["0", "2", "3"]);
    }

    #[test]
    fn both_parts_numbered_in_order() {
        let e = run(&[
            &["01 - Русский язык 2022.06.23", "", "", "", ""],
            &["Код ОО", "Класс", "Часть 1", "Часть 2", "Отметка"],
            &["500101", "9А", "++-+", "1(1)10(12)", "4"],
            &["500101", "9А", "+-2+", "0(1)7(12)", "3"],
        ])
        .expect("expanded");
        let lay = &e.layout;
        assert_eq!(lay.titles, ["01 - Русский язык 2022.06.23"]);
        assert_eq!(
            lay.headers[2..8],
            ["1 (1б)", "2 (1б)", "3 (2б)", "4 (1б)", "5 (1б)", "6 (12б)"]
        );
        assert_eq!(row(&e, 3)[2..9], ["1", "1", "0", "1", "1", "10", "4"]);
        assert_eq!(row(&e, 4)[2..9], ["1", "0", "2", "1", "0", "7", "3"]);
    }

    #[test]
    fn long_column_before_short_is_numbered_after_it() {
        let e = run(&[
            &["ОО", "Развёрнутые", "Краткие", "Балл"],
            &["1", "1(2)0(3)", "++-+", "4"],
            &["1", "2(2)3(3)", "+--+", "7"],
        ])
        .expect("expanded");
        assert_eq!(
            e.layout.headers[1..7],
            ["5 (2б)", "6 (3б)", "1 (1б)", "2 (1б)", "3 (1б)", "4 (1б)"]
        );
    }

    #[test]
    fn a_shorter_string_gives_blank_cells() {
        let e = run(&[
            &[
                "ОО",
                "Класс",
                "Ответы на задания с кратким ответом",
                "Отметка",
            ],
            &["1", "9А", "++-+-+", "4"],
            &["1", "9А", "++-", "3"],
            &["1", "9Б", "-+-+-+", "4"],
            &["1", "9Б", "", "2"],
        ])
        .expect("expanded");
        assert_eq!(e.layout.width, 3 + 6);
        assert_eq!(row(&e, 3)[2..8], ["1", "1", "0", "", "", ""]);
        assert_eq!(row(&e, 5)[2..8], ["", "", "", "", "", ""]);
        assert!(
            e.notes
                .iter()
                .any(|(ru, en)| ru.contains("короче") && en.contains("rows 3")),
            "{:?}",
            e.notes
        );
        // Long strings with a missing item.
        let e = run(&[
            &["ОО", "Класс", "Часть 2"],
            &["1", "9А", "1(1)0(2)2(3)"],
            &["1", "9А", "1(1)0(2)"],
            &["1", "9А", "0(1)1(2)3(3)"],
        ])
        .expect("expanded");
        assert_eq!(row(&e, 3)[2..5], ["1", "0", ""]);
        assert_eq!(e.layout.maxima[4], Some(3));
    }

    #[test]
    fn garbage_chars_are_kept_raw() {
        let e = run(&[
            &["ОО", "Класс", "Краткие ответы", "Развёрнутые ответы"],
            &["1", "9А", "++?+*-", "1(1)x(2)"],
            &["1", "9А", "+-++-+", "0(1)2(2)"],
            &["1", "9А", "++-+-A", "1(1)1(2)"],
            &["1", "9Б", "+-++-+", "1(1)2(2)"],
            &["1", "9Б", "++++-+", "0(1)0(2)"],
        ])
        .expect("expanded");
        assert_eq!(row(&e, 2)[2..10], ["1", "1", "?", "1", "", "0", "1", "x"]);
        assert_eq!(row(&e, 4)[7], "A");
        // The importer's score parser reports a raw char as text in a score cell.
        assert_eq!(
            super::super::values::parse_score("?"),
            super::super::values::Score::Text
        );
    }

    #[test]
    fn footer_rows_are_removed_and_lines_kept() {
        let e = run(&[
            &["ГИА-9 Математика", "", "", ""],
            &[
                "Код ОО",
                "Класс",
                "Задания с кратким ответом",
                "Первичный балл",
            ],
            &["500101", "9А", "++-+-+", "4"],
            &["", "", "", ""],
            &["500101", "9А", "+++--+", "4"],
            &["Средние", "", "0,8", "4"],
            &["Минимальная граница", "", "", "8"],
            &["", "Всего участников:", "2", ""],
            &["Итого по ОО", "", "", ""],
        ])
        .expect("expanded");
        assert_eq!(e.footer_rows, 4);
        assert_eq!(data_lines(&e), [3, 4, 5]);
        assert_eq!(row(&e, 5)[2..8], ["1", "1", "1", "0", "0", "1"]);
        assert!(
            e.notes.iter().any(|(ru, _)| ru.contains("6, 7, 8, 9")),
            "{:?}",
            e.notes
        );
    }

    #[test]
    fn no_answer_strings_is_none() {
        assert!(run(&[
            &["Код ОО", "Класс", "1", "2", "3", "Отметка"],
            &["500101", "9А", "1", "0", "2", "4"],
            &["500101", "9А", "1", "1", "2", "5"],
        ])
        .is_none());
        // A header alone does not make a column of answer strings.
        assert!(run(&[
            &["Код ОО", "Часть 1", "Отметка"],
            &["500101", "12", "4"],
            &["500102", "15", "5"],
        ])
        .is_none());
    }

    #[test]
    fn phones_classes_and_codes_are_not_answer_strings() {
        assert!(run(&[
            &[
                "ОО",
                "Контакт",
                "Группа",
                "Код",
                "Номер",
                "Диапазон",
                "Ответственный"
            ],
            &[
                "101",
                "+7-912-345-67-89",
                "9-1",
                "90001500281",
                "+79123456789",
                "10-20",
                "+7 912 345 67 89"
            ],
            &[
                "102",
                "+7-912-345-67-80",
                "9-2",
                "90001500282",
                "+79123456780",
                "21-30",
                "+7 912 345 67 80"
            ],
            &[
                "103",
                "8-912-345-67-81",
                "11-2",
                "90001500283",
                "89123456781",
                "31-40",
                "8 912 345 67 81"
            ],
        ])
        .is_none());
        // Signs in a column that is plainly something else (placeholders, single marks).
        assert!(run(&[
            &["ОО", "Согласие", "Примечание"],
            &["101", "+", "-"],
            &["102", "-", "--"],
            &["103", "+", "-"],
        ])
        .is_none());
        // A telephone column named as such is never taken, even when its values look like signs.
        assert!(run(&[&["ОО", "Телефон"], &["101", "++-+-+"], &["102", "+-++-+"],]).is_none());
    }

    #[test]
    fn digits_only_strings_need_a_header_hint() {
        let rows: [&[&str]; 3] = [
            &["ОО", "Класс", "Краткие ответы"],
            &["101", "9А", "11012"],
            &["101", "9А", "10112"],
        ];
        let e = run(&rows).expect("expanded under a hint");
        assert_eq!(
            e.layout.maxima[2..7],
            [Some(1), Some(1), Some(1), Some(1), Some(2)]
        );
        assert!(run(&[
            &["ОО", "Класс", "Сведения"],
            &["101", "9А", "11012"],
            &["101", "9А", "10112"],
        ])
        .is_none());
        // Under a hint, digits of varying length or too short are still not taken.
        assert!(run(&[
            &["ОО", "Класс", "Часть 1"],
            &["101", "9А", "123"],
            &["101", "9А", "4512"],
            &["101", "9А", "78"],
        ])
        .is_none());
    }

    #[test]
    fn padding_is_not_a_task() {
        let e = run(&[
            &["ОО", "Результаты"],
            &["101", "++-+**"],
            &["102", "+-+-**"],
            &["103", "-+*+**"],
        ])
        .expect("expanded");
        assert_eq!(e.layout.width, 1 + 4);
        assert_eq!(row(&e, 4)[1..5], ["0", "1", "", "1"]);
    }

    #[test]
    fn differing_maxima_take_the_most_common() {
        let e = run(&[
            &["ОО", "Часть 2"],
            &["1", "1(2)0(3)"],
            &["1", "2(2)1(3)"],
            &["1", "1(1)1(3)"],
        ])
        .expect("expanded");
        assert_eq!(e.layout.maxima[1..3], [Some(2), Some(3)]);
        assert!(e.notes.iter().any(|(ru, _)| ru.contains("различается")));
    }

    #[test]
    fn two_row_header_keeps_group_text() {
        let e = run(&[
            &["ОО", "Класс", "Результаты", "", "Баллы", ""],
            &["", "", "Часть 1", "Часть 2", "Первичный", "Тестовый балл"],
            &["1", "11А", "++-", "1(1)2(2)", "4", "40"],
            &["1", "11А", "+-+", "0(1)1(2)", "3", "33"],
        ])
        .expect("expanded");
        assert!(e.layout.two_row);
        assert_eq!(
            e.layout.keys[2..7],
            ["1 (1б)", "2 (1б)", "3 (1б)", "4 (1б)", "5 (2б)"]
        );
        let relaid = find_layout(&e.grid).unwrap();
        assert_eq!(relaid.keys, e.layout.keys);
        assert_eq!(relaid.data_start, e.layout.data_start);
        assert_eq!(exam_kind_hint_in(&e.layout), Some(ProcedureKind::Ege));
    }

    #[test]
    fn a_protocol_of_one_pupil() {
        let e = run(&[
            &[
                "ОО",
                "ФИО",
                "Вариант",
                "Краткие ответы",
                "Развёрнутые ответы",
                "Отметка",
            ],
            &["500101", "Иванов Иван", "301", "+-+-++", "2(2)1(3)", "4"],
        ])
        .expect("expanded");
        assert_eq!(e.layout.headers[1], "ФИО");
        assert_eq!(e.layout.headers[2], "Вариант");
        assert_eq!(
            e.layout.headers[3..11],
            [
                "1 (1б)", "2 (1б)", "3 (1б)", "4 (1б)", "5 (1б)", "6 (1б)", "7 (2б)", "8 (3б)"
            ]
        );
        assert_eq!(row(&e, 2)[9..12], ["2", "1", "4"]);
    }

    #[test]
    fn a_regional_protocol() {
        let e = run(&[
            &["ЕГЭ", "", "", "", "", "", "", "", ""],
            &[
                "01 - Русский язык 2022.06.23",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            &[
                "Код ОО",
                "Класс",
                "Фамилия",
                "Имя",
                "Вариант",
                "Задания с кратким ответом",
                "Задания с развёрнутым ответом",
                "Первичный балл",
                "Тестовый балл",
            ],
            &[
                "500101",
                "11-1",
                "Петров",
                "Пётр",
                "301",
                "++-+-+++0-1+2-+++-+2-+-++",
                "1(1)3(3)2(2)1(1)5(5)2(3)",
                "30",
                "66",
            ],
            &[
                "500101",
                "11-1",
                "Сидорова",
                "Анна",
                "302",
                "+++++-+-+-2+2++-+++1++-++",
                "1(1)2(3)2(2)1(1)4(5)3(3)",
                "33",
                "70",
            ],
            &[
                "500102",
                "11-2",
                "Орлов",
                "Олег",
                "301",
                "+-+-+-+-+-0--+-+-+0-+-+--",
                "0(1)0(3)1(2)0(1)2(5)1(3)",
                "14",
                "40",
            ],
            &["Средние", "", "", "", "", "", "", "25,7", "58,7"],
            &["Минимальная граница", "", "", "", "", "", "", "10", "36"],
            &["Всего участников", "3", "", "", "", "", "", "", ""],
        ])
        .expect("expanded");
        assert_eq!(e.footer_rows, 3);
        assert_eq!(data_lines(&e), [4, 5, 6]);
        let lay = &e.layout;
        assert_eq!(lay.width, 5 + 25 + 6 + 2);
        assert_eq!(lay.headers[4], "Вариант");
        assert_eq!(lay.headers[5], "1 (1б)");
        assert_eq!(lay.headers[5 + 10], "11 (2б)");
        assert_eq!(lay.headers[5 + 11], "12 (1б)");
        assert_eq!(lay.headers[5 + 12], "13 (2б)");
        assert_eq!(lay.headers[5 + 25], "26 (1б)");
        assert_eq!(lay.headers[5 + 29], "30 (5б)");
        assert_eq!(lay.headers[36], "Первичный балл");
        assert_eq!(row(&e, 4)[1], "11-1");
        assert_eq!(exam_kind_hint(&lay.titles), Some(ProcedureKind::Ege));
        assert_eq!(e.notes.len(), 3, "{:?}", e.notes);
        assert!(e.notes[0].0.contains("25 заданий"), "{:?}", e.notes);
        assert!(e.notes[1].0.contains("6 заданий"), "{:?}", e.notes);
    }

    #[test]
    fn odd_input_never_panics() {
        let alphabet: Vec<char> = "+-−*0129() ,;ёЖx?Средние".chars().collect();
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..300 {
            let rows: Vec<Vec<String>> = (0..1 + next(6))
                .map(|_| {
                    (0..1 + next(4))
                        .map(|_| {
                            (0..next(12))
                                .map(|_| alphabet[next(alphabet.len())])
                                .collect()
                        })
                        .collect()
                })
                .collect();
            let mut all: Vec<Vec<&str>> = vec![vec!["ОО", "Краткие ответы", "Часть 2", "Балл"]];
            all.extend(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
            let refs: Vec<&[&str]> = all.iter().map(Vec::as_slice).collect();
            let g = Grid::from_rows(&refs);
            if let Ok(lay) = find_layout(&g) {
                if let Some(e) = expand(&g, &lay) {
                    assert_eq!(e.layout.width, e.source_col.len());
                    assert_eq!(e.layout.headers.len(), e.layout.width);
                    assert_eq!(e.layout.maxima.len(), e.layout.width);
                }
            }
        }
    }

    #[test]
    fn task_counts_in_russian() {
        assert_eq!(tasks_ru(1), "1 задание");
        assert_eq!(tasks_ru(3), "3 задания");
        assert_eq!(tasks_ru(12), "12 заданий");
        assert_eq!(tasks_ru(21), "21 задание");
        assert_eq!(tasks_ru(25), "25 заданий");
    }

    #[test]
    fn exam_kind_from_titles() {
        let t = |s: &str| exam_kind_hint(&[s.to_string()]);
        assert_eq!(
            t("Протокол ОГЭ 01 - Русский язык 2022.06.23"),
            Some(ProcedureKind::Oge)
        );
        assert_eq!(t("ГИА-9, математика"), Some(ProcedureKind::Oge));
        assert_eq!(t("Результаты ЕГЭ-2023"), Some(ProcedureKind::Ege));
        assert_eq!(t("ГИА-11 2022"), Some(ProcedureKind::Ege));
        assert_eq!(t("гиа 11 физика"), Some(ProcedureKind::Ege));
        assert_eq!(t("EГЭ (Latin E)"), Some(ProcedureKind::Ege));
        assert_eq!(
            t("Единый государственный экзамен"),
            Some(ProcedureKind::Ege)
        );
        assert_eq!(t("01 - Русский язык 2022.06.23"), None);
        assert_eq!(t("ОГЭ и ЕГЭ"), None);
        assert_eq!(t("ГИА-91"), None);
        let lay = Layout {
            headers: vec!["Код ОО".into(), "Тестовый балл".into()],
            ..Layout::default()
        };
        assert_eq!(exam_kind_hint_in(&lay), Some(ProcedureKind::Ege));
        let lay = Layout {
            titles: vec!["ОГЭ".into()],
            headers: vec!["Код ОО".into(), "Отметка".into()],
            ..Layout::default()
        };
        assert_eq!(exam_kind_hint_in(&lay), Some(ProcedureKind::Oge));
        assert_eq!(exam_kind_hint_in(&Layout::default()), None);
    }
}
