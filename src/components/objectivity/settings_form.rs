//! Every threshold of the objectivity analysis with its source (published or our proposal), the
//! independent procedure kinds and the indicators in use; a change reruns the analysis at once.

use crate::i18n::{indicator_name, kind_name, use_lang, use_obj_texts};
use crate::state::use_state;
use integra_core::model::ProcedureKind;
use integra_core::objectivity::settings::Source;
use integra_core::objectivity::{Indicator, Settings};
use leptos::prelude::*;

type Getter = fn(&Settings) -> f64;
type Setter = fn(&mut Settings, f64);

/// (field, Russian label, English label, get, set, step)
fn fields() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    Getter,
    Setter,
    f64,
)> {
    vec![
        (
            "alpha",
            "Уровень значимости (после поправки Бенджамини — Хохберга)",
            "Significance level (after Benjamini–Hochberg)",
            |s| s.alpha,
            |s, v| s.alpha = v,
            0.001,
        ),
        (
            "concordance_percentile",
            "Журнал: процентиль района",
            "Journal: district percentile",
            |s| s.concordance_percentile,
            |s, v| s.concordance_percentile = v,
            0.01,
        ),
        (
            "concordance_min_excess",
            "Журнал: минимальный эффект (доля выше ожидаемой)",
            "Journal: minimum effect (share above expected)",
            |s| s.concordance_min_excess,
            |s, v| s.concordance_min_excess = v,
            0.01,
        ),
        (
            "bunching_min",
            "Скопление: минимум работ у порога",
            "Bunching: minimum works at a threshold",
            |s| s.bunching_min as f64,
            |s, v| s.bunching_min = v.max(1.0) as usize,
            1.0,
        ),
        (
            "bunching_min_effect",
            "Скопление: минимальный эффект B",
            "Bunching: minimum effect B",
            |s| s.bunching_min_effect,
            |s, v| s.bunching_min_effect = v,
            0.1,
        ),
        (
            "inversion_percentile",
            "Инверсия: процентиль района",
            "Inversion: district percentile",
            |s| s.inversion_percentile,
            |s, v| s.inversion_percentile = v,
            0.01,
        ),
        (
            "inversion_min_di",
            "Инверсия: минимальное превышение над ожиданием",
            "Inversion: minimum excess over the prediction",
            |s| s.inversion_min_di,
            |s, v| s.inversion_min_di = v,
            0.01,
        ),
        (
            "independent_z",
            "Независимая процедура: z школы",
            "Independent procedure: school z",
            |s| s.independent_z,
            |s, v| s.independent_z = v,
            0.1,
        ),
        (
            "independent_gap",
            "Независимая процедура: разрыв z",
            "Independent procedure: z gap",
            |s| s.independent_gap,
            |s, v| s.independent_gap = v,
            0.1,
        ),
        (
            "fluctuation_rise",
            "Скачок: рост, SD",
            "Jump: rise, SD",
            |s| s.fluctuation_rise,
            |s, v| s.fluctuation_rise = v,
            0.1,
        ),
        (
            "fluctuation_fall",
            "Скачок: последующее падение, SD",
            "Jump: following fall, SD",
            |s| s.fluctuation_fall,
            |s, v| s.fluctuation_fall = v,
            0.1,
        ),
        (
            "fluctuation_school_rise",
            "Скачок: средний рост работ школы за год, SD",
            "Jump: mean rise of the school's works in a year, SD",
            |s| s.fluctuation_school_rise,
            |s, v| s.fluctuation_school_rise = v,
            0.1,
        ),
        (
            "person_fit_percentile",
            "Профили ответов: процентиль района",
            "Answer patterns: district percentile",
            |s| s.person_fit_percentile,
            |s, v| s.person_fit_percentile = v,
            0.01,
        ),
        (
            "person_fit_min_excess",
            "Профили ответов: минимальный эффект (доля выше 5 %)",
            "Answer patterns: minimum effect (share above 5 %)",
            |s| s.person_fit_min_excess,
            |s, v| s.person_fit_min_excess = v,
            0.01,
        ),
        (
            "similarity_share",
            "Одинаковые ответы: доля класса",
            "Identical answers: share of the class",
            |s| s.similarity_share,
            |s, v| s.similarity_share = v,
            0.01,
        ),
        (
            "strong_factor",
            "Сильный признак: во сколько раз эффект выше минимального",
            "Strong sign: times the minimum effect",
            |s| s.strong_factor,
            |s, v| s.strong_factor = v,
            0.1,
        ),
        (
            "min_unit",
            "Минимум участников в школе",
            "Minimum participants of a school",
            |s| s.min_unit as f64,
            |s, v| s.min_unit = v.max(1.0) as usize,
            1.0,
        ),
        (
            "min_class",
            "Минимум учеников в классе",
            "Minimum pupils of a class",
            |s| s.min_class as f64,
            |s, v| s.min_class = v.max(1.0) as usize,
            1.0,
        ),
    ]
}

#[component]
pub fn SettingsForm() -> impl IntoView {
    let state = use_state();
    let o = use_obj_texts();
    let lang = use_lang();
    let rows = move || {
        let l = lang.get();
        let o = o();
        fields()
            .into_iter()
            .map(|(field, ru, en, get, set, step)| {
                let value = move || get(&state.obj_settings.get()).to_string();
                let on = move |ev: leptos::ev::Event| {
                    if let Ok(v) = event_target_value(&ev).replace(',', ".").parse::<f64>() {
                        if v.is_finite() && v >= 0.0 {
                            state.obj_settings.update(|s| set(s, v));
                        }
                    }
                };
                let source = match Settings::source(field) {
                    Source::Published => o.published,
                    Source::Ours => o.ours,
                };
                view! {
                    <label class="obj-setting">
                        <span>{l.pick(ru, en)}</span>
                        <input type="number" step=step.to_string() min="0" data-testid=format!("set-{field}")
                            prop:value=value on:change=on/>
                        <span class="muted small">{source}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let kinds = move || {
        let l = lang.get();
        [ProcedureKind::Vpr, ProcedureKind::Rdr, ProcedureKind::Oge, ProcedureKind::Ege, ProcedureKind::Niko]
            .into_iter()
            .map(|k| {
                let checked = move || state.obj_settings.with(|s| s.independence.is_independent(k));
                let on = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    state.obj_settings.update(|s| {
                        s.independence.independent.retain(|x| *x != k);
                        if on {
                            s.independence.independent.push(k);
                        }
                    });
                };
                view! {
                    <label class="obj-check">
                        <input type="checkbox" data-testid=format!("indep-{}", k.code()) prop:checked=checked on:change=on/>
                        " "{kind_name(k, l)}
                    </label>
                }
            })
            .collect_view()
    };
    let indicators = move || {
        let l = lang.get();
        Indicator::ALL
            .into_iter()
            .map(|i| {
                let checked = move || state.obj_settings.with(|s| s.enabled(i));
                let on = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    state.obj_settings.update(|s| {
                        s.disabled.retain(|x| *x != i);
                        if !on {
                            s.disabled.push(i);
                        }
                    });
                };
                view! {
                    <label class="obj-check">
                        <input type="checkbox" prop:checked=checked on:change=on/>
                        " "{indicator_name(i, l)}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <details class="obj-settings no-print" data-testid="obj-settings">
            <summary>{move || o().settings}</summary>
            <p class="muted small">{move || o().settings_hint}</p>
            <div class="obj-settings-grid">{rows}</div>
            <label class="obj-check">
                <input type="checkbox" data-testid="set-spread"
                    prop:checked=move || state.obj_settings.with(|s| s.spread)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.obj_settings.update(|s| s.spread = on);
                    }/>
                " "{move || o().spread_setting}
                <span class="muted small">" "{move || o().ours}</span>
            </label>
            <h3 class="sub">{move || o().independent_kinds}</h3>
            <div class="obj-checks">{kinds}</div>
            <h3 class="sub">{move || o().indicators_on}</h3>
            <div class="obj-checks">{indicators}</div>
            <button class="btn" on:click=move |_| state.obj_settings.set(Settings::default())>{move || o().reset}</button>
        </details>
    }
}
