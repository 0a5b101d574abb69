//! §3.4 Results not confirmed by an independent procedure.
//!
//! **z.** Each school's mean of its participants' primary-score share (total / maximum) in a
//! procedure, standardised across the district's schools with at least `Settings::min_unit`
//! participants: z = (mean_s − mean of the school means) / SD of the school means (unweighted:
//! every school counts once, SD with n − 1). A robust centre and scale (median and 1.4826 · MAD,
//! IQR / 1.349, SD after dropping schools beyond 2.5 robust SD) were measured on the demo
//! district and did worse for both §3.4 and §3.5: their noisier scale moves every school's z
//! from one procedure or year to the next more than a few inflated schools move the SD. A
//! procedure without primary scores (fewer than half of its participants have one) uses the
//! mark 2..5 instead; z does not depend on the scale (dividing by the maximum changes nothing),
//! so a missing maximum does not matter either. At least three schools with a positive SD are
//! needed, else the procedure has no z. The pupils' sampling error of z is se = √(var_s / n_s)
//! / SD (var_s: the sample variance of the pupils' shares in the school).
//!
//! **Pairing.** A school-checked procedure (its kind is not independent by
//! `Settings::independence`: ВПР by default) is paired with every independent procedure (ОГЭ,
//! ЕГЭ, РДР by default) of the same subject (the importer's canonical name) and the same known
//! year; grades may differ. The same cohort rarely writes both (ВПР in grades 4–8, ОГЭ in 9),
//! so this is METHODOLOGY's "within one year": both measure the school's teaching of the subject
//! that year. With several independent procedures (Математика: РДР 8 and ОГЭ 9) z_independent
//! is the mean of their z, its se² the mean of their se² divided by their number. A school
//! without a z in the checked procedure or in any of its independent ones is not testable (no
//! candidate); nor is a procedure without an independent one that year.
//!
//! **Effect.** gap = z_checked − z_independent; the effect holds when z_checked >=
//! `independent_z` and gap >= `independent_gap`, unless the school studies the subject in depth
//! ([`in_depth`]: a лицей or гимназия, or in-depth study of this subject, read from the context
//! tables and the school's name).
//!
//! **p** [P]. One-sided normal test of the gap against the other schools' gaps of the same
//! checked procedure, with an additive random-effects null (Spiegelhalter's over-dispersed
//! funnel, 2005): an ordinary school's gap ~ N(c, τ² + se²), se² = se_checked² +
//! se_independent² from its pupils, c = the median of the other schools' gaps and τ² = the
//! between-school variance of honest gaps (different cohorts, different tests), estimated
//! robustly from the others as (1.4826 · MAD)² − median se² (at least 0). The pupils' se alone
//! would be too small: two procedures of one school differ for many honest reasons; τ² measures
//! by how much they differ in this district. Needs five other schools, else p is `None`.
//!
//! Value: the gap; reference: c (the district's typical gap); threshold: `independent_gap`;
//! n: the checked procedure's participants of the school.

use super::units::quantile;
use super::{Candidate, Evidence, Indicator, Settings, Spread};
use crate::model::{ColumnValues, Dataset, Procedure, SchoolTableRole};
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, Normal};

/// One-sided normal p of a difference `d` with sampling error `se` alone (no spread).
pub(crate) fn sampling_p(d: f64, se: f64) -> Option<f64> {
    (se > 1e-12 && d.is_finite()).then(|| Normal::standard().sf(d / se))
}

/// A school's standardised mean in one procedure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SchoolZ {
    /// (mean − mean of school means) / SD of school means.
    pub z: f64,
    /// The pupils' sampling error of `z`.
    pub se: f64,
    /// Participants with a score.
    pub n: usize,
}

/// Standardised school means of `p` (module docs), indexed like `ds.schools`; `None` for
/// schools with fewer than `min` participants with a score, or every school when fewer than
/// three schools qualify or their means do not differ.
pub fn standardised(ds: &Dataset, p: &Procedure, min: usize) -> Vec<Option<SchoolZ>> {
    let r = &p.results;
    let participants = r.absent.iter().filter(|a| !**a).count();
    let with_total = (0..r.len())
        .filter(|&i| !r.absent[i] && r.total.get(i).copied().flatten().is_some())
        .count();
    let use_total = with_total > 0 && 2 * with_total >= participants;
    let max = p
        .max_total
        .or_else(|| (!p.tasks.is_empty()).then(|| p.tasks.iter().map(|t| t.max as f64).sum()))
        .filter(|m| *m > 0.0)
        .unwrap_or(1.0);
    // Σx, Σx², n per school.
    let mut acc = vec![(0.0f64, 0.0f64, 0usize); ds.schools.len()];
    for i in 0..r.len() {
        if r.absent[i] {
            continue;
        }
        let x = if use_total {
            r.total.get(i).copied().flatten().map(|t| t / max)
        } else {
            r.mark.get(i).copied().flatten().map(f64::from)
        };
        if let (Some(x), Some(a)) = (x, acc.get_mut(r.school[i] as usize)) {
            a.0 += x;
            a.1 += x * x;
            a.2 += 1;
        }
    }
    let min = min.max(2);
    let stats: Vec<Option<(f64, f64, usize)>> = acc
        .iter()
        .map(|&(s1, s2, n)| {
            (n >= min).then(|| {
                let m = s1 / n as f64;
                let var = ((s2 - n as f64 * m * m) / (n - 1) as f64).max(0.0);
                (m, var, n)
            })
        })
        .collect();
    let means: Vec<f64> = stats.iter().flatten().map(|x| x.0).collect();
    let mut out = vec![None; ds.schools.len()];
    if means.len() < 3 {
        return out;
    }
    let k = means.len() as f64;
    let mean = means.iter().sum::<f64>() / k;
    let sd = (means.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (k - 1.0)).sqrt();
    if sd.is_nan() || sd <= 1e-12 {
        return out;
    }
    for (o, st) in out.iter_mut().zip(&stats) {
        *o = st.map(|(m, var, n)| SchoolZ {
            z: (m - mean) / sd,
            se: (var / n as f64).sqrt() / sd,
            n,
        });
    }
    out
}

/// Indices (into `ds.procedures`) of the independent procedures paired with `p`: an independent
/// kind, the same subject and the same known year. Empty for an independent `p`.
pub fn paired(ds: &Dataset, s: &Settings, p: &Procedure) -> Vec<usize> {
    if s.independence.is_independent(p.key.kind) || p.key.year.is_none() {
        return Vec::new();
    }
    (0..ds.procedures.len())
        .filter(|&j| {
            let q = &ds.procedures[j].key;
            s.independence.is_independent(q.kind)
                && q.subject == p.key.subject
                && q.year == p.key.year
        })
        .collect()
}

/// How a school-checked procedure is linked to its independent ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Link {
    /// The same pupils: the same grade in the same year, or the cohort a year on or before
    /// (grade g in year y with grade g + 1 in year y + 1).
    Cohort,
    /// Only the same subject in the same year: a school-level comparison of different grades.
    School,
}

/// The independent procedures [`candidates`] compares `p` with: the same cohort where it can be
/// linked (an independent kind, the same subject, and grade − year the same, the years at most
/// one apart), otherwise [`paired`] (the same subject and year, any grade).
pub fn confirming(ds: &Dataset, s: &Settings, p: &Procedure) -> (Vec<usize>, Link) {
    let (Some(g), Some(y)) = (p.key.grade, p.key.year) else {
        return (paired(ds, s, p), Link::School);
    };
    let cohort: Vec<usize> = (0..ds.procedures.len())
        .filter(|&j| {
            let q = &ds.procedures[j].key;
            let (Some(qg), Some(qy)) = (q.grade, q.year) else {
                return false;
            };
            s.independence.is_independent(q.kind)
                && !s.independence.is_independent(p.key.kind)
                && q.subject == p.key.subject
                && (qy as i32 - y as i32).abs() <= 1
                && qg as i32 - qy as i32 == g as i32 - y as i32
        })
        .collect();
    if cohort.is_empty() {
        (paired(ds, s, p), Link::School)
    } else {
        (cohort, Link::Cohort)
    }
}

/// One-sided p of `x` (with sampling error `se`) against the `others` (value, se) under an
/// additive random-effects null ([`Spread`], at least five others): x ~ N(c, τ² + se²).
/// Returns (p, c); `None` with fewer than five others or no spread at all.
pub(crate) fn upper_p_overdispersed(x: f64, se: f64, others: &[(f64, f64)]) -> Option<(f64, f64)> {
    let sp = Spread::fit_at_least(others, 5)?;
    Some((sp.p_upper(x, se)?, sp.centre))
}

/// The stem of a subject's first word, to find it in any case form: the word without its last
/// two letters, at least four (`математика` → `математ`, matching `математики`; `химия` →
/// `хими`; `русский язык` → `русск`).
fn stem(subject: &str) -> String {
    let word: Vec<char> = subject
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase()
        .chars()
        .collect();
    let keep = word.len().saturating_sub(2).max(4).min(word.len());
    word[..keep].iter().collect()
}

/// A cell saying "yes" for a per-subject flag column.
fn truthy(v: &str) -> bool {
    matches!(
        v.trim().to_lowercase().as_str(),
        "да" | "есть" | "+" | "1" | "yes" | "true" | "y" | "д"
    )
}

/// Whether a text (a type, a name, an in-depth cell) marks a лицей/гимназия or in-depth study of
/// the subject with `stem`.
fn text_marks(text: &str, stem: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("лицей")
        || t.contains("гимназ")
        || (t.contains("углубл") && !stem.is_empty() && t.contains(stem))
}

/// The school studies `subject` in depth [S: Рособрнадзор exempts лицеи, гимназии and schools
/// with in-depth study]: by the context tables (role `Context`) — the type column (a header with
/// «тип» or «вид»: «лицей», «гимназия», «СОШ с углублённым изучением математики»), an in-depth
/// column (a header with «углубл»: its cell names the subject, as the demo's «углублённое
/// изучение» = «математика»; or the header names the subject, «Углублённое изучение
/// математики», and the cell says yes or is a positive number) — or by the school's name
/// («ГБОУ лицей № 1», «… с углублённым изучением английского языка»). A лицей or гимназия counts
/// in every subject: the published criterion exempts the type as such.
pub fn in_depth(ds: &Dataset, school: usize, subject: &str) -> bool {
    let stem = stem(subject);
    if ds
        .schools
        .get(school)
        .and_then(|s| s.name.as_deref())
        .is_some_and(|n| text_marks(n, &stem))
    {
        return true;
    }
    ds.school_tables
        .iter()
        .filter(|t| t.role == SchoolTableRole::Context)
        .any(|t| {
            let Some(row) = t.school.iter().position(|&s| s as usize == school) else {
                return false;
            };
            t.columns.iter().any(|c| {
                let name = c.name.to_lowercase();
                let depth_col = name.contains("углубл");
                let type_col = name.contains("тип") || name.contains("вид");
                let names_subject = depth_col && name.contains(&stem);
                match &c.values {
                    ColumnValues::Categorical(v) => {
                        let Some(Some(val)) = v.get(row) else {
                            return false;
                        };
                        let lower = val.to_lowercase();
                        (type_col && text_marks(val, &stem))
                            || (depth_col && lower.contains(&stem))
                            || (names_subject && truthy(val))
                    }
                    ColumnValues::Numeric(v) => {
                        names_subject && v.get(row).copied().flatten().is_some_and(|x| x > 0.0)
                    }
                }
            })
        })
}

/// One candidate per school × school-checked procedure that has a z and an independent
/// procedure of the same subject and year where the school has a z too (module docs).
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let zs: Vec<Vec<Option<SchoolZ>>> = ds
        .procedures
        .iter()
        .map(|p| standardised(ds, p, s.min_unit))
        .collect();
    /// One school in one checked procedure.
    struct Gap {
        school: usize,
        z_c: f64,
        z_i: f64,
        gap: f64,
        se: f64,
        n: usize,
    }
    // Per checked procedure: its independent ones, their label, the link, the schools' gaps.
    let mut per_proc: Vec<(usize, String, Link, Vec<Gap>)> = Vec::new();
    for (pi, p) in ds.procedures.iter().enumerate() {
        let (ind, link) = confirming(ds, s, p);
        if ind.is_empty() {
            continue;
        }
        let label = ind
            .iter()
            .map(|&j| ds.procedures[j].key.to_string())
            .collect::<Vec<_>>()
            .join("; ");
        let units: Vec<Gap> = zs[pi]
            .iter()
            .enumerate()
            .filter_map(|(school, zc)| {
                let zc = (*zc)?;
                let zi: Vec<SchoolZ> = ind.iter().filter_map(|&j| zs[j][school]).collect();
                if zi.is_empty() {
                    return None;
                }
                let k = zi.len() as f64;
                let z_ind = zi.iter().map(|x| x.z).sum::<f64>() / k;
                let se2_ind = zi.iter().map(|x| x.se * x.se).sum::<f64>() / (k * k);
                Some(Gap {
                    school,
                    z_c: zc.z,
                    z_i: z_ind,
                    gap: zc.z - z_ind,
                    se: (zc.se.powi(2) + se2_ind).sqrt(),
                    n: zc.n,
                })
            })
            .collect();
        per_proc.push((pi, label, link, units));
    }
    // The school's mean gap over its checked works of the year.
    let pooled = pool(per_proc.iter().flat_map(|(pi, _, _, units)| {
        units
            .iter()
            .map(|u| (ds.procedures[*pi].key.year, u.school, u.gap, u.se))
    }));
    let mut out = Vec::new();
    for (pi, label, link, units) in &per_proc {
        let p = &ds.procedures[*pi];
        let all_gaps: Vec<f64> = units.iter().map(|u| u.gap).collect();
        let district = quantile(&all_gaps, 0.5).unwrap_or(0.0);
        let fitted = Spread::fit(&units.iter().map(|u| (u.gap, u.se)).collect::<Vec<_>>());
        for u in units {
            let others: Vec<(f64, f64)> = units
                .iter()
                .filter(|o| o.school != u.school)
                .map(|o| (o.gap, o.se))
                .collect();
            let test = upper_p_overdispersed(u.gap, u.se, &others);
            let centre = test.map_or(district, |t| t.1);
            let exempt = in_depth(ds, u.school, &p.key.subject);
            out.push(Candidate {
                indicator: Indicator::Independent,
                school: ds.schools[u.school].code.clone(),
                procedure: p.key.id(),
                class: None,
                value: u.gap,
                reference: centre,
                threshold: s.independent_gap,
                n: u.n,
                size: u.gap,
                se: Some(u.se),
                spread: fitted,
                p_sampling: sampling_p(u.gap - centre, u.se),
                p: work_or_school(test.map(|t| t.0), pooled.p(p.key.year, u.school)),
                effect: u.z_c >= s.independent_z && u.gap >= s.independent_gap && !exempt,
                evidence: Evidence::Independent {
                    checked: p.key.to_string(),
                    independent: label.clone(),
                    z_checked: u.z_c,
                    z_independent: u.z_i,
                    link: *link,
                },
            });
        }
    }
    out
}

/// Per school and year, the mean of its works' values (se² = Σ se² / k²) tested against the
/// other schools' means of that year ([`upper_p_overdispersed`]): a school whose
/// school-checked works all lean one way stands out even when each work alone would not.
pub(crate) struct Pooled {
    tests: std::collections::BTreeMap<(Option<u16>, usize), Option<f64>>,
}

impl Pooled {
    /// The pooled p of `school` in `year`.
    pub(crate) fn p(&self, year: Option<u16>, school: usize) -> Option<f64> {
        self.tests.get(&(year, school)).copied().flatten()
    }
}

/// Pools (year, school, value, se) of works.
pub(crate) fn pool(works: impl Iterator<Item = (Option<u16>, usize, f64, f64)>) -> Pooled {
    let mut acc: std::collections::BTreeMap<(Option<u16>, usize), (f64, f64, usize)> =
        Default::default();
    for (year, school, x, se) in works {
        let e = acc.entry((year, school)).or_default();
        e.0 += x;
        e.1 += se * se;
        e.2 += 1;
    }
    let means: Vec<((Option<u16>, usize), f64, f64)> = acc
        .iter()
        .map(|(&k, &(sum, se2, n))| (k, sum / n as f64, se2.sqrt() / n as f64))
        .collect();
    let tests = means
        .iter()
        .map(|&(k, m, se)| {
            let others: Vec<(f64, f64)> = means
                .iter()
                .filter(|x| x.0 .0 == k.0 && x.0 .1 != k.1)
                .map(|x| (x.1, x.2))
                .collect();
            (k, upper_p_overdispersed(m, se, &others).map(|t| t.0))
        })
        .collect();
    Pooled { tests }
}

/// The p of a work's sign from its own test and its school's pooled test: 2 · the smaller
/// (Bonferroni over the two looks), at most 1.
pub(crate) fn work_or_school(work: Option<f64>, school: Option<f64>) -> Option<f64> {
    match (work, school) {
        (Some(a), Some(b)) => Some((2.0 * a.min(b)).min(1.0)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{ColumnValues, ProcedureKind, SchoolColumn, SchoolTable, SchoolTableRole};
    use crate::objectivity::testutil::{procedure, pupil, with_procedures, Row};

    /// Ten pupils of school `s` on one task: five score `m − 1`, five `m + 1` (mean `m`, sample
    /// variance 10/9).
    fn school_rows(s: u32, m: u8) -> Vec<Row> {
        (0..10)
            .map(|i| pupil(s, "А", &[if i < 5 { m - 1 } else { m + 1 }], None, None))
            .collect()
    }

    /// A procedure of `kind`, `subject`, `grade`, `year` whose schools S0, S1, … have the means
    /// `means` (points of one task).
    pub(crate) fn proc_of(
        kind: ProcedureKind,
        subject: &str,
        grade: u8,
        year: u16,
        means: &[u8],
    ) -> Procedure {
        let rows = means
            .iter()
            .enumerate()
            .flat_map(|(s, &m)| school_rows(s as u32, m))
            .collect();
        let mut p = procedure(year, rows, None);
        p.key.kind = kind;
        p.key.subject = subject.into();
        p.key.grade = Some(grade);
        p
    }

    /// ВПР means S0..S7 = 8, 8, 4, 4, 5, 5, 6, 6 (points): mean 5.75, SD √(17.5 / 7) = 1.58114;
    /// z(S0) = z(S1) = 2.25 / 1.58114 = 1.42302; se = √(10/9 / 10) / 1.58114 = 0.21082.
    pub(crate) const VPR: [u8; 8] = [8, 8, 4, 4, 5, 5, 6, 6];
    /// ОГЭ means 4, 8, 4, 4, 5, 5, 6, 6: mean 5.25, SD √(13.5 / 7) = 1.38873; z(S0) = −1.25 /
    /// 1.38873 = −0.90011, z(S1) = 2.75 / 1.38873 = 1.98023; se = 0.33333 / 1.38873 = 0.24003.
    pub(crate) const OGE: [u8; 8] = [4, 8, 4, 4, 5, 5, 6, 6];

    fn district() -> Dataset {
        with_procedures(
            8,
            vec![
                proc_of(ProcedureKind::Vpr, "Математика", 5, 2025, &VPR),
                proc_of(ProcedureKind::Oge, "Математика", 9, 2025, &OGE),
                // Another subject without an independent procedure: not testable.
                proc_of(ProcedureKind::Vpr, "История", 5, 2025, &VPR),
                // ОГЭ of another year: not paired.
                proc_of(ProcedureKind::Oge, "Математика", 9, 2024, &VPR),
            ],
        )
    }

    #[test]
    fn standardised_means_by_hand() {
        let ds = district();
        let z = standardised(&ds, &ds.procedures[0], 10);
        let s0 = z[0].unwrap();
        assert!((s0.z - 1.42302).abs() < 1e-5, "{s0:?}");
        assert!((s0.se - 0.21082).abs() < 1e-5, "{s0:?}");
        assert_eq!(s0.n, 10);
        let o = standardised(&ds, &ds.procedures[1], 10);
        assert!((o[0].unwrap().z + 0.90011).abs() < 1e-5);
        assert!((o[1].unwrap().z - 1.98023).abs() < 1e-5);
        assert!((o[1].unwrap().se - 0.24003).abs() < 1e-5);
        // Below the minimum size nobody has a z.
        assert!(standardised(&ds, &ds.procedures[0], 11)
            .iter()
            .all(Option::is_none));
    }

    /// S0's ВПР jumps (z 1.42) while its ОГЭ does not (z −0.90): gap 2.32313 >= 1, it fires.
    /// S1 is high in both (ВПР 1.42, ОГЭ 1.98, gap −0.55721): like a school that genuinely beats
    /// its context, it does not. The others' gaps (S2..S7: −0.20671 twice, −0.29432 twice,
    /// −0.38194 twice, and S1's) have median −0.29432 and MAD 0.08761: robust SD 0.12990, below
    /// the pupils' se (√(0.21082² + 0.24003²) = 0.31947), so τ² = 0 and S0's test statistic is
    /// (2.32313 + 0.29432) / 0.31947 = 8.193.
    #[test]
    fn jump_not_confirmed_fires_high_everywhere_does_not() {
        let ds = district();
        let s = Settings::default();
        let c = candidates(&ds, &s);
        assert_eq!(c.len(), 8, "one per school of ВПР Математика 2025 only");
        assert!(c.iter().all(|x| x.procedure == "vpr-математика-5-2025"));
        let s0 = &c[0];
        assert_eq!(s0.school, "S0");
        assert!((s0.value - 2.32313).abs() < 1e-4, "{s0:?}");
        assert!((s0.reference + 0.29432).abs() < 1e-4, "{s0:?}");
        assert!(s0.effect);
        let z = (2.32313 + 0.29432) / 0.31947;
        // The work's test and the school's pooled one agree here (one checked work): 2 · p.
        let expect = 2.0 * Normal::standard().sf(z);
        assert!((s0.p.unwrap() / expect - 1.0).abs() < 1e-2, "{:?}", s0.p);
        assert!(s0.p.unwrap() < 1e-12);
        let Evidence::Independent {
            z_checked,
            z_independent,
            independent,
            ..
        } = &s0.evidence
        else {
            panic!()
        };
        assert!((z_checked - 1.42302).abs() < 1e-4 && (z_independent + 0.90011).abs() < 1e-4);
        assert_eq!(independent, "ОГЭ Математика, 9 кл., 2025");
        let s1 = &c[1];
        assert!((s1.value + 0.55721).abs() < 1e-4, "{s1:?}");
        assert!(!s1.effect && s1.p.unwrap() > 0.5);
        let signs = crate::objectivity::decide(c, &s);
        let fired: Vec<&str> = signs
            .iter()
            .filter(|x| x.fired)
            .map(|x| x.candidate.school.as_str())
            .collect();
        assert_eq!(fired, ["S0"]);
    }

    /// Two independent procedures are averaged. РДР means S0..S7 = 6, 8, 4, 4, 5, 5, 6, 6: mean
    /// 5.5, SD √(12 / 7) = 1.30931, z(S0) = 0.5 / 1.30931 = 0.38188. With the ОГЭ (−0.90011):
    /// z_independent = −0.25911, gap = 1.42302 + 0.25911 = 1.68213.
    #[test]
    fn several_independent_procedures_are_averaged() {
        let mut ds = district();
        ds.procedures.push(proc_of(
            ProcedureKind::Rdr,
            "Математика",
            8,
            2025,
            &[6, 8, 4, 4, 5, 5, 6, 6],
        ));
        let c = candidates(&ds, &Settings::default());
        assert!((c[0].value - 1.68213).abs() < 1e-4, "{:?}", c[0]);
        assert!(c[0].effect);
    }

    /// A лицей, or in-depth study of the subject (by the context table or the name), is exempt;
    /// in-depth study of another subject is not.
    #[test]
    fn in_depth_study_is_exempt() {
        let table = |col: &str, v: &str| SchoolTable {
            role: SchoolTableRole::Context,
            file: "Контекст.csv".into(),
            key_column: "логин школы".into(),
            school: vec![1, 0],
            columns: vec![SchoolColumn {
                name: col.into(),
                values: ColumnValues::Categorical(vec![Some("нет".into()), Some(v.into())]),
                suppressed: 0,
            }],
            year: None,
        };
        let fires = |ds: &Dataset| candidates(ds, &Settings::default())[0].effect;
        let base = district();
        assert!(fires(&base));
        for (col, v, exempt) in [
            ("углублённое изучение", "математика", true),
            ("углублённое изучение", "английский язык", false),
            ("тип ОО", "лицей", true),
            ("тип ОО", "гимназия", true),
            ("тип ОО", "СОШ с углублённым изучением математики", true),
            ("тип ОО", "СОШ с углублённым изучением химии", false),
            ("тип ОО", "СОШ", false),
            ("Углублённое изучение математики", "да", true),
            ("Углублённое изучение физики", "да", false),
        ] {
            let mut ds = base.clone();
            ds.school_tables.push(table(col, v));
            assert_eq!(fires(&ds), !exempt, "{col} = {v}");
        }
        let mut ds = base.clone();
        ds.school_tables.push(SchoolTable {
            columns: vec![SchoolColumn {
                name: "углублённое изучение математики".into(),
                values: ColumnValues::Numeric(vec![Some(0.0), Some(1.0)]),
                suppressed: 0,
            }],
            ..table("x", "y")
        });
        assert!(!fires(&ds));
        let mut ds = base.clone();
        ds.schools[0].name = Some("ГБОУ СОШ № 7 с углублённым изучением математики".into());
        assert!(!fires(&ds));
        ds.schools[0].name = Some("ГБОУ СОШ № 7".into());
        assert!(fires(&ds));
        assert_eq!(stem("Химия"), "хими");
        assert_eq!(stem("Русский язык"), "русск");
        assert!(!in_depth(&ds, 0, "Русский язык"));
    }

    /// The random-effects null: with no sampling error and others 1..=9 (median 5, MAD 2), x =
    /// 11 gives (11 − 5) / 2.9652 = 2.0235 and p = 0.0215122; the sampling error of the others
    /// is taken out of the spread, the unit's own is added.
    #[test]
    fn overdispersed_p() {
        let others: Vec<(f64, f64)> = (1..=9).map(|v| (f64::from(v), 0.0)).collect();
        let (p, c) = upper_p_overdispersed(11.0, 0.0, &others).unwrap();
        assert_eq!(c, 5.0);
        assert!((p - 0.021_512_2).abs() < 1e-6, "{p}");
        // Others' se 2: τ² = 2.9652² − 4 = 4.7924; own se 1: sd √5.7924 = 2.4068.
        let others: Vec<(f64, f64)> = (1..=9).map(|v| (f64::from(v), 2.0)).collect();
        let (p, _) = upper_p_overdispersed(11.0, 1.0, &others).unwrap();
        let z = 6.0 / (2.9652f64.powi(2) - 4.0 + 1.0).sqrt();
        assert!((p - (1.0 - Normal::standard().cdf(z))).abs() < 1e-4, "{p}");
        assert!(upper_p_overdispersed(1.0, 0.1, &others[..4]).is_none());
    }
}
