//! A common table shape for CSV and spreadsheets: rows of text cells with the row number the
//! user sees (CSV line or spreadsheet row, 1-based).
//!
//! Each row is one [`csv::StringRecord`] (one buffer per row, not one allocation per cell).

use csv::StringRecord;

/// One row of the source table.
#[derive(Debug, Clone)]
pub(crate) struct GridRow {
    /// 1-based row number as the user sees it (CSV line, spreadsheet row).
    pub line: u32,
    pub cells: StringRecord,
}

impl GridRow {
    /// The trimmed cell `c`, or `""` when the row is shorter.
    #[inline]
    pub fn get(&self, c: usize) -> &str {
        self.cells.get(c).map(str::trim).unwrap_or("")
    }

    /// Number of non-empty cells.
    pub fn non_empty(&self) -> usize {
        self.cells.iter().filter(|c| !c.trim().is_empty()).count()
    }

    /// Whether every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    /// Index of the last non-empty cell plus one.
    pub fn used_width(&self) -> usize {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(i, _)| i + 1)
            .last()
            .unwrap_or(0)
    }
}

/// A table of text cells.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub rows: Vec<GridRow>,
    /// `CSV: encoding; delimiter` or the sheet name.
    pub detail: String,
}

impl Grid {
    /// The widest used row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(GridRow::used_width).max().unwrap_or(0)
    }

    /// Builds a grid from string rows (rows numbered from 1); used by tests and small inputs.
    #[cfg(test)]
    pub fn from_rows(rows: &[&[&str]]) -> Grid {
        Grid {
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| GridRow {
                    line: i as u32 + 1,
                    cells: StringRecord::from(r.to_vec()),
                })
                .collect(),
            detail: String::new(),
        }
    }
}
