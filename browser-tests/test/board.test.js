// The incident board at / in a real Chromium, against the server the JUnit launcher started:
// what a person watching the board sees when incidents are published, escalated and resolved.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import { launchBrowser } from '../harness/browser.js';
import { defaultServer } from '../harness/server.js';
import { createIncident, publish } from '../harness/publish.js';
import { openBoard, card, column, connection, headerCount } from '../harness/board-page.js';

const { http } = defaultServer();
let browser;

before(async () => { browser = await launchBrowser({ viewport: { width: 1440, height: 900 } }); });
after(async () => {
  await browser?.close();
});

// Each test watches only its own source, so that the tests' incidents never meet on one board.
const ownSource = () => `board-test-${randomUUID().slice(0, 8)}`;

test('a published incident appears on the board within 1 s', { timeout: 60_000 }, async () => {
  const { page, errors } = browser;
  await openBoard(page, http, '/');
  const title = `checkout is down ${randomUUID().slice(0, 8)}`;
  const started = Date.now();
  await createIncident(http, { severity: 'P1', title, source: 'prometheus', labels: { team: 'payments' }, assignees: ['alice'] });
  await expect(card(page, title)).toBeVisible({ timeout: 1000 });
  console.log(`# publish to screen: ${Date.now() - started} ms`);
  const shown = card(page, title);
  await expect(shown.locator('.sev-badge')).toHaveText('P1');
  await expect(shown.locator('.state')).toHaveText('Detected');
  await expect(shown.locator('.source')).toHaveText('prometheus');
  await expect(shown.locator('.assignees')).toHaveText('alice');
  await expect(shown.locator('.labels')).toHaveText('team=payments');
  await expect(shown.locator('.activity-text')).toHaveText('created by prometheus');
  await expect(column(page, 'P1').locator('.card', { hasText: title })).toHaveCount(1);
  assert.deepEqual(errors, []);
});

test('an escalation moves the incident to its new severity, and a comment becomes its last activity', { timeout: 60_000 }, async () => {
  const { page, errors } = browser;
  const source = ownSource();
  await openBoard(page, http, `/?source=${source}`);
  const created = await createIncident(http, { severity: 'P3', source, title: 'disk filling up' });
  await expect(column(page, 'P3').locator('.card', { hasText: 'disk filling up' })).toBeVisible();
  await expect(headerCount(page, 'P3')).toHaveText('1');

  await publish(http, { event_type: 'escalated', incident_id: created.id, from_severity: 'P3', to_severity: 'P0', reason: 'customers affected' });
  await expect(column(page, 'P0').locator('.card', { hasText: 'disk filling up' })).toBeVisible();
  await expect(column(page, 'P3').locator('.card')).toHaveCount(0);
  await expect(headerCount(page, 'P0')).toHaveText('1');
  await expect(headerCount(page, 'P3')).toHaveText('0');
  await expect(card(page, 'disk filling up').locator('.activity-text')).toHaveText('escalated P3 → P0: customers affected');

  await publish(http, { event_type: 'comment_added', incident_id: created.id, author: 'bob', comment: 'rolling back', timestamp: new Date().toISOString() });
  await expect(card(page, 'disk filling up').locator('.activity-text')).toHaveText('bob: rolling back');
  assert.deepEqual(errors, []);
});

test('a resolution takes the incident off the board', { timeout: 60_000 }, async () => {
  const { page, errors } = browser;
  const source = ownSource();
  await openBoard(page, http, `/?source=${source}`);
  const created = await createIncident(http, { severity: 'P2', source, title: 'queue backlog' });
  const stays = await createIncident(http, { severity: 'P2', source, title: 'cache misses' });
  await expect(card(page, 'queue backlog')).toBeVisible();
  await expect(card(page, 'cache misses')).toBeVisible();

  const now = new Date().toISOString();
  await publish(http, { event_type: 'incident_resolved', incident: { ...created, state: 'Resolved',
    resolution: { resolved_at: now, resolved_by: 'carol', resolution_method: 'Manual', root_cause: null, notes: 'drained' } } });
  // The card fades out (the "leaving" transition), then goes.
  await expect(page.locator('#board .card', { hasText: 'queue backlog' })).toHaveCount(0);
  await expect(card(page, 'cache misses')).toBeVisible();
  await expect(headerCount(page, 'P2')).toHaveText('1');
  await expect(page.locator('#feed .feed-item', { hasText: 'queue backlog' }).first()).toContainText('resolved');
  assert.ok(stays);
  assert.deepEqual(errors, []);
});

test('filters in the URL become the subscription: only matching incidents are shown', { timeout: 60_000 }, async () => {
  const { page, errors } = browser;
  const source = ownSource();
  await createIncident(http, { severity: 'P1', source, title: 'matches: P1 team=db', labels: { team: 'db' } });
  await createIncident(http, { severity: 'P2', source, title: 'wrong severity', labels: { team: 'db' } });
  await createIncident(http, { severity: 'P1', source, title: 'wrong label', labels: { team: 'web' } });
  await createIncident(http, { severity: 'P1', source: `${source}-other`, title: 'wrong source', labels: { team: 'db' } });

  await openBoard(page, http, `/?severity=P0,P1&source=${source}&label=team:db`);
  // From the snapshot...
  await expect(page.locator('#board .card')).toHaveCount(1);
  await expect(card(page, 'matches: P1 team=db')).toBeVisible();
  // ...and live.
  await createIncident(http, { severity: 'P0', source, title: 'live match', labels: { team: 'db' } });
  await createIncident(http, { severity: 'P3', source, title: 'live miss', labels: { team: 'db' } });
  await expect(card(page, 'live match')).toBeVisible();
  await expect(page.locator('#board .card')).toHaveCount(2);
  await expect(page.locator('#feed .feed-item', { hasText: 'live miss' })).toHaveCount(0);
  // The form shows the URL's filters.
  await expect(page.locator('input[name=severity][value=P1]')).toBeChecked();
  await expect(page.locator('input[name=severity][value=P2]')).not.toBeChecked();
  await expect(page.locator('input[name=label]')).toHaveValue('team:db');

  // Free text narrows what is shown, and goes into the URL too.
  await page.locator('input[name=q]').fill('live');
  await page.locator('#filters button[type=submit]').click();
  await expect(page.locator('#board .card')).toHaveCount(1);
  await expect(card(page, 'live match')).toBeVisible();
  assert.match(new URL(page.url()).search, /q=live/);
  assert.deepEqual(errors, []);
});

test('by keyboard: a card opens its details and timeline from the read API, Escape closes them', { timeout: 60_000 }, async () => {
  const { page, errors } = browser;
  const source = ownSource();
  await openBoard(page, http, `/?source=${source}`);
  const created = await createIncident(http, { severity: 'P1', source, title: 'login errors', description: 'spike of 500s' });
  await publish(http, { event_type: 'assignment_changed', incident_id: created.id, assignees: ['dave', 'erin'] });
  await expect(card(page, 'login errors').locator('.assignees')).toHaveText('dave, erin');

  await card(page, 'login errors').focus();
  await page.keyboard.press('Enter');
  const details = page.locator('#details');
  await expect(details).toBeVisible();
  await expect(details.locator('.details-title')).toHaveText('login errors');
  await expect(details.locator('.fields')).toContainText('spike of 500s');
  await expect(details.locator('.fields')).toContainText('dave, erin');
  assert.match(new URL(page.url()).search, new RegExp(`incident=${created.id}`));

  await publish(http, { event_type: 'comment_added', incident_id: created.id, author: 'erin', comment: 'looking at the auth pods', timestamp: new Date().toISOString() });
  await expect(details.locator('.timeline-entry').first()).toContainText('erin: looking at the auth pods');

  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  assert.doesNotMatch(new URL(page.url()).search, /incident=/);
  await expect(connection(page)).toHaveAttribute('data-state', 'live');
  assert.deepEqual(errors, []);
});
