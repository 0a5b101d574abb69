//! A real region's ВПР exports (../shared/data/real/altai_vpr: three yearly layouts of the
//! federal system, the official task descriptions) read as its assessment centre downloads
//! them, against the reference counts of an independent reader (reference.json). One test per
//! layout and year; each checks every file of it.

use integra_core::ingest::{
    import_file, merge, FileImport, ImportOptions, Pseudonymizer, TableKind,
};
use integra_core::model::{Dataset, MaxSource, ProcedureKind, ScaleSource};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/real/altai_vpr")
}

fn reference() -> Value {
    let text = std::fs::read_to_string(root().join("reference.json")).expect("reference.json");
    serde_json::from_str(&text).unwrap()
}

/// Every file of the folder, named by its path inside it (as a dropped folder gives it).
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

/// The whole folder imported and merged once.
fn region() -> &'static (Vec<FileImport>, Dataset) {
    static R: OnceLock<(Vec<FileImport>, Dataset)> = OnceLock::new();
    R.get_or_init(|| {
        let mut all = Vec::new();
        files(&root(), &root(), &mut all);
        let pseudo = Pseudonymizer::new([7; 16]);
        let imports: Vec<FileImport> = all
            .iter()
            .map(|(n, b)| import_file(n, b, &ImportOptions::default(), &pseudo))
            .collect();
        let refs: Vec<&FileImport> = imports.iter().collect();
        let (ds, _) = merge(&refs);
        (imports, ds)
    })
}

/// Checks every reference file whose path starts with `prefix` (one file: its whole path).
fn check(prefix: &str) {
    let (imports, ds) = region();
    let r = reference();
    let mut seen = 0;
    for f in r["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        if !path.starts_with(prefix) {
            continue;
        }
        seen += 1;
        let imp = imports
            .iter()
            .find(|i| i.summary.file == path)
            .unwrap_or_else(|| panic!("{path} not imported"));
        let s = &imp.summary;
        assert_eq!(s.table, TableKind::PupilResults, "{path}");
        let n = |k: &str| f[k].as_u64().unwrap() as usize;
        assert_eq!(s.participants, n("participants"), "{path}: participants");
        assert_eq!(s.absent, n("absent"), "{path}: absent");
        assert_eq!(s.schools, n("schools"), "{path}: schools");
        // Classes: we read «"А"» and «А», «11 А» and «11А» as one class; the reference keeps
        // each spelling apart (docs/import.md), so ours may be a few fewer, never more.
        let classes = n("classes");
        assert!(
            s.classes <= classes && s.classes + 3 >= classes,
            "{path}: classes {} vs {classes}",
            s.classes
        );
        let key = s.procedure.clone().unwrap();
        assert_eq!(key.kind, ProcedureKind::Vpr, "{path}");
        assert_eq!(
            key.year,
            Some(f["year"].as_u64().unwrap() as u16),
            "{path}: year"
        );
        assert_eq!(
            key.grade,
            Some(f["grade"].as_u64().unwrap() as u8),
            "{path}: grade"
        );
        assert_eq!(
            key.subject,
            f["subject"].as_str().unwrap(),
            "{path}: subject"
        );
        let p = ds.procedures.iter().find(|p| p.key == key).unwrap();
        let want: Vec<(String, u8)> = f["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["label"].as_str().unwrap().to_string(),
                    t["max"].as_f64().unwrap() as u8,
                )
            })
            .collect();
        let got: Vec<(String, u8)> = p.tasks.iter().map(|t| (t.label.clone(), t.max)).collect();
        assert_eq!(got.len(), want.len(), "{path}: tasks");
        for ((gl, gm), (wl, wm)) in got.iter().zip(&want) {
            assert_eq!(
                integra_core::ingest::task_label_key(gl),
                integra_core::ingest::task_label_key(wl),
                "{path}: task label"
            );
            assert_eq!(gm, wm, "{path}: maximum of task {gl}");
        }
        // Every file has a published scale, and so marks.
        let scale = p.scale.unwrap_or_else(|| panic!("{path}: no scale"));
        assert_eq!(scale.source, ScaleSource::Catalogue, "{path}");
        assert!(
            p.results.mark.iter().any(Option::is_some),
            "{path}: no marks"
        );
        // Data errors as the reference counts them (docs/import.md says where ours differ).
        let e = p.errors;
        assert_eq!(
            e.sum_mismatch as usize,
            n("sum_mismatch"),
            "{path}: sum mismatch"
        );
        assert_eq!(
            e.invalid_cells() as usize,
            n("invalid_cells"),
            "{path}: invalid cells"
        );
        println!(
            "{path}: ok ({} participants, {} invalid cells)",
            s.participants,
            e.invalid_cells()
        );
    }
    assert!(seen > 0, "no reference file under {prefix}");
}

#[test]
fn system_export_2020_takes_maxima_and_skills_from_the_descriptions() {
    let (_, ds) = region();
    let p = ds
        .procedures
        .iter()
        .find(|p| {
            p.key.year == Some(2020) && p.key.grade == Some(4) && p.key.subject == "Математика"
        })
        .unwrap();
    assert!(p
        .tasks
        .iter()
        .all(|t| t.max_source == MaxSource::Description && t.skill.is_some()));
    assert_eq!(p.tasks[4].kim.as_deref(), Some("5.1"));
}

#[test]
fn protocol_2022_is_read_from_its_protocol_sheet() {
    let (imports, _) = region();
    let i = imports
        .iter()
        .find(|i| i.summary.file.ends_with("2022/11/История.xlsx"))
        .unwrap();
    assert!(
        i.summary.format_detail.contains("Протокол"),
        "{}",
        i.summary.format_detail
    );
}

#[test]
fn the_folder_gives_23_procedures_with_skills() {
    let (imports, ds) = region();
    let with_results = ds
        .procedures
        .iter()
        .filter(|p| p.results.participants() > 0)
        .count();
    assert_eq!(with_results, 23);
    for p in &ds.procedures {
        if matches!(p.key.grade, Some(4 | 5)) {
            assert!(p.tasks.iter().all(|t| t.skill.is_some()), "{}", p.key);
        }
    }
    // Every description workbook is a task description or a codifier, none a results table.
    for i in imports
        .iter()
        .filter(|i| i.summary.file.starts_with("Описание_работ"))
    {
        assert_eq!(i.summary.table, TableKind::TaskInfo, "{}", i.summary.file);
    }
}

/// One test per results file of the folder, named by year, grade and subject.
macro_rules! per_file {
    ($($name:ident: $path:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check($path);
            }
        )*
    };
}

per_file! {
    y2020_g4_matematika: "vpr_results/2020/4/Математика.xlsx",
    y2020_g4_okruzhayuschiy_mir: "vpr_results/2020/4/Окружающий мир.xlsx",
    y2020_g4_russkiy_yazyk: "vpr_results/2020/4/Русский язык.xlsx",
    y2020_g5_biologiya: "vpr_results/2020/5/Биология.xlsx",
    y2020_g5_istoriya: "vpr_results/2020/5/История.xlsx",
    y2020_g5_matematika: "vpr_results/2020/5/Математика.xlsx",
    y2020_g5_russkiy_yazyk: "vpr_results/2020/5/Русский язык.xlsx",
    y2021_g4_matematika: "vpr_results/2021/4/Проведение работы по математике, 4 класс. ВПР 2021.xlsx",
    y2021_g4_okruzhayuschiy_mir: "vpr_results/2021/4/Проведение работы по окружающему миру, 4 класс. ВПР 2021.xlsx",
    y2021_g4_russkiy_yazyk: "vpr_results/2021/4/Проведение работы по русскому языку, 4 класс. ВПР 2021.xlsx",
    y2021_g5_biologiya: "vpr_results/2021/5/Проведение работы по биологии, 5 класс. ВПР 2021.xlsx",
    y2021_g5_istoriya: "vpr_results/2021/5/Проведение работы по истории, 5 класс. ВПР 2021.xlsx",
    y2021_g5_matematika: "vpr_results/2021/5/Проведение работы по математике, 5 класс. ВПР 2021.xlsx",
    y2021_g5_russkiy_yazyk: "vpr_results/2021/5/Проведение работы по русскому языку, 5 класс. ВПР 2021.xlsx",
    y2022_g10_geografiya: "vpr_results/2022/10/География.xlsx",
    y2022_g11_angliyskiy_yazyk: "vpr_results/2022/11/Английский язык.xlsx",
    y2022_g11_biologiya: "vpr_results/2022/11/Биология.xlsx",
    y2022_g11_geografiya: "vpr_results/2022/11/География.xlsx",
    y2022_g11_istoriya: "vpr_results/2022/11/История.xlsx",
    y2022_g11_nemeckiy_yazyk: "vpr_results/2022/11/Немецкий язык.xlsx",
    y2022_g11_fizika: "vpr_results/2022/11/Физика.xlsx",
    y2022_g11_francuzskiy_yazyk: "vpr_results/2022/11/Французский язык.xlsx",
    y2022_g11_himiya: "vpr_results/2022/11/Химия.xlsx",
}
