//! `site.toml`: everything that makes the site a particular municipality's,
//! so no municipality is hard-coded in Rust.

use super::frontmatter::Split;
use super::model::{is_placeholder, Kind};
use crate::lang::{Direction, Lang, Language, Languages, Paths};
use crate::problem::{line_of, Problem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const FILE: &str = "site.toml";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Name of the site, e.g. "Find hjælp".
    pub name: String,
    /// The municipality, e.g. "Kalundborg Kommune".
    pub municipality: String,
    /// Public address of the site, used for canonical and hreflang links.
    pub base_url: String,
    /// The municipality's main phone number, or `ukendt`.
    pub switchboard_phone: String,
    /// The municipality's own website.
    pub municipality_web: String,
    /// Where "Forlad siden" leads: a neutral site.
    pub quick_exit_url: String,
    /// Send Strict-Transport-Security (only when served behind TLS).
    #[serde(default)]
    pub hsts: bool,
    pub colors: Colors,
    /// `[[language]]`: the languages the site serves, the default (Danish) first.
    #[serde(default, rename = "language", skip_serializing)]
    languages_doc: Vec<LanguageDoc>,
    /// The registry built from `[[language]]`.
    #[serde(skip)]
    pub languages: Languages,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageDoc {
    code: String,
    /// The language's name in itself.
    name: String,
    #[serde(default = "ltr")]
    dir: Direction,
    /// How search reads texts in this language (see the README: danish, english, arabic,
    /// russian, plain, …).
    analysis: String,
    /// Path words: listing pages by kind id, and `search`. Missing ones are English words.
    #[serde(default)]
    paths: BTreeMap<String, String>,
}

fn ltr() -> Direction {
    Direction::Ltr
}

/// English path words, used where a language gives none.
fn default_path(key: &str) -> &'static str {
    match key {
        "indgang" => "entry-points",
        "tilbud" => "services",
        "kursus" => "courses",
        "partner" => "partners",
        "side" => "pages",
        _ => "search",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Header, links and buttons; must read well as white text on it and as text on white.
    pub primary: String,
    /// The acute-help banner; white text on it.
    pub acute: String,
}

impl SiteConfig {
    pub fn switchboard_known(&self) -> bool {
        !is_placeholder(&self.switchboard_phone)
    }
}

pub fn parse(text: &str) -> Result<(SiteConfig, Vec<Problem>), Problem> {
    let split = Split {
        front: text,
        front_line: 1,
        body: "",
        body_line: 0,
    };
    let config: SiteConfig = super::frontmatter::parse(FILE, &split)?;
    let mut problems = Vec::new();
    let line_for = |key: &str| {
        text.find(&format!("{key} "))
            .or_else(|| text.find(key))
            .map(|o| line_of(text, o))
            .unwrap_or(1)
    };
    for (key, value) in [
        ("primary", &config.colors.primary),
        ("acute", &config.colors.acute),
    ] {
        match parse_hex(value) {
            None => problems.push(Problem::error(
                FILE,
                line_for(key),
                format!("farven `{value}` skal skrives som # og seks tegn, fx #00505f"),
            )),
            Some(rgb) if contrast(rgb, (255, 255, 255)) < 4.5 => problems.push(Problem::error(
                FILE,
                line_for(key),
                format!(
                    "farven `{value}` er for lys: hvid tekst på den kan ikke læses godt nok \
                     (kontrast {:.1}:1, kravet er mindst 4,5:1). Vælg en mørkere farve",
                    contrast(rgb, (255, 255, 255))
                ),
            )),
            Some(_) => {}
        }
    }
    let mut config = config;
    config.languages = languages(&config.languages_doc, text, &mut problems);
    if !config.switchboard_known() {
        problems.push(Problem::warning(
            FILE,
            line_for("switchboard_phone"),
            "kommunens hovednummer er ikke udfyldt (`ukendt`): siderne henviser i stedet til kommunens hjemmeside. Skriv det rigtige nummer, når det er kendt",
        ));
    }
    Ok((config, problems))
}

/// The registry from `[[language]]`: checked codes, the default first. Without any entry
/// the site serves the default language only.
fn languages(docs: &[LanguageDoc], text: &str, problems: &mut Vec<Problem>) -> Languages {
    let line_of_code = |code: &str| {
        text.find(&format!("\"{code}\""))
            .map(|o| line_of(text, o))
            .unwrap_or(1)
    };
    let mut list: Vec<Language> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let line = line_of_code(&d.code);
        let Some(lang) = Lang::intern(&d.code) else {
            problems.push(Problem::error(
                FILE,
                line,
                format!(
                    "sprogkoden `{}` skal være 2-8 små bogstaver, fx \"uk\" eller \"ar\"",
                    d.code
                ),
            ));
            continue;
        };
        if i == 0 && !lang.is_default() {
            problems.push(Problem::error(FILE, line, format!("det første [[language]] skal være sidens hovedsprog, dansk (code = \"{}\"): det er dansk, der står i alle *.da.md-filer", Lang::DEFAULT)));
        }
        if i > 0 && lang.is_default() || list.iter().any(|l| l.lang == lang) {
            problems.push(Problem::error(
                FILE,
                line,
                format!("sproget `{lang}` står to gange. Behold kun det ene"),
            ));
            continue;
        }
        let mut keys: Vec<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
        keys.push("search");
        for key in d.paths.keys() {
            if !keys.contains(&key.as_str()) {
                problems.push(Problem::error(
                    FILE,
                    line,
                    format!(
                        "[language.paths] kender ikke `{key}`. Brug: {}",
                        keys.join(", ")
                    ),
                ));
            }
        }
        let word = |key: &str| {
            d.paths
                .get(key)
                .cloned()
                .unwrap_or_else(|| default_path(key).to_string())
        };
        let paths = Paths {
            listings: Kind::ALL
                .iter()
                .map(|k| (k.id().to_string(), word(k.id())))
                .collect(),
            search: word("search"),
        };
        let mut words: Vec<&str> = paths.listings.iter().map(|(_, w)| w.as_str()).collect();
        words.push(&paths.search);
        for w in &words {
            let valid = !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !valid {
                problems.push(Problem::error(
                    FILE,
                    line,
                    format!("stien `{w}` må kun have små bogstaver a-z, tal og bindestreg"),
                ));
            }
        }
        let mut sorted = words.clone();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[0] == w[1]) {
            problems.push(Problem::error(
                FILE,
                line,
                format!(
                    "sproget `{lang}` bruger samme sti til to sider. Giv hver side sin egen sti"
                ),
            ));
        }
        list.push(Language {
            lang,
            name: d.name.trim().to_string(),
            dir: d.dir,
            analysis: d.analysis.trim().to_string(),
            paths,
        });
    }
    if !list.iter().any(|l| l.lang.is_default()) {
        list.insert(
            0,
            Language {
                lang: Lang::DEFAULT,
                name: "Dansk".to_string(),
                dir: Direction::Ltr,
                analysis: "danish".to_string(),
                paths: Paths {
                    listings: Kind::ALL
                        .iter()
                        .map(|k| (k.id().to_string(), k.folder().to_string()))
                        .collect(),
                    search: "soeg".to_string(),
                },
            },
        );
    }
    Languages::new(list)
}

fn parse_hex(value: &str) -> Option<(u8, u8, u8)> {
    let hex = value.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// WCAG 2.1 contrast ratio of two sRGB colours.
fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let channel = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_of_black_on_white_is_21() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
        assert_eq!(parse_hex("#00505f"), Some((0, 0x50, 0x5f)));
        assert_eq!(parse_hex("00505f"), None);
    }
}
