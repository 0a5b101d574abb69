//! Pieces of «Объективность»: the settings form and the evidence card of a sign.

pub mod evidence;
pub mod settings_form;
