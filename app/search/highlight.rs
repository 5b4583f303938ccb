//! Which words of a text match the query, for `<mark>`: built once per query from the
//! plan's terms (through the vocabulary's term → words rows), so checking a word of a
//! document is a two-bit prefilter and, rarely, a look-up in a small map.

use super::plan::Plan;
use super::text::{is_lowercase, Starts};
use super::vocab::{FxMap, Vocab};

pub(crate) struct Matcher<'v> {
    /// Lower-cased word → bit set of the query groups it matches.
    words: FxMap<&'v str, u32>,
    /// Bit per (lower-cased) first byte of those words.
    first: [u64; 4],
    /// Bit per byte length (< 64) of those words.
    lens: u64,
    /// The bytes a word of a text may start with to match (for the snippet's scan).
    starts: Starts,
}

impl<'v> Matcher<'v> {
    pub(crate) fn new(vocab: &'v Vocab, plan: &Plan) -> Matcher<'v> {
        let mut by_id: FxMap<u32, u32> = FxMap::default();
        for (&term, &groups) in &plan.hl_main {
            for &w in vocab.main_words.get(term) {
                *by_id.entry(w).or_insert(0) |= groups;
            }
        }
        for (&term, &groups) in &plan.hl_fold {
            for &w in vocab.fold_words.get(term) {
                *by_id.entry(w).or_insert(0) |= groups;
            }
        }
        let mut m = Matcher {
            words: FxMap::default(),
            first: [0; 4],
            lens: 0,
            starts: Starts::new([]),
        };
        for (id, groups) in by_id {
            let w = vocab.word(id);
            let (Some(&b), true) = (w.as_bytes().first(), w.len() < 64) else {
                continue;
            };
            m.first[(b >> 6) as usize] |= 1 << (b & 63);
            // A capital can have another lead byte than its small letter (Cyrillic Р/р):
            // the capital's counts too, so "Рідні" is checked like "рідні".
            if let Some(capital) = w.chars().next().and_then(|c| c.to_uppercase().next()) {
                let u = capital.encode_utf8(&mut [0; 4]).as_bytes()[0];
                m.first[(u >> 6) as usize] |= 1 << (u & 63);
            }
            m.lens |= 1 << w.len();
            m.words.insert(w, groups);
        }
        let first = m.first;
        m.starts = Starts::new((0..=255u8).filter(|b| {
            let b = b.to_ascii_lowercase();
            first[(b >> 6) as usize] & (1 << (b & 63)) != 0
        }));
        m
    }

    /// The bytes a word must start with to match.
    pub(crate) fn starts(&self) -> &Starts {
        &self.starts
    }

    /// Query groups matched by a word as written in a text (0 for none).
    pub(crate) fn groups(&self, raw: &str) -> u32 {
        let Some(&b) = raw.as_bytes().first() else {
            return 0;
        };
        // Lower-casing keeps the first byte of Latin letters (ASCII, and æ/Æ share
        // their lead byte; other capitals' lead bytes are in `first` too) and the
        // length, so these are safe prefilters.
        let b = b.to_ascii_lowercase();
        if raw.len() >= 64
            || self.first[(b >> 6) as usize] & (1 << (b & 63)) == 0
            || self.lens & (1 << raw.len()) == 0
        {
            return 0;
        }
        if is_lowercase(raw) {
            self.words.get(raw).copied().unwrap_or(0)
        } else {
            self.words
                .get(raw.to_lowercase().as_str())
                .copied()
                .unwrap_or(0)
        }
    }
}
