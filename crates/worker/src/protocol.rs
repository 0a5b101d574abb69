//! The messages between the page and the worker.
//!
//! One message is a JS array: the JSON of an [`Envelope`] first, then its binary attachments
//! (`Uint8Array`s, transferred, never copied through JSON). Each request carries an id; the
//! worker answers every request with one reply of the same id, in order. Before the first
//! request the worker posts [`READY`]: the page queues its requests until then.
//!
//! Pupil-level data crosses this seam only inside the user's browser (page ↔ worker of the same
//! tab); nothing here is sent anywhere else.

use integra_core::ingest::{FileImport, ImportOptions, ImportedData, Issue, MergeOptions};
use integra_core::model::Dataset;
use integra_core::report::Overview;
use serde::{Deserialize, Serialize};

/// What the worker posts once its module is ready for requests.
pub const READY: &str = "integra-worker-ready";

/// A request or a reply with the id that pairs them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub id: u64,
    pub body: T,
}

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// The session's salt for pseudonymising pupil codes (random per tab, never stored): the
    /// first request, and again after a restart so codes stay the same.
    Start { salt: [u8; 16] },
    /// Imports a file (attachment 0: its bytes); a file of the same name is replaced.
    Import { name: String, opts: ImportOptions },
    /// Imports a loaded file again with new answers.
    Reimport { name: String, opts: ImportOptions },
    /// Forgets a file.
    Remove { name: String },
    /// Forgets every file.
    Clear,
    /// Generates the demo district and imports each of its files.
    Demo,
    /// Merges the files into the dataset and composes the overview.
    Merge { opts: MergeOptions },
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// A file was imported: what the core understood of it (rows read, issues, …), with its
    /// data only when it is a small table the file's card describes (task descriptions,
    /// reference aggregates; [`light`]): pupils' results stay in the worker.
    Imported { import: FileImport },
    /// The demo's files, imported (attachments: their bytes, in the same order).
    Demo { files: Vec<(String, FileImport)> },
    /// The files merged (attachment 0: the dataset, [`encode_dataset`]).
    Merged {
        overview: Overview,
        merge_issues: Vec<Issue>,
    },
    /// Done, nothing to report.
    Done,
    /// The request could not be carried out (what and why, for the user).
    Failed { message: String },
}

/// The dataset in the compact binary form it crosses the seam in (postcard).
pub fn encode_dataset(ds: &Dataset) -> Vec<u8> {
    postcard::to_allocvec(ds).unwrap_or_default()
}

/// Reads a dataset written by [`encode_dataset`].
pub fn decode_dataset(bytes: &[u8]) -> Result<Dataset, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("the worker's dataset did not read: {e}"))
}

/// The JSON of an envelope (the first element of a message).
pub fn to_json<T: Serialize>(e: &Envelope<T>) -> String {
    serde_json::to_string(e).unwrap_or_default()
}

/// Reads the JSON of an envelope.
pub fn from_json<T: for<'de> Deserialize<'de>>(s: &str) -> Result<Envelope<T>, String> {
    serde_json::from_str(s)
        .map_err(|e| format!("a message between the page and the worker did not read: {e}"))
}

/// What the page gets of an import: the summary, and the data of task descriptions and
/// reference aggregates (a few rows); pupils' results and school tables stay in the worker.
pub fn light(import: &FileImport) -> FileImport {
    let data = match &import.data {
        d @ (ImportedData::TaskInfo { .. } | ImportedData::Reference { .. }) => d.clone(),
        _ => ImportedData::None,
    };
    FileImport {
        summary: import.summary.clone(),
        data,
    }
}
