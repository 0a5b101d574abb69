//! Success per skill (codifier element): horizontal bars, the group beside the district, the
//! group's deficits in red. Long skill texts are cut on the axis; the tooltip of a
//! bar gives the full text. Give the chart about 28 px of height per skill plus 80.

use super::common::{
    base_chart, grid, legend, pct, percent_axis, wrap_label, x_name_below, GroupKind,
    DEFICIT_COLOR, DISTRICT_COLOR, X_NAME_BOTTOM,
};
use crate::i18n::{texts, Lang};
use charming::component::Axis;
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{AxisLabel, AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;

/// Axis labels: one line of at most this many characters, cut at a word with «…». (Not
/// wrapped: charming 0.6 cannot set `axisLabel.lineHeight`, and without it ECharts may draw the
/// lines of a wrapped label on top of each other where CJK fonts are missing.)
pub const LABEL_WIDTH: usize = 44;
pub const LABEL_LINES: usize = 1;
const STACK: &str = "group";

/// Bars named by the full skill text (shown by the tooltip as `{b}`), each optionally coloured.
fn items<'a>(
    rows: impl Iterator<Item = (&'a str, Option<f64>, Option<&'static str>)>,
) -> Vec<DataPoint> {
    rows.map(|(name, v, color)| {
        let item = DataPointItem::new(pct(v)).name(name);
        match color {
            Some(c) => item.item_style(ItemStyle::new().color(c)).into(),
            None => item.into(),
        }
    })
    .collect()
}

/// Success per skill: `(skill, group share, district share, deficit)` in display order (top
/// first). The district's bars are drawn when any skill has a district figure.
pub fn skills(
    skills: &[(String, Option<f64>, Option<f64>, bool)],
    group_name: &str,
    kind: GroupKind,
    lang: Lang,
) -> Chart {
    let t = texts(lang);
    let labels: Vec<String> = skills
        .iter()
        .map(|s| wrap_label(&s.0, LABEL_WIDTH, LABEL_LINES))
        .collect();
    let any_deficit = skills.iter().any(|s| s.3);
    let any_district = skills.iter().any(|s| s.2.is_some());
    let formatter = match lang {
        Lang::Ru => "{b}<br/>{a}: {c}\u{00A0}%",
        Lang::En => "{b}<br/>{a}: {c}%",
    };
    let mut chart = base_chart()
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter(formatter))
        .legend(legend(3))
        .grid(grid().bottom(X_NAME_BOTTOM))
        .x_axis(x_name_below(
            percent_axis(""),
            lang.pick("% выполнения", "% success"),
        ))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(labels)
                .axis_label(AxisLabel::new().interval(0)),
        )
        .series(
            Bar::new()
                .name(group_name)
                .stack(STACK)
                .item_style(ItemStyle::new().color(kind.color()))
                .data(items(
                    skills
                        .iter()
                        .map(|s| (s.0.as_str(), s.1, s.3.then_some(DEFICIT_COLOR))),
                )),
        );
    if any_deficit {
        chart = chart.series(
            Bar::new()
                .name(lang.pick("дефицит", "deficit"))
                .stack(STACK)
                .item_style(ItemStyle::new().color(DEFICIT_COLOR)),
        );
    }
    if any_district {
        chart = chart.series(
            Bar::new()
                .name(t.district)
                .item_style(ItemStyle::new().color(DISTRICT_COLOR))
                .data(items(skills.iter().map(|s| (s.0.as_str(), s.2, None)))),
        );
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{json, series_names, SCHOOL_COLOR};
    use serde_json::json;

    fn skill(
        text: &str,
        g: Option<f64>,
        d: Option<f64>,
        deficit: bool,
    ) -> (String, Option<f64>, Option<f64>, bool) {
        (text.to_string(), g, d, deficit)
    }

    #[test]
    fn group_district_and_deficits() {
        let long = "Умение применять изученные понятия, результаты, методы для решения задач \
                    практического характера и задач из смежных дисциплин";
        let s = [
            skill(long, Some(0.45), Some(0.6), true),
            skill("Вычисления", Some(0.8), None, false),
            skill("Чтение графиков", None, Some(0.5), false),
        ];
        let j = json(&skills(&s, "Школа 0101", GroupKind::School, Lang::Ru));
        assert_eq!(j["animation"], false);
        assert_eq!(series_names(&j), ["Школа 0101", "дефицит", "Район"]);
        assert_eq!(j["yAxis"]["type"], "category");
        assert_eq!(j["yAxis"]["inverse"], true);
        let labels = j["yAxis"]["data"].as_array().unwrap();
        let first = labels[0].as_str().unwrap();
        assert_eq!(first.lines().count(), LABEL_LINES);
        assert!(first.ends_with('…'));
        assert!(first.lines().all(|l| l.chars().count() <= LABEL_WIDTH));
        assert_eq!(labels[1], "Вычисления");
        let g = j["series"][0]["data"].as_array().unwrap();
        assert_eq!(g[0]["name"], long, "the tooltip's {{b}} is the full text");
        assert_eq!(g[0]["value"], json!(45.0));
        assert_eq!(g[0]["itemStyle"]["color"], DEFICIT_COLOR);
        assert_eq!(g[1]["value"], json!(80.0));
        assert!(g[1]["itemStyle"].is_null());
        assert_eq!(g[2]["value"], json!(null));
        assert_eq!(j["series"][0]["itemStyle"]["color"], SCHOOL_COLOR);
        assert!(j["series"][1]["data"].is_null());
        let d = j["series"][2]["data"].as_array().unwrap();
        let dv: Vec<&serde_json::Value> = d.iter().map(|x| &x["value"]).collect();
        assert_eq!(dv, [&json!(60.0), &json!(null), &json!(50.0)]);
        assert_eq!(j["series"][2]["itemStyle"]["color"], DISTRICT_COLOR);
        assert_eq!(j["tooltip"]["trigger"], "item");
        assert_eq!(j["tooltip"]["formatter"], "{b}<br/>{a}: {c}\u{00A0}%");
        assert_eq!(j["xAxis"]["max"], 100);
    }

    /// No deficits and no district figures: one series only.
    #[test]
    fn group_alone() {
        let s = [skill("Вычисления", Some(0.8), None, false)];
        let j = json(&skills(&s, "7А", GroupKind::Class, Lang::En));
        assert_eq!(series_names(&j), ["7А"]);
        assert_eq!(j["xAxis"]["name"], "% success");
    }
}
