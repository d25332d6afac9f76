// Shared by the tests that run against a real server. Kept outside test/ because `node --test test/`
// runs every .js file under test/ as a test file.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

function fromEnv(name, example) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set. Start a server and run e.g. ` +
      `INCIDENT_STREAM_URL=${'ws://127.0.0.1:8080'} INCIDENT_STREAM_HTTP=http://127.0.0.1:8080 npm test ` +
      `(bootstrap's ReferenceClientTest does this for you). Example: ${name}=${example}`);
  }
  return value.replace(/\/+$/, '');
}

const wsBase = fromEnv('INCIDENT_STREAM_URL', 'ws://127.0.0.1:8080');
/** The WebSocket endpoint; INCIDENT_STREAM_URL may name the server (ws://host:port) or the endpoint itself. */
export const WS_URL = wsBase.endsWith('/ws') ? wsBase : `${wsBase}/ws`;
export const HTTP_BASE = fromEnv('INCIDENT_STREAM_HTTP', 'http://127.0.0.1:8080');

export { WebSocket, randomUUID };

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** POSTs events to the ingest API and returns its answer ({accepted, message_ids, seqs}); waits out 503s. */
export async function publish(events) {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${HTTP_BASE}/api/v1/events`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events),
    });
    const body = await response.json();
    if (response.status === 202) return body;
    if (response.status === 503 && attempt < 50) {
      await sleep(1000 * Number(response.headers.get('retry-after') ?? 1));
      continue;
    }
    throw new Error(`publish failed: ${response.status} ${JSON.stringify(body)}`);
  }
}

export async function postJson(path, body) {
  const response = await fetch(`${HTTP_BASE}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A comment on an incident the server need not know: it matches `incident_ids` on the id it names. */
export const comment = (incidentId, text) =>
  ({ event_type: 'comment_added', incident_id: incidentId, author: 'test', comment: text });

export async function waitFor(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** A WebSocket class that remembers its instances, so a test can break the client's connections. */
export function recordingWebSocket() {
  const sockets = [];
  class Recording extends WebSocket {
    constructor(...args) {
      super(...args);
      sockets.push(this);
    }
  }
  return { WebSocket: Recording, sockets, current: () => sockets[sockets.length - 1] };
}
