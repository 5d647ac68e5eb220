//! The portable record: export as the student and their family, who may
//! not, the access log, the published JSON Schema (version 2, and version 1
//! documents still read), the round trip into an empty instance (with
//! assessment attempts and saved careers), merging into a known student,
//! field-level errors that write nothing, CSRF on the upload, and the
//! command line.

use crate::harness::{Client, P, Resp, TestApp};
use serde_json::{Value, json};
use std::process::Command;
use waypoint_app::assessments::{INTERESTS, Instruments};
use waypoint_app::auth::{random_token, token_hash};
use waypoint_app::record::PortableRecord;
use waypoint_domain::assessment::Attempt;
use waypoint_domain::people::Demographics;
use waypoint_domain::{AttemptId, OrgId, UserId};

const SCHEMA: &str = include_str!("../../../../schemas/portable-record-v2.schema.json");
/// Version 1 as published: documents written before version 2 still
/// follow it.
const SCHEMA_V1: &str = include_str!("../../../../schemas/portable-record-v1.schema.json");

fn validator(text: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(text).expect("the schema is JSON");
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema is a valid draft 2020-12 schema")
}

fn schema() -> jsonschema::Validator {
    validator(SCHEMA)
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
              + (SELECT COUNT(*) FROM demographics) + (SELECT COUNT(*) FROM user_logins)
              + (SELECT COUNT(*) FROM assessment_attempts) + (SELECT COUNT(*) FROM saved_careers)",
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

/// The body of an export without the two lines allowed to differ.
fn strip(body: &str) -> String {
    body.lines()
        .filter(|l| !l.starts_with("  \"exported_at\": ") && !l.starts_with("  \"issuer\": "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// 2025-09-04 10:00 UTC, in milliseconds.
const LAST_YEAR: i64 = 1_756_980_000_000;

/// Gives Student1 more history and reporting fields than the fixture, a
/// finished interest inventory from grade 9, a finished attempt at a survey
/// only this instance has, and two saved careers (one with a note). With
/// the fixture's unfinished skills survey, three attempts.
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
    let interests = Instruments::built_in().get(INTERESTS).unwrap().clone();
    let form = interests.form_for_grade(9).unwrap();
    let mut a = Attempt::start(&interests, AttemptId::generate(), id, &form.id, 9, "es", LAST_YEAR).unwrap();
    let all = interests
        .items_of(form)
        .enumerate()
        .map(|(n, it)| (it.id.clone(), Some(1 + (n % 5) as i32)))
        .collect();
    a.record(&interests, &all, LAST_YEAR + 60_000).unwrap();
    a.finish(&interests, LAST_YEAR + 61_234).unwrap();
    app.store.create_attempt(&a).await.unwrap();
    let mut local = a.clone();
    local.id = AttemptId::generate();
    local.instrument_id = "district-pathways".into();
    local.instrument_version = "2025.1".into();
    local.started_at_ms += 86_400_000;
    local.updated_at_ms += 86_400_000;
    local.completed_at_ms = local.completed_at_ms.map(|t| t + 86_400_000);
    if let Some(s) = local.scores.as_mut() {
        s.instrument_id = local.instrument_id.clone();
        s.instrument_version = local.instrument_version.clone();
    }
    app.store.create_attempt(&local).await.unwrap();
    app.store
        .save_career(
            id,
            "29-1141.00",
            "Registered Nurses",
            "Ask about night shifts — ¿turnos?",
            LAST_YEAR + 1_000,
        )
        .await
        .unwrap();
    app.store
        .save_career(id, "15-1252.00", "Software Developers", "", LAST_YEAR + 2_000)
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
    assert_eq!(v["version"], 2);
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
    for section in ["goals", "course_plans", "experiences", "credentials", "portfolio"] {
        assert_eq!(v[section], json!([]), "{section}");
    }
    // Every attempt, oldest first: grade 9's interest inventory, the
    // survey of this instance only, this year's unfinished skills survey.
    let attempts = v["assessments"].as_array().unwrap();
    let instruments: Vec<&str> = attempts.iter().map(|a| a["instrument_id"].as_str().unwrap()).collect();
    assert_eq!(
        instruments,
        [INTERESTS, "district-pathways", waypoint_app::assessments::SKILLS]
    );
    let first = &attempts[0];
    assert_eq!(first["grade"], 9);
    assert_eq!(first["language"], "es");
    assert_eq!(first["started_at"], "2025-09-04T10:00:00.000Z");
    assert_eq!(first["completed_at"], "2025-09-04T10:01:01.234Z");
    assert!(first["attempt_id"].is_string(), "ids as strings of digits");
    assert!(first["answers"].as_object().unwrap().len() > 20);
    assert_eq!(first["scores"]["instrument_id"], INTERESTS);
    assert_eq!(first["scores"]["scales"].as_array().unwrap().len(), 6);
    assert_eq!(
        attempts[2]["attempt_id"],
        app.fx.attempt1.0.to_string(),
        "the fixture's attempt"
    );
    assert_eq!(attempts[2]["completed_at"], Value::Null);
    assert_eq!(attempts[2]["scores"], Value::Null);
    assert_eq!(
        v["saved_careers"],
        json!([
            {
                "onet_code": "15-1252.00", "title": "Software Developers", "note": "",
                "saved_at": "2025-09-04T10:00:02.000Z", "updated_at": "2025-09-04T10:00:02.000Z"
            },
            {
                "onet_code": "29-1141.00", "title": "Registered Nurses",
                "note": "Ask about night shifts — ¿turnos?",
                "saved_at": "2025-09-04T10:00:01.000Z", "updated_at": "2025-09-04T10:00:01.000Z"
            }
        ]),
        "by code"
    );
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
        "<h2 id=\"record-assessments-heading\">Surveys</h2>",
        "What Would I Like to Do?, started 2025-09-04 10:00 UTC",
        "district-pathways, started 2025-09-05 10:00 UTC",
        "Show the answers (",
        "Scores by area, from 0 to 100",
        "<h2 id=\"record-careers-heading\">Saved careers</h2>",
        "<th scope=\"row\">Registered Nurses</th>",
        "29-1141.00",
        "Ask about night shifts — ¿turnos?",
        "No note",
    ] {
        assert!(page.body.contains(s), "record page lacks {s}");
    }
    let es = {
        let mut c = app.as_(P::Student1).await;
        c.lang = Some("es".into());
        c.get(&format!("/students/{id}/record")).await
    };
    for s in [
        "Expediente portátil",
        "<h2 id=\"record-assessments-heading\">Encuestas</h2>",
        "¿Qué me gustaría hacer?, comenzada el 2025-09-04 10:00 UTC",
        "<h2 id=\"record-careers-heading\">Carreras guardadas</h2>",
        "Sin nota",
    ] {
        assert!(es.body.contains(s), "in Spanish too: {s}");
    }

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
            b["version"] = json!(3);
            b
        }),
        ("an attempt id as a number", {
            let mut b = good.clone();
            b["assessments"][0]["attempt_id"] = json!(12345);
            b
        }),
        ("an unfinished attempt with scores", {
            let mut b = good.clone();
            b["assessments"][0]["completed_at"] = Value::Null;
            b
        }),
        ("a scale outcome of another kind", {
            let mut b = good.clone();
            b["assessments"][0]["scores"]["scales"][0]["outcome"] = json!({"status": "great"});
            b
        }),
        ("a malformed O*NET-SOC code", {
            let mut b = good.clone();
            b["saved_careers"][0]["onet_code"] = json!("15-1252");
            b
        }),
        ("a note too long", {
            let mut b = good.clone();
            b["saved_careers"][0]["note"] = json!("n".repeat(501));
            b
        }),
        ("version 1 with attempts", {
            let mut b = good.clone();
            b["version"] = json!(1);
            b["saved_careers"] = json!([]);
            b
        }),
    ] {
        // (An unfinished attempt with scores is the reader's rule alone:
        // the schema does not relate two keys.)
        if what != "an unfinished attempt with scores" {
            assert!(!schema().is_valid(&bad), "schema accepts a record with {what}");
        }
        assert!(
            PortableRecord::from_json(bad.to_string().as_bytes()).is_err(),
            "reader accepts a record with {what}"
        );
    }
    let mut bad = good.clone();
    bad["saved_careers"][1]["onet_code"] = json!("nurse");
    assert!(
        schema_errors(&bad)
            .iter()
            .any(|e| e.starts_with("/saved_careers/1/onet_code")),
        "{:?}",
        schema_errors(&bad)
    );
    let issues = PortableRecord::from_json(bad.to_string().as_bytes()).unwrap_err();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(
        (issues[0].field.as_str(), issues[0].key),
        ("saved_careers[1].onet_code", "error-record-onet-code")
    );

    // A version 1 document (written before attempts and saved careers were
    // part of the record) follows both schemas and is still read.
    let mut v1 = good.clone();
    v1["version"] = json!(1);
    v1["assessments"] = json!([]);
    v1["saved_careers"] = json!([]);
    assert!(validator(SCHEMA_V1).is_valid(&v1));
    assert!(schema().is_valid(&v1), "{:?}", schema_errors(&v1));
    let read = PortableRecord::from_json(v1.to_string().as_bytes()).unwrap();
    assert_eq!(read.version, 1);
    assert!(!validator(SCHEMA_V1).is_valid(&good), "version 2 is not version 1");
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

    // Every attempt, the one at a survey this instance does not offer too,
    // and both saved careers.
    assert_eq!(count(&b, "SELECT COUNT(*) FROM assessment_attempts").await, 3);
    assert_eq!(count(&b, "SELECT COUNT(*) FROM saved_careers").await, 2);
    let attempts = b.store.attempts(new_id).await.unwrap();
    let local = attempts
        .iter()
        .find(|a| a.instrument_id == "district-pathways")
        .expect("an attempt at an instrument this instance lacks is kept");
    let mut me = as_id(&b, new_id).await;
    let results = me
        .get(&format!("/students/{new_id}/attempts/{}/results", local.id))
        .await;
    assert_eq!(results.status, 200, "its results still show: {}", results.body);
    let careers = me.get(&format!("/students/{new_id}/careers")).await;
    assert_eq!(careers.status, 200);
    assert!(
        careers.body.contains("Ask about night shifts — ¿turnos?"),
        "{}",
        careers.body
    );

    // Exported again, by the same person, it is the same record: equal,
    // and byte for byte but for `exported_at` and `issuer`.
    let (r, second) = export_json(&mut me, new_id).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(second["issuer"], b.base.as_str());
    assert_ne!(first["issuer"], second["issuer"]);
    assert_eq!(content(&first), content(&second));
    assert_eq!(strip(&String::from_utf8_lossy(&file)), strip(&r.body));
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
async fn a_known_student_gets_only_the_attempts_and_careers_they_lack() {
    let app = TestApp::spawn().await;
    let id = enrich(&app).await;
    let (_, mut doc) = export_json(&mut app.as_(P::Counselor1).await, id).await;
    let here = app.store.attempts(id).await.unwrap();
    let interests_here = here.iter().find(|a| a.instrument_id == INTERESTS).unwrap().clone();
    let attempts = doc["assessments"].as_array_mut().unwrap();
    // The interest inventory as the other instance has it (other answers):
    // the same attempt, left as it is here.
    attempts[0]["answers"] = json!({"x1": 5});
    // A later retake there: new here.
    let mut retake = attempts[0].clone();
    retake["attempt_id"] = json!("4242424242424242");
    retake["started_at"] = json!("2026-09-10T09:00:00.000Z");
    retake["updated_at"] = json!("2026-09-10T09:20:00.000Z");
    retake["completed_at"] = json!("2026-09-10T09:20:00.000Z");
    attempts.push(retake);
    // An unfinished skills survey there, while the student has one here:
    // only one can be continued, so the record's is left out.
    attempts[2]["attempt_id"] = json!("4343434343434343");
    // Careers: the nurse note stays as written here; the empty note on
    // software developers takes the record's; electricians are new.
    doc["saved_careers"] = json!([
        {
            "onet_code": "15-1252.00", "title": "Software Developers", "note": "From my old school",
            "saved_at": "2024-01-01T00:00:00.000Z", "updated_at": "2024-02-01T00:00:00.000Z"
        },
        {
            "onet_code": "29-1141.00", "title": "Registered Nurses", "note": "Their note",
            "saved_at": "2024-01-01T00:00:00.000Z", "updated_at": "2027-01-01T00:00:00.000Z"
        },
        {
            "onet_code": "47-2111.00", "title": "Electricians", "note": "Apprenticeship?",
            "saved_at": "2024-03-01T00:00:00.000Z", "updated_at": "2024-03-01T00:00:00.000Z"
        }
    ]);
    let file = doc.to_string().into_bytes();
    assert!(schema_errors(&doc).is_empty(), "{:?}", schema_errors(&doc));

    let r = upload(&app, P::SchoolAdmin1, app.fx.s1, &file).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let location = r.location.clone().unwrap();
    assert!(
        location.contains("done=merged") && location.contains("warn=attempt"),
        "{location}"
    );
    let page = app.as_(P::SchoolAdmin1).await.get(&location).await;
    assert!(
        page.body
            .contains("Only one can be continued, so the one in the record was left out."),
        "{}",
        page.body
    );

    let after = app.store.attempts(id).await.unwrap();
    assert_eq!(after.len(), 4, "the retake added, nothing else");
    assert_eq!(
        after.iter().find(|a| a.id == interests_here.id),
        Some(&interests_here),
        "the attempt here is left as it is"
    );
    assert!(after.iter().any(|a| a.id == AttemptId(4_242_424_242_424_242)));
    assert!(!after.iter().any(|a| a.id == AttemptId(4_343_434_343_434_343)));
    assert_eq!(
        after.iter().filter(|a| !a.is_finished()).count(),
        1,
        "one unfinished skills survey"
    );
    let careers = app.store.saved_careers(id).await.unwrap();
    let notes: Vec<(&str, &str)> = careers
        .iter()
        .map(|c| (c.onet_code.as_str(), c.note.as_str()))
        .collect();
    assert_eq!(notes.len(), 3);
    for want in [
        ("29-1141.00", "Ask about night shifts — ¿turnos?"),
        ("15-1252.00", "From my old school"),
        ("47-2111.00", "Apprenticeship?"),
    ] {
        assert!(notes.contains(&want), "{want:?} in {notes:?}");
    }

    // Again: nothing new.
    let before = rows(&app).await;
    let r = upload(&app, P::SchoolAdmin1, app.fx.s1, &file).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(rows(&app).await, before, "idempotent");
    assert_eq!(app.store.attempts(id).await.unwrap(), after);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'record_import'").await,
        2
    );
    app.stop().await;
}

#[tokio::test]
async fn a_version_1_record_still_imports() {
    let a = TestApp::spawn().await;
    let (_, mut doc) = export_json(&mut a.as_(P::Student1).await, a.fx.id(P::Student1)).await;
    doc["version"] = json!(1);
    doc["assessments"] = json!([]);
    doc["saved_careers"] = json!([]);
    let b = TestApp::spawn_empty().await;
    let r = upload(&b, P::SchoolAdmin1, b.fx.s1, doc.to_string().as_bytes()).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(r.location.as_deref().unwrap().contains("done=created"));
    let new_id = b.store.student_by_state_id("SSID-student1").await.unwrap().unwrap();
    let (_, again) = export_json(&mut as_id(&b, new_id).await, new_id).await;
    assert_eq!(again["version"], 2, "written as the current version");
    let mut want = content(&doc);
    want["version"] = json!(2);
    assert_eq!(content(&again), want);
    a.stop().await;
    b.stop().await;
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
    bad["assessments"][0]["attempt_id"] = json!("attempt-1");
    bad["saved_careers"] = json!([{
        "onet_code": "29-1141", "title": "Registered Nurses", "note": "",
        "saved_at": "2026-09-01T10:00:00.000Z", "updated_at": "2026-09-01T10:00:00.000Z"
    }]);
    let before = rows(&app).await;
    let audit = count(&app, "SELECT COUNT(*) FROM audit_log").await;

    let r = upload(&app, P::SchoolAdmin1, app.fx.s1, bad.to_string().as_bytes()).await;
    assert_eq!(r.status, 422, "{}", r.body);
    for s in [
        "<code>student.state_student_id</code>: This is missing.",
        "<code>student.grade</code>: This number is out of range.",
        "<code>schools[0].entry_date</code>: This is not a date written as YYYY-MM-DD.",
        "<code>favourite_colour</code>: This is not part of a portable record.",
        "<code>assessments[0].attempt_id</code>: This is not an id: write it as digits, in quotes.",
        "<code>saved_careers[0].onet_code</code>: This is not an O*NET-SOC code written as 00-0000.00.",
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

    // Well formed, but two unfinished attempts at the same survey version.
    let mut bad = good.clone();
    bad["student"]["state_student_id"] = json!("NEW-78");
    let mut twin = bad["assessments"][0].clone();
    twin["attempt_id"] = json!("5151515151");
    bad["assessments"].as_array_mut().unwrap().push(twin);
    let r = upload(&app, P::SchoolAdmin1, app.fx.s1, bad.to_string().as_bytes()).await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains(
            "<code>assessments[1].completed_at</code>: Only one unfinished attempt at the same survey and version can be kept."
        ),
        "{}",
        r.body
    );
    assert!(app.store.student_by_state_id("NEW-78").await.unwrap().is_none());

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
        ok && out.contains("merged")
            && out.contains("0 enrolment lines added, 0 assessment attempts added, 0 saved careers added"),
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
