//! One's own account, invitations and password resets.

use super::{PageCtx, render, render_status};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_app::auth::NewAccountForm;
use waypoint_domain::validate::FieldErrors;
use waypoint_store::people::GrantRecord;

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage {
    c: PageCtx,
    username: String,
    roles: Vec<GrantRecord>,
    errors: FieldErrors,
    saved: bool,
}

/// `GET /account`.
pub async fn show(ctx: Ctx, State(st): State<AppState>) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let roles = st.app.store.grants(s.actor.user_id).await.map_err(AppError::from)?;
    render(&AccountPage {
        c: PageCtx::new(&ctx),
        username: s.user.username.clone(),
        roles,
        errors: FieldErrors::new(),
        saved: false,
    })
}

/// The change-password form.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /account/password`.
pub async fn change_password(
    ctx: Ctx,
    State(st): State<AppState>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let roles = st.app.store.grants(s.actor.user_id).await.map_err(AppError::from)?;
    match st.app.change_password(s, &f.current, &f.password, &f.confirm).await {
        Ok(()) => render(&AccountPage {
            c: PageCtx::new(&ctx),
            username: s.user.username.clone(),
            roles,
            errors: FieldErrors::new(),
            saved: true,
        }),
        Err(AppError::Invalid(errors)) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &AccountPage {
                c: PageCtx::new(&ctx),
                username: s.user.username.clone(),
                roles,
                errors,
                saved: false,
            },
        ),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "account/new_account.html")]
struct NewAccountPage {
    c: PageCtx,
    title: String,
    intro: String,
    action: String,
    show_code: bool,
    code: String,
    f: NewAccountForm,
    errors: FieldErrors,
}

impl NewAccountPage {
    fn err(&self, field: &str) -> Option<&'static str> {
        self.errors.for_field(field)
    }

    /// The text fields: (name, label key, value, autocomplete, type).
    fn fields(&self) -> Vec<(&'static str, &'static str, String, &'static str, &'static str)> {
        vec![
            (
                "given_name",
                "field-given-name",
                self.f.given_name.clone(),
                "given-name",
                "text",
            ),
            (
                "family_name",
                "field-family-name",
                self.f.family_name.clone(),
                "family-name",
                "text",
            ),
            (
                "username",
                "field-username",
                self.f.username.clone(),
                "username",
                "text",
            ),
            ("email", "field-email", self.f.email.clone(), "email", "email"),
        ]
    }
}

/// The account-creation form (invitations).
#[derive(Deserialize, Default)]
pub struct AccountForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    given_name: String,
    #[serde(default)]
    family_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

fn to_app_form(f: &AccountForm, lang: &str) -> NewAccountForm {
    NewAccountForm {
        username: f.username.clone(),
        given_name: f.given_name.clone(),
        family_name: f.family_name.clone(),
        email: f.email.clone(),
        password: f.password.clone(),
        confirm: f.confirm.clone(),
        locale: lang.to_string(),
    }
}

/// `GET /invite/{code}`: a staff invitation.
pub async fn invite_form(ctx: Ctx, State(st): State<AppState>, Path(code): Path<String>) -> Result<Response, WebError> {
    let inv = st.app.live_invite(&code).await?;
    if inv.kind != "staff" {
        return Err(AppError::NotFound.into());
    }
    render(&NewAccountPage {
        c: PageCtx::new(&ctx),
        title: ctx.tr.t("invite-title"),
        intro: ctx.tr.t("invite-intro"),
        action: format!("/invite/{code}"),
        show_code: false,
        code,
        f: NewAccountForm {
            email: inv.email.unwrap_or_default(),
            ..Default::default()
        },
        errors: FieldErrors::new(),
    })
}

/// `POST /invite/{code}`.
pub async fn invite_accept(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(code): Path<String>,
    Form(f): Form<AccountForm>,
) -> Result<Response, WebError> {
    accept(ctx, st, code, f, false).await
}

/// `GET /guardian/join`: create a guardian account with a code.
pub async fn join_form(ctx: Ctx) -> Result<Response, WebError> {
    render(&NewAccountPage {
        c: PageCtx::new(&ctx),
        title: ctx.tr.t("join-title"),
        intro: ctx.tr.t("join-intro"),
        action: "/guardian/join".into(),
        show_code: true,
        code: String::new(),
        f: NewAccountForm::default(),
        errors: FieldErrors::new(),
    })
}

/// `POST /guardian/join`.
pub async fn join(ctx: Ctx, State(st): State<AppState>, Form(f): Form<AccountForm>) -> Result<Response, WebError> {
    let code = f.code.clone();
    accept(ctx, st, code, f, true).await
}

async fn accept(ctx: Ctx, st: AppState, code: String, f: AccountForm, show_code: bool) -> Result<Response, WebError> {
    let form = to_app_form(&f, ctx.tr.lang.code());
    let result = match st.app.live_invite(&code).await {
        Ok(inv) if (inv.kind == "guardian") == show_code => st.app.accept_invite_new_account(&code, &form).await,
        _ if show_code => {
            let mut e = FieldErrors::new();
            e.add("code", "error-invite-code");
            Err(AppError::Invalid(e))
        }
        _ => Err(AppError::NotFound),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/login?welcome=1").into_response()),
        Err(AppError::Invalid(errors)) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &NewAccountPage {
                c: PageCtx::new(&ctx),
                title: ctx.tr.t(if show_code { "join-title" } else { "invite-title" }),
                intro: ctx.tr.t(if show_code { "join-intro" } else { "invite-intro" }),
                action: if show_code {
                    "/guardian/join".into()
                } else {
                    format!("/invite/{code}")
                },
                show_code,
                code,
                f: NewAccountForm {
                    password: String::new(),
                    confirm: String::new(),
                    ..form
                },
                errors,
            },
        ),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "account/forgot.html")]
struct ForgotPage {
    c: PageCtx,
    email: String,
    errors: FieldErrors,
    sent: bool,
}

/// `GET /password/forgot`.
pub async fn forgot_form(ctx: Ctx) -> Result<Response, WebError> {
    render(&ForgotPage {
        c: PageCtx::new(&ctx),
        email: String::new(),
        errors: FieldErrors::new(),
        sent: false,
    })
}

/// The forgotten-password form.
#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// `POST /password/forgot`: always answers the same way, so the form does
/// not tell who has an account.
pub async fn forgot(ctx: Ctx, State(st): State<AppState>, Form(f): Form<ForgotForm>) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let r = st
        .app
        .request_password_reset(&f.email, |link| {
            (tr.t("reset-mail-subject"), tr.t1("reset-mail-body", "link", &link))
        })
        .await;
    match r {
        Ok(()) => render(&ForgotPage {
            c: PageCtx::new(&ctx),
            email: String::new(),
            errors: FieldErrors::new(),
            sent: true,
        }),
        Err(AppError::Invalid(errors)) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ForgotPage {
                c: PageCtx::new(&ctx),
                email: f.email,
                errors,
                sent: false,
            },
        ),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "account/reset.html")]
struct ResetPage {
    c: PageCtx,
    token: String,
    errors: FieldErrors,
}

/// `GET /password/reset/{token}`.
pub async fn reset_form(ctx: Ctx, State(st): State<AppState>, Path(token): Path<String>) -> Result<Response, WebError> {
    if !st.app.reset_token_valid(&token).await? {
        return Err(AppError::NotFound.into());
    }
    render(&ResetPage {
        c: PageCtx::new(&ctx),
        token,
        errors: FieldErrors::new(),
    })
}

/// The new-password form.
#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /password/reset/{token}`.
pub async fn reset(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(token): Path<String>,
    Form(f): Form<ResetForm>,
) -> Result<Response, WebError> {
    match st.app.complete_password_reset(&token, &f.password, &f.confirm).await {
        Ok(()) => Ok(Redirect::to("/login?reset=1").into_response()),
        Err(AppError::Invalid(errors)) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ResetPage {
                c: PageCtx::new(&ctx),
                token,
                errors,
            },
        ),
        Err(e) => Err(e.into()),
    }
}
