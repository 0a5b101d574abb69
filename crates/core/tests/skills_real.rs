//! Success per skill on a real booklet-design test: TIMSS 2007 grade 8 (Russia) with its item
//! information. Each content domain's and each topic's success is recomputed here from the two
//! CSV files with plain arithmetic over the scored responses (items not administered to a pupil
//! are empty and skipped), and compared with the importer + `skill_success`, with the skill
//! taken from the item table and, separately, from a mapping typed as text.

use integra_core::ingest::{
    import_file, merge, FileImport, ImportOptions, ImportedData, Pseudonymizer,
};
use integra_core::model::Dataset;
use integra_core::stats::{participant_rows, skill_success, SkillMap, SkillReport};
use std::collections::BTreeMap;

fn path(rel: &str) -> String {
    format!(
        "{}/../../../shared/data/real/{rel}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The grouping rule of `skill_success`, written out: case and spacing do not matter (TIMSS
/// spells some topics two ways: `Cells and their functions`, `Cells and Their Functions`).
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// item → (value of `column`, max points), from iteminfo.csv.
fn item_info(column: &str) -> BTreeMap<String, (String, u32)> {
    let mut rdr = csv::Reader::from_path(path("timss07_g8_rus/iteminfo.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (item, value, max) = (col("item"), col(column), col("max.points"));
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[item].to_string(),
                (r[value].to_string(), r[max].parse().unwrap()),
            )
        })
        .collect()
}

/// Independent: (points, possible, pupils with a response) per group key of `column`, over
/// every non-empty response.
fn expected(column: &str) -> BTreeMap<String, (u64, u64, usize)> {
    let info = item_info(column);
    let mut want: BTreeMap<String, (u64, u64, usize)> = BTreeMap::new();
    let mut rdr = csv::Reader::from_path(path("timss07_g8_rus/scored_responses.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let mut answered = std::collections::BTreeSet::new();
        for (c, v) in rec.iter().enumerate().skip(1) {
            let v = v.trim();
            if v.is_empty() || v.eq_ignore_ascii_case("na") {
                continue;
            }
            let (group, max) = &info[&h[c]];
            let e = want.entry(key(group)).or_default();
            e.0 += v.parse::<u64>().unwrap();
            e.1 += *max as u64;
            answered.insert(key(group));
        }
        for g in answered {
            want.get_mut(&g).unwrap().2 += 1;
        }
    }
    want
}

fn read(rel: &str) -> FileImport {
    let bytes = std::fs::read(path(rel)).unwrap();
    import_file(
        rel.rsplit('/').next().unwrap(),
        &bytes,
        &ImportOptions::default(),
        &Pseudonymizer::new([1; 16]),
    )
}

/// The scored responses merged with the item table whose skill column is `column`.
fn with_item_table(column: &str) -> Dataset {
    let mut info = read("timss07_g8_rus/iteminfo.csv");
    let ImportedData::TaskInfo { info: table } = &mut info.data else {
        panic!("iteminfo.csv is a task description");
    };
    if table.skill_column.as_deref() != Some(column) {
        assert!(table.select_skill(column), "{column}");
    }
    merge(&[&info, &read("timss07_g8_rus/scored_responses.csv")]).0
}

fn check(rep: &SkillReport, want: &BTreeMap<String, (u64, u64, usize)>, column: &str) {
    assert_eq!(rep.unmapped_tasks, 0, "{column}");
    assert_eq!(rep.skills.len(), want.len(), "{column}");
    for s in &rep.skills {
        let (pts, pos, n) = want[&key(&s.skill)];
        assert_eq!(
            (s.points, s.possible, s.n),
            (pts, pos, n),
            "{column}: {}",
            s.skill
        );
        let got = s.success.unwrap();
        assert!((got - pts as f64 / pos as f64).abs() < 1e-12, "{}", s.skill);
        // TIMSS items have no Б/П/В level: no status, no deficit conclusion.
        assert_eq!((s.counted, s.deficit), (0, false), "{}", s.skill);
    }
}

#[test]
fn timss_content_domains_match_the_csv() {
    let want = expected("content");
    assert_eq!(want.len(), 8, "four mathematics and four science domains");
    let ds = with_item_table("content");
    let p = &ds.procedures[0];
    let rep = skill_success(&p.results, &p.tasks, &participant_rows(&p.results), &[]);
    check(&rep, &want, "content");
    // Every item of a domain is one of its tasks (Biology 82 … Data and Chance 41).
    let info = item_info("content");
    for s in &rep.skills {
        let items = info.values().filter(|(c, _)| *c == s.skill).count();
        assert_eq!(s.tasks.len(), items, "{}", s.skill);
        assert!(s
            .tasks
            .iter()
            .all(|&j| info[&p.tasks[j].label].0 == s.skill));
    }
}

#[test]
fn timss_topics_match_the_csv() {
    let want = expected("topic");
    assert_eq!(want.len(), 38, "49 spellings of 38 topics");
    let ds = with_item_table("topic");
    let p = &ds.procedures[0];
    let rep = skill_success(&p.results, &p.tasks, &participant_rows(&p.results), &[]);
    check(&rep, &want, "topic");
}

#[test]
fn timss_content_domains_typed_as_text() {
    // `M022043: Number` per item, as a user would paste it; no item table loaded.
    let text: String = item_info("content")
        .iter()
        .map(|(item, (content, _))| format!("{item}: {content}\n"))
        .collect();
    let (map, errors) = SkillMap::parse_text(&text);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(map.entries.len(), 442);
    let ds = merge(&[&read("timss07_g8_rus/scored_responses.csv")]).0;
    let p = &ds.procedures[0];
    assert!(p.tasks.iter().all(|t| t.skill.is_none()));
    let mut tasks = p.tasks.clone();
    assert!(map.apply(&mut tasks).is_empty(), "every item is a task");
    let rows = participant_rows(&p.results);
    let typed = skill_success(&p.results, &tasks, &rows, &[]);
    check(&typed, &expected("content"), "typed");
    let from_table = with_item_table("content");
    let q = &from_table.procedures[0];
    assert_eq!(
        skill_success(&q.results, &q.tasks, &participant_rows(&q.results), &[]),
        typed
    );
}
