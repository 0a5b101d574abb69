//! `cargo xtask ...`: build, serve and test Integra with nothing installed by hand.
//!
//! - `cargo xtask build [--dev]`: wasm target, npm packages (ECharts), the app compiled to
//!   wasm32, wasm-bindgen (as a library), and `dist/` assembled.
//! - `cargo xtask serve [--dev] [--port N]`: build, then serve `dist/` at http://127.0.0.1:8080.
//! - `cargo xtask test`: everything CI runs (installs chromium and chromedriver when missing).
//! - `cargo xtask screenshot URL OUT.png [WIDTHxHEIGHT]`: headless Chromium screenshot.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

mod serve;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  build [--dev]                      build the app into dist/ (release wasm unless --dev)
  serve [--dev] [--port N]           build, then serve dist/ at http://127.0.0.1:8080
  test                               run every test (core, cli, xtask, browser end-to-end)
  screenshot URL OUT.png [WxH]       headless Chromium screenshot of a page";

fn main() {
    if let Err(e) = run() {
        eprintln!("xtask: error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = args.first().map(String::as_str).unwrap_or("");
    let rest = &args[args.len().min(1)..];
    match cmd {
        "build" => {
            build(&BuildOpts::parse(rest)?)?;
        }
        "serve" => {
            let opts = BuildOpts::parse(rest)?;
            build(&opts)?;
            let dist = dist_dir();
            serve::serve(&dist, opts.port)?;
        }
        "test" => test()?,
        "screenshot" => {
            if rest.len() < 2 {
                bail!("{USAGE}");
            }
            let size = rest.get(2).map(String::as_str).unwrap_or("1280,900");
            screenshot(&rest[0], Path::new(&rest[1]), &size.replace('x', ","))?;
        }
        "" | "help" | "-h" | "--help" => println!("{USAGE}"),
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
    Ok(())
}

/// Options of `build` and `serve`.
#[derive(Debug, Clone, PartialEq)]
struct BuildOpts {
    dev: bool,
    port: u16,
}

impl BuildOpts {
    fn parse(args: &[String]) -> Result<BuildOpts> {
        let mut o = BuildOpts {
            dev: false,
            port: 8080,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--dev" => o.dev = true,
                "--release" => o.dev = false,
                "--port" => {
                    let v = it.next().context("--port needs a value")?;
                    o.port = v.parse().with_context(|| format!("bad port `{v}`"))?;
                }
                other => bail!("unknown option `{other}`\n\n{USAGE}"),
            }
        }
        Ok(o)
    }
}

/// The workspace root (the parent of this crate).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

/// The folder named by the environment variable `var` (relative to the current directory), or
/// `<root>/<default>` when it is unset or empty.
fn dir_from_env(var: &str, default: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(d) if !d.is_empty() => {
            let p = PathBuf::from(d);
            if p.is_absolute() {
                p
            } else {
                std::env::current_dir().unwrap_or_else(|_| root()).join(p)
            }
        }
        _ => root().join(default),
    }
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set, else `<root>/target`.
fn target_dir() -> PathBuf {
    dir_from_env("CARGO_TARGET_DIR", "target")
}

/// Where the built app goes: `INTEGRA_DIST` when set (so that several people building in one
/// checkout do not overwrite each other's app), else `<root>/dist`.
fn dist_dir() -> PathBuf {
    dir_from_env("INTEGRA_DIST", "dist")
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn header(s: &str) {
    println!("\n==== {s} ====");
}

/// Runs a command in the workspace root, failing on a non-zero exit.
fn sh(cmd: &mut Command) -> Result<()> {
    cmd.current_dir(root());
    let shown = format!("{cmd:?}");
    println!("$ {shown}");
    let st = cmd
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !st.success() {
        bail!("command failed ({st}): {shown}");
    }
    Ok(())
}

fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root())
        .output();
    if let Ok(o) = &out {
        if String::from_utf8_lossy(&o.stdout)
            .lines()
            .any(|l| l.trim() == "wasm32-unknown-unknown")
        {
            return Ok(());
        }
    }
    sh(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn is_root_user() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn apt_install(pkgs: &[&str]) -> Result<()> {
    if !is_root_user() {
        bail!(
            "missing {}: install with `sudo apt-get install -y {}`",
            pkgs.join(", "),
            pkgs.join(" ")
        );
    }
    sh(Command::new("apt-get").arg("update"))?;
    sh(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(pkgs)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn has_cmd(name: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {name} >/dev/null 2>&1")])
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// The ECharts build the app serves (charming 0.6 is made for ECharts 5.5.1).
fn echarts_file() -> PathBuf {
    root().join("node_modules/echarts/dist/echarts.min.js")
}

fn ensure_npm_packages() -> Result<()> {
    let pkg = root().join("node_modules/echarts/package.json");
    let binaryen = root().join("node_modules/binaryen/package.json");
    let has = |p: &Path, version: &str| {
        std::fs::read_to_string(p).is_ok_and(|s| s.contains(&format!("\"version\": \"{version}\"")))
    };
    if has(&pkg, "5.5.1") && echarts_file().exists() && has(&binaryen, "132.0.0") {
        return Ok(());
    }
    if !has_cmd("npm") {
        apt_install(&["npm"])?;
    }
    if root().join("package-lock.json").exists() {
        sh(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    } else {
        sh(Command::new("npm").args(["install", "--no-audit", "--no-fund"]))?;
    }
    if !echarts_file().exists() {
        bail!("npm did not install {}", echarts_file().display());
    }
    Ok(())
}

/// The two bundles: the page (`integra`) and the analysis worker (`integra_worker`, loaded on
/// the first operation on files).
struct Bundle {
    package: &'static str,
    /// The wasm file cargo writes and the name wasm-bindgen gives the output.
    name: &'static str,
    /// cargo's release profile for it: the page is optimised for size, the worker for speed.
    profile: &'static str,
    extra: &'static [&'static str],
}

const BUNDLES: [Bundle; 2] = [
    Bundle {
        package: "integra",
        name: "integra",
        profile: "wasm-release",
        extra: &[],
    },
    Bundle {
        package: "integra-worker",
        name: "integra_worker",
        profile: "wasm-worker",
        extra: &["--lib", "--features", "entry"],
    },
];

fn build(opts: &BuildOpts) -> Result<()> {
    let t0 = Instant::now();
    header("build: toolchain and packages");
    ensure_wasm_target()?;
    ensure_npm_packages()?;

    let dist = dist_dir();
    if dist.exists() {
        std::fs::remove_dir_all(&dist).with_context(|| format!("removing {}", dist.display()))?;
    }
    std::fs::create_dir_all(&dist)?;
    let mut sizes = Vec::new();
    for b in &BUNDLES {
        let profile = if opts.dev { "dev" } else { b.profile };
        header(&format!("build: {} -> wasm32 ({profile})", b.package));
        let t = Instant::now();
        sh(Command::new(cargo())
            .args([
                "build",
                "-p",
                b.package,
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                profile,
            ])
            .args(b.extra))?;
        println!("cargo build: {:.1}s", t.elapsed().as_secs_f64());
        let dir = if opts.dev { "debug" } else { profile };
        let wasm = target_dir()
            .join("wasm32-unknown-unknown")
            .join(dir)
            .join(format!("{}.wasm", b.name));
        if !wasm.exists() {
            bail!("compiled wasm not found at {}", wasm.display());
        }
        header(&format!("build: wasm-bindgen {}", b.name));
        let t = Instant::now();
        let mut bg = wasm_bindgen_cli_support::Bindgen::new();
        bg.input_path(&wasm)
            .out_name(b.name)
            .web(true)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            // The library defaults this to true (the CLI to false); without it the page stays
            // blank ("WebAssembly.instantiate(): Argument 0 must be a buffer source").
            .omit_default_module_path(false)
            .typescript(false)
            .debug(opts.dev)
            .keep_debug(false)
            .remove_name_section(!opts.dev)
            .remove_producers_section(true);
        bg.generate(&dist)
            .map_err(|e| anyhow::anyhow!("wasm-bindgen: {e}"))?;
        println!("wasm-bindgen: {:.1}s", t.elapsed().as_secs_f64());
        let out = dist.join(format!("{}_bg.wasm", b.name));
        let before = std::fs::metadata(&out)?.len();
        if !opts.dev {
            wasm_opt(&out)?;
        }
        sizes.push((
            b.name,
            before,
            std::fs::metadata(&out)?.len(),
            gzip_len(&out)?,
        ));
    }
    std::fs::write(
        dist.join("integra_worker_boot.js"),
        "// The analysis worker's module: loads its wasm, which then answers the page.\n\
         import init from './integra_worker.js';\n\
         init({ module_or_path: new URL('./integra_worker_bg.wasm', import.meta.url) });\n",
    )?;

    assemble(&dist)?;
    println!("\ndist/ ready in {:.1}s", t0.elapsed().as_secs_f64());
    for (name, before, after, gz) in sizes {
        println!(
            "  {name}_bg.wasm: {:.0} KB after wasm-bindgen, {:.0} KB after wasm-opt, {:.0} KB gzipped ({after} bytes, {gz} gzipped)",
            before as f64 / 1024.0,
            after as f64 / 1024.0,
            gz as f64 / 1024.0,
        );
    }
    Ok(())
}

/// binaryen's wasm-opt (the npm package pinned in package.json) at -Oz, in place. The features
/// are those rustc's wasm32 target emits.
fn wasm_opt(wasm: &Path) -> Result<()> {
    let t = Instant::now();
    let tool = root().join("node_modules/binaryen/bin/wasm-opt");
    let tmp = wasm.with_extension("opt.wasm");
    sh(Command::new("node")
        .arg(&tool)
        .arg(wasm)
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            "-o",
        ])
        .arg(&tmp))?;
    std::fs::rename(&tmp, wasm)?;
    println!("wasm-opt: {:.1}s", t.elapsed().as_secs_f64());
    Ok(())
}

/// The gzipped size of a file (`gzip -9`, as a server would send it).
fn gzip_len(path: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .context("gzip")?;
    Ok(out.stdout.len() as u64)
}

/// Copies the page shell, styles, public files and ECharts next to the bindgen output.
fn assemble(dist: &Path) -> Result<()> {
    let r = root();
    std::fs::copy(r.join("index.html"), dist.join("index.html")).context("copy index.html")?;
    copy_dir(&r.join("style"), &dist.join("style"))?;
    // public/ is served as-is at the root of the site.
    copy_dir(&r.join("public"), dist)?;
    std::fs::copy(echarts_file(), dist.join("echarts.min.js")).context("copy echarts.min.js")?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    if !from.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let p = e.path();
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if p.is_dir() {
            copy_dir(&p, &to.join(&name))?;
        } else {
            std::fs::copy(&p, to.join(&name)).with_context(|| format!("copy {}", p.display()))?;
        }
    }
    Ok(())
}

fn ensure_chromium() -> Result<()> {
    let missing =
        !Path::new("/usr/bin/chromium").exists() || !Path::new("/usr/bin/chromedriver").exists();
    if missing {
        apt_install(&["chromium", "chromium-driver"])?;
    }
    Ok(())
}

fn test() -> Result<()> {
    let t0 = Instant::now();
    let mut stages: Vec<(String, f64)> = Vec::new();
    let mut stage = |name: &str, f: &mut dyn FnMut() -> Result<()>| -> Result<()> {
        header(&format!("test: {name}"));
        let t = Instant::now();
        let r = f();
        stages.push((name.to_string(), t.elapsed().as_secs_f64()));
        r.with_context(|| format!("stage `{name}` failed"))
    };
    stage("install toolchain, npm packages, chromium", &mut || {
        ensure_wasm_target()?;
        ensure_npm_packages()?;
        ensure_chromium()
    })?;
    stage("native tests (core, cli, xtask)", &mut || {
        sh(Command::new(cargo()).args([
            "test",
            "--workspace",
            "--exclude",
            "integra",
            "--exclude",
            "integra-e2e",
        ]))
    })?;
    stage(
        "app unit tests (native: texts, number formats, chart options)",
        &mut || sh(Command::new(cargo()).args(["test", "-p", "integra"])),
    )?;
    stage("build the app (cargo xtask build)", &mut || {
        build(&BuildOpts {
            dev: false,
            port: 8080,
        })
    })?;
    stage("browser end-to-end tests (headless Chromium)", &mut || {
        sh(Command::new(cargo()).args(["test", "-p", "integra-e2e", "--", "--test-threads=1"]))
    })?;
    header("test: summary");
    for (n, s) in &stages {
        println!("  {s:7.1}s  {n}");
    }
    println!("all tests passed in {:.1}s", t0.elapsed().as_secs_f64());
    Ok(())
}

fn screenshot(url: &str, out: &Path, size: &str) -> Result<()> {
    ensure_chromium()?;
    let out = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()?.join(out)
    };
    let profile = std::env::temp_dir().join(format!("integra-shot-{}", std::process::id()));
    let st = Command::new("/usr/bin/chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", out.display()))
        .arg(format!("--window-size={size}"))
        .arg("--virtual-time-budget=5000")
        .arg(url)
        .status()
        .context("cannot start chromium")?;
    let _ = std::fs::remove_dir_all(&profile);
    if !st.success() || !out.exists() {
        bail!("chromium screenshot failed ({st})");
    }
    println!("screenshot written to {}", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_build_options() {
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            BuildOpts::parse(&a(&[])).unwrap(),
            BuildOpts {
                dev: false,
                port: 8080
            }
        );
        assert_eq!(
            BuildOpts::parse(&a(&["--dev", "--port", "9000"])).unwrap(),
            BuildOpts {
                dev: true,
                port: 9000
            }
        );
        assert!(BuildOpts::parse(&a(&["--bogus"])).is_err());
        assert!(BuildOpts::parse(&a(&["--port"])).is_err());
    }

    #[test]
    fn root_holds_the_workspace() {
        assert!(root().join("Cargo.toml").exists());
        assert!(root().join("xtask").is_dir());
    }
}
