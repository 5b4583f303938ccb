//! Turning one language's documents into a vocabulary and an index: every distinct word
//! is analysed once (stem, folded stem, compound parts), then each document's fields
//! become term ids for the impact index.

use super::impact::{DocTerms, Field, ImpactIndex};
use super::text::{for_each_word, Lang, MAX_WORD_BYTES};
use super::vocab::{Vocab, VocabBuilder};
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
    pub(crate) index: ImpactIndex,
}

/// Source texts of a document, in the order of the head fields then the body.
const TITLE: usize = 0;
const KEYWORDS: usize = 1;
const SUMMARY: usize = 2;

impl LangIndex {
    pub(crate) fn build(lang: Lang, docs: Vec<SearchDoc>) -> LangIndex {
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

        // Pass 2: terms per field, then the impact index.
        let fields: Vec<DocTerms> = word_ids.iter().map(|ids| doc_terms(&vocab, ids)).collect();
        let index = ImpactIndex::build(vocab.terms.count(), &fields);
        LangIndex {
            docs: metas,
            kinds,
            audiences,
            vocab,
            index,
        }
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

fn doc_terms(vocab: &Vocab, ids: &[Vec<u32>; 4]) -> DocTerms {
    let mut f: DocTerms = Default::default();
    for (src, words) in ids.iter().enumerate() {
        let (main, parts) = match src {
            TITLE => (Field::Title, Field::PartsHead),
            KEYWORDS => (Field::Keywords, Field::PartsHead),
            SUMMARY => (Field::Summary, Field::PartsHead),
            _ => (Field::Body, Field::PartsBody),
        };
        for &id in words {
            let info = vocab.info(id);
            if info.stop {
                continue;
            }
            f[main as usize].push(info.main);
            f[parts as usize].extend(info.parts.iter().copied());
        }
    }
    f
}
