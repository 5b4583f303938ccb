//! The HTTP side: router, shared state, middleware and the server loop.
//! Handlers are thin: they parse input, pick the snapshot and call a view.

pub mod api;
pub mod compress;
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
pub use middleware::App;

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
pub fn router(state: AppState, limits: &Limits) -> App {
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

/// Serves `app` on `listener` until SIGTERM or Ctrl-C, then lets requests in flight finish.
/// hyper is used directly (not `axum::serve`) for its slow-client protections:
/// a deadline for reading request headers and a cap on their size.
async fn serve_app(
    listener: tokio::net::TcpListener,
    app: App,
    limits: &Limits,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
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

/// Serves on one thread per core, each with its own single-threaded runtime and its own
/// listening socket on the same address (`SO_REUSEPORT`: the kernel spreads connections),
/// as nginx does with its workers: a request is read, answered and written on one thread,
/// with no hand-over between threads (the multi-threaded runtime's wake-ups cost about a
/// fifth of a cached page's throughput in `bench/pages`). `listener` gives the address
/// (its port may have been 0) and serves on the first thread.
pub async fn serve_on_every_core(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: Limits,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut listeners = vec![listener.into_std()?];
    for _ in 1..cores {
        match reuse_port_listener(addr) {
            Ok(l) => listeners.push(l),
            // Without SO_REUSEPORT (or a second socket), one thread serves everything.
            Err(_) => break,
        }
    }
    // One router for all threads: its limits (concurrency, load shedding) are the site's.
    let app = router(state, &limits);
    let threads: Vec<_> = listeners
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let (app, limits) = (app.clone(), limits.clone());
            std::thread::Builder::new().name(format!("http-{i}")).spawn(
                move || -> std::io::Result<()> {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()?;
                    rt.block_on(async move {
                        let l = tokio::net::TcpListener::from_std(l)?;
                        serve_app(l, app, &limits).await
                    })
                },
            )
        })
        .collect::<std::io::Result<_>>()?;
    tokio::task::spawn_blocking(move || {
        let mut result = Ok(());
        for t in threads {
            let r = t
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("a server thread panicked")));
            result = result.and(r);
        }
        result
    })
    .await
    .unwrap_or_else(|e| Err(std::io::Error::other(e)))
}

/// The site's listening socket on `addr` (`host:port`), open for the other threads' sockets
/// ([`serve_on_every_core`]).
pub fn listen(addr: &str) -> std::io::Result<tokio::net::TcpListener> {
    use std::net::ToSocketAddrs;
    let mut last = std::io::Error::other("the address names no host");
    for a in addr.to_socket_addrs()? {
        match reuse_port_listener(a) {
            Ok(l) => return tokio::net::TcpListener::from_std(l),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// A listening socket on `addr` that others may share through `SO_REUSEPORT`.
fn reuse_port_listener(addr: std::net::SocketAddr) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_reuse_port(true)?;
    socket.set_nonblocking(true)?;
    socket.bind(&addr.into())?;
    socket.listen(1024)?;
    Ok(socket.into())
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
