//! The re-check list as CSV for the schools (or the district's methodologists): one file per
//! procedure, UTF-8 with a BOM and `;` between cells, so that Russian Excel opens it as a table.
//!
//! Columns: «Школа», «Процедура», «Класс», «Файл», «Строка в файле», «Код», then one empty
//! column per task («Задание 1 (макс. 2)») and «Первичный балл (перепроверка)» (optional: a
//! check of the sum). The school finds each work by the file it sent and the row in that file
//! (the pseudonymous code is the session's: it identifies the work when the filled list comes
//! back into the same session). The original scores are never written, nor any name: the
//! re-checker must not see the first marking. Text cells starting with `=`, `+`, `-`, `@`, tab
//! or CR get a leading `'` (formula injection); the reader takes it off.

use super::sample::RecheckList;
use crate::lang::Lang;
use crate::model::{Dataset, ProcedureKey};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The fixed columns: (Russian, English) header.
pub(crate) const SCHOOL: (&str, &str) = ("Школа", "School");
pub(crate) const PROCEDURE: (&str, &str) = ("Процедура", "Procedure");
pub(crate) const CLASS: (&str, &str) = ("Класс", "Class");
pub(crate) const FILE: (&str, &str) = ("Файл", "File");
pub(crate) const ROW: (&str, &str) = ("Строка в файле", "Row in file");
pub(crate) const CODE: (&str, &str) = ("Код", "Code");
pub(crate) const TOTAL: (&str, &str) =
    ("Первичный балл (перепроверка)", "Primary score (re-check)");

/// The header of a task's column: `Задание 3.1 (макс. 2)` / `Task 3.1 (max 2)`.
pub(crate) fn task_header(label: &str, max: u8, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("Задание {label} (макс. {max})"),
        Lang::En => format!("Task {label} (max {max})"),
    }
}

/// The procedure as the list names it: `ВПР Математика 5 кл. 2025`. No commas (unlike
/// `ProcedureKey`'s `Display`), so that a CSV edited by hand with uneven rows is still read
/// with `;` (the importer's delimiter sniffing counts fields per line).
pub(crate) fn procedure_name(key: &ProcedureKey) -> String {
    let mut s = format!("{} {}", key.kind.label(), key.subject.replace(',', " "));
    if let Some(g) = key.grade {
        s.push_str(&format!(" {g} кл."));
    }
    if let Some(y) = key.year {
        s.push_str(&format!(" {y}"));
    }
    s
}

/// One list file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListFile {
    /// `Перепроверка_<procedure id>[_<school>].csv` (`Recheck_…` in English).
    pub name: String,
    /// `ProcedureKey::id()`.
    pub procedure: String,
    /// Works listed.
    pub works: usize,
    pub bytes: Vec<u8>,
}

/// A text cell made safe for spreadsheets.
fn safe(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The list as CSV files, one per procedure of the list (only `school`'s works when given:
/// a school should see only its own list). Procedures the dataset no longer holds are skipped.
pub fn export_csv(
    list: &RecheckList,
    ds: &Dataset,
    school: Option<&str>,
    lang: Lang,
) -> Vec<ListFile> {
    let pick = |h: (&'static str, &'static str)| lang.pick(h.0, h.1);
    let mut out = Vec::new();
    for id in list.procedures() {
        let Some(p) = ds.procedures.iter().find(|p| p.key.id() == id) else {
            continue;
        };
        let works: Vec<_> = list
            .works
            .iter()
            .filter(|w| w.procedure == id && school.is_none_or(|s| w.school == s))
            .collect();
        if works.is_empty() {
            continue;
        }
        let mut header: Vec<String> = [SCHOOL, PROCEDURE, CLASS, FILE, ROW, CODE]
            .into_iter()
            .map(|h| pick(h).to_string())
            .collect();
        header.extend(p.tasks.iter().map(|t| task_header(&t.label, t.max, lang)));
        header.push(pick(TOTAL).to_string());
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(Vec::from("\u{feff}".as_bytes()));
        // Writing into a Vec cannot fail; a failure would only lose the file, never panic.
        let _ = w.write_record(header.iter().map(|h| safe(h).into_owned()));
        let name = procedure_name(&p.key);
        for work in &works {
            let row = work.row.to_string();
            let mut rec: Vec<String> = vec![
                safe(&work.school).into_owned(),
                safe(&name).into_owned(),
                safe(work.class.as_deref().unwrap_or("")).into_owned(),
                safe(work.file.as_deref().unwrap_or("")).into_owned(),
                row,
                safe(&work.code).into_owned(),
            ];
            rec.extend(std::iter::repeat_n(String::new(), p.tasks.len() + 1));
            let _ = w.write_record(&rec);
        }
        let bytes = w.into_inner().unwrap_or_default();
        let stem = lang.pick("Перепроверка", "Recheck");
        let name = match school {
            Some(s) => format!("{stem}_{id}_{s}.csv"),
            None => format!("{stem}_{id}.csv"),
        };
        out.push(ListFile {
            name,
            procedure: id.to_string(),
            works: works.len(),
            bytes,
        });
    }
    out
}

/// The lists as one ZIP archive (one CSV per procedure, deflated), for a single download.
/// `None` only if the archive cannot be written (it is written into memory).
pub fn zip_lists(files: &[ListFile]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for f in files {
        z.start_file(f.name.as_str(), opts).ok()?;
        z.write_all(&f.bytes).ok()?;
    }
    Some(z.finish().ok()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objectivity::recheck::fixture;
    use crate::objectivity::recheck::sample::{RecheckWork, Why};

    fn list_of(ds: &Dataset) -> RecheckList {
        let p = &ds.procedures[0];
        let k = p.tasks.len();
        let works = (0..3)
            .map(|i| RecheckWork {
                school: ds.schools[p.results.school[i] as usize].code.clone(),
                procedure: p.key.id(),
                class: p.results.class[i].clone(),
                code: p.results.pupil[i].clone(),
                file: Some(if i == 2 {
                    "=evil.csv".into()
                } else {
                    "f.csv".into()
                }),
                row: p.results.source_row[i],
                index: i,
                scores: p.results.row(i, k).to_vec(),
                total: p.results.total[i].unwrap_or(0.0),
                why: Why::Base,
                boundary: false,
            })
            .collect();
        RecheckList {
            seed: 1,
            works,
            units: Vec::new(),
        }
    }

    #[test]
    fn list_has_a_bom_the_columns_and_no_scores() {
        let ds = fixture::dataset();
        let list = list_of(&ds);
        let files = export_csv(&list, &ds, None, Lang::Ru);
        assert_eq!(files.len(), 1);
        let f = &files[0];
        assert!(f.bytes.starts_with("\u{feff}".as_bytes()));
        let text = String::from_utf8(f.bytes.clone()).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines.len(), 4);
        let header: Vec<&str> = lines[0].split(';').collect();
        assert_eq!(
            &header[..6],
            &[
                "Школа",
                "Процедура",
                "Класс",
                "Файл",
                "Строка в файле",
                "Код"
            ]
        );
        let k = ds.procedures[0].tasks.len();
        assert_eq!(header.len(), 6 + k + 1);
        assert_eq!(header[6], "Задание 1 (макс. 1)");
        assert_eq!(header[6 + k], "Первичный балл (перепроверка)");
        for (i, line) in lines[1..].iter().enumerate() {
            let cells: Vec<&str> = line.split(';').collect();
            assert_eq!(cells.len(), header.len(), "{line}");
            assert_eq!(cells[5], ds.procedures[0].results.pupil[i]);
            // Every score cell is empty: the original marking is never shown.
            assert!(cells[6..].iter().all(|c| c.is_empty()), "{line}");
        }
        assert!(lines[3].contains(";'=evil.csv;"), "{}", lines[3]);
        let en = export_csv(&list, &ds, Some("S0"), Lang::En);
        let text = String::from_utf8(en[0].bytes.clone()).unwrap();
        assert!(text.contains("School;Procedure;Class;File;Row in file;Code;Task 1 (max 1)"));
        assert!(en[0].name.starts_with("Recheck_") && en[0].name.ends_with("_S0.csv"));
        assert_eq!(en[0].works, 3);
        assert!(export_csv(&list, &ds, Some("S1"), Lang::En).is_empty());
    }

    #[test]
    fn lists_zip_into_one_archive() {
        let ds = fixture::dataset();
        let files = export_csv(&list_of(&ds), &ds, None, Lang::Ru);
        let bytes = zip_lists(&files).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(z.len(), 1);
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut z.by_name(&files[0].name).unwrap(), &mut out).unwrap();
        assert_eq!(out, files[0].bytes);
    }
}
