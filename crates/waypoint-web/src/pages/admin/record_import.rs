//! Importing a transferring student's portable record at a school: a file
//! upload (multipart; the CSRF token travels in the form action's query
//! string, see `middleware::csrf`). Problems are listed by field of the
//! document with status 422, and then nothing has been written.

use super::{OrgNav, path_id};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::pages::{PageCtx, render, render_status};
use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use waypoint_app::record::{MAX_RECORD_BYTES, PortableRecord, RecordImportError, RecordIssue};
use waypoint_domain::OrgId;
use waypoint_store::orgs::OrgRecord;

#[derive(Template)]
#[template(path = "admin/record_import.html")]
struct ImportPage {
    c: PageCtx,
    nav: OrgNav,
    org: OrgRecord,
    issues: Vec<RecordIssue>,
    notices: Vec<String>,
    /// The student just imported, for a link.
    student: Option<String>,
}

/// Query of the import page: what the last import did.
#[derive(Deserialize, Default)]
pub struct ImportQuery {
    done: Option<String>,
    student: Option<String>,
    warn: Option<String>,
}

/// `GET /admin/orgs/{id}/record-import`: the upload form.
pub async fn form(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<ImportQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let org = st.app.record_import_school(&s.actor, id).await?;
    let mut notices = Vec::new();
    match q.done.as_deref() {
        Some("created") => notices.push(ctx.tr.t("notice-record-created")),
        Some("merged") => notices.push(ctx.tr.t("notice-record-merged")),
        _ => {}
    }
    if q.done.is_some() {
        // What was left out: `warn=email,attempt`.
        let warned: Vec<&str> = q.warn.as_deref().unwrap_or("").split(',').collect();
        if warned.contains(&"email") {
            notices.push(ctx.tr.t("notice-record-email-left-out"));
        }
        if warned.contains(&"attempt") {
            notices.push(ctx.tr.t("notice-record-open-attempt-left-out"));
        }
    }
    let student = q
        .done
        .as_ref()
        .and(q.student.as_deref())
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string);
    render(&ImportPage {
        c: PageCtx::new(&ctx),
        nav: OrgNav::new(&st.app, &s.actor, &ctx.tr, &org, "record-import"),
        org,
        issues: Vec::new(),
        notices,
        student,
    })
}

fn issue(key: &'static str) -> RecordIssue {
    RecordIssue {
        field: "file".into(),
        key,
    }
}

/// The bytes of the form's `file` field, at most [`MAX_RECORD_BYTES`].
async fn read_file(mp: Result<Multipart, MultipartRejection>) -> Result<Vec<u8>, RecordIssue> {
    let mut mp = mp.map_err(|_| issue("error-record-file"))?;
    let too_large = |e: &axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            issue("error-record-too-large")
        } else {
            issue("error-record-file")
        }
    };
    while let Some(mut field) = mp.next_field().await.map_err(|e| too_large(&e))? {
        if field.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|e| too_large(&e))? {
            if bytes.len() + chunk.len() > MAX_RECORD_BYTES {
                return Err(issue("error-record-too-large"));
            }
            bytes.extend_from_slice(&chunk);
        }
        if bytes.is_empty() {
            return Err(issue("error-record-file"));
        }
        return Ok(bytes);
    }
    Err(issue("error-record-file"))
}

/// `POST /admin/orgs/{id}/record-import`: imports the uploaded record.
pub async fn import(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    mp: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    // Permission before the body is read.
    let org = st.app.record_import_school(&s.actor, id).await?;
    let result = match read_file(mp).await {
        Err(i) => Err(RecordImportError::Rejected(vec![i])),
        Ok(bytes) => match PortableRecord::from_json(&bytes) {
            Err(issues) => Err(RecordImportError::Rejected(issues)),
            Ok(doc) => st.app.import_record(&s.actor, id, &doc, &ctx.origin).await,
        },
    };
    match result {
        Ok(r) => {
            let mut warned: Vec<&str> = r
                .warnings
                .iter()
                .filter_map(|w| match w.key {
                    "error-email-taken" => Some("email"),
                    "error-record-open-attempt-here" => Some("attempt"),
                    _ => None,
                })
                .collect();
            warned.sort_unstable();
            warned.dedup();
            let warn = if warned.is_empty() {
                String::new()
            } else {
                format!("&warn={}", warned.join(","))
            };
            let done = if r.created { "created" } else { "merged" };
            Ok(Redirect::to(&format!(
                "/admin/orgs/{id}/record-import?done={done}&student={}{warn}",
                r.student_id
            ))
            .into_response())
        }
        Err(RecordImportError::Rejected(issues)) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ImportPage {
                c: PageCtx::new(&ctx),
                nav: OrgNav::new(&st.app, &s.actor, &ctx.tr, &org, "record-import"),
                org,
                issues,
                notices: Vec::new(),
                student: None,
            },
        ),
        Err(RecordImportError::App(e)) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    /// Every message the record reader and the import use is translated.
    #[test]
    fn every_record_problem_has_a_message() {
        let en = crate::i18n::keys(crate::i18n::source(crate::i18n::Lang::En));
        let sources = [
            include_str!("../../../../waypoint-app/src/record.rs"),
            include_str!("record_import.rs"),
        ];
        let mut used = Vec::new();
        for src in sources {
            for (i, _) in src.match_indices("\"error-") {
                let rest = &src[i + 1..];
                if let Some(end) = rest.find('"')
                    && !rest[..end].ends_with('-')
                {
                    used.push(rest[..end].to_string());
                }
            }
        }
        assert!(used.len() > 15, "{used:?}");
        let missing: Vec<_> = used.iter().filter(|k| !en.contains(k)).collect();
        assert!(missing.is_empty(), "keys used but not defined: {missing:?}");
    }
}
