//! `/sitemap.xml` and `/robots.txt` for search engines.
//!
//! The sitemap lists every public page in every served language (home, the listings, each
//! item), each with the same `hreflang` alternates its own `<head>` names. Search and guide
//! pages are left out: they are `noindex` and only answer what someone typed.

use super::absolute;
use crate::content::model::{Kind, Lang};
use crate::content::Content;
use crate::paths;

/// One page: its path in every language (default first) and when it was last reviewed.
struct Entry {
    alternates: Vec<(Lang, String)>,
    lastmod: Option<chrono::NaiveDate>,
}

fn entries(content: &Content) -> Vec<Entry> {
    let languages = &content.site.languages;
    let every = |path_in: &dyn Fn(Lang) -> String| -> Vec<(Lang, String)> {
        languages.langs().map(|l| (l, path_in(l))).collect()
    };
    let mut out = vec![Entry {
        alternates: every(&|l: Lang| l.home()),
        lastmod: None,
    }];
    for kind in Kind::ALL {
        out.push(Entry {
            alternates: every(&|l| paths::listing(languages, l, kind.id())),
            lastmod: None,
        });
    }
    // An item has a page in each language the content gives it (an untranslated one shows
    // the Danish text in the language's own frame), just as its page's head says.
    for item in content.in_lang(Lang::DEFAULT) {
        out.push(Entry {
            alternates: languages
                .langs()
                .filter(|l| content.get(*l, &item.slug).is_some())
                .map(|l| (l, paths::item(l, &item.slug)))
                .collect(),
            lastmod: Some(item.reviewed),
        });
    }
    out
}

/// The sitemap (sitemaps.org 0.9 with `xhtml:link` alternates).
pub fn sitemap(content: &Content) -> String {
    let site = &content.site;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in entries(content) {
        let default = entry
            .alternates
            .first()
            .map(|(_, p)| absolute(site, p))
            .unwrap_or_default();
        for (_, path) in &entry.alternates {
            out.push_str("  <url>\n");
            out.push_str(&format!("    <loc>{}</loc>\n", xml(&absolute(site, path))));
            if let Some(date) = entry.lastmod {
                out.push_str(&format!(
                    "    <lastmod>{}</lastmod>\n",
                    date.format("%Y-%m-%d")
                ));
            }
            for (lang, alt) in &entry.alternates {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    lang.code(),
                    xml(&absolute(site, alt))
                ));
            }
            out.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                xml(&default)
            ));
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be read; the sitemap is named by its full address.
pub fn robots(content: &Content) -> String {
    format!(
        "User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {}\n",
        absolute(&content.site, "/sitemap.xml")
    )
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
