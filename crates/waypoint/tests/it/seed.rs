//! The synthetic-data loader and the demo's well-known accounts.

use std::collections::HashMap;
use waypoint::{demo, seed};
use waypoint_store::testing::fresh_store;

#[tokio::test]
async fn seed_loads_every_student_with_mentor_and_history() {
    let (store, _db) = fresh_store().await;
    let data = waypoint_synth::Dataset::generate(&waypoint_synth::Config::new(600, 7));
    let hash = waypoint_app::auth::hash_password(demo::DEMO_PASSWORD.into())
        .await
        .unwrap();
    let opts = seed::SeedOptions {
        interests: waypoint_app::assessments::Instruments::built_in()
            .get(waypoint_app::assessments::INTERESTS)
            .cloned(),
    };
    let report = seed::load(&store, &data, &hash, &HashMap::new(), &opts, false)
        .await
        .unwrap();
    assert_eq!(report.students, 600);
    // Seven in ten have a finished interest inventory whose scores lean
    // somewhere (a flat profile would match nothing).
    assert!((380..=460).contains(&report.attempts), "{}", report.attempts);
    let finished = store
        .latest_finished_attempts(waypoint_domain::UserId(
            store
                .db()
                .query_one(
                    "SELECT student_id FROM assessment_attempts ORDER BY attempt_id LIMIT 1",
                    vec![],
                )
                .await
                .unwrap()
                .i64(0)
                .unwrap(),
        ))
        .await
        .unwrap();
    let scores = finished[0].scores.as_ref().expect("scored");
    let code = scores.code.as_ref().expect("a three-letter code");
    assert!(!code.groups.is_empty(), "{code:?}");
    assert!(report.guardians > 300 && report.staff > 20 && report.districts == 2);
    let count = |sql: &'static str| {
        let store = store.clone();
        async move { store.db().query_one(sql, vec![]).await.unwrap().i64(0).unwrap() }
    };
    assert_eq!(count("SELECT COUNT(*) FROM students").await, 600);
    assert_eq!(count("SELECT COUNT(*) FROM demographics").await, 600);
    assert_eq!(count("SELECT COUNT(*) FROM students s WHERE NOT EXISTS (SELECT 1 FROM mentors m WHERE m.student_id = s.student_id)").await, 0);
    assert!(count("SELECT COUNT(*) FROM enrollments").await > 1200);
    assert!(count("SELECT COUNT(*) FROM enrollments WHERE exit_date IS NOT NULL").await > 0);
    // Mentors work at their mentee's school.
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM mentors m JOIN students s ON s.student_id = m.student_id
             WHERE NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = m.staff_id AND g.org_id = s.school_id)"
        )
        .await,
        0
    );
    assert_eq!(
        count("SELECT COUNT(DISTINCT username) FROM user_logins").await,
        count("SELECT COUNT(*) FROM users").await
    );
}

#[tokio::test]
async fn demo_accounts_exist_and_sign_in() {
    let (store, _db) = fresh_store().await;
    let data = waypoint_synth::Dataset::generate(&waypoint_synth::Config {
        students: 800,
        seed: 2026,
        districts: Some(2),
    });
    let (renames, accounts) = demo::pick_accounts(&data);
    let hash = waypoint_app::auth::hash_password(demo::DEMO_PASSWORD.into())
        .await
        .unwrap();
    seed::load(&store, &data, &hash, &renames, &Default::default(), false)
        .await
        .unwrap();
    let names: Vec<_> = accounts.iter().map(|a| a.username.as_str()).collect();
    for n in [
        "state.admin",
        "d1.admin",
        "d1.counselor",
        "d1.mentor",
        "d1.hs.student",
        "d1.ms.student",
        "d1.guardian",
        "d2.admin",
        "d2.counselor",
        "d2.mentor",
        "d2.hs.student",
        "d2.ms.student",
        "d2.guardian",
    ] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
        assert!(store.login_lookup(n).await.unwrap().is_some(), "{n} not in the store");
    }
    // The guardian, mentor and counselor really are related to the student.
    let student = store.login_lookup("d1.hs.student").await.unwrap().unwrap().user_id;
    let facts = store
        .student_facts(student, waypoint_app::today())
        .await
        .unwrap()
        .unwrap();
    let guardian = store.login_lookup("d1.guardian").await.unwrap().unwrap().user_id;
    let mentor = store.login_lookup("d1.mentor").await.unwrap().unwrap().user_id;
    assert!(facts.guardians.contains(&guardian));
    assert!(facts.mentors.contains(&mentor));
    let counselor = store.login_lookup("d1.counselor").await.unwrap().unwrap().user_id;
    let grants = store.grants(counselor).await.unwrap();
    assert!(
        grants
            .iter()
            .any(|g| Some(g.grant.org.org_id) == facts.school.map(|s| s.org_id))
    );
}
