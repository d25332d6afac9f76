// Presence on the board: whoever has an incident's details open is watching it, and everyone
// looking at that incident sees who else is.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from '@playwright/test';
import { launchBrowser } from '../harness/browser.js';
import { startServer } from '../harness/server.js';
import { createIncident } from '../harness/publish.js';
import { openBoard, card } from '../harness/board-page.js';

test('two people with the same incident open see each other watching it; closing it leaves', { timeout: 120_000 }, async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const created = await createIncident(server.http, { severity: 'P1', title: 'watched together' });
  const ann = browser.page;
  const bob = await browser.context.newPage();
  const watchers = (page) => page.locator('#details .watchers .watcher');

  await openBoard(ann, server.http, `/?name=Ann&incident=${created.id}`);
  await expect(watchers(ann)).toHaveText(['Ann']);
  await openBoard(bob, server.http, `/?name=Bob`);
  await card(bob, 'watched together').click();
  await expect(watchers(bob)).toHaveText(['Ann', 'Bob']);
  await expect(watchers(ann)).toHaveText(['Ann', 'Bob']);

  await bob.keyboard.press('Escape');
  await expect(watchers(ann)).toHaveText(['Ann']);
  await bob.close();
  assert.deepEqual(browser.errors, []);
});
