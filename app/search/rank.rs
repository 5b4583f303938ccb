//! Running a plan: scoring every matching document from tantivy's postings, then filters,
//! facet counts, the top hits with snippets and the spelling suggestion.
//!
//! A query group scores like a tantivy `DisjunctionMaxQuery` (best alternative + TIE × the
//! others) over its alternatives, an alternative like a `BooleanQuery` of
//! `BoostQuery(TermQuery(field, term), field boost)` over the fields the term occurs in,
//! boosted by the alternative's weight; BM25 is tantivy's (`Bm25Weight`). The postings and
//! field norms are read directly ([`add_term`]) rather than through that query tree, which
//! built weights and union scorers for every term of every query. A document's score is
//! the sum over its groups, then × (matched groups / groups)², so documents matching more
//! of the query come first, then × the kind boost.

use super::build::{idf, LangIndex, BOOSTS};
use super::highlight::Matcher;
use super::plan::{Alt, Plan, Space};
use super::snippet::snippet;
use super::text::char_len;
use super::{Hit, SearchQuery, SearchResults};
use crate::content::model::{Audience, Kind};
use std::cell::RefCell;
use std::cmp::Ordering;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Term, TERMINATED};

/// Share of the other alternatives of a group added to the best one.
const TIE: f32 = 0.15;
/// Documents scoring below this share of the best are dropped (weak typo/prefix noise).
const MIN_RELATIVE: f32 = 0.015;
/// Most hits returned, whatever the limit asked.
const MAX_LIMIT: usize = 200;
/// Below this many matches a spelling suggestion is made.
const SUGGEST_BELOW: usize = 3;

/// Per-thread score accumulators, sized to the number of documents and kept between
/// queries (each cleared through its list of touched documents), so a query allocates
/// little. Three levels: an alternative's score (the sum over its terms and fields), a
/// group's (the best alternative + TIE × the others) and the total (the sum over groups).
#[derive(Default)]
struct Scratch {
    total: Vec<f32>,
    matched: Vec<u8>,
    touched: Vec<u32>,
    best: Vec<f32>,
    sum: Vec<f32>,
    in_group: Vec<u32>,
    alt: Vec<f32>,
    in_alt: Vec<u32>,
}

impl Scratch {
    fn fit(&mut self, n: usize) {
        for v in [
            &mut self.total,
            &mut self.best,
            &mut self.sum,
            &mut self.alt,
        ] {
            if v.len() < n {
                v.resize(n, f32::NAN);
            }
        }
        if self.matched.len() < n {
            self.matched.resize(n, 0);
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The terms an alternative stands for: its own stem, or for a folded stem the stems that
/// fold to it (`boern` → `børn`); none when the index has not got it. `one` holds a
/// single stem.
fn alt_terms<'a>(index: &'a LangIndex, alt: &Alt, one: &'a mut [u32; 1]) -> &'a [u32] {
    let vocab = &index.vocab;
    match (vocab.terms.get(&alt.term), alt.space) {
        (None, _) => &[],
        (Some(term), Space::Main) => {
            one[0] = term;
            &one[..]
        }
        (Some(term), Space::Fold) => vocab.fold_main.get(term),
    }
}

/// Adds `weight` × BM25 of `term` in field `f` to every document that has it, into
/// `alt` (listing each document once in `in_alt`). Reads tantivy's postings and field
/// norms directly: the same BM25 as a `TermQuery`, without building queries, weights
/// and union scorers for every term of every query (most of a search's time before).
fn add_term(
    index: &LangIndex,
    term: u32,
    f: usize,
    weight: f32,
    alt: &mut [f32],
    in_alt: &mut Vec<u32>,
) {
    let field = index.fields[f];
    let term = Term::from_field_text(field, index.vocab.terms.str(term));
    let segments = index.searcher.segment_readers();
    // In RAM, reading cannot fail; a failure counts as no match.
    let found: Vec<_> = segments
        .iter()
        .enumerate()
        .filter_map(|(seg, reader)| {
            let inverted = reader.inverted_index(field).ok()?;
            let info = inverted.get_term_info(&term).ok()??;
            Some((seg, inverted, info))
        })
        .collect();
    let doc_freq: u64 = found
        .iter()
        .map(|(_, _, info)| u64::from(info.doc_freq))
        .sum();
    let bm25 = &index.bm25[f];
    let scale = weight * idf(doc_freq, index.total_docs) / bm25.unit_idf;
    for (seg, inverted, info) in found {
        let reader = &segments[seg];
        let (Ok(mut postings), Ok(norms)) = (
            inverted.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs),
            reader.get_fieldnorms_reader(field),
        ) else {
            continue;
        };
        let ords = &index.ords[seg];
        let alive = reader.alive_bitset();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                let o = ords[doc as usize] as usize;
                let sc = bm25
                    .unit
                    .score(norms.fieldnorm_id(doc), postings.term_freq())
                    * scale;
                if alt[o].is_nan() {
                    alt[o] = sc;
                    in_alt.push(o as u32);
                } else {
                    alt[o] += sc;
                }
            }
            doc = postings.advance();
        }
    }
}

/// (document ordinal, score) of every matching document. A group scores like tantivy's
/// `DisjunctionMaxQuery` with tie-breaker TIE over its alternatives, an alternative like
/// a `BooleanQuery` of boosted `TermQuery`s over the fields its terms occur in.
fn score(index: &LangIndex, plan: &Plan, s: &mut Scratch) -> Vec<(u32, f32)> {
    let n = index.docs.len();
    s.fit(n);
    let Scratch {
        total,
        matched,
        touched,
        best,
        sum,
        in_group,
        alt,
        in_alt,
    } = s;
    for group in &plan.groups {
        for a in &group.alts {
            let mut one = [0];
            for &term in alt_terms(index, a, &mut one) {
                let mask = index.term_fields(term);
                for (f, &boost) in BOOSTS.iter().enumerate() {
                    if mask & (1 << f) != 0 {
                        add_term(index, term, f, boost * a.weight, alt, in_alt);
                    }
                }
            }
            for &o in in_alt.iter() {
                let o = o as usize;
                let sc = std::mem::replace(&mut alt[o], f32::NAN);
                if best[o].is_nan() {
                    best[o] = sc;
                    sum[o] = sc;
                    in_group.push(o as u32);
                } else {
                    best[o] = best[o].max(sc);
                    sum[o] += sc;
                }
            }
            in_alt.clear();
        }
        for &o in in_group.iter() {
            let o = o as usize;
            let (b, all) = (
                std::mem::replace(&mut best[o], f32::NAN),
                std::mem::replace(&mut sum[o], f32::NAN),
            );
            let sc = b + (all - b) * TIE;
            if matched[o] == 0 {
                touched.push(o as u32);
                total[o] = sc;
            } else {
                total[o] += sc;
            }
            matched[o] = matched[o].saturating_add(1);
        }
        in_group.clear();
    }
    let groups = plan.groups.len().max(1) as f32;
    let out = touched
        .iter()
        .map(|&ord| {
            let o = ord as usize;
            let coord = matched[o] as f32 / groups;
            let sc =
                std::mem::replace(&mut total[o], f32::NAN) * coord * coord * index.facets[o].boost;
            matched[o] = 0;
            (ord, sc)
        })
        .collect();
    touched.clear();
    out
}

/// Non-zero counts, in the order of `all` (`Kind::ALL`, `Audience::ALL`).
fn counts_of<T: Copy>(all: &[T], counts: &[usize]) -> Vec<(T, usize)> {
    all.iter()
        .zip(counts)
        .filter(|(_, &c)| c > 0)
        .map(|(t, &c)| (*t, c))
        .collect()
}

fn by_score(a: &(u32, f32), b: &(u32, f32)) -> Ordering {
    b.1.partial_cmp(&a.1)
        .unwrap_or(Ordering::Equal)
        .then(a.0.cmp(&b.0))
}

pub(crate) fn run(index: &LangIndex, plan: &Plan, q: &SearchQuery) -> SearchResults {
    let scored = SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => score(index, plan, &mut s),
        Err(_) => score(index, plan, &mut Scratch::default()),
    });
    let best = scored.iter().map(|x| x.1).fold(0.0f32, f32::max);
    let cut = best * MIN_RELATIVE;

    let kind_f = q.kind.map(|k| k.index());
    let aud_f = q.audience.map(|a| a.index());
    let mut kind_counts = [0usize; Kind::ALL.len()];
    let mut audience_counts = [0usize; Audience::ALL.len()];
    let mut without_parents_count = 0;
    let mut hits: Vec<(u32, f32)> = Vec::new();
    let mut matching = 0;
    for &(ord, sc) in &scored {
        if !(sc >= cut && sc > 0.0) {
            continue;
        }
        matching += 1;
        let d = &index.facets[ord as usize];
        if let (Some(a), Some((lo, hi))) = (q.age, d.age) {
            if a < lo || a > hi {
                continue;
            }
        }
        let kind_ok = kind_f.is_none_or(|k| k == d.kind as usize);
        let aud_ok = aud_f.is_none_or(|a| d.audience == 0 || d.audience & (1 << a) != 0);
        if kind_ok && aud_ok && d.without_parents {
            without_parents_count += 1;
        }
        if q.without_parents && !d.without_parents {
            continue;
        }
        if aud_ok {
            kind_counts[d.kind as usize] += 1;
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
        kind_counts: counts_of(&Kind::ALL, &kind_counts),
        audience_counts: counts_of(&Audience::ALL, &audience_counts),
        without_parents_count,
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
        let all = u32::MAX >> (32 - plan.groups.len().clamp(1, 32));
        results.hits = hits
            .into_iter()
            .map(|(ord, sc)| {
                let d = &index.docs[ord as usize];
                Hit {
                    slug: d.slug.clone(),
                    kind: d.kind,
                    title: d.title.clone(),
                    snippet_html: snippet(&d.title, &d.summary, &d.body, &groups_of, all),
                    score: sc,
                }
            })
            .collect();
    }

    if matching < SUGGEST_BELOW {
        results.suggestion = suggestion(index, plan, matching == 0);
    }
    results
}

/// The query with each unknown word replaced by the closest, most frequent index word:
/// within edit distance 1 (2 from 9 letters), or 2 from 5 letters when nothing matched
/// (`hedspase` → `headspace`).
fn suggestion(index: &LangIndex, plan: &Plan, no_hits: bool) -> Option<String> {
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
            let max = if n >= 9 || (no_hits && n >= 5) { 2 } else { 1 };
            let best = vocab
                .fuzzy(&vocab.lang.key(&w.text), max)
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
