//! Where the page still calls the analytics core on the dataset the worker merged (the drill
//! reports, skills, trends, objectivity, the re-check). Import, merging and the overview run
//! in the worker (`crate::worker`, `integra_worker`); these plain functions from data to
//! reports are the next to move there.

use integra_core::ingest::Issue;
use integra_core::model::{Dataset, Procedure};
use integra_core::objectivity::recheck::{
    self, RecheckError, RecheckList, RecheckPlan, RecheckReport, RecheckScores, VerdictRule,
};
use integra_core::objectivity::{ObjectivityReport, Settings as ObjSettings};
use integra_core::report::drill::{self, ChildRow, GroupReport, PupilRow, PupilSheet, Scope};
use integra_core::report::objectivity_scale::{self, DistrictScale};
use integra_core::report::{overview, Overview};
use integra_core::stats::{
    self, item_analysis, skill_success, trends::TrendReport, ItemSample, SkillMap, SkillMapError,
    SkillReport,
};

/// The merged dataset and what the first screens show about it.
#[derive(Debug, Default)]
pub struct Analysis {
    /// The merged data; the procedure drill-down and later screens read it.
    pub dataset: Dataset,
    pub overview: Overview,
    /// Issues raised while merging files (e.g. tasks that do not match).
    pub merge_issues: Vec<Issue>,
}

/// The procedure with this `ProcedureKey::id()`.
pub fn procedure<'a>(ds: &'a Dataset, id: &str) -> Option<&'a Procedure> {
    ds.procedures.iter().find(|p| p.key.id() == id)
}

/// Every figure of a group of a procedure; `None` for an unknown procedure or an empty group.
pub fn group(ds: &Dataset, id: &str, scope: &Scope) -> Option<GroupReport> {
    let p = procedure(ds, id)?;
    let reference = drill::reference_of(ds, p);
    let reference = reference.as_ref().map(|(n, r)| (n.as_str(), r.as_slice()));
    let g = drill::group_report(ds, p, scope, reference);
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

/// The procedure's family over the years.
pub fn trends(ds: &Dataset, id: &str) -> Option<TrendReport> {
    Some(stats::trends::trends(ds, &procedure(ds, id)?.key))
}

/// Signs of non-objective results with the user's settings.
pub fn objectivity(ds: &Dataset, settings: &ObjSettings) -> ObjectivityReport {
    integra_core::objectivity::analyse(ds, settings)
}

/// Null districts for the scale of the problem on the screen.
pub const SCALE_NULLS: usize = 1;

/// The scale of the problem: `observed` against [`SCALE_NULLS`] shuffled districts.
pub fn objectivity_scale(
    ds: &Dataset,
    settings: &ObjSettings,
    observed: &ObjectivityReport,
) -> DistrictScale {
    let nulls = objectivity_scale::null_reports(ds, settings, SCALE_NULLS);
    objectivity_scale::scale_of(observed, &nulls)
}

/// The procedures a re-check plan takes by default: those of the latest year.
pub fn recheck_default_procedures(ds: &Dataset) -> Vec<String> {
    integra_core::objectivity::recheck::latest_procedures(ds)
}

/// The re-check's sample of works from the source dataset and its objectivity report.
pub fn recheck_sample(
    ds: &Dataset,
    report: &ObjectivityReport,
    plan: &RecheckPlan,
) -> Result<RecheckList, RecheckError> {
    recheck::choose(ds, report, &plan.check()?)
}

/// The filled lists (name, bytes) read against the sample, and their agreement with the
/// source dataset under `rule` (an error when the rule cannot be used).
pub fn recheck_read(
    files: &[(String, Vec<u8>)],
    list: &RecheckList,
    ds: &Dataset,
    rule: &VerdictRule,
) -> Result<(RecheckScores, RecheckReport), RecheckError> {
    let rule = rule.check()?;
    let named: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let scores = recheck::read_filled(&named, list, ds);
    let report = recheck::agreement(ds, &scores, &rule);
    Ok((scores, report))
}

/// The analysis of the source dataset with the re-checked scores in place of the originals.
pub fn with_recheck(source: &Analysis, scores: &RecheckScores) -> Analysis {
    let dataset = recheck::apply(&source.dataset, scores);
    Analysis {
        overview: overview(&dataset),
        dataset,
        merge_issues: source.merge_issues.clone(),
    }
}

/// The sample's lists (one CSV per procedure) as one ZIP: (file name, bytes); `None` when the
/// list holds no work of a loaded procedure or the archive could not be written.
pub fn recheck_zip(
    list: &RecheckList,
    ds: &Dataset,
    lang: integra_core::lang::Lang,
) -> Option<(String, Vec<u8>)> {
    let files = recheck::export_csv(list, ds, None, lang);
    if files.is_empty() {
        return None;
    }
    let stem = lang.pick("Перепроверка", "Recheck");
    Some((
        format!("{stem}_{}.zip", list.seed),
        recheck::zip_lists(&files)?,
    ))
}
