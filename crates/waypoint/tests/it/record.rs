//! The portable record: export as the student and their family, who may
//! not, the access log, the published JSON Schema, the round trip into an
//! empty instance, merging into a known student, field-level errors that
//! write nothing, CSRF on the upload, and the command line.

use crate::harness::{Client, P, Resp, TestApp};
use serde_json::{Value, json};
use std::process::Command;
use waypoint_app::auth::{random_token, token_hash};
use waypoint_app::record::PortableRecord;
use waypoint_domain::people::Demographics;
use waypoint_domain::{OrgId, UserId};

const SCHEMA: &str = include_str!("../../../../schemas/portable-record-v1.schema.json");

fn schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema is a valid draft 2020-12 schema")
}

fn schema_errors(v: &Value) -> Vec<String> {
    schema()
        .iter_errors(v)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// A signed-in client for any account of an instance (a student made by an
/// import has no password).
async fn as_id(app: &TestApp, id: UserId) -> Client {
    let token = random_token(32);
    app.store
        .create_session(&token_hash(&token), id, Some("127.0.0.1"))
        .await
        .unwrap();
    let mut c = app.client();
    c.session = Some(token);
    c
}

async fn export_json(c: &mut Client, id: UserId) -> (Resp, Value) {
    let r = c.get(&format!("/students/{id}/record.json")).await;
    let v = if r.status == 200 {
        serde_json::from_str(&r.body).expect("the record is JSON")
    } else {
        Value::Null
    };
    (r, v)
}

fn multipart(file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "waypoint-test-7d9c1e";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"record.json\"\r\n\
         Content-Type: application/json\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Uploads a record file through the import form, as a browser would.
async fn upload(app: &TestApp, who: P, school: OrgId, file: &[u8]) -> Resp {
    let mut c = app.as_(who).await;
    let (ct, body) = multipart(file);
    let path = format!("/admin/orgs/{school}/record-import?csrf={}", c.csrf);
    c.post_bytes(&path, &ct, body, &[]).await
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    app.store.db().query_one(sql, vec![]).await.unwrap().i64(0).unwrap()
}

/// Rows an import could write, all tables together.
async fn rows(app: &TestApp) -> i64 {
    count(
        app,
        "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM students) + (SELECT COUNT(*) FROM enrollments)
              + (SELECT COUNT(*) FROM prior_enrollments) + (SELECT COUNT(*) FROM record_people)
              + (SELECT COUNT(*) FROM demographics) + (SELECT COUNT(*) FROM user_logins)",
    )
    .await
}

/// The document minus the two fields allowed to differ between exports.
fn content(v: &Value) -> Value {
    let mut v = v.clone();
    let m = v.as_object_mut().unwrap();
    assert!(m.remove("exported_at").is_some());
    assert!(m.remove("issuer").is_some());
    v
}

/// Gives Student1 more history and reporting fields than the fixture.
async fn enrich(app: &TestApp) -> UserId {
    let id = app.fx.id(P::Student1);
    app.store
        .add_enrollment(id, app.fx.s2, "2025-2026", 9, "2025-08-18", Some("2026-06-05"))
        .await
        .unwrap();
    app.store
        .set_demographics(
            id,
            &Demographics {
                race_ethnicity: Some("asian".into()),
                gender: Some("female".into()),
                english_learner: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn the_student_and_their_guardian_download_the_record() {
    let app = TestApp::spawn().await;
    let id = enrich(&app).await;

    // The student: their facts, both schools, family and mentors, their
    // reporting fields; a minor does not see the record of access.
    let mut me = app.as_(P::Student1).await;
    let (r, v) = export_json(&mut me, id).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{:?}",
        r.headers
    );
    assert_eq!(
        r.headers["content-disposition"].to_str().unwrap(),
        "attachment; filename=\"waypoint-record-SSID-student1.json\""
    );
    assert_eq!(v["format"], "waypoint-record");
    assert_eq!(v["version"], 1);
    assert_eq!(v["issuer"], app.base.as_str());
    assert_eq!(
        v["student"],
        json!({
            "state_student_id": "SSID-student1",
            "given_name": "Student1",
            "family_name": "Learner",
            "birth_date": "2011-03-04",
            "grade": 10,
            "status": "active",
            "graduation_year": 2029,
            "email": null
        })
    );
    assert_eq!(
        v["schools"],
        json!([
            {
                "school_name": "School Two High", "school_code": "S2",
                "district_name": "District Two", "district_code": "D2",
                "school_year": "2025-2026", "grade": 9,
                "entry_date": "2025-08-18", "exit_date": "2026-06-05"
            },
            {
                "school_name": "School One High", "school_code": "S1",
                "district_name": "District One", "district_code": "D1",
                "school_year": "2026-2027", "grade": 10,
                "entry_date": "2026-08-15", "exit_date": null
            }
        ]),
        "oldest first"
    );
    assert_eq!(
        v["guardians"],
        json!([{
            "given_name": "Guardian1", "family_name": "Family",
            "relationship": "mother", "email": "guardian1@family.example.org"
        }])
    );
    assert_eq!(
        v["mentors"],
        json!([
            {"given_name": "Advisor1", "family_name": "Staff"},
            {"given_name": "Mentor1", "family_name": "Staff"}
        ]),
        "the mentor and the advisory-group leader, names only"
    );
    assert_eq!(v["demographics"]["race_ethnicity"], "asian");
    assert_eq!(v["demographics"]["english_learner"], true);
    assert_eq!(
        v["access_log"],
        Value::Null,
        "a minor does not see the record of access"
    );
    for section in [
        "assessments",
        "saved_careers",
        "goals",
        "course_plans",
        "experiences",
        "credentials",
        "portfolio",
    ] {
        assert_eq!(v[section], json!([]), "{section}");
    }
    assert!(!r.body.contains(&id.to_string()), "no internal ids in the record");

    // The guardian of a minor: the same content, and the record of access,
    // which ends with this export.
    let mut g = app.as_(P::Guardian1).await;
    let (r, gv) = export_json(&mut g, id).await;
    assert_eq!(r.status, 200);
    assert_eq!(gv["student"], v["student"]);
    assert_eq!(gv["schools"], v["schools"]);
    assert_eq!(gv["demographics"], v["demographics"]);
    let log = gv["access_log"]
        .as_array()
        .expect("the guardian sees the record of access");
    assert!(
        log.iter().any(|e| e["who"] == "Guardian1 Family"
            && e["action"] == "export"
            && e["resource"] == "export"
            && e["basis"] == "guardian"),
        "{log:?}"
    );
    assert!(
        log.iter()
            .any(|e| e["who"] == "Student1 Learner" && e["action"] == "export"),
        "the student's own download is recorded too: {log:?}"
    );

    // The printable page: the same data, with the download link.
    let page = me.get(&format!("/students/{id}/record")).await;
    assert_eq!(page.status, 200);
    for s in [
        "SSID-student1",
        "School Two High",
        "Guardian1 Family",
        "Mentor1 Staff",
        "Asian",
        &format!("href=\"/students/{id}/record.json\""),
    ] {
        assert!(page.body.contains(s), "record page lacks {s}");
    }
    let es = {
        let mut c = app.as_(P::Student1).await;
        c.lang = Some("es".into());
        c.get(&format!("/students/{id}/record")).await
    };
    assert!(es.body.contains("Expediente portátil"), "in Spanish too");

    // Linked from the home page for those allowed, not for the others.
    let home = me.get(&format!("/students/{id}")).await;
    assert!(home.body.contains(&format!("href=\"/students/{id}/record\"")));
    let home = app.as_(P::Mentor1).await.get(&format!("/students/{id}")).await;
    assert_eq!(home.status, 200);
    assert!(!home.body.contains(&format!("/students/{id}/record")));
    app.stop().await;
}

#[tokio::test]
async fn others_may_not_export_and_every_export_is_logged() {
    let app = TestApp::spawn().await;
    let id = app.fx.id(P::Student1);
    for p in [
        P::Counselor2,
        P::DistrictAdmin2,
        P::Guardian2,
        P::Student2,
        P::Mentor1,
        P::StateAdmin,
    ] {
        let mut c = app.as_(p).await;
        for path in [format!("/students/{id}/record.json"), format!("/students/{id}/record")] {
            let r = c.get(&path).await;
            assert_eq!(r.status, 403, "{p:?} {path}");
            assert!(
                !r.body.contains("Learner"),
                "{p:?}: the refusal says nothing about the record"
            );
        }
    }
    let unknown = app.as_(P::Counselor1).await.get("/students/12345/record.json").await;
    assert_eq!(unknown.status, 404);
    // A counselor of the student's school may, for a transfer.
    let (r, v) = export_json(&mut app.as_(P::Counselor1).await, id).await;
    assert_eq!(r.status, 200);
    assert!(v["access_log"].is_array(), "counselors see the record of access");

    app.flush().await;
    let log = app
        .store
        .search_access(&waypoint_store::logs::AccessQuery {
            student_id: Some(id),
            page: 1,
            per_page: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let exports: Vec<_> = log
        .items
        .iter()
        .filter(|e| e.entry.action == "export" && e.entry.resource == "export")
        .collect();
    assert_eq!(exports.len(), 1, "refusals are not accesses; the counselor's export is");
    assert_eq!(exports[0].entry.actor_id, app.fx.id(P::Counselor1));
    assert_eq!(exports[0].entry.basis, "counselor");
    // And the record of access shows it in words.
    let page = app
        .as_(P::Guardian1)
        .await
        .get(&format!("/students/{id}/access-log"))
        .await;
    assert!(page.body.contains("Downloaded the whole record"), "{}", page.body);
    app.stop().await;
}

#[tokio::test]
async fn exported_records_follow_the_published_schema() {
    let app = TestApp::spawn().await;
    let id = enrich(&app).await;
    for (p, student) in [
        (P::Student1, id),
        (P::Guardian1, id),
        (P::Counselor1, id),
        (P::DistrictAdmin1, id),
        (P::AdultStudent, app.fx.id(P::AdultStudent)),
    ] {
        let (r, v) = export_json(&mut app.as_(p).await, student).await;
        assert_eq!(r.status, 200, "{p:?}");
        let errors = schema_errors(&v);
        assert!(errors.is_empty(), "{p:?}: {errors:#?}");
        // Waypoint's own reader agrees.
        PortableRecord::from_json(r.body.as_bytes()).unwrap_or_else(|e| panic!("{p:?}: {e:?}"));
    }

    // The schema refuses what the reader refuses.
    let (_, good) = export_json(&mut app.as_(P::Student1).await, id).await;
    let mut no_id = good.clone();
    no_id["student"].as_object_mut().unwrap().remove("state_student_id");
    assert!(
        !schema().is_valid(&no_id),
        "a record without student.state_student_id is refused"
    );
    assert!(
        schema_errors(&no_id).iter().any(|e| e.contains("state_student_id")),
        "{:?}",
        schema_errors(&no_id)
    );
    for (what, bad) in [
        ("reserved section filled", {
            let mut b = good.clone();
            b["goals"] = json!([{"title": "x"}]);
            b
        }),
        ("unknown key", {
            let mut b = good.clone();
            b["student"]["nickname"] = json!("x");
            b
        }),
        ("bad date", {
            let mut b = good.clone();
            b["schools"][0]["entry_date"] = json!("18/08/2025");
            b
        }),
        ("other version", {
            let mut b = good.clone();
            b["version"] = json!(2);
            b
        }),
    ] {
        assert!(!schema().is_valid(&bad), "schema accepts a record with {what}");
        assert!(
            PortableRecord::from_json(bad.to_string().as_bytes()).is_err(),
            "reader accepts a record with {what}"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn export_import_into_an_empty_instance_export_again_is_the_same_record() {
    let a = TestApp::spawn().await;
    let id = enrich(&a).await;
    let (r, first) = export_json(&mut a.as_(P::Student1).await, id).await;
    assert_eq!(r.status, 200);
    let file = r.body.into_bytes();

    let b = TestApp::spawn_empty().await;
    let before = rows(&b).await;
    let r = upload(&b, P::SchoolAdmin1, b.fx.s1, &file).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let location = r.location.clone().unwrap();
    assert!(location.contains("done=created"), "{location}");
    let new_id = b
        .store
        .student_by_state_id("SSID-student1")
        .await
        .unwrap()
        .expect("the student exists in the new instance");
    assert!(location.contains(&format!("student={new_id}")), "{location}");
    let page = b.as_(P::SchoolAdmin1).await.get(&location).await;
    assert!(page.body.contains("A new student account was made"), "{}", page.body);
    assert!(page.body.contains(&format!("/students/{new_id}")));

    // Placed at the chosen school with the record's grade; an account
    // without a password; schools of the other instance kept as history.
    let st = b.store.student(new_id).await.unwrap().unwrap();
    assert_eq!(st.school_id, Some(b.fx.s1));
    assert_eq!(st.district_id, Some(b.fx.d1));
    assert_eq!(st.grade_level, Some(10));
    assert_eq!(st.user.username, "student1.learner");
    let login = b.store.login_lookup("student1.learner").await.unwrap().unwrap();
    assert!(login.password_hash.is_none(), "no password from a file");
    assert_eq!(count(&b, "SELECT COUNT(*) FROM enrollments").await, 0);
    assert_eq!(count(&b, "SELECT COUNT(*) FROM prior_enrollments").await, 2);
    assert_eq!(
        count(&b, "SELECT COUNT(*) FROM guardianships").await,
        0,
        "no links from a file"
    );
    assert_eq!(
        count(&b, "SELECT COUNT(*) FROM users WHERE kind <> 'student'").await,
        1,
        "no accounts but the student's (and the admin's)"
    );
    assert!(rows(&b).await > before);
    assert_eq!(
        b.store.demographics(new_id).await.unwrap().race_ethnicity.as_deref(),
        Some("asian")
    );

    // Exported again, by the same person, it is the same record.
    let (r, second) = export_json(&mut as_id(&b, new_id).await, new_id).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(second["issuer"], b.base.as_str());
    assert_ne!(first["issuer"], second["issuer"]);
    assert_eq!(content(&first), content(&second));
    assert!(schema_errors(&second).is_empty());

    // The import is in the new instance's logs.
    b.flush().await;
    let log = b
        .store
        .search_access(&waypoint_store::logs::AccessQuery {
            student_id: Some(new_id),
            page: 1,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        log.items
            .iter()
            .any(|e| e.entry.action == "import" && e.entry.actor_id == b.fx.id(P::SchoolAdmin1)),
        "the import is in the record of access"
    );
    assert_eq!(
        count(&b, "SELECT COUNT(*) FROM audit_log WHERE action = 'record_import'").await,
        1
    );
    // The new school's counselor-level staff see the student as theirs.
    let home = b.as_(P::SchoolAdmin1).await.get(&format!("/students/{new_id}")).await;
    assert_eq!(home.status, 200);
    a.stop().await;
    b.stop().await;
}

#[tokio::test]
async fn a_known_student_gets_only_the_missing_lines_and_nothing_twice() {
    let app = TestApp::spawn().await;
    let id = app.fx.id(P::Student1);
    let (_, mut doc) = export_json(&mut app.as_(P::Counselor1).await, id).await;
    // The record from elsewhere knows the current year at S1 already, a
    // year at S2 (a school here), a year at a school this instance does
    // not have, and other names and family.
    doc["student"]["given_name"] = json!("Someone Else");
    doc["student"]["grade"] = json!(12);
    doc["guardians"] = json!([{
        "given_name": "New", "family_name": "Parent", "relationship": "father", "email": "np@example.org"
    }]);
    doc["schools"] = json!([
        {
            "school_name": "Far Away High", "school_code": "FAH",
            "district_name": "Far District", "district_code": "FD",
            "school_year": "2024-2025", "grade": 8,
            "entry_date": "2024-08-20", "exit_date": "2025-06-05"
        },
        {
            "school_name": "School Two High", "school_code": "S2",
            "district_name": "District Two", "district_code": "D2",
            "school_year": "2025-2026", "grade": 9,
            "entry_date": "2025-08-18", "exit_date": "2026-06-05"
        },
        {
            "school_name": "School One High", "school_code": "S1",
            "district_name": "District One", "district_code": "D1",
            "school_year": "2026-2027", "grade": 10,
            "entry_date": "2026-08-15", "exit_date": null
        }
    ]);
    let file = doc.to_string().into_bytes();
    let users = count(&app, "SELECT COUNT(*) FROM users").await;

    let r = upload(&app, P::SchoolAdmin1, app.fx.s1, &file).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(r.location.as_deref().unwrap().contains("done=merged"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        users,
        "the same person"
    );
    let overview = app.store.student_overview(id).await.unwrap().unwrap();
    assert_eq!(
        overview.enrollments.len(),
        2,
        "S1 as before, S2 added as an enrolment here"
    );
    assert!(
        overview
            .enrollments
            .iter()
            .any(|e| e.school_id == app.fx.s2 && e.school_year == "2025-2026")
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM prior_enrollments").await,
        1,
        "FAH kept as history"
    );
    // The account and everything else stay as they were.
    let st = app.store.student(id).await.unwrap().unwrap();
    assert_eq!((st.user.given_name.as_str(), st.grade_level), ("Student1", Some(10)));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM record_people").await,
        0,
        "nobody linked or added"
    );
    assert_eq!(st.school_id, Some(app.fx.s1));

    // Again: nothing new.
    let before = rows(&app).await;
    let r = upload(&app, P::SchoolAdmin1, app.fx.s1, &file).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(rows(&app).await, before, "idempotent");

    // The record now shows all three schools, oldest first.
    let (_, v) = export_json(&mut app.as_(P::Student1).await, id).await;
    let codes: Vec<&str> = v["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["school_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["FAH", "S2", "S1"]);

    // An administrator elsewhere cannot change this student's record.
    let r = upload(&app, P::DistrictAdmin2, app.fx.s2, &file).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("student.state_student_id"), "{}", r.body);
    assert!(r.body.contains("cannot change records"), "{}", r.body);
    assert!(!r.body.contains("Learner"), "says nothing about the student");
    assert_eq!(rows(&app).await, before);
    // Nor can a counselor import at all.
    let r = upload(&app, P::Counselor1, app.fx.s1, &file).await;
    assert_eq!(r.status, 403);
    app.stop().await;
}

#[tokio::test]
async fn a_malformed_record_is_refused_field_by_field_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let (_, good) = export_json(&mut app.as_(P::Counselor1).await, app.fx.id(P::Student1)).await;
    let mut bad = good.clone();
    bad["student"].as_object_mut().unwrap().remove("state_student_id");
    bad["student"]["grade"] = json!(99);
    bad["schools"][0]["entry_date"] = json!("2026-13-45");
    bad["favourite_colour"] = json!("green");
    let before = rows(&app).await;
    let audit = count(&app, "SELECT COUNT(*) FROM audit_log").await;

    let r = upload(&app, P::SchoolAdmin1, app.fx.s1, bad.to_string().as_bytes()).await;
    assert_eq!(r.status, 422, "{}", r.body);
    for s in [
        "<code>student.state_student_id</code>: This is missing.",
        "<code>student.grade</code>: This number is out of range.",
        "<code>schools[0].entry_date</code>: This is not a date written as YYYY-MM-DD.",
        "<code>favourite_colour</code>: This is not part of a portable record.",
        "aria-invalid=\"true\"",
    ] {
        assert!(r.body.contains(s), "missing {s:?} in {}", r.body);
    }

    // Well formed, but leaving before starting: a new student is not made.
    let mut bad = good.clone();
    bad["student"]["state_student_id"] = json!("NEW-77");
    bad["schools"][0]["exit_date"] = json!("2020-01-01");
    let r = upload(&app, P::SchoolAdmin1, app.fx.s1, bad.to_string().as_bytes()).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("<code>schools[0].exit_date</code>"), "{}", r.body);
    assert!(app.store.student_by_state_id("NEW-77").await.unwrap().is_none());

    // Not a record at all, another version, no file.
    let r = upload(&app, P::SchoolAdmin1, app.fx.s1, b"name,grade\nx,9\n").await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("This file is not a JSON document."));
    let r = upload(
        &app,
        P::SchoolAdmin1,
        app.fx.s1,
        br#"{"format": "waypoint-record", "version": 7}"#,
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("This version of the portable record cannot be read here.")
    );
    let r = upload(&app, P::SchoolAdmin1, app.fx.s1, b"").await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Choose a portable record file to import."));
    // In Spanish.
    let mut c = app.as_(P::SchoolAdmin1).await;
    c.lang = Some("es".into());
    let (ct, body) = multipart(b"{");
    let r = c
        .post_bytes(
            &format!("/admin/orgs/{}/record-import?csrf={}", app.fx.s1, c.csrf),
            &ct,
            body,
            &[],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Este archivo no es un documento JSON."), "{}", r.body);

    assert_eq!(rows(&app).await, before, "nothing written");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log").await, audit);
    app.stop().await;
}

#[tokio::test]
async fn the_upload_needs_the_csrf_token() {
    let a = TestApp::spawn().await;
    let (r, _) = export_json(&mut a.as_(P::Student1).await, a.fx.id(P::Student1)).await;
    let file = r.body.into_bytes();
    let b = TestApp::spawn_empty().await;
    let before = rows(&b).await;
    let path = format!("/admin/orgs/{}/record-import", b.fx.s1);

    // The form: the token is in the action's query string, since the
    // middleware does not read multipart bodies.
    let form = b.as_(P::SchoolAdmin1).await.get(&path).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("enctype=\"multipart/form-data\""));
    assert!(form.body.contains(&format!("action=\"{path}?csrf=")));

    let mut c = b.as_(P::SchoolAdmin1).await;
    let (ct, body) = multipart(&file);
    // No token: refused, even with the token in the multipart body.
    let mut with_field = format!(
        "--waypoint-test-7d9c1e\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n",
        c.csrf
    )
    .into_bytes();
    with_field.extend_from_slice(&body);
    let r = c.post_bytes(&path, &ct, with_field, &[]).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("This form has expired"), "the CSRF page");
    // A wrong token: refused.
    let r = c
        .post_bytes(
            &format!("{path}?csrf=0123456789abcdef0123456789abcdef"),
            &ct,
            body.clone(),
            &[],
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(rows(&b).await, before, "nothing imported");
    // The token in the header works as well as in the query string.
    let csrf = c.csrf.clone();
    let r = c.post_bytes(&path, &ct, body, &[("x-csrf-token", csrf.as_str())]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    a.stop().await;
    b.stop().await;
}

fn waypoint(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_waypoint"))
        .args(args)
        .env("WAYPOINT_LOG", "warn")
        .env_remove("WAYPOINT_PUBLIC_URL")
        .output()
        .expect("run waypoint");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[tokio::test]
async fn the_command_line_exports_and_imports_records() {
    let a = TestApp::spawn().await;
    enrich(&a).await;
    let dir = std::env::temp_dir().join(format!("wp-record-{:016x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("record.json");
    let f = file.to_str().unwrap();

    let (ok, _, err) = waypoint(&[
        "export",
        "record",
        "--state-id",
        "SSID-student1",
        "--as",
        "guardian2",
        "--out",
        f,
        "--database-url",
        a.db_url(),
    ]);
    assert!(!ok && err.contains("forbidden"), "another family may not: {err}");
    let (ok, _, err) = waypoint(&[
        "export",
        "record",
        "--state-id",
        "SSID-student1",
        "--as",
        "student1",
        "--out",
        f,
        "--database-url",
        a.db_url(),
    ]);
    assert!(ok, "{err}");
    let first: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(first["student"]["state_student_id"], "SSID-student1");
    assert!(schema_errors(&first).is_empty());

    let b = TestApp::spawn_empty().await;
    let (ok, _, err) = waypoint(&[
        "import",
        "record",
        f,
        "--school",
        "OH1",
        "--as",
        "schooladmin1",
        "--database-url",
        b.db_url(),
    ]);
    assert!(ok, "{err}");
    // Once more: merged, nothing added.
    let (ok, out, err) = waypoint(&[
        "import",
        "record",
        f,
        "--school",
        "OH1",
        "--as",
        "schooladmin1",
        "--database-url",
        b.db_url(),
    ]);
    assert!(
        ok && out.contains("merged") && out.contains("0 enrolment lines added"),
        "{out} {err}"
    );
    // And out again, to standard output, as the student: the same record.
    let (ok, out, err) = waypoint(&[
        "export",
        "record",
        "--state-id",
        "SSID-student1",
        "--as",
        "student1.learner",
        "--database-url",
        b.db_url(),
    ]);
    assert!(ok, "{err}");
    let second: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(content(&first), content(&second));

    // A broken file: every problem, and nothing changed.
    std::fs::write(&file, r#"{"format": "waypoint-record", "version": 1, "student": {}}"#).unwrap();
    let (ok, _, err) = waypoint(&[
        "import",
        "record",
        f,
        "--school",
        "OH1",
        "--as",
        "schooladmin1",
        "--database-url",
        b.db_url(),
    ]);
    assert!(
        !ok && err.contains("student.state_student_id: This is missing."),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    a.stop().await;
    b.stop().await;
}
