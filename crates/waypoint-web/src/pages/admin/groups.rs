//! Advisory groups: a school's groups, one group's members.

use super::{Field, OrgNav, form_id, path_id};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::pages::{PageCtx, Pager, opt_number, render, render_status};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_domain::org::OrgKind;
use waypoint_domain::validate::FieldErrors;
use waypoint_domain::{GroupId, OrgId, UserId};
use waypoint_store::orgs::OrgRecord;
use waypoint_store::people::UserRecord;
use waypoint_store::students::{GroupRecord, StudentSummary};

#[derive(Template)]
#[template(path = "admin/groups.html")]
struct GroupsPage {
    c: PageCtx,
    nav: OrgNav,
    org: OrgRecord,
    groups: Vec<GroupRecord>,
    mentors: Vec<UserRecord>,
    name: String,
    staff_id: String,
    errors: FieldErrors,
}

impl GroupsPage {
    fn name_field(&self) -> Field {
        Field::new(&self.c.tr, &self.errors, "name", "name", "field-group-name", &self.name)
    }
}

async fn groups_page(
    ctx: &Ctx,
    st: &AppState,
    id: OrgId,
    name: String,
    staff_id: String,
    errors: FieldErrors,
) -> Result<GroupsPage, WebError> {
    let s = ctx.require()?;
    let org = st.app.view_org(&s.actor, id).await?;
    if org.kind != OrgKind::School {
        return Err(AppError::NotFound.into());
    }
    let groups = st.app.groups_at(&s.actor, id).await?;
    let mentors = st.app.possible_mentors(&s.actor, id).await?;
    Ok(GroupsPage {
        c: PageCtx::new(ctx),
        nav: OrgNav::new(&st.app, &s.actor, &ctx.tr, &org, "groups"),
        org,
        groups,
        mentors,
        name,
        staff_id,
        errors,
    })
}

/// `GET /admin/orgs/{id}/groups`: a school's advisory groups.
pub async fn list(ctx: Ctx, State(st): State<AppState>, Path(id): Path<String>) -> Result<Response, WebError> {
    ctx.require()?;
    let id: OrgId = path_id(&id)?;
    render(&groups_page(&ctx, &st, id, String::new(), String::new(), FieldErrors::new()).await?)
}

/// The new-group form.
#[derive(Deserialize, Default)]
pub struct GroupForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    staff_id: String,
}

/// `POST /admin/orgs/{id}/groups`: creates an advisory group.
pub async fn create(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<GroupForm>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    // Nobody has id 0: a missing or malformed choice is "choose one".
    let staff_id = f.staff_id.trim().parse().unwrap_or(UserId(0));
    match st.app.create_group(&s.actor, id, staff_id, &f.name).await {
        Ok(g) => Ok(Redirect::to(&format!("/admin/groups/{g}?notice=created")).into_response()),
        Err(AppError::Invalid(errors)) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &groups_page(&ctx, &st, id, f.name, f.staff_id, errors).await?,
        ),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "admin/group.html")]
struct GroupPage {
    c: PageCtx,
    nav: OrgNav,
    group: GroupRecord,
    members: Vec<StudentSummary>,
    pager: Pager,
    students: String,
    /// The ids that matched nobody, as a sentence.
    unknown: Option<String>,
    errors: FieldErrors,
    notice: Option<String>,
}

/// Query of the group page.
#[derive(Deserialize, Default)]
pub struct GroupQuery {
    page: Option<String>,
    notice: Option<String>,
    n: Option<String>,
}

/// What a failed add-members form sent, to show again.
#[derive(Default)]
struct Sent {
    students: String,
    unknown: Option<String>,
    errors: FieldErrors,
}

async fn group_page(
    ctx: &Ctx,
    st: &AppState,
    id: GroupId,
    page: i64,
    sent: Sent,
    notice: Option<String>,
) -> Result<GroupPage, WebError> {
    let s = ctx.require()?;
    let group = st.app.group(&s.actor, id).await?;
    let school = st.app.view_org(&s.actor, group.school_id).await?;
    let members = st.app.group_members(&s.actor, id, page).await?;
    let pager = Pager::new(&members, &format!("/admin/groups/{id}?"));
    Ok(GroupPage {
        c: PageCtx::new(ctx),
        nav: OrgNav::new(&st.app, &s.actor, &ctx.tr, &school, "groups"),
        group,
        members: members.items.clone(),
        pager,
        students: sent.students,
        unknown: sent.unknown,
        errors: sent.errors,
        notice,
    })
}

/// `GET /admin/groups/{id}`: an advisory group and its members.
pub async fn show(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<GroupQuery>,
) -> Result<Response, WebError> {
    ctx.require()?;
    let id: GroupId = path_id(&id)?;
    let page = opt_number(&q.page).unwrap_or(1).max(1);
    let n = opt_number(&q.n).unwrap_or(0).max(0);
    let notice = q.notice.as_deref().and_then(|k| match k {
        "created" => Some(ctx.tr.t("notice-group-created")),
        "added" => Some(ctx.tr.t1("notice-members-added", "count", &n)),
        "removed" => Some(ctx.tr.t("notice-member-removed")),
        _ => None,
    });
    let p = group_page(&ctx, &st, id, page, Sent::default(), notice).await?;
    render(&p)
}

/// The add-members form.
#[derive(Deserialize, Default)]
pub struct MembersForm {
    #[serde(default)]
    students: String,
}

/// `POST /admin/groups/{id}/members`: adds students by state student id
/// or Waypoint id.
pub async fn add_members(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<MembersForm>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: GroupId = path_id(&id)?;
    let (errors, unknown) = match st
        .app
        .add_group_members_by_ref(&s.actor, id, &f.students, &ctx.origin)
        .await
    {
        Ok(r) if r.unknown.is_empty() => {
            return Ok(Redirect::to(&format!("/admin/groups/{id}?notice=added&n={}", r.added)).into_response());
        }
        Ok(r) => {
            let mut e = FieldErrors::new();
            e.add("students", "error-unknown-students");
            let list = r.unknown.join(", ");
            (e, Some(ctx.tr.t1("error-unknown-students-list", "ids", &list)))
        }
        Err(AppError::Invalid(errors)) => (errors, None),
        Err(e) => return Err(e.into()),
    };
    let sent = Sent {
        students: f.students,
        unknown,
        errors,
    };
    let p = group_page(&ctx, &st, id, 1, sent, None).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &p)
}

/// The remove-member form.
#[derive(Deserialize, Default)]
pub struct RemoveForm {
    #[serde(default)]
    student_id: String,
}

/// `POST /admin/groups/{id}/members/remove`: takes a student out of the
/// group.
pub async fn remove_member(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<RemoveForm>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: GroupId = path_id(&id)?;
    // Permission first: the form's content means nothing to others.
    st.app.group(&s.actor, id).await?;
    let student: UserId = form_id(&f.student_id)?;
    st.app.remove_group_member(&s.actor, id, student).await?;
    Ok(Redirect::to(&format!("/admin/groups/{id}?notice=removed")).into_response())
}
