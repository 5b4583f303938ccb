//! The guide through HTTP: every path ends at an existing entry point, the no-script
//! journey works with plain forms, the chat routes messages, and nothing is kept.

mod common;
use common::*;
use findhjaelp::content::model::Lang;

fn form_of(answers: &findhjaelp::guide::Answers) -> String {
    answers
        .iter()
        .flat_map(|(q, vs)| vs.iter().map(move |v| format!("a.{}={}", enc(q), enc(v))))
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn every_path_ends_in_an_outcome_with_an_existing_entry_point() {
    let site = site_from(&findhjaelp::source::embedded_files());
    let paths = site.guide.all_paths();
    assert!(
        paths.len() > 20,
        "the flow has many paths ({})",
        paths.len()
    );
    let entries: Vec<(String, String)> = paths
        .iter()
        .map(|(answers, outcome)| {
            let entry = site
                .guide
                .outcome(outcome)
                .expect("outcome exists")
                .entry
                .clone();
            (form_of(answers), entry)
        })
        .collect();
    for (_, entry) in &entries {
        assert!(
            site.content.get(Lang::Da, entry).is_some(),
            "entry point {entry} exists"
        );
    }
    let app = app_with(site);
    for (form, entry) in entries {
        for prefix in ["", "/en"] {
            let r = post_form(&app, &format!("{prefix}/guide"), &form).await;
            assert_eq!(r.status, 200, "{prefix}/guide {form}");
            assert!(
                r.body.contains(&format!("href=\"{prefix}/{entry}\"")),
                "{form} leads to {entry}"
            );
        }
    }
}

#[tokio::test]
async fn no_script_journey_from_home_to_an_outcome_and_back_to_change_an_answer() {
    let app = app();
    // The home page's door for young people starts the guide with that answer.
    let home = get(&app, "/").await;
    let door = home.body.split("class=\"door\"").next().unwrap();
    assert!(door.contains("/guide?a.hvem="), "doors link into the guide");
    let q2 = get(&app, "/guide?a.hvem=ung").await;
    assert_eq!(q2.status, 200);
    assert!(
        q2.body.contains("name=\"a.hvem\" value=\"ung\""),
        "the answer travels in a hidden field"
    );
    assert!(
        q2.body.contains("name=\"a.emne\""),
        "next question: what is it about"
    );
    assert!(q2.body.contains("Dine svar"));
    // Submitting without choosing gives an error summary linking to the field.
    let err = post_form(&app, "/guide", "a.hvem=ung&current=emne").await;
    assert_eq!(err.status, 422);
    assert!(err.body.contains("class=\"error-summary\""));
    assert!(err.body.contains("href=\"#field-emne\""));
    assert!(err.body.contains("id=\"field-emne\""));
    // Answer until an outcome.
    let mut form = "a.hvem=ung&a.emne=rusmidler".to_string();
    let mut page = post_form(&app, "/guide", &form).await;
    for _ in 0..4 {
        if page.body.contains("class=\"outcome-entry\"")
            || page.body.contains("Her kan du få hjælp")
        {
            break;
        }
        let name = page
            .body
            .split("name=\"current\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let value = page
            .body
            .split(&format!("name=\"a.{name}\" value=\""))
            .nth(1)
            .map(|v| v.split('"').next().unwrap().to_string())
            .unwrap_or_else(|| "15".into());
        form.push_str(&format!("&a.{name}={value}"));
        page = post_form(&app, "/guide", &form).await;
    }
    assert!(
        page.body.contains("Her kan du få hjælp"),
        "reached an outcome: {form}"
    );
    assert!(
        page.body.contains("/ungekonsulenterne\""),
        "young person + drugs → the youth consultants"
    );
    assert!(
        page.body.contains("/boerns-vilkaar\""),
        "anonymous options for young people"
    );
    // "Ret" on the topic reopens that question with the old answer chosen.
    let edit = post_form(&app, "/guide", &format!("{form}&edit=emne")).await;
    assert!(
        edit.body.contains("value=\"rusmidler\" checked"),
        "old answer is preselected"
    );
    assert!(!edit
        .body
        .contains("name=\"a.emne\" value=\"rusmidler\" type=\"hidden\""));
    let changed = post_form(&app, "/guide", "a.hvem=ung&a.emne=skole").await;
    assert_eq!(changed.status, 200);
    assert!(
        !changed
            .body
            .contains("<h2 id=\"entry-title\"><a href=\"/ungekonsulenterne\">"),
        "the changed answer changes the way"
    );
    // Back goes to the previous question.
    let back = post_form(&app, "/guide", "a.hvem=ung&current=emne&back=1").await;
    assert!(back.body.contains("name=\"current\" value=\"hvem\""));
}

#[tokio::test]
async fn guide_pages_are_private() {
    let app = app();
    for r in [
        get(&app, "/guide").await,
        post_form(&app, "/guide", "a.hvem=foraelder").await,
        post_form(&app, "/guide/chat", "text=min+s%C3%B8n+drikker").await,
        get(&app, "/api/guide?q=angst&lang=da").await,
    ] {
        assert_eq!(r.header("cache-control"), Some("no-store"));
        assert!(r.header("set-cookie").is_none());
        if r.header("content-type").unwrap().starts_with("text/html") {
            assert!(r
                .body
                .contains("<meta name=\"robots\" content=\"noindex\">"));
        }
    }
    // The chat form posts, so the words never reach a URL.
    let home = get(&app, "/").await;
    assert!(home
        .body
        .contains("<form method=\"post\" action=\"/guide/chat\""));
}

#[tokio::test]
async fn the_chat_answers_acute_danger_first() {
    let app = app();
    for text in [
        "jeg vil ikke leve mere",
        "min far slår mig",
        "jeg tænker på selvmort",
        "someone is hurting me",
    ] {
        let r = post_form(&app, "/guide/chat", &format!("text={}", enc(text))).await;
        assert_eq!(r.status, 200, "{text}");
        let acute = r
            .body
            .find("class=\"acute-banner\"")
            .unwrap_or_else(|| panic!("{text}: no acute help"));
        assert!(r.body.contains("116 111"), "{text}");
        if let Some(main) = r.body.find("<main") {
            assert!(acute > main, "{text}: acute help is in the page body");
        }
    }
    let calm = post_form(
        &app,
        "/guide/chat",
        "text=jeg+t%C3%A6nker+ikke+p%C3%A5+selvmord+men+min+s%C3%B8n+drikker",
    )
    .await;
    assert!(
        !calm
            .body
            .contains("role=\"alert\" aria-labelledby=\"acute-now\""),
        "negated: not acute"
    );
}

#[tokio::test]
async fn the_chat_says_when_it_cannot_tell() {
    let app = app();
    let r = post_form(&app, "/guide/chat", "text=blomsterkasse+p%C3%A5+altanen").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Vi forstod det ikke helt"));
    assert!(
        r.body.contains("name=\"a.hvem\""),
        "offers the first question"
    );
    let api = get(&app, "/api/guide?q=blomsterkasse&lang=da").await.json();
    assert_eq!(api["acute"], false);
    assert_eq!(api["question"]["id"], "hvem");
}

#[tokio::test]
async fn api_guide_shape_and_quality_on_the_public_cases() {
    let app = app();
    let cases = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/dev-guide.tsv"
    ))
    .unwrap();
    let (mut passed, mut total, mut acute_wrong) = (0, 0, Vec::new());
    for line in cases
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (lang, text, expected) = (cols[0], cols[1], cols[2]);
        let flag = cols.get(3).map(|s| s.trim()).unwrap_or("");
        let r = get(&app, &format!("/api/guide?q={}&lang={lang}", enc(text)))
            .await
            .json();
        let recs = r["recommendations"].as_array().unwrap();
        for rec in recs {
            for key in ["slug", "kind", "title", "url", "reason"] {
                assert!(rec[key].is_string(), "{key} in {rec}");
            }
        }
        let top: Vec<&str> = recs
            .iter()
            .take(3)
            .map(|r| r["slug"].as_str().unwrap())
            .collect();
        let mut ok = expected.split(',').any(|e| top.contains(&e.trim()));
        if !flag.is_empty() && (flag == "acute") != r["acute"].as_bool().unwrap() {
            ok = false;
            acute_wrong.push(text.to_string());
        }
        total += 1;
        passed += ok as usize;
    }
    assert!(
        acute_wrong.is_empty(),
        "acute flag wrong for {acute_wrong:?}"
    );
    assert!(
        passed * 10 >= total * 9,
        "guide quality {passed}/{total} below 90%"
    );
    // POST works the same as GET.
    let r = post_form(&app, "/api/guide", "q=min+datter+har+angst&lang=da")
        .await
        .json();
    assert_eq!(r["recommendations"][0]["slug"], "stien");
}
