// The search page (web/assets) in headless chromium against a running `gazette serve`
// over corpus/sample: every number and title the page shows is checked against the
// /api/search answer for the same request, fetched directly. Run by
// run_browser_tests.sh, which sets GAZETTE_URL, CHROMIUM and GAZETTE_ARTIFACTS.
// No sleeps: each step waits for the page's own /api request and its rendering.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {launchChromium} from './chromium.mjs';
import {api, BASE, open as openIn, screenshot, searching} from './support.mjs';

let context;
let closeBrowser;

before(async () => {
  ({context, close: closeBrowser} = await launchChromium({width: 1280, height: 900}));
  // Nothing but the server under test: a request elsewhere fails instead of leaving.
  await context.route((url) => url.origin !== BASE.origin, (route) => route.abort());
});

after(async () => {
  if (closeBrowser) await closeBrowser();
});

// --- helpers -----------------------------------------------------------------------

const open = (query) => openIn(context, query);

const titles = (page) => page.locator('#hits .hit-title').allTextContents();
const currentParams = (page) => new URL(page.url()).searchParams;

// "12 articles · 3 ms" -> 12
async function shownTotal(page) {
  const text = await page.locator('#summary').textContent();
  const match = /^(?:About )?([\d,]+) articles?/.exec(text);
  assert.ok(match, `summary "${text}"`);
  return Number(match[1].replace(/,/g, ''));
}

// {value: count} of one facet group, as the sidebar shows it.
async function shownFacet(page, legend) {
  const group = page.locator('#facets fieldset', {has: page.locator('legend', {hasText: legend})});
  const rows = await group.locator('label').evaluateAll((labels) => labels.map((l) => [
    l.querySelector('.facet-name').textContent,
    Number(l.querySelector('.count').textContent.replace(/,/g, '')),
  ]));
  return Object.fromEntries(rows);
}

// The checkbox of one facet value, e.g. facetBox(page, 'Topic', 'Markets').
function facetBox(page, legend, value) {
  const exact = new RegExp('^' + value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');
  return page.locator('#facets fieldset', {has: page.locator('legend', {hasText: legend})})
      .locator('label', {has: page.locator('.facet-name', {hasText: exact})})
      .locator('input');
}

function facetCounts(body, name) {
  return Object.fromEntries((body.facets[name] || []).map((v) => [v.value, v.count]));
}

// The page shows at most 8 values per facet before "Show all".
function firstShown(counts) {
  return Object.fromEntries(Object.entries(counts).slice(0, 8));
}

// --- tests -------------------------------------------------------------------------

test('typing a query and submitting shows highlighted hits', async () => {
  const page = await open();
  await page.locator('#q').fill('inflation');
  const {body: shown} = await searching(page, () => page.locator('#q').press('Enter'));

  assert.equal(currentParams(page).get('q'), 'inflation');
  const expected = await api({q: 'inflation'});
  assert.ok(expected.total > 0, 'corpus/sample has inflation articles');
  assert.equal(shown.total, expected.total);
  assert.equal(await shownTotal(page), expected.total);
  assert.deepEqual(await titles(page), expected.hits.map((h) => h.title));
  const marks = await page.locator('#hits mark').allTextContents();
  assert.ok(marks.length > 0, 'matches are highlighted');
  for (const mark of marks) assert.match(mark, /inflation/i);
  assert.equal(await page.title(), 'inflation — gazette');
  await page.close();
});

test('ticking a topic facet filters the hits and updates the counts', async () => {
  const page = await open('?q=europe');
  const before = await api({q: 'europe'});
  assert.equal(await shownTotal(page), before.total);
  assert.deepEqual(await shownFacet(page, 'Topic'), firstShown(facetCounts(before, 'topic')));

  // A topic that narrows the results without emptying them.
  const topic = before.facets.topic.find((v) => v.count > 0 && v.count < before.total);
  assert.ok(topic, 'some topic covers part of the "europe" hits');
  const box = facetBox(page, 'Topic', topic.value);
  await searching(page, () => box.check());

  assert.deepEqual(currentParams(page).getAll('topic'), [topic.value]);
  const after = await api({q: 'europe', topic: topic.value});
  assert.equal(after.total, topic.count, 'a facet count is the total its filter gives');
  assert.equal(await shownTotal(page), after.total);
  assert.notEqual(after.total, before.total);
  assert.deepEqual(await titles(page), after.hits.map((h) => h.title));
  // Multi-select: the topic facet keeps its counts, the other facets shrink to the filter.
  assert.deepEqual(await shownFacet(page, 'Topic'), firstShown(facetCounts(after, 'topic')));
  assert.deepEqual(facetCounts(after, 'topic'), facetCounts(before, 'topic'));
  assert.deepEqual(await shownFacet(page, 'Source'), firstShown(facetCounts(after, 'provider')));
  assert.notDeepEqual(facetCounts(after, 'provider'), facetCounts(before, 'provider'));
  assert.ok(await box.isChecked());
  assert.equal(await page.locator('#active-filters li').count(), 1);

  // Unticking brings the first answer back.
  await searching(page, () => facetBox(page, 'Topic', topic.value).uncheck());
  assert.equal(await shownTotal(page), before.total);
  assert.equal(currentParams(page).getAll('topic').length, 0);
  await page.close();
});

test('page 2, then the back button restores page 1 from the URL', async () => {
  const page = await open('?sort=newest');
  const first = await api({sort: 'newest'});
  const second = await api({sort: 'newest', page: 2});
  assert.ok(first.total > 10, 'corpus/sample fills more than one page');
  assert.deepEqual(await titles(page), first.hits.map((h) => h.title));

  await searching(page, () => page.locator('#pagination a[rel=next]').click());
  assert.equal(currentParams(page).get('page'), '2');
  assert.equal(await page.locator('#pagination .current').textContent(), '2');
  assert.deepEqual(await titles(page), second.hits.map((h) => h.title));

  await searching(page, () => page.goBack());
  assert.equal(currentParams(page).get('page'), null);
  assert.equal(currentParams(page).get('sort'), 'newest');
  assert.equal(await page.locator('#sort').inputValue(), 'newest');
  assert.equal(await page.locator('#pagination .current').textContent(), '1');
  assert.deepEqual(await titles(page), first.hits.map((h) => h.title));

  await searching(page, () => page.goForward());
  assert.equal(await page.locator('#pagination .current').textContent(), '2');
  assert.deepEqual(await titles(page), second.hits.map((h) => h.title));
  await page.close();
});

test('explain shows the text, quality and recency parts of each score', async () => {
  const page = await open('?q=heat');
  assert.equal(await page.locator('#hits .explain').count(), 0);
  const {body: shown} = await searching(page, () => page.locator('#explain').check());

  assert.equal(currentParams(page).get('explain'), '1');
  const hits = page.locator('#hits > li.hit');
  assert.equal(await hits.count(), shown.hits.length);
  assert.ok(shown.hits.length > 0);
  for (let i = 0; i < shown.hits.length; ++i) {
    const explain = hits.nth(i).locator('dl.explain');
    assert.deepEqual(await explain.locator('dt').allTextContents(),
                     ['text', 'quality', 'recency', 'score']);
    const [text, quality, recency, score] =
        (await explain.locator('dd').allTextContents()).map(Number);
    const e = shown.hits[i].explain;
    assert.equal(text, Number(e.text.toFixed(3)));
    assert.equal(quality, Number(e.quality.toFixed(3)));
    assert.equal(recency, Number(e.recency.toFixed(3)));
    assert.ok(Math.abs(text + quality + recency - score) < 0.002, 'the parts add up to the score');
  }
  // The same parts as /api/search gives directly (recency moves with the clock: ±0.001).
  const direct = await api({q: 'heat', explain: '1'});
  assert.deepEqual(direct.hits.map((h) => h.id), shown.hits.map((h) => h.id));
  for (let i = 0; i < direct.hits.length; ++i) {
    assert.ok(Math.abs(direct.hits[i].explain.text - shown.hits[i].explain.text) < 1e-9);
    assert.ok(Math.abs(direct.hits[i].explain.recency - shown.hits[i].explain.recency) < 1e-3);
  }

  await searching(page, () => page.locator('#explain').uncheck());
  assert.equal(await page.locator('#hits .explain').count(), 0);
  await page.close();
});

test('related coverage and "more like this" open under a hit', async () => {
  const page = await open('?q=cocoa');
  const expected = await api({q: 'cocoa'});
  const index = expected.hits.findIndex((h) => h.related.length > 0);
  assert.ok(index >= 0, 'a cocoa article in corpus/sample lists related coverage');
  const hit = page.locator('#hits > li.hit').nth(index);

  const related = hit.locator('details.related:not(.similar)');
  const coverage = expected.hits[index].related;
  const n = coverage.length;
  const outlets = [...new Set(coverage.map((r) => r.provider))].join(', ');
  assert.equal(await related.locator('summary').textContent(),
               `${n === 1 ? '1 related article' : `${n} related articles`} from ${outlets}`);
  assert.equal(await related.locator('li').first().isVisible(), false);
  await related.locator('summary').click();
  assert.ok(await related.locator('li').first().isVisible());
  // All of it, each with its outlet, quality and excerpt.
  const links = related.locator('li a.related-title');
  assert.deepEqual(await links.allTextContents(), coverage.map((r) => r.title));
  assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
                   coverage.map((r) => r.url));
  const items = related.locator('li.related-item');
  for (let i = 0; i < n; ++i) {
    const meta = await items.nth(i).locator('.related-meta').textContent();
    assert.ok(meta.startsWith(coverage[i].provider), meta);
    if (coverage[i].quality != null) assert.ok(meta.includes(`Quality ${coverage[i].quality}/100`), meta);
    if (coverage[i].excerpt) {
      assert.equal(await items.nth(i).locator('.related-excerpt').textContent(), coverage[i].excerpt);
    }
  }

  const similar = hit.locator('details.similar');
  const id = expected.hits[index].id;
  const answered = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/articles/${encodeURIComponent(id)}/similar`);
  await similar.locator('summary').click();
  const body = await (await answered).json();
  const direct = await (await fetch(new URL(
      `/api/articles/${encodeURIComponent(id)}/similar?count=5`, BASE))).json();
  assert.deepEqual(body.hits.map((h) => h.id), direct.hits.map((h) => h.id));
  assert.ok(direct.hits.length > 0);
  await similar.locator('li > a, li > span:not(.related-meta)').first().waitFor();
  assert.deepEqual(
      await similar.locator('li').evaluateAll((lis) => lis.map((li) => li.firstChild.textContent)),
      direct.hits.map((h) => h.title));
  await page.close();
});

test('screenshot of a filtered search', async () => {
  const page = await open('?q=inflation&topic=Markets&explain=1');
  assert.ok(await shownTotal(page) > 0);
  await screenshot(page, 'search-page.png');
  await page.close();
});
