//! The site's knowledge in other systems' formats: Open Referral HSDS 3.0 for service
//! directories, iCalendar for course dates, a sitemap for search engines and schema.org
//! JSON-LD on detail pages. Everything here is built from one site snapshot and says only
//! what the content files say: a value written as `ukendt` is left out, never guessed.

pub mod hsds;
pub mod ical;
pub mod jsonld;
pub mod sitemap;

use crate::content::model::is_placeholder;
use crate::content::site_config::SiteConfig;

/// The public address of a path on this site (`https://…/stien`), from `base_url`.
pub fn absolute(site: &SiteConfig, path: &str) -> String {
    format!("{}{path}", site.base_url.trim_end_matches('/'))
}

/// A content value that is actually known: not missing, not empty, not `ukendt`.
pub fn known(value: Option<&str>) -> Option<&str> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty() && !is_placeholder(v))
}

/// A known web address (`http(s)://…` without spaces); anything else is left out.
pub fn known_web(value: Option<&str>) -> Option<&str> {
    known(value).filter(|v| {
        (v.starts_with("https://") || v.starts_with("http://")) && !v.contains(char::is_whitespace)
    })
}

/// A known e-mail address (something@domain, no spaces); anything else is left out.
pub fn known_email(value: Option<&str>) -> Option<&str> {
    known(value).filter(|v| {
        let Some((user, domain)) = v.split_once('@') else {
            return false;
        };
        !user.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !v.contains(char::is_whitespace)
            && !domain.contains('@')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_left_out() {
        assert_eq!(known(Some("ukendt")), None);
        assert_eq!(known(Some(" Ukendt ")), None);
        assert_eq!(known(Some("  ")), None);
        assert_eq!(known(None), None);
        assert_eq!(known(Some("Gratis")), Some("Gratis"));
        assert_eq!(known_web(Some("headspace.dk")), None);
        assert_eq!(
            known_web(Some("https://headspace.dk")),
            Some("https://headspace.dk")
        );
        assert_eq!(known_email(Some("ukendt")), None);
        assert_eq!(known_email(Some("a b@c.dk")), None);
        assert_eq!(
            known_email(Some("post@kalundborg.dk")),
            Some("post@kalundborg.dk")
        );
    }
}
