//! The vocabulary of one language's documents: every distinct word with its analysis
//! (stem, folded stem, compound parts), interned terms, and a sorted list of folded
//! spellings for typo-tolerant (edit distance) and prefix look-ups and suggestions.

use super::compound::Splitter;
use super::text::{Analysis, MAX_WORD_BYTES};
use crate::analysis::{self, distance};
use std::sync::OnceLock;

pub(crate) type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// No term (e.g. no folded form for English).
pub(crate) const NONE: u32 = u32::MAX;
/// Edits within which a key's neighbours are kept ([`Vocab::fuzzy_key`]): the most a
/// search allows.
const NEAR_EDITS: u8 = 2;
/// Keys near one key, with their distance ([`Vocab::fuzzy`]).
type Neighbours = Box<[(u32, u8)]>;

/// Interned term strings (stems), so per-word analysis is a few integers.
#[derive(Default)]
pub(crate) struct Terms {
    ids: FxMap<String, u32>,
    strs: Vec<String>,
}

impl Terms {
    pub(crate) fn intern(&mut self, s: String) -> u32 {
        if let Some(&id) = self.ids.get(s.as_str()) {
            return id;
        }
        let id = self.strs.len() as u32;
        self.strs.push(s.clone());
        self.ids.insert(s, id);
        id
    }
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }
    /// Number of terms (ids are 0..count).
    pub(crate) fn count(&self) -> usize {
        self.strs.len()
    }
    pub(crate) fn str(&self, id: u32) -> &str {
        &self.strs[id as usize]
    }
}

/// Analysis of one distinct word.
pub(crate) struct WordInfo {
    pub(crate) stop: bool,
    /// Stem, the term of the main fields.
    pub(crate) main: u32,
    /// Stem of the ASCII-folded spelling (Danish), so `boern` can reach `børn`.
    pub(crate) fold: u32,
    /// Stems of its compound parts (empty when not a compound).
    pub(crate) parts: Box<[u32]>,
    /// Folded stems of its compound parts.
    pub(crate) fold_parts: Box<[u32]>,
}

/// Term id → ids (of words, or of other terms), in compressed rows.
#[derive(Default)]
pub(crate) struct TermWords {
    offsets: Vec<u32>,
    words: Vec<u32>,
}

impl TermWords {
    fn build(num_terms: usize, mut pairs: Vec<(u32, u32)>) -> TermWords {
        pairs.sort_unstable();
        pairs.dedup();
        let mut offsets = vec![0u32; num_terms + 1];
        for &(t, _) in &pairs {
            offsets[t as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        TermWords {
            offsets,
            words: pairs.into_iter().map(|(_, w)| w).collect(),
        }
    }

    pub(crate) fn get(&self, term: u32) -> &[u32] {
        let t = term as usize;
        match (self.offsets.get(t), self.offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.words[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// One folded spelling in the sorted key list.
pub(crate) struct KeyInfo {
    /// How often words with this spelling occur in the corpus.
    pub(crate) freq: u32,
    /// The most frequent word spelled like this (for suggestions).
    pub(crate) display: u32,
    /// Main-field stems of the words spelled like this.
    pub(crate) stems: Box<[u32]>,
}

/// Collects the words of the documents, then analyses each distinct word once.
#[derive(Default)]
pub(crate) struct VocabBuilder {
    ids: FxMap<String, u32>,
    words: Vec<String>,
    freq: Vec<u32>,
}

impl VocabBuilder {
    /// Id of `word` (lower-cased), counting one occurrence.
    pub(crate) fn add(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            self.freq[id as usize] += 1;
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.to_string());
        self.freq.push(1);
        self.ids.insert(word.to_string(), id);
        id
    }

    pub(crate) fn finish(self, lang: Analysis) -> Vocab {
        let VocabBuilder { words, freq, .. } = self;
        let mut terms = Terms::default();
        let stems: Vec<String> = words.iter().map(|w| lang.stem(w)).collect();
        let splitter = Splitter::new(
            lang,
            words
                .iter()
                .zip(&stems)
                .map(|(w, s)| (w.as_str(), s.as_str())),
        );
        let mut infos = Vec::with_capacity(words.len());
        let mut main_known = Vec::new();
        let mut fold_main_pairs = Vec::new();
        for (w, stem) in words.iter().zip(stems) {
            let stop = lang.is_stop(w);
            let main = terms.intern(stem);
            let fold = if lang.has_compounds() {
                // Skip a second stemming when folding changes nothing.
                let folded = analysis::fold(w);
                if folded == *w {
                    main
                } else {
                    terms.intern(lang.fold_stem(w))
                }
            } else {
                NONE
            };
            let (parts, fold_parts) = match (stop, splitter.split(w)) {
                (false, Some(ps)) => {
                    let mut parts = Vec::with_capacity(ps.len());
                    let mut fold_parts = Vec::with_capacity(ps.len());
                    for p in ps {
                        let id = terms.intern(lang.stem(p));
                        if id != main && !parts.contains(&id) {
                            parts.push(id);
                        }
                        let fid = terms.intern(lang.fold_stem(p));
                        fold_main_pairs.push((fid, id));
                        if fid != fold && !fold_parts.contains(&fid) {
                            fold_parts.push(fid);
                        }
                    }
                    (parts.into_boxed_slice(), fold_parts.into_boxed_slice())
                }
                _ => (Box::default(), Box::default()),
            };
            if !stop {
                if fold != NONE {
                    fold_main_pairs.push((fold, main));
                }
                if main_known.len() <= main as usize {
                    main_known.resize(main as usize + 1, false);
                }
                main_known[main as usize] = true;
            }
            infos.push(WordInfo {
                stop,
                main,
                fold,
                parts,
                fold_parts,
            });
        }

        // For highlighting: the words each term (whole word or compound part) comes from.
        let mut main_pairs = Vec::with_capacity(words.len() * 2);
        let mut fold_pairs = Vec::with_capacity(words.len() * 2);
        for (id, info) in infos.iter().enumerate() {
            if info.stop {
                continue;
            }
            let id = id as u32;
            main_pairs.push((info.main, id));
            main_pairs.extend(info.parts.iter().map(|&p| (p, id)));
            if info.fold != NONE {
                fold_pairs.push((info.fold, id));
                fold_pairs.extend(info.fold_parts.iter().map(|&p| (p, id)));
            }
        }
        let num_terms = terms.strs.len();
        let main_words = TermWords::build(num_terms, main_pairs);
        let fold_words = TermWords::build(num_terms, fold_pairs);
        let fold_main = TermWords::build(num_terms, fold_main_pairs);

        // Sorted folded spellings of the alphabetic, non-stop words.
        let mut by_key: FxMap<String, KeyInfo> = FxMap::default();
        for (id, w) in words.iter().enumerate() {
            let info = &infos[id];
            if info.stop
                || w.len() > MAX_WORD_BYTES
                || !w
                    .chars()
                    .all(|c| c.is_alphabetic() || analysis::is_word_mark(c))
            {
                continue;
            }
            let f = freq[id];
            let e = by_key.entry(lang.key(w)).or_insert(KeyInfo {
                freq: 0,
                display: id as u32,
                stems: Box::default(),
            });
            if f > freq[e.display as usize] {
                e.display = id as u32;
            }
            e.freq += f;
            if !e.stems.contains(&info.main) {
                let mut v = e.stems.to_vec();
                v.push(info.main);
                e.stems = v.into_boxed_slice();
            }
        }
        let mut keyed: Vec<(String, KeyInfo)> = by_key.into_iter().collect();
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (keys, key_info): (Vec<String>, Vec<KeyInfo>) = keyed.into_iter().unzip();
        let near = (0..keys.len()).map(|_| OnceLock::new()).collect();

        Vocab {
            lang,
            words,
            infos,
            terms,
            main_known,
            keys,
            key_info,
            near,
            splitter,
            main_words,
            fold_words,
            fold_main,
        }
    }
}

pub(crate) struct Vocab {
    pub(crate) lang: Analysis,
    words: Vec<String>,
    infos: Vec<WordInfo>,
    pub(crate) terms: Terms,
    /// Per term id: used as the stem of some non-stop word (so present in the main fields).
    main_known: Vec<bool>,
    keys: Vec<String>,
    key_info: Vec<KeyInfo>,
    /// Per key: the keys within [`NEAR_EDITS`] edits of it, found the first time the key
    /// is searched for. A known word is looked up for its typo neighbours on every search
    /// that has it (most searches), and the answer only changes with the index.
    near: Vec<OnceLock<Neighbours>>,
    pub(crate) splitter: Splitter,
    /// Stem → words having it as stem or as the stem of a compound part.
    pub(crate) main_words: TermWords,
    /// Folded stem → words having it (as a whole or as a part).
    pub(crate) fold_words: TermWords,
    /// Folded stem → the stems (of words and parts) that fold to it.
    pub(crate) fold_main: TermWords,
}

impl Vocab {
    pub(crate) fn info(&self, id: u32) -> &WordInfo {
        &self.infos[id as usize]
    }
    pub(crate) fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }
    /// True when `term` is the stem of some indexed word.
    pub(crate) fn is_main_term(&self, term: u32) -> bool {
        self.main_known.get(term as usize).copied().unwrap_or(false)
    }
    pub(crate) fn key(&self, idx: u32) -> &KeyInfo {
        &self.key_info[idx as usize]
    }
    /// Index of the folded spelling `key`, if some word is spelled so.
    pub(crate) fn find_key(&self, key: &str) -> Option<u32> {
        self.keys
            .binary_search_by(|k| k.as_str().cmp(key))
            .ok()
            .map(|i| i as u32)
    }

    /// Keys starting with `prefix` (folded), at most `max_scan` looked at.
    pub(crate) fn with_prefix(
        &self,
        prefix: &str,
        max_scan: usize,
    ) -> impl Iterator<Item = u32> + '_ {
        let start = self.keys.partition_point(|k| k.as_str() < prefix);
        let prefix = prefix.to_string();
        self.keys[start..]
            .iter()
            .take(max_scan)
            .take_while(move |k| k.starts_with(prefix.as_str()))
            .enumerate()
            .map(move |(i, _)| (start + i) as u32)
    }

    /// [`Vocab::fuzzy`] of key `k`, kept for the next search for it.
    pub(crate) fn fuzzy_key(&self, k: u32, max: u8) -> Vec<(u32, u8)> {
        if max > NEAR_EDITS {
            return self.fuzzy(&self.keys[k as usize], max);
        }
        let near = self.near[k as usize]
            .get_or_init(|| self.fuzzy(&self.keys[k as usize], NEAR_EDITS).into());
        // Distances are exact, so fewer edits are a filter of more.
        near.iter().copied().filter(|&(_, d)| d <= max).collect()
    }

    /// Keys within `max` edits (insert, delete, substitute, swap neighbours) of the
    /// folded `query`, with their distance. Like most spelling correctors it trusts the
    /// first letter (typos there are rare, and it keeps this cheap): only keys starting
    /// with the same byte are considered. Walks them like a trie, reusing the rows of
    /// the shared prefix and skipping every key below a hopeless prefix.
    pub(crate) fn fuzzy(&self, query: &str, max: u8) -> Vec<(u32, u8)> {
        let q = query.as_bytes();
        let mut out = Vec::new();
        if q.is_empty() || q.len() > MAX_WORD_BYTES {
            return out;
        }
        let first = q[0];
        let lo = self
            .keys
            .partition_point(|k| k.as_bytes().first() < Some(&first));
        let hi = self
            .keys
            .partition_point(|k| k.as_bytes().first() <= Some(&first));
        let m = q.len();
        let w = m + 1;
        let mut rows = Vec::with_capacity(w * 16);
        distance::start_rows(&mut rows, m);
        let mut depth = 0usize; // rows 0..=depth are valid for `prev`
        let mut prev: &[u8] = &[];
        let mut i = lo;
        while i < hi {
            let key = self.keys[i].as_bytes();
            let lcp = prev
                .iter()
                .zip(key)
                .take_while(|(a, b)| a == b)
                .count()
                .min(depth);
            rows.truncate((lcp + 1) * w);
            let mut pruned = None;
            for d in lcp + 1..=key.len() {
                let row_min = distance::push_row(&mut rows, q, key, d);
                if row_min > max {
                    pruned = Some(d);
                    break;
                }
            }
            prev = key;
            match pruned {
                Some(d) => {
                    depth = d;
                    let p = &key[..d];
                    let skip = self.keys[i..hi].partition_point(|k| k.as_bytes().starts_with(p));
                    i += skip.max(1);
                }
                None => {
                    depth = key.len();
                    let dist = rows[key.len() * w + m];
                    if dist <= max {
                        out.push((i as u32, dist));
                    }
                    i += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::distance::tests::brute;

    fn vocab(words: &[&str]) -> Vocab {
        let mut b = VocabBuilder::default();
        for w in words {
            b.add(w);
        }
        b.finish(Analysis::Danish)
    }

    #[test]
    fn fuzzy_agrees_with_brute_force() {
        let words = [
            "headspace",
            "hedspace",
            "head",
            "heads",
            "psykolog",
            "psykologen",
            "psykiatri",
            "sundhed",
            "sundhedsplejen",
            "børn",
            "barn",
            "bor",
            "bør",
            "boern",
            "familie",
            "familier",
            "famille",
            "a",
            "ab",
            "abc",
            "abcd",
            "acbd",
            "bacd",
        ];
        let v = vocab(&words);
        for q in [
            "hedspace",
            "psykolgo",
            "familie",
            "boern",
            "abdc",
            "x",
            "sundhedspleje",
        ] {
            for max in 0..=2u8 {
                let mut got: Vec<String> = v
                    .fuzzy(q, max)
                    .into_iter()
                    .map(|(k, d)| {
                        let key = &v.keys[k as usize];
                        assert_eq!(d, brute(key.as_bytes(), q.as_bytes()), "{key} vs {q}");
                        key.clone()
                    })
                    .collect();
                got.sort();
                let mut want: Vec<String> = v
                    .keys
                    .iter()
                    .filter(|k| k.as_bytes()[0] == q.as_bytes()[0])
                    .filter(|k| brute(k.as_bytes(), q.as_bytes()) <= max)
                    .cloned()
                    .collect();
                want.sort();
                assert_eq!(got, want, "query {q} max {max}");
            }
        }
    }

    /// A key's kept neighbours, asked for in any order of edits, are what a fresh look-up
    /// finds.
    #[test]
    fn kept_neighbours_are_a_fresh_look_up() {
        let v = vocab(&[
            "familie",
            "familier",
            "famille",
            "familien",
            "fami",
            "headspace",
            "hedspace",
            "børn",
            "boern",
            "barn",
            "bor",
            "abcd",
            "acbd",
            "bacd",
        ]);
        for k in 0..v.keys.len() as u32 {
            for max in [1u8, 2, 0, 3, 1] {
                assert_eq!(v.fuzzy_key(k, max), v.fuzzy(&v.keys[k as usize], max));
            }
        }
    }

    #[test]
    fn prefix_and_keys_are_folded() {
        let v = vocab(&["psykolog", "psykiatri", "pst", "børn", "børnene", "og"]);
        let keys: Vec<&str> = v
            .with_prefix("psyk", 100)
            .map(|k| v.keys[k as usize].as_str())
            .collect();
        assert_eq!(keys, ["psykiatri", "psykolog"]);
        assert!(v.find_key("boern").is_some());
        assert!(v.find_key("og").is_none(), "stop words are not keys");
    }
}
