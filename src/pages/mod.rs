//! One module per screen.

pub mod data;
pub mod objectivity;
pub mod overview;
pub mod procedure;
pub mod pupil;
pub mod reports;
