// The code-fields page (web-apps/code-fields) has the traps issue 9's code filler is tested on:
// six one-character boxes, a recovery/backup code decoy, two hidden duplicates of the code field
// and a code field in a frame from the other origin. These tests pin each one down, in Chromium
// and Firefox ESR, by the selectors the filler's tests will use, so a change to the page cannot
// quietly defuse a trap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApps, type WebAppsServer } from '../../web-apps/server';
import { BROWSERS, launchBrowser, type AppPage, type TestBrowser } from './browsers';

let apps: WebAppsServer;
// No pool: this page signs in nowhere.
beforeAll(async () => { apps = await startWebApps(); });
afterAll(async () => apps?.close());

/** What a selector's elements are, read in the page: attributes, shown or not, where. */
interface FieldFacts {
  name: string;
  autocomplete: string | null;
  maxLength: number;
  inputMode: string;
  /** Laid out with a size and not display:none / visibility:hidden. */
  rendered: boolean;
  /** Right edge of its box, in CSS px from the viewport's left. */
  right: number;
}

function factsOf(page: AppPage, selector: string): Promise<FieldFacts[]> {
  return page.evaluate((sel) => Array.from(document.querySelectorAll<HTMLInputElement>(sel)).map((input) => {
    const box = input.getBoundingClientRect();
    const style = getComputedStyle(input);
    return {
      name: input.name,
      autocomplete: input.getAttribute('autocomplete'),
      maxLength: input.maxLength,
      inputMode: input.inputMode,
      rendered: box.width > 0 && box.height > 0 && style.display !== 'none' && style.visibility !== 'hidden',
      right: box.right,
    };
  }), selector);
}

for (const browserName of BROWSERS) {
  describe(`the code-fields page, in ${browserName}`, () => {
    let browser: TestBrowser;
    let page: AppPage;
    beforeAll(async () => {
      browser = await launchBrowser(browserName);
      page = await browser.newPage();
      await page.goto(apps.url('code-fields'));
      await page.waitVisible('[data-testid="split-code"] input');
    });
    afterAll(async () => {
      await page?.close();
      await browser?.close();
    });

    it('splits the code over six visible one-character numeric boxes', async () => {
      const boxes = await factsOf(page, '[data-testid="split-code"] input');
      expect(boxes.map((box) => box.name)).toEqual(['digit-1', 'digit-2', 'digit-3', 'digit-4', 'digit-5', 'digit-6']);
      for (const box of boxes) expect(box).toMatchObject({ rendered: true, maxLength: 1, inputMode: 'numeric' });
      expect(boxes.every((box) => box.right > 0)).toBe(true);
      // The first box claims the whole code, as split inputs made for SMS autofill do.
      expect(boxes.map((box) => box.autocomplete)).toEqual(['one-time-code', null, null, null, null, null]);
    });

    it('submits what the six boxes hold as one code', async () => {
      for (let i = 1; i <= 6; i++) await page.type(`[data-testid="split-code"] input[name="digit-${i}"]`, String((i + 3) % 10));
      await page.click('#verify-form button[type="submit"]');
      await page.waitVisible('[data-testid="submitted-code"]');
      expect(await page.text('[data-testid="submitted-code"]')).toBe('456789');
    });

    it('has a visible decoy field for a recovery (backup) code', async () => {
      expect(await factsOf(page, '#recovery-code')).toEqual([expect.objectContaining({ name: 'recovery_code', rendered: true })]);
      const label = await page.text('label[for="recovery-code"]');
      expect(label).toMatch(/recovery code/i);
      expect(label).toMatch(/backup code/i);
    });

    it('has two hidden duplicates of the code field: display:none and off-screen', async () => {
      expect(await factsOf(page, '#otp-hidden')).toEqual([expect.objectContaining({ autocomplete: 'one-time-code', rendered: false })]);
      // Rendered (so "visible" to a naive check) but wholly left of the page.
      const [offScreen] = await factsOf(page, '#otp-off-screen');
      expect(offScreen).toMatchObject({ autocomplete: 'one-time-code', rendered: true });
      expect(offScreen!.right).toBeLessThanOrEqual(0);
      expect(await page.isVisible('#otp-hidden')).toBe(false);
    });

    it('embeds a code field from the other origin, which the page cannot reach into', async () => {
      const frameSrc = () => page.evaluate(() => document.querySelector('iframe')!.getAttribute('src'), undefined);
      await expect.poll(frameSrc).toBe(`${apps.otherOrigin}/code-fields/frame.html`);
      await expect.poll(() => page.evaluate(() => {
        const frame = document.querySelector('iframe')!;
        // Loaded, and closed to this page: a cross-origin document is null to it.
        return frame.contentWindow !== null && frame.contentDocument === null;
      }, undefined)).toBe(true);
      const framePage = await browser.newPage();
      try {
        await framePage.goto(`${apps.otherOrigin}/code-fields/frame.html`);
        expect(await factsOf(framePage, '#frame-code')).toEqual([expect.objectContaining({ name: 'code', autocomplete: 'one-time-code', rendered: true })]);
      } finally {
        await framePage.close();
      }
    });

    it('takes the frame from the primary origin when opened on the other one', async () => {
      expect(new URL(apps.otherOrigin).hostname).not.toBe(new URL(apps.origin).hostname);
      const other = await browser.newPage();
      try {
        await other.goto(apps.url('code-fields', { on: 'other' }));
        await expect.poll(() => other.evaluate(() => document.querySelector('iframe')!.getAttribute('src'), undefined))
          .toBe(`${apps.origin}/code-fields/frame.html`);
      } finally {
        await other.close();
      }
    });
  });
}

// The code-fields app's second page (web-component.html): a sign-in widget as a web component,
// whose code step is drawn inside its open shadow root after "Continue", with the plain page's
// traps in there too, and a widget whose closed shadow root holds a code field.
for (const browserName of BROWSERS) {
  describe(`the code-fields web-component page, in ${browserName}`, () => {
    let browser: TestBrowser;
    let page: AppPage;
    const inWidget = <A, R>(fn: (root: ShadowRoot, arg: A) => R, arg: A) =>
      page.evaluate(([source, a]) => new Function('root', 'arg', `return (${source})(root, arg)`)(document.querySelector('code-step-widget')!.shadowRoot, a),
        [fn.toString(), arg] as const) as Promise<R>;
    beforeAll(async () => {
      browser = await launchBrowser(browserName);
      page = await browser.newPage();
      await page.goto(new URL('web-component.html', apps.url('code-fields')).href);
    });
    afterAll(async () => {
      await page?.close();
      await browser?.close();
    });

    it('draws the code step inside the open shadow root, only after Continue; the document itself has no input', async () => {
      await expect.poll(() => page.evaluate(() => !!document.querySelector('code-step-widget')?.shadowRoot?.getElementById('continue'), null)).toBe(true);
      expect(await inWidget((root) => root.getElementById('shadow-code') === null, null)).toBe(true);
      await inWidget((root) => (root.getElementById('continue') as HTMLButtonElement).click(), null);
      await expect.poll(() => inWidget((root) => root.getElementById('shadow-code') !== null, null)).toBe(true);
      const facts = await inWidget((root) => Object.fromEntries(['shadow-code', 'shadow-code-hidden', 'shadow-recovery'].map((id) => {
        const input = root.getElementById(id) as HTMLInputElement;
        return [id, { autocomplete: input.getAttribute('autocomplete'), rendered: input.checkVisibility(), label: input.labels?.[0]?.textContent ?? '' }];
      })), null);
      expect(facts['shadow-code']).toMatchObject({ autocomplete: 'one-time-code', rendered: true, label: 'Authenticator code' });
      expect(facts['shadow-code-hidden']).toMatchObject({ autocomplete: 'one-time-code', rendered: false });
      expect(facts['shadow-recovery']).toMatchObject({ rendered: true, label: expect.stringMatching(/recovery code.*backup code/i) });
      expect(await page.evaluate(() => document.querySelectorAll('input').length, null)).toBe(0);
    });

    it("Verify shows the code the widget took from its field's input events (not the DOM value); the page hears the composed input", async () => {
      await expect.poll(() => inWidget((root) => root.getElementById('shadow-code') !== null, null)).toBe(true);
      const verify = (value: string, withEvent: boolean) => inWidget((root, [v, event]) => {
        const field = root.getElementById('shadow-code') as HTMLInputElement;
        field.value = v as string;
        if (event) field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        (root.querySelector('button[type="submit"]') as HTMLButtonElement).click();
        return root.getElementById('result')!.textContent;
      }, [value, withEvent]);
      expect(await verify('123456', true)).toBe('123456');
      // Set without an input event, the widget's state keeps the old code.
      expect(await verify('999999', false)).toBe('123456');
      expect(await page.text('[data-testid="page-heard"]')).toBe('input from <code-step-widget>');
    });

    it('the closed widget is sealed to the page: its shadowRoot reads null', async () => {
      expect(await page.evaluate(() => {
        const host = document.querySelector('closed-code-widget') as HTMLElement & { closedValue(): string };
        return { shadowRoot: host.shadowRoot, value: host.closedValue(), rendered: host.getBoundingClientRect().height > 0 };
      }, null)).toEqual({ shadowRoot: null, value: '', rendered: true });
    });
  });
}
