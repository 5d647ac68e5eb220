//! End-to-end flows over HTTP: sign-in, sessions, CSRF, language, pages.

use crate::harness::{P, PASSWORD, TestApp};

#[tokio::test]
async fn sign_in_lands_each_kind_of_account_on_its_home() {
    let app = TestApp::spawn().await;
    for (p, home) in [
        (P::Student1, format!("/students/{}", app.fx.id(P::Student1))),
        (P::Guardian1, "/guardian".to_string()),
        (P::Counselor1, "/staff".to_string()),
    ] {
        let mut c = app.client();
        let r = c.sign_in(p.username(), PASSWORD).await;
        assert_eq!(r.status, 303, "{p:?}");
        assert_eq!(r.location.as_deref(), Some(home.as_str()), "{p:?}");
        let set_cookie: Vec<_> = r
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        let session = set_cookie
            .iter()
            .find(|c| c.starts_with("wp_session="))
            .expect("session cookie");
        assert!(
            session.contains("HttpOnly") && session.contains("SameSite=Lax"),
            "{session}"
        );
        let page = c.get(&home).await;
        assert_eq!(page.status, 200, "{p:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn wrong_password_keeps_the_username_and_says_why() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c.sign_in("student1", "not the password").await;
    assert_eq!(r.status, 422);
    assert_eq!(r.input("username").as_deref(), Some("student1"));
    assert!(r.body.contains("The username or password is not right."));
    assert!(r.body.contains("aria-invalid=\"true\""));
    // Unknown users get exactly the same answer.
    let r2 = c.sign_in("nobody-at-all", "not the password").await;
    assert_eq!(r2.status, 422);
    assert!(r2.body.contains("The username or password is not right."));
    app.stop().await;
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_account() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    for _ in 0..waypoint_app::auth::ACCOUNT_FAILURES {
        assert_eq!(c.sign_in("counselor1", "wrong wrong wrong").await.status, 422);
    }
    // Now even the right password is refused for a while.
    let r = c.sign_in("counselor1", PASSWORD).await;
    assert_eq!(r.status, 429);
    assert!(r.body.contains("Too many failed sign-in attempts"));
    // Another account from the same address is not locked out.
    assert_eq!(c.sign_in("coach1", PASSWORD).await.status, 303);
    app.stop().await;
}

#[tokio::test]
async fn posts_without_the_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    let mut c = app.as_(P::SchoolAdmin1).await;
    let path = format!("/students/{}/demographics", app.fx.id(P::Student1));
    let r = c.post_raw(&path, "race_ethnicity=asian".into()).await;
    assert_eq!(r.status, 403);
    assert!(r.body.contains("This form has expired"));
    let r = c
        .post_raw(
            &path,
            "csrf=0123456789abcdef0123456789abcdef01234567&race_ethnicity=asian".into(),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = c.post(&path, &[("race_ethnicity", "asian")]).await;
    assert_eq!(r.status, 303);
    app.stop().await;
}

#[tokio::test]
async fn sign_out_ends_the_session_and_everywhere_ends_all() {
    let app = TestApp::spawn().await;
    let mut a = app.client();
    let mut b = app.client();
    assert_eq!(a.sign_in("counselor1", PASSWORD).await.status, 303);
    assert_eq!(b.sign_in("counselor1", PASSWORD).await.status, 303);
    assert_eq!(a.get("/staff").await.status, 200);
    assert_eq!(b.get("/staff").await.status, 200);
    let r = a.post("/logout/everywhere", &[]).await;
    assert_eq!(r.status, 303);
    assert_eq!(a.get("/staff").await.status, 303);
    assert_eq!(b.get("/staff").await.status, 303, "the other browser is signed out too");
    assert_eq!(b.sign_in("counselor1", PASSWORD).await.status, 303);
    assert_eq!(b.post("/logout", &[]).await.status, 303);
    assert_eq!(b.get("/staff").await.location.as_deref(), Some("/login?next=%2Fstaff"));
    app.stop().await;
}

#[tokio::test]
async fn language_switch_is_remembered_on_the_account() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    c.sign_in("guardian1", PASSWORD).await;
    let r = c.post("/language", &[("lang", "es"), ("next", "/guardian")]).await;
    assert_eq!(r.location.as_deref(), Some("/guardian"));
    let page = c.get("/guardian").await;
    assert!(page.body.contains("<html lang=\"es\">"));
    assert!(page.body.contains("Cerrar sesión"));
    // A new browser (no language cookie) gets Spanish after signing in.
    let mut fresh = app.client();
    fresh.sign_in("guardian1", PASSWORD).await;
    assert!(fresh.get("/guardian").await.body.contains("Mis estudiantes"));
    // Unsupported languages are a 400, not a crash.
    assert_eq!(c.post("/language", &[("lang", "xx")]).await.status, 400);
    app.stop().await;
}

#[tokio::test]
async fn student_home_shows_school_mentor_and_empty_sections() {
    let app = TestApp::spawn().await;
    let mut c = app.as_(P::Student1).await;
    let r = c.get(&format!("/students/{}", app.fx.id(P::Student1))).await;
    assert_eq!(r.status, 200);
    for text in [
        "Welcome, Student1",
        "School One High",
        "District One",
        "Mentor1 Staff",
        "Advisor1 Staff",
        "My interests",
        "My portfolio",
    ] {
        assert!(r.body.contains(text), "missing {text}");
    }
    // A minor does not see the record-of-access link; their guardian does.
    assert!(!r.body.contains("/access-log"));
    let mut g = app.as_(P::Guardian1).await;
    let r = g.get(&format!("/students/{}", app.fx.id(P::Student1))).await;
    assert!(r.body.contains("/access-log"));
    app.stop().await;
}

#[tokio::test]
async fn every_view_of_a_record_is_in_the_access_log() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student1);
    app.as_(P::Counselor1).await.get(&format!("/students/{sid}")).await;
    app.as_(P::Mentor1).await.get(&format!("/students/{sid}")).await;
    // Denied attempts are not views.
    assert_eq!(
        app.as_(P::Counselor2)
            .await
            .get(&format!("/students/{sid}"))
            .await
            .status,
        403
    );
    let mut g = app.as_(P::Guardian1).await;
    let r = g.get(&format!("/students/{sid}/access-log")).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Counselor1 Staff"));
    assert!(r.body.contains("Mentor1 Staff"));
    assert!(!r.body.contains("Counselor2 Staff"));
    assert!(r.body.contains("Viewed · home page"), "actions are shown in words");
    assert!(r.body.contains("<td>Counselor</td>"), "roles are shown in words");
    app.flush().await;
    let log = app
        .store
        .search_access(&waypoint_store::logs::AccessQuery {
            student_id: Some(sid),
            page: 1,
            per_page: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    // Every entry logged is written, and /metrics counts them.
    let counts = app.running.as_ref().unwrap().app.access_log_counts();
    let all = app
        .store
        .search_access(&waypoint_store::logs::AccessQuery {
            page: 1,
            per_page: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(counts.waiting, 0);
    assert!(all.total > 0);
    assert_eq!(counts.written, all.total as u64);
    let m = g.get("/metrics").await;
    assert!(m.body.contains("access_log_waiting_entries") && m.body.contains("access_log_written_entries"));
    let who: Vec<_> = log
        .items
        .iter()
        .map(|e| {
            (
                e.entry.actor_role.clone(),
                e.entry.basis.clone(),
                e.entry.action.clone(),
            )
        })
        .collect();
    assert!(
        who.contains(&("counselor".into(), "counselor".into(), "view".into())),
        "{who:?}"
    );
    assert!(
        who.contains(&("mentor".into(), "mentor".into(), "view".into())),
        "{who:?}"
    );
    assert!(
        who.contains(&("guardian".into(), "guardian".into(), "view_access_log".into())),
        "{who:?}"
    );
    assert!(log.items.iter().all(|e| e.entry.district_id == Some(app.fx.d1)));
    app.stop().await;
}

/// The row of a caseload table that names `name`.
fn caseload_row<'a>(body: &'a str, name: &str) -> &'a str {
    let at = body.find(name).unwrap_or_else(|| panic!("no {name} in the caseload"));
    let end = body[at..].find("</tr>").map_or(body.len(), |e| at + e);
    &body[at..end]
}

#[tokio::test]
async fn a_caseload_shown_again_shows_what_changed_since_and_the_viewers_language() {
    let app = TestApp::spawn().await;
    let mut c = app.as_(P::Counselor1).await;
    let first = c.get("/staff?view=school").await;
    assert!(caseload_row(&first.body, "Learner, Student1").contains("Never"));
    assert_eq!(
        c.get("/staff?view=school").await.body,
        first.body,
        "the same page twice"
    );
    // Student1 signs in: their row shows when.
    assert_eq!(app.client().sign_in("student1", PASSWORD).await.status, 303);
    let after = c.get("/staff?view=school").await;
    let row = caseload_row(&after.body, "Learner, Student1");
    assert!(!row.contains("Never") && row.contains("UTC"), "{row}");
    // The same page in Spanish: the table too.
    let csrf = first.input("csrf").expect("a CSRF field");
    c.post("/language", &[("csrf", &csrf), ("lang", "es"), ("next", "/staff")])
        .await;
    let es = c.get("/staff?view=school").await;
    assert!(
        caseload_row(&es.body, "Learner, AdultStudent").contains("Nunca"),
        "{}",
        es.body
    );
    assert!(!es.body.contains(">Never<"));
    app.stop().await;
}

#[tokio::test]
async fn caseload_lists_mentees_school_and_search() {
    let app = TestApp::spawn().await;
    let mut m = app.as_(P::Mentor1).await;
    let r = m.get("/staff").await;
    assert!(r.body.contains("Learner, Student1"));
    assert!(!r.body.contains("Learner, AdultStudent"));
    let mut c = app.as_(P::Counselor1).await;
    let r = c.get("/staff?view=school").await;
    assert!(r.body.contains("Learner, Student1") && r.body.contains("Learner, AdultStudent"));
    assert!(!r.body.contains("Learner, Student2"), "no students from district 2");
    let r = c.get("/staff?view=school&q=adult").await;
    assert!(r.body.contains("Learner, AdultStudent") && !r.body.contains("Learner, Student1"));
    let r = c.get("/staff?view=school&q=SSID-student1").await;
    assert!(r.body.contains("Learner, Student1") && !r.body.contains("AdultStudent"));
    // Junk in the query is not an error.
    assert_eq!(
        c.get("/staff?view=school&page=-4&grade=abc&q=%25_%5C").await.status,
        200
    );
    let mut a = app.as_(P::Advisor1).await;
    let r = a.get(&format!("/staff?view=group&group={}", app.fx.group1)).await;
    assert!(r.body.contains("Learner, Student1"));
    // Another district's counselor cannot open this group.
    let mut c2 = app.as_(P::Counselor2).await;
    assert_eq!(
        c2.get(&format!("/staff?view=group&group={}", app.fx.group1))
            .await
            .status,
        403
    );
    app.stop().await;
}

#[tokio::test]
async fn counselor_resets_a_student_password_and_guardian_joins_with_a_code() {
    let app = TestApp::spawn().await;
    let sid = app.fx.id(P::Student1);
    let mut c = app.as_(P::Counselor1).await;
    let r = c.post(&format!("/students/{sid}/password"), &[]).await;
    assert_eq!(r.status, 200);
    let start = r.body.find("<output>").unwrap() + 8;
    let pass = r.body[start..start + r.body[start..].find('<').unwrap()].to_string();
    let mut s = app.client();
    assert_eq!(
        s.sign_in("student1", PASSWORD).await.status,
        422,
        "old password no longer works"
    );
    assert_eq!(s.sign_in("student1", &pass).await.status, 303);

    let r = c.post(&format!("/students/{sid}/guardian-code"), &[]).await;
    let start = r.body.find("<output>").unwrap() + 8;
    let code = r.body[start..start + r.body[start..].find('<').unwrap()].to_string();
    assert_eq!(code.len(), 14);
    let mut g = app.client();
    g.get("/guardian/join").await;
    // A weak password is refused and the typed fields are kept.
    let form = [
        ("code", code.as_str()),
        ("given_name", "Rosa"),
        ("family_name", "Learner"),
        ("username", "rosa.learner"),
        ("email", "rosa@family.example.org"),
        ("password", "password"),
        ("confirm", "password"),
    ];
    let r = g.post("/guardian/join", &form).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.input("username").as_deref(), Some("rosa.learner"));
    assert!(r.body.contains("too common"));
    let mut form = form;
    form[5] = ("password", "blue heron morning");
    form[6] = ("confirm", "blue heron morning");
    assert_eq!(g.post("/guardian/join", &form).await.status, 303);
    // The code works once.
    form[3] = ("username", "someone.else");
    form[4] = ("email", "");
    assert_eq!(g.post("/guardian/join", &form).await.status, 422);
    let mut rosa = app.client();
    assert_eq!(rosa.sign_in("rosa.learner", "blue heron morning").await.status, 303);
    let r = rosa.get("/guardian").await;
    assert!(r.body.contains("Student1 Learner"));
    assert_eq!(rosa.get(&format!("/students/{sid}")).await.status, 200);
    app.stop().await;
}

#[tokio::test]
async fn password_reset_by_email_link() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c
        .post("/password/forgot", &[("email", "counselor1@staff.example.org")])
        .await;
    assert_eq!(r.status, 200);
    // Unknown addresses get the same answer.
    let r2 = c.post("/password/forgot", &[("email", "nobody@example.org")]).await;
    assert_eq!(r2.status, 200);
    assert_eq!(r.body.len(), r2.body.len());
    // Read the queue whether or not the mail worker has sent it yet.
    let mail = app
        .store
        .db()
        .query("SELECT to_addr, body FROM mail_queue", vec![])
        .await
        .unwrap();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].text(0).unwrap(), "counselor1@staff.example.org");
    let body = mail[0].text(1).unwrap();
    let link = body
        .split_whitespace()
        .find(|w| w.contains("/password/reset/"))
        .unwrap();
    let path = &link[link.find("/password/reset/").unwrap()..];
    assert_eq!(c.get(path).await.status, 200);
    let r = c
        .post(
            path,
            &[
                ("password", "new shiny passphrase"),
                ("confirm", "new shiny passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(c.get(path).await.status, 404, "a reset link works once");
    assert_eq!(c.sign_in("counselor1", "new shiny passphrase").await.status, 303);
    app.stop().await;
}

#[tokio::test]
async fn operations_endpoints_and_headers() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    assert_eq!(c.get("/healthz").await.status, 200);
    assert_eq!(c.get("/readyz").await.body, "ready");
    c.get("/login").await;
    let m = c.get("/metrics").await;
    assert!(
        m.body.contains("http_requests_total"),
        "{}",
        &m.body[..m.body.len().min(500)]
    );
    assert!(m.body.contains("route=\"/login\""));
    assert!(m.body.contains("http_request_duration_seconds_bucket"));
    assert!(m.body.contains("db_pool_connections"));
    // The suite's servers give way before every request (harness.rs).
    assert!(m.body.contains("http_request_thread_yields_total"));
    let r = c.get("/login").await;
    let h = |k: &str| {
        r.headers
            .get(k)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert!(h("content-security-policy").contains("frame-ancestors 'none'"));
    assert!(!h("content-security-policy").contains("unsafe-inline"));
    assert_eq!(h("x-content-type-options"), "nosniff");
    assert_eq!(h("referrer-policy"), "same-origin");
    assert!(r.body.contains("Skip to main content"));
    // Pages hand a browser without one its CSRF cookie; operations
    // endpoints do not (they are outside the CSRF check). A bare client: the
    // suite's clients always send a CSRF cookie of their own.
    let sets_csrf = |path: &'static str| {
        let url = format!("{}{path}", app.base);
        async move {
            reqwest::get(url)
                .await
                .unwrap()
                .headers()
                .get_all("set-cookie")
                .iter()
                .any(|v| v.to_str().unwrap().starts_with("wp_csrf="))
        }
    };
    assert!(sets_csrf("/login").await);
    assert!(sets_csrf("/no/such/page").await);
    assert!(!sets_csrf("/healthz").await);
    assert!(!sets_csrf("/metrics").await);
    let nf = c.get("/no/such/page").await;
    assert_eq!(nf.status, 404);
    assert!(nf.body.contains("Page not found"));
    app.stop().await;
}

#[tokio::test]
async fn bad_ids_and_bad_input_never_cause_server_errors() {
    let app = TestApp::spawn().await;
    let mut c = app.as_(P::DistrictAdmin1).await;
    for path in [
        "/students/abc",
        "/students/-1",
        "/students/99999999999999999999999",
        "/students/1",
        "/students/1/demographics",
        "/students/%00",
        "/staff?view=group&group=notanumber",
        "/staff?view=group&group=12345",
    ] {
        let r = c.get(path).await;
        assert!(
            r.status == 404 || r.status == 403 || r.status == 200,
            "{path}: {}",
            r.status
        );
    }
    assert_eq!(c.get("/students/1").await.status, 404, "unknown ids are 404");
    let sid = app.fx.id(P::Student1);
    let r = c
        .post(
            &format!("/students/{sid}/demographics"),
            &[("race_ethnicity", "martian"), ("gender", "female")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Choose one of the options."));
    let big = "x".repeat(300 * 1024);
    let r = c.post("/language", &[("lang", big.as_str())]).await;
    assert_eq!(r.status, 413);
    let r = c
        .post_raw("/login", format!("csrf={}&username=%ZZ&password", c.csrf))
        .await;
    assert!(r.status < 500, "{}", r.status);
    app.stop().await;
}

#[tokio::test]
async fn signing_in_again_replaces_the_old_session() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    c.sign_in("counselor1", PASSWORD).await;
    let first = c.session.clone().unwrap();
    c.sign_in("coach1", PASSWORD).await;
    let second = c.session.clone().unwrap();
    assert_ne!(first, second);
    let mut old = app.client();
    old.session = Some(first);
    assert_eq!(
        old.get("/staff").await.status,
        303,
        "the replaced session no longer works"
    );
    app.stop().await;
}

#[tokio::test]
async fn idle_and_old_sessions_expire() {
    let app = TestApp::spawn().await;
    let mut idle = app.client();
    idle.sign_in("counselor1", PASSWORD).await;
    let mut fresh = app.client();
    fresh.sign_in("coach1", PASSWORD).await;
    assert_eq!(idle.get("/staff").await.status, 200);
    // Counselor1's session was last used two hours ago (idle limit: 60 minutes).
    let two_hours_ago = waypoint_store::now_ms() - 2 * 3_600_000;
    let uid = app.fx.id(P::Counselor1);
    app.store
        .db()
        .execute(
            "UPDATE sessions SET last_seen_at = $1 WHERE user_id = $2",
            waypoint_store::params![two_hours_ago, uid],
        )
        .await
        .unwrap();
    assert_eq!(idle.get("/staff").await.status, 303);
    // Coach1's session started 13 hours ago though used just now (absolute limit: 12 hours).
    let uid = app.fx.id(P::Coach1);
    app.store
        .db()
        .execute(
            "UPDATE sessions SET created_at = $1 WHERE user_id = $2",
            waypoint_store::params![waypoint_store::now_ms() - 13 * 3_600_000, uid],
        )
        .await
        .unwrap();
    assert_eq!(fresh.get("/staff").await.status, 303);
    app.stop().await;
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_address() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    for i in 0..waypoint_app::auth::ADDRESS_FAILURES {
        let r = c.sign_in(&format!("guess{i}"), "wrong wrong wrong").await;
        assert_eq!(r.status, 422);
    }
    assert_eq!(
        c.sign_in("coach1", PASSWORD).await.status,
        429,
        "this address is throttled"
    );
    app.stop().await;
}

#[tokio::test]
async fn staff_invitations_work_once_and_grant_the_role() {
    let app = TestApp::spawn().await;
    let admin = waypoint_domain::people::Actor {
        user_id: app.fx.id(P::SchoolAdmin1),
        kind: waypoint_domain::people::AccountKind::Staff,
        grants: app
            .store
            .grants(app.fx.id(P::SchoolAdmin1))
            .await
            .unwrap()
            .into_iter()
            .map(|g| g.grant)
            .collect(),
    };
    let running = app.running.as_ref().unwrap();
    // A school admin may not invite a district admin.
    let refused = running
        .app
        .invite_staff(&admin, app.fx.s1, waypoint_domain::people::Role::DistrictAdmin, None)
        .await;
    assert!(matches!(refused, Err(waypoint_app::AppError::Forbidden)));
    let code = running
        .app
        .invite_staff(&admin, app.fx.s1, waypoint_domain::people::Role::Counselor, None)
        .await
        .unwrap();
    let mut c = app.client();
    let path = format!("/invite/{code}");
    assert_eq!(c.get(&path).await.status, 200);
    let form = [
        ("given_name", "Nia"),
        ("family_name", "Okafor"),
        ("username", "nia.okafor"),
        ("email", "nia@staff.example.org"),
        ("password", "river stones glow"),
        ("confirm", "river stones glow"),
    ];
    assert_eq!(c.post(&path, &form).await.status, 303);
    assert_eq!(c.get(&path).await.status, 404, "used");
    let mut nia = app.client();
    assert_eq!(
        nia.sign_in("nia.okafor", "river stones glow").await.location.as_deref(),
        Some("/staff")
    );
    let r = nia.get("/staff?view=school").await;
    assert!(
        r.body.contains("Learner, Student1"),
        "a counselor at S1 sees S1's students"
    );
    let audit = app.store.search_audit(app.fx.d1, 1, 50).await.unwrap();
    let actions: Vec<_> = audit.items.iter().map(|a| a.action.as_str()).collect();
    assert!(
        actions.contains(&"invite_staff") && actions.contains(&"accept_staff_invite"),
        "{actions:?}"
    );
    app.stop().await;
}

/// While the database refuses the access log's writes, pages are served
/// and their entries wait in memory; once the writer has been failing for
/// the configured time, records are refused (503) rather than read
/// unlogged; when the database takes writes again every waiting entry is
/// written, none lost, and records open again.
#[tokio::test]
async fn access_log_entries_wait_out_a_refusing_database_and_records_close_meanwhile() {
    use std::time::{Duration, Instant};
    let app = TestApp::spawn_with(waypoint_app::AppConfig {
        access_log_fail_closed_after: Duration::from_millis(500),
        ..Default::default()
    })
    .await;
    let sid = app.fx.id(P::Student1);
    let (block, unblock) = if app.store.backend() == waypoint_store::Backend::Sqlite {
        (
            "CREATE TRIGGER wp_test_block BEFORE INSERT ON access_log_batches
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
            "DROP TRIGGER wp_test_block",
        )
    } else {
        (
            "ALTER TABLE access_log ADD CONSTRAINT wp_test_block CHECK (false) NOT VALID",
            "ALTER TABLE access_log DROP CONSTRAINT wp_test_block",
        )
    };
    let counts = || app.running.as_ref().unwrap().app.access_log_counts();
    app.flush().await;
    let written = counts().written;
    app.store.db().execute(block, vec![]).await.unwrap();
    let mut c = app.as_(P::Counselor1).await;
    let page = format!("/students/{sid}");
    let mut views = 0;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let r = c.get(&page).await;
        if r.status == 503 {
            break;
        }
        assert_eq!(r.status, 200);
        views += 1;
        assert!(
            Instant::now() < deadline,
            "records were still opened after 30 s of refused writes"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(views >= 1, "the first views are served");
    assert_eq!(counts().written, written, "nothing was written meanwhile");
    assert_eq!(counts().waiting, views, "every view's entry waits");
    // A page that opens no record is still served; the server says it is
    // not ready, and why.
    assert_eq!(c.get("/staff").await.status, 200);
    let ready = c.get("/readyz").await;
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (503, "access log cannot be written")
    );
    assert!(c.get("/metrics").await.body.contains("access_log_refusing 1"));
    // Refused for as long as it lasts, and nothing given up on: the
    // entries wait past many failed tries.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(c.get(&page).await.status, 503);
    assert_eq!(counts().waiting, views);

    app.store.db().execute(unblock, vec![]).await.unwrap();
    app.flush().await;
    assert_eq!(counts().waiting, 0);
    assert_eq!(counts().written, written + views as u64);
    let log = app
        .store
        .search_access(&waypoint_store::logs::AccessQuery {
            student_id: Some(sid),
            actor_id: Some(app.fx.id(P::Counselor1)),
            page: 1,
            per_page: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.total, views as i64, "every view is in the log once");
    assert_eq!(c.get(&page).await.status, 200, "records open again");
    assert_eq!(c.get("/readyz").await.status, 200);
    assert!(c.get("/metrics").await.body.contains("access_log_refusing 0"));
}
