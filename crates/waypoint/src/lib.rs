//! The `waypoint` binary's library half: starting the server, the demo
//! and the synthetic-data loader, so that integration tests start exactly
//! what `waypoint serve` starts.

pub mod careers;
pub mod demo;
pub mod import;
pub mod record;
pub mod rollover;
pub mod sched;
pub mod seed;
pub mod server;
pub mod synth_oneroster;
