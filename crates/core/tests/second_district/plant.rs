//! The planted patterns, at moderate strength, each in about one school in ten (distinct
//! schools): where they go and the edits to the simulated work.
//!
//! * `year_jump`: the school's school-checked ВПР are inflated by [`super::simulate::JUMP`]
//!   logits in the last year (chosen before simulation; ordinary, weak and rural schools with
//!   two or more classes); the independent ОГЭ is not.
//! * `difficulty_inversion`: in one ВПР file, hard tasks (designed level П/В, whether or not
//!   the file carries levels) are given full marks for about a third of the pupils who had not
//!   earned them; basic tasks as usual. Schools below the district's median effect (so that
//!   basic tasks are below the district, as the criterion reads).
//! * `threshold_bunching`: in one ВПР file, works a little below the «3» or «4» threshold
//!   (whichever has more works under it) get the missing points: three in four works 1–2
//!   points below, about half of those further down the window.
//! * `journal_mismatch`: one ВПР file checked leniently: half the pupils below «5» get the
//!   points for one mark more (landing in the lower half of that mark's band); the journal as
//!   usual, so the work's marks rise above the journal.
//! * `identical_vectors`: in one class of 12 or more pupils, 4–6 pupils copy one classmate's
//!   whole answer vector (a group of 5–7).

use super::items::Edition;
use super::rng::{stream, Rng};
use super::schools::{Profile, School};
use super::simulate::Sheet;
use integra_core::model::{ProcedureKind, TaskLevel};
use std::ops::Range;

/// How strongly each pattern is planted.
#[derive(Debug, Clone)]
pub struct Strength {
    /// `year_jump`: inflation of the last year's ВПР (logits).
    pub jump: f64,
    /// `difficulty_inversion`: chance that a hard task not at full marks is given them.
    pub inversion: f64,
    /// `threshold_bunching`: the window below the threshold is max / `window_div` points (at
    /// least `window_min`); works 1–2 points below are moved with chance `near`, further down
    /// with `far`; `best_site`: the ВПР file and threshold with the most works in the window
    /// (as the demo does), else a random file.
    pub window_div: u16,
    pub window_min: u16,
    pub near: f64,
    pub far: f64,
    pub best_site: bool,
    /// `journal_mismatch`: the share of pupils below «5» given one mark more.
    pub journal: f64,
    /// `identical_vectors`: the size of the group, in a class of at least `class_min`.
    pub group: Range<usize>,
    pub class_min: usize,
}

impl Strength {
    /// The demo generator's strengths (`integra_core::demo`): a 1.5-logit jump; bunching empties
    /// a window of an eighth of the maximum (at least 4), all works 1–2 points below and nine in
    /// ten further down, in the file with the most works there; journals one mark under the work
    /// for 80 % of the pupils; groups of 6–10 identical vectors. The inversion gives hard tasks
    /// full marks for three pupils in five (the demo moves the unit's task profile instead).
    pub fn demo() -> Strength {
        Strength {
            jump: 1.5,
            inversion: 0.6,
            window_div: 8,
            window_min: 4,
            near: 1.0,
            far: 0.9,
            best_site: true,
            journal: 0.8,
            group: 6..11,
            class_min: 10,
        }
    }

    /// Moderate strengths: a 1.0-logit jump, a third of the hard tasks, bunching of three works
    /// in four 1–2 points below and 45 % further down a window of a tenth of the maximum in a
    /// random file, half the pupils below «5», groups of 5–7.
    pub fn moderate() -> Strength {
        Strength {
            jump: 1.0,
            inversion: 0.35,
            window_div: 10,
            window_min: 3,
            near: 0.75,
            far: 0.45,
            best_site: false,
            journal: 0.5,
            group: 5..8,
            class_min: 12,
        }
    }
}

/// A pattern planted in `school` (index), edition `edition`, class (label) if class-level.
pub struct Site {
    pub pattern: &'static str,
    pub school: usize,
    pub edition: usize,
    pub class: Option<String>,
}

/// Schools with a year jump: chosen from the school model alone (before simulation).
pub fn jump_schools(seed: u64, schools: &[School], per: usize) -> Vec<usize> {
    let mut r = stream(seed, &[30]);
    let mut cand: Vec<usize> = (0..schools.len())
        .filter(|&s| schools[s].profile != Profile::Strong && schools[s].classes >= 2)
        .collect();
    r.shuffle(&mut cand);
    cand.truncate(per);
    cand
}

fn vpr(editions: &[Edition]) -> Vec<usize> {
    (0..editions.len())
        .filter(|&e| editions[e].spec().kind == ProcedureKind::Vpr)
        .collect()
}

/// A random ВПР edition in which school `s` has at least `min` participants.
fn site(
    r: &mut Rng,
    editions: &[Edition],
    sheets: &[Sheet],
    s: usize,
    min: usize,
) -> Option<usize> {
    let ok: Vec<usize> = vpr(editions)
        .into_iter()
        .filter(|&e| sheets[e].participants(s).len() >= min)
        .collect();
    (!ok.is_empty()).then(|| ok[r.below(ok.len())])
}

/// Adds points to random tasks not at full marks of row `i` until its total is `target`.
fn add_points(r: &mut Rng, ed: &Edition, sheet: &mut Sheet, i: usize, target: u16) {
    for _ in sheet.total(i)..target {
        let open: Vec<usize> = (0..sheet.k)
            .filter(|&j| sheet.scores[i * sheet.k + j] < ed.tasks[j].max)
            .collect();
        if open.is_empty() {
            break;
        }
        sheet.add_point(i, open[r.below(open.len())]);
    }
}

/// Window below a threshold that bunching draws from.
fn window(ed: &Edition, st: &Strength) -> u16 {
    (ed.max_total / st.window_div).max(st.window_min)
}

/// Plants the file- and class-level patterns after simulation, in schools not yet `used`.
pub fn plant(
    seed: u64,
    editions: &[Edition],
    sheets: &mut [Sheet],
    schools: &[School],
    used: &mut [bool],
    per: usize,
    st: &Strength,
) -> Vec<Site> {
    let mut r = stream(seed, &[31]);
    let n = schools.len();
    let mut sites = Vec::new();
    let mut effects: Vec<f64> = schools.iter().map(|s| s.effect).collect();
    effects.sort_by(f64::total_cmp);
    let median = effects[n / 2];
    let mut order: Vec<usize> = (0..n).collect();
    r.shuffle(&mut order);

    // Difficulty inversion: below-median schools.
    let mut planted = 0;
    for &s in &order {
        if planted == per || used[s] || schools[s].effect >= median {
            continue;
        }
        let Some(e) = site(&mut r, editions, sheets, s, 15) else {
            continue;
        };
        used[s] = true;
        planted += 1;
        let mut rs = stream(seed, &[32, s as u64]);
        let ed = &editions[e];
        let sheet = &mut sheets[e];
        for i in sheet.participants(s) {
            for (j, t) in ed.tasks.iter().enumerate() {
                let x = sheet.scores[i * sheet.k + j];
                if t.level != TaskLevel::Basic && x < t.max && rs.chance(st.inversion) {
                    for _ in x..t.max {
                        sheet.add_point(i, j);
                    }
                }
            }
        }
        sites.push(Site {
            pattern: "difficulty_inversion",
            school: s,
            edition: e,
            class: None,
        });
    }

    // Threshold bunching.
    let mut planted = 0;
    for &s in &order {
        if planted == per || used[s] {
            continue;
        }
        let under = |e: usize, t: u16| {
            let sheet = &sheets[e];
            let w = window(&editions[e], st);
            sheet
                .participants(s)
                .iter()
                .filter(|&&i| {
                    let x = sheet.total(i);
                    x < t && x + w >= t
                })
                .count()
        };
        let at = |e: usize| {
            let sc = editions[e].scale;
            if under(e, sc[1]) > under(e, sc[0]) {
                sc[1]
            } else {
                sc[0]
            }
        };
        let chosen = if st.best_site {
            vpr(editions)
                .into_iter()
                .filter(|&e| sheets[e].participants(s).len() >= 20)
                .max_by_key(|&e| (under(e, at(e)), std::cmp::Reverse(e)))
        } else {
            site(&mut r, editions, sheets, s, 20)
        };
        let Some(e) = chosen else {
            continue;
        };
        let t = at(e);
        used[s] = true;
        planted += 1;
        let ed = &editions[e];
        let sheet = &mut sheets[e];
        let rows = sheet.participants(s);
        let w = window(ed, st);
        let mut rs = stream(seed, &[33, s as u64]);
        for i in rows {
            let x = sheet.total(i);
            if !(x < t && x + w >= t) {
                continue;
            }
            if !rs.chance(if t - x <= 2 { st.near } else { st.far }) {
                continue;
            }
            let target = t + u16::from(rs.chance(0.25));
            add_points(&mut rs, ed, sheet, i, target);
        }
        sites.push(Site {
            pattern: "threshold_bunching",
            school: s,
            edition: e,
            class: None,
        });
    }

    // Journal mismatch: the work checked leniently.
    let mut planted = 0;
    for &s in &order {
        if planted == per || used[s] {
            continue;
        }
        let Some(e) = site(&mut r, editions, sheets, s, 15) else {
            continue;
        };
        used[s] = true;
        planted += 1;
        let ed = &editions[e];
        let sheet = &mut sheets[e];
        let mut rs = stream(seed, &[34, s as u64]);
        let bounds = [ed.scale[0], ed.scale[1], ed.scale[2], ed.max_total + 1];
        for i in sheet.participants(s) {
            let x = sheet.total(i);
            let m = usize::from(ed.mark(x));
            if m == 5 || !rs.chance(st.journal) {
                continue;
            }
            // The points for one mark more, somewhere in the lower half of its band.
            let (lo, hi) = (bounds[m - 2], bounds[m - 1]);
            let target =
                (lo + rs.below(usize::from((hi - lo).div_ceil(2))) as u16).min(ed.max_total);
            add_points(&mut rs, ed, sheet, i, target);
        }
        sites.push(Site {
            pattern: "journal_mismatch",
            school: s,
            edition: e,
            class: None,
        });
    }

    // Identical answer vectors in one class.
    let mut planted = 0;
    for &s in &order {
        if planted == per || used[s] {
            continue;
        }
        let mut classes: Vec<(usize, String)> = Vec::new();
        for e in vpr(editions) {
            let rows = sheets[e].participants(s);
            let mut labels: Vec<&str> = rows
                .iter()
                .map(|&i| sheets[e].rows[i].class.as_str())
                .collect();
            labels.dedup();
            for l in labels {
                if rows
                    .iter()
                    .filter(|&&i| sheets[e].rows[i].class == l)
                    .count()
                    >= st.class_min
                {
                    classes.push((e, l.to_string()));
                }
            }
        }
        if classes.is_empty() {
            continue;
        }
        let (e, label) = classes.swap_remove(r.below(classes.len()));
        let ed = &editions[e];
        let sheet = &mut sheets[e];
        let mut members: Vec<usize> = sheet
            .participants(s)
            .into_iter()
            .filter(|&i| sheet.rows[i].class == label)
            .collect();
        let mut rs = stream(seed, &[35, s as u64]);
        let non_trivial = |sheet: &Sheet, i: usize| {
            let x = sheet.total(i);
            x > 0 && x < ed.max_total
        };
        let good: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| non_trivial(sheet, i) && ed.mark(sheet.total(i)) >= 3)
            .collect();
        let any: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| non_trivial(sheet, i))
            .collect();
        let pool = if good.is_empty() { &any } else { &good };
        if pool.is_empty() {
            continue;
        }
        let template = pool[rs.below(pool.len())];
        members.retain(|&i| i != template);
        rs.shuffle(&mut members);
        let group = st.group.start + rs.below(st.group.len());
        let k = sheet.k;
        for &i in members.iter().take(group - 1) {
            for j in 0..k {
                sheet.scores[i * k + j] = sheet.scores[template * k + j];
                sheet.not_done[i * k + j] = sheet.not_done[template * k + j];
            }
            sheet.rows[i].variant = sheet.rows[template].variant;
        }
        used[s] = true;
        planted += 1;
        sites.push(Site {
            pattern: "identical_vectors",
            school: s,
            edition: e,
            class: Some(label),
        });
    }
    sites
}
