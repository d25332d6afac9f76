// A real Chromium for one test: the Debian package, driven by playwright-core, with a fresh profile
// that is deleted afterwards. Never downloads a browser (no `playwright install`): a missing
// Chromium fails the test and names the package.

import { chromium } from 'playwright-core';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_BINARY || '/usr/bin/chromium';

// Headless, and quiet: no first-run pages, no background calls to Google, nothing but the test's own traffic.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Launches Chromium and returns {context, page, close}. `options` go to the browser context
 * (viewport, colorScheme, ...). Always `await close()` (in a finally or t.after).
 */
export async function launchBrowser(options = {}) {
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    throw new Error(`Chromium not found at ${CHROMIUM}: install the Debian package 'chromium' `
      + '(scripts/test.sh does), or set CHROMIUM_BINARY to its path');
  }
  const profile = mkdtempSync(join(tmpdir(), 'incident-stream-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000, ...options,
  });
  const page = context.pages()[0] ?? await context.newPage();
  // A page error or a console error is a bug of the page under test: collect them for the test to assert on.
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  return {
    context, page, errors,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
