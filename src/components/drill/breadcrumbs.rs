//! «Район › Школа › Класс › Ученик»: where the view is, each level a link up.

use crate::i18n::use_drill_texts;
use crate::tables::{scope_href, urlencoding};
use integra_core::report::drill::Scope;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Breadcrumbs(
    #[prop(into)] id: Signal<String>,
    #[prop(into)] scope: Signal<Scope>,
    /// The pupil's code on a pupil sheet.
    #[prop(into, optional)]
    pupil: Signal<Option<String>>,
) -> impl IntoView {
    let d = use_drill_texts();
    let crumbs = move || {
        let id = id.get();
        let d = d();
        let mut items: Vec<(String, String)> = vec![(
            d.level_district.to_string(),
            scope_href(&id, &Scope::District),
        )];
        match scope.get() {
            Scope::District => {}
            Scope::School { school } => {
                let s = Scope::School {
                    school: school.clone(),
                };
                items.push((format!("{} {school}", d.level_school), scope_href(&id, &s)));
            }
            Scope::Class { school, class } => {
                let s = Scope::School {
                    school: school.clone(),
                };
                items.push((format!("{} {school}", d.level_school), scope_href(&id, &s)));
                let c = Scope::Class {
                    school,
                    class: class.clone(),
                };
                items.push((format!("{} {class}", d.level_class), scope_href(&id, &c)));
            }
        }
        if let Some(p) = pupil.get() {
            let href = format!(
                "{}/pupil/{}",
                items.last().map(|i| i.1.clone()).unwrap_or_default(),
                urlencoding(&p)
            );
            items.push((format!("{} {p}", d.level_pupil), href));
        }
        let last = items.len() - 1;
        items
            .into_iter()
            .enumerate()
            .map(|(i, (label, href))| {
                if i == last {
                    view! { <span class="crumb current" aria-current="page" data-testid="crumb-current">{label}</span> }.into_any()
                } else {
                    view! {
                        <A href=href attr:class="crumb" attr:data-testid=format!("crumb-{i}")>{label}</A>
                        <span class="crumb-sep" aria-hidden="true">"›"</span>
                    }
                    .into_any()
                }
            })
            .collect_view()
    };
    view! { <nav class="breadcrumbs" aria-label="breadcrumbs" data-testid="breadcrumbs">{crumbs}</nav> }
}
