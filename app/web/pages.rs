//! Handlers for the content pages, static assets and redirects.

use super::form::{form_pairs, number_in};
use super::lang::{of_path, PageLang};
use super::respond::{self, cached, html, not_found};
use super::{search, AppState};
use crate::content::model::{Audience, Kind, Lang};
use crate::paths;
use crate::site::Site;
use crate::ui::pages::{self as views, ListingFilter};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};

pub async fn home(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    headers: HeaderMap,
) -> Response {
    let site = state.snapshot();
    serve_cached(&site, lang, &lang.home(), &headers)
}

pub async fn accessibility_redirect() -> Redirect {
    Redirect::permanent(&paths::item(Lang::DEFAULT, paths::ACCESSIBILITY))
}

/// `/{segment}`: a page in the default language, or `/en` (a language's home without
/// its slash).
pub async fn segment(
    State(state): State<AppState>,
    Path(seg): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let site = state.snapshot();
    if let Some(lang) = site.content.site.languages.by_code(&seg) {
        return Redirect::permanent(&lang.home()).into_response();
    }
    segment_page(&site, Lang::DEFAULT, &seg, query.as_deref(), &headers)
}

/// `/{lang}/{segment}`: a page in another language.
pub async fn lang_segment(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, seg)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    segment_page(&state.snapshot(), lang, &seg, query.as_deref(), &headers)
}

pub async fn fallback(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    not_found(&state.snapshot(), of_path(&state, uri.path()), &headers)
}

/// A top-level path: a listing (`/tilbud`) or an item (`/stien`).
fn segment_page(
    site: &Site,
    lang: Lang,
    segment: &str,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Response {
    let languages = &site.content.site.languages;
    if segment == languages.path(lang, "search") {
        return search::search_page_for(site, lang, query);
    }
    if let Some(kind) = Kind::ALL
        .into_iter()
        .find(|k| languages.path(lang, k.id()) == segment)
    {
        return listing(site, lang, kind, query, headers);
    }
    let Some(item) = site.content.get(lang, segment) else {
        return not_found(site, lang, headers);
    };
    match site.page(&item.url()) {
        Some(page) => cached(page, StatusCode::OK, headers),
        // Course pages show only upcoming dates, so they are rendered for today.
        None => html(
            StatusCode::OK,
            views::detail(&site.ctx(lang), &site.content, item, crate::site::today()),
        ),
    }
}

fn serve_cached(site: &Site, lang: Lang, path: &str, headers: &HeaderMap) -> Response {
    match site.page(path) {
        Some(page) => cached(page, StatusCode::OK, headers),
        None => not_found(site, lang, headers),
    }
}

fn listing(
    site: &Site,
    lang: Lang,
    kind: Kind,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Response {
    let filter = match parse_filter(query.unwrap_or("")) {
        Ok(f) => f,
        Err(message_id) => {
            return respond::bad_request(site, lang, StatusCode::BAD_REQUEST, message_id)
        }
    };
    if filter.is_default() {
        return serve_cached(site, lang, &site.ctx(lang).listing_path(kind), headers);
    }
    match views::listing(&site.ctx(lang), &site.content, kind, &filter) {
        Some(page) => html(StatusCode::OK, page),
        None => not_found(site, lang, headers),
    }
}

/// Listing filters from a query string. Empty values mean "all"; anything else must be valid.
pub fn parse_filter(query: &str) -> Result<ListingFilter, &'static str> {
    let mut filter = ListingFilter::default();
    for (key, value) in form_pairs(query)? {
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "audience" => filter.audience = Some(Audience::from_id(&value).ok_or("bad-filter")?),
            "age" => filter.age = Some(number_in(value.trim(), 0..=30).ok_or("bad-age")?),
            "topic" => filter.topic = Some(value),
            "page" => {
                filter.page = Some(number_in(value.trim(), 1..=usize::MAX).ok_or("bad-page")?)
            }
            _ => {}
        }
    }
    Ok(filter)
}

/// `GET /static/{name}`: only the built-in assets, by exact name, so no path can escape.
pub async fn asset(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let site = state.snapshot();
    match site.assets.get(&name) {
        Some(asset) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(asset.content_type),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ],
            asset.bytes.clone(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
