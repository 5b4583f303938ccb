//! The snippet of a hit: the best passage of its summary or body (~160–220
//! characters), HTML-escaped, with the matched words in `<mark>…</mark>`.

use super::text::{push_escaped, words_starting_while, Starts};

/// Target length of a snippet, in characters.
const TARGET_CHARS: usize = 200;
/// Matches within this many bytes count as one passage.
const PASSAGE_BYTES: usize = 140;
/// Context kept before the first match, in characters.
const LEAD_CHARS: usize = 50;
/// Only this much of a body is scanned for matches.
const MAX_SCAN_BYTES: usize = 64 * 1024;

#[derive(Clone, Copy)]
struct Match {
    start: usize,
    end: usize,
    groups: u32,
}

/// Matches in `text`: `groups_of(word)` gives the query groups a word (as written)
/// matches (0 for none); only words starting with one of `starts` can match. Stops early
/// once one passage has every group in `all`.
fn find_matches(
    text: &str,
    groups_of: &dyn Fn(&str) -> u32,
    starts: &Starts,
    all: u32,
) -> Vec<Match> {
    let mut out: Vec<Match> = Vec::new();
    let scan = if text.len() > MAX_SCAN_BYTES {
        let mut end = MAX_SCAN_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    } else {
        text
    };
    // Once a passage has every group, only the rest of its window is still needed
    // (so every visible match gets marked).
    let mut stop_at = usize::MAX;
    words_starting_while(scan, starts, |start, end| {
        if start > stop_at {
            return false;
        }
        let groups = groups_of(&scan[start..end]);
        if groups == 0 {
            return true;
        }
        out.push(Match { start, end, groups });
        if stop_at == usize::MAX {
            let passage = out
                .iter()
                .rev()
                .take_while(|m| end - m.start <= PASSAGE_BYTES);
            let (covered, first) = passage.fold((0, start), |(a, _), m| (a | m.groups, m.start));
            if covered & all == all {
                stop_at = first + 4 * TARGET_CHARS;
            }
        }
        true
    });
    out
}

/// Best passage: (index of its first match, distinct groups, number of matches).
fn best_passage(matches: &[Match]) -> Option<(usize, u32, usize)> {
    let mut best: Option<(usize, u32, usize)> = None;
    let mut j = 0;
    for i in 0..matches.len() {
        j = j.max(i);
        while j < matches.len() && matches[j].end - matches[i].start <= PASSAGE_BYTES {
            j += 1;
        }
        let groups = matches[i..j]
            .iter()
            .fold(0u32, |a, m| a | m.groups)
            .count_ones();
        let count = j - i;
        if best.is_none_or(|(_, g, c)| (groups, count) > (g, c)) {
            best = Some((i, groups, count));
        }
    }
    best
}

/// Byte offset `n` characters after `from` (or the end).
fn advance_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Byte offset `n` characters before `to` (or 0).
fn back_chars(text: &str, to: usize, n: usize) -> usize {
    text[..to]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The part of `text` to show around `anchor` (a byte offset of a match), about
/// `target` characters.
fn window(text: &str, anchor: usize, target: usize) -> (usize, usize) {
    if text.chars().take(target + 21).count() <= target + 20 {
        return (0, text.len());
    }
    // Start at a sentence start shortly before the match, else a word start.
    let lead = back_chars(text, anchor, LEAD_CHARS);
    let mut start = lead;
    if let Some(p) = text[lead..anchor].rfind(['.', '!', '?', '\n']) {
        start = lead + p + 1;
    } else if lead > 0 {
        start = text[lead..anchor]
            .find(char::is_whitespace)
            .map_or(anchor, |p| lead + p);
    }
    while start < anchor && text[start..].starts_with(char::is_whitespace) {
        start += text[start..].chars().next().map_or(1, char::len_utf8);
    }
    let mut end = advance_chars(text, start, target);
    if end < text.len() {
        // Do not cut a word.
        if let Some(p) = text[start..end].rfind(char::is_whitespace) {
            if p > 0 {
                end = start + p;
            }
        }
    }
    (start, end)
}

fn render(text: &str, (start, end): (usize, usize), matches: &[Match]) -> String {
    let mut out = String::with_capacity(end - start + 64);
    if start > 0 {
        out.push('…');
    }
    let mut pos = start;
    for m in matches.iter().filter(|m| m.start >= start && m.end <= end) {
        push_escaped(&mut out, &text[pos..m.start]);
        out.push_str("<mark>");
        push_escaped(&mut out, &text[m.start..m.end]);
        out.push_str("</mark>");
        pos = m.end;
    }
    push_escaped(&mut out, &text[pos..end]);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if end < text.len() {
        out.push('…');
    }
    out
}

/// Snippet HTML for a document; `all` is the bit set of every query group. The summary
/// wins ties: it is written to describe the item.
/// When only the title matches, the marked title leads the snippet, so the reader sees why.
pub(crate) fn snippet(
    title: &str,
    summary: &str,
    body: &str,
    groups_of: &dyn Fn(&str) -> u32,
    starts: &Starts,
    all: u32,
) -> String {
    let summary = summary.trim();
    let body = body.trim();
    let sm = find_matches(summary, groups_of, starts, all);
    let s_best = best_passage(&sm);
    // A summary with every query word cannot be beaten.
    let bm = match s_best {
        Some((i, _, _)) if sm[i..].iter().fold(0, |a, m| a | m.groups) & all == all => Vec::new(),
        _ => find_matches(body, groups_of, starts, all),
    };
    let b_best = best_passage(&bm);
    let use_body = match (s_best, b_best) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some((_, sg, sc)), Some((_, bg, bc))) => (bg, bc) > (sg, sc) && bg > sg,
    };
    let (text, matches, best) = if use_body || summary.is_empty() {
        (body, bm, b_best)
    } else {
        (summary, sm, s_best)
    };
    if best.is_none() {
        let title = title.trim();
        let tm = find_matches(title, groups_of, starts, all);
        if !tm.is_empty() {
            let mut out = render(title, (0, title.len()), &tm);
            let room = TARGET_CHARS.saturating_sub(title.chars().count()).max(80);
            if !text.is_empty() {
                out.push_str(" – ");
                out.push_str(&render(text, window(text, 0, room), &matches));
            }
            return out;
        }
    }
    let anchor = best.map_or(0, |(i, _, _)| matches[i].start);
    render(text, window(text, anchor, TARGET_CHARS), &matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(word: &str) -> u32 {
        match word.to_lowercase().as_str() {
            "psykolog" => 1,
            "samtaler" => 2,
            _ => 0,
        }
    }

    #[test]
    fn short_summary_is_whole_and_marked() {
        let html = snippet(
            "T",
            "Samtaler med en psykolog.",
            "",
            &marks,
            &Starts::any(),
            3,
        );
        assert_eq!(html, "<mark>Samtaler</mark> med en <mark>psykolog</mark>.");
    }

    #[test]
    fn long_body_gives_a_window_around_the_best_passage() {
        let filler = "Der står meget andet her om alt muligt. ".repeat(20);
        let body = format!("{filler}Du kan få samtaler med en psykolog i kommunen. {filler}");
        let html = snippet("T", "Kort om tilbuddet.", &body, &marks, &Starts::any(), 3);
        assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
        assert!(
            html.contains("<mark>samtaler</mark> med en <mark>psykolog</mark>"),
            "{html}"
        );
        let visible = html.replace("<mark>", "").replace("</mark>", "");
        let n = visible.chars().count();
        assert!((120..=225).contains(&n), "{n}: {visible}");
    }

    #[test]
    fn no_match_shows_summary_start() {
        let html = snippet(
            "T",
            "Et <b>tilbud</b> & mere.",
            "brødtekst",
            &marks,
            &Starts::any(),
            3,
        );
        assert_eq!(html, "Et &lt;b&gt;tilbud&lt;/b&gt; &amp; mere.");
        let html = snippet(
            "En psykolog",
            "Et tilbud.",
            "brødtekst",
            &marks,
            &Starts::any(),
            3,
        );
        assert_eq!(html, "En <mark>psykolog</mark> – Et tilbud.");
    }
}
