// The pages the suite checks, and helpers that walk the guide like a person would.
import { navigation } from './browser.mjs';

export const LANGS = ['da', 'en', 'uk', 'ar'];

const DETAIL_SLUGS = [
  ['entry point', 'familieraadgivningen'],
  ['service', 'familiebehandling'],
  ['course', 'angstgruppe-for-boern'],
  ['partner', 'headspace-kalundborg'],
  ['page', 'dine-rettigheder'],
];

// Path words: Danish has its own, the other languages use the English ones (site.toml).
const ENGLISH_LISTINGS = ['entry-points', 'services', 'courses', 'partners', 'pages'];
const LISTINGS = { da: ['indgange', 'tilbud', 'kurser', 'partnere', 'sider'] };
const SEARCH = { da: 'soeg' };
// "anxiety": a word every language's search finds items for.
const SEARCH_HIT = { da: 'angst', en: 'anxiety', uk: 'тривога', ar: 'قلق' };
export const NO_HITS = 'xyzzyqq';

/** The language's path prefix: '' for Danish, '/en' for English and so on. */
export const prefix = (lang) => (lang === 'da' ? '' : `/${lang}`);
export const homePath = (lang) => `${prefix(lang)}/`;
export const guidePath = (lang) => `${prefix(lang)}/guide`;
export const searchPath = (lang, q) => `${prefix(lang)}/${SEARCH[lang] ?? 'search'}${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`;
export const searchHit = (lang) => SEARCH_HIT[lang];

/**
 * Every page of one language, as { name, lang, path?, guide?, status }.
 * `guide` pages are reached by using the guide: 'question' (GET), 'error' (submitting the first
 * question with nothing chosen) or 'outcome' (answering until the guide recommends something).
 */
export function pagesFor(lang) {
  const p = prefix(lang);
  const pages = [{ name: 'home', path: homePath(lang), status: 200 }];
  for (const l of LISTINGS[lang] ?? ENGLISH_LISTINGS) pages.push({ name: `listing ${l}`, path: `${p}/${l}`, status: 200 });
  for (const [kind, slug] of DETAIL_SLUGS) pages.push({ name: `${kind} ${slug}`, path: `${p}/${slug}`, status: 200 });
  pages.push({ name: 'search with results', path: searchPath(lang, SEARCH_HIT[lang]), status: 200, feature: 'search' });
  pages.push({ name: 'search without results', path: searchPath(lang, NO_HITS), status: 200, feature: 'search' });
  pages.push({ name: 'guide question', path: guidePath(lang), status: 200, feature: 'guide' });
  pages.push({ name: 'guide validation error', guide: 'error', feature: 'guide' });
  pages.push({ name: 'guide outcome', guide: 'outcome', feature: 'guide' });
  pages.push({ name: 'guide acute outcome', guide: 'acute outcome', feature: 'guide' });
  pages.push({ name: 'guide chat answer', guide: 'chat', feature: 'guide chat' });
  pages.push({ name: 'acute help', path: `${p}/akut-hjaelp`, status: 200 });
  pages.push({ name: '404', path: `${p}/findes-ikke`, status: 404 });
  return pages.map((page) => ({ ...page, lang, label: `${lang} ${page.name}` }));
}

export const allPages = () => LANGS.flatMap(pagesFor);

/** Loads a page (or walks the guide to it); returns the navigation response. Checks the status. */
export async function open(page, base, spec) {
  let response;
  if (spec.guide === 'error') response = await guideError(page, base, spec.lang);
  else if (spec.guide === 'outcome') response = await guideOutcome(page, base, spec.lang, ORDINARY_PICK);
  else if (spec.guide === 'acute outcome') response = await guideOutcome(page, base, spec.lang, 0);
  else if (spec.guide === 'chat') response = await guideChat(page, base, spec.lang);
  else {
    response = await page.goto(base + spec.path, { waitUntil: 'load' });
    if (spec.status && response.status() !== spec.status) {
      throw new Error(`${spec.path} answered ${response.status()}, expected ${spec.status}${notBuiltHint(spec, response.status())}`);
    }
  }
  return response;
}

function notBuiltHint(spec, status) {
  return status === 404 && spec.feature ? ` (is the ${spec.feature} page built yet?)` : '';
}

// ---------------------------------------------------------------- the guide

const CHOICE = 'input[type=radio], input[type=checkbox], input[type=number]';

/** The current guide question's form, if the page shows one. */
export function questionForm(page) {
  return page.locator(`main form:has(${CHOICE})`).first();
}

export async function isQuestion(page) {
  return (await page.locator(`main form :is(${CHOICE})`).count()) > 0;
}

/** The button that answers the question (not the "back" button, `name=back`, in any language). */
export function continueButton(form) {
  return form.locator('button:not([type=button]):not([type=reset]):not([name=back]), input[type=submit]:not([name=back])').first();
}

/** Answers the current question with the mouse: option number `pick` (0 = the first), or age 10. */
export async function answerWithMouse(page, pick = 0) {
  const form = questionForm(page);
  const number = form.locator('input[type=number]');
  if (await number.count()) {
    await number.first().fill('10');
  } else {
    const choices = form.locator('input[type=radio], input[type=checkbox]');
    const n = await choices.count();
    await choices.nth(Math.min(pick, n - 1)).check();
  }
  return navigation(page, () => continueButton(form).click());
}

/** Opens the guide's first question; fails clearly if the guide does not exist yet. */
export async function openGuide(page, base, lang) {
  const response = await page.goto(base + guidePath(lang), { waitUntil: 'load' });
  if (response.status() !== 200) throw new Error(`${guidePath(lang)} answered ${response.status()} (is the guide built yet?)`);
  if (!(await isQuestion(page))) throw new Error(`${guidePath(lang)} shows no question form (a form in <main> with radio, checkbox or number inputs)`);
  return response;
}

/** Submits the first question with nothing chosen; returns the response (the page with errors). */
export async function guideError(page, base, lang) {
  await openGuide(page, base, lang);
  const form = questionForm(page);
  const response = await navigation(page, () => continueButton(form).click());
  if (!(await page.locator('.error-summary').count())) {
    throw new Error(`submitting ${guidePath(lang)} with nothing chosen shows no .error-summary (status ${response.status()})`);
  }
  return response;
}

export const MAX_GUIDE_STEPS = 12;
export const ORDINARY_PICK = 2;

/**
 * Answers questions with the mouse until the guide shows an outcome; returns its response.
 * `pick` 0 takes the first option everywhere (in the default guide: danger, an acute outcome);
 * ORDINARY_PICK takes the third (in the default guide: an ordinary outcome after a few questions).
 */
export async function guideOutcome(page, base, lang, pick = ORDINARY_PICK) {
  let response = await openGuide(page, base, lang);
  for (let step = 0; step < MAX_GUIDE_STEPS; step++) {
    if (!(await isQuestion(page))) return response;
    response = await answerWithMouse(page, pick);
    if (response.status() >= 400) throw new Error(`answering a guide question gave ${response.status()}`);
  }
  throw new Error(`no outcome after ${MAX_GUIDE_STEPS} questions`);
}

const CHAT_TEXT = {
  da: 'Min søn på 10 har angst og vil ikke i skole',
  en: 'My son is 10 and has anxiety',
  uk: 'Моєму синові 10 років, у нього тривога',
  ar: 'ابني عمره 10 سنوات ويعاني من القلق',
};

/** Writes to the guide in free text from the home page's chat form; returns the answer page's response. */
export async function guideChat(page, base, lang) {
  await page.goto(base + homePath(lang), { waitUntil: 'load' });
  const form = page.locator('main form[method=post]:has(textarea[name=text])').first();
  await form.locator('textarea[name=text]').fill(CHAT_TEXT[lang]);
  const response = await navigation(page, () => continueButton(form).click());
  if (response.status() !== 200) throw new Error(`the chat answered ${response.status()} (is /guide/chat built yet?)`);
  return response;
}

/** The "Ret" controls of the "Dine svar" summary on an outcome page: they send `edit`. */
export function changeControls(page) {
  return page.locator('main form :is(button, input[type=submit])[name=edit]');
}
