//! The analysis worker: the first screen loads no analytics, the page answers input within
//! 100 ms while a large file is imported, and a cancel stops the load and keeps the files
//! loaded before.

use integra_e2e::{temp_dir, with_browser, Browser};
use std::path::PathBuf;
use std::time::Duration;

/// A ВПР-shaped CSV of `rows` pupils (unique codes, 200 schools, scores varying by row): large
/// enough that importing it takes seconds in the browser.
fn large_csv(rows: usize) -> PathBuf {
    let dir = temp_dir("worker");
    let path = dir.join("ВПР_2025_Математика_6_большой.csv");
    let mut s = String::with_capacity(rows * 60);
    s.push_str("логин школы;класс;код обучающегося;вариант");
    for t in 1..=10 {
        s.push_str(&format!(";балл за {t} (2б)"));
    }
    s.push_str(";отметка\n");
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..rows {
        let school = 780_101 + (i % 200);
        s.push_str(&format!(
            "sch{school};6{};{school}-{i:06};{}",
            ["А", "Б"][i % 2],
            1 + i % 2
        ));
        let mut total = 0;
        for _ in 0..10 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = x % 3;
            total += v;
            s.push_str(&format!(";{v}"));
        }
        let mark = match total {
            0..=5 => 2,
            6..=10 => 3,
            11..=15 => 4,
            _ => 5,
        };
        s.push_str(&format!(";{mark}\n"));
    }
    std::fs::write(&path, s).unwrap();
    path
}

async fn upload(b: &Browser, path: &PathBuf) {
    b.wait("#file-input")
        .await
        .send_keys(&path.display().to_string())
        .await
        .expect("send the file to the input");
}

/// Waits until the load is importing the large file (the worker is busy with it).
async fn wait_importing(b: &Browser) {
    b.wait_js_for(
        "the large file being imported",
        "(() => { const p = document.querySelector('[data-testid=progress]'); \
         return p && p.dataset.phase === 'importing' && p.textContent.includes('большой'); })()",
        Duration::from_secs(60),
    )
    .await;
}

fn phase_js() -> &'static str {
    "(document.querySelector('[data-testid=progress]') || {dataset: {}}).dataset.phase || ''"
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_screen_loads_no_analytics_and_input_stays_responsive_during_an_import() {
    let big = large_csv(600_000);
    with_browser(move |b| async move {
        b.open("/").await;
        let loaded = b
            .js("performance.getEntriesByType('resource').map(e => e.name).join(' ')")
            .await;
        let loaded = loaded.as_str().unwrap_or_default().to_string();
        assert!(loaded.contains("integra_bg.wasm"), "{loaded}");
        assert!(
            !loaded.contains("integra_worker"),
            "the worker's bundle is loaded before any file: {loaded}"
        );
        // A probe input recording each keystroke's delay (handler time − the event's time).
        b.js("(() => { const i = document.createElement('input'); i.id = 'probe'; \
              window.__delays = []; \
              i.addEventListener('keydown', e => window.__delays.push(performance.now() - e.timeStamp)); \
              document.body.prepend(i); return true; })()")
            .await;
        upload(&b, &big).await;
        wait_importing(&b).await;
        let probe = b.wait("#probe").await;
        let mut during = Vec::new();
        for k in 0..40 {
            if b.js(phase_js()).await.as_str() != Some("importing") {
                break;
            }
            probe.send_keys("x").await.unwrap();
            let still = b.js(phase_js()).await.as_str() == Some("importing");
            let delay = b.js("window.__delays[window.__delays.length - 1]").await;
            if still {
                during.push(delay.as_f64().unwrap_or(f64::INFINITY));
            }
            let value = b.js("document.getElementById('probe').value.length").await;
            assert_eq!(value.as_u64(), Some(k + 1), "every keystroke reached the input");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(
            during.len() >= 3,
            "the import was too short to type during it: {during:?}"
        );
        let worst = during.iter().cloned().fold(0.0, f64::max);
        assert!(worst < 100.0, "input delays during the import (ms): {during:?}");
        b.wait_js_for(
            "the large file loaded",
            "!document.querySelector('[data-testid=busy]') && \
             document.querySelectorAll('[data-testid=file-card]').length === 1",
            Duration::from_secs(120),
        )
        .await;
        // The worker fetches its own wasm in its own timeline; the page sees only the boot script.
        let loaded = b
            .js("performance.getEntriesByType('resource').map(e => e.name).join(' ')")
            .await;
        let loaded = loaded.as_str().unwrap_or_default();
        assert!(!loaded.contains("integra_worker_bg.wasm"), "{loaded}");
        b.assert_no_errors().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn cancel_stops_a_long_import_and_keeps_the_files_loaded_before() {
    let big = large_csv(600_000);
    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("[data-testid=demo-button]").await.click().await.unwrap();
        b.wait_js_for(
            "the demo on the overview",
            "location.pathname === '/overview' && !!document.querySelector('[data-testid=ov-procedures]')",
            Duration::from_secs(60),
        )
        .await;
        b.wait("[data-testid=nav-data]").await.click().await.unwrap();
        let before = b
            .wait_js("the demo's cards", "document.querySelectorAll('[data-testid=file-card]').length")
            .await
            .as_u64()
            .unwrap();
        assert!(before >= 10, "{before}");
        upload(&b, &big).await;
        wait_importing(&b).await;
        b.wait("[data-testid=cancel-load]").await.click().await.unwrap();
        b.wait_js_for(
            "the load stopped",
            "!document.querySelector('[data-testid=busy]')",
            Duration::from_secs(120),
        )
        .await;
        let after = b
            .js("document.querySelectorAll('[data-testid=file-card]').length")
            .await
            .as_u64()
            .unwrap();
        assert_eq!(after, before, "the cancelled file is not kept, the demo's files are");
        let names = b.js("document.getElementById('file-list').textContent").await;
        assert!(!names.as_str().unwrap_or_default().contains("большой"));
        assert!(b.all("[data-testid=load-failed]").await.is_empty());
        // The restarted worker holds the demo: the overview lists its procedures again.
        b.wait("[data-testid=go-overview]").await.click().await.unwrap();
        b.wait_js(
            "the overview after the cancel",
            "location.pathname === '/overview' && document.body.textContent.includes('Математика')",
        )
        .await;
        b.assert_no_errors().await;
    })
    .await;
}
