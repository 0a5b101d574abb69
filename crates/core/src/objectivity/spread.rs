//! The spread of the units: the reference every indicator compares a unit with, beside sampling
//! error [P, after Spiegelhalter 2005, "Funnel plots for comparing institutional performance"].
//!
//! A real district's schools and classes differ far more than their pupils' sampling error says:
//! journals are marked more or less strictly, curricula stress different topics, cohorts differ.
//! A test against sampling error alone flags that ordinary, honest spread. Every indicator with
//! an effect size x_u and its sampling error se_u therefore also tests the unit against an
//! additive random-effects (over-dispersed) null fitted to the units of the same procedure:
//!
//! x_u ~ N(c, τ² + se_u²), c = median of the units' x, τ² = (1.4826 · MAD of x)² − median se²
//! (at least 0),
//!
//! robust, so the few units with a real effect do not widen their own yardstick. The unit's p
//! against the spread is 1 − Φ((x_u − c) / √(τ² + se_u²)). Where the indicator has an exact
//! sampling test (binomial counts, whose normal approximation fails for small counts), x_u is
//! read off that test: x_u = z_u · se_u with z_u = Φ⁻¹(1 − p_exact), so that with τ = 0 and c = 0
//! the spread changes nothing ([`Spread::p_beyond`]). The indicator's p is the larger of this
//! and its exact sampling p: a sign must be unusual both for a group of its size and among the
//! district's units. With fewer than [`MIN_UNITS`] units the spread is not estimated (the
//! sampling p stands alone) and the evidence says so.

use super::units::quantile;
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, Normal};

/// Fewer units than this give no spread estimate.
pub const MIN_UNITS: usize = 8;

/// The fitted spread of one indicator's units in one procedure: the funnel's centre and width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// c: the median effect size.
    pub centre: f64,
    /// τ: the between-unit standard deviation beyond sampling error.
    pub tau: f64,
    /// Units the spread was fitted on.
    pub units: usize,
}

impl Spread {
    /// Fits the spread to the units' (effect size, sampling error); `None` with fewer than
    /// [`MIN_UNITS`] finite values.
    pub fn fit(units: &[(f64, f64)]) -> Option<Spread> {
        Spread::fit_at_least(units, MIN_UNITS)
    }

    /// [`Spread::fit`] with another minimum number of units (at least 3).
    pub fn fit_at_least(units: &[(f64, f64)], min: usize) -> Option<Spread> {
        let ok: Vec<(f64, f64)> = units
            .iter()
            .copied()
            .filter(|(x, se)| x.is_finite() && se.is_finite())
            .collect();
        if ok.len() < min.max(3) {
            return None;
        }
        let xs: Vec<f64> = ok.iter().map(|u| u.0).collect();
        let centre = quantile(&xs, 0.5)?;
        let dev: Vec<f64> = xs.iter().map(|x| (x - centre).abs()).collect();
        let robust_sd = 1.4826 * quantile(&dev, 0.5)?;
        let se2: Vec<f64> = ok.iter().map(|u| u.1 * u.1).collect();
        let tau2 = (robust_sd * robust_sd - quantile(&se2, 0.5)?).max(0.0);
        Some(Spread {
            centre,
            tau: tau2.sqrt(),
            units: ok.len(),
        })
    }

    /// The standard deviation of an ordinary unit with sampling error `se`: √(τ² + se²).
    pub fn sd(&self, se: f64) -> f64 {
        (self.tau * self.tau + se * se).sqrt()
    }

    /// One-sided p of `x` (sampling error `se`) above the spread; `None` when the width is 0.
    pub fn p_upper(&self, x: f64, se: f64) -> Option<f64> {
        let sd = self.sd(se);
        (sd > 1e-12 && x.is_finite()).then(|| {
            Normal::standard()
                .sf((x - self.centre) / sd)
                .clamp(0.0, 1.0)
        })
    }

    /// The p against the spread of a unit whose exact sampling test gave `p_exact` for an
    /// effect with sampling error `se` (module docs): 1 − Φ((z · se − c) / √(τ² + se²)),
    /// z = Φ⁻¹(1 − p_exact).
    pub fn p_beyond(&self, p_exact: f64, se: f64) -> Option<f64> {
        let n = Normal::standard();
        let z = n.inverse_cdf((1.0 - p_exact).clamp(0.0, 1.0 - 1e-300));
        let z = if p_exact <= 0.0 { 40.0 } else { z };
        self.p_upper(z * se, se)
    }

    /// The funnel's upper limit for a unit with sampling error `se` at one-sided level `alpha`:
    /// c + z₁₋α · √(τ² + se²).
    pub fn upper_limit(&self, se: f64, alpha: f64) -> f64 {
        let z = Normal::standard().inverse_cdf(1.0 - alpha.clamp(1e-12, 0.5));
        self.centre + z * self.sd(se)
    }
}

/// Fits one spread to `units` (effect size, sampling error) and returns each unit's p against
/// it from its exact sampling p (`exact`, in the same order; [`Spread::p_beyond`]), `None`
/// where the spread or its width is missing.
pub fn p_values(units: &[(f64, f64)], exact: &[f64]) -> (Option<Spread>, Vec<Option<f64>>) {
    let spread = Spread::fit(units);
    let ps = units
        .iter()
        .zip(exact)
        .map(|(&(_, se), &p)| spread.and_then(|s| s.p_beyond(p, se)))
        .collect();
    (spread, ps)
}

/// The indicator's p: the larger of the sampling p and the p against the spread (either may be
/// missing).
pub fn combine(sampling: Option<f64>, spread: Option<f64>) -> Option<f64> {
    match (sampling, spread) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten units x = 0..9 with se = 1: median 4.5, MAD 2.5, robust SD 3.7065, τ² = 13.738 − 1
    /// = 12.738; for x = 20, se = 1: z = 15.5 / √13.738 = 4.1819, p = 1.446e-5 (scipy
    /// norm.sf(4.1819) = 1.4457e-05).
    #[test]
    fn fits_a_robust_spread() {
        let units: Vec<(f64, f64)> = (0..10).map(|x| (x as f64, 1.0)).collect();
        let s = Spread::fit(&units).unwrap();
        assert!((s.centre - 4.5).abs() < 1e-12);
        assert!((s.tau * s.tau - (1.4826f64 * 2.5).powi(2) + 1.0).abs() < 1e-9);
        let p = s.p_upper(20.0, 1.0).unwrap();
        assert!((p - 1.4457e-5).abs() < 2e-8, "{p:e}");
        // A wide spread makes a large x ordinary; sampling error alone would not.
        assert!(s.p_upper(9.0, 1.0).unwrap() > 0.1);
    }

    /// Without spread beyond sampling error (τ = 0) and centred on 0, the exact p stands.
    #[test]
    fn no_spread_keeps_the_exact_p() {
        let s = Spread {
            centre: 0.0,
            tau: 0.0,
            units: 10,
        };
        for p in [0.3, 1e-3, 1e-9] {
            assert!((s.p_beyond(p, 0.7).unwrap() / p - 1.0).abs() < 1e-6, "{p}");
        }
        let wide = Spread { tau: 0.7, ..s };
        // z = 3.0902 for p = 1e-3; with τ = se the statistic is z / √2 = 2.1851: p = 0.014442.
        assert!((wide.p_beyond(1e-3, 0.7).unwrap() - 0.014440).abs() < 1e-5);
    }

    /// An outlier does not widen the spread much (robust); too few units give none.
    #[test]
    fn outliers_and_small_districts() {
        let mut units: Vec<(f64, f64)> = (0..20).map(|x| ((x % 5) as f64, 0.5)).collect();
        let before = Spread::fit(&units).unwrap().tau;
        units.push((100.0, 0.5));
        let after = Spread::fit(&units).unwrap().tau;
        assert!((after - before).abs() < 0.3, "{before} {after}");
        assert!(Spread::fit(&units[..MIN_UNITS - 1]).is_none());
        assert_eq!(combine(Some(0.01), Some(0.2)), Some(0.2));
        assert_eq!(combine(None, Some(0.2)), Some(0.2));
        assert_eq!(combine(Some(0.01), None), Some(0.01));
    }
}
