//! The procedure drill-down (seed 002's levels): the figures of one group — the district, a
//! school, a class — beside the level above it, the rows of the level below, and a pupil's sheet.
//!
//! Main types: [`Scope`] (which group), [`GroupReport`] (every METHODOLOGY §2 figure for it),
//! [`ChildRow`] (one row of the schools or classes table), [`PupilRow`] and [`PupilSheet`].
//! Privacy is applied here: a group under [`MIN_SHOWN`] participants carries no figure, and the
//! group statistics (mark groups, item analysis) need [`MIN_GROUP`].

use crate::model::{Dataset, Procedure, TaskLevel};
use crate::privacy::{may_show, MIN_GROUP, MIN_SHOWN};
use crate::stats::tasks::participants;
use crate::stats::{
    concordance, item_analysis, primary_histogram, success_by_mark, task_success, Concordance,
    Histogram, ItemAnalysis, ItemSample, MarkCounts, MarkGroups, StandardMetrics, TaskStatus,
    TaskSuccess,
};
use serde::{Deserialize, Serialize};

/// A rise of the share of «2» by this many percentage points or more is negative [S2].
pub const SHARE2_RISE_NEGATIVE_PP: f64 = 10.0;

/// Which pupils a view is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "level", rename_all = "snake_case")]
pub enum Scope {
    District,
    School { school: String },
    Class { school: String, class: String },
}

impl Scope {
    /// The scope one level up (the district for a school, the school for a class).
    pub fn parent(&self) -> Option<Scope> {
        match self {
            Scope::District => None,
            Scope::School { .. } => Some(Scope::District),
            Scope::Class { school, .. } => Some(Scope::School {
                school: school.clone(),
            }),
        }
    }

    /// Row indices of the procedure that belong to this scope (absent pupils included;
    /// the statistics skip them). Empty when the school or class is not in the procedure.
    pub fn rows(&self, ds: &Dataset, p: &Procedure) -> Vec<usize> {
        let r = &p.results;
        match self {
            Scope::District => (0..r.len()).collect(),
            Scope::School { school } => match school_idx(ds, school) {
                Some(s) => (0..r.len()).filter(|&i| r.school[i] == s).collect(),
                None => Vec::new(),
            },
            Scope::Class { school, class } => match school_idx(ds, school) {
                Some(s) => (0..r.len())
                    .filter(|&i| r.school[i] == s && r.class[i].as_deref() == Some(class.as_str()))
                    .collect(),
                None => Vec::new(),
            },
        }
    }
}

fn school_idx(ds: &Dataset, code: &str) -> Option<u32> {
    ds.schools
        .iter()
        .position(|s| s.code == code)
        .map(|i| i as u32)
}

/// The share of «2» this year against the last earlier year of the same procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share2Change {
    pub previous_year: u16,
    /// Shares 0..=1.
    pub previous: f64,
    pub current: f64,
    /// (current − previous) in percentage points.
    pub change_pp: f64,
    /// A rise of [`SHARE2_RISE_NEGATIVE_PP`] or more.
    pub negative: bool,
}

/// One task of a group: its success, and the same task in the district and the external
/// reference (city or region) for comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskRow {
    /// `success` and `status` are `None` when fewer than 5 pupils have a score.
    pub task: TaskSuccess,
    /// The district's success (for a school or class view; the same as `task` for the district).
    pub district: Option<f64>,
    /// The reference aggregate's success, when a reference file for the procedure is loaded.
    pub reference: Option<f64>,
}

/// Every METHODOLOGY §2 figure for one group of one procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupReport {
    /// `ProcedureKey::id()`.
    pub procedure: String,
    pub scope: Scope,
    pub participants: usize,
    pub absent: usize,
    /// Participants with a mark.
    pub with_mark: usize,
    /// `None` under 5 participants with a mark.
    pub metrics: Option<StandardMetrics>,
    /// `None` without an earlier year or under 5 with a mark in either year; never for a class
    /// (a class changes its name from year to year).
    pub share2_change: Option<Share2Change>,
    /// `None` under 5 participants with a primary score.
    pub histogram: Option<Histogram>,
    pub tasks: Vec<TaskRow>,
    /// Name of the reference group whose success fills `TaskRow::reference`.
    pub reference_name: Option<String>,
    /// `None` under 10 participants.
    pub mark_groups: Option<MarkGroups>,
    /// `None` under 5 participants with both marks.
    pub concordance: Option<Concordance>,
    /// `None` under 10 participants.
    pub item_analysis: Option<ItemAnalysis>,
}

fn counts(p: &Procedure, rows: &[usize]) -> (usize, usize, MarkCounts) {
    let r = &p.results;
    let mut c = MarkCounts::default();
    let mut absent = 0;
    let mut part = 0;
    for &i in rows {
        if i >= r.len() {
            continue;
        }
        if r.absent[i] {
            absent += 1;
            continue;
        }
        part += 1;
        if let Some(m) = r.mark[i] {
            c.add(m);
        }
    }
    (part, absent, c)
}

fn shown_metrics(c: &MarkCounts) -> Option<StandardMetrics> {
    may_show(c.total())
        .then(|| StandardMetrics::from_counts(c))
        .flatten()
}

/// The share of «2» of `scope` against the last earlier year (never for a class).
pub fn share2_change(ds: &Dataset, p: &Procedure, scope: &Scope) -> Option<Share2Change> {
    if matches!(scope, Scope::Class { .. }) {
        return None;
    }
    let prev = crate::stats::trends::previous_year(ds, &p.key)?;
    share2_between(p, &scope.rows(ds, p), prev, &scope.rows(ds, prev))
}

/// The share of «2» of `rows` of `p` against `before_rows` of the earlier `prev`.
fn share2_between(
    p: &Procedure,
    rows: &[usize],
    prev: &Procedure,
    before_rows: &[usize],
) -> Option<Share2Change> {
    let now = shown_metrics(&counts(p, rows).2)?;
    let before = shown_metrics(&counts(prev, before_rows).2)?;
    let change_pp = (now.share2 - before.share2) * 100.0;
    Some(Share2Change {
        previous_year: prev.key.year?,
        previous: before.share2,
        current: now.share2,
        change_pp,
        negative: change_pp >= SHARE2_RISE_NEGATIVE_PP - 1e-9,
    })
}

/// Task success with the privacy rule applied (no success under 5 scored pupils).
fn private_tasks(p: &Procedure, rows: &[usize]) -> Vec<TaskSuccess> {
    task_success(&p.results, &p.tasks, rows)
        .into_iter()
        .map(|mut t| {
            if t.n < MIN_SHOWN {
                t.success = None;
                t.status = None;
            }
            t
        })
        .collect()
}

/// The external reference for `p` (a city or region aggregates file loaded beside it): the name
/// of its main group and its success per task of `p`, in task order.
pub fn reference_of(ds: &Dataset, p: &Procedure) -> Option<(String, Vec<Option<f64>>)> {
    let r = ds.reference_for(&p.key)?;
    let g = r.main_group()?;
    let success: Vec<Option<f64>> = p
        .tasks
        .iter()
        .map(|t| r.task_success(g, &t.label))
        .collect();
    success
        .iter()
        .any(Option::is_some)
        .then(|| (r.groups[g].name.clone(), success))
}

/// Computes every figure of `scope` in procedure `p` of `ds`. `reference` is the external
/// reference's success per task (in task order) and its group name, when one is loaded.
/// For many groups of one procedure, build one [`ProcedureDrill`] and ask it for each.
pub fn group_report(
    ds: &Dataset,
    p: &Procedure,
    scope: &Scope,
    reference: Option<(&str, &[Option<f64>])>,
) -> GroupReport {
    let reference = reference.map(|(n, r)| (n.to_string(), r.to_vec()));
    ProcedureDrill::new(ds, p, reference).group(scope)
}

/// Rows of each school of `p` (absent pupils included), by the dataset's school index.
fn rows_by_school(ds: &Dataset, p: &Procedure) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); ds.schools.len()];
    for (i, &s) in p.results.school.iter().enumerate() {
        if let Some(v) = out.get_mut(s as usize) {
            v.push(i);
        }
    }
    out
}

/// One procedure's drill-down: what every group report of it shares (the district's task
/// success, the external reference, each school's rows, the earlier year) computed once, so
/// that the reports of all its schools cost one pass over the pupils, not one per school.
pub struct ProcedureDrill<'a> {
    ds: &'a Dataset,
    p: &'a Procedure,
    district: Vec<Option<f64>>,
    reference: Option<(String, Vec<Option<f64>>)>,
    by_school: Vec<Vec<usize>>,
    /// The last earlier year of the procedure and its rows by school.
    previous: Option<(&'a Procedure, Vec<Vec<usize>>)>,
}

impl<'a> ProcedureDrill<'a> {
    /// The drill-down of `p`, with `reference` (group name, success per task) when given.
    pub fn new(
        ds: &'a Dataset,
        p: &'a Procedure,
        reference: Option<(String, Vec<Option<f64>>)>,
    ) -> ProcedureDrill<'a> {
        let all: Vec<usize> = (0..p.results.len()).collect();
        let district = private_tasks(p, &all).iter().map(|t| t.success).collect();
        let previous = crate::stats::trends::previous_year(ds, &p.key)
            .map(|prev| (prev, rows_by_school(ds, prev)));
        ProcedureDrill {
            ds,
            p,
            district,
            reference,
            by_school: rows_by_school(ds, p),
            previous,
        }
    }

    /// The drill-down of `p` with the external reference loaded beside it ([`reference_of`]).
    pub fn with_loaded_reference(ds: &'a Dataset, p: &'a Procedure) -> ProcedureDrill<'a> {
        ProcedureDrill::new(ds, p, reference_of(ds, p))
    }

    /// Rows of `scope` (as [`Scope::rows`], from the index built once).
    fn rows_of(&self, scope: &Scope, p: &Procedure, index: &[Vec<usize>]) -> Vec<usize> {
        match scope {
            Scope::District => (0..p.results.len()).collect(),
            Scope::School { school } => school_idx(self.ds, school)
                .and_then(|s| index.get(s as usize))
                .cloned()
                .unwrap_or_default(),
            Scope::Class { .. } => scope.rows(self.ds, p),
        }
    }

    fn share2(&self, scope: &Scope, rows: &[usize]) -> Option<Share2Change> {
        if matches!(scope, Scope::Class { .. }) {
            return None;
        }
        let (prev, index) = self.previous.as_ref()?;
        share2_between(self.p, rows, prev, &self.rows_of(scope, prev, index))
    }

    /// Every figure of `scope`.
    pub fn group(&self, scope: &Scope) -> GroupReport {
        let p = self.p;
        let rows = self.rows_of(scope, p, &self.by_school);
        let (part, absent, c) = counts(p, &rows);
        let tasks = private_tasks(p, &rows)
            .into_iter()
            .enumerate()
            .map(|(j, task)| TaskRow {
                task,
                district: self.district.get(j).copied().flatten(),
                reference: self
                    .reference
                    .as_ref()
                    .and_then(|(_, r)| r.get(j).copied().flatten()),
            })
            .collect();
        let histogram = Some(primary_histogram(p, &rows)).filter(|h| may_show(h.n));
        let concordance = concordance(&p.results, &rows).filter(|c| may_show(c.n));
        let big = part >= MIN_GROUP;
        let mark_groups = big.then(|| success_by_mark(&p.results, &p.tasks, &rows));
        let item_analysis = big
            .then(|| {
                let sample = ItemSample::choose(&p.results, &p.tasks, &rows);
                item_analysis(&p.results, &p.tasks, &rows, sample)
            })
            .filter(|a| a.n >= MIN_GROUP);
        GroupReport {
            procedure: p.key.id(),
            scope: scope.clone(),
            participants: part,
            absent,
            with_mark: c.total(),
            metrics: shown_metrics(&c),
            share2_change: self.share2(scope, &rows),
            histogram,
            tasks,
            reference_name: self.reference.as_ref().map(|(n, _)| n.clone()),
            mark_groups,
            concordance,
            item_analysis,
        }
    }
}

/// One row of the level-below table (a school of the district, a class of a school).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildRow {
    /// The scope this row opens.
    pub scope: Scope,
    /// School code or class name.
    pub label: String,
    /// School name when known.
    pub name: Option<String>,
    pub participants: usize,
    pub absent: usize,
    pub with_mark: usize,
    /// `None` under 5 with a mark.
    pub metrics: Option<StandardMetrics>,
    /// Mean primary score as a share of the maximum; `None` under 5 with a score.
    pub mean_score: Option<f64>,
    /// Change of the share of «2» from the last earlier year, p.p. (schools only).
    pub share2_change_pp: Option<f64>,
    /// `None` under 5 with both marks.
    pub concordance: Option<Concordance>,
}

fn mean_score(p: &Procedure, rows: &[usize]) -> Option<f64> {
    let max = p
        .max_total
        .or_else(|| (!p.tasks.is_empty()).then(|| p.tasks.iter().map(|t| t.max as f64).sum()))?;
    if max <= 0.0 {
        return None;
    }
    let xs: Vec<f64> = participants(&p.results, rows)
        .filter_map(|i| p.results.total[i])
        .collect();
    may_show(xs.len()).then(|| xs.iter().sum::<f64>() / xs.len() as f64 / max)
}

fn child_row(ds: &Dataset, p: &Procedure, scope: Scope, label: String) -> ChildRow {
    let rows = scope.rows(ds, p);
    let (part, absent, c) = counts(p, &rows);
    let name = match &scope {
        Scope::School { school } => {
            school_idx(ds, school).and_then(|s| ds.schools[s as usize].name.clone())
        }
        _ => None,
    };
    ChildRow {
        share2_change_pp: share2_change(ds, p, &scope).map(|c| c.change_pp),
        mean_score: mean_score(p, &rows),
        concordance: concordance(&p.results, &rows).filter(|c| may_show(c.n)),
        metrics: shown_metrics(&c),
        with_mark: c.total(),
        participants: part,
        absent,
        name,
        label,
        scope,
    }
}

/// The rows one level below `scope`: schools of the district, classes of a school (sorted by
/// code or class name); empty for a class (its pupils are [`pupil_rows`]).
pub fn children(ds: &Dataset, p: &Procedure, scope: &Scope) -> Vec<ChildRow> {
    let r = &p.results;
    match scope {
        Scope::District => {
            let mut seen = vec![false; ds.schools.len()];
            for &s in &r.school {
                if let Some(x) = seen.get_mut(s as usize) {
                    *x = true;
                }
            }
            let mut out: Vec<ChildRow> = (0..ds.schools.len())
                .filter(|&s| seen[s])
                .map(|s| {
                    let code = ds.schools[s].code.clone();
                    child_row(
                        ds,
                        p,
                        Scope::School {
                            school: code.clone(),
                        },
                        code,
                    )
                })
                .collect();
            out.sort_by(|a, b| a.label.cmp(&b.label));
            out
        }
        Scope::School { school } => {
            let Some(s) = school_idx(ds, school) else {
                return Vec::new();
            };
            let mut classes: Vec<&str> = (0..r.len())
                .filter(|&i| r.school[i] == s)
                .filter_map(|i| r.class[i].as_deref())
                .collect();
            classes.sort_unstable();
            classes.dedup();
            classes
                .into_iter()
                .map(|c| {
                    let scope = Scope::Class {
                        school: school.clone(),
                        class: c.to_string(),
                    };
                    child_row(ds, p, scope, c.to_string())
                })
                .collect()
        }
        Scope::Class { .. } => Vec::new(),
    }
}

/// One pupil of a class, by pseudonymous code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PupilRow {
    pub pupil: String,
    pub variant: Option<String>,
    pub absent: bool,
    /// Score per task (`None`: no score).
    pub scores: Vec<Option<u8>>,
    pub total: Option<f64>,
    pub mark: Option<u8>,
    pub journal: Option<u8>,
}

/// The pupils of a class (absent ones last), for the class table.
pub fn pupil_rows(ds: &Dataset, p: &Procedure, school: &str, class: &str) -> Vec<PupilRow> {
    let scope = Scope::Class {
        school: school.into(),
        class: class.into(),
    };
    let r = &p.results;
    let k = p.tasks.len();
    let mut out: Vec<PupilRow> = scope
        .rows(ds, p)
        .into_iter()
        .map(|i| PupilRow {
            pupil: r.pupil[i].clone(),
            variant: r.variant[i].clone(),
            absent: r.absent[i],
            scores: (0..k)
                .map(|j| crate::stats::tasks::score(r, k, i, j))
                .collect(),
            total: r.total[i],
            mark: r.mark[i],
            journal: r.journal[i],
        })
        .collect();
    out.sort_by(|a, b| a.absent.cmp(&b.absent).then(a.pupil.cmp(&b.pupil)));
    out
}

/// How fully a pupil did a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mastery {
    /// Full marks.
    Full,
    /// Some points, not all.
    Partial,
    /// No points.
    Zero,
    /// No score recorded.
    Missing,
}

/// The pupil's share of a task against the class's success.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Versus {
    /// At least [`VERSUS_MARGIN`] above.
    Above,
    Similar,
    /// At least [`VERSUS_MARGIN`] below.
    Below,
}

/// The margin (share) that makes a pupil's task result «above» or «below» the class.
pub const VERSUS_MARGIN: f64 = 0.15;

/// One task on a pupil's sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetTask {
    pub label: String,
    pub level: Option<TaskLevel>,
    pub skill: Option<String>,
    pub max: u8,
    pub score: Option<u8>,
    pub mastery: Mastery,
    /// The class's success (`None` under 5 scored pupils in the class).
    pub class: Option<f64>,
    pub district: Option<f64>,
    /// The pupil against the class; `None` without a score or a class figure.
    pub versus_class: Option<Versus>,
    /// The district's status of the task (sufficient / borderline / insufficient).
    pub district_status: Option<TaskStatus>,
}

/// A one-page sheet for a pupil and family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PupilSheet {
    pub procedure: String,
    pub school: String,
    pub class: String,
    pub pupil: String,
    pub variant: Option<String>,
    pub absent: bool,
    pub total: Option<f64>,
    pub max_total: Option<f64>,
    pub mark: Option<u8>,
    pub journal: Option<u8>,
    pub tasks: Vec<SheetTask>,
    /// The class's mean primary score as a share of the maximum (`None` under 5).
    pub class_mean_score: Option<f64>,
    pub district_mean_score: Option<f64>,
}

/// The sheet of pupil `pupil` (pseudonymous code) of a class; `None` when not found.
pub fn pupil_sheet(
    ds: &Dataset,
    p: &Procedure,
    school: &str,
    class: &str,
    pupil: &str,
) -> Option<PupilSheet> {
    let scope = Scope::Class {
        school: school.into(),
        class: class.into(),
    };
    let rows = scope.rows(ds, p);
    let r = &p.results;
    let i = *rows.iter().find(|&&i| r.pupil[i] == pupil)?;
    let k = p.tasks.len();
    let class_tasks = private_tasks(p, &rows);
    let all: Vec<usize> = (0..r.len()).collect();
    let district_tasks = private_tasks(p, &all);
    let tasks = p
        .tasks
        .iter()
        .enumerate()
        .map(|(j, t)| {
            let score = if r.absent[i] {
                None
            } else {
                crate::stats::tasks::score(r, k, i, j)
            };
            let mastery = match score {
                None => Mastery::Missing,
                Some(0) => Mastery::Zero,
                Some(s) if s >= t.max => Mastery::Full,
                Some(_) => Mastery::Partial,
            };
            let class = class_tasks[j].success;
            let versus_class = match (score, class) {
                (Some(s), Some(c)) if t.max > 0 => {
                    let own = s as f64 / t.max as f64;
                    Some(if own >= c + VERSUS_MARGIN {
                        Versus::Above
                    } else if own <= c - VERSUS_MARGIN {
                        Versus::Below
                    } else {
                        Versus::Similar
                    })
                }
                _ => None,
            };
            SheetTask {
                label: t.label.clone(),
                level: t.level,
                skill: t.skill.clone(),
                max: t.max,
                score,
                mastery,
                class,
                district: district_tasks[j].success,
                versus_class,
                district_status: district_tasks[j].status,
            }
        })
        .collect();
    Some(PupilSheet {
        procedure: p.key.id(),
        school: school.into(),
        class: class.into(),
        pupil: pupil.into(),
        variant: r.variant[i].clone(),
        absent: r.absent[i],
        total: r.total[i],
        max_total: p
            .max_total
            .or_else(|| (!p.tasks.is_empty()).then(|| p.tasks.iter().map(|t| t.max as f64).sum())),
        mark: r.mark[i],
        journal: r.journal[i],
        tasks,
        class_mean_score: mean_score(p, &rows),
        district_mean_score: mean_score(p, &all),
    })
}

#[cfg(test)]
mod tests;
