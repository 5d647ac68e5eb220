//! Waypoint's web layer: server-rendered, accessible pages over the
//! application layer.
//!
//! Handlers never decide who may see what: they parse the request, call a
//! use case in `waypoint_app` with the signed-in [`Actor`](waypoint_app::Actor),
//! and render the answer with an askama template whose every string comes
//! from the translation files. Every page works without JavaScript.

pub mod ctx;
pub mod error;
pub mod fragments;
pub mod i18n;
pub mod middleware;
pub mod ops;
pub mod pages;
pub mod routes;
pub mod turns;

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
    /// How often a request thread gives the processor to other waiting threads ([`turns`]).
    pub turns: turns::Turns,
}

/// What every handler can reach. Behind one `Arc`: axum clones the state
/// for every layer of every request, and one reference count is cheaper
/// than the handful inside `App`.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// The contents of [`AppState`].
pub struct Shared {
    pub app: App,
    pub web: Arc<WebConfig>,
    pub metrics: Option<metrics_exporter_prometheus::PrometheusHandle>,
}

impl AppState {
    pub fn new(shared: Shared) -> AppState {
        AppState(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// Builds the whole router: pages, operations endpoints and middleware.
pub fn router(state: AppState) -> Router {
    routes::build(state)
}
