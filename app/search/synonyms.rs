//! The staff-edited synonym list (`content/synonyms.toml`): everyday words people
//! search with → words the content uses. Applied at query time.
//!
//! Format: one section per language, named by its code (`[da]`, `[en]`, `[uk]` …; `[dansk]`
//! and `[engelsk]` also work); in each, `ord = ["synonym", "synonym"]` or
//! `ord = "synonym"`. Keys may be several words (`"ked af det" = ["mistrivsel"]`). Keys are
//! compared folded and stemmed with the language's analysis, so `joints`, `Joint` and
//! `joint` are the same key, as are `bælle` and `baelle`.

use super::text::Analysis;
use crate::analysis;
use crate::lang::Lang;
use crate::problem::{line_of, Problem};
use std::collections::HashMap;
use toml::de::{DeTable, DeValue};

const PATH: &str = "synonyms.toml";
/// Longest key, in words.
const MAX_KEY_WORDS: usize = 6;

#[derive(Debug, Clone, Default)]
struct Entry {
    /// Normalised key words.
    key: Vec<String>,
    /// Phrases to search for as well, as written.
    values: Vec<String>,
}

/// The synonyms of one language.
#[derive(Debug, Clone, Default)]
pub(crate) struct List {
    entries: Vec<Entry>,
    /// First key word → entries starting with it, longest key first.
    by_first: HashMap<String, Vec<usize>>,
}

impl List {
    fn add(&mut self, key: Vec<String>, values: Vec<String>) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.key == key) {
            for v in values {
                if !e.values.contains(&v) {
                    e.values.push(v);
                }
            }
            return;
        }
        self.entries.push(Entry { key, values });
    }

    fn index(&mut self) {
        self.by_first.clear();
        for (i, e) in self.entries.iter().enumerate() {
            self.by_first.entry(e.key[0].clone()).or_default().push(i);
        }
        let entries = &self.entries;
        for list in self.by_first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(entries[i].key.len()));
        }
    }
}

/// Synonyms for every language.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    lists: Vec<(Lang, List)>,
}

/// A language without synonyms.
static NONE: std::sync::LazyLock<List> = std::sync::LazyLock::new(List::default);

impl Synonyms {
    pub fn empty() -> Synonyms {
        Synonyms::default()
    }

    /// Parses content/synonyms.toml; errors carry file line numbers (path is "synonyms.toml").
    /// `language` gives a section's language and its analysis (none: not a served language).
    pub fn parse(
        text: &str,
        language: &dyn Fn(&str) -> Option<(Lang, Analysis)>,
    ) -> Result<Synonyms, Vec<Problem>> {
        let (doc, errors) = DeTable::parse_recoverable(text);
        let mut problems: Vec<Problem> = errors
            .iter()
            .map(|e| {
                let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
                Problem::error(
                    PATH,
                    line,
                    format!(
                        "This is not valid TOML: {}. Each line should look like \
                         \"ord\" = [\"synonym\", \"synonym\"], with every word in straight \
                         quotes (words with æ, ø or å must be in quotes).",
                        e.message().trim()
                    ),
                )
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut syn = Synonyms::default();
        for (section, value) in doc.get_ref().iter() {
            let line = line_of(text, section.span().start);
            let name = section.get_ref().as_ref();
            let code = match name {
                "dansk" => "da",
                "engelsk" => "en",
                other => other,
            };
            let known = matches!(value.get_ref(), DeValue::Table(_))
                .then(|| language(code))
                .flatten();
            let (lang, analysis) = match known {
                Some(found) => found,
                None => {
                    let msg = if matches!(value.get_ref(), DeValue::Table(_)) {
                        format!("Unknown section [{name}]. Use a language code of the site, e.g. [da] or [en].")
                    } else {
                        format!(
                            "\"{name}\" must stand below a language heading such as [da], \
                             not at the top of the file."
                        )
                    };
                    problems.push(Problem::error(PATH, line, msg));
                    continue;
                }
            };
            let DeValue::Table(table) = value.get_ref() else {
                problems.push(Problem::error(
                    PATH,
                    line,
                    format!(
                        "\"{name}\" must be a section heading: write [{name}] on its own line."
                    ),
                ));
                continue;
            };
            let at = match syn.lists.iter().position(|(l, _)| *l == lang) {
                Some(i) => i,
                None => {
                    syn.lists.push((lang, List::default()));
                    syn.lists.len() - 1
                }
            };
            let list = &mut syn.lists[at].1;
            for (key, val) in table.iter() {
                let line = line_of(text, key.span().start);
                let key_text = key.get_ref().as_ref();
                let key_words: Vec<String> = analysis::words(key_text)
                    .iter()
                    .map(|w| analysis.synonym_key(w))
                    .collect();
                if key_words.is_empty() {
                    problems.push(Problem::error(
                        PATH,
                        line,
                        format!("The word \"{key_text}\" has no letters; write the search word in quotes before =."),
                    ));
                    continue;
                }
                if key_words.len() > MAX_KEY_WORDS {
                    problems.push(Problem::error(
                        PATH,
                        line,
                        format!("\"{key_text}\" is too long; use at most {MAX_KEY_WORDS} words."),
                    ));
                    continue;
                }
                let values = match val.get_ref() {
                    DeValue::String(s) => Some(vec![s.to_string()]),
                    DeValue::Array(items) => items
                        .iter()
                        .map(|v| match v.get_ref() {
                            DeValue::String(s) => Some(s.to_string()),
                            _ => None,
                        })
                        .collect::<Option<Vec<String>>>(),
                    _ => None,
                };
                let Some(values) = values else {
                    problems.push(Problem::error(
                        PATH,
                        line,
                        format!(
                            "The synonyms of \"{key_text}\" must be words in quotes, \
                             e.g. \"{key_text}\" = [\"ord\", \"andet ord\"]."
                        ),
                    ));
                    continue;
                };
                let values: Vec<String> = values
                    .into_iter()
                    .map(|v| v.trim().to_string())
                    .filter(|v| !analysis::words(v).is_empty())
                    .collect();
                if values.is_empty() {
                    problems.push(Problem::error(
                        PATH,
                        line,
                        format!(
                            "\"{key_text}\" has no synonyms; add some words or delete the line."
                        ),
                    ));
                    continue;
                }
                list.add(key_words, values);
            }
        }
        if !problems.is_empty() {
            problems.sort_by_key(|p| p.line);
            return Err(problems);
        }
        for (_, list) in &mut syn.lists {
            list.index();
        }
        Ok(syn)
    }

    /// The synonyms of one language (none: an empty list).
    pub(crate) fn of(&self, lang: Lang) -> &List {
        self.lists
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, list)| list)
            .unwrap_or(&NONE)
    }

    /// Number of entries (all languages).
    pub fn len(&self) -> usize {
        self.lists.iter().map(|(_, l)| l.entries.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl List {
    /// The longest key starting at `words[at]` (words normalised with
    /// [`Analysis::synonym_key`]): its length in words and its synonyms.
    pub(crate) fn lookup(&self, words: &[String], at: usize) -> Option<(usize, &[String])> {
        let candidates = self.by_first.get(words.get(at)?)?;
        candidates.iter().map(|&i| &self.entries[i]).find_map(|e| {
            let end = at + e.key.len();
            (end <= words.len() && words[at..end] == e.key[..])
                .then_some((e.key.len(), e.values.as_slice()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn da() -> Lang {
        Lang::DEFAULT
    }

    fn en() -> Lang {
        Lang::intern("en").unwrap()
    }

    /// Danish and English, as the shipped site serves them.
    fn language(code: &str) -> Option<(Lang, Analysis)> {
        match code {
            "da" => Some((da(), Analysis::Danish)),
            "en" => Some((en(), Analysis::English)),
            _ => None,
        }
    }

    fn parse(text: &str) -> Result<Synonyms, Vec<Problem>> {
        Synonyms::parse(text, &language)
    }

    fn keys(analysis: Analysis, s: &str) -> Vec<String> {
        analysis::words(s)
            .iter()
            .map(|w| analysis.synonym_key(w))
            .collect()
    }

    #[test]
    fn parses_and_looks_up_longest_key() {
        let s = parse(
            "# kommentar\n[dansk]\njoint = [\"hash\", \"rusmidler\"]\n\"ked af det\" = [\"mistrivsel\"]\nked = \"trist\"\n\"bælle\" = [\"alkohol\"]\n\n[en]\nweed = [\"drugs\"]\n",
        )
        .unwrap();
        assert_eq!(s.len(), 5);
        let danish = s.of(da());
        let q = keys(Analysis::Danish, "jeg er ked af det");
        assert_eq!(
            danish.lookup(&q, 2),
            Some((3, &["mistrivsel".to_string()][..]))
        );
        let q = keys(Analysis::Danish, "Joints");
        assert_eq!(
            danish.lookup(&q, 0).map(|(n, v)| (n, v.len())),
            Some((1, 2))
        );
        let q = keys(Analysis::Danish, "baelle");
        assert!(danish.lookup(&q, 0).is_some(), "folded spelling matches");
        assert!(s
            .of(en())
            .lookup(&keys(Analysis::English, "weed"), 0)
            .is_some());
        assert!(danish.lookup(&keys(Analysis::Danish, "weed"), 0).is_none());
        let other = Lang::intern("qq").unwrap();
        assert!(
            s.of(other).entries.is_empty(),
            "a language without a section has none"
        );
    }

    #[test]
    fn reports_errors_with_lines() {
        let errs = parse("[dansk]\njoint = [\"hash\"\nfuld = 3\n").unwrap_err();
        assert!(errs
            .iter()
            .all(|p| p.path == "synonyms.toml" && p.is_error()));
        assert!(errs.iter().any(|p| p.line >= 2), "{errs:?}");

        let errs =
            parse("[dansk]\njoint = [\"hash\"]\nfuld = 3\n[svensk]\nx = \"y\"\n").unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3, 4], "{errs:?}");

        let errs = parse("joint = \"hash\"\n[dansk]\n\"!!\" = [\"x\"]\ntom = []\n").unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![1, 3, 4], "{errs:?}");
    }
}
