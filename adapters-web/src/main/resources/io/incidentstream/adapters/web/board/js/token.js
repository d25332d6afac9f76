// The subscriber token, when the server asks for one: from ?access_token= (then taken out of the
// address bar, so that it is not shared with a copied link) or typed into a dialog. It is kept in
// sessionStorage: this tab only, gone when it closes.

const KEY = 'incident-board.token';
// A WebSocket subprotocol must be an HTTP token: a JWT always is; anything else would make the
// browser throw before connecting.
const SUBPROTOCOL_SAFE = /^[A-Za-z0-9._~+/=-]+$/;

export class TokenStore {
  #dialog; #form; #input; #error;

  constructor(dialog) {
    this.#dialog = dialog;
    this.#form = dialog.querySelector('form');
    this.#input = dialog.querySelector('input');
    this.#error = dialog.querySelector('[role=alert]');
    const url = new URL(location.href);
    const given = url.searchParams.get('access_token');
    if (given) {
      sessionStorage.setItem(KEY, given);
      url.searchParams.delete('access_token');
      history.replaceState(null, '', url);
    }
  }

  current() {
    return sessionStorage.getItem(KEY);
  }

  /** Shows the dialog (with `problem`, if any) until a usable token is entered; resolves with it. */
  ask(problem = '') {
    this.#error.textContent = problem;
    this.#input.value = '';
    if (!this.#dialog.open) this.#dialog.showModal();
    this.#input.focus();
    return new Promise((resolve) => {
      const submitted = (e) => {
        const token = this.#input.value.trim();
        if (!SUBPROTOCOL_SAFE.test(token)) {
          e.preventDefault();
          this.#error.textContent = 'That is not a token: a JWT has only letters, digits, ".", "-" and "_".';
          return;
        }
        this.#form.removeEventListener('submit', submitted);
        sessionStorage.setItem(KEY, token);
        resolve(token);
      };
      this.#form.addEventListener('submit', submitted);
    });
  }
}
