//! Words with their positions, stop words, per-language stemming and HTML escaping.
//!
//! Word splitting follows `crate::analysis::words` exactly (letters and digits make
//! words, everything else separates them, lower-cased), but without allocating per
//! word and with byte offsets, which the index builder and the snippets need.

use crate::analysis;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Words longer than this (in bytes) are noise (pasted strings, base64…) and are ignored.
pub(crate) const MAX_WORD_BYTES: usize = 60;

/// How a language's documents and queries are analysed (`analysis` in `site.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Analysis {
    /// Danish stems, æøå folding, compounds, Danish stop words.
    Danish,
    /// English stems and stop words.
    English,
    /// A Snowball stemmer (German, Swedish, Russian …), no stop words.
    Stemmed(Algorithm),
    /// Arabic: letters normalised (vowel marks, alef/yeh/heh forms, the article), then
    /// the Arabic stemmer.
    Arabic,
    /// No stemmer (e.g. Ukrainian): letters normalised, and every query word also matches
    /// as the beginning of words.
    Plain,
}

impl Analysis {
    /// The names `site.toml` may use.
    pub const NAMES: [&'static str; 14] = [
        "danish",
        "english",
        "german",
        "swedish",
        "norwegian",
        "dutch",
        "french",
        "spanish",
        "italian",
        "portuguese",
        "finnish",
        "russian",
        "arabic",
        "plain",
    ];

    pub fn by_name(name: &str) -> Option<Analysis> {
        Some(match name {
            "danish" => Analysis::Danish,
            "english" => Analysis::English,
            "german" => Analysis::Stemmed(Algorithm::German),
            "swedish" => Analysis::Stemmed(Algorithm::Swedish),
            "norwegian" => Analysis::Stemmed(Algorithm::Norwegian),
            "dutch" => Analysis::Stemmed(Algorithm::Dutch),
            "french" => Analysis::Stemmed(Algorithm::French),
            "spanish" => Analysis::Stemmed(Algorithm::Spanish),
            "italian" => Analysis::Stemmed(Algorithm::Italian),
            "portuguese" => Analysis::Stemmed(Algorithm::Portuguese),
            "finnish" => Analysis::Stemmed(Algorithm::Finnish),
            "russian" => Analysis::Stemmed(Algorithm::Russian),
            "arabic" => Analysis::Arabic,
            "plain" => Analysis::Plain,
            _ => return None,
        })
    }

    /// Stem of one lower-cased word, the term of the main fields.
    pub(crate) fn stem(self, word: &str) -> String {
        match self {
            Analysis::Danish => analysis::stem(word),
            Analysis::English => stemmer(Algorithm::English).stem(word).into_owned(),
            Analysis::Stemmed(a) => stemmer(a).stem(word).into_owned(),
            Analysis::Arabic => stemmer(Algorithm::Arabic)
                .stem(&analysis::loose(word))
                .into_owned(),
            Analysis::Plain => analysis::loose(word),
        }
    }

    /// Folded term: for Danish the ASCII spelling of æ/ø/å, then the stem (the form in
    /// which `boern` and `børn` meet); for the others the stem.
    pub(crate) fn fold_stem(self, word: &str) -> String {
        match self {
            Analysis::Danish => analysis::stem(&analysis::fold(word)),
            _ => self.stem(word),
        }
    }

    /// The spelling key typed words are looked up by (typos, beginnings of words).
    pub(crate) fn key(self, word: &str) -> String {
        match self {
            Analysis::Arabic | Analysis::Plain => analysis::loose(word),
            _ => analysis::fold(word),
        }
    }

    /// The key synonyms are matched on: folded and stemmed, so `Joints`, `joint`
    /// and `bælle`/`baelle` meet.
    pub(crate) fn synonym_key(self, word: &str) -> String {
        self.fold_stem(word)
    }

    pub(crate) fn is_stop(self, word: &str) -> bool {
        let list = match self {
            Analysis::Danish => DA_STOP,
            Analysis::English => EN_STOP,
            _ => return false,
        };
        list.binary_search(&word).is_ok()
    }

    pub(crate) fn has_compounds(self) -> bool {
        self == Analysis::Danish
    }

    /// Whether every query word also matches as the beginning of words (no stemmer).
    pub(crate) fn prefixes_every_word(self) -> bool {
        self == Analysis::Plain
    }

    /// A word that may be written in another spelling of the same word (Danish without
    /// æ/ø/å; Arabic with vowel marks or other alef forms).
    pub(crate) fn needs_fold(self, w: &str) -> bool {
        match self {
            Analysis::Danish => {
                w.is_ascii() && (w.contains("ae") || w.contains("oe") || w.contains("aa"))
            }
            _ => false,
        }
    }
}

/// One Snowball stemmer per algorithm, made once.
fn stemmer(a: Algorithm) -> &'static Stemmer {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static STEMMERS: OnceLock<Mutex<HashMap<u8, &'static Stemmer>>> = OnceLock::new();
    let key = a as u8;
    let map = STEMMERS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = map.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(key)
        .or_insert_with(|| Box::leak(Box::new(Stemmer::create(a))))
}

/// Calls `f(start, end, lower_cased_word)` for every word of `text`, in order.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, &str)) {
    for_each_raw_word(text, |s, e| {
        let w = &text[s..e];
        if is_lowercase(w) {
            f(s, e, w);
        } else {
            let lower = w.to_lowercase();
            f(s, e, &lower);
        }
    });
}

/// Calls `f(start, end)` for every word of `text` (as written), in order.
pub(crate) fn for_each_raw_word(text: &str, mut f: impl FnMut(usize, usize)) {
    raw_words_while(text, |s, e| {
        f(s, e);
        true
    });
}

/// Like [`for_each_raw_word`], stopping after `f` returns false.
pub(crate) fn raw_words_while(text: &str, mut f: impl FnMut(usize, usize) -> bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    // ASCII decided in line, the word's end in a tight loop of its own: this scan runs
    // over every item's text.
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        let (is_word, len) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            word_char_at(text, i)
        };
        i += len;
        if !is_word {
            continue;
        }
        i = word_end(text, i);
        if !f(start, i) {
            return;
        }
    }
}

/// (is a word character, its length) of the non-ASCII character at byte `i`.
#[inline(always)]
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let c = text[i..].chars().next().unwrap_or(' ');
    (
        is_alphanumeric(c) || analysis::is_word_mark(c),
        c.len_utf8(),
    )
}

/// The bytes a word may start with for a scan to stop there ([`words_starting_while`]).
#[derive(Clone)]
pub(crate) struct Starts {
    set: [bool; 256],
    /// The bytes of `set` when there are at most three (searched with `memchr`).
    few: Vec<u8>,
}

impl Starts {
    pub(crate) fn new(bytes: impl IntoIterator<Item = u8>) -> Starts {
        let mut set = [false; 256];
        for b in bytes {
            set[b as usize] = true;
        }
        let all: Vec<u8> = (0..=255u8).filter(|&b| set[b as usize]).collect();
        let few = if all.len() <= 3 { all } else { Vec::new() };
        Starts { set, few }
    }

    /// Every byte: the scan visits every word.
    #[cfg(test)]
    pub(crate) fn any() -> Starts {
        Starts::new(0..=255)
    }

    /// The next position at or after `from` holding one of the bytes.
    fn next(&self, bytes: &[u8], from: usize) -> Option<usize> {
        let rest = &bytes[from..];
        let found = match self.few[..] {
            [] => rest.iter().position(|&b| self.set[b as usize]),
            [a] => memchr::memchr(a, rest),
            [a, b] => memchr::memchr2(a, b, rest),
            [a, b, c] => memchr::memchr3(a, b, c, rest),
            _ => unreachable!("`few` holds at most three bytes"),
        };
        found.map(|i| from + i)
    }
}

/// Like [`raw_words_while`], but only for the words whose first byte is in `starts`: the
/// scan jumps from one such byte to the next (a snippet's scan for the few letters the
/// query's words begin with), so the same words come out, minus the others.
pub(crate) fn words_starting_while(
    text: &str,
    starts: &Starts,
    mut f: impl FnMut(usize, usize) -> bool,
) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        // A word's first byte is ASCII or a UTF-8 lead byte, never a continuation byte,
        // so `p` is a character boundary.
        let Some(p) = starts.next(bytes, pos) else {
            return;
        };
        let (is_word, len) = if bytes[p] < 0x80 {
            (bytes[p].is_ascii_alphanumeric(), 1)
        } else {
            word_char_at(text, p)
        };
        if !is_word || (p > 0 && word_char_before(text, p)) {
            pos = p + len;
            continue;
        }
        let end = word_end(text, p + len);
        if !f(p, end) {
            return;
        }
        pos = end;
    }
}

/// Whether the character ending at byte `i` is a word character.
fn word_char_before(text: &str, i: usize) -> bool {
    let c = text[..i].chars().next_back().unwrap_or(' ');
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_alphanumeric(c) || analysis::is_word_mark(c)
    }
}

/// Where the word running through byte `i` ends.
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            i += 1;
        } else {
            let (is_word, len) = word_char_at(text, i);
            if !is_word {
                break;
            }
            i += len;
        }
    }
    i
}

/// `char::is_alphanumeric`, with a fast path for the Latin-1 letters (æ, ø, å, é …).
#[inline]
fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0xC0..=0xFF => c != '×' && c != '÷',
        0x80..=0xBF => matches!(c, 'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼' | '½' | '¾'),
        _ => c.is_alphanumeric(),
    }
}

/// True when lower-casing `w` would not change it.
pub(crate) fn is_lowercase(w: &str) -> bool {
    if w.is_ascii() {
        return !w.bytes().any(|b| b.is_ascii_uppercase());
    }
    w.chars().all(|c| {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    })
}

/// Number of characters (not bytes).
pub(crate) fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Appends `text` HTML-escaped to `out`, collapsing runs of white space to one space.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut in_space = false;
    // Start of the pending run of characters copied as they are (pushed in one go).
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let c = if b < 0x80 {
            let plain = !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
                && !b.is_ascii_whitespace()
                && !b.is_ascii_control();
            if plain {
                i += 1;
                in_space = false;
                continue;
            }
            b as char
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if !c.is_whitespace() && !c.is_control() {
                i += c.len_utf8();
                in_space = false;
                continue;
            }
            c
        };
        out.push_str(&text[run..i]);
        i += c.len_utf8();
        run = i;
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        out.push_str(match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => " ",
        });
    }
    out.push_str(&text[run..]);
}

/// Danish words too common to search for. Sorted (byte order) for binary search.
/// Content words such as `bør`, `unge`, `hjælp` are deliberately not here.
pub(crate) const DA_STOP: &[&str] = &[
    "ad", "af", "alle", "alt", "anden", "andet", "andre", "at", "blev", "blive", "bliver", "da",
    "de", "dem", "den", "denne", "deres", "det", "dette", "dig", "din", "dine", "dit", "dog", "du",
    "efter", "eller", "en", "end", "er", "et", "for", "fra", "fx", "ham", "han", "hans", "har",
    "havde", "have", "hende", "hendes", "her", "hos", "hun", "hvad", "hver", "hvert", "hvilke",
    "hvilken", "hvis", "hvor", "hvordan", "hvorfor", "i", "ikke", "ind", "jeg", "jer", "jeres",
    "jo", "kan", "kunne", "man", "mange", "med", "meget", "men", "mig", "min", "mine", "mit",
    "mod", "ned", "noget", "nogle", "nu", "når", "og", "også", "om", "op", "os", "osv", "over",
    "på", "samt", "selv", "sig", "sin", "sine", "sit", "skal", "skulle", "som", "så", "sådan",
    "thi", "til", "ud", "under", "var", "ved", "vi", "vil", "ville", "vor", "være", "været",
];

/// English stop words. Sorted for binary search.
pub(crate) const EN_STOP: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did",
    "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "she", "so", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "to", "us", "was", "we", "were",
    "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The jumping scan finds exactly the words of the full scan that start with one of
    /// the bytes, for none to a dozen bytes (`memchr` up to three, a byte table above).
    #[test]
    fn jumping_scan_finds_the_words_a_full_scan_finds() {
        let text = "Søn og søster, Ærø: angst, ANGST og Angsten; familie-behandling 2026 \
                    Рідні рідко. bæk, mor, Mor, hash hash";
        let mut all = Vec::new();
        raw_words_while(text, |a, b| {
            all.push((a, b));
            true
        });
        let firsts = [
            "s", "a", "f", "A", "S", "m", "h", "b", "Р", "р", "2", "Æ", "M",
        ];
        for n in 0..=firsts.len() {
            let bytes: Vec<u8> = firsts[..n].iter().map(|w| w.as_bytes()[0]).collect();
            let starts = Starts::new(bytes.iter().copied());
            let want: Vec<(usize, usize)> = all
                .iter()
                .copied()
                .filter(|&(a, _)| bytes.contains(&text.as_bytes()[a]))
                .collect();
            let mut got = Vec::new();
            words_starting_while(text, &starts, |a, b| {
                got.push((a, b));
                true
            });
            assert_eq!(got, want, "{n} bytes");
        }
    }

    #[test]
    fn stop_lists_are_sorted() {
        for list in [DA_STOP, EN_STOP] {
            for pair in list.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{} must come before {}",
                    pair[1],
                    pair[0]
                );
            }
        }
    }

    #[test]
    fn words_match_shared_analysis() {
        let samples = [
            "Børne- og Ungdomspsykiatrien, 15-årige ÆBLER",
            "ΣΟΦΟΣ İstanbul ǅemal straße — ok",
            "tab\tand\u{0}nul 🙂emoji🙂 word",
            "",
            "***",
        ];
        for s in samples {
            let mut mine = Vec::new();
            for_each_word(s, |a, b, w| {
                assert!(a < b && b <= s.len());
                mine.push(w.to_string());
            });
            assert_eq!(mine, analysis::words(s), "for {s:?}");
        }
    }

    #[test]
    fn latin1_fast_path_agrees() {
        for c in (0u32..0x300).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn escapes_html() {
        let mut out = String::new();
        push_escaped(&mut out, "<b a=\"x\">'&'</b>\n\n  ok");
        assert_eq!(out, "&lt;b a=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt; ok");
    }

    /// `push_escaped` copies runs of plain bytes in one go; it must agree with the
    /// character-by-character definition on every kind of white space and control.
    #[test]
    fn escaping_agrees_with_the_plain_definition() {
        fn plain(text: &str) -> String {
            let (mut out, mut in_space) = (String::new(), false);
            for c in text.chars() {
                if c.is_whitespace() {
                    if !in_space {
                        out.push(' ');
                    }
                    in_space = true;
                    continue;
                }
                in_space = false;
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#39;"),
                    c if c.is_control() => out.push(' '),
                    c => out.push(c),
                }
            }
            out
        }
        let samples = [
            "Børn\u{a0}\u{a0}og unge\u{85}\u{b}x\u{0}\u{0}y",
            "æøå <ÆØÅ> \"citat\" & 'x' \u{2003}\u{2003}slut\u{9f}",
            "🙂 emoji\t\r\n\u{1f}ord\u{7f}",
            "",
            " ",
        ];
        for s in samples {
            let mut out = String::from("før:");
            push_escaped(&mut out, s);
            assert_eq!(out, format!("før:{}", plain(s)), "for {s:?}");
        }
    }
}
