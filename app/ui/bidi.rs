//! Numbers that must keep their order inside right-to-left text.
//!
//! The Unicode bidirectional algorithm shows "116 111" in an Arabic sentence as "111 116":
//! each digit group is a number of its own, and the space between two numbers takes the
//! direction of the paragraph. Phone numbers written in prose (Markdown bodies, translated
//! messages, fact texts) are therefore isolated as one left-to-right run on right-to-left
//! pages, so nobody has to remember this when writing.

use crate::lang::Direction;

/// The `dir` for a short text whose language is not known (a field that may be translated
/// or may be the Danish text standing in): on a right-to-left page, `ltr` when the text
/// has no right-to-left letter at all (Danish, or a Latin name), else nothing. Unlike
/// `dir="auto"`, which goes by the first letter, an Arabic sentence that begins with a
/// Danish name ("Fagcenter Børn og Familie (…)، Kalundborg Kommune") stays right to left.
pub fn dir_of_text(page: Direction, text: &str) -> Option<&'static str> {
    let rtl_letter = |c: char| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}');
    (page == Direction::Rtl && !text.chars().any(rtl_letter)).then_some("ltr")
}

/// `html` with every run of two or more digit groups separated by single spaces (a phone
/// number such as `116 111` or `+45 70 20 20 90`) in its text wrapped in
/// `<span class="number" dir="ltr">` (the class keeps it on one line). Text directly inside
/// an element that sets its own `dir` is left as it is, as are tags, attribute values,
/// comments and the contents of `script`, `style`, `textarea` and `title`. Expects
/// serialised HTML, where text never contains a raw `<`.
pub fn isolate_number_runs(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 64);
    let mut i = 0;
    // Start of the text not yet copied; runs are found and wrapped inside it.
    let mut text_start = 0;
    let mut own_dir = false;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            copy_text(&html[text_start..i], own_dir, &mut out);
            let end = markup_end(html, i);
            let markup = &html[i..end];
            own_dir = !markup.starts_with("</") && markup.contains(" dir=");
            out.push_str(markup);
            i = end;
            text_start = i;
        } else {
            i += 1;
        }
    }
    copy_text(&html[text_start..], own_dir, &mut out);
    out
}

fn copy_text(text: &str, own_dir: bool, out: &mut String) {
    if own_dir {
        out.push_str(text);
    } else {
        wrap_runs(text, out);
    }
}

/// The end of the tag or comment starting at `start` (a `<`), including the raw text of an
/// element whose contents are not markup.
fn markup_end(html: &str, start: usize) -> usize {
    let rest = &html[start..];
    if rest.starts_with("<!--") {
        return rest.find("-->").map_or(html.len(), |e| start + e + 3);
    }
    let bytes = rest.as_bytes();
    let mut quote = None;
    let mut end = rest.len();
    for (k, &b) in bytes.iter().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => {
                end = k + 1;
                break;
            }
            _ => {}
        }
    }
    let name: String = rest[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
        let close = format!("</{name}");
        let lower = rest[end..].to_ascii_lowercase();
        return lower.find(&close).map_or(html.len(), |c| start + end + c);
    }
    start + end
}

/// Copies `text` to `out`, wrapping each run of digit groups.
fn wrap_runs(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let at_boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let digits_from = if bytes[i] == b'+' { i + 1 } else { i };
        if at_boundary && bytes.get(digits_from).is_some_and(u8::is_ascii_digit) {
            let (end, groups) = run_end(bytes, digits_from);
            if groups >= 2 {
                out.push_str(&text[copied..i]);
                out.push_str("<span class=\"number\" dir=\"ltr\">");
                out.push_str(&text[i..end]);
                out.push_str("</span>");
                copied = end;
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
}

/// From the first digit at `from`: where the run of space-separated digit groups ends, and
/// how many groups it has.
fn run_end(bytes: &[u8], from: usize) -> (usize, usize) {
    let digits = |k: usize| bytes[k..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut end = from + digits(from);
    let mut groups = 1;
    while bytes.get(end) == Some(&b' ') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end += 1 + digits(end + 1);
        groups += 1;
    }
    (end, groups)
}

#[cfg(test)]
mod tests {
    use super::{dir_of_text, isolate_number_runs as iso};
    use crate::lang::Direction::{Ltr, Rtl};

    #[test]
    fn text_without_arabic_letters_is_left_to_right_on_arabic_pages() {
        assert_eq!(dir_of_text(Rtl, "Døgnet rundt, hele året."), Some("ltr"));
        assert_eq!(dir_of_text(Rtl, "Barnets lov (قانون الطفل)"), None);
        assert_eq!(dir_of_text(Rtl, "على مدار الساعة"), None);
        assert_eq!(dir_of_text(Ltr, "Døgnet rundt"), None);
    }

    #[test]
    fn phone_numbers_in_text_are_isolated() {
        assert_eq!(
            iso("<p>اتصل على الرقم 116 111.</p>"),
            "<p>اتصل على الرقم <span class=\"number\" dir=\"ltr\">116 111</span>.</p>"
        );
        assert_eq!(
            iso("<li>و70 201 201 و+45 59 53 44 00</li>"),
            "<li>و<span class=\"number\" dir=\"ltr\">70 201 201</span> و<span class=\"number\" dir=\"ltr\">+45 59 53 44 00</span></li>"
        );
    }

    #[test]
    fn single_numbers_and_dates_are_left_alone() {
        let html = "<p>اتصل بالرقم 112 أو 1818. 12.03.2025, 8-15, v2 3</p>";
        assert_eq!(iso(html), html);
    }

    #[test]
    fn markup_is_copied_unchanged() {
        let html = concat!(
            "<a href=\"tel:116 111\" title='a > 1 2'>x</a><!-- 1 2 -->",
            "<textarea>3 4</textarea><script>5 6</script><input value=\"7 8\">"
        );
        assert_eq!(iso(html), html);
        let marked = "<a href=\"tel:59534400\" dir=\"ltr\">59 53 44 00</a>";
        assert_eq!(iso(marked), marked);
        assert_eq!(
            iso("<a href=\"tel:116111\"><strong>116 111</strong></a>"),
            "<a href=\"tel:116111\"><strong><span class=\"number\" dir=\"ltr\">116 111</span></strong></a>"
        );
    }

    #[test]
    fn digits_inside_words_and_trailing_spaces_are_not_runs() {
        let html = "<p>ab12 34, 5 </p>";
        assert_eq!(iso(html), html);
    }
}
