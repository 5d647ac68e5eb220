//! Staff generation: one state admin, 1-2 admins per district, and per
//! school admins, counselors, a career coach (high schools), case managers
//! and mentor teachers sized by the school's planned enrollment.

use rand::Rng;

use crate::model::{Org, Staff, StaffRole};
use crate::names::{Background, NameSex, adult_given_name, family_name, slug};
use crate::orgs::OrgTree;
use crate::rng::{SynthRng, weighted};

/// Students per mentor teacher.
const STUDENTS_PER_MENTOR: f64 = 20.0;
/// Students per counselor.
const STUDENTS_PER_COUNSELOR: f64 = 250.0;
/// Share of counselors who also mentor a group of students.
const COUNSELOR_MENTOR_SHARE: f64 = 0.2;
/// Share of staff with an email address on record.
const STAFF_EMAIL_SHARE: f64 = 0.98;

/// Backgrounds of staff, roughly like the US teacher workforce.
const STAFF_BACKGROUNDS: [(Background, f64); 6] = [
    (Background::White, 0.70),
    (Background::Hispanic, 0.12),
    (Background::Black, 0.09),
    (Background::Asian, 0.05),
    (Background::NativeAmerican, 0.02),
    (Background::PacificIslander, 0.02),
];

/// Accumulates staff records with sequential keys.
struct StaffBuilder<'r> {
    rng: &'r mut SynthRng,
    staff: Vec<Staff>,
}

impl StaffBuilder<'_> {
    /// Adds one person with `roles`; `district_no` (1-based) goes into the
    /// username, `None` means state staff. Returns the new staff key.
    fn add(&mut self, district_no: Option<u32>, roles: Vec<(StaffRole, u32)>) -> u32 {
        let rng = &mut *self.rng;
        let key = self.staff.len() as u32;
        let bg = weighted(rng, &STAFF_BACKGROUNDS);
        let sex = weighted(
            rng,
            &[(NameSex::Female, 0.7), (NameSex::Male, 0.29), (NameSex::Neutral, 0.01)],
        );
        let given = adult_given_name(rng, bg, sex);
        let family = family_name(rng, bg);
        let initial: String = slug(given).chars().take(1).collect();
        let scope = district_no.map_or_else(|| "state".to_string(), |d| format!("d{d}"));
        let username = format!("{initial}{}.{scope}.{key}", slug(family));
        let email = rng
            .random_bool(STAFF_EMAIL_SHARE)
            .then(|| format!("{username}@staff.example.org"));
        self.staff.push(Staff {
            key,
            given_name: given.to_string(),
            family_name: family.to_string(),
            username,
            email,
            roles,
        });
        key
    }

    /// Adds `n` people who each hold the single `role` at `org`.
    fn add_many(&mut self, n: usize, district_no: u32, role: StaffRole, org: u32) -> Vec<u32> {
        (0..n).map(|_| self.add(Some(district_no), vec![(role, org)])).collect()
    }
}

/// Generates all staff and fills in each school's mentor list in `tree.plan`.
pub(crate) fn build(rng: &mut SynthRng, tree: &mut OrgTree) -> Vec<Staff> {
    let mut b = StaffBuilder { rng, staff: Vec::new() };
    b.add(None, vec![(StaffRole::StateAdmin, tree.state.key)]);
    for (d, district) in tree.districts.iter().enumerate() {
        let district_no = d as u32 + 1;
        let admins = 1 + usize::from(b.rng.random_bool(0.5));
        b.add_many(admins, district_no, StaffRole::DistrictAdmin, district.key);
        for (s, school) in tree.schools.iter().enumerate() {
            if school.parent_key == Some(district.key) {
                let mentors = staff_school(&mut b, district_no, school, tree.expected[s]);
                tree.plan.schools[s].mentors = mentors;
            }
        }
    }
    b.staff
}

/// Staffs one school with `expected` planned students; returns its mentors' keys.
fn staff_school(b: &mut StaffBuilder, district_no: u32, school: &Org, expected: f64) -> Vec<u32> {
    let key = school.key;
    let is_high = school.low_grade.is_some_and(|g| g >= 9);
    let admins = 1 + usize::from(expected >= 700.0);
    b.add_many(admins, district_no, StaffRole::SchoolAdmin, key);
    let counselors = ((expected / STUDENTS_PER_COUNSELOR).round() as usize).max(1);
    let mut mentors = Vec::new();
    for _ in 0..counselors {
        let mut roles = vec![(StaffRole::Counselor, key)];
        let also_mentor = b.rng.random_bool(COUNSELOR_MENTOR_SHARE);
        if also_mentor {
            roles.push((StaffRole::Mentor, key));
        }
        let staff_key = b.add(Some(district_no), roles);
        if also_mentor {
            mentors.push(staff_key);
        }
    }
    if is_high {
        b.add_many(1, district_no, StaffRole::CareerCoach, key);
    }
    let case_managers = 1 + usize::from(expected >= 800.0);
    b.add_many(case_managers, district_no, StaffRole::CaseManager, key);
    let teachers = ((expected / STUDENTS_PER_MENTOR).ceil() as usize).max(1);
    mentors.extend(b.add_many(teachers, district_no, StaffRole::Mentor, key));
    mentors
}
