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

    /// Path of the listing page, without the language prefix.
    pub fn listing_path(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Indgang, Lang::Da) => "indgange",
            (Kind::Tilbud, Lang::Da) => "tilbud",
            (Kind::Kursus, Lang::Da) => "kurser",
            (Kind::Partner, Lang::Da) => "partnere",
            (Kind::Side, Lang::Da) => "sider",
            (Kind::Indgang, Lang::En) => "entry-points",
            (Kind::Tilbud, Lang::En) => "services",
            (Kind::Kursus, Lang::En) => "courses",
            (Kind::Partner, Lang::En) => "partners",
            (Kind::Side, Lang::En) => "pages",
        }
    }

    /// Kinds whose pages must carry a contact box.
    pub fn needs_contact(self) -> bool {
        self != Kind::Side
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Da,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// URL prefix: Danish lives at the root, English under `/en`.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Da => "",
            Lang::En => "/en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Da => Lang::En,
            Lang::En => Lang::Da,
        }
    }
}

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
}

/// The explicit "we don't know this yet" value for contact fields.
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
    pub anonymous: Option<bool>,
    pub referral_needed: Option<bool>,
    pub price: Option<String>,
    pub wait: Option<String>,
    pub legal_basis: Option<String>,
    pub provider: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(
        deserialize_with = "super::dates::de_date",
        serialize_with = "super::dates::ser_date"
    )]
    pub last_reviewed: NaiveDate,
    pub review_months: u32,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub related: Vec<String>,
    pub contact: Option<Contact>,
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
    pub price: Option<String>,
    pub wait: Option<String>,
    pub legal_basis: Option<String>,
    pub provider: Option<String>,
    pub place: Option<String>,
    pub signup: Option<String>,
    pub contact: Option<ContactText>,
}

/// One item in one language, ready to show. Reads of its fields (`item.title`)
/// go through to [`Meta`].
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub slug: String,
    pub kind: Kind,
    pub lang: Lang,
    /// False when this is the Danish text standing in for a missing translation.
    pub translated: bool,
    pub path: String,
    #[serde(flatten)]
    pub meta: Meta,
    /// Sanitised HTML of the Markdown body.
    pub body_html: String,
    /// Plain text of the body, one block per line (for search and readability).
    pub body_text: String,
}

impl std::ops::Deref for Item {
    type Target = Meta;
    fn deref(&self) -> &Meta {
        &self.meta
    }
}

impl Item {
    pub fn url(&self) -> String {
        item_url(self.lang, &self.slug)
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
}

/// URL of an item's page in a language.
pub fn item_url(lang: Lang, slug: &str) -> String {
    format!("{}/{}", lang.prefix(), slug)
}

pub fn is_placeholder(value: &str) -> bool {
    value.trim().eq_ignore_ascii_case(PLACEHOLDER)
}
