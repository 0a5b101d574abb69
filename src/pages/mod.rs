//! One module per screen.

pub mod data;
pub mod overview;
