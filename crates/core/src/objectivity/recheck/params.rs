//! The parameters of a re-check, linfa-style: a plain [`RecheckPlan`] / [`VerdictRule`] that the
//! user edits, checked once into a [`ValidRecheckPlan`] / [`ValidVerdictRule`] that the
//! functions take, so that they never meet an impossible value. Every default is our proposal
//! ([`Source::Ours`], METHODOLOGY's \[P\]); the privacy minimum of 5 (also \[P\]) is a floor the
//! user cannot lower.

use super::errors::RecheckError;
use crate::objectivity::settings::Source;
use crate::privacy::{MIN_GROUP, MIN_SHOWN};
use serde::{Deserialize, Serialize};

/// How to choose the works to re-check (see [`super::sample`]). Unchecked: call
/// [`RecheckPlan::check`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecheckPlan {
    /// Works drawn from each unit (school × procedure) of a school without signs.
    pub works_per_unit: usize,
    /// Multiplies `works_per_unit` in a unit where a sign fired (school or class level).
    pub sign_weight: f64,
    /// Multiplies `works_per_unit` in the other units of a school with a fired sign.
    pub school_weight: f64,
    /// A school gets at least this many works in all (more from its units, largest first).
    pub min_per_school: usize,
    /// In a unit with a bunching sign, this share of its works comes from the scores at and
    /// just above the threshold of the sign (`t`, `t + 1`: the works a lenient marker lifted).
    pub boundary_share: f64,
    /// Procedures (`ProcedureKey::id()`) to draw from; empty: all.
    pub procedures: Vec<String>,
    /// Schools (codes) to draw from; empty: all.
    pub schools: Vec<String>,
    /// The seed: the same seed, data and report always give the same list.
    pub seed: u64,
}

impl Default for RecheckPlan {
    fn default() -> RecheckPlan {
        RecheckPlan {
            works_per_unit: 5,
            sign_weight: 4.0,
            school_weight: 2.0,
            min_per_school: 10,
            boundary_share: 0.7,
            procedures: Vec::new(),
            schools: Vec::new(),
            seed: 1,
        }
    }
}

impl RecheckPlan {
    /// The default plan with `seed`.
    pub fn new(seed: u64) -> RecheckPlan {
        RecheckPlan {
            seed,
            ..RecheckPlan::default()
        }
    }

    pub fn works_per_unit(mut self, n: usize) -> RecheckPlan {
        self.works_per_unit = n;
        self
    }

    pub fn sign_weight(mut self, w: f64) -> RecheckPlan {
        self.sign_weight = w;
        self
    }

    pub fn school_weight(mut self, w: f64) -> RecheckPlan {
        self.school_weight = w;
        self
    }

    pub fn min_per_school(mut self, n: usize) -> RecheckPlan {
        self.min_per_school = n;
        self
    }

    pub fn boundary_share(mut self, s: f64) -> RecheckPlan {
        self.boundary_share = s;
        self
    }

    pub fn procedures(mut self, ids: Vec<String>) -> RecheckPlan {
        self.procedures = ids;
        self
    }

    pub fn schools(mut self, codes: Vec<String>) -> RecheckPlan {
        self.schools = codes;
        self
    }

    /// Checks the values (the procedures and schools are checked against the data when the
    /// sample is drawn).
    pub fn check(&self) -> Result<ValidRecheckPlan, RecheckError> {
        if self.works_per_unit == 0 && self.min_per_school == 0 {
            return Err(RecheckError::NothingToChoose);
        }
        for (name, value) in [
            ("sign_weight", self.sign_weight),
            ("school_weight", self.school_weight),
        ] {
            if !(value.is_finite() && value >= 1.0) {
                return Err(RecheckError::BadWeight { name, value });
            }
        }
        if !(0.0..=1.0).contains(&self.boundary_share) {
            return Err(RecheckError::OutOfRange {
                name: "boundary_share",
                value: self.boundary_share,
                min: 0.0,
                max: 1.0,
            });
        }
        Ok(ValidRecheckPlan(self.clone()))
    }

    /// Where each default comes from, by field name: all are our proposal.
    pub fn source(_field: &str) -> Source {
        Source::Ours
    }
}

/// The procedures (ids) of the latest year of `ds`: the default choice of a re-check, which
/// concerns the works just written (all procedures when none has a year).
pub fn latest_procedures(ds: &crate::model::Dataset) -> Vec<String> {
    let last = ds.procedures.iter().filter_map(|p| p.key.year).max();
    ds.procedures
        .iter()
        .filter(|p| last.is_none() || p.key.year == last)
        .map(|p| p.key.id())
        .collect()
}

/// A [`RecheckPlan`] whose values can be used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidRecheckPlan(RecheckPlan);

impl ValidRecheckPlan {
    pub fn plan(&self) -> &RecheckPlan {
        &self.0
    }
}

impl std::ops::Deref for ValidRecheckPlan {
    type Target = RecheckPlan;
    fn deref(&self) -> &RecheckPlan {
        &self.0
    }
}

/// When a re-check confirms a group's results (see [`mod@super::agreement`]). A group of works
/// (a school × procedure, or a school's works pooled) with at least `min_works` works is
/// «не подтверждено» when
///
/// - its original totals are higher than the re-check's: the mean shift (original −
///   re-check) is at least `min_shift` points **and** the lower end of its two-sided
///   `confidence` interval (Student's t) is above 0; **or**
/// - marks would fall (procedures with a scale): the works whose mark falls with the
///   re-checked total outnumber those whose mark rises by at least `lowered_min` **and** by at
///   least `lowered_share` of the works, **and** falls are significantly more frequent than
///   rises (one-sided sign test, p < `marks_p`): a re-checker's ordinary disagreement moves
///   marks both ways;
///
/// otherwise «подтверждено перепроверкой». Below `min_works` no verdict («мало работ»); below
/// 5 works no figure either.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictRule {
    /// Points of mean shift of totals that count as inflation (with the interval above 0).
    pub min_shift: f64,
    /// Level of the two-sided interval of the mean shift.
    pub confidence: f64,
    /// Net share of works whose mark would fall (falls − rises, over the works) that is too
    /// many.
    pub lowered_share: f64,
    /// ... and at least this many more falls than rises.
    pub lowered_min: usize,
    /// ... and the sign test of falls against rises below this p.
    pub marks_p: f64,
    /// Works a group needs for a verdict (never below 5, the minimum for any figure).
    pub min_works: usize,
}

impl Default for VerdictRule {
    fn default() -> VerdictRule {
        VerdictRule {
            min_shift: 1.0,
            confidence: 0.95,
            lowered_share: 0.1,
            lowered_min: 2,
            marks_p: 0.1,
            min_works: MIN_GROUP,
        }
    }
}

impl VerdictRule {
    /// Checks the values.
    pub fn check(&self) -> Result<ValidVerdictRule, RecheckError> {
        if !(self.min_shift.is_finite() && self.min_shift >= 0.0) {
            return Err(RecheckError::OutOfRange {
                name: "min_shift",
                value: self.min_shift,
                min: 0.0,
                max: f64::INFINITY,
            });
        }
        for (name, value, min, max) in [
            ("confidence", self.confidence, 0.5, 0.999),
            ("lowered_share", self.lowered_share, 0.0, 1.0),
            ("marks_p", self.marks_p, 0.0, 0.5),
        ] {
            if !(min..=max).contains(&value) {
                return Err(RecheckError::OutOfRange {
                    name,
                    value,
                    min,
                    max,
                });
            }
        }
        if self.min_works < MIN_SHOWN {
            return Err(RecheckError::TooFewWorks {
                value: self.min_works,
                min: MIN_SHOWN,
            });
        }
        Ok(ValidVerdictRule(self.clone()))
    }

    /// Where each default comes from, by field name: all are our proposal.
    pub fn source(_field: &str) -> Source {
        Source::Ours
    }
}

/// A [`VerdictRule`] whose values can be used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidVerdictRule(VerdictRule);

impl ValidVerdictRule {
    pub fn rule(&self) -> &VerdictRule {
        &self.0
    }
}

impl std::ops::Deref for ValidVerdictRule {
    type Target = VerdictRule;
    fn deref(&self) -> &VerdictRule {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(RecheckPlan::default().check().is_ok());
        assert!(VerdictRule::default().check().is_ok());
    }

    #[test]
    fn bad_values_are_refused_with_a_message() {
        let e = RecheckPlan::new(1)
            .works_per_unit(0)
            .min_per_school(0)
            .check()
            .unwrap_err();
        assert_eq!(e, RecheckError::NothingToChoose);
        assert!(e
            .message(crate::lang::Lang::Ru)
            .contains("ни одна работа не будет выбрана"));
        let e = RecheckPlan::new(1).sign_weight(0.5).check().unwrap_err();
        assert!(matches!(
            e,
            RecheckError::BadWeight {
                name: "sign_weight",
                ..
            }
        ));
        let e = RecheckPlan::new(1)
            .school_weight(f64::NAN)
            .check()
            .unwrap_err();
        assert!(matches!(
            e,
            RecheckError::BadWeight {
                name: "school_weight",
                ..
            }
        ));
        let e = RecheckPlan::new(1).boundary_share(1.5).check().unwrap_err();
        assert!(e.to_string().contains("boundary_share = 1.5"));
        let rule = VerdictRule {
            min_works: 3,
            ..VerdictRule::default()
        };
        assert_eq!(
            rule.check().unwrap_err(),
            RecheckError::TooFewWorks { value: 3, min: 5 }
        );
        let rule = VerdictRule {
            confidence: 1.0,
            ..VerdictRule::default()
        };
        assert!(rule.check().unwrap_err().to_string().contains("confidence"));
        let rule = VerdictRule {
            min_shift: -1.0,
            ..VerdictRule::default()
        };
        assert!(rule.check().is_err());
    }
}
