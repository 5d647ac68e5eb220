//! Waypoint's readers for exchange formats and reference data. Pure: no database, no HTTP,
//! no async.
//!
//! - [`oneroster`]: OneRoster 1.1 and 1.2 CSV packages (a folder or a zip) parsed into a
//!   validated, normalized [`oneroster::Package`], or a [`oneroster::Report`] of every problem
//!   with file, line and field. Applying a package to the database (identity matching,
//!   updates, deletions) is the application layer's job; this crate only reads.
//! - [`onet`]: the O*NET database's text release (occupations, interests, job zones,
//!   education, titles, related occupations, work values) into an [`onet::Release`].
//! - [`bls`]: the BLS Employment Projections occupation table into [`bls::Projections`], and
//!   the rule that joins it to O*NET occupations.
//! - [`clusters`]: a career clusters and pathways crosswalk (Advance CTE's framework, O*NET
//!   OnLine's older one, or a state's own) into a [`clusters::Crosswalk`].
//!
//! The reference-data readers share [`reference::Report`]: every problem with file, line,
//! field and a machine code.

#![warn(missing_docs)]

pub mod bls;
pub mod clusters;
pub mod oneroster;
pub mod onet;
pub mod reference;
mod table;
