//! The one place where the app calls the analytics core. Everything here is a plain function
//! from data to results, so a Web Worker can take it over later without touching the UI.

use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_file, merge, FileImport, ImportOptions, Issue, Pseudonymizer};
use integra_core::model::Dataset;
use integra_core::report::{overview, Overview};

/// Imports one file with the user's answers and the session salt.
pub fn import(name: &str, bytes: &[u8], opts: &ImportOptions, salt: [u8; 16]) -> FileImport {
    import_file(name, bytes, opts, &Pseudonymizer::new(salt))
}

/// The merged dataset and what the first screens show about it.
#[derive(Debug, Default)]
pub struct Analysis {
    /// The merged data; the screens after the overview (procedure drill-down, objectivity,
    /// clusters) read it.
    #[allow(dead_code)]
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
