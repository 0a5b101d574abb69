//! Every table of the drill-down, built once from the core's reports: the screen renders it
//! (sortable, with links) and the export buttons write the same cells to CSV and XLSX, so what
//! is shown and what is exported never differ. Pure functions, unit-tested natively.

use crate::i18n::{drill_texts, level_name, texts, Lang};
use integra_core::model::Task;
use integra_core::report::drill::{ChildRow, GroupReport, PupilRow, PupilSheet, Scope};
use integra_core::report::export::{Cell, Table};
use integra_core::stats::{
    ItemAnalysis, ItemFlag, MarkGroups, SkillReport, StandardMetrics, TaskStatus,
};

/// A table with what only the screen needs: a link per row (the first cell opens it) and a
/// CSS class per cell (status colours).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewTable {
    pub table: Table,
    pub links: Vec<Option<String>>,
    pub classes: Vec<Vec<&'static str>>,
}

impl ViewTable {
    /// An empty table with its title and column names.
    pub(crate) fn new(title: &str, columns: Vec<&str>) -> ViewTable {
        ViewTable {
            table: Table {
                title: title.to_string(),
                columns: columns.into_iter().map(str::to_string).collect(),
                rows: Vec::new(),
            },
            links: Vec::new(),
            classes: Vec::new(),
        }
    }

    /// Adds a row with its link and cell classes.
    pub(crate) fn push(
        &mut self,
        cells: Vec<Cell>,
        link: Option<String>,
        classes: Vec<&'static str>,
    ) {
        self.table.rows.push(cells);
        self.links.push(link);
        self.classes.push(classes);
    }
}

fn pct(x: Option<f64>) -> Cell {
    x.map_or(Cell::Empty, |v| Cell::Percent {
        value: v,
        decimals: 1,
    })
}

pub(crate) fn num(x: Option<f64>, decimals: u8) -> Cell {
    x.map_or(Cell::Empty, |value| Cell::Num { value, decimals })
}

pub(crate) fn int(x: usize) -> Cell {
    Cell::Int(x as i64)
}

pub(crate) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_int(x: Option<u8>) -> Cell {
    x.map_or(Cell::Empty, |v| Cell::Int(v as i64))
}

/// Localised name of a task status.
pub fn status_name(s: TaskStatus, lang: Lang) -> &'static str {
    let d = drill_texts(lang);
    match s {
        TaskStatus::Sufficient => d.sufficient,
        TaskStatus::Borderline => d.borderline,
        TaskStatus::Insufficient => d.insufficient,
    }
}

/// CSS class of a task status.
pub fn status_class(s: Option<TaskStatus>) -> &'static str {
    match s {
        Some(TaskStatus::Sufficient) => "st-ok",
        Some(TaskStatus::Borderline) => "st-border",
        Some(TaskStatus::Insufficient) => "st-low",
        None => "",
    }
}

/// Localised name of an item flag.
pub fn flag_name(f: ItemFlag, lang: Lang) -> &'static str {
    let d = drill_texts(lang);
    match f {
        ItemFlag::TooHard => d.flag_too_hard,
        ItemFlag::TooEasy => d.flag_too_easy,
        ItemFlag::LowRir => d.flag_low_rir,
    }
}

/// «Итоги» as a table for the workbook: every figure of the summary and the journal agreement,
/// the group beside the district.
pub fn summary_table(g: &GroupReport, district: Option<&GroupReport>, lang: Lang) -> ViewTable {
    let d = drill_texts(lang);
    let tx = texts(lang);
    let district = district.filter(|_| !matches!(g.scope, Scope::District));
    let mut cols = vec![d.sec_summary, d.col_n];
    if district.is_some() {
        cols.push(d.col_district);
    }
    let mut t = ViewTable::new(d.sec_summary, cols);
    type CellOf = fn(&GroupReport) -> Cell;
    let rows: [(&str, CellOf); 14] = [
        (d.col_participants, |g| int(g.participants)),
        (d.col_absent, |g| int(g.absent)),
        (d.with_mark, |g| int(g.with_mark)),
        (tx.success, |g| pct(g.metrics.as_ref().map(|m| m.success))),
        (tx.quality, |g| pct(g.metrics.as_ref().map(|m| m.quality))),
        (tx.mean_mark, |g| {
            num(g.metrics.as_ref().map(|m| m.mean_mark), 2)
        }),
        (tx.sou, |g| num(g.metrics.as_ref().map(|m| m.sou), 1)),
        (d.share2, |g| pct(g.metrics.as_ref().map(|m| m.share2))),
        (d.col_share2_change, |g| {
            num(g.share2_change.as_ref().map(|c| c.change_pp), 1)
        }),
        (d.lowered, |g| {
            pct(g.concordance.as_ref().map(|c| c.lowered))
        }),
        (d.confirmed, |g| {
            pct(g.concordance.as_ref().map(|c| c.confirmed))
        }),
        (d.raised, |g| pct(g.concordance.as_ref().map(|c| c.raised))),
        (d.two_plus, |g| {
            pct(g.concordance.as_ref().map(|c| c.two_plus))
        }),
        (d.alpha, |g| {
            num(g.item_analysis.as_ref().and_then(|a| a.alpha), 3)
        }),
    ];
    for (label, get) in rows {
        let mut cells = vec![text(label), get(g)];
        if let Some(dr) = district {
            cells.push(get(dr));
        }
        let classes = vec![""; cells.len()];
        t.push(cells, None, classes);
    }
    t
}

/// Task success of a group against the district and the reference.
pub fn task_table(g: &GroupReport, lang: Lang) -> ViewTable {
    let d = drill_texts(lang);
    let with_district = !matches!(g.scope, Scope::District);
    let with_reference = g.reference_name.is_some();
    let mut cols = vec![d.col_task, d.col_level, d.col_max, d.col_n, d.col_success];
    if with_district {
        cols.push(d.col_district);
    }
    let reference_col = g
        .reference_name
        .as_ref()
        .map(|n| format!("{} ({n})", d.col_reference));
    if let Some(c) = &reference_col {
        cols.push(c);
    }
    cols.push(d.col_status);
    let mut t = ViewTable::new(d.sec_tasks, cols);
    for row in &g.tasks {
        let task = &row.task;
        let mut cells = vec![
            text(task.label.clone()),
            text(task.level.map(|l| level_name(l, lang)).unwrap_or("")),
            Cell::Int(task.max as i64),
            int(task.n),
            pct(task.success),
        ];
        if with_district {
            cells.push(pct(row.district));
        }
        if with_reference {
            cells.push(pct(row.reference));
        }
        cells.push(text(
            task.status.map(|s| status_name(s, lang)).unwrap_or(""),
        ));
        let mut classes = vec![""; cells.len()];
        if let Some(last) = classes.last_mut() {
            *last = status_class(task.status);
        }
        t.push(cells, None, classes);
    }
    t
}

/// The four standard metrics as cells (empty when hidden).
fn metric_cells(m: Option<&StandardMetrics>) -> Vec<Cell> {
    match m {
        Some(m) => vec![
            pct(Some(m.success)),
            pct(Some(m.quality)),
            num(Some(m.mean_mark), 2),
            num(Some(m.sou), 1),
            pct(Some(m.share2)),
        ],
        None => vec![Cell::Empty; 5],
    }
}

/// The URL of a scope in procedure `id`.
pub fn scope_href(id: &str, scope: &Scope) -> String {
    let enc = |s: &str| -> String { urlencoding(s) };
    match scope {
        Scope::District => format!("/procedure/{}", enc(id)),
        Scope::School { school } => format!("/procedure/{}/school/{}", enc(id), enc(school)),
        Scope::Class { school, class } => format!(
            "/procedure/{}/school/{}/class/{}",
            enc(id),
            enc(school),
            enc(class)
        ),
    }
}

/// The URL of a pupil's sheet.
pub fn pupil_href(id: &str, school: &str, class: &str, pupil: &str) -> String {
    format!(
        "{}/pupil/{}",
        scope_href(
            id,
            &Scope::Class {
                school: school.into(),
                class: class.into()
            }
        ),
        urlencoding(pupil)
    )
}

/// Percent-encoding of a path segment (RFC 3986 unreserved characters kept).
pub fn urlencoding(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The schools of the district or the classes of a school, every figure a sortable column.
pub fn children_table(id: &str, rows: &[ChildRow], schools: bool, lang: Lang) -> ViewTable {
    let d = drill_texts(lang);
    let tx = texts(lang);
    let mut cols = vec![if schools { d.col_school } else { d.col_class }];
    if schools {
        cols.push(d.col_name);
    }
    cols.extend([
        d.col_participants,
        d.col_absent,
        tx.success,
        tx.quality,
        tx.mean_mark,
        tx.sou,
        d.share2,
        d.col_mean_score,
    ]);
    if schools {
        cols.push(d.col_share2_change);
    }
    cols.extend([d.col_lowered, d.col_raised]);
    let title = if schools {
        d.sec_schools
    } else {
        d.sec_classes
    };
    let mut t = ViewTable::new(title, cols);
    for r in rows {
        let mut cells = vec![text(r.label.clone())];
        if schools {
            cells.push(text(r.name.clone().unwrap_or_default()));
        }
        cells.extend([int(r.participants), int(r.absent)]);
        cells.extend(metric_cells(r.metrics.as_ref()));
        cells.push(pct(r.mean_score));
        if schools {
            cells.push(num(r.share2_change_pp, 1));
        }
        cells.push(pct(r.concordance.as_ref().map(|c| c.lowered)));
        cells.push(pct(r.concordance.as_ref().map(|c| c.raised)));
        let mut classes = vec![""; cells.len()];
        if schools && r.share2_change_pp.is_some_and(|c| c >= 10.0 - 1e-9) {
            let at = cells.len() - 3;
            classes[at] = "st-low";
        }
        t.push(cells, Some(scope_href(id, &r.scope)), classes);
    }
    t
}

/// The pupils of a class by pseudonymous code, with the score per task.
pub fn pupils_table(
    id: &str,
    school: &str,
    class: &str,
    tasks: &[Task],
    rows: &[PupilRow],
    lang: Lang,
) -> ViewTable {
    let d = drill_texts(lang);
    let task_cols: Vec<String> = tasks
        .iter()
        .map(|t| format!("{} {}", d.col_task, t.label))
        .collect();
    let mut cols = vec![d.col_pupil, d.col_variant];
    cols.extend(task_cols.iter().map(String::as_str));
    cols.extend([d.col_total, d.col_mark, d.col_journal]);
    let mut t = ViewTable::new(d.sec_pupils, cols);
    for r in rows {
        let mut cells = vec![
            text(r.pupil.clone()),
            text(r.variant.clone().unwrap_or_default()),
        ];
        if r.absent {
            cells.extend(tasks.iter().map(|_| Cell::Empty));
            cells.extend([Cell::Empty, text(d.absent_mark), opt_int(r.journal)]);
        } else {
            cells.extend(r.scores.iter().map(|s| opt_int(*s)));
            cells.extend([num(r.total, 0), opt_int(r.mark), opt_int(r.journal)]);
        }
        let classes = vec![""; cells.len()];
        t.push(
            cells,
            Some(pupil_href(id, school, class, &r.pupil)),
            classes,
        );
    }
    t
}

/// Success by mark group: one row per task, one column per group.
pub fn mark_groups_table(mg: &MarkGroups, tasks: &[Task], lang: Lang) -> ViewTable {
    let d = drill_texts(lang);
    let heads: Vec<String> = mg
        .groups
        .iter()
        .map(|g| format!("{} «{}» (n = {})", d.group_of, g.mark, g.n))
        .collect();
    let mut cols = vec![d.col_task, d.col_level];
    cols.extend(heads.iter().map(String::as_str));
    let mut t = ViewTable::new(d.sec_mark_groups, cols);
    for (j, task) in tasks.iter().enumerate() {
        let mut cells = vec![
            text(task.label.clone()),
            text(task.level.map(|l| level_name(l, lang)).unwrap_or("")),
        ];
        let mut classes = vec!["", ""];
        for g in &mg.groups {
            cells.push(pct(g.success.get(j).copied().flatten()));
            let anomalous = mg
                .anomalies
                .iter()
                .any(|a| a.task == j && a.lower == g.mark);
            classes.push(if anomalous { "st-low" } else { "" });
        }
        t.push(cells, None, classes);
    }
    t
}

/// Item analysis: difficulty, RIR, alpha if deleted and flags per task.
pub fn items_table(a: &ItemAnalysis, tasks: &[Task], lang: Lang) -> ViewTable {
    let d = drill_texts(lang);
    let cols = vec![
        d.col_task,
        d.col_level,
        d.col_n,
        d.col_p,
        d.col_rir,
        d.col_alpha_deleted,
        d.col_flags,
    ];
    let mut t = ViewTable::new(d.sec_items, cols);
    for (j, it) in a.items.iter().enumerate() {
        let flags: Vec<&str> = it.flags.iter().map(|f| flag_name(*f, lang)).collect();
        let level = tasks.get(j).and_then(|t| t.level);
        let cells = vec![
            text(it.label.clone()),
            text(level.map(|l| level_name(l, lang)).unwrap_or("")),
            int(it.n),
            num(it.p, 2),
            num(it.rir, 2),
            num(it.alpha_if_deleted, 3),
            text(flags.join(", ")),
        ];
        let mut classes = vec![""; cells.len()];
        if !it.flags.is_empty() {
            classes[6] = "st-border";
        }
        t.push(cells, None, classes);
    }
    t
}

/// Success per skill of a group beside the district, with the deficit verdict.
pub fn skills_table(
    group: &SkillReport,
    district: Option<&SkillReport>,
    tasks: &[Task],
    lang: Lang,
) -> ViewTable {
    let d = drill_texts(lang);
    let mut cols = vec![d.col_skill, d.col_tasks, d.col_n, d.col_success];
    if district.is_some() {
        cols.push(d.col_district);
    }
    cols.extend([d.col_insufficient, d.col_deficit]);
    let mut t = ViewTable::new(d.sec_skills, cols);
    for s in &group.skills {
        let labels: Vec<&str> = s
            .tasks
            .iter()
            .filter_map(|&j| tasks.get(j).map(|t| t.label.as_str()))
            .collect();
        let mut cells = vec![
            text(s.skill.clone()),
            text(labels.join(", ")),
            int(s.n),
            pct(s.success),
        ];
        if let Some(dr) = district {
            cells.push(pct(dr
                .skills
                .iter()
                .find(|x| x.skill == s.skill)
                .and_then(|x| x.success)));
        }
        cells.push(text(format!("{} / {}", s.insufficient, s.counted)));
        cells.push(text(if s.deficit { d.deficit_yes } else { "" }));
        let mut classes = vec![""; cells.len()];
        if s.deficit {
            let last = classes.len() - 1;
            classes[last] = "st-low";
        }
        t.push(cells, None, classes);
    }
    t
}

/// The schools (or classes) below with their systemic deficits.
pub fn skill_children_table(
    id: &str,
    children: &[(String, Scope, SkillReport)],
    schools: bool,
    lang: Lang,
) -> ViewTable {
    let d = drill_texts(lang);
    let first = if schools { d.col_school } else { d.col_class };
    let mut t = ViewTable::new(
        d.col_deficits_list,
        vec![first, d.col_deficits_n, d.col_deficits_list],
    );
    for (label, scope, r) in children {
        let names: Vec<&str> = r.deficits().map(|s| s.skill.as_str()).collect();
        let cells = vec![
            text(label.clone()),
            int(names.len()),
            text(names.join("; ")),
        ];
        let classes = vec!["", if names.is_empty() { "" } else { "st-low" }, ""];
        t.push(cells, Some(scope_href(id, scope)), classes);
    }
    t
}

/// A pupil's sheet: the pupil's points per task against the class and the district.
pub fn sheet_table(s: &PupilSheet, lang: Lang) -> ViewTable {
    let d = drill_texts(lang);
    let cols = vec![
        d.col_task,
        d.col_level,
        d.col_max,
        d.sheet_col_result,
        d.sheet_col_class,
        d.col_district,
        d.sheet_col_words,
    ];
    let mut t = ViewTable::new(d.sheet_title, cols);
    for task in &s.tasks {
        let words = crate::pages::pupil::task_words(task, lang);
        let cells = vec![
            text(task.label.clone()),
            text(task.level.map(|l| level_name(l, lang)).unwrap_or("")),
            Cell::Int(task.max as i64),
            opt_int(task.score),
            pct(task.class),
            pct(task.district),
            text(words),
        ];
        let mut classes = vec![""; cells.len()];
        classes[3] = crate::pages::pupil::mastery_class(task.mastery);
        t.push(cells, None, classes);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_rows_hide_what_the_core_hid() {
        let g = GroupReport {
            procedure: "x".into(),
            scope: Scope::School { school: "s".into() },
            participants: 4,
            absent: 1,
            with_mark: 4,
            metrics: None,
            share2_change: None,
            histogram: None,
            tasks: vec![],
            reference_name: None,
            mark_groups: None,
            concordance: None,
            item_analysis: None,
        };
        let t = summary_table(&g, Some(&g), Lang::Ru).table;
        assert_eq!(t.columns.len(), 3, "the district beside a school");
        assert_eq!(t.rows[0][1], Cell::Int(4));
        assert!(
            t.rows[3..].iter().all(|r| r[1] == Cell::Empty),
            "no figure under 5"
        );
    }

    #[test]
    fn urls_encode_cyrillic_and_spaces() {
        let s = Scope::Class {
            school: "ГБОУ 12".into(),
            class: "5А".into(),
        };
        assert_eq!(
            scope_href("vpr-математика-5-2025", &s),
            "/procedure/vpr-%D0%BC%D0%B0%D1%82%D0%B5%D0%BC%D0%B0%D1%82%D0%B8%D0%BA%D0%B0-5-2025/school/%D0%93%D0%91%D0%9E%D0%A3%2012/class/5%D0%90"
        );
        assert_eq!(
            pupil_href("x", "s", "c", "ab/c"),
            "/procedure/x/school/s/class/c/pupil/ab%2Fc"
        );
    }
}
