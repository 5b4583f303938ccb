//! The staff content checker: each broken file is reported with its file, line and a fix.

mod common;
use std::path::Path;
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_findhjaelp"))
        .args(args)
        .output()
        .expect("binary runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// The shipped content: no errors, and the only warnings are honest "ukendt" placeholders
/// (no fact without a source, nothing overdue, no item without English words).
#[test]
fn the_default_content_has_no_errors_and_only_placeholder_warnings() {
    let (code, out) = run(&["check"]);
    assert_eq!(code, 0, "{out}");
    for line in out.lines().filter(|l| l.contains(": warning: ")) {
        assert!(
            line.contains("\"ukendt\"") || line.contains("`ukendt`"),
            "unexpected warning: {line}"
        );
    }
    assert!(!out.contains(": error: "), "{out}");
}

#[test]
fn every_broken_file_is_reported_with_file_and_line() {
    let dir = common::content_dir();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken"),
        dir.path(),
    );
    let content = dir.path().to_str().unwrap();
    let (code, out) = run(&["check", "--content", content]);
    assert_eq!(code, 1, "errors make check exit 1:\n{out}");
    let expect = [
        ("tilbud/stavefejl.da.md:4: error:", "`titel`"),
        ("tilbud/daarlig-dato.da.md:5: error:", "2026-13-45"),
        ("tilbud/stien.da.md:1: error:", "indgange/stien.da.md"),
        ("tilbud/doedt-link.da.md:5: error:", "ingen-emne"),
        ("tilbud/doedt-link.da.md:6: error:", "findes-ikke-heller"),
        ("tilbud/doedt-link.da.md:26: error:", "slug:findes-ikke"),
        ("kurser/uden-tilmelding.da.md:2: error:", "`signup`"),
        ("partnere/forkert-maalgruppe.da.md:4: error:", "foraeldre"),
        ("sider/uden-felter.da.md:1: error:", "+++"),
        ("sider/kun-engelsk.en.md:1: error:", "dansk udgave"),
        // Facts: required on entry points and services, answered with fixed words.
        ("indgange/uden-fakta.da.md:2: error:", "[facts] mangler"),
        ("tilbud/mangler-fakta.da.md:7: error:", "`wait` mangler"),
        (
            "tilbud/forkert-svar.da.md:8: error:",
            "ja, nej, delvist, ukendt",
        ),
        // An old field name is explained, not just refused.
        (
            "tilbud/gammelt-felt.da.md:5: error:",
            "`last_reviewed` hedder nu `reviewed`",
        ),
        // Sources: a reference must be findable; facts without one are warned about.
        ("tilbud/daarlig-kilde.da.md:8: error:", "https://"),
        ("partnere/uden-kilde.da.md:13: warning:", "aldersgrænser"),
        ("partnere/uden-kilde.da.md:15: warning:", "33 12 34 56"),
        ("partnere/uden-kilde.da.md:15: warning:", "kl. 10-14"),
        // Review dates.
        (
            "tilbud/forfalden.da.md:5: warning:",
            "skulle have været gennemgået senest 2021-01-01",
        ),
    ];
    for (place, words) in expect {
        assert!(
            out.lines()
                .any(|l| l.starts_with(place) && l.contains(words)),
            "expected a line starting {place:?} mentioning {words:?} in:\n{out}"
        );
    }
    // Placeholders are warnings, not errors.
    assert!(out
        .lines()
        .any(|l| l.contains(": warning: ") && l.contains("\"ukendt\"")));
}

#[test]
fn serve_refuses_broken_content_with_the_same_messages() {
    let dir = common::content_dir();
    std::fs::write(dir.path().join("tilbud/ssp.da.md"), "+++\ntitle = 3\n+++\n").unwrap();
    let (code, out) = run(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--content",
        dir.path().to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(out.contains("tilbud/ssp.da.md:2: error:"), "{out}");
}

/// Quiet start: `serve` says in one line what the warnings are about and where to see them;
/// `check` lists every warning with file and line.
#[test]
fn serve_summarises_warnings_in_one_line_and_check_lists_them() {
    let dir = common::content_dir();
    let server = common::Server::start(&["--content", dir.path().to_str().unwrap()]);
    let log = server.log();
    let summary: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("Content warnings:"))
        .collect();
    assert_eq!(summary.len(), 1, "one summary line:\n{log}");
    assert!(
        summary[0].contains("lack contact details"),
        "{}",
        summary[0]
    );
    assert!(summary[0].contains("`findhjaelp check` lists them"));
    assert!(
        !log.contains(": warning: "),
        "no warning lines at start:\n{log}"
    );
    let (code, out) = run(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let listed = out.lines().filter(|l| l.contains(": warning: ")).count();
    assert!(listed > 20, "check lists every warning ({listed})");
}

#[test]
fn a_broken_acute_lexicon_is_reported_and_refused() {
    let dir = common::content_dir();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken-akut"),
        dir.path(),
    );
    let content = dir.path().to_str().unwrap();
    let (code, out) = run(&["check", "--content", content]);
    assert_eq!(code, 1, "{out}");
    for (place, words) in [
        ("akut/forkert.toml:6: error:", "\"113\""),
        ("akut/forkert.toml:7: error:", "findes-ikke"),
        ("akut/forkert.toml:9: error:", "@findesikke"),
        ("akut/forkert.toml:5: error:", "`now`"),
        // One word would also cancel a danger told before it: "sikkerhed", not "er fundet nu".
        (
            "akut/forkert.toml:13: error:",
            "\"sikkerhed\" under resolved er ét ord",
        ),
        ("chatsprog.toml:2: error:", "to ord"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.starts_with(place) && l.contains(words)),
            "expected {place} … {words}:\n{out}"
        );
    }
    // serve refuses it too, saying why.
    let (code, out) = run(&["serve", "--content", content, "--addr", "127.0.0.1:0"]);
    assert_ne!(code, 0);
    assert!(out.contains("akut/forkert.toml:6"), "{out}");
    assert!(
        !out.contains("forkert.toml:12"),
        "two words are fine:\n{out}"
    );
}

/// The staff guide promises that `check` measures readability: a hard Danish body is a
/// warning at the body's first line, with the limit for its readers.
#[test]
fn hard_danish_text_is_a_readability_warning_at_the_body() {
    let dir = common::content_dir();
    let ssp = std::fs::read_to_string(dir.path().join("tilbud/ssp.da.md")).unwrap();
    let front_end = ssp.match_indices("+++").nth(1).unwrap().0 + 3;
    let hard = "Kommunalbestyrelsens børnefaglige undersøgelsesforløb forudsætter systematisk \
        partshøring, dokumentationsindsamling og tværfaglig koordinering mellem \
        forvaltningsområderne, hvorefter foranstaltningsbeslutningen træffes.\n";
    let text = format!("{}\n{}", &ssp[..front_end], hard.repeat(40));
    std::fs::write(dir.path().join("tilbud/ssp.da.md"), &text).unwrap();
    let body_line = text[..front_end].lines().count() + 1;
    let (code, out) = run(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "readability is a warning, not an error:\n{out}");
    let expected = format!("tilbud/ssp.da.md:{body_line}: warning: teksten er svær at læse: LIX");
    assert!(out.contains(&expected), "{expected}\n{out}");
    assert!(out.contains("højst 45 for sider til alle"), "{out}");
}
