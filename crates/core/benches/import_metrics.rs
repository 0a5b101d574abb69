//! Import + standard metrics on a generated district of about 100,000 pupil results.
//! Compare with bench/pandas_reference.py (docs/performance.md).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_all, merge, ImportOptions, Pseudonymizer};
use integra_core::report::overview;

/// Demo size multiplier that gives about 100,000 pupil results (checked in the bench).
pub const SIZE_100K: f64 = 1.9;

fn import_and_metrics(c: &mut Criterion) {
    let district = generate(&DemoParams {
        size: SIZE_100K,
        ..DemoParams::default()
    });
    let bytes: u64 = district.files.iter().map(|f| f.bytes.len() as u64).sum();
    let pseudo = Pseudonymizer::new([7; 16]);
    let run = || {
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
        overview(&ds)
    };
    let ov = run();
    let rows: usize = ov
        .procedures
        .iter()
        .map(|p| p.participants + p.absent)
        .sum();
    eprintln!(
        "district: {} files, {bytes} bytes, {rows} pupil results",
        district.files.len()
    );
    let mut g = c.benchmark_group("district_100k");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("import_merge_metrics", |b| b.iter(run));
    g.finish();
}

criterion_group!(benches, import_and_metrics);
criterion_main!(benches);
