//! The HTTP side: router, shared state, middleware and the server loop.
//! Handlers are thin: they parse input, pick the snapshot and call a view.

pub mod api;
pub mod form;
pub mod guide;
pub mod lang;
pub mod metrics;
pub mod middleware;
pub mod opendata;
pub mod pages;
pub mod respond;
pub mod search;

use axum::routing::{any, get, post};
use axum::Router;

/// Handlers' state: the live site (see [`LiveSite`]).
pub use crate::site::LiveSite as AppState;

/// Limits that keep one client from hurting the others.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_body_bytes: usize,
    pub max_uri_bytes: usize,
    pub max_header_bytes: usize,
    pub request_timeout: std::time::Duration,
    pub max_concurrent: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 16 * 1024,
            max_uri_bytes: 2048,
            max_header_bytes: 8 * 1024,
            request_timeout: std::time::Duration::from_secs(10),
            max_concurrent: 512,
        }
    }
}

/// The whole application: routes plus every middleware layer.
pub fn router(state: AppState, limits: &Limits) -> Router {
    // Pages exist once per language: the default at the root (`/stien`), the others under
    // their code (`/en/stien`); `lang::PageLang` reads and checks the code.
    let routes = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/static/{name}", get(pages::asset))
        .route("/was", get(pages::accessibility_redirect))
        .route("/api/items", get(api::items))
        .route("/api/search", get(search::api))
        .route("/api/guide", get(guide::api_get).post(guide::api_post))
        .route("/api/{*rest}", any(api::no_such_endpoint))
        .route("/guide", get(guide::start).post(guide::post))
        .route("/{lang}/guide", get(guide::start).post(guide::post))
        .route("/guide/chat", post(guide::chat))
        .route("/{lang}/guide/chat", post(guide::chat))
        .route("/", get(pages::home))
        .route("/{lang}/", get(pages::home))
        .route("/{segment}", get(pages::segment))
        .route("/{lang}/{segment}", get(pages::lang_segment))
        .merge(opendata::routes(&state))
        .fallback(pages::fallback);
    middleware::wrap(routes.with_state(state.clone()), state, limits)
}

/// Serves until SIGTERM or Ctrl-C, then lets requests in flight finish.
/// hyper is used directly (not `axum::serve`) for its slow-client protections:
/// a deadline for reading request headers and a cap on their size.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: &Limits,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    let app = router(state, limits);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.request_timeout)
        // hyper's floor is 8 KiB; the request line and headers must fit in it.
        .max_buf_size(limits.max_header_bytes.max(8192) + limits.max_uri_bytes);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _peer)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let service = TowerToHyperService::new(app.clone());
                let conn = http.serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    // Requests in flight get up to 30 s to finish.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(30), graceful.shutdown()).await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}
