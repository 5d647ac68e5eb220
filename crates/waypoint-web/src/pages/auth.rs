//! Sign-in, sign-out and the language switch.

use super::{PageCtx, render, render_status};
use crate::AppState;
use crate::ctx::{Ctx, LANG_COOKIE, home_url, session_cookie_name};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::middleware::set_cookie;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use waypoint_app::AppError;
use waypoint_domain::validate::FieldErrors;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: PageCtx,
    errors: FieldErrors,
    username: String,
    next: String,
    demo: bool,
}

/// Query of the sign-in page.
#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only local paths are followed after sign-in (no open redirects).
fn safe_next(next: Option<&str>) -> Option<String> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\"))
        .map(str::to_string)
}

/// `GET /`: home for the signed in, sign-in page for others.
pub async fn root(ctx: Ctx) -> Redirect {
    Redirect::to(&ctx.home_url())
}

/// `GET /login`.
pub async fn login_form(
    ctx: Ctx,
    State(st): State<AppState>,
    Query(q): Query<NextQuery>,
) -> Result<Response, WebError> {
    if let Some(s) = &ctx.signed {
        return Ok(Redirect::to(&home_url(s)).into_response());
    }
    render(&LoginPage {
        c: PageCtx::new(&ctx),
        errors: FieldErrors::new(),
        username: String::new(),
        next: safe_next(q.next.as_deref()).unwrap_or_default(),
        demo: st.app.config.demo,
    })
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /login`.
pub async fn login(ctx: Ctx, State(st): State<AppState>, Form(f): Form<LoginForm>) -> Result<Response, WebError> {
    match st.app.sign_in(&f.username, &f.password, &ctx.origin).await {
        Ok((token, signed)) => {
            // Rotation: a session this browser already had ends here.
            if let Some(old) = &ctx.signed {
                st.app.sign_out(old).await?;
            }
            let target = safe_next(Some(&f.next)).unwrap_or_else(|| home_url(&signed));
            let mut resp = Redirect::to(&target).into_response();
            let secure = st.web.secure;
            let h = resp.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&set_cookie(session_cookie_name(secure), &token, secure, None)) {
                h.append(header::SET_COOKIE, v);
            }
            // The account's language wins over the browser's.
            if let Ok(v) =
                HeaderValue::from_str(&set_cookie(LANG_COOKIE, &signed.user.locale, secure, Some(31_536_000)))
            {
                h.append(header::SET_COOKIE, v);
            }
            Ok(resp)
        }
        Err(AppError::Invalid(errors)) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &LoginPage {
                c: PageCtx::new(&ctx),
                errors,
                username: f.username,
                next: f.next,
                demo: st.app.config.demo,
            },
        ),
        Err(AppError::Throttled(_)) => {
            let mut errors = FieldErrors::new();
            errors.add("password", "error-throttled");
            render_status(
                StatusCode::TOO_MANY_REQUESTS,
                &LoginPage {
                    c: PageCtx::new(&ctx),
                    errors,
                    username: f.username,
                    next: f.next,
                    demo: st.app.config.demo,
                },
            )
        }
        Err(e) => Err(e.into()),
    }
}

fn clear_session(st: &AppState, mut resp: Response) -> Response {
    let secure = st.web.secure;
    if let Ok(v) = HeaderValue::from_str(&set_cookie(session_cookie_name(secure), "", secure, Some(0))) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

/// `POST /logout`.
pub async fn logout(ctx: Ctx, State(st): State<AppState>) -> Result<Response, WebError> {
    if let Some(s) = &ctx.signed {
        st.app.sign_out(s).await?;
    }
    Ok(clear_session(&st, Redirect::to("/login").into_response()))
}

/// `POST /logout/everywhere`.
pub async fn logout_everywhere(ctx: Ctx, State(st): State<AppState>) -> Result<Response, WebError> {
    let s = ctx.require()?;
    st.app.sign_out_everywhere(s).await?;
    Ok(clear_session(&st, Redirect::to("/login").into_response()))
}

/// The language form.
#[derive(Deserialize)]
pub struct LangForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
}

/// `POST /language`: remembers the choice in a cookie and, when signed
/// in, on the account.
pub async fn language(ctx: Ctx, State(st): State<AppState>, Form(f): Form<LangForm>) -> Result<Response, WebError> {
    let lang = Lang::parse(&f.lang).ok_or(WebError::BadRequest)?;
    if let Some(s) = &ctx.signed {
        st.app
            .store
            .set_locale(s.actor.user_id, lang.code())
            .await
            .map_err(AppError::from)?;
    }
    let target = safe_next(Some(&f.next)).unwrap_or_else(|| "/".into());
    let mut resp = Redirect::to(&target).into_response();
    if let Ok(v) = HeaderValue::from_str(&set_cookie(LANG_COOKIE, lang.code(), st.web.secure, Some(31_536_000))) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_local_only() {
        assert_eq!(safe_next(Some("/staff?page=2")), Some("/staff?page=2".into()));
        assert_eq!(safe_next(Some("//evil.example")), None);
        assert_eq!(safe_next(Some("https://evil.example")), None);
        assert_eq!(safe_next(Some("/\\evil.example")), None);
    }
}
