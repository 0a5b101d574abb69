//! The CLI's JSON is a serialisation of the reports the screens show: for every school and
//! procedure of the demo district, each figure of `report::cli_json::document` equals (to its
//! printed rounding) the figure of the overview and of `report::query::group`, and the
//! objectivity status equals the objectivity report's.

mod common;

use integra_core::demo::DemoParams;
use integra_core::lang::Lang;
use integra_core::objectivity::{analyse, Settings};
use integra_core::report::{cli_json, overview, query, GroupReport, Scope};
use integra_core::stats::StandardMetrics;
use serde_json::Value;

/// `json` is the report's `x` printed to `digits` decimals (or both are null).
fn same(json: &Value, x: Option<f64>, digits: i32, what: &str) {
    match x {
        None => assert!(json.is_null(), "{what}: JSON {json}, report none"),
        Some(x) => {
            let j = json
                .as_f64()
                .unwrap_or_else(|| panic!("{what}: JSON {json}, report {x}"));
            assert!(
                (j - x).abs() <= 0.5 * 10f64.powi(-digits) + 1e-12,
                "{what}: JSON {j}, report {x}"
            );
        }
    }
}

fn same_metrics(json: &Value, m: Option<&StandardMetrics>, what: &str) {
    let Some(m) = m else {
        return assert!(
            json.is_null(),
            "{what}: metrics in JSON, none on the screen"
        );
    };
    assert_eq!(json["n"].as_u64(), Some(m.n as u64), "{what}: n");
    same(&json["success"], Some(m.success), 4, what);
    same(&json["quality"], Some(m.quality), 4, what);
    same(&json["mean_mark"], Some(m.mean_mark), 3, what);
    same(&json["sou"], Some(m.sou), 2, what);
}

/// Every figure of a procedure's or a school's JSON against the group report of the screen.
fn same_group(json: &Value, g: &GroupReport, what: &str) -> usize {
    let tasks = json["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), g.tasks.len(), "{what}: tasks");
    let mut figures = 0;
    for (t, row) in tasks.iter().zip(&g.tasks) {
        assert_eq!(t["label"].as_str(), Some(row.task.label.as_str()));
        same(&t["success"], row.task.success, 4, what);
        same(&t["reference"], row.reference, 4, what);
        assert_eq!(t["status"], serde_json::to_value(row.task.status).unwrap());
        figures += row.task.success.is_some() as usize;
    }
    match &g.histogram {
        None => assert!(json["histogram"].is_null(), "{what}: histogram"),
        Some(h) => {
            assert_eq!(json["histogram"]["n"].as_u64(), Some(h.n as u64));
            let counts: Vec<usize> = serde_json::from_value(json["histogram"]["counts"].clone())
                .expect("histogram counts");
            assert_eq!(counts, h.counts, "{what}: histogram counts");
            figures += 1;
        }
    }
    match &g.concordance {
        None => assert!(json["concordance"].is_null(), "{what}: concordance"),
        Some(c) => {
            let j = &json["concordance"];
            assert_eq!(j["n"].as_u64(), Some(c.n as u64));
            same(&j["lowered"], Some(c.lowered), 4, what);
            same(&j["confirmed"], Some(c.confirmed), 4, what);
            same(&j["raised"], Some(c.raised), 4, what);
            same(&j["two_plus"], Some(c.two_plus), 4, what);
            figures += 1;
        }
    }
    match &g.item_analysis {
        None => assert!(json["item_analysis"].is_null(), "{what}: item analysis"),
        Some(a) => {
            let j = &json["item_analysis"];
            assert_eq!(j["n"].as_u64(), Some(a.n as u64));
            same(&j["alpha"], a.alpha, 4, what);
            for (ji, i) in j["tasks"].as_array().unwrap().iter().zip(&a.items) {
                same(&ji["p"], i.p, 4, what);
                same(&ji["rir"], i.rir, 4, what);
                same(&ji["alpha_if_deleted"], i.alpha_if_deleted, 4, what);
                assert_eq!(ji["flags"], serde_json::to_value(&i.flags).unwrap());
            }
            figures += 1;
        }
    }
    match &g.share2_change {
        None => assert!(json["share2_change"].is_null(), "{what}: share of 2"),
        Some(c) => {
            same(
                &json["share2_change"]["change_pp"],
                Some(c.change_pp),
                2,
                what,
            );
            assert_eq!(
                json["share2_change"]["negative"].as_bool(),
                Some(c.negative)
            );
            figures += 1;
        }
    }
    figures
}

#[test]
fn the_json_figures_equal_the_screens_reports_for_every_school_and_procedure() {
    let ds = common::demo(DemoParams::default().seed).ds;
    let ov = overview(&ds);
    let doc = serde_json::to_value(cli_json::document(&[], &[], &ds, &ov, Lang::Ru)).unwrap();
    let mut figures = 0;
    let mut groups = 0;
    for (pj, po) in doc["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&ov.procedures)
    {
        let id = pj["id"].as_str().unwrap();
        assert_eq!(id, po.id);
        let g = query::group(&ds, id, &Scope::District).expect("a district report");
        // The overview screen and the drill-down show the same district metrics.
        assert_eq!(po.metrics, g.metrics, "{id}: overview and drill-down");
        same_metrics(&pj["metrics"], g.metrics.as_ref(), id);
        assert_eq!(pj["participants"].as_u64(), Some(g.participants as u64));
        figures += same_group(pj, &g, id);
        groups += 1;
        for row in &po.school_rows {
            let scope = Scope::School {
                school: row.code.clone(),
            };
            let g = query::group(&ds, id, &scope).expect("a school report");
            assert_eq!(row.metrics, g.metrics, "{id} {}: overview row", row.code);
            let sj = doc["schools"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["code"] == row.code.as_str())
                .expect("the school in the JSON");
            let spj = sj["procedures"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["procedure"] == id)
                .expect("the procedure in the school's JSON");
            let what = format!("{id} {}", row.code);
            same_metrics(&spj["metrics"], g.metrics.as_ref(), &what);
            assert_eq!(spj["participants"].as_u64(), Some(g.participants as u64));
            figures += same_group(spj, &g, &what);
            groups += 1;
        }
    }
    // The demo district: 40+ schools in every procedure of three years.
    assert!(groups > 500, "{groups} groups compared");
    assert!(figures > 5000, "{figures} figures compared");
    let obj = analyse(&ds, &Settings::default());
    for sj in doc["schools"].as_array().unwrap() {
        let code = sj["code"].as_str().unwrap();
        let o = obj.schools.iter().find(|o| o.school == code);
        let status = o.map_or(serde_json::json!("none"), |o| {
            serde_json::to_value(o.status).unwrap()
        });
        assert_eq!(sj["objectivity"]["status"], status, "{code}: objectivity");
        let signs = o.map_or(0, |o| o.signs.len());
        assert_eq!(
            sj["objectivity"]["markers"].as_array().unwrap().len(),
            signs
        );
    }
}
