//! Charts: charming option builders (pure functions from results to a `Chart`) and the
//! [`chart::EChart`] component that renders one with charming's `WasmRenderer`.

pub mod chart;
pub mod mark_distribution;
