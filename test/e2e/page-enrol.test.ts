// Enrolment from the page (issue 9 item 4) in Chromium, with the packaged zip, on the Amplify v6
// test app (web-apps/amplify: @aws-amplify/ui-react's Authenticator) against the local pool: a
// pool user with no second factor yet signs in in the app, which shows its TOTP set-up (the
// otpauth QR). The person clicks the toolbar button on that tab (CDP Extensions.triggerAction:
// the popup opens and activeTab is granted) and "Use this extension as the authenticator" in
// the popup's "This tab" panel; the popup captures and decodes the QR itself and asks for
// confirmation, with the focus on Cancel; Accept adds the account, binds it to the app's origin
// and fills the verification code into the set-up form through code fill. The person submits the
// form: the app's own VerifySoftwareToken succeeds and the app shows the user signed in. Then
// the page (DOM, input values, both storages, cookies) and every storage area of the extension
// hold no TOTP secret, password or vault password. The next sign-in on the site gets its code filled.
//
// The site's host permission is pre-approved (chrome://extensions), as code-fill.test.ts does: a
// headless Chromium's permission prompt cannot be answered, and the popup's request in the click
// then resolves at once. Firefox is not driven here (left for its action-popup harness).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_DEBUGGING_FLAG, openActionPopup, type PopupEvaluate } from '../../browser-harness/chromium-action-popup';
import { sendToBackground } from '../../browser-harness/extension-api';
import { chromiumUnderTest, cleanUp, launchChromium, OPTIONS_PATH, type ChromiumSession, type ExtensionUnderTest } from '../../browser-harness/launch';
import { setUpVault } from '../../browser-harness/steps';
import { until } from '../../browser-harness/until';
import { startWebAppsFixture, type WebAppsFixture } from '../web-apps/support';
import { expectNoPlaintextSecrets, pageState } from './secret-scan';

const VAULT_PASSWORD = 'page enrol vault password';
const USER = 'pe-enrol-chromium';
const SIGN_IN = 'form[data-amplify-authenticator-signin]';
const SETUP = 'form[data-amplify-authenticator-setup-totp]';
const SETUP_CODE = `${SETUP} input[name="confirmation_code"]`;
const CONFIRM = 'form[data-amplify-authenticator-confirmsignin]';
const CONFIRM_CODE = `${CONFIRM} input[name="confirmation_code"]`;

let fx: WebAppsFixture;
let session: ChromiumSession;
let ext: ExtensionUnderTest;

beforeAll(async () => {
  fx = await startWebAppsFixture('page-enrol', { totp: [], unenrolled: [USER] });
  session = await launchChromium({ extraArgs: [ACTION_DEBUGGING_FLAG] });
  ext = chromiumUnderTest(session);
  await setUpVault(ext, VAULT_PASSWORD);
  await ext.preApproveHostPermission('http://127.0.0.1/*');
}, 120_000);
afterAll(() => cleanUp([() => ext?.close(), () => fx?.close()]));

function shown(page: Page, selector: string): Promise<true> {
  return until(`${selector} to be shown`, async () => (await page.evaluate((s) => document.querySelector(s)?.checkVisibility() === true, selector)) || undefined, 30_000);
}

function inPopup<T>(evaluate: PopupEvaluate, what: string, expression: string): Promise<T> {
  return until(what, async () => ((await evaluate(expression)) ?? undefined) as T | undefined, { timeoutMs: 20_000, intervalMs: 100, retryErrors: true })
    .catch(async (error: Error) => {
      throw new Error(`${error.message}; the popup says: ${String(await evaluate('document.body.innerText').catch(() => '?')).slice(0, 600)}`);
    });
}

describe('Chromium: "Use this extension as the authenticator" on Amplify UI\'s TOTP set-up', () => {
  it('captures the set-up QR in the popup, adds and binds the account after confirmation, fills the code; the app\'s VerifySoftwareToken signs in', async () => {
    const { username, password } = fx.unenrolled(USER);
    const page = await session.context.newPage();
    await page.goto(fx.apps.url('amplify', { pool: fx.config }));
    await shown(page, `${SIGN_IN} input[name="username"]`);
    await page.fill(`${SIGN_IN} input[name="username"]`, username);
    await page.fill(`${SIGN_IN} input[name="password"]`, password);
    await page.click(`${SIGN_IN} button[type="submit"]`);
    await shown(page, `${SETUP} img[data-amplify-qrcode]`);
    await page.waitForFunction((s) => document.querySelector<HTMLImageElement>(s)?.complete === true, `${SETUP} img[data-amplify-qrcode]`);
    // What the app shows the person (read by the test only, for the secret scan at the end).
    const secret = (await page.textContent(`${SETUP} [data-amplify-copy] > div`))!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.bringToFront();
    fx.calls.clear();

    const popup = await openActionPopup(session.context, session.extensionId, fx.apps.origin);
    try {
      const { evaluate } = popup;
      await inPopup(evaluate, 'the enrol entry in This tab', '(() => { const b = document.querySelector("[data-testid=enrol-from-page]"); return b && !b.hidden ? true : undefined; })()');
      await evaluate('document.querySelector("[data-testid=enrol-start]").click()');
      const confirm = await inPopup<{ text: string; focused: string | null; popup: string }>(evaluate, 'the confirmation', `(() => {
        const c = document.querySelector("[data-testid=enrol-confirm]");
        return c && !c.hidden && c.querySelector("[data-testid=enrol-confirm-accept]")
          ? { text: c.innerText, focused: document.activeElement?.getAttribute("data-testid") ?? null, popup: document.documentElement.outerHTML + document.body.innerText } : undefined; })()`);
      expect(confirm.text).toContain(username);
      expect(confirm.text).toContain(fx.apps.origin);
      // The security confirmation's default focus is not on the accepting button.
      expect(confirm.focused).toBe('enrol-confirm-cancel');
      expect(confirm.popup).not.toContain(secret);
      // Nothing is added before the person accepts.
      expect(await evaluate('chrome.runtime.sendMessage({ type: "list-accounts" })')).toEqual({ ok: true, accounts: [] });

      await evaluate('document.querySelector("[data-testid=enrol-confirm-accept]").click()', { userGesture: true });
      const result = await inPopup<string>(evaluate, 'the enrolment to end', '(() => { const s = document.querySelector("[data-testid=this-tab-status]"); return s?.dataset.result; })()');
      expect(result).toBe('enrolled');
      expect(await evaluate('document.querySelector("[data-testid=this-tab-account-label]")?.innerText')).toContain(username);
    } finally {
      await popup.detach();
    }

    // The code is in the app's set-up field; the person submits the app's own form.
    await until('the verification code in the set-up field', async () => /^\d{6}$/.test(await page.inputValue(SETUP_CODE)) || undefined, 15_000);
    await page.click(`${SETUP} button[type="submit"]`);
    await shown(page, '[data-testid="attributes"]');
    expect(await page.textContent('[data-testid="signed-in-username"]')).toBe(username);
    expect(fx.calls.list).toContain('VerifySoftwareToken->200');

    // The account: one TOTP account bound to exactly the app's origin.
    const options = await ext.openPage(OPTIONS_PATH);
    try {
      expect(await sendToBackground(options, { type: 'accounts-for-origin', origin: fx.apps.origin }))
        .toMatchObject({ ok: true, accounts: [{ kind: 'totp', label: username }], permissionGranted: true });
    } finally {
      await options.close();
    }

    const secrets = { 'TOTP secret': secret, password, vaultPassword: VAULT_PASSWORD };
    expectNoPlaintextSecrets(await pageState(page), secrets);
    expectNoPlaintextSecrets(await ext.dumpStorage(), secrets);

    // The next sign-in on that site, in a freshly loaded page (the registered content script, not
    // the injected one): the app asks for the TOTP code and the extension fills it by itself (a
    // plain TOTP account follows the default policy, automatic). The enrolment's step is used, so
    // within the same 30 s the code follows when the next step begins.
    await page.click('button:has-text("Sign out")');
    await shown(page, `${SIGN_IN} input[name="username"]`);
    await page.goto(fx.apps.url('amplify', { pool: fx.config }));
    await shown(page, `${SIGN_IN} input[name="username"]`);
    fx.calls.clear();
    await page.fill(`${SIGN_IN} input[name="username"]`, username);
    await page.fill(`${SIGN_IN} input[name="password"]`, password);
    await page.click(`${SIGN_IN} button[type="submit"]`);
    await shown(page, CONFIRM_CODE);
    await until('the extension to fill the sign-in code', async () => /^\d{6}$/.test(await page.inputValue(CONFIRM_CODE)) || undefined, 45_000);
    await page.click(`${CONFIRM} button[type="submit"]`);
    await shown(page, '[data-testid="attributes"]');
    expect(fx.calls.list).toContain('RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200');
    expectNoPlaintextSecrets(await pageState(page), secrets);
    await page.close();
  }, 200_000);
});
