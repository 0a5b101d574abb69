//! Reusable pieces of the screens.

pub mod data_table;
pub mod drill;
pub mod drop_zone;
pub mod export_buttons;
pub mod file_card;
pub mod import_report;
pub mod lang_switch;
pub mod metrics_table;
pub mod nav;
pub mod needs_form;
pub mod objectivity;
