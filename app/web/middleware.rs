//! Layers around every request: security headers, limits, load shedding,
//! panic catching and an access log that carries no personal data.

use super::{AppState, Limits};
use crate::content::model::Lang;
use axum::body::Body;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self as mw, Next};
use axum::response::{IntoResponse, Response};
use axum::{BoxError, Router};
use std::time::Instant;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
    font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    frame-ancestors 'none'; form-action 'self'";
const PERMISSIONS: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
    magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

pub fn wrap(router: Router, state: AppState, limits: &Limits) -> Router {
    let hsts = state.snapshot().content.site.hsts;
    let set = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        )
    };
    let mut router = router
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        .layer(mw::from_fn_with_state(state.clone(), reject_oversized))
        .layer(set("content-security-policy", CSP))
        .layer(set("referrer-policy", "no-referrer"))
        .layer(set("x-content-type-options", "nosniff"))
        .layer(set("permissions-policy", PERMISSIONS))
        .layer(set("cross-origin-opener-policy", "same-origin"))
        .layer(set("cross-origin-resource-policy", "same-origin"))
        .layer(set("x-frame-options", "DENY"))
        .layer(set("cache-control", "public, max-age=300"));
    if hsts {
        router = router.layer(set(
            "strict-transport-security",
            "max-age=63072000; includeSubDomains",
        ));
    }
    let max_uri = limits.max_uri_bytes;
    let max_headers = limits.max_header_bytes;
    router
        // Pages rendered per request, JSON and the stylesheet; cached pages are gzipped
        // already, and the layer leaves responses with a Content-Encoding alone.
        .layer(CompressionLayer::new())
        .layer(mw::from_fn(move |req: Request, next: Next| {
            check_sizes(req, next, max_uri, max_headers)
        }))
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
        .layer(mw::from_fn(access_log))
}

/// One log line per request: method, route pattern, status, time. Never the client's
/// address, the query string or the raw path (which may hold words someone typed).
async fn access_log(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string());
    let response = next.run(req).await;
    let route = route
        .or_else(|| {
            response
                .extensions()
                .get::<MatchedPath>()
                .map(|p| p.as_str().to_string())
        })
        .unwrap_or_else(|| "(no route)".to_string());
    tracing::info!(
        target: "access",
        %method,
        route = %route,
        status = response.status().as_u16(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
    );
    response
}

async fn check_sizes(req: Request, next: Next, max_uri: usize, max_headers: usize) -> Response {
    // Measured without formatting the URI: this runs on every request.
    let uri = req.uri();
    let uri_len = uri.path_and_query().map_or(0, |pq| pq.as_str().len())
        + uri.authority().map_or(0, |a| a.as_str().len());
    if uri_len > max_uri {
        return plain(
            StatusCode::URI_TOO_LONG,
            "The address is too long. / Adressen er for lang.",
        );
    }
    let header_bytes: usize = req
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if header_bytes > max_headers {
        return plain(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "Request headers are too large. / Forespørgslens headere er for store.",
        );
    }
    next.run(req).await
}

/// Bodies over the limit get a readable 413 page rather than a bare status.
async fn reject_oversized(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        let site = state.snapshot();
        return super::respond::bad_request(
            &site,
            Lang::DEFAULT,
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
        );
    }
    response
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
