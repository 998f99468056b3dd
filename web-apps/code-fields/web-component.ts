// The web-component page's two widgets (web-component.html). <code-step-widget> keeps the code in
// its own state from its field's input events, as a Lit component's @input handler does, and
// "Verify" shows that state, so a fill that only set the DOM value would show nothing. Its shadow
// root also holds the traps of the plain page: a hidden duplicate and a recovery-code decoy.
// <closed-code-widget> holds a code field in a closed shadow root.

const STYLE = '<style>:host { display: block; margin: 1em 0; } input { font-size: 1.2em; }</style>';

class CodeStepWidget extends HTMLElement {
  #code = '';
  readonly #root = this.attachShadow({ mode: 'open' });

  connectedCallback(): void {
    this.#root.innerHTML = `${STYLE}<p>Password accepted.</p><button type="button" id="continue">Continue</button>`;
    this.#root.getElementById('continue')!.addEventListener('click', () => {
      // Drawn a frame later, as a component library's asynchronous update is.
      requestAnimationFrame(() => this.#showCodeStep());
    });
  }

  #showCodeStep(): void {
    this.#root.innerHTML = `${STYLE}
      <form id="verify">
        <label for="shadow-code">Authenticator code</label>
        <input id="shadow-code" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6" />
        <input id="shadow-code-hidden" name="otp" autocomplete="one-time-code" style="display: none" />
        <p><button type="submit">Verify</button></p>
        <p>
          <label for="shadow-recovery">Lost your device? Enter a recovery code (backup code)</label>
          <input id="shadow-recovery" name="recovery_code" inputmode="numeric" />
        </p>
      </form>
      <p id="result" data-testid="widget-result" hidden></p>`;
    const field = this.#root.getElementById('shadow-code') as HTMLInputElement;
    field.addEventListener('input', () => { this.#code = field.value; });
    this.#root.getElementById('verify')!.addEventListener('submit', (event) => {
      event.preventDefault();
      const result = this.#root.getElementById('result')!;
      result.textContent = this.#code;
      result.hidden = false;
    });
  }
}

class ClosedCodeWidget extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'closed' });
    root.innerHTML = `${STYLE}<label for="closed-code">Security code</label><input id="closed-code" autocomplete="one-time-code" inputmode="numeric" />`;
    // Only the test reads it, through this hook on the element (a closed root is otherwise unreachable).
    (this as unknown as { closedValue: () => string }).closedValue = () => (root.getElementById('closed-code') as HTMLInputElement).value;
  }
}

customElements.define('code-step-widget', CodeStepWidget);
customElements.define('closed-code-widget', ClosedCodeWidget);

document.addEventListener('input', (event) => {
  const heard = document.querySelector<HTMLElement>('[data-testid="page-heard"]')!;
  heard.textContent = `input from <${(event.target as Element).localName}>`;
  heard.hidden = false;
});
