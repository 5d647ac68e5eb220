//! The PostgreSQL driver: the store for large deployments.
//!
//! tokio-postgres through a deadpool pool, with prepared statements cached
//! per connection. Queries issued together on one connection are
//! pipelined by tokio-postgres, so a page's batch of reads costs about one
//! round trip.

use crate::StoreError;
use crate::value::{Row, Value};
use bytes::BytesMut;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use postgres_types::{IsNull, ToSql, Type, to_sql_checked};
use std::error::Error as StdError;

/// A pool of connections to one PostgreSQL database. Cheap to clone.
#[derive(Clone)]
pub struct PgDb {
    pool: Pool,
}

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::I64(v) => match *ty {
                // Checked: a 63-bit id bound to a narrower parameter is a
                // bug in the query, never something to truncate silently.
                Type::INT2 => i16::try_from(*v)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(*v)?.to_sql(ty, out),
                Type::FLOAT8 => (*v as f64).to_sql(ty, out),
                Type::BOOL => (*v != 0).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => v.to_string().to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Value::F64(v) => match *ty {
                Type::FLOAT4 => (*v as f32).to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Value::Text(s) => s.to_sql(ty, out),
            Value::Bool(b) => b.to_sql(ty, out),
            Value::Bytes(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn convert(row: &tokio_postgres::Row) -> Result<Row, StoreError> {
    let mut vals = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let v = match *col.type_() {
            Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Value::I64),
            Type::INT4 => row.try_get::<_, Option<i32>>(i)?.map(|v| Value::I64(v as i64)),
            Type::INT2 => row.try_get::<_, Option<i16>>(i)?.map(|v| Value::I64(v as i64)),
            Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map(Value::F64),
            Type::FLOAT4 => row.try_get::<_, Option<f32>>(i)?.map(|v| Value::F64(v as f64)),
            Type::BOOL => row.try_get::<_, Option<bool>>(i)?.map(Value::Bool),
            Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Bytes),
            _ => row.try_get::<_, Option<String>>(i)?.map(Value::Text),
        };
        vals.push(v.unwrap_or(Value::Null));
    }
    Ok(Row(vals))
}

fn refs(params: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

async fn cached_query(c: &deadpool_postgres::Client, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
    let stmt = c.prepare_cached(sql).await?;
    let rows = c.query(&stmt, &refs(params)).await?;
    rows.iter().map(convert).collect()
}

async fn cached_execute(c: &deadpool_postgres::Client, sql: &str, params: &[Value]) -> Result<u64, StoreError> {
    let stmt = c.prepare_cached(sql).await?;
    Ok(c.execute(&stmt, &refs(params)).await?)
}

impl PgDb {
    /// Connects a pool to `url` (`postgres://user:pass@host:port/db`).
    pub async fn connect(url: &str, max_size: usize) -> Result<Self, StoreError> {
        let cfg: tokio_postgres::Config = url
            .parse()
            .map_err(|e| StoreError::Unavailable(format!("bad database URL: {e}")))?;
        let mgr = Manager::from_config(
            cfg,
            tokio_postgres::NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(mgr)
            .max_size(max_size)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        // Fail now, with a clear message, rather than on the first request.
        let c = pool.get().await?;
        c.simple_query("SELECT 1").await?;
        Ok(Self { pool })
    }

    /// Pool statistics for metrics: (size, available).
    pub fn pool_status(&self) -> (usize, usize) {
        let s = self.pool.status();
        (s.size, s.available)
    }

    pub(crate) async fn client(&self) -> Result<deadpool_postgres::Client, StoreError> {
        Ok(self.pool.get().await?)
    }

    pub(crate) async fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
        let c = self.client().await?;
        cached_query(&c, sql, params).await
    }

    pub(crate) async fn query_batch(&self, batch: &[(&'static str, Vec<Value>)]) -> Result<Vec<Vec<Row>>, StoreError> {
        let c = self.client().await?;
        let futs = batch.iter().map(|(sql, p)| cached_query(&c, sql, p));
        futures_util::future::try_join_all(futs).await
    }

    pub(crate) async fn query_many(&self, sql: &str, rows: &[Vec<Value>]) -> Result<Vec<Vec<Row>>, StoreError> {
        let c = self.client().await?;
        let stmt = c.prepare_cached(sql).await?;
        let mut out = Vec::with_capacity(rows.len());
        for chunk in rows.chunks(512) {
            let params: Vec<Vec<&(dyn ToSql + Sync)>> = chunk.iter().map(|p| refs(p)).collect();
            let futs = params.iter().map(|p| c.query(&stmt, p));
            for result in futures_util::future::try_join_all(futs).await? {
                out.push(result.iter().map(convert).collect::<Result<Vec<_>, _>>()?);
            }
        }
        Ok(out)
    }

    pub(crate) async fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, StoreError> {
        let c = self.client().await?;
        cached_execute(&c, sql, params).await
    }

    pub(crate) async fn begin(&self) -> Result<PgTx, StoreError> {
        let c = self.client().await?;
        c.batch_execute("BEGIN").await?;
        Ok(PgTx { client: Some(c) })
    }
}

/// An open PostgreSQL transaction on one pooled connection.
pub(crate) struct PgTx {
    client: Option<deadpool_postgres::Client>,
}

impl PgTx {
    /// The transaction's connection. Only `finish` takes it, and `finish`
    /// consumes the transaction, so this cannot fail in practice; it
    /// answers with an error rather than a panic all the same.
    pub(crate) fn client(&self) -> Result<&deadpool_postgres::Client, StoreError> {
        self.client
            .as_ref()
            .ok_or_else(|| StoreError::Other("transaction used after it ended".into()))
    }

    pub(crate) async fn query(&mut self, sql: &str, params: Vec<Value>) -> Result<Vec<Row>, StoreError> {
        cached_query(self.client()?, sql, &params).await
    }

    pub(crate) async fn execute(&mut self, sql: &str, params: Vec<Value>) -> Result<u64, StoreError> {
        cached_execute(self.client()?, sql, &params).await
    }

    pub(crate) async fn execute_many(&mut self, sql: &str, rows: Vec<Vec<Value>>) -> Result<u64, StoreError> {
        let c = self.client()?;
        let stmt = c.prepare_cached(sql).await?;
        let mut n = 0;
        // Pipelined: up to 512 statements in flight on the connection.
        for chunk in rows.chunks(512) {
            let params: Vec<Vec<&(dyn ToSql + Sync)>> = chunk.iter().map(|p| refs(p)).collect();
            let futs = params.iter().map(|p| c.execute(&stmt, p));
            n += futures_util::future::try_join_all(futs).await?.iter().sum::<u64>();
        }
        Ok(n)
    }

    pub(crate) async fn finish(mut self, commit: bool) -> Result<(), StoreError> {
        let c = self
            .client
            .take()
            .ok_or_else(|| StoreError::Other("transaction used after it ended".into()))?;
        c.batch_execute(if commit { "COMMIT" } else { "ROLLBACK" }).await?;
        Ok(())
    }
}

impl Drop for PgTx {
    fn drop(&mut self) {
        if let Some(c) = self.client.take() {
            // Never hand a connection back to the pool mid-transaction.
            tokio::spawn(async move {
                let _ = c.batch_execute("ROLLBACK").await;
            });
        }
    }
}
