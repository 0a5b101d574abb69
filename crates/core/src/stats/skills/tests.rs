//! Skills on a hand-made class of 10 whose answers are worked out by hand.

use super::*;
use crate::model::TaskLevel;

fn task(label: &str, max: u8, level: TaskLevel, skill: Option<&str>) -> Task {
    Task {
        label: label.into(),
        max,
        max_from_file: true,
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
fn typed_mappings() {
    let text =
        "1: Числа\n2-3 — Дроби\n# note\n\n4,5;Геометрия\n6\tЛогика\nабв\n7 - Текст\n2: Снова";
    let (map, errors) = SkillMap::parse_text(text);
    let got: Vec<(&str, &str)> = map
        .entries
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("1", "Числа"),
            ("3", "Дроби"),
            ("4", "Геометрия"),
            ("5", "Геометрия"),
            ("6", "Логика"),
            ("7", "Текст"),
            ("2", "Снова"),
        ]
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 7);
    assert!(errors[0].message_ru.contains("Строка 7"));
    let (_, errors) = SkillMap::parse_text("1-x: что-то\n5-2: назад\n: пусто\n3:");
    assert_eq!(
        errors.iter().map(|e| e.line).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );

    let (_, mut tasks) = class();
    let (map, _) = SkillMap::parse_text("№5: Новое\n9: Нет такого");
    let unknown = map.apply(&mut tasks);
    assert_eq!(tasks[4].skill.as_deref(), Some("Новое"));
    assert_eq!(unknown, vec!["9".to_string()]);
}
