//! `integra bench`: wall-clock timing of import + standard metrics on a generated district.
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
}

/// Runs the timing and prints rows, bytes and the median time.
pub fn run(args: &BenchArgs) -> Result<ExitCode> {
    let district = generate(&DemoParams {
        size: args.size,
        ..DemoParams::default()
    });
    let bytes: usize = district.files.iter().map(|f| f.bytes.len()).sum();
    let pseudo = Pseudonymizer::new([7; 16]);
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..args.runs.max(1) {
        let t = Instant::now();
        let imports = import_all(
            district
                .files
                .iter()
                .map(|f| (f.name.as_str(), f.bytes.as_slice())),
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
        district.files.len(),
        bytes as f64 / 1e6,
        rows,
        median * 1e3,
        times.len(),
        bytes as f64 / 1e6 / median
    );
    Ok(ExitCode::SUCCESS)
}
