//! Leptos views, rendered to HTML strings on the server. Views get data, never
//! the request; every word they show comes from Fluent through `Ctx::t`.

pub mod bidi;
pub mod components;
pub mod guide;
pub mod layout;
pub mod pages;
pub mod search;

pub use crate::assets::AssetUrls;
use crate::content::model::{Kind, Lang};
use crate::content::site_config::SiteConfig;
use crate::i18n::I18n;
use crate::lang::Direction;
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

    /// An item's page in this context's language (`/stien`, `/en/stien`).
    pub fn path(&self, slug: &str) -> String {
        crate::paths::item(self.lang, slug)
    }

    pub fn home(&self) -> String {
        self.lang.home()
    }

    /// The listing page of a kind in this language (`/indgange`, `/en/entry-points`).
    pub fn listing_path(&self, kind: Kind) -> String {
        crate::paths::listing(&self.site.languages, self.lang, kind.id())
    }

    /// The search page in this language (`/soeg`, `/en/search`).
    pub fn search_path(&self) -> String {
        crate::paths::search(&self.site.languages, self.lang)
    }

    /// The guide in this language (`/guide`, `/en/guide`).
    pub fn guide_path(&self) -> String {
        crate::paths::guide(self.lang)
    }

    /// Where the guide's free-text box posts (`/guide/chat`, `/en/guide/chat`).
    pub fn chat_path(&self) -> String {
        crate::paths::guide_chat(self.lang)
    }

    /// Writing direction of this language.
    pub fn dir(&self) -> Direction {
        self.site
            .languages
            .get(self.lang)
            .map(|l| l.dir)
            .unwrap_or(Direction::Ltr)
    }

    /// The `dir` attribute for a short text of unknown language on this page (see
    /// [`bidi::dir_of_text`]).
    pub fn text_dir(&self, text: &str) -> Option<&'static str> {
        bidi::dir_of_text(self.dir(), text)
    }

    /// The `dir` attribute for text in the language `code` on this page: only where it
    /// differs from the page's (Danish text on an Arabic page is left to right).
    pub fn dir_of(&self, code: &str) -> Option<&'static str> {
        let languages = &self.site.languages;
        let dir = languages
            .by_code(code)
            .and_then(|l| languages.get(l))
            .map_or(Direction::Ltr, |l| l.dir);
        (dir != self.dir()).then(|| dir.attr())
    }
}

/// Renders a view to HTML under a fresh reactive owner (Leptos contexts need one).
pub fn render<V: leptos::prelude::RenderHtml>(view: impl FnOnce() -> V) -> String {
    let owner = leptos::prelude::Owner::new();
    // `<!>` is a hydration marker for client-side Leptos; this site never hydrates,
    // and the marker is a bogus comment to HTML validators. Content cannot contain it
    // (Markdown HTML is sanitised), so removing every occurrence is safe.
    owner.with(|| view().to_html()).replace("<!>", "")
}
