// The client's reconnect, resume, gap and de-duplication logic against a scripted fake server, for
// what a real server cannot easily be made to do on demand (4001, 1009, shutdown's retry_after_ms,
// a silent connection). Needs no server.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import WebSocket from 'ws';
import { IncidentStreamClient } from '../incident-stream-client.js';

/** A WebSocket the test drives from the server's side. */
class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.all.push(this);
  }
  send(data) { this.sent.push(JSON.parse(data)); }
  close(code = 1000, reason = '') { this.readyState = 3; queueMicrotask(() => this.onclose?.({ code, reason })); }
  // Server side:
  open(welcome = {}) {
    this.readyState = 1;
    this.onopen?.({});
    this.frame({ type: 'welcome', session_id: `s${FakeSocket.all.length}`, epoch: 'E1', seq: 0, heartbeat_interval_secs: 30, ...welcome });
  }
  frame(obj) { this.onmessage?.({ data: JSON.stringify(obj) }); }
  drop(code, reason = '') { this.readyState = 3; this.onclose?.({ code, reason }); }
  subscribes() { return this.sent.filter((m) => m.type === 'subscribe'); }
}
const last = () => FakeSocket.all.at(-1);
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
const event = (seq, ids, extra = {}) => ({ type: 'event', message_id: `m${seq}`, seq, subscription_ids: ids,
  event: { event_type: 'system_event' }, ...extra });

let client;
let log;
function makeClient(options = {}, url = 'ws://test/ws') {
  log = { events: [], snapshots: [], gaps: [], statuses: [], errors: [] };
  client = new IncidentStreamClient(url, {
    WebSocket: FakeSocket,
    subscriptions: [{ id: 'a', filters: { severities: ['P0'] } }],
    backoff: { initialMs: 8, maxMs: 64, stableMs: 10_000 },
    onEvent: (e) => log.events.push(e.seq),
    onSnapshot: (p) => log.snapshots.push(p),
    onGap: (g) => log.gaps.push(g),
    onStatus: (s) => log.statuses.push(s),
    onError: (e) => log.errors.push(e),
    ...options,
  });
  client.start();
  return client;
}
const reconnects = () => log.statuses.filter((s) => s.state === 'reconnecting');

beforeEach(() => { FakeSocket.all = []; });
afterEach(() => client?.stop());

test('refuses to start without a WebSocket implementation', () => {
  const saved = globalThis.WebSocket;
  try {
    delete globalThis.WebSocket;
    assert.throws(() => new IncidentStreamClient('ws://x/ws'), /pass options.WebSocket/);
  } finally {
    if (saved) globalThis.WebSocket = saved;
  }
});

test('subscribes after welcome, resumes with since and the welcome epoch after a drop', async () => {
  makeClient();
  last().open();
  assert.deepEqual(last().subscribes(), [{ type: 'subscribe', subscription_id: 'a', filters: { severities: ['P0'] }, snapshot: false }]);
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 4, recovered: null, replayed: null });
  last().frame(event(7, ['a']));
  last().frame(event(9, ['a']));
  last().drop(1006);
  await tick(80);
  assert.equal(FakeSocket.all.length, 2);
  last().open({ epoch: 'E1', seq: 12 });
  assert.deepEqual(last().subscribes(), [{ type: 'subscribe', subscription_id: 'a', filters: { severities: ['P0'] },
    since: 9, epoch: 'E1', snapshot: true }]);
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 12, recovered: true, replayed: 2 });
  last().frame(event(10, ['a']));
  last().frame(event(12, ['a']));
  assert.deepEqual(client.positions().a, { since: 12, epoch: 'E1' });
  last().frame(event(13, ['a']));
  assert.deepEqual(log.events, [7, 9, 10, 12, 13]);
});

test('a quiet subscription resumes from S, not from its last event', async () => {
  makeClient();
  last().open({ seq: 100 });
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 100, recovered: null, replayed: null });
  assert.deepEqual(client.positions().a, { since: 100, epoch: 'E1' });
  last().drop(1006);
  await tick(80);
  last().open({ seq: 150 });
  assert.equal(last().subscribes()[0].since, 100);
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 150, recovered: true, replayed: 0 });
  assert.deepEqual(client.positions().a, { since: 150, epoch: 'E1' });
});

test('a quiet subscription moves along with the live events of the others', () => {
  makeClient({ subscriptions: [{ id: 'quiet' }, { id: 'busy' }] });
  last().open({ seq: 10 });
  last().frame({ type: 'subscribed', subscription_id: 'quiet', seq: 10, recovered: null, replayed: null });
  last().frame({ type: 'subscribed', subscription_id: 'busy', seq: 11, recovered: null, replayed: null });
  last().frame(event(500, ['busy']));
  assert.deepEqual(client.positions(), { quiet: { since: 500, epoch: 'E1' }, busy: { since: 500, epoch: 'E1' } });
});

test("another subscription's S or replay does not move a subscription past live events still on their way", async () => {
  // The server sets S to the last *accepted* seq; events up to S that were not yet routed reach the
  // other subscriptions after the new one's `subscribed` and replay.
  makeClient({ subscriptions: [{ id: 'a' }, { id: 'b', since: 20, epoch: 'E1' }] });
  last().open({ seq: 30 });
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 30, recovered: null, replayed: null });
  last().frame({ type: 'subscribed', subscription_id: 'b', seq: 50, recovered: true, replayed: 2 });
  last().frame(event(25, ['b']));
  last().frame(event(45, ['b'])); // replay; live 40 for a is still queued behind it
  assert.deepEqual(client.positions().a, { since: 30, epoch: 'E1' });
  last().drop(1006);
  await tick(80);
  last().open({ seq: 60 });
  assert.deepEqual(last().subscribes().map((m) => [m.subscription_id, m.since]), [['a', 30], ['b', 50]]);
});

test('recovered:false (a new epoch) takes the snapshot and moves to S only after its last page', async () => {
  makeClient();
  last().open({ epoch: 'E1' });
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 5, recovered: null, replayed: null });
  last().frame(event(6, ['a']));
  last().drop(1001);
  await tick(80);
  last().open({ epoch: 'E2', seq: 3 });
  assert.deepEqual(last().subscribes()[0], { type: 'subscribe', subscription_id: 'a', filters: { severities: ['P0'] },
    since: 6, epoch: 'E1', snapshot: true });
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 3, recovered: false, replayed: 0 });
  last().frame({ type: 'snapshot', subscription_id: 'a', seq: 3, incidents: [{ id: 'i1' }], last: false });
  assert.deepEqual(client.positions().a, { since: 6, epoch: 'E1' }, 'not moved before the snapshot is complete');
  // Cut off mid-snapshot: the next connection asks for a fresh snapshot, not a resume.
  last().drop(1006);
  await tick(80);
  last().open({ epoch: 'E2', seq: 3 });
  assert.deepEqual(last().subscribes()[0], { type: 'subscribe', subscription_id: 'a', filters: { severities: ['P0'] }, snapshot: true });
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 3, recovered: null, replayed: null });
  last().frame({ type: 'snapshot', subscription_id: 'a', seq: 3, incidents: [{ id: 'i1' }], last: true });
  assert.deepEqual(client.positions().a, { since: 3, epoch: 'E2' });
  last().frame(event(4, ['a']));
  assert.deepEqual(log.events, [6, 4], 'seq 4 of the new epoch is not a duplicate of anything');
  assert.equal(log.snapshots.length, 2);
});

test('a gap resumes every subscription from from_seq - 1, once, and keeps each in order', () => {
  makeClient({ subscriptions: [{ id: 'a' }, { id: 'b' }] });
  last().open({ seq: 0 });
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 0, recovered: null, replayed: null });
  last().frame({ type: 'subscribed', subscription_id: 'b', seq: 0, recovered: null, replayed: null });
  last().frame(event(1, ['a', 'b']));
  last().frame(event(2, ['b']));
  last().frame({ type: 'gap', from_seq: 3, to_seq: 5, dropped: 2, reason: 'slow_consumer' });
  last().frame(event(6, ['a']));                                             // in flight: replayed later
  last().frame({ type: 'gap', from_seq: 7, to_seq: 7, dropped: 1, reason: 'slow_consumer' }); // covered by the resume
  const resumes = last().subscribes().slice(2);
  assert.deepEqual(resumes.map((m) => [m.subscription_id, m.since, m.epoch]), [['a', 2, 'E1'], ['b', 2, 'E1']]);
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 8, recovered: true, replayed: 3 });
  for (const seq of [3, 6, 7]) last().frame(event(seq, ['a']));
  last().frame({ type: 'subscribed', subscription_id: 'b', seq: 8, recovered: true, replayed: 2 });
  for (const seq of [4, 7]) last().frame(event(seq, ['b'])); // 7 repeats what a delivered
  last().frame(event(9, ['a', 'b']));
  assert.deepEqual(log.events, [1, 2, 3, 6, 7, 4, 9]);
  assert.equal(log.gaps.length, 2);
  assert.deepEqual(client.positions(), { a: { since: 9, epoch: 'E1' }, b: { since: 9, epoch: 'E1' } });
});

test('backoff: full jitter under a doubling ceiling, capped, and at least retry_after_ms', async (t) => {
  t.mock.method(Math, 'random', () => 0.999);
  makeClient();
  for (let i = 0; i < 5; i++) { last().drop(1006); await tick(70); }
  assert.deepEqual(reconnects().map((s) => s.delayMs), [8, 16, 32, 64, 64]);
  last().open();
  last().frame({ type: 'closing', reason: 'server shutting down', code: 1001, reconnect: true, retry_after_ms: 150 });
  last().drop(1001);
  assert.equal(reconnects().at(-1).delayMs, 150);
  const sockets = FakeSocket.all.length;
  await tick(100);
  assert.equal(FakeSocket.all.length, sockets, 'not before retry_after_ms');
  await tick(100);
  assert.equal(FakeSocket.all.length, sockets + 1);
});

test('backs off longer after 4029', async (t) => {
  t.mock.method(Math, 'random', () => 0.999);
  makeClient();
  last().drop(1006);
  await tick(30);
  last().drop(4029);
  assert.deepEqual(reconnects().map((s) => s.delayMs), [8, 64], 'two extra doublings');
});

test('a stable connection resets the backoff', async (t) => {
  t.mock.method(Math, 'random', () => 0.999);
  makeClient({ backoff: { initialMs: 8, maxMs: 64, stableMs: 20 } });
  last().drop(1006);
  await tick(30);
  last().drop(1006);
  await tick(30);
  last().open();
  await tick(40);
  last().drop(1006);
  assert.deepEqual(reconnects().map((s) => s.delayMs), [8, 16, 8]);
});

for (const code of [4001, 1008, 1009, 1002]) {
  test(`does not reconnect after ${code}`, async () => {
    makeClient();
    last().open();
    last().drop(code, 'no');
    await tick(100);
    assert.equal(FakeSocket.all.length, 1);
    assert.deepEqual(log.statuses.at(-1), { state: 'stopped', code, reason: 'no', closing: null });
  });
}

test('a closing notice with reconnect:false stops, and start() again reconnects', async () => {
  makeClient();
  last().open();
  last().frame({ type: 'closing', reason: 'token expired', code: 4001, reconnect: false, retry_after_ms: null });
  last().drop(1006); // the close frame itself may be lost: the notice decides
  await tick(50);
  assert.equal(log.statuses.at(-1).state, 'stopped');
  assert.equal(FakeSocket.all.length, 1);
  client.start(); // e.g. with a fresh token from a url function
  assert.equal(FakeSocket.all.length, 2);
});

test('the url may be a function, called on every connect', async () => {
  let n = 0;
  client = new IncidentStreamClient(() => `ws://test/ws?attempt=${n++}`, { WebSocket: FakeSocket, backoff: { initialMs: 1 } });
  client.start();
  last().drop(1006);
  await tick(20);
  assert.deepEqual(FakeSocket.all.map((s) => s.url), ['ws://test/ws?attempt=0', 'ws://test/ws?attempt=1']);
});

test('server pong heartbeats get no answer but keep the connection alive; silence reconnects', async () => {
  makeClient({ livenessTimeoutMs: 60 });
  last().open();
  const sent = last().sent.length;
  for (let i = 0; i < 4; i++) {
    await tick(30);
    last().frame({ type: 'pong', timestamp: new Date().toISOString() });
  }
  assert.equal(last().sent.length, sent, 'nothing sent in reply');
  assert.equal(FakeSocket.all.length, 1, 'still connected after 120 ms of heartbeats');
  await tick(120);
  assert.equal(FakeSocket.all.length, 2, 'silence for longer than the timeout: a new connection');
  assert.match(reconnects()[0].reason, /nothing received/);
});

test('optional client pings', async () => {
  makeClient({ pingIntervalMs: 20 });
  last().open();
  await tick(70);
  assert.ok(last().sent.filter((m) => m.type === 'ping').length >= 2);
});

test('subscribe and unsubscribe while connected', () => {
  makeClient();
  last().open();
  client.subscribe({ id: 'b', filters: { event_types: ['escalated'] }, snapshot: true });
  client.unsubscribe('a');
  assert.deepEqual(last().sent.slice(1), [
    { type: 'subscribe', subscription_id: 'b', filters: { event_types: ['escalated'] }, snapshot: true },
    { type: 'unsubscribe', subscription_id: 'a' },
  ]);
  assert.deepEqual(Object.keys(client.positions()), ['b']);
});

test('protocols may be given, or a function called on every connect', async () => {
  class WithProtocols extends FakeSocket {
    constructor(url, protocols) { super(url); this.protocols = protocols; }
  }
  let n = 0;
  client = new IncidentStreamClient('ws://test/ws', {
    WebSocket: WithProtocols, protocols: () => ['incident-stream.bearer', `token-${n++}`], backoff: { initialMs: 1 },
  });
  client.start();
  last().drop(1006);
  await tick(20);
  assert.deepEqual(FakeSocket.all.map((s) => s.protocols), [['incident-stream.bearer', 'token-0'], ['incident-stream.bearer', 'token-1']]);
});

test('refresh sends a fresh token; a refused subscribe is no longer waited for', () => {
  makeClient();
  last().open();
  client.refresh('new-token');
  assert.deepEqual(last().sent.at(-1), { type: 'refresh', token: 'new-token' });
  last().frame({ type: 'error', code: 'FORBIDDEN', message: 'outside the token scope', subscription_id: 'a' });
  last().frame({ type: 'gap', from_seq: 5, to_seq: 6, dropped: 2, reason: 'slow_consumer' });
  assert.equal(last().subscribes().length, 1, 'a never went live, so a gap does not resume it');
  assert.equal(log.errors[0].code, 'FORBIDDEN');
});

test('onSubscribed reports each subscription\'s reply: recovered null on a first start, then true or false', async () => {
  const replies = [];
  makeClient({ onSubscribed: (m) => replies.push([m.subscription_id, m.recovered]) });
  last().open({ epoch: 'E1' });
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 0, recovered: null, replayed: null });
  last().frame({ type: 'subscribed', subscription_id: 'unknown', seq: 0, recovered: null, replayed: null });
  last().frame(event(1, ['a']));
  last().drop(1006);
  await tick(80);
  last().open({ epoch: 'E1', seq: 1 });
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 1, recovered: true, replayed: 0 });
  last().drop(1006);
  await tick(80);
  last().open({ epoch: 'E2', seq: 0 });
  last().frame({ type: 'subscribed', subscription_id: 'a', seq: 0, recovered: false, replayed: 0 });
  assert.deepEqual(replies, [['a', null], ['a', true], ['a', false]]);
});

const stops = () => log.statuses.filter((s) => s.state === 'stopped');
const waitFor = async (condition, what, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await tick(5);
  }
};

test('stop() after a fatal close reports nothing new: the 4001 stays the last word', { timeout: 5000 }, () => {
  makeClient();
  last().open();
  last().drop(4001, 'token expired');
  client.stop();
  client.stop();
  assert.deepEqual(stops(), [{ state: 'stopped', code: 4001, reason: 'token expired', closing: null }]);
});

test('stop() from onEvent stops at once: one stopped status, nothing delivered after', { timeout: 5000 }, async () => {
  makeClient({ onEvent: (e) => { log.events.push(e.seq); client.stop(); } });
  const socket = last();
  socket.open();
  socket.frame({ type: 'subscribed', subscription_id: 'a', seq: 0, recovered: null, replayed: null });
  socket.frame(event(1, ['a']));
  socket.frame(event(2, ['a']));
  await tick(30);
  assert.deepEqual(log.events, [1]);
  assert.deepEqual(stops().map((s) => s.code), [1000]);
  assert.equal(FakeSocket.all.length, 1, 'no reconnect');
});

test('each failed attempt reaches onError as CONNECT_FAILED; a drop after opening does not', { timeout: 5000 }, async () => {
  makeClient();
  last().drop(1006);
  await waitFor(() => FakeSocket.all.length === 2, 'a second attempt');
  last().drop(1006, 'refused');
  await waitFor(() => FakeSocket.all.length === 3, 'a third attempt');
  assert.deepEqual(log.errors, [{ code: 'CONNECT_FAILED', message: 'closed (1006) before opening' },
    { code: 'CONNECT_FAILED', message: 'refused' }]);
  last().open();
  last().drop(1006);
  await waitFor(() => FakeSocket.all.length === 4, 'a fourth attempt');
  assert.equal(log.errors.length, 2);
  client.stop(); // stopping while connecting is not a failed attempt
  assert.equal(log.errors.length, 2);
});

test('stop() from onError(CONNECT_FAILED) reports one stopped status, and no attempt follows', { timeout: 5000 }, async () => {
  makeClient({ onError: (e) => { log.errors.push(e); client.stop(); } });
  last().drop(1006, 'refused');
  await tick(80);
  assert.deepEqual(stops(), [{ state: 'stopped', code: 1000, reason: 'client stopped' }]);
  assert.equal(FakeSocket.all.length, 1, 'no second attempt');
});

test('stop() from the connecting status opens no socket', { timeout: 5000 }, async () => {
  makeClient({ onStatus: (s) => { log.statuses.push(s); if (s.state === 'connecting') client.stop(); } });
  await tick(30);
  assert.equal(FakeSocket.all.length, 0, 'no socket');
  assert.deepEqual(log.statuses.map((s) => s.state), ['connecting', 'stopped']);
});

test('an attempt without an answer within connectTimeoutMs is a failed attempt', { timeout: 5000 }, async () => {
  makeClient({ connectTimeoutMs: 30 });
  await waitFor(() => log.errors.length > 0, 'the failed attempt');
  assert.deepEqual(log.errors[0], { code: 'CONNECT_FAILED', message: 'no answer within 30 ms' });
  assert.equal(reconnects()[0].reason, 'no answer within 30 ms');
});

test('a refused connection (the ws package) reaches onError with its cause', { timeout: 10_000 }, async () => {
  // A port nobody listens on: bound, then freed.
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  makeClient({ WebSocket }, `ws://127.0.0.1:${port}/ws`);
  await waitFor(() => log.errors.length >= 2, 'two failed attempts');
  assert.equal(log.errors[0].code, 'CONNECT_FAILED');
  assert.match(log.errors[0].message, /ECONNREFUSED/);
});
