//! Charts: charming option builders (pure functions from results to a `Chart`) and the
//! [`chart::EChart`] component that renders one with charming's `WasmRenderer`.

pub mod chart;
pub mod common;
pub mod concordance;
pub mod funnel;
pub mod grouped_bars;
pub mod mark_distribution;
pub mod mark_groups;
pub mod score_histogram;
pub mod skills;
pub mod task_success;
pub mod trend;
