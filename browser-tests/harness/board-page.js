// The incident board as the tests see it: locators by what a person sees, not by implementation.

import { expect } from '@playwright/test';

/** Opens the board at `http` + `path` and waits until it is live (connected and subscribed). */
export async function openBoard(page, http, path = '/') {
  await page.goto(`${http}${path}`);
  await expect(connection(page)).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
}

export const connection = (page) => page.locator('#connection');

/** The card of the incident titled `title`, wherever it is on the board. */
export const card = (page, title) => page.locator('#board .card:not(.leaving)', { has: page.locator('.title', { hasText: title }) });

/** The column of one severity. */
export const column = (page, severity) => page.locator(`#board .column.sev-${severity}`);

export const headerCount = (page, severity) => page.locator(`#counts .count-${severity} .n`);
