//! Operations endpoints: health, readiness, metrics, static files.

use crate::AppState;
use crate::error::describe;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `GET /healthz`: the process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: the database answers, and takes the access log's writes
/// (without them no student record is opened).
pub async fn readyz(State(st): State<AppState>) -> Response {
    if st.app.access_log_refusing() {
        tracing::warn!("not ready: the access log cannot be written");
        return (StatusCode::SERVICE_UNAVAILABLE, "access log cannot be written").into_response();
    }
    match st.app.store.db().ping().await {
        Ok(()) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

/// `GET /metrics`: Prometheus text format.
pub async fn metrics(State(st): State<AppState>) -> Response {
    let c = st.app.store.cache_stats();
    metrics::gauge!("store_cache_hits").set(c.hits as f64);
    metrics::gauge!("store_cache_misses").set(c.misses as f64);
    for (kind, n) in c.misses_by_kind {
        metrics::gauge!("store_cache_misses_by_kind", "kind" => kind).set(n as f64);
    }
    metrics::gauge!("store_cache_changes").set(c.changes as f64);
    metrics::gauge!("store_cache_entries").set(c.entries as f64);
    let log = st.app.access_log_counts();
    metrics::gauge!("access_log_waiting_entries").set(log.waiting as f64);
    metrics::gauge!("access_log_written_entries").set(log.written as f64);
    metrics::gauge!("access_log_refusing").set(if st.app.access_log_refusing() { 1.0 } else { 0.0 });
    if let Some((size, idle)) = st.app.store.db().pool_status() {
        metrics::gauge!("db_pool_connections").set(size as f64);
        metrics::gauge!("db_pool_idle_connections").set(idle as f64);
    }
    match &st.metrics {
        Some(h) => ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], h.render()).into_response(),
        None => (StatusCode::NOT_FOUND, "metrics are off").into_response(),
    }
}

const CSS: &str = include_str!("../static/app.css");

/// `GET /static/{file}`: the few assets, compiled in.
pub async fn static_file(Path(file): Path<String>) -> Response {
    match file.as_str() {
        "app.css" => (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            CSS,
        )
            .into_response(),
        _ => not_found().await,
    }
}

/// Any unknown path.
pub async fn not_found() -> Response {
    let mut r = StatusCode::NOT_FOUND.into_response();
    r.extensions_mut().insert(describe(StatusCode::NOT_FOUND));
    r
}
