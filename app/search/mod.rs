//! Search: an in-RAM index of the published items, built once per content version.
//!
//! - Danish analysis: lower-case + Danish stem (no ASCII folding on the indexed terms, so
//!   `bør` and `bor` stay apart), plus a folded form of every word (æ→ae, ø→oe, å→aa, then
//!   stem) through which an ASCII query word reaches its æøå stems: `boern` finds `børn`.
//!   English documents get English stemming.
//! - Compound words are split at index time with a dictionary built from the corpus's own
//!   words (see `compound.rs`); the parts are indexed in their own, lower-weighted fields.
//! - The index is tantivy (in RAM, one per language), fed the already-analysed terms of
//!   each field; tantivy scores with BM25 per field, with boosts (title > keywords >
//!   summary > body > compound parts).
//! - Queries are built from analysed words, never parsed: no query syntax exists.
//!   Typos (edit distance 1 from 5 letters, 2 from 9), a half-typed last word and staff
//!   synonyms (`content/synonyms.toml`) add lower-weighted alternatives.
//! - Ranking: the best alternative per query word, a coordination factor (documents
//!   matching more of the query words first) and a boost for entry points (`indgang`).
//!
//! Module map: `text` (words, stop words, stemming, escaping), `compound` (splitting),
//! `vocab` (word table, typo and prefix look-up), `synonyms` (the staff list), `build`
//! (documents → the tantivy index), `impact` (a term's score per document, read once),
//! `plan` (query → term groups), `rank`
//! (scoring, filters, counts), `highlight` (which words match), `snippet` (the passage).

mod build;
mod compound;
mod highlight;
mod impact;
mod plan;
mod rank;
mod snippet;
mod synonyms;
mod text;
mod vocab;

#[cfg(test)]
mod tests;

pub use synonyms::Synonyms;
pub use text::Analysis;

use crate::content::model::{Audience, Kind};
use crate::lang::Lang;
use build::LangIndex;

/// One published item in one language.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    pub slug: String,
    pub kind: Kind,
    pub lang: Lang,
    pub title: String,
    pub summary: String,
    pub keywords: Vec<String>,
    /// Plain text of the Markdown body.
    pub body: std::sync::Arc<str>,
    /// Empty means for everyone.
    pub audience: Vec<Audience>,
    pub age: Option<(u8, u8)>,
    /// A young person can use it without their parents (the item's facts say so).
    pub without_parents: bool,
}

#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: String,
    pub lang: Lang,
    pub kind: Option<Kind>,
    pub audience: Option<Audience>,
    pub age: Option<u8>,
    /// Only items a young person can use without their parents.
    pub without_parents: bool,
    pub limit: usize,
    /// Hits without snippets (`snippet_html` empty), for callers that show only titles.
    pub without_snippets: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    /// Hits after filters.
    pub total: usize,
    /// Best first, at most `limit`.
    pub hits: Vec<Hit>,
    /// Hits per kind before the kind filter (other filters applied); non-zero counts only,
    /// in the order of `Kind::ALL`.
    pub kind_counts: Vec<(Kind, usize)>,
    /// Hits per audience before the audience filter (other filters applied); non-zero only,
    /// in the order of `Audience::ALL`. Items for everyone (no audience) are in no bucket.
    pub audience_counts: Vec<(Audience, usize)>,
    /// Hits usable without parents, with every other filter applied.
    pub without_parents_count: usize,
    /// "Did you mean": the query with misspelled words replaced by index words, when
    /// there are few or no hits.
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub slug: String,
    pub kind: Kind,
    pub title: String,
    /// Safe HTML: escaped text with matched words in `<mark>…</mark>`.
    pub snippet_html: String,
    pub score: f32,
}

/// The search index of all languages. Immutable once built; share it (`Arc`) freely.
pub struct SearchIndex {
    langs: Vec<(Lang, LangIndex)>,
    synonyms: Synonyms,
}

impl SearchIndex {
    /// Builds the index in RAM. Documents are grouped by language; each language gets its
    /// own index (and statistics), with the analysis `analysis_of` names for it.
    pub fn build(
        docs: Vec<SearchDoc>,
        synonyms: Synonyms,
        analysis_of: &dyn Fn(Lang) -> Analysis,
    ) -> Result<SearchIndex, String> {
        let mut by_lang: Vec<(Lang, Vec<SearchDoc>)> = Vec::new();
        for doc in docs {
            match by_lang.iter_mut().find(|(l, _)| *l == doc.lang) {
                Some((_, list)) => list.push(doc),
                None => by_lang.push((doc.lang, vec![doc])),
            }
        }
        let mut langs = Vec::with_capacity(by_lang.len());
        for (lang, docs) in by_lang {
            let index = LangIndex::build(analysis_of(lang), docs)
                .map_err(|e| format!("search index ({lang}): {e}"))?;
            langs.push((lang, index));
        }
        Ok(SearchIndex { langs, synonyms })
    }

    /// Searches one language. Never panics; unknown languages and empty or
    /// punctuation-only queries give no hits.
    pub fn search(&self, q: &SearchQuery) -> SearchResults {
        let Some((_, index)) = self.langs.iter().find(|(l, _)| *l == q.lang) else {
            return SearchResults::default();
        };
        let plan = plan::plan(&q.text, &index.vocab, self.synonyms.of(q.lang));
        if plan.groups.is_empty() {
            return SearchResults::default();
        }
        rank::run(index, &plan, q)
    }

    /// Number of indexed documents (all languages).
    pub fn len(&self) -> usize {
        self.langs.iter().map(|(_, l)| l.docs.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
