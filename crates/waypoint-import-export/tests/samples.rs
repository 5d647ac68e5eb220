//! The reader over the OneRoster sample packages in the shared data folder (synthetic fixtures
//! of another project, read in place and not copied here). Their known defects must come out as
//! issues, never as a panic. Skipped when the folder is not there: it is found through
//! `WAYPOINT_DATA_DIR`, or at `../shared/data` beside the repository.

use std::path::PathBuf;

use time::macros::date;
use waypoint_import_export::oneroster::{
    Code, FileKind, FileMode, Issue, Options, Report, Role, RoleType, Status, read_dir,
};

fn sample(name: &str) -> Option<PathBuf> {
    let base = std::env::var_os("WAYPOINT_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let dir = base.join("oneroster-sample").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is not there", dir.display());
        None
    }
}

fn has(issues: &[Issue], file: &str, line: Option<u32>, field: &str, code: Code) -> bool {
    issues
        .iter()
        .any(|i| i.file == file && i.line == line && i.field.as_deref() == Some(field) && i.code == code)
}

fn rejected(name: &str) -> Option<Report> {
    let dir = sample(name)?;
    match read_dir(dir, &Options::default()) {
        Ok(p) => panic!("{name} should be rejected, got {} users", p.users.len()),
        Err(r) => Some(r),
    }
}

/// No issue may come from CRLF line endings, quoting or encoding: those files are well-formed.
fn no_syntax_issues(r: &Report) {
    for i in r.errors.iter().chain(&r.warnings) {
        assert!(
            !matches!(
                i.code,
                Code::CsvSyntax | Code::Encoding | Code::MissingColumn | Code::Io
            ),
            "{i}"
        );
    }
}

#[test]
fn v1p1_full_data_set() {
    let Some(r) = rejected("v1p1_Test_full_data_set") else {
        return;
    };
    no_syntax_issues(&r);
    // Classes refer to courses although courses.csv is absent.
    assert!(has(
        &r.errors,
        "classes.csv",
        Some(2),
        "courseSourcedId",
        Code::UnknownReference
    ));
    assert!(has(
        &r.errors,
        "classes.csv",
        Some(3),
        "courseSourcedId",
        Code::UnknownReference
    ));
    // Parents that are not in the package.
    assert!(has(
        &r.errors,
        "orgs.csv",
        Some(2),
        "parentSourcedId",
        Code::UnknownReference
    ));
    assert!(has(
        &r.errors,
        "academicSessions.csv",
        Some(3),
        "parentSourcedId",
        Code::UnknownReference
    ));
    // Mixed date formats: a bare date where a date and time is required.
    assert!(has(
        &r.errors,
        "academicSessions.csv",
        Some(4),
        "dateLastModified",
        Code::BadDate
    ));
    assert!(has(&r.errors, "users.csv", Some(2), "dateLastModified", Code::BadDate));
    // 1.1's inactive and tobedeleted rows are valid statuses.
    assert!(!r.errors.iter().any(|e| e.field.as_deref() == Some("status")));
    assert!(has(&r.warnings, "users.csv", Some(1), "password", Code::IgnoredColumn));
    assert_eq!(r.error_count(), 12, "{r}");
}

#[test]
fn v1p1_minimal_data_set() {
    let Some(r) = rejected("v1p1_Test_minimal_data_set") else {
        return;
    };
    no_syntax_issues(&r);
    assert!(has(
        &r.errors,
        "classes.csv",
        Some(2),
        "courseSourcedId",
        Code::UnknownReference
    ));
    assert!(has(
        &r.errors,
        "classes.csv",
        Some(3),
        "courseSourcedId",
        Code::UnknownReference
    ));
    assert_eq!(r.error_count(), 2, "{r}");
}

#[test]
fn v1p2_full_dataset() {
    let Some(r) = rejected("v1p2_full_dataset") else { return };
    no_syntax_issues(&r);
    // Misspelled headers are named, with the likely intended column.
    assert!(has(
        &r.warnings,
        "roles.csv",
        Some(1),
        "dataLastModified",
        Code::UnknownColumn
    ));
    for col in ["prefferedGivenName", "prefferedMiddleName", "prefferedFamilyName"] {
        assert!(
            has(&r.warnings, "users.csv", Some(1), col, Code::UnknownColumn),
            "{col}"
        );
    }
    let hint = r
        .warnings
        .iter()
        .find(|w| w.field.as_deref() == Some("dataLastModified"))
        .unwrap();
    assert!(hint.message.contains("dateLastModified"), "{hint}");
    // The lower-case userprofiles.csv is not userProfiles.csv.
    assert!(r.warnings.iter().any(|w| w.code == Code::UnknownFile
        && w.file == "userprofiles.csv"
        && w.message.contains("userProfiles.csv")));
    // Manifest lines without a value.
    assert!(has(
        &r.warnings,
        "manifest.csv",
        Some(22),
        "file.userProfiles",
        Code::Manifest
    ));
    // Trailing empty header columns in roles.csv are not issues.
    assert!(!r.warnings.iter().any(|w| w.file == "roles.csv" && w.field.is_none()));
    // Day-first dates.
    assert!(has(&r.errors, "users.csv", Some(2), "dateLastModified", Code::BadDate));
    assert!(has(&r.errors, "users.csv", Some(7), "dateLastModified", Code::BadDate));
    assert!(r.errors.iter().any(|e| e.message.contains("15/06/2023")));
    // "inactive" is not a 1.2 status.
    assert!(has(&r.errors, "academicSessions.csv", Some(4), "status", Code::BadEnum));
    assert!(has(
        &r.errors,
        "classes.csv",
        Some(2),
        "courseSourcedId",
        Code::UnknownReference
    ));
}

#[test]
fn v1p2_delta_test_data_is_read() {
    let Some(dir) = sample("v1p2_oneroster_test_data") else {
        return;
    };
    let p = read_dir(dir, &Options::default()).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(p.mode(FileKind::Users), FileMode::Delta);
    assert_eq!(p.source_system_name.as_deref(), Some("DataGen"));
    assert_eq!(
        (p.orgs.len(), p.sessions.len(), p.courses.len(), p.classes.len()),
        (1, 1, 1, 1)
    );
    assert_eq!(
        (
            p.users.len(),
            p.enrollments.len(),
            p.demographics.len(),
            p.user_profiles.len()
        ),
        (1, 1, 1, 1)
    );
    let u = &p.users[0];
    assert_eq!(
        (u.enabled, u.status, &*u.username),
        (true, Status::Active, "brucewayne")
    );
    assert_eq!(u.roles.len(), 1);
    assert_eq!(
        (u.roles[0].role, u.roles[0].role_type, &*u.roles[0].org),
        (Role::Student, RoleType::Primary, "ORG_1")
    );
    assert_eq!(p.demographics[0].birth_date, Some(date!(2010 - 04 - 17)));
    assert!(p.unresolved.is_empty(), "{:?}", p.unresolved);
    // The fixture's passwords are neither kept nor shown.
    assert!(!format!("{p:?}").contains("Batman"));
    assert_eq!(p.warnings.iter().filter(|w| w.code == Code::IgnoredColumn).count(), 2);
}
