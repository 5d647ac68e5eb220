//! The access log and the audit log.

use crate::common::*;
use waypoint_domain::{OrgId, UserId};
use waypoint_store::logs::{AccessEntry, AccessQuery};

const T: i64 = 1_750_000_000_000;

fn entry(student: UserId, at: i64, actor: UserId, district: Option<OrgId>, resource: &str) -> AccessEntry {
    AccessEntry {
        student_id: student,
        at,
        actor_id: actor,
        actor_role: "counselor".into(),
        basis: "school_staff".into(),
        action: "view".into(),
        resource: resource.to_string().into(),
        ip: Some("198.51.100.7".into()),
        district_id: district,
    }
}

/// How many batches SQLite has staged.
async fn staged_batches(store: &waypoint_store::Store) -> i64 {
    let r = store
        .db()
        .query_one("SELECT COUNT(*) FROM access_log_batches", vec![])
        .await
        .unwrap();
    r.i64(0).unwrap()
}

fn q() -> AccessQuery {
    AccessQuery {
        page: 1,
        per_page: 50,
        ..AccessQuery::default()
    }
}

#[tokio::test]
async fn access_log_append_and_search() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let sa = student(&store, &w, &w.school_a1, "Ann", "Alder", "EX-1", 9).await;
    let sb = student(&store, &w, &w.school_b1, "Ben", "Birch", "EX-2", 9).await;
    let c1 = staff(&store, "c1", "Cat", "One").await;
    let c2 = staff(&store, "c2", "Cal", "Two").await;
    let da = Some(w.district_a.org_id);
    let db = Some(w.district_b.org_id);

    store.append_access(&[]).await.unwrap();
    let mut e4 = entry(sb, T + 4, c2, db, "e4");
    e4.ip = None;
    e4.action = "edit".into();
    e4.basis = "mentor".into();
    e4.actor_role = "mentor".into();
    let entries = [
        entry(sa, T + 1, c1, da, "e1"),
        entry(sa, T + 2, c2, da, "e2"),
        entry(sb, T + 3, c1, db, "e3"),
        e4.clone(),
        entry(sa, T + 5, c1, da, "e5"),
        // Same instant as e5, appended later: listed before it.
        entry(sa, T + 5, c2, da, "e6"),
    ];
    // One batch, then another.
    store.append_access(&entries[..4]).await.unwrap();
    store.append_access(&entries[4..]).await.unwrap();

    let search = |q: AccessQuery| {
        let store = store.clone();
        async move {
            let p = store.search_access(&q).await.unwrap();
            let rs: Vec<String> = p.items.iter().map(|v| v.entry.resource.to_string()).collect();
            (p.total, rs)
        }
    };
    let v = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    assert_eq!(search(q()).await, (6, v(&["e6", "e5", "e4", "e3", "e2", "e1"])));

    let by_district = |d| AccessQuery { district_id: d, ..q() };
    assert_eq!(search(by_district(da)).await, (4, v(&["e6", "e5", "e2", "e1"])));
    assert_eq!(search(by_district(db)).await, (2, v(&["e4", "e3"])));
    assert_eq!(search(by_district(Some(w.school_a1.org_id))).await, (0, v(&[])));

    let by_student = |s| AccessQuery {
        student_id: Some(s),
        ..q()
    };
    assert_eq!(search(by_student(sb)).await, (2, v(&["e4", "e3"])));
    assert_eq!(search(by_student(sa)).await.0, 4);

    let by_actor = |a| AccessQuery {
        actor_id: Some(a),
        ..q()
    };
    assert_eq!(search(by_actor(c1)).await, (3, v(&["e5", "e3", "e1"])));
    assert_eq!(search(by_actor(c2)).await, (3, v(&["e6", "e4", "e2"])));

    // Time bounds are inclusive.
    let range = AccessQuery {
        since: Some(T + 2),
        until: Some(T + 4),
        ..q()
    };
    assert_eq!(search(range).await, (3, v(&["e4", "e3", "e2"])));
    let since = AccessQuery {
        since: Some(T + 5),
        ..q()
    };
    assert_eq!(search(since).await, (2, v(&["e6", "e5"])));
    let until = AccessQuery {
        until: Some(T + 1),
        ..q()
    };
    assert_eq!(search(until).await, (1, v(&["e1"])));

    // Filters combine.
    let both = AccessQuery {
        district_id: da,
        actor_id: Some(c2),
        ..q()
    };
    assert_eq!(search(both).await, (2, v(&["e6", "e2"])));
    let none = AccessQuery {
        student_id: Some(sb),
        district_id: da,
        ..q()
    };
    assert_eq!(search(none).await, (0, v(&[])));

    // Paging.
    let page = |n| AccessQuery {
        page: n,
        per_page: 4,
        ..q()
    };
    assert_eq!(search(page(1)).await, (6, v(&["e6", "e5", "e4", "e3"])));
    assert_eq!(search(page(2)).await, (6, v(&["e2", "e1"])));
    assert_eq!(search(page(3)).await, (6, v(&[])));
    let p = store.search_access(&page(0)).await.unwrap();
    assert_eq!((p.page, p.pages(), p.items.len()), (1, 2, 4));

    // Entries round-trip whole, with names for display.
    let p = store.search_access(&by_actor(c2)).await.unwrap();
    let e4_view = &p.items[1];
    assert_eq!(e4_view.entry, e4);
    assert_eq!(e4_view.actor_name, "Cal Two");
    assert_eq!(e4_view.student_name, "Ben Birch");
    assert_eq!(p.items[0].entry, entries[5]);
    assert_eq!(p.items[0].student_name, "Ann Alder");
}

#[tokio::test]
async fn access_log_entry_without_district() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let s = student(&store, &w, &w.school_a1, "Ann", "Alder", "EX-1", 9).await;
    let c = staff(&store, "c", "Cat", "One").await;
    let e = entry(s, T, c, None, "no-district");
    store.append_access(std::slice::from_ref(&e)).await.unwrap();
    let p = store.search_access(&q()).await.unwrap();
    assert_eq!(p.total, 1);
    assert_eq!(p.items[0].entry, e);
    let p = store
        .search_access(&AccessQuery {
            district_id: Some(w.district_a.org_id),
            ..q()
        })
        .await
        .unwrap();
    assert_eq!(p.total, 0);
}

#[tokio::test]
async fn audit_log_search_by_org_scope() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let admin = staff(&store, "admin", "Ada", "Admin").await;
    let charter = store
        .create_org(
            waypoint_domain::org::OrgKind::School,
            Some(&w.state),
            "Charter",
            "S-C",
            None,
        )
        .await
        .unwrap();

    let log = [
        (Some(w.state.org_id), "state.update"),
        (Some(w.district_a.org_id), "district_a.update"),
        (Some(w.school_a1.org_id), "school_a1.update"),
        (Some(w.school_b1.org_id), "school_b1.update"),
        (Some(w.district_b.org_id), "district_b.update"),
        (Some(w.school_a2.org_id), "school_a2.update"),
        (Some(charter.org_id), "charter.update"),
        (None, "instance.update"),
    ];
    for (org, action) in log {
        store
            .audit(Some(admin), org, action, "target", &format!("detail of {action}"))
            .await
            .unwrap();
    }
    store
        .audit(None, Some(w.school_a1.org_id), "system.job", "nightly", "")
        .await
        .unwrap();

    let search = |scope: OrgId, page: i64, per_page: i64| {
        let store = store.clone();
        async move {
            let p = store.search_audit(scope, page, per_page).await.unwrap();
            (p.total, p.items.into_iter().map(|e| e.action).collect::<Vec<_>>())
        }
    };
    let v = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    assert_eq!(
        search(w.district_a.org_id, 1, 20).await,
        (
            4,
            v(&[
                "system.job",
                "school_a2.update",
                "school_a1.update",
                "district_a.update"
            ])
        ),
        "the district and its schools, newest first"
    );
    assert_eq!(
        search(w.district_b.org_id, 1, 20).await,
        (2, v(&["district_b.update", "school_b1.update"]))
    );
    assert_eq!(
        search(w.school_a1.org_id, 1, 20).await,
        (2, v(&["system.job", "school_a1.update"]))
    );
    assert_eq!(search(charter.org_id, 1, 20).await, (1, v(&["charter.update"])));
    let (total, all) = search(w.state.org_id, 1, 20).await;
    assert_eq!(total, 8, "everything with an organisation in the state");
    assert_eq!(all.first().map(String::as_str), Some("system.job"));
    assert_eq!(all.last().map(String::as_str), Some("state.update"));
    assert!(!all.contains(&"instance.update".to_string()));
    assert_eq!(search(missing_org(), 1, 20).await, (0, v(&[])));

    // Paging.
    assert_eq!(search(w.district_a.org_id, 2, 3).await, (4, v(&["district_a.update"])));
    assert_eq!(search(w.district_a.org_id, 3, 3).await, (4, v(&[])));
    assert_eq!(
        search(w.district_a.org_id, 0, 3).await.1,
        v(&["system.job", "school_a2.update", "school_a1.update"])
    );

    // Entries round-trip, with the actor's name (empty for none).
    let p = store.search_audit(w.school_a1.org_id, 1, 20).await.unwrap();
    let (sys, manual) = (&p.items[0], &p.items[1]);
    assert_eq!(sys.actor_id, None);
    assert_eq!(sys.actor_name, "");
    assert_eq!((sys.target.as_str(), sys.detail.as_str()), ("nightly", ""));
    assert_eq!(manual.actor_id, Some(admin));
    assert_eq!(manual.actor_name, "Ada Admin");
    assert_eq!(manual.org_id, Some(w.school_a1.org_id));
    assert_eq!(manual.detail, "detail of school_a1.update");
    assert!(manual.at <= sys.at);
    assert!(manual.at > waypoint_store::now_ms() - 60_000);
}

#[tokio::test]
async fn staged_entries_are_read_and_settled_once() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let sa = student(&store, &w, &w.school_a1, "Ann", "Alder", "EX-1", 9).await;
    let c1 = staff(&store, "c1", "Cat", "One").await;
    let da = Some(w.district_a.org_id);

    store
        .append_access(&[entry(sa, T + 1, c1, da, "s1"), entry(sa, T + 2, c1, da, "s2")])
        .await
        .unwrap();
    // A read sees entries not yet settled (it settles first).
    let record = store.record_access(sa).await.unwrap();
    assert_eq!(record.len(), 2);
    // Settled exactly once: nothing is left to move, nothing is doubled.
    assert_eq!(store.settle_access().await.unwrap(), 0);
    store.append_access(&[entry(sa, T + 3, c1, da, "s3")]).await.unwrap();
    let moved = store.settle_access().await.unwrap();
    // SQLite stages; PostgreSQL writes straight into the log.
    let staged = if store.backend() == waypoint_store::Backend::Sqlite {
        1
    } else {
        0
    };
    assert_eq!(moved, staged);
    assert_eq!(store.settle_access().await.unwrap(), 0);
    let p = store.search_access(&q()).await.unwrap();
    assert_eq!(p.total, 3);
    assert_eq!(
        p.items.iter().map(|v| v.entry.resource.as_ref()).collect::<Vec<_>>(),
        ["s3", "s2", "s1"]
    );
}

#[tokio::test]
async fn a_large_settle_moves_every_entry_once_in_chunks_and_passes() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let c1 = staff(&store, "c1", "Cat", "One").await;
    let da = Some(w.district_a.org_id);
    let sa = student(&store, &w, &w.school_a1, "Ann", "Alder", "EX-1", 9).await;
    let sb = student(&store, &w, &w.school_a1, "Ben", "Birch", "EX-2", 9).await;
    let sc = student(&store, &w, &w.school_a1, "Cy", "Cedar", "EX-3", 9).await;
    // More than two chunks, one student with more entries than a chunk
    // holds (a student's entries are never split between chunks), and more
    // entries than one pass reads (the last batch is a pass of its own).
    let chunk = waypoint_store::logs::SETTLE_CHUNK as i64;
    let pass = waypoint_store::logs::SETTLE_PASS;
    let counts = [(sa, 3_000), (sb, 2 * chunk + 500), (sc, pass - 3_000)];
    let mut n = 0;
    for (who, count) in counts {
        let batch: Vec<AccessEntry> = (0..count).map(|i| entry(who, T + i, c1, da, "home")).collect();
        store.append_access(&batch).await.unwrap();
        n += count;
    }
    assert!(n > pass);
    let moved = store.settle_access().await.unwrap() as i64;
    let settles_here = store.backend() == waypoint_store::Backend::Sqlite;
    assert_eq!(moved, if settles_here { n } else { 0 });
    assert_eq!(store.settle_access().await.unwrap(), 0);
    for (who, count) in counts {
        let p = store
            .search_access(&AccessQuery {
                student_id: Some(who),
                ..q()
            })
            .await
            .unwrap();
        assert_eq!(p.total, count, "every entry of {who} once");
    }
}

/// A settle that a crash cut short, before it removed the batches it had
/// moved or before all its chunks were in, is finished by the next settle
/// without doubling anything.
#[tokio::test]
async fn a_settle_cut_short_is_finished_without_doubling() {
    let (store, _db) = fresh_store().await;
    if store.backend() != waypoint_store::Backend::Sqlite {
        return; // PostgreSQL stages nothing.
    }
    let w = world(&store).await;
    let c1 = staff(&store, "c1", "Cat", "One").await;
    let sa = student(&store, &w, &w.school_a1, "Ann", "Alder", "EX-1", 9).await;
    let da = Some(w.district_a.org_id);
    store.append_access(&[entry(sa, T + 1, c1, da, "s1")]).await.unwrap();
    store.append_access(&[entry(sa, T + 2, c1, da, "s2")]).await.unwrap();
    let db = store.db();
    db.execute("CREATE TABLE kept AS SELECT * FROM access_log_batches", vec![])
        .await
        .unwrap();
    assert_eq!(store.settle_access().await.unwrap(), 2);
    // As if that settle had moved only s1 and then the process died: the
    // batches are staged again and s2 is not in the log.
    db.execute("INSERT INTO access_log_batches SELECT * FROM kept", vec![])
        .await
        .unwrap();
    db.execute("DELETE FROM access_log WHERE resource = 's2'", vec![])
        .await
        .unwrap();
    assert_eq!(store.settle_access().await.unwrap(), 1);
    // And as if one had moved everything and died before removing them.
    db.execute("INSERT INTO access_log_batches SELECT * FROM kept", vec![])
        .await
        .unwrap();
    assert_eq!(store.settle_access().await.unwrap(), 0);
    assert_eq!(staged_batches(&store).await, 0);
    let p = store.search_access(&q()).await.unwrap();
    assert_eq!(
        p.items.iter().map(|v| v.entry.resource.as_ref()).collect::<Vec<_>>(),
        ["s2", "s1"]
    );
}

/// A damaged batch stops the settle with an error and stays staged;
/// nothing is lost from the batches around it.
#[tokio::test]
async fn a_damaged_batch_is_an_error_and_stays_staged() {
    let (store, _db) = fresh_store().await;
    if store.backend() != waypoint_store::Backend::Sqlite {
        return; // PostgreSQL stages nothing.
    }
    let w = world(&store).await;
    let c1 = staff(&store, "c1", "Cat", "One").await;
    let sa = student(&store, &w, &w.school_a1, "Ann", "Alder", "EX-1", 9).await;
    let da = Some(w.district_a.org_id);
    store.append_access(&[entry(sa, T + 1, c1, da, "s1")]).await.unwrap();
    let db = store.db();
    // Cut inside an entry, and cut between entries (fewer than it holds).
    for (bytes, says) in [("X'0102'", "ends early"), ("X'01'", "holds 0 entries, not 1")] {
        let sql: &'static str = if bytes == "X'01'" {
            "INSERT INTO access_log_batches (entries, batch) VALUES (1, X'01')"
        } else {
            "INSERT INTO access_log_batches (entries, batch) VALUES (1, X'0102')"
        };
        db.execute(sql, vec![]).await.unwrap();
        let err = store.settle_access().await.unwrap_err();
        assert!(err.to_string().contains(says), "{err}");
        assert_eq!(
            staged_batches(&store).await,
            2,
            "the good batch and the damaged one stay staged"
        );
        db.execute("DELETE FROM access_log_batches WHERE length(batch) < 3", vec![])
            .await
            .unwrap();
    }
    assert_eq!(store.settle_access().await.unwrap(), 1);
    assert_eq!(staged_batches(&store).await, 0);
}
/// A settle removes the batches up to the last one it read, so a batch
/// staged later must never get an id at or below it, not even after another
/// settle emptied the table (SQLite reuses plain row ids then).
#[tokio::test]
async fn staged_ids_are_never_reused_after_a_settle_empties_the_stage() {
    let (store, _db) = fresh_store().await;
    if store.backend() != waypoint_store::Backend::Sqlite {
        return; // PostgreSQL stages nothing.
    }
    let w = world(&store).await;
    let c1 = staff(&store, "c1", "Cat", "One").await;
    let sa = student(&store, &w, &w.school_a1, "Ann", "Alder", "EX-1", 9).await;
    let da = Some(w.district_a.org_id);
    let max_staged = || async {
        store
            .db()
            .query_one("SELECT MAX(batch_id) FROM access_log_batches", vec![])
            .await
            .unwrap()
            .opt_i64(0)
            .unwrap()
    };
    store
        .append_access(&[entry(sa, T + 1, c1, da, "s1"), entry(sa, T + 2, c1, da, "s2")])
        .await
        .unwrap();
    let before = max_staged().await.expect("a batch staged");
    assert_eq!(store.settle_access().await.unwrap(), 2);
    assert_eq!(max_staged().await, None, "the stage is empty");
    store.append_access(&[entry(sa, T + 3, c1, da, "s3")]).await.unwrap();
    let after = max_staged().await.expect("a batch staged");
    assert!(after > before, "batch id {after} reuses one at or below {before}");
    assert_eq!(store.settle_access().await.unwrap(), 1);
    assert_eq!(store.search_access(&q()).await.unwrap().total, 3);
}

/// A read that needs one student's entries, or one actor's, makes just
/// those readable; the rest stay staged until a settle, which then moves
/// each entry once.
#[tokio::test]
async fn a_read_for_one_student_or_actor_does_not_settle_the_rest() {
    let (store, _db) = fresh_store().await;
    let w = world(&store).await;
    let c1 = staff(&store, "c1", "Cat", "One").await;
    let c2 = staff(&store, "c2", "Cy", "Two").await;
    let sa = student(&store, &w, &w.school_a1, "Ann", "Alder", "EX-1", 9).await;
    let sb = student(&store, &w, &w.school_a1, "Ben", "Birch", "EX-2", 9).await;
    let da = Some(w.district_a.org_id);
    store
        .append_access(&[
            entry(sa, T + 1, c1, da, "a1"),
            entry(sb, T + 2, c1, da, "b1"),
            entry(sb, T + 3, c2, da, "b2"),
        ])
        .await
        .unwrap();
    let sqlite = store.backend() == waypoint_store::Backend::Sqlite;
    let settled = |who: UserId| {
        let store = &store;
        async move {
            let r = store
                .db()
                .query_one(
                    "SELECT COUNT(*) FROM access_log WHERE student_id = $1",
                    vec![who.into()],
                )
                .await
                .unwrap();
            r.i64(0).unwrap()
        }
    };
    assert_eq!(store.record_access(sa).await.unwrap().len(), 1);
    assert_eq!(settled(sa).await, 1);
    // Ben's entries are still only staged (SQLite); PostgreSQL wrote them.
    assert_eq!(settled(sb).await, if sqlite { 0 } else { 2 });
    let by_c2 = store
        .search_access(&AccessQuery {
            actor_id: Some(c2),
            ..q()
        })
        .await
        .unwrap();
    assert_eq!(by_c2.total, 1);
    assert_eq!(by_c2.items[0].entry.resource, "b2");
    assert_eq!(settled(sb).await, if sqlite { 1 } else { 2 });
    // The settle moves what is left, and nothing twice.
    assert_eq!(store.settle_access().await.unwrap(), if sqlite { 1 } else { 0 });
    assert_eq!(store.search_access(&q()).await.unwrap().total, 3);
    assert_eq!(settled(sa).await, 1);
    assert_eq!(settled(sb).await, 2);
}
