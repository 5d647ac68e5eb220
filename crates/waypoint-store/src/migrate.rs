//! Schema migrations, one directory per backend with matching versions.
//! An applied migration is never edited; a change is a new file.

use crate::db::Db;
use crate::{StoreError, params};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sqlite: include_str!("../migrations/sqlite/0001_foundation.sql"),
        postgres: include_str!("../migrations/postgres/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        name: "rostering",
        sqlite: include_str!("../migrations/sqlite/0002_rostering.sql"),
        postgres: include_str!("../migrations/postgres/0002_rostering.sql"),
    },
    Migration {
        version: 3,
        name: "portable_record",
        sqlite: include_str!("../migrations/sqlite/0003_portable_record.sql"),
        postgres: include_str!("../migrations/postgres/0003_portable_record.sql"),
    },
    Migration {
        version: 4,
        name: "data_changes",
        sqlite: include_str!("../migrations/sqlite/0004_data_changes.sql"),
        postgres: include_str!("../migrations/postgres/0004_data_changes.sql"),
    },
    Migration {
        version: 5,
        name: "careers",
        sqlite: include_str!("../migrations/sqlite/0005_careers.sql"),
        postgres: include_str!("../migrations/postgres/0005_careers.sql"),
    },
    Migration {
        version: 6,
        name: "access_log_recent",
        sqlite: include_str!("../migrations/sqlite/0006_access_log_recent.sql"),
        postgres: include_str!("../migrations/postgres/0006_access_log_recent.sql"),
    },
    Migration {
        version: 7,
        name: "assessments",
        sqlite: include_str!("../migrations/sqlite/0007_assessments.sql"),
        postgres: include_str!("../migrations/postgres/0007_assessments.sql"),
    },
    Migration {
        version: 8,
        name: "saved_careers",
        sqlite: include_str!("../migrations/sqlite/0008_saved_careers.sql"),
        postgres: include_str!("../migrations/postgres/0008_saved_careers.sql"),
    },
    Migration {
        version: 9,
        name: "role_grant_source",
        sqlite: include_str!("../migrations/sqlite/0009_role_grant_source.sql"),
        postgres: include_str!("../migrations/postgres/0009_role_grant_source.sql"),
    },
    Migration {
        version: 10,
        name: "access_log_clustered",
        sqlite: include_str!("../migrations/sqlite/0010_access_log_clustered.sql"),
        postgres: include_str!("../migrations/postgres/0010_access_log_clustered.sql"),
    },
    Migration {
        version: 11,
        name: "class_roster_index",
        sqlite: include_str!("../migrations/sqlite/0011_class_roster_index.sql"),
        postgres: include_str!("../migrations/postgres/0011_class_roster_index.sql"),
    },
    Migration {
        version: 12,
        name: "access_log_batches",
        sqlite: include_str!("../migrations/sqlite/0012_access_log_batches.sql"),
        postgres: include_str!("../migrations/postgres/0012_access_log_batches.sql"),
    },
];

/// Applies every migration not yet applied, each in its own transaction.
/// Returns the versions applied.
pub async fn run(db: &Db) -> Result<Vec<i64>, StoreError> {
    db.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        );"
        .to_string(),
    )
    .await?;
    let done: Vec<i64> = db
        .query("SELECT version FROM schema_migrations", params![])
        .await?
        .iter()
        .map(|r| r.i64(0))
        .collect::<Result<_, _>>()?;
    let mut applied = Vec::new();
    for m in MIGRATIONS {
        if done.contains(&m.version) {
            continue;
        }
        let script = match db.backend() {
            crate::Backend::Sqlite => m.sqlite,
            crate::Backend::Postgres => m.postgres,
        };
        // The script and its record commit together or not at all.
        let script = format!(
            "{script}\nINSERT INTO schema_migrations (version, name, applied_at) VALUES ({}, '{}', {});",
            m.version,
            m.name,
            crate::now_ms()
        );
        db.batch_execute(script).await?;
        tracing::info!(version = m.version, name = m.name, "applied migration");
        applied.push(m.version);
    }
    Ok(applied)
}
