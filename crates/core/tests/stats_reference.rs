//! METHODOLOGY §2 statistics against reference values computed independently with numpy/pandas
//! by tests/fixtures/make_reference.py (tool versions in the JSON's `tool`). Tolerance 1e-9.
//! Covers: the committed fixture (40 participants + 2 absent, 6 polytomous tasks, X and blanks,
//! marks, journal marks), CopyDetect form1 (1,636 x 170), TIMSS 2007 (booklets, pairwise RIR)
//! the ВПР protocol form (18 participants) and PISA 2009 mathematics and reading (listwise).

use integra_core::ingest::{import_file, ImportOptions, ImportedData, Pseudonymizer};
use integra_core::model::Procedure;
use integra_core::stats::{
    concordance, item_analysis, participant_rows, primary_histogram, success_by_mark, task_success,
    ItemAnalysis, ItemSample, TaskSuccess,
};
use serde_json::Value;

const TOL: f64 = 1e-9;

fn reference() -> Value {
    serde_json::from_str(include_str!("fixtures/stats_reference.json")).unwrap()
}

fn procedure(name: &str, bytes: &[u8]) -> Procedure {
    let imp = import_file(
        name,
        bytes,
        &ImportOptions::default(),
        &Pseudonymizer::new([3; 16]),
    );
    match imp.data {
        ImportedData::Pupils { procedure, .. } => procedure,
        _ => panic!("{name}: {:#?}", imp.summary.issues),
    }
}

fn real(path: &str) -> Procedure {
    let p = format!(
        "{}/../../../shared/data/real/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    procedure(
        path.rsplit('/').next().unwrap(),
        &std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}")),
    )
}

fn close(got: Option<f64>, want: &Value, what: &str) {
    match (got, want.as_f64()) {
        (None, None) => {}
        (Some(g), Some(w)) => assert!((g - w).abs() <= TOL, "{what}: {g} vs {w}"),
        _ => panic!("{what}: {got:?} vs {want}"),
    }
}

fn check_success(got: &[TaskSuccess], want: &Value, what: &str) {
    let want = want.as_array().unwrap();
    assert_eq!(got.len(), want.len(), "{what}");
    for (j, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g.n as u64, w["n"].as_u64().unwrap(), "{what} n[{j}]");
        assert_eq!(
            g.points,
            w["points"].as_u64().unwrap(),
            "{what} points[{j}]"
        );
        close(g.success, &w["success"], &format!("{what} success[{j}]"));
        if !w["status"].is_null() {
            assert_eq!(
                serde_json::to_value(g.status).unwrap(),
                w["status"],
                "{what} status[{j}]"
            );
        }
    }
}

/// The sample [`ItemSample::choose`] picks, from the counts (the reference flags use it).
fn default_sample(a: &ItemAnalysis) -> ItemSample {
    if a.n_complete >= 2 && a.n_complete * 5 >= a.n * 4 {
        ItemSample::Listwise
    } else {
        ItemSample::Pairwise
    }
}

/// Compares p, n, RIR (listwise or pairwise) and, when present, alpha and alpha-if-deleted.
fn check_items(a: &ItemAnalysis, want: &Value, what: &str) {
    let items = want["items"].as_array().unwrap();
    assert_eq!(a.items.len(), items.len(), "{what}");
    assert_eq!(a.n as u64, want["n"].as_u64().unwrap(), "{what} n");
    assert_eq!(
        a.n_complete as u64,
        want["n_complete"].as_u64().unwrap(),
        "{what} n_complete"
    );
    close(a.alpha, &want["alpha"], &format!("{what} alpha"));
    let rir = match a.sample {
        ItemSample::Listwise => "rir_listwise",
        ItemSample::Pairwise => "rir_pairwise",
    };
    for (j, (g, w)) in a.items.iter().zip(items).enumerate() {
        assert_eq!(g.n as u64, w["n"].as_u64().unwrap(), "{what} n[{j}]");
        close(g.p, &w["p"], &format!("{what} p[{j}]"));
        close(g.rir, &w[rir], &format!("{what} {rir}[{j}]"));
        if a.sample == default_sample(a) {
            assert_eq!(
                serde_json::to_value(&g.flags).unwrap(),
                w["flags"],
                "{what} flags[{j}]"
            );
        }
        if let Some(aid) = w.get("alpha_if_deleted") {
            close(
                g.alpha_if_deleted,
                aid,
                &format!("{what} alpha_if_deleted[{j}]"),
            );
        }
    }
}

#[test]
fn fixture_matches_numpy() {
    let want = &reference()["fixture"];
    let p = procedure(
        "stats_fixture.csv",
        include_bytes!("fixtures/stats_fixture.csv"),
    );
    let r = &p.results;
    assert_eq!((r.len(), r.participants(), p.tasks.len()), (42, 40, 6));
    let all = participant_rows(r);
    check_success(
        &task_success(r, &p.tasks, &all),
        &want["success"],
        "success",
    );

    for (class, w) in want["by_class"].as_object().unwrap() {
        let rows: Vec<usize> = (0..r.len())
            .filter(|&i| r.class[i].as_deref() == Some(class.as_str()))
            .collect();
        assert!(!rows.is_empty(), "class {class}");
        check_success(&task_success(r, &p.tasks, &rows), &w["success"], class);
        let c = concordance(r, &rows).unwrap();
        assert_eq!(c.n as u64, w["concordance"]["n"].as_u64().unwrap());
        close(Some(c.raised), &w["concordance"]["raised"], "class raised");
    }

    let g = success_by_mark(r, &p.tasks, &all);
    for (gg, w) in g
        .groups
        .iter()
        .zip(want["mark_groups"]["groups"].as_array().unwrap())
    {
        assert_eq!(
            (gg.mark as u64, gg.n as u64),
            (w["mark"].as_u64().unwrap(), w["n"].as_u64().unwrap())
        );
        for (j, s) in gg.success.iter().enumerate() {
            close(*s, &w["success"][j], &format!("mark {} task {j}", gg.mark));
        }
    }
    let wa = want["mark_groups"]["anomalies"].as_array().unwrap();
    assert_eq!(g.anomalies.len(), wa.len());
    assert!(!wa.is_empty(), "the fixture plants an anomaly");
    for (a, w) in g.anomalies.iter().zip(wa) {
        assert_eq!(
            (a.task as u64, a.lower as u64, a.higher as u64),
            (
                w["task"].as_u64().unwrap(),
                w["lower"].as_u64().unwrap(),
                w["higher"].as_u64().unwrap()
            )
        );
        close(Some(a.gap), &w["gap"], "anomaly gap");
    }

    let h = primary_histogram(&p, &all);
    assert_eq!(h.n as u64, want["histogram"]["n"].as_u64().unwrap());
    let counts: Vec<u64> = h.counts.iter().map(|&c| c as u64).collect();
    let wc: Vec<u64> = want["histogram"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(counts, wc);

    let c = concordance(r, &all).unwrap();
    let w = &want["concordance"];
    assert_eq!(c.n as u64, w["n"].as_u64().unwrap());
    for (g, k) in [
        (c.lowered, "lowered"),
        (c.confirmed, "confirmed"),
        (c.raised, "raised"),
        (c.two_plus, "two_plus"),
    ] {
        close(Some(g), &w[k], k);
    }

    for s in [ItemSample::Listwise, ItemSample::Pairwise] {
        check_items(
            &item_analysis(r, &p.tasks, &all, s),
            &want["items"],
            "fixture items",
        );
    }
}

#[test]
fn copydetect_form1_item_analysis_matches_numpy() {
    let want = &reference()["form1"];
    let p = real("copydetect/form1.csv");
    let labels: Vec<&str> = want["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        p.tasks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
        labels
    );
    let rows = participant_rows(&p.results);
    assert_eq!(
        ItemSample::choose(&p.results, &p.tasks, &rows),
        ItemSample::Listwise
    );
    let a = item_analysis(&p.results, &p.tasks, &rows, ItemSample::Listwise);
    check_items(&a, want, "form1");
    let alpha = a.alpha.unwrap();
    assert!((0.89..0.90).contains(&alpha), "{alpha}");
    // No missing cells: pairwise RIR is the listwise one.
    let b = item_analysis(&p.results, &p.tasks, &rows, ItemSample::Pairwise);
    check_items(&b, want, "form1 pairwise");
}

#[test]
fn timss_booklets_use_pairwise_rir() {
    let want = &reference()["timss"];
    let p = real("timss07_g8_rus/scored_responses.csv");
    let rows = participant_rows(&p.results);
    assert_eq!(
        ItemSample::choose(&p.results, &p.tasks, &rows),
        ItemSample::Pairwise
    );
    let labels: Vec<&str> = want["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        p.tasks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
        labels
    );
    let a = item_analysis(&p.results, &p.tasks, &rows, ItemSample::Pairwise);
    assert_eq!(
        (a.n_complete, a.alpha),
        (0, None),
        "listwise deletion leaves nobody"
    );
    check_items(&a, want, "timss");
    let finite = a
        .items
        .iter()
        .filter(|i| i.rir.is_some_and(f64::is_finite))
        .count();
    assert!(
        finite * 100 >= a.items.len() * 95,
        "{finite} of {}",
        a.items.len()
    );
    assert!(a
        .items
        .iter()
        .all(|i| i.p.is_none_or(|p| (0.0..=1.0).contains(&p))));
}

#[test]
fn vpr_protocol_form_matches_numpy() {
    let want = &reference()["vpr_protocol"];
    let p = real("vpr_protocol_form/base_form.xlsx");
    let rows = participant_rows(&p.results);
    assert_eq!(rows.len(), 18);
    let labels: Vec<&str> = want["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        p.tasks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
        labels
    );
    check_success(
        &task_success(&p.results, &p.tasks, &rows),
        &want["success"],
        "vpr success",
    );
    let a = item_analysis(&p.results, &p.tasks, &rows, ItemSample::Listwise);
    check_items(&a, &want["items"], "vpr items");
    // Tasks everyone solved (5.1, 5.2, 12) have no variance: no RIR, flagged too easy.
    assert_eq!(a.items.iter().filter(|i| i.rir.is_none()).count(), 3);
    let h = primary_histogram(&p, &rows);
    let wc: Vec<u64> = want["histogram"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(h.counts.iter().map(|&c| c as u64).collect::<Vec<_>>(), wc);
    assert_eq!(
        concordance(&p.results, &rows),
        None,
        "the form has journal marks but no marks"
    );
}

/// PISA 2009 (Austria) mathematics and reading: dichotomous items, no missing cells, so the
/// default listwise sample; difficulty, RIR, alpha and alpha-if-deleted against numpy.
#[test]
fn pisa_item_analysis_matches_numpy() {
    for (file, key) in [
        ("pisa2009_aut/data.pisaMath_data.csv", "math"),
        ("pisa2009_aut/data.pisaRead_data.csv", "read"),
    ] {
        let want = &reference()["pisa"][key];
        let p = real(file);
        let labels: Vec<&str> = want["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(
            p.tasks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
            labels,
            "{file}"
        );
        let rows = participant_rows(&p.results);
        assert_eq!(
            ItemSample::choose(&p.results, &p.tasks, &rows),
            ItemSample::Listwise
        );
        let a = item_analysis(&p.results, &p.tasks, &rows, ItemSample::Listwise);
        check_items(&a, want, key);
    }
}
