//! The drop zone and the pickers: files and whole folders, dropped or chosen. Folders are
//! walked recursively and every table in them is handed to the session state with its path
//! relative to the dropped folder's parent (`altai_vpr/vpr_results/2020/4/Математика.xlsx`),
//! because the year, grade and subject of real exports are often only in the folder names.
//! Files are read in the browser; nothing is uploaded anywhere.

use crate::i18n::use_texts;
use crate::state::{now_ms, use_state, AppState, Phase, Progress};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry};

/// Extensions of tables (the importer sniffs the content anyway).
const TABLE_EXTENSIONS: [&str; 7] = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"];

/// File types offered by the file picker.
const ACCEPT: &str = ".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods";

/// Whether a file name (or path) has the extension of a table.
pub fn is_table_name(path: &str) -> bool {
    let base = path.rsplit('/').next().unwrap_or(path);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => {
            let ext = ext.to_ascii_lowercase();
            TABLE_EXTENSIONS.contains(&ext.as_str())
        }
        _ => false,
    }
}

/// A file to read and the name it goes by (its relative path when it came from a folder).
struct Picked {
    name: String,
    file: File,
}

/// Files of one drop or choice: the tables to read, and the paths of files inside folders
/// that were skipped because they are not tables.
#[derive(Default)]
struct Selection {
    files: Vec<Picked>,
    skipped: Vec<String>,
}

impl Selection {
    /// Adds a file; one from a folder that is not a table is only counted. Plain files are
    /// always read (the importer says what is wrong with them).
    fn add(&mut self, name: String, file: File, from_folder: bool) {
        if from_folder && !is_table_name(&name) {
            self.skipped.push(name);
        } else {
            self.files.push(Picked { name, file });
        }
    }
}

/// `File.webkitRelativePath` (empty for files not chosen through a folder picker).
fn relative_path(f: &File) -> String {
    js_sys::Reflect::get(f, &JsValue::from_str("webkitRelativePath"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// `FileSystemFileEntry.file()` as a future.
async fn entry_file(entry: &FileSystemFileEntry) -> Result<File, JsValue> {
    let p = js_sys::Promise::new(&mut |resolve, reject| {
        entry.file_with_callback_and_callback(&resolve, &reject);
    });
    JsFuture::from(p).await?.dyn_into::<File>()
}

/// Every entry of a directory: `readEntries` returns them in batches (Chromium: 100 at a
/// time) and an empty batch at the end.
async fn directory_entries(
    dir: &FileSystemDirectoryEntry,
) -> Result<Vec<FileSystemEntry>, JsValue> {
    let reader = dir.create_reader();
    let mut all = Vec::new();
    loop {
        let mut call = Ok(());
        let p = js_sys::Promise::new(&mut |resolve, reject| {
            call = reader.read_entries_with_callback_and_callback(&resolve, &reject);
        });
        call?;
        let batch: js_sys::Array = JsFuture::from(p).await?.dyn_into()?;
        if batch.length() == 0 {
            break;
        }
        // Chromium does not expose FileSystemEntry as a global (its entries are "Entry",
        // "DirectoryEntry", "FileEntry" without interface objects): an instanceof check would
        // drop every entry, so they are taken as they come.
        all.extend(batch.iter().map(|e| e.unchecked_into::<FileSystemEntry>()));
    }
    Ok(all)
}

/// Walks dropped entries: a dropped file keeps its plain name, files inside a dropped folder
/// get their path from the folder (`folder/sub/file.xlsx`). Entries that cannot be read are
/// counted as skipped.
async fn walk(state: AppState, top: Vec<FileSystemEntry>, sel: &mut Selection) {
    // (entry, its path, whether it lies inside a dropped folder)
    let mut stack: Vec<(FileSystemEntry, String, bool)> = top
        .into_iter()
        .rev()
        .map(|e| {
            let name = e.name();
            (e, name, false)
        })
        .collect();
    while let Some((entry, path, in_folder)) = stack.pop() {
        if entry.is_directory() {
            let dir: FileSystemDirectoryEntry = entry.unchecked_into();
            match directory_entries(&dir).await {
                Ok(mut children) => {
                    // A stable, readable order: by name, as a file manager shows them.
                    children.sort_by_key(|c| c.name());
                    for c in children.into_iter().rev() {
                        let p = format!("{path}/{}", c.name());
                        stack.push((c, p, true));
                    }
                }
                Err(_) => sel.skipped.push(format!("{path}/")),
            }
        } else if entry.is_file() {
            if in_folder && !is_table_name(&path) {
                sel.skipped.push(path);
            } else {
                let fe: FileSystemFileEntry = entry.unchecked_into();
                match entry_file(&fe).await {
                    Ok(f) => sel.add(path, f, in_folder),
                    Err(_) => sel.skipped.push(path),
                }
            }
            state
                .progress
                .set(Some(Progress::new(Phase::Listing, sel.files.len(), 0)));
        }
    }
}

/// Reads the files' bytes (showing how far it is) and imports them one by one.
async fn load(state: AppState, sel: Selection, started: f64) {
    let Selection { files, skipped } = sel;
    state.skipped.set(skipped);
    let total = files.len();
    let mut read = Vec::with_capacity(total);
    for (i, Picked { name, file }) in files.into_iter().enumerate() {
        if state.cancel_requested.get_untracked() {
            // Cancelled while reading: nothing of this load is imported.
            return;
        }
        state.progress.set(Some(Progress {
            file: Some(name.clone()),
            ..Progress::new(Phase::Reading, i, total)
        }));
        let blob = gloo_file::Blob::from(file);
        // A file that cannot be read (removed meanwhile, permissions) becomes an empty
        // file, which the importer refuses with a clear message.
        let bytes = gloo_file::futures::read_as_bytes(&blob)
            .await
            .unwrap_or_default();
        read.push((name, bytes));
    }
    if !read.is_empty() {
        state.add_files_gradually(read, started).await;
    }
}

/// Runs a load in the background with the busy indicator on.
fn start(state: AppState, make: impl std::future::Future<Output = Selection> + 'static) {
    state.busy.set(true);
    state.cancel_requested.set(false);
    let started = now_ms();
    spawn_local(async move {
        let sel = make.await;
        load(state, sel, started).await;
        state.progress.set(None);
        state.busy.set(false);
    });
}

/// The files of a dropped `DataTransfer`: directories through `webkitGetAsEntry`, which
/// must be called while the drop event is being handled.
fn dropped(state: AppState, dt: web_sys::DataTransfer) {
    let mut entries = Vec::new();
    let mut plain = Vec::new();
    let items = dt.items();
    for i in 0..items.length() {
        let Some(item) = items.get(i) else { continue };
        if item.kind() != "file" {
            continue;
        }
        match item.webkit_get_as_entry() {
            Ok(Some(e)) => entries.push(e),
            _ => {
                if let Ok(Some(f)) = item.get_as_file() {
                    plain.push(f);
                }
            }
        }
    }
    if entries.is_empty() && plain.is_empty() {
        // No item list (older browsers): the flat file list.
        if let Some(list) = dt.files() {
            plain.extend((0..list.length()).filter_map(|i| list.get(i)));
        }
    }
    if entries.is_empty() && plain.is_empty() {
        return;
    }
    start(state, async move {
        let mut sel = Selection::default();
        for f in plain {
            let name = f.name();
            sel.add(name, f, false);
        }
        walk(state, entries, &mut sel).await;
        sel
    });
}

/// The files of a file input: with `webkitdirectory`, each with its `webkitRelativePath`.
fn chosen(state: AppState, input: &web_sys::HtmlInputElement) {
    let mut sel = Selection::default();
    if let Some(list) = input.files() {
        for f in (0..list.length()).filter_map(|i| list.get(i)) {
            let rel = relative_path(&f);
            if rel.is_empty() {
                let name = f.name();
                sel.add(name, f, false);
            } else {
                sel.add(rel, f, true);
            }
        }
    }
    // The browser lists a folder's files in no useful order: by path, as a file manager
    // shows them (the cards come in this order).
    sel.files.sort_by(|a, b| a.name.cmp(&b.name));
    sel.skipped.sort();
    // Allow choosing the same files again.
    input.set_value("");
    if sel.files.is_empty() && sel.skipped.is_empty() {
        return;
    }
    start(state, async move { sel });
}

fn on_input(state: AppState) -> impl Fn(leptos::ev::Event) + 'static {
    move |ev: leptos::ev::Event| {
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            chosen(state, &input);
        }
    }
}

/// «Импорт файлов: 5 из 23… (Математика.xlsx; прочитано строк: 12 000)».
fn progress_text(p: Progress, t: &crate::i18n::Texts, lang: crate::i18n::Lang) -> String {
    use crate::i18n::fmt_int;
    let stage = match p.phase {
        Phase::Listing => return format!("{}: {}…", t.progress_listing, fmt_int(p.done, lang)),
        Phase::Reading => t.progress_reading,
        Phase::Importing => t.progress_importing,
        Phase::Analysing => return format!("{}…", t.progress_analysing),
        Phase::Restoring => t.progress_restoring,
    };
    let mut line = if p.total > 0 {
        format!(
            "{stage}: {} {} {}…",
            fmt_int(p.done, lang),
            t.progress_of,
            fmt_int(p.total, lang)
        )
    } else {
        format!("{stage}…")
    };
    let rows = (p.rows > 0).then(|| format!("{}: {}", t.progress_rows, fmt_int(p.rows, lang)));
    let detail: Vec<String> = p.file.into_iter().chain(rows).collect();
    if !detail.is_empty() {
        line.push_str(&format!(" ({})", detail.join("; ")));
    }
    line
}

#[component]
pub fn DropZone() -> impl IntoView {
    let t = use_texts();
    let lang = crate::i18n::use_lang();
    let state = use_state();
    // dragenter/dragleave also fire for the zone's children: count them.
    let depth = RwSignal::new(0i32);
    let over = move || depth.get() > 0;
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        depth.set(0);
        if let Some(dt) = ev.data_transfer() {
            dropped(state, dt);
        }
    };
    // A drop that misses the zone must not make the browser open the file in place of the
    // app (which would lose every loaded file).
    let guard_over = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let guard_drop = window_event_listener(leptos::ev::drop, |ev| ev.prevent_default());
    on_cleanup(move || {
        guard_over.remove();
        guard_drop.remove();
    });
    let progress = move || {
        state
            .progress
            .get()
            .map(|p| progress_text(p, t(), lang.get()))
    };
    let cancellable = move || {
        state
            .progress
            .with(|p| p.as_ref().is_some_and(|p| p.phase.cancellable()))
    };
    let skipped = move || state.skipped.with(|s| s.clone());
    view! {
        <div
            id="drop-zone"
            data-testid="drop-zone"
            class="drop-zone"
            class:over=over
            on:dragenter=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                depth.update(|d| *d += 1);
            }
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                if let Some(dt) = ev.data_transfer() {
                    dt.set_drop_effect("copy");
                }
            }
            on:dragleave=move |_| depth.update(|d| *d = (*d - 1).max(0))
            on:drop=on_drop
        >
            <div class="drop-icon" aria-hidden="true">"⇩"</div>
            <div class="drop-title">
                {move || if over() { t().drop_active } else { t().drop_title }}
            </div>
            <div class="drop-hint">{move || t().drop_hint}</div>
            <div class="drop-buttons">
                <label class="btn btn-secondary file-pick" class:disabled=move || state.busy.get()>
                    {move || t().choose_files}
                    <input
                        type="file"
                        id="file-input"
                        data-testid="file-input"
                        multiple
                        accept=ACCEPT
                        disabled=move || state.busy.get()
                        on:change=on_input(state)
                    />
                </label>
                <label class="btn btn-secondary file-pick" class:disabled=move || state.busy.get()>
                    {move || t().choose_folder}
                    <input
                        type="file"
                        id="folder-input"
                        data-testid="folder-input"
                        multiple
                        // A reflected property: sets the `webkitdirectory` attribute too.
                        prop:webkitdirectory=true
                        disabled=move || state.busy.get()
                        on:change=on_input(state)
                    />
                </label>
            </div>
            <Show when=move || state.busy.get()>
                <div class="busy" data-testid="busy" role="status" aria-live="polite">
                    <span
                        data-testid="progress"
                        data-phase=move || {
                            state
                                .progress
                                .with(|p| p.as_ref().map(|p| format!("{:?}", p.phase).to_lowercase()))
                        }
                    >
                        {move || progress().unwrap_or_else(|| t().busy.to_string())}
                    </span>
                    <Show when=cancellable>
                        <button
                            type="button"
                            class="btn btn-secondary btn-small"
                            data-testid="cancel-load"
                            disabled=move || state.cancel_requested.get()
                            on:click=move |_| state.cancel_load()
                        >
                            {move || t().cancel_load}
                        </button>
                    </Show>
                </div>
            </Show>
            {move || {
                let s = skipped();
                (!s.is_empty()).then(|| {
                    let n = s.len();
                    let list = s.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
                    let more = if n > 5 { ", …" } else { "" };
                    view! {
                        <div class="skipped muted small" data-testid="skipped" data-value=n.to_string() title=s.join("\n")>
                            {t().skipped}": "{crate::i18n::fmt_int(n, lang.get())}" ("{list}{more}")"
                        </div>
                    }
                })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::is_table_name;

    #[test]
    fn tables_by_extension() {
        for n in [
            "a.csv",
            "dir/Математика.xlsx",
            "x/y/ALL.XLSX",
            "b.ods",
            "c.xls",
            "d.xlsm",
            "e.tsv",
            "f.txt",
        ] {
            assert!(is_table_name(n), "{n}");
        }
        for n in [
            "README.md",
            "dir/reference.json",
            "x/.DS_Store",
            "noext",
            "dir.xlsx/file",
            ".csv",
        ] {
            assert!(!is_table_name(n), "{n}");
        }
    }
}
