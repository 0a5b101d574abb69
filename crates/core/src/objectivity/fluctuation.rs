//! §3.5 Unexpected fluctuation: the same school in one procedure family (kind, subject, grade, as
//! `stats::trends::family`) over the years. METHODOLOGY's "same school and cohort" is read as the
//! school's grade: the family compares successive year groups of the same grade, as the year
//! screens do.
//!
//! **z** per year: the school's standardised mean of that year's procedure, exactly as §3.4
//! ([`independent::standardised`]: mean primary-score share, standardised across the district's
//! schools with at least `min_unit` participants).
//!
//! **Rule** [P]. Only school-checked procedures (not independent by `Settings::independence`)
//! are tested. rise = z(year) − z(the family's previous year present in the data: the year
//! before, or the last earlier one when a year is missing). The effect holds when rise >=
//! `fluctuation_rise` and either
//! * it does not last: the family's next year exists and z falls from the rise year by at least
//!   `fluctuation_fall`, or
//! * it is not seen in the independent procedures of the same school, subject and year (the
//!   §3.4 pairing, [`independent::paired`]): their rise from their own previous year (mean over
//!   those where the school has a z in both years) is below half of the school-checked rise.
//!
//! With two years only the second condition is the one that can apply (the rise year is the
//! last). Without a next year and without an independent rise the effect cannot hold.
//!
//! **The school's works together** [P]. A school whose school-checked works of one year all
//! rose a little is as telling as one work that rose much: the school's year-to-year movement
//! is shared by its grades (teams, intake), so one work's rise is noisy and the mean over the
//! school's works is what moves. The effect also holds for a work that rose (rise > 0) when the
//! school's works of that year (at least two) rose by `fluctuation_school_rise` on average and
//! that mean rise did not last (most of them fell back the next year) or is not seen in the
//! school's independent procedures (their mean rise below half of it).
//!
//! **p** [P]: the rise against the other schools' rises in the same procedure and year, one-sided,
//! under the random-effects null of §3.4 (Spiegelhalter's over-dispersed funnel): an ordinary
//! school's rise ~ N(c, τ² + se²), se² = se(year)² + se(previous)² from its pupils, c and τ²
//! robust (median; (1.4826 · MAD)² − median se²) over the others. τ² is the ordinary
//! year-to-year movement of a school (a different year group, other classes).
//!
//! One candidate per school × school-checked procedure with an earlier year where the school
//! has a z in both, on the year of the rise. Value: the rise; reference: c (the district's typical
//! rise); threshold: `fluctuation_rise`; n: the school's participants that year. Evidence: the
//! family's years and the school's z in each (`None` where it has no z).

use super::independent::{self, standardised, upper_p_overdispersed, SchoolZ};
use super::units::quantile;
use super::{Candidate, Evidence, Indicator, Settings, Spread};
use crate::model::Dataset;

/// Indices (into `ds.procedures`) of the family of procedure `i` (same kind, subject, grade; a
/// known year), by year.
fn family(ds: &Dataset, i: usize) -> Vec<usize> {
    let key = &ds.procedures[i].key;
    let mut out: Vec<usize> = (0..ds.procedures.len())
        .filter(|&j| {
            let k = &ds.procedures[j].key;
            k.kind == key.kind
                && k.subject == key.subject
                && k.grade == key.grade
                && k.year.is_some()
        })
        .collect();
    out.sort_by_key(|&j| ds.procedures[j].key.year);
    out
}

/// The procedure before `i` in its family, if any.
fn previous(ds: &Dataset, i: usize) -> Option<usize> {
    let fam = family(ds, i);
    let pos = fam.iter().position(|&j| j == i)?;
    fam.get(pos.checked_sub(1)?).copied()
}

/// One work's rise: (procedure, school, rise, its se, participants, effect, evidence z).
struct Rise {
    pi: usize,
    school: usize,
    rise: f64,
    se: f64,
    n: usize,
    /// The work's own effect (module docs).
    effect: bool,
    /// The rise did not last (the next year fell back).
    falls: bool,
    /// The mean rise of the school's independent procedures of the same subject, if any.
    independent: Option<f64>,
    years: Vec<u16>,
    z: Vec<Option<f64>>,
}

/// One candidate per school × school-checked procedure with an earlier year (module docs).
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let zs: Vec<Vec<Option<SchoolZ>>> = ds
        .procedures
        .iter()
        .map(|p| standardised(ds, p, s.min_unit))
        .collect();
    let mut works: Vec<Rise> = Vec::new();
    for (pi, p) in ds.procedures.iter().enumerate() {
        if s.independence.is_independent(p.key.kind) || p.key.year.is_none() {
            continue;
        }
        let fam = family(ds, pi);
        let Some(pos) = fam.iter().position(|&j| j == pi) else {
            continue;
        };
        let Some(prev) = pos.checked_sub(1).map(|k| fam[k]) else {
            continue;
        };
        let next = fam.get(pos + 1).copied();
        let years: Vec<u16> = fam
            .iter()
            .filter_map(|&j| ds.procedures[j].key.year)
            .collect();
        // Independent procedures of the same subject and year, with their previous years.
        let ind: Vec<(usize, usize)> = independent::paired(ds, s, p)
            .into_iter()
            .filter_map(|j| Some((j, previous(ds, j)?)))
            .collect();
        for (sc, (now, before)) in zs[pi].iter().zip(&zs[prev]).enumerate() {
            let (Some(now), Some(before)) = (*now, *before) else {
                continue;
            };
            let rise = now.z - before.z;
            let falls = next
                .and_then(|j| zs[j][sc])
                .is_some_and(|zn| zn.z - now.z <= -s.fluctuation_fall);
            let ind_rises: Vec<f64> = ind
                .iter()
                .filter_map(|&(j, jp)| Some(zs[j][sc]?.z - zs[jp][sc]?.z))
                .collect();
            let independent = (!ind_rises.is_empty())
                .then(|| ind_rises.iter().sum::<f64>() / (ind_rises.len() as f64));
            let unconfirmed = independent.is_some_and(|i| i < rise / 2.0);
            works.push(Rise {
                pi,
                school: sc,
                rise,
                se: (now.se.powi(2) + before.se.powi(2)).sqrt(),
                n: now.n,
                effect: rise >= s.fluctuation_rise && (falls || unconfirmed),
                falls,
                independent,
                years: years.clone(),
                z: fam.iter().map(|&j| zs[j][sc].map(|z| z.z)).collect(),
            });
        }
    }
    // The school's mean rise over its school-checked works of the year.
    let year_of = |w: &Rise| ds.procedures[w.pi].key.year;
    let pooled = independent::pool(works.iter().map(|w| (year_of(w), w.school, w.rise, w.se)));
    let together = school_years(&works, |w| year_of(w), s);
    let mut out = Vec::new();
    for pi in 0..ds.procedures.len() {
        let these: Vec<&Rise> = works.iter().filter(|w| w.pi == pi).collect();
        if these.is_empty() {
            continue;
        }
        let all: Vec<f64> = these.iter().map(|w| w.rise).collect();
        let district = quantile(&all, 0.5).unwrap_or(0.0);
        let fitted = Spread::fit(&these.iter().map(|w| (w.rise, w.se)).collect::<Vec<_>>());
        for w in &these {
            let others: Vec<(f64, f64)> = these
                .iter()
                .filter(|o| o.school != w.school)
                .map(|o| (o.rise, o.se))
                .collect();
            let own = upper_p_overdispersed(w.rise, w.se, &others).map(|t| t.0);
            out.push(Candidate {
                indicator: Indicator::Fluctuation,
                school: ds.schools[w.school].code.clone(),
                procedure: ds.procedures[pi].key.id(),
                class: None,
                value: w.rise,
                reference: fitted.map_or(district, |f| f.centre),
                threshold: s.fluctuation_rise,
                n: w.n,
                size: w.rise,
                se: Some(w.se),
                spread: fitted,
                p_sampling: independent::sampling_p(w.rise - district, w.se),
                p: independent::work_or_school(own, pooled.p(year_of(w), w.school)),
                effect: w.effect || (w.rise > 0.0 && together.contains(&(year_of(w), w.school))),
                evidence: Evidence::Fluctuation {
                    years: w.years.clone(),
                    z: w.z.clone(),
                },
            });
        }
    }
    out
}

/// The (year, school) whose school-checked works rose together: the mean rise over the
/// school's works of the year is at least `fluctuation_school_rise`, over at least two works,
/// and the rise either did not last (most of the works fell back the next year) or is not seen
/// in the school's independent procedures (their mean rise below half of it).
fn school_years(
    works: &[Rise],
    year_of: impl Fn(&Rise) -> Option<u16>,
    s: &Settings,
) -> std::collections::BTreeSet<(Option<u16>, usize)> {
    #[derive(Default)]
    struct Acc {
        rise: f64,
        k: usize,
        falls: usize,
        independent: f64,
        k_independent: usize,
    }
    let mut acc: std::collections::BTreeMap<(Option<u16>, usize), Acc> = Default::default();
    for w in works {
        let a = acc.entry((year_of(w), w.school)).or_default();
        a.rise += w.rise;
        a.k += 1;
        a.falls += usize::from(w.falls);
        if let Some(i) = w.independent {
            a.independent += i;
            a.k_independent += 1;
        }
    }
    acc.into_iter()
        .filter(|(_, a)| {
            let mean = a.rise / a.k as f64;
            let unconfirmed =
                a.k_independent > 0 && a.independent / (a.k_independent as f64) < mean / 2.0;
            a.k >= 2 && mean >= s.fluctuation_school_rise && (2 * a.falls > a.k || unconfirmed)
        })
        .map(|(k, _)| k)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProcedureKind;
    use crate::objectivity::testutil::with_procedures;

    /// Means (points of one task, ten pupils each, five at m − 1 and five at m + 1) of S0..S7.
    const BASE: [u8; 8] = [4, 8, 4, 4, 5, 5, 6, 6];
    /// S0 jumps from 4 to 8.
    const JUMP: [u8; 8] = [8, 8, 4, 4, 5, 5, 6, 6];

    fn vpr(year: u16, means: &[u8]) -> crate::model::Procedure {
        independent::tests::proc_of(ProcedureKind::Vpr, "Математика", 5, year, means)
    }

    fn oge(year: u16, means: &[u8]) -> crate::model::Procedure {
        independent::tests::proc_of(ProcedureKind::Oge, "Математика", 9, year, means)
    }

    /// Two years. BASE: mean 5.25, SD √(13.5 / 7) = 1.38873, z(S0) = −1.25 / 1.38873 =
    /// −0.90011, z(S1) = 2.75 / 1.38873 = 1.98023. JUMP: mean 5.75, SD √(17.5 / 7) = 1.58114,
    /// z(S0) = z(S1) = 2.25 / 1.58114 = 1.42302. S0's ВПР rises by 2.32313 while its ОГЭ
    /// (BASE both years) does not move: it fires. S1, high in every year and procedure (the
    /// genuine high-achiever), "falls" by 0.55721 only because S0 joined the top: no effect.
    /// The others' rises (S2..S7: −0.20669, −0.29432, −0.38195, twice each, and S1's) have
    /// median −0.29432 and a robust spread below the pupils' se √(0.21082² + 0.24003²) =
    /// 0.31947, so S0's statistic is (2.32313 + 0.29432) / 0.31947 = 8.193.
    #[test]
    fn vpr_jump_without_oge_fires_high_school_does_not() {
        let ds = with_procedures(
            8,
            vec![
                vpr(2024, &BASE),
                vpr(2025, &JUMP),
                oge(2024, &BASE),
                oge(2025, &BASE),
            ],
        );
        let s = Settings::default();
        let c = candidates(&ds, &s);
        assert_eq!(
            c.len(),
            8,
            "2025 ВПР only: 2024 has no earlier year, ОГЭ is independent"
        );
        assert!(c.iter().all(|x| x.procedure == "vpr-математика-5-2025"));
        let s0 = &c[0];
        assert!((s0.value - 2.32313).abs() < 1e-4, "{s0:?}");
        assert!((s0.reference + 0.29432).abs() < 1e-4, "{s0:?}");
        assert!(s0.effect && s0.p.unwrap() < 1e-12);
        let Evidence::Fluctuation { years, z } = &s0.evidence else {
            panic!()
        };
        assert_eq!(years, &[2024, 2025]);
        assert!((z[0].unwrap() - BASE_Z0).abs() < 1e-5 && (z[1].unwrap() - JUMP_Z0).abs() < 1e-5);
        let s1 = &c[1];
        assert!((s1.value + 0.55721).abs() < 1e-4 && !s1.effect, "{s1:?}");
        let fired: Vec<String> = crate::objectivity::decide(c, &s)
            .into_iter()
            .filter(|x| x.fired)
            .map(|x| x.candidate.school)
            .collect();
        assert_eq!(fired, ["S0"]);
    }

    const BASE_Z0: f64 = -0.90011;
    /// S0 at 5 instead of 4: mean 5.375, SD √(11.875 / 7) = 1.30247, z(S0) = −0.28791.
    const SMALL: [u8; 8] = [5, 8, 4, 4, 5, 5, 6, 6];

    /// S0's two ВПР of 2025 (mathematics and Russian, grade 5) each rise by −0.28791 + 0.90011
    /// = 0.61220 SD: below `fluctuation_rise` for either work, but the school's works rose
    /// together (mean 0.61220 ≥ `fluctuation_school_rise`) while its ОГЭ in both subjects did
    /// not move: both works carry the effect. One such work alone does not.
    #[test]
    fn works_rising_together_without_the_oge_carry_the_effect() {
        let russian = |kind, grade, year, means: &[u8]| {
            independent::tests::proc_of(kind, "Русский язык", grade, year, means)
        };
        let mut procs = vec![
            vpr(2024, &BASE),
            vpr(2025, &SMALL),
            oge(2024, &BASE),
            oge(2025, &BASE),
        ];
        let s = Settings::default();
        let alone = candidates(&with_procedures(8, procs.clone()), &s);
        assert!((alone[0].value - 0.61220).abs() < 1e-4, "{:?}", alone[0]);
        assert!(!alone[0].effect, "one work below the rise threshold");
        procs.extend([
            russian(ProcedureKind::Vpr, 5, 2024, &BASE),
            russian(ProcedureKind::Vpr, 5, 2025, &SMALL),
            russian(ProcedureKind::Oge, 9, 2024, &BASE),
            russian(ProcedureKind::Oge, 9, 2025, &BASE),
        ]);
        let c = candidates(&with_procedures(8, procs.clone()), &s);
        let s0: Vec<&Candidate> = c.iter().filter(|x| x.school == "S0").collect();
        assert_eq!(s0.len(), 2);
        assert!(s0
            .iter()
            .all(|x| x.effect && (x.value - 0.61220).abs() < 1e-4));
        assert!(c.iter().filter(|x| x.school != "S0").all(|x| !x.effect));
        let strict = Settings {
            fluctuation_school_rise: 0.7,
            ..Settings::default()
        };
        assert!(candidates(&with_procedures(8, procs), &strict)
            .iter()
            .all(|x| !x.effect));
    }

    const JUMP_Z0: f64 = 1.42302;

    /// The same rise confirmed by the ОГЭ (S0's ОГЭ jumps too, by the same 2.32313): a genuine
    /// improvement, no effect.
    #[test]
    fn rise_seen_in_the_independent_procedure_does_not_fire() {
        let ds = with_procedures(
            8,
            vec![
                vpr(2024, &BASE),
                vpr(2025, &JUMP),
                oge(2024, &BASE),
                oge(2025, &JUMP),
            ],
        );
        let c = candidates(&ds, &Settings::default());
        assert!((c[0].value - 2.32313).abs() < 1e-4);
        assert!(!c[0].effect);
    }

    /// Three years, no independent procedure: S0 rises in 2024 (by 2.32313) and falls back in
    /// 2025 (by the same): the 2024 rise does not last and fires; 2025 is a fall, no effect. A
    /// rise that lasts (2023 BASE, 2024 and 2025 JUMP) has no effect without an independent
    /// procedure to contradict it.
    #[test]
    fn rise_that_does_not_last_fires() {
        let s = Settings::default();
        let ds = with_procedures(
            8,
            vec![vpr(2023, &BASE), vpr(2024, &JUMP), vpr(2025, &BASE)],
        );
        let c = candidates(&ds, &s);
        assert_eq!(c.len(), 16);
        let s0: Vec<&Candidate> = c.iter().filter(|x| x.school == "S0").collect();
        assert_eq!(s0[0].procedure, "vpr-математика-5-2024");
        assert!(s0[0].effect && (s0[0].value - 2.32313).abs() < 1e-4);
        assert!(!s0[1].effect && (s0[1].value + 2.32313).abs() < 1e-4);
        let Evidence::Fluctuation { years, z } = &s0[0].evidence else {
            panic!()
        };
        assert_eq!(years, &[2023, 2024, 2025]);
        assert!((z[2].unwrap() - BASE_Z0).abs() < 1e-5);
        let lasting = with_procedures(
            8,
            vec![vpr(2023, &BASE), vpr(2024, &JUMP), vpr(2025, &JUMP)],
        );
        assert!(candidates(&lasting, &s).iter().all(|x| !x.effect));
    }
}
