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
    /// Index in `LangIndex::kinds`.
    pub(crate) kind_id: u8,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) body: String,
    /// Bit set over `LangIndex::audiences`; 0 means for everyone.
    pub(crate) audience: u32,
    pub(crate) age: Option<(u8, u8)>,
}

/// Most distinct kinds / audiences told apart (there are 5 and 3).
pub(crate) const MAX_LABELS: usize = 32;

/// Everything searchable in one language.
pub(crate) struct LangIndex {
    pub(crate) docs: Vec<DocMeta>,
    /// Distinct kinds, in order of first appearance.
    pub(crate) kinds: Vec<String>,
    /// Distinct audiences, in order of first appearance.
    pub(crate) audiences: Vec<String>,
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
        let mut kinds: Vec<String> = Vec::new();
        let mut audiences: Vec<String> = Vec::new();
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
            let kind_id = label_id(&mut kinds, &doc.kind).unwrap_or(MAX_LABELS - 1) as u8;
            let audience = doc
                .audience
                .iter()
                .filter_map(|a| label_id(&mut audiences, a))
                .fold(0u32, |bits, i| bits | 1 << i);
            metas.push(DocMeta {
                slug: doc.slug,
                kind: doc.kind,
                kind_id,
                title: doc.title,
                summary: doc.summary,
                body: doc.body,
                audience,
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
            kinds,
            audiences,
            vocab,
            index,
        })
    }
}

/// Index of `label` in `labels`, adding it; `None` beyond MAX_LABELS distinct labels.
fn label_id(labels: &mut Vec<String>, label: &str) -> Option<usize> {
    if let Some(i) = labels.iter().position(|l| l == label) {
        return Some(i);
    }
    if labels.len() >= MAX_LABELS {
        return None;
    }
    labels.push(label.to_string());
    Some(labels.len() - 1)
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
