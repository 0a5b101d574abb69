//! Signs of non-objective results (METHODOLOGY §3): seven indicators, each a module that tests
//! every unit (school × procedure, or class) against the district — against sampling error and
//! against the spread of the procedure's units ([`spread`]) — and returns [`Candidate`]s with
//! their effect sizes and evidence; this module adjusts the p-values for multiple testing
//! (Benjamini–Hochberg per indicator), decides which signs fire, and composes the status of each
//! school from signs that agree, with its [`Reason`]s ([`compose`]). Wording is «признаки», never «нарушение».
//!
//! Main types: [`Settings`] (every threshold, published or ours), [`Sign`] (one indicator on one
//! unit, with value, reference, n, p, threshold and [`Evidence`]), [`SchoolObjectivity`]
//! (markers, status, persistence), [`ObjectivityReport`].

pub mod bh;
pub mod bunching;
pub mod concordance;
pub mod fluctuation;
pub mod habit;
pub mod independent;
pub mod inversion;
pub mod null;
pub mod person_fit;
pub mod recheck;
pub mod recommend;
pub mod settings;
pub mod similarity;
pub mod spread;
pub mod units;

#[cfg(test)]
pub(crate) mod testutil;

pub use bh::benjamini_hochberg;
pub use recommend::{recommendations, Recommendation};
pub use settings::{Independence, Settings};
pub use spread::Spread;

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
    /// §3.3: hard tasks done better than the unit's basic tasks predict.
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

    /// The unit of the indicator's effect size ([`Candidate::size`]).
    pub fn size_unit(self) -> SizeUnit {
        match self {
            Indicator::Concordance
            | Indicator::Inversion
            | Indicator::PersonFit
            | Indicator::Similarity => SizeUnit::Share,
            Indicator::Bunching => SizeUnit::LogOdds,
            Indicator::Independent | Indicator::Fluctuation => SizeUnit::Sd,
        }
    }

    /// A supporting indicator counts only beside another sign of the same unit: answer
    /// patterns have many honest causes (METHODOLOGY §3.7: «use only together with other
    /// signs»; a shared teacher makes errors alike; a class drilled on some tasks, or one that
    /// has not covered a topic, answers out of the district's order of difficulty).
    pub fn supporting(self) -> bool {
        matches!(self, Indicator::Similarity | Indicator::PersonFit)
    }

    /// Whether one strong sign of this indicator gives «зона внимания» alone
    /// ([`Reason::Strong`]). Not for the supporting ones, nor for journal concordance: a work
    /// against the teacher's own term marks differs by a whole mark for many pupils whenever one
    /// teacher marks the journal strictly or leniently, or a class was drilled for the work
    /// (measured: on the second generator, one clean school in twelve had such a work, as
    /// strong as a planted lenient checking); it needs a second sign.
    pub fn strong_alone(self) -> bool {
        !self.supporting() && self != Indicator::Concordance
    }
}

/// Units of an effect size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeUnit {
    /// A difference of shares (0.12 = 12 percentage points), or a share.
    Share,
    /// A log odds ratio (B_t of §3.2).
    LogOdds,
    /// Standard deviations of the district's school means.
    Sd,
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
        /// The school's habit: the same direction's share above the expected share in the
        /// school's other works ([`habit`]); `None` when the school has no other work with
        /// journal marks.
        #[serde(default)]
        school: Option<f64>,
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
        /// The district units' 95th percentile of the effect (the residual from the line, or DI).
        p95: f64,
        /// Basic and hard tasks are the levels Б and П/В of the task description (or the
        /// file); `false`: the district's terciles of difficulty, no levels being known.
        by_levels: bool,
        /// The hard mean of d that the unit's basic mean of d predicts on the district's line
        /// (`hard_diff` minus it is the residual; the effect is the least residual with any one
        /// task left out); `None` only in reports saved before the prediction existed.
        #[serde(default)]
        hard_expected: Option<f64>,
    },
    /// Standardised school means of the school-checked and the independent procedure.
    Independent {
        checked: String,
        independent: String,
        z_checked: f64,
        z_independent: f64,
        /// The same cohort, or only the same school (different grades).
        link: independent::Link,
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
    /// The effect size, in the indicator's units ([`Indicator::size_unit`]): how far the unit
    /// is from what is expected of it.
    pub size: f64,
    /// The pupils' sampling error of `size`, where the indicator has one.
    pub se: Option<f64>,
    /// The spread of the procedure's units that `size` is compared with ([`spread`]).
    pub spread: Option<Spread>,
    /// Raw p against sampling error alone (the exact test of the indicator).
    pub p_sampling: Option<f64>,
    /// Raw p of the indicator: the larger of `p_sampling` and the p against the spread.
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

/// The status of a school [P, shaped by S2]; the rule is [`compose`]'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    None,
    /// «Зона внимания»: one marker, signs in two works of one parallel or of one subject in two
    /// years, or one strong sign.
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

/// Why a school has its status: each reason names the rule of [`compose`] that holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Reason {
    /// Markers in two or more subjects.
    MarkersInSubjects { subjects: Vec<String> },
    /// Markers in two or more years.
    MarkersInYears { years: Vec<u16> },
    /// One marker: two signs in one work.
    Marker { procedure: String },
    /// Signs in two works of one parallel (grade and year).
    Parallel { grade: u8, year: u16 },
    /// Signs in one subject in two or more years.
    SubjectYears { subject: String, years: Vec<u16> },
    /// One sign whose effect is at least `Settings::strong_factor` times its minimum (of an
    /// indicator that counts alone, [`Indicator::strong_alone`]).
    Strong {
        procedure: String,
        indicator: Indicator,
    },
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
    /// The rules behind the status (empty for none).
    pub reasons: Vec<Reason>,
    /// Flagged (any sign) in at least 2 of the last 3 years.
    pub persistent: bool,
    /// Tests run on the school: (indicator, unit) pairs, classes included.
    pub tests: usize,
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

/// The minimum effect size of an indicator under the settings, in [`Indicator::size_unit`].
pub fn min_size(ind: Indicator, s: &Settings) -> f64 {
    match ind {
        Indicator::Concordance => s.concordance_min_excess,
        Indicator::Bunching => s.bunching_min_effect,
        Indicator::Inversion => s.inversion_min_di,
        Indicator::Independent => s.independent_gap,
        Indicator::Fluctuation => s.fluctuation_rise,
        Indicator::PersonFit => s.person_fit_min_excess,
        Indicator::Similarity => s.similarity_share,
    }
}

/// The status of each school from its fired signs [P, shaped by S2 and METHODOLOGY §3.8].
///
/// A *marker* is a work (school × procedure) where two or more indicators fired. A school with
/// many works is tested many times, so one ordinary sign somewhere is what chance and honest
/// differences give; a status needs signs that agree:
/// * «признаки необъективности»: markers in two subjects or in two years;
/// * «зона внимания»: one marker; or signs in two works of one parallel (grade and year); or
///   signs in one subject in two years; or one strong sign (its effect at least
///   `strong_factor` times the indicator's minimum);
/// * otherwise none: a lone sign is listed with its evidence but gives no status.
///
/// A supporting indicator ([`Indicator::supporting`]: identical answers) counts only inside a
/// marker.
pub fn compose(ds: &Dataset, tested: &[Sign], s: &Settings) -> Vec<SchoolObjectivity> {
    let index: std::collections::HashMap<&str, usize> = ds
        .schools
        .iter()
        .enumerate()
        .map(|(i, sc)| (sc.code.as_str(), i))
        .collect();
    let mut out: Vec<SchoolObjectivity> = ds
        .schools
        .iter()
        .map(|sc| SchoolObjectivity {
            school: sc.code.clone(),
            name: sc.name.clone(),
            signs: Vec::new(),
            units: Vec::new(),
            status: Status::None,
            reasons: Vec::new(),
            persistent: false,
            tests: 0,
        })
        .collect();
    for sign in tested {
        if let Some(&i) = index.get(sign.candidate.school.as_str()) {
            out[i].tests += 1;
            if sign.fired {
                out[i].signs.push(sign.clone());
            }
        }
    }
    let keys: std::collections::HashMap<String, &crate::model::ProcedureKey> =
        ds.procedures.iter().map(|p| (p.key.id(), &p.key)).collect();
    let key_of = |id: &str| keys.get(id).copied();
    let last_year = ds.procedures.iter().filter_map(|p| p.key.year).max();
    for o in &mut out {
        let mut procs: Vec<&str> = o
            .signs
            .iter()
            .map(|s| s.candidate.procedure.as_str())
            .collect();
        procs.sort_unstable();
        procs.dedup();
        // Works with a sign that counts alone (not only a supporting one).
        let mut counted: Vec<&crate::model::ProcedureKey> = Vec::new();
        for id in &procs {
            let mut inds: Vec<Indicator> = o
                .signs
                .iter()
                .filter(|s| s.candidate.procedure == *id)
                .map(|s| s.candidate.indicator)
                .collect();
            inds.sort();
            inds.dedup();
            let Some(k) = key_of(id) else { continue };
            if inds.iter().any(|i| !i.supporting()) {
                counted.push(k);
            }
            if inds.len() >= 2 {
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
        o.reasons = reasons(o, &counted, s);
        o.status = if o.reasons.iter().any(|r| {
            matches!(
                r,
                Reason::MarkersInSubjects { .. } | Reason::MarkersInYears { .. }
            )
        }) {
            Status::Signs
        } else if o.reasons.is_empty() {
            Status::None
        } else {
            Status::Attention
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

/// The rules of [`compose`] that hold for a school with its markers and the keys of its works
/// with a sign that counts alone.
fn reasons(
    o: &SchoolObjectivity,
    counted: &[&crate::model::ProcedureKey],
    s: &Settings,
) -> Vec<Reason> {
    let mut out = Vec::new();
    let distinct = |mut v: Vec<String>| {
        v.sort();
        v.dedup();
        v
    };
    let subjects = distinct(o.units.iter().map(|m| m.subject.clone()).collect());
    if subjects.len() >= 2 {
        out.push(Reason::MarkersInSubjects { subjects });
    }
    let mut years: Vec<u16> = o.units.iter().filter_map(|m| m.year).collect();
    years.sort_unstable();
    years.dedup();
    if years.len() >= 2 {
        out.push(Reason::MarkersInYears { years });
    }
    if out.is_empty() {
        out.extend(o.units.iter().map(|m| Reason::Marker {
            procedure: m.procedure.clone(),
        }));
    }
    let mut parallels: Vec<(u8, u16)> = counted
        .iter()
        .filter_map(|k| Some((k.grade?, k.year?)))
        .collect();
    parallels.sort_unstable();
    for w in parallels.windows(2) {
        if w[0] == w[1]
            && !out.contains(&Reason::Parallel {
                grade: w[0].0,
                year: w[0].1,
            })
        {
            out.push(Reason::Parallel {
                grade: w[0].0,
                year: w[0].1,
            });
        }
    }
    for subject in distinct(counted.iter().map(|k| k.subject.clone()).collect()) {
        let mut ys: Vec<u16> = counted
            .iter()
            .filter(|k| k.subject == subject)
            .filter_map(|k| k.year)
            .collect();
        ys.sort_unstable();
        ys.dedup();
        if ys.len() >= 2 {
            out.push(Reason::SubjectYears { subject, years: ys });
        }
    }
    for sign in &o.signs {
        let c = &sign.candidate;
        if c.indicator.strong_alone() && c.size >= s.strong_factor * min_size(c.indicator, s) {
            out.push(Reason::Strong {
                procedure: c.procedure.clone(),
                indicator: c.indicator,
            });
        }
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
        schools: compose(ds, &tested, s),
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
