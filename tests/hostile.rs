//! Hostile input never breaks the server: arbitrary strings to search, the guide and
//! path segments give 2xx/3xx/4xx with well-formed bodies, never a 5xx.
//! 4 properties × 3,000 cases = 12,000 cases per run.

mod common;
use axum::body::Body;
use axum::http::Request;
use common::*;
use proptest::prelude::*;
use std::sync::OnceLock;

fn shared_app() -> &'static findhjaelp::web::App {
    static APP: OnceLock<findhjaelp::web::App> = OnceLock::new();
    APP.get_or_init(app)
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    })
}

/// Strings people and attackers type: query syntax, markup, control characters, Danish, emoji.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zæøå *~:\"()+\\-^!?&%=#/\\\\<>]{0,40}",
        prop::sample::select(vec![
            "*",
            "AND",
            "OR NOT",
            "title:stien",
            "\"unclosed",
            "~2",
            "a~",
            "(((",
            "<script>alert(1)</script>",
            "%",
            "%zz",
            "%00",
            "../../etc/passwd",
            "selvmord",
            "ikke selvmord",
            "' OR 1=1 --",
            "\u{0}\u{1}\u{7f}",
            "🙂🙂🙂",
            "ﷺ",
            "\u{202e}",
            "a\r\nSet-Cookie: x=1",
        ])
        .prop_map(str::to_string),
    ]
}

fn check(uri: &str, req: Request<Body>) -> Result<(), TestCaseError> {
    let reply = runtime().block_on(send(shared_app(), req));
    prop_assert!(reply.status.as_u16() < 500, "{uri} gave {}", reply.status);
    prop_assert!(reply.header("set-cookie").is_none());
    if uri.starts_with("/api/") {
        prop_assert!(
            serde_json::from_str::<serde_json::Value>(&reply.body).is_ok(),
            "{uri}: not JSON: {}",
            reply.body
        );
    } else if reply
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/html"))
    {
        prop_assert!(
            reply.body.starts_with("<!DOCTYPE html>") && reply.body.trim_end().ends_with("</html>"),
            "{uri}: broken HTML"
        );
    }
    Ok(())
}

fn get_req(uri: &str) -> Option<Request<Body>> {
    Request::get(uri).body(Body::empty()).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn search_takes_any_query(q in nasty(), raw in any::<bool>()) {
        for base in ["/api/search?lang=da&q=", "/soeg?q=", "/en/search?q="] {
            // Half the cases send the text unencoded, as a broken client would.
            let uri = if raw { format!("{base}{q}") } else { format!("{base}{}", enc(&q)) };
            if let Some(req) = get_req(&uri) { check(&uri, req)?; }
        }
    }

    #[test]
    fn guide_takes_any_text(text in nasty()) {
        let uri = format!("/api/guide?lang=da&q={}", enc(&text));
        if let Some(req) = get_req(&uri) { check(&uri, req)?; }
        for path in ["/guide/chat", "/guide", "/en/guide"] {
            let body = format!("text={}&who={}&{}={}", enc(&text), enc(&text), enc(&text), enc(&text));
            let req = Request::post(path).header("content-type", "application/x-www-form-urlencoded").body(Body::from(body)).unwrap();
            check(path, req)?;
        }
    }

    #[test]
    fn any_path_segment_is_safe(seg in nasty()) {
        for prefix in ["/", "/en/", "/static/", "/tilbud?audience="] {
            let uri = format!("{prefix}{}", enc(&seg));
            if let Some(req) = get_req(&uri) { check(&uri, req)?; }
        }
    }

    #[test]
    fn api_parameters_are_checked(lang in nasty(), kind in nasty(), limit in nasty()) {
        let uri = format!("/api/search?q=angst&lang={}&kind={}&limit={}", enc(&lang), enc(&kind), enc(&limit));
        if let Some(req) = get_req(&uri) { check(&uri, req)?; }
        let uri = format!("/api/items?lang={}", enc(&lang));
        if let Some(req) = get_req(&uri) { check(&uri, req)?; }
    }
}

#[tokio::test]
async fn search_syntax_is_not_query_syntax() {
    let app = app();
    for q in ["*", "title:*", "\"\"", "*:*", "+-!()", "~"] {
        let r = get(&app, &format!("/api/search?lang=da&q={}", enc(q))).await;
        assert_eq!(r.status, 200, "{q}");
        assert_eq!(r.json()["total"], 0, "{q} must not return every document");
    }
    // Operators are plain words: "AND" may match words starting with "and" (anden, andre),
    // "~2" the number 2 (§ 2, 2026); never everything.
    let all = get(&app, "/api/items?lang=da")
        .await
        .json()
        .as_array()
        .unwrap()
        .len();
    for q in ["* AND *", "~2", "a~ OR b"] {
        let r = get(&app, &format!("/api/search?lang=da&q={}", enc(q))).await;
        assert!(r.json()["total"].as_u64().unwrap() < all as u64 / 2, "{q}");
    }
}

#[tokio::test]
async fn oversized_input_gets_a_clear_4xx() {
    let app = app();
    let long = "angst ".repeat(2000);
    let r = get(
        &app,
        &format!("/api/search?lang=da&q={}", enc(&long[..600])),
    )
    .await;
    assert_eq!(r.status, 400, "600-char query");
    assert!(r.json()["error"].as_str().unwrap().contains("500"));
    let r = get(&app, &format!("/soeg?q={}", enc(&long))).await;
    assert_eq!(r.status, 414, "10 KB URL");
    let big = format!("text={}", "a".repeat(64 * 1024));
    let r413 = post_form(&app, "/guide/chat", &big).await;
    assert_eq!(r413.status, 413, "64 KB body");
    assert!(r413.body.contains("<h1>"), "a page that explains");
    // Refusals carry the same security headers as pages.
    for refused in [&r, &r413] {
        assert!(refused
            .header("content-security-policy")
            .is_some_and(|v| v.contains("default-src 'self'")));
        assert_eq!(refused.header("referrer-policy"), Some("no-referrer"));
    }
    let r = get(&app, "/soeg?q=%E0%A4%A").await;
    assert_eq!(r.status, 400, "invalid percent-encoding");
    let r = get(&app, "/api/search?q=%ff%fe&lang=da").await;
    assert_eq!(r.status, 400, "invalid UTF-8");
    assert!(r.json()["error"].is_string());
}

#[test]
fn slow_clients_and_huge_headers_are_cut_off() {
    let server = Server::start(&[]);
    let big = "x".repeat(20 * 1024);
    let (status, _, _) = server.request("GET", "/", &[("X-Big", &big)], b"");
    assert!(status == 431 || status == 400, "huge header: {status}");
    // A client that never finishes its headers is disconnected (header read timeout).
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let started = std::time::Instant::now();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(25),
        "slow client was not cut off"
    );
    assert!(
        server.request("GET", "/healthz", &[], b"").0 == 200,
        "the server still serves others"
    );
}
