//! Open data (issue 12) through the real router: the HSDS 3.0 API validated against the
//! Open Referral schemas (`tests/hsds-3.0/`) and read by a consumer that knows nothing of
//! this site, the course calendars read by a real iCalendar parser, the sitemap read as
//! XML, and the JSON-LD of every detail page read as JSON.
//!
//! Courses with dates come from `tests/fixtures/courses/` (made up, laid over the built-in
//! content): the shipped courses have no confirmed dates.

mod common;
use common::*;
use findhjaelp::content::model::{is_placeholder, Item, Kind, Lang};
use findhjaelp::site::Site;
use findhjaelp::source::embedded_files;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};

// ------------------------------------------------------------------------------------
// Shared: the site with dated courses, the schemas, the site's addresses
// ------------------------------------------------------------------------------------

/// The built-in content plus the made-up courses with dates (built once per binary).
fn course_site() -> Arc<Site> {
    static SITE: OnceLock<Arc<Site>> = OnceLock::new();
    SITE.get_or_init(|| {
        let mut files = embedded_files();
        files.extend(folder_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses"),
        ));
        Arc::new(site_from(&files))
    })
    .clone()
}

fn base(site: &Site) -> String {
    site.content.site.base_url.trim_end_matches('/').to_string()
}

/// The path of one of the site's own addresses, or `None` for another site's.
fn own_path(site: &Site, url: &str) -> Option<String> {
    url.strip_prefix(&base(site)).map(|p| {
        if p.is_empty() {
            "/".to_string()
        } else {
            p.to_string()
        }
    })
}

fn read_json(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hsds-3.0")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).expect("vendored schema"))
        .expect("schema is JSON")
}

struct Schemas {
    about: jsonschema::Validator,
    services_page: jsonschema::Validator,
    service: jsonschema::Validator,
    organizations_page: jsonschema::Validator,
    organization: jsonschema::Validator,
}

/// Replaces the OpenAPI description's `$ref`s with the vendored schemas they name.
fn resolve(value: &mut Value, page: &Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref").cloned() {
                let target = if r == "#/components/schemas/Page" {
                    page.clone()
                } else if r.ends_with("/compiled/service_list.json") {
                    read_json("compiled_service_list.json")
                } else if r.ends_with("/compiled/organization_list.json") {
                    read_json("compiled_organization_list.json")
                } else {
                    panic!("unexpected $ref {r}")
                };
                *value = target;
                return;
            }
            for v in map.values_mut() {
                resolve(v, page);
            }
        }
        Value::Array(list) => list.iter_mut().for_each(|v| resolve(v, page)),
        _ => {}
    }
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("schema compiles")
}

/// The HSDS schemas, compiled once per binary. The list responses are the OpenAPI
/// description's own, with every `Page` field and `contents` required on top.
fn schemas() -> &'static Schemas {
    static SCHEMAS: OnceLock<Schemas> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        let openapi = read_json("openapi.json");
        let page = openapi["components"]["schemas"]["Page"].clone();
        let response = |path: &str| {
            let mut s = openapi["paths"][path]["get"]["responses"]["200"]["content"]
                ["application/json"]["schema"]
                .clone();
            resolve(&mut s, &page);
            let required: Vec<&str> = page["properties"]
                .as_object()
                .expect("Page has properties")
                .keys()
                .map(String::as_str)
                .chain(["contents"])
                .collect();
            serde_json::json!({ "allOf": [s, { "required": required }] })
        };
        Schemas {
            about: validator(
                &openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]
                    ["schema"],
            ),
            services_page: validator(&response("/services")),
            service: validator(&read_json("compiled_service.json")),
            organizations_page: validator(&response("/organizations")),
            organization: validator(&read_json("compiled_organization.json")),
        }
    })
}

fn assert_valid(v: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} breaks the HSDS schema:\n{}",
        errors.join("\n")
    );
}

/// Every string in a JSON value that is a web address.
fn links(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.starts_with("http://") || s.starts_with("https://") => {
            out.push(s.clone())
        }
        Value::Array(list) => list.iter().for_each(|v| links(v, out)),
        Value::Object(map) => map.values().for_each(|v| links(v, out)),
        _ => {}
    }
}

/// Web addresses the content itself gives for other sites (contact.web, the
/// municipality's site): the only outside links the API may hand out.
fn content_web_addresses(site: &Site) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = site
        .content
        .items
        .iter()
        .filter_map(|i| i.contact.as_ref().and_then(|c| c.web.clone()))
        .collect();
    out.insert(site.content.site.municipality_web.clone());
    out
}

/// A consumer that knows only `/api/hsds/`: lists every service and organization page by
/// page, fetches each one, validates everything it reads and follows every link it gets.
struct Consumer<'a> {
    site: &'a Site,
    app: findhjaelp::web::App,
    seen_links: BTreeSet<String>,
}

impl Consumer<'_> {
    async fn json(&mut self, path: &str) -> Value {
        let r = get(&self.app, path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(
            r.header("content-type")
                .is_some_and(|c| c.starts_with("application/json")),
            "{path}"
        );
        assert!(
            !r.body.to_lowercase().contains("ukendt"),
            "{path}: an unknown value was written out instead of left out:\n{}",
            r.body
        );
        let value = r.json();
        let mut found = Vec::new();
        links(&value, &mut found);
        self.seen_links.extend(found);
        value
    }

    /// Every item of a paginated list, each page validated.
    async fn all_pages(
        &mut self,
        path: &str,
        per_page: usize,
        schema: &jsonschema::Validator,
    ) -> Vec<Value> {
        let mut out = Vec::new();
        let mut number = 1;
        loop {
            let page = self
                .json(&format!("{path}?page={number}&per_page={per_page}"))
                .await;
            assert_valid(schema, &page, &format!("{path} page {number}"));
            assert_eq!(page["page_number"], number);
            assert_eq!(page["first_page"], number == 1);
            let contents = page["contents"].as_array().expect("contents").clone();
            assert_eq!(page["size"], contents.len());
            assert!(contents.len() <= per_page);
            out.extend(contents);
            if page["last_page"] == true {
                assert_eq!(page["total_pages"], number);
                assert_eq!(page["total_items"], out.len());
                return out;
            }
            number += 1;
            assert!(number < 1000, "the pages never end");
        }
    }

    /// Follows every link it was given: the site's own through the router, the others
    /// only if the content gave them.
    async fn follow_links(&mut self) {
        let outside = content_web_addresses(self.site);
        let links: Vec<String> = self.seen_links.iter().cloned().collect();
        assert!(!links.is_empty());
        for url in links {
            match own_path(self.site, &url) {
                Some(path) => {
                    let r = get(&self.app, &path).await;
                    assert_eq!(r.status, 200, "{url} does not resolve");
                }
                None => assert!(
                    outside.contains(&url),
                    "{url}: an outside link the content does not give"
                ),
            }
        }
    }
}

fn services_in(site: &Site) -> Vec<&Item> {
    site.content
        .in_lang(Lang::DEFAULT)
        .filter(|i| matches!(i.kind, Kind::Indgang | Kind::Tilbud | Kind::Kursus))
        .collect()
}

fn known(v: Option<&String>) -> Option<&str> {
    v.map(|s| s.trim())
        .filter(|s| !s.is_empty() && !is_placeholder(s))
}

// ------------------------------------------------------------------------------------
// HSDS
// ------------------------------------------------------------------------------------

/// The validation is real: a broken answer is caught.
#[tokio::test]
async fn the_schemas_catch_a_broken_answer() {
    let app = app();
    let list = get(&app, "/api/hsds/services?per_page=1").await.json();
    let id = list["contents"][0]["id"].as_str().unwrap().to_string();
    let good = get(&app, &format!("/api/hsds/services/{id}")).await.json();
    assert!(schemas().service.is_valid(&good));
    for (field, bad) in [
        ("status", serde_json::json!("open")),
        ("id", serde_json::json!("stien")),
        ("url", serde_json::json!("not an address")),
        ("minimum_age", serde_json::json!("ti")),
        ("phones", serde_json::json!([{ "number": "112" }])),
    ] {
        let mut broken = good.clone();
        broken[field] = bad;
        assert!(!schemas().service.is_valid(&broken), "{field}");
    }
    let mut no_name = good.clone();
    no_name.as_object_mut().unwrap().remove("name");
    assert!(!schemas().service.is_valid(&no_name));
    let mut page = list.clone();
    page.as_object_mut().unwrap().remove("total_pages");
    assert!(
        !schemas().services_page.is_valid(&page),
        "Page fields are required"
    );
}

#[tokio::test]
async fn the_hsds_root_says_version_3_0_and_where_to_start() {
    let site = default_site();
    let mut c = Consumer {
        site: &site,
        app: app(),
        seen_links: BTreeSet::new(),
    };
    for path in ["/api/hsds/", "/api/hsds"] {
        let about = c.json(path).await;
        assert_valid(&schemas().about, &about, path);
        assert_eq!(about["version"], "3.0");
    }
    c.follow_links().await;
}

/// The acceptance test of the issue: a consumer lists all services across all pages,
/// fetches each one, and every link it got back resolves.
#[tokio::test]
async fn a_consumer_lists_every_service_and_fetches_each_one() {
    for site in [default_site(), course_site()] {
        let mut c = Consumer {
            site: &site,
            app: app_with_shared(site.clone()),
            seen_links: BTreeSet::new(),
        };
        let listed = c
            .all_pages("/api/hsds/services", 4, &schemas().services_page)
            .await;
        let ids: BTreeSet<String> = listed
            .iter()
            .map(|s| s["id"].as_str().expect("id").to_string())
            .collect();
        assert_eq!(ids.len(), listed.len(), "ids are unique");
        assert_eq!(
            listed.len(),
            services_in(&site).len(),
            "every entry point, service and course, once"
        );
        for summary in &listed {
            let id = summary["id"].as_str().unwrap();
            let full = c.json(&format!("/api/hsds/services/{id}")).await;
            assert_valid(&schemas().service, &full, &format!("service {id}"));
            assert_eq!(full["id"], summary["id"]);
            assert_eq!(full["name"], summary["name"]);
            for list in [
                "phones",
                "contacts",
                "schedules",
                "service_at_locations",
                "languages",
            ] {
                assert!(full[list].is_array(), "{id}: {list}");
            }
            if let Some(org) = full["organization_id"].as_str() {
                assert_eq!(full["organization"]["id"], org);
            }
            // The service's own page says it is the page at this address.
            let page = get(
                &c.app,
                &own_path(&site, full["url"].as_str().unwrap()).unwrap(),
            )
            .await;
            assert!(
                page.body.contains(&format!(
                    "<link rel=\"canonical\" href=\"{}\"",
                    full["url"].as_str().unwrap()
                )),
                "{}",
                full["url"]
            );
        }
        c.follow_links().await;
    }
}

#[tokio::test]
async fn a_consumer_lists_every_organization_and_fetches_each_one() {
    let site = default_site();
    let mut c = Consumer {
        site: &site,
        app: app(),
        seen_links: BTreeSet::new(),
    };
    let listed = c
        .all_pages("/api/hsds/organizations", 2, &schemas().organizations_page)
        .await;
    let partners: Vec<&Item> = site.content.of_kind(Lang::DEFAULT, Kind::Partner).collect();
    assert_eq!(
        listed.len(),
        partners.len() + 1,
        "the municipality and every partner"
    );
    assert_eq!(listed[0]["name"], site.content.site.municipality.as_str());
    for p in &partners {
        assert!(
            listed.iter().any(|o| o["name"] == p.title.as_str()),
            "{}",
            p.slug
        );
    }
    let service_ids: BTreeSet<String> = c
        .all_pages("/api/hsds/services", 200, &schemas().services_page)
        .await
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    for org in &listed {
        let id = org["id"].as_str().unwrap();
        let full = c.json(&format!("/api/hsds/organizations/{id}")).await;
        assert_valid(
            &schemas().organization,
            &full,
            &format!("organization {id}"),
        );
        assert!(!full["description"].as_str().unwrap().is_empty());
        for s in full["services"].as_array().expect("services") {
            assert!(service_ids.contains(s["id"].as_str().unwrap()));
            assert_eq!(s["organization_id"], id);
        }
        // A service list filtered by the organization gives the same services.
        let filtered = c
            .json(&format!(
                "/api/hsds/services?organization_id={id}&per_page=200"
            ))
            .await;
        assert_eq!(
            filtered["total_items"],
            full["services"].as_array().unwrap().len()
        );
    }
    let municipal = c
        .json(&format!(
            "/api/hsds/organizations/{}",
            listed[0]["id"].as_str().unwrap()
        ))
        .await;
    assert!(
        municipal["services"].as_array().unwrap().len() >= 20,
        "the municipality runs most services"
    );
    c.follow_links().await;
}

/// Each field comes from the item's file: the review date, the facts that are known, the
/// phone number, the languages; an unknown value is simply not there.
#[tokio::test]
async fn services_say_what_the_content_says_and_nothing_more() {
    let site = course_site();
    let app = app_with_shared(site.clone());
    let listed = get(&app, "/api/hsds/services?per_page=200").await.json();
    let by_name: BTreeMap<String, Value> = listed["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap().to_string(), s.clone()))
        .collect();
    let mut phones = 0;
    for item in services_in(&site) {
        let summary = &by_name[&item.title];
        let id = summary["id"].as_str().unwrap();
        let s = get(&app, &format!("/api/hsds/services/{id}")).await.json();
        let what = &item.slug;
        assert_eq!(
            s["assured_date"],
            item.reviewed.format("%Y-%m-%d").to_string(),
            "{what}"
        );
        assert_eq!(s["description"], item.summary.as_str(), "{what}");
        assert_eq!(s["status"], "active");
        let facts = item.facts.as_ref();
        for (field, value) in [
            (
                "fees_description",
                known(facts.and_then(|f| f.cost.as_ref())),
            ),
            ("wait_time", known(facts.and_then(|f| f.wait.as_ref()))),
            (
                "eligibility_description",
                known(facts.and_then(|f| f.ages.as_ref())),
            ),
        ] {
            match value {
                Some(v) => assert_eq!(s[field], v, "{what}: {field}"),
                None => assert!(
                    s.get(field).is_none(),
                    "{what}: {field} is unknown, so absent"
                ),
            }
        }
        match item.age {
            Some([lo, hi]) => {
                assert_eq!(s["minimum_age"], lo, "{what}");
                assert_eq!(s["maximum_age"], hi, "{what}");
            }
            None => assert!(s.get("minimum_age").is_none() && s.get("maximum_age").is_none()),
        }
        match known(item.contact.as_ref().and_then(|c| c.phone.as_ref())) {
            Some(number) => {
                assert_eq!(s["phones"][0]["number"], number, "{what}");
                phones += 1;
            }
            None => assert_eq!(
                s["phones"],
                serde_json::json!([]),
                "{what}: no invented phone"
            ),
        }
        let codes: Vec<&str> = s["languages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["code"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = item.languages.iter().map(String::as_str).collect();
        assert_eq!(codes, expected, "{what}: languages");
        assert_eq!(
            s["organization_id"].is_string(),
            item.is_municipal(),
            "{what}: only the municipality is named as an organization"
        );
    }
    assert!(phones >= 1, "the one service with a known number has it");
}

#[tokio::test]
async fn course_sessions_are_hsds_schedules_with_danish_times() {
    let site = course_site();
    let app = app_with_shared(site.clone());
    let item = site
        .content
        .get(Lang::DEFAULT, "testkursus-med-datoer")
        .unwrap();
    let listed = get(&app, "/api/hsds/services?per_page=200").await.json();
    let id = listed["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == item.title.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let s = get(&app, &format!("/api/hsds/services/{id}")).await.json();
    assert_valid(&schemas().service, &s, "the dated course");
    let schedules = s["schedules"].as_array().unwrap();
    let dates: Vec<&str> = schedules
        .iter()
        .map(|x| x["valid_from"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        ["2099-01-13", "2099-06-16", "2099-09-01", "2099-09-08"],
        "upcoming sessions only, soonest first"
    );
    assert_eq!(schedules[0]["opens_at"], "17:00");
    assert_eq!(schedules[0]["closes_at"], "19:00");
    assert_eq!(schedules[0]["timezone"], 1, "winter: UTC+1");
    assert_eq!(schedules[1]["opens_at"], "09:30");
    assert_eq!(schedules[1]["timezone"], 2, "summer: UTC+2");
    assert!(
        schedules[2].get("opens_at").is_none(),
        "no time, none invented"
    );
    assert!(schedules[3].get("opens_at").is_none());
    assert_eq!(schedules[3]["description"], "om eftermiddagen");
    assert_eq!(
        schedules[0]["schedule_link"],
        format!("{}/kurser/testkursus-med-datoer.ics", base(&site))
    );
    assert_eq!(
        s["service_at_locations"][0]["location"]["name"],
        "Rådhuset, mødelokale 2"
    );
    assert_eq!(s["application_process"], item.signup.as_deref().unwrap());
}

#[tokio::test]
async fn ids_stay_the_same_when_other_content_changes() {
    // Two different builds (one with two more courses): the same slug, the same id.
    let ids = |site: Arc<Site>| async move {
        let app = app_with_shared(site);
        let page = get(&app, "/api/hsds/services?per_page=200").await.json();
        page["contents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["url"].as_str().unwrap().to_string(),
                    s["id"].as_str().unwrap().to_string(),
                )
            })
            .collect::<BTreeMap<String, String>>()
    };
    let before = ids(default_site()).await;
    let after = ids(course_site()).await;
    assert_eq!(after.len(), before.len() + 2);
    for (url, id) in &before {
        assert_eq!(after.get(url), Some(id), "{url}");
    }
}

#[tokio::test]
async fn bad_hsds_requests_get_a_clear_4xx_in_json() {
    let app = app();
    let organization = get(&app, "/api/hsds/organizations").await.json()["contents"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for (uri, status) in [
        ("/api/hsds/services?page=0", 400),
        ("/api/hsds/services?page=-1", 400),
        ("/api/hsds/services?page=abc", 400),
        ("/api/hsds/services?page=1.5", 400),
        ("/api/hsds/services?page=99999999999999999999999", 400),
        ("/api/hsds/services?page=", 400),
        ("/api/hsds/services?page=999", 404),
        ("/api/hsds/services?per_page=0", 400),
        ("/api/hsds/services?per_page=201", 400),
        ("/api/hsds/services?per_page=x", 400),
        ("/api/hsds/services?page=%zz", 400),
        ("/api/hsds/services?search=angst", 400),
        ("/api/hsds/services?organization_id=nope", 400),
        ("/api/hsds/organizations?organization_id=x", 400),
        ("/api/hsds/organizations?page=0", 400),
        ("/api/hsds/organizations?page=50", 404),
        ("/api/hsds/services/not-a-uuid", 400),
        ("/api/hsds/services/%FF%FE", 400),
        (
            "/api/hsds/services/00000000-0000-0000-0000-000000000000",
            404,
        ),
        ("/api/hsds/organizations/stien", 400),
        (
            "/api/hsds/organizations/00000000-0000-0000-0000-000000000000",
            404,
        ),
        ("/api/hsds/taxonomies", 404),
        ("/api/hsds/services/1/2", 404),
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, status, "{uri}: {}", r.body);
        assert!(
            r.json()["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{uri}: a JSON error that says what is wrong"
        );
    }
    // An organization's id asked for as a service: a 404 that says where it is.
    let r = get(&app, &format!("/api/hsds/services/{organization}")).await;
    assert_eq!(r.status, 404);
    assert!(r.json()["error"].as_str().unwrap().contains("organization"));
    // An empty list still answers with its one (empty) page.
    let r = get(
        &app,
        "/api/hsds/services?organization_id=00000000-0000-0000-0000-000000000000",
    )
    .await;
    assert_eq!(r.status, 200);
    assert_valid(&schemas().services_page, &r.json(), "an empty list");
    assert_eq!(r.json()["empty"], true);
}

// ------------------------------------------------------------------------------------
// Course calendars
// ------------------------------------------------------------------------------------

struct Event {
    uid: String,
    summary: String,
    start: icalendar::DatePerhapsTime,
    end: Option<icalendar::DatePerhapsTime>,
    location: Option<String>,
    url: Option<String>,
    description: Option<String>,
}

/// Parses a calendar with the `icalendar` crate's RFC 5545 parser.
fn parse_calendar(text: &str) -> (icalendar::Calendar, Vec<Event>) {
    use icalendar::{CalendarComponent, Component, EventLike};
    assert!(text.contains("\r\n"), "CRLF line ends");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line:?}");
    }
    let unfolded = icalendar::parser::unfold(text);
    let parsed = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("not a calendar ({e}):\n{text}"));
    let calendar: icalendar::Calendar = parsed.into();
    let events = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(Event {
                uid: e.get_uid().expect("UID").to_string(),
                summary: e.get_summary().expect("SUMMARY").to_string(),
                start: e.get_start().expect("DTSTART"),
                end: e.get_end(),
                location: e.get_location().map(String::from),
                url: e.get_url().map(String::from),
                description: e.get_description().map(String::from),
            }),
            _ => None,
        })
        .collect();
    (calendar, events)
}

fn zoned(date: &str, time: &str) -> icalendar::DatePerhapsTime {
    let at =
        chrono::NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap();
    icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone {
        date_time: at,
        tzid: "Europe/Copenhagen".into(),
    })
}

fn day(date: &str) -> icalendar::DatePerhapsTime {
    icalendar::DatePerhapsTime::Date(chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap())
}

#[tokio::test]
async fn a_course_calendar_has_its_confirmed_upcoming_sessions_in_danish_time() {
    let site = course_site();
    let app = app_with_shared(site.clone());
    let r = get(&app, "/kurser/testkursus-med-datoer.ics").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    let (calendar, events) = parse_calendar(&r.body);
    // The zone is defined in the file itself.
    assert!(calendar.components.iter().any(|c| matches!(c,
        icalendar::CalendarComponent::Other(o) if icalendar::Component::component_kind(o) == "VTIMEZONE")),
        "a VTIMEZONE block");
    assert!(r.body.contains("TZID:Europe/Copenhagen\r\n"));
    assert_eq!(events.len(), 4, "the past session is left out:\n{}", r.body);
    let title = "Testkursus: søvn, mad; og rutiner";
    assert!(
        events.iter().all(|e| e.summary == title),
        "escaped and read back"
    );
    assert_eq!(events[0].start, zoned("2099-01-13", "17:00"));
    assert_eq!(events[0].end, Some(zoned("2099-01-13", "19:00")));
    assert_eq!(events[1].start, zoned("2099-06-16", "09:30"));
    assert_eq!(events[1].end, Some(zoned("2099-06-16", "11:00")));
    assert_eq!(events[2].start, day("2099-09-01"), "no time: all day");
    assert_eq!(events[3].start, day("2099-09-08"));
    assert!(events[3]
        .description
        .as_deref()
        .unwrap()
        .starts_with("om eftermiddagen"));
    let page = format!("{}/testkursus-med-datoer", base(&site));
    for e in &events {
        assert_eq!(e.location.as_deref(), Some("Rådhuset, mødelokale 2"));
        assert_eq!(
            e.url.as_deref(),
            Some(page.as_str()),
            "a link back to the page"
        );
        assert!(e.uid.starts_with("testkursus-med-datoer-2099"));
    }
    let uids: BTreeSet<&str> = events.iter().map(|e| e.uid.as_str()).collect();
    assert_eq!(uids.len(), events.len(), "one UID per session");
    // The same request again gives the same calendar (stable UIDs and stamps).
    assert_eq!(
        get(&app, "/kurser/testkursus-med-datoer.ics").await.body,
        r.body
    );
    // The link back resolves.
    assert_eq!(get(&app, "/testkursus-med-datoer").await.status, 200);
}

#[tokio::test]
async fn the_course_calendar_has_every_course_and_a_course_without_dates_an_empty_one() {
    let site = course_site();
    let app = app_with_shared(site.clone());
    let all = get(&app, "/kurser.ics").await;
    assert_eq!(all.status, 200);
    let (_, events) = parse_calendar(&all.body);
    assert_eq!(
        events.len(),
        4,
        "only the dated course has upcoming sessions"
    );
    for slug in ["testkursus-uden-datoer", "angstgruppe-for-boern"] {
        let r = get(&app, &format!("/kurser/{slug}.ics")).await;
        assert_eq!(r.status, 200, "{slug}");
        let (calendar, events) = parse_calendar(&r.body);
        assert!(events.is_empty(), "{slug}: no confirmed upcoming session");
        assert!(
            !calendar.components.is_empty(),
            "{slug}: still a valid calendar"
        );
    }
    // The built-in content has no dates at all: a valid, empty calendar.
    let (_, events) = parse_calendar(
        &get(&app_with_shared(default_site()), "/kurser.ics")
            .await
            .body,
    );
    assert!(events.is_empty());
}

#[tokio::test]
async fn calendar_routes_leave_the_course_listing_and_items_alone() {
    let app = app_with_shared(course_site());
    for (uri, status) in [
        ("/kurser", 200),
        ("/kurser?audience=foraeldre", 200),
        ("/en/courses", 200),
        ("/testkursus-med-datoer", 200),
        ("/stien", 200),
        ("/kurser.ics", 200),
        ("/kurser/testkursus-med-datoer.ics", 200),
        ("/kurser/", 404),
        ("/kurser/stien.ics", 404),
        ("/kurser/testkursus-med-datoer", 404),
        ("/kurser/findes-ikke.ics", 404),
        ("/kurser/.ics", 404),
        ("/kurser/guide", 404),
        ("/en/kurser.ics", 404),
        ("/en/courses.ics", 404),
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, status, "{uri}");
    }
}

#[tokio::test]
async fn course_pages_link_to_their_calendar_when_they_have_dates() {
    let site = course_site();
    let app = app_with_shared(site.clone());
    let link = "href=\"/kurser/testkursus-med-datoer.ics\"";
    let mut texts = BTreeSet::new();
    for lang in site.content.site.languages.langs() {
        let r = get(&app, &format!("{}/testkursus-med-datoer", lang.prefix())).await;
        assert!(r.body.contains(link), "{lang}: the calendar link");
        let text = site.i18n.t(lang, "course-add-to-calendar");
        assert!(
            r.body
                .contains(&format!("type=\"text/calendar\">{text}</a>")),
            "{lang}"
        );
        texts.insert(text);
    }
    assert!(texts.contains("Tilføj til kalender"));
    assert_eq!(
        texts.len(),
        site.content.site.languages.all().len(),
        "each in its language"
    );
    let r = get(&app, "/testkursus-uden-datoer").await;
    assert!(!r.body.contains(".ics"), "no dates, no calendar link");
}

// ------------------------------------------------------------------------------------
// Sitemap and robots.txt
// ------------------------------------------------------------------------------------

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// `<link rel="alternate" hreflang=… href=…>` of a page's head.
fn head_alternates(html: &str) -> BTreeSet<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let (lang, rest) = rest.split_once('"').unwrap();
            let href = rest
                .split_once("href=\"")
                .unwrap()
                .1
                .split_once('"')
                .unwrap()
                .0;
            (lang.to_string(), href.to_string())
        })
        .collect()
}

#[tokio::test]
async fn the_sitemap_lists_every_public_page_in_every_language_with_its_alternates() {
    let site = default_site();
    let app = app();
    let r = get(&app, "/sitemap.xml").await;
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/xml"));
    let doc = roxmltree::Document::parse(&r.body).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    let urls: Vec<roxmltree::Node> = root.children().filter(|n| n.is_element()).collect();
    let languages = site.content.site.languages.all().len();
    let items = site.content.in_lang(Lang::DEFAULT).count();
    assert_eq!(
        urls.len(),
        (1 + Kind::ALL.len() + items) * languages,
        "home, the listings and every item, in every language"
    );
    let languages_reg = &site.content.site.languages;
    let noindex: BTreeSet<String> = languages_reg
        .langs()
        .flat_map(|l| {
            [
                findhjaelp::paths::search(languages_reg, l),
                findhjaelp::paths::guide(l),
            ]
        })
        .collect();
    let mut locs = BTreeSet::new();
    for url in urls {
        assert_eq!(url.tag_name().name(), "url");
        let loc = url
            .children()
            .find(|n| n.has_tag_name((SITEMAP_NS, "loc")))
            .and_then(|n| n.text())
            .expect("loc");
        assert!(locs.insert(loc.to_string()), "{loc} twice");
        let path = own_path(&site, loc).expect("an address of the site");
        assert!(
            !noindex.contains(&path),
            "{loc}: search and guide pages are noindex"
        );
        let page = get(&app, &path).await;
        assert_eq!(page.status, 200, "{loc}");
        assert!(!page.body.contains("noindex"), "{loc}");
        assert!(
            page.body
                .contains(&format!("<link rel=\"canonical\" href=\"{loc}\"")),
            "{loc}: the page names itself canonical"
        );
        let alternates: BTreeSet<(String, String)> = url
            .children()
            .filter(|n| n.has_tag_name((XHTML_NS, "link")))
            .map(|n| {
                assert_eq!(n.attribute("rel"), Some("alternate"));
                (
                    n.attribute("hreflang").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            alternates.len(),
            languages + 1,
            "{loc}: every language and x-default"
        );
        assert_eq!(
            alternates,
            head_alternates(&page.body),
            "{loc}: as its head says"
        );
    }
}

#[tokio::test]
async fn robots_txt_points_at_the_sitemap_by_its_full_address() {
    let site = default_site();
    let r = get(&app(), "/robots.txt").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/plain"));
    assert!(r.body.contains("User-agent: *"));
    assert!(
        r.body
            .lines()
            .any(|l| l == format!("Sitemap: {}/sitemap.xml", base(&site))),
        "{}",
        r.body
    );
}

// ------------------------------------------------------------------------------------
// JSON-LD on detail pages
// ------------------------------------------------------------------------------------

/// The JSON-LD blocks of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| {
            let (data, _) = rest.split_once("</script>").expect("closed");
            serde_json::from_str(data).unwrap_or_else(|e| panic!("not JSON ({e}): {data}"))
        })
        .collect()
}

fn has_text(v: &Value, key: &str) -> bool {
    v[key].as_str().is_some_and(|s| !s.trim().is_empty())
}

#[tokio::test]
async fn every_detail_page_carries_schema_org_json_ld_for_its_kind() {
    let site = course_site();
    let app = app_with_shared(site.clone());
    let mut seen = BTreeMap::new();
    for lang in site.content.site.languages.langs() {
        for item in site.content.in_lang(lang) {
            let r = get(&app, &item.url()).await;
            assert_eq!(r.status, 200);
            let blocks = json_ld(&r.body);
            let what = item.url();
            if item.kind == Kind::Side {
                assert!(blocks.is_empty(), "{what}: plain pages have none");
                continue;
            }
            assert_eq!(blocks.len(), 1, "{what}");
            let ld = &blocks[0];
            assert_eq!(ld["@context"], "https://schema.org", "{what}");
            assert_eq!(ld["name"], item.title.as_str(), "{what}");
            assert_eq!(ld["description"], item.summary.as_str(), "{what}");
            assert_eq!(ld["inLanguage"], lang.code(), "{what}");
            let page = format!("{}{}", base(&site), item.url());
            let kind = ld["@type"].as_str().unwrap();
            match item.kind {
                Kind::Indgang | Kind::Tilbud => {
                    assert_eq!(kind, "GovernmentService", "{what}");
                    assert_eq!(ld["url"], page.as_str(), "{what}");
                    assert!(has_text(&ld["provider"], "name"), "{what}: provider");
                    if item.is_municipal() {
                        assert_eq!(ld["provider"]["@type"], "GovernmentOrganization");
                        assert_eq!(
                            ld["provider"]["name"],
                            site.content.site.municipality.as_str()
                        );
                    }
                    assert_eq!(
                        ld["areaServed"]["name"],
                        site.content.site.municipality.as_str()
                    );
                }
                Kind::Kursus => {
                    assert_eq!(kind, "Course", "{what}");
                    assert_eq!(ld["url"], page.as_str(), "{what}");
                    assert!(has_text(&ld["provider"], "name"), "{what}: provider");
                    let instances = ld["hasCourseInstance"].as_array().map_or(0, Vec::len);
                    assert_eq!(
                        instances,
                        item.upcoming_sessions(today()).len(),
                        "{what}: one instance per upcoming session"
                    );
                }
                Kind::Partner => {
                    assert_eq!(kind, "NGO", "{what}");
                    assert_eq!(ld["mainEntityOfPage"], page.as_str(), "{what}");
                }
                Kind::Side => unreachable!(),
            }
            assert!(
                !ld.to_string().to_lowercase().contains("ukendt"),
                "{what}: unknown values are left out"
            );
            *seen.entry(kind.to_string()).or_insert(0) += 1;
        }
    }
    for kind in ["GovernmentService", "Course", "NGO"] {
        assert!(
            seen.get(kind).is_some_and(|n| *n > 0),
            "{kind} seen: {seen:?}"
        );
    }
}

#[tokio::test]
async fn course_instances_carry_danish_times_and_the_place() {
    let r = get(&app_with_shared(course_site()), "/testkursus-med-datoer").await;
    let ld = &json_ld(&r.body)[0];
    let instances = ld["hasCourseInstance"].as_array().unwrap();
    let starts: Vec<&str> = instances
        .iter()
        .map(|i| {
            assert_eq!(i["@type"], "CourseInstance");
            assert_eq!(i["location"]["name"], "Rådhuset, mødelokale 2");
            i["startDate"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        starts,
        [
            "2099-01-13T17:00:00+01:00",
            "2099-06-16T09:30:00+02:00",
            "2099-09-01",
            "2099-09-08"
        ]
    );
    assert_eq!(instances[0]["endDate"], "2099-01-13T19:00:00+01:00");
    assert!(instances[2].get("endDate").is_none());
}

/// Text in the content cannot end the script element early or open a comment in it.
#[tokio::test]
async fn markup_in_content_stays_inside_the_json_ld() {
    let r = get(&app_with_shared(course_site()), "/testforening").await;
    assert_eq!(r.status, 200);
    let start = r
        .body
        .find("<script type=\"application/ld+json\">")
        .unwrap();
    let block = &r.body[start..];
    let (data, _) = block["<script type=\"application/ld+json\">".len()..]
        .split_once("</script>")
        .unwrap();
    assert!(!data.contains('<'), "{data}");
    let ld: Value = serde_json::from_str(data).unwrap();
    let site = course_site();
    let summary = &site
        .content
        .get(Lang::DEFAULT, "testforening")
        .unwrap()
        .summary;
    assert!(summary.contains("</script>") && summary.contains("<!--"));
    assert_eq!(
        ld["description"],
        summary.as_str(),
        "the same text, escaped"
    );
}
