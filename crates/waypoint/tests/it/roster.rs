//! OneRoster import: identity, transfers, idempotence, all-or-nothing.

use crate::harness::{P, TestApp};
use std::path::PathBuf;
use waypoint_app::access::Origin;
use waypoint_app::roster::ImportError;
use waypoint_domain::people::{AccountKind, Actor};
use waypoint_import_export::oneroster;

pub(crate) const TS: &str = "2026-08-01T12:00:00.000Z";

/// A OneRoster 1.2 package for district D1, written to a temporary folder.
pub(crate) struct Pkg {
    pub mode: &'static str,
    pub orgs: Vec<String>,
    pub users: Vec<String>,
    pub roles: Vec<String>,
    pub classes: Vec<String>,
    pub enrollments: Vec<String>,
    pub demographics: Vec<String>,
}

impl Pkg {
    pub fn bulk() -> Pkg {
        Pkg {
            mode: "bulk",
            orgs: vec![
                format!("d1,active,{TS},District One,district,D1,"),
                format!("s1,active,{TS},School One High,school,S1,d1"),
                format!("s1b,active,{TS},School One Middle,school,S1B,d1"),
            ],
            users: vec![
                // A new student with a state id and a parent.
                format!("stu-new,active,{TS},true,nia.ross,{{State:NEW-1}},Nia,Ross,,NEW-1,,,,par-1,09,,,,,,s1,"),
                // Student1 from the fixture, known by state id: now in grade 11.
                format!(
                    "stu-1,active,{TS},true,student1,{{State:SSID-student1}},Student1,Learner,,SSID-student1,,,,,11,,,,,,s1,"
                ),
                format!("tch-1,active,{TS},true,t.okafor,,Tomas,Okafor,,E-1,t.okafor@staff.example.org,,,,,,,,,,s1,"),
                format!("par-1,active,{TS},true,m.ross,,Maya,Ross,,,maya.ross@family.example.org,,,stu-new,,,,,,,,"),
            ],
            roles: vec![
                format!("r1,active,{TS},stu-new,primary,student,,,s1,"),
                format!("r2,active,{TS},stu-1,primary,student,,,s1,"),
                format!("r3,active,{TS},tch-1,primary,teacher,,,s1,"),
                format!("r4,active,{TS},par-1,primary,parent,,,s1,"),
            ],
            classes: vec![format!("cls-1,active,{TS},Biology,09,crs-1,BIO-1,scheduled,,s1,sy,,,")],
            enrollments: vec![
                format!("e1,active,{TS},cls-1,s1,stu-new,student,false,2026-08-17,"),
                format!("e2,active,{TS},cls-1,s1,tch-1,teacher,true,2026-08-17,"),
            ],
            demographics: vec![format!(
                "stu-new,active,{TS},2011-02-03,female,false,false,true,false,false,false,false,,,,"
            )],
        }
    }

    pub fn write(&self) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("wp-roster-{:016x}", rand::random::<u64>()));
        std::fs::create_dir_all(&dir).unwrap();
        let put = |name: &str, header: &str, rows: &[String]| {
            let mut s = String::from(header);
            s.push('\n');
            for r in rows {
                s.push_str(r);
                s.push('\n');
            }
            std::fs::write(dir.join(name), s).unwrap();
        };
        let m = self.mode;
        let manifest = format!(
            "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.academicSessions,{m}\nfile.categories,absent\n\
             file.classes,{m}\nfile.classResources,absent\nfile.courses,{m}\nfile.courseResources,absent\nfile.demographics,{m}\n\
             file.enrollments,{m}\nfile.lineItems,absent\nfile.orgs,{m}\nfile.resources,absent\nfile.results,absent\n\
             file.users,{m}\nfile.roles,{m}\nfile.userProfiles,absent\nsource.systemName,Test SIS\nsource.systemCode,TSIS\n"
        );
        std::fs::write(dir.join("manifest.csv"), manifest).unwrap();
        put(
            "orgs.csv",
            "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
            &self.orgs,
        );
        put(
            "academicSessions.csv",
            "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
            &[format!(
                "sy,active,{TS},2026-2027,schoolYear,2026-08-17,2027-06-10,,2027"
            )],
        );
        put(
            "courses.csv",
            "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes",
            &[format!("crs-1,active,{TS},sy,Biology,SC101,09,s1,Science,SCI")],
        );
        put(
            "classes.csv",
            "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
            &self.classes,
        );
        put(
            "users.csv",
            "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns",
            &self.users,
        );
        put(
            "roles.csv",
            "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId",
            &self.roles,
        );
        put(
            "enrollments.csv",
            "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate",
            &self.enrollments,
        );
        put(
            "demographics.csv",
            "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus",
            &self.demographics,
        );
        dir
    }
}

pub(crate) async fn actor(app: &TestApp, p: P) -> Actor {
    let id = app.fx.id(p);
    Actor {
        user_id: id,
        kind: AccountKind::Staff,
        grants: app
            .store
            .grants(id)
            .await
            .unwrap()
            .into_iter()
            .map(|g| g.grant)
            .collect(),
    }
}

async fn import(
    app: &TestApp,
    who: P,
    source: waypoint_domain::OrgId,
    pkg: &Pkg,
) -> Result<waypoint_app::roster::RosterSummary, ImportError> {
    let dir = pkg.write();
    let parsed = oneroster::read_path(&dir, &oneroster::Options::default()).expect("package parses");
    let _ = std::fs::remove_dir_all(&dir);
    let a = actor(app, who).await;
    app.running
        .as_ref()
        .unwrap()
        .app
        .import_oneroster(&a, source, &parsed, &Origin::default())
        .await
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    app.store.db().query_one(sql, vec![]).await.unwrap().i64(0).unwrap()
}

#[tokio::test]
async fn bulk_import_creates_people_matches_by_state_id_and_is_idempotent() {
    let app = TestApp::spawn().await;
    let students_before = count(&app, "SELECT COUNT(*) FROM students").await;
    let s = import(&app, P::DistrictAdmin1, app.fx.d1, &Pkg::bulk())
        .await
        .expect("imports");
    assert_eq!(s.students_created, 1, "{s}");
    assert_eq!(
        s.students_updated, 1,
        "Student1 matched by state id, grade changed: {s}"
    );
    assert_eq!((s.staff_created, s.guardians_created, s.orgs_created), (1, 1, 1), "{s}");
    assert_eq!(s.guardian_links, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM students").await, students_before + 1);
    // Student1 is the same person, now in grade 11.
    let st1 = app.store.student(app.fx.id(P::Student1)).await.unwrap().unwrap();
    assert_eq!(st1.grade_level, Some(11));
    let new_id = app
        .store
        .student_by_state_id("NEW-1")
        .await
        .unwrap()
        .expect("new student");
    let facts = app
        .store
        .student_facts(new_id, waypoint_app::today())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(facts.school.unwrap().org_id, app.fx.s1);
    assert_eq!(facts.guardians.len(), 1);
    let teacher = app.store.login_lookup("t.okafor").await.unwrap().unwrap().user_id;
    assert_eq!(facts.teachers, vec![teacher], "the class teacher sees the student");
    let grants = app.store.grants(teacher).await.unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].grant.role, waypoint_domain::people::Role::Mentor);
    assert_eq!(grants[0].grant.org.org_id, app.fx.s1);
    assert_eq!(
        app.store.demographics(new_id).await.unwrap().race_ethnicity.as_deref(),
        Some("black_african_american")
    );
    // The new school exists under District One.
    let s1b = app
        .store
        .org_by_code(waypoint_domain::org::OrgKind::School, "S1B")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s1b.district_id, Some(app.fx.d1));

    // The same package again changes nothing.
    let rows_before = count(&app, "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM enrollments) + (SELECT COUNT(*) FROM role_grants) + (SELECT COUNT(*) FROM guardianships) + (SELECT COUNT(*) FROM class_students) + (SELECT COUNT(*) FROM orgs)").await;
    let again = import(&app, P::DistrictAdmin1, app.fx.d1, &Pkg::bulk())
        .await
        .expect("re-imports");
    assert!(again.nothing_new(), "{again}");
    let rows_after = count(&app, "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM enrollments) + (SELECT COUNT(*) FROM role_grants) + (SELECT COUNT(*) FROM guardianships) + (SELECT COUNT(*) FROM class_students) + (SELECT COUNT(*) FROM orgs)").await;
    assert_eq!(rows_before, rows_after);
    app.stop().await;
}

#[tokio::test]
async fn a_student_who_moves_district_keeps_their_record_and_changes_hands() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student2);
    // District 2's counselor sees Student2; District 1's does not.
    assert_eq!(
        app.as_(P::Counselor2)
            .await
            .get(&format!("/students/{sid}"))
            .await
            .status,
        200
    );
    assert_eq!(
        app.as_(P::Counselor1)
            .await
            .get(&format!("/students/{sid}"))
            .await
            .status,
        403
    );
    app.store.assign_mentor(app.fx.id(P::Mentor1), &[sid]).await.unwrap();
    let mut pkg = Pkg::bulk();
    // Student2 arrives in District One with District One's own sourcedId.
    pkg.users.push(format!(
        "d1-stu-77,active,{TS},true,student2,{{State:SSID-student2}},Student2,Learner,,SSID-student2,,,,,10,,,,,,s1,"
    ));
    pkg.roles
        .push(format!("r9,active,{TS},d1-stu-77,primary,student,,,s1,"));
    let s = import(&app, P::DistrictAdmin1, app.fx.d1, &pkg).await.expect("imports");
    assert_eq!(s.students_transferred, 1, "{s}");
    assert_eq!(
        app.store.student_by_state_id("SSID-student2").await.unwrap(),
        Some(sid),
        "no duplicate person"
    );
    let st = app.store.student(sid).await.unwrap().unwrap();
    assert_eq!(st.school_id, Some(app.fx.s1));
    assert_eq!(st.district_id, Some(app.fx.d1));
    assert_eq!(
        app.as_(P::Counselor2)
            .await
            .get(&format!("/students/{sid}"))
            .await
            .status,
        403,
        "old district loses access"
    );
    assert_eq!(
        app.as_(P::Counselor1)
            .await
            .get(&format!("/students/{sid}"))
            .await
            .status,
        200,
        "new district gains it"
    );
    let overview = app.store.student_overview(sid).await.unwrap().unwrap();
    assert_eq!(overview.enrollments.len(), 2);
    assert!(
        overview
            .enrollments
            .iter()
            .any(|e| e.school_id == app.fx.s2 && e.exit_date.is_some()),
        "old enrolment closed"
    );
    assert!(
        overview
            .enrollments
            .iter()
            .any(|e| e.school_id == app.fx.s1 && e.exit_date.is_none())
    );
    // Mentor1 (S1) stays: a role at the new school; nobody from S2 would.
    let facts = app
        .store
        .student_facts(sid, waypoint_app::today())
        .await
        .unwrap()
        .unwrap();
    assert!(facts.mentors.contains(&app.fx.id(P::Mentor1)));
    app.flush().await;
    let log = app
        .store
        .search_access(&waypoint_store::logs::AccessQuery {
            student_id: Some(sid),
            page: 1,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        log.items
            .iter()
            .any(|e| e.entry.action == "transfer" && e.entry.district_id == Some(app.fx.d1))
    );
    app.stop().await;
}

#[tokio::test]
async fn ambiguous_identity_is_reported_and_nothing_changes() {
    let app = TestApp::spawn().await;
    import(&app, P::DistrictAdmin1, app.fx.d1, &Pkg::bulk())
        .await
        .expect("first import");
    let before = count(&app, "SELECT COUNT(*) FROM users").await;
    let mut pkg = Pkg::bulk();
    // stu-1 is Student1 by its sourcedId now, but claims AdultStudent's state id.
    pkg.users[1] =
        format!("stu-1,active,{TS},true,student1,{{State:SSID-adult1}},Student1,Learner,,SSID-adult1,,,,,11,,,,,,s1,");
    // And a brand-new person, to show that nothing at all is written.
    pkg.users.push(format!(
        "stu-x,active,{TS},true,x.y,{{State:X-9}},Xan,Yu,,X-9,,,,,09,,,,,,s1,"
    ));
    pkg.roles.push(format!("r10,active,{TS},stu-x,primary,student,,,s1,"));
    match import(&app, P::DistrictAdmin1, app.fx.d1, &pkg).await {
        Err(ImportError::Rejected(report)) => {
            assert_eq!(report.errors.len(), 1, "{report}");
            let e = &report.errors[0];
            assert_eq!(
                (e.file.as_str(), e.line, e.field.as_deref()),
                ("users.csv", Some(3), Some("userIds")),
                "{e}"
            );
            assert!(e.message.contains("ambiguous"), "{e}");
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, before);
    assert!(app.store.student_by_state_id("X-9").await.unwrap().is_none());
    app.stop().await;
}

#[tokio::test]
async fn bulk_roles_end_what_the_source_no_longer_lists_but_not_roles_given_by_hand() {
    use waypoint_domain::people::Role;
    let app = TestApp::spawn().await;
    let s = import(&app, P::DistrictAdmin1, app.fx.d1, &Pkg::bulk())
        .await
        .expect("bulk");
    assert_eq!(s.roles_ended, 0, "{s}");
    let teacher = app.store.login_lookup("t.okafor").await.unwrap().unwrap().user_id;
    let roles = |app: &TestApp| {
        let store = app.store.clone();
        async move {
            let mut r: Vec<Role> = store
                .grants(teacher)
                .await
                .unwrap()
                .iter()
                .map(|g| g.grant.role)
                .collect();
            r.sort();
            r
        }
    };
    assert_eq!(roles(&app).await, [Role::Mentor], "the roster's teacher is a mentor");
    // An admin also makes him a counselor at the same school, by hand.
    let school = app.store.grants(teacher).await.unwrap()[0].grant.org.org_id;
    app.store
        .add_grant(teacher, school, Role::Counselor, None)
        .await
        .unwrap();

    // The same package again ends nothing.
    let again = import(&app, P::DistrictAdmin1, app.fx.d1, &Pkg::bulk())
        .await
        .expect("again");
    assert_eq!(again.roles_ended, 0, "{again}");
    assert_eq!(roles(&app).await, [Role::Mentor, Role::Counselor]);

    // The next bulk roles file no longer lists his teaching role: it ends; the
    // counselor role given by hand stays. The person stays too.
    let mut next = Pkg::bulk();
    next.roles.retain(|r| !r.starts_with("r3,"));
    let s = import(&app, P::DistrictAdmin1, app.fx.d1, &next).await.expect("next");
    assert_eq!(s.roles_ended, 1, "{s}");
    assert_eq!(roles(&app).await, [Role::Counselor]);
    assert!(app.store.login_lookup("t.okafor").await.unwrap().is_some());

    // A delta roles file never ends what it does not mention.
    let s = import(&app, P::DistrictAdmin1, app.fx.d1, &Pkg::bulk())
        .await
        .expect("back");
    assert_eq!(roles(&app).await, [Role::Mentor, Role::Counselor], "{s}");
    let mut delta = Pkg::bulk();
    delta.mode = "delta";
    delta.roles.retain(|r| !r.starts_with("r3,"));
    let s = import(&app, P::DistrictAdmin1, app.fx.d1, &delta).await.expect("delta");
    assert_eq!(s.roles_ended, 0, "{s}");
    assert_eq!(roles(&app).await, [Role::Mentor, Role::Counselor]);
    app.stop().await;
}

#[tokio::test]
async fn delta_ends_class_places_and_roles_but_deletes_no_one() {
    let app = TestApp::spawn().await;
    import(&app, P::DistrictAdmin1, app.fx.d1, &Pkg::bulk())
        .await
        .expect("bulk");
    let people = count(&app, "SELECT COUNT(*) FROM users").await;
    let mut delta = Pkg::bulk();
    delta.mode = "delta";
    delta.orgs.clear();
    delta.users.clear();
    delta.classes.clear();
    delta.demographics.clear();
    delta.roles = vec![format!("r3,tobedeleted,{TS},tch-1,primary,teacher,,,s1,")];
    delta.enrollments = vec![format!(
        "e1,tobedeleted,{TS},cls-1,s1,stu-new,student,false,2026-08-17,"
    )];
    let s = import(&app, P::DistrictAdmin1, app.fx.d1, &delta).await.expect("delta");
    assert_eq!(s.roles_ended, 1, "{s}");
    let teacher = app.store.login_lookup("t.okafor").await.unwrap().unwrap().user_id;
    assert!(
        app.store.grants(teacher).await.unwrap().is_empty(),
        "the teaching role ended"
    );
    let new_id = app.store.student_by_state_id("NEW-1").await.unwrap().unwrap();
    let facts = app
        .store
        .student_facts(new_id, waypoint_app::today())
        .await
        .unwrap()
        .unwrap();
    assert!(facts.teachers.is_empty(), "the class place ended");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        people,
        "nobody deleted"
    );
    app.stop().await;
}

/// A bulk file is the source's whole roster: a class place, a teaching place
/// or a class it no longer lists ends (nothing is deleted), what it still
/// lists unchanged is not written again, and importing it twice ends
/// nothing more.
#[tokio::test]
async fn bulk_ends_what_it_no_longer_lists_and_rewrites_nothing_unchanged() {
    let app = TestApp::spawn().await;
    let mut first = Pkg::bulk();
    first.classes.push(format!(
        "cls-2,active,{TS},Chemistry,09,crs-1,CHM-1,scheduled,,s1,sy,,,"
    ));
    first
        .enrollments
        .push(format!("e3,active,{TS},cls-2,s1,stu-1,student,false,2026-08-17,"));
    first
        .enrollments
        .push(format!("e4,active,{TS},cls-2,s1,tch-1,teacher,true,2026-08-17,"));
    let s = import(&app, P::DistrictAdmin1, app.fx.d1, &first).await.expect("bulk");
    assert_eq!(
        (s.class_places, s.class_places_written, s.class_places_ended),
        (2, 2, 0),
        "{s}"
    );
    let places = "SELECT COUNT(*) FROM class_students WHERE active";
    let teaching = "SELECT COUNT(*) FROM class_staff WHERE active";
    assert_eq!((count(&app, places).await, count(&app, teaching).await), (2, 2));

    // The same package: nothing written, nothing ended.
    let again = import(&app, P::DistrictAdmin1, app.fx.d1, &first).await.expect("again");
    assert!(again.nothing_new(), "{again}");
    assert_eq!(again.class_places_written, 0, "{again}");

    // The next day's bulk package no longer has Chemistry, nor stu-new's place in Biology.
    let mut next = Pkg::bulk();
    next.enrollments.retain(|e| !e.starts_with("e1,"));
    let s = import(&app, P::DistrictAdmin1, app.fx.d1, &next).await.expect("next");
    // stu-new's Biology place and stu-1's Chemistry place, and the Chemistry teacher's.
    assert_eq!(s.class_places_ended, 3, "{s}");
    assert_eq!(s.classes_ended, 1, "{s}");
    assert_eq!(s.class_places_written, 0, "{s}");
    assert_eq!((count(&app, places).await, count(&app, teaching).await), (0, 1));
    let ended = "SELECT COUNT(*) FROM class_students WHERE NOT active AND end_date IS NOT NULL";
    assert_eq!(count(&app, ended).await, 2, "ended with a date, not deleted");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM classes WHERE NOT active").await,
        1,
        "Chemistry is inactive"
    );
    let new_id = app.store.student_by_state_id("NEW-1").await.unwrap().unwrap();
    let facts = app
        .store
        .student_facts(new_id, waypoint_app::today())
        .await
        .unwrap()
        .unwrap();
    assert!(facts.teachers.is_empty(), "her Biology teacher no longer reaches her");
    let again = import(&app, P::DistrictAdmin1, app.fx.d1, &next)
        .await
        .expect("next again");
    assert!(again.nothing_new(), "{again}");

    // A delta never ends what it does not mention.
    let mut delta = Pkg::bulk();
    delta.mode = "delta";
    delta.orgs.clear();
    delta.users.clear();
    delta.roles.clear();
    delta.demographics.clear();
    delta.classes.clear();
    delta.enrollments = vec![format!("e1,active,{TS},cls-1,s1,stu-new,student,false,2026-08-17,")];
    let s = import(&app, P::DistrictAdmin1, app.fx.d1, &delta).await.expect("delta");
    assert_eq!((s.class_places_written, s.class_places_ended), (1, 0), "{s}");
    assert_eq!((count(&app, places).await, count(&app, teaching).await), (1, 1));
    app.stop().await;
}

#[tokio::test]
async fn a_withdrawn_person_waypoint_never_knew_is_skipped_not_created() {
    let app = TestApp::spawn().await;
    import(&app, P::DistrictAdmin1, app.fx.d1, &Pkg::bulk())
        .await
        .expect("bulk");
    let people = count(&app, "SELECT COUNT(*) FROM users").await;
    let mut delta = Pkg::bulk();
    delta.mode = "delta";
    delta.orgs.clear();
    delta.classes.clear();
    delta.demographics.clear();
    // A student and a teacher the SIS withdraws, never seen before: one by
    // the user's status, one by every role's.
    delta.users = vec![
        format!("stu-gone,tobedeleted,{TS},true,gone.one,{{State:GONE-1}},Gone,One,,GONE-1,,,,,09,,,,,,s1,"),
        format!("tch-gone,active,{TS},true,t.gone,,Tess,Gone,,E-9,t.gone@staff.example.org,,,,,,,,,,s1,"),
    ];
    delta.roles = vec![
        format!("r8,tobedeleted,{TS},stu-gone,primary,student,,,s1,"),
        format!("r9,tobedeleted,{TS},tch-gone,primary,teacher,,,s1,"),
    ];
    delta.enrollments = vec![format!(
        "e9,tobedeleted,{TS},cls-1,s1,stu-gone,student,false,2026-08-17,"
    )];
    let s = import(&app, P::DistrictAdmin1, app.fx.d1, &delta)
        .await
        .expect("a delta withdrawing unknown people still applies");
    assert_eq!(s.students_created, 0, "{s}");
    assert_eq!(s.staff_created, 0, "{s}");
    assert_eq!(
        s.warnings
            .iter()
            .filter(|w| w.message.contains("was never imported"))
            .count(),
        2,
        "{:?}",
        s.warnings
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        people,
        "no account made"
    );
    assert!(app.store.student_by_state_id("GONE-1").await.unwrap().is_none());
    assert!(app.store.login_lookup("t.gone").await.unwrap().is_none());
    app.stop().await;
}

#[tokio::test]
async fn only_admins_of_the_source_may_import() {
    let app = TestApp::spawn().await;
    for p in [P::Counselor1, P::SchoolAdmin1, P::DistrictAdmin2] {
        let r = import(&app, p, app.fx.d1, &Pkg::bulk()).await;
        assert!(
            matches!(r, Err(ImportError::App(waypoint_app::AppError::Forbidden))),
            "{p:?}: {r:?}"
        );
    }
    assert!(import(&app, P::DistrictAdmin1, app.fx.d1, &Pkg::bulk()).await.is_ok());
    // A state-run roster is possible too.
    assert!(import(&app, P::StateAdmin, app.fx.d1, &Pkg::bulk()).await.is_ok());
    app.stop().await;
}

/// The benchmark's generated package (`waypoint synth oneroster`) imports
/// cleanly for the state, everything in it arrives, and importing it again
/// changes nothing. Its 600-odd users take more than one statement of each
/// store lookup.
#[tokio::test]
async fn a_synthetic_state_package_imports_cleanly_and_again_changes_nothing() {
    let app = TestApp::spawn().await;
    let dir = std::env::temp_dir().join(format!("wp-synth-roster-{:016x}", rand::random::<u64>()));
    let written = waypoint::synth_oneroster::write(
        &waypoint::synth_oneroster::Options {
            students: 320,
            seed: 7,
            classes_per_student: 10,
            out: dir.clone(),
        },
        |_, _| {},
    )
    .expect("writes the package");
    assert!(written.users() > 500, "{written:?}");
    let parsed = oneroster::read_path(&dir, &oneroster::Options::default()).unwrap_or_else(|r| panic!("{r}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let a = actor(&app, P::StateAdmin).await;
    let imp = || async {
        app.running
            .as_ref()
            .unwrap()
            .app
            .import_oneroster(&a, app.fx.state, &parsed, &Origin::default())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"))
    };
    let all = "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM enrollments) + (SELECT COUNT(*) FROM role_grants) \
               + (SELECT COUNT(*) FROM guardianships) + (SELECT COUNT(*) FROM class_students) + (SELECT COUNT(*) FROM class_staff) \
               + (SELECT COUNT(*) FROM classes) + (SELECT COUNT(*) FROM orgs) + (SELECT COUNT(*) FROM roster_people)";
    let before = count(&app, all).await;
    let links_before = count(&app, "SELECT COUNT(*) FROM guardianships").await as usize;
    let s = imp().await;
    assert!(s.warnings.is_empty(), "{s}");
    assert_eq!(s.students_created, written.students, "{s}");
    assert_eq!(s.guardians_created, written.guardians, "{s}");
    assert_eq!(s.staff_created, written.staff, "{s}");
    assert_eq!(s.orgs_created, written.orgs - 1, "every org but the state: {s}");
    assert_eq!(s.classes, written.classes, "{s}");
    assert_eq!(s.class_places, written.students * 10, "{s}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM class_students").await as usize,
        written.students * 10
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM class_staff").await as usize,
        written.classes,
        "one teacher a class"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM guardianships").await as usize - links_before,
        s.guardian_links
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM demographics d JOIN roster_people r ON r.user_id = d.student_id WHERE d.gender IS NOT NULL").await as usize,
        written.students,
        "every new student's demographics"
    );
    let after = count(&app, all).await;
    assert!(after > before);

    let again = imp().await;
    assert!(again.nothing_new(), "{again}");
    assert_eq!(again.class_places, s.class_places);
    assert_eq!(count(&app, all).await, after, "the same package again adds nothing");
    app.stop().await;
}
