//! Texts of «Перепроверка работ» (the re-check section of «Объективность»), Russian and
//! English side by side.

use super::{fmt_dec, fmt_int, Lang};
use integra_core::objectivity::recheck::{Because, Why};
use integra_core::report::recheck::Withheld;
use leptos::prelude::*;

pub struct RecheckTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub plan_title: &'static str,
    pub works_per_unit: &'static str,
    pub sign_weight: &'static str,
    pub school_weight: &'static str,
    pub min_per_school: &'static str,
    pub boundary_share: &'static str,
    pub seed: &'static str,
    pub procedures: &'static str,
    pub all_procedures: &'static str,
    /// «4 из 14».
    pub of: &'static str,
    pub schools: &'static str,
    pub schools_hint: &'static str,
    pub compose: &'static str,
    /// «{value}» is not a whole number (field label first).
    pub not_integer: &'static str,
    pub not_number: &'static str,
    pub sample_title: &'static str,
    /// «{works} works from {schools} schools».
    pub sample_line: &'static str,
    pub by_school: &'static str,
    pub by_procedure: &'static str,
    pub col_school: &'static str,
    pub col_name: &'static str,
    pub col_procedure: &'static str,
    pub col_works: &'static str,
    pub col_in_sign: &'static str,
    pub col_in_school: &'static str,
    pub col_boundary: &'static str,
    pub col_why: &'static str,
    pub col_units: &'static str,
    pub col_units_signs: &'static str,
    pub col_eligible: &'static str,
    pub download: &'static str,
    pub download_hint: &'static str,
    pub import_title: &'static str,
    pub import_hint: &'static str,
    pub choose_files: &'static str,
    pub read_files: &'static str,
    pub count_rows: &'static str,
    pub count_used: &'static str,
    pub count_blank: &'static str,
    pub count_rejected: &'static str,
    pub count_not_in_sample: &'static str,
    pub count_not_returned: &'static str,
    pub agreement_title: &'static str,
    /// «{works} works compared; not confirmed: {nc}, confirmed: {c}, too few works: {few}».
    pub agreement_line: &'static str,
    pub skipped: &'static str,
    pub agreement_schools: &'static str,
    pub agreement_units: &'static str,
    pub agreement_procedures: &'static str,
    pub col_exact: &'static str,
    pub col_kappa: &'static str,
    pub col_mean_original: &'static str,
    pub col_mean_recheck: &'static str,
    pub col_shift: &'static str,
    pub col_ci: &'static str,
    pub col_marks_changed: &'static str,
    pub col_marks_lowered: &'static str,
    pub col_marks_raised: &'static str,
    pub col_mark_shift: &'static str,
    pub col_verdict: &'static str,
    pub col_why_verdict: &'static str,
    pub district: &'static str,
    pub tasks_title: &'static str,
    pub tasks_choose: &'static str,
    pub col_task: &'static str,
    pub col_max: &'static str,
    pub col_kappa_linear: &'static str,
    pub col_kappa_quadratic: &'static str,
    pub apply: &'static str,
    pub apply_hint: &'static str,
    /// The banner while the analysis uses the re-checked scores ({works}).
    pub apply_on: &'static str,
    pub evidence: &'static str,
    pub rule_hint: &'static str,
}

pub static RU: RecheckTexts = RecheckTexts {
    title: "Перепроверка работ",
    intro: "Признаки говорят, где смотреть; перепроверка выборки работ показывает, подтверждается ли исходная проверка. Составьте выборку, скачайте списки для перепроверяющих, загрузите заполненные списки — и увидите согласованность и вывод по каждой школе.",
    plan_title: "1. Выборка",
    works_per_unit: "Работ на школу × процедуру без признаков",
    sign_weight: "Множитель для школы × процедуры с признаком",
    school_weight: "Множитель для других процедур школы с признаком",
    min_per_school: "Не меньше работ на школу",
    boundary_share: "Доля работ у порога скопления (0–1)",
    seed: "Зерно случайного выбора",
    procedures: "Процедуры",
    all_procedures: "все",
    of: "из",
    schools: "Школы",
    schools_hint: "коды через запятую; пусто — все школы",
    compose: "Составить выборку",
    not_integer: "«{value}» — не целое число: впишите целое число не меньше 0.",
    not_number: "«{value}» — не число: впишите число (дробную часть — через запятую или точку).",
    sample_title: "2. Выборка и списки",
    sample_line: "В выборке {works} работ из {schools} школ.",
    by_school: "По школам",
    by_procedure: "По процедурам",
    col_school: "Школа",
    col_name: "Название",
    col_procedure: "Процедура",
    col_works: "Работ",
    col_in_sign: "из них в работах с признаком",
    col_in_school: "в других работах школы с признаком",
    col_boundary: "у порога скопления",
    col_why: "Почему столько",
    col_units: "Школ",
    col_units_signs: "из них с признаком",
    col_eligible: "Работ всего",
    download: "Скачать списки (ZIP)",
    download_hint: "Один CSV на процедуру: школа, класс, файл, строка в файле и псевдоним участника, пустые столбцы для баллов. Ни имён, ни исходных баллов в списках нет: перепроверяющий не видит первую проверку.",
    import_title: "3. Заполненные списки",
    import_hint: "Загрузите списки с вписанными баллами (CSV или XLSX, можно несколько сразу). Работа находится по коду, а если код другой (другая сессия) — по файлу и строке.",
    choose_files: "Выбрать заполненные списки",
    read_files: "Прочитано файлов",
    count_rows: "Строк",
    count_used: "учтено",
    count_blank: "пустых (не перепроверялись)",
    count_rejected: "отклонено",
    count_not_in_sample: "не из выборки",
    count_not_returned: "работ выборки без баллов",
    agreement_title: "4. Согласованность и вывод",
    agreement_line: "Сравнено работ: {works}. Не подтверждено: {nc}, подтверждено перепроверкой: {c}, мало работ для вывода: {few}.",
    skipped: "Работ, которых больше нет в данных (не сравнивались)",
    agreement_schools: "По школам",
    agreement_units: "Школа × процедура",
    agreement_procedures: "По процедурам (район)",
    col_exact: "Совпало баллов",
    col_kappa: "Каппа (взвеш.)",
    col_mean_original: "Средний балл: исходный",
    col_mean_recheck: "перепроверка",
    col_shift: "Сдвиг первичного балла",
    col_ci: "95 % интервал сдвига",
    col_marks_changed: "Отметок изменилось бы",
    col_marks_lowered: "понизилось",
    col_marks_raised: "повысилось",
    col_mark_shift: "Сдвиг отметки",
    col_verdict: "Вывод",
    col_why_verdict: "Основание",
    district: "район",
    tasks_title: "По заданиям",
    tasks_choose: "Показать задания",
    col_task: "Задание",
    col_max: "Макс.",
    col_kappa_linear: "Каппа (линейн.)",
    col_kappa_quadratic: "Каппа (квадрат.)",
    apply: "Анализировать с баллами перепроверки",
    apply_hint: "Все экраны (обзор, процедуры, объективность) считаются по данным, в которых перепроверенные работы заменены баллами перепроверки.",
    apply_on: "Анализ идёт с баллами перепроверки: {works} работ заменены перепроверенными. Исходные данные не изменены; снимите отметку в разделе «Перепроверка работ», чтобы вернуться к ним.",
    evidence: "Перепроверка",
    rule_hint: "Вывод «не подтверждено»: исходные баллы выше перепроверки не меньше чем на 1 балл в среднем (95 % интервал выше 0) или отметки понизились бы заметно чаще, чем повысились; для вывода нужно не меньше 10 работ, цифры по меньше чем 5 работам не показываются.",
};

pub static EN: RecheckTexts = RecheckTexts {
    title: "Re-checking works",
    intro: "The signs say where to look; a re-check of a sample of works says whether the original marking holds. Compose the sample, download the lists for the re-checkers, load the filled lists back, and see the agreement and the verdict for every school.",
    plan_title: "1. The sample",
    works_per_unit: "Works per school × procedure without signs",
    sign_weight: "Weight of a school × procedure with a sign",
    school_weight: "Weight of the other procedures of a school with a sign",
    min_per_school: "At least this many works per school",
    boundary_share: "Share of works at a bunching threshold (0–1)",
    seed: "Random seed",
    procedures: "Procedures",
    all_procedures: "all",
    of: "of",
    schools: "Schools",
    schools_hint: "codes separated by commas; empty: all schools",
    compose: "Compose the sample",
    not_integer: "«{value}» is not a whole number: write a whole number of at least 0.",
    not_number: "«{value}» is not a number: write a number.",
    sample_title: "2. The sample and the lists",
    sample_line: "The sample holds {works} works from {schools} schools.",
    by_school: "By school",
    by_procedure: "By procedure",
    col_school: "School",
    col_name: "Name",
    col_procedure: "Procedure",
    col_works: "Works",
    col_in_sign: "of them in works with a sign",
    col_in_school: "in other works of a school with a sign",
    col_boundary: "at a bunching threshold",
    col_why: "Why so many",
    col_units: "Schools",
    col_units_signs: "of them with a sign",
    col_eligible: "Works in all",
    download: "Download the lists (ZIP)",
    download_hint: "One CSV per procedure: school, class, file, row in the file and the pupil's pseudonym, empty columns for the scores. No names and no original scores: the re-checker does not see the first marking.",
    import_title: "3. The filled lists",
    import_hint: "Load the lists with the scores filled in (CSV or XLSX, several at once). A work is found by its code, or, when the code differs (another session), by its file and row.",
    choose_files: "Choose the filled lists",
    read_files: "Files read",
    count_rows: "Rows",
    count_used: "used",
    count_blank: "empty (not re-checked)",
    count_rejected: "refused",
    count_not_in_sample: "outside the sample",
    count_not_returned: "works of the sample without scores",
    agreement_title: "4. Agreement and verdict",
    agreement_line: "Works compared: {works}. Not confirmed: {nc}, confirmed by re-check: {c}, too few works for a verdict: {few}.",
    skipped: "Works no longer in the data (not compared)",
    agreement_schools: "By school",
    agreement_units: "School × procedure",
    agreement_procedures: "By procedure (district)",
    col_exact: "Scores unchanged",
    col_kappa: "Kappa (weighted)",
    col_mean_original: "Mean score: original",
    col_mean_recheck: "re-check",
    col_shift: "Shift of the primary score",
    col_ci: "95% interval of the shift",
    col_marks_changed: "Marks that would change",
    col_marks_lowered: "lowered",
    col_marks_raised: "raised",
    col_mark_shift: "Shift of the mark",
    col_verdict: "Verdict",
    col_why_verdict: "Grounds",
    district: "district",
    tasks_title: "By task",
    tasks_choose: "Show the tasks of",
    col_task: "Task",
    col_max: "Max",
    col_kappa_linear: "Kappa (linear)",
    col_kappa_quadratic: "Kappa (quadratic)",
    apply: "Analyse with the re-checked scores",
    apply_hint: "Every screen (overview, procedures, objectivity) is computed on the data with the re-checked works' scores in place of the originals.",
    apply_on: "The analysis uses the re-checked scores: {works} works replaced by their re-check. The source data is unchanged; clear the box in «Re-checking works» to go back to it.",
    evidence: "Re-check",
    rule_hint: "«Not confirmed»: the original totals exceed the re-check by at least 1 point on average (95% interval above 0), or marks would fall clearly more often than rise; a verdict needs at least 10 works, and no figure about fewer than 5 works is shown.",
};

pub fn recheck_texts(lang: Lang) -> &'static RecheckTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

pub fn use_recheck_texts() -> impl Fn() -> &'static RecheckTexts + Copy + Send + Sync + 'static {
    let lang = super::use_lang();
    move || recheck_texts(lang.get())
}

/// Why a school got its number of works.
pub fn why_name(w: Why, lang: Lang) -> &'static str {
    match w {
        Why::Base => lang.pick("обычная доля", "the base share"),
        Why::School => lang.pick(
            "признак в другой работе школы",
            "a sign in another work of the school",
        ),
        Why::Sign => lang.pick("признак в этой работе", "a sign in this work"),
    }
}

/// Why a row shows no figures.
pub fn withheld_text(w: Withheld, lang: Lang) -> &'static str {
    match w {
        Withheld::TooFewWorks => lang.pick(
            "меньше 5 работ: цифры не показываются",
            "fewer than 5 works: no figures are shown",
        ),
    }
}

/// A ground of «не подтверждено» in words; `label` names a procedure by its id.
pub fn because_text(b: &Because, label: &dyn Fn(&str) -> String, lang: Lang) -> String {
    match b {
        Because::Shift { mean, lower } => match lang {
            Lang::Ru => format!(
                "исходный первичный балл выше перепроверки в среднем на {} (интервал от {})",
                fmt_dec(*mean, 2, lang),
                fmt_dec(*lower, 2, lang)
            ),
            Lang::En => format!(
                "original primary scores exceed the re-check by {} on average (interval from {})",
                fmt_dec(*mean, 2, lang),
                fmt_dec(*lower, 2, lang)
            ),
        },
        Because::MarksLowered {
            lowered, raised, ..
        } => match lang {
            Lang::Ru => format!(
                "отметка понизилась бы у {} работ, повысилась бы у {}",
                fmt_int(*lowered, lang),
                fmt_int(*raised, lang)
            ),
            Lang::En => format!(
                "the mark would fall in {} works and rise in {}",
                fmt_int(*lowered, lang),
                fmt_int(*raised, lang)
            ),
        },
        Because::Procedure { procedure } => format!(
            "{} «{}»",
            lang.pick("не подтверждено по процедуре", "not confirmed in"),
            label(procedure)
        ),
    }
}

/// The grounds of «не подтверждено» in words, the procedures not confirmed in one phrase.
pub fn because_list(bs: &[Because], label: &dyn Fn(&str) -> String, lang: Lang) -> Vec<String> {
    let procedures: Vec<String> = bs
        .iter()
        .filter_map(|b| match b {
            Because::Procedure { procedure } => Some(format!("«{}»", label(procedure))),
            _ => None,
        })
        .collect();
    let mut out: Vec<String> = bs
        .iter()
        .filter(|b| !matches!(b, Because::Procedure { .. }))
        .map(|b| because_text(b, label, lang))
        .collect();
    match procedures.len() {
        0 => {}
        1 => out.push(format!(
            "{} {}",
            lang.pick("не подтверждено по процедуре", "not confirmed in"),
            procedures[0]
        )),
        _ => out.push(format!(
            "{} {}",
            lang.pick("не подтверждено по процедурам", "not confirmed in"),
            procedures.join(", ")
        )),
    }
    out
}
