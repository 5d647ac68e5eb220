//! A read cache in front of the database, for the reads every page makes.
//!
//! Serving a page reads the same few things again and again: the session
//! and account behind the cookie, the facts the policy needs about a
//! student, the student's overview, a page of a caseload. Between two
//! writes those answers do not change, so the store keeps them in memory.
//!
//! **Correctness rule: a cached answer is only served while no write has
//! happened since it was read.** Every write through [`crate::Db`] (a
//! statement, a committed transaction, a bulk load) moves a generation
//! counter on after it commits, and an answer is stored with the generation
//! read *before* its query ran, so an answer that might predate a write is
//! never served. The few high-volume writes that no cached read depends on
//! (the access log, a session's idle clock, an import's progress) use the
//! `_quiet` variants and leave the cache alone.
//!
//! Other processes over the same database (a second server behind a load
//! balancer, `waypoint import` run beside `serve`) move a shared counter
//! (`data_changes`) after their writes; a server watches it
//! ([`crate::Store::watch_changes`]) and drops its cache when it moves, so
//! their writes are seen within one poll interval. While the counter cannot
//! be read, the cache is not used at all. Entries also expire after
//! [`MAX_AGE`], which bounds staleness if a process died between a commit
//! and moving the counter: each after a time drawn between three quarters
//! of it and all of it, so that answers stored together (a warm-up, the
//! first minute after a restart) do not all expire together and send a
//! burst of reads to the database (BENCHMARKS.md).

use quick_cache::sync::Cache;
use std::any::Any;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Counts for metrics.
#[derive(Clone, Copy, Debug)]
pub struct CacheStats {
    /// Answers served from memory.
    pub hits: u64,
    /// Reads that went to the database.
    pub misses: u64,
    /// Misses by kind of answer ([`Key::KINDS`] names them), to find
    /// which reads reach the database.
    pub misses_by_kind: [(&'static str, u64); Key::KINDS.len()],
    /// Times the data was marked changed.
    pub changes: u64,
    /// Answers held.
    pub entries: u64,
}
use std::time::{Duration, Instant};
use waypoint_domain::{GroupId, OrgId, UserId};

/// The longest an answer is served from memory.
pub const MAX_AGE: Duration = Duration::from_secs(60);

/// When an answer stored at `now` expires: between 3/4 of [`MAX_AGE`] and
/// all of it, drawn at random.
fn expiry(now: Instant) -> Instant {
    let spread = MAX_AGE.as_millis() as u64 / 4;
    now + MAX_AGE - Duration::from_millis(rand::random_range(0..spread))
}

/// How many answers are kept (each a few hundred bytes to a few KB).
const CAPACITY: usize = 50_000;

/// The generation of the data, moved on by every write.
#[derive(Debug)]
pub struct Changes {
    generation: AtomicU64,
    /// False while writes by other processes cannot be followed.
    trusted: AtomicBool,
}

impl Default for Changes {
    fn default() -> Self {
        Changes {
            generation: AtomicU64::new(1),
            trusted: AtomicBool::new(true),
        }
    }
}

impl Changes {
    /// Marks the data changed.
    pub fn bump(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The current generation, or `None` when the cache must not be used.
    pub fn current(&self) -> Option<u64> {
        if self.trusted.load(Ordering::Acquire) {
            Some(self.generation.load(Ordering::Acquire))
        } else {
            None
        }
    }

    /// Whether other processes' writes can be followed right now.
    pub fn set_trusted(&self, trusted: bool) {
        // Whatever was cached while blind may be stale: drop it.
        self.bump();
        self.trusted.store(trusted, Ordering::Release);
    }
}

/// What is cached.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    /// A session with its account and role grants, by session hash.
    Session(String),
    /// The policy's facts about a student on a day (Julian day number).
    Facts(UserId, i32),
    /// A student's overview.
    Overview(UserId),
    /// A page of a student list: scope kind, scope id, search, grade,
    /// page, page size.
    Students(u8, i64, String, Option<i64>, i64, i64),
    /// The advisory groups a staff member leads.
    GroupsLedBy(UserId),
    /// One advisory group.
    Group(GroupId),
    /// One organisation.
    Org(OrgId),
    /// A student's latest finished assessment attempt per instrument.
    FinishedAttempts(UserId),
    /// A student's saved careers.
    SavedCareers(UserId),
    /// One occupation with everything stored about it, by O*NET-SOC code.
    Occupation(String),
}

impl Key {
    /// The kinds of answer, as named in metrics.
    pub(crate) const KINDS: [&'static str; 10] = [
        "session",
        "facts",
        "overview",
        "students",
        "groups_led_by",
        "group",
        "org",
        "finished_attempts",
        "saved_careers",
        "occupation",
    ];

    fn kind(&self) -> usize {
        match self {
            Key::Session(_) => 0,
            Key::Facts(..) => 1,
            Key::Overview(_) => 2,
            Key::Students(..) => 3,
            Key::GroupsLedBy(_) => 4,
            Key::Group(_) => 5,
            Key::Org(_) => 6,
            Key::FinishedAttempts(_) => 7,
            Key::SavedCareers(_) => 8,
            Key::Occupation(_) => 9,
        }
    }
}

#[derive(Clone)]
struct Entry {
    generation: u64,
    expires: Instant,
    value: Arc<dyn Any + Send + Sync>,
}

/// The cache itself; cheap to share.
pub(crate) struct ReadCache {
    entries: Cache<Key, Entry>,
    changes: Arc<Changes>,
    hits: AtomicU64,
    misses: [AtomicU64; Key::KINDS.len()],
}

impl ReadCache {
    pub(crate) fn new(changes: Arc<Changes>) -> Self {
        ReadCache {
            entries: Cache::new(CAPACITY),
            changes,
            hits: AtomicU64::new(0),
            misses: Default::default(),
        }
    }

    /// The generation to tag an answer with: read before the query runs.
    pub(crate) fn generation(&self) -> Option<u64> {
        self.changes.current()
    }

    /// A cached answer still valid for the current generation.
    pub(crate) fn get<T: Clone + Send + Sync + 'static>(&self, key: &Key) -> Option<T> {
        let hit = self.lookup(key);
        let counter = if hit.is_some() {
            &self.hits
        } else {
            &self.misses[key.kind()]
        };
        counter.fetch_add(1, Ordering::Relaxed);
        hit
    }

    fn lookup<T: Clone + Send + Sync + 'static>(&self, key: &Key) -> Option<T> {
        let generation = self.changes.current()?;
        let e = self.entries.get(key)?;
        if e.generation != generation || Instant::now() > e.expires {
            return None;
        }
        e.value.downcast_ref::<T>().cloned()
    }

    pub(crate) fn stats(&self) -> CacheStats {
        let misses_by_kind = std::array::from_fn(|i| (Key::KINDS[i], self.misses[i].load(Ordering::Relaxed)));
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: misses_by_kind.iter().map(|(_, n)| n).sum(),
            misses_by_kind,
            changes: self.changes.generation.load(Ordering::Relaxed) - 1,
            entries: self.entries.len() as u64,
        }
    }

    /// Keeps an answer read at `generation`.
    pub(crate) fn put<T: Send + Sync + 'static>(&self, key: Key, generation: Option<u64>, value: T) {
        let Some(generation) = generation else { return };
        if self.changes.current() != Some(generation) {
            return;
        }
        self.entries.insert(
            key,
            Entry {
                generation,
                expires: expiry(Instant::now()),
                value: Arc::new(value),
            },
        );
    }

    /// How many answers are held, for metrics.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_stored_together_expire_spread_over_the_last_quarter_of_max_age() {
        let now = Instant::now();
        let times: Vec<Duration> = (0..1000).map(|_| expiry(now) - now).collect();
        let (min, max) = (times.iter().min().unwrap(), times.iter().max().unwrap());
        assert!(*min >= MAX_AGE * 3 / 4 && *max <= MAX_AGE, "{min:?}..{max:?}");
        assert!(*max - *min > MAX_AGE / 8, "spread out, not together: {min:?}..{max:?}");
    }
}
