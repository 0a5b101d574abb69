//! §3.5 Unexpected fluctuation: the same school and procedure family (kind, subject, grade) over
//! the years. z = the school's standardised mean primary share in a year (`units::school_z`). A
//! rise of at least `fluctuation_rise` SD from the year before is a sign [P] when it does not
//! last (the next year falls by at least `fluctuation_fall` SD) or is not seen in the
//! independent procedures of the same school, subject and year (their z rose by less than half
//! as much). Only school-checked procedures are tested. p [P]: a school's mean rise over all its
//! school-checked procedures of that year against the other schools' mean rises (normal
//! approximation): a school-wide jump (scoring inflation) shows in every work of the year, while
//! an ordinary cohort's ups and downs do not line up across subjects and grades.

use super::units::{school_z, upper_p_among};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::{Dataset, Procedure};
use crate::stats::trends::family;

fn z_of(zs: &[(String, f64, usize)], school: &str) -> Option<f64> {
    zs.iter().find(|x| x.0 == school).map(|x| x.1)
}

/// The rise of `school` in procedure `p` from its previous year, if both years have a z.
fn rise(ds: &Dataset, p: &Procedure, school: &str, min: usize) -> Option<f64> {
    let fam = family(ds, &p.key);
    let pos = fam.iter().position(|q| std::ptr::eq(*q, p))?;
    let prev = fam.get(pos.checked_sub(1)?)?;
    Some(z_of(&school_z(ds, p, min), school)? - z_of(&school_z(ds, prev, min), school)?)
}

/// Each school's rises over the school-checked procedures of `year`.
fn rises_of_year(ds: &Dataset, s: &Settings, year: Option<u16>) -> Vec<(String, f64)> {
    let mut by: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
    for p in ds
        .procedures
        .iter()
        .filter(|p| p.key.year == year && !s.independence.is_independent(p.key.kind))
    {
        for (school, _, _) in school_z(ds, p, s.min_unit) {
            if let Some(r) = rise(ds, p, &school, s.min_unit) {
                by.entry(school).or_default().push(r);
            }
        }
    }
    by.into_iter()
        .map(|(k, v)| (k, v.iter().sum::<f64>() / v.len() as f64))
        .collect()
}

/// One candidate per school × school-checked procedure with an earlier year.
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut year_rises: std::collections::BTreeMap<Option<u16>, Vec<(String, f64)>> =
        Default::default();
    for p in &ds.procedures {
        if s.independence.is_independent(p.key.kind) {
            continue;
        }
        let fam = family(ds, &p.key);
        let Some(pos) = fam.iter().position(|q| std::ptr::eq(*q, p)) else {
            continue;
        };
        let Some(prev) = pos.checked_sub(1).and_then(|i| fam.get(i)) else {
            continue;
        };
        let next = fam.get(pos + 1);
        let (z_now, z_prev) = (school_z(ds, p, s.min_unit), school_z(ds, prev, s.min_unit));
        let z_next = next.map(|q| school_z(ds, q, s.min_unit));
        let rises: Vec<(String, f64, usize)> = z_now
            .iter()
            .filter_map(|(sc, z, n)| Some((sc.clone(), z - z_of(&z_prev, sc)?, *n)))
            .collect();
        // Independent procedures of the same subject and year.
        let independents: Vec<&Procedure> = ds
            .procedures
            .iter()
            .filter(|q| {
                s.independence.is_independent(q.key.kind)
                    && q.key.subject == p.key.subject
                    && q.key.year == p.key.year
            })
            .collect();
        let years: Vec<u16> = fam.iter().filter_map(|q| q.key.year).collect();
        let school_rises = year_rises
            .entry(p.key.year)
            .or_insert_with(|| rises_of_year(ds, s, p.key.year))
            .clone();
        for (school, r, n) in &rises {
            let mean_rise = school_rises.iter().find(|x| x.0 == *school).map(|x| x.1);
            let others: Vec<f64> = school_rises
                .iter()
                .filter(|x| x.0 != *school)
                .map(|x| x.1)
                .collect();
            let fall = z_next
                .as_ref()
                .and_then(|zn| Some(z_of(zn, school)? - z_of(&z_now, school)?))
                .is_some_and(|d| d <= -s.fluctuation_fall);
            let ind_rises: Vec<f64> = independents
                .iter()
                .filter_map(|q| rise(ds, q, school, s.min_unit))
                .collect();
            let unconfirmed = !ind_rises.is_empty()
                && ind_rises.iter().sum::<f64>() / (ind_rises.len() as f64) < r / 2.0;
            let z_series: Vec<Option<f64>> = fam
                .iter()
                .map(|q| z_of(&school_z(ds, q, s.min_unit), school))
                .collect();
            out.push(Candidate {
                indicator: Indicator::Fluctuation,
                school: school.clone(),
                procedure: p.key.id(),
                class: None,
                value: *r,
                reference: if ind_rises.is_empty() {
                    0.0
                } else {
                    ind_rises.iter().sum::<f64>() / ind_rises.len() as f64
                },
                threshold: s.fluctuation_rise,
                n: *n,
                p: mean_rise.and_then(|m| upper_p_among(m, &others)),
                effect: *r >= s.fluctuation_rise && (fall || unconfirmed),
                evidence: Evidence::Fluctuation {
                    years: years.clone(),
                    z: z_series,
                },
            });
        }
    }
    out
}
