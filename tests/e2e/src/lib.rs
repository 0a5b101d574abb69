//! Harness for Integra's end-to-end tests: a static server for `dist/` (with the SPA
//! fallback), chromedriver on a free port, and a headless Chromium session through
//! fantoccini, plus polling helpers (the wasm app renders after the page has loaded).

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use fantoccini;

/// How long to wait for anything in the page.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// The built app (`INTEGRA_DIST` when set, as for `cargo xtask build`, else `dist/`). Fails
/// (never skips) when it is missing.
pub fn dist_dir() -> PathBuf {
    let d = match std::env::var_os("INTEGRA_DIST") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist"),
    };
    for f in [
        "index.html",
        "integra.js",
        "integra_bg.wasm",
        "integra_worker.js",
        "integra_worker_bg.wasm",
        "integra_worker_boot.js",
        "echarts.min.js",
    ] {
        assert!(
            d.join(f).is_file(),
            "{} is missing: run `cargo xtask build` first (or `cargo xtask test`, which does it)",
            d.join(f).display()
        );
    }
    d.canonicalize().expect("dist/ exists")
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn mime(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// Serves `root` on a free port in a background thread; returns the base URL. A plain HTTP/1.1
/// server: one thread per connection, one request per connection (`Connection: close`), so a
/// socket the browser keeps idle or abandons can never hold up the next page's requests.
pub fn serve_static(root: PathBuf) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind static server");
    let port = listener.local_addr().expect("local address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = respond(&root, stream);
            });
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// Reads one request and answers it with the file under `root` (the page shell for app routes).
fn respond(root: &Path, mut stream: std::net::TcpStream) -> std::io::Result<()> {
    use std::io::{Read, Write};
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 65536 {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buf);
    let target = head.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let rel: PathBuf = path
        .split('/')
        .filter(|s| !s.is_empty() && *s != "..")
        .map(percent_decode)
        .collect();
    let mut file = root.join(&rel);
    if !file.is_file() {
        let has_ext = rel
            .file_name()
            .map(|n| n.to_string_lossy().contains('.'))
            .unwrap_or(false);
        file = if has_ext {
            PathBuf::new()
        } else {
            root.join("index.html")
        };
    }
    let (status, body, kind) = match std::fs::read(&file) {
        Ok(bytes) => ("200 OK", bytes, mime(&file)),
        Err(_) => ("404 Not Found", b"404".to_vec(), "text/plain"),
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    stream.write_all(&body)?;
    stream.flush()
}

/// Decodes `%XX` escapes of a path segment.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A headless Chromium session driven through chromedriver, with the app served locally.
pub struct Browser {
    pub client: Client,
    pub base: String,
    driver: Child,
    profile: PathBuf,
}

impl Browser {
    /// Starts the static server, chromedriver and a fresh browser profile.
    pub async fn start() -> Browser {
        let base = serve_static(dist_dir());
        for bin in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
            assert!(
                Path::new(bin).exists(),
                "{bin} is missing: `cargo xtask test` installs chromium and chromium-driver"
            );
        }
        let port = free_port();
        let driver = Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile =
            std::env::temp_dir().join(format!("integra-e2e-{}-{}", std::process::id(), port));
        std::fs::create_dir_all(&profile).expect("profile dir");
        let caps = serde_json::json!({
            "browserName": "chrome",
            // Navigation returns at DOMContentLoaded; every test then waits for what it needs.
            "pageLoadStrategy": "eager",
            "timeouts": { "pageLoad": 60000, "script": 60000 },
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        let caps = caps.as_object().unwrap().clone();
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let conn = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(conn)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if started.elapsed() < TIMEOUT => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("cannot start a browser session through chromedriver: {e}"),
            }
        };
        Browser {
            client,
            base,
            driver,
            profile,
        }
    }

    /// Opens a path of the app and waits until the app has rendered its shell.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{}", self.base, path))
            .await
            .expect("navigate");
        self.wait("header.app-header").await;
    }

    /// Waits for an element matching `css`.
    pub async fn wait(&self, css: &str) -> Element {
        self.wait_for(css, TIMEOUT).await
    }

    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        let t0 = Instant::now();
        loop {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                return e;
            }
            if t0.elapsed() > timeout {
                let errors = self.errors().await;
                panic!("timed out waiting for `{css}`; page errors: {errors:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// All elements matching `css` (possibly none).
    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_default()
    }

    /// Polls a JavaScript expression until it returns a truthy value; returns the value.
    pub async fn wait_js(&self, what: &str, expr: &str) -> serde_json::Value {
        self.wait_js_for(what, expr, TIMEOUT).await
    }

    /// [`Browser::wait_js`] with its own time limit (loading a region's folder takes minutes).
    pub async fn wait_js_for(
        &self,
        what: &str,
        expr: &str,
        timeout: Duration,
    ) -> serde_json::Value {
        let t0 = Instant::now();
        loop {
            let v = self
                .client
                .execute(&format!("return ({expr});"), vec![])
                .await
                .unwrap_or(serde_json::Value::Null);
            let truthy = match &v {
                serde_json::Value::Null => false,
                serde_json::Value::Bool(b) => *b,
                serde_json::Value::Number(n) => n.as_f64() != Some(0.0),
                serde_json::Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return v;
            }
            if t0.elapsed() > timeout {
                let errors = self.errors().await;
                panic!("timed out waiting for {what} (`{expr}`); page errors: {errors:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Runs a JavaScript expression and returns its value.
    pub async fn js(&self, expr: &str) -> serde_json::Value {
        self.client
            .execute(&format!("return ({expr});"), vec![])
            .await
            .expect("execute script")
    }

    /// Text of the first element matching `css` (waits for it).
    pub async fn text(&self, css: &str) -> String {
        self.wait(css).await.text().await.expect("element text")
    }

    /// What the page collected in `window.__integraErrors` (console.error, error,
    /// unhandledrejection).
    pub async fn errors(&self) -> Vec<String> {
        match self
            .client
            .execute("return window.__integraErrors || [];", vec![])
            .await
        {
            Ok(serde_json::Value::Array(a)) => a
                .into_iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string())
                })
                .collect(),
            _ => vec![],
        }
    }

    /// Fails when the page reported an error.
    pub async fn assert_no_errors(&self) {
        let e = self.errors().await;
        assert!(e.is_empty(), "the page reported errors: {e:#?}");
    }

    /// Sends a Chrome DevTools protocol command (through chromedriver's `goog/cdp/execute`)
    /// and returns its result.
    pub async fn cdp(&self, cmd: &'static str, params: serde_json::Value) -> serde_json::Value {
        self.client
            .issue_cmd(Cdp { cmd, params })
            .await
            .unwrap_or_else(|e| panic!("CDP {cmd}: {e}"))
    }

    /// Switches the page to the print media (`print` CSS applies) or back to the screen,
    /// through Chromium's DevTools protocol (chromedriver's `goog/cdp/execute`).
    pub async fn emulate_media(&self, media: &str) {
        let cmd = Cdp {
            cmd: "Emulation.setEmulatedMedia",
            params: serde_json::json!({ "media": media }),
        };
        self.client.issue_cmd(cmd).await.expect("emulate media");
    }

    /// Ends the session and stops chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // When a test panics before close(): do not leave chromedriver behind.
        let _ = self.driver.kill();
    }
}

/// A Chrome DevTools protocol command sent through chromedriver.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// A fresh temporary directory for test files.
pub fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "integra-e2e-{tag}-{}-{}",
        std::process::id(),
        free_port()
    ));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Runs a test body with a browser session and always closes the session afterwards, also
/// when the body panics (the panic is then re-raised).
pub async fn with_browser<F, Fut>(body: F)
where
    F: FnOnce(std::sync::Arc<Browser>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let b = std::sync::Arc::new(Browser::start().await);
    let result = tokio::spawn(body(b.clone())).await;
    match std::sync::Arc::try_unwrap(b) {
        Ok(b) => b.close().await,
        Err(b) => {
            let _ = b.client.clone().close().await;
        }
    }
    if let Err(e) = result {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("test task failed: {e}");
    }
}
