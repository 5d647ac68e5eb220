//! The `waypoint` binary's subcommands, run as a process against a fresh
//! database (SQLite, or PostgreSQL when `WAYPOINT_TEST_DATABASE_URL` is set).

use std::process::Command;
use waypoint_store::Store;
use waypoint_store::testing::fresh_database;

fn waypoint(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_waypoint"))
        .args(args)
        .env("WAYPOINT_LOG", "warn")
        .env_remove("WAYPOINT_NEW_PASSWORD")
        .output()
        .expect("run waypoint");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[tokio::test]
async fn migrate_user_and_seed_commands() {
    let db = fresh_database().await.unwrap();
    let url = db.url.as_str();

    let (ok, out, err) = waypoint(&["migrate", "--database-url", url]);
    assert!(ok, "{err}");
    assert!(out.contains("applied 2 migration"), "{out}");
    let (ok, out, _) = waypoint(&["migrate", "--database-url", url]);
    assert!(ok && out.contains("applied 0 migration"), "{out}");

    // The first state administrator of a new instance.
    let (ok, out, err) = waypoint(&[
        "user",
        "create",
        "--database-url",
        url,
        "--username",
        "First.Admin",
        "--given-name",
        "Ada",
        "--family-name",
        "Byron",
        "--role",
        "state_admin",
        "--org",
        "EX",
    ]);
    assert!(ok, "{err}");
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("password: "))
        .expect("a generated password")
        .to_string();
    let store = Store::open(url).await.unwrap();
    let login = store
        .login_lookup("first.admin")
        .await
        .unwrap()
        .expect("account created, username lower-cased");
    assert!(waypoint_app::auth::verify_password(password.clone(), login.password_hash.clone().unwrap()).await);
    let grants = store.grants(login.user_id).await.unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].grant.role, waypoint_domain::people::Role::StateAdmin);

    let (ok, out, _) = waypoint(&[
        "user",
        "reset-password",
        "--database-url",
        url,
        "--username",
        "first.admin",
    ]);
    assert!(ok);
    let new_pw = out.trim().rsplit(": ").next().unwrap().to_string();
    assert_ne!(new_pw, password);
    let login = store.login_lookup("first.admin").await.unwrap().unwrap();
    assert!(waypoint_app::auth::verify_password(new_pw, login.password_hash.unwrap()).await);

    // Mistakes are explained, and change nothing.
    let (ok, _, err) = waypoint(&[
        "user",
        "create",
        "--database-url",
        url,
        "--username",
        "x",
        "--given-name",
        "A",
        "--family-name",
        "B",
    ]);
    assert!(!ok);
    assert!(err.contains("username"), "{err}");
    let (ok, _, err) = waypoint(&[
        "user",
        "create",
        "--database-url",
        url,
        "--username",
        "someone",
        "--given-name",
        "A",
        "--family-name",
        "B",
        "--role",
        "wizard",
        "--org",
        "EX",
    ]);
    assert!(!ok && err.contains("unknown role"), "{err}");
    assert!(store.login_lookup("someone").await.unwrap().is_none());
    let (ok, _, err) = waypoint(&["user", "reset-password", "--database-url", url, "--username", "nobody"]);
    assert!(!ok && err.contains("no account"), "{err}");

    let (ok, out, err) = waypoint(&["seed", "--database-url", url, "--students", "150"]);
    assert!(ok, "{err}");
    assert!(out.contains("seeded 150 students"), "{out}");
    let n = store
        .db()
        .query_one("SELECT COUNT(*) FROM students", vec![])
        .await
        .unwrap()
        .i64(0)
        .unwrap();
    assert_eq!(n, 150);
}

#[test]
fn bad_database_url_is_a_clear_error() {
    let (ok, _, err) = waypoint(&["migrate", "--database-url", "postgres://nobody@127.0.0.1:1/none"]);
    assert!(!ok);
    assert!(err.contains("opening postgres://nobody@127.0.0.1:1/none"), "{err}");
}
