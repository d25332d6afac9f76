// The board on a server that admits only some: it asks for a token, shows the server's
// refusal of a bad one clearly, connects with a good one, typed or given as ?access_token=; and
// says plainly when its origin is not in the server's allowed_origins.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from '@playwright/test';
import { launchBrowser } from '../harness/browser.js';
import { startServer } from '../harness/server.js';
import { createIncident } from '../harness/publish.js';
import { card, connection } from '../harness/board-page.js';
import { hs256, SECRET } from '../harness/tokens.js';

test('a token-protected server: the prompt, a clear refusal of a bad token, then a good one', { timeout: 120_000 }, async (t) => {
  const server = await startServer({ jwt_hs256_secret: SECRET });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page, errors } = browser;
  await createIncident(server.http, { severity: 'P1', title: 'seen with a token' });

  await page.goto(server.http);
  const dialog = page.getByRole('dialog', { name: 'This server needs a token' });
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Token').fill(hs256({ sub: 'mallory' }, 'not-the-server-secret-0123456789abcdef'));
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(connection(page)).toHaveAttribute('data-state', 'refused');
  await expect(connection(page)).toContainText('the server refused the token (4001)');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('alert')).toContainText('The server refused the token');
  await expect(dialog.getByRole('alert')).toContainText('(4001)');

  // Not even sent: a WebSocket subprotocol cannot carry spaces.
  await dialog.getByLabel('Token').fill('not a token');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog.getByRole('alert')).toContainText('That is not a token');

  await dialog.getByLabel('Token').fill(hs256({ sub: 'alice' }));
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toBeHidden();
  await expect(connection(page)).toHaveAttribute('data-state', 'live');
  await expect(card(page, 'seen with a token')).toBeVisible();
  assert.deepEqual(errors, []);
});

test('?access_token= connects without a prompt, and leaves the address bar', { timeout: 120_000 }, async (t) => {
  const server = await startServer({ jwt_hs256_secret: SECRET });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page, errors } = browser;
  await createIncident(server.http, { severity: 'P0', title: 'linked with a token' });

  await page.goto(`${server.http}/board?severity=P0&access_token=${hs256({ sub: 'wall-screen' })}`);
  await expect(connection(page)).toHaveAttribute('data-state', 'live');
  await expect(card(page, 'linked with a token')).toBeVisible();
  await expect(page.getByRole('dialog')).toBeHidden();
  assert.equal(new URL(page.url()).searchParams.get('access_token'), null);
  assert.equal(new URL(page.url()).searchParams.get('severity'), 'P0');
  assert.deepEqual(errors, []);
});

test('an origin the server does not allow: the board says so instead of retrying silently', { timeout: 120_000 }, async (t) => {
  const server = await startServer({ allowed_origins: 'https://elsewhere.example' });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page, errors } = browser;

  await page.goto(`${server.http}/board`);
  await expect(connection(page)).toHaveAttribute('data-state', 'refused');
  await expect(connection(page)).toHaveText(`refused: this page's origin ${server.http} is not in the server's allowed_origins (403)`);
  // What the board said is what the server does: the upgrade fails, and a script sees only 1006.
  const code = await page.evaluate((url) => new Promise((resolve) => { new WebSocket(url).onclose = (e) => resolve(e.code); }), server.ws);
  assert.equal(code, 1006);
  assert.deepEqual(errors.filter((e) => !e.includes('WebSocket connection to')), []);
});
