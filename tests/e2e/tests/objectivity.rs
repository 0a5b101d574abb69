//! «Объективность» on the demo district: the counts and the scale against the shuffled district
//! agree with the core; each planted school's page shows the sign that targets its pattern with
//! its figures, effect size, picture and funnel, the tests run and the reasons of its status;
//! changing a threshold reruns the analysis.

use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_all, merge, ImportOptions, Pseudonymizer};
use integra_core::objectivity::{analyse, Settings, Status};
use integra_core::report::objectivity_scale::{null_reports, scale_of};
use integra_e2e::with_browser;

#[tokio::test(flavor = "multi_thread")]
async fn planted_schools_show_their_evidence() {
    let d = generate(&DemoParams::default());
    let imports = import_all(
        d.files
            .iter()
            .map(|f| (f.name.as_str(), f.bytes.as_slice())),
        &ImportOptions::default(),
        &Pseudonymizer::new([4; 16]),
    );
    let (ds, _) = merge(&imports.iter().collect::<Vec<_>>());
    let report = analyse(&ds, &Settings::default());
    let n = |st: Status| report.schools.iter().filter(|s| s.status == st).count();
    let (signs, attention) = (n(Status::Signs), n(Status::Attention));
    let scale = scale_of(&report, &null_reports(&ds, &Settings::default(), 1));
    let any_status = scale.rows[0].observed;
    let scale_rows = scale.rows.len();
    // One planted school per pattern whose targeted sign fired in the core (the browser must
    // show what the core found; recall itself is measured in the core's quality test).
    // (school, indicator, tests run on it, reasons of its status)
    let mut visits: Vec<(String, String, usize, usize)> = Vec::new();
    for (pattern, indicator) in [
        ("threshold_bunching", "bunching"),
        ("journal_mismatch", "concordance"),
        ("identical_vectors", "similarity"),
        ("difficulty_inversion", "inversion"),
        ("year_jump", "fluctuation"),
    ] {
        let school = d
            .planted
            .iter()
            .filter(|p| p.pattern == pattern)
            .find_map(|p| {
                let o = report.schools.iter().find(|s| s.school == p.school)?;
                o.signs
                    .iter()
                    .any(|s| serde_json::to_value(s.candidate.indicator).unwrap() == indicator)
                    .then(|| p.school.clone())
            });
        let school = school.unwrap_or_else(|| panic!("no planted {pattern} school with its sign"));
        let o = report.schools.iter().find(|s| s.school == school).unwrap();
        visits.push((
            school.clone(),
            indicator.to_string(),
            o.tests,
            o.reasons.len(),
        ));
    }

    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("#demo-button").await.click().await.unwrap();
        b.wait_js("the overview", "location.pathname === '/overview'").await;
        b.wait("#nav-objectivity").await.click().await.unwrap();
        b.wait_js("counts", &format!(
            "document.querySelector('[data-testid=obj-signs]')?.textContent === '{signs}' && document.querySelector('[data-testid=obj-attention]').textContent === '{attention}'"
        ))
        .await;
        // The scale: any status first, then the statuses and the indicators.
        b.wait_js("scale", &format!(
            "document.querySelectorAll('[data-testid=obj-scale-row]').length === {scale_rows} && document.querySelector('[data-testid=obj-scale-row] td:nth-child(2)').textContent.trim() === '{any_status}'"
        ))
        .await;
        assert!(b.text("[data-testid=obj-tests]").await.contains("Проверок"));
        for (school, indicator, tests, reasons) in &visits {
            b.js(&format!(
                "(Array.from(document.querySelectorAll('[data-testid=obj-table-row] a')).find(a => a.textContent === {school:?}).click(), true)"
            ))
            .await;
            b.wait("[data-testid=obj-school-title]").await;
            let card = format!("[data-testid=sign-card][data-indicator={indicator}]");
            b.wait(&card).await;
            b.wait(&format!("{card} canvas")).await;
            let sentence = b.text(&format!("{card} [data-testid=sign-sentence]")).await;
            assert!(!sentence.is_empty(), "{school} {indicator}");
            let value = b.text(&format!("{card} [data-testid=sign-value]")).await;
            assert!(!value.is_empty());
            let size = b.text(&format!("{card} [data-testid=sign-size]")).await;
            assert!(size.chars().any(|c| c.is_ascii_digit()), "{school} {indicator}: {size}");
            if indicator == "similarity" {
                b.wait(&format!("{card} [data-testid=sign-no-funnel]")).await;
            } else {
                b.wait(&format!("{card} [data-testid=sign-funnel] canvas")).await;
            }
            let t = b.text("[data-testid=obj-school-tests]").await;
            assert!(t.contains(&tests.to_string()), "{school}: {t}");
            let shown = b
                .js("document.querySelectorAll('[data-testid=obj-reasons] li').length")
                .await;
            assert_eq!(shown.as_u64(), Some(*reasons as u64), "{school}");
            b.js("(history.back(), true)").await;
            b.wait("[data-testid=obj-table]").await;
        }
        // Switching every indicator off leaves no status.
        b.js("(document.querySelector('[data-testid=obj-settings]').open = true, true)").await;
        b.js("(Array.from(document.querySelectorAll('[data-testid=obj-settings] .obj-checks:last-of-type input')).forEach(i => { i.checked = false; i.dispatchEvent(new Event('change')); }), true)").await;
        b.wait_js("no signs", "document.querySelector('[data-testid=obj-signs]').textContent === '0' && document.querySelector('[data-testid=obj-attention]').textContent === '0'").await;
        b.assert_no_errors().await;
    })
    .await;
}
