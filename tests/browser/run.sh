#!/usr/bin/env bash
# Runs the real-browser suite. Installs nothing: it says what is missing and stops.
# Usage: tests/browser/run.sh [test files...]   (env: FINDHJAELP_BIN, the server binary)
set -u
cd "$(dirname "$0")"

missing=()
command -v node >/dev/null 2>&1 || missing+=("Node.js 18+: apt-get install -y nodejs npm")
chromium="${CHROMIUM_BIN:-/usr/bin/chromium}"
[ -x "$chromium" ] || missing+=("Chromium ($chromium): apt-get update && apt-get install -y chromium")
command -v java >/dev/null 2>&1 || missing+=("Java 11+ for the W3C Nu HTML checker: apt-get install -y default-jre-headless")
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@axe-core/playwright ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  missing+=("the suite's npm packages: (cd $(pwd) && npm ci)")
fi
bin="${FINDHJAELP_BIN:-../../target/debug/findhjaelp}"
[ -x "$bin" ] || missing+=("the server binary $bin: cargo build (in the repository root), or set FINDHJAELP_BIN")

if [ ${#missing[@]} -gt 0 ]; then
  echo "browser suite: cannot run, missing:" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  exit 1
fi

if [ $# -gt 0 ]; then
  files=("$@")
else
  files=(*.test.mjs)
fi
# One file at a time: each starts its own server and browser, and 2 cores are enough for one.
node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
status=$?
echo "screenshots: $(pwd)/out/screenshots"
exit $status
