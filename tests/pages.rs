//! Every page kind renders in Danish and English through the real router.

mod common;
use common::*;
use findhjaelp::content::model::Lang;
use findhjaelp::site::Site;
use std::sync::Arc;

const KIND_SAMPLES: &[(&str, &str)] = &[
    ("indgang", "familieraadgivningen"),
    ("tilbud", "familiebehandling"),
    ("kursus", "angstgruppe-for-boern"),
    ("partner", "headspace-kalundborg"),
    ("side", "dine-rettigheder"),
];

#[tokio::test]
async fn home_and_listings_render_in_both_languages() {
    let app = app();
    for (uri, lang) in [
        ("/", "da"),
        ("/en/", "en"),
        ("/indgange", "da"),
        ("/tilbud", "da"),
        ("/kurser", "da"),
        ("/partnere", "da"),
        ("/sider", "da"),
        ("/en/entry-points", "en"),
        ("/en/services", "en"),
        ("/en/courses", "en"),
        ("/en/partners", "en"),
        ("/en/pages", "en"),
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, 200, "{uri}");
        assert!(r.body.starts_with("<!DOCTYPE html>"), "{uri}");
        assert!(
            r.body
                .contains(&format!("<html lang=\"{lang}\" dir=\"ltr\">")),
            "{uri}"
        );
        assert!(r.body.contains("<main id=\"main\""), "{uri}: main landmark");
        assert!(r.body.contains("class=\"skip-link\""), "{uri}: skip link");
        assert!(r.body.contains("id=\"quick-exit\""), "{uri}: quick exit");
        assert!(
            r.body.contains("href=\"/tilgaengelighed\"")
                || r.body.contains("href=\"/en/tilgaengelighed\""),
            "{uri}: a11y statement link"
        );
        assert!(r.body.contains("akut-hjaelp\""), "{uri}: acute help link");
        assert!(!r.body.contains("<!>"), "{uri}: no hydration markers");
    }
}

#[tokio::test]
async fn a_detail_page_of_every_kind_renders_with_its_facts() {
    let app = app();
    for (kind, slug) in KIND_SAMPLES {
        for prefix in ["", "/en"] {
            let uri = format!("{prefix}/{slug}");
            let r = get(&app, &uri).await;
            assert_eq!(r.status, 200, "{uri}");
            assert!(r.body.contains("<h1"), "{uri}");
            assert!(
                r.body.contains("class=\"breadcrumbs\""),
                "{uri}: breadcrumbs"
            );
            if *kind != "side" {
                assert!(
                    r.body.contains("class=\"contact-box\""),
                    "{uri}: contact box"
                );
            }
        }
    }
}

#[tokio::test]
async fn head_carries_title_description_canonical_and_hreflang() {
    let app = app();
    let r = get(&app, "/stien").await;
    assert!(r.body.contains("<title>STIEN"), "{}", &r.body[..600]);
    assert!(r.body.contains("<meta name=\"description\" content=\""));
    assert!(r
        .body
        .contains("<link rel=\"canonical\" href=\"http://127.0.0.1:3000/stien\">"));
    assert!(r
        .body
        .contains("hreflang=\"da\" href=\"http://127.0.0.1:3000/stien\""));
    assert!(r
        .body
        .contains("hreflang=\"en\" href=\"http://127.0.0.1:3000/en/stien\""));
    // The language switch leads to the same item in English.
    assert!(r
        .body
        .contains("<a href=\"/en/stien\" lang=\"en\" hreflang=\"en\" dir=\"ltr\" class=\"lang-switch\">English</a>"));
    let en = get(&app, "/en/stien").await;
    assert!(en
        .body
        .contains("<link rel=\"canonical\" href=\"http://127.0.0.1:3000/en/stien\">"));
    assert!(en
        .body
        .contains("<a href=\"/stien\" lang=\"da\" hreflang=\"da\" dir=\"ltr\" class=\"lang-switch\">Dansk</a>"));
}

/// The built-in content with the test's own items (`tests/fixtures/pages/`): the tests
/// below check how pages show facts, sources and unknowns on items made for them.
fn fixture() -> (Arc<Site>, findhjaelp::web::App) {
    static SITE: std::sync::OnceLock<Arc<Site>> = std::sync::OnceLock::new();
    let site = SITE
        .get_or_init(|| Arc::new(site_from(&embedded_with_fixture("pages"))))
        .clone();
    (site.clone(), app_with_shared(site))
}

fn en() -> Lang {
    Lang::intern("en").unwrap()
}

#[tokio::test]
async fn an_item_without_english_shows_danish_with_a_note() {
    let (site, app) = fixture();
    // The trial service has English words ([en]) but a Danish body.
    let r = get(&app, "/en/proevetilbud").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains(&site.i18n.t(en(), "not-translated")));
    assert!(
        r.body.contains("<div lang=\"da\" class=\"item-body\">"),
        "the Danish body is marked as Danish"
    );
    assert!(
        r.body.contains("<h1>Trial service</h1>"),
        "the English title from [en] is the heading"
    );
    // A page with an English file has no such note.
    let translated = site
        .content
        .in_lang(en())
        .find(|i| i.translated)
        .expect("some item is translated");
    let r = get(&app, &translated.url()).await;
    assert!(!r.body.contains(&site.i18n.t(en(), "not-translated")));
}

/// A stand-in shares the Danish body, but its links to other items stay in its language.
#[tokio::test]
async fn links_in_a_stand_in_lead_into_its_own_language() {
    let (site, app) = fixture();
    let item = site
        .content
        .in_lang(en())
        .find(|i| !i.translated && !i.body_links.is_empty())
        .expect("an English stand-in whose Danish body links to other items");
    let linked = &item.body_links[0];
    let english = get(&app, &item.url()).await;
    assert_eq!(english.status, 200);
    assert!(
        english.body.contains(&format!("href=\"/en/{linked}\"")),
        "{}: the link to {linked} leads to the English page",
        item.url()
    );
    assert!(!english.body.contains(&format!("href=\"/{linked}\"")));
    let danish = get(&app, &format!("/{}", item.slug)).await;
    assert!(danish.body.contains(&format!("href=\"/{linked}\"")));
}

/// The fact box at the top, and at the foot the sources and when the page was last reviewed.
#[tokio::test]
async fn pages_show_facts_sources_and_review_date() {
    let (site, app) = fixture();
    let da = |id: &str| site.i18n.t(Lang::DEFAULT, id);
    let page = get(&app, "/proevetilbud").await;
    let facts = page.body.find("class=\"fact-box\"").expect("fact box");
    let body = page.body.find("class=\"item-body\"").expect("body");
    assert!(facts < body, "the fact box comes before the text");
    assert!(page.body.contains(&da("fact-parents-told")));
    assert!(page.body.contains("Ja, dine forældre får det at vide."));
    assert!(page.body.contains("class=\"sources\""), "Kilder line");
    assert!(page.body.contains("Kilde til testene"));
    for (lang, uri) in [(Lang::DEFAULT, "/proevetilbud"), (en(), "/en/proevetilbud")] {
        let reviewed = site
            .i18n
            .t_args(lang, "last-reviewed", &[("date", "15.01.2026".into())]);
        assert!(
            get(&app, uri).await.body.contains(&reviewed),
            "{uri}: {reviewed}"
        );
    }
    // An unknown fact is said to be unknown, not left out.
    assert!(page.body.contains(&da("answer-ukendt")));
    // The known address is shown; the unknown phone points to the switchboard instead of
    // inventing a number.
    assert!(page.body.contains("Prøvevej 1, 4400 Kalundborg"));
    assert!(page.body.contains("hovednummer"));
    // A partner's unknown hours point to its own site, not to the municipality.
    let partner = get(&app, "/proevepartner").await;
    assert!(partner.body.contains("example.org"));
    assert!(!partner.body.contains("hovednummer"));
}

/// A course without confirmed sessions says so and how to ask, instead of dates.
#[tokio::test]
async fn a_course_without_sessions_says_the_next_group_is_not_scheduled() {
    let (site, app) = fixture();
    let r = get(&app, "/proevekursus").await;
    assert!(r
        .body
        .contains(&site.i18n.t(Lang::DEFAULT, "sessions-none")));
    assert!(r.body.contains("Spørg Prøveafdelingen"), "whom to ask");
    assert!(!r.body.contains("class=\"sessions\""), "no invented dates");
}

#[tokio::test]
async fn contact_box_has_tap_to_call() {
    let app = app();
    let r = get(&app, "/akut-hjaelp").await;
    assert!(r.body.contains("href=\"tel:112\""), "tap-to-call link");
}

#[tokio::test]
async fn unknown_paths_give_a_helpful_404() {
    let app = app();
    for uri in ["/findes-ikke", "/en/does-not-exist", "/a/b/c", "/en/a/b"] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, 404, "{uri}");
        assert!(
            r.body.contains("role=\"search\""),
            "{uri}: search box on 404"
        );
        assert!(
            r.body.contains("/familieraadgivningen\""),
            "{uri}: entry points on 404"
        );
    }
    let en = get(&app, "/en/nope").await;
    assert!(en.body.contains("<html lang=\"en\" dir=\"ltr\">"));
}

#[tokio::test]
async fn no_response_sets_a_cookie() {
    let app = app();
    for uri in [
        "/",
        "/en/",
        "/stien",
        "/tilbud?audience=unge",
        "/nope",
        "/api/items",
        "/healthz",
        "/was",
    ] {
        let r = get(&app, uri).await;
        assert!(r.header("set-cookie").is_none(), "{uri} sets a cookie");
    }
}

#[tokio::test]
async fn listing_filters_narrow_the_list_and_reject_nonsense() {
    let app = app();
    let all = get(&app, "/tilbud").await;
    let young = get(&app, "/tilbud?audience=unge&age=").await;
    assert_eq!(young.status, 200);
    let count = |body: &str| body.matches("class=\"card\"").count();
    assert!(
        count(&young.body) < count(&all.body),
        "audience filter narrows"
    );
    assert!(
        young.body.contains("<option value=\"unge\" selected"),
        "choice stays selected"
    );
    let age = get(&app, "/indgange?age=2").await;
    assert!(age.body.contains("/sundhedsplejen\""));
    assert!(
        !age.body.contains("/kommunal-ungeindsats\""),
        "KUI is not for 2-year-olds"
    );
    let topic = get(&app, "/tilbud?topic=rusmidler").await;
    assert!(topic.body.contains("/rusmiddelteamet\""));
    assert!(!topic.body.contains("/aflastning\""));
    for bad in [
        "/tilbud?audience=aliens",
        "/tilbud?age=abc",
        "/tilbud?age=300",
        "/tilbud?audience=%zz",
    ] {
        let r = get(&app, bad).await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.body.contains("<h1>"), "{bad}: a page that explains");
    }
}

/// `n` extra minimal items in a content folder (`partnere`, `indgange`): `test-N`, titled
/// "Test N", with every fact and contact detail "ukendt".
fn extra_items(folder: &str, n: usize) -> Vec<(String, String)> {
    let facts = if folder == "indgange" {
        "[facts]\nanonymous = \"ukendt\"\nparents_told = \"ukendt\"\nreferral = \"ukendt\"\n\
         cost = \"ukendt\"\nages = \"ukendt\"\nwait = \"ukendt\"\nwhere = \"ukendt\"\n"
    } else {
        ""
    };
    (1..=n)
        .map(|i| {
            let text = format!(
                "+++\ntitle = \"Test {i:03}\"\nsummary = \"Et emne til test.\"\n\
                 audience = [\"unge\"]\nprovider = \"Testforeningen\"\nreviewed = 2026-11-01\n\
                 {facts}[contact]\nphone = \"ukendt\"\nemail = \"ukendt\"\naddress = \"ukendt\"\n\
                 hours = \"ukendt\"\n+++\nTekst.\n"
            );
            (format!("{folder}/test-{i:03}.da.md"), text)
        })
        .collect()
}

fn app_with_extra(extra: &[(String, String)]) -> findhjaelp::web::App {
    let changes: Vec<(&str, &str)> = extra
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    app_with(site_from(&embedded_with(&changes)))
}

#[tokio::test]
async fn long_listings_are_split_into_pages_that_keep_the_filter() {
    let app = app_with_extra(&extra_items("partnere", 120));
    let cards = |body: &str| body.matches("class=\"card\"").count();
    let first = get(&app, "/partnere").await;
    assert_eq!(first.status, 200);
    assert_eq!(cards(&first.body), 50, "one page of cards");
    assert!(
        first.body.contains("rel=\"next\""),
        "a link to the next page"
    );
    assert!(
        !first.body.contains("rel=\"prev\""),
        "no previous page on the first"
    );
    // Every card appears on exactly one page, and the count says how many there are in all.
    let mut seen = std::collections::HashSet::new();
    let mut page = 1;
    loop {
        let r = get(&app, &format!("/partnere?audience=unge&page={page}")).await;
        assert_eq!(r.status, 200, "page {page}");
        assert!(
            r.body.contains("<option value=\"unge\" selected"),
            "filter kept on page {page}"
        );
        for (i, _) in r.body.match_indices("href=\"/test-") {
            let slug = &r.body[i + 7..i + 15];
            seen.insert(slug.to_string());
        }
        if !r.body.contains("rel=\"next\"") {
            assert!(r.body.contains("rel=\"prev\""), "the last page links back");
            break;
        }
        assert!(
            r.body.contains(&format!(
                "?audience=unge&amp;page={}\" rel=\"next\"",
                page + 1
            )),
            "next link keeps the filter on page {page}"
        );
        page += 1;
        assert!(page < 10, "the pager ends");
    }
    assert_eq!(seen.len(), 120, "every test partner is on one of the pages");
    assert!(page >= 3);
    // Past the last page is not found; a page that is not a number is the visitor's mistake.
    assert_eq!(
        get(&app, &format!("/partnere?page={}", page + 1))
            .await
            .status,
        404
    );
    for bad in [
        "/partnere?page=0",
        "/partnere?page=two",
        "/partnere?page=-1",
    ] {
        let r = get(&app, bad).await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.body.contains("Sidetallet"), "{bad}: says what was wrong");
    }
}

#[tokio::test]
async fn the_404_page_stays_short_when_there_are_many_entry_points() {
    let app = app_with_extra(&extra_items("indgange", 60));
    let r = get(&app, "/findes-ikke").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.body.matches("class=\"card\"").count(), 30, "a short list");
    let all = 9 + 60; // the built-in Danish entry points and the test ones
    let link = format!("href=\"/indgange\">Se alle {all} indgange</a>");
    assert!(r.body.contains(&link), "a link to all of them");
}

#[tokio::test]
async fn courses_hide_past_sessions() {
    let course = "+++\ntitle = \"Testkursus\"\nsummary = \"Et kursus.\"\naudience = [\"foraeldre\"]\n\
        reviewed = 2026-11-01\nreview_months = 12\n\
        place = \"Kalundborg\"\nsignup = \"Ring.\"\n[contact]\nphone = \"112\"\nemail = \"ukendt\"\naddress = \"ukendt\"\nhours = \"ukendt\"\n\
        [[sessions]]\ndate = 2020-01-15\ntime = \"17.00\"\n[[sessions]]\ndate = 2099-03-04\ntime = \"18.00\"\n+++\nTekst.\n";
    let app = app_with(site_from(&embedded_with(&[(
        "kurser/testkursus.da.md",
        course,
    )])));
    let r = get(&app, "/testkursus").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("04.03.2099"), "upcoming session shown");
    assert!(!r.body.contains("15.01.2020"), "past session hidden");
}

#[tokio::test]
async fn api_items_lists_every_published_item() {
    let app = app();
    let da = get(&app, "/api/items?lang=da").await.json();
    let items = da.as_array().unwrap();
    assert!(items.len() >= 37, "the whole catalogue");
    for kind in ["indgang", "tilbud", "kursus", "partner", "side"] {
        assert!(items.iter().any(|i| i["kind"] == kind), "has a {kind}");
    }
    let stien = items.iter().find(|i| i["slug"] == "stien").unwrap();
    assert_eq!(stien["url"], "/stien");
    assert_eq!(stien["lang"], "da");
    assert!(stien["title"].as_str().unwrap().contains("STIEN"));
    let en = get(&app, "/api/items?lang=en").await.json();
    assert_eq!(en.as_array().unwrap().len(), items.len());
    assert_eq!(get(&app, "/api/items?lang=xx").await.status, 400);

    // Sources, review date and, for entry points and services, the facts.
    assert_eq!(stien["reviewed"], "2026-11-27");
    let sources = stien["sources"].as_array().unwrap();
    assert!(!sources.is_empty());
    for s in sources {
        assert!(s["ref"].is_string() && s["checked"].is_string(), "{s}");
    }
    assert_eq!(stien["facts"]["anonymous"], "nej");
    for key in ["parents_told", "referral", "cost"] {
        assert!(stien["facts"][key].is_string(), "{key}");
    }
    for item in items {
        assert!(item["reviewed"].is_string(), "{}", item["slug"]);
        assert!(item["sources"].is_array(), "{}", item["slug"]);
        let needs = item["kind"] == "indgang" || item["kind"] == "tilbud";
        assert_eq!(item["facts"].is_object(), needs, "{}", item["slug"]);
        if needs {
            let a = item["facts"]["anonymous"].as_str().unwrap();
            assert!(["ja", "nej", "delvist", "ukendt"].contains(&a), "{a}");
        }
    }
    let ung = items
        .iter()
        .find(|i| i["slug"] == "ungekonsulenterne")
        .unwrap();
    assert_eq!(ung["facts"]["anonymous"], "ja");
}

#[tokio::test]
async fn drafts_are_not_published() {
    let base = findhjaelp::source::embedded_files();
    let ssp = base.iter().find(|f| f.path == "tilbud/ssp.da.md").unwrap();
    let drafted = ssp.text.replacen("+++\n", "+++\ndraft = true\n", 1);
    let app = app_with(site_from(&embedded_with(&[(
        "tilbud/kladde.da.md",
        &drafted,
    )])));
    assert_eq!(get(&app, "/kladde").await.status, 404);
    assert_eq!(get(&app, "/ssp").await.status, 200);
    let items = get(&app, "/api/items").await.body;
    assert!(!items.contains("\"kladde\""));
}

#[tokio::test]
async fn health_static_assets_and_redirects() {
    let app = app();
    assert_eq!(get(&app, "/healthz").await.status, 200);
    let home = get(&app, "/").await;
    let css = home
        .body
        .split("href=\"/static/main.")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let r = get(&app, &format!("/static/main.{css}")).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert!(r.header("content-type").unwrap().starts_with("text/css"));
    let was = get(&app, "/was").await;
    assert_eq!(was.status, 308);
    assert_eq!(was.header("location"), Some("/tilgaengelighed"));
}

#[tokio::test]
async fn static_files_cannot_escape_their_folder() {
    let app = app();
    for uri in [
        "/static/../Cargo.toml",
        "/static/..%2fCargo.toml",
        "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/static/....//....//etc/passwd",
        "/static/%00",
        "/static/main.css",
        "/static/",
    ] {
        let r = get(&app, uri).await;
        assert!(r.status == 404 || r.status == 400, "{uri}: {}", r.status);
        assert!(
            !r.body.contains("[package]") && !r.body.contains("root:"),
            "{uri} leaked a file"
        );
    }
}

#[tokio::test]
async fn pages_are_served_gzipped_when_asked() {
    let app = app();
    let req = axum::http::Request::get("/familieraadgivningen")
        .header("accept-encoding", "gzip, br")
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    assert_eq!(res.headers().get("content-encoding").unwrap(), "gzip");
    assert_eq!(res.headers().get("vary").unwrap(), "Accept-Encoding");
    // Without gzip: the page unpacked, and Vary said once.
    let req = axum::http::Request::get("/familieraadgivningen")
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    assert!(res.headers().get("content-encoding").is_none());
    assert_eq!(res.headers().get_all("vary").iter().count(), 1);
}

#[tokio::test]
async fn pages_rendered_per_request_are_compressed_too() {
    let app = app();
    for uri in [
        "/soeg?q=angst",
        "/api/search?q=angst&lang=da",
        "/tilbud?audience=unge",
    ] {
        let req = axum::http::Request::get(uri)
            .header("accept-encoding", "gzip")
            .body(axum::body::Body::empty())
            .unwrap();
        let res = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
        assert_eq!(res.status(), 200, "{uri}");
        assert_eq!(
            res.headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap()),
            Some("gzip"),
            "{uri}"
        );
    }
}

/// An answer made per request is the same bytes with or without gzip, and says that it
/// depends on Accept-Encoding either way (so no cache hands the gzipped one to a client
/// that cannot read it).
#[tokio::test]
async fn per_request_answers_are_the_same_with_and_without_gzip() {
    use http_body_util::BodyExt;
    use std::io::Read;
    let app = app();
    for uri in [
        "/api/search?q=angst&lang=da",
        "/soeg?q=angst",
        "/tilbud?audience=unge",
    ] {
        let get = |gzip: bool| {
            let mut req = axum::http::Request::get(uri);
            if gzip {
                req = req.header("accept-encoding", "gzip");
            }
            tower::ServiceExt::oneshot(app.clone(), req.body(axum::body::Body::empty()).unwrap())
        };
        let plain = get(false).await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none(), "{uri}");
        assert_eq!(
            plain.headers().get("vary").unwrap(),
            "Accept-Encoding",
            "{uri}"
        );
        let plain = plain.into_body().collect().await.unwrap().to_bytes();
        let packed = get(true).await.unwrap();
        assert_eq!(
            packed.headers().get("vary").unwrap(),
            "Accept-Encoding",
            "{uri}"
        );
        let length: usize = packed.headers()["content-length"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let packed = packed.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(
            length,
            packed.len(),
            "{uri}: Content-Length of the gzipped body"
        );
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, plain, "{uri}");
    }
}

/// Kept pages asked for plainly are answered before routing
/// (`findhjaelp::web::middleware::KeptFirst`). Every page in the sitemap, and every home
/// and listing, must get the same answer that way as the long way through the router
/// (forced here by an empty query string): same status, same headers, same bytes.
#[tokio::test]
async fn kept_pages_answer_the_same_before_routing_as_through_the_router() {
    use http_body_util::BodyExt;
    let app = app();
    let sitemap = get(&app, "/sitemap.xml").await.body;
    let mut paths: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .filter_map(|url| url.find("://").map(|i| &url[i + 3..]))
        .filter_map(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .collect();
    paths.extend(["/", "/en/", "/uk/", "/ar/", "/tilbud", "/en/services"].map(String::from));
    assert!(paths.len() > 50, "sitemap lists the site: {}", paths.len());
    let answer = |uri: String| {
        let req = axum::http::Request::get(uri)
            .header("accept-encoding", "gzip")
            .body(axum::body::Body::empty())
            .unwrap();
        tower::ServiceExt::oneshot(app.clone(), req)
    };
    for path in &paths {
        let kept = answer(path.clone()).await.unwrap();
        let routed = answer(format!("{path}?")).await.unwrap();
        assert_eq!(kept.status(), routed.status(), "{path}");
        let mut kept_headers: Vec<_> = kept.headers().iter().collect();
        let mut routed_headers: Vec<_> = routed.headers().iter().collect();
        kept_headers.sort_by_key(|(name, _)| name.as_str());
        routed_headers.sort_by_key(|(name, _)| name.as_str());
        assert_eq!(kept_headers, routed_headers, "{path}");
        let kept_body = kept.into_body().collect().await.unwrap().to_bytes();
        let routed_body = routed.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(kept_body, routed_body, "{path}");
    }
}
