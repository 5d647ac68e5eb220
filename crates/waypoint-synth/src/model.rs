//! The public data types produced by the generator.
//!
//! Everything here is plain data: owned `String`s and small integers, so the
//! records can be inserted into any store without further conversion. Dates
//! are ISO-8601 calendar dates (`"2026-08-15"`), school years are written
//! `"2026-2027"`.

/// What kind of organisation an [`Org`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrgKind {
    /// The single state education agency at the root of the tree.
    State,
    /// A school district; its parent is the state.
    District,
    /// A middle school (grades 6-8) or high school (grades 9-12); its parent is a district.
    School,
}

impl OrgKind {
    /// A stable lowercase name (`"state"`, `"district"`, `"school"`).
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::State => "state",
            OrgKind::District => "district",
            OrgKind::School => "school",
        }
    }
}

/// One organisation: the state, a district or a school.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Org {
    /// Stable key, unique across all orgs of a dataset. Keys are the positions
    /// in the sequence `[state, districts.., schools..]`, so the state is `0`,
    /// districts are `1..=D` and schools follow.
    pub key: u32,
    /// State, district or school.
    pub kind: OrgKind,
    /// Key of the parent org (`None` only for the state).
    pub parent_key: Option<u32>,
    /// Human-readable name, e.g. `"Cedar Valley School District"`.
    pub name: String,
    /// Short code: `"EX"` for the state, `"D0001"` for districts, `"S000123"` for schools.
    pub code: String,
    /// Lowest grade served (schools only; `None` for the state and districts).
    pub low_grade: Option<u8>,
    /// Highest grade served (schools only; `None` for the state and districts).
    pub high_grade: Option<u8>,
}

/// One school year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchoolYear {
    /// `"2026-2027"`.
    pub name: String,
    /// First day, ISO date.
    pub starts_on: String,
    /// Last day, ISO date.
    pub ends_on: String,
    /// True for exactly one year: the current one (`"2026-2027"`).
    pub is_current: bool,
}

/// A role a staff member holds at one org.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StaffRole {
    /// A teacher who mentors a caseload of students at a school.
    Mentor,
    /// A school counselor (about one per 250 students).
    Counselor,
    /// A career coach (one per high school).
    CareerCoach,
    /// A special-education case manager.
    CaseManager,
    /// A principal or assistant principal.
    SchoolAdmin,
    /// A district administrator.
    DistrictAdmin,
    /// A state administrator.
    StateAdmin,
}

impl StaffRole {
    /// Every role, in declaration order.
    pub const ALL: [StaffRole; 7] = [
        StaffRole::Mentor,
        StaffRole::Counselor,
        StaffRole::CareerCoach,
        StaffRole::CaseManager,
        StaffRole::SchoolAdmin,
        StaffRole::DistrictAdmin,
        StaffRole::StateAdmin,
    ];

    /// A stable snake_case name, e.g. `"career_coach"`.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Mentor => "mentor",
            StaffRole::Counselor => "counselor",
            StaffRole::CareerCoach => "career_coach",
            StaffRole::CaseManager => "case_manager",
            StaffRole::SchoolAdmin => "school_admin",
            StaffRole::DistrictAdmin => "district_admin",
            StaffRole::StateAdmin => "state_admin",
        }
    }
}

/// A staff member (adult user) with one or more roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staff {
    /// Stable key: the index of this record in [`crate::Dataset::staff`].
    pub key: u32,
    /// Given (first) name.
    pub given_name: String,
    /// Family (last) name.
    pub family_name: String,
    /// Unique lowercase login, e.g. `"jsmith.d1.4"` (`"jsmith.state.0"` at the state).
    pub username: String,
    /// `"{username}@staff.example.org"` for almost everyone.
    pub email: Option<String>,
    /// Roles held, each with the key of the org it applies to.
    pub roles: Vec<(StaffRole, u32)>,
}

impl Staff {
    /// True if this person holds `role` at the org `org_key`.
    pub fn has_role_at(&self, role: StaffRole, org_key: u32) -> bool {
        self.roles.iter().any(|&(r, o)| r == role && o == org_key)
    }
}

/// One year of enrollment at one school.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrollment {
    /// The school's org key.
    pub school_key: u32,
    /// The school year, e.g. `"2024-2025"`.
    pub school_year: String,
    /// Grade in that year.
    pub grade_level: u8,
    /// First day at the school that year (the year's first day).
    pub entry_date: String,
    /// Last day at the school that year. Set on every past-year enrollment
    /// (the year's last day, or a few weeks earlier when the family moved);
    /// `None` for the current year's enrollment.
    pub exit_date: Option<String>,
}

/// Demographic and program flags, with roughly US public-school proportions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Demographics {
    /// One of `hispanic_latino`, `american_indian_alaska_native`, `asian`,
    /// `black_african_american`, `native_hawaiian_pacific_islander`, `white`,
    /// `two_or_more`.
    pub race_ethnicity: String,
    /// `"female"`, `"male"` or `"nonbinary"`.
    pub gender: String,
    /// Eligible for free or reduced-price meals (~45%).
    pub low_income: bool,
    /// English learner (~10%).
    pub english_learner: bool,
    /// Has an IEP (~15%).
    pub disability_iep: bool,
    /// Has a Section 504 plan and no IEP (~4%).
    pub section_504: bool,
    /// Experiencing homelessness (~2%).
    pub homeless: bool,
    /// In foster care (~0.5%).
    pub foster: bool,
    /// Has a parent in the military (~3%).
    pub military_connected: bool,
}

/// One student in grades 6-12.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Student {
    /// Sequence number `0..students`, unique, increasing in generation order.
    pub seq: u64,
    /// Given (first) name.
    pub given_name: String,
    /// Family (last) name.
    pub family_name: String,
    /// Unique lowercase login: `"{given}.{family}.{seq}"`.
    pub username: String,
    /// Unique 10-digit state student id (never starts with 0).
    pub state_student_id: String,
    /// ISO birth date; the student is `grade + 5` or `grade + 6` years old on
    /// the first day of the current school year.
    pub birth_date: String,
    /// Current grade, 6..=12.
    pub grade_level: u8,
    /// Current school's org key.
    pub school_key: u32,
    /// `"{username}@students.example.org"` for ~60% of grades 9-12; `None` in grades 6-8.
    pub email: Option<String>,
    /// Enrollment history, oldest first; the last one is the current year at `school_key`.
    pub enrollments: Vec<Enrollment>,
    /// Demographics and program flags.
    pub demographics: Demographics,
    /// Staff keys of the student's mentors (at least one), all holding the
    /// Mentor role at `school_key`.
    pub mentor_keys: Vec<u32>,
    /// Staff key of the advisory teacher (a mentor at `school_key`), for most students.
    pub advisory: Option<u32>,
}

/// A parent or guardian.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guardian {
    /// Given (first) name.
    pub given_name: String,
    /// Family (last) name.
    pub family_name: String,
    /// Unique lowercase login: `"{given}.{family}.g{n}"`.
    pub username: String,
    /// `"{username}@family.example.org"` for most guardians.
    pub email: Option<String>,
    /// Preferred language: `"en"` or `"es"`.
    pub locale: String,
    /// `"mother"`, `"father"`, `"guardian"` or `"grandparent"`.
    pub relationship: String,
    /// Seqs of the students (all in the same household) this guardian is linked to.
    pub student_seqs: Vec<u64>,
}

/// A household: 1-3 siblings and 0-2 guardians.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Household {
    /// The students, with consecutive seqs.
    pub students: Vec<Student>,
    /// The guardians (empty for ~15% of households).
    pub guardians: Vec<Guardian>,
}
