//! Several years of the same procedure (same kind, subject and grade): the district's and each
//! school's standard metrics per year, the change from the year before, and whether the years'
//! tasks are comparable at all (METHODOLOGY §2: compare years only when the codifier blocks are
//! the same). The core only reports comparability; the user confirms it in the app.

use super::skills::skill_key;
use super::{MarkCounts, StandardMetrics};
use crate::lang::Lang;
use crate::model::{Dataset, Procedure, ProcedureKey, TaskLevel};
use crate::privacy::may_show;
use crate::report::drill::SHARE2_RISE_NEGATIVE_PP;
use serde::{Deserialize, Serialize};

/// The procedures of `key`'s family (same kind, subject, grade; a known year), by year.
pub fn family<'a>(ds: &'a Dataset, key: &ProcedureKey) -> Vec<&'a Procedure> {
    let mut out: Vec<&Procedure> = ds
        .procedures
        .iter()
        .filter(|p| {
            p.key.kind == key.kind
                && p.key.subject == key.subject
                && p.key.grade == key.grade
                && p.key.year.is_some()
        })
        .collect();
    out.sort_by_key(|p| p.key.year);
    out
}

/// The procedure of `key`'s family from the year before `key.year` (`year - 1`), else the
/// latest earlier year; `None` when `key.year` is unknown or nothing is earlier.
pub fn previous_year<'a>(ds: &'a Dataset, key: &ProcedureKey) -> Option<&'a Procedure> {
    let year = key.year?;
    family(ds, key)
        .into_iter()
        .rev()
        .find(|p| p.key.year.is_some_and(|y| y < year))
}

/// The family's identifier for remembering the user's confirmation: `vpr-математика-5`.
pub fn family_id(key: &ProcedureKey) -> String {
    let id = key.id();
    id.rsplit_once('-')
        .map_or(id.clone(), |(f, _)| f.to_string())
}

/// Why a year of a procedure may not be comparable with the family's first year. Tasks are
/// compared by position; `task` is the label in `year`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum ComparabilityReason {
    /// A different number of tasks (the tasks are then not compared one by one).
    TaskCount {
        year: u16,
        count: usize,
        first_year: u16,
        first_count: usize,
    },
    /// Task `task` has a different maximum score.
    Max { year: u16, task: String },
    /// Task `task` has a different level (Б/П/В), both years knowing it.
    Level { year: u16, task: String },
    /// Task `task` checks a different skill (codifier element), both years knowing it.
    Skill { year: u16, task: String },
    /// No pupil of `year` has a mark: the conversion scale is unknown.
    NoScale { year: u16 },
}

impl ComparabilityReason {
    /// The reason in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Self::TaskCount {
                    year,
                    count,
                    first_year,
                    first_count,
                },
                Lang::Ru,
            ) => format!("{year}: {count} заданий, а в {first_year} — {first_count}"),
            (
                Self::TaskCount {
                    year,
                    count,
                    first_year,
                    first_count,
                },
                Lang::En,
            ) => format!("{year}: {count} tasks, {first_count} in {first_year}"),
            (Self::Max { year, task }, Lang::Ru) => {
                format!("{year}: у задания {task} другой максимальный балл")
            }
            (Self::Max { year, task }, Lang::En) => {
                format!("{year}: task {task} has a different maximum")
            }
            (Self::Level { year, task }, Lang::Ru) => {
                format!("{year}: у задания {task} другой уровень сложности")
            }
            (Self::Level { year, task }, Lang::En) => {
                format!("{year}: task {task} has a different level")
            }
            (Self::Skill { year, task }, Lang::Ru) => {
                format!("{year}: задание {task} проверяет другое умение (блок кодификатора)")
            }
            (Self::Skill { year, task }, Lang::En) => {
                format!("{year}: task {task} checks a different skill (codifier block)")
            }
            (Self::NoScale { year }, Lang::Ru) => {
                format!("{year}: нет отметок (шкала перевода неизвестна)")
            }
            (Self::NoScale { year }, Lang::En) => {
                format!("{year}: no marks (the conversion scale is unknown)")
            }
        }
    }
}

/// Whether the family's years can be compared, with every reason they may not. The core only
/// reports; the user confirms in the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparability {
    /// No reason was found.
    pub comparable: bool,
    /// In year order, then task order.
    pub reasons: Vec<ComparabilityReason>,
}

/// Compares every year's tasks with the first year's (METHODOLOGY §2: compare years only when
/// the codifier blocks are the same): always the task count and maxima; the level where both
/// years know it; the skill (ignoring case and spacing) where both years know it (so with
/// task descriptions loaded for both years the same skill per task is required, without them
/// count and maxima decide); and whether each year has marks.
pub fn comparability(years: &[&Procedure]) -> Comparability {
    let mut reasons = Vec::new();
    if let Some(first) = years.first() {
        let fy = first.key.year.unwrap_or(0);
        for p in years {
            let y = p.key.year.unwrap_or(0);
            if !p.results.mark.iter().any(Option::is_some) {
                reasons.push(ComparabilityReason::NoScale { year: y });
            }
            if std::ptr::eq(*p, *first) {
                continue;
            }
            if p.tasks.len() != first.tasks.len() {
                reasons.push(ComparabilityReason::TaskCount {
                    year: y,
                    count: p.tasks.len(),
                    first_year: fy,
                    first_count: first.tasks.len(),
                });
                continue;
            }
            for (a, b) in first.tasks.iter().zip(&p.tasks) {
                if a.max != b.max {
                    reasons.push(ComparabilityReason::Max {
                        year: y,
                        task: b.label.clone(),
                    });
                }
                let differ = |x: Option<TaskLevel>, z: Option<TaskLevel>| matches!((x, z), (Some(x), Some(z)) if x != z);
                if differ(a.level, b.level) {
                    reasons.push(ComparabilityReason::Level {
                        year: y,
                        task: b.label.clone(),
                    });
                }
                if let (Some(x), Some(z)) = (&a.skill, &b.skill) {
                    if skill_key(x) != skill_key(z) {
                        reasons.push(ComparabilityReason::Skill {
                            year: y,
                            task: b.label.clone(),
                        });
                    }
                }
            }
        }
    }
    Comparability {
        comparable: reasons.is_empty(),
        reasons,
    }
}

/// One year of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearPoint {
    pub year: u16,
    /// Pupils not absent (0 when the group did not take part that year).
    pub participants: usize,
    /// `None` under 5 with a mark.
    pub metrics: Option<StandardMetrics>,
    /// Mean primary score as a share of the maximum; `None` under 5 with a score.
    pub mean_primary_share: Option<f64>,
}

/// The last year against the year before it: `to_year` minus `from_year`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendChange {
    pub from_year: u16,
    pub to_year: u16,
    /// Успеваемость, percentage points.
    pub success_pp: f64,
    /// Качество знаний, percentage points.
    pub quality_pp: f64,
    /// Share of «2», percentage points.
    pub share2_pp: f64,
    /// Mean mark, marks.
    pub mean_mark: f64,
    /// СОУ, percentage points.
    pub sou_pp: f64,
    /// The share of «2» rose by 10 p.p. or more.
    pub share2_rise_negative: bool,
}

/// One school over the years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolTrend {
    /// School code (`Dataset::schools`).
    pub code: String,
    pub name: Option<String>,
    /// One per year of the report, in the same order.
    pub points: Vec<YearPoint>,
    pub change: Option<TrendChange>,
}

/// A procedure family over the years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendReport {
    /// Ascending.
    pub years: Vec<u16>,
    /// [`ProcedureKey::id`] of each year, same order.
    pub procedure_ids: Vec<String>,
    pub comparability: Comparability,
    /// The whole district, one point per year.
    pub district: Vec<YearPoint>,
    /// The district's last year against the year before.
    pub district_change: Option<TrendChange>,
    /// Every school that took part in any year, by code.
    pub schools: Vec<SchoolTrend>,
}

fn point(p: &Procedure, school: Option<u32>) -> YearPoint {
    let r = &p.results;
    let mut c = MarkCounts::default();
    let (mut part, mut sum, mut n_total) = (0usize, 0.0, 0usize);
    for i in 0..r.len() {
        if r.absent[i] || school.is_some_and(|s| r.school[i] != s) {
            continue;
        }
        part += 1;
        if let Some(m) = r.mark[i] {
            c.add(m);
        }
        if let Some(x) = r.total[i] {
            sum += x;
            n_total += 1;
        }
    }
    let max = p
        .max_total
        .or_else(|| (!p.tasks.is_empty()).then(|| p.tasks.iter().map(|t| t.max as f64).sum()))
        .filter(|m| *m > 0.0);
    YearPoint {
        year: p.key.year.unwrap_or(0),
        participants: part,
        metrics: may_show(c.total())
            .then(|| StandardMetrics::from_counts(&c))
            .flatten(),
        mean_primary_share: max
            .filter(|_| may_show(n_total))
            .map(|m| sum / n_total as f64 / m),
    }
}

/// The change from the second-to-last point to the last, when both have metrics (a rise of the
/// share of «2» by [`SHARE2_RISE_NEGATIVE_PP`] or more is negative).
pub fn change(points: &[YearPoint]) -> Option<TrendChange> {
    let [.., a, b] = points else { return None };
    let (x, y) = (a.metrics.as_ref()?, b.metrics.as_ref()?);
    let share2_pp = (y.share2 - x.share2) * 100.0;
    Some(TrendChange {
        from_year: a.year,
        to_year: b.year,
        success_pp: (y.success - x.success) * 100.0,
        quality_pp: (y.quality - x.quality) * 100.0,
        share2_pp,
        mean_mark: y.mean_mark - x.mean_mark,
        sou_pp: y.sou - x.sou,
        share2_rise_negative: share2_pp >= SHARE2_RISE_NEGATIVE_PP - 1e-9,
    })
}

/// The family of `key` over the years: district and every school that took part in any year.
pub fn trends(ds: &Dataset, key: &ProcedureKey) -> TrendReport {
    let years = family(ds, key);
    let district: Vec<YearPoint> = years.iter().map(|p| point(p, None)).collect();
    let mut seen = vec![false; ds.schools.len()];
    for p in &years {
        for &s in &p.results.school {
            if let Some(x) = seen.get_mut(s as usize) {
                *x = true;
            }
        }
    }
    let mut schools: Vec<SchoolTrend> = (0..ds.schools.len())
        .filter(|&s| seen[s])
        .map(|s| {
            let points: Vec<YearPoint> = years.iter().map(|p| point(p, Some(s as u32))).collect();
            SchoolTrend {
                code: ds.schools[s].code.clone(),
                name: ds.schools[s].name.clone(),
                change: change(&points),
                points,
            }
        })
        .collect();
    schools.sort_by(|a, b| a.code.cmp(&b.code));
    TrendReport {
        years: years.iter().filter_map(|p| p.key.year).collect(),
        procedure_ids: years.iter().map(|p| p.key.id()).collect(),
        comparability: comparability(&years),
        district_change: change(&district),
        district,
        schools,
    }
}

#[cfg(test)]
mod tests;
