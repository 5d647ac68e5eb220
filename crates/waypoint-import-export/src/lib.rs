//! Waypoint's readers for rostering exchange formats. Pure: no database, no HTTP, no async.
//!
//! - [`oneroster`]: OneRoster 1.1 and 1.2 CSV packages (a folder or a zip) parsed into a
//!   validated, normalized [`oneroster::Package`], or a [`oneroster::Report`] of every problem
//!   with file, line and field. Applying a package to the database (identity matching,
//!   updates, deletions) is the application layer's job; this crate only reads.

#![warn(missing_docs)]

pub mod oneroster;
