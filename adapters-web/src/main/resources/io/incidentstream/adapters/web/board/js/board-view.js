// The incidents on the board: one column per severity, P0 first, newest first within a column,
// and the counts in the header. Cards are kept by id and changed in place, so a busy stream
// touches only the cards its events are about.

import { SEVERITIES } from './view-state.js';
import { matchesText } from './incidents.js';
import { ageElement, setAge } from './ages.js';

const LEAVE_MS = 600; // the "resolved" transition; the card is removed after it (see board.css)

export class BoardView {
  #columns = new Map(); // severity -> {list, count}
  #counts = new Map();  // severity -> header count element
  #cards = new Map();   // id -> card element
  #state; #onSelect; #text = ''; #selected = null;

  constructor(root, countsRoot, state, onSelect) {
    this.#state = state;
    this.#onSelect = onSelect;
    for (const severity of SEVERITIES) {
      const column = el('section', `column sev-${severity}`);
      column.setAttribute('aria-label', `${severity} incidents`);
      const heading = el('h2', 'column-title');
      const count = el('span', 'count', '0');
      heading.append(badge(severity), ' ', count);
      const list = el('ol', 'cards');
      column.append(heading, list);
      root.append(column);
      this.#columns.set(severity, { list, count });
      const item = el('li', `count-${severity}`);
      item.dataset.severity = severity;
      const n = el('span', 'n', '0');
      item.append(badge(severity), ' ', n);
      countsRoot.append(item);
      this.#counts.set(severity, n);
    }
    // One listener for every card, present and future.
    root.addEventListener('click', (e) => this.#pick(e.target));
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.#pick(e.target); }
    });
  }

  /** Draws the whole state again: after a snapshot, or when the text filter changes. */
  redraw(text = this.#text) {
    this.#text = text;
    for (const card of this.#cards.values()) card.remove();
    this.#cards.clear();
    const sorted = this.#state.all().sort((a, b) => (newer(b.created_at, a.created_at) ? 1 : -1));
    const batches = new Map(SEVERITIES.map((s) => [s, document.createDocumentFragment()]));
    for (const incident of sorted) {
      if (!matchesText(incident, this.#text)) continue;
      const card = this.#card(incident);
      batches.get(incident.severity)?.append(card);
    }
    for (const [severity, fragment] of batches) this.#columns.get(severity).list.append(fragment);
    this.#recount();
  }

  /** One change from IncidentState.apply: arrives, moves (severity), changes in place, or leaves. */
  update({ id, before, after }) {
    const shown = after && matchesText(after, this.#text) ? after : null;
    const card = this.#cards.get(id);
    if (!shown) {
      if (card) this.#leave(card, id);
    } else if (!card) {
      this.#place(this.#card(shown), shown);
      this.#cards.get(id).classList.add('arriving');
    } else {
      this.#fill(card, shown);
      if (before?.severity !== shown.severity) {
        card.classList.remove('arriving');
        this.#place(card, shown);
        card.classList.add('moved');
      }
    }
    this.#recount();
  }

  select(id) {
    this.#cards.get(this.#selected)?.setAttribute('aria-selected', 'false');
    this.#selected = id;
    this.#cards.get(id)?.setAttribute('aria-selected', 'true');
  }

  #pick(target) {
    const card = target.closest?.('.card');
    if (card && !card.classList.contains('leaving')) this.#onSelect(card.dataset.id);
  }

  #card(incident) {
    const card = el('li', 'card');
    card.tabIndex = 0;
    card.dataset.id = incident.id;
    card.setAttribute('aria-selected', String(incident.id === this.#selected));
    const head = el('div', 'card-head');
    head.append(el('span', 'sev-badge'), el('span', 'state'), ageElement(incident.created_at));
    const meta = el('div', 'meta');
    meta.append(el('span', 'source'), el('span', 'assignees'));
    const activity = el('p', 'activity');
    activity.append(el('span', 'activity-text'), ' · ', ageElement(incident.updated_at));
    card.append(head, el('h3', 'title'), meta, el('ul', 'labels'), activity);
    this.#cards.set(incident.id, card);
    this.#fill(card, incident);
    return card;
  }

  #fill(card, incident) {
    card.dataset.severity = incident.severity;
    card.dataset.created = incident.created_at;
    const sev = card.querySelector('.sev-badge');
    sev.textContent = incident.severity;
    sev.dataset.severity = incident.severity;
    card.querySelector('.state').textContent = incident.state;
    card.querySelector('.title').textContent = incident.title;
    card.querySelector('.source').textContent = incident.source;
    card.querySelector('.assignees').textContent = incident.assignees?.length ? incident.assignees.join(', ') : 'unassigned';
    const labels = card.querySelector('.labels');
    labels.replaceChildren(...Object.entries(incident.labels ?? {}).map(([k, v]) => el('li', 'label', `${k}=${v}`)));
    const activity = this.#state.activity(incident.id);
    if (activity) {
      card.querySelector('.activity-text').textContent = activity.text;
      setAge(card.querySelector('.activity time'), activity.at);
    }
  }

  /** Into its severity's column, before the first card created earlier than it. */
  #place(card, incident) {
    const list = this.#columns.get(incident.severity).list;
    let next = list.firstElementChild;
    while (next && (next === card || next.classList.contains('leaving') || newer(next.dataset.created, incident.created_at))) {
      next = next.nextElementSibling;
    }
    list.insertBefore(card, next);
  }

  #leave(card, id) {
    this.#cards.delete(id);
    card.classList.add('leaving');
    card.tabIndex = -1;
    setTimeout(() => card.remove(), LEAVE_MS);
  }

  #recount() {
    const counts = new Map(SEVERITIES.map((s) => [s, 0]));
    for (const card of this.#cards.values()) counts.set(card.dataset.severity, counts.get(card.dataset.severity) + 1);
    for (const [severity, n] of counts) {
      this.#counts.get(severity).textContent = String(n);
      this.#columns.get(severity).count.textContent = String(n);
    }
  }
}

export function badge(severity) {
  const span = el('span', 'sev-badge', severity);
  span.dataset.severity = severity;
  return span;
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

/**
 * Whether time {@code a} is later than {@code b}, both ISO 8601 as the server sends them: by instant,
 * since the text differs in its fraction (10:00:00Z, 10:00:00.5Z) and its offset; by text at the
 * same millisecond, so that the order is stable.
 */
function newer(a, b) {
  const d = Date.parse(a) - Date.parse(b);
  return d !== 0 ? d > 0 : a > b;
}
