//! Journal concordance: the shares of pupils whose mark was lower than, equal to or higher than
//! their journal mark (понизили / подтвердили / повысили), and of those with |D| ≥ 2 as a
//! fourth, lighter bar ("of which"), for the group and optionally the district.

use super::common::{
    base_chart, category_axis, grid, legend, pct, percent_axis, GroupKind, DISTRICT_COLOR,
};
use crate::i18n::{fmt_int, texts, Lang};
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{AxisPointer, AxisPointerType, ItemStyle, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use integra_core::stats::Concordance;

/// Opacity of the |D| ≥ 2 bar: it is a part of the lowered and raised, not a fourth group.
const TWO_PLUS_OPACITY: f64 = 0.55;

fn bars(c: &Concordance, name: String, color: &str) -> Bar {
    let values = [c.lowered, c.confirmed, c.raised, c.two_plus];
    let data: Vec<DataPoint> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let v = pct(Some(*v));
            if i == 3 {
                DataPointItem::new(v)
                    .item_style(ItemStyle::new().opacity(TWO_PLUS_OPACITY))
                    .into()
            } else {
                v.into()
            }
        })
        .collect();
    Bar::new()
        .name(name)
        .item_style(ItemStyle::new().color(color))
        .data(data)
}

/// The concordance of `group` (named `group_name`), beside the district's when given.
pub fn concordance_chart(
    group: &Concordance,
    group_name: &str,
    kind: GroupKind,
    district: Option<&Concordance>,
    lang: Lang,
) -> Chart {
    let t = texts(lang);
    let named = |name: &str, c: &Concordance| format!("{name} (n = {})", fmt_int(c.n, lang));
    let labels = vec![
        lang.pick("Понизили", "Lowered").to_string(),
        lang.pick("Подтвердили", "Confirmed").to_string(),
        lang.pick("Повысили", "Raised").to_string(),
        lang.pick("в т. ч. |D| ≥ 2", "of which |D| ≥ 2").to_string(),
    ];
    let mut chart = base_chart()
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .axis_pointer(AxisPointer::new().type_(AxisPointerType::Shadow)),
        )
        .legend(legend(2))
        .grid(grid())
        .x_axis(category_axis(labels))
        .y_axis(percent_axis(lang.pick("% учащихся", "% of pupils")))
        .series(bars(group, named(group_name, group), kind.color()));
    if let Some(d) = district {
        chart = chart.series(bars(d, named(t.district, d), DISTRICT_COLOR));
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{json, series_names, CLASS_COLOR};
    use serde_json::json;

    fn conc(n: [usize; 4]) -> Concordance {
        let [lo, eq, hi, two] = n;
        let total = lo + eq + hi;
        let s = |c: usize| c as f64 / total as f64;
        Concordance {
            n: total,
            lowered: s(lo),
            confirmed: s(eq),
            raised: s(hi),
            two_plus: s(two),
            n_lowered: lo,
            n_confirmed: eq,
            n_raised: hi,
            n_two_plus: two,
        }
    }

    #[test]
    fn group_and_district_in_percent() {
        let g = conc([2, 1, 1, 2]);
        let d = conc([100, 1000, 234, 12]);
        let j = json(&concordance_chart(
            &g,
            "7А",
            GroupKind::Class,
            Some(&d),
            Lang::Ru,
        ));
        assert_eq!(j["animation"], false);
        assert_eq!(series_names(&j), ["7А (n = 4)", "Район (n = 1334)"]);
        assert_eq!(
            j["xAxis"]["data"],
            json!(["Понизили", "Подтвердили", "Повысили", "в т. ч. |D| ≥ 2"])
        );
        let g = &j["series"][0];
        assert_eq!(g["itemStyle"]["color"], CLASS_COLOR);
        assert_eq!(g["data"][0], json!(50.0));
        assert_eq!(g["data"][1], json!(25.0));
        assert_eq!(g["data"][2], json!(25.0));
        assert_eq!(g["data"][3]["value"], json!(50.0));
        assert_eq!(
            g["data"][3]["itemStyle"]["opacity"],
            json!(TWO_PLUS_OPACITY)
        );
        let d = &j["series"][1];
        assert_eq!(d["itemStyle"]["color"], DISTRICT_COLOR);
        assert_eq!(d["data"][0], json!(7.5)); // 100 / 1334
        assert_eq!(d["data"][1], json!(75.0));
        assert_eq!(d["data"][2], json!(17.5));
        assert_eq!(d["data"][3]["value"], json!(0.9));
    }

    #[test]
    fn group_alone() {
        let j = json(&concordance_chart(
            &conc([0, 5, 0, 0]),
            "District",
            GroupKind::District,
            None,
            Lang::En,
        ));
        assert_eq!(series_names(&j), ["District (n = 5)"]);
        assert_eq!(j["series"][0]["data"][1], json!(100.0));
        assert_eq!(j["xAxis"]["data"][3], "of which |D| ≥ 2");
        assert_eq!(j["yAxis"]["name"], "% of pupils");
    }
}
