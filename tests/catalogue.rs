//! The default content ships the whole catalogue, readable, in Danish and (where marked) English.

mod common;
use common::*;
use findhjaelp::content::model::Lang;
use findhjaelp::content::readability::lix;

/// The catalogue (shared/content-catalogue.md): slug and whether an English version is required.
const CATALOGUE: &[(&str, bool)] = &[
    ("familieraadgivningen", true),
    ("stien", true),
    ("ungekonsulenterne", true),
    ("boern-med-handicap", true),
    ("underretning", true),
    ("akut-hjaelp", true),
    ("kommunal-ungeindsats", false),
    ("sundhedsplejen", true),
    ("ppr", true),
    ("familiebehandling", false),
    ("familieraadslagning", true),
    ("rusmiddelteamet", false),
    ("ssp", false),
    ("aflastning", false),
    ("kontaktperson", false),
    ("invest-in-play", false),
    ("fritidsjob", false),
    ("hjaelp-til-fritidsaktiviteter", false),
    ("hjemloeshed", false),
    ("boerne-og-ungdomspsykiatri", false),
    ("headspace-kalundborg", false),
    ("home-start", false),
    ("tuba", false),
    ("boerns-vilkaar", false),
    ("kursus-foraeldre-til-boern-med-diagnose", false),
    ("angstgruppe-for-boern", false),
    ("skilsmissegruppe-for-boern", false),
    ("saadan-arbejder-vi", true),
    ("efter-en-underretning", true),
    ("din-sag-trin-for-trin", true),
    ("dine-rettigheder", true),
    ("klage-over-en-afgoerelse", true),
    ("netvaerk-og-familie", false),
    ("om-strategien", false),
    ("tilgaengelighed", true),
    ("privatliv", true),
    // Added in the second round (issue 11).
    ("anonym-raadgivning", true),
    ("skolefravaer", true),
    ("anbringelse", true),
    ("merudgifter-og-tabt-arbejdsfortjeneste", false),
    ("overgreb-mod-boern", true),
];

#[tokio::test]
async fn every_catalogue_item_exists_and_renders() {
    let site = default_site();
    let languages = &site.content.site.languages;
    let en = languages.by_code("en").expect("the site serves English");
    for (slug, english) in CATALOGUE {
        let da = site
            .content
            .get(Lang::DEFAULT, slug)
            .unwrap_or_else(|| panic!("{slug} is missing in Danish"));
        assert!(da.translated);
        // Every item has at least a title, summary and search words in every language.
        for lang in languages.translations() {
            let item = site.content.get(lang, slug).unwrap();
            assert!(
                item.head_translated,
                "{slug} needs words in `{lang}`: a {slug}.{lang}.md file or [{lang}] in the Danish file"
            );
            assert_ne!(
                item.title, da.title,
                "{slug}: the `{lang}` title is translated"
            );
        }
        if *english {
            assert!(
                site.content.get(en, slug).unwrap().translated,
                "{slug} needs an English version ({slug}.en.md)"
            );
        }
    }
    let langs: Vec<Lang> = languages.langs().collect();
    let app = app_with_shared(site);
    for (slug, _) in CATALOGUE {
        for &lang in &langs {
            let uri = findhjaelp::paths::item(lang, slug);
            assert_eq!(get(&app, &uri).await.status, 200, "{uri}");
        }
    }
}

#[test]
fn bodies_are_real_prose() {
    let site = default_site();
    for item in site.content.in_lang(Lang::DEFAULT) {
        let words = item.body_text.split_whitespace().count();
        assert!(
            words >= 150,
            "{}: only {words} words of body text",
            item.path
        );
    }
}

/// LIX limits from content/README.md: pages only for young people ≤ 35 (easy), others ≤ 45 (medium).
#[test]
fn danish_bodies_are_easy_to_read() {
    let site = default_site();
    let mut too_hard = Vec::new();
    for item in site.content.in_lang(Lang::DEFAULT) {
        let limit = findhjaelp::content::readability::limit(&item.audience);
        let score = lix(&item.body_text);
        if score > limit {
            too_hard.push(format!("{}: LIX {score:.1} > {limit}", item.path));
        }
    }
    assert!(
        too_hard.is_empty(),
        "texts too hard to read:\n{}",
        too_hard.join("\n")
    );
}

#[test]
fn lix_flags_hard_text() {
    // The threshold must be able to fail: officialese scores far above 45.
    let hard = "Kommunalbestyrelsens børnefaglige undersøgelsesforløb forudsætter systematisk partshøring, \
        dokumentationsindsamling og tværfaglig koordinering mellem forvaltningsområderne.";
    assert!(lix(hard) > 45.0);
}

#[test]
fn every_language_has_the_same_interface_messages() {
    use findhjaelp::i18n::I18n;
    let i18n = I18n::embedded().unwrap();
    let mut da = i18n.ids(Lang::DEFAULT);
    da.sort();
    for lang in default_site().content.site.languages.translations() {
        let mut other = i18n.ids(lang);
        other.sort();
        assert_eq!(
            da, other,
            "i18n/da and i18n/{lang} must define the same message ids"
        );
    }
    // Every id the Rust code asks for exists.
    let src_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("app");
    let mut missing = Vec::new();
    for path in walk(&src_dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        for part in text
            .split(".t(\"")
            .skip(1)
            .chain(text.split(".t_args(\"").skip(1))
        {
            let id = part.split('"').next().unwrap();
            if !id.is_empty()
                && id.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && i18n.t(Lang::DEFAULT, id) == id
            {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "messages missing from i18n/: {missing:?}"
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}
