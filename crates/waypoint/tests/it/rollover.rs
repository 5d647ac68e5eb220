//! The school-year rollover: everyone moves on a grade, grade 8 to a high
//! school, grade 12 to alumni; one transaction, keyed on the target year.

use crate::harness::{P, PASSWORD, TestApp};
use crate::roster::actor;
use waypoint_app::rollover::RolloverForm;
use waypoint_app::{App, AppError};
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::{AccountKind, StudentStatus};
use waypoint_domain::{OrgId, UserId};
use waypoint_store::Value;
use waypoint_store::orgs::OrgRecord;
use waypoint_store::people::NewUser;
use waypoint_store::students::NewStudent;

fn app_of(app: &TestApp) -> &App {
    &app.running.as_ref().unwrap().app
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    app.store.db().query_one(sql, vec![]).await.unwrap().i64(0).unwrap()
}

/// Everything a rollover may change, in one comparable value.
async fn snapshot(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM enrollments",
        "SELECT COUNT(*) FROM enrollments WHERE exit_date IS NULL",
        "SELECT CAST(COALESCE(SUM(grade_level), 0) AS BIGINT) FROM students",
        "SELECT CAST(COALESCE(SUM(school_id % 1000003), 0) AS BIGINT) FROM students",
        "SELECT COUNT(*) FROM students WHERE status = 'alumni'",
        "SELECT COUNT(*) FROM school_years",
        "SELECT CAST(COALESCE(SUM(school_year_id % 1000003), 0) AS BIGINT) FROM school_years WHERE is_current = TRUE",
        "SELECT COUNT(*) FROM mentors",
        "SELECT COUNT(*) FROM advisory_members",
        "SELECT COUNT(*) FROM class_students WHERE active = TRUE",
        "SELECT COUNT(*) FROM audit_log",
        "SELECT COUNT(*) FROM access_log",
    ] {
        out.push(count(app, sql).await);
    }
    out
}

async fn school(app: &TestApp, name: &str, code: &str, grades: Option<(i64, i64)>) -> OrgRecord {
    let d1 = app.store.org(app.fx.d1).await.unwrap().unwrap();
    app.store
        .create_org(OrgKind::School, Some(&d1), name, code, grades)
        .await
        .unwrap()
}

/// The school years of the tests, by today's date, so that they hold in
/// any year: the current one (`c`) began on 17 August of `c_year`, before
/// today, and the next one begins after today.
struct Cal {
    y: i32,
}

impl Cal {
    fn now() -> Cal {
        let t = waypoint_app::today();
        let y = if (t.month() as u8, t.day()) >= (8, 17) {
            t.year()
        } else {
            t.year() - 1
        };
        Cal { y }
    }
    fn name(&self, plus: i32) -> String {
        format!("{}-{}", self.y + plus, self.y + plus + 1)
    }
    fn current(&self) -> String {
        self.name(0)
    }
    fn next(&self) -> String {
        self.name(1)
    }
}

/// A student of `school` in `grade`, enrolled in the current year.
async fn student(app: &TestApp, name: &str, school: &OrgRecord, grade: i64) -> UserId {
    let id = UserId::generate();
    app.store
        .create_student(&NewStudent {
            user: NewUser {
                user_id: id,
                kind: AccountKind::Student,
                username: name.into(),
                email: None,
                password_hash: None,
                given_name: name.into(),
                family_name: "Mover".into(),
                locale: "en".into(),
            },
            state_student_id: format!("SSID-{name}"),
            birth_date: Some("2013-04-05".into()),
            grade_level: Some(grade),
            school_id: Some(school.org_id),
            district_id: school.district_id,
            state_id: school.state_id,
            graduation_year: None,
        })
        .await
        .unwrap();
    app.store
        .add_enrollment(
            id,
            school.org_id,
            &Cal::now().current(),
            grade,
            &format!("{}-08-17", Cal::now().y),
            None,
        )
        .await
        .unwrap();
    id
}

/// District One's years: the one before, and the current one.
async fn years(app: &TestApp) {
    let (d1, c) = (app.fx.d1, Cal::now());
    app.store
        .create_school_year(
            d1,
            &c.name(-1),
            &format!("{}-08-18", c.y - 1),
            &format!("{}-06-11", c.y),
        )
        .await
        .unwrap();
    let y = app
        .store
        .create_school_year(
            d1,
            &c.current(),
            &format!("{}-08-17", c.y),
            &format!("{}-06-10", c.y + 1),
        )
        .await
        .unwrap();
    app.store.set_current_school_year(d1, y.school_year_id).await.unwrap();
}

async fn set_grade(app: &TestApp, id: UserId, grade: i64) {
    app.store
        .db()
        .execute(
            "UPDATE students SET grade_level = $2 WHERE student_id = $1",
            vec![Value::I64(id.0), Value::I64(grade)],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn everyone_moves_on_graduates_keep_their_account_and_a_second_run_changes_nothing() {
    let app = TestApp::spawn().await;
    let (d1, s1) = (app.fx.d1, app.fx.s1);
    let cal = Cal::now();
    let (current, next) = (cal.current(), cal.next());
    let (closes, begins, ends) = (
        format!("{}-06-10", cal.y + 1),
        format!("{}-08-17", cal.y + 1),
        format!("{}-06-10", cal.y + 2),
    );
    years(&app).await;
    let student1 = app.fx.id(P::Student1);
    let adult = app.fx.id(P::AdultStudent);
    let student2 = app.fx.id(P::Student2);
    set_grade(&app, student1, 12).await;
    let middle = school(&app, "School One Middle", "S1M", Some((6, 8))).await;
    let m8a = student(&app, "m8a", &middle, 8).await;
    let m8b = student(&app, "m8b", &middle, 8).await;
    let m6 = student(&app, "m6", &middle, 6).await;
    // Before: Student1's counselor and mentor see them.
    let student_page = format!("/students/{student1}");
    assert_eq!(app.as_(P::Counselor1).await.get(&student_page).await.status, 200);

    app.flush().await;
    let access_before = count(&app, "SELECT COUNT(*) FROM access_log").await;
    let mut admin = app.as_(P::DistrictAdmin1).await;
    // The district page links to the rollover, which shows what will happen.
    let org = admin.get(&format!("/admin/orgs/{d1}")).await;
    assert!(org.body.contains(&format!("href=\"/admin/orgs/{d1}/rollover\"")));
    let page = admin.get(&format!("/admin/orgs/{d1}/rollover")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains(&format!("From {current} to {next}")),
        "{}",
        page.body
    );
    assert!(page.body.contains("5 students, by grade"), "{}", page.body);
    for row in [
        "<th scope=\"row\">6</th><td>1</td><td>1 to grade 7 at the same school</td>",
        "<th scope=\"row\">8</th><td>2</td><td>2 to grade 9 at School One High</td>",
        "<th scope=\"row\">10</th><td>1</td><td>1 to grade 11 at the same school</td>",
        "<th scope=\"row\">12</th><td>1</td><td>They graduate and become alumni.</td>",
    ] {
        assert!(page.body.contains(row), "{row}\n{}", page.body);
    }
    let to_year = page.input("to_year").unwrap();
    let starts_on = page.input("starts_on").unwrap();
    let ends_on = page.input("ends_on").unwrap();
    assert_eq!((&to_year, &starts_on, &ends_on), (&next, &begins, &ends));
    let form = [
        ("to_year", to_year.as_str()),
        ("starts_on", starts_on.as_str()),
        ("ends_on", ends_on.as_str()),
    ];
    let done = admin.post(&format!("/admin/orgs/{d1}/rollover"), &form).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(
        done.body.contains(&format!(
            "{current} is closed and {next} is now the current school year."
        )),
        "{}",
        done.body
    );

    // The years.
    let ys = app.store.school_years(d1).await.unwrap();
    let current_years: Vec<&str> = ys.iter().filter(|y| y.is_current).map(|y| y.name.as_str()).collect();
    assert_eq!(current_years, [next.as_str()]);
    // Moved up, at the same school: old enrolment closed on the last day,
    // the new one from the first day of the new year.
    let st = app.store.student_overview(adult).await.unwrap().unwrap();
    assert_eq!((st.student.grade_level, st.student.school_id), (Some(11), Some(s1)));
    assert_eq!(st.enrollments.len(), 2);
    let new = st.enrollments.iter().find(|e| e.school_year == next).unwrap();
    assert_eq!(
        (new.grade_level, new.entry_date.as_str(), new.exit_date.as_deref()),
        (11, begins.as_str(), None)
    );
    let old = st.enrollments.iter().find(|e| e.school_year != next).unwrap();
    assert_eq!(old.exit_date.as_deref(), Some(closes.as_str()));
    // Grade 8 to the district's one high school; grade 6 stays.
    for id in [m8a, m8b] {
        let s = app.store.student(id).await.unwrap().unwrap();
        assert_eq!((s.grade_level, s.school_id), (Some(9), Some(s1)));
    }
    let s = app.store.student(m6).await.unwrap().unwrap();
    assert_eq!((s.grade_level, s.school_id), (Some(7), Some(middle.org_id)));
    // Grade 12: alumni, "grade 13", school kept as history, enrolment closed.
    let s = app.store.student_overview(student1).await.unwrap().unwrap();
    assert_eq!(s.student.status, StudentStatus::Alumni);
    assert_eq!(
        (s.student.grade_level, s.student.school_id, s.student.graduation_year),
        (Some(13), Some(s1), Some(i64::from(cal.y + 1)))
    );
    assert!(
        s.enrollments
            .iter()
            .all(|e| e.exit_date.as_deref() == Some(closes.as_str()))
    );
    assert!(!s.enrollments.iter().any(|e| e.school_year == next));
    // Another district is untouched.
    let s = app.store.student(student2).await.unwrap().unwrap();
    assert_eq!(s.grade_level, Some(10));
    // No record was read; the change is audited once.
    app.flush().await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM access_log").await, access_before);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'school_year_rollover'"
        )
        .await,
        1
    );
    let audit = admin.get(&format!("/admin/orgs/{d1}/audit-log")).await;
    assert!(audit.body.contains("New school year started"));

    // The alumnus still signs in and sees their plan; staff no longer do.
    let mut alum = app.client();
    let r = alum.sign_in(P::Student1.username(), PASSWORD).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some(student_page.as_str()));
    assert_eq!(alum.get(&student_page).await.status, 200);
    for p in [P::Counselor1, P::Mentor1, P::Advisor1, P::SchoolAdmin1] {
        let r = app.as_(p).await.get(&student_page).await;
        assert_eq!(r.status, 403, "{p:?}");
        assert!(!r.body.contains("Student1 Learner"));
    }
    // Other students' staff access is as before.
    assert_eq!(
        app.as_(P::Counselor1)
            .await
            .get(&format!("/students/{adult}"))
            .await
            .status,
        200
    );

    // The same rollover again changes nothing: not over HTTP …
    app.flush().await;
    let before = snapshot(&app).await;
    let again = admin.post(&format!("/admin/orgs/{d1}/rollover"), &form).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert!(
        again
            .body
            .contains(&format!("{next} is already the current school year")),
        "{}",
        again.body
    );
    // … nor through the use case, nor with the year left blank (the year it
    // would close, the new one, has not begun).
    let a = actor(&app, P::DistrictAdmin1).await;
    let s = app_of(&app)
        .rollover(
            &a,
            d1,
            &RolloverForm {
                to_year: next.clone(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(s.counts.nothing(), "{s}");
    let r = app_of(&app).rollover(&a, d1, &RolloverForm::default()).await;
    assert!(
        matches!(&r, Err(AppError::Invalid(e)) if e.for_field("to_year") == Some("error-rollover-too-early")),
        "{r:?}"
    );
    app.flush().await;
    assert_eq!(snapshot(&app).await, before, "the second run changed something");
    let page = admin.get(&format!("/admin/orgs/{d1}/rollover")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("has not begun yet"), "{}", page.body);
    app.stop().await;
}

#[tokio::test]
async fn grade_8_goes_where_the_roster_says_else_to_the_only_high_school_else_needs_placement() {
    let app = TestApp::spawn().await;
    let d1 = app.fx.d1;
    let cal = Cal::now();
    years(&app).await;
    let middle = school(&app, "School One Middle", "S1M", Some((6, 8))).await;
    // A second high school, without a grade span: it teaches grade 9
    // because its students are in grade 9.
    let north = school(&app, "North High", "S1N", None).await;
    student(&app, "n9", &north, 9).await;
    let by_class = student(&app, "byclass", &middle, 8).await;
    let unplaced = student(&app, "unplaced", &middle, 8).await;
    // The roster put `byclass` in a class at North High (next year's) and
    // in one at the middle school (this year's); a mentor at the middle
    // school only.
    let db = app.store.db();
    for (class_id, school_id, sourced) in [(91, north.org_id, "c-north"), (92, middle.org_id, "c-middle")] {
        db.execute(
            "INSERT INTO classes (class_id, source_id, sourced_id, school_id, title, active) VALUES ($1, $2, $3, $4, 'Class', TRUE)",
            vec![
                Value::I64(class_id),
                Value::I64(d1.0),
                Value::Text(sourced.into()),
                Value::I64(school_id.0),
            ],
        )
        .await
        .unwrap();
    }
    let (next_class, this_class) = (format!("{}-08-20", cal.y + 1), format!("{}-08-17", cal.y));
    for (class_id, begin) in [(91, next_class.as_str()), (92, this_class.as_str())] {
        db.execute(
            "INSERT INTO class_students (student_id, class_id, begin_date, active) VALUES ($1, $2, $3, TRUE)",
            vec![Value::I64(by_class.0), Value::I64(class_id), Value::Text(begin.into())],
        )
        .await
        .unwrap();
    }
    let teacher = app.fx.id(P::Teacher1);
    app.store
        .add_grant(teacher, middle.org_id, waypoint_domain::people::Role::Mentor, None)
        .await
        .unwrap();
    app.store.assign_mentor(teacher, &[by_class]).await.unwrap();

    let mut admin = app.as_(P::DistrictAdmin1).await;
    let page = admin.get(&format!("/admin/orgs/{d1}/rollover")).await;
    assert!(
        page.body.contains(
            "<th scope=\"row\">8</th><td>2</td><td>1 to grade 9 at North High; 1 to grade 9, but their school does not teach it: they need a high school</td>"
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("Students who need a high school"));
    assert!(page.body.contains("unplaced Mover (School One Middle)"));

    let a = actor(&app, P::DistrictAdmin1).await;
    let form = RolloverForm {
        to_year: cal.next(),
        starts_on: format!("{}-08-16", cal.y + 1),
        ends_on: format!("{}-06-09", cal.y + 2),
    };
    let s = app_of(&app).rollover(&a, d1, &form).await.unwrap();
    assert_eq!(s.counts.moved, 1, "{s}");
    assert!(s.counts.year_created && s.counts.year_switched);
    let names: Vec<&str> = s.needs_placement.iter().map(|n| n.given_name.as_str()).collect();
    assert_eq!(names, ["unplaced"]);
    let y = app.store.school_years(d1).await.unwrap();
    let new = y.iter().find(|y| y.name == form.to_year).unwrap();
    assert_eq!(
        (&new.starts_on, &new.ends_on, new.is_current),
        (&form.starts_on, &form.ends_on, true)
    );

    // By the roster: North High, grade 9; the move ends ties to the old
    // school (its class place, its mentor), not to the new one.
    let st = app.store.student(by_class).await.unwrap().unwrap();
    assert_eq!((st.grade_level, st.school_id), (Some(9), Some(north.org_id)));
    let facts = app
        .store
        .student_facts(by_class, waypoint_app::today())
        .await
        .unwrap()
        .unwrap();
    assert!(facts.mentors.is_empty(), "the middle-school mentor is no longer theirs");
    let active: Vec<i64> = db
        .query(
            "SELECT class_id FROM class_students WHERE student_id = $1 AND active = TRUE",
            vec![Value::I64(by_class.0)],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.i64(0).unwrap())
        .collect();
    assert_eq!(active, [91]);
    let e = app
        .store
        .student_overview(by_class)
        .await
        .unwrap()
        .unwrap()
        .enrollments
        .clone();
    assert!(
        e.iter()
            .any(|e| e.school_id == north.org_id && e.school_year == form.to_year && e.grade_level == 9)
    );
    // Two high schools and nothing on the roster: grade 9 where they are,
    // listed for the district to place.
    let st = app.store.student(unplaced).await.unwrap().unwrap();
    assert_eq!((st.grade_level, st.school_id), (Some(9), Some(middle.org_id)));

    // Nobody who may not manage the district may do it.
    for p in [P::Counselor1, P::SchoolAdmin1, P::DistrictAdmin2] {
        let a = actor(&app, p).await;
        assert!(
            matches!(app_of(&app).rollover(&a, d1, &form).await, Err(AppError::Forbidden)),
            "{p:?}"
        );
        assert_eq!(
            app.as_(p).await.get(&format!("/admin/orgs/{d1}/rollover")).await.status,
            403,
            "{p:?}"
        );
    }
    // Schools and the state are not districts.
    let state_admin = actor(&app, P::StateAdmin).await;
    for org in [app.fx.s1, app.fx.state, OrgId(1)] {
        assert!(matches!(
            app_of(&app).rollover_plan(&state_admin, org, &form).await,
            Err(AppError::NotFound | AppError::Forbidden)
        ));
    }
    app.stop().await;
}
