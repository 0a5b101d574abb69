//! Finding the table inside a grid: title rows above it («ВПР 2021 Математика 4 класс»), the
//! header row, a second header row under merged group cells, a row of task maxima
//! («Макс. балл») and a row of levels (Б/П/В) above or below the header; and reading task
//! headers that carry a label and a maximum (`3 (2б)`, `9.1 (1б)`, `11.3 k1 (2б)`,
//! `балл за 7`, `Задание 5`, `1`, `2К1`, `M022043`, `iraw.A1`).

use super::grid::{Grid, GridRow};
use super::values::parse_number;
use crate::model::TaskLevel;

/// How far down the header is looked for.
const SCAN_ROWS: usize = 40;

/// The table layout found in a grid.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Layout {
    /// Text of the title rows above the table.
    pub titles: Vec<String>,
    /// Index (in `grid.rows`) of the header row.
    pub header_row: usize,
    /// Whether a second header row was merged in.
    pub two_row: bool,
    /// Number of used columns.
    pub width: usize,
    /// Display header per column (`Задание / 1` for two-row headers).
    pub headers: Vec<String>,
    /// The most specific header text per column (the lower row of a two-row header).
    pub keys: Vec<String>,
    /// Task maxima from a «Макс. балл» row.
    pub maxima: Vec<Option<u8>>,
    /// Levels from a Б/П/В row.
    pub levels: Vec<Option<TaskLevel>>,
    /// Index of the first data row.
    pub data_start: usize,
}

/// Why no table was found.
#[derive(Debug, PartialEq)]
pub(crate) enum LayoutError {
    /// Nothing but blank rows.
    Empty,
    /// No row looks like a header.
    NoHeader,
}

fn has_text(row: &GridRow) -> bool {
    row.cells.iter().any(|c| c.chars().any(char::is_alphabetic))
}

/// A row of levels: most non-empty cells are Б/П/В.
fn is_level_row(row: &GridRow) -> bool {
    let mut n = 0;
    let mut levels = 0;
    for c in row.cells.iter().map(str::trim).filter(|c| !c.is_empty()) {
        n += 1;
        if c.chars().count() <= 2 && TaskLevel::parse(c).is_some() {
            levels += 1;
        }
    }
    levels >= 2 && levels * 10 >= (n - 1).max(1) * 6
}

/// A row of maxima: a cell says «макс»/«max» and the other non-empty cells are numbers.
fn is_max_row(row: &GridRow) -> bool {
    let mut label = false;
    let mut nums = 0;
    let mut other = 0;
    for c in row.cells.iter().map(str::trim).filter(|c| !c.is_empty()) {
        let l = c.to_lowercase();
        if l.contains("макс") || l.starts_with("max") {
            label = true;
        } else if parse_number(c).is_some() {
            nums += 1;
        } else {
            other += 1;
        }
    }
    label && nums >= 2 && other <= 1
}

/// Finds title rows, the header (one or two rows), maxima and level rows.
pub(crate) fn find_layout(grid: &Grid) -> Result<Layout, LayoutError> {
    find_layout_at(grid, None)
}

/// [`find_layout`] with the header in the row the user named (1-based, as the sheet shows it):
/// the rows above it are titles, or maxima and levels.
pub(crate) fn find_layout_at(grid: &Grid, at: Option<u32>) -> Result<Layout, LayoutError> {
    let width = grid.width();
    if width == 0 {
        return Err(LayoutError::Empty);
    }
    let mut lay = Layout {
        width,
        ..Layout::default()
    };
    let mut level_row = None;
    let mut max_row = None;
    let mut header = None;
    let forced = at.and_then(|line| grid.rows.iter().position(|r| r.line == line));
    let limit = forced.map_or(SCAN_ROWS, |f| f + 1);
    for (i, row) in grid.rows.iter().enumerate().take(limit) {
        if Some(i) == forced {
            header = Some(i);
            break;
        }
        let ne = row.non_empty();
        if ne == 0 {
            continue;
        }
        if is_level_row(row) {
            level_row = Some(i);
            continue;
        }
        if is_max_row(row) {
            max_row = Some(i);
            continue;
        }
        // A row of one or two cells is a title, unless the row under it holds the task
        // labels of a group header merged over them («Выполнение заданий» above `1 2 3`).
        let over_labels = || {
            grid.rows.get(i + 1).is_some_and(|n| {
                let labels = n
                    .cells
                    .iter()
                    .filter(|c| parse_task_header(c.trim()).is_some())
                    .count();
                // Mostly labels, and blank under this row's first cell («Код» above a blank,
                // the group header above the labels): a header row under a title is not one.
                let first = row.cells.iter().position(|c| !c.trim().is_empty());
                labels >= 3
                    && labels * 10 >= n.non_empty() * 8
                    && first.is_some_and(|c| n.get(c).is_empty())
            })
        };
        // Above a header the user named, every other row is a title.
        if forced.is_some() || ne <= 2 && width >= 4 && has_text(row) && !over_labels() {
            lay.titles.push(row_text(row));
            continue;
        }
        if has_text(row) {
            header = Some(i);
        }
        break;
    }
    let h = header.ok_or(LayoutError::NoHeader)?;
    lay.header_row = h;
    let hrow = &grid.rows[h];
    let mut next = h + 1;
    // A second header row: fills columns left blank under merged group headers.
    if let Some(n) = grid.rows.get(next) {
        if !is_level_row(n) && !is_max_row(n) && is_sub_header(hrow, n, width) {
            lay.two_row = true;
            next += 1;
        }
    }
    for c in 0..width {
        let top = hrow.get(c);
        let sub = if lay.two_row {
            grid.rows[h + 1].get(c)
        } else {
            ""
        };
        let parent = if top.is_empty() && !sub.is_empty() {
            (0..c)
                .rev()
                .map(|k| hrow.get(k))
                .find(|t| !t.is_empty())
                .unwrap_or("")
        } else {
            top
        };
        let display = match (parent.is_empty(), sub.is_empty()) {
            (false, false) => format!("{parent} / {sub}"),
            (false, true) => parent.to_string(),
            (true, false) => sub.to_string(),
            (true, true) => String::new(),
        };
        lay.keys.push(if sub.is_empty() {
            parent.to_string()
        } else {
            sub.to_string()
        });
        lay.headers.push(display);
    }
    // Maxima and level rows right under the header.
    while let Some(r) = grid.rows.get(next) {
        if is_level_row(r) {
            level_row = Some(next);
        } else if is_max_row(r) {
            max_row = Some(next);
        } else {
            break;
        }
        next += 1;
    }
    lay.data_start = next;
    lay.maxima = vec![None; width];
    lay.levels = vec![None; width];
    if let Some(r) = max_row.and_then(|i| grid.rows.get(i)) {
        for (c, m) in lay.maxima.iter_mut().enumerate() {
            *m = parse_number(r.get(c))
                .filter(|v| v.fract() == 0.0 && (0.0..255.0).contains(v))
                .map(|v| v as u8);
        }
    }
    if let Some(r) = level_row.and_then(|i| grid.rows.get(i)) {
        for (c, l) in lay.levels.iter_mut().enumerate() {
            *l = TaskLevel::parse(r.get(c));
        }
    }
    Ok(lay)
}

/// The filled cells of a row joined by spaces (a title row's text).
fn row_text(row: &GridRow) -> String {
    let t: Vec<&str> = row
        .cells
        .iter()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    t.join(" ")
}

fn is_sub_header(top: &GridRow, next: &GridRow, width: usize) -> bool {
    let mut fills = 0; // cells of `next` under blank cells of `top`
    let mut gaps = 0; // blank cells of `next` under named cells of `top`
    let mut ne = 0;
    for c in 0..width {
        let t = top.get(c).is_empty();
        let n = next.get(c).is_empty();
        if !n {
            ne += 1;
        }
        if t && !n {
            fills += 1;
        }
        if !t && n {
            gaps += 1;
        }
    }
    fills >= 2 && gaps >= 1 && fills * 2 >= ne
}

/// A task header: its label and, when the header carries it, the maximum score.
/// Forms: `N`, `N.M`, `N(M)` (= `N.M`), `NКM`, `балл за N`, `Задание N`, `a-N-grade` (the
/// 2020 ФИС ОКО system export), `5(1) (1б)`, `task_N`, `qN`, `itemN`, item codes.
pub(crate) fn parse_task_header(h: &str) -> Option<(String, Option<u8>)> {
    let h = h.trim();
    if h.is_empty() || h.chars().count() > 40 {
        return None;
    }
    if let Some(l) = system_export_label(h) {
        return Some((l, None));
    }
    // `<label> (<n>б)`: the maximum in brackets at the end.
    if let Some(open) = h.rfind('(') {
        if h.ends_with(')') {
            let inner = h
                .get(open + 1..h.len() - 1)
                .unwrap_or("")
                .trim()
                .to_lowercase();
            let label = h.get(..open).unwrap_or("").trim();
            if let Some(max) = bracket_max(&inner) {
                let label = strip_prefix(label);
                let label = sub_label(label).or_else(|| plain_label(label))?;
                return Some((label, Some(max)));
            }
        }
    }
    let rest = strip_prefix(h);
    numbered_label(h)
        .or_else(|| sub_label(rest))
        .or_else(|| plain_label(rest))
        .map(|l| (l, None))
}

/// `a-12-grade`: task 12 of the 2020 system export.
fn system_export_label(h: &str) -> Option<String> {
    let l = h.to_ascii_lowercase();
    let n = l.strip_prefix("a-")?.strip_suffix("-grade")?;
    (!n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
        .then(|| n.trim_start_matches('0').to_string())
        .filter(|n| !n.is_empty())
}

/// `3(1)`, `3 (1)`: part 1 of task 3, written `3.1`.
pub(crate) fn sub_label(s: &str) -> Option<String> {
    let (head, rest) = s.split_once('(')?;
    let inner = rest.strip_suffix(')')?.trim();
    let head = head.trim();
    let digits = |t: &str| (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    (digits(head) && digits(inner)).then(|| format!("{head}.{inner}"))
}

/// `task_3`, `task3`, `q3`, `Q3.1`, `item3`, `item_3`: the number is the label.
fn numbered_label(s: &str) -> Option<String> {
    let l = s.to_ascii_lowercase();
    let rest = ["task_", "task", "item_", "item", "q_", "q"]
        .iter()
        .find_map(|p| l.strip_prefix(p))?;
    let rest = rest.trim_start_matches(['_', '-', ' ']);
    let ok = !rest.is_empty()
        && rest.len() <= 5
        && rest.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && rest.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !rest.ends_with('.');
    ok.then(|| rest.to_string())
}

/// `2б`, `2 б.`, `2 балла`, `max 2`, `макс. 2`, `макс. балл 2`.
fn bracket_max(inner: &str) -> Option<u8> {
    let digits: String = inner.chars().filter(char::is_ascii_digit).collect();
    let rest: String = inner.chars().filter(|c| !c.is_ascii_digit()).collect();
    let rest = rest.replace(['.', ' '], "");
    let ok = matches!(
        rest.as_str(),
        "б" | "балл"
            | "балла"
            | "баллов"
            | "b"
            | "max"
            | "макс"
            | "максбалл"
            | "p"
            | "pt"
            | "pts"
    );
    if ok && !digits.is_empty() && digits.len() <= 3 {
        digits.parse::<u8>().ok()
    } else {
        None
    }
}

fn strip_prefix(h: &str) -> &str {
    let lower = h.to_lowercase();
    for p in [
        "балл за задание №",
        "балл за задание",
        "баллы за задание",
        "балл за №",
        "балл за",
        "баллы за",
        "задание №",
        "задание",
        "зад.",
        "зад",
        "№",
        "task",
        "item",
    ] {
        if lower.starts_with(p) {
            // Byte offset of the prefix in the original (lowercasing keeps Cyrillic lengths).
            let cut = h
                .char_indices()
                .nth(p.chars().count())
                .map_or(h.len(), |(i, _)| i);
            return h.get(cut..).unwrap_or("").trim();
        }
    }
    h
}

/// `1`, `9.1`, `11.3 k1`, `2К1`, `3а`, `M022043`, `R432Q01`, `iraw.A1`.
fn plain_label(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let b: Vec<char> = s.chars().collect();
    // Numeric labels: digits, dots, optional criterion suffix `k1` / `К1` / letter.
    let mut i = 0;
    let mut digits_run = 0;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == '.') {
        if b[i].is_ascii_digit() {
            digits_run += 1;
            if digits_run > 2 {
                break;
            }
        } else {
            digits_run = 0;
        }
        i += 1;
    }
    if i > 0 && b[0].is_ascii_digit() && digits_run <= 2 && !b[..i].ends_with(&['.']) {
        let rest: String = b[i..].iter().collect();
        let rest_t = rest.trim();
        let ok = rest_t.is_empty()
            || is_criterion(rest_t)
            || (rest_t.chars().count() == 1
                && rest_t.chars().all(char::is_alphabetic)
                && rest == rest_t);
        if ok {
            return Some(s.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        return None;
    }
    // Criterion codes with Cyrillic or Latin capitals: `ГК1`, `К2`, `ИК1`, `С1.1`.
    let caps = b.iter().take_while(|c| c.is_uppercase()).count();
    if (1..=3).contains(&caps) && b.len() > caps {
        let rest: String = b[caps..].iter().collect();
        if plain_label(&rest).is_some_and(|r| r == rest && !rest.contains(' '))
            && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
        {
            return Some(s.to_string());
        }
    }
    // Item codes.
    if is_item_code(s) {
        return Some(s.to_string());
    }
    None
}

fn is_criterion(s: &str) -> bool {
    let mut ch = s.chars();
    matches!(ch.next(), Some('k' | 'K' | 'к' | 'К')) && {
        let rest: String = ch.collect();
        !rest.is_empty() && rest.len() <= 2 && rest.chars().all(|c| c.is_ascii_digit())
    }
}

/// Item codes of international studies and exams: `M022043`, `M022234A`, `R432Q01`,
/// `iraw.A1`, `S1`.
pub(crate) fn is_item_code(s: &str) -> bool {
    if s.len() > 16 || s.contains(char::is_whitespace) {
        return false;
    }
    let core = match s.rsplit_once('.') {
        Some((p, c))
            if !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            c
        }
        Some(_) => return false,
        None => s,
    };
    let letters = core.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let rest = core.get(letters..).unwrap_or("");
    (1..=4).contains(&letters)
        && rest.chars().next().is_some_and(|c| c.is_ascii_digit())
        && rest.chars().all(|c| c.is_ascii_alphanumeric())
        && rest.chars().filter(|c| c.is_ascii_digit()).count() >= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_headers_with_maxima() {
        assert_eq!(parse_task_header("3 (2б)"), Some(("3".into(), Some(2))));
        assert_eq!(parse_task_header("9.1 (1б)"), Some(("9.1".into(), Some(1))));
        assert_eq!(
            parse_task_header("11.3 k1 (2б)"),
            Some(("11.3 k1".into(), Some(2)))
        );
        assert_eq!(
            parse_task_header("5 (3 балла)"),
            Some(("5".into(), Some(3)))
        );
        assert_eq!(
            parse_task_header("Задание 4 (макс. 2)"),
            Some(("4".into(), Some(2)))
        );
    }

    #[test]
    fn task_headers_without_maxima() {
        assert_eq!(parse_task_header("балл за 7"), Some(("7".into(), None)));
        assert_eq!(
            parse_task_header("Балл за задание 12"),
            Some(("12".into(), None))
        );
        assert_eq!(parse_task_header("Задание 5"), Some(("5".into(), None)));
        assert_eq!(parse_task_header("1"), Some(("1".into(), None)));
        assert_eq!(parse_task_header("2К1"), Some(("2К1".into(), None)));
        assert_eq!(parse_task_header("M022043"), Some(("M022043".into(), None)));
        assert_eq!(parse_task_header("iraw.A1"), Some(("iraw.A1".into(), None)));
        assert_eq!(parse_task_header("R432Q01"), Some(("R432Q01".into(), None)));
        assert_eq!(
            parse_task_header("балл за ГК1 (2б)"),
            Some(("ГК1".into(), Some(2)))
        );
        assert_eq!(parse_task_header("К2"), Some(("К2".into(), None)));
        assert_eq!(parse_task_header("a-12-grade"), Some(("12".into(), None)));
        assert_eq!(
            parse_task_header("5(1) (1б)"),
            Some(("5.1".into(), Some(1)))
        );
        assert_eq!(
            parse_task_header("10К1 (1б)"),
            Some(("10К1".into(), Some(1)))
        );
        assert_eq!(parse_task_header("3(2)"), Some(("3.2".into(), None)));
        assert_eq!(parse_task_header("task_7"), Some(("7".into(), None)));
        assert_eq!(parse_task_header("q3"), Some(("3".into(), None)));
        assert_eq!(parse_task_header("Q3.1"), Some(("3.1".into(), None)));
        assert_eq!(parse_task_header("item12"), Some(("12".into(), None)));
        assert_eq!(parse_task_header("балл за 5"), Some(("5".into(), None)));
    }

    #[test]
    fn non_task_headers() {
        for h in [
            "класс",
            "Рост, см",
            "2021",
            "hisei",
            "Вариант (часть 1)",
            "ФИО",
            "a-grade",
            "question",
            "quality",
            "",
            "1.",
        ] {
            assert_eq!(parse_task_header(h), None, "{h}");
        }
    }

    #[test]
    fn title_two_row_header_maxima_and_levels() {
        let g = Grid::from_rows(&[
            &["ВПР 2021 Математика 4 класс", "", "", "", "", ""],
            &[""],
            &["", "", "Б", "Б", "П", ""],
            &["Код", "Класс", "Задания", "", "", "Отметка"],
            &["", "", "1", "2", "3", ""],
            &["Макс. балл", "", "1", "2", "2", ""],
            &["101", "4а", "1", "2", "X", "4"],
            &["102", "4а", "0", "1", "1", "3"],
        ]);
        let lay = find_layout(&g).unwrap();
        assert_eq!(lay.titles, vec!["ВПР 2021 Математика 4 класс".to_string()]);
        assert_eq!(lay.header_row, 3);
        assert!(lay.two_row);
        assert_eq!(lay.headers[2], "Задания / 1");
        assert_eq!(lay.headers[4], "Задания / 3");
        assert_eq!(lay.keys[4], "3");
        assert_eq!(lay.headers[0], "Код");
        assert_eq!(lay.maxima[2..5], [Some(1), Some(2), Some(2)]);
        assert_eq!(lay.levels[4], Some(TaskLevel::Advanced));
        assert_eq!(lay.data_start, 6);
    }

    #[test]
    fn single_header_row_is_not_two_row() {
        let g = Grid::from_rows(&[
            &["Код", "1", "2", "3"],
            &["101", "1", "", "1"],
            &["102", "1", "0", "1"],
        ]);
        let lay = find_layout(&g).unwrap();
        assert!(!lay.two_row);
        assert_eq!(lay.data_start, 1);
    }

    #[test]
    fn numbers_only_has_no_header() {
        let g = Grid::from_rows(&[&["1", "2", "3"], &["4", "5", "6"]]);
        assert_eq!(find_layout(&g), Err(LayoutError::NoHeader));
        assert_eq!(
            find_layout(&Grid::from_rows(&[&[""]])),
            Err(LayoutError::Empty)
        );
    }
}
