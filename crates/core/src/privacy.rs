//! Privacy rules shared by every output: minimum group sizes (METHODOLOGY, "Units and
//! minimum sizes").

/// No figure about fewer than this many people is ever shown or exported ([P]).
pub const MIN_SHOWN: usize = 5;

/// A group statistic needs at least this many people ([S2] ФИОКО 2026).
pub const MIN_GROUP: usize = 10;

/// Whether a figure about `n` people may be shown at all.
pub fn may_show(n: usize) -> bool {
    n >= MIN_SHOWN
}
