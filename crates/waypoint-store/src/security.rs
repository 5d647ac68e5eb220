//! Sessions, sign-in throttling, invitations, password resets and the
//! outgoing mail queue. Secrets (session tokens, codes) are stored only as
//! hashes: a copy of the database does not let anyone sign in.

use crate::cache::Key;
use crate::people::{GrantRecord, UserRecord, grant_from, user_from};
use crate::{Store, StoreError, now_ms, params};
use std::sync::Arc;
use waypoint_domain::people::Role;
use waypoint_domain::{OrgId, UserId};

/// A live session.
#[derive(Clone, Debug)]
pub struct SessionRecord {
    pub user_id: UserId,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// A session with its account and the account's role grants: what every
/// signed-in request needs, read together.
#[derive(Clone, Debug)]
pub struct SessionAccount {
    pub session: SessionRecord,
    /// The session's account (`None` if it no longer exists); shared, so
    /// that every request's signed-in person is not a copy of it.
    pub user: Option<Arc<UserRecord>>,
    pub grants: Vec<GrantRecord>,
}

/// An invitation: a staff member to a role, or a guardian to a student.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InviteRecord {
    pub kind: String,
    pub org_id: Option<OrgId>,
    pub role: Option<Role>,
    pub student_id: Option<UserId>,
    pub email: Option<String>,
    pub created_by: UserId,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// A mail waiting to be sent.
#[derive(Clone, Debug)]
pub struct MailRecord {
    pub mail_id: i64,
    pub to_addr: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

impl Store {
    /// Stores a new session under the hash of its token.
    pub async fn create_session(&self, hash: &str, user_id: UserId, ip: Option<&str>) -> Result<(), StoreError> {
        let now = now_ms();
        self.db
            .execute(
                "INSERT INTO sessions (session_hash, user_id, created_at, last_seen_at, ip) VALUES ($1, $2, $3, $3, $4)",
                params![hash, user_id, now, ip],
            )
            .await
            .map(|_| ())
    }

    /// A session by token hash.
    pub async fn session(&self, hash: &str) -> Result<Option<SessionRecord>, StoreError> {
        self.db
            .query_opt(
                "SELECT user_id, created_at, last_seen_at FROM sessions WHERE session_hash = $1",
                params![hash],
            )
            .await?
            .map(|r| {
                Ok(SessionRecord {
                    user_id: UserId(r.i64(0)?),
                    created_at: r.i64(1)?,
                    last_seen_at: r.i64(2)?,
                })
            })
            .transpose()
    }

    /// A session by token hash, with its account and role grants, in one
    /// batch: one trip to SQLite's blocking pool (one pipelined round trip
    /// on PostgreSQL) per request instead of three. Shared: a page view
    /// reads it from the read cache without copying it.
    pub async fn session_account(&self, hash: &str) -> Result<Option<Arc<SessionAccount>>, StoreError> {
        self.cached(Key::Session(hash.to_string()), self.session_account_from_db(hash))
            .await
    }

    async fn session_account_from_db(&self, hash: &str) -> Result<Option<Arc<SessionAccount>>, StoreError> {
        let b = self
            .db
            .query_batch(vec![
                (
                    "SELECT user_id, created_at, last_seen_at FROM sessions WHERE session_hash = $1",
                    params![hash],
                ),
                (
                    "SELECT u.user_id, u.kind, u.username, u.email, u.given_name, u.family_name, u.locale, u.disabled, u.last_sign_in_at
                     FROM sessions s JOIN users u ON u.user_id = s.user_id WHERE s.session_hash = $1",
                    params![hash],
                ),
                (
                    "SELECT g.role, o.org_id, o.kind, o.district_id, o.state_id, o.name
                     FROM sessions s JOIN role_grants g ON g.user_id = s.user_id JOIN orgs o ON o.org_id = g.org_id
                     WHERE s.session_hash = $1 ORDER BY o.name, g.role",
                    params![hash],
                ),
            ])
            .await?;
        let Some(r) = b[0].first() else { return Ok(None) };
        Ok(Some(Arc::new(SessionAccount {
            session: SessionRecord {
                user_id: UserId(r.i64(0)?),
                created_at: r.i64(1)?,
                last_seen_at: r.i64(2)?,
            },
            user: b[1].first().map(|r| user_from(r, 0)).transpose()?.map(Arc::new),
            grants: b[2].iter().map(|r| grant_from(r, 0)).collect::<Result<_, _>>()?,
        })))
    }

    /// Moves a session's idle clock forward.
    pub async fn touch_session(&self, hash: &str) -> Result<(), StoreError> {
        // Quiet: nothing cached depends on it but this session's own entry,
        // which gets the new time at once (so the next request does not
        // touch again while this write waits for the writer).
        let now = now_ms();
        let key = Key::Session(hash.to_string());
        let generation = self.cache.generation();
        if let Some(Some(found)) = self.cache.get::<Option<Arc<SessionAccount>>>(&key) {
            let mut moved = SessionAccount::clone(&found);
            moved.session.last_seen_at = now;
            self.cache.put(key, generation, Some(Arc::new(moved)));
        }
        self.db
            .execute_quiet(
                "UPDATE sessions SET last_seen_at = $2 WHERE session_hash = $1",
                params![hash, now],
            )
            .await
            .map(|_| ())
    }

    /// Ends one session.
    pub async fn delete_session(&self, hash: &str) -> Result<(), StoreError> {
        self.db
            .execute("DELETE FROM sessions WHERE session_hash = $1", params![hash])
            .await
            .map(|_| ())
    }

    /// Ends every session of an account ("sign out everywhere", password
    /// changes). Returns how many ended.
    pub async fn delete_user_sessions(&self, user_id: UserId) -> Result<u64, StoreError> {
        self.db
            .execute("DELETE FROM sessions WHERE user_id = $1", params![user_id])
            .await
    }

    /// Deletes sessions idle since `idle_before` or created before
    /// `created_before`, and failure records older than `failures_before`.
    ///
    /// Quiet: it leaves the read cache alone. A session it deletes had
    /// already ended, and whoever reads one checks its times
    /// (`App::session`), so a cached copy is never taken for a live one;
    /// login failures are not cached. Marking the data changed here
    /// emptied every process's cache every five minutes (the housekeeping
    /// interval), and every page view after it went to the database
    /// (BENCHMARKS.md).
    pub async fn purge_expired(
        &self,
        idle_before: i64,
        created_before: i64,
        failures_before: i64,
    ) -> Result<u64, StoreError> {
        let n = self
            .db
            .execute_all_quiet(vec![
                (
                    "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2",
                    params![idle_before, created_before],
                ),
                ("DELETE FROM login_failures WHERE at < $1", params![failures_before]),
            ])
            .await?;
        Ok(n[0])
    }

    /// Records a failed sign-in under each key (account, address).
    pub async fn record_login_failure(&self, keys: &[&str]) -> Result<(), StoreError> {
        let now = now_ms();
        let stmts = keys
            .iter()
            .map(|k| ("INSERT INTO login_failures (key, at) VALUES ($1, $2)", params![*k, now]))
            .collect();
        self.db.execute_all(stmts).await.map(|_| ())
    }

    /// Failed sign-ins under `key` since `since`.
    pub async fn login_failures_since(&self, key: &str, since: i64) -> Result<i64, StoreError> {
        self.db
            .query_one(
                "SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2",
                params![key, since],
            )
            .await?
            .i64(0)
    }

    /// Forgets the failures under `key` (after a successful sign-in).
    pub async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError> {
        self.db
            .execute("DELETE FROM login_failures WHERE key = $1", params![key])
            .await
            .map(|_| ())
    }

    /// Stores an invitation under the hash of its code.
    pub async fn create_invite(&self, code_hash: &str, inv: &InviteRecord) -> Result<(), StoreError> {
        self.db
            .execute(
                "INSERT INTO invites (code_hash, kind, org_id, role, student_id, email, created_by, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                params![
                    code_hash, &inv.kind, inv.org_id, inv.role.map(|r| r.as_str()), inv.student_id,
                    inv.email.clone(), inv.created_by, now_ms(), inv.expires_at
                ],
            )
            .await
            .map(|_| ())
    }

    /// An invitation by code hash, used or not.
    pub async fn invite(&self, code_hash: &str) -> Result<Option<InviteRecord>, StoreError> {
        self.db
            .query_opt(
                "SELECT kind, org_id, role, student_id, email, created_by, expires_at, used_at FROM invites WHERE code_hash = $1",
                params![code_hash],
            )
            .await?
            .map(|r| {
                Ok(InviteRecord {
                    kind: r.text(0)?,
                    org_id: r.opt_i64(1)?.map(OrgId),
                    role: r.opt_text(2)?.and_then(|s| Role::parse(&s)),
                    student_id: r.opt_i64(3)?.map(UserId),
                    email: r.opt_text(4)?,
                    created_by: UserId(r.i64(5)?),
                    expires_at: r.i64(6)?,
                    used_at: r.opt_i64(7)?,
                })
            })
            .transpose()
    }

    /// Marks an invitation used, once: returns false when it was already
    /// used or has expired, so that two racing requests cannot both use it.
    pub async fn consume_invite(&self, code_hash: &str, used_by: UserId) -> Result<bool, StoreError> {
        let now = now_ms();
        Ok(self
            .db
            .execute(
                "UPDATE invites SET used_at = $2, used_by = $3 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2",
                params![code_hash, now, used_by],
            )
            .await?
            == 1)
    }

    /// Stores a password-reset token hash.
    pub async fn create_password_reset(
        &self,
        token_hash: &str,
        user_id: UserId,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        self.db
            .execute(
                "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                params![token_hash, user_id, now_ms(), expires_at],
            )
            .await
            .map(|_| ())
    }

    /// The account a live, unused reset token belongs to.
    pub async fn password_reset_user(&self, token_hash: &str) -> Result<Option<UserId>, StoreError> {
        self.db
            .query_opt(
                "SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
                params![token_hash, now_ms()],
            )
            .await?
            .map(|r| r.i64(0).map(UserId))
            .transpose()
    }

    /// Uses a reset token and sets the new password hash in one
    /// transaction; ends the account's sessions. False if the token was
    /// not live.
    pub async fn complete_password_reset(&self, token_hash: &str, new_hash: &str) -> Result<bool, StoreError> {
        let now = now_ms();
        let mut tx = self.db.begin().await?;
        let row = tx
            .query_opt(
                "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id",
                params![token_hash, now],
            )
            .await?;
        let Some(row) = row else { return Ok(false) };
        let user_id = row.i64(0)?;
        tx.execute(
            "UPDATE users SET password_hash = $2 WHERE user_id = $1",
            params![user_id, new_hash],
        )
        .await?;
        tx.execute("DELETE FROM sessions WHERE user_id = $1", params![user_id])
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Queues a mail.
    pub async fn enqueue_mail(&self, to: &str, subject: &str, body: &str) -> Result<i64, StoreError> {
        let id = waypoint_domain::new_id();
        let now = now_ms();
        self.db
            .execute(
                "INSERT INTO mail_queue (mail_id, to_addr, subject, body, created_at, send_after) VALUES ($1, $2, $3, $4, $5, $5)",
                params![id, to, subject, body, now],
            )
            .await?;
        Ok(id)
    }

    /// Mails due to be sent, oldest first.
    pub async fn due_mail(&self, limit: i64) -> Result<Vec<MailRecord>, StoreError> {
        self.db
            .query(
                "SELECT mail_id, to_addr, subject, body, attempts FROM mail_queue
                 WHERE sent_at IS NULL AND send_after <= $1 AND attempts < 10 ORDER BY send_after LIMIT $2",
                params![now_ms(), limit],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(MailRecord {
                    mail_id: r.i64(0)?,
                    to_addr: r.text(1)?,
                    subject: r.text(2)?,
                    body: r.text(3)?,
                    attempts: r.i64(4)?,
                })
            })
            .collect()
    }

    /// Marks a mail sent.
    pub async fn mail_sent(&self, mail_id: i64) -> Result<(), StoreError> {
        self.db
            .execute(
                "UPDATE mail_queue SET sent_at = $2 WHERE mail_id = $1",
                params![mail_id, now_ms()],
            )
            .await
            .map(|_| ())
    }

    /// Records a failed attempt and when to try again.
    pub async fn mail_failed(&self, mail_id: i64, error: &str, retry_at: i64) -> Result<(), StoreError> {
        self.db
            .execute(
                "UPDATE mail_queue SET attempts = attempts + 1, last_error = $2, send_after = $3 WHERE mail_id = $1",
                params![mail_id, error, retry_at],
            )
            .await
            .map(|_| ())
    }
}
