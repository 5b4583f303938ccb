//! The chat interpreter: reads a free-text message (Danish or English) with the word rules in
//! `guide/chat.toml`, works out topic, who is writing, age and acute danger, and then runs
//! the same flow as the questions, filling in what the message did not say with the chat's
//! defaults.
//!
//! Matching uses the same text analysis as search (`crate::analysis`): words are compared
//! as written, as Danish stems (so inflections match) and in ASCII spelling (`boern` =
//! `børn`); words of at least `fuzzy_min_length` letters also match with one typo
//! (`selvmort`, `hedspace`). A trailing `*` matches the start of a word (`hash*`), a leading
//! `=` means exactly that word (no stems, no typos: `=klage` does not match `klare`). Several words in one entry form a phrase;
//! up to `phrase_gap` other words may stand between its words (but never a negation).
//! Rules marked `acute` (and rules with `negatable = true`) do not count when a negation
//! word (`ikke`, `not`, …) stands within `negation_window` words before the match, so
//! "jeg tænker ikke på selvmord" is not acute, while the phrase "ikke leve mere" is.

use super::flow::{make_view, push_rec, End, OutcomeView, QuestionView, Recommendation};
use super::model::{Cond, Cx, Loc, OneOrMany, Question, QuestionKind, WhenDoc};
use super::{Answers, Guide};
use crate::analysis;
use crate::problem::{line_of, Problem};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use toml::Spanned;

// ---------------------------------------------------------------------------------------
// File format

type SetDoc = BTreeMap<String, Spanned<OneOrMany>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChatDoc {
    acute_outcome: Option<Spanned<String>>,
    negation: Option<Vec<String>>,
    negation_window: Option<usize>,
    phrase_gap: Option<usize>,
    fuzzy_min_length: Option<usize>,
    never_ask: Option<Vec<Spanned<String>>>,
    numbers: Option<BTreeMap<String, u8>>,
    #[serde(default)]
    default: Vec<DefaultDoc>,
    #[serde(default)]
    age: Vec<AgeDoc>,
    #[serde(default)]
    rule: Vec<RuleDoc>,
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
    #[serde(default)]
    acute: bool,
    weight: Option<u32>,
    negatable: Option<bool>,
}

// ---------------------------------------------------------------------------------------
// Compiled rules

#[derive(Debug, Clone)]
struct WordPat {
    folded: String,
    stem: String,
    prefix: bool,
    fuzzy: bool,
    /// `=word`: the word exactly as written (no stems, no typos).
    exact: bool,
}

#[derive(Debug, Clone)]
struct Term {
    words: Vec<WordPat>,
    /// As written in the file (for [`Guide::explain`]).
    text: String,
}

#[derive(Debug, Clone)]
pub(crate) struct SetTo {
    pub question: String,
    pub values: Vec<String>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
enum Part {
    Number,
    Word(WordPat),
}

#[derive(Debug, Clone)]
struct AgePattern {
    parts: Vec<Part>,
    set: Vec<SetTo>,
    add: i32,
    weight: u32,
}

#[derive(Debug, Clone)]
struct ChatRule {
    terms: Vec<Term>,
    also: Vec<Term>,
    set: Vec<SetTo>,
    acute: bool,
    weight: Option<u32>,
    negatable: bool,
    loc: Loc,
}

#[derive(Debug, Clone)]
pub(crate) struct ChatDefault {
    pub question: String,
    pub answer: Vec<String>,
    pub when: Vec<Cond>,
    pub loc: Loc,
}

#[derive(Debug, Default)]
pub(crate) struct Chat {
    pub acute_outcome: Option<String>,
    acute_loc: Loc,
    negation: HashSet<String>,
    negation_window: usize,
    phrase_gap: usize,
    fuzzy_min: usize,
    never_ask: Vec<(String, Loc)>,
    numbers: HashMap<String, u8>,
    pub defaults: Vec<ChatDefault>,
    ages: Vec<AgePattern>,
    rules: Vec<ChatRule>,
    present: bool,
}

/// Only this much of a message is read.
pub const MAX_CHARS: usize = 2000;
const WORD_WEIGHT: u32 = 2;
const PHRASE_WEIGHT: u32 = 3;

impl Chat {
    pub(crate) fn compile(
        docs: Vec<(String, String, ChatDoc)>,
        problems: &mut Vec<Problem>,
    ) -> Chat {
        let mut chat = Chat {
            negation_window: 3,
            phrase_gap: 1,
            fuzzy_min: 5,
            ..Chat::default()
        };
        let mut negation: Option<Vec<String>> = None;
        let mut scalars: HashMap<&str, Loc> = HashMap::new();
        // First the settings (the typo threshold is needed to compile the words).
        for (file, text, doc) in &docs {
            chat.present = true;
            let cx = Cx {
                file,
                text,
                langs: &[],
            };
            let here = Loc {
                file: file.clone(),
                line: first_line(text, "[chat]"),
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
            if once("acute_outcome", doc.acute_outcome.is_some(), problems) {
                let a = doc.acute_outcome.as_ref().expect("checked");
                chat.acute_outcome = Some(a.get_ref().clone());
                chat.acute_loc = cx.loc(a);
            }
            if once("negation", doc.negation.is_some(), problems) {
                negation = doc.negation.clone();
            }
            if once("negation_window", doc.negation_window.is_some(), problems) {
                chat.negation_window = doc.negation_window.unwrap_or(3);
            }
            if once("phrase_gap", doc.phrase_gap.is_some(), problems) {
                chat.phrase_gap = doc.phrase_gap.unwrap_or(1);
            }
            if once("fuzzy_min_length", doc.fuzzy_min_length.is_some(), problems) {
                chat.fuzzy_min = doc.fuzzy_min_length.unwrap_or(5);
            }
            if let Some(n) = &doc.numbers {
                chat.numbers.extend(
                    n.iter()
                        .map(|(k, v)| (analysis::fold(&k.to_lowercase()), *v)),
                );
            }
            if let Some(n) = &doc.never_ask {
                chat.never_ask
                    .extend(n.iter().map(|x| (x.get_ref().clone(), cx.loc(x))));
            }
        }
        let negation = negation.unwrap_or_else(|| {
            ["ikke", "aldrig", "ingen", "intet", "not", "never", "no"]
                .iter()
                .map(|s| s.to_string())
                .collect()
        });
        chat.negation = negation
            .iter()
            .map(|w| analysis::fold(&w.to_lowercase()))
            .collect();
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
                        parts.push(Part::Number);
                    } else {
                        parts.extend(chat.term(w).words.into_iter().map(Part::Word));
                    }
                }
                if parts.iter().filter(|p| matches!(p, Part::Number)).count() != 1 {
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
                let terms: Vec<Term> = r
                    .words
                    .iter()
                    .map(|w| chat.term(w.get_ref()))
                    .filter(|t| !t.words.is_empty())
                    .collect();
                if terms.is_empty() {
                    problems
                        .push(loc.error("En chat-regel skal have mindst ét ord i words = [ … ]."));
                }
                if r.set.is_none() && !r.acute {
                    problems.push(loc.error(
                        "En chat-regel skal enten sætte et svar (set = { spørgsmål = \"svar\" }) eller have acute = true.",
                    ));
                }
                chat.rules.push(ChatRule {
                    terms,
                    also: r
                        .also
                        .iter()
                        .map(|w| chat.term(w.get_ref()))
                        .filter(|t| !t.words.is_empty())
                        .collect(),
                    set: sets(&cx, r.set.as_ref()),
                    acute: r.acute,
                    weight: r.weight,
                    negatable: r.negatable.unwrap_or(r.acute),
                    loc,
                });
            }
        }
        chat
    }

    fn term(&self, entry: &str) -> Term {
        let mut words = Vec::new();
        for part in entry.split_whitespace() {
            let exact = part.starts_with('=');
            let prefix = part.ends_with('*');
            let core = part.trim_start_matches('=').trim_end_matches('*');
            let toks = analysis::words(core);
            let n = toks.len();
            for (i, w) in toks.into_iter().enumerate() {
                let folded = analysis::fold(&w);
                words.push(WordPat {
                    stem: analysis::fold(&analysis::stem(&w)),
                    fuzzy: !exact && folded.chars().count() >= self.fuzzy_min,
                    prefix: prefix && i + 1 == n,
                    exact,
                    folded,
                });
            }
        }
        Term {
            words,
            text: entry.to_string(),
        }
    }

    fn word_matches(&self, p: &WordPat, t: &Token) -> bool {
        if p.exact {
            return if p.prefix {
                t.folded.starts_with(&p.folded)
            } else {
                t.folded == p.folded
            };
        }
        // A prefix (`hash*`) matches the start of a word; with a typo only the word itself
        // ("selvmort" for "selvmord*"), as typos in longer compounds catch too much.
        (p.prefix && t.folded.starts_with(&p.folded))
            || t.folded == p.folded
            || t.stem == p.stem
            || (p.fuzzy
                && t.folded.chars().count() >= self.fuzzy_min
                && within_one(&t.folded, &p.folded))
    }

    /// Words from `dictionary` that a rule word matches only because of typo tolerance:
    /// a tool for checking the rules against a word list (see the ignored test).
    #[cfg(test)]
    pub(crate) fn fuzzy_audit(&self, dictionary: &[String]) -> Vec<String> {
        let toks = tokens(&dictionary.join("\n"));
        let mut out = Vec::new();
        for r in &self.rules {
            for term in r.terms.iter().chain(&r.also) {
                for p in term.words.iter().filter(|p| p.fuzzy) {
                    let strict = WordPat {
                        fuzzy: false,
                        ..p.clone()
                    };
                    for t in &toks {
                        if self.word_matches(p, t) && !self.word_matches(&strict, t) {
                            out.push(format!(
                                "{}:{} {:?}: {} ~ {}",
                                r.loc.file, r.loc.line, term.text, p.folded, t.folded
                            ));
                        }
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn is_negation(&self, t: &Token) -> bool {
        self.negation.contains(&t.folded)
    }

    /// Whether `term` occurs in `tokens` (not negated, when `negatable`).
    fn find(&self, term: &Term, tokens: &[Token], negatable: bool) -> bool {
        (0..tokens.len()).any(|start| {
            self.match_at(term, tokens, start)
                && !(negatable
                    && tokens[start.saturating_sub(self.negation_window)..start]
                        .iter()
                        .any(|t| t.clause == tokens[start].clause && self.is_negation(t)))
        })
    }

    fn match_at(&self, term: &Term, tokens: &[Token], start: usize) -> bool {
        let Some(first) = term.words.first() else {
            return false;
        };
        if !self.word_matches(first, &tokens[start]) {
            return false;
        }
        let mut pos = start;
        for w in &term.words[1..] {
            let mut found = None;
            let window = tokens
                .iter()
                .enumerate()
                .skip(pos + 1)
                .take(self.phrase_gap + 1);
            for (j, t) in window {
                if self.word_matches(w, t) {
                    found = Some(j);
                    break;
                }
                if self.is_negation(t) {
                    break; // a skipped word may not be a negation ("vil ikke dø" is not "vil dø")
                }
            }
            match found {
                Some(j) => pos = j,
                None => return false,
            }
        }
        true
    }

    /// The first age pattern (in file order) that matches, at its earliest place.
    fn age(&self, tokens: &[Token], min: u8, max: u8) -> Option<(u8, &AgePattern)> {
        for p in &self.ages {
            for start in 0..tokens.len() {
                if start + p.parts.len() > tokens.len() {
                    break;
                }
                let mut number = None;
                let ok = p
                    .parts
                    .iter()
                    .zip(&tokens[start..])
                    .all(|(part, t)| match part {
                        Part::Number => match self.number(t) {
                            Some(n) => {
                                number = Some(n);
                                true
                            }
                            None => false,
                        },
                        Part::Word(w) => self.word_matches(w, t),
                    });
                if let (true, Some(n)) = (ok, number) {
                    let age = n as i64 + p.add as i64;
                    if age >= min as i64 && age <= max as i64 {
                        return Some((age as u8, p));
                    }
                }
            }
        }
        None
    }

    fn number(&self, t: &Token) -> Option<u32> {
        if !t.folded.is_empty()
            && t.folded.len() <= 3
            && t.folded.chars().all(|c| c.is_ascii_digit())
        {
            return t.folded.parse().ok();
        }
        self.numbers.get(&t.folded).map(|&n| n as u32)
    }
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

fn first_line(text: &str, needle: &str) -> usize {
    text.find(needle).map(|i| line_of(text, i)).unwrap_or(1)
}

/// Edit distance at most 1 (one letter added, removed or changed).
fn within_one(a: &str, b: &str) -> bool {
    if a.len().abs_diff(b.len()) > 4 {
        return false; // more than one letter apart, even counting æ/ø/å as two bytes
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

#[derive(Debug, Clone)]
struct Token {
    folded: String,
    stem: String,
    /// Index of the clause (split at , . ! ? ; : and line breaks), so a negation in one
    /// clause does not cancel a danger sign in the next ("I'm not sure, but he hits me").
    clause: usize,
}

fn tokens(text: &str) -> Vec<Token> {
    let mut clauses = Vec::new();
    let mut clause_start = 0;
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        // "8. klasse": a full stop right after a digit does not end a clause.
        let boundary =
            matches!(c, ',' | '!' | '?' | ';' | ':' | '\n') || (c == '.' && !prev.is_ascii_digit());
        if boundary {
            clauses.push(&text[clause_start..i]);
            clause_start = i + c.len_utf8();
        }
        prev = c;
    }
    clauses.push(&text[clause_start..]);
    let mut out = Vec::new();
    for (clause, part) in clauses.into_iter().enumerate() {
        for w in analysis::words(part) {
            out.push(Token {
                stem: analysis::fold(&analysis::stem(&w)),
                folded: analysis::fold(&w),
                clause,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The reply

/// What the interpreter made of a message.
///
/// - `understood`: a topic (or acute danger) was recognised. If not, `outcome` is `None` and
///   `question` is the first question of the flow still to answer (usually "who are you?").
/// - `outcome`: the best guess, with what the message did not say filled in by the chat's
///   defaults (listed in `assumed`). Acute messages get the acute outcome, with the topic's
///   entry point right after the acute help.
/// - `question`: when one unsaid thing would change the entry point (e.g. who is writing),
///   that question, to ask next. Continue in the flow by adding its answer to `answers` and
///   calling [`Guide::step`].
#[derive(Debug, Clone, Serialize)]
pub struct ChatReply {
    pub acute: bool,
    pub topic: Option<String>,
    pub audience: Option<String>,
    pub age: Option<u8>,
    pub outcome: Option<OutcomeView>,
    pub question: Option<QuestionView>,
    pub understood: bool,
    /// Answers for the flow: what the message said, plus the assumed answers before
    /// `question` (or on the whole path when there is no question).
    pub answers: Answers,
    /// Question ids in `answers` that were assumed, not said.
    pub assumed: Vec<String>,
}

impl ChatReply {}

impl Guide {
    /// Which chat rules a message triggers, as `file:line: words → set` lines: for staff who
    /// want to see why the chat answered as it did (and for tests).
    pub fn explain(&self, text: &str) -> Vec<String> {
        let chat = &self.chat;
        let toks = tokens(text);
        let mut out = Vec::new();
        for rule in &chat.rules {
            let hits: Vec<&str> = rule
                .terms
                .iter()
                .filter(|t| chat.find(t, &toks, rule.negatable))
                .map(|t| t.text.as_str())
                .collect();
            if hits.is_empty() {
                continue;
            }
            let also_ok = rule.also.is_empty()
                || rule
                    .also
                    .iter()
                    .any(|t| chat.find(t, &toks, rule.negatable));
            let set: Vec<String> = rule
                .set
                .iter()
                .map(|s| format!("{} = {}", s.question, s.values.join("/")))
                .collect();
            out.push(format!(
                "{}:{}: {:?}{}{} → {}",
                rule.loc.file,
                rule.loc.line,
                hits,
                if rule.acute { " (akut)" } else { "" },
                if also_ok {
                    ""
                } else {
                    " (mangler et `also`-ord)"
                },
                set.join(", ")
            ));
        }
        if let Some((age, _)) = chat.age(&toks, 0, 30) {
            out.push(format!("alder: {age}"));
        }
        out
    }

    /// Interprets a free-text message. `lang` is the reader's language; the rules cover
    /// Danish and English whatever it is (people mix them), so it only matters for texts.
    pub fn interpret(&self, text: &str, _lang: &str) -> ChatReply {
        let chat = &self.chat;
        // A chat message is short; a very long text is cut so it cannot slow the server down.
        let text = match text.char_indices().nth(MAX_CHARS) {
            Some((i, _)) => &text[..i],
            None => text,
        };
        let toks = tokens(text);
        let mut scores: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
        let mut acute = false;
        for rule in &chat.rules {
            let mut score = 0;
            for t in &rule.terms {
                if chat.find(t, &toks, rule.negatable) {
                    let w = if t.words.len() > 1 {
                        PHRASE_WEIGHT
                    } else {
                        WORD_WEIGHT
                    };
                    score += rule.weight.unwrap_or(w);
                }
            }
            if score == 0
                || (!rule.also.is_empty()
                    && !rule
                        .also
                        .iter()
                        .any(|t| chat.find(t, &toks, rule.negatable)))
            {
                continue;
            }
            acute |= rule.acute;
            for s in &rule.set {
                for v in &s.values {
                    *scores.entry(&s.question).or_default().entry(v).or_default() += score;
                }
            }
        }
        let age_qs: Vec<&Question> = self
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::Age)
            .collect();
        let (min, max) = age_qs
            .first()
            .map(|q| (q.min_age, q.max_age))
            .unwrap_or((0, 30));
        let age = chat.age(&toks, min, max);
        if let Some((_, p)) = age {
            for s in &p.set {
                for v in &s.values {
                    *scores.entry(&s.question).or_default().entry(v).or_default() += p.weight;
                }
            }
        }
        let mut inferred = Answers::new();
        for (qid, opts) in &scores {
            let Some(q) = self.question(qid) else {
                continue;
            };
            let ranked: Vec<(&str, u32, bool)> = q
                .options
                .iter()
                .filter_map(|o| {
                    opts.get(o.id.as_str())
                        .map(|&s| (o.id.as_str(), s, o.exclusive))
                })
                .collect();
            let chosen: Vec<String> = match q.kind {
                QuestionKind::Age => continue,
                QuestionKind::Single => {
                    let best = ranked.iter().map(|r| r.1).max().unwrap_or(0);
                    ranked
                        .iter()
                        .find(|r| r.1 == best)
                        .map(|r| vec![r.0.to_string()])
                        .unwrap_or_default()
                }
                QuestionKind::Multiple => {
                    let plain: Vec<String> = ranked
                        .iter()
                        .filter(|r| !r.2)
                        .map(|r| r.0.to_string())
                        .collect();
                    if plain.is_empty() {
                        ranked
                            .first()
                            .map(|r| vec![r.0.to_string()])
                            .unwrap_or_default()
                    } else {
                        plain
                    }
                }
            };
            if !chosen.is_empty() {
                inferred.insert(q.id.clone(), chosen);
            }
        }
        if let Some((a, _)) = age {
            for q in &age_qs {
                inferred.insert(q.id.clone(), vec![a.to_string()]);
            }
        }
        let first = |a: &Answers, q: &str| a.get(q).and_then(|v| v.first()).cloned();
        let topic = first(&inferred, &self.settings.topic_question);
        let audience = first(&inferred, &self.settings.audience_question);
        let mut reply = ChatReply {
            acute,
            topic: topic.clone(),
            audience,
            age: age.map(|(a, _)| a),
            outcome: None,
            question: None,
            understood: acute || topic.is_some(),
            answers: inferred.clone(),
            assumed: Vec::new(),
        };
        if !reply.understood {
            let next = match self.walk(&inferred, None).end {
                End::Ask(q) => q,
                _ => self.settings.start.clone(),
            };
            reply.question = self.question(&next).map(Question::view);
            return reply;
        }
        if topic.is_none() {
            // Acute, but nothing else known: the acute help alone.
            reply.outcome = self.acute_view(None, &inferred);
            return reply;
        }
        let fill = |q: &Question, used: &Answers| self.chat_default(q, used);
        let guess = self.walk(&inferred, Some(&fill));
        let End::Outcome(oid) = &guess.end else {
            reply.outcome = if acute {
                self.acute_view(None, &inferred)
            } else {
                None
            };
            reply.question = self.question(&self.settings.start).map(Question::view);
            return reply;
        };
        let mut answers = inferred.clone();
        let entry = &self.outcome(oid).expect("validated").entry;
        let mut clarify = None;
        if !acute {
            'outer: for (k, v) in guess.path.iter().enumerate() {
                if !v.assumed || chat.never_ask.iter().any(|(q, _)| q == &v.question) {
                    continue;
                }
                let q = self.question(&v.question).expect("validated");
                let mut base = inferred.clone();
                base.extend(
                    guess.path[..k]
                        .iter()
                        .map(|p| (p.question.clone(), p.answer.clone())),
                );
                for alt in self.candidates(q).into_iter().filter(|a| a != &v.answer) {
                    let mut try_answers = base.clone();
                    try_answers.insert(q.id.clone(), alt);
                    if let End::Outcome(o2) = self.walk(&try_answers, Some(&fill)).end {
                        if &self.outcome(&o2).expect("validated").entry != entry {
                            clarify = Some(k);
                            break 'outer;
                        }
                    }
                }
            }
        }
        let upto = clarify.unwrap_or(guess.path.len());
        for v in &guess.path[..upto] {
            answers.insert(v.question.clone(), v.answer.clone());
            if v.assumed {
                reply.assumed.push(v.question.clone());
            }
        }
        let view = self.outcome_view(oid, &guess.answers());
        reply.outcome = if acute && !view.acute {
            self.acute_view(Some(oid), &guess.answers())
        } else {
            Some(view)
        };
        reply.question = clarify
            .and_then(|k| self.question(&guess.path[k].question))
            .map(Question::view);
        reply.answers = answers;
        reply
    }

    /// The chat's default answer for a question the message did not answer: the first
    /// `[[chat.default]]` for it whose `when` holds; otherwise the first "not sure"-style
    /// (exclusive) option, the first option, or the middle age.
    fn chat_default(&self, q: &Question, used: &Answers) -> Vec<String> {
        if let Some(d) = self
            .chat
            .defaults
            .iter()
            .find(|d| d.question == q.id && d.when.iter().all(|c| self.holds(c, used)))
        {
            return d.answer.clone();
        }
        match q.kind {
            QuestionKind::Age => vec![((q.min_age as u16 + q.max_age as u16) / 2).to_string()],
            _ => q
                .options
                .iter()
                .find(|o| o.exclusive)
                .or(q.options.first())
                .map(|o| vec![o.id.clone()])
                .unwrap_or_default(),
        }
    }

    /// The acute outcome, followed by the topic outcome's entry point and related items.
    fn acute_view(&self, topic: Option<&str>, answers: &Answers) -> Option<OutcomeView> {
        let a = self.outcome(self.chat.acute_outcome.as_deref()?)?;
        let related_reason = &self.settings.related_reason;
        let mut recs = vec![Recommendation {
            slug: a.entry.clone(),
            reason: a.reason.clone(),
        }];
        if let Some(t) = topic.and_then(|t| self.outcome(t)) {
            push_rec(&mut recs, &t.entry, &t.reason);
            for r in &t.related {
                push_rec(&mut recs, r, related_reason);
            }
        }
        for r in &a.related {
            push_rec(&mut recs, r, related_reason);
        }
        self.add_anonymous(&mut recs, answers);
        Some(make_view(
            a.id.clone(),
            true,
            a.next_steps.clone(),
            a.reason.clone(),
            topic.map(str::to_string),
            recs,
        ))
    }
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
    let check_set = |s: &SetTo, problems: &mut Vec<Problem>| match g.question(&s.question) {
        None => problems.push(s.loc.error(format!(
            "set nævner spørgsmålet `{}`, som ikke findes. Ret id'et.",
            s.question
        ))),
        Some(q) if q.kind == QuestionKind::Age => problems.push(s.loc.error(format!(
            "Alderen (`{}`) kan ikke sættes med set; den findes med [[chat.age]]-mønstre.",
            q.id
        ))),
        Some(q) => {
            for v in &s.values {
                if q.option(v).is_none() {
                    problems.push(s.loc.error(format!(
                        "Spørgsmålet `{}` har ikke svaret \"{v}\". Mulige svar: {}.",
                        q.id,
                        q.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ")
                    )));
                }
            }
        }
    };
    for r in &chat.rules {
        for s in &r.set {
            check_set(s, problems);
        }
    }
    for a in &chat.ages {
        for s in &a.set {
            check_set(s, problems);
        }
    }
    for d in &chat.defaults {
        match g.question(&d.question) {
            None => problems.push(d.loc.error(format!(
                "[[chat.default]] nævner spørgsmålet `{}`, som ikke findes. Ret id'et.",
                d.question
            ))),
            Some(q) => {
                if super::flow::check(q, &d.answer).is_err() {
                    problems.push(d.loc.error(format!(
                        "Standardsvaret \"{}\" passer ikke til spørgsmålet `{}`. Brug et af dets svar-id'er (eller et tal for alder).",
                        d.answer.join(", "),
                        q.id
                    )));
                }
            }
        }
        for c in &d.when {
            super::validate::cond(g, c, problems);
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
