//! Success per skill on a real booklet-design test: TIMSS 2007 grade 8 (Russia) with its item
//! information. Each content domain's success is recomputed here from the two CSV files with
//! plain arithmetic over the scored responses (not-administered items are empty and skipped).

use integra_core::ingest::{import_file, merge, ImportOptions, Pseudonymizer};
use integra_core::stats::{participant_rows, skill_success};
use std::collections::BTreeMap;

fn path(rel: &str) -> String {
    format!(
        "{}/../../../shared/data/real/{rel}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// item → (content domain, max points), from iteminfo.csv.
fn item_info() -> BTreeMap<String, (String, u32)> {
    let mut rdr = csv::Reader::from_path(path("timss07_g8_rus/iteminfo.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (item, content, max) = (col("item"), col("content"), col("max.points"));
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[item].to_string(),
                (r[content].to_string(), r[max].parse().unwrap()),
            )
        })
        .collect()
}

#[test]
fn timss_content_domains_match_the_csv() {
    let info = item_info();
    // Independent: points and possible per content domain over every non-empty response.
    let mut want: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut rdr = csv::Reader::from_path(path("timss07_g8_rus/scored_responses.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        for (c, v) in rec.iter().enumerate().skip(1) {
            let v = v.trim();
            if v.is_empty() || v.eq_ignore_ascii_case("na") {
                continue;
            }
            let (domain, max) = &info[&h[c]];
            let e = want.entry(domain.clone()).or_default();
            e.0 += v.parse::<u64>().unwrap();
            e.1 += *max as u64;
        }
    }
    assert_eq!(want.len(), 8, "four mathematics and four science domains");

    // Through the importer, with the item table's `content` column as the skill.
    let pseudo = Pseudonymizer::new([1; 16]);
    let read = |rel: &str| {
        let bytes = std::fs::read(path(rel)).unwrap();
        import_file(
            rel.rsplit('/').next().unwrap(),
            &bytes,
            &ImportOptions::default(),
            &pseudo,
        )
    };
    let mut info_imp = read("timss07_g8_rus/iteminfo.csv");
    if let integra_core::ingest::ImportedData::TaskInfo { info } = &mut info_imp.data {
        assert!(info.select_skill("content"));
    } else {
        panic!("iteminfo.csv is a task description");
    }
    let scored = read("timss07_g8_rus/scored_responses.csv");
    let (ds, _) = merge(&[&info_imp, &scored]);
    let p = &ds.procedures[0];
    let rows = participant_rows(&p.results);
    let rep = skill_success(&p.results, &p.tasks, &rows, &[]);
    assert_eq!(rep.unmapped_tasks, 0);
    assert_eq!(rep.skills.len(), 8);
    for s in &rep.skills {
        let (pts, pos) = want[&s.skill];
        assert_eq!((s.points, s.possible), (pts, pos), "{}", s.skill);
        let got = s.success.unwrap();
        assert!((got - pts as f64 / pos as f64).abs() < 1e-12, "{}", s.skill);
    }
}
