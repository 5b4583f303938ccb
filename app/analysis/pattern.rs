//! The word-pattern language that staff write chat rules and the acute lexicon in, and
//! the matcher that finds those patterns in a message however it is typed.
//!
//! One entry is one or more words; several words form a phrase (in that order, with up
//! to `gap` other words between them, never a negation and never across a sentence end).
//! Each word is one of:
//!
//! | written   | matches                                                                  |
//! |-----------|--------------------------------------------------------------------------|
//! | `slå`     | the word in any inflection (same Danish stem), with æøå or ae/oe/aa or a/o, with typos: one from 5 letters, two from 9 (`selvmrod`, `slevmordstanker` for `selvmordstanker`) |
//! | `selvmord*` | words that begin so (`selvmordstanker`), also with one typo in the beginning from 6 letters |
//! | `*selvmord*` | the letters anywhere inside a word (`tankerneomselvmord`), one typo from 7 letters |
//! | `=piller` | exactly that word (loose spelling, but no inflections and no typos: `spiller` is not `piller`) |
//! | `=drikke*` | words that begin exactly so, no typos |
//! | `@forælder` | any entry of the group `forælder` (groups are defined by the file that uses them) |
//! | `#`       | a number written in digits (`30`, `١٥`) |
//!
//! Typos are only forgiven in words the site does not know as correctly spelt words
//! ([`LexiconBuilder::known_words`]): `spiller` is a real word, so it is never read as a
//! typo of `piller`. Two words typed apart are also read as one (`selv mord`).
//!
//! A hit is *negated* when a negation word (`ikke`, `aldrig`, `not`, …) stands up to
//! `negation_window` words before it in the same clause, with no word in between that
//! starts a new statement (`men`, `og`, `jeg`, `but`, …: the `scope_enders`). So "jeg har
//! aldrig haft selvmordstanker" is negated, "ingen forstår mig jeg vil dø" is not. A
//! negation word right after the words, ending their clause, negates them too: Danish puts
//! it there in a main clause ("han slog mig ikke, han tog bare min switch"). Followed by
//! more words it does not ("slår mig ikke bare én gang", "slår mig ikke når mor er hjemme").

use super::distance::{infix_within, prefix_within, within};
use super::{loose, Message, Token};
use std::collections::{HashMap, HashSet};

/// How one pattern word matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Word,
    Prefix,
    Infix,
    Exact,
    ExactPrefix,
}

#[derive(Debug, Clone)]
struct WordPat {
    kind: Kind,
    /// ASCII spelling as written (`nøgen` → `noegen`): a loose-only match (`nogen`) is
    /// not trusted when the typed word is itself a known word.
    folded: String,
    loose: String,
    letters: Vec<char>,
    stem: String,
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Word(u32),
    Group(u32),
    Number,
}

/// Inflections are matched through stems only when the stem has this many letters.
const MIN_STEM: usize = 4;

/// The word id under which patterns that start with a number are indexed.
const NUMBER: u32 = u32::MAX;

/// Index of a compiled pattern in its [`Lexicon`].
pub type PatternId = u32;

#[derive(Debug, Clone)]
struct Pattern {
    slots: Vec<Slot>,
    /// `tight[k]`: slot `k` must follow slot `k - 1` directly (written `tage+hjem`).
    tight: Vec<bool>,
}

/// Settings of the matcher (the defaults are the ones the guide has always used).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Words allowed between the words of a phrase.
    pub gap: usize,
    pub negations: Vec<String>,
    /// How many words before a hit a negation is looked for.
    pub negation_window: usize,
    /// Words that end a negation's reach (a new statement starts).
    pub scope_enders: Vec<String>,
    /// Words a negation reaches through without counting them ("aldrig *haft tanker om
    /// at* skade mig selv").
    pub negation_through: Vec<String>,
    /// Word length from which one typo is forgiven; from `two_typos_from`, two.
    pub typo_from: usize,
    pub two_typos_from: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            gap: 1,
            negations: ["ikke", "aldrig", "ingen", "intet", "not", "never", "no"]
                .map(String::from)
                .to_vec(),
            negation_window: 3,
            scope_enders: Vec::new(),
            negation_through: Vec::new(),
            typo_from: 5,
            two_typos_from: 9,
        }
    }
}

/// Where a pattern was found: tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// The pattern words each token of a message matches (found once per message, then
/// every pattern is checked against these lists).
#[derive(Debug, Default)]
pub struct Scan {
    /// Word ids matched by token `i`, sorted.
    one: Vec<Vec<u32>>,
    /// Word ids matched by tokens `i` and `i + 1` written together (`selv mord`).
    two: Vec<Vec<u32>>,
}

impl Scan {
    /// Every (token, word id) a pattern may start at: the words each token matches, alone
    /// or written together with the next, and [`NUMBER`] at a number.
    fn starts<'a>(&'a self, msg: &'a Message) -> impl Iterator<Item = (usize, u32)> + 'a {
        self.one.iter().enumerate().flat_map(move |(i, ids)| {
            let number = is_number(&msg.tokens[i]).then_some(NUMBER);
            ids.iter()
                .chain(&self.two[i])
                .copied()
                .chain(number)
                .map(move |w| (i, w))
        })
    }
}

/// Items (rules) indexed by the words their pattern can start with
/// ([`Lexicon::index_by_first`]).
#[derive(Debug, Default)]
pub struct FirstIndex<T> {
    by_word: HashMap<u32, Vec<T>>,
}

impl<T: Copy + Ord> FirstIndex<T> {
    /// The items whose pattern can start at some word of the message, sorted: a
    /// superset of those that occur.
    pub fn candidates(&self, msg: &Message, scan: &Scan) -> Vec<T> {
        let mut out = Vec::new();
        for (_, w) in scan.starts(msg) {
            out.extend(self.by_word.get(&w).into_iter().flatten());
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Compiles patterns (and the groups they use) into a [`Lexicon`].
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    settings: Settings,
    words: Vec<WordPat>,
    word_ids: HashMap<(Kind, String), u32>,
    patterns: Vec<Pattern>,
    top: Vec<bool>,
    groups: Vec<Vec<PatternId>>,
    group_ids: HashMap<String, u32>,
    /// Groups defined now belong to this file only (`None`: shared by every file).
    scope: Option<String>,
    known: HashSet<String>,
}

impl LexiconBuilder {
    /// Groups defined after this belong to `scope` (a file), and patterns compiled after it
    /// see that file's groups before the shared ones. `None` goes back to shared groups.
    pub fn set_scope(&mut self, scope: Option<&str>) {
        self.scope = scope.map(str::to_string);
    }

    fn group_key(&self, name: &str, scoped: bool) -> String {
        let name = loose(&name.to_lowercase());
        match (&self.scope, scoped) {
            (Some(s), true) => format!("{s}/{name}"),
            _ => name,
        }
    }

    pub fn new(settings: Settings) -> LexiconBuilder {
        LexiconBuilder {
            settings,
            ..Default::default()
        }
    }

    /// Defines a group (`@name` in later patterns) as the list of its entries. A group may
    /// use groups defined before it.
    pub fn group(&mut self, name: &str, entries: &[&str]) -> Result<(), String> {
        let key = self.group_key(name, true);
        if self.group_ids.contains_key(&key) {
            return Err(format!("Gruppen @{name} er defineret to gange."));
        }
        let mut members = Vec::new();
        for e in entries {
            members.push(self.compile(e, false)?);
        }
        self.group_ids.insert(key, self.groups.len() as u32);
        self.groups.push(members);
        Ok(())
    }

    /// Compiles one entry as a pattern to look for. The error says what is wrong with it.
    pub fn pattern(&mut self, entry: &str) -> Result<PatternId, String> {
        self.compile(entry, true)
    }

    /// Compiles an entry that is only matched on request ([`Lexicon::occurrences`]), e.g.
    /// the parts of a combination.
    pub fn part(&mut self, entry: &str) -> Result<PatternId, String> {
        self.compile(entry, false)
    }

    /// Correctly spelt words (from the site's own texts): typos are not forgiven in them.
    pub fn known_words<'a>(&mut self, texts: impl IntoIterator<Item = &'a str>) {
        self.known.extend(folded_words(texts));
    }

    /// Correctly spelt words, already folded ([`folded_words`]).
    pub fn known_folded<'a>(&mut self, words: impl IntoIterator<Item = &'a String>) {
        self.known.extend(words.into_iter().cloned());
    }

    fn compile(&mut self, entry: &str, top: bool) -> Result<PatternId, String> {
        let mut slots = Vec::new();
        let mut tight = Vec::new();
        for part in entry.split_whitespace() {
            // `tage+hjem`: the words joined by + follow each other directly.
            for (k, piece) in part.split('+').enumerate() {
                let before = slots.len();
                self.compile_part(piece, &mut slots)?;
                tight.extend((before..slots.len()).map(|i| k > 0 && i == before));
            }
        }
        if slots.is_empty() {
            return Err(format!(
                "\"{entry}\" indeholder ingen ord. Skriv mindst ét ord."
            ));
        }
        self.patterns.push(Pattern { slots, tight });
        self.top.push(top);
        Ok((self.patterns.len() - 1) as PatternId)
    }

    /// One space-separated part of an entry: `#`, `@group`, or a word with `=` and `*`.
    fn compile_part(&mut self, part: &str, slots: &mut Vec<Slot>) -> Result<(), String> {
        if part == "#" {
            slots.push(Slot::Number);
            return Ok(());
        }
        if let Some(name) = part.strip_prefix('@') {
            let id = self
                .group_ids
                .get(&self.group_key(name, true))
                .or_else(|| self.group_ids.get(&self.group_key(name, false)))
                .ok_or_else(|| {
                    format!("Gruppen @{name} findes ikke (endnu). Definér den før den bruges, eller ret navnet.")
                })?;
            slots.push(Slot::Group(*id));
            return Ok(());
        }
        let exact = part.starts_with('=');
        let core = part.trim_start_matches('=');
        let infix = !exact && core.starts_with('*') && core.ends_with('*') && core.len() > 2;
        let prefix = core.ends_with('*') && !infix;
        let core = core.trim_matches('*');
        let words = super::message_words(core);
        let n = words.len();
        for (i, w) in words.into_iter().enumerate() {
            let last = i + 1 == n;
            let kind = match (exact, infix && n == 1, prefix && last) {
                (_, true, _) => Kind::Infix,
                (true, _, true) => Kind::ExactPrefix,
                (true, _, false) => Kind::Exact,
                (false, _, true) => Kind::Prefix,
                (false, _, false) => Kind::Word,
            };
            slots.push(Slot::Word(self.word(kind, &w)));
        }
        Ok(())
    }

    /// The id of a pattern word; the same word written the same way is stored once (two
    /// words with one loose key, like `dør` and `door`, stay apart).
    fn word(&mut self, kind: Kind, w: &str) -> u32 {
        let folded = super::fold(w);
        if let Some(&id) = self.word_ids.get(&(kind, folded.clone())) {
            return id;
        }
        let key = loose(w);
        let id = self.words.len() as u32;
        self.words.push(WordPat {
            kind,
            folded: folded.clone(),
            letters: key.chars().collect(),
            stem: super::fold(&super::stem(w)),
            loose: key,
        });
        self.word_ids.insert((kind, folded), id);
        id
    }

    pub fn build(mut self) -> Lexicon {
        let s = &self.settings;
        let mut lex = Lexicon {
            negations: s
                .negations
                .iter()
                .map(|w| loose(&w.to_lowercase()))
                .collect(),
            scope_enders: s
                .scope_enders
                .iter()
                .map(|w| loose(&w.to_lowercase()))
                .collect(),
            negation_through: s
                .negation_through
                .iter()
                .map(|w| loose(&w.to_lowercase()))
                .collect(),
            ..Lexicon::default()
        };
        for w in &self.words {
            self.known.insert(w.folded.clone());
        }
        for (id, w) in self.words.iter().enumerate() {
            let id = id as u32;
            let n = w.letters.len();
            match w.kind {
                Kind::Word => {
                    lex.by_loose.entry(w.loose.clone()).or_default().push(id);
                    // Short stems say little (the stemmer makes "ham" of "hammer").
                    if w.stem.chars().count() >= MIN_STEM {
                        lex.by_stem.entry(w.stem.clone()).or_default().push(id);
                    }
                    let typos = typos_for(s, n);
                    if typos > 0 {
                        lex.by_deletion.extend(
                            deletion_keys(&w.letters, typos)
                                .into_iter()
                                .map(|k| (k, id)),
                        );
                    }
                }
                Kind::Exact => lex.by_loose.entry(w.loose.clone()).or_default().push(id),
                Kind::Prefix | Kind::ExactPrefix => {
                    lex.by_prefix.entry(w.loose.clone()).or_default().push(id);
                    if !lex.prefix_lens.contains(&n) {
                        lex.prefix_lens.push(n);
                    }
                    if w.kind == Kind::Prefix && n > s.typo_from {
                        if let Some(&c) = w.letters.first() {
                            lex.typo_prefixes.entry(c).or_default().push(id);
                        }
                    }
                }
                Kind::Infix => {
                    lex.infixes.push(id);
                    if n >= s.typo_from + 2 {
                        lex.typo_infixes.push(id);
                    }
                }
            }
        }
        let infix_keys = lex.infixes.iter().map(|&id| &self.words[id as usize].loose);
        lex.infix_finder = aho_corasick::AhoCorasick::new(infix_keys).ok();
        let halves = lex.typo_infixes.iter().flat_map(|&id| {
            let letters = &self.words[id as usize].letters;
            let (a, b) = letters.split_at(letters.len() / 2);
            [a.iter().collect::<String>(), b.iter().collect::<String>()]
        });
        lex.typo_infix_halves = aho_corasick::AhoCorasick::new(halves).ok();
        // Which words each pattern can start with (through groups too), and which top-level
        // patterns start with which word.
        for (pid, p) in self.patterns.iter().enumerate() {
            let mut firsts = HashSet::new();
            first_words(&self.patterns, &self.groups, p, &mut firsts);
            let mut firsts: Vec<u32> = firsts.into_iter().collect();
            firsts.sort_unstable();
            if self.top[pid] {
                for &w in &firsts {
                    lex.starts.entry(w).or_default().push(pid as PatternId);
                }
            }
            lex.firsts.push(firsts);
        }
        lex.by_deletion.sort_unstable();
        lex.by_deletion.shrink_to_fit();
        lex.words = self.words;
        lex.patterns = self.patterns;
        lex.groups = self.groups;
        lex.known = self.known;
        lex.settings = self.settings;
        lex
    }
}

/// The words of `texts`, split as messages are and folded ([`super::fold`]).
pub fn folded_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    texts
        .into_iter()
        .flat_map(super::message_words)
        .map(|w| super::fold(&w))
        .collect()
}

fn first_words(
    patterns: &[Pattern],
    groups: &[Vec<PatternId>],
    p: &Pattern,
    out: &mut HashSet<u32>,
) {
    match p.slots.first() {
        Some(Slot::Word(w)) => {
            out.insert(*w);
        }
        Some(Slot::Group(g)) => {
            for &m in &groups[*g as usize] {
                first_words(patterns, groups, &patterns[m as usize], out);
            }
        }
        Some(Slot::Number) => {
            out.insert(NUMBER);
        }
        None => {}
    }
}

fn typos_for(s: &Settings, len: usize) -> u8 {
    if len >= s.two_typos_from {
        2
    } else if len >= s.typo_from {
        1
    } else {
        0
    }
}

/// Keys of every string made from `letters` by deleting up to `max` (at most 2) letters:
/// the look-up keys of a deletion index (two words within `max` edits share one of them).
/// Hashes, not strings: the index of a large lexicon stays small, and a typed word's keys
/// cost no allocation each. A rare collision only adds a candidate, which is then checked.
fn deletion_keys(letters: &[char], max: u8) -> Vec<u64> {
    use std::hash::Hasher;
    let n = letters.len();
    let key = |skip: [usize; 2]| {
        let mut h = rustc_hash::FxHasher::default();
        for (i, c) in letters.iter().enumerate() {
            if i != skip[0] && i != skip[1] {
                h.write_u32(*c as u32);
            }
        }
        h.write_usize(n - skip.iter().filter(|&&i| i < n).count());
        h.finish()
    };
    let mut out = vec![key([usize::MAX; 2])];
    if max >= 1 {
        out.extend((0..n).map(|i| key([i, usize::MAX])));
    }
    if max >= 2 {
        out.extend(
            (0..n)
                .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
                .map(|(i, j)| key([i, j])),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Compiled patterns with the indexes that find, for each typed word, the pattern words
/// it matches. Immutable and `Send + Sync`.
#[derive(Debug, Default)]
pub struct Lexicon {
    settings: Settings,
    words: Vec<WordPat>,
    patterns: Vec<Pattern>,
    groups: Vec<Vec<PatternId>>,
    known: HashSet<String>,
    negations: HashSet<String>,
    scope_enders: HashSet<String>,
    negation_through: HashSet<String>,
    by_loose: HashMap<String, Vec<u32>>,
    by_stem: HashMap<String, Vec<u32>>,
    /// (deletion key, word), sorted by key ([`deletion_keys`]).
    by_deletion: Vec<(u64, u32)>,
    by_prefix: HashMap<String, Vec<u32>>,
    prefix_lens: Vec<usize>,
    typo_prefixes: HashMap<char, Vec<u32>>,
    infixes: Vec<u32>,
    /// Finds every infix word inside a word in one pass (match `i` is `infixes[i]`).
    infix_finder: Option<aho_corasick::AhoCorasick>,
    /// The infix words long enough to be found with a typo in them …
    typo_infixes: Vec<u32>,
    /// … found through their halves: one typo leaves one half of the word as written, so
    /// only a word with a half inside the typed word is compared letter by letter (match
    /// `i` is a half of `typo_infixes[i / 2]`).
    typo_infix_halves: Option<aho_corasick::AhoCorasick>,
    starts: HashMap<u32, Vec<PatternId>>,
    /// The words each pattern can start with, sorted ([`NUMBER`] for a number).
    firsts: Vec<Vec<u32>>,
}

impl Lexicon {
    /// Finds the pattern words every token matches: the one pass over the message that
    /// all pattern checks then share.
    pub fn scan(&self, msg: &Message) -> Scan {
        let toks = &msg.tokens;
        let mut scan = Scan {
            one: Vec::with_capacity(toks.len()),
            two: Vec::with_capacity(toks.len()),
        };
        for (i, t) in toks.iter().enumerate() {
            let mut ids = Vec::new();
            self.scan_word(t, true, &mut ids);
            scan.one.push(ids);
            let mut joined_ids = Vec::new();
            // Two words typed apart may be one ("selv mord"), but a negation in front of a
            // word is not part of it ("ikke selvmord").
            if let Some(next) = toks
                .get(i + 1)
                .filter(|n| n.sentence == t.sentence && !self.negations.contains(&t.loose))
            {
                let joined = Token::new(&format!("{}{}", t.word, next.word), t.sentence, t.clause);
                self.scan_word(&joined, false, &mut joined_ids);
                // The pattern word must take in the second word, not just end in its first
                // letter: "selv mordet" is `selvmord`, "man det" is not `mand`.
                let first = t.letters.len();
                joined_ids.retain(|&id| self.words[id as usize].letters.len() >= first + 2);
            }
            scan.two.push(joined_ids);
        }
        scan
    }

    fn scan_word(&self, t: &Token, typos: bool, out: &mut Vec<u32>) {
        let s = &self.settings;
        let n = t.letters.len();
        // A word the site knows as correctly spelt (from 3 letters) is taken as written:
        // no typo is forgiven in it, and `nogen` is not `nøgen`, nor `har` `hår`.
        // Known by its spelling (æøå as ae/oe/aa), not by its loose key: `slar` is no word,
        // so it may be `slår`.
        let known = n >= 3 && self.known.contains(&t.folded);
        if let Some(ids) = self.by_loose.get(&t.loose) {
            out.extend(
                ids.iter()
                    .filter(|&&id| !known || self.words[id as usize].folded == t.folded),
            );
        }
        if let Some(ids) = self.by_stem.get(&t.stem) {
            out.extend(ids);
        }
        let mut key = String::new();
        for &len in &self.prefix_lens {
            if len <= n {
                key.clear();
                key.extend(&t.letters[..len]);
                if let Some(ids) = self.by_prefix.get(&key) {
                    out.extend(ids.iter().filter(|&&id| {
                        !known || t.folded.starts_with(&self.words[id as usize].folded)
                    }));
                }
            }
        }
        // Joined words (`typos == false`) are only compared whole, not searched inside.
        if typos {
            if let Some(finder) = &self.infix_finder {
                let found = finder.find_overlapping_iter(&t.loose);
                out.extend(found.map(|m| self.infixes[m.pattern().as_usize()]));
            }
            if let (false, Some(halves)) = (known, &self.typo_infix_halves) {
                let mut candidates: Vec<u32> = halves
                    .find_overlapping_iter(&t.loose)
                    .map(|m| self.typo_infixes[m.pattern().as_usize() / 2])
                    .collect();
                candidates.sort_unstable();
                candidates.dedup();
                out.extend(candidates.into_iter().filter(|&id| {
                    infix_within(&self.words[id as usize].letters, &t.letters, 1).is_some()
                }));
            }
        }
        // Typos: like most spelling correctors, trust the first letter.
        if typos && !known {
            if let Some(first) = t.letters.first() {
                if n + 1 >= s.typo_from {
                    let max = if n + 2 >= s.two_typos_from { 2 } else { 1 };
                    for d in deletion_keys(&t.letters, max) {
                        let from = self.by_deletion.partition_point(|(k, _)| *k < d);
                        let same = self.by_deletion[from..].iter().take_while(|(k, _)| *k == d);
                        for &(_, id) in same {
                            let w = &self.words[id as usize];
                            let allowed = typos_for(s, w.letters.len().min(n));
                            if w.letters.first() == Some(first)
                                && within(&w.letters, &t.letters, allowed).is_some()
                            {
                                out.push(id);
                            }
                        }
                    }
                }
                for &id in self.typo_prefixes.get(first).into_iter().flatten() {
                    let w = &self.words[id as usize];
                    if n + 1 >= w.letters.len()
                        && prefix_within(&w.letters, &t.letters, 1).is_some()
                    {
                        out.push(id);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Every top-level pattern found in the message, with where, and whether a negation
    /// stands before it.
    pub fn hits(&self, msg: &Message, scan: &Scan) -> Vec<Hit> {
        let mut out: Vec<Hit> = Vec::new();
        let mut tried: HashSet<(PatternId, usize)> = HashSet::new();
        for (i, w) in scan.starts(msg) {
            for &pid in self.starts.get(&w).into_iter().flatten() {
                if !tried.insert((pid, i)) {
                    continue;
                }
                if let Some(end) = self.match_at(pid, msg, scan, i) {
                    let span = Span { start: i, end };
                    out.push(Hit {
                        pattern: pid,
                        span,
                        negated: self.negated(msg, span),
                    });
                }
            }
        }
        out
    }

    /// The words pattern `pid` can start with, sorted.
    pub fn firsts_of(&self, pid: PatternId) -> &[u32] {
        &self.firsts[pid as usize]
    }

    /// An index of `items` by the words their pattern can start with, so that a message
    /// finds the items whose pattern may occur in it without trying every one.
    pub fn index_by_first<T: Copy>(
        &self,
        items: impl IntoIterator<Item = (PatternId, T)>,
    ) -> FirstIndex<T> {
        let mut by_word: HashMap<u32, Vec<T>> = HashMap::new();
        for (pid, item) in items {
            for &w in &self.firsts[pid as usize] {
                by_word.entry(w).or_default().push(item);
            }
        }
        FirstIndex { by_word }
    }

    /// Every place a (non-top-level) pattern is found.
    pub fn occurrences(&self, pid: PatternId, msg: &Message, scan: &Scan) -> Vec<Hit> {
        let firsts = &self.firsts[pid as usize];
        // Only where one of the words the pattern can start with was found.
        let may_start = |i: usize| {
            let found = |ids: Option<&Vec<u32>>| {
                ids.is_some_and(|ids| ids.iter().any(|w| firsts.binary_search(w).is_ok()))
            };
            found(scan.one.get(i))
                || found(scan.two.get(i))
                || (is_number(&msg.tokens[i]) && firsts.binary_search(&NUMBER).is_ok())
        };
        (0..msg.tokens.len())
            .filter(|&i| may_start(i))
            .filter_map(|i| {
                self.match_at(pid, msg, scan, i).map(|end| {
                    let span = Span { start: i, end };
                    Hit {
                        pattern: pid,
                        span,
                        negated: self.negated(msg, span),
                    }
                })
            })
            .collect()
    }

    /// Whether pattern `pid` matches starting at token `start`; the end of the match.
    fn match_at(&self, pid: PatternId, msg: &Message, scan: &Scan, start: usize) -> Option<usize> {
        let p = &self.patterns[pid as usize];
        self.match_slots(
            &p.slots,
            &p.tight,
            msg,
            scan,
            start,
            msg.tokens.get(start)?.sentence,
        )
    }

    /// Matches `slots` with the first one at `pos` and the rest after it within the gap.
    fn match_slots(
        &self,
        slots: &[Slot],
        tight: &[bool],
        msg: &Message,
        scan: &Scan,
        pos: usize,
        sentence: u32,
    ) -> Option<usize> {
        let (first, rest) = slots.split_first()?;
        let rest_tight = tight.get(1..).unwrap_or(&[]);
        for end in self.slot_ends(*first, msg, scan, pos, sentence) {
            if rest.is_empty() {
                return Some(end);
            }
            // The next word may come after up to `gap` other words (none when written
            // with +): not negations, and not in the next sentence.
            let gap = if rest_tight.first() == Some(&true) {
                0
            } else {
                self.settings.gap
            };
            for next in end..(end + 1 + gap).min(msg.tokens.len()) {
                let t = &msg.tokens[next];
                if t.sentence != sentence {
                    break;
                }
                if let Some(e) = self.match_slots(rest, rest_tight, msg, scan, next, sentence) {
                    return Some(e);
                }
                if self.negations.contains(&t.loose) {
                    break;
                }
            }
        }
        None
    }

    /// The possible ends of `slot` matched at `pos`.
    fn slot_ends(
        &self,
        slot: Slot,
        msg: &Message,
        scan: &Scan,
        pos: usize,
        sentence: u32,
    ) -> Vec<usize> {
        let mut ends = Vec::new();
        match slot {
            Slot::Word(w) => {
                if scan
                    .one
                    .get(pos)
                    .is_some_and(|ids| ids.binary_search(&w).is_ok())
                {
                    ends.push(pos + 1);
                }
                if scan
                    .two
                    .get(pos)
                    .is_some_and(|ids| ids.binary_search(&w).is_ok())
                {
                    ends.push(pos + 2);
                }
            }
            Slot::Group(g) => {
                for &m in &self.groups[g as usize] {
                    let p = &self.patterns[m as usize];
                    if let Some(e) = self.match_slots(&p.slots, &p.tight, msg, scan, pos, sentence)
                    {
                        ends.push(e);
                    }
                }
            }
            Slot::Number => {
                if msg.tokens.get(pos).is_some_and(is_number) {
                    ends.push(pos + 1);
                }
            }
        }
        ends
    }

    /// Whether a negation governs the words at `span` (see the module docs).
    pub fn negated(&self, msg: &Message, span: Span) -> bool {
        self.negation_before(msg, span.start) || self.negation_closes(msg, span.end)
    }

    /// A negation word at `end` that ends the clause of the words before it.
    fn negation_closes(&self, msg: &Message, end: usize) -> bool {
        let toks = &msg.tokens;
        let (Some(last), Some(neg)) = (end.checked_sub(1).and_then(|i| toks.get(i)), toks.get(end))
        else {
            return false;
        };
        neg.clause == last.clause
            && self.negations.contains(&neg.loose)
            && toks
                .get(end + 1)
                .is_none_or(|next| next.clause != neg.clause)
    }

    /// A negation word up to `negation_window` words before `start`, in its clause.
    fn negation_before(&self, msg: &Message, start: usize) -> bool {
        let toks = &msg.tokens;
        let Some(at) = toks.get(start) else {
            return false;
        };
        let mut counted = 0;
        for j in (0..start).rev() {
            let t = &toks[j];
            if t.clause != at.clause {
                return false;
            }
            if self.negations.contains(&t.loose) {
                return true;
            }
            if self.scope_enders.contains(&t.loose) {
                return false;
            }
            if !self.negation_through.contains(&t.loose) {
                counted += 1;
                if counted >= self.settings.negation_window {
                    return false;
                }
            }
        }
        false
    }

    /// Whether a token is a negation word.
    pub fn is_negation(&self, t: &Token) -> bool {
        self.negations.contains(&t.loose)
    }

    /// Whether token `i` alone matches pattern `pid`'s first word (for age patterns).
    pub fn token_matches(&self, pid: PatternId, scan: &Scan, i: usize) -> bool {
        match self.patterns[pid as usize].slots.first() {
            Some(Slot::Word(w)) => scan
                .one
                .get(i)
                .is_some_and(|ids| ids.binary_search(w).is_ok()),
            _ => false,
        }
    }

    /// How many pattern words the lexicon holds (for the benchmark notes).
    pub fn num_words(&self) -> usize {
        self.words.len()
    }
}

fn is_number(t: &Token) -> bool {
    !t.loose.is_empty() && t.loose.len() <= 4 && t.loose.bytes().all(|b| b.is_ascii_digit())
}

/// One pattern found in a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub pattern: PatternId,
    pub span: Span,
    pub negated: bool,
}

#[cfg(test)]
mod tests {
    use super::super::Spelling;
    use super::*;

    fn lexicon(entries: &[&str]) -> (Lexicon, Vec<PatternId>) {
        let mut b = LexiconBuilder::new(Settings {
            gap: 2,
            scope_enders: ["og", "men", "jeg", "but", "and"]
                .map(String::from)
                .to_vec(),
            ..Settings::default()
        });
        b.group("forælder", &["far", "mor", "min stedfar", "my dad"])
            .unwrap();
        b.known_words(["han spiller computer", "alle slags"]);
        let ids = entries.iter().map(|e| b.pattern(e).unwrap()).collect();
        (b.build(), ids)
    }

    fn found(lex: &Lexicon, text: &str) -> Vec<(PatternId, bool)> {
        let msg = Message::read(text, &Spelling::from_pairs(&[("ik", "ikke")]));
        let scan = lex.scan(&msg);
        let mut hits: Vec<(PatternId, bool)> = lex
            .hits(&msg, &scan)
            .iter()
            .map(|h| (h.pattern, h.negated))
            .collect();
        hits.sort();
        hits.dedup();
        hits
    }

    #[test]
    fn words_survive_typing() {
        let (lex, ids) = lexicon(&["selvmord*", "selvskade", "=piller", "*overdosis*", "dø"]);
        let [selvmord, selvskade, piller, overdosis, doe] = ids[..] else {
            unreachable!()
        };
        for text in [
            "selvmordstanker",
            "selvmordstankr",
            "selvmorstanker",
            "slevmordstanker",
            "SELVMORDSTANKER!!",
            "selv mords tanker",
        ] {
            assert_eq!(found(&lex, text), [(selvmord, false)], "{text}");
        }
        for text in [
            "selvskade",
            "selvskadde",
            "selvsakde",
            "selv skade",
            "selvskad",
        ] {
            assert_eq!(found(&lex, text), [(selvskade, false)], "{text}");
        }
        assert_eq!(found(&lex, "piller"), [(piller, false)]);
        assert_eq!(found(&lex, "han spiller"), []);
        assert_eq!(found(&lex, "tog en overdosis"), [(overdosis, false)]);
        assert_eq!(found(&lex, "fik overdossis"), [(overdosis, false)]);
        assert_eq!(found(&lex, "jeg vil do"), [(doe, false)]);
        assert_eq!(found(&lex, "jeg vil doe"), [(doe, false)]);
    }

    #[test]
    fn phrases_groups_and_gaps() {
        let (lex, ids) = lexicon(&["@forælder slår mig", "vil dø", "ikke leve mere"]);
        let [slaar, vil_doe, leve] = ids[..] else {
            unreachable!()
        };
        assert_eq!(found(&lex, "min far slår mig"), [(slaar, false)]);
        assert_eq!(found(&lex, "min stedfar han slaar mig"), [(slaar, false)]);
        assert_eq!(found(&lex, "my dad slår mig"), [(slaar, false)]);
        assert_eq!(found(&lex, "far. slår mig"), []);
        assert_eq!(found(&lex, "jeg vil bare dø"), [(vil_doe, false)]);
        assert_eq!(
            found(&lex, "jeg vil ikke dø"),
            [],
            "a skipped word may not be a negation"
        );
        assert_eq!(found(&lex, "vil ik leve mere"), [(leve, false)]);
        assert_eq!(found(&lex, "vil ik leve mere"), [(leve, false)]);
    }

    #[test]
    fn negation_only_within_its_statement() {
        let (lex, ids) = lexicon(&["selvmordstanker", "vil dø"]);
        let [tanker, doe] = ids[..] else {
            unreachable!()
        };
        assert_eq!(
            found(&lex, "jeg har aldrig haft selvmordstanker"),
            [(tanker, true)]
        );
        assert_eq!(found(&lex, "ingen forstår mig jeg vil dø"), [(doe, false)]);
        assert_eq!(found(&lex, "kan ikke mere jeg vil dø"), [(doe, false)]);
        assert_eq!(
            found(&lex, "ikke sikker, men selvmordstanker"),
            [(tanker, false)]
        );
        assert_eq!(
            found(&lex, "ikke sikker men selvmordstanker"),
            [(tanker, false)]
        );
    }
}
