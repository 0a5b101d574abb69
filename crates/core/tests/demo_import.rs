//! Every demo file goes through the real importer: pupil files become pupil results with the
//! right procedure, tasks, scale and row counts; the context file becomes a context table;
//! the reference and task-description files become what they are (details in
//! ingest_reference.rs and ingest_task_info.rs).

use integra_core::demo::{catalogue, context_file_name, generate, DemoParams};
use integra_core::ingest::{
    import_file, ImportOptions, ImportedData, Pseudonymizer, Severity, TableKind,
};

#[test]
fn every_demo_file_imports_as_what_it_is() {
    let params = DemoParams::default();
    let district = generate(&params);
    let cat = catalogue(&params);
    let pseudo = Pseudonymizer::new([3; 16]);
    for file in &district.files {
        let imp = import_file(&file.name, &file.bytes, &ImportOptions::default(), &pseudo);
        let sum = &imp.summary;
        let errors: Vec<_> = sum
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.name);
        if file.name.starts_with("Выполнение_заданий_") {
            assert_eq!(sum.table, TableKind::Reference, "{}", file.name);
            assert_eq!(sum.rows, 2, "{}: Russia and the city", file.name);
            continue;
        }
        if file.name.starts_with("Описание_заданий_") {
            assert_eq!(sum.table, TableKind::TaskInfo, "{}", file.name);
            continue;
        }
        let text = std::str::from_utf8(&file.bytes).unwrap();
        // Pupil files: a row of task levels, the header, then the pupils; the context file:
        // the header, then the schools.
        let above = if text.starts_with("уровень сложности") {
            2
        } else {
            1
        };
        let data_rows = text.lines().count() - above;
        assert_eq!(sum.rows, data_rows, "{}: rows", file.name);

        if file.name == context_file_name(&params) {
            assert_eq!(sum.table, TableKind::SchoolContext, "{}", file.name);
            let ImportedData::Schools {
                table,
                school_codes,
                school_names,
            } = &imp.data
            else {
                panic!("{}: not a school table", file.name)
            };
            assert_eq!(table.school.len(), params.schools);
            assert!(school_codes.iter().all(|c| c.starts_with("sch78")));
            assert!(school_names
                .iter()
                .all(|n| n.as_deref().is_some_and(|n| n.starts_with("ГБОУ"))));
            assert!(
                table
                    .columns
                    .iter()
                    .filter(|c| c.name.starts_with("доля"))
                    .count()
                    >= 6
            );
            continue;
        }

        let entry = cat
            .iter()
            .find(|c| c.file == file.name)
            .expect("file in the catalogue");
        assert_eq!(sum.table, TableKind::PupilResults, "{}", file.name);
        let key = sum.procedure.as_ref().expect("procedure inferred");
        assert_eq!(key, &entry.key, "{}: procedure", file.name);
        assert!(
            sum.needs.is_empty(),
            "{}: asks for {:?}",
            file.name,
            sum.needs
        );
        let absent = text
            .lines()
            .filter(|l| l.contains(";отсутствовал;"))
            .count();
        assert_eq!(sum.absent, absent, "{}: absent", file.name);
        assert_eq!(
            sum.participants,
            data_rows - absent,
            "{}: participants",
            file.name
        );
        assert_eq!(sum.schools, params.schools, "{}: schools", file.name);
        assert_eq!(sum.tasks.len(), entry.tasks.len(), "{}: tasks", file.name);
        for (got, want) in sum.tasks.iter().zip(&entry.tasks) {
            assert_eq!(
                (got.label.as_str(), got.max),
                (want.label.as_str(), want.max),
                "{}",
                file.name
            );
            assert_eq!(
                got.level, want.level,
                "{}: level of {}",
                file.name, got.label
            );
            assert!(
                got.max_source.is_file(),
                "{}: max of {} not read from the header",
                file.name,
                got.label
            );
        }
        let scale = sum.scale.expect("scale inferred from score and mark pairs");
        assert_eq!(
            (scale.mark3, scale.mark4, scale.mark5),
            (entry.scale.mark3, entry.scale.mark4, entry.scale.mark5),
            "{}: scale",
            file.name
        );
        let ImportedData::Pupils { procedure, .. } = &imp.data else {
            panic!("{}: no pupil data", file.name)
        };
        let res = &procedure.results;
        assert_eq!(res.len(), data_rows);
        // Pupil codes are pseudonymised, journal marks and `X` cells are read.
        assert!(
            res.pupil.iter().all(|p| !p.contains('-')),
            "{}: codes kept",
            file.name
        );
        assert!(res.journal.iter().any(|j| j.is_none()) && res.journal.iter().any(|j| j.is_some()));
        assert!(res.not_done.iter().any(|x| *x), "{}: no X read", file.name);
        // The first pupil is on line 3 of the file (after the levels row and the header).
        assert_eq!(
            res.source_row.first(),
            Some(&3),
            "{}: first data line",
            file.name
        );
        for i in 0..res.len() {
            if res.absent[i] {
                continue;
            }
            let sum: f64 = res
                .row(i, entry.tasks.len())
                .iter()
                .map(|&s| s as f64)
                .sum();
            assert_eq!(
                res.total[i],
                Some(sum),
                "{}: row {}",
                file.name,
                res.source_row[i]
            );
            assert_eq!(
                res.mark[i],
                Some(scale.mark(sum)),
                "{}: row {}",
                file.name,
                res.source_row[i]
            );
        }
    }
}

/// Issue rows are the file's lines as a user sees them: line 1 is the row of task levels,
/// line 2 the header, pupils from line 3.
#[test]
fn issue_rows_point_at_file_lines() {
    let params = DemoParams::default();
    let district = generate(&params);
    let cat = catalogue(&params);
    let pseudo = Pseudonymizer::new([3; 16]);
    let lead = 6; // columns before the task scores
    for entry in cat.iter().take(3) {
        let file = district
            .files
            .iter()
            .find(|f| f.name == entry.file)
            .unwrap();
        let text = std::str::from_utf8(&file.bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].starts_with("уровень сложности"),
            "{}: line 1",
            file.name
        );
        assert!(
            lines[1].starts_with("логин школы;"),
            "{}: line 2",
            file.name
        );

        // The «not attempted» note points at the first line with an X (1-based).
        let first_x = 1 + lines
            .iter()
            .position(|l| l.split(';').skip(lead).any(|c| c == "X"))
            .expect("an X in the file");
        let imp = import_file(&file.name, &file.bytes, &ImportOptions::default(), &pseudo);
        let nd = imp
            .summary
            .issues
            .iter()
            .find(|i| i.message_en.contains("not attempted"))
            .expect("not-done note");
        assert_eq!(nd.row, Some(first_x as u32), "{}: X note row", file.name);

        // Break the first task score of the first present pupil and of a later one.
        let present: Vec<usize> = (2..lines.len())
            .filter(|&i| !lines[i].contains(";отсутствовал;"))
            .collect();
        let (a, b) = (present[0], present[present.len() / 2]);
        let mut edited: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        for (i, bad) in [(a, "abc"), (b, "-1")] {
            let mut cells: Vec<&str> = lines[i].split(';').collect();
            cells[lead] = bad;
            edited[i] = cells.join(";");
        }
        let bytes = (edited.join("\n") + "\n").into_bytes();
        let imp = import_file(&file.name, &bytes, &ImportOptions::default(), &pseudo);
        let issues = &imp.summary.issues;
        let header = format!("балл за {} ({}б)", entry.tasks[0].label, entry.tasks[0].max);
        let text_score = issues
            .iter()
            .find(|i| i.message_en.contains("Not a number in a task score"))
            .expect("text score warning");
        assert_eq!(
            (text_score.row, text_score.column.as_deref()),
            (Some(a as u32 + 1), Some(header.as_str())),
            "{}: text score row",
            file.name
        );
        let negative = issues
            .iter()
            .find(|i| i.message_en.contains("Negative score"))
            .expect("negative score warning");
        assert_eq!(
            negative.row,
            Some(b as u32 + 1),
            "{}: negative score row",
            file.name
        );
        // Every warning is about one of the two edited lines.
        for i in issues.iter().filter(|i| i.severity == Severity::Warning) {
            assert!(
                i.row == Some(a as u32 + 1) || i.row == Some(b as u32 + 1),
                "{}: warning on another line: {i:?}",
                file.name
            );
        }
        // Imported rows carry their file lines.
        let ImportedData::Pupils { procedure, .. } = &imp.data else {
            panic!("{}: no pupil data", file.name)
        };
        let rows = &procedure.results.source_row;
        assert_eq!(rows.len(), lines.len() - 2, "{}: rows", file.name);
        assert!(
            rows.iter().enumerate().all(|(i, &r)| r == i as u32 + 3),
            "{}: source rows",
            file.name
        );
    }
}
