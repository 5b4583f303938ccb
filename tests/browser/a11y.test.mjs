// axe-core (WCAG 2.0/2.1 A and AA) on every page in every language, on a laptop and a phone:
// each page is loaded once at 1280x800, checked, resized to 375x812 and checked again.
// Every visit also checks that nothing was requested from another host and nothing was logged
// as an error (a CSP violation, e.g. an inline style, is logged as one).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { withServerAndBrowser, newGuardedContext, VIEWPORTS } from './lib/browser.mjs';
import { LANGS, pagesFor, open } from './lib/pages.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// Ukrainian is laid out exactly like English (left to right, the same templates), so one size
// checks its words and markup; Arabic's mirrored layout is checked at both, like Danish and English.
const ONLY_AT = { uk: 'mobile' };

let server;
let browser;
withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.target.join(' ')}\n        ${n.html.slice(0, 200)}\n        ${(n.failureSummary || '').replace(/\n/g, '\n        ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element(s))\n${nodes}`;
    })
    .join('\n');
}

// Two languages at a time run side by side (2 cores; most of the time is axe in the browser).
describe('axe-core, WCAG 2.1 A and AA', { concurrency: 2 }, () => {
  for (const lang of LANGS) {
    describe(`axe ${lang}`, { concurrency: 1 }, () => {
      let context;
      let guard;
      let page;
      before(async () => {
        ({ context, guard } = await newGuardedContext(browser, server.base, { viewport: VIEWPORTS.desktop }));
        page = await context.newPage();
      });
      after(async () => context?.close());

      for (const spec of pagesFor(lang)) {
        test(spec.label, async () => {
          guard.reset();
          await page.setViewportSize(VIEWPORTS.desktop);
          await open(page, server.base, spec);
          const problems = [];
          const sizes = Object.entries(VIEWPORTS).reverse().filter(([vpName]) => !ONLY_AT[lang] || ONLY_AT[lang] === vpName);
          for (const [vpName, viewport] of sizes) {
            await page.setViewportSize(viewport);
            const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
            if (results.violations.length) {
              problems.push(`${vpName} ${viewport.width}x${viewport.height}:\n${formatViolations(results.violations)}`);
            }
          }
          guard.check(spec.label);
          assert.equal(problems.length, 0, `axe found violations on ${page.url()}:\n${problems.join('\n')}`);
        });
      }
    });
  }
});
