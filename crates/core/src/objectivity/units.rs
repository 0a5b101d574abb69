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

/// Each school's mean primary-score share (total / maximum) in a procedure, standardised across
/// the district's schools with at least `min` participants: school code → (z, n).
pub(crate) fn school_z(ds: &Dataset, p: &Procedure, min: usize) -> Vec<(String, f64, usize)> {
    let max = p
        .max_total
        .or_else(|| (!p.tasks.is_empty()).then(|| p.tasks.iter().map(|t| t.max as f64).sum()))
        .filter(|m| *m > 0.0);
    let Some(max) = max else { return Vec::new() };
    let means: Vec<(String, f64, usize)> = schools(ds, p, min)
        .into_iter()
        .filter_map(|u| {
            let xs: Vec<f64> = u.rows.iter().filter_map(|&i| p.results.total[i]).collect();
            (xs.len() >= min).then(|| {
                (
                    u.school.to_string(),
                    xs.iter().sum::<f64>() / xs.len() as f64 / max,
                    xs.len(),
                )
            })
        })
        .collect();
    if means.len() < 3 {
        return Vec::new();
    }
    let m = means.iter().map(|x| x.1).sum::<f64>() / means.len() as f64;
    let sd =
        (means.iter().map(|x| (x.1 - m).powi(2)).sum::<f64>() / (means.len() - 1) as f64).sqrt();
    if sd <= 0.0 {
        return Vec::new();
    }
    means
        .into_iter()
        .map(|(s, x, n)| (s, (x - m) / sd, n))
        .collect()
}

/// One-sided p of `x` against the other values: a normal approximation of their spread,
/// estimated robustly (median, and 1.4826 × the median absolute deviation) so that the few
/// units being looked for do not widen the yardstick they are measured with.
pub(crate) fn upper_p_among(x: f64, others: &[f64]) -> Option<f64> {
    use statrs::distribution::{ContinuousCDF, Normal};
    if others.len() < 5 {
        return None;
    }
    let med = quantile(others, 0.5)?;
    let dev: Vec<f64> = others.iter().map(|v| (v - med).abs()).collect();
    let sd = 1.4826 * quantile(&dev, 0.5)?;
    if sd <= 0.0 {
        return None;
    }
    Some(1.0 - Normal::standard().cdf((x - med) / sd))
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

    /// Against 1..=9 (median 5, MAD 2, robust SD 2.9652): x = 11 is 2.0235 SD above,
    /// p = 1 − Φ(2.0235) = 0.0215122 (Python: 0.5 · erfc(2.0235 / √2)); an outlier
    /// among the others does not change it.
    #[test]
    fn robust_upper_p() {
        let others: Vec<f64> = (1..=9).map(f64::from).collect();
        let p = upper_p_among(11.0, &others).unwrap();
        assert!((p - 0.021_512_2).abs() < 1e-6, "{p}");
        let mut with_outlier = others.clone();
        with_outlier[8] = 1000.0;
        assert!((upper_p_among(11.0, &with_outlier).unwrap() - p).abs() < 1e-12);
        assert_eq!(upper_p_among(1.0, &[1.0, 2.0]), None);
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
