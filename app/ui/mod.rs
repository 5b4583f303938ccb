//! Leptos views, rendered to HTML strings on the server. Views get data, never
//! the request; every word they show comes from Fluent through `Ctx::t`.

pub mod components;
pub mod guide;
pub mod layout;
pub mod pages;
pub mod search;

use crate::content::model::Lang;
use crate::content::site_config::SiteConfig;
use crate::i18n::I18n;
use fluent_bundle::FluentValue;

/// What every view needs: the language, the words, the site and where the assets are.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub lang: Lang,
    pub i18n: &'a I18n,
    pub site: &'a SiteConfig,
    pub assets: &'a AssetUrls,
}

impl Ctx<'_> {
    pub fn t(&self, id: &str) -> String {
        self.i18n.t(self.lang, id)
    }

    pub fn t_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.i18n.t_args(self.lang, id, args)
    }

    /// A path of the site in this context's language, e.g. `path("soeg")` → `/soeg` or `/en/soeg`.
    pub fn path(&self, rest: &str) -> String {
        format!("{}/{}", self.lang.prefix(), rest.trim_start_matches('/'))
    }

    pub fn home(&self) -> String {
        match self.lang {
            Lang::Da => "/".to_string(),
            Lang::En => "/en/".to_string(),
        }
    }
}

/// Content-hashed URLs of the static assets, so they can be cached for a year.
#[derive(Debug, Clone, Default)]
pub struct AssetUrls {
    pub css: String,
    pub site_css: String,
    pub js: String,
    pub icon: String,
}

/// Renders a view to HTML under a fresh reactive owner (Leptos contexts need one).
pub fn render<V: leptos::prelude::RenderHtml>(view: impl FnOnce() -> V) -> String {
    let owner = leptos::prelude::Owner::new();
    // `<!>` is a hydration marker for client-side Leptos; this site never hydrates,
    // and the marker is a bogus comment to HTML validators. Content cannot contain it
    // (Markdown HTML is sanitised), so removing every occurrence is safe.
    owner.with(|| view().to_html()).replace("<!>", "")
}
