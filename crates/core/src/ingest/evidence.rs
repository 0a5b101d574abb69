//! The evidence for a table's kind, read from its structure rather than its header names: how
//! often the school key repeats, a block of small non-negative integer columns under task-like
//! headers, a total column. Header names are one signal among these.

use super::columns::{guess, norm, Guess};
use super::grid::{Grid, GridRow};
use super::header::{parse_task_header, Layout};
use super::values::{is_not_done, parse_number};
use super::ColumnRole;
use std::collections::HashSet;

/// Rows looked at (spread over the whole table).
const SAMPLE: usize = 3000;

/// What the structure of a table says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Evidence {
    /// Data rows sampled.
    pub sampled: usize,
    /// Columns whose header reads as a task label and whose cells are small whole numbers
    /// (or `X`): the task block.
    pub task_columns: usize,
    /// The column taken for the school key, its filled cells and distinct values.
    pub school_key: Option<(usize, usize, usize)>,
    /// Whether the school key repeats in most rows (a pupil-level table, never a school table).
    pub key_repeats: bool,
    /// Whether the school key is distinct in nine rows of ten (one row per school).
    pub key_unique: bool,
}

impl Evidence {
    /// Whether the structure shows one row per pupil: the school key repeats, or a block of
    /// task-score columns without a school key that names one school per row (school tables
    /// of percentages look like scores too).
    pub fn pupil_level(&self) -> bool {
        self.key_repeats || self.task_columns >= 3 && !self.key_unique
    }
}

/// Evenly spread data rows (at most [`SAMPLE`]).
pub(crate) fn sample<'a>(grid: &'a Grid, lay: &Layout) -> Vec<&'a GridRow> {
    let data = grid.rows.get(lay.data_start..).unwrap_or(&[]);
    let step = (data.len() / SAMPLE).max(1);
    data.iter()
        .step_by(step)
        .filter(|r| !r.is_blank())
        .take(SAMPLE)
        .collect()
}

/// A small non-negative whole number (a task score) or a not-done mark.
fn score_like(s: &str) -> bool {
    is_not_done(s)
        || parse_number(s).is_some_and(|v| v.fract() == 0.0 && (0.0..=60.0).contains(&v))
        || s.to_lowercase().starts_with("не пройд")
}

/// Reads the evidence from the sampled rows.
pub(crate) fn read(grid: &Grid, lay: &Layout) -> Evidence {
    let rows = sample(grid, lay);
    let mut ev = Evidence {
        sampled: rows.len(),
        ..Evidence::default()
    };
    for c in 0..lay.width {
        let key = lay.keys.get(c).map(String::as_str).unwrap_or("");
        if parse_task_header(key).is_none() || guess(&norm(key)) != Guess::Unknown {
            continue;
        }
        let filled: Vec<&str> = rows
            .iter()
            .map(|r| r.get(c))
            .filter(|v| !v.is_empty())
            .collect();
        if !filled.is_empty()
            && filled.iter().filter(|v| score_like(v)).count() * 10 >= filled.len() * 9
        {
            ev.task_columns += 1;
        }
    }
    // The school key: the best-named school column whose cells are filled.
    let key_col = (0..lay.width)
        .filter_map(
            |c| match guess(&norm(lay.keys.get(c).map(String::as_str).unwrap_or(""))) {
                Guess::Role(ColumnRole::School, p) => Some((c, p)),
                _ => None,
            },
        )
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(c, _)| c);
    if let Some(c) = key_col {
        let filled: Vec<&str> = rows
            .iter()
            .map(|r| r.get(c))
            .filter(|v| !v.is_empty())
            .collect();
        let distinct: HashSet<&str> = filled.iter().copied().collect();
        ev.school_key = Some((c, filled.len(), distinct.len()));
        ev.key_repeats = filled.len() >= 20 && distinct.len() * 2 < filled.len();
        ev.key_unique = filled.len() >= 20 && distinct.len() * 10 >= filled.len() * 9;
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::header::find_layout;

    fn evidence(rows: &[Vec<String>]) -> Evidence {
        let refs: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
        let g = Grid::from_rows(&slices);
        read(&g, &find_layout(&g).unwrap())
    }

    fn table(header: &[&str], n: usize, row: impl Fn(usize) -> Vec<String>) -> Vec<Vec<String>> {
        std::iter::once(header.iter().map(|s| s.to_string()).collect())
            .chain((0..n).map(row))
            .collect()
    }

    #[test]
    fn a_repeating_school_key_is_pupil_level() {
        let t = table(&["user", "id", "sum"], 40, |i| {
            vec![format!("sch{}", i / 10), i.to_string(), (i % 7).to_string()]
        });
        let e = evidence(&t);
        assert!(e.key_repeats && !e.key_unique && e.pupil_level());
        assert_eq!(e.school_key.map(|k| (k.1, k.2)), Some((40, 4)));
    }

    #[test]
    fn a_task_block_without_a_unique_key_is_pupil_level() {
        let t = table(&["Класс", "a-1-grade", "a-2-grade", "q3"], 30, |i| {
            vec![
                "4А".into(),
                (i % 2).to_string(),
                "X".into(),
                (i % 3).to_string(),
            ]
        });
        let e = evidence(&t);
        assert_eq!(e.task_columns, 3);
        assert!(e.pupil_level());
    }

    #[test]
    fn one_school_per_row_is_not_pupil_level_whatever_the_headers() {
        let t = table(&["URN", "1", "2", "3"], 30, |i| {
            vec![
                (1000 + i).to_string(),
                (40 + i % 15).to_string(),
                "55".into(),
                "12".into(),
            ]
        });
        let e = evidence(&t);
        assert!(e.key_unique && !e.key_repeats);
        assert_eq!(e.task_columns, 3);
        assert!(!e.pupil_level());
    }
}
