//! The objectivity analysis (all seven indicators, the spread of the units, BH and the statuses)
//! on the demo district, alone and with the shuffled district the screen's scale adds.
//! Figures in docs/performance.md.

use criterion::{criterion_group, criterion_main, Criterion};
use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_all, merge, ImportOptions, Pseudonymizer};
use integra_core::objectivity::{analyse, Settings};
use integra_core::report::objectivity_scale::district_scale;

fn objectivity(c: &mut Criterion) {
    let district = generate(&DemoParams::default());
    let imports = import_all(
        district
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.bytes.as_slice())),
        &ImportOptions::default(),
        &Pseudonymizer::new([7; 16]),
    );
    let (ds, _) = merge(&imports.iter().collect::<Vec<_>>());
    let rows: usize = ds.procedures.iter().map(|p| p.results.len()).sum();
    eprintln!(
        "demo district: {} procedures, {rows} pupil rows",
        ds.procedures.len()
    );
    let s = Settings::default();
    let mut g = c.benchmark_group("objectivity");
    g.sample_size(20);
    g.bench_function("analyse", |b| b.iter(|| analyse(&ds, &s)));
    g.bench_function("analyse_with_one_null", |b| {
        b.iter(|| district_scale(&ds, &s, 1))
    });
    g.finish();
}

criterion_group!(benches, objectivity);
criterion_main!(benches);
