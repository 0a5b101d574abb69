//! The demo district's files go through the same importer as user files.

use integra_core::demo::{catalogue, context_file_name, generate, DemoParams};
use integra_core::ingest::{import_file, ImportOptions, Pseudonymizer, Severity, TableKind};

#[test]
fn demo_files_import_cleanly_with_the_catalogue_keys() {
    let params = DemoParams::default();
    let district = generate(&params);
    let cat = catalogue(&params);
    let ps = Pseudonymizer::new([9; 16]);
    let ctx = context_file_name(&params);
    for f in &district.files {
        let imp = import_file(&f.name, &f.bytes, &ImportOptions::default(), &ps);
        let s = &imp.summary;
        assert!(
            s.issues.iter().all(|i| i.severity != Severity::Error),
            "{}",
            f.name
        );
        if f.name == ctx {
            assert_eq!(s.table, TableKind::SchoolContext, "{}", f.name);
            continue;
        }
        if f.name.starts_with("Выполнение_заданий_") {
            assert_eq!(s.table, TableKind::Reference, "{}", f.name);
            continue;
        }
        if f.name.starts_with("Описание_заданий_") {
            assert_eq!(s.table, TableKind::TaskInfo, "{}", f.name);
            continue;
        }
        assert_eq!(s.table, TableKind::PupilResults, "{}", f.name);
        let Some(p) = cat.iter().find(|p| p.file == f.name) else {
            continue;
        };
        assert_eq!(s.procedure.as_ref(), Some(&p.key), "{}", f.name);
        // Labels and maxima from the header, levels (Б/П/В) from the row above it.
        let labels = |t: &[integra_core::model::Task]| {
            t.iter()
                .map(|t| (t.label.clone(), t.max, t.level))
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(&s.tasks), labels(&p.tasks), "{}", f.name);
        assert!(
            s.tasks.iter().all(|t| t.level.is_some()),
            "{}: a task without a level",
            f.name
        );
        assert!(
            s.issues.iter().all(|i| i.severity == Severity::Info),
            "{}: {:#?}",
            f.name,
            s.issues
        );
        assert!(s.needs.is_empty(), "{}: {:?}", f.name, s.needs);
        // The scale inferred from the (total, mark) pairs is the generator's.
        let sc = s.scale.expect("scale");
        assert_eq!(
            (sc.mark3, sc.mark4, sc.mark5),
            (p.scale.mark3, p.scale.mark4, p.scale.mark5),
            "{}",
            f.name
        );
    }
}
