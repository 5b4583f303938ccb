//! Open Referral HSDS 3.0 (Human Services Data Specification): the shape national service
//! directories read. Entry points, services and courses are HSDS services; the
//! municipality and each partner (association) are organizations.
//!
//! Ids are UUID v5: the slug under a namespace of the municipality's own, so an id stays
//! the same across reloads and restarts and two municipalities running this site never
//! share one. Texts are the master (Danish) text. Every field comes from the content; a
//! value written as `ukendt` is left out, and nothing is filled in that no file says.

use super::{absolute, ical, known, known_email, known_web};
use crate::content::model::{Item, Kind, Lang, Session};
use crate::content::Content;
use crate::i18n::I18n;
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

/// The HSDS version this API follows.
pub const VERSION: &str = "3.0";

/// Root of every id this software gives out. Never change it: every id would change.
const ROOT: Uuid = Uuid::from_u128(0x6f1c_2a4e_9b0d_4c55_8e3a_1d7f_0b2c_9e41);

/// Kinds that are HSDS services.
pub const SERVICE_KINDS: [Kind; 3] = [Kind::Indgang, Kind::Tilbud, Kind::Kursus];

/// Ids for one site: everything under a namespace derived from the municipality's name.
#[derive(Clone, Copy)]
pub struct Ids {
    namespace: Uuid,
}

impl Ids {
    pub fn new(content: &Content) -> Ids {
        Ids {
            namespace: Uuid::new_v5(&ROOT, content.site.municipality.trim().as_bytes()),
        }
    }

    fn of(&self, name: &str) -> Uuid {
        Uuid::new_v5(&self.namespace, name.as_bytes())
    }

    /// A service or partner organization, by slug.
    pub fn item(&self, slug: &str) -> Uuid {
        self.of(slug)
    }

    /// The municipality (no slug can contain `:`).
    pub fn municipality(&self) -> Uuid {
        self.of("organization:municipality")
    }

    /// Something belonging to an item: `phone`, `location`, `schedule:2027-02-03`, …
    fn part(&self, slug: &str, part: &str) -> Uuid {
        self.of(&format!("{slug}:{part}"))
    }
}

/// `GET /api/hsds/`: which HSDS this is, and where its lists are.
#[derive(Serialize)]
pub struct About {
    pub version: &'static str,
    /// Not HSDS fields: where a client that knows nothing else starts.
    pub services_url: String,
    pub organizations_url: String,
}

pub fn about(content: &Content) -> About {
    About {
        version: VERSION,
        services_url: absolute(&content.site, "/api/hsds/services"),
        organizations_url: absolute(&content.site, "/api/hsds/organizations"),
    }
}

/// The HSDS `Page` wrapper of every list.
#[derive(Serialize)]
pub struct Page<T> {
    pub total_items: usize,
    pub total_pages: usize,
    pub page_number: usize,
    pub size: usize,
    pub first_page: bool,
    pub last_page: bool,
    pub empty: bool,
    pub contents: Vec<T>,
}

/// A page asked for that does not exist.
#[derive(Debug, PartialEq, Eq)]
pub struct NoSuchPage {
    pub total_pages: usize,
}

/// Page `number` (from 1) of `all`, `per_page` at a time. A list with nothing in it has
/// one (empty) page.
pub fn page<T>(all: Vec<T>, number: usize, per_page: usize) -> Result<Page<T>, NoSuchPage> {
    let total_items = all.len();
    let per_page = per_page.max(1);
    let total_pages = total_items.div_ceil(per_page).max(1);
    if number == 0 || number > total_pages {
        return Err(NoSuchPage { total_pages });
    }
    let contents: Vec<T> = all
        .into_iter()
        .skip((number - 1) * per_page)
        .take(per_page)
        .collect();
    Ok(Page {
        total_items,
        total_pages,
        page_number: number,
        size: contents.len(),
        first_page: number == 1,
        last_page: number == total_pages,
        empty: total_items == 0,
        contents,
    })
}

// ------------------------------------------------------------------------------------
// Organizations
// ------------------------------------------------------------------------------------

#[derive(Serialize)]
pub struct Organization {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Full form only (`/organizations/{id}`), like the lists below.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<Phone>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locations: Option<Vec<Location>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<Service>>,
}

/// Who an organization is: the municipality, or a partner's item.
#[derive(Clone, Copy)]
enum Who<'a> {
    Municipality,
    Partner(&'a Item),
}

fn organizations_of(content: &Content) -> Vec<Who<'_>> {
    std::iter::once(Who::Municipality)
        .chain(
            content
                .of_kind(Lang::DEFAULT, Kind::Partner)
                .map(Who::Partner),
        )
        .collect()
}

fn organization(content: &Content, i18n: &I18n, who: Who<'_>, full: bool) -> Organization {
    let ids = Ids::new(content);
    let site = &content.site;
    match who {
        Who::Municipality => {
            let description = i18n.t_args(
                Lang::DEFAULT,
                "opendata-municipality-description",
                &[
                    ("municipality", site.municipality.clone().into()),
                    ("site", site.name.clone().into()),
                ],
            );
            let id = ids.municipality();
            Organization {
                id,
                name: site.municipality.clone(),
                description,
                email: None,
                website: known_web(Some(&site.municipality_web)).map(String::from),
                phones: full.then(|| {
                    known(Some(&site.switchboard_phone))
                        .map(|number| Phone {
                            id: ids.of("organization:municipality:phone"),
                            organization_id: Some(id),
                            service_id: None,
                            number: number.to_string(),
                        })
                        .into_iter()
                        .collect()
                }),
                locations: full.then(Vec::new),
                services: full.then(|| {
                    services_of(content, Some(id))
                        .into_iter()
                        .map(|item| service(content, item, None))
                        .collect()
                }),
            }
        }
        Who::Partner(item) => {
            let id = ids.item(&item.slug);
            let contact = item.contact.as_ref();
            Organization {
                id,
                name: item.title.clone(),
                description: item.summary.clone(),
                email: known_email(contact.and_then(|c| c.email.as_deref())).map(String::from),
                website: known_web(contact.and_then(|c| c.web.as_deref())).map(String::from),
                phones: full.then(|| phones(&ids, item, None, Some(id))),
                locations: full.then(|| location(&ids, item, Some(id)).into_iter().collect()),
                services: full.then(|| {
                    services_of(content, Some(id))
                        .into_iter()
                        .map(|item| service(content, item, None))
                        .collect()
                }),
            }
        }
    }
}

/// Every organization, the municipality first (list form).
pub fn organizations(content: &Content, i18n: &I18n) -> Vec<Organization> {
    organizations_of(content)
        .into_iter()
        .map(|who| organization(content, i18n, who, false))
        .collect()
}

/// One organization with its phones, locations and services, if `id` is one.
pub fn organization_by_id(content: &Content, i18n: &I18n, id: Uuid) -> Option<Organization> {
    let ids = Ids::new(content);
    organizations_of(content)
        .into_iter()
        .find(|who| match who {
            Who::Municipality => ids.municipality() == id,
            Who::Partner(item) => ids.item(&item.slug) == id,
        })
        .map(|who| organization(content, i18n, who, true))
}

// ------------------------------------------------------------------------------------
// Services
// ------------------------------------------------------------------------------------

#[derive(Serialize)]
pub struct Service {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<Uuid>,
    pub name: String,
    pub description: String,
    /// The service's page on this site.
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_process: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fees_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligibility_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<u8>,
    /// When the text was last checked (the item's `reviewed`), `YYYY-MM-DD`.
    pub assured_date: String,
    #[serde(flatten)]
    pub full: Option<ServiceDetails>,
}

/// What `/services/{id}` adds to the list form.
#[derive(Serialize)]
pub struct ServiceDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    pub phones: Vec<Phone>,
    pub contacts: Vec<Contact>,
    pub schedules: Vec<Schedule>,
    pub service_at_locations: Vec<ServiceAtLocation>,
    pub languages: Vec<Language>,
}

#[derive(Serialize)]
pub struct Phone {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<Uuid>,
    pub number: String,
}

/// HSDS contacts are named people; the content names none, so this list stays empty.
#[derive(Serialize)]
pub struct Contact {
    pub id: Uuid,
}

#[derive(Serialize, Default)]
pub struct Schedule {
    pub id: Uuid,
    pub service_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dtstart: Option<String>,
    /// Hours from UTC on that day (Danish time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The course's calendar (`.ics`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_link: Option<String>,
}

#[derive(Serialize)]
pub struct ServiceAtLocation {
    pub id: Uuid,
    pub service_id: Uuid,
    pub location_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub location: Location,
}

/// A place as the content names it. The content writes addresses as one line of text,
/// so HSDS `addresses` (street, city, postal code, … each required) are left out.
#[derive(Serialize)]
pub struct Location {
    pub id: Uuid,
    pub location_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<Uuid>,
    pub name: String,
}

#[derive(Serialize)]
pub struct Language {
    pub id: Uuid,
    pub service_id: Uuid,
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Which organization runs an item: the municipality when it does, else none (the content
/// names the provider only as text, which is no organization record).
fn organization_id_of(content: &Content, item: &Item) -> Option<Uuid> {
    item.is_municipal()
        .then(|| Ids::new(content).municipality())
}

/// Every service (master language), in the content's order; only those of
/// `organization` when given.
fn services_of(content: &Content, organization: Option<Uuid>) -> Vec<&Item> {
    content
        .in_lang(Lang::DEFAULT)
        .filter(|i| SERVICE_KINDS.contains(&i.kind))
        .filter(|i| organization.is_none_or(|o| organization_id_of(content, i) == Some(o)))
        .collect()
}

/// Every service in list form (one-to-one fields), optionally of one organization.
pub fn services(content: &Content, organization: Option<Uuid>) -> Vec<Service> {
    services_of(content, organization)
        .into_iter()
        .map(|item| service(content, item, None))
        .collect()
}

/// One service with everything known about it, if `id` is one.
pub fn service_by_id(
    content: &Content,
    i18n: &I18n,
    id: Uuid,
    today: NaiveDate,
) -> Option<Service> {
    let ids = Ids::new(content);
    let item = services_of(content, None)
        .into_iter()
        .find(|i| ids.item(&i.slug) == id)?;
    Some(service(content, item, Some((i18n, today))))
}

/// Whether `id` names an organization (for a client that asked the wrong list).
pub fn is_organization(content: &Content, id: Uuid) -> bool {
    let ids = Ids::new(content);
    ids.municipality() == id
        || content
            .of_kind(Lang::DEFAULT, Kind::Partner)
            .any(|p| ids.item(&p.slug) == id)
}

fn service(content: &Content, item: &Item, full: Option<(&I18n, NaiveDate)>) -> Service {
    let ids = Ids::new(content);
    let site = &content.site;
    let id = ids.item(&item.slug);
    let facts = item.facts.as_ref();
    let fact = |f: fn(&crate::content::model::Facts) -> Option<&String>| {
        known(facts.and_then(f).map(String::as_str)).map(String::from)
    };
    let organization_id = organization_id_of(content, item);
    // How to get it: a course's sign-up, otherwise whether a referral is needed.
    let application_process = if item.kind == Kind::Kursus {
        known(item.signup.as_deref()).map(String::from)
    } else {
        fact(|f| f.referral.as_ref())
    };
    let details = full.map(|(i18n, today)| ServiceDetails {
        organization: organization_id
            .map(|_| organization(content, i18n, Who::Municipality, false)),
        phones: phones(&ids, item, Some(id), None),
        contacts: Vec::new(),
        schedules: schedules(content, &ids, item, id, today),
        service_at_locations: location(&ids, item, None)
            .map(|location| ServiceAtLocation {
                id: ids.part(&item.slug, "service_at_location"),
                service_id: id,
                location_id: location.id,
                description: fact(|f| f.location.as_ref()),
                location,
            })
            .into_iter()
            .collect(),
        languages: item
            .languages
            .iter()
            .filter_map(|code| known(Some(code)))
            .map(|code| Language {
                id: ids.part(&item.slug, &format!("language:{code}")),
                service_id: id,
                code: code.to_string(),
                name: site
                    .languages
                    .by_code(code)
                    .and_then(|l| site.languages.get(l))
                    .map(|l| l.name.clone()),
            })
            .collect(),
    });
    Service {
        id,
        organization_id,
        name: item.title.clone(),
        description: item.summary.clone(),
        url: absolute(site, &item.url()),
        email: known_email(item.contact.as_ref().and_then(|c| c.email.as_deref()))
            .map(String::from),
        status: "active",
        application_process,
        fees_description: fact(|f| f.cost.as_ref()),
        wait_time: fact(|f| f.wait.as_ref()),
        eligibility_description: fact(|f| f.ages.as_ref()),
        minimum_age: item.age.map(|[lo, _]| lo),
        maximum_age: item.age.map(|[_, hi]| hi),
        assured_date: item.reviewed.format("%Y-%m-%d").to_string(),
        full: details,
    }
}

/// The item's phone number, when known.
fn phones(
    ids: &Ids,
    item: &Item,
    service_id: Option<Uuid>,
    organization_id: Option<Uuid>,
) -> Vec<Phone> {
    known(item.contact.as_ref().and_then(|c| c.phone.as_deref()))
        .map(|number| Phone {
            id: ids.part(&item.slug, "phone"),
            service_id,
            organization_id,
            number: number.to_string(),
        })
        .into_iter()
        .collect()
}

/// Where it is: a course's place, or the item's address, when known.
fn location(ids: &Ids, item: &Item, organization_id: Option<Uuid>) -> Option<Location> {
    let name = known(item.place.as_deref())
        .or_else(|| known(item.contact.as_ref().and_then(|c| c.address.as_deref())))?;
    Some(Location {
        id: ids.part(&item.slug, "location"),
        location_type: "physical",
        organization_id,
        name: name.to_string(),
    })
}

/// Opening hours as the content words them, and a course's upcoming sessions.
fn schedules(
    content: &Content,
    ids: &Ids,
    item: &Item,
    service_id: Uuid,
    today: NaiveDate,
) -> Vec<Schedule> {
    let mut out = Vec::new();
    if let Some(hours) = known(item.contact.as_ref().and_then(|c| c.hours.as_deref())) {
        out.push(Schedule {
            id: ids.part(&item.slug, "hours"),
            service_id,
            description: Some(hours.to_string()),
            ..Default::default()
        });
    }
    if item.kind == Kind::Kursus {
        let link = absolute(
            &content.site,
            &crate::paths::course_calendar_of(
                &content.site.languages,
                Kind::Kursus.id(),
                &item.slug,
            ),
        );
        for s in item.upcoming_sessions(today) {
            out.push(session(ids, item, service_id, s, &link));
        }
    }
    out
}

fn session(ids: &Ids, item: &Item, service_id: Uuid, s: &Session, link: &str) -> Schedule {
    let date = s.date.format("%Y-%m-%d").to_string();
    let time = known(s.time.as_deref());
    let times = time.and_then(ical::times);
    Schedule {
        id: ids.part(
            &item.slug,
            &format!("session:{date}:{}", time.unwrap_or_default()),
        ),
        service_id,
        valid_from: Some(date.clone()),
        valid_to: Some(date.clone()),
        dtstart: Some(date),
        timezone: times.map(|t| ical::copenhagen_offset(s.date, t.start).local_minus_utc() / 3600),
        opens_at: times.map(|t| t.start.format("%H:%M").to_string()),
        closes_at: times
            .and_then(|t| t.end)
            .map(|e| e.format("%H:%M").to_string()),
        description: time.map(String::from),
        schedule_link: Some(link.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_the_list_once_and_refuse_what_is_not_there() {
        let p = page((1..=7).collect::<Vec<_>>(), 3, 3).unwrap();
        assert_eq!(p.contents, vec![7]);
        assert_eq!((p.total_items, p.total_pages, p.size), (7, 3, 1));
        assert!(p.last_page && !p.first_page && !p.empty);
        assert_eq!(
            page(vec![1, 2], 0, 3).err(),
            Some(NoSuchPage { total_pages: 1 })
        );
        assert_eq!(
            page(vec![1, 2], 2, 3).err(),
            Some(NoSuchPage { total_pages: 1 })
        );
        let empty = page(Vec::<u8>::new(), 1, 3).unwrap();
        assert!(empty.empty && empty.first_page && empty.last_page);
        assert_eq!(empty.total_pages, 1);
    }
}
