use super::*;
use crate::analysis::{Message, Spelling};
use crate::problem::Problem;
use std::collections::HashSet;

const ENTRY_POINTS: &[&str] = &[
    "familieraadgivningen",
    "stien",
    "ungekonsulenterne",
    "boern-med-handicap",
    "underretning",
    "akut-hjaelp",
    "kommunal-ungeindsats",
    "sundhedsplejen",
    "ppr",
    "headspace-kalundborg",
];

const OTHER_SLUGS: &[&str] = &[
    "familiebehandling",
    "familieraadslagning",
    "rusmiddelteamet",
    "ssp",
    "aflastning",
    "kontaktperson",
    "invest-in-play",
    "fritidsjob",
    "hjaelp-til-fritidsaktiviteter",
    "hjemloeshed",
    "boerne-og-ungdomspsykiatri",
    "home-start",
    "tuba",
    "boerns-vilkaar",
    "kursus-foraeldre-til-boern-med-diagnose",
    "angstgruppe-for-boern",
    "skilsmissegruppe-for-boern",
    "saadan-arbejder-vi",
    "efter-en-underretning",
    "din-sag-trin-for-trin",
    "dine-rettigheder",
    "klage-over-en-afgoerelse",
    "netvaerk-og-familie",
    "om-strategien",
];

fn slug_exists(s: &str) -> bool {
    ENTRY_POINTS.contains(&s) || OTHER_SLUGS.contains(&s)
}

/// The real guide files from content/guide/ (only those, so the test does not depend on
/// the rest of the content being finished).
fn content_files() -> Vec<SourceFile> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/guide");
    let (files, bad) = crate::source::read_folder(&dir).expect("content/guide can be read");
    assert!(bad.is_empty(), "{bad:?}");
    files
        .into_iter()
        .map(|f| SourceFile {
            path: format!("guide/{}", f.path),
            text: f.text,
        })
        .collect()
}

/// The chat spellings of the real content (`content/chatsprog.toml`).
fn spelling() -> &'static Spelling {
    static S: std::sync::OnceLock<Spelling> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/chatsprog.toml");
        let file = SourceFile {
            path: crate::analysis::spelling::FILE.into(),
            text: std::fs::read_to_string(path).expect("content/chatsprog.toml"),
        };
        let mut problems = Vec::new();
        let s = Spelling::load(&[file], &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        s
    })
}

fn load(files: &[SourceFile], slug_exists: &dyn Fn(&str) -> bool) -> Result<Guide, Vec<Problem>> {
    Guide::load(
        files,
        slug_exists,
        &["da", "en"],
        spelling(),
        &Default::default(),
    )
}

fn guide() -> &'static Guide {
    static G: std::sync::OnceLock<Guide> = std::sync::OnceLock::new();
    G.get_or_init(|| match load(&content_files(), &slug_exists) {
        Ok(g) => g,
        Err(problems) => panic!("the guide does not load:\n{}", show(&problems)),
    })
}

fn show(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    let mut a = Answers::new();
    for (q, v) in pairs {
        a.entry(q.to_string()).or_default().push(v.to_string());
    }
    a
}

// ---------------------------------------------------------------------------------------
// The real flow

#[test]
fn real_guide_loads_against_the_real_content() {
    // every slug the guide names exists as an item in content/ (Danish file)
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let exists = |slug: &str| {
        ["indgange", "tilbud", "kurser", "partnere", "sider"]
            .iter()
            .any(|k| root.join(k).join(format!("{slug}.da.md")).is_file())
    };
    if let Err(p) = load(&content_files(), &exists) {
        panic!("{}", show(&p));
    }
    // and a very long message is read quickly, from its start
    let long = "min søn på 15 ryger hash. ".repeat(2000);
    let started = std::time::Instant::now();
    assert_eq!(ask(&long).topic.as_deref(), Some("rusmidler"));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn real_guide_loads_without_warnings() {
    let g = guide();
    assert!(g.warnings().is_empty(), "warnings:\n{}", show(g.warnings()));
    assert_eq!(g.first_question_id(), "hvem");
}

#[test]
fn every_path_ends_at_an_entry_point_within_five_questions() {
    let g = guide();
    let paths = g.all_paths();
    assert!(paths.len() > 50, "only {} paths", paths.len());
    let mut reached = HashSet::new();
    for (answers, outcome) in &paths {
        let o = g.outcome(outcome).expect("outcome exists");
        assert!(
            ENTRY_POINTS.contains(&o.entry.as_str()),
            "{outcome}: entry {} is not an entry point",
            o.entry
        );
        assert!(
            answers.len() <= 5,
            "path with {} questions: {answers:?}",
            answers.len()
        );
        // stepping with exactly these answers gives the same outcome
        match g.step(answers) {
            Ok(Step::Outcome(v)) => assert_eq!(&v.id, outcome),
            other => panic!("{answers:?} gave {other:?}"),
        }
        reached.insert(outcome.clone());
        // young people always get the anonymous options
        if answers.get("hvem").is_some_and(|a| a[0] == "ung") {
            let v = g.outcome_view(g.outcome(outcome).expect("enumerated"), answers);
            for s in [
                "ungekonsulenterne",
                "boerns-vilkaar",
                "headspace-kalundborg",
                "stien",
            ] {
                assert!(v.slugs().contains(&s), "{outcome} for ung lacks {s}");
            }
        }
    }
    for o in g.outcomes() {
        assert!(
            reached.contains(&o.id) || o.id == "akut",
            "outcome {} is never reached",
            o.id
        );
    }
}

#[test]
fn every_question_has_both_languages_and_topics_cover_the_brief() {
    let g = guide();
    for q in g.questions() {
        assert!(
            !q.text.get("en").is_empty() && q.text.0.contains_key("en"),
            "{}",
            q.id
        );
        for o in &q.options {
            assert!(
                o.text.0.contains_key("da") && o.text.0.contains_key("en"),
                "{}/{}",
                q.id,
                o.id
            );
        }
    }
    let emne = g.question("emne").unwrap();
    for t in [
        "mistrivsel",
        "rusmidler",
        "vold-og-overgreb",
        "handicap",
        "skole",
        "skilsmisse",
        "baby",
        "bolig",
        "uddannelse-og-job",
        "kriminalitet",
        "din-sag",
        "kurser",
    ] {
        assert!(emne.option(t).is_some(), "topic {t} missing");
    }
    let hvem = g.question("hvem").unwrap();
    for a in ["foraelder", "ung", "fagperson", "andet"] {
        assert!(hvem.option(a).is_some());
    }
}

#[test]
fn stepping_asks_one_question_at_a_time() {
    let g = guide();
    let Ok(Step::Question(q)) = g.step(&Answers::new()) else {
        panic!()
    };
    assert_eq!(q.id, "hvem");
    assert_eq!(q.kind, QuestionKind::Single);
    assert!(q.help.is_some());
    let Ok(Step::Question(q)) = g.step(&answers(&[("hvem", "foraelder")])) else {
        panic!()
    };
    assert_eq!(q.id, "emne");
    let Ok(Step::Question(q)) = g.step(&answers(&[("hvem", "foraelder"), ("emne", "mistrivsel")]))
    else {
        panic!()
    };
    assert_eq!(q.kind, QuestionKind::Age);
    assert_eq!(q.localized("en").max, Some(30));
    let a = answers(&[
        ("hvem", "foraelder"),
        ("emne", "mistrivsel"),
        ("alder", "10"),
    ]);
    let Ok(Step::Question(q)) = g.step(&a) else {
        panic!()
    };
    assert_eq!(q.kind, QuestionKind::Multiple);
    assert!(q.options.iter().any(|o| o.exclusive));
    let mut a2 = a.clone();
    a2.insert("tegn".into(), vec!["angst".into(), "trist".into()]);
    let Ok(Step::Outcome(o)) = g.step(&a2) else {
        panic!()
    };
    assert_eq!(o.entry, "stien");
    assert!(!o.acute);
    assert!(o.related.contains(&"angstgruppe-for-boern".to_string()));
    assert!(
        !o.related.contains(&"headspace-kalundborg".to_string())
            || o.related[0] != "headspace-kalundborg"
    );
    // self-harm among the signs → acute
    a2.insert("tegn".into(), vec!["trist".into(), "selvskade".into()]);
    let Ok(Step::Outcome(o)) = g.step(&a2) else {
        panic!()
    };
    assert!(o.acute);
    assert_eq!(o.entry, "akut-hjaelp");
    assert_eq!(o.related[0], "stien");

    // summary, in order, in both languages
    let s = g.summary(&a2, "da");
    assert_eq!(
        s.iter().map(|l| l.question_id.as_str()).collect::<Vec<_>>(),
        ["hvem", "emne", "alder", "tegn"]
    );
    assert_eq!(s[2].answer, "10 år");
    assert!(s[3].answer.contains(','));
    assert_eq!(g.summary(&a2, "en")[0].question, "Who are you?");
    match g.step(&a2).unwrap() {
        Step::Outcome(o) => {
            assert!(o.acute);
            assert_eq!(o.recommendations[0].slug, "akut-hjaelp");
        }
        Step::Question(q) => panic!("expected an outcome, got {}", q.id),
    }
    match g.step(&Answers::new()).unwrap() {
        Step::Question(q) => assert_eq!(q.options[1].id, "ung"),
        Step::Outcome(o) => panic!("expected the first question, got {}", o.id),
    }
    // "Ret" on emne keeps only hvem
    assert_eq!(
        g.answers_before(&a2, "emne").keys().collect::<Vec<_>>(),
        ["hvem"]
    );
}

#[test]
fn violence_goes_straight_to_acute_help_and_young_people_get_anonymous_options() {
    let g = guide();
    for who in ["foraelder", "ung", "fagperson", "andet"] {
        let Ok(Step::Outcome(o)) = g.step(&answers(&[("hvem", who), ("emne", "vold-og-overgreb")]))
        else {
            panic!()
        };
        assert!(o.acute);
        assert_eq!(o.entry, "akut-hjaelp");
        assert_eq!(o.recommendations[0].slug, "akut-hjaelp");
    }
    let Ok(Step::Outcome(o)) = g.step(&answers(&[
        ("hvem", "ung"),
        ("emne", "rusmidler"),
        ("hvis", "barn"),
        ("alder", "15"),
    ])) else {
        panic!()
    };
    assert_eq!(o.entry, "ungekonsulenterne");
    for s in ["boerns-vilkaar", "headspace-kalundborg", "stien"] {
        assert!(
            o.related.iter().any(|r| r == s),
            "{s} missing in {:?}",
            o.related
        );
    }
    let anon = o
        .recommendations
        .iter()
        .find(|r| r.slug == "boerns-vilkaar")
        .unwrap();
    assert!(anon.reason.get("en").contains("name"));
    let Ok(Step::Outcome(o)) = g.step(&answers(&[("hvem", "fagperson"), ("emne", "skole")])) else {
        panic!()
    };
    assert_eq!(o.entry, "underretning");
}

#[test]
fn answers_that_do_not_fit_name_their_question() {
    let g = guide();
    let e = g.step(&answers(&[("hvem", "kat")])).unwrap_err();
    assert_eq!(e.question, "hvem");
    assert_eq!(e.kind, StepErrorKind::UnknownOption("kat".into()));
    let e = g
        .step(&answers(&[("hvem", "ung"), ("hvem", "foraelder")]))
        .unwrap_err();
    assert_eq!(e.kind, StepErrorKind::TooManyAnswers);
    let mut a = answers(&[("hvem", "ung"), ("emne", "mistrivsel")]);
    a.insert("alder".into(), vec!["tolv".into()]);
    let e = g.step(&a).unwrap_err();
    assert_eq!(
        (e.question.as_str(), &e.kind),
        ("alder", &StepErrorKind::BadAge("tolv".into()))
    );
    a.insert("alder".into(), vec!["31".into()]);
    assert!(matches!(
        g.step(&a).unwrap_err().kind,
        StepErrorKind::BadAge(_)
    ));
    a.insert("alder".into(), vec![]);
    assert_eq!(g.step(&a).unwrap_err().kind, StepErrorKind::NoAnswer);
    a.insert("alder".into(), vec!["14".into()]);
    a.insert("tegn".into(), vec!["ingen".into(), "angst".into()]);
    let e = g.step(&a).unwrap_err();
    assert_eq!(
        (e.question.as_str(), &e.kind),
        ("tegn", &StepErrorKind::ExclusiveCombined("ingen".into()))
    );
    // answers to questions off the path are ignored (after "Ret")
    let a = answers(&[
        ("hvem", "foraelder"),
        ("emne", "baby"),
        ("alder", "99"),
        ("tegn", "x"),
    ]);
    assert!(matches!(g.step(&a), Ok(Step::Outcome(o)) if o.entry == "sundhedsplejen"));
}

#[test]
fn dot_graph_has_every_question_and_outcome() {
    let g = guide();
    let dot = g.to_dot("da");
    assert!(dot.starts_with("digraph guide {"));
    assert!(dot.trim_end().ends_with('}'));
    for q in g.questions() {
        assert!(dot.contains(&format!("\"q:{}\" [", q.id)), "{}", q.id);
    }
    for o in g.outcomes() {
        assert!(dot.contains(&format!("\"o:{}\" [", o.id)), "{}", o.id);
    }
    assert!(dot.contains("\"q:emne\" -> \"o:akut\""));
    assert!(g.to_dot("en").contains("Who are you?"));
}

// ---------------------------------------------------------------------------------------
// Validation of broken flows

const SMALL: &str = r#"# a small flow for tests
[settings]
start = "hvem"
audience_question = "hvem"
topic_question = "emne"
entry_points = ["familieraadgivningen", "akut-hjaelp"]
age_answer.da = "{n} år"
age_answer.en = "{n} years"
related_reason.da = "Også"
related_reason.en = "Also"

[[question]]
id = "hvem"
type = "single"
text.da = "Hvem er du?"
text.en = "Who are you?"
  [[question.option]]
  id = "ung"
  text.da = "Ung"
  text.en = "Young"
  [[question.option]]
  id = "voksen"
  text.da = "Voksen"
  text.en = "Adult"
  [[question.rule]]
  next = "emne"

[[question]]
id = "emne"
type = "single"
text.da = "Hvad drejer det sig om?"
text.en = "What is it about?"
  [[question.option]]
  id = "a"
  text.da = "A"
  text.en = "A"
  [[question.option]]
  id = "b"
  text.da = "B"
  text.en = "B"
  [[question.rule]]
  when = { emne = "a" }
  outcome = "ud-a"
  [[question.rule]]
  next = "alder"

[[question]]
id = "alder"
type = "age"
text.da = "Alder?"
text.en = "Age?"
  [[question.rule]]
  when = { alder = "0-5" }
  outcome = "ud-a"
  [[question.rule]]
  outcome = "ud-b"

[[outcome]]
id = "ud-a"
entry = "familieraadgivningen"
related = ["stien"]
reason.da = "Fordi"
reason.en = "Because"
next_steps.da = "Ring"
next_steps.en = "Call"

[[outcome]]
id = "ud-b"
entry = "akut-hjaelp"
acute = true
reason.da = "Fare"
reason.en = "Danger"
next_steps.da = "Ring 112"
next_steps.en = "Call 112"
"#;

fn load_str(text: &str) -> Result<Guide, Vec<Problem>> {
    let files = vec![
        SourceFile {
            path: "guide/flow.toml".into(),
            text: text.into(),
        },
        SourceFile {
            path: "tilbud/ssp.da.md".into(),
            text: "not a guide file".into(),
        },
    ];
    load(&files, &|s| {
        ["familieraadgivningen", "akut-hjaelp", "stien"].contains(&s)
    })
}

/// The line (1-based) of the `nth` (0-based) occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str, nth: usize) -> usize {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} not in text"))
        .0;
    crate::problem::line_of(text, at)
}

fn broken(text: &str) -> Vec<Problem> {
    match load_str(text) {
        Ok(_) => panic!("the broken flow loaded"),
        Err(p) => p.into_iter().filter(|p| p.is_error()).collect(),
    }
}

fn assert_problem(problems: &[Problem], line: usize, words: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.line == line && p.path == "guide/flow.toml" && p.message.contains(words)),
        "expected a problem at line {line} mentioning {words:?}, got:\n{}",
        show(problems)
    );
}

#[test]
fn small_flow_loads_and_walks() {
    let g = load_str(SMALL).unwrap_or_else(|p| panic!("{}", show(&p)));
    let mut outs: Vec<String> = g.all_paths().into_iter().map(|(_, o)| o).collect();
    outs.sort();
    outs.dedup();
    assert_eq!(outs, ["ud-a", "ud-b"]);
    // ages at the edges of 0-5 are tried: 0, 5, 6 and 30
    let ages: HashSet<String> = g
        .all_paths()
        .into_iter()
        .filter_map(|(a, _)| a.get("alder").map(|v| v[0].clone()))
        .collect();
    for a in ["0", "5", "6", "30"] {
        assert!(ages.contains(a), "{ages:?}");
    }
}

#[test]
fn a_cycle_is_reported_at_the_rule_that_closes_it() {
    let text = SMALL.replace(
        "  [[question.rule]]\n  outcome = \"ud-b\"",
        "  [[question.rule]]\n  next = \"emne\"",
    );
    let p = broken(&text);
    assert_problem(&p, line_of(&text, "next = \"emne\"", 1), "ring");
}

#[test]
fn an_unreachable_question_is_reported() {
    let text = format!(
        "{SMALL}\n[[question]]\nid = \"glemt\"\ntype = \"single\"\ntext.da = \"?\"\ntext.en = \"?\"\n  [[question.option]]\n  id = \"x\"\n  text.da = \"x\"\n  text.en = \"x\"\n  [[question.option]]\n  id = \"y\"\n  text.da = \"y\"\n  text.en = \"y\"\n  [[question.rule]]\n  outcome = \"ud-a\"\n"
    );
    let p = broken(&text);
    assert_problem(&p, line_of(&text, "id = \"glemt\"", 0), "kan ikke nås");
}

#[test]
fn a_missing_outcome_is_reported() {
    let text = SMALL.replace("outcome = \"ud-b\"", "outcome = \"ud-c\"");
    let p = broken(&text);
    assert_problem(&p, line_of(&text, "outcome = \"ud-c\"", 0), "ud-c");
    // a question whose rules leave a path without an outcome
    let text = SMALL.replace("  [[question.rule]]\n  outcome = \"ud-b\"\n", "");
    let p = broken(&text);
    assert_problem(&p, line_of(&text, "id = \"alder\"", 0), "uden et udfald");
}

#[test]
fn an_unknown_slug_is_reported() {
    let text = SMALL.replace("related = [\"stien\"]", "related = [\"stein\"]");
    let p = broken(&text);
    assert_problem(&p, line_of(&text, "\"stein\"", 0), "stein");
    // an entry that exists but is not an entry point
    let text = SMALL.replace("entry = \"familieraadgivningen\"", "entry = \"stien\"");
    let p = broken(&text);
    assert_problem(
        &p,
        line_of(&text, "entry = \"stien\"", 0),
        "ikke en indgang",
    );
}

#[test]
fn a_missing_text_is_an_error_in_danish_and_a_warning_in_other_languages() {
    let text = SMALL.replace("text.da = \"Hvad drejer det sig om?\"\n", "");
    let p = broken(&text);
    assert_problem(
        &p,
        line_of(&text, "text.en = \"What is it about?\"", 0),
        "dansk",
    );
    // Another language may be on its way: the page shows Danish meanwhile.
    let text = SMALL.replace("text.en = \"What is it about?\"\n", "");
    let g = load_str(&text).unwrap_or_else(|p| panic!("{}", show(&p)));
    assert_problem(
        &g.warnings,
        line_of(&text, "text.da = \"Hvad drejer det sig om?\"", 0),
        "engelsk",
    );
    let text = SMALL.replace("next_steps.en = \"Call 112\"\n", "");
    let g = load_str(&text).unwrap_or_else(|p| panic!("{}", show(&p)));
    assert_problem(
        &g.warnings,
        line_of(&text, "next_steps.da = \"Ring 112\"", 0),
        "next_steps",
    );
}

#[test]
fn an_unknown_option_or_question_in_a_condition_is_reported() {
    let text = SMALL.replace("when = { emne = \"a\" }", "when = { emne = \"c\" }");
    let p = broken(&text);
    assert_problem(&p, line_of(&text, "when = { emne = \"c\" }", 0), "\"c\"");
    let text = SMALL.replace("when = { emne = \"a\" }", "when = { emme = \"a\" }");
    let p = broken(&text);
    assert_problem(&p, line_of(&text, "when = { emme", 0), "emme");
    let text = SMALL.replace("when = { alder = \"0-5\" }", "when = { alder = \"små\" }");
    let p = broken(&text);
    assert_problem(&p, line_of(&text, "\"små\"", 0), "alder");
    let text = SMALL.replace("  next = \"emne\"", "  next = \"emnet\"");
    let p = broken(&text);
    assert_problem(&p, line_of(&text, "next = \"emnet\"", 0), "emnet");
}

#[test]
fn too_many_refining_questions_are_reported() {
    // alder → q1 → q2 → q3: four questions after who/what
    let extra = |id: &str, next: &str| {
        format!(
            "\n[[question]]\nid = \"{id}\"\ntype = \"single\"\ntext.da = \"?\"\ntext.en = \"?\"\n  [[question.option]]\n  id = \"x\"\n  text.da = \"x\"\n  text.en = \"x\"\n  [[question.option]]\n  id = \"y\"\n  text.da = \"y\"\n  text.en = \"y\"\n  [[question.rule]]\n  {next}\n"
        )
    };
    let text = SMALL.replace(
        "  [[question.rule]]\n  outcome = \"ud-b\"",
        "  [[question.rule]]\n  next = \"q1\"",
    ) + &extra("q1", "next = \"q2\"")
        + &extra("q2", "next = \"q3\"")
        + &extra("q3", "outcome = \"ud-b\"");
    let p = broken(&text);
    assert_problem(&p, line_of(&text, "next = \"q3\"", 0), "mere end 3");
    // three are fine
    let text = SMALL.replace(
        "  [[question.rule]]\n  outcome = \"ud-b\"",
        "  [[question.rule]]\n  next = \"q1\"",
    ) + &extra("q1", "next = \"q2\"")
        + &extra("q2", "outcome = \"ud-b\"");
    load_str(&text).unwrap_or_else(|p| panic!("{}", show(&p)));
}

#[test]
fn toml_mistakes_and_unknown_keys_are_reported_with_their_line() {
    let text = SMALL.replace("text.en = \"Age?\"", "tekst.en = \"Age?\"");
    let p = broken(&text);
    assert!(
        p.iter().any(|p| p.line == line_of(&text, "tekst.en", 0)),
        "{}",
        show(&p)
    );
    let text = SMALL.replace("text.en = \"Age?\"", "text.en = \"Age?");
    let p = broken(&text);
    assert!(
        p.iter()
            .any(|p| p.line == line_of(&text, "text.en = \"Age?", 0)),
        "{}",
        show(&p)
    );
    let text = SMALL.replace("type = \"age\"", "type = \"alder\"");
    let p = broken(&text);
    assert_problem(&p, line_of(&text, "type = \"alder\"", 0), "single");
}

#[test]
fn broken_chat_rules_are_reported() {
    let chat = "[chat]\nacute_outcome = \"ud-b\"\n\n[[chat.rule]]\nset = { emne = \"z\" }\nwords = [\"z\"]\n\n[[chat.default]]\nquestion = \"alder\"\nanswer = \"gammel\"\n";
    let files = vec![
        SourceFile {
            path: "guide/flow.toml".into(),
            text: SMALL.into(),
        },
        SourceFile {
            path: "guide/chat.toml".into(),
            text: chat.into(),
        },
    ];
    let p = load(&files, &|s| {
        ["familieraadgivningen", "akut-hjaelp", "stien"].contains(&s)
    })
    .unwrap_err();
    assert!(
        p.iter()
            .any(|p| p.path == "guide/chat.toml" && p.line == 5 && p.message.contains("\"z\"")),
        "{}",
        show(&p)
    );
    assert!(
        p.iter()
            .any(|p| p.path == "guide/chat.toml" && p.line == 9 && p.message.contains("gammel")),
        "{}",
        show(&p)
    );
}

// ---------------------------------------------------------------------------------------
// The chat interpreter

/// The chat's answer to a message, without the safety layer (that is tested with the
/// whole site in tests/safety.rs).
fn ask(text: &str) -> ChatReply {
    guide().interpret(&Message::read(text, spelling()), None)
}

#[test]
fn chat_finds_each_topic_in_danish_and_english() {
    let cases: &[(&str, &str)] = &[
        (
            "Min søn er meget ked af det og græder hver aften",
            "mistrivsel",
        ),
        ("My son is very sad and lonely", "mistrivsel"),
        ("Min datter har drukket sig fuld flere gange", "rusmidler"),
        ("My daughter smokes weed every day", "rusmidler"),
        ("Min mand er voldelig", "vold-og-overgreb"),
        ("There is violence in our home", "vold-og-overgreb"),
        ("Vores dreng har autisme", "handicap"),
        ("Our son has ADHD", "handicap"),
        ("Min datter har meget fravær fra skolen", "skole"),
        ("My son refuses to go to school", "skole"),
        (
            "Vi er blevet skilt og børnene har det svært med samværet",
            "skilsmisse",
        ),
        ("We are getting a divorce", "skilsmisse"),
        ("Jeg er gravid for første gang", "baby"),
        ("We have a newborn baby", "baby"),
        ("Jeg er 18 og har ikke noget sted at bo", "bolig"),
        ("I am homeless", "bolig"),
        (
            "Jeg har brug for hjælp til at finde en uddannelse",
            "uddannelse-og-job",
        ),
        (
            "I am unemployed and need help finding education",
            "uddannelse-og-job",
        ),
        ("Min søn har stjålet fra en butik", "kriminalitet"),
        ("My son is in a gang", "kriminalitet"),
        ("Jeg vil klage over kommunens afgørelse", "din-sag"),
        ("I want to complain about a decision", "din-sag"),
        ("Er der et kursus for forældre", "kurser"),
        ("Is there a course for parents", "kurser"),
        (
            "Vi mangler en frivillig til at hjælpe i hverdagen",
            "foraeldreskab",
        ),
        ("Vi har ikke råd til kontingent til fodbold", "fritid"),
    ];
    for (text, topic) in cases {
        let r = ask(text);
        assert!(r.understood, "{text}");
        assert_eq!(r.topic.as_deref(), Some(*topic), "{text}");
        assert!(r.outcome.is_some(), "{text}");
    }
}

#[test]
fn chat_finds_who_is_writing() {
    let cases: &[(&str, &str)] = &[
        ("Min søn på 12 pjækker", "foraelder"),
        ("Vores datter er ked af det", "foraelder"),
        ("my daughter is sad", "foraelder"),
        ("Jeg er 14 og ked af det", "ung"),
        ("min far drikker", "ung"),
        ("I'm 16 and I feel sad", "ung"),
        ("Min elev virker trist", "fagperson"),
        ("Jeg er lærer og bekymret for en pige", "fagperson"),
        ("Som pædagog er jeg bekymret for et barn", "fagperson"),
        ("I am a teacher and worried about a boy", "fagperson"),
        ("Min sagsbehandler svarer ikke", "foraelder"),
        ("Naboens børn er alene hele tiden og virker sultne", "andet"),
    ];
    for (text, who) in cases {
        assert_eq!(ask(text).audience.as_deref(), Some(*who), "{text}");
    }
    // professionals worried about a child are sent to notify
    let r = ask("Jeg er pædagog og bekymret for en dreng i vuggestuen");
    assert_eq!(r.outcome.unwrap().entry, "underretning");
    let r = ask("I am a social worker and worried about a family's children");
    assert_eq!(r.outcome.unwrap().entry, "underretning");
}

#[test]
fn chat_finds_ages() {
    let cases: &[(&str, u8)] = &[
        ("min søn på 15 drikker", 15),
        ("vores 15-årige datter er trist", 15),
        ("min datter er 15 år og trist", 15),
        ("Jeg er 13 og mobbet", 13),
        ("My 13 year old son is sad", 13),
        ("my son is 13 years old", 13),
        ("I'm 17 and homeless", 17),
        ("Han går i 8. klasse og pjækker", 14),
        ("Min søn på fjorten ryger hash", 14),
    ];
    for (text, age) in cases {
        assert_eq!(ask(text).age, Some(*age), "{text}");
    }
    assert_eq!(ask("Jeg er 45 og min datter er trist").age, None);
    assert_eq!(
        ask("Jeg er 45 og min datter er trist").audience.as_deref(),
        Some("foraelder")
    );
    // age changes the answer: a baby's mental health vs a teenager's
    assert_eq!(
        ask("min søn på 3 er trist").outcome.unwrap().entry,
        "familieraadgivningen"
    );
    assert_eq!(
        ask("min søn på 12 er trist").outcome.unwrap().entry,
        "stien"
    );
    assert_eq!(
        ask("jeg er 17 og drikker for meget").outcome.unwrap().entry,
        "ungekonsulenterne"
    );
    assert_eq!(
        ask("jeg er 20 og drikker for meget").outcome.unwrap().entry,
        "kommunal-ungeindsats"
    );
}

#[test]
fn misspellings_of_longer_words_are_tolerated() {
    assert_eq!(
        ask("kan jeg snakke med nogen hos hedspace")
            .topic
            .as_deref(),
        Some("mistrivsel")
    );
    assert_eq!(
        ask("min søn ryger hass og drikker alkohool")
            .topic
            .as_deref(),
        Some("rusmidler")
    );
    // short words and `=` words are not fuzzy: "klare" is not "klage"
    assert_ne!(
        ask("vi kan ikke klare det mere").topic.as_deref(),
        Some("din-sag")
    );
}

#[test]
fn unknown_text_is_not_understood_and_offers_the_first_question() {
    for t in [
        "",
        "hej",
        "what is the weather like",
        "asdf qwerty",
        "Kalundborg",
    ] {
        let r = ask(t);
        assert!(!r.understood, "{t}");
        assert_eq!(r.how, Understood::No, "{t}");
        assert!(r.outcome.is_none());
        assert!(!r.acute);
        assert_eq!(
            r.question.as_ref().map(|q| q.id.as_str()),
            Some("hvem"),
            "{t}"
        );
    }
    // who is known, but not what: ask what it is about
    let r = ask("min søn");
    assert!(!r.understood);
    assert_eq!(r.question.unwrap().id, "emne");
    assert_eq!(
        r.answers.get("hvem").unwrap(),
        &vec!["foraelder".to_string()]
    );
}

#[test]
fn chat_asks_the_one_missing_thing_that_matters_and_continues_in_the_flow() {
    let g = guide();
    // topic known, writer unknown, and a professional would get another answer
    let r = ask("Der er meget fravær og uro i skolen");
    assert!(r.understood);
    assert!(r.outcome.is_some(), "a best guess is still given");
    let q = r.question.clone().expect("a clarifying question");
    assert_eq!(q.id, "hvem");
    assert!(r.answers.contains_key("emne") && !r.answers.contains_key("hvem"));
    // continue: answer the question and step on
    let mut a = r.answers.clone();
    a.insert("hvem".into(), vec!["fagperson".into()]);
    assert!(matches!(g.step(&a), Ok(Step::Outcome(o)) if o.entry == "underretning"));
    let mut a = r.answers.clone();
    a.insert("hvem".into(), vec!["foraelder".into()]);
    assert!(matches!(g.step(&a), Ok(Step::Question(q)) if q.id == "alder"));

    // who and what known, age unknown and it matters
    let r = ask("min søn er trist");
    assert_eq!(r.question.as_ref().unwrap().id, "alder");
    assert_eq!(r.assumed, Vec::<String>::new());
    // nothing missing that matters: no question, assumed answers listed
    let r = ask("Hvordan klager jeg over en afgørelse");
    assert!(r.question.is_none(), "{:?}", r.question.map(|q| q.id));
    assert!(r.assumed.contains(&"hvem".to_string()));
    let o = r.outcome.as_ref().unwrap();
    assert!(!r.acute);
    assert_eq!(o.recommendations[1].slug, "klage-over-en-afgoerelse");
    assert!(o.recommendations[0].reason.get("en").len() > 5);
    let r = ask("min søn er trist");
    let q = r.question.unwrap();
    assert_eq!(q.id, "alder");
    assert_eq!(q.text.get("en"), "How old is the child or young person?");
}

#[test]
fn young_people_always_get_the_anonymous_options_from_the_chat() {
    for t in [
        "jeg er 15 og mine forældre skændes hele tiden",
        "jeg er 14 og har det dårligt",
        "jeg er 16 og min far slår mig",
    ] {
        let r = ask(t);
        assert_eq!(r.audience.as_deref(), Some("ung"), "{t}");
        let o = r.outcome.unwrap();
        for s in [
            "ungekonsulenterne",
            "boerns-vilkaar",
            "headspace-kalundborg",
            "stien",
        ] {
            assert!(o.slugs().contains(&s), "{t}: {s} missing");
        }
    }
}

#[test]
fn ordinary_words_do_not_trigger_rules_through_typo_tolerance() {
    let topic = |t: &str| ask(t).topic;
    assert_ne!(
        topic("han spiller meget computer").as_deref(),
        Some("rusmidler")
    );
    assert_ne!(
        topic("vi har mange spørgsmål").as_deref(),
        Some("mistrivsel")
    );
    assert_ne!(
        topic("hun har fundet en god løsning").as_deref(),
        Some("skole")
    );
    assert_ne!(
        topic("jeg håber det går godt").as_deref(),
        Some("skilsmisse")
    );
    assert_ne!(topic("vi sidder i stuen").as_deref(), Some("mistrivsel"));
    assert_ne!(topic("it costs a lot").as_deref(), Some("din-sag"));
}
