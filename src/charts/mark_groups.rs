//! Success by mark group: one line per mark «2»..«5» across the tasks (gaps where a group is
//! too small to show), and a pin on the lower group's line wherever it beats a higher group by
//! more than 10 p.p. (the anomaly rule of METHODOLOGY §2). The pin shows the largest gap, in p.p.

use super::common::{base_chart, category_axis, grid, legend, pct, percent_axis};
use super::mark_distribution::MARK_COLORS;
use crate::i18n::{fmt_int, Lang};
use charming::element::{ItemStyle, LineStyle, MarkPoint, MarkPointData, Symbol, Tooltip, Trigger};
use charming::series::Line;
use charming::Chart;
use integra_core::model::Task;
use integra_core::stats::{MarkAnomaly, MarkGroups};

fn mark_label(mark: u8, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("«{mark}»"),
        Lang::En => format!("{mark}"),
    }
}

/// Pins for the anomalies where `mark` is the lower group: one per task, with the largest gap.
fn pins(
    mark: u8,
    success: &[Option<f64>],
    anomalies: &[MarkAnomaly],
    lang: Lang,
) -> Vec<MarkPointData> {
    let mut tasks: Vec<usize> = anomalies
        .iter()
        .filter(|a| a.lower == mark)
        .map(|a| a.task)
        .collect();
    tasks.sort_unstable();
    tasks.dedup();
    tasks
        .into_iter()
        .filter_map(|task| {
            let y = pct(success.get(task).copied().flatten())?;
            let of_task: Vec<&MarkAnomaly> = anomalies
                .iter()
                .filter(|a| a.lower == mark && a.task == task)
                .collect();
            let gap = of_task.iter().map(|a| a.gap).fold(0.0f64, f64::max);
            let gap_pp = (gap * 100.0).round();
            let higher: Vec<String> = of_task.iter().map(|a| mark_label(a.higher, lang)).collect();
            let name = format!(
                "{} > {}: +{} {}",
                mark_label(mark, lang),
                higher.join(", "),
                fmt_int(gap_pp as usize, lang),
                lang.pick("п. п.", "p.p.")
            );
            Some(
                MarkPointData::new()
                    .name(name)
                    .x_axis(task as f64)
                    .y_axis(y)
                    .value(gap_pp),
            )
        })
        .collect()
}

/// Success by mark group over `tasks` (labels for the x axis). Groups with no figure to show
/// (all tasks `None`) are left out.
pub fn mark_groups(groups: &MarkGroups, tasks: &[Task], lang: Lang) -> Chart {
    let k = groups
        .groups
        .iter()
        .map(|g| g.success.len())
        .max()
        .unwrap_or(0)
        .max(tasks.len());
    let labels: Vec<String> = (0..k)
        .map(|j| {
            tasks
                .get(j)
                .map_or_else(|| (j + 1).to_string(), |t| t.label.clone())
        })
        .collect();
    let shown: Vec<_> = groups
        .groups
        .iter()
        .filter(|g| (2..=5).contains(&g.mark) && g.success.iter().any(|s| s.is_some()))
        .collect();
    let mut chart = base_chart()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(legend(shown.len()))
        .grid(grid())
        .x_axis(category_axis(labels))
        .y_axis(percent_axis(lang.pick("% выполнения", "% success")));
    for g in shown {
        let color = MARK_COLORS[(g.mark - 2) as usize];
        let data: Vec<Option<f64>> = (0..k)
            .map(|j| pct(g.success.get(j).copied().flatten()))
            .collect();
        let mut line = Line::new()
            .name(format!(
                "{} (n = {})",
                mark_label(g.mark, lang),
                fmt_int(g.n, lang)
            ))
            .symbol(Symbol::Circle)
            .symbol_size(6)
            .connect_nulls(false)
            .item_style(ItemStyle::new().color(color))
            .line_style(LineStyle::new().color(color).width(2))
            .data(data);
        let p = pins(g.mark, &g.success, &groups.anomalies, lang);
        if !p.is_empty() {
            line = line.mark_point(MarkPoint::new().data(p));
        }
        chart = chart.series(line);
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::common::{json, series_names};
    use integra_core::stats::MarkGroup;
    use serde_json::json;

    fn task(label: &str) -> Task {
        Task {
            label: label.into(),
            max: 1,
            max_source: integra_core::model::MaxSource::File,
            kim: None,
            level: None,
            skill: None,
        }
    }

    fn anomaly(task: usize, lower: u8, higher: u8, gap: f64) -> MarkAnomaly {
        MarkAnomaly {
            task,
            label: (task + 1).to_string(),
            lower,
            higher,
            gap,
        }
    }

    /// «2» has no figures and is left out; «5» has a gap on task 1; «3» beats «4» and «5» on
    /// task 1 (one pin with the larger gap) and «4» beats «5» on task 3.
    #[test]
    fn lines_per_mark_with_gaps_and_anomaly_pins() {
        let g = MarkGroups {
            groups: vec![
                MarkGroup {
                    mark: 2,
                    n: 3,
                    success: vec![None, None, None],
                },
                MarkGroup {
                    mark: 3,
                    n: 10,
                    success: vec![Some(1.0), Some(0.4), Some(0.2)],
                },
                MarkGroup {
                    mark: 4,
                    n: 12,
                    success: vec![Some(0.8), Some(0.6), Some(0.9)],
                },
                MarkGroup {
                    mark: 5,
                    n: 11,
                    success: vec![Some(0.7), None, Some(0.75)],
                },
            ],
            anomalies: vec![
                anomaly(0, 3, 4, 0.2),
                anomaly(0, 3, 5, 0.3),
                anomaly(2, 4, 5, 0.15),
            ],
        };
        let tasks = [task("1"), task("2"), task("3")];
        let j = json(&mark_groups(&g, &tasks, Lang::Ru));
        assert_eq!(j["animation"], false);
        assert_eq!(
            series_names(&j),
            ["«3» (n = 10)", "«4» (n = 12)", "«5» (n = 11)"]
        );
        assert_eq!(j["xAxis"]["data"], json!(["1", "2", "3"]));
        let s = j["series"].as_array().unwrap();
        assert_eq!(s[0]["data"], json!([100.0, 40.0, 20.0]));
        assert_eq!(s[2]["data"], json!([70.0, null, 75.0]));
        assert_eq!(s[0]["itemStyle"]["color"], MARK_COLORS[1]);
        assert_eq!(s[2]["lineStyle"]["color"], MARK_COLORS[3]);
        let pins3 = s[0]["markPoint"]["data"].as_array().unwrap();
        assert_eq!(pins3.len(), 1);
        assert_eq!(pins3[0]["xAxis"], json!(0.0));
        assert_eq!(pins3[0]["yAxis"], json!(100.0));
        assert_eq!(pins3[0]["value"], json!(30.0));
        assert_eq!(pins3[0]["name"], "«3» > «4», «5»: +30 п. п.");
        let pins4 = s[1]["markPoint"]["data"].as_array().unwrap();
        assert_eq!(pins4.len(), 1);
        assert_eq!(
            (pins4[0]["xAxis"].as_f64(), pins4[0]["yAxis"].as_f64()),
            (Some(2.0), Some(90.0))
        );
        assert!(s[2]["markPoint"].is_null());
    }

    /// Without task metadata the labels are 1..k; no groups gives an empty chart.
    #[test]
    fn labels_without_tasks_and_empty_groups() {
        let g = MarkGroups {
            groups: vec![MarkGroup {
                mark: 4,
                n: 10,
                success: vec![Some(0.5), Some(0.25)],
            }],
            anomalies: vec![],
        };
        let j = json(&mark_groups(&g, &[], Lang::En));
        assert_eq!(j["xAxis"]["data"], json!(["1", "2"]));
        assert_eq!(series_names(&j), ["4 (n = 10)"]);
        let empty = MarkGroups {
            groups: vec![],
            anomalies: vec![],
        };
        let j = json(&mark_groups(&empty, &[], Lang::En));
        assert!(j["series"].is_null() || j["series"].as_array().unwrap().is_empty());
    }
}
