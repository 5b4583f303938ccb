//! The checker's rules for one item: what must be there, which facts need a source, what is
//! due for review. Every problem names the file, the line of the field and how to fix it,
//! in plain Danish, because staff read these messages, not programmers.

use super::claims::{self, ClaimKind};
use super::model::{is_placeholder, Answer, Kind, Meta, TranslationFrontMatter};
use super::Topic as ItemTopic;
use crate::lang::{Lang, Languages};
use crate::problem::{line_of, Problem, Topic};
use crate::source::SourceFile;
use chrono::NaiveDate;

/// The facts every entry point and service must state (an explicit "ukendt" is allowed).
pub const REQUIRED_FACTS: &[&str] = &[
    "anonymous",
    "parents_told",
    "referral",
    "cost",
    "ages",
    "wait",
    "where",
];

/// Longest review interval staff may choose.
const MAX_REVIEW_MONTHS: u32 = 60;

/// Collects the problems of one file, each at the line of the field it is about.
struct Report<'a> {
    file: &'a SourceFile,
    problems: &'a mut Vec<Problem>,
}

impl Report<'_> {
    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.problems
            .push(Problem::error(&self.file.path, line, message));
    }

    fn warn(&mut self, line: usize, topic: Option<Topic>, message: impl Into<String>) {
        let p = Problem::warning(&self.file.path, line, message);
        self.problems.push(match topic {
            Some(t) => p.about(t),
            None => p,
        });
    }

    /// Line of `key = …` (or `[key]`) in the front matter; 1 if not found.
    fn line(&self, key: &str) -> usize {
        key_line(&self.file.text, key, None)
    }

    /// Line of `key = …` inside the table `[table]`, else of the table, else 1.
    fn line_in(&self, table: &str, key: &str) -> usize {
        key_line(&self.file.text, key, Some(table))
    }
}

/// Line of `key = …` in a front matter, optionally only after the line `[table]`.
pub(super) fn key_line(text: &str, key: &str, table: Option<&str>) -> usize {
    // Called for every warning of every file (tens of thousands at 10,000 items): no
    // allocation per line.
    let header = |l: &str, name: &str| {
        let l = l.trim();
        let inner = |open: &str, close: &str| {
            l.strip_prefix(open)
                .and_then(|r| r.strip_suffix(close))
                .is_some_and(|n| n == name)
        };
        inner("[[", "]]") || inner("[", "]")
    };
    let start = match table {
        Some(t) => match text.lines().position(|l| header(l, t)) {
            Some(i) => i,
            None => return 1,
        },
        None => 0,
    };
    text.lines()
        .enumerate()
        .skip(start)
        .find(|(_, l)| {
            let l = l.trim_start();
            header(l, key)
                || l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|(i, _)| i + 1)
        .unwrap_or(start + 1)
}

/// Everything the checker knows about the rest of the content when it checks one file.
pub(super) struct Context<'a> {
    pub topics: &'a [ItemTopic],
    pub exists: &'a (dyn Fn(&str) -> bool + Sync),
    pub today: NaiveDate,
    pub languages: &'a Languages,
    /// The languages the item has a full translation file in (`slug.en.md` …).
    pub files_in: Vec<Lang>,
}

/// Checks a Danish (master) file.
pub(super) fn master(
    file: &SourceFile,
    kind: Kind,
    front: &Meta,
    body_text: &str,
    cx: &Context<'_>,
    problems: &mut Vec<Problem>,
) {
    let mut r = Report { file, problems };
    basics(&mut r, front, cx);
    if kind.needs_contact() {
        contact(&mut r, kind, front);
    }
    facts(&mut r, kind, front);
    sources(&mut r, front, body_text, cx.today);
    course(&mut r, kind, front);
    review(&mut r, front, cx.today);
    translated_heads(&mut r, front, cx);
    readability(&mut r, front, body_text);
}

/// The Danish body as easy to read as its readers need (see `readability::limit`).
fn readability(r: &mut Report<'_>, front: &Meta, body_text: &str) {
    let score = super::readability::lix(body_text);
    let limit = super::readability::limit(&front.audience);
    if score > limit {
        // The body starts after the closing `+++` of the front matter.
        let line = r
            .file
            .text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == "+++")
            .nth(1)
            .map_or(1, |(i, _)| i + 2);
        r.warn(
            line,
            Some(Topic::Readability),
            format!(
                "teksten er svær at læse: LIX {score:.0}, højst {limit:.0} for {}. \
                 Skriv kortere sætninger (ca. 10 ord) og vælg kortere ord",
                if limit < 40.0 {
                    "sider kun til unge"
                } else {
                    "sider til alle"
                }
            ),
        );
    }
}

/// Checks a translation against its Danish file.
pub(super) fn translation(
    file: &SourceFile,
    master: &Meta,
    tr: &TranslationFrontMatter,
    body_text: &str,
    problems: &mut Vec<Problem>,
) {
    let mut r = Report { file, problems };
    if master.facts.is_some() && tr.facts.is_none() {
        let line = r.line("summary");
        r.warn(
            line,
            Some(Topic::Translation),
            "den danske fil har [facts], men denne oversættelse har ikke: faktaboksen vises på dansk. \
             Tilføj [facts] med de oversatte tekster (anonymous_note, parents_told, referral, cost, ages, wait, where)",
        );
    }
    if master.sources.is_empty() {
        unsourced(&mut r, claims::in_text(body_text));
    }
}

fn basics(r: &mut Report<'_>, front: &Meta, cx: &Context<'_>) {
    if front.title.trim().is_empty() {
        let line = r.line("title");
        r.error(line, "titlen er tom: skriv hvad hjælpen hedder");
    }
    if front.summary.trim().is_empty() {
        let line = r.line("summary");
        r.error(
            line,
            "resuméet (summary) er tomt: skriv én eller to korte sætninger om hjælpen",
        );
    } else if front.summary.chars().count() > 300 {
        let line = r.line("summary");
        r.warn(
            line,
            None,
            format!(
                "resuméet er {} tegn: hold det under 300, så det kan læses i en søgeliste",
                front.summary.chars().count()
            ),
        );
    }
    if front.audience.is_empty() {
        let line = r.line("audience");
        r.error(
            line,
            "audience er tom: skriv hvem hjælpen er til, fx [\"foraeldre\", \"unge\"]",
        );
    }
    if let Some([lo, hi]) = front.age {
        if lo > hi {
            let line = r.line("age");
            r.error(line, format!("alderen [{lo}, {hi}] går baglæns: skriv den yngste alder først, fx [{hi}, {lo}]"));
        }
    }
    for topic in &front.topics {
        if !cx.topics.iter().any(|t| &t.id == topic) {
            let known: Vec<&str> = cx.topics.iter().map(|t| t.id.as_str()).collect();
            let line = r.line("topics");
            r.error(
                line,
                format!(
                    "emnet `{topic}` findes ikke i topics.toml. Brug et af: {}",
                    known.join(", ")
                ),
            );
        }
    }
    for slug in &front.related {
        if !(cx.exists)(slug) {
            let line = r.line("related");
            r.error(line, format!("`{slug}` under related findes ikke. Ret stavemåden (filnavnet uden .da.md) eller fjern det"));
        }
    }
}

fn contact(r: &mut Report<'_>, kind: Kind, front: &Meta) {
    let Some(c) = &front.contact else {
        let line = r.line("title");
        r.error(line, "afsnittet [contact] mangler: tilføj [contact] med phone, email, address og hours (skriv \"ukendt\", hvis det ikke er kendt)");
        return;
    };
    for (key, value) in [
        ("phone", &c.phone),
        ("email", &c.email),
        ("address", &c.address),
        ("hours", &c.hours),
    ] {
        let line = r.line_in("contact", key);
        match value {
            Some(v) if is_placeholder(v) => {
                let municipal = front.municipal.unwrap_or(kind != Kind::Partner);
                let fallback = if !municipal {
                    "Siden henviser til hjemmesiden under web, hvis den er udfyldt"
                } else {
                    "Siden henviser til kommunens hovednummer"
                };
                r.warn(line, Some(Topic::Contact), format!("kontakt: {key} er ikke udfyldt (\"ukendt\"). {fallback}, indtil det rigtige står her med en kilde under [[sources]]"))
            }
            Some(v) if v.trim().is_empty() => r.error(
                line,
                format!("kontakt: {key} er tom. Skriv det rigtige eller \"ukendt\""),
            ),
            None => r.warn(
                line,
                Some(Topic::Contact),
                format!("kontakt: {key} mangler. Skriv det rigtige eller {key} = \"ukendt\""),
            ),
            _ => {}
        }
    }
    if let Some(phone) = c.phone.as_deref().filter(|p| !is_placeholder(p)) {
        let valid = phone
            .chars()
            .all(|ch| ch.is_ascii_digit() || ch == ' ' || ch == '+')
            && phone.chars().filter(char::is_ascii_digit).count() >= 3;
        if !valid {
            let line = r.line_in("contact", "phone");
            r.error(
                line,
                format!("telefonnummeret `{phone}` må kun have tal, mellemrum og +"),
            );
        }
    }
}

fn facts(r: &mut Report<'_>, kind: Kind, front: &Meta) {
    let Some(f) = &front.facts else {
        if kind.needs_facts() {
            let line = r.line("title");
            r.error(
                line,
                format!(
                    "afsnittet [facts] mangler. Indgange og tilbud skal vise en faktaboks: tilføj [facts] med {}. \
                     Skriv \"ukendt\", hvor I ikke ved det (se vejledningen README.md)",
                    REQUIRED_FACTS.join(", ")
                ),
            );
        }
        return;
    };
    if kind.needs_facts() {
        let answer_missing = f.anonymous.is_none();
        let texts = f.texts();
        for key in REQUIRED_FACTS {
            let missing = match *key {
                "anonymous" => answer_missing,
                _ => texts
                    .iter()
                    .find(|(k, _)| k == key)
                    .is_some_and(|(_, v)| v.is_none()),
            };
            if missing {
                let line = r.line("facts");
                let how = if *key == "anonymous" {
                    "anonymous = \"ja\", \"nej\", \"delvist\" eller \"ukendt\"".to_string()
                } else {
                    format!("{key} = \"…\" (eller {key} = \"ukendt\")")
                };
                r.error(
                    line,
                    format!("fakta: `{key}` mangler under [facts]. Tilføj en linje med {how}"),
                );
            }
        }
    }
    for (key, answer) in [
        ("anonymous", f.anonymous),
        ("without_parents", f.without_parents),
    ] {
        if answer == Some(Answer::Ukendt) {
            let line = r.line_in("facts", key);
            r.warn(line, Some(Topic::Facts), format!("fakta: {key} er \"ukendt\". Siden viser ærligt, at det ikke er kendt. Skriv ja, nej eller delvist med en kilde under [[sources]], når I ved det"));
        }
    }
    if matches!(f.anonymous, Some(Answer::Ja | Answer::Delvist)) && f.anonymous_note.is_none() {
        let line = r.line_in("facts", "anonymous");
        r.warn(line, None, "fakta: skriv i anonymous_note, hvad anonym betyder her, fx \"Du behøver ikke sige dit navn.\"");
    }
    for (key, value) in f.texts() {
        let Some(v) = value else { continue };
        let line = r.line_in("facts", key);
        if v.trim().is_empty() {
            r.error(
                line,
                format!("fakta: {key} er tom. Skriv det, I ved, eller \"ukendt\""),
            );
        } else if is_placeholder(v) {
            r.warn(line, Some(Topic::Facts), format!("fakta: {key} er \"ukendt\". Siden viser ærligt, at det ikke er kendt. Skriv det rigtige med en kilde under [[sources]], når I ved det"));
        }
    }
}

/// A source is a document's file name or a public web address.
fn reference_problem(reference: &str) -> Option<String> {
    let r = reference.trim();
    let web = r
        .strip_prefix("https://")
        .or_else(|| r.strip_prefix("http://"));
    let ok = match web {
        Some(rest) => {
            let host = rest.split('/').next().unwrap_or("");
            host.contains('.') && !r.contains(char::is_whitespace)
        }
        None => r.rsplit_once('.').is_some_and(|(name, ext)| {
            !name.is_empty()
                && matches!(ext, "txt" | "pdf" | "docx" | "doc" | "md" | "html")
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        }),
    };
    (!ok).then(|| {
        format!(
            "kilden `{r}` kan ikke bruges: skriv enten en hjemmesideadresse, der begynder med https://, \
             eller et dokuments filnavn, fx 004_ac04742efed3594c.txt"
        )
    })
}

fn sources(r: &mut Report<'_>, front: &Meta, body_text: &str, today: NaiveDate) {
    for (i, s) in front.sources.iter().enumerate() {
        // The i-th `ref =` line belongs to the i-th [[sources]] block.
        let line = nth_line(&r.file.text, "ref", i);
        if let Some(msg) = reference_problem(&s.reference) {
            r.error(line, msg);
        }
        if s.checked > today {
            r.warn(line, None, format!("kilden `{}` er tjekket {} – en dato i fremtiden. Skriv den dato, I tjekkede kilden", s.reference, s.checked));
        }
    }
    if front.sources.is_empty() {
        unsourced(r, claims::find(front, body_text));
    }
}

/// Line of the `n`-th `key = …` in the file (0-based), else 1.
fn nth_line(text: &str, key: &str, n: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .nth(n)
        .map(|(i, _)| i + 1)
        .unwrap_or(1)
}

/// One warning per kind of fact stated without any source, at its first place in the file.
fn unsourced(r: &mut Report<'_>, found: Vec<claims::Claim>) {
    let mut seen: Vec<ClaimKind> = Vec::new();
    for claim in found {
        if seen.contains(&claim.kind) {
            continue;
        }
        seen.push(claim.kind);
        let line = match claim.key {
            Some(key) => r.line(key),
            None => r
                .file
                .text
                .find(&claim.text)
                .map(|o| line_of(&r.file.text, o))
                .unwrap_or(1),
        };
        r.warn(
            line,
            Some(Topic::Sources),
            format!(
                "siden nævner {} (»{}«), men har ingen kilde. Tilføj [[sources]] med ref = \"https://…\" \
                 eller et dokuments filnavn og checked = datoen, I tjekkede det. Har I ingen kilde, så skriv \"ukendt\" \
                 eller henvis til organisationens egen hjemmeside",
                claim.kind.danish(),
                claim.text
            ),
        );
    }
}

fn course(r: &mut Report<'_>, kind: Kind, front: &Meta) {
    if kind == Kind::Kursus {
        if front.signup.is_none() {
            let line = r.line("title");
            r.error(line, "kurset mangler `signup`: skriv hvordan man tilmelder sig, eller hvem man spørger om næste hold");
        }
    } else if !front.sessions.is_empty()
        || front.place.is_some()
        || front.signup.is_some()
        || front.capacity.is_some()
    {
        let line = r.line("sessions");
        r.error(
            line,
            "sessions, place, signup og capacity bruges kun til kurser (mappen kurser/)",
        );
    }
}

fn review(r: &mut Report<'_>, front: &Meta, today: NaiveDate) {
    if front.review_months == 0 || front.review_months > MAX_REVIEW_MONTHS {
        let line = r.line("review_months");
        r.error(line, format!("review_months er {}: skriv et antal måneder fra 1 til {MAX_REVIEW_MONTHS} (normalt 12), eller slet linjen", front.review_months));
        return;
    }
    let due = front
        .reviewed
        .checked_add_months(chrono::Months::new(front.review_months))
        .unwrap_or(front.reviewed);
    let line = r.line("reviewed");
    if due < today {
        r.warn(line, Some(Topic::Review), format!("teksten skulle have været gennemgået senest {due}: læs den og kilderne igennem, og sæt reviewed til dagens dato"));
    }
    if front.reviewed > today {
        r.warn(
            line,
            None,
            format!(
                "reviewed ({}) ligger i fremtiden: skriv datoen, teksten sidst blev gennemgået",
                front.reviewed
            ),
        );
    }
}

/// Every item needs a title, summary and search words in every language, from a full
/// translation file or a `[<code>]` table, so search in that language finds it.
fn translated_heads(r: &mut Report<'_>, front: &Meta, cx: &Context<'_>) {
    for language in cx.languages.all().iter().filter(|l| !l.lang.is_default()) {
        let code = language.lang.code();
        let has_file = cx.files_in.contains(&language.lang);
        match (front.heads.get(&language.lang), has_file) {
            (None, false) => {
                let line = r.line("summary");
                r.warn(line, Some(Topic::Translation), format!("der er ingen titel på {}: tilføj [{code}] med title, summary og keywords på {}, så søgning på {} finder siden (eller lav en oversat fil, navn.{code}.md)", language.name, language.name, language.name));
            }
            (Some(_), true) => {
                let line = r.line(code);
                r.warn(line, None, format!("[{code}] bruges ikke, fordi der også er en oversat fil (.{code}.md). Slet [{code}], og ret den oversatte fil i stedet"));
            }
            (Some(head), false) => {
                if head.title.trim().is_empty() || head.summary.trim().is_empty() {
                    let line = r.line(code);
                    r.error(
                        line,
                        format!(
                            "[{code}] skal have både title og summary på {}",
                            language.name
                        ),
                    );
                }
            }
            (None, true) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_are_found_inside_their_table() {
        let text = "+++\ntitle = \"x\"\nwait = 1\n[facts]\ncost = \"a\"\nwait = \"b\"\n+++\n";
        assert_eq!(key_line(text, "wait", None), 3);
        assert_eq!(key_line(text, "wait", Some("facts")), 6);
        assert_eq!(key_line(text, "ages", Some("facts")), 4);
        assert_eq!(key_line(text, "facts", None), 4);
        assert_eq!(nth_line("ref = 1\nx\nref = 2\n", "ref", 1), 3);
    }

    #[test]
    fn sources_are_web_addresses_or_document_names() {
        assert!(reference_problem("https://www.sm.dk/a/b").is_none());
        assert!(reference_problem("004_ac04742efed3594c.txt").is_none());
        assert!(reference_problem("referat.pdf").is_none());
        assert!(reference_problem("Kommunens hjemmeside").is_some());
        assert!(reference_problem("https://localhost").is_some());
        assert!(reference_problem("https://a.dk/x y").is_some());
        assert!(reference_problem("").is_some());
    }
}
