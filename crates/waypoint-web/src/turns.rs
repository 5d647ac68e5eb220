//! Request threads take turns with the rest of the machine.
//!
//! A request thread that always has another request waiting never sleeps, so
//! the operating system treats it as a long-running job: a thread that wakes
//! up on a busy core (the other request thread, the access log's writer, a
//! database process, a client on the same machine) waits for the running one's
//! time slice to end, a millisecond or more. Those waits are what a page's
//! 99th-percentile time is made of under load (BENCHMARKS.md, issue 2).
//!
//! So a request thread that has run for a while without giving way offers the
//! processor to whatever else is waiting, between two requests, before it
//! starts the next one: `sched_yield`, which returns at once when nothing else
//! is waiting. "A while" is [`Turns::after`] (`--yield-after-us`); never
//! offering is `None`. `/metrics` counts the offers
//! (`http_request_thread_yields_total`).

use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    /// When this thread last gave way.
    static LAST: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// How often request threads give way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Turns {
    /// Give way before a request once this long has passed since the thread last did; `None`:
    /// never.
    pub after: Option<Duration>,
}

impl Turns {
    /// Called at the start of every request: gives way if it is this thread's turn to.
    pub fn take(self, now: Instant) {
        let Some(after) = self.after else { return };
        if due(LAST.get(), now, after) {
            std::thread::yield_now();
            LAST.set(Some(Instant::now()));
            metrics::counter!("http_request_thread_yields_total").increment(1);
        }
    }
}

/// Whether a thread that last gave way at `last` (never: `None`) gives way at `now`.
fn due(last: Option<Instant>, now: Instant, after: Duration) -> bool {
    last.is_none_or(|last| now.saturating_duration_since(last) >= after)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AFTER: Duration = Duration::from_micros(500);

    #[test]
    fn a_thread_that_never_gave_way_gives_way() {
        assert!(due(None, Instant::now(), AFTER));
    }

    #[test]
    fn a_thread_gives_way_once_per_period() {
        let last = Instant::now();
        assert!(!due(Some(last), last, AFTER));
        assert!(!due(Some(last), last + Duration::from_micros(499), AFTER));
        assert!(due(Some(last), last + AFTER, AFTER));
        assert!(due(Some(last), last + Duration::from_millis(3), AFTER));
    }

    #[test]
    fn a_zero_period_gives_way_before_every_request() {
        let last = Instant::now();
        assert!(due(Some(last), last, Duration::ZERO));
    }

    #[test]
    fn a_clock_read_before_the_last_turn_is_not_a_turn() {
        // `now` is read before the middleware runs; another request on the thread may have given
        // way after that.
        let now = Instant::now();
        assert!(!due(Some(now + Duration::from_micros(10)), now, AFTER));
    }

    #[test]
    fn taking_a_turn_records_it_on_this_thread_only() {
        let turns = Turns {
            after: Some(Duration::from_secs(3600)),
        };
        std::thread::spawn(move || {
            assert_eq!(LAST.get(), None);
            let before = Instant::now();
            turns.take(before);
            let first = LAST.get().expect("the first request gives way");
            assert!(first >= before);
            turns.take(Instant::now());
            assert_eq!(LAST.get(), Some(first), "not again within the hour");
        })
        .join()
        .unwrap();
        std::thread::spawn(|| assert_eq!(LAST.get(), None)).join().unwrap();
    }

    #[test]
    fn turned_off_it_never_gives_way() {
        std::thread::spawn(|| {
            Turns { after: None }.take(Instant::now());
            assert_eq!(LAST.get(), None);
        })
        .join()
        .unwrap();
    }
}
