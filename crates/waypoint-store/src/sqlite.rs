//! The SQLite driver: the embedded default.
//!
//! rusqlite with cached prepared statements, because it renders pages
//! several times faster than an async SQLite driver (the calibration
//! spike: about 11,000 against 3,200 page renders per second).
//! Reads use a pool of connections; all writes go through one writer
//! connection, since SQLite allows one writer at a time anyway. Every call
//! runs on Tokio's blocking pool so the async workers never wait on disk.

use crate::StoreError;
use crate::value::{Row, Value};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, ToSql};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

struct Inner {
    path: PathBuf,
    readers: Mutex<Vec<Connection>>,
    writer: Mutex<Connection>,
    /// Held by an open transaction (and by single writes) so that writes
    /// from different tasks never interleave on the writer connection.
    write_lock: Arc<tokio::sync::Mutex<()>>,
    /// Reader connections opened so far.
    opened: std::sync::atomic::AtomicUsize,
}

/// A handle on one SQLite database file. Cheap to clone.
#[derive(Clone)]
pub struct SqliteDb {
    inner: Arc<Inner>,
}

/// Page cache of the writer connection, in KiB.
const WRITER_CACHE_KIB: i64 = 32_000;
/// Page cache of each reader connection, in KiB (SQLite's default). In WAL
/// mode a connection drops its whole page cache when it starts reading
/// after another connection committed, and the access-log writer commits
/// every few milliseconds under load, so a reader's cache rarely outlives
/// a request: a large one only costs memory (32 MB each would be 2 GB for
/// a full pool of 64 readers; see BENCHMARKS.md). Reads that miss it come
/// from the operating system's page cache.
const READER_CACHE_KIB: i64 = 2_000;

fn open(path: &Path, cache_kib: i64) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(&format!(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -{cache_kib};"
    ))?;
    conn.set_prepared_statement_cache_capacity(256);
    Ok(conn)
}

/// SQLite writes `$1` as a named parameter; `?1` is its positional form.
fn positional(sql: &str) -> String {
    sql.replace('$', "?")
}

struct Param<'a>(&'a Value);

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.0 {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::I64(v) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Value::F64(v) => ToSqlOutput::Borrowed(ValueRef::Real(*v)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Bool(b) => ToSqlOutput::Borrowed(ValueRef::Integer(*b as i64)),
            Value::Bytes(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

fn bind(params: &[Value]) -> Vec<Param<'_>> {
    params.iter().map(Param).collect()
}

pub(crate) fn run_query(conn: &Connection, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
    let mut stmt = conn.prepare_cached(&positional(sql))?;
    let n = stmt.column_count();
    let ps = bind(params);
    let refs: Vec<&dyn ToSql> = ps.iter().map(|p| p as &dyn ToSql).collect();
    let mut rows = stmt.query(refs.as_slice())?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut vals = Vec::with_capacity(n);
        for i in 0..n {
            vals.push(match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(v) => Value::I64(v),
                ValueRef::Real(v) => Value::F64(v),
                ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
            });
        }
        out.push(Row(vals));
    }
    Ok(out)
}

pub(crate) fn run_execute(conn: &Connection, sql: &str, params: &[Value]) -> Result<u64, StoreError> {
    let mut stmt = conn.prepare_cached(&positional(sql))?;
    let ps = bind(params);
    let refs: Vec<&dyn ToSql> = ps.iter().map(|p| p as &dyn ToSql).collect();
    Ok(stmt.execute(refs.as_slice())? as u64)
}

/// Runs `f` on Tokio's blocking pool.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| StoreError::Other(format!("blocking task failed: {e}")))?
}

impl SqliteDb {
    /// Opens (creating if needed) the database file at `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Unavailable(format!("{}: {e}", dir.display())))?;
        }
        let writer = open(path, WRITER_CACHE_KIB)?;
        // Checkpoint every 10,000 WAL pages (about 40 MB) rather than
        // SQLite's 1,000: under a stream of access-log commits a page is
        // rewritten many times between checkpoints, and each checkpoint
        // copies it back and syncs once, so fewer checkpoints copy and
        // sync less (a checkpoint took 12 % of the server's time at 1,000;
        // BENCHMARKS.md). The WAL file is cut back to 64 MB afterwards.
        writer.execute_batch("PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 67108864;")?;
        Ok(Self {
            inner: Arc::new(Inner {
                path: path.to_path_buf(),
                readers: Mutex::new(Vec::new()),
                writer: Mutex::new(writer),
                write_lock: Arc::new(tokio::sync::Mutex::new(())),
                opened: std::sync::atomic::AtomicUsize::new(0),
            }),
        })
    }

    /// Reader connections open and idle (the writer is always one more).
    pub fn pool_status(&self) -> (usize, usize) {
        let idle = self.inner.readers.lock().unwrap_or_else(|e| e.into_inner()).len();
        (
            idle.max(self.inner.opened.load(std::sync::atomic::Ordering::Relaxed)),
            idle,
        )
    }

    fn with_reader<T>(&self, f: impl FnOnce(&Connection) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let pooled = self.inner.readers.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let conn = match pooled {
            Some(c) => c,
            None => {
                self.inner.opened.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                open(&self.inner.path, READER_CACHE_KIB)?
            }
        };
        let result = f(&conn);
        let mut pool = self.inner.readers.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < 64 {
            pool.push(conn);
        } else {
            // Closed rather than pooled: no longer open.
            self.inner.opened.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
        }
        result
    }

    fn with_writer<T>(&self, f: impl FnOnce(&Connection) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let conn = self.inner.writer.lock().unwrap_or_else(|e| e.into_inner());
        f(&conn)
    }

    /// Runs several read queries on one connection in one trip to the
    /// blocking pool.
    pub async fn query_batch(&self, batch: Vec<(&'static str, Vec<Value>)>) -> Result<Vec<Vec<Row>>, StoreError> {
        let db = self.clone();
        blocking(move || db.with_reader(|c| batch.iter().map(|(sql, p)| run_query(c, sql, p)).collect())).await
    }

    /// Runs `f` with a read connection on the blocking pool.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let db = self.clone();
        blocking(move || db.with_reader(f)).await
    }

    /// Runs `f` inside one write transaction on the blocking pool; rolls
    /// back if it fails. The write lock is held until the transaction has
    /// ended, even if the caller stops waiting for it: the blocking task
    /// runs on, and a transaction another task begins must not find this
    /// one still open on the writer connection.
    pub async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let guard = self.inner.write_lock.clone().lock_owned().await;
        let db = self.clone();
        blocking(move || {
            let _guard = guard;
            db.with_writer(|c| {
                c.execute_batch("BEGIN IMMEDIATE")?;
                match f(c) {
                    Ok(v) => {
                        c.execute_batch("COMMIT")?;
                        Ok(v)
                    }
                    Err(e) => {
                        let _ = c.execute_batch("ROLLBACK");
                        Err(e)
                    }
                }
            })
        })
        .await
    }

    /// Starts an interactive transaction.
    pub(crate) async fn begin(&self) -> Result<SqliteTx, StoreError> {
        let guard = self.inner.write_lock.clone().lock_owned().await;
        let db = self.clone();
        let db2 = db.clone();
        blocking(move || db2.with_writer(|c| Ok(c.execute_batch("BEGIN IMMEDIATE")?))).await?;
        Ok(SqliteTx {
            db,
            _guard: guard,
            done: false,
        })
    }
}

/// An open SQLite write transaction. Holds the write lock until it ends.
pub(crate) struct SqliteTx {
    db: SqliteDb,
    _guard: tokio::sync::OwnedMutexGuard<()>,
    done: bool,
}

impl SqliteTx {
    pub(crate) async fn query(&mut self, sql: &'static str, params: Vec<Value>) -> Result<Vec<Row>, StoreError> {
        let db = self.db.clone();
        blocking(move || db.with_writer(|c| run_query(c, sql, &params))).await
    }

    pub(crate) async fn execute(&mut self, sql: &'static str, params: Vec<Value>) -> Result<u64, StoreError> {
        let db = self.db.clone();
        blocking(move || db.with_writer(|c| run_execute(c, sql, &params))).await
    }

    pub(crate) async fn with_conn<T: Send + 'static>(
        &mut self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let db = self.db.clone();
        blocking(move || db.with_writer(f)).await
    }

    pub(crate) async fn execute_many(&mut self, sql: &'static str, rows: Vec<Vec<Value>>) -> Result<u64, StoreError> {
        let db = self.db.clone();
        blocking(move || {
            db.with_writer(|c| {
                let mut n = 0;
                for p in &rows {
                    n += run_execute(c, sql, p)?;
                }
                Ok(n)
            })
        })
        .await
    }

    pub(crate) async fn finish(mut self, commit: bool) -> Result<(), StoreError> {
        self.done = true;
        let db = self.db.clone();
        let sql = if commit { "COMMIT" } else { "ROLLBACK" };
        blocking(move || db.with_writer(|c| Ok(c.execute_batch(sql)?))).await
    }
}

impl Drop for SqliteTx {
    fn drop(&mut self) {
        if !self.done {
            // Dropped mid-way (an error or a cancelled request): undo it
            // before the write lock is released.
            let _ = self.db.with_writer(|c| Ok(c.execute_batch("ROLLBACK")?));
        }
    }
}
