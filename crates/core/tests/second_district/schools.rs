//! Schools of the second district: a skewed mixture of school effects (a few very strong
//! schools, ordinary urban ones, a long weak tail, small rural schools), year-to-year drift,
//! and the honest habits that make clean schools look unusual: journals that are lenient or
//! strict across the board, primary grades stronger or weaker than grade 9.

use super::rng::{stream, Rng};

/// What kind of school it is (drives its effect and size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Strong,
    Urban,
    Weak,
    Rural,
}

/// One school.
#[derive(Debug, Clone)]
pub struct School {
    /// ФИС ОКО login, e.g. `edu540117`.
    pub code: String,
    pub profile: Profile,
    /// Effect on every pupil's ability (logits).
    pub effect: f64,
    /// Drift of the whole school per year index (random walk from 0).
    pub drift: Vec<f64>,
    /// Extra drift of the primary and lower grades (4–6) per year index: teams change.
    pub primary: Vec<f64>,
    /// Strength of the school in mathematics, Russian, biology (logits).
    pub domain: [f64; 3],
    /// Usual number of parallel classes (1..=4).
    pub classes: usize,
    /// Systematic offset of the journal marks (mark units; > 0 lenient, < 0 strict).
    pub journal: f64,
    /// Share of pupils absent from a ВПР.
    pub absence: f64,
}

fn profile(r: &mut Rng) -> Profile {
    match r.weighted(&[0.08, 0.55, 0.17, 0.2]) {
        0 => Profile::Strong,
        1 => Profile::Urban,
        2 => Profile::Weak,
        _ => Profile::Rural,
    }
}

/// `n` schools for `years` years.
pub fn generate(seed: u64, n: usize, years: usize) -> Vec<School> {
    (0..n)
        .map(|i| {
            let mut r = stream(seed, &[3, i as u64]);
            let profile = profile(&mut r);
            let (effect, classes) = match profile {
                Profile::Strong => (1.0 + 0.25 * r.normal(), r.int(3, 4)),
                Profile::Urban => (0.05 + 0.35 * r.normal(), r.int(2, 4)),
                Profile::Weak => (-0.45 - r.exponential(0.45), r.int(1, 3)),
                Profile::Rural => (-0.35 + 0.45 * r.normal(), 1),
            };
            let walk = |r: &mut Rng, sd: f64, big: f64| {
                let mut v = vec![0.0; years];
                for y in 1..years {
                    let change = if r.chance(0.06) {
                        r.sign() * (big + 0.1 * r.normal())
                    } else {
                        0.0
                    };
                    v[y] = v[y - 1] + sd * r.normal() + change;
                }
                v
            };
            let drift = walk(&mut r, 0.1, 0.3);
            let base = 0.2 * r.normal();
            let primary = walk(&mut r, 0.12, 0.4)
                .into_iter()
                .map(|x| x + base)
                .collect();
            let domain = [0.15 * r.normal(), 0.15 * r.normal(), 0.2 * r.normal()];
            let journal = match r.weighted(&[0.78, 0.1, 0.12]) {
                0 => 0.15 * r.normal(),
                1 => -0.4 + 0.1 * r.normal(),
                _ => 0.45 + 0.1 * r.normal(),
            };
            School {
                code: format!("edu54{:04}", 101 + 7 * i + r.below(7)),
                profile,
                effect,
                drift,
                primary,
                domain,
                classes,
                journal,
                absence: r.between(0.02, 0.09),
            }
        })
        .collect()
}
