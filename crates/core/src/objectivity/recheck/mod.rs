//! Re-checking closes the loop (seeds 001 and 004: «взаимопроверка», «выборочная перепроверка»
//! by the district's methodologists): the signs say where to look, a re-check of a sample of
//! works says whether the original marking holds.
//!
//! 1. [`choose`] draws the sample from the dataset and its
//!    [`ObjectivityReport`](crate::objectivity::ObjectivityReport): more works
//!    from units (school × procedure) with fired signs and from their schools, stratified by
//!    primary score, with the works at the threshold of a bunching sign ([`sample`]).
//!    Parameters: [`RecheckPlan`], checked into a [`ValidRecheckPlan`].
//! 2. [`export_csv`] writes the list for the schools: where each work is (school, procedure,
//!    class, file, row, pseudonymous code) and an empty column per task; never the original
//!    scores nor a name ([`list`]).
//! 3. [`read_filled`] reads the filled lists (CSV or XLSX) back, finds each work by code or by
//!    file and row, and reports every bad cell with its row and column ([`read`]).
//! 4. [`agreement()`] compares: exact agreement and weighted kappa per task, shift of totals
//!    and of marks, and the verdict «подтверждено перепроверкой» / «не подтверждено» per
//!    school × procedure and per school, by the explicit [`VerdictRule`] ([`mod@agreement`]).
//! 5. [`apply()`] gives a dataset where the re-checked works replace the originals, when the
//!    user chooses to analyse with them.
//!
//! The demo generator knows the true scores behind its planted inflation
//! ([`crate::demo::recheck_truth`]): `tests/recheck_demo.rs` runs the whole loop on it.
//!
//! ```
//! use integra_core::demo::{generate, DemoParams};
//! use integra_core::ingest::{import_all, merge, ImportOptions, Pseudonymizer};
//! use integra_core::lang::Lang;
//! use integra_core::objectivity::recheck::{self, RecheckPlan, Verdict, VerdictRule};
//! use integra_core::objectivity::{analyse, Settings};
//!
//! let d = generate(&DemoParams { schools: 8, size: 0.5, ..DemoParams::default() });
//! let files = d.files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice()));
//! let imports = import_all(files, &ImportOptions::default(), &Pseudonymizer::new([1; 16]));
//! let (ds, _) = merge(&imports.iter().collect::<Vec<_>>());
//! let report = analyse(&ds, &Settings::default());
//!
//! // The sample of one procedure, and its list for the schools.
//! let plan = RecheckPlan::new(42).procedures(vec![ds.procedures[0].key.id()]).check()?;
//! let list = recheck::choose(&ds, &report, &plan)?;
//! let lists = recheck::export_csv(&list, &ds, None, Lang::Ru);
//!
//! // The re-checkers write their scores into the task columns; here they agree with the
//! // first marking (the rows of a list are the list's works of its procedure, in order).
//! let filled: Vec<Vec<u8>> = lists
//!     .iter()
//!     .map(|f| {
//!         let text = String::from_utf8_lossy(&f.bytes);
//!         let mut lines = text.lines();
//!         let mut out = format!("{}\n", lines.next().unwrap_or(""));
//!         let works = list.works.iter().filter(|w| w.procedure == f.procedure);
//!         for (line, w) in lines.zip(works) {
//!             let cells: Vec<&str> = line.split(';').take(6).collect();
//!             let scores: Vec<String> = w.scores.iter().map(|s| s.to_string()).collect();
//!             out += &format!("{};{}\n", cells.join(";"), scores.join(";"));
//!         }
//!         out.into_bytes()
//!     })
//!     .collect();
//! let named: Vec<(&str, &[u8])> =
//!     lists.iter().zip(&filled).map(|(f, b)| (f.name.as_str(), b.as_slice())).collect();
//! let scores = recheck::read_filled(&named, &list, &ds);
//! assert!(!scores.has_errors());
//! assert_eq!(scores.counts.used, list.works.len());
//!
//! let result = recheck::agreement(&ds, &scores, &VerdictRule::default().check()?);
//! assert!(result.schools.iter().all(|s| s.verdict != Verdict::NotConfirmed));
//! // Analyse with the re-checked scores (the same totals as the originals here).
//! let corrected = recheck::apply(&ds, &scores);
//! assert_eq!(corrected.procedures[0].results.total, ds.procedures[0].results.total);
//! # Ok::<(), recheck::RecheckError>(())
//! ```

pub mod agreement;
pub mod apply;
pub mod errors;
pub mod list;
pub mod params;
pub mod read;
pub mod sample;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod tests;

pub use agreement::{
    agreement, weighted_kappa, Because, Figures, Group, MarkFigures, ProcedureAgreement,
    RecheckReport, SchoolAgreement, TaskAgreement, TaskFigures, UnitAgreement, Verdict, Weights,
};
pub use apply::apply;
pub use errors::RecheckError;
pub use list::{export_csv, zip_lists, ListFile};
pub use params::{latest_procedures, RecheckPlan, ValidRecheckPlan, ValidVerdictRule, VerdictRule};
pub use read::{read_filled, ReadCounts, RecheckScores, RecheckedWork};
pub use sample::{choose, work_files, RecheckList, RecheckWork, UnitDraw, Why};
