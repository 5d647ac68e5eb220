//! Sessions, sign-in throttling, invitations, password resets and the
//! mail queue.

use crate::common::*;
use std::time::Duration;
use waypoint_domain::UserId;
use waypoint_domain::people::{AccountKind, Role};
use waypoint_store::security::InviteRecord;
use waypoint_store::{now_ms, params};

const HOUR: i64 = 3_600_000;

async fn tick() {
    tokio::time::sleep(Duration::from_millis(3)).await;
}

#[tokio::test]
async fn sessions_create_get_touch_delete() {
    let (store, _db) = fresh_store().await;
    let u = staff(&store, "u", "U", "One").await;
    let v = staff(&store, "v", "V", "Two").await;

    let before = now_ms();
    store.create_session("h1", u, Some("203.0.113.9")).await.unwrap();
    let after = now_ms();
    let s = store.session("h1").await.unwrap().expect("session");
    assert_eq!(s.user_id, u);
    assert!((before..=after).contains(&s.created_at));
    assert_eq!(s.last_seen_at, s.created_at);
    assert!(store.session("h2").await.unwrap().is_none());

    tick().await;
    store.touch_session("h1").await.unwrap();
    let t = store.session("h1").await.unwrap().unwrap();
    assert!(
        t.last_seen_at > s.last_seen_at,
        "{} > {}",
        t.last_seen_at,
        s.last_seen_at
    );
    assert_eq!(t.created_at, s.created_at);
    store.touch_session("no-such-session").await.unwrap();

    assert_conflict(store.create_session("h1", v, None).await);
    assert_conflict(store.create_session("h9", UserId::generate(), None).await);

    store.delete_session("h1").await.unwrap();
    assert!(store.session("h1").await.unwrap().is_none());
    store.delete_session("h1").await.unwrap();

    store.create_session("u-a", u, None).await.unwrap();
    store.create_session("u-b", u, None).await.unwrap();
    store.create_session("v-a", v, None).await.unwrap();
    assert_eq!(store.delete_user_sessions(u).await.unwrap(), 2);
    assert_eq!(store.delete_user_sessions(u).await.unwrap(), 0);
    assert!(store.session("u-a").await.unwrap().is_none());
    assert!(store.session("u-b").await.unwrap().is_none());
    assert_eq!(store.session("v-a").await.unwrap().unwrap().user_id, v);
}

#[tokio::test]
async fn session_account_reads_session_user_and_grants_together() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let u = staff(&store, "u", "U", "One").await;
    let v = staff(&store, "v", "V", "Two").await;
    // Added out of order: the grants come back as `grants` orders them.
    store
        .add_grant(u, w.school_b1.org_id, Role::Counselor, None)
        .await
        .unwrap();
    store
        .add_grant(u, w.school_a1.org_id, Role::Mentor, None)
        .await
        .unwrap();
    store
        .add_grant(u, w.school_a1.org_id, Role::Counselor, None)
        .await
        .unwrap();
    store
        .add_grant(v, w.district_a.org_id, Role::DistrictAdmin, None)
        .await
        .unwrap();
    store.create_session("h-u", u, None).await.unwrap();
    store.create_session("h-v", v, None).await.unwrap();

    let found = store.session_account("h-u").await.unwrap().expect("session");
    let s = store.session("h-u").await.unwrap().unwrap();
    assert_eq!(found.session.user_id, u);
    assert_eq!(found.session.created_at, s.created_at);
    assert_eq!(found.session.last_seen_at, s.last_seen_at);
    assert_eq!(found.user.as_deref(), store.user(u).await.unwrap().as_ref());
    assert_eq!(found.grants, store.grants(u).await.unwrap());
    assert_eq!(found.grants.len(), 3);
    let other = store.session_account("h-v").await.unwrap().unwrap();
    assert_eq!(other.user.as_ref().map(|u| u.user_id), Some(v));
    assert_eq!(other.grants, store.grants(v).await.unwrap());

    // A disabled account still comes back, marked: the caller refuses it.
    store.set_disabled(u, true).await.unwrap();
    assert!(
        store
            .session_account("h-u")
            .await
            .unwrap()
            .unwrap()
            .user
            .as_ref()
            .unwrap()
            .disabled
    );

    assert!(store.session_account("no-such-session").await.unwrap().is_none());
    store.delete_session("h-u").await.unwrap();
    assert!(store.session_account("h-u").await.unwrap().is_none());
}

#[tokio::test]
async fn purge_expired_sessions_and_failures() {
    let (store, _db) = fresh_store().await;
    let u = staff(&store, "u", "U", "One").await;
    let now = now_ms();
    for h in ["idle", "old", "fresh"] {
        store.create_session(h, u, None).await.unwrap();
    }
    let set = "UPDATE sessions SET created_at = $2, last_seen_at = $3 WHERE session_hash = $1";
    store
        .db()
        .execute(set, params!["idle", now - HOUR, now - HOUR])
        .await
        .unwrap();
    store
        .db()
        .execute(set, params!["old", now - 30 * HOUR, now - 1000])
        .await
        .unwrap();
    store
        .db()
        .execute(set, params!["fresh", now - HOUR, now - 1000])
        .await
        .unwrap();

    store.record_login_failure(&["user:old"]).await.unwrap();
    store.record_login_failure(&["user:new"]).await.unwrap();
    store
        .db()
        .execute(
            "UPDATE login_failures SET at = $2 WHERE key = $1",
            params!["user:old", now - 2 * HOUR],
        )
        .await
        .unwrap();

    // Idle for more than 30 minutes, or older than a day.
    let changes = store.cache_stats().changes;
    let n = store
        .purge_expired(now - HOUR / 2, now - 24 * HOUR, now - HOUR)
        .await
        .unwrap();
    assert_eq!(n, 2, "sessions ended");
    assert_eq!(
        store.cache_stats().changes,
        changes,
        "purging leaves the read cache alone"
    );
    assert!(store.session("idle").await.unwrap().is_none());
    assert!(store.session("old").await.unwrap().is_none());
    assert!(store.session("fresh").await.unwrap().is_some());
    assert_eq!(store.login_failures_since("user:old", 0).await.unwrap(), 0);
    assert_eq!(store.login_failures_since("user:new", 0).await.unwrap(), 1);

    assert_eq!(store.purge_expired(0, 0, 0).await.unwrap(), 0, "nothing more to purge");
    assert!(store.session("fresh").await.unwrap().is_some());
}

#[tokio::test]
async fn login_failures_count_by_key_and_time() {
    let (store, _db) = fresh_store().await;
    let t0 = now_ms();
    store.record_login_failure(&["user:ann", "ip:192.0.2.1"]).await.unwrap();
    store.record_login_failure(&["user:ann", "ip:192.0.2.1"]).await.unwrap();
    store.record_login_failure(&["user:bob", "ip:192.0.2.1"]).await.unwrap();
    store.record_login_failure(&[]).await.unwrap();
    let t1 = now_ms();

    assert_eq!(store.login_failures_since("user:ann", t0).await.unwrap(), 2);
    assert_eq!(store.login_failures_since("user:bob", t0).await.unwrap(), 1);
    assert_eq!(store.login_failures_since("ip:192.0.2.1", t0).await.unwrap(), 3);
    assert_eq!(store.login_failures_since("user:cy", t0).await.unwrap(), 0);
    assert_eq!(
        store.login_failures_since("user:ann", t1 + 1).await.unwrap(),
        0,
        "since is a bound"
    );
    assert_eq!(
        store.login_failures_since("USER:ANN", t0).await.unwrap(),
        0,
        "keys are exact"
    );

    // Older failures fall outside the window.
    store
        .db()
        .execute(
            "UPDATE login_failures SET at = $2 WHERE key = $1",
            params!["user:bob", t0 - HOUR],
        )
        .await
        .unwrap();
    assert_eq!(store.login_failures_since("user:bob", t0).await.unwrap(), 0);
    assert_eq!(store.login_failures_since("user:bob", t0 - 2 * HOUR).await.unwrap(), 1);

    store.clear_login_failures("user:ann").await.unwrap();
    assert_eq!(store.login_failures_since("user:ann", 0).await.unwrap(), 0);
    assert_eq!(store.login_failures_since("ip:192.0.2.1", t0).await.unwrap(), 3);
}

#[tokio::test]
async fn invites_are_consumed_exactly_once() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let admin = staff(&store, "admin", "Ada", "Admin").await;
    let newbie = staff(&store, "newbie", "New", "Bie").await;
    let kid = student(&store, &w, &w.school_a1, "Kid", "Doe", "EX-1", 9).await;

    let staff_invite = InviteRecord {
        kind: "staff".into(),
        org_id: Some(w.school_a1.org_id),
        role: Some(Role::Counselor),
        student_id: None,
        email: Some("new.counselor@example.org".into()),
        created_by: admin,
        expires_at: now_ms() + HOUR,
        used_at: None,
    };
    store.create_invite("code-1", &staff_invite).await.unwrap();
    assert_eq!(store.invite("code-1").await.unwrap(), Some(staff_invite.clone()));
    assert_eq!(store.invite("code-x").await.unwrap(), None);

    let guardian_invite = InviteRecord {
        kind: "guardian".into(),
        org_id: None,
        role: None,
        student_id: Some(kid),
        email: None,
        created_by: admin,
        expires_at: now_ms() + HOUR,
        used_at: None,
    };
    store.create_invite("code-2", &guardian_invite).await.unwrap();
    assert_eq!(store.invite("code-2").await.unwrap(), Some(guardian_invite));
    assert_conflict(store.create_invite("code-2", &staff_invite).await);

    let before = now_ms();
    assert!(store.consume_invite("code-1", newbie).await.unwrap());
    assert!(!store.consume_invite("code-1", newbie).await.unwrap(), "only once");
    assert!(!store.consume_invite("code-1", admin).await.unwrap());
    let used = store.invite("code-1").await.unwrap().unwrap();
    assert!(used.used_at.is_some_and(|t| t >= before));
    let used_by = store
        .db()
        .query_one("SELECT used_by FROM invites WHERE code_hash = $1", params!["code-1"])
        .await
        .unwrap()
        .opt_i64(0)
        .unwrap();
    assert_eq!(used_by, Some(newbie.0));
    // The other invitation is untouched.
    assert_eq!(store.invite("code-2").await.unwrap().unwrap().used_at, None);

    // Expired invitations are refused and stay unused.
    let expired = InviteRecord {
        expires_at: now_ms() - 1,
        ..staff_invite.clone()
    };
    store.create_invite("code-3", &expired).await.unwrap();
    assert!(!store.consume_invite("code-3", newbie).await.unwrap());
    assert_eq!(store.invite("code-3").await.unwrap().unwrap().used_at, None);

    assert!(!store.consume_invite("no-such-code", newbie).await.unwrap());

    // The schema refuses unknown kinds and unknown students.
    let bad_kind = InviteRecord {
        kind: "teacher".into(),
        ..staff_invite.clone()
    };
    assert_conflict(store.create_invite("code-4", &bad_kind).await);
    let bad_student = InviteRecord {
        kind: "guardian".into(),
        student_id: Some(UserId::generate()),
        ..staff_invite
    };
    assert_conflict(store.create_invite("code-5", &bad_student).await);
    assert_eq!(store.invite("code-4").await.unwrap(), None);
}

#[tokio::test]
async fn password_reset_completes_once() {
    let (store, _db) = fresh_store().await;
    let u = new_user(
        AccountKind::Guardian,
        "parent",
        Some("parent@example.org"),
        "Pa",
        "Rent",
    );
    store.create_user(&u).await.unwrap();
    let other = staff(&store, "other", "Ot", "Her").await;
    store.create_session("s1", u.user_id, None).await.unwrap();
    store.create_session("s2", u.user_id, None).await.unwrap();
    store.create_session("s3", other, None).await.unwrap();

    store
        .create_password_reset("tok-1", u.user_id, now_ms() + HOUR)
        .await
        .unwrap();
    assert_eq!(store.password_reset_user("tok-1").await.unwrap(), Some(u.user_id));
    assert_eq!(store.password_reset_user("tok-x").await.unwrap(), None);

    assert!(store.complete_password_reset("tok-1", "hash-2").await.unwrap());
    let hash = |store: waypoint_store::Store| async move {
        store.login_lookup("parent").await.unwrap().unwrap().password_hash
    };
    assert_eq!(hash(store.clone()).await.as_deref(), Some("hash-2"));
    assert!(store.session("s1").await.unwrap().is_none(), "sessions ended");
    assert!(store.session("s2").await.unwrap().is_none());
    assert!(
        store.session("s3").await.unwrap().is_some(),
        "other accounts keep theirs"
    );
    assert_eq!(store.password_reset_user("tok-1").await.unwrap(), None, "used");

    // A second use changes nothing.
    store.create_session("s4", u.user_id, None).await.unwrap();
    assert!(!store.complete_password_reset("tok-1", "hash-3").await.unwrap());
    assert_eq!(hash(store.clone()).await.as_deref(), Some("hash-2"));
    assert!(store.session("s4").await.unwrap().is_some());

    // Expired tokens are refused.
    store
        .create_password_reset("tok-2", u.user_id, now_ms() - 1)
        .await
        .unwrap();
    assert_eq!(store.password_reset_user("tok-2").await.unwrap(), None);
    assert!(!store.complete_password_reset("tok-2", "hash-4").await.unwrap());
    assert_eq!(hash(store.clone()).await.as_deref(), Some("hash-2"));
    assert!(store.session("s4").await.unwrap().is_some());

    assert!(!store.complete_password_reset("tok-none", "hash-5").await.unwrap());
    assert_conflict(store.create_password_reset("tok-1", u.user_id, now_ms() + HOUR).await);
    assert_conflict(
        store
            .create_password_reset("tok-3", UserId::generate(), now_ms() + HOUR)
            .await,
    );

    // The store still takes writes after the refused (rolled-back) resets.
    store
        .create_password_reset("tok-4", u.user_id, now_ms() + HOUR)
        .await
        .unwrap();
    assert!(store.complete_password_reset("tok-4", "hash-6").await.unwrap());
    assert_eq!(hash(store.clone()).await.as_deref(), Some("hash-6"));
    assert!(store.session("s4").await.unwrap().is_none());
}

#[tokio::test]
async fn mail_queue_backoff_and_sent() {
    let (store, _db) = fresh_store().await;
    assert!(store.due_mail(10).await.unwrap().is_empty());
    let m1 = store
        .enqueue_mail("a@example.org", "Welcome", "Hello, Ana ✓")
        .await
        .unwrap();
    tick().await;
    let m2 = store.enqueue_mail("b@example.org", "Reset", "Your code").await.unwrap();
    assert_ne!(m1, m2);

    let due = store.due_mail(10).await.unwrap();
    assert_eq!(
        due.iter().map(|m| m.mail_id).collect::<Vec<_>>(),
        [m1, m2],
        "oldest first"
    );
    assert_eq!(
        (
            due[0].to_addr.as_str(),
            due[0].subject.as_str(),
            due[0].body.as_str(),
            due[0].attempts
        ),
        ("a@example.org", "Welcome", "Hello, Ana ✓", 0)
    );
    assert_eq!(store.due_mail(1).await.unwrap().len(), 1);

    // A failure with a retry time in the future keeps it out of the due list.
    store
        .mail_failed(m1, "connection refused", now_ms() + 60_000)
        .await
        .unwrap();
    let due = store.due_mail(10).await.unwrap();
    assert_eq!(due.iter().map(|m| m.mail_id).collect::<Vec<_>>(), [m2]);
    let last_error = store
        .db()
        .query_one("SELECT last_error FROM mail_queue WHERE mail_id = $1", params![m1])
        .await
        .unwrap()
        .text(0)
        .unwrap();
    assert_eq!(last_error, "connection refused");

    // Once the retry time has passed it is due again, attempt counted.
    store.mail_failed(m1, "timeout", now_ms() - 1).await.unwrap();
    let due = store.due_mail(10).await.unwrap();
    let m1_due = due.iter().find(|m| m.mail_id == m1).expect("due again");
    assert_eq!(m1_due.attempts, 2);

    store.mail_sent(m2).await.unwrap();
    let due = store.due_mail(10).await.unwrap();
    assert_eq!(due.iter().map(|m| m.mail_id).collect::<Vec<_>>(), [m1]);
    let sent_at = store
        .db()
        .query_one("SELECT sent_at FROM mail_queue WHERE mail_id = $1", params![m2])
        .await
        .unwrap()
        .opt_i64(0)
        .unwrap();
    assert!(sent_at.is_some());

    // After ten attempts it is given up.
    for _ in 2..10 {
        store.mail_failed(m1, "still failing", now_ms() - 1).await.unwrap();
    }
    assert!(store.due_mail(10).await.unwrap().is_empty());
}
