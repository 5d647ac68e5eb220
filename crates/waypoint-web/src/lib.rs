//! Waypoint's web layer: server-rendered, accessible pages over the
//! application layer.
//!
//! Handlers never decide who may see what: they parse the request, call a
//! use case in `waypoint_app` with the signed-in [`Actor`](waypoint_app::Actor),
//! and render the answer with an askama template whose every string comes
//! from the translation files. Every page works without JavaScript.

pub mod ctx;
pub mod error;
pub mod i18n;
pub mod middleware;
pub mod ops;
pub mod pages;
pub mod routes;

use axum::Router;
use std::sync::Arc;
use waypoint_app::App;

/// Web settings.
#[derive(Clone, Debug, Default)]
pub struct WebConfig {
    /// Served over HTTPS: cookies get `Secure` and `__Host-`, HSTS is sent.
    pub secure: bool,
    /// Trust `X-Forwarded-For` for the client address (behind a proxy).
    pub trust_proxy: bool,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub web: Arc<WebConfig>,
    pub metrics: Option<metrics_exporter_prometheus::PrometheusHandle>,
}

/// Builds the whole router: pages, operations endpoints and middleware.
pub fn router(state: AppState) -> Router {
    routes::build(state)
}
