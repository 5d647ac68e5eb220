//! Assessments: a student takes an instrument page by page, pauses,
//! resumes, finishes, and retakes it in a later year; the student, their
//! family and staff who may view the record see the results and the history.
//!
//! Every use case opens the student through [`App::open_student`]: taking,
//! resuming and answering need [`StudentAction::TakeAssessment`] (the student
//! only), results and history need [`StudentAction::View`]. Instruments come
//! from the [`Instruments`] registry in [`crate::AppConfig`]. An attempt is
//! answered against the instrument version it started on; when an operator
//! loads a new version, an unfinished attempt on the old one cannot go on
//! (a new one starts), while finished attempts keep their scores.

mod registry;

pub use registry::{INTERESTS, Instruments, InstrumentsError, SKILLS, Source, WORK_VALUES};

use crate::App;
use crate::access::{Opened, Origin};
use crate::error::{AppError, AppResult};
use std::collections::BTreeMap;
use std::sync::Arc;
use waypoint_domain::assessment::{AnswerProblem, Attempt, AttemptError, Instrument, Progress, Scores};
use waypoint_domain::authz::StudentAction;
use waypoint_domain::people::Actor;
use waypoint_domain::{AttemptId, UserId};
use waypoint_store::{StoreError, now_ms};

/// An instrument offered to a student, and where they are with it.
#[derive(Clone, Debug)]
pub struct Offered {
    pub instrument: Arc<Instrument>,
    /// The form for the student's grade.
    pub form_id: String,
    /// Items on that form.
    pub items: usize,
    /// The unfinished attempt on the current version, if any.
    pub open: Option<OpenAttempt>,
    /// The most recently finished attempt (any version), if any.
    pub finished: Option<FinishedAttempt>,
}

/// An attempt in progress.
#[derive(Clone, Debug)]
pub struct OpenAttempt {
    pub attempt_id: AttemptId,
    pub answered: u32,
    pub total: u32,
    pub started_at_ms: i64,
}

/// A finished attempt, for a list.
#[derive(Clone, Debug)]
pub struct FinishedAttempt {
    pub attempt_id: AttemptId,
    pub completed_at_ms: i64,
    pub grade: i64,
    /// The code (`IAS`, `I/A-S`), when the instrument has one.
    pub code: Option<String>,
}

/// The assessments page: what the student can take and every attempt.
#[derive(Clone, Debug)]
pub struct StudentAssessments {
    pub student_id: UserId,
    pub student_name: String,
    pub grade: Option<i64>,
    pub is_self: bool,
    /// The viewer may start, resume and answer (the student themself).
    pub may_take: bool,
    pub offered: Vec<Offered>,
    /// Every attempt, newest first.
    pub attempts: Vec<Attempt>,
}

/// An attempt opened for answering.
#[derive(Clone, Debug)]
pub struct AttemptForm {
    pub attempt: Attempt,
    pub instrument: Arc<Instrument>,
    pub progress: Progress,
}

/// What an attempt's results page shows.
#[derive(Clone, Debug)]
pub struct AttemptResults {
    pub attempt: Attempt,
    /// The instrument with the attempt's id, for its texts (the current
    /// version: scales are matched by id). `None` if it is no longer
    /// offered.
    pub instrument: Option<Arc<Instrument>>,
    /// The finished scores, or for an unfinished attempt a preview of the
    /// answers so far (when its version is still offered).
    pub scores: Option<Scores>,
    /// How far an unfinished attempt has got.
    pub progress: Option<Progress>,
    pub student_name: String,
    pub is_self: bool,
    pub may_take: bool,
}

/// Where the student asked to go after saving a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    /// The page before; unanswered items are fine.
    Back,
    /// The page after; every item on this page must be answered.
    Next,
    /// Save and stop for now; unanswered items are fine.
    Save,
    /// Finish and score; every item must be answered.
    Finish,
}

/// One posted page of a survey.
#[derive(Clone, Debug)]
pub struct PagePost {
    /// The page, from 0.
    pub page: usize,
    /// Item id → the value as sent.
    pub answers: Vec<(String, String)>,
    pub intent: Intent,
}

/// Something wrong with a posted page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageProblem {
    /// An item on this page has no answer (Next or Finish).
    Unanswered { item: String },
    /// An answer for an item that is not on this page.
    UnknownItem { item: String },
    /// A value that is not a point of the response scale.
    NotOnScale { item: String },
    /// A pile of a sort holds more than it may.
    OverCapacity { value: i32, count: u32, capacity: u32 },
}

/// What happened to a posted page.
#[derive(Clone, Debug)]
pub enum Answered {
    /// Saved; go to this page (from 0), or to the list for `None`.
    Saved { page: Option<usize> },
    /// Saved and finished: the results are ready.
    Finished,
    /// Finish was asked but items on other pages are unanswered: saved; go
    /// to the first such page (from 0).
    Incomplete { page: usize },
    /// The page is shown again with these problems and the answers chosen
    /// on it (item id → value, only those on the scale). When the only
    /// problems are unanswered items, the answers given were saved.
    Rejected {
        problems: Vec<PageProblem>,
        chosen: BTreeMap<String, i32>,
    },
    /// The attempt was finished already (another tab): see the results.
    AlreadyFinished,
}

/// Saves are retried this often when another save of the same attempt
/// got in between (two tabs).
const SAVE_TRIES: usize = 3;

impl App {
    /// The instrument registry.
    pub fn instruments(&self) -> &Instruments {
        &self.config.instruments
    }

    /// The instrument an unfinished attempt is answered against: the
    /// registry's, if it is still the attempt's version.
    fn instrument_for(&self, a: &Attempt) -> Option<Arc<Instrument>> {
        self.instruments()
            .get(&a.instrument_id)
            .filter(|i| i.version() == a.instrument_version)
            .cloned()
    }

    /// The assessments page: instruments for the student's grade with their
    /// state, and every attempt.
    pub async fn student_assessments(
        &self,
        actor: &Actor,
        student_id: UserId,
        origin: &Origin,
    ) -> AppResult<StudentAssessments> {
        let opened = self
            .open_student(actor, student_id, StudentAction::View, "assessments", origin)
            .await?;
        let overview = self
            .store
            .student_overview(student_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let attempts = self.store.attempts(student_id).await?;
        let grade = overview.student.grade_level;
        let offered = match grade {
            Some(g) => self
                .instruments()
                .for_grade(g)
                .into_iter()
                .map(|(i, form)| {
                    let open = attempts
                        .iter()
                        .find(|a| !a.is_finished() && a.instrument_id == i.id() && a.instrument_version == i.version())
                        .map(|a| OpenAttempt {
                            attempt_id: a.id,
                            answered: a.answers.len() as u32,
                            total: i.form(&a.form_id).map_or(0, |f| f.len() as u32),
                            started_at_ms: a.started_at_ms,
                        });
                    Offered {
                        instrument: i.clone(),
                        form_id: form.id.clone(),
                        items: form.len(),
                        open,
                        finished: latest_finished(&attempts, i.id()),
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        Ok(StudentAssessments {
            student_id,
            student_name: overview.student.user.full_name(),
            grade,
            is_self: actor.user_id == student_id,
            may_take: self.may(actor, StudentAction::TakeAssessment, &opened.facts),
            offered,
            attempts,
        })
    }

    /// Starts the instrument `instrument_id` for the student, on the form
    /// for their grade, in `language` (or English when the instrument is
    /// not written in it) — or resumes their unfinished attempt at it.
    /// Returns the attempt and the page (from 0) to go to: the first with an
    /// unanswered item.
    pub async fn start_assessment(
        &self,
        actor: &Actor,
        student_id: UserId,
        instrument_id: &str,
        language: &str,
        origin: &Origin,
    ) -> AppResult<(AttemptId, usize)> {
        self.open_student(
            actor,
            student_id,
            StudentAction::TakeAssessment,
            "assessment_attempt",
            origin,
        )
        .await?;
        let instrument = self
            .instruments()
            .get(instrument_id)
            .cloned()
            .ok_or(AppError::NotFound)?;
        if let Some(open) = self.open_attempt(student_id, &instrument).await? {
            return Ok((open.id, resume_page(&instrument, &open)));
        }
        let overview = self
            .store
            .student_overview(student_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let grade = overview
            .student
            .grade_level
            .ok_or(AppError::Conflict("error-assessment-grade"))?;
        let form = instrument
            .form_for_grade(grade)
            .ok_or(AppError::Conflict("error-assessment-grade"))?;
        let language = if instrument.def().languages.iter().any(|l| l == language) {
            language
        } else {
            "en"
        };
        let attempt = Attempt::start(
            &instrument,
            AttemptId::generate(),
            student_id,
            &form.id,
            grade,
            language,
            now_ms(),
        )
        .map_err(|e| AppError::Internal(format!("starting {instrument_id}: {e}")))?;
        match self.store.create_attempt(&attempt).await {
            Ok(()) => Ok((attempt.id, 0)),
            // Another request started it first: resume that one.
            Err(StoreError::Conflict { .. }) => {
                let open = self
                    .open_attempt(student_id, &instrument)
                    .await?
                    .ok_or(AppError::Conflict("error-conflict"))?;
                Ok((open.id, resume_page(&instrument, &open)))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The student's unfinished attempt at this instrument version.
    async fn open_attempt(&self, student_id: UserId, instrument: &Instrument) -> AppResult<Option<Attempt>> {
        Ok(self.store.attempts(student_id).await?.into_iter().find(|a| {
            !a.is_finished() && a.instrument_id == instrument.id() && a.instrument_version == instrument.version()
        }))
    }

    /// An attempt opened for answering, with its instrument and progress.
    /// A finished attempt comes back as it is (callers show its results);
    /// an unfinished one whose instrument version is no longer offered is
    /// a conflict.
    pub async fn attempt_form(
        &self,
        actor: &Actor,
        student_id: UserId,
        attempt_id: AttemptId,
        origin: &Origin,
    ) -> AppResult<Option<AttemptForm>> {
        self.open_student(
            actor,
            student_id,
            StudentAction::TakeAssessment,
            "assessment_attempt",
            origin,
        )
        .await?;
        let attempt = self
            .store
            .attempt(student_id, attempt_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if attempt.is_finished() {
            return Ok(None);
        }
        let instrument = self
            .instrument_for(&attempt)
            .ok_or(AppError::Conflict("error-assessment-changed"))?;
        let progress = attempt
            .progress(&instrument)
            .map_err(|e| AppError::Internal(format!("attempt {attempt_id}: {e}")))?;
        Ok(Some(AttemptForm {
            attempt,
            instrument,
            progress,
        }))
    }

    /// Saves one posted page of answers and goes where its intent says.
    /// Only items on that page may be answered; Next and Finish need every
    /// item on the page answered, Finish every item on the form.
    pub async fn answer_page(
        &self,
        actor: &Actor,
        student_id: UserId,
        attempt_id: AttemptId,
        post: &PagePost,
        origin: &Origin,
    ) -> AppResult<Answered> {
        let (page, fields, intent) = (post.page, post.answers.as_slice(), post.intent);
        self.open_student(
            actor,
            student_id,
            StudentAction::TakeAssessment,
            "assessment_attempt",
            origin,
        )
        .await?;
        for _ in 0..SAVE_TRIES {
            let mut attempt = self
                .store
                .attempt(student_id, attempt_id)
                .await?
                .ok_or(AppError::NotFound)?;
            if attempt.is_finished() {
                return Ok(Answered::AlreadyFinished);
            }
            let instrument = self
                .instrument_for(&attempt)
                .ok_or(AppError::Conflict("error-assessment-changed"))?;
            let form = instrument
                .form(&attempt.form_id)
                .ok_or_else(|| AppError::Internal(format!("attempt {attempt_id}: no form {}", attempt.form_id)))?;
            let pages = instrument.page_count(form);
            if page >= pages {
                return Err(AppError::NotFound);
            }
            let on_page: Vec<String> = instrument.page(form, page).iter().map(|it| it.id.clone()).collect();
            let (chosen, mut problems) = read_page(&instrument, &on_page, fields);
            if !problems.is_empty() {
                return Ok(Answered::Rejected { problems, chosen });
            }
            if matches!(intent, Intent::Next | Intent::Finish) {
                problems.extend(
                    on_page
                        .iter()
                        .filter(|id| !chosen.contains_key(*id))
                        .map(|id| PageProblem::Unanswered { item: id.clone() }),
                );
            }
            let read = attempt.updated_at_ms;
            let now = now_ms().max(read + 1);
            let changes: BTreeMap<String, Option<i32>> = chosen.iter().map(|(k, v)| (k.clone(), Some(*v))).collect();
            match attempt.record(&instrument, &changes, now) {
                Ok(()) => {}
                Err(AttemptError::Answers(found)) => {
                    problems.extend(found.into_iter().map(page_problem));
                    return Ok(Answered::Rejected { problems, chosen });
                }
                Err(e) => return Err(AppError::Internal(format!("attempt {attempt_id}: {e}"))),
            }
            let mut outcome = match intent {
                _ if !problems.is_empty() => Answered::Rejected {
                    problems: problems.clone(),
                    chosen: chosen.clone(),
                },
                Intent::Back => Answered::Saved {
                    page: Some(page.saturating_sub(1)),
                },
                Intent::Next => Answered::Saved {
                    page: Some((page + 1).min(pages - 1)),
                },
                Intent::Save => Answered::Saved { page: None },
                Intent::Finish => Answered::Finished,
            };
            if matches!(outcome, Answered::Finished) {
                let progress = attempt
                    .progress(&instrument)
                    .map_err(|e| AppError::Internal(format!("attempt {attempt_id}: {e}")))?;
                match progress.resume_page {
                    Some(p) => outcome = Answered::Incomplete { page: p as usize },
                    None => {
                        attempt
                            .finish(&instrument, now)
                            .map_err(|e| AppError::Internal(format!("attempt {attempt_id}: {e}")))?;
                    }
                }
            }
            if changes.is_empty() && !attempt.is_finished() {
                // Nothing to write.
                return Ok(outcome);
            }
            match self.store.save_attempt(&attempt, read).await {
                Ok(()) => return Ok(outcome),
                // Another save got in first: read it and apply this page again.
                Err(StoreError::Conflict { .. }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Conflict("error-conflict"))
    }

    /// One attempt's results: the finished scores, or for an unfinished
    /// attempt its progress and a preview.
    pub async fn attempt_results(
        &self,
        actor: &Actor,
        student_id: UserId,
        attempt_id: AttemptId,
        origin: &Origin,
    ) -> AppResult<AttemptResults> {
        let opened = self
            .open_student(actor, student_id, StudentAction::View, "assessment_results", origin)
            .await?;
        let attempt = self
            .store
            .attempt(student_id, attempt_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let overview = self
            .store
            .student_overview(student_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (scores, progress) = if attempt.is_finished() {
            (attempt.scores.clone(), None)
        } else {
            match self.instrument_for(&attempt) {
                Some(i) => (attempt.score(&i).ok(), attempt.progress(&i).ok()),
                None => (None, None),
            }
        };
        Ok(AttemptResults {
            instrument: self.instruments().get(&attempt.instrument_id).cloned(),
            attempt,
            scores,
            progress,
            student_name: overview.student.user.full_name(),
            is_self: actor.user_id == student_id,
            may_take: self.may(actor, StudentAction::TakeAssessment, &opened.facts),
        })
    }

    /// The student's most recently finished interest inventory (any
    /// instrument of kind `interest_inventory`, the shipped
    /// [`INTERESTS`] or one an operator loaded), with its scores. Takes the
    /// proof that the caller opened the student's record. One read, from
    /// the read cache when nothing has been written since.
    pub async fn latest_interest_attempt(&self, opened: &Opened) -> AppResult<Option<LatestAttempt>> {
        let latest = self.store.latest_finished_attempts(opened.facts.student_id).await?;
        Ok(LatestAttempt::find(latest, |a| {
            self.instruments().is_interest_inventory(&a.instrument_id)
                || (self.instruments().get(&a.instrument_id).is_none() && a.instrument_id == INTERESTS)
        }))
    }
}

/// One of a student's latest finished attempts (one per instrument, as the read cache keeps
/// them), shared with the cache rather than copied: an attempt holds every answer, and pages
/// that show only its date and scores were copying them on every view.
#[derive(Clone, Debug)]
pub struct LatestAttempt {
    list: Arc<Vec<Attempt>>,
    at: usize,
}

impl LatestAttempt {
    /// The first attempt of `list` that `which` picks.
    pub fn find(list: Arc<Vec<Attempt>>, which: impl Fn(&Attempt) -> bool) -> Option<Self> {
        let at = list.iter().position(which)?;
        Some(LatestAttempt { list, at })
    }
}

impl std::ops::Deref for LatestAttempt {
    type Target = Attempt;

    fn deref(&self) -> &Attempt {
        // `at` is a position in `list`, which never changes (it is behind an `Arc`).
        &self.list[self.at]
    }
}

/// The most recently finished attempt at `instrument_id` in `attempts`.
fn latest_finished(attempts: &[Attempt], instrument_id: &str) -> Option<FinishedAttempt> {
    attempts
        .iter()
        .filter(|a| a.instrument_id == instrument_id)
        .filter_map(|a| a.completed_at_ms.map(|at| (at, a)))
        .max_by_key(|(at, a)| (*at, a.id))
        .map(|(at, a)| FinishedAttempt {
            attempt_id: a.id,
            completed_at_ms: at,
            grade: a.grade,
            code: a.scores.as_ref().and_then(|s| s.code.as_ref()).map(|c| c.text.clone()),
        })
}

/// The page (from 0) to resume an attempt on: its first unanswered item's,
/// or the last page (where it is finished) when every item is answered.
fn resume_page(instrument: &Instrument, a: &Attempt) -> usize {
    match a.progress(instrument) {
        Ok(p) => p.resume_page.unwrap_or(p.pages.saturating_sub(1)) as usize,
        Err(_) => 0,
    }
}

/// Reads a posted page: the answers on the scale for items on the page,
/// and a problem for every other field.
fn read_page(
    instrument: &Instrument,
    on_page: &[String],
    fields: &[(String, String)],
) -> (BTreeMap<String, i32>, Vec<PageProblem>) {
    let mut chosen = BTreeMap::new();
    let mut problems = Vec::new();
    for (item, raw) in fields {
        if !on_page.contains(item) {
            problems.push(PageProblem::UnknownItem { item: item.clone() });
            continue;
        }
        match raw
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|v| instrument.point(*v).is_some())
        {
            Some(v) => {
                chosen.insert(item.clone(), v);
            }
            None => problems.push(PageProblem::NotOnScale { item: item.clone() }),
        }
    }
    (chosen, problems)
}

fn page_problem(p: AnswerProblem) -> PageProblem {
    match p {
        AnswerProblem::UnknownItem { item } => PageProblem::UnknownItem { item },
        AnswerProblem::NotOnScale { item, .. } => PageProblem::NotOnScale { item },
        AnswerProblem::OverCapacity { value, count, capacity } => PageProblem::OverCapacity { value, count, capacity },
    }
}
