//! Running a plan: scoring every matching document, then filters, facet counts, the
//! top hits with snippets and the spelling suggestion.
//!
//! Score of a document = Σ over query groups of (best alternative + TIE × the others),
//! each alternative being its term's impact (Σ over fields of boost × BM25, see
//! `impact.rs`); then × (matched groups /
//! groups)² so documents matching more of the query come first, × the kind boost.

use super::build::{LangIndex, MAX_LABELS};
use super::highlight::Matcher;
use super::plan::{Plan, Space};
use super::snippet::snippet;
use super::text::char_len;
use super::{Hit, SearchQuery, SearchResults};
use crate::analysis;
use std::cell::RefCell;
use std::cmp::Ordering;

/// Share of the other alternatives of a group added to the best one.
const TIE: f32 = 0.15;
/// Documents scoring below this share of the best are dropped (weak typo/prefix noise).
const MIN_RELATIVE: f32 = 0.015;
/// Most hits returned, whatever the limit asked.
const MAX_LIMIT: usize = 200;
/// Below this many matches a spelling suggestion is made.
const SUGGEST_BELOW: usize = 3;

const KIND_ORDER: [&str; 5] = ["indgang", "tilbud", "kursus", "partner", "side"];
const AUDIENCE_ORDER: [&str; 3] = ["foraeldre", "unge", "fagpersoner"];

/// Entry points first: they are written to be the way in to a topic.
fn kind_boost(kind: &str) -> f32 {
    match kind {
        "indgang" => 1.5,
        "tilbud" => 1.1,
        "side" => 0.85,
        _ => 1.0,
    }
}

/// Per-thread score accumulators, sized to the number of documents and kept between
/// queries (cleared through the touched lists), so a query allocates little.
#[derive(Default)]
struct Scratch {
    alt: Vec<f32>,
    gmax: Vec<f32>,
    gsum: Vec<f32>,
    total: Vec<f32>,
    matched: Vec<u8>,
    alt_touched: Vec<u32>,
    group_touched: Vec<u32>,
    touched: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// (document ordinal, score) of every matching document.
fn score(index: &LangIndex, plan: &Plan, s: &mut Scratch) -> Vec<(u32, f32)> {
    let n = index.docs.len();
    for v in [&mut s.alt, &mut s.gmax, &mut s.gsum, &mut s.total] {
        if v.len() < n {
            v.resize(n, 0.0);
        }
    }
    if s.matched.len() < n {
        s.matched.resize(n, 0);
    }
    let Scratch { alt, gmax, gsum, total, matched, alt_touched, group_touched, touched } = s;
    let vocab = &index.vocab;
    let add_row = |term: u32, weight: f32, alt: &mut [f32], alt_touched: &mut Vec<u32>| {
        let (docs, impacts) = index.index.row(term);
        for (&d, &x) in docs.iter().zip(impacts) {
            let slot = &mut alt[d as usize];
            if *slot == 0.0 {
                alt_touched.push(d);
            }
            *slot += weight * x;
        }
    };
    for group in &plan.groups {
        for a in &group.alts {
            let Some(term) = vocab.terms.get(&a.term) else { continue };
            match a.space {
                Space::Main => add_row(term, a.weight, alt, alt_touched),
                // A folded stem stands for the stems that fold to it (`boern` → `børn`).
                Space::Fold => {
                    for &m in vocab.fold_main.get(term) {
                        add_row(m, a.weight, alt, alt_touched);
                    }
                }
            }
            for &ord in alt_touched.iter() {
                let o = ord as usize;
                let sc = std::mem::take(&mut alt[o]);
                if gsum[o] == 0.0 {
                    group_touched.push(ord);
                }
                gmax[o] = gmax[o].max(sc);
                gsum[o] += sc;
            }
            alt_touched.clear();
        }
        for &ord in group_touched.iter() {
            let o = ord as usize;
            let best = std::mem::take(&mut gmax[o]);
            let sum = std::mem::take(&mut gsum[o]);
            if matched[o] == 0 {
                touched.push(ord);
            }
            total[o] += best + TIE * (sum - best);
            matched[o] = matched[o].saturating_add(1);
        }
        group_touched.clear();
    }
    let groups = plan.groups.len().max(1) as f32;
    let out = touched
        .iter()
        .map(|&ord| {
            let o = ord as usize;
            let coord = matched[o] as f32 / groups;
            let sc =
                std::mem::take(&mut total[o]) * coord * coord * kind_boost(&index.docs[o].kind);
            matched[o] = 0;
            (ord, sc)
        })
        .collect();
    touched.clear();
    out
}

fn ordered_counts(labels: &[String], counts: &[usize], order: &[&str]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = labels
        .iter()
        .zip(counts)
        .filter(|(_, &c)| c > 0)
        .map(|(l, &c)| (l.clone(), c))
        .collect();
    let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(order.len());
    out.sort_by(|a, b| rank(&a.0).cmp(&rank(&b.0)).then_with(|| a.0.cmp(&b.0)));
    out
}

fn by_score(a: &(u32, f32), b: &(u32, f32)) -> Ordering {
    b.1.partial_cmp(&a.1).unwrap_or(Ordering::Equal).then(a.0.cmp(&b.0))
}

pub(crate) fn run(index: &LangIndex, plan: &Plan, q: &SearchQuery) -> SearchResults {
    let scored = SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => score(index, plan, &mut s),
        Err(_) => score(index, plan, &mut Scratch::default()),
    });
    let best = scored.iter().map(|x| x.1).fold(0.0f32, f32::max);
    let cut = best * MIN_RELATIVE;

    // Filters as ids: a filter value no document has matches nothing.
    let label = |labels: &[String], v: &Option<String>| -> Option<Option<usize>> {
        let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        Some(labels.iter().position(|l| l == v))
    };
    let kind_f = label(&index.kinds, &q.kind);
    let aud_f = label(&index.audiences, &q.audience);
    let mut kind_counts = [0usize; MAX_LABELS];
    let mut audience_counts = [0usize; MAX_LABELS];
    let mut hits: Vec<(u32, f32)> = Vec::new();
    let mut matching = 0;
    for &(ord, sc) in &scored {
        if !(sc >= cut && sc > 0.0) {
            continue;
        }
        matching += 1;
        let d = &index.docs[ord as usize];
        if let (Some(a), Some((lo, hi))) = (q.age, d.age) {
            if a < lo || a > hi {
                continue;
            }
        }
        let kind_ok = match kind_f {
            None => true,
            Some(k) => k == Some(d.kind_id as usize),
        };
        let aud_ok = match aud_f {
            None => true,
            Some(a) => d.audience == 0 || a.is_some_and(|a| d.audience & (1 << a) != 0),
        };
        if aud_ok {
            kind_counts[d.kind_id as usize] += 1;
        }
        if kind_ok {
            let mut bits = d.audience;
            while bits != 0 {
                audience_counts[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
        if kind_ok && aud_ok {
            hits.push((ord, sc));
        }
    }
    let mut results = SearchResults {
        total: hits.len(),
        kind_counts: ordered_counts(&index.kinds, &kind_counts, &KIND_ORDER),
        audience_counts: ordered_counts(&index.audiences, &audience_counts, &AUDIENCE_ORDER),
        ..Default::default()
    };

    let limit = q.limit.min(MAX_LIMIT);
    if hits.len() > limit && limit > 0 {
        hits.select_nth_unstable_by(limit - 1, by_score);
    }
    hits.truncate(limit);
    hits.sort_by(by_score);

    if !hits.is_empty() {
        let matcher = Matcher::new(&index.vocab, plan);
        let groups_of = |w: &str| matcher.groups(w);
        results.hits = hits
            .into_iter()
            .map(|(ord, sc)| {
                let d = &index.docs[ord as usize];
                Hit {
                    slug: d.slug.clone(),
                    kind: d.kind.clone(),
                    title: d.title.clone(),
                    snippet_html: snippet(&d.title, &d.summary, &d.body, &groups_of),
                    score: sc,
                }
            })
            .collect();
    }

    if matching < SUGGEST_BELOW {
        results.suggestion = suggestion(index, plan);
    }
    results
}

/// The query with each unknown word replaced by the closest, most frequent index word.
fn suggestion(index: &LangIndex, plan: &Plan) -> Option<String> {
    let vocab = &index.vocab;
    let mut changed = false;
    let words: Vec<String> = plan
        .words
        .iter()
        .map(|w| {
            let n = char_len(&w.text);
            if w.settled || n < 4 {
                return w.text.clone();
            }
            let max = if n >= 9 { 2 } else { 1 };
            let best = vocab
                .fuzzy(&analysis::fold(&w.text), max)
                .into_iter()
                .filter(|&(_, d)| d > 0)
                .min_by_key(|&(k, d)| (d, std::cmp::Reverse(vocab.key(k).freq)));
            match best {
                Some((k, _)) => {
                    changed = true;
                    vocab.word(vocab.key(k).display).to_string()
                }
                None => w.text.clone(),
            }
        })
        .collect();
    changed.then(|| words.join(" "))
}
