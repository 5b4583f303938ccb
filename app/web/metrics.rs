//! The metrics address's only route, `GET /metrics` (see [`crate::metrics`]).

use super::AppState;
use crate::content::model::{Kind, Lang};
use crate::metrics::ContentGauges;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The router of the metrics address (`serve --metrics-addr`).
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(state)
}

async fn scrape(State(state): State<AppState>) -> Response {
    let site = state.snapshot();
    let gauges = ContentGauges {
        version: site.version.clone(),
        items: Kind::ALL
            .into_iter()
            .map(|kind| (kind.id(), site.content.of_kind(Lang::DEFAULT, kind).count()))
            .collect(),
        langs: site
            .content
            .site
            .languages
            .langs()
            .map(|l| l.code())
            .collect(),
        outcomes: site.guide.outcomes().iter().map(|o| o.id.clone()).collect(),
        categories: site
            .safety
            .categories()
            .iter()
            .map(|c| c.id.clone())
            .collect(),
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(
                    prometheus_client::encoding::prometheus_text::CONTENT_TYPE,
                ),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        state.metrics.render(&gauges),
    )
        .into_response()
}
