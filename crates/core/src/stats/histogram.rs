//! Primary-score histogram with the mark thresholds (METHODOLOGY §2, and §3.2 which reads it).

use super::tasks::participants;
use crate::model::{Procedure, Scale};
use serde::{Deserialize, Serialize};

/// Bins are capped: a larger `max_total` is a data issue, not a histogram.
const MAX_BINS: usize = 10_000;

/// Counts of the primary score X = 0..=max_total over participants with a total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// Participants counted in a bin.
    pub n: usize,
    /// The last bin: the procedure's maximum, else the sum of task maxima, else the largest X seen.
    pub max_total: usize,
    /// `counts[x]` = number of participants with X = x.
    pub counts: Vec<usize>,
    /// Totals not counted: not whole, negative or above `max_total` (data issues).
    pub skipped: usize,
    /// The conversion scale (lower bounds of «3», «4», «5»), to draw on the chart.
    pub scale: Option<Scale>,
}

/// Histogram of X over the participants of `rows` with a primary score.
pub fn primary_histogram(p: &Procedure, rows: &[usize]) -> Histogram {
    let r = &p.results;
    let xs: Vec<f64> = participants(r, rows)
        .filter_map(|i| r.total.get(i).copied().flatten())
        .collect();
    let task_sum = (!p.tasks.is_empty()).then(|| p.tasks.iter().map(|t| t.max as f64).sum::<f64>());
    let seen = xs
        .iter()
        .copied()
        .filter(|x| x.is_finite())
        .fold(0.0f64, f64::max);
    let max = p
        .max_total
        .or(task_sum)
        .filter(|m| m.is_finite() && *m >= 0.0)
        .unwrap_or(seen)
        .floor()
        .min(MAX_BINS as f64) as usize;
    let mut counts = vec![0usize; max + 1];
    let mut skipped = 0;
    for x in xs {
        let b = x.round();
        if (x - b).abs() < 1e-9 && b >= 0.0 && b <= max as f64 {
            counts[b as usize] += 1;
        } else {
            skipped += 1;
        }
    }
    Histogram {
        n: counts.iter().sum(),
        max_total: max,
        counts,
        skipped,
        scale: p.scale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ProcedureKey, ProcedureKind, PupilResults, ScaleSource};

    fn proc(total: Vec<Option<f64>>, absent: Vec<bool>, max_total: Option<f64>) -> Procedure {
        let n = total.len();
        Procedure {
            key: ProcedureKey {
                kind: ProcedureKind::Vpr,
                subject: "Математика".into(),
                grade: Some(4),
                year: None,
            },
            tasks: vec![],
            scale: Some(Scale {
                mark3: 2.0,
                mark4: 3.0,
                mark5: 4.0,
                source: ScaleSource::User,
            }),
            max_total,
            results: PupilResults {
                school: vec![0; n],
                total,
                absent,
                ..Default::default()
            },
            files: vec![],
            errors: Default::default(),
        }
    }

    /// X = 0, 2, 2, 5, 4.5, none, 3 (absent) with max 5: counts [1,0,2,0,0,1]; 4.5 skipped.
    #[test]
    fn histogram_by_hand() {
        let t = [
            Some(0.0),
            Some(2.0),
            Some(2.0),
            Some(5.0),
            Some(4.5),
            None,
            Some(3.0),
        ];
        let p = proc(
            t.to_vec(),
            vec![false, false, false, false, false, false, true],
            Some(5.0),
        );
        let h = primary_histogram(&p, &(0..7).collect::<Vec<_>>());
        assert_eq!(h.counts, [1, 0, 2, 0, 0, 1]);
        assert_eq!((h.n, h.skipped, h.max_total), (4, 1, 5));
        assert_eq!(h.scale.unwrap().mark4, 3.0);
    }

    #[test]
    fn unknown_maximum_uses_the_largest_total_and_empty_is_fine() {
        let p = proc(vec![Some(1.0), Some(3.0)], vec![false; 2], None);
        assert_eq!(primary_histogram(&p, &[0, 1]).counts, [0, 1, 0, 1]);
        let h = primary_histogram(&p, &[]);
        assert_eq!((h.n, h.counts.len()), (0, 1));
        let p = proc(vec![Some(1.0)], vec![false], Some(1e300));
        assert_eq!(primary_histogram(&p, &[0]).max_total, MAX_BINS);
    }
}
