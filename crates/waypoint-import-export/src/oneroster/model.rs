//! The parsed, normalized package: plain data for the applier.
//!
//! Records are kept compact for packages with millions of rows: identifiers are shared
//! [`Id`]s (one allocation per distinct id, shared by every reference to it), other text is
//! `Box<str>`, and there are no per-row maps. Every record remembers its `line` so that the
//! applier can report problems it finds against the database in the same terms.

use std::collections::BTreeMap;
use std::sync::Arc;

use time::{Date, OffsetDateTime};

use super::issue::Issue;

/// A OneRoster `sourcedId`. Shared: all references to the same id point at one allocation.
pub type Id = Arc<str>;

/// Free text from the package (names, titles, codes).
pub type Text = Box<str>;

/// The OneRoster version declared by `oneroster.version` in the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Version {
    /// OneRoster 1.1: a user's role and orgs are in `users.csv`.
    V1_1,
    /// OneRoster 1.2: a user's roles are in `roles.csv`.
    V1_2,
}

impl Version {
    /// `"1.1"` or `"1.2"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1_1 => "1.1",
            Version::V1_2 => "1.2",
        }
    }
}

/// How the manifest declares a file (`file.<name>` property).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileMode {
    /// The file holds the complete set of its records.
    Bulk,
    /// The file holds only changes since the previous package.
    Delta,
    /// The file is not in the package.
    Absent,
}

impl FileMode {
    /// `"bulk"`, `"delta"` or `"absent"`.
    pub fn as_str(self) -> &'static str {
        match self {
            FileMode::Bulk => "bulk",
            FileMode::Delta => "delta",
            FileMode::Absent => "absent",
        }
    }
}

macro_rules! file_kinds {
    ($( $(#[$m:meta])* $var:ident = $name:literal ),+ $(,)?) => {
        /// A file of the OneRoster CSV binding (1.1 and 1.2), named as the spec names it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FileKind {
            $( $(#[$m])* $var ),+
        }

        impl FileKind {
            /// Every file kind.
            pub const ALL: &'static [FileKind] = &[$(FileKind::$var),+];

            /// The name used in the manifest, e.g. `"academicSessions"`.
            pub fn name(self) -> &'static str {
                match self { $(FileKind::$var => $name),+ }
            }

            /// The file name, e.g. `"academicSessions.csv"`.
            pub fn file_name(self) -> &'static str {
                match self { $(FileKind::$var => concat!($name, ".csv")),+ }
            }

            /// The kind whose manifest name is exactly `name` (case-sensitive, as the spec says).
            pub fn from_name(name: &str) -> Option<FileKind> {
                match name { $($name => Some(FileKind::$var),)+ _ => None }
            }

            /// The kind whose file name is exactly `file_name` (case-sensitive).
            pub fn from_file_name(file_name: &str) -> Option<FileKind> {
                FileKind::from_name(file_name.strip_suffix(".csv")?)
            }
        }
    };
}

file_kinds! {
    /// `manifest.csv`: not declared in itself, always required.
    Manifest = "manifest",
    /// `orgs.csv`
    Orgs = "orgs",
    /// `academicSessions.csv`
    AcademicSessions = "academicSessions",
    /// `courses.csv`
    Courses = "courses",
    /// `classes.csv`
    Classes = "classes",
    /// `users.csv`
    Users = "users",
    /// `roles.csv` (1.2)
    Roles = "roles",
    /// `userProfiles.csv` (1.2)
    UserProfiles = "userProfiles",
    /// `demographics.csv`
    Demographics = "demographics",
    /// `enrollments.csv`
    Enrollments = "enrollments",
    /// `categories.csv` (not imported)
    Categories = "categories",
    /// `classResources.csv` (not imported)
    ClassResources = "classResources",
    /// `courseResources.csv` (not imported)
    CourseResources = "courseResources",
    /// `lineItems.csv` (not imported)
    LineItems = "lineItems",
    /// `lineItemLearningObjectiveIds.csv` (1.2, not imported)
    LineItemLearningObjectiveIds = "lineItemLearningObjectiveIds",
    /// `lineItemScoreScales.csv` (1.2, not imported)
    LineItemScoreScales = "lineItemScoreScales",
    /// `resources.csv` (not imported)
    Resources = "resources",
    /// `results.csv` (not imported)
    Results = "results",
    /// `resultLearningObjectiveIds.csv` (1.2, not imported)
    ResultLearningObjectiveIds = "resultLearningObjectiveIds",
    /// `resultScoreScales.csv` (1.2, not imported)
    ResultScoreScales = "resultScoreScales",
    /// `scoreScales.csv` (1.2, not imported)
    ScoreScales = "scoreScales",
    /// `userResources.csv` (1.2, not imported)
    UserResources = "userResources",
}

impl FileKind {
    /// Whether Waypoint parses this file (in the given version); others are accepted when
    /// declared and ignored with a warning.
    pub fn is_imported(self, version: Version) -> bool {
        match self {
            FileKind::Orgs
            | FileKind::AcademicSessions
            | FileKind::Courses
            | FileKind::Classes
            | FileKind::Users
            | FileKind::Demographics
            | FileKind::Enrollments => true,
            FileKind::Roles | FileKind::UserProfiles => version == Version::V1_2,
            _ => false,
        }
    }
}

macro_rules! token_enum {
    ($(#[$m:meta])* $name:ident, $what:literal { $( $(#[$vm:meta])* $var:ident = $tok:literal ),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vm])* $var ),+
        }

        impl $name {
            /// Every value, in the spec's order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// What the value is, in plain English (for messages).
            pub const WHAT: &'static str = $what;

            /// The OneRoster token, e.g. `"tobedeleted"`.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $tok),+ }
            }

            /// Parses a token. Matching ignores ASCII case, since exports from spreadsheets
            /// often capitalize (`TRUE`, `Scheduled`) and no two tokens differ only by case.
            pub fn parse(s: &str) -> Option<$name> {
                $( if s.eq_ignore_ascii_case($tok) { return Some($name::$var); } )+
                None
            }
        }

        impl Token for $name {
            const WHAT: &'static str = $what;
            const TOKENS: &'static [&'static str] = &[$($tok),+];
            fn parse_token(s: &str) -> Option<Self> {
                $name::parse(s)
            }
        }
    };
}

/// The enums read from single tokens, for generic parsing and messages.
pub(crate) trait Token: Copy {
    const WHAT: &'static str;
    const TOKENS: &'static [&'static str];
    fn parse_token(s: &str) -> Option<Self>;
}

token_enum! {
    /// A record's `status`. An empty status (allowed in bulk files) is [`Status::Active`];
    /// OneRoster 1.1's `inactive` is read as [`Status::ToBeDeleted`].
    Status, "status" {
        /// `active`
        Active = "active",
        /// `tobedeleted`
        ToBeDeleted = "tobedeleted",
    }
}

token_enum! {
    /// An org's `type`.
    OrgType, "org type" {
        /// `department`
        Department = "department",
        /// `school`
        School = "school",
        /// `district`
        District = "district",
        /// `local`
        Local = "local",
        /// `state`
        State = "state",
        /// `national`
        National = "national",
    }
}

token_enum! {
    /// An academic session's `type`.
    SessionType, "session type" {
        /// `gradingPeriod`
        GradingPeriod = "gradingPeriod",
        /// `semester`
        Semester = "semester",
        /// `schoolYear`
        SchoolYear = "schoolYear",
        /// `term`
        Term = "term",
    }
}

token_enum! {
    /// A class's `classType`.
    ClassType, "class type" {
        /// `homeroom`
        Homeroom = "homeroom",
        /// `scheduled`
        Scheduled = "scheduled",
    }
}

token_enum! {
    /// A user's role (1.1 `users.role`, 1.2 `roles.role`). The union of both versions' values.
    Role, "user role" {
        /// `student`
        Student = "student",
        /// `teacher`
        Teacher = "teacher",
        /// `parent`
        Parent = "parent",
        /// `guardian`
        Guardian = "guardian",
        /// `relative`
        Relative = "relative",
        /// `aide`
        Aide = "aide",
        /// `proctor`
        Proctor = "proctor",
        /// `administrator` (1.1)
        Administrator = "administrator",
        /// `counselor` (1.2)
        Counselor = "counselor",
        /// `principal` (1.2)
        Principal = "principal",
        /// `districtAdministrator` (1.2)
        DistrictAdministrator = "districtAdministrator",
        /// `siteAdministrator` (1.2)
        SiteAdministrator = "siteAdministrator",
        /// `systemAdministrator` (1.2)
        SystemAdministrator = "systemAdministrator",
    }
}

token_enum! {
    /// Whether a 1.2 role is the user's primary role (`roles.roleType`).
    RoleType, "role type" {
        /// `primary`
        Primary = "primary",
        /// `secondary`
        Secondary = "secondary",
    }
}

token_enum! {
    /// An enrollment's `role`.
    EnrollmentRole, "enrollment role" {
        /// `student`
        Student = "student",
        /// `teacher`
        Teacher = "teacher",
        /// `administrator`
        Administrator = "administrator",
        /// `aide`
        Aide = "aide",
        /// `guardian`
        Guardian = "guardian",
        /// `parent`
        Parent = "parent",
        /// `proctor`
        Proctor = "proctor",
    }
}

token_enum! {
    /// `demographics.sex`.
    Sex, "sex" {
        /// `male`
        Male = "male",
        /// `female`
        Female = "female",
        /// `unspecified` (1.2)
        Unspecified = "unspecified",
        /// `other` (1.2)
        Other = "other",
    }
}

/// A CEDS grade level code from a `grades` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grade {
    /// `IT`: infant/toddler.
    InfantToddler,
    /// `PR`: preschool.
    Preschool,
    /// `PK`: prekindergarten.
    PreKindergarten,
    /// `TK`: transitional kindergarten.
    TransitionalKindergarten,
    /// `KG`: kindergarten.
    Kindergarten,
    /// `01`..`12`, and `13` (grade 13): the number.
    Level(u8),
    /// `PS`: postsecondary.
    Postsecondary,
    /// `UG`: ungraded.
    Ungraded,
    /// `Other`.
    Other,
}

impl Grade {
    /// Parses a CEDS code (ASCII case-insensitive). `1`..`9` without the leading zero are
    /// accepted too, as many exports write them that way.
    pub fn parse(s: &str) -> Option<Grade> {
        let named = [
            ("IT", Grade::InfantToddler),
            ("PR", Grade::Preschool),
            ("PK", Grade::PreKindergarten),
            ("TK", Grade::TransitionalKindergarten),
            ("KG", Grade::Kindergarten),
            ("PS", Grade::Postsecondary),
            ("UG", Grade::Ungraded),
            ("Other", Grade::Other),
        ];
        if let Some((_, g)) = named.iter().find(|(t, _)| s.eq_ignore_ascii_case(t)) {
            return Some(*g);
        }
        if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u8 = s.parse().ok()?;
        (1..=13).contains(&n).then_some(Grade::Level(n))
    }

    /// The grade as a number for `01`..`13`, `None` for the others.
    pub fn number(self) -> Option<u8> {
        match self {
            Grade::Level(n) => Some(n),
            _ => None,
        }
    }

    /// The CEDS code, e.g. `"09"` or `"KG"`.
    pub fn code(self) -> String {
        match self {
            Grade::InfantToddler => "IT".into(),
            Grade::Preschool => "PR".into(),
            Grade::PreKindergarten => "PK".into(),
            Grade::TransitionalKindergarten => "TK".into(),
            Grade::Kindergarten => "KG".into(),
            Grade::Level(n) => format!("{n:02}"),
            Grade::Postsecondary => "PS".into(),
            Grade::Ungraded => "UG".into(),
            Grade::Other => "Other".into(),
        }
    }
}

/// An `orgs.csv` row.
#[derive(Debug, Clone, PartialEq)]
pub struct Org {
    /// `sourcedId`
    pub sourced_id: Id,
    /// `status` (empty reads as active)
    pub status: Status,
    /// `dateLastModified`
    pub date_last_modified: Option<OffsetDateTime>,
    /// `name`
    pub name: Text,
    /// `type`
    pub org_type: OrgType,
    /// `identifier` (e.g. an NCES id)
    pub identifier: Option<Text>,
    /// `parentSourcedId`
    pub parent: Option<Id>,
    /// The row's line in `orgs.csv`.
    pub line: u32,
}

/// An `academicSessions.csv` row.
#[derive(Debug, Clone, PartialEq)]
pub struct AcademicSession {
    /// `sourcedId`
    pub sourced_id: Id,
    /// `status`
    pub status: Status,
    /// `dateLastModified`
    pub date_last_modified: Option<OffsetDateTime>,
    /// `title`
    pub title: Text,
    /// `type`
    pub session_type: SessionType,
    /// `startDate`
    pub start_date: Date,
    /// `endDate`
    pub end_date: Date,
    /// `parentSourcedId`
    pub parent: Option<Id>,
    /// `schoolYear`: the year in which the school year ends, e.g. 2024 for 2023–24.
    pub school_year: u16,
    /// The row's line in `academicSessions.csv`.
    pub line: u32,
}

/// A `courses.csv` row.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    /// `sourcedId`
    pub sourced_id: Id,
    /// `status`
    pub status: Status,
    /// `dateLastModified`
    pub date_last_modified: Option<OffsetDateTime>,
    /// `schoolYearSourcedId` (an academic session)
    pub school_year: Option<Id>,
    /// `title`
    pub title: Text,
    /// `courseCode`
    pub course_code: Option<Text>,
    /// `grades`
    pub grades: Vec<Grade>,
    /// `orgSourcedId`
    pub org: Id,
    /// `subjects`
    pub subjects: Vec<Text>,
    /// `subjectCodes`
    pub subject_codes: Vec<Text>,
    /// The row's line in `courses.csv`.
    pub line: u32,
}

/// A `classes.csv` row.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    /// `sourcedId`
    pub sourced_id: Id,
    /// `status`
    pub status: Status,
    /// `dateLastModified`
    pub date_last_modified: Option<OffsetDateTime>,
    /// `title`
    pub title: Text,
    /// `grades`
    pub grades: Vec<Grade>,
    /// `courseSourcedId`
    pub course: Id,
    /// `classCode`
    pub class_code: Option<Text>,
    /// `classType`
    pub class_type: ClassType,
    /// `location`
    pub location: Option<Text>,
    /// `schoolSourcedId`
    pub school: Id,
    /// `termSourcedIds` (academic sessions)
    pub terms: Vec<Id>,
    /// `subjects`
    pub subjects: Vec<Text>,
    /// `subjectCodes`
    pub subject_codes: Vec<Text>,
    /// `periods`
    pub periods: Vec<Text>,
    /// The row's line in `classes.csv`.
    pub line: u32,
}

/// One `{type:identifier}` item of `users.userIds`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserId {
    /// The type, e.g. `"State"`, `"Fed"`, `"LDAP"`.
    pub id_type: Text,
    /// The identifier.
    pub identifier: Text,
}

/// A user's role at an org, normalized from 1.1 (`users.role` × `users.orgSourcedIds`) or
/// 1.2 (`roles.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct RoleAssignment {
    /// The `roles.csv` row's `sourcedId` (1.2); `None` for 1.1.
    pub sourced_id: Option<Id>,
    /// The `roles.csv` row's status (1.2); the user's status for 1.1.
    pub status: Status,
    /// `role`
    pub role: Role,
    /// `roleType` (1.2). For 1.1 the first of `orgSourcedIds` is primary, the rest secondary.
    pub role_type: RoleType,
    /// `orgSourcedId`
    pub org: Id,
    /// `beginDate` (1.2)
    pub begin_date: Option<Date>,
    /// `endDate` (1.2)
    pub end_date: Option<Date>,
    /// `userProfileSourcedId` (1.2)
    pub user_profile: Option<Id>,
    /// The line in `roles.csv` (1.2) or in `users.csv` (1.1).
    pub line: u32,
}

/// A `users.csv` row with its role assignments. Passwords are never read.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    /// `sourcedId`
    pub sourced_id: Id,
    /// `status`
    pub status: Status,
    /// `dateLastModified`
    pub date_last_modified: Option<OffsetDateTime>,
    /// `enabledUser` (`true`/`false`, any case)
    pub enabled: bool,
    /// `username`
    pub username: Text,
    /// `userIds`, in order.
    pub user_ids: Vec<UserId>,
    /// The state student id: the first `userIds` entry whose type is one of
    /// `Options::state_id_types`, else `identifier` if `Options::identifier_is_state_id`.
    pub state_id: Option<Text>,
    /// `identifier`
    pub identifier: Option<Text>,
    /// `givenName`
    pub given_name: Text,
    /// `familyName`
    pub family_name: Text,
    /// `middleName`
    pub middle_name: Option<Text>,
    /// `preferredGivenName` (1.2)
    pub preferred_given_name: Option<Text>,
    /// `preferredMiddleName` (1.2)
    pub preferred_middle_name: Option<Text>,
    /// `preferredFamilyName` (1.2)
    pub preferred_family_name: Option<Text>,
    /// `pronouns` (1.2)
    pub pronouns: Option<Text>,
    /// `userMasterIdentifier` (1.2)
    pub master_identifier: Option<Text>,
    /// `email`
    pub email: Option<Text>,
    /// `sms`
    pub sms: Option<Text>,
    /// `phone`
    pub phone: Option<Text>,
    /// `agentSourcedIds`: for a student, the parents/guardians; for a parent or guardian,
    /// the students.
    pub agents: Vec<Id>,
    /// `grades`
    pub grades: Vec<Grade>,
    /// `primaryOrgSourcedId` (1.2); for 1.1 the first of `orgSourcedIds`.
    pub primary_org: Option<Id>,
    /// The user's roles. 1.1: one per `orgSourcedIds` entry, from `role`. 1.2: the user's
    /// rows of `roles.csv` in file order. In a delta package these are the changed roles only.
    pub roles: Vec<RoleAssignment>,
    /// The row's line in `users.csv`.
    pub line: u32,
}

/// A `userProfiles.csv` row (1.2), minimal. The `password` column is never read.
#[derive(Debug, Clone, PartialEq)]
pub struct UserProfile {
    /// `sourcedId`
    pub sourced_id: Id,
    /// `status`
    pub status: Status,
    /// `dateLastModified`
    pub date_last_modified: Option<OffsetDateTime>,
    /// `userSourcedId`
    pub user: Id,
    /// `profileType`
    pub profile_type: Text,
    /// `vendorId`
    pub vendor_id: Text,
    /// `applicationId`
    pub application_id: Option<Text>,
    /// `credentialType`
    pub credential_type: Text,
    /// `username`
    pub username: Text,
    /// The row's line in `userProfiles.csv`.
    pub line: u32,
}

/// An `enrollments.csv` row.
#[derive(Debug, Clone, PartialEq)]
pub struct Enrollment {
    /// `sourcedId`
    pub sourced_id: Id,
    /// `status`
    pub status: Status,
    /// `dateLastModified`
    pub date_last_modified: Option<OffsetDateTime>,
    /// `classSourcedId`
    pub class: Id,
    /// `schoolSourcedId`
    pub school: Id,
    /// `userSourcedId`
    pub user: Id,
    /// `role`
    pub role: EnrollmentRole,
    /// `primary`
    pub primary: Option<bool>,
    /// `beginDate`
    pub begin_date: Option<Date>,
    /// `endDate`
    pub end_date: Option<Date>,
    /// The row's line in `enrollments.csv`.
    pub line: u32,
}

/// A `demographics.csv` row. Its `sourcedId` is the user's.
#[derive(Debug, Clone, PartialEq)]
pub struct Demographics {
    /// `sourcedId` (= the user's `sourcedId`)
    pub sourced_id: Id,
    /// `status`
    pub status: Status,
    /// `dateLastModified`
    pub date_last_modified: Option<OffsetDateTime>,
    /// `birthDate`
    pub birth_date: Option<Date>,
    /// `sex`
    pub sex: Option<Sex>,
    /// `americanIndianOrAlaskaNative`
    pub american_indian_or_alaska_native: Option<bool>,
    /// `asian`
    pub asian: Option<bool>,
    /// `blackOrAfricanAmerican`
    pub black_or_african_american: Option<bool>,
    /// `nativeHawaiianOrOtherPacificIslander`
    pub native_hawaiian_or_other_pacific_islander: Option<bool>,
    /// `white`
    pub white: Option<bool>,
    /// `demographicRaceTwoOrMoreRaces`
    pub two_or_more_races: Option<bool>,
    /// `hispanicOrLatinoEthnicity`
    pub hispanic_or_latino: Option<bool>,
    /// `countryOfBirthCode`
    pub country_of_birth_code: Option<Text>,
    /// `stateOfBirthAbbreviation`
    pub state_of_birth_abbreviation: Option<Text>,
    /// `cityOfBirth`
    pub city_of_birth: Option<Text>,
    /// `publicSchoolResidenceStatus`
    pub public_school_residence_status: Option<Text>,
    /// The row's line in `demographics.csv`.
    pub line: u32,
}

/// A 1.2 `roles.csv` row whose user is not in this package's `users.csv` (possible in delta
/// packages): the applier attaches it to the existing user.
#[derive(Debug, Clone, PartialEq)]
pub struct DetachedRole {
    /// `userSourcedId`
    pub user: Id,
    /// The role.
    pub role: RoleAssignment,
}

/// A reference to an id that is not in the package but may be in the database (delta mode).
/// The applier must resolve it, or report it with `file`, `line` and `field`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnresolvedRef {
    /// The file holding the reference.
    pub file: FileKind,
    /// The line of the referring row.
    pub line: u32,
    /// The referring column, e.g. `"userSourcedId"`.
    pub field: &'static str,
    /// What kind of record the id should name.
    pub target: FileKind,
    /// The id.
    pub id: Id,
}

/// A parsed, validated OneRoster package.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// `oneroster.version`
    pub version: Version,
    /// `manifest.version`
    pub manifest_version: Text,
    /// `source.systemName`, if given.
    pub source_system_name: Option<Text>,
    /// `source.systemCode`, if given.
    pub source_system_code: Option<Text>,
    /// The manifest's `file.<name>` modes for the known files it declares.
    pub files: BTreeMap<FileKind, FileMode>,
    /// `orgs.csv`
    pub orgs: Vec<Org>,
    /// `academicSessions.csv`
    pub sessions: Vec<AcademicSession>,
    /// `courses.csv`
    pub courses: Vec<Course>,
    /// `classes.csv`
    pub classes: Vec<Class>,
    /// `users.csv`, with roles (1.1 columns or 1.2 `roles.csv`).
    pub users: Vec<User>,
    /// `roles.csv` rows whose user is not in `users.csv` (delta packages).
    pub detached_roles: Vec<DetachedRole>,
    /// `userProfiles.csv` (1.2)
    pub user_profiles: Vec<UserProfile>,
    /// `enrollments.csv`
    pub enrollments: Vec<Enrollment>,
    /// `demographics.csv`
    pub demographics: Vec<Demographics>,
    /// References the package does not resolve but that may name existing records (only
    /// where the target's file is `delta`, or `absent` while the referring file is `delta`).
    pub unresolved: Vec<UnresolvedRef>,
    /// Non-fatal problems (unknown columns, ignored files…).
    pub warnings: Vec<Issue>,
    /// How many further warnings were not listed.
    pub warnings_truncated: usize,
}

impl Package {
    /// How the manifest declares `kind` ([`FileMode::Absent`] if not declared).
    pub fn mode(&self, kind: FileKind) -> FileMode {
        self.files.get(&kind).copied().unwrap_or(FileMode::Absent)
    }
}

#[cfg(test)]
mod size_tests {
    use super::*;

    /// Records stay compact: 10,000,000 enrollments must fit in memory.
    #[test]
    fn records_are_compact() {
        assert!(
            std::mem::size_of::<Enrollment>() <= 96,
            "{}",
            std::mem::size_of::<Enrollment>()
        );
        assert!(std::mem::size_of::<User>() <= 376, "{}", std::mem::size_of::<User>());
        assert!(std::mem::size_of::<RoleAssignment>() <= 64);
    }
}
