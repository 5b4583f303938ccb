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
    match Site::build(files, i18n(), today()) {
        Ok(site) => site,
        Err(problems) => panic!("content has errors: {problems:#?}"),
    }
}

/// The app over the built-in default content.
pub fn app() -> axum::Router {
    app_with(site_from(&embedded_files()))
}

pub fn app_with(site: Site) -> axum::Router {
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

pub async fn send(app: &axum::Router, req: Request<Body>) -> Reply {
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

pub async fn get(app: &axum::Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

pub async fn post_form(app: &axum::Router, uri: &str, form: &str) -> Reply {
    let req = Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(form.to_string()))
        .unwrap();
    send(app, req).await
}

/// Percent-encodes a query value.
pub fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
