// Reference client for the incident-stream WebSocket protocol (docs/protocol.md, docs/client-guide.md).
// No dependencies; an ES module for browsers and Node. In Node < 22, pass the `ws` package's WebSocket.
//
// What it does for you: reconnects with backoff, resumes each subscription where it left off
// (since/epoch), falls back to a snapshot when the server cannot replay, heals `gap`s by resuming
// again, and de-duplicates events by (epoch, seq). Events of one subscription are delivered in seq
// order; events of different subscriptions may interleave out of order while a replay runs.

const OPEN = 1;

// Reconnecting cannot help after these: the client, or its credentials, must change first.
// 1002/1007/1009: the client sent something broken; 1008: policy; 4001: token missing or expired.
const FATAL = new Set([1002, 1007, 1008, 1009, 4001]);

export class IncidentStreamClient {
  #url; #WebSocket; #on; #backoff; #opts;
  #subs = new Map();        // id -> subscription state, see subscribe()
  #watches = new Map();     // incident id -> {name}: watched again on every (re)connect
  #watchReplies = [];       // incident ids of watch/unwatch requests sent and not yet answered, in order
  #watchers = new Map();    // incident id -> latest watchers list from `watching` or `presence`
  #ws = null;
  #running = false;
  #epoch = null;            // epoch of the latest welcome: seqs only compare within one epoch
  #seen = new Set();        // seqs already delivered in #epoch
  #maxSeen = 0;
  #attempt = 0;             // reconnects since the last stable connection
  #closing = null;          // the server's `closing` notice for the current connection, if any
  #session = null;          // session_id of the current connection, once welcomed
  #opened = false;          // whether the current attempt got past the opening handshake
  #failure = null;          // why the current attempt failed, if the WebSocket said (browsers do not)
  #livenessMs = 75_000;
  #timers = {};

  /**
   * @param url ws://host:port/ws, or a function returning it (called on every connect, e.g. to add a fresh token)
   * @param options {WebSocket, subscriptions: [{id, filters, snapshot, since, epoch}], onEvent, onSnapshot,
   *   onGap, onStatus, onError, onSubscribed, onPresence, backoff: {initialMs, maxMs, stableMs}, protocols, pingIntervalMs,
   *   livenessTimeoutMs, connectTimeoutMs, dedupWindow}; see docs/client-guide.md. onError receives the
   *   server's `error` frames, frames that are not JSON, and {code: 'CONNECT_FAILED', message} for every
   *   attempt that failed before opening (the client retries it with backoff).
   */
  constructor(url, options = {}) {
    this.#url = url;
    this.#WebSocket = options.WebSocket ?? globalThis.WebSocket;
    if (typeof this.#WebSocket !== 'function') {
      throw new TypeError('no WebSocket available: pass options.WebSocket (in Node, from the "ws" package)');
    }
    const noop = () => {};
    // A callback that throws (or whose promise rejects) is the application's error, not the stream's:
    // reported on the console, and the stream carries on (the event counts as delivered). In Node an
    // exception escaping a socket's handler would end the process.
    const guarded = (name, callback) => (value) => {
      try {
        const result = callback(value);
        if (result && typeof result.catch === 'function') {
          result.catch((err) => console.error(`incident-stream-client: ${name} rejected`, err));
        }
      } catch (err) {
        console.error(`incident-stream-client: ${name} threw`, err);
      }
    };
    this.#on = { event: guarded('onEvent', options.onEvent ?? noop), snapshot: guarded('onSnapshot', options.onSnapshot ?? noop),
      gap: guarded('onGap', options.onGap ?? noop), status: guarded('onStatus', options.onStatus ?? noop),
      error: guarded('onError', options.onError ?? noop), subscribed: guarded('onSubscribed', options.onSubscribed ?? noop),
      presence: guarded('onPresence', options.onPresence ?? noop) };
    this.#backoff = { initialMs: 250, maxMs: 30_000, stableMs: 10_000, ...options.backoff };
    this.#opts = {
      protocols: options.protocols,                         // WebSocket subprotocols, or a function returning them
      pingIntervalMs: options.pingIntervalMs ?? 0,          // 0: rely on the server's heartbeats
      livenessTimeoutMs: options.livenessTimeoutMs ?? null, // null: twice the server's heartbeat, plus slack
      connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
      // Replays only repeat events the server still retains, so remembering this many seqs back
      // suffices. Keep it >= the server's history_capacity (10000 by default).
      dedupWindow: options.dedupWindow ?? 10_000,
    };
    for (const sub of options.subscriptions ?? []) this.subscribe(sub);
  }

  start() {
    if (this.#running) return;
    this.#running = true;
    this.#attempt = 0;
    this.#connect();
  }

  stop() {
    if (!this.#running && !this.#ws) return; // already stopped, and said so (a 4001, say, stays the last word)
    this.#running = false;
    clearTimeout(this.#timers.reconnect);
    const ws = this.#ws;
    if (ws) {
      this.#detach(ws);
      try { ws.close(1000, 'client stopped'); } catch { /* already closing */ }
      this.#closed(ws, 1000, 'client stopped');
    } else {
      this.#on.status({ state: 'stopped', code: 1000, reason: 'client stopped' });
    }
  }

  /** Adds or replaces a subscription. `since`/`epoch` resume from a saved position (see positions()). */
  subscribe({ id, filters = {}, snapshot = false, since = null, epoch = null }) {
    // A saved position means resume: the snapshot comes only if the server cannot replay from it.
    const resuming = since != null && epoch != null;
    const sub = {
      id, filters,
      seq: resuming ? since : null,       // resume point: complete up to here...
      epoch: resuming ? epoch : null,     // ...in this epoch
      snapshotDue: !!snapshot && !resuming, // the next subscribe asks for a snapshot instead of resuming
      pending: 0,        // subscribes sent and not yet answered; only the latest reply counts
      awaiting: null,    // `since` of the resume in flight: later frames of the old one will be replayed
      replayLeft: 0,     // replayed events still to come, as announced by `subscribed`
      liveFrom: null,    // S of the latest `subscribed`
      held: false,       // the server holds a subscription under this id, on this connection
    };
    const replaced = this.#subs.get(id);
    // The replies to its subscribes still to come count against this one: only the latest applies.
    if (replaced) Object.assign(sub, { pending: replaced.pending, held: replaced.held });
    this.#subs.set(id, sub);
    if (this.#welcomed()) this.#sendSubscribe(sub);
  }

  unsubscribe(id) {
    if (this.#subs.delete(id) && this.#welcomed()) this.#send({ type: 'unsubscribe', subscription_id: id });
  }

  /**
   * Watches an incident (presence): others whose subscriptions match it see you among its watchers,
   * and onPresence receives {incident_id, watchers, joined, left} whenever they change (the first
   * call comes from the server's `watching` reply, with joined/left empty). Watched again after
   * every reconnect. `name` is shown only by servers without authentication (else the token's
   * `name` claim is). A refused watch (NOT_FOUND, FORBIDDEN, SUBSCRIPTION_LIMIT) reaches onError
   * with `incident_id`, and is forgotten.
   */
  watch(incidentId, { name } = {}) {
    this.#watches.set(incidentId, { name });
    if (this.#welcomed()) this.#sendWatch(incidentId);
  }

  /** Stops watching an incident. */
  unwatch(incidentId) {
    this.#watches.delete(incidentId);
    this.#watchers.delete(incidentId);
    if (this.#welcomed()) {
      this.#watchReplies.push(incidentId);
      this.#send({ type: 'unwatch', incident_id: incidentId });
    }
  }

  /**
   * The latest known watchers of an incident ([{user, name, since}]), from `watching` or `presence`
   * (which reaches every session subscribed to the incident, watching or not); undefined if none yet.
   */
  watchers(incidentId) {
    return this.#watchers.get(incidentId);
  }

  #sendWatch(incidentId) {
    const { name } = this.#watches.get(incidentId);
    this.#watchReplies.push(incidentId);
    this.#send(name == null ? { type: 'watch', incident_id: incidentId }
      : { type: 'watch', incident_id: incidentId, name });
  }

  #watching(m) {
    this.#watchReplies.shift();
    if (!this.#watches.has(m.incident_id)) return; // the reply to an unwatch
    this.#presence({ incident_id: m.incident_id, watchers: m.watchers, joined: [], left: [] });
  }

  #presence(m) {
    // Presence reaches every session whose subscriptions match the incident, watched here or not.
    this.#watchers.set(m.incident_id, m.watchers);
    this.#on.presence(m);
  }

  /** Sends a fresh token for this session before the old one expires (the server answers `refreshed`). */
  refresh(token) {
    this.#send({ type: 'refresh', token });
  }

  /**
   * Where each subscription would resume, as {since, epoch}: save it (e.g. in localStorage) and pass
   * it back to subscribe() to resume after a page reload or process restart.
   */
  positions() {
    const out = {};
    for (const s of this.#subs.values()) out[s.id] = { since: s.seq, epoch: s.epoch };
    return out;
  }

  #connect() {
    this.#closing = null;
    this.#session = null;
    this.#opened = false;
    this.#failure = null;
    this.#on.status({ state: 'connecting', attempt: this.#attempt });
    if (!this.#running) return; // stopped by the status callback: no socket
    // Functions are called on every connect, so that each attempt can carry a fresh credential.
    const value = (v) => (typeof v === 'function' ? v() : v);
    let ws;
    try {
      const protocols = value(this.#opts.protocols);
      ws = protocols === undefined ? new this.#WebSocket(value(this.#url))
        : new this.#WebSocket(value(this.#url), protocols);
    } catch (err) {
      this.#failure = String(err);
      this.#ws = {}; // a placeholder, so that #closed reports it and schedules the next attempt
      this.#closed(this.#ws, 1006, String(err));
      return;
    }
    this.#ws = ws;
    ws.onopen = () => { if (ws === this.#ws) this.#opened = true; };
    ws.onmessage = (e) => this.#message(ws, e.data);
    ws.onclose = (e) => this.#closed(ws, e.code, e.reason);
    // A close event always follows; the ws package says here why the attempt failed (ECONNREFUSED, 401).
    ws.onerror = (e) => { if (ws === this.#ws && e?.message) this.#failure = e.message; };
    const ms = this.#opts.connectTimeoutMs;
    this.#watch(ws, ms, `no answer within ${ms} ms`);
  }

  #message(ws, data) {
    if (ws !== this.#ws) return; // a frame still buffered in a socket we gave up on
    let m;
    try { m = JSON.parse(data); } catch { return this.#on.error({ code: 'BAD_FRAME', message: String(data) }); }
    // Every frame, including the server's `pong` heartbeat, proves the connection alive. Heartbeats
    // need no answer: the WebSocket layer answers the server's ping frames.
    this.#watch(ws, this.#livenessMs);
    switch (m.type) {
      case 'welcome': return this.#welcome(ws, m);
      case 'subscribed': return this.#subscribed(m);
      case 'event': return this.#event(m);
      case 'snapshot': return this.#snapshot(m);
      case 'gap': return this.#gap(m);
      case 'closing': this.#closing = m; return;
      case 'error': return this.#error(ws, m);
      case 'watching': return this.#watching(m);
      case 'presence': return this.#presence(m);
      default: return; // pong, unsubscribed, refreshed, and types added later
    }
  }

  #welcome(ws, m) {
    if (m.epoch !== this.#epoch) { // a new stream: seqs restart, nothing from the old one can repeat
      this.#epoch = m.epoch;
      this.#seen.clear();
      this.#maxSeen = 0;
    }
    this.#livenessMs = this.#opts.livenessTimeoutMs ?? (2 * (m.heartbeat_interval_secs ?? 30) + 10) * 1000;
    this.#watch(ws, this.#livenessMs);
    this.#session = m.session_id;
    // Reset the backoff only once a connection has lasted: a server that accepts and then drops at
    // once must not be hammered in a tight loop.
    this.#timers.stable = setTimeout(() => { this.#attempt = 0; }, this.#backoff.stableMs);
    if (this.#opts.pingIntervalMs > 0) {
      this.#timers.ping = setInterval(() => this.#send({ type: 'ping' }), this.#opts.pingIntervalMs);
    }
    this.#on.status({ state: 'open', session_id: m.session_id, epoch: m.epoch, seq: m.seq });
    for (const sub of this.#subs.values()) this.#sendSubscribe(sub);
    for (const incidentId of this.#watches.keys()) this.#sendWatch(incidentId);
  }

  #sendSubscribe(sub) {
    const msg = { type: 'subscribe', subscription_id: sub.id, filters: sub.filters };
    if (!sub.snapshotDue && sub.seq != null && sub.epoch != null) {
      // Resume. With `since`, the server sends the snapshot only if it cannot replay (recovered: false).
      Object.assign(msg, { since: sub.seq, epoch: sub.epoch, snapshot: true });
      sub.awaiting = sub.seq;
    } else {
      msg.snapshot = sub.snapshotDue; // first start, or an earlier snapshot never finished
      sub.awaiting = null;
    }
    sub.pending++;
    this.#send(msg);
  }

  #subscribed(m) {
    const sub = this.#subs.get(m.subscription_id);
    // Replies to superseded subscribes change nothing: only the latest one says where we stand.
    if (!sub) return;
    sub.held = true; // whichever subscribe this answers, the server holds one under this id now
    if (--sub.pending > 0) return;
    sub.awaiting = null;
    if (m.recovered === false) sub.snapshotDue = true; // the server sends one: we asked with snapshot: true
    sub.replayLeft = m.recovered ? m.replayed : 0;
    sub.liveFrom = m.seq;
    // Nothing owed before S: the subscription is complete up to S, so resume from there next time.
    if (!sub.snapshotDue && sub.replayLeft === 0) this.#advance(sub, m.seq);
    // The latest reply only: `recovered` says whether a resume replayed (true) or a snapshot follows (false).
    this.#on.subscribed(m);
  }

  #snapshot(m) {
    this.#on.snapshot(m);
    const sub = this.#subs.get(m.subscription_id);
    if (m.last && sub && sub.pending === 0) {
      sub.snapshotDue = false; // only a complete snapshot counts: a cut-off one is asked for again
      this.#advance(sub, m.seq);
    }
  }

  #event(m) {
    const ids = m.subscription_ids ?? [];
    const subs = ids.map((id) => this.#subs.get(id)).filter(Boolean);
    // A replay frame (one subscription, still owed replayed events) is older than the live stream.
    if (subs.length === ids.length && !subs.some((s) => s.replayLeft > 0)) this.#passedLive(m.seq);
    // After a gap we resumed every subscription from before it. Until the server confirms, frames
    // still in flight would be replayed anyway; skipping them keeps each subscription in seq order.
    if (subs.length > 0 && subs.every((s) => s.awaiting != null && m.seq > s.awaiting)) return;
    for (const sub of subs) {
      if (sub.pending > 0 || sub.snapshotDue) continue;
      this.#advance(sub, m.seq);
      if (sub.replayLeft > 0 && --sub.replayLeft === 0) this.#advance(sub, sub.liveFrom);
    }
    // A replay for one subscription may repeat what another already delivered.
    if (this.#seen.has(m.seq)) return;
    this.#seen.add(m.seq);
    if (m.seq > this.#maxSeen) {
      this.#maxSeen = m.seq;
      if (this.#seen.size > 2 * this.#opts.dedupWindow) this.#prune();
    }
    this.#on.event(m);
  }

  // Nothing at or below maxSeen - dedupWindow can be replayed again: the server no longer retains it.
  #prune() {
    const floor = this.#maxSeen - this.#opts.dedupWindow;
    for (const seq of this.#seen) if (seq <= floor) this.#seen.delete(seq);
  }

  // Live events reach a session in seq order, so a settled subscription (nothing in flight or owed)
  // has had everything up to a live event's seq, even if none of it matched. Advancing quiet
  // subscriptions this way keeps their resume point inside what the server retains. Not so for a
  // replay, nor for another subscription's `subscribed`: events up to its S may still be on their
  // way to the others.
  #passedLive(seq) {
    for (const sub of this.#subs.values()) if (this.#settled(sub)) this.#advance(sub, seq);
  }

  #settled(sub) {
    return sub.pending === 0 && sub.replayLeft === 0 && !sub.snapshotDue && sub.seq != null;
  }

  #gap(m) {
    this.#on.gap(m);
    // The session lost events in [from_seq, to_seq]; everything before from_seq arrived. Resuming
    // every subscription from there replays exactly what is missing (a resubscribe replaces the old one).
    for (const sub of this.#subs.values()) {
      if (sub.seq == null || sub.epoch !== this.#epoch || sub.snapshotDue) continue; // its own subscribe is still due
      // A gap that arrives before the reply to our resume lies before that resume's S: its replay
      // covers it already. Asking again would only start another replay of the same events.
      if (sub.awaiting != null && sub.awaiting < m.from_seq) continue;
      // A settled subscription has everything before from_seq; one still catching up may not.
      sub.seq = this.#settled(sub) ? m.from_seq - 1 : Math.min(sub.seq, m.from_seq - 1);
      this.#sendSubscribe(sub);
    }
  }

  #error(ws, m) {
    // Watch refusals name no subscription; replies come in request order, so the oldest watch
    // awaiting one is the refused one. (Errors for broken messages never concern a watch we sent.)
    if (m.subscription_id == null && ['NOT_FOUND', 'FORBIDDEN', 'SUBSCRIPTION_LIMIT'].includes(m.code)
        && this.#watchReplies.length > 0) {
      const incidentId = this.#watchReplies.shift();
      this.#watches.delete(incidentId);
      return this.#on.error({ ...m, incident_id: incidentId });
    }
    this.#on.error(m);
    // These refuse a subscribe (and name it): no `subscribed` will come for it. Counted against the
    // id's current subscription (the callback may have replaced it), which inherits the count.
    const refused = ['SUBSCRIPTION_LIMIT', 'FORBIDDEN', 'INVALID_MESSAGE'].includes(m.code);
    const sub = refused && this.#subs.get(m.subscription_id);
    if (sub && sub.pending > 0 && --sub.pending === 0) {
      sub.awaiting = null;
      // The latest subscribe for this id was the refused one.
      if (m.code === 'INVALID_MESSAGE') this.#forget(sub);
    }
    // The server drops messages over its rate without saying which; a lost subscribe would leave a
    // subscription waiting forever, so start again from known positions.
    if (m.code === 'RATE_LIMITED' && ([...this.#subs.values()].some((s) => s.pending > 0)
        || this.#watchReplies.length > 0)) {
      this.#abandon(ws, 'a subscribe was rate limited');
    }
  }

  // A subscribe the server could not read (a bad filter value): sent again on every reconnect it would
  // be refused again, so it is forgotten (onError has said so), and a subscription the server still
  // holds under its id (the one it was to replace) goes with it.
  #forget(sub) {
    this.#subs.delete(sub.id);
    if (sub.held) this.#send({ type: 'unsubscribe', subscription_id: sub.id });
  }

  #advance(sub, seq) {
    if (sub.epoch !== this.#epoch || sub.seq == null || seq > sub.seq) sub.seq = seq;
    sub.epoch = this.#epoch;
  }

  #closed(ws, code, reason) {
    if (ws !== this.#ws) return; // a socket we already gave up on
    this.#ws = null;
    clearTimeout(this.#timers.watchdog);
    clearTimeout(this.#timers.stable);
    clearInterval(this.#timers.ping);
    for (const sub of this.#subs.values()) {
      Object.assign(sub, { pending: 0, awaiting: null, replayLeft: 0, held: false });
    }
    this.#watchReplies = [];
    // Every attempt that never opened is reported, as the Python and Java clients do.
    if (!this.#opened && this.#running) {
      const message = this.#failure ?? (reason || `closed (${code}) before opening`);
      this.#on.error({ code: 'CONNECT_FAILED', message });
      if (!this.#running) return; // the error callback stopped the client, which said so
    }
    const closing = this.#closing;
    // The close frame may be lost (1006) after the server said why it was closing: trust the notice.
    code = closing?.code ?? code;
    if (!this.#running || FATAL.has(code) || closing?.reconnect === false) {
      this.#running = false;
      return this.#on.status({ state: 'stopped', code, reason, closing });
    }
    // Exponential backoff with full jitter: spreads many clients over the whole window.
    if (code === 4029) this.#attempt += 2; // we were too chatty: wait markedly longer
    const ceiling = Math.min(this.#backoff.maxMs, this.#backoff.initialMs * 2 ** this.#attempt);
    this.#attempt++;
    let delayMs = Math.random() * ceiling;
    // The server randomises retry_after_ms per session, so honouring it spreads a restart's reconnects.
    if (closing?.retry_after_ms != null) delayMs = Math.max(delayMs, closing.retry_after_ms);
    this.#on.status({ state: 'reconnecting', code, reason, closing, delayMs: Math.round(delayMs),
      attempt: this.#attempt });
    this.#timers.reconnect = setTimeout(() => this.#running && this.#connect(), delayMs);
  }

  // A silent peer may never finish a closing handshake: stop listening and reconnect now.
  #watch(ws, ms, reason = `nothing received for ${ms} ms`) {
    clearTimeout(this.#timers.watchdog);
    this.#timers.watchdog = setTimeout(() => this.#abandon(ws, reason), ms);
  }

  #abandon(ws, reason) {
    if (ws !== this.#ws) return;
    this.#detach(ws);
    try { ws.terminate ? ws.terminate() : ws.close(1000, reason.slice(0, 120)); } catch { /* gone */ }
    this.#closed(ws, 1006, reason);
  }

  #detach(ws) {
    ws.onmessage = ws.onclose = null;
    ws.onerror = () => {}; // the ws package throws on an 'error' nobody listens to
  }

  #send(msg) {
    if (this.#ws?.readyState === OPEN) this.#ws.send(JSON.stringify(msg));
  }

  #welcomed() {
    return this.#ws?.readyState === OPEN && this.#session != null;
  }
}
