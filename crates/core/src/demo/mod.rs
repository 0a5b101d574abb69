//! The seeded demo district: about 50 schools with context, several procedures (ВПР, РДР,
//! ОГЭ, ...) over several years, with planted patterns for later analyses. It produces files
//! in the real shapes (ФИС ОКО-style pupil exports, a context table), so the demo goes through
//! the same importer as user files.

use serde::{Deserialize, Serialize};

/// Parameters of the generator. The same parameters always give the same files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoParams {
    pub seed: u64,
    pub schools: usize,
    /// Years generated (at least two), e.g. `[2024, 2025]`.
    pub years: Vec<u16>,
    /// Multiplies the number of pupils per class group (1.0 = realistic district size).
    pub size: f64,
}

impl Default for DemoParams {
    fn default() -> DemoParams {
        DemoParams {
            seed: 2026,
            schools: 50,
            years: vec![2024, 2025],
            size: 1.0,
        }
    }
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A planted pattern, for tests that measure detection (issue: objectivity monitoring).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Planted {
    pub school: String,
    /// `threshold_bunching`, `journal_mismatch`, `identical_vectors`, `year_jump`,
    /// `beats_context`.
    pub pattern: String,
    /// Procedure file name the pattern is in (empty for school-wide patterns).
    pub file: String,
    pub class: Option<String>,
}

/// The generated district: files plus what was planted where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoDistrict {
    pub files: Vec<DemoFile>,
    pub planted: Vec<Planted>,
}

/// Generates the district.
pub fn generate(params: &DemoParams) -> DemoDistrict {
    todo!("demo generator: {params:?}")
}
