//! End-to-end tests of the `integra` binary: demo files, real files, broken files, JSON.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn integra() -> Command {
    Command::new(env!("CARGO_BIN_EXE_integra"))
}

fn real(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/real")
        .join(rel)
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("integra-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn demo_dir(name: &str) -> PathBuf {
    let d = temp_dir(name);
    let out = integra().args(["demo", "--out"]).arg(&d).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    d
}

fn analyze_json(args: &[&Path]) -> Value {
    let out = integra()
        .arg("analyze")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// The bytes of a demo pupil file from its header on (the row of task levels above it skipped).
fn pupil_table(path: &Path) -> std::io::Cursor<Vec<u8>> {
    let bytes = std::fs::read(path).unwrap();
    let start = if bytes.starts_with("уровень сложности".as_bytes()) {
        bytes.iter().position(|b| *b == b'\n').unwrap() + 1
    } else {
        0
    };
    std::io::Cursor::new(bytes[start..].to_vec())
}

/// Marks of participants in a demo CSV, recomputed independently of the importer.
fn marks_by_school(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(pupil_table(path));
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (school, variant, mark) = (col("логин школы"), col("вариант"), col("отметка"));
    let mut out = std::collections::BTreeMap::<String, Vec<u8>>::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        if rec[variant].trim().to_lowercase() == "отсутствовал" {
            continue;
        }
        if let Ok(m) = rec[mark].trim().parse::<u8>() {
            out.entry(rec[school].to_string()).or_default().push(m);
        }
    }
    out
}

#[test]
fn demo_district_json_matches_independent_counts() {
    let dir = demo_dir("demo-json");
    let doc = analyze_json(&[&dir]);
    let procs = doc["procedures"].as_array().unwrap();
    assert!(procs.len() >= 5, "procedures: {}", procs.len());
    let kinds: std::collections::BTreeSet<_> = procs
        .iter()
        .map(|p| p["kind"].as_str().unwrap().to_string())
        .collect();
    for k in ["vpr", "rdr", "oge"] {
        assert!(kinds.contains(k), "missing {k}: {kinds:?}");
    }
    assert!(doc["schools"].as_array().unwrap().len() >= 50);
    for p in procs {
        for f in [
            "kind",
            "subject",
            "grade",
            "year",
            "participants",
            "absent",
            "schools",
            "tasks",
            "scale",
            "metrics",
        ] {
            assert!(p.get(f).is_some(), "procedure lacks {f}");
        }
        assert!(!p["tasks"].as_array().unwrap().is_empty());
        assert!(p["tasks"][0]["max"].as_u64().unwrap() >= 1);
    }
    // Pick one procedure file and recompute its district success and quality by hand.
    let file = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["table"] == "pupil_results")
        .unwrap();
    let id = file["procedure"].as_str().unwrap();
    let p = procs.iter().find(|p| p["id"] == id).unwrap();
    let by_school = marks_by_school(&dir.join(file["file"].as_str().unwrap()));
    let all: Vec<u8> = by_school.values().flatten().copied().collect();
    let n = all.len() as f64;
    let success = all.iter().filter(|m| **m >= 3).count() as f64 / n;
    let quality = all.iter().filter(|m| **m >= 4).count() as f64 / n;
    assert_eq!(p["metrics"]["n"].as_u64().unwrap() as usize, all.len());
    assert!((p["metrics"]["success"].as_f64().unwrap() - success).abs() < 1e-4);
    assert!((p["metrics"]["quality"].as_f64().unwrap() - quality).abs() < 1e-4);
    // And one school's mean mark.
    let (code, marks) = by_school.iter().find(|(_, m)| m.len() >= 5).unwrap();
    let school = doc["schools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == code.as_str())
        .unwrap();
    let sp = school["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["procedure"] == id)
        .unwrap();
    let mean = marks.iter().map(|m| *m as f64).sum::<f64>() / marks.len() as f64;
    assert!((sp["metrics"]["mean_mark"].as_f64().unwrap() - mean).abs() < 1e-3);
}

/// Task 1 success and the journal concordance of a demo file, recomputed from the CSV.
#[test]
fn procedure_statistics_match_independent_counts() {
    let dir = demo_dir("demo-stats");
    let doc = analyze_json(&[&dir]);
    let file = &doc["files"].as_array().unwrap()[0];
    let p = doc["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == file["procedure"])
        .unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(pupil_table(&dir.join(file["file"].as_str().unwrap())));
    let h = rdr.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|x| x.starts_with(name)).unwrap();
    let (variant, journal, mark, task1) = (
        col("вариант"),
        col("отметка за предыдущую"),
        h.len() - 1,
        col("балл за 1 "),
    );
    let max1: f64 = p["tasks"][0]["max"].as_f64().unwrap();
    let (mut points, mut n1, mut conc, mut raised, mut two) = (0.0, 0usize, 0usize, 0usize, 0usize);
    for rec in rdr.records() {
        let rec = rec.unwrap();
        if rec[variant].trim() == "отсутствовал" {
            continue;
        }
        match rec[task1].trim() {
            "X" | "Х" => n1 += 1,
            "" => {}
            v => {
                points += v.parse::<f64>().unwrap();
                n1 += 1;
            }
        }
        if let (Ok(m), Ok(j)) = (rec[mark].parse::<i32>(), rec[journal].parse::<i32>()) {
            conc += 1;
            raised += usize::from(m > j);
            two += usize::from((m - j).abs() >= 2);
        }
    }
    let success = points / (n1 as f64 * max1);
    assert!((p["tasks"][0]["success"].as_f64().unwrap() - success).abs() < 1e-4);
    assert!(
        p["tasks"][0]["status"].is_string(),
        "demo tasks carry levels, so a status"
    );
    let c = &p["concordance"];
    assert_eq!(c["n"].as_u64().unwrap() as usize, conc);
    assert!((c["raised"].as_f64().unwrap() - raised as f64 / conc as f64).abs() < 1e-4);
    assert!((c["two_plus"].as_f64().unwrap() - two as f64 / conc as f64).abs() < 1e-4);
    let hist = p["histogram"]["counts"].as_array().unwrap();
    let in_hist: u64 = hist.iter().map(|x| x.as_u64().unwrap()).sum();
    assert_eq!(in_hist, p["histogram"]["n"].as_u64().unwrap());
    assert_eq!(
        p["item_analysis"]["tasks"].as_array().unwrap().len(),
        p["tasks"].as_array().unwrap().len()
    );
}

/// Cronbach's alpha on the real CopyDetect form (numpy reference 0.89495, see
/// crates/core/tests/fixtures/stats_reference.json).
#[test]
fn item_analysis_of_a_real_exam() {
    let doc = analyze_json(&[&real("copydetect/form1.csv")]);
    let ia = &doc["procedures"][0]["item_analysis"];
    assert_eq!(ia["n"].as_u64().unwrap(), 1636);
    assert!(
        (ia["alpha"].as_f64().unwrap() - 0.89495).abs() < 1e-3,
        "{}",
        ia["alpha"]
    );
    assert_eq!(ia["tasks"].as_array().unwrap().len(), 170);
}

#[test]
fn json_carries_no_pupil_codes() {
    let dir = demo_dir("demo-privacy");
    let out = integra()
        .arg("analyze")
        .arg(&dir)
        .arg("--json")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let csv = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            let pupils = !["Контекст", "Выполнение_заданий_", "Описание_заданий_"]
                .iter()
                .any(|w| name.starts_with(w));
            p.extension().is_some_and(|e| e == "csv") && pupils && marks_by_school(p).len() > 1
        })
        .unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(pupil_table(&csv));
    let col = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "код обучающегося")
        .unwrap();
    for rec in rdr.records().take(50) {
        let code = rec.unwrap()[col].to_string();
        assert!(
            !text.contains(&format!("\"{code}\"")),
            "pupil code {code} leaked"
        );
    }
}

#[test]
fn every_real_file_is_read_or_refused_with_a_reason() {
    let doc = analyze_json(&[&real("")]);
    let files = doc["files"].as_array().unwrap();
    assert!(files.len() >= 13, "files: {}", files.len());
    for f in files {
        if f["table"] == "refused" {
            let name = f["file"].as_str().unwrap();
            let has_reason = doc["issues"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["file"] == name && i["severity"] == "error");
            // Only files that are no table at all are refused: never a results file.
            assert!(!name.contains("vpr_results"), "{name} refused");
            assert!(has_reason, "{name} refused without an error issue");
        }
    }
    let table = |name: &str| {
        files
            .iter()
            .find(|f| f["file"].as_str().unwrap().ends_with(name))
            .unwrap()["table"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(table("form1.csv"), "pupil_results");
    // The real region's exports: every results file pupil-level, every description a task
    // description, the official marker list never pupils.
    assert_eq!(table("2020/4/Математика.xlsx"), "pupil_results");
    assert_eq!(table("2022/11/История.xlsx"), "pupil_results");
    assert_eq!(table("4/Математика/ALL.xlsx"), "task_info");
    assert_ne!(
        table("dagestan_vpr_markers_2023_2025.xlsx"),
        "pupil_results"
    );
    assert_eq!(table("base_form.xlsx"), "pupil_results");
    assert_eq!(table("2018-2019_850_ks2final.csv"), "school_results");
}

#[test]
fn a_broken_file_does_not_stop_the_others() {
    let dir = temp_dir("broken");
    std::fs::write(dir.join("junk.xlsx"), [0u8, 159, 146, 150, 255, 0, 1, 2, 3]).unwrap();
    std::fs::write(dir.join("empty.csv"), b"").unwrap();
    let doc = analyze_json(&[
        &dir.join("junk.xlsx"),
        &dir.join("empty.csv"),
        &real("copydetect/form1.csv"),
    ]);
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files[0]["table"], "refused");
    assert_eq!(files[1]["table"], "refused");
    assert_eq!(files[2]["table"], "pupil_results");
    assert_eq!(doc["procedures"][0]["participants"].as_u64().unwrap(), 1636);
    let errors: Vec<_> = doc["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["severity"] == "error")
        .collect();
    let named = |n: &str| {
        errors
            .iter()
            .any(|i| i["file"].as_str().unwrap().ends_with(n))
    };
    assert!(named("junk.xlsx"));
    assert!(named("empty.csv"));
}

#[test]
fn only_broken_files_exit_with_1() {
    let dir = temp_dir("only-broken");
    std::fs::write(dir.join("empty.csv"), b"").unwrap();
    let out = integra()
        .arg("analyze")
        .arg(dir.join("empty.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn summary_is_printed_in_english_on_request() {
    let out = integra()
        .arg("analyze")
        .arg(real("copydetect/form1.csv"))
        .args(["--lang", "en", "--kind", "other", "--subject", "Test"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("participants"), "{text}");
    assert!(text.contains("1636"), "{text}");
}

/// The share of «2» and its change from 2024 for the district and one school, and the school's
/// histogram size, recomputed from the two years' CSVs.
#[test]
fn share_of_two_changes_and_school_figures_match_the_csvs() {
    let dir = demo_dir("demo-share2");
    let doc = analyze_json(&[&dir]);
    let files = doc["files"].as_array().unwrap();
    let id25 = "vpr-математика-5-2025";
    let file_of = |id: &str| {
        let f = files
            .iter()
            .find(|f| f["procedure"] == id && f["table"] == "pupil_results")
            .unwrap();
        dir.join(f["file"].as_str().unwrap())
    };
    let (now, before) = (
        marks_by_school(&file_of(id25)),
        marks_by_school(&file_of("vpr-математика-5-2024")),
    );
    let share2 =
        |marks: &[u8]| marks.iter().filter(|m| **m == 2).count() as f64 / marks.len() as f64;
    let all = |m: &std::collections::BTreeMap<String, Vec<u8>>| -> Vec<u8> {
        m.values().flatten().copied().collect()
    };
    let p = doc["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id25)
        .unwrap();
    let c = &p["share2_change"];
    assert_eq!(c["previous_year"], 2024);
    let want = (share2(&all(&now)) - share2(&all(&before))) * 100.0;
    assert!(
        (c["change_pp"].as_f64().unwrap() - want).abs() < 0.01,
        "{c} vs {want}"
    );
    assert_eq!(c["negative"].as_bool().unwrap(), want >= 10.0);
    // A school present both years with at least 5 marks each.
    let (code, marks) = now
        .iter()
        .find(|(code, m)| m.len() >= 10 && before.get(*code).is_some_and(|b| b.len() >= 5))
        .unwrap();
    let sp = doc["schools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == code.as_str())
        .unwrap()["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["procedure"] == id25)
        .unwrap()
        .clone();
    let want = (share2(marks) - share2(&before[code])) * 100.0;
    assert!((sp["share2_change"]["change_pp"].as_f64().unwrap() - want).abs() < 0.01);
    // Every participant of the demo has a primary score and a mark.
    assert_eq!(sp["histogram"]["n"].as_u64().unwrap() as usize, marks.len());
    assert!(sp["item_analysis"]["alpha"].is_number());
}

/// `schools[].objectivity`: a school where the demo planted threshold bunching carries a
/// `bunching` marker in that file's procedure, with every field; every class tested for
/// identical vectors has a share in 0..=1; no school is called anything but a status.
#[test]
fn objectivity_per_school_in_json() {
    let dir = demo_dir("demo-objectivity");
    let doc = analyze_json(&[&dir]);
    let planted: Value =
        serde_json::from_slice(&std::fs::read(dir.join("planted.json")).unwrap()).unwrap();
    let files = doc["files"].as_array().unwrap();
    let bunch = planted
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["pattern"] == "threshold_bunching")
        .unwrap();
    let proc_id = files.iter().find(|f| f["file"] == bunch["file"]).unwrap()["procedure"].clone();
    let school = doc["schools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == bunch["school"])
        .unwrap();
    let o = &school["objectivity"];
    assert_ne!(o["status"], "none", "{o}");
    let m = o["markers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["indicator"] == "bunching" && m["procedure"] == proc_id)
        .unwrap_or_else(|| panic!("no bunching marker: {o}"));
    for f in [
        "grade",
        "subject",
        "year",
        "class",
        "value",
        "reference",
        "p",
        "q",
        "n",
    ] {
        assert!(m.get(f).is_some(), "marker lacks {f}");
    }
    assert!(m["p"].as_f64().unwrap() < 0.01);
    let mut classes = 0;
    for s in doc["schools"].as_array().unwrap() {
        let st = s["objectivity"]["status"].as_str().unwrap();
        assert!(["none", "attention", "signs"].contains(&st));
        for c in s["objectivity"]["classes"].as_array().unwrap() {
            let share = c["identical_share"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&share));
            classes += 1;
        }
    }
    assert!(classes > 100, "classes tested: {classes}");
}
