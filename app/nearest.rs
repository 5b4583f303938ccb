//! Nearest examples: a small, transparent model built at load time from example messages
//! that staff write in the content folder ("someone might write it like this").
//!
//! Each message becomes a weighted bag of features from the shared text analysis: word
//! stems, pairs of neighbouring stems, and four-letter pieces of each word's loose form
//! (so a typo or an inflection still shares most pieces). Weights are tf-idf over the
//! examples; similarity is the cosine. The answer lists the closest examples with their
//! labels and similarity, so a person can always see why.

use crate::analysis::{Message, Token};
use rustc_hash::{FxHashMap, FxHasher};
use std::cell::RefCell;
use std::hash::Hasher;

/// One example, close to a message.
#[derive(Debug, Clone)]
pub struct Neighbour<'a, L> {
    pub similarity: f32,
    pub label: &'a L,
    pub text: &'a str,
}

#[derive(Debug)]
pub struct Index<L> {
    texts: Vec<String>,
    labels: Vec<L>,
    idf: FxHashMap<u64, f32>,
    /// Feature → (example, weight in the example's unit vector).
    postings: FxHashMap<u64, Vec<(u32, f32)>>,
}

impl<L> Default for Index<L> {
    fn default() -> Self {
        Index {
            texts: Vec::new(),
            labels: Vec::new(),
            idf: FxHashMap::default(),
            postings: FxHashMap::default(),
        }
    }
}

thread_local! {
    static SCORES: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
}

impl<L> Index<L> {
    /// Builds the index from `(message, text, label)` triples.
    pub fn build(examples: Vec<(Message, String, L)>) -> Index<L> {
        let mut index = Index::default();
        let bags: Vec<FxHashMap<u64, f32>> = examples.iter().map(|(m, _, _)| features(m)).collect();
        let mut df: FxHashMap<u64, u32> = FxHashMap::default();
        for bag in &bags {
            for f in bag.keys() {
                *df.entry(*f).or_default() += 1;
            }
        }
        let n = bags.len().max(1) as f32;
        index.idf = df
            .into_iter()
            .map(|(f, d)| (f, (1.0 + n / d as f32).ln()))
            .collect();
        for (i, bag) in bags.into_iter().enumerate() {
            let v = index.weigh(bag);
            for (f, w) in v {
                index.postings.entry(f).or_default().push((i as u32, w));
            }
        }
        for (_, text, label) in examples {
            index.texts.push(text);
            index.labels.push(label);
        }
        index
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The text of example `i`.
    pub fn text(&self, i: usize) -> Option<&str> {
        self.texts.get(i).map(String::as_str)
    }

    /// tf-idf weights, normalised to unit length; features unknown to the examples drop out.
    fn weigh(&self, bag: FxHashMap<u64, f32>) -> Vec<(u64, f32)> {
        let mut v: Vec<(u64, f32)> = bag
            .into_iter()
            .filter_map(|(f, tf)| self.idf.get(&f).map(|idf| (f, (1.0 + tf.ln()) * idf)))
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v
    }

    /// The `k` examples most like `msg`, most similar first.
    pub fn nearest(&self, msg: &Message, k: usize) -> Vec<Neighbour<'_, L>> {
        if self.texts.is_empty() || msg.tokens.is_empty() {
            return Vec::new();
        }
        let q = self.weigh(features(msg));
        SCORES.with_borrow_mut(|scores| {
            scores.clear();
            scores.resize(self.texts.len(), 0.0);
            for (f, w) in &q {
                for &(i, wi) in self.postings.get(f).into_iter().flatten() {
                    scores[i as usize] += w * wi;
                }
            }
            let mut best: Vec<(u32, f32)> = scores
                .iter()
                .enumerate()
                .filter(|(_, s)| **s > 0.0)
                .map(|(i, s)| (i as u32, *s))
                .collect();
            best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            best.truncate(k);
            best.into_iter()
                .map(|(i, s)| Neighbour {
                    similarity: s,
                    label: &self.labels[i as usize],
                    text: &self.texts[i as usize],
                })
                .collect()
        })
    }
}

fn hash(kind: u8, parts: &[&str]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(kind);
    for p in parts {
        h.write(p.as_bytes());
        h.write_u8(0xff);
    }
    h.finish()
}

/// The feature bag of a message (feature → count).
fn features(msg: &Message) -> FxHashMap<u64, f32> {
    let mut bag: FxHashMap<u64, f32> = FxHashMap::default();
    let mut add = |f: u64, w: f32| *bag.entry(f).or_default() += w;
    let toks: &[Token] = &msg.tokens;
    for (i, t) in toks.iter().enumerate() {
        add(hash(b'w', &[&t.stem]), 1.0);
        if let Some(next) = toks.get(i + 1).filter(|n| n.sentence == t.sentence) {
            add(hash(b'b', &[&t.stem, &next.stem]), 1.0);
        }
        // Letter pieces of the loose form with word edges marked: `#selv`, `selv`, … `ord#`.
        let letters: Vec<char> = std::iter::once('#')
            .chain(t.letters.iter().copied())
            .chain(std::iter::once('#'))
            .collect();
        if letters.len() > 4 {
            let mut piece = String::new();
            for w in letters.windows(4) {
                piece.clear();
                piece.extend(w);
                add(hash(b'c', &[&piece]), 0.25);
            }
        }
    }
    bag
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Spelling;

    fn msg(s: &str) -> Message {
        Message::read(s, &Spelling::default())
    }

    #[test]
    fn closest_examples_come_first_and_typos_stay_close() {
        let examples = vec![
            "jeg vil ikke leve mere",
            "min far slår mig når han er fuld",
            "vi har fået en baby der græder meget",
            "min søn ryger hash hver dag",
        ];
        let index = Index::build(
            examples
                .iter()
                .enumerate()
                .map(|(i, t)| (msg(t), t.to_string(), i))
                .collect(),
        );
        let best = |q: &str| *index.nearest(&msg(q), 1)[0].label;
        assert_eq!(best("jeg gider ikke leve mer"), 0);
        assert_eq!(best("min fae slaar mig"), 1);
        assert_eq!(best("babyen græder hele natten"), 2);
        assert_eq!(best("hashen fylder alt for min søn"), 3);
        let near = index.nearest(&msg("jeg vil ikke leve mere"), 4);
        assert!((near[0].similarity - 1.0).abs() < 1e-4);
        assert!(near.windows(2).all(|w| w[0].similarity >= w[1].similarity));
        assert!(index.nearest(&msg("xyzzy"), 3).is_empty());
    }
}

/// A linear score learnt from labelled examples at load time (logistic regression): the
/// probability of "yes" it sees in a message, and the words that pushed it there.
///
/// Features are tf-idf weighted words and word pairs of the loose spelling, and the
/// three- to five-letter pieces of each word (so a typo or an inflection still shares
/// most of them); pieces seen in only one example are left out. Training is plain
/// stochastic gradient descent in a fixed order, so the same examples always give the
/// same model.
#[derive(Debug, Default)]
pub struct Linear {
    idf: FxHashMap<u64, f32>,
    weights: FxHashMap<u64, f32>,
    bias: f32,
    /// Feature → a readable name (for `explain`).
    names: FxHashMap<u64, String>,
}

/// A message's raw features: (feature, count, readable name for words).
fn linear_features(msg: &Message) -> Vec<(u64, Option<String>)> {
    let toks = &msg.tokens;
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        out.push((hash(b'W', &[&t.loose]), Some(t.word.clone())));
        if let Some(next) = toks.get(i + 1).filter(|n| n.sentence == t.sentence) {
            out.push((
                hash(b'B', &[&t.loose, &next.loose]),
                Some(format!("{} {}", t.word, next.word)),
            ));
        }
        let letters: Vec<char> = std::iter::once(' ')
            .chain(t.letters.iter().copied())
            .chain(std::iter::once(' '))
            .collect();
        let mut piece = String::new();
        for n in 3..=5 {
            for w in letters.windows(n) {
                piece.clear();
                piece.extend(w);
                out.push((hash(b'C', &[&piece]), None));
            }
        }
    }
    out
}

impl Linear {
    /// Learns from `(message, yes)` pairs; both classes count equally however many each has.
    pub fn train(examples: &[(Message, bool)]) -> Linear {
        let mut model = Linear::default();
        let raw: Vec<Vec<(u64, Option<String>)>> =
            examples.iter().map(|(m, _)| linear_features(m)).collect();
        let mut df: FxHashMap<u64, u32> = FxHashMap::default();
        for feats in &raw {
            let mut seen: Vec<u64> = feats.iter().map(|f| f.0).collect();
            seen.sort_unstable();
            seen.dedup();
            for f in seen {
                *df.entry(f).or_default() += 1;
            }
            for (f, name) in feats {
                if let Some(n) = name {
                    model.names.entry(*f).or_insert_with(|| n.clone());
                }
            }
        }
        let n = raw.len().max(1) as f32;
        model.idf = df
            .into_iter()
            // Letter pieces of one example only are noise; words always count.
            .filter(|(f, d)| *d >= 2 || model.names.contains_key(f))
            .map(|(f, d)| (f, 1.0 + ((1.0 + n) / (1.0 + d as f32)).ln()))
            .collect();
        // Features as dense indexes while learning: one array of weights, no hashing in
        // the inner loop (start-up and reload time).
        let mut index: FxHashMap<u64, u32> = FxHashMap::default();
        let bags: Vec<(Vec<(u32, f32)>, bool)> = raw
            .iter()
            .zip(examples)
            .map(|(feats, (_, y))| {
                let v = model
                    .vector(feats)
                    .into_iter()
                    .map(|(f, w)| {
                        let next = index.len() as u32;
                        (*index.entry(f).or_insert(next), w)
                    })
                    .collect();
                (v, *y)
            })
            .collect();
        let mut weights = vec![0f32; index.len()];
        let mut bias = 0f32;
        let yes = bags.iter().filter(|b| b.1).count().max(1) as f32;
        let no = bags.iter().filter(|b| !b.1).count().max(1) as f32;
        let total = yes + no;
        let (w_yes, w_no) = (total / (2.0 * yes), total / (2.0 * no));
        let mut order: Vec<usize> = (0..bags.len()).collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        const EPOCHS: usize = 40;
        // Weak regularisation: the examples are many and varied (like C = 16).
        let l2 = 1.0 / (16.0 * total);
        for epoch in 0..EPOCHS {
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            let rate = 1.0 / (1.0 + epoch as f32 * 0.3);
            for &i in &order {
                let (x, y) = &bags[i];
                let z = bias + x.iter().map(|&(f, v)| weights[f as usize] * v).sum::<f32>();
                let p = 1.0 / (1.0 + (-z).exp());
                let g = (p - if *y { 1.0 } else { 0.0 }) * if *y { w_yes } else { w_no };
                bias -= rate * g;
                for &(f, v) in x {
                    let w = &mut weights[f as usize];
                    *w -= rate * (g * v + l2 * *w);
                }
            }
        }
        model.bias = bias;
        model.weights = index
            .into_iter()
            .map(|(f, i)| (f, weights[i as usize]))
            .collect();
        model
    }

    /// tf-idf (sublinear) of known features, scaled to unit length.
    fn vector(&self, feats: &[(u64, Option<String>)]) -> Vec<(u64, f32)> {
        let mut tf: FxHashMap<u64, f32> = FxHashMap::default();
        for (f, _) in feats {
            if self.idf.contains_key(f) {
                *tf.entry(*f).or_default() += 1.0;
            }
        }
        let mut v: Vec<(u64, f32)> = tf
            .into_iter()
            .map(|(f, c)| (f, (1.0 + c.ln()) * self.idf[&f]))
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v
    }

    fn probability(&self, x: &[(u64, f32)]) -> f32 {
        let z: f32 = self.bias
            + x.iter()
                .map(|(f, v)| self.weights.get(f).copied().unwrap_or(0.0) * v)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The model's probability of "yes" for `msg`.
    pub fn score(&self, msg: &Message) -> f32 {
        self.probability(&self.vector(&linear_features(msg)))
    }

    /// The `n` words and word pairs of `msg` that pushed hardest towards "yes".
    pub fn reasons(&self, msg: &Message, n: usize) -> Vec<(String, f32)> {
        let x = self.vector(&linear_features(msg));
        let mut out: Vec<(String, f32)> = x
            .into_iter()
            .filter_map(|(f, v)| {
                let name = self.names.get(&f)?;
                let w = self.weights.get(&f)? * v;
                (w > 0.0).then(|| (name.clone(), w))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out.truncate(n);
        out
    }
}
