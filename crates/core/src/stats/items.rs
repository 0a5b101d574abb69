//! Classical item analysis (CTT) of a group, METHODOLOGY §2 [S]: difficulty p_j, corrected
//! item-total correlation RIR_j, Cronbach's alpha and alpha if the item is deleted, with flags.
//!
//! Samples (a documented choice):
//! - p_j = mean(s_ij / m_j) over the participants with a score for j (available case), so it
//!   equals the task success of [`super::tasks::task_success`].
//! - alpha = k/(k-1) (1 - Σ var_j / var_X) and alpha-if-deleted use the complete rows (a score
//!   on every task; listwise deletion), X = the row's sum. Sample variances (ddof = 1); the ratio
//!   does not depend on ddof.
//! - RIR_j = corr(s_j, X - s_j): [`ItemSample::Listwise`] uses the complete rows;
//!   [`ItemSample::Pairwise`] uses the rows with a score for j, X = sum of that row's scored
//!   items. Pairwise is for booklet designs (TIMSS) where no row is complete; there X sums
//!   different item sets, so RIR is an approximation.
//!
//! Sums are exact integers; only the final ratio, square root and division round. Degenerate
//! cases (n < 2, k < 2, zero variance, m_j = 0) give `None`, never NaN.

use super::tasks::{participants, score};
use crate::model::{PupilResults, Task};
use serde::{Deserialize, Serialize};

/// Which rows the corrected item-total correlation uses (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemSample {
    Listwise,
    Pairwise,
}

/// Why an item is flagged (p outside [0.10, 0.95] or RIR < 0.20); flagged tasks are
/// down-weighted in deficit conclusions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemFlag {
    /// p < 0.10.
    TooHard,
    /// p > 0.95.
    TooEasy,
    /// RIR < 0.20.
    LowRir,
}

/// Statistics of one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemStats {
    pub label: String,
    /// Participants with a score for the item (the sample of p, and of pairwise RIR).
    pub n: usize,
    /// Difficulty p_j = mean(s_ij / m_j).
    pub p: Option<f64>,
    /// Corrected item-total correlation corr(s_j, X - s_j).
    pub rir: Option<f64>,
    /// Alpha of the other k - 1 items on the complete rows.
    pub alpha_if_deleted: Option<f64>,
    pub flags: Vec<ItemFlag>,
}

/// Item analysis of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemAnalysis {
    /// The sample of RIR.
    pub sample: ItemSample,
    /// Participants with at least one task score.
    pub n: usize,
    /// Complete rows (a score on every task): the sample of alpha.
    pub n_complete: usize,
    /// Number of items (tasks).
    pub k: usize,
    /// Cronbach's alpha on the complete rows.
    pub alpha: Option<f64>,
    pub items: Vec<ItemStats>,
}

impl ItemSample {
    /// Default [P]: listwise when at least 80 % of the participants with a score are complete
    /// (and at least 2), else pairwise.
    pub fn choose(r: &PupilResults, tasks: &[Task], rows: &[usize]) -> ItemSample {
        let k = tasks.len();
        let (mut n, mut complete) = (0usize, 0usize);
        for i in participants(r, rows) {
            let c = (0..k).filter(|&j| score(r, k, i, j).is_some()).count();
            n += (c > 0) as usize;
            complete += (c == k && k > 0) as usize;
        }
        if complete >= 2 && complete * 5 >= n * 4 {
            ItemSample::Listwise
        } else {
            ItemSample::Pairwise
        }
    }
}

/// Exact sums of an item score s and a row total X over a sample.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    n: i128,
    s: i128,
    ss: i128,
    x: i128,
    xx: i128,
    sx: i128,
}

impl Sums {
    fn add(&mut self, s: i128, x: i128) {
        self.n += 1;
        self.s += s;
        self.ss += s * s;
        self.x += x;
        self.xx += x * x;
        self.sx += s * x;
    }
    /// n Σ(s - s̄)², i.e. n (n - 1) var(s).
    fn s_ss(&self) -> i128 {
        self.n * self.ss - self.s * self.s
    }
    fn s_xx(&self) -> i128 {
        self.n * self.xx - self.x * self.x
    }
    fn s_sx(&self) -> i128 {
        self.n * self.sx - self.s * self.x
    }
    /// Scaled variance of the rest R = X - s.
    fn s_rr(&self) -> i128 {
        self.s_xx() - 2 * self.s_sx() + self.s_ss()
    }
    /// corr(s, X - s); `None` with n < 2 or a zero variance.
    fn rir(&self) -> Option<f64> {
        let (ss, rr) = (self.s_ss(), self.s_rr());
        (self.n >= 2 && ss > 0 && rr > 0)
            .then(|| (self.s_sx() - ss) as f64 / ((ss as f64).sqrt() * (rr as f64).sqrt()))
    }
}

/// Alpha from k, the summed scaled item variances and the scaled total variance.
fn alpha(k: usize, sum_items: i128, total: i128) -> Option<f64> {
    (k >= 2 && total > 0)
        .then(|| k as f64 / (k as f64 - 1.0) * (1.0 - sum_items as f64 / total as f64))
}

/// Item analysis of the participants of `rows` (METHODOLOGY §2 "Item analysis").
pub fn item_analysis(
    r: &PupilResults,
    tasks: &[Task],
    rows: &[usize],
    sample: ItemSample,
) -> ItemAnalysis {
    let k = tasks.len();
    let mut pair = vec![Sums::default(); k];
    let mut list = vec![Sums::default(); k];
    let (mut n, mut n_complete) = (0usize, 0usize);
    let mut row = vec![None; k];
    for i in participants(r, rows) {
        for (j, v) in row.iter_mut().enumerate() {
            *v = score(r, k, i, j).map(i128::from);
        }
        let x: i128 = row.iter().flatten().sum();
        let scored = row.iter().flatten().count();
        n += (scored > 0) as usize;
        let complete = scored == k && k > 0;
        n_complete += complete as usize;
        for (j, s) in row.iter().enumerate() {
            if let Some(s) = *s {
                pair[j].add(s, x);
                if complete {
                    list[j].add(s, x);
                }
            }
        }
    }
    let total = list.first().map_or(0, Sums::s_xx);
    let sum_items: i128 = list.iter().map(Sums::s_ss).sum();
    let ok = n_complete >= 2;
    let items = tasks
        .iter()
        .enumerate()
        .map(|(j, t)| {
            let a = &pair[j];
            let possible = a.n * t.max as i128;
            let p = (possible > 0).then(|| a.s as f64 / possible as f64);
            let rir = match sample {
                ItemSample::Listwise => list[j].rir(),
                ItemSample::Pairwise => a.rir(),
            };
            let aid = if ok && k >= 3 {
                alpha(k - 1, sum_items - list[j].s_ss(), list[j].s_rr())
            } else {
                None
            };
            let mut flags = Vec::new();
            if possible > 0 && 10 * a.s < possible {
                flags.push(ItemFlag::TooHard);
            }
            if possible > 0 && 100 * a.s > 95 * possible {
                flags.push(ItemFlag::TooEasy);
            }
            if rir.is_some_and(|v| v < 0.20) {
                flags.push(ItemFlag::LowRir);
            }
            ItemStats {
                label: t.label.clone(),
                n: a.n as usize,
                p,
                rir,
                alpha_if_deleted: aid,
                flags,
            }
        })
        .collect();
    ItemAnalysis {
        sample,
        n,
        n_complete,
        k,
        alpha: if ok { alpha(k, sum_items, total) } else { None },
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SCORE_MISSING;
    use crate::stats::tasks::participant_rows;
    use crate::stats::tasks::tests::{results, task};

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    /// Four pupils, three 0/1 items: rows 110, 100, 111, 000; X = 2, 1, 3, 0.
    /// var_j (ddof 1) = 1/4, 1/3, 1/4 -> Σ = 5/6; var_X = 5/3;
    /// alpha = 3/2 (1 - (5/6)/(5/3)) = 0.75.
    /// Item 3 (0,0,1,0) vs rest (2,1,2,0): Σ co-deviations 0.75, Σ squares 0.75 and 2.75:
    /// RIR = sqrt(3/11). Alpha without item 1: items 2,3 var 1/3 + 1/4 = 7/12, rest (1,0,2,0)
    /// var 11/12: 2 (1 - 7/11) = 8/11.
    #[test]
    fn alpha_and_rir_by_hand() {
        let r = results(
            &[&[1, 1, 0], &[1, 0, 0], &[1, 1, 1], &[0, 0, 0]],
            &[None; 4],
            &[None; 4],
        );
        let t = [task("1", 1, None), task("2", 1, None), task("3", 1, None)];
        let a = item_analysis(&r, &t, &participant_rows(&r), ItemSample::Listwise);
        assert_eq!((a.n, a.n_complete, a.k), (4, 4, 3));
        assert!(close(a.alpha, 0.75), "{:?}", a.alpha);
        assert!(close(a.items[2].rir, (3.0f64 / 11.0).sqrt()));
        assert!(close(a.items[0].alpha_if_deleted, 8.0 / 11.0));
        assert!(close(a.items[0].p, 0.75) && close(a.items[2].p, 0.25));
        assert!(a.items[2].flags.is_empty());
    }

    #[test]
    fn degenerate_cases_give_none() {
        // Zero variance item and k = 1, n = 1, nobody.
        let r = results(&[&[1, 0], &[1, 1]], &[None; 2], &[None; 2]);
        let t = [task("1", 1, None), task("2", 1, None)];
        let a = item_analysis(&r, &t, &[0, 1], ItemSample::Listwise);
        assert_eq!(a.items[0].rir, None);
        assert_eq!(a.items[0].flags, [ItemFlag::TooEasy]);
        assert_eq!(a.items[0].alpha_if_deleted, None); // k - 1 = 1
        assert!(close(a.alpha, 0.0)); // 2 (1 - 0.5/0.5)
        let a = item_analysis(&r, &t[..1], &[0, 1], ItemSample::Listwise);
        assert_eq!(a.alpha, None);
        let a = item_analysis(&r, &t, &[0], ItemSample::Pairwise);
        assert_eq!((a.alpha, a.items[1].rir), (None, None));
        let a = item_analysis(&r, &[], &[], ItemSample::Pairwise);
        assert_eq!((a.n, a.alpha, a.items.len()), (0, None, 0));
        let zero = results(&[&[0, 0], &[0, 0]], &[None; 2], &[None; 2]);
        let a = item_analysis(
            &zero,
            &[task("1", 0, None), task("2", 1, None)],
            &[0, 1],
            ItemSample::Listwise,
        );
        assert_eq!((a.alpha, a.items[0].p), (None, None));
        assert_eq!(a.items[1].flags, [ItemFlag::TooHard]);
    }

    /// Booklet design: nobody is complete; pairwise RIR still exists.
    #[test]
    fn pairwise_on_booklets() {
        let m = SCORE_MISSING;
        let rows: [&[u8]; 6] = [
            &[1, 1, m],
            &[0, 0, m],
            &[1, 0, m],
            &[m, 1, 1],
            &[m, 0, 0],
            &[m, 1, 0],
        ];
        let r = results(&rows, &[None; 6], &[None; 6]);
        let t = [task("1", 1, None), task("2", 1, None), task("3", 1, None)];
        assert_eq!(
            ItemSample::choose(&r, &t, &participant_rows(&r)),
            ItemSample::Pairwise
        );
        let a = item_analysis(&r, &t, &participant_rows(&r), ItemSample::Pairwise);
        assert_eq!((a.n, a.n_complete, a.alpha), (6, 0, None));
        // Item 1 over rows 0..3: s = 1,0,1, rest = 1,0,0: corr = 0.5.
        assert!(close(a.items[0].rir, 0.5));
        assert!(a.items.iter().all(|i| i.rir.is_some()));
        assert_eq!(a.items.iter().map(|i| i.n).collect::<Vec<_>>(), [3, 6, 3]);
        let l = item_analysis(&r, &t, &participant_rows(&r), ItemSample::Listwise);
        assert!(l.items.iter().all(|i| i.rir.is_none()));
    }
}
