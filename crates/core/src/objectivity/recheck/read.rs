//! Reading the filled re-check lists back: CSV or a workbook (every sheet), through the
//! importer's own readers (`ingest::read_grids`: encodings, delimiter sniffing, XLSX/ODS).
//!
//! - **Header.** The first row (of the first 30) that names the procedure column and a way to
//!   find the work; Russian or English headers ([`super::list`]), in any order, extra columns
//!   ignored. Task columns are matched by label (`Задание 3.1 (макс. 2)`, `Task 3.1`, `балл за
//!   3(1)`, a bare `3.1`), normalised as the importer does (`task_label_key`).
//! - **Finding the work.** By the pseudonymous code within the school and procedure; when that
//!   fails (another session, a code mangled by a spreadsheet) by the file and the row in it.
//!   When both are given and point to different works, the row is refused.
//! - **Scores.** Every task of the work's procedure must be filled with a whole number from 0
//!   to the task's maximum (`X`/`Х`: not done, 0 points); the optional «Первичный балл
//!   (перепроверка)» must equal their sum. A row with no score at all is a work not re-checked
//!   (counted, not an error).
//! - **Nothing silent.** Every refused row is an error [`Issue`] with its row, column and what to
//!   do; rows for works outside the sample are used and counted; works of the sample that did
//!   not come back are counted and listed. Never panics.

use super::list::{procedure_name, CLASS, CODE, FILE, PROCEDURE, ROW, SCHOOL};
use super::sample::{work_files, RecheckList};
use crate::ingest::{
    norm_header, parse_number, parse_score, read_grids, task_label_key, GridRow, Issue, Score,
    Severity,
};
use crate::model::Dataset;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One re-checked work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecheckedWork {
    /// `ProcedureKey::id()`.
    pub procedure: String,
    /// The pupil's row in the procedure's results.
    pub index: usize,
    /// School code.
    pub school: String,
    /// Re-checked task scores, in the procedure's task order.
    pub scores: Vec<u8>,
    /// Tasks marked `X` (not done, 0 points).
    pub not_done: Vec<bool>,
    /// The list file and line it was read from.
    pub file: String,
    pub line: u32,
    /// Whether the work was in the sample (works outside it are used too, and counted).
    pub in_sample: bool,
}

/// What the reading did with the rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadCounts {
    /// Non-blank rows below the header.
    pub rows: usize,
    /// Rows read as re-checked works.
    pub used: usize,
    /// Rows without any score: works not re-checked.
    pub blank: usize,
    /// Rows refused (each with an error issue).
    pub rejected: usize,
    /// Used rows whose work is not in the sample.
    pub not_in_sample: usize,
    /// Works of the sample that no row brought back.
    pub not_returned: usize,
}

/// The re-checked works of the filled lists, with every issue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecheckScores {
    pub works: Vec<RecheckedWork>,
    pub counts: ReadCounts,
    pub issues: Vec<Issue>,
}

impl RecheckScores {
    /// Whether any row or file was refused.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }
}

/// What a column of a filled list holds.
#[derive(Debug, Clone, PartialEq)]
enum Col {
    School,
    Procedure,
    Class,
    File,
    Row,
    Code,
    Total,
    /// A task, by `task_label_key`.
    Task(String),
    Other,
}

/// The role of a header.
fn role(header: &str) -> Col {
    let h = norm_header(header);
    let h = h.trim_start_matches('\'');
    let is = |names: &[&str], fixed: (&str, &str)| {
        h == norm_header(fixed.0) || h == norm_header(fixed.1) || names.contains(&h)
    };
    if is(&["логин школы", "код школы", "оо", "login"], SCHOOL) {
        return Col::School;
    }
    if is(&[], PROCEDURE) {
        return Col::Procedure;
    }
    if is(&[], CLASS) {
        return Col::Class;
    }
    if is(&["имя файла", "file name"], FILE) {
        return Col::File;
    }
    if is(&["строка", "row", "line", "номер строки"], ROW) {
        return Col::Row;
    }
    if is(
        &[
            "код участника",
            "код обучающегося",
            "pupil code",
            "псевдоним",
            "pseudonym",
        ],
        CODE,
    ) {
        return Col::Code;
    }
    if ["первичный балл", "primary score", "всего баллов", "total"]
        .iter()
        .any(|p| h.starts_with(p))
    {
        return Col::Total;
    }
    let mut label = h;
    let mut prefixed = false;
    for p in ["задание", "task", "балл за", "№"] {
        if let Some(rest) = label.strip_prefix(p) {
            label = rest.trim_start_matches(['№', ' ', '.']).trim();
            prefixed = true;
            break;
        }
    }
    if let Some(open) = label.rfind('(') {
        let inside = &label[open..];
        if inside.contains("макс") || inside.contains("max") || inside.ends_with("б)") {
            label = label[..open].trim();
        }
    }
    if !label.is_empty() && (prefixed || label.starts_with(|c: char| c.is_ascii_digit())) {
        return Col::Task(task_label_key(label));
    }
    Col::Other
}

/// A text cell as written by the list (the formula guard `'` taken off).
fn text(row: &GridRow, c: Option<usize>) -> &str {
    c.map_or("", |c| row.get(c).trim_start_matches('\''))
}

/// One procedure's lookups, built when a row first names it.
struct ProcIndex {
    /// (school index, code) → pupil rows.
    by_code: HashMap<(u32, String), Vec<usize>>,
    /// (file index, source row) → pupil row.
    by_row: HashMap<(usize, u32), usize>,
}

fn index_of(ds: &Dataset, proc: usize) -> ProcIndex {
    let p = &ds.procedures[proc];
    let r = &p.results;
    let mut by_code: HashMap<(u32, String), Vec<usize>> = HashMap::new();
    for i in 0..r.len() {
        by_code
            .entry((r.school[i], r.pupil[i].clone()))
            .or_default()
            .push(i);
    }
    let mut by_row = HashMap::new();
    for (i, f) in work_files(p).into_iter().enumerate() {
        if let (Some(f), Some(&row)) = (f, r.source_row.get(i)) {
            by_row.insert((f, row), i);
        }
    }
    ProcIndex { by_code, by_row }
}

/// The header row of a grid and the role of each column: the first row (of the first 30) with
/// the procedure column and the code or row column.
fn find_header(rows: &[GridRow]) -> Option<(usize, Vec<Col>)> {
    rows.iter().take(30).enumerate().find_map(|(r, row)| {
        let roles: Vec<Col> = row.cells.iter().map(role).collect();
        let has = |c: &Col| roles.contains(c);
        (has(&Col::Procedure) && (has(&Col::Code) || has(&Col::Row))).then_some((r, roles))
    })
}

/// Reads filled lists (name, bytes) against the sample and the dataset.
pub fn read_filled(files: &[(&str, &[u8])], list: &RecheckList, ds: &Dataset) -> RecheckScores {
    let mut out = RecheckScores::default();
    // Procedures by the list's name, the shown name and the id, normalised.
    let names: Vec<([String; 3], usize)> = ds
        .procedures
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let n = [
                norm_header(&procedure_name(&p.key)),
                norm_header(&p.key.to_string()),
                norm_header(&p.key.id()),
            ];
            (n, i)
        })
        .collect();
    let mut indexes: HashMap<usize, ProcIndex> = HashMap::new();
    // (procedure, pupil row) → (list file, line) of the row that brought it.
    let mut seen: HashMap<(usize, usize), (String, u32)> = HashMap::new();
    for &(name, bytes) in files {
        let (grids, issues) = read_grids(name, bytes);
        out.issues.extend(issues);
        let mut found = false;
        let mut outside: Vec<u32> = Vec::new();
        for grid in &grids {
            let Some((h, roles)) = find_header(&grid.rows) else {
                if grids.len() > 1 && grid.rows.iter().filter(|r| r.non_empty() >= 2).count() >= 2 {
                    out.issues.push(Issue::new(
                        name,
                        Severity::Info,
                        format!(
                            "Лист «{}» пропущен: в нём нет заголовка списка перепроверки.",
                            grid.detail
                        ),
                        format!(
                            "Sheet «{}» skipped: it has no re-check list header.",
                            grid.detail
                        ),
                    ));
                }
                continue;
            };
            found = true;
            let header = &grid.rows[h];
            let col = |c: &Col| roles.iter().position(|x| x == c);
            for (c, r) in roles.iter().enumerate() {
                if *r != Col::Other && roles.iter().position(|x| x == r) != Some(c) {
                    out.issues.push(
                        Issue::new(
                            name,
                            Severity::Warning,
                            "Этот столбец повторяет другой с тем же названием и не читается: оставьте один.",
                            "This column repeats another of the same name and is not read: keep one.",
                        )
                        .at_row(header.line)
                        .at_column(header.get(c)),
                    );
                }
            }
            let (c_school, c_proc, c_file, c_row, c_code, c_total) = (
                col(&Col::School),
                col(&Col::Procedure),
                col(&Col::File),
                col(&Col::Row),
                col(&Col::Code),
                col(&Col::Total),
            );
            let by_code = c_code.is_some() && c_school.is_some();
            let by_row = c_file.is_some() && c_row.is_some();
            if !by_code && !by_row {
                out.issues.push(
                    Issue::new(
                        name,
                        Severity::Error,
                        "Не найти работы: нужны столбцы «Школа» и «Код» или «Файл» и «Строка в файле». Верните эти столбцы из выгруженного списка и загрузите файл ещё раз.",
                        "The works cannot be found: the columns «School» and «Code» or «File» and «Row in file» are needed. Put these columns of the exported list back and load the file again.",
                    )
                    .at_row(header.line),
                );
                out.counts.rejected += grid.rows[h + 1..].iter().filter(|r| !r.is_blank()).count();
                out.counts.rows += grid.rows[h + 1..].iter().filter(|r| !r.is_blank()).count();
                continue;
            }
            let task_cols: Vec<(usize, &str)> = roles
                .iter()
                .enumerate()
                .filter_map(|(c, r)| match r {
                    Col::Task(k) => Some((c, k.as_str())),
                    _ => None,
                })
                .collect();
            if task_cols.is_empty() {
                out.issues.push(
                    Issue::new(
                        name,
                        Severity::Error,
                        "В списке нет столбцов с баллами за задания («Задание 1 (макс. 2)» …). Верните их из выгруженного списка, впишите баллы и загрузите файл ещё раз.",
                        "The list has no task score columns («Task 1 (max 2)» …). Put them back from the exported list, fill in the scores and load the file again.",
                    )
                    .at_row(header.line),
                );
                out.counts.rejected += grid.rows[h + 1..].iter().filter(|r| !r.is_blank()).count();
                out.counts.rows += grid.rows[h + 1..].iter().filter(|r| !r.is_blank()).count();
                continue;
            }
            // Per procedure: the column of each task, or the tasks that have none.
            let mut layouts: HashMap<usize, Result<Vec<usize>, ()>> = HashMap::new();
            for row in &grid.rows[h + 1..] {
                if row.is_blank() {
                    continue;
                }
                out.counts.rows += 1;
                let line = row.line;
                let refuse = |out: &mut RecheckScores, c: Option<usize>, ru: String, en: String| {
                    let mut i = Issue::new(name, Severity::Error, ru, en).at_row(line);
                    if let Some(c) = c {
                        i = i.at_column(header.get(c));
                    }
                    out.issues.push(i);
                };
                // Blank scores: a work not re-checked.
                let filled = task_cols.iter().any(|&(c, _)| !row.get(c).is_empty())
                    || c_total.is_some_and(|c| !row.get(c).is_empty());
                if !filled {
                    out.counts.blank += 1;
                    continue;
                }
                let proc_cell = text(row, c_proc);
                let wanted = norm_header(proc_cell);
                let Some(pi) = names
                    .iter()
                    .find(|(n, _)| !wanted.is_empty() && n.contains(&wanted))
                    .map(|x| x.1)
                else {
                    out.counts.rejected += 1;
                    if proc_cell.is_empty() {
                        refuse(&mut out, c_proc, "Не указана процедура: впишите её, как в выгруженном списке (например, «ВПР Математика 5 кл. 2025»).".into(), "The procedure is missing: write it as in the exported list (e.g. «ВПР Математика 5 кл. 2025»).".into());
                    } else {
                        refuse(&mut out, c_proc, format!("Процедуры «{proc_cell}» нет в загруженных данных: впишите её, как в выгруженном списке, или загрузите файл результатов этой процедуры."), format!("Procedure «{proc_cell}» is not in the loaded data: write it as in the exported list, or load the results file of this procedure."));
                    }
                    continue;
                };
                let p = &ds.procedures[pi];
                let layout = layouts.entry(pi).or_insert_with(|| {
                    let mut cols = Vec::new();
                    let mut missing = Vec::new();
                    for t in &p.tasks {
                        let key = task_label_key(&t.label);
                        match task_cols.iter().find(|(_, k)| *k == key) {
                            Some(&(c, _)) => cols.push(c),
                            None => missing.push(t.label.clone()),
                        }
                    }
                    if missing.is_empty() {
                        Ok(cols)
                    } else {
                        out.issues.push(Issue::new(
                            name,
                            Severity::Error,
                            format!("Нет столбцов заданий {} процедуры «{}»: строки этой процедуры не прочитаны. Верните эти столбцы из выгруженного списка и загрузите файл ещё раз.", missing.join(", "), p.key),
                            format!("The columns of tasks {} of «{}» are missing: the rows of this procedure are not read. Put these columns of the exported list back and load the file again.", missing.join(", "), p.key),
                        ).at_row(header.line));
                        Err(())
                    }
                });
                let Ok(cols) = layout.clone() else {
                    out.counts.rejected += 1;
                    continue;
                };
                let ix = indexes.entry(pi).or_insert_with(|| index_of(ds, pi));
                // The work: by code within the school, else by file and row.
                let school_cell = text(row, c_school);
                let code_cell = text(row, c_code);
                let school = ds.schools.iter().position(|s| s.code == school_cell);
                let via_code =
                    school.and_then(
                        |s| match ix.by_code.get(&(s as u32, code_cell.to_string())) {
                            Some(v) if v.len() == 1 => Some(v[0]),
                            _ => None,
                        },
                    );
                let file_cell = text(row, c_file);
                let row_cell = text(row, c_row);
                let row_no = parse_number(row_cell)
                    .filter(|v| v.fract() == 0.0 && *v >= 1.0 && *v < u32::MAX as f64);
                if !row_cell.is_empty() && row_no.is_none() && via_code.is_none() {
                    out.counts.rejected += 1;
                    refuse(&mut out, c_row, format!("«{row_cell}» — не номер строки: впишите номер строки из выгруженного списка."), format!("«{row_cell}» is not a row number: write the row number of the exported list."));
                    continue;
                }
                let file = p.files.iter().position(|f| f == file_cell).or_else(|| {
                    p.files
                        .iter()
                        .position(|f| f.to_lowercase() == file_cell.to_lowercase())
                });
                let via_row = match (file, row_no) {
                    (Some(f), Some(r)) => ix.by_row.get(&(f, r as u32)).copied(),
                    _ => None,
                };
                let i = match (via_code, via_row) {
                    (Some(a), Some(b)) if a != b => {
                        out.counts.rejected += 1;
                        refuse(&mut out, c_code, format!("Код «{code_cell}» и строка {row_cell} файла «{file_cell}» указывают на разные работы: исправьте код или строку, как в выгруженном списке."), format!("Code «{code_cell}» and row {row_cell} of file «{file_cell}» point to different works: correct the code or the row as in the exported list."));
                        continue;
                    }
                    (Some(a), _) => a,
                    (None, Some(b)) => b,
                    (None, None) => {
                        out.counts.rejected += 1;
                        let school_part = if school.is_none() && !school_cell.is_empty() {
                            (
                                format!(" (школы «{school_cell}» нет в данных)"),
                                format!(" (school «{school_cell}» is not in the data)"),
                            )
                        } else {
                            (String::new(), String::new())
                        };
                        refuse(&mut out, if c_code.is_some() { c_code } else { c_row }, format!("Работа не найдена: нет кода «{code_cell}» в школе «{school_cell}»{} и строки «{row_cell}» в файле «{file_cell}» процедуры «{}». Проверьте код, школу, файл и строку: они должны быть как в выгруженном списке.", school_part.0, p.key), format!("The work is not found: no code «{code_cell}» in school «{school_cell}»{} and no row «{row_cell}» in file «{file_cell}» of «{}». Check the code, school, file and row: they must be as in the exported list.", school_part.1, p.key));
                        continue;
                    }
                };
                let r = &p.results;
                if r.absent[i] {
                    out.counts.rejected += 1;
                    refuse(&mut out, c_code, "Этот ученик отсутствовал: у него нет работы. Удалите строку или исправьте код.".into(), "This pupil was absent: there is no work. Delete the row or correct the code.".into());
                    continue;
                }
                // Scores.
                let mut scores = Vec::with_capacity(cols.len());
                let mut not_done = Vec::with_capacity(cols.len());
                let mut blank = Vec::new();
                let mut bad = false;
                for (t, &c) in p.tasks.iter().zip(&cols) {
                    let cell = row.get(c);
                    let v = match parse_score(cell) {
                        Score::Blank => {
                            blank.push(t.label.clone());
                            None
                        }
                        Score::Value(v) if v <= t.max => Some((v, false)),
                        Score::NotDone => Some((0, true)),
                        Score::NotPassed => Some((0, false)),
                        Score::Value(_) | Score::TooLarge(_) => {
                            refuse(&mut out, Some(c), format!("Балл «{cell}» больше максимума задания {} ({}): впишите балл от 0 до {}.", t.label, t.max, t.max), format!("Score «{cell}» is above the maximum of task {} ({}): write a score from 0 to {}.", t.label, t.max, t.max));
                            bad = true;
                            None
                        }
                        _ => {
                            refuse(&mut out, Some(c), format!("«{cell}» — не балл: впишите целое число от 0 до {} (X — задание не выполнялось).", t.max), format!("«{cell}» is not a score: write a whole number from 0 to {} (X: the task was not done).", t.max));
                            bad = true;
                            None
                        }
                    };
                    if let Some((v, x)) = v {
                        scores.push(v);
                        not_done.push(x);
                    }
                }
                if bad {
                    out.counts.rejected += 1;
                    continue;
                }
                if !blank.is_empty() {
                    out.counts.rejected += 1;
                    let first = p
                        .tasks
                        .iter()
                        .zip(&cols)
                        .find(|(t, _)| blank.contains(&t.label))
                        .map(|x| *x.1);
                    if blank.len() == p.tasks.len() {
                        refuse(&mut out, c_total, "Заполнен только первичный балл: впишите баллы за каждое задание (по ним считается согласованность).".into(), "Only the primary score is filled in: write the score of every task (the agreement is computed from them).".into());
                    } else {
                        refuse(&mut out, first, format!("Не заполнены задания {}: впишите баллы за все задания или оставьте строку пустой, если работа не перепроверялась.", blank.join(", ")), format!("Tasks {} are not filled in: write the scores of all tasks, or leave the row empty if the work was not re-checked.", blank.join(", ")));
                    }
                    continue;
                }
                let sum: u32 = scores.iter().map(|&v| u32::from(v)).sum();
                if let Some(c) = c_total {
                    let cell = row.get(c);
                    if !cell.is_empty() {
                        match parse_number(cell) {
                            Some(v) if v == f64::from(sum) => {}
                            Some(v) if v.fract() == 0.0 && v >= 0.0 => {
                                out.counts.rejected += 1;
                                refuse(&mut out, Some(c), format!("Первичный балл {cell} не равен сумме баллов за задания ({sum}): исправьте балл за задание или первичный балл."), format!("The primary score {cell} is not the sum of the task scores ({sum}): correct a task score or the primary score."));
                                continue;
                            }
                            _ => {
                                out.counts.rejected += 1;
                                refuse(&mut out, Some(c), format!("«{cell}» — не первичный балл: впишите целое число (сумму баллов за задания) или оставьте ячейку пустой."), format!("«{cell}» is not a primary score: write a whole number (the sum of the task scores) or leave the cell empty."));
                                continue;
                            }
                        }
                    }
                }
                // Task columns of other procedures must be empty.
                for &(c, _) in &task_cols {
                    if !cols.contains(&c) && !row.get(c).is_empty() {
                        out.issues.push(
                            Issue::new(
                                name,
                                Severity::Warning,
                                format!(
                                    "Столбец не относится к процедуре «{}»: балл «{}» не учтён.",
                                    p.key,
                                    row.get(c)
                                ),
                                format!(
                                    "The column is not a task of «{}»: score «{}» is not used.",
                                    p.key,
                                    row.get(c)
                                ),
                            )
                            .at_row(line)
                            .at_column(header.get(c)),
                        );
                    }
                }
                if let Some((f, l)) = seen.get(&(pi, i)) {
                    out.counts.rejected += 1;
                    refuse(&mut out, c_code, format!("Эта работа уже есть в строке {l} файла «{f}»: оставьте одну строку с её баллами."), format!("This work is already in row {l} of file «{f}»: keep one row with its scores."));
                    continue;
                }
                seen.insert((pi, i), (name.to_string(), line));
                let id = p.key.id();
                let in_sample = list.find(&id, i).is_some();
                if !in_sample {
                    out.counts.not_in_sample += 1;
                    outside.push(line);
                }
                out.counts.used += 1;
                out.works.push(RecheckedWork {
                    procedure: id,
                    index: i,
                    school: ds
                        .schools
                        .get(r.school[i] as usize)
                        .map(|s| s.code.clone())
                        .unwrap_or_default(),
                    scores,
                    not_done,
                    file: name.to_string(),
                    line,
                    in_sample,
                });
            }
        }
        if !found && !grids.is_empty() {
            out.issues.push(Issue::new(
                name,
                Severity::Error,
                "Не найдена строка заголовка списка перепроверки (столбцы «Процедура» и «Код» или «Строка в файле»). Загрузите список, выгруженный Integra, с вписанными баллами; строку заголовка не удаляйте.",
                "The header of a re-check list is not found (columns «Procedure» and «Code» or «Row in file»). Load the list exported by Integra with the scores filled in; keep its header row.",
            ));
        }
        if !outside.is_empty() {
            out.issues.push(Issue::new(
                name,
                Severity::Info,
                format!(
                    "Работ не из выборки: {} (строки {}). Они учтены в сравнении.",
                    outside.len(),
                    rows_list(&outside)
                ),
                format!(
                    "Works outside the sample: {} (rows {}). They are used in the comparison.",
                    outside.len(),
                    rows_list(&outside)
                ),
            ));
        }
    }
    let back: std::collections::HashSet<(&str, usize)> = out
        .works
        .iter()
        .map(|w| (w.procedure.as_str(), w.index))
        .collect();
    let missing: Vec<_> = list
        .works
        .iter()
        .filter(|w| !back.contains(&(w.procedure.as_str(), w.index)))
        .collect();
    out.counts.not_returned = missing.len();
    if !missing.is_empty() {
        let first: Vec<String> = missing
            .iter()
            .take(8)
            .map(|w| {
                format!(
                    "{} {} {}",
                    w.school,
                    w.file.as_deref().unwrap_or("?"),
                    w.row
                )
            })
            .collect();
        let more = if missing.len() > 8 { ", …" } else { "" };
        out.issues.push(Issue::new(
            "",
            Severity::Warning,
            format!("Работ из выборки без баллов перепроверки: {} из {} ({}{more}). Они не входят в сравнение.", missing.len(), list.works.len(), first.join("; ")),
            format!("Works of the sample without re-check scores: {} of {} ({}{more}). They are not in the comparison.", missing.len(), list.works.len(), first.join("; ")),
        ));
    }
    out
}

/// Rows listed for a message: the first eight.
fn rows_list(rows: &[u32]) -> String {
    let mut s = rows
        .iter()
        .take(8)
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if rows.len() > 8 {
        s.push_str(", …");
    }
    s
}
