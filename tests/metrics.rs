//! Metrics that know no one (issue 12): the Prometheus exposition on its own address,
//! read with a strict parser, and never a trace of what a person sent (words, addresses,
//! paths, headers), through the router and through the real binary.

mod common;
use common::*;
use findhjaelp::content::model::{Kind, Lang};
use findhjaelp::reload::{self, ContentSource};
use findhjaelp::web::{router, AppState, Limits};
use std::collections::BTreeMap;

/// What a person might send: a word no page contains, an address, a name, a CPR-like
/// number and a phone number.
const UNIQUE: &str = "zqxvorbelplanke";
const ADDRESS: &str = "203.0.113.195";
const NAME: &str = "Kirstine Vestergaard-Lund";
const CPR: &str = "0102031234";
const PHONE: &str = "51423687";

fn personal_text() -> String {
    format!("{UNIQUE} jeg hedder {NAME} cpr {CPR} ring {PHONE} min mor slår mig")
}

fn assert_knows_no_one(metrics: &str) {
    let lower = metrics.to_lowercase();
    for secret in [
        UNIQUE,
        ADDRESS,
        "kirstine",
        "vestergaard",
        CPR,
        "010203",
        PHONE,
    ] {
        assert!(
            !lower.contains(&secret.to_lowercase()),
            "the metrics carry `{secret}`:\n{metrics}"
        );
    }
    // Route labels are patterns, never a raw path.
    for line in metrics.lines().filter(|l| l.contains("route=\"")) {
        let route = line
            .split("route=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(
            route == "(no route)"
                || route.starts_with('/') && (route.contains('{') || !route.contains("stien")),
            "{line}"
        );
    }
}

/// One parsed sample: name, labels, value.
#[derive(Debug, Clone)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

fn is_name(s: &str, colon: bool) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || (colon && c == ':'))
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || (colon && c == ':'))
}

/// A strict reader of the Prometheus text format 0.0.4: every line is a HELP, a TYPE or a
/// sample of a family declared before it; names, label syntax, escapes and values are
/// checked; histograms are cumulative and end in `+Inf` equal to `_count`.
fn parse_exposition(text: &str) -> (BTreeMap<String, String>, Vec<Sample>) {
    assert!(text.ends_with('\n'), "ends with a newline");
    let mut types: BTreeMap<String, String> = BTreeMap::new();
    let mut samples = Vec::new();
    for line in text.lines() {
        assert!(!line.is_empty(), "no empty lines");
        if let Some(rest) = line.strip_prefix("# HELP ") {
            let (name, help) = rest.split_once(' ').expect("HELP name text");
            assert!(is_name(name, true) && !help.is_empty(), "{line}");
            continue;
        }
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').expect("TYPE name type");
            assert!(is_name(name, true), "{line}");
            assert!(
                ["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind),
                "{line}"
            );
            assert!(
                types.insert(name.to_string(), kind.to_string()).is_none(),
                "{name} typed twice"
            );
            continue;
        }
        assert!(!line.starts_with('#'), "unknown comment line: {line}");
        let (series, value) = line.rsplit_once(' ').expect("sample: series value");
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("bad value in {line}")),
        };
        let (name, labels) = match series.split_once('{') {
            None => (series, BTreeMap::new()),
            Some((name, rest)) => {
                let body = rest
                    .strip_suffix('}')
                    .unwrap_or_else(|| panic!("unclosed labels: {line}"));
                (name, parse_labels(body, line))
            }
        };
        assert!(is_name(name, true), "{line}");
        let family = types
            .keys()
            .filter(|f| {
                name == f.as_str()
                    || ["_total", "_bucket", "_sum", "_count", "_created"]
                        .iter()
                        .any(|s| name.strip_suffix(s) == Some(f.as_str()))
            })
            .max_by_key(|f| f.len())
            .unwrap_or_else(|| panic!("sample before its TYPE: {line}"));
        if types[family] == "counter" {
            assert!(
                name.ends_with("_total"),
                "counter samples end in _total: {line}"
            );
            assert!(value >= 0.0, "{line}");
        }
        samples.push(Sample {
            name: name.to_string(),
            labels,
            value,
        });
    }
    check_histograms(&types, &samples);
    (types, samples)
}

fn parse_labels(body: &str, line: &str) -> BTreeMap<String, String> {
    let mut labels = BTreeMap::new();
    let mut rest = body;
    while !rest.is_empty() {
        let (name, after) = rest
            .split_once("=\"")
            .unwrap_or_else(|| panic!("label: {line}"));
        assert!(is_name(name, false), "label name {name:?}: {line}");
        let mut value = String::new();
        let mut chars = after.char_indices();
        let end = loop {
            match chars.next() {
                Some((_, '\\')) => match chars.next() {
                    Some((_, '\\')) => value.push('\\'),
                    Some((_, '"')) => value.push('"'),
                    Some((_, 'n')) => value.push('\n'),
                    other => panic!("bad escape {other:?}: {line}"),
                },
                Some((i, '"')) => break i,
                Some((_, c)) => value.push(c),
                None => panic!("unterminated label value: {line}"),
            }
        };
        assert!(
            labels.insert(name.to_string(), value).is_none(),
            "label twice: {line}"
        );
        rest = &after[end + 1..];
        rest = rest.strip_prefix(',').unwrap_or(rest);
    }
    labels
}

fn check_histograms(types: &BTreeMap<String, String>, samples: &[Sample]) {
    for (family, _) in types.iter().filter(|(_, t)| *t == "histogram") {
        let mut series: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
        let mut counts: BTreeMap<String, f64> = BTreeMap::new();
        for s in samples {
            let mut key_labels = s.labels.clone();
            let le = key_labels.remove("le");
            let key = format!("{key_labels:?}");
            if s.name == format!("{family}_bucket") {
                let le = le.expect("a bucket has le");
                let bound = if le == "+Inf" {
                    f64::INFINITY
                } else {
                    le.parse().expect("le")
                };
                series.entry(key).or_default().push((bound, s.value));
            } else if s.name == format!("{family}_count") {
                counts.insert(key, s.value);
            }
        }
        for (key, buckets) in &series {
            assert!(
                buckets.windows(2).all(|w| w[0].0 < w[1].0),
                "{family}{key}: le ascending"
            );
            assert!(
                buckets.windows(2).all(|w| w[0].1 <= w[1].1),
                "{family}{key}: cumulative"
            );
            let last = buckets.last().unwrap();
            assert_eq!(last.0, f64::INFINITY, "{family}{key}: ends at +Inf");
            assert_eq!(
                Some(&last.1),
                counts.get(key),
                "{family}{key}: +Inf equals _count"
            );
        }
    }
}

fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> f64 {
    samples
        .iter()
        .filter(|s| {
            s.name == name
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.value)
        .sum()
}

/// The requests a person might make with personal text: the search page and API in two
/// languages, the guide chat, the guide API and a page that does not exist.
async fn personal_requests(app: &findhjaelp::web::App) {
    let text = enc(&personal_text());
    for uri in [
        format!("/soeg?q={text}"),
        format!("/en/search?q={text}"),
        format!("/api/search?q={text}&lang=da"),
        format!("/api/guide?q={text}"),
        format!("/{UNIQUE}-{PHONE}"),
        format!("/en/{UNIQUE}?navn={text}"),
        format!("/api/hsds/services/{UNIQUE}"),
        format!("/kurser/{UNIQUE}.ics"),
    ] {
        let req = axum::http::Request::get(uri.as_str())
            .header("x-forwarded-for", ADDRESS)
            .header("x-real-ip", ADDRESS)
            .header("user-agent", format!("{UNIQUE}-browser"))
            .header("referer", format!("https://example.org/{UNIQUE}"))
            .body(axum::body::Body::empty())
            .unwrap();
        let r = send(app, req).await;
        assert!(r.status.as_u16() < 500, "{uri}");
    }
    let r = post_form(app, "/guide/chat", &format!("text={text}")).await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn the_metrics_know_no_one() {
    let state = AppState::shared(default_site());
    let app = router(state.clone(), &Limits::default());
    let metrics = findhjaelp::web::metrics::router(state);
    personal_requests(&app).await;
    let r = get(&metrics, "/metrics").await;
    assert_eq!(r.status, 200);
    assert_knows_no_one(&r.body);
    // Not an empty page that passes by saying nothing: the requests were counted.
    let (_, samples) = parse_exposition(&r.body);
    assert_eq!(
        value(&samples, "findhjaelp_searches_total", &[("lang", "da")]),
        2.0
    );
    assert_eq!(
        value(&samples, "findhjaelp_searches_total", &[("lang", "en")]),
        1.0
    );
    assert!(
        value(&samples, "findhjaelp_acute_answers_total", &[]) >= 1.0,
        "{}",
        r.body
    );
    assert!(
        value(&samples, "findhjaelp_guide_outcomes_total", &[]) >= 1.0,
        "{}",
        r.body
    );
    assert_eq!(
        value(
            &samples,
            "findhjaelp_http_requests_total",
            &[("route", "/{segment}"), ("status", "404")]
        ),
        1.0
    );
}

#[test]
fn the_real_binary_serves_metrics_only_on_its_own_address_and_knows_no_one() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let metrics_addr = format!("127.0.0.1:{port}");
    let server = Server::start(&["--metrics-addr", &metrics_addr]);
    let text = enc(&personal_text());
    let headers = [
        ("X-Forwarded-For", ADDRESS),
        ("Forwarded", "for=203.0.113.195"),
        ("User-Agent", "zqxvorbelplanke/1.0"),
    ];
    for path in [
        format!("/soeg?q={text}"),
        format!("/api/guide?q={text}"),
        format!("/{UNIQUE}"),
    ] {
        let (status, _, _) = server.request("GET", &path, &headers, b"");
        assert!(status > 0 && status < 500, "{path}");
    }
    let body = format!("text={text}");
    let (status, _, _) = server.request("POST", "/guide/chat", &headers, body.as_bytes());
    assert_eq!(status, 200);
    // The public address has no metrics.
    let (status, _, _) = server.request("GET", "/metrics", &[], b"");
    assert_eq!(status, 404);
    // The metrics address has them.
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("metrics listen");
    use std::io::{Read, Write};
    stream
        .write_all(b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    let (head, body) = out.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        head.to_lowercase()
            .contains("content-type: text/plain; version=0.0.4"),
        "{head}"
    );
    // hyper may send the body chunked; the metrics must be in it either way.
    assert!(
        body.contains("findhjaelp_searches_total{lang=\"da\"} 1"),
        "{body}"
    );
    assert_knows_no_one(body);
    let (_, log) = server.stop_with_log();
    assert!(log.contains("route="), "the access log is on:\n{log}");
    assert_knows_no_one(&log);
}

#[tokio::test]
async fn the_exposition_parses_strictly_and_counts_what_happened() {
    let site = default_site();
    let state = AppState::shared(site.clone());
    let app = router(state.clone(), &Limits::default());
    let metrics = findhjaelp::web::metrics::router(state);
    for uri in [
        "/stien",
        "/familieraadgivningen",
        "/stien",
        "/api/hsds/services",
        "/soeg?q=zzzzqqqq",
    ] {
        get(&app, uri).await;
    }
    // One whole walk through the guide's questions to an outcome.
    let (answers, outcome) = site.guide.all_paths().into_iter().next().unwrap();
    let form: Vec<String> = answers
        .iter()
        .flat_map(|(q, values)| values.iter().map(move |v| format!("a.{q}={}", enc(v))))
        .collect();
    let r = get(&app, &format!("/guide?{}", form.join("&"))).await;
    assert_eq!(r.status, 200);
    let r = get(&metrics, "/metrics").await;
    assert_eq!(
        r.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let (types, samples) = parse_exposition(&r.body);
    for (family, kind) in [
        ("findhjaelp_http_requests", "counter"),
        ("findhjaelp_http_request_duration_seconds", "histogram"),
        ("findhjaelp_content_reloads", "counter"),
        ("findhjaelp_guide_outcomes", "counter"),
        ("findhjaelp_acute_answers", "counter"),
        ("findhjaelp_searches", "counter"),
        ("findhjaelp_searches_zero_results", "counter"),
        ("findhjaelp_content_version", "gauge"),
        ("findhjaelp_content_items", "gauge"),
    ] {
        let declared = types
            .get(family)
            .or_else(|| types.get(&format!("{family}_total")));
        assert_eq!(
            declared.map(String::as_str),
            Some(kind),
            "{family}: {types:?}"
        );
    }
    // Requests by route pattern: three item pages are one pattern.
    assert_eq!(
        value(
            &samples,
            "findhjaelp_http_requests_total",
            &[
                ("route", "/{segment}"),
                ("method", "GET"),
                ("status", "200")
            ]
        ),
        4.0,
        "three item pages and one search page"
    );
    assert_eq!(
        value(
            &samples,
            "findhjaelp_http_request_duration_seconds_count",
            &[("route", "/{segment}")]
        ),
        4.0
    );
    assert_eq!(
        value(
            &samples,
            "findhjaelp_http_requests_total",
            &[("route", "/api/hsds/services")]
        ),
        1.0
    );
    assert_eq!(
        value(&samples, "findhjaelp_searches_zero_results_total", &[]),
        1.0
    );
    let outcomes: Vec<&Sample> = samples
        .iter()
        .filter(|s| s.name == "findhjaelp_guide_outcomes_total" && s.value > 0.0)
        .collect();
    assert_eq!(outcomes.len(), 1, "{outcomes:?}");
    // Every outcome and acute category has its series from the start, and no other
    // label value than the content's own ids ever appears.
    let labelled = |name: &str, label: &str| -> std::collections::BTreeSet<String> {
        samples
            .iter()
            .filter(|s| s.name == name)
            .map(|s| s.labels[label].clone())
            .collect()
    };
    let outcome_ids: std::collections::BTreeSet<String> =
        site.guide.outcomes().iter().map(|o| o.id.clone()).collect();
    assert_eq!(
        labelled("findhjaelp_guide_outcomes_total", "outcome"),
        outcome_ids
    );
    let categories: std::collections::BTreeSet<String> = site
        .safety
        .categories()
        .iter()
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(
        labelled("findhjaelp_acute_answers_total", "category"),
        categories
    );
    let langs: std::collections::BTreeSet<String> = site
        .content
        .site
        .languages
        .langs()
        .map(|l| l.code().to_string())
        .collect();
    assert_eq!(labelled("findhjaelp_searches_total", "lang"), langs);
    assert_eq!(outcomes[0].labels["outcome"], outcome);
    assert_eq!(outcomes[0].value, 1.0);
    // The content: its version and its items by kind.
    assert_eq!(
        value(
            &samples,
            "findhjaelp_content_version",
            &[("version", &site.version)]
        ),
        1.0
    );
    assert_eq!(site.version.len(), 12);
    for kind in Kind::ALL {
        assert_eq!(
            value(&samples, "findhjaelp_content_items", &[("kind", kind.id())]),
            site.content.of_kind(Lang::DEFAULT, kind).count() as f64,
            "{kind:?}"
        );
    }
}

#[tokio::test]
async fn reload_results_are_counted() {
    let dir = content_dir();
    let source = ContentSource::Folder(dir.path().to_path_buf());
    let state = AppState::new(source.build(i18n()).expect("content builds"));
    let metrics = findhjaelp::web::metrics::router(state.clone());
    let first = get(&metrics, "/metrics").await.body;
    assert!(reload::reload(&state, &source).is_ok());
    let path = dir.path().join("tilbud/ssp.da.md");
    std::fs::write(&path, "+++\ntitle = \n+++\n").unwrap();
    assert!(reload::reload(&state, &source).is_err());
    let (_, samples) = parse_exposition(&get(&metrics, "/metrics").await.body);
    assert_eq!(
        value(
            &samples,
            "findhjaelp_content_reloads_total",
            &[("result", "ok")]
        ),
        1.0
    );
    assert_eq!(
        value(
            &samples,
            "findhjaelp_content_reloads_total",
            &[("result", "refused")]
        ),
        1.0
    );
    let (_, before) = parse_exposition(&first);
    assert_eq!(value(&before, "findhjaelp_content_reloads_total", &[]), 0.0);
}
