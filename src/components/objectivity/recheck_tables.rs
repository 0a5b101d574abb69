//! The tables of «Перепроверка работ»: the rows of `report::recheck` laid out as cells
//! (figures as the core composed them; a withheld figure is an empty cell with the reason).

use crate::components::file_card::procedure_label;
use crate::i18n::{because_list, recheck_texts, why_name, withheld_text, Lang};
use crate::tables::{int, num, text, ViewTable};
use integra_core::model::Dataset;
use integra_core::objectivity::recheck::Verdict;
use integra_core::report::export::Cell;
use integra_core::report::recheck::{AgreementRow, AgreementView, SampleSummary, TaskRow};

/// The procedure's label by id (the id itself when the dataset no longer holds it).
pub fn label_of(ds: &Dataset, id: &str, lang: Lang) -> String {
    crate::analysis::procedure(ds, id)
        .map(|p| procedure_label(&p.key, lang))
        .unwrap_or_else(|| id.to_string())
}

/// The sample per school.
pub fn sample_schools(s: &SampleSummary, lang: Lang) -> ViewTable {
    let r = recheck_texts(lang);
    let mut t = ViewTable::new(
        r.by_school,
        vec![
            r.col_school,
            r.col_name,
            r.col_works,
            r.col_in_sign,
            r.col_in_school,
            r.col_boundary,
            r.col_why,
        ],
    );
    for row in &s.schools {
        t.push(
            vec![
                text(row.school.clone()),
                text(row.name.clone().unwrap_or_default()),
                int(row.works),
                int(row.in_sign_units),
                int(row.in_school_units),
                int(row.boundary),
                text(why_name(row.why, lang)),
            ],
            None,
            vec![""; 7],
        );
    }
    t
}

/// The sample per procedure.
pub fn sample_procedures(s: &SampleSummary, ds: &Dataset, lang: Lang) -> ViewTable {
    let r = recheck_texts(lang);
    let mut t = ViewTable::new(
        r.by_procedure,
        vec![
            r.col_procedure,
            r.col_units,
            r.col_units_signs,
            r.col_eligible,
            r.col_works,
            r.col_in_sign,
            r.col_boundary,
        ],
    );
    for row in &s.procedures {
        t.push(
            vec![
                text(label_of(ds, &row.procedure, lang)),
                int(row.units),
                int(row.units_with_signs),
                int(row.eligible),
                int(row.works),
                int(row.in_sign_units),
                int(row.boundary),
            ],
            None,
            vec![""; 7],
        );
    }
    t
}

/// The verdict's CSS class.
pub fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::NotConfirmed => "st-low",
        Verdict::Confirmed => "st-ok",
        Verdict::TooFew => "muted",
    }
}

/// The cells of an agreement row after its first ones: the verdict, the works, the figures
/// (with the kappa of totals and the shift of marks when `detail`) and the grounds.
fn figures_cells(a: &AgreementRow, detail: bool, ds: &Dataset, lang: Lang) -> Vec<Cell> {
    let mut cells = vec![text(a.verdict.label(lang)), int(a.works)];
    let n = if detail { 9 } else { 7 };
    match &a.figures {
        Some(f) => {
            cells.push(Cell::Percent {
                value: f.exact,
                decimals: 1,
            });
            if detail {
                cells.push(num(f.kappa, 2));
            }
            cells.push(num(Some(f.mean_shift), 2));
            cells.push(text(format!(
                "{} … {}",
                crate::i18n::fmt_dec(f.ci[0], 2, lang),
                crate::i18n::fmt_dec(f.ci[1], 2, lang)
            )));
            match &f.marks {
                Some(m) => {
                    cells.extend([int(m.changed), int(m.lowered), int(m.raised)]);
                    if detail {
                        cells.push(num(Some(m.mean_shift), 2));
                    }
                }
                None => cells.extend(std::iter::repeat_n(Cell::Empty, 3 + usize::from(detail))),
            }
        }
        None => cells.extend(std::iter::repeat_n(Cell::Empty, n - 1)),
    }
    let label = |id: &str| label_of(ds, id, lang);
    let mut why = because_list(&a.because, &label, lang);
    if let Some(w) = a.withheld {
        why.push(withheld_text(w, lang).to_string());
    }
    cells.push(text(why.join("; ")));
    cells
}

/// The columns after the first ones (as [`figures_cells`] fills them).
fn figure_columns(r: &'static crate::i18n::RecheckTexts, detail: bool) -> Vec<&'static str> {
    let mut c = vec![r.col_verdict, r.col_works, r.col_exact];
    if detail {
        c.push(r.col_kappa);
    }
    c.extend([
        r.col_shift,
        r.col_ci,
        r.col_marks_changed,
        r.col_marks_lowered,
        r.col_marks_raised,
    ]);
    if detail {
        c.push(r.col_mark_shift);
    }
    c.push(r.col_why_verdict);
    c
}

/// Classes of a row with `first` leading columns: the verdict coloured.
fn classes(n: usize, first: usize, verdict: Verdict) -> Vec<&'static str> {
    let mut c = vec![""; n];
    c[first] = verdict_class(verdict);
    c
}

/// The agreement per school (its works pooled) with the school's verdict (the code opens the
/// school's page, with its name).
pub fn agreement_schools(v: &AgreementView, ds: &Dataset, lang: Lang) -> ViewTable {
    let r = recheck_texts(lang);
    let mut cols = vec![r.col_school];
    cols.extend(figure_columns(r, false));
    let mut t = ViewTable::new(r.agreement_schools, cols);
    for a in &v.schools {
        let mut row = vec![text(a.school.clone().unwrap_or_default())];
        row.extend(figures_cells(a, false, ds, lang));
        let n = row.len();
        let link = a
            .school
            .as_ref()
            .map(|s| format!("/objectivity/school/{}", crate::tables::urlencoding(s)));
        t.push(row, link, classes(n, 1, a.verdict));
    }
    t
}

/// The agreement per school × procedure.
pub fn agreement_units(v: &AgreementView, ds: &Dataset, lang: Lang) -> ViewTable {
    let r = recheck_texts(lang);
    let mut cols = vec![r.col_school, r.col_procedure];
    cols.extend(figure_columns(r, true));
    let mut t = ViewTable::new(r.agreement_units, cols);
    for a in &v.units {
        let mut row = vec![
            text(a.school.clone().unwrap_or_default()),
            text(label_of(ds, a.procedure.as_deref().unwrap_or(""), lang)),
        ];
        row.extend(figures_cells(a, true, ds, lang));
        let n = row.len();
        t.push(row, None, classes(n, 2, a.verdict));
    }
    t
}

/// The agreement per procedure (the district's re-checked works).
pub fn agreement_procedures(v: &AgreementView, ds: &Dataset, lang: Lang) -> ViewTable {
    let r = recheck_texts(lang);
    let mut cols = vec![r.col_procedure];
    cols.extend(figure_columns(r, true));
    let mut t = ViewTable::new(r.agreement_procedures, cols);
    for a in &v.procedures {
        let mut row = vec![text(label_of(
            ds,
            a.procedure.as_deref().unwrap_or(""),
            lang,
        ))];
        row.extend(figures_cells(a, true, ds, lang));
        let n = row.len();
        t.push(row, None, classes(n, 1, a.verdict));
    }
    t
}

/// The agreement per task of one group.
pub fn tasks(rows: &[TaskRow], lang: Lang) -> ViewTable {
    let r = recheck_texts(lang);
    let mut t = ViewTable::new(
        r.tasks_title,
        vec![
            r.col_task,
            r.col_max,
            r.col_works,
            r.col_exact,
            r.col_mean_original,
            r.col_mean_recheck,
            r.col_shift,
            r.col_kappa_linear,
            r.col_kappa_quadratic,
            r.col_why_verdict,
        ],
    );
    for row in rows {
        let mut cells = vec![
            text(row.label.clone()),
            int(usize::from(row.max)),
            int(row.works),
        ];
        match &row.figures {
            Some(f) => cells.extend([
                Cell::Percent {
                    value: f.exact,
                    decimals: 1,
                },
                num(Some(f.mean_original), 2),
                num(Some(f.mean_recheck), 2),
                num(Some(f.mean_shift), 2),
                num(f.kappa_linear, 2),
                num(f.kappa_quadratic, 2),
            ]),
            None => cells.extend(std::iter::repeat_n(Cell::Empty, 6)),
        }
        cells.push(text(
            row.withheld
                .map(|w| withheld_text(w, lang))
                .unwrap_or_default(),
        ));
        t.push(cells, None, vec![""; 10]);
    }
    t
}
