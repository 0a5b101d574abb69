//! Uploading files through the file input: a CSV and the real XLSX protocol form are
//! summarised exactly as the core reads them; a broken file gets an error card while the
//! other files stay loaded; the «Уточнить» form re-imports a file at once.

use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_file, FileSummary, ImportOptions, Pseudonymizer, TableKind};
use integra_e2e::{temp_dir, with_browser, Browser};
use std::path::PathBuf;

const REAL_XLSX: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/real/vpr_protocol_form/base_form.xlsx"
);

fn native(path: &PathBuf) -> FileSummary {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    import_file(
        &name,
        &bytes,
        &ImportOptions::default(),
        &Pseudonymizer::new([1; 16]),
    )
    .summary
}

fn card(name: &str) -> String {
    format!("[data-testid=file-card][data-file=\"{name}\"]")
}

async fn value(b: &Browser, card_css: &str, testid: &str) -> Option<String> {
    let css = format!("{card_css} [data-testid={testid}]");
    match b.all(&css).await.into_iter().next() {
        Some(e) => e.attr("data-value").await.unwrap(),
        None => None,
    }
}

/// Checks a file card against the core's summary of the same bytes.
async fn check_card(b: &Browser, s: &FileSummary) {
    let c = card(&s.file);
    b.wait(&c).await;
    let table = b.wait(&c).await.attr("data-table").await.unwrap().unwrap();
    let expected_table = match s.table {
        TableKind::PupilResults => "pupil_results",
        TableKind::SchoolResults => "school_results",
        TableKind::SchoolContext => "school_context",
        TableKind::TaskInfo => "task_info",
        TableKind::Reference => "reference",
        TableKind::Refused => "refused",
    };
    assert_eq!(table, expected_table, "{}", s.file);
    assert_eq!(
        value(b, &c, "fc-rows").await,
        Some(s.rows.to_string()),
        "rows of {}",
        s.file
    );
    assert_eq!(
        value(b, &c, "fc-schools").await,
        Some(s.schools.to_string()),
        "schools of {}",
        s.file
    );
    if s.table == TableKind::PupilResults {
        assert_eq!(
            value(b, &c, "fc-participants").await,
            Some(s.participants.to_string()),
            "participants of {}",
            s.file
        );
        assert_eq!(
            value(b, &c, "fc-absent").await,
            Some(s.absent.to_string()),
            "absent of {}",
            s.file
        );
        assert_eq!(
            value(b, &c, "fc-tasks").await,
            Some(s.tasks.len().to_string()),
            "tasks of {}",
            s.file
        );
        if let Some(k) = &s.procedure {
            let el = b.wait(&format!("{c} [data-testid=fc-procedure]")).await;
            assert_eq!(
                el.attr("data-kind").await.unwrap().as_deref(),
                Some(k.kind.code())
            );
            let text = el.text().await.unwrap();
            assert!(
                text.contains(&k.subject),
                "procedure {text} lacks {}",
                k.subject
            );
            if let Some(g) = k.grade {
                assert!(
                    text.contains(&format!("{g} кл.")),
                    "procedure {text} lacks grade {g}"
                );
            }
            if let Some(y) = k.year {
                assert!(
                    text.contains(&y.to_string()),
                    "procedure {text} lacks year {y}"
                );
            }
        }
    }
    let issues: usize = b
        .wait(&format!("{c} [data-testid=import-report]"))
        .await
        .attr("data-count")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(issues, s.issues.len(), "issues of {}", s.file);
}

fn demo_csv(dir: &std::path::Path, index: usize) -> PathBuf {
    let district = generate(&DemoParams::default());
    let f = district
        .files
        .iter()
        .filter(|f| f.name.ends_with(".csv") && !f.name.contains("Контекст"))
        .nth(index)
        .expect("demo pupil CSV");
    let p = dir.join(&f.name);
    std::fs::write(&p, &f.bytes).unwrap();
    p
}

async fn upload(b: &Browser, paths: &[&PathBuf]) {
    let list = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    b.wait("#file-input")
        .await
        .send_keys(&list)
        .await
        .expect("send files to the input");
}

#[tokio::test(flavor = "multi_thread")]
async fn csv_and_real_xlsx_are_summarised_like_the_core() {
    let dir = temp_dir("upload");
    let csv = demo_csv(&dir, 0);
    let xlsx = PathBuf::from(REAL_XLSX)
        .canonicalize()
        .expect("the real XLSX protocol form");
    let s_csv = native(&csv);
    let s_xlsx = native(&xlsx);
    assert_eq!(s_csv.table, TableKind::PupilResults);

    with_browser(move |b| async move {
        b.open("/").await;
        upload(&b, &[&csv, &xlsx]).await;
        b.wait_js(
            "two file cards",
            "document.querySelectorAll('[data-testid=file-card]').length === 2",
        )
        .await;
        check_card(&b, &s_csv).await;
        check_card(&b, &s_xlsx).await;
        // The scale and its source are shown.
        let c = card(&s_csv.file);
        let src = b
            .wait(&format!("{c} [data-testid=fc-scale]"))
            .await
            .attr("data-source")
            .await
            .unwrap()
            .unwrap();
        let want = s_csv
            .scale
            .map(|s| format!("{:?}", s.source).to_lowercase())
            .unwrap_or_else(|| "missing".into());
        assert_eq!(src, want);

        // «Уточнить»: typed thresholds re-import the file at once; the source becomes «user».
        b.js(&format!(
            "document.querySelector('{} [data-testid=needs-form]').open = true",
            c.replace('\'', "\\'")
        ))
        .await;
        for (id, v) in [("nf-mark3", "5"), ("nf-mark4", "9"), ("nf-mark5", "13")] {
            let el = b.wait(&format!("{c} [data-testid={id}]")).await;
            el.send_keys(v).await.unwrap();
        }
        b.wait(&format!("{c} [data-testid=nf-apply]"))
            .await
            .click()
            .await
            .unwrap();
        b.wait_js(
            "the user scale",
            &format!(
                "document.querySelector('{} [data-testid=fc-scale]').dataset.source === 'user'",
                c.replace('\'', "\\'")
            ),
        )
        .await;
        // The overview follows.
        b.wait("#nav-overview").await.click().await.unwrap();
        b.wait("[data-testid=ov-procedures]").await;
        b.wait("#chart-marks canvas").await;
        b.assert_no_errors().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn broken_file_gets_an_error_card_and_others_stay_loaded() {
    let dir = temp_dir("broken");
    let good = demo_csv(&dir, 1);
    let junk = dir.join("broken.xlsx");
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend((0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    std::fs::write(&junk, &bytes).unwrap();
    let s_good = native(&good);
    let s_junk = native(&junk);
    assert_eq!(s_junk.table, TableKind::Refused);

    with_browser(move |b| async move {
        b.open("/").await;
        upload(&b, &[&junk, &good]).await;
        b.wait_js(
            "two file cards",
            "document.querySelectorAll('[data-testid=file-card]').length === 2",
        )
        .await;
        let jc = card("broken.xlsx");
        b.wait(&format!("{jc}[data-table=refused] [data-testid=fc-error]"))
            .await;
        let msg = b.text(&format!("{jc} [data-testid=fc-error]")).await;
        assert!(msg.contains("Файл не загружен"), "error card: {msg}");
        check_card(&b, &s_good).await;
        // The error is listed in the import report with its message.
        let report = b.text(&format!("{jc} [data-testid=import-report]")).await;
        assert!(report.contains("ошибка"), "report: {report}");
        // Removing the broken file keeps the good one.
        b.wait(&format!("{jc} [data-testid=fc-remove]"))
            .await
            .click()
            .await
            .unwrap();
        b.wait_js(
            "one file card",
            "document.querySelectorAll('[data-testid=file-card]').length === 1",
        )
        .await;
        check_card(&b, &s_good).await;
        // The error messages follow the language.
        b.wait("#lang-en").await.click().await.unwrap();
        b.wait_js(
            "English",
            "document.querySelector('#nav-data').innerText === 'Data'",
        )
        .await;
        b.assert_no_errors().await;
    })
    .await;
}
