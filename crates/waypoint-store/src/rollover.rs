//! The school-year rollover, store side: what the application layer needs
//! to plan it, and applying the plan in one transaction.
//!
//! The decisions (who moves up, who moves school, who graduates) are made
//! in `waypoint_app::rollover`; this module reads what they need and
//! writes what it is given. Every write is guarded so that applying the
//! same plan twice, or two rollovers racing, changes each student once:
//! the new enrolment is inserted only while the student has none for the
//! target year and is still where the plan found them, and the other
//! changes to that student follow only from that insert.

use crate::{Store, StoreError, Value, params};
use std::collections::HashMap;
use waypoint_domain::{OrgId, UserId};

/// An active student of the district who has no enrolment in the target
/// year yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RolloverStudent {
    pub student_id: UserId,
    pub given_name: String,
    pub family_name: String,
    pub grade_level: Option<i64>,
    pub school_id: Option<OrgId>,
}

/// A student moving up a grade, at the same school or another one.
#[derive(Clone, Debug)]
pub struct Promotion {
    pub student_id: UserId,
    pub from_grade: i64,
    pub to_grade: i64,
    pub from_school: OrgId,
    pub to_school: OrgId,
}

/// A student finishing grade 12: alumni from now on.
#[derive(Clone, Debug)]
pub struct Graduation {
    pub student_id: UserId,
    pub from_grade: i64,
    /// The calendar year the closing school year ends in.
    pub graduation_year: i64,
}

/// A school year to create before it is made current.
#[derive(Clone, Debug)]
pub struct NewSchoolYear {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// Everything one rollover changes.
#[derive(Clone, Debug)]
pub struct RolloverChanges {
    pub district_id: OrgId,
    /// The target year, created when the district does not have it yet.
    pub create_year: Option<NewSchoolYear>,
    /// The name of the year that becomes current.
    pub to_year: String,
    /// The first day of the new year: the new enrolments' entry date.
    pub to_starts_on: String,
    /// The last day of the closing year: the closed enrolments' exit date.
    pub close_on: String,
    pub promotions: Vec<Promotion>,
    pub graduations: Vec<Graduation>,
}

/// What applying a rollover actually changed (zero everywhere when it
/// had been applied before).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RolloverCounts {
    pub year_created: bool,
    pub year_switched: bool,
    /// Moved up a grade at the same school.
    pub promoted: u64,
    /// Moved up a grade and to another school.
    pub moved: u64,
    pub graduated: u64,
}

impl RolloverCounts {
    /// True when nothing changed.
    pub fn nothing(&self) -> bool {
        !self.year_created && !self.year_switched && self.promoted == 0 && self.moved == 0 && self.graduated == 0
    }
}

// Each promotion's statements are guarded by its new enrolment ($E): they
// act only when this transaction inserted it.
const INSERT_ENROLLMENT: &str =
    "INSERT INTO enrollments (student_id, enrollment_id, school_id, school_year, grade_level, entry_date)
     SELECT s.student_id, CAST($2 AS BIGINT), CAST($3 AS BIGINT), CAST($4 AS TEXT), CAST($5 AS BIGINT), CAST($6 AS TEXT)
     FROM students s
     WHERE s.student_id = $1 AND s.status = 'active' AND s.grade_level = $7 AND s.school_id = $8
       AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = $1 AND e.school_year = $4)";
const CLOSE_ENROLLMENTS: &str =
    "UPDATE enrollments SET exit_date = CASE WHEN entry_date > $2 THEN entry_date ELSE $2 END
     WHERE student_id = $1 AND exit_date IS NULL AND enrollment_id <> $3
       AND EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = $1 AND e.enrollment_id = $3)";
const PROMOTE: &str = "UPDATE students SET grade_level = $2, school_id = $3
     WHERE student_id = $1 AND EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = $1 AND e.enrollment_id = $4)";
// A move to another school ends ties to the old one, as a transfer does:
// mentors without a role at the new school, its district or the state;
// advisory groups and class places of other schools.
const MOVE_MENTORS: &str = "DELETE FROM mentors WHERE student_id = $1
       AND EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = $1 AND e.enrollment_id = $4)
       AND staff_id NOT IN
         (SELECT g.user_id FROM role_grants g JOIN orgs o ON o.org_id = g.org_id
          WHERE o.org_id = $2 OR o.org_id = $3
             OR (o.kind = 'state' AND o.org_id = (SELECT state_id FROM orgs WHERE org_id = $2)))";
const MOVE_GROUPS: &str = "DELETE FROM advisory_members WHERE student_id = $1
       AND EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = $1 AND e.enrollment_id = $3)
       AND group_id IN (SELECT group_id FROM advisory_groups WHERE school_id <> $2)";
const MOVE_CLASSES: &str = "UPDATE class_students SET active = FALSE, end_date = $4
     WHERE student_id = $1 AND active = TRUE
       AND EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = $1 AND e.enrollment_id = $3)
       AND class_id IN (SELECT class_id FROM classes WHERE school_id <> $2)";
const GRADUATE: &str = "UPDATE students SET status = 'alumni', grade_level = 13, graduation_year = $3
     WHERE student_id = $1 AND status = 'active' AND grade_level = $2
       AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = $1 AND e.school_year = $4)";
const CLOSE_ALUMNI_ENROLLMENTS: &str =
    "UPDATE enrollments SET exit_date = CASE WHEN entry_date > $2 THEN entry_date ELSE $2 END
     WHERE student_id = $1 AND exit_date IS NULL
       AND EXISTS (SELECT 1 FROM students s WHERE s.student_id = $1 AND s.status = 'alumni')";

impl Store {
    /// The district's active students who have no enrolment in `year`
    /// yet, by name.
    pub async fn rollover_students(&self, district: OrgId, year: &str) -> Result<Vec<RolloverStudent>, StoreError> {
        self.db
            .query(
                "SELECT s.student_id, u.given_name, u.family_name, s.grade_level, s.school_id
                 FROM students s JOIN users u ON u.user_id = s.student_id
                 WHERE s.district_id = $1 AND s.status = 'active'
                   AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = s.student_id AND e.school_year = $2)
                 ORDER BY s.sort_name, s.student_id",
                params![district, year],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(RolloverStudent {
                    student_id: UserId(r.i64(0)?),
                    given_name: r.text(1)?,
                    family_name: r.text(2)?,
                    grade_level: r.opt_i64(3)?,
                    school_id: r.opt_i64(4)?.map(OrgId),
                })
            })
            .collect()
    }

    /// The grades the district's active students are in, per school:
    /// which grades a school without a recorded grade span teaches.
    pub async fn grades_by_school(&self, district: OrgId) -> Result<HashMap<OrgId, Vec<i64>>, StoreError> {
        let rows = self
            .db
            .query(
                "SELECT DISTINCT school_id, grade_level FROM students
                 WHERE district_id = $1 AND status = 'active' AND school_id IS NOT NULL AND grade_level IS NOT NULL",
                params![district],
            )
            .await?;
        let mut out: HashMap<OrgId, Vec<i64>> = HashMap::new();
        for r in rows {
            out.entry(OrgId(r.i64(0)?)).or_default().push(r.i64(1)?);
        }
        Ok(out)
    }

    /// For each student, the schools of their class places (from the
    /// roster), the most recent first.
    pub async fn class_schools(&self, students: &[UserId]) -> Result<HashMap<UserId, Vec<OrgId>>, StoreError> {
        let batch: Vec<Vec<Value>> = students.iter().map(|s| params![*s]).collect();
        let rows = self
            .db
            .query_many(
                "SELECT c.school_id FROM class_students st JOIN classes c ON c.class_id = st.class_id
                 WHERE st.student_id = $1 ORDER BY COALESCE(st.begin_date, '') DESC, c.class_id",
                batch,
            )
            .await?;
        let mut out = HashMap::new();
        for (s, rows) in students.iter().zip(rows) {
            let schools = rows
                .iter()
                .map(|r| r.i64(0).map(OrgId))
                .collect::<Result<Vec<_>, _>>()?;
            if !schools.is_empty() {
                out.insert(*s, schools);
            }
        }
        Ok(out)
    }

    /// Applies a rollover in one transaction: the target year created if
    /// missing and made current, every promotion and graduation. Returns
    /// what changed; applying the same changes again changes nothing.
    pub async fn apply_rollover(&self, c: &RolloverChanges) -> Result<RolloverCounts, StoreError> {
        let mut counts = RolloverCounts::default();
        let mut tx = self.db.begin().await?;
        // Rollovers of one district take turns: on PostgreSQL this row
        // lock holds a second one until the first commits, and the second
        // then finds every student done. (SQLite has one writer anyway.)
        tx.execute("UPDATE orgs SET code = code WHERE org_id = $1", params![c.district_id])
            .await?;
        if let Some(y) = &c.create_year {
            counts.year_created = tx
                .execute(
                    "INSERT INTO school_years (school_year_id, org_id, name, starts_on, ends_on, is_current)
                     VALUES ($1, $2, $3, $4, $5, FALSE) ON CONFLICT (org_id, name) DO NOTHING",
                    params![
                        waypoint_domain::new_id(),
                        c.district_id,
                        &y.name,
                        &y.starts_on,
                        &y.ends_on
                    ],
                )
                .await?
                > 0;
        }
        counts.year_switched = tx
            .execute(
                "UPDATE school_years SET is_current = (name = $2) WHERE org_id = $1 AND is_current <> (name = $2)",
                params![c.district_id, &c.to_year],
            )
            .await?
            > 0;

        let ids: Vec<i64> = c.promotions.iter().map(|_| waypoint_domain::new_id()).collect();
        let with_ids = || c.promotions.iter().zip(ids.iter().copied());
        tx.execute_many(
            INSERT_ENROLLMENT,
            with_ids()
                .map(|(p, e)| {
                    params![
                        p.student_id,
                        e,
                        p.to_school,
                        &c.to_year,
                        p.to_grade,
                        &c.to_starts_on,
                        p.from_grade,
                        p.from_school
                    ]
                })
                .collect(),
        )
        .await?;
        tx.execute_many(
            CLOSE_ENROLLMENTS,
            with_ids().map(|(p, e)| params![p.student_id, &c.close_on, e]).collect(),
        )
        .await?;
        let (stay, moving): (Vec<_>, Vec<_>) = with_ids().partition(|(p, _)| p.to_school == p.from_school);
        let promote = |list: &[(&Promotion, i64)]| -> Vec<Vec<Value>> {
            list.iter()
                .map(|(p, e)| params![p.student_id, p.to_grade, p.to_school, *e])
                .collect()
        };
        counts.promoted = tx.execute_many(PROMOTE, promote(&stay)).await?;
        counts.moved = tx.execute_many(PROMOTE, promote(&moving)).await?;
        let district = c.district_id;
        tx.execute_many(
            MOVE_MENTORS,
            moving
                .iter()
                .map(|(p, e)| params![p.student_id, p.to_school, district, *e])
                .collect(),
        )
        .await?;
        tx.execute_many(
            MOVE_GROUPS,
            moving
                .iter()
                .map(|(p, e)| params![p.student_id, p.to_school, *e])
                .collect(),
        )
        .await?;
        tx.execute_many(
            MOVE_CLASSES,
            moving
                .iter()
                .map(|(p, e)| params![p.student_id, p.to_school, *e, &c.close_on])
                .collect(),
        )
        .await?;

        counts.graduated = tx
            .execute_many(
                GRADUATE,
                c.graduations
                    .iter()
                    .map(|g| params![g.student_id, g.from_grade, g.graduation_year, &c.to_year])
                    .collect(),
            )
            .await?;
        tx.execute_many(
            CLOSE_ALUMNI_ENROLLMENTS,
            c.graduations
                .iter()
                .map(|g| params![g.student_id, &c.close_on])
                .collect(),
        )
        .await?;
        tx.commit().await?;
        Ok(counts)
    }
}
