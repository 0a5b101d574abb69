//! Serialisable results for the UI, the CLI's JSON and (later) the sync payload.
//! Everything that leaves this module respects [`crate::privacy`]: groups under
//! [`crate::privacy::MIN_SHOWN`] people carry no figures.

pub mod cli_json;
pub mod drill;
pub mod export;
pub mod objectivity_evidence;
pub mod objectivity_funnel;
pub mod objectivity_scale;
pub mod overview;
pub mod query;
pub mod recheck;
pub use drill::{
    children, group_report, pupil_rows, pupil_sheet, ChildRow, GroupReport, PupilRow, PupilSheet,
    Scope,
};
pub use export::{to_csv, to_xlsx, Cell, ExportError, Table};
pub use overview::{overview, Missing, Overview, ProcedureOverview, SchoolRow};
