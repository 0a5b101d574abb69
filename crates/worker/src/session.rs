//! The worker's state: the session's files with their imports, and the answers to requests.

use crate::protocol::{encode_dataset, light, Reply, Request};
use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_file, merge_with, FileImport, ImportOptions, Pseudonymizer};
use integra_core::report::overview;

/// One file of the session as the worker holds it.
struct Held {
    name: String,
    bytes: Vec<u8>,
    import: FileImport,
}

/// The session's files and their imports (pure: no I/O, no web types).
pub struct Session {
    pseudo: Pseudonymizer,
    files: Vec<Held>,
}

impl Session {
    /// An empty session pseudonymising with `salt`.
    pub fn new(salt: [u8; 16]) -> Session {
        Session {
            pseudo: Pseudonymizer::new(salt),
            files: Vec::new(),
        }
    }

    /// Answers one request with its attachments; returns the reply and its attachments.
    pub fn handle(
        &mut self,
        request: Request,
        mut attachments: Vec<Vec<u8>>,
    ) -> (Reply, Vec<Vec<u8>>) {
        match request {
            Request::Start { salt } => {
                self.pseudo = Pseudonymizer::new(salt);
                (Reply::Done, Vec::new())
            }
            Request::Import { name, opts } => {
                if attachments.is_empty() {
                    return failed(format!(
                        "«{name}»: the file's bytes did not reach the worker"
                    ));
                }
                let bytes = attachments.swap_remove(0);
                (self.import(name, bytes, opts), Vec::new())
            }
            Request::Reimport { name, opts } => {
                match self.files.iter().position(|f| f.name == name) {
                    Some(i) => {
                        let held = self.files.remove(i);
                        (self.import(name, held.bytes, opts), Vec::new())
                    }
                    None => failed(format!("«{name}» is not loaded")),
                }
            }
            Request::Remove { name } => {
                self.files.retain(|f| f.name != name);
                (Reply::Done, Vec::new())
            }
            Request::Clear => {
                self.files.clear();
                (Reply::Done, Vec::new())
            }
            Request::Demo => {
                let mut files = Vec::new();
                let mut bytes = Vec::new();
                for f in generate(&DemoParams::default()).files {
                    if let Reply::Imported { import } =
                        self.import(f.name.clone(), f.bytes.clone(), ImportOptions::default())
                    {
                        files.push((f.name, import));
                        bytes.push(f.bytes);
                    }
                }
                (Reply::Demo { files }, bytes)
            }
            Request::Merge { opts } => {
                let imports: Vec<&FileImport> = self.files.iter().map(|f| &f.import).collect();
                let (dataset, merge_issues) = merge_with(&imports, &opts);
                let overview = overview(&dataset);
                (
                    Reply::Merged {
                        overview,
                        merge_issues,
                    },
                    vec![encode_dataset(&dataset)],
                )
            }
        }
    }

    /// Imports a file, replacing one of the same name in place (the order of files is kept).
    fn import(&mut self, name: String, bytes: Vec<u8>, opts: ImportOptions) -> Reply {
        let import = import_file(&name, &bytes, &opts, &self.pseudo);
        let reply = Reply::Imported {
            import: light(&import),
        };
        let held = Held {
            name,
            bytes,
            import,
        };
        match self.files.iter_mut().find(|f| f.name == held.name) {
            Some(f) => *f = held,
            None => self.files.push(held),
        }
        reply
    }
}

fn failed(message: String) -> (Reply, Vec<Vec<u8>>) {
    (Reply::Failed { message }, Vec::new())
}
