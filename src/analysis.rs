//! The one place where the app calls the analytics core. Everything here is a plain function
//! from data to results, so a Web Worker can take it over later without touching the UI.

use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_file, merge, FileImport, ImportOptions, Issue, Pseudonymizer};
use integra_core::model::{Dataset, Procedure};
use integra_core::report::drill::{self, ChildRow, GroupReport, PupilRow, PupilSheet, Scope};
use integra_core::report::{overview, Overview};

/// Imports one file with the user's answers and the session salt.
pub fn import(name: &str, bytes: &[u8], opts: &ImportOptions, salt: [u8; 16]) -> FileImport {
    import_file(name, bytes, opts, &Pseudonymizer::new(salt))
}

/// The merged dataset and what the first screens show about it.
#[derive(Debug, Default)]
pub struct Analysis {
    /// The merged data; the procedure drill-down and later screens read it.
    pub dataset: Dataset,
    pub overview: Overview,
    /// Issues raised while merging files (e.g. tasks that do not match).
    pub merge_issues: Vec<Issue>,
}

/// Merges the imports and computes the overview.
pub fn analyse<'a>(imports: impl IntoIterator<Item = &'a FileImport>) -> Analysis {
    let imports: Vec<&FileImport> = imports.into_iter().collect();
    let (dataset, merge_issues) = merge(&imports);
    let overview = overview(&dataset);
    Analysis {
        dataset,
        overview,
        merge_issues,
    }
}

/// The demo district's files (name, bytes), from the core's seeded generator.
pub fn demo_files() -> Vec<(String, Vec<u8>)> {
    generate(&DemoParams::default())
        .files
        .into_iter()
        .map(|f| (f.name, f.bytes))
        .collect()
}

/// The procedure with this `ProcedureKey::id()`.
pub fn procedure<'a>(ds: &'a Dataset, id: &str) -> Option<&'a Procedure> {
    ds.procedures.iter().find(|p| p.key.id() == id)
}

/// Every figure of a group of a procedure; `None` for an unknown procedure or an empty group.
pub fn group(ds: &Dataset, id: &str, scope: &Scope) -> Option<GroupReport> {
    let p = procedure(ds, id)?;
    let reference = drill::reference_of(ds, p);
    let reference = reference.as_ref().map(|(n, r)| (n.as_str(), r.as_slice()));
    let g = drill::group_report(ds, p, scope, reference);
    (g.participants + g.absent > 0).then_some(g)
}

/// The rows of the level below a scope (schools or classes).
pub fn children(ds: &Dataset, id: &str, scope: &Scope) -> Vec<ChildRow> {
    procedure(ds, id)
        .map(|p| drill::children(ds, p, scope))
        .unwrap_or_default()
}

/// The pupils of a class.
pub fn pupils(ds: &Dataset, id: &str, school: &str, class: &str) -> Vec<PupilRow> {
    procedure(ds, id)
        .map(|p| drill::pupil_rows(ds, p, school, class))
        .unwrap_or_default()
}

/// A pupil's sheet.
pub fn sheet(ds: &Dataset, id: &str, school: &str, class: &str, pupil: &str) -> Option<PupilSheet> {
    drill::pupil_sheet(ds, procedure(ds, id)?, school, class, pupil)
}
