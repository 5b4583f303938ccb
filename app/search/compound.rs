//! Splitting Danish compound words (`ungdomspsykiatrien` → `ungdom` + `psykiatrien`)
//! with a dictionary made from the corpus's own vocabulary plus a short curated list.
//!
//! Precision rules, so a false split does not produce bad hits:
//! - every part has at least [`MIN_PART`] letters, and only words of twice that are tried;
//! - a part is never a stop word (`over`, `under`, `selv` …: `underretning` is not `retning`);
//! - a modifier (every part but the last) must occur on its own somewhere in the corpus
//!   (`psykolog`, `familie`), or be a stem of 5+ letters of a corpus word (`lekti` from
//!   `lektier`), or be curated; a mere 4-letter stem is not enough (`mist` from `mistet`
//!   must not turn `mistanke` into `mist` + `anke`);
//! - the head (last part) must be a corpus word or have the stem of one (`psykiatrien`);
//! - linking letters `s` and `e` may sit between parts (`ungdom-s-psykiatri`).

use super::text::{char_len, Analysis};
use std::collections::HashSet;

/// Fewest letters in a part.
pub(crate) const MIN_PART: usize = 4;
/// Fewest letters a stem needs to count as a modifier on its own.
const MIN_STEM_MODIFIER: usize = 5;
/// Deepest recursion (so at most this many + 1 parts).
const MAX_DEPTH: usize = 3;

/// Compound parts that are useful in this domain even before the content uses them alone.
pub(crate) const CURATED: &[&str] = &[
    "adfærd",
    "alkohol",
    "angst",
    "behandling",
    "bolig",
    "børn",
    "børne",
    "center",
    "diagnose",
    "familie",
    "forældre",
    "fritid",
    "gruppe",
    "handicap",
    "hjælp",
    "hjem",
    "hjemme",
    "klage",
    "konflikt",
    "konsulent",
    "kontakt",
    "krise",
    "kursus",
    "misbrug",
    "netværk",
    "person",
    "pleje",
    "plejer",
    "psykiatri",
    "psykolog",
    "rusmiddel",
    "rådgiver",
    "rådgivning",
    "samtale",
    "skole",
    "sorg",
    "stof",
    "støtte",
    "sundhed",
    "team",
    "tilbud",
    "trivsel",
    "ungdom",
    "unge",
    "vold",
];

pub(crate) struct Splitter {
    lang: Analysis,
    /// Corpus words (and curated parts) of at least MIN_PART letters, no stop words.
    surface: HashSet<String>,
    /// Their stems.
    stems: HashSet<String>,
}

impl Splitter {
    /// `words` are the distinct lower-cased words of the corpus.
    pub(crate) fn new<'a>(
        lang: Analysis,
        words: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Splitter {
        let mut surface = HashSet::new();
        let mut stems = HashSet::new();
        let mut add = |w: &str, stem: &str| {
            if char_len(w) >= MIN_PART && !lang.is_stop(w) && w.chars().all(char::is_alphabetic) {
                surface.insert(w.to_string());
                if char_len(stem) >= 3 {
                    stems.insert(stem.to_string());
                }
            }
        };
        for (w, stem) in words {
            add(w, stem);
        }
        for w in CURATED {
            add(w, &lang.stem(w));
        }
        Splitter {
            lang,
            surface,
            stems,
        }
    }

    /// The parts of `word` (slices of it, linking letters dropped), best split first,
    /// including the parts of parts; `None` when it is not a compound we trust.
    pub(crate) fn split<'w>(&self, word: &'w str) -> Option<Vec<&'w str>> {
        if !self.lang.has_compounds() || char_len(word) < 2 * MIN_PART {
            return None;
        }
        if !word.chars().all(char::is_alphabetic) {
            return None;
        }
        let mut parts = self.split_rec(word, 0)?;
        // A part that is itself a compound (`familierådgivning` in
        // `familierådgivningscenter`) also gives its own parts.
        let mut i = 0;
        while i < parts.len() && parts.len() < 8 {
            if char_len(parts[i]) >= 2 * MIN_PART {
                if let Some(sub) = self.split_rec(parts[i], 1) {
                    for p in sub {
                        if !parts.contains(&p) {
                            parts.push(p);
                        }
                    }
                }
            }
            i += 1;
        }
        Some(parts)
    }

    fn split_rec<'w>(&self, word: &'w str, depth: usize) -> Option<Vec<&'w str>> {
        let mut best: Option<Vec<&'w str>> = None;
        let better = |cand: &Vec<&str>, best: &Option<Vec<&str>>| match best {
            None => true,
            Some(b) => {
                // Fewer parts first, then the more balanced split (longest shortest part).
                let min_len = |v: &Vec<&str>| v.iter().map(|p| char_len(p)).min().unwrap_or(0);
                (cand.len(), usize::MAX - min_len(cand)) < (b.len(), usize::MAX - min_len(b))
            }
        };
        for (i, _) in word.char_indices().skip(MIN_PART) {
            let modifier = &word[..i];
            let rest_all = &word[i..];
            if char_len(rest_all) < MIN_PART || !self.is_modifier(modifier) {
                continue;
            }
            for link in ["", "s", "e"] {
                let Some(rest) = rest_all.strip_prefix(link) else {
                    continue;
                };
                if char_len(rest) < MIN_PART {
                    continue;
                }
                let cand = if self.is_head(rest) {
                    Some(vec![modifier, rest])
                } else if depth + 1 < MAX_DEPTH && char_len(rest) >= 2 * MIN_PART {
                    self.split_rec(rest, depth + 1).map(|mut sub| {
                        sub.insert(0, modifier);
                        sub
                    })
                } else {
                    None
                };
                if let Some(c) = cand {
                    if better(&c, &best) {
                        best = Some(c);
                    }
                }
            }
        }
        best
    }

    /// Looser split for a query word the index does not know: the longest head that is a
    /// corpus word, and what precedes it (at least 3 letters, linking letter kept). The
    /// caller searches the modifier as a word or a prefix. Only for queries: an unknown
    /// word would otherwise find nothing, so a wrong guess costs no precision.
    pub(crate) fn split_head<'w>(&self, word: &'w str) -> Option<(&'w str, &'w str)> {
        if !self.lang.has_compounds() || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        word.char_indices()
            .skip(3)
            .map(|(i, _)| (&word[..i], &word[i..]))
            .find(|(_, head)| char_len(head) >= MIN_PART && self.is_head(head))
    }

    fn is_modifier(&self, part: &str) -> bool {
        if self.lang.is_stop(part) {
            return false;
        }
        self.surface.contains(part)
            || (char_len(part) >= MIN_STEM_MODIFIER && self.stems.contains(part))
    }

    fn is_head(&self, part: &str) -> bool {
        if self.lang.is_stop(part) {
            return false;
        }
        self.surface.contains(part) || self.stems.contains(&self.lang.stem(part))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn splitter(words: &[&str]) -> Splitter {
        let pairs: Vec<(String, String)> = words
            .iter()
            .map(|w| (w.to_string(), Analysis::Danish.stem(w)))
            .collect();
        Splitter::new(
            Analysis::Danish,
            pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())),
        )
    }

    #[test]
    fn splits_with_linking_letters() {
        let s = splitter(&["samtaler", "ungdom", "lektier", "mistet", "anke", "retning"]);
        assert_eq!(
            s.split("ungdomspsykiatrien"),
            Some(vec!["ungdom", "psykiatrien"])
        );
        assert_eq!(
            s.split("familierådgivningen"),
            Some(vec!["familie", "rådgivningen"])
        );
        assert_eq!(
            s.split("psykologsamtaler"),
            Some(vec!["psykolog", "samtaler"])
        );
        assert_eq!(s.split("lektiehjælp"), Some(vec!["lekti", "hjælp"]));
        assert_eq!(
            s.split("misbrugsbehandlingen"),
            Some(vec!["misbrug", "behandlingen"])
        );
        let s = splitter(&["familierådgivning", "center"]);
        assert_eq!(
            s.split("familierådgivningscenter"),
            Some(vec!["familierådgivning", "center", "familie", "rådgivning"])
        );
    }

    #[test]
    fn does_not_split_falsely() {
        let s = splitter(&["mistet", "anke", "retning", "givning", "handling"]);
        // `mist` is only a 4-letter stem of `mistet`.
        assert_eq!(s.split("mistanke"), None);
        // `under` is a stop word.
        assert_eq!(s.split("underretning"), None);
        // `råd` is too short.
        assert_eq!(s.split("rådgivning"), None);
        assert_eq!(s.split("behandling"), None);
        assert_eq!(s.split("psykolog"), None);
        assert_eq!(s.split("kalundborg"), None);
    }

    #[test]
    fn query_words_split_at_a_known_head() {
        let s = splitter(&["snakketeamet", "behandling"]);
        assert_eq!(s.split("snakkebehandling"), None);
        assert_eq!(
            s.split_head("snakkebehandling"),
            Some(("snakke", "behandling"))
        );
        assert_eq!(s.split_head("xyzzy"), None);
    }
}
