//! Planted patterns: which schools get which pattern, and the edits to the work that plant
//! threshold bunching and identical answer vectors. (Year jumps and difficulty inversions
//! are planted in [`super::results::simulate`], journal mismatch in
//! [`super::results::journals`], beats-context through the school effect.)

use super::procedures::{mark, Domain, Edition, SPECS};
use super::results::Sheet;
use super::rng::{below, chance, normal, shuffle, stream, DemoRng};
use super::schools::{context_index, School, SchoolType};
use crate::model::ProcedureKind;

/// A (school, spec, year) target of a file-level pattern.
pub(crate) type Target = (usize, usize, u16);

/// Where each pattern is planted.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub beats: Vec<usize>,
    pub jump: Vec<usize>,
    pub jump_year: Option<u16>,
    /// Schools with threshold bunching; the file and threshold are chosen once the work is
    /// simulated ([`bunch_site`]).
    pub bunching: Vec<usize>,
    pub journal: Vec<Target>,
    pub identical: Vec<Target>,
    pub inversion: Vec<Target>,
}

/// Chooses distinct schools for each pattern (about one in twelve schools per pattern) and
/// raises the effect of `beats_context` schools.
pub(crate) fn choose(seed: u64, schools: &mut [School], years: &[u16]) -> Plan {
    let mut r = stream(seed, &[6]);
    let n = schools.len();
    let per = (n / 12).max(1);
    let mut plan = Plan::default();
    if n == 0 {
        return plan;
    }
    let mut used = vec![false; n];

    // beats_context: ordinary schools in the least advantaged quartile with high results.
    // The least advantaged quartile by the context index the analyses compute from the file.
    let index = context_index(schools);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| index[a].total_cmp(&index[b]));
    let quartile = &order[..n / 4];
    let mut cand: Vec<usize> = quartile
        .iter()
        .copied()
        .filter(|&i| schools[i].kind == SchoolType::Sosh)
        .collect();
    shuffle(&mut r, &mut cand);
    for &s in cand.iter().take(per) {
        used[s] = true;
        plan.beats.push(s);
        schools[s].effect = 1.0 + 0.1 * normal(&mut r);
    }

    // year_jump: ordinary schools with results below the median, jump in the last year.
    if years.len() >= 2 {
        plan.jump_year = years.iter().copied().max();
        let mut effects: Vec<f64> = schools.iter().map(|s| s.effect).collect();
        effects.sort_by(f64::total_cmp);
        let median = effects[n / 2];
        let mut cand: Vec<usize> = (0..n)
            .filter(|&i| {
                !used[i] && schools[i].kind == SchoolType::Sosh && schools[i].effect <= median
            })
            .collect();
        shuffle(&mut r, &mut cand);
        for &s in cand.iter().take(per) {
            used[s] = true;
            plan.jump.push(s);
        }
    }

    // File-level patterns, each in one ВПР file of a school. Bunching goes to schools below
    // the top 30 % with 3+ classes, in a mathematics ВПР (compact scores: a clear peak).
    let vpr: Vec<usize> = (0..SPECS.len())
        .filter(|&i| SPECS[i].kind == ProcedureKind::Vpr)
        .collect();
    let mut effects: Vec<f64> = schools.iter().map(|s| s.effect).collect();
    effects.sort_by(f64::total_cmp);
    let p70 = effects[(n * 7) / 10];
    let mut rest: Vec<usize> = (0..n).filter(|&i| !used[i]).collect();
    shuffle(&mut r, &mut rest);
    // Stable partition: bunching candidates first.
    let (mut first, second): (Vec<usize>, Vec<usize>) = rest
        .iter()
        .partition(|&&i| schools[i].effect < p70 && schools[i].classes >= 3);
    let bunch: Vec<usize> = first.drain(..per.min(first.len())).collect();
    let mut rest: Vec<usize> = first.into_iter().chain(second).collect();
    // Difficulty inversion goes to the schools nearest the median (so that "basic below the
    // district, hard above" is the school's pattern, not its level).
    let median = effects[n / 2];
    let mut by_median = rest.clone();
    by_median.sort_by(|&a, &b| {
        (schools[a].effect - median)
            .abs()
            .total_cmp(&(schools[b].effect - median).abs())
    });
    let inversion: Vec<usize> = by_median.into_iter().take(per).collect();
    rest.retain(|s| !inversion.contains(s));
    let mut rest = rest.into_iter();
    if !years.is_empty() {
        let year = |r: &mut DemoRng| years[below(r, years.len())];
        plan.bunching = bunch;
        for s in inversion {
            let spec = vpr[below(&mut r, vpr.len())];
            plan.inversion.push((s, spec, year(&mut r)));
        }
        for list in [&mut plan.journal, &mut plan.identical] {
            for _ in 0..per {
                let Some(s) = rest.next() else { break };
                let spec = vpr[below(&mut r, vpr.len())];
                list.push((s, spec, year(&mut r)));
            }
        }
    }
    plan
}

/// Participants' row indices of a school, as a vector.
fn participants(sheet: &Sheet, s: usize) -> Vec<usize> {
    sheet.school_rows[s]
        .clone()
        .filter(|&i| !sheet.rows[i].absent)
        .collect()
}

/// Width of the window below a threshold that bunching empties (4 points, or an eighth of
/// the maximum for long works).
fn window(ed: &Edition) -> u16 {
    (ed.maxes.iter().map(|&m| m as u16).sum::<u16>() / 8).max(4)
}

/// Where to plant bunching for school `s`: the mathematics ВПР file and threshold («3» or
/// «4») with the most works in the window below it up to one above it, so the peak is
/// testable (enough works near the threshold). `None` without such a file.
pub(crate) fn bunch_site(editions: &[Edition], sheets: &[Sheet], s: usize) -> Option<(usize, u16)> {
    let mut best: Option<(usize, usize, u16)> = None;
    for (e, ed) in editions.iter().enumerate() {
        let spec = ed.spec();
        if spec.kind != ProcedureKind::Vpr || spec.domain != Domain::Math {
            continue;
        }
        let sheet = &sheets[e];
        let w = window(ed);
        for t in [ed.scale[0], ed.scale[1]] {
            let n = participants(sheet, s)
                .into_iter()
                .filter(|&i| {
                    let x = sheet.total(i);
                    x + w >= t && x <= t + 1
                })
                .count();
            if best.is_none_or(|b| n > b.0) {
                best = Some((n, e, t));
            }
        }
    }
    best.map(|b| (b.1, b.2))
}

/// Moves scores in the window below threshold `t` up to `t` or `t + 1` by adding points to
/// tasks: all works 1–2 points below, nine in ten further down. The added points are scoring
/// inflation: `Sheet::true_scores` keeps the scores before.
pub(crate) fn bunch(r: &mut DemoRng, ed: &Edition, sheet: &mut Sheet, s: usize, t: u16) {
    let rows = participants(sheet, s);
    let w = window(ed);
    let k = sheet.tasks;
    for i in rows {
        let x = sheet.total(i);
        if !(x + w >= t && x < t) || (x + 2 < t && !chance(r, 0.9)) {
            continue;
        }
        let target = t + u16::from(chance(r, 0.3));
        for _ in x..target {
            let open: Vec<usize> = (0..k)
                .filter(|&j| sheet.scores[i * k + j] < ed.maxes[j])
                .collect();
            if open.is_empty() {
                break;
            }
            let j = open[below(r, open.len())];
            sheet.scores[i * k + j] += 1;
            sheet.not_done[i * k + j] = false;
        }
    }
}

/// Copies one pupil's whole answer vector (not full marks, not zero) to 5–9 classmates.
/// Returns the class index, or `None` when no class has enough participants.
pub(crate) fn copy_vectors(
    r: &mut DemoRng,
    ed: &Edition,
    sheet: &mut Sheet,
    s: usize,
) -> Option<u8> {
    let rows = participants(sheet, s);
    let max_total: u16 = ed.maxes.iter().map(|&m| m as u16).sum();
    let classes: Vec<u8> = {
        let mut c: Vec<u8> = rows.iter().map(|&i| sheet.rows[i].class).collect();
        c.dedup();
        c
    };
    let members = |c: u8| {
        rows.iter()
            .copied()
            .filter(|&i| sheet.rows[i].class == c)
            .collect::<Vec<_>>()
    };
    let big: Vec<u8> = classes
        .iter()
        .copied()
        .filter(|&c| members(c).len() >= 10)
        .collect();
    let class = if big.is_empty() {
        *classes.iter().max_by_key(|&&c| members(c).len())?
    } else {
        big[below(r, big.len())]
    };
    let mut m = members(class);
    if m.len() < 2 {
        return None;
    }
    let ok = |i: usize| {
        let x = sheet.total(i);
        x > 0 && x < max_total
    };
    let good: Vec<usize> = m
        .iter()
        .copied()
        .filter(|&i| ok(i) && mark(ed.scale, sheet.total(i)) >= 3 && sheet.total(i) < ed.scale[2])
        .collect();
    let any: Vec<usize> = m.iter().copied().filter(|&i| ok(i)).collect();
    let template = if !good.is_empty() {
        good[below(r, good.len())]
    } else if !any.is_empty() {
        any[below(r, any.len())]
    } else {
        return None;
    };
    m.retain(|&i| i != template);
    shuffle(r, &mut m);
    let group = (6 + below(r, 5)).min(m.len() + 1);
    let k = sheet.tasks;
    for &i in m.iter().take(group - 1) {
        for j in 0..k {
            sheet.scores[i * k + j] = sheet.scores[template * k + j];
            sheet.not_done[i * k + j] = sheet.not_done[template * k + j];
            // Copied answers are on the paper: a re-check finds them too.
            sheet.true_scores[i * k + j] = sheet.true_scores[template * k + j];
        }
        sheet.rows[i].variant = sheet.rows[template].variant;
    }
    Some(class)
}
