//! A student's attempt at an instrument: answers kept as they come, paused
//! and resumed, scored when finished.

use super::def::{Instrument, ResponseKind};
use super::score::{AnswerProblem, Answers, ScoreError, Scores};
use crate::{AttemptId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One attempt by one student at one form of one instrument version. A
/// retake is a new attempt; every attempt is kept, with its grade and dates,
/// so interests can be followed over the years. Times are milliseconds since
/// the Unix epoch, UTC, as the store keeps them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub id: AttemptId,
    pub student_id: UserId,
    pub instrument_id: String,
    pub instrument_version: String,
    pub form_id: String,
    /// The student's grade level when they started.
    pub grade: i64,
    /// The language they took it in.
    pub language: String,
    pub started_at_ms: i64,
    pub updated_at_ms: i64,
    /// Set by [`Attempt::finish`]; an attempt without it can be resumed.
    pub completed_at_ms: Option<i64>,
    pub answers: Answers,
    /// Kept when finished, so results stay readable after the instrument
    /// changes.
    pub scores: Option<Scores>,
}

/// Why an attempt could not start or change.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AttemptError {
    #[error("the instrument has no form {0:?}")]
    UnknownForm(String),
    #[error("form {form:?} is for grades {min}–{max}, not grade {grade}")]
    GradeNotCovered {
        form: String,
        grade: i64,
        min: i64,
        max: i64,
    },
    #[error("the instrument is not written in {0:?}")]
    UnknownLanguage(String),
    /// The attempt was started on another instrument or version.
    #[error("this attempt is for {expected}, not {found}")]
    WrongInstrument { expected: String, found: String },
    #[error("this attempt is finished; a retake is a new attempt")]
    Finished,
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Answers(Vec<AnswerProblem>),
}

impl From<ScoreError> for AttemptError {
    fn from(e: ScoreError) -> Self {
        match e {
            ScoreError::UnknownForm(f) => AttemptError::UnknownForm(f),
            ScoreError::Answers(p) => AttemptError::Answers(p),
        }
    }
}

/// How far a set of answers has got.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub form_id: String,
    /// Items on the form.
    pub total: u32,
    pub answered: u32,
    pub pages: u32,
    /// The first page (from 0) with an unanswered item: where to resume.
    /// `None` when every item is answered.
    pub resume_page: Option<u32>,
    /// Every item is answered.
    pub complete: bool,
    /// Every scale has enough answers to be scored.
    pub scorable: bool,
    pub scales: Vec<ScaleProgress>,
    /// For a sort, how full each pile is; empty otherwise.
    pub piles: Vec<PileCount>,
}

/// One scale's answers so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleProgress {
    pub scale: String,
    pub items: u32,
    pub answered: u32,
    pub needed: u32,
}

/// How many items a pile of a sort holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PileCount {
    pub value: i32,
    pub count: u32,
    pub capacity: Option<u32>,
}

impl Instrument {
    /// How far `answers` have got on the form `form_id`. Partial answers are
    /// expected; invalid ones are an error, as for scoring.
    pub fn progress(&self, form_id: &str, answers: &Answers) -> Result<Progress, ScoreError> {
        let form = self
            .form(form_id)
            .ok_or_else(|| ScoreError::UnknownForm(form_id.to_string()))?;
        self.check_answers(form, answers).map_err(ScoreError::Answers)?;
        let def = self.def();
        let is_answered = |i: usize| answers.contains_key(&def.items[i].id);
        let answered = form.items.iter().filter(|&&i| is_answered(i)).count() as u32;
        let per = self.items_per_page();
        let resume_page = form
            .items
            .iter()
            .position(|&i| !is_answered(i))
            .map(|p| (p / per) as u32);
        let scales: Vec<ScaleProgress> = def
            .scales
            .iter()
            .enumerate()
            .map(|(s, scale)| {
                let on: Vec<usize> = form
                    .items
                    .iter()
                    .copied()
                    .filter(|&i| self.item_scales[i].contains(&s))
                    .collect();
                let items = on.len() as u32;
                ScaleProgress {
                    scale: scale.id.clone(),
                    items,
                    answered: on.iter().filter(|&&i| is_answered(i)).count() as u32,
                    needed: form.min_answered.min(items).max(1),
                }
            })
            .collect();
        let piles = if def.response.kind == ResponseKind::Sort {
            def.response
                .points
                .iter()
                .map(|p| PileCount {
                    value: p.value,
                    count: answers.values().filter(|&&v| v == p.value).count() as u32,
                    capacity: p.capacity,
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(Progress {
            form_id: form.id.clone(),
            total: form.items.len() as u32,
            answered,
            pages: self.page_count(form) as u32,
            resume_page,
            complete: answered as usize == form.items.len(),
            scorable: scales.iter().all(|s| s.answered >= s.needed),
            scales,
            piles,
        })
    }
}

impl Attempt {
    /// Starts an attempt at `form_id` for a student in `grade`, in
    /// `language`.
    pub fn start(
        instrument: &Instrument,
        id: AttemptId,
        student_id: UserId,
        form_id: &str,
        grade: i64,
        language: &str,
        now_ms: i64,
    ) -> Result<Self, AttemptError> {
        let form = instrument
            .form(form_id)
            .ok_or_else(|| AttemptError::UnknownForm(form_id.to_string()))?;
        if !form.grades.contains(grade) {
            return Err(AttemptError::GradeNotCovered {
                form: form.id.clone(),
                grade,
                min: form.grades.min,
                max: form.grades.max,
            });
        }
        if !instrument.def().languages.iter().any(|l| l == language) {
            return Err(AttemptError::UnknownLanguage(language.to_string()));
        }
        Ok(Attempt {
            id,
            student_id,
            instrument_id: instrument.id().to_string(),
            instrument_version: instrument.version().to_string(),
            form_id: form.id.clone(),
            grade,
            language: language.to_string(),
            started_at_ms: now_ms,
            updated_at_ms: now_ms,
            completed_at_ms: None,
            answers: Answers::new(),
            scores: None,
        })
    }

    /// True once finished.
    pub fn is_finished(&self) -> bool {
        self.completed_at_ms.is_some()
    }

    fn same_instrument(&self, instrument: &Instrument) -> Result<(), AttemptError> {
        if instrument.id() != self.instrument_id || instrument.version() != self.instrument_version {
            return Err(AttemptError::WrongInstrument {
                expected: format!("{} version {}", self.instrument_id, self.instrument_version),
                found: format!("{} version {}", instrument.id(), instrument.version()),
            });
        }
        Ok(())
    }

    /// Records a page of answers: `Some(value)` answers an item, `None`
    /// clears its answer. All or nothing: when the answers would break a rule
    /// (an item not on the form, a value off the scale, a full pile), nothing
    /// changes.
    pub fn record(
        &mut self,
        instrument: &Instrument,
        changes: &BTreeMap<String, Option<i32>>,
        now_ms: i64,
    ) -> Result<(), AttemptError> {
        self.same_instrument(instrument)?;
        if self.is_finished() {
            return Err(AttemptError::Finished);
        }
        let form = instrument
            .form(&self.form_id)
            .ok_or_else(|| AttemptError::UnknownForm(self.form_id.clone()))?;
        let mut next = self.answers.clone();
        for (item, value) in changes {
            match value {
                Some(v) => next.insert(item.clone(), *v),
                None => next.remove(item),
            };
        }
        instrument.check_answers(form, &next).map_err(AttemptError::Answers)?;
        self.answers = next;
        self.updated_at_ms = now_ms;
        Ok(())
    }

    /// How far the attempt has got, and where to resume.
    pub fn progress(&self, instrument: &Instrument) -> Result<Progress, AttemptError> {
        self.same_instrument(instrument)?;
        Ok(instrument.progress(&self.form_id, &self.answers)?)
    }

    /// Scores the answers so far without finishing (a preview).
    pub fn score(&self, instrument: &Instrument) -> Result<Scores, AttemptError> {
        self.same_instrument(instrument)?;
        Ok(instrument.score(&self.form_id, &self.answers)?)
    }

    /// Finishes the attempt and keeps its scores. Unanswered items are
    /// allowed: scales without enough answers are reported as such.
    pub fn finish(&mut self, instrument: &Instrument, now_ms: i64) -> Result<&Scores, AttemptError> {
        if self.is_finished() {
            return Err(AttemptError::Finished);
        }
        let scores = self.score(instrument)?;
        self.completed_at_ms = Some(now_ms);
        self.updated_at_ms = now_ms;
        Ok(self.scores.insert(scores))
    }
}
