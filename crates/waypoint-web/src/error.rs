//! The web layer's error type: each application error becomes a status
//! and an accessible page in the reader's language. Internal causes are
//! logged, never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use waypoint_app::AppError;

/// Why a request failed.
#[derive(Debug)]
pub enum WebError {
    /// A use case refused or failed.
    App(AppError),
    /// Sign-in is needed; the path to return to afterwards.
    Unauthenticated(String),
    /// The form's CSRF token was missing or wrong.
    Csrf,
    /// The request itself was malformed (bad id in the path, bad form).
    BadRequest,
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Unauthenticated => WebError::Unauthenticated("/".into()),
            e => WebError::App(e),
        }
    }
}

/// Marks a response as an error page still to be rendered in the
/// reader's language by the error-page middleware.
#[derive(Clone, Copy, Debug)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub title_key: &'static str,
    pub message_key: &'static str,
}

/// The status and message keys of each error.
pub fn describe(status: StatusCode) -> ErrorPage {
    let (title_key, message_key) = match status.as_u16() {
        400 => ("error-bad-request-title", "error-bad-request"),
        403 => ("error-forbidden-title", "error-forbidden"),
        404 => ("error-not-found-title", "error-not-found"),
        413 => ("error-too-large-title", "error-too-large"),
        422 => ("error-invalid-title", "error-invalid"),
        429 => ("error-throttled-title", "error-throttled"),
        503 => ("error-unavailable-title", "error-unavailable"),
        _ => ("error-internal-title", "error-internal"),
    };
    ErrorPage {
        status,
        title_key,
        message_key,
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let csrf = matches!(self, WebError::Csrf);
        let status = match self {
            WebError::Unauthenticated(next) => {
                let target = if next.starts_with('/') && !next.starts_with("//") && next != "/" {
                    format!("/login?next={}", urlencode(&next))
                } else {
                    "/login".to_string()
                };
                return Redirect::to(&target).into_response();
            }
            WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::BadRequest => StatusCode::BAD_REQUEST,
            WebError::App(e) => match e {
                AppError::NotFound => StatusCode::NOT_FOUND,
                AppError::Forbidden => StatusCode::FORBIDDEN,
                AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
                AppError::Invalid(_) | AppError::Conflict(_) => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
                AppError::Unavailable(m) => {
                    tracing::error!(error = %m, "database unavailable");
                    StatusCode::SERVICE_UNAVAILABLE
                }
                AppError::Internal(m) => {
                    tracing::error!(error = %m, "internal error");
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            },
        };
        let mut page = describe(status);
        if csrf {
            page.title_key = "error-csrf-title";
            page.message_key = "error-csrf";
        }
        let mut resp = status.into_response();
        resp.extensions_mut().insert(page);
        resp
    }
}

/// Percent-encodes a query-string value.
pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)])
        .map(|e| e[2..].to_string())
        .unwrap_or_default()
}
