//! Import issues: every excluded or doubtful row or cell, with file, row, column and a
//! plain message in Russian or English.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// How serious an import issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Informational: something was interpreted (e.g. `X` read as 0, not done).
    Info,
    /// A value or row was doubtful or excluded; the rest of the file is used.
    Warning,
    /// The file (or a whole part of it) could not be used.
    Error,
}

/// One import issue. `row` is 1-based as a spreadsheet shows it; `column` is the header text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    pub file: String,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub severity: Severity,
    /// Russian message.
    pub message_ru: String,
    /// English message.
    pub message_en: String,
}

impl Issue {
    /// Creates an issue with both language texts.
    pub fn new(
        file: &str,
        severity: Severity,
        ru: impl Into<String>,
        en: impl Into<String>,
    ) -> Issue {
        Issue {
            file: file.to_string(),
            row: None,
            column: None,
            severity,
            message_ru: ru.into(),
            message_en: en.into(),
        }
    }

    /// Sets the row (1-based).
    pub fn at_row(mut self, row: u32) -> Issue {
        self.row = Some(row);
        self
    }

    /// Sets the column header.
    pub fn at_column(mut self, column: impl Into<String>) -> Issue {
        self.column = Some(column.into());
        self
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_ru, &self.message_en)
    }
}
