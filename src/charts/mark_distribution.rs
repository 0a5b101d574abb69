//! Mark distribution: stacked bars of the shares of «2», «3», «4», «5» for the district and
//! every school (or any labelled groups) with at least 5 participants with a mark.

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
    let mut rows: Vec<(String, &StandardMetrics)> = Vec::new();
    if let Some(m) = &p.metrics {
        rows.push((t.district.to_string(), m));
    }
    for r in &p.school_rows {
        if let Some(m) = &r.metrics {
            rows.push((r.code.clone(), m));
        }
    }
    mark_shares(&rows, lang)
}

/// Stacked shares of «2»..«5» for labelled groups (each already past the privacy cut).
pub fn mark_shares(rows: &[(String, &StandardMetrics)], lang: Lang) -> Chart {
    let t = texts(lang);
    let mut labels = Vec::new();
    let mut series: [Vec<f64>; 4] = Default::default();
    for (label, m) in rows {
        labels.push(label.clone());
        for (s, v) in series.iter_mut().zip(shares(m)) {
            s.push(v);
        }
    }
    let rotate = if labels.len() > 12 { 60.0 } else { 0.0 };
    let mut chart = Chart::new()
        .animation(false)
        .color(
            MARK_COLORS
                .iter()
                .map(|c| charming::element::Color::from(*c))
                .collect::<Vec<_>>(),
        )
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .axis_pointer(AxisPointer::new().type_(AxisPointerType::Shadow)),
        )
        .legend(Legend::new().top(0))
        .grid(
            Grid::new()
                .left(48)
                .right(16)
                .top(36)
                .bottom(8)
                .contain_label(true),
        )
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
                .name(match lang {
                    Lang::Ru => format!("«{}»", i + 2),
                    Lang::En => format!("{}", i + 2),
                })
                .stack("marks")
                .bar_width("60%")
                .data(data),
        );
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use integra_core::model::{ProcedureKey, ProcedureKind};
    use integra_core::report::SchoolRow;
    use integra_core::stats::MarkCounts;

    fn metrics(marks: &[u8]) -> Option<StandardMetrics> {
        let m: Vec<Option<u8>> = marks.iter().map(|m| Some(*m)).collect();
        StandardMetrics::from_counts(&MarkCounts::from_marks(&m))
    }

    #[test]
    fn stacked_shares_per_school_without_small_groups() {
        let row = |code: &str, marks: &[u8]| SchoolRow {
            code: code.into(),
            name: None,
            participants: marks.len(),
            absent: 0,
            with_mark: marks.len(),
            metrics: if marks.len() >= 5 {
                metrics(marks)
            } else {
                None
            },
            missing: (marks.len() < 5).then_some(integra_core::report::Missing::TooFew),
        };
        let p = ProcedureOverview {
            id: "vpr-x-4-2025".into(),
            key: ProcedureKey {
                kind: ProcedureKind::Vpr,
                subject: "Математика".into(),
                grade: Some(4),
                year: Some(2025),
            },
            files: vec![],
            participants: 13,
            absent: 0,
            schools: 2,
            classes: 2,
            tasks: vec![],
            scale: None,
            max_total: None,
            metrics: metrics(&[2, 3, 3, 4, 4, 4, 5, 5, 5, 5, 2, 3, 4]),
            missing: None,
            without_mark: 0,
            school_rows: vec![
                row("s1", &[2, 3, 3, 4, 4, 4, 5, 5, 5, 5]),
                row("s2", &[2, 3, 4]),
            ],
        };
        let json: serde_json::Value =
            serde_json::from_str(&mark_distribution(&p, Lang::Ru).to_string()).unwrap();
        assert_eq!(json["animation"], false);
        let labels = json["xAxis"]["data"].as_array().unwrap();
        assert_eq!(
            labels.len(),
            2,
            "district and s1; s2 has fewer than 5 people"
        );
        assert_eq!(labels[0], "Район");
        let series = json["series"].as_array().unwrap();
        assert_eq!(series.len(), 4);
        // s1: one «2» of 10, two «3», three «4», four «5».
        let s1: Vec<f64> = series
            .iter()
            .map(|s| s["data"][1].as_f64().unwrap())
            .collect();
        assert_eq!(s1, vec![10.0, 20.0, 30.0, 40.0]);
        assert!(series.iter().all(|s| s["stack"] == "marks"));
    }
}
