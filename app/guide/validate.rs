//! Checks made when the guide is loaded. Each problem names the file and line and says, in
//! plain Danish, how to fix it.

use super::flow::End;
use super::model::{age_range, Cond, Loc, QuestionKind, Target};
use super::{Answers, Guide};
use crate::problem::Problem;
use std::collections::{BTreeSet, HashMap, HashSet};

/// At most this many questions after "who are you" and "what is it about" on one path.
pub const MAX_REFINING: usize = 3;

pub(crate) fn validate(g: &Guide, slug_exists: &dyn Fn(&str) -> bool, problems: &mut Vec<Problem>) {
    let before = problems.iter().filter(|p| p.is_error()).count();
    ids(g, problems);
    settings(g, slug_exists, problems);
    for q in &g.questions {
        match q.kind {
            QuestionKind::Age if !q.options.is_empty() => problems.push(q.loc.error(format!(
                "Spørgsmålet `{}` er et alders-spørgsmål og kan ikke have svarmuligheder. Fjern [[question.option]] eller skift type.",
                q.id
            ))),
            QuestionKind::Age if q.min_age > q.max_age => problems.push(q.loc.error(format!(
                "Spørgsmålet `{}` har min større end max. Ret min og max.",
                q.id
            ))),
            QuestionKind::Single | QuestionKind::Multiple if q.options.len() < 2 => {
                problems.push(q.loc.error(format!(
                    "Spørgsmålet `{}` skal have mindst to svarmuligheder ([[question.option]]).",
                    q.id
                )))
            }
            QuestionKind::Single => {
                for o in q.options.iter().filter(|o| o.exclusive) {
                    problems.push(o.loc.warning(format!(
                        "`exclusive` giver kun mening ved type = \"multiple\"; svaret `{}` kan altid kun vælges alene her.",
                        o.id
                    )));
                }
            }
            _ => {}
        }
        if q.rules.is_empty() {
            problems.push(q.loc.error(format!(
                "Spørgsmålet `{}` har ingen regler, så guiden ved ikke, hvor den skal hen bagefter. Tilføj mindst en [[question.rule]] med next = \"…\" eller outcome = \"…\".",
                q.id
            )));
        }
        for r in &q.rules {
            match &r.target {
                Target::Invalid => problems.push(r.loc.error(
                    "En regel skal have enten next = \"spørgsmål\" eller outcome = \"udfald\" (præcis én af dem).",
                )),
                Target::Question(n) if g.question(n).is_none() => problems.push(r.loc.error(format!(
                    "Reglen sender videre til spørgsmålet `{n}`, som ikke findes. Ret id'et eller opret spørgsmålet."
                ))),
                Target::Outcome(o) if g.outcome(o).is_none() => problems.push(r.loc.error(format!(
                    "Reglen sender til udfaldet `{o}`, som ikke findes. Ret id'et eller opret et [[outcome]] med id = \"{o}\"."
                ))),
                _ => {}
            }
            for c in &r.when {
                cond(g, c, problems);
            }
        }
    }
    outcomes(g, slug_exists, problems);
    super::chat::rules::validate(g, problems);
    if problems.iter().filter(|p| p.is_error()).count() > before {
        return; // the graph checks below need valid references
    }
    if cycles(g, problems) {
        return;
    }
    reachable(g, problems);
    if problems.iter().filter(|p| p.is_error()).count() > before {
        return;
    }
    paths(g, problems);
}

fn ids(g: &Guide, problems: &mut Vec<Problem>) {
    let mut seen: HashMap<&str, &Loc> = HashMap::new();
    for q in &g.questions {
        if let Some(first) = seen.insert(&q.id, &q.loc) {
            problems.push(q.loc.error(format!(
                "Der er to spørgsmål med id = \"{}\" (det andet står i {}:{}). Giv dem hver sit id.",
                q.id, first.file, first.line
            )));
        }
        let mut opts = HashSet::new();
        for o in &q.options {
            if !opts.insert(&o.id) {
                problems.push(o.loc.error(format!(
                    "Spørgsmålet `{}` har to svar med id = \"{}\". Giv dem hver sit id.",
                    q.id, o.id
                )));
            }
            if !valid_id(&o.id) {
                problems.push(o.loc.error(format!(
                    "Svar-id'et \"{}\" må kun have små bogstaver a-z, tal og bindestreg.",
                    o.id
                )));
            }
        }
        if !valid_id(&q.id) {
            problems.push(q.loc.error(format!(
                "Spørgsmåls-id'et \"{}\" må kun have små bogstaver a-z, tal, _ og bindestreg.",
                q.id
            )));
        }
    }
    let mut seen: HashMap<&str, &Loc> = HashMap::new();
    for o in &g.outcomes {
        if let Some(first) = seen.insert(&o.id, &o.loc) {
            problems.push(o.loc.error(format!(
                "Der er to udfald med id = \"{}\" (det andet står i {}:{}). Giv dem hver sit id.",
                o.id, first.file, first.line
            )));
        }
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn settings(g: &Guide, slug_exists: &dyn Fn(&str) -> bool, problems: &mut Vec<Problem>) {
    let s = &g.settings;
    if g.question(&s.start).is_none() {
        problems.push(s.loc.error(format!(
            "start = \"{}\" peger på et spørgsmål, der ikke findes. Skriv id'et på det første spørgsmål.",
            s.start
        )));
    }
    for (key, id) in [
        ("audience_question", &s.audience_question),
        ("topic_question", &s.topic_question),
    ] {
        match g.question(id) {
            None => problems.push(s.loc.error(format!(
                "{key} = \"{id}\" peger på et spørgsmål, der ikke findes. Ret id'et."
            ))),
            Some(q) if q.kind != QuestionKind::Single => problems.push(q.loc.error(format!(
                "Spørgsmålet `{id}` bruges som {key} og skal have type = \"single\"."
            ))),
            _ => {}
        }
    }
    for (slug, loc) in &s.entry_locs {
        if !slug_exists(slug) {
            problems.push(loc.error(format!(
                "Indgangen \"{slug}\" findes ikke som indhold. Ret stavningen eller opret indgange/{slug}.da.md."
            )));
        }
    }
    for (slug, loc) in &s.anonymous.locs {
        if !slug_exists(slug) {
            problems.push(loc.error(format!(
                "Det anonyme tilbud \"{slug}\" findes ikke som indhold. Ret stavningen eller fjern det fra listen."
            )));
        }
    }
    if let Some(q) = g.question(&s.audience_question) {
        for a in &s.anonymous.audiences {
            if q.option(a).is_none() {
                problems.push(s.loc.error(format!(
                    "[settings.anonymous] audiences nævner \"{a}\", som ikke er et svar på spørgsmålet `{}`.",
                    q.id
                )));
            }
        }
    }
}

pub(crate) fn cond(g: &Guide, c: &Cond, problems: &mut Vec<Problem>) {
    let Some(q) = g.question(&c.question) else {
        problems.push(c.loc.error(format!(
            "Betingelsen nævner spørgsmålet `{}`, som ikke findes. Ret id'et.",
            c.question
        )));
        return;
    };
    if c.values.is_empty() {
        problems.push(
            c.loc
                .error(format!("Betingelsen på `{}` har ingen værdier.", q.id)),
        );
    }
    for v in &c.values {
        match q.kind {
            QuestionKind::Age if age_range(v).is_none() => problems.push(c.loc.error(format!(
                "\"{v}\" er ikke en alder. Skriv fx \"0-5\", \"18-\", \"-12\" eller \"15\"."
            ))),
            QuestionKind::Single | QuestionKind::Multiple if q.option(v).is_none() => problems
                .push(c.loc.error(format!(
                    "Spørgsmålet `{}` har ikke svaret \"{v}\". Mulige svar: {}.",
                    q.id,
                    q.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ")
                ))),
            _ => {}
        }
    }
}

fn outcomes(g: &Guide, slug_exists: &dyn Fn(&str) -> bool, problems: &mut Vec<Problem>) {
    for o in &g.outcomes {
        for (i, (slug, loc)) in o.slug_locs.iter().enumerate() {
            if !slug_exists(slug) {
                problems.push(loc.error(format!(
                    "Udfaldet `{}` henviser til \"{slug}\", som ikke findes som indhold. Ret stavningen (slug = filnavnet uden .da.md).",
                    o.id
                )));
            } else if i == 0
                && !g.settings.entry_points.is_empty()
                && !g.settings.entry_points.contains(slug)
            {
                problems.push(loc.error(format!(
                    "entry = \"{slug}\" er ikke en indgang. Vælg en af: {}. Læg \"{slug}\" i related i stedet.",
                    g.settings.entry_points.join(", ")
                )));
            }
        }
        if o.related.contains(&o.entry) {
            problems.push(o.loc.warning(format!(
                "Udfaldet `{}` har \"{}\" både som entry og i related. Fjern det fra related.",
                o.id, o.entry
            )));
        }
    }
}

/// Reports every rule that leads back to a question already on the way (a loop). True if any.
fn cycles(g: &Guide, problems: &mut Vec<Problem>) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        g: &Guide,
        i: usize,
        marks: &mut [Mark],
        stack: &mut Vec<usize>,
        out: &mut Vec<Problem>,
    ) {
        marks[i] = Mark::Open;
        stack.push(i);
        let q = &g.questions[i];
        for r in &q.rules {
            let Target::Question(n) = &r.target else {
                continue;
            };
            let Some(j) = g.questions.iter().position(|x| &x.id == n) else {
                continue;
            };
            match marks[j] {
                Mark::Open => {
                    let from = stack.iter().position(|&k| k == j).unwrap_or(0);
                    let ring: Vec<&str> = stack[from..]
                        .iter()
                        .map(|&k| g.questions[k].id.as_str())
                        .chain([n.as_str()])
                        .collect();
                    out.push(r.loc.error(format!(
                        "Reglen sender tilbage til `{n}`, så guiden kan gå i ring ({}). Send til et senere spørgsmål eller et udfald.",
                        ring.join(" → ")
                    )));
                }
                Mark::New => visit(g, j, marks, stack, out),
                Mark::Done => {}
            }
        }
        stack.pop();
        marks[i] = Mark::Done;
    }
    let mut marks = vec![Mark::New; g.questions.len()];
    let mut found = Vec::new();
    let start = g.questions.iter().position(|q| q.id == g.settings.start);
    let order = start.into_iter().chain(0..g.questions.len());
    for i in order {
        if marks[i] == Mark::New {
            visit(g, i, &mut marks, &mut Vec::new(), &mut found);
        }
    }
    let any = !found.is_empty();
    problems.extend(found);
    any
}

fn reachable(g: &Guide, problems: &mut Vec<Problem>) {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut todo = vec![g.settings.start.as_str()];
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(q) = g.question(id) {
            for r in &q.rules {
                if let Target::Question(n) = &r.target {
                    todo.push(n);
                }
            }
        }
    }
    for q in &g.questions {
        if !seen.contains(q.id.as_str()) {
            problems.push(q.loc.error(format!(
                "Spørgsmålet `{}` kan ikke nås: ingen regel sender videre til det. Tilføj en regel med next = \"{}\" eller slet spørgsmålet.",
                q.id, q.id
            )));
        }
    }
}

/// Walks every path: each must end in an outcome and ask at most [`MAX_REFINING`] questions
/// after who/what. Warns about questions and outcomes that no path reaches.
fn paths(g: &Guide, problems: &mut Vec<Problem>) {
    let walks = g.enumerate();
    let mut reported: BTreeSet<(String, usize)> = BTreeSet::new();
    let mut visited_q: HashSet<String> = HashSet::new();
    let mut visited_o: HashSet<String> = HashSet::new();
    let start_qs = [&g.settings.audience_question, &g.settings.topic_question];
    for w in &walks {
        visited_q.extend(w.path.iter().map(|v| v.question.id.clone()));
        match &w.end {
            End::Outcome(o) => {
                visited_o.insert(o.id.clone());
            }
            End::Error(e) => {
                let Some(q) = g.question(&e.question) else {
                    continue;
                };
                if reported.insert((q.loc.file.clone(), q.loc.line)) {
                    problems.push(q.loc.error(format!(
                        "Efter spørgsmålet `{}` passer ingen regel, når svarene er: {}. Så ender guiden uden et udfald. Tilføj til sidst en regel uden `when`, fx outcome = \"…\".",
                        q.id,
                        describe(&w.answers())
                    )));
                }
            }
            End::Ask(_) => {}
        }
        let mut refining = 0;
        for (k, v) in w.path.iter().enumerate() {
            if start_qs.contains(&&v.question.id) {
                continue;
            }
            refining += 1;
            if refining > MAX_REFINING && k > 0 {
                let prev = w.path[k - 1].question;
                let used: Answers = w.path[..k]
                    .iter()
                    .map(|v| (v.question.id.clone(), v.answer.clone()))
                    .collect();
                let rule = prev
                    .rules
                    .iter()
                    .find(|r| r.when.iter().all(|c| g.holds(c, &used)));
                let loc = rule.map(|r| &r.loc).unwrap_or(&prev.loc);
                if reported.insert((loc.file.clone(), loc.line)) {
                    problems.push(loc.error(format!(
                        "Denne vej stiller mere end {MAX_REFINING} spørgsmål efter \"hvem\" og \"hvad\" ({}). Send til et udfald tidligere eller spring et spørgsmål over.",
                        w.path.iter().map(|v| v.question.id.as_str()).collect::<Vec<_>>().join(" → ")
                    )));
                }
                break;
            }
        }
    }
    for q in &g.questions {
        if !visited_q.contains(&q.id) {
            problems.push(q.loc.warning(format!(
                "Spørgsmålet `{}` bliver aldrig stillet, fordi reglerne før det aldrig sender hertil. Tjek betingelserne.",
                q.id
            )));
        }
    }
    let chat_acute = &g.chat.acute_outcome;
    for o in &g.outcomes {
        if !visited_o.contains(&o.id) && Some(&o.id) != chat_acute.as_ref() {
            problems.push(
                o.loc
                    .warning(format!("Udfaldet `{}` bruges ikke af nogen regel.", o.id)),
            );
        }
    }
}

fn describe(answers: &Answers) -> String {
    answers
        .iter()
        .map(|(q, a)| format!("{q} = {}", a.join("/")))
        .collect::<Vec<_>>()
        .join(", ")
}
