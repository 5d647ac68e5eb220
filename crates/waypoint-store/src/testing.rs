//! A fresh, migrated store for each test.
//!
//! Without `WAYPOINT_TEST_DATABASE_URL` a test gets a new SQLite file in a
//! temporary directory. With it set to a PostgreSQL URL (an account that
//! may create databases), each test gets a database of its own, created
//! empty and dropped when the [`TestDb`] guard goes away.

use crate::{Store, StoreError};
use std::path::PathBuf;

/// Where a test's database lives; dropping it removes the database.
pub struct TestDb {
    /// The URL the test's store was opened with.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Postgres { admin_url: String, name: String },
}

/// True when tests run against PostgreSQL.
pub fn using_postgres() -> bool {
    std::env::var("WAYPOINT_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"))
}

/// Creates an empty database for one test and returns its URL.
pub async fn fresh_database() -> Result<TestDb, StoreError> {
    let tag = format!("{:016x}", rand::random::<u64>());
    match std::env::var("WAYPOINT_TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            let name = format!("wp_test_{tag}");
            let (client, conn) = tokio_postgres::connect(&admin_url, tokio_postgres::NoTls).await?;
            tokio::spawn(conn);
            client.batch_execute(&format!("CREATE DATABASE {name}")).await?;
            let mut url = url::Url::parse(&admin_url).map_err(|e| StoreError::Other(e.to_string()))?;
            url.set_path(&name);
            Ok(TestDb {
                url: url.to_string(),
                cleanup: Cleanup::Postgres { admin_url, name },
            })
        }
        _ => {
            let dir = std::env::temp_dir().join(format!("waypoint-test-{tag}"));
            std::fs::create_dir_all(&dir).map_err(|e| StoreError::Other(e.to_string()))?;
            let url = dir.join("waypoint.sqlite3").display().to_string();
            Ok(TestDb {
                url,
                cleanup: Cleanup::Dir(dir),
            })
        }
    }
}

/// A fresh, migrated store and the guard that removes it.
pub async fn fresh_store() -> (Store, TestDb) {
    let db = fresh_database().await.expect("create test database");
    let store = Store::open(&db.url).await.expect("open test store");
    (store, db)
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                // Drop on a thread of its own: Drop may run inside or
                // outside a runtime, and the pool may still hold
                // connections, hence WITH (FORCE). Wait a while, not for
                // ever: this thread blocks the test's runtime, and a task
                // of that runtime stalled mid-statement (say inside a
                // COPY) can hold up every DROP DATABASE of the cluster
                // until the runtime runs again. The server finishes the
                // drop on its own once the test has moved on.
                let admin_url = admin_url.clone();
                let name = name.clone();
                let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
                std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build();
                    if let Ok(rt) = rt {
                        rt.block_on(async {
                            if let Ok((client, conn)) = tokio_postgres::connect(&admin_url, tokio_postgres::NoTls).await
                            {
                                tokio::spawn(conn);
                                let _ = client
                                    .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                    .await;
                            }
                        });
                    }
                    let _ = done_tx.send(());
                });
                let _ = done_rx.recv_timeout(std::time::Duration::from_secs(10));
            }
        }
    }
}
