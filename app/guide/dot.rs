//! The whole flow as a Graphviz graph (`dot -Tsvg`), for staff to see what the rules do.

use super::model::{Target, Text};
use super::Guide;
use std::fmt::Write;

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ")
}

fn short(t: &Text, lang: &str) -> String {
    let s = t.get(lang);
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(58).collect::<String>())
    } else {
        s.to_string()
    }
}

impl Guide {
    /// Graphviz DOT of the whole flow: questions are boxes, outcomes are ellipses (acute ones
    /// red), edges are rules labelled with their conditions in first-match order.
    pub fn to_dot(&self, lang: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "digraph guide {{");
        let _ = writeln!(out, "  rankdir=LR;");
        let _ = writeln!(out, "  node [fontname=\"Helvetica\", fontsize=10];");
        let _ = writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];");
        let _ = writeln!(out, "  start [shape=point];");
        let _ = writeln!(out, "  start -> \"q:{}\";", esc(&self.settings.start));
        for q in &self.questions {
            let _ = writeln!(
                out,
                "  \"q:{}\" [shape=box, style=rounded, label=\"{}\\n{}\"];",
                esc(&q.id),
                esc(&q.id),
                esc(&short(&q.text, lang))
            );
        }
        for o in &self.outcomes {
            let style = if o.acute {
                ", style=filled, fillcolor=\"#f4c7c3\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  \"o:{}\" [shape=ellipse{style}, label=\"{}\\n→ {}\"];",
                esc(&o.id),
                esc(&o.id),
                esc(&o.entry)
            );
        }
        for q in &self.questions {
            for (i, r) in q.rules.iter().enumerate() {
                let to = match &r.target {
                    Target::Question(n) => format!("q:{n}"),
                    Target::Outcome(o) => format!("o:{o}"),
                    Target::Invalid => continue,
                };
                let label = if r.when.is_empty() {
                    "ellers".to_string()
                } else {
                    r.when
                        .iter()
                        .map(|c| format!("{} = {}", c.question, c.values.join(" | ")))
                        .collect::<Vec<_>>()
                        .join(" og ")
                };
                let _ = writeln!(
                    out,
                    "  \"q:{}\" -> \"{}\" [label=\"{}. {}\"];",
                    esc(&q.id),
                    esc(&to),
                    i + 1,
                    esc(&label)
                );
            }
        }
        out.push_str("}\n");
        out
    }
}
