//! The guide through HTTP: every path ends at an existing entry point, the no-script
//! journey works with plain forms, the chat routes messages, and nothing is kept.

mod common;
use common::*;
use findhjaelp::cases;
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
    let site = default_site();
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
            site.content.get(Lang::DEFAULT, entry).is_some(),
            "entry point {entry} exists"
        );
    }
    let app = app_with_shared(site);
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

/// The first help box of a page and the acute category it is for.
fn first_help(body: &str) -> Option<&str> {
    let end = body.find("class=\"acute-banner first-help\"")?;
    let start = body[..end].rfind("<section")?;
    body[start..end]
        .split("data-category=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
}

#[tokio::test]
async fn the_chat_answers_acute_danger_first_with_help_for_that_danger() {
    let app = app();
    for (text, category, number) in [
        ("jeg vil ikke leve mere", "selvmord", "70 201 201"),
        ("min far slår mig", "vold-mod-barn", "116 111"),
        ("jeg tænker på selvmort", "selvmord", "70 201 201"),
        ("someone is hurting me", "vold-mod-barn", "116 111"),
        (
            "min ven har taget en hel pakke piller",
            "forgiftning",
            "82 12 12 12",
        ),
        (
            "min mor har smidt mig ud og jeg har ingen steder at sove i nat",
            "intet-sted-at-sove",
            "114",
        ),
    ] {
        let r = post_form(&app, "/guide/chat", &format!("text={}", enc(text))).await;
        assert_eq!(r.status, 200, "{text}");
        assert_eq!(first_help(&r.body), Some(category), "{text}");
        let help = r.body.find("first-help").unwrap();
        let entry = r.body.find("class=\"outcome-entry\"").unwrap_or(usize::MAX);
        assert!(
            help < entry,
            "{text}: the first help comes before the entry point"
        );
        assert!(r.body.contains(number), "{text}: {number}");
        let tel = format!("href=\"tel:{}\"", number.replace(' ', ""));
        assert!(r.body.contains(&tel), "{text}: the number can be called");
    }
    let calm = post_form(
        &app,
        "/guide/chat",
        "text=jeg+t%C3%A6nker+ikke+p%C3%A5+selvmord+men+min+s%C3%B8n+drikker",
    )
    .await;
    assert_eq!(first_help(&calm.body), None, "negated: not acute");
    // The question pages' own acute outcome (no message to read) keeps the general help.
    let flow = post_form(&app, "/guide", "a.hvem=ung&a.emne=vold-og-overgreb").await;
    assert!(flow.body.contains("class=\"acute-banner\""));
}

#[tokio::test]
async fn the_chat_says_when_it_is_not_sure_and_never_guesses() {
    let app = app();
    let r = post_form(&app, "/guide/chat", "text=blomsterkasse+p%C3%A5+altanen").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Fortæl os lidt mere"));
    assert!(
        r.body.contains(
            "<button type=\"submit\" name=\"a.hvem\" value=\"ung\" class=\"choice-button\">"
        ),
        "asks who is writing, as buttons"
    );
    assert!(r.body.contains("class=\"doors\""), "shows the doors");
    assert!(
        !r.body.contains("class=\"card\""),
        "no search hits as an answer"
    );
    let api = get(&app, "/api/guide?q=blomsterkasse&lang=da").await.json();
    assert_eq!(api["acute"], false);
    assert_eq!(api["acute_category"], serde_json::Value::Null);
    assert_eq!(api["understood"], false);
    assert_eq!(api["recommendations"].as_array().unwrap().len(), 0);
    assert_eq!(api["question"]["id"], "hvem");
    // Who is known, what is not: ask what it is about.
    let api = get(&app, &format!("/api/guide?q={}&lang=da", enc("jeg er 14")))
        .await
        .json();
    assert_eq!(api["question"]["id"], "emne");
}

#[tokio::test]
async fn young_people_writing_about_themselves_are_not_sent_to_report_a_concern() {
    let app = app();
    for text in [
        "jeg er 14 og bekymret for mig selv",
        "jeg har det svært og ved ikke hvem jeg skal snakke med",
        "i'm 15 and i worry about everything",
        "jeg er så ked af det efter min morfar døde",
    ] {
        let r = get(&app, &format!("/api/guide?q={}&lang=da", enc(text)))
            .await
            .json();
        let first = r["recommendations"][0]["slug"].as_str().unwrap_or("");
        assert_ne!(first, "underretning", "{text}");
        assert_ne!(first, "skilsmissegruppe-for-boern", "{text}");
    }
}

/// An everyday question the guide's rules do not settle still gets pages: the search hits
/// for its words after the guide's best one, with a reason that says so, while the guide
/// asks its question; an acute message keeps the acute flow's pages only.
#[tokio::test]
async fn everyday_questions_get_the_pages_their_words_find() {
    let app = app();
    let text = "hvor kan min datter få lektiehjælp, jeg kan ikke selv hjælpe hende med matematik";
    let r = get(&app, &format!("/api/guide?q={}&lang=da", enc(text)))
        .await
        .json();
    let recs = r["recommendations"].as_array().unwrap();
    assert!(!recs.is_empty(), "{r}");
    assert_eq!(r["question"]["id"], "emne", "the guide still asks");
    assert!(
        recs.iter()
            .any(|x| x["slug"] == "hjaelp-til-fritidsaktiviteter"
                && x["reason"] == "Siden passer til ordene i din besked."),
        "{r}"
    );
    let text = "min far slår mig lige nu og jeg er bange";
    let r = get(&app, &format!("/api/guide?q={}&lang=da", enc(text)))
        .await
        .json();
    assert_eq!(r["acute"], true);
    assert_eq!(r["recommendations"][0]["slug"], "akut-hjaelp");
    assert!(r["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["reason"] != "Siden passer til ordene i din besked."));
}

/// Two blind sets of 150 everyday questions each: a right page in the top three for at
/// least three in four of `route-1.tsv` (116 when it was added; 66 before search hits),
/// and for at least 85 % of `route-2.tsv` (133 when it was written, after the search hits).
#[tokio::test]
async fn blind_everyday_questions_find_a_right_page() {
    let app = app();
    for (file, min) in [("route-1.tsv", 0.75), ("route-2.tsv", 0.85)] {
        let report = run_guide_cases(&app, &data_file(file)).await;
        eprint!("{}", report.text(file));
        assert!(
            report.ratio() >= min,
            "{file}: {:.1} %",
            100.0 * report.ratio()
        );
    }
}

#[tokio::test]
async fn api_guide_shape_and_quality_on_the_public_and_own_cases() {
    let app = app();
    for (file, min) in [("dev-guide.tsv", 0.95), ("own-guide.tsv", 0.9)] {
        let report = run_guide_cases(&app, &data_file(file)).await;
        eprint!("{}", report.text(file));
        let wrong_flag: Vec<_> = report
            .failures()
            .filter(|s| {
                s.case.flag.is_some() && s.answer.acute != (s.case.flag == Some(cases::Flag::Acute))
            })
            .map(|s| s.case.text.clone())
            .collect();
        assert!(
            wrong_flag.is_empty(),
            "{file}: acute flag wrong for {wrong_flag:?}"
        );
        assert!(
            report.ratio() >= min,
            "{file}: {:.0} % below {:.0} %",
            100.0 * report.ratio(),
            100.0 * min
        );
    }
    // The reply's shape.
    let r = get(
        &app,
        "/api/guide?q=min+s%C3%B8n+vil+sl%C3%A5+sig+selv+ihjel&lang=da",
    )
    .await
    .json();
    assert_eq!(r["acute"], true);
    assert_eq!(r["acute_category"], "selvmord");
    assert_eq!(r["understood"], true);
    for rec in r["recommendations"].as_array().unwrap() {
        for key in ["slug", "kind", "title", "url", "reason"] {
            assert!(rec[key].is_string(), "{key} in {rec}");
        }
    }
    assert!(r["next_steps"].is_string());
    // POST works the same as GET.
    let r = post_form(&app, "/api/guide", "q=min+datter+har+angst&lang=da")
        .await
        .json();
    assert_eq!(r["recommendations"][0]["slug"], "stien");
    assert_eq!(r["acute_category"], serde_json::Value::Null);
}
