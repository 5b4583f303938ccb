//! The site's addresses in one place: the pages the site itself links to, the fixed route
//! words, the paths of listings, search, the guide and items in every language, and the
//! slugs content may therefore not take (derived from all of the above).
//!
//! The route table that serves these paths is in `crate::web::router`.

use crate::lang::{Lang, Languages};

/// Pages the site links to from every page (the acute bar, the footer, the quick exit's
/// neighbour): a content folder without them would ship dead links, so the checker
/// requires them.
pub const ACUTE_HELP: &str = "akut-hjaelp";
pub const ACCESSIBILITY: &str = "tilgaengelighed";
pub const PRIVACY: &str = "privatliv";
pub const HIDE_YOUR_VISIT: &str = "skjul-dit-besoeg";
pub const ABOUT_STRATEGY: &str = "om-strategien";

pub const LINKED_PAGES: [&str; 5] = [
    ACUTE_HELP,
    ACCESSIBILITY,
    PRIVACY,
    HIDE_YOUR_VISIT,
    ABOUT_STRATEGY,
];

/// The guide's path word (the same in every language).
pub const GUIDE: &str = "guide";

/// Route words outside any language (`/api/…`, `/static/…`) and the short address of the
/// accessibility statement (`/was`, required by Danish law to be easy to type).
pub const FIXED: [&str; 9] = [
    "api",
    "static",
    "healthz",
    GUIDE,
    "was",
    "robots.txt",
    "favicon.ico",
    "sitemap.xml",
    "kurser.ics",
];

/// The path of an item's page in a language (`/stien`, `/en/stien`).
pub fn item(lang: Lang, slug: &str) -> String {
    format!("{}/{slug}", lang.prefix())
}

/// The path of a kind's listing page (`/indgange`, `/en/entry-points`), by the kind's id
/// (`Kind::id`; this module sits below the content model).
pub fn listing(languages: &Languages, lang: Lang, kind_id: &str) -> String {
    format!("{}/{}", lang.prefix(), languages.path(lang, kind_id))
}

/// The path of the search page (`/soeg`, `/en/search`).
pub fn search(languages: &Languages, lang: Lang) -> String {
    format!("{}/{}", lang.prefix(), languages.path(lang, "search"))
}

/// The guide's path in a language (`/guide`, `/en/guide`).
pub fn guide(lang: Lang) -> String {
    format!("{}/{GUIDE}", lang.prefix())
}

/// Where the guide's free-text box posts (`/guide/chat`, `/en/guide/chat`).
pub fn guide_chat(lang: Lang) -> String {
    format!("{}/{GUIDE}/chat", lang.prefix())
}

/// The calendar of every upcoming course session (`/kurser.ics`): the default language's
/// listing word for courses (`courses` is `Kind::Kursus.id()`), so it sits next to the
/// listing.
pub fn course_calendar(languages: &Languages, courses: &str) -> String {
    format!("/{}.ics", languages.path(Lang::DEFAULT, courses))
}

/// One course's calendar (`/kurser/{slug}.ics`).
pub fn course_calendar_of(languages: &Languages, courses: &str, slug: &str) -> String {
    format!("/{}/{slug}.ics", languages.path(Lang::DEFAULT, courses))
}

/// Words an item slug may not be: every language code, every language's path words and
/// the fixed route words (an item there would be unreachable).
pub fn reserved_slugs(languages: &Languages) -> Vec<String> {
    let mut out: Vec<String> = FIXED.iter().map(|s| s.to_string()).collect();
    for l in languages.all() {
        out.push(l.lang.code().to_string());
        out.extend(l.paths.listings.iter().map(|(_, w)| w.clone()));
        out.push(l.paths.search.clone());
    }
    out.sort();
    out.dedup();
    out
}
