// Shared by the browser tests: the server under test, its API fetched directly, waiting
// for the page's own searches, pictures served by the test, screenshots.
import assert from 'node:assert/strict';
import {mkdirSync, statSync} from 'node:fs';
import path from 'node:path';

export const BASE = new URL(process.env.GAZETTE_URL || 'http://127.0.0.1:8080/');
export const ARTIFACTS = process.env.GAZETTE_ARTIFACTS || path.resolve('test-artifacts');
// What app.js asks for on every search, besides the state kept in the URL.
export const PAGE_PARAMS = {per_page: '10', facets: 'topic,provider,category,type,language,date'};

// GET /api/search with the page's fixed parameters, replaced or added to by `params`
// (an object whose array values repeat the parameter).
export async function api(params) {
  const query = new URLSearchParams(PAGE_PARAMS);
  for (const [name, value] of Object.entries(params)) {
    query.delete(name);
    for (const v of [].concat(value)) query.append(name, String(v));
  }
  const res = await fetch(new URL('/api/search?' + query, BASE));
  assert.equal(res.status, 200, `/api/search?${query} answered ${res.status}`);
  return res.json();
}

export const isSearch = (response) => new URL(response.url()).pathname === '/api/search';

// Runs `action` and waits until the search it starts has been answered and rendered;
// returns the answer the page got and the URL it asked. app.js clears aria-busy and
// renders in one task.
export async function searching(page, action) {
  const answered = page.waitForResponse(isSearch);
  await action();
  const response = await answered;
  assert.equal(response.status(), 200);
  const body = await response.json();
  await page.waitForFunction(() => !document.getElementById('results').hasAttribute('aria-busy'));
  return {body, url: new URL(response.url())};
}

// A new page of `context` at "/" + `query`, rendered; at `viewport` when given.
export async function open(context, query, viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await searching(page, () => page.goto(new URL('/' + (query || ''), BASE).href));
  return page;
}

// A picture for `url`: a coloured card naming its host.
function picture(url) {
  let hue = 0;
  for (const c of url.hostname) hue = (hue * 31 + c.charCodeAt(0)) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400" viewBox="0 0 600 400">` +
         `<rect width="600" height="400" fill="hsl(${hue},40%,55%)"/>` +
         `<text x="300" y="215" font-size="34" text-anchor="middle" fill="#fff" ` +
         `font-family="sans-serif">${url.hostname.replace(/^img\./, '')}</text></svg>`;
}

// Keeps `context` off the network: pictures are answered by the test (those in
// `broken` with 404) and recorded in `requests` as {url, referer}; any other request
// that is not for the server under test fails.
export async function servePictures(context, broken, requests) {
  await context.route((url) => url.origin !== BASE.origin, (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (request.resourceType() !== 'image') return route.abort();
    requests.push({url: url.href, referer: request.headers()['referer']});
    if (broken.has(url.href)) return route.fulfill({status: 404, body: 'gone'});
    return route.fulfill({status: 200, contentType: 'image/svg+xml', body: picture(url)});
  });
}

// Waits until every hit's thumbnail has loaded or fallen back (lazy ones scrolled to).
export async function thumbnailsSettled(page) {
  for (const thumb of await page.locator('#hits > li.hit > .thumb').all()) {
    await thumb.scrollIntoViewIfNeeded();
  }
  await page.waitForFunction(() => [...document.querySelectorAll('#hits > li.hit > .thumb')]
      .every((t) => t.classList.contains('failed') || t.querySelector('img').naturalWidth > 0));
  await page.evaluate(() => window.scrollTo(0, 0));
}

// A full-page screenshot into ARTIFACTS/`name`, named in the test output.
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, {recursive: true});
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({path: file, fullPage: true});
  assert.ok(statSync(file).size > 10000, `${file} holds a picture`);
  console.log(`screenshot: ${file}`);
}

// At a narrow width: the filters fold away and nothing scrolls sideways.
export async function assertNarrowLayout(page, width) {
  assert.equal(await page.locator('#filters').getAttribute('open'), null, 'filters fold away');
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `no sideways scrolling (${scrollWidth} px)`);
}
