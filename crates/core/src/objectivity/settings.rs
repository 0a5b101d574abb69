//! Every threshold and minimum size of the objectivity analysis, with METHODOLOGY §3's defaults
//! and where each comes from: [`Source::Published`] (Рособрнадзор, ФИОКО) or [`Source::Ours`]
//! (our proposal). The user can change any of them; the analysis reruns at once.

use super::Indicator;
use crate::model::ProcedureKind;
use serde::{Deserialize, Serialize};

/// Where a default comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Published,
    Ours,
}

/// Which procedures are independent (externally checked) by kind; the user can change it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Independence {
    pub independent: Vec<ProcedureKind>,
}

impl Default for Independence {
    /// ОГЭ/ЕГЭ and РДР with external checking are independent; ВПР is checked by the school
    /// (ВПР with objectivity control can be added by the user).
    fn default() -> Independence {
        Independence {
            independent: vec![ProcedureKind::Oge, ProcedureKind::Ege, ProcedureKind::Rdr],
        }
    }
}

impl Independence {
    pub fn is_independent(&self, k: ProcedureKind) -> bool {
        self.independent.contains(&k)
    }
}

/// The thresholds (METHODOLOGY §3 defaults). Fields missing from a saved copy take their
/// defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Significance level of every test (after BH when `fdr`).
    pub alpha: f64,
    /// Benjamini–Hochberg adjustment per indicator across units.
    pub fdr: bool,
    /// Indicators switched off by the user.
    pub disabled: Vec<Indicator>,
    /// Compare every unit with the spread of the procedure's units as well as with sampling
    /// error ([`super::spread`]).
    pub spread: bool,
    /// §3.1: the unit's share must be at or above this percentile of the district's units.
    pub concordance_percentile: f64,
    /// §3.1: minimum effect: the share above the expected share by this much (0.10 = 10 p.p.).
    pub concordance_min_excess: f64,
    /// §3.2: minimum k + m around a threshold.
    pub bunching_min: usize,
    /// §3.2: minimum effect B_t (log odds ratio; 1 = odds e ≈ 2.7 times the district's).
    pub bunching_min_effect: f64,
    /// §3.3: the residual (hard tasks above what the basic tasks predict) at or above this
    /// percentile of the district's units.
    pub inversion_percentile: f64,
    /// §3.3: minimum effect: the residual of at least this much (0.10 = 10 p.p.; the field keeps
    /// its former name, DI, for saved settings).
    pub inversion_min_di: f64,
    /// §3.4: z of the school-checked procedure and the gap.
    pub independent_z: f64,
    pub independent_gap: f64,
    /// §3.5: a rise of this many SD, then a fall of `fluctuation_fall` SD.
    pub fluctuation_rise: f64,
    pub fluctuation_fall: f64,
    /// §3.5: the school's works of one year rose together: their mean rise of this many SD.
    pub fluctuation_school_rise: f64,
    /// §3.6: pupils above the district's percentile of Gnormed; expected share.
    pub person_fit_percentile: f64,
    pub person_fit_expected: f64,
    /// §3.6: minimum effect: the class's share above the percentile exceeds the expected share
    /// by this much (0.10 = 10 p.p.).
    pub person_fit_min_excess: f64,
    /// §3.7: the share of a class in its largest identical-vector group.
    pub similarity_share: f64,
    /// A lone sign gives «зона внимания» when its effect is at least this many times the
    /// indicator's minimum effect.
    pub strong_factor: f64,
    /// Minimum participants of a unit (school × procedure) for any indicator.
    pub min_unit: usize,
    /// Minimum pupils of a class for the class-level indicators.
    pub min_class: usize,
    pub independence: Independence,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            alpha: 0.01,
            fdr: true,
            disabled: Vec::new(),
            spread: true,
            concordance_percentile: 0.90,
            concordance_min_excess: 0.10,
            bunching_min: 10,
            bunching_min_effect: 1.0,
            inversion_percentile: 0.95,
            inversion_min_di: 0.10,
            independent_z: 1.0,
            independent_gap: 1.0,
            fluctuation_rise: 1.0,
            fluctuation_fall: 0.7,
            fluctuation_school_rise: 0.5,
            person_fit_percentile: 0.95,
            person_fit_expected: 0.05,
            person_fit_min_excess: 0.10,
            similarity_share: 0.25,
            strong_factor: 2.0,
            min_unit: 10,
            min_class: 10,
            independence: Independence::default(),
        }
    }
}

impl Settings {
    pub fn enabled(&self, ind: Indicator) -> bool {
        !self.disabled.contains(&ind)
    }

    /// Where each setting's default comes from, by field name.
    pub fn source(field: &str) -> Source {
        match field {
            // Рособрнадзор/ФИОКО give the ideas and the groups; the numbers below are ours unless
            // the published documents fix them (journal mismatch of 2+ marks, third year).
            "alpha"
            | "fdr"
            | "spread"
            | "concordance_percentile"
            | "concordance_min_excess"
            | "bunching_min"
            | "bunching_min_effect"
            | "inversion_percentile"
            | "inversion_min_di"
            | "independent_z"
            | "independent_gap"
            | "fluctuation_rise"
            | "fluctuation_fall"
            | "fluctuation_school_rise"
            | "person_fit_percentile"
            | "person_fit_expected"
            | "person_fit_min_excess"
            | "similarity_share"
            | "strong_factor"
            | "min_unit"
            | "min_class" => Source::Ours,
            _ => Source::Published,
        }
    }
}
