//! The safety layer: recognises acute danger in any free text (the chat, `/api/guide`,
//! the search box) before anything else reads it, and names its category, so the first
//! thing a person sees is the help for exactly that danger.
//!
//! It is separate from topic routing (the guide) and only ever *adds* an acute answer.
//! Everything it knows is in `content/akut/` ([`lexicon`]): staff read and extend it.
//!
//! How a message is judged ([`Safety::screen`]):
//! 1. **Rules.** The message is read with the shared analysis (chat spellings written
//!    out, typos, æøå, compounds: see [`crate::analysis::pattern`]). A category is acute
//!    when one of its `words` is found without a negation governing it, when all parts of
//!    one of its `combination`s stand in one sentence, or when two of its `signs` are
//!    found.
//! 2. **Examples, as a second opinion** when no rule fired ([`crate::nearest`]): a linear
//!    model learnt at load time from the acute examples (`examples` in each category
//!    file) against the calm ones (`calm_examples` and the guide's examples) gives the
//!    probability that the message is acute. From `example_alone` it is acute; from
//!    `example_with_sign` when a sign was found too. Its category is the sign's, or that
//!    of the nearest acute example.
//! 3. Several categories: the one with the most evidence, then the lowest `order`.

pub mod lexicon;

use crate::analysis::pattern::{FirstIndex, Hit, Lexicon, PatternId, Scan, Span};
use crate::analysis::Message;
use crate::i18n::Text;
use crate::nearest;
use crate::problem::Loc;
use std::collections::{HashMap, HashSet};

/// One acute category (`content/akut/<id>.toml`).
#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub order: u32,
    /// Patterns that cancel a hit of this category they stand in or right next to
    /// ("slog op med mig" is not violence).
    pub(crate) unless: Vec<PatternId>,
    /// Patterns that, after a hit of this category, say it is over ("blev fundet").
    pub(crate) resolved: Vec<PatternId>,
    pub name: Text,
    /// What to do now, in plain words.
    pub now: Text,
    /// Indexes into [`Safety::numbers`], most important first.
    pub call: Vec<usize>,
    /// Pages to show right after the first help (slugs).
    pub related: Vec<String>,
    /// Guide answers the category implies (question id → option id), so the guide's own
    /// outcome for the topic follows the first help.
    pub guide: Vec<(String, String)>,
}

/// A phone number first help points to.
#[derive(Debug, Clone)]
pub struct Number {
    pub id: String,
    /// The phone number, or none for a service reached on the web.
    pub number: Option<String>,
    pub web: Option<String>,
    pub source: Option<String>,
    pub name: Text,
    /// When to call it.
    pub when: Text,
}

/// A category's first help in one language, ready to show (see [`Safety::first_help`]).
#[derive(Debug, Clone)]
pub struct FirstHelp {
    pub id: String,
    pub name: String,
    /// What to do now, one short paragraph per line.
    pub now: Vec<String>,
    pub calls: Vec<Call>,
}

/// One number (or web address) to turn to.
#[derive(Debug, Clone)]
pub struct Call {
    pub number: Option<String>,
    pub web: Option<String>,
    pub name: String,
    pub when: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleKind {
    Word,
    Sign,
    Combination,
}

#[derive(Debug, Clone)]
pub(crate) struct Rule {
    category: usize,
    kind: RuleKind,
    /// No `unless` word cancels it (`firm` words, `firm = true` combinations).
    firm: bool,
    patterns: Vec<PatternId>,
    loc: Loc,
    text: String,
}

impl Rule {
    pub(crate) fn new(
        category: usize,
        (kind, firm): (RuleKind, bool),
        patterns: Vec<PatternId>,
        loc: Loc,
        text: &str,
    ) -> Rule {
        Rule {
            category,
            kind,
            firm,
            patterns,
            loc,
            text: text.to_string(),
        }
    }
}

/// Words that make a message about a subject rather than a danger now (see
/// `about` in `akut/faelles.toml`).
#[derive(Debug, Default)]
pub(crate) struct About {
    pub patterns: Vec<PatternId>,
    /// Phrases that end such a context ("men nu", "det er ikke fiktion").
    pub enders: Vec<PatternId>,
    /// Phrases that end it wherever they stand after it in the sentence: the writer
    /// turning to themself ("… om selvskade, og jeg gør det selv").
    pub enders_after: Vec<PatternId>,
    /// Phrases that, after a hit, say it is over and everyone is safe ("har det godt nu"),
    /// in every category (each category has its own list too).
    pub resolved: Vec<PatternId>,
    /// Phrases after such words that open the danger again ("men nu", "igen").
    pub reopen: Vec<PatternId>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Thresholds {
    pub example_alone: f32,
    pub example_with_sign: f32,
}

/// What the safety layer found in one message.
#[derive(Debug, Clone, Default)]
pub struct Screening {
    /// The acute category (index into [`Safety::categories`]), if any.
    pub category: Option<usize>,
    /// Why: every rule that fired (also negated ones, marked) and the nearest examples.
    pub evidence: Vec<Evidence>,
    /// How the message was read, and its words, when the category came from a second
    /// reading (disguised letters written out, or Ukrainian typed in Latin letters read
    /// back into Cyrillic).
    pub reading: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Evidence {
    Rule {
        category: usize,
        what: &'static str,
        text: String,
        file: String,
        line: usize,
        negated: bool,
        /// Why it does not count, when something in the message cancels it: an
        /// `unless` word right next to it, or words saying the message is about a subject.
        cancelled: Option<Cancel>,
    },
    Example {
        category: Option<usize>,
        text: String,
        similarity: f32,
    },
    /// The learnt likeness to the acute examples, and the words that weighed most.
    Likeness {
        probability: f32,
        words: Vec<(String, f32)>,
    },
}

#[derive(Debug)]
pub struct Safety {
    lexicon: Lexicon,
    /// The words of the site's own texts, folded ([`Message::cyrillic_reading`]).
    site_words: HashSet<String>,
    about: About,
    categories: Vec<Category>,
    numbers: Vec<Number>,
    rules: Vec<Rule>,
    /// Top-level pattern → the word or sign rules that use it.
    by_pattern: HashMap<PatternId, Vec<usize>>,
    /// The combination rules (a few among thousands of rules), by the words their
    /// rarest part can start with: a message tries only those whose part may be in it.
    combinations: FirstIndex<usize>,
    examples: nearest::Index<Option<usize>>,
    /// Acute (any category) against calm, learnt from the same examples.
    likeness: nearest::Linear,
    thresholds: Thresholds,
}

/// What cancelled a hit, with the message's own words that did it (for `explain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cancel {
    /// An `unless` word of the category ("slog op med mig").
    Unless(String),
    /// Words saying the message is about a subject ("en opgave om selvmord").
    About(String),
    /// Words after the hit saying it is over ("men hun blev fundet", "har det godt nu").
    Resolved(String),
}

/// A rule that fired in one message.
struct Fired {
    rule: usize,
    pattern: PatternId,
    spans: Vec<Span>,
    negated: bool,
    cancelled: Option<Cancel>,
}

/// Whether the "about" words at `a` reach `hit`: before it in the same sentence, or
/// right after it in the same clause ("selvmord, til et projekt" is two clauses, so
/// a comma is allowed: same sentence and at most two words between), with no phrase that
/// ends the context ("men nu", "det er ikke fiktion") starting in between, or at the hit.
/// Whether about-phrase `a` covers `hit`: the same sentence, the hit after it in the same
/// clause (or at most two words before it), and no ender between them; an ender that also counts after
/// (`after`: "og jeg gør det selv") may stand anywhere after the about-phrase.
fn about_covers(msg: &Message, a: Span, hit: Span, enders: &[Span], after: &[Span]) -> bool {
    let toks = &msg.tokens;
    let sentence = toks[hit.start].sentence;
    if toks[a.start].sentence != sentence {
        return false;
    }
    // After the subject, only in its own clause: "i filmen om krigen, min far slår mig"
    // is two things said.
    let between = if a.end <= hit.start {
        if toks[a.end - 1].clause != toks[hit.start].clause {
            return false;
        }
        a.end..hit.start + 1
    } else if hit.end <= a.start && a.start - hit.end <= 2 {
        hit.end..a.start
    } else {
        return false;
    };
    // Not the hit's own words ("skar i mig selv").
    let later = |e: &Span| e.start >= a.end.max(hit.end) && toks[e.start].sentence == sentence;
    !enders.iter().any(|e| between.contains(&e.start)) && !after.iter().any(later)
}

/// Whether `u` stands in `s` or right next to it (at most one word between) in the same
/// clause: "de tog min telefon, de har en kniv" is two things said, and the first must not
/// cancel the second.
fn next_to(msg: &Message, u: Span, s: Span) -> bool {
    let clause = |i: usize| msg.tokens[i].clause;
    if u.end <= s.start {
        s.start - u.end <= 1 && clause(u.end - 1) == clause(s.start)
    } else if s.end <= u.start {
        u.start - s.end <= 1 && clause(s.end - 1) == clause(u.start)
    } else {
        true
    }
}

/// The message's words at `span`, as written.
fn words_at(msg: &Message, span: Span) -> String {
    msg.tokens[span.start..span.end]
        .iter()
        .map(|t| t.word.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The smallest span that holds all of `spans`.
fn hull(spans: &[Span]) -> Span {
    Span {
        start: spans.iter().map(|s| s.start).min().unwrap_or(0),
        end: spans.iter().map(|s| s.end).max().unwrap_or(0),
    }
}

/// How many nearest examples are consulted (for the category of a message that is
/// acute by its likeness alone).
const NEIGHBOURS: usize = 10;

impl Safety {
    pub(crate) fn new(
        lexicon: Lexicon,
        site_words: HashSet<String>,
        about: About,
        categories: Vec<Category>,
        numbers: Vec<Number>,
        rules: Vec<Rule>,
        examples: nearest::Index<Option<usize>>,
        likeness: nearest::Linear,
        thresholds: Thresholds,
    ) -> Safety {
        let mut by_pattern: HashMap<PatternId, Vec<usize>> = HashMap::new();
        let mut combinations = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            match r.kind {
                RuleKind::Word | RuleKind::Sign => {
                    by_pattern.entry(r.patterns[0]).or_default().push(i)
                }
                RuleKind::Combination => combinations.push(i),
            }
        }
        // Any part will do, as all must be found; the one with the fewest first words
        // keeps the candidates few.
        let combinations = lexicon.index_by_first(combinations.into_iter().filter_map(|i| {
            let part = rules[i]
                .patterns
                .iter()
                .min_by_key(|&&p| lexicon.firsts_of(p).len())?;
            Some((*part, i))
        }));
        Safety {
            lexicon,
            site_words,
            about,
            categories,
            numbers,
            rules,
            by_pattern,
            combinations,
            examples,
            likeness,
            thresholds,
        }
    }

    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn numbers(&self) -> &[Number] {
        &self.numbers
    }

    /// The numbers a category points to, most important first.
    pub fn numbers_for(&self, c: &Category) -> Vec<&Number> {
        c.call.iter().filter_map(|&i| self.numbers.get(i)).collect()
    }

    /// A category's first help in `lang`.
    pub fn first_help(&self, c: &Category, lang: &str) -> FirstHelp {
        FirstHelp {
            id: c.id.clone(),
            name: c.name.get(lang).to_string(),
            now: c
                .now
                .get(lang)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            calls: self
                .numbers_for(c)
                .into_iter()
                .map(|n| Call {
                    number: n.number.clone(),
                    web: n.web.clone(),
                    name: n.name.get(lang).to_string(),
                    when: n.when.get(lang).to_string(),
                })
                .collect(),
        }
    }

    /// Judges one message (see the module docs). When nothing fired, the message is read
    /// again: with its disguised words in letters ([`Message::undisguised`]), and, when in
    /// Latin letters, as Ukrainian typed in Latin letters ([`Message::cyrillic_reading`]),
    /// so every Ukrainian word in the lexicon also reaches `tato mene bje`.
    pub fn screen(&self, msg: &Message) -> Screening {
        self.judge(msg, true)
    }

    /// The category only, without the evidence: the web's path, where nobody reads why,
    /// so no rule's text is copied and the nearest examples are only looked up when the
    /// category depends on them.
    pub fn verdict(&self, msg: &Message) -> Option<usize> {
        self.judge(msg, false).category
    }

    /// [`Safety::screen`], with the evidence only when `why`.
    fn judge(&self, msg: &Message, why: bool) -> Screening {
        let first = self.screen_reading(msg, true, why);
        if first.category.is_some() {
            return first;
        }
        // A person's own words with letters disguised: the examples may judge it too.
        if let Some(plain) = msg.undisguised.as_deref() {
            let how = "læst med bogstaver for tal og tegn";
            if let Some(s) = self.second_reading(plain, true, how, why) {
                return s;
            }
        }
        // Rules only: the examples' likeness means little for a reading made by a machine.
        if let Some(cyrillic) = msg.cyrillic_reading(|w| self.site_words.contains(w)) {
            let how = "læst som ukrainsk med latinske bogstaver";
            if let Some(s) = self.second_reading(&cyrillic, false, how, why) {
                return s;
            }
        }
        first
    }

    /// Another reading of a message, when it finds a category; `how` says how it was read.
    fn second_reading(
        &self,
        reading: &Message,
        examples: bool,
        how: &str,
        why: bool,
    ) -> Option<Screening> {
        let mut s = self.screen_reading(reading, examples, why);
        s.category?;
        if why {
            let words: Vec<&str> = reading.tokens.iter().map(|t| t.word.as_str()).collect();
            s.reading = Some(format!("{how}: {}", words.join(" ")));
        }
        Some(s)
    }

    /// Judges one reading of a message; `examples`: ask the examples when no rule fired;
    /// `why`: keep the evidence.
    fn screen_reading(&self, msg: &Message, examples: bool, why: bool) -> Screening {
        let mut out = Screening::default();
        if msg.tokens.is_empty() {
            return out;
        }
        let scan = self.lexicon.scan(msg);
        let mut fired: Vec<Fired> = Vec::new();
        for hit in self.lexicon.hits(msg, &scan) {
            for &rule in self.by_pattern.get(&hit.pattern).into_iter().flatten() {
                fired.push(Fired {
                    rule,
                    pattern: hit.pattern,
                    spans: vec![hit.span],
                    negated: hit.negated,
                    cancelled: None,
                });
            }
        }
        // Combinations share their parts (@barn, @slå, …): each part is looked for once.
        let mut parts: HashMap<PatternId, Vec<Hit>> = HashMap::new();
        for rule in self.combinations.candidates(msg, &scan) {
            let r = &self.rules[rule];
            if let Some((spans, negated)) = self.combination(r, msg, &scan, &mut parts) {
                fired.push(Fired {
                    rule,
                    pattern: r.patterns[0],
                    spans,
                    negated,
                    cancelled: None,
                });
            }
        }
        // Words that mean something else right next to a hit (at most one word between:
        // "slog op med mig", "fik bank i håndbold").
        let mut unless: HashMap<usize, Vec<Span>> = HashMap::new();
        for f in fired.iter_mut().filter(|f| !self.rules[f.rule].firm) {
            let c = self.rules[f.rule].category;
            let spans = unless
                .entry(c)
                .or_insert_with(|| self.spans(&self.categories[c].unless, msg, &scan));
            f.cancelled = spans
                .iter()
                .find(|u| f.spans.iter().any(|s| next_to(msg, **u, *s)))
                .map(|&u| Cancel::Unless(words_at(msg, u)));
        }
        // A message about a subject ("en opgave om selvmord", "selvmord, til et projekt"):
        // hits it reaches do not count. (Nothing to cancel when nothing fired: most messages.)
        let about = if fired.is_empty() {
            Vec::new()
        } else {
            self.spans(&self.about.patterns, msg, &scan)
        };
        if !about.is_empty() {
            let enders = self.spans(&self.about.enders, msg, &scan);
            let after = self.spans(&self.about.enders_after, msg, &scan);
            for f in &mut fired {
                let hit = hull(&f.spans);
                if f.cancelled.is_none() {
                    f.cancelled = about
                        .iter()
                        .find(|a| about_covers(msg, **a, hit, &enders, &after))
                        .map(|&a| Cancel::About(words_at(msg, a)));
                }
            }
        }
        self.cancel_resolved(msg, &scan, &mut fired);
        // The evidence that counts: words and combinations, and two signs of one category.
        let mut strong: Vec<(usize, Span)> = Vec::new();
        let mut signs: Vec<Vec<(PatternId, Span)>> = vec![Vec::new(); self.categories.len()];
        for f in &fired {
            let r = &self.rules[f.rule];
            if why {
                out.evidence.push(Evidence::Rule {
                    category: r.category,
                    what: match (r.kind, r.firm) {
                        (RuleKind::Word, false) => "ord",
                        (RuleKind::Word, true) => "fast ord",
                        (RuleKind::Sign, _) => "tegn",
                        (RuleKind::Combination, false) => "kombination",
                        (RuleKind::Combination, true) => "fast kombination",
                    },
                    text: r.text.clone(),
                    file: r.loc.file.clone(),
                    line: r.loc.line,
                    negated: f.negated,
                    cancelled: f.cancelled.clone(),
                });
            }
            if f.negated || f.cancelled.is_some() {
                continue;
            }
            let span = hull(&f.spans);
            match r.kind {
                RuleKind::Sign => {
                    // Two signs count only when they are two things said: not the same
                    // pattern twice, and not two patterns on the same words.
                    let seen = signs[r.category].iter().any(|(p, s)| {
                        *p == f.pattern || (s.start < span.end && span.start < s.end)
                    });
                    if !seen {
                        signs[r.category].push((f.pattern, span));
                    }
                }
                _ => strong.push((r.category, span)),
            }
        }
        for (c, found) in signs.iter().enumerate() {
            if found.len() >= 2 {
                let spans: Vec<Span> = found.iter().map(|(_, s)| *s).collect();
                strong.push((c, hull(&spans)));
            }
        }
        let mut best = self.pick(&strong);
        // The second opinion, when no rule was sure: how much the message is like the acute
        // examples rather than the calm ones, and which acute examples are nearest.
        // Looked up at most once, and only when wanted.
        let nearest = std::cell::OnceCell::new();
        let near = || nearest.get_or_init(|| self.examples.nearest(msg, NEIGHBOURS));
        if why && examples {
            for nb in near().iter().take(5) {
                out.evidence.push(Evidence::Example {
                    category: *nb.label,
                    text: nb.text.to_string(),
                    similarity: nb.similarity,
                });
            }
        }
        // A danger word the writer denies ("jeg har aldrig tænkt på at gøre mig selv noget")
        // or says is over ("… men hun blev fundet") is not brought back by likeness alone;
        // a sign still counts.
        let denied = fired.iter().any(|f| {
            (f.negated && f.cancelled.is_none()) || matches!(f.cancelled, Some(Cancel::Resolved(_)))
        });
        if best.is_none() && examples {
            let p = self.likeness.score(msg);
            if why {
                out.evidence.push(Evidence::Likeness {
                    probability: p,
                    words: self.likeness.reasons(msg, 5),
                });
            }
            let signed = signs.iter().position(|s| !s.is_empty());
            let t = self.thresholds;
            if (p >= t.example_alone && !denied) || (p >= t.example_with_sign && signed.is_some()) {
                best = signed
                    .or_else(|| near().iter().find_map(|nb| *nb.label))
                    .or(Some(0));
            }
        }
        out.category = best;
        out
    }

    /// Cancels the hits that words later in the message say are over: a resolved phrase
    /// of the hit's category or of every category, after the hit (in any later sentence),
    /// not negated ("han er ikke fundet"), and with no reopening phrase from the hit on
    /// ("igen", "men nu"). Firm words and combinations stay, and so does a hit after the
    /// phrase.
    fn cancel_resolved(&self, msg: &Message, scan: &Scan, fired: &mut [Fired]) {
        if fired
            .iter()
            .all(|f| self.rules[f.rule].firm || f.cancelled.is_some())
        {
            return;
        }
        let open = |spans: Vec<Span>| -> Vec<Span> {
            spans
                .into_iter()
                .filter(|r| !self.lexicon.negated(msg, *r))
                .collect()
        };
        let shared = open(self.spans(&self.about.resolved, msg, scan));
        let reopen = std::cell::OnceCell::new();
        let mut by_category: HashMap<usize, Vec<Span>> = HashMap::new();
        for f in fired.iter_mut() {
            let r = &self.rules[f.rule];
            if r.firm || f.cancelled.is_some() {
                continue;
            }
            let own = by_category.entry(r.category).or_insert_with(|| {
                open(self.spans(&self.categories[r.category].resolved, msg, scan))
            });
            let hit = hull(&f.spans);
            // After the hit's first part: a combination's time word may belong to the
            // resolution ("smidt ud … bor hos sin moster nu").
            let first_end = f.spans.iter().map(|s| s.end).min().unwrap_or(hit.end);
            let Some(done) = own.iter().chain(&shared).find(|s| s.start >= first_end) else {
                continue;
            };
            // "igen", "stadig" after the hit or the phrase: it is not over ("skar igen, jeg
            // havde været clean i 2 år").
            let reopen: &Vec<Span> =
                reopen.get_or_init(|| self.spans(&self.about.reopen, msg, scan));
            // Not the phrase's own words, nor words leading into it ("men hun | var bare
            // hos en veninde").
            let part_of = |o: &Span| {
                (done.start <= o.start && o.end <= done.end)
                    || (o.end <= done.start && done.start - o.end <= 1)
            };
            if reopen.iter().any(|o| o.start >= hit.start && !part_of(o)) {
                continue;
            }
            f.cancelled = Some(Cancel::Resolved(words_at(msg, *done)));
        }
    }

    /// Where any of `patterns` occurs in the message.
    fn spans(&self, patterns: &[PatternId], msg: &Message, scan: &Scan) -> Vec<Span> {
        patterns
            .iter()
            .flat_map(|&p| self.lexicon.occurrences(p, msg, scan))
            .map(|h| h.span)
            .collect()
    }

    /// The category with the most evidence. A hit inside a longer hit of another category
    /// does not count ("slå mig" is violence, but "slå mig ihjel" is about suicide), and
    /// one stretch of text counts once; ties go to the lowest `order`.
    fn pick(&self, strong: &[(usize, Span)]) -> Option<usize> {
        let mut score = vec![0u32; self.categories.len()];
        let mut counted: Vec<(usize, Span)> = Vec::new();
        for &(c, s) in strong {
            let inside_longer = strong.iter().any(|&(c2, s2)| {
                c2 != c
                    && s2.start <= s.start
                    && s.end <= s2.end
                    && (s2.end - s2.start) > (s.end - s.start)
            });
            if inside_longer || counted.contains(&(c, s)) {
                continue;
            }
            counted.push((c, s));
            score[c] += 1;
        }
        (0..score.len()).filter(|&c| score[c] > 0).max_by(|&a, &b| {
            score[a]
                .cmp(&score[b])
                .then(self.categories[b].order.cmp(&self.categories[a].order))
        })
    }

    /// Whether every part of a combination stands in one sentence: the parts' spans, and
    /// whether a negation governs one of them (a sentence where none is negated wins).
    fn combination(
        &self,
        r: &Rule,
        msg: &Message,
        scan: &Scan,
        seen: &mut HashMap<PatternId, Vec<Hit>>,
    ) -> Option<(Vec<Span>, bool)> {
        // A part that is not there ends the search before the others are looked for.
        for &p in &r.patterns {
            let hits = seen
                .entry(p)
                .or_insert_with(|| self.lexicon.occurrences(p, msg, scan));
            if hits.is_empty() {
                return None;
            }
        }
        let found: Vec<&Vec<Hit>> = r.patterns.iter().map(|p| &seen[p]).collect();
        let sentence = |h: &Hit| msg.tokens[h.span.start].sentence;
        let mut result = None;
        for h in found[0] {
            let s = sentence(h);
            // Each part on words of its own ("lillesøster" is not both the one who hits and
            // the one hit), in the same sentence; not negated if there is a choice.
            let mut parts: Vec<&Hit> = vec![h];
            for hs in &found[1..] {
                let free = |x: &&Hit| {
                    sentence(x) == s
                        && parts
                            .iter()
                            .all(|p| x.span.end <= p.span.start || p.span.end <= x.span.start)
                };
                match hs.iter().filter(free).min_by_key(|x| x.negated) {
                    Some(x) => parts.push(x),
                    None => break,
                }
            }
            let parts = (parts.len() == found.len()).then_some(parts);
            if let Some(parts) = parts {
                let spans = parts.iter().map(|p| p.span).collect();
                if !parts.iter().any(|p| p.negated) {
                    return Some((spans, false));
                }
                result = Some((spans, true));
            }
        }
        result
    }

    /// The screening as lines for people (`findhjaelp guide explain`).
    pub fn explain(&self, s: &Screening) -> Vec<String> {
        let mut lines = vec![match s.category {
            Some(c) => format!(
                "akut: {} ({})",
                self.categories[c].id,
                self.categories[c].name.get("da")
            ),
            None => "akut: nej".to_string(),
        }];
        if let Some(reading) = &s.reading {
            lines.push(format!("  {reading}"));
        }
        for e in &s.evidence {
            lines.push(match e {
                Evidence::Rule {
                    category,
                    what,
                    text,
                    file,
                    line,
                    negated,
                    cancelled,
                } => format!(
                    "  {file}:{line}: {what} {text:?} → {}{}{}",
                    self.categories[*category].id,
                    if *negated {
                        " (nægtet, tæller ikke)"
                    } else {
                        ""
                    },
                    match cancelled {
                        Some(Cancel::Unless(w)) => format!(" (ophævet af unless-ordet {w:?})"),
                        Some(Cancel::About(w)) => format!(" (ophævet: handler om et emne, {w:?})"),
                        Some(Cancel::Resolved(w)) => format!(" (ophævet: overstået, {w:?})"),
                        None => String::new(),
                    }
                ),
                Evidence::Example {
                    category,
                    text,
                    similarity,
                } => format!(
                    "  eksempel {similarity:.2} {text:?} → {}",
                    category
                        .map(|c| self.categories[c].id.as_str())
                        .unwrap_or("roligt")
                ),
                Evidence::Likeness { probability, words } => format!(
                    "  ligner akutte eksempler: {probability:.2} (mest: {})",
                    words
                        .iter()
                        .map(|(w, x)| format!("{w} {x:.2}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        lines
    }
}

#[cfg(test)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Safety>();
}
