//! Handlers for the open-data formats (`crate::opendata`): the HSDS API under
//! `/api/hsds/`, the course calendars, the sitemap and robots.txt. They check the request
//! and hand the snapshot to the builders; bad input is a 4xx that says what was wrong.

use super::form::{form_pairs, number_in};
use super::respond::{json_error, not_found};
use super::AppState;
use crate::content::model::{Kind, Lang};
use crate::opendata::{hsds, ical, sitemap};
use crate::site::today;
use crate::site::Site;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use uuid::Uuid;

/// The open-data routes, merged into the route table (`super::router`). The course
/// calendars sit next to the course listing (`/kurser.ics`, `/kurser/{slug}.ics`): the
/// listing's word is read from site.toml when the router is built.
pub fn routes(state: &AppState) -> Router<AppState> {
    let courses = state
        .snapshot()
        .content
        .site
        .languages
        .path(Lang::DEFAULT, Kind::Kursus.id())
        .to_string();
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap))
        .route(&format!("/{courses}.ics"), get(all_courses_calendar))
        .route(&format!("/{courses}/{{file}}"), get(course_calendar))
        .route("/api/hsds", get(hsds_about))
        .route("/api/hsds/", get(hsds_about))
        .route("/api/hsds/services", get(hsds_services))
        .route("/api/hsds/services/{id}", get(hsds_service))
        .route("/api/hsds/organizations", get(hsds_organizations))
        .route("/api/hsds/organizations/{id}", get(hsds_organization))
}

/// Services or organizations on one page when the client does not say.
const DEFAULT_PER_PAGE: usize = 50;
const MAX_PER_PAGE: usize = 200;

fn with_type(content_type: &'static str, body: String) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

/// `GET /api/hsds/`
pub async fn hsds_about(State(state): State<AppState>) -> Response {
    Json(hsds::about(&state.snapshot().content)).into_response()
}

/// `page`, `per_page` and (services only) `organization_id` of a list request.
struct ListQuery {
    page: usize,
    per_page: usize,
    organization_id: Option<Uuid>,
}

fn bad(message: &str) -> Response {
    json_error(StatusCode::BAD_REQUEST, message)
}

fn list_query(raw: Option<&str>, services: bool) -> Result<ListQuery, Response> {
    let mut q = ListQuery {
        page: 1,
        per_page: DEFAULT_PER_PAGE,
        organization_id: None,
    };
    let pairs = form_pairs(raw.unwrap_or("")).map_err(|_| bad("the query string is not valid"))?;
    for (key, value) in pairs {
        let value = value.trim();
        match key.as_str() {
            "page" => {
                q.page = number_in(value, 1..=usize::MAX)
                    .ok_or_else(|| bad("page must be a whole number from 1"))?
            }
            "per_page" => {
                q.per_page = number_in(value, 1..=MAX_PER_PAGE).ok_or_else(|| {
                    bad(&format!(
                        "per_page must be a whole number from 1 to {MAX_PER_PAGE}"
                    ))
                })?
            }
            "organization_id" if services => {
                q.organization_id = Some(
                    Uuid::try_parse(value).map_err(|_| bad("organization_id must be a UUID"))?,
                )
            }
            // Other HSDS parameters (search, taxonomy_id, modified_after, …) are not
            // offered: an answer that ignored them would look filtered and not be.
            _ => {
                return Err(bad(if services {
                    "unsupported query parameter: /api/hsds/services reads page, per_page and organization_id"
                } else {
                    "unsupported query parameter: /api/hsds/organizations reads page and per_page"
                }))
            }
        }
    }
    Ok(q)
}

fn paged<T: serde::Serialize>(all: Vec<T>, q: &ListQuery) -> Response {
    match hsds::page(all, q.page, q.per_page) {
        Ok(page) => Json(page).into_response(),
        Err(e) => json_error(
            StatusCode::NOT_FOUND,
            &format!(
                "there is no page {}: there are {} at per_page={}",
                q.page, e.total_pages, q.per_page
            ),
        ),
    }
}

/// `GET /api/hsds/services?page=&per_page=&organization_id=`
pub async fn hsds_services(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let q = match list_query(raw.as_deref(), true) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let site = state.snapshot();
    paged(hsds::services(&site.content, q.organization_id), &q)
}

/// `GET /api/hsds/organizations?page=&per_page=`
pub async fn hsds_organizations(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Response {
    let q = match list_query(raw.as_deref(), false) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let site = state.snapshot();
    paged(hsds::organizations(&site.content, &site.i18n), &q)
}

fn uuid_of(id: Result<Path<String>, PathRejection>) -> Result<Uuid, Response> {
    let Ok(Path(id)) = id else {
        return Err(bad("the id could not be read"));
    };
    Uuid::try_parse(id.trim()).map_err(|_| bad("the id must be a UUID"))
}

/// `GET /api/hsds/services/{id}`
pub async fn hsds_service(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let id = match uuid_of(id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let site = state.snapshot();
    match hsds::service_by_id(&site.content, &site.i18n, id, today()) {
        Some(s) => Json(s).into_response(),
        None if hsds::is_organization(&site.content, id) => json_error(
            StatusCode::NOT_FOUND,
            "no service has this id; it is an organization's (/api/hsds/organizations/{id})",
        ),
        None => json_error(StatusCode::NOT_FOUND, "no service has this id"),
    }
}

/// `GET /api/hsds/organizations/{id}`
pub async fn hsds_organization(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let id = match uuid_of(id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let site = state.snapshot();
    match hsds::organization_by_id(&site.content, &site.i18n, id) {
        Some(o) => Json(o).into_response(),
        None => json_error(StatusCode::NOT_FOUND, "no organization has this id"),
    }
}

fn calendar(site: &Site, courses: &[&crate::content::model::Item]) -> Response {
    let name = format!(
        "{} – {}",
        site.i18n.t(Lang::DEFAULT, "nav-courses"),
        site.content.site.name
    );
    with_type(
        "text/calendar; charset=utf-8",
        ical::calendar(&site.content.site, &name, courses, today()),
    )
}

/// `GET /kurser.ics`: every upcoming session of every course.
pub async fn all_courses_calendar(State(state): State<AppState>) -> Response {
    let site = state.snapshot();
    let courses: Vec<_> = site.content.of_kind(Lang::DEFAULT, Kind::Kursus).collect();
    calendar(&site, &courses)
}

/// `GET /kurser/{slug}.ics`: one course's upcoming sessions (none: an empty calendar).
pub async fn course_calendar(
    State(state): State<AppState>,
    file: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    let site = state.snapshot();
    let course = file.ok().and_then(|Path(file)| {
        let slug = file.strip_suffix(".ics")?;
        site.content
            .get(Lang::DEFAULT, slug)
            .filter(|i| i.kind == Kind::Kursus)
    });
    match course {
        Some(item) => calendar(&site, &[item]),
        None => not_found(&site, Lang::DEFAULT, &headers),
    }
}

/// `GET /sitemap.xml`
pub async fn sitemap(State(state): State<AppState>) -> Response {
    let site = state.snapshot();
    let xml = site.sitemap.get_or_init(|| sitemap::sitemap(&site.content));
    with_type("application/xml; charset=utf-8", xml.clone())
}

/// `GET /robots.txt`
pub async fn robots(State(state): State<AppState>) -> Response {
    with_type(
        "text/plain; charset=utf-8",
        sitemap::robots(&state.snapshot().content),
    )
}
