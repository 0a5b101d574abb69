//! Success per skill and systemic deficits (METHODOLOGY §2 "Task mastery by level": a skill is a
//! systemic deficit when most of its tasks are insufficient).
//!
//! A task's skill is `Task::skill` (from a task-description file) or a [`SkillMap`] the user
//! typed. Tasks flagged by item analysis are down-weighted: they do not count towards a deficit.
//!
//! Deficit, precisely: of the skill's tasks that have a level status in the group and are not
//! flagged (`counted`), strictly more than half are insufficient (`2 * insufficient > counted`;
//! exactly half is not a deficit, and a skill with no such task never is), and at least
//! [`MIN_GROUP`] participants have a score on the skill. Tasks without a skill are left out.

use super::tasks::{participants, score};
use super::TaskStatus;
use crate::ingest::task_label_key;
use crate::model::{PupilResults, Task};
use crate::privacy::{MIN_GROUP, MIN_SHOWN};
use serde::{Deserialize, Serialize};

/// A mapping of task labels to skills typed by the user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SkillMap {
    /// (task label, skill text), in the order typed. A task named again (on a later line or
    /// twice in a range) keeps only its last skill: `1-10: A` then `3: B` gives task 3 skill B.
    pub entries: Vec<(String, String)>,
}

/// A line of typed mapping that could not be read, with what to do about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillMapError {
    /// 1-based line number.
    pub line: usize,
    pub message_ru: String,
    pub message_en: String,
}

/// Why a line of typed mapping does not read.
#[derive(Debug, Clone, PartialEq)]
enum LineError {
    /// Task labels and nothing after them.
    NoSkill,
    /// No task labels before a separator.
    NotTasks,
    /// A range like `5-2`, `1-x` or longer than [`MAX_RANGE`] tasks.
    BadRange(String),
}

/// The longest range `a-b` read (guards against `1-100000`).
const MAX_RANGE: u32 = 200;

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// Task labels of `1`, `1-3`, `1 – 3`, `1,2,5`, `3.1`, `3(1)`, `1К1`, `M022043`, `№4`,
/// `Задания 1-3`. A label has a digit and only letters, digits, `.`, `(`, `)`.
fn task_list(s: &str) -> Result<Vec<String>, LineError> {
    let mut s = s.trim();
    for word in ["задания", "задание", "tasks", "task"] {
        if s.get(..word.len())
            .is_some_and(|p| p.to_lowercase() == word)
        {
            s = &s[word.len()..];
            break;
        }
    }
    // Spaces around a range dash go: `1 – 3` → `1-3`.
    let mut norm = String::with_capacity(s.len());
    let mut after_dash = false;
    for c in s.chars() {
        if is_dash(c) {
            norm.truncate(norm.trim_end().len());
            norm.push('-');
            after_dash = true;
        } else if !(after_dash && c.is_whitespace()) {
            norm.push(c);
            after_dash = false;
        }
    }
    let mut out = Vec::new();
    for part in norm.split(|c: char| c == ',' || c.is_whitespace()) {
        let part = part.trim_start_matches('№').trim_end_matches('.');
        if part.is_empty() {
            continue;
        }
        if let Some((a, b)) = part.split_once('-') {
            match (a.parse::<u32>(), b.parse::<u32>()) {
                (Ok(a), Ok(b)) if a <= b && b - a < MAX_RANGE => {
                    out.extend((a..=b).map(|i| i.to_string()))
                }
                _ if a.starts_with(|c: char| c.is_ascii_digit()) => {
                    return Err(LineError::BadRange(part.to_string()))
                }
                _ => return Err(LineError::NotTasks),
            }
        } else if part.chars().any(|c| c.is_ascii_digit())
            && part
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '(' | ')'))
        {
            out.push(part.to_string());
        } else {
            return Err(LineError::NotTasks);
        }
    }
    if out.is_empty() {
        return Err(LineError::NotTasks);
    }
    Ok(out)
}

/// Where a line may split into tasks and skill: (byte index, separator length). `strong`:
/// `:`, `;`, tab, `. ` and a dash with a space beside it that is not followed by a digit (a
/// range dash is); otherwise every run of spaces.
fn separators(line: &str, strong: bool) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev_space = k > 0 && chars[k - 1].1.is_whitespace();
        let next = chars.get(k + 1).map(|x| x.1);
        let next_solid = chars[k + 1..]
            .iter()
            .map(|x| x.1)
            .find(|c| !c.is_whitespace());
        let sep = if strong {
            matches!(c, ':' | ';' | '\t')
                || (c == '.' && next.is_some_and(char::is_whitespace))
                || (is_dash(c)
                    && (prev_space || next.is_some_and(char::is_whitespace))
                    && !next_solid.is_some_and(|n| n.is_ascii_digit()))
        } else {
            c.is_whitespace() && !prev_space
        };
        if sep {
            out.push((at, c.len_utf8()));
        }
    }
    out
}

/// Reads one non-empty line: the tasks and the skill, or why not.
fn parse_line(line: &str) -> Result<(Vec<String>, String), LineError> {
    let mut no_skill = false;
    for strong in [true, false] {
        // The last separator whose left side is a list of tasks ends the list.
        let found = separators(line, strong)
            .into_iter()
            .rev()
            .find_map(|(at, len)| {
                let tasks = task_list(&line[..at]).ok()?;
                let skill = line[at + len..]
                    .trim()
                    .trim_start_matches(|c: char| c == ':' || is_dash(c))
                    .trim();
                if skill.is_empty() {
                    no_skill = true;
                    return None;
                }
                Some((tasks, skill.to_string()))
            });
        if let Some(found) = found {
            return Ok(found);
        }
    }
    let whole = line.trim_end_matches(|c: char| matches!(c, ':' | ';' | '.') || is_dash(c));
    let whole = task_list(whole);
    if no_skill || whole.is_ok() {
        return Err(LineError::NoSkill);
    }
    // The text before the first separator (else the whole line) tells a bad range from
    // something else.
    let first = separators(line, true)
        .first()
        .map(|&(at, _)| task_list(&line[..at]));
    match (first, whole) {
        (Some(Err(e @ LineError::BadRange(_))), _) | (None, Err(e @ LineError::BadRange(_))) => {
            Err(e)
        }
        _ => Err(LineError::NotTasks),
    }
}

impl SkillMapError {
    fn new(line: usize, text: &str, why: LineError) -> SkillMapError {
        let how_ru = "Напишите номер задания (или несколько: 1-3, 1,2,5), двоеточие и умение: «1: Вычисления с дробями».";
        let how_en = "Write a task number (or several: 1-3, 1,2,5), a colon and the skill: \"1: Fractions\".";
        let excerpt: String = text.chars().take(40).collect();
        let (ru, en) = match why {
            LineError::NoSkill => (
                format!("Строка {line}: после номера задания нет умения. {how_ru}"),
                format!("Line {line}: there is no skill after the task number. {how_en}"),
            ),
            LineError::BadRange(r) => (
                format!(
                    "Строка {line}: «{r}» — не диапазон заданий. Диапазон пишется от меньшего номера к большему, не длиннее {MAX_RANGE} заданий: «1-3: Дроби»."
                ),
                format!(
                    "Line {line}: \"{r}\" is not a range of tasks. Write a range from the smaller number to the larger, at most {MAX_RANGE} tasks: \"1-3: Fractions\"."
                ),
            ),
            LineError::NotTasks => (
                format!("Строка {line}: не удалось прочитать «{excerpt}». {how_ru}"),
                format!("Line {line}: cannot read \"{excerpt}\". {how_en}"),
            ),
        };
        SkillMapError {
            line,
            message_ru: ru,
            message_en: en,
        }
    }
}

impl SkillMap {
    /// Reads one line per task or tasks: `1: текст`, `1 — текст`, `1;текст`, `1<TAB>текст`,
    /// `1. текст`, `1 текст`, `1-3: текст`, `1,2,5: текст`, `Задания 1–3 — текст`. Empty lines
    /// and lines starting with `#` are skipped. A line that does not read is an error naming
    /// the line and what to write; the other lines are still used. A task named again keeps
    /// its last skill (so a range can be refined by later lines).
    pub fn parse_text(text: &str) -> (SkillMap, Vec<SkillMapError>) {
        let mut map = SkillMap::default();
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_line(line) {
                Ok((tasks, skill)) => {
                    for t in tasks {
                        let key = task_label_key(&t);
                        map.entries.retain(|(l, _)| task_label_key(l) != key);
                        map.entries.push((t, skill.clone()));
                    }
                }
                Err(e) => errors.push(SkillMapError::new(i + 1, line, e)),
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
    /// Participants with a score on at least one of the skill's tasks.
    pub n: usize,
    /// Sum of the scores on the skill's tasks over the participants.
    pub points: u64,
    /// Sum of the maxima of the scored tasks (a missing score adds nothing: booklet designs).
    pub possible: u64,
    /// points / possible; `None` under [`MIN_SHOWN`] pupils.
    pub success: Option<f64>,
    /// The skill's tasks with the status insufficient in this group (among the counted ones).
    pub insufficient: usize,
    /// The skill's tasks that count: with a level status and not flagged by item analysis.
    pub counted: usize,
    /// Systemic deficit: `2 * insufficient > counted` (strictly more than half; exactly half
    /// is not, and a skill with `counted == 0` never is) and `n >= MIN_GROUP` (a group
    /// statistic).
    pub deficit: bool,
}

/// Success per skill of a group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SkillReport {
    /// In the order skills first appear among the tasks; skills differing only in case or
    /// spacing are one, named as first written.
    pub skills: Vec<SkillSuccess>,
    /// Tasks with no skill or an empty one (left out of every figure here).
    pub unmapped_tasks: usize,
}

impl SkillReport {
    /// The skills that are systemic deficits.
    pub fn deficits(&self) -> impl Iterator<Item = &SkillSuccess> {
        self.skills.iter().filter(|s| s.deficit)
    }
}

/// Skills written with different case or spacing are one skill (`Cells and their functions`,
/// `Cells and Their  Functions`; `ё` as `е`).
pub(crate) fn skill_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Success per skill over the participants of `rows` (absent pupils skipped). `flagged[j]`:
/// item analysis flagged task `j` (a shorter or empty slice flags nothing more). A task's status
/// is [`TaskStatus::classify`] of its level and its success in the group; flagged tasks and
/// tasks without a level do not count towards a deficit but do count in the success.
pub fn skill_success(
    r: &PupilResults,
    tasks: &[Task],
    rows: &[usize],
    flagged: &[bool],
) -> SkillReport {
    let k = tasks.len();
    // (key, name as first written, task indices), in first-appearance order.
    let mut groups: Vec<(String, &str, Vec<usize>)> = Vec::new();
    let mut unmapped = 0;
    for (j, t) in tasks.iter().enumerate() {
        let Some(name) = t.skill.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
            unmapped += 1;
            continue;
        };
        let key = skill_key(name);
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.2.push(j),
            None => groups.push((key, name, vec![j])),
        }
    }
    let order: Vec<&str> = groups.iter().map(|g| g.1).collect();
    let of_skill: Vec<Vec<usize>> = groups.into_iter().map(|g| g.2).collect();
    let mut n = vec![0usize; order.len()];
    let mut points = vec![0u64; order.len()];
    let mut possible = vec![0u64; order.len()];
    let mut task_pts = vec![0u64; k];
    let mut task_n = vec![0u64; k];
    for i in participants(r, rows) {
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
                deficit: n[s] >= MIN_GROUP && 2 * insufficient > statuses.len(),
            }
        })
        .collect();
    SkillReport {
        skills,
        unmapped_tasks: unmapped,
    }
}

#[cfg(test)]
mod tests;
