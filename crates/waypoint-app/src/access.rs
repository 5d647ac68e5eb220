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
//!
//! The writer may run on a background runtime whose threads have a low CPU
//! priority (the server's), so that its commits and settles take the
//! processor only when requests leave it free. If it falls more than
//! [`BEHIND`] entries behind, it writes on the runtime that built the
//! [`App`] (normal priority) until it has caught up, so a machine that stays
//! busy cannot starve it.
//!
//! An entry is never dropped: when the store refuses a commit the writer
//! keeps the batch and tries again (backing off up to two seconds) until
//! it is written. Meanwhile new entries wait in memory, and once the writer
//! has been failing for [`AppConfig::access_log_fail_closed_after`] (or
//! [`HOLD_LIMIT`] entries wait) [`App::open_student`] refuses with
//! `Unavailable`: no record is read whose access could not be written.

use crate::error::{AppError, AppResult};
use crate::{App, AppConfig, today};
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
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
    counts: Arc<Counts>,
    fail_closed_after_ms: i64,
}

/// How the writer is doing, for `/metrics`.
#[derive(Debug, Default)]
struct Counts {
    /// Entries logged and not yet written (in memory).
    waiting: AtomicUsize,
    /// Entries written since the start.
    written: AtomicU64,
    /// When the writer's current run of failed commits began (ms since
    /// the epoch), or 0 while commits succeed.
    failing_since_ms: AtomicI64,
}

/// The access log's counts: entries waiting in memory, entries written since the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccessLogCounts {
    pub waiting: usize,
    pub written: u64,
}

const BATCH: usize = 1000;
/// At most one group commit this often: under load, entries gather for it.
/// Committing as soon as anything was queued meant about a thousand small
/// commits a second at 14,000 page views a second, and their wake-ups and
/// WAL writes were the student page's slowest 1 % (BENCHMARKS.md). An entry
/// waits at most this long in memory before it is written.
const APPEND_EVERY: Duration = Duration::from_millis(20);
/// Staged entries are settled into the indexed log (sorted, in passes and
/// chunks: [`Store::settle_access`]) when the server is not busy: when no
/// entry has come for [`QUIET`], or when a group commit held fewer than
/// [`LIGHT`] entries and the last settle is [`SETTLE_AFTER`] old. Under a
/// sustained peak they wait until this many have gathered. A settle costs
/// a few microseconds of CPU per entry (three B-trees: the log and its two
/// indexes), and at 30,000 page views a second settling every few seconds
/// doubled the student page's slowest 1 % (BENCHMARKS.md); deferring it to
/// a lull moves that work out of the peak. Every read of the log settles
/// first, so deferring never hides an entry. A read of one student's or
/// one actor's entries (a guardian's record of access, a search by either)
/// copies just those; a district- or state-wide search settles everything
/// staged and, at this bound under a long peak, may wait several seconds.
/// About 90 MB of staged batches.
const SETTLE_ROWS: u64 = 1_000_000;
/// No entry for this long: the server is quiet, settle.
const QUIET: Duration = Duration::from_millis(100);
/// A group commit with fewer entries than this (under 2,500 page views a
/// second) is light load ...
const LIGHT: usize = 50;
/// ... and settles if the last settle is at least this old.
const SETTLE_AFTER: Duration = Duration::from_secs(1);
/// Entries waiting in memory beyond which the writer stops running at
/// background priority: about three seconds of page views at the
/// benchmark's rate, some tens of megabytes.
pub(crate) const BEHIND: usize = 100_000;
/// Entries waiting in memory at which records stop being opened (about
/// 150 MB): the writer cannot write them as fast as they come.
const HOLD_LIMIT: usize = 1_000_000;
/// Longest pause between two tries of a commit the store refused.
const RETRY_AT_MOST: Duration = Duration::from_secs(2);

/// Runs the writer's store calls: on the writer's own runtime while it keeps
/// up, on the foreground runtime (normal priority) once it is behind.
#[derive(Clone)]
struct Runner {
    foreground: Option<tokio::runtime::Handle>,
}

impl Runner {
    /// `None` if the foreground runtime stopped before `f` finished (the
    /// process is ending).
    async fn run<T: Send + 'static>(&self, behind: bool, f: impl Future<Output = T> + Send + 'static) -> Option<T> {
        match (&self.foreground, behind) {
            (Some(h), true) => match h.spawn(f).await {
                Ok(v) => Some(v),
                Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                Err(_) => None,
            },
            _ => Some(f.await),
        }
    }
}

impl AccessLogger {
    /// Starts the writer on `background` if given, else on the current
    /// runtime.
    pub(crate) fn start(store: Store, config: &AppConfig) -> Self {
        let background = config.background.clone();
        let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
        let counts = Arc::new(Counts::default());
        let writer_counts = counts.clone();
        let runner = Runner {
            foreground: background.is_some().then(tokio::runtime::Handle::current),
        };
        let writer = async move {
            // Entries a crash left staged.
            settle(&store).await;
            let mut staged: u64 = 0;
            let mut settled_at = Instant::now();
            let mut buf: Vec<AccessEntry> = Vec::with_capacity(BATCH);
            let mut appended_at = Instant::now();
            loop {
                let first = if staged > 0 {
                    match tokio::time::timeout(QUIET, rx.recv()).await {
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
                // Messages still queued once this batch is taken.
                let behind = rx.len() >= BEHIND;
                let light = buf.len() < LIGHT;
                if !buf.is_empty() {
                    appended_at = Instant::now();
                    let n = buf.len() as u64;
                    buf = match runner
                        .run(behind, append(store.clone(), buf, writer_counts.clone()))
                        .await
                    {
                        Some(emptied) => {
                            writer_counts.written.fetch_add(n, Ordering::Relaxed);
                            emptied
                        }
                        None => {
                            tracing::error!(entries = n, "access log entries not written: the server is stopping");
                            Vec::with_capacity(BATCH)
                        }
                    };
                    writer_counts.waiting.fetch_sub(n as usize, Ordering::Relaxed);
                    staged += n;
                }
                // A flush always settles: its caller is about to read the
                // log (entries staged by another process included).
                if !waiters.is_empty()
                    || (staged > 0 && (staged >= SETTLE_ROWS || (light && settled_at.elapsed() >= SETTLE_AFTER)))
                {
                    let store = store.clone();
                    runner.run(behind, async move { settle(&store).await }).await;
                    staged = 0;
                    settled_at = Instant::now();
                }
                for w in waiters {
                    let _ = w.send(());
                }
            }
            settle(&store).await;
        };
        match background {
            Some(h) => drop(h.spawn(writer)),
            None => drop(tokio::spawn(writer)),
        }
        AccessLogger {
            tx,
            counts,
            fail_closed_after_ms: config.access_log_fail_closed_after.as_millis() as i64,
        }
    }

    /// Whether records must not be opened now: the writer has been failing
    /// too long, or too many entries wait.
    pub(crate) fn refuses(&self) -> bool {
        let since = self.counts.failing_since_ms.load(Ordering::Relaxed);
        self.counts.waiting.load(Ordering::Relaxed) >= HOLD_LIMIT
            || (since != 0 && now_ms() - since >= self.fail_closed_after_ms)
    }

    fn log(&self, e: AccessEntry) {
        self.counts.waiting.fetch_add(1, Ordering::Relaxed);
        if self.tx.send(Msg::Entry(e)).is_err() {
            self.counts.waiting.fetch_sub(1, Ordering::Relaxed);
            tracing::error!("access log writer has stopped");
        }
    }

    pub(crate) fn counts(&self) -> AccessLogCounts {
        AccessLogCounts {
            waiting: self.counts.waiting.load(Ordering::Relaxed),
            written: self.counts.written.load(Ordering::Relaxed),
        }
    }

    pub(crate) async fn flush(&self) {
        let (tx, rx) = oneshot::channel();
        if self.tx.send(Msg::Flush(tx)).is_ok() {
            let _ = rx.await;
        }
    }
}

/// Appends `buf` to the log (staged on SQLite) and hands it back emptied.
/// A refused commit is tried again, backing off, until it is written: a
/// busy SQLite writer or a restarting PostgreSQL must not lose the record of
/// access. While it fails, `counts` says since when (see
/// [`AccessLogger::refuses`]).
async fn append(store: Store, mut buf: Vec<AccessEntry>, counts: Arc<Counts>) -> Vec<AccessEntry> {
    let mut tries: u32 = 0;
    while let Err(e) = store.append_access(&buf).await {
        tries += 1;
        if tries == 1 {
            counts.failing_since_ms.store(now_ms(), Ordering::Relaxed);
        }
        if tries <= 5 || tries.is_multiple_of(30) {
            tracing::error!(error = %e, entries = buf.len(), tries, "writing access log failed; trying again");
        }
        tokio::time::sleep((Duration::from_millis(100) * tries).min(RETRY_AT_MOST)).await;
    }
    if tries > 0 {
        counts.failing_since_ms.store(0, Ordering::Relaxed);
        tracing::info!(entries = buf.len(), tries, "access log written again");
    }
    buf.clear();
    buf
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
    /// Shared with the read cache.
    pub facts: Arc<StudentFacts>,
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
        resource: &'static str,
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
        if self.access.refuses() {
            return Err(AppError::Unavailable("the access log cannot be written".into()));
        }
        self.access.log(AccessEntry {
            student_id,
            at: now_ms(),
            actor_id: actor.user_id,
            actor_role: actor.log_role().into(),
            basis: basis.as_str().into(),
            action: action.log_name().into(),
            resource: resource.into(),
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

#[cfg(test)]
mod tests {
    use super::Runner;

    fn runtime(name: &str) -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name(name)
            .enable_all()
            .build()
            .unwrap()
    }

    fn thread_name() -> String {
        std::thread::current().name().unwrap_or_default().to_string()
    }

    /// The writer's work stays on its own (background) runtime while it
    /// keeps up, and moves to the foreground runtime once it is behind.
    #[test]
    fn work_moves_to_the_foreground_runtime_only_when_behind() {
        let fg = runtime("fg-test");
        let bg = runtime("bg-test");
        let runner = Runner {
            foreground: Some(fg.handle().clone()),
        };
        let (keeping_up, behind) = bg.block_on(async {
            bg_spawned(async move {
                let a = runner.run(false, async { thread_name() }).await;
                let b = runner.run(true, async { thread_name() }).await;
                (a, b)
            })
            .await
        });
        assert_eq!(keeping_up.as_deref(), Some("bg-test"));
        assert_eq!(behind.as_deref(), Some("fg-test"));
        bg.shutdown_background();
        fg.shutdown_background();
    }

    /// Runs `f` on a worker of the current runtime (block_on runs on the
    /// test's own thread).
    async fn bg_spawned<T: Send + 'static>(f: impl std::future::Future<Output = T> + Send + 'static) -> T {
        tokio::spawn(f).await.unwrap()
    }

    /// Without a foreground runtime (commands that build an App without a
    /// server) everything runs where the writer runs.
    #[test]
    fn without_a_foreground_runtime_work_stays_put() {
        let bg = runtime("bg-only");
        let runner = Runner { foreground: None };
        let name = bg.block_on(bg_spawned(
            async move { runner.run(true, async { thread_name() }).await },
        ));
        assert_eq!(name.as_deref(), Some("bg-only"));
        bg.shutdown_background();
    }
}
