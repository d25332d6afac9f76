// Load on the board: 1,000 open incidents, then 50 events a second for 30 seconds, on a server of
// the test's own. A report, not a timed assertion: it measures, in the browser, how long each event
// takes from the moment it is published to the frame that shows it, and the longest main-thread
// tasks, and writes them to board-load.json. What it asserts is correctness: every incident and
// every event reaches the screen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { launchBrowser } from '../harness/browser.js';
import { startServer } from '../harness/server.js';
import { incident, publish } from '../harness/publish.js';
import { openBoard } from '../harness/board-page.js';
import { outputDirectory } from '../harness/output.js';

const OPEN_INCIDENTS = 1000;
const EVENTS_PER_SECOND = 50;
const SECONDS = 30;
const SEVERITIES = ['P0', 'P1', 'P1', 'P2', 'P2', 'P2', 'P3', 'P3', 'P3', 'P4'];

// Runs in the page before its own scripts: notes when each marked comment first reaches a card,
// and takes the time at the start of the next frame (the one that paints it). Also collects long
// tasks and long animation frames (Chromium reports those over 50 ms).
function measureInPage() {
  const seen = {};
  const received = {};
  const longTasks = [];
  const longFrames = [];
  window.boardLoad = { seen, received, longTasks, longFrames };
  // When each marked frame reaches the page: splits the latency into network and server, and the page's own work.
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const match = /load-(\d+)\b/.exec(e.data);
        if (match && !(match[1] in received)) received[match[1]] = performance.timeOrigin + performance.now();
      });
    }
  };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longFrames.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch { /* older Chromium: long tasks only */ }
  const pending = [];
  new MutationObserver((records) => {
    for (const record of records) {
      // A card's "last activity" line: the board, not the feed, is what this measures.
      if (!record.target.classList?.contains('activity-text')) continue;
      for (const node of record.addedNodes) { // the text as it was set, even if set again since
        const match = /load-(\d+)\b/.exec(node.textContent);
        if (match && !(match[1] in seen)) { seen[match[1]] = 0; pending.push(match[1]); }
      }
    }
    if (pending.length) {
      requestAnimationFrame(() => {
        const now = performance.timeOrigin + performance.now();
        for (const n of pending.splice(0)) seen[n] = now;
      });
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

test(`load: ${OPEN_INCIDENTS} open incidents and ${EVENTS_PER_SECOND} events/s for ${SECONDS} s`, { timeout: 300_000 }, async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  const incidents = Array.from({ length: OPEN_INCIDENTS }, (_, i) => incident({
    severity: SEVERITIES[i % SEVERITIES.length], source: ['prometheus', 'datadog', 'pagerduty'][i % 3],
    title: `service ${i} degraded`, labels: { team: `team-${i % 12}` }, assignees: [`oncall-${i % 7}`],
  }));
  for (let i = 0; i < incidents.length; i += 100) {
    await publish(server.http, incidents.slice(i, i + 100).map((it) => ({ event_type: 'incident_created', incident: it })));
  }

  const browser = await launchBrowser({ viewport: { width: 1920, height: 1080 } });
  t.after(() => browser.close());
  const { page, errors } = browser;
  await page.addInitScript(measureInPage);
  const opened = Date.now();
  await openBoard(page, server.http);
  await expect(page.locator('#board .card')).toHaveCount(OPEN_INCIDENTS, { timeout: 60_000 });
  const snapshotMs = Date.now() - opened;
  // Long tasks are counted from here: drawing the first 1,000 cards is reported on its own (snapshotMs).
  const loadStart = await page.evaluate(() => performance.now());

  // 50 a second, on a fixed schedule (a slow answer does not slow the rate), sent every 100 ms as
  // one batch of what is due: fewer requests in flight on a busy machine, the same events.
  const sentAt = {};
  const posts = [];
  const severities = new Map(incidents.map((it) => [it.id, it.severity]));
  let n = 0;
  let escalations = 0;
  const startedAt = Date.now();
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const due = Math.floor(((Date.now() - startedAt) / 1000) * EVENTS_PER_SECOND);
      const batch = [];
      while (n < due && n < EVENTS_PER_SECOND * SECONDS) {
        const target = incidents[(n * 7919) % incidents.length];
        if (n % 10 === 9) { // every tenth event moves a card to another column
          const from = severities.get(target.id);
          const to = from === 'P0' ? 'P1' : `P${Number(from[1]) - 1}`;
          severities.set(target.id, to);
          escalations++;
          batch.push({ event_type: 'escalated', incident_id: target.id, from_severity: from, to_severity: to, reason: 'load' });
        } else {
          sentAt[n] = Date.now();
          batch.push({ event_type: 'comment_added', incident_id: target.id, author: 'load', comment: `load-${n}`, timestamp: new Date().toISOString() });
        }
        n++;
      }
      if (batch.length) posts.push(publish(server.http, batch));
      if (n >= EVENTS_PER_SECOND * SECONDS) { clearInterval(timer); resolve(); }
    }, 100);
  });
  const publishedIn = Date.now() - startedAt;
  await Promise.all(posts);

  const expected = Object.keys(sentAt);
  await expect.poll(() => page.evaluate(() => Object.values(window.boardLoad.seen).filter((v) => v > 0).length),
    { timeout: 60_000 }).toBe(expected.length);
  const measured = await page.evaluate(() => window.boardLoad);
  const latencies = expected.map((k) => measured.seen[k] - sentAt[k]).sort((a, b) => a - b);
  const arrivals = expected.map((k) => measured.received[k] - sentAt[k]).sort((a, b) => a - b);
  const drawing = expected.map((k) => measured.seen[k] - measured.received[k]).sort((a, b) => a - b);
  const summary = (sorted) => ({ p50: Math.round(percentile(sorted, 50)), p99: Math.round(percentile(sorted, 99)), max: Math.round(sorted.at(-1)) });
  const duringLoad = (entries) => entries.filter((e) => e.start >= loadStart);
  const longTasks = duringLoad(measured.longTasks);
  const longestTask = Math.max(0, ...longTasks.map((e) => e.duration));
  const longestFrame = duringLoad(measured.longFrames).reduce((max, f) => (f.duration > max.duration ? f : max), { duration: 0, blocking: 0 });
  const report = {
    when: new Date().toISOString(),
    open_incidents: OPEN_INCIDENTS, events_per_second: EVENTS_PER_SECOND, seconds: SECONDS,
    events_published: n, escalations, published_in_ms: publishedIn,
    initial_snapshot_to_screen_ms: snapshotMs,
    events_measured: latencies.length,
    event_to_screen_ms: summary(latencies),
    publish_to_page_ms: summary(arrivals),
    page_to_screen_ms: summary(drawing),
    longest_main_thread_task_ms: longestTask, long_tasks_over_50ms: longTasks.length,
    longest_animation_frame_ms: Math.round(longestFrame.duration), its_blocking_ms: Math.round(longestFrame.blocking),
    load_average: loadavg().map((v) => Math.round(v * 100) / 100), cpus: cpus().length,
  };
  const file = join(outputDirectory(), 'board-load.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`# board load report (${file}):`);
  for (const line of JSON.stringify(report, null, 2).split('\n')) console.log(`# ${line}`);

  await expect(page.locator('#board .card')).toHaveCount(OPEN_INCIDENTS);
  assert.deepEqual(errors, []);
});
