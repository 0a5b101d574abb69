//! «Уточнить»: a small form for what the importer could not infer (procedure kind, subject,
//! grade, year, scale, table kind, column roles). Applying it re-imports the file at once
//! with these [`ImportOptions`]. An empty field means "detect automatically".

use crate::components::file_card::table_code;
use crate::i18n::{
    kind_name, role_code, role_from_code, role_label, role_name, table_kind_name, use_lang,
    use_texts, Texts, ROLE_CODES,
};
use crate::state::{use_state, LoadedFile};
use integra_core::ingest::{ImportOptions, TableKind};
use integra_core::model::ProcedureKind;
use leptos::prelude::*;

fn parse_num(s: &str) -> Result<Option<f64>, ()> {
    let s = s.trim().replace(',', ".");
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<f64>().map(Some).map_err(|_| ())
}

fn num_to_string(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

const TABLE_KINDS: [TableKind; 5] = [
    TableKind::PupilResults,
    TableKind::SchoolResults,
    TableKind::SchoolContext,
    TableKind::TaskInfo,
    TableKind::Reference,
];

#[component]
pub fn NeedsForm(file: LoadedFile) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let state = use_state();
    let id = file.id;
    let summary = file.import.summary.clone();
    let opts = file.opts.clone();
    let open = !summary.needs.is_empty();

    // Field values (strings as typed); empty = automatic.
    let table_kind = RwSignal::new(opts.table_kind.map(table_code).unwrap_or("").to_string());
    let kind = RwSignal::new(opts.kind.map(|k| k.code()).unwrap_or("").to_string());
    let subject = RwSignal::new(opts.subject.clone().unwrap_or_default());
    let grade = RwSignal::new(opts.grade.map(|g| g.to_string()).unwrap_or_default());
    let year = RwSignal::new(opts.year.map(|y| y.to_string()).unwrap_or_default());
    // The header row the user named (empty: the importer's).
    let header_row = RwSignal::new(opts.header_row.map(|r| r.to_string()).unwrap_or_default());
    // The sheet the user chose (empty: the one the importer chose).
    let sheet = RwSignal::new(opts.sheet.clone().unwrap_or_default());
    let applied_sheet = opts.sheet.clone();
    let [s3, s4, s5] = match opts.scale {
        Some(s) => s.map(num_to_string),
        None => [String::new(), String::new(), String::new()],
    };
    let (m3, m4, m5) = (RwSignal::new(s3), RwSignal::new(s4), RwSignal::new(s5));
    let roles = RwSignal::new(
        opts.columns
            .iter()
            .map(|(i, r)| (*i, role_code(r).to_string()))
            .collect::<Vec<_>>(),
    );
    let error = RwSignal::new(None::<fn(&Texts) -> &'static str>);

    // Placeholders: what was inferred.
    let key = summary.procedure.clone();
    let ph_subject = key.as_ref().map(|k| k.subject.clone()).unwrap_or_default();
    let ph_grade = key
        .as_ref()
        .and_then(|k| k.grade)
        .map(|g| g.to_string())
        .unwrap_or_default();
    // The row the importer took for the header, as the sheet shows it.
    let ph_header = if summary.header_row > 0 {
        summary.header_row.to_string()
    } else {
        String::new()
    };
    let ph_year = key
        .as_ref()
        .and_then(|k| k.year)
        .map(|y| y.to_string())
        .unwrap_or_default();
    let inferred_kind = key.as_ref().map(|k| k.kind);
    let inferred_table = summary.table;
    let ph_scale = summary
        .scale
        .map(|s| [s.mark3, s.mark4, s.mark5].map(num_to_string))
        .unwrap_or_default();
    let columns = summary.columns.clone();
    let sheets = summary.sheets.clone();
    // The sheet the importer read: the one named in the format line.
    let read_sheet = sheets
        .iter()
        .find(|s| summary.format_detail == **s || summary.format_detail.contains(&format!("«{s}»")))
        .cloned();

    // Re-imports the file with every answer of the form.
    let submit = move || {
        let grade_v = parse_num(&grade.get_untracked());
        let year_v = parse_num(&year.get_untracked());
        let header_v = parse_num(&header_row.get_untracked());
        let (Ok(grade_v), Ok(year_v), Ok(header_v)) = (grade_v, year_v, header_v) else {
            error.set(Some(|t: &Texts| t.err_number));
            return;
        };
        let scale = match (
            parse_num(&m3.get_untracked()),
            parse_num(&m4.get_untracked()),
            parse_num(&m5.get_untracked()),
        ) {
            (Ok(None), Ok(None), Ok(None)) => None,
            (Ok(Some(a)), Ok(Some(b)), Ok(Some(c))) if a < b && b < c => Some([a, b, c]),
            _ => {
                error.set(Some(|t: &Texts| t.err_scale));
                return;
            }
        };
        error.set(None);
        let subject_v = subject.get_untracked().trim().to_string();
        let columns_v = roles.with_untracked(|rs| {
            rs.iter()
                .filter_map(|(i, code)| {
                    let header = columns
                        .iter()
                        .find(|c| c.index == *i)
                        .map(|c| c.header.as_str())
                        .unwrap_or("");
                    role_from_code(code, header).map(|r| (*i, r))
                })
                .collect()
        });
        let tk = table_kind.get_untracked();
        let sheet_v = Some(sheet.get_untracked()).filter(|s| !s.is_empty());
        // Column roles are indices into the sheet they were given for: another sheet starts
        // from the importer's own reading of its columns.
        let columns_v = if sheet_v == applied_sheet {
            columns_v
        } else {
            Vec::new()
        };
        let new_opts = ImportOptions {
            kind: ProcedureKind::parse(&kind.get_untracked()),
            subject: (!subject_v.is_empty()).then_some(subject_v),
            grade: grade_v.map(|g| g as u8),
            year: year_v.map(|y| y as u16),
            scale,
            columns: columns_v,
            table_kind: TABLE_KINDS.into_iter().find(|k| table_code(*k) == tk),
            sheet: sheet_v,
            header_row: header_v.filter(|r| *r >= 1.0).map(|r| r as u32),
        };
        state.reimport(id, new_opts);
    };
    let apply = {
        let submit = submit.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            submit();
        }
    };
    // Another sheet is read at once (with the other answers of the form).
    let sheet_select = (sheets.len() > 1).then(|| {
        let read_sheet = read_sheet.clone();
        let submit = submit.clone();
        view! {
            <label class="nf-sheet">
                <span>{move || t().sheet_label}</span>
                <select
                    data-testid="nf-sheet"
                    on:change=move |ev| {
                        sheet.set(event_target_value(&ev));
                        submit();
                    }
                >
                    <option value="" selected=move || sheet.get().is_empty()>
                        {move || match &read_sheet {
                            Some(s) => format!("{}: {s}", t().auto),
                            None => t().auto.to_string(),
                        }}
                    </option>
                    {sheets
                        .iter()
                        .map(|name| {
                            let value = name.clone();
                            let is = name.clone();
                            view! {
                                <option value=value selected=move || sheet.get() == is>{name.clone()}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    });
    let reset = move |_| state.reimport(id, ImportOptions::default());

    let text_input = move |sig: RwSignal<String>,
                           testid: &'static str,
                           placeholder: String,
                           mode: &'static str| {
        view! {
            <input
                type="text"
                inputmode=mode
                data-testid=testid
                placeholder=placeholder
                prop:value=move || sig.get()
                on:input=move |ev| sig.set(event_target_value(&ev))
            />
        }
    };

    let column_rows = summary
        .columns
        .iter()
        .map(|c| {
            let index = c.index;
            let current = c.role.clone();
            let header = c.header.clone();
            let selected = move || {
                roles.with(|rs| rs.iter().find(|(i, _)| *i == index).map(|(_, r)| r.clone()))
                    .unwrap_or_default()
            };
            let on_change = move |ev: leptos::ev::Event| {
                let v = event_target_value(&ev);
                roles.update(|rs| {
                    rs.retain(|(i, _)| *i != index);
                    if !v.is_empty() {
                        rs.push((index, v));
                    }
                });
            };
            view! {
                <tr>
                    <td class="num">{index + 1}</td>
                    <td class="col-header" title=header.clone()>{header.clone()}</td>
                    <td>
                        <select data-testid="role-select" data-column=index.to_string() on:change=on_change>
                            <option value="" selected=move || selected().is_empty()>
                                {let current = current.clone(); move || format!("{}: {}", t().auto, role_label(&current, lang.get()))}
                            </option>
                            {ROLE_CODES
                                .into_iter()
                                .map(|code| view! {
                                    <option value=code selected=move || selected() == code>
                                        {move || role_name(code, lang.get())}
                                    </option>
                                })
                                .collect_view()}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <details class="needs-form" class:has-needs=open data-testid="needs-form" open=open>
            <summary>
                <span class="nf-title">{move || t().refine}</span>
            </summary>
            <form on:submit=apply>
                <p class="muted small">{move || t().refine_hint}</p>
                <div class="nf-grid">
                    {sheet_select}
                    <label>
                        <span>{move || t().table_kind_label}</span>
                        <select data-testid="nf-table" on:change=move |ev| table_kind.set(event_target_value(&ev))>
                            <option value="" selected=move || table_kind.get().is_empty()>
                                {move || format!("{}: {}", t().auto, table_kind_name(inferred_table, lang.get()))}
                            </option>
                            {TABLE_KINDS.into_iter().map(|k| view! {
                                <option value=table_code(k) selected=move || table_kind.get() == table_code(k)>
                                    {move || table_kind_name(k, lang.get())}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{move || t().kind}</span>
                        <select data-testid="nf-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                            <option value="" selected=move || kind.get().is_empty()>
                                {move || match inferred_kind {
                                    Some(k) => format!("{}: {}", t().auto, kind_name(k, lang.get())),
                                    None => t().auto.to_string(),
                                }}
                            </option>
                            {ProcedureKind::ALL.into_iter().map(|k| view! {
                                <option value=k.code() selected=move || kind.get() == k.code()>
                                    {move || kind_name(k, lang.get())}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{move || t().subject}</span>
                        {text_input(subject, "nf-subject", ph_subject, "text")}
                    </label>
                    <label>
                        <span>{move || t().grade}</span>
                        {text_input(grade, "nf-grade", ph_grade, "numeric")}
                    </label>
                    <label>
                        <span>{move || t().year}</span>
                        {text_input(year, "nf-year", ph_year, "numeric")}
                    </label>
                    <label>
                        <span>{move || t().header_row}</span>
                        {text_input(header_row, "nf-header-row", ph_header, "numeric")}
                    </label>
                </div>
                <fieldset class="nf-scale">
                    <legend>{move || t().scale_thresholds}</legend>
                    <label><span>{move || t().mark3}</span>{text_input(m3, "nf-mark3", ph_scale[0].clone(), "decimal")}</label>
                    <label><span>{move || t().mark4}</span>{text_input(m4, "nf-mark4", ph_scale[1].clone(), "decimal")}</label>
                    <label><span>{move || t().mark5}</span>{text_input(m5, "nf-mark5", ph_scale[2].clone(), "decimal")}</label>
                </fieldset>
                <details class="nf-columns">
                    <summary>{move || t().column_roles}" ("{summary.columns.len()}")"</summary>
                    <div class="table-wrap">
                        <table class="roles">
                            <thead>
                                <tr>
                                    <th>"#"</th>
                                    <th>{move || t().column_header}</th>
                                    <th>{move || t().column_role}</th>
                                </tr>
                            </thead>
                            <tbody>{column_rows}</tbody>
                        </table>
                    </div>
                </details>
                {move || error.get().map(|e| view! { <div class="nf-error" role="alert">{e(t())}</div> })}
                <div class="nf-actions">
                    <button type="submit" class="btn btn-primary btn-small" data-testid="nf-apply">
                        {move || t().apply}
                    </button>
                    <button type="button" class="btn btn-ghost btn-small" data-testid="nf-reset" on:click=reset>
                        {move || t().reset}
                    </button>
                </div>
            </form>
        </details>
    }
}
