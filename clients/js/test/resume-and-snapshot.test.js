// (c) Resuming: from saved positions in the current epoch the server replays what was missed; with a
// position it cannot replay (another epoch, as after a server restart) the client takes a snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncidentStreamClient } from '../incident-stream-client.js';
import { WS_URL, comment, postJson, publish, randomUUID, recordingWebSocket, waitFor } from '../testing/harness.js';

/** A client whose raw frames are recorded too, to check what the server was asked and said. */
function recordedClient(subscriptions) {
  const recording = recordingWebSocket();
  const frames = [];
  const sent = [];
  class Spy extends recording.WebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => frames.push(JSON.parse(e.data)));
      const send = this.send.bind(this);
      this.send = (data) => { sent.push(JSON.parse(data)); send(data); };
    }
  }
  const events = [];
  const pages = [];
  const client = new IncidentStreamClient(WS_URL, {
    WebSocket: Spy, subscriptions, onEvent: (e) => events.push(e), onSnapshot: (p) => pages.push(p),
  });
  return { client, events, pages, frames, sent };
}

test('a position from another epoch falls back to a snapshot, then continues live', async () => {
  const source = `client-test-${randomUUID()}`;
  const incident = await postJson('/api/v1/incidents', { severity: 'P2', source, title: 'disk filling' });
  const { client, events, pages, frames, sent } = recordedClient([
    { id: 'src', filters: { sources: [source] }, since: 1, epoch: 'not-the-current-epoch' },
  ]);
  client.start();
  try {
    await waitFor(() => pages.some((p) => p.last), 10_000, 'the last snapshot page');
    const subscribe = sent.find((m) => m.type === 'subscribe');
    assert.equal(subscribe.since, 1);
    assert.equal(subscribe.epoch, 'not-the-current-epoch');
    const subscribed = frames.find((f) => f.type === 'subscribed');
    assert.equal(subscribed.recovered, false);
    const welcome = frames.find((f) => f.type === 'welcome');

    assert.deepEqual(pages.flatMap((p) => p.incidents).map((i) => i.id), [incident.id]);
    assert.equal(pages.at(-1).seq, subscribed.seq);
    // The snapshot stands for everything up to S: the position moves to S in the current epoch.
    assert.deepEqual(client.positions().src, { since: subscribed.seq, epoch: welcome.epoch });

    const published = await publish([comment(incident.id, 'after the snapshot')]);
    await waitFor(() => events.length === 1, 10_000, 'the live event');
    assert.equal(events[0].seq, published.seqs[0]);
    assert.equal(events[0].event.comment, 'after the snapshot');
  } finally {
    client.stop();
  }
});

test('a subscription that asks for a snapshot gets one on first connect', async () => {
  const source = `client-test-${randomUUID()}`;
  const a = await postJson('/api/v1/incidents', { severity: 'P1', source, title: 'a' });
  const b = await postJson('/api/v1/incidents', { severity: 'P3', source, title: 'b' });
  const { client, pages, sent } = recordedClient([
    { id: 'urgent', filters: { sources: [source], severities: ['P0', 'P1'] }, snapshot: true },
  ]);
  client.start();
  try {
    await waitFor(() => pages.some((p) => p.last), 10_000, 'the last snapshot page');
    assert.equal(sent.find((m) => m.type === 'subscribe').snapshot, true);
    const ids = pages.flatMap((p) => p.incidents).map((i) => i.id);
    assert.deepEqual(ids, [a.id]);
    assert.ok(!ids.includes(b.id));
  } finally {
    client.stop();
  }
});

test('saved positions resume in the same epoch: only the missed events are replayed, no snapshot', async () => {
  const mine = randomUUID();
  const first = recordedClient([{ id: 'mine', filters: { incident_ids: [mine] }, snapshot: true }]);
  first.client.start();
  let saved;
  try {
    await waitFor(() => first.pages.some((p) => p.last), 10_000, 'the first snapshot');
    const before = await publish([comment(mine, 'seen'), comment(mine, 'seen too')]);
    await waitFor(() => first.events.length === 2, 10_000, 'two events');
    assert.deepEqual(first.events.map((e) => e.seq), before.seqs);
  } finally {
    first.client.stop();
    saved = first.client.positions(); // as an app would store them, e.g. in localStorage
  }

  const missed = await publish([comment(mine, 'missed 1'), comment(randomUUID(), 'other'), comment(mine, 'missed 2')]);
  const second = recordedClient([{ id: 'mine', filters: { incident_ids: [mine] }, snapshot: true, ...saved.mine }]);
  second.client.start();
  try {
    await waitFor(() => second.events.length >= 2, 10_000, 'the replayed events');
    const live = await publish([comment(mine, 'live')]);
    await waitFor(() => second.events.length >= 3, 10_000, 'the live event');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(second.events.map((e) => e.seq), [missed.seqs[0], missed.seqs[2], live.seqs[0]]);
    const subscribed = second.frames.find((f) => f.type === 'subscribed');
    assert.equal(subscribed.recovered, true);
    assert.equal(subscribed.replayed, 2);
    assert.equal(second.pages.length, 0, 'no snapshot when the replay recovered everything');
  } finally {
    second.client.stop();
  }
});
