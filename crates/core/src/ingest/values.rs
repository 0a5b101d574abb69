//! Cell values: numbers with decimal commas and `%`, `X`/`Х` (task not done), `отсутствовал`
//! (absent), `нет отметки` (no journal mark), suppression markers (`SUPP`, `NA`, `LOWCOV`, `x`,
//! `-`, `NE`, `NP`), ids written as floats, class labels.

use std::borrow::Cow;

/// Parses a number: `12`, `12.5`, `12,5`, `11%`, `1 234`, `−3`. `None` when not a number.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(v) = s.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    // Slow path: decimal comma, percent, spaces as thousand separators, Unicode minus.
    let mut buf = String::with_capacity(s.len());
    let mut seen_digit = false;
    for ch in s.trim_end_matches('%').trim().chars() {
        match ch {
            '0'..='9' => {
                seen_digit = true;
                buf.push(ch)
            }
            ',' | '.' => buf.push('.'),
            '−' | '–' => buf.push('-'),
            '-' | '+' | 'e' | 'E' => buf.push(ch),
            ' ' | '\u{a0}' | '\u{202f}' => {}
            _ => return None,
        }
    }
    if !seen_digit {
        return None;
    }
    buf.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Whether the cell says the task was not done: `X`/`Х` (Latin or Cyrillic, any case).
#[inline]
pub(crate) fn is_not_done(s: &str) -> bool {
    matches!(s.trim(), "X" | "x" | "Х" | "х")
}

/// Whether the cell says the pupil was absent (`отсутствовал`, `отсутствовала`, `неявка`, `absent`).
pub(crate) fn is_absent(s: &str) -> bool {
    let s = s.trim();
    if s.len() < 5 {
        return false;
    }
    let l = s.to_lowercase();
    l.starts_with("отсутств") || l.starts_with("неявк") || l.starts_with("не явил") || l == "absent"
}

/// Whether the cell is a suppression or not-available marker of published tables.
pub(crate) fn is_suppressed(s: &str) -> bool {
    matches!(
        s.trim(),
        "SUPP"
            | "supp"
            | "NA"
            | "N/A"
            | "n/a"
            | "na"
            | "LOWCOV"
            | "x"
            | "X"
            | "-"
            | "—"
            | "–"
            | "NE"
            | "NP"
            | "NEW"
            | "DNS"
            | ".."
            | ":"
            | "*"
            | "н/д"
            | "Н/Д"
    )
}

/// Normalises an id written as a float: `90001500281.0` → `90001500281`, `4.0001E4` → `40001`.
pub(crate) fn normalize_id(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    if let Some(head) = s.strip_suffix(".0") {
        if !head.is_empty() && head.bytes().all(|b| b.is_ascii_digit()) {
            return Cow::Borrowed(head);
        }
    }
    if s.contains(['e', 'E'])
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b"eE+-.".contains(&b))
    {
        if let Ok(v) = s.parse::<f64>() {
            if v.fract() == 0.0 && v.abs() < 1e17 {
                return Cow::Owned(format!("{}", v as i64));
            }
        }
    }
    Cow::Borrowed(s)
}

/// Normalises a class label: `нет`/blank → `None`; `а` → `А`; `5 а` → `5А`; `1.0` → `1`.
pub(crate) fn normalize_class(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let l = s.to_lowercase();
    if matches!(l.as_str(), "нет" | "-" | "—" | "н/д" | "na" | "не указан") {
        return None;
    }
    let s = normalize_id(s);
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_whitespace() || ch == '"' || ch == '«' || ch == '»' {
            continue;
        }
        out.extend(ch.to_uppercase());
    }
    (!out.is_empty()).then_some(out)
}

/// A mark 2..5 (`5`, `5.0`, `«5»`). `Err` when the cell is not blank but not a mark.
pub(crate) fn parse_mark(s: &str) -> Result<Option<u8>, ()> {
    let s = s.trim().trim_matches(['«', '»', '"']);
    if s.is_empty() {
        return Ok(None);
    }
    match parse_number(s) {
        Some(v) if v.fract() == 0.0 && (2.0..=5.0).contains(&v) => Ok(Some(v as u8)),
        _ => Err(()),
    }
}

/// A journal mark 1..5; `нет отметки`, `н/а`, `-` and blanks are missing. `Err` when not a mark.
pub(crate) fn parse_journal(s: &str) -> Result<Option<u8>, ()> {
    let t = s.trim();
    if t.is_empty() || is_no_mark(t) {
        return Ok(None);
    }
    match parse_number(t) {
        Some(v) if v.fract() == 0.0 && (1.0..=5.0).contains(&v) => Ok(Some(v as u8)),
        _ => Err(()),
    }
}

/// Whether the cell says there is no mark (`нет отметки`, `н/а`, `-`).
pub(crate) fn is_no_mark(s: &str) -> bool {
    let l = s.trim().to_lowercase();
    l.starts_with("нет") || matches!(l.as_str(), "н/а" | "н/о" | "-" | "—" | "na" | "n/a")
}

/// A task score cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Score {
    Blank,
    Value(u8),
    NotDone,
    /// `не пройд.` (not passed): 0 points.
    NotPassed,
    Absent,
    Negative(f64),
    Fraction(f64),
    TooLarge(f64),
    Text,
}

/// Parses a task score cell without allocating in the common cases.
#[inline]
pub(crate) fn parse_score(s: &str) -> Score {
    let s = s.trim();
    if s.is_empty() {
        return Score::Blank;
    }
    if let Ok(v) = s.parse::<u8>() {
        return if v == u8::MAX {
            Score::TooLarge(v as f64)
        } else {
            Score::Value(v)
        };
    }
    if is_not_done(s) {
        return Score::NotDone;
    }
    match parse_number(s) {
        Some(v) if v < 0.0 => Score::Negative(v),
        Some(v) if v >= 255.0 => Score::TooLarge(v),
        Some(v) if v.fract() == 0.0 => Score::Value(v as u8),
        Some(v) => Score::Fraction(v),
        None if is_absent(s) => Score::Absent,
        None if s.to_lowercase().starts_with("не пройд") => Score::NotPassed,
        None => Score::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_decimal_comma_percent_and_spaces() {
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number("11%"), Some(11.0));
        assert_eq!(parse_number("1 234"), Some(1234.0));
        assert_eq!(parse_number("−3"), Some(-3.0));
        assert_eq!(parse_number("37,205531"), Some(37.205531));
        assert_eq!(parse_number("SUPP"), None);
        assert_eq!(parse_number("%"), None);
        assert_eq!(parse_number("abc"), None);
    }

    #[test]
    fn x_latin_and_cyrillic_is_not_done() {
        for s in ["X", "x", "Х", "х", " Х "] {
            assert!(is_not_done(s), "{s}");
            assert_eq!(parse_score(s), Score::NotDone);
        }
        assert_eq!(parse_score("2"), Score::Value(2));
        assert_eq!(parse_score("2.0"), Score::Value(2));
        assert_eq!(parse_score(""), Score::Blank);
        assert_eq!(parse_score("-1"), Score::Negative(-1.0));
        assert_eq!(parse_score("0,5"), Score::Fraction(0.5));
        assert_eq!(parse_score("abc"), Score::Text);
        assert_eq!(parse_score("отсутствовал"), Score::Absent);
    }

    #[test]
    fn absent_and_no_mark() {
        assert!(is_absent("отсутствовал"));
        assert!(is_absent("Отсутствовала"));
        assert!(!is_absent("1"));
        assert_eq!(parse_journal("нет отметки"), Ok(None));
        assert_eq!(parse_journal("4"), Ok(Some(4)));
        assert_eq!(parse_journal("отлично"), Err(()));
        assert_eq!(parse_mark("5.0"), Ok(Some(5)));
        assert_eq!(parse_mark("7"), Err(()));
    }

    #[test]
    fn suppression_markers() {
        for s in ["SUPP", "NA", "LOWCOV", "x", "-", "NE", "NP"] {
            assert!(is_suppressed(s), "{s}");
        }
        assert!(!is_suppressed("12"));
    }

    #[test]
    fn ids_written_as_floats() {
        assert_eq!(normalize_id("90001500281.0"), "90001500281");
        assert_eq!(normalize_id("4.0001E4"), "40001");
        assert_eq!(normalize_id("sch123"), "sch123");
        assert_eq!(normalize_id("12.5"), "12.5");
    }

    #[test]
    fn class_labels() {
        assert_eq!(normalize_class("а").as_deref(), Some("А"));
        assert_eq!(normalize_class("5 б").as_deref(), Some("5Б"));
        assert_eq!(normalize_class("нет"), None);
        assert_eq!(normalize_class(""), None);
        assert_eq!(normalize_class("1.0").as_deref(), Some("1"));
    }
}
