//! Shared pieces of the indicators: the units a procedure is tested on (schools, classes), the
//! district's percentiles, and the one-sided binomial test.

use crate::model::{Dataset, Procedure};
use statrs::distribution::{Binomial, DiscreteCDF};

/// A school of a procedure with its participant rows.
pub(crate) struct Unit<'a> {
    pub school: &'a str,
    pub class: Option<&'a str>,
    pub rows: Vec<usize>,
}

/// Participant rows (absent excluded) of each school with at least `min` of them, in school
/// order.
pub(crate) fn schools<'a>(ds: &'a Dataset, p: &'a Procedure, min: usize) -> Vec<Unit<'a>> {
    let r = &p.results;
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); ds.schools.len()];
    for i in 0..r.len() {
        if !r.absent[i] {
            if let Some(v) = rows.get_mut(r.school[i] as usize) {
                v.push(i);
            }
        }
    }
    rows.into_iter()
        .enumerate()
        .filter(|(_, v)| v.len() >= min)
        .map(|(s, v)| Unit {
            school: &ds.schools[s].code,
            class: None,
            rows: v,
        })
        .collect()
}

/// Participant rows of each class (school and class name) with at least `min` of them. Pupils
/// without a class form one unit per school (class `None`): files with no class column (test
/// centres, for instance) are tested centre by centre.
pub(crate) fn classes<'a>(ds: &'a Dataset, p: &'a Procedure, min: usize) -> Vec<Unit<'a>> {
    let r = &p.results;
    let mut map: std::collections::BTreeMap<(u32, Option<&str>), Vec<usize>> = Default::default();
    for i in 0..r.len() {
        if !r.absent[i] {
            map.entry((r.school[i], r.class[i].as_deref()))
                .or_default()
                .push(i);
        }
    }
    map.into_iter()
        .filter(|(_, v)| v.len() >= min)
        .filter_map(|((s, c), v)| {
            Some(Unit {
                school: &ds.schools.get(s as usize)?.code,
                class: c,
                rows: v,
            })
        })
        .collect()
}

/// The `q` quantile (0..=1) of `values` by linear interpolation (numpy's default); `None` when
/// empty. NaN values are ignored.
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let pos = q.clamp(0.0, 1.0) * (v.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    Some(v[lo] + (v[hi] - v[lo]) * (pos - lo as f64))
}

/// P(X >= k) for X ~ Binomial(n, p): the one-sided upper-tail p-value.
pub fn binomial_upper(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if n == 0 || k > n {
        return if k > n { 0.0 } else { 1.0 };
    }
    let p = p.clamp(0.0, 1.0);
    match Binomial::new(p, n) {
        Ok(b) => b.sf(k - 1).clamp(0.0, 1.0),
        Err(_) => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exact tail sums Σ C(n, i) p^i (1−p)^(n−i) over i >= k (Python's `math.comb`, integer
    /// binomials): n = 20, p = 0.1, k = 6 → 0.0112531341645; n = 30, p = 0.5, k = 22 →
    /// 0.0080624008551; k = 0 → 1.
    #[test]
    fn binomial_tail_matches_r() {
        assert!((binomial_upper(6, 20, 0.1) - 0.011_253_134_164_5).abs() < 1e-10);
        assert!((binomial_upper(22, 30, 0.5) - 0.008_062_400_855_1).abs() < 1e-10);
        assert_eq!(binomial_upper(0, 10, 0.3), 1.0);
        assert_eq!(binomial_upper(11, 10, 0.3), 0.0);
    }

    /// numpy.quantile([1, 2, 3, 4, 10], [0.9, 0.5, 0]) = 7.6, 3, 1.
    #[test]
    fn quantiles_like_numpy() {
        let v = [4.0, 1.0, 10.0, 3.0, 2.0];
        assert!((quantile(&v, 0.9).unwrap() - 7.6).abs() < 1e-12);
        assert_eq!(quantile(&v, 0.5), Some(3.0));
        assert_eq!(quantile(&v, 0.0), Some(1.0));
        assert_eq!(quantile(&[], 0.5), None);
    }
}
