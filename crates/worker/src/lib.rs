//! Integra's Web Worker: the session's files, their imports and the merged dataset live here,
//! off the page's thread, so a region's files never freeze the page.
//!
//! The page and the worker exchange [`protocol`] messages: a JSON envelope with binary
//! attachments (file bytes, the encoded dataset). [`Session`] answers them; it is plain Rust,
//! tested natively. With the `entry` feature the crate is also the worker's wasm module
//! (`wasm`), built by `cargo xtask build` as `worker_bg.wasm`; the page links the crate without
//! it, for the message types only.
//!
//! ```
//! use integra_worker::{protocol::{Reply, Request}, Session};
//! let mut s = Session::new([7; 16]);
//! let csv = "Логин;Класс;Код;1;2\nedu1;5А;001;1;2\n".as_bytes().to_vec();
//! let (reply, _) = s.handle(Request::Import { name: "a.csv".into(), opts: Default::default() }, vec![csv]);
//! assert!(matches!(reply, Reply::Imported { .. }));
//! ```

pub mod protocol;
mod session;
#[cfg(all(feature = "entry", target_arch = "wasm32"))]
mod wasm;

pub use session::Session;
