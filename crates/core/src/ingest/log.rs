//! Collects import issues and aggregates repeated ones: 1000 rows with the same problem in the
//! same column become one issue with the count and the first rows listed.

use super::{Issue, Severity};
use std::collections::HashMap;

/// How many row numbers an aggregated issue lists.
const LIST_ROWS: usize = 8;

struct Group {
    severity: Severity,
    column: Option<String>,
    ru: String,
    en: String,
    rows: Vec<u32>,
    count: usize,
    last: u32,
}

/// Issue collector for one file.
pub(crate) struct IssueLog {
    file: String,
    issues: Vec<Issue>,
    groups: Vec<Group>,
    index: HashMap<(&'static str, usize), usize>,
}

impl IssueLog {
    pub fn new(file: &str) -> IssueLog {
        IssueLog {
            file: file.to_string(),
            issues: Vec::new(),
            groups: Vec::new(),
            index: HashMap::new(),
        }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    /// Adds a file-level issue.
    pub fn push(&mut self, severity: Severity, ru: impl Into<String>, en: impl Into<String>) {
        self.issues.push(Issue::new(&self.file, severity, ru, en));
    }

    /// Adds an issue about a column (no row).
    pub fn push_col(
        &mut self,
        severity: Severity,
        column: &str,
        ru: impl Into<String>,
        en: impl Into<String>,
    ) {
        self.issues
            .push(Issue::new(&self.file, severity, ru, en).at_column(column));
    }

    /// Adds one issue at a row and column.
    pub fn row_issue(
        &mut self,
        severity: Severity,
        row: u32,
        column: &str,
        ru: impl Into<String>,
        en: impl Into<String>,
    ) {
        self.issues.push(
            Issue::new(&self.file, severity, ru, en)
                .at_row(row)
                .at_column(column),
        );
    }

    /// Adds a row issue of kind `key` in column `col` (`usize::MAX` for the whole row). Issues
    /// with the same key and column are aggregated; the messages are built only for the first.
    #[allow(clippy::too_many_arguments)]
    pub fn row(
        &mut self,
        key: &'static str,
        col: usize,
        column: Option<&str>,
        severity: Severity,
        row: u32,
        ru: impl FnOnce() -> String,
        en: impl FnOnce() -> String,
    ) {
        if let Some(&g) = self.index.get(&(key, col)) {
            if let Some(g) = self.groups.get_mut(g) {
                // Several cells of one row count once.
                if g.last == row {
                    return;
                }
                g.last = row;
                g.count += 1;
                if g.rows.len() < LIST_ROWS {
                    g.rows.push(row);
                }
            }
            return;
        }
        self.index.insert((key, col), self.groups.len());
        self.groups.push(Group {
            severity,
            column: column.map(str::to_string),
            ru: ru(),
            en: en(),
            rows: vec![row],
            count: 1,
            last: row,
        });
    }

    /// Number of occurrences recorded for `key` (all columns).
    #[cfg(test)]
    pub fn count(&self, key: &'static str) -> usize {
        self.index
            .iter()
            .filter(|((k, _), _)| *k == key)
            .filter_map(|(_, g)| self.groups.get(*g))
            .map(|g| g.count)
            .sum()
    }

    /// All issues, aggregated groups included, most serious first (stable within a level).
    pub fn finish(self) -> Vec<Issue> {
        let mut out = self.issues;
        for g in self.groups {
            let first = g.rows.first().copied().unwrap_or(0);
            let mut issue = if g.count == 1 {
                Issue::new(&self.file, g.severity, g.ru, g.en)
            } else {
                let list: Vec<String> = g.rows.iter().map(|r| r.to_string()).collect();
                let more = if g.count > g.rows.len() { ", …" } else { "" };
                Issue::new(
                    &self.file,
                    g.severity,
                    format!(
                        "{} Так в {} строках: {}{}.",
                        g.ru,
                        g.count,
                        list.join(", "),
                        more
                    ),
                    format!(
                        "{} This occurs in {} rows: {}{}.",
                        g.en,
                        g.count,
                        list.join(", "),
                        more
                    ),
                )
            };
            issue = issue.at_row(first);
            if let Some(c) = g.column {
                issue = issue.at_column(c);
            }
            out.push(issue);
        }
        out.sort_by_key(|i| std::cmp::Reverse(i.severity));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_issues_are_aggregated_with_count_and_rows() {
        let mut log = IssueLog::new("f.csv");
        for r in 2..1002 {
            log.row(
                "x",
                3,
                Some("1"),
                Severity::Info,
                r,
                || "X".into(),
                || "X".into(),
            );
        }
        log.row(
            "bad",
            4,
            Some("2"),
            Severity::Warning,
            7,
            || "bad".into(),
            || "bad".into(),
        );
        assert_eq!(log.count("x"), 1000);
        let issues = log.finish();
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].severity, Severity::Warning);
        assert_eq!(issues[0].row, Some(7));
        assert!(issues[1].message_en.contains("1000 rows: 2, 3, 4"));
        assert_eq!(issues[1].column.as_deref(), Some("1"));
    }
}
