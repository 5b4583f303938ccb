//! The search page: form, filters with counts, highlighted results, and help when nothing is found.

use super::components::{acute_banner, first_help, item_cards, kind_name, search_form};
use super::layout::{page, PageMeta};
use super::Ctx;
use crate::content::model::{Audience, Item, Kind};
use crate::content::Content;
use crate::safety::FirstHelp;
use crate::search::SearchResults;
use leptos::prelude::*;

/// What was asked, as the page shows it back.
pub struct Asked<'a> {
    pub query: &'a str,
    pub kind: Option<Kind>,
    pub audience: Option<Audience>,
    pub without_parents: bool,
}

pub fn search_page(
    ctx: &Ctx<'_>,
    content: &Content,
    asked: &Asked<'_>,
    results: &SearchResults,
    help: Option<&FirstHelp>,
) -> String {
    let languages = &ctx.site.languages;
    let mut meta = PageMeta::new(
        ctx,
        ctx.t("search-title"),
        ctx.t("search-description"),
        |lang| crate::paths::search(languages, lang),
    );
    meta.noindex = true;
    let has_query = !asked.query.trim().is_empty();
    let summary = has_query.then(|| {
        let text = ctx.t_args(
            "search-count",
            &[
                ("count", results.total.into()),
                ("query", asked.query.to_string().into()),
            ],
        );
        view! { <p class="count" role="status">{text}</p> }
    });
    let body = if !has_query {
        view! { <p>{ctx.t("search-empty-query")}</p> }.into_any()
    } else if results.hits.is_empty() {
        no_hits(ctx, content, results).into_any()
    } else {
        view! {
            {filters(ctx, asked, results)}
            {hit_list(ctx, content, results)}
        }
        .into_any()
    };
    let help = help.map(|h| {
        view! {
            {first_help(ctx, h)}
            <p class="notice">{ctx.t("search-acute-note")}</p>
        }
    });
    page(ctx, &meta, || {
        view! {
            <h1>{ctx.t("search-title")}</h1>
            {help}
            {search_form(ctx, asked.query, "search")}
            {summary}
            {body}
        }
    })
}

fn hit_list(ctx: &Ctx<'_>, content: &Content, results: &SearchResults) -> impl IntoView {
    let hits = results
        .hits
        .iter()
        .map(|hit| {
            let kind = kind_name(ctx, hit.kind);
            let url = content
                .get(ctx.lang, &hit.slug)
                .map(Item::url)
                .unwrap_or_default();
            view! {
                <li class="hit">
                    <p class="card-kind">{kind}</p>
                    <h2><a href=url>{hit.title.clone()}</a></h2>
                    <p class="snippet" inner_html=hit.snippet_html.clone()></p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="hits">{hits}</ol> }
}

/// Facet links: each keeps the query and the other filters.
fn filters(ctx: &Ctx<'_>, asked: &Asked<'_>, results: &SearchResults) -> impl IntoView {
    let link = |kind: Option<Kind>, audience: Option<Audience>, without_parents: bool| {
        let mut url = format!("{}?q={}", ctx.search_path(), encode(asked.query));
        if let Some(k) = kind {
            url.push_str(&format!("&kind={}", k.id()));
        }
        if let Some(a) = audience {
            url.push_str(&format!("&audience={}", a.id()));
        }
        if without_parents {
            url.push_str("&without_parents=1");
        }
        url
    };
    let current_kind = asked.kind;
    let alone = asked.without_parents;
    let kinds = std::iter::once((None, ctx.t("filter-all"), None))
        .chain(results.kind_counts.iter().map(|(k, n)| {
            (
                Some(*k),
                crate::ui::components::kind_plural(ctx, *k),
                Some(*n),
            )
        }))
        .map(|(k, name, n)| facet(link(k, asked.audience, alone), name, n, k == current_kind))
        .collect_view();
    let audiences = std::iter::once((None, ctx.t("filter-all"), None))
        .chain(
            results
                .audience_counts
                .iter()
                .map(|(a, n)| (Some(*a), ctx.t(&format!("audience-{}", a.id())), Some(*n))),
        )
        .map(|(a, name, n)| facet(link(current_kind, a, alone), name, n, a == asked.audience))
        .collect_view();
    // For young people: help they can use without their parents (from the items' facts).
    let for_young = !matches!(
        asked.audience,
        Some(Audience::Foraeldre | Audience::Fagpersoner)
    );
    let parents = (for_young && (alone || results.without_parents_count > 0)).then(|| {
        let choices = [
            (false, ctx.t("filter-all"), None),
            (
                true,
                ctx.t("search-filter-without-parents"),
                Some(results.without_parents_count),
            ),
        ]
        .into_iter()
        .map(|(on, name, n)| facet(link(current_kind, asked.audience, on), name, n, on == alone))
        .collect_view();
        view! {
            <h2 class="facet-heading">{ctx.t("search-filter-parents")}</h2>
            <ul>{choices}</ul>
        }
    });
    view! {
        <nav class="facets" aria-label=ctx.t("search-filters")>
            <h2 class="facet-heading">{ctx.t("search-filter-kind")}</h2>
            <ul>{kinds}</ul>
            <h2 class="facet-heading">{ctx.t("filter-audience")}</h2>
            <ul>{audiences}</ul>
            {parents}
        </nav>
    }
}

fn facet(href: String, name: String, count: Option<usize>, current: bool) -> impl IntoView {
    let label = match count {
        Some(n) => format!("{name} ({n})"),
        None => name,
    };
    let aria_current = current.then_some("true");
    view! { <li><a href=href aria-current=aria_current>{label}</a></li> }
}

/// Nothing found: a spelling suggestion, the guide, the entry points and acute help.
fn no_hits(ctx: &Ctx<'_>, content: &Content, results: &SearchResults) -> impl IntoView {
    let suggestion = results.suggestion.as_ref().map(|s| {
        let href = format!("{}?q={}", ctx.search_path(), encode(s));
        view! { <p class="suggestion">{ctx.t("search-did-you-mean")}" "<a href=href>{s.clone()}</a></p> }
    });
    let entry_points: Vec<&Item> = content.of_kind(ctx.lang, Kind::Indgang).collect();
    view! {
        {suggestion}
        <p>{ctx.t("search-no-hits")}</p>
        <p><a class="button" href=ctx.guide_path()>{ctx.t("guide-entry-start")}</a></p>
        {acute_banner(ctx)}
        <h2>{ctx.t("entry-points-heading")}</h2>
        {item_cards(ctx, &entry_points)}
    }
}

fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
