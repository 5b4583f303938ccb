//! `site.toml`: everything that makes the site a particular municipality's,
//! so no municipality is hard-coded in Rust.

use super::frontmatter::Split;
use super::model::is_placeholder;
use crate::problem::{line_of, Problem};
use serde::{Deserialize, Serialize};

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
    if !config.switchboard_known() {
        problems.push(Problem::warning(
            FILE,
            line_for("switchboard_phone"),
            "kommunens hovednummer er ikke udfyldt (`ukendt`): siderne henviser i stedet til kommunens hjemmeside. Skriv det rigtige nummer, når det er kendt",
        ));
    }
    Ok((config, problems))
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
