//! Standard school metrics [S]: успеваемость, качество знаний, средний балл, СОУ.

use serde::{Deserialize, Serialize};

/// Counts of marks «1».. «5» among participants with a mark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkCounts {
    /// `n[m]` is the number of mark `m` (index 0 unused; «1» is rare but exists in journals).
    pub n: [usize; 6],
}

impl MarkCounts {
    /// Counts the marks (values outside 1..=5 and `None` are skipped).
    pub fn from_marks<'a>(marks: impl IntoIterator<Item = &'a Option<u8>>) -> MarkCounts {
        let mut c = MarkCounts::default();
        for m in marks.into_iter().flatten() {
            if (1..=5).contains(m) {
                c.n[*m as usize] += 1;
            }
        }
        c
    }

    /// Adds one mark.
    pub fn add(&mut self, mark: u8) {
        if (1..=5).contains(&mark) {
            self.n[mark as usize] += 1;
        }
    }

    /// N: everybody with a mark.
    pub fn total(&self) -> usize {
        self.n[1..].iter().sum()
    }
}

/// The standard metrics of a group. Shares are fractions in 0..=1; `sou` is in percent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StandardMetrics {
    /// Number of participants with a mark.
    pub n: usize,
    /// Успеваемость = (n3+n4+n5)/N.
    pub success: f64,
    /// Качество знаний = (n4+n5)/N.
    pub quality: f64,
    /// Средний балл = mean mark.
    pub mean_mark: f64,
    /// СОУ (Симонов) = (100 n5 + 64 n4 + 36 n3 + 16 n2 + 7 n1) / N, percent.
    pub sou: f64,
    /// Share of «2» (and «1»).
    pub share2: f64,
    /// Mark counts, index = mark.
    pub counts: [usize; 6],
}

impl StandardMetrics {
    /// Computes the metrics; `None` when nobody has a mark.
    pub fn from_counts(c: &MarkCounts) -> Option<StandardMetrics> {
        let n = c.total();
        if n == 0 {
            return None;
        }
        let nf = n as f64;
        let [_, n1, n2, n3, n4, n5] = c.n.map(|x| x as f64);
        Some(StandardMetrics {
            n,
            success: (n3 + n4 + n5) / nf,
            quality: (n4 + n5) / nf,
            mean_mark: (n1 + 2.0 * n2 + 3.0 * n3 + 4.0 * n4 + 5.0 * n5) / nf,
            sou: (100.0 * n5 + 64.0 * n4 + 36.0 * n3 + 16.0 * n2 + 7.0 * n1) / nf,
            share2: (n1 + n2) / nf,
            counts: c.n,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-computed: marks 2,3,3,4,4,4,5,5 (N = 8).
    /// success = 7/8, quality = 5/8, mean = 30/8 = 3.75,
    /// SOU = (2*100 + 3*64 + 2*36 + 1*16)/8 = 480/8 = 60.
    #[test]
    fn metrics_by_hand() {
        let marks = [2, 3, 3, 4, 4, 4, 5, 5].map(Some);
        let m = StandardMetrics::from_counts(&MarkCounts::from_marks(&marks)).unwrap();
        assert_eq!(m.n, 8);
        assert!((m.success - 0.875).abs() < 1e-12);
        assert!((m.quality - 0.625).abs() < 1e-12);
        assert!((m.mean_mark - 3.75).abs() < 1e-12);
        assert!((m.sou - 60.0).abs() < 1e-12);
        assert!((m.share2 - 0.125).abs() < 1e-12);
    }

    #[test]
    fn missing_and_out_of_range_marks_are_skipped() {
        let marks = [Some(5), None, Some(0), Some(7), Some(5)];
        let m = StandardMetrics::from_counts(&MarkCounts::from_marks(&marks)).unwrap();
        assert_eq!(m.n, 2);
        assert_eq!(m.sou, 100.0);
    }

    #[test]
    fn empty_group_has_no_metrics() {
        assert!(StandardMetrics::from_counts(&MarkCounts::default()).is_none());
    }
}
