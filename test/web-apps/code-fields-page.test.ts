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
