// What the stylesheet promises, measured in the browser: no sideways scrolling at 320 px and at
// 200 % zoom, a quick-exit button that stays in the top right corner while scrolling, big tap
// targets, readable text, a mirrored layout right to left with phone numbers still left to
// right, and a print style without navigation, exit bar or forms.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newGuardedContext, VIEWPORTS } from './lib/browser.mjs';
import { LANGS, pagesFor, open, prefix } from './lib/pages.mjs';

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
  for (const lang of LANGS) {
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
    for (const path of ['/', '/tilbud', '/en/', '/guide', '/ar/']) {
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

  // Right to left is proved against Danish: each measurement must come out the other way round
  // (except the quick exit, which stays top right in every language).
  test('ar: the layout is mirrored, measured against Danish', async () => {
    await page.setViewportSize(VIEWPORTS.desktop);
    const seen = {};
    for (const lang of ['da', 'ar']) {
      await page.goto(`${server.base}${prefix(lang)}/`);
      const home = await page.evaluate(sidesOfHome);
      await page.goto(`${server.base}${prefix(lang)}/akut-hjaelp`);
      seen[lang] = { ...home, ...(await page.evaluate(sidesOfDetail)) };
    }
    const ltr = { brand: 'left', nav: 'left to right', door: 'text left, arrow →', exit: 'right', crumbs: 'left to right', lead: 'left', factBorder: 'left' };
    const rtl = { brand: 'right', nav: 'right to left', door: 'text right, arrow ←', exit: 'right', crumbs: 'right to left', lead: 'right', factBorder: 'right' };
    assert.deepEqual(seen.da, ltr, 'Danish is not laid out left to right');
    assert.deepEqual(seen.ar, rtl, 'Arabic is not mirrored');
  });

  test('ar: phone numbers inside Arabic text read left to right', async () => {
    await page.setViewportSize(VIEWPORTS.mobile);
    for (const [path, atLeast, telLinks] of [['/ar/akut-hjaelp', 3, 1], ['/ar/', 1, 0]]) {
      await page.goto(server.base + path);
      const numbers = await page.evaluate(numbersInText);
      assert.ok(numbers.length >= atLeast, `${path}: found ${numbers.length} phone numbers written with spaces, expected at least ${atLeast}`);
      const wrong = numbers.filter((n) => n.direction !== 'ltr' || n.order !== 'left to right');
      assert.deepEqual(wrong, [], `${path}: numbers shown out of order`);
      const links = await page.locator('main a[href^="tel:"]').evaluateAll((els) => els.map((a) => `${a.textContent.trim()}: ${getComputedStyle(a).direction}`));
      assert.ok(links.length >= telLinks, `${path}: ${links.length} tel: links, expected at least ${telLinks}`);
      assert.deepEqual(links.filter((l) => !l.endsWith(': ltr')), [], `${path}: tel: links that are not left to right`);
    }
  });

  test('ar: what is typed into the search and chat fields takes its own direction', async () => {
    await page.goto(server.base + '/ar/');
    for (const field of ['main input[name=q]', 'main textarea[name=text]']) {
      const box = page.locator(field).first();
      const typed = {};
      for (const words of ['angst', 'قلق']) {
        await box.fill(words);
        typed[words] = await box.evaluate((el) => (el.matches(':dir(ltr)') ? 'ltr' : 'rtl'));
      }
      assert.deepEqual(typed, { angst: 'ltr', قلق: 'rtl' }, field);
    }
  });
});

// The following run in the page (page.evaluate): they can use only what they define themselves.

/** Which side things are on, on the home page. */
function sidesOfHome() {
  const box = (el) => el.getBoundingClientRect();
  const nearer = (inner, outer) => (inner.left - outer.left <= outer.right - inner.right ? 'left' : 'right');
  const header = box(document.querySelector('.site-header'));
  const [a, b] = [...document.querySelectorAll('.main-nav a')].map(box);
  const door = document.querySelector('a.door');
  const text = document.createRange();
  text.selectNodeContents(door);
  const arrow = getComputedStyle(door, '::after').content.replace(/\s*\/\s*""$/, '').replace(/"/g, '');
  return {
    brand: nearer(box(document.querySelector('.brand')), header),
    nav: a.top !== b.top ? 'wrapped' : a.left < b.left ? 'left to right' : 'right to left',
    door: `text ${nearer(text.getBoundingClientRect(), box(door))}, arrow ${arrow}`,
    exit: nearer(box(document.getElementById('quick-exit')), { left: 0, right: document.documentElement.clientWidth }),
  };
}

/** Which side things are on, on a page with breadcrumbs and a fact box. */
function sidesOfDetail() {
  const box = (el) => el.getBoundingClientRect();
  const crumbs = [...document.querySelectorAll('.breadcrumbs li')].map(box);
  const lead = document.createRange();
  lead.selectNodeContents(document.querySelector('main .lead'));
  const main = box(document.querySelector('main'));
  const l = lead.getBoundingClientRect();
  const fact = getComputedStyle(document.querySelector('.fact-box'));
  return {
    crumbs: crumbs[0].left < crumbs[crumbs.length - 1].left ? 'left to right' : 'right to left',
    lead: l.left - main.left <= main.right - l.right ? 'left' : 'right',
    factBorder: parseFloat(fact.borderLeftWidth) > parseFloat(fact.borderRightWidth) ? 'left' : 'right',
  };
}

/**
 * Every number written in groups with spaces ("116 111") in the text of <main>: the direction
 * it is laid out in, and whether its first group is shown left of its last.
 */
function numbersInText() {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/\+?\d+(?: \d+)+/g)) {
      const rect = (from, to) => {
        const r = document.createRange();
        r.setStart(node, from);
        r.setEnd(node, to);
        return r.getBoundingClientRect();
      };
      const first = rect(m.index, m.index + m[0].indexOf(' '));
      const last = rect(m.index + m[0].lastIndexOf(' ') + 1, m.index + m[0].length);
      const order = Math.abs(first.top - last.top) > 2 ? 'split over lines' : first.left < last.left ? 'left to right' : 'right to left';
      found.push({ number: m[0], direction: getComputedStyle(node.parentElement).direction, order });
    }
  }
  return found;
}

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
    // At the top the button sits in the exit bar's room for it: it hides no words (a longer
    // translation must not push the bar's hint under it). Scrolled, the page passes beneath.
    if (where === 'top') {
      const hidden = await page.evaluate(textUnderQuickExit);
      if (hidden.length) problems.push(`top: the quick exit covers text: ${hidden.join(' | ')}`);
    }
  }
  return problems;
}

/** The text (outside the button) whose lines overlap the quick-exit button. Runs in the page. */
function textUnderQuickExit() {
  const exit = document.getElementById('quick-exit').getBoundingClientRect();
  const hidden = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim() || node.parentElement.closest('#quick-exit, .skip-link')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()];
    if (lines.some((r) => r.width > 0 && r.right > exit.left && r.left < exit.right && r.bottom > exit.top && r.top < exit.bottom)) {
      hidden.push(node.data.trim().slice(0, 40));
    }
  }
  return hidden;
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
