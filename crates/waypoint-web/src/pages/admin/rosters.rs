//! Roster uploads: the form to upload a OneRoster package, the list of a
//! district's (or the state's) import runs, and one run's page with its
//! progress, summary and report.
//!
//! The import runs in the background; the run's page follows it. Without
//! JavaScript it follows by reloading itself every two seconds while the
//! run is going (`<meta http-equiv="refresh">`). Because a page that
//! reloads itself is a time limit for someone reading it with a screen
//! reader or a magnifier (WCAG 2.2.1), the reloading is the uploader's
//! choice: a box on the upload form (ticked by default) turns it on, and
//! the run's page has a link to stop it (and one to check by hand).

use super::{OrgNav, path_id};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::pages::{PageCtx, render, render_status};
use askama::Template;
use axum::extract::multipart::{Multipart, MultipartError};
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_app::roster_runs::{Failure, RosterUpload, RunSummary, RunView, StoredIssue};
use waypoint_domain::OrgId;
use waypoint_domain::validate::FieldErrors;
use waypoint_store::orgs::OrgRecord;

/// The largest upload accepted: real packages of large districts are
/// hundreds of megabytes of CSV.
pub const UPLOAD_LIMIT: usize = 512 * 1024 * 1024;

/// A run's status in words.
fn status_label(tr: &Tr, v: &RunView) -> String {
    tr.t(
        match (v.run.status.as_str(), v.summary.as_ref().and_then(|s| s.failure)) {
            ("running", _) => "roster-status-running",
            ("succeeded", _) => "roster-status-succeeded",
            (_, Some(Failure::Rejected)) => "roster-status-rejected",
            (_, Some(Failure::Interrupted)) => "roster-status-interrupted",
            _ => "roster-status-failed",
        },
    )
}

/// What a running import is doing, by its progress.
fn phase_label(tr: &Tr, progress: i64) -> String {
    tr.t(match progress {
        p if p < 10 => "roster-phase-waiting",
        p if p < 40 => "roster-phase-reading",
        p if p < 80 => "roster-phase-matching",
        _ => "roster-phase-writing",
    })
}

/// One line of the list of runs.
struct RunRow {
    href: String,
    started_at: i64,
    file_name: String,
    status: String,
    progress: i64,
}

#[derive(Template)]
#[template(path = "admin/rosters.html")]
struct RostersPage {
    c: PageCtx,
    nav: OrgNav,
    org: OrgRecord,
    runs: Vec<RunRow>,
    errors: FieldErrors,
    package_error: Option<String>,
    limit_mb: usize,
}

async fn rosters_page(ctx: &Ctx, st: &AppState, id: OrgId, errors: FieldErrors) -> Result<RostersPage, WebError> {
    let s = ctx.require()?;
    let runs = st.app.roster_runs(&s.actor, id).await?;
    let org = st.app.view_org(&s.actor, id).await?;
    let tr = ctx.tr;
    Ok(RostersPage {
        c: PageCtx::new(ctx),
        nav: OrgNav::new(&st.app, &s.actor, &tr, &org, "rosters"),
        runs: runs
            .iter()
            .map(|v| RunRow {
                href: format!("/admin/orgs/{id}/rosters/{}", v.run.import_id),
                started_at: v.run.started_at,
                file_name: v.run.file_name.clone(),
                status: status_label(&tr, v),
                progress: v.run.progress,
            })
            .collect(),
        org,
        package_error: errors.for_field("package").map(|k| tr.t(k)),
        errors,
        limit_mb: UPLOAD_LIMIT / (1024 * 1024),
    })
}

/// `GET /admin/orgs/{id}/rosters`: the upload form and the past runs.
pub async fn list(ctx: Ctx, State(st): State<AppState>, Path(id): Path<String>) -> Result<Response, WebError> {
    ctx.require()?;
    let id: OrgId = path_id(&id)?;
    render(&rosters_page(&ctx, &st, id, FieldErrors::new()).await?)
}

/// The last part of an uploaded file's name (some browsers send a path).
fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name).trim()
}

/// Why reading the upload stopped.
enum Upload {
    Read(String, RosterUpload, bool),
    TooLarge,
}

async fn read_upload(mut form: Multipart) -> Result<Upload, WebError> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut auto = false;
    let too_large = |e: &MultipartError| e.status() == StatusCode::PAYLOAD_TOO_LARGE;
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if too_large(&e) => return Ok(Upload::TooLarge),
            Err(_) => return Err(WebError::BadRequest),
        };
        match field.name() {
            Some("package") => {
                let name = base_name(field.file_name().unwrap_or("")).to_string();
                let bytes = match field.bytes().await {
                    Ok(b) => b,
                    Err(e) if too_large(&e) => return Ok(Upload::TooLarge),
                    Err(_) => return Err(WebError::BadRequest),
                };
                // A file input with nothing chosen sends an empty part.
                if !name.is_empty() || !bytes.is_empty() {
                    files.push((name, bytes.to_vec()));
                }
            }
            Some("auto") => auto = true,
            _ => {}
        }
    }
    let is_zip = |(name, bytes): &(String, Vec<u8>)| {
        name.to_ascii_lowercase().ends_with(".zip") || bytes.starts_with(b"PK\x03\x04")
    };
    let (label, upload) = match files.as_slice() {
        [one] if is_zip(one) => {
            let (name, bytes) = files.remove(0);
            (name, RosterUpload::Zip(bytes))
        }
        _ => {
            let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
            (names.join(", "), RosterUpload::Files(files))
        }
    };
    Ok(Upload::Read(label, upload, auto))
}

/// `POST /admin/orgs/{id}/rosters` (multipart): records the upload as a
/// running import, starts it in the background and goes to its page.
pub async fn upload(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    // Permission before reading what may be hundreds of megabytes, and
    // before the body is looked at at all (a form that is not multipart
    // is a bad request only for those who may upload).
    st.app.roster_source(&s.actor, id).await?;
    let form = Multipart::from_request(req, &st)
        .await
        .map_err(|_| WebError::BadRequest)?;
    let (label, package, auto) = match read_upload(form).await? {
        Upload::Read(label, package, auto) => (label, package, auto),
        Upload::TooLarge => {
            let mut e = FieldErrors::new();
            e.add("package", "error-roster-too-large");
            return render_status(StatusCode::PAYLOAD_TOO_LARGE, &rosters_page(&ctx, &st, id, e).await?);
        }
    };
    match st
        .app
        .start_roster_import(&s.actor, id, &label, package, &ctx.origin)
        .await
    {
        Ok(run) => {
            let follow = if auto { "?auto=1" } else { "" };
            Ok(Redirect::to(&format!("/admin/orgs/{id}/rosters/{run}{follow}")).into_response())
        }
        Err(AppError::Invalid(e)) => {
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &rosters_page(&ctx, &st, id, e).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// One line of a report table.
struct IssueRow {
    file: String,
    line: String,
    field: String,
    problem: String,
    message: String,
}

/// A table of problems (errors or warnings).
struct IssueTable {
    id: &'static str,
    heading: String,
    caption: String,
    rows: Vec<IssueRow>,
    /// How many more were found but not listed.
    more: usize,
}

fn issue_table(tr: &Tr, id: &'static str, heading: String, list: &[StoredIssue], more: usize) -> IssueTable {
    IssueTable {
        id,
        heading,
        caption: tr.t1("roster-report-caption", "count", &(list.len() + more)),
        rows: list
            .iter()
            .map(|i| IssueRow {
                file: if i.file.is_empty() {
                    tr.t("roster-report-package")
                } else {
                    i.file.clone()
                },
                line: i.line.map(|l| l.to_string()).unwrap_or_default(),
                field: i.field.clone().unwrap_or_default(),
                problem: tr.code("roster-code", &i.code),
                message: i.message.clone(),
            })
            .collect(),
        more,
    }
}

#[derive(Template)]
#[template(path = "admin/roster_run.html")]
struct RunPage {
    c: PageCtx,
    nav: OrgNav,
    org: OrgRecord,
    file_name: String,
    started_at: i64,
    finished_at: Option<i64>,
    status: String,
    running: bool,
    progress: i64,
    phase: String,
    /// Reload every two seconds (while running, when asked for).
    auto: bool,
    succeeded: bool,
    /// Why nothing changed (for a failed run), in words.
    failure: Option<String>,
    counts: Vec<(String, usize)>,
    tables: Vec<IssueTable>,
    here_auto: String,
    here_manual: String,
}

/// Query of a run's page: `auto=1` reloads it while the run is going.
#[derive(Deserialize, Default)]
pub struct RunQuery {
    auto: Option<String>,
}

/// `GET /admin/orgs/{id}/rosters/{run_id}`: one run's progress, summary
/// and report.
pub async fn show(
    ctx: Ctx,
    State(st): State<AppState>,
    Path((id, run_id)): Path<(String, String)>,
    Query(q): Query<RunQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    // Permission first: an unknown run is a 404 only for those who may look.
    st.app.roster_source(&s.actor, id).await?;
    let run_id: i64 = path_id(&run_id)?;
    let v = st.app.roster_run(&s.actor, id, run_id).await?;
    let org = st.app.view_org(&s.actor, id).await?;
    let tr = ctx.tr;
    let running = v.run.status == "running";
    let summary: RunSummary = v.summary.clone().unwrap_or_default();
    let failure = match (v.run.status.as_str(), summary.failure) {
        ("failed", Some(Failure::Rejected)) => Some(tr.t("roster-failure-rejected")),
        ("failed", Some(Failure::Interrupted)) => Some(tr.t("roster-failure-interrupted")),
        ("failed", _) => Some(tr.t("roster-failure-error")),
        _ => None,
    };
    let mut tables = Vec::new();
    let r = &v.report;
    if !r.errors.is_empty() || r.truncated > 0 {
        tables.push(issue_table(
            &tr,
            "errors",
            tr.t("roster-report-errors"),
            &r.errors,
            r.truncated,
        ));
    }
    if !r.warnings.is_empty() || r.warnings_truncated > 0 {
        tables.push(issue_table(
            &tr,
            "warnings",
            tr.t("roster-report-warnings"),
            &r.warnings,
            r.warnings_truncated,
        ));
    }
    let base = format!("/admin/orgs/{id}/rosters/{run_id}");
    render(&RunPage {
        c: PageCtx::new(&ctx),
        nav: OrgNav::new(&st.app, &s.actor, &tr, &org, "rosters"),
        org,
        file_name: v.run.file_name.clone(),
        started_at: v.run.started_at,
        finished_at: v.run.finished_at,
        status: status_label(&tr, &v),
        running,
        progress: v.run.progress.clamp(0, 100),
        phase: phase_label(&tr, v.run.progress),
        auto: running && q.auto.as_deref() == Some("1"),
        succeeded: v.run.status == "succeeded",
        failure,
        counts: if v.run.status == "succeeded" {
            summary
                .counts()
                .into_iter()
                .map(|(k, n)| (tr.t(&format!("roster-count-{k}")), n))
                .collect()
        } else {
            Vec::new()
        },
        tables,
        here_auto: format!("{base}?auto=1"),
        here_manual: base,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, keys, source};

    #[test]
    fn every_count_and_reader_code_is_translated() {
        let codes = [
            "manifest",
            "missing_file",
            "undeclared_file",
            "unknown_file",
            "ignored_file",
            "missing_column",
            "duplicate_column",
            "unknown_column",
            "ignored_column",
            "extra_values",
            "required",
            "bad_date",
            "bad_enum",
            "bad_value",
            "duplicate_id",
            "unknown_reference",
            "encoding",
            "csv_syntax",
            "zip_path",
            "zip",
            "too_large",
            "io",
        ];
        for lang in Lang::ALL {
            let defined = keys(source(lang));
            for (k, _) in RunSummary::default().counts() {
                let key = format!("roster-count-{k}");
                assert!(defined.contains(&key), "{} lacks {key}", lang.code());
            }
            for c in codes {
                let key = format!("roster-code-{}", c.replace('_', "-"));
                assert!(defined.contains(&key), "{} lacks {key}", lang.code());
            }
        }
        assert_eq!(base_name("C:\\Users\\x\\users.csv"), "users.csv");
        assert_eq!(base_name("export/orgs.csv"), "orgs.csv");
    }
}
