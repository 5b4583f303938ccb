// The W3C Nu HTML checker (vnu.jar, run once for all pages) finds no errors in the HTML the
// server sends: every page in every language, including the guide's POST answers.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, SUITE_DIR } from './lib/server.mjs';
import { launch, newGuardedContext } from './lib/browser.mjs';
import { allPages, open } from './lib/pages.mjs';

const VNU = path.join(SUITE_DIR, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

const pages = allPages();
const fileName = (spec) => `${spec.label.replace(/[^a-z0-9]+/gi, '-')}.html`;
const fetched = new Map(); // label → { html } or { error }
const messages = new Map(); // file name → [message]
let dir;
let vnuFailure;

before(async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    // Plain GETs are fetched as the server sends them; the guide's answers are reached by
    // submitting its forms in the browser, and the raw response body is kept.
    const { context, guard } = await newGuardedContext(browser, server.base);
    const page = await context.newPage();
    for (const spec of pages) {
      try {
        if (spec.guide) {
          guard.reset();
          const response = await open(page, server.base, spec);
          guard.check(spec.label);
          fetched.set(spec.label, { html: await response.text() });
        } else {
          const res = await fetch(server.base + spec.path);
          const html = await res.text();
          if (res.status !== spec.status) throw new Error(`${spec.path} answered ${res.status}, expected ${spec.status}`);
          fetched.set(spec.label, { html });
        }
      } catch (err) {
        fetched.set(spec.label, { error: err.message });
      }
    }
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }

  dir = mkdtempSync(path.join(tmpdir(), 'findhjaelp-vnu-'));
  const files = [];
  for (const spec of pages) {
    const got = fetched.get(spec.label);
    if (!got.html) continue;
    const file = path.join(dir, fileName(spec));
    writeFileSync(file, got.html);
    files.push(file);
  }
  if (!files.length) return;
  const run = spawnSync('java', ['-Xss8m', '-jar', VNU, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let report;
  try {
    report = JSON.parse(run.stderr || run.stdout);
  } catch {
    vnuFailure = `vnu did not report JSON (exit ${run.status}): ${run.error?.message ?? ''}\n${(run.stderr || '').slice(0, 2000)}`;
    return;
  }
  for (const m of report.messages) {
    const name = m.url ? path.basename(decodeURIComponent(new URL(m.url).pathname)) : '(none)';
    if (!messages.has(name)) messages.set(name, []);
    messages.get(name).push(m);
  }
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('W3C Nu HTML checker', () => {
  test('ran', () => {
    assert.ok(!vnuFailure, vnuFailure);
    const unassigned = [...messages.keys()].filter((k) => !pages.some((p) => fileName(p) === k));
    assert.deepEqual(unassigned, [], `messages not about a page: ${JSON.stringify(unassigned.map((k) => messages.get(k)))}`);
  });

  for (const spec of pages) {
    test(spec.label, () => {
      const got = fetched.get(spec.label);
      assert.ok(got.html, `could not get the page: ${got.error}`);
      assert.ok(!vnuFailure, vnuFailure);
      const errs = (messages.get(fileName(spec)) || []).filter((m) => m.type === 'error' || m.subType === 'fatal');
      assert.equal(
        errs.length,
        0,
        `${spec.path ?? spec.guide}: ${errs.length} HTML error(s):\n${errs
          .map((m) => `  line ${m.lastLine}: ${m.message}\n    ${(m.extract || '').replace(/\n/g, ' ')}`)
          .join('\n')}`,
      );
    });
  }
});
