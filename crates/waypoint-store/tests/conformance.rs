//! The store conformance suite.
//!
//! Every test here runs unchanged against both backends: by default each
//! test gets a fresh, migrated SQLite file; with `WAYPOINT_TEST_DATABASE_URL`
//! set to a PostgreSQL admin URL each test gets a database of its own.
//!
//! ```text
//! cargo test -p waypoint-store
//! WAYPOINT_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres cargo test -p waypoint-store
//! ```

#[path = "conformance/common.rs"]
mod common;

#[path = "conformance/assessments.rs"]
mod assessments;
#[path = "conformance/cache.rs"]
mod cache;
#[path = "conformance/careers.rs"]
mod careers;
#[path = "conformance/concurrency.rs"]
mod concurrency;
#[path = "conformance/db.rs"]
mod db;
#[path = "conformance/groups.rs"]
mod groups;
#[path = "conformance/logs.rs"]
mod logs;
#[path = "conformance/orgs.rs"]
mod orgs;
#[path = "conformance/people.rs"]
mod people;
#[path = "conformance/record.rs"]
mod record;
#[path = "conformance/reports.rs"]
mod reports;
#[path = "conformance/rollover.rs"]
mod rollover;
#[path = "conformance/saved_careers.rs"]
mod saved_careers;
#[path = "conformance/security.rs"]
mod security;
#[path = "conformance/students.rs"]
mod students;
