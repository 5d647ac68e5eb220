//! Assessments: the surveys a student can take, taking one page by page,
//! the results, and the "my interests" card of the student home page.
//!
//! Instrument texts come from the instrument file in the page's language
//! (English when the file lacks it); everything else from the translation
//! files. The pages work without JavaScript: every button posts the page's
//! answers and the server redirects to where the student asked to go.

use super::student::student_id;
use super::{PageCtx, render, render_status};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::collections::BTreeMap;
use waypoint_app::AppError;
use waypoint_app::assessments::{
    Answered, AttemptForm, AttemptResults, Intent, PagePost, PageProblem, StudentAssessments,
};
use waypoint_app::students::StudentHome;
use waypoint_domain::assessment::{Attempt, Code, Instrument, Kind, ResponseKind, ScaleOutcome, Scores};
use waypoint_domain::{AttemptId, UserId};

/// Parses the `{attempt}` of a path; a malformed id is a 404.
fn attempt_id(raw: &str) -> Result<AttemptId, WebError> {
    raw.parse().map_err(|_| WebError::App(AppError::NotFound))
}

/// Milliseconds since 1970 as `YYYY-MM-DD` (UTC).
fn date(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .and_then(|t| {
            t.format(&time::macros::format_description!("[year]-[month]-[day]"))
                .ok()
        })
        .unwrap_or_default()
}

/// Joins names for reading: "A", "A and B", "A, B and C"
/// (`assessment-list-and`, or `assessment-list-or`). Spanish "y" becomes "e" before an "i" sound, "o" becomes
/// "u" before an "o" sound.
pub(crate) fn join(tr: Tr, names: &[String], key: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            let mut word = tr.t(key);
            if tr.lang == Lang::Es {
                let l = last.to_lowercase();
                let starts = |p: &str| l.starts_with(p);
                if key == "assessment-list-and"
                    && (starts("i") || starts("hi"))
                    && !["hia", "hie", "hio", "hiu"].iter().any(|p| starts(p))
                {
                    word = "e".into();
                } else if key == "assessment-list-or" && (starts("o") || starts("ho")) {
                    word = "u".into();
                }
            }
            format!("{} {word} {last}", rest.join(", "))
        }
    }
}

/// A scale's name in the page's language (its id when the instrument no
/// longer has it).
fn scale_name(instrument: Option<&Instrument>, scale: &str, lang: &str) -> String {
    instrument
        .and_then(|i| i.def().scales.iter().find(|s| s.id == scale))
        .map(|s| s.name.get(lang).to_string())
        .unwrap_or_else(|| scale.to_string())
}

fn instrument_title(instrument: Option<&Instrument>, id: &str, lang: &str) -> String {
    instrument
        .map(|i| i.def().title.get(lang).to_string())
        .unwrap_or_else(|| id.to_string())
}

fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::InterestInventory => "assessment-kind-interest-inventory",
        Kind::WorkValues => "assessment-kind-work-values",
        Kind::SkillsSelfRating => "assessment-kind-skills-self-rating",
    }
}

// ------------------------------------------------------------------ list

struct OfferedView {
    id: String,
    title: String,
    kind: String,
    size: String,
    status: String,
    results: Option<String>,
    button: Option<String>,
}

struct HistoryView {
    title: String,
    started: String,
    finished: Option<String>,
    grade: i64,
    result: String,
    href: String,
}

#[derive(Template)]
#[template(path = "assessment/list.html")]
struct ListPage {
    c: PageCtx,
    student_id: UserId,
    student_name: String,
    is_self: bool,
    heading: String,
    grade: Option<i64>,
    offered: Vec<OfferedView>,
    history: Vec<HistoryView>,
    notice: Option<String>,
}

/// Query of the list: a one-time notice after an action.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    notice: Option<String>,
}

fn list_page(ctx: &Ctx, st: &AppState, s: StudentAssessments, notice: Option<String>) -> ListPage {
    let tr = ctx.tr;
    let lang = tr.lang.code();
    let sid = s.student_id;
    let offered = s
        .offered
        .iter()
        .map(|o| {
            let i = &o.instrument;
            let status = match (&o.open, &o.finished) {
                (Some(open), _) => tr.t2(
                    "assessment-status-in-progress",
                    "answered",
                    &open.answered,
                    "total",
                    &open.total,
                ),
                (None, Some(f)) => tr.t2(
                    "assessment-status-finished",
                    "date",
                    &date(f.completed_at_ms),
                    "grade",
                    &f.grade,
                ),
                (None, None) => tr.t("assessment-status-not-started"),
            };
            let button = s.may_take.then(|| {
                tr.t(match (&o.open, &o.finished) {
                    (Some(_), _) => "assessment-resume",
                    (None, Some(_)) => "assessment-retake",
                    (None, None) => "assessment-start",
                })
            });
            OfferedView {
                id: i.id().to_string(),
                title: i.def().title.get(lang).to_string(),
                kind: tr.t(kind_key(i.def().kind)),
                size: if i.def().response.kind == ResponseKind::Sort {
                    tr.t1("assessment-cards", "count", &o.items)
                } else {
                    tr.t1("assessment-questions", "count", &o.items)
                },
                status,
                results: o
                    .finished
                    .as_ref()
                    .map(|f| format!("/students/{sid}/attempts/{}/results", f.attempt_id)),
                button,
            }
        })
        .collect();
    let history = s
        .attempts
        .iter()
        .map(|a| {
            let instrument = st.app.instruments().get(&a.instrument_id).map(|i| &**i);
            let code = a
                .scores
                .as_ref()
                .and_then(|sc| sc.code.as_ref())
                .map(|c| c.text.clone());
            HistoryView {
                title: instrument_title(instrument, &a.instrument_id, lang),
                started: date(a.started_at_ms),
                finished: a.completed_at_ms.map(date),
                grade: a.grade,
                result: code.unwrap_or_else(|| tr.t("assessment-see-results")),
                href: format!("/students/{sid}/attempts/{}/results", a.id),
            }
        })
        .collect();
    ListPage {
        c: PageCtx::new(ctx),
        student_id: sid,
        heading: if s.is_self {
            tr.t("assessments-title")
        } else {
            tr.t1("assessments-heading-other", "name", &s.student_name)
        },
        student_name: s.student_name,
        is_self: s.is_self,
        grade: s.grade,
        offered,
        history,
        notice,
    }
}

/// `GET /students/{id}/assessments`: the surveys for the student's grade
/// and every attempt.
pub async fn list(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let data = st.app.student_assessments(&s.actor, id, &ctx.origin).await?;
    let notice = match q.notice.as_deref() {
        Some("saved") => Some(ctx.tr.t("notice-assessment-saved")),
        _ => None,
    };
    render(&list_page(&ctx, &st, data, notice))
}

/// `POST /students/{id}/assessments/{instrument}`: starts the survey, or
/// resumes the unfinished attempt, at its first unanswered page.
pub async fn start(
    ctx: Ctx,
    State(st): State<AppState>,
    Path((id, instrument)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let (attempt, page) = st
        .app
        .start_assessment(&s.actor, id, &instrument, ctx.tr.lang.code(), &ctx.origin)
        .await?;
    Ok(Redirect::to(&format!("/students/{id}/attempts/{attempt}?page={}", page + 1)).into_response())
}

// ------------------------------------------------------------------ take

struct ChoiceView {
    value: i32,
    label: String,
    checked: bool,
}

struct ItemView {
    id: String,
    number: usize,
    text: String,
    error: Option<String>,
    choices: Vec<ChoiceView>,
}

#[derive(Template)]
#[template(path = "assessment/take.html")]
struct TakePage {
    c: PageCtx,
    student_id: UserId,
    attempt_id: AttemptId,
    title: String,
    instructions: String,
    /// From 1.
    page: usize,
    pages: usize,
    answered: u32,
    total: u32,
    is_last: bool,
    items: Vec<ItemView>,
    /// (link target, message).
    errors: Vec<(Option<String>, String)>,
    piles: Vec<String>,
    notice: Option<String>,
    attribution: Option<String>,
}

/// What a re-shown page keeps from the post.
struct Posted {
    chosen: BTreeMap<String, i32>,
    problems: Vec<PageProblem>,
}

fn take_page(ctx: &Ctx, f: &AttemptForm, page: usize, posted: Option<&Posted>, notice: Option<String>) -> TakePage {
    let tr = ctx.tr;
    let lang = tr.lang.code();
    let i = &f.instrument;
    let def = i.def();
    let per = def.items_per_page.max(1) as usize;
    let sort = def.response.kind == ResponseKind::Sort;
    let point_label = |p: &waypoint_domain::assessment::Point| match (sort, p.capacity) {
        (true, Some(cap)) => tr.t2("assessment-pile-label", "pile", &p.label.get(lang), "capacity", &cap),
        _ => p.label.get(lang).to_string(),
    };
    let mut errors = Vec::new();
    let unanswered = |item: &str| {
        posted.is_some_and(|p| {
            p.problems.iter().any(
                |x| matches!(x, PageProblem::Unanswered { item: i } | PageProblem::NotOnScale { item: i } if i == item),
            )
        })
    };
    let form = i.form(&f.attempt.form_id);
    let items: Vec<ItemView> = form
        .map(|form| i.page(form, page))
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(n, item)| {
            let selected = posted
                .and_then(|p| p.chosen.get(&item.id))
                .or_else(|| f.attempt.answers.get(&item.id))
                .copied();
            let error = unanswered(&item.id).then(|| tr.t("assessment-error-unanswered"));
            if error.is_some() {
                let first = def.response.points.first().map_or(0, |p| p.value);
                errors.push((
                    Some(format!("#q-{}-{first}", item.id)),
                    tr.t1("assessment-error-unanswered-summary", "number", &(page * per + n + 1)),
                ));
            }
            ItemView {
                id: item.id.clone(),
                number: page * per + n + 1,
                text: item.text.get(lang).to_string(),
                error,
                choices: def
                    .response
                    .points
                    .iter()
                    .map(|p| ChoiceView {
                        value: p.value,
                        label: point_label(p),
                        checked: selected == Some(p.value),
                    })
                    .collect(),
            }
        })
        .collect();
    for p in posted.map(|p| p.problems.as_slice()).unwrap_or_default() {
        match p {
            PageProblem::UnknownItem { .. } => errors.push((None, tr.t("assessment-error-unknown-item"))),
            PageProblem::OverCapacity { value, count, capacity } => {
                let pile = i
                    .point(*value)
                    .map(|p| p.label.get(lang).to_string())
                    .unwrap_or_default();
                errors.push((
                    None,
                    crate::i18n::translate(
                        tr.lang,
                        "assessment-error-over-capacity",
                        &[
                            ("pile", &pile),
                            ("capacity", &capacity.to_string()),
                            ("count", &count.to_string()),
                        ],
                    ),
                ));
            }
            PageProblem::Unanswered { .. } | PageProblem::NotOnScale { .. } => {}
        }
    }
    let piles = f
        .progress
        .piles
        .iter()
        .filter_map(|p| {
            let cap = p.capacity?;
            let label = i.point(p.value)?.label.get(lang).to_string();
            Some(crate::i18n::translate(
                tr.lang,
                "assessment-pile-count",
                &[
                    ("pile", &label),
                    ("count", &p.count.to_string()),
                    ("capacity", &cap.to_string()),
                ],
            ))
        })
        .collect();
    let pages = f.progress.pages as usize;
    TakePage {
        c: PageCtx::new(ctx),
        student_id: f.attempt.student_id,
        attempt_id: f.attempt.id,
        title: def.title.get(lang).to_string(),
        instructions: def.instructions.get(lang).to_string(),
        page: page + 1,
        pages,
        answered: f.progress.answered,
        total: f.progress.total,
        is_last: page + 1 >= pages,
        items,
        errors,
        piles,
        notice,
        attribution: def.attribution.clone(),
    }
}

/// Query of a survey page: the page (from 1) and a notice.
#[derive(Deserialize, Default)]
pub struct TakeQuery {
    page: Option<String>,
    notice: Option<String>,
}

/// Parses a page number from 1; anything else is a bad request.
fn page_number(raw: &str) -> Result<usize, WebError> {
    match raw.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n - 1),
        _ => Err(WebError::BadRequest),
    }
}

/// `GET /students/{id}/attempts/{attempt}?page=N`: one page of a survey.
/// Without a page, the first with an unanswered item. A finished attempt
/// goes to its results.
pub async fn show(
    ctx: Ctx,
    State(st): State<AppState>,
    Path((id, attempt)): Path<(String, String)>,
    Query(q): Query<TakeQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let attempt = attempt_id(&attempt)?;
    let Some(f) = st.app.attempt_form(&s.actor, id, attempt, &ctx.origin).await? else {
        return Ok(Redirect::to(&format!("/students/{id}/attempts/{attempt}/results")).into_response());
    };
    let page = match q.page.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(p) => page_number(p)?,
        // The first page with an unanswered item, else the last (to finish).
        None => f.progress.resume_page.unwrap_or(f.progress.pages.saturating_sub(1)) as usize,
    };
    if page >= f.progress.pages as usize {
        return Err(AppError::NotFound.into());
    }
    let notice = match q.notice.as_deref() {
        Some("incomplete") => Some(ctx.tr.t("notice-assessment-incomplete")),
        _ => None,
    };
    render(&take_page(&ctx, &f, page, None, notice))
}

/// `POST /students/{id}/attempts/{attempt}`: saves the page's answers
/// (`item-<id>` = value) and goes where the button says (`action`: next,
/// back, save, finish).
pub async fn answer(
    ctx: Ctx,
    State(st): State<AppState>,
    Path((id, attempt)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let attempt = attempt_id(&attempt)?;
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let page = page_number(field("page").unwrap_or(""))?;
    let intent = match field("action") {
        Some("next") => Intent::Next,
        Some("back") => Intent::Back,
        Some("save") => Intent::Save,
        Some("finish") => Intent::Finish,
        _ => return Err(WebError::BadRequest),
    };
    let answers: Vec<(String, String)> = fields
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("item-").map(|item| (item.to_string(), v.clone())))
        .collect();
    let base = format!("/students/{id}/attempts/{attempt}");
    let post = PagePost { page, answers, intent };
    let outcome = st.app.answer_page(&s.actor, id, attempt, &post, &ctx.origin).await?;
    match outcome {
        Answered::Saved { page: Some(p) } => Ok(Redirect::to(&format!("{base}?page={}", p + 1)).into_response()),
        Answered::Saved { page: None } => {
            Ok(Redirect::to(&format!("/students/{id}/assessments?notice=saved")).into_response())
        }
        Answered::Finished | Answered::AlreadyFinished => Ok(Redirect::to(&format!("{base}/results")).into_response()),
        Answered::Incomplete { page } => {
            Ok(Redirect::to(&format!("{base}?page={}&notice=incomplete", page + 1)).into_response())
        }
        Answered::Rejected { problems, chosen } => {
            let Some(f) = st.app.attempt_form(&s.actor, id, attempt, &ctx.origin).await? else {
                return Ok(Redirect::to(&format!("{base}/results")).into_response());
            };
            let posted = Posted { chosen, problems };
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &take_page(&ctx, &f, page, Some(&posted), None),
            )
        }
    }
}

// --------------------------------------------------------------- results

struct Tick {
    x: u32,
    label: u32,
}

struct Bar {
    /// The baseline of the scale's name, above its bar.
    label_y: u32,
    /// The top of the bar.
    y: u32,
    /// The baseline of the score beside the bar.
    value_y: u32,
    name: String,
    scored: bool,
    width: u32,
    value_x: u32,
    value: String,
}

/// The bar chart's geometry, in SVG user units. Names go above their
/// bars, so the chart stays narrow enough to read on a phone.
struct Chart {
    width: u32,
    height: u32,
    bar_x: u32,
    bar_height: u32,
    axis_y: u32,
    axis_label_y: u32,
    ticks: Vec<Tick>,
    bars: Vec<Bar>,
    /// Every bar in words, for screen readers.
    desc: String,
}

/// Room left of the bars (half a tick label).
const LEFT: u32 = 10;
/// Units per point of the 0–100 score.
const BAR_SCALE: u32 = 3;
/// Height of one scale: its name, then its bar.
const ROW: u32 = 44;
const BAR_HEIGHT: u32 = 18;
const TOP: u32 = 4;

struct ScaleRow {
    name: String,
    description: Option<String>,
    score: String,
    band: String,
    meaning: String,
}

#[derive(Template)]
#[template(path = "assessment/results.html")]
struct ResultsPage {
    c: PageCtx,
    student_id: UserId,
    heading: String,
    taken: String,
    notes: Vec<String>,
    /// Where the "continue" button posts, for the student on an
    /// unfinished attempt.
    resume: Option<String>,
    top_heading: String,
    top_intro: String,
    code: Option<String>,
    top: Vec<String>,
    tie_words: Vec<String>,
    chart: Chart,
    rows: Vec<ScaleRow>,
    attribution: Option<String>,
}

/// The places of a code in words: one line per group of equal score.
fn code_lines(tr: Tr, code: &Code, instrument: Option<&Instrument>) -> (Vec<String>, Vec<String>) {
    let lang = tr.lang.code();
    let mut top = Vec::new();
    let mut ties = Vec::new();
    for g in &code.groups {
        let names: Vec<String> = g.scales.iter().map(|s| scale_name(instrument, s, lang)).collect();
        let joined = join(tr, &names, "assessment-list-and");
        if names.len() == 1 {
            top.push(tr.t2("assessment-top-item", "names", &joined, "score", &g.score));
            continue;
        }
        top.push(tr.t2("assessment-top-item-tied", "names", &joined, "score", &g.score));
        if usize::from(g.places) < names.len() {
            ties.push(crate::i18n::translate(
                tr.lang,
                "assessment-code-tie-partial",
                &[
                    ("names", &joined),
                    ("score", &g.score.to_string()),
                    ("places", &g.places.to_string()),
                ],
            ));
        } else {
            ties.push(tr.t2("assessment-code-tie", "names", &joined, "score", &g.score));
        }
    }
    if ties.is_empty() {
        ties.push(tr.t("assessment-code-no-ties"));
    } else {
        let alternatives = code.alternatives(6);
        if alternatives.len() > 1 {
            ties.push(tr.t1(
                "assessment-code-alternatives",
                "codes",
                &join(tr, &alternatives, "assessment-list-or"),
            ));
        }
    }
    (top, ties)
}

fn chart(tr: Tr, scores: &Scores, instrument: Option<&Instrument>) -> Chart {
    let lang = tr.lang.code();
    let n = scores.scales.len() as u32;
    let axis_y = TOP + n * ROW;
    let mut desc = Vec::new();
    let bars = scores
        .scales
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let name = scale_name(instrument, &s.scale, lang);
            let row = TOP + k as u32 * ROW;
            let y = row + 20;
            let (scored, width, value) = match &s.outcome {
                ScaleOutcome::Scored { score, band, .. } => {
                    desc.push(crate::i18n::translate(
                        tr.lang,
                        "assessment-chart-desc-item",
                        &[
                            ("name", &name),
                            ("score", &score.to_string()),
                            ("band", &band_label(instrument, band, lang)),
                        ],
                    ));
                    (true, u32::from(*score) * BAR_SCALE, score.to_string())
                }
                ScaleOutcome::NotEnoughAnswers => {
                    desc.push(tr.t1("assessment-chart-desc-missing", "name", &name));
                    (false, 0, tr.t("assessment-not-enough"))
                }
            };
            Bar {
                label_y: row + 15,
                y,
                value_y: y + BAR_HEIGHT / 2 + 5,
                name,
                scored,
                width,
                value_x: LEFT + width + 6,
                value,
            }
        })
        .collect();
    Chart {
        width: LEFT + 100 * BAR_SCALE + 40,
        height: axis_y + 24,
        bar_x: LEFT,
        bar_height: BAR_HEIGHT,
        axis_y,
        axis_label_y: axis_y + 18,
        ticks: [0, 25, 50, 75, 100]
            .into_iter()
            .map(|t| Tick {
                x: LEFT + t * BAR_SCALE,
                label: t,
            })
            .collect(),
        bars,
        desc: desc.join(" "),
    }
}

fn band_label(instrument: Option<&Instrument>, band: &str, lang: &str) -> String {
    instrument
        .and_then(|i| i.def().scoring.bands.iter().find(|b| b.id == band))
        .map(|b| b.label.get(lang).to_string())
        .unwrap_or_else(|| band.to_string())
}

fn results_page(ctx: &Ctx, r: &AttemptResults) -> ResultsPage {
    let tr = ctx.tr;
    let lang = tr.lang.code();
    let a: &Attempt = &r.attempt;
    let instrument = r.instrument.as_deref();
    let title = instrument_title(instrument, &a.instrument_id, lang);
    let sid = a.student_id;
    let mut notes = Vec::new();
    let taken = match a.completed_at_ms {
        Some(done) => crate::i18n::translate(
            tr.lang,
            if r.is_self {
                "assessment-taken-self"
            } else {
                "assessment-taken"
            },
            &[
                ("name", &r.student_name),
                ("grade", &a.grade.to_string()),
                ("date", &date(done)),
            ],
        ),
        None => crate::i18n::translate(
            tr.lang,
            if r.is_self {
                "assessment-started-self"
            } else {
                "assessment-started"
            },
            &[
                ("name", &r.student_name),
                ("grade", &a.grade.to_string()),
                ("date", &date(a.started_at_ms)),
            ],
        ),
    };
    if !a.is_finished() {
        match &r.progress {
            Some(p) => notes.push(tr.t2("assessment-unfinished-note", "answered", &p.answered, "total", &p.total)),
            None => notes.push(tr.t("assessment-changed-note")),
        }
    } else if r.scores.as_ref().is_some_and(|s| !s.complete) {
        notes.push(tr.t("assessment-incomplete-note"));
    }
    if instrument.is_none() {
        notes.push(tr.t("assessment-unknown-instrument"));
    }
    let mut rows = Vec::new();
    let mut top = Vec::new();
    let mut tie_words = Vec::new();
    let mut code = None;
    let chart_data = match &r.scores {
        Some(scores) => {
            let missing: Vec<String> = scores
                .incomplete_scales()
                .map(|s| scale_name(instrument, &s.scale, lang))
                .collect();
            if !missing.is_empty() {
                notes.push(tr.t1(
                    "assessment-insufficient-note",
                    "names",
                    &join(tr, &missing, "assessment-list-and"),
                ));
            }
            if let Some(c) = &scores.code {
                let (t, w) = code_lines(tr, c, instrument);
                top = t;
                tie_words = w;
                let lettered = instrument.is_some_and(|i| i.def().scales.iter().all(|s| s.code.is_some()));
                code = lettered.then(|| c.text.clone());
            }
            for s in &scores.scales {
                let def = instrument.and_then(|i| i.def().scales.iter().find(|d| d.id == s.scale));
                let (score, band, meaning) = match &s.outcome {
                    ScaleOutcome::Scored { score, band, .. } => (
                        score.to_string(),
                        band_label(instrument, band, lang),
                        def.and_then(|d| d.meaning.get(band))
                            .map(|m| m.get(lang).to_string())
                            .unwrap_or_default(),
                    ),
                    ScaleOutcome::NotEnoughAnswers => (
                        tr.t("assessment-not-enough"),
                        String::new(),
                        tr.t2(
                            "assessment-not-enough-detail",
                            "answered",
                            &s.answered,
                            "needed",
                            &s.needed,
                        ),
                    ),
                };
                rows.push(ScaleRow {
                    name: scale_name(instrument, &s.scale, lang),
                    description: def.map(|d| d.description.get(lang).to_string()),
                    score,
                    band,
                    meaning,
                });
            }
            chart(tr, scores, instrument)
        }
        None => chart(
            tr,
            &Scores {
                instrument_id: a.instrument_id.clone(),
                instrument_version: a.instrument_version.clone(),
                form_id: a.form_id.clone(),
                complete: false,
                scales: Vec::new(),
                code: None,
            },
            instrument,
        ),
    };
    let lettered = code.is_some();
    ResultsPage {
        c: PageCtx::new(ctx),
        student_id: sid,
        heading: tr.t1("assessment-results-title", "title", &title),
        taken,
        notes,
        resume: (r.may_take && !a.is_finished() && r.progress.is_some())
            .then(|| format!("/students/{sid}/assessments/{}", a.instrument_id)),
        top_heading: tr.t(if lettered {
            if r.is_self {
                "assessment-code-heading"
            } else {
                "assessment-code-heading-other"
            }
        } else {
            "assessment-top-heading"
        }),
        top_intro: tr.t(if lettered {
            "assessment-code-intro"
        } else {
            "assessment-top-intro"
        }),
        code,
        top,
        tie_words,
        chart: chart_data,
        rows,
        attribution: instrument.and_then(|i| i.def().attribution.clone()),
    }
}

/// `GET /students/{id}/attempts/{attempt}/results`: scores as a chart and
/// a table, the code with its ties in words, and what each score means.
pub async fn results(
    ctx: Ctx,
    State(st): State<AppState>,
    Path((id, attempt)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let attempt = attempt_id(&attempt)?;
    let r = st.app.attempt_results(&s.actor, id, attempt, &ctx.origin).await?;
    render(&results_page(&ctx, &r))
}

// ------------------------------------------------------------- home card

/// The "my interests" card of the student home page.
pub struct InterestsCard {
    /// "Your interest code: I/A-S", when a survey is finished.
    pub code: Option<String>,
    /// The top areas in words, and when the survey was taken.
    pub lines: Vec<String>,
    pub results: Option<String>,
}

/// Builds the card from the home page's data (no further reads).
pub fn interests_card(tr: Tr, st: &AppState, h: &StudentHome) -> InterestsCard {
    let Some(a) = &h.interests else {
        return InterestsCard {
            code: None,
            lines: Vec::new(),
            results: None,
        };
    };
    let lang = tr.lang.code();
    let instrument = st.app.instruments().get(&a.instrument_id).map(|i| &**i);
    let code = a.scores.as_ref().and_then(|s| s.code.as_ref());
    let mut lines = Vec::new();
    if let Some(c) = code {
        let groups: Vec<String> = c
            .groups
            .iter()
            .map(|g| {
                let names: Vec<String> = g.scales.iter().map(|s| scale_name(instrument, s, lang)).collect();
                let joined = join(tr, &names, "assessment-list-and");
                if names.len() > 1 {
                    tr.t1("interests-card-tied", "names", &joined)
                } else {
                    joined
                }
            })
            .collect();
        lines.push(tr.t1("interests-card-areas", "areas", &groups.join(", ")));
    }
    if let Some(done) = a.completed_at_ms {
        lines.push(tr.t2("interests-card-from", "date", &date(done), "grade", &a.grade));
    }
    let text = code
        .map(|c| c.text.clone())
        .unwrap_or_else(|| tr.t("interests-card-no-code"));
    InterestsCard {
        code: Some(tr.t1(
            if h.is_self {
                "interests-card-code"
            } else {
                "interests-card-code-other"
            },
            "code",
            &text,
        )),
        lines,
        results: Some(format!("/students/{}/attempts/{}/results", a.student_id, a.id)),
    }
}
