//! The portable record: reading everything Waypoint holds about one
//! student in one batch, and writing a record received from another
//! Waypoint instance in one transaction (all or nothing).
//!
//! What the record says about other instances is kept as it was written
//! there: enrolments at schools this instance does not have become lines
//! of `prior_enrollments` (names and codes, no `school_id`); guardians and
//! mentors named in a record become lines of `record_people` (names, the
//! family's e-mail), never accounts or links. Assessment attempts and
//! saved careers received are written as the student's own rows, keeping
//! the attempt's id and the career's O*NET-SOC code, which are their keys.
//! The decisions (which lines are new, which school a line is at, which
//! attempts and careers the student already has) are the application
//! layer's.

use crate::assessments::{answers_json, attempt_from, scores_json};
use crate::logs::AccessEntry;
use crate::people::{NewUser, insert_user_statements};
use crate::saved_careers::{SavedCareer, saved_from};
use crate::students::sort_name;
use crate::{Row, Store, StoreError, Value, now_ms, params};
use std::collections::HashMap;
use waypoint_domain::assessment::Attempt;
use waypoint_domain::people::{Demographics, StudentStatus};
use waypoint_domain::{OrgId, UserId};

/// The student's own facts, as the record shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordStudent {
    pub state_student_id: String,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub grade_level: Option<i64>,
    pub status: StudentStatus,
    pub graduation_year: Option<i64>,
    pub email: Option<String>,
}

/// One line of enrolment history, by names and codes: an enrolment at a
/// school of this instance, or a line received from another one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HistoryLine {
    pub school_name: String,
    pub school_code: String,
    pub district_name: Option<String>,
    pub district_code: Option<String>,
    pub school_year: String,
    pub grade_level: i64,
    pub entry_date: String,
    pub exit_date: Option<String>,
}

/// A person named in a student's record: a guardian (with relationship
/// and e-mail) or a mentor (names only).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NamedPerson {
    pub given_name: String,
    pub family_name: String,
    /// The guardian's relationship; empty for mentors.
    pub relationship: String,
    /// The guardian's e-mail; `None` for mentors.
    pub email: Option<String>,
}

/// Everything the portable record is made of, except the access log.
#[derive(Clone, Debug)]
pub struct RecordData {
    pub student: RecordStudent,
    /// Enrolments here and history lines received, unsorted.
    pub history: Vec<HistoryLine>,
    /// Guardians with accounts here and guardians named in records received.
    pub guardians: Vec<NamedPerson>,
    /// Mentors and advisory-group leaders here, and mentors named in
    /// records received.
    pub mentors: Vec<NamedPerson>,
    pub demographics: Demographics,
    /// Every assessment attempt, finished or not, unsorted.
    pub attempts: Vec<Attempt>,
    /// Saved careers, unsorted; the title is the current O*NET release's
    /// when it has the code, else the one kept with the career.
    pub saved_careers: Vec<SavedCareer>,
}

/// One access-log entry with the name of who looked, for the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordAccess {
    pub at: i64,
    pub actor_name: String,
    pub actor_role: String,
    pub basis: String,
    pub action: String,
    pub resource: String,
}

/// A student created from a record received: account and placement.
#[derive(Clone, Debug)]
pub struct RecordNewStudent {
    pub user: NewUser,
    pub state_student_id: String,
    pub birth_date: Option<String>,
    pub grade_level: Option<i64>,
    pub school_id: OrgId,
    pub district_id: Option<OrgId>,
    pub state_id: OrgId,
    pub status: StudentStatus,
    pub graduation_year: Option<i64>,
}

/// An enrolment at a school of this instance, from a record received.
#[derive(Clone, Debug)]
pub struct LocalEnrollment {
    pub school_id: OrgId,
    pub school_year: String,
    pub grade_level: i64,
    pub entry_date: String,
    pub exit_date: Option<String>,
}

/// Everything one record import writes, for one student.
#[derive(Clone, Debug)]
pub struct RecordChanges {
    pub student_id: UserId,
    /// Set when the student is new to this instance.
    pub new_student: Option<RecordNewStudent>,
    /// The demographic fields to set (new students only).
    pub demographics: Option<Demographics>,
    pub enrollments: Vec<LocalEnrollment>,
    pub history: Vec<HistoryLine>,
    pub guardians: Vec<NamedPerson>,
    pub mentors: Vec<NamedPerson>,
    /// Assessment attempts to add, as they were (`student_id` is the
    /// student's here). One whose (student, attempt id) exists is left as it
    /// is.
    pub attempts: Vec<Attempt>,
    /// Saved careers to add. One whose (student, code) exists is left as it
    /// is.
    pub saved_careers: Vec<SavedCareer>,
    /// Notes for saved careers the student has with an empty note:
    /// `(code, note, updated_at)`. A note written meanwhile is kept.
    pub career_notes: Vec<(String, String, i64)>,
    /// Where the record came from (its issuer).
    pub issuer: String,
    pub access: Vec<AccessEntry>,
}

impl RecordChanges {
    /// Changes for `student_id` that write nothing yet.
    pub fn new(student_id: UserId, issuer: String) -> RecordChanges {
        RecordChanges {
            student_id,
            new_student: None,
            demographics: None,
            enrollments: Vec::new(),
            history: Vec::new(),
            guardians: Vec::new(),
            mentors: Vec::new(),
            attempts: Vec::new(),
            saved_careers: Vec::new(),
            career_notes: Vec::new(),
            issuer,
            access: Vec::new(),
        }
    }
}

const RECORD_STUDENT: &str =
    "SELECT s.state_student_id, u.given_name, u.family_name, s.birth_date, s.grade_level, s.status,
        s.graduation_year, u.email
     FROM students s JOIN users u ON u.user_id = s.student_id WHERE s.student_id = $1";

const RECORD_ENROLLMENTS: &str =
    "SELECT o.name, o.code, d.name, d.code, e.school_year, e.grade_level, e.entry_date, e.exit_date
     FROM enrollments e JOIN orgs o ON o.org_id = e.school_id LEFT JOIN orgs d ON d.org_id = o.district_id
     WHERE e.student_id = $1
     UNION ALL
     SELECT school_name, school_code, district_name, district_code, school_year, grade_level, entry_date, exit_date
     FROM prior_enrollments WHERE student_id = $1";

const RECORD_GUARDIANS: &str = "SELECT u.given_name, u.family_name, gs.relationship, u.email
     FROM guardianships gs JOIN users u ON u.user_id = gs.guardian_id WHERE gs.student_id = $1
     UNION ALL
     SELECT given_name, family_name, relationship, email FROM record_people WHERE student_id = $1 AND kind = 'guardian'";

const RECORD_MENTORS: &str = "SELECT u.given_name, u.family_name
     FROM mentors m JOIN users u ON u.user_id = m.staff_id WHERE m.student_id = $1
     UNION
     SELECT u.given_name, u.family_name
     FROM advisory_members am JOIN advisory_groups g ON g.group_id = am.group_id
     JOIN users u ON u.user_id = g.staff_id WHERE am.student_id = $1
     UNION
     SELECT given_name, family_name FROM record_people WHERE student_id = $1 AND kind = 'mentor'";

const RECORD_DEMOGRAPHICS: &str =
    "SELECT race_ethnicity, gender, low_income, english_learner, disability_iep, section_504,
        homeless, foster, military_connected
     FROM demographics WHERE student_id = $1";

const RECORD_ATTEMPTS: &str =
    "SELECT attempt_id, student_id, instrument_id, instrument_version, form_id, grade_level, language,
        started_at, updated_at, completed_at, answers, scores
     FROM assessment_attempts WHERE student_id = $1";

/// The title of the current O*NET release when it has the code, else the
/// title kept with the career (a release may drop a code).
const RECORD_SAVED_CAREERS: &str = "SELECT s.onet_code, COALESCE(o.title, s.title), s.note, s.saved_at, s.updated_at
     FROM saved_careers s LEFT JOIN onet_occupations o ON o.onet_code = s.onet_code
     WHERE s.student_id = $1";

fn line_from(r: &Row) -> Result<HistoryLine, StoreError> {
    Ok(HistoryLine {
        school_name: r.text(0)?,
        school_code: r.text(1)?,
        district_name: r.opt_text(2)?,
        district_code: r.opt_text(3)?,
        school_year: r.text(4)?,
        grade_level: r.i64(5)?,
        entry_date: r.text(6)?,
        exit_date: r.opt_text(7)?,
    })
}

impl Store {
    /// Everything the portable record shows about a student (but the
    /// access log), read in one batch. `None` for an unknown student.
    pub async fn record_data(&self, student_id: UserId) -> Result<Option<RecordData>, StoreError> {
        let b = self
            .db
            .query_batch(vec![
                (RECORD_STUDENT, params![student_id]),
                (RECORD_ENROLLMENTS, params![student_id]),
                (RECORD_GUARDIANS, params![student_id]),
                (RECORD_MENTORS, params![student_id]),
                (RECORD_DEMOGRAPHICS, params![student_id]),
                (RECORD_ATTEMPTS, params![student_id]),
                (RECORD_SAVED_CAREERS, params![student_id]),
            ])
            .await?;
        let Some(r) = b[0].first() else { return Ok(None) };
        let student = RecordStudent {
            state_student_id: r.text(0)?,
            given_name: r.text(1)?,
            family_name: r.text(2)?,
            birth_date: r.opt_text(3)?,
            grade_level: r.opt_i64(4)?,
            status: StudentStatus::parse(&r.text(5)?).ok_or_else(|| StoreError::Other("bad status".into()))?,
            graduation_year: r.opt_i64(6)?,
            email: r.opt_text(7)?,
        };
        let history = b[1].iter().map(line_from).collect::<Result<_, _>>()?;
        let guardians = b[2]
            .iter()
            .map(|r| {
                Ok(NamedPerson {
                    given_name: r.text(0)?,
                    family_name: r.text(1)?,
                    relationship: r.text(2)?,
                    email: r.opt_text(3)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let mentors = b[3]
            .iter()
            .map(|r| {
                Ok(NamedPerson {
                    given_name: r.text(0)?,
                    family_name: r.text(1)?,
                    relationship: String::new(),
                    email: None,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let demographics = match b[4].first() {
            Some(r) => Demographics {
                race_ethnicity: r.opt_text(0)?,
                gender: r.opt_text(1)?,
                low_income: r.bool(2)?,
                english_learner: r.bool(3)?,
                disability_iep: r.bool(4)?,
                section_504: r.bool(5)?,
                homeless: r.bool(6)?,
                foster: r.bool(7)?,
                military_connected: r.bool(8)?,
            },
            None => Demographics::default(),
        };
        let attempts = b[5].iter().map(attempt_from).collect::<Result<_, _>>()?;
        let saved_careers = b[6].iter().map(saved_from).collect::<Result<_, _>>()?;
        Ok(Some(RecordData {
            student,
            history,
            guardians,
            mentors,
            demographics,
            attempts,
            saved_careers,
        }))
    }

    /// A student's whole access log, oldest first, with who looked.
    pub async fn record_access(&self, student_id: UserId) -> Result<Vec<RecordAccess>, StoreError> {
        self.settle_access_of(crate::logs::Only::Student(student_id)).await?;
        self.db
            .query(
                "SELECT a.at, u.given_name, u.family_name, a.actor_role, a.basis, a.action, a.resource
                 FROM access_log a JOIN users u ON u.user_id = a.actor_id
                 WHERE a.student_id = $1 ORDER BY a.at, a.log_id",
                params![student_id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(RecordAccess {
                    at: r.i64(0)?,
                    actor_name: format!("{} {}", r.text(1)?, r.text(2)?),
                    actor_role: r.text(3)?,
                    basis: r.text(4)?,
                    action: r.text(5)?,
                    resource: r.text(6)?,
                })
            })
            .collect()
    }

    /// The schools of this instance with these codes, each with its
    /// district's code: `school code → [(school, district code)]`.
    pub async fn schools_by_codes(
        &self,
        codes: &[String],
    ) -> Result<HashMap<String, Vec<(OrgId, Option<String>)>>, StoreError> {
        let batch: Vec<Vec<Value>> = codes.iter().map(|c| params![c]).collect();
        let rows = self
            .db
            .query_many(
                "SELECT o.code, o.org_id, d.code FROM orgs o LEFT JOIN orgs d ON d.org_id = o.district_id
                 WHERE o.kind = 'school' AND o.code = $1",
                batch,
            )
            .await?;
        let mut out: HashMap<String, Vec<(OrgId, Option<String>)>> = HashMap::new();
        for r in rows.into_iter().flatten() {
            out.entry(r.text(0)?)
                .or_default()
                .push((OrgId(r.i64(1)?), r.opt_text(2)?));
        }
        Ok(out)
    }

    /// Writes a record received from another instance in one transaction:
    /// the new student's account, placement and demographics (if new),
    /// enrolments here, history lines, named people, assessment attempts,
    /// saved careers and their notes, access-log entries. Nothing is
    /// written if any statement fails.
    pub async fn apply_record(&self, c: RecordChanges) -> Result<(), StoreError> {
        let now = now_ms();
        let sid = c.student_id;
        let mut tx = self.db.begin().await?;
        if let Some(s) = &c.new_student {
            for (sql, p) in insert_user_statements(&s.user) {
                tx.execute(sql, p).await?;
            }
            tx.execute(
                "INSERT INTO students (student_id, state_student_id, birth_date, grade_level, school_id, district_id, state_id, status, graduation_year, sort_name, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                params![
                    sid,
                    &s.state_student_id,
                    s.birth_date.clone(),
                    s.grade_level,
                    s.school_id,
                    s.district_id,
                    s.state_id,
                    s.status.as_str(),
                    s.graduation_year,
                    sort_name(&s.user.given_name, &s.user.family_name),
                    now
                ],
            )
            .await?;
            let d = c.demographics.clone().unwrap_or_default();
            tx.execute(
                "INSERT INTO demographics (student_id, race_ethnicity, gender, low_income, english_learner, disability_iep, section_504, homeless, foster, military_connected)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                params![
                    sid,
                    d.race_ethnicity,
                    d.gender,
                    d.low_income,
                    d.english_learner,
                    d.disability_iep,
                    d.section_504,
                    d.homeless,
                    d.foster,
                    d.military_connected
                ],
            )
            .await?;
        }
        tx.execute_many(
            "INSERT INTO enrollments (student_id, enrollment_id, school_id, school_year, grade_level, entry_date, exit_date)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            c.enrollments
                .iter()
                .map(|e| {
                    params![
                        sid,
                        waypoint_domain::new_id(),
                        e.school_id,
                        &e.school_year,
                        e.grade_level,
                        &e.entry_date,
                        e.exit_date.clone()
                    ]
                })
                .collect(),
        )
        .await?;
        tx.execute_many(
            "INSERT INTO prior_enrollments (student_id, line_id, school_name, school_code, district_name, district_code,
                 school_year, grade_level, entry_date, exit_date, issuer, imported_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            c.history
                .iter()
                .map(|l| {
                    params![
                        sid,
                        waypoint_domain::new_id(),
                        &l.school_name,
                        &l.school_code,
                        l.district_name.clone(),
                        l.district_code.clone(),
                        &l.school_year,
                        l.grade_level,
                        &l.entry_date,
                        l.exit_date.clone(),
                        &c.issuer,
                        now
                    ]
                })
                .collect(),
        )
        .await?;
        let people = c
            .guardians
            .iter()
            .map(|p| ("guardian", p))
            .chain(c.mentors.iter().map(|p| ("mentor", p)));
        tx.execute_many(
            "INSERT INTO record_people (student_id, line_id, kind, given_name, family_name, relationship, email, issuer, imported_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            people
                .map(|(kind, p)| {
                    params![
                        sid,
                        waypoint_domain::new_id(),
                        kind,
                        &p.given_name,
                        &p.family_name,
                        &p.relationship,
                        p.email.clone(),
                        &c.issuer,
                        now
                    ]
                })
                .collect(),
        )
        .await?;
        let mut attempts = Vec::with_capacity(c.attempts.len());
        for a in &c.attempts {
            attempts.push(params![
                sid,
                a.id,
                &a.instrument_id,
                &a.instrument_version,
                &a.form_id,
                a.grade,
                &a.language,
                a.started_at_ms,
                a.updated_at_ms,
                a.completed_at_ms,
                answers_json(a)?,
                scores_json(a)?
            ]);
        }
        tx.execute_many(
            "INSERT INTO assessment_attempts (student_id, attempt_id, instrument_id, instrument_version, form_id,
                 grade_level, language, started_at, updated_at, completed_at, answers, scores)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (student_id, attempt_id) DO NOTHING",
            attempts,
        )
        .await?;
        tx.execute_many(
            "INSERT INTO saved_careers (student_id, onet_code, title, note, saved_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (student_id, onet_code) DO NOTHING",
            c.saved_careers
                .iter()
                .map(|s| params![sid, &s.onet_code, &s.title, &s.note, s.saved_at, s.updated_at])
                .collect(),
        )
        .await?;
        tx.execute_many(
            "UPDATE saved_careers SET note = $3, updated_at = $4
             WHERE student_id = $1 AND onet_code = $2 AND note = ''",
            c.career_notes
                .iter()
                .map(|(code, note, at)| params![sid, code, note, *at])
                .collect(),
        )
        .await?;
        tx.execute_many(
            "INSERT INTO access_log (student_id, log_id, at, actor_id, actor_role, basis, action, resource, ip, district_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            c.access
                .iter()
                .map(|e| {
                    params![
                        e.student_id,
                        waypoint_domain::new_id(),
                        e.at,
                        e.actor_id,
                        &e.actor_role,
                        &e.basis,
                        &e.action,
                        &e.resource,
                        e.ip.clone(),
                        e.district_id
                    ]
                })
                .collect(),
        )
        .await?;
        tx.commit().await
    }
}
