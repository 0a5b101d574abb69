//! One sign with its evidence: what fired, where (procedure, class), the value against the
//! district's reference with n, p, q and the threshold, a sentence in plain words, and the
//! picture (histogram around the threshold, concordance bars, task success by level, the
//! standardised means, the year line, the person-fit distribution, identical-answer groups).

use crate::charts::chart::EChart;
use crate::charts::common::GroupKind;
use crate::charts::concordance::concordance_chart;
use crate::charts::funnel::{display, funnel_chart, FunnelTexts};
use crate::charts::grouped_bars::{grouped_bars, BarSeries};
use crate::charts::score_histogram::score_histogram;
use crate::charts::task_success::task_success;
use crate::charts::trend::{trend, TrendLine};
use crate::i18n::{
    drill_texts, fmt_dec, fmt_int, indicator_name, obj_texts, size_unit_name, texts, Lang,
};
use integra_core::objectivity::independent::Link;
use integra_core::objectivity::{Evidence, Sign};
use integra_core::report::objectivity_evidence::{
    bunching_ratio, concordance_of, inversion_tasks, threshold_highlight, threshold_histogram,
};
use integra_core::report::objectivity_funnel::Funnel;
use integra_core::stats::Concordance;
use leptos::prelude::*;

/// The sentence of a sign.
/// A difference of success in words: «на 5,3 п. п. лучше» / «5.3 p.p. better than» (worse for
/// a negative one), to be followed by «района» / «the district».
fn pp_diff(d: f64, lang: Lang) -> String {
    let v = fmt_dec(d.abs() * 100.0, 1, lang);
    let word = if d >= 0.0 {
        lang.pick("п. п. лучше", "p.p. better than")
    } else {
        lang.pick("п. п. хуже", "p.p. worse than")
    };
    format!("{}{v} {word}", lang.pick("на ", ""))
}

pub fn sentence(sign: &Sign, lang: Lang) -> String {
    let c = &sign.candidate;
    let pct = |x: f64| fmt_dec(x * 100.0, 1, lang);
    match &c.evidence {
        Evidence::Concordance {
            unit,
            district,
            raised,
            school,
            ..
        } => {
            let (u, d) = if *raised {
                (unit[2], district[2])
            } else {
                (unit[0], district[0])
            };
            // The school's habit: the same share against the expected one in its other works.
            let habit = school.map(|h| {
                // The unit's abbreviation ends the sentence with its own full stop.
                format!(
                    " {} {} {}",
                    lang.pick(
                        "В других работах школы эта доля отличается от ожидаемой на",
                        "In the school's other works this share differs from the expected one by"
                    ),
                    fmt_dec(h * 100.0, 1, lang),
                    lang.pick("п. п.", "p.p.")
                )
            });
            let main = if *raised {
                format!(
                    "{} {} % {}; {} {} %.",
                    lang.pick(
                        "Отметку за работу выше журнальной получили",
                        "A mark above the journal mark went to"
                    ),
                    pct(u),
                    lang.pick("учеников", "of pupils"),
                    lang.pick("в районе —", "in the district,"),
                    pct(d)
                )
            } else {
                format!(
                    "{} {} % {}; {} {} %.",
                    lang.pick(
                        "Отметку за работу ниже журнальной получили",
                        "A mark below the journal mark went to"
                    ),
                    pct(u),
                    lang.pick(
                        "учеников (журнальные отметки завышены?)",
                        "of pupils (journal marks inflated?)"
                    ),
                    lang.pick("в районе —", "in the district,"),
                    pct(d)
                )
            };
            main + &habit.unwrap_or_default()
        }
        Evidence::Bunching {
            mark,
            above,
            below,
            district_above,
            district_below,
            hole,
            ..
        } => {
            let ratio = bunching_ratio(*district_above, *district_below).unwrap_or(f64::NAN);
            let mut s = format!(
                "{} «{mark}» — {above} {}, {} — {below}; {} ≈{}:1.",
                lang.pick("Сразу над порогом", "Just above the threshold of"),
                lang.pick("работ", "works"),
                lang.pick("на 1–2 балла ниже", "1–2 points below"),
                lang.pick("в районе соотношение", "in the district the ratio is"),
                fmt_dec(ratio, 1, lang),
            );
            if *hole {
                s.push_str(lang.pick(
                    " Балла прямо под порогом нет ни у кого.",
                    " Nobody has the score right below the threshold.",
                ));
            }
            s
        }
        Evidence::Inversion {
            basic_diff,
            hard_diff,
            by_levels,
            hard_expected,
            ..
        } => format!(
            "{} {} {}; {} {} {}.{} {}",
            lang.pick("Базовые задания выполнены", "Basic tasks are done"),
            pp_diff(*basic_diff, lang),
            lang.pick("района", "the district"),
            lang.pick("трудные —", "hard tasks"),
            pp_diff(*hard_diff, lang),
            lang.pick("района", "the district"),
            match hard_expected {
                Some(e) => format!(
                    " {} {} {}",
                    lang.pick(
                        "По базовым заданиям для трудных ожидалось:",
                        "From the basic tasks one would expect the hard tasks",
                    ),
                    pp_diff(*e, lang),
                    lang.pick("района.", "the district."),
                ),
                None => String::new(),
            },
            if *by_levels {
                lang.pick(
                    "Базовые и трудные — по уровням Б/П/В из описания работы.",
                    "Basic and hard by the levels Б/П/В of the work's description.",
                )
            } else {
                lang.pick(
                    "Уровни заданий не известны: базовые и трудные — треть самых лёгких и треть самых трудных заданий по району.",
                    "Task levels are unknown: basic and hard are the district's easiest and hardest thirds of the tasks.",
                )
            }
        ),
        Evidence::Independent {
            checked,
            independent,
            z_checked,
            z_independent,
            link,
        } => format!(
            "{checked}: z = {}; {independent}: z = {}. {}",
            fmt_dec(*z_checked, 2, lang),
            fmt_dec(*z_independent, 2, lang),
            match link {
                Link::Cohort => lang.pick(
                    "Сравнение одних и тех же учеников (та же параллель или тот же класс годом позже).",
                    "The same pupils are compared (the same grade, or the cohort a year on).",
                ),
                Link::School => lang.pick(
                    "Это сравнение школы в целом по разным параллелям: те же ученики независимую процедуру не писали.",
                    "This compares the school as a whole across different grades: the same pupils did not sit the independent procedure.",
                ),
            }
        ),
        Evidence::Fluctuation { years, z } => {
            let parts: Vec<String> = years
                .iter()
                .zip(z)
                .map(|(y, z)| {
                    format!(
                        "{y}: {}",
                        z.map(|z| fmt_dec(z, 2, lang)).unwrap_or_else(|| "—".into())
                    )
                })
                .collect();
            format!(
                "{} {}.",
                lang.pick(
                    "Стандартизованный результат по годам —",
                    "Standardised result by year:"
                ),
                parts.join(", ")
            )
        }
        Evidence::PersonFit { above, p95, .. } => format!(
            "{} {above} {} {} ({} {}).",
            lang.pick("У", "For"),
            lang.pick(
                "учеников профиль ответов нетипичнее, чем у 95 % учеников района",
                "pupils the answer pattern is less typical than for 95 % of the district's pupils"
            ),
            "",
            lang.pick("порог Gnormed", "Gnormed threshold"),
            fmt_dec(*p95, 3, lang)
        ),
        Evidence::Similarity { groups, .. } => format!(
            "{} {} {}.",
            lang.pick(
                "Наибольшая группа одинаковых ответов —",
                "The largest group of identical answers:"
            ),
            groups.first().copied().unwrap_or(0),
            lang.pick("учеников", "pupils"),
        ),
    }
}

fn picture(sign: &Sign, district_conc: Option<Concordance>, id: String, lang: Lang) -> AnyView {
    let c = &sign.candidate;
    let o = obj_texts(lang);
    let school = format!("{} {}", drill_texts(lang).level_school, c.school);
    let chart = match &c.evidence {
        Evidence::Concordance { unit, district, .. } => {
            let district = district_conc.unwrap_or_else(|| concordance_of(*district, 0));
            concordance_chart(
                &concordance_of(*unit, c.n),
                &school,
                GroupKind::School,
                Some(&district),
                lang,
            )
        }
        Evidence::Bunching {
            mark,
            threshold,
            unit_counts,
            district_counts,
            ..
        } => score_histogram(
            &threshold_histogram(unit_counts, *mark, *threshold),
            &school,
            GroupKind::School,
            Some(&threshold_histogram(district_counts, *mark, *threshold)),
            &threshold_highlight(unit_counts, *threshold),
            lang,
        ),
        Evidence::Inversion { tasks, .. } => {
            let (ts, unit, district) = inversion_tasks(tasks);
            task_success(&ts, &unit, Some(&district), None, &school, lang)
        }
        Evidence::Independent {
            checked,
            independent,
            z_checked,
            z_independent,
            ..
        } => grouped_bars(
            vec![checked.clone(), independent.clone()],
            &[BarSeries {
                name: school.clone(),
                kind: GroupKind::School,
                values: vec![Some(*z_checked), Some(*z_independent)],
            }],
            o.z_axis,
            lang,
        ),
        Evidence::Fluctuation { years, z } => trend(
            years,
            &[
                TrendLine {
                    name: texts(lang).district.to_string(),
                    values: years.iter().map(|_| Some(0.0)).collect(),
                    emphasis: false,
                },
                TrendLine {
                    name: school.clone(),
                    values: z.clone(),
                    emphasis: true,
                },
            ],
            o.z_axis,
            false,
            lang,
        ),
        Evidence::PersonFit {
            unit_hist,
            district_hist,
            ..
        } => grouped_bars(
            (0..unit_hist.len())
                .map(|i| format!("{:.1}–{:.1}", i as f64 / 10.0, (i + 1) as f64 / 10.0))
                .collect(),
            &[
                BarSeries {
                    name: format!("{} {}", o.class, c.class.clone().unwrap_or_default()),
                    kind: GroupKind::Class,
                    values: unit_hist.iter().map(|v| Some(v * 100.0)).collect(),
                },
                BarSeries {
                    name: texts(lang).district.to_string(),
                    kind: GroupKind::District,
                    values: district_hist.iter().map(|v| Some(v * 100.0)).collect(),
                },
            ],
            o.share_axis,
            lang,
        ),
        Evidence::Similarity { groups, .. } => grouped_bars(
            (1..=groups.len())
                .map(|i| format!("{} {i}", o.similar_groups))
                .collect(),
            &[BarSeries {
                name: format!("{} {}", o.class, c.class.clone().unwrap_or_default()),
                kind: GroupKind::Class,
                values: groups.iter().map(|g| Some(*g as f64)).collect(),
            }],
            o.pupils_axis,
            lang,
        ),
    };
    view! { <EChart id=id chart=Signal::stored(chart) height=280/> }.into_any()
}

/// A card for one sign that fired.
#[component]
pub fn SignCard(
    sign: Sign,
    procedure_label: String,
    index: usize,
    lang: Lang,
    /// The district's concordance of the sign's procedure (for the concordance picture).
    district_conc: Option<Concordance>,
    /// The sign among all units tested (`None`: no spread was estimated).
    funnel: Option<Funnel>,
) -> impl IntoView {
    let o = obj_texts(lang);
    let c = sign.candidate.clone();
    let num = |x: f64| fmt_dec(x, 3, lang);
    let pv = |p: Option<f64>| p.map(|p| format!("{p:.2e}")).unwrap_or_else(|| "—".into());
    let p = pv(c.p);
    let p_sampling = pv(c.p_sampling);
    let unit = c.indicator.size_unit();
    let size = format!(
        "{} {}",
        fmt_dec(display(unit, c.size), 2, lang),
        size_unit_name(unit, lang)
    );
    let funnel_view = match funnel {
        Some(f) => {
            let t = FunnelTexts {
                units: o.funnel_units,
                this: o.funnel_this,
                fired: o.funnel_fired,
                centre: o.funnel_centre,
                limit95: o.funnel_95,
                limit_alpha: o.funnel_alpha,
                x_name: o.funnel_x,
                y_name: size_unit_name(unit, lang),
            };
            let chart = funnel_chart(&f, &t, lang);
            view! {
                <h4>{o.funnel_title}</h4>
                <div data-testid="sign-funnel">
                    <EChart id=format!("sign-funnel-{index}") chart=Signal::stored(chart) height=260/>
                </div>
            }
            .into_any()
        }
        None => {
            view! { <p class="muted" data-testid="sign-no-funnel">{o.funnel_none}</p> }.into_any()
        }
    };
    let q = sign
        .q
        .map(|q| format!("{q:.2e}"))
        .unwrap_or_else(|| "—".into());
    let indicator = crate::i18n::wire_name(&c.indicator);
    view! {
        <article class="sign-card" data-testid="sign-card" data-indicator=indicator.clone()>
            <h3>{indicator_name(c.indicator, lang)}</h3>
            <p class="sign-where">{procedure_label}{c.class.clone().map(|cl| format!(" · {} {cl}", o.class))}</p>
            <p class="sign-sentence" data-testid="sign-sentence">{sentence(&sign, lang)}</p>
            <dl class="sign-figures">
                <div><dt>{o.value}</dt><dd data-testid="sign-value">{num(c.value)}</dd></div>
                <div><dt>{o.reference}</dt><dd>{num(c.reference)}</dd></div>
                <div><dt>{o.threshold}</dt><dd>{num(c.threshold)}</dd></div>
                <div><dt>{o.n}</dt><dd>{fmt_int(c.n, lang)}</dd></div>
                <div><dt>{o.size}</dt><dd data-testid="sign-size">{size}</dd></div>
                <div><dt>{o.p_sampling}</dt><dd>{p_sampling}</dd></div>
                <div><dt>{o.p_spread}</dt><dd data-testid="sign-p">{p}</dd></div>
                <div><dt>{o.q}</dt><dd>{q}</dd></div>
            </dl>
            {picture(&sign, district_conc, format!("sign-chart-{index}"), lang)}
            {funnel_view}
        </article>
    }
}
