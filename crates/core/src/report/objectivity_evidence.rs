//! A sign's evidence as the figures its picture draws: the same `stats` types the drill-down's
//! charts take, composed here from what [`Evidence`] keeps, so the screen only lays them out.

use crate::model::{MaxSource, Scale, ScaleSource, Task, TaskLevel};
use crate::stats::{Concordance, Histogram};

#[cfg(doc)]
use crate::objectivity::Evidence;

/// The concordance of `n` pupils from its four shares (lowered, confirmed, raised, two or more),
/// counts rounded from the shares.
pub fn concordance_of(shares: [f64; 4], n: usize) -> Concordance {
    let c = |x: f64| (x * n as f64).round() as usize;
    Concordance {
        n,
        lowered: shares[0],
        confirmed: shares[1],
        raised: shares[2],
        two_plus: shares[3],
        n_lowered: c(shares[0]),
        n_confirmed: c(shares[1]),
        n_raised: c(shares[2]),
        n_two_plus: c(shares[3]),
    }
}

/// The primary-score histogram of a bunching sign (`counts[x]` works scored x) with the one
/// threshold tested, of mark `mark` at `threshold` points: the other bounds lie outside the
/// scores so a picture draws that one line.
pub fn threshold_histogram(counts: &[usize], mark: u8, threshold: u32) -> Histogram {
    let t = threshold as f64;
    let far = counts.len() as f64 + 1.0;
    let (m3, m4, m5) = match mark {
        3 => (t, far, far),
        4 => (0.0, t, far),
        _ => (0.0, 0.0, t),
    };
    Histogram {
        n: counts.iter().sum(),
        max_total: counts.len().saturating_sub(1),
        counts: counts.to_vec(),
        skipped: 0,
        scale: Some(Scale {
            mark3: m3,
            mark4: m4,
            mark5: m5,
            source: ScaleSource::File,
        }),
    }
}

/// The scores a bunching picture highlights: the threshold and one point above, within range.
pub fn threshold_highlight(counts: &[usize], threshold: u32) -> Vec<usize> {
    let t = threshold as usize;
    [t, t + 1]
        .into_iter()
        .filter(|x| *x < counts.len())
        .collect()
}

/// The district's works just above a threshold per work just below; `None` without any below.
pub fn bunching_ratio(above: usize, below: usize) -> Option<f64> {
    (below > 0).then(|| above as f64 / below as f64)
}

/// An inversion's tasks (label, level letter, unit success, district success) as tasks with
/// their levels and the two success columns of a task-success picture.
pub fn inversion_tasks(
    tasks: &[(String, String, f64, f64)],
) -> (Vec<Task>, Vec<Option<f64>>, Vec<Option<f64>>) {
    let ts = tasks
        .iter()
        .map(|(label, level, _, _)| Task {
            label: label.clone(),
            max: 1,
            max_source: MaxSource::Data,
            kim: None,
            level: TaskLevel::parse(level),
            skill: None,
        })
        .collect();
    let unit = tasks.iter().map(|t| Some(t.2)).collect();
    let district = tasks.iter().map(|t| Some(t.3)).collect();
    (ts, unit, district)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bunching_histogram_draws_only_the_tested_threshold() {
        let h = threshold_histogram(&[1, 2, 3, 9, 1], 4, 3);
        assert_eq!((h.n, h.max_total), (16, 4));
        let s = h.scale.unwrap();
        assert_eq!((s.mark3, s.mark4, s.mark5), (0.0, 3.0, 6.0));
        assert_eq!(threshold_highlight(&h.counts, 3), vec![3, 4]);
        assert_eq!(threshold_highlight(&h.counts, 4), vec![4]);
    }

    #[test]
    fn concordance_counts_follow_the_shares_and_ratio_needs_works_below() {
        let c = concordance_of([0.1, 0.6, 0.3, 0.05], 20);
        assert_eq!(
            (c.n_lowered, c.n_confirmed, c.n_raised, c.n_two_plus),
            (2, 12, 6, 1)
        );
        assert_eq!(bunching_ratio(6, 3), Some(2.0));
        assert_eq!(bunching_ratio(6, 0), None);
        let (ts, u, d) = inversion_tasks(&[("1".into(), "Б".into(), 0.9, 0.7)]);
        assert_eq!(ts[0].level, Some(TaskLevel::Basic));
        assert_eq!((u, d), (vec![Some(0.9)], vec![Some(0.7)]));
    }
}
