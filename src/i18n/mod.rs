//! Interface texts in Russian and English.
//!
//! Every visible text goes through a [`Texts`] struct, one field per text, so a missing
//! translation is a compile error. The current language is a signal in context
//! ([`I18n`]); [`use_texts`] gives a reactive accessor for views.

mod drill;
mod en;
mod format;
mod objectivity;
mod recheck;
mod ru;

pub use drill::{drill_texts, use_drill_texts};
pub use format::*;
pub use integra_core::lang::Lang;
pub use objectivity::{
    indicator_name, obj_texts, reason_text, size_unit_name, status_name, use_obj_texts,
};
pub use recheck::{
    because_list, recheck_texts, use_recheck_texts, why_name, withheld_text, RecheckTexts,
};

use integra_core::ingest::{ChoiceTopic, ColumnRole, Need, Severity, TableKind};
use integra_core::model::{ProcedureKind, ScaleSource, TaskLevel};
use leptos::prelude::*;

/// All interface texts of one language.
pub struct Texts {
    pub lang_code: &'static str,
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub nav_data: &'static str,
    pub nav_overview: &'static str,
    pub nav_label: &'static str,
    pub lang_label: &'static str,
    pub privacy_promise: &'static str,
    pub privacy_detail: &'static str,
    pub footer: &'static str,

    // «Данные»
    pub data_title: &'static str,
    pub data_intro: &'static str,
    pub drop_title: &'static str,
    pub drop_hint: &'static str,
    pub drop_active: &'static str,
    pub choose_files: &'static str,
    pub choose_folder: &'static str,
    /// «Просмотр папок: найдено» (files found so far while walking dropped folders).
    pub progress_listing: &'static str,
    /// «Чтение файлов» (… 5 из 23…).
    pub progress_reading: &'static str,
    /// «Разбор файлов» (… 5 из 23…).
    pub progress_importing: &'static str,
    pub progress_of: &'static str,
    pub progress_analysing: &'static str,
    pub progress_restoring: &'static str,
    pub progress_rows: &'static str,
    pub cancel_load: &'static str,
    pub load_failed: &'static str,
    /// Files inside folders skipped because they are not tables.
    pub skipped: &'static str,
    pub demo_button: &'static str,
    pub demo_hint: &'static str,
    pub clear_all: &'static str,
    pub busy: &'static str,
    pub files_loaded: &'static str,
    pub loaded_in: &'static str,
    pub seconds: &'static str,
    pub no_files: &'static str,
    pub go_overview: &'static str,
    pub merge_report: &'static str,
    /// The merge choice: logins that differ only in their prefix are one school.
    pub join_logins: &'static str,

    // File card
    pub remove_file: &'static str,
    pub procedure: &'static str,
    pub kind: &'static str,
    pub subject: &'static str,
    pub grade: &'static str,
    pub year: &'static str,
    /// «Уточнить»: the row of the column names.
    pub header_row: &'static str,
    pub rows: &'static str,
    pub participants: &'static str,
    pub absent: &'static str,
    pub schools: &'static str,
    pub classes: &'static str,
    pub tasks: &'static str,
    pub tasks_none: &'static str,
    pub max_total: &'static str,
    pub scale: &'static str,
    pub scale_none: &'static str,
    pub scale_source: &'static str,
    pub needs_title: &'static str,
    pub file_refused: &'static str,
    pub level_legend: &'static str,
    /// The folder a file came from (file card).
    pub folder: &'static str,
    /// «Что выбрано и почему».
    pub choices_title: &'static str,

    // Import report
    pub report_title: &'static str,
    pub report_empty: &'static str,
    pub col_file: &'static str,
    pub col_row: &'static str,
    pub col_column: &'static str,
    pub col_severity: &'static str,
    pub col_message: &'static str,
    pub show_more: &'static str,
    pub show_less: &'static str,
    pub shown_of: &'static str,

    // Needs form
    pub refine: &'static str,
    pub refine_hint: &'static str,
    pub auto: &'static str,
    pub table_kind_label: &'static str,
    /// Sheet selector of a workbook with several sheets.
    pub sheet_label: &'static str,
    pub scale_thresholds: &'static str,
    pub mark3: &'static str,
    pub mark4: &'static str,
    pub mark5: &'static str,
    pub column_roles: &'static str,
    pub column_header: &'static str,
    pub column_role: &'static str,
    pub apply: &'static str,
    pub reset: &'static str,
    pub err_scale: &'static str,
    pub err_number: &'static str,

    // «Обзор района»
    pub overview_title: &'static str,
    pub overview_empty: &'static str,
    pub overview_empty_link: &'static str,
    pub procedures_count: &'static str,
    pub schools_total: &'static str,
    pub choose_procedure: &'static str,
    pub district: &'static str,
    pub district_metrics: &'static str,
    pub success: &'static str,
    pub quality: &'static str,
    pub mean_mark: &'static str,
    pub sou: &'static str,
    pub success_hint: &'static str,
    pub quality_hint: &'static str,
    pub mean_mark_hint: &'static str,
    pub sou_hint: &'static str,
    pub without_mark: &'static str,
    pub school_code: &'static str,
    pub school_name: &'static str,
    pub per_school: &'static str,
    pub too_few: &'static str,
    pub too_few_hint: &'static str,
    pub no_marks: &'static str,
    pub chart_title: &'static str,
    pub chart_axis: &'static str,
    pub chart_note: &'static str,
    pub files_of_procedure: &'static str,

    // Errors
    pub not_found: &'static str,
    pub error_title: &'static str,

    // Task descriptions and reference aggregates (ingest)
    /// File card line of a task-description table: «Описание заданий».
    pub ti_title: &'static str,
    /// Forms of «задание» for 1, 2-4 and 5+ (`[one, few, many]`).
    pub ti_task_forms: [&'static str; 3],
    pub ti_skills_from: &'static str,
    pub ti_no_skills: &'static str,
    pub ti_alternatives: &'static str,
    /// File card line of a reference table: «Эталон».
    pub ref_title: &'static str,
    /// Forms of «группа» for 1, 2-4 and 5+.
    pub ref_group_forms: [&'static str; 3],
    pub ref_main: &'static str,
}

/// The texts of a language.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Ru => &ru::RU,
        Lang::En => &en::EN,
    }
}

/// The language signal in context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

const LANG_KEY: &str = "integra.lang";

/// Creates the language signal (restored from local storage) and puts it in context.
pub fn provide_i18n() -> I18n {
    use gloo_storage::Storage;
    let saved: Option<String> = gloo_storage::LocalStorage::get(LANG_KEY).ok();
    let lang = match saved.as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Ru,
    };
    let i18n = I18n {
        lang: RwSignal::new(lang),
    };
    Effect::new(move |_| {
        let l = i18n.lang.get();
        let code = texts(l).lang_code;
        let _ = gloo_storage::LocalStorage::set(LANG_KEY, code);
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", code);
        }
        document().set_title(&format!("Integra — {}", texts(l).app_tagline));
    });
    provide_context(i18n);
    i18n
}

/// The current language.
pub fn use_lang() -> Signal<Lang> {
    let i18n = expect_context::<I18n>();
    i18n.lang.into()
}

/// Reactive access to the current texts: `let t = use_texts(); view! { {move || t().nav_data} }`.
pub fn use_texts() -> impl Fn() -> &'static Texts + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || texts(lang.get())
}

// Localised names of core enums.

pub fn kind_name(k: ProcedureKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (ProcedureKind::Other, Lang::En) => "other",
        (ProcedureKind::Vpr, Lang::En) => "VPR",
        (ProcedureKind::Rdr, Lang::En) => "RDR",
        (ProcedureKind::Oge, Lang::En) => "OGE",
        (ProcedureKind::Ege, Lang::En) => "EGE",
        (ProcedureKind::Niko, Lang::En) => "NIKO",
        (k, Lang::Ru) => k.label(),
    }
}

pub fn table_kind_name(k: TableKind, lang: Lang) -> &'static str {
    match k {
        TableKind::PupilResults => lang.pick("результаты учеников", "pupil results"),
        TableKind::SchoolResults => lang.pick("результаты по школам", "school results"),
        TableKind::SchoolContext => lang.pick("контекст школ", "school context"),
        TableKind::TaskInfo => lang.pick("описание заданий", "task descriptions"),
        TableKind::Reference => lang.pick("эталонные показатели", "reference figures"),
        TableKind::Refused => lang.pick("не загружен", "not loaded"),
    }
}

/// What a choice of the importer is about (file card, «Что выбрано и почему»).
pub fn choice_topic_name(t: ChoiceTopic, lang: Lang) -> &'static str {
    match t {
        ChoiceTopic::Sheet => lang.pick("Лист", "Sheet"),
        ChoiceTopic::Header => lang.pick("Заголовок", "Header"),
        ChoiceTopic::Kind => lang.pick("Вид таблицы", "Table kind"),
        ChoiceTopic::Procedure => lang.pick("Процедура", "Procedure"),
        ChoiceTopic::Maxima => lang.pick("Максимумы заданий", "Task maxima"),
        ChoiceTopic::Scale => lang.pick("Шкала", "Scale"),
    }
}

/// Stable code of a choice topic (for `data-topic`).
pub fn choice_topic_code(t: ChoiceTopic) -> &'static str {
    match t {
        ChoiceTopic::Sheet => "sheet",
        ChoiceTopic::Header => "header",
        ChoiceTopic::Kind => "kind",
        ChoiceTopic::Procedure => "procedure",
        ChoiceTopic::Maxima => "maxima",
        ChoiceTopic::Scale => "scale",
    }
}

/// Where a task's maximum came from, for the task chip's tooltip.
pub fn max_source_name(s: integra_core::model::MaxSource, lang: Lang) -> &'static str {
    use integra_core::model::MaxSource;
    match s {
        MaxSource::File => lang.pick("из файла", "from the file"),
        MaxSource::Description => lang.pick("из описания заданий", "from the task description"),
        MaxSource::Catalogue => lang.pick("из каталога работ", "from the catalogue of works"),
        MaxSource::Data => lang.pick("по данным", "from the data"),
    }
}

pub fn scale_source_name(s: ScaleSource, lang: Lang) -> &'static str {
    match s {
        ScaleSource::File => lang.pick("из файла", "from the file"),
        ScaleSource::Catalogue => lang.pick("из каталога шкал", "from the catalogue"),
        ScaleSource::Inferred => lang.pick(
            "выведена из пар «балл — отметка»",
            "inferred from score and mark pairs",
        ),
        ScaleSource::User => lang.pick("задана пользователем", "set by the user"),
        ScaleSource::Missing => lang.pick("нет", "missing"),
    }
}

pub fn severity_name(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Info => lang.pick("сведения", "info"),
        Severity::Warning => lang.pick("предупреждение", "warning"),
        Severity::Error => lang.pick("ошибка", "error"),
    }
}

pub fn need_name(n: Need, lang: Lang) -> &'static str {
    match n {
        Need::Kind => lang.pick("вид процедуры", "procedure kind"),
        Need::Subject => lang.pick("предмет", "subject"),
        Need::Grade => lang.pick("класс (параллель)", "grade"),
        Need::Year => lang.pick("год", "year"),
        Need::Scale => lang.pick("шкала перевода в отметки", "conversion scale"),
        Need::SchoolColumn => lang.pick("столбец с кодом школы", "school code column"),
    }
}

pub fn level_name(l: TaskLevel, lang: Lang) -> &'static str {
    match (l, lang) {
        (l, Lang::Ru) => l.letter(),
        (TaskLevel::Basic, Lang::En) => "B",
        (TaskLevel::Advanced, Lang::En) => "A",
        (TaskLevel::High, Lang::En) => "H",
    }
}

/// Stable codes of column roles (for `<select>` values) with their localised names.
pub const ROLE_CODES: [&str; 13] = [
    "school",
    "school_name",
    "class",
    "pupil_code",
    "pupil_name",
    "variant",
    "sex",
    "total",
    "mark",
    "journal",
    "task",
    "value",
    "ignored",
];

pub fn role_code(r: &ColumnRole) -> &'static str {
    match r {
        ColumnRole::School => "school",
        ColumnRole::SchoolName => "school_name",
        ColumnRole::Class => "class",
        ColumnRole::PupilCode => "pupil_code",
        ColumnRole::PupilName => "pupil_name",
        ColumnRole::Variant => "variant",
        ColumnRole::Sex => "sex",
        ColumnRole::Total => "total",
        ColumnRole::Mark => "mark",
        ColumnRole::Journal => "journal",
        ColumnRole::Task(_) => "task",
        ColumnRole::Value => "value",
        ColumnRole::Ignored => "ignored",
    }
}

/// The role for a code; a task takes the column header as its label.
pub fn role_from_code(code: &str, header: &str) -> Option<ColumnRole> {
    Some(match code {
        "school" => ColumnRole::School,
        "school_name" => ColumnRole::SchoolName,
        "class" => ColumnRole::Class,
        "pupil_code" => ColumnRole::PupilCode,
        "pupil_name" => ColumnRole::PupilName,
        "variant" => ColumnRole::Variant,
        "sex" => ColumnRole::Sex,
        "total" => ColumnRole::Total,
        "mark" => ColumnRole::Mark,
        "journal" => ColumnRole::Journal,
        "task" => ColumnRole::Task(header.trim().to_string()),
        "value" => ColumnRole::Value,
        "ignored" => ColumnRole::Ignored,
        _ => return None,
    })
}

pub fn role_name(code: &str, lang: Lang) -> &'static str {
    match code {
        "school" => lang.pick("код школы", "school code"),
        "school_name" => lang.pick("название школы", "school name"),
        "class" => lang.pick("класс", "class"),
        "pupil_code" => lang.pick(
            "код ученика (псевдонимизируется)",
            "pupil code (pseudonymised)",
        ),
        "pupil_name" => lang.pick("ФИО (удаляется)", "pupil name (dropped)"),
        "variant" => lang.pick("вариант", "variant"),
        "sex" => lang.pick("пол", "sex"),
        "total" => lang.pick("первичный балл", "primary score"),
        "mark" => lang.pick("отметка", "mark"),
        "journal" => lang.pick("отметка в журнале", "journal mark"),
        "task" => lang.pick("задание", "task"),
        "value" => lang.pick("показатель школы", "school value"),
        "ignored" => lang.pick("не используется", "ignored"),
        _ => "?",
    }
}

/// A role with its detail, for display (`задание 3`).
pub fn role_label(r: &ColumnRole, lang: Lang) -> String {
    match r {
        ColumnRole::Task(l) => format!("{} {l}", role_name("task", lang)),
        other => role_name(role_code(other), lang).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for c in ROLE_CODES {
            let r = role_from_code(c, "7").unwrap();
            assert_eq!(role_code(&r), c);
            assert_ne!(role_name(c, Lang::Ru), "?");
        }
    }
}
