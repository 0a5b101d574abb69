//! Import + standard metrics, and the drill-down, on a generated district of about 100,000
//! pupil results.
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

/// The drill-down on the same district: every procedure's district report, every school's report
/// and the schools table (what «Процедура» computes when a user walks every school), plus the
/// skills and trends of each procedure.
fn drill_down(c: &mut Criterion) {
    use integra_core::report::drill::{children, group_report, Scope};
    use integra_core::stats::{skill_success, trends::trends};
    let district = generate(&DemoParams {
        size: SIZE_100K,
        ..DemoParams::default()
    });
    let imports = import_all(
        district
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.bytes.as_slice())),
        &ImportOptions::default(),
        &Pseudonymizer::new([7; 16]),
    );
    let (ds, _) = merge(&imports.iter().collect::<Vec<_>>());
    let mut g = c.benchmark_group("district_100k");
    g.sample_size(10);
    g.bench_function("drill_down_every_school", |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &ds.procedures {
                let d = group_report(&ds, p, &Scope::District, None);
                n += d.participants;
                for s in children(&ds, p, &Scope::District) {
                    n += group_report(&ds, p, &s.scope, None).participants;
                }
                let rows: Vec<usize> = (0..p.results.len()).collect();
                n += skill_success(&p.results, &p.tasks, &rows, &[]).skills.len();
                n += trends(&ds, &p.key).schools.len();
            }
            n
        })
    });
    g.bench_function("drill_down_district_view", |b| {
        let p = &ds.procedures[0];
        b.iter(|| {
            let d = group_report(&ds, p, &Scope::District, None);
            (d.participants, children(&ds, p, &Scope::District).len())
        })
    });
    g.finish();
}

criterion_group!(benches, import_and_metrics, drill_down);
criterion_main!(benches);
