//! One name for one thing: the staff guide's term list (content/README.md, "Engelske ord")
//! says which words not to use; no title, summary, body, fact box or guide text uses them.
//! Search words (`keywords`) may, because people search with the old words.

mod common;
use common::*;
use findhjaelp::content::model::Lang;
use findhjaelp::site::Site;

/// The words in backticks in the last column ("Brug ikke") of the tables under
/// "## Engelske ord": (English words not to use, Danish words not to use).
fn banned_words() -> (Vec<String>, Vec<String>) {
    let guide = include_str!("../content/README.md");
    let section = guide
        .split("## Engelske ord")
        .nth(1)
        .expect("the staff guide has a section \"Engelske ord\"");
    let section = section.split("\n## ").next().unwrap();
    let (mut english, mut danish) = (Vec::new(), Vec::new());
    for line in section.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let words: Vec<String> = cells
            .last()
            .unwrap()
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        // Three columns: Danish | English | not to use. Two columns: Danish | not to use.
        match cells.len() {
            3 => english.extend(words),
            2 => danish.extend(words),
            _ => {}
        }
    }
    (english, danish)
}

/// The first word from `banned` that `text` uses (case-insensitive).
fn banned_in<'a>(text: &str, banned: &'a [String]) -> Option<&'a str> {
    let lower = text.to_lowercase();
    banned
        .iter()
        .find(|w| lower.contains(&w.to_lowercase()))
        .map(String::as_str)
}

/// Every text a reader sees in `lang`, with where it is.
fn texts(site: &Site, lang: Lang) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for item in site.content.in_lang(lang) {
        let at = |what: &str| format!("{} ({what})", item.path);
        if item.head_translated || lang.is_default() {
            out.push((at("title"), item.title.clone()));
            out.push((at("summary"), item.summary.clone()));
        }
        if item.translated {
            out.push((at("body"), item.body_text.to_string()));
        }
        if let Some(f) = item.facts.as_ref().filter(|_| item.facts_translated) {
            for (key, value) in f.texts() {
                out.push((at(key), value.unwrap_or("").to_string()));
            }
        }
    }
    let code = lang.code();
    for (answers, _) in site.guide.all_paths() {
        if let Ok(findhjaelp::guide::Step::Outcome(v)) = site.guide.step(&answers) {
            out.push((
                format!("guide {} (next steps)", v.id),
                v.next_steps.get(code).into(),
            ));
            for r in &v.recommendations {
                out.push((
                    format!("guide {} ({})", v.id, r.slug),
                    r.reason.get(code).into(),
                ));
            }
        }
    }
    for q in site.guide.questions() {
        out.push((format!("guide question {}", q.id), q.text.get(code).into()));
        if let Some(h) = &q.help {
            out.push((
                format!("guide question {} (help)", q.id),
                h.get(code).into(),
            ));
        }
        for o in &q.options {
            out.push((format!("guide option {}", o.id), o.text.get(code).into()));
        }
    }
    out
}

#[test]
fn the_term_list_is_used_everywhere() {
    let (english, danish) = banned_words();
    assert!(english.len() >= 8, "the English term list: {english:?}");
    assert!(
        danish.contains(&"Familierådgivningen".to_string()),
        "{danish:?}"
    );
    // The finder finds: an old name in a sentence is caught.
    assert_eq!(
        banned_in("Contact the Children and Family Centre today.", &english),
        Some("Children and Family Centre")
    );
    let site = default_site();
    let mut bad = Vec::new();
    let en = Lang::intern("en").unwrap();
    for (lang, banned) in [(en, &english), (Lang::DEFAULT, &danish)] {
        for (place, text) in texts(&site, lang) {
            if let Some(word) = banned_in(&text, banned) {
                bad.push(format!("{place}: uses `{word}`"));
            }
        }
    }
    bad.sort();
    bad.dedup();
    assert!(
        bad.is_empty(),
        "words the term list says not to use:\n{}",
        bad.join("\n")
    );
}
