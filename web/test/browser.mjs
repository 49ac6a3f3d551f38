// claimtrace serve in headless Chromium: every page loads with no console
// error and no failed request; the walk from the stories list to a story,
// a statement and its article with the sentence highlighted (from the
// story page's list and from inside its map); the map's timeline zooms; a
// speaker's page groups their statements by claim; search finds
// a statement; the payload articles render as text; a phone's width does
// not scroll sideways. Prints "ok NAME" / "FAIL NAME: why" lines and
// "browser done"; a failed check saves a screenshot in $SHOTS.
//
//   node browser.mjs http://127.0.0.1:PORT
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.argv[2];
const shots = process.env.SHOTS || 'browser-shots';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext();
const page = await context.newPage();
let problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`outside request: ${r.url()}`); });

let shot = 0;
async function check(name, fn) {
  problems = [];
  try {
    await fn();
    if (problems.length) throw new Error(problems.join('; '));
    console.log(`ok ${name}`);
  } catch (e) {
    mkdirSync(shots, { recursive: true });
    const file = `${shots}/${++shot}-${name.replace(/[^a-z0-9]+/gi, '-')}.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.log(`FAIL ${name}: ${String(e.message).split('\n')[0]} (screenshot ${file})`);
  }
}
function must(cond, why) { if (!cond) throw new Error(why); }
const xss = () => page.evaluate(() => window.__xss);

await check('stories page loads clean', async () => {
  await page.goto(base + '/', { waitUntil: 'load' });
  must(await page.locator('table.stories tbody tr').count() >= 3, 'fewer than 3 stories');
});

let storyUrl;
await check('walk: stories list to a story with its map', async () => {
  await page.goto(base + '/');
  await page.getByRole('link', { name: 'Cracked cranes close Port Alder terminal' }).click();
  await page.waitForLoadState('load');
  storyUrl = page.url();
  must(/\/story\/\d+$/.test(storyUrl), `at ${storyUrl}`);
  const frame = page.frameLocator('iframe.map');
  await frame.locator('body').waitFor();
  must((await frame.locator('body').innerText()).length > 100, 'the map frame is empty');
  must(await page.locator('.reprints li a').count() >= 2, 'no reprint links');
});

await check('walk: a statement to its sentence, highlighted', async () => {
  await page.goto(storyUrl);
  const link = page.locator('ol.statements a.sentence').first();
  const sentence = (await link.innerText()).trim();
  await link.click();
  await page.waitForLoadState('load');
  must(/\/article\/\d+\?st=\d+#st$/.test(page.url()), `at ${page.url()}`);
  const hit = page.locator('.text .hit');
  must(await hit.count() >= 1, 'no highlighted sentence');
  const text = (await hit.allInnerTexts()).join('').replace(/\s+/g, ' ').trim();
  must(text.includes(sentence.replace(/\s+/g, ' ').slice(0, 30)), `highlighted "${text.slice(0, 60)}" is not "${sentence.slice(0, 60)}"`);
  must(await hit.first().isVisible(), 'the sentence is not visible');
  must(await page.locator('.text .src').count() >= 1 && await page.locator('.text .cue').count() >= 1, 'no source or cue marked');
});

await check('walk: a statement in the map to its sentence on the article page', async () => {
  await page.goto(storyUrl);
  const frame = page.frameLocator('iframe.map');
  const link = frame.locator('ul.st a[target="_top"][href*="?s="]').first();
  await link.waitFor();
  const cited = (await link.innerText()).replace(/[“”"]/g, '').replace(/\s+/g, ' ').trim();
  await link.click();
  await page.waitForURL(/\/article\/\d+\?s=\d+#st$/);
  await page.waitForLoadState('load');
  const hit = page.locator('.text .hit');
  must(await hit.count() >= 1, 'no highlighted sentence');
  const text = (await hit.allInnerTexts()).join('').replace(/["“”]/g, '').replace(/\s+/g, ' ').trim();
  must(text.includes(cited.slice(0, 25)), `highlighted "${text.slice(0, 60)}" does not hold "${cited.slice(0, 60)}"`);
  must(await hit.first().isVisible(), 'the sentence is not visible');
  const top = await hit.first().evaluate((e) => e.getBoundingClientRect().top);
  must(top >= 0 && top < await page.evaluate(() => window.innerHeight), 'the page did not scroll to the sentence');
});

await check('the map\'s timeline zooms, and names its speakers on hover', async () => {
  const story = (await (await page.request.get(base + '/api/stories')).json()).stories
    .find((t) => t.title.startsWith('Foreign Ministry'));
  await page.goto(`${base}/story/${story.id}/map`);
  const svg = page.locator('svg.tl');
  must(await svg.count() === 1, 'no timeline');
  const title = await page.locator('svg.tl g.ev circle title').first().textContent();
  must(/^\d{4}-\d{2}(-\d{2})?: \d+ statements? — /.test(title), `the mark's title is "${title}"`);
  must(await page.locator('.tlz button').count() === 3, 'no zoom buttons');
  const where = () => page.locator('svg.tl g.ev').evaluateAll((gs) => gs.map((g) => g.getAttribute('transform')).join(' '));
  const before = await where();
  await page.locator('.tlz button[title="Zoom in"]').click();
  must(await svg.getAttribute('data-zoom') === '2.00', `zoom is ${await svg.getAttribute('data-zoom')} after +`);
  must(await where() !== before, 'the marks did not move');
  const box = await svg.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -200);
  await page.waitForFunction(() => document.querySelector('svg.tl').dataset.zoom === '2.50');
  await page.locator('.tlz button[title="Whole timeline"]').click();
  must(await svg.getAttribute('data-zoom') === '1.00', 'not back to the whole timeline');
  must(await where() === before, 'the marks are not back in place');
});

await check('entity page: statements grouped by claim, with whom they stand against', async () => {
  await page.goto(base + '/entity/Ada%20Lindqvist');
  must(await page.locator('section.claim').count() >= 2, 'fewer than two claims');
  must(await page.locator('section.claim ol.statements li').count() >= 3, 'the claims have no statements');
  const against = page.locator('section.claim .against a', { hasText: 'Lena Okafor' });
  must(await against.count() >= 1, 'Lena Okafor does not stand against a claim');
  await against.first().click();
  await page.waitForLoadState('load');
  must(decodeURIComponent(page.url()).endsWith('/entity/Lena Okafor'), `at ${page.url()}`);
  must(await page.locator('section.claim').count() >= 1, 'no claim on her page');
});

await check('article: entities link to their pages', async () => {
  await page.goto(storyUrl);
  await page.locator('ol.statements a.sentence').first().click();
  await page.waitForLoadState('load');
  const a = page.locator('ul.entities a').first();
  const name = (await a.innerText()).trim();
  await a.click();
  await page.waitForLoadState('load');
  must(decodeURIComponent(page.url()).endsWith('/entity/' + name), `at ${page.url()}`);
  must((await page.locator('h1').innerText()).trim() === name, 'the entity page is not theirs');
});

await check('entity page: the chart of statements over time', async () => {
  await page.goto(base + '/entity/Miriam%20Okafor');
  must(await page.locator('figure.chart svg rect').count() >= 1, 'no bar');
  const tip = await page.locator('figure.chart svg g title').first().textContent();
  must(/^\d{4}-\d{2}-\d{2}: \d+ — \d+ (asserts|denies|questions|reports)/.test(tip), `the bar's title is "${tip}"`);
  must(await page.locator('figure.chart svg rect.b-denies').count() >= 1, 'no bar of denials');
});

await check('search finds a statement', async () => {
  await page.goto(base + '/search');
  await page.locator('form.filters input[name=q]').fill('cranes');
  await page.locator('form.filters button').click();
  await page.waitForLoadState('load');
  const n = await page.locator('ol.statements li').count();
  must(n >= 1, 'no statement found');
  must((await page.locator('ol.statements li').first().innerText()).toLowerCase().includes('crane'), 'the result does not mention cranes');
});

await check('outlet page, and beside another outlet', async () => {
  await page.goto(base + '/outlet/Harbor%20Wire');
  must(await page.locator('table.stories tbody tr').count() >= 1, 'no story for the outlet');
  await page.locator('form.filters input[name=vs]').fill('Daily Tide');
  await page.locator('form.filters button').click();
  await page.waitForLoadState('load');
  must(/\/outlet\/Harbor%20Wire\?vs=Daily\+Tide$/.test(page.url()), `at ${page.url()}`);
  must(await page.locator('table.compare tbody tr').count() >= 3, 'no comparison rows');
});

await check('sorting a table by a column', async () => {
  await page.goto(base + '/');
  const first = async () => (await page.locator('table.stories tbody tr td').first().innerText()).trim();
  await page.locator('table.stories th', { hasText: 'Story' }).click();
  const a = await first();
  await page.locator('table.stories th', { hasText: 'Story' }).click();
  must(a !== await first(), 'the order did not change');
});

await check('payloads render as text on every page they reach', async () => {
  await page.goto(base + '/search?q=quarry');
  must(await page.locator('ol.statements li').count() >= 1, 'no payload statement found');
  must(await xss() === undefined, 'a payload ran on the search page');
  const link = page.locator('ol.statements a.sentence').first();
  await link.click();
  await page.waitForLoadState('load');
  must(await xss() === undefined, 'a payload ran on the article page');
  const body = await page.locator('main').innerText();
  must(body.includes('<script>window.__xss=4</script>'), 'the script is not shown as text');
  must(body.includes('</style><img src=x onerror=window.__xss=5>'), 'the style payload is not shown as text');
  must(await page.locator('a[href^="javascript"]').count() === 0, 'a javascript: link');
  must((await page.locator('h1').innerText()).includes('</style><script>window.__xss=3</script>'), 'the title is not text');
  await page.goto(base + '/');
  must(await xss() === undefined, 'a payload ran on the stories page');
  must((await page.locator('main').innerText()).includes('Evil "><script>window.__xss=1</script> Post'), 'the outlet is not text');
});

await check('payloads inert in their story and its map', async () => {
  await page.goto(base + '/search?q=quarry');
  await page.locator('ol.statements a.sentence').first().click();
  await page.waitForLoadState('load');
  await page.getByRole('link', { name: 'its story' }).click();
  await page.waitForLoadState('load');
  const frame = page.frameLocator('iframe.map');
  await frame.locator('body').waitFor();
  must(await xss() === undefined, 'a payload ran on the story page');
  must(await page.frames()[1].evaluate(() => window.__xss) === undefined, 'a payload ran in the map');
  must((await frame.locator('body').innerText()).includes('Tobias Renn'), 'the map lacks the story');
});

await check('a phone: no sideways scrolling', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  const hit = await (await page.request.get(base + '/api/search?q=cranes')).json();
  const article = `/article/${hit.statements[0].article}?st=${hit.statements[0].statement}`;
  for (const u of ['/', storyUrl.slice(base.length), '/search?q=cranes', article, '/entity/Miriam%20Okafor',
    '/entity/Ada%20Lindqvist',
    '/outlet/Harbor%20Wire?vs=Daily+Tide']) {
    await page.goto(base + u);
    const [sw, w] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    must(sw <= w + 1, `${u}: ${sw}px wide on a ${w}px screen`);
  }
});

await browser.close();
console.log('browser done');
