//! Helpers shared by the integration tests. All people in the fixtures are invented.
#![allow(dead_code)]

use std::io::{Cursor, Write};
use std::path::PathBuf;

use waypoint_import_export::oneroster::{Code, Report};

/// The path of a fixture package under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fixture folder's files, in memory.
pub fn fixture_files(name: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixture(name))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().into_string().unwrap(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// Replaces (or adds) one file of a file list.
pub fn with_file(mut files: Vec<(String, Vec<u8>)>, name: &str, content: &str) -> Vec<(String, Vec<u8>)> {
    files.retain(|(n, _)| n != name);
    files.push((name.to_owned(), content.as_bytes().to_vec()));
    files
}

/// A file list from `(name, text)` pairs.
pub fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
    list.iter()
        .map(|(n, c)| (n.to_string(), c.as_bytes().to_vec()))
        .collect()
}

/// A manifest declaring `files` (`(name, mode)`) for OneRoster `version`.
pub fn manifest(version: &str, files: &[(&str, &str)]) -> String {
    let mut s = format!("propertyName,value\nmanifest.version,1.0\noneroster.version,{version}\n");
    for (name, mode) in files {
        s.push_str(&format!("file.{name},{mode}\n"));
    }
    s
}

/// The errors of a report as `(file, line, field, code)`.
pub fn errors(r: &Report) -> Vec<(String, Option<u32>, Option<String>, Code)> {
    r.errors
        .iter()
        .map(|i| (i.file.clone(), i.line, i.field.clone(), i.code))
        .collect()
}

/// `(file, line, field, code)` for an expected issue.
pub fn issue(
    file: &str,
    line: Option<u32>,
    field: Option<&str>,
    code: Code,
) -> (String, Option<u32>, Option<String>, Code) {
    (file.to_owned(), line, field.map(str::to_owned), code)
}

/// A zip archive (deflated) holding `entries`.
pub fn zip_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}
