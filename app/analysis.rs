//! Danish text analysis shared by search and the guide's chat interpreter,
//! so a word means the same thing in both.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Danish))
}

/// Lower-cased words of `text` (letters and digits; everything else separates words).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Danish stem of one lower-cased word.
pub fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// Stems of every word in `text`, in order.
pub fn stems(text: &str) -> Vec<String> {
    words(text).iter().map(|w| stem(w)).collect()
}

/// ASCII spelling of Danish letters, the way people type without æøå
/// (`boern` for `børn`), so both spellings can meet in a folded field.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            'é' | 'è' => out.push('e'),
            'ü' => out.push('u'),
            'ö' => out.push_str("oe"),
            'ä' => out.push_str("ae"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_danish_inflections_alike() {
        assert_eq!(stem("rådgivningen"), stem("rådgivning"));
        assert_eq!(
            words("Børn, unge & 15-årige"),
            vec!["børn", "unge", "15", "årige"]
        );
        assert_eq!(fold("familierådslagning"), "familieraadslagning");
        assert_ne!(stem("bør"), stem("bor"));
    }
}
