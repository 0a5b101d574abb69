//! Success per skill and systemic deficits (METHODOLOGY §2 "Task mastery by level": a skill is a
//! systemic deficit when most of its tasks are insufficient).
//!
//! A task's skill is `Task::skill` (from a task-description file) or a [`SkillMap`] the user
//! typed. Tasks flagged by item analysis are down-weighted: they do not count towards a deficit.

use super::tasks::{participants, score};
use super::TaskStatus;
use crate::ingest::task_label_key;
use crate::model::{PupilResults, Task};
use crate::privacy::{MIN_GROUP, MIN_SHOWN};
use serde::{Deserialize, Serialize};

/// A mapping of task labels to skills typed by the user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SkillMap {
    /// (task label, skill text), in the order typed; a later line for the same task wins.
    pub entries: Vec<(String, String)>,
}

/// A line of typed mapping that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillMapError {
    /// 1-based line number.
    pub line: usize,
    pub message_ru: String,
    pub message_en: String,
}

/// Task labels of `1`, `1-3`, `1,2,5`, `3.1` (empty when the text is not a list of tasks).
fn task_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
        let part = part.trim().trim_start_matches('№');
        if let Some((a, b)) = part.split_once(['-', '–', '—']) {
            match (a.trim().parse::<u32>(), b.trim().parse::<u32>()) {
                (Ok(a), Ok(b)) if a <= b && b - a < 200 => {
                    out.extend((a..=b).map(|i| i.to_string()))
                }
                _ => return Vec::new(),
            }
        } else if part.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            out.push(part.to_string());
        } else {
            return Vec::new();
        }
    }
    out
}

impl SkillMap {
    /// Reads lines like `1: текст`, `1 — текст`, `1;текст`, `1<TAB>текст`, `1-3: текст`,
    /// `1,2,5: текст`. Empty lines and lines starting with `#` are skipped; a line that does
    /// not read is an error naming the line.
    pub fn parse_text(text: &str) -> (SkillMap, Vec<SkillMapError>) {
        let mut map = SkillMap::default();
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let split = line
                .find([':', ';', '\t', '—'])
                .map(|at| {
                    (
                        &line[..at],
                        &line[at + line[at..].chars().next().map_or(1, char::len_utf8)..],
                    )
                })
                .or_else(|| line.split_once(" - "))
                .or_else(|| line.split_once(" – "));
            let parsed = split.and_then(|(tasks, skill)| {
                let tasks = task_list(tasks);
                let skill = skill.trim().trim_start_matches(['-', '–']).trim();
                (!tasks.is_empty() && !skill.is_empty()).then(|| (tasks, skill.to_string()))
            });
            match parsed {
                Some((tasks, skill)) => {
                    for t in tasks {
                        map.entries.retain(|(l, _)| task_label_key(l) != task_label_key(&t));
                        map.entries.push((t, skill.clone()));
                    }
                }
                None => errors.push(SkillMapError {
                    line: i + 1,
                    message_ru: format!(
                        "Строка {}: не удалось прочитать «{}». Напишите номер задания (или несколько: 1-3, 1,2,5), двоеточие и умение: «1: Вычисления с дробями».",
                        i + 1,
                        line.chars().take(40).collect::<String>()
                    ),
                    message_en: format!(
                        "Line {}: cannot read \"{}\". Write a task number (or several: 1-3, 1,2,5), a colon and the skill: \"1: Fractions\".",
                        i + 1,
                        line.chars().take(40).collect::<String>()
                    ),
                }),
            }
        }
        (map, errors)
    }

    /// Sets `Task::skill` of the tasks named in the map; returns the labels that name no task.
    pub fn apply(&self, tasks: &mut [Task]) -> Vec<String> {
        let mut unknown = Vec::new();
        for (label, skill) in &self.entries {
            let key = task_label_key(label);
            match tasks.iter_mut().find(|t| task_label_key(&t.label) == key) {
                Some(t) => t.skill = Some(skill.clone()),
                None => unknown.push(label.clone()),
            }
        }
        unknown
    }
}

/// Success on one skill in a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillSuccess {
    pub skill: String,
    /// Indices of the skill's tasks.
    pub tasks: Vec<usize>,
    /// Pupils with a score on at least one of the skill's tasks.
    pub n: usize,
    pub points: u64,
    pub possible: u64,
    /// points / possible; `None` under [`MIN_SHOWN`] pupils.
    pub success: Option<f64>,
    /// The skill's tasks that are insufficient in this group (unflagged, with a status).
    pub insufficient: usize,
    /// The skill's tasks that count: with a level status and not flagged by item analysis.
    pub counted: usize,
    /// More than half of the counted tasks are insufficient, in a group of at least
    /// [`MIN_GROUP`].
    pub deficit: bool,
}

/// Success per skill of a group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SkillReport {
    /// In the order skills first appear among the tasks.
    pub skills: Vec<SkillSuccess>,
    /// Tasks with no skill.
    pub unmapped_tasks: usize,
}

impl SkillReport {
    /// The skills that are systemic deficits.
    pub fn deficits(&self) -> impl Iterator<Item = &SkillSuccess> {
        self.skills.iter().filter(|s| s.deficit)
    }
}

/// Success per skill over the participants of `rows`. `flagged[j]`: item analysis flagged task
/// `j` (an empty slice flags nothing).
pub fn skill_success(
    r: &PupilResults,
    tasks: &[Task],
    rows: &[usize],
    flagged: &[bool],
) -> SkillReport {
    let k = tasks.len();
    let mut order: Vec<&str> = Vec::new();
    for t in tasks {
        if let Some(s) = t.skill.as_deref() {
            if !order.contains(&s) {
                order.push(s);
            }
        }
    }
    let of_skill: Vec<Vec<usize>> = order
        .iter()
        .map(|s| {
            (0..k)
                .filter(|&j| tasks[j].skill.as_deref() == Some(s))
                .collect()
        })
        .collect();
    let mut n = vec![0usize; order.len()];
    let mut points = vec![0u64; order.len()];
    let mut possible = vec![0u64; order.len()];
    let mut task_pts = vec![0u64; k];
    let mut task_n = vec![0u64; k];
    let mut group = 0usize;
    for i in participants(r, rows) {
        group += 1;
        for (s, js) in of_skill.iter().enumerate() {
            let mut any = false;
            for &j in js {
                if let Some(x) = score(r, k, i, j) {
                    any = true;
                    points[s] += x as u64;
                    possible[s] += tasks[j].max as u64;
                    task_pts[j] += x as u64;
                    task_n[j] += 1;
                }
            }
            n[s] += any as usize;
        }
    }
    let skills = order
        .iter()
        .enumerate()
        .map(|(s, name)| {
            let js = &of_skill[s];
            let statuses: Vec<TaskStatus> = js
                .iter()
                .filter(|&&j| !flagged.get(j).copied().unwrap_or(false))
                .filter_map(|&j| {
                    let level = tasks[j].level?;
                    TaskStatus::classify(level, task_pts[j], task_n[j] * tasks[j].max as u64)
                })
                .collect();
            let insufficient = statuses
                .iter()
                .filter(|s| **s == TaskStatus::Insufficient)
                .count();
            let shown = n[s] >= MIN_SHOWN && possible[s] > 0;
            SkillSuccess {
                skill: name.to_string(),
                tasks: js.clone(),
                n: n[s],
                points: points[s],
                possible: possible[s],
                success: shown.then(|| points[s] as f64 / possible[s] as f64),
                insufficient,
                counted: statuses.len(),
                deficit: group >= MIN_GROUP && 2 * insufficient > statuses.len(),
            }
        })
        .collect();
    SkillReport {
        skills,
        unmapped_tasks: tasks.iter().filter(|t| t.skill.is_none()).count(),
    }
}

#[cfg(test)]
mod tests;
