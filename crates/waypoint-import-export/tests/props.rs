//! Property tests: whatever the bytes, the reader returns `Ok` or `Err`, never panics.

mod common;

use std::io::Cursor;

use common::{fixture_files, zip_bytes};
use proptest::prelude::*;
use waypoint_import_export::oneroster::{Options, Package, Report, read_files, read_zip_reader};

const NAMES: &[&str] = &[
    "manifest.csv",
    "orgs.csv",
    "academicSessions.csv",
    "courses.csv",
    "classes.csv",
    "users.csv",
    "roles.csv",
    "userProfiles.csv",
    "demographics.csv",
    "enrollments.csv",
    "resources.csv",
    "other.csv",
];

/// Pieces that steer random input into the interesting paths of the CSV layer and the
/// value parsers.
const PIECES: &[&str] = &[
    ",",
    ",",
    ",",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\u{feff}",
    "a",
    "stu-1",
    "sch-hs",
    "cls-hr",
    "tch-1",
    "active",
    "tobedeleted",
    "inactive",
    "bulk",
    "delta",
    "absent",
    "true",
    "FALSE",
    "2024-08-19",
    "2024-07-01T12:00:00.000Z",
    "1/05/2023",
    "09",
    "KG",
    "14",
    "{State:1}",
    "{x",
    "student",
    "teacher",
    "school",
    "primary",
    "file.users",
    "oneroster.version",
    "1.1",
    "1.2",
    "é",
    "metadata.x",
];

fn csvish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(PIECES).prop_map(|s| s.as_bytes().to_vec()),
            1 => prop::collection::vec(any::<u8>(), 1..4),
        ],
        0..200,
    )
    .prop_map(|parts| parts.concat())
}

fn check(result: Result<Package, Report>) {
    match result {
        Ok(p) => assert!(p.warnings.iter().all(|w| !w.message.is_empty())),
        Err(r) => {
            assert!(r.error_count() > 0);
            assert!(r.errors.iter().all(|e| !e.message.is_empty()));
        }
    }
}

fn replace(base: &str, name: &str, bytes: Vec<u8>, keep_header: bool) -> Vec<(String, Vec<u8>)> {
    let mut files = fixture_files(base);
    let header: Vec<u8> = files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| {
            b.iter()
                .take_while(|&&c| c != b'\n')
                .chain(std::iter::once(&b'\n'))
                .copied()
                .collect()
        })
        .unwrap_or_default();
    files.retain(|(n, _)| n != name);
    let content = if keep_header { [header, bytes].concat() } else { bytes };
    files.push((name.to_owned(), content));
    files
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_as_any_file(
        name in prop::sample::select(NAMES),
        v11 in any::<bool>(),
        bytes in prop::collection::vec(any::<u8>(), 0..1500),
    ) {
        let base = if v11 { "v1p1_bulk" } else { "v1p2_bulk" };
        check(read_files(replace(base, name, bytes, false), &Options::default()));
    }

    #[test]
    fn csv_like_rows_under_a_real_header(
        name in prop::sample::select(NAMES),
        v11 in any::<bool>(),
        bytes in csvish(),
    ) {
        let base = if v11 { "v1p1_bulk" } else { "v1p2_bulk" };
        let opts = Options { max_errors: 5, max_warnings: 5, ..Options::default() };
        check(read_files(replace(base, name, bytes.clone(), true), &opts));
        check(read_files(replace(base, name, bytes, false), &opts));
    }

    #[test]
    fn arbitrary_bytes_as_a_zip(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check(read_zip_reader(Cursor::new(bytes), &Options::default()));
    }

    #[test]
    fn corrupted_zip(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let files = fixture_files("v1p2_bulk");
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        let mut bytes = zip_bytes(&refs);
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        check(read_zip_reader(Cursor::new(bytes), &Options::default()));
    }

    #[test]
    fn arbitrary_entry_names(names in prop::collection::vec("[a-zA-Z./\\\\:_ -]{0,24}", 0..6)) {
        let mut files = fixture_files("v1p2_bulk");
        for n in names {
            files.push((n, b"sourcedId\n".to_vec()));
        }
        check(read_files(files, &Options::default()));
    }
}
