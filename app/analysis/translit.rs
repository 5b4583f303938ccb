//! Ukrainian written in Latin letters (`tato mene bje`, `nemaie kudy ity`), as people type
//! it on a keyboard without Cyrillic, read back into Cyrillic, so the Ukrainian words of
//! the acute lexicon reach it without a second, Latin copy of every word.
//!
//! Every common way of writing it lands on the same key after [`super::loose`]: the
//! official national transliteration (`zh`, `kh`, `ts`, `ia`, `iu`, `ie`), the older
//! and Russian-influenced ones (`ya`, `yu`, `ye`, `ja`, `g` for г, `c` for ц, `w` for в)
//! and chat spellings (`b'ye`, `byie`, `bje` for б'є).

/// The Cyrillic reading of one lower-cased Latin word, or `None` when the word holds
/// anything but Latin letters and apostrophes (digits, Cyrillic, Arabic, æøå).
pub fn latin_to_cyrillic(word: &str) -> Option<String> {
    if word.is_empty()
        || !word
            .chars()
            .all(|c| c.is_ascii_lowercase() || matches!(c, '\'' | '’' | 'ʼ'))
    {
        return None;
    }
    let letters: Vec<char> = word.chars().filter(char::is_ascii_lowercase).collect();
    let mut out = String::with_capacity(word.len() * 2);
    let mut i = 0;
    while i < letters.len() {
        let rest = &letters[i..];
        let starts = |s: &str| rest.iter().take(s.len()).copied().eq(s.chars());
        // Longest spelling first.
        let (cyr, used) = if starts("shch") {
            ("щ", 4)
        } else if starts("sch") {
            ("щ", 3)
        } else if starts("zh") {
            ("ж", 2)
        } else if starts("kh") {
            ("х", 2)
        } else if starts("ch") {
            ("ч", 2)
        } else if starts("sh") {
            ("ш", 2)
        } else if starts("ts") {
            ("ц", 2)
        } else if let Some((iotated, used)) = iotated(rest) {
            (iotated, used)
        } else {
            let cyr = match rest[0] {
                'a' => "а",
                'b' => "б",
                'c' => "ц",
                'd' => "д",
                'e' => "е",
                'f' => "ф",
                'g' | 'h' => "г",
                'i' => "і",
                'j' => "й",
                'k' | 'q' => "к",
                'l' => "л",
                'm' => "м",
                'n' => "н",
                'o' => "о",
                'p' => "п",
                'r' => "р",
                's' => "с",
                't' => "т",
                'u' => "у",
                'v' | 'w' => "в",
                'x' => "кс",
                'y' => "и",
                'z' => "з",
                _ => "",
            };
            (cyr, 1)
        };
        out.push_str(cyr);
        i += used;
    }
    Some(out)
}

/// `ya`, `ia`, `ja`, `yia` → я; likewise ю, є and ї: a run of `y`/`i`/`j` before a vowel
/// is the soft or iotated vowel, however many of them were typed.
fn iotated(rest: &[char]) -> Option<(&'static str, usize)> {
    let run = rest
        .iter()
        .take_while(|c| matches!(c, 'y' | 'i' | 'j'))
        .count();
    if run == 0 {
        return None;
    }
    let vowel = match rest.get(run)? {
        'a' => "я",
        'u' => "ю",
        'e' => "є",
        'i' => "ї",
        _ => return None,
    };
    Some((vowel, run + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::loose;

    /// The Latin spellings meet the Cyrillic word on the forgiving key.
    fn same(latin: &str, cyrillic: &str) {
        let read = latin_to_cyrillic(latin).unwrap();
        assert_eq!(
            loose(&read),
            loose(cyrillic),
            "{latin} → {read} vs {cyrillic}"
        );
    }

    #[test]
    fn every_common_spelling_meets_the_cyrillic_word() {
        same("bje", "б'є");
        same("b'ye", "б'є");
        same("byie", "б'є");
        same("bie", "б'є");
        same("zahubyvsya", "загубився");
        same("zahubyvsia", "загубився");
        same("zagubyvsya", "загубився");
        same("nochuiu", "ночую");
        same("nochuyu", "ночую");
        same("nemaie", "немає");
        same("nemaye", "немає");
        same("khlopets", "хлопець");
        same("vitchym", "вітчим");
        same("shchodnia", "щодня");
        same("yizhy", "їжі");
        same("torkaietsia", "торкається");
        same("torkayetsya", "торкається");
    }

    #[test]
    fn only_latin_words_are_read() {
        assert_eq!(latin_to_cyrillic("3omri"), None);
        assert_eq!(latin_to_cyrillic("børn"), None);
        assert_eq!(latin_to_cyrillic("мама"), None);
        assert_eq!(latin_to_cyrillic(""), None);
    }
}
