//! Honest facts (issue 11): every entry point and service has its fact box, no item states a
//! phone number, hours or ages without a source, and no page or guide text says something is
//! anonymous when its facts say it is not.
//!
//! The checks run on the shipped content (structure, not sentences) and, to show that they
//! can fail, on the fixture folder `tests/fixtures/honesty/`.

mod common;
use common::*;
use findhjaelp::content::check::REQUIRED_FACTS;
use findhjaelp::content::claims;
use findhjaelp::content::model::{Answer, Lang};
use findhjaelp::guide::Step;
use findhjaelp::site::Site;
use findhjaelp::source::{embedded_files, SourceFile};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn shipped() -> std::sync::Arc<Site> {
    default_site()
}

/// The shipped content plus the fixture pages that say too much.
fn with_fixture() -> (Site, Vec<SourceFile>) {
    let mut files = embedded_files();
    files.extend(folder_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/honesty"),
    ));
    (site_from(&files), files)
}

// ------------------------------------------------------------------------------------
// Facts on every entry point and service
// ------------------------------------------------------------------------------------

#[test]
fn every_entry_point_and_service_has_all_facts() {
    let site = shipped();
    let mut checked = 0;
    for item in site
        .content
        .in_lang(Lang::DEFAULT)
        .filter(|i| i.kind.needs_facts())
    {
        let f = item
            .facts
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no [facts]", item.path));
        assert!(f.anonymous.is_some(), "{}: anonymous", item.path);
        assert!(
            f.without_parents.is_some(),
            "{}: without_parents",
            item.path
        );
        for (key, value) in f.texts() {
            if REQUIRED_FACTS.contains(&key) {
                assert!(
                    value.is_some_and(|v| !v.trim().is_empty()),
                    "{}: {key} is missing (write \"ukendt\" if it is not known)",
                    item.path
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 22, "all entry points and services: {checked}");
}

// ------------------------------------------------------------------------------------
// No phone number, hours or ages without a source
// ------------------------------------------------------------------------------------

/// Items that state a phone number, hours or ages and name no source.
fn unsourced(site: &Site) -> Vec<String> {
    site.content
        .in_lang(Lang::DEFAULT)
        .filter(|i| i.sources.is_empty())
        .filter_map(|i| {
            let found = claims::find(i, &i.body_text);
            (!found.is_empty()).then(|| format!("{}: {:?}", i.path, found))
        })
        .collect()
}

#[test]
fn no_item_states_contact_facts_hours_or_ages_without_a_source() {
    let bad = unsourced(&shipped());
    assert!(
        bad.is_empty(),
        "facts without a source:\n{}",
        bad.join("\n")
    );
    let (fixture, _) = with_fixture();
    let bad = unsourced(&fixture);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].starts_with("sider/modsigelse.da.md"), "{bad:?}");
    assert!(
        bad[0].contains("33 12 34 56") && bad[0].contains("10-14"),
        "{bad:?}"
    );
}

// ------------------------------------------------------------------------------------
// Anonymity: pages and guide texts agree with the facts
// ------------------------------------------------------------------------------------

/// Does this sentence say that something is anonymous (not "is not", not a question)?
fn says_anonymous(sentence: &str) -> bool {
    let l = sentence.to_lowercase();
    // "uden at sige dit navn", "du behøver ikke sige dit navn", "without giving your name",
    // "you do not have to give your name".
    let says = l.contains("anonym")
        || (l.contains("navn")
            && (l.contains("uden at sige") || (l.contains("ikke") && l.contains("sige"))))
        || (l.contains("name")
            && (l.contains("without giving")
                || ((l.contains("not") || l.contains("n't")) && l.contains("give"))));
    let denied = [
        "ikke anonym",
        "ikke være anonym",
        "ikke kan være anonym",
        "not anonymous",
        "cannot be anonymous",
        "cannot stay anonymous",
        "can't be anonymous",
        "isn't anonymous",
    ]
    .iter()
    .any(|w| l.contains(w));
    // "Vil du være anonym?" and "står der, om du skal sige dit navn" promise nothing.
    let open = l.trim_end().ends_with('?')
        || (l.contains(" om du ") && !l.contains("selv om du"))
        || l.contains("whether");
    says && !denied && !open
}

/// Sentences (and the clauses around "men"/"but"), one per list item or line at least.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        let mut cur = String::new();
        for (i, c) in chars.iter().enumerate() {
            cur.push(*c);
            let ends =
                matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
            if ends {
                out.push(std::mem::take(&mut cur));
            }
        }
        out.push(cur);
    }
    out.iter()
        .flat_map(|s| s.split(", men ").flat_map(|p| p.split(", but ")))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Names that point at one item: the head of its titles ("STIEN" in "STIEN – når …") and
/// its proper-noun search words ("BørneTelefonen"). A search word several items share
/// belongs to the one whose title has it, else to none.
fn names(site: &Site) -> BTreeMap<String, String> {
    let head = |t: &str| {
        let t = t.split(" – ").next().unwrap_or(t);
        t.split(" (").next().unwrap_or(t).trim().to_lowercase()
    };
    let mut titles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut words: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut full_titles: BTreeMap<String, String> = BTreeMap::new();
    for lang in site.content.site.languages.langs() {
        for item in site.content.in_lang(lang) {
            let h = head(&item.title);
            let first = h.split(' ').next().unwrap_or("").to_string();
            titles.entry(h).or_default().insert(item.slug.clone());
            full_titles
                .entry(item.slug.clone())
                .or_default()
                .push_str(&format!(" {}", item.title.to_lowercase()));
            for k in &item.keywords {
                if k.chars().any(char::is_uppercase) || k.to_lowercase() == first {
                    words
                        .entry(k.to_lowercase())
                        .or_default()
                        .insert(item.slug.clone());
                }
            }
        }
    }
    let usable = |name: &str| name.chars().count() >= 3 && !name.contains("anonym");
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (name, slugs) in words {
        let owners: Vec<&String> = if slugs.len() == 1 {
            slugs.iter().collect()
        } else {
            slugs
                .iter()
                .filter(|s| full_titles[*s].contains(name.as_str()))
                .collect()
        };
        if let [owner] = owners[..] {
            if usable(&name) {
                out.insert(name, owner.clone());
            }
        }
    }
    for (name, slugs) in titles {
        if slugs.len() == 1 && usable(&name) {
            out.insert(name, slugs.into_iter().next().unwrap());
        }
    }
    out
}

/// Items a sentence is about: those it links to or names; else `own`.
fn subjects(sentence: &str, names: &BTreeMap<String, String>, own: &str) -> BTreeSet<String> {
    let lower = sentence.to_lowercase();
    let mut found: BTreeSet<String> = sentence
        .split("(slug:")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(str::to_string)
        .collect();
    for (name, slug) in names {
        if lower.contains(name.as_str()) {
            found.insert(slug.clone());
        }
    }
    if found.is_empty() {
        found.insert(own.to_string());
    }
    found
}

struct Facts(BTreeMap<String, Option<Answer>>);

impl Facts {
    fn of(site: &Site) -> Self {
        Facts(
            site.content
                .in_lang(Lang::DEFAULT)
                .filter_map(|i| Some((i.slug.clone(), i.facts.as_ref()?.anonymous)))
                .collect(),
        )
    }

    /// An item whose facts do not allow "anonymous"; items without facts are not judged.
    fn denies(&self, slug: &str) -> bool {
        matches!(
            self.0.get(slug),
            Some(Some(Answer::Nej | Answer::Ukendt)) | Some(None)
        )
    }
}

/// Markdown bodies by item (Danish and real translations), with the item's slug.
fn bodies(site: &Site, files: &[SourceFile]) -> Vec<(String, String, String)> {
    let text: BTreeMap<&str, &str> = files
        .iter()
        .map(|f| (f.path.as_str(), f.text.as_str()))
        .collect();
    let mut out = Vec::new();
    for lang in site.content.site.languages.langs() {
        for item in site.content.in_lang(lang).filter(|i| i.translated) {
            let raw = text[item.path.as_str()];
            let body = raw.splitn(3, "+++").nth(2).unwrap_or("");
            out.push((item.path.clone(), item.slug.clone(), body.to_string()));
        }
    }
    out
}

/// Every sentence in a page body that promises anonymity for an item whose facts say no.
fn page_contradictions(site: &Site, files: &[SourceFile]) -> Vec<String> {
    let facts = Facts::of(site);
    let names = names(site);
    let mut bad = Vec::new();
    for (path, slug, body) in bodies(site, files) {
        for s in sentences(&body).iter().filter(|s| says_anonymous(s)) {
            for subject in subjects(s, &names, &slug) {
                if facts.denies(&subject) {
                    bad.push(format!("{path}: »{s}« – but {subject} is not anonymous"));
                }
            }
        }
    }
    bad
}

/// Every guide text that promises anonymity where the facts say no: a recommendation's
/// reason for its own item, and the next steps for the items they name (else the entry).
fn guide_contradictions(site: &Site) -> Vec<String> {
    let facts = Facts::of(site);
    let names = names(site);
    let mut bad = BTreeSet::new();
    for (answers, _) in site.guide.all_paths() {
        let Ok(Step::Outcome(view)) = site.guide.step(&answers) else {
            panic!("{answers:?} does not end in an outcome")
        };
        for lang in ["da", "en"] {
            for rec in &view.recommendations {
                let reason = rec.reason.get(lang);
                if sentences(reason).iter().any(|s| says_anonymous(s)) && facts.denies(&rec.slug) {
                    bad.insert(format!(
                        "{}: reason for {}: »{reason}« – but {} is not anonymous",
                        view.id, rec.slug, rec.slug
                    ));
                }
            }
            for s in sentences(view.next_steps.get(lang)) {
                if !says_anonymous(&s) {
                    continue;
                }
                for subject in subjects(&s, &names, &view.entry) {
                    if facts.denies(&subject) {
                        bad.insert(format!(
                            "{}: next steps »{s}« – but {subject} is not anonymous",
                            view.id
                        ));
                    }
                }
            }
        }
    }
    bad.into_iter().collect()
}

#[test]
fn no_page_contradicts_the_facts_on_anonymity() {
    let site = shipped();
    let bad = page_contradictions(&site, &embedded_files());
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // The check can fail: the fixture page promises anonymity at STIEN.
    let (fixture, files) = with_fixture();
    let bad = page_contradictions(&fixture, &files);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].starts_with("sider/modsigelse.da.md") && bad[0].contains("stien"));
}

#[test]
fn every_guide_text_that_says_anonymous_points_at_an_anonymous_item() {
    let site = shipped();
    let bad = guide_contradictions(&site);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // Every answer the guide calls anonymous exists: the promise is about real facts.
    let facts = Facts::of(&site);
    for slug in [
        "ungekonsulenterne",
        "boerns-vilkaar",
        "headspace-kalundborg",
    ] {
        assert!(!facts.denies(slug), "{slug} should be anonymous");
    }
    assert!(facts.denies("stien"), "STIEN needs to know who you are");

    // The check can fail: the reason the guide gave before issue 11, for an outcome whose
    // entry point is STIEN.
    let files = embedded_files();
    let outcomes = files
        .iter()
        .find(|f| f.path == "guide/outcomes.toml")
        .unwrap();
    let start = outcomes.text.find("id = \"mistrivsel-anonym\"").unwrap();
    let line = start + outcomes.text[start..].find("reason.da = ").unwrap();
    let end = line + outcomes.text[line..].find('\n').unwrap();
    let old = format!(
        "{}reason.da = \"Du kan få hjælp, også selv om du ikke vil sige dit navn.\"{}",
        &outcomes.text[..line],
        &outcomes.text[end..]
    );
    let site = site_from(&embedded_with(&[("guide/outcomes.toml", &old)]));
    let bad = guide_contradictions(&site);
    assert!(!bad.is_empty());
    assert!(
        bad.iter()
            .all(|b| b.starts_with("mistrivsel-anonym: reason for stien")),
        "{bad:?}"
    );
}

#[test]
fn the_sentence_rules_read_danish_and_english() {
    for yes in [
        "Hos headspace kan du være anonym.",
        "Du behøver ikke sige dit navn.",
        "At headspace you can talk anonymously.",
        "You do not have to give your name.",
        "Du kan få hjælp, også selv om du ikke vil sige dit navn.",
    ] {
        assert!(says_anonymous(yes), "{yes}");
    }
    for no in [
        "Behandling er ikke anonym.",
        "Vil du helst være anonym?",
        "Ved hvert sted står der, om du skal sige dit navn.",
        "STIEN is not anonymous.",
        "Each place says whether you must give your name.",
        "Du skal sige dit navn.",
    ] {
        assert!(!says_anonymous(no), "{no}");
    }
    let parts =
        sentences("Du kan være anonym hos BørneTelefonen, men STIEN skal kende dig. Ring 112!");
    assert_eq!(parts.len(), 3, "{parts:?}");
}
