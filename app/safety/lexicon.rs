//! The acute lexicon's files (`content/akut/`): what staff write, read with line numbers
//! and compiled into the [`Safety`] layer.
//!
//! - `akut/faelles.toml`: the matcher's settings, the shared word groups (`@jeg`,
//!   `@forælder`, …), the phone numbers that first help points to, and calm examples.
//! - `akut/<kategori>.toml`: one acute category each (the file name is its id): its name,
//!   its first help ("what to do now"), the numbers to call, related pages, the guide
//!   answers it implies, and how it is recognised: `words` (each alone is enough),
//!   `signs` (any two are enough), `[[combination]]` (all parts in one sentence) and
//!   `examples` (whole messages for the nearest-example second opinion).

use super::{Category, Number, Rule, RuleKind, Safety, Thresholds};
use crate::analysis::pattern::{LexiconBuilder, Settings};
use crate::analysis::{Message, Spelling};
use crate::i18n::Text;
use crate::problem::{line_of, read_toml, Loc, Problem};
use crate::source::SourceFile;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use toml::Spanned;

pub const FOLDER: &str = "akut/";
pub const SHARED_FILE: &str = "akut/faelles.toml";

use crate::i18n::TextDoc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SharedDoc {
    settings: SettingsDoc,
    #[serde(default)]
    group: Vec<GroupDoc>,
    #[serde(default)]
    number: Vec<NumberDoc>,
    #[serde(default)]
    calm_examples: Vec<Spanned<String>>,
    /// Words that show a message is *about* a subject (an essay, a book, what a word
    /// means): hits after them in the same sentence do not count …
    #[serde(default)]
    about: Vec<Spanned<String>>,
    /// … unless one of these comes in between ("men", "nu", "igen") …
    #[serde(default)]
    about_enders: Vec<Spanned<String>>,
    /// … or one of these anywhere after the about-phrase ("og jeg gør det selv").
    #[serde(default)]
    about_enders_after: Vec<Spanned<String>>,
    /// Words saying, after a hit, that it is over and everyone is safe ("har det godt nu"):
    /// in every category. Each category adds its own (`resolved` in its file).
    #[serde(default)]
    resolved: Vec<Spanned<String>>,
    /// … unless one of these comes after them ("men nu", "igen", "i aften").
    #[serde(default)]
    resolved_reopen: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsDoc {
    negations: Vec<String>,
    negation_window: usize,
    #[serde(default)]
    scope_enders: Vec<String>,
    #[serde(default)]
    negation_through: Vec<String>,
    gap: usize,
    typo_from: usize,
    two_typos_from: usize,
    /// A message this close to an acute example is acute even when no rule fires.
    example_alone: f32,
    /// … and this close when at least one sign of the same category is there.
    example_with_sign: f32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupDoc {
    name: Spanned<String>,
    words: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumberDoc {
    id: Spanned<String>,
    number: Option<String>,
    web: Option<String>,
    name: TextDoc,
    when: TextDoc,
    /// Where the number comes from (a seed or a public address); the national numbers
    /// 112, 114, 1818, 116 111 and 70 201 201 need none.
    source: Option<String>,
    /// The day the source was read (a TOML date, e.g. 2026-11-27).
    checked: Option<toml::value::Datetime>,
}

/// Numbers everyone knows and that need no source (the content catalogue's list).
const NATIONAL_NUMBERS: [&str; 5] = ["112", "114", "1818", "116 111", "70 201 201"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryDoc {
    order: u32,
    name: TextDoc,
    now: TextDoc,
    call: Vec<Spanned<String>>,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    #[serde(default)]
    guide: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    group: Vec<GroupDoc>,
    #[serde(default)]
    words: Vec<Spanned<String>>,
    /// Like `words`, but no `unless` word cancels them: plain statements of a plan or a
    /// danger now ("kan ikke love at jeg ikke gør det"), which a "lol" after them does
    /// not make a joke.
    #[serde(default)]
    firm: Vec<Spanned<String>>,
    #[serde(default)]
    signs: Vec<Spanned<String>>,
    #[serde(default)]
    combination: Vec<CombinationDoc>,
    #[serde(default)]
    examples: Vec<Spanned<String>>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    /// Words saying, after a hit of this category, that it is over ("blev fundet").
    #[serde(default)]
    resolved: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CombinationDoc {
    all: Vec<Spanned<String>>,
    /// No `unless` word cancels it (see `firm` words).
    #[serde(default)]
    firm: bool,
}

/// Where a value stands in a file.
struct At<'a> {
    file: &'a str,
    text: &'a str,
}

impl At<'_> {
    fn loc<T>(&self, s: &Spanned<T>) -> Loc {
        Loc {
            file: self.file.to_string(),
            line: line_of(self.text, s.span().start),
        }
    }

    /// A text in every language of the site (see [`Text::read`]).
    fn text(
        &self,
        doc: &TextDoc,
        key: &str,
        langs: &[&str],
        owner: &Loc,
        problems: &mut Vec<Problem>,
    ) -> Text {
        Text::read(doc, key, langs, owner, self.text, problems)
    }
}

/// `unless` and `about` words are taken exactly as written (with inflections only where
/// written with `*`): a typo-tolerant "snitte" would also cancel "snit".
fn exact(entry: &str) -> String {
    entry
        .split_whitespace()
        .map(|w| match w.chars().next() {
            Some('=' | '@' | '#' | '*') => w.to_string(),
            _ => format!("={w}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Compiles phrases taken as written (`unless`, `about`, `resolved` …), reporting those
/// that cannot be compiled.
fn exact_patterns(
    builder: &mut LexiconBuilder,
    list: &[Spanned<String>],
    at: &At,
    problems: &mut Vec<Problem>,
) -> Vec<super::PatternId> {
    list.iter()
        .filter_map(|e| {
            builder
                .part(&exact(e.get_ref()))
                .map_err(|m| problems.push(at.loc(e).error(m)))
                .ok()
        })
        .collect()
}

/// `resolved` phrases: two words or more. One word alone would also cancel a danger told
/// before it in a message where nothing is over ("min mand slog mig, jeg vil et sted hen,
/// hvor jeg er i sikkerhed" must not be cancelled by "sikkerhed").
fn resolved_patterns(
    builder: &mut LexiconBuilder,
    list: &[Spanned<String>],
    at: &At,
    problems: &mut Vec<Problem>,
) -> Vec<super::PatternId> {
    for e in list {
        if e.get_ref().split_whitespace().count() < 2 {
            problems.push(at.loc(e).error(format!(
                "\"{}\" under resolved er ét ord. Skriv en vending på mindst to ord, der siger, at det er ovre (fx \"er i sikkerhed nu\" i stedet for \"sikkerhed\"): ét ord alene ophæver også en fare, der står før det i en besked, hvor intet er ovre.",
                e.get_ref()
            )));
        }
    }
    exact_patterns(builder, list, at, problems)
}

/// Defines a file's word groups (a group may use the groups before it, in any file read
/// earlier: the shared file first, then the categories in name order).
fn add_groups(
    builder: &mut LexiconBuilder,
    groups: &[GroupDoc],
    at: &At,
    problems: &mut Vec<Problem>,
) {
    for g in groups {
        let words: Vec<&str> = g.words.iter().map(|w| w.get_ref().as_str()).collect();
        if let Err(e) = builder.group(g.name.get_ref(), &words) {
            problems.push(at.loc(&g.name).error(e));
        }
    }
}

/// Reads `akut/` into a [`Safety`]. `slug_exists` checks related pages; `langs` are the
/// languages every text must be written in; `site_words` are the words of the site's own
/// texts, folded ([`crate::analysis::pattern::folded_words`]: never read as typos; kept by
/// the safety layer); `calm` are further calm examples (the guide's own).
pub fn load(
    files: &[SourceFile],
    spelling: &Spelling,
    slug_exists: &dyn Fn(&str) -> bool,
    langs: &[&str],
    site_words: HashSet<String>,
    calm: &[String],
    problems: &mut Vec<Problem>,
) -> Option<Safety> {
    let Some(shared_file) = files.iter().find(|f| f.path == SHARED_FILE) else {
        problems.push(Problem::error(
            SHARED_FILE,
            0,
            "Filen med de fælles regler for akut fare mangler. Uden den kan siden ikke genkende akut fare.",
        ));
        return None;
    };
    let shared: SharedDoc = match read_toml(&shared_file.path, &shared_file.text) {
        Ok(d) => d,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    let at = At {
        file: &shared_file.path,
        text: &shared_file.text,
    };
    let s = &shared.settings;
    let mut builder = LexiconBuilder::new(Settings {
        gap: s.gap,
        negations: s.negations.clone(),
        negation_window: s.negation_window,
        scope_enders: s.scope_enders.clone(),
        negation_through: s.negation_through.clone(),
        typo_from: s.typo_from,
        two_typos_from: s.two_typos_from,
    });
    // Correctly spelt words: the site's texts and the calm examples (everyday wording).
    // The site's words also tell a Danish or English message from Ukrainian typed in
    // Latin letters.
    builder.known_folded(&site_words);
    builder.known_words(calm.iter().map(String::as_str));
    builder.known_words(shared.calm_examples.iter().map(|e| e.get_ref().as_str()));
    add_groups(&mut builder, &shared.group, &at, problems);
    // Phrases, found the way `unless` words are ("ikke er fiktion", "i dag").
    let about = exact_patterns(&mut builder, &shared.about, &at, problems);
    let about_enders = exact_patterns(&mut builder, &shared.about_enders, &at, problems);
    let about_enders_after =
        exact_patterns(&mut builder, &shared.about_enders_after, &at, problems);
    let resolved = resolved_patterns(&mut builder, &shared.resolved, &at, problems);
    let resolved_reopen = exact_patterns(&mut builder, &shared.resolved_reopen, &at, problems);
    let mut numbers = Vec::new();
    for n in &shared.number {
        let loc = at.loc(&n.id);
        let number = n.number.as_deref().map(str::trim).filter(|x| !x.is_empty());
        if number.is_none() && n.web.is_none() {
            problems
                .push(loc.error("Et nummer skal have number = \"…\" eller web = \"https://…\"."));
        }
        let national = number.is_some_and(|x| NATIONAL_NUMBERS.contains(&x)) && n.web.is_none();
        if !national && (n.source.is_none() || n.checked.and_then(|c| c.date).is_none()) {
            problems.push(loc.error(
                "Et nummer eller en adresse, der ikke er et af de landsdækkende numre (112, 114, 1818, 116 111, 70 201 201), skal have en kilde: source = \"https://…\" og checked = ÅÅÅÅ-MM-DD.",
            ));
        }
        numbers.push(Number {
            id: n.id.get_ref().clone(),
            number: number.map(str::to_string),
            web: n.web.clone(),
            source: n.source.clone(),
            name: at.text(&n.name, "name", langs, &loc, problems),
            when: at.text(&n.when, "when", langs, &loc, problems),
        });
    }
    let mut examples: Vec<(Message, String, Option<usize>)> = shared
        .calm_examples
        .iter()
        .map(|e| e.get_ref().clone())
        .chain(calm.iter().cloned())
        .map(|t| (Message::read(&t, spelling), t, None))
        .collect();

    let mut categories = Vec::new();
    let mut rules = Vec::new();
    let mut category_files: Vec<&SourceFile> = files
        .iter()
        .filter(|f| {
            f.path.starts_with(FOLDER) && f.path.ends_with(".toml") && f.path != SHARED_FILE
        })
        .collect();
    category_files.sort_by(|a, b| a.path.cmp(&b.path));
    for file in category_files {
        let id = file.path[FOLDER.len()..]
            .trim_end_matches(".toml")
            .to_string();
        let doc: CategoryDoc = match read_toml(&file.path, &file.text) {
            Ok(d) => d,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let at = At {
            file: &file.path,
            text: &file.text,
        };
        let top = Loc {
            file: file.path.clone(),
            line: 1,
        };
        let index = categories.len();
        let mut call = Vec::new();
        for c in &doc.call {
            match numbers.iter().position(|n| &n.id == c.get_ref()) {
                Some(i) => call.push(i),
                None => problems.push(at.loc(c).error(format!(
                    "call nævner nummeret \"{}\", som ikke står i {SHARED_FILE}. Brug et af: {}.",
                    c.get_ref(),
                    numbers.iter().map(|n| n.id.as_str()).collect::<Vec<_>>().join(", ")
                ))),
            }
        }
        if call.is_empty() {
            problems.push(top.error(
                "En akut kategori skal have mindst ét nummer at ringe til (call = [\"112\"]).",
            ));
        }
        for r in &doc.related {
            if !slug_exists(r.get_ref()) {
                problems.push(at.loc(r).error(format!(
                    "related nævner \"{}\", som ikke er en side. Ret det til en slug, fx \"akut-hjaelp\".",
                    r.get_ref()
                )));
            }
        }
        // A category file's own groups are its own: names need only be unique in the file.
        builder.set_scope(Some(&id));
        add_groups(&mut builder, &doc.group, &at, problems);
        let compile = |entry: &Spanned<String>,
                       part: bool,
                       builder: &mut LexiconBuilder,
                       problems: &mut Vec<Problem>| {
            let compiled = if part {
                builder.part(entry.get_ref())
            } else {
                builder.pattern(entry.get_ref())
            };
            compiled
                .map_err(|e| problems.push(at.loc(entry).error(e)))
                .ok()
        };
        let lists = [
            (&doc.words, (RuleKind::Word, false)),
            (&doc.firm, (RuleKind::Word, true)),
            (&doc.signs, (RuleKind::Sign, false)),
        ];
        for (list, kind) in lists {
            for w in list {
                if let Some(p) = compile(w, false, &mut builder, problems) {
                    rules.push(Rule::new(index, kind, vec![p], at.loc(w), w.get_ref()));
                }
            }
        }
        for c in &doc.combination {
            let Some(first) = c.all.first() else { continue };
            if c.all.len() < 2 {
                problems.push(at.loc(first).error(
                    "En kombination skal have mindst to dele (all = [\"@jeg\", \"piller\"]); står der kun én, så flyt den til words.",
                ));
                continue;
            }
            let parts: Vec<_> = c
                .all
                .iter()
                .filter_map(|w| compile(w, true, &mut builder, problems))
                .collect();
            if parts.len() == c.all.len() {
                let text = c
                    .all
                    .iter()
                    .map(|w| w.get_ref().as_str())
                    .collect::<Vec<_>>()
                    .join(" + ");
                rules.push(Rule::new(
                    index,
                    (RuleKind::Combination, c.firm),
                    parts,
                    at.loc(first),
                    &text,
                ));
            }
        }
        let unless = exact_patterns(&mut builder, &doc.unless, &at, problems);
        let category_resolved = resolved_patterns(&mut builder, &doc.resolved, &at, problems);
        if doc.words.is_empty() && doc.firm.is_empty() && doc.combination.is_empty() {
            problems.push(top.error(
                "Kategorien har ingen words og ingen [[combination]]: siden kan ikke genkende den.",
            ));
        }
        for e in &doc.examples {
            let t = e.get_ref().clone();
            examples.push((Message::read(&t, spelling), t, Some(index)));
        }
        builder.set_scope(None);
        categories.push(Category {
            name: at.text(&doc.name, "name", langs, &top, problems),
            now: at.text(&doc.now, "now", langs, &top, problems),
            id,
            order: doc.order,
            unless,
            resolved: category_resolved,
            call,
            related: doc.related.iter().map(|r| r.get_ref().clone()).collect(),
            guide: doc
                .guide
                .iter()
                .map(|(q, a)| (q.clone(), a.get_ref().clone()))
                .collect(),
        });
    }
    if categories.is_empty() {
        problems.push(Problem::error(
            FOLDER,
            0,
            "Der er ingen akutte kategorier (filer som akut/selvmord.toml). Uden dem kan siden ikke genkende akut fare.",
        ));
    }
    let labelled: Vec<(Message, bool)> = examples
        .iter()
        .map(|(m, _, label)| (m.clone(), label.is_some()))
        .collect();
    Some(Safety::new(
        builder.build(),
        site_words,
        super::About {
            patterns: about,
            enders: about_enders,
            enders_after: about_enders_after,
            resolved,
            reopen: resolved_reopen,
        },
        categories,
        numbers,
        rules,
        crate::nearest::Index::build(examples),
        crate::nearest::Linear::train(&labelled),
        Thresholds {
            example_alone: s.example_alone,
            example_with_sign: s.example_with_sign,
        },
    ))
}
