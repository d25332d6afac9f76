// The board's view in its URL, as people use links and the browser's buttons: Back and Forward
// bring the view back with the address, a link with another spelling or an unknown value still
// opens a live board, a link to an unknown incident says it is not watched, and cards stand in the
// order of their creation whatever the spelling of their times.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import { launchBrowser } from '../harness/browser.js';
import { defaultServer } from '../harness/server.js';
import { createIncident } from '../harness/publish.js';
import { openBoard, card, column } from '../harness/board-page.js';

const { http } = defaultServer();
let browser;

before(async () => { browser = await launchBrowser({ viewport: { width: 1440, height: 900 } }); });
after(async () => {
  await browser?.close();
});

const ownSource = () => `board-url-${randomUUID().slice(0, 8)}`;

test('Back and Forward bring back the view of the address, form and board', { timeout: 60_000 }, async () => {
  const { page, errors } = browser;
  const source = ownSource();
  await createIncident(http, { severity: 'P1', source, title: 'urgent one' });
  await createIncident(http, { severity: 'P3', source, title: 'minor one' });
  await openBoard(page, http, `/?source=${source}`);
  await expect(page.locator('#board .card')).toHaveCount(2);

  await page.locator('input[name=severity][value=P1]').check();
  await page.locator('#filters button[type=submit]').click();
  await expect(page.locator('#board .card')).toHaveCount(1);
  await expect(card(page, 'urgent one')).toBeVisible();

  await page.goBack();
  await expect(page.locator('input[name=severity][value=P1]')).not.toBeChecked();
  await expect(page.locator('#board .card')).toHaveCount(2);
  await page.goForward();
  await expect(page.locator('input[name=severity][value=P1]')).toBeChecked();
  await expect(page.locator('#board .card')).toHaveCount(1);
  await expect(card(page, 'urgent one')).toBeVisible();
  assert.deepEqual(errors, []);
});

test('a link with other spellings or unknown values still opens a live board', { timeout: 60_000 }, async () => {
  const { page, errors } = browser;
  const source = ownSource();
  await createIncident(http, { severity: 'P1', source, title: 'spelled either way' });
  await createIncident(http, { severity: 'P2', source, title: 'another severity' });

  // The server would refuse `detected`, `Bogus` and `Resolved` as the board's states: the board leaves them out.
  await openBoard(page, http, `/?source=${source}&severity=p1&state=detected,Bogus,Resolved`);

  await expect(page.locator('#board .card')).toHaveCount(1);
  await expect(card(page, 'spelled either way')).toBeVisible();
  await expect(page.locator('input[name=severity][value=P1]')).toBeChecked();
  await expect(page.locator('input[name=state][value=Detected]')).toBeChecked();
  assert.deepEqual(errors, []);
});

test('cards stand in the order of their creation, whatever the spelling of the time', { timeout: 60_000 }, async () => {
  const { page, errors } = browser;
  const source = ownSource();
  // 10:00:00.000, 10:00:00.500 and 10:00:01.000 UTC, written three ways.
  await createIncident(http, { severity: 'P4', source, title: 'first', created_at: '2026-11-26T10:00:00Z' });
  await createIncident(http, { severity: 'P4', source, title: 'second', created_at: '2026-11-26T10:00:00.5Z' });
  await openBoard(page, http, `/?source=${source}`);
  await createIncident(http, { severity: 'P4', source, title: 'third', created_at: '2026-11-26T12:00:01+02:00' });
  await expect(column(page, 'P4').locator('.card')).toHaveCount(3);

  const live = await column(page, 'P4').locator('.card .title').allTextContents();
  assert.deepEqual(live, ['third', 'second', 'first']);
  await page.reload();
  await expect(column(page, 'P4').locator('.card')).toHaveCount(3);
  assert.deepEqual(await column(page, 'P4').locator('.card .title').allTextContents(), ['third', 'second', 'first']);
  assert.deepEqual(errors, []);
});

test('a label whose value holds a comma is one label, in the link and in the form', { timeout: 60_000 }, async () => {
  const { page, errors } = browser;
  const source = ownSource();
  await createIncident(http, { severity: 'P2', source, title: 'both owners', labels: { owners: 'alice,bob' } });
  await createIncident(http, { severity: 'P2', source, title: 'alice alone', labels: { owners: 'alice' } });
  await openBoard(page, http, `/?source=${source}&label=owners:alice,bob,`); // a trailing comma is nothing
  await expect(card(page, 'both owners')).toBeVisible();
  await expect(page.locator('#board .card')).toHaveCount(1);
  await expect(page.locator('input[name=label]')).toHaveValue('owners:alice,bob');

  // Submitted again from the form, with another label beside it: still the one value.
  await page.locator('input[name=label]').fill('owners:alice,bob, team:none');
  await page.locator('#filters button[type=submit]').click();
  await expect(page.locator('#board .card')).toHaveCount(0);
  await page.locator('input[name=label]').fill('owners:alice,bob');
  await page.locator('#filters button[type=submit]').click();
  await expect(card(page, 'both owners')).toBeVisible();
  await expect(page.locator('#board .card')).toHaveCount(1);
  assert.deepEqual(errors, []);
});

test('a link to an incident the server does not know says it is not watched', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await openBoard(page, http, `/?source=${ownSource()}&incident=${randomUUID()}`);

  await expect(page.locator('.details .watchers')).toContainText('not watched');
  // Last in this file: the read API's 404 for it is a console error of this page.
});
