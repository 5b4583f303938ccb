// Journeys a person makes: keyboard only through the guide (with and without JavaScript),
// search without JavaScript, and the quick exit (one activation; Escape; Back does not return).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newGuardedContext, navigation, focusInfo, describeFocus, EXIT_URL } from './lib/browser.mjs';
import { LANGS, homePath, prefix, searchPath, searchHit, NO_HITS, isQuestion, changeControls, MAX_GUIDE_STEPS, ORDINARY_PICK } from './lib/pages.mjs';

let server;
let browser;
withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const MAX_TABS = 80;

/**
 * Presses Tab until `wanted(focus)` holds; every element that gets focus on the way must show a
 * visible focus indicator (an outline or a box-shadow). Returns the focus info of the match.
 */
async function tabTo(page, wanted, what) {
  const seen = [];
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const f = await focusInfo(page);
    if (!f.none) {
      assert.ok(f.visible, `focus is not visible on ${describeFocus(f)} (outline: ${f.outline}; box-shadow: ${f.boxShadow}) at ${page.url()}`);
      seen.push(describeFocus(f));
    }
    if (!f.none && wanted(f)) return f;
  }
  assert.fail(`${what}: not reached with ${MAX_TABS} Tab presses on ${page.url()}; focus went through:\n  ${seen.join('\n  ')}`);
}

const isChoice = (f) => f.main && f.tag === 'input' && ['radio', 'checkbox', 'number'].includes(f.type) && f.inQuestionForm;
// By what the buttons send, not their words, so the same checks hold in every language.
const isContinue = (f) => f.main && f.inQuestionForm && (f.tag === 'button' || (f.tag === 'input' && f.type === 'submit')) && f.name !== 'back';
const isChange = (f) => f.main && (f.tag === 'button' || f.tag === 'input') && f.name === 'edit';

/**
 * Answers the question on screen with the keyboard and presses Enter on its continue button:
 * option number `pick` (0 = the first; arrow keys in a radio group, Tab between checkboxes),
 * or 10 in a number field. Returns the question and the answer, for the record.
 */
async function answerWithKeyboard(page, pick) {
  const f = await tabTo(page, isChoice, 'an answer of the question');
  const question = await page.locator('main legend').first().innerText().catch(() => '?');
  if (f.type === 'number') {
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('10');
  } else if (f.type === 'radio') {
    // A radio group is one Tab stop: Space picks the focused option, arrows move and pick.
    await page.keyboard.press('Space');
    const count = await page.evaluate(() => document.querySelectorAll(`input[type=radio][name="${CSS.escape(document.activeElement.name)}"]`).length);
    for (let i = 0; i < Math.min(pick, count - 1); i++) await page.keyboard.press('ArrowDown');
  } else {
    // Checkboxes are one Tab stop each; Space toggles, so press again if it was ticked already.
    const count = await page.evaluate(() => document.querySelectorAll(`input[type=checkbox][name="${CSS.escape(document.activeElement.name)}"]`).length);
    for (let i = 0; i < Math.min(pick, count - 1); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    if (!(await page.evaluate(() => document.activeElement.checked))) await page.keyboard.press('Space');
  }
  const chosen = await focusInfo(page);
  assert.ok(
    chosen.type === 'number' || (await page.evaluate(() => document.activeElement.checked)),
    `the keyboard did not choose ${describeFocus(chosen)}`,
  );
  const answer = chosen.type === 'number' ? '10' : await page.evaluate(() => document.activeElement.labels?.[0]?.innerText ?? document.activeElement.value);
  await tabTo(page, isContinue, 'the continue button');
  const response = await navigation(page, () => page.keyboard.press('Enter'));
  assert.ok(response.status() < 400, `answering gave ${response.status()} at ${page.url()}`);
  return `${question.trim()} → ${answer.trim()}`;
}

async function answerUntilOutcome(page, path) {
  for (let step = 0; step < MAX_GUIDE_STEPS; step++) {
    if (!(await isQuestion(page))) return;
    path.push(await answerWithKeyboard(page, ORDINARY_PICK));
  }
  assert.fail(`no outcome after ${MAX_GUIDE_STEPS} questions: ${path.join(' | ')}`);
}

async function keyboardJourney(context, guard, lang) {
  const page = await context.newPage();
  guard.reset();
  await page.goto(server.base + homePath(lang));

  // The first Tab reaches the skip link, the second the quick exit.
  await page.keyboard.press('Tab');
  let f = await focusInfo(page);
  assert.ok(f.cls.split(' ').includes('skip-link'), `first Tab: expected the skip link, got ${describeFocus(f)}`);
  assert.ok(f.visible && f.onScreen, `skip link focus is not visible: ${describeFocus(f)} ${f.outline}`);
  await page.keyboard.press('Tab');
  f = await focusInfo(page);
  assert.equal(f.id, 'quick-exit', `second Tab: expected the quick exit, got ${describeFocus(f)}`);
  assert.ok(f.visible && f.onScreen, 'quick exit focus is not visible');

  // Into the guide through the first door ("Jeg er forælder").
  await tabTo(page, (x) => x.cls.split(' ').includes('door'), 'the first door');
  const guideResponse = await navigation(page, () => page.keyboard.press('Enter'));
  assert.match(new URL(page.url()).pathname, /\/guide$/, 'the door did not open the guide');
  assert.ok(await isQuestion(page), `the guide shows no question at ${page.url()} (status ${guideResponse.status()})`);

  const path = [];
  await answerUntilOutcome(page, path);
  const changes = changeControls(page);
  assert.ok((await changes.count()) > 0, `the outcome at ${page.url()} has no "Ret"/"Change" control in its "Dine svar" summary`);
  assert.ok((await page.locator('main .summary-list').count()) > 0, 'the outcome has no .summary-list ("Dine svar")');

  // Back to change the first answer.
  await tabTo(page, isChange, 'a "Ret" button');
  await navigation(page, () => page.keyboard.press('Enter'));
  assert.ok(await isQuestion(page), `"Ret" did not lead back to a question (at ${page.url()})`);
  const kept = await page.evaluate(() =>
    [...document.querySelectorAll('main form input')].some((i) => ((i.type === 'radio' || i.type === 'checkbox') && i.checked) || (i.type === 'number' && i.value !== '')),
  );
  assert.ok(kept, 'the question shown by "Ret" does not show the earlier answer');
  path.push('Ret');
  await answerUntilOutcome(page, path);
  assert.ok((await changeControls(page).count()) > 0, `after changing an answer the guide did not reach an outcome again: ${path.join(' | ')}`);
  const outcome = await page.locator('main h1').first().innerText();
  guard.check('keyboard journey');
  await page.close();
  return `${path.join(' | ')} ⇒ ${outcome}`;
}

// Every language without JavaScript, what everything must work with; the script adds nothing
// that depends on the language, so with it Danish and English are enough.
const JOURNEY_LANGS = { on: ['da', 'en'], off: LANGS };

for (const javaScriptEnabled of [true, false]) {
  describe(`keyboard only, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    let context;
    let guard;
    before(async () => {
      ({ context, guard } = await newGuardedContext(browser, server.base, { javaScriptEnabled }));
    });
    after(async () => context?.close());

    for (const lang of JOURNEY_LANGS[javaScriptEnabled ? 'on' : 'off']) {
      test(`${lang}: home → skip link → quick exit → guide → outcome → "Ret" → outcome`, async (t) => {
        t.diagnostic(await keyboardJourney(context, guard, lang));
      });
    }
  });
}

describe('search without JavaScript', () => {
  let context;
  let guard;
  before(async () => {
    ({ context, guard } = await newGuardedContext(browser, server.base, { javaScriptEnabled: false }));
  });
  after(async () => context?.close());

  for (const lang of LANGS) {
    test(`${lang}: the home page's search form finds help, and says so when nothing is found`, async () => {
      const page = await context.newPage();
      guard.reset();
      await page.goto(server.base + homePath(lang));
      const input = page.locator('main form[role=search] input[name=q]').first();
      await input.fill(searchHit(lang));
      let response = await navigation(page, () => input.press('Enter'));
      assert.equal(response.status(), 200, `search answered ${response.status()} (is the search page built yet?)`);
      const url = new URL(page.url());
      assert.equal(url.pathname + url.search, searchPath(lang, searchHit(lang)));
      assert.equal(await page.locator('main input[name=q]').first().inputValue(), searchHit(lang), 'the search box does not keep the words');
      const hits = await page.locator('main .hit a[href], main .hits li a[href]').count();
      assert.ok(hits > 0, `no results for "${searchHit(lang)}"`);

      const again = page.locator('main form[role=search] input[name=q]').first();
      await again.fill(NO_HITS);
      response = await navigation(page, () => again.press('Enter'));
      assert.equal(response.status(), 200);
      assert.equal(await page.locator('main .hit').count(), 0, `results for "${NO_HITS}"`);
      assert.equal(await page.locator('main input[name=q]').first().inputValue(), NO_HITS);
      guard.check('search');
      await page.close();
    });
  }
});

describe('quick exit', () => {
  const leftSite = (page) => !page.url().startsWith(server.base);

  test('JavaScript off: one click on "Forlad siden" leaves the site', async () => {
    const { context, guard } = await newGuardedContext(browser, server.base, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.base + '/familieraadgivningen');
    await navigation(page, () => page.locator('#quick-exit').click());
    assert.equal(page.url(), EXIT_URL);
    guard.check('quick exit without script');
    await context.close();
  });

  test('JavaScript off: Tab, Tab, Enter leaves the site, in every language', async () => {
    const { context, guard } = await newGuardedContext(browser, server.base, { javaScriptEnabled: false });
    const page = await context.newPage();
    for (const lang of LANGS) {
      await page.goto(`${server.base}${prefix(lang)}/akut-hjaelp`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await navigation(page, () => page.keyboard.press('Enter'));
      assert.equal(page.url(), EXIT_URL, `${lang}: Tab, Tab, Enter did not leave the site`);
    }
    guard.check('quick exit by keyboard');
    await context.close();
  });

  for (const how of ['click', 'Escape']) {
    test(`JavaScript on: ${how} leaves the site, and Back does not return to it`, async () => {
      const { context, guard } = await newGuardedContext(browser, server.base);
      const page = await context.newPage();
      await page.goto(server.base + '/familieraadgivningen');
      await page.waitForFunction(() => document.readyState === 'complete');
      if (how === 'click') await navigation(page, () => page.locator('#quick-exit').click());
      else await navigation(page, () => page.keyboard.press('Escape'));
      assert.equal(page.url(), EXIT_URL);
      await page.goBack({ waitUntil: 'load' }).catch(() => null);
      assert.ok(leftSite(page), `Back returned to our page: ${page.url()}`);
      guard.check(`quick exit by ${how}`);
      await context.close();
    });
  }

  test('JavaScript on: Escape works while typing in a form field', async () => {
    const { context, guard } = await newGuardedContext(browser, server.base);
    const page = await context.newPage();
    await page.goto(server.base + '/');
    await page.locator('main textarea').first().fill('min mor slår');
    await navigation(page, () => page.keyboard.press('Escape'));
    assert.equal(page.url(), EXIT_URL);
    guard.check('quick exit from a form field');
    await context.close();
  });
});
