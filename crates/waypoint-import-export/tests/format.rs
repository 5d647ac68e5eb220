//! The CSV layer: line endings, BOM, quoting, encoding, headers.

mod common;

use common::{errors, files, issue, manifest};
use waypoint_import_export::oneroster::{Code, Options, Package, Report, read_files};

fn orgs_package(orgs: &[u8]) -> Result<Package, Report> {
    let m = manifest("1.2", &[("orgs", "bulk")]);
    read_files(
        vec![
            ("manifest.csv".to_owned(), m.into_bytes()),
            ("orgs.csv".to_owned(), orgs.to_vec()),
        ],
        &Options::default(),
    )
}

#[test]
fn crlf_bom_and_quoted_fields_with_commas_and_newlines() {
    let mut orgs = b"\xEF\xBB\xBFsourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\n".to_vec();
    orgs.extend_from_slice(b"o1,,,\"Riverbend, \"\"North\"\" Campus\",school,,\r\n");
    orgs.extend_from_slice(b"o2,,,\"Two\r\nLines\",school,,o1\r\n");
    orgs.extend_from_slice(b"o3,,,Three,nowhere,,o1\r\n");
    let r = orgs_package(&orgs).unwrap_err();
    // The row after the two-line value is on line 5.
    assert_eq!(
        errors(&r),
        vec![issue("orgs.csv", Some(5), Some("type"), Code::BadEnum)]
    );

    orgs.truncate(orgs.len() - b"o3,,,Three,nowhere,,o1\r\n".len());
    let p = orgs_package(&orgs).unwrap();
    assert_eq!(&*p.orgs[0].name, "Riverbend, \"North\" Campus");
    assert_eq!(&*p.orgs[1].name, "Two\r\nLines");
    assert_eq!((p.orgs[0].line, p.orgs[1].line), (2, 3));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn manifest_with_bom_and_crlf() {
    let m = "\u{feff}propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\nfile.orgs,bulk\r\n";
    let p = read_files(
        files(&[("manifest.csv", m), ("orgs.csv", "sourcedId,name,type\no1,One,school")]),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(p.orgs.len(), 1);
}

#[test]
fn header_whitespace_and_trailing_empty_columns_are_tolerated() {
    let p = orgs_package(b" sourcedId , name\t,type,,,\no1,One,school\no2,Two,school,,\n").unwrap();
    assert_eq!(p.orgs.len(), 2);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn blank_lines_are_skipped() {
    let p = orgs_package(b"sourcedId,name,type\n\no1,One,school\n,,\n\no2,Two,school\n").unwrap();
    assert_eq!(p.orgs.iter().map(|o| o.line).collect::<Vec<_>>(), vec![3, 6]);
}

#[test]
fn unknown_column_is_a_warning_naming_file_and_column() {
    let p = orgs_package(b"sourcedId,name,type,colour,nmae\no1,One,school,blue,x\n").unwrap();
    let w: Vec<_> = p
        .warnings
        .iter()
        .map(|w| (w.code, w.file.as_str(), w.line, w.field.as_deref()))
        .collect();
    assert_eq!(
        w,
        vec![
            (Code::UnknownColumn, "orgs.csv", Some(1), Some("colour")),
            (Code::UnknownColumn, "orgs.csv", Some(1), Some("nmae")),
        ]
    );
    assert!(
        p.warnings[1].message.contains("did you mean name?"),
        "{}",
        p.warnings[1].message
    );
    // Extension columns are allowed by the specification.
    let p = orgs_package(b"sourcedId,name,type,metadata.region\no1,One,school,north\n").unwrap();
    assert!(p.warnings.is_empty());
}

#[test]
fn header_names_are_case_sensitive() {
    let r = orgs_package(b"SourcedId,name,type\no1,One,school\n").unwrap_err();
    assert_eq!(
        errors(&r),
        vec![issue("orgs.csv", Some(1), Some("sourcedId"), Code::MissingColumn)]
    );
    assert!(r.errors[0].message.contains("SourcedId"), "{}", r.errors[0].message);
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].field.as_deref(), Some("SourcedId"));
}

#[test]
fn extra_values_beyond_the_header_are_warned_about_once() {
    let p = orgs_package(b"sourcedId,name,type\no1,One,school,surprise\no2,Two,school,again\n").unwrap();
    let w: Vec<_> = p.warnings.iter().map(|w| (w.code, w.line)).collect();
    assert_eq!(w, vec![(Code::ExtraValues, Some(2))]);
}

#[test]
fn non_utf8_line_is_reported_with_its_line() {
    let r = orgs_package(b"sourcedId,name,type\no1,One,school\no2,Jos\xE9 Mart\xED High,school\no3,Three,school\n")
        .unwrap_err();
    assert_eq!(errors(&r), vec![issue("orgs.csv", Some(3), None, Code::Encoding)]);
    assert!(r.errors[0].message.contains("0xE9") && r.errors[0].message.contains("UTF-8"));
    // Inside a multi-line value, the line of the bad byte.
    let r = orgs_package(b"sourcedId,name,type\no1,\"One\nand \xFF\",school\n").unwrap_err();
    assert_eq!(errors(&r), vec![issue("orgs.csv", Some(3), None, Code::Encoding)]);
    // A non-UTF-8 header.
    let r = orgs_package(b"sourcedId,n\xE4me,type\n").unwrap_err();
    assert_eq!(errors(&r), vec![issue("orgs.csv", Some(1), None, Code::Encoding)]);
}

#[test]
fn broken_quoting_is_reported_with_its_line() {
    // A quote inside an unquoted value.
    let r = orgs_package(b"sourcedId,name,type\no1,One,school\no2,The \"Best\" School,school\n").unwrap_err();
    assert_eq!(errors(&r), vec![issue("orgs.csv", Some(3), None, Code::CsvSyntax)]);
    // Text after a closing quote.
    let r = orgs_package(b"sourcedId,name,type\no1,\"One\"x,school\n").unwrap_err();
    assert_eq!(errors(&r), vec![issue("orgs.csv", Some(2), None, Code::CsvSyntax)]);
    // A quote that is never closed: reported where it opens.
    let r = orgs_package(b"sourcedId,name,type\no1,One,school\no2,\"Two,school\no3,Three,school\n").unwrap_err();
    assert_eq!(errors(&r), vec![issue("orgs.csv", Some(3), None, Code::CsvSyntax)]);
    assert!(r.errors[0].message.contains("closing quote"));
}

#[test]
fn rows_before_a_syntax_error_are_still_checked() {
    let r = orgs_package(b"sourcedId,name,type\no1,One,nowhere\no2,Two\"s,school\n").unwrap_err();
    assert_eq!(
        errors(&r),
        vec![
            issue("orgs.csv", Some(2), Some("type"), Code::BadEnum),
            issue("orgs.csv", Some(3), None, Code::CsvSyntax)
        ]
    );
}

#[test]
fn lf_and_no_final_newline() {
    let p = orgs_package(b"sourcedId,name,type\no1,One,school\no2,Two,school").unwrap();
    assert_eq!(p.orgs.len(), 2);
}

#[test]
fn password_columns_are_never_read() {
    let m = manifest("1.2", &[("users", "bulk"), ("userProfiles", "bulk")]);
    let users = "sourcedId,enabledUser,username,givenName,familyName,password\nu1,true,ann,Ann,Ash,hunter2\n";
    let profiles = "sourcedId,userSourcedId,profileType,vendorId,credentialType,username,password\n\
                    p1,u1,SYSTEM,V-1,login,ann.ash,s3cret\n";
    let p = read_files(
        files(&[
            ("manifest.csv", &m),
            ("users.csv", users),
            ("userProfiles.csv", profiles),
        ]),
        &Options::default(),
    )
    .unwrap();
    let debug = format!("{p:?}");
    assert!(!debug.contains("hunter2") && !debug.contains("s3cret"));
    assert_eq!(&*p.user_profiles[0].username, "ann.ash");
    assert_eq!(p.warnings.iter().filter(|w| w.code == Code::IgnoredColumn).count(), 2);
}
