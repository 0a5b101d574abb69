//! «Умения»: success per skill of the group beside the district, systemic deficits, and which
//! schools or classes below have them. Skills come from a task-description file or from the
//! mapping the user types here (kept for the session, per procedure).

use super::{file_stem, group_of, use_drill};
use crate::analysis::{self, SkillView};
use crate::charts::chart::EChart;
use crate::charts::skills::skills as skills_chart;
use crate::components::data_table::DataTable;
use crate::i18n::{fmt_int, use_drill_texts, use_lang};
use crate::state::use_state;
use crate::tables::{skill_children_table, skills_table, ViewTable};
use integra_core::report::drill::Scope;
use leptos::prelude::*;

#[component]
pub fn Skills() -> impl IntoView {
    let ctx = use_drill();
    let state = use_state();
    let d = use_drill_texts();
    let lang = use_lang();
    let typed = Memo::new(move |_| {
        let id = ctx.id.get();
        state.skill_texts.with(|m| m.get(&id).cloned())
    });
    let view_data: Memo<Option<SkillView>> = Memo::new(move |_| {
        let (id, scope, typed) = (ctx.id.get(), ctx.scope.get(), typed.get());
        state
            .analysis
            .with(|a| analysis::skills(&a.dataset, &id, &scope, typed.as_deref()))
    });
    let has_skills =
        move || view_data.with(|v| v.as_ref().is_some_and(|v| !v.group.skills.is_empty()));
    // The text area starts with the typed mapping, else the tasks' own skills.
    let draft = RwSignal::new(String::new());
    Effect::new(move |_| {
        let text = typed.get().unwrap_or_else(|| {
            ctx.tasks.with(|ts| {
                ts.iter()
                    .filter_map(|t| t.skill.as_ref().map(|s| format!("{}: {s}", t.label)))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        });
        draft.set(text);
    });
    let apply = move |_| {
        let id = ctx.id.get_untracked();
        let text = draft.get_untracked();
        state.skill_texts.update(|m| {
            if text.trim().is_empty() {
                m.remove(&id);
            } else {
                m.insert(id, text);
            }
        });
    };
    let clear = move |_| {
        let id = ctx.id.get_untracked();
        state.skill_texts.update(|m| {
            m.remove(&id);
        });
    };
    let chart = Signal::derive(move || {
        let l = lang.get();
        let (kind, name) = group_of(&ctx.scope.get(), l);
        let is_district = matches!(ctx.scope.get(), Scope::District);
        view_data.with(|v| {
            let Some(v) = v else {
                return charming::Chart::new();
            };
            let rows: Vec<(String, Option<f64>, Option<f64>, bool)> = v
                .group
                .skills
                .iter()
                .map(|s| {
                    let dist = (!is_district)
                        .then(|| {
                            v.district
                                .skills
                                .iter()
                                .find(|x| x.skill == s.skill)
                                .and_then(|x| x.success)
                        })
                        .flatten();
                    (s.skill.clone(), s.success, dist, s.deficit)
                })
                .collect();
            skills_chart(&rows, &name, kind, l)
        })
    });
    let height =
        Signal::derive(move || view_data.with(|v| v.as_ref().map_or(0, |v| v.group.skills.len())));
    let table = Signal::derive(move || {
        let l = lang.get();
        let is_district = matches!(ctx.scope.get(), Scope::District);
        let tasks = ctx.tasks.get();
        view_data.with(|v| {
            v.as_ref()
                .map(|v| skills_table(&v.group, (!is_district).then_some(&v.district), &tasks, l))
                .unwrap_or_else(ViewTable::default)
        })
    });
    let below = Signal::derive(move || {
        let l = lang.get();
        let id = ctx.id.get();
        let schools = matches!(ctx.scope.get(), Scope::District);
        view_data.with(|v| {
            v.as_ref()
                .map(|v| skill_children_table(&id, &v.children, schools, l))
                .unwrap_or_else(ViewTable::default)
        })
    });
    let has_below = move || below.with(|t| !t.table.rows.is_empty());
    let notes = move || {
        let l = lang.get();
        let d = d();
        view_data.with(|v| {
            v.as_ref().map(|v| {
                let errors = v
                    .errors
                    .iter()
                    .map(|e| view! { <li>{if l == crate::i18n::Lang::Ru { e.message_ru.clone() } else { e.message_en.clone() }}</li> })
                    .collect_view();
                let unknown = (!v.unknown.is_empty()).then(|| {
                    view! { <li>{d.skills_unknown}": "{v.unknown.join(", ")}</li> }
                });
                let unmapped = (v.group.unmapped_tasks > 0 && !v.group.skills.is_empty()).then(|| {
                    view! { <p class="muted small">{d.skills_unmapped}": "{fmt_int(v.group.unmapped_tasks, l)}</p> }
                });
                view! { <ul class="form-errors" data-testid="skills-errors">{errors}{unknown}</ul>{unmapped} }
            })
        })
    };
    let stem = Signal::derive(move || file_stem(&ctx.id.get(), &ctx.scope.get(), "skills"));
    let stem_below = Signal::derive(move || file_stem(&ctx.id.get(), &ctx.scope.get(), "deficits"));
    view! {
        <section class="drill-section" id="skills">
            <h2>{move || d().sec_skills}</h2>
            <p class="muted small">{move || d().skills_note}</p>
            <Show when=has_skills fallback=move || view! { <p class="notice" data-testid="skills-none">{move || d().skills_none}</p> }>
                {move || {
                    let h = 60 + 34 * height.get() as u32;
                    view! { <EChart id="chart-skills" chart=chart height=h/> }
                }}
                <DataTable table=table testid="skills-table" file_stem=stem/>
                <Show when=has_below>
                    <h3 class="sub">{move || d().col_deficits_list}</h3>
                    <DataTable table=below testid="deficits-table" file_stem=stem_below/>
                </Show>
            </Show>
            {notes}
            <details class="skill-map no-print" data-testid="skill-map">
                <summary>{move || d().skills_type_label}</summary>
                <p class="muted small">{move || d().skills_type_hint}</p>
                <textarea rows="8" data-testid="skill-text" prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                <div class="form-actions">
                    <button class="btn btn-primary" data-testid="skill-apply" on:click=apply>{move || d().skills_apply}</button>
                    <button class="btn" on:click=clear>{move || d().skills_clear}</button>
                </div>
            </details>
        </section>
    }
}
