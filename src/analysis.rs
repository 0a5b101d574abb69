//! Where the page still calls the analytics core on the dataset the worker merged (the drill
//! reports, skills, trends, objectivity, the re-check). Import, merging and the overview run
//! in the worker (`crate::worker`, `integra_worker`); these plain functions from data to
//! reports are the next to move there.

use integra_core::ingest::Issue;
use integra_core::model::Dataset;
use integra_core::objectivity::recheck::{
    self, RecheckError, RecheckList, RecheckPlan, RecheckReport, RecheckScores, VerdictRule,
};
use integra_core::objectivity::{ObjectivityReport, Settings as ObjSettings};
use integra_core::report::objectivity_scale::{self, DistrictScale};
use integra_core::report::{overview, Overview};

/// The merged dataset and what the first screens show about it.
#[derive(Debug, Default)]
pub struct Analysis {
    /// The merged data; the procedure drill-down and later screens read it.
    pub dataset: Dataset,
    pub overview: Overview,
    /// Issues raised while merging files (e.g. tasks that do not match).
    pub merge_issues: Vec<Issue>,
}

// The drill-down, skills and trends: the core's one entry point for screens.
pub use integra_core::report::query::{
    children, group, procedure, pupils, sheet, skills, trends, SkillView,
};

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
