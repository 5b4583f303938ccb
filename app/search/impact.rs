//! A term's score per document: BM25 in each field the term occurs in, × the field's
//! boost, summed over the fields. Read from tantivy's postings and field norms the first
//! time a query asks for the term, then kept with the index (so for one content version),
//! within a memory budget. A query walks one list per term, in document order, instead of
//! looking the term up and decoding up to six postings lists and their field norms on
//! every search (most of the scoring time before).
//!
//! This keeps a property of the index, not answers: every query is still scored in full.

use super::build::{idf, LangIndex, BOOSTS};
use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// Most bytes of kept lists per language; past it, a term not yet kept is read every time.
/// The lists of every term of a 10,000-item site would take about twice this.
const BUDGET_BYTES: usize = 12 << 20;

/// A document (its position in `LangIndex::docs`) and the term's score in it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Impact {
    pub(crate) doc: u32,
    pub(crate) score: f32,
}

/// The kept lists of one language's index, one slot per term id.
pub(crate) struct Impacts {
    kept: Vec<OnceLock<Box<[Impact]>>>,
    used: AtomicUsize,
    budget: usize,
}

impl Impacts {
    pub(crate) fn new(terms: usize) -> Impacts {
        Impacts::with_budget(terms, BUDGET_BYTES)
    }

    pub(crate) fn with_budget(terms: usize, budget: usize) -> Impacts {
        Impacts {
            kept: (0..terms).map(|_| OnceLock::new()).collect(),
            used: AtomicUsize::new(0),
            budget,
        }
    }

    /// `term`'s list, sorted by document; `index` is the index these lists belong to.
    pub(crate) fn of<'a>(&'a self, index: &LangIndex, term: u32) -> Cow<'a, [Impact]> {
        let Some(slot) = self.kept.get(term as usize) else {
            return Cow::Owned(read(index, term));
        };
        if let Some(list) = slot.get() {
            return Cow::Borrowed(list);
        }
        let list = read(index, term).into_boxed_slice();
        let bytes = std::mem::size_of_val(&*list);
        if self.used.fetch_add(bytes, Ordering::Relaxed) + bytes > self.budget {
            self.used.fetch_sub(bytes, Ordering::Relaxed);
            return Cow::Owned(list.into_vec());
        }
        // Another query may have kept the same list meanwhile; then that one is used.
        if slot.set(list).is_err() {
            self.used.fetch_sub(bytes, Ordering::Relaxed);
        }
        match slot.get() {
            Some(list) => Cow::Borrowed(list),
            None => Cow::Owned(read(index, term)),
        }
    }

    /// Bytes held by kept lists.
    #[cfg(test)]
    pub(crate) fn used(&self) -> usize {
        self.used.load(Ordering::Relaxed)
    }
}

/// Reads `term`'s list from tantivy: each field's postings, then the documents in order
/// with their fields' scores summed (in field order).
pub(crate) fn read(index: &LangIndex, term: u32) -> Vec<Impact> {
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
