// Live ages ("4m", "2h 05m"): one timer for the whole page updates every <time data-age> element.

export function formatAge(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d`;
}

/** A <time> element that shows how long ago `iso` was, kept current by startAgeTicker. */
export function ageElement(iso) {
  const time = document.createElement('time');
  setAge(time, iso);
  return time;
}

export function setAge(time, iso) {
  time.dateTime = iso;
  time.dataset.age = '';
  time.title = new Date(iso).toLocaleString();
  time.textContent = formatAge(Date.now() - Date.parse(iso));
}

export function startAgeTicker(root) {
  setInterval(() => {
    const now = Date.now();
    for (const time of root.querySelectorAll('time[data-age]')) {
      const text = formatAge(now - Date.parse(time.dateTime));
      if (time.textContent !== text) time.textContent = text; // most ages change once a minute
    }
  }, 1000);
}
