//! Waypoint's storage layer.
//!
//! [`Store`] is the one interface the rest of Waypoint uses to keep data.
//! It runs over SQLite (the embedded default) or PostgreSQL, chosen at
//! run time from the database URL. Queries are written once in the SQL the
//! two share and run through [`Db`]; the conformance tests in `tests/` run
//! unchanged against both.
//!
//! Every method that touches a student's data takes the student id, and
//! every table holding such data has the student id first in its key.

mod db;
mod error;
pub mod migrate;
mod postgres;
mod sqlite;
mod value;

pub mod logs;
pub mod orgs;
pub mod people;
pub mod record;
pub mod rollover;
pub mod roster;
pub mod security;
pub mod students;
pub mod testing;

pub use db::{Backend, ColType, Db, Tx};
pub use error::StoreError;
pub use value::{Row, Value};

/// Milliseconds since 1970, the store's timestamp unit.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// The store: a database handle plus Waypoint's queries, grouped by area
/// in the modules of this crate.
#[derive(Clone)]
pub struct Store {
    db: Db,
}

impl Store {
    /// Connects to the database named by `url` and applies migrations.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let db = Db::connect(url).await?;
        migrate::run(&db).await?;
        Ok(Store { db })
    }

    /// Connects without migrating (for `waypoint migrate` to report).
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        Ok(Store {
            db: Db::connect(url).await?,
        })
    }

    /// The underlying database, for bulk loaders.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Which backend is in use.
    pub fn backend(&self) -> Backend {
        self.db.backend()
    }
}

/// One page of a longer list.
#[derive(Clone, Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl<T> Page<T> {
    /// How many pages there are in all (at least one).
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }
}

/// Escapes `%`, `_` and `\` for a LIKE pattern and lowercases it.
pub(crate) fn like_prefix(q: &str) -> String {
    let mut out = String::with_capacity(q.len() + 1);
    for c in q.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}
