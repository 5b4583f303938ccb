//! Turning one language's documents into a vocabulary and a tantivy index: every
//! distinct word is analysed once (stem, folded stem, compound parts), then each
//! document's fields are written to tantivy as the analysed terms, separated by spaces
//! (tantivy's `whitespace` tokenizer splits them again; no further analysis happens there).
//! Fields: title, keywords, summary, body, and the compound parts of the head
//! (title + keywords + summary) and of the body; plus `ord`, a fast field with the
//! document's position in `LangIndex::docs`/`facets`.

use super::impact::Impacts;
use super::text::{for_each_word, Analysis, MAX_WORD_BYTES};
use super::vocab::{Vocab, VocabBuilder};
use super::SearchDoc;
use crate::content::model::Kind;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument};

/// The text fields, in the order of `FIELD_NAMES` and `BOOSTS`.
pub(crate) const NUM_FIELDS: usize = 6;
const F_TITLE: usize = 0;
const F_KEYWORDS: usize = 1;
const F_SUMMARY: usize = 2;
const F_BODY: usize = 3;
const F_PARTS_HEAD: usize = 4;
const F_PARTS_BODY: usize = 5;
pub(crate) const FIELD_NAMES: [&str; NUM_FIELDS] = [
    "title",
    "keywords",
    "summary",
    "body",
    "parts_head",
    "parts_body",
];
/// Field boosts: title highest, then keywords, summary, body. Compound parts count
/// less than whole words.
pub(crate) const BOOSTS: [f32; NUM_FIELDS] = [3.0, 2.2, 1.6, 1.0, 1.4, 0.6];
/// A document's boost by kind, stored with it for ranking: entry points first, as they are
/// written to be the way in to a topic.
fn kind_boost(kind: Kind) -> f32 {
    match kind {
        Kind::Indgang => 1.5,
        Kind::Tilbud => 1.1,
        Kind::Side => 0.85,
        Kind::Kursus | Kind::Partner => 1.0,
    }
}
/// The fast field holding the document ordinal.
pub(crate) const ORD_FIELD: &str = "ord";
/// Splits the pre-analysed field texts on spaces (registered by tantivy by default).
const TOKENIZER: &str = "whitespace";
/// Memory budget of the (single-threaded) index writer: tantivy's smallest, plus room per
/// document. The writer sizes (and the kernel zeroes) its tables by the budget, so a
/// budget fit for 10,000 documents was most of a small site's start-up time.
fn writer_budget(docs: usize) -> usize {
    (15_000_000 + docs * 2_000).min(50_000_000)
}

/// One document's terms per field (term ids, repeats allowed).
type DocTerms = [Vec<u32>; NUM_FIELDS];

/// What a hit needs to be shown.
pub(crate) struct DocMeta {
    pub(crate) slug: String,
    pub(crate) kind: Kind,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) body: std::sync::Arc<str>,
}

/// What filtering, counting and ranking need of every matching document: small and
/// kept in one array, so a query touching thousands of documents stays in cache.
#[derive(Clone, Copy)]
pub(crate) struct Facet {
    /// Position in `Kind::ALL`.
    pub(crate) kind: u8,
    /// Bit set over `Audience::ALL`; 0 means for everyone.
    pub(crate) audience: u32,
    pub(crate) age: Option<(u8, u8)>,
    pub(crate) without_parents: bool,
    /// Ranking factor of the kind (entry points first).
    pub(crate) boost: f32,
}

/// Everything searchable in one language.
pub(crate) struct LangIndex {
    pub(crate) docs: Vec<DocMeta>,
    /// Per document, like `docs`.
    pub(crate) facets: Vec<Facet>,
    pub(crate) vocab: Vocab,
    /// The tantivy index (kept alive with its reader) and the searcher over it.
    _index: Index,
    _reader: IndexReader,
    pub(crate) searcher: Searcher,
    /// The text fields, in the order of `FIELD_NAMES`.
    pub(crate) fields: [Field; NUM_FIELDS],
    /// Per term id, a bit per field the term occurs in (so queries skip empty fields).
    pub(crate) field_mask: Vec<u8>,
    /// Per segment (in the searcher's order), each tantivy document's ordinal in `docs`.
    pub(crate) ords: Vec<Vec<u32>>,
    /// BM25 per text field, in the order of `FIELD_NAMES`.
    pub(crate) bm25: Vec<FieldBm25>,
    /// Documents in the index (BM25's N).
    pub(crate) total_docs: u64,
    /// Each searched term's score per document, kept once read.
    pub(crate) impacts: Impacts,
}

/// tantivy's BM25 for one field, made once per index: a query reads postings and field
/// norms itself ([`super::rank`]), and a term's weight is `unit` scaled by its idf.
pub(crate) struct FieldBm25 {
    /// BM25 for the field's average length, with the idf of a term in no document.
    pub(crate) unit: Bm25Weight,
    pub(crate) unit_idf: f32,
}

/// BM25's idf, as tantivy computes it (`tantivy::query::bm25`).
pub(crate) fn idf(doc_freq: u64, docs: u64) -> f32 {
    let x = (docs.saturating_sub(doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// Source texts of a document, in the order of the head fields then the body.
const TITLE: usize = 0;
const KEYWORDS: usize = 1;
const SUMMARY: usize = 2;

impl LangIndex {
    pub(crate) fn build(lang: Analysis, docs: Vec<SearchDoc>) -> tantivy::Result<LangIndex> {
        // Pass 1: the words of every document, as ids.
        let mut vb = VocabBuilder::default();
        let mut word_ids: Vec<[Vec<u32>; 4]> = Vec::with_capacity(docs.len());
        let mut metas = Vec::with_capacity(docs.len());
        let mut facets = Vec::with_capacity(docs.len());
        for doc in docs {
            let keywords = doc.keywords.join("\n");
            let texts = [
                doc.title.as_str(),
                keywords.as_str(),
                &doc.summary,
                &doc.body,
            ];
            let mut ids: [Vec<u32>; 4] = Default::default();
            for (text, out) in texts.iter().zip(ids.iter_mut()) {
                for_each_word(text, |_, _, w| {
                    if w.len() <= MAX_WORD_BYTES {
                        out.push(vb.add(w));
                    }
                });
            }
            word_ids.push(ids);
            let audience = doc
                .audience
                .iter()
                .fold(0u32, |bits, a| bits | 1 << a.index());
            facets.push(Facet {
                kind: doc.kind.index() as u8,
                audience,
                age: doc.age,
                without_parents: doc.without_parents,
                boost: kind_boost(doc.kind),
            });
            metas.push(DocMeta {
                slug: doc.slug,
                kind: doc.kind,
                title: doc.title,
                summary: doc.summary,
                body: doc.body,
            });
        }
        let vocab = vb.finish(lang);

        // Pass 2: terms per field, written to tantivy.
        let mut sb = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields: [Field; NUM_FIELDS] =
            FIELD_NAMES.map(|name| sb.add_text_field(name, text.clone()));
        let ord_field = sb.add_u64_field(ORD_FIELD, NumericOptions::default().set_fast());
        let index = Index::create_in_ram(sb.build());
        let mut writer =
            index.writer_with_num_threads::<TantivyDocument>(1, writer_budget(metas.len()))?;
        let mut field_mask = vec![0u8; vocab.terms.count()];
        let mut buf = String::new();
        for (ord, ids) in word_ids.iter().enumerate() {
            let terms = doc_terms(&vocab, ids);
            let mut doc = TantivyDocument::default();
            for (f, list) in terms.iter().enumerate() {
                if list.is_empty() {
                    continue;
                }
                buf.clear();
                for &t in list {
                    field_mask[t as usize] |= 1 << f;
                    if !buf.is_empty() {
                        buf.push(' ');
                    }
                    buf.push_str(vocab.terms.str(t));
                }
                doc.add_text(fields[f], &buf);
            }
            doc.add_u64(ord_field, ord as u64);
            writer.add_document(doc)?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let total_docs = searcher.total_num_docs()?;
        let bm25 = fields
            .iter()
            .map(|&f| {
                let average = searcher.total_num_tokens(f)? as f32 / total_docs.max(1) as f32;
                Ok(FieldBm25 {
                    unit: Bm25Weight::for_one_term_without_explain(0, total_docs, average),
                    unit_idf: idf(0, total_docs),
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let ords = searcher
            .segment_readers()
            .iter()
            .map(|r| {
                let column = r.fast_fields().u64(ORD_FIELD)?.first_or_default_col(0);
                Ok((0..r.max_doc()).map(|d| column.get_val(d) as u32).collect())
            })
            .collect::<tantivy::Result<Vec<Vec<u32>>>>()?;
        let field_mask_len = field_mask.len();
        Ok(LangIndex {
            docs: metas,
            facets,
            vocab,
            _index: index,
            _reader: reader,
            searcher,
            fields,
            field_mask,
            ords,
            bm25,
            total_docs,
            impacts: Impacts::new(field_mask_len),
        })
    }

    /// The fields `term` occurs in, as bits over `FIELD_NAMES`.
    pub(crate) fn term_fields(&self, term: u32) -> u8 {
        self.field_mask.get(term as usize).copied().unwrap_or(0)
    }
}

/// A document's terms per field: each word's stem in its own field, its compound parts in
/// the head's or the body's parts field; stop words left out.
fn doc_terms(vocab: &Vocab, ids: &[Vec<u32>; 4]) -> DocTerms {
    let mut f: DocTerms = Default::default();
    for (src, words) in ids.iter().enumerate() {
        let (main, parts) = match src {
            TITLE => (F_TITLE, F_PARTS_HEAD),
            KEYWORDS => (F_KEYWORDS, F_PARTS_HEAD),
            SUMMARY => (F_SUMMARY, F_PARTS_HEAD),
            _ => (F_BODY, F_PARTS_BODY),
        };
        for &id in words {
            let info = vocab.info(id);
            if info.stop {
                continue;
            }
            f[main].push(info.main);
            f[parts].extend(info.parts.iter().copied());
        }
    }
    f
}
