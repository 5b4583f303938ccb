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
        kind: Kind::from_id(kind).unwrap(),
        lang: lang_of(lang),
        title: title.into(),
        summary: summary.into(),
        keywords: keywords.iter().map(|s| s.to_string()).collect(),
        body: body.into(),
        audience: audience
            .iter()
            .map(|a| Audience::from_id(a).unwrap())
            .collect(),
        age,
        without_parents: false,
    }
}

fn lang_of(code: &str) -> Lang {
    Lang::intern(code).unwrap()
}

/// Danish and English as the shipped site analyses them; other languages plain.
fn analysis_of(lang: Lang) -> Analysis {
    match lang.code() {
        "da" => Analysis::Danish,
        "en" => Analysis::English,
        _ => Analysis::Plain,
    }
}

fn synonyms(text: &str) -> Synonyms {
    let language = |code: &str| {
        let lang = Lang::intern(code)?;
        matches!(code, "da" | "en").then(|| (lang, analysis_of(lang)))
    };
    Synonyms::parse(text, &language).unwrap()
}

fn build(docs: Vec<SearchDoc>, synonyms: Synonyms) -> SearchIndex {
    SearchIndex::build(docs, synonyms, &analysis_of).unwrap()
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
    INDEX.get_or_init(|| build(corpus(), synonyms(TEST_SYNONYMS)))
}

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        lang: Lang::DEFAULT,
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
        lang: lang_of("en"),
        ..query("weed")
    });
    assert_eq!(slugs(&en), vec!["ungekonsulenterne"]);
}

#[test]
fn shipped_synonyms_work_with_the_corpus() {
    let idx = build(
        corpus(),
        synonyms(include_str!("../../content/synonyms.toml")),
    );
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
    let idx = build(docs, Synonyms::empty());
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
    let kinds: Vec<Kind> = base.kind_counts.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds.first(), Some(&Kind::Indgang));
    assert_eq!(
        base.kind_counts.iter().map(|(_, c)| c).sum::<usize>(),
        base.total
    );

    let tilbud = index().search(&SearchQuery {
        kind: Some(Kind::Tilbud),
        ..query("børn")
    });
    assert!(tilbud.hits.iter().all(|h| h.kind == Kind::Tilbud));
    assert_eq!(
        tilbud.kind_counts, base.kind_counts,
        "kind counts ignore the kind filter"
    );
    let n_tilbud = base
        .kind_counts
        .iter()
        .find(|(k, _)| *k == Kind::Tilbud)
        .unwrap()
        .1;
    assert_eq!(tilbud.total, n_tilbud);

    let fag = index().search(&SearchQuery {
        audience: Some(Audience::Fagpersoner),
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
            .find(|d| d.slug == h.slug && d.lang.is_default())
            .unwrap();
        assert!(d.audience.is_empty() || d.audience.contains(&Audience::Fagpersoner));
    }
    let n = base
        .audience_counts
        .iter()
        .find(|(a, _)| *a == Audience::Fagpersoner)
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
    let idx = build(vec![alone, with_parents], Synonyms::empty());
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
        for lang in ["da", "en", "xx"] {
            let q = SearchQuery {
                text: text.to_string(),
                lang: lang_of(lang),
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
            let q = SearchQuery { text: text.clone(), lang: lang_of(lang), limit, ..Default::default() };
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
            lang: lang_of("en"),
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
            lang: lang_of("de"),
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
    let idx = build(Vec::new(), Synonyms::empty());
    assert!(idx.is_empty());
    assert_eq!(idx.search(&query("børn")), SearchResults::default());
}

/// A capital can start with another byte than its small letter (Cyrillic Р/р, Я/я): the
/// snippet's scan, which jumps to the bytes the query's words start with, marks it too.
#[test]
fn snippets_mark_capitals_whose_first_byte_differs() {
    let index = build(
        vec![doc(
            "uk",
            "tilbud",
            "rodyna",
            "Підтримка",
            "Рідні та друзі. Ми говоримо з рідними про те, що сталося. Яблука й яблуня.",
            &[],
            "",
            &[],
            None,
        )],
        synonyms(""),
    );
    for (q, marked) in [
        ("рідні", "<mark>Рідні</mark>"),
        ("яблука", "<mark>Яблука</mark>"),
    ] {
        let r = index.search(&SearchQuery {
            text: q.into(),
            lang: lang_of("uk"),
            limit: 10,
            ..Default::default()
        });
        assert_eq!(r.total, 1, "{q}");
        assert!(
            r.hits[0].snippet_html.contains(marked),
            "{q}: {}",
            r.hits[0].snippet_html
        );
    }
}

#[test]
fn kept_term_scores_are_the_postings_scores() {
    use super::impact::{Impact, Impacts};
    use super::rank::read_impacts as read;
    use std::borrow::Cow;
    // A new index: nothing kept yet.
    let idx = build(corpus(), synonyms(TEST_SYNONYMS));
    for (_, li) in &idx.langs {
        let terms = li.field_mask.len() as u32;
        let mut bytes = 0;
        for term in 0..terms {
            let fresh = read(li, term);
            assert_eq!(fresh.is_empty(), li.term_fields(term) == 0);
            assert!(fresh.windows(2).all(|w| w[0].doc < w[1].doc));
            assert!(fresh
                .iter()
                .all(|i| i.score > 0.0 && (i.doc as usize) < li.docs.len()));
            assert_eq!(
                li.impacts.of(term, || read(li, term)).as_ref(),
                fresh.as_slice()
            );
            assert!(
                matches!(li.impacts.of(term, || read(li, term)), Cow::Borrowed(_)),
                "kept"
            );
            bytes += fresh.len() * std::mem::size_of::<Impact>();
        }
        assert_eq!(li.impacts.used(), bytes);
        // Past the budget a list is read every time, and is the same.
        let none = Impacts::with_budget(terms as usize, 0);
        for term in 0..terms {
            let list = none.of(term, || read(li, term));
            assert!(list.is_empty() || matches!(list, Cow::Owned(_)));
            assert_eq!(list.as_ref(), read(li, term).as_slice());
        }
        assert_eq!(none.used(), 0);
    }
}

#[test]
fn hits_without_snippets_are_the_same_hits() {
    let with = search("psykolog");
    let without = index().search(&SearchQuery {
        without_snippets: true,
        ..query("psykolog")
    });
    assert!(!with.hits.is_empty());
    assert!(with.hits.iter().all(|h| !h.snippet_html.is_empty()));
    assert!(without.hits.iter().all(|h| h.snippet_html.is_empty()));
    assert_eq!(slugs(&with), slugs(&without));
    assert_eq!(with.total, without.total);
}
