//! The page's side of the worker seam: spawns the analysis worker (`integra_worker`, its own
//! wasm bundle), posts [`Request`]s and resolves each with its [`Reply`].
//!
//! The worker is spawned on the first request, so the first screen loads no analytics. Until it
//! posts [`READY`] the requests wait in a queue. [`WorkerClient::terminate`] stops it at once
//! (the cancel button): every pending request resolves with [`WorkerError::Cancelled`].

use futures_channel::oneshot;
use integra_worker::protocol::{self, Envelope, Reply, Request, READY};
use js_sys::{Array, Uint8Array};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker's bootstrap module, written by `cargo xtask build` next to the page.
const SCRIPT: &str = "/integra_worker_boot.js";

/// Why a request got no reply.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerError {
    /// The user cancelled: the worker was stopped.
    Cancelled,
    /// The worker could not start or stopped by itself (message for the user).
    Failed(String),
}

/// A reply with its attachments.
pub type Answer = Result<(Reply, Vec<Vec<u8>>), WorkerError>;

struct Inner {
    worker: Worker,
    ready: bool,
    queue: Vec<(Array, Array)>,
    pending: HashMap<u64, oneshot::Sender<Answer>>,
    next: u64,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

/// A handle on the running worker (cheap to clone).
#[derive(Clone)]
pub struct WorkerClient(Rc<RefCell<Inner>>);

impl WorkerClient {
    /// Starts the worker and sends it the session's salt.
    pub fn spawn(salt: [u8; 16]) -> Result<WorkerClient, WorkerError> {
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(SCRIPT, &opts).map_err(|e| {
            WorkerError::Failed(format!("the analysis worker did not start: {e:?}"))
        })?;
        let inner = Rc::new_cyclic(|weak: &Weak<RefCell<Inner>>| {
            let w = weak.clone();
            let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                if let Some(inner) = w.upgrade() {
                    received(&inner, e.data());
                }
            });
            let w = weak.clone();
            let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
                e.prevent_default();
                if let Some(inner) = w.upgrade() {
                    fail_all(
                        &inner,
                        WorkerError::Failed(format!(
                            "the analysis worker stopped: {}",
                            e.message()
                        )),
                    );
                }
            });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            RefCell::new(Inner {
                worker,
                ready: false,
                queue: Vec::new(),
                pending: HashMap::new(),
                next: 1,
                _on_message: on_message,
                _on_error: on_error,
            })
        });
        let client = WorkerClient(inner);
        // Not awaited: the reply only confirms; requests after it are answered in order.
        drop(client.call(Request::Start { salt }, &[]));
        Ok(client)
    }

    /// Posts `request` with its attachments; resolves with the worker's reply.
    pub fn call(
        &self,
        request: Request,
        attachments: &[&[u8]],
    ) -> impl std::future::Future<Output = Answer> {
        let (tx, rx) = oneshot::channel();
        {
            let mut inner = self.0.borrow_mut();
            let id = inner.next;
            inner.next += 1;
            inner.pending.insert(id, tx);
            let message = Array::new();
            message.push(&protocol::to_json(&Envelope { id, body: request }).into());
            let transfer = Array::new();
            for a in attachments {
                let bytes = Uint8Array::from(*a);
                transfer.push(&bytes.buffer());
                message.push(&bytes);
            }
            if inner.ready {
                post(&inner, &message, &transfer);
            } else {
                inner.queue.push((message, transfer));
            }
        }
        async move { rx.await.unwrap_or(Err(WorkerError::Cancelled)) }
    }

    /// Whether a request is waiting for its reply.
    pub fn busy(&self) -> bool {
        !self.0.borrow().pending.is_empty()
    }

    /// Stops the worker now; pending requests resolve with [`WorkerError::Cancelled`].
    pub fn terminate(&self) {
        self.0.borrow().worker.terminate();
        fail_all(&self.0, WorkerError::Cancelled);
    }
}

fn post(inner: &Inner, message: &Array, transfer: &Array) {
    if let Err(e) = inner.worker.post_message_with_transfer(message, transfer) {
        web_sys::console::error_2(
            &"integra: a request was not posted to the worker".into(),
            &e,
        );
    }
}

fn fail_all(inner: &Rc<RefCell<Inner>>, why: WorkerError) {
    let pending: Vec<_> = inner.borrow_mut().pending.drain().collect();
    for (_, tx) in pending {
        let _ = tx.send(Err(why.clone()));
    }
}

/// A message from the worker: READY (flush the queue) or a reply for a pending request.
fn received(inner: &Rc<RefCell<Inner>>, data: JsValue) {
    if data.as_string().as_deref() == Some(READY) {
        let mut i = inner.borrow_mut();
        i.ready = true;
        for (m, t) in std::mem::take(&mut i.queue) {
            post(&i, &m, &t);
        }
        return;
    }
    let parts: Array = data.dyn_into().unwrap_or_default();
    let json = parts.get(0).as_string().unwrap_or_default();
    let answer = protocol::from_json::<Reply>(&json).map(|e| {
        let attachments = (1..parts.length())
            .map(|k| Uint8Array::new(&parts.get(k)).to_vec())
            .collect::<Vec<_>>();
        (e.id, e.body, attachments)
    });
    match answer {
        Ok((id, reply, attachments)) => {
            let tx = inner.borrow_mut().pending.remove(&id);
            match (tx, reply) {
                (Some(tx), reply) => {
                    let _ = tx.send(Ok((reply, attachments)));
                }
                // A message the worker could not read comes back with id 0.
                (None, Reply::Failed { message }) => fail_all(inner, WorkerError::Failed(message)),
                (None, _) => {}
            }
        }
        Err(message) => fail_all(inner, WorkerError::Failed(message)),
    }
}
