//! Screenshots for docs/screenshots (not a check): `cargo test -p integra-e2e --test
//! screenshots -- --ignored`. Needs dist/ like every other browser test.

mod recheck_lists;

use integra_e2e::{with_browser, Browser};
use std::path::{Path, PathBuf};

fn out(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots");
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

async fn shot(b: &Browser, name: &str) {
    // Let layout and the chart settle (animation is off; this is only a frame or two).
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let png = b.client.screenshot().await.expect("screenshot");
    std::fs::write(out(name), png).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with --ignored"]
async fn take_screenshots() {
    let dir = integra_e2e::temp_dir("shots");
    let district = integra_core::demo::generate(&Default::default());
    let f = district
        .files
        .iter()
        .find(|f| f.name.ends_with(".csv") && !f.name.contains("Контекст"))
        .unwrap();
    let csv = dir.join(&f.name);
    std::fs::write(&csv, &f.bytes).unwrap();
    let xlsx = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/real/vpr_protocol_form/base_form.xlsx"
    ))
    .canonicalize()
    .unwrap();
    let junk = dir.join("повреждённый.xlsx");
    std::fs::write(&junk, b"PK\x03\x04 not really a spreadsheet").unwrap();

    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("#demo-button").await;
        shot(&b, "data-empty.png").await;

        let list = [&junk, &csv, &xlsx]
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("\n");
        b.wait("#file-input").await.send_keys(&list).await.unwrap();
        b.wait_js(
            "cards",
            "document.querySelectorAll('[data-testid=file-card]').length === 3",
        )
        .await;
        b.js("(document.querySelector('.status-line').scrollIntoView(), true)")
            .await;
        shot(&b, "data-files.png").await;

        b.wait("[data-testid=clear-all]")
            .await
            .click()
            .await
            .unwrap();
        b.wait("#demo-button").await.click().await.unwrap();
        b.wait("#chart-marks canvas").await;
        shot(&b, "overview.png").await;
        b.js("(document.querySelector('#chart-marks').scrollIntoView(), true)")
            .await;
        shot(&b, "overview-table.png").await;

        b.wait("#lang-en").await.click().await.unwrap();
        b.js("(window.scrollTo(0, 0), true)").await;
        shot(&b, "overview-en.png").await;
        b.wait("#lang-ru").await.click().await.unwrap();

        // The drill-down of ВПР Математика 5 2025: district, a school, a class, a pupil.
        b.js("(() => { const s = document.querySelector('#procedure-select'); s.value = 'vpr-математика-5-2025'; s.dispatchEvent(new Event('change')); return true; })()").await;
        b.wait_js("procedure link", "decodeURIComponent(document.querySelector('[data-testid=open-procedure]').getAttribute('href')).endsWith('5-2025')").await;
        b.wait("[data-testid=open-procedure]").await.click().await.unwrap();
        b.wait("#chart-tasks canvas").await;
        b.js("(window.scrollTo(0, 0), true)").await;
        shot(&b, "procedure-district.png").await;
        b.wait("#lang-en").await.click().await.unwrap();
        b.js("(document.querySelector('#tasks').scrollIntoView(), true)").await;
        shot(&b, "procedure-tasks-en.png").await;
        b.wait("#lang-ru").await.click().await.unwrap();
        for (section, name) in [
            ("#histogram", "procedure-histogram.png"),
            ("#tasks", "procedure-tasks.png"),
            ("#mark-groups", "procedure-mark-groups.png"),
            ("#concordance", "procedure-concordance.png"),
            ("#items", "procedure-items.png"),
            ("#skills", "procedure-skills.png"),
            ("#below", "procedure-schools.png"),
        ] {
            b.js(&format!("(document.querySelector('{section}').scrollIntoView(), true)")).await;
            shot(&b, name).await;
        }
        b.wait("[data-testid=trends-confirm]").await.click().await.unwrap();
        b.wait("#chart-trends canvas").await;
        b.js("(document.querySelector('#trends').scrollIntoView(), true)").await;
        shot(&b, "procedure-trends.png").await;
        b.js("(document.querySelector('[data-testid=schools-table-row] a').click(), true)").await;
        b.wait("[data-testid=classes-table]").await;
        b.js("(window.scrollTo(0, 0), true)").await;
        shot(&b, "procedure-school.png").await;
        b.js("(document.querySelector('[data-testid=classes-table-row] a').click(), true)").await;
        b.wait("[data-testid=pupils-table]").await;
        b.js("(document.querySelector('#below').scrollIntoView(), true)").await;
        shot(&b, "procedure-class.png").await;
        b.js("(document.querySelector('[data-testid=pupils-table-row] a').click(), true)").await;
        b.wait("[data-testid=sheet-table]").await;
        b.js("(window.scrollTo(0, 0), true)").await;
        shot(&b, "pupil-sheet.png").await;
        b.emulate_media("print").await;
        shot(&b, "pupil-sheet-print.png").await;
        b.js("(history.back(), history.back(), true)").await;
        b.wait("[data-testid=classes-table]").await;
        b.js("(window.scrollTo(0, 0), true)").await;
        shot(&b, "procedure-school-print.png").await;
        b.emulate_media("").await;

        b.wait("#nav-objectivity").await.click().await.unwrap();
        b.wait("[data-testid=obj-table]").await;
        b.js("(window.scrollTo(0, 0), true)").await;
        shot(&b, "objectivity.png").await;
        b.js("(document.querySelector('[data-testid=obj-settings]').open = true, document.querySelector('[data-testid=obj-settings]').scrollIntoView(), true)").await;
        shot(&b, "objectivity-settings.png").await;
        b.wait("[data-testid=obj-scale-row]").await;
        b.js("(document.querySelector('[data-testid=obj-settings]').open = false, document.querySelector('[data-testid=obj-scale]').scrollIntoView(), window.scrollBy(0, -80), true)").await;
        shot(&b, "objectivity-scale.png").await;
        b.js("(document.querySelector('[data-testid=obj-table-row] a').click(), true)").await;
        b.wait("[data-testid=sign-card] canvas").await;
        b.js("(window.scrollTo(0, 0), true)").await;
        shot(&b, "objectivity-school.png").await;
        b.js("(window.scrollTo(0, 700), true)").await;
        shot(&b, "objectivity-school-2.png").await;
        b.js("(document.querySelector('[data-testid=sign-funnel]')?.scrollIntoView(), window.scrollBy(0, -120), true)").await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        shot(&b, "objectivity-funnel.png").await;

        b.wait("#nav-reports").await.click().await.unwrap();
        b.wait("[data-testid=report-procedure]").await;
        shot(&b, "reports.png").await;
    })
    .await;
}

/// «Данные» with the region's folder loaded, and one file card with its path, its choices and
/// the sheet selector of «Уточнить» (docs/screenshots/data-folder.png, file-card-choices.png).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with --ignored"]
async fn folder_screenshots() {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/real/altai_vpr"
    ))
    .canonicalize()
    .unwrap();
    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("#folder-input")
            .await
            .send_keys(&dir.display().to_string())
            .await
            .unwrap();
        b.wait_js_for(
            "the folder loaded",
            "document.querySelector('[data-testid=status]').dataset.files === '44' && !document.querySelector('[data-testid=busy]')",
            std::time::Duration::from_secs(900),
        )
        .await;
        b.js("(window.scrollTo(0, 0), true)").await;
        shot(&b, "data-folder.png").await;

        let card = "[data-testid=file-card][data-file=\"altai_vpr/vpr_results/2022/11/Физика.xlsx\"]";
        b.js(&format!(
            "(() => {{ const c = document.querySelector('{card}'); c.querySelector('[data-testid=needs-form]').open = true; c.querySelector('[data-testid=import-report]').open = false; c.scrollIntoView(); return true; }})()"
        ))
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        let png = b.wait(card).await.screenshot().await.expect("card screenshot");
        std::fs::write(out("file-card-choices.png"), png).unwrap();

        // A 2020 system export: maxima and № КИМ from the official description beside it.
        let card = "[data-testid=file-card][data-file=\"altai_vpr/vpr_results/2020/4/Математика.xlsx\"]";
        b.js(&format!(
            "(() => {{ const c = document.querySelector('{card}'); c.querySelector('[data-testid=import-report]').open = true; c.scrollIntoView(); return true; }})()"
        ))
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        let png = b.wait(card).await.screenshot().await.expect("card screenshot");
        std::fs::write(out("file-card-2020.png"), png).unwrap();

        // The merge report with its choice about logins.
        b.js("(() => { const m = document.querySelector('.merge-report'); m.querySelector('details').open = true; m.scrollIntoView(); return true; })()")
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        let png = b.wait(".merge-report").await.screenshot().await.expect("merge report screenshot");
        std::fs::write(out("merge-report.png"), png).unwrap();

        // «Объективность» on the region: the counts, the scale against the shuffled region, and
        // the first school with a status.
        b.wait("#nav-objectivity").await.click().await.unwrap();
        b.wait_js_for(
            "the scale",
            "document.querySelectorAll('[data-testid=obj-scale-row]').length > 0",
            std::time::Duration::from_secs(300),
        )
        .await;
        b.js("(window.scrollTo(0, 0), true)").await;
        shot(&b, "objectivity-region.png").await;
        b.js("(document.querySelector('[data-testid=obj-scale]').scrollIntoView(), window.scrollBy(0, -80), true)").await;
        shot(&b, "objectivity-region-scale.png").await;
        b.js("(document.querySelector('[data-testid=obj-table-row] a').click(), true)").await;
        b.wait("[data-testid=sign-card] canvas").await;
        b.js("(window.scrollTo(0, 0), true)").await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        shot(&b, "objectivity-region-school.png").await;
        b.js("(document.querySelector('[data-testid=sign-funnel]')?.scrollIntoView(), window.scrollBy(0, -120), true)").await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        shot(&b, "objectivity-region-funnel.png").await;
    })
    .await;
}

/// «Перепроверка работ» on the demo: the plan with the sample, and the agreement of the lists
/// filled with the generator's true scores, and a school's evidence with its verdict
/// (docs/screenshots/recheck-plan.png, recheck-agreement.png, recheck-school.png).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with --ignored"]
async fn recheck_screenshots() {
    let f = recheck_lists::filled_demo("recheck-shots", false);
    let paths = f.paths_arg();
    let planted = f
        .report
        .schools
        .iter()
        .find(|s| s.verdict == integra_core::objectivity::recheck::Verdict::NotConfirmed)
        .map(|s| s.school.clone())
        .unwrap_or_default();
    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("#demo-button").await.click().await.unwrap();
        b.wait_js("the overview", "location.pathname === '/overview'").await;
        b.wait("#nav-objectivity").await.click().await.unwrap();
        b.wait("[data-testid=recheck-compose]").await.click().await.unwrap();
        b.wait("[data-testid=recheck-sample-schools-row]").await;
        b.js("(document.querySelector('#recheck').scrollIntoView(), true)").await;
        shot(&b, "recheck-plan.png").await;
        b.wait("#recheck-file-input").await.send_keys(&paths).await.unwrap();
        b.wait("[data-testid=recheck-agreement-schools-row]").await;
        b.js("(document.querySelector('[data-testid=recheck-counts]').scrollIntoView(), window.scrollBy(0, -20), true)").await;
        shot(&b, "recheck-agreement.png").await;
        b.js(&format!(
            "(Array.from(document.querySelectorAll('[data-testid=recheck-agreement-schools-row] a')).find(a => a.textContent === {planted:?}).click(), true)"
        ))
        .await;
        b.wait("[data-testid=obj-recheck]").await;
        b.js("(window.scrollTo(0, 0), true)").await;
        shot(&b, "recheck-school.png").await;
    })
    .await;
}
