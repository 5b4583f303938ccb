//! Stepping through the flow: from the answers so far to the next question or an outcome.
//!
//! The walk always starts at the first question and follows the rules with the answers
//! given; answers to questions that are not on the path are ignored, so a "Ret" (change)
//! link can simply change one answer and call [`Guide::step`] again.

use super::model::{age_range, Cond, Outcome, Question, QuestionKind, Target, Text};
use super::{Answers, Guide};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;

/// A question as shown to the reader, in every language (`text.get(lang)`).
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub kind: QuestionKind,
    pub text: Text,
    pub help: Option<Text>,
    pub options: Vec<OptionView>,
    /// For age questions: the allowed range.
    pub min_age: u8,
    pub max_age: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    pub id: String,
    pub text: Text,
    pub exclusive: bool,
}

/// A question in one language, shaped for JSON (`{id, kind, text, help, options: [{id, text}]}`).
#[derive(Debug, Clone, Serialize)]
pub struct LocalizedQuestion {
    pub id: String,
    pub kind: QuestionKind,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub options: Vec<LocalizedOption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u8>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocalizedOption {
    pub id: String,
    pub text: String,
    pub exclusive: bool,
}

impl QuestionView {
    pub fn localized(&self, lang: &str) -> LocalizedQuestion {
        let age = self.kind == QuestionKind::Age;
        LocalizedQuestion {
            id: self.id.clone(),
            kind: self.kind,
            text: self.text.get(lang).to_string(),
            help: self.help.as_ref().map(|h| h.get(lang).to_string()),
            options: self
                .options
                .iter()
                .map(|o| LocalizedOption {
                    id: o.id.clone(),
                    text: o.text.get(lang).to_string(),
                    exclusive: o.exclusive,
                })
                .collect(),
            min: age.then_some(self.min_age),
            max: age.then_some(self.max_age),
        }
    }
}

impl Question {
    pub fn view(&self) -> QuestionView {
        QuestionView {
            id: self.id.clone(),
            kind: self.kind,
            text: self.text.clone(),
            help: self.help.clone(),
            options: self
                .options
                .iter()
                .map(|o| OptionView {
                    id: o.id.clone(),
                    text: o.text.clone(),
                    exclusive: o.exclusive,
                })
                .collect(),
            min_age: self.min_age,
            max_age: self.max_age,
        }
    }
}

/// One recommended item and why, best first.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub slug: String,
    pub reason: Text,
}

/// Where the guide sends the reader. The web layer looks up titles and contact facts by slug.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeView {
    pub id: String,
    /// Acute: show the acute help (112 etc.) first and prominently.
    pub acute: bool,
    /// Slug of the entry point.
    pub entry: String,
    /// Other slugs, best first (for young people the anonymous options are added).
    pub related: Vec<String>,
    pub next_steps: Text,
    pub reason: Text,
    /// When the chat found acute signs and also a topic: the topic's own outcome id,
    /// whose entry point follows the acute help in `related`.
    pub then: Option<String>,
    /// The safety layer's acute category, when the chat's acute answer comes from it.
    pub acute_category: Option<String>,
    /// `[entry] + related`, each with a reason.
    pub recommendations: Vec<Recommendation>,
}

impl OutcomeView {
    /// `[entry] + related` in order.
    pub fn slugs(&self) -> Vec<&str> {
        self.recommendations
            .iter()
            .map(|r| r.slug.as_str())
            .collect()
    }
}

/// The next thing to show.
#[derive(Debug, Clone)]
pub enum Step {
    Question(QuestionView),
    Outcome(OutcomeView),
}

/// An answer that does not fit its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepError {
    /// The question whose answer is wrong (show that question again).
    pub question: String,
    pub kind: StepErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepErrorKind {
    /// The answer is there but empty.
    NoAnswer,
    /// More than one option for a single-choice question.
    TooManyAnswers,
    UnknownOption(String),
    /// "None of these" / "not sure" chosen together with other options.
    ExclusiveCombined(String),
    /// Not a whole number in the allowed range.
    BadAge(String),
    /// The content has no rule for this answer (validation prevents this).
    NoRule,
}

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "question `{}`: {:?}", self.question, self.kind)
    }
}

impl std::error::Error for StepError {}

/// One line of the "Dine svar" summary.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryLine {
    pub question_id: String,
    pub question: String,
    pub answer: String,
    /// The answer as given (option ids, or the age), to keep when going back.
    pub answer_ids: Vec<String>,
}

// ---------------------------------------------------------------------------------------

/// How a walk through the flow ended.
#[derive(Debug, Clone)]
pub(crate) enum End<'g> {
    Outcome(&'g Outcome),
    Ask(&'g Question),
    Error(StepError),
}

#[derive(Debug, Clone)]
pub(crate) struct Visited<'g> {
    pub question: &'g Question,
    pub answer: Vec<String>,
    /// Filled in by the chat's defaults, not said by the reader.
    pub assumed: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Walk<'g> {
    pub path: Vec<Visited<'g>>,
    pub end: End<'g>,
}

impl<'g> Walk<'g> {
    /// A walk that stopped at `question` because of `kind`.
    fn failed(path: Vec<Visited<'g>>, question: String, kind: StepErrorKind) -> Walk<'g> {
        Walk {
            path,
            end: End::Error(StepError { question, kind }),
        }
    }

    pub fn answers(&self) -> Answers {
        self.path
            .iter()
            .map(|v| (v.question.id.clone(), v.answer.clone()))
            .collect()
    }
}

pub(crate) type Fill<'a> = &'a dyn Fn(&Question, &Answers) -> Vec<String>;

impl Guide {
    /// The next step for `answers` (see [`Answers`]): the first question on the path that has
    /// no answer, or the outcome. An answer that does not fit gives a [`StepError`] naming
    /// the question.
    pub fn step(&self, answers: &Answers) -> Result<Step, StepError> {
        self.page(answers, "da").0
    }

    /// The next step and the "Dine svar" summary in `lang`, from one walk (what a question
    /// or outcome page shows).
    pub fn page(
        &self,
        answers: &Answers,
        lang: &str,
    ) -> (Result<Step, StepError>, Vec<SummaryLine>) {
        let walk = self.walk(answers, None);
        let step = match &walk.end {
            End::Ask(q) => Ok(Step::Question(q.view())),
            End::Outcome(o) => Ok(Step::Outcome(self.outcome_view(o, &walk.answers()))),
            End::Error(e) => Err(e.clone()),
        };
        (step, self.summary_of(&walk, lang))
    }

    /// The answered questions on the path, in order, with the chosen answers as text (for the
    /// "Dine svar" list with "Ret" links). Stops at the first answer that does not fit.
    pub fn summary(&self, answers: &Answers, lang: &str) -> Vec<SummaryLine> {
        self.summary_of(&self.walk(answers, None), lang)
    }

    fn summary_of(&self, walk: &Walk, lang: &str) -> Vec<SummaryLine> {
        walk.path
            .iter()
            .map(|v| {
                let q = v.question;
                let answer = match q.kind {
                    QuestionKind::Age => self
                        .settings
                        .age_answer
                        .get(lang)
                        .replace("{n}", &v.answer.join(", ")),
                    _ => v
                        .answer
                        .iter()
                        .filter_map(|a| q.option(a).map(|o| o.text.get(lang).to_string()))
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                SummaryLine {
                    question_id: q.id.clone(),
                    question: q.text.get(lang).to_string(),
                    answer,
                    answer_ids: v.answer.clone(),
                }
            })
            .collect()
    }

    /// `answers` cut down to the questions before `question_id` on the path (what to keep when
    /// the reader presses "Ret" on that question and should answer it and the rest again).
    pub fn answers_before(&self, answers: &Answers, question_id: &str) -> Answers {
        let walk = self.walk(answers, None);
        walk.path
            .iter()
            .take_while(|v| v.question.id != question_id)
            .map(|v| (v.question.id.clone(), v.answer.clone()))
            .collect()
    }

    /// Every path through the flow (each option of each question; ages at the edges of the
    /// age ranges the rules use), with the outcome it ends in. For tests and the checker.
    pub fn all_paths(&self) -> Vec<(Answers, String)> {
        self.enumerate()
            .into_iter()
            .filter_map(|p| match &p.end {
                End::Outcome(o) => Some((p.answers(), o.id.clone())),
                _ => None,
            })
            .collect()
    }

    /// Every walk through the flow, including ones that end in an error (for validation).
    pub(crate) fn enumerate(&self) -> Vec<Walk<'_>> {
        let mut out = Vec::new();
        let mut path = Vec::new();
        self.enumerate_from(&self.settings.start, &mut path, &mut out);
        out
    }

    fn enumerate_from<'g>(
        &'g self,
        qid: &str,
        path: &mut Vec<Visited<'g>>,
        out: &mut Vec<Walk<'g>>,
    ) {
        let Some(q) = self.question(qid) else { return };
        // Guard against cycles (validation reports them before enumerating).
        if path.iter().any(|v| v.question.id == qid) || path.len() > self.questions.len() {
            return;
        }
        for answer in self.candidates(q) {
            path.push(Visited {
                question: q,
                answer,
                assumed: false,
            });
            let used: Answers = path
                .iter()
                .map(|v| (v.question.id.clone(), v.answer.clone()))
                .collect();
            match self.route(q, &used) {
                Some(Target::Question(next)) => self.enumerate_from(next, path, out),
                Some(Target::Outcome(o)) => match self.outcome(o) {
                    Some(o) => out.push(Walk {
                        path: path.clone(),
                        end: End::Outcome(o),
                    }),
                    None => out.push(Walk::failed(
                        path.clone(),
                        q.id.clone(),
                        StepErrorKind::NoRule,
                    )),
                },
                _ => out.push(Walk::failed(
                    path.clone(),
                    q.id.clone(),
                    StepErrorKind::NoRule,
                )),
            }
            path.pop();
        }
    }

    /// The answers worth trying for a question: each option alone, or ages at the edges of
    /// every age range any rule uses (plus the question's min and max).
    pub(crate) fn candidates(&self, q: &Question) -> Vec<Vec<String>> {
        match q.kind {
            QuestionKind::Single | QuestionKind::Multiple => {
                q.options.iter().map(|o| vec![o.id.clone()]).collect()
            }
            QuestionKind::Age => {
                let mut ages: BTreeSet<i32> = [q.min_age as i32, q.max_age as i32].into();
                let conds = self
                    .questions
                    .iter()
                    .flat_map(|q| q.rules.iter())
                    .flat_map(|r| r.when.iter())
                    .chain(self.chat.defaults.iter().flat_map(|d| d.when.iter()));
                for c in conds.filter(|c| c.question == q.id) {
                    for (lo, hi) in c.values.iter().filter_map(|v| age_range(v)) {
                        for a in [lo as i32 - 1, lo as i32, hi as i32, hi as i32 + 1] {
                            ages.insert(a);
                        }
                    }
                }
                ages.into_iter()
                    .filter(|&a| a >= q.min_age as i32 && a <= q.max_age as i32)
                    .map(|a| vec![a.to_string()])
                    .collect()
            }
        }
    }

    /// Walks from the first question. Unanswered questions stop the walk, unless `fill`
    /// supplies an answer (the chat's defaults), which is then marked as assumed. Ids are
    /// looked up as it goes; one that does not exist (validation prevents it) ends the walk
    /// with an error, never a panic.
    pub(crate) fn walk(&self, answers: &Answers, fill: Option<Fill>) -> Walk<'_> {
        let mut path: Vec<Visited> = Vec::new();
        let mut used = Answers::new();
        let mut current = self.settings.start.as_str();
        loop {
            let Some(q) = self.question(current) else {
                return Walk::failed(path, current.to_string(), StepErrorKind::NoRule);
            };
            // Back at a question already on the path: the rules go in a circle.
            if path.iter().any(|v| v.question.id == q.id) {
                return Walk::failed(path, q.id.clone(), StepErrorKind::NoRule);
            }
            let (answer, assumed) = match answers.get(&q.id) {
                Some(a) => (a.clone(), false),
                None => match fill {
                    Some(f) => (f(q, &used), true),
                    None => {
                        return Walk {
                            path,
                            end: End::Ask(q),
                        }
                    }
                },
            };
            let answer = match check(q, &answer) {
                Ok(a) => a,
                Err(kind) => return Walk::failed(path, q.id.clone(), kind),
            };
            used.insert(q.id.clone(), answer.clone());
            path.push(Visited {
                question: q,
                answer,
                assumed,
            });
            match self.route(q, &used) {
                Some(Target::Question(next)) => current = next,
                Some(Target::Outcome(o)) => {
                    return match self.outcome(o) {
                        Some(o) => Walk {
                            path,
                            end: End::Outcome(o),
                        },
                        None => Walk::failed(path, q.id.clone(), StepErrorKind::NoRule),
                    }
                }
                _ => return Walk::failed(path, q.id.clone(), StepErrorKind::NoRule),
            }
        }
    }

    /// The target of the first rule of `q` whose conditions all hold.
    pub(crate) fn route<'a>(&self, q: &'a Question, used: &Answers) -> Option<&'a Target> {
        q.rules
            .iter()
            .find(|r| r.when.iter().all(|c| self.holds(c, used)))
            .map(|r| &r.target)
    }

    /// Whether a condition holds for the answers on the path (an unanswered question never matches).
    pub(crate) fn holds(&self, c: &Cond, used: &Answers) -> bool {
        let Some(given) = used.get(&c.question) else {
            return false;
        };
        match self.question(&c.question).map(|q| q.kind) {
            Some(QuestionKind::Age) => {
                let Some(age) = given.first().and_then(|a| a.trim().parse::<u8>().ok()) else {
                    return false;
                };
                c.values
                    .iter()
                    .filter_map(|v| age_range(v))
                    .any(|(lo, hi)| lo <= age && age <= hi)
            }
            _ => given.iter().any(|g| c.values.contains(g)),
        }
    }

    /// The outcome as shown: for young people (the audiences in `[settings.anonymous]`) the
    /// anonymous options are added after the outcome's own related items.
    pub(crate) fn outcome_view(&self, o: &Outcome, answers: &Answers) -> OutcomeView {
        let mut recs = vec![Recommendation {
            slug: o.entry.clone(),
            reason: o.reason.clone(),
        }];
        for r in &o.related {
            push_rec(&mut recs, r, &self.settings.related_reason);
        }
        self.add_anonymous(&mut recs, answers);
        make_view(
            o.id.clone(),
            o.acute,
            o.next_steps.clone(),
            o.reason.clone(),
            None,
            recs,
        )
    }

    pub(crate) fn add_anonymous(&self, recs: &mut Vec<Recommendation>, answers: &Answers) {
        let anon = &self.settings.anonymous;
        let audience = answers.get(&self.settings.audience_question);
        if audience.is_some_and(|a| a.iter().any(|x| anon.audiences.contains(x))) {
            for s in &anon.slugs {
                push_rec(recs, s, &anon.reason);
            }
        }
    }
}

pub(crate) fn push_rec(recs: &mut Vec<Recommendation>, slug: &str, reason: &Text) {
    if !recs.iter().any(|r| r.slug == slug) {
        recs.push(Recommendation {
            slug: slug.to_string(),
            reason: reason.clone(),
        });
    }
}

pub(crate) fn make_view(
    id: String,
    acute: bool,
    next_steps: Text,
    reason: Text,
    then: Option<String>,
    recommendations: Vec<Recommendation>,
) -> OutcomeView {
    OutcomeView {
        id,
        acute,
        entry: recommendations[0].slug.clone(),
        related: recommendations[1..]
            .iter()
            .map(|r| r.slug.clone())
            .collect(),
        next_steps,
        reason,
        then,
        acute_category: None,
        recommendations,
    }
}

/// Checks one answer against its question; returns it cleaned (trimmed, without repeats).
pub(crate) fn check(q: &Question, answer: &[String]) -> Result<Vec<String>, StepErrorKind> {
    let mut clean: Vec<String> = Vec::new();
    for a in answer.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        if !clean.iter().any(|c| c == a) {
            clean.push(a.to_string());
        }
    }
    if clean.is_empty() {
        return Err(StepErrorKind::NoAnswer);
    }
    match q.kind {
        QuestionKind::Age => {
            if clean.len() > 1 {
                return Err(StepErrorKind::TooManyAnswers);
            }
            match clean[0].parse::<u8>() {
                Ok(n) if n >= q.min_age && n <= q.max_age => Ok(vec![n.to_string()]),
                _ => Err(StepErrorKind::BadAge(clean[0].clone())),
            }
        }
        QuestionKind::Single | QuestionKind::Multiple => {
            if let Some(bad) = clean.iter().find(|a| q.option(a).is_none()) {
                return Err(StepErrorKind::UnknownOption(bad.clone()));
            }
            if q.kind == QuestionKind::Single && clean.len() > 1 {
                return Err(StepErrorKind::TooManyAnswers);
            }
            if clean.len() > 1 {
                if let Some(x) = clean
                    .iter()
                    .find(|a| q.option(a).is_some_and(|o| o.exclusive))
                {
                    return Err(StepErrorKind::ExclusiveCombined(x.clone()));
                }
            }
            Ok(clean)
        }
    }
}
