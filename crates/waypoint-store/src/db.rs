//! The one interface over both databases.
//!
//! Store code writes each query once, in the SQL that SQLite and
//! PostgreSQL share (`$1` placeholders, `ON CONFLICT`, `RETURNING`,
//! `lower(x) LIKE`), and runs it through [`Db`]. Where the dialects really
//! differ (DDL, bulk loading) the difference lives here or in the
//! per-backend migrations, not in `if`s scattered through the store.

use crate::StoreError;
use crate::cache::Changes;
use crate::postgres::{PgDb, PgTx};
use crate::sqlite::{SqliteDb, SqliteTx, run_execute, run_query};
use crate::value::{Row, Value};
use postgres_types::Type;
use std::path::Path;
use std::sync::Arc;

/// Which database a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool to SQLite or PostgreSQL, and the record of this
/// process's writes that the read cache follows (see [`crate::cache`]).
#[derive(Clone)]
pub struct Db {
    backing: Backing,
    changes: Arc<Changes>,
}

#[derive(Clone)]
enum Backing {
    Sqlite(SqliteDb),
    Postgres(PgDb),
}

/// Column types for [`Db::bulk_insert`].
#[derive(Clone, Copy, Debug)]
pub enum ColType {
    Int,
    BigInt,
    Text,
    Bool,
}

impl Db {
    /// Opens the database named by `url`: `postgres://…` or
    /// `postgresql://…` for PostgreSQL, `sqlite://PATH`, `sqlite:PATH` or
    /// a bare file path for SQLite.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let max = std::env::var("WAYPOINT_DB_POOL")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(32);
            Ok(Db::new(Backing::Postgres(PgDb::connect(url, max).await?)))
        } else {
            let path = url
                .strip_prefix("sqlite://")
                .or_else(|| url.strip_prefix("sqlite:"))
                .unwrap_or(url);
            Ok(Db::new(Backing::Sqlite(SqliteDb::open(Path::new(path))?)))
        }
    }

    /// The SQLite database, for store code that works on its connections
    /// directly (the access log's staging); `None` on PostgreSQL.
    pub(crate) fn sqlite(&self) -> Option<&SqliteDb> {
        match &self.backing {
            Backing::Sqlite(db) => Some(db),
            Backing::Postgres(_) => None,
        }
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match &self.backing {
            Backing::Sqlite(_) => Backend::Sqlite,
            Backing::Postgres(_) => Backend::Postgres,
        }
    }

    /// Runs a query and returns all rows.
    pub async fn query(&self, sql: &'static str, params: Vec<Value>) -> Result<Vec<Row>, StoreError> {
        match &self.backing {
            Backing::Sqlite(db) => db.read(move |c| run_query(c, sql, &params)).await,
            Backing::Postgres(db) => db.query(sql, &params).await,
        }
    }

    /// Runs a query expected to return at most one row.
    pub async fn query_opt(&self, sql: &'static str, params: Vec<Value>) -> Result<Option<Row>, StoreError> {
        Ok(self.query(sql, params).await?.into_iter().next())
    }

    /// Runs a query expected to return exactly one row.
    pub async fn query_one(&self, sql: &'static str, params: Vec<Value>) -> Result<Row, StoreError> {
        self.query_opt(sql, params).await?.ok_or(StoreError::NotFound)
    }

    /// Runs several reads together: one trip to SQLite's blocking pool, or
    /// one pipelined round trip on a PostgreSQL connection.
    pub async fn query_batch(&self, batch: Vec<(&'static str, Vec<Value>)>) -> Result<Vec<Vec<Row>>, StoreError> {
        match &self.backing {
            Backing::Sqlite(db) => db.query_batch(batch).await,
            Backing::Postgres(db) => db.query_batch(&batch).await,
        }
    }

    /// Runs one query once per parameter row, prepared once: one trip to
    /// SQLite's blocking pool, or pipelined on PostgreSQL. For lookups of
    /// many keys at once.
    pub async fn query_many(&self, sql: &'static str, rows: Vec<Vec<Value>>) -> Result<Vec<Vec<Row>>, StoreError> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        match &self.backing {
            Backing::Sqlite(db) => {
                db.read(move |c| rows.iter().map(|p| run_query(c, sql, p)).collect())
                    .await
            }
            Backing::Postgres(db) => db.query_many(sql, &rows).await,
        }
    }

    fn new(backing: Backing) -> Db {
        Db {
            backing,
            changes: Arc::new(Changes::default()),
        }
    }

    /// This process's record of writes, which the read cache follows.
    pub(crate) fn changes(&self) -> &Arc<Changes> {
        &self.changes
    }

    /// Runs one statement outside any explicit transaction.
    pub async fn execute(&self, sql: &'static str, params: Vec<Value>) -> Result<u64, StoreError> {
        let n = self.execute_quiet(sql, params).await;
        self.changed().await;
        n
    }

    /// [`Db::execute`] for a write that no cached read depends on (the
    /// access log, a session's idle clock, an import's progress): it does
    /// not clear the read cache.
    pub async fn execute_quiet(&self, sql: &'static str, params: Vec<Value>) -> Result<u64, StoreError> {
        match &self.backing {
            Backing::Sqlite(db) => db.write(move |c| run_execute(c, sql, &params)).await,
            Backing::Postgres(db) => db.execute(sql, &params).await,
        }
    }

    /// [`Db::execute_all`] for writes no cached read depends on: all or
    /// nothing, without clearing the read cache.
    pub async fn execute_all_quiet(&self, stmts: Vec<(&'static str, Vec<Value>)>) -> Result<Vec<u64>, StoreError> {
        match &self.backing {
            Backing::Sqlite(db) => {
                db.write(move |c| stmts.iter().map(|(sql, p)| run_execute(c, sql, p)).collect())
                    .await
            }
            Backing::Postgres(db) => {
                let mut tx = db.begin().await?;
                let mut out = Vec::with_capacity(stmts.len());
                for (sql, p) in stmts {
                    out.push(tx.execute(sql, p).await?);
                }
                tx.finish(true).await?;
                Ok(out)
            }
        }
    }

    /// Marks the data changed: drops what this process has cached, and
    /// moves the shared change counter on so that other processes over the
    /// same database (a second server, a command-line import) drop theirs.
    /// Called after a write has committed, never before: a reader that
    /// sees the new counter must also see the new data.
    pub(crate) async fn changed(&self) {
        self.changes.bump();
        let r = match &self.backing {
            Backing::Sqlite(db) => {
                db.write(|c| run_execute(c, "UPDATE data_changes SET seq = seq + 1 WHERE id = 1", &[]))
                    .await
            }
            Backing::Postgres(db) => db.query("SELECT nextval('data_changes_seq')", &[]).await.map(|_| 0),
        };
        if let Err(e) = r {
            tracing::warn!(error = %e, "could not record a change for other processes");
        }
    }

    /// The shared change counter (see [`Db::changed`]).
    pub(crate) async fn change_counter(&self) -> Result<i64, StoreError> {
        let sql = match &self.backing {
            Backing::Sqlite(_) => "SELECT seq FROM data_changes WHERE id = 1",
            Backing::Postgres(_) => "SELECT last_value FROM data_changes_seq",
        };
        self.query_one(sql, vec![]).await?.i64(0)
    }

    /// Runs several statements in one transaction: all or nothing.
    pub async fn execute_all(&self, stmts: Vec<(&'static str, Vec<Value>)>) -> Result<Vec<u64>, StoreError> {
        match &self.backing {
            Backing::Sqlite(db) => {
                let out = db
                    .write(move |c| stmts.iter().map(|(sql, p)| run_execute(c, sql, p)).collect())
                    .await;
                self.changed().await;
                out
            }
            Backing::Postgres(_) => {
                let mut tx = self.begin().await?;
                let mut out = Vec::with_capacity(stmts.len());
                for (sql, p) in stmts {
                    out.push(tx.execute(sql, p).await?);
                }
                tx.commit().await?;
                Ok(out)
            }
        }
    }

    /// Starts an interactive transaction. Dropping it without
    /// [`Tx::commit`] rolls it back.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let inner = match &self.backing {
            Backing::Sqlite(db) => TxInner::Sqlite(db.begin().await?),
            Backing::Postgres(db) => TxInner::Postgres(Box::new(db.begin().await?)),
        };
        Ok(Tx {
            inner,
            db: self.clone(),
        })
    }

    /// Loads many rows into `table` as fast as the backend allows:
    /// `COPY … FROM STDIN BINARY` on PostgreSQL, one prepared statement in
    /// one transaction on SQLite. For synthetic data and imports.
    pub async fn bulk_insert(
        &self,
        table: &'static str,
        columns: &'static [(&'static str, ColType)],
        rows: Vec<Vec<Value>>,
    ) -> Result<u64, StoreError> {
        let n = self.bulk_insert_quiet(table, columns, rows).await;
        self.changed().await;
        n
    }

    /// [`Db::bulk_insert`] for rows no cached read depends on (the access
    /// log): it does not clear the read cache.
    pub async fn bulk_insert_quiet(
        &self,
        table: &'static str,
        columns: &'static [(&'static str, ColType)],
        rows: Vec<Vec<Value>>,
    ) -> Result<u64, StoreError> {
        match &self.backing {
            Backing::Sqlite(db) => {
                let sql = sqlite_insert_sql(table, columns);
                db.write(move |c| sqlite_insert_rows(c, &sql, &rows)).await
            }
            Backing::Postgres(db) => {
                let c = db.client().await?;
                pg_bulk_insert(&c, table, columns, rows).await
            }
        }
    }

    /// Cheap liveness check for `/readyz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.query("SELECT 1", vec![]).await.map(|_| ())
    }

    /// For metrics: (connections open, connections idle); for SQLite the
    /// reader connections.
    pub fn pool_status(&self) -> Option<(usize, usize)> {
        match &self.backing {
            Backing::Sqlite(db) => Some(db.pool_status()),
            Backing::Postgres(db) => Some(db.pool_status()),
        }
    }

    /// Runs a script of several statements (DDL), outside the statement cache.
    /// Only migrations use it, so it clears this process's cache but does
    /// not touch the shared counter (which a migration creates).
    pub(crate) async fn batch_execute(&self, script: String) -> Result<(), StoreError> {
        let r = match &self.backing {
            Backing::Sqlite(db) => db.write(move |c| Ok(c.execute_batch(&script)?)).await,
            Backing::Postgres(db) => {
                let c = db.client().await?;
                let tx_script = format!("BEGIN;\n{script}\nCOMMIT;");
                c.batch_execute(&tx_script).await.map_err(StoreError::from)
            }
        };
        self.changes.bump();
        r
    }

    /// Closes sinks (flush WAL on SQLite).
    pub async fn close(&self) {
        if let Backing::Sqlite(db) = &self.backing {
            let _ = db.write(|c| Ok(c.execute_batch("PRAGMA optimize")?)).await;
        }
    }
}

fn sqlite_insert_sql(table: &str, columns: &[(&str, ColType)]) -> String {
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    format!("INSERT INTO {table} ({}) VALUES ({})", names.join(","), marks.join(","))
}

fn sqlite_insert_rows(c: &rusqlite::Connection, sql: &str, rows: &[Vec<Value>]) -> Result<u64, StoreError> {
    let mut stmt = c.prepare_cached(sql)?;
    for r in rows {
        let ps = r.iter().map(|v| match v {
            Value::Null => rusqlite::types::Value::Null,
            Value::I64(i) => rusqlite::types::Value::Integer(*i),
            Value::F64(f) => rusqlite::types::Value::Real(*f),
            Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
            Value::Bool(b) => rusqlite::types::Value::Integer(*b as i64),
            Value::Bytes(b) => rusqlite::types::Value::Blob(b.clone()),
        });
        stmt.execute(rusqlite::params_from_iter(ps))?;
    }
    Ok(rows.len() as u64)
}

/// Up to this many rows go in one `INSERT … SELECT FROM unnest(…)`; more
/// go by `COPY`.
const UNNEST_ROWS: usize = 2000;

/// Small batches (the access log's group commits) are one statement with
/// one array per column: one round trip, a cached plan, and the server
/// never sits inside a `COPY` waiting for the client. (A backend waiting
/// for `COPY` data does not answer the cluster-wide signal barrier that
/// `DROP DATABASE` raises, so a stalled client there stalls every drop.)
/// Large loads use `COPY … BINARY`, which is fastest.
async fn pg_bulk_insert(
    c: &deadpool_postgres::Client,
    table: &str,
    columns: &[(&str, ColType)],
    rows: Vec<Vec<Value>>,
) -> Result<u64, StoreError> {
    if rows.is_empty() {
        return Ok(0);
    }
    if rows.len() > UNNEST_ROWS {
        return copy_in(c, table, columns, &rows).await;
    }
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    let arrays: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (_, t))| {
            let ty = match t {
                ColType::Int => "int4",
                ColType::BigInt => "int8",
                ColType::Text => "text",
                ColType::Bool => "bool",
            };
            format!("${}::{ty}[]", i + 1)
        })
        .collect();
    let sql = format!(
        "INSERT INTO {table} ({}) SELECT * FROM unnest({})",
        names.join(","),
        arrays.join(",")
    );
    let mut cols: Vec<Vec<Value>> = (0..columns.len()).map(|_| Vec::with_capacity(rows.len())).collect();
    for (line, row) in rows.into_iter().enumerate() {
        if row.len() != columns.len() {
            return Err(StoreError::Other(format!(
                "bulk insert into {table}: row {line} has {} values for {} columns",
                row.len(),
                columns.len()
            )));
        }
        for (col, v) in cols.iter_mut().zip(row) {
            col.push(v);
        }
    }
    let stmt = c.prepare_cached(&sql).await?;
    let params: Vec<&(dyn postgres_types::ToSql + Sync)> =
        cols.iter().map(|c| c as &(dyn postgres_types::ToSql + Sync)).collect();
    Ok(c.execute(&stmt, &params).await?)
}

async fn copy_in(
    c: &tokio_postgres::Client,
    table: &str,
    columns: &[(&str, ColType)],
    rows: &[Vec<Value>],
) -> Result<u64, StoreError> {
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    let sql = format!("COPY {table} ({}) FROM STDIN BINARY", names.join(","));
    let sink = c.copy_in(&sql).await?;
    let types: Vec<Type> = columns
        .iter()
        .map(|(_, t)| match t {
            ColType::Int => Type::INT4,
            ColType::BigInt => Type::INT8,
            ColType::Text => Type::TEXT,
            ColType::Bool => Type::BOOL,
        })
        .collect();
    let writer = tokio_postgres::binary_copy::BinaryCopyInWriter::new(sink, &types);
    futures_util::pin_mut!(writer);
    for r in rows {
        let refs: Vec<&(dyn postgres_types::ToSql + Sync)> =
            r.iter().map(|v| v as &(dyn postgres_types::ToSql + Sync)).collect();
        writer.as_mut().write(&refs).await?;
    }
    Ok(writer.finish().await?)
}

/// An open transaction.
pub struct Tx {
    inner: TxInner,
    /// For marking the data changed once the transaction commits.
    db: Db,
}

enum TxInner {
    Sqlite(SqliteTx),
    // Boxed: a pooled client is much larger than the SQLite handle.
    Postgres(Box<PgTx>),
}

impl Tx {
    /// Runs a query inside the transaction.
    pub async fn query(&mut self, sql: &'static str, params: Vec<Value>) -> Result<Vec<Row>, StoreError> {
        match &mut self.inner {
            TxInner::Sqlite(t) => t.query(sql, params).await,
            TxInner::Postgres(t) => t.query(sql, params).await,
        }
    }

    /// Runs a query expected to return at most one row.
    pub async fn query_opt(&mut self, sql: &'static str, params: Vec<Value>) -> Result<Option<Row>, StoreError> {
        Ok(self.query(sql, params).await?.into_iter().next())
    }

    /// Runs a statement inside the transaction.
    pub async fn execute(&mut self, sql: &'static str, params: Vec<Value>) -> Result<u64, StoreError> {
        match &mut self.inner {
            TxInner::Sqlite(t) => t.execute(sql, params).await,
            TxInner::Postgres(t) => t.execute(sql, params).await,
        }
    }

    /// Runs one statement once per parameter row, prepared once: one trip
    /// to SQLite's blocking pool, or pipelined on PostgreSQL. Returns the
    /// total of rows affected.
    pub async fn execute_many(&mut self, sql: &'static str, rows: Vec<Vec<Value>>) -> Result<u64, StoreError> {
        if rows.is_empty() {
            return Ok(0);
        }
        match &mut self.inner {
            TxInner::Sqlite(t) => t.execute_many(sql, rows).await,
            TxInner::Postgres(t) => t.execute_many(sql, rows).await,
        }
    }

    /// [`Db::bulk_insert`] inside the transaction.
    pub async fn bulk_insert(
        &mut self,
        table: &'static str,
        columns: &'static [(&'static str, ColType)],
        rows: Vec<Vec<Value>>,
    ) -> Result<u64, StoreError> {
        if rows.is_empty() {
            return Ok(0);
        }
        match &mut self.inner {
            TxInner::Sqlite(t) => {
                let sql = sqlite_insert_sql(table, columns);
                t.with_conn(move |c| sqlite_insert_rows(c, &sql, &rows)).await
            }
            TxInner::Postgres(t) => pg_bulk_insert(t.client()?, table, columns, rows).await,
        }
    }

    /// Makes the transaction's changes permanent.
    pub async fn commit(self) -> Result<(), StoreError> {
        let r = match self.inner {
            TxInner::Sqlite(t) => t.finish(true).await,
            TxInner::Postgres(t) => (*t).finish(true).await,
        };
        self.db.changed().await;
        r
    }
}
