//! Layers around every request: security headers, limits, load shedding,
//! panic catching and an access log that carries no personal data. In front of the
//! router, [`KeptFirst`] answers plain requests for kept pages with the same headers,
//! log line and counts, without the way through the router.

use super::{AppState, Limits};
use crate::content::model::Lang;
use axum::body::Body;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{MatchedPath, Request};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{BoxError, Router};
use pin_project_lite::pin_project;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;
use tower::{Layer, Service, ServiceBuilder};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
    font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    frame-ancestors 'none'; form-action 'self'";
const PERMISSIONS: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
    magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

/// The whole site as one service: kept pages answered before routing ([`KeptFirst`]),
/// everything else through the router and the layers below.
pub type App = KeptFirst<Router>;

pub fn wrap(router: Router, state: AppState, limits: &Limits) -> App {
    let front = FrontLayer::new(state, limits);
    let routed = router
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        // Pages rendered per request, JSON and the stylesheet; kept pages are gzipped
        // already, and the layer leaves responses with a Content-Encoding alone.
        .layer(super::compress::GzipLayer)
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: BoxError| async { overloaded() }))
                .load_shed()
                .concurrency_limit(limits.max_concurrent),
        )
        .layer(front.clone());
    KeptFirst {
        inner: routed,
        front: front.front,
    }
}

/// The site's most common request, a page kept for the content version asked for plainly
/// (GET, no query string, no body, gzip accepted), is answered here, before routing and
/// the layers: its answer is made already, and the way through the router cost more than
/// half the time of such a request (`bench/pages`). It gets all the layers would give it:
/// the size limits (a request over them goes the long way and is refused there), the
/// security headers, the access log line, the counts and a calm 500 page if rendering the
/// page panics. It skips the concurrency limit and the timeout, which guard work this
/// answer does not do.
#[derive(Clone)]
pub struct KeptFirst<S> {
    inner: S,
    front: Arc<Front>,
}

impl<S, B> Service<axum::http::Request<B>> for KeptFirst<S>
where
    S: Service<axum::http::Request<B>, Response = Response, Error = Infallible>,
    B: http_body::Body,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Call<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: axum::http::Request<B>) -> Self::Future {
        let started = Instant::now();
        let kept =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.front.kept_page(&req)))
                .unwrap_or_else(|panic| Some(self.front.with_headers(panic_response(panic))));
        match kept {
            Some(response) => {
                let route = kept_route(req.uri().path());
                self.front
                    .record(req.method(), Some(route), &response, started);
                Call::Ready {
                    response: Some(response),
                }
            }
            None => Call::Inner {
                future: self.inner.call(req),
            },
        }
    }
}

/// The router's pattern for a kept page's path, for the log line and the counts (the
/// same as the router would give it).
fn kept_route(path: &str) -> &'static str {
    let inner = path.trim_start_matches('/');
    match (inner.split_once('/'), inner.is_empty()) {
        (_, true) => "/",
        (Some((_, "")), _) => "/{lang}/",
        (Some(_), _) => "/{lang}/{segment}",
        (None, _) => "/{segment}",
    }
}

/// What every request and response passes, in one layer with no boxed future (it runs
/// for every request, so it is kept cheap): the size limits first, then, on the way out,
/// the readable 413 page, the security headers (on every response, the overload and
/// panic pages too) and the access log line.
#[derive(Clone)]
struct FrontLayer {
    front: Arc<Front>,
}

pub struct Front {
    state: AppState,
    max_uri: usize,
    max_headers: usize,
    /// The headers every response gets, unless the handler set its own.
    headers: HeaderMap,
}

impl FrontLayer {
    fn new(state: AppState, limits: &Limits) -> FrontLayer {
        let mut headers: HeaderMap = [
            ("content-security-policy", CSP),
            ("referrer-policy", "no-referrer"),
            ("x-content-type-options", "nosniff"),
            ("permissions-policy", PERMISSIONS),
            ("cross-origin-opener-policy", "same-origin"),
            ("cross-origin-resource-policy", "same-origin"),
            ("x-frame-options", "DENY"),
            ("cache-control", "public, max-age=300"),
        ]
        .into_iter()
        .map(|(n, v)| (HeaderName::from_static(n), HeaderValue::from_static(v)))
        .collect();
        if state.snapshot().content.site.hsts {
            headers.insert(
                HeaderName::from_static("strict-transport-security"),
                HeaderValue::from_static("max-age=63072000; includeSubDomains"),
            );
        }
        FrontLayer {
            front: Arc::new(Front {
                state,
                max_uri: limits.max_uri_bytes,
                max_headers: limits.max_header_bytes,
                headers,
            }),
        }
    }
}

impl<S> Layer<S> for FrontLayer {
    type Service = FrontService<S>;
    fn layer(&self, inner: S) -> FrontService<S> {
        FrontService {
            inner,
            front: self.front.clone(),
        }
    }
}

#[derive(Clone)]
struct FrontService<S> {
    inner: S,
    front: Arc<Front>,
}

impl<S> Service<Request> for FrontService<S>
where
    S: Service<Request, Response = Response, Error = Infallible>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = FrontFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let seen = Seen {
            started: Instant::now(),
            method: req.method().clone(),
            route: req.extensions().get::<MatchedPath>().cloned(),
            front: self.front.clone(),
        };
        let call = match self.front.too_large(&req) {
            Some(refused) => Call::Ready {
                response: Some(refused),
            },
            None => Call::Inner {
                future: self.inner.call(req),
            },
        };
        FrontFuture {
            call,
            seen: Some(seen),
        }
    }
}

/// What the way out needs to know about the request.
struct Seen {
    started: Instant,
    method: Method,
    route: Option<MatchedPath>,
    front: Arc<Front>,
}

pin_project! {
    struct FrontFuture<F> {
        #[pin]
        call: Call<F>,
        seen: Option<Seen>,
    }
}

pin_project! {
    /// The inner service's answer, or one made already (a refusal, a kept page).
    #[project = CallProj]
    pub enum Call<F> {
        Inner { #[pin] future: F },
        Ready { response: Option<Response> },
    }
}

impl<F> Future for Call<F>
where
    F: Future<Output = Result<Response, Infallible>>,
{
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project() {
            CallProj::Inner { future } => future.poll(cx),
            // Polled again after it was ready: a bug in the caller, answered calmly.
            CallProj::Ready { response } => {
                Poll::Ready(Ok(response.take().unwrap_or_else(overloaded)))
            }
        }
    }
}

impl<F> Future for FrontFuture<F>
where
    F: Future<Output = Result<Response, Infallible>>,
{
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = match this.call.poll(cx) {
            Poll::Ready(Ok(r)) => r,
            Poll::Ready(Err(never)) => match never {},
            Poll::Pending => return Poll::Pending,
        };
        let Some(seen) = this.seen.take() else {
            return Poll::Ready(Ok(response));
        };
        Poll::Ready(Ok(seen.finish(response)))
    }
}

impl Front {
    /// A kept page's whole answer, when `req` asks plainly for one ([`KeptFirst`]).
    fn kept_page<B: http_body::Body>(&self, req: &axum::http::Request<B>) -> Option<Response> {
        let plain = req.method() == Method::GET
            && req.uri().query().is_none()
            && req.body().is_end_stream()
            && super::respond::accepts_gzip(req.headers())
            && self.too_large(req).is_none();
        if !plain {
            return None;
        }
        let site = self.state.snapshot();
        let page = site.page(req.uri().path())?;
        let mut response = Response::new(Body::from(page.gzip.clone()));
        let headers = response.headers_mut();
        *headers = self.headers.clone();
        super::respond::kept_headers(headers, page.gzip.len());
        Some(response)
    }

    /// `response` with every header all responses get, where the handler set none.
    fn with_headers(&self, mut response: Response) -> Response {
        let headers = response.headers_mut();
        for (name, value) in &self.headers {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
        response
    }

    /// The access log line and the counts for one answered request.
    fn record(&self, method: &Method, route: Option<&str>, response: &Response, started: Instant) {
        // One line per request: method, route pattern, status, time. Never the client's
        // address, the query string or the raw path (which may hold words someone typed).
        let took = started.elapsed();
        tracing::info!(
            target: "access",
            method = %method,
            route = %route.unwrap_or("(no route)"),
            status = response.status().as_u16(),
            ms = took.as_secs_f64() * 1000.0,
        );
        self.state.metrics.answered(route, method, response, took);
    }

    /// The address or the headers over their limits: a plain 414/431 before any routing.
    fn too_large<B>(&self, req: &axum::http::Request<B>) -> Option<Response> {
        // Measured without formatting the URI: this runs on every request.
        let uri = req.uri();
        let uri_len = uri.path_and_query().map_or(0, |pq| pq.as_str().len())
            + uri.authority().map_or(0, |a| a.as_str().len());
        if uri_len > self.max_uri {
            return Some(plain(
                StatusCode::URI_TOO_LONG,
                "The address is too long. / Adressen er for lang.",
            ));
        }
        let header_bytes: usize = req
            .headers()
            .iter()
            .map(|(k, v)| k.as_str().len() + v.len() + 4)
            .sum();
        (header_bytes > self.max_headers).then(|| {
            plain(
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "Request headers are too large. / Forespørgslens headere er for store.",
            )
        })
    }
}

impl Seen {
    fn finish(self, mut response: Response) -> Response {
        // Bodies over the limit get a readable 413 page rather than a bare status.
        if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
            let site = self.front.state.snapshot();
            response = super::respond::bad_request(
                &site,
                Lang::DEFAULT,
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
            );
        }
        let response = self.front.with_headers(response);
        let route = self
            .route
            .as_ref()
            .or_else(|| response.extensions().get::<MatchedPath>())
            .map(MatchedPath::as_str);
        self.front
            .record(&self.method, route, &response, self.started);
        response
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

fn overloaded() -> Response {
    let mut r = plain(
        StatusCode::SERVICE_UNAVAILABLE,
        "The site is busy: try again in a moment. / Siden har travlt: prøv igen om lidt.",
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// A handler panicked: a bug. The person gets a calm page, the server lives on.
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    tracing::error!(target: "panic", "a handler panicked; the request got a 500 page");
    let body = "<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\"><title>Fejl – Error</title></head>\
        <body><main><h1>Der skete en fejl</h1><p>Prøv igen om lidt. Er det akut, så ring 112.</p>\
        <p lang=\"en\">Something went wrong. Try again in a moment. In an emergency, call 112.</p>\
        <p><a href=\"/\">Forsiden</a></p></main></body></html>";
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}
