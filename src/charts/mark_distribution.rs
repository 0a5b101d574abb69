//! Mark distribution per school: a stacked bar of the shares of «2», «3», «4», «5» for the
//! district and every school with at least 5 participants with a mark.

use crate::i18n::{texts, Lang};
use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisLabel, AxisPointer, AxisPointerType, AxisType, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use integra_core::report::ProcedureOverview;
use integra_core::stats::StandardMetrics;

/// Colours of the marks «2», «3», «4», «5».
pub const MARK_COLORS: [&str; 4] = ["#d64541", "#f0a23b", "#8cbf4f", "#2e7d4f"];

fn shares(m: &StandardMetrics) -> [f64; 4] {
    let n = m.n.max(1) as f64;
    let c = m.counts;
    let r = |x: usize| ((x as f64) * 1000.0 / n).round() / 10.0;
    [r(c[1] + c[2]), r(c[3]), r(c[4]), r(c[5])]
}

/// The chart options (pure: no browser needed).
pub fn mark_distribution(p: &ProcedureOverview, lang: Lang) -> Chart {
    let t = texts(lang);
    let mut labels = Vec::new();
    let mut series: [Vec<f64>; 4] = Default::default();
    let mut push = |label: String, m: &StandardMetrics| {
        labels.push(label);
        for (s, v) in series.iter_mut().zip(shares(m)) {
            s.push(v);
        }
    };
    if let Some(m) = &p.metrics {
        push(t.district.to_string(), m);
    }
    for r in &p.school_rows {
        if let Some(m) = &r.metrics {
            push(r.code.clone(), m);
        }
    }
    let rotate = if labels.len() > 12 { 60.0 } else { 0.0 };
    let mut chart = Chart::new()
        .animation(false)
        .color(MARK_COLORS.iter().map(|c| charming::element::Color::from(*c)).collect::<Vec<_>>())
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .axis_pointer(AxisPointer::new().type_(AxisPointerType::Shadow)),
        )
        .legend(Legend::new().top(0))
        .grid(Grid::new().left(48).right(16).top(36).bottom(8).contain_label(true))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(labels)
                .axis_label(AxisLabel::new().rotate(rotate).interval(0)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(t.chart_axis)
                .min(0)
                .max(100)
                .axis_label(AxisLabel::new().formatter("{value}")),
        );
    for (i, data) in series.into_iter().enumerate() {
        chart = chart.series(
            Bar::new()
                .name(format!("«{}»", i + 2))
                .stack("marks")
                .bar_width("60%")
                .data(data),
        );
    }
    chart
}
