//! The frame of every page: head (title, description, canonical, hreflang),
//! skip link, quick exit, header, acute-help bar, breadcrumbs, main and footer.

use super::{render, Ctx};
use crate::content::model::{Kind, Lang};
use crate::lang::Direction;
use crate::paths;
use leptos::prelude::*;

/// What a page tells the layout about itself.
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// The page's path in each served language (without host), default language first:
    /// canonical, hreflang and the language switch.
    pub alternates: Vec<(Lang, String)>,
    /// Guide and search pages: not for search engines.
    pub noindex: bool,
    /// Trail above the heading, home excluded: (label, link); the last is the current page.
    pub breadcrumbs: Vec<(String, Option<String>)>,
    /// schema.org JSON-LD, already made safe for a script element (`crate::opendata::jsonld`).
    pub json_ld: Option<String>,
}

impl PageMeta {
    /// A page found in every served language at `path_in(lang)`.
    pub fn new(
        ctx: &Ctx<'_>,
        title: impl Into<String>,
        description: impl Into<String>,
        path_in: impl Fn(Lang) -> String,
    ) -> Self {
        PageMeta {
            title: title.into(),
            description: description.into(),
            alternates: ctx
                .site
                .languages
                .langs()
                .map(|l| (l, path_in(l)))
                .collect(),
            noindex: false,
            breadcrumbs: Vec::new(),
            json_ld: None,
        }
    }

    fn path(&self, lang: Lang) -> &str {
        self.alternates
            .iter()
            .find(|(l, _)| *l == lang)
            .or(self.alternates.first())
            .map(|(_, p)| p.as_str())
            .unwrap_or("/")
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
    // Right to left, phone numbers in prose keep their order (see `bidi`).
    let body = match ctx.dir() {
        Direction::Rtl => super::bidi::isolate_number_runs(&body),
        Direction::Ltr => body,
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">{head}{body}</html>\n",
        lang.code(),
        ctx.dir().attr()
    )
}

fn head(ctx: &Ctx<'_>, meta: &PageMeta, base: &str) -> impl IntoView {
    let title = format!("{} – {}", meta.title, ctx.site.name);
    let canonical = format!("{base}{}", meta.path(ctx.lang));
    let alternates = meta
        .alternates
        .iter()
        .map(|(lang, path)| {
            view! { <link rel="alternate" hreflang=lang.code() href=format!("{base}{path}")/> }
        })
        .collect_view();
    let x_default = format!("{base}{}", meta.path(Lang::DEFAULT));
    let robots = meta
        .noindex
        .then(|| view! { <meta name="robots" content="noindex"/> });
    // A data block: never run, so the CSP's script-src does not apply to it.
    let json_ld = meta
        .json_ld
        .clone()
        .map(|data| view! { <script type="application/ld+json" inner_html=data></script> });
    view! {
        <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>{title}</title>
            <meta name="description" content=meta.description.clone()/>
            <link rel="canonical" href=canonical/>
            {alternates}
            <link rel="alternate" hreflang="x-default" href=x_default/>
            {robots}
            <meta name="referrer" content="no-referrer"/>
            <link rel="icon" type="image/svg+xml" href=ctx.assets.icon.clone()/>
            <link rel="stylesheet" href=ctx.assets.css.clone()/>
            <link rel="stylesheet" href=ctx.assets.site_css.clone()/>
            <script src=ctx.assets.js.clone() defer></script>
            {json_ld}
        </head>
    }
}

fn top(ctx: &Ctx<'_>, meta: &PageMeta) -> impl IntoView {
    let languages = &ctx.site.languages;
    let switch = meta
        .alternates
        .iter()
        .filter(|(lang, _)| *lang != ctx.lang)
        .filter_map(|(lang, path)| {
            let name = languages.get(*lang)?.name.clone();
            let dir = languages.get(*lang)?.dir.attr();
            Some(view! {
                <li><a class="lang-switch" href=path.clone() lang=lang.code() hreflang=lang.code() dir=dir>{name}</a></li>
            })
        })
        .collect_view();
    let brand = ctx.site.name.clone();
    let municipality = ctx.site.municipality.clone();
    view! {
        <a class="skip-link" href="#main">{ctx.t("skip-link")}</a>
        <div class="exit-bar">
            <a class="quick-exit" id="quick-exit" href=ctx.site.quick_exit_url.clone() rel="noreferrer">
                {ctx.t("quick-exit")}
            </a>
            <span class="exit-hint">{ctx.t("quick-exit-hint")}</span>
            <a class="exit-safety" href=ctx.path(paths::HIDE_YOUR_VISIT)>{ctx.t("hide-visit")}</a>
        </div>
        <header class="site-header">
            <a class="brand" href=ctx.home()>
                <span class="brand-name">{brand}</span>
                <span class="brand-municipality">{municipality}</span>
            </a>
            <nav class="main-nav" aria-label=ctx.t("nav-main")>
                <ul>
                    <li><a href=paths::guide(ctx.lang)>{ctx.t("nav-guide")}</a></li>
                    <li><a href=ctx.search_path()>{ctx.t("nav-search")}</a></li>
                    <li><a href=ctx.listing_path(Kind::Indgang)>{ctx.t("nav-entry-points")}</a></li>
                    <li><a href=ctx.listing_path(Kind::Tilbud)>{ctx.t("nav-services")}</a></li>
                    <li><a href=ctx.listing_path(Kind::Kursus)>{ctx.t("nav-courses")}</a></li>
                    <li><a href=ctx.listing_path(Kind::Side)>{ctx.t("nav-how-we-work")}</a></li>
                </ul>
            </nav>
            <nav class="langs" aria-label=ctx.t("lang-nav")><ul>{switch}</ul></nav>
        </header>
        <div class="acute-bar" role="region" aria-label=ctx.t("acute-bar-label")>
            <a href=ctx.path(paths::ACUTE_HELP)>{ctx.t("acute-bar")}</a>
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
                <li><a href=ctx.path(paths::ACCESSIBILITY)>{ctx.t("footer-accessibility")}</a></li>
                <li><a href=ctx.path(paths::PRIVACY)>{ctx.t("footer-privacy")}</a></li>
                <li><a href=ctx.path(paths::HIDE_YOUR_VISIT)>{ctx.t("hide-visit")}</a></li>
                <li><a href=ctx.path(paths::ABOUT_STRATEGY)>{ctx.t("footer-strategy")}</a></li>
                <li><a href=ctx.site.municipality_web.clone()>{ctx.t("footer-municipality-web")}</a></li>
            </ul>
        </footer>
    }
}
