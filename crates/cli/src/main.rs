//! `integra`: the command-line tool over integra-core.
//!
//! - `integra analyze PATH... [--context FILE] [--json]`: import files or folders and print
//!   a summary, or the JSON document described in docs/cli-json.md.
//! - `integra demo --out DIR`: write the demo district as files in the real shapes.
//! - `integra bench`: time import + standard metrics on a generated district.

mod analyze;
mod bench;
mod demo;
mod files;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "integra",
    version,
    about = "Integra: school assessment analytics (CLI)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import result and context files (or folders of them) and print what was read.
    Analyze(analyze::AnalyzeArgs),
    /// Write the seeded demo district as files.
    Demo {
        /// Folder to write into (created when missing).
        #[arg(long)]
        out: PathBuf,
        /// Generator seed.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Number of schools.
        #[arg(long, default_value_t = 50)]
        schools: usize,
        /// Multiplier of pupils per class.
        #[arg(long, default_value_t = 1.0)]
        size: f64,
    },
    /// Time import + standard metrics on a generated district (see docs/performance.md).
    Bench(bench::BenchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(&args),
        Command::Demo {
            out,
            seed,
            schools,
            size,
        } => demo::run(&out, seed, schools, size),
        Command::Bench(args) => bench::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("integra: {e:#}");
            ExitCode::from(2)
        }
    }
}
