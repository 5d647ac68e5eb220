//! Background work gives the processor to requests first.
//!
//! Writing the access log (its group commits and the settles into the
//! indexed log) is work no one waits for. On a busy machine it wakes up on
//! the same cores as the request threads and can take the processor from
//! them for a few milliseconds at a time. The server runs it on its own
//! small runtime whose threads have the lowest CPU priority (nice 19): they
//! run whenever a core is free, and give way to requests when none is.
//! When the log falls far behind, it is written at normal priority again
//! (`BEHIND` in waypoint-app's `access` module). BENCHMARKS.md has the
//! figures.

/// Lowers the calling thread's CPU priority to nice 19. Raising a nice
/// value needs no privilege; where the system refuses anyway, the thread
/// keeps its priority and the server works as before.
pub fn lowest_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: setpriority(PRIO_PROCESS, 0, 19) changes only the calling
        // thread on Linux (a thread is a process to the scheduler) and takes
        // no pointers.
        let r = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 19) };
        if r != 0 {
            tracing::debug!(error = %std::io::Error::last_os_error(), "could not lower a background thread's priority");
        }
    }
}

/// The runtime for background work: one worker thread, its blocking pool
/// bounded, every thread at the lowest priority.
pub fn background_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .max_blocking_threads(4)
        .thread_name("waypoint-background")
        .on_thread_start(lowest_priority)
        .enable_all()
        .build()
}
