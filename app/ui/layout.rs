//! The frame of every page: head (title, description, canonical, hreflang),
//! skip link, quick exit, header, acute-help bar, breadcrumbs, main and footer.

use super::{render, Ctx};
use crate::content::model::Lang;
use leptos::prelude::*;

/// What a page tells the layout about itself.
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// The page's path in each language (without host), for canonical, hreflang and the language switch.
    pub path_da: String,
    pub path_en: String,
    /// Guide and search pages: not for search engines.
    pub noindex: bool,
    /// Trail above the heading, home excluded: (label, link); the last is the current page.
    pub breadcrumbs: Vec<(String, Option<String>)>,
}

impl PageMeta {
    pub fn new(
        title: impl Into<String>,
        description: impl Into<String>,
        path_da: impl Into<String>,
        path_en: impl Into<String>,
    ) -> Self {
        PageMeta {
            title: title.into(),
            description: description.into(),
            path_da: path_da.into(),
            path_en: path_en.into(),
            noindex: false,
            breadcrumbs: Vec::new(),
        }
    }

    fn path(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.path_da,
            Lang::En => &self.path_en,
        }
    }
}

/// A whole HTML document around `main`.
pub fn page<V: RenderHtml>(ctx: &Ctx<'_>, meta: &PageMeta, main: impl FnOnce() -> V) -> String {
    let lang = ctx.lang;
    let base = ctx.site.base_url.trim_end_matches('/').to_string();
    let head = render(|| head(ctx, meta, &base));
    let body = render(|| {
        view! {
            <body>
                {top(ctx, meta)}
                {crumbs(ctx, meta)}
                <main id="main" tabindex="-1">{main()}</main>
                {footer(ctx)}
            </body>
        }
    });
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">{head}{body}</html>\n",
        lang.code()
    )
}

fn head(ctx: &Ctx<'_>, meta: &PageMeta, base: &str) -> impl IntoView {
    let title = format!("{} – {}", meta.title, ctx.site.name);
    let canonical = format!("{base}{}", meta.path(ctx.lang));
    let da = format!("{base}{}", meta.path_da);
    let en = format!("{base}{}", meta.path_en);
    let robots = meta
        .noindex
        .then(|| view! { <meta name="robots" content="noindex"/> });
    view! {
        <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>{title}</title>
            <meta name="description" content=meta.description.clone()/>
            <link rel="canonical" href=canonical/>
            <link rel="alternate" hreflang="da" href=da.clone()/>
            <link rel="alternate" hreflang="en" href=en/>
            <link rel="alternate" hreflang="x-default" href=da/>
            {robots}
            <meta name="referrer" content="no-referrer"/>
            <link rel="icon" type="image/svg+xml" href=ctx.assets.icon.clone()/>
            <link rel="stylesheet" href=ctx.assets.css.clone()/>
            <link rel="stylesheet" href=ctx.assets.site_css.clone()/>
            <script src=ctx.assets.js.clone() defer></script>
        </head>
    }
}

fn top(ctx: &Ctx<'_>, meta: &PageMeta) -> impl IntoView {
    let other = ctx.lang.other();
    let switch_href = meta.path(other).to_string();
    let brand = ctx.site.name.clone();
    let municipality = ctx.site.municipality.clone();
    view! {
        <a class="skip-link" href="#main">{ctx.t("skip-link")}</a>
        <div class="exit-bar">
            <a class="quick-exit" id="quick-exit" href=ctx.site.quick_exit_url.clone() rel="noreferrer">
                {ctx.t("quick-exit")}
            </a>
            <span class="exit-hint">{ctx.t("quick-exit-hint")}</span>
            <a class="exit-safety" href=ctx.path("skjul-dit-besoeg")>{ctx.t("hide-visit")}</a>
        </div>
        <header class="site-header">
            <a class="brand" href=ctx.home()>
                <span class="brand-name">{brand}</span>
                <span class="brand-municipality">{municipality}</span>
            </a>
            <nav class="main-nav" aria-label=ctx.t("nav-main")>
                <ul>
                    <li><a href=ctx.path("guide")>{ctx.t("nav-guide")}</a></li>
                    <li><a href=ctx.path(search_path(ctx.lang))>{ctx.t("nav-search")}</a></li>
                    <li><a href=ctx.path(crate::content::model::Kind::Indgang.listing_path(ctx.lang))>{ctx.t("nav-entry-points")}</a></li>
                    <li><a href=ctx.path(crate::content::model::Kind::Tilbud.listing_path(ctx.lang))>{ctx.t("nav-services")}</a></li>
                    <li><a href=ctx.path(crate::content::model::Kind::Kursus.listing_path(ctx.lang))>{ctx.t("nav-courses")}</a></li>
                    <li><a href=ctx.path(crate::content::model::Kind::Side.listing_path(ctx.lang))>{ctx.t("nav-how-we-work")}</a></li>
                </ul>
            </nav>
            <a class="lang-switch" href=switch_href lang=other.code() hreflang=other.code()>{ctx.t("lang-switch")}</a>
        </header>
        <div class="acute-bar" role="region" aria-label=ctx.t("acute-bar-label")>
            <a href=ctx.path("akut-hjaelp")>{ctx.t("acute-bar")}</a>
        </div>
    }
}

fn crumbs(ctx: &Ctx<'_>, meta: &PageMeta) -> impl IntoView {
    (!meta.breadcrumbs.is_empty()).then(|| {
        let last = meta.breadcrumbs.len() - 1;
        let items = meta
            .breadcrumbs
            .iter()
            .enumerate()
            .map(|(i, (label, href))| match href {
                Some(href) if i != last => {
                    view! { <li><a href=href.clone()>{label.clone()}</a></li> }.into_any()
                }
                _ => view! { <li aria-current="page">{label.clone()}</li> }.into_any(),
            })
            .collect_view();
        view! {
            <nav class="breadcrumbs" aria-label=ctx.t("breadcrumbs")>
                <ol>
                    <li><a href=ctx.home()>{ctx.t("home")}</a></li>
                    {items}
                </ol>
            </nav>
        }
    })
}

fn footer(ctx: &Ctx<'_>) -> impl IntoView {
    let about = ctx.t_args(
        "footer-about",
        &[("municipality", ctx.site.municipality.clone().into())],
    );
    view! {
        <footer class="site-footer">
            <p>{about}</p>
            <ul>
                <li><a href=ctx.path("tilgaengelighed")>{ctx.t("footer-accessibility")}</a></li>
                <li><a href=ctx.path("privatliv")>{ctx.t("footer-privacy")}</a></li>
                <li><a href=ctx.path("skjul-dit-besoeg")>{ctx.t("hide-visit")}</a></li>
                <li><a href=ctx.path("om-strategien")>{ctx.t("footer-strategy")}</a></li>
                <li><a href=ctx.site.municipality_web.clone()>{ctx.t("footer-municipality-web")}</a></li>
            </ul>
        </footer>
    }
}

/// The search page's path segment in a language.
pub fn search_path(lang: Lang) -> &'static str {
    match lang {
        Lang::Da => "soeg",
        Lang::En => "search",
    }
}
