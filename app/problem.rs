//! A problem found in a content file: where it is and what to do about it.
//! The checker, `serve` at start-up and the live reload all print these the same way.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
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
}

impl Problem {
    pub fn error(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }
    pub fn warning(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
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
