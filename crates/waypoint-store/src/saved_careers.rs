//! Saved careers: the occupations a student keeps on their list, each with a note.
//!
//! One row per student and O*NET-SOC code in `saved_careers`, keyed by (student, code). The
//! code is text without a foreign key to the O*NET tables, and the title is kept as it was
//! when saved, so that a list still reads after a newer release drops a code (migration
//! 0008). Saving a code again changes its note and title but keeps when it was first saved.

use crate::cache::Key;
use crate::{Row, Store, StoreError, params};
use std::sync::Arc;
use waypoint_domain::UserId;

/// A career on a student's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedCareer {
    /// The O*NET-SOC code, `29-1141.00`.
    pub onet_code: String,
    /// The occupation's title when it was saved (or its note last changed).
    pub title: String,
    /// The student's note; empty when none.
    pub note: String,
    /// When it was first saved (milliseconds since 1970).
    pub saved_at: i64,
    /// When it or its note last changed.
    pub updated_at: i64,
}

pub(crate) fn saved_from(r: &Row) -> Result<SavedCareer, StoreError> {
    Ok(SavedCareer {
        onet_code: r.text(0)?,
        title: r.text(1)?,
        note: r.text(2)?,
        saved_at: r.i64(3)?,
        updated_at: r.i64(4)?,
    })
}

impl Store {
    /// Puts a career on a student's list, or changes the note (and title) of one already
    /// there. Returns true when it was not on the list before.
    pub async fn save_career(
        &self,
        student_id: UserId,
        onet_code: &str,
        title: &str,
        note: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        let rows = self
            .db
            .execute_all(vec![
                (
                    "UPDATE saved_careers SET title = $3, note = $4, updated_at = $5
                     WHERE student_id = $1 AND onet_code = $2",
                    params![student_id, onet_code, title, note, now_ms],
                ),
                (
                    "INSERT INTO saved_careers (student_id, onet_code, title, note, saved_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $5)
                     ON CONFLICT (student_id, onet_code) DO NOTHING",
                    params![student_id, onet_code, title, note, now_ms],
                ),
            ])
            .await?;
        Ok(rows.get(1).copied().unwrap_or(0) == 1)
    }

    /// Takes a career off a student's list. Returns false when it was not there.
    pub async fn remove_saved_career(&self, student_id: UserId, onet_code: &str) -> Result<bool, StoreError> {
        let n = self
            .db
            .execute(
                "DELETE FROM saved_careers WHERE student_id = $1 AND onet_code = $2",
                params![student_id, onet_code],
            )
            .await?;
        Ok(n > 0)
    }

    /// A student's saved careers, the most recently saved first; from the read cache when
    /// nothing has been written since (the student home page shows them).
    pub async fn saved_careers(&self, student_id: UserId) -> Result<Arc<Vec<SavedCareer>>, StoreError> {
        self.cached(Key::SavedCareers(student_id), async move {
            let rows = self
                .db
                .query(
                    "SELECT onet_code, title, note, saved_at, updated_at FROM saved_careers
                     WHERE student_id = $1 ORDER BY saved_at DESC, onet_code",
                    params![student_id],
                )
                .await?;
            Ok(Arc::new(rows.iter().map(saved_from).collect::<Result<Vec<_>, _>>()?))
        })
        .await
    }
}
