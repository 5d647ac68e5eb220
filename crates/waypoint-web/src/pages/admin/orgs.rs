//! One organisation: its details, children and school years, and the
//! forms that change them.

use super::{Field, OrgNav, kind_label, path_id, rename_fields};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::pages::{PageCtx, render, render_status};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_app::admin::{OrgForm, YearForm};
use waypoint_domain::authz::OrgAction;
use waypoint_domain::org::OrgKind;
use waypoint_domain::validate::FieldErrors;
use waypoint_domain::{OrgId, SchoolYearId};
use waypoint_store::orgs::{OrgRecord, SchoolYearRecord};

#[derive(Template)]
#[template(path = "admin/org.html")]
struct OrgPage {
    c: PageCtx,
    nav: OrgNav,
    org: OrgRecord,
    kind: String,
    parent: Option<OrgRecord>,
    children: Vec<OrgRecord>,
    /// The kind of organisation that may be created below this one.
    child_kind: Option<OrgKind>,
    years: Vec<SchoolYearRecord>,
    has_years: bool,
    may_manage: bool,
    edit: OrgForm,
    child: OrgForm,
    year: YearForm,
    errors: FieldErrors,
    notice: Option<String>,
}

impl OrgPage {
    fn tr(&self) -> Tr {
        self.c.tr
    }

    fn org_fields(&self, f: &OrgForm, prefix: &str, school: bool) -> Vec<Field> {
        let tr = self.tr();
        let e = &self.errors;
        let id = |name: &str| format!("{prefix}{name}");
        let mut out = vec![
            Field::new(&tr, e, &id("name"), "name", "field-org-name", &f.name),
            Field::new(&tr, e, &id("code"), "code", "field-org-code", &f.code).hint(tr.t("hint-org-code")),
        ];
        if school {
            out.push(Field::new(&tr, e, &id("low_grade"), "low_grade", "field-low-grade", &f.low_grade).numeric());
            out.push(
                Field::new(
                    &tr,
                    e,
                    &id("high_grade"),
                    "high_grade",
                    "field-high-grade",
                    &f.high_grade,
                )
                .numeric(),
            );
        }
        out
    }

    fn edit_fields(&self) -> Vec<Field> {
        self.org_fields(&self.edit, "", self.org.kind == OrgKind::School)
    }

    fn child_fields(&self) -> Vec<Field> {
        self.org_fields(&self.child, "child-", self.child_kind == Some(OrgKind::School))
    }

    fn year_fields(&self) -> Vec<Field> {
        let tr = self.tr();
        let e = &self.errors;
        let y = &self.year;
        vec![
            Field::new(&tr, e, "year-name", "name", "field-year-name", &y.name).hint(tr.t("hint-year-name")),
            Field::new(&tr, e, "starts_on", "starts_on", "field-starts-on", &y.starts_on)
                .kind("date")
                .hint(tr.t("hint-date")),
            Field::new(&tr, e, "ends_on", "ends_on", "field-ends-on", &y.ends_on)
                .kind("date")
                .hint(tr.t("hint-date")),
        ]
    }

    fn child_heading(&self) -> String {
        self.tr().t(match self.child_kind {
            Some(OrgKind::School) => "admin-add-school",
            _ => "admin-add-district",
        })
    }

    fn children_heading(&self) -> String {
        self.tr().t(match self.org.kind {
            OrgKind::State => "admin-districts",
            _ => "admin-schools",
        })
    }
}

/// What a failed form sent, to show again.
#[derive(Default)]
struct Sent {
    edit: Option<OrgForm>,
    child: OrgForm,
    year: YearForm,
    errors: FieldErrors,
}

async fn org_page(
    ctx: &Ctx,
    st: &AppState,
    id: OrgId,
    sent: Sent,
    notice: Option<String>,
) -> Result<OrgPage, WebError> {
    let s = ctx.require()?;
    let app = &st.app;
    let org = app.view_org(&s.actor, id).await?;
    let children = app.child_orgs(&s.actor, id).await?;
    let has_years = org.kind != OrgKind::School;
    let years = if has_years {
        app.school_years(&s.actor, id).await?
    } else {
        Vec::new()
    };
    let parent = match org.parent_id {
        Some(p) => app.view_org(&s.actor, p).await.ok(),
        None => None,
    };
    let child_kind = match org.kind {
        OrgKind::State => Some(OrgKind::District),
        OrgKind::District => Some(OrgKind::School),
        OrgKind::School => None,
    };
    let edit = sent.edit.unwrap_or_else(|| OrgForm {
        name: org.name.clone(),
        code: org.code.clone(),
        low_grade: org.low_grade.map(|g| g.to_string()).unwrap_or_default(),
        high_grade: org.high_grade.map(|g| g.to_string()).unwrap_or_default(),
    });
    Ok(OrgPage {
        c: PageCtx::new(ctx),
        nav: OrgNav::new(app, &s.actor, &ctx.tr, &org, ""),
        kind: kind_label(&ctx.tr, org.kind),
        may_manage: app.may_org(&s.actor, OrgAction::ManageOrg, &org),
        org,
        parent,
        children,
        child_kind,
        years,
        has_years,
        edit,
        child: sent.child,
        year: sent.year,
        errors: sent.errors,
        notice,
    })
}

/// Query of the organisation page: a one-time notice after a change.
#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// `GET /admin/orgs/{id}`.
pub async fn show(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let notice = q.notice.as_deref().and_then(|n| match n {
        "saved" => Some(ctx.tr.t("notice-org-saved")),
        "child-created" => Some(ctx.tr.t("notice-child-created")),
        "year-created" => Some(ctx.tr.t("notice-year-created")),
        "year-current" => Some(ctx.tr.t("notice-year-current")),
        _ => None,
    });
    render(&org_page(&ctx, &st, id, Sent::default(), notice).await?)
}

/// The organisation form.
#[derive(Deserialize, Default)]
pub struct OrgFormData {
    #[serde(default)]
    name: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    low_grade: String,
    #[serde(default)]
    high_grade: String,
}

impl From<OrgFormData> for OrgForm {
    fn from(f: OrgFormData) -> OrgForm {
        OrgForm {
            name: f.name,
            code: f.code,
            low_grade: f.low_grade,
            high_grade: f.high_grade,
        }
    }
}

fn back(id: OrgId, notice: &str) -> Response {
    Redirect::to(&format!("/admin/orgs/{id}?notice={notice}")).into_response()
}

async fn failed(ctx: &Ctx, st: &AppState, id: OrgId, sent: Sent) -> Result<Response, WebError> {
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &org_page(ctx, st, id, sent, None).await?,
    )
}

/// `POST /admin/orgs/{id}`: changes the organisation's details.
pub async fn update(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<OrgFormData>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let form = OrgForm::from(f);
    match st.app.update_org(&s.actor, id, &form).await {
        Ok(()) => Ok(back(id, "saved")),
        Err(AppError::Invalid(errors)) => {
            let sent = Sent {
                edit: Some(form),
                errors,
                ..Sent::default()
            };
            failed(&ctx, &st, id, sent).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/orgs/{id}/children`: creates a district or a school.
pub async fn create_child(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<OrgFormData>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let form = OrgForm::from(f);
    match st.app.create_org(&s.actor, id, &form).await {
        Ok(_) => Ok(back(id, "child-created")),
        Err(AppError::Invalid(errors)) => {
            let errors = rename_fields(
                errors,
                &[
                    ("name", "child-name"),
                    ("code", "child-code"),
                    ("low_grade", "child-low_grade"),
                    ("high_grade", "child-high_grade"),
                ],
            );
            let sent = Sent {
                child: form,
                errors,
                ..Sent::default()
            };
            failed(&ctx, &st, id, sent).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The school-year form.
#[derive(Deserialize, Default)]
pub struct YearFormData {
    #[serde(default)]
    name: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
}

/// `POST /admin/orgs/{id}/years`: adds a school year.
pub async fn create_year(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<YearFormData>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let form = YearForm {
        name: f.name,
        starts_on: f.starts_on,
        ends_on: f.ends_on,
    };
    match st.app.create_school_year(&s.actor, id, &form).await {
        Ok(()) => Ok(back(id, "year-created")),
        Err(AppError::Invalid(errors)) => {
            let sent = Sent {
                year: form,
                errors: rename_fields(errors, &[("name", "year-name")]),
                ..Sent::default()
            };
            failed(&ctx, &st, id, sent).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/orgs/{id}/years/{year_id}/current`: makes a school year
/// the current one.
pub async fn set_current_year(
    ctx: Ctx,
    State(st): State<AppState>,
    Path((id, year_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let year_id: SchoolYearId = path_id(&year_id)?;
    st.app.set_current_year(&s.actor, id, year_id).await?;
    Ok(back(id, "year-current"))
}
