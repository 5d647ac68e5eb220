//! The guardian home and linking another student with a code.

use super::{PageCtx, render, render_status};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_domain::validate::FieldErrors;
use waypoint_store::students::StudentSummary;

#[derive(Template)]
#[template(path = "guardian/home.html")]
struct GuardianHome {
    c: PageCtx,
    students: Vec<StudentSummary>,
    errors: FieldErrors,
    code: String,
}

/// `GET /guardian`.
pub async fn home(ctx: Ctx, State(st): State<AppState>) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let students = st.app.guardian_students(&s.actor).await?;
    render(&GuardianHome {
        c: PageCtx::new(&ctx),
        students,
        errors: FieldErrors::new(),
        code: String::new(),
    })
}

/// The link-a-student form.
#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `POST /guardian/link`.
pub async fn link(ctx: Ctx, State(st): State<AppState>, Form(f): Form<CodeForm>) -> Result<Response, WebError> {
    let s = ctx.require()?;
    match st.app.accept_guardian_code(s, &f.code).await {
        Ok(_) => Ok(Redirect::to("/guardian").into_response()),
        Err(AppError::Invalid(errors)) => {
            let students = st.app.guardian_students(&s.actor).await?;
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &GuardianHome {
                    c: PageCtx::new(&ctx),
                    students,
                    errors,
                    code: f.code,
                },
            )
        }
        Err(e) => Err(e.into()),
    }
}
