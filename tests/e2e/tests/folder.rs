//! Whole folders of exports: a region's real ВПР folder chosen through «Выбрать папку» (every
//! table read with its relative path, the other files skipped and counted, progress shown,
//! every procedure listed with its skills), and a folder dropped on the drop zone together
//! with a plain file.
//!
//! How a folder reaches the page: ChromeDriver's send_keys on an `<input type=file
//! webkitdirectory>` takes a directory path and the page receives every file below it with its
//! `webkitRelativePath` (`altai_vpr/vpr_results/2020/4/Математика.xlsx`). A real drop is
//! driven through the DevTools protocol (`Input.dispatchDragEvent` with the paths as the drag
//! data's files), which gives the page real `FileSystemEntry`s to walk.

use integra_e2e::{temp_dir, with_browser, Browser};
use std::path::{Path, PathBuf};
use std::time::Duration;

const ALTAI: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/real/altai_vpr"
);

/// How long loading the region's 44 workbooks (38 MB) may take.
const LOAD_LIMIT: Duration = Duration::from_secs(900);

const TABLE_EXTENSIONS: [&str; 7] = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"];

fn is_table(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| TABLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        .unwrap_or(false)
}

/// Every file below `dir`, as paths relative to `dir`'s parent (`altai_vpr/…`), split into
/// tables and other files; sorted.
fn listing(dir: &Path) -> (Vec<String>, Vec<String>) {
    fn walk(d: &Path, rel: &str, tables: &mut Vec<String>, other: &mut Vec<String>) {
        for e in std::fs::read_dir(d).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().to_string();
            let r = format!("{rel}/{name}");
            if e.path().is_dir() {
                walk(&e.path(), &r, tables, other);
            } else if is_table(&e.path()) {
                tables.push(r);
            } else {
                other.push(r);
            }
        }
    }
    let (mut tables, mut other) = (Vec::new(), Vec::new());
    let top = dir.file_name().unwrap().to_string_lossy().to_string();
    walk(dir, &top, &mut tables, &mut other);
    tables.sort();
    other.sort();
    (tables, other)
}

async fn card_names(b: &Browser) -> Vec<String> {
    let mut names: Vec<String> = serde_json::from_value(
        b.js("Array.from(document.querySelectorAll('[data-testid=file-card]')).map(c => c.dataset.file)")
            .await,
    )
    .unwrap();
    names.sort();
    names
}

/// Waits until `n` files are loaded and nothing is loading any more.
async fn wait_loaded(b: &Browser, n: usize) {
    b.wait_js_for(
        &format!("{n} files loaded"),
        &format!(
            "document.querySelector('[data-testid=status]').dataset.files === '{n}' && !document.querySelector('[data-testid=busy]')"
        ),
        LOAD_LIMIT,
    )
    .await;
}

/// `vpr-математика-4-2021` → 4.
fn grade_of(id: &str) -> Option<u8> {
    id.rsplit('-').nth(1).and_then(|g| g.parse().ok())
}

#[tokio::test(flavor = "multi_thread")]
async fn region_folder_through_the_folder_picker() {
    let dir = PathBuf::from(ALTAI)
        .canonicalize()
        .expect("../shared/data/real/altai_vpr beside the checkout");
    let (tables, other) = listing(&dir);
    assert_eq!(
        tables.len(),
        44,
        "23 results files and 21 task descriptions"
    );
    with_browser(move |b| async move {
        b.open("/").await;
        let input = b.wait("#folder-input").await;
        assert!(
            input.attr("webkitdirectory").await.unwrap().is_some(),
            "the folder picker has webkitdirectory"
        );
        assert_eq!(b.text("[data-testid=drop-zone] label:nth-of-type(2)").await, "Выбрать папку…");
        // ChromeDriver sends a directory to a webkitdirectory input: the page gets every
        // file below it with its webkitRelativePath.
        input
            .send_keys(&dir.display().to_string())
            .await
            .expect("send the folder to the folder input");

        // Progress while the files are read and imported.
        let progress = b
            .wait_js_for(
                "progress of the load",
                "(() => { const e = document.querySelector('[data-testid=busy]'); const t = e ? e.textContent : ''; return /(Чтение|Разбор) файлов: \\d+ из 44…/.test(t) ? t : ''; })()",
                Duration::from_secs(120),
            )
            .await;
        eprintln!("progress seen: {progress}");
        let t0 = std::time::Instant::now();
        wait_loaded(&b, tables.len()).await;
        eprintln!("folder loaded in {:.1} s", t0.elapsed().as_secs_f64());

        // Every table with its path from the chosen folder; the other files counted.
        assert_eq!(card_names(&b).await, tables);
        let skipped = b.wait("[data-testid=skipped]").await;
        assert_eq!(
            skipped.attr("data-value").await.unwrap(),
            Some(other.len().to_string())
        );
        let text = skipped.text().await.unwrap();
        assert!(text.contains("README.md"), "{text}");
        // Each card shows its folder and its base name.
        let paths = b.all("[data-testid=file-card] [data-testid=fc-path]").await;
        assert_eq!(paths.len(), tables.len(), "every card shows its folder");
        let first = b
            .text(&format!(
                "[data-testid=file-card][data-file=\"{}\"] [data-testid=fc-name]",
                tables[0]
            ))
            .await;
        assert_eq!(Some(first.as_str()), tables[0].rsplit('/').next());
        b.assert_no_errors().await;

        // «Обзор района»: the 23 procedures of the 23 results files.
        b.wait("#nav-overview").await.click().await.unwrap();
        b.wait("#procedure-select").await;
        let ids: Vec<String> = serde_json::from_value(
            b.js("Array.from(document.querySelectorAll('#procedure-select option')).map(o => o.value)")
                .await,
        )
        .unwrap();
        let count = b
            .wait("[data-testid=ov-procedures]")
            .await
            .attr("data-value")
            .await
            .unwrap();
        assert_eq!(count, Some(ids.len().to_string()));
        assert_eq!(ids.len(), 23, "procedures listed: {ids:#?}");

        // 2022 names the schools `edu…`, 2020 and 2021 `sch…`: one school each, until the
        // user says they are different schools.
        let joined: usize = b
            .wait("[data-testid=ov-schools]")
            .await
            .attr("data-value")
            .await
            .unwrap()
            .unwrap()
            .parse()
            .unwrap();
        b.wait("#nav-data").await.click().await.unwrap();
        b.wait("[data-testid=join-logins]").await.click().await.unwrap();
        b.wait("#nav-overview").await.click().await.unwrap();
        let apart = b
            .wait_js_for(
                "schools counted apart",
                &format!("(() => {{ const e = document.querySelector('[data-testid=ov-schools]'); const n = e ? +e.getAttribute('data-value') : 0; return n > {joined} ? n : 0; }})()"),
                Duration::from_secs(60),
            )
            .await;
        assert!(apart.as_u64().unwrap_or(0) as usize > joined, "{joined} schools joined, {apart} apart");
        b.wait("#nav-data").await.click().await.unwrap();
        b.wait("[data-testid=join-logins]").await.click().await.unwrap();
        b.wait("#nav-overview").await.click().await.unwrap();

        // Skills from the task descriptions for every procedure of grades 4 and 5.
        let young: Vec<&String> = ids
            .iter()
            .filter(|id| matches!(grade_of(id), Some(4 | 5)))
            .collect();
        assert!(
            young.iter().any(|id| grade_of(id) == Some(4))
                && young.iter().any(|id| grade_of(id) == Some(5)),
            "procedures of grades 4 and 5: {ids:#?}"
        );
        for id in young {
            b.wait("#nav-overview").await.click().await.unwrap();
            b.wait("#procedure-select").await;
            b.js(&format!(
                "(() => {{ const s = document.querySelector('#procedure-select'); s.value = {id:?}; s.dispatchEvent(new Event('change')); return true; }})()"
            ))
            .await;
            b.wait_js(
                "the procedure link",
                &format!(
                    "decodeURIComponent(document.querySelector('[data-testid=open-procedure]').getAttribute('href')) === '/procedure/{id}'"
                ),
            )
            .await;
            b.wait("[data-testid=open-procedure]")
                .await
                .click()
                .await
                .unwrap();
            let rows = b
                .wait_js_for(
                    &format!("skills of {id}"),
                    "document.querySelector('[data-testid=skills-none]') ? -1 : document.querySelectorAll('[data-testid=skills-table-row]').length",
                    Duration::from_secs(60),
                )
                .await;
            assert!(
                rows.as_i64().unwrap_or(0) > 0,
                "{id} has no skills from its task description"
            );
        }
        b.assert_no_errors().await;
    })
    .await;
}

/// A small district folder of the demo's CSVs in subfolders, with a note that is not a table.
fn mini_folder(root: &Path) -> (PathBuf, Vec<String>, PathBuf) {
    let district = integra_core::demo::generate(&Default::default());
    let csvs: Vec<_> = district
        .files
        .iter()
        .filter(|f| f.name.ends_with(".csv") && !f.name.contains("Контекст"))
        .take(3)
        .collect();
    let top = root.join("выгрузка района");
    let a = top.join("2025").join("4");
    let b = top.join("прочее");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(a.join(&csvs[0].name), &csvs[0].bytes).unwrap();
    std::fs::write(b.join(&csvs[1].name), &csvs[1].bytes).unwrap();
    std::fs::write(top.join("заметки.md"), "не таблица").unwrap();
    let plain = root.join(&csvs[2].name);
    std::fs::write(&plain, &csvs[2].bytes).unwrap();
    let mut names = vec![
        format!("выгрузка района/2025/4/{}", csvs[0].name),
        format!("выгрузка района/прочее/{}", csvs[1].name),
        csvs[2].name.clone(),
    ];
    names.sort();
    (top, names, plain)
}

#[tokio::test(flavor = "multi_thread")]
async fn folder_and_file_dropped_together() {
    let root = temp_dir("drop");
    let (top, names, plain) = mini_folder(&root);
    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("#drop-zone").await;
        let at = b
            .js("(() => { const r = document.querySelector('#drop-zone').getBoundingClientRect(); return [r.x + r.width / 2, r.y + 20]; })()")
            .await;
        let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
        let data = serde_json::json!({
            "items": [],
            "files": [top.display().to_string(), plain.display().to_string()],
            "dragOperationsMask": 1,
        });
        for kind in ["dragEnter", "dragOver", "drop"] {
            b.cdp(
                "Input.dispatchDragEvent",
                serde_json::json!({ "type": kind, "x": x, "y": y, "data": data }),
            )
            .await;
        }
        wait_loaded(&b, 3).await;
        assert_eq!(card_names(&b).await, names, "folder files with their paths, the plain file by its name");
        assert_eq!(
            b.wait("[data-testid=skipped]").await.attr("data-value").await.unwrap(),
            Some("1".into())
        );
        let plain_name = plain.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            b.all(&format!("[data-testid=file-card][data-file=\"{plain_name}\"] [data-testid=fc-path]"))
                .await
                .is_empty(),
            "a plain file shows no folder"
        );
        b.assert_no_errors().await;

        // The same folder chosen again through the picker replaces its files (same paths).
        b.js("(document.querySelectorAll('[data-testid=file-card]').forEach(c => c.dataset.old = '1'), true)")
            .await;
        b.wait("#folder-input")
            .await
            .send_keys(&top.display().to_string())
            .await
            .expect("send the folder to the folder input");
        b.wait_js_for(
            "the folder's two files replaced",
            "document.querySelectorAll('[data-testid=file-card][data-old]').length === 1 && !document.querySelector('[data-testid=busy]')",
            LOAD_LIMIT,
        )
        .await;
        assert_eq!(card_names(&b).await, names);
        b.assert_no_errors().await;
    })
    .await;
}

/// A workbook of two sheets (the 2022 protocol: «Классы» first, «Протокол» second): the card
/// says what was chosen and why, and «Уточнить» reads the other sheet at once, keeping the
/// other answers.
#[tokio::test(flavor = "multi_thread")]
async fn another_sheet_keeps_the_other_answers() {
    let file = PathBuf::from(ALTAI)
        .join("vpr_results/2022/10/География.xlsx")
        .canonicalize()
        .expect("the 2022 protocol of the altai_vpr folder");
    with_browser(move |b| async move {
        b.open("/").await;
        b.wait("#file-input")
            .await
            .send_keys(&file.display().to_string())
            .await
            .unwrap();
        wait_loaded(&b, 1).await;
        let card = "[data-testid=file-card][data-file=\"География.xlsx\"]";
        b.wait(card).await;
        assert!(
            b.all(&format!("{card} [data-testid=fc-path]"))
                .await
                .is_empty(),
            "a plain file shows no folder"
        );
        // What was chosen and why (in Russian, then in English).
        let choices = b.all(&format!("{card} [data-testid=fc-choice]")).await;
        assert!(!choices.is_empty(), "the card lists the importer's choices");
        let title = b.text(&format!("{card} [data-testid=fc-choices] .fc-label")).await;
        assert_eq!(title, "Что выбрано и почему:");
        let format_before = b.text(&format!("{card} [data-testid=fc-format]")).await;

        // «Уточнить»: a year typed and applied, then the other sheet chosen.
        b.js(&format!(
            "(document.querySelector('{card} [data-testid=needs-form]').open = true, true)"
        ))
        .await;
        let options: Vec<String> = serde_json::from_value(
            b.js(&format!(
                "Array.from(document.querySelectorAll('{card} [data-testid=nf-sheet] option')).map(o => o.value)"
            ))
            .await,
        )
        .unwrap();
        assert_eq!(options, ["", "Классы", "Протокол"], "auto and both sheets");
        let year = b.wait(&format!("{card} [data-testid=nf-year]")).await;
        year.send_keys("2023").await.unwrap();
        b.wait(&format!("{card} [data-testid=nf-apply]"))
            .await
            .click()
            .await
            .unwrap();
        b.wait_js(
            "the year applied",
            &format!(
                "(document.querySelector('{card} [data-testid=fc-procedure]') || {{textContent: ''}}).textContent.includes('2023')"
            ),
        )
        .await;
        b.js(&format!(
            "(document.querySelector('{card} [data-testid=needs-form]').open = true, true)"
        ))
        .await;
        b.js(&format!(
            "(() => {{ const s = document.querySelector('{card} [data-testid=nf-sheet]'); s.value = 'Классы'; s.dispatchEvent(new Event('change')); return true; }})()"
        ))
        .await;
        b.wait_js(
            "the other sheet read",
            &format!(
                "document.querySelector('{card} [data-testid=fc-format]').textContent !== {format_before:?}"
            ),
        )
        .await;
        let format_after = b.text(&format!("{card} [data-testid=fc-format]")).await;
        assert!(format_after.contains("Классы"), "{format_after}");
        assert_eq!(
            b.js(&format!(
                "document.querySelector('{card} [data-testid=nf-year]').value"
            ))
            .await,
            "2023",
            "the typed year is kept"
        );
        assert_eq!(
            b.js(&format!(
                "document.querySelector('{card} [data-testid=nf-sheet]').value"
            ))
            .await,
            "Классы"
        );
        // Back to the importer's own choice.
        b.js(&format!(
            "(() => {{ const s = document.querySelector('{card} [data-testid=nf-sheet]'); s.value = ''; s.dispatchEvent(new Event('change')); return true; }})()"
        ))
        .await;
        b.wait_js(
            "the chosen sheet read again",
            &format!(
                "document.querySelector('{card} [data-testid=fc-format]').textContent === {format_before:?}"
            ),
        )
        .await;
        // The English switch translates the choices' title.
        b.wait("[data-testid=lang-en]").await.click().await.unwrap();
        b.wait_js(
            "English choices",
            &format!(
                "document.querySelector('{card} [data-testid=fc-choices] .fc-label').textContent === 'What was chosen and why:'"
            ),
        )
        .await;
        b.assert_no_errors().await;
    })
    .await;
}
