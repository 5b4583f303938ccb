//! Markdown bodies: rendered with pulldown-cmark, `slug:` links resolved and
//! checked, raw HTML sanitised with ammonia, plain text kept for search and readability.

use super::model::Lang;
use crate::problem::{line_of, Problem};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

pub struct Rendered {
    pub html: String,
    /// Plain text, one block (paragraph, heading, list item) per line.
    pub text: String,
    /// Slugs linked to with `slug:` and the line each link is on.
    pub links: Vec<(String, usize)>,
}

/// Renders `body`, which starts at line `first_line` of its file.
pub fn render(body: &str, first_line: usize, lang: Lang) -> Rendered {
    let mut links = Vec::new();
    let mut text = String::new();
    let mut in_code_tag = false;
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let events: Vec<Event<'_>> = parser
        .into_offset_iter()
        .map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match dest_url.strip_prefix("slug:") {
                    Some(slug) => {
                        let slug = slug.trim().to_string();
                        links.push((slug.clone(), first_line + line_of(body, range.start) - 1));
                        CowStr::from(crate::paths::item(lang, &slug))
                    }
                    None => dest_url,
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        })
        .inspect(|event| match event {
            // Text inside pasted <script>/<style> is not prose (and is removed from the HTML).
            Event::InlineHtml(h) | Event::Html(h) => {
                let tag = h.trim_start().to_ascii_lowercase();
                if tag.starts_with("<script") || tag.starts_with("<style") {
                    in_code_tag = true;
                }
                if tag.contains("</script") || tag.contains("</style") {
                    in_code_tag = false;
                }
            }
            Event::Text(t) | Event::Code(t) if !in_code_tag => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => text.push('\n'),
            _ => {}
        })
        .collect();
    let plain = events.iter().all(needs_no_cleaning);
    let mut raw = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    Rendered {
        // pulldown-cmark escapes all text; only pasted HTML, images and links to other
        // schemes can carry what ammonia removes (a third of start-up at 10,000 items).
        html: if plain { raw } else { sanitise(&raw) },
        text,
        links,
    }
}

/// Whether pulldown-cmark's HTML for the event is harmless as it is: no raw HTML, no
/// image, and links only to pages of the site, e-mail and phone addresses (ammonia marks
/// links to other sites `rel="noopener noreferrer"`).
fn needs_no_cleaning(event: &Event<'_>) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Image { .. }) => false,
        Event::Start(Tag::Link { dest_url, .. }) => {
            let url = dest_url.trim_start().to_ascii_lowercase();
            let site_path = url.starts_with('/') && !url.starts_with("//");
            site_path
                || ["mailto:", "tel:", "#"]
                    .iter()
                    .any(|scheme| url.starts_with(scheme))
        }
        _ => true,
    }
}

/// Staff may paste HTML into Markdown; only harmless markup survives.
fn sanitise(html: &str) -> String {
    static CLEANER: std::sync::LazyLock<ammonia::Builder<'static>> =
        std::sync::LazyLock::new(|| {
            let mut b = ammonia::Builder::default();
            b.rm_tags(&["img"]); // no images from other sites: no third-party requests
            b
        });
    CLEANER.clean(html).to_string()
}

/// Problems for `slug:` links to items that do not exist.
pub fn check_links(
    path: &str,
    links: &[(String, usize)],
    exists: impl Fn(&str) -> bool,
) -> Vec<Problem> {
    links
        .iter()
        .filter(|(slug, _)| !exists(slug))
        .map(|(slug, line)| {
            Problem::error(
                path,
                *line,
                format!("linket går til `slug:{slug}`, men der findes ikke noget indhold med det navn. Ret stavemåden eller fjern linket"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_slug_links_and_strips_scripts() {
        let r = render(
            "Hej\n\nSe [STIEN](slug:stien).<script>alert(1)</script>\n\n## Næste",
            5,
            Lang::intern("en").unwrap(),
        );
        assert!(r.html.contains("href=\"/en/stien\""), "{}", r.html);
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert_eq!(r.links, vec![("stien".to_string(), 7)]);
        assert_eq!(r.text, "Hej\nSe STIEN.\nNæste\n");
    }

    /// The fast path (no ammonia) gives what ammonia would have given, but for the `rel`
    /// ammonia puts on every link: on links within the site, to e-mail or phone it does
    /// nothing (no new window, and every page sends `Referrer-Policy: no-referrer`).
    #[test]
    fn plain_markdown_needs_no_cleaning() {
        let body = "# Titel\n\nTekst med *kursiv*, **fed**, ~~streg~~ og `kode` & <3.\n\n\
            - punkt [STIEN](slug:stien)\n- [mail](mailto:a@b.dk) og [ring](tel:+4512345678)\n\n\
            > citat [her](#top)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n1. et\n2. to\n";
        let r = render(body, 1, Lang::DEFAULT);
        assert!(r.html.contains("<table>") && r.html.contains("href=\"/stien\""));
        let cleaned = sanitise(&r.html).replace(" rel=\"noopener noreferrer\"", "");
        assert_eq!(cleaned, r.html);
        for unsafe_body in [
            "<b onclick=x>hi</b>",
            "![x](https://example.org/a.png)",
            "[x](javascript:alert(1))",
            "[x](https://example.org)",
        ] {
            let r = render(unsafe_body, 1, Lang::DEFAULT);
            assert_eq!(sanitise(&r.html), r.html, "{unsafe_body} is cleaned");
            assert!(
                !r.html.contains("javascript")
                    && !r.html.contains("<img")
                    && !r.html.contains("onclick")
            );
        }
    }
}
