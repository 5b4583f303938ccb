//! Chat spellings (`content/chatsprog.toml`): words people write short or their own way
//! (`ik`, `mer`, `ka`, `idk`), written out before the guide and the safety layer read a
//! message, so one rule covers `orker ikke mere` and `orker ik mer`.

use crate::problem::{read_toml, Problem};
use crate::source::SourceFile;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

/// The file the spellings live in, relative to the content folder.
pub const FILE: &str = "chatsprog.toml";

#[derive(Debug, Clone, Default)]
pub struct Spelling {
    /// Lower-cased written word → the words it stands for.
    map: HashMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpellingDoc {
    #[serde(default)]
    spelling: BTreeMap<String, Spanned<String>>,
}

impl Spelling {
    /// Reads `chatsprog.toml` if the content folder has one (it is optional).
    pub fn load(files: &[SourceFile], problems: &mut Vec<Problem>) -> Spelling {
        let Some(file) = files.iter().find(|f| f.path == FILE) else {
            return Spelling::default();
        };
        let doc: SpellingDoc = match read_toml(&file.path, &file.text) {
            Ok(d) => d,
            Err(p) => {
                problems.push(p);
                return Spelling::default();
            }
        };
        let mut map = HashMap::new();
        for (written, meant) in doc.spelling {
            let words = super::message_words(meant.get_ref());
            // A picture is read one character at a time, without its "show as emoji" mark.
            let written = written.replace('\u{FE0F}', "");
            let mut chars = written.chars();
            let picture = chars.next().is_some_and(super::is_picture) && chars.next().is_none();
            if words.is_empty() || !(picture || super::message_words(&written).len() == 1) {
                let line = crate::problem::line_of(&file.text, meant.span().start);
                problems.push(Problem::error(
                    FILE,
                    line,
                    format!(
                        "`{written} = \"{}\"`: til venstre skal stå ét ord (eller én emoji), som folk skriver det, og til højre det eller de ord, det betyder, fx ik = \"ikke\".",
                        meant.get_ref()
                    ),
                ));
                continue;
            }
            map.insert(written.to_lowercase(), words);
        }
        Spelling { map }
    }

    /// For tests: a map from `(written, meant)` pairs.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Spelling {
        Spelling {
            map: pairs
                .iter()
                .map(|(w, m)| (w.to_string(), super::message_words(m)))
                .collect(),
        }
    }

    /// The words a lower-cased written word stands for, if it is a chat spelling.
    pub fn get(&self, word: &str) -> Option<&[String]> {
        self.map.get(word).map(Vec::as_slice)
    }
}
