//! People, roles and the facts about a student that decide who may see them.

use crate::org::OrgPlace;
use crate::{OrgId, UserId};
use serde::{Deserialize, Serialize};

/// What kind of account a person holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    Student,
    Guardian,
    Staff,
}

impl AccountKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Student => "student",
            AccountKind::Guardian => "guardian",
            AccountKind::Staff => "staff",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "student" => Some(Self::Student),
            "guardian" => Some(Self::Guardian),
            "staff" => Some(Self::Staff),
            _ => None,
        }
    }
}

/// A staff role. Each grant of a role is scoped to one organisation.
///
/// The order is meaningful: a role may grant roles that sort at or below
/// it (see [`crate::authz`]). `EmployerSupervisor` sorts lowest because it
/// carries no access to student records at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    EmployerSupervisor,
    Mentor,
    CareerCoach,
    CaseManager,
    Counselor,
    SchoolAdmin,
    DistrictAdmin,
    StateAdmin,
}

impl Role {
    /// Every role, lowest first.
    pub const ALL: [Role; 8] = [
        Role::EmployerSupervisor,
        Role::Mentor,
        Role::CareerCoach,
        Role::CaseManager,
        Role::Counselor,
        Role::SchoolAdmin,
        Role::DistrictAdmin,
        Role::StateAdmin,
    ];

    /// The stored name, also the suffix of its translation key (`role-…`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::EmployerSupervisor => "employer_supervisor",
            Role::Mentor => "mentor",
            Role::CareerCoach => "career_coach",
            Role::CaseManager => "case_manager",
            Role::Counselor => "counselor",
            Role::SchoolAdmin => "school_admin",
            Role::DistrictAdmin => "district_admin",
            Role::StateAdmin => "state_admin",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Translation key of the role's display name.
    pub fn label_key(self) -> String {
        format!("role-{}", self.as_str().replace('_', "-"))
    }
}

/// One role held at one organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grant {
    pub role: Role,
    pub org: OrgPlace,
}

/// The signed-in person, as the policy sees them.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: UserId,
    pub kind: AccountKind,
    pub grants: Vec<Grant>,
}

impl Actor {
    /// The highest role this actor holds anywhere.
    pub fn top_role(&self) -> Option<Role> {
        self.grants.iter().map(|g| g.role).max()
    }

    /// A short label for the access log: the account kind or top role.
    pub fn log_role(&self) -> &'static str {
        match self.kind {
            AccountKind::Staff => self.top_role().map(Role::as_str).unwrap_or("staff"),
            k => k.as_str(),
        }
    }
}

/// A student's lifecycle status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StudentStatus {
    Active,
    Alumni,
    Withdrawn,
}

impl StudentStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Alumni => "alumni",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "alumni" => Some(Self::Alumni),
            "withdrawn" => Some(Self::Withdrawn),
            _ => None,
        }
    }
}

/// What the policy needs to know about one student.
#[derive(Clone, Debug)]
pub struct StudentFacts {
    pub student_id: UserId,
    /// The student's current school, if enrolled.
    pub school: Option<OrgPlace>,
    pub state_id: OrgId,
    pub status: StudentStatus,
    /// 18 or older: the student holds their own FERPA rights.
    pub is_adult: bool,
    pub guardians: Vec<UserId>,
    /// Key adults: assigned mentors and advisory-group leaders.
    pub mentors: Vec<UserId>,
    /// Teachers of the student's current classes (from the roster).
    pub teachers: Vec<UserId>,
    /// Staff an alumnus has explicitly allowed to keep access.
    pub granted_staff: Vec<UserId>,
}

/// Demographic fields kept for disaggregated reporting.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Demographics {
    /// Comma-separated federal race/ethnicity categories.
    pub race_ethnicity: Option<String>,
    pub gender: Option<String>,
    pub low_income: bool,
    pub english_learner: bool,
    pub disability_iep: bool,
    pub section_504: bool,
    pub homeless: bool,
    pub foster: bool,
    pub military_connected: bool,
}

/// The race/ethnicity categories used for reporting (federal seven).
pub const RACE_ETHNICITY: [&str; 7] = [
    "hispanic_latino",
    "american_indian_alaska_native",
    "asian",
    "black_african_american",
    "native_hawaiian_pacific_islander",
    "white",
    "two_or_more",
];

/// Grade levels Waypoint plans for: 6 to 12 plus 13 for alumni.
pub fn valid_grade(grade: i64) -> bool {
    (6..=13).contains(&grade)
}
