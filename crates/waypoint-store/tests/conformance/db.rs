//! The database layer itself: migrations, bulk loading, transactions and
//! the small things both drivers must agree on.

use crate::common::*;
use waypoint_domain::UserId;
use waypoint_domain::people::AccountKind;
use waypoint_store::testing::{fresh_database, using_postgres};
use waypoint_store::{Backend, ColType, Store, StoreError, Value, migrate, params};

#[tokio::test]
async fn migrations_are_idempotent() {
    let db = fresh_database().await.unwrap();
    let store = Store::connect(&db.url).await.unwrap();
    let first = migrate::run(store.db()).await.unwrap();
    assert_eq!(first.first(), Some(&1), "applies the foundation first: {first:?}");
    assert!(first.windows(2).all(|w| w[0] < w[1]), "in order: {first:?}");
    let second = migrate::run(store.db()).await.unwrap();
    assert!(second.is_empty(), "nothing the second time: {second:?}");
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM schema_migrations", vec![]).await,
        first.len() as i64
    );

    // Opening a migrated database migrates nothing and works.
    let again = Store::open(&db.url).await.unwrap();
    assert!(migrate::run(again.db()).await.unwrap().is_empty());
    again
        .create_user(&new_user(AccountKind::Staff, "u", None, "U", "U"))
        .await
        .unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM users", vec![]).await, 1);

    // A store from fresh_store() is already migrated.
    let (fresh, _db2) = fresh_store().await;
    assert!(migrate::run(fresh.db()).await.unwrap().is_empty());
}

#[tokio::test]
async fn backend_ping_and_pool_status() {
    let (store, _db) = fresh_store().await;
    let want = if using_postgres() {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    assert_eq!(store.backend(), want);
    assert_eq!(store.db().backend(), want);
    store.db().ping().await.unwrap();
    let (open, idle) = store.db().pool_status().expect("both backends report their pool");
    assert!(open >= 1 && idle <= open, "({open}, {idle})");
    store.db().close().await;
    // Still usable after close (it only tidies up).
    store.db().ping().await.unwrap();
}

#[tokio::test]
async fn query_helpers_agree() {
    let (store, _db) = fresh_store().await;
    let db = store.db();
    assert!(matches!(
        db.query_one("SELECT user_id FROM users WHERE user_id = $1", params![1i64])
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(
        db.query_opt("SELECT user_id FROM users WHERE user_id = $1", params![1i64])
            .await
            .unwrap()
            .is_none()
    );
    let b = db
        .query_batch(vec![
            ("SELECT COUNT(*) FROM users", vec![]),
            ("SELECT COUNT(*) FROM orgs WHERE org_id = $1", params![7i64]),
        ])
        .await
        .unwrap();
    assert_eq!(b.len(), 2);
    assert_eq!(b[0][0].i64(0).unwrap(), 0);
    assert_eq!(b[1][0].i64(0).unwrap(), 0);

    // The same parameter types bind the same way on both backends.
    let big = i64::MAX - 7;
    let r = db
        .query_one("SELECT $1 = $2, $3 || 'x'", params![big, big, "ü"])
        .await
        .unwrap();
    assert!(r.bool(0).unwrap());
    assert_eq!(r.text(1).unwrap(), "üx");

    // A driver error that is not a conflict is not reported as one.
    let e = db.query("SELECT * FROM no_such_table", vec![]).await.unwrap_err();
    assert!(matches!(e, StoreError::Other(_)), "{e:?}");
    assert!(!e.is_conflict());
}

const BULK: &[(&str, ColType)] = &[
    ("id", ColType::BigInt),
    ("small", ColType::Int),
    ("flag", ColType::Bool),
    ("label", ColType::Text),
    ("note", ColType::Text),
];

#[tokio::test]
async fn bulk_insert_round_trips_values() {
    let (store, _db) = fresh_store().await;
    let db = store.db();
    db.execute(
        "CREATE TABLE conformance_bulk (id BIGINT PRIMARY KEY, small INTEGER, flag BOOLEAN, label TEXT NOT NULL, note TEXT)",
        vec![],
    )
    .await
    .unwrap();
    let unicode = "héllo wörld ✓ 日本語 🎓 \u{200d} O'Brien \"q\" \\ ";
    let mid_id = waypoint_domain::new_id();
    let rows = vec![
        vec![
            Value::I64(i64::MAX),
            Value::I64(2_147_483_647),
            Value::Bool(true),
            Value::Text(unicode.into()),
            Value::Null,
        ],
        vec![
            Value::I64(i64::MIN + 1),
            Value::I64(-5),
            Value::Bool(false),
            Value::Text(String::new()),
            Value::Text("x".into()),
        ],
        vec![
            Value::I64(mid_id),
            Value::Null,
            Value::Null,
            Value::Text("nulls".into()),
            Value::Null,
        ],
    ];
    assert_eq!(db.bulk_insert("conformance_bulk", BULK, rows.clone()).await.unwrap(), 3);
    assert_eq!(db.bulk_insert("conformance_bulk", BULK, vec![]).await.unwrap(), 0);

    let got = db
        .query(
            "SELECT id, small, flag, label, note FROM conformance_bulk ORDER BY id",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(got.len(), 3);
    let (min, mid, max) = (&got[0], &got[1], &got[2]);
    assert_eq!(min.i64(0).unwrap(), i64::MIN + 1);
    assert_eq!(min.i64(1).unwrap(), -5);
    assert!(!min.bool(2).unwrap());
    assert_eq!(min.text(3).unwrap(), "");
    assert_eq!(min.opt_text(4).unwrap().as_deref(), Some("x"));

    assert_eq!(mid.i64(0).unwrap(), mid_id);
    assert_eq!(mid.opt_i64(1).unwrap(), None);
    assert_eq!(mid.0[2], Value::Null);
    assert_eq!(mid.opt_text(4).unwrap(), None);

    assert_eq!(max.i64(0).unwrap(), i64::MAX);
    assert_eq!(max.i64(1).unwrap(), 2_147_483_647);
    assert!(max.bool(2).unwrap());
    assert_eq!(max.text(3).unwrap(), unicode);
    assert_eq!(max.0[4], Value::Null);

    // Booleans compare as booleans in SQL on both backends.
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM conformance_bulk WHERE flag = $1",
            params![true]
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM conformance_bulk WHERE flag IS NULL",
            vec![]
        )
        .await,
        1
    );

    // A duplicate key fails the whole load.
    let again = vec![
        vec![
            Value::I64(42),
            Value::Null,
            Value::Null,
            Value::Text("new".into()),
            Value::Null,
        ],
        rows[0].clone(),
    ];
    assert!(
        db.bulk_insert("conformance_bulk", BULK, again)
            .await
            .unwrap_err()
            .is_conflict()
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM conformance_bulk", vec![]).await, 3);

    // Small batches and large ones take different paths on PostgreSQL
    // (one statement over arrays; COPY): both keep every value.
    for n in [1usize, 2_000, 2_001, 5_000] {
        let base = 1_000_000 * n as i64;
        let many: Vec<Vec<Value>> = (0..n as i64)
            .map(|i| {
                vec![
                    Value::I64(base + i),
                    if i % 3 == 0 { Value::Null } else { Value::I64(i) },
                    Value::Bool(i % 2 == 0),
                    Value::Text(format!("row {i} ✓")),
                    if i % 5 == 0 {
                        Value::Null
                    } else {
                        Value::Text(format!("n{i}"))
                    },
                ]
            })
            .collect();
        assert_eq!(db.bulk_insert("conformance_bulk", BULK, many).await.unwrap(), n as u64);
        let got = db
            .query(
                "SELECT COUNT(*), COUNT(small), SUM(CASE WHEN flag THEN 1 ELSE 0 END), COUNT(note), MAX(label) FROM conformance_bulk WHERE id >= $1 AND id < $2",
                params![base, base + n as i64],
            )
            .await
            .unwrap();
        let r = &got[0];
        let n = n as i64;
        assert_eq!(r.i64(0).unwrap(), n);
        assert_eq!(r.i64(1).unwrap(), n - (n + 2) / 3, "NULLs kept among {n}");
        assert_eq!(r.i64(2).unwrap(), (n + 1) / 2);
        assert_eq!(r.i64(3).unwrap(), n - (n + 4) / 5);
        assert!(r.text(4).unwrap().starts_with("row "));
    }
}

const USER_COLUMNS: &[(&str, ColType)] = &[
    ("user_id", ColType::BigInt),
    ("kind", ColType::Text),
    ("username", ColType::Text),
    ("email", ColType::Text),
    ("given_name", ColType::Text),
    ("family_name", ColType::Text),
    ("locale", ColType::Text),
    ("disabled", ColType::Bool),
    ("created_at", ColType::BigInt),
    ("last_sign_in_at", ColType::BigInt),
];

#[tokio::test]
async fn bulk_loaded_rows_read_back_through_the_store() {
    let (store, _db) = fresh_store().await;
    let big = UserId(i64::MAX - 1);
    let small = UserId(1);
    let rows = vec![
        params![
            big,
            "staff",
            "bulk.big",
            Value::Null,
            "Zoë",
            "Ångström",
            "sv",
            true,
            1_700_000_000_000i64,
            Value::Null
        ],
        params![
            small,
            "guardian",
            "bulk.small",
            "s@example.org",
            "Sam",
            "Small",
            "en",
            false,
            0i64,
            1_700_000_000_123i64
        ],
    ];
    store.db().bulk_insert("users", USER_COLUMNS, rows).await.unwrap();

    let u = store.user(big).await.unwrap().unwrap();
    assert_eq!(u.user_id, big);
    assert_eq!(u.kind, AccountKind::Staff);
    assert_eq!((u.given_name.as_str(), u.family_name.as_str()), ("Zoë", "Ångström"));
    assert_eq!(u.email, None);
    assert!(u.disabled);
    assert_eq!(u.last_sign_in_at, None);
    let u = store.user(small).await.unwrap().unwrap();
    assert_eq!(u.email.as_deref(), Some("s@example.org"));
    assert!(!u.disabled);
    assert_eq!(u.last_sign_in_at, Some(1_700_000_000_123));
}

#[tokio::test]
async fn transaction_rolls_back_on_drop() {
    let (store, _db) = fresh_store().await;
    let db = store.db();
    let insert = "INSERT INTO audit_log (audit_id, at, actor_id, org_id, action, target, detail) VALUES ($1, $2, NULL, NULL, $3, 't', '')";
    let audits = "SELECT COUNT(*) FROM audit_log";

    let mut tx = db.begin().await.unwrap();
    assert_eq!(tx.execute(insert, params![1i64, 10i64, "dropped"]).await.unwrap(), 1);
    assert_eq!(tx.execute(insert, params![2i64, 11i64, "dropped"]).await.unwrap(), 1);
    let inside = tx.query(audits, vec![]).await.unwrap();
    assert_eq!(inside[0].i64(0).unwrap(), 2, "the transaction sees its own writes");
    let one = tx
        .query_opt("SELECT action FROM audit_log WHERE audit_id = $1", params![1i64])
        .await
        .unwrap();
    assert_eq!(one.unwrap().text(0).unwrap(), "dropped");
    drop(tx);
    assert_eq!(count(&store, audits, vec![]).await, 0, "nothing left after drop");

    // A failed statement inside a transaction, then drop: still nothing.
    let mut tx = db.begin().await.unwrap();
    tx.execute(insert, params![3i64, 12i64, "dropped"]).await.unwrap();
    assert!(
        tx.execute(insert, params![3i64, 12i64, "dup"])
            .await
            .unwrap_err()
            .is_conflict()
    );
    drop(tx);
    assert_eq!(count(&store, audits, vec![]).await, 0);

    // The same keys are free again, and a commit keeps its writes.
    let mut tx = db.begin().await.unwrap();
    tx.execute(insert, params![1i64, 10i64, "kept"]).await.unwrap();
    tx.execute(insert, params![3i64, 12i64, "kept"]).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(count(&store, audits, vec![]).await, 2);
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM audit_log WHERE action = 'kept'", vec![]).await,
        2
    );
    // Plain writes go through after all that.
    store.audit(None, None, "after", "t", "").await.unwrap();
    assert_eq!(count(&store, audits, vec![]).await, 3);
}

#[tokio::test]
async fn execute_all_is_all_or_nothing() {
    let (store, _db) = fresh_store().await;
    let db = store.db();
    let insert = "INSERT INTO audit_log (audit_id, at, actor_id, org_id, action, target, detail) VALUES ($1, 1, NULL, NULL, 'a', 't', '')";
    let r = db
        .execute_all(vec![
            (insert, params![1i64]),
            (insert, params![2i64]),
            (insert, params![1i64]),
        ])
        .await;
    assert!(r.unwrap_err().is_conflict());
    assert_eq!(count(&store, "SELECT COUNT(*) FROM audit_log", vec![]).await, 0);
    let n = db
        .execute_all(vec![(insert, params![1i64]), (insert, params![2i64])])
        .await
        .unwrap();
    assert_eq!(n, [1, 1]);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM audit_log", vec![]).await, 2);
}

#[test]
fn page_counts() {
    let page = |total, per_page| waypoint_store::Page::<()> {
        items: vec![],
        total,
        page: 1,
        per_page,
    };
    assert_eq!(page(0, 10).pages(), 1);
    assert_eq!(page(10, 10).pages(), 1);
    assert_eq!(page(11, 10).pages(), 2);
    assert_eq!(page(7, 3).pages(), 3);
}

#[tokio::test]
async fn connect_url_forms() {
    // The SQLite spellings all name the same file, whichever backend the
    // suite runs against.
    let dir = std::env::temp_dir().join(format!("waypoint-conformance-{:016x}", waypoint_domain::new_id()));
    let path = dir.join("nested").join("url-forms.sqlite3");
    let bare = Store::open(&path.display().to_string()).await.unwrap();
    assert_eq!(bare.backend(), Backend::Sqlite);
    bare.create_user(&new_user(AccountKind::Staff, "via.bare", None, "V", "B"))
        .await
        .unwrap();
    for url in [
        format!("sqlite://{}", path.display()),
        format!("sqlite:{}", path.display()),
    ] {
        let s = Store::open(&url).await.unwrap();
        assert_eq!(s.backend(), Backend::Sqlite);
        assert!(s.login_lookup("via.bare").await.unwrap().is_some(), "{url}");
    }
    drop(bare);
    let _ = std::fs::remove_dir_all(&dir);

    // An unreachable PostgreSQL is Unavailable, reported at connect time.
    match Store::connect("postgres://nobody@127.0.0.1:1/nothing").await {
        Err(StoreError::Unavailable(_)) => {}
        Err(e) => panic!("expected Unavailable, got {e:?}"),
        Ok(_) => panic!("connected to nothing"),
    }
}
