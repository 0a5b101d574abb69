//! Statistical processing (METHODOLOGY section 2). Each function is pure and works on the
//! column-wise [`crate::model::PupilResults`].

pub mod standard;
pub use standard::{MarkCounts, StandardMetrics};
