// The filter form: shows the view state from the URL and reports the user's changes.

import { readLabels } from './view-state.js';

export class FilterForm {
  #form;

  constructor(form, onChange) {
    this.#form = form;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      onChange(this.read());
    });
  }

  show(view) {
    const f = this.#form;
    for (const box of f.querySelectorAll('input[name=severity]')) box.checked = view.filters.severities.includes(box.value);
    for (const box of f.querySelectorAll('input[name=state]')) box.checked = view.filters.states.includes(box.value);
    f.elements.source.value = view.filters.sources.join(', ');
    f.elements.label.value = Object.entries(view.filters.labels).map(([k, v]) => `${k}:${v}`).join(', ');
    f.elements.q.value = view.text;
  }

  read() {
    const f = this.#form;
    const checked = (name) => [...f.querySelectorAll(`input[name=${name}]:checked`)].map((b) => b.value);
    const split = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
    const labels = readLabels([f.elements.label.value]);
    return {
      filters: { severities: checked('severity'), states: checked('state'), sources: split(f.elements.source.value), labels },
      text: f.elements.q.value.trim(),
    };
  }
}
