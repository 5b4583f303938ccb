//! The guide ("Find den rette hjælp"): a rule-based question flow and a chat interpreter that
//! route a worried parent, a young person or a professional to the right entry point.
//!
//! Everything people read (questions, options, help, outcomes, chat words) lives in
//! `content/guide/*.toml`; this module is only the engine:
//!
//! - [`model`]: the file format and the compiled model ([`Question`], [`Outcome`], [`Text`]).
//! - [`validate`]: checks at load time (every path ends in an outcome, no cycles, …), as [`Problem`]s.
//! - [`flow`]: stepping through the questions ([`Guide::step`], [`Guide::summary`], [`Guide::all_paths`]).
//! - [`chat`]: the free-text interpreter ([`Guide::interpret`]), which reads messages the
//!   safety layer ([`crate::safety`]) has screened first.
//! - [`dot`]: the whole flow as a Graphviz graph ([`Guide::to_dot`]).
//!
//! Texts are returned in every language at once ([`Text`], read one with `text.get(lang)`);
//! `QuestionView::localized(lang)` gives one language, ready for JSON.
//!
//! # How the web layer uses it (`app/web/guide.rs`)
//!
//! - Question pages (one question per page, POST forms carrying earlier answers in hidden
//!   fields): [`Guide::step`] gives the next [`Step`]; a [`StepError`] names the question to
//!   show again (its message comes from Fluent). [`Guide::summary`] is the "Dine svar" list,
//!   and "Ret" keeps [`Guide::answers_before`] that question.
//! - Chat and `/api/guide`: [`Guide::interpret`] gives a [`ChatReply`]; to go on from its
//!   clarifying question, add the answer to [`ChatReply::answers`] and call [`Guide::step`].

pub mod chat;
pub mod dot;
pub mod flow;
pub mod model;
pub mod validate;

#[cfg(test)]
mod tests;

use crate::analysis::Spelling;
use crate::problem::Problem;
use crate::source::SourceFile;
use std::collections::{HashMap, HashSet};

pub use chat::{Acute, ChatReply, Understood};
pub use flow::{
    LocalizedOption, LocalizedQuestion, OptionView, OutcomeView, QuestionView, Recommendation,
    Step, StepError, StepErrorKind, SummaryLine,
};
pub use model::{Outcome, Question, QuestionKind, QuestionOption, Text};

/// Answers so far: question id → chosen option ids (an age answer is the number as a string).
pub type Answers = std::collections::BTreeMap<String, Vec<String>>;

/// The compiled, validated guide. Immutable, `Send + Sync`; build a new one on reload.
#[derive(Debug)]
pub struct Guide {
    pub(crate) settings: model::Settings,
    pub(crate) questions: Vec<Question>,
    pub(crate) outcomes: Vec<Outcome>,
    pub(crate) chat: chat::Chat,
    q_index: HashMap<String, usize>,
    o_index: HashMap<String, usize>,
    warnings: Vec<Problem>,
}

impl Guide {
    /// Loads the guide from the content folder's files (those under `guide/` ending in `.toml`;
    /// the rest are ignored). `slug_exists` tells whether an item slug exists; `langs` are the
    /// languages every text must be written in (e.g. `&["da", "en"]`).
    ///
    /// Errors (file:line and a plain-language fix) stop loading; warnings are kept in
    /// [`Guide::warnings`].
    pub fn load(
        files: &[SourceFile],
        slug_exists: &dyn Fn(&str) -> bool,
        langs: &[&str],
        spelling: &Spelling,
        known: &HashSet<String>,
    ) -> Result<Guide, Vec<Problem>> {
        let mut problems = Vec::new();
        let model = model::read(files, langs, spelling, known, &mut problems);
        let guide = Guide::from_model(model);
        if !problems.iter().any(Problem::is_error) {
            validate::validate(&guide, slug_exists, &mut problems);
        }
        if problems.iter().any(Problem::is_error) {
            problems
                .sort_by(|a, b| (a.severity, &a.path, a.line).cmp(&(b.severity, &b.path, b.line)));
            return Err(problems);
        }
        Ok(Guide {
            warnings: problems,
            ..guide
        })
    }

    fn from_model(m: model::Model) -> Guide {
        let mut q_index = HashMap::new();
        for (i, q) in m.questions.iter().enumerate() {
            q_index.entry(q.id.clone()).or_insert(i);
        }
        let mut o_index = HashMap::new();
        for (i, o) in m.outcomes.iter().enumerate() {
            o_index.entry(o.id.clone()).or_insert(i);
        }
        Guide {
            settings: m.settings,
            questions: m.questions,
            outcomes: m.outcomes,
            chat: m.chat,
            q_index,
            o_index,
            warnings: Vec::new(),
        }
    }

    /// Warnings found while loading (nothing that stops the guide from working).
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// Id of the first question ("who are you?").
    pub fn first_question_id(&self) -> &str {
        &self.settings.start
    }

    /// Id of the question that asks who is writing (forælder / ung / fagperson / andet).
    pub fn audience_question_id(&self) -> &str {
        &self.settings.audience_question
    }

    /// Id of the question that asks what it is about.
    pub fn topic_question_id(&self) -> &str {
        &self.settings.topic_question
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.q_index.get(id).map(|&i| &self.questions[i])
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.o_index.get(id).map(|&i| &self.outcomes[i])
    }

    /// Every question, in file order.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// Every outcome, in file order.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// Every example message of the chat (the safety layer reads them as calm examples).
    pub fn example_texts(&self) -> Vec<String> {
        self.chat.example_texts()
    }
}

#[cfg(test)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Guide>();
    is::<ChatReply>();
    is::<Step>();
    is::<StepError>();
}
