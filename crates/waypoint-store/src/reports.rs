//! Reports that count a school's students: aggregates computed by the
//! database (`GROUP BY`), never a list of students.
//!
//! The group is the school's current students: `students.school_id` is the
//! school and `status` is `active` (alumni keep their last school as
//! history; withdrawn students have left), optionally one grade. Every
//! count joins from `students` to a table keyed by `student_id`, so on a
//! database distributed by student each shard counts its own students and
//! the coordinator adds the groups up.
//!
//! The counts are raw: small-cell suppression
//! (`waypoint_domain::suppress`) is the caller's, before anything is shown.

use crate::{Backend, Store, StoreError, Value, params};
use waypoint_domain::OrgId;

/// The raw counts behind a school's interest and saved-careers report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InterestCounts {
    /// The school's current students (in the grade, when one is asked for).
    pub enrolled: u64,
    /// Students by the first place of the interest code of their latest
    /// finished attempt at the instrument: the letters of the code's first
    /// group (one letter, or several when the top scores are tied), empty
    /// when the attempt has no code. Students who never finished it are not
    /// counted. In no particular order.
    pub top_places: Vec<(Vec<String>, u64)>,
    /// Students with at least one saved career.
    pub saved_any: u64,
    /// Per saved O*NET-SOC code: the code, a title it was saved with, and
    /// how many students saved it. In no particular order.
    pub careers: Vec<(String, String, u64)>,
    /// Per career cluster (framework, cluster) of the current careers data:
    /// how many students saved at least one career in it. A cluster no
    /// student saved a career in is absent. In no particular order.
    pub clusters: Vec<(String, String, u64)>,
}

/// The students counted: a school's current students, in one grade when
/// `$2` is not negative. Every query below has it, with `s` for
/// `students`.
macro_rules! current_students {
    () => {
        "s.school_id = $1 AND s.status = 'active' AND (CAST($2 AS BIGINT) < 0 OR s.grade_level = $2)"
    };
}

/// Students by the first group of their latest finished attempt's code.
/// `$letters` is the backend's way to read `code.groups[0].letters` out of
/// the scores' JSON text (a JSON array as text, or NULL without a code).
macro_rules! top_places_sql {
    ($letters:literal) => {
        concat!(
            "SELECT ",
            $letters,
            ", COUNT(*)
             FROM students s JOIN assessment_attempts a ON a.student_id = s.student_id
             WHERE ",
            current_students!(),
            " AND a.instrument_id = $3 AND a.completed_at IS NOT NULL
               AND NOT EXISTS (
                 SELECT 1 FROM assessment_attempts b
                 WHERE b.student_id = a.student_id AND b.instrument_id = a.instrument_id
                   AND b.completed_at IS NOT NULL
                   AND (b.completed_at > a.completed_at
                        OR (b.completed_at = a.completed_at AND b.attempt_id > a.attempt_id)))
             GROUP BY 1"
        )
    };
}

/// The one difference between the backends: the scores are JSON text,
/// which PostgreSQL reads as JSON only after a cast SQLite does not have.
/// (No `$` path: the SQLite driver turns every `$` into `?`.)
const TOP_PLACES_SQLITE: &str = top_places_sql!("a.scores -> 'code' -> 'groups' -> 0 ->> 'letters'");
const TOP_PLACES_POSTGRES: &str = top_places_sql!("a.scores::jsonb -> 'code' -> 'groups' -> 0 ->> 'letters'");

const ENROLLED_SQL: &str = concat!("SELECT COUNT(*) FROM students s WHERE ", current_students!());

const SAVED_ANY_SQL: &str = concat!(
    "SELECT COUNT(*) FROM students s WHERE ",
    current_students!(),
    " AND EXISTS (SELECT 1 FROM saved_careers sc WHERE sc.student_id = s.student_id)"
);

/// A student saves a code once (the key), so rows are students.
const CAREERS_SQL: &str = concat!(
    "SELECT sc.onet_code, MAX(sc.title), COUNT(*)
     FROM students s JOIN saved_careers sc ON sc.student_id = s.student_id
     WHERE ",
    current_students!(),
    " GROUP BY sc.onet_code"
);

/// An occupation is in a cluster by its own code or by its SOC code, as in
/// the careers catalog; a student counts once per cluster however many of
/// its careers they saved.
const CLUSTERS_SQL: &str = concat!(
    "SELECT m.framework, m.cluster, COUNT(DISTINCT s.student_id)
     FROM students s
     JOIN saved_careers sc ON sc.student_id = s.student_id
     JOIN (SELECT o.onet_code, c.framework, c.cluster
             FROM onet_occupations o JOIN career_cluster_occupations c ON c.code = o.onet_code
           UNION
           SELECT o.onet_code, c.framework, c.cluster
             FROM onet_occupations o JOIN career_cluster_occupations c ON c.code = o.soc_code) m
       ON m.onet_code = sc.onet_code
     WHERE ",
    current_students!(),
    " GROUP BY m.framework, m.cluster"
);

fn count(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

impl Store {
    /// The counts of a school's interest and saved-careers report: its
    /// current students (of `grade`, when given), their latest finished
    /// attempts at the instrument `instrument_id` by the first place of the
    /// code, and their saved careers by career and by cluster. One batch of
    /// aggregate queries; not cached (a report is read rarely, and an answer
    /// a minute old would be wrong after a student finishes a survey).
    pub async fn school_interest_counts(
        &self,
        school_id: OrgId,
        grade: Option<i64>,
        instrument_id: &str,
    ) -> Result<InterestCounts, StoreError> {
        let top_sql = match self.db.backend() {
            Backend::Sqlite => TOP_PLACES_SQLITE,
            Backend::Postgres => TOP_PLACES_POSTGRES,
        };
        let grade = grade.unwrap_or(-1);
        let scope = || -> Vec<Value> { params![school_id, grade] };
        let b = self
            .db
            .query_batch(vec![
                (ENROLLED_SQL, scope()),
                (top_sql, params![school_id, grade, instrument_id]),
                (SAVED_ANY_SQL, scope()),
                (CAREERS_SQL, scope()),
                (CLUSTERS_SQL, scope()),
            ])
            .await?;
        let single = |rows: &Vec<crate::Row>| -> Result<u64, StoreError> {
            Ok(rows.first().map(|r| r.i64(0)).transpose()?.map(count).unwrap_or(0))
        };
        let mut top_places: Vec<(Vec<String>, u64)> = Vec::new();
        for r in &b[1] {
            let letters: Vec<String> = match r.opt_text(0)? {
                Some(json) => serde_json::from_str(&json)
                    .map_err(|e| StoreError::Other(format!("assessment_attempts.scores: {e}")))?,
                None => Vec::new(),
            };
            let n = count(r.i64(1)?);
            // Two spellings of one group (none today) are one group.
            match top_places.iter_mut().find(|(l, _)| *l == letters) {
                Some((_, m)) => *m += n,
                None => top_places.push((letters, n)),
            }
        }
        let careers = b[3]
            .iter()
            .map(|r| Ok((r.text(0)?, r.text(1)?, count(r.i64(2)?))))
            .collect::<Result<_, StoreError>>()?;
        let clusters = b[4]
            .iter()
            .map(|r| Ok((r.text(0)?, r.text(1)?, count(r.i64(2)?))))
            .collect::<Result<_, StoreError>>()?;
        Ok(InterestCounts {
            enrolled: single(&b[0])?,
            top_places,
            saved_any: single(&b[2])?,
            careers,
            clusters,
        })
    }
}
