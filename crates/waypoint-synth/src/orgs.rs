//! The org tree (state, districts, schools) and the enrollment plan.
//!
//! Districts get a contiguous range of student seqs whose size varies around
//! `students / districts`. Each district has middle schools (grades 6-8, about
//! 600 students each) and high schools (grades 9-12, about 1,200 each), at
//! least one of each. Within a district every household lives in an
//! attendance "zone" that maps to one middle and one high school in
//! proportion to the schools' planned sizes.

use rand::Rng;
use rand::seq::SliceRandom;

use crate::model::{Org, OrgKind};
use crate::names::{DISTRICT_SUFFIXES, PLACE_FIRST, PLACE_SECOND, SCHOOL_NAMESAKES};
use crate::rng::{SynthRng, weighted};

/// Students per district when the district count is derived.
const STUDENTS_PER_DISTRICT: f64 = 25_000.0;
/// Planned enrollment of a middle school.
const MIDDLE_SCHOOL_SIZE: f64 = 600.0;
/// Planned enrollment of a high school.
const HIGH_SCHOOL_SIZE: f64 = 1_200.0;
/// Share of grade 6-12 students in grades 6-8.
const MIDDLE_SHARE: f64 = 3.0 / 7.0;
/// Zone values are `u32`s; cumulative bounds are scaled to `2^32`.
const ZONE_SPAN: f64 = 4_294_967_296.0;

/// The schools of one level (middle or high) in a district.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LevelPlan {
    /// School indices (into `Plan::schools`).
    pub schools: Vec<usize>,
    /// Exclusive upper zone bound of each school, scaled to `2^32`; the last is `2^32`.
    pub zone_bounds: Vec<u64>,
}

impl LevelPlan {
    /// Position (in `schools`) of the school serving `zone`.
    pub(crate) fn position_for(&self, zone: u32) -> usize {
        let pos = self.zone_bounds.partition_point(|&b| b <= u64::from(zone));
        pos.min(self.schools.len() - 1)
    }
}

/// One district's share of students and its schools.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DistrictPlan {
    /// The district's org key.
    pub key: u32,
    /// Households whose first seq is below this bound (and at or above the
    /// previous district's bound) live in this district.
    pub seq_end: u64,
    /// Middle schools (grades 6-8).
    pub middle: LevelPlan,
    /// High schools (grades 9-12).
    pub high: LevelPlan,
}

/// One school, as the student generator needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SchoolPlan {
    /// The school's org key.
    pub key: u32,
    /// Staff keys holding the Mentor role at this school (never empty).
    pub mentors: Vec<u32>,
}

/// Everything the lazy student generator needs, shared via `Arc`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Number of students to generate.
    pub students: u64,
    /// The dataset seed.
    pub seed: u64,
    /// Districts, in key order.
    pub districts: Vec<DistrictPlan>,
    /// Schools, in key order (index = key - first school key).
    pub schools: Vec<SchoolPlan>,
}

/// The generated orgs plus the planned enrollment of every school.
pub(crate) struct OrgTree {
    pub state: Org,
    pub districts: Vec<Org>,
    pub schools: Vec<Org>,
    /// Planned students per school (same order as `schools`), for staffing.
    pub expected: Vec<f64>,
    /// The plan, with empty mentor lists (filled in by staffing).
    pub plan: Plan,
}

/// The district count: configured (at least 1) or one per ~25,000 students (at least 2).
pub(crate) fn district_count(students: usize, configured: Option<usize>) -> usize {
    match configured {
        Some(n) => n.max(1),
        None => ((students as f64 / STUDENTS_PER_DISTRICT).round() as usize).max(2),
    }
}

/// Builds the state, districts, schools and the enrollment plan.
pub(crate) fn build(rng: &mut SynthRng, students: usize, seed: u64, n_districts: usize) -> OrgTree {
    let state = Org {
        key: 0,
        kind: OrgKind::State,
        parent_key: None,
        name: "State of Example".to_string(),
        code: "EX".to_string(),
        low_grade: None,
        high_grade: None,
    };
    let sizes = district_sizes(rng, students, n_districts);
    let mut district_names = place_names(rng);
    let mut middle_names = school_names(rng);
    let mut high_names = school_names(rng);
    let first_school_key = 1 + n_districts as u32;
    let mut tree = OrgTree {
        state,
        districts: Vec::with_capacity(n_districts),
        schools: Vec::new(),
        expected: Vec::new(),
        plan: Plan {
            students: students as u64,
            seed,
            districts: Vec::new(),
            schools: Vec::new(),
        },
    };
    let mut seq_start = 0u64;
    for (d, &size) in sizes.iter().enumerate() {
        let key = 1 + d as u32;
        let suffix = weighted(rng, &district_suffix_weights());
        let name = format!("{} {}", district_names.next_name(), suffix);
        tree.districts.push(district_org(key, name));
        let middle_spec = LevelSpec {
            district_key: key,
            first_school_key,
            students: size as f64 * MIDDLE_SHARE,
            per_school: MIDDLE_SCHOOL_SIZE,
            low_grade: 6,
            high_grade: 8,
            label: "Middle School",
        };
        let high_spec = LevelSpec {
            students: size as f64 * (1.0 - MIDDLE_SHARE),
            per_school: HIGH_SCHOOL_SIZE,
            low_grade: 9,
            high_grade: 12,
            label: "High School",
            ..middle_spec
        };
        let middle = add_level(rng, &mut tree, &middle_spec, &mut middle_names);
        let high = add_level(rng, &mut tree, &high_spec, &mut high_names);
        seq_start += size;
        tree.plan.districts.push(DistrictPlan {
            key,
            seq_end: seq_start,
            middle,
            high,
        });
    }
    tree
}

/// Splits `students` over `n` districts with sizes varying ±40% around the mean.
fn district_sizes(rng: &mut SynthRng, students: usize, n: usize) -> Vec<u64> {
    let weights: Vec<f64> = (0..n).map(|_| rng.random_range(0.6..1.4)).collect();
    let total: f64 = weights.iter().sum();
    let mut sizes = Vec::with_capacity(n);
    let mut cum = 0.0;
    let mut prev_end = 0u64;
    for (i, w) in weights.iter().enumerate() {
        cum += w;
        let end = if i + 1 == n {
            students as u64
        } else {
            ((students as f64) * cum / total).round() as u64
        };
        sizes.push(end - prev_end);
        prev_end = end;
    }
    sizes
}

/// Number of schools for `students` planned students at `per_school` each (at least 1).
fn level_count(students: f64, per_school: f64) -> usize {
    ((students / per_school).round() as usize).max(1)
}

/// Weights of the district name suffixes.
fn district_suffix_weights() -> Vec<(&'static str, f64)> {
    let weights = [0.45, 0.2, 0.15, 0.08, 0.07, 0.05];
    DISTRICT_SUFFIXES.iter().copied().zip(weights).collect()
}

/// The org record of a district.
fn district_org(key: u32, name: String) -> Org {
    Org {
        key,
        kind: OrgKind::District,
        parent_key: Some(0),
        name,
        code: format!("D{key:04}"),
        low_grade: None,
        high_grade: None,
    }
}

/// What to build for one school level of one district.
struct LevelSpec<'a> {
    district_key: u32,
    /// Key of the first school in the dataset (schools follow the districts).
    first_school_key: u32,
    /// Planned students in this level of the district.
    students: f64,
    /// Planned students per school.
    per_school: f64,
    low_grade: u8,
    high_grade: u8,
    /// "Middle School" or "High School".
    label: &'a str,
}

/// Adds the schools of one level to the tree and returns the level plan.
fn add_level(rng: &mut SynthRng, tree: &mut OrgTree, spec: &LevelSpec, names: &mut NamePool) -> LevelPlan {
    let count = level_count(spec.students, spec.per_school);
    let weights: Vec<f64> = (0..count).map(|_| rng.random_range(0.7..1.3)).collect();
    let total: f64 = weights.iter().sum();
    let mut level = LevelPlan {
        schools: Vec::with_capacity(count),
        zone_bounds: Vec::with_capacity(count),
    };
    let mut cum = 0.0;
    for (i, w) in weights.iter().enumerate() {
        cum += w;
        let index = tree.schools.len();
        let key = spec.first_school_key + index as u32;
        tree.schools.push(Org {
            key,
            kind: OrgKind::School,
            parent_key: Some(spec.district_key),
            name: format!("{} {}", names.next_name(), spec.label),
            code: format!("S{:06}", index + 1),
            low_grade: Some(spec.low_grade),
            high_grade: Some(spec.high_grade),
        });
        tree.expected.push(spec.students * w / total);
        tree.plan.schools.push(SchoolPlan {
            key,
            mentors: Vec::new(),
        });
        level.schools.push(index);
        let bound = if i + 1 == count {
            ZONE_SPAN
        } else {
            (ZONE_SPAN * cum / total).floor()
        };
        level.zone_bounds.push(bound as u64);
    }
    level
}

/// A shuffled list of distinct names, numbered once exhausted.
pub(crate) struct NamePool {
    names: Vec<String>,
    next: usize,
}

impl NamePool {
    /// The next name; after the list runs out names repeat with " 2", " 3"...
    pub(crate) fn next_name(&mut self) -> String {
        let i = self.next;
        self.next += 1;
        let base = &self.names[i % self.names.len()];
        match i / self.names.len() {
            0 => base.clone(),
            round => format!("{base} {}", round + 1),
        }
    }
}

/// Two-word place names such as "Cedar Valley", shuffled.
fn place_names(rng: &mut SynthRng) -> NamePool {
    let mut names: Vec<String> = PLACE_FIRST
        .iter()
        .flat_map(|a| {
            PLACE_SECOND
                .iter()
                .filter(move |b| *b != a)
                .map(move |b| format!("{a} {b}"))
        })
        .collect();
    names.shuffle(rng);
    NamePool { names, next: 0 }
}

/// School name stems, shuffled: each namesake ("Lincoln") is followed by two
/// place names ("Cedar Ridge"), then the remaining place names.
fn school_names(rng: &mut SynthRng) -> NamePool {
    let mut namesakes: Vec<String> = SCHOOL_NAMESAKES.iter().map(|s| s.to_string()).collect();
    namesakes.shuffle(rng);
    let mut places = place_names(rng).names.into_iter();
    let mut names = Vec::new();
    for namesake in namesakes {
        names.push(namesake);
        names.extend(places.by_ref().take(2));
    }
    names.extend(places);
    NamePool { names, next: 0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Stream, stream};

    #[test]
    fn counts_scale_with_students() {
        assert_eq!(district_count(0, None), 2);
        assert_eq!(district_count(1_000_000, None), 40);
        assert_eq!(district_count(10, Some(0)), 1);
        let mut rng = stream(3, Stream::Orgs);
        let tree = build(&mut rng, 1_000_000, 3, 40);
        assert_eq!(tree.districts.len(), 40);
        let middle = tree.schools.iter().filter(|s| s.low_grade == Some(6)).count();
        let high = tree.schools.len() - middle;
        assert!((650..=780).contains(&middle), "{middle}");
        assert!((430..=520).contains(&high), "{high}");
        assert_eq!(tree.plan.districts.last().unwrap().seq_end, 1_000_000);
        let names: std::collections::HashSet<_> = tree.schools.iter().map(|s| &s.name).collect();
        assert_eq!(names.len(), tree.schools.len(), "school names are distinct");
    }

    #[test]
    fn zones_cover_every_school() {
        let mut rng = stream(4, Stream::Orgs);
        let tree = build(&mut rng, 100_000, 4, 2);
        for d in &tree.plan.districts {
            assert_eq!(d.middle.position_for(0), 0);
            assert_eq!(d.middle.position_for(u32::MAX), d.middle.schools.len() - 1);
            assert_eq!(d.high.position_for(u32::MAX), d.high.schools.len() - 1);
        }
    }
}
