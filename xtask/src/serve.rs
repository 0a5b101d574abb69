//! A tiny static server for `dist/` with the single-page-app fallback: a path without an
//! extension that is not a file (`/overview`, `/procedure/x`) gets `index.html`.

use anyhow::{Context, Result};
use std::path::{Component, Path, PathBuf};

/// The MIME type for a file name.
pub fn mime(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") | Some("map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("jpg") | Some("jpeg") => "image/jpeg",
        Some("woff2") => "font/woff2",
        Some("txt") | Some("md") => "text/plain; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("ods") => "application/vnd.oasis.opendocument.spreadsheet",
        _ => "application/octet-stream",
    }
}

/// Maps a request URL to a file in `root`, with the SPA fallback. `None` means 404.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let rel: PathBuf = path
        .trim_start_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    // Refuse anything that could leave the root.
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let file = root.join(&rel);
    if file.is_file() {
        return Some(file);
    }
    if file.is_dir() && file.join("index.html").is_file() {
        return Some(file.join("index.html"));
    }
    let has_ext = rel
        .file_name()
        .map(|n| n.to_string_lossy().contains('.'))
        .unwrap_or(false);
    if !has_ext {
        return Some(root.join("index.html"));
    }
    None
}

/// Serves `root` forever at 127.0.0.1:`port`.
pub fn serve(root: &Path, port: u16) -> Result<()> {
    let addr = format!("127.0.0.1:{port}");
    let server = tiny_http::Server::http(&addr)
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    println!("\nIntegra is served at http://{addr}/  (Ctrl+C to stop)");
    for req in server.incoming_requests() {
        let resp = match resolve(root, req.url()) {
            Some(f) => match std::fs::read(&f) {
                Ok(bytes) => {
                    let ct = tiny_http::Header::from_bytes("Content-Type", mime(&f))
                        .expect("valid header");
                    let cc = tiny_http::Header::from_bytes("Cache-Control", "no-cache")
                        .expect("valid header");
                    tiny_http::Response::from_data(bytes)
                        .with_header(ct)
                        .with_header(cc)
                }
                Err(_) => tiny_http::Response::from_data(b"500".to_vec()).with_status_code(500),
            },
            None => tiny_http::Response::from_data(b"404 Not Found".to_vec()).with_status_code(404),
        };
        let _ = req.respond(resp).context("respond");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types() {
        assert_eq!(mime(Path::new("a/integra_bg.wasm")), "application/wasm");
        assert_eq!(
            mime(Path::new("integra.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(mime(Path::new("index.html")), "text/html; charset=utf-8");
        assert_eq!(mime(Path::new("style/app.css")), "text/css; charset=utf-8");
    }

    #[test]
    fn spa_fallback_and_safety() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("style")).unwrap();
        std::fs::write(dir.join("index.html"), "x").unwrap();
        std::fs::write(dir.join("style/app.css"), "x").unwrap();
        assert_eq!(resolve(&dir, "/"), Some(dir.join("index.html")));
        assert_eq!(
            resolve(&dir, "/style/app.css"),
            Some(dir.join("style/app.css"))
        );
        assert_eq!(resolve(&dir, "/overview"), Some(dir.join("index.html")));
        assert_eq!(
            resolve(&dir, "/procedure/vpr-x?y=1"),
            Some(dir.join("index.html"))
        );
        assert_eq!(resolve(&dir, "/missing.js"), None);
        assert_eq!(resolve(&dir, "/../etc/passwd"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
