//! The chat interpreter: reads a free-text message (Danish, English, or a mix) and works out
//! what it is about, who is writing and their age, then runs the same flow as the question
//! pages, filling in what the message did not say with the chat's defaults.
//!
//! Acute danger is not decided here: the safety layer ([`crate::safety`]) reads every
//! message first and hands its finding in as [`Acute`]; the interpreter then puts the first
//! help before the topic's own entry point.
//!
//! - [`rules`]: the file format (`[chat]` in `guide/*.toml`) and its compilation.
//! - [`interpret`]: from a message to a [`ChatReply`].
//!
//! Words are matched with the shared pattern language ([`crate::analysis::pattern`]):
//! inflections, æøå and ae/oe/aa, typos, `word*`, `=word`, phrases and negation. When the
//! rules find no topic, the example messages (`[[chat.example]]`) are consulted: the
//! nearest example at least `example_threshold` alike decides. When neither is sure, the
//! reply says so and asks who is writing or what it is about, instead of guessing.

mod interpret;
pub(crate) mod rules;

pub use interpret::{Acute, ChatReply, Understood};

use crate::analysis::pattern::{Lexicon, PatternId};
use crate::guide::model::{Cond, Loc};
use crate::nearest;
use std::collections::HashMap;

/// One word or phrase of a rule.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pattern: PatternId,
    /// As written in the file (for `explain`).
    text: String,
    phrase: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct SetTo {
    pub question: String,
    pub values: Vec<String>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub(crate) enum AgePart {
    Number,
    Word(PatternId),
}

#[derive(Debug, Clone)]
pub(crate) struct AgePattern {
    parts: Vec<AgePart>,
    set: Vec<SetTo>,
    add: i32,
    weight: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct ChatRule {
    terms: Vec<Term>,
    also: Vec<Term>,
    set: Vec<SetTo>,
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
    never_ask: Vec<(String, Loc)>,
    /// Number words (`femten`), by loose spelling.
    numbers: HashMap<String, u8>,
    pub defaults: Vec<ChatDefault>,
    ages: Vec<AgePattern>,
    rules: Vec<ChatRule>,
    lexicon: Lexicon,
    /// Pattern → (rule, term) pairs that use it (terms first, then `also`).
    by_pattern: HashMap<PatternId, Vec<(usize, usize)>>,
    /// Example messages, labelled with the index of their answers in `example_sets`.
    examples: nearest::Index<usize>,
    example_sets: Vec<Vec<SetTo>>,
    example_threshold: f32,
    present: bool,
}

impl Chat {
    /// Every example message's text (calm examples for the safety layer).
    pub(crate) fn example_texts(&self) -> Vec<String> {
        (0..self.examples.len())
            .filter_map(|i| self.examples.text(i).map(str::to_string))
            .collect()
    }
}
