//! Choosing the works to re-check: a sample weighted to the units with signs and stratified by
//! primary score.
//!
//! - **Units.** A unit is a school × procedure; its works are the participants with a primary
//!   score. A unit draws `works_per_unit` × its weight: `sign_weight` when a sign fired on it
//!   (school or class level), `school_weight` when a sign fired elsewhere in its school, 1
//!   otherwise (rounded, at most all its works). A school below `min_per_school` works in all
//!   gets one more work at a time from its units, largest first, while they have works left.
//! - **Strata.** A unit's works are sorted by primary score (ties in random order) and cut into
//!   as many equal strata as works are drawn; one work is drawn at random from each stratum, so
//!   the sample covers the whole range of scores, the weak works as well as the strong.
//! - **Thresholds.** In a unit with a bunching sign, `boundary_share` of its works come from the
//!   scores at and just above the sign's threshold (`t`, `t + 1`), stratified the same way, and
//!   the rest from the other scores: those are the works a lenient marker would have lifted.
//! - **Seed.** Each unit has its own random stream from the seed, the school code and the
//!   procedure id: the same plan, data and report give the same list, and adding a procedure
//!   does not change another's works.

use super::errors::RecheckError;
use super::params::ValidRecheckPlan;
use crate::model::{Dataset, Procedure};
use crate::objectivity::{Evidence, Indicator, ObjectivityReport};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Why a unit got its number of works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// No sign in the school.
    Base,
    /// A sign fired elsewhere in the school.
    School,
    /// A sign fired on this unit.
    Sign,
}

/// One work to re-check. The original task scores are kept for the agreement but are never
/// written to the list (see [`super::list`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecheckWork {
    /// School code.
    pub school: String,
    /// `ProcedureKey::id()`.
    pub procedure: String,
    pub class: Option<String>,
    /// The pupil's pseudonymous code (`PupilResults::pupil`).
    pub code: String,
    /// The loaded file the work came from (`None` when the procedure was merged from files
    /// whose rows cannot be told apart; see [`work_files`]).
    pub file: Option<String>,
    /// The work's row in that file (1-based, as a spreadsheet shows it).
    pub row: u32,
    /// The pupil's row in the procedure's results.
    pub index: usize,
    /// Original task scores ([`crate::model::SCORE_MISSING`] where none).
    pub scores: Vec<u8>,
    /// Original primary score.
    pub total: f64,
    pub why: Why,
    /// Drawn from the scores at the threshold of a bunching sign.
    pub boundary: bool,
}

/// What one unit gave to the sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitDraw {
    pub school: String,
    pub procedure: String,
    /// Works the unit has (participants with a primary score).
    pub eligible: usize,
    pub drawn: usize,
    pub why: Why,
    /// The threshold of a bunching sign whose works were targeted.
    pub boundary: Option<u32>,
}

/// The works to re-check, in procedure (dataset order), school (dataset order) and results
/// row order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecheckList {
    pub seed: u64,
    pub works: Vec<RecheckWork>,
    /// Every unit of the chosen procedures and schools, with its draw.
    pub units: Vec<UnitDraw>,
}

impl RecheckList {
    /// The procedures of the list (ids), in list order.
    pub fn procedures(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for w in &self.works {
            if out.last() != Some(&w.procedure.as_str()) && !out.contains(&w.procedure.as_str()) {
                out.push(&w.procedure);
            }
        }
        out
    }

    /// The listed work of pupil row `index` of `procedure`.
    pub fn find(&self, procedure: &str, index: usize) -> Option<&RecheckWork> {
        self.works
            .iter()
            .find(|w| w.index == index && w.procedure == procedure)
    }
}

/// The file of each pupil row of a procedure (index into `Procedure::files`). Rows are not
/// tagged with their file, but each file's rows come in increasing row order and files are
/// appended in `files` order, so a file starts where the row number falls back. When the
/// number of such runs is not the number of files (a file without pupils, a file that starts
/// below the end of the one before), every row gets `None`.
pub fn work_files(p: &Procedure) -> Vec<Option<usize>> {
    let rows = &p.results.source_row;
    if p.files.len() == 1 {
        return vec![Some(0); rows.len()];
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut f = 0usize;
    for (i, &r) in rows.iter().enumerate() {
        if i > 0 && r <= rows[i - 1] {
            f += 1;
        }
        out.push(f);
    }
    if rows.is_empty() || f + 1 != p.files.len() {
        return vec![None; rows.len()];
    }
    out.into_iter().map(Some).collect()
}

/// FNV-1a over the bytes: a stable per-unit stream that does not depend on the platform.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// `n` of `pool` (pupil rows), one at random from each of `n` equal strata of the pool sorted
/// by total (ties in random order).
fn stratified(
    pool: &[usize],
    n: usize,
    totals: &[f64],
    rng: &mut Xoshiro256PlusPlus,
) -> Vec<usize> {
    if n == 0 || pool.is_empty() {
        return Vec::new();
    }
    let mut keyed: Vec<(f64, u64, usize)> = pool
        .iter()
        .map(|&i| (totals[i], rng.gen::<u64>(), i))
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let len = keyed.len();
    let n = n.min(len);
    (0..n)
        .map(|k| {
            let lo = k * len / n;
            let hi = ((k + 1) * len / n).max(lo + 1);
            keyed[rng.gen_range(lo..hi)].2
        })
        .collect()
}

/// Chooses the works to re-check from the dataset and its objectivity report. Fails only when
/// the plan names a procedure or a school the dataset does not hold.
pub fn choose(
    ds: &Dataset,
    report: &ObjectivityReport,
    plan: &ValidRecheckPlan,
) -> Result<RecheckList, RecheckError> {
    for id in &plan.procedures {
        if !ds.procedures.iter().any(|p| &p.key.id() == id) {
            return Err(RecheckError::UnknownProcedure(id.clone()));
        }
    }
    for code in &plan.schools {
        if !ds.schools.iter().any(|s| &s.code == code) {
            return Err(RecheckError::UnknownSchool(code.clone()));
        }
    }
    let fired: Vec<_> = report.tested.iter().filter(|s| s.fired).collect();
    let flagged_schools: BTreeSet<&str> =
        fired.iter().map(|s| s.candidate.school.as_str()).collect();
    let flagged_units: BTreeSet<(&str, &str)> = fired
        .iter()
        .map(|s| (s.candidate.school.as_str(), s.candidate.procedure.as_str()))
        .collect();
    let bunching: BTreeMap<(&str, &str), u32> = fired
        .iter()
        .filter(|s| s.candidate.indicator == Indicator::Bunching)
        .filter_map(|s| match &s.candidate.evidence {
            Evidence::Bunching { threshold, .. } => Some((
                (s.candidate.school.as_str(), s.candidate.procedure.as_str()),
                *threshold,
            )),
            _ => None,
        })
        .collect();

    // The units with their eligible rows.
    struct Unit {
        proc: usize,
        school: usize,
        rows: Vec<usize>,
        why: Why,
        n: usize,
    }
    let mut units: Vec<Unit> = Vec::new();
    for (pi, p) in ds.procedures.iter().enumerate() {
        let id = p.key.id();
        if !plan.procedures.is_empty() && !plan.procedures.contains(&id) {
            continue;
        }
        let r = &p.results;
        let mut by_school: Vec<Vec<usize>> = vec![Vec::new(); ds.schools.len()];
        for i in 0..r.len() {
            if !r.absent[i] && r.total[i].is_some() {
                if let Some(v) = by_school.get_mut(r.school[i] as usize) {
                    v.push(i);
                }
            }
        }
        for (si, rows) in by_school.into_iter().enumerate() {
            let code = ds.schools[si].code.as_str();
            if rows.is_empty()
                || (!plan.schools.is_empty() && !plan.schools.iter().any(|c| c == code))
            {
                continue;
            }
            let (why, w) = if flagged_units.contains(&(code, id.as_str())) {
                (Why::Sign, plan.sign_weight)
            } else if flagged_schools.contains(code) {
                (Why::School, plan.school_weight)
            } else {
                (Why::Base, 1.0)
            };
            let n = ((plan.works_per_unit as f64 * w).round() as usize).min(rows.len());
            units.push(Unit {
                proc: pi,
                school: si,
                rows,
                why,
                n,
            });
        }
    }
    // The minimum per school: one more work at a time from its largest units.
    let mut by_school: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (u, unit) in units.iter().enumerate() {
        by_school.entry(unit.school).or_default().push(u);
    }
    for list in by_school.values_mut() {
        list.sort_by(|&a, &b| {
            units[b]
                .rows
                .len()
                .cmp(&units[a].rows.len())
                .then(a.cmp(&b))
        });
        let mut have: usize = list.iter().map(|&u| units[u].n).sum();
        while have < plan.min_per_school {
            let mut added = false;
            for &u in list.iter() {
                if have >= plan.min_per_school {
                    break;
                }
                if units[u].n < units[u].rows.len() {
                    units[u].n += 1;
                    have += 1;
                    added = true;
                }
            }
            if !added {
                break;
            }
        }
    }

    let mut works = Vec::new();
    let mut draws = Vec::new();
    // Per procedure (units come in procedure order): totals and the file of each row.
    let mut cache: Option<(usize, Vec<f64>, Vec<Option<usize>>)> = None;
    for unit in &units {
        let p = &ds.procedures[unit.proc];
        let r = &p.results;
        let id = p.key.id();
        let code = ds.schools[unit.school].code.as_str();
        if cache.as_ref().is_none_or(|c| c.0 != unit.proc) {
            let totals = r.total.iter().map(|t| t.unwrap_or(f64::NAN)).collect();
            cache = Some((unit.proc, totals, work_files(p)));
        }
        let Some((_, totals, files)) = cache.as_ref() else {
            continue;
        };
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(
            plan.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ fnv(&[code, &id]),
        );
        let threshold = bunching.get(&(code, id.as_str())).copied();
        let mut chosen: Vec<(usize, bool)> = Vec::new();
        match threshold {
            Some(t) if plan.boundary_share > 0.0 => {
                let t = f64::from(t);
                let (at, rest): (Vec<usize>, Vec<usize>) = unit
                    .rows
                    .iter()
                    .partition(|&&i| totals[i] >= t && totals[i] <= t + 1.0);
                let want = (unit.n as f64 * plan.boundary_share).round() as usize;
                let nr = (unit.n - want.min(at.len())).min(rest.len());
                let nb = (unit.n - nr).min(at.len());
                chosen.extend(
                    stratified(&at, nb, totals, &mut rng)
                        .into_iter()
                        .map(|i| (i, true)),
                );
                chosen.extend(
                    stratified(&rest, nr, totals, &mut rng)
                        .into_iter()
                        .map(|i| (i, false)),
                );
            }
            _ => chosen.extend(
                stratified(&unit.rows, unit.n, totals, &mut rng)
                    .into_iter()
                    .map(|i| (i, false)),
            ),
        }
        draws.push(UnitDraw {
            school: code.to_string(),
            procedure: id.clone(),
            eligible: unit.rows.len(),
            drawn: chosen.len(),
            why: unit.why,
            boundary: threshold,
        });
        if chosen.is_empty() {
            continue;
        }
        chosen.sort_unstable();
        let k = p.tasks.len();
        for (i, boundary) in chosen {
            works.push(RecheckWork {
                school: code.to_string(),
                procedure: id.clone(),
                class: r.class[i].clone(),
                code: r.pupil[i].clone(),
                file: files[i].and_then(|f| p.files.get(f).cloned()),
                row: r.source_row.get(i).copied().unwrap_or(0),
                index: i,
                scores: r.row(i, k).to_vec(),
                total: totals[i],
                why: unit.why,
                boundary,
            });
        }
    }
    Ok(RecheckList {
        seed: plan.seed,
        works,
        units: draws,
    })
}
