//! # integra-core
//!
//! All of Integra's analytics, with no web or UI dependency; compiles natively (CLI, sync
//! server, benches) and to wasm32 (the browser app). One module per step of the district model:
//!
//! - [`model`]: [`model::Dataset`], [`model::Procedure`], [`model::PupilResults`] (column-wise),
//!   [`model::SchoolTable`], [`model::Scale`].
//! - [`ingest`]: [`ingest::import_file`] reads CSV/XLSX/ODS bytes into data plus a
//!   [`ingest::FileSummary`] with every issue; [`ingest::merge`] builds a dataset.
//! - [`stats`]: METHODOLOGY section 2 (standard metrics, tasks, items, skills, trends).
//! - [`objectivity`]: METHODOLOGY section 3 (signs of non-objective results with evidence).
//! - [`report`]: serialisable results for the UI and the CLI's JSON ([`report::Overview`]).
//! - [`demo`]: the seeded generator of a realistic district with planted patterns.
//!
//! Architecture invariants: analyses are pure functions from data to result structs; no global
//! state; nothing panics on user data; nothing about fewer than [`privacy::MIN_SHOWN`] people
//! leaves [`report`].

pub mod demo;
pub mod ingest;
pub mod lang;
pub mod model;
pub mod objectivity;
pub mod privacy;
pub mod report;
pub mod stats;
