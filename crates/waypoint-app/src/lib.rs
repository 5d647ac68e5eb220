//! Waypoint's application layer: the use cases.
//!
//! Every entry path (web, CLI, importers, jobs) calls these functions.
//! Each takes the acting person ([`Actor`]) first, asks the policy in
//! `waypoint_domain::authz`, reads or writes through the store, and records
//! the access in the access log (student records) or the audit log (admin
//! changes). Nothing else in Waypoint decides who may see what.

pub mod access;
pub mod admin;
pub mod assessments;
pub mod auth;
pub mod careers;
pub mod error;
pub mod mail;
pub mod matches;
pub mod record;
pub mod reports;
pub mod rollover;
pub mod roster;
pub mod roster_runs;
pub mod students;

use std::sync::Arc;
use waypoint_store::Store;

pub use error::AppError;
pub use waypoint_domain::people::Actor;

/// Settings the use cases need.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// Sessions end after this long without a request.
    pub session_idle_minutes: i64,
    /// Sessions end this long after sign-in, whatever happens.
    pub session_absolute_hours: i64,
    /// The address users reach Waypoint at, for links in mail.
    pub public_url: String,
    /// Demo mode: mail goes to the log, demo passwords are allowed.
    pub demo: bool,
    /// SMTP server for outgoing mail (`smtp://user:pass@host:port`), if any.
    pub smtp_url: Option<String>,
    /// The sender address of outgoing mail.
    pub mail_from: String,
    /// The assessment instruments on offer: the built-in ones, plus any
    /// loaded from an operator's directory at start-up.
    pub instruments: Arc<assessments::Instruments>,
    /// Where work no request waits for runs (the access log's writes): a
    /// runtime whose threads give way to requests. `None`: the runtime
    /// that builds the [`App`].
    pub background: Option<tokio::runtime::Handle>,
    /// How long the access log may go unwritten (its commits failing)
    /// before student records are refused rather than read unlogged.
    pub access_log_fail_closed_after: std::time::Duration,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            session_idle_minutes: 60,
            session_absolute_hours: 12,
            public_url: "http://127.0.0.1:8080".into(),
            demo: false,
            smtp_url: None,
            mail_from: "Waypoint <no-reply@waypoint.invalid>".into(),
            instruments: assessments::Instruments::built_in(),
            background: None,
            access_log_fail_closed_after: std::time::Duration::from_secs(10),
        }
    }
}

/// The application: the store plus the access-log writer.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub config: Arc<AppConfig>,
    access: access::AccessLogger,
    /// The careers catalog, built on first use (see [`careers`]).
    careers: Arc<careers::Careers>,
}

impl App {
    /// Builds the application and starts its access-log writer.
    pub fn new(store: Store, config: AppConfig) -> App {
        let access = access::AccessLogger::start(store.clone(), &config);
        App {
            store,
            config: Arc::new(config),
            access,
            careers: Arc::default(),
        }
    }

    /// Writes every access-log entry still in memory; called at shutdown
    /// and by tests before they read the log.
    pub async fn flush_access_log(&self) {
        self.access.flush().await;
    }

    /// Whether student records are being refused because the access log
    /// cannot be written (`/readyz`, `/metrics`).
    pub fn access_log_refusing(&self) -> bool {
        self.access.refuses()
    }

    /// Entries of the access log waiting in memory, and written since the start (`/metrics`).
    pub fn access_log_counts(&self) -> access::AccessLogCounts {
        self.access.counts()
    }
}

/// Today's date in UTC.
pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}
