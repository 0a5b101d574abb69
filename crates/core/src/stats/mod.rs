//! Statistical processing (METHODOLOGY section 2). Each function is pure and works on the
//! column-wise [`crate::model::PupilResults`].

pub mod standard;
pub use standard::{MarkCounts, StandardMetrics};
pub mod concordance;
pub mod histogram;
pub mod items;
pub mod skills;
pub mod tasks;
pub mod trends;
pub use concordance::{concordance, Concordance};
pub use histogram::{primary_histogram, Histogram};
pub use items::{item_analysis, ItemAnalysis, ItemFlag, ItemSample, ItemStats};
pub use skills::{skill_success, SkillMap, SkillMapError, SkillReport, SkillSuccess};
pub use tasks::{
    participant_rows, success_by_mark, task_success, MarkAnomaly, MarkGroup, MarkGroups,
    TaskStatus, TaskSuccess,
};
pub use trends::{
    family, previous_year, trends, Comparability, ComparabilityReason, SchoolTrend, TrendChange,
    TrendReport, YearPoint,
};
