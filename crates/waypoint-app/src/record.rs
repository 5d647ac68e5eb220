//! The portable record: everything Waypoint holds about one student, in
//! one versioned document that the student (or a minor's guardian) can
//! download, and that another Waypoint instance can import when the
//! student transfers.
//!
//! The document ([`PortableRecord`], published as
//! `schemas/portable-record-v1.schema.json`) names things by content that
//! means the same on every instance — the state student id, school and
//! district codes, names — never by Waypoint's internal ids, and sorts
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
//! - A student who already exists (same state student id) keeps their
//!   account; only enrolment lines they lack (by school code and school
//!   year) are added.

use crate::App;
use crate::access::Origin;
use crate::error::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};
use waypoint_domain::authz::{self, OrgAction, StudentAction};
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::{AccountKind, Actor, Demographics, RACE_ETHNICITY, StudentStatus};
use waypoint_domain::{OrgId, UserId, validate};
use waypoint_store::logs::AccessEntry;
use waypoint_store::now_ms;
use waypoint_store::orgs::OrgRecord;
use waypoint_store::people::NewUser;
use waypoint_store::record::{HistoryLine, LocalEnrollment, NamedPerson, RecordChanges, RecordNewStudent};

/// The value of `format` in every portable record.
pub const FORMAT: &str = "waypoint-record";
/// The version of the document this Waypoint writes and reads.
pub const VERSION: i64 = 1;
/// The largest record file accepted for import.
pub const MAX_RECORD_BYTES: usize = 2 * 1024 * 1024;

/// A portable record, version 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortableRecord {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
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
    /// Reserved for later areas; always empty in version 1.
    pub assessments: Vec<Value>,
    pub saved_careers: Vec<Value>,
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
    /// What was left out (an e-mail address already in use).
    pub warnings: Vec<RecordIssue>,
}

impl std::fmt::Display for RecordImport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.created {
            write!(
                f,
                "created student {} ({}); {} enrolment lines",
                self.student_id,
                self.username.as_deref().unwrap_or(""),
                self.lines_added
            )?;
        } else {
            write!(
                f,
                "merged into student {}; {} enrolment lines added",
                self.student_id, self.lines_added
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
    /// A section later versions fill: an array, empty in version 1.
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
const DOCUMENT: Ty = Ty::Obj(&[
    ("format", Ty::Choice(&[FORMAT])),
    ("version", Ty::Int(VERSION, VERSION)),
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
                for (k, t) in fields {
                    let p = if path.is_empty() {
                        (*k).to_string()
                    } else {
                        format!("{path}.{k}")
                    };
                    match map.get(*k) {
                        Some(x) => self.check(x, *t, &p),
                        None => self.add(&p, "error-record-missing"),
                    }
                }
                let mut unknown: Vec<&String> = map.keys().filter(|k| !fields.iter().any(|(f, _)| f == k)).collect();
                unknown.sort();
                for k in unknown {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    self.add(&p, "error-record-unknown");
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
        if map.get("version").and_then(Value::as_i64) != Some(VERSION) {
            return Err(issue("version", "error-record-version"));
        }
        let mut c = Checker { issues: Vec::new() };
        c.check(&v, DOCUMENT, "");
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
        let mut c = Checker { issues: Vec::new() };
        c.check(&v, DOCUMENT, "");
        for (i, s) in self.schools.iter().enumerate() {
            if let (Some(entry), Some(exit)) = (parse_date(&s.entry_date), s.exit_date.as_deref().and_then(parse_date))
                && exit < entry
            {
                c.add(&format!("schools[{i}].exit_date"), "error-record-date-order");
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
            assessments: Vec::new(),
            saved_careers: Vec::new(),
            goals: Vec::new(),
            course_plans: Vec::new(),
            experiences: Vec::new(),
            credentials: Vec::new(),
            portfolio: Vec::new(),
        })
    }

    /// Imports a portable record at a school, for an administrator who
    /// manages people there. A student with the same state student id is
    /// the same person: their account stays, only enrolment lines they
    /// lack are added (and the actor must be allowed to change their
    /// record). Otherwise a new student account (no password) is placed at
    /// the school with the record's grade, history, demographics and named
    /// people. All in one transaction; on any problem nothing is written.
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

        let (student_id, created, lines): (UserId, bool, Vec<&SchoolLine>) = match existing {
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
                (id, false, lines)
            }
            None => (UserId::generate(), true, doc.schools.iter().collect()),
        };

        let mut changes = RecordChanges {
            student_id,
            new_student: None,
            demographics: None,
            enrollments: Vec::new(),
            history: Vec::new(),
            guardians: Vec::new(),
            mentors: Vec::new(),
            issuer: doc.issuer.clone(),
            access: Vec::new(),
        };
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
        let mut username = None;
        let mut warnings = Vec::new();
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
                actor_role: actor.log_role().to_string(),
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
            warnings,
        };
        let nothing = !created && result.lines_added == 0;
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
        let e = one(br#"{"format": "waypoint-record", "version": 2}"#);
        assert_eq!(
            (e.len(), e[0].field.as_str(), e[0].key),
            (1, "version", "error-record-version")
        );
    }

    #[test]
    fn usernames_from_names() {
        assert_eq!(username_base("Ana María", "Núñez"), "anamaria.nunez");
        assert_eq!(username_base("李", "王"), "student");
        assert_eq!(username_base("Li", "Wu"), "li.wu");
        assert_eq!(username_base("Jo", ""), "student");
    }
}
