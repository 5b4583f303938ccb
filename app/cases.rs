//! Case files: tables of messages or queries with the answer they must get, in the
//! columns of `../shared/eval/*.tsv`, and the one runner that scores them – used by
//! `findhjaelp guide test` and by `cargo test` (which asks over real HTTP).
//!
//! Columns (tab separated; `#` lines are comments):
//! `lang  text  expected slugs (comma separated, any one counts)  [acute|calm]  [category]`.
//! A case passes when an expected slug is among the first `top` answers (no expected slug:
//! any answer) and, where the fourth column says so, the acute flag matches. The optional
//! fifth column names the acute category (the red-team corpus), which is reported but not
//! required to match: any acute answer gets the acute help first.

use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Acute,
    Calm,
}

#[derive(Debug, Clone)]
pub struct Case {
    /// 1-based line in the file.
    pub line: usize,
    pub lang: String,
    pub text: String,
    pub expected: Vec<String>,
    pub flag: Option<Flag>,
    pub category: Option<String>,
}

/// What the site answered.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub slugs: Vec<String>,
    pub acute: bool,
    pub category: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Scored {
    pub case: Case,
    pub answer: Answer,
    pub pass: bool,
}

/// Reads a case file; a malformed line is an error naming it.
pub fn parse(text: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(format!(
                "line {}: needs at least three tab-separated columns (lang, text, expected slugs)",
                i + 1
            ));
        }
        let flag = match cols.get(3).map(|f| f.trim()) {
            None | Some("") => None,
            Some("acute") => Some(Flag::Acute),
            Some("calm") => Some(Flag::Calm),
            Some(other) => {
                return Err(format!(
                    "line {}: the fourth column must be acute, calm or empty, not {other:?}",
                    i + 1
                ))
            }
        };
        cases.push(Case {
            line: i + 1,
            lang: cols[0].trim().to_string(),
            text: cols[1].to_string(),
            expected: cols[2]
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            flag,
            category: cols
                .get(4)
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
        });
    }
    Ok(cases)
}

/// Scores every case with `ask` (which answers one case), looking at the first `top` slugs.
pub fn score(cases: &[Case], top: usize, mut ask: impl FnMut(&Case) -> Answer) -> Report {
    let scored = cases
        .iter()
        .map(|case| {
            let answer = ask(case);
            let slug_ok = case.expected.is_empty()
                || answer
                    .slugs
                    .iter()
                    .take(top)
                    .any(|s| case.expected.contains(s));
            let flag_ok = match case.flag {
                Some(Flag::Acute) => answer.acute,
                Some(Flag::Calm) => !answer.acute,
                None => true,
            };
            Scored {
                case: case.clone(),
                answer,
                pass: slug_ok && flag_ok,
            }
        })
        .collect();
    Report { scored, top }
}

pub struct Report {
    pub scored: Vec<Scored>,
    pub top: usize,
}

impl Report {
    pub fn passed(&self) -> usize {
        self.scored.iter().filter(|s| s.pass).count()
    }

    pub fn ratio(&self) -> f64 {
        if self.scored.is_empty() {
            0.0
        } else {
            self.passed() as f64 / self.scored.len() as f64
        }
    }

    pub fn failures(&self) -> impl Iterator<Item = &Scored> {
        self.scored.iter().filter(|s| !s.pass)
    }

    /// Acute cases flagged acute, and calm cases flagged acute (over-triage), as counts.
    pub fn triage(&self) -> Triage {
        let mut t = Triage::default();
        for s in &self.scored {
            match s.case.flag {
                Some(Flag::Acute) => {
                    let c = s.case.category.clone().unwrap_or_else(|| "-".into());
                    let e = t.acute.entry(c).or_default();
                    e.1 += 1;
                    if s.answer.acute {
                        e.0 += 1;
                    }
                }
                Some(Flag::Calm) => {
                    t.calm.1 += 1;
                    if s.answer.acute {
                        t.calm.0 += 1;
                    }
                }
                None => {}
            }
        }
        t
    }

    /// One line per failing case, then the totals (and, for acute cases, recall per category).
    pub fn text(&self, name: &str) -> String {
        let mut out = String::new();
        for s in self.failures() {
            let _ = writeln!(
                out,
                "FAIL {name}:{} [{}] {:?} -> {:?} acute={}{} (want {:?}{})",
                s.case.line,
                s.case.lang,
                s.case.text,
                s.answer.slugs.iter().take(self.top).collect::<Vec<_>>(),
                s.answer.acute,
                s.answer
                    .category
                    .as_ref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default(),
                s.case.expected,
                match s.case.flag {
                    Some(Flag::Acute) => ", acute",
                    Some(Flag::Calm) => ", calm",
                    None => "",
                }
            );
        }
        let t = self.triage();
        for (cat, (hit, all)) in &t.acute {
            let _ = writeln!(
                out,
                "{name}: acute {cat}: {hit}/{all} flagged ({:.1} %)",
                percent(*hit, *all)
            );
        }
        if t.calm.1 > 0 {
            let _ = writeln!(
                out,
                "{name}: calm flagged acute (over-triage): {}/{} ({:.1} %)",
                t.calm.0,
                t.calm.1,
                percent(t.calm.0, t.calm.1)
            );
        }
        let _ = writeln!(
            out,
            "{name}: {}/{} passed ({:.1} %, top {})",
            self.passed(),
            self.scored.len(),
            100.0 * self.ratio(),
            self.top
        );
        out
    }
}

/// Acute recall per category (flagged, total) and calm over-triage (flagged, total).
#[derive(Debug, Default)]
pub struct Triage {
    pub acute: BTreeMap<String, (usize, usize)>,
    pub calm: (usize, usize),
}

impl Triage {
    pub fn acute_total(&self) -> (usize, usize) {
        self.acute
            .values()
            .fold((0, 0), |(h, a), (h2, a2)| (h + h2, a + a2))
    }
}

pub fn percent(part: usize, all: usize) -> f64 {
    if all == 0 {
        100.0
    } else {
        100.0 * part as f64 / all as f64
    }
}
