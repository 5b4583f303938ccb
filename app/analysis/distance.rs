//! Edit distance: one definition for search, the guide's chat and the safety layer.
//!
//! The distance is "optimal string alignment": inserting, deleting or changing one
//! letter, or swapping two neighbours, each costs one edit ("selvmrod" is one edit from
//! "selvmord"). It is computed row by row with [`push_row`], which search's vocabulary
//! also uses to walk its sorted word list like a trie; the helpers below use it for
//! whole words, word beginnings and words inside compounds.

use std::cell::RefCell;

/// Appends row `d` (1-based position in `key`) of the distance table between `q` and
/// `key[..d]`, given rows `0..d` already in `rows` (each `q.len() + 1` wide), and returns
/// the row's smallest value (when it exceeds the budget, no longer `key` can come back
/// under it).
pub fn push_row<T: PartialEq>(rows: &mut Vec<u8>, q: &[T], key: &[T], d: usize) -> u8 {
    let w = q.len() + 1;
    let c = &key[d - 1];
    let base = (d - 1) * w;
    // Column 0: all `d` key letters so far deleted.
    let first = rows[base].saturating_add(1);
    rows.push(first);
    let mut row_min = first;
    for j in 1..=q.len() {
        let cost = u8::from(q[j - 1] != *c);
        let mut v = rows[base + j]
            .saturating_add(1)
            .min(rows[d * w + j - 1].saturating_add(1))
            .min(rows[base + j - 1].saturating_add(cost));
        if d > 1 && j > 1 && *c == q[j - 2] && key[d - 2] == q[j - 1] {
            v = v.min(rows[(d - 2) * w + j - 2].saturating_add(1));
        }
        rows.push(v);
        row_min = row_min.min(v);
    }
    row_min
}

/// The first row of a table for `q`: `0, 1, 2, …` (whole words and word beginnings).
pub fn start_rows(rows: &mut Vec<u8>, q_len: usize) {
    rows.clear();
    rows.extend((0..=q_len).map(|i| i.min(255) as u8));
}

thread_local! {
    // One scratch table per thread: the matchers call these functions for many word
    // pairs per message, and a fresh allocation per pair showed up in profiles.
    static ROWS: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Longest word compared with typos; longer "words" are pasted noise.
const MAX_LEN: usize = 64;

/// The distance between `a` and `b` if it is at most `max`.
pub fn within<T: PartialEq>(a: &[T], b: &[T], max: u8) -> Option<u8> {
    if a.len().abs_diff(b.len()) > max as usize || a.len() > MAX_LEN || b.len() > MAX_LEN {
        return None;
    }
    ROWS.with_borrow_mut(|rows| {
        start_rows(rows, a.len());
        for d in 1..=b.len() {
            if push_row(rows, a, b, d) > max {
                return None;
            }
        }
        let dist = rows[b.len() * (a.len() + 1) + a.len()];
        (dist <= max).then_some(dist)
    })
}

/// The smallest distance between `pattern` and a beginning of `word`, if at most `max`:
/// how a typed compound ("selvmorstanker") still begins with a word ("selvmord").
pub fn prefix_within<T: PartialEq>(pattern: &[T], word: &[T], max: u8) -> Option<u8> {
    if pattern.len() > MAX_LEN || word.len() + (max as usize) < pattern.len() {
        return None;
    }
    let word = &word[..word.len().min(pattern.len() + max as usize)];
    let m = pattern.len();
    ROWS.with_borrow_mut(|rows| {
        start_rows(rows, m);
        let mut best = rows[m];
        for d in 1..=word.len() {
            let row_min = push_row(rows, pattern, word, d);
            best = best.min(rows[d * (m + 1) + m]);
            if row_min > max {
                break;
            }
        }
        (best <= max).then_some(best)
    })
}

/// The smallest distance between `pattern` and any stretch inside `word`, if at most
/// `max`: a danger word inside a run-together compound ("tankerneomselvmrod").
pub fn infix_within<T: PartialEq>(pattern: &[T], word: &[T], max: u8) -> Option<u8> {
    if pattern.is_empty() || pattern.len() > MAX_LEN || word.len() > 4 * MAX_LEN {
        return None;
    }
    // Pattern letters down the rows, word letters across: the first row is all zeros,
    // so the pattern may start anywhere in the word, and the last row is read whole
    // (the pattern may end anywhere).
    let n = word.len();
    ROWS.with_borrow_mut(|rows| {
        rows.clear();
        rows.resize(n + 1, 0);
        for d in 1..=pattern.len() {
            push_row(rows, word, pattern, d);
        }
        let last = &rows[pattern.len() * (n + 1)..];
        let best = last.iter().copied().min().unwrap_or(u8::MAX);
        (best <= max).then_some(best)
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The textbook table, for comparison.
    pub(crate) fn brute(a: &[u8], b: &[u8]) -> u8 {
        let (n, m) = (a.len(), b.len());
        let mut d = vec![vec![0usize; m + 1]; n + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=n {
            for j in 1..=m {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[n][m].min(255) as u8
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn whole_words_agree_with_the_textbook_table() {
        let words = [
            "selvmord",
            "selvmrod",
            "slevmord",
            "selvmor",
            "selvmordd",
            "sevlmord",
            "dø",
            "do",
            "piller",
            "spiller",
            "",
            "a",
            "ab",
            "ba",
            "headspace",
            "hedspace",
        ];
        for a in words {
            for b in words {
                let want = brute(a.as_bytes(), b.as_bytes());
                for max in 0..3u8 {
                    let got = within(a.as_bytes(), b.as_bytes(), max);
                    assert_eq!(got, (want <= max).then_some(want), "{a:?} {b:?} max {max}");
                }
            }
        }
    }

    #[test]
    fn word_beginnings_and_compound_parts() {
        let p = chars("selvmord");
        assert_eq!(prefix_within(&p, &chars("selvmordstanker"), 1), Some(0));
        assert_eq!(prefix_within(&p, &chars("selvmorstanker"), 1), Some(1));
        assert_eq!(prefix_within(&p, &chars("slevmordstanker"), 1), Some(1));
        assert_eq!(prefix_within(&p, &chars("selskab"), 1), None);
        assert_eq!(infix_within(&p, &chars("tankeromselvmord"), 0), Some(0));
        assert_eq!(infix_within(&p, &chars("tankeromselvmrod"), 1), Some(1));
        assert_eq!(infix_within(&p, &chars("tankeromselvmrod"), 0), None);
        assert_eq!(
            infix_within(&chars("skade"), &chars("selvskadende"), 0),
            Some(0)
        );
        assert_eq!(
            infix_within(&chars("dosis"), &chars("overdosis"), 0),
            Some(0)
        );
        assert_eq!(infix_within(&chars("dosis"), &chars("dos"), 1), None);
    }
}
