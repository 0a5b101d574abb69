//! The reports a screen asks for, by procedure id and scope: the one entry point the app calls
//! (and the worker will serve), so a screen shows exactly what this module composes.
//!
//! ```
//! use integra_core::demo::{generate, DemoParams};
//! use integra_core::ingest::{import_all, merge, ImportOptions, Pseudonymizer};
//! use integra_core::report::{query, Scope};
//! let files = generate(&DemoParams::default()).files;
//! let named = files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice()));
//! let imports = import_all(named, &ImportOptions::default(), &Pseudonymizer::new([1; 16]));
//! let ds = merge(&imports.iter().collect::<Vec<_>>()).0;
//! let g = query::group(&ds, "vpr-математика-5-2025", &Scope::District).unwrap();
//! assert!(g.participants > 0 && g.reference_name.is_some());
//! ```

use super::drill::{self, ChildRow, GroupReport, ProcedureDrill, PupilRow, PupilSheet, Scope};
use crate::model::{Dataset, Procedure};
use crate::stats::{
    item_analysis, skill_success, trends::TrendReport, ItemSample, SkillMap, SkillMapError,
    SkillReport,
};

/// The procedure with this `ProcedureKey::id()`.
pub fn procedure<'a>(ds: &'a Dataset, id: &str) -> Option<&'a Procedure> {
    ds.procedures.iter().find(|p| p.key.id() == id)
}

/// Every figure of a group of a procedure, beside the reference loaded with it; `None` for an
/// unknown procedure or an empty group.
pub fn group(ds: &Dataset, id: &str, scope: &Scope) -> Option<GroupReport> {
    let p = procedure(ds, id)?;
    let g = ProcedureDrill::with_loaded_reference(ds, p).group(scope);
    (g.participants + g.absent > 0).then_some(g)
}

/// The rows of the level below a scope (schools or classes).
pub fn children(ds: &Dataset, id: &str, scope: &Scope) -> Vec<ChildRow> {
    procedure(ds, id)
        .map(|p| drill::children(ds, p, scope))
        .unwrap_or_default()
}

/// The pupils of a class.
pub fn pupils(ds: &Dataset, id: &str, school: &str, class: &str) -> Vec<PupilRow> {
    procedure(ds, id)
        .map(|p| drill::pupil_rows(ds, p, school, class))
        .unwrap_or_default()
}

/// A pupil's sheet.
pub fn sheet(ds: &Dataset, id: &str, school: &str, class: &str, pupil: &str) -> Option<PupilSheet> {
    drill::pupil_sheet(ds, procedure(ds, id)?, school, class, pupil)
}

/// The procedure's family over the years.
pub fn trends(ds: &Dataset, id: &str) -> Option<TrendReport> {
    Some(crate::stats::trends::trends(ds, &procedure(ds, id)?.key))
}

/// Success per skill of a group beside the district, and of every group one level below.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SkillView {
    pub group: SkillReport,
    pub district: SkillReport,
    /// (label, scope, report) of the schools or classes below.
    pub children: Vec<(String, Scope, SkillReport)>,
    /// Lines of the typed mapping that did not read.
    pub errors: Vec<SkillMapError>,
    /// Task labels of the typed mapping that name no task.
    pub unknown: Vec<String>,
}

/// Skills of `scope` in procedure `id`: the tasks' own skills (task-description files) with the
/// user's typed mapping over them; tasks flagged by the district's item analysis do not count
/// towards a deficit.
pub fn skills(ds: &Dataset, id: &str, scope: &Scope, typed: Option<&str>) -> Option<SkillView> {
    let p = procedure(ds, id)?;
    let mut tasks = p.tasks.clone();
    let (map, errors) = typed.map(SkillMap::parse_text).unwrap_or_default();
    let unknown = map.apply(&mut tasks);
    let all: Vec<usize> = (0..p.results.len()).collect();
    let sample = ItemSample::choose(&p.results, &tasks, &all);
    let flagged: Vec<bool> = item_analysis(&p.results, &tasks, &all, sample)
        .items
        .iter()
        .map(|i| !i.flags.is_empty())
        .collect();
    let report = |s: &Scope| skill_success(&p.results, &tasks, &s.rows(ds, p), &flagged);
    let children = drill::children(ds, p, scope)
        .into_iter()
        .map(|c| {
            let r = report(&c.scope);
            (c.label, c.scope, r)
        })
        .collect();
    Some(SkillView {
        group: report(scope),
        district: report(&Scope::District),
        children,
        errors,
        unknown,
    })
}
