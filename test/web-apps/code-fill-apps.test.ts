// The content-side code fill (src/content) on the test web apps, in Chromium and Firefox ESR,
// against the local pool, which checks the TOTP code for real: the person types username and
// password in the app, the app shows its own code field, the finder picks it and the filler puts
// in the current code (computed from the user's secret), the app's own confirm button sends it,
// and the app's own RespondToAuthChallenge(SOFTWARE_TOKEN_MFA) succeeds. Also the code-fields
// page's traps: split boxes, a recovery decoy, hidden duplicates and a cross-origin frame (the
// frame case once per browser driver: it needs frame handles, which AppPage does not offer).
// Not wired into the extension yet: the modules are bundled and injected as the extension's
// content script will be (docs/architecture.md, "Content scripts").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { totpCode } from '../referees/helpers/totp';
import { BROWSERS, launchBrowser, type AppPage, type TestBrowser } from './browsers';
import { fillInPage, findInPage, injectProbe, probeBundle } from './code-fill-support';
import { startWebAppsFixture, type WebAppsFixture } from './support';
import { CHROMIUM_EXECUTABLE, FIREFOX_EXECUTABLE } from '../../browser-harness/executables';

const ampUser = (browser: string) => `fill-amp-${browser}`;
const ijsUser = (browser: string) => `fill-ijs-${browser}`;
const DIGITS = ['digit-1', 'digit-2', 'digit-3', 'digit-4', 'digit-5', 'digit-6'];

let fx: WebAppsFixture;
beforeAll(async () => {
  fx = await startWebAppsFixture('code-fill', { totp: [...BROWSERS.map(ampUser), ...BROWSERS.map(ijsUser)] });
});
afterAll(async () => fx?.close());

for (const browserName of BROWSERS) {
  describe(`code fill on the test web apps, in ${browserName}`, () => {
    let browser: TestBrowser;
    let page: AppPage;
    beforeAll(async () => { browser = await launchBrowser(browserName); });
    afterAll(async () => browser?.close());

    it("fills Amplify UI's TOTP field so that the app's own confirm signs in", async () => {
      const { username, password, totpSecret } = fx.user(ampUser(browserName));
      page = await browser.newPage();
      try {
        await page.goto(fx.apps.url('amplify', { pool: fx.config }));
        await page.type('form[data-amplify-authenticator-signin] input[name="username"]', username);
        await page.type('form[data-amplify-authenticator-signin] input[name="password"]', password);
        fx.calls.clear();
        await page.click('form[data-amplify-authenticator-signin] button[type="submit"]');
        await page.waitVisible('form[data-amplify-authenticator-confirmsignin] input[name="confirmation_code"]');
        await injectProbe(page);
        // Amplify UI gives its field a generated id: the one found is the one in its confirm form.
        const amplifyFieldId = await page.evaluate(() => document.querySelector('form[data-amplify-authenticator-confirmsignin] input[name="confirmation_code"]')!.id, null);
        expect(amplifyFieldId).not.toBe('');
        expect(await findInPage(page)).toEqual({ found: 'one', target: { kind: 'single', fields: [amplifyFieldId] } });
        expect(await fillInPage(page, totpCode(totpSecret, Date.now()))).toEqual({ filled: true });
        // Filling did not submit: the app still waits for its own button.
        expect(fx.calls.list).not.toContain('RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200');
        await page.click('form[data-amplify-authenticator-confirmsignin] button[type="submit"]');
        await page.waitVisible('[data-testid="attributes"]');
        expect(fx.calls.list).toContain('RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200');
        expect(await page.text('[data-testid="signed-in-username"]')).toBe(username);
      } finally {
        await page.close();
      }
    });

    it("fills the identity-js page's code field (found by name and label) so that sendMFACode signs in", async () => {
      const { username, password, totpSecret } = fx.user(ijsUser(browserName));
      page = await browser.newPage();
      try {
        await page.goto(fx.apps.url('identity-js', { pool: fx.config }));
        await page.waitVisible('#sign-in-form input[name="username"]');
        await page.type('#sign-in-form input[name="username"]', username);
        await page.type('#sign-in-form input[name="password"]', password);
        fx.calls.clear();
        await page.click('#sign-in-form button[type="submit"]');
        await page.waitVisible('#totp-form input#totpCode');
        await injectProbe(page);
        expect(await findInPage(page)).toEqual({ found: 'one', target: { kind: 'single', fields: ['totpCode'] } });
        expect(await fillInPage(page, totpCode(totpSecret, Date.now()))).toEqual({ filled: true });
        expect(fx.calls.list).not.toContain('RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200');
        await page.click('#totp-form button[type="submit"]');
        await page.waitVisible('[data-testid="attributes"]');
        expect(fx.calls.list).toContain('RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200');
        expect(await page.text('[data-testid="signed-in-username"]')).toBe(username);
      } finally {
        await page.close();
      }
    });

    it('fills the split boxes one digit each and leaves the recovery decoy and the hidden duplicates alone', async () => {
      page = await browser.newPage();
      try {
        await page.goto(fx.apps.url('code-fields'));
        await page.waitVisible('[data-testid="split-code"] input');
        await injectProbe(page);
        expect(await findInPage(page)).toEqual({ found: 'one', target: { kind: 'split', fields: DIGITS } });
        expect(await fillInPage(page, '135790')).toEqual({ filled: true });
        const values = await page.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll('input'), (input) => [input.name || input.id, input.value])), null);
        expect(values).toEqual({
          'digit-1': '1', 'digit-2': '3', 'digit-3': '5', 'digit-4': '7', 'digit-5': '9', 'digit-6': '0',
          otp: '', otpCode: '', recovery_code: '',
        });
        // Not submitted by the filler; the page's own Verify reads the six boxes as one code.
        expect(await page.isVisible('[data-testid="submitted-code"]')).toBe(false);
        await page.click('#verify-form button[type="submit"]');
        expect(await page.text('[data-testid="submitted-code"]')).toBe('135790');
      } finally {
        await page.close();
      }
    });
  });
}

describe('code fill and the cross-origin frame on the code-fields page, in chromium', () => {
  it("cannot reach the frame's field from the top frame, and run inside the frame finds that frame's own field", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, headless: true, args: ['--disable-gpu', '--disable-quic', '--disable-sync'] });
    try {
      const page = await browser.newPage();
      await page.goto(fx.apps.url('code-fields'));
      await page.getByTestId('cross-origin-frame').waitFor();
      await expect.poll(() => page.frames().find((f) => f.url().startsWith(fx.apps.otherOrigin))?.url()).toBeDefined();
      const frame = page.frames().find((f) => f.url().startsWith(fx.apps.otherOrigin))!;
      await frame.locator('#frame-code').waitFor();
      const content = await probeBundle();
      type Probe = { find(): unknown; fill(code: string): unknown };
      const probe = () => (globalThis as unknown as { __codeFillProbe: Probe }).__codeFillProbe;

      await page.addScriptTag({ content });
      // The top frame's answer is its own split boxes; the frame's field is not among its candidates.
      expect(await page.evaluate(`(${probe})().find()`)).toEqual({ found: 'one', target: { kind: 'split', fields: DIGITS } });
      expect(await page.evaluate(`(${probe})().fill('246802')`)).toEqual({ filled: true });
      expect(await frame.locator('#frame-code').inputValue()).toBe('');

      // The same modules run in the frame see only the frame's document (whether to fill there
      // is the extension's decision, by the frame's own origin binding).
      await frame.addScriptTag({ content });
      expect(await frame.evaluate(`(${probe})().find()`)).toEqual({ found: 'one', target: { kind: 'single', fields: ['frame-code'] } });
      expect(await frame.evaluate(`(${probe})().fill('246802')`)).toEqual({ filled: true });
      expect(await frame.locator('#frame-code').inputValue()).toBe('246802');
      // And the top frame's boxes keep what they had.
      expect(await page.locator('[data-testid="split-code"] input').evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value).join(''))).toBe('246802');
    } finally {
      await browser.close();
    }
  });
});

describe('code fill and the cross-origin frame on the code-fields page, in firefox', () => {
  it("cannot reach the frame's field from the top frame, and run inside the frame finds that frame's own field", async () => {
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_EXECUTABLE, headless: true });
    try {
      const page = await browser.newPage();
      await page.goto(fx.apps.url('code-fields'));
      await page.waitForSelector('[data-testid="cross-origin-frame"]');
      await expect.poll(() => page.frames().find((f) => f.url().startsWith(fx.apps.otherOrigin))?.url()).toBeDefined();
      const frame = page.frames().find((f) => f.url().startsWith(fx.apps.otherOrigin))!;
      await frame.waitForSelector('#frame-code');
      const content = await probeBundle();
      type Probe = { find(): unknown; fill(code: string): unknown };
      const probe = () => (globalThis as unknown as { __codeFillProbe: Probe }).__codeFillProbe;
      const frameValue = () => frame.$eval('#frame-code', (field) => (field as HTMLInputElement).value);

      await page.addScriptTag({ content });
      expect(await page.evaluate(`(${probe})().find()`)).toEqual({ found: 'one', target: { kind: 'split', fields: DIGITS } });
      expect(await page.evaluate(`(${probe})().fill('246802')`)).toEqual({ filled: true });
      expect(await frameValue()).toBe('');

      await frame.addScriptTag({ content });
      expect(await frame.evaluate(`(${probe})().find()`)).toEqual({ found: 'one', target: { kind: 'single', fields: ['frame-code'] } });
      expect(await frame.evaluate(`(${probe})().fill('246802')`)).toEqual({ filled: true });
      expect(await frameValue()).toBe('246802');
    } finally {
      await browser.close();
    }
  });
});
