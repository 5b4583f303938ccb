// What the stylesheet promises, measured in the browser: no sideways scrolling at 320 px and at
// 200 % zoom, a quick-exit button that stays in the top right corner while scrolling, big tap
// targets, readable text, and a print style without navigation, exit bar or forms.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newGuardedContext, VIEWPORTS } from './lib/browser.mjs';
import { pagesFor, open } from './lib/pages.mjs';

const MAIN = ['home', 'listing tilbud', 'listing services', 'entry point familieraadgivningen', 'course angstgruppe-for-boern', 'search with results', 'search without results', 'guide question', 'guide validation error', 'guide outcome', 'guide acute outcome', 'acute help', '404'];

const SIZES = {
  // WCAG 1.4.10 reflow: 320 CSS px wide.
  '320x640': { width: 320, height: 640 },
  // A 1280x800 laptop at 200 % zoom lays out like 640x400 CSS px.
  '200% zoom of 1280x800': { width: 640, height: 400 },
  '375x812': VIEWPORTS.mobile,
  '1280x800': VIEWPORTS.desktop,
};

let server;
let browser;
withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

describe('layout', () => {
  let context;
  let guard;
  let page;
  before(async () => {
    ({ context, guard } = await newGuardedContext(browser, server.base, { viewport: VIEWPORTS.desktop }));
    page = await context.newPage();
  });
  after(async () => context?.close());

  // Each page is loaded once and measured at every size (CSS pixels are what the layout sees,
  // so 640x400 is exactly a 1280x800 screen at 200 % zoom).
  for (const lang of ['da', 'en']) {
    for (const spec of pagesFor(lang).filter((p) => MAIN.includes(p.name))) {
      test(spec.label, async () => {
        guard.reset();
        await page.setViewportSize(VIEWPORTS.desktop);
        await open(page, server.base, spec);
        const problems = [];
        for (const [sizeName, viewport] of Object.entries(SIZES)) {
          await page.setViewportSize(viewport);
          await page.evaluate(() => window.scrollTo(0, 0));
          for (const p of await measure(page)) problems.push(`${sizeName}: ${p}`);
        }
        guard.check(spec.label);
        assert.deepEqual(problems, [], `layout problems on ${page.url()}`);
      });
    }
  }

  test('home: the doors are big tap targets', async () => {
    await page.goto(server.base + '/');
    for (const [sizeName, viewport] of Object.entries(SIZES)) {
      await page.setViewportSize(viewport);
      const boxes = await page.locator('a.door').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
      assert.ok(boxes.length >= 3, 'fewer than 3 doors');
      for (const b of boxes) assert.ok(b.height >= 44 && b.width >= 44, `${sizeName}: door ${b.width}x${b.height} is smaller than 44x44`);
    }
  });

  test('buttons, form fields and navigation links are at least 44 px high', async () => {
    for (const path of ['/', '/tilbud', '/en/', '/guide']) {
      await page.goto(server.base + path);
      for (const [sizeName, viewport] of Object.entries(SIZES)) {
        await page.setViewportSize(viewport);
        const small = await page.evaluate(() =>
          [...document.querySelectorAll('button, .button, .button-secondary, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea, .main-nav a, .lang-switch, .door, .choice')]
            .map((el) => ({ el, r: el.getBoundingClientRect() }))
            .filter(({ r }) => r.width > 0 && r.height < 43.5)
            .map(({ el, r }) => `<${el.tagName.toLowerCase()} class="${el.className}"> "${(el.innerText || el.name || '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`),
        );
        assert.deepEqual(small, [], `${path} at ${sizeName}: targets below 44 px`);
      }
    }
  });
});

/** What is wrong with the layout at the current size, as a list of sentences. */
async function measure(page) {
  const problems = [];
  const m = await page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > doc.clientWidth + 1 || r.left < -1) && getComputedStyle(el).position !== 'fixed' && !el.closest('.skip-link');
      })
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> ${Math.round(el.getBoundingClientRect().left)}..${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide, fontSize: parseFloat(getComputedStyle(document.body).fontSize) };
  });
  if (m.scrollWidth > m.clientWidth) problems.push(`scrolls sideways: scrollWidth ${m.scrollWidth} > ${m.clientWidth}; too wide: ${m.wide.join('; ')}`);
  if (m.fontSize < 17.6) problems.push(`body text is ${m.fontSize}px, want at least 1.1rem`);

  // The quick exit is on screen, top right, big enough and not covered, at the top and after scrolling.
  const vp = page.viewportSize();
  for (const where of ['top', 'bottom']) {
    if (where === 'bottom') await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const box = await page.locator('#quick-exit').boundingBox();
    if (!box) {
      problems.push('no quick-exit button');
      break;
    }
    if (!(box.y >= 0 && box.y + box.height <= vp.height / 2)) problems.push(`${where}: quick exit not at the top of the screen (y=${box.y})`);
    if (!(box.x + box.width >= vp.width - 24 && box.x >= vp.width / 3)) problems.push(`${where}: quick exit not at the right (x=${box.x}, width=${box.width}, viewport ${vp.width})`);
    if (!(box.height >= 44 && box.width >= 44)) problems.push(`${where}: quick exit is ${box.width}x${box.height}, want at least 44x44`);
    const onTop = await page.evaluate(() => {
      const el = document.getElementById('quick-exit');
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return el === hit || el.contains(hit);
    });
    if (!onTop) problems.push(`${where}: something covers the quick exit`);
  }
  return problems;
}

describe('print style', () => {
  let context;
  let page;
  before(async () => {
    ({ context } = await newGuardedContext(browser, server.base, { viewport: VIEWPORTS.desktop }));
    page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
  });
  after(async () => context?.close());

  test('hides navigation, exit bar and forms; shows where external links go', async () => {
    await page.goto(server.base + '/familieraadgivningen');
    const hidden = await page.evaluate(() =>
      ['.skip-link', '.exit-bar', '#quick-exit', '.main-nav', 'form', '.lang-switch'].flatMap((sel) =>
        [...document.querySelectorAll(sel)].filter((el) => el.getClientRects().length > 0).map(() => sel),
      ),
    );
    assert.deepEqual(hidden, [], 'shown in print');
    const after = await page.evaluate(() => {
      const a = [...document.querySelectorAll('main a[href^="http"]')][0];
      return a ? getComputedStyle(a, '::after').content : null;
    });
    assert.ok(after && after.includes('http'), `external link in print has no URL after it (content: ${after})`);
    await page.goto(server.base + '/');
    assert.equal(await page.locator('main form').first().isVisible(), false, 'home page forms are printed');
  });
});
