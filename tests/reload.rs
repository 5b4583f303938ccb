//! Content that staff save while the site runs: valid changes appear, broken ones are
//! reported while the last good version keeps being served, and no request fails during a swap.

mod common;
use common::*;
use findhjaelp::reload::{reload, ContentSource};
use findhjaelp::web::{router, AppState, Limits};
use std::time::Duration;

fn edit(dir: &std::path::Path, path: &str, from: &str, to: &str) {
    let file = dir.join(path);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "{path} contains {from:?}");
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

fn ssp_title(dir: &std::path::Path) -> String {
    let text = std::fs::read_to_string(dir.join("tilbud/ssp.da.md")).unwrap();
    text.lines()
        .find(|l| l.starts_with("title = "))
        .unwrap()
        .trim_start_matches("title = ")
        .trim_matches('"')
        .to_string()
}

#[tokio::test]
async fn a_valid_change_appears_and_a_broken_one_is_refused() {
    let dir = content_dir();
    let source = ContentSource::Folder(dir.path().to_path_buf());
    let state = AppState::new(source.build(i18n()).unwrap());
    let app = router(state.clone(), &Limits::default());
    let old_title = ssp_title(dir.path());

    edit(
        dir.path(),
        "tilbud/ssp.da.md",
        &old_title,
        "SSP – nyt navn fra redaktionen",
    );
    assert!(reload(&state, &source).is_ok());
    let r = get(&app, "/ssp").await;
    assert!(
        r.body.contains("SSP – nyt navn fra redaktionen"),
        "the change is live"
    );
    let s = get(&app, "/api/search?q=redaktionen&lang=da").await.json();
    assert_eq!(
        s["results"][0]["slug"], "ssp",
        "the search index was rebuilt too"
    );

    // A broken save: the errors name the file and line; the old version stays.
    edit(
        dir.path(),
        "tilbud/ssp.da.md",
        "\nreviewed = ",
        "\nreview_months = \"tolv\"\nreviewed = ",
    );
    let problems = reload(&state, &source).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.is_error() && p.path == "tilbud/ssp.da.md" && p.line > 1),
        "{problems:?}"
    );
    let r = get(&app, "/ssp").await;
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains("SSP – nyt navn fra redaktionen"),
        "the last good version is still served"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_during_swaps_all_succeed() {
    let dir = content_dir();
    let source = ContentSource::Folder(dir.path().to_path_buf());
    let state = AppState::new(source.build(i18n()).unwrap());
    let app = router(state.clone(), &Limits::default());
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut clients = Vec::new();
    for n in 0..4 {
        let (app, stop) = (app.clone(), stop.clone());
        clients.push(tokio::spawn(async move {
            let mut count = 0;
            let uris = [
                "/ssp",
                "/",
                "/api/search?q=angst&lang=da",
                "/tilbud",
                "/en/stien",
            ];
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let uri = uris[(count + n) % uris.len()];
                let r = get(&app, uri).await;
                assert_eq!(r.status, 200, "{uri} during a swap");
                assert!(r.body.len() > 100);
                count += 1;
            }
            count
        }));
    }
    for i in 0..8 {
        let old = ssp_title(dir.path());
        edit(
            dir.path(),
            "tilbud/ssp.da.md",
            &old,
            &format!("SSP version {i}"),
        );
        let (state, source) = (state.clone(), source.clone());
        tokio::task::spawn_blocking(move || reload(&state, &source))
            .await
            .unwrap()
            .unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut total = 0;
    for c in clients {
        total += c.await.expect("no client saw a failure");
    }
    assert!(total > 8, "clients ran during the swaps ({total} requests)");
    assert!(get(&app, "/ssp").await.body.contains("SSP version 7"));
}

#[test]
fn the_running_binary_picks_up_saved_files_with_watch() {
    let dir = content_dir();
    let server = Server::start(&["--content", dir.path().to_str().unwrap(), "--watch"]);
    let old = ssp_title(dir.path());
    edit(dir.path(), "tilbud/ssp.da.md", &old, "SSP efter gem");
    // A reload rebuilds the whole site: seconds in a debug build, more on a busy machine.
    let mut seen = false;
    for _ in 0..600 {
        if server
            .request("GET", "/ssp", &[], b"")
            .2
            .contains("SSP efter gem")
        {
            seen = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(seen, "the saved change went live; log:\n{}", server.log());
    // A broken save is logged with file and line, and the site keeps serving.
    std::fs::write(dir.path().join("tilbud/ssp.da.md"), "+++\ntitle = \n+++\n").unwrap();
    let mut logged = false;
    for _ in 0..600 {
        if server.log().contains("tilbud/ssp.da.md:2: error") {
            logged = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(logged, "log:\n{}", server.log());
    let (status, _, body) = server.request("GET", "/ssp", &[], b"");
    assert_eq!(status, 200);
    assert!(body.contains("SSP efter gem"));
}
