//! «Открыть демонстрационный район»: the demo district loads in under a second and the
//! overview shows its procedures, schools, metrics, table and chart, matching the core.

use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_file, merge, ImportOptions, Pseudonymizer};
use integra_core::report::overview;
use integra_e2e::with_browser;

#[tokio::test(flavor = "multi_thread")]
async fn demo_district_loads_and_overview_shows_it() {
    // The same district computed natively.
    let district = generate(&DemoParams::default());
    let pseudo = Pseudonymizer::new([7; 16]);
    let imports: Vec<_> = district
        .files
        .iter()
        .map(|f| import_file(&f.name, &f.bytes, &ImportOptions::default(), &pseudo))
        .collect();
    let (ds, _) = merge(&imports.iter().collect::<Vec<_>>());
    let ov = overview(&ds);
    assert!(
        ov.procedures.len() >= 5,
        "the demo has at least 5 procedures"
    );

    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("#demo-button").await.click().await.unwrap();
        // The app goes to the overview once the district is loaded.
        b.wait_js("the overview", "location.pathname === '/overview' && document.querySelector('[data-testid=ov-procedures]')").await;
        let n_proc: usize = b
            .wait("[data-testid=ov-procedures]").await
            .attr("data-value").await.unwrap().unwrap().parse().unwrap();
        let n_schools: usize = b
            .wait("[data-testid=ov-schools]").await
            .attr("data-value").await.unwrap().unwrap().parse().unwrap();
        assert!(n_proc >= 5, "procedures shown: {n_proc}");
        assert!(n_schools >= 50, "schools shown: {n_schools}");
        assert_eq!(n_proc, ov.procedures.len());
        assert_eq!(n_schools, ov.schools);
        let options = b.all("#procedure-select option").await;
        assert_eq!(options.len(), ov.procedures.len());

        // The first procedure: district figures and one row per school, as the core says.
        let p = &ov.procedures[0];
        let part = b.wait("[data-testid=ov-participants]").await.attr("data-value").await.unwrap();
        assert_eq!(part, Some(p.participants.to_string()));
        b.wait_js("school rows", &format!(
            "document.querySelectorAll('[data-testid=school-row]').length === {}", p.school_rows.len()
        )).await;
        let hidden = b.all("[data-testid=school-row] [data-testid=m-hidden]").await.len();
        let expected_hidden = p.school_rows.iter().filter(|r| r.metrics.is_none()).count();
        assert_eq!(hidden, expected_hidden, "rows under 5 people show no figures");
        if let Some(m) = &p.metrics {
            let sou = b.text("[data-testid=ov-sou]").await;
            let want = format!("{:.1}", m.sou).replace('.', ",");
            assert!(sou.starts_with(&want), "district СОУ {sou} vs {want}");
        }

        // The chart is rendered (ECharts draws into a canvas inside the chart div).
        b.wait("#chart-marks canvas").await;

        // Another procedure through the selector: URL, table and chart follow.
        let last = ov.procedures.last().unwrap();
        b.js(&format!(
            "(() => {{ const s = document.querySelector('#procedure-select'); s.value = {id:?}; s.dispatchEvent(new Event('change')); return true; }})()",
            id = last.id
        )).await;
        b.wait_js("the selected procedure", &format!(
            "document.querySelector('[data-testid=ov-participants]').dataset.value === '{}'", last.participants
        )).await;
        assert!(b.js("location.search").await.as_str().unwrap().starts_with("?p="));
        b.wait_js("school rows", &format!(
            "document.querySelectorAll('[data-testid=school-row]').length === {}", last.school_rows.len()
        )).await;
        b.wait("#chart-marks canvas").await;

        // Back on «Данные» (in-app navigation keeps the session): one card per file, load time.
        b.wait("#nav-data").await.click().await.unwrap();
        b.wait_js("file cards", &format!(
            "document.querySelectorAll('[data-testid=file-card]').length === {}", district.files.len()
        )).await;
        let ms: f64 = b.wait("[data-testid=load-ms]").await.attr("data-value").await.unwrap().unwrap().parse().unwrap();
        // Speed is measured, not asserted here (docs/performance.md records the figure).
        eprintln!("demo district: generated and imported in {ms:.0} ms in the browser");
        assert!(ms > 0.0, "the load time is shown");
        b.assert_no_errors().await;
    })
    .await;
}
