//! Running a plan: scoring every matching document from tantivy's postings, then filters,
//! facet counts, the top hits with snippets and the spelling suggestion.
//!
//! A query group scores like a tantivy `DisjunctionMaxQuery` (best alternative + TIE × the
//! others) over its alternatives, an alternative like a `BooleanQuery` of
//! `BoostQuery(TermQuery(field, term), field boost)` over the fields the term occurs in,
//! boosted by the alternative's weight; BM25 is tantivy's (`Bm25Weight`). A term's score per
//! document over its fields is read from the postings and field norms once per index
//! ([`super::impact`]) rather than through that query tree, which built weights and union
//! scorers for every term of every query. A document's score is
//! the sum over its groups, then × (matched groups / groups)², so documents matching more
//! of the query come first, then × the kind boost.

use super::build::{idf, LangIndex, BOOSTS};
use super::highlight::Matcher;
use super::impact::Impact;
use super::plan::{Alt, Plan, Space};
use super::snippet::snippet;
use super::text::char_len;
use super::{Hit, SearchQuery, SearchResults};
use crate::content::model::{Audience, Kind};
use std::borrow::Cow;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

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
/// group's (the best alternative + TIE × the others, in [`Sums`]) and the total (the sum
/// over groups).
#[derive(Default)]
struct Scratch {
    sums: Sums,
    alt: Vec<f32>,
    in_alt: Vec<u32>,
}

/// The group and total levels of [`Scratch`].
#[derive(Default)]
struct Sums {
    total: Vec<f32>,
    matched: Vec<u8>,
    touched: Vec<u32>,
    best: Vec<f32>,
    sum: Vec<f32>,
    in_group: Vec<u32>,
}

impl Scratch {
    fn fit(&mut self, n: usize) {
        let Sums {
            total,
            matched,
            best,
            sum,
            ..
        } = &mut self.sums;
        for v in [total, best, sum, &mut self.alt] {
            if v.len() < n {
                v.resize(n, f32::NAN);
            }
        }
        if matched.len() < n {
            matched.resize(n, 0);
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

/// `term`'s score per document, kept with the index once read.
fn term_scores(index: &LangIndex, term: u32) -> Cow<'_, [Impact]> {
    index.impacts.of(term, || read_impacts(index, term))
}

/// Reads `term`'s scores per document from tantivy ([`super::impact`]): each field's
/// postings, then the documents in order with their fields' scores summed (in field order).
pub(crate) fn read_impacts(index: &LangIndex, term: u32) -> Vec<Impact> {
    let mask = index.term_fields(term);
    let mut all = Vec::new();
    for (f, &boost) in BOOSTS.iter().enumerate() {
        if mask & (1 << f) != 0 {
            read_field(index, term, f, boost, &mut all);
        }
    }
    // Stable: a document's fields stay in field order, so sums are reproducible.
    all.sort_by_key(|i| i.doc);
    let mut out: Vec<Impact> = Vec::with_capacity(all.len());
    for i in all {
        match out.last_mut() {
            Some(last) if last.doc == i.doc => last.score += i.score,
            _ => out.push(i),
        }
    }
    out
}

/// Appends `boost` × BM25 of `term` in field `f` for every document that has it: the same
/// BM25 as tantivy's `TermQuery`, from the postings and field norms directly.
fn read_field(index: &LangIndex, term: u32, f: usize, boost: f32, out: &mut Vec<Impact>) {
    let field = index.fields[f];
    let term = Term::from_field_text(field, index.vocab.terms.str(term));
    let segments = index.searcher.segment_readers();
    // In RAM, reading cannot fail; a failure counts as no match.
    let found: Vec<_> = segments
        .iter()
        .map(|reader| {
            let inverted = reader.inverted_index(field).ok()?;
            let info = inverted.get_term_info(&term).ok()??;
            Some((inverted, info))
        })
        .collect();
    // BM25's idf counts the term's documents in every segment.
    let doc_freq: u64 = found
        .iter()
        .flatten()
        .map(|(_, i)| u64::from(i.doc_freq))
        .sum();
    let bm25 = &index.bm25[f];
    let scale = boost * idf(doc_freq, index.total_docs) / bm25.unit_idf;
    for (seg, (reader, found)) in segments.iter().zip(found).enumerate() {
        let Some((inverted, info)) = found else {
            continue;
        };
        let (Ok(mut block), Ok(norms)) = (
            inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs),
            reader.get_fieldnorms_reader(field),
        ) else {
            continue;
        };
        let ords = &index.ords[seg];
        let alive = reader.alive_bitset();
        loop {
            let (docs, freqs) = (block.docs(), block.freqs());
            if docs.is_empty() {
                break;
            }
            for (i, &doc) in docs.iter().enumerate() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let tf = freqs.get(i).copied().unwrap_or(1);
                out.push(Impact {
                    doc: ords[doc as usize],
                    score: bm25.unit.score(norms.fieldnorm_id(doc), tf) * scale,
                });
            }
            block.advance();
        }
    }
}

impl Sums {
    /// Adds one group's score of document `o` to its total.
    #[inline]
    fn add_to_total(&mut self, o: usize, sc: f32) {
        if self.matched[o] == 0 {
            self.touched.push(o as u32);
            self.total[o] = sc;
        } else {
            self.total[o] += sc;
        }
        self.matched[o] = self.matched[o].saturating_add(1);
    }

    /// Adds an alternative's score of document `o`: straight into the total when its group
    /// has `only` one alternative (best + TIE × 0 is that score), else into the group's best
    /// and sum, which [`Sums::end_group`] adds to the total.
    #[inline]
    fn add_alt(&mut self, only: bool, o: usize, sc: f32) {
        if only {
            self.add_to_total(o, sc);
        } else if self.best[o].is_nan() {
            self.best[o] = sc;
            self.sum[o] = sc;
            self.in_group.push(o as u32);
        } else {
            self.best[o] = self.best[o].max(sc);
            self.sum[o] += sc;
        }
    }

    fn end_group(&mut self) {
        for k in 0..self.in_group.len() {
            let o = self.in_group[k] as usize;
            let (b, all) = (
                std::mem::replace(&mut self.best[o], f32::NAN),
                std::mem::replace(&mut self.sum[o], f32::NAN),
            );
            self.add_to_total(o, b + (all - b) * TIE);
        }
        self.in_group.clear();
    }
}

/// Scores every matching document: afterwards `s.sums.touched` lists them and `s.sums.total` holds
/// their scores (to be cleared by [`collect`]); returns the best score. A group scores like
/// tantivy's `DisjunctionMaxQuery` with tie-breaker TIE over its alternatives, an
/// alternative like a `BooleanQuery` of boosted `TermQuery`s over the fields its terms
/// occur in (each term's fields summed once per index, in [`super::impact`]).
fn score(index: &LangIndex, plan: &Plan, s: &mut Scratch) -> f32 {
    let n = index.docs.len();
    s.fit(n);
    let Scratch { sums, alt, in_alt } = s;
    for group in &plan.groups {
        let only = group.alts.len() == 1;
        for a in &group.alts {
            let mut one = [0];
            match alt_terms(index, a, &mut one) {
                // One term lists each document once: no sum over terms needed.
                &[term] => {
                    for i in term_scores(index, term).iter() {
                        sums.add_alt(only, i.doc as usize, i.score * a.weight);
                    }
                }
                terms => {
                    for &term in terms {
                        for i in term_scores(index, term).iter() {
                            let o = i.doc as usize;
                            let sc = i.score * a.weight;
                            if alt[o].is_nan() {
                                alt[o] = sc;
                                in_alt.push(o as u32);
                            } else {
                                alt[o] += sc;
                            }
                        }
                    }
                    for &o in in_alt.iter() {
                        let o = o as usize;
                        sums.add_alt(only, o, std::mem::replace(&mut alt[o], f32::NAN));
                    }
                    in_alt.clear();
                }
            }
        }
        sums.end_group();
    }
    let groups = plan.groups.len().max(1) as f32;
    let mut best = 0.0f32;
    for &ord in sums.touched.iter() {
        let o = ord as usize;
        let coord = sums.matched[o] as f32 / groups;
        let sc = sums.total[o] * coord * coord * index.facets[o].boost;
        sums.total[o] = sc;
        best = best.max(sc);
    }
    best
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

/// A hit in the bounded heap of [`collect`]: ordered so that the worst kept hit is on top.
struct Kept(u32, f32);

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> Ordering {
        by_score(&(self.0, self.1), &(other.0, other.1))
    }
}

/// What one pass over the scored documents gives: the counts, the number of matches and
/// the best `limit` hits (unsorted).
#[derive(Default)]
struct Collected {
    kind_counts: [usize; Kind::ALL.len()],
    audience_counts: [usize; Audience::ALL.len()],
    without_parents_count: usize,
    /// Documents above the cut, before filters (decides the spelling suggestion).
    matching: usize,
    /// Hits after filters.
    total: usize,
    top: Vec<(u32, f32)>,
}

/// Documents differing only in these facets filter and count alike: kind, audience bits,
/// usable without parents. A query counts matches per class and derives the facet counts
/// from the classes, rather than testing every filter on every document.
const AUDIENCE_BITS: usize = Audience::ALL.len();
const CLASSES: usize = Kind::ALL.len() << (AUDIENCE_BITS + 1);

fn class_of(d: &super::build::Facet) -> usize {
    ((d.kind as usize) << (AUDIENCE_BITS + 1))
        | ((d.audience as usize) << 1)
        | d.without_parents as usize
}

/// One pass over the documents [`score`] left in `s`: drops weak ones (below `cut`) and
/// those outside the age filter, counts the rest per facet class and keeps the best
/// `limit` hits that pass the filters in a bounded heap (rather than collecting and
/// selecting among thousands). Clears `s` for the next query.
fn collect(
    index: &LangIndex,
    q: &SearchQuery,
    s: &mut Scratch,
    cut: f32,
    limit: usize,
) -> Collected {
    let kind_f = q.kind.map(|k| k.index());
    let aud_f = q.audience.map(|a| a.index());
    let kind_ok = |kind: usize| kind_f.is_none_or(|k| k == kind);
    let aud_ok = |aud: usize| aud_f.is_none_or(|a| aud == 0 || aud & (1 << a) != 0);
    let class_parts = |class: usize| {
        (
            class >> (AUDIENCE_BITS + 1),
            (class >> 1) & ((1 << AUDIENCE_BITS) - 1),
            class & 1 == 1,
        )
    };
    let mut passes = [false; CLASSES];
    for (class, pass) in passes.iter_mut().enumerate() {
        let (kind, aud, without_parents) = class_parts(class);
        *pass = kind_ok(kind) && aud_ok(aud) && (without_parents || !q.without_parents);
    }

    let mut per_class = [0usize; CLASSES];
    let mut c = Collected::default();
    let mut heap: BinaryHeap<Kept> = BinaryHeap::with_capacity(limit + 1);
    for &ord in &s.sums.touched {
        let o = ord as usize;
        let sc = std::mem::replace(&mut s.sums.total[o], f32::NAN);
        s.sums.matched[o] = 0;
        if !(sc >= cut && sc > 0.0) {
            continue;
        }
        c.matching += 1;
        let d = &index.facets[o];
        if let (Some(a), Some((lo, hi))) = (q.age, d.age) {
            if a < lo || a > hi {
                continue;
            }
        }
        let class = class_of(d);
        per_class[class] += 1;
        if passes[class] {
            let hit = Kept(ord, sc);
            if heap.len() < limit {
                heap.push(hit);
            } else if let Some(mut worst) = heap.peek_mut() {
                if hit < *worst {
                    *worst = hit;
                }
            }
        }
    }
    s.sums.touched.clear();

    for (class, &n) in per_class.iter().enumerate().filter(|(_, &n)| n > 0) {
        let (kind, aud, without_parents) = class_parts(class);
        let (kind_ok, aud_ok) = (kind_ok(kind), aud_ok(aud));
        if kind_ok && aud_ok && without_parents {
            c.without_parents_count += n;
        }
        if q.without_parents && !without_parents {
            continue;
        }
        if aud_ok {
            c.kind_counts[kind] += n;
        }
        if kind_ok {
            for (bit, count) in c.audience_counts.iter_mut().enumerate() {
                if aud & (1 << bit) != 0 {
                    *count += n;
                }
            }
        }
        if passes[class] {
            c.total += n;
        }
    }
    c.top = heap.into_iter().map(|Kept(o, sc)| (o, sc)).collect();
    c
}

pub(crate) fn run(index: &LangIndex, plan: &Plan, q: &SearchQuery) -> SearchResults {
    let limit = q.limit.min(MAX_LIMIT);
    let run_on = |s: &mut Scratch| {
        let best = score(index, plan, s);
        collect(index, q, s, best * MIN_RELATIVE, limit)
    };
    let c = SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => run_on(&mut s),
        Err(_) => run_on(&mut Scratch::default()),
    });
    let mut results = SearchResults {
        total: c.total,
        kind_counts: counts_of(&Kind::ALL, &c.kind_counts),
        audience_counts: counts_of(&Audience::ALL, &c.audience_counts),
        without_parents_count: c.without_parents_count,
        ..Default::default()
    };
    let matching = c.matching;
    let mut hits = c.top;
    hits.sort_by(by_score);

    let matcher =
        (!hits.is_empty() && !q.without_snippets).then(|| Matcher::new(&index.vocab, plan));
    let all = u32::MAX >> (32 - plan.groups.len().clamp(1, 32));
    results.hits = hits
        .into_iter()
        .map(|(ord, sc)| {
            let d = &index.docs[ord as usize];
            Hit {
                slug: d.slug.clone(),
                kind: d.kind,
                title: d.title.clone(),
                snippet_html: matcher.as_ref().map_or_else(String::new, |m| {
                    snippet(
                        &d.title,
                        &d.summary,
                        &d.body,
                        &|w| m.groups(w),
                        m.starts(),
                        all,
                    )
                }),
                score: sc,
            }
        })
        .collect();

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
