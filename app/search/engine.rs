//! The tantivy side: an in-RAM index of already analysed terms (one field per kind of
//! text), and BM25 scoring of single terms straight from its postings.
//!
//! Analysis happens in our own code (see `build.rs`), once per distinct word; tantivy
//! receives space-separated terms and splits them on white space only, so the index and
//! the queries can never disagree about analysis. Queries are never parsed: the search
//! asks for the postings of known terms, so no user input reaches a query parser.

use std::sync::Arc;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::WhitespaceTokenizer;
use tantivy::{
    DocSet, Index, IndexReader, InvertedIndexReader, ReloadPolicy, Searcher, TantivyDocument,
    TERMINATED,
};

/// The indexed fields. Main fields hold stems; `Parts*` the stems of compound parts;
/// `Fold*` folded stems (æ→ae, ø→oe, å→aa, then stem) of words and parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum F {
    Title = 0,
    Keywords,
    Summary,
    Body,
    PartsHead,
    PartsBody,
    FoldHead,
    FoldBody,
}

pub(crate) const NUM_FIELDS: usize = 8;
const FIELD_NAMES: [&str; NUM_FIELDS] = [
    "title",
    "keywords",
    "summary",
    "body",
    "parts_head",
    "parts_body",
    "fold_head",
    "fold_body",
];
/// The tokenizer the schema names; registered on the index before writing.
const TOKENIZER: &str = "findhjaelp_terms";
const ORD_FIELD: &str = "ord";
/// Indexing memory: one thread, 64 MB (the 10,000-document case uses far less).
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// BM25 parameters (the usual ones, as tantivy uses).
const K1: f32 = 1.2;
const B: f32 = 0.75;

struct Segment {
    inverted: Vec<Arc<InvertedIndexReader>>,
    norms: Vec<FieldNormReader>,
    /// Segment doc id → our document ordinal.
    ords: Vec<u32>,
}

pub(crate) struct TermIndex {
    _index: Index,
    _reader: IndexReader,
    _searcher: Searcher,
    segments: Vec<Segment>,
    /// Per field: BM25 length normalisation per fieldnorm id.
    norm_cache: Vec<[f32; 256]>,
    num_docs: u32,
}

impl TermIndex {
    /// Indexes documents given as analysed term strings per field, in ordinal order.
    pub(crate) fn build(docs: Vec<[String; NUM_FIELDS]>) -> tantivy::Result<TermIndex> {
        let mut sb = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields: Vec<Field> = FIELD_NAMES
            .iter()
            .map(|n| sb.add_text_field(n, text.clone()))
            .collect();
        let ord_field = sb.add_u64_field(ORD_FIELD, NumericOptions::default().set_fast());
        let index = Index::create_in_ram(sb.build());
        index
            .tokenizers()
            .register(TOKENIZER, WhitespaceTokenizer::default());

        let num_docs = docs.len() as u32;
        {
            let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY)?;
            writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
            for (ord, texts) in docs.into_iter().enumerate() {
                let mut doc = TantivyDocument::new();
                for (field, text) in fields.iter().zip(texts) {
                    if !text.is_empty() {
                        doc.add_text(*field, text);
                    }
                }
                doc.add_u64(ord_field, ord as u64);
                writer.add_document(doc)?;
            }
            writer.commit()?;
            writer.wait_merging_threads()?;
        }

        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let mut segments = Vec::new();
        let mut total_tokens = [0u64; NUM_FIELDS];
        for seg in searcher.segment_readers() {
            let mut inverted = Vec::with_capacity(NUM_FIELDS);
            let mut norms = Vec::with_capacity(NUM_FIELDS);
            for (i, field) in fields.iter().enumerate() {
                let inv = seg.inverted_index(*field)?;
                total_tokens[i] += inv.total_num_tokens();
                inverted.push(inv);
                norms.push(seg.get_fieldnorms_reader(*field)?);
            }
            let column = seg.fast_fields().u64(ORD_FIELD)?;
            let ords = (0..seg.max_doc())
                .map(|doc| column.first(doc).unwrap_or(0) as u32)
                .collect();
            segments.push(Segment {
                inverted,
                norms,
                ords,
            });
        }
        let norm_cache = total_tokens
            .iter()
            .map(|&tokens| {
                let avg = if num_docs == 0 {
                    0.0
                } else {
                    tokens as f32 / num_docs as f32
                };
                let mut cache = [0f32; 256];
                for (id, c) in cache.iter_mut().enumerate() {
                    let norm = FieldNormReader::id_to_fieldnorm(id as u8) as f32;
                    let rel = if avg > 0.0 { norm / avg } else { 1.0 };
                    *c = K1 * (1.0 - B + B * rel);
                }
                cache
            })
            .collect();
        Ok(TermIndex {
            _index: index,
            _reader: reader,
            _searcher: searcher,
            segments,
            norm_cache,
            num_docs,
        })
    }

    /// Adds `boost` × BM25(term, field) for every document containing `term` in `field`,
    /// by calling `add(ordinal, score)`. Returns the number of documents.
    pub(crate) fn score_term(
        &self,
        field: F,
        term: &str,
        boost: f32,
        add: &mut impl FnMut(u32, f32),
    ) -> u32 {
        let f = field as usize;
        let mut found = Vec::new();
        let mut df = 0u64;
        for (i, seg) in self.segments.iter().enumerate() {
            if let Ok(Some(ti)) = seg.inverted[f].terms().get(term.as_bytes()) {
                df += ti.doc_freq as u64;
                found.push((i, ti));
            }
        }
        if df == 0 {
            return 0;
        }
        let n = self.num_docs as f32;
        let idf = (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
        let weight = boost * idf * (1.0 + K1);
        let cache = &self.norm_cache[f];
        let mut count = 0;
        for (i, ti) in found {
            let seg = &self.segments[i];
            let Ok(mut postings) =
                seg.inverted[f].read_postings_from_terminfo(&ti, IndexRecordOption::WithFreqs)
            else {
                continue;
            };
            let norms = &seg.norms[f];
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let tf = postings.term_freq() as f32;
                let norm = cache[norms.fieldnorm_id(doc) as usize];
                if let Some(&ord) = seg.ords.get(doc as usize) {
                    add(ord, weight * tf / (tf + norm));
                    count += 1;
                }
                doc = postings.advance();
            }
        }
        count
    }
}
