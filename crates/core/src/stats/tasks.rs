//! Task success, its classification by level and success by mark group (METHODOLOGY §2:
//! "Task mastery by level", "Groups by mark").
//!
//! Every function takes a row filter (`rows`: indices of the group's pupils); absent rows and
//! indices out of range are skipped. A task score of `SCORE_MISSING` is no score; "not done"
//! (`X`) is stored as 0 and counts as 0.

use crate::model::{PupilResults, Task, TaskLevel, SCORE_MISSING};
use crate::privacy::MIN_GROUP;
use serde::{Deserialize, Serialize};

/// All participant rows (absent excluded): the filter for a whole procedure.
pub fn participant_rows(r: &PupilResults) -> Vec<usize> {
    (0..r.len())
        .filter(|&i| !r.absent.get(i).copied().unwrap_or(true))
        .collect()
}

/// Participant rows of `rows` (absent and out-of-range indices skipped).
pub(crate) fn participants<'a>(
    r: &'a PupilResults,
    rows: &'a [usize],
) -> impl Iterator<Item = usize> + 'a {
    rows.iter()
        .copied()
        .filter(move |&i| i < r.len() && !r.absent.get(i).copied().unwrap_or(true))
}

/// Score of row `i`, task `j` of `k`; `None` for `SCORE_MISSING` or a short matrix.
pub(crate) fn score(r: &PupilResults, k: usize, i: usize, j: usize) -> Option<u8> {
    r.scores
        .get(i * k + j)
        .copied()
        .filter(|&s| s != SCORE_MISSING)
}

/// Mastery class of a task [S2]: basic (Б) sufficient >= 60 %, borderline 57–60 %, insufficient
/// < 57 %; advanced/high (П/В) sufficient >= 30 %, borderline 28.5–30 %, insufficient < 28.5 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Sufficient,
    Borderline,
    Insufficient,
}

impl TaskStatus {
    /// Lower bounds (per mille) of sufficient and borderline for a level.
    fn bounds(level: TaskLevel) -> (u128, u128) {
        match level {
            TaskLevel::Basic => (600, 570),
            TaskLevel::Advanced | TaskLevel::High => (300, 285),
        }
    }

    /// Exact class of `points / possible` (no rounding at the bounds); `None` when `possible` is 0.
    pub fn classify(level: TaskLevel, points: u64, possible: u64) -> Option<TaskStatus> {
        if possible == 0 {
            return None;
        }
        let (suff, border) = Self::bounds(level);
        let (x, d) = (1000 * points as u128, possible as u128);
        Some(if x >= suff * d {
            TaskStatus::Sufficient
        } else if x >= border * d {
            TaskStatus::Borderline
        } else {
            TaskStatus::Insufficient
        })
    }

    /// Class of a success share in 0..=1 (e.g. from an external reference file).
    pub fn from_share(level: TaskLevel, share: f64) -> Option<TaskStatus> {
        if !share.is_finite() {
            return None;
        }
        let (suff, border) = Self::bounds(level);
        let x = share * 1000.0;
        Some(if x >= suff as f64 {
            TaskStatus::Sufficient
        } else if x >= border as f64 {
            TaskStatus::Borderline
        } else {
            TaskStatus::Insufficient
        })
    }
}

/// Success on one task in a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskSuccess {
    pub label: String,
    pub level: Option<TaskLevel>,
    pub max: u8,
    /// Participants with a score for the task.
    pub n: usize,
    /// Sum of their scores.
    pub points: u64,
    /// success_j = mean(s_ij / m_j) = points / (n m_j); `None` when n = 0 or m_j = 0.
    pub success: Option<f64>,
    /// Class by level (METHODOLOGY §2); `None` when the level or the success is unknown.
    pub status: Option<TaskStatus>,
}

/// Task success per task over the participants of `rows`.
pub fn task_success(r: &PupilResults, tasks: &[Task], rows: &[usize]) -> Vec<TaskSuccess> {
    let k = tasks.len();
    let mut n = vec![0usize; k];
    let mut pts = vec![0u64; k];
    for i in participants(r, rows) {
        for j in 0..k {
            if let Some(s) = score(r, k, i, j) {
                n[j] += 1;
                pts[j] += s as u64;
            }
        }
    }
    tasks
        .iter()
        .enumerate()
        .map(|(j, t)| {
            let possible = n[j] as u64 * t.max as u64;
            TaskSuccess {
                label: t.label.clone(),
                level: t.level,
                max: t.max,
                n: n[j],
                points: pts[j],
                success: (possible > 0).then(|| pts[j] as f64 / possible as f64),
                status: t
                    .level
                    .and_then(|l| TaskStatus::classify(l, pts[j], possible)),
            }
        })
        .collect()
}

/// Task success of the pupils with one mark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarkGroup {
    /// The mark, 2..=5.
    pub mark: u8,
    /// Participants of `rows` with this mark.
    pub n: usize,
    /// Success per task; `None` where fewer than [`MIN_GROUP`] of the group have a score.
    pub success: Vec<Option<f64>>,
}

/// A lower mark group beating a higher one on a task by more than 10 p.p. [P].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarkAnomaly {
    /// Task index and label.
    pub task: usize,
    pub label: String,
    pub lower: u8,
    pub higher: u8,
    /// success(lower) - success(higher), > 0.10.
    pub gap: f64,
}

/// Success by mark group «2»..«5» with the anomalies between every pair of groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarkGroups {
    pub groups: Vec<MarkGroup>,
    pub anomalies: Vec<MarkAnomaly>,
}

/// Success by mark group (METHODOLOGY §2 "Groups by mark", n >= 10 each). Marks outside 2..=5
/// (and «1») are left out. The > 10 p.p. test is exact on the integer counts.
pub fn success_by_mark(r: &PupilResults, tasks: &[Task], rows: &[usize]) -> MarkGroups {
    let per: Vec<(u8, usize, Vec<TaskSuccess>)> = (2..=5u8)
        .map(|m| {
            let g: Vec<usize> = participants(r, rows)
                .filter(|&i| r.mark.get(i) == Some(&Some(m)))
                .collect();
            (m, g.len(), task_success(r, tasks, &g))
        })
        .collect();
    // Shown only for groups and tasks with at least MIN_GROUP scored pupils.
    let shown =
        |n: usize, t: &TaskSuccess| n >= MIN_GROUP && t.n >= MIN_GROUP && t.success.is_some();
    let mut anomalies = Vec::new();
    for (a, (ma, na, ta)) in per.iter().enumerate() {
        for (mb, nb, tb) in &per[a + 1..] {
            for (j, (x, y)) in ta.iter().zip(tb).enumerate() {
                if !shown(*na, x) || !shown(*nb, y) {
                    continue;
                }
                let (px, py) = (x.n as i128 * x.max as i128, y.n as i128 * y.max as i128);
                // x.points/px - y.points/py > 1/10, in integers.
                if 10 * (x.points as i128 * py - y.points as i128 * px) > px * py {
                    anomalies.push(MarkAnomaly {
                        task: j,
                        label: x.label.clone(),
                        lower: *ma,
                        higher: *mb,
                        gap: x.success.unwrap_or(0.0) - y.success.unwrap_or(0.0),
                    });
                }
            }
        }
    }
    let groups = per
        .into_iter()
        .map(|(mark, n, ts)| MarkGroup {
            mark,
            n,
            success: ts
                .iter()
                .map(|t| if shown(n, t) { t.success } else { None })
                .collect(),
        })
        .collect();
    MarkGroups { groups, anomalies }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn task(label: &str, max: u8, level: Option<TaskLevel>) -> Task {
        Task {
            label: label.into(),
            max,
            max_source: crate::model::MaxSource::File,
            kim: None,
            level,
            skill: None,
        }
    }

    /// Results with `scores` rows (k tasks), marks, journal marks; no one absent.
    pub(crate) fn results(
        scores: &[&[u8]],
        mark: &[Option<u8>],
        journal: &[Option<u8>],
    ) -> PupilResults {
        let n = scores.len();
        PupilResults {
            school: vec![0; n],
            class: vec![None; n],
            pupil: (0..n).map(|i| format!("P{i}")).collect(),
            variant: vec![None; n],
            absent: vec![false; n],
            scores: scores.concat(),
            not_done: vec![false; scores.concat().len()],
            total: scores
                .iter()
                .map(|s| {
                    Some(
                        s.iter()
                            .filter(|&&v| v != SCORE_MISSING)
                            .map(|&v| v as f64)
                            .sum(),
                    )
                })
                .collect(),
            mark: mark.to_vec(),
            journal: journal.to_vec(),
            source_row: (2..n as u32 + 2).collect(),
        }
    }

    #[test]
    fn classification_bounds_are_exact() {
        use TaskLevel::*;
        use TaskStatus::*;
        assert_eq!(TaskStatus::classify(Basic, 60, 100), Some(Sufficient));
        assert_eq!(TaskStatus::classify(Basic, 3, 5), Some(Sufficient));
        assert_eq!(TaskStatus::classify(Basic, 57, 100), Some(Borderline));
        assert_eq!(TaskStatus::classify(Basic, 569, 1000), Some(Insufficient));
        assert_eq!(TaskStatus::classify(Advanced, 30, 100), Some(Sufficient));
        assert_eq!(TaskStatus::classify(High, 57, 200), Some(Borderline)); // 28.5 %
        assert_eq!(TaskStatus::classify(High, 56, 200), Some(Insufficient));
        assert_eq!(TaskStatus::classify(Basic, 0, 0), None);
        assert_eq!(TaskStatus::from_share(Basic, 0.58), Some(Borderline));
        assert_eq!(TaskStatus::from_share(Basic, f64::NAN), None);
    }

    /// Hand-computed: task 1 (max 2, Б) scores 2,1,X(0),missing -> 3/(3*2) = 0.5, insufficient;
    /// task 2 (max 1, П) 1,0,0,1 -> 0.5, sufficient. Row 3 absent is ignored.
    #[test]
    fn success_by_hand() {
        let m = SCORE_MISSING;
        let mut r = results(
            &[&[2, 1], &[1, 0], &[0, 0], &[m, 1], &[2, 1]],
            &[None; 5],
            &[None; 5],
        );
        r.not_done[4] = true;
        r.absent[4] = true;
        let t = [
            task("1", 2, Some(TaskLevel::Basic)),
            task("2", 1, Some(TaskLevel::Advanced)),
        ];
        let s = task_success(&r, &t, &participant_rows(&r));
        assert_eq!((s[0].n, s[0].points, s[0].success), (3, 3, Some(0.5)));
        assert_eq!(s[0].status, Some(TaskStatus::Insufficient));
        assert_eq!(
            (s[1].n, s[1].success, s[1].status),
            (4, Some(0.5), Some(TaskStatus::Sufficient))
        );
        // Out-of-range rows are ignored; an empty group has no success.
        let s = task_success(&r, &t, &[99]);
        assert_eq!((s[0].n, s[0].success, s[0].status), (0, None, None));
    }

    /// 10 pupils with «3» all score 1 on the task, 10 with «4» score 1 on 8 of 10: the «3»
    /// group beats «4» by 20 p.p.; the 4 pupils with «5» are too few to show.
    #[test]
    fn mark_groups_and_anomaly() {
        let mut rows: Vec<&[u8]> = vec![&[1]; 18];
        rows.extend([&[0u8][..], &[0], &[1], &[1], &[1], &[1]]);
        let marks: Vec<Option<u8>> =
            [vec![Some(3); 10], vec![Some(4); 10], vec![Some(5); 4]].concat();
        let r = results(&rows, &marks, &[None; 24]);
        let g = success_by_mark(&r, &[task("1", 1, None)], &participant_rows(&r));
        let n: Vec<usize> = g.groups.iter().map(|g| g.n).collect();
        assert_eq!(n, [0, 10, 10, 4]);
        assert_eq!(g.groups[1].success, [Some(1.0)]);
        assert_eq!(g.groups[2].success, [Some(0.8)]);
        assert_eq!(g.groups[3].success, [None]);
        assert_eq!(g.anomalies.len(), 1);
        let a = &g.anomalies[0];
        assert_eq!((a.lower, a.higher), (3, 4));
        assert!((a.gap - 0.2).abs() < 1e-12);
    }

    /// A gap of exactly 10 p.p. is not an anomaly.
    #[test]
    fn gap_of_exactly_ten_points_is_not_an_anomaly() {
        let mut rows: Vec<&[u8]> = vec![&[1]; 10];
        rows.extend([&[1u8][..]; 9]);
        rows.push(&[0]);
        let marks: Vec<Option<u8>> = [vec![Some(2); 10], vec![Some(3); 10]].concat();
        let r = results(&rows, &marks, &[None; 20]);
        assert!(
            success_by_mark(&r, &[task("1", 1, None)], &participant_rows(&r))
                .anomalies
                .is_empty()
        );
    }
}
