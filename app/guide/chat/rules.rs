//! The chat's file format (`[chat]` in `guide/*.toml`, usually `guide/chat.toml` and
//! `guide/eksempler.toml`) and its compilation into [`Chat`]: settings, defaults, age
//! patterns, word rules (in the shared pattern language of [`crate::analysis::pattern`])
//! and example messages. Also the checks of the rules against the flow.

use super::{AgePart, AgePattern, Chat, ChatDefault, ChatRule, SetTo, Term};
use crate::analysis::pattern::{LexiconBuilder, Settings};
use crate::analysis::{Message, Spelling};
use crate::guide::model::{Cx, Loc, OneOrMany, QuestionKind, WhenDoc};
use crate::guide::Guide;
use crate::problem::{line_of, Problem};
use crate::{analysis, nearest};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

type SetDoc = BTreeMap<String, Spanned<OneOrMany>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChatDoc {
    acute_outcome: Option<Spanned<String>>,
    negation: Option<Vec<String>>,
    negation_window: Option<usize>,
    phrase_gap: Option<usize>,
    fuzzy_min_length: Option<usize>,
    /// How like an example a message must be (0–1) to be routed by it.
    example_threshold: Option<f32>,
    never_ask: Option<Vec<Spanned<String>>>,
    numbers: Option<BTreeMap<String, u8>>,
    #[serde(default)]
    default: Vec<DefaultDoc>,
    #[serde(default)]
    age: Vec<AgeDoc>,
    #[serde(default)]
    rule: Vec<RuleDoc>,
    #[serde(default)]
    example: Vec<ExampleDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefaultDoc {
    question: Spanned<String>,
    answer: Spanned<OneOrMany>,
    when: Option<WhenDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgeDoc {
    pattern: Spanned<String>,
    set: Option<SetDoc>,
    add: Option<i32>,
    weight: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDoc {
    #[serde(default)]
    words: Vec<Spanned<String>>,
    #[serde(default)]
    also: Vec<Spanned<String>>,
    set: Option<SetDoc>,
    /// No longer allowed here: acute danger is the safety layer's (`akut/`).
    acute: Option<Spanned<bool>>,
    weight: Option<u32>,
    negatable: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleDoc {
    set: SetDoc,
    texts: Vec<Spanned<String>>,
}

/// A single word weighs this much, a phrase of several words more.
pub(crate) const WORD_WEIGHT: u32 = 2;
pub(crate) const PHRASE_WEIGHT: u32 = 3;

/// Reads every `[chat]` table. `spelling` and `known` are the shared chat spellings and
/// the site's correctly spelt words (typos are never forgiven in those).
pub(crate) fn compile(
    docs: Vec<(String, String, ChatDoc)>,
    spelling: &Spelling,
    known: &std::collections::HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Chat {
    let mut chat = Chat {
        example_threshold: 0.5,
        ..Chat::default()
    };
    let mut settings = Settings::default();
    let mut scalars: HashMap<&str, Loc> = HashMap::new();
    // First the settings (the matcher needs them before any word is compiled).
    for (file, text, doc) in &docs {
        chat.present = true;
        let cx = Cx {
            file,
            text,
            langs: &[],
        };
        let here = Loc {
            file: file.clone(),
            line: text.find("[chat]").map(|i| line_of(text, i)).unwrap_or(1),
        };
        let mut once = |key: &'static str, set: bool, problems: &mut Vec<Problem>| -> bool {
            if !set {
                return false;
            }
            if let Some(first) = scalars.get(key) {
                problems.push(here.error(format!(
                    "`{key}` står to steder (også i {}:{}). Behold kun det ene.",
                    first.file, first.line
                )));
                return false;
            }
            scalars.insert(key, here.clone());
            true
        };
        if let Some(a) = doc
            .acute_outcome
            .as_ref()
            .filter(|_| once("acute_outcome", true, problems))
        {
            chat.acute_outcome = Some(a.get_ref().clone());
            chat.acute_loc = cx.loc(a);
        }
        if let Some(n) = doc
            .negation
            .as_ref()
            .filter(|_| once("negation", true, problems))
        {
            settings.negations = n.clone();
        }
        if let Some(w) = doc
            .negation_window
            .filter(|_| once("negation_window", true, problems))
        {
            settings.negation_window = w;
        }
        if let Some(g) = doc
            .phrase_gap
            .filter(|_| once("phrase_gap", true, problems))
        {
            settings.gap = g;
        }
        if let Some(f) = doc
            .fuzzy_min_length
            .filter(|_| once("fuzzy_min_length", true, problems))
        {
            settings.typo_from = f;
        }
        if let Some(t) = doc
            .example_threshold
            .filter(|_| once("example_threshold", true, problems))
        {
            chat.example_threshold = t;
        }
        if let Some(n) = &doc.numbers {
            chat.numbers.extend(
                n.iter()
                    .map(|(k, v)| (analysis::loose(&k.to_lowercase()), *v)),
            );
        }
        if let Some(n) = &doc.never_ask {
            chat.never_ask
                .extend(n.iter().map(|x| (x.get_ref().clone(), cx.loc(x))));
        }
    }
    let mut builder = LexiconBuilder::new(settings);
    builder.known_folded(known);
    let mut examples = Vec::new();
    for (file, text, doc) in docs {
        let cx = Cx {
            file: &file,
            text: &text,
            langs: &[],
        };
        for d in doc.default {
            chat.defaults.push(ChatDefault {
                loc: cx.loc(&d.question),
                question: d.question.into_inner(),
                answer: d.answer.get_ref().values(),
                when: cx.when(d.when.as_ref()),
            });
        }
        for a in doc.age {
            let loc = cx.loc(&a.pattern);
            let mut parts = Vec::new();
            for w in a.pattern.get_ref().split_whitespace() {
                if w == "#" {
                    parts.push(AgePart::Number);
                } else {
                    for word in analysis::message_words(w.trim_end_matches('*')) {
                        let entry = if w.ends_with('*') {
                            format!("{word}*")
                        } else {
                            word
                        };
                        match builder.part(&entry) {
                            Ok(p) => parts.push(AgePart::Word(p)),
                            Err(e) => problems.push(loc.error(e)),
                        }
                    }
                }
            }
            if parts
                .iter()
                .filter(|p| matches!(p, AgePart::Number))
                .count()
                != 1
            {
                problems.push(loc.error(
                    "Et alders-mønster skal have præcis ét # der hvor tallet står, fx pattern = \"jeg er #\".",
                ));
            }
            chat.ages.push(AgePattern {
                parts,
                set: sets(&cx, a.set.as_ref()),
                add: a.add.unwrap_or(0),
                weight: a.weight.unwrap_or(PHRASE_WEIGHT),
            });
        }
        for r in doc.rule {
            let loc = r
                .words
                .first()
                .map(|w| cx.loc(w))
                .or_else(|| {
                    r.set
                        .as_ref()
                        .and_then(|s| s.values().next())
                        .map(|v| cx.loc(v))
                })
                .unwrap_or_else(|| Loc {
                    file: file.clone(),
                    line: 0,
                });
            if let Some(a) = &r.acute {
                problems.push(cx.loc(a).error(
                    "`acute` hører ikke længere til chat-reglerne. Ord for akut fare står i mappen akut/ (fx akut/selvmord.toml), hvor de vises med den rette førstehjælp. Flyt ordene derhen, og fjern acute-linjen.",
                ));
            }
            let mut compile =
                |entries: &[Spanned<String>], problems: &mut Vec<Problem>| -> Vec<Term> {
                    entries
                        .iter()
                        .filter_map(|w| match builder.pattern(w.get_ref()) {
                            Ok(pattern) => Some(Term {
                                pattern,
                                text: w.get_ref().clone(),
                                phrase: analysis::message_words(w.get_ref()).len() > 1,
                            }),
                            Err(e) => {
                                problems.push(cx.loc(w).error(e));
                                None
                            }
                        })
                        .collect()
                };
            let terms = compile(&r.words, problems);
            let also = compile(&r.also, problems);
            if terms.is_empty() {
                problems.push(loc.error("En chat-regel skal have mindst ét ord i words = [ … ]."));
            }
            if r.set.is_none() {
                problems.push(
                    loc.error("En chat-regel skal sætte et svar: set = { spørgsmål = \"svar\" }."),
                );
            }
            chat.rules.push(ChatRule {
                terms,
                also,
                set: sets(&cx, r.set.as_ref()),
                weight: r.weight,
                negatable: r.negatable.unwrap_or(false),
                loc,
            });
        }
        for e in doc.example {
            let set = sets(&cx, Some(&e.set));
            let group = chat.example_sets.len();
            chat.example_sets.push(set);
            for t in e.texts {
                let text = t.into_inner();
                examples.push((Message::read(&text, spelling), text, group));
            }
        }
    }
    chat.lexicon = builder.build();
    for (ri, r) in chat.rules.iter().enumerate() {
        for (ti, t) in r.terms.iter().chain(&r.also).enumerate() {
            chat.by_pattern.entry(t.pattern).or_default().push((ri, ti));
        }
    }
    chat.examples = nearest::Index::build(examples);
    chat
}

fn sets(cx: &Cx, set: Option<&SetDoc>) -> Vec<SetTo> {
    set.map(|s| {
        s.iter()
            .map(|(q, v)| SetTo {
                question: q.clone(),
                values: v.get_ref().values(),
                loc: cx.loc(v),
            })
            .collect()
    })
    .unwrap_or_default()
}

/// Checks the chat rules against the flow (ids exist, defaults fit their questions).
pub(crate) fn validate(g: &Guide, problems: &mut Vec<Problem>) {
    let chat = &g.chat;
    if !chat.present {
        return;
    }
    match &chat.acute_outcome {
        None => problems.push(Problem::error(
            "guide/chat.toml",
            1,
            "[chat] mangler acute_outcome = \"…\": det udfald, chatten viser først ved akut fare.",
        )),
        Some(a) => match g.outcome(a) {
            None => problems.push(chat.acute_loc.error(format!(
                "acute_outcome = \"{a}\" er ikke et udfald. Ret id'et til et [[outcome]] med acute = true."
            ))),
            Some(o) if !o.acute => problems.push(chat.acute_loc.error(format!(
                "Udfaldet `{a}` skal have acute = true for at bruges som acute_outcome."
            ))),
            _ => {}
        },
    }
    let all_sets = chat
        .rules
        .iter()
        .flat_map(|r| r.set.iter())
        .chain(chat.ages.iter().flat_map(|a| a.set.iter()))
        .chain(chat.example_sets.iter().flatten());
    for s in all_sets {
        check_set(g, &s.question, &s.values, &s.loc, problems);
    }
    for d in &chat.defaults {
        match g.question(&d.question) {
            None => problems.push(d.loc.error(format!(
                "[[chat.default]] nævner spørgsmålet `{}`, som ikke findes. Ret id'et.",
                d.question
            ))),
            Some(q) => {
                if crate::guide::flow::check(q, &d.answer).is_err() {
                    problems.push(d.loc.error(format!(
                        "Standardsvaret \"{}\" passer ikke til spørgsmålet `{}`. Brug et af dets svar-id'er (eller et tal for alder).",
                        d.answer.join(", "),
                        q.id
                    )));
                }
            }
        }
        for c in &d.when {
            crate::guide::validate::cond(g, c, problems);
        }
    }
    for (q, loc) in &chat.never_ask {
        if g.question(q).is_none() {
            problems.push(loc.error(format!(
                "never_ask nævner spørgsmålet `{q}`, som ikke findes."
            )));
        }
    }
    for q in &g.questions {
        if q.id != g.settings.topic_question && !chat.defaults.iter().any(|d| d.question == q.id) {
            problems.push(q.loc.warning(format!(
                "Spørgsmålet `{}` har intet [[chat.default]]; chatten bruger det første svar, når beskeden ikke siger noget.",
                q.id
            )));
        }
    }
}

/// Whether `question = values` names a question and its options; the problem says which.
pub(crate) fn check_set(
    g: &Guide,
    question: &str,
    values: &[String],
    loc: &Loc,
    problems: &mut Vec<Problem>,
) {
    match g.question(question) {
        None => problems.push(loc.error(format!(
            "set nævner spørgsmålet `{question}`, som ikke findes. Ret id'et."
        ))),
        Some(q) if q.kind == QuestionKind::Age => problems.push(loc.error(format!(
            "Alderen (`{}`) kan ikke sættes med set; den findes med [[chat.age]]-mønstre.",
            q.id
        ))),
        Some(q) => {
            for v in values {
                if q.option(v).is_none() {
                    problems.push(loc.error(format!(
                        "Spørgsmålet `{}` har ikke svaret \"{v}\". Mulige svar: {}.",
                        q.id,
                        q.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ")
                    )));
                }
            }
        }
    }
}
