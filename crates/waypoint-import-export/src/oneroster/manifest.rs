//! `manifest.csv`: `propertyName,value` rows naming the version and each file's mode.

use std::collections::BTreeMap;
use std::io::Read;

use super::csvread::{CsvInput, Cx, RowCx};
use super::issue::Code;
use super::model::{FileKind, FileMode, Text, Version};
use super::values;

/// What the manifest says.
pub(crate) struct Manifest {
    pub(crate) manifest_version: Text,
    pub(crate) version: Version,
    pub(crate) files: BTreeMap<FileKind, FileMode>,
    pub(crate) source_system_name: Option<Text>,
    pub(crate) source_system_code: Option<Text>,
}

const FILE: &str = "manifest.csv";

/// Reads the manifest. `None` (after reporting why) if the package cannot be read without it.
pub(crate) fn read<R: Read>(input: R, cx: &mut Cx) -> Option<Manifest> {
    let mut csv = CsvInput::new(input, FILE);
    let mut header = csv.header(cx)?;
    let prop_col = header.require("propertyName", cx);
    let value_col = header.require("value", cx);
    if !header.finish(cx) {
        return None;
    }
    let mut manifest_version: Option<Text> = None;
    let mut version: Option<Version> = None;
    let mut version_seen = false;
    let mut files: BTreeMap<FileKind, FileMode> = BTreeMap::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut source_system_name = None;
    let mut source_system_code = None;
    while let Some(row) = csv.next_row(cx) {
        let mut r = RowCx::new(row, FILE, FileMode::Bulk, cx);
        let line = r.line;
        let Some(prop) = r.raw(prop_col) else {
            r.error(Code::Manifest, "propertyName", || {
                "the property name is empty".to_owned()
            });
            continue;
        };
        let value = r.raw(value_col);
        if let Some(first) = seen.insert(prop.to_owned(), line) {
            r.error(Code::Manifest, prop, || {
                format!("the property {prop} is given twice (first on line {first})")
            });
            continue;
        }
        match prop {
            "manifest.version" => manifest_version = value.map(Text::from),
            "oneroster.version" => {
                version_seen = true;
                version = match value {
                    Some("1.1") | Some("1.1.0") => Some(Version::V1_1),
                    Some("1.2") | Some("1.2.0") => Some(Version::V1_2),
                    other => {
                        let shown = other.map(values::truncate).unwrap_or_default();
                        r.error(Code::Manifest, prop, || {
                            format!(
                                "the OneRoster version \"{shown}\" is not supported; Waypoint reads OneRoster 1.1 and 1.2"
                            )
                        });
                        None
                    }
                };
            }
            "source.systemName" => source_system_name = value.map(Text::from),
            "source.systemCode" => source_system_code = value.map(Text::from),
            _ => {
                let Some(name) = prop.strip_prefix("file.") else {
                    continue;
                };
                let Some(kind) = FileKind::from_name(name).filter(|k| *k != FileKind::Manifest) else {
                    let hint = values::did_you_mean(name, FileKind::ALL.iter().map(|k| k.name()))
                        .map(|k| format!("; did you mean file.{k}? (names are case-sensitive)"))
                        .unwrap_or_default();
                    let file = FILE;
                    r.cx.issues.warn(Code::Manifest, file, Some(line), Some(prop), || {
                        format!("{prop} does not name a OneRoster file and was ignored{hint}")
                    });
                    continue;
                };
                let mode = match value.map(str::to_ascii_lowercase).as_deref() {
                    Some("bulk") => FileMode::Bulk,
                    Some("delta") => FileMode::Delta,
                    Some("absent") => FileMode::Absent,
                    None => {
                        let file = FILE;
                        r.cx.issues.warn(Code::Manifest, file, Some(line), Some(prop), || {
                            format!("{prop} has no value; it was read as absent (expected bulk, delta or absent)")
                        });
                        FileMode::Absent
                    }
                    Some(_) => {
                        let v = values::truncate(value.unwrap_or_default());
                        r.error(Code::Manifest, prop, || {
                            format!("\"{v}\" is not a valid value for {prop}; expected bulk, delta or absent")
                        });
                        continue;
                    }
                };
                files.insert(kind, mode);
            }
        }
    }
    if csv.broken {
        return None;
    }
    if !version_seen {
        cx.issues
            .error(Code::Manifest, FILE, None, Some("oneroster.version"), || {
                "the manifest has no oneroster.version property; it must be 1.1 or 1.2".to_owned()
            });
    }
    if manifest_version.is_none() {
        cx.issues
            .error(Code::Manifest, FILE, None, Some("manifest.version"), || {
                "the manifest has no manifest.version property (it should be 1.0)".to_owned()
            });
    }
    Some(Manifest {
        manifest_version: manifest_version.unwrap_or_default(),
        version: version?,
        files,
        source_system_name,
        source_system_code,
    })
}
