//! Which language a request is in: the `{lang}` part of its path, checked against the
//! site's languages (none: the default language, served at the root).

use super::respond::not_found;
use super::AppState;
use crate::content::model::Lang;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

/// The language of a page route. `/{lang}/…` with a code the site does not serve (or the
/// default's own code, which has no prefix) is a 404 page.
pub struct PageLang(pub Lang);

impl FromRequestParts<AppState> for PageLang {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Some((_, code)) = params.iter().find(|(name, _)| *name == "lang") else {
            return Ok(PageLang(Lang::DEFAULT));
        };
        let site = state.snapshot();
        site.content
            .site
            .languages
            .by_code(code)
            .filter(|lang| !lang.is_default())
            .map(PageLang)
            .ok_or_else(|| not_found(&site, Lang::DEFAULT, &parts.headers))
    }
}

/// The language a path is in, for pages no route matched (the 404 in the right language).
pub fn of_path(state: &AppState, path: &str) -> Lang {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    state
        .snapshot()
        .content
        .site
        .languages
        .by_code(first)
        .unwrap_or(Lang::DEFAULT)
}
