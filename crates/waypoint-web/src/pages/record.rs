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
use waypoint_app::record::PortableRecord;
use waypoint_domain::UserId;

/// `2026-08-15T10:11:12.345Z` as `2026-08-15 10:11 UTC`.
fn when(at: &str) -> String {
    match at.get(..16) {
        Some(s) => format!("{} UTC", s.replace('T', " ")),
        None => at.to_string(),
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
    render(&RecordPage {
        c: PageCtx::new(&ctx),
        student_id: id,
        name: format!("{} {}", r.student.given_name, r.student.family_name),
        made: when(&r.exported_at),
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
