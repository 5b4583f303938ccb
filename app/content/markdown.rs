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
    let mut raw = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    Rendered {
        html: sanitise(&raw),
        text,
        links,
    }
}

/// Staff may paste HTML into Markdown; only harmless markup survives.
fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        .rm_tags(&["img"]) // no images from other sites: no third-party requests
        .clean(html)
        .to_string()
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
}
