//! The portable record: everything Waypoint holds about one student, in
//! one versioned document that the student (or a minor's guardian) can
//! download, and that another Waypoint instance can import when the
//! student transfers.
//!
//! The document ([`PortableRecord`], published as
//! `schemas/portable-record-v2.schema.json`) names things by content that
//! means the same on every instance — the state student id, school and
//! district codes, names, O*NET-SOC codes — never by Waypoint's internal
//! ids (the one exception is an assessment attempt's id, which is made
//! once, where the attempt was taken, and then travels with it), and sorts
//! every list. So two exports of the same data differ only in
//! `exported_at` and `issuer`, and a record exported, imported into an
//! empty instance and exported again comes out the same.
//!
//! What travels and what does not:
//! - **student**, **schools** (every enrolment: at schools of the importing
//!   instance it becomes an enrolment there, matched by school code and
//!   district code; elsewhere a history line with the names and codes as
//!   written), **demographics** (when the exporter may see them) are
//!   imported.
//! - **guardians** (names, relationship, and the family's own e-mail) and
//!   **mentors** (names only: staff contact details stay with their
//!   school) are imported as names, never as accounts or links: a file
//!   gives nobody access. A guardian gets access as always, with a code
//!   from the counselor.
//! - **access_log** is the record of access kept by the issuing instance,
//!   included when the exporter may see it. It is not imported: the
//!   receiving instance keeps its own.
//! - **assessments** (every attempt, finished or not, with its instrument
//!   id and version, form, grade, language, times, answers and the scores
//!   as stored) and **saved_careers** (O*NET-SOC code, the occupation's
//!   title when exported, the student's note, when saved) are imported as
//!   the student's own (version 2 of the document; in version 1 both are
//!   empty). An attempt at an instrument this instance does not offer is
//!   kept all the same: instruments may differ between instances, the
//!   scores are stored with the attempt and its results page shows them.
//! - A student who already exists (same state student id) keeps their
//!   account; only enrolment lines they lack (by school code and school
//!   year), attempts they lack (by attempt id) and careers they have not
//!   saved (by code) are added. A career they saved already keeps its note
//!   here; only an empty note takes the record's. An unfinished attempt is
//!   left out (with a warning) when the student has an unfinished attempt
//!   at the same instrument version here: only one can be resumed.

use crate::App;
use crate::access::Origin;
use crate::error::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use waypoint_domain::assessment::{Attempt, Scores};
use waypoint_domain::authz::{self, OrgAction, StudentAction};
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::{AccountKind, Actor, Demographics, RACE_ETHNICITY, StudentStatus};
use waypoint_domain::{AttemptId, OrgId, UserId, validate};
use waypoint_store::logs::AccessEntry;
use waypoint_store::now_ms;
use waypoint_store::orgs::OrgRecord;
use waypoint_store::people::NewUser;
use waypoint_store::record::{HistoryLine, LocalEnrollment, NamedPerson, RecordChanges, RecordNewStudent};
use waypoint_store::saved_careers::SavedCareer;

/// The value of `format` in every portable record.
pub const FORMAT: &str = "waypoint-record";
/// The version of the document this Waypoint writes. Version 2 fills the
/// `assessments` and `saved_careers` sections, which version 1 reserved
/// (always empty); otherwise the two are the same, so a version 1
/// document is read as it is.
pub const VERSION: i64 = 2;
/// The versions this Waypoint reads.
pub const READS: [i64; 2] = [1, 2];
/// The largest record file accepted for import.
pub const MAX_RECORD_BYTES: usize = 2 * 1024 * 1024;

/// A portable record, version 2 (or 1, as read).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortableRecord {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`] when written here; 1 or 2 when read.
    pub version: i64,
    /// When the document was made (RFC 3339, UTC).
    pub exported_at: String,
    /// The public address of the Waypoint that made it.
    pub issuer: String,
    pub student: RecordStudent,
    /// Every enrolment, oldest first.
    pub schools: Vec<SchoolLine>,
    pub guardians: Vec<RecordGuardian>,
    pub mentors: Vec<RecordMentor>,
    /// `None` (null) when the exporter may not see them.
    pub demographics: Option<Demographics>,
    /// The issuing instance's record of access, oldest first; `None`
    /// (null) when the exporter may not see it.
    pub access_log: Option<Vec<AccessLine>>,
    /// Every assessment attempt, oldest first (empty in version 1).
    pub assessments: Vec<RecordAttempt>,
    /// The careers the student saved, by code (empty in version 1).
    pub saved_careers: Vec<RecordSavedCareer>,
    /// Reserved for later areas; always empty in versions 1 and 2.
    pub goals: Vec<Value>,
    pub course_plans: Vec<Value>,
    pub experiences: Vec<Value>,
    pub credentials: Vec<Value>,
    pub portfolio: Vec<Value>,
}

/// The student themself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordStudent {
    pub state_student_id: String,
    pub given_name: String,
    pub family_name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub grade: Option<i64>,
    /// `active`, `alumni` or `withdrawn`.
    pub status: String,
    pub graduation_year: Option<i64>,
    pub email: Option<String>,
}

/// One enrolment: a school, a year, a grade.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SchoolLine {
    pub school_name: String,
    pub school_code: String,
    pub district_name: Option<String>,
    pub district_code: Option<String>,
    pub school_year: String,
    pub grade: i64,
    pub entry_date: String,
    pub exit_date: Option<String>,
}

/// A parent or guardian.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RecordGuardian {
    pub given_name: String,
    pub family_name: String,
    pub relationship: String,
    pub email: Option<String>,
}

/// A mentor or advisory-group leader: names only.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RecordMentor {
    pub given_name: String,
    pub family_name: String,
}

/// One entry of the record of access.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccessLine {
    /// RFC 3339, UTC, milliseconds.
    pub at: String,
    /// The name of who opened or changed the record.
    pub who: String,
    /// Their role (`student`, `guardian`, `counselor`, …).
    pub role: String,
    /// Why they had access (`self`, `guardian`, `mentor`, a role, …).
    pub basis: String,
    /// What they did (`view`, `edit`, `export`, …).
    pub action: String,
    /// What they did it to (`home`, `demographics`, `export`, …).
    pub resource: String,
}

/// One attempt at an assessment instrument, as it was kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordAttempt {
    /// The attempt's id where it was taken, in decimal digits (a string:
    /// it may exceed the integers JavaScript reads exactly). Kept on
    /// import, so that the same attempt is never added twice.
    pub attempt_id: String,
    pub instrument_id: String,
    pub instrument_version: String,
    pub form_id: String,
    /// The student's grade when they started.
    pub grade: i64,
    /// The language they took it in.
    pub language: String,
    /// RFC 3339, UTC, milliseconds.
    pub started_at: String,
    /// The last saved answer (or the finish).
    pub updated_at: String,
    /// `None` while unfinished.
    pub completed_at: Option<String>,
    /// Item id → the value of the answer.
    pub answers: BTreeMap<String, i32>,
    /// The scores as stored when it was finished; `None` while unfinished.
    pub scores: Option<Scores>,
}

/// A career the student saved, with their note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSavedCareer {
    /// The O*NET-SOC code, `29-1141.00`: the key.
    pub onet_code: String,
    /// The occupation's title when the record was made, for reading.
    pub title: String,
    /// The student's note; empty when none.
    pub note: String,
    /// When it was first saved (RFC 3339, UTC, milliseconds).
    pub saved_at: String,
    /// When it or its note last changed.
    pub updated_at: String,
}

/// One problem with a record: where (`student.birth_date`,
/// `schools[2].entry_date`, or `file` for the file itself) and a
/// translation key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordIssue {
    pub field: String,
    pub key: &'static str,
}

impl std::fmt::Display for RecordIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.key)
    }
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordImport {
    pub student_id: UserId,
    /// A new account was made (else the record was merged into an
    /// existing student).
    pub created: bool,
    /// The new account's username.
    pub username: Option<String>,
    /// Enrolment lines added.
    pub lines_added: usize,
    /// Assessment attempts added.
    pub attempts_added: usize,
    /// Saved careers added.
    pub careers_added: usize,
    /// Saved careers here whose empty note took the record's.
    pub notes_added: usize,
    /// What was left out (an e-mail address already in use).
    pub warnings: Vec<RecordIssue>,
}

impl std::fmt::Display for RecordImport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.created {
            write!(
                f,
                "created student {} ({}); {} enrolment lines, {} assessment attempts, {} saved careers",
                self.student_id,
                self.username.as_deref().unwrap_or(""),
                self.lines_added,
                self.attempts_added,
                self.careers_added
            )?;
        } else {
            write!(
                f,
                "merged into student {}; {} enrolment lines added, {} assessment attempts added, \
                 {} saved careers added, {} notes added",
                self.student_id, self.lines_added, self.attempts_added, self.careers_added, self.notes_added
            )?;
        }
        for w in &self.warnings {
            write!(f, "; left out {w}")?;
        }
        Ok(())
    }
}

/// Why an import changed nothing.
#[derive(Debug)]
pub enum RecordImportError {
    /// The document has problems; every one is listed (up to a limit).
    Rejected(Vec<RecordIssue>),
    /// Permission, or the database.
    App(AppError),
}

impl From<AppError> for RecordImportError {
    fn from(e: AppError) -> Self {
        RecordImportError::App(e)
    }
}

impl From<waypoint_store::StoreError> for RecordImportError {
    fn from(e: waypoint_store::StoreError) -> Self {
        RecordImportError::App(e.into())
    }
}

// --- Reading and checking a document ---------------------------------------

/// What a value in the document must be. The same rules as the published
/// JSON Schema, with a message per field.
#[derive(Clone, Copy)]
enum Ty {
    /// A string that is not blank, at most this many characters.
    Str(usize),
    /// A string, possibly empty, at most this many characters.
    Text(usize),
    /// `YYYY-MM-DD`, a real date.
    Date,
    /// RFC 3339.
    DateTime,
    /// A whole number in this range.
    Int(i64, i64),
    Bool,
    Email,
    Choice(&'static [&'static str]),
    /// `null` or the inner type.
    Null(&'static Ty),
    /// An object with exactly these keys (all required).
    Obj(&'static [(&'static str, Ty)]),
    Arr(&'static Ty),
    /// An object whose keys are names (not blank, at most this many
    /// characters) and whose values are all of one type.
    Map(&'static Ty, usize),
    /// An object whose key `.0` says which of the shapes in `.1` it has:
    /// `(tag, the other keys)`.
    Tagged(&'static str, &'static [(&'static str, &'static [(&'static str, Ty)])]),
    /// A finite number.
    Num,
    /// An id: a string of decimal digits, a whole number from 1 to 2⁶³ − 1.
    Id,
    /// An O*NET-SOC code, `29-1141.00`.
    OnetCode,
    /// A section later versions fill: an array, empty in this version.
    Reserved,
}

const NAME: Ty = Ty::Str(100);
const STUDENT: Ty = Ty::Obj(&[
    ("state_student_id", Ty::Str(64)),
    ("given_name", NAME),
    ("family_name", NAME),
    ("birth_date", Ty::Null(&Ty::Date)),
    ("grade", Ty::Null(&Ty::Int(0, 13))),
    ("status", Ty::Choice(&["active", "alumni", "withdrawn"])),
    ("graduation_year", Ty::Null(&Ty::Int(1900, 2200))),
    ("email", Ty::Null(&Ty::Email)),
]);
const SCHOOL: Ty = Ty::Obj(&[
    ("school_name", Ty::Str(200)),
    ("school_code", Ty::Str(40)),
    ("district_name", Ty::Null(&Ty::Str(200))),
    ("district_code", Ty::Null(&Ty::Str(40))),
    ("school_year", Ty::Str(32)),
    ("grade", Ty::Int(0, 13)),
    ("entry_date", Ty::Date),
    ("exit_date", Ty::Null(&Ty::Date)),
]);
const GUARDIAN: Ty = Ty::Obj(&[
    ("given_name", Ty::Text(100)),
    ("family_name", Ty::Text(100)),
    ("relationship", Ty::Text(50)),
    ("email", Ty::Null(&Ty::Email)),
]);
const MENTOR: Ty = Ty::Obj(&[("given_name", Ty::Text(100)), ("family_name", Ty::Text(100))]);
const DEMOGRAPHICS: Ty = Ty::Obj(&[
    ("race_ethnicity", Ty::Null(&Ty::Choice(&RACE_ETHNICITY))),
    ("gender", Ty::Null(&Ty::Choice(&["female", "male", "nonbinary"]))),
    ("low_income", Ty::Bool),
    ("english_learner", Ty::Bool),
    ("disability_iep", Ty::Bool),
    ("section_504", Ty::Bool),
    ("homeless", Ty::Bool),
    ("foster", Ty::Bool),
    ("military_connected", Ty::Bool),
]);
const ACCESS: Ty = Ty::Obj(&[
    ("at", Ty::DateTime),
    ("who", Ty::Text(200)),
    ("role", Ty::Str(64)),
    ("basis", Ty::Str(64)),
    ("action", Ty::Str(64)),
    ("resource", Ty::Str(64)),
]);
/// The 0–100 score of a scale, or why there is none.
const SCALE_OUTCOME: Ty = Ty::Tagged(
    "status",
    &[
        (
            "scored",
            &[("raw", Ty::Num), ("score", Ty::Int(0, 100)), ("band", Ty::Str(64))],
        ),
        ("not_enough_answers", &[]),
    ],
);
const COUNT: Ty = Ty::Int(0, 100_000);
const SCALE_SCORE: Ty = Ty::Obj(&[
    ("scale", Ty::Str(64)),
    ("items", COUNT),
    ("answered", COUNT),
    ("needed", COUNT),
    ("outcome", SCALE_OUTCOME),
]);
const CODE_GROUP: Ty = Ty::Obj(&[
    ("scales", Ty::Arr(&Ty::Str(64))),
    ("letters", Ty::Arr(&Ty::Str(64))),
    ("score", Ty::Int(0, 100)),
    ("places", Ty::Int(0, 255)),
]);
/// `waypoint_domain::assessment::Scores` as the store keeps it.
const SCORES: Ty = Ty::Obj(&[
    ("instrument_id", Ty::Str(64)),
    ("instrument_version", Ty::Str(32)),
    ("form_id", Ty::Str(64)),
    ("complete", Ty::Bool),
    ("scales", Ty::Arr(&SCALE_SCORE)),
    (
        "code",
        Ty::Null(&Ty::Obj(&[("text", Ty::Text(200)), ("groups", Ty::Arr(&CODE_GROUP))])),
    ),
]);
const ATTEMPT: Ty = Ty::Obj(&[
    ("attempt_id", Ty::Id),
    ("instrument_id", Ty::Str(64)),
    ("instrument_version", Ty::Str(32)),
    ("form_id", Ty::Str(64)),
    ("grade", Ty::Int(0, 13)),
    ("language", Ty::Str(35)),
    ("started_at", Ty::DateTime),
    ("updated_at", Ty::DateTime),
    ("completed_at", Ty::Null(&Ty::DateTime)),
    ("answers", Ty::Map(&Ty::Int(-1000, 1000), 64)),
    ("scores", Ty::Null(&SCORES)),
]);
const SAVED_CAREER: Ty = Ty::Obj(&[
    ("onet_code", Ty::OnetCode),
    ("title", Ty::Str(300)),
    ("note", Ty::Text(crate::careers::NOTE_MAX)),
    ("saved_at", Ty::DateTime),
    ("updated_at", Ty::DateTime),
]);
/// Version 1: `assessments` and `saved_careers` reserved (empty).
const DOCUMENT_V1: Ty = Ty::Obj(&[
    ("format", Ty::Choice(&[FORMAT])),
    ("version", Ty::Int(1, 1)),
    ("exported_at", Ty::DateTime),
    ("issuer", Ty::Str(500)),
    ("student", STUDENT),
    ("schools", Ty::Arr(&SCHOOL)),
    ("guardians", Ty::Arr(&GUARDIAN)),
    ("mentors", Ty::Arr(&MENTOR)),
    ("demographics", Ty::Null(&DEMOGRAPHICS)),
    ("access_log", Ty::Null(&Ty::Arr(&ACCESS))),
    ("assessments", Ty::Reserved),
    ("saved_careers", Ty::Reserved),
    ("goals", Ty::Reserved),
    ("course_plans", Ty::Reserved),
    ("experiences", Ty::Reserved),
    ("credentials", Ty::Reserved),
    ("portfolio", Ty::Reserved),
]);
/// Version 2: version 1 with `assessments` and `saved_careers` filled.
const DOCUMENT_V2: Ty = Ty::Obj(&[
    ("format", Ty::Choice(&[FORMAT])),
    ("version", Ty::Int(2, 2)),
    ("exported_at", Ty::DateTime),
    ("issuer", Ty::Str(500)),
    ("student", STUDENT),
    ("schools", Ty::Arr(&SCHOOL)),
    ("guardians", Ty::Arr(&GUARDIAN)),
    ("mentors", Ty::Arr(&MENTOR)),
    ("demographics", Ty::Null(&DEMOGRAPHICS)),
    ("access_log", Ty::Null(&Ty::Arr(&ACCESS))),
    ("assessments", Ty::Arr(&ATTEMPT)),
    ("saved_careers", Ty::Arr(&SAVED_CAREER)),
    ("goals", Ty::Reserved),
    ("course_plans", Ty::Reserved),
    ("experiences", Ty::Reserved),
    ("credentials", Ty::Reserved),
    ("portfolio", Ty::Reserved),
]);

/// The shape of a document of this version, if this Waypoint reads it.
fn document(version: i64) -> Option<Ty> {
    match version {
        1 => Some(DOCUMENT_V1),
        2 => Some(DOCUMENT_V2),
        _ => None,
    }
}

/// At most this many problems are listed.
const MAX_ISSUES: usize = 200;

struct Checker {
    issues: Vec<RecordIssue>,
}

impl Checker {
    fn add(&mut self, field: &str, key: &'static str) {
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(RecordIssue {
                field: field.to_string(),
                key,
            });
        }
    }

    fn check(&mut self, v: &Value, ty: Ty, path: &str) {
        let string = |c: &mut Checker| -> Option<String> {
            match v.as_str() {
                Some(s) => Some(s.to_string()),
                None => {
                    c.add(path, "error-record-type");
                    None
                }
            }
        };
        match ty {
            Ty::Null(inner) => {
                if !v.is_null() {
                    self.check(v, *inner, path);
                }
            }
            Ty::Str(max) | Ty::Text(max) => {
                if let Some(s) = string(self) {
                    if matches!(ty, Ty::Str(_)) && s.trim().is_empty() {
                        self.add(path, "error-record-empty");
                    } else if s.chars().count() > max {
                        self.add(path, "error-record-too-long");
                    }
                }
            }
            Ty::Date => {
                if let Some(s) = string(self)
                    && parse_date(&s).is_none()
                {
                    self.add(path, "error-record-date");
                }
            }
            Ty::DateTime => {
                if let Some(s) = string(self)
                    && time::OffsetDateTime::parse(&s, &time::format_description::well_known::Rfc3339).is_err()
                {
                    self.add(path, "error-record-datetime");
                }
            }
            Ty::Int(lo, hi) => match v.as_i64() {
                Some(n) if (lo..=hi).contains(&n) => {}
                Some(_) => self.add(
                    path,
                    if path == "version" {
                        "error-record-version"
                    } else {
                        "error-record-number"
                    },
                ),
                None => self.add(path, "error-record-type"),
            },
            Ty::Bool => {
                if !v.is_boolean() {
                    self.add(path, "error-record-type");
                }
            }
            Ty::Email => {
                if let Some(s) = string(self) {
                    // The same rule as every e-mail field in Waypoint.
                    let mut e = validate::FieldErrors::new();
                    validate::optional_email(&mut e, "email", &s);
                    if s.trim().is_empty() || !e.is_empty() {
                        self.add(path, "error-record-email");
                    }
                }
            }
            Ty::Choice(allowed) => {
                if let Some(s) = string(self)
                    && !allowed.contains(&s.as_str())
                {
                    self.add(
                        path,
                        if path == "format" {
                            "error-record-format"
                        } else {
                            "error-record-choice"
                        },
                    );
                }
            }
            Ty::Obj(fields) => {
                let Some(map) = v.as_object() else {
                    self.add(path, "error-record-type");
                    return;
                };
                self.fields(map, fields, &[], path);
            }
            Ty::Tagged(tag, shapes) => {
                let Some(map) = v.as_object() else {
                    self.add(path, "error-record-type");
                    return;
                };
                let at = format!("{path}.{tag}");
                match map.get(tag) {
                    None => self.add(&at, "error-record-missing"),
                    Some(t) => match t.as_str() {
                        None => self.add(&at, "error-record-type"),
                        Some(t) => match shapes.iter().find(|(name, _)| *name == t) {
                            Some((_, fields)) => self.fields(map, fields, &[tag], path),
                            None => self.add(&at, "error-record-choice"),
                        },
                    },
                }
            }
            Ty::Map(inner, max_key) => {
                let Some(map) = v.as_object() else {
                    self.add(path, "error-record-type");
                    return;
                };
                for (k, x) in map {
                    let p = format!("{path}.{k}");
                    if k.trim().is_empty() || k.chars().count() > max_key {
                        self.add(&p, "error-record-key");
                    } else {
                        self.check(x, *inner, &p);
                    }
                }
            }
            Ty::Num => {
                if !v.as_f64().is_some_and(f64::is_finite) {
                    self.add(path, "error-record-type");
                }
            }
            Ty::Id => {
                if let Some(s) = string(self)
                    && parse_id(&s).is_none()
                {
                    self.add(path, "error-record-id");
                }
            }
            Ty::OnetCode => {
                if let Some(s) = string(self)
                    && !is_onet_code(&s)
                {
                    self.add(path, "error-record-onet-code");
                }
            }
            Ty::Arr(inner) => {
                let Some(items) = v.as_array() else {
                    self.add(path, "error-record-type");
                    return;
                };
                for (i, x) in items.iter().enumerate() {
                    self.check(x, *inner, &format!("{path}[{i}]"));
                }
            }
            Ty::Reserved => match v.as_array() {
                Some(items) if items.is_empty() => {}
                Some(_) => self.add(path, "error-record-reserved"),
                None => self.add(path, "error-record-type"),
            },
        }
    }

    /// Checks an object's keys: exactly `fields` (all required), besides
    /// the keys in `also` (checked by the caller).
    fn fields(
        &mut self,
        map: &serde_json::Map<String, Value>,
        fields: &[(&'static str, Ty)],
        also: &[&str],
        path: &str,
    ) {
        let at = |k: &str| {
            if path.is_empty() {
                k.to_string()
            } else {
                format!("{path}.{k}")
            }
        };
        for (k, t) in fields {
            match map.get(*k) {
                Some(x) => self.check(x, *t, &at(k)),
                None => self.add(&at(k), "error-record-missing"),
            }
        }
        let mut unknown: Vec<&String> = map
            .keys()
            .filter(|k| !fields.iter().any(|(f, _)| f == k) && !also.contains(&k.as_str()))
            .collect();
        unknown.sort();
        for k in unknown {
            self.add(&at(k), "error-record-unknown");
        }
    }
}

/// An id written as decimal digits: 1 to 2⁶³ − 1, no sign, no leading zero.
fn parse_id(s: &str) -> Option<i64> {
    if s.is_empty() || s.starts_with('0') || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok().filter(|n| *n > 0)
}

/// `NN-NNNN.NN`, as O*NET-SOC writes its codes.
fn is_onet_code(s: &str) -> bool {
    s.len() == 10 && crate::careers::is_code_prefix(s)
}

/// An RFC 3339 time as milliseconds since 1970.
fn ms_of(s: &str) -> Option<i64> {
    let t = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()?;
    i64::try_from(t.unix_timestamp_nanos().div_euclid(1_000_000)).ok()
}

fn parse_date(s: &str) -> Option<time::Date> {
    // Exactly `YYYY-MM-DD`: the parser would also take a longer year.
    if s.len() != 10 {
        return None;
    }
    time::Date::parse(s, &time::macros::format_description!("[year]-[month]-[day]")).ok()
}

fn rfc3339_ms(ms: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    t.format(&time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    ))
    .unwrap_or_default()
}

impl PortableRecord {
    /// Reads and checks a document. Every problem is reported with where
    /// it is; a file that is not a Waypoint record at all gets one.
    pub fn from_json(bytes: &[u8]) -> Result<PortableRecord, Vec<RecordIssue>> {
        let issue = |field: &str, key| {
            vec![RecordIssue {
                field: field.to_string(),
                key,
            }]
        };
        if bytes.len() > MAX_RECORD_BYTES {
            return Err(issue("file", "error-record-too-large"));
        }
        let v: Value = serde_json::from_slice(bytes).map_err(|_| issue("file", "error-record-json"))?;
        let Some(map) = v.as_object() else {
            return Err(issue("file", "error-record-format"));
        };
        // Not a Waypoint record, or a version this one cannot read: say
        // that alone, not a list of everything that differs.
        if map.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(issue("format", "error-record-format"));
        }
        let Some(shape) = map.get("version").and_then(Value::as_i64).and_then(document) else {
            return Err(issue("version", "error-record-version"));
        };
        let mut c = Checker { issues: Vec::new() };
        c.check(&v, shape, "");
        if !c.issues.is_empty() {
            return Err(c.issues);
        }
        let doc: PortableRecord = serde_json::from_value(v).map_err(|_| issue("file", "error-record-json"))?;
        let issues = doc.validate();
        if issues.is_empty() { Ok(doc) } else { Err(issues) }
    }

    /// Checks a document already in memory against the same rules as
    /// [`PortableRecord::from_json`] (which it is used by).
    pub fn validate(&self) -> Vec<RecordIssue> {
        let v = match serde_json::to_value(self) {
            Ok(v) => v,
            Err(_) => {
                return vec![RecordIssue {
                    field: "file".into(),
                    key: "error-record-json",
                }];
            }
        };
        let Some(shape) = document(self.version) else {
            return vec![RecordIssue {
                field: "version".into(),
                key: "error-record-version",
            }];
        };
        let mut c = Checker { issues: Vec::new() };
        c.check(&v, shape, "");
        for (i, s) in self.schools.iter().enumerate() {
            if let (Some(entry), Some(exit)) = (parse_date(&s.entry_date), s.exit_date.as_deref().and_then(parse_date))
                && exit < entry
            {
                c.add(&format!("schools[{i}].exit_date"), "error-record-date-order");
            }
        }
        // Attempts: each id once; times in order; scores exactly when
        // finished; one unfinished attempt per instrument version (as the
        // store keeps them).
        let mut ids = HashSet::new();
        let mut open = HashSet::new();
        for (i, a) in self.assessments.iter().enumerate() {
            let at = |f: &str| format!("assessments[{i}].{f}");
            if !ids.insert(a.attempt_id.as_str()) {
                c.add(&at("attempt_id"), "error-record-duplicate");
            }
            let started = ms_of(&a.started_at);
            if let (Some(start), Some(t)) = (started, ms_of(&a.updated_at))
                && t < start
            {
                c.add(&at("updated_at"), "error-record-time-order");
            }
            if let (Some(start), Some(t)) = (started, a.completed_at.as_deref().and_then(ms_of))
                && t < start
            {
                c.add(&at("completed_at"), "error-record-time-order");
            }
            if a.completed_at.is_some() != a.scores.is_some() {
                c.add(&at("scores"), "error-record-scores");
            }
            if a.completed_at.is_none() && !open.insert((a.instrument_id.as_str(), a.instrument_version.as_str())) {
                c.add(&at("completed_at"), "error-record-open-twice");
            }
        }
        let mut codes = HashSet::new();
        for (i, s) in self.saved_careers.iter().enumerate() {
            if !codes.insert(s.onet_code.as_str()) {
                c.add(&format!("saved_careers[{i}].onet_code"), "error-record-duplicate");
            }
            if let (Some(saved), Some(t)) = (ms_of(&s.saved_at), ms_of(&s.updated_at))
                && t < saved
            {
                c.add(&format!("saved_careers[{i}].updated_at"), "error-record-time-order");
            }
        }
        c.issues
    }

    /// The document as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The document without the two fields that differ between exports
    /// of the same data (`exported_at`, `issuer`), for comparisons.
    pub fn content(&self) -> PortableRecord {
        PortableRecord {
            exported_at: String::new(),
            issuer: String::new(),
            ..self.clone()
        }
    }
}

// --- Use cases ---------------------------------------------------------------

/// A value the checks have already vouched for; should it still be wanting,
/// the document is refused at `field` rather than guessed at.
fn need<T>(v: Option<T>, field: String) -> Result<T, RecordImportError> {
    v.ok_or_else(|| {
        RecordImportError::Rejected(vec![RecordIssue {
            field,
            key: "error-record-type",
        }])
    })
}

/// The attempt `a` (at `assessments[i]`) as the student's here.
fn attempt_from(student_id: UserId, a: &RecordAttempt, i: usize) -> Result<Attempt, RecordImportError> {
    let at = |f: &str| format!("assessments[{i}].{f}");
    Ok(Attempt {
        id: AttemptId(need(parse_id(&a.attempt_id), at("attempt_id"))?),
        student_id,
        instrument_id: a.instrument_id.clone(),
        instrument_version: a.instrument_version.clone(),
        form_id: a.form_id.clone(),
        grade: a.grade,
        language: a.language.clone(),
        started_at_ms: need(ms_of(&a.started_at), at("started_at"))?,
        updated_at_ms: need(ms_of(&a.updated_at), at("updated_at"))?,
        completed_at_ms: match &a.completed_at {
            Some(t) => Some(need(ms_of(t), at("completed_at"))?),
            None => None,
        },
        answers: a.answers.clone(),
        scores: a.scores.clone(),
    })
}

/// A username for an account made from a record: `given.family` in plain
/// letters, with a number added until it is free.
fn username_base(given: &str, family: &str) -> String {
    let fold = |s: &str| -> String {
        s.to_lowercase()
            .chars()
            .map(|c| match c {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'í' | 'ì' | 'î' | 'ï' => 'i',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
                'ú' | 'ù' | 'û' | 'ü' => 'u',
                'ñ' => 'n',
                'ç' => 'c',
                c => c,
            })
            .filter(|c| c.is_ascii_alphanumeric())
            .collect()
    };
    let base: String = format!("{}.{}", fold(given), fold(family)).chars().take(50).collect();
    let base = base.trim_matches('.');
    if base.len() < 3 {
        "student".into()
    } else {
        base.to_string()
    }
}

impl App {
    /// The school a record may be imported into: the actor must manage
    /// people there. Used by the import form too.
    pub async fn record_import_school(&self, actor: &Actor, school_id: OrgId) -> AppResult<OrgRecord> {
        let org = self.store.org(school_id).await?.ok_or(AppError::NotFound)?;
        if !authz::org(actor, OrgAction::ManagePeople, &org.place()) {
            return Err(AppError::Forbidden);
        }
        if org.kind != OrgKind::School {
            return Err(AppError::NotFound);
        }
        Ok(org)
    }

    /// The student's portable record. Allowed to the student, a minor's
    /// guardian, and counselors and administrators in scope (a transfer);
    /// logged as an access ("export"). Demographics and the record of
    /// access are included when the exporter may see them.
    pub async fn export_record(&self, actor: &Actor, student_id: UserId, origin: &Origin) -> AppResult<PortableRecord> {
        let opened = self
            .open_student(actor, student_id, StudentAction::Export, "export", origin)
            .await?;
        let f = &opened.facts;
        let with_demographics = self.may(actor, StudentAction::ViewDemographics, f);
        let with_log = self.may(actor, StudentAction::ViewAccessLog, f);
        let data = self.store.record_data(student_id).await?.ok_or(AppError::NotFound)?;
        let access_log = if with_log {
            // The log includes this export.
            self.flush_access_log().await;
            let mut lines: Vec<AccessLine> = self
                .store
                .record_access(student_id)
                .await?
                .into_iter()
                .map(|a| AccessLine {
                    at: rfc3339_ms(a.at),
                    who: a.actor_name,
                    role: a.actor_role,
                    basis: a.basis,
                    action: a.action,
                    resource: a.resource,
                })
                .collect();
            lines.sort();
            Some(lines)
        } else {
            None
        };
        let s = data.student;
        let mut schools: Vec<SchoolLine> = data
            .history
            .into_iter()
            .map(|l| SchoolLine {
                school_name: l.school_name,
                school_code: l.school_code,
                district_name: l.district_name,
                district_code: l.district_code,
                school_year: l.school_year,
                grade: l.grade_level,
                entry_date: l.entry_date,
                exit_date: l.exit_date,
            })
            .collect();
        schools.sort_by(|a, b| {
            (&a.entry_date, &a.school_year, &a.school_code)
                .cmp(&(&b.entry_date, &b.school_year, &b.school_code))
                .then_with(|| a.cmp(b))
        });
        let guardians: BTreeSet<RecordGuardian> = data
            .guardians
            .into_iter()
            .map(|g| RecordGuardian {
                given_name: g.given_name,
                family_name: g.family_name,
                relationship: g.relationship,
                email: g.email,
            })
            .collect();
        let mut guardians: Vec<RecordGuardian> = guardians.into_iter().collect();
        guardians.sort_by(|a, b| {
            (&a.family_name, &a.given_name)
                .cmp(&(&b.family_name, &b.given_name))
                .then_with(|| a.cmp(b))
        });
        let mentors: BTreeSet<(String, String)> = data
            .mentors
            .into_iter()
            .map(|m| (m.family_name, m.given_name))
            .collect();
        let mut attempts = data.attempts;
        attempts.sort_by_key(|a| (a.started_at_ms, a.id.0));
        let assessments = attempts
            .into_iter()
            .map(|a| RecordAttempt {
                attempt_id: a.id.0.to_string(),
                instrument_id: a.instrument_id,
                instrument_version: a.instrument_version,
                form_id: a.form_id,
                grade: a.grade,
                language: a.language,
                started_at: rfc3339_ms(a.started_at_ms),
                updated_at: rfc3339_ms(a.updated_at_ms),
                completed_at: a.completed_at_ms.map(rfc3339_ms),
                answers: a.answers,
                scores: a.scores,
            })
            .collect();
        let mut careers = data.saved_careers;
        careers.sort_by(|a, b| a.onet_code.cmp(&b.onet_code));
        let saved_careers = careers
            .into_iter()
            .map(|c| RecordSavedCareer {
                onet_code: c.onet_code,
                title: c.title,
                note: c.note,
                saved_at: rfc3339_ms(c.saved_at),
                updated_at: rfc3339_ms(c.updated_at),
            })
            .collect();
        Ok(PortableRecord {
            format: FORMAT.into(),
            version: VERSION,
            exported_at: rfc3339_ms(now_ms()),
            issuer: self.config.public_url.clone(),
            student: RecordStudent {
                state_student_id: s.state_student_id,
                given_name: s.given_name,
                family_name: s.family_name,
                birth_date: s.birth_date,
                grade: s.grade_level,
                status: s.status.as_str().into(),
                graduation_year: s.graduation_year,
                email: s.email,
            },
            schools,
            guardians,
            mentors: mentors
                .into_iter()
                .map(|(family_name, given_name)| RecordMentor {
                    given_name,
                    family_name,
                })
                .collect(),
            demographics: with_demographics.then_some(data.demographics),
            access_log,
            assessments,
            saved_careers,
            goals: Vec::new(),
            course_plans: Vec::new(),
            experiences: Vec::new(),
            credentials: Vec::new(),
            portfolio: Vec::new(),
        })
    }

    /// Imports a portable record at a school, for an administrator who
    /// manages people there. A student with the same state student id is
    /// the same person: their account stays, only enrolment lines,
    /// assessment attempts (by attempt id) and saved careers (by code) they
    /// lack are added, and a saved career's empty note takes the record's
    /// (the actor must be allowed to change their record). Otherwise a new
    /// student account (no password) is placed at the school with the
    /// record's grade, history, demographics, named people, attempts and
    /// saved careers. All in one transaction; on any problem nothing is
    /// written.
    pub async fn import_record(
        &self,
        actor: &Actor,
        school_id: OrgId,
        doc: &PortableRecord,
        origin: &Origin,
    ) -> Result<RecordImport, RecordImportError> {
        let school = self.record_import_school(actor, school_id).await?;
        let issues = doc.validate();
        if !issues.is_empty() {
            return Err(RecordImportError::Rejected(issues));
        }
        let store = &self.store;
        let st = &doc.student;
        let existing = store.student_by_state_id(&st.state_student_id).await?;

        // Where each enrolment line is: a school here (same school code in
        // a district with the same code), else a line of history.
        let mut codes: Vec<String> = doc.schools.iter().map(|s| s.school_code.clone()).collect();
        codes.sort();
        codes.dedup();
        let here = store.schools_by_codes(&codes).await?;
        let local_school = |s: &SchoolLine| -> Option<OrgId> {
            here.get(&s.school_code)?
                .iter()
                .find(|(_, d)| *d == s.district_code)
                .map(|(id, _)| *id)
        };

        type Known = (Vec<Attempt>, Vec<SavedCareer>);
        let (student_id, created, lines, (have_attempts, have_careers)): (UserId, bool, Vec<&SchoolLine>, Known) =
            match existing {
                Some(id) => {
                    match self
                        .open_student(actor, id, StudentAction::Edit, "record", origin)
                        .await
                    {
                        Ok(_) => {}
                        Err(AppError::Forbidden) => {
                            return Err(RecordImportError::Rejected(vec![RecordIssue {
                                field: "student.state_student_id".into(),
                                key: "error-record-student-elsewhere",
                            }]));
                        }
                        Err(e) => return Err(e.into()),
                    }
                    let data = store.record_data(id).await?.ok_or(AppError::NotFound)?;
                    let have: HashSet<(String, String)> = data
                        .history
                        .into_iter()
                        .map(|l| (l.school_code, l.school_year))
                        .collect();
                    let lines = doc
                        .schools
                        .iter()
                        .filter(|s| !have.contains(&(s.school_code.clone(), s.school_year.clone())))
                        .collect();
                    (id, false, lines, (data.attempts, data.saved_careers))
                }
                None => (
                    UserId::generate(),
                    true,
                    doc.schools.iter().collect(),
                    (Vec::new(), Vec::new()),
                ),
            };

        let mut changes = RecordChanges::new(student_id, doc.issuer.clone());
        let mut warnings = Vec::new();
        for s in &lines {
            match local_school(s) {
                Some(school_id) => changes.enrollments.push(LocalEnrollment {
                    school_id,
                    school_year: s.school_year.clone(),
                    grade_level: s.grade,
                    entry_date: s.entry_date.clone(),
                    exit_date: s.exit_date.clone(),
                }),
                None => changes.history.push(HistoryLine {
                    school_name: s.school_name.clone(),
                    school_code: s.school_code.clone(),
                    district_name: s.district_name.clone(),
                    district_code: s.district_code.clone(),
                    school_year: s.school_year.clone(),
                    grade_level: s.grade,
                    entry_date: s.entry_date.clone(),
                    exit_date: s.exit_date.clone(),
                }),
            }
        }
        // Attempts, by id: one the student has is left as it is. An
        // unfinished one cannot join an unfinished attempt at the same
        // instrument version here (only one can be resumed): it is left out.
        let known: HashSet<AttemptId> = have_attempts.iter().map(|a| a.id).collect();
        let open_here: HashSet<(&str, &str)> = have_attempts
            .iter()
            .filter(|a| !a.is_finished())
            .map(|a| (a.instrument_id.as_str(), a.instrument_version.as_str()))
            .collect();
        for (i, a) in doc.assessments.iter().enumerate() {
            let attempt = attempt_from(student_id, a, i)?;
            if known.contains(&attempt.id) {
                continue;
            }
            if !attempt.is_finished()
                && open_here.contains(&(attempt.instrument_id.as_str(), attempt.instrument_version.as_str()))
            {
                warnings.push(RecordIssue {
                    field: format!("assessments[{i}]"),
                    key: "error-record-open-attempt-here",
                });
                continue;
            }
            changes.attempts.push(attempt);
        }
        // Saved careers, by code: one the student has keeps its note here;
        // only an empty note takes the record's.
        let here: HashMap<&str, &SavedCareer> = have_careers.iter().map(|c| (c.onet_code.as_str(), c)).collect();
        for (i, c) in doc.saved_careers.iter().enumerate() {
            let saved_at = need(ms_of(&c.saved_at), format!("saved_careers[{i}].saved_at"))?;
            let updated_at = need(ms_of(&c.updated_at), format!("saved_careers[{i}].updated_at"))?;
            match here.get(c.onet_code.as_str()) {
                None => changes.saved_careers.push(SavedCareer {
                    onet_code: c.onet_code.clone(),
                    title: c.title.clone(),
                    note: c.note.clone(),
                    saved_at,
                    updated_at,
                }),
                Some(h) if h.note.is_empty() && !c.note.trim().is_empty() => {
                    changes
                        .career_notes
                        .push((c.onet_code.clone(), c.note.clone(), h.updated_at.max(updated_at)));
                }
                Some(_) => {}
            }
        }
        let mut username = None;
        if created {
            // An address already in use here stays out; the account works
            // without one.
            let email = match &st.email {
                Some(e) => {
                    let key = e.trim().to_lowercase();
                    if store.users_by_emails(std::slice::from_ref(&key)).await?.is_empty() {
                        Some(e.clone())
                    } else {
                        warnings.push(RecordIssue {
                            field: "student.email".into(),
                            key: "error-email-taken",
                        });
                        None
                    }
                }
                None => None,
            };
            let base = username_base(&st.given_name, &st.family_name);
            let candidates: Vec<String> = (1..=100)
                .map(|n| if n == 1 { base.clone() } else { format!("{base}{n}") })
                .collect();
            let taken = store.taken_usernames(&candidates).await?;
            let name = candidates
                .into_iter()
                .find(|c| !taken.contains(c))
                .unwrap_or_else(|| format!("{base}{}", rand::random::<u32>() % 1_000_000 + 101));
            username = Some(name.clone());
            changes.new_student = Some(RecordNewStudent {
                user: NewUser {
                    user_id: student_id,
                    kind: AccountKind::Student,
                    username: name,
                    email,
                    password_hash: None,
                    given_name: st.given_name.clone(),
                    family_name: st.family_name.clone(),
                    locale: "en".into(),
                },
                state_student_id: st.state_student_id.clone(),
                birth_date: st.birth_date.clone(),
                grade_level: st.grade,
                school_id: school.org_id,
                district_id: school.district_id,
                state_id: school.state_id,
                status: StudentStatus::parse(&st.status).unwrap_or(StudentStatus::Active),
                graduation_year: st.graduation_year,
            });
            changes.demographics = doc.demographics.clone();
            changes.guardians = doc
                .guardians
                .iter()
                .map(|g| NamedPerson {
                    given_name: g.given_name.clone(),
                    family_name: g.family_name.clone(),
                    relationship: g.relationship.clone(),
                    email: g.email.clone(),
                })
                .collect();
            changes.mentors = doc
                .mentors
                .iter()
                .map(|m| NamedPerson {
                    given_name: m.given_name.clone(),
                    family_name: m.family_name.clone(),
                    relationship: String::new(),
                    email: None,
                })
                .collect();
            changes.access.push(AccessEntry {
                student_id,
                at: now_ms(),
                actor_id: actor.user_id,
                actor_role: actor.log_role().into(),
                basis: "record_import".into(),
                action: "import".into(),
                resource: "record".into(),
                ip: origin.ip.clone(),
                district_id: school.district_id,
            });
        }
        let result = RecordImport {
            student_id,
            created,
            username,
            lines_added: changes.enrollments.len() + changes.history.len(),
            attempts_added: changes.attempts.len(),
            careers_added: changes.saved_careers.len(),
            notes_added: changes.career_notes.len(),
            warnings,
        };
        let nothing = !created
            && result.lines_added == 0
            && result.attempts_added == 0
            && result.careers_added == 0
            && result.notes_added == 0;
        if !nothing {
            store.apply_record(changes).await?;
        }
        store
            .audit(
                Some(actor.user_id),
                Some(school.org_id),
                "record_import",
                &st.state_student_id,
                &result.to_string(),
            )
            .await?;
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> PortableRecord {
        PortableRecord {
            format: FORMAT.into(),
            version: VERSION,
            exported_at: "2026-08-20T10:00:00.000Z".into(),
            issuer: "https://waypoint.example.org".into(),
            student: RecordStudent {
                state_student_id: "S-1".into(),
                given_name: "Ana".into(),
                family_name: "Núñez".into(),
                birth_date: Some("2011-03-04".into()),
                grade: Some(10),
                status: "active".into(),
                graduation_year: Some(2029),
                email: None,
            },
            schools: vec![SchoolLine {
                school_name: "North High".into(),
                school_code: "NH".into(),
                district_name: Some("North".into()),
                district_code: Some("N1".into()),
                school_year: "2026-2027".into(),
                grade: 10,
                entry_date: "2026-08-15".into(),
                exit_date: None,
            }],
            guardians: vec![],
            mentors: vec![],
            demographics: None,
            access_log: None,
            assessments: vec![],
            saved_careers: vec![],
            goals: vec![],
            course_plans: vec![],
            experiences: vec![],
            credentials: vec![],
            portfolio: vec![],
        }
    }

    #[test]
    fn a_valid_document_reads_back_the_same() {
        let d = doc();
        assert!(d.validate().is_empty(), "{:?}", d.validate());
        let back = PortableRecord::from_json(d.to_json_pretty().as_bytes()).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn problems_are_reported_by_field() {
        let mut v = serde_json::to_value(doc()).unwrap();
        v["student"].as_object_mut().unwrap().remove("state_student_id");
        v["student"]["birth_date"] = "2011-02-30".into();
        v["schools"][0]["grade"] = "ten".into();
        v["schools"][0]["exit_date"] = "2026-08-01".into();
        v["goals"] = serde_json::json!([{"title": "x"}]);
        v["surprise"] = true.into();
        let issues = PortableRecord::from_json(v.to_string().as_bytes()).unwrap_err();
        let got: Vec<(&str, &str)> = issues.iter().map(|i| (i.field.as_str(), i.key)).collect();
        assert!(
            got.contains(&("student.state_student_id", "error-record-missing")),
            "{got:?}"
        );
        assert!(got.contains(&("student.birth_date", "error-record-date")), "{got:?}");
        assert!(got.contains(&("schools[0].grade", "error-record-type")), "{got:?}");
        assert!(got.contains(&("goals", "error-record-reserved")), "{got:?}");
        assert!(got.contains(&("surprise", "error-record-unknown")), "{got:?}");

        let mut d = doc();
        d.schools[0].exit_date = Some("2026-08-01".into());
        assert_eq!(
            d.validate(),
            vec![RecordIssue {
                field: "schools[0].exit_date".into(),
                key: "error-record-date-order"
            }]
        );
    }

    #[test]
    fn other_files_get_one_message() {
        let one = |b: &[u8]| PortableRecord::from_json(b).unwrap_err();
        assert_eq!(one(b"not json")[0].key, "error-record-json");
        assert_eq!(one(b"[1, 2]")[0].key, "error-record-format");
        assert_eq!(one(br#"{"format": "other"}"#)[0].key, "error-record-format");
        let e = one(br#"{"format": "waypoint-record", "version": 3}"#);
        assert_eq!(
            (e.len(), e[0].field.as_str(), e[0].key),
            (1, "version", "error-record-version")
        );
    }

    fn attempt() -> RecordAttempt {
        serde_json::from_value(serde_json::json!({
            "attempt_id": "7301234567890123456",
            "instrument_id": "interests",
            "instrument_version": "1.0",
            "form_id": "full",
            "grade": 10,
            "language": "es",
            "started_at": "2026-09-01T15:00:00.000Z",
            "updated_at": "2026-09-01T15:20:00.000Z",
            "completed_at": "2026-09-01T15:20:00.000Z",
            "answers": {"r01": 4, "i01": 2},
            "scores": {
                "instrument_id": "interests", "instrument_version": "1.0", "form_id": "full",
                "complete": false,
                "scales": [
                    {"scale": "realistic", "items": 10, "answered": 1, "needed": 1,
                     "outcome": {"status": "scored", "raw": 4.0, "score": 75, "band": "high"}},
                    {"scale": "social", "items": 10, "answered": 0, "needed": 1,
                     "outcome": {"status": "not_enough_answers"}}
                ],
                "code": null
            }
        }))
        .unwrap()
    }

    fn career() -> RecordSavedCareer {
        RecordSavedCareer {
            onet_code: "29-1141.00".into(),
            title: "Registered Nurses".into(),
            note: "Ask about the clinic".into(),
            saved_at: "2026-09-02T10:00:00.000Z".into(),
            updated_at: "2026-09-03T10:00:00.000Z".into(),
        }
    }

    #[test]
    fn attempts_and_saved_careers_read_back_the_same() {
        let mut d = doc();
        d.assessments = vec![attempt()];
        d.saved_careers = vec![career()];
        assert!(d.validate().is_empty(), "{:?}", d.validate());
        let json = d.to_json_pretty();
        let back = PortableRecord::from_json(json.as_bytes()).unwrap();
        assert_eq!(back, d);
        assert_eq!(back.to_json_pretty(), json, "byte for byte");
        // The attempt as the store keeps it, and back.
        let a = attempt_from(UserId(5), &back.assessments[0], 0).unwrap();
        assert_eq!(a.id, AttemptId(7_301_234_567_890_123_456));
        assert_eq!(rfc3339_ms(a.started_at_ms), back.assessments[0].started_at);
        assert_eq!(a.completed_at_ms, Some(a.updated_at_ms));
    }

    #[test]
    fn a_version_1_document_is_still_read_but_its_reserved_sections_stay_empty() {
        let mut v = serde_json::to_value(doc()).unwrap();
        v["version"] = 1.into();
        let d = PortableRecord::from_json(v.to_string().as_bytes()).unwrap();
        assert_eq!(d.version, 1);
        assert!(d.assessments.is_empty() && d.saved_careers.is_empty());
        v["saved_careers"] = serde_json::json!([career()]);
        let e = PortableRecord::from_json(v.to_string().as_bytes()).unwrap_err();
        assert_eq!(
            e,
            vec![RecordIssue {
                field: "saved_careers".into(),
                key: "error-record-reserved"
            }]
        );
    }

    #[test]
    fn bad_attempts_and_careers_are_named_by_field() {
        let mut v = serde_json::to_value(doc()).unwrap();
        let mut a = serde_json::to_value(attempt()).unwrap();
        a["attempt_id"] = "12x".into();
        a["answers"]["r01"] = "four".into();
        a["scores"]["scales"][0]["outcome"]["status"] = "great".into();
        a["scores"]["scales"][1]["outcome"]["raw"] = 1.into();
        let mut c = serde_json::to_value(career()).unwrap();
        c["onet_code"] = "29-1141".into();
        c["note"] = "x".repeat(501).into();
        v["assessments"] = serde_json::json!([a]);
        v["saved_careers"] = serde_json::json!([c]);
        let issues = PortableRecord::from_json(v.to_string().as_bytes()).unwrap_err();
        let got: Vec<(&str, &str)> = issues.iter().map(|i| (i.field.as_str(), i.key)).collect();
        for want in [
            ("assessments[0].attempt_id", "error-record-id"),
            ("assessments[0].answers.r01", "error-record-type"),
            ("assessments[0].scores.scales[0].outcome.status", "error-record-choice"),
            ("assessments[0].scores.scales[1].outcome.raw", "error-record-unknown"),
            ("saved_careers[0].onet_code", "error-record-onet-code"),
            ("saved_careers[0].note", "error-record-too-long"),
        ] {
            assert!(got.contains(&want), "{want:?} not in {got:?}");
        }

        // Well formed, but not as Waypoint keeps them.
        let mut d = doc();
        let mut open = attempt();
        open.completed_at = None;
        open.scores = None;
        let mut twice = open.clone();
        twice.attempt_id = "7301234567890123457".into();
        let mut early = attempt();
        early.attempt_id = open.attempt_id.clone();
        early.completed_at = Some("2026-08-01T00:00:00.000Z".into());
        let mut unscored = attempt();
        unscored.attempt_id = "99".into();
        unscored.scores = None;
        d.assessments = vec![open, twice, early, unscored];
        let mut later = career();
        later.updated_at = "2026-09-01T00:00:00.000Z".into();
        d.saved_careers = vec![career(), later];
        let got = d.validate();
        let got: Vec<(&str, &str)> = got.iter().map(|i| (i.field.as_str(), i.key)).collect();
        assert_eq!(
            got,
            [
                ("assessments[1].completed_at", "error-record-open-twice"),
                ("assessments[2].attempt_id", "error-record-duplicate"),
                ("assessments[2].completed_at", "error-record-time-order"),
                ("assessments[3].scores", "error-record-scores"),
                ("saved_careers[1].onet_code", "error-record-duplicate"),
                ("saved_careers[1].updated_at", "error-record-time-order"),
            ]
        );
    }

    #[test]
    fn ids_and_codes() {
        assert_eq!(parse_id("1"), Some(1));
        assert_eq!(parse_id("9223372036854775807"), Some(i64::MAX));
        for bad in ["", "0", "01", "-1", "+1", "1.0", "9223372036854775808", " 1"] {
            assert_eq!(parse_id(bad), None, "{bad:?}");
        }
        assert!(is_onet_code("15-1252.00"));
        for bad in ["15-1252", "151252.00", "15-1252.0a", "15-1252.001", "1a-1252.00"] {
            assert!(!is_onet_code(bad), "{bad:?}");
        }
        assert_eq!(ms_of("1970-01-01T00:00:01.234Z"), Some(1234));
        assert_eq!(ms_of("1970-01-01T01:00:01.234+01:00"), Some(1234));
    }

    #[test]
    fn usernames_from_names() {
        assert_eq!(username_base("Ana María", "Núñez"), "anamaria.nunez");
        assert_eq!(username_base("李", "王"), "student");
        assert_eq!(username_base("Li", "Wu"), "li.wu");
        assert_eq!(username_base("Jo", ""), "student");
    }
}
