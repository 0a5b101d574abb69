//! Merging per-file imports into one [`Dataset`].

use super::{task_label_key, FileImport, ImportedData, Issue, Severity};
use crate::model::{Dataset, Procedure, ProcedureKind, TaskInfoRow, TaskInfoTable};
use std::collections::{HashMap, HashSet};

pub(super) fn merge(imports: &[&FileImport]) -> (Dataset, Vec<Issue>) {
    let mut ds = Dataset::default();
    let mut issues = Vec::new();
    let mut infos: Vec<TaskInfoTable> = Vec::new();
    for imp in imports {
        match &imp.data {
            ImportedData::Pupils {
                procedure,
                school_codes,
            } => {
                let map: Vec<u32> = school_codes.iter().map(|c| ds.school_index(c)).collect();
                let mut p = procedure.clone();
                for s in p.results.school.iter_mut() {
                    *s = map[*s as usize];
                }
                match ds.procedures.iter_mut().find(|q| q.key == p.key) {
                    Some(q) if same_tasks(q, &p) => append(q, p),
                    Some(_) => {
                        issues.push(Issue::new(
                            &imp.summary.file,
                            Severity::Warning,
                            format!(
                                "Задания в файле не совпадают с уже загруженной процедурой «{}»; файл показан как отдельная процедура.",
                                p.key
                            ),
                            format!(
                                "The tasks in this file differ from the already loaded procedure \"{}\"; the file is shown as a separate procedure.",
                                p.key
                            ),
                        ));
                        p.key.subject = format!("{} ({})", p.key.subject, imp.summary.file);
                        ds.procedures.push(p);
                    }
                    None => ds.procedures.push(p),
                }
            }
            ImportedData::Schools {
                table,
                school_codes,
                school_names,
            } => {
                let map: Vec<u32> = school_codes.iter().map(|c| ds.school_index(c)).collect();
                for (i, name) in school_names.iter().enumerate() {
                    let s = &mut ds.schools[map[i] as usize];
                    if s.name.is_none() {
                        s.name = name.clone();
                    }
                }
                let mut t = table.clone();
                for s in t.school.iter_mut() {
                    *s = map[*s as usize];
                }
                ds.school_tables.push(t);
            }
            ImportedData::TaskInfo { info } => infos.push(info.clone()),
            ImportedData::Reference { table } => ds.references.push(table.clone()),
            ImportedData::None => {}
        }
    }
    ds.procedures.sort_by(|a, b| a.key.cmp(&b.key));
    // Task descriptions after all results: the more key fields a table knows, the later it
    // is applied, so that its skills win.
    let known = |i: &TaskInfoTable| {
        usize::from(i.kind.is_some())
            + usize::from(i.subject.is_some())
            + usize::from(i.grade.is_some())
            + usize::from(i.year.is_some())
    };
    let mut order: Vec<usize> = (0..infos.len()).collect();
    order.sort_by_key(|&i| known(&infos[i]));
    for i in order {
        apply_task_info(&mut ds, &infos[i], &mut issues);
    }
    ds.task_info = infos;
    (ds, issues)
}

/// Applies a task-description table to the procedures it matches. A table that knows kind,
/// subject and grade applies to every procedure with that key (any year unless it knows the
/// year). Otherwise it applies to the procedures that agree with what it knows and whose
/// task labels all appear in it; when those are different procedures (not one procedure in
/// several years), to none, with an issue asking the user to say which.
fn apply_task_info(ds: &mut Dataset, info: &TaskInfoTable, issues: &mut Vec<Issue>) {
    let keys: HashSet<String> = info.rows.iter().map(|r| task_label_key(&r.label)).collect();
    let specific = info.kind.is_some() && info.subject.is_some() && info.grade.is_some();
    let mut targets: Vec<usize> = (0..ds.procedures.len())
        .filter(|&i| info.key_matches(&ds.procedures[i].key))
        .collect();
    if !specific {
        targets.retain(|&i| {
            let p = &ds.procedures[i];
            !p.tasks.is_empty()
                && p.tasks
                    .iter()
                    .all(|t| keys.contains(&task_label_key(&t.label)))
        });
        let mut distinct: Vec<(ProcedureKind, &str, Option<u8>)> = targets
            .iter()
            .map(|&i| {
                let k = &ds.procedures[i].key;
                (k.kind, k.subject.as_str(), k.grade)
            })
            .collect();
        distinct.sort();
        distinct.dedup();
        if distinct.len() > 1 {
            let list = targets
                .iter()
                .map(|&i| format!("«{}»", ds.procedures[i].key))
                .collect::<Vec<_>>()
                .join(", ");
            issues.push(Issue::new(
                &info.file,
                Severity::Warning,
                format!("Описание заданий подходит к нескольким процедурам ({list}) и поэтому не применено. Укажите в форме «Уточнить», к какой процедуре оно относится (вид, предмет, класс, год)."),
                format!("The task descriptions fit several procedures ({list}) and so were not applied. Say in the \"Clarify\" form which procedure they belong to (kind, subject, grade, year)."),
            ));
            return;
        }
    }
    if targets.is_empty() {
        issues.push(Issue::new(
            &info.file,
            Severity::Info,
            "Описание заданий не подошло ни к одной загруженной процедуре: загрузите результаты этой процедуры или укажите в форме «Уточнить», к какой процедуре оно относится.",
            "The task descriptions fit none of the loaded procedures: load the results of that procedure, or say in the \"Clarify\" form which procedure they belong to.",
        ));
        return;
    }
    for i in targets {
        apply_to(&mut ds.procedures[i], info, issues);
    }
}

fn apply_to(p: &mut Procedure, info: &TaskInfoTable, issues: &mut Vec<Issue>) {
    let rows: HashMap<String, &TaskInfoRow> = info
        .rows
        .iter()
        .map(|r| (task_label_key(&r.label), r))
        .collect();
    let key = p.key.to_string();
    let mut missing = Vec::new();
    let mut used = HashSet::new();
    for t in p.tasks.iter_mut() {
        let k = task_label_key(&t.label);
        let Some(r) = rows.get(&k) else {
            missing.push(t.label.clone());
            continue;
        };
        used.insert(k);
        if r.skill.is_some() {
            t.skill = r.skill.clone();
        }
        match (t.level, r.level) {
            (None, Some(l)) => t.level = Some(l),
            (Some(a), Some(b)) if a != b => issues.push(
                Issue::new(
                    &info.file,
                    Severity::Info,
                    format!("Уровень задания {}: в описании «{}», в результатах «{key}» — «{}». Используется уровень из результатов.", t.label, b.letter(), a.letter()),
                    format!("The level of task {}: «{}» in the descriptions, «{}» in the results of «{key}». The level from the results is used.", t.label, b.letter(), a.letter()),
                )
                .at_row(r.row),
            ),
            _ => {}
        }
        if let Some(m) = r.max.filter(|m| *m != t.max) {
            let (how_ru, how_en) = if t.max_source.is_file() {
                ("", "")
            } else {
                (
                    " (наибольший балл в данных)",
                    " (the largest score in the data)",
                )
            };
            issues.push(
                Issue::new(
                    &info.file,
                    Severity::Warning,
                    format!("Максимальный балл задания {}: в описании {m}, в результатах «{key}» {}{how_ru}. Балл не изменён; проверьте, что описание относится к этой процедуре.", t.label, t.max),
                    format!("The maximum score of task {}: {m} in the descriptions, {}{how_en} in the results of «{key}». It was not changed; check that the descriptions belong to this procedure.", t.label, t.max),
                )
                .at_row(r.row),
            );
        }
    }
    let list = |v: &[String]| {
        let mut s = v.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
        if v.len() > 10 {
            s.push_str(", …");
        }
        s
    };
    if !missing.is_empty() {
        issues.push(Issue::new(
            &info.file,
            Severity::Info,
            format!(
                "В описании заданий нет заданий {} процедуры «{key}»: у них нет умений.",
                list(&missing)
            ),
            format!(
                "The task descriptions lack tasks {} of «{key}»: they have no skills.",
                list(&missing)
            ),
        ));
    }
    let extra: Vec<String> = info
        .rows
        .iter()
        .filter(|r| !used.contains(&task_label_key(&r.label)))
        .map(|r| r.label.clone())
        .collect();
    if !extra.is_empty() {
        issues.push(Issue::new(
            &info.file,
            Severity::Info,
            format!(
                "Заданий {} из описания нет в результатах «{key}».",
                list(&extra)
            ),
            format!(
                "Tasks {} of the descriptions are not in the results of «{key}».",
                list(&extra)
            ),
        ));
    }
}

fn same_tasks(a: &Procedure, b: &Procedure) -> bool {
    a.tasks.len() == b.tasks.len()
        && a.tasks
            .iter()
            .zip(&b.tasks)
            .all(|(x, y)| x.label == y.label)
}

fn append(into: &mut Procedure, from: Procedure) {
    let r = &mut into.results;
    let f = from.results;
    r.school.extend(f.school);
    r.class.extend(f.class);
    r.pupil.extend(f.pupil);
    r.variant.extend(f.variant);
    r.absent.extend(f.absent);
    r.scores.extend(f.scores);
    r.not_done.extend(f.not_done);
    r.total.extend(f.total);
    r.mark.extend(f.mark);
    r.journal.extend(f.journal);
    r.source_row.extend(f.source_row);
    for (t, u) in into.tasks.iter_mut().zip(&from.tasks) {
        t.max = t.max.max(u.max);
        t.level = t.level.or(u.level);
        if u.max_source.rank() > t.max_source.rank() {
            t.max_source = u.max_source;
        }
    }
    if into.scale.is_none() {
        into.scale = from.scale;
    }
    into.files.extend(from.files);
}
