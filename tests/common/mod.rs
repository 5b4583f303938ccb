//! Shared test helpers: the real router over real content, spoken to with real HTTP requests.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use findhjaelp::i18n::I18n;
use findhjaelp::site::Site;
use findhjaelp::source::{embedded_files, read_folder, SourceFile};
use findhjaelp::web::{router, AppState, Limits};
use http_body_util::BodyExt;
use std::path::Path;
use std::sync::Arc;
use tower::ServiceExt;

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn i18n() -> Arc<I18n> {
    Arc::new(I18n::embedded().expect("built-in translations load"))
}

pub fn site_from(files: &[SourceFile]) -> Site {
    match Site::build(files.to_vec(), i18n(), today()) {
        Ok(site) => site,
        Err(problems) => panic!("content has errors: {problems:#?}"),
    }
}

/// The site over the built-in default content, built once per test binary (building it
/// trains the safety layer's model and renders every page: seconds in a debug build).
pub fn default_site() -> Arc<Site> {
    static SITE: std::sync::OnceLock<Arc<Site>> = std::sync::OnceLock::new();
    SITE.get_or_init(|| Arc::new(site_from(&embedded_files())))
        .clone()
}

/// The app over the built-in default content.
pub fn app() -> findhjaelp::web::App {
    router(AppState::shared(default_site()), &Limits::default())
}

pub fn app_with_shared(site: Arc<Site>) -> findhjaelp::web::App {
    router(AppState::shared(site), &Limits::default())
}

pub fn app_with(site: Site) -> findhjaelp::web::App {
    router(AppState::new(site), &Limits::default())
}

/// The built-in content's files, with some replaced or added (path, text).
pub fn embedded_with(changes: &[(&str, &str)]) -> Vec<SourceFile> {
    let mut files = embedded_files();
    for (path, text) in changes {
        files.retain(|f| f.path != *path);
        files.push(SourceFile {
            path: path.to_string(),
            text: text.to_string(),
        });
    }
    files
}

/// The built-in content with a fixture folder (`tests/fixtures/<name>/`) laid over it.
pub fn embedded_with_fixture(name: &str) -> Vec<SourceFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let extra = folder_files(&dir);
    let mut files = embedded_files();
    files.retain(|f| !extra.iter().any(|e| e.path == f.path));
    files.extend(extra);
    files
}

pub fn folder_files(dir: &Path) -> Vec<SourceFile> {
    read_folder(dir).expect("folder reads").0
}

/// Writes the built-in content into a fresh temporary folder.
pub fn content_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in embedded_files() {
        let path = dir.path().join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.text).unwrap();
    }
    dir
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// The site's app, or another router (the metrics endpoint's).
pub trait Served:
    tower::Service<Request<Body>, Response = Response<Body>, Error = std::convert::Infallible> + Clone
{
}

impl<S> Served for S where
    S: tower::Service<Request<Body>, Response = Response<Body>, Error = std::convert::Infallible>
        + Clone
{
}

pub async fn send(app: &impl Served, req: Request<Body>) -> Reply {
    let res: Response<Body> = app.clone().oneshot(req).await.expect("router answers");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get(app: &impl Served, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

pub async fn post_form(app: &findhjaelp::web::App, uri: &str, form: &str) -> Reply {
    let req = Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(form.to_string()))
        .unwrap();
    send(app, req).await
}

/// Percent-encodes a query value.
/// The slugs `/api/search` returns for `q` in `lang` (`extra`: more query parameters).
#[allow(dead_code)] // not every test binary searches
pub async fn search_slugs(
    app: &findhjaelp::web::App,
    lang: &str,
    q: &str,
    extra: &str,
) -> Vec<String> {
    let r = get(app, &format!("/api/search?lang={lang}&q={}{extra}", enc(q))).await;
    assert_eq!(r.status, 200, "{q}");
    r.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["slug"].as_str().unwrap().to_string())
        .collect()
}

pub fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The real binary running on a free loopback port, its log captured.
pub struct Server {
    pub port: u16,
    child: std::process::Child,
    log: Arc<std::sync::Mutex<String>>,
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        use std::io::BufRead;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = format!("127.0.0.1:{port}");
        let mut args = vec!["serve", "--addr", &addr];
        args.extend_from_slice(extra);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_findhjaelp"))
            .args(&args)
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("server starts");
        let log = Arc::new(std::sync::Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                let mut l = sink.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let server = Server { port, child, log };
        // A debug build loads the site in seconds; on a busy 2-core machine, many more.
        for _ in 0..1200 {
            if server
                .try_request("GET", "/healthz", &[], b"")
                .is_ok_and(|r| r.0 == 200)
            {
                return server;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("server did not come up; log:\n{}", server.log());
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// One raw HTTP/1.1 request: (status, head, body).
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, String, String) {
        self.try_request(method, path, headers, body)
            .expect("request succeeds")
    }

    pub fn try_request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<(u16, String, String)> {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port))?;
        s.set_read_timeout(Some(std::time::Duration::from_secs(20)))?;
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        s.write_all(req.as_bytes())?;
        s.write_all(body)?;
        let mut out = Vec::new();
        s.read_to_end(&mut out)?;
        let text = String::from_utf8_lossy(&out).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Ok((status, head.to_string(), body.to_string()))
    }

    /// Stops the server and returns its whole log (the server writes its log lines every
    /// 100 ms, and the rest when it ends).
    pub fn stop_with_log(self) -> (std::process::ExitStatus, String) {
        let log = self.log.clone();
        let status = self.stop();
        let text = log.lock().unwrap().clone();
        (status, text)
    }

    /// Sends SIGTERM and waits for the process to end.
    pub fn stop(mut self) -> std::process::ExitStatus {
        let _ = std::process::Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let status = self.child.wait().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A file under tests/data/.
pub fn data_file(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Scores a guide case file (see `findhjaelp::cases`) through `/api/guide` over HTTP.
pub async fn run_guide_cases(app: &findhjaelp::web::App, path: &Path) -> findhjaelp::cases::Report {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases =
        findhjaelp::cases::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut answers = Vec::with_capacity(cases.len());
    for case in &cases {
        let r = get(
            app,
            &format!("/api/guide?q={}&lang={}", enc(&case.text), case.lang),
        )
        .await
        .json();
        answers.push(findhjaelp::cases::Answer {
            slugs: r["recommendations"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x["slug"].as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
            acute: r["acute"].as_bool().unwrap_or(false),
            category: r["acute_category"].as_str().map(String::from),
        });
    }
    let mut next = answers.into_iter();
    findhjaelp::cases::score(&cases, 3, |_| next.next().unwrap_or_default())
}
