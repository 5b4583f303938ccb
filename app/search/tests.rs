//! Behaviour tests on a small built-in corpus in the style of the real content.

use super::*;
use std::sync::OnceLock;

#[allow(clippy::too_many_arguments)]
fn doc(
    lang: &str,
    kind: &str,
    slug: &str,
    title: &str,
    summary: &str,
    keywords: &[&str],
    body: &str,
    audience: &[&str],
    age: Option<(u8, u8)>,
) -> SearchDoc {
    SearchDoc {
        slug: slug.into(),
        kind: kind.into(),
        lang: lang.into(),
        title: title.into(),
        summary: summary.into(),
        keywords: keywords.iter().map(|s| s.to_string()).collect(),
        body: body.into(),
        audience: audience.iter().map(|s| s.to_string()).collect(),
        age,
        without_parents: false,
    }
}

fn corpus() -> Vec<SearchDoc> {
    vec![
        doc("da", "indgang", "mistrivsel", "Mistrivsel",
            "Når et barn eller en ung ikke trives, trækker sig fra venner eller har det svært i skolen.",
            &["trivsel", "psykisk sundhed", "ensomhed"],
            "Alle kan have perioder, hvor livet er svært. Her finder du hjælp til børn og unge med psykisk mistrivsel, og råd til forældre, der er bekymrede.",
            &["foraeldre", "unge"], Some((6, 25))),
        doc("da", "tilbud", "stien", "Stien",
            "Gratis og anonym rådgivning for unge mellem 13 og 25 år.",
            &["anonym", "rådgivning"],
            "Stien tilbyder psykologsamtaler og korte forløb uden henvisning. Du kan selv ringe eller skrive.",
            &["unge"], Some((13, 25))),
        doc("da", "tilbud", "bupl", "Børne- og ungdomspsykiatrien",
            "Udredning og behandling af børn og unge med psykiske lidelser efter henvisning fra lægen.",
            &[],
            "Regionens tilbud. Kontakt egen læge for en henvisning.",
            &["foraeldre", "fagpersoner"], Some((0, 17))),
        doc("da", "tilbud", "familieraadgivningen", "Familierådgivningen",
            "Gratis hjælp til familier med børn, når der er konflikter, eller hverdagen er svær.",
            &[],
            "Vi tilbyder samtaler for hele familien. Ring og aftal en tid.",
            &["foraeldre"], Some((0, 18))),
        doc("da", "tilbud", "familieraadslagning", "Familierådslagning",
            "Et møde, hvor familien og netværket sammen laver en plan for barnet.",
            &["netværksmøde"],
            "Familien inviterer selv de personer, der betyder noget. En uvildig koordinator hjælper med mødet.",
            &["foraeldre", "fagpersoner"], None),
        doc("da", "indgang", "boern-med-handicap", "Børn med handicap",
            "Støtte til familier med et barn med handicap eller en diagnose som ADHD eller autisme.",
            &["diagnose", "funktionsnedsættelse"],
            "Du kan søge om hjælpemidler, aflastning og tabt arbejdsfortjeneste.",
            &["foraeldre"], Some((0, 18))),
        doc("da", "tilbud", "ungekonsulenterne", "Ungekonsulenterne",
            "Rådgivning om hash, alkohol og andre rusmidler til unge og deres forældre.",
            &["misbrug"],
            "Vi taler om dit forbrug uden løftede pegefingre. Samtalerne er fortrolige.",
            &["unge", "foraeldre"], Some((13, 17))),
        doc("da", "indgang", "underretning", "Bekymret for et barn?",
            "Hvad du bør gøre, hvis du er bekymret for et barn eller en ung.",
            &["underretning", "indberetning"],
            "Fagpersoner har skærpet underretningspligt. Har du mistanke om vold, så kontakt kommunen med det samme.",
            &["fagpersoner", "foraeldre"], None),
        doc("da", "tilbud", "sundhedsplejen", "Sundhedsplejen",
            "Sundhedsplejersken besøger nyfødte og familier i hjemmet.",
            &[],
            "Hvis du bor i kommunen, får du besøg efter fødslen. Vi vejer og måler den lille og svarer på spørgsmål om amning og søvn.",
            &["foraeldre"], Some((0, 1))),
        doc("da", "kursus", "kursus-foraeldre-diagnose", "Kursus for forældre til børn med diagnose",
            "Et aftenkursus om hverdagen med et barn med ADHD eller autisme.",
            &[],
            "Kurset varer seks aftener. Du møder andre forældre i samme situation.",
            &["foraeldre"], None),
        doc("da", "tilbud", "klage", "Klage over en afgørelse",
            "Sådan klager du, hvis du er uenig i en afgørelse fra kommunen.",
            &["anke", "klagefrist"],
            "Klagefristen er fire uger. Kommunen genvurderer sagen, før den sendes til Ankestyrelsen.",
            &["foraeldre", "unge"], None),
        doc("da", "tilbud", "headspace", "headspace Kalundborg",
            "Et gratis og anonymt sted, hvor unge kan tale med en frivillig om alt.",
            &[],
            "Kom forbi uden tidsbestilling.",
            &["unge"], Some((12, 25))),
        doc("da", "partner", "sorggruppe", "Sorggruppe for børn",
            "For børn og unge, der har mistet en forælder, en bedsteforælder eller en ældre søskende.",
            &[],
            "Gruppen mødes hver anden uge.",
            &["unge", "foraeldre"], None),
        doc("da", "side", "om", "Om Find hjælp",
            "Siden samler kommunens hjælp til børn, unge og familier.",
            &[],
            "Her nævner vi mobning, rådgivning, psykolog og mistrivsel i forbifarten. Indhold med <script>alert(1)</script> & tegn skal vises sikkert.",
            &[], None),
        doc("da", "indgang", "mobning", "Mobning",
            "Hvis dit barn bliver mobbet i skolen eller på nettet.",
            &[],
            "Tal med skolen. Du kan også få råd hos Familierådgivningen.",
            &["foraeldre", "unge"], Some((6, 18))),
        doc("da", "tilbud", "ppr", "PPR – Pædagogisk Psykologisk Rådgivning",
            "Psykologer og talepædagoger, der hjælper børn i dagtilbud og skole.",
            &["psykolog"],
            "PPR samarbejder med skolen og forældrene.",
            &["fagpersoner", "foraeldre"], Some((0, 18))),
        doc("en", "indgang", "underretning", "Worried about a child?",
            "How to make a notification to the municipality when you are worried about a child.",
            &["notification"],
            "Professionals have a special duty to notify.",
            &["fagpersoner"], None),
        doc("en", "tilbud", "ungekonsulenterne", "The youth consultants",
            "Advice about cannabis, alcohol and other drugs for young people.",
            &[],
            "Talking helps.",
            &["unge"], None),
        doc("en", "tilbud", "familieraadslagning", "Family group conference",
            "A meeting where the family and network make a plan for the child.",
            &[],
            "",
            &["foraeldre"], None),
    ]
}

const TEST_SYNONYMS: &str = r#"
[dansk]
joint = ["hash", "rusmidler"]
"ked af det" = ["mistrivsel"]
"pjække" = ["fravær"]

[engelsk]
weed = ["drugs", "cannabis"]
"#;

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        SearchIndex::build(corpus(), Synonyms::parse(TEST_SYNONYMS).unwrap()).unwrap()
    })
}

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        lang: "da".into(),
        limit: 10,
        ..Default::default()
    }
}

fn search(text: &str) -> SearchResults {
    index().search(&query(text))
}

fn slugs(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.slug.as_str()).collect()
}

fn first(text: &str) -> String {
    let r = search(text);
    r.hits
        .first()
        .map(|h| h.slug.clone())
        .unwrap_or_else(|| panic!("no hits for {text:?}"))
}

#[test]
fn index_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<SearchIndex>();
    check::<Synonyms>();
}

#[test]
fn stemming_matches_inflections() {
    let r = search("rådgivningen");
    assert!(slugs(&r).contains(&"stien"), "{:?}", slugs(&r));
    assert!(slugs(&search("familier")).contains(&"familieraadgivningen"));
    assert_eq!(first("sundhedsplejerske"), "sundhedsplejen");
}

#[test]
fn folding_finds_danish_letters() {
    assert_eq!(first("boern med handicap"), "boern-med-handicap");
    assert!(slugs(&search("boern")).contains(&"boern-med-handicap"));
    assert_eq!(first("familieraadslagning"), "familieraadslagning");
    assert!(slugs(&search("aeldre")).contains(&"sorggruppe"));
    assert_eq!(first("familieraadgivningen"), "familieraadgivningen");
}

#[test]
fn boer_and_bor_stay_apart() {
    let bor = search("bor");
    assert!(slugs(&bor).contains(&"sundhedsplejen"), "{:?}", slugs(&bor));
    assert!(!slugs(&bor).contains(&"underretning"), "{:?}", slugs(&bor));
    let boer = search("bør");
    assert!(slugs(&boer).contains(&"underretning"), "{:?}", slugs(&boer));
    assert!(
        !slugs(&boer).contains(&"sundhedsplejen"),
        "{:?}",
        slugs(&boer)
    );
}

#[test]
fn compound_parts_are_found() {
    let r = search("psykiatri");
    assert_eq!(slugs(&r).first(), Some(&"bupl"), "{:?}", slugs(&r));
    let r = search("rådgivning");
    assert!(
        slugs(&r).contains(&"familieraadgivningen"),
        "{:?}",
        slugs(&r)
    );
    let r = search("psykolog");
    assert!(slugs(&r).contains(&"stien"), "{:?}", slugs(&r));
    // A compound in the query that no text uses is searched by its parts.
    let r = search("forældrekursus");
    assert_eq!(
        slugs(&r).first(),
        Some(&"kursus-foraeldre-diagnose"),
        "{:?}",
        slugs(&r)
    );
}

#[test]
fn false_compound_splits_do_not_give_hits() {
    // `mistanke` must not be `mist` + `anke` (the corpus has `mistet`).
    let r = search("anke");
    assert_eq!(slugs(&r), vec!["klage"]);
    // `underretning` is not `under` + `retning`; `råd` is too short to be a part.
    assert!(search("retning").hits.is_empty());
    let r = search("hvad er råd");
    assert!(
        !slugs(&r).contains(&"familieraadgivningen"),
        "{:?}",
        slugs(&r)
    );
    assert!(!slugs(&r).contains(&"stien"), "{:?}", slugs(&r));
    // Parts rank below whole words: the page that says `rådgivning` outright comes
    // before the one that only has it inside a compound.
    let r = search("rådgivning");
    let pos = |s: &str| slugs(&r).iter().position(|x| *x == s).unwrap();
    assert!(
        pos("stien") < pos("familieraadgivningen"),
        "{:?}",
        slugs(&r)
    );
    // Psychiatry does not drag in unrelated pages.
    let r = search("psykiatri");
    for unrelated in [
        "sundhedsplejen",
        "klage",
        "mobning",
        "headspace",
        "sorggruppe",
    ] {
        assert!(
            !slugs(&r).contains(&unrelated),
            "{unrelated} in {:?}",
            slugs(&r)
        );
    }
}

#[test]
fn typos_are_tolerated() {
    // distance 1 (5+ letters)
    assert_eq!(first("mobnig"), "mobning");
    assert_eq!(first("hedspace"), "headspace");
    // distance 2 (9+ letters)
    assert_eq!(first("sundhedsplajerskn"), "sundhedsplejen");
    assert_eq!(first("familieraadslangign"), "familieraadslagning");
    // short words are not fuzzed: `hask` is not `hash`
    assert!(search("hask").hits.is_empty());
    // distance 2 is too much for an 8-letter word
    assert!(search("mobbnigg").hits.is_empty());
}

#[test]
fn half_typed_last_word_is_completed() {
    let r = search("psyk");
    for s in ["stien", "bupl", "ppr"] {
        assert!(slugs(&r).contains(&s), "{s} not in {:?}", slugs(&r));
    }
    assert_eq!(first("sorgg"), "sorggruppe");
    assert_eq!(first("anonym rådg"), "stien");
    // Only the last word is a prefix.
    assert!(search("sorgg børn")
        .hits
        .iter()
        .all(|h| h.slug != "sorggruppe" || h.score > 0.0));
}

#[test]
fn synonyms_expand_the_query() {
    assert_eq!(first("joint"), "ungekonsulenterne");
    assert_eq!(first("ked af det"), "mistrivsel");
    assert_eq!(first("mit barn er ked af det"), "mistrivsel");
    let en = index().search(&SearchQuery {
        lang: "en".into(),
        ..query("weed")
    });
    assert_eq!(slugs(&en), vec!["ungekonsulenterne"]);
}

#[test]
fn shipped_synonyms_work_with_the_corpus() {
    let syn = Synonyms::parse(include_str!("../../content/synonyms.toml")).unwrap();
    let idx = SearchIndex::build(corpus(), syn).unwrap();
    let r = idx.search(&query("skunk"));
    assert_eq!(
        r.hits.first().map(|h| h.slug.as_str()),
        Some("ungekonsulenterne")
    );
    let r = idx.search(&query("druk"));
    assert_eq!(
        r.hits.first().map(|h| h.slug.as_str()),
        Some("ungekonsulenterne")
    );
    let r = idx.search(&query("nedtrykt"));
    assert_eq!(r.hits.first().map(|h| h.slug.as_str()), Some("mistrivsel"));
}

#[test]
fn entry_points_rank_above_pages_that_mention_the_words() {
    let r = search("mistrivsel");
    assert_eq!(slugs(&r).first(), Some(&"mistrivsel"));
    assert!(slugs(&r).contains(&"om"));
    let r = search("mobning");
    assert_eq!(slugs(&r).first(), Some(&"mobning"));
}

#[test]
fn more_query_words_matched_rank_higher() {
    assert_eq!(first("pædagogisk psykologisk rådgivning"), "ppr");
    assert_eq!(first("stien rådgivning"), "stien");
    assert_eq!(first("behandling uden henvisning"), "bupl");
}

#[test]
fn tantivy_scores_follow_bm25_and_field_boosts() {
    let d = |slug: &str, title: &str, body: &str| {
        doc("da", "side", slug, title, "", &[], body, &[], None)
    };
    let docs = vec![
        d("a", "zebra", "giraf giraf kamel"),
        d("b", "okapi", "zebra giraf"),
        d("c", "okapi", "giraf lama bison tapir"),
    ];
    let idx = SearchIndex::build(docs, Synonyms::empty()).unwrap();
    let r = idx.search(&query("zebra"));
    assert_eq!(slugs(&r), ["a", "b"], "title beats body: {r:?}");
    assert!(r.hits[0].score > r.hits[1].score);
    let r = idx.search(&query("giraf"));
    assert_eq!(r.total, 3);
    let score = |slug: &str| r.hits.iter().find(|h| h.slug == slug).unwrap().score;
    assert!(
        score("a") > score("c"),
        "more occurrences score higher: {r:?}"
    );
    assert!(r.hits.iter().all(|h| h.score > 0.0));
}

#[test]
fn filters_and_counts() {
    let base = search("børn");
    assert!(base.total >= 6, "{:?}", slugs(&base));
    let kinds: Vec<&str> = base.kind_counts.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds.first(), Some(&"indgang"));
    assert_eq!(
        base.kind_counts.iter().map(|(_, c)| c).sum::<usize>(),
        base.total
    );

    let tilbud = index().search(&SearchQuery {
        kind: Some("tilbud".into()),
        ..query("børn")
    });
    assert!(tilbud.hits.iter().all(|h| h.kind == "tilbud"));
    assert_eq!(
        tilbud.kind_counts, base.kind_counts,
        "kind counts ignore the kind filter"
    );
    let n_tilbud = base
        .kind_counts
        .iter()
        .find(|(k, _)| k == "tilbud")
        .unwrap()
        .1;
    assert_eq!(tilbud.total, n_tilbud);

    let fag = index().search(&SearchQuery {
        audience: Some("fagpersoner".into()),
        ..query("børn")
    });
    assert!(fag.total < base.total);
    assert_eq!(
        fag.audience_counts, base.audience_counts,
        "audience counts ignore that filter"
    );
    for h in &fag.hits {
        let d = corpus()
            .into_iter()
            .find(|d| d.slug == h.slug && d.lang == "da")
            .unwrap();
        assert!(d.audience.is_empty() || d.audience.iter().any(|a| a == "fagpersoner"));
    }
    let n = base
        .audience_counts
        .iter()
        .find(|(a, _)| a == "fagpersoner")
        .unwrap()
        .1;
    let everyone = fag.hits.iter().filter(|h| h.slug == "om").count();
    assert_eq!(fag.total, n + everyone);

    // Age: ranges must contain it; items without a range pass.
    let baby = index().search(&SearchQuery {
        age: Some(0),
        ..query("børn")
    });
    assert!(slugs(&baby).contains(&"sorggruppe"), "no age range passes");
    assert!(!slugs(&baby).contains(&"mistrivsel"), "6-25 excludes 0");
    assert!(baby.kind_counts.iter().map(|(_, c)| c).sum::<usize>() < base.total);

    // Limit
    let one = index().search(&SearchQuery {
        limit: 1,
        ..query("børn")
    });
    assert_eq!(one.hits.len(), 1);
    assert_eq!(one.total, base.total);
    assert_eq!(one.hits[0], base.hits[0]);
}

#[test]
fn without_parents_filter_keeps_only_items_a_young_person_can_use_alone() {
    let mut alone = doc(
        "da",
        "partner",
        "telefon",
        "Telefon for børn",
        "Ring og tal med en voksen.",
        &[],
        "Du kan ringe, når du er ked af det.",
        &["unge"],
        None,
    );
    alone.without_parents = true;
    let with_parents = doc(
        "da",
        "tilbud",
        "samtaler",
        "Samtaler for børn",
        "Samtaler, når du er ked af det.",
        &[],
        "Dine forældre er med til samtalerne.",
        &["unge"],
        None,
    );
    let idx = SearchIndex::build(vec![alone, with_parents], Synonyms::empty()).unwrap();
    let all = idx.search(&query("ked af det"));
    assert_eq!(all.total, 2);
    assert_eq!(
        all.without_parents_count, 1,
        "counted before the filter is on"
    );
    let only = idx.search(&SearchQuery {
        without_parents: true,
        ..query("ked af det")
    });
    assert_eq!(slugs(&only), ["telefon"]);
    assert_eq!(only.total, 1);
    assert_eq!(only.without_parents_count, 1);
}

#[test]
fn snippets_mark_matches_and_escape_html() {
    let r = search("psykolog");
    let stien = r.hits.iter().find(|h| h.slug == "stien").unwrap();
    assert!(
        stien.snippet_html.contains("<mark>psykologsamtaler</mark>"),
        "{}",
        stien.snippet_html
    );

    // Match only in the title (through a compound part): the title is shown marked.
    let r = search("psykiatri");
    assert!(
        r.hits[0]
            .snippet_html
            .contains("<mark>ungdomspsykiatrien</mark>"),
        "{}",
        r.hits[0].snippet_html
    );

    let r = search("alert");
    let om = &r.hits[0];
    assert!(
        om.snippet_html
            .contains("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; tegn"),
        "{}",
        om.snippet_html
    );
    assert!(!om.snippet_html.contains("<script>"));

    let r = search("<b>mobning</b> <mark>\"");
    assert!(!r.hits.is_empty());
    for h in &r.hits {
        let stripped = h.snippet_html.replace("<mark>", "").replace("</mark>", "");
        assert!(
            !stripped.contains('<') && !stripped.contains('>'),
            "{}",
            h.snippet_html
        );
    }
    let folded = search("boern");
    assert!(
        folded.hits[0].snippet_html.contains("<mark>"),
        "{}",
        folded.hits[0].snippet_html
    );
}

#[test]
fn hostile_input_is_harmless() {
    let long = "psykolog ".repeat(2000);
    let junk: String = (0u32..2000).filter_map(char::from_u32).collect();
    let xs = "x".repeat(10_000);
    let inputs = [
        "",
        " ",
        "*",
        "**",
        "*:*",
        "?",
        "\"\"",
        "\"*\"",
        "()",
        "+",
        "-",
        "~2",
        "AND",
        "OR NOT",
        "title:*",
        "title:stien",
        "stien~2",
        "+stien -mobning",
        "(stien OR mobning) AND *",
        "\"stien",
        "stien\"",
        "[* TO *]",
        "{a TO b}",
        "\\",
        "\u{0}\u{1}\u{7f}",
        "🙂🙂🙂",
        "psyk🙂olog",
        &long,
        &junk,
        "a",
        "æ",
        "ø",
        "å",
        &xs,
        "ß",
        "İ",
        "ǅ",
        "\u{202e}stien",
        "stien\u{0}mobning",
    ];
    for text in inputs {
        for lang in ["da", "en", "xx", ""] {
            let q = SearchQuery {
                text: text.to_string(),
                lang: lang.into(),
                limit: 50,
                ..Default::default()
            };
            let r = index().search(&q);
            assert!(r.hits.len() <= 50);
            assert!(r.total < 16, "{text:?} returned {} docs", r.total);
        }
    }
    for text in [
        "", "  ", "*", "**", "*:*", "?", "!!!", "...", "\"\"", "+ - ~",
    ] {
        let r = search(text);
        assert_eq!(r.total, 0, "{text:?}");
        assert!(r.hits.is_empty() && r.kind_counts.is_empty() && r.suggestion.is_none());
    }
    assert_eq!(first("title:stien"), "stien");
    assert_eq!(first("\"stien\""), "stien");
    assert_eq!(first("(stien)"), "stien");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Any text, any limit: no panic, at most `limit` hits, and the snippets are safe HTML.
    #[test]
    fn any_text_is_safe(text in "\\PC{0,120}|[a-zæøå *~:()+\"-]{0,60}", limit in 0usize..25) {
        for lang in ["da", "en"] {
            let q = SearchQuery { text: text.clone(), lang: lang.into(), limit, ..Default::default() };
            let r = index().search(&q);
            proptest::prop_assert!(r.hits.len() <= limit);
            proptest::prop_assert!(r.total <= 16);
            for h in &r.hits {
                let bare = h.snippet_html.replace("<mark>", "").replace("</mark>", "");
                proptest::prop_assert!(!bare.contains('<') && !bare.contains('>'), "{}", h.snippet_html);
            }
        }
    }
}

#[test]
fn english_documents() {
    let en = |t: &str| {
        index().search(&SearchQuery {
            lang: "en".into(),
            ..query(t)
        })
    };
    assert_eq!(
        slugs(&en("notification about a child")).first(),
        Some(&"underretning")
    );
    assert_eq!(
        slugs(&en("family group conference")).first(),
        Some(&"familieraadslagning")
    );
    assert_eq!(slugs(&en("notifications")).first(), Some(&"underretning"));
    // Languages do not mix.
    assert!(en("stien").hits.is_empty());
    assert!(search("notification").hits.is_empty());
    assert!(index()
        .search(&SearchQuery {
            lang: "de".into(),
            ..query("stien")
        })
        .hits
        .is_empty());
}

#[test]
fn suggests_spelling() {
    assert_eq!(search("hedspace").suggestion.as_deref(), Some("headspace"));
    assert_eq!(search("hask").suggestion.as_deref(), Some("hash"));
    assert_eq!(search("mobning").suggestion, None);
    assert_eq!(search("qqqqqqq").suggestion, None);
    assert_eq!(search("børn").suggestion, None);
}

#[test]
fn empty_index_and_empty_synonyms() {
    let idx = SearchIndex::build(Vec::new(), Synonyms::empty()).unwrap();
    assert!(idx.is_empty());
    assert_eq!(idx.search(&query("børn")), SearchResults::default());
}

/// Timing on a synthetic corpus of 10,000 documents. Run with
/// `cargo test --lib search::tests::perf -- --ignored --nocapture` (debug timings are
/// several times slower than release).
#[test]
#[ignore]
fn perf() {
    use std::time::Instant;
    let base = corpus();
    let words: Vec<String> = base
        .iter()
        .flat_map(|d| crate::analysis::words(&format!("{} {} {}", d.title, d.summary, d.body)))
        .collect();
    let mut docs = Vec::new();
    let mut seed = 7u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for i in 0..10_000 {
        let mut d = base[i % base.len()].clone();
        d.slug = format!("{}-{i}", d.slug);
        d.lang = "da".into();
        let mut body = String::new();
        for _ in 0..300 {
            body.push_str(&words[next() % words.len()]);
            body.push_str(if next() % 12 == 0 { ". " } else { " " });
        }
        body.push_str(&format!("ord{} variant{}", i % 997, i % 131));
        d.body = body;
        docs.push(d);
    }
    let t = Instant::now();
    let idx = SearchIndex::build(
        docs,
        Synonyms::parse(include_str!("../../content/synonyms.toml")).unwrap(),
    )
    .unwrap();
    eprintln!("build 10k: {:?}", t.elapsed());
    let queries = [
        "psykisk mistrivsel",
        "behandling uden henvisning",
        "hedspace",
        "psyk",
        "boern",
        "familieraadslagning",
        "joint",
        "ked af det",
        "pædagogisk psykologisk rådgivning",
        "støtte kontaktperson",
        "forældrekursus",
        "klagefrist",
        "*",
        "sundhedsplejerske",
        "mit barn bliver mobbet i skolen og vil ikke spise",
        "ord512 variant7",
    ];
    let mut times = Vec::new();
    let t = Instant::now();
    for _ in 0..20 {
        for q in queries {
            let s = Instant::now();
            let r = idx.search(&query(q));
            std::hint::black_box(r);
            times.push(s.elapsed());
        }
    }
    let total = t.elapsed();
    times.sort();
    eprintln!(
        "{} searches in {:?}: {:.0}/s, p50 {:?}, p99 {:?}, max {:?}",
        times.len(),
        total,
        times.len() as f64 / total.as_secs_f64(),
        times[times.len() / 2],
        times[times.len() * 99 / 100],
        times[times.len() - 1]
    );
}

/// Timing on a content folder made by `bench/gen-corpus N DIR`: set FH_CORPUS=DIR and run
/// `cargo test --lib search::tests::perf_corpus -- --ignored --nocapture`.
#[test]
#[ignore]
fn perf_corpus() {
    use std::time::Instant;
    let Ok(dir) = std::env::var("FH_CORPUS") else {
        return;
    };
    let (docs, syn) = folder_docs(&dir);
    let n = docs.len();
    let t = Instant::now();
    let idx = SearchIndex::build(docs, syn).unwrap();
    eprintln!("build {n} docs: {:?}", t.elapsed());
    let queries: Vec<String> = std::env::var("FH_QUERIES")
        .ok()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .map(|t| {
            t.lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_else(|| vec!["angst".into(), "psykolog".into(), "boernepsykiatri".into()]);
    let reps: usize = std::env::var("FH_REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let mut per_query = Vec::new();
    let t = Instant::now();
    for q in &queries {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..reps {
            let s = Instant::now();
            let r = idx.search(&SearchQuery {
                limit: 20,
                ..query(q)
            });
            times.push(s.elapsed());
            total = r.total;
        }
        times.sort();
        per_query.push((q.clone(), times[times.len() / 2], total));
    }
    let elapsed = t.elapsed();
    for (q, t, total) in &per_query {
        eprintln!("{q:30} {t:>10.2?} total {total}");
    }
    eprintln!("{} searches in {elapsed:?}", queries.len() * reps);
}

#[test]
#[ignore]
fn perf_parts() {
    use std::time::Instant;
    let Ok(dir) = std::env::var("FH_CORPUS") else {
        return;
    };
    let (docs, syn) = folder_docs(&dir);
    let docs: Vec<SearchDoc> = docs.into_iter().filter(|d| d.lang == "da").collect();
    let t = Instant::now();
    let idx = SearchIndex::build(docs, syn).unwrap();
    eprintln!("build da: {:?}", t.elapsed());
    let li = &idx.langs[0].1;
    eprintln!(
        "keys {} words {}",
        li.vocab.num_keys(),
        li.vocab.num_words()
    );
    for q in std::fs::read_to_string(std::env::var("FH_QUERIES").unwrap())
        .unwrap()
        .lines()
    {
        let mut tp = std::time::Duration::MAX;
        let mut tr = std::time::Duration::MAX;
        let mut tf = std::time::Duration::MAX;
        let mut p = plan::plan(q, &li.vocab, &idx.synonyms);
        let mut r0 = rank::run(
            li,
            &p,
            &SearchQuery {
                limit: 0,
                ..query(q)
            },
        );
        for _ in 0..7 {
            let t = Instant::now();
            p = plan::plan(q, &li.vocab, &idx.synonyms);
            tp = tp.min(t.elapsed());
            let t = Instant::now();
            r0 = rank::run(
                li,
                &p,
                &SearchQuery {
                    limit: 0,
                    ..query(q)
                },
            );
            tr = tr.min(t.elapsed());
            let t = Instant::now();
            let _r = rank::run(
                li,
                &p,
                &SearchQuery {
                    limit: 20,
                    ..query(q)
                },
            );
            tf = tf.min(t.elapsed());
        }
        let ts = tf.saturating_sub(tr);
        let alts: usize = p.groups.iter().map(|g| g.alts.len()).sum();
        let mut postings = 0;
        for g in &p.groups {
            for a in &g.alts {
                if let Some(t) = li.vocab.terms.get(&a.term) {
                    let ts: Vec<u32> = match a.space {
                        plan::Space::Main => vec![t],
                        plan::Space::Fold => li.vocab.fold_main.get(t).to_vec(),
                    };
                    for t in ts {
                        for f in li.fields {
                            let term = tantivy::Term::from_field_text(f, li.vocab.terms.str(t));
                            postings += li.searcher.doc_freq(&term).unwrap_or(0) as usize;
                        }
                    }
                }
            }
        }
        eprintln!("{q:25} plan {tp:>9.2?} score {tr:>9.2?} snippets {ts:>9.2?} groups {} alts {alts} total {} postings {postings}", p.groups.len(), r0.total);
    }
}

/// Runs an eval table (`lang<TAB>query<TAB>slug,slug`) against a content folder:
/// FH_CORPUS=content FH_EVAL=../shared/eval/dev-search.tsv
/// `cargo test --lib search::tests::eval_cases -- --ignored --nocapture`.
#[test]
#[ignore]
fn eval_cases() {
    let (Ok(dir), Ok(eval)) = (std::env::var("FH_CORPUS"), std::env::var("FH_EVAL")) else {
        return;
    };
    let (docs, syn) = folder_docs(&dir);
    let idx = SearchIndex::build(docs, syn).unwrap();
    let (mut pass, mut fail) = (0, 0);
    for line in std::fs::read_to_string(eval).unwrap().lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || cols.len() < 3 {
            continue;
        }
        let r = idx.search(&SearchQuery {
            text: cols[1].into(),
            lang: cols[0].into(),
            limit: 5,
            ..Default::default()
        });
        let got: Vec<&str> = r.hits.iter().map(|h| h.slug.as_str()).collect();
        let ok = cols[2]
            .split(',')
            .any(|e| got.iter().take(3).any(|g| *g == e.trim()));
        if ok {
            pass += 1
        } else {
            fail += 1
        }
        eprintln!(
            "{} [{}] {:35} -> {:?} want {} (total {}, sugg {:?})",
            if ok { "PASS" } else { "FAIL" },
            cols[0],
            cols[1],
            got,
            cols[2],
            r.total,
            r.suggestion
        );
        if std::env::var("FH_SNIPPETS").is_ok() {
            for h in r.hits.iter().take(3) {
                eprintln!("      {} | {}", h.title, h.snippet_html);
            }
        }
    }
    eprintln!("{pass} passed, {fail} failed");
}

/// The search documents of a content folder, the way the site makes them (for the
/// ignored measurement tests below).
fn folder_docs(dir: &str) -> (Vec<SearchDoc>, Synonyms) {
    let (files, _) = crate::source::read_folder(std::path::Path::new(dir)).unwrap();
    let (content, problems) = crate::content::load(&files, chrono::Local::now().date_naive());
    let Some(content) = content else {
        panic!("{problems:?}")
    };
    let docs = crate::site::search_docs(&content);
    let syn = files
        .iter()
        .find(|f| f.path == "synonyms.toml")
        .map(|f| Synonyms::parse(&f.text).unwrap())
        .unwrap_or_else(Synonyms::empty);
    (docs, syn)
}

#[test]
#[ignore]
fn synonym_coverage() {
    let Ok(dir) = std::env::var("FH_CORPUS") else {
        return;
    };
    let (docs, syn) = folder_docs(&dir);
    let idx = SearchIndex::build(docs, Synonyms::empty()).unwrap();
    for (code, li) in &idx.langs {
        let lang = Lang::from_code(code);
        for (key, values) in syn.entries(lang) {
            let missing: Vec<&String> = values
                .iter()
                .filter(|v| {
                    crate::analysis::words(v).iter().all(|w| {
                        li.vocab
                            .terms
                            .get(&lang.stem(w))
                            .is_none_or(|t| !li.vocab.is_main_term(t))
                    })
                })
                .collect();
            if !missing.is_empty() {
                eprintln!("[{code}] {key:?} -> not in content: {missing:?}");
            }
        }
    }
}
