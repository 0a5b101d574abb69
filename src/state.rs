//! Session state in context: the loaded files (bytes, the user's answers and what the core
//! understood) and the merged analysis, recomputed whenever the files change.
//!
//! Nothing here is persisted: closing the tab forgets every file. The salt used to
//! pseudonymise pupil codes is random per session and never stored.

use crate::analysis::{self, Analysis};
use integra_core::ingest::{FileImport, ImportOptions};
use integra_core::objectivity::{ObjectivityReport, Settings};
use leptos::prelude::*;
use std::sync::Arc;

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

/// The app-wide session state (all fields are `Copy` handles).
#[derive(Clone, Copy)]
pub struct AppState {
    pub files: RwSignal<Vec<LoadedFile>>,
    pub analysis: RwSignal<Arc<Analysis>>,
    /// Work in progress (reading or importing files).
    pub busy: RwSignal<bool>,
    /// How long the last load took (milliseconds), shown to the user.
    pub last_load_ms: RwSignal<Option<f64>>,
    /// Task-to-skill mappings the user typed, per procedure id (text as typed).
    pub skill_texts: RwSignal<std::collections::HashMap<String, String>>,
    /// Procedure families (kind, subject, grade) whose years the user confirmed comparable.
    pub comparable: RwSignal<std::collections::HashSet<String>>,
    /// The objectivity thresholds (METHODOLOGY §3 defaults until the user changes one).
    pub obj_settings: RwSignal<Settings>,
    /// The objectivity analysis of the dataset with those settings (computed when first read).
    pub objectivity: Memo<Arc<ObjectivityReport>>,
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

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl AppState {
    /// Creates the state and puts it in context.
    pub fn provide() -> AppState {
        let analysis_sig = RwSignal::new(Arc::new(Analysis::default()));
        let obj_settings = RwSignal::new(Settings::default());
        let objectivity = Memo::new(move |_| {
            let settings = obj_settings.get();
            analysis_sig.with(|a| Arc::new(analysis::objectivity(&a.dataset, &settings)))
        });
        let s = AppState {
            files: RwSignal::new(Vec::new()),
            analysis: analysis_sig,
            busy: RwSignal::new(false),
            last_load_ms: RwSignal::new(None),
            skill_texts: RwSignal::new(Default::default()),
            comparable: RwSignal::new(Default::default()),
            obj_settings,
            objectivity,
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
        let a = self
            .files
            .with_untracked(|files| analysis::analyse(files.iter().map(|f| f.import.as_ref())));
        self.analysis.set(Arc::new(a));
    }

    /// Imports files (name, bytes) and adds them; a file with the same name as a loaded one
    /// replaces it (keeping the user's answers).
    pub fn add_files(&self, incoming: Vec<(String, Vec<u8>)>) {
        let t0 = now_ms();
        let salt = self.salt;
        let mut new_files = Vec::with_capacity(incoming.len());
        for (name, bytes) in incoming {
            let opts = self.files.with_untracked(|fs| {
                fs.iter()
                    .find(|f| f.name == name)
                    .map(|f| f.opts.clone())
                    .unwrap_or_default()
            });
            let import = analysis::import(&name, &bytes, &opts, salt);
            new_files.push(LoadedFile {
                id: self.fresh_id(),
                name,
                bytes: Arc::new(bytes),
                opts,
                import: Arc::new(import),
            });
        }
        self.files.update(|fs| {
            for nf in new_files {
                match fs.iter_mut().find(|f| f.name == nf.name) {
                    Some(f) => *f = nf,
                    None => fs.push(nf),
                }
            }
        });
        self.recompute();
        self.last_load_ms.set(Some(now_ms() - t0));
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
        self.recompute();
        self.last_load_ms.set(None);
    }
}

/// The session state from context.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
