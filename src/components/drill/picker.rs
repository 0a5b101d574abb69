//! Choosing a procedure by kind, subject, grade and year. Changing one field goes to the
//! procedure that has it and agrees with the other fields as far as possible; a school view
//! stays on the same school when that school took part.

use super::use_drill;
use crate::i18n::{kind_name, use_drill_texts, use_lang, use_texts};
use crate::state::use_state;
use crate::tables::scope_href;
use integra_core::model::ProcedureKey;
use integra_core::report::drill::Scope;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// One field of the key, as the text of a select's option value.
fn field(k: &ProcedureKey, f: usize) -> String {
    match f {
        0 => k.kind.code().to_string(),
        1 => k.subject.clone(),
        2 => k.grade.map(|g| g.to_string()).unwrap_or_default(),
        _ => k.year.map(|y| y.to_string()).unwrap_or_default(),
    }
}

/// The key among `keys` with field `f` = `value` that agrees most with `current` (ties: the
/// latest year, then the order of the list).
pub fn best_match<'a>(
    keys: &'a [ProcedureKey],
    current: &ProcedureKey,
    f: usize,
    value: &str,
) -> Option<&'a ProcedureKey> {
    keys.iter()
        .filter(|k| field(k, f) == value)
        .max_by_key(|k| {
            let agree = (0..4)
                .filter(|&g| g != f && field(k, g) == field(current, g))
                .count();
            (agree, k.year)
        })
}

#[component]
pub fn ProcedurePicker() -> impl IntoView {
    let ctx = use_drill();
    let state = use_state();
    let t = use_texts();
    let d = use_drill_texts();
    let lang = use_lang();
    let navigate = use_navigate();
    let keys = Memo::new(move |_| {
        state.analysis.with(|a| {
            a.overview
                .procedures
                .iter()
                .map(|p| p.key.clone())
                .collect::<Vec<_>>()
        })
    });
    let select = move |f: usize| {
        let navigate = navigate.clone();
        let options = move || {
            let l = lang.get();
            let cur = ctx.key.get();
            let mut values: Vec<String> = keys.with(|ks| ks.iter().map(|k| field(k, f)).collect());
            values.sort();
            values.dedup();
            values
                .into_iter()
                .map(|v| {
                    let selected = cur.as_ref().is_some_and(|c| field(c, f) == v);
                    let label = match f {
                        0 => integra_core::model::ProcedureKind::parse(&v)
                            .map(|k| kind_name(k, l).to_string())
                            .unwrap_or_else(|| v.clone()),
                        _ if v.is_empty() => "—".to_string(),
                        _ => v.clone(),
                    };
                    view! { <option value=v selected=selected>{label}</option> }
                })
                .collect_view()
        };
        let on_change = move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let Some(cur) = ctx.key.get_untracked() else {
                return;
            };
            let target = keys.with_untracked(|ks| best_match(ks, &cur, f, &value).cloned());
            if let Some(k) = target {
                let id = k.id();
                let scope = match ctx.scope.get_untracked() {
                    Scope::District => Scope::District,
                    Scope::School { school } | Scope::Class { school, .. } => {
                        let took_part = state.analysis.with_untracked(|a| {
                            crate::analysis::group(
                                &a.dataset,
                                &id,
                                &Scope::School {
                                    school: school.clone(),
                                },
                            )
                            .is_some()
                        });
                        if took_part {
                            Scope::School { school }
                        } else {
                            Scope::District
                        }
                    }
                };
                navigate(&scope_href(&id, &scope), NavigateOptions::default());
            }
        };
        let label = move || {
            let t = t();
            [t.kind, t.subject, t.grade, t.year][f]
        };
        view! {
            <label class="picker-field">
                <span>{label}</span>
                <select data-testid=format!("pick-{f}") on:change=on_change>{options}</select>
            </label>
        }
    };
    view! {
        <div class="procedure-picker no-print" role="group" aria-label=move || d().pick_label data-testid="procedure-picker">
            {select(0)}{select(1)}{select(2)}{select(3)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use integra_core::model::ProcedureKind;

    fn key(kind: ProcedureKind, subject: &str, grade: u8, year: u16) -> ProcedureKey {
        ProcedureKey {
            kind,
            subject: subject.into(),
            grade: Some(grade),
            year: Some(year),
        }
    }

    #[test]
    fn a_changed_field_keeps_the_others_when_it_can() {
        use ProcedureKind::*;
        let keys = vec![
            key(Vpr, "Математика", 5, 2024),
            key(Vpr, "Математика", 5, 2025),
            key(Vpr, "Русский язык", 5, 2025),
            key(Oge, "Математика", 9, 2025),
        ];
        let cur = &keys[1];
        assert_eq!(best_match(&keys, cur, 1, "Русский язык"), Some(&keys[2]));
        assert_eq!(best_match(&keys, cur, 3, "2024"), Some(&keys[0]));
        // ОГЭ has only grade 9: the grade gives way.
        assert_eq!(best_match(&keys, cur, 0, "oge"), Some(&keys[3]));
        assert_eq!(best_match(&keys, cur, 2, "7"), None);
    }
}
