// The open incidents the board knows, kept from a snapshot and the events after it.
// It decides what is on the board; the views only draw what it reports.

import { ACTIVE_STATES } from './view-state.js';
import { describe } from './describe.js';

const SEEN_PER_INCIDENT = 50;
const SEEN_INCIDENTS = 5000;
const isOpen = (incident) => ACTIVE_STATES.includes(incident.state);

/** Does the incident pass the subscription's filters? (An event matches them before *or* after.) */
export function matchesFilters(incident, filters) {
  if (filters.severities.length && !filters.severities.includes(incident.severity)) return false;
  if (filters.states.length && !filters.states.includes(incident.state)) return false;
  if (filters.sources.length && !filters.sources.includes(incident.source)) return false;
  return Object.entries(filters.labels).every(([k, v]) => incident.labels?.[k] === v);
}

export function matchesText(incident, text) {
  if (!text) return true;
  const needle = text.toLowerCase();
  const haystack = [incident.title, incident.source, incident.id, ...(incident.assignees ?? []),
    ...Object.entries(incident.labels ?? {}).map(([k, v]) => `${k}:${v}`)].join('\n').toLowerCase();
  return haystack.includes(needle);
}

export class IncidentState {
  #incidents = new Map(); // id -> incident, open and matching the filters only
  #activity = new Map();  // id -> {text, at}: the last thing that happened to it
  #seen = new Map();      // id -> [{at, type, text}]: what this page saw happen to it, newest last
  #filters;

  constructor(filters) {
    this.#filters = filters;
  }

  get(id) { return this.#incidents.get(id) ?? null; }
  activity(id) { return this.#activity.get(id) ?? null; }
  /** The events this page has seen about the incident (the server's timeline does not list them all). */
  seen(id) { return this.#seen.get(id) ?? []; }
  all() { return [...this.#incidents.values()]; }

  /** A complete snapshot replaces everything: what it does not list is no longer on the board. */
  replace(incidents, filters = this.#filters) {
    this.#filters = filters;
    this.#incidents.clear();
    this.#activity.clear();
    for (const incident of incidents) {
      if (!this.#shows(incident)) continue;
      this.#incidents.set(incident.id, incident);
      this.#activity.set(incident.id, lastKnownActivity(incident));
    }
  }

  /**
   * Applies one event frame; returns {id, before, after} when an incident on the board changed
   * (before or after null when it arrives or leaves), else null.
   */
  apply(frame) {
    const event = frame.event;
    const id = event.incident?.id ?? event.incident_id;
    if (!id) return null; // alerts and system events: for the feed only
    const before = this.#incidents.get(id) ?? null;
    const known = event.incident ?? patched(before, event);
    if (!known) return null; // an incident the server does not know: nothing to draw
    this.#remember(id, frame);
    const after = this.#shows(known) && !isEnd(event) ? known : null;
    if (after) {
      this.#incidents.set(id, after);
      this.#activity.set(id, { text: describe(event), at: frame.timestamp });
    } else {
      this.#incidents.delete(id);
      this.#activity.delete(id);
    }
    return before || after ? { id, before, after } : null;
  }

  #remember(id, frame) {
    const list = this.#seen.get(id) ?? [];
    list.push({ at: frame.timestamp, type: frame.event.event_type, text: describe(frame.event) });
    if (list.length > SEEN_PER_INCIDENT) list.shift();
    this.#seen.set(id, list);
    if (this.#seen.size > SEEN_INCIDENTS) this.#seen.delete(this.#seen.keys().next().value); // the oldest first
  }

  #shows(incident) {
    return isOpen(incident) && matchesFilters(incident, this.#filters);
  }
}

// A snapshot carries incidents, not the events that made them: the best it says is the timeline's
// last entry, or that the incident changed since it was created.
function lastKnownActivity(incident) {
  const last = incident.timeline?.at(-1);
  if (last) return { text: last.description || last.event_type, at: last.timestamp };
  if (incident.updated_at !== incident.created_at) return { text: 'updated', at: incident.updated_at };
  return { text: `created by ${incident.source}`, at: incident.created_at };
}

const isEnd = (event) => event.event_type === 'incident_resolved' || event.event_type === 'incident_closed';

// Servers fill in `incident` on every incident event; these cover a server (or publisher) that did not.
function patched(known, event) {
  if (!known) return null;
  switch (event.event_type) {
    case 'escalated': return { ...known, severity: event.to_severity };
    case 'assignment_changed': return { ...known, assignees: event.assignees };
    default: return known;
  }
}
