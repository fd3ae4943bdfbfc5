// What a news reader expects of the search page, in headless chromium over corpus/sample
// (whose articles carry images on made-up .example hosts): absolute dates beside their
// age, a labelled quality, thumbnails (lazy, no referrer, a fallback for a broken one),
// the relative-date windows as one-click filters, an "as of" date that moves recency for
// search and similar articles, and a histogram with its empty months. The pictures are
// served by the test itself (no network); one is answered 404. Screenshots at 1280 and
// 390 px land in GAZETTE_ARTIFACTS. Run by run_browser_tests.sh.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {launchChromium} from './chromium.mjs';
import {api, assertNarrowLayout, open as openIn, screenshot, searching, servePictures,
        thumbnailsSettled} from './support.mjs';

const AS_OF = '2026-11-10';  // a day just after the sample's euro-area inflation stories
const BROKEN_QUERY = 'inflation';

let context;
let closeBrowser;
const imageRequests = [];  // {url, referer} of every picture the page asked for
let broken = '';           // the one picture answered 404

before(async () => {
  ({context, close: closeBrowser} = await launchChromium({width: 1280, height: 900}));
  const first = await api({q: BROKEN_QUERY});
  const withImage = first.hits.filter((h) => h.images.length);
  assert.ok(withImage.length >= 2, 'corpus/sample has inflation articles with pictures');
  broken = withImage[1].images[0].url;
  await servePictures(context, new Set([broken]), imageRequests);
});

after(async () => {
  if (closeBrowser) await closeBrowser();
});

// --- helpers -----------------------------------------------------------------------

const open = (query, viewport) => openIn(context, query, viewport);

// The age the page shows: the largest whole unit, as Intl words it in en-US.
function expectedAge(iso, origin) {
  const seconds = (Date.parse(iso) - origin.getTime()) / 1000;
  const words = new Intl.RelativeTimeFormat('en-US', {numeric: 'auto'});
  for (const [unit, size] of [['year', 31536000], ['month', 2592000], ['week', 604800],
                              ['day', 86400], ['hour', 3600], ['minute', 60]]) {
    if (Math.abs(seconds) >= size) return words.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

const absolute = new Intl.DateTimeFormat('en-US', {dateStyle: 'medium', timeStyle: 'short',
                                                   timeZone: 'UTC'});

// --- tests -------------------------------------------------------------------------

test('each hit shows its absolute date beside its age, and a labelled quality', async () => {
  const page = await open(`?q=inflation&origin=${AS_OF}`);
  const expected = await api({q: 'inflation', origin: AS_OF});
  const hits = page.locator('#hits > li.hit');
  assert.equal(await hits.count(), expected.hits.length);
  for (let i = 0; i < expected.hits.length; ++i) {
    const hit = expected.hits[i];
    const time = hits.nth(i).locator('.meta time');
    assert.equal(await time.getAttribute('datetime'), hit.published);
    assert.equal(await time.textContent(), absolute.format(new Date(hit.published)));
    assert.equal(await hits.nth(i).locator('.meta .age').textContent(),
                 ` (${expectedAge(hit.published, new Date(AS_OF + 'T00:00:00Z'))})`);
    const quality = hits.nth(i).locator('.meta .quality');
    assert.equal((await quality.textContent()).trim(), `Quality ${hit.quality}/100`);
    assert.match(await quality.getAttribute('title'), /0 \(lowest\) to 100 \(highest\)/);
    assert.equal(await quality.locator('meter').getAttribute('value'), String(hit.quality));
  }
  await page.close();
});

test('thumbnails load lazily without a referrer, and a broken one falls back', async () => {
  const page = await open(`?q=${BROKEN_QUERY}`);
  const expected = await api({q: BROKEN_QUERY});
  await thumbnailsSettled(page);
  const hits = page.locator('#hits > li.hit');
  for (let i = 0; i < expected.hits.length; ++i) {
    const hit = expected.hits[i];
    const thumb = hits.nth(i).locator(':scope > .thumb');
    if (!hit.images.length) {
      assert.equal(await thumb.count(), 0);
      continue;
    }
    assert.equal(await thumb.getAttribute('aria-hidden'), 'true');
    if (hit.images[0].url === broken) {
      assert.ok(await thumb.evaluate((t) => t.classList.contains('failed')));
      assert.equal(await thumb.locator('img').count(), 0);
      assert.equal(await thumb.locator('.thumb-fallback').textContent(), hit.provider.charAt(0));
      continue;
    }
    const img = thumb.locator('img');
    assert.equal(await img.getAttribute('src'), hit.images[0].url);
    assert.equal(await img.getAttribute('loading'), 'lazy');
    assert.equal(await img.getAttribute('referrerpolicy'), 'no-referrer');
    assert.equal(await img.getAttribute('alt'), '');
    assert.ok(await img.evaluate((im) => im.naturalWidth > 0), `${hit.images[0].url} shown`);
  }
  assert.ok(imageRequests.some((r) => r.url === broken), 'the broken picture was asked for');
  for (const r of imageRequests) assert.equal(r.referer, undefined, `${r.url} sent a referrer`);
  await page.close();
});

test('the relative-date windows filter with one click, counted from the "as of" day', async () => {
  const page = await open(`?origin=${AS_OF}`);
  const expected = await api({origin: AS_OF});
  const counts = expected.relative_dates;
  assert.ok(counts['30d'] > 0 && counts['30d'] < expected.total, 'the 30-day window narrows');
  const windows = page.locator('#windows button');
  assert.deepEqual(await windows.evaluateAll((bs) => bs.map((b) => b.dataset.window)),
                   ['today', '7d', '30d', '365d']);
  for (const key of ['today', '7d', '30d', '365d']) {
    const button = page.locator(`#windows button[data-window="${key}"]`);
    assert.equal(await button.locator('.count').textContent(), String(counts[key]));
    assert.equal(await button.isDisabled(), counts[key] === 0);
  }
  assert.match(await page.locator('#as-of').textContent(), /Archive as of Nov 10, 2026/);

  const {body, url} = await searching(page, () => page.locator('#windows button[data-window="30d"]').click());
  assert.equal(url.searchParams.get('from'), '2026-10-12');
  assert.equal(url.searchParams.get('to'), AS_OF);
  assert.equal(url.searchParams.get('origin'), AS_OF);
  assert.equal(body.total, counts['30d'], 'the window holds the articles it counted');
  assert.equal(await page.locator('#windows button[data-window="30d"]').getAttribute('aria-pressed'), 'true');
  await page.close();
});

test('the "as of" date sets the recency origin of searches and similar articles', async () => {
  const page = await open('?q=inflation&explain=1');
  const {body, url} = await searching(page, async () => {
    await page.locator('#origin').fill(AS_OF);
    await page.locator('#origin').dispatchEvent('change');
  });
  assert.equal(url.searchParams.get('origin'), AS_OF);
  assert.equal(new URL(page.url()).searchParams.get('origin'), AS_OF);
  // With a fixed origin the order and recency parts are exactly those /api/search gives.
  const direct = await api({q: 'inflation', explain: '1', origin: AS_OF});
  assert.deepEqual(body.hits.map((h) => [h.id, h.explain.recency]),
                   direct.hits.map((h) => [h.id, h.explain.recency]));
  assert.deepEqual(body.relative_dates, direct.relative_dates);
  // Ages count from the "as of" day.
  const origin = new Date(AS_OF + 'T00:00:00Z');
  assert.deepEqual(await page.locator('#hits > li.hit .meta .age').allTextContents(),
                   direct.hits.map((h) => ` (${expectedAge(h.published, origin)})`));

  const similar = page.locator('#hits > li.hit').first().locator('details.similar');
  const answered = page.waitForResponse((r) => r.url().includes('/similar?'));
  await similar.locator('summary').click();
  const response = await answered;
  assert.equal(response.status(), 200);
  assert.equal(new URL(response.url()).searchParams.get('origin'), AS_OF);
  await similar.locator('li .age').first().waitFor();

  await searching(page, () => page.locator('#as-of button').click());
  assert.equal(new URL(page.url()).searchParams.get('origin'), null);
  assert.ok(await page.locator('#as-of').isHidden());
  await page.close();
});

test('the histogram shows every month from the first to the last, empty ones too', async () => {
  const page = await open();
  const expected = await api({});
  assert.equal(expected.date_histogram.interval, 'month');
  const buckets = expected.date_histogram.buckets;
  const [fy, fm] = buckets[0].key.split('-').map(Number);
  const [ly, lm] = buckets[buckets.length - 1].key.split('-').map(Number);
  const months = (ly - fy) * 12 + lm - fm + 1;
  assert.ok(months > buckets.length, 'corpus/sample has months without articles');
  const bars = await page.locator('#histogram .bar').evaluateAll((bs) => bs.map((b) => [
    b.dataset.key, b.getAttribute('aria-label'), b.classList.contains('empty')]));
  assert.equal(bars.length, months);
  const counts = new Map(buckets.map((b) => [b.key, b.count]));
  for (const [key, label, empty] of bars) {
    const n = counts.get(key) || 0;
    assert.equal(label, `${key}: ${n} articles`);
    assert.equal(empty, n === 0);
  }
  assert.deepEqual(bars.filter(([, , empty]) => !empty).map(([key]) => key), buckets.map((b) => b.key));
  await page.close();
});

test('screenshots at 1280 and 390 px: thumbnails, absolute dates, related coverage', async () => {
  for (const [name, viewport] of [['news-page-desktop.png', {width: 1280, height: 900}],
                                  ['news-page-mobile.png', {width: 390, height: 844}]]) {
    const page = await open(`?q=${BROKEN_QUERY}`, viewport);
    await thumbnailsSettled(page);
    await page.locator('#hits details.related:not(.similar) summary').first().click();
    assert.ok(await page.locator('#hits .meta time').first().isVisible());
    if (viewport.width < 500) await assertNarrowLayout(page, viewport.width);
    await screenshot(page, name);
    await page.close();
  }
});
