//! Texts of «Объективность», Russian and English side by side. The wording is «признаки», never
//! «нарушение»: the screen shows signs with their evidence, not verdicts.

use super::Lang;
use integra_core::objectivity::{Indicator, Status};
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
    pub p: &'static str,
    pub q: &'static str,
    pub class: &'static str,
    pub back: &'static str,
    pub similar_groups: &'static str,
    pub z_axis: &'static str,
    pub share_axis: &'static str,
    pub pupils_axis: &'static str,
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
    p: "p",
    q: "q (с поправкой)",
    class: "класс",
    back: "← Все школы",
    similar_groups: "Группы одинаковых ответов",
    z_axis: "z (стандартизованный средний)",
    share_axis: "% учеников",
    pupils_axis: "учеников в группе",
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
    p: "p",
    q: "q (adjusted)",
    class: "class",
    back: "← All schools",
    similar_groups: "Groups of identical answers",
    z_axis: "z (standardised mean)",
    share_axis: "% of pupils",
    pupils_axis: "pupils in the group",
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
            "Лёгкие задания хуже, трудные лучше района",
            "Easy tasks worse, hard tasks better than the district",
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
