//! One-row-per-school tables: results (England KS2 with `RECTYPE`, Moscow ЕГЭ by school) and
//! context (GIAS register, Moscow school directory, social passports). Numeric columns accept
//! `11%`, decimal commas and suppression markers (`SUPP`, `NA`, `LOWCOV`, `x`, `-`), which
//! become `None` and are counted; other columns are categorical.

use super::grid::Grid;
use super::header::Layout;
use super::log::IssueLog;
use super::values::{is_suppressed, normalize_id, parse_number};
use super::{ColumnRole, Severity};
use crate::model::{ColumnValues, SchoolColumn, SchoolTable, SchoolTableRole};
use std::collections::HashMap;

/// The outcome of reading a school table.
pub(crate) struct Schools {
    pub table: SchoolTable,
    pub school_codes: Vec<String>,
    pub school_names: Vec<Option<String>>,
}

/// Words in headers or the file name that mark aggregated results rather than context.
pub(crate) fn looks_like_results(headers: &[String], file: &str) -> bool {
    let f = file.to_lowercase();
    if [
        "ks2",
        "ks4",
        "ege",
        "егэ",
        "огэ",
        "oge",
        "впр",
        "vpr",
        "result",
        "результат",
    ]
    .iter()
    .any(|w| f.contains(w))
    {
        return true;
    }
    headers.iter().any(|h| {
        let h = h.to_lowercase();
        h == "rectype"
            || h.starts_with("passe")
            || h.contains("средний балл")
            || h.contains("сдавш")
            || h.contains("успеваемост")
            || h.contains("качество знан")
            || h.contains("_average")
    })
}

/// Reads a school table keyed by `key` (a school code column, or the name column when there
/// is no code).
pub(crate) fn read(
    grid: &Grid,
    lay: &Layout,
    roles: &[ColumnRole],
    key: usize,
    role: SchoolTableRole,
    year: Option<u16>,
    log: &mut IssueLog,
) -> Schools {
    let header = |c: usize| {
        lay.headers
            .get(c)
            .cloned()
            .unwrap_or_else(|| format!("#{}", c + 1))
    };
    let name_col = roles
        .iter()
        .position(|r| *r == ColumnRole::SchoolName)
        .filter(|&c| c != key);
    let rectype = (0..lay.width).find(|&c| {
        lay.keys
            .get(c)
            .is_some_and(|k| k.eq_ignore_ascii_case("rectype"))
    });
    let value_cols: Vec<usize> = (0..lay.width)
        .filter(|&c| c != key && Some(c) != name_col && Some(c) != rectype)
        .filter(|&c| {
            !matches!(
                roles.get(c),
                Some(ColumnRole::Ignored | ColumnRole::PupilName) | None
            )
        })
        .filter(|&c| !lay.headers.get(c).is_none_or(|h| h.trim().is_empty()))
        .collect();

    let data = grid.rows.get(lay.data_start..).unwrap_or(&[]);
    let mut kept: Vec<usize> = Vec::with_capacity(data.len());
    let mut codes: Vec<String> = Vec::new();
    let mut names: Vec<Option<String>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut excluded_by_type: Vec<(String, usize, Vec<u32>)> = Vec::new();
    for (i, row) in data.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        if let Some(rc) = rectype {
            let t = row.get(rc);
            if t != "1" {
                match excluded_by_type.iter_mut().find(|(k, _, _)| k == t) {
                    Some(e) => {
                        e.1 += 1;
                        if e.2.len() < 8 {
                            e.2.push(row.line);
                        }
                    }
                    None => excluded_by_type.push((t.to_string(), 1, vec![row.line])),
                }
                continue;
            }
        }
        let code = normalize_id(row.get(key));
        if code.is_empty() {
            log.row("no_key", key, Some(&header(key)), Severity::Warning, row.line,
                || "Нет кода школы: строка не загружена. Заполните код или выберите другой ключевой столбец.".into(),
                || "No school code: the row was not loaded. Fill in the code or choose another key column.".into());
            continue;
        }
        if index.contains_key(code.as_ref()) {
            let shown = code.to_string();
            log.row("dup_key", key, Some(&header(key)), Severity::Warning, row.line,
                || format!("Школа «{shown}» уже встречалась выше (например, другое здание той же школы): повторная строка не загружена."),
                || format!("School \"{shown}\" already appeared above (for example, another building of the same school): the repeated row was not loaded."));
            continue;
        }
        index.insert(code.to_string(), codes.len());
        codes.push(code.into_owned());
        names.push(
            name_col
                .map(|c| row.get(c))
                .filter(|n| !n.is_empty())
                .map(str::to_string),
        );
        kept.push(i);
    }
    for (t, n, rows) in excluded_by_type {
        let what_ru = match t.as_str() {
            "2" => "специальные школы (RECTYPE 2)",
            "3" => "итог по местному органу образования (RECTYPE 3)",
            "4" | "5" => "итоги по стране (RECTYPE 4, 5)",
            _ => "строки другого типа",
        };
        let what_en = match t.as_str() {
            "2" => "special schools (RECTYPE 2)",
            "3" => "local authority totals (RECTYPE 3)",
            "4" | "5" => "national totals (RECTYPE 4, 5)",
            _ => "rows of another type",
        };
        let list: Vec<String> = rows.iter().map(u32::to_string).collect();
        let mut issue_ru = format!(
            "Не загружено строк: {n} — {what_ru}, RECTYPE = «{t}»; загружаются только школы (RECTYPE 1). Строки: {}{}.",
            list.join(", "),
            if n > rows.len() { ", …" } else { "" }
        );
        let mut issue_en = format!(
            "Rows not loaded: {n} — {what_en}, RECTYPE = \"{t}\"; only schools (RECTYPE 1) are loaded. Rows: {}{}.",
            list.join(", "),
            if n > rows.len() { ", …" } else { "" }
        );
        if t == "2" {
            issue_ru.push_str(" Чтобы загрузить их, отредактируйте RECTYPE в копии файла.");
            issue_en.push_str(" To load them, edit RECTYPE in a copy of the file.");
        }
        let sev = if t == "2" {
            Severity::Warning
        } else {
            Severity::Info
        };
        log.row_issue(
            sev,
            rows.first().copied().unwrap_or(0),
            "RECTYPE",
            issue_ru,
            issue_en,
        );
    }

    let mut columns = Vec::with_capacity(value_cols.len());
    for &c in &value_cols {
        let mut nums: Vec<Option<f64>> = Vec::with_capacity(kept.len());
        let mut numeric = 0usize;
        let mut text = 0usize;
        let mut suppressed = 0usize;
        for &i in &kept {
            let v = data.get(i).map(|r| r.get(c)).unwrap_or("");
            if v.is_empty() {
                nums.push(None);
            } else if let Some(x) = parse_number(v) {
                numeric += 1;
                nums.push(Some(x));
            } else if is_suppressed(v) {
                suppressed += 1;
                nums.push(None);
            } else {
                text += 1;
                nums.push(None);
            }
        }
        let values = if numeric > 0 && text * 20 <= numeric {
            if text > 0 {
                log.push_col(
                    Severity::Warning,
                    &header(c),
                    format!("В числовом столбце {text} значений не числа: они считаются пустыми."),
                    format!("{text} values in a numeric column are not numbers: they are taken as blank."),
                );
            }
            ColumnValues::Numeric(nums)
        } else {
            suppressed = 0;
            ColumnValues::Categorical(
                kept.iter()
                    .map(|&i| {
                        data.get(i)
                            .map(|r| r.get(c))
                            .filter(|v| !v.is_empty())
                            .map(str::to_string)
                    })
                    .collect(),
            )
        };
        columns.push(SchoolColumn {
            name: header(c),
            values,
            suppressed,
        });
    }
    let total_supp: usize = columns.iter().map(|c| c.suppressed).sum();
    if total_supp > 0 {
        log.push(
            Severity::Info,
            format!("Скрытые или недоступные значения (SUPP, NA, LOWCOV, x, -): {total_supp}; они считаются пустыми."),
            format!("Suppressed or unavailable values (SUPP, NA, LOWCOV, x, -): {total_supp}; taken as blank."),
        );
    }
    let n = codes.len() as u32;
    Schools {
        table: SchoolTable {
            role,
            file: log.file().to_string(),
            key_column: header(key),
            school: (0..n).collect(),
            columns,
            year,
        },
        school_codes: codes,
        school_names: names,
    }
}
