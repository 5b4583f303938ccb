//! Interface text from Fluent files (`i18n/<lang>/*.ftl`), built into the binary.
//! Rust code asks for messages by id; no interface string lives in Rust.

use crate::lang::Lang;
use crate::problem::{line_of, Loc, Problem};
use crate::source::SourceFile;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A text in every language of the site (language code → text).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, falling back to the default language, then to any there is.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get(Lang::DEFAULT.code()))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// A text as a content file writes it: `key.<code> = "…"` lines, with their places.
pub type TextDoc = BTreeMap<String, toml::Spanned<String>>;

impl Text {
    /// Reads a text written once per language in a TOML content file (`text.da = "…"`,
    /// `text.en = "…"`). Missing in the default language, or empty, is an error at the
    /// text's line (at `owner` when the whole text is missing); missing in another
    /// language is a warning, and pages show the Danish text until it is written.
    pub fn read(
        doc: &TextDoc,
        key: &str,
        langs: &[&str],
        owner: &Loc,
        source: &str,
        problems: &mut Vec<Problem>,
    ) -> Text {
        let loc_of = |v: &toml::Spanned<String>| Loc {
            file: owner.file.clone(),
            line: line_of(source, v.span().start),
        };
        let first = doc
            .values()
            .next()
            .map(loc_of)
            .unwrap_or_else(|| owner.clone());
        for lang in langs {
            match doc.get(*lang) {
                Some(v) if !v.get_ref().trim().is_empty() => {}
                Some(v) => problems.push(loc_of(v).error(format!(
                    "Teksten `{key}.{lang}` er tom. Skriv teksten på {}.",
                    language_name(lang)
                ))),
                None if *lang == Lang::DEFAULT.code() => problems.push(first.error(format!(
                    "Teksten `{key}` mangler på {} ({lang}). Tilføj en linje `{key}.{lang} = \"…\"`.",
                    language_name(lang)
                ))),
                None => problems.push(first.warning(format!(
                    "Teksten `{key}` mangler på {} ({lang}). Tilføj en linje `{key}.{lang} = \"…\"`. \
                     Indtil da vises den danske tekst.",
                    language_name(lang)
                ))),
            }
        }
        Text(
            doc.iter()
                .map(|(l, v)| (l.clone(), v.get_ref().trim().to_string()))
                .collect(),
        )
    }
}

/// A language's name in Danish, for messages to staff (the code for languages without one).
pub fn language_name(code: &str) -> &str {
    match code {
        "da" => "dansk",
        "en" => "engelsk",
        "de" => "tysk",
        "uk" => "ukrainsk",
        "ar" => "arabisk",
        _ => code,
    }
}

static EMBEDDED: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/i18n");

/// The interface text of every language there is a folder for (`i18n/<code>/*.ftl`).
pub struct I18n {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
    /// Each language's Fluent sources, kept to list message ids and to add a content
    /// folder's own languages.
    sources: BTreeMap<Lang, Vec<(String, String)>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("I18n")
    }
}

impl I18n {
    /// The translations built into the binary. Broken Fluent files are a build
    /// defect, caught by the tests, so this reports them as an error string.
    pub fn embedded() -> Result<I18n, String> {
        let mut sources: BTreeMap<Lang, Vec<(String, String)>> = BTreeMap::new();
        for dir in EMBEDDED.dirs() {
            let code = dir.path().to_string_lossy().to_string();
            let lang =
                Lang::intern(&code).ok_or_else(|| format!("i18n/{code}: not a language code"))?;
            let mut files: Vec<(String, String)> = dir
                .files()
                .filter_map(|f| {
                    let name = format!("i18n/{}", f.path().to_string_lossy());
                    f.contents_utf8().map(|t| (name, t.to_string()))
                })
                .collect();
            files.sort();
            sources.insert(lang, files);
        }
        I18n::from_sources(sources).map_err(|problems| {
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    /// These translations plus a content folder's own `i18n/<code>/*.ftl` files (a
    /// municipality can add or override a language without a new build).
    pub fn with_files(&self, files: &[SourceFile]) -> Result<I18n, Vec<Problem>> {
        let mut sources = self.sources.clone();
        for f in files
            .iter()
            .filter(|f| f.path.starts_with("i18n/") && f.path.ends_with(".ftl"))
        {
            let code = f.path["i18n/".len()..].split('/').next().unwrap_or("");
            let Some(lang) = Lang::intern(code) else {
                return Err(vec![Problem::error(
                    &f.path,
                    0,
                    format!("mappen i18n/{code} skal hedde som en sprogkode, fx i18n/uk"),
                )]);
            };
            let list = sources.entry(lang).or_default();
            list.retain(|(name, _)| name != &f.path);
            list.push((f.path.clone(), f.text.clone()));
        }
        I18n::from_sources(sources)
    }

    fn from_sources(sources: BTreeMap<Lang, Vec<(String, String)>>) -> Result<I18n, Vec<Problem>> {
        let mut bundles = Vec::new();
        let mut problems = Vec::new();
        for (lang, files) in &sources {
            let langid: unic_langid::LanguageIdentifier = match lang.code().parse() {
                Ok(id) => id,
                Err(e) => {
                    problems.push(Problem::error(
                        format!("i18n/{lang}"),
                        0,
                        format!("sprogkoden kan ikke bruges: {e:?}"),
                    ));
                    continue;
                }
            };
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // No Unicode isolation marks around arguments: they show up in titles and tests.
            bundle.set_use_isolating(false);
            for (name, text) in files {
                match FluentResource::try_new(text.clone()) {
                    Ok(res) => {
                        if let Err(errs) = bundle.add_resource(res) {
                            problems.push(Problem::error(
                                name,
                                0,
                                format!("beskeder står to gange: {errs:?}"),
                            ));
                        }
                    }
                    Err((_, errs)) => {
                        for e in errs {
                            let line = crate::problem::line_of(text, e.pos.start);
                            problems.push(Problem::error(
                                name,
                                line,
                                format!("Fluent-fejl: {:?}", e.kind),
                            ));
                        }
                    }
                }
            }
            bundles.push((*lang, bundle));
        }
        if problems.is_empty() {
            Ok(I18n { bundles, sources })
        } else {
            Err(problems)
        }
    }

    /// Whether there is interface text in `lang`.
    pub fn has(&self, lang: Lang) -> bool {
        self.bundles.iter().any(|(l, _)| *l == lang)
    }

    fn bundle(&self, lang: Lang) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .or_else(|| self.bundles.iter().find(|(l, _)| l.is_default()))
            .map(|(_, b)| b)
    }

    /// The message `id` in `lang` (Danish where the language lacks it); a missing message
    /// shows its id so it is noticed, never a crash.
    pub fn t(&self, lang: Lang, id: &str) -> String {
        self.format(lang, id, None)
    }

    /// The message `id` with arguments, e.g. `t_args(lang, "results-count", &[("count", 3.into())])`.
    pub fn t_args(&self, lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.format(lang, id, Some(&fa))
    }

    fn format(&self, lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let with_message = |b: &&FluentBundle<FluentResource>| b.get_message(id).is_some();
        let Some(bundle) = self
            .bundle(lang)
            .filter(with_message)
            .or_else(|| self.bundle(Lang::DEFAULT).filter(with_message))
        else {
            return id.to_string();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut errors = vec![];
        let text: Cow<str> = bundle.format_pattern(pattern, args, &mut errors);
        text.into_owned()
    }

    /// Every message id of a language (for the test that all languages have the same ids).
    pub fn ids(&self, lang: Lang) -> Vec<String> {
        self.sources
            .get(&lang)
            .into_iter()
            .flatten()
            .flat_map(|(_, src)| {
                src.lines()
                    .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
                    .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The languages there is interface text for.
    pub fn langs(&self) -> Vec<Lang> {
        self.bundles.iter().map(|(l, _)| *l).collect()
    }
}
