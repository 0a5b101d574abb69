//! Filled re-check lists made natively from the demo district, for the browser tests: the
//! sample the app composes with the default plan (the latest year's procedures), its lists filled with the generator's true
//! scores (`demo::recheck_truth`: the marking without the planted inflation), and what the core
//! computes from the same files. The app pseudonymises codes with its own session salt, so the
//! code cells are left empty: the app finds each work by its file and row.

// Each test binary that includes this module uses a part of it.
#![allow(dead_code)]

use integra_core::demo::{generate, recheck_truth, DemoDistrict, DemoParams, DemoTruth};
use integra_core::ingest::{import_all, merge, task_label_key, ImportOptions, Pseudonymizer};
use integra_core::lang::Lang;
use integra_core::model::Dataset;
use integra_core::objectivity::recheck::{
    self, ListFile, RecheckPlan, RecheckReport, RecheckScores, VerdictRule,
};
use integra_core::objectivity::{analyse, Settings};
use std::path::PathBuf;

/// The demo, its filled lists on disk and the core's results for them.
pub struct Filled {
    pub district: DemoDistrict,
    pub ds: Dataset,
    /// The filled lists (and, when asked, `bad.csv` with one refused cell).
    pub paths: Vec<PathBuf>,
    pub works: usize,
    /// The procedures of the sample (ids).
    pub procedures: Vec<String>,
    pub scores: RecheckScores,
    pub report: RecheckReport,
}

/// One list with the true scores in its task columns and their sum, the code cells empty.
fn fill(list: &ListFile, truth: &DemoTruth) -> String {
    let text = String::from_utf8_lossy(&list.bytes);
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header = lines.next().unwrap_or_default();
    let columns: Vec<&str> = header.split(';').collect();
    // «Задание <label> (макс. N)» between the six fixed columns and the primary score.
    let tasks: Vec<String> = columns[6..columns.len() - 1]
        .iter()
        .map(|h| {
            let h = h.strip_prefix("Задание ").expect("a task column");
            task_label_key(h.split(" (макс").next().unwrap_or(h))
        })
        .collect();
    let mut out = format!("{header}\n");
    for line in lines {
        let mut cells: Vec<String> = line.split(';').map(str::to_string).collect();
        let row: u32 = cells[4].parse().expect("a row number");
        let file = truth
            .files
            .iter()
            .find(|f| f.file == cells[3])
            .expect("a demo file");
        let scores = file.at_line(row).expect("a work on that row");
        cells[5].clear();
        let mut total = 0u32;
        for (j, t) in tasks.iter().enumerate() {
            let k = file
                .tasks
                .iter()
                .position(|l| task_label_key(l) == *t)
                .expect("the task in the truth");
            cells[6 + j] = scores[k].to_string();
            total += u32::from(scores[k]);
        }
        let last = cells.len() - 1;
        cells[last] = total.to_string();
        out.push_str(&cells.join(";"));
        out.push('\n');
    }
    out
}

impl Filled {
    /// The lists' paths as a file input takes several (one a line).
    pub fn paths_arg(&self) -> String {
        let paths: Vec<String> = self.paths.iter().map(|p| p.display().to_string()).collect();
        paths.join("\n")
    }
}

/// Schools whose marking the demo inflated (threshold bunching, a year jump) in one of
/// `procedures`.
pub fn inflated(f: &Filled) -> std::collections::BTreeSet<String> {
    f.district
        .planted
        .iter()
        .filter(|p| p.pattern == "threshold_bunching" || p.pattern == "year_jump")
        .filter(|p| {
            f.ds.procedures
                .iter()
                .any(|q| q.files.contains(&p.file) && f.procedures.contains(&q.key.id()))
        })
        .map(|p| p.school.clone())
        .collect()
}

/// The demo's sample with the default plan, filled and written under a fresh directory.
pub fn filled_demo(tag: &str, with_bad: bool) -> Filled {
    let params = DemoParams::default();
    let district = generate(&params);
    let imports = import_all(
        district
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.bytes.as_slice())),
        &ImportOptions::default(),
        &Pseudonymizer::new([9; 16]),
    );
    let (ds, _) = merge(&imports.iter().collect::<Vec<_>>());
    let report = analyse(&ds, &Settings::default());
    let procedures = recheck::latest_procedures(&ds);
    let plan = RecheckPlan::default()
        .procedures(procedures.clone())
        .check()
        .expect("the default plan");
    let list = recheck::choose(&ds, &report, &plan).expect("a sample");
    let truth = recheck_truth(&params);
    let dir = integra_e2e::temp_dir(tag);
    let mut named: Vec<(String, Vec<u8>)> = recheck::export_csv(&list, &ds, None, Lang::Ru)
        .iter()
        .map(|f| (f.name.clone(), fill(f, &truth).into_bytes()))
        .collect();
    if with_bad {
        // The first row of the first list with a score far above the task's maximum.
        let text = String::from_utf8_lossy(&named[0].1).into_owned();
        let mut lines = text.lines();
        let header = lines.next().unwrap_or_default().to_string();
        let mut cells: Vec<String> = lines
            .next()
            .unwrap_or_default()
            .split(';')
            .map(str::to_string)
            .collect();
        cells[6] = "99".into();
        let bad = format!("{header}\n{}\n", cells.join(";"));
        named.push(("bad.csv".into(), bad.into_bytes()));
    }
    let paths = named
        .iter()
        .map(|(name, bytes)| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).expect("write a list");
            p
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = named
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let scores = recheck::read_filled(&refs, &list, &ds);
    let rule = VerdictRule::default().check().expect("the default rule");
    let report = recheck::agreement(&ds, &scores, &rule);
    Filled {
        district,
        ds,
        paths,
        works: list.works.len(),
        procedures,
        scores,
        report,
    }
}
