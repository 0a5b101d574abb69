//! Trends over years: one line per group (gaps for missing years). The emphasised line (the
//! chosen school) is thick and blue; a line named like the district (`texts(lang).district`)
//! is grey as everywhere; with many lines (> 8) the others recede, thin and light grey.

use super::common::{
    base_chart, category_axis, grid, legend, pct, CLASS_COLOR, DISTRICT_COLOR, LEVEL_COLORS,
    MUTED_COLOR, REFERENCE_COLOR, SCHOOL_COLOR,
};
use super::mark_distribution::MARK_COLORS;
use crate::i18n::{texts, Lang};
use charming::component::Axis;
use charming::element::{AxisType, ItemStyle, LineStyle, Symbol, Tooltip, Trigger};
use charming::series::Line;
use charming::Chart;

/// One line of a trend chart.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendLine {
    pub name: String,
    /// One value per year of the chart (`None`: no figure that year).
    pub values: Vec<Option<f64>>,
    /// Drawn thick, on top, in the school blue.
    pub emphasis: bool,
}

/// More lines than this and the others turn thin and grey.
pub const MANY_LINES: usize = 8;

/// Colours of the other lines when there are few (blue is kept for the emphasised line, grey
/// for the district).
const PALETTE: [&str; 7] = [
    CLASS_COLOR,
    MARK_COLORS[1],
    REFERENCE_COLOR,
    MARK_COLORS[3],
    LEVEL_COLORS[0],
    MARK_COLORS[0],
    MARK_COLORS[2],
];

/// Lines over `years`. With `percent` the values are shares 0..=1 drawn in % (one decimal),
/// otherwise they are drawn as they are (two decimals). `y_name` names the value axis.
pub fn trend(
    years: &[u16],
    series: &[TrendLine],
    y_name: &str,
    percent: bool,
    lang: Lang,
) -> Chart {
    let many = series.len() > MANY_LINES;
    let any_emphasis = series.iter().any(|s| s.emphasis);
    let labels: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    let value = |v: Option<f64>| -> Option<f64> {
        if percent {
            pct(v)
        } else {
            v.filter(|x| x.is_finite())
                .map(|x| (x * 100.0).round() / 100.0)
        }
    };
    let mut y_axis = Axis::new().type_(AxisType::Value).name(y_name);
    y_axis = if percent {
        y_axis.min(0)
    } else {
        y_axis.scale(true)
    };
    let mut chart = base_chart()
        .tooltip(Tooltip::new().trigger(if many { Trigger::Item } else { Trigger::Axis }))
        .legend(legend(series.len()))
        .grid(grid())
        .x_axis(category_axis(labels))
        .y_axis(y_axis);
    let district = texts(lang).district;
    let mut palette = PALETTE.iter().copied().cycle();
    let mut blue_taken = any_emphasis;
    for s in series {
        let data: Vec<Option<f64>> = (0..years.len())
            .map(|y| value(s.values.get(y).copied().flatten()))
            .collect();
        let (color, width, size, z) = if s.emphasis {
            (SCHOOL_COLOR, 3.0, 8.0, 3)
        } else if s.name == district {
            (DISTRICT_COLOR, 2.0, 6.0, 2)
        } else if many {
            (MUTED_COLOR, 1.0, 4.0, 2)
        } else if !blue_taken {
            // Without an emphasised line the first other line takes the blue.
            blue_taken = true;
            (SCHOOL_COLOR, 2.0, 6.0, 2)
        } else {
            let w = if any_emphasis { 1.5 } else { 2.0 };
            (palette.next().unwrap_or(DISTRICT_COLOR), w, 6.0, 2)
        };
        chart = chart.series(
            Line::new()
                .name(s.name.as_str())
                .symbol(Symbol::Circle)
                .symbol_size(size)
                .connect_nulls(false)
                .z(z)
                .item_style(ItemStyle::new().color(color))
                .line_style(LineStyle::new().color(color).width(width))
                .data(data),
        );
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{json, series_names};
    use serde_json::json;

    fn line(name: &str, values: &[Option<f64>], emphasis: bool) -> TrendLine {
        TrendLine {
            name: name.into(),
            values: values.to_vec(),
            emphasis,
        }
    }

    /// Shares in %, a gap for a missing year, a short series padded; the emphasised line thick.
    #[test]
    fn few_lines_in_percent_with_gaps() {
        let years = [2023, 2024, 2025];
        let lines = [
            line("Район", &[Some(0.1), Some(0.125), Some(0.2)], false),
            line("Школа 0101", &[Some(0.3), None, Some(0.15)], true),
            line("Школа 0102", &[Some(0.05)], false),
        ];
        let j = json(&trend(&years, &lines, "Доля «2», %", true, Lang::Ru));
        assert_eq!(j["animation"], false);
        assert_eq!(series_names(&j), ["Район", "Школа 0101", "Школа 0102"]);
        assert_eq!(j["xAxis"]["data"], json!(["2023", "2024", "2025"]));
        assert_eq!(j["yAxis"]["name"], "Доля «2», %");
        assert_eq!(j["yAxis"]["min"], 0);
        let s = j["series"].as_array().unwrap();
        assert_eq!(s[0]["data"], json!([10.0, 12.5, 20.0]));
        assert_eq!(s[1]["data"], json!([30.0, null, 15.0]));
        assert_eq!(s[2]["data"], json!([5.0, null, null]));
        assert_eq!(s[1]["lineStyle"]["width"], 3.0);
        assert_eq!(s[1]["lineStyle"]["color"], SCHOOL_COLOR);
        assert_eq!(s[1]["z"], 3);
        assert_eq!(
            s[0]["lineStyle"]["color"], DISTRICT_COLOR,
            "the district is grey"
        );
        assert_eq!(s[0]["lineStyle"]["width"], 2.0);
        assert_eq!(s[2]["lineStyle"]["width"], 1.5);
        assert_eq!(s[2]["lineStyle"]["color"], CLASS_COLOR);
        assert!(s
            .iter()
            .all(|l| l["connectNulls"] == false && l["symbol"] == "circle"));
        assert_eq!(j["tooltip"]["trigger"], "axis");
    }

    /// Ten schools and the district: all but the emphasised one and the district thin and
    /// light grey; values as they are.
    #[test]
    fn many_lines_recede() {
        let years = [2024, 2025];
        let mut lines: Vec<TrendLine> = (0..10)
            .map(|i| line(&format!("s{i}"), &[Some(3.456), Some(4.0)], i == 4))
            .collect();
        lines.push(line("District", &[Some(3.9), None], false));
        let j = json(&trend(&years, &lines, "Средний балл", false, Lang::En));
        let s = j["series"].as_array().unwrap();
        assert_eq!(s.len(), 11);
        assert_eq!(s[10]["lineStyle"]["color"], DISTRICT_COLOR);
        assert_eq!(s[10]["data"], json!([3.9, null]));
        assert_eq!(s[0]["data"], json!([3.46, 4.0]));
        for (i, l) in s[..10].iter().enumerate() {
            if i == 4 {
                assert_eq!(l["lineStyle"]["color"], SCHOOL_COLOR);
                assert_eq!(l["lineStyle"]["width"], 3.0);
            } else {
                assert_eq!(l["lineStyle"]["color"], MUTED_COLOR);
                assert_eq!(l["lineStyle"]["width"], 1.0);
            }
        }
        assert_eq!(j["yAxis"]["scale"], true);
        assert!(j["yAxis"]["min"].is_null());
        assert_eq!(j["legend"]["type"], "scroll");
        assert_eq!(j["tooltip"]["trigger"], "item");
    }

    /// No emphasised line: the first line other than the district takes the blue.
    #[test]
    fn without_emphasis_the_first_school_is_blue() {
        let lines = [
            line("District", &[Some(0.5)], false),
            line("a", &[Some(0.4)], false),
            line("b", &[Some(0.3)], false),
        ];
        let j = json(&trend(&[2025], &lines, "%", true, Lang::En));
        let colors: Vec<&str> = j["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["lineStyle"]["color"].as_str().unwrap())
            .collect();
        assert_eq!(colors, [DISTRICT_COLOR, SCHOOL_COLOR, CLASS_COLOR]);
    }
}
