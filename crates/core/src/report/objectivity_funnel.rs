//! A sign inside the spread of all units (Spiegelhalter's funnel plot): every unit the
//! indicator tested in the sign's procedure as a point (size of the group, effect size), the
//! spread's centre, and the limits an ordinary unit of each size stays under — c + z · √(τ² +
//! se²) at 97.5 % and at 1 − `alpha` ([`crate::objectivity::spread`]). A point above the upper
//! line is unusual among the district's units, not only for its sampling error.

use crate::objectivity::{min_size, Evidence, Indicator, ObjectivityReport, Sign, SizeUnit};
use crate::privacy::may_show;
use serde::{Deserialize, Serialize};

/// One tested unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelPoint {
    /// School code, and the class for class-level indicators.
    pub school: String,
    pub class: Option<String>,
    pub n: usize,
    pub size: f64,
    /// The unit of the sign the funnel is drawn for.
    pub this: bool,
    pub fired: bool,
}

/// The limits for a unit of `n` pupils (sampling error `se`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FunnelLimit {
    pub n: usize,
    pub upper95: f64,
    pub upper_alpha: f64,
}

/// The funnel of one sign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Funnel {
    pub indicator: Indicator,
    pub procedure: String,
    pub unit: SizeUnit,
    pub centre: f64,
    pub tau: f64,
    /// The indicator's minimum effect size.
    pub min_size: f64,
    pub alpha: f64,
    pub points: Vec<FunnelPoint>,
    /// One per tested unit, by n.
    pub limits: Vec<FunnelLimit>,
}

/// Concordance tests two directions and keeps one per unit: a funnel shows the units of the
/// sign's direction (their effect sizes are of the same share).
fn same_direction(a: &Evidence, b: &Evidence) -> bool {
    match (a, b) {
        (Evidence::Concordance { raised: x, .. }, Evidence::Concordance { raised: y, .. }) => {
            x == y
        }
        _ => true,
    }
}

/// The funnel of `sign` from the report that tested it; `None` when the indicator has no
/// spread in that procedure (too few units, or an indicator without sampling error).
pub fn funnel(r: &ObjectivityReport, sign: &Sign) -> Option<Funnel> {
    let c = &sign.candidate;
    let spread = c.spread?;
    let alpha = r.settings.alpha;
    let units: Vec<&Sign> = r
        .tested
        .iter()
        .filter(|t| t.candidate.indicator == c.indicator && t.candidate.procedure == c.procedure)
        .filter(|t| may_show(t.candidate.n) && same_direction(&t.candidate.evidence, &c.evidence))
        .collect();
    let points = units
        .iter()
        .map(|t| FunnelPoint {
            school: t.candidate.school.clone(),
            class: t.candidate.class.clone(),
            n: t.candidate.n,
            size: t.candidate.size,
            this: t.candidate.school == c.school && t.candidate.class == c.class,
            fired: t.fired,
        })
        .collect();
    let mut limits: Vec<FunnelLimit> = units
        .iter()
        .filter_map(|t| {
            let se = t.candidate.se?;
            Some(FunnelLimit {
                n: t.candidate.n,
                upper95: spread.upper_limit(se, 0.025),
                upper_alpha: spread.upper_limit(se, alpha),
            })
        })
        .collect();
    limits.sort_by(|a, b| a.n.cmp(&b.n).then(b.upper_alpha.total_cmp(&a.upper_alpha)));
    limits.dedup_by_key(|l| l.n);
    Some(Funnel {
        indicator: c.indicator,
        procedure: c.procedure.clone(),
        unit: c.indicator.size_unit(),
        centre: spread.centre,
        tau: spread.tau,
        min_size: min_size(c.indicator, &r.settings),
        alpha,
        points,
        limits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objectivity::testutil::{dataset, pupil};
    use crate::objectivity::{analyse, Settings};

    /// Twelve schools, one raising every mark: its point is marked, lies above the limits,
    /// and the limits narrow as n grows.
    #[test]
    fn the_unit_against_the_spread() {
        let mut rows = Vec::new();
        for s in 0..12u32 {
            for i in 0..(12 + 4 * s as usize) {
                let mark = if s == 11 || i % 5 == s as usize % 5 {
                    5
                } else {
                    4
                };
                rows.push(pupil(s, "А", &[1, 1, 0, 1], Some(mark), Some(4)));
            }
        }
        let r = analyse(&dataset(12, rows), &Settings::default());
        let sign = r
            .tested
            .iter()
            .find(|t| {
                t.candidate.school == "S11" && t.candidate.indicator == Indicator::Concordance
            })
            .unwrap();
        let f = funnel(&r, sign).expect("a spread of 12 schools");
        assert_eq!(f.points.len(), 12);
        let me = f.points.iter().find(|p| p.this).unwrap();
        assert!(me.fired && me.school == "S11");
        let lim = f.limits.iter().find(|l| l.n == me.n).unwrap();
        assert!(me.size > lim.upper_alpha && lim.upper_alpha > lim.upper95);
        let (first, last) = (f.limits.first().unwrap(), f.limits.last().unwrap());
        assert!(first.n < last.n && first.upper95 > last.upper95);
    }
}
