//! Splits a content file into TOML front matter and Markdown body, and turns
//! TOML/serde errors into plain Danish messages with the right line number.

use crate::problem::{line_of, Problem};
use serde::de::DeserializeOwned;

/// A file split at its `+++` fences.
pub struct Split<'a> {
    pub front: &'a str,
    /// Line number (1-based) of the first front-matter line.
    pub front_line: usize,
    pub body: &'a str,
    /// Line number of the first body line.
    pub body_line: usize,
}

pub fn split<'a>(path: &str, text: &'a str) -> Result<Split<'a>, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        Problem::error(
            path,
            1,
            "filen skal begynde med en linje med +++, så felterne (titel, resumé …), \
             og en linje mere med +++ før selve teksten",
        )
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or_else(missing)?;
    if first.trim_end() != "+++" {
        return Err(missing());
    }
    let front_start = first.len();
    let mut offset = front_start;
    for line in lines {
        if line.trim_end() == "+++" {
            let front = &text[front_start..offset];
            let body = &text[offset + line.len()..];
            let front_line = 2;
            let body_line = line_of(text, offset + line.len());
            return Ok(Split {
                front,
                front_line,
                body,
                body_line,
            });
        }
        offset += line.len();
    }
    Err(Problem::error(
        path,
        1,
        "felterne øverst i filen bliver aldrig lukket: tilføj en linje med +++ efter det sidste felt",
    ))
}

/// Takes the tables named in `names` (`[en]`, `[uk]` …) out of the front matter: the rest
/// with each taken line left empty (so line numbers stay right), and each table's name,
/// body and line. A table runs until the next table header.
pub fn take_tables<'a>(
    split: &Split<'a>,
    names: &[&str],
) -> (String, Vec<(String, String, usize)>) {
    let mut rest = String::with_capacity(split.front.len());
    let mut taken: Vec<(String, String, usize)> = Vec::new();
    let mut current: Option<usize> = None;
    for (i, line) in split.front.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            let name = trimmed.trim_start_matches('[').trim_end_matches(']').trim();
            current = names.contains(&name).then(|| {
                taken.push((name.to_string(), String::new(), split.front_line + i));
                taken.len() - 1
            });
        }
        match current {
            Some(t) => {
                // The header becomes an empty line in the table's own text too.
                if !trimmed.starts_with('[') {
                    taken[t].1.push_str(line);
                } else {
                    taken[t].1.push('\n');
                }
                rest.push('\n');
            }
            None => rest.push_str(line),
        }
    }
    (rest, taken)
}

/// Parses front matter into `T`, reporting errors at the line where TOML found them.
pub fn parse<T: DeserializeOwned>(path: &str, split: &Split<'_>) -> Result<T, Problem> {
    toml::from_str::<T>(split.front).map_err(|e| {
        let line = e
            .span()
            .map(|span| split.front_line + line_of(split.front, span.start) - 1)
            .unwrap_or(split.front_line);
        Problem::error(path, line, explain(e.message()))
    })
}

/// Fields that older files use, and where they went (kept so staff know what to change).
fn renamed(field: &str) -> Option<&'static str> {
    Some(match field {
        "last_reviewed" => "`last_reviewed` hedder nu `reviewed`: skriv reviewed = 2026-11-27 (datoen, teksten sidst blev gennemgået)",
        "anonymous" => "`anonymous` står nu under [facts] og svarer med ord: skriv anonymous = \"ja\", \"nej\", \"delvist\" eller \"ukendt\" under [facts], og forklar det i anonymous_note",
        "referral_needed" => "`referral_needed` hedder nu `referral` og står under [facts] som tekst, fx referral = \"Nej. Du kan selv tage kontakt.\"",
        "price" => "`price` hedder nu `cost` og står under [facts], fx cost = \"Gratis\"",
        "wait" => "`wait` står nu under [facts], fx wait = \"ukendt\"",
        _ => return None,
    })
}

/// Plain-language Danish for the errors serde and TOML give.
pub fn explain(message: &str) -> String {
    let message = message.trim();
    let ticked = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = ticked(rest);
        if let Some(moved) = names.first().and_then(|f| renamed(f)) {
            return moved.to_string();
        }
        if let Some((field, allowed)) = names.split_first() {
            return format!(
                "feltet `{field}` kendes ikke (stavefejl?). Tilladte felter her: {}",
                allowed.join(", ")
            );
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let names = ticked(rest);
        if let Some((value, allowed)) = names.split_first() {
            return format!(
                "værdien `{value}` er ikke tilladt. Brug en af: {}",
                allowed.join(", ")
            );
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let field = ticked(rest).into_iter().next().unwrap_or_default();
        return format!("feltet `{field}` mangler: tilføj en linje med {field} = …");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return format!(
            "forkert slags værdi ({rest}). Tekst skal stå i anførselstegn, lister i [ ], \
             ja/nej skrives true/false, tal og datoer uden anførselstegn"
        );
    }
    if message.contains("duplicate key") {
        return format!("et felt står to gange: slet det ene ({message})");
    }
    format!("felterne kan ikke læses: {message}. Tjek anførselstegn, = og [ ] på linjen")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_unknown_field_in_danish() {
        let m = explain("unknown field `titel`, expected one of `title`, `summary`");
        assert!(m.contains("`titel`") && m.contains("title, summary"), "{m}");
    }

    #[test]
    fn explains_renamed_fields() {
        let m = explain("unknown field `last_reviewed`, expected one of `title`, `reviewed`");
        assert!(m.contains("`last_reviewed` hedder nu `reviewed`"), "{m}");
        let m = explain("unknown field `anonymous`, expected one of `title`");
        assert!(m.contains("[facts]"), "{m}");
    }

    #[test]
    fn finds_line_of_error() {
        let text = "+++\ntitle = \"x\"\nsummary = 3\n+++\nbody";
        let s = split("a.md", text).unwrap();
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            title: String,
            summary: String,
        }
        let err = parse::<T>("a.md", &s).err().unwrap();
        assert_eq!(err.line, 3);
        assert_eq!(s.body, "body");
        assert_eq!(s.body_line, 5);
    }
}
