// The live feed: every event the subscription delivers, newest first, the last few hundred only.

import { describe, subjectOf } from './describe.js';
import { badge, el } from './board-view.js';

const KEEP = 300;

export class FeedView {
  #list; #titleOf;

  /** `titleOf(id)`: the title of an incident the board knows, for events that name only its id. */
  constructor(list, titleOf) {
    this.#list = list;
    this.#titleOf = titleOf;
  }

  /** Call before the state applies the frame: an incident that leaves the board is still known then. */
  add(frame) {
    const event = frame.event;
    const item = el('li', 'feed-item');
    item.dataset.type = event.event_type;
    const time = el('time', 'feed-time', new Date(frame.timestamp).toLocaleTimeString());
    time.dateTime = frame.timestamp;
    const severity = event.incident?.severity ?? event.alert?.severity;
    item.append(time, ' ');
    if (severity) item.append(badge(severity), ' ');
    item.append(el('span', 'feed-type', event.event_type.replaceAll('_', ' ')), ' ',
      el('span', 'feed-subject', subjectOf(event) || this.#titleOf(event.incident_id) || ''), ' ', el('span', 'feed-text', describe(event)));
    this.#list.prepend(item);
    while (this.#list.childElementCount > KEEP) this.#list.lastElementChild.remove();
  }

  /** A snapshot says where the stream starts again; the feed marks the spot rather than forgetting. */
  mark(text) {
    this.#list.prepend(el('li', 'feed-mark', text));
  }
}
