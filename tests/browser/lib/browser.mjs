// One Chromium (Debian's /usr/bin/chromium) per test file, contexts that never touch the network.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, after } from 'node:test';
import { SUITE_DIR, startServer } from './server.mjs';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORTS = {
  mobile: { width: 375, height: 812 },
  desktop: { width: 1280, height: 800 },
};

/** The neutral page the quick exit leads to; served by a local stub, never fetched. */
export const EXIT_URL = 'https://www.dr.dk/';

export const OUT_DIR = path.join(SUITE_DIR, 'out');
export const SCREENSHOT_DIR = path.join(OUT_DIR, 'screenshots');

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A browser context in which every request that is not to our server (127.0.0.1) is aborted and
 * recorded, and every console error (CSP violations among them) and page error is recorded.
 * `guard.check()` throws if anything was recorded since the last check.
 * The quick-exit target is answered by a local stub so the exit can be followed offline.
 */
export async function newGuardedContext(browser, base, options = {}) {
  const context = await browser.newContext({
    viewport: VIEWPORTS.desktop,
    locale: 'da-DK',
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
    ...options,
  });
  const ourHost = new URL(base).host;
  const blocked = [];
  const consoleErrors = [];
  // For working on the stylesheet without rebuilding: FINDHJAELP_CSS=../../style/main.css
  const cssOverride = process.env.FINDHJAELP_CSS ? path.resolve(SUITE_DIR, process.env.FINDHJAELP_CSS) : null;
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    if (url.host === ourHost && cssOverride && /^\/static\/main\.[0-9a-f]+\.css$/.test(url.pathname)) {
      return route.fulfill({ status: 200, contentType: 'text/css; charset=utf-8', body: readFileSync(cssOverride, 'utf8') });
    }
    if (url.host === ourHost) return route.continue();
    if (route.request().url() === EXIT_URL || url.href.startsWith(EXIT_URL)) {
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!DOCTYPE html><html lang="da"><head><title>Stub for the quick exit</title></head><body><p>exit stub</p></body></html>',
      });
    }
    blocked.push(`${route.request().method()} ${route.request().url()} (from ${route.request().frame()?.url?.() ?? '?'})`);
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => watchPage(page, consoleErrors));
  const guard = {
    blocked,
    consoleErrors,
    /** Forgets what was recorded (e.g. by an earlier test that failed). */
    reset() {
      blocked.length = 0;
      consoleErrors.length = 0;
    },
    /** Throws if a third-party request or a console error happened since the last call. */
    check(where) {
      const problems = [];
      if (blocked.length) problems.push(`requests to other hosts (blocked):\n  ${blocked.join('\n  ')}`);
      if (consoleErrors.length) problems.push(`console errors:\n  ${consoleErrors.join('\n  ')}`);
      blocked.length = 0;
      consoleErrors.length = 0;
      if (problems.length) throw new Error(`${where}: ${problems.join('\n')}`);
    },
  };
  return { context, guard };
}

function watchPage(page, errors) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const text = msg.text();
      // The quick-exit stub is the only foreign page we show; ignore its favicon.
      if (page.url().startsWith(EXIT_URL)) return;
      // A page that is meant to be an error (404, 400) logs its own status; that is no fault.
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text) && msg.location().url === page.url()) return;
      errors.push(`${page.url()}: ${text}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`${page.url()}: uncaught ${err.message}`));
}

/**
 * Runs `action` (a click, a key press, a form submission) and waits for the navigation it
 * starts; returns the final (non-redirect) navigation response of the main frame.
 */
export async function navigation(page, action) {
  const response = page.waitForResponse(
    (r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && !(r.status() >= 300 && r.status() < 400),
    { timeout: 15_000 },
  );
  const committed = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 15_000 });
  await action();
  const [r] = await Promise.all([response, committed]);
  await page.waitForLoadState('load');
  return r;
}

/** The element with focus, described, and whether its focus indicator is visible. */
export async function focusInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { none: true };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    const r = el.getBoundingClientRect();
    const text = (el.getAttribute('aria-label') || el.innerText || el.value || el.name || '').trim().slice(0, 60);
    return {
      none: false,
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type'),
      cls: el.className && typeof el.className === 'string' ? el.className : '',
      id: el.id,
      href: el.getAttribute('href'),
      name: el.getAttribute('name'),
      text,
      visible: Boolean(outline || shadow),
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      boxShadow: s.boxShadow,
      onScreen: r.width > 0 && r.height > 0,
      main: Boolean(el.closest('main')),
      form: el.form ? el.form.getAttribute('action') : null,
      inQuestionForm: Boolean(el.form && el.form.querySelector('input[type=radio], input[type=checkbox], input[type=number]')),
    };
  });
}

export function describeFocus(f) {
  if (f.none) return '(nothing focused)';
  return `<${f.tag}${f.type ? ` type=${f.type}` : ''}${f.id ? ` id=${f.id}` : ''}${f.cls ? ` class="${f.cls}"` : ''}${f.href ? ` href=${f.href}` : ''}> "${f.text}"`;
}

/**
 * Starts the real server and one browser before a test file's tests and stops both after.
 * `use(server, browser)` receives them once they are up.
 */
export function withServerAndBrowser(use) {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
    use(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}
