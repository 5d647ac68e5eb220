//! Cross-cutting layers: security headers, CSRF, localized error pages,
//! request metrics.

use crate::AppState;
use crate::ctx::lang_of;
use crate::error::{ErrorPage, WebError, describe};
use crate::i18n::Tr;
use crate::pages::ErrorTemplate;
use askama::Template;
use axum::body::{Body, to_bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use std::time::Instant;

/// The CSRF token of this browser, as put in every form.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// The value of one cookie.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.split(';').find_map(|kv| {
                let (k, val) = kv.trim().split_once('=')?;
                (k == name).then_some(val)
            })
        })
}

/// A `Set-Cookie` value with Waypoint's attributes.
pub fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<i64>) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if secure {
        c.push_str("; Secure");
    }
    if let Some(a) = max_age {
        c.push_str(&format!("; Max-Age={a}"));
    }
    c
}

fn csrf_cookie_name(secure: bool) -> &'static str {
    if secure { "__Host-wp_csrf" } else { "wp_csrf" }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Largest form body accepted (multipart uploads are not read here: their
/// routes set their own limit).
const MAX_FORM: usize = 256 * 1024;

/// Is the request's body `multipart/form-data` (a file upload)?
fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .get(..19)
                .is_some_and(|t| t.eq_ignore_ascii_case("multipart/form-data"))
        })
}

/// CSRF protection by double submission: each browser gets a random
/// HttpOnly cookie, every form carries the same value in a hidden `csrf`
/// field, and every state-changing request must present both, equal.
/// Another site can make the browser send the cookie but cannot read it
/// to put it in the form.
///
/// Passes the request on with its [`CsrfToken`] (and its body, read here
/// for a form), with the `Set-Cookie` value to add to the answer when the
/// browser had no token yet; or refuses it with the answer to send.
async fn csrf(state: &AppState, req: Request) -> Result<(Request, Option<HeaderValue>), Response> {
    let secure = state.web.secure;
    let name = csrf_cookie_name(secure);
    let existing = cookie(req.headers(), name)
        .filter(|v| v.len() >= 32)
        .map(str::to_string);
    let (mut parts, body) = req.into_parts();
    let state_changing = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let body = if state_changing {
        let header_token = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let (sent, body) = if is_multipart(&parts.headers) {
            // An upload: the body streams on to the handler, which sets
            // its own size limit. The token comes in the form action's
            // query string (`?csrf=…`) or the header, never the body.
            let from_query = parts
                .uri
                .query()
                .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
                .and_then(|f| f.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
            (from_query.or(header_token), body)
        } else {
            let bytes = match to_bytes(body, MAX_FORM).await {
                Ok(b) => b,
                Err(_) => return Err(describe_response(axum::http::StatusCode::PAYLOAD_TOO_LARGE)),
            };
            let sent = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
                .ok()
                .and_then(|f| f.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v))
                .or(header_token);
            (sent, Body::from(bytes))
        };
        let ok = match (&existing, sent) {
            (Some(c), Some(s)) => constant_time_eq(c.as_bytes(), s.as_bytes()),
            _ => false,
        };
        if !ok {
            tracing::warn!(path = %parts.uri.path(), "CSRF check failed");
            return Err(WebError::Csrf.into_response());
        }
        body
    } else {
        body
    };
    let (token, set) = match existing {
        Some(t) => (t, None),
        None => {
            let bytes: [u8; 24] = rand::random();
            let t = hex::encode(bytes);
            let set = HeaderValue::from_str(&set_cookie(name, &t, secure, None)).ok();
            (t, set)
        }
    };
    parts.extensions.insert(CsrfToken(token));
    Ok((Request::from_parts(parts, body), set))
}

fn describe_response(status: axum::http::StatusCode) -> Response {
    let mut r = status.into_response();
    r.extensions_mut().insert(describe(status));
    r
}

/// The security headers every response carries, parsed once.
const SECURITY_HEADERS: [(HeaderName, HeaderValue); 6] = [
    (
        HeaderName::from_static("content-security-policy"),
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    ),
    (
        HeaderName::from_static("x-content-type-options"),
        HeaderValue::from_static("nosniff"),
    ),
    (
        HeaderName::from_static("x-frame-options"),
        HeaderValue::from_static("DENY"),
    ),
    (
        HeaderName::from_static("referrer-policy"),
        HeaderValue::from_static("same-origin"),
    ),
    (
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    ),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    ),
];

/// Sets the security headers every response carries.
fn security_headers(h: &mut HeaderMap, secure: bool) {
    for (k, v) in SECURITY_HEADERS {
        h.insert(k, v);
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
}

/// A response that asks for an error page ([`ErrorPage`] in its
/// extensions) becomes that page in the reader's language; any other
/// passes unchanged.
fn error_page(resp: Response, tr: Tr, signed_in: bool) -> Response {
    let Some(page) = resp.extensions().get::<ErrorPage>().copied() else {
        return resp;
    };
    let t = ErrorTemplate {
        tr,
        title: tr.t(page.title_key),
        message: tr.t(page.message_key),
        signed_in,
    };
    let html = t.render().unwrap_or_else(|_| "error".into());
    let mut out = (page.status, Html(html)).into_response();
    for (k, v) in resp.headers() {
        if k == header::SET_COOKIE {
            out.headers_mut().append(k, v.clone());
        }
    }
    out
}

/// A route template as a `'static` label. The routes are a fixed set, so
/// each is leaked once instead of copied on every request.
fn route_label(route: &str) -> &'static str {
    static ROUTES: std::sync::OnceLock<std::sync::RwLock<std::collections::HashMap<String, &'static str>>> =
        std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(Default::default);
    if let Some(r) = routes.read().unwrap_or_else(|e| e.into_inner()).get(route) {
        return r;
    }
    let mut w = routes.write().unwrap_or_else(|e| e.into_inner());
    // Bounded: more distinct templates than this means something is wrong.
    if w.len() >= 1_000 {
        return "other";
    }
    w.entry(route.to_string())
        .or_insert_with(|| Box::leak(route.to_string().into_boxed_str()))
}

fn method_label(m: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

fn status_label(s: axum::http::StatusCode) -> &'static str {
    const CODES: [(u16, &str); 20] = [
        (200, "200"),
        (201, "201"),
        (204, "204"),
        (301, "301"),
        (302, "302"),
        (303, "303"),
        (304, "304"),
        (400, "400"),
        (401, "401"),
        (403, "403"),
        (404, "404"),
        (405, "405"),
        (409, "409"),
        (413, "413"),
        (415, "415"),
        (422, "422"),
        (429, "429"),
        (500, "500"),
        (503, "503"),
        (504, "504"),
    ];
    CODES
        .iter()
        .find(|(c, _)| *c == s.as_u16())
        .map(|(_, l)| *l)
        .unwrap_or(if s.is_server_error() { "5xx" } else { "other" })
}

/// What every request goes through, in one layer (each layer costs every
/// request a boxed copy of the service below it and a boxed future):
/// first, gives way to other threads if it is this thread's turn to
/// ([`crate::turns`]); then the CSRF check ([`csrf`]) on every page (the
/// operations endpoints and static files are not pages); error responses become localized pages, every response
/// gets the security headers, and requests are counted with their latency
/// by route and status.
pub async fn around(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| route_label(p.as_str()))
        .unwrap_or("unmatched");
    let method = method_label(req.method());
    let start = Instant::now();
    state.web.turns.take(start);
    let tr = Tr {
        lang: lang_of(req.headers()),
    };
    let signed_in = req
        .headers()
        .get(header::COOKIE)
        .is_some_and(|c| c.to_str().is_ok_and(|s| s.contains("wp_session=")));
    let inner = if !crate::routes::is_page(route) {
        next.run(req).await
    } else {
        match csrf(&state, req).await {
            Ok((req, set)) => {
                let mut resp = next.run(req).await;
                if let Some(v) = set {
                    resp.headers_mut().append(header::SET_COOKIE, v);
                }
                resp
            }
            Err(refused) => refused,
        }
    };
    let mut resp = error_page(inner, tr, signed_in);
    security_headers(resp.headers_mut(), state.web.secure);
    let status = status_label(resp.status());
    metrics::counter!("http_requests_total", "route" => route, "method" => method, "status" => status).increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => route).record(start.elapsed().as_secs_f64());
    resp
}
