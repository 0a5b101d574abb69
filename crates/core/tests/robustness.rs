//! The importer never panics: random bytes, mutated real-shaped CSVs and cut spreadsheets all
//! come back as a `FileImport` (refused with an error, or data plus issues).

use integra_core::ingest::{import_file, ImportOptions, Pseudonymizer, Severity, TableKind};
use proptest::prelude::*;

const FISOKO: &str = "логин школы;класс;код обучающегося;пол;вариант;отметка за предыдущую четверть/триместр;балл за 1;балл за 2 (2б);балл за 3;всего баллов;отметка\r\n\
sch1;5А;1-1;м;1;4;1;2;X;3;3\r\n\
sch1;а;1-2;ж;отсутствовал;нет отметки;;;;;\r\n\
sch1;нет;1-3;ж;2;5;1;2;1;4;4\r\n\
sch2;5Б;2-1;м;1;3;0;1;Х;1;2\r\n";

fn import(name: &str, bytes: &[u8]) -> integra_core::ingest::FileImport {
    import_file(
        name,
        bytes,
        &ImportOptions::default(),
        &Pseudonymizer::new([1; 16]),
    )
}

fn refused_with_error(name: &str, bytes: &[u8]) {
    let r = import(name, bytes);
    assert_eq!(r.summary.table, TableKind::Refused, "{name}");
    assert!(
        r.summary
            .issues
            .iter()
            .any(|i| i.severity == Severity::Error),
        "{name}: no error issue"
    );
}

#[test]
fn broken_files_are_refused_with_a_reason() {
    refused_with_error("empty.csv", b"");
    refused_with_error("junk.bin", &[0, 159, 146, 150, 255, 0, 1, 2, 3, 0, 0, 7]);
    refused_with_error(
        "header_only.csv",
        "логин школы;класс;балл за 1\n".as_bytes(),
    );
    refused_with_error("fake.xlsx", b"PK\x03\x04 this is not really a zip");
    let xlsx = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/real/vpr_protocol_form/base_form.xlsx"
    ))
    .unwrap();
    refused_with_error("truncated.xlsx", &xlsx[..xlsx.len() / 2]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = import("random.csv", &bytes);
        let _ = import("random.xlsx", &bytes);
    }

    #[test]
    fn mutated_fisoko_csv_never_panics(cut in 0usize..FISOKO.len(), pos in 0usize..FISOKO.len(), byte in any::<u8>()) {
        let mut bytes = FISOKO.as_bytes().to_vec();
        bytes[pos] = byte;
        bytes.truncate(cut.max(1));
        let r = import("ВПР_2025_Математика_5.csv", &bytes);
        // Whatever was read is accounted for: participants + absent never exceed rows.
        prop_assert!(r.summary.participants + r.summary.absent <= r.summary.rows);
    }
}
