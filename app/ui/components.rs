//! Small pieces shared by several pages.

use super::Ctx;
use crate::content::model::{is_placeholder, Answer, Contact, Item, Kind};
use leptos::prelude::*;

/// The heading level of cards in a list: one below the heading the list sits under.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CardHeading {
    H2,
    H3,
}

/// A link card for an item in a list.
pub fn item_card(ctx: &Ctx<'_>, item: &Item, heading: CardHeading) -> impl IntoView + use<> {
    let kind = kind_name(ctx, item.kind);
    let link = view! { <a href=item.url()>{item.title.clone()}</a> };
    let title = match heading {
        CardHeading::H2 => view! { <h2>{link}</h2> }.into_any(),
        CardHeading::H3 => view! { <h3>{link}</h3> }.into_any(),
    };
    view! {
        <li class="card">
            <p class="card-kind">{kind}</p>
            {title}
            <p>{item.summary.clone()}</p>
        </li>
    }
}

/// Cards under a section heading (h2), so each card title is an h3.
pub fn item_cards(ctx: &Ctx<'_>, items: &[&Item]) -> impl IntoView + use<> {
    cards_at(ctx, items, CardHeading::H3)
}

pub fn cards_at(ctx: &Ctx<'_>, items: &[&Item], heading: CardHeading) -> impl IntoView + use<> {
    let cards = items
        .iter()
        .map(|i| item_card(ctx, i, heading))
        .collect_view();
    view! { <ul class="cards">{cards}</ul> }
}

pub fn kind_name(ctx: &Ctx<'_>, kind: Kind) -> String {
    ctx.t(&format!("kind-{}", kind.id()))
}

pub fn kind_plural(ctx: &Ctx<'_>, kind: Kind) -> String {
    ctx.t(&format!("kinds-{}", kind.id()))
}

/// The search form, used on the home page, the search page and the 404 page. The field's
/// direction follows what is typed (Danish words on an Arabic page, Arabic on a Danish one).
pub fn search_form(ctx: &Ctx<'_>, query: &str, id: &str) -> impl IntoView {
    let input_id = format!("{id}-q");
    view! {
        <form class="search-form" role="search" method="get" action=ctx.search_path()>
            <label for=input_id.clone()>{ctx.t("search-label")}</label>
            <div class="search-row">
                <input type="search" id=input_id name="q" value=query.to_string() maxlength="200" autocomplete="off" dir="auto"/>
                <button type="submit">{ctx.t("search-button")}</button>
            </div>
        </form>
    }
}

/// The box that says how to get in touch and who runs the help.
pub fn contact_box(ctx: &Ctx<'_>, item: &Item) -> impl IntoView {
    let contact = item.contact.as_ref().map(|c| contact_lines(ctx, item, c));
    let about = [
        (ctx.t("fact-provider"), item.provider.clone()),
        (ctx.t("fact-legal-basis"), item.legal_basis.clone()),
    ]
    .into_iter()
    .filter_map(|(label, value)| {
        value.map(|v| view! { <li><span class="label">{label}</span>{text_value(ctx, v)}</li> })
    })
    .collect_view();
    view! {
        <aside class="contact-box" aria-labelledby="contact-heading">
            <h2 id="contact-heading">{ctx.t("contact-heading")}</h2>
            {contact}
            <ul class="facts">{about}</ul>
        </aside>
    }
}

fn contact_lines(ctx: &Ctx<'_>, item: &Item, c: &Contact) -> impl IntoView {
    let known = |v: &Option<String>| v.as_ref().filter(|v| !is_placeholder(v)).cloned();
    // Addresses and hours may be Danish on an Arabic page, where they are set left to
    // right (`text_dir`). Numbers, e-mail and web addresses always are.
    let phone = known(&c.phone).map(|p| {
        let href = format!("tel:{}", p.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect::<String>());
        view! { <p class="contact-phone"><span class="label">{ctx.t("contact-phone")}</span><a href=href dir="ltr">{p}</a></p> }
    });
    let email = known(&c.email).map(|e| {
        let href = format!("mailto:{e}");
        view! { <p><span class="label">{ctx.t("contact-email")}</span><a href=href dir="ltr">{e}</a></p> }
    });
    let address = known(&c.address).map(|a| view! { <p><span class="label">{ctx.t("contact-address")}</span>{text_value(ctx, a)}</p> });
    let hours = known(&c.hours).map(|h| view! { <p><span class="label">{ctx.t("contact-hours")}</span>{text_value(ctx, h)}</p> });
    let web = known(&c.web).map(|w| {
        let href = w.clone();
        view! { <p><span class="label">{ctx.t("contact-web")}</span><a href=href dir="ltr">{w}</a></p> }
    });
    // Hours not known: their own site says them ("Se åbningstider på bornetelefonen.dk").
    let see_web = known(&c.web)
        .filter(|_| known(&c.hours).is_none())
        .map(|w| {
            let text = ctx.t_args("contact-see-hours", &[("site", host_of(&w).into())]);
            view! { <p class="contact-see-web"><a href=w>{text}</a></p> }
        });
    // Only the municipality's own help is reached through its main number.
    let missing = phone.is_none() || known(&c.hours).is_none();
    let unknown = if missing && item.is_municipal() {
        Some(switchboard(ctx).into_any())
    } else if known(&c.phone).is_none() && known(&c.web).is_none() {
        Some(view! { <p class="contact-switchboard">{ctx.t("contact-unknown")}</p> }.into_any())
    } else {
        None
    };
    view! { <div class="contact-lines">{phone}{email}{address}{hours}{web}{see_web}{unknown}</div> }
}

/// A field that may be translated or may be the Danish text standing in: left to right
/// when it is Danish on an Arabic page (see [`Ctx::text_dir`]).
pub fn text_value(ctx: &Ctx<'_>, text: String) -> impl IntoView + use<> {
    let dir = ctx.text_dir(&text);
    view! { <span dir=dir>{text}</span> }
}

/// "bornetelefonen.dk" from "https://www.bornetelefonen.dk/chat".
pub fn host_of(url: &str) -> String {
    let rest = url
        .trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.trim_start_matches("www.").to_string()
}

/// Shown where a local contact detail is not known yet: the municipality's main line.
fn switchboard(ctx: &Ctx<'_>) -> impl IntoView {
    let site = ctx.site;
    let text = ctx.t_args(
        "contact-switchboard",
        &[("municipality", site.municipality.clone().into())],
    );
    let phone = site.switchboard_known().then(|| {
        let href = format!(
            "tel:{}",
            site.switchboard_phone
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect::<String>()
        );
        view! { <a href=href dir="ltr">{site.switchboard_phone.clone()}</a> }
    });
    let web = (!site.switchboard_known()).then(
        || view! { <a href=site.municipality_web.clone() dir="ltr">{site.municipality_web.clone()}</a> },
    );
    view! { <p class="contact-switchboard">{text}<br/>{phone}{web}</p> }
}

/// The words for an answer in the fact box: "Ja", "Nej", "Delvist", "Ukendt".
pub fn answer_text(ctx: &Ctx<'_>, answer: Answer) -> String {
    ctx.t(&format!("answer-{}", answer.id()))
}

/// The fact box at the top of a page: anonymity, parents, referral, cost, ages, waiting
/// time and where. "ukendt" is shown as unknown, never hidden.
pub fn fact_box(ctx: &Ctx<'_>, item: &Item) -> Option<impl IntoView + use<>> {
    let f = item.facts.as_ref()?;
    // Danish fact text on an English page is marked as Danish for screen readers.
    let text_lang = if item.facts_translated {
        ctx.lang.code()
    } else {
        "da"
    };
    let any_unknown = [f.anonymous, f.without_parents].contains(&Some(Answer::Ukendt))
        || f.texts().iter().any(|(_, v)| v.is_some_and(is_placeholder));
    let text = |value: Option<&str>| -> Option<(String, Option<&'static str>)> {
        let v = value?;
        if is_placeholder(v) {
            Some((ctx.t("answer-ukendt"), None))
        } else {
            Some((v.to_string(), Some(text_lang)))
        }
    };
    let anonymous = f
        .anonymous
        .map(|a| (format!("{}.", answer_text(ctx, a)), None));
    // The answer is in the page's language, the note may be Danish: marked on its own.
    let note_lang = (text_lang != ctx.lang.code()).then_some(text_lang);
    let anonymous_note = f
        .anonymous_note
        .as_deref()
        .filter(|n| !is_placeholder(n) && f.anonymous.is_some())
        .map(|n| {
            let dir = note_lang.and_then(|l| ctx.dir_of(l));
            view! { " "<span lang=note_lang dir=dir>{n.to_string()}</span> }
        });
    let without_parents = f.without_parents.map(|a| (answer_text(ctx, a), None));
    let ages = text(f.ages.as_deref()).or_else(|| {
        item.age.map(|[lo, hi]| {
            (
                ctx.t_args("fact-age-range", &[("from", lo.into()), ("to", hi.into())]),
                None,
            )
        })
    });
    let rows = [
        ("fact-anonymous", anonymous, anonymous_note),
        ("fact-without-parents", without_parents, None),
        ("fact-parents-told", text(f.parents_told.as_deref()), None),
        ("fact-referral", text(f.referral.as_deref()), None),
        ("fact-cost", text(f.cost.as_deref()), None),
        ("fact-age", ages, None),
        ("fact-wait", text(f.wait.as_deref()), None),
        ("fact-where", text(f.location.as_deref()), None),
    ];
    let rows = rows
        .into_iter()
        .filter_map(|(label, value, note)| {
            let (value, lang) = value?;
            let label = ctx.t(label);
            let dir = lang.and_then(|l| ctx.dir_of(l));
            Some(view! { <div class="fact"><dt>{label}</dt><dd lang=lang dir=dir>{value}{note}</dd></div> })
        })
        .collect_view();
    let note = any_unknown.then(|| view! { <p class="fact-note">{ctx.t("fact-unknown-note")}</p> });
    Some(view! {
        <section class="fact-box" aria-labelledby="facts-heading">
            <h2 id="facts-heading">{ctx.t("facts-heading")}</h2>
            <dl class="fact-list">{rows}</dl>
            {note}
        </section>
    })
}

/// The small "Kilder" line: each source with when it was checked, web sources as links.
pub fn sources_line(ctx: &Ctx<'_>, item: &Item) -> Option<impl IntoView + use<>> {
    if item.sources.is_empty() {
        return None;
    }
    let last = item.sources.len() - 1;
    let list = item
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = s.title.clone().unwrap_or_else(|| {
                if s.is_web() {
                    host_of(&s.reference)
                } else {
                    s.reference.clone()
                }
            });
            let checked = ctx.t_args(
                "sources-checked",
                &[("date", s.checked.format("%d.%m.%Y").to_string().into())],
            );
            // Source titles are mostly Danish: left to right on an Arabic page.
            let dir = ctx.text_dir(&name);
            let name = if s.is_web() {
                view! { <a href=s.reference.trim().to_string() dir=dir>{name}</a> }.into_any()
            } else {
                view! { <span dir=dir>{name}</span> }.into_any()
            };
            let sep = if i < last { "; " } else { "." };
            view! { {name}" "{checked}{sep} }
        })
        .collect_view();
    Some(view! {
        <p class="sources"><span class="label">{ctx.t("sources-label")}</span>{list}</p>
    })
}

/// The notice about acute danger at the top of the home page and elsewhere.
pub fn acute_banner(ctx: &Ctx<'_>) -> impl IntoView {
    view! {
        <section class="acute-banner" aria-labelledby="acute-heading">
            <h2 id="acute-heading">{ctx.t("acute-heading")}</h2>
            <p>{ctx.t("acute-text")}</p>
            <p><a class="button button-acute" href=ctx.path(crate::paths::ACUTE_HELP)>{ctx.t("acute-link")}</a></p>
        </section>
    }
}

/// The first help for one acute danger, shown before anything else on the page: what to
/// do now and whom to call, each number a `tel:` link.
pub fn first_help(ctx: &Ctx<'_>, help: &crate::safety::FirstHelp) -> impl IntoView {
    let heading = ctx.t_args(
        "first-help-heading",
        &[("danger", help.name.clone().into())],
    );
    let now = help
        .now
        .iter()
        .map(|line| view! { <p>{line.clone()}</p> })
        .collect_view();
    let calls = help
        .calls
        .iter()
        .map(|c| {
            let action = match (&c.number, &c.web) {
                (Some(n), _) => {
                    let href = format!("tel:{}", n.replace(' ', ""));
                    let label = ctx.t_args("first-help-call", &[("number", n.clone().into())]);
                    view! { <a class="button button-acute" href=href>{label}</a> }.into_any()
                }
                (None, Some(w)) => {
                    let label = ctx.t_args("first-help-web", &[("name", c.name.clone().into())]);
                    view! { <a class="button button-acute" href=w.clone() rel="noreferrer">{label}</a> }.into_any()
                }
                (None, None) => ().into_any(),
            };
            view! {
                <li>
                    {action}
                    <span class="call-name" dir=ctx.text_dir(&c.name)>{c.name.clone()}</span>
                    <span class="call-when">{c.when.clone()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="acute-banner first-help" aria-labelledby="first-help-heading" data-category=help.id.clone()>
            <h2 id="first-help-heading">{heading}</h2>
            {now}
            <ul class="call-list">{calls}</ul>
            <p><a href=ctx.path(crate::paths::ACUTE_HELP)>{ctx.t("acute-link")}</a></p>
        </section>
    }
}

/// The doors: the guide's "who are you?" answers that have a `door-<answer id>` message,
/// each a link that starts the guide with that answer given.
pub fn doors(ctx: &Ctx<'_>, guide: &crate::guide::Guide) -> impl IntoView {
    let audience_q = guide.audience_question_id();
    let doors = guide
        .question(audience_q)
        .map(|q| q.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|id| {
            let label_id = format!("door-{id}");
            let label = ctx.t(&label_id);
            (label != label_id).then(|| {
                let href = format!("{}?a.{audience_q}={id}", ctx.guide_path());
                view! { <li><a class="door" href=href>{label}</a></li> }
            })
        })
        .collect_view();
    view! { <ul class="doors">{doors}</ul> }
}
