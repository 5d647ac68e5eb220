//! Concurrent writers: SQLite's single-writer path and PostgreSQL's row
//! locks must give the same answers.

use crate::common::*;
use std::sync::Arc;
use tokio::sync::Barrier;
use tokio::task::JoinSet;
use waypoint_domain::people::{AccountKind, Role};
use waypoint_store::now_ms;
use waypoint_store::security::InviteRecord;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_create_user_all_succeed() {
    let (store, _db) = fresh_store().await;
    let barrier = Arc::new(Barrier::new(20));
    let mut tasks = JoinSet::new();
    for i in 0..20 {
        let store = store.clone();
        let barrier = barrier.clone();
        tasks.spawn(async move {
            let email = format!("user{i}@example.org");
            let u = new_user(
                AccountKind::Staff,
                &format!("user{i}"),
                Some(&email),
                "User",
                &format!("No{i}"),
            );
            barrier.wait().await;
            store.create_user(&u).await.map(|_| u.user_id)
        });
    }
    let mut ids = Vec::new();
    while let Some(r) = tasks.join_next().await {
        ids.push(r.unwrap().expect("every create_user succeeds"));
    }
    assert_eq!(ids.len(), 20);
    assert_eq!(account_rows(&store).await, (20, 20, 20, 0));
    for i in 0..20 {
        let login = store.login_lookup(&format!("user{i}")).await.unwrap().expect("login");
        assert!(ids.contains(&login.user_id));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_duplicate_username_one_wins() {
    let (store, _db) = fresh_store().await;
    let barrier = Arc::new(Barrier::new(2));
    let mut tasks = JoinSet::new();
    for i in 0..2 {
        let store = store.clone();
        let barrier = barrier.clone();
        tasks.spawn(async move {
            let email = format!("twin{i}@example.org");
            let u = new_user(AccountKind::Staff, "twin", Some(&email), "Twin", "Twin");
            barrier.wait().await;
            store.create_user(&u).await
        });
    }
    let mut ok = 0;
    while let Some(r) = tasks.join_next().await {
        match r.unwrap() {
            Ok(()) => ok += 1,
            Err(e) => assert!(e.is_conflict(), "{e:?}"),
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(account_rows(&store).await, (1, 1, 1, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_consume_invite_exactly_one_wins() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let admin = staff(&store, "admin", "Ada", "Admin").await;
    let a = staff(&store, "a", "A", "A").await;
    let b = staff(&store, "b", "B", "B").await;
    for round in 0..10 {
        let code = format!("race-{round}");
        let inv = InviteRecord {
            kind: "staff".into(),
            org_id: Some(w.school_a1.org_id),
            role: Some(Role::Mentor),
            student_id: None,
            email: None,
            created_by: admin,
            expires_at: now_ms() + 3_600_000,
            used_at: None,
        };
        store.create_invite(&code, &inv).await.unwrap();
        let barrier = Arc::new(Barrier::new(2));
        let mut tasks = JoinSet::new();
        for who in [a, b] {
            let store = store.clone();
            let barrier = barrier.clone();
            let code = code.clone();
            tasks.spawn(async move {
                barrier.wait().await;
                (who, store.consume_invite(&code, who).await.unwrap())
            });
        }
        let mut winners = Vec::new();
        while let Some(r) = tasks.join_next().await {
            let (who, won) = r.unwrap();
            if won {
                winners.push(who);
            }
        }
        assert_eq!(winners.len(), 1, "round {round}: exactly one success");
        let used_by = store
            .db()
            .query_one(
                "SELECT used_by FROM invites WHERE code_hash = $1",
                waypoint_store::params![code.as_str()],
            )
            .await
            .unwrap()
            .i64(0)
            .unwrap();
        assert_eq!(used_by, winners[0].0, "the winner is recorded");
    }
}
