//! Where a term's score per document is kept: BM25 in each field the term occurs in, ×
//! the field's boost, summed over the fields ([`super::rank`] reads it from tantivy's
//! postings and field norms). Read the first time a query asks for the term, then kept with
//! the index (so for one content version), within a memory budget. A query walks one list
//! per term, in document order, instead of looking the term up and decoding up to six
//! postings lists and their field norms on every search (most of the scoring time before).
//!
//! This keeps a property of the index, not answers: every query is still scored in full.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

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

    /// `term`'s list, sorted by document: the kept one, or `read()`'s (kept if the budget
    /// allows).
    pub(crate) fn of(&self, term: u32, read: impl Fn() -> Vec<Impact>) -> Cow<'_, [Impact]> {
        let Some(slot) = self.kept.get(term as usize) else {
            return Cow::Owned(read());
        };
        if let Some(list) = slot.get() {
            return Cow::Borrowed(list);
        }
        let list = read().into_boxed_slice();
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
            None => Cow::Owned(read()),
        }
    }

    /// Bytes held by kept lists.
    #[cfg(test)]
    pub(crate) fn used(&self) -> usize {
        self.used.load(Ordering::Relaxed)
    }
}
