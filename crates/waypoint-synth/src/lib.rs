//! Deterministic, entirely synthetic school-roster data for Waypoint demos
//! and load tests.
//!
//! The generator builds a plausible US-style roster: one state, districts
//! (about one per 25,000 students), middle schools (grades 6-8) and high
//! schools (grades 9-12), staff with roles, three school years, and students
//! in grades 6-12 grouped into households with their guardians. Names are
//! common names from many backgrounds combined at random; no record
//! describes a real person. Email addresses use `example.org`.
//!
//! Everything is pure computation: no IO, no clock, no global RNG. The same
//! [`Config`] always yields the same data.
//!
//! Orgs, staff and school years are small and built eagerly by
//! [`Dataset::generate`]. Students and guardians are streamed in
//! [`Household`] batches by [`Dataset::students`], so even 1,000,000
//! students never have to be held in memory at once.
//!
//! ```
//! use waypoint_synth::{Config, Dataset};
//!
//! let data = Dataset::generate(&Config::new(100, 42));
//! assert_eq!(data.students().map(|h| h.students.len()).sum::<usize>(), 100);
//! ```

mod dates;
mod model;
mod names;
mod orgs;
mod rng;
mod staff;
mod students;
mod years;

#[cfg(test)]
mod tests;

use std::sync::Arc;

pub use model::{Demographics, Enrollment, Guardian, Household, Org, OrgKind, SchoolYear, Staff, StaffRole, Student};
pub use students::StudentIter;

use orgs::Plan;
use rng::{Stream, stream};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Config {
    /// Number of students (seqs `0..students`).
    pub students: usize,
    /// Seed of every random choice; the same config gives the same data.
    pub seed: u64,
    /// Number of districts. `None` derives it: one per ~25,000 students, at
    /// least 2. `Some(0)` is treated as `Some(1)`.
    pub districts: Option<usize>,
}

impl Config {
    /// A config with a derived district count.
    pub fn new(students: usize, seed: u64) -> Config {
        Config {
            students,
            seed,
            districts: None,
        }
    }
}

/// A generated dataset: the org tree, staff and school years in memory, and
/// a lazy stream of students and guardians ([`Dataset::students`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dataset {
    /// The state (key 0).
    pub state: Org,
    /// Districts, keys `1..=districts.len()`.
    pub districts: Vec<Org>,
    /// Middle and high schools, keys following the districts, grouped by district.
    pub schools: Vec<Org>,
    /// Staff; `staff[i].key == i`.
    pub staff: Vec<Staff>,
    /// School years, oldest first; the last (`"2026-2027"`) is current.
    pub school_years: Vec<SchoolYear>,
    config: Config,
    plan: Arc<Plan>,
}

impl Dataset {
    /// Generates the orgs, staff and school years for `cfg`.
    ///
    /// This is cheap (staff number about 6% of the students: ~59,000 for
    /// 1,000,000 students); students are only produced when
    /// [`Dataset::students`] is iterated.
    pub fn generate(cfg: &Config) -> Dataset {
        let n_districts = orgs::district_count(cfg.students, cfg.districts);
        let mut tree = orgs::build(&mut stream(cfg.seed, Stream::Orgs), cfg.students, cfg.seed, n_districts);
        let staff = staff::build(&mut stream(cfg.seed, Stream::Staff), &mut tree);
        Dataset {
            state: tree.state,
            districts: tree.districts,
            schools: tree.schools,
            staff,
            school_years: years::school_years(),
            config: *cfg,
            plan: Arc::new(tree.plan),
        }
    }

    /// A fresh, lazy iterator over all households, in student-seq order.
    ///
    /// Each call starts again from seq 0 and yields the same households. The
    /// iterator owns what it needs (it is `Send + 'static`), so it can be moved
    /// to another thread; memory use stays constant however many students.
    pub fn students(&self) -> StudentIter {
        StudentIter::new(Arc::clone(&self.plan))
    }

    /// The config this dataset was generated from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The org with `key` (state, district or school), if any.
    pub fn org(&self, key: u32) -> Option<&Org> {
        let k = key as usize;
        let d = self.districts.len();
        match k {
            0 => Some(&self.state),
            _ if k <= d => self.districts.get(k - 1),
            _ => self.schools.get(k - 1 - d),
        }
    }

    /// All orgs: the state, then districts, then schools (key order).
    pub fn orgs(&self) -> impl Iterator<Item = &Org> {
        std::iter::once(&self.state).chain(&self.districts).chain(&self.schools)
    }
}
