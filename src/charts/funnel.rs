//! The funnel of a sign (`report::objectivity_funnel`): every unit the indicator tested in the
//! procedure as a grey dot (group size on x, effect size on y), the unit of the sign as a large
//! blue dot, the units that fired in red, and the spread's centre and upper limits as lines.

use super::common::{base_chart, grid, legend, DISTRICT_COLOR, SCHOOL_COLOR};
use super::mark_distribution::MARK_COLORS;
use crate::i18n::Lang;
use charming::component::Axis;
use charming::element::NameLocation;
use charming::element::{AxisType, ItemStyle, LineStyle, LineStyleType, Symbol, Tooltip, Trigger};
use charming::series::{Line, Scatter};
use charming::Chart;
use integra_core::objectivity::SizeUnit;
use integra_core::report::objectivity_funnel::Funnel;

/// Effect sizes shown in percentage points for shares, as they are otherwise.
pub fn display(unit: SizeUnit, x: f64) -> f64 {
    let v = match unit {
        SizeUnit::Share => x * 100.0,
        _ => x,
    };
    (v * 100.0).round() / 100.0
}

/// Texts of the chart.
pub struct FunnelTexts<'a> {
    pub units: &'a str,
    pub this: &'a str,
    pub fired: &'a str,
    pub centre: &'a str,
    pub limit95: &'a str,
    pub limit_alpha: &'a str,
    pub x_name: &'a str,
    pub y_name: &'a str,
}

pub fn funnel_chart(f: &Funnel, t: &FunnelTexts, _lang: Lang) -> Chart {
    let d = |x: f64| display(f.unit, x);
    let pts = |pick: &dyn Fn(&integra_core::report::objectivity_funnel::FunnelPoint) -> bool| {
        f.points
            .iter()
            .filter(|p| pick(p))
            .map(|p| vec![p.n as f64, d(p.size)])
            .collect::<Vec<Vec<f64>>>()
    };
    let line = |name: &str, ys: Vec<Vec<f64>>, color: &str, dashed: bool| {
        Line::new()
            .name(name)
            .symbol(Symbol::None)
            .line_style(LineStyle::new().color(color).width(1.5).type_(if dashed {
                LineStyleType::Dashed
            } else {
                LineStyleType::Solid
            }))
            .item_style(ItemStyle::new().color(color))
            .data(ys)
    };
    let lim = |g: &dyn Fn(&integra_core::report::objectivity_funnel::FunnelLimit) -> f64| {
        f.limits
            .iter()
            .map(|l| vec![l.n as f64, d(g(l))])
            .collect::<Vec<Vec<f64>>>()
    };
    let centre: Vec<Vec<f64>> = f
        .limits
        .iter()
        .map(|l| vec![l.n as f64, d(f.centre)])
        .collect();
    base_chart()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(legend(6))
        // Six legend entries take two lines in a card: more room above, the axis name below.
        .grid(grid().top(76).bottom(28))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(t.x_name)
                .name_location(NameLocation::Middle)
                .name_gap(26)
                .scale(true),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(t.y_name)
                .scale(true),
        )
        .series(
            Scatter::new()
                .name(t.units)
                .symbol_size(6)
                .item_style(ItemStyle::new().color(DISTRICT_COLOR).opacity(0.6))
                .data(pts(&|p| !p.this && !p.fired)),
        )
        .series(
            Scatter::new()
                .name(t.fired)
                .symbol_size(7)
                .item_style(ItemStyle::new().color(MARK_COLORS[0]).opacity(0.8))
                .data(pts(&|p| !p.this && p.fired)),
        )
        .series(line(t.centre, centre, DISTRICT_COLOR, false))
        .series(line(t.limit95, lim(&|l| l.upper95), DISTRICT_COLOR, true))
        .series(line(
            t.limit_alpha,
            lim(&|l| l.upper_alpha),
            MARK_COLORS[0],
            true,
        ))
        .series(
            Scatter::new()
                .name(t.this)
                .symbol_size(14)
                .item_style(ItemStyle::new().color(SCHOOL_COLOR))
                .data(pts(&|p| p.this)),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use integra_core::objectivity::Indicator;
    use integra_core::report::objectivity_funnel::{FunnelLimit, FunnelPoint};

    #[test]
    fn the_unit_and_the_limits_are_drawn() {
        let p = |n, size, this| FunnelPoint {
            school: "S".into(),
            class: None,
            n,
            size,
            this,
            fired: this,
        };
        let f = Funnel {
            indicator: Indicator::Concordance,
            procedure: "x".into(),
            unit: SizeUnit::Share,
            centre: 0.01,
            tau: 0.03,
            min_size: 0.1,
            alpha: 0.01,
            points: vec![p(20, 0.02, false), p(40, 0.31, true)],
            limits: vec![FunnelLimit {
                n: 20,
                upper95: 0.12,
                upper_alpha: 0.18,
            }],
        };
        let t = FunnelTexts {
            units: "units",
            this: "this",
            fired: "fired",
            centre: "centre",
            limit95: "95",
            limit_alpha: "alpha",
            x_name: "n",
            y_name: "p.p.",
        };
        let json = funnel_chart(&f, &t, Lang::En).to_string();
        assert!(json.contains("\"this\"") && json.contains("31"), "{json}");
        assert!(json.contains("18"), "the alpha limit in p.p.");
    }
}
