//! Skills on a hand-made class of 10 whose answers are worked out by hand.

use super::*;
use crate::model::TaskLevel;

fn task(label: &str, max: u8, level: TaskLevel, skill: Option<&str>) -> Task {
    Task {
        label: label.into(),
        max,
        max_source: crate::model::MaxSource::File,
        kim: None,
        level: Some(level),
        skill: skill.map(str::to_string),
    }
}

/// Tasks: 1, 2 (basic, skill A), 3 (advanced, max 2, A), 4 (basic, B), 5 (basic, no skill).
/// Pupil i: task 1 right if i < 5, task 2 if i < 4, task 3 full if i < 4, task 4 if i < 9.
fn class() -> (PupilResults, Vec<Task>) {
    use TaskLevel::*;
    let tasks = vec![
        task("1", 1, Basic, Some("A")),
        task("2", 1, Basic, Some("A")),
        task("3", 2, Advanced, Some("A")),
        task("4", 1, Basic, Some("B")),
        task("5", 1, Basic, None),
    ];
    let n = 10;
    let mut scores = Vec::new();
    for i in 0..n {
        scores.extend([
            (i < 5) as u8,
            (i < 4) as u8,
            if i < 4 { 2 } else { 0 },
            (i < 9) as u8,
            0,
        ]);
    }
    let r = PupilResults {
        school: vec![0; n],
        class: vec![Some("5А".into()); n],
        pupil: (0..n).map(|i| format!("P{i}")).collect(),
        variant: vec![None; n],
        absent: vec![false; n],
        not_done: vec![false; n * 5],
        scores,
        total: vec![None; n],
        mark: vec![None; n],
        journal: vec![None; n],
        source_row: (2..n as u32 + 2).collect(),
    };
    (r, tasks)
}

#[test]
fn success_per_skill_and_the_deficit() {
    let (r, tasks) = class();
    let rows: Vec<usize> = (0..10).collect();
    let rep = skill_success(&r, &tasks, &rows, &[]);
    assert_eq!(rep.unmapped_tasks, 1);
    let a = &rep.skills[0];
    assert_eq!((a.skill.as_str(), a.tasks.clone()), ("A", vec![0, 1, 2]));
    assert_eq!((a.points, a.possible, a.n), (17, 40, 10));
    assert!((a.success.unwrap() - 17.0 / 40.0).abs() < 1e-12);
    // Task 1: 50 %, task 2: 40 % (basic: insufficient); task 3: 40 % (advanced: sufficient).
    assert_eq!((a.insufficient, a.counted), (2, 3));
    assert!(a.deficit);
    let b = &rep.skills[1];
    assert_eq!(b.success, Some(0.9));
    assert!(!b.deficit);
    assert_eq!(rep.deficits().count(), 1);
}

#[test]
fn flagged_tasks_do_not_count_and_half_is_not_most() {
    let (r, tasks) = class();
    let rows: Vec<usize> = (0..10).collect();
    // Task 1 flagged: of tasks 2 and 3 one is insufficient — exactly half, no deficit.
    let rep = skill_success(&r, &tasks, &rows, &[true, false, false, false, false]);
    let a = &rep.skills[0];
    assert_eq!((a.insufficient, a.counted), (1, 2));
    assert!(!a.deficit);
    // The success still uses every task.
    assert_eq!(a.points, 17);
}

#[test]
fn small_groups_show_no_figure_and_no_deficit() {
    let (r, tasks) = class();
    let rep = skill_success(&r, &tasks, &[5, 6, 7, 8], &[]);
    assert!(rep.skills.iter().all(|s| s.success.is_none() && !s.deficit));
    let rep = skill_success(&r, &tasks, &[0, 1, 2, 3, 4, 5, 6, 7], &[]);
    assert!(
        rep.skills.iter().all(|s| s.success.is_some() && !s.deficit),
        "8 < 10"
    );
}

#[test]
fn deficit_needs_ten_pupils_with_a_score_on_the_skill() {
    let (mut r, tasks) = class();
    // Skill A's tasks missing for pupil 9: 9 of the 10 participants have a score on it.
    for j in 0..3 {
        r.scores[9 * 5 + j] = crate::model::SCORE_MISSING;
    }
    let rows: Vec<usize> = (0..10).collect();
    let rep = skill_success(&r, &tasks, &rows, &[]);
    let a = &rep.skills[0];
    assert_eq!((a.n, a.points, a.possible), (9, 17, 36));
    assert_eq!((a.insufficient, a.counted), (2, 3));
    assert!(!a.deficit, "9 < 10 pupils with a score on the skill");
    assert!(rep.skills[1].n == 10);
}

#[test]
fn tasks_without_a_level_or_all_flagged_never_make_a_deficit() {
    let (r, mut tasks) = class();
    let rows: Vec<usize> = (0..10).collect();
    let rep = skill_success(&r, &tasks, &rows, &[true, true, true, false, false]);
    assert_eq!((rep.skills[0].counted, rep.skills[0].deficit), (0, false));
    for t in &mut tasks {
        t.level = None;
    }
    let rep = skill_success(&r, &tasks, &rows, &[]);
    assert!(rep.skills.iter().all(|s| s.counted == 0 && !s.deficit));
    assert_eq!(rep.skills[0].success, Some(17.0 / 40.0));
    // Absent pupils are not participants.
    let (mut r, tasks) = class();
    r.absent[0] = true;
    let rep = skill_success(&r, &tasks, &rows, &[]);
    assert_eq!((rep.skills[0].n, rep.skills[0].points), (9, 13));
}

fn entries(map: &SkillMap) -> Vec<(&str, &str)> {
    map.entries
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect()
}

#[test]
fn typed_mappings() {
    let text =
        "1: Числа\n2-3 — Дроби\n# note\n\n4,5;Геометрия\n6\tЛогика\nабв\n7 - Текст\n2: Снова";
    let (map, errors) = SkillMap::parse_text(text);
    assert_eq!(
        entries(&map),
        vec![
            ("1", "Числа"),
            ("3", "Дроби"),
            ("4", "Геометрия"),
            ("5", "Геометрия"),
            ("6", "Логика"),
            ("7", "Текст"),
            // A task named again keeps its last skill.
            ("2", "Снова"),
        ]
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 7);
    assert!(errors[0].message_ru.contains("Строка 7"));
    assert!(errors[0].message_en.contains("Line 7"));

    let (_, mut tasks) = class();
    let (map, _) = SkillMap::parse_text("№5: Новое\n9: Нет такого");
    let unknown = map.apply(&mut tasks);
    assert_eq!(tasks[4].skill.as_deref(), Some("Новое"));
    assert_eq!(
        tasks[0].skill.as_deref(),
        Some("A"),
        "unnamed tasks keep theirs"
    );
    assert_eq!(unknown, vec!["9".to_string()]);
}

#[test]
fn typed_mappings_in_the_ways_people_write_them() {
    let text = "1—3: Дроби\n\
                4 – 6 — Проценты\n\
                7. Геометрия: площади\n\
                8 Текстовые задачи\n\
                Задания 9, 10 - Логика\n\
                3(1); Часть 3\n\
                1К1\tКритерий\n\
                M022043: Number\n\
                11: 2-значные числа\n\
                12 - 13 - Вероятность\n\
                1-10: Всё\n\
                3: Уточнение";
    let (map, errors) = SkillMap::parse_text(text);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        entries(&map),
        vec![
            ("3(1)", "Часть 3"),
            ("1К1", "Критерий"),
            ("M022043", "Number"),
            ("11", "2-значные числа"),
            ("12", "Вероятность"),
            ("13", "Вероятность"),
            ("1", "Всё"),
            ("2", "Всё"),
            ("4", "Всё"),
            ("5", "Всё"),
            ("6", "Всё"),
            ("7", "Всё"),
            ("8", "Всё"),
            ("9", "Всё"),
            ("10", "Всё"),
            ("3", "Уточнение"),
        ]
    );
    // Before the last two lines every earlier line had its own skill.
    let first: String = text.lines().take(10).collect::<Vec<_>>().join("\n");
    let (map, _) = SkillMap::parse_text(&first);
    let skill = |l: &str| {
        map.entries
            .iter()
            .find(|(a, _)| a == l)
            .map(|(_, b)| b.as_str())
    };
    assert_eq!(skill("2"), Some("Дроби"));
    assert_eq!(skill("5"), Some("Проценты"));
    assert_eq!(skill("7"), Some("Геометрия: площади"));
    assert_eq!(skill("8"), Some("Текстовые задачи"));
    assert_eq!(skill("10"), Some("Логика"));
}

#[test]
fn bad_lines_name_the_line_and_the_problem() {
    let (map, errors) = SkillMap::parse_text(
        "1-x: что-то\n5-2: назад\n: пусто\n3:\n1-3\nчепуха\n1-500: много\n4: Хорошо",
    );
    assert_eq!(
        entries(&map),
        vec![("4", "Хорошо")],
        "good lines still count"
    );
    assert_eq!(
        errors.iter().map(|e| e.line).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5, 6, 7]
    );
    for e in &errors {
        assert!(
            e.message_ru.starts_with(&format!("Строка {}:", e.line)),
            "{e:?}"
        );
        assert!(
            e.message_en.starts_with(&format!("Line {}:", e.line)),
            "{e:?}"
        );
    }
    assert!(errors[0].message_ru.contains("«1-x» — не диапазон"));
    assert!(errors[1].message_en.contains("\"5-2\" is not a range"));
    assert!(errors[2]
        .message_ru
        .contains("не удалось прочитать «: пусто»"));
    assert!(errors[3].message_ru.contains("нет умения"));
    assert!(errors[4].message_en.contains("no skill after"));
    assert!(errors[5].message_ru.contains("«1: Вычисления с дробями»"));
    assert!(errors[6].message_ru.contains("не длиннее 200"));
}

proptest::proptest! {
    /// Any text reads without a panic; errors name lines that exist, in order.
    #[test]
    fn any_text_reads(text in "[0-9a-zа-я:;,.№ \\t\\n–—-]{0,80}") {
        let (map, errors) = SkillMap::parse_text(&text);
        let lines = text.lines().count();
        proptest::prop_assert!(errors.iter().all(|e| e.line >= 1 && e.line <= lines));
        proptest::prop_assert!(errors.windows(2).all(|w| w[0].line < w[1].line));
        proptest::prop_assert!(map.entries.iter().all(|(l, s)| !l.is_empty() && !s.is_empty()));
    }
}

#[test]
fn skills_differing_in_case_or_spacing_are_one() {
    let (r, mut tasks) = class();
    tasks[1].skill = Some(" a ".into());
    tasks[3].skill = Some("Ёж  и ель".into());
    tasks[4].skill = Some("ЕЖ И ЕЛЬ".into());
    tasks[2].skill = Some("  ".into());
    let rep = skill_success(&r, &tasks, &(0..10).collect::<Vec<_>>(), &[]);
    let got: Vec<(&str, Vec<usize>)> = rep
        .skills
        .iter()
        .map(|s| (s.skill.as_str(), s.tasks.clone()))
        .collect();
    assert_eq!(got, vec![("A", vec![0, 1]), ("Ёж  и ель", vec![3, 4])]);
    assert_eq!(rep.unmapped_tasks, 1, "a blank skill is no skill");
}
