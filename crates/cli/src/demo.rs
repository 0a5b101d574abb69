//! `integra demo`: write the demo district as files.

use anyhow::{Context, Result};
use integra_core::demo::{generate, DemoParams};
use std::path::Path;
use std::process::ExitCode;

/// Writes every generated file into `out` and a `planted.json` with the planted patterns.
pub fn run(out: &Path, seed: u64, schools: usize, size: f64) -> Result<ExitCode> {
    let params = DemoParams {
        seed,
        schools,
        size,
        ..DemoParams::default()
    };
    let district = generate(&params);
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut bytes = 0;
    for f in &district.files {
        let path = out.join(&f.name);
        std::fs::write(&path, &f.bytes).with_context(|| format!("writing {}", path.display()))?;
        bytes += f.bytes.len();
    }
    let planted = serde_json::to_vec_pretty(&district.planted)?;
    std::fs::write(out.join("planted.json"), planted)?;
    println!(
        "wrote {} files ({:.1} MB) and planted.json to {}",
        district.files.len(),
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
