//! Task labels written as cells or headers of task-description and reference tables, and the
//! normalised key that makes `1`, `№1`, `Задание 1`, `1.`, `3(1)`/`3.1` and Latin/Cyrillic
//! look-alikes (`1K1`/`1К1`) compare equal.

use super::header::{parse_task_header, sub_label};

/// A task label in a cell or header (and a maximum written with it, `3 (2б)`), or `None`
/// when the text does not read as one.
pub(crate) fn label_with_max(cell: &str) -> Option<(String, Option<u8>)> {
    let t = cell.trim().trim_end_matches('.').trim();
    if t.is_empty() {
        return None;
    }
    if let Some(l) = sub_label(t) {
        return Some((l, None));
    }
    parse_task_header(t)
}

/// The label of a cell or header, without a maximum.
pub(crate) fn label_of(cell: &str) -> Option<String> {
    label_with_max(cell).map(|(l, _)| l)
}

/// Latin look-alikes of lowercase Cyrillic letters used in labels (`к1` = `k1`).
fn fold(c: char) -> char {
    match c {
        'а' => 'a',
        'в' => 'b',
        'е' => 'e',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'т' => 't',
        'у' => 'y',
        'х' => 'x',
        c => c,
    }
}

/// The key under which task labels are compared: the label as read from a header or cell
/// (`Задание 1` → `1`, `3(1)` → `3.1`), lowercased, without spaces, Cyrillic look-alikes
/// folded to Latin. Text that is not a label is compared the same way as written.
pub fn task_label_key(label: &str) -> String {
    let l = label_of(label).unwrap_or_else(|| label.trim().to_string());
    l.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .map(fold)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_after_normalisation() {
        for (a, b) in [
            ("1", "№1"),
            ("1", "Задание 1"),
            ("1", "1."),
            ("3.1", "3(1)"),
            ("3.1", "3 (1)"),
            ("1К1", "1K1"),
            ("11.3 k1", "11.3К1"),
            ("M022043", "m022043"),
            ("5", "балл за 5 (2б)"),
        ] {
            assert_eq!(task_label_key(a), task_label_key(b), "{a} / {b}");
        }
        assert_ne!(task_label_key("1"), task_label_key("11"));
        assert_ne!(task_label_key("3.1"), task_label_key("3.2"));
        assert_eq!(label_of("3 (2б)").as_deref(), Some("3"));
        assert_eq!(label_with_max("3 (2б)"), Some(("3".into(), Some(2))));
        assert_eq!(label_of("Кол-во уч."), None);
        assert_eq!(label_of(""), None);
    }
}
