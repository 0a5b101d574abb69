//! Merging per-file imports into one [`Dataset`].

use super::{FileImport, ImportedData, Issue, Severity};
use crate::model::{Dataset, Procedure};

pub(super) fn merge(imports: &[&FileImport]) -> (Dataset, Vec<Issue>) {
    let mut ds = Dataset::default();
    let mut issues = Vec::new();
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
            ImportedData::None => {}
        }
    }
    ds.procedures.sort_by(|a, b| a.key.cmp(&b.key));
    (ds, issues)
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
        t.max_from_file |= u.max_from_file;
    }
    if into.scale.is_none() {
        into.scale = from.scale;
    }
    into.files.extend(from.files);
}
