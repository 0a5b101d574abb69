//! Primary-score histogram of a group, optionally beside the district's, with the mark
//! thresholds as vertical lines. Alone it shows counts; with the district both are shares (%
//! of each group's n) so that groups of different sizes compare.
//!
//! The bars sit on a category axis (one per whole score, so the tooltip reads «10», not
//! «10.00»). The threshold lines belong to an empty line series on a hidden value axis that
//! spans the same width (−0.5 .. max + 0.5), so a line can sit on the left edge of the bar where
//! a mark begins (score `t` gets the mark, `t − 1` does not), which a category axis cannot do.
//! That series has its own legend entry: clicking it hides the lines.

use super::common::{
    base_chart, dashed, grid, legend, mark_lines, pct_of, x_name_below, GroupKind, DISTRICT_COLOR,
    HIGHLIGHT_COLOR, REFERENCE_COLOR, X_NAME_BOTTOM,
};
use crate::i18n::{texts, Lang};
use charming::component::Axis;
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{AxisType, ItemStyle, MarkLineData, Symbol, Tooltip, Trigger};
use charming::series::{Bar, Line};
use charming::Chart;
use integra_core::model::Scale;
use integra_core::stats::Histogram;

/// Where the mark lines go: x = (first score with the mark) − 0.5, for thresholds within 0..=max.
fn threshold_lines(scale: &Scale, max: usize, lang: Lang) -> Vec<MarkLineData> {
    [(3, scale.mark3), (4, scale.mark4), (5, scale.mark5)]
        .into_iter()
        .filter(|(_, t)| t.is_finite() && *t >= 0.0)
        .filter_map(|(mark, t)| {
            // The first whole score reaching the threshold (guarding against 12.0000001).
            let first = (t - 1e-9).ceil().max(0.0);
            (first <= max as f64).then(|| {
                MarkLineData::new().x_axis(first - 0.5).name(match lang {
                    Lang::Ru => format!("«{mark}»"),
                    Lang::En => format!("{mark}"),
                })
            })
        })
        .collect()
}

/// The histogram of `group` (named `group_name`), with `district` beside it when given.
/// Scores in `highlight` are drawn in the highlight colour in the group's series.
pub fn score_histogram(
    group: &Histogram,
    group_name: &str,
    kind: GroupKind,
    district: Option<&Histogram>,
    highlight: &[usize],
    lang: Lang,
) -> Chart {
    let t = texts(lang);
    let max = district.map_or(group.max_total, |d| d.max_total.max(group.max_total));
    let shares = district.is_some();
    let values = |h: &Histogram| -> Vec<f64> {
        (0..=max)
            .map(|x| {
                let c = h.counts.get(x).copied().unwrap_or(0);
                if shares {
                    pct_of(c, h.n)
                } else {
                    c as f64
                }
            })
            .collect()
    };
    let group_data: Vec<DataPoint> = values(group)
        .into_iter()
        .enumerate()
        .map(|(x, y)| {
            if highlight.contains(&x) {
                DataPointItem::new(y)
                    .item_style(ItemStyle::new().color(HIGHLIGHT_COLOR))
                    .into()
            } else {
                y.into()
            }
        })
        .collect();
    let y_name = if shares {
        lang.pick("% участников", "% of participants")
    } else {
        lang.pick("Участников", "Participants")
    };
    let mut y_axis = Axis::new().type_(AxisType::Value).name(y_name).min(0);
    if !shares {
        y_axis = y_axis.min_interval(1);
    }
    let mut legend_names = vec![group_name.to_string()];
    let mut chart = base_chart()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(grid().bottom(X_NAME_BOTTOM))
        .x_axis(x_name_below(
            Axis::new()
                .type_(AxisType::Category)
                .data((0..=max).map(|x| x.to_string()).collect()),
            lang.pick("Первичный балл", "Primary score"),
        ))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .show(false)
                .min(-0.5)
                .max(max as f64 + 0.5),
        )
        .y_axis(y_axis)
        .series(
            Bar::new()
                .name(group_name)
                .item_style(ItemStyle::new().color(kind.color()))
                .bar_gap("0%")
                .data(group_data),
        );
    if let Some(d) = district {
        legend_names.push(t.district.to_string());
        chart = chart.series(
            Bar::new()
                .name(t.district)
                .item_style(ItemStyle::new().color(DISTRICT_COLOR))
                .bar_gap("0%")
                .data(values(d)),
        );
    }
    if let Some(scale) = group.scale.or(district.and_then(|d| d.scale)) {
        let lines = threshold_lines(&scale, max, lang);
        if !lines.is_empty() {
            let name = lang.pick("Границы отметок", "Mark thresholds");
            legend_names.push(name.to_string());
            chart = chart.series(
                Line::new()
                    .name(name)
                    .x_axis_index(1)
                    .symbol(Symbol::None)
                    .item_style(ItemStyle::new().color(REFERENCE_COLOR))
                    .line_style(dashed(REFERENCE_COLOR, 1.0))
                    .mark_line(mark_lines(lines, REFERENCE_COLOR)),
            );
        }
    }
    chart.legend(legend(legend_names.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{json, series_names, SCHOOL_COLOR};
    use integra_core::model::ScaleSource;
    use serde_json::json;

    fn hist(counts: &[usize], scale: Option<Scale>) -> Histogram {
        Histogram {
            n: counts.iter().sum(),
            max_total: counts.len() - 1,
            counts: counts.to_vec(),
            skipped: 0,
            scale,
        }
    }

    fn scale() -> Option<Scale> {
        Some(Scale {
            mark3: 2.0,
            mark4: 3.0,
            mark5: 4.0,
            source: ScaleSource::User,
        })
    }

    /// The lines of the threshold series (on the hidden value axis).
    fn lines(j: &serde_json::Value) -> (Vec<f64>, Vec<String>) {
        let s = j["series"].as_array().unwrap().last().unwrap();
        assert_eq!(s["xAxisIndex"], 1.0);
        let data = s["markLine"]["data"].as_array().unwrap();
        (
            data.iter().map(|l| l["xAxis"].as_f64().unwrap()).collect(),
            data.iter()
                .map(|l| l["name"].as_str().unwrap().to_string())
                .collect(),
        )
    }

    /// Alone: counts per score, the highlighted score in its colour, lines at 1.5, 2.5, 3.5
    /// on a hidden value axis over the same width as the categories.
    #[test]
    fn counts_alone_with_thresholds_and_highlight() {
        let h = hist(&[1, 0, 2, 0, 0, 1], scale());
        let j = json(&score_histogram(
            &h,
            "Школа 0101",
            GroupKind::School,
            None,
            &[1],
            Lang::Ru,
        ));
        assert_eq!(j["animation"], false);
        assert_eq!(series_names(&j), ["Школа 0101", "Границы отметок"]);
        let s = &j["series"][0];
        assert_eq!(s["type"], "bar");
        assert_eq!(s["itemStyle"]["color"], SCHOOL_COLOR);
        let data = s["data"].as_array().unwrap();
        assert_eq!(data.len(), 6);
        assert_eq!(data[0], json!(1.0));
        assert_eq!(data[2], json!(2.0));
        assert_eq!(data[1]["value"], json!(0.0));
        assert_eq!(data[1]["itemStyle"]["color"], HIGHLIGHT_COLOR);
        let (xs, names) = lines(&j);
        assert_eq!(xs, [1.5, 2.5, 3.5]);
        assert_eq!(names, ["«3»", "«4»", "«5»"]);
        let x = j["xAxis"].as_array().unwrap();
        assert_eq!(x[0]["type"], "category");
        assert_eq!(x[0]["data"], json!(["0", "1", "2", "3", "4", "5"]));
        assert_eq!(x[0]["name"], "Первичный балл");
        assert_eq!(
            (x[1]["type"].as_str(), x[1]["show"].as_bool()),
            (Some("value"), Some(false))
        );
        assert_eq!(
            (x[1]["min"].as_f64(), x[1]["max"].as_f64()),
            (Some(-0.5), Some(5.5))
        );
        assert_eq!(j["yAxis"]["name"], "Участников");
        assert_eq!(j["yAxis"]["minInterval"], 1.0);
    }

    /// With the district: both in % of their n, on the longer of the two score ranges.
    #[test]
    fn shares_beside_the_district() {
        let g = hist(&[1, 0, 2, 0, 0, 1], scale());
        let d = hist(&[2, 2, 2, 2, 1, 0, 1], scale());
        let j = json(&score_histogram(
            &g,
            "7А",
            GroupKind::Class,
            Some(&d),
            &[],
            Lang::Ru,
        ));
        assert_eq!(series_names(&j), ["7А", "Район", "Границы отметок"]);
        let ys = |i: usize| -> Vec<f64> {
            j["series"][i]["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_f64().unwrap())
                .collect()
        };
        assert_eq!(ys(0), [25.0, 0.0, 50.0, 0.0, 0.0, 25.0, 0.0]);
        assert_eq!(ys(1), [20.0, 20.0, 20.0, 20.0, 10.0, 0.0, 10.0]);
        assert_eq!(j["series"][1]["itemStyle"]["color"], DISTRICT_COLOR);
        assert_eq!(j["yAxis"]["name"], "% участников");
        assert!(j["yAxis"]["minInterval"].is_null());
    }

    /// Fractional and out-of-range thresholds; the district's scale when the group has none.
    #[test]
    fn thresholds_round_up_and_stay_in_range() {
        let s = Scale {
            mark3: 1.5,
            mark4: 3.0000000001,
            mark5: 9.0,
            source: ScaleSource::Catalogue,
        };
        let g = hist(&[1, 1, 1, 1, 1], None);
        let d = hist(&[1, 1, 1, 1, 1], Some(s));
        let j = json(&score_histogram(
            &g,
            "x",
            GroupKind::School,
            Some(&d),
            &[],
            Lang::En,
        ));
        let (xs, names) = lines(&j);
        assert_eq!(
            xs,
            [1.5, 2.5],
            "3 from score 2, 4 from 3, 5 beyond the maximum 4"
        );
        assert_eq!(names, ["3", "4"]);
        let j = json(&score_histogram(
            &g,
            "x",
            GroupKind::School,
            None,
            &[],
            Lang::En,
        ));
        assert_eq!(series_names(&j), ["x"], "no scale, no threshold lines");
    }
}
