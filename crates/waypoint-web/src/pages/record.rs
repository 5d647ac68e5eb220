//! The portable record of one student: a printable page and the same
//! document as a JSON file to download (`waypoint_app::record`).

use super::student::student_id;
use super::{PageCtx, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use waypoint_app::App;
use waypoint_app::record::{PortableRecord, RecordAttempt};
use waypoint_domain::UserId;
use waypoint_domain::assessment::{Instrument, ScaleOutcome};

/// `2026-08-15T10:11:12.345Z` as `2026-08-15 10:11 UTC`.
fn when(at: &str) -> String {
    match at.get(..16) {
        Some(s) => format!("{} UTC", s.replace('T', " ")),
        None => at.to_string(),
    }
}

/// One scale's result, for reading.
struct ScaleView {
    name: String,
    /// The 0–100 score, or why there is none.
    score: String,
    /// `answered of items`.
    answered: String,
}

/// One assessment attempt, for reading: in the instrument's words when
/// this Waypoint has it, else by the ids the record holds.
struct AttemptView {
    /// For the section's heading id.
    n: usize,
    title: String,
    version: String,
    form: String,
    grade: i64,
    language: String,
    started: String,
    updated: String,
    finished: Option<String>,
    code: Option<String>,
    scales: Vec<ScaleView>,
    /// (question, answer).
    answers: Vec<(String, String)>,
    answer_count: usize,
}

fn attempt_view(c: &PageCtx, app: &App, n: usize, a: &RecordAttempt) -> AttemptView {
    let lang = c.tr.lang.code();
    let instrument: Option<&Instrument> = app.instruments().get(&a.instrument_id).map(|i| i.as_ref());
    // Item texts and answer labels only from the very version answered.
    let same = instrument.filter(|i| i.version() == a.instrument_version);
    let form = same.and_then(|i| i.form(&a.form_id));
    let mut answers: Vec<(String, String)> = Vec::new();
    let answer = |v: i32| -> String {
        same.and_then(|i| i.def().response.points.iter().find(|p| p.value == v))
            .map(|p| format!("{} ({v})", p.label.get(lang)))
            .unwrap_or_else(|| v.to_string())
    };
    if let (Some(i), Some(f)) = (same, form) {
        for item in i.items_of(f) {
            if let Some(v) = a.answers.get(&item.id) {
                answers.push((item.text.get(lang).to_string(), answer(*v)));
            }
        }
    }
    // Whatever the form does not list (or all, without the instrument), by id.
    for (id, v) in &a.answers {
        let listed = match (same, form) {
            (Some(i), Some(f)) => i.items_of(f).any(|it| &it.id == id),
            _ => false,
        };
        if !listed {
            answers.push((id.clone(), answer(*v)));
        }
    }
    let scales = a
        .scores
        .iter()
        .flat_map(|s| &s.scales)
        .map(|s| ScaleView {
            name: instrument
                .and_then(|i| i.def().scales.iter().find(|d| d.id == s.scale))
                .map(|d| d.name.get(lang).to_string())
                .unwrap_or_else(|| s.scale.clone()),
            score: match &s.outcome {
                ScaleOutcome::Scored { score, .. } => score.to_string(),
                ScaleOutcome::NotEnoughAnswers => c.tr.t("assessment-not-enough"),
            },
            answered: c
                .tr
                .t2("record-assessment-answered", "answered", &s.answered, "items", &s.items),
        })
        .collect();
    AttemptView {
        n,
        title: instrument
            .map(|i| i.def().title.get(lang).to_string())
            .unwrap_or_else(|| a.instrument_id.clone()),
        version: a.instrument_version.clone(),
        form: form
            .map(|f| f.name.get(lang).to_string())
            .unwrap_or_else(|| a.form_id.clone()),
        grade: a.grade,
        language: c.tr.code("record-language", &a.language),
        started: when(&a.started_at),
        updated: when(&a.updated_at),
        finished: a.completed_at.as_deref().map(when),
        code: a.scores.as_ref().and_then(|s| s.code.as_ref()).map(|c| c.text.clone()),
        scales,
        answer_count: answers.len(),
        answers,
    }
}

#[derive(Template)]
#[template(path = "student/record.html")]
struct RecordPage {
    c: PageCtx,
    student_id: UserId,
    /// The student's full name.
    name: String,
    /// When the record was made, for reading.
    made: String,
    attempts: Vec<AttemptView>,
    r: PortableRecord,
}

impl RecordPage {
    fn when(&self, at: &str) -> String {
        when(at)
    }

    fn status_label(&self) -> String {
        self.c.tr.code("student-status", &self.r.student.status)
    }

    fn race_label(&self, r: &str) -> String {
        self.c.tr.t(&format!("race-{}", r.replace('_', "-")))
    }

    /// The demographic flags: (label, value).
    fn flags(&self) -> Vec<(String, bool)> {
        let Some(d) = &self.r.demographics else {
            return Vec::new();
        };
        [
            ("low_income", d.low_income),
            ("english_learner", d.english_learner),
            ("disability_iep", d.disability_iep),
            ("section_504", d.section_504),
            ("homeless", d.homeless),
            ("foster", d.foster),
            ("military_connected", d.military_connected),
        ]
        .into_iter()
        .map(|(f, v)| (self.c.tr.t(&format!("demo-{}", f.replace('_', "-"))), v))
        .collect()
    }
}

/// `GET /students/{id}/record`: the whole record on one printable page,
/// with a link to download it.
pub async fn show(ctx: Ctx, State(st): State<AppState>, Path(id): Path<String>) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let r = st.app.export_record(&s.actor, id, &ctx.origin).await?;
    let c = PageCtx::new(&ctx);
    let attempts = r
        .assessments
        .iter()
        .enumerate()
        .map(|(n, a)| attempt_view(&c, &st.app, n + 1, a))
        .collect();
    render(&RecordPage {
        c,
        student_id: id,
        name: format!("{} {}", r.student.given_name, r.student.family_name),
        made: when(&r.exported_at),
        attempts,
        r,
    })
}

/// A file name from a state student id: letters, digits, `-` and `_` only.
fn file_name(state_id: &str) -> String {
    let safe: String = state_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    format!("waypoint-record-{safe}.json")
}

/// `GET /students/{id}/record.json`: the portable record as a file.
pub async fn download(ctx: Ctx, State(st): State<AppState>, Path(id): Path<String>) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let r = st.app.export_record(&s.actor, id, &ctx.origin).await?;
    let disposition = format!("attachment; filename=\"{}\"", file_name(&r.student.state_student_id));
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        r.to_json_pretty(),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_safe() {
        assert_eq!(super::file_name("SSID-1"), "waypoint-record-SSID-1.json");
        assert_eq!(super::file_name("a\"b/c\r\n"), "waypoint-record-a_b_c__.json");
    }
}
