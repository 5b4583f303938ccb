//! Search handlers: the page (`/soeg`, `/en/search`) and `GET /api/search`.
//! Queries are never logged, and the answers are never cached.

use super::api::{bad_api_request, parse_lang};
use super::form::{form_pairs, number_in};
use super::respond::{self, html, no_store};
use super::AppState;
use crate::content::model::{Audience, Kind, Lang};
use crate::metrics::Observed;
use crate::search::{SearchQuery, SearchResults};
use crate::site::Site;
use crate::triage;
use crate::ui::search::{search_page, Asked};
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// Longest query we search for; longer input is a mistake or an attack.
const MAX_QUERY_CHARS: usize = 500;
const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 50;

/// A search request, checked. Errors are Fluent message ids.
struct Params {
    q: String,
    lang: Option<String>,
    kind: Option<Kind>,
    audience: Option<Audience>,
    age: Option<u8>,
    without_parents: bool,
    limit: usize,
}

fn parse(query: Option<&str>) -> Result<Params, &'static str> {
    let mut p = Params {
        q: String::new(),
        lang: None,
        kind: None,
        audience: None,
        age: None,
        without_parents: false,
        limit: DEFAULT_LIMIT,
    };
    for (key, value) in form_pairs(query.unwrap_or(""))? {
        let value = value.trim().to_string();
        match key.as_str() {
            "q" => p.q = value.chars().filter(|c| !c.is_control()).collect(),
            "lang" => p.lang = Some(value),
            _ if value.is_empty() => {}
            "kind" => p.kind = Some(Kind::from_id(&value).ok_or("bad-filter")?),
            "audience" => p.audience = Some(Audience::from_id(&value).ok_or("bad-filter")?),
            // "Kan bruges uden mine forældre": only `1` turns it on; anything else is a mistake.
            "without_parents" => {
                p.without_parents = (value == "1").then_some(true).ok_or("bad-filter")?
            }
            "age" => p.age = Some(number_in(&value, 0..=30).ok_or("bad-age")?),
            "limit" => p.limit = number_in(&value, 1..=MAX_LIMIT).ok_or("bad-limit")?,
            _ => {}
        }
    }
    if p.q.chars().count() > MAX_QUERY_CHARS {
        return Err("query-too-long");
    }
    Ok(p)
}

fn run(site: &Site, lang: Lang, p: &Params) -> SearchResults {
    site.search.search(&SearchQuery {
        text: p.q.clone(),
        lang,
        kind: p.kind,
        audience: p.audience,
        age: p.age,
        without_parents: p.without_parents,
        limit: p.limit,
        without_snippets: false,
    })
}

/// The search page (`/soeg`, `/en/search`); the route table sends its path here.
pub fn search_page_for(site: &Site, lang: Lang, query: Option<&str>) -> Response {
    let p = match parse(query) {
        Ok(p) => p,
        Err(id) => return respond::bad_input(site, lang, id),
    };
    let results = run(site, lang, &p);
    let asked = Asked {
        query: &p.q,
        kind: p.kind,
        audience: p.audience,
        without_parents: p.without_parents,
    };
    // The search box passes the safety layer too: acute words get the first help first.
    let acute = triage::screen(site, &p.q);
    let help = acute.map(|c| site.safety.first_help(c, lang.code()));
    observed(lang, &p, &results, acute).on(no_store(html(
        StatusCode::OK,
        search_page(
            &site.ctx(lang),
            &site.content,
            &asked,
            &results,
            help.as_ref(),
        ),
    )))
}

/// For the metrics: a search in this language and whether it found anything, and the
/// acute category if the words were about acute danger. Never the words.
fn observed(
    lang: Lang,
    p: &Params,
    results: &SearchResults,
    acute: Option<&crate::safety::Category>,
) -> Observed {
    Observed {
        search: (!p.q.trim().is_empty()).then_some((lang, results.total)),
        outcome: None,
        acute: acute.map(|c| c.id.clone()),
    }
}

#[derive(Serialize)]
struct ApiHit {
    slug: String,
    kind: Kind,
    title: String,
    url: String,
    snippet: String,
}

#[derive(Serialize)]
struct ApiAnswer {
    query: String,
    /// The words may be about acute danger: show the acute help first.
    acute: bool,
    total: usize,
    results: Vec<ApiHit>,
    suggestion: Option<String>,
    counts: Counts,
}

#[derive(Serialize)]
struct Counts {
    kind: Vec<(Kind, usize)>,
    audience: Vec<(Audience, usize)>,
    without_parents: usize,
}

/// `GET /api/search?q=&lang=<code>&kind=&audience=&age=&without_parents=1&limit=`
pub async fn api(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let site = state.snapshot();
    let p = match parse(query.as_deref()) {
        Ok(p) => p,
        Err(id) => return no_store(bad_api_request(&site, id)),
    };
    let lang = match parse_lang(&site, p.lang.as_deref()) {
        Ok(l) => l,
        Err(r) => return no_store(r),
    };
    let results = run(&site, lang, &p);
    let acute = triage::screen(&site, &p.q);
    let observed = observed(lang, &p, &results, acute);
    let answer = ApiAnswer {
        acute: acute.is_some(),
        query: p.q.clone(),
        total: results.total,
        results: results
            .hits
            .into_iter()
            .map(|h| ApiHit {
                url: crate::paths::item(lang, &h.slug),
                slug: h.slug,
                kind: h.kind,
                title: h.title,
                snippet: h.snippet_html,
            })
            .collect(),
        suggestion: results.suggestion,
        counts: Counts {
            kind: results.kind_counts,
            audience: results.audience_counts,
            without_parents: results.without_parents_count,
        },
    };
    observed.on(no_store(Json(answer).into_response()))
}
