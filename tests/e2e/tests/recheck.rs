//! «Перепроверка работ» on the demo district: the plan's errors are shown; the sample holds
//! the works the core draws with the same plan (the latest year's procedures); the filled lists (made natively from the
//! generator's true scores, found by file and row) are read with the bad cell reported; every
//! school's verdict on the page is the core's for the same files (the schools planted with
//! inflated marking «не подтверждено», the others «подтверждено перепроверкой»), the school's
//! evidence says it too; analysing with the re-checked scores gives the statuses the core
//! predicts, and switching it off gives the original ones back.

mod recheck_lists;

use integra_core::lang::Lang;
use integra_core::objectivity::recheck::{self, Verdict};
use integra_core::objectivity::{analyse, ObjectivityReport, Settings, Status};
use integra_e2e::with_browser;
use std::time::Duration;

fn counts(r: &ObjectivityReport) -> (usize, usize) {
    let n = |st: Status| r.schools.iter().filter(|s| s.status == st).count();
    (n(Status::Signs), n(Status::Attention))
}

fn status_of(r: &ObjectivityReport, school: &str) -> String {
    let st = r
        .schools
        .iter()
        .find(|s| s.school == school)
        .map_or(Status::None, |s| s.status);
    serde_json::to_value(st)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_recheck_closes_the_loop() {
    let f = recheck_lists::filled_demo("recheck", true);
    let before = analyse(&f.ds, &Settings::default());
    let after = analyse(&recheck::apply(&f.ds, &f.scores), &Settings::default());
    let (counts_before, counts_after) = (counts(&before), counts(&after));
    // The core's verdicts for the same files: the planted inflation is not confirmed, every
    // other school is (the true scores are the re-check).
    let inflated = recheck_lists::inflated(&f);
    assert!(!inflated.is_empty());
    let verdicts: Vec<(String, String)> = f
        .report
        .schools
        .iter()
        .map(|s| (s.school.clone(), s.verdict.label(Lang::Ru).to_string()))
        .collect();
    for s in &f.report.schools {
        let want = if inflated.contains(s.school.as_str()) {
            Verdict::NotConfirmed
        } else {
            Verdict::Confirmed
        };
        assert_eq!(s.verdict, want, "{}", s.school);
    }
    let planted = f
        .report
        .schools
        .iter()
        .find(|s| s.verdict == Verdict::NotConfirmed)
        .map(|s| s.school.clone())
        .expect("a school not confirmed");
    let clean = f
        .report
        .schools
        .iter()
        .find(|s| s.verdict == Verdict::Confirmed)
        .map(|s| s.school.clone())
        .expect("a school confirmed");
    // Schools whose status the re-check changes (the test of the switch).
    let changed: Vec<(String, String, String)> = f
        .report
        .schools
        .iter()
        .map(|s| {
            let code = s.school.clone();
            (status_of(&before, &code), status_of(&after, &code), code)
        })
        .filter(|(b, a, _)| b != a)
        .map(|(b, a, c)| (c, b, a))
        .collect();
    assert!(
        !changed.is_empty() || counts_before != counts_after,
        "the re-check changes no status: the switch would not be tested"
    );
    let (used, rejected) = (f.scores.counts.used, f.scores.counts.rejected);
    assert_eq!((used, rejected), (f.works, 1));
    let paths = f.paths_arg();
    let works = f.works;
    println!(
        "{works} works, {} schools ({} not confirmed); statuses (signs, attention) {counts_before:?} → {counts_after:?}; {} schools change status",
        verdicts.len(),
        f.report.schools.iter().filter(|s| s.verdict == Verdict::NotConfirmed).count(),
        changed.len()
    );

    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("#demo-button").await.click().await.unwrap();
        b.wait_js("the overview", "location.pathname === '/overview'").await;
        b.wait("#nav-objectivity").await.click().await.unwrap();
        b.wait("[data-testid=recheck-section]").await;
        let set = |field: &str, v: &str| {
            format!("(() => {{ const i = document.querySelector('[data-testid=recheck-{field}]'); i.value = '{v}'; i.dispatchEvent(new Event('input', {{ bubbles: true }})); return true; }})()")
        };
        // Errors of the plan, in words.
        b.js(&set("works_per_unit", "abc")).await;
        b.wait("[data-testid=recheck-compose]").await.click().await.unwrap();
        let e = b.text("[data-testid=recheck-error]").await;
        assert!(e.contains("не целое число"), "{e}");
        b.js(&set("works_per_unit", "0")).await;
        b.js(&set("min_per_school", "0")).await;
        b.wait("[data-testid=recheck-compose]").await.click().await.unwrap();
        b.wait_js("the core's error", "document.querySelector('[data-testid=recheck-error]')?.textContent.includes('ни одна работа не будет выбрана')").await;
        b.js(&set("works_per_unit", "5")).await;
        b.js(&set("min_per_school", "10")).await;
        b.js(&set("schools", "нет-такой")).await;
        b.wait("[data-testid=recheck-compose]").await.click().await.unwrap();
        b.wait_js("unknown school", "document.querySelector('[data-testid=recheck-error]')?.textContent.includes('нет-такой')").await;
        b.js(&set("schools", "")).await;
        // The sample of the default plan: the core's works.
        b.wait("[data-testid=recheck-compose]").await.click().await.unwrap();
        b.wait_js("the sample", &format!(
            "!document.querySelector('[data-testid=recheck-error]') && document.querySelector('[data-testid=recheck-sample-line]')?.dataset.works === '{works}'"
        ))
        .await;
        let rows = b.js("document.querySelectorAll('[data-testid=recheck-sample-schools-row]').length").await;
        assert_eq!(rows.as_u64(), Some(verdicts.len() as u64));
        b.wait("[data-testid=recheck-download]").await;

        // The filled lists.
        b.wait("#recheck-file-input").await.send_keys(&paths).await.unwrap();
        b.wait_js_for("the lists read", &format!(
            "document.querySelector('[data-testid=recheck-counts]')?.dataset.used === '{used}' && document.querySelector('[data-testid=recheck-counts]').dataset.rejected === '1'"
        ), Duration::from_secs(60))
        .await;
        // The refused cell with its file, row and column.
        let issue = b.js("Array.from(document.querySelectorAll('[data-testid=recheck-section] [data-testid=issue-row]')).map(tr => Array.from(tr.querySelectorAll('td')).map(td => td.textContent)).find(c => c[0] === 'bad.csv')").await;
        let cells: Vec<String> = serde_json::from_value(issue).expect("an issue of bad.csv");
        assert_eq!(cells[1], "2", "{cells:?}");
        assert!(cells[2].starts_with("Задание "), "{cells:?}");
        assert!(cells[4].contains("впишите балл от 0 до"), "{cells:?}");

        // Every school's verdict is the core's.
        let shown = b.js("Array.from(document.querySelectorAll('[data-testid=recheck-agreement-schools-row]')).map(tr => { const td = tr.querySelectorAll('td'); return [td[0].textContent, td[1].textContent]; })").await;
        let shown: Vec<(String, String)> = serde_json::from_value(shown).unwrap();
        assert_eq!(shown, verdicts);
        let compared = b.js("document.querySelector('[data-testid=recheck-agreement-line]').dataset.works").await;
        assert_eq!(compared.as_str(), Some(used.to_string().as_str()));

        // The school's evidence says the verdict.
        for (school, value) in [(&planted, "not_confirmed"), (&clean, "confirmed")] {
            b.js(&format!(
                "(Array.from(document.querySelectorAll('[data-testid=recheck-agreement-schools-row] a')).find(a => a.textContent === {school:?}).click(), true)"
            ))
            .await;
            b.wait_js("the verdict on the school's page", &format!(
                "document.querySelector('[data-testid=obj-recheck]')?.dataset.value === '{value}'"
            ))
            .await;
            b.js("(history.back(), true)").await;
            b.wait("[data-testid=recheck-agreement-schools]").await;
        }

        // Analysing with the re-checked scores.
        let wait_counts = |c: (usize, usize)| format!(
            "document.querySelector('[data-testid=obj-signs]')?.textContent === '{}' && document.querySelector('[data-testid=obj-attention]').textContent === '{}'",
            c.0, c.1
        );
        b.wait_js("the counts before", &wait_counts(counts_before)).await;
        assert!(b.all("[data-testid=recheck-apply-on]").await.is_empty());
        b.wait("[data-testid=recheck-apply]").await.click().await.unwrap();
        b.wait("[data-testid=recheck-apply-on]").await;
        b.wait_js_for("the counts after", &wait_counts(counts_after), Duration::from_secs(120)).await;
        for (school, _, status) in changed.iter().take(3) {
            b.js(&format!(
                "(Array.from(document.querySelectorAll('[data-testid=recheck-agreement-schools-row] a')).find(a => a.textContent === {school:?}).click(), true)"
            ))
            .await;
            b.wait_js("the status with the re-check", &format!(
                "document.querySelector('[data-testid=obj-status]')?.dataset.value === '{status}'"
            ))
            .await;
            // The notice stays on every screen while the re-checked scores are analysed.
            b.wait("[data-testid=recheck-apply-on]").await;
            b.js("(history.back(), true)").await;
            b.wait("[data-testid=recheck-agreement-schools]").await;
        }
        b.wait("[data-testid=recheck-apply]").await.click().await.unwrap();
        b.wait_js_for("the counts back", &wait_counts(counts_before), Duration::from_secs(120)).await;
        assert!(b.all("[data-testid=recheck-apply-on]").await.is_empty());
        b.assert_no_errors().await;
    })
    .await;
}
