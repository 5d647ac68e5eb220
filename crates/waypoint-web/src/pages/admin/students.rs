//! The students of an organisation and bulk mentor assignment.

use super::{OrgNav, form_pairs, pair, pair_all, path_id};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{WebError, urlencode};
use crate::pages::{PageCtx, Pager, opt_number, render, render_status};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_domain::authz::OrgAction;
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::StudentStatus;
use waypoint_domain::validate::FieldErrors;
use waypoint_domain::{OrgId, UserId};
use waypoint_store::orgs::OrgRecord;
use waypoint_store::people::UserRecord;
use waypoint_store::students::StudentSummary;

#[derive(Template)]
#[template(path = "admin/students.html")]
struct StudentsPage {
    c: PageCtx,
    nav: OrgNav,
    org: OrgRecord,
    students: Vec<StudentSummary>,
    pager: Pager,
    f: Filter,
    grades: Vec<i64>,
    /// Bulk mentor assignment is offered (schools, for those who manage
    /// groups there).
    may_assign: bool,
    mentors: Vec<UserRecord>,
    mentor_id: String,
    selected: Vec<String>,
    errors: FieldErrors,
    notice: Option<String>,
}

impl StudentsPage {
    fn is_selected(&self, id: &UserId) -> bool {
        let id = id.to_string();
        self.selected.iter().any(|s| s.trim() == id)
    }

    /// Alumni records are closed to staff: they cannot get a mentor.
    fn selectable(&self, s: &StudentSummary) -> bool {
        s.status != StudentStatus::Alumni
    }

    fn grade_is(&self, g: &i64) -> bool {
        self.f.grade == Some(*g)
    }
}

/// The list's search, grade filter and page.
#[derive(Clone, Debug, Default)]
struct Filter {
    q: String,
    grade: Option<i64>,
    page: i64,
}

impl Filter {
    fn parse(q: Option<String>, grade: Option<String>, page: Option<String>) -> Filter {
        Filter {
            q: q.unwrap_or_default(),
            grade: opt_number(&grade).filter(|g| (0..=13).contains(g)),
            page: opt_number(&page).unwrap_or(1).max(1),
        }
    }

    /// The query string that shows this list again, ending with `&`.
    fn query(&self, with_page: bool) -> String {
        let mut s = format!(
            "q={}&grade={}&",
            urlencode(&self.q),
            self.grade.map(|g| g.to_string()).unwrap_or_default()
        );
        if with_page {
            s.push_str(&format!("page={}&", self.page));
        }
        s
    }

    fn grade_value(&self) -> String {
        self.grade.map(|g| g.to_string()).unwrap_or_default()
    }
}

/// Query of the students page.
#[derive(Deserialize, Default)]
pub struct StudentsQuery {
    q: Option<String>,
    grade: Option<String>,
    page: Option<String>,
    /// After a bulk assignment: how many students got the mentor.
    assigned: Option<String>,
}

/// What a failed bulk assignment sent, to show again.
#[derive(Default)]
struct Sent {
    mentor_id: String,
    selected: Vec<String>,
    errors: FieldErrors,
}

async fn students_page(
    ctx: &Ctx,
    st: &AppState,
    id: OrgId,
    f: Filter,
    sent: Sent,
    notice: Option<String>,
) -> Result<StudentsPage, WebError> {
    let s = ctx.require()?;
    let app = &st.app;
    let org = app.view_org(&s.actor, id).await?;
    let list = app.org_students(&s.actor, &org, &f.q, f.grade, f.page).await?;
    let may_assign = org.kind == OrgKind::School && app.may_org(&s.actor, OrgAction::ManageGroups, &org);
    let mentors = if may_assign {
        app.possible_mentors(&s.actor, id).await?
    } else {
        Vec::new()
    };
    let grades = match (org.low_grade, org.high_grade) {
        (Some(lo), Some(hi)) if lo <= hi => (lo..=hi).collect(),
        _ => (6..=12).collect(),
    };
    let pager = Pager::new(&list, &format!("/admin/orgs/{id}/students?{}", f.query(false)));
    Ok(StudentsPage {
        c: PageCtx::new(ctx),
        nav: OrgNav::new(app, &s.actor, &ctx.tr, &org, "students"),
        org,
        students: list.items.clone(),
        pager,
        f,
        grades,
        may_assign,
        mentors,
        mentor_id: sent.mentor_id,
        selected: sent.selected,
        errors: sent.errors,
        notice,
    })
}

/// `GET /admin/orgs/{id}/students`: the organisation's students, with
/// bulk mentor assignment at schools.
pub async fn list(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<StudentsQuery>,
) -> Result<Response, WebError> {
    ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let notice = opt_number(&q.assigned)
        .filter(|n| *n >= 0)
        .map(|n| ctx.tr.t1("notice-mentor-assigned", "count", &n));
    let f = Filter::parse(q.q, q.grade, q.page);
    render(&students_page(&ctx, &st, id, f, Sent::default(), notice).await?)
}

/// `POST /admin/orgs/{id}/mentors`: gives the chosen mentor to every
/// selected student (fields `mentor_id` and repeated `students`).
pub async fn assign_mentors(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let pairs = form_pairs(&body)?;
    let text = |k: &str| Some(pair(&pairs, k).to_string());
    let f = Filter::parse(text("q"), text("grade"), text("page"));
    let mentor_id = pair(&pairs, "mentor_id").to_string();
    let students = pair_all(&pairs, "students");
    let org = st.app.view_org(&s.actor, id).await?;
    if org.kind != OrgKind::School {
        return Err(AppError::NotFound.into());
    }
    match st
        .app
        .assign_mentor_at(&s.actor, id, &mentor_id, &students, &ctx.origin)
        .await
    {
        Ok(n) => Ok(Redirect::to(&format!("/admin/orgs/{id}/students?{}assigned={n}", f.query(true))).into_response()),
        Err(AppError::Invalid(errors)) => {
            let sent = Sent {
                mentor_id,
                selected: students,
                errors,
            };
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &students_page(&ctx, &st, id, f, sent, None).await?,
            )
        }
        Err(e) => Err(e.into()),
    }
}
