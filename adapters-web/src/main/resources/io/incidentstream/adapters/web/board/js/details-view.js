// The selected incident: its fields and timeline from the read API, then the stream's events about
// it as they come, and who is watching it now (presence). Escape or the close button ends the selection.

import { describe } from './describe.js';
import { badge, el } from './board-view.js';
import { ageElement } from './ages.js';

export class DetailsView {
  #root; #token; #state; #onClose; #id = null; #timeline = null; #watchers = null;
  #watching = null; // the latest watchers of the selected incident, kept across re-renders
  #notWatched = null; // why the server would not watch it, kept across re-renders too

  constructor(root, token, state, onClose) {
    this.#root = root;
    this.#token = token;
    this.#state = state;
    this.#onClose = onClose;
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && this.#id) onClose(); });
  }

  async show(id, known, watchers) {
    this.#id = id;
    this.#watching = watchers ?? null;
    this.#notWatched = null;
    if (!id) {
      this.#root.hidden = true;
      this.#root.replaceChildren();
      return;
    }
    this.#render(known, 'loading the timeline…');
    const token = this.#token.current();
    try {
      const response = await fetch(`/api/v1/incidents/${encodeURIComponent(id)}`,
        { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      if (this.#id !== id) return; // another incident was selected meanwhile
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        this.#render(known, `the read API answered ${response.status}: ${body?.error?.message ?? response.statusText}`);
        return;
      }
      this.#render(await response.json(), null);
    } catch (err) {
      if (this.#id === id) this.#render(known, `could not load the timeline: ${err.message}`);
    }
  }

  /** Who watches the selected incident, from the server's `watching` and `presence` ({incident_id, watchers}). */
  presence(m) {
    if (m.incident_id !== this.#id) return;
    this.#watching = m.watchers;
    this.#showWatchers();
  }

  /** The server would not watch the selected incident (it does not know it, or the token may not see it). */
  watchRefused(e) {
    if (e.incident_id !== this.#id) return;
    this.#watching = null;
    this.#notWatched = e.message;
    this.#showWatchers();
  }

  #showWatchers() {
    if (this.#watchers && this.#notWatched) {
      this.#watchers.replaceChildren(el('li', 'note', `not watched: ${this.#notWatched}`));
      return;
    }
    if (!this.#watchers || !this.#watching) return;
    const people = this.#watching.map((w) => {
      const who = el('li', 'watcher', w.name || w.user);
      who.title = `${w.user}, watching since ${new Date(w.since).toLocaleTimeString()}`;
      return who;
    });
    this.#watchers.replaceChildren(...(people.length ? people : [el('li', 'note', 'nobody')]));
  }

  /** A live event: about the selected incident, it goes on its timeline. */
  event(frame) {
    const event = frame.event;
    if (!this.#id || (event.incident?.id ?? event.incident_id) !== this.#id || !this.#timeline) return;
    this.#timeline.querySelector('.note')?.remove();
    this.#timeline.prepend(entry(frame.timestamp, event.event_type, describe(event)));
    if (event.incident) this.#fields(event.incident);
  }

  #render(incident, note) {
    const root = this.#root;
    root.hidden = false;
    const close = el('button', 'close', 'Close');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close the details');
    close.addEventListener('click', () => this.#onClose());
    const title = el('h2', 'details-title', incident?.title ?? this.#id);
    title.id = 'details-title';
    const fields = el('dl', 'fields');
    this.#timeline = el('ol', 'timeline');
    this.#watchers = el('ul', 'watchers');
    this.#watchers.setAttribute('aria-label', 'Watching now');
    this.#watchers.append(el('li', 'note', '…'));
    const watching = el('div', 'watching');
    watching.append(el('span', 'watching-label', 'Watching now: '), this.#watchers);
    root.replaceChildren(close, title, watching, fields, el('h3', null, 'Timeline'), this.#timeline);
    this.#showWatchers();
    if (note) root.append(el('p', 'note', note));
    if (incident) this.#fields(incident);
    // The server's timeline and what this page saw on the stream, newest first like the feed.
    const entries = [
      ...(incident?.timeline ?? []).map((t) => ({ at: t.timestamp, type: t.event_type, text: `${t.description}${t.actor ? ` (${t.actor})` : ''}` })),
      ...this.#state.seen(this.#id),
    ].sort((a, b) => b.at.localeCompare(a.at));
    for (const e of entries) this.#timeline.append(entry(e.at, e.type, e.text));
    if (!entries.length) this.#timeline.append(el('li', 'note', 'nothing yet'));
    close.focus();
  }

  #fields(incident) {
    const fields = this.#root.querySelector('.fields');
    if (!fields) return;
    this.#root.querySelector('.details-title').textContent = incident.title;
    const rows = [
      ['Severity', badge(incident.severity)],
      ['State', incident.state],
      ['Type', incident.incident_type],
      ['Source', incident.source],
      ['Opened', ageElement(incident.created_at)],
      ['Assignees', incident.assignees?.join(', ') || 'unassigned'],
      ['Labels', Object.entries(incident.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'none'],
      ['Affected', incident.affected_resources?.join(', ') || 'none'],
      ['Description', incident.description || '—'],
      ['Id', incident.id],
    ];
    fields.replaceChildren(...rows.flatMap(([name, value]) => {
      const dd = el('dd');
      dd.append(value);
      return [el('dt', null, name), dd];
    }));
  }
}

function entry(timestamp, type, text) {
  const item = el('li', 'timeline-entry');
  const time = el('time', null, new Date(timestamp).toLocaleString());
  time.dateTime = timestamp;
  item.append(time, ' ', el('span', 'timeline-type', type.replaceAll('_', ' ')), ' ', el('span', null, text));
  return item;
}
