// The connection's state, always visible: connected, reconnecting (with a countdown), resumed,
// or reloaded from a snapshot. The board never shows stale state silently.

export class ConnectionView {
  #el; #countdown = null; #everOpen = false;

  constructor(el) {
    this.#el = el;
  }

  /** From the reference client's onStatus. */
  status(s) {
    clearInterval(this.#countdown);
    switch (s.state) {
      case 'connecting':
        return this.#show(this.#everOpen || s.attempt > 0 ? 'reconnecting' : 'connecting',
          this.#everOpen || s.attempt > 0 ? 'reconnecting: connecting now…' : 'connecting…');
      case 'open':
        this.#everOpen = true;
        return this.#show('open', 'connected, subscribing…');
      case 'reconnecting': {
        const until = Date.now() + (s.delayMs ?? 0);
        const why = s.closing?.reason ?? (s.code === 1006 ? 'connection lost' : s.reason || `closed (${s.code})`);
        const tick = () => this.#show('reconnecting',
          `reconnecting in ${Math.max(0, Math.ceil((until - Date.now()) / 1000))} s (${why})`);
        tick();
        this.#countdown = setInterval(tick, 250);
        return undefined;
      }
      case 'stopped':
        return s.code === 4001 ? this.#show('refused', `the server refused the token (4001): ${s.closing?.reason ?? s.reason ?? ''}`)
          : this.#show('stopped', `stopped (${s.code}${s.reason ? `: ${s.reason}` : ''})`);
      default:
        return undefined;
    }
  }

  /** From the subscription's `subscribed`: how the board's state was (re)established. */
  subscribed(m) {
    if (m.recovered === true) this.#show('resumed', m.replayed ? `resumed (${events(m.replayed)} missed, replayed)` : 'resumed');
    else if (m.recovered === false) this.#show('snapshot', 'reloaded from snapshot');
    else this.#show('live', 'connected');
  }

  /** The server's allowed_origins leaves this page out: it would refuse the WebSocket with 403. */
  originRefused(origin) {
    this.#show('refused', `refused: this page's origin ${origin} is not in the server's allowed_origins (403)`);
  }

  /** The server refused the board's subscription (a filter it does not accept, a limit, the token's scope). */
  viewRefused(e) {
    this.#show('refused', `the server refused this view: ${e.message} (${e.code})`);
  }

  gap(m) {
    this.#show('gap', `fell behind: ${events(m.dropped)} missed, catching up…`);
  }

  #show(state, text) {
    this.#el.dataset.state = state;
    this.#el.textContent = text;
  }
}

/** "1 event", "3 events". */
function events(count) {
  return count === 1 ? '1 event' : `${count} events`;
}
