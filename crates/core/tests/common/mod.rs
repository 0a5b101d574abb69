//! Shared by the integration tests: the demo district of a seed imported and merged, with the
//! procedure each file became (planted patterns name files).
#![allow(dead_code)] // each test binary uses a part of it

use integra_core::demo::{generate, DemoDistrict, DemoParams};
use integra_core::ingest::{import_all, merge, ImportOptions, Pseudonymizer};
use integra_core::model::Dataset;
use std::collections::BTreeMap;

/// A generated district, its merged dataset and file name → procedure id.
pub struct Demo {
    pub district: DemoDistrict,
    pub ds: Dataset,
    pub file_proc: BTreeMap<String, String>,
}

/// The demo district of `seed` through the real importer.
pub fn demo(seed: u64) -> Demo {
    let district = generate(&DemoParams {
        seed,
        ..DemoParams::default()
    });
    let imports = import_all(
        district
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.bytes.as_slice())),
        &ImportOptions::default(),
        &Pseudonymizer::new([9; 16]),
    );
    let file_proc = imports
        .iter()
        .filter_map(|i| Some((i.summary.file.clone(), i.summary.procedure.as_ref()?.id())))
        .collect();
    let (ds, _) = merge(&imports.iter().collect::<Vec<_>>());
    Demo {
        district,
        ds,
        file_proc,
    }
}
