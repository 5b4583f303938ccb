//! Building responses: cached pages with gzip negotiation, fresh HTML, JSON and errors.

use crate::content::model::Lang;
use crate::site::{Page, Site};
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

const HTML: &str = "text/html; charset=utf-8";

pub(super) fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|enc| {
            let mut parts = enc.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| p.trim().replace(' ', "") == "q=0");
            name.eq_ignore_ascii_case("gzip") && !refused
        })
}

/// A page rendered at load time: sent gzipped when the client takes it.
pub fn cached(page: &Page, status: StatusCode, headers: &HeaderMap) -> Response {
    let gzip = accepts_gzip(headers);
    let body = if gzip { page.gzip.clone() } else { page.html() };
    let length = body.len();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if gzip {
        kept_headers(headers, length);
    } else {
        page_headers(headers, length);
    }
    response
}

/// The headers of a kept page sent gzipped (also set before routing, see
/// `crate::web::middleware::KeptFirst`).
pub(super) fn kept_headers(headers: &mut HeaderMap, gzip_length: usize) {
    page_headers(headers, gzip_length);
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
}

fn page_headers(headers: &mut HeaderMap, length: usize) {
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
}

/// HTML rendered for this request.
pub fn html(status: StatusCode, html: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(HTML))],
        html,
    )
        .into_response()
}

/// Marks a response as private to this one visit: nothing may keep it.
pub fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The helpful 404 page in a language.
pub fn not_found(site: &Site, lang: Lang, headers: &HeaderMap) -> Response {
    match site.not_found_page(lang) {
        Some(page) => cached(page, StatusCode::NOT_FOUND, headers),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A 4xx page that says what was wrong with the request.
pub fn bad_request(site: &Site, lang: Lang, status: StatusCode, message_id: &str) -> Response {
    let ctx = site.ctx(lang);
    let title = ctx.t("bad-request-title");
    let text = ctx.t(message_id);
    html(status, crate::ui::pages::error_page(&ctx, &title, &text))
}

/// A 400 page for input that cannot be used, never cached (it may echo what was typed).
pub fn bad_input(site: &Site, lang: Lang, message_id: &str) -> Response {
    no_store(bad_request(site, lang, StatusCode::BAD_REQUEST, message_id))
}

/// A JSON error for `/api/` clients.
pub fn json_error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
}
