//! Assessment attempts: a student's answers to an instrument and, once
//! finished, the scores.
//!
//! One row per attempt in `assessment_attempts`, keyed by (student, attempt).
//! Answers and scores are kept as JSON text written from
//! `waypoint_domain::assessment`'s serde types, so a finished result stays
//! readable after the instrument changes. At most one attempt per student,
//! instrument and version is unfinished (a unique index); `updated_at` grows
//! on every save and a save names the value it read, so that two saves
//! started from the same state cannot both win (the second is a conflict and
//! its caller reads again).

use crate::cache::Key;
use crate::{Row, Store, StoreError, Value, params};
use std::sync::Arc;
use waypoint_domain::assessment::{Answers, Attempt, Scores};
use waypoint_domain::{AttemptId, UserId};

impl From<AttemptId> for Value {
    fn from(v: AttemptId) -> Self {
        Value::I64(v.0)
    }
}

const ONE_SQL: &str =
    "SELECT attempt_id, student_id, instrument_id, instrument_version, form_id, grade_level, language,
        started_at, updated_at, completed_at, answers, scores
     FROM assessment_attempts WHERE student_id = $1 AND attempt_id = $2";

const LIST_SQL: &str =
    "SELECT attempt_id, student_id, instrument_id, instrument_version, form_id, grade_level, language,
        started_at, updated_at, completed_at, answers, scores
     FROM assessment_attempts WHERE student_id = $1
     ORDER BY started_at DESC, attempt_id DESC";

const FINISHED_SQL: &str =
    "SELECT attempt_id, student_id, instrument_id, instrument_version, form_id, grade_level, language,
        started_at, updated_at, completed_at, answers, scores
     FROM assessment_attempts WHERE student_id = $1 AND completed_at IS NOT NULL
     ORDER BY completed_at DESC, attempt_id DESC";

fn json_error(what: &str, e: serde_json::Error) -> StoreError {
    StoreError::Other(format!("assessment_attempts.{what}: {e}"))
}

pub(crate) fn attempt_from(r: &Row) -> Result<Attempt, StoreError> {
    let answers: Answers = serde_json::from_str(&r.text(10)?).map_err(|e| json_error("answers", e))?;
    let scores: Option<Scores> = match r.opt_text(11)? {
        Some(s) => Some(serde_json::from_str(&s).map_err(|e| json_error("scores", e))?),
        None => None,
    };
    Ok(Attempt {
        id: AttemptId(r.i64(0)?),
        student_id: UserId(r.i64(1)?),
        instrument_id: r.text(2)?,
        instrument_version: r.text(3)?,
        form_id: r.text(4)?,
        grade: r.i64(5)?,
        language: r.text(6)?,
        started_at_ms: r.i64(7)?,
        updated_at_ms: r.i64(8)?,
        completed_at_ms: r.opt_i64(9)?,
        answers,
        scores,
    })
}

pub(crate) fn answers_json(a: &Attempt) -> Result<String, StoreError> {
    serde_json::to_string(&a.answers).map_err(|e| json_error("answers", e))
}

pub(crate) fn scores_json(a: &Attempt) -> Result<Option<String>, StoreError> {
    a.scores
        .as_ref()
        .map(|s| serde_json::to_string(s).map_err(|e| json_error("scores", e)))
        .transpose()
}

impl Store {
    /// Keeps a new attempt. A second unfinished attempt of the same student
    /// at the same instrument version is a [`StoreError::Conflict`]: the
    /// caller resumes the one that exists.
    pub async fn create_attempt(&self, a: &Attempt) -> Result<(), StoreError> {
        self.db
            .execute(
                "INSERT INTO assessment_attempts (student_id, attempt_id, instrument_id, instrument_version, form_id,
                    grade_level, language, started_at, updated_at, completed_at, answers, scores)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                params![
                    a.student_id,
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
                ],
            )
            .await
            .map(|_| ())
    }

    /// Saves an unfinished attempt's answers and last change, and its finish
    /// (completion time and scores) when `a` is finished.
    ///
    /// `read_updated_at_ms` is the `updated_at_ms` the caller read; the
    /// save happens only if the stored attempt still has it and is not
    /// finished, and `a.updated_at_ms` must be later. Otherwise nothing
    /// changes: [`StoreError::Conflict`] when the attempt has moved on (or
    /// was finished meanwhile), [`StoreError::NotFound`] when there is no
    /// such attempt.
    pub async fn save_attempt(&self, a: &Attempt, read_updated_at_ms: i64) -> Result<(), StoreError> {
        if a.updated_at_ms <= read_updated_at_ms {
            return Err(StoreError::Other(
                "save_attempt: updated_at_ms must grow with every save".into(),
            ));
        }
        let n = self
            .db
            .execute(
                "UPDATE assessment_attempts SET answers = $3, updated_at = $4, completed_at = $5, scores = $6
                 WHERE student_id = $1 AND attempt_id = $2 AND completed_at IS NULL AND updated_at = $7",
                params![
                    a.student_id,
                    a.id,
                    answers_json(a)?,
                    a.updated_at_ms,
                    a.completed_at_ms,
                    scores_json(a)?,
                    read_updated_at_ms
                ],
            )
            .await?;
        if n == 1 {
            return Ok(());
        }
        match self.attempt(a.student_id, a.id).await? {
            Some(_) => Err(StoreError::Conflict {
                constraint: "assessment_attempts.updated_at".into(),
            }),
            None => Err(StoreError::NotFound),
        }
    }

    /// One attempt of one student.
    pub async fn attempt(&self, student_id: UserId, attempt_id: AttemptId) -> Result<Option<Attempt>, StoreError> {
        self.db
            .query_opt(ONE_SQL, params![student_id, attempt_id])
            .await?
            .map(|r| attempt_from(&r))
            .transpose()
    }

    /// Every attempt of a student, at every instrument, newest first (by
    /// start).
    pub async fn attempts(&self, student_id: UserId) -> Result<Vec<Attempt>, StoreError> {
        self.db
            .query(LIST_SQL, params![student_id])
            .await?
            .iter()
            .map(attempt_from)
            .collect()
    }

    /// A student's latest finished attempt at each instrument, the most
    /// recently finished first. Read through the read cache: the student
    /// home page shows the latest interest code.
    pub async fn latest_finished_attempts(&self, student_id: UserId) -> Result<Arc<Vec<Attempt>>, StoreError> {
        self.cached(Key::FinishedAttempts(student_id), async move {
            let rows = self.db.query(FINISHED_SQL, params![student_id]).await?;
            let mut out: Vec<Attempt> = Vec::new();
            for r in &rows {
                let a = attempt_from(r)?;
                if !out.iter().any(|o| o.instrument_id == a.instrument_id) {
                    out.push(a);
                }
            }
            Ok(Arc::new(out))
        })
        .await
    }

    /// A student's latest finished attempt at the instrument `instrument_id`
    /// (any version), if any; from the read cache when nothing has been
    /// written since.
    pub async fn latest_finished_attempt(
        &self,
        student_id: UserId,
        instrument_id: &str,
    ) -> Result<Option<Attempt>, StoreError> {
        Ok(self
            .latest_finished_attempts(student_id)
            .await?
            .iter()
            .find(|a| a.instrument_id == instrument_id)
            .cloned())
    }
}
