// (a) The client receives the events its filter matches, published over HTTP, once each and in order.
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { IncidentStreamClient } from '../incident-stream-client.js';
import { WS_URL, WebSocket, comment, publish, randomUUID, waitFor } from '../testing/harness.js';

test('receives exactly the events its filter matches', async () => {
  const mine = randomUUID();
  const other = randomUUID();
  const events = [];
  const statuses = [];
  const client = new IncidentStreamClient(WS_URL, {
    WebSocket,
    subscriptions: [{ id: 'mine', filters: { incident_ids: [mine], event_types: ['comment_added', 'escalated'] } }],
    onEvent: (frame) => events.push(frame),
    onStatus: (status) => statuses.push(status),
  });
  client.start();
  try {
    await waitFor(() => client.positions().mine.since != null, 10_000, 'the subscription to go live');
    const published = await publish([
      comment(mine, 'one'),
      comment(other, 'not mine'),
      { event_type: 'system_event', category: 'deploy', message: 'not mine either' },
      { event_type: 'escalated', incident_id: mine, from_severity: 'P2', to_severity: 'P1', reason: 'two' },
      { event_type: 'assignment_changed', incident_id: mine, assignees: ['ann'] }, // filtered out by type
      comment(mine, 'three'),
    ]);
    const expected = [0, 3, 5].map((i) => published.seqs[i]);
    await waitFor(() => events.length >= 3, 10_000, 'three events');
    await new Promise((resolve) => setTimeout(resolve, 300)); // anything extra would show up by now

    assert.deepEqual(events.map((e) => e.seq), expected);
    assert.deepEqual(events.map((e) => e.event.comment ?? e.event.reason), ['one', 'two', 'three']);
    assert.deepEqual(events.map((e) => e.message_id), [0, 3, 5].map((i) => published.message_ids[i]));
    for (const e of events) assert.deepEqual(e.subscription_ids, ['mine']);
    assert.equal(client.positions().mine.since, expected[2]);
    assert.ok(statuses.some((s) => s.state === 'open' && typeof s.epoch === 'string'));
  } finally {
    client.stop();
  }
  assert.equal(statuses.at(-1).state, 'stopped');
});

test('a callback that throws is reported, and the stream carries on', async () => {
  const mine = randomUUID();
  const seen = [];
  const reported = mock.method(console, 'error', () => {});
  const client = new IncidentStreamClient(WS_URL, {
    WebSocket,
    subscriptions: [{ id: 'mine', filters: { incident_ids: [mine] } }],
    onEvent: (frame) => {
      seen.push(frame.seq);
      if (seen.length === 1) throw new Error("the application's own bug");
    },
  });
  client.start();
  try {
    await waitFor(() => client.positions().mine.since != null, 10_000, 'the subscription to go live');
    const published = await publish([comment(mine, 'one'), comment(mine, 'two'), comment(mine, 'three')]);
    await waitFor(() => seen.length === 3, 10_000, 'every event, the one whose callback threw included');
    assert.deepEqual(seen, published.seqs);
    assert.equal(reported.mock.callCount(), 1);
    assert.match(String(reported.mock.calls[0].arguments[0]), /onEvent threw/);
  } finally {
    client.stop();
    reported.mock.restore();
  }
});

/** A started client whose one subscription to P0 is live, and what it reports. */
async function liveClient(id) {
  const errors = [];
  const events = [];
  const client = new IncidentStreamClient(WS_URL, {
    WebSocket,
    subscriptions: [{ id, filters: { severities: ['P0'] } }],
    onError: (error) => errors.push(error),
    onEvent: (frame) => events.push(frame),
  });
  client.start();
  await waitFor(() => client.positions()[id].since != null, 10_000, 'the subscription to go live');
  return { client, errors, events };
}

const incidentCreated = (severity, title) => ({
  event_type: 'incident_created', incident: { id: randomUUID(), severity, source: 'test', title } });

test('a subscribe the server cannot read is reported and forgotten, with the one it was to replace', async () => {
  const { client, errors, events } = await liveClient('ok');
  try {
    client.subscribe({ id: 'bad', filters: { severities: ['P9'] } });
    await waitFor(() => errors.length > 0, 10_000, 'the refusal');
    assert.deepEqual([errors[0].code, errors[0].subscription_id], ['INVALID_MESSAGE', 'bad']);
    assert.deepEqual(Object.keys(client.positions()), ['ok'], 'not kept, so not sent again on reconnect');

    client.subscribe({ id: 'ok', filters: { severities: ['P9'] } });
    await waitFor(() => errors.length === 2, 10_000, 'the second refusal');
    assert.deepEqual(client.positions(), {});
    await publish([incidentCreated('P0', 'for no one')]);
    client.subscribe({ id: 'marker', filters: { severities: ['P1'] } });
    await waitFor(() => client.positions().marker?.since != null, 10_000, 'the marker subscribed');
    await publish([incidentCreated('P1', 'marker')]);
    await waitFor(() => events.length > 0, 10_000, 'the marker event');
    assert.deepEqual(events.map((e) => e.subscription_ids), [['marker']], "the old 'ok' was unsubscribed");
    assert.equal(errors.length, 2, 'and no NOT_FOUND came back');
  } finally {
    client.stop();
  }
});

test('a good subscribe sent right after a bad one of the same id is kept, its reply applied', async () => {
  const { client, errors, events } = await liveClient('mine');
  try {
    client.subscribe({ id: 'mine', filters: { severities: ['P9'] } });
    client.subscribe({ id: 'mine', filters: { severities: ['P2'] } }); // before the refusal comes back
    await waitFor(() => errors.length > 0, 10_000, 'the refusal of the bad one');
    await publish([incidentCreated('P2', 'for the good one')]);
    await waitFor(() => events.length > 0, 10_000, 'the event of the good subscription');
    assert.deepEqual(events.map((e) => e.subscription_ids), [['mine']]);
    assert.deepEqual(Object.keys(client.positions()), ['mine']);
  } finally {
    client.stop();
  }
});

test('a subscribe fixed from the error callback is kept', async () => {
  const errors = [];
  const client = new IncidentStreamClient(WS_URL, {
    WebSocket,
    subscriptions: [{ id: 'mine', filters: { severities: ['P7'] } }],
    onError: (error) => {
      errors.push(error);
      client.subscribe({ id: 'mine', filters: { severities: ['P0'] } });
    },
  });
  client.start();
  try {
    await waitFor(() => client.positions().mine?.since != null, 10_000, 'the fixed subscription to go live');
    assert.deepEqual(errors.map((e) => e.code), ['INVALID_MESSAGE']);
  } finally {
    client.stop();
  }
});
