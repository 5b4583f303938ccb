//! The content model: what a citizen needs to know about each piece of help.
//! Field names are Danish-neutral English in code and are the keys staff write.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The kinds of content. Each has its own folder in the content directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Indgang,
    Tilbud,
    Kursus,
    Partner,
    Side,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Indgang,
        Kind::Tilbud,
        Kind::Kursus,
        Kind::Partner,
        Kind::Side,
    ];

    /// The folder the kind's files live in.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Indgang => "indgange",
            Kind::Tilbud => "tilbud",
            Kind::Kursus => "kurser",
            Kind::Partner => "partnere",
            Kind::Side => "sider",
        }
    }

    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    /// Stable id used in URLs' query strings, JSON and the search index.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Indgang => "indgang",
            Kind::Tilbud => "tilbud",
            Kind::Kursus => "kursus",
            Kind::Partner => "partner",
            Kind::Side => "side",
        }
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// Position in [`Kind::ALL`] (the search index stores kinds as this number).
    pub fn index(self) -> usize {
        self as usize
    }

    /// Kinds whose pages must carry a contact box.
    pub fn needs_contact(self) -> bool {
        self != Kind::Side
    }

    /// Kinds whose pages must carry the fact box: the ways in and the services.
    pub fn needs_facts(self) -> bool {
        matches!(self, Kind::Indgang | Kind::Tilbud)
    }
}

pub use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Foraeldre,
    Unge,
    Fagpersoner,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Foraeldre, Audience::Unge, Audience::Fagpersoner];

    pub fn id(self) -> &'static str {
        match self {
            Audience::Foraeldre => "foraeldre",
            Audience::Unge => "unge",
            Audience::Fagpersoner => "fagpersoner",
        }
    }

    pub fn from_id(id: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.id() == id)
    }

    /// Position in [`Audience::ALL`] (the search index stores audiences as bits).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The explicit "we don't know this yet" value for contact fields and facts.
pub const PLACEHOLDER: &str = "ukendt";

/// How to get in touch. Every field may be the placeholder `ukendt`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    pub web: Option<String>,
}

/// Only the text that a translation may say again in its own language.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactText {
    pub hours: Option<String>,
}

/// One dated session of a course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    #[serde(
        deserialize_with = "super::dates::de_date",
        serialize_with = "super::dates::ser_date"
    )]
    pub date: NaiveDate,
    pub time: Option<String>,
}

/// A yes/no question answered honestly: "delvist" when it depends, "ukendt" when no
/// source tells. Staff write the Danish word; it is also the id in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    Ja,
    Nej,
    Delvist,
    Ukendt,
}

impl Answer {
    pub fn id(self) -> &'static str {
        match self {
            Answer::Ja => "ja",
            Answer::Nej => "nej",
            Answer::Delvist => "delvist",
            Answer::Ukendt => "ukendt",
        }
    }
}

/// What a family needs to know before making contact (the fact box at the top of a page).
/// Text fields may be the placeholder `ukendt`, which the page shows as unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// Can you use it without giving your name?
    pub anonymous: Option<Answer>,
    /// What "anonymous" means here, in a sentence.
    pub anonymous_note: Option<String>,
    /// Can a young person use it without their parents? (The search filter for young people.)
    pub without_parents: Option<Answer>,
    /// When and what parents are told.
    pub parents_told: Option<String>,
    pub referral: Option<String>,
    pub cost: Option<String>,
    pub ages: Option<String>,
    pub wait: Option<String>,
    #[serde(rename = "where")]
    pub location: Option<String>,
}

impl Facts {
    /// The text facts with their front-matter keys, in the order the fact box shows them.
    pub fn texts(&self) -> [(&'static str, Option<&str>); 7] {
        [
            ("anonymous_note", self.anonymous_note.as_deref()),
            ("parents_told", self.parents_told.as_deref()),
            ("referral", self.referral.as_deref()),
            ("cost", self.cost.as_deref()),
            ("ages", self.ages.as_deref()),
            ("wait", self.wait.as_deref()),
            ("where", self.location.as_deref()),
        ]
    }
}

/// The facts' text in a translation; the answers (ja/nej/…) come from the Danish file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsText {
    pub anonymous_note: Option<String>,
    pub parents_told: Option<String>,
    pub referral: Option<String>,
    pub cost: Option<String>,
    pub ages: Option<String>,
    pub wait: Option<String>,
    #[serde(rename = "where")]
    pub location: Option<String>,
}

/// Where a fact comes from: a document's file name (e.g. a seed such as
/// `004_ac04742efed3594c.txt`) or a public web address, and when it was last checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(rename = "ref")]
    pub reference: String,
    /// A readable name for the "Kilder" line; without it the address or file name is shown.
    pub title: Option<String>,
    #[serde(
        deserialize_with = "super::dates::de_date",
        serialize_with = "super::dates::ser_date"
    )]
    pub checked: NaiveDate,
}

impl Source {
    pub fn is_web(&self) -> bool {
        let r = self.reference.trim();
        r.starts_with("https://") || r.starts_with("http://")
    }
}

/// English title, summary and search words for an item whose body is Danish only.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// Months between reviews when `review_months` is not given.
pub const DEFAULT_REVIEW_MONTHS: u32 = 12;

fn default_review_months() -> u32 {
    DEFAULT_REVIEW_MONTHS
}

/// What an item says about itself: the front matter of its Danish (master) file.
/// A translation replaces only the text fields (see [`TranslationFrontMatter`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub summary: String,
    pub audience: Vec<Audience>,
    pub age: Option<[u8; 2]>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub legal_basis: Option<String>,
    pub provider: Option<String>,
    /// Whether the municipality runs it (default: yes, except for partners). Only then does a
    /// page send people to the municipality's main number when a contact detail is unknown.
    pub municipal: Option<bool>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(
        deserialize_with = "super::dates::de_date",
        serialize_with = "super::dates::ser_date"
    )]
    pub reviewed: NaiveDate,
    #[serde(default = "default_review_months")]
    pub review_months: u32,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    pub facts: Option<Facts>,
    pub contact: Option<Contact>,
    /// Title, summary and keywords in other languages, from `[en]`, `[uk]` … tables (for
    /// items that have no full translation file in that language).
    #[serde(skip)]
    pub heads: std::collections::BTreeMap<Lang, Head>,
    // Courses only.
    pub place: Option<String>,
    pub capacity: Option<u32>,
    pub signup: Option<String>,
    #[serde(default)]
    pub sessions: Vec<Session>,
}

/// Front matter of a translation: text fields only; everything else comes from the Danish file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationFrontMatter {
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub legal_basis: Option<String>,
    pub provider: Option<String>,
    pub place: Option<String>,
    pub signup: Option<String>,
    pub facts: Option<FactsText>,
    pub contact: Option<ContactText>,
}

/// One item in one language, ready to show. Reads of its fields (`item.title`)
/// go through to [`Meta`].
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub slug: String,
    pub kind: Kind,
    pub lang: Lang,
    /// False when the body is the Danish text standing in for a missing translation.
    pub translated: bool,
    /// False when title, summary and keywords are Danish too (no English file, no `[en]`).
    pub head_translated: bool,
    /// False when the facts' text is Danish (shown with `lang="da"` on an English page).
    pub facts_translated: bool,
    pub path: String,
    #[serde(flatten)]
    /// Shared by the languages that show the Danish facts in place of a translation.
    pub meta: std::sync::Arc<Meta>,
    /// Sanitised HTML of the Markdown body, shared by the languages that show the Danish
    /// text in place of a translation (show it with [`Item::page_body_html`]).
    pub body_html: std::sync::Arc<str>,
    /// The items the body links to (`slug:` links).
    pub body_links: Vec<String>,
    /// Plain text of the body, one block per line (for search and readability); empty
    /// for a stand-in for a missing translation (see `Item::in_own_words`).
    pub body_text: std::sync::Arc<str>,
}

impl std::ops::Deref for Item {
    type Target = Meta;
    fn deref(&self) -> &Meta {
        &self.meta
    }
}

impl Item {
    pub fn url(&self) -> String {
        crate::paths::item(self.lang, &self.slug)
    }

    /// The body's HTML for this item's page. A stand-in for a missing translation shares
    /// the Danish HTML, whose links to other items lead to Danish pages: here they lead
    /// into the page's language (stand-ins are rendered per request, so this costs no
    /// start-up time or memory per language).
    pub fn page_body_html(&self) -> std::borrow::Cow<'_, str> {
        if self.translated || self.lang.is_default() || self.body_links.is_empty() {
            return std::borrow::Cow::Borrowed(&self.body_html);
        }
        let mut html = self.body_html.to_string();
        for slug in &self.body_links {
            let danish = format!("href=\"{}\"", crate::paths::item(Lang::DEFAULT, slug));
            let own = format!("href=\"{}\"", crate::paths::item(self.lang, slug));
            html = html.replace(&danish, &own);
        }
        std::borrow::Cow::Owned(html)
    }

    /// Whether this language's search and kept pages ([`crate::site::Site::page`]) include the item: it has
    /// words in the language (a file or a `[<code>]` table). Others are still served, in
    /// Danish under a notice, rendered when asked for (a large site in several languages
    /// would otherwise hold a Danish copy of every page per language).
    pub fn in_own_words(&self) -> bool {
        self.lang.is_default() || self.head_translated
    }

    /// Sessions on or after `today`, soonest first.
    pub fn upcoming_sessions(&self, today: NaiveDate) -> Vec<&Session> {
        let mut s: Vec<&Session> = self.sessions.iter().filter(|s| s.date >= today).collect();
        s.sort_by_key(|s| s.date);
        s
    }

    pub fn is_for_age(&self, age: u8) -> bool {
        self.age.is_none_or(|[lo, hi]| lo <= age && age <= hi)
    }

    /// Run by the municipality? Partners (associations, volunteers) are not, unless said so.
    pub fn is_municipal(&self) -> bool {
        self.municipal.unwrap_or(self.kind != Kind::Partner)
    }

    /// The date the text should be reviewed again by.
    pub fn review_due(&self) -> NaiveDate {
        self.reviewed
            .checked_add_months(chrono::Months::new(self.review_months))
            .unwrap_or(self.reviewed)
    }

    /// Can a young person use it without their parents (facts say plainly "ja")?
    pub fn usable_without_parents(&self) -> bool {
        self.facts
            .as_ref()
            .is_some_and(|f| f.without_parents == Some(Answer::Ja))
    }
}

pub fn is_placeholder(value: &str) -> bool {
    value.trim().eq_ignore_ascii_case(PLACEHOLDER)
}
