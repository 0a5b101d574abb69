//! External reference aggregates: ФИС ОКО «Выполнение заданий» (one row per group of
//! participants — «Вся выборка», region or city, district, school — with the number of
//! participants and one column per task holding the percent of success) and «Статистика по
//! отметкам» (the same groups with the percent of «2», «3», «4», «5»).
//!
//! Detection: the header has task columns (`1`, `2`, `3(1)`, `1К1`) or mark columns (`«2»`,
//! `%«3»`, `Отметка 4`, or exactly `2 3 4 5`); a text column names the groups and at least one
//! group is a country, region or district (not only schools: one row per school code is a
//! school table); there are no pupil or school-code columns; the values are numbers from 0 to
//! 100 with a percent sign, a decimal part or a participants column beside them.

use super::columns::{norm, Guess};
use super::grid::{Grid, GridRow};
use super::header::Layout;
use super::labels::label_of;
use super::log::IssueLog;
use super::task_info::{clean, hints};
use super::values::{is_suppressed, parse_number};
use super::{
    ColumnInfo, ColumnRole, FileImport, FileSummary, ImportOptions, ImportedData, Need, Severity,
    TableKind,
};
use crate::model::{GroupScope, ProcedureKey, ProcedureKind, ReferenceGroup, ReferenceTable};

/// Rows looked at to decide what a table is.
const SAMPLE: usize = 400;

/// The columns of a reference table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Plan {
    pub group: usize,
    pub count: Option<usize>,
    /// (column, task label).
    pub tasks: Vec<(usize, String)>,
    /// (column, mark 2..5).
    pub marks: Vec<(usize, u8)>,
}

/// A mark column header: `«2»`, `%«3»`, `"4"`, `Отметка 5`, `Доля «2», %`. `Some((mark,
/// decorated))`; a bare digit is not decorated (it may be a task).
fn mark_header(h: &str) -> Option<(u8, bool)> {
    let l = norm(h);
    let mut rest = l.clone();
    for w in [
        "доля",
        "процент",
        "отметки",
        "отметка",
        "отметку",
        "оценки",
        "оценка",
        "mark",
        "получивших",
        "на",
        "с",
        "в",
    ] {
        rest = rest.replace(w, "");
    }
    let rest: String = rest
        .chars()
        .filter(|c| !"«»\"'%().,:;- ".contains(*c))
        .collect();
    let d = rest.parse::<u8>().ok().filter(|d| (2..=5).contains(d))?;
    Some((d, rest.len() != l.len()))
}

/// A column with the number of participants (not the number of schools).
fn is_count(h: &str) -> bool {
    let schools = h.split(|c: char| !c.is_alphanumeric()).any(|w| w == "оо")
        || h.contains("школ")
        || h.contains("организац");
    let count = h.contains("кол-во")
        || h.contains("количество")
        || h.contains("число")
        || h.contains("участ")
        || h.contains("чел")
        || matches!(h, "n" | "count" | "participants" | "number of participants");
    count && !schools && !h.contains("групп")
}

fn sample<'a>(grid: &'a Grid, lay: &Layout) -> Vec<&'a GridRow> {
    grid.rows
        .get(lay.data_start..)
        .unwrap_or(&[])
        .iter()
        .filter(|r| !r.is_blank())
        .take(SAMPLE)
        .collect()
}

/// Finds the columns of a reference table; `None` when the table is not one. `forced`: the
/// user said it is one, so only a group column and value columns are required.
pub(crate) fn detect(grid: &Grid, lay: &Layout, guesses: &[Guess], forced: bool) -> Option<Plan> {
    let n = lay.width;
    let mut tasks = Vec::new();
    let mut marks = Vec::new();
    let mut bare = Vec::new();
    let mut count = None;
    let mut others = Vec::new();
    for c in 0..n {
        let key = lay.keys.get(c).map(String::as_str).unwrap_or("");
        let full = norm(lay.headers.get(c).map(String::as_str).unwrap_or(""));
        let marks_parent =
            full.contains("отметк") || full.contains("оценк") || full.contains("распределение");
        match mark_header(key) {
            Some((m, true)) => {
                marks.push((c, m));
                continue;
            }
            Some((m, false)) if marks_parent => {
                marks.push((c, m));
                continue;
            }
            Some((m, false)) => bare.push((c, m)),
            None => {}
        }
        if let Some(l) = label_of(key) {
            tasks.push((c, l));
            continue;
        }
        if count.is_none() && is_count(&norm(key)) {
            count = Some(c);
            continue;
        }
        others.push(c);
    }
    // Exactly `2 3 4 5` and no other task: the marks table.
    let mut bare_marks: Vec<u8> = bare.iter().map(|b| b.1).collect();
    bare_marks.sort_unstable();
    if marks.is_empty() && tasks.len() == 4 && bare_marks == [2, 3, 4, 5] {
        marks = bare.clone();
        tasks.clear();
    }
    if tasks.is_empty() && marks.is_empty() {
        return None;
    }
    if !forced {
        for &c in &others {
            let pupil_or_school = match guesses.get(c) {
                Some(Guess::Role(r, p)) => {
                    matches!(
                        r,
                        ColumnRole::PupilName
                            | ColumnRole::Class
                            | ColumnRole::Journal
                            | ColumnRole::Variant
                            | ColumnRole::Sex
                            | ColumnRole::Mark
                            | ColumnRole::Total
                    ) || (*r == ColumnRole::PupilCode && *p >= 2)
                        || (*r == ColumnRole::School && c != others[0])
                }
                Some(Guess::Name) => c != others[0],
                _ => false,
            };
            if pupil_or_school {
                return None;
            }
        }
    }
    let rows = sample(grid, lay);
    let group = others.iter().copied().find(|&c| {
        let v: Vec<&str> = rows
            .iter()
            .map(|r| r.get(c))
            .filter(|v| !v.is_empty())
            .collect();
        !v.is_empty() && v.iter().filter(|x| parse_number(x).is_none()).count() * 10 >= v.len() * 6
    })?;
    if !forced {
        let scopes: Vec<GroupScope> = rows
            .iter()
            .map(|r| r.get(group))
            .filter(|v| !v.is_empty())
            .map(GroupScope::of)
            .collect();
        if !scopes.iter().any(|s| {
            matches!(
                s,
                GroupScope::Country | GroupScope::Region | GroupScope::District
            )
        }) {
            return None;
        }
        let (mut cells, mut nums, mut in_range, mut percent_like) = (0usize, 0usize, 0usize, false);
        for r in &rows {
            for c in tasks.iter().map(|t| t.0).chain(marks.iter().map(|m| m.0)) {
                let v = r.get(c);
                if v.is_empty() || is_suppressed(v) {
                    continue;
                }
                cells += 1;
                if let Some(x) = parse_number(v) {
                    nums += 1;
                    if (0.0..=100.0).contains(&x) {
                        in_range += 1;
                    }
                    percent_like |= v.contains('%') || x.fract() != 0.0;
                }
            }
        }
        let titles = lay.titles.join(" ").to_lowercase();
        percent_like |= count.is_some()
            || ["%", "процент", "выполнени", "отметк"]
                .iter()
                .any(|w| titles.contains(w));
        if cells == 0 || nums * 10 < cells * 8 || in_range * 10 < nums * 9 || !percent_like {
            return None;
        }
    }
    Some(Plan {
        group,
        count,
        tasks,
        marks,
    })
}

fn header(lay: &Layout, c: usize) -> String {
    lay.headers
        .get(c)
        .filter(|h| !h.is_empty())
        .cloned()
        .unwrap_or_else(|| format!("#{}", c + 1))
}

const ROW: usize = usize::MAX;

/// Reads a reference table.
pub(crate) fn import(
    name: &str,
    grid: &Grid,
    lay: &Layout,
    plan: Plan,
    opts: &ImportOptions,
    mut summary: FileSummary,
    mut log: IssueLog,
) -> FileImport {
    let data: Vec<&GridRow> = grid
        .rows
        .get(lay.data_start..)
        .unwrap_or(&[])
        .iter()
        .filter(|r| !r.is_blank())
        .collect();
    let value_cols: Vec<usize> = plan
        .tasks
        .iter()
        .map(|t| t.0)
        .chain(plan.marks.iter().map(|m| m.0))
        .collect();
    // Percent (67,5 or 67.5%) unless every value is a share (at most 1, some fractional).
    let (mut top, mut frac, mut pct) = (0.0f64, false, false);
    for r in &data {
        for &c in &value_cols {
            let v = r.get(c);
            if let Some(x) = parse_number(v) {
                top = top.max(x);
                frac |= x.fract() != 0.0;
                pct |= v.contains('%');
            }
        }
    }
    let percent = pct || top > 1.0 || !frac;
    let (limit, div) = if percent { (100.0, 100.0) } else { (1.0, 1.0) };
    let group_h = header(lay, plan.group);
    let mut groups = Vec::new();
    for r in data {
        let line = r.line;
        let name_cell = clean(r.get(plan.group));
        let has_values = value_cols.iter().any(|&c| !r.get(c).is_empty());
        if name_cell.is_empty() {
            if has_values {
                log.row(
                    "no_group",
                    plan.group,
                    Some(&group_h),
                    Severity::Warning,
                    line,
                    || "В строке нет названия группы: строка пропущена.".into(),
                    || "The row has no group name: it was skipped.".into(),
                );
            }
            continue;
        }
        if name_cell.to_lowercase().starts_with("макс") {
            continue;
        }
        let mut value = |c: usize| -> Option<f64> {
            let v = r.get(c);
            if v.is_empty() || is_suppressed(v) {
                return None;
            }
            match parse_number(v) {
                Some(x) if (0.0..=limit).contains(&x) => Some(x / div),
                _ => {
                    let shown: String = v.chars().take(30).collect();
                    let h = header(lay, c);
                    log.row(
                        "bad_share",
                        c,
                        Some(&h),
                        Severity::Warning,
                        line,
                        || format!("«{shown}» — не процент от 0 до 100: значение не учтено."),
                        || format!("\"{shown}\" is not a percentage from 0 to 100: the value was not used."),
                    );
                    None
                }
            }
        };
        let task_success: Vec<(String, f64)> = plan
            .tasks
            .iter()
            .filter_map(|(c, l)| value(*c).map(|x| (l.clone(), x)))
            .collect();
        let mut m = [None; 4];
        for &(c, mark) in &plan.marks {
            if let Some(slot) = m.get_mut(mark as usize - 2) {
                *slot = value(c);
            }
        }
        let mark_shares = match m {
            [Some(a), Some(b), Some(c), Some(d)] => Some([a, b, c, d]),
            _ => None,
        };
        let n = plan.count.and_then(|c| {
            let v = r.get(c);
            if v.is_empty() || is_suppressed(v) {
                return None;
            }
            match parse_number(v) {
                Some(x) if x >= 0.0 && x.fract() == 0.0 && x < 1e12 => Some(x as usize),
                _ => {
                    let shown: String = v.chars().take(30).collect();
                    let h = header(lay, c);
                    log.row(
                        "bad_count",
                        c,
                        Some(&h),
                        Severity::Warning,
                        line,
                        || format!("Число участников «{shown}» не целое неотрицательное: не учтено."),
                        || format!("The number of participants \"{shown}\" is not a whole non-negative number: not used."),
                    );
                    None
                }
            }
        });
        if task_success.is_empty() && mark_shares.is_none() && n.is_none() {
            log.row(
                "empty_group",
                ROW,
                None,
                Severity::Info,
                line,
                || "В строке нет ни одного значения: строка пропущена.".into(),
                || "The row holds no value: it was skipped.".into(),
            );
            continue;
        }
        groups.push(ReferenceGroup {
            scope: GroupScope::of(&name_cell),
            name: name_cell,
            n,
            task_success,
            mark_shares,
        });
    }
    summary.columns = (0..lay.width)
        .map(|c| ColumnInfo {
            index: c,
            header: header(lay, c),
            role: match plan.tasks.iter().find(|t| t.0 == c) {
                Some((_, l)) => ColumnRole::Task(l.clone()),
                None if c == plan.group
                    || Some(c) == plan.count
                    || plan.marks.iter().any(|m| m.0 == c) =>
                {
                    ColumnRole::Value
                }
                None => ColumnRole::Ignored,
            },
        })
        .collect();
    if groups.is_empty() {
        log.push(
            Severity::Error,
            "Ни одна строка не прочитана как группа участников с процентами. Проверьте столбцы.",
            "Not a single row was read as a group of participants with percentages. Check the columns.",
        );
        return super::pipeline::refused(summary, log);
    }
    // The procedure, as for a results file.
    let h = hints(&lay.titles, name, opts);
    let mut needs = Vec::new();
    let kind = h.kind.unwrap_or_else(|| {
        needs.push(Need::Kind);
        ProcedureKind::Other
    });
    let subject = h.subject.unwrap_or_else(|| {
        needs.push(Need::Subject);
        "—".to_string()
    });
    if h.grade.is_none() {
        needs.push(Need::Grade);
    }
    if h.year.is_none() {
        needs.push(Need::Year);
    }
    let key = ProcedureKey {
        kind,
        subject,
        grade: h.grade,
        year: h.year,
    };
    let names = groups
        .iter()
        .take(6)
        .map(|g| format!("«{}»", g.name))
        .collect::<Vec<_>>()
        .join(", ");
    let (more_ru, more_en) = if groups.len() > 6 {
        (
            format!(" и ещё {}", groups.len() - 6),
            format!(" and {} more", groups.len() - 6),
        )
    } else {
        (String::new(), String::new())
    };
    let what_ru = match (plan.tasks.is_empty(), plan.marks.is_empty()) {
        (false, true) => format!("выполнение {} заданий", plan.tasks.len()),
        (true, false) => "доли отметок".to_string(),
        _ => format!("выполнение {} заданий и доли отметок", plan.tasks.len()),
    };
    let what_en = match (plan.tasks.is_empty(), plan.marks.is_empty()) {
        (false, true) => format!("success on {} tasks", plan.tasks.len()),
        (true, false) => "mark shares".to_string(),
        _ => format!("success on {} tasks and mark shares", plan.tasks.len()),
    };
    log.push(
        Severity::Info,
        format!("Эталонные показатели ({what_ru}) для групп: {names}{more_ru}. Это не результаты учеников: они используются для сравнения."),
        format!("Reference figures ({what_en}) for groups: {names}{more_en}. These are not pupil results: they are used for comparison."),
    );
    summary.table = TableKind::Reference;
    summary.procedure = Some(key.clone());
    summary.needs = needs;
    summary.issues = log.finish();
    FileImport {
        summary,
        data: ImportedData::Reference {
            table: ReferenceTable {
                file: name.to_string(),
                key,
                groups,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_headers() {
        assert_eq!(mark_header("«2»"), Some((2, true)));
        assert_eq!(mark_header("%«5»"), Some((5, true)));
        assert_eq!(mark_header("Отметка 4"), Some((4, true)));
        assert_eq!(mark_header("Доля «3», %"), Some((3, true)));
        assert_eq!(mark_header("3"), Some((3, false)));
        assert_eq!(mark_header("1"), None);
        assert_eq!(mark_header("6"), None);
        assert_eq!(mark_header("3(1)"), None);
    }

    #[test]
    fn count_headers() {
        assert!(is_count("кол-во уч."));
        assert!(is_count("количество участников"));
        assert!(!is_count("кол-во оо"));
        assert!(!is_count("группы участников") && is_count("участников"));
    }
}
