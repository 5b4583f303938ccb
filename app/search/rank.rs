//! Running a plan: scoring every matching document with tantivy, then filters, facet
//! counts, the top hits with snippets and the spelling suggestion.
//!
//! Each query group is one tantivy query: a `DisjunctionMaxQuery` (best alternative +
//! TIE × the others) over its alternatives, an alternative being a `BooleanQuery` of
//! should-clauses `BoostQuery(TermQuery(field, term), field boost)` over the fields the
//! term occurs in, boosted by the alternative's weight. BM25 is tantivy's. The groups are
//! run one after another through a collector that maps tantivy's documents to their
//! ordinals (the `ord` fast field); a document's score is the sum over its groups, then
//! × (matched groups / groups)², so documents matching more of the query come first, then
//! × the kind boost.

use super::build::{LangIndex, BOOSTS, ORD_FIELD};
use super::highlight::Matcher;
use super::plan::{Group, Plan, Space};
use super::snippet::snippet;
use super::text::char_len;
use super::{Hit, SearchQuery, SearchResults};
use crate::content::model::{Audience, Kind};
use std::cell::RefCell;
use std::cmp::Ordering;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::ColumnValues;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

/// Share of the other alternatives of a group added to the best one.
const TIE: f32 = 0.15;
/// Documents scoring below this share of the best are dropped (weak typo/prefix noise).
const MIN_RELATIVE: f32 = 0.015;
/// Most hits returned, whatever the limit asked.
const MAX_LIMIT: usize = 200;
/// Below this many matches a spelling suggestion is made.
const SUGGEST_BELOW: usize = 3;

/// Collects (document ordinal, score) of every document tantivy matches.
struct OrdScores;

struct OrdScoresSegment {
    ords: Arc<dyn ColumnValues<u64>>,
    hits: Vec<(u32, f32)>,
}

impl Collector for OrdScores {
    type Fruit = Vec<(u32, f32)>;
    type Child = OrdScoresSegment;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<OrdScoresSegment> {
        let ords = reader.fast_fields().u64(ORD_FIELD)?.first_or_default_col(0);
        Ok(OrdScoresSegment {
            ords,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, f32)>>) -> tantivy::Result<Vec<(u32, f32)>> {
        let mut fruits = fruits.into_iter();
        let mut out = fruits.next().unwrap_or_default();
        for f in fruits {
            out.extend(f);
        }
        Ok(out)
    }
}

impl SegmentCollector for OrdScoresSegment {
    type Fruit = Vec<(u32, f32)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.hits.push((self.ords.get_val(doc) as u32, score));
    }

    fn harvest(self) -> Vec<(u32, f32)> {
        self.hits
    }
}

/// The tantivy query of one group, or `None` when none of its terms is indexed.
fn group_query(index: &LangIndex, group: &Group) -> Option<Box<dyn Query>> {
    let vocab = &index.vocab;
    let mut alts: Vec<Box<dyn Query>> = Vec::new();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for a in &group.alts {
        let Some(term) = vocab.terms.get(&a.term) else {
            continue;
        };
        let mut add = |t: u32| {
            let mask = index.term_fields(t);
            for (f, (&field, &boost)) in index.fields.iter().zip(&BOOSTS).enumerate() {
                if mask & (1 << f) != 0 {
                    let tq = TermQuery::new(
                        Term::from_field_text(field, vocab.terms.str(t)),
                        IndexRecordOption::WithFreqs,
                    );
                    clauses.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(tq), boost)),
                    ));
                }
            }
        };
        match a.space {
            Space::Main => add(term),
            // A folded stem stands for the stems that fold to it (`boern` → `børn`).
            Space::Fold => {
                for &m in vocab.fold_main.get(term) {
                    add(m);
                }
            }
        }
        if clauses.is_empty() {
            continue;
        }
        let alt = BooleanQuery::new(std::mem::take(&mut clauses));
        alts.push(Box::new(BoostQuery::new(Box::new(alt), a.weight)));
    }
    match alts.len() {
        0 => None,
        1 => alts.pop(),
        _ => Some(Box::new(DisjunctionMaxQuery::with_tie_breaker(alts, TIE))),
    }
}

/// Per-thread score accumulators, sized to the number of documents and kept between
/// queries (cleared through the touched list), so a query allocates little.
#[derive(Default)]
struct Scratch {
    total: Vec<f32>,
    matched: Vec<u8>,
    touched: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// (document ordinal, score) of every matching document.
fn score(index: &LangIndex, plan: &Plan, s: &mut Scratch) -> Vec<(u32, f32)> {
    let n = index.docs.len();
    if s.total.len() < n {
        s.total.resize(n, 0.0);
    }
    if s.matched.len() < n {
        s.matched.resize(n, 0);
    }
    let Scratch {
        total,
        matched,
        touched,
    } = s;
    for group in &plan.groups {
        let Some(query) = group_query(index, group) else {
            continue;
        };
        // A failing search (it cannot, in RAM) counts as no match.
        let hits = index
            .searcher
            .search(&*query, &OrdScores)
            .unwrap_or_default();
        for (ord, sc) in hits {
            let o = ord as usize;
            if o >= n {
                continue;
            }
            if matched[o] == 0 {
                touched.push(ord);
            }
            total[o] += sc;
            matched[o] = matched[o].saturating_add(1);
        }
    }
    let groups = plan.groups.len().max(1) as f32;
    let out = touched
        .iter()
        .map(|&ord| {
            let o = ord as usize;
            let coord = matched[o] as f32 / groups;
            let sc = std::mem::take(&mut total[o]) * coord * coord * index.facets[o].boost;
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
