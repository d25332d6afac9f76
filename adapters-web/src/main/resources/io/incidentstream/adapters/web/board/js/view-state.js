// What the board shows, as kept in the page's URL, so that a link opens the same view.
//   severity, state, source: repeatable or comma-separated (?severity=P0,P1&source=prometheus);
//   unknown severities and states, and states other than the four open ones, are left out
//   label: key:value, repeatable or comma-separated (?label=team:payments); a value may hold commas
//   (?label=owners:alice,bob): a piece without ':' belongs to the value before it
//   q: free text, matched in the page (the protocol has no text filter)
//   incident: the selected incident's id;  theme: light or dark (default: the system's)
//   name: how others see you watching an incident, on a server without authentication (there,
//   the token's name claim is used instead)
// The first four become the subscription's filters, so the server sends only what is shown.

export const SEVERITIES = ['P0', 'P1', 'P2', 'P3', 'P4'];
export const ACTIVE_STATES = ['Detected', 'Triaged', 'Investigating', 'Remediating'];

const list = (params, key) => params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
// Known values only, whatever their case (?severity=p1, ?state=detected): the server would refuse
// another spelling, and leave the board subscribing for ever. The board shows open incidents, so
// its states are the four active ones.
const known = (values, allowed) =>
  values.map((v) => allowed.find((a) => a.toLowerCase() === v.toLowerCase())).filter(Boolean);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Labels from texts of comma-separated key:value pairs, in the URL and in the filter form alike. */
export function readLabels(texts) {
  const labels = {};
  for (const text of texts) {
    let key = null;
    for (const piece of text.split(',')) {
      if (!piece.trim()) continue; // a trailing or doubled comma
      const at = piece.indexOf(':');
      if (at >= 0 && piece.slice(0, at).trim()) {
        key = piece.slice(0, at).trim();
        labels[key] = piece.slice(at + 1);
      } else if (at < 0 && key !== null) {
        labels[key] += `,${piece}`;
      }
    }
  }
  for (const key of Object.keys(labels)) labels[key] = labels[key].trim();
  return labels;
}

export function readViewState(search) {
  const params = new URLSearchParams(search);
  const labels = readLabels(params.getAll('label'));
  const theme = params.get('theme');
  return {
    filters: {
      severities: known(list(params, 'severity'), SEVERITIES),
      states: known(list(params, 'state'), ACTIVE_STATES),
      sources: list(params, 'source'),
      labels,
    },
    text: (params.get('q') ?? '').trim(),
    selected: UUID.test(params.get('incident') ?? '') ? params.get('incident').toLowerCase() : null,
    theme: theme === 'light' || theme === 'dark' ? theme : null,
    name: (params.get('name') ?? '').trim() || null,
  };
}

export function writeViewState(view, search) {
  const params = new URLSearchParams(search);
  for (const key of ['severity', 'state', 'source', 'label', 'q', 'incident']) params.delete(key);
  const { severities, states, sources, labels } = view.filters;
  if (severities.length) params.set('severity', severities.join(','));
  if (states.length) params.set('state', states.join(','));
  if (sources.length) params.set('source', sources.join(','));
  for (const [k, v] of Object.entries(labels)) params.append('label', `${k}:${v}`);
  if (view.text) params.set('q', view.text);
  if (view.selected) params.set('incident', view.selected);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The subscription's filters: only the keys that constrain (an empty list would mean the same). */
export function subscriptionFilters(filters) {
  const out = {};
  if (filters.severities.length) out.severities = filters.severities;
  if (filters.states.length) out.states = filters.states;
  if (filters.sources.length) out.sources = filters.sources;
  if (Object.keys(filters.labels).length) out.labels = filters.labels;
  return out;
}
