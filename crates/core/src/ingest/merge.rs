//! Merging per-file imports into one [`Dataset`].

use super::maxima::{self, Offer};
use super::{task_label_key, FileImport, ImportedData, Issue, MergeOptions, Severity};
use crate::model::{Codifier, Dataset, Procedure, ProcedureKind, TaskInfoRow, TaskInfoTable};
use std::collections::{HashMap, HashSet};

/// A school login as a prefix of letters and a number (`sch224052`, `edu224052`): the number,
/// under which exports of different years name one school with different prefixes.
fn login_number(code: &str) -> Option<&str> {
    let letters = code.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = &code[letters..];
    ((2..=4).contains(&letters) && digits.len() >= 5 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(digits)
}

/// Schools by login, where logins that differ only in their letter prefix are one school.
#[derive(Default)]
struct Logins {
    /// Whether logins that differ only in their prefix are joined (the user's choice).
    join: bool,
    by_number: HashMap<String, u32>,
    /// Per file: (login in this file, the login it was matched to).
    matched: Vec<(String, String, String)>,
}

impl Logins {
    fn index(&mut self, ds: &mut Dataset, code: &str, file: &str) -> u32 {
        if let Some(i) = ds.schools.iter().position(|s| s.code == code) {
            return i as u32;
        }
        if let Some(n) = login_number(code).filter(|_| self.join) {
            if let Some(&i) = self.by_number.get(n) {
                let known = ds.schools[i as usize].code.clone();
                self.matched
                    .push((file.to_string(), code.to_string(), known));
                return i;
            }
            let i = ds.school_index(code);
            self.by_number.insert(n.to_string(), i);
            return i;
        }
        ds.school_index(code)
    }

    /// One issue per file that named known schools under another prefix.
    fn report(self, issues: &mut Vec<Issue>) {
        let mut files: Vec<&str> = self.matched.iter().map(|m| m.0.as_str()).collect();
        files.dedup();
        for f in files {
            let pairs: Vec<String> = self
                .matched
                .iter()
                .filter(|m| m.0 == f)
                .map(|m| format!("{} = {}", m.1, m.2))
                .collect();
            let n = pairs.len();
            let list = pairs.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
            let more = if n > 5 { ", …" } else { "" };
            issues.push(Issue::new(f, Severity::Info,
                format!("Логины {n} школ отличаются от уже загруженных только буквенной приставкой (выгрузки разных лет) и считаются теми же школами: {list}{more}. Если это разные школы, снимите отметку «логины, отличающиеся только приставкой, — одна школа» в отчёте об объединении (в командной строке: --separate-logins)."),
                format!("The logins of {n} schools differ from loaded ones only in their letter prefix (exports of different years) and are taken as the same schools: {list}{more}. If they are different schools, untick «logins differing only in prefix are one school» in the merge report (CLI: --separate-logins).")));
        }
    }
}

pub(super) fn merge(imports: &[&FileImport], opts: &MergeOptions) -> (Dataset, Vec<Issue>) {
    let mut ds = Dataset::default();
    let mut issues = Vec::new();
    let mut infos: Vec<TaskInfoTable> = Vec::new();
    let mut logins = Logins {
        join: opts.join_login_prefixes,
        ..Logins::default()
    };
    for imp in imports {
        match &imp.data {
            ImportedData::Pupils {
                procedure,
                school_codes,
            } => {
                let file = imp.summary.file.as_str();
                let map: Vec<u32> = school_codes
                    .iter()
                    .map(|c| logins.index(&mut ds, c, file))
                    .collect();
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
    logins.report(&mut issues);
    ds.procedures.sort_by(|a, b| a.key.cmp(&b.key));
    // Task descriptions after all results: the more key fields a table knows, the later it
    // is applied, so that its skills win.
    let known = |i: &TaskInfoTable| {
        usize::from(i.kind.is_some())
            + usize::from(i.subject.is_some())
            + usize::from(i.grade.is_some())
            + usize::from(i.year.is_some())
    };
    let mut order: Vec<usize> = (0..infos.len())
        .filter(|&i| infos[i].codifier.is_none())
        .collect();
    order.sort_by_key(|&i| known(&infos[i]));
    let mut offers: Vec<Vec<Option<Offer>>> = ds
        .procedures
        .iter()
        .map(|p| vec![None; p.tasks.len()])
        .collect();
    for i in order {
        apply_task_info(&mut ds, &infos[i], &infos, &mut offers, &mut issues);
    }
    for (p, o) in ds.procedures.iter_mut().zip(&offers) {
        maxima::resolve(p, o, &mut issues);
    }
    ds.task_info = infos;
    (ds, issues)
}

/// The text of a codifier code from a codifier table of the same subject and grade.
fn code_text(
    infos: &[TaskInfoTable],
    of: &TaskInfoTable,
    kind: Codifier,
    code: &str,
) -> Option<String> {
    let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) => a.to_lowercase() == b.to_lowercase(),
        _ => true,
    };
    let key = task_label_key(code);
    infos
        .iter()
        .filter(|c| c.codifier == Some(kind))
        .filter(|c| {
            same(&c.subject, &of.subject)
                && (c.grade.is_none() || of.grade.is_none() || c.grade == of.grade)
        })
        .find_map(|c| {
            c.rows
                .iter()
                .find(|r| task_label_key(&r.label) == key)
                .and_then(|r| r.skill.clone())
        })
}

/// Applies a task-description table to the procedures it matches. A table that knows kind,
/// subject and grade applies to every procedure with that key (any year unless it knows the
/// year). Otherwise it applies to the procedures that agree with what it knows and whose
/// task labels all appear in it; when those are different procedures (not one procedure in
/// several years), to none, with an issue asking the user to say which.
fn apply_task_info(
    ds: &mut Dataset,
    info: &TaskInfoTable,
    all: &[TaskInfoTable],
    offers: &mut [Vec<Option<Offer>>],
    issues: &mut Vec<Issue>,
) {
    let keys: HashSet<String> = info
        .rows
        .iter()
        .flat_map(|r| std::iter::once(&r.label).chain(r.kim.as_ref()))
        .map(|l| task_label_key(l))
        .collect();
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
        apply_to(&mut ds.procedures[i], info, all, &mut offers[i], issues);
    }
}

fn apply_to(
    p: &mut Procedure,
    info: &TaskInfoTable,
    all: &[TaskInfoTable],
    offers: &mut [Option<Offer>],
    issues: &mut Vec<Issue>,
) {
    // A results file's labels are the description's column numbers (`№`: the 2020 and 2021
    // exports) or the official task numbers (`№ КИМ`: protocols with `5(1) (1б)`): match by
    // the one that names more of the procedure's tasks (the column numbers on a tie).
    let by_label: HashMap<String, &TaskInfoRow> = info
        .rows
        .iter()
        .map(|r| (task_label_key(&r.label), r))
        .collect();
    let by_kim: HashMap<String, &TaskInfoRow> = info
        .rows
        .iter()
        .filter_map(|r| r.kim.as_ref().map(|k| (task_label_key(k), r)))
        .collect();
    let hits = |m: &HashMap<String, &TaskInfoRow>| {
        p.tasks
            .iter()
            .filter(|t| m.contains_key(&task_label_key(&t.label)))
            .count()
    };
    let rows = if hits(&by_kim) > hits(&by_label) {
        by_kim
    } else {
        by_label
    };
    let key = p.key.to_string();
    let mut missing = Vec::new();
    let mut used = HashSet::new();
    for (j, t) in p.tasks.iter_mut().enumerate() {
        let k = task_label_key(&t.label);
        let Some(r) = rows.get(&k) else {
            missing.push(t.label.clone());
            continue;
        };
        used.insert(task_label_key(&r.label));
        // Requirement codes resolved by a loaded codifier are the skills; else the table's
        // skill column.
        let from_codes =
            r.kt.first()
                .and_then(|c| code_text(all, info, Codifier::Requirement, c))
                .or_else(|| {
                    r.kes
                        .first()
                        .and_then(|c| code_text(all, info, Codifier::Content, c))
                });
        if let Some(s) = from_codes.or_else(|| r.skill.clone()) {
            t.skill = Some(s);
        }
        if let Some(kim) = r
            .kim
            .as_ref()
            .filter(|k| task_label_key(k) != task_label_key(&t.label))
        {
            t.kim = Some(kim.clone());
        }
        if let (Some(m), Some(slot)) = (r.max, offers.get_mut(j)) {
            *slot = Some((m, info.file.clone(), r.row));
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
    into.errors.add(&from.errors);
    into.files.extend(from.files);
}
