//! Benjamini–Hochberg adjusted p-values (step-up, monotone), as R's `p.adjust(p, "BH")`.

/// Adjusted p-values in the input order; each is min over k >= rank of (m / k) p_(k), capped at 1.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[b].total_cmp(&p[a]));
    let mut out = vec![1.0; m];
    let mut running = 1.0f64;
    for (pos, &i) in order.iter().enumerate() {
        let rank = m - pos;
        let v = (p[i] * m as f64 / rank as f64).min(1.0);
        running = running.min(v);
        out[i] = running;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R 4.x: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH")
    /// = 0.025 0.05 0.05 0.025 0.5
    #[test]
    fn matches_r_p_adjust() {
        let got = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.005, 0.5]);
        let want = [0.025, 0.05, 0.05, 0.025, 0.5];
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-12, "{got:?}");
        }
        assert!(benjamini_hochberg(&[]).is_empty());
        assert_eq!(benjamini_hochberg(&[0.9, 1.0]), vec![1.0, 1.0]);
    }
}
