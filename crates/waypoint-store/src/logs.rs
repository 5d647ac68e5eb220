//! The access log (every read or change of a student's record: the FERPA
//! record of access) and the admin audit log.

use crate::{ColType, Page, Store, StoreError, Value, now_ms, params};
use std::borrow::Cow;
use waypoint_domain::{OrgId, UserId};

/// One access to a student's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessEntry {
    pub student_id: UserId,
    pub at: i64,
    pub actor_id: UserId,
    // Names from fixed sets when written (no allocation per page view),
    // owned when read back.
    pub actor_role: Cow<'static, str>,
    pub basis: Cow<'static, str>,
    pub action: Cow<'static, str>,
    pub resource: Cow<'static, str>,
    pub ip: Option<String>,
    /// The student's district when it happened, for district searches.
    pub district_id: Option<OrgId>,
}

/// An access entry with names, for display.
#[derive(Clone, Debug)]
pub struct AccessView {
    pub entry: AccessEntry,
    pub actor_name: String,
    pub student_name: String,
}

/// A search of the access log.
#[derive(Clone, Debug, Default)]
pub struct AccessQuery {
    pub district_id: Option<OrgId>,
    pub student_id: Option<UserId>,
    pub actor_id: Option<UserId>,
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub page: i64,
    pub per_page: i64,
}

/// One admin action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: i64,
    pub actor_id: Option<UserId>,
    pub actor_name: String,
    pub org_id: Option<OrgId>,
    pub action: String,
    pub target: String,
    pub detail: String,
}

const ACCESS_COLUMNS: &[(&str, ColType)] = &[
    ("student_id", ColType::BigInt),
    ("log_id", ColType::BigInt),
    ("at", ColType::BigInt),
    ("actor_id", ColType::BigInt),
    ("actor_role", ColType::Text),
    ("basis", ColType::Text),
    ("action", ColType::Text),
    ("resource", ColType::Text),
    ("ip", ColType::Text),
    ("district_id", ColType::BigInt),
];

// A filter of -1 means "any". The CASTs matter on PostgreSQL: from a bare
// `$1 < 0` it would infer int4 for `$1` and truncate the 63-bit ids.
macro_rules! access_sql {
    ($what:literal, $tail:literal) => {
        concat!(
            "SELECT ",
            $what,
            " FROM access_log a
             JOIN users ua ON ua.user_id = a.actor_id
             JOIN users us ON us.user_id = a.student_id
             WHERE (CAST($1 AS BIGINT) < 0 OR a.district_id = $1)
               AND (CAST($2 AS BIGINT) < 0 OR a.student_id = $2)
               AND (CAST($3 AS BIGINT) < 0 OR a.actor_id = $3) AND a.at >= $4 AND a.at <= $5 ",
            $tail
        )
    };
}

/// About how many staged entries one settling transaction moves.
pub const SETTLE_CHUNK: usize = 10_000;
/// About how many staged entries one pass of a settle reads into memory
/// (whole batches: a pass holds at least one), sorts and moves.
pub const SETTLE_PASS: i64 = 100_000;

impl Store {
    /// Appends a batch of access entries in one transaction (group commit).
    /// On SQLite the batch is staged as one row (see the migration that
    /// made `access_log_batches`); on PostgreSQL it goes straight into
    /// `access_log`.
    pub async fn append_access(&self, entries: &[AccessEntry]) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        // Quiet: no cached read depends on the access log.
        if let Some(db) = self.db.sqlite() {
            let batch = crate::access_batch::encode(entries, waypoint_domain::new_id);
            let n = entries.len() as i64;
            return db
                .write(move |c| {
                    c.prepare_cached("INSERT INTO access_log_batches (entries, batch) VALUES (?1, ?2)")?
                        .execute(rusqlite::params![n, batch])?;
                    Ok(())
                })
                .await;
        }
        let rows = entries
            .iter()
            .map(|e| {
                params![
                    e.student_id,
                    waypoint_domain::new_id(),
                    e.at,
                    e.actor_id,
                    &e.actor_role,
                    &e.basis,
                    &e.action,
                    &e.resource,
                    e.ip.clone(),
                    e.district_id
                ]
            })
            .collect();
        self.db
            .bulk_insert_quiet("access_log", ACCESS_COLUMNS, rows)
            .await
            .map(|_| ())
    }

    /// Moves staged access-log entries into `access_log`, sorted by student
    /// so that each index page is written once per pass rather than once
    /// per entry (SQLite; a no-op on PostgreSQL, which writes directly).
    /// Every read of the access log calls it first. Returns the entries
    /// moved.
    ///
    /// The batches staged when it starts are read in passes of about
    /// [`SETTLE_PASS`] entries. A pass decodes and sorts its entries and
    /// moves them in transactions of about [`SETTLE_CHUNK`] entries, each
    /// for a range of students, so that the writer is never held for long
    /// and appends and other writes go on in between; then it removes the
    /// batches it read. Moving is idempotent (`INSERT OR IGNORE` on the
    /// log's key), so a settle cut short by a crash, or two settles at once
    /// (the writer task's and a reader's, or two processes'), move each
    /// entry exactly once. Batch ids are never reused (`AUTOINCREMENT`), so
    /// every batch in the range a pass read was moved, by it or by a settle
    /// running at the same time, and removing that range never removes a
    /// batch staged after the pass began.
    pub async fn settle_access(&self) -> Result<u64, StoreError> {
        self.settle_staged(None).await
    }

    /// Makes the staged entries of one student, or by one actor, readable
    /// in `access_log` without settling the rest: a read that needs only
    /// them does not wait for a settle of everything staged. The entries
    /// are copied (`INSERT OR IGNORE`) and their batches stay staged; the
    /// next settle skips them as already there. Returns the entries copied.
    pub(crate) async fn settle_access_of(&self, only: Only) -> Result<u64, StoreError> {
        self.settle_staged(Some(only)).await
    }

    async fn settle_staged(&self, only: Option<Only>) -> Result<u64, StoreError> {
        let Some(db) = self.db.sqlite() else { return Ok(0) };
        let sizes = db
            .read(|c| {
                let mut stmt =
                    c.prepare_cached("SELECT batch_id, entries FROM access_log_batches ORDER BY batch_id")?;
                let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })
            .await?;
        let mut moved = 0;
        let mut i = 0;
        while i < sizes.len() {
            // This pass: whole batches up to about SETTLE_PASS entries.
            let first = sizes[i].0;
            let mut entries = 0;
            while i < sizes.len() && (entries == 0 || entries + sizes[i].1 <= SETTLE_PASS) {
                entries += sizes[i].1;
                i += 1;
            }
            moved += settle_pass(db, first, sizes[i - 1].0, only).await?;
        }
        Ok(moved)
    }

    /// Searches the access log, newest first.
    pub async fn search_access(&self, q: &AccessQuery) -> Result<Page<AccessView>, StoreError> {
        match (q.student_id, q.actor_id) {
            (Some(s), _) => self.settle_access_of(Only::Student(s)).await?,
            (None, Some(a)) => self.settle_access_of(Only::Actor(a)).await?,
            (None, None) => self.settle_access().await?,
        };
        let page = q.page.max(1);
        let p: Vec<Value> = params![
            q.district_id.map(|d| d.0).unwrap_or(-1),
            q.student_id.map(|d| d.0).unwrap_or(-1),
            q.actor_id.map(|d| d.0).unwrap_or(-1),
            q.since.unwrap_or(0),
            q.until.unwrap_or(i64::MAX)
        ];
        let mut pp = p.clone();
        pp.push(Value::I64(q.per_page));
        pp.push(Value::I64((page - 1) * q.per_page));
        let b = self
            .db
            .query_batch(vec![
                (access_sql!("COUNT(*)", ""), p),
                (
                    access_sql!(
                        "a.student_id, a.at, a.actor_id, a.actor_role, a.basis, a.action, a.resource, a.ip, a.district_id,
                         ua.given_name, ua.family_name, us.given_name, us.family_name",
                        "ORDER BY a.at DESC, a.log_id DESC LIMIT $6 OFFSET $7"
                    ),
                    pp,
                ),
            ])
            .await?;
        let total = b[0][0].i64(0)?;
        let items = b[1]
            .iter()
            .map(|r| {
                Ok(AccessView {
                    entry: AccessEntry {
                        student_id: UserId(r.i64(0)?),
                        at: r.i64(1)?,
                        actor_id: UserId(r.i64(2)?),
                        actor_role: r.text(3)?.into(),
                        basis: r.text(4)?.into(),
                        action: r.text(5)?.into(),
                        resource: r.text(6)?.into(),
                        ip: r.opt_text(7)?,
                        district_id: r.opt_i64(8)?.map(OrgId),
                    },
                    actor_name: format!("{} {}", r.text(9)?, r.text(10)?),
                    student_name: format!("{} {}", r.text(11)?, r.text(12)?),
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Page {
            items,
            total,
            page,
            per_page: q.per_page,
        })
    }

    /// Appends to the admin audit log.
    pub async fn audit(
        &self,
        actor_id: Option<UserId>,
        org_id: Option<OrgId>,
        action: &str,
        target: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.db
            .execute(
                "INSERT INTO audit_log (audit_id, at, actor_id, org_id, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                params![waypoint_domain::new_id(), now_ms(), actor_id, org_id, action, target, detail],
            )
            .await
            .map(|_| ())
    }

    /// The audit log of the organisations within `scope` (the org, its
    /// district's schools, or the whole state), newest first.
    pub async fn search_audit(&self, scope: OrgId, page: i64, per_page: i64) -> Result<Page<AuditEntry>, StoreError> {
        let page = page.max(1);
        let b = self
            .db
            .query_batch(vec![
                (
                    "SELECT COUNT(*) FROM audit_log l LEFT JOIN orgs o ON o.org_id = l.org_id
                     WHERE l.org_id = $1 OR o.district_id = $1 OR o.state_id = $1",
                    params![scope],
                ),
                (
                    "SELECT l.at, l.actor_id, COALESCE(u.given_name || ' ' || u.family_name, ''), l.org_id, l.action, l.target, l.detail
                     FROM audit_log l LEFT JOIN orgs o ON o.org_id = l.org_id LEFT JOIN users u ON u.user_id = l.actor_id
                     WHERE l.org_id = $1 OR o.district_id = $1 OR o.state_id = $1
                     ORDER BY l.at DESC, l.audit_id DESC LIMIT $2 OFFSET $3",
                    params![scope, per_page, (page - 1) * per_page],
                ),
            ])
            .await?;
        let total = b[0][0].i64(0)?;
        let items = b[1]
            .iter()
            .map(|r| {
                Ok(AuditEntry {
                    at: r.i64(0)?,
                    actor_id: r.opt_i64(1)?.map(UserId),
                    actor_name: r.text(2)?,
                    org_id: r.opt_i64(3)?.map(OrgId),
                    action: r.text(4)?,
                    target: r.text(5)?,
                    detail: r.text(6)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }
}

/// A pass's batches, decoded and sorted by the log's key. Each entry is
/// kept as (student, log id, batch, offset) and read again from its batch
/// when it is inserted, so sorting moves 24 bytes per entry and no text.
struct Pass {
    batches: Vec<Vec<u8>>,
    order: Vec<(i64, i64, u32, u32)>,
}

/// Which staged entries a read needs (see [`Store::settle_access_of`]).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Only {
    Student(UserId),
    Actor(UserId),
}

impl Only {
    fn wants(self, e: &crate::access_batch::StagedRef<'_>) -> bool {
        match self {
            Only::Student(s) => e.student_id == s.0,
            Only::Actor(a) => e.actor_id == a.0,
        }
    }
}

/// Moves the staged batches `first..=last` into the log and removes them;
/// with `only`, copies just the entries it wants and leaves the batches.
async fn settle_pass(
    db: &crate::sqlite::SqliteDb,
    first: i64,
    last: i64,
    only: Option<Only>,
) -> Result<u64, StoreError> {
    // Read, decoded and sorted on the blocking pool (a few milliseconds
    // for 100,000 entries, which on an async worker would hold up every
    // request queued behind it there).
    let pass = db
        .read(move |c| {
            let mut stmt = c.prepare_cached(
                "SELECT batch_id, entries, batch FROM access_log_batches WHERE batch_id BETWEEN ?1 AND ?2 ORDER BY batch_id",
            )?;
            let rows = stmt
                .query_map([first, last], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, Vec<u8>>(2)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            let mut order = Vec::new();
            let mut batches = Vec::with_capacity(rows.len());
            for (id, entries, batch) in rows {
                let decoded = crate::access_batch::decode(&batch)
                    .map_err(|e| StoreError::Other(format!("access-log batch {id}: {e}")))?;
                if decoded.len() as i64 != entries {
                    return Err(StoreError::Other(format!(
                        "access-log batch {id} holds {} entries, not {entries}",
                        decoded.len()
                    )));
                }
                let b = batches.len() as u32;
                order.extend(
                    decoded
                        .iter()
                        .filter(|(_, e)| only.is_none_or(|o| o.wants(e)))
                        .map(|(offset, e)| (e.student_id, e.log_id, b, *offset as u32)),
                );
                batches.push(batch);
            }
            order.sort_unstable();
            Ok(Pass { batches, order })
        })
        .await?;
    let pass = std::sync::Arc::new(pass);
    let mut moved = 0;
    let mut start = 0;
    while start < pass.order.len() {
        // About SETTLE_CHUNK entries, never splitting a student.
        let mut end = (start + SETTLE_CHUNK).min(pass.order.len());
        while end < pass.order.len() && pass.order[end].0 == pass.order[end - 1].0 {
            end += 1;
        }
        let p = pass.clone();
        moved += db
            .write(move |c| {
                let mut stmt = c.prepare_cached(
                    "INSERT OR IGNORE INTO access_log
                         (student_id, log_id, at, actor_id, actor_role, basis, action, resource, ip, district_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?;
                let mut n = 0;
                for &(_, _, b, offset) in &p.order[start..end] {
                    let e = crate::access_batch::decode_at(&p.batches[b as usize], offset as usize)?;
                    n += stmt.execute(rusqlite::params![
                        e.student_id,
                        e.log_id,
                        e.at,
                        e.actor_id,
                        e.actor_role,
                        e.basis,
                        e.action,
                        e.resource,
                        e.ip,
                        e.district_id
                    ])? as u64;
                }
                Ok(n)
            })
            .await?;
        start = end;
    }
    if only.is_none() {
        db.write(move |c| {
            c.prepare_cached("DELETE FROM access_log_batches WHERE batch_id BETWEEN ?1 AND ?2")?
                .execute([first, last])?;
            Ok(())
        })
        .await?;
    }
    Ok(moved)
}
