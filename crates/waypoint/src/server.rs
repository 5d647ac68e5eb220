//! Starting and stopping the HTTP server.

use anyhow::Context;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use waypoint_app::{App, AppConfig};
use waypoint_store::Store;
use waypoint_web::{AppState, WebConfig};

/// The Prometheus recorder is process-wide; install it once.
fn metrics_handle() -> Option<metrics_exporter_prometheus::PrometheusHandle> {
    static HANDLE: OnceLock<Option<metrics_exporter_prometheus::PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            metrics_exporter_prometheus::PrometheusBuilder::new()
                .set_buckets(&[
                    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
                ])
                .ok()?
                .install_recorder()
                .ok()
        })
        .clone()
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    pub app: App,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
    /// Declared last: dropped after everything that may still use it.
    _background: Background,
}

/// The background runtime ([`crate::sched`]), shut down without waiting
/// when dropped (a runtime may not be dropped from async code otherwise).
struct Background(Option<tokio::runtime::Runtime>);

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take() {
            rt.shutdown_background();
        }
    }
}

/// How long stopping waits for the access log's last entries to be written.
const FLUSH_AT_MOST: std::time::Duration = std::time::Duration::from_secs(30);

impl Running {
    /// Stops accepting connections, finishes in-flight requests, writes
    /// the queued access-log entries. If the store refuses them (the
    /// writer keeps trying), it gives up after [`FLUSH_AT_MOST`] and says
    /// how many were not written.
    pub async fn stop(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
        if tokio::time::timeout(FLUSH_AT_MOST, self.app.flush_access_log())
            .await
            .is_err()
        {
            tracing::error!(
                entries = self.app.access_log_counts().waiting,
                "stopping with access-log entries not written: the database refused them"
            );
        }
    }
}

/// Builds the application over `store` and serves it on `listener`.
pub async fn start(
    store: Store,
    app_config: AppConfig,
    web: WebConfig,
    listener: tokio::net::TcpListener,
) -> anyhow::Result<Running> {
    let addr = listener.local_addr().context("listener address")?;
    let background = crate::sched::background_runtime().context("starting the background runtime")?;
    let app_config = AppConfig {
        background: Some(background.handle().clone()),
        ..app_config
    };
    let app = App::new(store, app_config);
    app.spawn_background();
    let state = AppState::new(waypoint_web::Shared {
        app: app.clone(),
        web: Arc::new(web),
        metrics: metrics_handle(),
    });
    let router = waypoint_web::router(state);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "server stopped with an error");
        }
    });
    Ok(Running {
        addr,
        app,
        shutdown: tx,
        task,
        _background: Background(Some(background)),
    })
}

/// Waits for Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Serves until a shutdown signal, then stops gracefully.
pub async fn serve_until_signal(
    store: Store,
    app_config: AppConfig,
    web: WebConfig,
    bind: SocketAddr,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    let running = start(store.clone(), app_config, web, listener).await?;
    tracing::info!(addr = %running.addr, "waypoint is listening");
    shutdown_signal().await;
    tracing::info!("shutting down: finishing requests in flight");
    running.stop().await;
    store.db().close().await;
    Ok(())
}
