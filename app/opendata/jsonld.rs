//! schema.org JSON-LD for detail pages, so search engines can tell a public service from
//! a course or an association: `GovernmentService` for entry points and services,
//! `Course` with a `CourseInstance` per upcoming session for courses, `NGO` for partners.
//!
//! It goes in a `<script type="application/ld+json">` data block. Browsers never run a
//! data block, so the strict CSP (no inline script) does not apply to it. Every `<`, `>`
//! and `&` is written as a `\u` escape, so no text in the content can close the element
//! (`</script>`) or open a comment in it.

use super::{absolute, ical, known, known_email, known_web};
use crate::content::model::{Item, Kind};
use crate::content::site_config::SiteConfig;
use chrono::NaiveDate;
use serde_json::{json, Map, Value};

/// The JSON-LD of an item's page, ready to put inside the script element; `None` for
/// kinds that are not a service, course or organisation (plain pages).
pub fn for_item(site: &SiteConfig, item: &Item, today: NaiveDate) -> Option<String> {
    let data = match item.kind {
        Kind::Indgang | Kind::Tilbud => service(site, item),
        Kind::Kursus => course(site, item, today),
        Kind::Partner => partner(site, item),
        Kind::Side => return None,
    };
    Some(script_safe(&data))
}

/// The JSON text with `<`, `>` and `&` escaped: still the same JSON, and nothing an HTML
/// parser reads as markup inside a script element.
pub fn script_safe(data: &Value) -> String {
    let text = data.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// The fields every kind shares: type, name, description, language and the page.
fn base(item: &Item, kind: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!(kind));
    m.insert("name".into(), json!(item.title));
    m.insert("description".into(), json!(item.summary));
    m.insert("inLanguage".into(), json!(item.lang.code()));
    m
}

/// The municipality as an organisation.
fn municipality(site: &SiteConfig) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), json!("GovernmentOrganization"));
    m.insert("name".into(), json!(site.municipality));
    if let Some(web) = known_web(Some(&site.municipality_web)) {
        m.insert("url".into(), json!(web));
    }
    Value::Object(m)
}

/// Who provides an item: the municipality when it runs it, else the provider its file
/// names (left out when it names none).
fn provider(site: &SiteConfig, item: &Item) -> Option<Value> {
    if item.is_municipal() {
        return Some(municipality(site));
    }
    known(item.provider.as_deref()).map(|name| json!({ "@type": "Organization", "name": name }))
}

fn service(site: &SiteConfig, item: &Item) -> Value {
    let mut m = base(item, "GovernmentService");
    let page = absolute(site, &item.url());
    m.insert("url".into(), json!(page));
    if let Some(p) = provider(site, item) {
        m.insert("provider".into(), p);
    }
    m.insert(
        "areaServed".into(),
        json!({ "@type": "AdministrativeArea", "name": site.municipality }),
    );
    let contact = item.contact.as_ref();
    let mut channel = Map::new();
    channel.insert("@type".into(), json!("ServiceChannel"));
    channel.insert("serviceUrl".into(), json!(page));
    if let Some(phone) = known(contact.and_then(|c| c.phone.as_deref())) {
        channel.insert(
            "servicePhone".into(),
            json!({ "@type": "ContactPoint", "telephone": phone }),
        );
    }
    if let Some(address) = known(contact.and_then(|c| c.address.as_deref())) {
        channel.insert(
            "serviceLocation".into(),
            json!({ "@type": "Place", "name": address }),
        );
    }
    let languages: Vec<&str> = item.languages.iter().map(String::as_str).collect();
    if !languages.is_empty() {
        channel.insert("availableLanguage".into(), json!(languages));
    }
    m.insert("availableChannel".into(), Value::Object(channel));
    Value::Object(m)
}

fn course(site: &SiteConfig, item: &Item, today: NaiveDate) -> Value {
    let mut m = base(item, "Course");
    m.insert("url".into(), json!(absolute(site, &item.url())));
    if let Some(p) = provider(site, item) {
        m.insert("provider".into(), p);
    }
    let place = known(item.place.as_deref())
        .or_else(|| known(item.facts.as_ref().and_then(|f| f.location.as_deref())));
    // Only the dates the page shows; a course without any has no instance (never a guess).
    let instances: Vec<Value> = item
        .upcoming_sessions(today)
        .into_iter()
        .map(|s| {
            let mut i = Map::new();
            i.insert("@type".into(), json!("CourseInstance"));
            i.insert("startDate".into(), json!(ical::iso_start(s)));
            if let Some(end) = ical::iso_end(s) {
                i.insert("endDate".into(), json!(end));
            }
            if let Some(place) = place {
                i.insert(
                    "location".into(),
                    json!({ "@type": "Place", "name": place }),
                );
            }
            Value::Object(i)
        })
        .collect();
    if !instances.is_empty() {
        m.insert("hasCourseInstance".into(), json!(instances));
    }
    Value::Object(m)
}

fn partner(site: &SiteConfig, item: &Item) -> Value {
    let kind = if item.is_municipal() {
        "GovernmentOrganization"
    } else {
        "NGO"
    };
    let mut m = base(item, kind);
    m.insert(
        "mainEntityOfPage".into(),
        json!(absolute(site, &item.url())),
    );
    let contact = item.contact.as_ref();
    if let Some(web) = known_web(contact.and_then(|c| c.web.as_deref())) {
        m.insert("url".into(), json!(web));
    }
    if let Some(phone) = known(contact.and_then(|c| c.phone.as_deref())) {
        m.insert("telephone".into(), json!(phone));
    }
    if let Some(email) = known_email(contact.and_then(|c| c.email.as_deref())) {
        m.insert("email".into(), json!(email));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_cannot_leave_the_script_element() {
        let data = json!({ "name": "</script><script>alert(1)</script><!-- & -->" });
        let safe = script_safe(&data);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, data);
    }
}
