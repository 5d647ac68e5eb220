//! Students: their school placement, enrolment history, demographics,
//! guardians, mentors and advisory groups.

use crate::cache::Key;
use crate::people::{NewUser, UserRecord, insert_user_statements, user_from};
use crate::{Page, Row, Store, StoreError, Value, like_prefix, now_ms, params};
use std::sync::Arc;
use waypoint_domain::org::{OrgKind, OrgPlace};
use waypoint_domain::people::{Demographics, StudentFacts, StudentStatus};
use waypoint_domain::{GroupId, OrgId, UserId};

/// A new student: their account plus their school placement.
#[derive(Clone, Debug)]
pub struct NewStudent {
    pub user: NewUser,
    pub state_student_id: String,
    pub birth_date: Option<String>,
    pub grade_level: Option<i64>,
    pub school_id: Option<OrgId>,
    pub district_id: Option<OrgId>,
    pub state_id: OrgId,
    pub graduation_year: Option<i64>,
}

/// A student as stored, with names and school for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StudentRecord {
    pub user: UserRecord,
    pub state_student_id: String,
    pub birth_date: Option<String>,
    pub grade_level: Option<i64>,
    pub school_id: Option<OrgId>,
    pub school_name: Option<String>,
    pub district_id: Option<OrgId>,
    pub district_name: Option<String>,
    pub state_id: OrgId,
    pub status: StudentStatus,
    pub graduation_year: Option<i64>,
}

/// One line of a student list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StudentSummary {
    pub student_id: UserId,
    pub given_name: String,
    pub family_name: String,
    pub grade_level: Option<i64>,
    pub school_name: Option<String>,
    pub status: StudentStatus,
    pub last_sign_in_at: Option<i64>,
}

/// One enrolment: a school, a year, a grade.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrollment {
    pub enrollment_id: i64,
    pub school_id: OrgId,
    pub school_name: String,
    pub school_year: String,
    pub grade_level: i64,
    pub entry_date: String,
    pub exit_date: Option<String>,
}

/// A person linked to a student (guardian or mentor), for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRef {
    pub user_id: UserId,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    /// The guardian's relationship, or empty for mentors.
    pub relationship: String,
}

/// Everything the student home page shows, read in one batch.
#[derive(Clone, Debug)]
pub struct StudentOverview {
    pub student: StudentRecord,
    pub mentors: Vec<PersonRef>,
    pub guardians: Vec<PersonRef>,
    pub enrollments: Vec<Enrollment>,
}

/// Which students a list shows.
#[derive(Clone, Debug)]
pub enum StudentScope {
    /// The students of the schools an organisation covers.
    Org(OrgPlace),
    /// A staff member's mentees.
    MentorOf(UserId),
    /// The members of an advisory group.
    Group(GroupId),
    /// A guardian's children.
    GuardianOf(UserId),
}

/// A search within a [`StudentScope`].
#[derive(Clone, Debug)]
pub struct StudentQuery {
    pub scope: StudentScope,
    /// Name prefix (family or given) or state student id.
    pub q: String,
    pub grade: Option<i64>,
    pub page: i64,
    pub per_page: i64,
}

/// An advisory group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupRecord {
    pub group_id: GroupId,
    pub school_id: OrgId,
    pub staff_id: UserId,
    pub staff_name: String,
    pub name: String,
    pub members: i64,
}

const STUDENT_SELECT: &str = "SELECT u.user_id, u.kind, u.username, u.email, u.given_name, u.family_name, u.locale, u.disabled, u.last_sign_in_at,
        s.state_student_id, s.birth_date, s.grade_level, s.school_id, sch.name, s.district_id, d.name, s.state_id, s.status, s.graduation_year
     FROM students s JOIN users u ON u.user_id = s.student_id
     LEFT JOIN orgs sch ON sch.org_id = s.school_id
     LEFT JOIN orgs d ON d.org_id = s.district_id
     WHERE s.student_id = $1";

fn student_from(r: &Row) -> Result<StudentRecord, StoreError> {
    Ok(StudentRecord {
        user: user_from(r, 0)?,
        state_student_id: r.text(9)?,
        birth_date: r.opt_text(10)?,
        grade_level: r.opt_i64(11)?,
        school_id: r.opt_i64(12)?.map(OrgId),
        school_name: r.opt_text(13)?,
        district_id: r.opt_i64(14)?.map(OrgId),
        district_name: r.opt_text(15)?,
        state_id: OrgId(r.i64(16)?),
        status: StudentStatus::parse(&r.text(17)?).ok_or_else(|| StoreError::Other("bad status".into()))?,
        graduation_year: r.opt_i64(18)?,
    })
}

fn person_from(r: &Row) -> Result<PersonRef, StoreError> {
    Ok(PersonRef {
        user_id: UserId(r.i64(0)?),
        given_name: r.text(1)?,
        family_name: r.text(2)?,
        email: r.opt_text(3)?,
        relationship: r.opt_text(4)?.unwrap_or_default(),
    })
}

const MENTORS_SQL: &str = "SELECT u.user_id, u.given_name, u.family_name, u.email, NULL
     FROM mentors m JOIN users u ON u.user_id = m.staff_id WHERE m.student_id = $1
     UNION
     SELECT u.user_id, u.given_name, u.family_name, u.email, NULL
     FROM advisory_members am JOIN advisory_groups g ON g.group_id = am.group_id
     JOIN users u ON u.user_id = g.staff_id WHERE am.student_id = $1
     ORDER BY 3, 2";

const GUARDIANS_SQL: &str = "SELECT u.user_id, u.given_name, u.family_name, u.email, gs.relationship
     FROM guardianships gs JOIN users u ON u.user_id = gs.guardian_id WHERE gs.student_id = $1
     ORDER BY u.family_name, u.given_name";

const ENROLLMENTS_SQL: &str =
    "SELECT e.enrollment_id, e.school_id, o.name, e.school_year, e.grade_level, e.entry_date, e.exit_date
     FROM enrollments e JOIN orgs o ON o.org_id = e.school_id WHERE e.student_id = $1
     ORDER BY e.entry_date DESC";

macro_rules! groups_sql {
    ($cond:literal) => {
        concat!(
            "SELECT g.group_id, g.school_id, g.staff_id, u.given_name, u.family_name, g.name,
                    (SELECT COUNT(*) FROM advisory_members am WHERE am.group_id = g.group_id)
             FROM advisory_groups g JOIN users u ON u.user_id = g.staff_id WHERE ",
            $cond,
            " ORDER BY g.name"
        )
    };
}
const GROUPS_BY_ID: &str = groups_sql!("g.group_id = $1");
const GROUPS_BY_STAFF: &str = groups_sql!("g.staff_id = $1");
const GROUPS_BY_SCHOOL: &str = groups_sql!("g.school_id = $1");

/// One pair of query texts (count, page) per scope. They are
/// `&'static str` so that both drivers cache their prepared statements.
///
/// Names are matched against `sort_name` ("family, given", lowercased in
/// Rust) rather than with SQL `lower()`, which folds only ASCII on SQLite
/// and follows the database locale on PostgreSQL.
macro_rules! student_list {
    ($scope:literal) => {
        (
            concat!(
                "SELECT COUNT(*) FROM students s WHERE ",
                $scope,
                " AND ($3 = '' OR s.sort_name LIKE $2 ESCAPE '\\' OR s.state_student_id = $3
                   OR s.sort_name LIKE ('%, ' || $2) ESCAPE '\\')
                  AND (CAST($4 AS BIGINT) < 0 OR s.grade_level = $4)"
            ),
            concat!(
                "SELECT s.student_id, u.given_name, u.family_name, s.grade_level, o.name, s.status, u.last_sign_in_at
                 FROM students s JOIN users u ON u.user_id = s.student_id LEFT JOIN orgs o ON o.org_id = s.school_id
                 WHERE ",
                $scope,
                " AND ($3 = '' OR s.sort_name LIKE $2 ESCAPE '\\' OR s.state_student_id = $3
                   OR s.sort_name LIKE ('%, ' || $2) ESCAPE '\\')
                  AND (CAST($4 AS BIGINT) < 0 OR s.grade_level = $4)
                 ORDER BY s.sort_name, s.student_id LIMIT $5 OFFSET $6"
            ),
        )
    };
}

/// The sort key stored with each student for name-ordered lists.
pub fn sort_name(given: &str, family: &str) -> String {
    format!("{}, {}", family.to_lowercase(), given.to_lowercase())
}

impl Store {
    /// Creates a student's account and record in one transaction.
    pub async fn create_student(&self, s: &NewStudent) -> Result<(), StoreError> {
        let mut stmts = insert_user_statements(&s.user);
        stmts.push((
            "INSERT INTO students (student_id, state_student_id, birth_date, grade_level, school_id, district_id, state_id, status, graduation_year, sort_name, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, $10)",
            params![
                s.user.user_id, &s.state_student_id, s.birth_date.clone(), s.grade_level, s.school_id,
                s.district_id, s.state_id, s.graduation_year,
                sort_name(&s.user.given_name, &s.user.family_name), now_ms()
            ],
        ));
        stmts.push((
            "INSERT INTO demographics (student_id) VALUES ($1)",
            params![s.user.user_id],
        ));
        self.db.execute_all(stmts).await.map(|_| ())
    }

    /// One student.
    pub async fn student(&self, student_id: UserId) -> Result<Option<StudentRecord>, StoreError> {
        self.db
            .query_opt(STUDENT_SELECT, params![student_id])
            .await?
            .map(|r| student_from(&r))
            .transpose()
    }

    /// A student by state student id.
    pub async fn student_by_state_id(&self, state_student_id: &str) -> Result<Option<UserId>, StoreError> {
        self.db
            .query_opt(
                "SELECT student_id FROM students WHERE state_student_id = $1",
                params![state_student_id],
            )
            .await?
            .map(|r| r.i64(0).map(UserId))
            .transpose()
    }

    /// What the authorization policy needs to know about a student, read in
    /// one batch (or from the read cache).
    pub async fn student_facts(
        &self,
        student_id: UserId,
        today: time::Date,
    ) -> Result<Option<Arc<StudentFacts>>, StoreError> {
        self.cached(Key::Facts(student_id, today.to_julian_day()), async {
            Ok(self.student_facts_from_db(student_id, today).await?.map(Arc::new))
        })
        .await
    }

    async fn student_facts_from_db(
        &self,
        student_id: UserId,
        today: time::Date,
    ) -> Result<Option<StudentFacts>, StoreError> {
        let b = self
            .db
            .query_batch(vec![
                (
                    "SELECT s.school_id, o.kind, o.district_id, s.state_id, s.status, s.birth_date
                     FROM students s LEFT JOIN orgs o ON o.org_id = s.school_id WHERE s.student_id = $1",
                    params![student_id],
                ),
                (
                    "SELECT guardian_id FROM guardianships WHERE student_id = $1",
                    params![student_id],
                ),
                (
                    "SELECT staff_id FROM mentors WHERE student_id = $1
                     UNION SELECT g.staff_id FROM advisory_members am JOIN advisory_groups g ON g.group_id = am.group_id
                     WHERE am.student_id = $1",
                    params![student_id],
                ),
                (
                    "SELECT staff_id FROM alumni_grants WHERE student_id = $1",
                    params![student_id],
                ),
                (
                    "SELECT cs.staff_id FROM class_students st JOIN class_staff cs ON cs.class_id = st.class_id
                     WHERE st.student_id = $1 AND st.active = TRUE AND cs.active = TRUE",
                    params![student_id],
                ),
            ])
            .await?;
        let Some(r) = b[0].first() else { return Ok(None) };
        let state_id = OrgId(r.i64(3)?);
        let school = match r.opt_i64(0)? {
            Some(id) => Some(OrgPlace {
                org_id: OrgId(id),
                kind: r
                    .opt_text(1)?
                    .and_then(|k| OrgKind::parse(&k))
                    .unwrap_or(OrgKind::School),
                district_id: r.opt_i64(2)?.map(OrgId),
                state_id,
            }),
            None => None,
        };
        let is_adult = r
            .opt_text(5)?
            .and_then(|d| parse_date(&d))
            .is_some_and(|born| age_on(born, today) >= 18);
        let ids = |rows: &Vec<Row>| -> Result<Vec<UserId>, StoreError> {
            rows.iter().map(|r| r.i64(0).map(UserId)).collect()
        };
        Ok(Some(StudentFacts {
            student_id,
            school,
            state_id,
            status: StudentStatus::parse(&r.text(4)?).unwrap_or(StudentStatus::Active),
            is_adult,
            guardians: ids(&b[1])?,
            mentors: ids(&b[2])?,
            granted_staff: ids(&b[3])?,
            teachers: ids(&b[4])?,
        }))
    }

    /// Everything the student home page shows (read in one batch, or from
    /// the read cache).
    /// Shared, not copied: a cached overview is handed out without cloning
    /// its lists.
    pub async fn student_overview(&self, student_id: UserId) -> Result<Option<Arc<StudentOverview>>, StoreError> {
        self.cached(Key::Overview(student_id), async {
            Ok(self.student_overview_from_db(student_id).await?.map(Arc::new))
        })
        .await
    }

    async fn student_overview_from_db(&self, student_id: UserId) -> Result<Option<StudentOverview>, StoreError> {
        let b = self
            .db
            .query_batch(vec![
                (STUDENT_SELECT, params![student_id]),
                (MENTORS_SQL, params![student_id]),
                (GUARDIANS_SQL, params![student_id]),
                (ENROLLMENTS_SQL, params![student_id]),
            ])
            .await?;
        let Some(r) = b[0].first() else { return Ok(None) };
        Ok(Some(StudentOverview {
            student: student_from(r)?,
            mentors: b[1].iter().map(person_from).collect::<Result<_, _>>()?,
            guardians: b[2].iter().map(person_from).collect::<Result<_, _>>()?,
            enrollments: b[3]
                .iter()
                .map(|r| {
                    Ok(Enrollment {
                        enrollment_id: r.i64(0)?,
                        school_id: OrgId(r.i64(1)?),
                        school_name: r.text(2)?,
                        school_year: r.text(3)?,
                        grade_level: r.i64(4)?,
                        entry_date: r.text(5)?,
                        exit_date: r.opt_text(6)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
        }))
    }

    /// Adds an enrolment to a student's history.
    pub async fn add_enrollment(
        &self,
        student_id: UserId,
        school_id: OrgId,
        school_year: &str,
        grade_level: i64,
        entry_date: &str,
        exit_date: Option<&str>,
    ) -> Result<i64, StoreError> {
        let id = waypoint_domain::new_id();
        self.db
            .execute(
                "INSERT INTO enrollments (student_id, enrollment_id, school_id, school_year, grade_level, entry_date, exit_date)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                params![student_id, id, school_id, school_year, grade_level, entry_date, exit_date],
            )
            .await?;
        Ok(id)
    }

    /// A student's demographic fields.
    pub async fn demographics(&self, student_id: UserId) -> Result<Demographics, StoreError> {
        let r = self
            .db
            .query_opt(
                "SELECT race_ethnicity, gender, low_income, english_learner, disability_iep, section_504, homeless, foster, military_connected
                 FROM demographics WHERE student_id = $1",
                params![student_id],
            )
            .await?;
        let Some(r) = r else { return Ok(Demographics::default()) };
        Ok(Demographics {
            race_ethnicity: r.opt_text(0)?,
            gender: r.opt_text(1)?,
            low_income: r.bool(2)?,
            english_learner: r.bool(3)?,
            disability_iep: r.bool(4)?,
            section_504: r.bool(5)?,
            homeless: r.bool(6)?,
            foster: r.bool(7)?,
            military_connected: r.bool(8)?,
        })
    }

    /// Replaces a student's demographic fields.
    pub async fn set_demographics(&self, student_id: UserId, d: &Demographics) -> Result<(), StoreError> {
        self.db
            .execute(
                "INSERT INTO demographics (student_id, race_ethnicity, gender, low_income, english_learner, disability_iep, section_504, homeless, foster, military_connected)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT (student_id) DO UPDATE SET race_ethnicity = excluded.race_ethnicity, gender = excluded.gender,
                   low_income = excluded.low_income, english_learner = excluded.english_learner,
                   disability_iep = excluded.disability_iep, section_504 = excluded.section_504,
                   homeless = excluded.homeless, foster = excluded.foster, military_connected = excluded.military_connected",
                params![
                    student_id, d.race_ethnicity.clone(), d.gender.clone(), d.low_income, d.english_learner,
                    d.disability_iep, d.section_504, d.homeless, d.foster, d.military_connected
                ],
            )
            .await
            .map(|_| ())
    }

    /// Links a guardian to a student.
    pub async fn link_guardian(
        &self,
        student_id: UserId,
        guardian_id: UserId,
        relationship: &str,
    ) -> Result<(), StoreError> {
        self.db
            .execute(
                "INSERT INTO guardianships (student_id, guardian_id, relationship, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (student_id, guardian_id) DO UPDATE SET relationship = excluded.relationship",
                params![student_id, guardian_id, relationship, now_ms()],
            )
            .await
            .map(|_| ())
    }

    /// Makes `staff_id` a mentor of each student (already-assigned ones
    /// are left as they are). Returns how many were newly assigned.
    pub async fn assign_mentor(&self, staff_id: UserId, students: &[UserId]) -> Result<u64, StoreError> {
        let at = now_ms();
        let stmts = students
            .iter()
            .map(|s| {
                (
                    "INSERT INTO mentors (student_id, staff_id, assigned_at) VALUES ($1, $2, $3)
                     ON CONFLICT (student_id, staff_id) DO NOTHING",
                    params![*s, staff_id, at],
                )
            })
            .collect();
        Ok(self.db.execute_all(stmts).await?.iter().sum())
    }

    /// Removes a mentor from a student.
    pub async fn remove_mentor(&self, staff_id: UserId, student_id: UserId) -> Result<bool, StoreError> {
        Ok(self
            .db
            .execute(
                "DELETE FROM mentors WHERE student_id = $1 AND staff_id = $2",
                params![student_id, staff_id],
            )
            .await?
            > 0)
    }

    /// A page of students within a scope, ordered by name (or from the read
    /// cache).
    /// Shared, not copied: a cached page is handed out without cloning its
    /// rows (cloning them was 7 % of a caseload page's time).
    pub async fn list_students(&self, q: &StudentQuery) -> Result<Arc<Page<StudentSummary>>, StoreError> {
        let (kind, id) = match &q.scope {
            StudentScope::Org(p) => (p.kind as u8, p.org_id.0),
            StudentScope::MentorOf(u) => (10, u.0),
            StudentScope::Group(g) => (11, g.0),
            StudentScope::GuardianOf(u) => (12, u.0),
        };
        let key = Key::Students(kind, id, q.q.clone(), q.grade, q.page, q.per_page);
        self.cached(key, async { Ok(Arc::new(self.list_students_from_db(q).await?)) })
            .await
    }

    async fn list_students_from_db(&self, q: &StudentQuery) -> Result<Page<StudentSummary>, StoreError> {
        let ((count_sql, list_sql), scope_id) = match &q.scope {
            StudentScope::Org(p) => match p.kind {
                OrgKind::School => (student_list!("s.school_id = $1"), p.org_id.0),
                OrgKind::District => (student_list!("s.district_id = $1"), p.org_id.0),
                OrgKind::State => (student_list!("s.state_id = $1"), p.org_id.0),
            },
            StudentScope::MentorOf(id) => (
                student_list!(
                    "(s.student_id IN (SELECT student_id FROM mentors WHERE staff_id = $1)
                      OR s.student_id IN (SELECT am.student_id FROM advisory_members am
                         JOIN advisory_groups g ON g.group_id = am.group_id WHERE g.staff_id = $1))"
                ),
                id.0,
            ),
            StudentScope::Group(id) => (
                student_list!("s.student_id IN (SELECT student_id FROM advisory_members WHERE group_id = $1)"),
                id.0,
            ),
            StudentScope::GuardianOf(id) => (
                student_list!("s.student_id IN (SELECT student_id FROM guardianships WHERE guardian_id = $1)"),
                id.0,
            ),
        };
        let pat = like_prefix(&q.q);
        let page = q.page.max(1);
        let offset = (page - 1) * q.per_page;
        let params: Vec<Value> = params![scope_id, &pat, q.q.trim(), q.grade.unwrap_or(-1)];
        let mut page_params = params.clone();
        page_params.push(Value::I64(q.per_page));
        page_params.push(Value::I64(offset));
        let b = self
            .db
            .query_batch(vec![(count_sql, params), (list_sql, page_params)])
            .await?;
        let total = b[0].first().map(|r| r.i64(0)).transpose()?.unwrap_or(0);
        let items = b[1]
            .iter()
            .map(|r| {
                Ok(StudentSummary {
                    student_id: UserId(r.i64(0)?),
                    given_name: r.text(1)?,
                    family_name: r.text(2)?,
                    grade_level: r.opt_i64(3)?,
                    school_name: r.opt_text(4)?,
                    status: StudentStatus::parse(&r.text(5)?).unwrap_or(StudentStatus::Active),
                    last_sign_in_at: r.opt_i64(6)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Page {
            items,
            total,
            page,
            per_page: q.per_page,
        })
    }

    /// Creates an advisory group led by `staff_id` at a school.
    pub async fn create_group(&self, school_id: OrgId, staff_id: UserId, name: &str) -> Result<GroupId, StoreError> {
        let id = GroupId::generate();
        self.db
            .execute(
                "INSERT INTO advisory_groups (group_id, school_id, staff_id, name, created_at) VALUES ($1, $2, $3, $4, $5)",
                params![id, school_id, staff_id, name, now_ms()],
            )
            .await?;
        Ok(id)
    }

    /// Adds students to an advisory group. Returns how many were added.
    pub async fn add_group_members(&self, group_id: GroupId, students: &[UserId]) -> Result<u64, StoreError> {
        let stmts = students
            .iter()
            .map(|s| {
                (
                    "INSERT INTO advisory_members (student_id, group_id) VALUES ($1, $2) ON CONFLICT (student_id, group_id) DO NOTHING",
                    params![*s, group_id],
                )
            })
            .collect();
        Ok(self.db.execute_all(stmts).await?.iter().sum())
    }

    /// Removes a student from an advisory group.
    pub async fn remove_group_member(&self, group_id: GroupId, student_id: UserId) -> Result<bool, StoreError> {
        Ok(self
            .db
            .execute(
                "DELETE FROM advisory_members WHERE student_id = $1 AND group_id = $2",
                params![student_id, group_id],
            )
            .await?
            > 0)
    }

    /// One advisory group.
    pub async fn group(&self, group_id: GroupId) -> Result<Option<GroupRecord>, StoreError> {
        self.cached(Key::Group(group_id), async {
            Ok(self
                .groups_where("g.group_id = $1", group_id.0)
                .await?
                .into_iter()
                .next())
        })
        .await
    }

    /// The advisory groups a staff member leads.
    pub async fn groups_led_by(&self, staff_id: UserId) -> Result<Vec<GroupRecord>, StoreError> {
        self.cached(
            Key::GroupsLedBy(staff_id),
            self.groups_where("g.staff_id = $1", staff_id.0),
        )
        .await
    }

    /// The advisory groups of a school.
    pub async fn groups_at(&self, school_id: OrgId) -> Result<Vec<GroupRecord>, StoreError> {
        self.groups_where("g.school_id = $1", school_id.0).await
    }

    async fn groups_where(&self, cond: &'static str, id: i64) -> Result<Vec<GroupRecord>, StoreError> {
        let sql = match cond {
            "g.group_id = $1" => GROUPS_BY_ID,
            "g.staff_id = $1" => GROUPS_BY_STAFF,
            _ => GROUPS_BY_SCHOOL,
        };
        self.db
            .query(sql, params![id])
            .await?
            .iter()
            .map(|r| {
                Ok(GroupRecord {
                    group_id: GroupId(r.i64(0)?),
                    school_id: OrgId(r.i64(1)?),
                    staff_id: UserId(r.i64(2)?),
                    staff_name: format!("{} {}", r.text(3)?, r.text(4)?),
                    name: r.text(5)?,
                    members: r.i64(6)?,
                })
            })
            .collect()
    }
}

/// Parses an ISO date.
pub fn parse_date(s: &str) -> Option<time::Date> {
    time::Date::parse(s, &time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// Whole years between `born` and `today`.
pub fn age_on(born: time::Date, today: time::Date) -> i32 {
    let mut age = today.year() - born.year();
    if (today.month() as u8, today.day()) < (born.month() as u8, born.day()) {
        age -= 1;
    }
    age
}
