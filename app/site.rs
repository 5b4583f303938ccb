//! The site snapshot: everything derived from one load of the content folder.
//! It is immutable; a reload builds a whole new one and swaps it in only if valid.

use crate::analysis::Spelling;
use crate::assets::Assets;
use crate::content::model::{Kind, Lang};
use crate::content::{self, Content};
use crate::guide::Guide;
use crate::i18n::I18n;
use crate::problem::Problem;
use crate::safety::{self, Safety};
use crate::search::{Analysis, SearchDoc, SearchIndex, Synonyms};
use crate::source::SourceFile;
use crate::ui::{pages, Ctx};
use arc_swap::ArcSwap;
use chrono::NaiveDate;
use flate2::{Compress, Compression, FlushCompress, Status};
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
            gzip: gzip(html.as_bytes()).into(),
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

/// `bytes` gzipped (RFC 1952), with one deflate state per thread: a new one per page
/// (hundreds of kilobytes of tables to allocate and clear) was a tenth of start-up time at
/// 10,000 items.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    thread_local! {
        static DEFLATE: std::cell::RefCell<Compress> =
            std::cell::RefCell::new(Compress::new(Compression::new(7), false));
    }
    // Magic, deflate, no flags, no time, no extra flags, unknown OS.
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    DEFLATE.with(|cell| {
        let mut deflate = cell.borrow_mut();
        deflate.reset();
        loop {
            let read = deflate.total_in() as usize;
            out.reserve(bytes.len() / 4 + 64);
            match deflate.compress_vec(&bytes[read..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) | Err(_) => break,
                Ok(_) => {}
            }
        }
    });
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    // Kept for the life of the content version: no spare capacity (a third of the page).
    out.shrink_to_fit();
    out
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
    /// Pages that only change when content changes, by path.
    pub pages: HashMap<String, Page>,
    pub not_found: HashMap<Lang, Page>,
    pub search: SearchIndex,
    pub guide: Guide,
    /// Chat spellings (`chatsprog.toml`), written out before free text is read.
    pub spelling: Spelling,
    /// The acute-danger layer every piece of free text passes first.
    pub safety: Safety,
    /// Warnings found while loading (errors stop the load). The server prints their
    /// summary and drops them; a reload hands them to its caller.
    pub warnings: Vec<Problem>,
    /// Which content this is: the start of a hash of every file (for operations).
    pub version: String,
    /// `/sitemap.xml`, made on its first request (a crawler's; not worth start-up time).
    pub sitemap: std::sync::OnceLock<String>,
}

impl Site {
    /// Builds a snapshot from the content files, or returns every problem if there are errors.
    pub fn build(
        files: &[SourceFile],
        i18n: Arc<I18n>,
        today: NaiveDate,
    ) -> Result<Site, Vec<Problem>> {
        let mut clock = Lap::start();
        let (content, mut problems) = content::load(files, today);
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
        // The search index and the pre-rendered pages need nothing of each other:
        // build them side by side (start-up time at 10,000 items).
        let docs = search_docs(&content);
        let (search, (pages, not_found)) = std::thread::scope(|scope| {
            let languages = &content.site.languages;
            let search = scope.spawn(move || {
                let mut clock = Lap::start();
                let index =
                    SearchIndex::build(docs, synonyms, &|lang| analysis_of(languages, lang));
                clock.lap("search index (beside the pages)");
                index
            });
            let rendered = render_static_pages(&content, &guide, &i18n, &assets, today);
            (search.join(), rendered)
        });
        clock.lap("search index and pages");
        let search = search
            .unwrap_or_else(|_| Err("the index builder stopped unexpectedly".into()))
            .map_err(|e| {
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
            search,
            guide,
            spelling,
            safety,
            warnings: problems,
            version: content_version(files),
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

/// Pages that change only with the content: home, listings, item pages (not courses) and
/// 404s. Each page is rendered and compressed on its own, so on every core.
fn render_static_pages(
    content: &Content,
    guide: &Guide,
    i18n: &I18n,
    assets: &Assets,
    today: NaiveDate,
) -> (HashMap<String, Page>, HashMap<Lang, Page>) {
    use rayon::prelude::*;
    let ctx = |lang| Ctx {
        lang,
        i18n,
        site: &content.site,
        assets: &assets.urls,
    };
    let langs: Vec<Lang> = content.site.languages.langs().collect();
    let mut pages: HashMap<String, Page> = langs
        .par_iter()
        .flat_map_iter(|&lang| {
            let ctx = ctx(lang);
            let home = (ctx.home(), Page::new(pages::home(&ctx, content, guide)));
            let listings = Kind::ALL.map(|kind| {
                let path = crate::paths::listing(&content.site.languages, lang, kind.id());
                let html = pages::listing(&ctx, content, kind, &Default::default());
                (path, Page::new(html))
            });
            std::iter::once(home).chain(listings)
        })
        .collect();
    // Course pages depend on today's date, so they are rendered per request; so are
    // pages without words in their language (see `Item::in_own_words`).
    let items: Vec<&crate::content::model::Item> = content
        .items
        .iter()
        .filter(|i| i.kind != Kind::Kursus && i.in_own_words())
        .collect();
    pages.par_extend(items.par_iter().map(|item| {
        (
            item.url(),
            Page::new(pages::detail(&ctx(item.lang), content, item, today)),
        )
    }));
    let not_found = langs
        .par_iter()
        .map(|&lang| (lang, Page::new(pages::not_found(&ctx(lang), content))))
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

    /// One deflate state serves page after page: each comes back whole, as any gzip
    /// reader reads it.
    #[test]
    fn pages_are_gzipped_whole_one_after_another() {
        let long: String = (0..20_000)
            .map(|i| format!("<p>linje {i} æøå</p>"))
            .collect();
        for html in [
            String::new(),
            "<!DOCTYPE html><p>Hej</p>".into(),
            long.clone(),
            long,
        ] {
            let page = Page::new(html.clone());
            assert_eq!(page.html(), html.as_bytes());
            assert!(page.gzip.len() < html.len().max(64));
        }
    }
}
