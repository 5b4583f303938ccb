// Full-page screenshots of the main pages on a phone and a laptop, for people to look at:
// Danish, and a few pages in Arabic to see that they read naturally right to left.
// Written to tests/browser/out/screenshots/ (the folder is printed at the end of the run).
import { test, before, after, describe } from 'node:test';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch, newGuardedContext, VIEWPORTS, SCREENSHOT_DIR, ensureDir } from './lib/browser.mjs';
import { pagesFor, open } from './lib/pages.mjs';

const SHOTS = {
  da: ['home', 'listing tilbud', 'entry point familieraadgivningen', 'course angstgruppe-for-boern', 'search with results', 'search without results', 'guide question', 'guide validation error', 'guide outcome', 'guide acute outcome', 'acute help', '404'],
  ar: ['home', 'search with results', 'guide question', 'acute help'],
};
// Danish keeps its file names (home-mobile.png); other languages get a prefix (ar-home-mobile.png).
const fileName = (spec, vpName) => `${spec.lang === 'da' ? '' : `${spec.lang}-`}${spec.name.replace(/[^a-z0-9]+/gi, '-')}-${vpName}.png`;

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
  ensureDir(SCREENSHOT_DIR);
});
after(async () => {
  await browser?.close();
  await server?.stop();
  console.log(`screenshots written to ${SCREENSHOT_DIR}`);
});

describe('screenshots', () => {
  let context;
  let guard;
  let page;
  before(async () => {
    ({ context, guard } = await newGuardedContext(browser, server.base, { viewport: VIEWPORTS.desktop }));
    page = await context.newPage();
  });
  after(async () => context?.close());

  // Each page is loaded once and photographed at both sizes.
  const specs = Object.entries(SHOTS).flatMap(([lang, names]) => pagesFor(lang).filter((p) => names.includes(p.name)));
  for (const spec of specs) {
    test(spec.label, async () => {
      guard.reset();
      await page.setViewportSize(VIEWPORTS.desktop);
      await open(page, server.base, spec);
      for (const [vpName, viewport] of Object.entries(VIEWPORTS).reverse()) {
        await page.setViewportSize(viewport);
        await page.evaluate(() => window.scrollTo(0, 0));
        const file = path.join(SCREENSHOT_DIR, fileName(spec, vpName));
        await page.screenshot({ path: file, fullPage: true });
      }
      guard.check(spec.label);
    });
  }
});
