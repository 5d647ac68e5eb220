//! Valid packages: 1.2 bulk, the same people in 1.1, and a delta package.

mod common;

use common::{files, fixture, fixture_files, manifest};
use time::macros::{date, datetime};
use waypoint_import_export::oneroster::{
    ClassType, Code, EnrollmentRole, FileKind, FileMode, Grade, OrgType, Package, Role, RoleType, SessionType, Sex,
    Status, UserId, Version, read_dir, read_files, read_path,
};

fn v12() -> Package {
    read_dir(fixture("v1p2_bulk"), &Default::default()).unwrap_or_else(|r| panic!("{r}"))
}

#[test]
fn valid_1_2_bulk_package_parses_fully() {
    let p = v12();
    assert_eq!(p.version, Version::V1_2);
    assert_eq!(&*p.manifest_version, "1.0");
    assert_eq!(p.source_system_name.as_deref(), Some("Invented SIS"));
    assert_eq!(p.mode(FileKind::Users), FileMode::Bulk);
    assert_eq!(p.mode(FileKind::UserProfiles), FileMode::Absent);
    assert_eq!(p.mode(FileKind::Results), FileMode::Absent);
    assert_eq!(
        (p.orgs.len(), p.sessions.len(), p.courses.len(), p.classes.len()),
        (3, 3, 2, 3)
    );
    assert_eq!((p.users.len(), p.enrollments.len(), p.demographics.len()), (5, 5, 2));
    assert!(p.unresolved.is_empty());
    assert!(p.detached_roles.is_empty());
    // The password column is present: a warning says it is not imported. Nothing else.
    let codes: Vec<Code> = p.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, vec![Code::IgnoredColumn], "{:?}", p.warnings);

    let hs = &p.orgs[1];
    assert_eq!(
        (&*hs.sourced_id, hs.org_type, hs.parent.as_deref()),
        ("sch-hs", OrgType::School, Some("dist-1"))
    );
    assert_eq!(hs.date_last_modified, Some(datetime!(2024-07-01 12:00 UTC)));
    assert_eq!(hs.line, 3);

    let fall = &p.sessions[1];
    assert_eq!(fall.session_type, SessionType::Term);
    assert_eq!(
        (fall.start_date, fall.end_date, fall.school_year),
        (date!(2024 - 08 - 19), date!(2024 - 12 - 20), 2025)
    );

    let bio = &p.courses[1];
    assert_eq!(bio.grades, vec![Grade::Level(10), Grade::Level(11)]);
    assert_eq!(bio.subjects, vec!["Science".into(), "Biology".into()]);

    let alg = &p.classes[0];
    assert_eq!(&*alg.title, "Algebra I, Period 1");
    assert_eq!(alg.terms.iter().map(|t| &**t).collect::<Vec<_>>(), ["term-f", "term-s"]);
    assert_eq!(p.classes[1].location.as_deref(), Some("Lab \"B\""));
    assert_eq!(p.classes[1].periods, vec!["3".into(), "4".into()]);
    assert_eq!(p.classes[2].class_type, ClassType::Homeroom);

    let avery = &p.users[0];
    assert_eq!(&*avery.username, "avery.quintana");
    assert_eq!((&*avery.given_name, &*avery.family_name), ("Avery", "Quintana"));
    assert_eq!(avery.preferred_given_name.as_deref(), Some("Ave"));
    assert_eq!(avery.pronouns.as_deref(), Some("they/them"));
    assert_eq!(
        avery.user_ids,
        vec![
            UserId {
                id_type: "State".into(),
                identifier: "CA-7000001".into()
            },
            UserId {
                id_type: "Fed".into(),
                identifier: "X1".into()
            },
        ]
    );
    assert_eq!(
        avery.state_id.as_deref(),
        Some("CA-7000001"),
        "a State userId wins over identifier"
    );
    assert_eq!(avery.agents.iter().map(|a| &**a).collect::<Vec<_>>(), ["par-1"]);
    assert_eq!(avery.grades, vec![Grade::Level(9)]);
    assert_eq!(avery.grades[0].number(), Some(9));
    assert_eq!(avery.primary_org.as_deref(), Some("sch-hs"));
    assert_eq!(avery.roles.len(), 1);
    assert_eq!(
        (avery.roles[0].role, avery.roles[0].role_type),
        (Role::Student, RoleType::Primary)
    );
    assert_eq!(avery.roles[0].sourced_id.as_deref(), Some("r-1"));
    assert_eq!(avery.roles[0].line, 2);

    let bo = &p.users[1];
    assert_eq!(
        bo.state_id.as_deref(),
        Some("S-2222"),
        "identifier is the fallback state id"
    );
    assert_eq!(bo.agents.len(), 2);

    let cora = &p.users[2];
    let roles: Vec<(Role, RoleType, &str)> = cora.roles.iter().map(|r| (r.role, r.role_type, &*r.org)).collect();
    assert_eq!(
        roles,
        vec![
            (Role::Teacher, RoleType::Primary, "sch-hs"),
            (Role::Teacher, RoleType::Secondary, "sch-ms")
        ]
    );
    assert_eq!(cora.phone.as_deref(), Some("555-0100"));

    let dana = &p.users[3];
    assert_eq!(dana.agents.iter().map(|a| &**a).collect::<Vec<_>>(), ["stu-1", "stu-2"]);
    assert_eq!(dana.roles[0].role, Role::Parent);
    assert!(!p.users[4].enabled);
    assert_eq!(p.users[4].roles[0].role, Role::Guardian);

    let e = &p.enrollments[1];
    assert_eq!(
        (&*e.class, &*e.user, e.role, e.primary),
        ("cls-alg1-1", "tch-1", EnrollmentRole::Teacher, Some(true))
    );
    assert_eq!(
        (e.begin_date, e.end_date),
        (Some(date!(2024 - 08 - 19)), Some(date!(2025 - 06 - 06)))
    );
    assert_eq!(p.enrollments[4].primary, None);

    let d = &p.demographics[0];
    assert_eq!(&*d.sourced_id, "stu-1");
    assert_eq!(d.birth_date, Some(date!(2010 - 03 - 14)));
    assert_eq!(d.sex, Some(Sex::Female));
    assert_eq!(
        (d.white, d.asian, d.hispanic_or_latino),
        (Some(true), Some(false), Some(true))
    );
    assert_eq!(d.public_school_residence_status.as_deref(), Some("01652"));
    assert_eq!(p.demographics[1].city_of_birth, None);
}

#[test]
fn shared_ids_are_one_allocation() {
    let p = v12();
    let class_id = &p.classes[0].sourced_id;
    assert!(std::sync::Arc::ptr_eq(class_id, &p.enrollments[0].class));
    assert!(std::sync::Arc::ptr_eq(&p.users[0].sourced_id, &p.enrollments[0].user));
}

#[test]
fn the_same_people_in_1_1_parse_to_the_same_model() {
    let mut v11 = read_path(fixture("v1p1_bulk"), &Default::default()).unwrap_or_else(|r| panic!("{r}"));
    let mut v12 = v12();
    assert_eq!(v11.version, Version::V1_1);
    // What only 1.2 can say, or says elsewhere, is set aside.
    for u in &mut v12.users {
        u.preferred_given_name = None;
        u.pronouns = None;
        u.master_identifier = None;
        for r in &mut u.roles {
            r.sourced_id = None;
        }
    }
    for p in [&mut v11, &mut v12] {
        for u in &mut p.users {
            for r in &mut u.roles {
                r.line = 0;
            }
        }
        p.version = Version::V1_2;
        p.files.clear();
        p.warnings.clear();
    }
    assert_eq!(v11.users, v12.users);
    assert_eq!(v11, v12);
}

#[test]
fn in_memory_input_is_the_same_as_a_folder() {
    let p = read_files(fixture_files("v1p2_bulk"), &Default::default()).unwrap();
    assert_eq!(p, v12());
}

const T: &str = "2025-01-10T08:00:00Z";

#[test]
fn delta_package_with_tobedeleted_rows() {
    let m = manifest(
        "1.2",
        &[
            ("users", "delta"),
            ("roles", "delta"),
            ("enrollments", "delta"),
            ("classes", "absent"),
            ("orgs", "absent"),
        ],
    );
    let users = format!(
        "sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,primaryOrgSourcedId,agentSourcedIds\n\
         stu-9,active,{T},true,finn.okafor,Finn,Okafor,sch-hs,par-old\n\
         stu-8,tobedeleted,{T},false,gia.lindqvist,Gia,Lindqvist,,\n"
    );
    let roles = format!(
        "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId\n\
         r-9,active,{T},stu-9,primary,student,2025-01-10,,sch-hs\n\
         r-7,tobedeleted,{T},stu-7,primary,student,,2025-01-09,sch-ms\n"
    );
    let enrollments = format!(
        "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role\n\
         enr-9,active,{T},cls-alg1-1,sch-hs,stu-9,student\n\
         enr-3,tobedeleted,{T},cls-bio-3,sch-hs,stu-2,student\n"
    );
    let p = read_files(
        files(&[
            ("manifest.csv", &m),
            ("users.csv", &users),
            ("roles.csv", &roles),
            ("enrollments.csv", &enrollments),
        ]),
        &Default::default(),
    )
    .unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(p.mode(FileKind::Users), FileMode::Delta);
    assert_eq!(p.users.len(), 2);
    assert_eq!(p.users[1].status, Status::ToBeDeleted);
    assert_eq!(p.users[0].roles.len(), 1);
    assert_eq!(p.users[0].roles[0].begin_date, Some(date!(2025 - 01 - 10)));
    assert_eq!(p.enrollments[1].status, Status::ToBeDeleted);
    assert_eq!(
        p.enrollments[1].date_last_modified,
        Some(datetime!(2025-01-10 08:00 UTC))
    );
    // stu-7 is not in users.csv: the role is kept for the applier to attach.
    assert_eq!(p.detached_roles.len(), 1);
    assert_eq!(&*p.detached_roles[0].user, "stu-7");
    assert_eq!(p.detached_roles[0].role.status, Status::ToBeDeleted);
    // References to records that may exist in the database are listed, not errors.
    let mut refs: Vec<(FileKind, u32, &str, FileKind, &str)> = p
        .unresolved
        .iter()
        .map(|r| (r.file, r.line, r.field, r.target, &*r.id))
        .collect();
    refs.sort();
    assert_eq!(
        refs,
        vec![
            (FileKind::Users, 2, "agentSourcedIds", FileKind::Users, "par-old"),
            (FileKind::Users, 2, "primaryOrgSourcedId", FileKind::Orgs, "sch-hs"),
            (FileKind::Roles, 2, "orgSourcedId", FileKind::Orgs, "sch-hs"),
            (FileKind::Roles, 3, "orgSourcedId", FileKind::Orgs, "sch-ms"),
            (FileKind::Roles, 3, "userSourcedId", FileKind::Users, "stu-7"),
            (
                FileKind::Enrollments,
                2,
                "classSourcedId",
                FileKind::Classes,
                "cls-alg1-1"
            ),
            (FileKind::Enrollments, 2, "schoolSourcedId", FileKind::Orgs, "sch-hs"),
            (
                FileKind::Enrollments,
                3,
                "classSourcedId",
                FileKind::Classes,
                "cls-bio-3"
            ),
            (FileKind::Enrollments, 3, "schoolSourcedId", FileKind::Orgs, "sch-hs"),
            (FileKind::Enrollments, 3, "userSourcedId", FileKind::Users, "stu-2"),
        ]
    );
}

#[test]
fn inactive_is_tobedeleted_in_1_1() {
    let m = manifest("1.1", &[("orgs", "bulk")]);
    let orgs =
        "sourcedId,status,dateLastModified,name,type\norg-1,inactive,,Old School,school\norg-2,,,New School,school\n";
    let p = read_files(files(&[("manifest.csv", &m), ("orgs.csv", orgs)]), &Default::default()).unwrap();
    assert_eq!(p.orgs[0].status, Status::ToBeDeleted);
    assert_eq!(p.orgs[1].status, Status::Active);
    assert_eq!(p.orgs[1].date_last_modified, None);
}

#[test]
fn declared_but_unimported_files_are_ignored_with_a_warning() {
    let m = manifest("1.2", &[("orgs", "bulk"), ("resources", "bulk")]);
    let orgs = "sourcedId,name,type\norg-1,North High,school\n";
    let p = read_files(
        files(&[
            ("manifest.csv", &m),
            ("orgs.csv", orgs),
            ("resources.csv", "whatever\n\"unclosed"),
        ]),
        &Default::default(),
    )
    .unwrap();
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(
        (p.warnings[0].code, p.warnings[0].file.as_str()),
        (Code::IgnoredFile, "resources.csv")
    );
}

#[test]
fn state_id_types_are_configurable() {
    let m = manifest("1.2", &[("users", "bulk")]);
    let users = "sourcedId,enabledUser,username,userIds,givenName,familyName,identifier\n\
                 u1,true,a,\"{SSID:111},{District:222}\",Ann,Ash,333\n";
    let f = files(&[("manifest.csv", &m), ("users.csv", users)]);
    let p = read_files(f.clone(), &Default::default()).unwrap();
    assert_eq!(p.users[0].state_id.as_deref(), Some("111"));
    let opts = waypoint_import_export::oneroster::Options {
        state_id_types: vec!["District".into()],
        ..Default::default()
    };
    assert_eq!(
        read_files(f.clone(), &opts).unwrap().users[0].state_id.as_deref(),
        Some("222")
    );
    let opts = waypoint_import_export::oneroster::Options {
        state_id_types: vec!["Nope".into()],
        identifier_is_state_id: false,
        ..Default::default()
    };
    assert_eq!(read_files(f, &opts).unwrap().users[0].state_id, None);
}

#[test]
fn grades_map_to_numbers() {
    let all = [
        "IT", "PR", "PK", "TK", "KG", "01", "06", "09", "12", "13", "PS", "UG", "Other", "7", "kg",
    ];
    let parsed: Vec<Option<u8>> = all.iter().map(|g| Grade::parse(g).unwrap().number()).collect();
    assert_eq!(
        parsed,
        vec![
            None,
            None,
            None,
            None,
            None,
            Some(1),
            Some(6),
            Some(9),
            Some(12),
            Some(13),
            None,
            None,
            None,
            Some(7),
            None
        ]
    );
    assert_eq!(Grade::parse("14"), None);
    assert_eq!(Grade::parse("00"), None);
    assert_eq!(Grade::parse("K"), None);
    assert_eq!(Grade::Level(6).code(), "06");
}
