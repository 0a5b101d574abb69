//! Texts of «Объективность», Russian and English side by side. The wording is «признаки», never
//! «нарушение»: the screen shows signs with their evidence, not verdicts.

use super::Lang;
use integra_core::objectivity::{Indicator, Reason, SizeUnit, Status};
use leptos::prelude::*;

pub struct ObjTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub col_school: &'static str,
    pub col_name: &'static str,
    pub col_count: &'static str,
    pub col_status: &'static str,
    pub col_persistent: &'static str,
    pub persistent_yes: &'static str,
    pub filter_status: &'static str,
    pub filter_subject: &'static str,
    pub filter_indicator: &'static str,
    pub all: &'static str,
    pub table_title: &'static str,
    pub recommendations: &'static str,
    pub col_measure: &'static str,
    pub settings: &'static str,
    pub settings_hint: &'static str,
    pub published: &'static str,
    pub ours: &'static str,
    pub independent_kinds: &'static str,
    pub indicators_on: &'static str,
    pub reset: &'static str,
    pub school_title: &'static str,
    pub no_signs: &'static str,
    pub value: &'static str,
    pub reference: &'static str,
    pub threshold: &'static str,
    pub n: &'static str,
    pub q: &'static str,
    pub class: &'static str,
    pub back: &'static str,
    pub similar_groups: &'static str,
    pub z_axis: &'static str,
    pub share_axis: &'static str,
    pub pupils_axis: &'static str,
    pub size: &'static str,
    pub p_sampling: &'static str,
    pub p_spread: &'static str,
    pub funnel_title: &'static str,
    pub funnel_units: &'static str,
    pub funnel_this: &'static str,
    pub funnel_fired: &'static str,
    pub funnel_centre: &'static str,
    pub funnel_95: &'static str,
    pub funnel_alpha: &'static str,
    pub funnel_x: &'static str,
    pub funnel_none: &'static str,
    pub scale_title: &'static str,
    pub scale_intro: &'static str,
    pub scale_what: &'static str,
    pub scale_observed: &'static str,
    pub scale_null: &'static str,
    pub scale_any: &'static str,
    pub tests_line: &'static str,
    pub school_tests: &'static str,
    pub reasons_title: &'static str,
    pub lone_signs: &'static str,
    pub spread_setting: &'static str,
}

pub static RU: ObjTexts = ObjTexts {
    nav: "Объективность",
    title: "Объективность результатов",
    intro: "Признаки необъективности по каждой школе: каждый признак показан с доказательством — значением, эталоном района, числом участников, p-значением и картинкой. Это повод разобраться, а не вывод о нарушении.",
    col_school: "Школа",
    col_name: "Название",
    col_count: "Количество маркеров",
    col_status: "Статус",
    col_persistent: "Повторяется",
    persistent_yes: "2 из 3 последних лет",
    filter_status: "Статус",
    filter_subject: "Предмет",
    filter_indicator: "Признак",
    all: "все",
    table_title: "Маркеры по школам, классам (параллелям) и предметам",
    recommendations: "Рекомендации",
    col_measure: "Мера",
    settings: "Настройки порогов",
    settings_hint: "Изменение порога сразу пересчитывает анализ. «Опубликовано» — из документов Рособрнадзора и ФИОКО; «наше предложение» — значения Интегры по умолчанию.",
    published: "опубликовано",
    ours: "наше предложение",
    independent_kinds: "Независимые процедуры (внешняя проверка)",
    indicators_on: "Признаки",
    reset: "По умолчанию",
    school_title: "Признаки необъективности",
    no_signs: "Признаков не найдено.",
    value: "значение",
    reference: "район",
    threshold: "порог",
    n: "n",
    q: "q (с поправкой)",
    class: "класс",
    back: "← Все школы",
    similar_groups: "Группы одинаковых ответов",
    z_axis: "z (стандартизованный средний)",
    share_axis: "% учеников",
    pupils_axis: "учеников в группе",
    size: "размер эффекта",
    p_sampling: "p (выборка)",
    p_spread: "p (на фоне школ)",
    funnel_title: "Среди всех проверенных",
    funnel_units: "другие",
    funnel_this: "эта",
    funnel_fired: "с признаком",
    funnel_centre: "типичное",
    funnel_95: "граница 95 %",
    funnel_alpha: "граница признака",
    funnel_x: "участников",
    funnel_none: "Разброс не оценён: в процедуре меньше 8 проверенных групп, признак сравнивается только со случайной ошибкой выборки.",
    scale_title: "Масштаб по району",
    scale_intro: "Сколько школ получили статус и каждый признак — и сколько их получили бы те же работы, случайно перемешанные между школами и классами. Если в перемешанных данных почти столько же, порог слишком мягкий для этого района.",
    scale_what: "Что",
    scale_observed: "Школ в данных",
    scale_null: "В перемешанных данных",
    scale_any: "любой статус",
    tests_line: "Проверок выполнено: {tests} по {schools} школам.",
    school_tests: "Проверок по школе: {tests}. Статус дают только согласованные признаки; одиночный обычный признак при многих проверках — то, что дают случайность и обычные различия между школами.",
    reasons_title: "Почему такой статус",
    lone_signs: "Отдельные признаки (статуса не дают)",
    spread_setting: "Сравнивать с разбросом школ и классов района, а не только со случайной ошибкой выборки",
};

pub static EN: ObjTexts = ObjTexts {
    nav: "Objectivity",
    title: "Objectivity of results",
    intro: "Signs of non-objective results per school: each sign is shown with its evidence — value, the district's reference, n, p-value and a picture. A reason to look closer, not a finding of violation.",
    col_school: "School",
    col_name: "Name",
    col_count: "Markers",
    col_status: "Status",
    col_persistent: "Repeats",
    persistent_yes: "2 of the last 3 years",
    filter_status: "Status",
    filter_subject: "Subject",
    filter_indicator: "Sign",
    all: "all",
    table_title: "Markers by school, grade and subject",
    recommendations: "Recommendations",
    col_measure: "Measure",
    settings: "Thresholds",
    settings_hint: "Changing a threshold reruns the analysis at once. «Published»: from Рособрнадзор and ФИОКО documents; «our proposal»: Integra's defaults.",
    published: "published",
    ours: "our proposal",
    independent_kinds: "Independent procedures (externally checked)",
    indicators_on: "Signs",
    reset: "Defaults",
    school_title: "Signs of non-objective results",
    no_signs: "No signs found.",
    value: "value",
    reference: "district",
    threshold: "threshold",
    n: "n",
    q: "q (adjusted)",
    class: "class",
    back: "← All schools",
    similar_groups: "Groups of identical answers",
    z_axis: "z (standardised mean)",
    share_axis: "% of pupils",
    pupils_axis: "pupils in the group",
    size: "effect size",
    p_sampling: "p (sampling)",
    p_spread: "p (among units)",
    funnel_title: "Among all units tested",
    funnel_units: "others",
    funnel_this: "this one",
    funnel_fired: "with a sign",
    funnel_centre: "typical",
    funnel_95: "95 % limit",
    funnel_alpha: "limit for a sign",
    funnel_x: "participants",
    funnel_none: "No spread estimated: fewer than 8 units were tested in this procedure, so the sign is compared with sampling error only.",
    scale_title: "Scale across the district",
    scale_intro: "How many schools got a status and each sign — and how many the same works would give shuffled at random across schools and classes. If the shuffled data give almost as many, the threshold is too loose for this district.",
    scale_what: "What",
    scale_observed: "Schools in the data",
    scale_null: "In shuffled data",
    scale_any: "any status",
    tests_line: "Tests run: {tests} across {schools} schools.",
    school_tests: "Tests on this school: {tests}. Only signs that agree give a status; one ordinary sign among many tests is what chance and ordinary differences between schools give.",
    reasons_title: "Why this status",
    lone_signs: "Lone signs (no status)",
    spread_setting: "Compare with the spread of the district's schools and classes, not only with sampling error",
};

pub fn obj_texts(lang: Lang) -> &'static ObjTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

pub fn use_obj_texts() -> impl Fn() -> &'static ObjTexts + Copy + Send + Sync + 'static {
    let lang = super::use_lang();
    move || obj_texts(lang.get())
}

/// The indicator's name.
pub fn indicator_name(i: Indicator, lang: Lang) -> &'static str {
    match i {
        Indicator::Concordance => lang.pick(
            "Расхождение с журнальными отметками",
            "Mismatch with journal marks",
        ),
        Indicator::Bunching => lang.pick(
            "Скопление баллов у границы отметки",
            "Scores bunched at a mark boundary",
        ),
        Indicator::Inversion => lang.pick(
            "Трудные задания лучше, чем предсказывают базовые",
            "Hard tasks better than the basic tasks predict",
        ),
        Indicator::Independent => lang.pick(
            "Не подтверждено независимой процедурой",
            "Not confirmed by an independent procedure",
        ),
        Indicator::Fluctuation => lang.pick(
            "Неожиданный скачок результатов",
            "Unexpected jump in results",
        ),
        Indicator::PersonFit => lang.pick("Нетипичные профили ответов", "Atypical answer patterns"),
        Indicator::Similarity => {
            lang.pick("Одинаковые ответы в классе", "Identical answers in a class")
        }
    }
}

/// The status's name.
pub fn status_name(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::None => lang.pick("нет признаков", "no signs"),
        Status::Attention => lang.pick("зона внимания", "attention zone"),
        Status::Signs => lang.pick("признаки необъективности", "signs of non-objectivity"),
    }
}

/// The unit of an effect size, after the number.
pub fn size_unit_name(u: SizeUnit, lang: Lang) -> &'static str {
    match u {
        SizeUnit::Share => lang.pick("п. п.", "p.p."),
        SizeUnit::LogOdds => lang.pick("лог. отношения шансов", "log odds ratio"),
        SizeUnit::Sd => lang.pick("ст. откл.", "SD"),
    }
}

/// A reason for a status in words; `label` names a procedure by its id.
pub fn reason_text(r: &Reason, label: &dyn Fn(&str) -> String, lang: Lang) -> String {
    match r {
        Reason::MarkersInSubjects { subjects } => format!(
            "{}: {}.",
            lang.pick(
                "Маркеры по двум и более предметам",
                "Markers in two or more subjects"
            ),
            subjects.join(", ")
        ),
        Reason::MarkersInYears { years } => format!(
            "{}: {}.",
            lang.pick(
                "Маркеры в двух и более годах",
                "Markers in two or more years"
            ),
            years
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Reason::Marker { procedure } => format!(
            "{}: {}.",
            lang.pick("Два признака в одной работе", "Two signs in one work"),
            label(procedure)
        ),
        Reason::Parallel { grade, year } => format!(
            "{} ({grade} {}, {year}).",
            lang.pick(
                "Два признака в одной параллели",
                "Signs in two works of one grade"
            ),
            lang.pick("кл.", "grade"),
        ),
        Reason::SubjectYears { subject, years } => format!(
            "{} «{subject}» {} {}.",
            lang.pick("Признаки по предмету", "Signs in"),
            lang.pick("в годах", "in the years"),
            years
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Reason::Strong {
            procedure,
            indicator,
        } => format!(
            "{}: {} — {}.",
            lang.pick(
                "Один сильный признак (эффект не меньше двух минимальных)",
                "One strong sign (an effect of at least twice the minimum)"
            ),
            indicator_name(*indicator, lang),
            label(procedure)
        ),
    }
}
