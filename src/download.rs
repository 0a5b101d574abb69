//! Saving bytes made in the page as a file: a Blob, an object URL and a temporary
//! `<a download>` clicked once. Nothing leaves the computer: the browser writes the file
//! straight from memory.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// How long the object URL stays valid after the click. Revoking at once can cancel the download
/// in some browsers (the click only starts it), so it is revoked a little later.
const REVOKE_AFTER_MS: i32 = 30_000;

/// Offers `bytes` to the user as a download named `file_name` of type `mime`. A failure (no
/// document, the browser refusing the Blob) is logged to the console; it does not panic.
pub fn save_bytes(file_name: &str, mime: &str, bytes: &[u8]) {
    if let Err(e) = try_save(file_name, mime, bytes) {
        leptos::logging::error!("download of {file_name} failed: {e:?}");
    }
}

fn try_save(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let body = document.body().ok_or("no body")?;

    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;

    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_attribute("hidden", "")?;
    // In the document for the click: some browsers ignore clicks on detached anchors.
    body.append_with_node_1(&anchor)?;
    anchor.click();
    anchor.remove();

    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(
        revoke.unchecked_ref(),
        REVOKE_AFTER_MS,
    )?;
    Ok(())
}
