//! A table of the drill-down: sortable by every column (click a header; again to reverse),
//! first cell a link when the row opens a view, and CSV/XLSX export of exactly these cells.

use crate::components::export_buttons::ExportButtons;
use crate::i18n::{fmt_dec, fmt_int, fmt_pct, use_drill_texts, use_lang, Lang};
use crate::tables::ViewTable;
use integra_core::report::export::{Cell, Table};
use leptos::prelude::*;
use leptos_router::components::A;
use std::cmp::Ordering;

/// How a cell reads on screen.
pub fn cell_text(c: &Cell, lang: Lang) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Int(i) if *i >= 0 => fmt_int(*i as usize, lang),
        Cell::Int(i) => format!("−{}", fmt_int(i.unsigned_abs() as usize, lang)),
        Cell::Num { value, decimals } => {
            let s = fmt_dec(value.abs(), *decimals as usize, lang);
            if *value < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
                format!("−{s}")
            } else {
                s
            }
        }
        Cell::Percent { value, .. } => fmt_pct(*value, lang),
        Cell::Empty => "—".to_string(),
    }
}

fn numeric(c: &Cell) -> Option<f64> {
    match c {
        Cell::Int(i) => Some(*i as f64),
        Cell::Num { value, .. } | Cell::Percent { value, .. } => Some(*value),
        _ => None,
    }
}

/// Order of two cells: numbers by value, text naturally ("5А" < "10Б", "2" < "10"); empty last.
pub fn compare(a: &Cell, b: &Cell) -> Ordering {
    match (a, b) {
        (Cell::Empty, Cell::Empty) => Ordering::Equal,
        (Cell::Empty, _) => Ordering::Greater,
        (_, Cell::Empty) => Ordering::Less,
        _ => match (numeric(a), numeric(b)) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            _ => natural(&cell_key(a), &cell_key(b)),
        },
    }
}

fn cell_key(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        other => numeric(other).map(|v| v.to_string()).unwrap_or_default(),
    }
}

/// Natural order: runs of digits compare as numbers.
fn natural(a: &str, b: &str) -> Ordering {
    let split = |s: &str| -> (Option<u64>, String) {
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        (digits.parse().ok(), s[digits.len()..].to_lowercase())
    };
    let (na, ra) = split(a);
    let (nb, rb) = split(b);
    match (na, nb) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| ra.cmp(&rb)),
        _ => a.to_lowercase().cmp(&b.to_lowercase()),
    }
}

#[component]
pub fn DataTable(
    #[prop(into)] table: Signal<ViewTable>,
    /// data-testid of the table (rows get `{testid}-row`).
    testid: &'static str,
    /// Stem of exported file names.
    #[prop(into)]
    file_stem: Signal<String>,
) -> impl IntoView {
    let lang = use_lang();
    let d = use_drill_texts();
    // (column, descending); None keeps the order the core gave.
    let sort: RwSignal<Option<(usize, bool)>> = RwSignal::new(None);
    let order = Memo::new(move |_| {
        table.with(|t| {
            let mut idx: Vec<usize> = (0..t.table.rows.len()).collect();
            if let Some((c, desc)) = sort.get() {
                idx.sort_by(|&x, &y| {
                    let o = compare(
                        t.table.rows[x].get(c).unwrap_or(&Cell::Empty),
                        t.table.rows[y].get(c).unwrap_or(&Cell::Empty),
                    );
                    let o = if desc { o.reverse() } else { o };
                    // Empty cells stay last either way.
                    match (&t.table.rows[x].get(c), &t.table.rows[y].get(c)) {
                        (Some(Cell::Empty), Some(Cell::Empty)) => Ordering::Equal,
                        (Some(Cell::Empty), _) => Ordering::Greater,
                        (_, Some(Cell::Empty)) => Ordering::Less,
                        _ => o,
                    }
                });
            }
            idx
        })
    });
    let export: Signal<Table> = Signal::derive(move || table.with(|t| t.table.clone()));
    let head = move || {
        let cols = table.with(|t| t.table.columns.clone());
        cols.into_iter()
            .enumerate()
            .map(|(c, name)| {
                let mark = move || match sort.get() {
                    Some((s, false)) if s == c => " ▲",
                    Some((s, true)) if s == c => " ▼",
                    _ => "",
                };
                let aria = move || match sort.get() {
                    Some((s, false)) if s == c => "ascending",
                    Some((s, true)) if s == c => "descending",
                    _ => "none",
                };
                view! {
                    <th scope="col" aria-sort=aria>
                        <button
                            class="th-sort"
                            data-testid=format!("{testid}-sort-{c}")
                            on:click=move |_| {
                                sort.update(|s| {
                                    *s = match *s {
                                        Some((x, false)) if x == c => Some((c, true)),
                                        _ => Some((c, false)),
                                    }
                                })
                            }
                        >
                            {name}
                            <span class="sort-mark">{mark}</span>
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    let body = move || {
        let l = lang.get();
        let idx = order.get();
        table.with(|t| {
            idx.into_iter()
                .map(|i| {
                    let row = &t.table.rows[i];
                    let link = t.links.get(i).cloned().flatten();
                    let classes = t.classes.get(i).cloned().unwrap_or_default();
                    let cells = row
                        .iter()
                        .enumerate()
                        .map(|(c, cell)| {
                            let text = cell_text(cell, l);
                            let mut class = String::from(classes.get(c).copied().unwrap_or(""));
                            if !matches!(cell, Cell::Text(_)) {
                                class.push_str(" num");
                            }
                            let value = numeric(cell).map(|v| v.to_string()).unwrap_or_else(|| {
                                if let Cell::Text(s) = cell {
                                    s.clone()
                                } else {
                                    String::new()
                                }
                            });
                            let content = match (&link, c) {
                                (Some(href), 0) => {
                                    view! { <A href=href.clone()>{text}</A> }.into_any()
                                }
                                _ => view! { <span>{text}</span> }.into_any(),
                            };
                            view! { <td class=class data-value=value>{content}</td> }
                        })
                        .collect_view();
                    view! { <tr data-testid=format!("{testid}-row")>{cells}</tr> }
                })
                .collect_view()
        })
    };
    view! {
        <div class="data-table-wrap">
            <div class="table-tools no-print">
                <span class="hint">{move || d().sort_hint}</span>
                <ExportButtons table=export file_stem=file_stem/>
            </div>
            <div class="table-scroll">
                <table class="data-table" data-testid=testid>
                    <thead><tr>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_and_numeric_order() {
        let t = |s: &str| Cell::Text(s.into());
        assert_eq!(compare(&t("5А"), &t("10Б")), Ordering::Less);
        assert_eq!(compare(&t("5Б"), &t("5А")), Ordering::Greater);
        let p = |v| Cell::Percent {
            value: v,
            decimals: 1,
        };
        assert_eq!(compare(&p(0.5), &p(0.25)), Ordering::Greater);
        assert_eq!(compare(&Cell::Empty, &p(0.1)), Ordering::Greater);
        assert_eq!(compare(&Cell::Int(-3), &Cell::Int(2)), Ordering::Less);
    }

    #[test]
    fn cells_read_in_russian() {
        assert_eq!(
            cell_text(
                &Cell::Num {
                    value: -2.5,
                    decimals: 1
                },
                Lang::Ru
            ),
            "−2,5"
        );
        assert_eq!(cell_text(&Cell::Empty, Lang::Ru), "—");
    }
}
