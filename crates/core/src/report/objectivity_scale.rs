//! The district's scale of the problem (issue «objectivity calibrated on real regions»): how
//! many schools get each status and each indicator's sign, beside what the same district gives
//! with its pupils shuffled across schools and classes ([`crate::objectivity::null`]), and how
//! many tests were run. If the null marks a share close to the real one, the thresholds are not
//! strict enough for this district; the real share beyond the null's is what the statistics
//! attribute to the schools.
//!
//! ```
//! use integra_core::demo::{generate, DemoParams};
//! use integra_core::ingest::{import_all, merge, ImportOptions, Pseudonymizer};
//! use integra_core::objectivity::Settings;
//! use integra_core::report::objectivity_scale::district_scale;
//!
//! let d = generate(&DemoParams { schools: 12, ..DemoParams::default() });
//! let files = d.files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice()));
//! let imports = import_all(files, &ImportOptions::default(), &Pseudonymizer::new([1; 16]));
//! let (ds, _) = merge(&imports.iter().collect::<Vec<_>>());
//! let scale = district_scale(&ds, &Settings::default(), 1);
//! assert_eq!(scale.schools, 12);
//! assert!(scale.tests > 0);
//! ```

use crate::model::Dataset;
use crate::objectivity::{analyse, null, Indicator, ObjectivityReport, Settings, Status};
use serde::{Deserialize, Serialize};

/// What a row of the scale counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "of", content = "value", rename_all = "snake_case")]
pub enum ScaleKey {
    /// Schools with any status.
    AnyStatus,
    /// Schools with this status.
    Status(Status),
    /// Schools with at least one sign of this indicator.
    Indicator(Indicator),
}

/// Schools counted in the district and, on average, in its null districts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleRow {
    pub key: ScaleKey,
    pub observed: usize,
    /// The mean count over the null districts.
    pub null: f64,
}

/// The scale of the problem in a district.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictScale {
    /// Schools with at least one test.
    pub schools: usize,
    /// Tests run ((indicator, unit) pairs).
    pub tests: usize,
    /// Null districts averaged.
    pub nulls: usize,
    pub rows: Vec<ScaleRow>,
}

impl DistrictScale {
    /// The share of the tested schools, for a count.
    pub fn share(&self, count: f64) -> f64 {
        if self.schools == 0 {
            0.0
        } else {
            count / self.schools as f64
        }
    }
}

/// Counts of every [`ScaleKey`] in one report.
fn counts(r: &ObjectivityReport) -> Vec<(ScaleKey, usize)> {
    let tested = || r.schools.iter().filter(|s| s.tests > 0);
    let mut out = vec![(
        ScaleKey::AnyStatus,
        tested().filter(|s| s.status != Status::None).count(),
    )];
    for st in [Status::Signs, Status::Attention] {
        out.push((
            ScaleKey::Status(st),
            tested().filter(|s| s.status == st).count(),
        ));
    }
    for ind in Indicator::ALL {
        let n = tested()
            .filter(|s| s.signs.iter().any(|g| g.candidate.indicator == ind))
            .count();
        out.push((ScaleKey::Indicator(ind), n));
    }
    out
}

/// The scale from a report already computed and the null reports of the same settings.
pub fn scale_of(observed: &ObjectivityReport, nulls: &[ObjectivityReport]) -> DistrictScale {
    let obs = counts(observed);
    let null_counts: Vec<Vec<(ScaleKey, usize)>> = nulls.iter().map(counts).collect();
    let rows = obs
        .iter()
        .enumerate()
        .map(|(i, &(key, observed))| ScaleRow {
            key,
            observed,
            null: if nulls.is_empty() {
                0.0
            } else {
                null_counts.iter().map(|c| c[i].1 as f64).sum::<f64>() / nulls.len() as f64
            },
        })
        .collect();
    DistrictScale {
        schools: observed.schools.iter().filter(|s| s.tests > 0).count(),
        tests: observed.schools.iter().map(|s| s.tests).sum(),
        nulls: nulls.len(),
        rows,
    }
}

/// The null reports of `ds` under `s`: `nulls` shuffles (seeds 1..=nulls).
pub fn null_reports(ds: &Dataset, s: &Settings, nulls: usize) -> Vec<ObjectivityReport> {
    (1..=nulls as u64)
        .map(|seed| analyse(&null::shuffled(ds, seed), s))
        .collect()
}

/// Analyses `ds` and `nulls` shuffled copies of it and composes the scale.
pub fn district_scale(ds: &Dataset, s: &Settings, nulls: usize) -> DistrictScale {
    scale_of(&analyse(ds, s), &null_reports(ds, s, nulls))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objectivity::testutil::{dataset, pupil};

    /// A district where one school raises every mark against the journal: its sign shows in
    /// the observed counts; the shuffled district spreads those pupils over every school.
    #[test]
    fn observed_against_null() {
        let mut rows = Vec::new();
        for s in 0..12u32 {
            for i in 0..20 {
                let mark = if s == 11 || i % 10 == 0 { 5 } else { 4 };
                rows.push(pupil(s, "А", &[1, 1, 0, 1], Some(mark), Some(4)));
            }
        }
        let ds = dataset(12, rows);
        let scale = district_scale(&ds, &Settings::default(), 3);
        assert_eq!((scale.schools, scale.nulls), (12, 3));
        let row = |k: ScaleKey| scale.rows.iter().find(|r| r.key == k).unwrap();
        assert_eq!(row(ScaleKey::Indicator(Indicator::Concordance)).observed, 1);
        assert!(row(ScaleKey::Indicator(Indicator::Concordance)).null < 1.0);
        assert_eq!(
            row(ScaleKey::AnyStatus).observed,
            0,
            "a lone concordance sign, however strong, gives no status"
        );
        assert!((scale.share(6.0) - 0.5).abs() < 1e-12);
    }
}
