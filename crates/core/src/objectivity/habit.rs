//! A school's own habit: what an indicator shows in the school's *other* works [P, ours].
//!
//! Some honest differences belong to a school, not to one work: a school whose teachers mark
//! journals strictly shows «повысили» above the district in every procedure, year after year.
//! Against the district (and against the spread of all units, [`super::spread`]) each of its
//! works looks alike, and the honest habit either fires everywhere or, by widening the spread,
//! hides a work that really was marked leniently in an ordinary school. The school's other works
//! are the yardstick that removes the habit: a work stands out when it differs from the same
//! school's other works, beyond their sampling error and the usual within-school spread.
//!
//! For unit u of school s with effect x_u (sampling error se_u), the school's habit is the
//! precision-weighted mean over the school's other units v, h_u = Σ w_v x_v / Σ w_v with
//! w_v = 1 / max(se_v, [`SE_FLOOR`])², and its error se_h = (Σ w_v)^(−½). The contrast is
//! x_u − h_u with error √(se_u² + se_h²). A school with a single unit has no habit (`None`):
//! its unit is judged against the district alone.

/// Errors below this are taken at this value in the weights, so that one large unit with a
/// near-zero error cannot make the habit exact.
pub const SE_FLOOR: f64 = 0.02;

/// A unit's contrast with its school's other units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contrast {
    /// h: the school's other units' weighted mean effect.
    pub habit: f64,
    /// se of `habit`.
    pub habit_se: f64,
    /// x − h.
    pub contrast: f64,
    /// √(se² + se_h²).
    pub se: f64,
}

/// The contrast of every unit in `units` (school, effect, sampling error) with the other units
/// of its school (leave one out); `None` for a school's only unit or a non-finite effect.
/// Linear in the units: each school's weighted sums once, then each unit's own share taken out.
pub fn contrasts<S: Eq + std::hash::Hash>(units: &[(S, f64, f64)]) -> Vec<Option<Contrast>> {
    let weight = |se: f64| 1.0 / se.max(SE_FLOOR).powi(2);
    let finite = |x: f64, se: f64| x.is_finite() && se.is_finite();
    // Per school: (Σ w, Σ w·x, units counted).
    let mut sums: std::collections::HashMap<&S, (f64, f64, usize)> = Default::default();
    for (school, x, se) in units {
        if finite(*x, *se) {
            let e = sums.entry(school).or_default();
            let w = weight(*se);
            e.0 += w;
            e.1 += w * x;
            e.2 += 1;
        }
    }
    units
        .iter()
        .map(|(school, x, se)| {
            if !finite(*x, *se) {
                return None;
            }
            let &(sw_all, swx_all, n) = sums.get(school)?;
            if n < 2 {
                return None;
            }
            let w = weight(*se);
            let (sw, swx) = (sw_all - w, swx_all - w * x);
            let habit = swx / sw;
            let habit_se = sw.sqrt().recip();
            Some(Contrast {
                habit,
                habit_se,
                contrast: x - habit,
                se: (se * se + habit_se * habit_se).sqrt(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// School A: effects 0.3 (se 0.1), 0.1 (se 0.05), 0.2 (se 0.02). For the first unit the
    /// habit is (0.1/0.0025 + 0.2/0.0004) / (1/0.0025 + 1/0.0004) = (40 + 500) / 2900 =
    /// 0.186207, se_h = 2900^(−½) = 0.018570; B's only unit has none.
    #[test]
    fn leave_one_out_weighted_mean() {
        let units = [
            ("A", 0.3, 0.1),
            ("A", 0.1, 0.05),
            ("B", 0.5, 0.1),
            ("A", 0.2, 0.02),
        ];
        let c = contrasts(&units);
        let a = c[0].unwrap();
        assert!((a.habit - 540.0 / 2900.0).abs() < 1e-12);
        assert!((a.habit_se - 2900f64.sqrt().recip()).abs() < 1e-12);
        assert!((a.contrast - (0.3 - 540.0 / 2900.0)).abs() < 1e-12);
        assert!((a.se - (0.01 + 1.0 / 2900.0f64).sqrt()).abs() < 1e-12);
        assert!(c[2].is_none(), "a school's only unit has no habit");
        // The floor: se 0.001 weighs as 0.02.
        let floor = contrasts(&[("A", 0.0, 0.001), ("A", 1.0, 0.02), ("A", 0.5, 0.1)]);
        assert!((floor[2].unwrap().habit - 0.5).abs() < 1e-12);
    }

    #[test]
    fn non_finite_effects_are_left_out() {
        let c = contrasts(&[("A", f64::NAN, 0.1), ("A", 0.2, 0.1), ("A", 0.4, 0.1)]);
        assert!(c[0].is_none());
        assert!((c[1].unwrap().habit - 0.4).abs() < 1e-12);
    }
}
