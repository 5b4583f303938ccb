//! Turning one language's documents into a vocabulary and an index: every distinct word
//! is analysed once (stem, folded stem, compound parts), then each document's fields
//! are written as term strings for tantivy.

use super::engine::{TermIndex, F, NUM_FIELDS};
use super::text::{for_each_word, Lang, MAX_WORD_BYTES};
use super::vocab::{Vocab, VocabBuilder, NONE};
use super::SearchDoc;

/// What a hit needs to be shown, filtered and counted.
pub(crate) struct DocMeta {
    pub(crate) slug: String,
    pub(crate) kind: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) body: String,
    pub(crate) audience: Vec<String>,
    pub(crate) age: Option<(u8, u8)>,
}

/// Everything searchable in one language.
pub(crate) struct LangIndex {
    pub(crate) docs: Vec<DocMeta>,
    pub(crate) vocab: Vocab,
    pub(crate) index: TermIndex,
}

/// Source texts of a document, in the order of the head fields then the body.
const TITLE: usize = 0;
const KEYWORDS: usize = 1;
const SUMMARY: usize = 2;
const BODY: usize = 3;

impl LangIndex {
    pub(crate) fn build(lang: Lang, docs: Vec<SearchDoc>) -> Result<LangIndex, String> {
        // Pass 1: the words of every document, as ids.
        let mut vb = VocabBuilder::default();
        let mut word_ids: Vec<[Vec<u32>; 4]> = Vec::with_capacity(docs.len());
        let mut metas = Vec::with_capacity(docs.len());
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
            metas.push(DocMeta {
                slug: doc.slug,
                kind: doc.kind,
                title: doc.title,
                summary: doc.summary,
                body: doc.body,
                audience: doc.audience,
                age: doc.age,
            });
        }
        let vocab = vb.finish(lang);

        // Pass 2: term strings per field.
        let fields: Vec<[String; NUM_FIELDS]> =
            word_ids.iter().map(|ids| doc_fields(&vocab, ids)).collect();
        let index = TermIndex::build(fields).map_err(|e| format!("search index: {e}"))?;
        Ok(LangIndex {
            docs: metas,
            vocab,
            index,
        })
    }
}

fn push_term(out: &mut String, term: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(term);
}

fn doc_fields(vocab: &Vocab, ids: &[Vec<u32>; 4]) -> [String; NUM_FIELDS] {
    let mut f: [String; NUM_FIELDS] = Default::default();
    let terms = &vocab.terms;
    for (src, words) in ids.iter().enumerate() {
        let head = src != BODY;
        let (parts_field, fold_field) = if head {
            (F::PartsHead as usize, F::FoldHead as usize)
        } else {
            (F::PartsBody as usize, F::FoldBody as usize)
        };
        let main_field = match src {
            TITLE => F::Title,
            KEYWORDS => F::Keywords,
            SUMMARY => F::Summary,
            _ => F::Body,
        } as usize;
        for &id in words {
            let info = vocab.info(id);
            if info.stop {
                continue;
            }
            push_term(&mut f[main_field], terms.str(info.main));
            for &p in info.parts.iter() {
                push_term(&mut f[parts_field], terms.str(p));
            }
            if info.fold != NONE {
                push_term(&mut f[fold_field], terms.str(info.fold));
                for &p in info.fold_parts.iter() {
                    push_term(&mut f[fold_field], terms.str(p));
                }
            }
        }
    }
    f
}
