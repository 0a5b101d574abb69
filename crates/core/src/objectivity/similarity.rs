//! §3.7 Excess similarity inside a class: groups of pupils with the same whole score vector
//! (every task, "no score" as its own value). The class statistic is the share of its pupils in
//! the largest group. Test [P]: for that vector, its frequency f among the pupils of the OTHER
//! schools (add-one smoothed) gives the chance that a pupil has it; p = P(X >= g) for
//! X ~ Binomial(n_class, f), times the number of distinct vectors in the class (the largest group
//! is chosen among them: Bonferroni). A vector common in the district (all tasks solved, say) is
//! not suspicious; a rare one shared by many classmates is. Effect: the group has at least 5 pupils
//! and its share is at least `similarity_share` or above the district's 99th percentile of the
//! class statistic. Use only together with other signs: a shared teacher makes errors alike.

use super::units::{binomial_upper, classes, quantile};
use super::{Candidate, Evidence, Indicator, Settings};
use crate::model::{Dataset, SCORE_MISSING};
use std::collections::HashMap;

/// Minimum size of an identical group that can be a sign.
pub const MIN_GROUP: usize = 5;

/// One candidate per class with task scores.
pub fn candidates(ds: &Dataset, s: &Settings) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in &ds.procedures {
        let k = p.tasks.len();
        if k < 3 {
            continue;
        }
        let r = &p.results;
        let vector = |i: usize| -> &[u8] { r.scores.get(i * k..(i + 1) * k).unwrap_or(&[]) };
        // District frequencies of each vector, and per school.
        let mut freq: HashMap<&[u8], usize> = HashMap::new();
        let mut freq_school: HashMap<(u32, &[u8]), usize> = HashMap::new();
        let mut n_all = 0usize;
        let mut n_school: HashMap<u32, usize> = HashMap::new();
        for i in 0..r.len() {
            if r.absent[i] {
                continue;
            }
            let v = vector(i);
            if v.iter().all(|&x| x == SCORE_MISSING) {
                continue;
            }
            *freq.entry(v).or_default() += 1;
            *freq_school.entry((r.school[i], v)).or_default() += 1;
            *n_school.entry(r.school[i]).or_default() += 1;
            n_all += 1;
        }
        let units = classes(ds, p, s.min_class);
        let mut stats = Vec::new();
        for u in &units {
            let mut groups: HashMap<&[u8], usize> = HashMap::new();
            for &i in &u.rows {
                let v = vector(i);
                if v.iter().any(|&x| x != SCORE_MISSING) {
                    *groups.entry(v).or_default() += 1;
                }
            }
            let mut sizes: Vec<(usize, &[u8])> = groups.into_iter().map(|(v, g)| (g, v)).collect();
            sizes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            let n = u.rows.len();
            let (g, v) = sizes.first().copied().unwrap_or((0, &[]));
            let school = r.school[u.rows[0]];
            let others = n_all - n_school.get(&school).copied().unwrap_or(0);
            let f_other = freq.get(v).copied().unwrap_or(0)
                - freq_school.get(&(school, v)).copied().unwrap_or(0);
            let f = (f_other as f64 + 1.0) / (others as f64 + 1.0);
            let distinct = sizes.len().max(1) as f64;
            let pv = if g >= 2 {
                (binomial_upper(g as u64, n as u64, f) * distinct).min(1.0)
            } else {
                1.0
            };
            stats.push((
                u,
                g as f64 / n as f64,
                g,
                pv,
                sizes
                    .iter()
                    .map(|x| x.0)
                    .filter(|&x| x >= 2)
                    .collect::<Vec<_>>(),
                n,
            ));
        }
        let shares: Vec<f64> = stats.iter().map(|x| x.1).collect();
        let Some(p99) = quantile(&shares, 0.99) else {
            continue;
        };
        for (u, share, g, pv, groups, n) in stats {
            out.push(Candidate {
                indicator: Indicator::Similarity,
                school: u.school.to_string(),
                procedure: p.key.id(),
                class: u.class.map(str::to_string),
                value: share,
                reference: p99,
                threshold: s.similarity_share,
                n,
                p: Some(pv),
                effect: g >= MIN_GROUP && (share >= s.similarity_share || share > p99),
                evidence: Evidence::Similarity { groups, p99 },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objectivity::testutil::{dataset, pupil};

    /// Schools S0–S3, one class of 12 each, six tasks; pupils answer by a pattern that differs by
    /// pupil. In S3, 6 pupils share one rare vector: f = (0 + 1)/(36 + 1), p = 4 × P(X >= 6 | 12, 1/37) (four distinct vectors in the class).
    #[test]
    fn a_rare_vector_shared_by_half_a_class() {
        let mut rows = Vec::new();
        for s in 0..4u32 {
            for i in 0..12u8 {
                let sc: Vec<u8> = if s == 3 && i < 6 {
                    vec![1, 0, 1, 0, 0, 1]
                } else {
                    (0..6)
                        .map(|j| (i as u32 + j as u32 + s).is_multiple_of(3) as u8)
                        .collect()
                };
                rows.push(pupil(s, "5А", &sc, Some(4), None));
            }
        }
        let ds = dataset(4, rows);
        let c = candidates(&ds, &Settings::default());
        let z = c.iter().find(|c| c.school == "S3").unwrap();
        assert!((z.value - 0.5).abs() < 1e-12);
        // The six others share three vectors in pairs: 4 distinct vectors in the class.
        let want = binomial_upper(6, 12, 1.0 / 37.0) * 4.0;
        assert!((z.p.unwrap() - want).abs() < 1e-15, "{:?} {want}", z.p);
        assert!(want < 1e-5);
        assert!(z.effect);
        let Evidence::Similarity { groups, .. } = &z.evidence else {
            panic!()
        };
        assert_eq!(groups[0], 6);
    }
}
