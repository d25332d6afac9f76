// (b) Many clients, connections broken at random while a few thousand events are published: every
// client ends with exactly the events its filters match - no duplicate, no hole, in order.
//
// Faults, at random moments, including during a resume: the socket is destroyed abruptly (the
// client sees 1006); the client stops reading for a while (TCP backs up; these events are small, so
// the server's queue copes: overflowing it is server-closes.test.js's job); or, when the server
// closes abusers quickly (INCIDENT_STREAM_RATE_LIMIT_CLOSE_AFTER_SECS <= 3), the client floods it
// with pings until it is closed with 4029, dropping any subscribe it sends meanwhile.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncidentStreamClient } from '../incident-stream-client.js';
import { WS_URL, comment, publish, randomUUID, recordingWebSocket, sleep, waitFor } from '../testing/harness.js';

const CLIENTS = 20;
const FLOODS = Number(process.env.INCIDENT_STREAM_RATE_LIMIT_CLOSE_AFTER_SECS ?? 10) <= 3;
const STREAMS = 10;   // incident ids; each client follows two or three of them
const EVENTS = 4000;
const BATCH = 50;

/** A random event about one of the incidents, `low` or `high` (`normal` is server-closes.test.js's). */
function randomEvent(incidentId, n) {
  const roll = Math.random();
  if (roll < 0.7) return comment(incidentId, `c${n} ${'x'.repeat(Math.floor(Math.random() * 300))}`);
  if (roll < 0.9) {
    return { event_type: 'playbook_action_executed', incident_id: incidentId, playbook_id: incidentId,
      action_name: `a${n}`, success: true, message: '' };
  }
  return { event_type: 'escalated', incident_id: incidentId, from_severity: 'P3', to_severity: 'P2', reason: `e${n}` };
}

function startClient(index, streams) {
  const recording = recordingWebSocket();
  const frames = []; // the last few non-event frames, for a failure report
  const trace = [];  // everything sent and received, in short, for a failure report
  class Traced extends recording.WebSocket {
    constructor(...args) {
      super(...args);
      const n = recording.sockets.length;
      this.addEventListener('message', (e) => {
        const f = JSON.parse(e.data);
        if (f.type !== 'event') frames.push(f);
        if (frames.length > 20) frames.shift();
        trace.push(f.type === 'event' ? `${n} << event ${f.seq} ${f.subscription_ids}`
          : `${n} << ${JSON.stringify({ ...f, filters: undefined, incidents: undefined })}`);
      });
      this.addEventListener('close', (e) => trace.push(`${n} closed ${e.code}`));
      const send = this.send.bind(this);
      this.send = (data) => { trace.push(`${n} >> ${data.replace(/"filters":\{[^}]*\},?/, '')}`); send(data); };
    }
  }
  const pick = (k) => streams[(index + k) % STREAMS];
  // Every fourth client has two overlapping subscriptions: replays then repeat events across them.
  const subscriptions = index % 4 === 0
    ? [{ id: 'a', filters: { incident_ids: [pick(0), pick(1)] } }, { id: 'b', filters: { incident_ids: [pick(1), pick(2)] } }]
    : [{ id: 'only', filters: { incident_ids: [pick(0), pick(3)] } }];
  const state = { index, subscriptions, follows: new Set(subscriptions.flatMap((s) => s.filters.incident_ids)),
    events: [], gaps: 0, closes: {}, faults: { terminate: 0, pause: 0, flood: 0 }, recording, frames, trace, lastStatus: null };
  state.client = new IncidentStreamClient(WS_URL, {
    WebSocket: Traced,
    subscriptions,
    backoff: { initialMs: 50, maxMs: 1000, stableMs: 2000 },
    onEvent: (frame) => state.events.push(frame),
    onGap: () => { state.gaps++; },
    onStatus: (s) => {
      state.lastStatus = s;
      if (s.state === 'reconnecting') state.closes[s.code] = (state.closes[s.code] ?? 0) + 1;
    },
  });
  state.client.start();
  return state;
}

/** Breaks the client's current connection at random moments until told to stop. */
async function injectFaults(state, running) {
  while (running()) {
    await sleep(150 + Math.random() * 600);
    const ws = state.recording.current();
    if (!running() || !ws || ws.readyState !== 1) continue;
    // Every client's first fault is an abort, so that each is seen to resume after a 1006, and every
    // fourth client's second is a flood, so that some are closed with 4029; the rest are drawn at
    // random (a run left to chance alone can have too few of either).
    const faults = state.faults.terminate + state.faults.flood + state.faults.pause;
    const roll = faults === 0 ? 0 : faults === 1 && state.index % 4 === 1 ? 0.6 : Math.random();
    if (roll < 0.55) {
      state.faults.terminate++;
      ws.terminate(); // no close frame: as if the network went away
    } else if (roll < 0.65 && FLOODS) {
      state.faults.flood++;
      const deadline = Date.now() + 8000;
      while (ws.readyState === 1 && Date.now() < deadline) {
        for (let i = 0; i < 50; i++) ws.send('{"type":"ping"}');
        await sleep(5);
      }
    } else {
      state.faults.pause++;
      ws._socket.pause(); // stop reading: TCP backs up into the server's queue for this session
      await sleep(200 + Math.random() * 1800);
      ws._socket.resume();
    }
  }
}

test(`${CLIENTS} clients with broken connections each end with exactly their events`, { timeout: 150_000 }, async (t) => {
  const streams = Array.from({ length: STREAMS }, () => randomUUID());
  const clients = Array.from({ length: CLIENTS }, (_, i) => startClient(i, streams));
  let progress = null;
  try {
    await waitFor(() => clients.every((c) => Object.values(c.client.positions()).every((p) => p.since != null)),
      20_000, 'every client to be subscribed');

    progress = process.env.FAULTS_DEBUG ? setInterval(() => console.error(new Date().toISOString(),
      clients.map((c) => `${c.events.length}/${c.expected?.length ?? '?'}`).join(' ')), 2000) : null;
    let publishing = true;
    const faulting = clients.map((c) => injectFaults(c, () => publishing));
    const published = []; // {seq, incident_id}
    try {
      for (let n = 0; n < EVENTS; n += BATCH) {
        const batch = Array.from({ length: BATCH }, (_, i) =>
          randomEvent(streams[Math.floor(Math.random() * STREAMS)], n + i));
        const answer = await publish(batch);
        answer.seqs.forEach((seq, i) => published.push({ seq, incident_id: batch[i].incident_id }));
        await sleep(20 + Math.random() * 80); // a stream of several seconds, for the faults to land in
      }
    } finally {
      publishing = false;
      await Promise.all(faulting);
    }

    for (const c of clients) {
      c.expected = published.filter((e) => c.follows.has(e.incident_id)).map((e) => e.seq);
    }
    try {
      await waitFor(() => clients.every((c) => c.events.length >= c.expected.length), 60_000,
        'every client to catch up');
    } catch (err) {
      for (const c of clients.filter((c) => c.events.length < c.expected.length)) {
        const got = new Set(c.events.map((e) => e.seq));
        const missing = c.expected.filter((seq) => !got.has(seq));
        const ws = c.recording.current();
        console.error(`client ${c.index}: ${c.events.length}/${c.expected.length} events, missing ` +
          `${missing.length} (${missing.slice(0, 10).join(',')}...), last status ${JSON.stringify(c.lastStatus)}, ` +
          `positions ${JSON.stringify(c.client.positions())}, sockets ${c.recording.sockets.length}, ` +
          `readyState ${ws?.readyState}, paused ${ws?.isPaused}, last frames ${JSON.stringify(c.frames.slice(-5))}`);
        const file = join(tmpdir(), `incident-stream-faults-client-${c.index}.log`);
        writeFileSync(file, [`expected ${c.expected.join(',')}`, `missing ${missing.join(',')}`, ...c.trace].join('\n'));
        console.error(`  trace: ${file}`);
      }
      throw err;
    }
    await sleep(500); // duplicates, if any, would arrive by now

    for (const c of clients) {
      const seqs = c.events.map((e) => e.seq);
      const label = `client ${c.index} (${c.subscriptions.map((s) => s.id).join('+')})`;
      assert.equal(new Set(seqs).size, seqs.length, `${label}: no duplicates`);
      assert.deepEqual([...seqs].sort((x, y) => x - y), c.expected, `${label}: exactly the expected events`);
      for (const { id } of c.subscriptions) {
        // Within a subscription the client keeps seq order (the protocol's guarantee). Across two
        // subscriptions, a replay for one may deliver older events after newer ones of the other.
        const own = c.events.filter((e) => e.subscription_ids.includes(id)).map((e) => e.seq);
        assert.deepEqual(own, [...own].sort((x, y) => x - y), `${label}: subscription ${id} in seq order`);
      }
      if (c.subscriptions.length === 1) assert.deepEqual(seqs, c.expected, `${label}: in order`);
    }

    const sum = (f) => clients.reduce((n, c) => n + f(c), 0);
    const closes = {};
    for (const c of clients) for (const [code, n] of Object.entries(c.closes)) closes[code] = (closes[code] ?? 0) + n;
    t.diagnostic(`published ${published.length} events; faults: ${sum((c) => c.faults.terminate)} terminated, ` +
      `${sum((c) => c.faults.pause)} paused, ${sum((c) => c.faults.flood)} flooded; gaps received: ${sum((c) => c.gaps)}; ` +
      `reconnects by close code: ${JSON.stringify(closes)}`);
    for (const c of clients) assert.ok(c.faults.terminate + c.faults.pause + c.faults.flood > 0, `client ${c.index} was disturbed`);
    assert.ok(sum((c) => c.closes[1006] ?? 0) >= CLIENTS, 'connections were broken and resumed');
    if (FLOODS) assert.ok(sum((c) => c.closes[4029] ?? 0) > 0, 'some clients were closed for flooding');
  } finally {
    clearInterval(progress);
    for (const c of clients) c.client.stop();
  }
});
