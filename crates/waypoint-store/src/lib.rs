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

mod access_batch;
mod cache;
mod db;
mod error;
pub mod migrate;
mod postgres;
mod sqlite;
mod value;

pub mod assessments;
pub mod career_catalog;
pub mod careers;
pub mod logs;
pub mod orgs;
pub mod people;
pub mod record;
pub mod reports;
pub mod rollover;
pub mod roster;
pub mod saved_careers;
pub mod security;
pub mod students;
pub mod testing;

pub use cache::CacheStats;
use cache::{Key, ReadCache};
pub use db::{Backend, ColType, Db, Tx};
pub use error::StoreError;
use std::sync::Arc;
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
    cache: Arc<ReadCache>,
}

impl Store {
    /// Connects to the database named by `url` and applies migrations.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let db = Db::connect(url).await?;
        migrate::run(&db).await?;
        Ok(Store::over(db))
    }

    /// Connects without migrating (for `waypoint migrate` to report).
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        Ok(Store::over(Db::connect(url).await?))
    }

    fn over(db: Db) -> Store {
        let cache = Arc::new(ReadCache::new(db.changes().clone()));
        Store { db, cache }
    }

    /// Runs `read` unless its answer is cached (see [`cache`] for when an
    /// answer may be served from memory).
    async fn cached<T, F>(&self, key: Key, read: F) -> Result<T, StoreError>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<T, StoreError>>,
    {
        if let Some(hit) = self.cache.get::<T>(&key) {
            return Ok(hit);
        }
        let generation = self.cache.generation();
        let value = read.await?;
        self.cache.put(key, generation, value.clone());
        Ok(value)
    }

    /// How many answers the read cache holds.
    pub fn cached_answers(&self) -> usize {
        self.cache.len()
    }

    /// The read cache's counts, for metrics.
    pub fn cache_stats(&self) -> CacheStats {
        self.cache.stats()
    }

    /// Follows writes made by other processes over the same database: polls
    /// the shared change counter every `every` and drops the read cache
    /// when it moves. While the counter cannot be read the cache is not
    /// used. Runs until the runtime stops; a server calls this once.
    pub fn watch_changes(&self, every: std::time::Duration) {
        let db = self.db.clone();
        let changes = db.changes().clone();
        tokio::spawn(async move {
            let mut last: Option<i64> = None;
            loop {
                match db.change_counter().await {
                    Ok(seen) => {
                        match last {
                            None => changes.set_trusted(true),
                            Some(l) if l != seen => changes.bump(),
                            Some(_) => {}
                        }
                        last = Some(seen);
                    }
                    Err(e) => {
                        if last.is_some() {
                            tracing::warn!(error = %e, "cannot follow other processes' writes; read cache off");
                        }
                        changes.set_trusted(false);
                        last = None;
                    }
                }
                tokio::time::sleep(every).await;
            }
        });
    }

    /// Tells the store that another process has just changed the database,
    /// for callers that know it sooner than [`Store::watch_changes`] would
    /// notice (a test that ran the command line).
    pub fn changed_elsewhere(&self) {
        self.db.changes().bump();
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
