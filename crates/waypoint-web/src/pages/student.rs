//! A student's pages: home, demographics, record of access, and the
//! counselor's actions on the account.

use super::{PageCtx, Pager, render, render_status};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_app::students::StudentHome;
use waypoint_domain::UserId;
use waypoint_domain::people::{Demographics, RACE_ETHNICITY};
use waypoint_domain::validate::FieldErrors;
use waypoint_store::logs::AccessView;

/// Parses the `{id}` of a student path; a malformed id is a 404, like an
/// unknown one.
pub fn student_id(raw: &str) -> Result<UserId, WebError> {
    raw.parse().map_err(|_| WebError::App(AppError::NotFound))
}

/// The sections later areas fill in, in the order the home page shows
/// them: (id, heading, empty text) for the student, then for others.
/// ("My interests" is a real card now: `assessments::interests_card`; "my
/// careers" too: `templates/student/_careers_card.html`.)
type Section = (&'static str, &'static str, &'static str, &'static str, &'static str);
const SECTIONS: [Section; 4] = [
    (
        "goals",
        "section-goals",
        "section-goals-empty",
        "section-goals-other",
        "section-goals-empty-other",
    ),
    (
        "courses",
        "section-courses",
        "section-courses-empty",
        "section-courses-other",
        "section-courses-empty-other",
    ),
    (
        "experiences",
        "section-experiences",
        "section-experiences-empty",
        "section-experiences-other",
        "section-experiences-empty-other",
    ),
    (
        "portfolio",
        "section-portfolio",
        "section-portfolio-empty",
        "section-portfolio-other",
        "section-portfolio-empty-other",
    ),
];

#[derive(Template)]
#[template(path = "student/home.html")]
struct HomePage {
    c: PageCtx,
    h: StudentHome,
    sections: Vec<Section>,
    notice: Option<String>,
    interests: super::assessments::InterestsCard,
}

/// Query of the home page: a one-time notice after an action.
#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// `GET /students/{id}`: the student home page.
pub async fn home(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let h = st.app.student_home(&s.actor, id, &ctx.origin).await?;
    let notice = q.notice.as_deref().and_then(|n| match n {
        "demographics-saved" => Some(ctx.tr.t("notice-demographics-saved")),
        _ => None,
    });
    let interests = super::assessments::interests_card(ctx.tr, &st, &h);
    render(&HomePage {
        c: PageCtx::new(&ctx),
        h,
        sections: SECTIONS.to_vec(),
        notice,
        interests,
    })
}

#[derive(Template)]
#[template(path = "student/demographics.html")]
struct DemographicsPage {
    c: PageCtx,
    student_id: UserId,
    student_name: String,
    d: Demographics,
    may_edit: bool,
    races: Vec<&'static str>,
    errors: FieldErrors,
}

impl DemographicsPage {
    fn flag(&self, name: &str) -> bool {
        let d = &self.d;
        match name {
            "low_income" => d.low_income,
            "english_learner" => d.english_learner,
            "disability_iep" => d.disability_iep,
            "section_504" => d.section_504,
            "homeless" => d.homeless,
            "foster" => d.foster,
            "military_connected" => d.military_connected,
            _ => false,
        }
    }

    fn flags(&self) -> Vec<(&'static str, String, bool)> {
        [
            "low_income",
            "english_learner",
            "disability_iep",
            "section_504",
            "homeless",
            "foster",
            "military_connected",
        ]
        .into_iter()
        .map(|f| (f, self.c.tr.t(&format!("demo-{}", f.replace('_', "-"))), self.flag(f)))
        .collect()
    }

    fn race_is(&self, r: &str) -> bool {
        self.d.race_ethnicity.as_deref() == Some(r)
    }

    fn gender_is(&self, g: &str) -> bool {
        self.d.gender.as_deref() == Some(g)
    }

    fn race_label(&self, r: &str) -> String {
        self.c.tr.t(&format!("race-{}", r.replace('_', "-")))
    }
}

/// `GET /students/{id}/demographics`.
pub async fn demographics(ctx: Ctx, State(st): State<AppState>, Path(id): Path<String>) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let d = st.app.student_demographics(&s.actor, id, &ctx.origin).await?;
    let h = st
        .app
        .store
        .student(id)
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound)?;
    let facts = st
        .app
        .store
        .student_facts(id, waypoint_app::today())
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound)?;
    let may_edit = st.app.may(
        &s.actor,
        waypoint_domain::authz::StudentAction::EditDemographics,
        &facts,
    );
    render(&DemographicsPage {
        c: PageCtx::new(&ctx),
        student_id: id,
        student_name: h.user.full_name(),
        d,
        may_edit,
        races: RACE_ETHNICITY.to_vec(),
        errors: FieldErrors::new(),
    })
}

/// The demographics form. Checkboxes are absent when unchecked.
#[derive(Deserialize, Default)]
pub struct DemographicsForm {
    race_ethnicity: Option<String>,
    gender: Option<String>,
    low_income: Option<String>,
    english_learner: Option<String>,
    disability_iep: Option<String>,
    section_504: Option<String>,
    homeless: Option<String>,
    foster: Option<String>,
    military_connected: Option<String>,
}

/// `POST /students/{id}/demographics`.
pub async fn update_demographics(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<DemographicsForm>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let blank = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let d = Demographics {
        race_ethnicity: blank(f.race_ethnicity),
        gender: blank(f.gender),
        low_income: f.low_income.is_some(),
        english_learner: f.english_learner.is_some(),
        disability_iep: f.disability_iep.is_some(),
        section_504: f.section_504.is_some(),
        homeless: f.homeless.is_some(),
        foster: f.foster.is_some(),
        military_connected: f.military_connected.is_some(),
    };
    match st.app.update_demographics(&s.actor, id, d.clone(), &ctx.origin).await {
        Ok(()) => Ok(Redirect::to(&format!("/students/{id}?notice=demographics-saved")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let h = st
                .app
                .store
                .student(id)
                .await
                .map_err(AppError::from)?
                .ok_or(AppError::NotFound)?;
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &DemographicsPage {
                    c: PageCtx::new(&ctx),
                    student_id: id,
                    student_name: h.user.full_name(),
                    d,
                    may_edit: true,
                    races: RACE_ETHNICITY.to_vec(),
                    errors,
                },
            )
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "student/access_log.html")]
struct AccessLogPage {
    c: PageCtx,
    student_id: UserId,
    entries: Vec<AccessView>,
    pager: Pager,
}

/// Query with a page number.
#[derive(Deserialize, Default)]
pub struct PageQuery {
    page: Option<String>,
}

/// `GET /students/{id}/access-log`: who has looked at this record.
pub async fn access_log(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let page = super::opt_number(&q.page).unwrap_or(1).max(1);
    let p = st.app.student_access_log(&s.actor, id, page, &ctx.origin).await?;
    let pager = Pager::new(&p, &format!("/students/{id}/access-log?"));
    render(&AccessLogPage {
        c: PageCtx::new(&ctx),
        student_id: id,
        entries: p.items,
        pager,
    })
}

#[derive(Template)]
#[template(path = "student/secret.html")]
struct SecretPage {
    c: PageCtx,
    student_id: UserId,
    title: String,
    intro: String,
    secret: String,
}

/// `POST /students/{id}/password`: a counselor sets a new passphrase.
pub async fn reset_password(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let pass = st.app.reset_student_password(&s.actor, id, &ctx.origin).await?;
    render(&SecretPage {
        c: PageCtx::new(&ctx),
        student_id: id,
        title: ctx.tr.t("reset-student-title"),
        intro: ctx.tr.t("reset-student-intro"),
        secret: pass,
    })
}

/// `POST /students/{id}/guardian-code`: a code a guardian uses to link
/// their account to this student.
pub async fn guardian_code(ctx: Ctx, State(st): State<AppState>, Path(id): Path<String>) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let code = st.app.invite_guardian(&s.actor, id, &ctx.origin).await?;
    render(&SecretPage {
        c: PageCtx::new(&ctx),
        student_id: id,
        title: ctx.tr.t("guardian-code-title"),
        intro: ctx.tr.t("guardian-code-intro"),
        secret: code,
    })
}
