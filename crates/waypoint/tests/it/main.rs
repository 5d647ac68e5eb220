//! Integration tests: the real server on a random port over a fresh
//! database (SQLite, or PostgreSQL when `WAYPOINT_TEST_DATABASE_URL` is
//! set), driven over HTTP.

mod assessments;
mod careers;
mod flows;
mod harness;
mod matches;
mod matrix;
mod record;
mod rollover;
mod roster;
mod roster_web;
mod seed;
mod staff;
