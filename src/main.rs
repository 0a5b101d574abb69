//! Integra: school assessment analytics in the browser (Leptos CSR).
//!
//! `main` mounts [`app::App`]; see `app.rs` for the shell and routes, `state.rs` for the
//! session, `analysis.rs` for the calls into `integra-core`, `i18n/` for every text.

mod analysis;
mod app;
mod charts;
mod components;
mod download;
mod i18n;
mod pages;
mod state;
mod tables;
mod worker;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
