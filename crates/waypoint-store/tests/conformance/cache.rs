//! The read cache: a cached answer is never served after a write, whether
//! the write was made through this store or by another process over the
//! same database.

use crate::common::*;
use std::time::{Duration, Instant};
use waypoint_domain::org::OrgKind;
use waypoint_store::Store;

async fn org_name(store: &Store, id: waypoint_domain::OrgId) -> String {
    store.org(id).await.unwrap().unwrap().name
}

#[tokio::test]
async fn cached_reads_follow_writes_here_and_in_other_processes() {
    let (a, db) = fresh_store().await;
    let state = a.create_org(OrgKind::State, None, "State", "ST", None).await.unwrap();
    let district = a
        .create_org(OrgKind::District, Some(&state), "Alder", "D-A", None)
        .await
        .unwrap();
    let id = district.org_id;

    // Through the same store: read (now cached), write, read again.
    assert_eq!(org_name(&a, id).await, "Alder");
    assert!(a.cached_answers() > 0, "the answer was kept");
    a.update_org(id, "Birch", "D-A", None).await.unwrap();
    assert_eq!(org_name(&a, id).await, "Birch", "a write here is seen at once");

    // A second store over the same database stands for another process.
    let b = Store::open(&db.url).await.unwrap();
    b.watch_changes(Duration::from_millis(20));
    assert_eq!(org_name(&b, id).await, "Birch");
    a.update_org(id, "Cedar", "D-A", None).await.unwrap();
    let start = Instant::now();
    loop {
        let seen = org_name(&b, id).await;
        if seen == "Cedar" {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the other process still serves {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    // A store that does not watch still sees its own writes at once, and
    // another process's writes once told.
    let c = Store::open(&db.url).await.unwrap();
    assert_eq!(org_name(&c, id).await, "Cedar");
    a.update_org(id, "Dogwood", "D-A", None).await.unwrap();
    c.changed_elsewhere();
    assert_eq!(org_name(&c, id).await, "Dogwood");
}

#[tokio::test]
async fn a_store_that_cannot_see_the_change_counter_does_not_cache() {
    let (a, db) = fresh_store().await;
    let state = a.create_org(OrgKind::State, None, "State", "ST", None).await.unwrap();
    let b = Store::open(&db.url).await.unwrap();
    b.watch_changes(Duration::from_millis(20));
    assert_eq!(org_name(&b, state.org_id).await, "State");
    // Take the counter away: the watcher goes blind and the cache is off,
    // so a write it cannot hear about is still seen.
    let drop_counter = match b.backend() {
        waypoint_store::Backend::Sqlite => "DROP TABLE data_changes",
        waypoint_store::Backend::Postgres => "DROP SEQUENCE data_changes_seq",
    };
    a.db().execute_quiet(drop_counter, vec![]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    a.db()
        .execute_quiet(
            "UPDATE orgs SET name = 'Renamed' WHERE org_id = $1",
            waypoint_store::params![state.org_id],
        )
        .await
        .unwrap();
    assert_eq!(org_name(&b, state.org_id).await, "Renamed");
}
