// Takes the README's screenshot (docs/img/search-page.png): the search page of a
// running `gazette serve` over the Reuters corpus, 1280 px wide, in Debian's headless
// chromium. Run from a directory where playwright-core is installed (npm ci), e.g.:
//   gazette index --db /tmp/reuters ../shared/corpora/reuters
//   gazette serve --db /tmp/reuters --listen 127.0.0.1:8080 &
//   GAZETTE_URL=http://127.0.0.1:8080/ node readme_screenshot.mjs docs/img/search-page.png
import {statSync} from 'node:fs';

import {launchChromium} from './chromium.mjs';

const base = new URL(process.env.GAZETTE_URL || 'http://127.0.0.1:8080/');
const out = process.argv[2] || 'search-page.png';
const query = process.env.GAZETTE_QUERY || '?q=cocoa+buffer+stock&topic=cocoa';

const {context, close} = await launchChromium({width: 1280, height: 860});
try {
  const page = await context.newPage();
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/search');
  await page.goto(new URL('/' + query, base).href);
  await answered;
  await page.waitForFunction(() => !document.getElementById('results').hasAttribute('aria-busy') &&
                                   document.querySelector('#hits .hit'));
  await page.screenshot({path: out});
  console.log(`${out}: ${statSync(out).size} bytes`);
} finally {
  await close();
}
