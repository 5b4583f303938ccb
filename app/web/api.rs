//! JSON for other clients and for testing.

use super::respond::json_error;
use super::AppState;
use crate::content::model::{Item, Lang, Source, PLACEHOLDER};
use crate::site::Site;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

/// API errors are for developers: in English when the site serves it.
const ERRORS_LANGUAGE: &str = "en";

/// A 400 with the interface text `id`, for an API client.
pub fn bad_api_request(site: &Site, id: &str) -> Response {
    let languages = &site.content.site.languages;
    let lang = languages.by_code(ERRORS_LANGUAGE).unwrap_or(Lang::DEFAULT);
    json_error(StatusCode::BAD_REQUEST, &site.i18n.t(lang, id))
}

/// `lang` of an API request: one of the site's languages (none: the default); a wrong
/// value is a 400 that names the served ones.
pub fn parse_lang(site: &Site, lang: Option<&str>) -> Result<Lang, Response> {
    let languages = &site.content.site.languages;
    match lang {
        None | Some("") => Ok(Lang::DEFAULT),
        Some(code) => languages.by_code(code).ok_or_else(|| {
            let codes: Vec<String> = languages.langs().map(|l| format!("\"{l}\"")).collect();
            json_error(
                StatusCode::BAD_REQUEST,
                &format!("lang must be one of {}", codes.join(", ")),
            )
        }),
    }
}

#[derive(Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

#[derive(Serialize)]
struct ItemSummary<'a> {
    slug: &'a str,
    kind: &'a str,
    lang: &'a str,
    title: &'a str,
    summary: &'a str,
    url: String,
    sources: &'a [Source],
    /// `YYYY-MM-DD`
    reviewed: String,
    /// Entry points and services only.
    #[serde(skip_serializing_if = "Option::is_none")]
    facts: Option<FactsSummary<'a>>,
}

/// The facts other clients ask for most; a fact nobody has written down is "ukendt".
#[derive(Serialize)]
struct FactsSummary<'a> {
    /// "ja" | "nej" | "delvist" | "ukendt"
    anonymous: &'static str,
    parents_told: &'a str,
    referral: &'a str,
    cost: &'a str,
}

fn facts_summary(item: &Item) -> Option<FactsSummary<'_>> {
    if !item.kind.needs_facts() {
        return None;
    }
    fn text(v: Option<&String>) -> &str {
        v.map_or(PLACEHOLDER, String::as_str)
    }
    let f = item.facts.as_ref();
    Some(FactsSummary {
        anonymous: f.and_then(|f| f.anonymous).map_or(PLACEHOLDER, |a| a.id()),
        parents_told: text(f.and_then(|f| f.parents_told.as_ref())),
        referral: text(f.and_then(|f| f.referral.as_ref())),
        cost: text(f.and_then(|f| f.cost.as_ref())),
    })
}

/// Any other `/api/…` path: a JSON 404, not a page.
pub async fn no_such_endpoint() -> Response {
    json_error(StatusCode::NOT_FOUND, "no such API endpoint")
}

/// `GET /api/items?lang=<code>`: every published item.
pub async fn items(
    State(state): State<AppState>,
    query: Result<Query<LangQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(query)) = query else {
        return json_error(
            StatusCode::BAD_REQUEST,
            "the query string could not be read",
        );
    };
    let site = state.snapshot();
    let lang = match parse_lang(&site, query.lang.as_deref()) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let items: Vec<ItemSummary<'_>> = site
        .content
        .in_lang(lang)
        .map(|i| ItemSummary {
            slug: &i.slug,
            kind: i.kind.id(),
            lang: lang.code(),
            title: &i.title,
            summary: &i.summary,
            url: i.url(),
            sources: &i.sources,
            reviewed: i.reviewed.format("%Y-%m-%d").to_string(),
            facts: facts_summary(i),
        })
        .collect();
    Json(items).into_response()
}
