//! The worker's session answers as the core does: the dataset that crosses the seam is the one
//! the core merges, and every request gets the reply the page expects.

use integra_core::demo::{generate, DemoParams};
use integra_core::ingest::{import_file, merge_with, ImportOptions, MergeOptions, Pseudonymizer};
use integra_core::report::overview;
use integra_worker::protocol::{self, decode_dataset, Envelope, Reply, Request};
use integra_worker::Session;

const SALT: [u8; 16] = [3; 16];

fn merged(s: &mut Session) -> (Reply, integra_core::model::Dataset) {
    let (reply, att) = s.handle(
        Request::Merge {
            opts: MergeOptions::default(),
        },
        Vec::new(),
    );
    assert_eq!(att.len(), 1, "the dataset travels as one attachment");
    (
        reply,
        decode_dataset(&att[0]).expect("the dataset reads back"),
    )
}

#[test]
fn the_demo_through_the_worker_is_the_core_s_dataset_and_overview() {
    let mut s = Session::new(SALT);
    let (reply, bytes) = s.handle(Request::Demo, Vec::new());
    let Reply::Demo { files } = reply else {
        panic!("{reply:?}")
    };
    let demo = generate(&DemoParams::default());
    assert_eq!(files.len(), demo.files.len());
    assert_eq!(
        bytes.len(),
        files.len(),
        "every file's bytes come back for the page"
    );
    let (reply, ds) = merged(&mut s);

    let pseudo = Pseudonymizer::new(SALT);
    let imports: Vec<_> = demo
        .files
        .iter()
        .map(|f| import_file(&f.name, &f.bytes, &ImportOptions::default(), &pseudo))
        .collect();
    let (direct, issues) = merge_with(
        &imports.iter().collect::<Vec<_>>(),
        &MergeOptions::default(),
    );
    assert_eq!(ds, direct);
    assert_eq!(
        reply,
        Reply::Merged {
            overview: overview(&direct),
            merge_issues: issues
        }
    );
    assert!(ds.procedures.iter().map(|p| p.results.len()).sum::<usize>() > 10_000);
}

#[test]
fn a_file_of_the_same_name_replaces_the_loaded_one_and_remove_forgets_it() {
    let mut s = Session::new(SALT);
    let a = "Логин;Класс;Код;1;2\nedu1;5А;001;1;2\nedu1;5А;002;0;1\n";
    let b = "Логин;Класс;Код;1;2\nedu1;5А;001;1;2\n";
    for text in [a, b] {
        let (reply, _) = s.handle(
            Request::Import {
                name: "x.csv".into(),
                opts: ImportOptions::default(),
            },
            vec![text.as_bytes().to_vec()],
        );
        assert!(matches!(reply, Reply::Imported { .. }), "{reply:?}");
    }
    let (_, ds) = merged(&mut s);
    assert_eq!(ds.procedures.len(), 1);
    assert_eq!(
        ds.procedures[0].results.len(),
        1,
        "the second file replaced the first"
    );
    s.handle(
        Request::Remove {
            name: "x.csv".into(),
        },
        Vec::new(),
    );
    let (_, ds) = merged(&mut s);
    assert!(ds.procedures.is_empty());
}

#[test]
fn requests_that_cannot_be_carried_out_say_why() {
    let mut s = Session::new(SALT);
    let (reply, _) = s.handle(
        Request::Reimport {
            name: "gone.csv".into(),
            opts: ImportOptions::default(),
        },
        Vec::new(),
    );
    assert!(matches!(&reply, Reply::Failed { message } if message.contains("gone.csv")));
    let (reply, _) = s.handle(
        Request::Import {
            name: "empty.csv".into(),
            opts: ImportOptions::default(),
        },
        Vec::new(),
    );
    assert!(matches!(&reply, Reply::Failed { message } if message.contains("empty.csv")));
}

#[test]
fn envelopes_read_back_from_their_json() {
    let e = Envelope {
        id: 42,
        body: Request::Reimport {
            name: "Математика 5.xlsx".into(),
            opts: ImportOptions {
                grade: Some(5),
                ..ImportOptions::default()
            },
        },
    };
    let back: Envelope<Request> = protocol::from_json(&protocol::to_json(&e)).unwrap();
    assert_eq!(back, e);
    assert!(protocol::from_json::<Request>("{\"id\":1}").is_err());
}
