//! What one page costs the server, in-process (no sockets, no wrk): the
//! student home and a counselor's caseload page, through the real router,
//! middleware, read cache and access log. Run through `bash bench/pages.sh`
//! (release build; see BENCHMARKS.md).
//!
//! Seeds `STUDENTS` synthetic students (default 100,000) into a fresh SQLite
//! file, opens sessions for `PEOPLE` random students and every school
//! counselor, warms the read cache with one pass over the targets, then per
//! page kind sends `ROUNDS` requests in each of `BATCHES` batches on one
//! thread, each to a random target, and prints per request: the median
//! batch's wall time, the process's CPU time (every thread: the access-log
//! writer's commits and settles are part of a page's cost), and the heap
//! allocations and bytes allocated. Allocations are counted exactly, so
//! they show a change's effect where the machine's noise hides it in
//! timings. `PAGES=student` (or `caseload`) measures one kind; `PAUSE=N`
//! waits N seconds before measuring, to attach a profiler (`perf record -p`).

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use std::alloc::{GlobalAlloc, Layout};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tower::ServiceExt;
use waypoint_app::{App, AppConfig};
use waypoint_store::{Store, params};

/// Counts every allocation on its way to mimalloc (the server's allocator).
struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is passed on unchanged to mimalloc, which upholds
// GlobalAlloc's contract; the counters are plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(l.size() as u64, Ordering::Relaxed);
        // SAFETY: same layout, passed through.
        unsafe { mimalloc::MiMalloc.alloc(l) }
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(l.size() as u64, Ordering::Relaxed);
        // SAFETY: same layout, passed through.
        unsafe { mimalloc::MiMalloc.alloc_zeroed(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        // SAFETY: `p` came from this allocator with this layout.
        unsafe { mimalloc::MiMalloc.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        // SAFETY: `p` came from this allocator with layout `l`.
        unsafe { mimalloc::MiMalloc.realloc(p, l, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// CPU time of the whole process (user + system, every thread).
fn process_cpu() -> Duration {
    // SAFETY: getrusage fills the struct it is given; a zeroed rusage is a
    // valid value of it.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF with a valid pointer to a rusage.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// One request: the cookies a browser sends back, and the path.
struct Target {
    cookie: String,
    path: String,
}

fn main() -> anyhow::Result<()> {
    // Like the server: a multi-threaded runtime (the access-log writer and
    // SQLite's blocking calls run beside the requests), driven from one
    // thread that sends one request at a time.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let dir = std::env::temp_dir().join(format!("waypoint-pages-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = rt.block_on(run(&dir));
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn run(dir: &std::path::Path) -> anyhow::Result<()> {
    let students = env_usize("STUDENTS", 100_000);
    let people = env_usize("PEOPLE", 1_000);
    let rounds = env_usize("ROUNDS", 2_000).max(1);
    let batches = env_usize("BATCHES", 10).max(1);
    let only = std::env::var("PAGES").unwrap_or_default();
    let pause = env_usize("PAUSE", 0);

    let store = Store::open(&dir.join("pages.sqlite3").to_string_lossy()).await?;
    let started = Instant::now();
    let data = waypoint_synth::Dataset::generate(&waypoint_synth::Config::new(students, 1));
    // Nobody signs in with a password here: sessions are opened directly.
    let hash = waypoint_app::auth::hash_password("unused-in-this-benchmark".into()).await?;
    let opts = waypoint::seed::SeedOptions::default();
    waypoint::seed::load(&store, &data, &hash, &Default::default(), &opts, false).await?;
    println!("seeded {students} students in {:.1}s", started.elapsed().as_secs_f64());

    let (student_targets, caseload_targets) = targets(&store, people).await?;
    println!(
        "targets: {} student homes, {} caseload pages",
        student_targets.len(),
        caseload_targets.len()
    );

    let app = App::new(store.clone(), AppConfig::default());
    app.spawn_background();
    let state = waypoint_web::AppState::new(waypoint_web::Shared {
        app: app.clone(),
        web: Arc::new(waypoint_web::WebConfig::default()),
        metrics: None,
    });
    let router = waypoint_web::router(state);

    println!(
        "{:>9} {:>10} {:>10} {:>12} {:>12} {:>9} {:>12}",
        "page", "wall_us", "cpu_us", "allocs/req", "bytes/req", "body_B", "cache_misses"
    );
    for (name, targets) in [("student", &student_targets), ("caseload", &caseload_targets)] {
        if !only.is_empty() && !only.split(',').any(|p| p == name) {
            continue;
        }
        // Warm: every target once (fills the read cache and kept parts),
        // after the store has read the change counter once (until then
        // the read cache is not used).
        tokio::time::sleep(Duration::from_millis(600)).await;
        let mut body_len = 0;
        for t in targets.iter() {
            body_len = send(&router, t).await?;
        }
        app.flush_access_log().await;
        if pause > 0 {
            // Time to attach a profiler to the measured requests alone.
            eprintln!("pid {}: measuring {name} pages in {pause} s", std::process::id());
            tokio::time::sleep(Duration::from_secs(pause as u64)).await;
        }
        let misses0 = store.cache_stats().misses;
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut rows = Vec::with_capacity(batches);
        for _ in 0..batches {
            let (a0, b0) = (ALLOCS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
            let cpu0 = process_cpu();
            let t0 = Instant::now();
            for _ in 0..rounds {
                let t = &targets[rng.below(targets.len())];
                send(&router, t).await?;
            }
            let wall = t0.elapsed();
            let cpu = process_cpu() - cpu0;
            let (a1, b1) = (ALLOCS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
            let n = rounds as f64;
            rows.push((
                wall.as_secs_f64() * 1e6 / n,
                cpu.as_secs_f64() * 1e6 / n,
                (a1 - a0) as f64 / n,
                (b1 - b0) as f64 / n,
            ));
        }
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        let m = rows[rows.len() / 2];
        let misses = store.cache_stats().misses - misses0;
        println!(
            "{name:>9} {:>10.1} {:>10.1} {:>12.1} {:>12.0} {body_len:>9} {misses:>12}",
            m.0, m.1, m.2, m.3
        );
    }
    app.flush_access_log().await;
    store.db().close().await;
    Ok(())
}

/// Sends one request and reads the whole answer; anything but 200 stops the run.
async fn send(router: &axum::Router, t: &Target) -> anyhow::Result<usize> {
    let mut req = Request::get(&t.path)
        .header(header::COOKIE, &t.cookie)
        .header(header::HOST, "127.0.0.1")
        .body(Body::empty())?;
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40_000))));
    let resp = router.clone().oneshot(req).await?;
    anyhow::ensure!(resp.status() == StatusCode::OK, "{} answered {}", t.path, resp.status());
    let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await?;
    Ok(body.len())
}

/// Student homes of `people` random active students; four random pages of
/// their school's list for every school counselor. Sessions are stored
/// directly (no argon2 sign-ins).
async fn targets(store: &Store, people: usize) -> anyhow::Result<(Vec<Target>, Vec<Target>)> {
    let db = store.db();
    let mut rng = Rng(42);
    let mut session = |user: i64| -> (String, i64) {
        let token = waypoint_app::auth::random_token(32);
        let csrf = format!("{:016x}{:016x}{:016x}", rng.next(), rng.next(), rng.next());
        (format!("wp_lang=en; wp_session={token}; wp_csrf={csrf}",), user)
    };
    let mut students = Vec::new();
    let rows = db
        .query(
            "SELECT student_id FROM students WHERE status = 'active' ORDER BY student_id",
            params![],
        )
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.i64(0)).collect::<Result<_, _>>()?;
    let step = (ids.len() / people.max(1)).max(1);
    let mut sessions = Vec::new();
    for id in ids.iter().step_by(step).take(people) {
        let (cookie, user) = session(*id);
        sessions.push((cookie.clone(), user));
        students.push(Target {
            cookie,
            path: format!("/students/{id}"),
        });
    }
    let rows = db
        .query(
            "SELECT DISTINCT g.user_id, g.org_id, (SELECT COUNT(*) FROM students s WHERE s.school_id = g.org_id)
             FROM role_grants g JOIN orgs o ON o.org_id = g.org_id
             WHERE g.role = 'counselor' AND o.kind = 'school' ORDER BY g.user_id",
            params![],
        )
        .await?;
    let mut caseloads = Vec::new();
    let mut pick = Rng(7);
    let mut seen = std::collections::HashSet::new();
    for r in &rows {
        let user = r.i64(0)?;
        if !seen.insert(user) {
            continue;
        }
        let pages = (r.i64(2)? as usize).div_ceil(25).max(1);
        let (cookie, _) = session(user);
        sessions.push((cookie.clone(), user));
        for _ in 0..4 {
            caseloads.push(Target {
                cookie: cookie.clone(),
                path: format!("/staff?view=school&page={}", pick.below(pages) + 1),
            });
        }
    }
    for (cookie, user) in &sessions {
        let token = cookie
            .split("; ")
            .find_map(|kv| kv.strip_prefix("wp_session="))
            .unwrap_or_default();
        store
            .create_session(
                &waypoint_app::auth::token_hash(token),
                waypoint_domain::UserId(*user),
                None,
            )
            .await?;
    }
    Ok((students, caseloads))
}

/// xorshift64*: reproducible target order without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
