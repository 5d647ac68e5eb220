//! The school-year rollover of a district: a confirmation page that shows
//! what will happen, grade by grade, and the form that does it.

use super::{Field, OrgNav, path_id};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{Tr, translate};
use crate::pages::{PageCtx, render, render_status};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_app::rollover::{GradeLine, NeedsPlacement, RolloverForm, RolloverPlan, RolloverSummary};
use waypoint_domain::OrgId;
use waypoint_domain::validate::FieldErrors;
use waypoint_store::orgs::OrgRecord;

/// One grade of the preview.
struct LineView {
    grade: i64,
    students: usize,
    outcome: String,
}

fn outcome(tr: &Tr, l: &GradeLine) -> String {
    if l.graduate > 0 {
        return tr.t("rollover-graduate");
    }
    let next = l.grade + 1;
    let mut parts = Vec::new();
    if l.stay > 0 {
        parts.push(tr.t2("rollover-stay", "count", &l.stay, "grade", &next));
    }
    for (school, n) in &l.moves {
        let (n, next) = (n.to_string(), next.to_string());
        parts.push(translate(
            tr.lang,
            "rollover-move",
            &[("count", &n), ("grade", &next), ("school", school)],
        ));
    }
    if l.needs_placement > 0 {
        parts.push(tr.t2(
            "rollover-needs-placement-count",
            "count",
            &l.needs_placement,
            "grade",
            &next,
        ));
    }
    parts.join("; ")
}

/// The plan as the page shows it.
struct PlanView {
    from_name: String,
    from_ends: String,
    to_name: String,
    to_starts: String,
    to_ends: String,
    to_exists: bool,
    nothing_to_do: bool,
    lines: Vec<LineView>,
    students: usize,
    needs: Vec<NeedsPlacement>,
    skipped: usize,
}

impl PlanView {
    fn new(tr: &Tr, p: &RolloverPlan) -> PlanView {
        PlanView {
            from_name: p.from_year.name.clone(),
            from_ends: p.from_year.ends_on.clone(),
            to_name: p.to_year.name.clone(),
            to_starts: p.to_year.starts_on.clone(),
            to_ends: p.to_year.ends_on.clone(),
            to_exists: p.to_year_exists,
            nothing_to_do: p.nothing_to_do(),
            lines: p
                .grades
                .iter()
                .map(|l| LineView {
                    grade: l.grade,
                    students: l.students,
                    outcome: outcome(tr, l),
                })
                .collect(),
            students: p.students(),
            needs: p.needs_placement.clone(),
            skipped: p.skipped,
        }
    }
}

#[derive(Template)]
#[template(path = "admin/rollover.html")]
struct RolloverPage {
    c: PageCtx,
    nav: OrgNav,
    org: OrgRecord,
    plan: Option<PlanView>,
    form: RolloverForm,
    errors: FieldErrors,
}

impl RolloverPage {
    fn fields(&self) -> Vec<Field> {
        let tr = self.c.tr;
        let e = &self.errors;
        let f = &self.form;
        vec![
            Field::new(&tr, e, "to_year", "to_year", "field-rollover-year", &f.to_year).hint(tr.t("hint-year-name")),
            Field::new(&tr, e, "starts_on", "starts_on", "field-starts-on", &f.starts_on)
                .kind("date")
                .hint(tr.t("hint-rollover-dates")),
            Field::new(&tr, e, "ends_on", "ends_on", "field-ends-on", &f.ends_on)
                .kind("date")
                .hint(tr.t("hint-rollover-dates")),
        ]
    }
}

/// The rollover form, as a query (the preview) or a posted form.
#[derive(Deserialize, Default)]
pub struct RolloverFormData {
    #[serde(default)]
    to_year: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
}

impl From<RolloverFormData> for RolloverForm {
    fn from(f: RolloverFormData) -> Self {
        RolloverForm {
            to_year: f.to_year,
            starts_on: f.starts_on,
            ends_on: f.ends_on,
        }
    }
}

/// The page for `form`: the plan, or why there is none.
async fn rollover_page(
    ctx: &Ctx,
    st: &AppState,
    id: OrgId,
    form: RolloverForm,
    posted_errors: Option<FieldErrors>,
) -> Result<RolloverPage, WebError> {
    let s = ctx.require()?;
    let (plan, form, errors) = match posted_errors {
        Some(e) => (None, form, e),
        None => match st.app.rollover_plan(&s.actor, id, &form).await {
            Ok(p) => {
                let filled = RolloverForm {
                    to_year: p.to_year.name.clone(),
                    starts_on: p.to_year.starts_on.clone(),
                    ends_on: p.to_year.ends_on.clone(),
                };
                (Some(PlanView::new(&ctx.tr, &p)), filled, FieldErrors::new())
            }
            Err(AppError::Invalid(e)) => (None, form, e),
            Err(e) => return Err(e.into()),
        },
    };
    let org = st.app.view_org(&s.actor, id).await?;
    Ok(RolloverPage {
        c: PageCtx::new(ctx),
        nav: OrgNav::new(&st.app, &s.actor, &ctx.tr, &org, "rollover"),
        org,
        plan,
        form,
        errors,
    })
}

/// `GET /admin/orgs/{id}/rollover`: what the rollover to the next school
/// year (or the one asked for) would do, and the button that does it.
pub async fn confirm(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<RolloverFormData>,
) -> Result<Response, WebError> {
    ctx.require()?;
    let id: OrgId = path_id(&id)?;
    render(&rollover_page(&ctx, &st, id, q.into(), None).await?)
}

#[derive(Template)]
#[template(path = "admin/rollover_done.html")]
struct DonePage {
    c: PageCtx,
    nav: OrgNav,
    org: OrgRecord,
    s: RolloverSummary,
}

/// `POST /admin/orgs/{id}/rollover`: does it, and shows what was done
/// (with the students who still need a high school). Posting it again
/// changes nothing.
pub async fn apply(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<RolloverFormData>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let form: RolloverForm = f.into();
    match st.app.rollover(&s.actor, id, &form).await {
        Ok(summary) => {
            let org = st.app.view_org(&s.actor, id).await?;
            render(&DonePage {
                c: PageCtx::new(&ctx),
                nav: OrgNav::new(&st.app, &s.actor, &ctx.tr, &org, "rollover"),
                org,
                s: summary,
            })
        }
        Err(AppError::Invalid(e)) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &rollover_page(&ctx, &st, id, form, Some(e)).await?,
        ),
        Err(e) => Err(e.into()),
    }
}
