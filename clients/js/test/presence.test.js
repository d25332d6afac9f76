// Presence: watch/unwatch and presence updates through the reference client, against a real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncidentStreamClient } from '../incident-stream-client.js';
import { WS_URL, WebSocket, postJson, randomUUID, recordingWebSocket, waitFor } from '../testing/harness.js';

async function newIncident() {
  const id = randomUUID();
  await postJson('/api/v1/incidents', { id, source: 'js-presence', title: 'presence', severity: 'P2' });
  return id;
}

function client(incidentId, presence, errors = []) {
  return new IncidentStreamClient(WS_URL, {
    WebSocket,
    subscriptions: [{ id: 'this-incident', filters: { incident_ids: [incidentId] } }],
    onPresence: (m) => presence.push(m),
    onError: (e) => errors.push(e),
  });
}

const users = (m) => m.watchers.map((w) => w.user);

/** Presence reaches subscriptions that are live when it is sent: wait for the `subscribed` first. */
const live = (c, id = 'this-incident') =>
  waitFor(() => c.positions()[id].since != null, 10_000, `subscription ${id} to go live`);

test('two clients watching one incident see each other join and leave', async () => {
  const incident = await newIncident();
  const annSeen = [];
  const benSeen = [];
  const ann = client(incident, annSeen);
  const ben = client(incident, benSeen);
  ann.start();
  ben.start();
  try {
    await live(ann);
    await live(ben);
    ann.watch(incident, { name: 'ann' });
    await waitFor(() => benSeen.some((m) => users(m).includes('ann')), 10_000, 'ben to see ann');
    ben.watch(incident, { name: 'ben' });
    await waitFor(() => annSeen.some((m) => m.joined.includes('ben')), 10_000, 'ann to see ben join');
    assert.deepEqual(users(annSeen.at(-1)), ['ann', 'ben']);
    assert.deepEqual(ben.watchers(incident).map((w) => w.user), ['ann', 'ben']);
    for (const w of ben.watchers(incident)) assert.match(w.since, /Z$/);

    ann.unwatch(incident);
    await waitFor(() => benSeen.some((m) => m.left.includes('ann')), 10_000, 'ben to see ann leave');
    assert.deepEqual(users(benSeen.at(-1)), ['ben']);
    // Ann no longer watches but still subscribes to the incident: she still hears who watches it.
    await waitFor(() => annSeen.at(-1).left.includes('ann'), 10_000, 'ann to hear of her own leaving');
    assert.deepEqual(ann.watchers(incident).map((w) => w.user), ['ben']);
  } finally {
    ann.stop();
    ben.stop();
  }
});

test('a refused watch reaches onError with its incident, and the client carries on', async () => {
  const incident = await newIncident();
  const unknown = randomUUID();
  const seen = [];
  const errors = [];
  const c = client(incident, seen, errors);
  c.start();
  try {
    c.watch(unknown, { name: 'cat' });
    c.watch(incident, { name: 'cat' });
    await waitFor(() => errors.length > 0 && seen.length > 0, 10_000, 'the refusal and the watching reply');
    assert.equal(errors[0].code, 'NOT_FOUND');
    assert.equal(errors[0].incident_id, unknown);
    assert.deepEqual(users(seen[0]), ['cat']);
    assert.equal(seen[0].incident_id, incident);
  } finally {
    c.stop();
  }
});

test('watches are renewed after the connection drops and the client reconnects', async () => {
  const incident = await newIncident();
  const recording = recordingWebSocket();
  const sessions = [];
  const c = new IncidentStreamClient(WS_URL, {
    WebSocket: recording.WebSocket,
    subscriptions: [{ id: 's', filters: { incident_ids: [incident] } }],
    onStatus: (s) => { if (s.state === 'open') sessions.push(s.session_id); },
    backoff: { initialMs: 10, maxMs: 50 },
  });
  const observerSeen = [];
  const observer = client(incident, observerSeen);
  const lastUsers = () => (observerSeen.length ? users(observerSeen.at(-1)) : []);
  c.start();
  observer.start();
  try {
    await live(observer);
    c.watch(incident); // no name, no token: the session itself is the watcher
    await waitFor(() => sessions.length === 1 && lastUsers().includes(`anonymous:${sessions[0]}`), 10_000,
      'the first session to be seen watching');
    recording.current().terminate(); // the TCP connection ends without a close frame
    await waitFor(() => sessions.length === 2, 10_000, 'a new connection');
    await waitFor(() => lastUsers().length === 1 && lastUsers()[0] === `anonymous:${sessions[1]}`, 10_000,
      'the new session watching, and the dropped one gone');
  } finally {
    c.stop();
    observer.stop();
  }
});
