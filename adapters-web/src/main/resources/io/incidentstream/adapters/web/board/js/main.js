// The board's composition root: reads the view from the URL, connects through the reference client
// (snapshot first, then live events; resume after a reconnect, a new snapshot when the server cannot
// replay), and hands what arrives to the state and the views.

import { IncidentStreamClient } from '../incident-stream-client.js';
import { readViewState, writeViewState, subscriptionFilters } from './view-state.js';
import { IncidentState } from './incidents.js';
import { BoardView } from './board-view.js';
import { FeedView } from './feed-view.js';
import { DetailsView } from './details-view.js';
import { ConnectionView } from './connection-view.js';
import { FilterForm } from './filter-form.js';
import { TokenStore } from './token.js';
import { startAgeTicker } from './ages.js';

const SUBSCRIPTION = 'board';
const byId = (id) => document.getElementById(id);

async function main() {
  let view = readViewState(location.search);
  if (view.theme) document.documentElement.dataset.theme = view.theme;
  const config = await loadConfig();
  const tokens = new TokenStore(byId('token-dialog'));
  const state = new IncidentState(view.filters);
  const connection = new ConnectionView(byId('connection'));
  const feed = new FeedView(byId('feed'), (id) => state.get(id)?.title);
  const board = new BoardView(byId('board'), byId('counts'), state, (id) => select(id));
  const details = new DetailsView(byId('details'), tokens, state, () => select(null));
  const form = new FilterForm(byId('filters'), (changed) => filter(changed));
  form.show(view);
  board.redraw(view.text);
  startAgeTicker(document.body);

  let pages = []; // snapshot pages, applied together once the last one arrives
  let watched = null; // the incident this page watches (presence): the selected one
  const client = new IncidentStreamClient(streamUrl(), {
    // Browsers cannot set headers on a WebSocket: the token travels as a second subprotocol.
    protocols: config.token_required ? () => ['incident-stream.bearer', tokens.current()] : undefined,
    subscriptions: [{ id: SUBSCRIPTION, filters: subscriptionFilters(view.filters), snapshot: true }],
    onStatus: (s) => {
      connection.status(s);
      if (s.state === 'connecting') pages = []; // an unfinished snapshot is asked for again
      if (s.state === 'stopped' && s.code === 4001) {
        retryWithToken(`The server refused the token: ${s.closing?.reason ?? s.reason ?? 'not authenticated'} (4001).`);
      }
    },
    onSubscribed: (m) => {
      if (m.subscription_id !== SUBSCRIPTION) return;
      connection.subscribed(m);
      if (m.recovered === true && m.replayed) feed.mark(`resumed: ${m.replayed} missed events replayed`);
    },
    onSnapshot: (page) => {
      if (page.subscription_id !== SUBSCRIPTION) return;
      pages.push(...page.incidents);
      if (!page.last) return;
      state.replace(pages, view.filters);
      pages = [];
      board.redraw(view.text);
      board.select(view.selected);
      const open = state.all().length;
      feed.mark(`snapshot: ${open} open incident${open === 1 ? '' : 's'}`);
    },
    onEvent: (frame) => {
      feed.add(frame);
      const change = state.apply(frame);
      if (change) board.update(change);
      details.event(frame);
    },
    onGap: (m) => connection.gap(m),
    // Presence (who else is watching the selected incident).
    onPresence: (m) => details.presence(m),
    onError: (e) => {
      console.warn('incident-stream:', e.code, e.message);
      // A refused watch names its incident; anything else refused is the board's own subscription.
      if (e.incident_id) details.watchRefused(e);
      else if (['INVALID_MESSAGE', 'SUBSCRIPTION_LIMIT', 'FORBIDDEN'].includes(e.code)) connection.viewRefused(e);
    },
  });

  if (!config.origin_allowed) {
    // The server would refuse the upgrade with 403, which browsers do not show to scripts: say it here.
    connection.originRefused(location.origin);
    return;
  }
  if (config.token_required && !tokens.current()) await tokens.ask();
  client.start();
  if (view.selected) select(view.selected);

  async function retryWithToken(problem) {
    await tokens.ask(problem);
    client.start(); // positions are kept: the board resumes where it stopped
  }

  function select(id) {
    view = { ...view, selected: id };
    history.replaceState(null, '', writeViewState(view, location.search) || location.pathname);
    board.select(id);
    // Looking at an incident's details is watching it: others see you among its watchers.
    if (watched && watched !== id) client.unwatch(watched);
    if (id && id !== watched) client.watch(id, view.name ? { name: view.name } : {});
    watched = id;
    details.show(id, id ? state.get(id) : null, id ? client.watchers(id) : null);
  }

  // Back and Forward: the address changed, so does the view.
  window.addEventListener('popstate', () => {
    const back = readViewState(location.search);
    form.show(back);
    filter({ filters: back.filters, text: back.text }, false);
    if (back.selected !== view.selected) select(back.selected);
  });

  function filter(changed, remember = true) {
    const resubscribe = JSON.stringify(changed.filters) !== JSON.stringify(view.filters);
    view = { ...view, ...changed };
    if (remember) history.pushState(null, '', writeViewState(view, location.search) || location.pathname);
    if (resubscribe) {
      pages = [];
      state.replace([], view.filters); // nothing is shown until the new subscription's snapshot
      client.subscribe({ id: SUBSCRIPTION, filters: subscriptionFilters(view.filters), snapshot: true });
    }
    board.redraw(view.text);
  }
}

async function loadConfig() {
  try {
    const response = await fetch(`/board/config.json?origin=${encodeURIComponent(location.origin)}`, { cache: 'no-store' });
    return await response.json();
  } catch {
    // Try anyway: the server refuses a missing token with 4001, which the page does show.
    return { token_required: false, origin_allowed: true };
  }
}

function streamUrl() {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

main();
