//! Journal concordance (METHODOLOGY §3.1, groups [S]): D_i = mark_i - journal_i.

use super::tasks::participants;
use crate::model::PupilResults;
use serde::{Deserialize, Serialize};

/// Shares (0..=1) and counts of D = mark - journal over participants with both marks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Concordance {
    /// Participants with a mark and a journal mark (both 1..=5).
    pub n: usize,
    /// Понизили: share with D < 0.
    pub lowered: f64,
    /// Подтвердили: share with D = 0.
    pub confirmed: f64,
    /// Повысили: share with D > 0.
    pub raised: f64,
    /// Share with |D| >= 2.
    pub two_plus: f64,
    /// Counts behind the shares: D < 0, D = 0, D > 0, |D| >= 2.
    pub n_lowered: usize,
    pub n_confirmed: usize,
    pub n_raised: usize,
    pub n_two_plus: usize,
}

/// Concordance over the participants of `rows`; `None` when nobody has both marks.
pub fn concordance(r: &PupilResults, rows: &[usize]) -> Option<Concordance> {
    let valid = |m: Option<&Option<u8>>| m.copied().flatten().filter(|m| (1..=5).contains(m));
    let (mut lo, mut eq, mut hi, mut two) = (0, 0, 0, 0);
    for i in participants(r, rows) {
        let (Some(m), Some(j)) = (valid(r.mark.get(i)), valid(r.journal.get(i))) else {
            continue;
        };
        let d = m as i32 - j as i32;
        match d.signum() {
            -1 => lo += 1,
            0 => eq += 1,
            _ => hi += 1,
        }
        if d.abs() >= 2 {
            two += 1;
        }
    }
    let n = lo + eq + hi;
    let share = |c: usize| c as f64 / n as f64;
    (n > 0).then(|| Concordance {
        n,
        lowered: share(lo),
        confirmed: share(eq),
        raised: share(hi),
        two_plus: share(two),
        n_lowered: lo,
        n_confirmed: eq,
        n_raised: hi,
        n_two_plus: two,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::tasks::tests::results;

    /// (mark, journal): (5,3) raised +2, (4,4), (3,4) lowered, (2,4) lowered -2, (3,None) and
    /// (None,5) skipped: n = 4, lowered 2/4, confirmed 1/4, raised 1/4, |D|>=2 2/4.
    #[test]
    fn concordance_by_hand() {
        let mark = [Some(5), Some(4), Some(3), Some(2), Some(3), None];
        let journal = [Some(3), Some(4), Some(4), Some(4), None, Some(5)];
        let e: &[u8] = &[];
        let r = results(&[e; 6], &mark, &journal);
        let c = concordance(&r, &[0, 1, 2, 3, 4, 5]).unwrap();
        assert_eq!(
            (c.n, c.n_lowered, c.n_confirmed, c.n_raised, c.n_two_plus),
            (4, 2, 1, 1, 2)
        );
        assert_eq!(
            (c.lowered, c.confirmed, c.raised, c.two_plus),
            (0.5, 0.25, 0.25, 0.5)
        );
        assert!(concordance(&r, &[4, 5]).is_none());
    }
}
