//! Session state in context: the loaded files (bytes, the user's answers and what the core
//! understood), the source analysis merged from them (recomputed whenever the files change)
//! and the analysed one the screens show: the source, or the source with the re-checked
//! scores ([`recheck`]).
//!
//! Nothing here is persisted: closing the tab forgets every file. The salt used to
//! pseudonymise pupil codes is random per session and never stored.

use crate::analysis::{self, Analysis};
use crate::worker::{Answer, WorkerClient, WorkerError};
use integra_core::ingest::{FileImport, ImportOptions, MergeOptions};
use integra_core::objectivity::{ObjectivityReport, Settings};
use integra_core::report::objectivity_scale::DistrictScale;
use integra_worker::protocol::{decode_dataset, Reply, Request};
use leptos::prelude::*;
use std::sync::Arc;

mod recheck;
pub use recheck::Recheck;

/// One file of the session. The worker holds its import; the page keeps its bytes (to give a
/// fresh worker after a cancel) and what the core understood of it.
#[derive(Clone)]
pub struct LoadedFile {
    /// Stable id within the session (for keyed lists and forms).
    pub id: u64,
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
    /// The user's answers applied at import.
    pub opts: ImportOptions,
    /// What the core understood ([`integra_worker::protocol::light`]: pupils' results stay in
    /// the worker).
    pub import: Arc<FileImport>,
}

/// What a load of many files is doing: `done` of `total`, the file at hand and the rows read
/// so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub done: usize,
    pub total: usize,
    pub file: Option<String>,
    pub rows: usize,
}

impl Progress {
    pub fn new(phase: Phase, done: usize, total: usize) -> Progress {
        Progress {
            phase,
            done,
            total,
            file: None,
            rows: 0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Walking dropped folders (the total is not known yet).
    Listing,
    /// Reading the files' bytes.
    Reading,
    /// Importing them (in the worker).
    Importing,
    /// Merging the files and composing the overview (in the worker).
    Analysing,
    /// After a cancel: the files loaded before, given to a fresh worker.
    Restoring,
}

impl Phase {
    /// Whether a cancel can stop this phase.
    pub fn cancellable(self) -> bool {
        matches!(self, Phase::Listing | Phase::Reading | Phase::Importing)
    }
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
    /// The user asked to stop the load in progress.
    pub cancel_requested: RwSignal<bool>,
    /// Why the last operation on the files failed (shown until the next one).
    pub failure: RwSignal<Option<String>>,
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
    /// The analysis worker, started on the first operation on files.
    worker: StoredValue<Option<WorkerClient>, LocalStorage>,
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
            cancel_requested: RwSignal::new(false),
            failure: RwSignal::new(None),
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
            worker: StoredValue::new_local(None),
        };
        provide_context(s);
        s
    }

    fn fresh_id(&self) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    /// The running worker, started on first use.
    fn worker(&self) -> Result<WorkerClient, WorkerError> {
        if let Some(w) = self.worker.get_value() {
            return Ok(w);
        }
        let w = WorkerClient::spawn(self.salt)?;
        self.worker.set_value(Some(w.clone()));
        Ok(w)
    }

    /// One request to the worker.
    async fn ask(&self, request: Request, attachments: &[&[u8]]) -> Answer {
        self.worker()?.call(request, attachments).await
    }

    /// Runs an operation on the files in the background with the busy indicator on; a failure
    /// is kept for the data screen.
    fn run(self, job: impl std::future::Future<Output = Result<(), WorkerError>> + 'static) {
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            self.finish(job.await);
        });
    }

    /// Ends an operation: the failure (if any) for the user, the busy indicator off.
    fn finish(&self, result: Result<(), WorkerError>) {
        match result {
            Ok(()) | Err(WorkerError::Cancelled) => self.failure.set(None),
            Err(WorkerError::Failed(m)) => self.failure.set(Some(m)),
        }
        self.progress.set(None);
        self.busy.set(false);
    }

    /// Merges the worker's files into the dataset the screens show.
    async fn merge(&self) -> Result<(), WorkerError> {
        let total = self.files.with_untracked(Vec::len);
        self.progress
            .set(Some(Progress::new(Phase::Analysing, total, total)));
        let opts = self.merge_opts.get_untracked();
        let (reply, attachments) = self.ask(Request::Merge { opts }, &[]).await?;
        let Reply::Merged {
            overview,
            merge_issues,
        } = reply
        else {
            return Err(unexpected(reply));
        };
        let dataset = attachments
            .first()
            .map(|b| decode_dataset(b))
            .unwrap_or_else(|| Err("the worker sent no dataset".into()))
            .map_err(WorkerError::Failed)?;
        self.source.set(Arc::new(Analysis {
            dataset,
            overview,
            merge_issues,
        }));
        self.reset_recheck();
        self.refresh_analysed();
        Ok(())
    }

    /// Whether logins that differ only in their letter prefix are one school; merges again.
    pub fn set_join_login_prefixes(&self, join: bool) {
        self.merge_opts.update(|o| o.join_login_prefixes = join);
        let s = *self;
        self.run(async move { s.merge().await });
    }

    /// Imports one file in the worker with the answers already given to a loaded file of the
    /// same name.
    async fn import_one(&self, name: String, bytes: Vec<u8>) -> Result<LoadedFile, WorkerError> {
        let opts = self.files.with_untracked(|fs| {
            fs.iter()
                .find(|f| f.name == name)
                .map(|f| f.opts.clone())
                .unwrap_or_default()
        });
        let request = Request::Import {
            name: name.clone(),
            opts: opts.clone(),
        };
        match self.ask(request, &[&bytes]).await? {
            (Reply::Imported { import }, _) => Ok(LoadedFile {
                id: self.fresh_id(),
                name,
                bytes: Arc::new(bytes),
                opts,
                import: Arc::new(import),
            }),
            (other, _) => Err(unexpected(other)),
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

    /// Imports files (name, bytes) one at a time in the worker and adds them; a file with the
    /// same name as a loaded one replaces it (keeping the user's answers). `progress` says how
    /// far it is, each card appears as its file is read, and the analysis is merged once at
    /// the end. A cancel ([`AppState::cancel_load`]) stops before the next file, or stops the
    /// worker in the middle of one: the files loaded before stay. The name is the file's
    /// relative path when it came from a folder (`altai_vpr/vpr_results/2020/4/Математика.xlsx`):
    /// the core reads the year, grade and subject from its folders. `started` is when the load
    /// began (the reading of the files counts towards the time shown).
    pub async fn add_files_gradually(self, incoming: Vec<(String, Vec<u8>)>, started: f64) {
        self.busy.set(true);
        let result = self.import_all(incoming).await;
        let result = match result {
            Err(WorkerError::Cancelled) => self.restore().await,
            other => match self.merge().await {
                Ok(()) => other,
                Err(e) => Err(e),
            },
        };
        self.finish(result);
        self.last_load_ms.set(Some(now_ms() - started));
    }

    async fn import_all(&self, incoming: Vec<(String, Vec<u8>)>) -> Result<(), WorkerError> {
        let total = incoming.len();
        let mut rows = 0;
        for (i, (name, bytes)) in incoming.into_iter().enumerate() {
            if self.cancel_requested.get_untracked() {
                return Ok(());
            }
            self.progress.set(Some(Progress {
                file: Some(name.clone()),
                rows,
                ..Progress::new(Phase::Importing, i, total)
            }));
            let f = self.import_one(name, bytes).await?;
            rows += f.import.summary.rows;
            self.put(vec![f]);
        }
        Ok(())
    }

    /// Stops the load in progress: before the next file, or at once when the worker is in the
    /// middle of one (it is stopped, and a fresh one gets the files loaded before).
    pub fn cancel_load(&self) {
        self.cancel_requested.set(true);
        if let Some(w) = self.worker.get_value() {
            if w.busy() {
                w.terminate();
                self.worker.set_value(None);
            }
        }
    }

    /// Gives a fresh worker the session's files (after a cancel stopped the old one) and merges.
    async fn restore(&self) -> Result<(), WorkerError> {
        let files = self.files.get_untracked();
        let total = files.len();
        for (i, f) in files.iter().enumerate() {
            self.progress.set(Some(Progress {
                file: Some(f.name.clone()),
                ..Progress::new(Phase::Restoring, i, total)
            }));
            let request = Request::Import {
                name: f.name.clone(),
                opts: f.opts.clone(),
            };
            self.ask(request, &[&f.bytes]).await?;
        }
        self.merge().await
    }

    /// Generates the demo district in the worker and loads every file of it.
    pub async fn load_demo(self) {
        let t0 = now_ms();
        self.busy.set(true);
        self.progress
            .set(Some(Progress::new(Phase::Importing, 0, 0)));
        let result = async {
            let (reply, bytes) = self.ask(Request::Demo, &[]).await?;
            let Reply::Demo { files } = reply else {
                return Err(unexpected(reply));
            };
            let loaded = files
                .into_iter()
                .zip(bytes)
                .map(|((name, import), bytes)| LoadedFile {
                    id: self.fresh_id(),
                    name,
                    bytes: Arc::new(bytes),
                    opts: ImportOptions::default(),
                    import: Arc::new(import),
                })
                .collect();
            self.put(loaded);
            self.merge().await
        }
        .await;
        self.finish(result);
        self.last_load_ms.set(Some(now_ms() - t0));
    }

    /// Re-imports one file with new answers.
    pub fn reimport(&self, id: u64, opts: ImportOptions) {
        let Some(name) = self.name_of(id) else { return };
        let s = *self;
        let t0 = now_ms();
        self.run(async move {
            let request = Request::Reimport {
                name,
                opts: opts.clone(),
            };
            let (reply, _) = s.ask(request, &[]).await?;
            let Reply::Imported { import } = reply else {
                return Err(unexpected(reply));
            };
            s.files.update(|fs| {
                if let Some(f) = fs.iter_mut().find(|f| f.id == id) {
                    f.opts = opts;
                    f.import = Arc::new(import);
                }
            });
            s.merge().await?;
            s.last_load_ms.set(Some(now_ms() - t0));
            Ok(())
        });
    }

    fn name_of(&self, id: u64) -> Option<String> {
        self.files
            .with_untracked(|fs| fs.iter().find(|f| f.id == id).map(|f| f.name.clone()))
    }

    pub fn remove(&self, id: u64) {
        let Some(name) = self.name_of(id) else { return };
        self.files.update(|fs| fs.retain(|f| f.id != id));
        let s = *self;
        self.run(async move {
            s.ask(Request::Remove { name }, &[]).await?;
            s.merge().await
        });
    }

    pub fn clear(&self) {
        self.files.set(Vec::new());
        self.skipped.set(Vec::new());
        self.last_load_ms.set(None);
        let s = *self;
        self.run(async move {
            s.ask(Request::Clear, &[]).await?;
            s.merge().await
        });
    }
}

/// A reply that does not answer the request: the worker's message when it failed.
fn unexpected(reply: Reply) -> WorkerError {
    match reply {
        Reply::Failed { message } => WorkerError::Failed(message),
        other => WorkerError::Failed(format!("the worker answered out of turn: {other:?}")),
    }
}

/// The session state from context.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
