//! For staff: each student's survey results and saved careers, read-only
//! and in the record of access; and a school's interests and saved careers
//! as counts, small groups suppressed.

use crate::harness::{P, TestApp};
use std::collections::BTreeMap;
use waypoint_app::assessments::{INTERESTS, Instruments};
use waypoint_domain::assessment::Attempt;
use waypoint_domain::people::AccountKind;
use waypoint_domain::{AttemptId, OrgId, UserId};
use waypoint_store::Store;
use waypoint_store::logs::AccessQuery;
use waypoint_store::people::NewUser;
use waypoint_store::students::NewStudent;

/// Keeps a finished interest inventory for `student`: every item of the
/// scales in `top` answered "really like", the others "dislike", so the
/// code's first place is `top` (tied when there are several).
async fn finished_interests(store: &Store, student: UserId, top: &[&str]) -> AttemptId {
    let i = Instruments::built_in().get(INTERESTS).unwrap().clone();
    let form = i.form_for_grade(10).unwrap();
    let now = waypoint_store::now_ms();
    let mut a = Attempt::start(&i, AttemptId::generate(), student, &form.id, 10, "en", now - 10).unwrap();
    let answers: BTreeMap<String, Option<i32>> = i
        .items_of(form)
        .map(|it| {
            let v = if top.contains(&it.scales[0].as_str()) { 5 } else { 2 };
            (it.id.clone(), Some(v))
        })
        .collect();
    a.record(&i, &answers, now - 5).unwrap();
    a.finish(&i, now - 1).unwrap();
    store.create_attempt(&a).await.unwrap();
    a.id
}

/// A student with no password at the school (`OrgId`), in `grade`.
async fn pupil(store: &Store, app: &TestApp, school: OrgId, district: OrgId, name: &str, grade: i64) -> UserId {
    let id = UserId::generate();
    store
        .create_student(&NewStudent {
            user: NewUser {
                user_id: id,
                kind: AccountKind::Student,
                username: name.to_lowercase(),
                email: None,
                password_hash: None,
                given_name: name.into(),
                family_name: "Pupil".into(),
                locale: "en".into(),
            },
            state_student_id: format!("SSID-{name}"),
            birth_date: Some("2010-01-01".into()),
            grade_level: Some(grade),
            school_id: Some(school),
            district_id: Some(district),
            state_id: app.fx.state,
            graduation_year: Some(2038 - grade),
        })
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn staff_who_may_see_a_student_follow_links_to_results_and_careers_read_only_and_logged() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student1);
    let attempt = finished_interests(&app.store, sid, &["social"]).await;
    app.store
        .save_career(sid, "29-1141.00", "Registered Nurses", "Shadow a nurse", 1_000)
        .await
        .unwrap();
    let results = format!("/students/{sid}/attempts/{attempt}/results");
    let surveys = format!("/students/{sid}/assessments");
    let careers = format!("/students/{sid}/careers");

    // (who, the basis the log records)
    let staff = [
        (P::Mentor1, "mentor"),
        (P::Advisor1, "mentor"),
        (P::Coach1, "career_coach"),
        (P::CaseManager1, "case_manager"),
        (P::Counselor1, "counselor"),
        (P::SchoolAdmin1, "school_admin"),
        (P::DistrictAdmin1, "district_admin"),
        (P::StateAdmin, "state_admin"),
    ];
    for (p, _) in staff {
        let mut c = app.as_(p).await;
        // The staff's page of the student links to both.
        let home = c.get(&format!("/students/{sid}")).await;
        assert_eq!(home.status, 200, "{p:?}");
        for href in [&results, &surveys, &careers] {
            assert!(
                home.body.contains(&format!("href=\"{href}\"")),
                "{p:?}: no link to {href}"
            );
        }
        assert!(home.body.contains("Interest code: S"), "{p:?}");
        // The results, the surveys and the careers, with nothing to change.
        let r = c.get(&results).await;
        assert_eq!(r.status, 200, "{p:?}");
        assert!(
            r.body.contains("Student1 Learner took this survey in grade 10"),
            "{p:?}"
        );
        assert!(!r.body.contains("method=\"post\" action=\"/students/"), "{p:?}");
        let r = c.get(&surveys).await;
        assert_eq!(r.status, 200, "{p:?}");
        assert!(r.body.contains(&format!("href=\"{results}\"")), "{p:?}");
        assert!(
            !r.body.contains(&format!("action=\"/students/{sid}/assessments/")),
            "{p:?}"
        );
        let r = c.get(&careers).await;
        assert_eq!(r.status, 200, "{p:?}");
        assert!(
            r.body.contains("Registered Nurses") && r.body.contains("Shadow a nurse"),
            "{p:?}"
        );
        assert!(!r.body.contains(&format!("action=\"{careers}")), "{p:?} gets no forms");
        // Changing them is the student's alone.
        let r = c
            .post(
                &careers,
                &[("onet_code", "29-1141.00"), ("note", "mine"), ("from", "list")],
            )
            .await;
        assert_eq!(r.status, 403, "{p:?}");
        assert_eq!(
            c.post(&format!("{surveys}/{INTERESTS}"), &[]).await.status,
            403,
            "{p:?}"
        );
    }
    // A teacher with no class of the student, and another district: no.
    for p in [P::Teacher1, P::Employer1, P::Counselor2, P::DistrictAdmin2] {
        let mut c = app.as_(p).await;
        for path in [&results, &surveys, &careers] {
            let r = c.get(path).await;
            assert_eq!(r.status, 403, "{p:?} {path}");
            assert!(!r.body.contains("Registered Nurses"), "{p:?}");
        }
    }

    // Every read is in the record of access, with its basis.
    app.flush().await;
    let log = app
        .store
        .search_access(&AccessQuery {
            student_id: Some(sid),
            page: 1,
            per_page: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    for (p, basis) in staff {
        let who = app.fx.id(p);
        for resource in ["home", "assessments", "assessment_results", "careers"] {
            assert!(
                log.items.iter().any(|e| e.entry.actor_id == who
                    && e.entry.action == "view"
                    && e.entry.resource == resource
                    && e.entry.basis == basis),
                "{p:?}: no {resource} view as {basis}"
            );
        }
    }
    for p in [P::Teacher1, P::Employer1, P::Counselor2, P::DistrictAdmin2] {
        assert!(
            !log.items.iter().any(|e| e.entry.actor_id == app.fx.id(p)),
            "{p:?}: a denial is not an access"
        );
    }
    app.stop().await;
}

/// Fills School1 for the report: grade 10 holds Student1, AdultStudent and
/// 20 more (22): 11 "Social" first, 10 "Enterprising", Student1 tied, and 12
/// saved Registered Nurses, 3 Software Developers, 2 Electricians. Grade 11
/// holds 9 students, all "Investigative": a group too small to show.
async fn fill_school(app: &TestApp) {
    let store = &app.store;
    let (s1, d1) = (app.fx.s1, app.fx.d1);
    let mut ten = vec![app.fx.id(P::AdultStudent)];
    for k in 0..20 {
        ten.push(pupil(store, app, s1, d1, &format!("Ten{k:02}"), 10).await);
    }
    for (k, s) in ten.iter().enumerate() {
        let top = if k < 11 { "social" } else { "enterprising" };
        finished_interests(store, *s, &[top]).await;
    }
    finished_interests(store, app.fx.id(P::Student1), &["artistic", "social"]).await;
    for (k, s) in ten.iter().enumerate().take(12) {
        store
            .save_career(*s, "29-1141.00", "Registered Nurses", "", 1_000)
            .await
            .unwrap();
        if k < 3 {
            store
                .save_career(*s, "15-1252.00", "Software Developers", "", 1_000)
                .await
                .unwrap();
        }
        if (3..5).contains(&k) {
            store
                .save_career(*s, "47-2111.00", "Electricians", "", 1_000)
                .await
                .unwrap();
        }
    }
    for k in 0..9 {
        let s = pupil(store, app, s1, d1, &format!("Eleven{k}"), 11).await;
        finished_interests(store, s, &["investigative"]).await;
    }
}

/// The text of the table cell after the row heading `label`.
fn cell<'a>(body: &'a str, label: &str) -> Option<&'a str> {
    let at = body.find(&format!("<th scope=\"row\">{label}</th><td>"))?;
    let rest = &body[at..];
    let start = rest.find("<td>")? + 4;
    let end = rest.find("</td>")?;
    Some(&rest[start..end])
}

#[tokio::test]
async fn a_school_report_counts_interests_and_careers_and_hides_small_groups() {
    let app = TestApp::spawn().await;
    fill_school(&app).await;
    let s1 = app.fx.s1;
    let url = format!("/admin/orgs/{s1}/interests");

    let mut counselor = app.as_(P::Counselor1).await;
    // Grade 10: 22 students.
    let r = counselor.get(&format!("{url}?grade=10")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let b = &r.body;
    assert!(b.contains("<h1>Interests and careers at School One High</h1>"));
    assert!(b.contains("<option value=\"10\" selected>"));
    assert!(
        b.contains("22 of 22 students have finished the interest survey."),
        "{b}"
    );
    assert_eq!(cell(b, "Social"), Some("11"));
    // One student tied: fewer than 10; the 10 "Enterprising" are hidden so
    // that the one cannot be worked out from the total.
    assert_eq!(cell(b, "Tied for first"), Some("fewer than 10"));
    assert_eq!(cell(b, "Enterprising"), Some("hidden"));
    assert_eq!(cell(b, "Realistic"), Some("0"));
    assert_eq!(cell(b, "Has not finished the interest survey"), Some("0"));
    assert_eq!(cell(b, "All students"), Some("22"));
    assert!(b.contains("<caption id=\"interests-caption\">"));
    assert!(b.contains("<th scope=\"col\">Top interest type</th>"));
    assert!(b.contains("role=\"img\"") && b.contains("<desc id=\"chart-desc\">"));
    // Careers: 12 saved at least one (the 10 others did not): both shown.
    assert!(b.contains("Students who saved at least one career: 12 of 22."), "{b}");
    assert_eq!(cell(b, "Registered Nurses"), Some("12"));
    assert!(!b.contains("Software Developers") && !b.contains("Electricians"));
    assert!(b.contains("Careers saved by fewer than 10 students are not listed."));
    assert!(b.contains("No career clusters are loaded."));
    // No student is named.
    assert!(!b.contains("Learner") && !b.contains("Pupil"));

    // Grade 11: nine students, no figures at all.
    let r = counselor.get(&format!("{url}?grade=11")).await;
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains("This group has fewer than 10 students, so no figures are shown.")
    );
    assert!(cell(&r.body, "Investigative").is_none());
    assert!(!r.body.contains("interests-caption"));

    // Every grade: 31 students; 9 "Investigative" and 1 tied are hidden.
    let r = counselor.get(&url).await;
    assert_eq!(r.status, 200);
    assert_eq!(cell(&r.body, "Investigative"), Some("fewer than 10"));
    assert_eq!(cell(&r.body, "Tied for first"), Some("fewer than 10"));
    assert_eq!(cell(&r.body, "Social"), Some("11"));
    assert_eq!(cell(&r.body, "Enterprising"), Some("10"));
    assert_eq!(cell(&r.body, "All students"), Some("31"));

    // In Spanish.
    let mut es = app.as_(P::Counselor1).await;
    es.lang = Some("es".into());
    let r = es.get(&format!("{url}?grade=10")).await;
    assert!(r.body.contains("Intereses y carreras en School One High"));
    assert_eq!(cell(&r.body, "Empate en el primer lugar"), Some("menos de 10"));
    assert_eq!(cell(&r.body, "Emprendedor"), Some("oculto"));

    // Bad grades show every grade; nothing is a server error.
    for q in [
        "?grade=abc",
        "?grade=99",
        "?grade=-1",
        "?grade=",
        "?grade=99999999999999999999",
        "?grade=10&grade=11",
        "?grade=%FF",
        "?other=1",
    ] {
        let r = counselor.get(&format!("{url}{q}")).await;
        assert!(r.status == 200 || r.status == 400, "{q}: {}", r.status);
        if r.status == 200 {
            assert!(!r.body.contains(" selected>"), "{q}");
            assert_eq!(cell(&r.body, "All students"), Some("31"), "{q}");
        }
    }
    // A district has no such report; an unknown or malformed id is unknown.
    let d1 = app.fx.d1;
    let mut admin = app.as_(P::DistrictAdmin1).await;
    assert_eq!(admin.get(&format!("/admin/orgs/{d1}/interests")).await.status, 404);
    assert_eq!(admin.get("/admin/orgs/12345/interests").await.status, 404);
    assert_eq!(admin.get("/admin/orgs/x1/interests").await.status, 404);

    // Who may see it: whoever may list the school's students.
    for p in [
        P::Coach1,
        P::CaseManager1,
        P::SchoolAdmin1,
        P::DistrictAdmin1,
        P::StateAdmin,
    ] {
        let r = app.as_(p).await.get(&format!("{url}?grade=10")).await;
        assert_eq!(r.status, 200, "{p:?}");
        assert_eq!(cell(&r.body, "Social"), Some("11"), "{p:?}");
    }
    for p in [
        P::Teacher1,
        P::Mentor1,
        P::Advisor1,
        P::Employer1,
        P::Counselor2,
        P::DistrictAdmin2,
        P::Student1,
        P::Guardian1,
    ] {
        let r = app.as_(p).await.get(&url).await;
        assert_eq!(r.status, 403, "{p:?}");
        assert!(
            !r.body.contains("Social") && !r.body.contains("School One High"),
            "{p:?}"
        );
    }

    // Where it is linked: the staff home and the school's admin pages.
    let link = format!("href=\"{url}\"");
    for p in [P::Counselor1, P::Coach1, P::CaseManager1, P::SchoolAdmin1] {
        let home = app.as_(p).await.get("/staff").await;
        assert!(home.body.contains(&link), "{p:?}: no link on the staff home");
        assert!(home.body.contains("Interests and careers at School One High"));
    }
    for p in [P::Teacher1, P::Mentor1, P::Counselor2] {
        assert!(!app.as_(p).await.get("/staff").await.body.contains(&link), "{p:?}");
    }
    for p in [P::Counselor1, P::SchoolAdmin1, P::DistrictAdmin1] {
        let page = app.as_(p).await.get(&format!("/admin/orgs/{s1}")).await;
        assert!(page.body.contains(&link), "{p:?}: no link in the school's navigation");
    }

    // With careers data: a career links to its page, and clusters count
    // the students who saved a career in them.
    waypoint::careers::load_sample(&app.store).await.unwrap();
    app.running.as_ref().unwrap().app.refresh_careers().await.unwrap();
    let r = counselor.get(&format!("{url}?grade=10")).await;
    assert!(r.body.contains("<a href=\"/careers/29-1141.00\">Registered Nurses</a>"));
    assert!(r.body.contains("Students by career cluster:"), "{}", r.body);
    assert_eq!(cell(&r.body, "Healthcare and Human Services"), Some("12"));
    assert_eq!(cell(&r.body, "Digital Technology"), Some("fewer than 10"));
    assert_eq!(cell(&r.body, "Construction"), Some("fewer than 10"));
    assert_eq!(cell(&r.body, "Financial Services"), Some("0"));

    // Counts show no student: nothing goes to the record of access.
    app.flush().await;
    let log = app
        .store
        .search_access(&AccessQuery {
            page: 1,
            per_page: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(log.items.is_empty(), "{} entries", log.items.len());
    app.stop().await;
}
