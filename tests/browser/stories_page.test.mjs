// Story clusters and provider diversity on the search page, in headless chromium: the
// ransomware story of corpus/sample and its two wire copies (run_browser_tests.sh
// writes them) show as one hit with "2 more from this story", which opens in place and
// can become the whole result list; "Group stories" off shows every copy; "Per source"
// caps each provider on the first page. Each state is checked against /api/search with
// the same parameters. Screenshots of a story opened, at 1280 and 390 px.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {launchChromium} from './chromium.mjs';
import {api, assertNarrowLayout, open as openIn, screenshot, searching, servePictures,
        thumbnailsSettled} from './support.mjs';

const QUERY = 'ransomware container bookings';

let context;
let closeBrowser;

before(async () => {
  ({context, close: closeBrowser} = await launchChromium({width: 1280, height: 900}));
  await servePictures(context, new Set(), []);
});

after(async () => {
  if (closeBrowser) await closeBrowser();
});

const open = (query, viewport) => openIn(context, query, viewport);
const titles = (page) => page.locator('#hits .hit-title').allTextContents();

// The first hit of `body` that folds other articles, and its index.
function storyHit(body) {
  const index = body.hits.findIndex((h) => h.story && h.story.more > 0);
  assert.ok(index >= 0, 'the wire copies of the ransomware story fold into one hit');
  return [index, body.hits[index]];
}

test('a story shows once with "N more from this story", opened in place', async () => {
  const page = await open(`?q=${encodeURIComponent(QUERY)}`);
  const expected = await api({q: QUERY});
  const [index, hit] = storyHit(expected);
  assert.ok(hit.story.more >= 2, 'both wire copies are in the story');
  assert.deepEqual(await titles(page), expected.hits.map((h) => h.title));

  const story = page.locator('#hits > li.hit').nth(index).locator('details.story');
  assert.equal(await story.locator('summary').textContent(),
               `${hit.story.more} more from this story: ${hit.story.providers.join(', ')}`);
  const answered = page.waitForResponse((r) => new URL(r.url()).searchParams.has('story'));
  await story.locator('summary').click();
  const asked = new URL((await answered).url());
  assert.equal(asked.searchParams.get('story'), hit.story.id);
  assert.equal(asked.searchParams.get('q'), QUERY);
  const members = await api({q: QUERY, story: hit.story.id, per_page: 100});
  const others = members.hits.filter((h) => h.id !== hit.id);
  assert.equal(others.length, hit.story.more);
  await story.locator('li.story-item').first().waitFor();
  assert.deepEqual(await story.locator('li.story-item .related-title').allTextContents(),
                   others.map((h) => h.title));

  // "Show only this story": the story's articles become the results.
  const {url, body} = await searching(page, () => story.getByRole('button', {name: 'Show only this story'}).click());
  assert.equal(url.searchParams.get('story'), hit.story.id);
  assert.equal(new URL(page.url()).searchParams.get('story'), hit.story.id);
  assert.equal(body.total, hit.story.more + 1);
  assert.deepEqual(await titles(page), members.hits.map((h) => h.title));
  assert.ok(await page.locator('#story-view').isVisible());
  await searching(page, () => page.locator('#story-view button').click());
  assert.equal(new URL(page.url()).searchParams.get('story'), null);
  await page.close();
});

test('"Group stories" off lists every article of the story', async () => {
  const page = await open(`?q=${encodeURIComponent(QUERY)}`);
  const grouped = await api({q: QUERY});
  const [, hit] = storyHit(grouped);
  const {url} = await searching(page, () => page.locator('#collapse').uncheck());
  assert.equal(url.searchParams.get('collapse'), 'false');
  assert.equal(new URL(page.url()).searchParams.get('collapse'), 'false');
  const flat = await api({q: QUERY, collapse: 'false'});
  assert.equal(flat.total, grouped.total, 'the total counts every article either way');
  assert.equal(flat.hits.length, Math.min(10, grouped.hits.length + hit.story.more));
  assert.deepEqual(await titles(page), flat.hits.map((h) => h.title));
  assert.equal(await page.locator('#hits details.story').count(), 0);
  await searching(page, () => page.goBack());
  assert.ok(await page.locator('#collapse').isChecked());
  await page.close();
});

test('"Per source" caps each provider on the first page, keeping the total', async () => {
  const page = await open('?sort=newest');
  const open_ = await api({sort: 'newest'});
  const count = (body) => body.hits.reduce((m, h) => m.set(h.provider, (m.get(h.provider) || 0) + 1), new Map());
  assert.ok(Math.max(...count(open_).values()) > 1, 'some provider has two hits on page 1');
  const {url, body} = await searching(page, () => page.locator('#per-source').selectOption('1'));
  assert.equal(url.searchParams.get('max_per_provider'), '1');
  const capped = await api({sort: 'newest', max_per_provider: 1});
  assert.equal(body.total, open_.total);
  assert.deepEqual(await titles(page), capped.hits.map((h) => h.title));
  for (const [provider, n] of count(capped)) assert.equal(n, 1, `${provider} has ${n} hits`);
  await page.close();
});

test('screenshots of a story opened, at 1280 and 390 px', async () => {
  for (const [name, viewport] of [['stories-desktop.png', {width: 1280, height: 900}],
                                  ['stories-mobile.png', {width: 390, height: 844}]]) {
    const page = await open(`?q=${encodeURIComponent(QUERY)}`, viewport);
    await thumbnailsSettled(page);
    const story = page.locator('#hits details.story').first();
    await story.locator('summary').click();
    await story.locator('li.story-item').first().waitFor();
    assert.ok(await page.locator('#hits .meta time').first().isVisible());
    if (viewport.width < 500) await assertNarrowLayout(page, viewport.width);
    await screenshot(page, name);
    await page.close();
  }
});
