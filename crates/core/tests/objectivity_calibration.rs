//! The objectivity analysis calibrated on a real region (../shared/data/real/altai_vpr: a
//! region's ВПР exports of 2020–2022, read with the official task descriptions beside them).
//!
//! Per year, with default settings:
//! * the null: the same pupils shuffled across schools and classes within each procedure
//!   (`objectivity::null`); at most 2 % of the schools may get a status there;
//! * the real year: the share of schools with any status and with «признаки необъективности»
//!   must stay within what a district can follow up (a fifth, a tenth); the figures and the top
//!   reasons are printed (`--nocapture`) and kept in docs/objectivity.md.

use integra_core::ingest::{import_file, merge, FileImport, ImportOptions, Pseudonymizer};
use integra_core::model::Dataset;
use integra_core::objectivity::{Reason, Settings, Status};
use integra_core::report::objectivity_scale::{null_reports, scale_of, ScaleKey};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/real/altai_vpr")
}

fn files(dir: &Path, base: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, base, out);
        } else if p.extension().is_some_and(|e| e == "xlsx") {
            let name = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read(&p).unwrap()));
        }
    }
}

/// The region imported and merged once.
fn region() -> &'static Dataset {
    static R: OnceLock<Dataset> = OnceLock::new();
    R.get_or_init(|| {
        let mut all = Vec::new();
        files(&root(), &root(), &mut all);
        let pseudo = Pseudonymizer::new([7; 16]);
        let imports: Vec<FileImport> = all
            .iter()
            .map(|(n, b)| import_file(n, b, &ImportOptions::default(), &pseudo))
            .collect();
        merge(&imports.iter().collect::<Vec<_>>()).0
    })
}

/// The region's procedures of one year.
fn year(y: u16) -> Dataset {
    let ds = region();
    Dataset {
        procedures: ds
            .procedures
            .iter()
            .filter(|p| p.key.year == Some(y))
            .cloned()
            .collect(),
        ..ds.clone()
    }
}

fn reason_name(r: &Reason) -> String {
    match r {
        Reason::Strong { indicator, .. } => format!("strong {indicator:?}"),
        Reason::Marker { .. } => "marker".into(),
        Reason::Parallel { .. } => "parallel".into(),
        Reason::SubjectYears { .. } => "subject in two years".into(),
        Reason::MarkersInSubjects { .. } => "markers in two subjects".into(),
        Reason::MarkersInYears { .. } => "markers in two years".into(),
    }
}

fn check(y: u16) {
    let ds = year(y);
    assert!(
        ds.procedures.len() >= 5,
        "{y}: {} procedures",
        ds.procedures.len()
    );
    let s = Settings::default();
    let observed = integra_core::objectivity::analyse(&ds, &s);
    let nulls = null_reports(&ds, &s, 2);
    let scale = scale_of(&observed, &nulls);
    let row = |k: ScaleKey| scale.rows.iter().find(|r| r.key == k).unwrap();
    let any = row(ScaleKey::AnyStatus);
    let signs = row(ScaleKey::Status(Status::Signs));
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for o in &observed.schools {
        for r in &o.reasons {
            *reasons.entry(reason_name(r)).or_default() += 1;
        }
    }
    println!(
        "{y}: {} procedures, {} schools tested, {} tests; any status {} ({:.1} %), signs {} \
         ({:.1} %); null: any {:.1} ({:.1} %)",
        ds.procedures.len(),
        scale.schools,
        scale.tests,
        any.observed,
        100.0 * scale.share(any.observed as f64),
        signs.observed,
        100.0 * scale.share(signs.observed as f64),
        any.null,
        100.0 * scale.share(any.null),
    );
    for r in &scale.rows {
        if let ScaleKey::Indicator(i) = r.key {
            println!("  {i:?}: {} schools, null {:.1}", r.observed, r.null);
        }
    }
    println!("  reasons: {reasons:?}");
    for (i, n) in nulls.iter().enumerate() {
        let marked = n
            .schools
            .iter()
            .filter(|o| o.status != Status::None)
            .count();
        assert!(
            marked as f64 <= 0.02 * scale.schools as f64,
            "{y}: null {i} marks {marked} of {} schools",
            scale.schools
        );
    }
    assert!(scale.share(any.observed as f64) <= 0.20, "{y}: any status");
    assert!(scale.share(signs.observed as f64) <= 0.10, "{y}: signs");
}

#[test]
fn year_2020() {
    check(2020);
}

#[test]
fn year_2021() {
    check(2021);
}

#[test]
fn year_2022() {
    check(2022);
}
