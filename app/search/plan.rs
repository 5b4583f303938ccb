//! From the user's text to what to look up: groups of weighted alternative terms.
//!
//! Each query word (or multi-word synonym key) becomes a group; a document's score for
//! a group is its best alternative (plus a little of the others). Alternatives:
//! the word's stem (weight 1), its folded stem for ASCII spellings (`boern` → `børn`), the
//! compound parts of an unknown compound (`forældrekursus` → two groups), typo
//! corrections within edit distance 1 (5+ letters) or 2 (9+), completions of a half-typed
//! last word, and synonyms. Words are never parsed as query syntax.

use super::compound::MIN_PART;
use super::synonyms::List;
use super::text::{char_len, for_each_word, MAX_WORD_BYTES};
use super::vocab::{FxMap, Vocab};
use crate::analysis;

/// Most words of a query that are looked at.
pub(crate) const MAX_QUERY_WORDS: usize = 32;
/// Most bytes of a query that are looked at.
const MAX_QUERY_BYTES: usize = 2048;
/// Most groups (they are tracked as bits of a u32).
const MAX_GROUPS: usize = 32;

const W_EXACT: f32 = 1.0;
const W_FOLD: f32 = 0.95;
const W_PART: f32 = 0.9;
const W_SYNONYM: f32 = 0.7;
const W_PREFIX: f32 = 0.6;
const W_FUZZY_1: f32 = 0.6;
const W_FUZZY_2: f32 = 0.45;
/// Typo alternatives of a word that exists as written.
const W_FUZZY_KNOWN: f32 = 0.25;
const MAX_FUZZY: usize = 3;
const MAX_PREFIX: usize = 8;
const PREFIX_SCAN: usize = 4000;
/// Shortest half-typed word that is completed.
const MIN_PREFIX_CHARS: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Space {
    /// Stems, searched in the main and compound-part fields.
    Main,
    /// A folded stem, standing for the stems that fold to it (`boern` → `børn`).
    Fold,
}

#[derive(Debug)]
pub(crate) struct Alt {
    pub(crate) term: String,
    pub(crate) space: Space,
    pub(crate) weight: f32,
}

#[derive(Debug, Default)]
pub(crate) struct Group {
    pub(crate) alts: Vec<Alt>,
}

impl Group {
    fn add(&mut self, term: String, space: Space, weight: f32) {
        if let Some(a) = self
            .alts
            .iter_mut()
            .find(|a| a.term == term && a.space == space)
        {
            a.weight = a.weight.max(weight);
        } else {
            self.alts.push(Alt {
                term,
                space,
                weight,
            });
        }
    }
}

/// A word of the query as typed (lower-cased), for the spelling suggestion.
#[derive(Debug)]
pub(crate) struct QueryWord {
    pub(crate) text: String,
    /// Spelled like some word of the index, or explained otherwise (stop word,
    /// synonym, compound, completion): no spelling suggestion for it.
    pub(crate) settled: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub(crate) groups: Vec<Group>,
    /// Term id (main space) → bit set of the groups it belongs to; for highlighting.
    pub(crate) hl_main: FxMap<u32, u32>,
    /// Likewise for folded terms.
    pub(crate) hl_fold: FxMap<u32, u32>,
    pub(crate) words: Vec<QueryWord>,
}

/// `text` cut to at most `max` bytes at a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

pub(crate) fn plan(text: &str, vocab: &Vocab, synonyms: &List) -> Plan {
    let lang = vocab.lang;
    let mut words: Vec<String> = Vec::new();
    for_each_word(truncate(text, MAX_QUERY_BYTES), |_, _, w| {
        if words.len() < MAX_QUERY_WORDS && w.len() <= MAX_WORD_BYTES {
            words.push(w.to_string());
        }
    });
    let mut plan = Plan::default();
    if words.is_empty() {
        return plan;
    }
    let keys: Vec<String> = words.iter().map(|w| lang.synonym_key(w)).collect();
    let last = words.len() - 1;
    let mut i = 0;
    while i < words.len() {
        if plan.groups.len() >= MAX_GROUPS {
            break;
        }
        if let Some((n, values)) = synonyms.lookup(&keys, i) {
            let mut group = Group::default();
            for w in &words[i..i + n] {
                if !lang.is_stop(w) {
                    group.add(lang.stem(w), Space::Main, W_EXACT);
                    if lang.needs_fold(w) {
                        group.add(lang.stem(w), Space::Fold, W_FOLD);
                    }
                }
                plan.words.push(QueryWord {
                    text: w.clone(),
                    settled: true,
                });
            }
            for value in values {
                for w in analysis::words(value) {
                    if !lang.is_stop(&w) {
                        group.add(lang.stem(&w), Space::Main, W_SYNONYM);
                    }
                }
            }
            plan.groups.push(group);
            i += n;
            continue;
        }
        let w = &words[i];
        if lang.is_stop(w) {
            plan.words.push(QueryWord {
                text: w.clone(),
                settled: true,
            });
        } else {
            let settled = word_groups(&mut plan.groups, w, i == last, vocab);
            plan.words.push(QueryWord {
                text: w.clone(),
                settled,
            });
        }
        i += 1;
    }
    plan.groups.truncate(MAX_GROUPS);

    // Highlighting: which indexed terms belong to which group.
    for (g, group) in plan.groups.iter().enumerate() {
        for alt in &group.alts {
            if let Some(id) = vocab.terms.get(&alt.term) {
                let map = match alt.space {
                    Space::Main => &mut plan.hl_main,
                    Space::Fold => &mut plan.hl_fold,
                };
                *map.entry(id).or_insert(0) |= 1 << g;
            }
        }
    }
    plan
}

/// Adds the group(s) of one non-stop word. Returns whether the word is settled
/// (needs no spelling suggestion).
fn word_groups(groups: &mut Vec<Group>, w: &str, is_last: bool, vocab: &Vocab) -> bool {
    let lang = vocab.lang;
    let stem = lang.stem(w);
    let stem_id = vocab.terms.get(&stem);
    let known_main = stem_id.is_some_and(|id| vocab.is_main_term(id));
    let key = lang.key(w);
    let key_id = vocab.find_key(&key);
    let key_known = key_id.is_some();
    let fold = lang.needs_fold(w);
    let n = char_len(w);

    // An unknown compound: search its parts, each as its own group.
    if !known_main && !key_known {
        if let Some(parts) = vocab.splitter.split(w) {
            let mut stems: Vec<String> = Vec::new();
            for p in parts {
                let s = lang.stem(p);
                if !stems.contains(&s) {
                    stems.push(s);
                }
            }
            for s in stems {
                let mut g = Group::default();
                g.add(s.clone(), Space::Main, W_PART);
                if fold {
                    g.add(s, Space::Fold, W_PART * W_FOLD);
                }
                groups.push(g);
            }
            return true;
        }
    }

    // An unknown word ending in a known word (`rusmiddelbehandling`): the head, and the
    // modifier as a word or as the start of words (`rusmiddel` → `rusmiddelteamet`).
    // Not for a word within two typos of an index word: that is a misspelling
    // (`hedspase` is `headspace`, not `heds` + `pase`), left to the spelling suggestion.
    if !known_main
        && !key_known
        && n >= 2 * MIN_PART
        && !vocab.fuzzy(&key, 2).iter().any(|&(_, d)| d > 0)
    {
        if let Some((modifier, head)) = vocab.splitter.split_head(w) {
            let mut g = Group::default();
            g.add(lang.stem(head), Space::Main, W_PART);
            groups.push(g);
            let mut g = Group::default();
            let trimmed = modifier
                .strip_suffix(['s', 'e'])
                .filter(|m| char_len(m) >= 3);
            for m in std::iter::once(modifier).chain(trimmed) {
                g.add(lang.stem(m), Space::Main, W_PART);
                add_completions(&mut g, vocab, &lang.key(m), None, W_PART * W_PREFIX);
            }
            groups.push(g);
            return true;
        }
    }

    let mut g = Group::default();
    g.add(stem.clone(), Space::Main, W_EXACT);
    if fold {
        g.add(stem.clone(), Space::Fold, W_FOLD);
    }
    let mut settled = key_known || known_main;

    if n >= 5 && !key.is_empty() {
        let max = if n >= 9 { 2 } else { 1 };
        let near = match key_id {
            Some(k) => vocab.fuzzy_key(k, max),
            None => vocab.fuzzy(&key, max),
        };
        let mut cands: Vec<(u32, u8)> = near.into_iter().filter(|&(_, d)| d > 0).collect();
        cands.sort_by_key(|&(k, d)| (d, std::cmp::Reverse(vocab.key(k).freq)));
        for &(k, d) in cands.iter().take(MAX_FUZZY) {
            let weight = if settled {
                W_FUZZY_KNOWN
            } else if d == 1 {
                W_FUZZY_1
            } else {
                W_FUZZY_2
            };
            for &t in vocab.key(k).stems.iter() {
                if Some(t) != stem_id {
                    g.add(vocab.terms.str(t).to_string(), Space::Main, weight);
                }
            }
        }
    }

    // The last word may be half typed; without a stemmer every word may be a stem.
    if (is_last || lang.prefixes_every_word()) && !key_known && n >= MIN_PREFIX_CHARS {
        settled |= add_completions(&mut g, vocab, &key, stem_id, W_PREFIX);
    }
    groups.push(g);
    settled
}

/// Adds the stems of the most frequent words starting with `prefix` (folded) as
/// alternatives. Returns whether there were any.
fn add_completions(
    g: &mut Group,
    vocab: &Vocab,
    prefix: &str,
    skip: Option<u32>,
    weight: f32,
) -> bool {
    let mut completions: Vec<u32> = vocab.with_prefix(prefix, PREFIX_SCAN).collect();
    completions.sort_by_key(|&k| std::cmp::Reverse(vocab.key(k).freq));
    let mut added = 0;
    for k in completions {
        for &t in vocab.key(k).stems.iter() {
            if Some(t) != skip && added < MAX_PREFIX {
                let before = g.alts.len();
                g.add(vocab.terms.str(t).to_string(), Space::Main, weight);
                added += usize::from(g.alts.len() > before);
            }
        }
        if added >= MAX_PREFIX {
            break;
        }
    }
    added > 0
}
