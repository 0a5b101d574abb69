//! `integra bench`: wall-clock timing of import + standard metrics on a generated district, or
//! on the files of a folder (`--folder`).
//! The statistically careful figures come from the criterion bench
//! (`cargo bench -p integra-core`); this command is a quick check on any machine.

use anyhow::Result;
use clap::Args;
use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_all, merge, ImportOptions, Pseudonymizer};
use integra_core::report::overview;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `integra bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// Demo size multiplier (about 100,000 pupil results at the default).
    #[arg(long, default_value_t = 1.9)]
    size: f64,
    /// Repetitions; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Time the files of this folder (read into memory first, named by their path inside
    /// it) instead of a generated district: a region's real exports, say.
    #[arg(long)]
    folder: Option<std::path::PathBuf>,
}

/// Runs the timing and prints rows, bytes and the median time.
pub fn run(args: &BenchArgs) -> Result<ExitCode> {
    let files: Vec<(String, Vec<u8>)> = match &args.folder {
        Some(dir) => crate::files::expand(std::slice::from_ref(dir))?
            .into_iter()
            .map(|(path, name)| Ok((name, std::fs::read(&path)?)))
            .collect::<Result<_>>()?,
        None => generate(&DemoParams {
            size: args.size,
            ..DemoParams::default()
        })
        .files
        .into_iter()
        .map(|f| (f.name, f.bytes))
        .collect(),
    };
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let pseudo = Pseudonymizer::new([7; 16]);
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..args.runs.max(1) {
        let t = Instant::now();
        let imports = import_all(
            files.iter().map(|f| (f.0.as_str(), f.1.as_slice())),
            &ImportOptions::default(),
            &pseudo,
        );
        let refs: Vec<_> = imports.iter().collect();
        let (ds, _) = merge(&refs);
        let ov = overview(&ds);
        times.push(t.elapsed().as_secs_f64());
        rows = ds.procedures.iter().map(|p| p.results.len()).sum();
        std::hint::black_box(ov);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    println!(
        "{} files, {:.1} MB, {} pupil results: import + metrics median {:.1} ms over {} runs ({:.0} MB/s)",
        files.len(),
        bytes as f64 / 1e6,
        rows,
        median * 1e3,
        times.len(),
        bytes as f64 / 1e6 / median
    );
    Ok(ExitCode::SUCCESS)
}
