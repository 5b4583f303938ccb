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
use flate2::{write::GzEncoder, Compression};
use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

/// A rendered page kept in memory, gzipped only: nearly every client takes gzip, and
/// keeping one copy keeps a 10,000-item site's memory small. The rare client without
/// gzip gets it decompressed on the fly.
pub struct Page {
    pub gzip: bytes::Bytes,
}

impl Page {
    pub fn new(html: String) -> Page {
        let mut enc = GzEncoder::new(Vec::with_capacity(html.len() / 3), Compression::new(7));
        // Writing into a Vec cannot fail.
        let _ = enc.write_all(html.as_bytes());
        Page {
            gzip: enc.finish().unwrap_or_default().into(),
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
    /// Pages that only change when content changes, by path.
    pub pages: HashMap<String, Page>,
    pub not_found: HashMap<Lang, Page>,
    pub search: SearchIndex,
    pub guide: Guide,
    /// Chat spellings (`chatsprog.toml`), written out before free text is read.
    pub spelling: Spelling,
    /// The acute-danger layer every piece of free text passes first.
    pub safety: Safety,
    /// Warnings found while loading (errors stop the load).
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
        let (content, mut problems) = content::load(files, today);
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
        let known: Vec<&str> = content
            .items
            .iter()
            .flat_map(|i| [i.title.as_str(), i.summary.as_str(), i.body_text.as_str()])
            .collect();
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
        // The guide's example messages are everyday, calm wording: the safety layer's
        // examples compare against them too.
        let safety = safety::lexicon::load(
            files,
            &spelling,
            &slug_exists,
            &langs,
            &known,
            &guide.example_texts(),
            &mut problems,
        );
        let safety = match safety {
            Some(s) if !problems.iter().any(Problem::is_error) => s,
            _ => return Err(problems),
        };
        let assets = Assets::build(&content.site);
        // The search index and the pre-rendered pages need nothing of each other:
        // build them side by side (start-up time at 10,000 items).
        let docs = search_docs(&content);
        let (search, (pages, not_found)) = std::thread::scope(|scope| {
            let languages = &content.site.languages;
            let search = scope.spawn(move || {
                SearchIndex::build(docs, synonyms, &|lang| analysis_of(languages, lang))
            });
            let rendered = render_static_pages(&content, &guide, &i18n, &assets, today);
            (search.join(), rendered)
        });
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

/// Pages that change only with the content: home, listings, item pages (not courses) and 404s.
fn render_static_pages(
    content: &Content,
    guide: &Guide,
    i18n: &I18n,
    assets: &Assets,
    today: NaiveDate,
) -> (HashMap<String, Page>, HashMap<Lang, Page>) {
    let mut pages = HashMap::new();
    let mut not_found = HashMap::new();
    for lang in content.site.languages.langs() {
        let ctx = Ctx {
            lang,
            i18n,
            site: &content.site,
            assets: &assets.urls,
        };
        pages.insert(ctx.home(), Page::new(pages::home(&ctx, content, guide)));
        for kind in Kind::ALL {
            let path = crate::paths::listing(&content.site.languages, lang, kind.id());
            let html = pages::listing(&ctx, content, kind, &Default::default());
            pages.insert(path, Page::new(html));
        }
        // Course pages depend on today's date, so they are rendered per request; so are
        // pages without words in this language (see `Item::in_own_words`).
        let prerendered =
            |i: &&crate::content::model::Item| i.kind != Kind::Kursus && i.in_own_words();
        for item in content.in_lang(lang).filter(prerendered) {
            pages.insert(
                item.url(),
                Page::new(pages::detail(&ctx, content, item, today)),
            );
        }
        not_found.insert(lang, Page::new(pages::not_found(&ctx, content)));
    }
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
