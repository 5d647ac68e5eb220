//! Waypoint's domain layer: pure types and rules.
//!
//! Nothing here performs IO or knows about HTTP or SQL. The authorization
//! policy ([`authz`]) lives here so that it can be tested as a table of
//! pure decisions and so that every entry path (web, import, CLI) asks the
//! same question the same way.

pub mod assessment;
pub mod authz;
pub mod careers;
pub mod id;
pub mod matching;
pub mod org;
pub mod password;
pub mod people;
pub mod suppress;
pub mod validate;

pub use id::{AttemptId, GroupId, OrgId, SchoolYearId, UserId, new_id};
