//! Interface text from Fluent files (`i18n/<lang>/*.ftl`), built into the binary.
//! Rust code asks for messages by id; no interface string lives in Rust.

use crate::content::model::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A text in every language of the site (language code → text).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, falling back to Danish, then to any language there is.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("da"))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }
}

static EMBEDDED: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/i18n");

pub struct I18n {
    da: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
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
        Ok(I18n {
            da: bundle(Lang::Da)?,
            en: bundle(Lang::En)?,
        })
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }

    /// The message `id` in `lang`; a missing message shows its id so it is noticed, never a crash.
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
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text: Cow<'_, str> = bundle.format_pattern(pattern, args, &mut errors);
        text.into_owned()
    }

    /// Every message id of a language (for the test that both languages have the same ids).
    pub fn ids(lang: Lang) -> Vec<String> {
        sources(lang)
            .iter()
            .flat_map(|src| {
                src.lines()
                    .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
                    .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

fn sources(lang: Lang) -> Vec<String> {
    EMBEDDED
        .get_dir(lang.code())
        .map(|d| {
            d.files()
                .filter_map(|f| f.contents_utf8().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn bundle(lang: Lang) -> Result<FluentBundle<FluentResource>, String> {
    let langid: unic_langid::LanguageIdentifier = lang
        .code()
        .parse()
        .map_err(|e| format!("bad language id: {e:?}"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // No Unicode isolation marks around arguments: they show up in titles and tests.
    bundle.set_use_isolating(false);
    for src in sources(lang) {
        let res = FluentResource::try_new(src)
            .map_err(|(_, errs)| format!("i18n/{}: {errs:?}", lang.code()))?;
        bundle
            .add_resource(res)
            .map_err(|errs| format!("i18n/{}: {errs:?}", lang.code()))?;
    }
    Ok(bundle)
}
