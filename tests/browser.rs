//! The real-browser suite (tests/browser/): axe-core, the W3C Nu HTML checker, keyboard and
//! no-JavaScript journeys, the quick exit, layout checks and screenshots, in Debian's Chromium
//! against the binary `cargo test` has just built.
//!
//! It is never skipped: when Chromium, Java or the suite's npm packages are missing, it fails
//! and says what to install (`apt-get install -y chromium default-jre-headless`, then
//! `npm ci` in tests/browser).

use std::path::Path;
use std::process::{Command, Stdio};

#[test]
fn browser_suite() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("browser");
    let runner = suite.join("run.sh");
    assert!(runner.is_file(), "missing {}", runner.display());
    // Output is inherited, not captured, so the suite's progress streams as it runs.
    let status = Command::new("bash")
        .arg(&runner)
        .current_dir(&suite)
        .env("FINDHJAELP_BIN", env!("CARGO_BIN_EXE_findhjaelp"))
        .stdin(Stdio::null())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .unwrap_or_else(|e| panic!("could not start bash for {}: {e}", runner.display()));
    assert!(
        status.success(),
        "the browser suite failed ({status}); see its output above. Run it alone with: tests/browser/run.sh"
    );
}
