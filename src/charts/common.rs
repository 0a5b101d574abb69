//! Shared pieces of the chart builders: the colours every chart agrees on (group kinds, task
//! levels), percent rounding, label wrapping and the axes and mark lines they all use.

use super::mark_distribution::MARK_COLORS;
use crate::i18n::{fmt_dec, Lang};
use charming::component::{Axis, Grid, Legend, LegendType};
use charming::element::{
    AxisLabel, AxisType, Label, LabelPosition, LineStyle, LineStyleType, MarkLine, MarkLineData,
    MarkLineVariant, NameLocation, Symbol,
};
use charming::Chart;
use integra_core::model::TaskLevel;
use integra_core::report::drill::Scope;

/// The district (and any «whole» comparison group): grey.
pub const DISTRICT_COLOR: &str = "#8a94a0";
/// A school: calm blue.
pub const SCHOOL_COLOR: &str = "#3d78b5";
/// A class: teal.
pub const CLASS_COLOR: &str = "#2a9d8f";
/// An external reference (city, region): dark slate, drawn dashed.
pub const REFERENCE_COLOR: &str = "#37414d";
/// Thin lines in the background of a crowded chart.
// Only the skills and trend charts use this, and no page draws them yet: drop the allow then.
#[allow(dead_code)]
pub const MUTED_COLOR: &str = "#c3c9d0";
/// Bars singled out for attention (e.g. scores just below a mark threshold).
pub const HIGHLIGHT_COLOR: &str = MARK_COLORS[1];
/// Deficits: the red of the mark «2».
// Only the skills and trend charts use this, and no page draws them yet: drop the allow then.
#[allow(dead_code)]
pub const DEFICIT_COLOR: &str = MARK_COLORS[0];
/// Task levels Б, П, В: three shades of blue, darker for harder; grey without a level.
pub const LEVEL_COLORS: [&str; 3] = ["#7eb0de", "#3d78b5", "#1f4e80"];
pub const NO_LEVEL_COLOR: &str = "#a0a7b0";

/// Which group a series shows; decides its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    District,
    School,
    Class,
}

impl GroupKind {
    pub fn color(self) -> &'static str {
        match self {
            GroupKind::District => DISTRICT_COLOR,
            GroupKind::School => SCHOOL_COLOR,
            GroupKind::Class => CLASS_COLOR,
        }
    }
}

impl From<&Scope> for GroupKind {
    fn from(s: &Scope) -> Self {
        match s {
            Scope::District => GroupKind::District,
            Scope::School { .. } => GroupKind::School,
            Scope::Class { .. } => GroupKind::Class,
        }
    }
}

/// The colour of a task level (grey for none).
pub fn level_color(level: Option<TaskLevel>) -> &'static str {
    match level {
        Some(TaskLevel::Basic) => LEVEL_COLORS[0],
        Some(TaskLevel::Advanced) => LEVEL_COLORS[1],
        Some(TaskLevel::High) => LEVEL_COLORS[2],
        None => NO_LEVEL_COLOR,
    }
}

/// `x` rounded to one decimal.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A share 0..=1 as percent with one decimal; `None` for a missing or non-finite share.
pub fn pct(share: Option<f64>) -> Option<f64> {
    share.filter(|s| s.is_finite()).map(|s| round1(s * 100.0))
}

/// `count` of `n` in percent with one decimal (0 when `n` is 0).
pub fn pct_of(count: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        round1(count as f64 * 100.0 / n as f64)
    }
}

/// A percent value for a label: `60 %` / `60%`, one decimal unless whole.
pub fn fmt_percent_label(v: f64, lang: Lang) -> String {
    let digits = if (v - v.round()).abs() < 1e-9 { 0 } else { 1 };
    let v = fmt_dec(v, digits, lang);
    match lang {
        Lang::Ru => format!("{v}\u{00A0}%"),
        Lang::En => format!("{v}%"),
    }
}

/// Wraps `text` at word boundaries into lines of at most `width` characters, at most
/// `max_lines` of them; what does not fit is cut with «…». Words longer than a line are cut.
// Only the skills and trend charts use this, and no page draws them yet: drop the allow then.
#[allow(dead_code)]
pub fn wrap_label(text: &str, width: usize, max_lines: usize) -> String {
    let width = width.max(2);
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cut = false;
    for word in text.split_whitespace() {
        let word: String = if word.chars().count() > width {
            cut_to(word, width)
        } else {
            word.to_string()
        };
        let len = cur.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
            if lines.len() == max_lines {
                cut = true;
                break;
            }
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(&word);
    }
    if !cut && !cur.is_empty() {
        lines.push(cur);
    }
    if cut {
        if let Some(last) = lines.last_mut() {
            let kept = cut_to(last, width);
            *last = if kept.ends_with('…') {
                kept
            } else {
                let s: String = kept.chars().take(width - 1).collect();
                // «понятия,…» reads badly: drop the punctuation before the ellipsis.
                let mut s = s.trim_end_matches([',', ';', ':', '.', ' ']).to_string();
                s.push('…');
                s
            };
        }
    }
    lines.join("\n")
}

/// The first `width - 1` characters and «…» when `s` is longer than `width`.
// Only the skills and trend charts use this, and no page draws them yet: drop the allow then.
#[allow(dead_code)]
fn cut_to(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width - 1).collect();
    out.push('…');
    out
}

/// A chart with what every chart of the app has: no animation (print, screenshots, tests).
pub fn base_chart() -> Chart {
    Chart::new().animation(false)
}

/// A legend on top; scrolling when there are many entries.
pub fn legend(entries: usize) -> Legend {
    let l = Legend::new().top(0);
    if entries > 8 {
        l.type_(LegendType::Scroll)
    } else {
        l
    }
}

/// The usual grid: room for the legend on top, labels contained.
pub fn grid() -> Grid {
    Grid::new()
        .left(48)
        .right(24)
        .top(52)
        .bottom(8)
        .contain_label(true)
}

/// A value axis 0..=100 for percentages.
pub fn percent_axis(name: &str) -> Axis {
    Axis::new()
        .type_(AxisType::Value)
        .name(name)
        .min(0)
        .max(100)
        .axis_label(AxisLabel::new().formatter("{value}"))
}

/// Names a horizontal axis below its labels, centred (an end name would be cut off at the
/// right); give the grid a bottom of [`X_NAME_BOTTOM`].
pub fn x_name_below(axis: Axis, name: &str) -> Axis {
    axis.name(name)
        .name_location(NameLocation::Middle)
        .name_gap(26)
}

/// Grid bottom that leaves room for an axis name from [`x_name_below`].
pub const X_NAME_BOTTOM: i32 = 28;

/// A category axis with every label shown, rotated when there are many.
pub fn category_axis(labels: Vec<String>) -> Axis {
    let rotate = if labels.len() > 16 { 60.0 } else { 0.0 };
    Axis::new()
        .type_(AxisType::Category)
        .data(labels)
        .axis_label(AxisLabel::new().rotate(rotate).interval(0))
}

/// A dashed line style.
pub fn dashed(color: &str, width: f64) -> LineStyle {
    LineStyle::new()
        .color(color)
        .width(width)
        .type_(LineStyleType::Dashed)
}

/// A set of labelled, dashed reference lines without arrow heads.
pub fn mark_lines(data: Vec<MarkLineData>, color: &str) -> MarkLine {
    MarkLine::new()
        .silent(true)
        .symbol(vec![Symbol::None, Symbol::None])
        .line_style(dashed(color, 1.0))
        .label(Label::new().formatter("{b}").color(color))
        .data(data.into_iter().map(MarkLineVariant::Simple).collect())
}

/// A horizontal reference line at `y` labelled `name` (label at the end, above the line).
pub fn y_line(y: f64, name: String) -> MarkLineData {
    MarkLineData::new()
        .y_axis(y)
        .name(name)
        .label(Label::new().position(LabelPosition::InsideEndTop))
}

#[cfg(test)]
pub(crate) fn json(chart: &Chart) -> serde_json::Value {
    serde_json::from_str(&chart.to_string()).expect("chart options are JSON")
}

#[cfg(test)]
pub(crate) fn series_names(j: &serde_json::Value) -> Vec<String> {
    j["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounding() {
        assert_eq!(pct(Some(0.5734)), Some(57.3));
        assert_eq!(pct(Some(f64::NAN)), None);
        assert_eq!(pct(None), None);
        assert_eq!(pct_of(1, 3), 33.3);
        assert_eq!(pct_of(1, 0), 0.0);
        assert_eq!(fmt_percent_label(60.0, Lang::Ru), "60\u{00A0}%");
        assert_eq!(fmt_percent_label(28.5, Lang::Ru), "28,5\u{00A0}%");
        assert_eq!(fmt_percent_label(30.0, Lang::En), "30%");
    }

    #[test]
    fn labels_wrap_and_cut() {
        assert_eq!(wrap_label("короткий текст", 20, 2), "короткий текст");
        assert_eq!(
            wrap_label("умение решать задачи на движение", 14, 3),
            "умение решать\nзадачи на\nдвижение"
        );
        assert_eq!(wrap_label("понятия, результаты", 12, 1), "понятия…");
        let cut = wrap_label("умение решать задачи на движение и работу", 14, 2);
        assert_eq!(cut, "умение решать\nзадачи на…");
        assert!(cut.lines().all(|l| l.chars().count() <= 14));
        assert_eq!(wrap_label("сверхдлинноеслово", 8, 1), "сверхдл…");
        assert_eq!(wrap_label("", 8, 2), "");
    }

    #[test]
    fn kinds_and_levels_have_their_colours() {
        assert_eq!(GroupKind::from(&Scope::District).color(), DISTRICT_COLOR);
        assert_eq!(
            GroupKind::from(&Scope::School { school: "1".into() }).color(),
            SCHOOL_COLOR
        );
        assert_eq!(level_color(Some(TaskLevel::High)), LEVEL_COLORS[2]);
        assert_eq!(level_color(None), NO_LEVEL_COLOR);
    }
}
