//! Signs of non-objective results (METHODOLOGY §3): seven indicators, each a module that tests
//! every unit (school × procedure, or class) against the district and returns [`Candidate`]s
//! with their evidence; this module adjusts the p-values for multiple testing
//! (Benjamini–Hochberg per indicator), decides which signs fire, and composes the status of each
//! school. Wording is «признаки», never «нарушение».
//!
//! Main types: [`Settings`] (every threshold, published or ours), [`Sign`] (one indicator on one
//! unit, with value, reference, n, p, threshold and [`Evidence`]), [`SchoolObjectivity`]
//! (markers, status, persistence), [`ObjectivityReport`].

pub mod bh;
pub mod bunching;
pub mod concordance;
pub mod fluctuation;
pub mod independent;
pub mod inversion;
pub mod person_fit;
pub mod recheck;
pub mod recommend;
pub mod settings;
pub mod similarity;
pub mod units;

#[cfg(test)]
mod testutil;

pub use bh::benjamini_hochberg;
pub use recommend::{recommendations, Recommendation};
pub use settings::{Independence, Settings};

use crate::model::{Dataset, ProcedureKind};
use serde::{Deserialize, Serialize};

/// The seven indicators of METHODOLOGY §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// §3.1: the work's mark against the journal mark.
    Concordance,
    /// §3.2: bunching of primary scores just above a mark threshold.
    Bunching,
    /// §3.3: easy tasks done worse and hard tasks better than the district.
    Inversion,
    /// §3.4: a school-checked result not confirmed by an independent procedure.
    Independent,
    /// §3.5: a rise that does not last or is not seen in the independent procedure.
    Fluctuation,
    /// §3.6: answer patterns that do not fit (Guttman errors).
    PersonFit,
    /// §3.7: identical answer vectors inside a class.
    Similarity,
}

impl Indicator {
    pub const ALL: [Indicator; 7] = [
        Indicator::Concordance,
        Indicator::Bunching,
        Indicator::Inversion,
        Indicator::Independent,
        Indicator::Fluctuation,
        Indicator::PersonFit,
        Indicator::Similarity,
    ];
}

/// The picture behind a sign, per indicator (what the screen draws).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// Shares of lowered / confirmed / raised / |D| >= 2 in the unit and the district.
    Concordance {
        unit: [f64; 4],
        district: [f64; 4],
        /// District units' 90th percentile of the tested share.
        p90: f64,
        /// `true`: the unit raised marks; `false`: it lowered them (inflated journal marks).
        raised: bool,
    },
    /// Counts around threshold `t` («mark» begins at `t`).
    Bunching {
        mark: u8,
        threshold: u32,
        /// n(X in {t, t+1}), n(X in {t-2, t-1}) in the unit and in the district.
        above: usize,
        below: usize,
        district_above: usize,
        district_below: usize,
        /// B_t = ln((k+.5)/(m+.5)) − ln((k_R+.5)/(m_R+.5)).
        effect: f64,
        /// n(t−1) = 0 while n(t) >= 3.
        hole: bool,
        /// The unit's and the district's histograms (counts per score).
        unit_counts: Vec<usize>,
        district_counts: Vec<usize>,
    },
    /// Task success by level against the district.
    Inversion {
        basic_diff: f64,
        hard_diff: f64,
        /// Per task: (label, level letter or tercile, unit success, district success).
        tasks: Vec<(String, String, f64, f64)>,
        /// The district units' 95th percentile of DI.
        p95: f64,
    },
    /// Standardised school means of the school-checked and the independent procedure.
    Independent {
        checked: String,
        independent: String,
        z_checked: f64,
        z_independent: f64,
    },
    /// The school's standardised mean per year.
    Fluctuation {
        years: Vec<u16>,
        z: Vec<Option<f64>>,
    },
    /// Gnormed of the unit's pupils against the district's 95th percentile.
    PersonFit {
        above: usize,
        /// Histogram of Gnormed in tenths (0–0.1, …, 0.9–1.0) for the unit and the district.
        unit_hist: Vec<f64>,
        district_hist: Vec<f64>,
        p95: f64,
    },
    /// Groups of identical whole score vectors in a class.
    Similarity {
        /// Sizes of the groups of pupils sharing one vector (largest first).
        groups: Vec<usize>,
        /// The district's 99th percentile of the class statistic.
        p99: f64,
    },
}

/// One indicator tested on one unit, before the multiple-testing adjustment. Indicator modules
/// produce these for every unit they can test (not only the ones that stand out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub indicator: Indicator,
    /// School code.
    pub school: String,
    /// `ProcedureKey::id()`.
    pub procedure: String,
    /// For class-level indicators.
    pub class: Option<String>,
    /// The indicator's statistic for the unit.
    pub value: f64,
    /// The district's value of the same statistic.
    pub reference: f64,
    /// The threshold the value is compared with.
    pub threshold: f64,
    /// Pupils (or pupils with the needed data) behind the value.
    pub n: usize,
    /// Raw p-value where the indicator has a test.
    pub p: Option<f64>,
    /// The effect-size conditions hold (direction, percentile, minimum size).
    pub effect: bool,
    pub evidence: Evidence,
}

/// A tested indicator with its adjusted p and verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sign {
    #[serde(flatten)]
    pub candidate: Candidate,
    /// Benjamini–Hochberg adjusted p across the indicator's units.
    pub q: Option<f64>,
    pub fired: bool,
}

/// The status of a school [P, shaped by S2]: «признаки необъективности» when units with two or
/// more signs are in two subjects or two years; «зона внимания» for one such unit or any sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    None,
    /// «Зона внимания»: one marker or one sign.
    Attention,
    /// «Признаки необъективности»: markers in two subjects or two years.
    Signs,
}

/// A unit (school × procedure) with at least two signs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    pub procedure: String,
    pub kind: ProcedureKind,
    pub subject: String,
    pub grade: Option<u8>,
    pub year: Option<u16>,
    pub indicators: Vec<Indicator>,
}

/// One school's signs, markers and status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolObjectivity {
    pub school: String,
    pub name: Option<String>,
    /// Every sign that fired (school and class level): the markers, one per indicator and unit.
    pub signs: Vec<Sign>,
    /// Units (school × procedure) where two or more indicators fired.
    pub units: Vec<Marker>,
    pub status: Status,
    /// Flagged (any sign) in at least 2 of the last 3 years.
    pub persistent: bool,
}

/// The whole objectivity analysis of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectivityReport {
    pub settings: Settings,
    /// Every school of the dataset, in code order.
    pub schools: Vec<SchoolObjectivity>,
    /// Every tested unit (fired or not), for the evidence screens and the detection-quality
    /// measurements.
    pub tested: Vec<Sign>,
}

/// Adjusts each indicator's p-values (BH) and decides which candidates fire.
pub fn decide(candidates: Vec<Candidate>, s: &Settings) -> Vec<Sign> {
    let mut signs: Vec<Sign> = candidates
        .into_iter()
        .map(|candidate| Sign {
            candidate,
            q: None,
            fired: false,
        })
        .collect();
    for ind in Indicator::ALL {
        let idx: Vec<usize> = (0..signs.len())
            .filter(|&i| signs[i].candidate.indicator == ind && signs[i].candidate.p.is_some())
            .collect();
        let ps: Vec<f64> = idx
            .iter()
            .map(|&i| signs[i].candidate.p.unwrap_or(1.0))
            .collect();
        let qs = if s.fdr { benjamini_hochberg(&ps) } else { ps };
        for (&i, q) in idx.iter().zip(qs) {
            signs[i].q = Some(q);
        }
    }
    for sign in &mut signs {
        let significant = sign.q.is_none_or(|q| q < s.alpha);
        sign.fired = sign.candidate.effect && significant;
    }
    signs
}

/// The status of each school from its fired signs.
pub fn compose(ds: &Dataset, tested: &[Sign]) -> Vec<SchoolObjectivity> {
    let mut out: Vec<SchoolObjectivity> = ds
        .schools
        .iter()
        .map(|s| SchoolObjectivity {
            school: s.code.clone(),
            name: s.name.clone(),
            signs: Vec::new(),
            units: Vec::new(),
            status: Status::None,
            persistent: false,
        })
        .collect();
    for sign in tested.iter().filter(|s| s.fired) {
        if let Some(o) = out.iter_mut().find(|o| o.school == sign.candidate.school) {
            o.signs.push(sign.clone());
        }
    }
    let key_of = |id: &str| {
        ds.procedures
            .iter()
            .find(|p| p.key.id() == id)
            .map(|p| &p.key)
    };
    let last_year = ds.procedures.iter().filter_map(|p| p.key.year).max();
    for o in &mut out {
        let mut procs: Vec<&str> = o
            .signs
            .iter()
            .map(|s| s.candidate.procedure.as_str())
            .collect();
        procs.sort_unstable();
        procs.dedup();
        for id in procs {
            let mut inds: Vec<Indicator> = o
                .signs
                .iter()
                .filter(|s| s.candidate.procedure == id)
                .map(|s| s.candidate.indicator)
                .collect();
            inds.sort();
            inds.dedup();
            if inds.len() >= 2 {
                if let Some(k) = key_of(id) {
                    o.units.push(Marker {
                        procedure: id.to_string(),
                        kind: k.kind,
                        subject: k.subject.clone(),
                        grade: k.grade,
                        year: k.year,
                        indicators: inds,
                    });
                }
            }
        }
        let mut subjects: Vec<&str> = o.units.iter().map(|m| m.subject.as_str()).collect();
        subjects.sort_unstable();
        subjects.dedup();
        let mut years: Vec<u16> = o.units.iter().filter_map(|m| m.year).collect();
        years.sort_unstable();
        years.dedup();
        o.status = if subjects.len() >= 2 || years.len() >= 2 {
            Status::Signs
        } else if !o.units.is_empty() || !o.signs.is_empty() {
            Status::Attention
        } else {
            Status::None
        };
        let mut flagged: Vec<u16> = o
            .signs
            .iter()
            .filter_map(|s| key_of(&s.candidate.procedure).and_then(|k| k.year))
            .collect();
        flagged.sort_unstable();
        flagged.dedup();
        o.persistent = last_year
            .is_some_and(|ly| flagged.iter().filter(|&&y| y + 2 >= ly && y <= ly).count() >= 2);
    }
    out
}

/// Runs every indicator on the dataset and composes the statuses.
pub fn analyse(ds: &Dataset, s: &Settings) -> ObjectivityReport {
    let mut candidates = Vec::new();
    for ind in Indicator::ALL {
        if s.enabled(ind) {
            candidates.extend(run_indicator(ind, ds, s));
        }
    }
    let tested = decide(candidates, s);
    ObjectivityReport {
        schools: compose(ds, &tested),
        settings: s.clone(),
        tested,
    }
}

/// The candidates of one indicator.
fn run_indicator(ind: Indicator, ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    match ind {
        Indicator::Concordance => concordance::candidates(ds, s),
        Indicator::Bunching => bunching::candidates(ds, s),
        Indicator::Inversion => inversion::candidates(ds, s),
        Indicator::Similarity => similarity::candidates(ds, s),
        Indicator::Fluctuation => fluctuation::candidates(ds, s),
        Indicator::Independent => independent::candidates(ds, s),
        Indicator::PersonFit => person_fit::candidates(ds, s),
    }
}

#[cfg(test)]
mod tests;
