//! Shapes nobody showed the importer, generated here (not copied from real files): English
//! snake_case headers, a merged «Выполнение заданий» group header over task labels with a
//! «Макс. балл» row, a class list before the protocol, a school table of percentages, an
//! official description on several rows per task with its codifiers, and one school under two
//! logins. Each is decided by the table's structure, and the file card says why.

use integra_core::ingest::{
    import_file, merge, ChoiceTopic, ColumnRole, FileImport, ImportOptions, Pseudonymizer,
    TableKind,
};
use integra_core::model::MaxSource;
use rust_xlsxwriter::{Format, Workbook};

fn run(name: &str, bytes: &[u8]) -> FileImport {
    import_file(
        name,
        bytes,
        &ImportOptions::default(),
        &Pseudonymizer::new([3; 16]),
    )
}

/// A CSV of `schools` × `pupils` rows with the given header and a row function.
fn csv(header: &str, rows: impl Iterator<Item = String>) -> Vec<u8> {
    let mut s = format!("{header}\n");
    for r in rows {
        s.push_str(&r);
        s.push('\n');
    }
    s.into_bytes()
}

#[test]
fn english_snake_case_headers_are_a_pupil_table_of_many_schools() {
    let rows = (0..60).map(|i| {
        let school = 100 + i / 20;
        let (a, b, c) = (i % 2, i % 3 % 2, (i / 2) % 3);
        format!(
            "sch{school},S{i},5{},{},{},{a},{b},{c},{},m",
            (b'a' + (i % 2) as u8) as char,
            3 + i % 3,
            a + b + c,
            i % 2 + 1
        )
    });
    let bytes = csv(
        "school_code,student_id,class,journal_mark,primary_score,task_1,task_2,task_3,variant,sex",
        rows,
    );
    let imp = run("generated/english.csv", &bytes);
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults);
    assert_eq!((s.participants, s.schools), (60, 3));
    assert_eq!(s.tasks.len(), 3);
    let role = |h: &str| &s.columns.iter().find(|c| c.header == h).unwrap().role;
    assert_eq!(*role("school_code"), ColumnRole::School);
    assert_eq!(*role("student_id"), ColumnRole::PupilCode);
    assert_eq!(*role("journal_mark"), ColumnRole::Journal);
    assert_eq!(*role("primary_score"), ColumnRole::Total);
    // The journal mark is never the mark of the work.
    assert!(!s.columns.iter().any(|c| c.role == ColumnRole::Mark));
    let kind = s
        .choices
        .iter()
        .find(|c| c.topic == ChoiceTopic::Kind)
        .unwrap();
    assert!(
        kind.en.contains("school key \"school_code\""),
        "{}",
        kind.en
    );
}

/// One sheet written cell by cell; numbers as numbers.
fn write(ws: &mut rust_xlsxwriter::Worksheet, r: u32, row: &[&str]) {
    for (c, v) in row.iter().enumerate() {
        if v.is_empty() {
            continue;
        }
        match v.parse::<f64>() {
            Ok(x) => ws.write_number(r, c as u16, x).unwrap(),
            Err(_) => ws.write_string(r, c as u16, *v).unwrap(),
        };
    }
}

#[test]
fn a_merged_group_header_over_task_labels_with_a_maxima_row() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    // «Код» and a group header merged over the four task columns: two filled cells only.
    ws.write_string(0, 0, "Код").unwrap();
    ws.merge_range(0, 1, 0, 4, "Выполнение заданий", &Format::new())
        .unwrap();
    write(ws, 1, &["", "1", "2", "3", "4"]);
    write(ws, 2, &["Макс. балл", "1", "2", "2", "3"]);
    for i in 0..12 {
        let id = format!("{}", 1000 + i);
        let s = |k: u32, m: u32| format!("{}", (i + k) % (m + 1));
        write(ws, 3 + i, &[&id, &s(0, 1), &s(1, 2), &s(2, 2), &s(3, 3)]);
    }
    let bytes = wb.save_to_buffer().unwrap();
    let imp = run("ВПР 2024 Математика 5 класс.xlsx", &bytes);
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults, "{:?}", s.issues);
    assert_eq!(
        s.tasks
            .iter()
            .map(|t| (t.label.as_str(), t.max))
            .collect::<Vec<_>>(),
        vec![("1", 1), ("2", 2), ("3", 2), ("4", 3)]
    );
    assert!(s.tasks.iter().all(|t| t.max_source == MaxSource::File));
    assert_eq!(s.participants, 12);
}

#[test]
fn the_protocol_sheet_is_chosen_over_the_class_list_before_it() {
    let mut wb = Workbook::new();
    let list = wb.add_worksheet();
    list.set_name("Классы").unwrap();
    write(list, 0, &["Пользователь", "Школа", "Буква класса"]);
    for i in 0..30 {
        write(
            list,
            1 + i,
            &[&format!("edu{}", 220000 + i), "МБОУ СОШ", "А"],
        );
    }
    let prot = wb.add_worksheet();
    prot.set_name("Протокол").unwrap();
    write(
        prot,
        0,
        &[
            "Пользователь",
            "Код",
            "Вариант",
            "1 (1б)",
            "2 (2б)",
            "3(1) (1б)",
            "Наименование класса",
            "Итого баллов",
        ],
    );
    for i in 0..40 {
        let a = i % 2;
        let b = i % 3;
        write(
            prot,
            1 + i,
            &[
                &format!("edu{}", 220000 + i / 10),
                &format!("{}", 1000 + i),
                "1",
                &a.to_string(),
                &b.to_string(),
                "1",
                "11",
                &(a + b + 1).to_string(),
            ],
        );
    }
    let bytes = wb.save_to_buffer().unwrap();
    let imp = run("2022/11/Химия.xlsx", &bytes);
    let s = &imp.summary;
    assert!(s.format_detail.contains("Протокол"), "{}", s.format_detail);
    assert_eq!(s.sheets, vec!["Классы".to_string(), "Протокол".to_string()]);
    assert_eq!(s.table, TableKind::PupilResults);
    assert_eq!((s.participants, s.schools, s.tasks.len()), (40, 4, 3));
    assert_eq!(s.tasks[2].label, "3.1");
    let key = s.procedure.as_ref().unwrap();
    assert_eq!(
        (key.year, key.grade, key.subject.as_str()),
        (Some(2022), Some(11), "Химия")
    );
    let sheet = s
        .choices
        .iter()
        .find(|c| c.topic == ChoiceTopic::Sheet)
        .unwrap();
    assert!(sheet.ru.contains("«Классы»"), "{}", sheet.ru);
    // The user can take the other sheet.
    let opts = ImportOptions {
        sheet: Some("Классы".into()),
        ..ImportOptions::default()
    };
    let other = import_file(
        "2022/11/Химия.xlsx",
        &bytes,
        &opts,
        &Pseudonymizer::new([3; 16]),
    );
    assert_ne!(other.summary.table, TableKind::PupilResults);
}

#[test]
fn a_school_table_of_percentages_with_task_like_headers_stays_a_school_table() {
    let rows = (0..40).map(|i| {
        format!(
            "{},Школа {i},{},{},{}",
            5000 + i,
            40 + i % 20,
            30 + i % 7,
            55 - i % 9
        )
    });
    let bytes = csv("URN,SCHNAME,1,2,3", rows);
    let imp = run("ks2_like.csv", &bytes);
    assert_eq!(imp.summary.table, TableKind::SchoolResults);
}

#[test]
fn an_official_description_on_several_rows_with_codifiers_gives_maxima_and_skills() {
    // Results without maxima: 2021 «Проведение работы» layout, 3 tasks.
    let rows = (0..600).map(|i| {
        let (a, b, c) = (i % 2, i % 3, (i / 3) % 2);
        // Row 7 holds a data error: 9 points in a 2-point task.
        let b = if i == 7 { 9 } else { b };
        format!(
            "sch{},{},{i},4,{},1,{a},{b},{c}",
            224000 + i / 30,
            5 + i % 2,
            a + b + c
        )
    });
    let results = csv(
        "логин школы;номер обучающегося;код обучающегося;отметка за предыдущую четверть/триместр;всего баллов;вариант;балл за 1;балл за 2;балл за 3"
            .replace(';', ",")
            .as_str(),
        rows,
    );
    let all = csv(
        "№ КИМ,№,Умения,Уровень сложности,Код КЭС,Код КТ,Максимальный балл",
        [
            "1,1,Счёт,Б,1,1.1,1",
            "2.1,2,Задачи,Б,2,2.1,2",
            "2.1,2,Задачи,Б,3,2.2,2",
            "2.2,3,Чтение таблиц,П,4,3.1,1",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let kt = csv(
        "Код,Проверяемые требования к уровню подготовки",
        [
            "1.1,Выполнять действия",
            "2.1,Решать задачи",
            "3.1,Читать таблицы",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let imports = [
        run(
            "vpr/2021/4/Проведение работы по математике, 4 класс. ВПР 2021.csv",
            &results,
        ),
        run("Описание_работ/4/Математика/ALL.csv", &all),
        run("Описание_работ/4/Математика/KT.csv", &kt),
    ];
    assert_eq!(imports[1].summary.table, TableKind::TaskInfo);
    assert_eq!(
        imports[1].summary.tasks.len(),
        3,
        "three tasks on four rows"
    );
    assert_eq!(imports[2].summary.table, TableKind::TaskInfo);
    let (ds, _) = merge(&imports.iter().collect::<Vec<_>>());
    assert_eq!(ds.procedures.len(), 1);
    let p = &ds.procedures[0];
    let got: Vec<(u8, MaxSource)> = p.tasks.iter().map(|t| (t.max, t.max_source)).collect();
    assert_eq!(
        got,
        vec![
            (1, MaxSource::Description),
            (2, MaxSource::Description),
            (1, MaxSource::Description)
        ]
    );
    assert_eq!(p.tasks[1].kim.as_deref(), Some("2.1"));
    // The requirement codes resolve through KT into the skills.
    assert_eq!(p.tasks[1].skill.as_deref(), Some("Решать задачи"));
    assert_eq!(p.tasks[2].skill.as_deref(), Some("Читать таблицы"));
    // The 9 in a 2-point task is a data error, not the maximum.
    assert_eq!(p.errors.above_max, 1);
    assert_eq!(
        p.scale.map(|s| s.mark3),
        Some(6.0),
        "the published 2021 scale"
    );
}

#[test]
fn one_school_under_two_logins() {
    let file = |prefix: &str, year: u16| {
        let rows = (0..10).map(move |i| format!("{prefix}224052,{i},1,{},{}", i % 2, i % 2));
        (
            format!("ВПР {year} Математика 4 класс.csv"),
            csv(
                "логин школы,код обучающегося,вариант,балл за 1,всего баллов",
                rows,
            ),
        )
    };
    let (n1, b1) = file("sch", 2021);
    let (n2, b2) = file("edu", 2022);
    let imports = [run(&n1, &b1), run(&n2, &b2)];
    let (ds, issues) = merge(&imports.iter().collect::<Vec<_>>());
    assert_eq!(ds.schools.len(), 1);
    assert!(issues
        .iter()
        .any(|i| i.message_en.contains("edu224052 = sch224052")));
    // The user says they are different schools.
    let opts = integra_core::ingest::MergeOptions {
        join_login_prefixes: false,
    };
    let (ds, _) = integra_core::ingest::merge_with(&imports.iter().collect::<Vec<_>>(), &opts);
    assert_eq!(ds.schools.len(), 2);
}

#[test]
fn the_federal_individual_results_form_f1() {
    let mut rows: Vec<Vec<String>> = vec![
        vec!["ВПР 2023 Математика 5 класс".into()],
        vec!["МБОУ «СОШ № 3» (edu224052) | Кол-во участников: 12".into()],
        ["", "", "Б", "Б", "П", "", ""]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        [
            "№",
            "Класс",
            "1 (1б)",
            "2 (2б)",
            "3 (2б)",
            "Первичный балл",
            "Отметка",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    ];
    for i in 0..11u32 {
        let (a, b, c) = (i % 2, i % 3, (i / 2) % 3);
        let t = a + b + c;
        let mark = if t >= 4 { 4 } else { 3 };
        rows.push(vec![
            (i + 1).to_string(),
            "5А".into(),
            a.to_string(),
            b.to_string(),
            c.to_string(),
            t.to_string(),
            mark.to_string(),
        ]);
    }
    let text: String = rows.iter().map(|r| r.join(";") + "\n").collect();
    let imp = run("f1.csv", text.as_bytes());
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults);
    let key = s.procedure.as_ref().unwrap();
    assert_eq!(
        (key.year, key.grade, key.subject.as_str()),
        (Some(2023), Some(5), "Математика")
    );
    assert_eq!(
        s.tasks.iter().map(|t| t.max).collect::<Vec<_>>(),
        vec![1, 2, 2]
    );
    assert!(s.tasks.iter().all(|t| t.level.is_some()));
    match &imp.data {
        integra_core::ingest::ImportedData::Pupils { school_codes, .. } => {
            assert_eq!(school_codes, &vec!["edu224052".to_string()])
        }
        _ => panic!("not pupils"),
    }
    // 11 rows against the 12 the title states.
    assert!(s
        .issues
        .iter()
        .any(|i| i.message_en.contains("states 12 participants")));
}

#[test]
fn a_protocol_with_official_task_numbers_matches_the_description_by_them() {
    // The protocol names tasks as the work does (1, 2, 3.1, 3.2, 4); the description's `№`
    // numbers the results columns (1..5), so «4» of the protocol is `№ 5`, not `№ 4`.
    let rows = (0..40).map(|i| {
        let s = [i % 2, i % 2, (i / 2) % 2, i % 3 % 2, i % 4];
        format!(
            "edu{},{i},1,{},{},{},{},{},{}",
            223000 + i / 10,
            s[0],
            s[1],
            s[2],
            s[3],
            s[4],
            s.iter().sum::<u32>()
        )
    });
    let protocol = csv(
        "Пользователь,Код,Вариант,1 (1б),2 (1б),3(1) (1б),3(2) (1б),4 (3б),Итого баллов",
        rows,
    );
    let all = csv(
        "№ КИМ,№,Умения,Уровень сложности,Максимальный балл",
        [
            "1,1,Один,Б,1",
            "2,2,Два,Б,1",
            "3.1,3,Три-один,Б,1",
            "3.2,4,Три-два,П,1",
            "4,5,Четыре,В,3",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let imports = [
        run("2022/7/Математика.csv", &protocol),
        run("Описание_работ/7/Математика/ALL.csv", &all),
    ];
    let (ds, _) = merge(&imports.iter().collect::<Vec<_>>());
    let p = &ds.procedures[0];
    let skills: Vec<&str> = p
        .tasks
        .iter()
        .map(|t| t.skill.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(skills, ["Один", "Два", "Три-один", "Три-два", "Четыре"]);
    assert_eq!(p.tasks[4].max, 3);
}

#[test]
fn an_exam_centre_protocol_with_answer_strings() {
    let mut text = String::from("ГИА-9 2022\n01 - Русский язык 2022.06.23\n");
    text.push_str("Код ОО;Класс;ФИО;Вариант;Задания с кратким ответом;Задания с развёрнутым ответом;Первичный балл;Отметка\n");
    let shorts = [
        "++-+0-1", "+++++-1", "-+-+0-0", "++++++1", "+-+-+-0", "++-++-1",
    ];
    let longs = [
        "1(1)0(2)2(3)",
        "1(1)2(2)3(3)",
        "0(1)0(2)1(3)",
        "1(1)1(2)2(3)",
        "0(1)1(2)0(3)",
        "1(1)2(2)1(3)",
    ];
    for i in 0..12 {
        let (s, l) = (shorts[i % 6], longs[i % 6]);
        let short: u32 = s
            .chars()
            .map(|c| match c {
                '+' => 1,
                c => c.to_digit(10).unwrap_or(0),
            })
            .sum();
        let long: u32 = l
            .split(')')
            .filter_map(|p| p.split('(').next()?.parse::<u32>().ok())
            .sum();
        text.push_str(&format!(
            "{};9{};Иванов Иван {i};{};{s};{l};{};4\n",
            10 + i / 6,
            ["А", "Б"][i % 2],
            100 + i,
            short + long
        ));
    }
    text.push_str("Средние;;;;;;14,2;\nВсего участников;;;;;;12;\n");
    let imp = run("rcoi/protocol.csv", text.as_bytes());
    let s = &imp.summary;
    assert_eq!(s.table, TableKind::PupilResults, "{:#?}", s.issues);
    assert_eq!(s.participants, 12, "footer rows are not pupils");
    assert_eq!(s.tasks.len(), 10, "7 short answers and 3 long ones");
    assert_eq!(s.tasks[9].max, 3);
    let key = s.procedure.as_ref().unwrap();
    assert_eq!(
        (key.kind, key.subject.as_str(), key.year),
        (
            integra_core::model::ProcedureKind::Oge,
            "Русский язык",
            Some(2022)
        )
    );
    assert!(s.columns.iter().any(|c| c.role == ColumnRole::PupilName));
    // The sums of the expanded answers equal the primary scores: no mismatch reported.
    assert!(
        !s.issues
            .iter()
            .any(|i| i.message_en.contains("differs from the primary score")),
        "{:#?}",
        s.issues
    );
}

#[test]
fn the_user_names_the_header_row() {
    // Two lines of notes above the table fool no one, but the user may still say where it is.
    let text = "Выгрузка школы;;;\nСформировано 12.03.2024;;;\nкод обучающегося;балл за 1;балл за 2;балл за 3\n1;1;0;1\n2;0;1;1\n3;1;1;0\n";
    let auto = run("notes.csv", text.as_bytes());
    assert_eq!(auto.summary.header_row, 3);
    let opts = ImportOptions {
        header_row: Some(3),
        ..ImportOptions::default()
    };
    let imp = import_file(
        "notes.csv",
        text.as_bytes(),
        &opts,
        &Pseudonymizer::new([3; 16]),
    );
    let s = &imp.summary;
    assert_eq!((s.header_row, s.participants, s.tasks.len()), (3, 3, 3));
    let h = s
        .choices
        .iter()
        .find(|c| c.topic == ChoiceTopic::Header)
        .unwrap();
    assert!(
        h.en.contains("Header in row 3 (set by the user)"),
        "{}",
        h.en
    );
    assert!(
        h.en.contains("Сформировано"),
        "the rows above are titles: {}",
        h.en
    );
}
