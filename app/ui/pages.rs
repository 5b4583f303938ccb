//! The content pages: home, listings, item details and the 404 page.

use super::components::{
    acute_banner, cards_at, contact_box, doors, fact_box, item_cards, kind_name, kind_plural,
    search_form, sources_line, text_value, CardHeading,
};
use super::layout::{page, PageMeta};
use super::Ctx;
use crate::content::model::{Audience, Item, Kind, Lang};
use crate::content::Content;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The home page. The doors are the guide's "who are you?" answers that have a
/// `door-<answer id>` message, so they start the guide with that answer given.
pub fn home(ctx: &Ctx<'_>, content: &Content, guide: &crate::guide::Guide) -> String {
    let meta = PageMeta::new(
        ctx,
        ctx.t("home-title"),
        ctx.t("home-description"),
        Lang::home,
    );
    let entry_points: Vec<&Item> = content.of_kind(ctx.lang, Kind::Indgang).collect();
    page(ctx, &meta, || {
        view! {
            <h1>{ctx.t("home-heading")}</h1>
            <p class="lead">{ctx.t("home-lead")}</p>
            {acute_banner(ctx)}
            <section aria-labelledby="doors-heading">
                <h2 id="doors-heading">{ctx.t("doors-heading")}</h2>
                {doors(ctx, guide)}
            </section>
            <section class="guide-entry" aria-labelledby="guide-heading">
                <h2 id="guide-heading">{ctx.t("guide-entry-heading")}</h2>
                <p>{ctx.t("guide-entry-text")}</p>
                <p><a class="button" href=ctx.guide_path()>{ctx.t("guide-entry-start")}</a></p>
                {chat_form(ctx, "home-chat")}
            </section>
            <section aria-labelledby="search-heading">
                <h2 id="search-heading">{ctx.t("search-heading")}</h2>
                {search_form(ctx, "", "home-search")}
            </section>
            <section aria-labelledby="entry-heading">
                <h2 id="entry-heading">{ctx.t("entry-points-heading")}</h2>
                {item_cards(ctx, &entry_points)}
            </section>
        }
    })
}

/// The guide's free-text box. Sent with POST so the words never land in a URL. Its
/// direction follows what is typed, as in the search field.
pub fn chat_form(ctx: &Ctx<'_>, id: &str) -> impl IntoView {
    let field = format!("{id}-text");
    view! {
        <form class="chat-form" method="post" action=ctx.chat_path()>
            <label for=field.clone()>{ctx.t("chat-label")}</label>
            <p class="hint" id=format!("{field}-hint")>{ctx.t("chat-hint")}</p>
            <textarea id=field.clone() name="text" rows="3" maxlength="2000" aria-describedby=format!("{field}-hint") dir="auto"></textarea>
            <button type="submit">{ctx.t("chat-button")}</button>
        </form>
    }
}

/// How many cards a listing shows per page: a long list is hard to read, and at 10,000
/// items one page of everything took a millisecond to render for every request.
pub const LISTING_PAGE_SIZE: usize = 50;

/// How many entry points the 404 page shows before it links to the full list.
const NOT_FOUND_ENTRY_POINTS: usize = 30;

/// Filters of a listing and the page of it asked for, from its query string.
#[derive(Debug, Default, Clone)]
pub struct ListingFilter {
    pub audience: Option<Audience>,
    pub age: Option<u8>,
    pub topic: Option<String>,
    /// 1-based; `None` is the first page.
    pub page: Option<usize>,
}

impl ListingFilter {
    /// The listing as linked from the menu: no filter, first page (kept, not rendered per
    /// request).
    pub fn is_default(&self) -> bool {
        self.audience.is_none() && self.age.is_none() && self.topic.is_none() && self.page() == 1
    }

    pub fn page(&self) -> usize {
        self.page.unwrap_or(1)
    }

    /// The query string of this filter on another page (empty for the default listing).
    fn query_for_page(&self, page: usize) -> String {
        use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
        let age = self.age.map(|a| a.to_string());
        let page = (page > 1).then(|| page.to_string());
        let pairs = [
            ("audience", self.audience.map(|a| a.id())),
            ("age", age.as_deref()),
            ("topic", self.topic.as_deref()),
            ("page", page.as_deref()),
        ];
        let query: Vec<String> = pairs
            .iter()
            .filter_map(|(k, v)| {
                v.map(|v| format!("{k}={}", utf8_percent_encode(v, NON_ALPHANUMERIC)))
            })
            .collect();
        if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        }
    }

    fn content_filter(&self) -> crate::content::Filter<'_> {
        crate::content::Filter {
            audience: self.audience,
            age: self.age,
            topic: self.topic.as_deref(),
        }
    }
}

/// A page of a listing, or `None` when the page asked for is past the last one.
pub fn listing(
    ctx: &Ctx<'_>,
    content: &Content,
    kind: Kind,
    filter: &ListingFilter,
) -> Option<String> {
    let title = kind_plural(ctx, kind);
    let languages = &ctx.site.languages;
    let mut meta = PageMeta::new(
        ctx,
        title.clone(),
        ctx.t(&format!("kinds-{}-description", kind.id())),
        |lang| crate::paths::listing(languages, lang, kind.id()),
    );
    meta.breadcrumbs.push((title.clone(), None));
    let items = content.listing(ctx.lang, kind, filter.content_filter());
    let pages = items.len().div_ceil(LISTING_PAGE_SIZE).max(1);
    if filter.page() > pages {
        return None;
    }
    let count = ctx.t_args("listing-count", &[("count", items.len().into())]);
    let shown = items
        .chunks(LISTING_PAGE_SIZE)
        .nth(filter.page() - 1)
        .unwrap_or(&[]);
    let list = if shown.is_empty() {
        view! { <p class="empty">{ctx.t("listing-empty")}</p> }.into_any()
    } else {
        cards_at(ctx, shown, CardHeading::H2).into_any()
    };
    let pager = (pages > 1).then(|| pager(ctx, &ctx.listing_path(kind), filter, pages));
    Some(page(ctx, &meta, || {
        view! {
            <h1>{title.clone()}</h1>
            <p class="lead">{ctx.t(&format!("kinds-{}-description", kind.id()))}</p>
            {filter_form(ctx, content, kind, filter)}
            <p class="count" role="status">{count}</p>
            {list}
            {pager}
        }
    }))
}

/// Links to the previous and next page of a listing, keeping its filter. Plain links, so
/// they work without script.
fn pager(ctx: &Ctx<'_>, path: &str, filter: &ListingFilter, pages: usize) -> impl IntoView {
    let at = filter.page();
    let link = |to: usize, rel: &'static str, label: String| {
        let href = format!("{path}{}", filter.query_for_page(to));
        view! { <a href=href rel=rel>{label}</a> }
    };
    let previous = (at > 1).then(|| link(at - 1, "prev", ctx.t("pager-previous")));
    let next = (at < pages).then(|| link(at + 1, "next", ctx.t("pager-next")));
    let position = ctx.t_args(
        "pager-position",
        &[("page", at.into()), ("pages", pages.into())],
    );
    view! {
        <nav class="pager" aria-label=ctx.t("pager-label")>
            {previous}
            <span aria-current="page">{position}</span>
            {next}
        </nav>
    }
}

fn filter_form(
    ctx: &Ctx<'_>,
    content: &Content,
    kind: Kind,
    filter: &ListingFilter,
) -> impl IntoView {
    let audience_options = Audience::ALL
        .into_iter()
        .map(|a| {
            let selected = filter.audience == Some(a);
            view! { <option value=a.id() selected=selected>{ctx.t(&format!("audience-{}", a.id()))}</option> }
        })
        .collect_view();
    let topic_options = content
        .topics
        .iter()
        .map(|t| {
            let selected = filter.topic.as_deref() == Some(t.id.as_str());
            view! { <option value=t.id.clone() selected=selected>{t.name(ctx.lang).to_string()}</option> }
        })
        .collect_view();
    let age = filter.age.map(|a| a.to_string()).unwrap_or_default();
    view! {
        <form class="filters" method="get" action=ctx.listing_path(kind)>
            <fieldset>
                <legend>{ctx.t("filter-legend")}</legend>
                <div class="field">
                    <label for="f-audience">{ctx.t("filter-audience")}</label>
                    <select id="f-audience" name="audience">
                        <option value="">{ctx.t("filter-all")}</option>
                        {audience_options}
                    </select>
                </div>
                <div class="field">
                    <label for="f-age">{ctx.t("filter-age")}</label>
                    <input id="f-age" name="age" type="number" min="0" max="30" inputmode="numeric" value=age/>
                </div>
                <div class="field">
                    <label for="f-topic">{ctx.t("filter-topic")}</label>
                    <select id="f-topic" name="topic">
                        <option value="">{ctx.t("filter-all")}</option>
                        {topic_options}
                    </select>
                </div>
                <button type="submit">{ctx.t("filter-button")}</button>
            </fieldset>
        </form>
    }
}

pub fn detail(ctx: &Ctx<'_>, content: &Content, item: &Item, today: NaiveDate) -> String {
    let listing_title = kind_plural(ctx, item.kind);
    let mut meta = PageMeta::new(ctx, item.title.clone(), item.summary.clone(), |lang| {
        crate::paths::item(lang, &item.slug)
    });
    meta.breadcrumbs
        .push((listing_title, Some(ctx.listing_path(item.kind))));
    meta.breadcrumbs.push((item.title.clone(), None));
    meta.json_ld = crate::opendata::jsonld::for_item(ctx.site, item, today);
    let untranslated = (!item.translated)
        .then(|| view! { <p class="notice" lang=ctx.lang.code()>{ctx.t("not-translated")}</p> });
    // The body of an untranslated item is Danish: say so to screen readers.
    let body_lang = if item.translated {
        ctx.lang.code()
    } else {
        "da"
    };
    let contact = item.kind.needs_contact().then(|| contact_box(ctx, item));
    let sessions = (item.kind == Kind::Kursus).then(|| sessions(ctx, item, today));
    let related: Vec<&Item> = item
        .related
        .iter()
        .filter_map(|s| content.get(ctx.lang, s))
        .collect();
    let related = (!related.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="related-heading">
                <h2 id="related-heading">{ctx.t("related-heading")}</h2>
                {item_cards(ctx, &related)}
            </section>
        }
    });
    let reviewed = ctx.t_args(
        "last-reviewed",
        &[("date", item.reviewed.format("%d.%m.%Y").to_string().into())],
    );
    let kind = kind_name(ctx, item.kind);
    // A Danish title or summary on an English page (no English text yet) is marked as Danish.
    let head_lang = (!item.head_translated).then_some("da");
    let head_dir = head_lang.and_then(|l| ctx.dir_of(l));
    page(ctx, &meta, || {
        view! {
            <article class="item">
                <p class="card-kind">{kind}</p>
                <h1 lang=head_lang dir=head_dir>{item.title.clone()}</h1>
                {untranslated}
                <p class="lead" lang=head_lang dir=head_dir>{item.summary.clone()}</p>
                {fact_box(ctx, item)}
                <div class="item-layout">
                    <div class="item-body" lang=body_lang dir=ctx.dir_of(body_lang) inner_html=item.page_body_html().into_owned()></div>
                    {contact}
                </div>
                {sessions}
                {related}
                <footer class="item-footer">
                    {sources_line(ctx, item)}
                    <p class="reviewed">{reviewed}</p>
                </footer>
            </article>
        }
    })
}

fn sessions(ctx: &Ctx<'_>, item: &Item, today: NaiveDate) -> impl IntoView {
    let upcoming = item.upcoming_sessions(today);
    let upcoming_is_empty = upcoming.is_empty();
    // No confirmed session: say so plainly; `signup` then says whom to ask.
    let list = if upcoming.is_empty() {
        view! { <p class="sessions-none"><strong>{ctx.t("sessions-none")}</strong></p> }.into_any()
    } else {
        let rows = upcoming
            .into_iter()
            .map(|s| {
                let when = match &s.time {
                    Some(t) => format!("{} {t}", s.date.format("%d.%m.%Y")),
                    None => s.date.format("%d.%m.%Y").to_string(),
                };
                view! { <li><time datetime=s.date.format("%Y-%m-%d").to_string() dir="ltr">{when}</time></li> }
            })
            .collect_view();
        // The dates as a calendar file (`/kurser/{slug}.ics`) for the family's own calendar.
        let calendar =
            crate::paths::course_calendar_of(&ctx.site.languages, Kind::Kursus.id(), &item.slug);
        view! {
            <ul class="sessions">{rows}</ul>
            <p class="calendar-link"><a href=calendar type="text/calendar">{ctx.t("course-add-to-calendar")}</a></p>
        }
        .into_any()
    };
    let place = item
        .place
        .clone()
        .filter(|p| !crate::content::model::is_placeholder(p))
        .map(|p| view! { <p><span class="label">{ctx.t("course-place")}</span>{text_value(ctx, p)}</p> });
    let capacity = item
        .capacity
        .map(|c| view! { <p>{ctx.t_args("course-capacity", &[("count", c.into())])}</p> });
    let signup_label = if upcoming_is_empty {
        ctx.t("course-ask")
    } else {
        ctx.t("course-signup")
    };
    let signup = item
        .signup
        .clone()
        .map(|s| view! { <p><span class="label">{signup_label}</span>{text_value(ctx, s)}</p> });
    view! {
        <section class="course" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{ctx.t("sessions-heading")}</h2>
            {list}
            {place}
            {capacity}
            {signup}
        </section>
    }
}

pub fn not_found(ctx: &Ctx<'_>, content: &Content) -> String {
    let meta = PageMeta::new(
        ctx,
        ctx.t("not-found-title"),
        ctx.t("not-found-text"),
        Lang::home,
    );
    // A short list: the page is sent for every mistyped address, and a long list of
    // entry points is no help to someone who is lost; the full list is one link away.
    let all: Vec<&Item> = content.of_kind(ctx.lang, Kind::Indgang).collect();
    let shown = &all[..all.len().min(NOT_FOUND_ENTRY_POINTS)];
    let see_all = (shown.len() < all.len()).then(|| {
        let label = ctx.t_args("see-all-entry-points", &[("count", all.len().into())]);
        view! { <p><a href=ctx.listing_path(Kind::Indgang)>{label}</a></p> }
    });
    page(ctx, &meta, || {
        view! {
            <h1>{ctx.t("not-found-title")}</h1>
            <p class="lead">{ctx.t("not-found-text")}</p>
            {search_form(ctx, "", "nf-search")}
            <p><a class="button" href=ctx.guide_path()>{ctx.t("guide-entry-start")}</a></p>
            <h2>{ctx.t("entry-points-heading")}</h2>
            {item_cards(ctx, shown)}
            {see_all}
        }
    })
}

/// A plain error page for bad requests (400) and the like.
pub fn error_page(ctx: &Ctx<'_>, title: &str, text: &str) -> String {
    let meta = PageMeta::new(ctx, title, text, Lang::home);
    page(ctx, &meta, || {
        view! {
            <h1>{title.to_string()}</h1>
            <p class="lead">{text.to_string()}</p>
            <p><a href=ctx.home()>{ctx.t("home")}</a></p>
        }
    })
}
