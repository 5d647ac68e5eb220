//! `waypoint`: the one binary.

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use waypoint::{careers, demo, import, record, rollover, seed, server, synth_oneroster};
use waypoint_app::{AppConfig, auth};
use waypoint_domain::people::{AccountKind, Role};
use waypoint_domain::{UserId, password};
use waypoint_store::Store;
use waypoint_store::people::NewUser;
use waypoint_web::WebConfig;

/// Waypoint: college and career planning for grades 6 through 12 and beyond.
#[derive(Parser)]
#[command(name = "waypoint", version, about)]
struct Cli {
    /// Log as JSON lines instead of readable text.
    #[arg(long, global = true, env = "WAYPOINT_LOG_JSON")]
    log_json: bool,
    #[command(subcommand)]
    command: Command,
}

/// Where the data lives.
#[derive(clap::Args, Clone)]
struct DbArgs {
    /// `postgres://user:pass@host/db`, or a SQLite file path.
    #[arg(
        long,
        global = true,
        env = "WAYPOINT_DATABASE_URL",
        default_value = "data/waypoint.sqlite3"
    )]
    database_url: String,
}

/// How the server is reached.
#[derive(clap::Args, Clone)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "WAYPOINT_HOST", default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on.
    #[arg(long, env = "WAYPOINT_PORT", default_value_t = 8080)]
    port: u16,
    /// The address users reach Waypoint at (for links in e-mail).
    #[arg(long, env = "WAYPOINT_PUBLIC_URL")]
    public_url: Option<String>,
    /// Served over HTTPS (behind a TLS proxy): secure cookies and HSTS.
    #[arg(long, env = "WAYPOINT_SECURE")]
    secure: bool,
    /// Trust X-Forwarded-For from the proxy in front.
    #[arg(long, env = "WAYPOINT_TRUST_PROXY")]
    trust_proxy: bool,
    /// SMTP server for outgoing mail, e.g. `smtps://user:pass@mail.example.org`.
    #[arg(long, env = "WAYPOINT_SMTP_URL")]
    smtp_url: Option<String>,
    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "WAYPOINT_MAIL_FROM",
        default_value = "Waypoint <no-reply@waypoint.invalid>"
    )]
    mail_from: String,
    /// Minutes of inactivity after which a session ends.
    #[arg(long, env = "WAYPOINT_SESSION_IDLE_MINUTES", default_value_t = 60)]
    session_idle_minutes: i64,
    /// Hours after sign-in after which a session ends regardless.
    #[arg(long, env = "WAYPOINT_SESSION_HOURS", default_value_t = 12)]
    session_hours: i64,
    /// A directory of assessment instruments (`*.toml`, docs/instruments.md)
    /// to offer besides the built-in ones; checked at start-up. A file with
    /// a built-in instrument's id replaces it.
    #[arg(long, env = "WAYPOINT_INSTRUMENTS_DIR")]
    instruments_dir: Option<PathBuf>,
    /// A request thread that has run this many microseconds since it last
    /// gave way offers the processor to other waiting threads before its
    /// next request, which keeps slow answers under load rare (BENCHMARKS.md);
    /// 0 turns this off.
    #[arg(long, env = "WAYPOINT_YIELD_AFTER_US", default_value_t = YIELD_AFTER_US)]
    yield_after_us: u64,
    /// Seconds the database may refuse the access log's writes before
    /// student records are refused (503) rather than read without their
    /// access being written; entries wait in memory meanwhile.
    #[arg(long, env = "WAYPOINT_ACCESS_LOG_FAIL_CLOSED_SECS", default_value_t = 10)]
    access_log_fail_closed_secs: u64,
}

/// `--yield-after-us` unless set: the period measured in BENCHMARKS.md.
const YIELD_AFTER_US: u64 = 200;

/// Request threads' turns ([`waypoint_web::turns`]) from `--yield-after-us`.
fn turns(yield_after_us: u64) -> waypoint_web::turns::Turns {
    waypoint_web::turns::Turns {
        after: (yield_after_us > 0).then(|| std::time::Duration::from_micros(yield_after_us)),
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server.
    Serve {
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        serve: ServeArgs,
    },
    /// Apply database migrations and exit.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Run a demo: a local SQLite file with synthetic people, and a sign-in
    /// for every role.
    Demo {
        /// Port to listen on (127.0.0.1 only).
        #[arg(long, env = "WAYPOINT_PORT", default_value_t = 8080)]
        port: u16,
        /// Where to keep the demo's SQLite file.
        #[arg(long, default_value = "data/demo")]
        data_dir: PathBuf,
        /// How many synthetic students.
        #[arg(long, default_value_t = 1200)]
        students: usize,
        /// A directory of extra assessment instruments, as for `serve`.
        #[arg(long, env = "WAYPOINT_INSTRUMENTS_DIR")]
        instruments_dir: Option<PathBuf>,
    },
    /// Load synthetic data at scale.
    Seed {
        #[command(flatten)]
        db: DbArgs,
        /// How many students.
        #[arg(long)]
        students: usize,
        /// Random seed: the same seed gives the same people.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Password of every seeded account (synthetic data only).
        #[arg(long, env = "WAYPOINT_SEED_PASSWORD", default_value = demo::DEMO_PASSWORD)]
        password: String,
        /// Also give seven students in ten a finished interest inventory
        /// (synthetic answers), for reports and career matches at scale.
        #[arg(long)]
        with_interests: bool,
    },
    /// Write synthetic data files (no database).
    Synth {
        #[command(subcommand)]
        what: SynthWhat,
    },
    /// Import data in a standard format.
    Import {
        #[command(flatten)]
        db: DbArgs,
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export data in a standard format.
    Export {
        #[command(flatten)]
        db: DbArgs,
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Close a district's school year and start the next: every student
    /// moves up a grade, grade 8 to high school, grade 12 to alumni.
    Rollover {
        #[command(flatten)]
        db: DbArgs,
        /// Code of the district.
        #[arg(long)]
        district: String,
        /// Username of the district or state administrator doing it (it is
        /// recorded in the audit log).
        #[arg(long = "as")]
        as_user: String,
        /// The year to start, e.g. 2027-2028 (default: the year after the
        /// current one). Running it again for the same year changes nothing.
        #[arg(long)]
        to_year: Option<String>,
        /// Its first day, YYYY-MM-DD, if it must be created (default: the
        /// current year's first day, a year later).
        #[arg(long)]
        starts: Option<String>,
        /// Its last day, YYYY-MM-DD, if it must be created.
        #[arg(long)]
        ends: Option<String>,
    },
    /// Create or reset an account from the command line.
    User {
        #[command(flatten)]
        db: DbArgs,
        #[command(subcommand)]
        action: UserAction,
    },
}

#[derive(Subcommand)]
enum SynthWhat {
    /// A OneRoster 1.2 bulk CSV package of synthetic students, their
    /// guardians, schools, staff, classes and class places (for
    /// `waypoint import oneroster` and bench/import.sh).
    Oneroster {
        /// How many students (users.csv also holds their guardians and the
        /// schools' staff: about 1.9 users per student).
        #[arg(long)]
        students: usize,
        /// Random seed: the same seed gives the same package.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Class places per student (1-10: six full-year courses, then two
        /// semester electives a term).
        #[arg(long, default_value_t = 10)]
        classes_per_student: usize,
        /// The folder to write the CSV files into (created if missing).
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// A OneRoster 1.1 or 1.2 CSV package (a folder or a .zip), all or nothing.
    Oneroster {
        /// The package: a folder holding manifest.csv and the other files, or a zip of them.
        path: PathBuf,
        /// Code of the district (or the state) whose roster this is.
        #[arg(long)]
        source: String,
        /// Username of the district or state administrator running the import
        /// (it is recorded in the audit and access logs).
        #[arg(long = "as")]
        as_user: String,
    },
    /// A student's portable record (a JSON file exported by a Waypoint), for
    /// a transferring student: merged into the student with the same state
    /// student id, or a new student at the school. All or nothing.
    Record {
        /// The record file.
        file: PathBuf,
        /// Code of the school the student joins.
        #[arg(long)]
        school: String,
        /// Username of an administrator of that school (recorded in the
        /// audit and access logs).
        #[arg(long = "as")]
        as_user: String,
    },
    /// The O*NET database's text release (a folder: Occupation Data, Interests, Job Zones,
    /// Education, Training, and Experience with its Categories, Alternate Titles, Sample of
    /// Reported Titles, and Related Occupations and Work Values when present). Replaces the
    /// stored release whole, all or nothing.
    Onet {
        /// The release's folder (the unzipped text download, or text written from the Excel release).
        dir: PathBuf,
        /// The release's version, e.g. 29.3, if the folder has no Read Me.txt.
        #[arg(long)]
        release: Option<String>,
        /// When it was published, e.g. "May 2025", if the folder has no Read Me.txt.
        #[arg(long)]
        published: Option<String>,
        /// Who the attribution names as having modified the data (O*NET's license asks for it).
        #[arg(long, default_value = careers::DEFAULT_MODIFIED_BY)]
        modified_by: String,
    },
    /// The BLS Employment Projections occupation table (Table 1.2, saved as CSV or
    /// tab-delimited text). Replaces the stored projections whole, all or nothing.
    Bls {
        /// The table's file.
        file: PathBuf,
    },
    /// A career clusters and pathways crosswalk (SOC or O*NET-SOC code, Career Cluster,
    /// Sub-Cluster or Career Pathway). Replaces that framework's clusters, all or nothing.
    Clusters {
        /// The crosswalk's file (CSV or tab-delimited).
        file: PathBuf,
        /// A short key for the framework, e.g. advance-cte; importing it again replaces it.
        #[arg(long)]
        framework: String,
        /// Its title, e.g. "National Career Clusters Framework".
        #[arg(long)]
        title: Option<String>,
        /// Its version or date.
        #[arg(long)]
        release: Option<String>,
        /// Who publishes it (shown with the data).
        #[arg(long)]
        publisher: String,
        /// Its license or terms of use.
        #[arg(long)]
        license: Option<String>,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// A student's portable record: everything Waypoint holds about them,
    /// as JSON (the schema is schemas/portable-record-v2.schema.json).
    Record {
        /// The student's state student id.
        #[arg(long)]
        state_id: String,
        /// Username of the person exporting: the student, a guardian of a
        /// minor, or a counselor or administrator of the student's school or
        /// district (recorded in the access log).
        #[arg(long = "as")]
        as_user: String,
        /// Where to write the record (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// This Waypoint's public address, written into the record as its issuer.
        #[arg(long, env = "WAYPOINT_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
        public_url: String,
    },
}

#[derive(Subcommand)]
enum UserAction {
    /// Create a staff or guardian account, optionally with a role.
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        given_name: String,
        #[arg(long)]
        family_name: String,
        #[arg(long)]
        email: Option<String>,
        /// staff or guardian.
        #[arg(long, default_value = "staff")]
        kind: String,
        /// Role to grant (state_admin, district_admin, school_admin, counselor, …).
        #[arg(long)]
        role: Option<String>,
        /// Code of the organisation the role is at (the state's, a district's or a school's).
        #[arg(long)]
        org: Option<String>,
        /// The password; read from WAYPOINT_NEW_PASSWORD, or generated and printed.
        #[arg(long, env = "WAYPOINT_NEW_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Set a new, generated password for an account and print it.
    ResetPassword {
        #[arg(long)]
        username: String,
    },
}

fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("WAYPOINT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// mimalloc: faster than glibc's malloc for the many small allocations of
/// rendering a page, and it hands argon2's 19 MiB buffers back to the
/// system, where glibc kept them in per-thread arenas (a server that
/// signed in 1,401 people stayed at 1 GB; BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    // A bounded blocking pool: with Tokio's default of 512 threads, 64
    // connections grew it to hundreds of threads and a third of the time
    // went to switching between them (BENCHMARKS.md).
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(64)
        .build()
        .context("starting the runtime")?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_logging(cli.log_json);
    match cli.command {
        Command::Serve { db, serve } => {
            // Bad instrument files stop start-up before anything else.
            let instruments = load_instruments(serve.instruments_dir.as_deref())?;
            let store = Store::open(&db.database_url)
                .await
                .with_context(|| format!("opening {}", db.database_url))?;
            let bind: SocketAddr = format!("{}:{}", serve.host, serve.port)
                .parse()
                .context("bad --host/--port")?;
            let public_url = serve.public_url.clone().unwrap_or_else(|| format!("http://{bind}"));
            let app = AppConfig {
                session_idle_minutes: serve.session_idle_minutes,
                session_absolute_hours: serve.session_hours,
                public_url,
                demo: false,
                smtp_url: serve.smtp_url,
                mail_from: serve.mail_from,
                instruments,
                background: None,
                access_log_fail_closed_after: std::time::Duration::from_secs(serve.access_log_fail_closed_secs),
            };
            let web = WebConfig {
                secure: serve.secure,
                trust_proxy: serve.trust_proxy,
                turns: turns(serve.yield_after_us),
            };
            server::serve_until_signal(store, app, web, bind).await
        }
        Command::Migrate { db } => {
            let store = Store::connect(&db.database_url)
                .await
                .with_context(|| format!("opening {}", db.database_url))?;
            let applied = waypoint_store::migrate::run(store.db()).await?;
            println!("applied {} migration(s): {applied:?}", applied.len());
            Ok(())
        }
        Command::Demo {
            port,
            data_dir,
            students,
            instruments_dir,
        } => run_demo(port, data_dir, students, load_instruments(instruments_dir.as_deref())?).await,
        Command::Seed {
            db,
            students,
            seed: s,
            password: pw,
            with_interests,
        } => {
            let store = Store::open(&db.database_url)
                .await
                .with_context(|| format!("opening {}", db.database_url))?;
            let data = waypoint_synth::Dataset::generate(&waypoint_synth::Config::new(students, s));
            let hash = auth::hash_password(pw).await?;
            let start = std::time::Instant::now();
            let opts = seed::SeedOptions {
                interests: with_interests
                    .then(|| {
                        waypoint_app::assessments::Instruments::built_in()
                            .get(waypoint_app::assessments::INTERESTS)
                            .cloned()
                    })
                    .flatten(),
            };
            let r = seed::load(&store, &data, &hash, &Default::default(), &opts, true).await?;
            println!(
                "seeded {} students ({} with an interest inventory), {} guardians, {} staff, {} schools, {} districts in {:.1}s",
                r.students,
                r.attempts,
                r.guardians,
                r.staff,
                r.schools,
                r.districts,
                start.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Synth {
            what:
                SynthWhat::Oneroster {
                    students,
                    seed: s,
                    classes_per_student,
                    out,
                },
        } => synth_oneroster_command(students, s, classes_per_student, out).await,
        Command::Import { db, what } => {
            let store = Store::open(&db.database_url)
                .await
                .with_context(|| format!("opening {}", db.database_url))?;
            match what {
                ImportWhat::Oneroster { path, source, as_user } => {
                    import::oneroster(store, &path, &source, &as_user).await
                }
                ImportWhat::Record { file, school, as_user } => record::import(store, &file, &school, &as_user).await,
                ImportWhat::Onet {
                    dir,
                    release,
                    published,
                    modified_by,
                } => {
                    let opts = careers::OnetOptions {
                        release,
                        published,
                        modified_by: Some(modified_by),
                    };
                    careers::import_onet(&store, &dir, &opts).await
                }
                ImportWhat::Bls { file } => careers::import_bls(&store, &file).await,
                ImportWhat::Clusters {
                    file,
                    framework,
                    title,
                    release,
                    publisher,
                    license,
                } => {
                    let opts = careers::ClusterOptions {
                        framework,
                        title,
                        release,
                        publisher,
                        license,
                    };
                    careers::import_clusters(&store, &file, &opts).await
                }
            }
        }
        Command::Export { db, what } => {
            let store = Store::open(&db.database_url)
                .await
                .with_context(|| format!("opening {}", db.database_url))?;
            match what {
                ExportWhat::Record {
                    state_id,
                    as_user,
                    out,
                    public_url,
                } => record::export(store, &state_id, &as_user, out.as_deref(), &public_url).await,
            }
        }
        Command::Rollover {
            db,
            district,
            as_user,
            to_year,
            starts,
            ends,
        } => {
            let store = Store::open(&db.database_url)
                .await
                .with_context(|| format!("opening {}", db.database_url))?;
            let form = waypoint_app::rollover::RolloverForm {
                to_year: to_year.unwrap_or_default(),
                starts_on: starts.unwrap_or_default(),
                ends_on: ends.unwrap_or_default(),
            };
            rollover::run(store, &district, &as_user, form).await
        }
        Command::User { db, action } => {
            let store = Store::open(&db.database_url)
                .await
                .with_context(|| format!("opening {}", db.database_url))?;
            user_command(&store, action).await
        }
    }
}

async fn synth_oneroster_command(
    students: usize,
    seed: u64,
    classes_per_student: usize,
    out: PathBuf,
) -> anyhow::Result<()> {
    if !(1..=synth_oneroster::MAX_CLASSES_PER_STUDENT).contains(&classes_per_student) {
        bail!(
            "--classes-per-student must be 1 to {}",
            synth_oneroster::MAX_CLASSES_PER_STUDENT
        );
    }
    let opts = synth_oneroster::Options {
        students,
        seed,
        classes_per_student,
        out: out.clone(),
    };
    let start = std::time::Instant::now();
    let written = tokio::task::spawn_blocking(move || {
        let bar = indicatif::ProgressBar::new(2 * students as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg:>9} [{elapsed_precise}] {wide_bar} {pos}/{len}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let r = synth_oneroster::write(&opts, |phase, n| {
            bar.set_message(phase.to_string());
            bar.set_position(if phase == "counting" { n } else { students + n } as u64);
        });
        bar.finish_and_clear();
        r
    })
    .await
    .context("the generator failed")?
    .with_context(|| format!("writing {}", out.display()))?;
    println!(
        "wrote {} in {:.1}s: {} users ({} students, {} guardians, {} staff), {} organisations, {} courses, \
         {} classes, {} enrolments, {:.1} MB",
        out.display(),
        start.elapsed().as_secs_f64(),
        written.users(),
        written.students,
        written.guardians,
        written.staff,
        written.orgs,
        written.courses,
        written.classes,
        written.enrollments,
        written.bytes as f64 / 1e6
    );
    Ok(())
}

/// The built-in instruments, plus those in `dir` when given (every file
/// checked: a bad one is an error naming the file and each problem).
fn load_instruments(
    dir: Option<&std::path::Path>,
) -> anyhow::Result<std::sync::Arc<waypoint_app::assessments::Instruments>> {
    let Some(dir) = dir else {
        return Ok(waypoint_app::assessments::Instruments::built_in());
    };
    let loaded = waypoint_app::assessments::Instruments::load(dir)?;
    tracing::info!(
        dir = %dir.display(),
        instruments = loaded.all().count(),
        "assessment instruments loaded"
    );
    Ok(std::sync::Arc::new(loaded))
}

async fn run_demo(
    port: u16,
    data_dir: PathBuf,
    students: usize,
    instruments: std::sync::Arc<waypoint_app::assessments::Instruments>,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(&data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
    let file = data_dir.join("waypoint-demo.sqlite3");
    let url = file.display().to_string();
    let store = Store::open(&url).await.with_context(|| format!("opening {url}"))?;
    let data = waypoint_synth::Dataset::generate(&waypoint_synth::Config {
        students,
        seed: 2026,
        districts: Some(2),
    });
    let (renames, accounts) = demo::pick_accounts(&data);
    if store.login_lookup("state.admin").await?.is_none() {
        eprintln!("Creating demo data ({students} synthetic students) in {url} …");
        let hash = auth::hash_password(demo::DEMO_PASSWORD.to_string()).await?;
        // Seven synthetic students in ten (not the named demo accounts, which
        // start with no survey) get a finished interest inventory, so that the
        // school reports and career matches have something to show.
        let opts = seed::SeedOptions {
            interests: instruments.get(waypoint_app::assessments::INTERESTS).cloned(),
        };
        let r = seed::load(&store, &data, &hash, &renames, &opts, true).await?;
        eprintln!("{} synthetic students have a finished interest inventory", r.attempts);
    } else {
        eprintln!("Reusing the demo data in {url}");
    }
    match careers::load_for_demo(&store).await? {
        careers::DemoCareers::Kept => {}
        careers::DemoCareers::Shared => eprintln!(
            "Loaded O*NET, BLS and career clusters from {}",
            careers::shared_data_dir().display()
        ),
        careers::DemoCareers::Sample => eprintln!(
            "No careers data at {} (set WAYPOINT_DATA_DIR): loaded the synthetic sample instead",
            careers::shared_data_dir().display()
        ),
    }
    let bind: SocketAddr = ([127, 0, 0, 1], port).into();
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    let addr = listener.local_addr()?;
    let app = AppConfig {
        public_url: format!("http://{addr}"),
        demo: true,
        instruments,
        ..Default::default()
    };
    let running = server::start(
        store.clone(),
        app,
        WebConfig {
            turns: turns(YIELD_AFTER_US),
            ..WebConfig::default()
        },
        listener,
    )
    .await?;
    println!();
    println!("Waypoint demo is running. Sign in at http://{addr}/login");
    println!("Every demo account's password is: {}", demo::DEMO_PASSWORD);
    for a in &accounts {
        let district = if a.district == 0 {
            "state".to_string()
        } else {
            format!("district {}", a.district)
        };
        println!("  {:<16} {:<18} ({district})", a.username, a.role);
    }
    println!("Press Ctrl-C to stop.");
    server::shutdown_signal().await;
    running.stop().await;
    store.db().close().await;
    Ok(())
}

async fn user_command(store: &Store, action: UserAction) -> anyhow::Result<()> {
    match action {
        UserAction::Create {
            username,
            given_name,
            family_name,
            email,
            kind,
            role,
            org,
            password: pw,
        } => {
            let kind = match kind.as_str() {
                "staff" => AccountKind::Staff,
                "guardian" => AccountKind::Guardian,
                other => bail!("--kind must be staff or guardian, not {other:?} (students come from rostering)"),
            };
            let mut errors = waypoint_domain::validate::FieldErrors::new();
            let username = waypoint_domain::validate::username(&mut errors, "username", &username);
            let email = waypoint_domain::validate::optional_email(&mut errors, "email", email.as_deref().unwrap_or(""));
            if !errors.is_empty() {
                bail!(
                    "invalid: {:?}",
                    errors
                        .0
                        .iter()
                        .map(|e| format!("{}: {}", e.field, e.key))
                        .collect::<Vec<_>>()
                );
            }
            let (pw, generated) = match pw {
                Some(p) => (p, false),
                None => (auth::passphrase(), true),
            };
            if let Err(p) = password::check(&pw, &username) {
                bail!("password refused: {}", p.key());
            }
            let grant = match (role, org) {
                (Some(r), Some(code)) => {
                    let role = Role::parse(&r).with_context(|| format!("unknown role {r:?}"))?;
                    let mut found = None;
                    for k in [
                        waypoint_domain::org::OrgKind::State,
                        waypoint_domain::org::OrgKind::District,
                        waypoint_domain::org::OrgKind::School,
                    ] {
                        if let Some(o) = store.org_by_code(k, &code).await? {
                            found = Some(o);
                            break;
                        }
                    }
                    let org = match found {
                        Some(o) => o,
                        None if role == Role::StateAdmin => {
                            store
                                .create_org(waypoint_domain::org::OrgKind::State, None, "State", &code, None)
                                .await?
                        }
                        None => bail!("no organisation has the code {code:?}"),
                    };
                    Some((role, org))
                }
                (None, None) => None,
                _ => bail!("--role and --org go together"),
            };
            let user_id = UserId::generate();
            store
                .create_user(&NewUser {
                    user_id,
                    kind,
                    username: username.clone(),
                    email,
                    password_hash: Some(auth::hash_password(pw.clone()).await?),
                    given_name,
                    family_name,
                    locale: "en".into(),
                })
                .await
                .context("creating the account (is the username or e-mail taken?)")?;
            if let Some((role, org)) = grant {
                store.add_grant(user_id, org.org_id, role, None).await?;
                store
                    .audit(
                        None,
                        Some(org.org_id),
                        "grant_role",
                        &user_id.to_string(),
                        role.as_str(),
                    )
                    .await?;
            }
            println!("created {username} ({user_id})");
            if generated {
                println!("password: {pw}");
            }
            Ok(())
        }
        UserAction::ResetPassword { username } => {
            let login = store
                .login_lookup(&username)
                .await?
                .with_context(|| format!("no account {username:?}"))?;
            let pw = auth::passphrase();
            store
                .set_password_hash(login.user_id, &auth::hash_password(pw.clone()).await?)
                .await?;
            store.delete_user_sessions(login.user_id).await?;
            store.audit(None, None, "reset_password_cli", &username, "").await?;
            println!("new password for {username}: {pw}");
            Ok(())
        }
    }
}
