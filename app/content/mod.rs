//! Content: loading the content folder into checked, ready-to-show items.
//! Knows nothing of the web; every problem it finds carries its file and line.

pub mod check;
pub mod claims;
pub mod dates;
pub mod frontmatter;
pub mod markdown;
pub mod model;
pub mod readability;
pub mod site_config;

use crate::lang::{Lang, Languages};
use crate::problem::{self, line_of, Problem, Tally, Warnings};
use crate::source::SourceFile;
use chrono::NaiveDate;
use model::{Head, Item, Kind, Meta, TranslationFrontMatter};
use rayon::prelude::*;
use site_config::SiteConfig;
use std::collections::{BTreeMap, HashMap};

pub use model::{Answer, Audience, Contact, Facts, Session, Source};

/// A topic that items can be tagged with, named in the site's languages.
#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub names: BTreeMap<Lang, String>,
}

impl Topic {
    /// The name in `lang`, or the Danish one where it is not translated.
    pub fn name(&self, lang: Lang) -> &str {
        self.names
            .get(&lang)
            .or_else(|| self.names.get(&Lang::DEFAULT))
            .map(String::as_str)
            .unwrap_or(&self.id)
    }
}

/// Everything loaded from the item files, checked.
#[derive(Debug)]
pub struct Content {
    pub site: SiteConfig,
    pub topics: Vec<Topic>,
    /// Published items in every language, ordered by kind, language and title.
    pub items: Vec<Item>,
    index: HashMap<(Lang, String), usize>,
    /// What listings filter on, one entry per item (parallel to `items`).
    facets: Vec<Facets>,
}

/// An item's audiences, ages and topics, small and side by side, so a filtered listing
/// of thousands of items reads a few bytes per item instead of each item's lists.
#[derive(Debug, Clone, Copy)]
struct Facets {
    /// Bit per [`Audience::index`].
    audience: u32,
    age: Option<[u8; 2]>,
    /// Bit per topic (its place in `Content::topics`) for the first 64 topics …
    topics: u64,
    /// … and whether it has one further on (then its list is read).
    later_topics: bool,
}

/// A filter on a listing: only items for this audience, age or topic (`None`: any).
#[derive(Debug, Default, Clone, Copy)]
pub struct Filter<'a> {
    pub audience: Option<Audience>,
    pub age: Option<u8>,
    pub topic: Option<&'a str>,
}

impl Content {
    pub fn get(&self, lang: Lang, slug: &str) -> Option<&Item> {
        self.index
            .get(&(lang, slug.to_string()))
            .map(|&i| &self.items[i])
    }

    pub fn in_lang(&self, lang: Lang) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.lang == lang)
    }

    /// The items of one kind in one language, by title.
    pub fn of_kind(&self, lang: Lang, kind: Kind) -> impl Iterator<Item = &Item> {
        let (start, end) = self.run_of(lang, kind);
        self.items[start..end].iter()
    }

    /// The items of one kind in one language that pass `filter`, by title.
    pub fn listing(&self, lang: Lang, kind: Kind, filter: Filter<'_>) -> Vec<&Item> {
        let (start, end) = self.run_of(lang, kind);
        let topic = filter
            .topic
            .map(|id| self.topics.iter().position(|t| t.id == id));
        let accepts = |i: usize| {
            let f = &self.facets[i];
            filter
                .audience
                .is_none_or(|a| f.audience & (1 << a.index()) != 0)
                && filter
                    .age
                    .is_none_or(|age| f.age.is_none_or(|[lo, hi]| lo <= age && age <= hi))
                && match topic {
                    None => true,
                    // A topic that does not exist lists nothing.
                    Some(None) => false,
                    Some(Some(t)) if t < 64 => f.topics & (1 << t) != 0,
                    Some(Some(t)) => {
                        f.later_topics && self.items[i].topics.contains(&self.topics[t].id)
                    }
                }
        };
        (start..end)
            .filter(|&i| accepts(i))
            .map(|i| &self.items[i])
            .collect()
    }

    /// Where the items of one kind in one language lie in `items` (sorted by kind,
    /// language and title): found by binary search, not a pass over every item.
    fn run_of(&self, lang: Lang, kind: Kind) -> (usize, usize) {
        let start = self
            .items
            .partition_point(|i| (i.kind, i.lang) < (kind, lang));
        let end = self
            .items
            .partition_point(|i| (i.kind, i.lang) <= (kind, lang));
        (start, end)
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }
}

/// Loads and checks the item files, `site.toml` and `topics.toml` among `files`.
/// Returns the content only when there are no errors; warnings come either way, listed
/// or, with [`Warnings::Counted`], those of the items' own checks only in the tally.
pub fn load(
    files: &[SourceFile],
    today: NaiveDate,
    warnings: Warnings,
) -> (Option<Content>, Vec<Problem>, Tally) {
    let mut problems = Vec::new();
    let site = match find(files, site_config::FILE) {
        None => {
            problems.push(Problem::error(site_config::FILE, 0, "filen site.toml mangler i indholdsmappen: den fortæller sitets navn, kommune og farver"));
            None
        }
        Some(f) => match site_config::parse(&f.text) {
            Ok((config, found)) => {
                problems.extend(found);
                Some(config)
            }
            Err(p) => {
                problems.push(p);
                None
            }
        },
    };
    // The registry decides which languages exist; without site.toml only the default.
    let languages = site
        .as_ref()
        .map(|s| s.languages.clone())
        .unwrap_or_default();
    let reserved = crate::paths::reserved_slugs(&languages);
    let topics = load_topics(files, &languages, &mut problems);

    // Danish files are the masters; read them first so translations can inherit.
    let mut master_files: Vec<(Kind, String, &SourceFile)> = Vec::new();
    let mut translations: Vec<(Kind, String, Lang, &SourceFile)> = Vec::new();
    for file in files {
        let Some((kind, slug, lang)) = classify(file, &languages, &reserved, &mut problems) else {
            continue;
        };
        if lang.is_default() {
            master_files.push((kind, slug, file));
        } else {
            translations.push((kind, slug, lang, file));
        }
    }
    // Reading and rendering each file needs nothing of the others: on every core (start-up
    // time at 10,000 items). The problems keep the files' order.
    let parsed: Vec<_> = master_files
        .par_iter()
        .map(|(_, _, file)| {
            let mut found = Vec::new();
            (parse_master(file, &languages, &mut found), found)
        })
        .collect();
    let mut masters: BTreeMap<String, (Kind, &SourceFile, Meta, markdown::Rendered)> =
        BTreeMap::new();
    for ((kind, slug, file), (parsed, found)) in master_files.into_iter().zip(parsed) {
        problems.extend(found);
        let Some((front, rendered)) = parsed else {
            continue;
        };
        if let Some((_, other, _, _)) = masters.get(&slug) {
            problems.push(Problem::error(
                &file.path,
                1,
                format!(
                    "navnet `{slug}` bruges også af {}. Hvert indhold skal have sit eget filnavn",
                    other.path
                ),
            ));
            continue;
        }
        masters.insert(slug, (kind, file, front, rendered));
    }

    let exists = |slug: &str| masters.contains_key(slug);
    let mut files_in: HashMap<&str, Vec<Lang>> = HashMap::new();
    for (_, slug, lang, _) in &translations {
        files_in.entry(slug.as_str()).or_default().push(*lang);
    }
    let checked: Vec<(Item, Vec<Problem>, Tally)> = masters
        .par_iter()
        .map(|(slug, (kind, file, front, rendered))| {
            let cx = check::Context {
                topics: &topics,
                exists: &exists,
                today,
                languages: &languages,
                files_in: files_in.get(slug.as_str()).cloned().unwrap_or_default(),
            };
            let mut found = Vec::new();
            check::master(file, *kind, front, &rendered.text, &cx, &mut found);
            found.extend(markdown::check_links(&file.path, &rendered.links, exists));
            // Counted here, on the thread that made them (see `Warnings`).
            let counted = problem::count_warnings(&mut found, warnings);
            (
                master_item(slug, *kind, file, front, rendered),
                found,
                counted,
            )
        })
        .collect();
    let mut items = Vec::with_capacity(checked.len());
    let mut counted = Tally::default();
    for (item, found, tally) in checked {
        problems.extend(found);
        counted.add(tally);
        items.push(item);
    }
    let item_of: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.slug.as_str(), i))
        .collect();

    let mut translated: HashMap<(String, Lang), Item> = HashMap::new();
    for (kind, slug, lang, file) in translations {
        let Some((master_kind, _, _, _)) = masters.get(&slug) else {
            problems.push(Problem::error(&file.path, 1, format!("der er ingen dansk udgave ({}/{slug}.{}.md) af denne oversættelse. Opret den danske fil først", kind.folder(), Lang::DEFAULT)));
            continue;
        };
        if *master_kind != kind {
            problems.push(Problem::error(
                &file.path,
                1,
                format!(
                    "den danske udgave ligger i mappen {}/: læg oversættelsen i samme mappe",
                    master_kind.folder()
                ),
            ));
            continue;
        }
        let Some((tr, rendered)) = parse_item::<TranslationFrontMatter>(file, lang, &mut problems)
        else {
            continue;
        };
        problems.extend(markdown::check_links(&file.path, &rendered.links, exists));
        let master = &items[item_of[slug.as_str()]];
        check::translation(file, &master.meta, &tr, &rendered.text, &mut problems);
        translated.insert(
            (slug, lang),
            translation_item(master, file, tr, rendered, lang),
        );
    }

    // Every item exists in every language: a missing translation shows the Danish text with a note.
    let mut all = Vec::new();
    for master in items {
        for lang in languages.translations() {
            let item = translated
                .remove(&(master.slug.clone(), lang))
                .unwrap_or_else(|| fallback_item(&master, lang));
            all.push(item);
        }
        all.push(master);
    }
    all.retain(|i| !i.draft);
    // `Content::of_kind` relies on this order. Keys built once per item, not per comparison.
    all.sort_by_cached_key(|i| (i.kind, i.lang, i.title.to_lowercase()));

    problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    let has_errors = problems.iter().any(Problem::is_error);
    let content = match (site, has_errors) {
        (Some(site), false) => {
            let index = all
                .iter()
                .enumerate()
                .map(|(i, item)| ((item.lang, item.slug.clone()), i))
                .collect();
            let facets = all.iter().map(|item| facets_of(item, &topics)).collect();
            Some(Content {
                site,
                topics,
                items: all,
                index,
                facets,
            })
        }
        _ => None,
    };
    (content, problems, counted)
}

fn find<'a>(files: &'a [SourceFile], path: &str) -> Option<&'a SourceFile> {
    files.iter().find(|f| f.path == path)
}

fn load_topics(
    files: &[SourceFile],
    languages: &Languages,
    problems: &mut Vec<Problem>,
) -> Vec<Topic> {
    let Some(file) = find(files, "topics.toml") else {
        problems.push(Problem::error(
            "topics.toml",
            0,
            "filen topics.toml mangler: den skal liste de emner, indholdet kan have",
        ));
        return Vec::new();
    };
    let split = frontmatter::Split {
        front: &file.text,
        front_line: 1,
        body: "",
        body_line: 0,
    };
    match frontmatter::parse::<BTreeMap<String, BTreeMap<String, String>>>(&file.path, &split) {
        Err(p) => {
            problems.push(p);
            Vec::new()
        }
        Ok(table) => {
            let mut topics = Vec::new();
            for (id, names) in table {
                let line = file
                    .text
                    .find(&format!("[{id}]"))
                    .map(|o| line_of(&file.text, o))
                    .unwrap_or(1);
                let mut by_lang = BTreeMap::new();
                for (code, name) in names {
                    match languages.by_code(&code) {
                        Some(lang) => {
                            by_lang.insert(lang, name);
                        }
                        None => problems.push(Problem::error(&file.path, line, format!("emnet `{id}`: `{code}` er ikke et af sitets sprog ({}). Ret koden, eller tilføj sproget i site.toml", codes(languages)))),
                    }
                }
                if !by_lang.contains_key(&Lang::DEFAULT) {
                    problems.push(Problem::error(
                        &file.path,
                        line,
                        format!(
                            "emnet `{id}` mangler et dansk navn: skriv {} = \"…\"",
                            Lang::DEFAULT
                        ),
                    ));
                }
                topics.push(Topic { id, names: by_lang });
            }
            // Keep the file's order, which staff chose.
            topics.sort_by_key(|t| file.text.find(&format!("[{}]", t.id)));
            topics
        }
    }
}

/// The served language codes, for messages.
fn codes(languages: &Languages) -> String {
    languages
        .langs()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Which item a file is: `<kind folder>/<slug>.<lang>.md`. Other files are ignored or reported.
fn classify(
    file: &SourceFile,
    languages: &Languages,
    reserved: &[String],
    problems: &mut Vec<Problem>,
) -> Option<(Kind, String, Lang)> {
    let (folder, name) = file.path.split_once('/')?;
    if folder == "guide" {
        return None;
    }
    let kind = Kind::from_folder(folder)?;
    let Some(stem) = name.strip_suffix(".md") else {
        problems.push(Problem::warning(
            &file.path,
            0,
            format!("filen bliver ikke brugt: indhold skal ligge i filer, der ender på sproget og .md, fx navn.{}.md", Lang::DEFAULT),
        ));
        return None;
    };
    let Some((slug, lang)) = stem
        .rsplit_once('.')
        .and_then(|(s, l)| languages.by_code(l).map(|l| (s, l)))
    else {
        problems.push(Problem::error(
            &file.path,
            0,
            format!(
                "filnavnet skal slutte med et af sitets sprog ({}) og .md, fx navn.{}.md for dansk",
                codes(languages),
                Lang::DEFAULT
            ),
        ));
        return None;
    };
    let valid = !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if !valid {
        problems.push(Problem::error(&file.path, 0, format!("filnavnet `{slug}` må kun have små bogstaver a-z, tal og bindestreg (skriv æ som ae, ø som oe, å som aa)")));
        return None;
    }
    if reserved.iter().any(|r| r == slug) {
        problems.push(Problem::error(
            &file.path,
            0,
            format!("navnet `{slug}` er optaget af en af sitets egne sider. Vælg et andet filnavn"),
        ));
        return None;
    }
    Some((kind, slug.to_string(), lang))
}

/// Reads a Danish (master) file: its front matter with the other languages' `[en]`, `[uk]` …
/// tables taken out and read as [`Head`]s.
fn parse_master(
    file: &SourceFile,
    languages: &Languages,
    problems: &mut Vec<Problem>,
) -> Option<(Meta, markdown::Rendered)> {
    let split = match frontmatter::split(&file.path, &file.text) {
        Ok(s) => s,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    let names: Vec<&str> = languages.translations().map(|l| l.code()).collect();
    let (rest, tables) = frontmatter::take_tables(&split, &names);
    let rest_split = frontmatter::Split {
        front: &rest,
        ..split
    };
    let mut meta = match frontmatter::parse::<Meta>(&file.path, &rest_split) {
        Ok(m) => m,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    for (code, body, line) in tables {
        let table_split = frontmatter::Split {
            front: &body,
            front_line: line,
            body: "",
            body_line: 0,
        };
        match (
            languages.by_code(&code),
            frontmatter::parse::<Head>(&file.path, &table_split),
        ) {
            (Some(lang), Ok(head)) => {
                meta.heads.insert(lang, head);
            }
            (_, Err(p)) => problems.push(p),
            (None, _) => {}
        }
    }
    Some((
        meta,
        markdown::render(split.body, split.body_line, Lang::DEFAULT),
    ))
}

fn parse_item<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    lang: Lang,
    problems: &mut Vec<Problem>,
) -> Option<(T, markdown::Rendered)> {
    let split = match frontmatter::split(&file.path, &file.text) {
        Ok(s) => s,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    match frontmatter::parse::<T>(&file.path, &split) {
        Ok(front) => Some((front, markdown::render(split.body, split.body_line, lang))),
        Err(p) => {
            problems.push(p);
            None
        }
    }
}

fn master_item(
    slug: &str,
    kind: Kind,
    file: &SourceFile,
    meta: &Meta,
    r: &markdown::Rendered,
) -> Item {
    let mut meta = meta.clone();
    meta.title = meta.title.trim().to_string();
    meta.summary = meta.summary.trim().to_string();
    Item {
        slug: slug.to_string(),
        kind,
        lang: Lang::DEFAULT,
        translated: true,
        head_translated: true,
        facts_translated: true,
        path: file.path.clone(),
        meta: meta.into(),
        body_html: r.html.as_str().into(),
        body_links: r.links.iter().map(|(slug, _)| slug.clone()).collect(),
        body_text: r.text.as_str().into(),
    }
}

fn translation_item(
    master: &Item,
    file: &SourceFile,
    tr: TranslationFrontMatter,
    r: markdown::Rendered,
    lang: Lang,
) -> Item {
    let mut item = master.clone();
    item.lang = lang;
    item.path = file.path.clone();
    item.facts_translated = tr.facts.is_some() || master.facts.is_none();
    let m = std::sync::Arc::make_mut(&mut item.meta);
    m.title = tr.title.trim().to_string();
    m.summary = tr.summary.trim().to_string();
    m.keywords = tr.keywords;
    m.heads.clear();
    if let (Some(text), Some(facts)) = (tr.facts, m.facts.as_mut()) {
        let keep = |t: Option<String>, old: &mut Option<String>| {
            if t.is_some() {
                *old = t;
            }
        };
        keep(text.anonymous_note, &mut facts.anonymous_note);
        keep(text.parents_told, &mut facts.parents_told);
        keep(text.referral, &mut facts.referral);
        keep(text.cost, &mut facts.cost);
        keep(text.ages, &mut facts.ages);
        keep(text.wait, &mut facts.wait);
        keep(text.location, &mut facts.location);
    }
    m.legal_basis = tr.legal_basis.or(m.legal_basis.take());
    m.provider = tr.provider.or(m.provider.take());
    m.place = tr.place.or(m.place.take());
    m.signup = tr.signup.or(m.signup.take());
    if let (Some(text), Some(contact)) = (tr.contact.and_then(|c| c.hours), m.contact.as_mut()) {
        contact.hours = Some(text);
    }
    item.body_html = r.html.into();
    item.body_links = r.links.into_iter().map(|(slug, _)| slug).collect();
    item.body_text = r.text.into();
    item
}

/// An item in a language it has no file for: the Danish body with a note, and the title,
/// summary and keywords of its `[<language>]` table when the Danish file has one (so
/// search in that language finds it).
/// The body is the master's HTML, shared (see [`Item::page_body_html`]).
fn fallback_item(master: &Item, lang: Lang) -> Item {
    let mut item = master.clone();
    item.lang = lang;
    item.translated = false;
    item.facts_translated = master.facts.is_none();
    item.head_translated = false;
    if let Some(head) = master.heads.get(&lang).cloned() {
        let meta = std::sync::Arc::make_mut(&mut item.meta);
        meta.title = head.title.trim().to_string();
        meta.summary = head.summary.trim().to_string();
        meta.keywords = head.keywords;
        meta.heads.clear();
        item.head_translated = true;
    }
    if !item.head_translated {
        // Not searched in this language (see `Item::in_own_words`).
        item.body_text = "".into();
    }
    item
}

fn facets_of(item: &Item, topics: &[Topic]) -> Facets {
    let mut f = Facets {
        audience: item
            .audience
            .iter()
            .fold(0, |bits, a| bits | 1 << a.index()),
        age: item.age,
        topics: 0,
        later_topics: false,
    };
    for id in &item.topics {
        match topics.iter().position(|t| &t.id == id) {
            Some(t) if t < 64 => f.topics |= 1 << t,
            _ => f.later_topics = true,
        }
    }
    f
}
