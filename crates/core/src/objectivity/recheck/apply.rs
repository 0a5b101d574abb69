//! Using the re-check in the analysis, when the user chooses: a new dataset where every
//! re-checked work has its re-checked task scores (and `X` marks), their sum as the primary
//! score and, when the sum changed, the mark of that sum on the procedure's scale. Everything
//! else is the original data.

use super::read::RecheckScores;
use crate::model::Dataset;

/// The dataset with the re-checked works' scores, totals and marks in place of the originals.
/// A work whose total did not change keeps its mark; a procedure without a scale keeps the
/// works' original marks (there is nothing to convert the new totals with). Works that no longer match the dataset (a procedure or row gone, a
/// different number of tasks) are left as they were: [`mod@super::agreement`] counts them as
/// skipped.
pub fn apply(ds: &Dataset, scores: &RecheckScores) -> Dataset {
    let mut out = ds.clone();
    let ids: std::collections::HashMap<String, usize> = ds
        .procedures
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.id(), i))
        .collect();
    for w in &scores.works {
        let Some(p) = ids.get(&w.procedure).map(|&i| &mut out.procedures[i]) else {
            continue;
        };
        let k = p.tasks.len();
        let r = &mut p.results;
        if w.index >= r.len() || w.scores.len() != k || w.not_done.len() != k {
            continue;
        }
        let at = w.index * k;
        r.scores[at..at + k].copy_from_slice(&w.scores);
        r.not_done[at..at + k].copy_from_slice(&w.not_done);
        let total: f64 = w.scores.iter().map(|&x| f64::from(x)).sum();
        // The same total keeps its mark (the file's mark, which a scale inferred from the
        // data might not reproduce for every work).
        if r.total[w.index] != Some(total) {
            r.total[w.index] = Some(total);
            if let Some(s) = p.scale {
                r.mark[w.index] = Some(s.mark(total));
            }
        }
    }
    out
}
