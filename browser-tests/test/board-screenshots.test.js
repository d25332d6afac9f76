// Screenshots of the board for the documentation: light and dark, at a wall-screen size and a laptop
// size, of a board with a realistic mix of incidents; at the laptop size one incident's details are
// open, and a colleague watches it too ("Watching now"). They go to BOARD_SCREENSHOTS_DIR when set
// (docs/images, to refresh the README's and docs/board.md's), else to the build's output.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { launchBrowser } from '../harness/browser.js';
import { startServer } from '../harness/server.js';
import { createIncident, publish } from '../harness/publish.js';
import { openBoard, card } from '../harness/board-page.js';
import { outputDirectory } from '../harness/output.js';

const SIZES = { wall: { width: 1920, height: 1080 }, laptop: { width: 1366, height: 768 } };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

// The incidents, as they stand when the board opens.
async function populate(http) {
  const ago = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString();
  const make = (fields) => createIncident(http, { incident_type: 'Availability', ...fields });
  const made = {};
  made.checkout = await make({ severity: 'P1', title: 'Checkout returns 502 for 12% of requests', source: 'prometheus',
    state: 'Investigating', labels: { team: 'payments', region: 'eu-west-1' }, assignees: ['alice'], created_at: ago(23),
    description: 'Error rate on checkout-api above 10% since the 4.12.1 rollout.' });
  made.database = await make({ severity: 'P0', title: 'Primary database failover in progress', source: 'pagerduty', state: 'Remediating',
    labels: { team: 'data' }, assignees: ['bob', 'chen'], created_at: ago(41), incident_type: 'Data' });
  await make({ severity: 'P1', title: 'Login latency p99 above 4 s', source: 'datadog', state: 'Triaged',
    labels: { team: 'identity' }, assignees: ['dana'], created_at: ago(8), incident_type: 'Performance' });
  await make({ severity: 'P2', title: 'Search index lagging 15 minutes behind', source: 'prometheus', labels: { team: 'search' }, created_at: ago(95) });
  await make({ severity: 'P2', title: 'Certificate for api.example.com expires in 6 days', source: 'cert-monitor',
    labels: { team: 'platform' }, assignees: ['erin'], created_at: ago(300), incident_type: 'Security' });
  await make({ severity: 'P2', title: 'Email notifications delayed', source: 'pagerduty', state: 'Investigating', labels: { team: 'comms' }, created_at: ago(17) });
  await make({ severity: 'P3', title: 'Disk 81% full on log-collector-3', source: 'prometheus', labels: { team: 'platform' }, created_at: ago(130), incident_type: 'Infrastructure' });
  await make({ severity: 'P3', title: 'Flaky health check on billing-worker', source: 'kubernetes', labels: { team: 'payments' }, created_at: ago(62) });
  await make({ severity: 'P4', title: 'Deprecated TLS 1.1 clients still seen', source: 'waf', labels: { team: 'security' }, created_at: ago(2000), incident_type: 'Compliance' });
  made.webhooks = await make({ severity: 'P3', title: 'Payment webhooks retrying', source: 'stripe-monitor', labels: { team: 'payments' }, created_at: ago(5) });
  return made;
}

// What happens while the board is open: the live part of the screenshots.
async function happen(http, made) {
  const now = () => new Date().toISOString();
  await publish(http, { event_type: 'escalated', incident_id: made.webhooks.id, from_severity: 'P3', to_severity: 'P1', reason: 'merchants report missing payouts' });
  await publish(http, { event_type: 'comment_added', incident_id: made.database.id, author: 'chen', comment: 'replica promoted, replaying WAL', timestamp: now() });
  await publish(http, { event_type: 'comment_added', incident_id: made.checkout.id, author: 'alice', comment: 'rolled back 4.12.1, watching error rate', timestamp: now() });
  await publish(http, { event_type: 'playbook_action_executed', incident_id: made.checkout.id, playbook_id: '6f1d2c8e-3f7a-4d2b-9c1e-5a4b3c2d1e0f', action_name: 'drain eu-west-1a', success: true, message: '' });
  await publish(http, { event_type: 'alert_received', alert: { id: '0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f', external_id: 'am-123', source: 'alertmanager',
    timestamp: now(), severity: 'P2', alert_type: 'Performance', title: 'HighRequestLatency', description: '', labels: {}, affected_services: ['checkout'] } });
}

test('screenshots: wall screen and laptop, light and dark', { timeout: 180_000 }, async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  const made = await populate(server.http);
  const browser = await launchBrowser({ viewport: SIZES.wall, reducedMotion: 'reduce' });
  t.after(() => browser.close());
  const { page, errors } = browser;
  const dir = process.env.BOARD_SCREENSHOTS_DIR || outputDirectory('screenshots');

  // A colleague already has the checkout incident open: the details show both watchers.
  const colleague = await browser.context.newPage();
  await openBoard(colleague, server.http, `/?name=Alice&incident=${made.checkout.id}`);
  await expect(colleague.locator('#details .watchers .watcher')).toHaveText(['Alice']);

  // One page, kept open: what arrived live stays on it across sizes and colour schemes.
  await openBoard(page, server.http, '/?name=Sam');
  await happen(server.http, made);
  await expect(page.locator('#board .card')).toHaveCount(10);
  await expect(card(page, 'Checkout returns 502').locator('.activity-text')).toContainText('drain eu-west-1a');
  await expect(page.locator('#feed .feed-item', { hasText: 'HighRequestLatency' })).toHaveCount(1);
  const shots = [];
  const titleSizes = {};
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    titleSizes[size] = await card(page, 'Checkout returns 502').locator('.title')
      .evaluate((title) => parseFloat(getComputedStyle(title).fontSize));
    if (size === 'laptop') { // with one incident open in the side panel
      await card(page, 'Checkout returns 502').click();
      await expect(page.locator('#details .timeline-entry').first()).toBeVisible();
      await expect(page.locator('#details .watchers .watcher')).toHaveText(['Alice', 'Sam']);
    }
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const file = join(dir, `board-${size}-${scheme}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
    }
  }
  for (const file of shots) assert.deepEqual(readFileSync(file).subarray(0, 4), PNG, file);
  // "Readable from across the room": the cards' text grows too, not only the page's own.
  assert.ok(titleSizes.wall > titleSizes.laptop, `a card's title on a wall screen and a laptop: ${JSON.stringify(titleSizes)}`);
  console.log(`# screenshots: ${shots.join(', ')}`);
  assert.deepEqual(errors, []);
});
