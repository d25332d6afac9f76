// (d) Trouble the server starts: a client that stops reading gets `gap`s (its queue overflowed) or is
// closed as a slow consumer (4008); a client that floods the server is closed with 4029. In every
// case the client resumes from the right place and ends with every event, once each, in order.
//
// The 4008 and 4029 tests need the server's write_timeout_ms and rate_limit_close_after_secs; the
// JUnit ReferenceClientTest sets them low and passes them as INCIDENT_STREAM_WRITE_TIMEOUT_MS and
// INCIDENT_STREAM_RATE_LIMIT_CLOSE_AFTER_SECS. Without the first, the 4008 test is skipped; without
// the second, the server's default (10 s) is assumed and the 4029 test takes that much longer.
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncidentStreamClient } from '../incident-stream-client.js';
import { HTTP_BASE, WS_URL, comment, publish, randomUUID, recordingWebSocket, sleep, waitFor }
  from '../testing/harness.js';

const WRITE_TIMEOUT_MS = Number(process.env.INCIDENT_STREAM_WRITE_TIMEOUT_MS ?? 15_000);
const CLOSE_AFTER_SECS = Number(process.env.INCIDENT_STREAM_RATE_LIMIT_CLOSE_AFTER_SECS ?? 10);

function tracedClient(incidentId) {
  const recording = recordingWebSocket();
  const t = { events: [], gaps: [], reconnects: [], closings: [], recording };
  class Spy extends recording.WebSocket {
    constructor(url, protocols) {
      // Uncompressed: with permessage-deflate, the server buffers far more for a stalled reader than
      // its queue bounds say (tens of MB rather than max_pending_bytes), so gaps would come late.
      super(url, protocols, { perMessageDeflate: false });
      this.addEventListener('message', (e) => {
        const frame = JSON.parse(e.data);
        if (frame.type === 'closing') t.closings.push(frame);
      });
    }
  }
  t.client = new IncidentStreamClient(WS_URL, {
    WebSocket: Spy,
    subscriptions: [{ id: 'mine', filters: { incident_ids: [incidentId] } }],
    backoff: { initialMs: 50, maxMs: 500 },
    onEvent: (e) => t.events.push(e),
    onGap: (g) => t.gaps.push(g),
    onStatus: (s) => { if (s.state === 'reconnecting') t.reconnects.push(s); },
  });
  t.client.start();
  return t;
}

/**
 * Publishes large comments of random (incompressible) text, with a high-priority escalation in every
 * batch, until `enough()` or about 16 MB: more than the server's queue and the TCP buffers hold.
 * The comments are sent as `normal`, which the other files' high-volume tests do not use, so that
 * websocket_events_dropped_total{priority="normal"} counts this test's drops, and not those of
 * clients that the fault test floods or pauses at the same time.
 */
async function burst(incidentId, enough = async () => false) {
  const seqs = [];
  for (let n = 0; n < 250 && !(await enough()); n += 25) {
    const batch = Array.from({ length: 25 }, (_, i) =>
      ({ ...comment(incidentId, `${n + i} ${randomBytes(48 * 1024).toString('base64')}`), priority: 'normal' }));
    batch.push({ event_type: 'escalated', incident_id: incidentId, from_severity: 'P3', to_severity: 'P2', reason: `${n}` });
    seqs.push(...(await publish(batch)).seqs);
  }
  return seqs;
}

/** A counter from /metrics, summed over its labels. */
async function metric(name, labels = '') {
  const text = await (await fetch(`${HTTP_BASE}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  return text.split('\n').filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{${labels}`))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

async function healed(t, seqs) {
  await waitFor(() => t.events.length >= seqs.length, 60_000, `all ${seqs.length} events`);
  await sleep(300); // a duplicate would show up by now
  assert.deepEqual(t.events.map((e) => e.seq), seqs, 'every event once, in order');
}

test('a client that stops reading briefly gets gaps and fills them by resuming', { timeout: 90_000 }, async (ctx) => {
  const mine = randomUUID();
  const t = tracedClient(mine);
  try {
    await waitFor(() => t.client.positions().mine.since != null, 10_000, 'the subscription to go live');
    const droppedBefore = await metric('websocket_events_dropped_total', 'priority="normal"');
    t.recording.current().pause(); // stop reading: the server's writes back up
    // Go on for two more batches once the server starts dropping (several gaps in a row), then
    // resume: stalled much longer, the session would be closed instead.
    let dropping = false;
    let more = 2;
    const seqs = await burst(mine, async () => {
      dropping ||= (await metric('websocket_events_dropped_total', 'priority="normal"')) > droppedBefore;
      return dropping && more-- <= 0;
    });
    t.recording.current().resume();
    await healed(t, seqs);
    ctx.diagnostic(`${t.gaps.length} gaps, ${t.gaps.reduce((n, g) => n + g.dropped, 0)} events dropped and replayed; ` +
      `reconnects: ${JSON.stringify(t.reconnects.map((r) => r.code))}`);
    assert.ok(t.gaps.length > 0, 'the server dropped events and said so');
    assert.ok(t.events.every((e) => !e.subscription_ids || e.subscription_ids.includes('mine')));
  } finally {
    t.client.stop();
  }
});

test('a client whose socket accepts nothing for write_timeout_ms is closed (4008) and resumes', {
  timeout: 120_000,
  skip: !process.env.INCIDENT_STREAM_WRITE_TIMEOUT_MS && 'set INCIDENT_STREAM_WRITE_TIMEOUT_MS to the server\'s write_timeout_ms',
}, async (ctx) => {
  const mine = randomUUID();
  const t = tracedClient(mine);
  try {
    await waitFor(() => t.client.positions().mine.since != null, 10_000, 'the subscription to go live');
    const closesBefore = await metric('websocket_slow_consumer_closes_total');
    t.recording.current().pause();
    const seqs = await burst(mine);
    // Stay stalled until the server gives up on the session (its write has been stuck for the timeout).
    const deadline = Date.now() + 2 * WRITE_TIMEOUT_MS + 5000;
    while (Date.now() < deadline && (await metric('websocket_slow_consumer_closes_total')) === closesBefore) {
      await sleep(250);
    }
    const closes = (await metric('websocket_slow_consumer_closes_total')) - closesBefore;
    t.recording.current().resume();
    seqs.push(...(await publish([comment(mine, 'after the stall')])).seqs);
    await healed(t, seqs);
    ctx.diagnostic(`slow-consumer closes: ${closes}; closing frames: ${JSON.stringify(t.closings)}; ` +
      `reconnects: ${JSON.stringify(t.reconnects.map((r) => r.code))}; gaps: ${t.gaps.length}`);
    assert.ok(closes >= 1, 'the server closed the stalled session');
    assert.ok(t.reconnects.length >= 1, 'the client reconnected');
  } finally {
    t.client.stop();
  }
});

test('a client closed for flooding (4029) backs off at least retry_after_ms and resumes', { timeout: 120_000 },
  async (ctx) => {
    const mine = randomUUID();
    const t = tracedClient(mine);
    try {
      await waitFor(() => t.client.positions().mine.since != null, 10_000, 'the subscription to go live');
      const flooded = t.recording.current();
      // What a buggy app might do: ping in a tight loop, far beyond max_messages_per_sec.
      const flood = setInterval(() => {
        for (let i = 0; i < 50 && flooded.readyState === 1; i++) flooded.send('{"type":"ping"}');
      }, 5);
      const seqs = [];
      try {
        const deadline = Date.now() + CLOSE_AFTER_SECS * 1000 + 10_000;
        while (t.reconnects.length === 0 && Date.now() < deadline) {
          seqs.push(...(await publish([comment(mine, 'during the flood')])).seqs);
          await sleep(100);
        }
      } finally {
        clearInterval(flood);
      }
      seqs.push(...(await publish([comment(mine, 'while away'), comment(mine, 'while away too')])).seqs);
      await healed(t, seqs);
      const [reconnect] = t.reconnects;
      ctx.diagnostic(`closing: ${JSON.stringify(t.closings[0])}; reconnect: ${JSON.stringify(reconnect)}`);
      assert.equal(reconnect.code, 4029);
      assert.equal(t.closings[0]?.code, 4029);
      assert.ok(reconnect.delayMs >= t.closings[0].retry_after_ms, 'waited at least retry_after_ms');
    } finally {
      t.client.stop();
    }
  });
