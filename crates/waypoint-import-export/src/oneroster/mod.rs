//! A pure reader for OneRoster 1.1 and 1.2 CSV packages (the CSV binding).
//!
//! A package is a folder or a zip archive holding `manifest.csv` and the CSV files it
//! declares. [`read_path`] (folder or zip), [`read_dir`], [`read_zip`], [`read_zip_reader`]
//! and [`read_files`] (in memory) all return either a validated [`Package`] or a [`Report`]
//! listing every problem found ([`Issue`]: file, line, field, a machine [`Code`] and a
//! plain-English message for district administrators).
//!
//! What is read: `orgs`, `academicSessions`, `courses`, `classes`, `users`, `roles` (1.2),
//! `userProfiles` (1.2, minimal), `demographics` and `enrollments`. Other OneRoster files
//! (resources, line items, results, …) are accepted when declared and ignored with a
//! warning. A user's roles are normalized from 1.1 (`users.role` × `users.orgSourcedIds`) and
//! 1.2 (`roles.csv`) into [`User::roles`]. Passwords are never read.
//!
//! Checks: the manifest against the files present; columns by header name (surrounding
//! whitespace and a UTF-8 BOM tolerated, unknown columns warned about, missing required
//! columns an error); CRLF or LF; UTF-8; RFC 4180 quoting; required values; `status`
//! (`active`, `tobedeleted`, or empty in bulk files; 1.1's `inactive` reads as tobedeleted);
//! dates (`YYYY-MM-DD`) and `dateLastModified` (ISO 8601 date and time); enumerations; duplicate
//! `sourcedId`s; references between files. A reference to an id missing from the package is an
//! error when the target's file is bulk (or absent while the referring file is bulk); otherwise
//! it may name an existing record and is listed in [`Package::unresolved`] for the applier.
//!
//! Token matching (statuses, types, roles, booleans, grades) ignores ASCII case, since
//! spreadsheet exports write `TRUE` or `Scheduled`; column and file names are case-sensitive,
//! as the specification says.
//!
//! Size: files are streamed (nothing is extracted to disk) through `csv::ByteRecord`s with
//! each column looked up once per file. Records are compact (shared [`Id`]s, boxed text, no
//! per-row maps); duplicate detection sorts indices rather than building a map of every row.
//! Zip archives are bounded by [`Options::max_total_bytes`] and [`Options::max_file_bytes`],
//! counted on the bytes actually inflated.
//!
//! Measured with `tests/bench.rs` (release build, on the project's 2-core machine while other
//! builds ran): 100,000 users and 1,000,000 enrollments (156 MB of CSV) parse in about 2.3 s
//! with a peak heap of 305 MB, 291 MB of which the [`Package`] keeps; 1,000,000 users and
//! 10,000,000 enrollments (1.56 GB) in about 34 s with a peak heap of 3.5 GB. Most of the time
//! goes to looking ids up in the interner (memory latency, not computation).
//!
//! ```
//! use waypoint_import_export::oneroster::{read_files, Options, Version};
//!
//! let files = vec![
//!     ("manifest.csv".to_string(), b"propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.orgs,bulk\n".to_vec()),
//!     ("orgs.csv".to_string(), b"sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\norg-1,,,North High,school,,\n".to_vec()),
//! ];
//! let package = read_files(files, &Options::default()).unwrap();
//! assert_eq!(package.version, Version::V1_2);
//! assert_eq!(&*package.orgs[0].name, "North High");
//! ```

mod csvread;
mod files;
mod issue;
mod link;
mod manifest;
mod model;
mod source;
mod values;

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

pub use issue::{Code, Issue, Report};
pub use model::{
    AcademicSession, Class, ClassType, Course, Demographics, DetachedRole, Enrollment, EnrollmentRole, FileKind,
    FileMode, Grade, Id, Org, OrgType, Package, Role, RoleAssignment, RoleType, SessionType, Sex, Status, Text,
    UnresolvedRef, User, UserId, UserProfile, Version,
};

use csvread::{Cx, Interner};
use issue::Issues;
use link::{AllParsed, FileStates};
use source::{DirSource, Limited, MemSource, Source, ZipSource};

/// Limits and choices for reading a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The most bytes read from the package's files in total, uncompressed (default 4 GiB).
    pub max_total_bytes: u64,
    /// The most bytes read from one file, uncompressed (default 2 GiB).
    pub max_file_bytes: u64,
    /// How many errors are listed in a [`Report`]; further ones are only counted (default 1,000).
    pub max_errors: usize,
    /// How many warnings are listed; further ones are only counted (default 1,000).
    pub max_warnings: usize,
    /// `userIds` types that hold the state student id, compared exactly
    /// (default `State`, `state`, `SSID`).
    pub state_id_types: Vec<String>,
    /// Whether `identifier` is the state id when no `userIds` entry has a state type
    /// (default `true`).
    pub identifier_is_state_id: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_total_bytes: 4 << 30,
            max_file_bytes: 2 << 30,
            max_errors: 1000,
            max_warnings: 1000,
            state_id_types: vec!["State".into(), "state".into(), "SSID".into()],
            identifier_is_state_id: true,
        }
    }
}

/// Reads a package from a folder or, for anything else, a zip file.
pub fn read_path(path: impl AsRef<Path>, options: &Options) -> Result<Package, Report> {
    let path = path.as_ref();
    if path.is_dir() {
        read_dir(path, options)
    } else {
        read_zip(path, options)
    }
}

/// Reads a package from a folder holding `manifest.csv` and the CSV files (not recursive).
pub fn read_dir(path: impl AsRef<Path>, options: &Options) -> Result<Package, Report> {
    let path = path.as_ref();
    match DirSource::new(path) {
        Ok(mut src) => read_source(&mut src, options),
        Err(e) => Err(single(
            options,
            Code::Io,
            &path.display().to_string(),
            format!("the folder could not be read: {e}"),
        )),
    }
}

/// Reads a package from a zip file. The CSV files may be at the top of the archive or in a
/// single top-level folder (the one holding `manifest.csv`). Entries with absolute paths or
/// `..` reject the package. Entries are inflated while parsing; nothing is written to disk.
pub fn read_zip(path: impl AsRef<Path>, options: &Options) -> Result<Package, Report> {
    let path = path.as_ref();
    match File::open(path) {
        Ok(f) => read_zip_reader(BufReader::new(f), options),
        Err(e) => Err(single(
            options,
            Code::Io,
            &path.display().to_string(),
            format!("the file could not be opened: {e}"),
        )),
    }
}

/// Reads a package from a zip archive in any seekable reader (e.g. an uploaded file in
/// memory, as `std::io::Cursor<Vec<u8>>`).
pub fn read_zip_reader<R: Read + Seek>(reader: R, options: &Options) -> Result<Package, Report> {
    match ZipSource::new(reader) {
        Ok(mut src) => read_source(&mut src, options),
        Err(e) => Err(single(
            options,
            Code::Zip,
            "",
            format!("the file is not a readable zip archive ({e})"),
        )),
    }
}

/// Reads a package given as `(file name, bytes)` pairs, e.g. uploaded files. Names may carry
/// one common folder, as in a zip.
pub fn read_files<I>(files: I, options: &Options) -> Result<Package, Report>
where
    I: IntoIterator<Item = (String, Vec<u8>)>,
{
    read_source(&mut MemSource::new(files), options)
}

fn single(options: &Options, code: Code, file: &str, message: String) -> Report {
    let mut issues = Issues::new(options.max_errors, options.max_warnings);
    issues.error(code, file, None, None, || message);
    issues.into_report()
}

/// The order in which issues are listed: package-level first, then files in reading order.
fn rank(file: &str) -> usize {
    FileKind::from_file_name(file).map_or(0, |k| k as usize + 1)
}

fn reject(mut cx: Cx) -> Report {
    cx.issues.sort(rank);
    cx.issues.into_report()
}

/// Finds the package's files: checks every entry path (zip-slip), then takes the files at the
/// top of the archive, or, if there is no `manifest.csv` there, those of the one folder that
/// holds a `manifest.csv`. Returns the entry index of each file name, or `None` if the
/// package must be rejected.
fn layout(entries: &[source::Entry], cx: &mut Cx) -> Option<HashMap<String, usize>> {
    let mut unsafe_found = false;
    for e in entries {
        if let Some(why) = source::unsafe_path(&e.path) {
            unsafe_found = true;
            let path = e.path.clone();
            cx.issues.error(Code::ZipPath, &path, None, None, || {
                format!(
                    "the archive entry \"{}\" was refused because {why}; the package was rejected for safety",
                    values::truncate(&path)
                )
            });
        }
    }
    if unsafe_found {
        return None;
    }
    let files: Vec<(usize, Vec<&str>)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.is_dir)
        .map(|(i, e)| (i, source::components(&e.path)))
        .filter(|(_, c)| !c.is_empty() && !source::is_archiver_noise(c))
        .collect();
    // The package's folder: the top of the archive, or else the one folder whose
    // manifest.csv is directly inside it (exports are often zipped with their folder).
    let top_has_manifest = files.iter().any(|(_, c)| c.len() == 1 && c[0] == "manifest.csv");
    let folder: Option<&str> = if top_has_manifest {
        None
    } else {
        let mut found = files
            .iter()
            .filter(|(_, c)| c.len() == 2 && c[1] == "manifest.csv")
            .map(|(_, c)| c[0]);
        match (found.next(), found.next()) {
            (Some(f), None) => Some(f),
            _ => None,
        }
    };
    let mut names = HashMap::new();
    for (i, comps) in &files {
        let rel: &[&str] = match folder {
            None => comps,
            Some(f) if comps[0] == f => &comps[1..],
            Some(_) => &[],
        };
        let path = &entries[*i].path;
        if rel.len() == 1 {
            if names.insert(rel[0].to_owned(), *i).is_some() {
                cx.issues.error(Code::ZipPath, path, None, None, || {
                    format!("the package contains \"{}\" more than once", values::truncate(rel[0]))
                });
            }
        } else if path.to_ascii_lowercase().ends_with(".csv") {
            let p = path.clone();
            let place = match folder {
                Some(f) => format!("the package's folder \"{}\"", values::truncate(f)),
                None => "the top of the archive".to_owned(),
            };
            cx.issues.warn(Code::UnknownFile, &p, None, None, || {
                format!(
                    "\"{}\" is not in {place}, next to manifest.csv, and was ignored",
                    values::truncate(&p)
                )
            });
        }
    }
    if cx.issues.has_errors() { None } else { Some(names) }
}

/// A note for a missing file that exists under another letter case.
fn case_hint(names: &HashMap<String, usize>, wanted: &str) -> String {
    names
        .keys()
        .find(|n| n.eq_ignore_ascii_case(wanted))
        .map(|n| format!(" (the package has \"{n}\", but file names are case-sensitive)"))
        .unwrap_or_default()
}

fn read_source(src: &mut dyn Source, opts: &Options) -> Result<Package, Report> {
    let mut cx = Cx {
        opts,
        version: Version::V1_2,
        issues: Issues::new(opts.max_errors, opts.max_warnings),
        interner: Interner::default(),
    };
    let Some(names) = layout(src.entries(), &mut cx) else {
        return Err(reject(cx));
    };

    // Unknown top-level CSV files.
    let mut unknown: Vec<&String> = names
        .keys()
        .filter(|n| n.as_str() != "manifest.csv" && FileKind::from_file_name(n).is_none())
        .filter(|n| n.to_ascii_lowercase().ends_with(".csv"))
        .collect();
    unknown.sort();
    for n in unknown {
        let hint = values::did_you_mean(n, FileKind::ALL.iter().map(|k| k.file_name()))
            .map(|k| format!("; did you mean {k}? (file names are case-sensitive)"))
            .unwrap_or_default();
        cx.issues.warn(Code::UnknownFile, n, None, None, || {
            format!("{} is not a OneRoster file and was ignored{hint}", values::truncate(n))
        });
    }

    let used = Cell::new(0u64);
    let entries: Vec<source::Entry> = src.entries().to_vec();

    // The manifest.
    let Some(&mi) = names.get("manifest.csv") else {
        let hint = case_hint(&names, "manifest.csv");
        cx.issues.error(Code::Manifest, "manifest.csv", None, None, || {
            format!("the package has no manifest.csv; every OneRoster package needs one{hint}")
        });
        return Err(reject(cx));
    };
    let manifest = match src.open(mi) {
        Ok(input) => manifest::read(
            Limited::new(input, opts.max_file_bytes, &used, opts.max_total_bytes),
            &mut cx,
        ),
        Err(e) => {
            open_error(&mut cx, "manifest.csv", &e);
            None
        }
    };
    let Some(manifest) = manifest else {
        return Err(reject(cx));
    };
    cx.version = manifest.version;

    // The manifest against the files present.
    let mut st = FileStates {
        mode: HashMap::new(),
        broken: HashSet::new(),
    };
    let mut to_read: Vec<(FileKind, usize)> = Vec::new();
    for &kind in FileKind::ALL {
        if kind == FileKind::Manifest {
            continue;
        }
        let file = kind.file_name();
        let declared = manifest.files.get(&kind).copied();
        let present = names.get(file).copied();
        let prop = format!("file.{}", kind.name());
        match (declared, present) {
            (Some(mode @ (FileMode::Bulk | FileMode::Delta)), None) => {
                st.broken.insert(kind);
                let hint = case_hint(&names, file);
                cx.issues
                    .error(Code::MissingFile, "manifest.csv", None, Some(&prop), || {
                        format!(
                            "the manifest declares {file} as {}, but the package has no {file}{hint}",
                            mode.as_str()
                        )
                    });
            }
            (Some(FileMode::Absent), Some(_)) => {
                st.broken.insert(kind);
                cx.issues.error(Code::UndeclaredFile, file, None, Some(&prop), || {
                    format!("{file} is in the package, but the manifest declares it absent ({prop},absent)")
                });
            }
            (None, Some(_)) => {
                st.broken.insert(kind);
                cx.issues.error(Code::UndeclaredFile, file, None, Some(&prop), || {
                    format!("{file} is in the package, but the manifest does not declare it (add {prop},bulk or delta)")
                });
            }
            (Some(_), Some(_)) if !kind.is_imported(manifest.version) => {
                let why = if matches!(kind, FileKind::Roles | FileKind::UserProfiles) {
                    " because it is not part of OneRoster 1.1"
                } else {
                    "; Waypoint does not import this kind of data"
                };
                cx.issues.warn(Code::IgnoredFile, file, None, None, || {
                    format!("{file} was ignored{why}")
                });
            }
            (Some(mode), Some(i)) => {
                st.mode.insert(kind, mode);
                to_read.push((kind, i));
            }
            (Some(FileMode::Absent), None) | (None, None) => {}
        }
    }

    // Declared sizes, before inflating anything more.
    let mut total = entries[mi].size;
    to_read.retain(|&(kind, i)| {
        let size = entries[i].size;
        if size > opts.max_file_bytes {
            st.broken.insert(kind);
            let (limit, file) = (opts.max_file_bytes, kind.file_name());
            cx.issues.error(Code::TooLarge, file, None, None, || {
                csvread::too_large_message(limit, false)
            });
            return false;
        }
        total = total.saturating_add(size);
        true
    });
    if total > opts.max_total_bytes {
        let limit = opts.max_total_bytes;
        cx.issues.error(Code::TooLarge, "", None, None, || {
            csvread::too_large_message(limit, true)
        });
        return Err(reject(cx));
    }

    // The files, in dependency order (FileKind's order).
    to_read.sort();
    let mut p = AllParsed::default();
    for (kind, i) in to_read {
        let mode = st.mode[&kind];
        let input = match src.open(i) {
            Ok(input) => input,
            Err(e) => {
                st.broken.insert(kind);
                open_error(&mut cx, kind.file_name(), &e);
                continue;
            }
        };
        let input = Limited::new(input, opts.max_file_bytes, &used, opts.max_total_bytes);
        match kind {
            FileKind::Orgs => p.orgs = files::orgs(input, mode, &mut cx),
            FileKind::AcademicSessions => p.sessions = files::sessions(input, mode, &mut cx),
            FileKind::Courses => p.courses = files::courses(input, mode, &mut cx),
            FileKind::Classes => p.classes = files::classes(input, mode, &mut cx),
            FileKind::Users => p.users = files::users(input, mode, &mut cx),
            FileKind::Roles => p.roles = files::roles(input, mode, &mut cx),
            FileKind::UserProfiles => p.profiles = files::user_profiles(input, mode, &mut cx),
            FileKind::Demographics => p.demographics = files::demographics(input, mode, &mut cx),
            FileKind::Enrollments => p.enrollments = files::enrollments(input, mode, &mut cx),
            _ => {}
        }
    }
    // The interner's job is done; its table is not needed for linking.
    cx.interner = Interner::default();

    let linked = link::link(p, &st, &mut cx);
    if cx.issues.has_errors() {
        return Err(reject(cx));
    }
    cx.issues.sort(rank);
    let report = cx.issues.into_report();
    Ok(Package {
        version: manifest.version,
        manifest_version: manifest.manifest_version,
        source_system_name: manifest.source_system_name,
        source_system_code: manifest.source_system_code,
        files: manifest.files,
        orgs: linked.orgs,
        sessions: linked.sessions,
        courses: linked.courses,
        classes: linked.classes,
        users: linked.users,
        detached_roles: linked.detached_roles,
        user_profiles: linked.user_profiles,
        enrollments: linked.enrollments,
        demographics: linked.demographics,
        unresolved: linked.unresolved,
        warnings: report.warnings,
        warnings_truncated: report.warnings_truncated,
    })
}

fn open_error(cx: &mut Cx, file: &str, e: &std::io::Error) {
    cx.issues.error(Code::Zip, file, None, None, || {
        format!("the file could not be read from the archive ({e})")
    });
}
