//! Anonymity: the server's log never carries an address, a query string or what someone typed,
//! and no response sets a cookie.

mod common;
use common::*;

const SECRET_WORDS: &[&str] = &[
    "Mette",
    "Hansen",
    "010203-1234",
    "slaar",
    "slår",
    "Ali",
    "Kirkevej",
    "hemmelig",
];

#[test]
fn the_log_holds_no_addresses_queries_or_typed_text() {
    let server = Server::start(&[]);
    let requests: Vec<(&str, String, Vec<(&str, &str)>, String)> = vec![
        (
            "GET",
            format!(
                "/soeg?q={}",
                enc("Mette Hansen 010203-1234 min far slår mig")
            ),
            vec![],
            String::new(),
        ),
        (
            "GET",
            format!("/api/search?q={}&lang=da", enc("Ali hemmelig Kirkevej 12")),
            vec![],
            String::new(),
        ),
        (
            "GET",
            "/mette-hansen-010203-1234".to_string(),
            vec![("X-Forwarded-For", "203.0.113.77")],
            String::new(),
        ),
        (
            "GET",
            "/en/ali-hemmelig".to_string(),
            vec![("Referer", "http://198.51.100.9/Mette")],
            String::new(),
        ),
        (
            "POST",
            "/guide/chat".to_string(),
            vec![("Content-Type", "application/x-www-form-urlencoded")],
            format!(
                "text={}",
                enc("Jeg hedder Ali, min far slår mig på Kirkevej")
            ),
        ),
        (
            "GET",
            format!(
                "/api/guide?q={}&lang=da",
                enc("Mette er 14 og min far slår mig")
            ),
            vec![],
            String::new(),
        ),
        (
            "GET",
            "/tilbud?audience=unge&age=14".to_string(),
            vec![],
            String::new(),
        ),
    ];
    for (method, path, headers, body) in &requests {
        let (status, head, _) = server.request(method, path, headers, body.as_bytes());
        assert!(status > 0 && status < 500, "{method} {path}: {status}");
        assert!(
            !head.to_ascii_lowercase().contains("set-cookie"),
            "{path} sets a cookie"
        );
    }
    let (status, log) = server.stop_with_log();
    assert!(
        status.success(),
        "SIGTERM ends the server cleanly: {status:?}\n{log}"
    );
    assert!(
        log.contains("route="),
        "the access log is on, so this test can see it:\n{log}"
    );
    for word in SECRET_WORDS {
        assert!(!log.contains(word), "the log contains {word:?}:\n{log}");
    }
    assert!(
        !log.contains('?'),
        "the log contains a query string:\n{log}"
    );
    let has_ip = log
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .any(|tok| {
            let parts: Vec<&str> = tok.split('.').collect();
            parts.len() == 4 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3)
        });
    assert!(!has_ip, "the log contains an IP address:\n{log}");
}
