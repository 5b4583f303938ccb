//! From a message to a [`ChatReply`]: rules and examples give answers to the flow's
//! questions, the flow runs with the chat's defaults for the rest, and the reply names the
//! one question worth asking when a guess would change where the person is sent.

use super::rules::{PHRASE_WEIGHT, WORD_WEIGHT};
use super::{AgePart, AgePattern, Chat};
use crate::analysis::pattern::Scan;
use crate::analysis::Message;
use crate::guide::flow::{make_view, push_rec, End, OutcomeView, QuestionView, Recommendation};
use crate::guide::model::{Question, QuestionKind, Text};
use crate::guide::{Answers, Guide};
use serde::Serialize;
use std::collections::BTreeMap;

/// What the safety layer found, as the guide needs it.
#[derive(Debug, Clone, Copy)]
pub struct Acute<'a> {
    /// The acute category's id (`selvmord`, `vold-mod-barn`, …).
    pub category: &'a str,
    /// Pages to show right after the acute help.
    pub related: &'a [String],
    /// Flow answers the category implies, used when the message gives no topic.
    pub answers: &'a [(String, String)],
}

/// How the chat understood a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Understood {
    /// The word rules found the topic.
    Rules,
    /// No rule found a topic, but an example message close enough did.
    Examples,
    /// Only the safety layer's finding (acute danger) is known.
    Acute,
    /// Not sure: ask who is writing or what it is about.
    No,
}

/// What the interpreter made of a message.
///
/// - `understood`: a topic (or acute danger) was recognised. If not, `outcome` is `None` and
///   `question` is the first question of the flow still to answer ("who are you?", then
///   "what is it about?").
/// - `outcome`: the best guess, with what the message did not say filled in by the chat's
///   defaults (listed in `assumed`). Acute messages get the acute outcome: the acute help
///   first, then the category's pages and the topic's own entry point.
/// - `question`: when one unsaid thing would change the entry point (e.g. who is writing),
///   that question, to ask next. Continue in the flow by adding its answer to `answers` and
///   calling [`Guide::step`].
#[derive(Debug, Clone, Serialize)]
pub struct ChatReply {
    pub acute: bool,
    pub acute_category: Option<String>,
    pub topic: Option<String>,
    pub audience: Option<String>,
    pub age: Option<u8>,
    pub outcome: Option<OutcomeView>,
    pub question: Option<QuestionView>,
    pub understood: bool,
    pub how: Understood,
    /// Answers for the flow: what the message said, plus the assumed answers before
    /// `question` (or on the whole path when there is no question).
    pub answers: Answers,
    /// Question ids in `answers` that were assumed, not said.
    pub assumed: Vec<String>,
}

/// What the rules found in one message.
struct Reading<'c> {
    /// Question → option → score.
    scores: BTreeMap<String, BTreeMap<String, u32>>,
    age: Option<(u8, &'c AgePattern)>,
    /// `file:line: words → set` for every rule that fired.
    lines: Vec<String>,
}

impl Chat {
    fn read(&self, msg: &Message, min_age: u8, max_age: u8) -> Reading<'_> {
        let scan = self.lexicon.scan(msg);
        // Which terms were found, and whether every occurrence was negated.
        let mut found: BTreeMap<(usize, usize), bool> = BTreeMap::new();
        for hit in self.lexicon.hits(msg, &scan) {
            for &(ri, ti) in self.by_pattern.get(&hit.pattern).into_iter().flatten() {
                let negated = found.entry((ri, ti)).or_insert(true);
                *negated &= hit.negated;
            }
        }
        let mut reading = Reading {
            scores: BTreeMap::new(),
            age: None,
            lines: Vec::new(),
        };
        for (ri, rule) in self.rules.iter().enumerate() {
            let counts = |ti: usize| {
                found
                    .get(&(ri, ti))
                    .is_some_and(|negated| !(rule.negatable && *negated))
            };
            let mut score = 0;
            let mut hits = Vec::new();
            for (ti, t) in rule.terms.iter().enumerate() {
                if counts(ti) {
                    let w = if t.phrase { PHRASE_WEIGHT } else { WORD_WEIGHT };
                    score += rule.weight.unwrap_or(w);
                    hits.push(t.text.as_str());
                }
            }
            if score == 0 {
                continue;
            }
            let n = rule.terms.len();
            let also_ok = rule.also.is_empty() || (0..rule.also.len()).any(|k| counts(n + k));
            let set: Vec<String> = rule
                .set
                .iter()
                .map(|s| format!("{} = {}", s.question, s.values.join("/")))
                .collect();
            reading.lines.push(format!(
                "{}:{}: {:?}{} → {}",
                rule.loc.file,
                rule.loc.line,
                hits,
                if also_ok {
                    ""
                } else {
                    " (mangler et `also`-ord)"
                },
                set.join(", ")
            ));
            if !also_ok {
                continue;
            }
            for s in &rule.set {
                for v in &s.values {
                    *reading
                        .scores
                        .entry(s.question.clone())
                        .or_default()
                        .entry(v.clone())
                        .or_default() += score;
                }
            }
        }
        reading.age = self.age(msg, &scan, min_age, max_age);
        if let Some((age, p)) = reading.age {
            reading.lines.push(format!("alder: {age}"));
            for s in &p.set {
                for v in &s.values {
                    *reading
                        .scores
                        .entry(s.question.clone())
                        .or_default()
                        .entry(v.clone())
                        .or_default() += p.weight;
                }
            }
        }
        reading
    }

    /// The first age pattern (in file order) that matches, at its earliest place.
    fn age(&self, msg: &Message, scan: &Scan, min: u8, max: u8) -> Option<(u8, &AgePattern)> {
        let toks = &msg.tokens;
        for p in &self.ages {
            for start in 0..toks.len() {
                if start + p.parts.len() > toks.len() {
                    break;
                }
                let mut number = None;
                let ok = p.parts.iter().enumerate().all(|(k, part)| match part {
                    AgePart::Number => self
                        .number(&toks[start + k].loose)
                        .map(|n| number = Some(n))
                        .is_some(),
                    AgePart::Word(pid) => self.lexicon.token_matches(*pid, scan, start + k),
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

    fn number(&self, loose: &str) -> Option<u32> {
        if !loose.is_empty() && loose.len() <= 3 && loose.bytes().all(|b| b.is_ascii_digit()) {
            return loose.parse().ok();
        }
        self.numbers.get(loose).map(|&n| n as u32)
    }
}

impl Guide {
    /// Why the chat answers as it does, as lines for people: the rules that fired
    /// (`file:line: words → set`), the age, and the nearest examples with their likeness.
    pub fn explain(&self, msg: &Message) -> Vec<String> {
        let (min, max) = self.age_range();
        let mut lines = self.chat.read(msg, min, max).lines;
        for nb in self.chat.examples.nearest(msg, 3) {
            let set: Vec<String> = self.chat.example_sets[*nb.label]
                .iter()
                .map(|s| format!("{} = {}", s.question, s.values.join("/")))
                .collect();
            lines.push(format!(
                "eksempel {:.2} {:?} → {}",
                nb.similarity,
                nb.text,
                set.join(", ")
            ));
        }
        lines
    }

    fn age_range(&self) -> (u8, u8) {
        self.questions
            .iter()
            .find(|q| q.kind == QuestionKind::Age)
            .map(|q| (q.min_age, q.max_age))
            .unwrap_or((0, 30))
    }

    /// Interprets a message (see [`ChatReply`]). `acute` is the safety layer's finding.
    pub fn interpret(&self, msg: &Message, acute: Option<Acute>) -> ChatReply {
        let chat = &self.chat;
        let (min, max) = self.age_range();
        let reading = chat.read(msg, min, max);
        let mut inferred = self.choose(&reading.scores);
        if let Some((a, _)) = reading.age {
            for q in self
                .questions
                .iter()
                .filter(|q| q.kind == QuestionKind::Age)
            {
                inferred.insert(q.id.clone(), vec![a.to_string()]);
            }
        }
        let topic_q = self.settings.topic_question.clone();
        let mut how = if inferred.contains_key(&topic_q) {
            Understood::Rules
        } else {
            Understood::No
        };
        // The examples, when the rules found no topic: the nearest one, if alike enough,
        // answers what the rules did not.
        if how == Understood::No {
            if let Some(nb) = chat.examples.nearest(msg, 1).first() {
                if nb.similarity >= chat.example_threshold {
                    for s in &chat.example_sets[*nb.label] {
                        inferred
                            .entry(s.question.clone())
                            .or_insert_with(|| s.values.clone());
                    }
                    how = Understood::Examples;
                }
            }
        }
        if let Some(a) = acute {
            if how == Understood::No {
                how = Understood::Acute;
            }
            for (q, v) in a.answers {
                inferred.entry(q.clone()).or_insert_with(|| vec![v.clone()]);
            }
        }
        let first = |a: &Answers, q: &str| a.get(q).and_then(|v| v.first()).cloned();
        let topic = first(&inferred, &topic_q);
        let mut reply = ChatReply {
            acute: acute.is_some(),
            acute_category: acute.map(|a| a.category.to_string()),
            topic: topic.clone(),
            audience: first(&inferred, &self.settings.audience_question),
            age: reading.age.map(|(a, _)| a),
            outcome: None,
            question: None,
            understood: how != Understood::No,
            how,
            answers: inferred.clone(),
            assumed: Vec::new(),
        };
        if how == Understood::No {
            // Not sure: ask who is writing, then what it is about – never a guess.
            let next = match self.walk(&inferred, None).end {
                End::Ask(q) => Some(q),
                _ => self.question(&self.settings.start),
            };
            reply.question = next.map(Question::view);
            return reply;
        }
        let fill = |q: &Question, used: &Answers| self.chat_default(q, used);
        let guess = self.walk(&inferred, Some(&fill));
        let End::Outcome(outcome) = guess.end else {
            reply.outcome = acute.and_then(|a| self.acute_view(a, None, &inferred));
            reply.question = self.question(&self.settings.start).map(Question::view);
            return reply;
        };
        let mut clarify = None;
        if acute.is_none() {
            'outer: for (k, v) in guess.path.iter().enumerate() {
                if !v.assumed || chat.never_ask.iter().any(|(q, _)| q == &v.question.id) {
                    continue;
                }
                let mut base = inferred.clone();
                base.extend(
                    guess.path[..k]
                        .iter()
                        .map(|p| (p.question.id.clone(), p.answer.clone())),
                );
                for alt in self
                    .candidates(v.question)
                    .into_iter()
                    .filter(|a| a != &v.answer)
                {
                    let mut try_answers = base.clone();
                    try_answers.insert(v.question.id.clone(), alt);
                    if let End::Outcome(o2) = self.walk(&try_answers, Some(&fill)).end {
                        if o2.entry != outcome.entry {
                            clarify = Some(k);
                            break 'outer;
                        }
                    }
                }
            }
        }
        let upto = clarify.unwrap_or(guess.path.len());
        let mut answers = inferred;
        for v in &guess.path[..upto] {
            answers.insert(v.question.id.clone(), v.answer.clone());
            if v.assumed {
                reply.assumed.push(v.question.id.clone());
            }
        }
        let walked = guess.answers();
        reply.outcome = match acute {
            Some(a) => self.acute_view(a, Some(outcome), &walked),
            None => Some(self.outcome_view(outcome, &walked)),
        };
        reply.question = clarify.map(|k| guess.path[k].question.view());
        reply.answers = answers;
        reply
    }

    /// The answer per question from the rule scores: the best option of a single-choice
    /// question (ties: the first in the file), every plain option of a multiple-choice one.
    fn choose(&self, scores: &BTreeMap<String, BTreeMap<String, u32>>) -> Answers {
        let mut inferred = Answers::new();
        for (qid, opts) in scores {
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
        inferred
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

    /// The acute outcome: the acute help first, then the category's pages, then the topic
    /// outcome's entry point and related items (and the anonymous options for the young).
    fn acute_view(
        &self,
        acute: Acute,
        topic: Option<&crate::guide::Outcome>,
        answers: &Answers,
    ) -> Option<OutcomeView> {
        let a = self.outcome(self.chat.acute_outcome.as_deref()?)?;
        let related_reason = &self.settings.related_reason;
        let mut recs = vec![Recommendation {
            slug: a.entry.clone(),
            reason: a.reason.clone(),
        }];
        for r in acute.related {
            push_rec(&mut recs, r, related_reason);
        }
        if let Some(t) = topic {
            push_rec(&mut recs, &t.entry, &t.reason);
            for r in &t.related {
                push_rec(&mut recs, r, related_reason);
            }
        }
        for r in &a.related {
            push_rec(&mut recs, r, related_reason);
        }
        self.add_anonymous(&mut recs, answers);
        let next_steps: Text = topic
            .filter(|t| t.acute)
            .map(|t| t.next_steps.clone())
            .unwrap_or_else(|| a.next_steps.clone());
        let mut view = make_view(
            a.id.clone(),
            true,
            next_steps,
            a.reason.clone(),
            topic.map(|t| t.id.clone()),
            recs,
        );
        view.acute_category = Some(acute.category.to_string());
        Some(view)
    }
}
