//! JSON for other clients and for testing.

use super::respond::json_error;
use super::AppState;
use crate::content::model::{Item, Lang, Source, PLACEHOLDER};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

/// `lang` of an API request; a wrong value is a 400 that names the allowed ones.
pub fn parse_lang(lang: Option<&str>) -> Result<Lang, Response> {
    match lang {
        None | Some("") => Ok(Lang::Da),
        Some(code) => Lang::from_code(code)
            .ok_or_else(|| json_error(StatusCode::BAD_REQUEST, "lang must be \"da\" or \"en\"")),
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

/// `GET /api/items?lang=da|en`: every published item.
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
    let lang = match parse_lang(query.lang.as_deref()) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let site = state.snapshot();
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
