//! Each kind of error is reported exactly once, at the right file, line and field.

mod common;

use common::{errors, files, fixture_files, issue, manifest, with_file};
use waypoint_import_export::oneroster::{Code, Options, Report, read_files};

fn reject(f: Vec<(String, Vec<u8>)>) -> Report {
    match read_files(f, &Options::default()) {
        Ok(p) => panic!("expected the package to be rejected, got {p:#?}"),
        Err(r) => r,
    }
}

/// The valid 1.2 fixture with one file replaced.
fn v12_with(name: &str, content: &str) -> Report {
    reject(with_file(fixture_files("v1p2_bulk"), name, content))
}

const ORGS_HEAD: &str = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n";
const ORGS_OK: &str = "dist-1,,,District,district,,\nsch-hs,,,High,school,,dist-1\nsch-ms,,,Middle,school,,dist-1\n";

#[test]
fn missing_manifest() {
    let r = reject(files(&[("orgs.csv", ORGS_HEAD)]));
    assert_eq!(errors(&r), vec![issue("manifest.csv", None, None, Code::Manifest)]);
}

#[test]
fn missing_manifest_with_wrong_case_gets_a_hint() {
    let r = reject(files(&[("Manifest.csv", "propertyName,value\n")]));
    assert_eq!(errors(&r), vec![issue("manifest.csv", None, None, Code::Manifest)]);
    assert!(r.errors[0].message.contains("Manifest.csv"), "{}", r.errors[0].message);
}

#[test]
fn declared_file_missing() {
    let m = manifest("1.2", &[("orgs", "bulk"), ("users", "bulk")]);
    let r = reject(files(&[("manifest.csv", &m), ("orgs.csv", ORGS_HEAD)]));
    assert_eq!(
        errors(&r),
        vec![issue("manifest.csv", None, Some("file.users"), Code::MissingFile)]
    );
}

#[test]
fn present_file_declared_absent_or_not_declared() {
    let m = manifest("1.2", &[("orgs", "absent")]);
    let users = "sourcedId,enabledUser,username,givenName,familyName\n";
    let r = reject(files(&[
        ("manifest.csv", &m),
        ("orgs.csv", ORGS_HEAD),
        ("users.csv", users),
    ]));
    assert_eq!(
        errors(&r),
        vec![
            issue("orgs.csv", None, Some("file.orgs"), Code::UndeclaredFile),
            issue("users.csv", None, Some("file.users"), Code::UndeclaredFile),
        ]
    );
}

#[test]
fn bad_manifest_values() {
    let m = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.0\nfile.orgs,full\n";
    let r = reject(files(&[("manifest.csv", m), ("orgs.csv", ORGS_HEAD)]));
    assert_eq!(
        errors(&r),
        vec![
            issue("manifest.csv", Some(3), Some("oneroster.version"), Code::Manifest),
            issue("manifest.csv", Some(4), Some("file.orgs"), Code::Manifest),
        ]
    );
    let m = "propertyName,value\nmanifest.version,1.0\n";
    let r = reject(files(&[("manifest.csv", m)]));
    assert_eq!(
        errors(&r),
        vec![issue("manifest.csv", None, Some("oneroster.version"), Code::Manifest)]
    );
}

#[test]
fn missing_required_column() {
    let users = "sourcedId,status,dateLastModified,enabledUser,username,familyName\nu1,,,true,x,Y\n";
    let r = v12_with("users.csv", users);
    assert_eq!(
        errors(&r),
        vec![issue("users.csv", Some(1), Some("givenName"), Code::MissingColumn)]
    );
    // The rest of the package is still checked, without a cascade of errors about users.
    assert_eq!(r.errors.len(), 1);
}

#[test]
fn missing_1_1_columns() {
    let mut f = fixture_files("v1p1_bulk");
    let users = "sourcedId,enabledUser,username,givenName,familyName\n";
    f = with_file(f, "users.csv", users);
    let r = reject(f);
    assert_eq!(
        errors(&r),
        vec![
            issue("users.csv", Some(1), Some("orgSourcedIds"), Code::MissingColumn),
            issue("users.csv", Some(1), Some("role"), Code::MissingColumn),
        ]
    );
}

#[test]
fn required_values() {
    let orgs = format!("{ORGS_HEAD}{ORGS_OK},active,,,school,,\n");
    let r = v12_with("orgs.csv", &orgs);
    assert_eq!(
        errors(&r),
        vec![
            issue("orgs.csv", Some(5), Some("sourcedId"), Code::Required),
            issue("orgs.csv", Some(5), Some("name"), Code::Required),
        ]
    );
}

#[test]
fn bad_status() {
    let orgs = format!(
        "{ORGS_HEAD}dist-1,deleted,,District,district,,\nsch-hs,,,High,school,,dist-1\nsch-ms,inactive,,Middle,school,,dist-1\n"
    );
    let r = v12_with("orgs.csv", &orgs);
    assert_eq!(
        errors(&r),
        vec![
            issue("orgs.csv", Some(2), Some("status"), Code::BadEnum),
            issue("orgs.csv", Some(4), Some("status"), Code::BadEnum),
        ]
    );
    assert!(
        r.errors[1].message.contains("1.1"),
        "1.2 explains inactive: {}",
        r.errors[1].message
    );
}

#[test]
fn delta_rows_need_status_and_date() {
    let m = manifest("1.2", &[("orgs", "delta")]);
    let orgs = format!("{ORGS_HEAD}o1,,,One,school,,\no2,active,2025-01-01T00:00:00Z,Two,school,,\n");
    let r = reject(files(&[("manifest.csv", &m), ("orgs.csv", &orgs)]));
    assert_eq!(
        errors(&r),
        vec![
            issue("orgs.csv", Some(2), Some("status"), Code::Required),
            issue("orgs.csv", Some(2), Some("dateLastModified"), Code::Required),
        ]
    );
    // And the columns themselves are required in a delta file.
    let r = reject(files(&[("manifest.csv", &m), ("orgs.csv", "sourcedId,name,type\n")]));
    assert_eq!(
        errors(&r),
        vec![
            issue("orgs.csv", Some(1), Some("status"), Code::MissingColumn),
            issue("orgs.csv", Some(1), Some("dateLastModified"), Code::MissingColumn),
        ]
    );
}

#[test]
fn bad_dates_say_which_format_was_expected() {
    let sessions = "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n\
                    sy-2025,,2024-07-01,Year,schoolYear,2024-08-19,2025-06-06,,2025\n\
                    term-f,,,Fall,term,1/05/2023,2024-12-20,sy-2025,2025\n\
                    term-s,,,Spring,term,2025-06-06,2025-01-06,sy-2025,25\n";
    let r = v12_with("academicSessions.csv", sessions);
    assert_eq!(
        errors(&r),
        vec![
            issue("academicSessions.csv", Some(2), Some("dateLastModified"), Code::BadDate),
            issue("academicSessions.csv", Some(3), Some("startDate"), Code::BadDate),
            issue("academicSessions.csv", Some(4), Some("endDate"), Code::BadDate),
            issue("academicSessions.csv", Some(4), Some("schoolYear"), Code::BadValue),
        ]
    );
    assert!(r.errors[0].message.contains("ISO 8601"), "{}", r.errors[0].message);
    assert!(r.errors[1].message.contains("YYYY-MM-DD"), "{}", r.errors[1].message);
}

#[test]
fn bad_enums() {
    let orgs = format!(
        "{ORGS_HEAD}dist-1,,,District,district,,\nsch-hs,,,High,campus,,dist-1\nsch-ms,,,Middle,school,,dist-1\n"
    );
    let r = v12_with("orgs.csv", &orgs);
    assert_eq!(
        errors(&r),
        vec![issue("orgs.csv", Some(3), Some("type"), Code::BadEnum)]
    );
    assert!(
        r.errors[0].message.contains("department, school, district"),
        "{}",
        r.errors[0].message
    );

    let roles = "sourcedId,userSourcedId,roleType,role,orgSourcedId\n\
                 r-1,stu-1,primary,janitor,sch-hs\nr-2,stu-2,main,student,sch-hs\n";
    let r = v12_with("roles.csv", roles);
    assert_eq!(
        errors(&r),
        vec![
            issue("roles.csv", Some(2), Some("role"), Code::BadEnum),
            issue("roles.csv", Some(3), Some("roleType"), Code::BadEnum),
        ]
    );

    let enr = "sourcedId,classSourcedId,schoolSourcedId,userSourcedId,role,primary\n\
               e1,cls-hr,sch-hs,stu-1,counselor,\ne2,cls-hr,sch-hs,stu-2,student,yes\n";
    let r = v12_with("enrollments.csv", enr);
    assert_eq!(
        errors(&r),
        vec![
            issue("enrollments.csv", Some(2), Some("role"), Code::BadEnum),
            issue("enrollments.csv", Some(3), Some("primary"), Code::BadEnum),
        ]
    );

    let demo = "sourcedId,birthDate,sex,white\nstu-1,,x,\nstu-2,,,maybe\n";
    let r = v12_with("demographics.csv", demo);
    assert_eq!(
        errors(&r),
        vec![
            issue("demographics.csv", Some(2), Some("sex"), Code::BadEnum),
            issue("demographics.csv", Some(3), Some("white"), Code::BadEnum),
        ]
    );

    let courses = "sourcedId,title,grades,orgSourcedId\ncrs-alg1,Algebra,\"09,14\",sch-hs\ncrs-bio,Bio,,sch-hs\n";
    let r = v12_with("courses.csv", courses);
    assert_eq!(
        errors(&r),
        vec![issue("courses.csv", Some(2), Some("grades"), Code::BadEnum)]
    );
}

#[test]
fn bad_user_values() {
    let users = "sourcedId,enabledUser,username,userIds,givenName,familyName\n\
                 stu-1,sometimes,a,,A,A\nstu-2,true,b,State:9,B,B\ntch-1,true,c,,C,C\npar-1,true,d,,D,D\npar-2,true,e,,E,E\n";
    let r = v12_with("users.csv", users);
    assert_eq!(
        errors(&r),
        vec![
            issue("users.csv", Some(2), Some("enabledUser"), Code::BadEnum),
            issue("users.csv", Some(3), Some("userIds"), Code::BadValue),
        ]
    );
}

#[test]
fn duplicate_ids_name_both_lines() {
    let users = "sourcedId,enabledUser,username,givenName,familyName\n\
                 stu-1,true,a,A,A\nstu-2,true,b,B,B\nstu-1,true,c,C,C\ntch-1,true,d,D,D\npar-1,true,e,E,E\npar-2,true,f,F,F\n";
    let r = v12_with("users.csv", users);
    assert_eq!(
        errors(&r),
        vec![issue("users.csv", Some(4), Some("sourcedId"), Code::DuplicateId)]
    );
    let m = &r.errors[0].message;
    assert!(m.contains("line 2") && m.contains("line 4"), "{m}");
}

#[test]
fn dangling_references_in_bulk_files() {
    let enr = "sourcedId,classSourcedId,schoolSourcedId,userSourcedId,role\n\
               e1,cls-nope,sch-hs,stu-1,student\ne2,cls-hr,sch-nope,stu-nope,student\n";
    let r = v12_with("enrollments.csv", enr);
    assert_eq!(
        errors(&r),
        vec![
            issue(
                "enrollments.csv",
                Some(2),
                Some("classSourcedId"),
                Code::UnknownReference
            ),
            issue(
                "enrollments.csv",
                Some(3),
                Some("schoolSourcedId"),
                Code::UnknownReference
            ),
            issue(
                "enrollments.csv",
                Some(3),
                Some("userSourcedId"),
                Code::UnknownReference
            ),
        ]
    );
    assert!(r.errors[0].message.contains("cls-nope") && r.errors[0].message.contains("classes.csv"));

    let classes = "sourcedId,title,courseSourcedId,classType,schoolSourcedId,termSourcedIds\n\
                   cls-alg1-1,A,crs-nope,scheduled,sch-hs,term-f\ncls-bio-3,B,crs-bio,scheduled,dist-9,\"term-s,term-x\"\n\
                   cls-hr,H,crs-alg1,homeroom,sch-hs,term-f\n";
    let r = v12_with("classes.csv", classes);
    assert_eq!(
        errors(&r),
        vec![
            issue("classes.csv", Some(2), Some("courseSourcedId"), Code::UnknownReference),
            issue("classes.csv", Some(3), Some("schoolSourcedId"), Code::UnknownReference),
            issue("classes.csv", Some(3), Some("termSourcedIds"), Code::UnknownReference),
        ]
    );

    let orgs = format!(
        "{ORGS_HEAD}dist-1,,,District,district,,state-1\nsch-hs,,,High,school,,dist-1\nsch-ms,,,Mid,school,,dist-1\n"
    );
    let r = v12_with("orgs.csv", &orgs);
    assert_eq!(
        errors(&r),
        vec![issue(
            "orgs.csv",
            Some(2),
            Some("parentSourcedId"),
            Code::UnknownReference
        )]
    );

    let roles = "sourcedId,userSourcedId,roleType,role,orgSourcedId\n\
                 r-1,stu-1,primary,student,sch-hs\nr-2,stu-404,primary,student,sch-hs\nr-3,tch-1,primary,teacher,sch-404\n";
    let r = v12_with("roles.csv", roles);
    assert_eq!(
        errors(&r),
        vec![
            issue("roles.csv", Some(3), Some("userSourcedId"), Code::UnknownReference),
            issue("roles.csv", Some(4), Some("orgSourcedId"), Code::UnknownReference),
        ]
    );

    let users = "sourcedId,enabledUser,username,givenName,familyName,agentSourcedIds,primaryOrgSourcedId\n\
                 stu-1,true,a,A,A,par-404,sch-hs\nstu-2,true,b,B,B,,\ntch-1,true,c,C,C,,sch-404\npar-1,true,d,D,D,stu-1,\npar-2,true,e,E,E,,\n";
    let r = v12_with("users.csv", users);
    assert_eq!(
        errors(&r),
        vec![
            issue("users.csv", Some(2), Some("agentSourcedIds"), Code::UnknownReference),
            issue(
                "users.csv",
                Some(4),
                Some("primaryOrgSourcedId"),
                Code::UnknownReference
            ),
        ]
    );

    let demo = "sourcedId,birthDate\nstu-1,2010-01-01\nstu-404,2010-01-02\n";
    let r = v12_with("demographics.csv", demo);
    assert_eq!(
        errors(&r),
        vec![issue(
            "demographics.csv",
            Some(3),
            Some("sourcedId"),
            Code::UnknownReference
        )]
    );
}

#[test]
fn dangling_references_in_1_1_users() {
    let users = "sourcedId,enabledUser,orgSourcedIds,role,username,givenName,familyName\n\
                 stu-1,true,\"sch-hs,sch-404\",student,a,A,A\nstu-2,true,sch-hs,student,b,B,B\n\
                 tch-1,true,sch-hs,teacher,c,C,C\npar-1,true,sch-hs,parent,d,D,D\npar-2,true,sch-hs,guardian,e,E,E\n";
    let r = reject(with_file(fixture_files("v1p1_bulk"), "users.csv", users));
    assert_eq!(
        errors(&r),
        vec![issue(
            "users.csv",
            Some(2),
            Some("orgSourcedIds"),
            Code::UnknownReference
        )]
    );
}

#[test]
fn reference_to_an_absent_file_from_a_bulk_file() {
    let m = manifest("1.2", &[("orgs", "bulk"), ("classes", "bulk"), ("courses", "absent")]);
    let orgs = format!("{ORGS_HEAD}sch-1,,,School,school,,\n");
    let classes =
        "sourcedId,title,courseSourcedId,classType,schoolSourcedId,termSourcedIds\nc1,C,crs-1,scheduled,sch-1,t1\n";
    let r = reject(files(&[
        ("manifest.csv", &m),
        ("orgs.csv", &orgs),
        ("classes.csv", classes),
    ]));
    // Courses and academic sessions are absent: a bulk file must not refer to them.
    assert_eq!(
        errors(&r),
        vec![
            issue("classes.csv", Some(2), Some("courseSourcedId"), Code::UnknownReference),
            issue("classes.csv", Some(2), Some("termSourcedIds"), Code::UnknownReference),
        ]
    );
    assert!(
        r.errors[0].message.contains("not in this package"),
        "{}",
        r.errors[0].message
    );
}

#[test]
fn rows_with_errors_do_not_cascade() {
    // stu-1 has a bad enabledUser; references to stu-1 elsewhere are not reported again.
    let users = "sourcedId,enabledUser,username,givenName,familyName\n\
                 stu-1,maybe,a,A,A\nstu-2,true,b,B,B\ntch-1,true,c,C,C\npar-1,true,d,D,D\npar-2,true,e,E,E\n";
    let r = v12_with("users.csv", users);
    assert_eq!(
        errors(&r),
        vec![issue("users.csv", Some(2), Some("enabledUser"), Code::BadEnum)]
    );
}

#[test]
fn all_errors_are_collected_up_to_a_cap() {
    let mut orgs = ORGS_HEAD.to_owned();
    for i in 0..10 {
        orgs.push_str(&format!("o{i},,,Org,nowhere,,\n"));
    }
    let m = manifest("1.2", &[("orgs", "bulk")]);
    let f = files(&[("manifest.csv", &m), ("orgs.csv", &orgs)]);
    let r = read_files(f.clone(), &Options::default()).unwrap_err();
    assert_eq!((r.errors.len(), r.truncated), (10, 0));
    let r = read_files(
        f,
        &Options {
            max_errors: 3,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!((r.errors.len(), r.truncated, r.error_count()), (3, 7, 10));
    assert_eq!(
        r.errors.iter().map(|e| e.line).collect::<Vec<_>>(),
        vec![Some(2), Some(3), Some(4)]
    );
}

#[test]
fn duplicate_known_column() {
    let orgs = "sourcedId,name,type,name\no1,A,school,B\n";
    let m = manifest("1.2", &[("orgs", "bulk")]);
    let r = reject(files(&[("manifest.csv", &m), ("orgs.csv", orgs)]));
    assert_eq!(
        errors(&r),
        vec![issue("orgs.csv", Some(1), Some("name"), Code::DuplicateColumn)]
    );
}

#[test]
fn empty_file() {
    let m = manifest("1.2", &[("orgs", "bulk")]);
    let r = reject(files(&[("manifest.csv", &m), ("orgs.csv", "")]));
    assert_eq!(errors(&r), vec![issue("orgs.csv", Some(1), None, Code::CsvSyntax)]);
}

#[test]
fn messages_are_plain_english_and_display_well() {
    let r = v12_with(
        "orgs.csv",
        &format!("{ORGS_HEAD}dist-1,,,District,district,,\nsch-hs,,,,school,,dist-1\nsch-ms,,,M,school,,\n"),
    );
    let shown = r.to_string();
    assert!(
        shown.contains("orgs.csv, line 3, name: name is required but is empty [required]"),
        "{shown}"
    );
}

#[test]
fn duplicate_ids_in_a_large_file_kind() {
    // Enrollment and role ids are not interned; duplicates are still found exactly.
    let enr = "sourcedId,classSourcedId,schoolSourcedId,userSourcedId,role\n\
               e1,cls-hr,sch-hs,stu-1,student\ne2,cls-hr,sch-hs,stu-2,student\ne1,cls-bio-3,sch-hs,stu-2,student\n\
               e2,cls-bio-3,sch-hs,stu-1,student\ne1,cls-alg1-1,sch-hs,stu-1,student\n";
    let r = v12_with("enrollments.csv", enr);
    assert_eq!(
        errors(&r),
        vec![
            issue("enrollments.csv", Some(4), Some("sourcedId"), Code::DuplicateId),
            issue("enrollments.csv", Some(5), Some("sourcedId"), Code::DuplicateId),
            issue("enrollments.csv", Some(6), Some("sourcedId"), Code::DuplicateId),
        ]
    );
    assert!(
        r.errors[2].message.contains("first on line 2, again on line 6"),
        "{}",
        r.errors[2].message
    );
}
