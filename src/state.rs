//! Session state in context: the loaded files (bytes, the user's answers and what the core
//! understood), the source analysis merged from them (recomputed whenever the files change)
//! and the analysed one the screens show: the source, or the source with the re-checked
//! scores ([`recheck`]).
//!
//! Nothing here is persisted: closing the tab forgets every file. The salt used to
//! pseudonymise pupil codes is random per session and never stored.

use crate::analysis::{self, Analysis};
use integra_core::ingest::{FileImport, ImportOptions, MergeOptions};
use integra_core::objectivity::{ObjectivityReport, Settings};
use integra_core::report::objectivity_scale::DistrictScale;
use leptos::prelude::*;
use std::sync::Arc;

mod recheck;
pub use recheck::Recheck;

/// One file of the session.
#[derive(Clone)]
pub struct LoadedFile {
    /// Stable id within the session (for keyed lists and forms).
    pub id: u64,
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
    /// The user's answers applied at import.
    pub opts: ImportOptions,
    pub import: Arc<FileImport>,
}

/// What a load of many files is doing: reading bytes or importing them, `done` of `total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub done: usize,
    pub total: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Walking dropped folders (the total is not known yet).
    Listing,
    /// Reading the files' bytes.
    Reading,
    /// Importing them (the core's work).
    Importing,
}

/// The app-wide session state (all fields are `Copy` handles).
#[derive(Clone, Copy)]
pub struct AppState {
    pub files: RwSignal<Vec<LoadedFile>>,
    /// The dataset merged from the files: what the re-check samples and compares with.
    pub source: RwSignal<Arc<Analysis>>,
    /// What every screen analyses: `source`, or `source` with the re-checked scores when the
    /// user chose them (`recheck.apply`).
    pub analysis: RwSignal<Arc<Analysis>>,
    /// The re-check of the session (read half; the operations write through `set_recheck`).
    pub recheck: ReadSignal<Recheck>,
    set_recheck: WriteSignal<Recheck>,
    /// Work in progress (reading or importing files).
    pub busy: RwSignal<bool>,
    /// Where a load of many files is (`None` when nothing is loading).
    pub progress: RwSignal<Option<Progress>>,
    /// Files of the last load that were skipped because they are not tables (paths inside
    /// the dropped or chosen folders: `README.md`, `reference.json`, …).
    pub skipped: RwSignal<Vec<String>>,
    /// How long the last load took (milliseconds), shown to the user.
    pub last_load_ms: RwSignal<Option<f64>>,
    /// Task-to-skill mappings the user typed, per procedure id (text as typed).
    pub skill_texts: RwSignal<std::collections::HashMap<String, String>>,
    /// Procedure families (kind, subject, grade) whose years the user confirmed comparable.
    pub comparable: RwSignal<std::collections::HashSet<String>>,
    /// How files are joined (logins differing only in prefix: one school or two).
    pub merge_opts: RwSignal<MergeOptions>,
    /// The objectivity thresholds (METHODOLOGY §3 defaults until the user changes one).
    pub obj_settings: RwSignal<Settings>,
    /// The objectivity analysis of the dataset with those settings (computed when first read).
    pub objectivity: Memo<Arc<ObjectivityReport>>,
    /// The district's scale of the problem against a shuffled district (computed when first
    /// read: it runs the analysis once more).
    pub objectivity_scale: Memo<Arc<DistrictScale>>,
    salt: [u8; 16],
    next_id: StoredValue<u64>,
}

/// A fresh random salt from `window.crypto.getRandomValues`.
fn session_salt() -> [u8; 16] {
    let mut salt = [0u8; 16];
    let ok = window()
        .crypto()
        .ok()
        .and_then(|c| c.get_random_values_with_u8_array(&mut salt).ok())
        .is_some();
    if !ok {
        // Practically unreachable in a browser with WebAssembly; fall back to Math.random.
        for b in salt.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    salt
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl AppState {
    /// Creates the state and puts it in context.
    pub fn provide() -> AppState {
        let source = Arc::new(Analysis::default());
        let analysis_sig = RwSignal::new(source.clone());
        let (recheck, set_recheck) = signal(Recheck::default());
        let obj_settings = RwSignal::new(Settings::default());
        let objectivity = Memo::new(move |_| {
            let settings = obj_settings.get();
            analysis_sig.with(|a| Arc::new(analysis::objectivity(&a.dataset, &settings)))
        });
        let objectivity_scale = Memo::new(move |_| {
            let settings = obj_settings.get();
            let observed = objectivity.get();
            analysis_sig.with(|a| {
                Arc::new(analysis::objectivity_scale(
                    &a.dataset, &settings, &observed,
                ))
            })
        });
        let s = AppState {
            files: RwSignal::new(Vec::new()),
            source: RwSignal::new(source),
            analysis: analysis_sig,
            recheck,
            set_recheck,
            busy: RwSignal::new(false),
            progress: RwSignal::new(None),
            skipped: RwSignal::new(Vec::new()),
            last_load_ms: RwSignal::new(None),
            skill_texts: RwSignal::new(Default::default()),
            comparable: RwSignal::new(Default::default()),
            merge_opts: RwSignal::new(MergeOptions::default()),
            obj_settings,
            objectivity,
            objectivity_scale,
            salt: session_salt(),
            next_id: StoredValue::new(1),
        };
        provide_context(s);
        s
    }

    fn fresh_id(&self) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    fn recompute(&self) {
        let opts = self.merge_opts.get_untracked();
        let a = self.files.with_untracked(|files| {
            analysis::analyse(files.iter().map(|f| f.import.as_ref()), &opts)
        });
        self.source.set(Arc::new(a));
        self.reset_recheck();
        self.refresh_analysed();
    }

    /// Whether logins that differ only in their letter prefix are one school; merges again.
    pub fn set_join_login_prefixes(&self, join: bool) {
        self.merge_opts.update(|o| o.join_login_prefixes = join);
        self.recompute();
    }

    /// Imports one file with the answers already given to a loaded file of the same name.
    fn import_one(&self, name: String, bytes: Vec<u8>) -> LoadedFile {
        let opts = self.files.with_untracked(|fs| {
            fs.iter()
                .find(|f| f.name == name)
                .map(|f| f.opts.clone())
                .unwrap_or_default()
        });
        let import = analysis::import(&name, &bytes, &opts, self.salt);
        LoadedFile {
            id: self.fresh_id(),
            name,
            bytes: Arc::new(bytes),
            opts,
            import: Arc::new(import),
        }
    }

    /// Puts imported files into the session: a file with the same name as a loaded one
    /// replaces it. The analysis is not recomputed here.
    fn put(&self, new_files: Vec<LoadedFile>) {
        self.files.update(|fs| {
            for nf in new_files {
                match fs.iter_mut().find(|f| f.name == nf.name) {
                    Some(f) => *f = nf,
                    None => fs.push(nf),
                }
            }
        });
    }

    /// Imports files (name, bytes) and adds them; a file with the same name as a loaded one
    /// replaces it (keeping the user's answers). The name is the file's relative path when it
    /// came from a folder (`altai_vpr/vpr_results/2020/4/Математика.xlsx`): the core reads
    /// the year, grade and subject from its folders.
    pub fn add_files(&self, incoming: Vec<(String, Vec<u8>)>) {
        let t0 = now_ms();
        let new_files = incoming
            .into_iter()
            .map(|(name, bytes)| self.import_one(name, bytes))
            .collect();
        self.put(new_files);
        self.recompute();
        self.last_load_ms.set(Some(now_ms() - t0));
    }

    /// Like [`AppState::add_files`], one file at a time, letting the browser paint between
    /// files: `progress` says how far the import is, each card appears as its file is read,
    /// and the analysis is recomputed once at the end. `started` is when the load began (the
    /// reading of the files counts towards the time shown).
    pub async fn add_files_gradually(self, incoming: Vec<(String, Vec<u8>)>, started: f64) {
        let total = incoming.len();
        for (i, (name, bytes)) in incoming.into_iter().enumerate() {
            self.progress.set(Some(Progress {
                phase: Phase::Importing,
                done: i,
                total,
            }));
            crate::pages::data::next_tick().await;
            let f = self.import_one(name, bytes);
            self.put(vec![f]);
        }
        self.progress.set(Some(Progress {
            phase: Phase::Importing,
            done: total,
            total,
        }));
        crate::pages::data::next_tick().await;
        self.recompute();
        self.last_load_ms.set(Some(now_ms() - started));
    }

    /// Generates the demo district and imports every file of it.
    pub fn load_demo(&self) {
        let t0 = now_ms();
        let files = analysis::demo_files();
        self.add_files(files);
        self.last_load_ms.set(Some(now_ms() - t0));
    }

    /// Re-imports one file with new answers.
    pub fn reimport(&self, id: u64, opts: ImportOptions) {
        let salt = self.salt;
        let t0 = now_ms();
        self.files.update(|fs| {
            if let Some(f) = fs.iter_mut().find(|f| f.id == id) {
                let import = analysis::import(&f.name, &f.bytes, &opts, salt);
                f.opts = opts;
                f.import = Arc::new(import);
            }
        });
        self.recompute();
        self.last_load_ms.set(Some(now_ms() - t0));
    }

    pub fn remove(&self, id: u64) {
        self.files.update(|fs| fs.retain(|f| f.id != id));
        self.recompute();
    }

    pub fn clear(&self) {
        self.files.set(Vec::new());
        self.skipped.set(Vec::new());
        self.recompute();
        self.last_load_ms.set(None);
    }
}

/// The session state from context.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
