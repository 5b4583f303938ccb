//! Languages through the real router: every page kind in every served language carries
//! its `lang`, `dir` and the `hreflang` alternates of all languages; a language the code
//! has never heard of is served from content alone (a line in `site.toml`, a folder in
//! `i18n/` and a translated file); search finds translated items in Ukrainian and Arabic.

mod common;
use common::*;
use findhjaelp::content::model::{Kind, Lang};
use findhjaelp::paths;
use findhjaelp::source::SourceFile;

/// One path of each page kind in `lang`.
fn sample_paths(site: &findhjaelp::site::Site, lang: Lang) -> Vec<String> {
    let languages = &site.content.site.languages;
    vec![
        lang.home(),
        paths::listing(languages, lang, Kind::Tilbud.id()),
        paths::item(lang, "stien"),
        paths::item(lang, paths::ACUTE_HELP),
        paths::search(languages, lang) + "?q=stien",
        paths::guide(lang),
    ]
}

#[tokio::test]
async fn every_page_kind_in_every_language_has_lang_dir_and_all_alternates() {
    let site = default_site();
    let languages = site.content.site.languages.clone();
    let codes: Vec<&str> = languages.langs().map(Lang::code).collect();
    assert_eq!(codes, ["da", "en", "uk", "ar"], "the shipped site.toml");
    let cases: Vec<(Lang, Vec<String>)> = languages
        .langs()
        .map(|l| (l, sample_paths(&site, l)))
        .collect();
    let app = app_with_shared(site);
    for (lang, uris) in cases {
        let dir = languages.get(lang).unwrap().dir.attr();
        for uri in uris {
            let r = get(&app, &uri).await;
            assert_eq!(r.status, 200, "{uri}");
            let html = format!("<html lang=\"{lang}\" dir=\"{dir}\">");
            assert!(r.body.contains(&html), "{uri}: {html}");
            if uri.contains("?q=") || uri.ends_with("/guide") {
                continue; // noindex pages still switch language, checked below
            }
            for other in languages.langs() {
                assert!(
                    r.body
                        .contains(&format!("<link rel=\"alternate\" hreflang=\"{other}\"")),
                    "{uri}: alternate for {other}"
                );
            }
            assert!(r.body.contains("hreflang=\"x-default\""), "{uri}");
        }
    }
    // Arabic is right to left; the switch names each language in itself.
    let ar = get(&app, "/ar/stien").await;
    assert!(ar.body.contains("<html lang=\"ar\" dir=\"rtl\">"));
    for name in ["Dansk", "English", "Українська"] {
        assert!(
            ar.body.contains(&format!("{name}</a>")),
            "switch names {name}"
        );
    }
    assert!(
        !ar.body.contains("العربية</a>"),
        "no link to the page itself"
    );
}

#[tokio::test]
async fn unknown_language_prefixes_are_404_and_a_bare_code_goes_home() {
    let app = app();
    for uri in ["/xx/stien", "/da/stien", "/xx/", "/xx/guide"] {
        assert_eq!(get(&app, uri).await.status, 404, "{uri}");
    }
    let r = get(&app, "/ar").await;
    assert_eq!(r.status, 308);
    assert_eq!(r.header("location"), Some("/ar/"));
    let r = get(&app, "/api/search?q=x&lang=xx").await;
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("\"ar\""));
}

/// The shipped content plus a language no Rust code names: `xx`, "Testsprog".
fn with_test_language() -> Vec<SourceFile> {
    let site_toml = include_str!("../content/site.toml").to_string()
        + "\n[[language]]\ncode = \"xx\"\nname = \"Testsprog\"\ndir = \"ltr\"\nanalysis = \"plain\"\n";
    let stien = include_str!("../content/indgange/stien.en.md").replace(
        "title = \"STIEN – when you are struggling\"",
        "title = \"STIEN – testsprogets titel\"\nkeywords = [\"zorbelhjælp\"]",
    );
    let stien = stien.replacen("keywords = [\"STIEN\",", "# keywords = [\"STIEN\",", 1);
    embedded_with(&[
        ("site.toml", &site_toml),
        ("indgange/stien.xx.md", &stien),
        ("i18n/xx/main.ftl", include_str!("../i18n/en/main.ftl")),
        ("i18n/xx/akut.ftl", include_str!("../i18n/en/akut.ftl")),
    ])
}

#[tokio::test]
async fn a_language_the_code_has_never_heard_of_is_served_from_content_alone() {
    let site = site_from(&with_test_language());
    let xx = site
        .content
        .site
        .languages
        .by_code("xx")
        .expect("registered");
    assert_eq!(
        site.content.get(xx, "stien").unwrap().title,
        "STIEN – testsprogets titel"
    );
    let app = app_with(site);
    let home = get(&app, "/xx/").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("<html lang=\"xx\" dir=\"ltr\">"));
    let page = get(&app, "/xx/stien").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("STIEN – testsprogets titel"));
    // Items without an xx file are served in Danish under the notice, as for English.
    assert_eq!(get(&app, "/xx/familieraadgivningen").await.status, 200);
    assert_eq!(get(&app, "/xx/guide").await.status, 200);
    assert_eq!(
        get(&app, "/xx/services").await.status,
        200,
        "English path words"
    );
    // Every other language's pages now offer it.
    let da = get(&app, "/stien").await;
    assert!(da.body.contains("hreflang=\"xx\""));
    assert!(da.body.contains("Testsprog</a>"));
    // Its search reads the new words.
    let r = get(&app, "/api/search?lang=xx&q=zorbelhjælp").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["results"][0]["url"], "/xx/stien");
    let r = get(&app, &format!("/xx/search?q={}", enc("zorbelhjælp"))).await;
    assert!(r.body.contains("href=\"/xx/stien\""));
}

#[test]
fn a_language_without_interface_text_is_refused_with_the_fix() {
    let site_toml = include_str!("../content/site.toml").to_string()
        + "\n[[language]]\ncode = \"xx\"\nname = \"Testsprog\"\ndir = \"ltr\"\nanalysis = \"plain\"\n";
    let files = embedded_with(&[("site.toml", &site_toml)]);
    let problems = match findhjaelp::site::Site::build(files, i18n(), today()) {
        Ok(_) => panic!("a language without i18n/xx must not load"),
        Err(p) => p,
    };
    assert!(
        problems
            .iter()
            .any(|p| p.path == "site.toml" && p.message.contains("i18n/xx/")),
        "{problems:?}"
    );
}

#[tokio::test]
async fn search_finds_translated_items_in_ukrainian_and_arabic() {
    let app = app();
    for (lang, query, slug) in [
        ("uk", "розлучення", "familieraadgivningen"),
        ("uk", "психолог", "stien"),
        ("uk", "повідомлення про дитину", "underretning"),
        ("ar", "طلاق", "familieraadgivningen"),
        ("ar", "الطلاق", "familieraadgivningen"),
        ("ar", "طبيب نفسي", "stien"),
        ("ar", "مساعدة عاجلة", "akut-hjaelp"),
    ] {
        let slugs = search_slugs(&app, lang, query, "&limit=3").await;
        assert!(
            slugs.iter().any(|s| s == slug),
            "{lang} {query:?}: {slug} not in the top three {slugs:?}"
        );
    }
    // Arabic written with vowel marks and another alef, Ukrainian with a Russian-style и.
    for (lang, a, b) in [("ar", "طَلاق", "طلاق"), ("uk", "психолог", "псіхолог")]
    {
        let hits = |q: &str| {
            let app = app.clone();
            let uri = format!("/api/search?lang={lang}&q={}", enc(q));
            async move { get(&app, &uri).await.json()["total"].as_u64().unwrap() }
        };
        let (x, y) = (hits(a).await, hits(b).await);
        assert!(x > 0 && x == y, "{lang}: {a} {x} vs {b} {y}");
    }
}

#[tokio::test]
async fn the_chat_answers_in_the_page_language_when_it_cannot_read_or_when_it_is_acute() {
    let site = default_site();
    let app = app_with_shared(site.clone());
    for code in ["uk", "ar"] {
        let lang = site.content.site.languages.by_code(code).expect("served");
        let t = |id: &str| site.i18n.t(lang, id);
        let acute_help = paths::item(lang, paths::ACUTE_HELP);
        // A message nobody can read: the guide's first question in this language, and the
        // acute help one click away.
        let r = post_form(&app, &paths::guide_chat(lang), "text=xyzzy+qwerty+blorp").await;
        assert_eq!(r.status, 200, "{code}");
        assert!(
            r.body.contains(&t("guide-not-sure-title")),
            "{code}: the not-sure page"
        );
        assert!(
            r.body.contains("name=\"a.hvem\""),
            "{code}: the guide's buttons"
        );
        assert!(
            r.body.contains(&format!("href=\"{acute_help}\"")),
            "{code}: acute help link"
        );
        assert!(!r.body.contains("first-help"), "{code}: not acute");
    }
    // Acute in Ukrainian, also typed in Latin letters: the first help in Ukrainian.
    let uk = site.content.site.languages.by_code("uk").expect("served");
    for text in ["батько б'є мене щодня", "tato mene bje kozhen den"] {
        let r = post_form(&app, &paths::guide_chat(uk), &format!("text={}", enc(text))).await;
        assert!(r.body.contains("first-help"), "{text}: first help");
        let name = site
            .safety
            .category("vold-mod-barn")
            .unwrap()
            .name
            .get("uk")
            .to_string();
        assert!(
            r.body.contains(&name),
            "{text}: the category's name in Ukrainian"
        );
    }
}
