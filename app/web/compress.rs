//! Gzip for answers made per request (JSON, search pages, filtered listings, open data):
//! whole bodies compressed in one go with the thread's deflate state ([`crate::gzip`]).
//! tower-http's compression layer made a new deflate state for every answer and streamed
//! it through an async encoder; every answer here is made whole in memory, so neither is
//! needed. Kept pages carry their own `Content-Encoding` and pass untouched.

use super::respond::accepts_gzip;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use bytes::{Bytes, BytesMut};
use http_body::Body as _;
use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use tower::{Layer, Service};

/// Smaller answers are sent as they are: gzip would barely shrink them.
const MIN_BYTES: usize = 256;

#[derive(Clone, Copy, Default)]
pub struct GzipLayer;

impl<S> Layer<S> for GzipLayer {
    type Service = Gzip<S>;
    fn layer(&self, inner: S) -> Gzip<S> {
        Gzip { inner }
    }
}

#[derive(Clone)]
pub struct Gzip<S> {
    inner: S,
}

impl<S> Service<Request> for Gzip<S>
where
    S: Service<Request, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = GzipFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        GzipFuture {
            wants: accepts_gzip(req.headers()),
            inner: self.inner.call(req),
        }
    }
}

pin_project! {
    pub struct GzipFuture<F> {
        #[pin]
        inner: F,
        wants: bool,
    }
}

impl<F, E> Future for GzipFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = std::task::ready!(this.inner.poll(cx))?;
        Poll::Ready(Ok(negotiate(response, *this.wants)))
    }
}

/// Text that compresses: HTML, JSON (also JSON-LD and HSDS), CSS, script, SVG, XML, iCal.
fn compressible(headers: &HeaderMap) -> bool {
    let Some(kind) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let kind = kind.split(';').next().unwrap_or("").trim();
    kind.starts_with("text/")
        || kind.ends_with("json")
        || kind.ends_with("+xml")
        || matches!(kind, "application/javascript" | "application/xml")
}

fn negotiate(response: Response, wants: bool) -> Response {
    let headers = response.headers();
    let no_transform = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-transform"));
    if headers.contains_key(header::CONTENT_ENCODING) || !compressible(headers) || no_transform {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // The answer differs by Accept-Encoding, whether or not this one was compressed.
    let varies = parts.headers.get_all(header::VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        parts
            .headers
            .append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    if !wants {
        return Response::from_parts(parts, body);
    }
    let body = match whole(body) {
        Ok(bytes) if bytes.len() >= MIN_BYTES => {
            let packed = crate::gzip::gzip(&bytes, crate::gzip::Level::Fast);
            parts
                .headers
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            parts
                .headers
                .insert(header::CONTENT_LENGTH, packed.len().into());
            Body::from(packed)
        }
        Ok(bytes) => Body::from(bytes),
        Err(body) => body,
    };
    Response::from_parts(parts, body)
}

/// The whole body, when it is already in memory (a body of known size: every handler
/// here makes its answer whole). Anything else is given back to be sent as it is, with
/// whatever was already read in front.
fn whole(mut body: Body) -> Result<Bytes, Body> {
    if body.size_hint().exact().is_none() {
        return Err(body);
    }
    let mut cx = Context::from_waker(Waker::noop());
    let mut read = BytesMut::new();
    loop {
        match Pin::new(&mut body).poll_frame(&mut cx) {
            Poll::Ready(None) => return Ok(read.freeze()),
            Poll::Ready(Some(Ok(frame))) if frame.is_data() => {
                if let Ok(data) = frame.into_data() {
                    read.extend_from_slice(&data);
                }
            }
            // Not in memory after all (or trailers): send what was read, then the rest.
            _ => {
                return Err(Body::new(Prefixed {
                    read: Some(read.freeze()),
                    rest: body,
                }))
            }
        }
    }
}

pin_project! {
    /// A body that sends `read` first, then what is left of `rest`.
    struct Prefixed {
        read: Option<Bytes>,
        #[pin]
        rest: Body,
    }
}

impl http_body::Body for Prefixed {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let this = self.project();
        match this.read.take().filter(|b| !b.is_empty()) {
            Some(read) => Poll::Ready(Some(Ok(http_body::Frame::data(read)))),
            None => this.rest.poll_frame(cx),
        }
    }
}
