//! Staff: the people of an organisation, invitations, and one person's
//! roles.

use super::{Field, OrgNav, form_id, path_id};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{WebError, urlencode};
use crate::pages::{PageCtx, Pager, opt_number, render, render_status};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_domain::authz::OrgAction;
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::Role;
use waypoint_domain::validate::FieldErrors;
use waypoint_domain::{OrgId, UserId};
use waypoint_store::orgs::OrgRecord;
use waypoint_store::people::{GrantRecord, StaffSummary};

#[derive(Template)]
#[template(path = "admin/people.html")]
struct PeoplePage {
    c: PageCtx,
    nav: OrgNav,
    org: OrgRecord,
    staff: Vec<StaffSummary>,
    pager: Pager,
    q: String,
    roles: Vec<Role>,
    role: String,
    email: String,
    errors: FieldErrors,
}

impl PeoplePage {
    fn email_field(&self) -> Field {
        let tr = self.c.tr;
        Field::new(&tr, &self.errors, "email", "email", "field-email", &self.email)
            .kind("email")
            .hint(tr.t("hint-invite-email"))
    }
}

/// Query of the people page.
#[derive(Deserialize, Default)]
pub struct PeopleQuery {
    q: Option<String>,
    page: Option<String>,
}

async fn people_page(
    ctx: &Ctx,
    st: &AppState,
    id: OrgId,
    q: &PeopleQuery,
    role: String,
    email: String,
    errors: FieldErrors,
) -> Result<PeoplePage, WebError> {
    let s = ctx.require()?;
    let text = q.q.clone().unwrap_or_default();
    let page = opt_number(&q.page).unwrap_or(1).max(1);
    let list = st.app.staff_list(&s.actor, id, &text, page).await?;
    let org = st.app.view_org(&s.actor, id).await?;
    let pager = Pager::new(&list, &format!("/admin/orgs/{id}/people?q={}&", urlencode(&text)));
    Ok(PeoplePage {
        c: PageCtx::new(ctx),
        nav: OrgNav::new(&st.app, &s.actor, &ctx.tr, &org, "people"),
        roles: st.app.assignable_roles(&s.actor, &org),
        org,
        staff: list.items,
        pager,
        q: text,
        role,
        email,
        errors,
    })
}

/// `GET /admin/orgs/{id}/people`: staff within the organisation.
pub async fn list(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<PeopleQuery>,
) -> Result<Response, WebError> {
    ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let page = people_page(&ctx, &st, id, &q, String::new(), String::new(), FieldErrors::new()).await?;
    render(&page)
}

#[derive(Template)]
#[template(path = "admin/invite_link.html")]
struct InviteLinkPage {
    c: PageCtx,
    org: OrgRecord,
    link: String,
}

/// The invitation form.
#[derive(Deserialize, Default)]
pub struct InviteForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    email: String,
}

/// `POST /admin/orgs/{id}/invites`: creates a staff invitation and shows
/// its link, once.
pub async fn invite(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<InviteForm>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    match st.app.invite_staff_form(&s.actor, id, &f.role, &f.email).await {
        Ok(code) => {
            let org = st.app.view_org(&s.actor, id).await?;
            let link = format!("{}/invite/{code}", st.app.config.public_url.trim_end_matches('/'));
            render(&InviteLinkPage {
                c: PageCtx::new(&ctx),
                org,
                link,
            })
        }
        Err(AppError::Invalid(errors)) => {
            let page = people_page(&ctx, &st, id, &PeopleQuery::default(), f.role, f.email, errors).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e.into()),
    }
}

/// One of a person's roles, and whether the actor may remove it.
struct RoleRow {
    g: GrantRecord,
    removable: bool,
}

/// A group of the grant form's organisation menu: a state or a district
/// and the schools below it.
struct OrgGroup {
    label: String,
    /// The district whose schools join this group.
    district: Option<OrgId>,
    options: Vec<(OrgId, String)>,
}

#[derive(Template)]
#[template(path = "admin/person.html")]
struct PersonPage {
    c: PageCtx,
    p: StaffSummary,
    rows: Vec<RoleRow>,
    is_self: bool,
    orgs: Vec<OrgGroup>,
    roles: Vec<Role>,
    org_id: String,
    role: String,
    errors: FieldErrors,
    notice: Option<String>,
}

impl PersonPage {
    fn org_selected(&self, id: &OrgId) -> bool {
        self.org_id.trim() == id.to_string()
    }

    fn role_selected(&self, r: &Role) -> bool {
        self.role == r.as_str()
    }

    /// The accessible name of a role's remove button.
    fn remove_label(&self, g: &GrantRecord) -> String {
        let tr = self.c.tr;
        tr.t2("remove-role-label", "role", &tr.role(&g.grant.role), "org", &g.org_name)
    }
}

async fn person_page(
    ctx: &Ctx,
    st: &AppState,
    id: UserId,
    org_id: String,
    role: String,
    errors: FieldErrors,
    notice: Option<String>,
) -> Result<PersonPage, WebError> {
    let s = ctx.require()?;
    let app = &st.app;
    let p = app.staff_member(&s.actor, id).await?;
    let is_self = id == s.actor.user_id;
    let rows = p
        .roles
        .iter()
        .map(|g| RoleRow {
            g: g.clone(),
            removable: !is_self && app.may_at(&s.actor, OrgAction::AssignRole(g.grant.role), &g.grant.org),
        })
        .collect();
    let mut orgs: Vec<OrgGroup> = Vec::new();
    for o in app.manageable_orgs(&s.actor).await? {
        match orgs.last_mut() {
            Some(g) if o.kind == OrgKind::School && g.district.is_some() && g.district == o.district_id => {
                g.options.push((o.org_id, o.name))
            }
            _ => orgs.push(OrgGroup {
                label: o.name.clone(),
                district: (o.kind == OrgKind::District).then_some(o.org_id),
                options: vec![(o.org_id, o.name)],
            }),
        }
    }
    Ok(PersonPage {
        c: PageCtx::new(ctx),
        rows,
        is_self,
        orgs,
        roles: app.grantable_roles(&s.actor),
        p,
        org_id,
        role,
        errors,
        notice,
    })
}

/// Query of the person page: a one-time notice after a change.
#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// `GET /admin/people/{id}`: one staff member and their roles.
pub async fn show(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    ctx.require()?;
    let id: UserId = path_id(&id)?;
    let notice = q.notice.as_deref().and_then(|n| match n {
        "granted" => Some(ctx.tr.t("notice-role-granted")),
        "removed" => Some(ctx.tr.t("notice-role-removed")),
        _ => None,
    });
    let page = person_page(&ctx, &st, id, String::new(), String::new(), FieldErrors::new(), notice).await?;
    render(&page)
}

/// The grant and revoke forms.
#[derive(Deserialize, Default)]
pub struct RoleForm {
    #[serde(default)]
    org_id: String,
    #[serde(default)]
    role: String,
}

/// `POST /admin/people/{id}/roles`: grants a role.
pub async fn grant(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<RoleForm>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: UserId = path_id(&id)?;
    match st.app.grant_role_form(&s.actor, id, &f.org_id, &f.role).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/people/{id}?notice=granted")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = person_page(&ctx, &st, id, f.org_id, f.role, errors, None).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/people/{id}/roles/remove`: revokes a role.
pub async fn revoke(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<RoleForm>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: UserId = path_id(&id)?;
    // Permission first: the form's content means nothing to others.
    st.app.staff_member(&s.actor, id).await?;
    let org_id: OrgId = form_id(&f.org_id)?;
    let role = Role::parse(f.role.trim()).ok_or(WebError::BadRequest)?;
    match st.app.revoke_role(&s.actor, id, org_id, role).await {
        // Without the role the person may be out of the actor's sight:
        // then go back to the people of the organisation instead.
        Ok(()) => Ok(match st.app.staff_member(&s.actor, id).await {
            Ok(_) => Redirect::to(&format!("/admin/people/{id}?notice=removed")),
            Err(_) => Redirect::to(&format!("/admin/orgs/{org_id}/people")),
        }
        .into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = person_page(&ctx, &st, id, String::new(), String::new(), errors, None).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e.into()),
    }
}
