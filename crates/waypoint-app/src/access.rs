//! The gate to student records: policy check plus access log.
//!
//! [`App::open_student`] is the only way the use cases reach a student's
//! data. It loads the facts the policy needs, asks the policy, and on
//! success appends an entry to the access log. Entries are written by a
//! background task in batches (at most one group commit every 20 ms) so
//! that logging every page view costs one transaction per batch, not one
//! per request; a flush at shutdown writes what is still queued. On SQLite
//! the batches land in a staging table and are settled into the indexed
//! log in large sorted batches ([`Store::settle_access`]).

use crate::error::{AppError, AppResult};
use crate::{App, today};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};
use waypoint_domain::UserId;
use waypoint_domain::authz::{self, Basis, StudentAction};
use waypoint_domain::people::{Actor, StudentFacts};
use waypoint_store::logs::AccessEntry;
use waypoint_store::{Store, now_ms};

enum Msg {
    Entry(AccessEntry),
    Flush(oneshot::Sender<()>),
}

/// Handle on the access-log writer task.
#[derive(Clone)]
pub(crate) struct AccessLogger {
    tx: mpsc::UnboundedSender<Msg>,
}

const BATCH: usize = 1000;
/// At most one group commit this often: under load, entries gather for it.
/// Committing as soon as anything was queued meant about a thousand small
/// commits a second at 14,000 page views a second, and their wake-ups and
/// WAL writes were the student page's slowest 1 % (BENCHMARKS.md). An entry
/// waits at most this long in memory before it is written.
const APPEND_EVERY: Duration = Duration::from_millis(20);
/// Staged entries are settled into the indexed log once this many have
/// gathered, ... A settle writes about one index page per student and actor
/// in it, however many entries each has, so larger settles write less per
/// entry: at 14,000 page views a second, settles of 20,000 entries wrote
/// about 1 KB of WAL per entry and made the student page's slowest 1 %
/// (BENCHMARKS.md). The store moves them in chunks
/// ([`waypoint_store::logs::SETTLE_CHUNK`]), so the writer is not held for a
/// whole settle.
const SETTLE_ROWS: u64 = 100_000;
/// ... or this long after the last settle, or at a flush.
const SETTLE_AFTER: Duration = Duration::from_secs(5);

impl AccessLogger {
    pub(crate) fn start(store: Store) -> Self {
        let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
        tokio::spawn(async move {
            // Entries a crash left staged.
            settle(&store).await;
            let mut staged: u64 = 0;
            let mut settled_at = Instant::now();
            let mut buf: Vec<AccessEntry> = Vec::with_capacity(BATCH);
            let mut appended_at = Instant::now();
            loop {
                let first = if staged > 0 {
                    let wait = SETTLE_AFTER.saturating_sub(settled_at.elapsed());
                    match tokio::time::timeout(wait, rx.recv()).await {
                        Ok(m) => m,
                        Err(_) => {
                            settle(&store).await;
                            staged = 0;
                            settled_at = Instant::now();
                            continue;
                        }
                    }
                } else {
                    rx.recv().await
                };
                let Some(first) = first else { break };
                // Let entries gather: one commit per APPEND_EVERY at most
                // (a flush, whose caller waits, goes at once).
                let since = appended_at.elapsed();
                if since < APPEND_EVERY && matches!(first, Msg::Entry(_)) {
                    tokio::time::sleep(APPEND_EVERY - since).await;
                }
                let mut waiters = Vec::new();
                let mut take = |m: Msg, buf: &mut Vec<AccessEntry>| match m {
                    Msg::Entry(e) => buf.push(e),
                    Msg::Flush(w) => waiters.push(w),
                };
                take(first, &mut buf);
                while buf.len() < BATCH {
                    match rx.try_recv() {
                        Ok(m) => take(m, &mut buf),
                        Err(_) => break,
                    }
                }
                if !buf.is_empty() {
                    appended_at = Instant::now();
                    // Retry briefly: a busy SQLite writer or a restarting
                    // PostgreSQL must not lose the record of access.
                    let mut tries = 0;
                    while let Err(e) = store.append_access(&buf).await {
                        tries += 1;
                        tracing::error!(error = %e, entries = buf.len(), tries, "writing access log failed");
                        if tries >= 5 {
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(100 * tries)).await;
                    }
                    staged += buf.len() as u64;
                    buf.clear();
                }
                // A flush always settles: its caller is about to read the
                // log (entries staged by another process included).
                if !waiters.is_empty()
                    || (staged > 0 && (staged >= SETTLE_ROWS || settled_at.elapsed() >= SETTLE_AFTER))
                {
                    settle(&store).await;
                    staged = 0;
                    settled_at = Instant::now();
                }
                for w in waiters {
                    let _ = w.send(());
                }
            }
            settle(&store).await;
        });
        AccessLogger { tx }
    }

    fn log(&self, e: AccessEntry) {
        if self.tx.send(Msg::Entry(e)).is_err() {
            tracing::error!("access log writer has stopped");
        }
    }

    pub(crate) async fn flush(&self) {
        let (tx, rx) = oneshot::channel();
        if self.tx.send(Msg::Flush(tx)).is_ok() {
            let _ = rx.await;
        }
    }
}

/// Moves staged entries into the indexed log; on failure they stay staged
/// (nothing is lost) and the next settle takes them.
async fn settle(store: &Store) {
    let started = Instant::now();
    match store.settle_access().await {
        Ok(n) => tracing::debug!(
            entries = n,
            ms = started.elapsed().as_millis() as u64,
            "access log settled"
        ),
        Err(e) => tracing::error!(error = %e, "settling the access log failed"),
    }
}

/// Where a request came from, for the logs.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub ip: Option<String>,
}

/// A student record opened for one action: proof that the policy allowed it.
#[derive(Clone, Debug)]
pub struct Opened {
    pub facts: StudentFacts,
    pub basis: Basis,
}

impl App {
    /// Checks that `actor` may do `action` to the student and logs the
    /// access. `resource` names what was read or changed ("home",
    /// "demographics", …). Unknown students are `NotFound`; known ones the
    /// actor may not reach are `Forbidden`, with nothing else revealed.
    pub async fn open_student(
        &self,
        actor: &Actor,
        student_id: UserId,
        action: StudentAction,
        resource: &str,
        origin: &Origin,
    ) -> AppResult<Opened> {
        let facts = self
            .store
            .student_facts(student_id, today())
            .await?
            .ok_or(AppError::NotFound)?;
        let Some(basis) = authz::student(actor, action, &facts) else {
            tracing::warn!(actor = %actor.user_id, student = %student_id, ?action, "access denied");
            return Err(AppError::Forbidden);
        };
        self.access.log(AccessEntry {
            student_id,
            at: now_ms(),
            actor_id: actor.user_id,
            actor_role: actor.log_role().to_string(),
            basis: basis.as_str().to_string(),
            action: action.log_name().to_string(),
            resource: resource.to_string(),
            ip: origin.ip.clone(),
            district_id: facts.school.and_then(|s| s.district_id),
        });
        Ok(Opened { facts, basis })
    }

    /// Asks the policy without logging: for deciding which links to show.
    pub fn may(&self, actor: &Actor, action: StudentAction, facts: &StudentFacts) -> bool {
        authz::student(actor, action, facts).is_some()
    }
}
