//! Settling each task's maximum once every file is loaded, in order of trust: the results
//! file's own header or maxima row; a loaded task description (the official one in
//! particular); the catalogue of published work structures; only then the data. A maximum that
//! the data clearly contradict (1 % of the scored cells above it, or, with 500 cells or more,
//! under 0.1 % reaching it) loses to the data, with an issue saying which won. Scores above
//! the settled maximum are data errors: counted, reported with their rows, and not used.

use super::pupils::robust_max;
use super::{catalogue, Issue, Severity};
use crate::model::{MaxSource, Procedure, SCORE_MISSING};

/// A maximum offered by a task description: value, file, row.
pub(super) type Offer = (u8, String, u32);

/// Counts of a task's scored cells (participants, cells not marked not done).
fn histograms(p: &Procedure) -> Vec<[u32; 256]> {
    let nt = p.tasks.len();
    let r = &p.results;
    let mut h = vec![[0u32; 256]; nt];
    for i in 0..r.len() {
        if r.absent[i] {
            continue;
        }
        for (t, hist) in h.iter_mut().enumerate() {
            let k = i * nt + t;
            let s = r.scores[k];
            if s != SCORE_MISSING && !r.not_done[k] {
                hist[s as usize] += 1;
            }
        }
    }
    h
}

/// Whether the data contradict a maximum `m`: (cells above, cells at or above, all cells).
fn contradicted(hist: &[u32; 256], m: u8) -> Option<(u64, u64, u64)> {
    let n: u64 = hist.iter().map(|&c| c as u64).sum();
    let above: u64 = hist[(m as usize + 1).min(256)..]
        .iter()
        .map(|&c| c as u64)
        .sum();
    let reach: u64 = hist[m as usize..].iter().map(|&c| c as u64).sum();
    (n > 0 && (above * 100 >= n || n >= 500 && reach * 1000 < n)).then_some((above, reach, n))
}

/// Settles the maxima of `p` (`offers[t]`: the description's maximum of task `t`).
pub(super) fn resolve(p: &mut Procedure, offers: &[Option<Offer>], issues: &mut Vec<Issue>) {
    let files = p.files.join(", ");
    let key = p.key.to_string();
    let hists = histograms(p);
    let structure = match (p.key.year, p.key.grade) {
        (Some(y), Some(g)) => catalogue::find_structure(p.key.kind, y, &p.key.subject, g)
            .filter(|s| s.tasks.len() == p.tasks.len()),
        _ => None,
    };
    for (t, task) in p.tasks.iter_mut().enumerate() {
        let hist = &hists[t];
        // The offered maximum, its source, and where an issue about it belongs.
        let offer: Option<(u8, MaxSource, Issue)> = match offers.get(t).cloned().flatten() {
            Some((m, file, row)) => Some((
                m,
                MaxSource::Description,
                Issue::new(&file, Severity::Info, "", "").at_row(row),
            )),
            None => structure.map(|s| {
                (
                    s.tasks[t].1,
                    MaxSource::Catalogue,
                    Issue::new(&files, Severity::Info, "", ""),
                )
            }),
        };
        let Some((m, source, mut at)) = offer else {
            if task.max_source != MaxSource::File {
                task.max = robust_max(hist);
                task.max_source = MaxSource::Data;
            }
            continue;
        };
        let (where_ru, where_en) = match source {
            MaxSource::Description => ("в описании".to_string(), "in the descriptions".to_string()),
            _ => {
                let src = structure.map_or("", |s| s.source.as_str());
                (
                    format!("в каталоге ({src})"),
                    format!("in the catalogue ({src})"),
                )
            }
        };
        let label = task.label.clone();
        if task.max_source == MaxSource::File {
            if m != task.max {
                at.message_ru = format!("Максимальный балл задания {label}: {where_ru} {m}, в заголовке результатов «{key}» {}. Используется максимум из файла результатов.", task.max);
                at.message_en = format!("The maximum score of task {label}: {m} {where_en}, {} in the header of the results of «{key}». The results file's maximum is used.", task.max);
                issues.push(at);
            }
            continue;
        }
        let data_max = robust_max(hist);
        match contradicted(hist, m) {
            Some((above, reach, n)) => {
                task.max = data_max;
                task.max_source = MaxSource::Data;
                at.severity = Severity::Warning;
                at.message_ru = format!("Максимальный балл задания {label}: {where_ru} {m}, но в результатах «{key}» выше него {above} из {n} баллов (достигают его {reach}). Используется максимум по данным: {data_max}; проверьте, что описание относится к этой работе.");
                at.message_en = format!("The maximum score of task {label}: {m} {where_en}, but {above} of {n} scores in the results of «{key}» are above it ({reach} reach it). The maximum from the data is used: {data_max}; check that the description belongs to this work.");
                issues.push(at);
            }
            None => {
                task.max = m;
                task.max_source = source;
            }
        }
    }
    mark_above_max(p, &files, issues);
    p.max_total = (!p.tasks.is_empty()).then(|| p.tasks.iter().map(|t| t.max as f64).sum());
    if let (Some(s), Some(y), Some(g), Some(max)) = (p.scale, p.key.year, p.key.grade, p.max_total)
    {
        if s.source == crate::model::ScaleSource::Catalogue {
            if let Some(c) = catalogue::find_scale(p.key.kind, y, &p.key.subject, g) {
                if (c.max - max).abs() > 1e-9 {
                    issues.push(Issue::new(&files, Severity::Warning,
                        format!("Сумма максимумов заданий «{key}» ({max}) не равна максимуму опубликованной шкалы ({}). Проверьте предмет, класс и год или введите шкалу.", c.max),
                        format!("The sum of task maxima of «{key}» ({max}) differs from the published scale's maximum ({}). Check subject, grade and year, or enter the scale.", c.max)));
                }
            }
        }
    }
}

/// Scores above the settled maximum: counted, reported per task with rows, not used.
fn mark_above_max(p: &mut Procedure, files: &str, issues: &mut Vec<Issue>) {
    let nt = p.tasks.len();
    let r = &mut p.results;
    let mut found: Vec<(u32, Vec<u32>, u8)> = vec![(0, Vec::new(), 0); nt];
    for i in 0..r.len() {
        if r.absent[i] {
            continue;
        }
        for (t, task) in p.tasks.iter().enumerate() {
            let k = i * nt + t;
            let s = r.scores[k];
            if s != SCORE_MISSING && s > task.max {
                r.scores[k] = SCORE_MISSING;
                let f = &mut found[t];
                f.0 += 1;
                f.2 = f.2.max(s);
                if f.1.len() < 8 {
                    f.1.push(r.source_row.get(i).copied().unwrap_or(0));
                }
            }
        }
    }
    for (t, (n, rows, top)) in found.into_iter().enumerate() {
        if n == 0 {
            continue;
        }
        p.errors.above_max += n;
        let task = &p.tasks[t];
        let list = rows
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let more = if n as usize > rows.len() { ", …" } else { "" };
        issues.push(
            Issue::new(files, Severity::Warning,
                format!("Задание {}: баллов выше максимума {} — {n} (наибольший {top}); они не учтены. Строки: {list}{more}. Исправьте баллы в файле.", task.label, task.max),
                format!("Task {}: {n} scores above the maximum {} (largest {top}); they were not used. Rows: {list}{more}. Correct the scores in the file.", task.label, task.max))
            .at_row(rows.first().copied().unwrap_or(0))
            .at_column(task.label.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handful_above_is_an_error_a_share_is_a_contradiction() {
        let mut h = [0u32; 256];
        h[0] = 600;
        h[1] = 390;
        h[2] = 10;
        h[33] = 2;
        assert_eq!(robust_max(&h), 2);
        assert_eq!(contradicted(&h, 2), None, "2 of 1002 above: data errors");
        assert!(
            contradicted(&h, 1).is_some(),
            "12 of 1002 above 1: 1 is not the maximum"
        );
        // A maximum that 2 of 1,002 cells reach stands; one that nobody reaches does not.
        assert_eq!(contradicted(&h, 3), None);
        h[33] = 0;
        assert!(contradicted(&h, 3).is_some());
    }
}
