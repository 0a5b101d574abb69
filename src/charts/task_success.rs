//! Task success of a group: one bar per task coloured by the task's level (Б/П/В, grey without
//! one), the district as a grey line, an external reference (city, region) as a dashed dark line,
//! and the level bounds (60 % for basic tasks, 30 % for advanced and high) as dashed lines.
//!
//! The bars are one series with a colour per bar; the levels get legend entries from empty bar
//! series stacked with it (they draw nothing and take no room, they only explain the colours).

use super::common::{
    base_chart, category_axis, dashed, fmt_percent_label, grid, legend, level_color, mark_lines,
    pct, percent_axis, y_line, DISTRICT_COLOR, REFERENCE_COLOR, SCHOOL_COLOR,
};
use crate::i18n::{texts, Lang};
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{
    AxisPointer, AxisPointerType, ItemStyle, LineStyle, Symbol, Tooltip, Trigger,
};
use charming::series::{Bar, Line};
use charming::Chart;
use integra_core::model::{Task, TaskLevel};

/// Bounds of a sufficient level of mastery, percent (METHODOLOGY §2).
pub const BASIC_BOUND: f64 = 60.0;
pub const HIGHER_BOUND: f64 = 30.0;
/// Colour of the level-bound lines (distinct from the dark reference line).
const BOUND_COLOR: &str = "#6b7480";
const STACK: &str = "group";
/// The bars when no task has a level: the calm blue of neutral series.
const NEUTRAL_COLOR: &str = SCHOOL_COLOR;

/// Legend name of a level (or of tasks without one).
fn level_legend(level: Option<TaskLevel>, lang: Lang) -> &'static str {
    match level {
        Some(TaskLevel::Basic) => lang.pick("Б — базовый", "B — basic"),
        Some(TaskLevel::Advanced) => lang.pick("П — повышенный", "A — advanced"),
        Some(TaskLevel::High) => lang.pick("В — высокий", "H — high"),
        None => lang.pick("без уровня", "no level"),
    }
}

/// `values` in percent, one per task (missing ones `None`).
fn per_task(values: &[Option<f64>], k: usize) -> Vec<Option<f64>> {
    (0..k)
        .map(|j| pct(values.get(j).copied().flatten()))
        .collect()
}

/// Task success of the group `group_name` (shares 0..=1 per task, in task order).
/// `district` is drawn when given (pass `None` when the group is the district); `reference`
/// is an external group's name and success per task.
pub fn task_success(
    tasks: &[Task],
    group: &[Option<f64>],
    district: Option<&[Option<f64>]>,
    reference: Option<(&str, &[Option<f64>])>,
    group_name: &str,
    lang: Lang,
) -> Chart {
    let t = texts(lang);
    let k = tasks.len();
    let labels: Vec<String> = tasks.iter().map(|t| t.label.clone()).collect();
    let has = |l: TaskLevel| tasks.iter().any(|t| t.level == Some(l));
    let any_level = tasks.iter().any(|t| t.level.is_some());
    let bar_color = |level: Option<TaskLevel>| {
        if any_level {
            level_color(level)
        } else {
            NEUTRAL_COLOR
        }
    };

    let data: Vec<DataPoint> = per_task(group, k)
        .into_iter()
        .zip(tasks)
        .map(|(v, task)| {
            DataPointItem::new(v)
                .item_style(ItemStyle::new().color(bar_color(task.level)))
                .into()
        })
        .collect();
    let mut bars = Bar::new()
        .name(group_name)
        .stack(STACK)
        .bar_width("60%")
        .item_style(ItemStyle::new().color(NEUTRAL_COLOR))
        .data(data);
    let mut bounds = Vec::new();
    if has(TaskLevel::Basic) {
        bounds.push(y_line(
            BASIC_BOUND,
            format!(
                "{} — {}",
                fmt_percent_label(BASIC_BOUND, lang),
                crate::i18n::level_name(TaskLevel::Basic, lang)
            ),
        ));
    }
    if has(TaskLevel::Advanced) || has(TaskLevel::High) {
        bounds.push(y_line(
            HIGHER_BOUND,
            format!(
                "{} — {}, {}",
                fmt_percent_label(HIGHER_BOUND, lang),
                crate::i18n::level_name(TaskLevel::Advanced, lang),
                crate::i18n::level_name(TaskLevel::High, lang)
            ),
        ));
    }
    if !bounds.is_empty() {
        bars = bars.mark_line(mark_lines(bounds, BOUND_COLOR));
    }

    let mut series_count = 1;
    let mut chart = base_chart()
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .axis_pointer(AxisPointer::new().type_(AxisPointerType::Shadow)),
        )
        .grid(grid())
        .x_axis(category_axis(labels))
        .y_axis(percent_axis(lang.pick("% выполнения", "% success")))
        .series(bars);
    if any_level {
        let levels = [
            Some(TaskLevel::Basic),
            Some(TaskLevel::Advanced),
            Some(TaskLevel::High),
            None,
        ];
        for l in levels {
            if tasks.iter().any(|t| t.level == l) {
                series_count += 1;
                chart = chart.series(
                    Bar::new()
                        .name(level_legend(l, lang))
                        .stack(STACK)
                        .item_style(ItemStyle::new().color(level_color(l))),
                );
            }
        }
    }
    if let Some(d) = district {
        series_count += 1;
        chart = chart.series(
            Line::new()
                .name(t.district)
                .symbol(Symbol::Circle)
                .symbol_size(6)
                .connect_nulls(false)
                .item_style(ItemStyle::new().color(DISTRICT_COLOR))
                .line_style(LineStyle::new().color(DISTRICT_COLOR).width(2))
                .data(per_task(d, k)),
        );
    }
    if let Some((name, r)) = reference {
        series_count += 1;
        chart = chart.series(
            Line::new()
                .name(name)
                .symbol(Symbol::Diamond)
                .symbol_size(6)
                .connect_nulls(false)
                .item_style(ItemStyle::new().color(REFERENCE_COLOR))
                .line_style(dashed(REFERENCE_COLOR, 2.0))
                .data(per_task(r, k)),
        );
    }
    chart.legend(legend(series_count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{json, series_names, LEVEL_COLORS, NO_LEVEL_COLOR};
    use serde_json::json;

    fn task(label: &str, level: Option<TaskLevel>) -> Task {
        Task {
            label: label.into(),
            max: 1,
            max_source: integra_core::model::MaxSource::File,
            kim: None,
            level,
            skill: None,
        }
    }

    /// Four tasks Б, П, none, В: bars in % coloured by level, legend entries for the levels,
    /// the district line with its gap, the dashed reference, bounds at 60 % and 30 %.
    #[test]
    fn bars_by_level_with_district_reference_and_bounds() {
        let tasks = [
            task("1", Some(TaskLevel::Basic)),
            task("2", Some(TaskLevel::Advanced)),
            task("3", None),
            task("4", Some(TaskLevel::High)),
        ];
        let group = [Some(0.5734), Some(0.2), None, Some(0.9)];
        let district = [Some(0.6), Some(0.3), Some(0.5), None];
        let city = [Some(0.61), Some(0.333)];
        let j = json(&task_success(
            &tasks,
            &group,
            Some(&district),
            Some(("Город", &city)),
            "Школа 0101",
            Lang::Ru,
        ));
        assert_eq!(j["animation"], false);
        assert_eq!(
            series_names(&j),
            [
                "Школа 0101",
                "Б — базовый",
                "П — повышенный",
                "В — высокий",
                "без уровня",
                "Район",
                "Город"
            ]
        );
        assert_eq!(j["xAxis"]["data"], json!(["1", "2", "3", "4"]));
        let bars = &j["series"][0];
        let values: Vec<&serde_json::Value> = bars["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| &d["value"])
            .collect();
        assert_eq!(
            values,
            [&json!(57.3), &json!(20.0), &json!(null), &json!(90.0)]
        );
        let colors: Vec<&str> = bars["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["itemStyle"]["color"].as_str().unwrap())
            .collect();
        assert_eq!(
            colors,
            [
                LEVEL_COLORS[0],
                LEVEL_COLORS[1],
                NO_LEVEL_COLOR,
                LEVEL_COLORS[2]
            ]
        );
        // The legend-only level series draw nothing and share the bars' stack.
        for s in &j["series"].as_array().unwrap()[1..5] {
            assert!(s["data"].is_null());
            assert_eq!(s["stack"], "group");
        }
        assert_eq!(bars["stack"], "group");
        let lines = bars["markLine"]["data"].as_array().unwrap();
        let ys: Vec<f64> = lines.iter().map(|l| l["yAxis"].as_f64().unwrap()).collect();
        assert_eq!(ys, [60.0, 30.0]);
        assert_eq!(lines[0]["name"], "60\u{00A0}% — Б");
        assert_eq!(lines[1]["name"], "30\u{00A0}% — П, В");
        assert_eq!(bars["markLine"]["lineStyle"]["type"], "dashed");
        let district = &j["series"][5];
        assert_eq!(district["type"], "line");
        assert_eq!(district["data"], json!([60.0, 30.0, 50.0, null]));
        assert_eq!(district["lineStyle"]["color"], DISTRICT_COLOR);
        let city = &j["series"][6];
        assert_eq!(city["data"], json!([61.0, 33.3, null, null]));
        assert_eq!(city["lineStyle"]["type"], "dashed");
        assert_eq!(city["lineStyle"]["color"], REFERENCE_COLOR);
        assert_eq!(j["yAxis"]["max"], 100);
    }

    /// The district itself, tasks without levels: one series in the neutral blue, no bounds.
    #[test]
    fn district_alone_without_levels() {
        let tasks = [task("1", None), task("2", None)];
        let j = json(&task_success(
            &tasks,
            &[Some(0.5), Some(1.0)],
            None,
            None,
            "Район",
            Lang::En,
        ));
        assert_eq!(series_names(&j), ["Район"]);
        let s = &j["series"][0];
        assert_eq!(s["data"][1]["value"], json!(100.0));
        assert_eq!(s["data"][0]["itemStyle"]["color"], SCHOOL_COLOR);
        assert!(s["markLine"].is_null());
        assert_eq!(j["yAxis"]["name"], "% success");
    }

    /// Only basic tasks: only the 60 % bound.
    #[test]
    fn bounds_follow_the_levels_present() {
        let tasks = [task("1", Some(TaskLevel::Basic))];
        let j = json(&task_success(
            &tasks,
            &[Some(0.7)],
            None,
            None,
            "s",
            Lang::En,
        ));
        let lines = j["series"][0]["markLine"]["data"].as_array().unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["name"], "60% — B");
        assert_eq!(series_names(&j), ["s", "B — basic"]);
        let j = json(&task_success(
            &[task("1", None)],
            &[Some(0.7)],
            None,
            None,
            "s",
            Lang::En,
        ));
        assert_eq!(
            j["series"][0]["data"][0]["itemStyle"]["color"],
            SCHOOL_COLOR
        );
    }
}
