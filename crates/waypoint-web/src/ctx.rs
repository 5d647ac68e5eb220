//! The per-request context: who is signed in, in which language, with
//! which CSRF token, from which address.

use crate::AppState;
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use crate::middleware::{CsrfToken, cookie};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::net::SocketAddr;
use waypoint_app::access::Origin;
use waypoint_app::auth::SignedIn;
use waypoint_domain::people::AccountKind;

/// Name of the session cookie (with the `__Host-` prefix over HTTPS).
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure { "__Host-wp_session" } else { "wp_session" }
}

/// The language cookie.
pub const LANG_COOKIE: &str = "wp_lang";

/// The request's language: the cookie, else the browser's preference,
/// else English.
pub fn lang_of(headers: &axum::http::HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(Lang::parse)
        .or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::En)
}

/// Everything a handler needs to know about the request's sender.
#[derive(Clone)]
pub struct Ctx {
    pub tr: Tr,
    pub signed: Option<SignedIn>,
    pub csrf: String,
    pub origin: Origin,
    /// The path and query asked for, to come back to after sign-in or a
    /// language change.
    pub here: String,
}

impl Ctx {
    /// The signed-in person, or `Unauthenticated` (which sends them to
    /// the sign-in page).
    pub fn require(&self) -> Result<&SignedIn, WebError> {
        self.signed.as_ref().ok_or(WebError::Unauthenticated(self.here.clone()))
    }

    /// The home page of the signed-in person.
    pub fn home_url(&self) -> String {
        match &self.signed {
            Some(s) => home_url(s),
            None => "/login".into(),
        }
    }
}

/// Where each kind of account lands after sign-in.
pub fn home_url(s: &SignedIn) -> String {
    match s.actor.kind {
        AccountKind::Student => format!("/students/{}", s.actor.user_id),
        AccountKind::Guardian => "/guardian".into(),
        AccountKind::Staff => "/staff".into(),
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let headers = &parts.headers;
        let tr = Tr { lang: lang_of(headers) };
        let ip = if state.web.trust_proxy {
            headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(|s| s.trim().to_string())
        } else {
            None
        }
        .or_else(|| {
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string())
        });
        let signed = match cookie(headers, session_cookie_name(state.web.secure)) {
            Some(token) => state.app.session(token).await.map_err(WebError::App)?,
            None => None,
        };
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|c| c.0.clone())
            .unwrap_or_default();
        let here = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        Ok(Ctx {
            tr,
            signed,
            csrf,
            origin: Origin { ip },
            here,
        })
    }
}
