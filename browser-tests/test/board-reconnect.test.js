// The board across a server restart, on a server of the test's own: the page says it is
// reconnecting, and once the new server is up, shows exactly the new server's incidents (a new
// epoch cannot be resumed, so the board reloads from a snapshot) and says so.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from '@playwright/test';
import { launchBrowser } from '../harness/browser.js';
import { startServer } from '../harness/server.js';
import { createIncident } from '../harness/publish.js';
import { openBoard, card, connection } from '../harness/board-page.js';

test('stop and restart the server: "reconnecting", then the new state from a snapshot', { timeout: 180_000 }, async (t) => {
  // A short reconnect window: after `closing`, the page waits a random part of it before reconnecting.
  const server = await startServer({ shutdown_reconnect_window_secs: 1 });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page, errors } = browser;

  await openBoard(page, server.http);
  await createIncident(server.http, { severity: 'P1', title: 'before the restart' });
  await expect(card(page, 'before the restart')).toBeVisible();

  await server.stop();
  await expect(connection(page)).toHaveAttribute('data-state', 'reconnecting');
  await expect(connection(page)).toContainText('reconnecting');

  await server.start(server.port);
  await createIncident(server.http, { severity: 'P0', title: 'after the restart' });
  await expect(connection(page)).toHaveAttribute('data-state', 'snapshot', { timeout: 60_000 });
  await expect(connection(page)).toHaveText('reloaded from snapshot');
  await expect(card(page, 'after the restart')).toBeVisible();
  await expect(page.locator('#board .card', { hasText: 'before the restart' })).toHaveCount(0);
  await expect(page.locator('#feed .feed-mark').first()).toContainText(/snapshot: 1 open incident$/);

  // Live again on the new server.
  await createIncident(server.http, { severity: 'P2', title: 'live after the restart' });
  await expect(card(page, 'live after the restart')).toBeVisible();
  // A WebSocket that cannot connect logs a console error in Chromium: expected while the server was down.
  assert.deepEqual(errors.filter((e) => !e.includes('WebSocket connection to')), []);
});
