//! The pieces of the procedure drill-down. [`DrillCtx`] (in context on the page) holds the
//! current procedure, scope and the core's reports; each section reads it and renders one
//! METHODOLOGY §2 figure with its chart, table and note.

pub mod breadcrumbs;
pub mod concordance;
pub mod histogram;
pub mod items;
pub mod mark_groups;
pub mod marks;
pub mod picker;
pub mod skills;
pub mod summary;
pub mod tasks;
pub mod trends;

use integra_core::model::{ProcedureKey, Task};
use integra_core::report::drill::{ChildRow, GroupReport, Scope};
use leptos::prelude::*;

/// The drill-down's state for the sections (all `Copy` handles).
#[derive(Clone, Copy)]
pub struct DrillCtx {
    /// `ProcedureKey::id()` of the procedure shown.
    pub id: Memo<String>,
    pub key: Memo<Option<ProcedureKey>>,
    pub tasks: Memo<Vec<Task>>,
    pub scope: Memo<Scope>,
    /// The group's figures (`None`: unknown procedure or group).
    pub report: Memo<Option<GroupReport>>,
    /// The district's figures, for comparison (the same as `report` at district level).
    pub district: Memo<Option<GroupReport>>,
    /// The school's figures when the scope is a class.
    pub school: Memo<Option<GroupReport>>,
    /// The schools of the district or the classes of a school.
    pub children: Memo<Vec<ChildRow>>,
}

/// The drill-down context of the page.
pub fn use_drill() -> DrillCtx {
    expect_context::<DrillCtx>()
}

/// The chart colour of a scope and its name on charts («Школа 0101», «Класс 5А»).
pub fn group_of(
    scope: &Scope,
    lang: crate::i18n::Lang,
) -> (crate::charts::common::GroupKind, String) {
    use crate::charts::common::GroupKind;
    let d = crate::i18n::drill_texts(lang);
    match scope {
        Scope::District => (GroupKind::District, d.level_district.to_string()),
        Scope::School { school } => (GroupKind::School, format!("{} {school}", d.level_school)),
        Scope::Class { class, .. } => (GroupKind::Class, format!("{} {class}", d.level_class)),
    }
}

/// A stem for exported file names: procedure id and scope.
pub fn file_stem(id: &str, scope: &Scope, what: &str) -> String {
    let s = match scope {
        Scope::District => String::new(),
        Scope::School { school } => format!("-{school}"),
        Scope::Class { school, class } => format!("-{school}-{class}"),
    };
    format!("{id}{s}-{what}")
}
