//! The inverted index: for every term, the documents containing it with a precomputed
//! impact = Σ over fields of (field boost × BM25 of the term in that field).
//!
//! The index is static (rebuilt per content version), so the per-field BM25 can be
//! summed once at build time: a query term then costs one sequential scan of
//! (document, impact) pairs instead of one posting list per field plus field-length
//! look-ups. Fields: title, keywords, summary, body, and the compound parts of the head
//! (title + keywords + summary) and of the body.

/// The fields of a document, as term occurrences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Title = 0,
    Keywords,
    Summary,
    Body,
    PartsHead,
    PartsBody,
}

pub(crate) const NUM_FIELDS: usize = 6;

/// Field boosts: title highest, then keywords, summary, body. Compound parts count
/// less than whole words.
pub(crate) const BOOSTS: [f32; NUM_FIELDS] = [3.0, 2.2, 1.6, 1.0, 1.4, 0.6];

/// BM25 parameters (the usual ones).
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// One document's term occurrences per field (term ids, repeats allowed).
pub(crate) type DocTerms = [Vec<u32>; NUM_FIELDS];

pub(crate) struct ImpactIndex {
    /// Term id → range in `docs`/`impacts`.
    offsets: Vec<u32>,
    docs: Vec<u32>,
    impacts: Vec<f32>,
}

impl ImpactIndex {
    /// Builds the index of `docs` (document ordinal = position) over `num_terms` terms.
    pub(crate) fn build(num_terms: usize, docs: &[DocTerms]) -> ImpactIndex {
        let n = docs.len();
        // Pass 1: per document, (term, field, tf) sorted by term; field lengths; df.
        let mut df = vec![[0u32; NUM_FIELDS]; num_terms];
        let mut lens: Vec<[u32; NUM_FIELDS]> = Vec::with_capacity(n);
        let mut total_len = [0u64; NUM_FIELDS];
        let mut per_doc: Vec<Vec<(u32, u8, u32)>> = Vec::with_capacity(n);
        let mut count = vec![0u32; num_terms + 1];
        let mut occ: Vec<(u32, u8)> = Vec::new();
        for doc in docs {
            occ.clear();
            let mut len = [0u32; NUM_FIELDS];
            for (f, terms) in doc.iter().enumerate() {
                len[f] = terms.len() as u32;
                total_len[f] += terms.len() as u64;
                occ.extend(terms.iter().map(|&t| (t, f as u8)));
            }
            occ.sort_unstable();
            let mut runs: Vec<(u32, u8, u32)> = Vec::new();
            for &(t, f) in &occ {
                match runs.last_mut() {
                    Some((lt, lf, tf)) if *lt == t && *lf == f => *tf += 1,
                    _ => {
                        df[t as usize][f as usize] += 1;
                        if runs.last().is_none_or(|r| r.0 != t) {
                            count[t as usize + 1] += 1;
                        }
                        runs.push((t, f, 1));
                    }
                }
            }
            lens.push(len);
            per_doc.push(runs);
        }
        let avg: Vec<f32> =
            total_len.iter().map(|&l| if n == 0 { 0.0 } else { l as f32 / n as f32 }).collect();
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let offsets = count;
        let total = *offsets.last().unwrap_or(&0) as usize;

        // Pass 2: impacts, written in document order so every row is sorted.
        let mut cursor: Vec<u32> = offsets[..num_terms].to_vec();
        let mut out_docs = vec![0u32; total];
        let mut out_impacts = vec![0f32; total];
        let nf = n as f32;
        for (ord, runs) in per_doc.iter().enumerate() {
            let len = &lens[ord];
            let mut i = 0;
            while i < runs.len() {
                let t = runs[i].0;
                let mut impact = 0.0;
                while i < runs.len() && runs[i].0 == t {
                    let (_, f, tf) = runs[i];
                    let f = f as usize;
                    let d = df[t as usize][f] as f32;
                    let idf = (1.0 + (nf - d + 0.5) / (d + 0.5)).ln();
                    let norm = K1 * (1.0 - B + B * len[f] as f32 / avg[f].max(f32::MIN_POSITIVE));
                    let tf = tf as f32;
                    impact += BOOSTS[f] * idf * tf * (K1 + 1.0) / (tf + norm);
                    i += 1;
                }
                let at = cursor[t as usize] as usize;
                cursor[t as usize] += 1;
                out_docs[at] = ord as u32;
                out_impacts[at] = impact;
            }
        }
        ImpactIndex { offsets, docs: out_docs, impacts: out_impacts }
    }

    /// The documents containing `term` and their impacts (documents ascending).
    pub(crate) fn row(&self, term: u32) -> (&[u32], &[f32]) {
        let t = term as usize;
        match (self.offsets.get(t), self.offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => {
                let r = a as usize..b as usize;
                (&self.docs[r.clone()], &self.impacts[r])
            }
            _ => (&[], &[]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impacts_follow_bm25_and_boosts() {
        // term 0 in doc 0's title; in doc 1's body; term 1 everywhere in bodies.
        let docs: Vec<DocTerms> = vec![
            [vec![0], vec![], vec![], vec![1, 1, 2], vec![], vec![]],
            [vec![3], vec![], vec![], vec![0, 1], vec![], vec![]],
            [vec![3], vec![], vec![], vec![1, 4, 5, 6], vec![], vec![0]],
        ];
        let idx = ImpactIndex::build(7, &docs);
        let (d, s) = idx.row(0);
        assert_eq!(d, &[0, 1, 2]);
        assert!(s[0] > s[1], "title beats body: {s:?}");
        assert!(s[1] > s[2], "body beats body parts: {s:?}");
        let (d, s) = idx.row(1);
        assert_eq!(d, &[0, 1, 2]);
        assert!(s[0] > s[2], "more occurrences score higher: {s:?}");
        assert!(s.iter().all(|&x| x > 0.0));
        assert_eq!(idx.row(99), (&[][..], &[][..]));
    }
}
