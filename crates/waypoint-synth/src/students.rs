//! Lazy, deterministic generation of households (students and guardians).
//!
//! [`StudentIter`] walks the student seqs `0..students` in order, one
//! household at a time, drawing from a single ChaCha8 stream. It holds only
//! the shared plan (orgs and mentor lists) plus a few counters, so memory use
//! does not grow with the number of students.

use std::sync::Arc;

use rand::Rng;

use crate::dates::{days_from_civil, iso};
use crate::model::{Demographics, Enrollment, Guardian, Household, Student};
use crate::names::{Background, NameSex, adult_given_name, child_given_name, family_name, pick, slug};
use crate::orgs::Plan;
use crate::rng::{Stream, SynthRng, mix64, stream, weighted};
use crate::years::{CURRENT_START_YEAR, PAST_YEARS, year_end, year_name, year_start};

/// Race/ethnicity codes with US public-school shares; `None` marks two or more races.
const RACES: [(&str, Option<Background>, f64); 7] = [
    ("hispanic_latino", Some(Background::Hispanic), 0.28),
    ("white", Some(Background::White), 0.45),
    ("black_african_american", Some(Background::Black), 0.15),
    ("asian", Some(Background::Asian), 0.05),
    ("two_or_more", None, 0.04),
    ("american_indian_alaska_native", Some(Background::NativeAmerican), 0.01),
    (
        "native_hawaiian_pacific_islander",
        Some(Background::PacificIslander),
        0.005,
    ),
];

/// Backgrounds combined in multiracial (non-Hispanic) households.
const MULTIRACIAL_PARTS: [(Background, f64); 5] = [
    (Background::White, 0.45),
    (Background::Black, 0.25),
    (Background::Asian, 0.15),
    (Background::NativeAmerican, 0.10),
    (Background::PacificIslander, 0.05),
];

/// Household sizes (students) and their weights: mean ~1.54 students.
const HOUSEHOLD_SIZES: [(usize, f64); 3] = [(1, 0.58), (2, 0.30), (3, 0.12)];
/// Share of households where the guardians prefer Spanish, for Hispanic households.
const SPANISH_HOME_SHARE: f64 = 0.40;
/// Share of households experiencing homelessness.
const HOMELESS_SHARE: f64 = 0.02;
/// Share of households of foster children.
const FOSTER_SHARE: f64 = 0.005;
/// Low-income share among households that are neither homeless nor foster
/// (both of which always qualify): ~45% overall.
const LOW_INCOME_BASE_SHARE: f64 = 0.44;
/// Share of military-connected households.
const MILITARY_SHARE: f64 = 0.03;
/// Share of students with an IEP.
const IEP_SHARE: f64 = 0.15;
/// Share of all students with a Section 504 plan (never together with an IEP).
const SECTION_504_SHARE: f64 = 0.04;
/// Share of households that moved to a different school in the last two years.
/// Grade 6 students have no earlier year and some moves predate a student's
/// first year here, so ~10.2% of households gives ~8% of students.
const MOVE_SHARE: f64 = 0.102;
/// Share of students one year older than on-time for their grade.
const OLDER_FOR_GRADE_SHARE: f64 = 0.13;
/// Share of siblings born together with the previous sibling.
const TWIN_SHARE: f64 = 0.03;
/// Share of siblings with a different family name (half- or step-siblings).
const OTHER_FAMILY_NAME_SHARE: f64 = 0.08;
/// Share of grade 9-12 students with a school email address.
const HIGH_SCHOOL_EMAIL_SHARE: f64 = 0.6;
/// Share of guardians with an email address on record.
const GUARDIAN_EMAIL_SHARE: f64 = 0.88;
/// Share of students with an advisory teacher.
const ADVISORY_SHARE: f64 = 0.95;
/// Share of students with a second mentor.
const SECOND_MENTOR_SHARE: f64 = 0.15;
/// Multiplier of the affine permutation behind state student ids (coprime with 9e9).
const STATE_ID_MULTIPLIER: u128 = 2_654_435_761;
/// Number of distinct 10-digit ids (1_000_000_000..=9_999_999_999).
const STATE_ID_SPACE: u128 = 9_000_000_000;

/// Where a household lives: a district and a school position per level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Residence {
    district: usize,
    middle: usize,
    high: usize,
}

/// Traits shared by everyone in a household.
#[derive(Clone, Debug)]
struct Profile {
    race: &'static str,
    /// Name backgrounds; both equal unless the household is multiracial.
    backgrounds: [Background; 2],
    spanish_home: bool,
    low_income: bool,
    homeless: bool,
    foster: bool,
    military: bool,
    family: &'static str,
    home: Residence,
    /// `(years_ago, old_home)`: the household lived at `old_home` up to and
    /// including the school year `years_ago` years before the current one.
    moved: Option<(u8, Residence)>,
}

/// A student before seqs are assigned.
struct Draft {
    grade: u8,
    birth: i32,
}

/// An iterator over the households of a dataset, in seq order.
///
/// Created by [`crate::Dataset::students`]. Every student seq in
/// `0..students` appears exactly once, in increasing order; the output depends
/// only on the dataset's [`crate::Config`].
#[derive(Clone, Debug)]
pub struct StudentIter {
    plan: Arc<Plan>,
    rng: SynthRng,
    next_seq: u64,
    district: usize,
    guardians_made: u64,
    id_offset: u128,
}

impl StudentIter {
    /// Starts the household stream of `plan`.
    pub(crate) fn new(plan: Arc<Plan>) -> StudentIter {
        let rng = stream(plan.seed, Stream::Students);
        let id_offset = u128::from(mix64(plan.seed)) % STATE_ID_SPACE;
        StudentIter {
            plan,
            rng,
            next_seq: 0,
            district: 0,
            guardians_made: 0,
            id_offset,
        }
    }

    /// Students not yet yielded.
    fn remaining(&self) -> u64 {
        self.plan.students - self.next_seq
    }

    /// The district of the household starting at `next_seq`.
    fn current_district(&mut self) -> usize {
        let districts = &self.plan.districts;
        while self.district + 1 < districts.len() && self.next_seq >= districts[self.district].seq_end {
            self.district += 1;
        }
        self.district
    }

    /// Generates the next household.
    fn household(&mut self) -> Household {
        let district = self.current_district();
        let size = weighted(&mut self.rng, &HOUSEHOLD_SIZES).min(self.remaining() as usize);
        let profile = self.profile(district);
        let drafts = self.drafts(size);
        let students: Vec<Student> = drafts.iter().map(|d| self.student(&profile, d)).collect();
        let guardians = self.guardians(&profile, &students);
        Household { students, guardians }
    }

    /// Draws the household's shared traits.
    fn profile(&mut self, district: usize) -> Profile {
        let rng = &mut self.rng;
        let (race, bg) = weighted(rng, &RACES.map(|(code, bg, w)| ((code, bg), w)));
        let backgrounds = match bg {
            Some(bg) => [bg, bg],
            None => two_backgrounds(rng),
        };
        let spanish_home = bg == Some(Background::Hispanic) && rng.random_bool(SPANISH_HOME_SHARE);
        let homeless = rng.random_bool(HOMELESS_SHARE);
        let foster = rng.random_bool(FOSTER_SHARE);
        let low_income = homeless || foster || rng.random_bool(LOW_INCOME_BASE_SHARE);
        let military = rng.random_bool(MILITARY_SHARE);
        let family = {
            let bg = pick(rng, &backgrounds);
            family_name(rng, bg)
        };
        let home = self.residence_in(district);
        let moved = if self.rng.random_bool(MOVE_SHARE) {
            self.old_home(home)
        } else {
            None
        };
        Profile {
            race,
            backgrounds,
            spanish_home,
            low_income,
            homeless,
            foster,
            military,
            family,
            home,
            moved,
        }
    }

    /// A random attendance zone in `district`.
    fn residence_in(&mut self, district: usize) -> Residence {
        let zone: u32 = self.rng.random();
        let d = &self.plan.districts[district];
        Residence {
            district,
            middle: d.middle.position_for(zone),
            high: d.high.position_for(zone),
        }
    }

    /// Where a moving household lived before: other schools of the same
    /// district (if it has two of each level) or another district.
    fn old_home(&mut self, home: Residence) -> Option<(u8, Residence)> {
        let years_ago = self.rng.random_range(1..=PAST_YEARS);
        let n_districts = self.plan.districts.len();
        let d = &self.plan.districts[home.district];
        let same_ok = d.middle.schools.len() >= 2 && d.high.schools.len() >= 2;
        let old = if same_ok && (n_districts == 1 || self.rng.random_bool(0.5)) {
            Residence {
                district: home.district,
                middle: other_position(&mut self.rng, d.middle.schools.len(), home.middle),
                high: other_position(&mut self.rng, d.high.schools.len(), home.high),
            }
        } else if n_districts >= 2 {
            let other = other_position(&mut self.rng, n_districts, home.district);
            self.residence_in(other)
        } else {
            return None;
        };
        Some((years_ago, old))
    }

    /// Draws grades and birth dates for `size` siblings, oldest first.
    fn drafts(&mut self, size: usize) -> Vec<Draft> {
        let mut drafts: Vec<Draft> = Vec::with_capacity(size);
        for i in 0..size {
            if i > 0 && self.rng.random_bool(TWIN_SHARE) {
                let twin = &drafts[i - 1];
                drafts.push(Draft {
                    grade: twin.grade,
                    birth: twin.birth,
                });
                continue;
            }
            let grade = loop {
                let g = self.rng.random_range(6..=12u8);
                if drafts.iter().all(|d| d.grade != g) {
                    break g;
                }
            };
            let birth = self.spaced_birth_day(grade, &drafts);
            drafts.push(Draft { grade, birth });
        }
        drafts.sort_by_key(|d| d.birth);
        drafts
    }

    /// A birth date for `grade`, at least ~10 months from the other siblings' if possible.
    fn spaced_birth_day(&mut self, grade: u8, siblings: &[Draft]) -> i32 {
        let mut birth = birth_day(&mut self.rng, grade);
        for _ in 0..8 {
            if siblings.iter().all(|s| (s.birth - birth).abs() >= 300) {
                break;
            }
            birth = birth_day(&mut self.rng, grade);
        }
        birth
    }

    /// Builds the next student (taking the next seq) from a draft.
    fn student(&mut self, p: &Profile, draft: &Draft) -> Student {
        let seq = self.next_seq;
        self.next_seq += 1;
        let rng = &mut self.rng;
        let gender = weighted(rng, &[("female", 0.495), ("male", 0.495), ("nonbinary", 0.01)]);
        let sex = match gender {
            "female" => NameSex::Female,
            "male" => NameSex::Male,
            _ => NameSex::Neutral,
        };
        let given = {
            let bg = pick(rng, &p.backgrounds);
            child_given_name(rng, bg, sex)
        };
        let family = if rng.random_bool(OTHER_FAMILY_NAME_SHARE) {
            {
                let bg = pick(rng, &p.backgrounds);
                family_name(rng, bg)
            }
        } else {
            p.family
        };
        let username = format!("{}.{}.{seq}", slug(given), slug(family));
        let email = (draft.grade >= 9 && rng.random_bool(HIGH_SCHOOL_EMAIL_SHARE))
            .then(|| format!("{username}@students.example.org"));
        let demographics = self.demographics(p, gender);
        let (enrollments, school) = self.enrollments(p, draft.grade);
        let (mentor_keys, advisory) = self.mentors(school);
        Student {
            seq,
            given_name: given.to_string(),
            family_name: family.to_string(),
            username,
            state_student_id: self.state_student_id(seq),
            birth_date: iso(draft.birth),
            grade_level: draft.grade,
            school_key: self.plan.schools[school].key,
            email,
            enrollments,
            demographics,
            mentor_keys,
            advisory,
        }
    }

    /// Student-level demographics on top of the household's traits.
    fn demographics(&mut self, p: &Profile, gender: &str) -> Demographics {
        let rng = &mut self.rng;
        let el_rate = match (p.race, p.spanish_home) {
            (_, true) => 0.55,
            ("hispanic_latino", false) => 0.05,
            ("asian", _) => 0.20,
            ("two_or_more", _) => 0.04,
            _ => 0.025,
        };
        let disability_iep = rng.random_bool(IEP_SHARE);
        // 504 plans go to students without an IEP.
        let section_504 = !disability_iep && rng.random_bool(SECTION_504_SHARE / (1.0 - IEP_SHARE));
        Demographics {
            race_ethnicity: p.race.to_string(),
            gender: gender.to_string(),
            low_income: p.low_income,
            english_learner: rng.random_bool(el_rate),
            disability_iep,
            section_504,
            homeless: p.homeless,
            foster: p.foster,
            military_connected: p.military,
        }
    }

    /// The enrollment history (oldest first) and the current school's index.
    fn enrollments(&mut self, p: &Profile, grade: u8) -> (Vec<Enrollment>, usize) {
        let mut out = Vec::with_capacity(usize::from(PAST_YEARS) + 1);
        for back in (0..=PAST_YEARS).rev() {
            let Some(year_grade) = grade.checked_sub(back).filter(|g| *g >= 6) else {
                continue;
            };
            let home = match p.moved {
                Some((years_ago, old)) if back >= years_ago => old,
                _ => p.home,
            };
            let start_year = CURRENT_START_YEAR - i32::from(back);
            let left_early = p.moved.is_some_and(|(years_ago, _)| back == years_ago);
            let exit = match back {
                0 => None,
                _ if left_early => Some(year_end(start_year) - self.rng.random_range(0..=20)),
                _ => Some(year_end(start_year)),
            };
            out.push(Enrollment {
                school_key: self.plan.schools[self.school_index(home, year_grade)].key,
                school_year: year_name(start_year),
                grade_level: year_grade,
                entry_date: iso(year_start(start_year)),
                exit_date: exit.map(iso),
            });
        }
        (out, self.school_index(p.home, grade))
    }

    /// Index of the school serving grade `grade` at `home`.
    fn school_index(&self, home: Residence, grade: u8) -> usize {
        let d = &self.plan.districts[home.district];
        if grade <= 8 {
            d.middle.schools[home.middle]
        } else {
            d.high.schools[home.high]
        }
    }

    /// One or two mentors and usually an advisory teacher, all from `school`.
    fn mentors(&mut self, school: usize) -> (Vec<u32>, Option<u32>) {
        let pool = &self.plan.schools[school].mentors;
        let first = self.rng.random_range(0..pool.len());
        let mut keys = vec![pool[first]];
        if pool.len() >= 2 && self.rng.random_bool(SECOND_MENTOR_SHARE) {
            keys.push(pool[other_position(&mut self.rng, pool.len(), first)]);
        }
        let advisory = self.rng.random_bool(ADVISORY_SHARE).then(|| pick(&mut self.rng, pool));
        (keys, advisory)
    }

    /// The unique 10-digit state id of `seq` (an affine permutation of the id space).
    fn state_student_id(&self, seq: u64) -> String {
        let n = (STATE_ID_MULTIPLIER * u128::from(seq) + self.id_offset) % STATE_ID_SPACE;
        (1_000_000_000 + n).to_string()
    }

    /// The household's guardians (none for ~15% of households).
    fn guardians(&mut self, p: &Profile, students: &[Student]) -> Vec<Guardian> {
        let relationships: &[&str] = if p.foster {
            &["guardian"]
        } else {
            weighted(&mut self.rng, &GUARDIAN_SETS)
        };
        let seqs: Vec<u64> = students.iter().map(|s| s.seq).collect();
        relationships
            .iter()
            .enumerate()
            .map(|(i, rel)| self.guardian(p, rel, p.backgrounds[i % 2], &seqs))
            .collect()
    }

    /// One guardian with the given relationship.
    fn guardian(&mut self, p: &Profile, relationship: &str, bg: Background, seqs: &[u64]) -> Guardian {
        let rng = &mut self.rng;
        let sex = match relationship {
            "mother" => NameSex::Female,
            "father" => NameSex::Male,
            _ if rng.random_bool(0.65) => NameSex::Female,
            _ => NameSex::Male,
        };
        let keep_family_share = match relationship {
            "father" => 0.92,
            "mother" => 0.75,
            "grandparent" => 0.5,
            _ if p.foster => 0.0,
            _ => 0.3,
        };
        let family = if rng.random_bool(keep_family_share) {
            p.family
        } else {
            family_name(rng, bg)
        };
        let given = adult_given_name(rng, bg, sex);
        let n = self.guardians_made;
        self.guardians_made += 1;
        let username = format!("{}.{}.g{n}", slug(given), slug(family));
        let email = rng
            .random_bool(GUARDIAN_EMAIL_SHARE)
            .then(|| format!("{username}@family.example.org"));
        let locale = if p.spanish_home && rng.random_bool(0.9) {
            "es"
        } else {
            "en"
        };
        Guardian {
            given_name: given.to_string(),
            family_name: family.to_string(),
            username,
            email,
            locale: locale.to_string(),
            relationship: relationship.to_string(),
            student_seqs: seqs.to_vec(),
        }
    }
}

/// Guardian sets and weights: 15% none, ~34% one, ~51% two.
const GUARDIAN_SETS: [(&[&str], f64); 12] = [
    (&[], 0.15),
    (&["mother"], 0.187),
    (&["father"], 0.068),
    (&["grandparent"], 0.051),
    (&["guardian"], 0.034),
    (&["mother", "father"], 0.408),
    (&["mother", "mother"], 0.010),
    (&["father", "father"], 0.005),
    (&["grandparent", "grandparent"], 0.026),
    (&["mother", "guardian"], 0.031),
    (&["father", "guardian"], 0.015),
    (&["mother", "grandparent"], 0.015),
];

impl Iterator for StudentIter {
    type Item = Household;

    fn next(&mut self) -> Option<Household> {
        (self.remaining() > 0).then(|| self.household())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let remaining = self.remaining() as usize;
        (remaining.div_ceil(3), Some(remaining))
    }
}

impl std::iter::FusedIterator for StudentIter {}

/// Two different backgrounds for a multiracial household.
fn two_backgrounds(rng: &mut SynthRng) -> [Background; 2] {
    let a = weighted(rng, &MULTIRACIAL_PARTS);
    loop {
        let b = weighted(rng, &MULTIRACIAL_PARTS);
        if b != a {
            return [a, b];
        }
    }
}

/// A uniformly random index in `0..len` other than `not` (`len` >= 2).
fn other_position(rng: &mut SynthRng, len: usize, not: usize) -> usize {
    let i = rng.random_range(0..len - 1);
    if i >= not { i + 1 } else { i }
}

/// A birth date (day number) such that the student is `grade + 5` (or, for
/// some, `grade + 6`) years old on the first day of the current school year.
fn birth_day(rng: &mut SynthRng, grade: u8) -> i32 {
    let age = i32::from(grade) + 5 + i32::from(rng.random_bool(OLDER_FOR_GRADE_SHARE));
    let first_day = year_start(CURRENT_START_YEAR);
    let (_, m, d) = crate::dates::civil_from_days(first_day);
    let earliest = days_from_civil(CURRENT_START_YEAR - age - 1, m, d) + 1;
    let latest = days_from_civil(CURRENT_START_YEAR - age, m, d);
    rng.random_range(earliest..=latest)
}
