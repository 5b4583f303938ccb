//! A problem found in a content file: where it is and what to do about it.
//! The checker, `serve` at start-up and the live reload all print these the same way.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// What a warning is about, so `serve` can sum many of them up in one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    /// A contact detail is `ukendt` or missing.
    Contact,
    /// A fact is `ukendt`.
    Facts,
    /// A phone number, hours or ages are stated without a source.
    Sources,
    /// The text is due for review.
    Review,
    /// No translated title, summary or facts in a language of the site.
    Translation,
    /// The Danish text is harder to read than its readers need (LIX).
    Readability,
}

impl Topic {
    pub const ALL: [Topic; 6] = [
        Topic::Contact,
        Topic::Facts,
        Topic::Sources,
        Topic::Review,
        Topic::Translation,
        Topic::Readability,
    ];

    /// Completes "N items …" in the start-up summary.
    fn summary(self) -> &'static str {
        match self {
            Topic::Contact => "lack contact details",
            Topic::Facts => "have facts marked \"ukendt\"",
            Topic::Sources => "state phone numbers, hours or ages without a source",
            Topic::Review => "are due for review",
            Topic::Translation => "lack translated text",
            Topic::Readability => "are hard to read (LIX)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Path relative to the content folder, e.g. `tilbud/ssp.da.md`.
    pub path: String,
    /// 1-based line number; 0 when the problem concerns the whole file.
    pub line: usize,
    pub severity: Severity,
    /// Plain-language explanation that says how to fix it.
    pub message: String,
    /// What the warning is about, for the start-up summary; `None` for everything else.
    pub topic: Option<Topic>,
}

impl Problem {
    pub fn error(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line,
            severity: Severity::Error,
            message: message.into(),
            topic: None,
        }
    }
    pub fn warning(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line,
            severity: Severity::Warning,
            message: message.into(),
            topic: None,
        }
    }
    /// Tags the problem with what it is about.
    pub fn about(mut self, topic: Topic) -> Self {
        self.topic = Some(topic);
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}: {}: {}",
            self.path,
            self.line.max(1),
            kind,
            self.message
        )
    }
}

/// Whether a build keeps every warning with its text (`findhjaelp check`, tests) or only
/// counts them ([`Tally`]) for the one-line summary (`serve`, reloads). At 10,000 items
/// there are about 90,000 warnings: made and kept until the end of a build, their texts
/// sat between the snapshot's long-lived data and left holes the allocator could not give
/// back (with them, start-up and three reloads took the process from 172 to 206 MB;
/// without them, from 133 to 147 MB).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warnings {
    Listed,
    Counted,
}

/// What the start-up summary says about warnings: per topic, how many files have one;
/// how many have no topic; how many there are in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    files: [usize; Topic::ALL.len()],
    other: usize,
    pub total: usize,
}

impl Tally {
    /// The tally of a list of warnings (errors are not counted).
    pub fn of(problems: &[Problem]) -> Tally {
        use std::collections::BTreeSet;
        let mut paths: [BTreeSet<&str>; Topic::ALL.len()] = Default::default();
        let mut t = Tally::default();
        for w in problems.iter().filter(|p| !p.is_error()) {
            t.total += 1;
            match w.topic {
                Some(topic) => {
                    paths[topic as usize].insert(&w.path);
                }
                None => t.other += 1,
            }
        }
        for (n, paths) in t.files.iter_mut().zip(&paths) {
            *n = paths.len();
        }
        t
    }

    pub fn add(&mut self, other: Tally) {
        for (a, b) in self.files.iter_mut().zip(other.files) {
            *a += b;
        }
        self.other += other.other;
        self.total += other.total;
    }

    /// One line for `serve` at start-up instead of every warning, e.g. "28 items lack
    /// contact details, 3 other warnings; `findhjaelp check` lists them". `None` when
    /// there are none.
    pub fn summary(&self) -> Option<String> {
        if self.total == 0 {
            return None;
        }
        let mut parts: Vec<String> = Topic::ALL
            .iter()
            .zip(self.files)
            .filter(|(_, n)| *n > 0)
            .map(|(t, n)| {
                let noun = if n == 1 { "item" } else { "items" };
                let verb = t.summary();
                // "1 item lacks" reads better than "1 item lack".
                let verb = if n == 1 {
                    verb.replacen("lack ", "lacks ", 1)
                        .replacen("have ", "has ", 1)
                        .replacen("state ", "states ", 1)
                        .replacen("are ", "is ", 1)
                } else {
                    verb.to_string()
                };
                format!("{n} {noun} {verb}")
            })
            .collect();
        if self.other > 0 {
            parts.push(format!(
                "{} other warning{}",
                self.other,
                if self.other == 1 { "" } else { "s" }
            ));
        }
        Some(format!(
            "Content warnings: {}; `findhjaelp check` lists them",
            parts.join(", ")
        ))
    }
}

/// With [`Warnings::Counted`], moves one file's warnings out of `found` into a tally
/// (errors stay): called where the file was checked, so their texts are freed at once.
pub fn count_warnings(found: &mut Vec<Problem>, mode: Warnings) -> Tally {
    if mode == Warnings::Listed {
        return Tally::default();
    }
    let tally = Tally::of(found);
    found.retain(Problem::is_error);
    tally
}

/// 1-based line number of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// Where something was written: file (relative to the content folder) and 1-based line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loc {
    pub file: String,
    pub line: usize,
}

impl Loc {
    pub fn error(&self, message: impl Into<String>) -> Problem {
        Problem::error(self.file.clone(), self.line, message)
    }
    pub fn warning(&self, message: impl Into<String>) -> Problem {
        Problem::warning(self.file.clone(), self.line, message)
    }
}

/// Reads a TOML content file into `T`, or a problem at the line of the mistake.
pub fn read_toml<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, Problem> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
        Problem::error(
            path,
            line,
            format!(
                "Filen kan ikke læses: {}. Tjek stavningen af nøglen og at tekster står i \"anførselstegn\".",
                e.message().trim()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_items_per_topic_in_one_line() {
        let w = |path: &str, topic| Problem::warning(path, 3, "x").about(topic);
        let warnings = [
            w("tilbud/a.da.md", Topic::Contact),
            w("tilbud/a.da.md", Topic::Contact),
            w("tilbud/b.da.md", Topic::Contact),
            w("tilbud/b.da.md", Topic::Review),
            Problem::warning("guide/flow.toml", 1, "y"),
        ];
        let line = Tally::of(&warnings).summary().unwrap();
        assert_eq!(
            line,
            "Content warnings: 2 items lack contact details, 1 item is due for review, \
             1 other warning; `findhjaelp check` lists them"
        );
        assert!(!line.contains('\n'));
        assert_eq!(Tally::of(&[]).summary(), None);

        // Counted file by file (as a server does), the tally is the same; errors stay.
        let mut counted = Tally::default();
        for path in ["tilbud/a.da.md", "tilbud/b.da.md", "guide/flow.toml"] {
            let mut found: Vec<Problem> = warnings
                .iter()
                .filter(|w| w.path == path)
                .cloned()
                .collect();
            found.push(Problem::error(path, 1, "fejl"));
            counted.add(count_warnings(&mut found, Warnings::Counted));
            assert!(found.iter().all(Problem::is_error) && found.len() == 1);
        }
        assert_eq!(counted, Tally::of(&warnings));
        assert_eq!(counted.total, 5);
        let mut listed = warnings.to_vec();
        assert_eq!(
            count_warnings(&mut listed, Warnings::Listed),
            Tally::default()
        );
        assert_eq!(listed.len(), 5);
    }
}
