//! §3.7 Excess similarity inside a class: pupils with the same whole score vector.
//!
//! Rules:
//!
//! * **Vector**: the pupil's scores on every task of the procedure, a missing score as its own
//!   value and a task marked not done (`X`) as its own value (a copied protocol copies its `X`s).
//!   Pupils with no score at all are left out.
//! * **Trivial vectors** (every scored task at full marks, or every one at zero) are the only
//!   vectors of their total score: sharing them says nothing about copying (a strong class has
//!   many all-full works), so they form no group.
//! * **Groups**: pupils of a class sharing one non-trivial vector; the evidence lists the sizes
//!   of groups of two or more, largest first.
//! * **Statistic** (value): the share of the class (pupils with scores) in its largest group
//!   (1 / n when every vector differs, 0 when every vector is trivial). Reference: the
//!   district's 99th percentile of the statistic over all tested classes of the procedure.
//!   Threshold: `similarity_share` (25 %).
//! * **Test** [P], "compared with pupils of the same total score from other schools"
//!   (METHODOLOGY §3.7): the stratum of a vector is its total score and number of missing tasks.
//!   Within a stratum, which tasks a pupil solved hardly depends on ability (the total carries
//!   it), so a strong class does not make vectors alike. For the largest group (vector v, g
//!   pupils, stratum T): f = (c + 1) / (N + 1), with N the pupils of the other schools in T and
//!   c those of them with v (add-one: a vector never seen elsewhere is rare, not impossible).
//!   Given one member (the "template"), the chance that at least g − 1 of the other n_T − 1
//!   classmates of the stratum have v is p_v = P(X >= g − 1), X ~ Bin(n_T − 1, f). The template
//!   is any of the class's distinct non-trivial vectors: p = min(1, D · p_v) (Bonferroni over the
//!   D templates; with groups of equal largest size, the smallest p_v). p = 1 when no two pupils
//!   share a non-trivial vector. A vector common among other schools' pupils of the same score
//!   (f large) is not suspicious; a rare one shared by many classmates is.
//! * **Effect**: the largest group has at least [`MIN_GROUP`] pupils and its share is at least
//!   `similarity_share` or above the district's 99th percentile.
//!
//! Use only together with other signs: a shared teacher legitimately makes errors alike.

use super::units::{binomial_upper, classes, quantile};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::{Dataset, Procedure, SCORE_MISSING};
use std::collections::HashMap;

/// Minimum size of the largest group for a sign.
pub const MIN_GROUP: usize = 5;

/// Minimum tasks of a procedure: with one or two tasks identical vectors are the rule.
pub const MIN_TASKS: usize = 3;

/// The value of a task marked not done in a vector.
const NOT_DONE: u8 = SCORE_MISSING - 1;

/// Vectors of a procedure: `keys` row-major like the scores, with not done as [`NOT_DONE`];
/// per row its stratum (total, missing tasks), whether it has a score at all, and whether it is
/// trivial (all scored tasks full, or all zero).
pub(crate) struct Vectors {
    k: usize,
    keys: Vec<u8>,
    stratum: Vec<(u32, u16)>,
    scored: Vec<bool>,
    trivial: Vec<bool>,
}

impl Vectors {
    pub(crate) fn new(p: &Procedure) -> Vectors {
        let k = p.tasks.len();
        let r = &p.results;
        let n = r.len();
        let mut keys = vec![SCORE_MISSING; n * k];
        let mut stratum = vec![(0, 0); n];
        let mut scored = vec![false; n];
        let mut trivial = vec![false; n];
        for i in 0..n {
            let (mut total, mut missing, mut full, mut zero) = (0u32, 0u16, true, true);
            for j in 0..k {
                let x = r.scores.get(i * k + j).copied().unwrap_or(SCORE_MISSING);
                if x == SCORE_MISSING {
                    missing += 1;
                    continue;
                }
                total += x as u32;
                full &= x >= p.tasks[j].max;
                zero &= x == 0;
                keys[i * k + j] = if r.not_done.get(i * k + j).copied().unwrap_or(false) {
                    NOT_DONE
                } else {
                    x
                };
            }
            stratum[i] = (total, missing);
            scored[i] = (missing as usize) < k;
            trivial[i] = full || zero;
        }
        Vectors {
            k,
            keys,
            stratum,
            scored,
            trivial,
        }
    }

    pub(crate) fn key(&self, i: usize) -> &[u8] {
        &self.keys[i * self.k..(i + 1) * self.k]
    }
}

/// One class's groups: sizes (two or more, largest first), the largest group's size and
/// vectors (ties), and the number of distinct non-trivial vectors.
struct Groups<'a> {
    sizes: Vec<usize>,
    largest: usize,
    largest_vectors: Vec<&'a [u8]>,
    distinct: usize,
}

fn groups<'a>(v: &'a Vectors, rows: &[usize]) -> Groups<'a> {
    let mut count: HashMap<&[u8], usize> = HashMap::new();
    for &i in rows.iter().filter(|&&i| !v.trivial[i]) {
        *count.entry(v.key(i)).or_default() += 1;
    }
    let largest = count.values().copied().max().unwrap_or(0);
    let mut largest_vectors: Vec<&[u8]> = count
        .iter()
        .filter(|(_, &c)| c == largest)
        .map(|(&k, _)| k)
        .collect();
    largest_vectors.sort_unstable();
    let mut sizes: Vec<usize> = count.values().copied().filter(|&c| c >= 2).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    Groups {
        sizes,
        largest,
        largest_vectors,
        distinct: count.len(),
    }
}

/// Counts of vectors and strata, in the whole procedure and per school.
#[derive(Default)]
struct Counts<'a> {
    vector: HashMap<&'a [u8], usize>,
    vector_school: HashMap<(u32, &'a [u8]), usize>,
    stratum: HashMap<(u32, u16), usize>,
    stratum_school: HashMap<(u32, (u32, u16)), usize>,
}

impl<'a> Counts<'a> {
    fn new(p: &Procedure, v: &'a Vectors) -> Counts<'a> {
        let r = &p.results;
        let mut c = Counts::default();
        for i in (0..r.len()).filter(|&i| !r.absent[i] && v.scored[i]) {
            let s = r.school[i];
            *c.vector.entry(v.key(i)).or_default() += 1;
            *c.vector_school.entry((s, v.key(i))).or_default() += 1;
            *c.stratum.entry(v.stratum[i]).or_default() += 1;
            *c.stratum_school.entry((s, v.stratum[i])).or_default() += 1;
        }
        c
    }

    /// (c, N): pupils of schools other than `school` with `key`, and in its stratum.
    fn others(&self, school: u32, key: &[u8], stratum: (u32, u16)) -> (usize, usize) {
        let c = self.vector.get(key).copied().unwrap_or(0)
            - self.vector_school.get(&(school, key)).copied().unwrap_or(0);
        let n = self.stratum.get(&stratum).copied().unwrap_or(0)
            - self
                .stratum_school
                .get(&(school, stratum))
                .copied()
                .unwrap_or(0);
        (c, n)
    }
}

/// p_v of a group of `g` pupils of the class with a vector of frequency `f` among the `n_t`
/// pupils of the class in its stratum: P(X >= g − 1), X ~ Bin(n_t − 1, f).
pub fn group_p(g: usize, n_t: usize, f: f64) -> f64 {
    if g < 2 {
        return 1.0;
    }
    binomial_upper(
        (g - 1) as u64,
        n_t.saturating_sub(1) as u64,
        f.clamp(0.0, 1.0),
    )
}

/// One candidate per class (or class-less school) with at least `min_class` pupils with
/// scores, for every procedure with at least [`MIN_TASKS`] tasks.
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in &ds.procedures {
        if p.tasks.len() < MIN_TASKS {
            continue;
        }
        let r = &p.results;
        let v = Vectors::new(p);
        let counts = Counts::new(p, &v);
        // (school, class, n, value, p, groups)
        let mut tested = Vec::new();
        for u in classes(ds, p, s.min_class) {
            let rows: Vec<usize> = u.rows.iter().copied().filter(|&i| v.scored[i]).collect();
            if rows.len() < s.min_class {
                continue;
            }
            let n = rows.len();
            let school = r.school[rows[0]];
            let gr = groups(&v, &rows);
            let pv = if gr.largest >= 2 {
                let best = gr
                    .largest_vectors
                    .iter()
                    .map(|key| {
                        let i = rows.iter().copied().find(|&i| v.key(i) == *key).unwrap();
                        let t = v.stratum[i];
                        let n_t = rows.iter().filter(|&&x| v.stratum[x] == t).count();
                        let (c, big_n) = counts.others(school, key, t);
                        let f = (c as f64 + 1.0) / (big_n as f64 + 1.0);
                        group_p(gr.largest, n_t, f)
                    })
                    .fold(1.0, f64::min);
                (best * gr.distinct as f64).min(1.0)
            } else {
                1.0
            };
            let value = gr.largest as f64 / n as f64;
            tested.push((u, n, value, pv, gr.largest, gr.sizes));
        }
        let values: Vec<f64> = tested.iter().map(|t| t.2).collect();
        let Some(p99) = quantile(&values, 0.99) else {
            continue;
        };
        for (u, n, value, pv, largest, sizes) in tested {
            out.push(Candidate {
                indicator: Indicator::Similarity,
                school: u.school.to_string(),
                procedure: p.key.id(),
                class: u.class.map(str::to_string),
                value,
                reference: p99,
                threshold: s.similarity_share,
                n,
                size: value,
                se: None,
                spread: None,
                p_sampling: Some(pv),
                p: Some(pv),
                effect: largest >= MIN_GROUP && (value >= s.similarity_share || value > p99),
                evidence: Evidence::Similarity { groups: sizes, p99 },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objectivity::testutil::{dataset, pupil};

    /// Pupil `i` of school `s`: six tasks, two solved, at positions depending on `i + 3 s`: the
    /// 14 vectors of total 2 other than 1 0 1 0 0 0 cycle through the schools, so no vector
    /// repeats inside a class of 12.
    fn varied(i: usize, s: u32) -> Vec<u8> {
        let pairs: Vec<(usize, usize)> = (0..6)
            .flat_map(|a| ((a + 1)..6).map(move |b| (a, b)))
            .filter(|&ab| ab != (0, 2))
            .collect();
        let (a, b) = pairs[(i + 3 * s as usize) % pairs.len()];
        (0..6).map(|j| (j == a || j == b) as u8).collect()
    }

    /// Schools S0–S4, one class of 12 each, every pupil with a total of 2 (one stratum of 60);
    /// no vector repeats inside a class. In S4, six pupils share 1 0 1 0 0 0 instead, a vector
    /// the other schools' 48 pupils of total 2 never have: f = (0 + 1) / (48 + 1);
    /// p = D · P(X >= 5 | Bin(11, f)) = 7 · 1.45e-6 ≈ 1.0e-5 with D = 7 distinct vectors (the
    /// shared one and six singles). BH over the five classes: q = 5 p < 0.01.
    #[test]
    fn a_rare_vector_shared_by_half_a_class() {
        let mut rows = Vec::new();
        for s in 0..5u32 {
            for i in 0..12 {
                let sc = if s == 4 && i < 6 {
                    vec![1, 0, 1, 0, 0, 0]
                } else {
                    varied(i, s)
                };
                rows.push(pupil(s, "5А", &sc, None, None));
            }
        }
        let ds = dataset(5, rows);
        let c = candidates(&ds, &Settings::default());
        assert_eq!(c.len(), 5);
        let z = c.iter().find(|c| c.school == "S4").unwrap();
        assert!((z.value - 0.5).abs() < 1e-12);
        assert_eq!(z.n, 12);
        assert_eq!(z.class.as_deref(), Some("5А"));
        let Evidence::Similarity { groups, p99 } = &z.evidence else {
            panic!()
        };
        let v = Vectors::new(&ds.procedures[0]);
        let key = [1u8, 0, 1, 0, 0, 0];
        assert_eq!((0..48).filter(|&i| v.key(i) == key).count(), 0);
        assert_eq!(groups, &vec![6]);
        let f = 1.0 / 49.0;
        let want = (binomial_upper(5, 11, f) * 7.0).min(1.0);
        assert!((z.p.unwrap() - want).abs() < 1e-15, "{:?} {want}", z.p);
        assert!(want < 2e-5 && want > 5e-6, "{want}");
        assert!(z.effect);
        // The reference: the 99th percentile of (1/12 × 4, 0.5).
        let want_p99 = 1.0 / 12.0 + (0.5 - 1.0 / 12.0) * (0.99 * 4.0 - 3.0);
        assert!((p99 - want_p99).abs() < 1e-12);
        assert_eq!(z.reference, *p99);
        // Clean classes: all vectors differ, p = 1, no effect.
        for x in c.iter().filter(|c| c.school != "S4") {
            assert!((x.value - 1.0 / 12.0).abs() < 1e-12);
            assert_eq!(x.p, Some(1.0));
            assert!(!x.effect);
            let Evidence::Similarity { groups, .. } = &x.evidence else {
                panic!()
            };
            assert!(groups.is_empty());
        }
        let signs = crate::objectivity::decide(c, &Settings::default());
        for sg in &signs {
            assert_eq!(sg.fired, sg.candidate.school == "S4");
        }
    }

    /// A strong class where most pupils solve everything: all-full vectors form no group, and a
    /// vector that is common among other schools' pupils of the same score is not significant.
    #[test]
    fn common_and_trivial_vectors_are_not_signs() {
        let mut rows = Vec::new();
        for s in 0..4u32 {
            for i in 0..12 {
                // In every school a third of the class has 1 1 1 1 1 0 (the natural pattern of
                // a strong pupil missing the hardest task), the rest vary.
                let sc = if s == 3 && i < 8 {
                    vec![1, 1, 1, 1, 1, 1]
                } else if i < 4 || (s == 3 && i < 12) {
                    vec![1, 1, 1, 1, 1, 0]
                } else {
                    varied(i, s)
                };
                rows.push(pupil(s, "5А", &sc, None, None));
            }
        }
        let ds = dataset(4, rows);
        let c = candidates(&ds, &Settings::default());
        let z = c.iter().find(|c| c.school == "S3").unwrap();
        let Evidence::Similarity { groups, .. } = &z.evidence else {
            panic!()
        };
        // S3: 8 all-full (trivial: no group), 4 × 1 1 1 1 1 0.
        assert_eq!(groups, &vec![4]);
        assert!((z.value - 4.0 / 12.0).abs() < 1e-12);
        // Other schools: 12 of 12 pupils of total 5 have that vector: f = 13/13 = 1, p = 1.
        assert_eq!(z.p, Some(1.0));
        assert!(!z.effect, "a group of 4 is below MIN_GROUP");
        for x in &c {
            assert_eq!(x.p, Some(1.0), "{}", x.school);
        }
    }

    /// Missing scores and not-done marks are values of their own: 0 and X differ, a missing
    /// task differs from 0. All scored tasks full (even with one missing) or all zero is trivial.
    #[test]
    fn vectors_keep_missing_and_not_done_apart() {
        let rows = vec![
            pupil(0, "5А", &[1, 0, 1], None, None),
            pupil(0, "5А", &[1, 0, 1], None, None),
            pupil(0, "5А", &[1, 0, 0], None, None),
            pupil(0, "5А", &[1, 0, 0], None, None),
            pupil(0, "5А", &[1, 1, 1], None, None),
            pupil(0, "5А", &[1, 1, 0], None, None),
            pupil(0, "5А", &[0, 0, 0], None, None),
        ];
        let mut ds = dataset(1, rows);
        let p = &mut ds.procedures[0];
        p.results.not_done[4] = true; // pupil 1: 1 X 1
        p.results.scores[11] = SCORE_MISSING; // pupil 3: 1 0 –
        p.results.scores[17] = SCORE_MISSING; // pupil 5: 1 1 –
        let v = Vectors::new(p);
        assert_ne!(v.key(0), v.key(1));
        assert_ne!(v.key(2), v.key(3));
        assert_eq!(v.stratum[0], (2, 0));
        assert_eq!(v.stratum[1], (2, 0));
        assert_eq!(v.stratum[3], (1, 1));
        assert!(!v.trivial[0] && !v.trivial[1] && !v.trivial[3]);
        assert!(v.trivial[4] && v.trivial[5] && v.trivial[6]);
        let g = groups(&v, &[0, 1, 2, 3, 4, 5, 6]);
        assert_eq!((g.largest, g.distinct), (1, 4));
        assert!(g.sizes.is_empty());
        let g = groups(&v, &[0, 2, 4, 5, 6, 0]);
        assert_eq!((g.largest, g.distinct, g.sizes), (2, 2, vec![2]));
    }

    #[test]
    fn group_p_edges() {
        assert_eq!(group_p(1, 10, 0.1), 1.0);
        assert_eq!(group_p(3, 10, 1.0), 1.0);
        // Two of two in the stratum with f = 0.1: P(X >= 1 | Bin(1, 0.1)) = 0.1.
        assert!((group_p(2, 2, 0.1) - 0.1).abs() < 1e-12);
    }
}
