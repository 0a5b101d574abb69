//! The worker's wasm entry: answers the page's messages with the [`Session`].
//!
//! A message is a JS array: the envelope's JSON, then `Uint8Array` attachments. Replies go back
//! the same way, the attachments' buffers transferred. A message that does not read is answered
//! with [`Reply::Failed`] (id 0 when even the id is unknown), never dropped.

use crate::protocol::{self, Envelope, Reply, Request, READY};
use crate::Session;
use js_sys::{Array, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session::new([0; 16]));
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let reply = answer(e.data());
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let (message, transfer) = reply;
        if let Err(err) = scope.post_message_with_transfer(&message, &transfer) {
            web_sys::console::error_2(&"integra worker: reply not posted".into(), &err);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&READY.into());
}

/// The reply message (array) and its transfer list for one incoming message.
fn answer(data: JsValue) -> (Array, Array) {
    let parts: Array = data.dyn_into().unwrap_or_default();
    let json = parts.get(0).as_string().unwrap_or_default();
    let (id, reply, attachments) = match protocol::from_json::<Request>(&json) {
        Ok(Envelope { id, body }) => {
            let attachments: Vec<Vec<u8>> = (1..parts.length())
                .map(|i| Uint8Array::new(&parts.get(i)).to_vec())
                .collect();
            let (reply, out) = SESSION.with(|s| s.borrow_mut().handle(body, attachments));
            (id, reply, out)
        }
        Err(message) => (0, Reply::Failed { message }, Vec::new()),
    };
    let message = Array::new();
    message.push(&protocol::to_json(&Envelope { id, body: reply }).into());
    let transfer = Array::new();
    for a in attachments {
        let bytes = Uint8Array::from(a.as_slice());
        transfer.push(&bytes.buffer());
        message.push(&bytes);
    }
    (message, transfer)
}
