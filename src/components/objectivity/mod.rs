//! Pieces of «Объективность»: the settings form, the evidence card of a sign and the re-check
//! section with its tables.

pub mod evidence;
pub mod recheck;
pub mod recheck_tables;
pub mod settings_form;
