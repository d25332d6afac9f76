// EventSource in a real Chromium against /sse: the page receives the stream, resumes by itself
// with Last-Event-ID when its connection drops (nothing missed, nothing twice, while events keep
// coming), and across a server restart comes back by itself and is told (recovered: false) that it
// may have missed events. Received is counted against published.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { launchBrowser } from '../harness/browser.js';
import { startServer } from '../harness/server.js';
import { publish } from '../harness/publish.js';

// What a page would do: one EventSource, every message kept for the test to read.
const PAGE_SCRIPT = `
  window.sse = { events: [], subscribed: [], closing: [], gaps: [] };
  const source = new EventSource('/sse?event_types=system_event');
  source.addEventListener('event', (m) => window.sse.events.push({ id: m.lastEventId, seq: JSON.parse(m.data).seq }));
  source.addEventListener('subscribed', (m) => window.sse.subscribed.push(JSON.parse(m.data)));
  source.addEventListener('closing', (m) => window.sse.closing.push(JSON.parse(m.data)));
  source.addEventListener('gap', (m) => window.sse.gaps.push(JSON.parse(m.data)));
`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(page, condition, what, arg = null, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await page.evaluate(condition, arg)) return;
    await sleep(50);
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}: ${JSON.stringify(await page.evaluate(() => ({
    events: window.sse.events.length, subscribed: window.sse.subscribed, closing: window.sse.closing })))}`);
}

const systemEvents = (from, count) => Array.from({ length: count }, (_, i) =>
  ({ event_type: 'system_event', category: 'browser', message: `m${from + i}` }));

// A forwarding proxy between the page and the server whose connections the test can cut, as a
// flaky network or a restarted load balancer would.
function cuttableProxy(target) {
  const open = new Set();
  const server = http.createServer((request, response) => {
    const upstream = http.request(`${target}${request.url}`, { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode, answer.headers);
        answer.pipe(response);
      });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
    const pair = { request: upstream, response };
    open.add(pair);
    response.on('close', () => { open.delete(pair); upstream.destroy(); });
  });
  return {
    async listen() {
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${server.address().port}`;
    },
    cut() {
      for (const { request, response } of open) { response.destroy(); request.destroy(); }
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

test('EventSource resumes with Last-Event-ID after its connection drops: every event once, while events keep coming', { timeout: 180_000 }, async (t) => {
  const server = await startServer({ sse_retry_ms: 200 });
  t.after(() => server.stop());
  const proxy = cuttableProxy(server.http);
  const origin = await proxy.listen();
  t.after(() => proxy.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page } = browser;

  await page.goto(`${origin}/health/live`);
  await page.evaluate(PAGE_SCRIPT);
  await until(page, () => window.sse.subscribed.length === 1, 'the first subscribed');

  // Publish 300 events in batches of 10 while the connection is cut three times.
  let published = 0;
  const publishing = (async () => {
    while (published < 300) {
      await publish(server.http, systemEvents(published, 10));
      published += 10;
      await sleep(20);
    }
  })();
  for (let cut = 1; cut <= 3; cut++) {
    await until(page, (n) => window.sse.events.length >= n * 60, `${cut * 60} events before cut ${cut}`, cut);
    proxy.cut();
    await until(page, (n) => window.sse.subscribed.length === n + 1, `the page to come back after cut ${cut}`, cut);
  }
  await publishing;
  await until(page, () => window.sse.events.length >= 300, 'all 300 events');
  await sleep(300); // a duplicate would show up by now

  const state = await page.evaluate(() => window.sse);
  assert.equal(state.subscribed.length, 4);
  for (const resumed of state.subscribed.slice(1)) {
    assert.equal(resumed.recovered, true, 'each reconnection is recovered');
  }
  assert.deepEqual(state.events.map((e) => e.seq), Array.from({ length: 300 }, (_, i) => i + 1),
    'received every published event once, in order');
  assert.equal(published, 300);
  assert.deepEqual(state.gaps, []);
});

test('EventSource comes back by itself after a server restart, and is told it may have missed events', { timeout: 180_000 }, async (t) => {
  const server = await startServer({ sse_retry_ms: 200, shutdown_reconnect_window_secs: 1 });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page, errors } = browser;

  await page.goto(`${server.http}/health/live`);
  await page.evaluate(PAGE_SCRIPT);
  await until(page, () => window.sse.subscribed.length === 1, 'subscribed');
  await publish(server.http, systemEvents(0, 25));
  await until(page, () => window.sse.events.length === 25, 'the first 25 events');
  const firstEpoch = (await page.evaluate(() => window.sse.events[0].id)).split(':')[0];

  await server.restart();
  await until(page, () => window.sse.subscribed.length === 2, 'the page to reconnect by itself', null, 60_000);
  await publish(server.http, systemEvents(25, 25));
  await until(page, () => window.sse.events.length === 50, 'the 25 events after the restart');

  const state = await page.evaluate(() => window.sse);
  // Told the server was shutting down: by its stream, and again if it asked while the server was
  // still stopping (over the keep-alive connection), each time with a retry that brought it back.
  assert.ok(state.closing.length >= 1, 'told the server was shutting down');
  for (const closing of state.closing) {
    assert.equal(closing.code, 1001);
    assert.equal(closing.reconnect, true);
  }
  // The in-memory history is gone with the old server: the page resumed in a new epoch, and is told so.
  assert.equal(state.subscribed[1].recovered, false);
  const secondEpoch = state.events[25].id.split(':')[0];
  assert.notEqual(secondEpoch, firstEpoch);
  // Received against published: 25 before and 25 after, each once, nothing published while it was away.
  assert.deepEqual(state.events.map((e) => e.seq), [...Array.from({ length: 25 }, (_, i) => i + 1),
    ...Array.from({ length: 25 }, (_, i) => i + 1)]);
  // The reconnection attempts while the server was down show as console errors in Chromium: expected.
  assert.deepEqual(errors.filter((e) => !e.includes('/sse') && !e.includes('Failed to load resource')), []);
});

// A stream held by another client of the same address, as a second tab or a process would.
function holdAStream(base) {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/sse`, { headers: { Accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`the holder got ${response.statusCode}`));
      response.once('data', () => resolve(request));
    });
    request.on('error', reject);
  });
}

test('EventSource turned away by a full address comes back by itself once there is room', { timeout: 120_000 }, async (t) => {
  // A quick heartbeat: the server learns that an event stream's client went away at its next write.
  const server = await startServer({ max_connections_per_address: 1, heartbeat_interval_secs: 1 });
  t.after(() => server.stop());
  const holder = await holdAStream(server.http);
  t.after(() => holder.destroy());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page } = browser;

  await page.goto(`${server.http}/health/live`);
  await page.evaluate(PAGE_SCRIPT);
  // A 429 would stop EventSource for good: the page is told instead, by a stream that ends at once.
  await until(page, () => window.sse.closing.length >= 1, 'the page to be told the address is full');
  const closing = await page.evaluate(() => window.sse.closing[0]);
  assert.equal(closing.code, 1013);
  assert.equal(closing.reconnect, true);
  assert.ok(closing.retry_after_ms >= 5000, `retry_after_ms ${closing.retry_after_ms}`);

  holder.destroy();
  await until(page, () => window.sse.subscribed.length === 1, 'the page to come back by itself', null, 60_000);
  await publish(server.http, systemEvents(0, 3));
  await until(page, () => window.sse.events.length === 3, 'the events published after it came back');
});
