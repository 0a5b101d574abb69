//! Grouped bars for the smaller evidence pictures of the objectivity screen (standardised
//! means of two procedures, the person-fit distribution, the sizes of identical-vector groups):
//! categories on x, one coloured series per group.

use super::common::{base_chart, category_axis, grid, legend, GroupKind};
use crate::i18n::Lang;
use charming::component::Axis;
use charming::element::{AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;

/// One series: its name, colour group and a value per category (`None`: no bar).
pub struct BarSeries {
    pub name: String,
    pub kind: GroupKind,
    pub values: Vec<Option<f64>>,
}

/// Bars for `categories`, one series per entry; `y_name` names the value axis.
pub fn grouped_bars(
    categories: Vec<String>,
    series: &[BarSeries],
    y_name: &str,
    _lang: Lang,
) -> Chart {
    let mut chart = base_chart()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(legend(series.len()))
        .grid(grid())
        .x_axis(category_axis(categories))
        .y_axis(Axis::new().type_(AxisType::Value).name(y_name));
    for s in series {
        let data: Vec<Option<f64>> = s
            .values
            .iter()
            .map(|v| v.map(|x| (x * 1000.0).round() / 1000.0))
            .collect();
        chart = chart.series(
            Bar::new()
                .name(s.name.as_str())
                .item_style(ItemStyle::new().color(s.kind.color()))
                .data(
                    data.into_iter()
                        .map(|v| v.unwrap_or(f64::NAN))
                        .collect::<Vec<f64>>(),
                ),
        );
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_series_per_group_with_its_colour() {
        let c = grouped_bars(
            vec!["ВПР".into(), "ОГЭ".into()],
            &[
                BarSeries {
                    name: "Школа".into(),
                    kind: GroupKind::School,
                    values: vec![Some(1.234_56), Some(-0.2)],
                },
                BarSeries {
                    name: "Район".into(),
                    kind: GroupKind::District,
                    values: vec![Some(0.0), Some(0.0)],
                },
            ],
            "z",
            Lang::Ru,
        );
        let json: serde_json::Value = serde_json::from_str(&c.to_string()).unwrap();
        let series = json["series"].as_array().unwrap();
        assert_eq!(series.len(), 2);
        assert_eq!(series[0]["data"][0], 1.235);
        assert_eq!(series[1]["itemStyle"]["color"], GroupKind::District.color());
        assert_eq!(json["xAxis"]["data"][1], "ОГЭ");
    }
}
