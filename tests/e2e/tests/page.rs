//! The first screen: «Данные» with the drop zone, the file picker, the demo button and the
//! privacy promise; routes; the language switch changes every text.

use integra_e2e::{with_browser, Browser};

async fn body_text(b: &Browser) -> String {
    b.js("document.body.innerText")
        .await
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn data_page_opens_with_drop_zone_demo_and_privacy() {
    with_browser(|b| async move {
        b.open("/").await;
        assert_eq!(b.text("h1").await, "Данные");
        let nav = b.text("#nav-data").await;
        assert_eq!(nav, "Данные");
        assert!(b
            .wait("#nav-data")
            .await
            .attr("class")
            .await
            .unwrap()
            .unwrap_or_default()
            .contains("active"));
        b.wait("#drop-zone").await;
        let input = b.wait("#file-input").await;
        assert_eq!(input.attr("type").await.unwrap().as_deref(), Some("file"));
        assert!(
            input.attr("multiple").await.unwrap().is_some(),
            "the picker takes several files"
        );
        assert_eq!(
            b.text("#demo-button").await,
            "Открыть демонстрационный район"
        );
        let privacy = b.text("[data-testid=privacy]").await;
        assert!(
            privacy.contains(
                "Данные не покидают ваш компьютер: файлы обрабатываются прямо в браузере"
            ),
            "privacy promise: {privacy}"
        );
        // ECharts is served by the app itself, never from a CDN.
        let scripts = b
            .js("Array.from(document.scripts).map(s => s.src).filter(s => s)")
            .await;
        for s in scripts.as_array().unwrap() {
            assert!(
                s.as_str().unwrap().starts_with(&b.base),
                "script from elsewhere: {s}"
            );
        }
        assert_eq!(b.js("typeof window.echarts").await, "object");
        b.assert_no_errors().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn routes_are_real_urls() {
    with_browser(|b| async move {
        b.open("/overview").await;
        assert_eq!(b.text("h1").await, "Обзор района");
        b.wait("[data-testid=overview-empty]").await;
        assert!(b
            .wait("#nav-overview")
            .await
            .attr("class")
            .await
            .unwrap()
            .unwrap_or_default()
            .contains("active"));
        // Navigation inside the app changes the URL.
        b.wait("#nav-data").await.click().await.unwrap();
        b.wait_js(
            "the data page",
            "location.pathname === '/data' && document.querySelector('#drop-zone')",
        )
        .await;
        b.open("/no/such/page").await;
        b.wait("[data-testid=not-found]").await;
        b.assert_no_errors().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn language_switch_changes_every_text() {
    with_browser(|b| async move {
        b.open("/").await;
        b.wait("#lang-en").await.click().await.unwrap();
        b.wait_js(
            "English texts",
            "document.querySelector('#nav-data').innerText === 'Data'",
        )
        .await;
        assert_eq!(b.text("#nav-overview").await, "District overview");
        assert_eq!(b.text("#demo-button").await, "Open the demo district");
        assert_eq!(b.text("h1").await, "Data");
        assert!(b
            .text("[data-testid=privacy]")
            .await
            .contains("never leaves this computer"));
        assert_eq!(b.js("document.documentElement.lang").await, "en");
        // No Russian text is left on the page except the name of the other language.
        let text = body_text(&b).await.replace("Русский", "");
        let cyr: String = text
            .chars()
            .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c))
            .collect();
        assert!(
            cyr.is_empty(),
            "Russian text left in English mode: {cyr:?}\n{text}"
        );
        // The choice survives a reload; switching back restores Russian.
        b.open("/").await;
        b.wait_js(
            "English after reload",
            "document.querySelector('#nav-data').innerText === 'Data'",
        )
        .await;
        b.wait("#lang-ru").await.click().await.unwrap();
        b.wait_js(
            "Russian texts",
            "document.querySelector('#nav-data').innerText === 'Данные'",
        )
        .await;
        assert_eq!(
            b.text("#demo-button").await,
            "Открыть демонстрационный район"
        );
        b.assert_no_errors().await;
    })
    .await;
}
