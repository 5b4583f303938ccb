//! The guide's data: what the content files under `guide/` say (the `*Doc` types, read
//! with serde and `toml::Spanned` so every value knows its line), and the compiled
//! model the engine works on (questions, rules, outcomes, settings).

use super::chat::rules::{self as chat_rules, ChatDoc};
use super::chat::Chat;
use crate::analysis::Spelling;
pub use crate::i18n::Text;
pub(crate) use crate::problem::Loc;
use crate::problem::{line_of, read_toml, Problem};
use crate::source::SourceFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// Exactly one option.
    Single,
    /// One or more options; options marked `exclusive` ("none of these", "not sure") stand alone.
    Multiple,
    /// A whole number (age in years) between the question's `min` and `max` (default 0–30).
    Age,
}

#[derive(Debug, Clone)]
pub struct QuestionOption {
    pub id: String,
    pub text: Text,
    /// "None of these" / "I'm not sure": may not be chosen together with other options.
    pub exclusive: bool,
    pub(crate) loc: Loc,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub text: Text,
    pub help: Option<Text>,
    pub options: Vec<QuestionOption>,
    pub min_age: u8,
    pub max_age: u8,
    pub(crate) rules: Vec<Rule>,
    pub(crate) loc: Loc,
}

impl Question {
    pub fn option(&self, id: &str) -> Option<&QuestionOption> {
        self.options.iter().find(|o| o.id == id)
    }
}

/// `when` part: the answer to `question` must be one of `values` (option ids, or age ranges
/// such as `"0-5"`, `"18-"`, `"-12"`, `"15"` for an age question). Several conditions must all hold.
#[derive(Debug, Clone)]
pub(crate) struct Cond {
    pub question: String,
    pub values: Vec<String>,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Question(String),
    Outcome(String),
    /// Neither `next` nor `outcome` (or both): reported by validation.
    Invalid,
}

#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub when: Vec<Cond>,
    pub target: Target,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: String,
    pub acute: bool,
    /// Slug of the entry point ("indgang") this outcome sends people to.
    pub entry: String,
    /// Other slugs (services, courses, partners, pages), best first.
    pub related: Vec<String>,
    pub next_steps: Text,
    pub reason: Text,
    pub(crate) loc: Loc,
    pub(crate) slug_locs: Vec<(String, Loc)>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Anonymous {
    pub audiences: Vec<String>,
    pub slugs: Vec<String>,
    pub reason: Text,
    pub locs: Vec<(String, Loc)>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    pub start: String,
    pub audience_question: String,
    pub topic_question: String,
    pub entry_points: Vec<String>,
    pub age_answer: Text,
    pub related_reason: Text,
    pub anonymous: Anonymous,
    pub loc: Loc,
    pub entry_locs: Vec<(String, Loc)>,
}

/// Everything read from the guide files, before validation.
#[derive(Debug, Default)]
pub(crate) struct Model {
    pub settings: Settings,
    pub questions: Vec<Question>,
    pub outcomes: Vec<Outcome>,
    pub chat: Chat,
}

// ---------------------------------------------------------------------------------------
// File format (serde)

pub(crate) use crate::i18n::TextDoc;

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    Num(i64),
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn values(&self) -> Vec<String> {
        match self {
            OneOrMany::Num(n) => vec![n.to_string()],
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

pub(crate) type WhenDoc = BTreeMap<String, Spanned<OneOrMany>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    settings: Option<SettingsDoc>,
    #[serde(default)]
    question: Vec<QuestionDoc>,
    #[serde(default)]
    outcome: Vec<OutcomeDoc>,
    chat: Option<ChatDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsDoc {
    start: Spanned<String>,
    audience_question: Spanned<String>,
    topic_question: Spanned<String>,
    #[serde(default)]
    entry_points: Vec<Spanned<String>>,
    #[serde(default)]
    age_answer: TextDoc,
    #[serde(default)]
    related_reason: TextDoc,
    anonymous: Option<AnonymousDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnonymousDoc {
    #[serde(default)]
    audiences: Vec<Spanned<String>>,
    #[serde(default)]
    slugs: Vec<Spanned<String>>,
    #[serde(default)]
    reason: TextDoc,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionDoc {
    id: Spanned<String>,
    #[serde(rename = "type")]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    text: TextDoc,
    help: Option<TextDoc>,
    min: Option<u8>,
    max: Option<u8>,
    #[serde(default)]
    option: Vec<OptionDoc>,
    #[serde(default)]
    rule: Vec<RuleDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionDoc {
    id: Spanned<String>,
    #[serde(default)]
    text: TextDoc,
    #[serde(default)]
    exclusive: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDoc {
    when: Option<WhenDoc>,
    next: Option<Spanned<String>>,
    outcome: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeDoc {
    id: Spanned<String>,
    entry: Spanned<String>,
    #[serde(default)]
    acute: bool,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    #[serde(default)]
    next_steps: TextDoc,
    #[serde(default)]
    reason: TextDoc,
}

// ---------------------------------------------------------------------------------------
// Reading

/// Reads the files and compiles them. Texts are checked against `langs` here (the
/// place where their lines are known); the rest of validation is in `validate`.
pub(crate) fn read(
    files: &[SourceFile],
    langs: &[&str],
    spelling: &Spelling,
    known: &std::collections::HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Model {
    let mut model = Model::default();
    let mut settings_seen: Option<Loc> = None;
    let mut chat_docs = Vec::new();
    let guide_files: Vec<&SourceFile> = files
        .iter()
        .filter(|f| f.path.starts_with("guide/") && f.path.ends_with(".toml"))
        .collect();
    if guide_files.is_empty() {
        problems.push(Problem::error(
            "guide/",
            0,
            "Der er ingen guide-filer. Læg spørgsmål, regler og udfald i filer som guide/flow.toml.",
        ));
        return model;
    }
    for file in guide_files {
        let cx = Cx {
            file: &file.path,
            text: &file.text,
            langs,
        };
        let doc: FileDoc = match read_toml(&file.path, &file.text) {
            Ok(doc) => doc,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if let Some(s) = doc.settings {
            let loc = cx.loc(&s.start);
            if let Some(first) = &settings_seen {
                problems.push(loc.error(format!(
                    "[settings] står to steder (også i {}:{}). Behold kun det ene.",
                    first.file, first.line
                )));
            } else {
                settings_seen = Some(loc.clone());
                model.settings = cx.settings(s, loc, problems);
            }
        }
        for q in doc.question {
            model.questions.push(cx.question(q, problems));
        }
        for o in doc.outcome {
            model.outcomes.push(cx.outcome(o, problems));
        }
        if let Some(chat) = doc.chat {
            chat_docs.push((file.path.clone(), file.text.clone(), chat));
        }
    }
    if settings_seen.is_none() {
        problems.push(Problem::error(
            "guide/flow.toml",
            0,
            "Der mangler en [settings]-sektion med start, audience_question og topic_question.",
        ));
    }
    model.chat = chat_rules::compile(chat_docs, spelling, known, problems);
    model
}

pub(crate) struct Cx<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub langs: &'a [&'a str],
}

impl Cx<'_> {
    pub fn loc<T>(&self, s: &Spanned<T>) -> Loc {
        Loc {
            file: self.file.to_string(),
            line: line_of(self.text, s.span().start),
        }
    }

    /// A text in every language (see [`Text::read`]).
    pub fn text(&self, doc: &TextDoc, key: &str, owner: &Loc, problems: &mut Vec<Problem>) -> Text {
        Text::read(doc, key, self.langs, owner, self.text, problems)
    }

    fn settings(&self, s: SettingsDoc, loc: Loc, problems: &mut Vec<Problem>) -> Settings {
        let mut anonymous = Anonymous::default();
        if let Some(a) = s.anonymous {
            anonymous.audiences = a.audiences.iter().map(|x| x.get_ref().clone()).collect();
            anonymous.locs = a
                .slugs
                .iter()
                .map(|x| (x.get_ref().clone(), self.loc(x)))
                .collect();
            anonymous.slugs = a.slugs.into_iter().map(|x| x.into_inner()).collect();
            anonymous.reason = self.text(&a.reason, "anonymous.reason", &loc, problems);
        }
        Settings {
            start: s.start.get_ref().clone(),
            audience_question: s.audience_question.get_ref().clone(),
            topic_question: s.topic_question.get_ref().clone(),
            entry_locs: s
                .entry_points
                .iter()
                .map(|x| (x.get_ref().clone(), self.loc(x)))
                .collect(),
            entry_points: s.entry_points.into_iter().map(|x| x.into_inner()).collect(),
            age_answer: self.text(&s.age_answer, "age_answer", &loc, problems),
            related_reason: self.text(&s.related_reason, "related_reason", &loc, problems),
            anonymous,
            loc,
        }
    }

    fn question(&self, q: QuestionDoc, problems: &mut Vec<Problem>) -> Question {
        let loc = self.loc(&q.id);
        let id = q.id.into_inner();
        let kind = match q.kind.as_ref().map(|k| k.get_ref().as_str()) {
            Some("single") => QuestionKind::Single,
            Some("multiple") => QuestionKind::Multiple,
            Some("age") => QuestionKind::Age,
            other => {
                let at = q
                    .kind
                    .as_ref()
                    .map(|k| self.loc(k))
                    .unwrap_or_else(|| loc.clone());
                problems.push(at.error(format!(
                    "Spørgsmålet `{id}` har {}. Skriv type = \"single\" (ét svar), \"multiple\" (flere svar) eller \"age\" (alder).",
                    match other {
                        Some(t) => format!("en ukendt type \"{t}\""),
                        None => "ingen type".to_string(),
                    }
                )));
                QuestionKind::Single
            }
        };
        let text = self.text(&q.text, "text", &loc, problems);
        let help = q
            .help
            .as_ref()
            .map(|h| self.text(h, "help", &loc, problems));
        let options = q
            .option
            .into_iter()
            .map(|o| {
                let oloc = self.loc(&o.id);
                QuestionOption {
                    text: self.text(&o.text, "text", &oloc, problems),
                    id: o.id.into_inner(),
                    exclusive: o.exclusive,
                    loc: oloc,
                }
            })
            .collect();
        let rules = q
            .rule
            .into_iter()
            .map(|r| {
                let rloc = r
                    .next
                    .as_ref()
                    .or(r.outcome.as_ref())
                    .map(|s| self.loc(s))
                    .or_else(|| {
                        r.when
                            .as_ref()
                            .and_then(|w| w.values().next())
                            .map(|v| self.loc(v))
                    })
                    .unwrap_or_else(|| loc.clone());
                let target = match (&r.next, &r.outcome) {
                    (Some(n), None) => Target::Question(n.get_ref().clone()),
                    (None, Some(o)) => Target::Outcome(o.get_ref().clone()),
                    _ => Target::Invalid,
                };
                Rule {
                    when: self.when(r.when.as_ref()),
                    target,
                    loc: rloc,
                }
            })
            .collect();
        Question {
            id,
            kind,
            text,
            help,
            options,
            min_age: q.min.unwrap_or(0),
            max_age: q.max.unwrap_or(30),
            rules,
            loc,
        }
    }

    pub fn when(&self, when: Option<&WhenDoc>) -> Vec<Cond> {
        when.map(|w| {
            w.iter()
                .map(|(q, v)| Cond {
                    question: q.clone(),
                    values: v.get_ref().values(),
                    loc: self.loc(v),
                })
                .collect()
        })
        .unwrap_or_default()
    }

    fn outcome(&self, o: OutcomeDoc, problems: &mut Vec<Problem>) -> Outcome {
        let loc = self.loc(&o.id);
        let mut slug_locs = vec![(o.entry.get_ref().clone(), self.loc(&o.entry))];
        slug_locs.extend(o.related.iter().map(|r| (r.get_ref().clone(), self.loc(r))));
        Outcome {
            id: o.id.get_ref().clone(),
            acute: o.acute,
            entry: o.entry.into_inner(),
            related: o.related.into_iter().map(|r| r.into_inner()).collect(),
            next_steps: self.text(&o.next_steps, "next_steps", &loc, problems),
            reason: self.text(&o.reason, "reason", &loc, problems),
            loc,
            slug_locs,
        }
    }
}

/// Parses an age range from a `when` value: `"13-17"`, `"18-"`, `"-5"` or `"15"`.
pub(crate) fn age_range(value: &str) -> Option<(u8, u8)> {
    let v = value.trim();
    if let Some((lo, hi)) = v.split_once('-') {
        let lo = if lo.trim().is_empty() {
            0
        } else {
            lo.trim().parse().ok()?
        };
        let hi = if hi.trim().is_empty() {
            u8::MAX
        } else {
            hi.trim().parse().ok()?
        };
        (lo <= hi).then_some((lo, hi))
    } else {
        let n = v.parse().ok()?;
        Some((n, n))
    }
}
