//! The drop zone (drag and drop through leptos-use's `use_drop_zone`) with a file picker
//! that takes several files at once. Files are read in the browser and handed to the session
//! state; nothing is uploaded anywhere.

use crate::i18n::use_texts;
use crate::state::{use_state, AppState};
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_use_drop_zone::{use_drop_zone_with_options, UseDropZoneOptions, UseDropZoneReturn};
use wasm_bindgen::JsCast;

/// File types offered by the picker (the importer sniffs the content anyway).
const ACCEPT: &str = ".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods";

/// Reads the files' bytes and imports them.
fn load(state: AppState, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    state.busy.set(true);
    spawn_local(async move {
        let mut read = Vec::with_capacity(files.len());
        for f in files {
            let name = f.name();
            let blob = gloo_file::Blob::from(f);
            // A file that cannot be read (removed meanwhile, permissions) becomes an empty
            // file, which the importer refuses with a clear message.
            let bytes = gloo_file::futures::read_as_bytes(&blob)
                .await
                .unwrap_or_default();
            read.push((name, bytes));
        }
        state.add_files(read);
        state.busy.set(false);
    });
}

#[component]
pub fn DropZone() -> impl IntoView {
    let t = use_texts();
    let state = use_state();
    let zone = NodeRef::<Div>::new();
    let UseDropZoneReturn {
        is_over_drop_zone, ..
    } = use_drop_zone_with_options(
        zone,
        UseDropZoneOptions::default().on_drop(move |ev| load(state, ev.files)),
    );
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let mut files = Vec::new();
        if let Some(list) = input.files() {
            for i in 0..list.length() {
                if let Some(f) = list.get(i) {
                    files.push(f);
                }
            }
        }
        load(state, files);
        // Allow choosing the same file again.
        input.set_value("");
    };
    view! {
        <div
            node_ref=zone
            id="drop-zone"
            data-testid="drop-zone"
            class="drop-zone"
            class:over=move || is_over_drop_zone.get()
        >
            <div class="drop-icon" aria-hidden="true">"⇩"</div>
            <div class="drop-title">
                {move || if is_over_drop_zone.get() { t().drop_active } else { t().drop_title }}
            </div>
            <div class="drop-hint">{move || t().drop_hint}</div>
            <label class="btn btn-secondary file-pick">
                {move || t().choose_files}
                <input
                    type="file"
                    id="file-input"
                    data-testid="file-input"
                    multiple
                    accept=ACCEPT
                    on:change=on_change
                />
            </label>
            <Show when=move || state.busy.get()>
                <div class="busy" data-testid="busy">{move || t().busy}</div>
            </Show>
        </div>
    }
}
