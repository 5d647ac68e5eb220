//! Zip input: layouts, unsafe paths, size limits.

mod common;

use std::io::Cursor;

use common::{errors, fixture, fixture_files, issue, zip_bytes};
use waypoint_import_export::oneroster::{Code, Options, read_dir, read_path, read_zip, read_zip_reader};

fn fixture_entries(prefix: &str) -> Vec<(String, Vec<u8>)> {
    fixture_files("v1p2_bulk")
        .into_iter()
        .map(|(n, b)| (format!("{prefix}{n}"), b))
        .collect()
}

fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    zip_bytes(&refs)
}

#[test]
fn zip_with_files_at_the_top_reads_like_the_folder() {
    let bytes = zip_of(&fixture_entries(""));
    let from_zip = read_zip_reader(Cursor::new(bytes.clone()), &Options::default()).unwrap_or_else(|r| panic!("{r}"));
    let from_dir = read_dir(fixture("v1p2_bulk"), &Options::default()).unwrap();
    assert_eq!(from_zip, from_dir);

    // From a file on disk, through read_zip and read_path.
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("waypoint-oneroster-test.zip");
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(read_zip(&path, &Options::default()).unwrap(), from_dir);
    assert_eq!(read_path(&path, &Options::default()).unwrap(), from_dir);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn zip_with_a_single_top_level_folder() {
    let mut entries = fixture_entries("export-2025-01-10/");
    // macOS archivers add these; they do not count as a second folder.
    entries.push((
        "__MACOSX/export-2025-01-10/._users.csv".into(),
        b"\x00\x05\x16\x07".to_vec(),
    ));
    entries.push(("export-2025-01-10/.DS_Store".into(), b"\x00\x00".to_vec()));
    let p = read_zip_reader(Cursor::new(zip_of(&entries)), &Options::default()).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(p.users.len(), 5);
}

#[test]
fn zip_with_a_folder_and_other_files_at_the_top() {
    let mut entries = fixture_entries("export/");
    entries.push(("README.txt".into(), b"Exported by an invented SIS".to_vec()));
    entries.push(("old/users.csv".into(), b"x\n".to_vec()));
    let p = read_zip_reader(Cursor::new(zip_of(&entries)), &Options::default()).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(p.users.len(), 5);
    let w: Vec<_> = p
        .warnings
        .iter()
        .filter(|w| w.code == Code::UnknownFile)
        .map(|w| w.file.as_str())
        .collect();
    assert_eq!(w, vec!["old/users.csv"]);
}

#[test]
fn zip_with_two_package_folders_is_ambiguous() {
    let mut entries = fixture_entries("a/");
    entries.extend(fixture_entries("b/"));
    let r = read_zip_reader(Cursor::new(zip_of(&entries)), &Options::default()).unwrap_err();
    assert_eq!(errors(&r), vec![issue("manifest.csv", None, None, Code::Manifest)]);
    assert!(r.warnings.iter().all(|w| w.code == Code::UnknownFile));
}

#[test]
fn zip_with_duplicate_names() {
    let mut entries = fixture_entries("");
    entries.push(("./users.csv".into(), b"sourcedId\n".to_vec()));
    let r = read_zip_reader(Cursor::new(zip_of(&entries)), &Options::default()).unwrap_err();
    assert!(matches!(r.errors[0].code, Code::ZipPath | Code::Zip), "{r}");
}

#[test]
fn zip_slip_entries_are_rejected() {
    for evil in [
        "../evil.csv",
        "export/../../evil.csv",
        "/etc/evil.csv",
        "C:\\evil.csv",
        "a\\..\\..\\evil.csv",
    ] {
        let mut entries = fixture_entries("");
        entries.push((evil.to_owned(), b"sourcedId\n".to_vec()));
        let r = read_zip_reader(Cursor::new(zip_of(&entries)), &Options::default()).unwrap_err();
        assert_eq!(errors(&r), vec![issue(evil, None, None, Code::ZipPath)], "{evil}");
        assert!(r.errors[0].message.contains("rejected"), "{}", r.errors[0].message);
    }
}

#[test]
fn not_a_zip() {
    let r = read_zip_reader(Cursor::new(b"sourcedId,name\n".to_vec()), &Options::default()).unwrap_err();
    assert_eq!(errors(&r), vec![issue("", None, None, Code::Zip)]);
    let r = read_path("/nonexistent/waypoint/package.zip", &Options::default()).unwrap_err();
    assert_eq!(r.errors[0].code, Code::Io);
}

#[test]
fn size_limits() {
    let bytes = zip_of(&fixture_entries(""));
    let opts = Options {
        max_file_bytes: 900,
        ..Default::default()
    };
    let r = read_zip_reader(Cursor::new(bytes.clone()), &opts).unwrap_err();
    // users.csv is the only file over 900 bytes; the rest is still checked.
    assert_eq!(errors(&r), vec![issue("users.csv", None, None, Code::TooLarge)]);

    let opts = Options {
        max_total_bytes: 2000,
        ..Default::default()
    };
    let r = read_zip_reader(Cursor::new(bytes), &opts).unwrap_err();
    assert_eq!(errors(&r), vec![issue("", None, None, Code::TooLarge)]);
}

#[test]
fn a_zip_bomb_is_stopped_by_the_limits() {
    // 16 MiB of a repeated row deflates to well under 1 MiB; the declared size is checked first.
    let mut users = b"sourcedId,enabledUser,username,givenName,familyName\n".to_vec();
    let row = b"u,true,x,A,B\n";
    while users.len() < 16 << 20 {
        users.extend_from_slice(row);
    }
    let m = common::manifest("1.2", &[("users", "bulk")]);
    let bytes = zip_bytes(&[("manifest.csv", m.as_bytes()), ("users.csv", &users)]);
    assert!(bytes.len() < 1 << 20);
    let opts = Options {
        max_file_bytes: 1 << 20,
        ..Default::default()
    };
    let r = read_zip_reader(Cursor::new(bytes), &opts).unwrap_err();
    assert_eq!(errors(&r), vec![issue("users.csv", None, None, Code::TooLarge)]);
}
