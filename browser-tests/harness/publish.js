// Publishing through the HTTP API, as a monitoring system or an incident manager would.

import { randomUUID } from 'node:crypto';

async function post(http, path, body) {
  const response = await fetch(`${http}${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** Publishes one event or an array of them (all or nothing); returns the server's answer. */
export const publish = (http, events) => post(http, '/api/v1/events', events);

/** An incident with sensible defaults, for incident_created; `fields` override them. */
export function incident(fields = {}) {
  return {
    id: randomUUID(), severity: 'P2', state: 'Detected', incident_type: 'Application',
    source: 'browser-test', title: `incident ${randomUUID().slice(0, 8)}`, labels: {}, assignees: [], ...fields,
  };
}

/** Creates the incident (incident_created); returns it. */
export async function createIncident(http, fields = {}) {
  const created = incident(fields);
  await publish(http, { event_type: 'incident_created', incident: created });
  return created;
}
