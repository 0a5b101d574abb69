//! The procedure drill-down on the demo district: district → school → class → pupil through
//! links, each level's figures checked against the core run natively on the same files, the
//! back button walking up again, sorting a table, and the print layout of a level.

use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_file, merge, ImportOptions, Pseudonymizer};
use integra_core::model::Dataset;
use integra_core::report::drill::{children, group_report, GroupReport, Scope};
use integra_e2e::{with_browser, Browser};

const ID: &str = "vpr-математика-5-2025";

fn demo_dataset() -> Dataset {
    let district = generate(&DemoParams::default());
    let pseudo = Pseudonymizer::new([3; 16]);
    let imports: Vec<_> = district
        .files
        .iter()
        .map(|f| import_file(&f.name, &f.bytes, &ImportOptions::default(), &pseudo))
        .collect();
    merge(&imports.iter().collect::<Vec<_>>()).0
}

async fn value(b: &Browser, testid: &str) -> String {
    b.wait(&format!("[data-testid={testid}]"))
        .await
        .attr("data-value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// The page's summary cards agree with the core's report of the same group.
async fn check_level(b: &Browser, g: &GroupReport, what: &str) {
    b.wait_js(
        what,
        &format!(
            "document.querySelector('[data-testid=g-participants]')?.dataset.value === '{}'",
            g.participants
        ),
    )
    .await;
    assert_eq!(
        value(b, "g-absent").await,
        g.absent.to_string(),
        "{what}: absent"
    );
    let m = g.metrics.as_ref().expect("the demo's groups have marks");
    for (id, want) in [
        ("g-success", m.success),
        ("g-quality", m.quality),
        ("g-mean", m.mean_mark),
        ("g-sou", m.sou),
        ("g-share2", m.share2),
    ] {
        let got: f64 = value(b, id).await.parse().unwrap();
        assert!((got - want).abs() < 1e-9, "{what}: {id} {got} vs {want}");
    }
    // Task success per task, as the task table shows it (data-value of the success column).
    let shown: Vec<f64> = serde_json::from_value(
        b.js("Array.from(document.querySelectorAll('[data-testid=task-table] tbody tr')).map(r => parseFloat(r.children[4].dataset.value))")
            .await,
    )
    .unwrap();
    let want: Vec<f64> = g.tasks.iter().map(|t| t.task.success.unwrap()).collect();
    assert_eq!(shown.len(), want.len(), "{what}: tasks");
    for (s, w) in shown.iter().zip(&want) {
        assert!((s - w).abs() < 1e-9, "{what}: task success {s} vs {w}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn district_school_class_pupil_and_back() {
    let ds = demo_dataset();
    let p = ds
        .procedures
        .iter()
        .find(|p| p.key.id() == ID)
        .expect("demo procedure");
    let district = group_report(&ds, p, &Scope::District, None);
    let schools = children(&ds, p, &Scope::District);
    // A school with a class of at least 10 (so every section has figures).
    let (school, class) = schools
        .iter()
        .find_map(|s| {
            let classes = children(&ds, p, &s.scope);
            classes
                .iter()
                .find(|c| c.participants >= 10 && c.metrics.is_some())
                .map(|c| (s.label.clone(), c.label.clone()))
        })
        .expect("a class of 10");
    let school_scope = Scope::School {
        school: school.clone(),
    };
    let class_scope = Scope::Class {
        school: school.clone(),
        class: class.clone(),
    };
    let school_report = group_report(&ds, p, &school_scope, None);
    let class_report = group_report(&ds, p, &class_scope, None);
    let n_classes = children(&ds, p, &school_scope).len();

    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("#demo-button").await.click().await.unwrap();
        b.wait_js("the overview", "location.pathname === '/overview'").await;
        b.js(&format!(
            "(() => {{ const s = document.querySelector('#procedure-select'); s.value = {ID:?}; s.dispatchEvent(new Event('change')); return true; }})()"
        ))
        .await;
        b.wait_js("the procedure link", &format!(
            "decodeURIComponent(document.querySelector('[data-testid=open-procedure]').getAttribute('href')) === '/procedure/{ID}'"
        ))
        .await;
        b.wait("[data-testid=open-procedure]").await.click().await.unwrap();

        // District.
        check_level(&b, &district, "district").await;
        b.wait("#chart-group-marks canvas").await;
        b.wait("#chart-histogram canvas").await;
        b.wait("#chart-tasks canvas").await;
        let alpha: f64 = value(&b, "alpha").await.parse().unwrap();
        let want = district.item_analysis.as_ref().unwrap().alpha.unwrap();
        assert!((alpha - want).abs() < 1e-9, "alpha {alpha} vs {want}");
        let lowered: f64 = value(&b, "c-lowered").await.parse().unwrap();
        assert!((lowered - district.concordance.as_ref().unwrap().lowered).abs() < 1e-9);
        b.wait_js("school rows", &format!(
            "document.querySelectorAll('[data-testid=schools-table-row]').length === {}", schools.len()
        ))
        .await;

        // Sorting the schools by participants (column 2), descending on the second click.
        b.wait("[data-testid=schools-table-sort-2]").await.click().await.unwrap();
        b.wait("[data-testid=schools-table-sort-2]").await.click().await.unwrap();
        let first: usize = b
            .js("parseInt(document.querySelector('[data-testid=schools-table-row] td:nth-child(3)').dataset.value)")
            .await
            .as_u64()
            .unwrap() as usize;
        assert_eq!(first, schools.iter().map(|s| s.participants).max().unwrap());

        // School: a link from the table.
        b.js(&format!(
            "(Array.from(document.querySelectorAll('[data-testid=schools-table-row] a')).find(a => a.textContent === {school:?}).click(), true)"
        ))
        .await;
        check_level(&b, &school_report, "school").await;
        // The district's figure rides beside the school's.
        let cards = b.text("[data-testid=group-metrics]").await;
        assert!(cards.contains("район"), "district beside the school: {cards}");
        b.wait_js("class rows", &format!(
            "document.querySelectorAll('[data-testid=classes-table-row]').length === {n_classes}"
        ))
        .await;

        // Class.
        b.js(&format!(
            "(Array.from(document.querySelectorAll('[data-testid=classes-table-row] a')).find(a => a.textContent === {class:?}).click(), true)"
        ))
        .await;
        check_level(&b, &class_report, "class").await;
        let pupils = b.all("[data-testid=pupils-table-row]").await.len();
        assert_eq!(pupils, class_report.participants + class_report.absent);
        let crumbs = b.text("[data-testid=breadcrumbs]").await;
        assert!(crumbs.contains(&school) && crumbs.contains(&class), "{crumbs}");

        // Pupil: the first pupil with a score; the sheet repeats the table's total and mark.
        let row: Vec<String> = serde_json::from_value(
            b.js("(() => { const r = Array.from(document.querySelectorAll('[data-testid=pupils-table-row]')).find(r => r.children[r.children.length - 3].dataset.value !== ''); const c = r.children; r.querySelector('a').click(); return [c[0].dataset.value, c[c.length - 3].dataset.value, c[c.length - 2].dataset.value]; })()")
                .await,
        )
        .unwrap();
        b.wait("[data-testid=sheet-pupil]").await;
        assert_eq!(b.text("[data-testid=sheet-pupil]").await, row[0]);
        assert_eq!(value(&b, "sheet-total").await.parse::<f64>().unwrap(), row[1].parse::<f64>().unwrap());
        assert_eq!(b.text("[data-testid=sheet-mark]").await, row[2]);
        // The class column of the sheet is the class's task success from the core.
        let class_col: Vec<f64> = serde_json::from_value(
            b.js("Array.from(document.querySelectorAll('[data-testid=sheet-table] tbody tr')).map(r => parseFloat(r.children[4].dataset.value))")
                .await,
        )
        .unwrap();
        for (got, t) in class_col.iter().zip(&class_report.tasks) {
            assert!((got - t.task.success.unwrap()).abs() < 1e-9);
        }

        // The back button walks up: class, school, district.
        for (what, g) in [("class", &class_report), ("school", &school_report), ("district", &district)] {
            b.js("(history.back(), true)").await;
            b.wait_js(what, &format!(
                "document.querySelector('[data-testid=g-participants]')?.dataset.value === '{}'",
                g.participants
            ))
            .await;
        }
        assert_eq!(
            b.js("decodeURIComponent(location.pathname)").await.as_str().unwrap(),
            format!("/procedure/{ID}")
        );

        // Print: navigation and buttons hide, the sections stay.
        b.emulate_media("print").await;
        b.wait_js("print styles", "getComputedStyle(document.querySelector('.app-header')).display === 'none'").await;
        assert_eq!(b.js("getComputedStyle(document.querySelector('[data-testid=print]')).display").await, "none");
        assert_ne!(b.js("getComputedStyle(document.querySelector('#tasks')).display").await, "none");
        b.emulate_media("").await;
        b.assert_no_errors().await;
    })
    .await;
}

/// Opens a procedure of the demo through the overview's selector and link.
async fn open_procedure(b: &Browser, id: &str) {
    b.js(&format!(
        "(() => {{ const s = document.querySelector('#procedure-select'); s.value = {id:?}; s.dispatchEvent(new Event('change')); return true; }})()"
    ))
    .await;
    b.wait_js("the procedure link", &format!(
        "decodeURIComponent(document.querySelector('[data-testid=open-procedure]').getAttribute('href')) === '/procedure/{id}'"
    ))
    .await;
    b.wait("[data-testid=open-procedure]")
        .await
        .click()
        .await
        .unwrap();
    b.wait("[data-testid=g-participants]").await;
}

/// Skills from the demo's task description, a typed mapping where there is none, trends after
/// confirming comparability, and a table exported as CSV with exactly the cells on screen.
#[tokio::test(flavor = "multi_thread")]
async fn skills_trends_and_export() {
    use integra_core::stats::{item_analysis, skill_success, trends::trends, ItemSample};
    let ds = demo_dataset();
    let p = ds.procedures.iter().find(|p| p.key.id() == ID).unwrap();
    let all: Vec<usize> = (0..p.results.len()).collect();
    let sample = ItemSample::choose(&p.results, &p.tasks, &all);
    let flagged: Vec<bool> = item_analysis(&p.results, &p.tasks, &all, sample)
        .items
        .iter()
        .map(|i| !i.flags.is_empty())
        .collect();
    let skills = skill_success(&p.results, &p.tasks, &all, &flagged);
    let trend = trends(&ds, &p.key);
    let other = "vpr-русский_язык-4-2025";
    assert!(ds.procedures.iter().any(|p| p.key.id() == other));

    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("#demo-button").await.click().await.unwrap();
        b.wait_js("the overview", "location.pathname === '/overview'").await;
        open_procedure(&b, ID).await;

        // Skills of the district, as the core computes them.
        b.wait_js("skill rows", &format!(
            "document.querySelectorAll('[data-testid=skills-table-row]').length === {}", skills.skills.len()
        ))
        .await;
        let shown: Vec<f64> = serde_json::from_value(
            b.js("Array.from(document.querySelectorAll('[data-testid=skills-table-row]')).map(r => parseFloat(r.children[3].dataset.value))").await,
        )
        .unwrap();
        for (s, want) in shown.iter().zip(&skills.skills) {
            assert!((s - want.success.unwrap()).abs() < 1e-9, "{}", want.skill);
        }
        b.wait("#chart-skills canvas").await;

        // Trends: nothing until the user confirms; then district and every school.
        assert!(b.all("[data-testid=trends-table]").await.is_empty());
        b.wait("[data-testid=trends-comparable]").await;
        b.wait("[data-testid=trends-confirm]").await.click().await.unwrap();
        b.wait_js("trend rows", &format!(
            "document.querySelectorAll('[data-testid=trends-table-row]').length === {}", 1 + trend.schools.len()
        ))
        .await;
        let change: f64 = b
            .js("parseFloat(document.querySelector('[data-testid=trends-table-row]').lastElementChild.dataset.value)")
            .await
            .as_f64()
            .unwrap();
        assert!((change - trend.district_change.as_ref().unwrap().success_pp).abs() < 1e-9);
        b.wait("#chart-trends canvas").await;

        // Export: capture the Blob the CSV button makes instead of downloading it.
        b.js("(() => { window.__blobs = []; URL.createObjectURL = (blob) => { window.__blobs.push(blob); return 'blob:x'; }; return true; })()").await;
        b.js("(document.querySelector('#tasks [data-testid=export-csv]').click(), true)").await;
        b.wait_js("a CSV blob", "window.__blobs.length === 1").await;
        let csv = b
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; window.__blobs[0].text().then(done);",
                vec![],
            )
            .await
            .unwrap();
        let csv = csv.as_str().unwrap().trim_start_matches('\u{feff}').to_string();
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("Задание;Уровень;"), "{}", lines[0]);
        assert_eq!(lines.len(), 1 + p_tasks(&ds), "header and one line per task");

        // A procedure without a task description: no skills until typed.
        b.wait("#nav-overview").await.click().await.unwrap();
        b.wait("#procedure-select").await;
        open_procedure(&b, other).await;
        b.wait("[data-testid=skills-none]").await;
        b.js("(document.querySelector('[data-testid=skill-map]').open = true, true)").await;
        let area = b.wait("[data-testid=skill-text]").await;
        area.send_keys("1-3: Орфография\n4: Пунктуация\nчепуха").await.unwrap();
        b.wait("[data-testid=skill-apply]").await.click().await.unwrap();
        b.wait_js("two typed skills", "document.querySelectorAll('[data-testid=skills-table-row]').length === 2").await;
        let errors = b.text("[data-testid=skills-errors]").await;
        assert!(errors.contains("Строка 3"), "{errors}");
        b.assert_no_errors().await;
    })
    .await;
}

fn p_tasks(ds: &Dataset) -> usize {
    ds.procedures
        .iter()
        .find(|p| p.key.id() == ID)
        .unwrap()
        .tasks
        .len()
}

/// «Отчёты»: choosing a school makes it a school report whose link opens the school level, and
/// «Все таблицы (XLSX)» produces one workbook (captured as a Blob) with a sheet per table.
#[tokio::test(flavor = "multi_thread")]
async fn reports_open_a_level_and_export_its_tables() {
    let ds = demo_dataset();
    let first = integra_core::report::overview(&ds).procedures[0].clone();
    let school = first.school_rows[0].code.clone();
    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("#demo-button").await.click().await.unwrap();
        b.wait_js("the overview", "location.pathname === '/overview'").await;
        b.wait("#nav-reports").await.click().await.unwrap();
        b.wait("[data-testid=report-procedure]").await;
        assert_eq!(b.text("[data-testid=report-level]").await, "Район");
        b.js(&format!(
            "(() => {{ const s = document.querySelector('[data-testid=report-school]'); s.value = {school:?}; s.dispatchEvent(new Event('change')); return true; }})()"
        ))
        .await;
        b.wait_js("school level", "document.querySelector('[data-testid=report-level]').textContent === 'Школа'").await;
        b.js("(() => { window.__blobs = []; URL.createObjectURL = (blob) => { window.__blobs.push(blob); return 'blob:x'; }; return true; })()").await;
        b.wait("[data-testid=report-xlsx]").await.click().await.unwrap();
        b.wait_js("an XLSX blob", "window.__blobs.length === 1").await;
        let (kind, size) = {
            let v = b.js("[window.__blobs[0].type, window.__blobs[0].size]").await;
            (v[0].as_str().unwrap().to_string(), v[1].as_u64().unwrap())
        };
        assert!(kind.contains("spreadsheetml"), "{kind}");
        assert!(size > 2000, "{size} bytes");
        b.wait("[data-testid=report-open]").await.click().await.unwrap();
        b.wait_js("the school view", &format!(
            "decodeURIComponent(location.pathname) === '/procedure/{}/school/{school}'",
            first.id
        ))
        .await;
        b.wait("[data-testid=classes-table]").await;
        b.assert_no_errors().await;
    })
    .await;
}
