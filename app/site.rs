//! The site snapshot: everything derived from one load of the content folder.
//! It is immutable; a reload builds a whole new one and swaps it in only if valid.

use crate::analysis::Spelling;
use crate::assets::Assets;
use crate::content::model::{Kind, Lang};
use crate::content::{self, Content};
use crate::guide::Guide;
use crate::i18n::I18n;
use crate::problem::{Problem, Tally, Warnings};
use crate::safety::{self, Safety};
use crate::search::{Analysis, SearchDoc, SearchIndex, Synonyms};
use crate::source::SourceFile;
use crate::ui::{pages, Ctx};
use arc_swap::ArcSwap;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A rendered page kept in memory, gzipped only: nearly every client takes gzip, and
/// keeping one copy keeps a 10,000-item site's memory small. The rare client without
/// gzip gets it decompressed on the fly.
pub struct Page {
    pub gzip: bytes::Bytes,
}

impl Page {
    pub fn new(html: String) -> Page {
        Page {
            gzip: {
                let mut gz = crate::gzip::gzip(html.as_bytes(), crate::gzip::Level::Kept);
                // Kept for the life of the content version: no spare capacity.
                gz.shrink_to_fit();
                gz.into()
            },
        }
    }

    /// The plain HTML.
    pub fn html(&self) -> bytes::Bytes {
        let mut out = Vec::with_capacity(self.gzip.len() * 4);
        let _ =
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&self.gzip[..]), &mut out);
        out.into()
    }
}

/// The site being served: the current snapshot, swapped whole on reload. Cheap to clone
/// (every handler and the reloader hold one).
#[derive(Clone)]
pub struct LiveSite {
    pub site: Arc<ArcSwap<Site>>,
    /// Counts for `--metrics-addr` (see `crate::metrics`).
    pub metrics: Arc<crate::metrics::Metrics>,
}

impl LiveSite {
    pub fn new(site: Site) -> LiveSite {
        LiveSite::shared(Arc::new(site))
    }

    /// A live site over a snapshot that is also held elsewhere (tests build one per binary).
    pub fn shared(site: Arc<Site>) -> LiveSite {
        LiveSite {
            site: Arc::new(ArcSwap::from(site)),
            metrics: Arc::new(crate::metrics::Metrics::new()),
        }
    }

    /// The snapshot a request works on from start to end.
    pub fn snapshot(&self) -> Arc<Site> {
        self.site.load_full()
    }
}

/// Today's date where the server runs (course sessions before it are hidden).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub struct Site {
    pub content: Content,
    pub i18n: Arc<I18n>,
    pub assets: Assets,
    /// Pages that only change when content changes, by path: rendered on their first
    /// request and kept for this content version ([`Site::page`]).
    pages: HashMap<String, StaticPage>,
    not_found: HashMap<Lang, StaticPage>,
    /// The day the snapshot was built: pages kept for the content version show it.
    built_on: NaiveDate,
    pub search: SearchIndex,
    pub guide: Guide,
    /// Chat spellings (`chatsprog.toml`), written out before free text is read.
    pub spelling: Spelling,
    /// The acute-danger layer every piece of free text passes first.
    pub safety: Safety,
    /// Warnings found while loading (errors stop the load), unless they were only counted
    /// ([`Warnings::Counted`]). The server drops them once started.
    pub warnings: Vec<Problem>,
    /// Every warning, counted for the start-up summary and the reload log.
    pub warning_tally: Tally,
    /// Which content this is: the start of a hash of every file (for operations).
    pub version: String,
    /// `/sitemap.xml`, made on its first request (a crawler's; not worth start-up time).
    pub sitemap: std::sync::OnceLock<String>,
}

impl Site {
    /// Builds a snapshot from the content files, or returns every problem if there are errors.
    pub fn build(
        files: Vec<SourceFile>,
        i18n: Arc<I18n>,
        today: NaiveDate,
    ) -> Result<Site, Vec<Problem>> {
        Site::build_with(files, i18n, today, Warnings::Listed)
    }

    /// Like [`Site::build`]; with [`Warnings::Counted`] the warnings are only counted
    /// (`warning_tally`), which a server needs (see `Warnings`).
    pub fn build_with(
        mut files: Vec<SourceFile>,
        i18n: Arc<I18n>,
        today: NaiveDate,
        warnings: Warnings,
    ) -> Result<Site, Vec<Problem>> {
        let mut clock = Lap::start();
        let version = content_version(&files);
        let (content, mut problems, counted) = content::load(&files, today, warnings);
        // The items' Markdown is read: its text is not kept while the rest is built (at
        // 10,000 items it is a fifth of the memory a reload needs at its peak).
        files.retain(|f| !f.path.ends_with(".md"));
        let files = &files[..];
        clock.lap("content read and checked");
        let content = match content {
            Some(c) if !problems.iter().any(Problem::is_error) => c,
            _ => return Err(problems),
        };
        let languages = &content.site.languages;
        let synonyms = match files.iter().find(|f| f.path == "synonyms.toml") {
            None => Synonyms::empty(),
            Some(f) => {
                let language = |code: &str| {
                    let lang = languages.by_code(code)?;
                    Some((lang, analysis_of(languages, lang)))
                };
                Synonyms::parse(&f.text, &language).unwrap_or_else(|found| {
                    problems.extend(found);
                    Synonyms::empty()
                })
            }
        };
        // A content folder may bring its own interface text (i18n/<code>/*.ftl).
        let i18n = if files.iter().any(|f| f.path.starts_with("i18n/")) {
            match i18n.with_files(files) {
                Ok(own) => Arc::new(own),
                Err(found) => {
                    problems.extend(found);
                    return Err(problems);
                }
            }
        } else {
            i18n
        };
        for language in content.site.languages.all() {
            if !i18n.has(language.lang) {
                problems.push(Problem::error(
                    crate::content::site_config::FILE,
                    0,
                    format!(
                        "sproget `{}` ({}) har ingen tekster til brugerfladen: opret mappen i18n/{}/ med en oversættelse af filerne i i18n/{}/",
                        language.lang, language.name, language.lang, Lang::DEFAULT
                    ),
                ));
            }
            if Analysis::by_name(&language.analysis).is_none() {
                problems.push(Problem::error(
                    crate::content::site_config::FILE,
                    0,
                    format!(
                        "sproget `{}`: analysis = \"{}\" kendes ikke. Brug en af: {}",
                        language.lang,
                        language.analysis,
                        Analysis::NAMES.join(", ")
                    ),
                ));
            }
        }
        for slug in crate::paths::LINKED_PAGES {
            if content.get(Lang::DEFAULT, slug).is_none() {
                problems.push(Problem::error(
                    format!("sider/{slug}.{}.md", Lang::DEFAULT),
                    0,
                    format!("siden `{slug}` mangler: alle sider linker til den (fra topbjælken eller bunden), så den skal findes"),
                ));
            }
        }
        if problems.iter().any(Problem::is_error) {
            return Err(problems);
        }
        let langs: Vec<&str> = content.site.languages.langs().map(|l| l.code()).collect();
        let slug_exists = |slug: &str| content.get(Lang::DEFAULT, slug).is_some();
        let spelling = Spelling::load(files, &mut problems);
        // The site's own words are spelt right: they are never read as typos.
        let known = site_words(&content);
        clock.lap("interface text and spelling");
        let guide = match Guide::load(files, &slug_exists, &langs, &spelling, &known) {
            Ok(g) => {
                problems.extend(g.warnings().iter().cloned());
                g
            }
            Err(found) => {
                problems.extend(found);
                return Err(problems);
            }
        };
        clock.lap("guide");
        // The guide's example messages are everyday, calm wording: the safety layer's
        // examples compare against them too.
        let safety = safety::lexicon::load(
            files,
            &spelling,
            &slug_exists,
            &langs,
            known,
            &guide.example_texts(),
            &mut problems,
        );
        let safety = match safety {
            Some(s) if !problems.iter().any(Problem::is_error) => s,
            _ => return Err(problems),
        };
        clock.lap("guide and safety layer");
        let assets = Assets::build(&content.site);
        let docs = search_docs(&content);
        let search = SearchIndex::build(docs, synonyms, &|lang| {
            analysis_of(&content.site.languages, lang)
        });
        let (pages, not_found) = static_pages(&content);
        clock.lap("search index");
        let search = search.map_err(|e| {
            vec![Problem::error(
                "(søgeindeks)",
                0,
                format!("søgeindekset kunne ikke bygges: {e}"),
            )]
        })?;
        Ok(Site {
            content,
            i18n,
            assets,
            pages,
            not_found,
            built_on: today,
            search,
            guide,
            spelling,
            safety,
            warning_tally: {
                let mut tally = Tally::of(&problems);
                tally.add(counted);
                tally
            },
            warnings: problems,
            version,
            sitemap: std::sync::OnceLock::new(),
        })
    }

    pub fn ctx(&self, lang: Lang) -> Ctx<'_> {
        Ctx {
            lang,
            i18n: &self.i18n,
            site: &self.content.site,
            assets: &self.assets.urls,
        }
    }

    /// The page kept for `path` (a home page, an unfiltered listing or an item's page),
    /// rendered now if this is its first request.
    pub fn page(&self, path: &str) -> Option<&Page> {
        self.pages.get(path).map(|p| self.rendered(p))
    }

    /// The helpful 404 page in `lang`.
    pub fn not_found_page(&self, lang: Lang) -> Option<&Page> {
        self.not_found.get(&lang).map(|p| self.rendered(p))
    }

    fn rendered<'a>(&'a self, page: &'a StaticPage) -> &'a Page {
        page.page.get_or_init(|| {
            let content = &self.content;
            Page::new(match page.recipe {
                Recipe::Home(lang) => pages::home(&self.ctx(lang), content, &self.guide),
                // The first page always exists (it says when nothing is listed).
                Recipe::Listing(lang, kind) => {
                    pages::listing(&self.ctx(lang), content, kind, &Default::default())
                        .unwrap_or_default()
                }
                Recipe::Item(i) => {
                    let item = &content.items[i];
                    pages::detail(&self.ctx(item.lang), content, item, self.built_on)
                }
                Recipe::NotFound(lang) => pages::not_found(&self.ctx(lang), content),
            })
        })
    }
}

/// A page that only changes when the content changes. It is rendered and gzipped on its
/// first request, not at start-up: at 10,000 items rendering every page first took a
/// third of start-up time and held pages nobody had asked for.
struct StaticPage {
    recipe: Recipe,
    page: std::sync::OnceLock<Page>,
}

#[derive(Clone, Copy)]
enum Recipe {
    Home(Lang),
    Listing(Lang, Kind),
    /// Index into `Content::items`.
    Item(usize),
    NotFound(Lang),
}

impl From<Recipe> for StaticPage {
    fn from(recipe: Recipe) -> StaticPage {
        StaticPage {
            recipe,
            page: std::sync::OnceLock::new(),
        }
    }
}

/// Every word of the items' titles, summaries and bodies, folded
/// ([`crate::analysis::pattern::folded_words`]); read on every core, once for the guide
/// and the safety layer both.
fn site_words(content: &Content) -> HashSet<String> {
    use rayon::prelude::*;
    content
        .items
        .par_iter()
        .fold(HashSet::new, |mut words, i| {
            words.extend(crate::analysis::pattern::folded_words([
                i.title.as_str(),
                i.summary.as_str(),
                &i.body_text,
            ]));
            words
        })
        .reduce(HashSet::new, |mut a, b| {
            a.extend(b);
            a
        })
}

/// Time per start-up phase, logged at debug level (`RUST_LOG=startup=debug`): where a
/// slow start at 10,000 items goes.
struct Lap(std::time::Instant);

impl Lap {
    fn start() -> Lap {
        Lap(std::time::Instant::now())
    }

    fn lap(&mut self, what: &str) {
        let now = std::time::Instant::now();
        tracing::debug!(
            target: "startup",
            "{what}: {} ms, resident {} MB",
            (now - self.0).as_millis(),
            resident() >> 20
        );
        self.0 = now;
    }
}

/// The process's resident memory in bytes (for the start-up log; Linux only).
fn resident() -> usize {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<usize>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// The pages kept per content version, by path, and the 404 page per language.
fn static_pages(content: &Content) -> (HashMap<String, StaticPage>, HashMap<Lang, StaticPage>) {
    let languages = &content.site.languages;
    let mut pages: HashMap<String, StaticPage> = HashMap::new();
    for lang in languages.langs() {
        pages.insert(lang.home(), Recipe::Home(lang).into());
        for kind in Kind::ALL {
            let path = crate::paths::listing(languages, lang, kind.id());
            pages.insert(path, Recipe::Listing(lang, kind).into());
        }
    }
    // Course pages depend on today's date, so they are rendered per request; so are
    // pages without words in their language (see `Item::in_own_words`).
    for (i, item) in content.items.iter().enumerate() {
        if item.kind != Kind::Kursus && item.in_own_words() {
            pages.insert(item.url(), Recipe::Item(i).into());
        }
    }
    let not_found = languages
        .langs()
        .map(|lang| (lang, Recipe::NotFound(lang).into()))
        .collect();
    (pages, not_found)
}

/// The first 12 hex digits of a SHA-256 over every file's path and text: the same files
/// give the same version on every machine.
fn content_version(files: &[SourceFile]) -> String {
    use sha2::{Digest, Sha256};
    let mut sorted: Vec<&SourceFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut hash = Sha256::new();
    for f in sorted {
        hash.update(f.path.as_bytes());
        hash.update([0]);
        hash.update(f.text.as_bytes());
        hash.update([0]);
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The search analysis of a served language (checked at load; plain if unknown).
fn analysis_of(languages: &crate::lang::Languages, lang: Lang) -> Analysis {
    languages
        .get(lang)
        .and_then(|l| Analysis::by_name(&l.analysis))
        .unwrap_or(Analysis::Plain)
}

/// One search document per published item and language.
pub(crate) fn search_docs(content: &Content) -> Vec<SearchDoc> {
    content
        .items
        .iter()
        .filter(|i| i.in_own_words())
        .map(|i| SearchDoc {
            slug: i.slug.clone(),
            kind: i.kind,
            lang: i.lang,
            title: i.title.clone(),
            summary: i.summary.clone(),
            keywords: i.keywords.clone(),
            body: i.body_text.clone(),
            audience: i.audience.clone(),
            age: i.age.map(|[lo, hi]| (lo, hi)),
            without_parents: i.usable_without_parents(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kept page is stored gzipped only; the rare client without gzip gets it back whole.
    #[test]
    fn a_kept_page_gives_back_its_html() {
        for html in ["", "<!DOCTYPE html><p>Hej æøå</p>"] {
            let page = Page::new(html.to_string());
            assert_eq!(page.html(), html.as_bytes());
        }
    }
}
