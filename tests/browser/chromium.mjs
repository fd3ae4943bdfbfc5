// Debian's headless chromium, started the way this machine allows: no sandbox, no
// GPU, no background networking, a fresh profile. Shared by the browser tests and the
// README screenshot.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {chromium} from 'playwright-core';

// Returns {context, close}: a persistent browser context of the given viewport, and a
// function that closes it and removes its profile.
export async function launchChromium(viewport) {
  const profile = mkdtempSync(path.join(tmpdir(), 'gazette-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const close = async () => {
    await context.close();
    rmSync(profile, {recursive: true, force: true});
  };
  return {context, close};
}
