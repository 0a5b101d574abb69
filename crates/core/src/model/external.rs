//! Tables that describe or frame a procedure rather than hold its pupils' results:
//! task descriptions («описание заданий», codifier mappings, item information of international
//! studies) and external reference aggregates («Вся выборка», region, city, district rows of
//! ФИС ОКО reports). Both are imported from files like any other table and kept in the
//! [`Dataset`]; task descriptions also fill [`Task::skill`](super::Task) at merge.

use super::{Dataset, ProcedureKey, ProcedureKind, TaskLevel};
use crate::ingest::task_label_key;
use serde::{Deserialize, Serialize};

/// One task of a task-description table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskInfoRow {
    /// Task label as normalised at import (`1`, `12.1`, `1К1`, `M022043`).
    pub label: String,
    /// Maximum score, when the file gives one.
    pub max: Option<u8>,
    pub level: Option<TaskLevel>,
    /// Skill text or codifier element from [`TaskInfoTable::skill_column`].
    pub skill: Option<String>,
    /// Source row (1-based, as a spreadsheet shows it).
    pub row: u32,
    /// The task's number in the official work (`№ КИМ`), when the table has such a column.
    #[serde(default)]
    pub kim: Option<String>,
    /// Codifier codes of the task: content elements (`Код КЭС`) and requirements (`Код КТ`),
    /// in the order of the table's rows for the task.
    #[serde(default)]
    pub kes: Vec<String>,
    #[serde(default)]
    pub kt: Vec<String>,
}

/// Which codifier a code → text table resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Codifier {
    /// Content elements («проверяемые элементы содержания», КЭС).
    Content,
    /// Requirements («проверяемые требования», КТ/КПУ).
    Requirement,
}

/// A task-description table: one row per task. The procedure key fields are hints inferred
/// from the title rows and the file name (or given by the user); unknown ones are `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskInfoTable {
    pub file: String,
    pub kind: Option<ProcedureKind>,
    pub subject: Option<String>,
    pub grade: Option<u8>,
    pub year: Option<u16>,
    pub rows: Vec<TaskInfoRow>,
    /// Header of the column the skills were taken from (the most specific skill-like column:
    /// skills/requirements, then codifier elements, descriptions, topics, content domains,
    /// cognitive domains, text types).
    pub skill_column: Option<String>,
    /// Other skill-like or descriptive columns (header, one value per row of `rows`), most
    /// specific first, so that the user can switch (see [`TaskInfoTable::select_skill`]).
    pub alternatives: Vec<(String, Vec<Option<String>>)>,
    /// Set when the table is a codifier (code → text, `label` = code, `skill` = text) that
    /// resolves the codes of other task descriptions instead of describing tasks itself.
    #[serde(default)]
    pub codifier: Option<Codifier>,
}

impl TaskInfoTable {
    /// The row of a task label, compared after normalisation (`№1`, `Задание 1`, `1` are the
    /// same task; Latin and Cyrillic look-alikes and spaces do not matter).
    pub fn row(&self, label: &str) -> Option<&TaskInfoRow> {
        let key = task_label_key(label);
        self.rows.iter().find(|r| task_label_key(&r.label) == key)
    }

    /// Whether every key field the table knows equals the procedure's.
    pub fn key_matches(&self, key: &ProcedureKey) -> bool {
        self.kind.is_none_or(|k| k == key.kind)
            && self
                .subject
                .as_ref()
                .is_none_or(|s| s.to_lowercase() == key.subject.to_lowercase())
            && self.grade.is_none_or(|g| Some(g) == key.grade)
            && self.year.is_none_or(|y| Some(y) == key.year)
    }

    /// Takes the skills from another column listed in `alternatives`; the current skill
    /// column becomes an alternative. Returns `false` (and changes nothing) for an unknown name.
    pub fn select_skill(&mut self, column: &str) -> bool {
        let Some(i) = self.alternatives.iter().position(|(h, _)| h == column) else {
            return false;
        };
        let (header, values) = self.alternatives.remove(i);
        let old: Vec<Option<String>> = self.rows.iter().map(|r| r.skill.clone()).collect();
        for (r, v) in self.rows.iter_mut().zip(values) {
            r.skill = v;
        }
        if let Some(h) = self.skill_column.replace(header) {
            self.alternatives.insert(0, (h, old));
        }
        true
    }
}

/// What a row of a reference table stands for, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupScope {
    /// «Вся выборка», «Россия», «РФ».
    Country,
    /// A region or a city of federal importance: «г. Санкт-Петербург», «… область», «… край».
    Region,
    /// A district or municipality: «Адмиралтейский район», «… муниципальный округ».
    District,
    /// A school: «(sch780001) ГБОУ СОШ № 1», «Лицей № 2».
    School,
    /// Anything else (a named group of the report).
    Other,
}

impl GroupScope {
    /// Classifies a group name (case-insensitive; `ё` = `е`).
    pub fn of(name: &str) -> GroupScope {
        let l = name.trim().to_lowercase().replace('ё', "е");
        let has = |ws: &[&str]| ws.iter().any(|w| l.contains(w));
        let starts = |ws: &[&str]| ws.iter().any(|w| l.starts_with(w));
        if has(&[
            "вся выборка",
            "все участники",
            "российская федерация",
            "total sample",
            "all participants",
        ]) || starts(&["россия", "рф"])
            || l == "national"
        {
            GroupScope::Country
        } else if l.contains("(sch")
            || starts(&["sch"])
            || has(&[
                "гбоу",
                "мбоу",
                "маоу",
                "гбнос",
                "чоу",
                "ноу ",
                "аноо",
                "школа",
                "гимназия",
                "лицей",
                "сош",
                "оош",
                "кадетск",
                "school",
            ])
        {
            GroupScope::School
        } else if has(&[
            "район",
            "муниципал",
            "городской округ",
            "городского округа",
            "поселени",
            "district",
            "municipal",
        ]) || starts(&["го ", "мо ", "мр "])
        {
            GroupScope::District
        } else if starts(&["г.", "г ", "город "])
            || has(&[
                "область",
                "обл.",
                "край",
                "республик",
                "автономн",
                "санкт-петербург",
                "москва",
                "севастополь",
                "регион",
                "region",
                "city",
            ])
        {
            GroupScope::Region
        } else {
            GroupScope::Other
        }
    }
}

/// One row of a reference table: a group of participants with its task success and marks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceGroup {
    /// As written in the file (`Вся выборка`, `г. Санкт-Петербург`).
    pub name: String,
    /// Number of participants, when the file gives it.
    pub n: Option<usize>,
    /// (task label, share of the maximum 0..1) for the tasks the row has a value for.
    pub task_success: Vec<(String, f64)>,
    /// Shares of marks «2», «3», «4», «5» (0..1), when the file gives all four.
    pub mark_shares: Option<[f64; 4]>,
    /// What the row stands for ([`GroupScope::of`] its name).
    pub scope: GroupScope,
}

/// External reference aggregates for one procedure (ФИС ОКО «Выполнение заданий» or
/// «Статистика по отметкам»): one row per group of participants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceTable {
    pub file: String,
    /// The procedure, inferred from the title rows and the file name like a results file
    /// (unknown parts: kind `Other`, subject `—`, `None`; the user can set them).
    pub key: ProcedureKey,
    pub groups: Vec<ReferenceGroup>,
}

impl ReferenceTable {
    /// The success (share of the maximum, 0..1) of group `group` on a task; labels compared
    /// after normalisation (`3(1)` = `3.1`, `№1` = `1`).
    pub fn task_success(&self, group: usize, label: &str) -> Option<f64> {
        let key = task_label_key(label);
        self.groups
            .get(group)?
            .task_success
            .iter()
            .find(|(l, _)| task_label_key(l) == key)
            .map(|(_, v)| *v)
    }

    /// The group a district is best compared with. Rule: the first region or city row
    /// («г. Санкт-Петербург», «… область»); without one, the first country row («Вся выборка»,
    /// «Россия»); then the first row that is not a school; then the first row. `None` only
    /// for a table without groups.
    pub fn main_group(&self) -> Option<usize> {
        let first = |s: GroupScope| self.groups.iter().position(|g| g.scope == s);
        first(GroupScope::Region)
            .or_else(|| first(GroupScope::Country))
            .or_else(|| {
                self.groups
                    .iter()
                    .position(|g| g.scope != GroupScope::School)
            })
            .or((!self.groups.is_empty()).then_some(0))
    }

    /// The task labels of the table, in column order (from the group with the most values).
    pub fn labels(&self) -> Vec<&str> {
        self.groups
            .iter()
            .map(|g| &g.task_success)
            .max_by_key(|t| t.len())
            .map(|t| t.iter().map(|(l, _)| l.as_str()).collect())
            .unwrap_or_default()
    }
}

impl Dataset {
    /// The reference table of a procedure: one with exactly this key, else one with the same
    /// kind, subject and grade whose year is unknown. The first loaded wins.
    pub fn reference_for(&self, key: &ProcedureKey) -> Option<&ReferenceTable> {
        self.references.iter().find(|r| r.key == *key).or_else(|| {
            self.references.iter().find(|r| {
                r.key.year.is_none()
                    && r.key.kind == key.kind
                    && r.key.subject == key.subject
                    && r.key.grade == key.grade
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_of_group_names() {
        use GroupScope::*;
        for (n, s) in [
            ("Вся выборка", Country),
            ("РФ", Country),
            ("Россия", Country),
            ("г. Санкт-Петербург", Region),
            ("Ленинградская обл.", Region),
            ("Ленинградская область", Region),
            ("Краснодарский край", Region),
            ("Адмиралтейский район", District),
            ("Кировский район г. Санкт-Петербурга", District),
            ("(sch780001) ГБОУ СОШ № 1", School),
            ("Лицей № 239", School),
            ("5А", Other),
        ] {
            assert_eq!(GroupScope::of(n), s, "{n}");
        }
    }

    fn group(name: &str) -> ReferenceGroup {
        ReferenceGroup {
            name: name.into(),
            n: None,
            task_success: vec![("3(1)".into(), 0.5), ("1".into(), 0.7)],
            mark_shares: None,
            scope: GroupScope::of(name),
        }
    }

    #[test]
    fn main_group_prefers_the_region_then_the_country() {
        let key = ProcedureKey {
            kind: ProcedureKind::Vpr,
            subject: "Математика".into(),
            grade: Some(5),
            year: Some(2025),
        };
        let mut t = ReferenceTable {
            file: "f".into(),
            key,
            groups: vec![
                group("Вся выборка"),
                group("г. Санкт-Петербург"),
                group("Адмиралтейский район"),
            ],
        };
        assert_eq!(t.main_group(), Some(1));
        assert_eq!(t.task_success(1, "3.1"), Some(0.5));
        assert_eq!(t.task_success(1, "№1"), Some(0.7));
        assert_eq!(t.task_success(1, "2"), None);
        assert_eq!(t.task_success(9, "1"), None);
        t.groups.remove(1);
        assert_eq!(t.main_group(), Some(0));
        t.groups.remove(0);
        assert_eq!(t.main_group(), Some(0));
        t.groups.clear();
        assert_eq!(t.main_group(), None);
    }

    #[test]
    fn switching_the_skill_column() {
        let mut t = TaskInfoTable {
            file: "f".into(),
            kind: None,
            subject: None,
            grade: None,
            year: None,
            rows: vec![TaskInfoRow {
                label: "1".into(),
                max: Some(1),
                level: None,
                skill: Some("topic A".into()),
                row: 2,
                kim: None,
                kes: Vec::new(),
                kt: Vec::new(),
            }],
            skill_column: Some("topic".into()),
            alternatives: vec![("content".into(), vec![Some("Number".into())])],
            codifier: None,
        };
        assert!(!t.select_skill("nope"));
        assert!(t.select_skill("content"));
        assert_eq!(t.skill_column.as_deref(), Some("content"));
        assert_eq!(t.rows[0].skill.as_deref(), Some("Number"));
        assert_eq!(t.alternatives[0].0, "topic");
        assert_eq!(t.row("Задание 1").map(|r| r.row), Some(2));
    }
}
