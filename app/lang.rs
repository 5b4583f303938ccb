//! Languages: the [`Lang`] handle every part of the site passes around, and the registry
//! of the languages a site serves ([`Languages`], `[[language]]` in `site.toml`).
//!
//! Nothing in Rust names a particular language except the default ([`Lang::DEFAULT`],
//! Danish: the master text of every item, served at the root of the site). Adding a
//! language is a line in `site.toml`, a folder in `i18n/` and translated content files.

use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::sync::Mutex;

/// A language, by its code (`da`, `en`, `uk`, …). Cheap to copy and compare.
///
/// Codes are interned: each distinct code a process ever reads (from `site.toml`, a file
/// name or a request) is stored once and never freed. Codes are checked against the
/// registry before they are interned, so the table stays as small as the registry.
#[derive(Clone, Copy)]
pub struct Lang(&'static Interned);

#[derive(Debug)]
struct Interned {
    code: &'static str,
    /// URL prefix: none for the default language, `/<code>` for the others.
    prefix: &'static str,
}

static DEFAULT: Interned = Interned {
    code: "da",
    prefix: "",
};

static TABLE: Mutex<Vec<&'static Interned>> = Mutex::new(Vec::new());

impl Lang {
    /// The default language: the master text of every item, served at the root.
    pub const DEFAULT: Lang = Lang(&DEFAULT);

    /// The handle for `code` (lower-case letters, 2–8 of them; anything else is refused).
    pub fn intern(code: &str) -> Option<Lang> {
        if !(2..=8).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        if code == DEFAULT.code {
            return Some(Lang::DEFAULT);
        }
        let mut table = TABLE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = table.iter().find(|i| i.code == code) {
            return Some(Lang(found));
        }
        let code: &'static str = Box::leak(code.to_string().into_boxed_str());
        let prefix: &'static str = Box::leak(format!("/{code}").into_boxed_str());
        let interned: &'static Interned = Box::leak(Box::new(Interned { code, prefix }));
        table.push(interned);
        Some(Lang(interned))
    }

    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// URL prefix: `""` for the default language, `"/en"` for English.
    pub fn prefix(self) -> &'static str {
        self.0.prefix
    }

    pub fn is_default(self) -> bool {
        self == Lang::DEFAULT
    }

    /// The home page's path in this language (`/`, `/en/`).
    pub fn home(self) -> String {
        format!("{}/", self.prefix())
    }
}

/// The default language.
impl Default for Lang {
    fn default() -> Lang {
        Lang::DEFAULT
    }
}

impl PartialEq for Lang {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
    }
}

impl Eq for Lang {}

impl std::hash::Hash for Lang {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code().hash(state)
    }
}

impl PartialOrd for Lang {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Lang {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Writing direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn attr(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One served language, as `site.toml` describes it.
#[derive(Debug, Clone)]
pub struct Language {
    pub lang: Lang,
    /// The language's name in itself ("Dansk", "English", "Українська", "العربية").
    pub name: String,
    pub dir: Direction,
    /// The search analysis for texts in this language (see `crate::search::Analysis`).
    pub analysis: String,
    /// Path words: the listing pages per kind (by kind id) and the search page.
    pub paths: Paths,
}

/// The words of a language's own paths (`/indgange`, `/en/entry-points`, `/soeg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Kind id → listing path word.
    pub listings: Vec<(String, String)>,
    pub search: String,
}

/// The languages a site serves, the default first.
#[derive(Debug, Clone, Default)]
pub struct Languages {
    list: Vec<Language>,
}

impl Languages {
    /// `list` must start with the default language (the loader checks it).
    pub fn new(list: Vec<Language>) -> Languages {
        Languages { list }
    }

    pub fn all(&self) -> &[Language] {
        &self.list
    }

    /// Every served language, the default first.
    pub fn langs(&self) -> impl Iterator<Item = Lang> + '_ {
        self.list.iter().map(|l| l.lang)
    }

    /// The served language with this code, if any (never interns an unknown code).
    pub fn by_code(&self, code: &str) -> Option<Lang> {
        self.list.iter().map(|l| l.lang).find(|l| l.code() == code)
    }

    /// What the registry says about `lang`, if it is served.
    pub fn get(&self, lang: Lang) -> Option<&Language> {
        self.list.iter().find(|l| l.lang == lang)
    }

    /// The path word of a listing page (`indgange`) or, for `"search"`, the search page.
    pub fn path<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        let Some(l) = self.get(lang).or(self.list.first()) else {
            return key;
        };
        if key == "search" {
            return &l.paths.search;
        }
        l.paths
            .listings
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, w)| w.as_str())
            .unwrap_or(key)
    }

    pub fn serves(&self, lang: Lang) -> bool {
        self.list.iter().any(|l| l.lang == lang)
    }

    /// The languages other than the default.
    pub fn translations(&self) -> impl Iterator<Item = Lang> + '_ {
        self.langs().filter(|l| !l.is_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_interned_once_and_checked() {
        let a = Lang::intern("xx").unwrap();
        let b = Lang::intern("xx").unwrap();
        assert!(std::ptr::eq(a.0, b.0));
        assert_eq!(a.prefix(), "/xx");
        assert_eq!(Lang::intern("da"), Some(Lang::DEFAULT));
        assert_eq!(Lang::DEFAULT.prefix(), "");
        assert_eq!(Lang::DEFAULT.home(), "/");
        assert_eq!(a.home(), "/xx/");
        for bad in ["", "x", "EN", "e1", "../", "abcdefghi", "da-dk"] {
            assert!(Lang::intern(bad).is_none(), "{bad}");
        }
    }
}
