//! Operations metrics in the Prometheus text format, served on their own address
//! (`serve --metrics-addr 127.0.0.1:9184`; off unless asked for).
//!
//! They count what the site does, never who did it: every label value is one the site
//! itself defines (a route *pattern* such as `/{segment}`, a status code, a language of the
//! registry, a kind, a guide outcome id, an acute category id, a content hash). Nothing a
//! person typed, no address, no path, no header ever becomes a label or a value.
//!
//! Every request is counted (by the front layer): its labels are `&'static str` and
//! integers, so counting allocates nothing once a route has been seen. Handlers that search or answer
//! in the guide say what happened in a response extension ([`Observed`]); the layer counts
//! it, so no handler needs the registry.

use crate::lang::Lang;
use axum::http::Method;
use axum::response::Response;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::sync::{Mutex, RwLock};
use std::time::Duration;

/// The route label of a request no route matched (the 404 fallback).
const NO_ROUTE: &str = "(no route)";
/// Past this many distinct patterns (never, with the route table as it is) new ones are
/// counted together, so the table cannot grow without bound.
const MAX_ROUTES: usize = 256;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: &'static str,
    method: &'static str,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResultLabels {
    result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LangLabels {
    lang: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabels {
    kind: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CategoryLabels {
    category: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VersionLabels {
    version: String,
}

/// What a handler tells the metrics layer about its answer (a response extension).
/// Only ids the content defines go in here, never the words that led to them.
#[derive(Clone, Debug, Default)]
pub struct Observed {
    /// A search was run (a query was given) in this language, with this many hits.
    pub search: Option<(Lang, usize)>,
    /// The guide ended at this outcome (its id in `outcomes.toml`).
    pub outcome: Option<String>,
    /// Acute help was shown for this category (its id in `content/akut/`).
    pub acute: Option<String>,
}

impl Observed {
    /// Puts this on a response for the metrics layer to count.
    pub fn on(self, mut response: Response) -> Response {
        response.extensions_mut().insert(self);
        response
    }
}

fn request_duration() -> Histogram {
    // 0.5 ms to about 4 s.
    Histogram::new(exponential_buckets(0.0005, 2.0, 14))
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    duration: Family<RouteLabels, Histogram, fn() -> Histogram>,
    reloads: Family<ResultLabels, Counter>,
    outcomes: Family<OutcomeLabels, Counter>,
    acute: Family<CategoryLabels, Counter>,
    searches: Family<LangLabels, Counter>,
    zero_results: Counter,
    content_version: Family<VersionLabels, Gauge>,
    items: Family<KindLabels, Gauge>,
    /// One scrape at a time: the content gauges are set from the snapshot, then encoded.
    scrape: Mutex<()>,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("findhjaelp");
        let requests = Family::<RequestLabels, Counter>::default();
        let duration = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            request_duration,
        );
        let reloads = Family::<ResultLabels, Counter>::default();
        let outcomes = Family::<OutcomeLabels, Counter>::default();
        let acute = Family::<CategoryLabels, Counter>::default();
        let searches = Family::<LangLabels, Counter>::default();
        let zero_results = Counter::default();
        let content_version = Family::<VersionLabels, Gauge>::default();
        let items = Family::<KindLabels, Gauge>::default();
        registry.register(
            "http_requests",
            "HTTP requests by route pattern, method and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request, by route pattern",
            duration.clone(),
        );
        registry.register(
            "content_reloads",
            "Content reloads by result (ok: swapped in; refused: errors, the old version kept)",
            reloads.clone(),
        );
        registry.register(
            "guide_outcomes",
            "Guide answers by outcome id",
            outcomes.clone(),
        );
        registry.register(
            "acute_answers",
            "Answers that showed acute help first, by acute category",
            acute.clone(),
        );
        registry.register("searches", "Searches by language", searches.clone());
        registry.register(
            "searches_zero_results",
            "Searches that found nothing",
            zero_results.clone(),
        );
        registry.register(
            "content_version",
            "The content being served (a hash of its files); always 1",
            content_version.clone(),
        );
        registry.register(
            "content_items",
            "Published items by kind (master language)",
            items.clone(),
        );
        Metrics {
            registry,
            requests,
            duration,
            reloads,
            outcomes,
            acute,
            searches,
            zero_results,
            content_version,
            items,
            scrape: Mutex::new(()),
        }
    }

    fn request(&self, route: &'static str, method: &'static str, status: u16, took: Duration) {
        self.requests
            .get_or_create(&RequestLabels {
                route,
                method,
                status,
            })
            .inc();
        self.duration
            .get_or_create(&RouteLabels { route })
            .observe(took.as_secs_f64());
    }

    fn observed(&self, o: &Observed) {
        if let Some((lang, hits)) = o.search {
            self.searches
                .get_or_create(&LangLabels { lang: lang.code() })
                .inc();
            if hits == 0 {
                self.zero_results.inc();
            }
        }
        if let Some(outcome) = &o.outcome {
            self.outcomes
                .get_or_create(&OutcomeLabels {
                    outcome: outcome.clone(),
                })
                .inc();
        }
        if let Some(category) = &o.acute {
            self.acute
                .get_or_create(&CategoryLabels {
                    category: category.clone(),
                })
                .inc();
        }
    }

    /// A content reload was tried: `ok` when the new content went live.
    pub fn reloaded(&self, ok: bool) {
        let result = if ok { "ok" } else { "refused" };
        self.reloads.get_or_create(&ResultLabels { result }).inc();
    }

    /// Everything, in the Prometheus text format (0.0.4), with the content gauges from
    /// `content` (read from the live site by the scrape handler, `crate::web::metrics`).
    pub fn render(&self, content: &ContentGauges) -> String {
        let _one = self.scrape.lock().unwrap_or_else(|e| e.into_inner());
        self.content_version.clear();
        self.content_version
            .get_or_create(&VersionLabels {
                version: content.version.clone(),
            })
            .set(1);
        for (kind, count) in &content.items {
            self.items
                .get_or_create(&KindLabels { kind })
                .set(*count as i64);
        }
        // Every series a dashboard may ask for exists from the start, at 0 until it
        // happens (a rate over a missing series is no rate). All from the content.
        for result in ["ok", "refused"] {
            let _ = self.reloads.get_or_create(&ResultLabels { result });
        }
        for lang in &content.langs {
            let _ = self.searches.get_or_create(&LangLabels { lang });
        }
        for outcome in &content.outcomes {
            let _ = self.outcomes.get_or_create(&OutcomeLabels {
                outcome: outcome.clone(),
            });
        }
        for category in &content.categories {
            let _ = self.acute.get_or_create(&CategoryLabels {
                category: category.clone(),
            });
        }
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::prometheus_text::encode(&mut out, &self.registry);
        out
    }
}

/// What the content gauges show: the live site's version, items per kind, and every value
/// a label can take (so each series exists from the start).
pub struct ContentGauges {
    pub version: String,
    pub items: Vec<(&'static str, usize)>,
    pub langs: Vec<&'static str>,
    pub outcomes: Vec<String>,
    pub categories: Vec<String>,
}

/// The route pattern as a `&'static str`: each pattern of the route table is copied once
/// per process, so labelling a request allocates nothing.
fn route_label(path: Option<&str>) -> &'static str {
    static ROUTES: RwLock<Vec<&'static str>> = RwLock::new(Vec::new());
    let Some(path) = path else {
        return NO_ROUTE;
    };
    {
        let known = ROUTES.read().unwrap_or_else(|e| e.into_inner());
        if let Some(r) = known.iter().find(|r| **r == path) {
            return r;
        }
    }
    let mut known = ROUTES.write().unwrap_or_else(|e| e.into_inner());
    if let Some(r) = known.iter().find(|r| **r == path) {
        return r;
    }
    if known.len() >= MAX_ROUTES {
        return "(other)";
    }
    let leaked: &'static str = Box::leak(path.to_string().into_boxed_str());
    known.push(leaked);
    leaked
}

fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        _ => "other",
    }
}

impl Metrics {
    /// Counts one answered request by route pattern and status, its time, and what the
    /// handler observed (called by the front layer in `crate::web::middleware`, which is
    /// outermost, so overload (503), timeouts and panics are counted too, and for kept
    /// pages by `KeptFirst`, which answers them before routing).
    pub fn answered(
        &self,
        route: Option<&str>,
        method: &Method,
        response: &Response,
        took: Duration,
    ) {
        self.request(
            route_label(route),
            method_label(method),
            response.status().as_u16(),
            took,
        );
        if let Some(o) = response.extensions().get::<Observed>() {
            self.observed(o);
        }
    }
}
