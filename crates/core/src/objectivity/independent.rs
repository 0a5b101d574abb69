//! §3.4 Results not confirmed by an independent procedure: z = the school's standardised mean
//! primary share (`units::school_z`); for each school-checked procedure, the independent
//! procedures (`Settings::independence`: ОГЭ/ЕГЭ/РДР by default) of the same school, subject and
//! year (the same cohort rarely writes both; METHODOLOGY allows "within one year"); gap =
//! z_checked − mean z_independent. Effect: z_checked >= `independent_z` and gap >=
//! `independent_gap`, unless the school is a лицей/гимназия or studies the subject in depth
//! (context file columns «тип ОО» and «углублённое изучение»). p: the gap against the other
//! schools' gaps of the same pair (normal approximation).

use super::units::{school_z, upper_p_among};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::{ColumnValues, Dataset, SchoolTableRole};

/// The school is a лицей/гимназия or studies `subject` in depth, by the context tables.
pub fn in_depth(ds: &Dataset, school: &str, subject: &str) -> bool {
    let Some(idx) = ds.schools.iter().position(|s| s.code == school) else {
        return false;
    };
    let stem: String = subject.to_lowercase().chars().take(5).collect();
    ds.school_tables
        .iter()
        .filter(|t| t.role == SchoolTableRole::Context)
        .any(|t| {
            let Some(row) = t.school.iter().position(|&s| s as usize == idx) else {
                return false;
            };
            t.columns.iter().any(|c| {
                let name = c.name.to_lowercase();
                let ColumnValues::Categorical(v) = &c.values else {
                    return false;
                };
                let Some(Some(val)) = v.get(row) else {
                    return false;
                };
                let val = val.to_lowercase();
                (name.contains("углубл") && !stem.is_empty() && val.contains(&stem))
                    || (name.contains("тип") && (val.contains("лицей") || val.contains("гимназ")))
            })
        })
}

/// One candidate per school × school-checked procedure with an independent procedure.
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in &ds.procedures {
        if s.independence.is_independent(p.key.kind) {
            continue;
        }
        let independents: Vec<_> = ds
            .procedures
            .iter()
            .filter(|q| {
                s.independence.is_independent(q.key.kind)
                    && q.key.subject == p.key.subject
                    && q.key.year == p.key.year
            })
            .collect();
        if independents.is_empty() {
            continue;
        }
        let zc = school_z(ds, p, s.min_unit);
        let zis: Vec<_> = independents
            .iter()
            .map(|q| school_z(ds, q, s.min_unit))
            .collect();
        let names: Vec<String> = independents.iter().map(|q| q.key.id()).collect();
        let gaps: Vec<(String, f64, f64, f64, usize)> = zc
            .iter()
            .filter_map(|(school, z, n)| {
                let zi: Vec<f64> = zis
                    .iter()
                    .filter_map(|zs| zs.iter().find(|x| x.0 == *school).map(|x| x.1))
                    .collect();
                if zi.is_empty() {
                    return None;
                }
                let zi = zi.iter().sum::<f64>() / zi.len() as f64;
                Some((school.clone(), *z, zi, z - zi, *n))
            })
            .collect();
        for (school, z, zi, gap, n) in &gaps {
            let others: Vec<f64> = gaps
                .iter()
                .filter(|x| x.0 != *school)
                .map(|x| x.3)
                .collect();
            let exempt = in_depth(ds, school, &p.key.subject);
            out.push(Candidate {
                indicator: Indicator::Independent,
                school: school.clone(),
                procedure: p.key.id(),
                class: None,
                value: *gap,
                reference: 0.0,
                threshold: s.independent_gap,
                n: *n,
                p: upper_p_among(*gap, &others),
                effect: *z >= s.independent_z && *gap >= s.independent_gap && !exempt,
                evidence: Evidence::Independent {
                    checked: p.key.id(),
                    independent: names.join(", "),
                    z_checked: *z,
                    z_independent: *zi,
                },
            });
        }
    }
    out
}
