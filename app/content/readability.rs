//! LIX, the Scandinavian readability index: words per sentence plus the
//! percentage of long words (more than six letters). Below 35 is easy reading,
//! 35-44 is medium (a newspaper), 45 and above is hard.

use super::model::Audience;

/// The highest LIX a Danish body may have: easy reading (35) on pages only for young
/// people, a newspaper (45) on the rest (the limits in `content/README.md`).
pub fn limit(audience: &[Audience]) -> f64 {
    if audience == [Audience::Unge] {
        35.0
    } else {
        45.0
    }
}

/// LIX of plain text where each line is one block (paragraph, heading, list item);
/// a block ends a sentence even without a full stop.
pub fn lix(text: &str) -> f64 {
    let mut words = 0usize;
    let mut long = 0usize;
    let mut sentences = 0usize;
    for block in text.lines() {
        let mut open = false;
        for token in block.split_whitespace() {
            let letters = token.chars().filter(|c| c.is_alphanumeric()).count();
            if letters > 0 {
                words += 1;
                open = true;
                if letters > 6 {
                    long += 1;
                }
            }
            if token.ends_with(['.', '!', '?', ':']) && open {
                sentences += 1;
                open = false;
            }
        }
        if open {
            sentences += 1;
        }
    }
    if words == 0 {
        return 0.0;
    }
    words as f64 / sentences.max(1) as f64 + 100.0 * long as f64 / words as f64
}

#[cfg(test)]
mod tests {
    use super::lix;

    #[test]
    fn short_sentences_short_words_score_low() {
        // 8 words, 2 sentences, 2 long words (hjælper, problemerne): 4 + 25
        assert!((lix("Du kan ringe. Vi hjælper dig med problemerne.") - 29.0).abs() < 0.01);
        assert!(
            lix("Kommunalbestyrelsens børnefaglige undersøgelsesforløb forudsætter partshøring")
                > 60.0
        );
        assert_eq!(lix(""), 0.0);
    }
}
