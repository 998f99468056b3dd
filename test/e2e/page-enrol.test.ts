// Enrolment from the page (issue 9 item 4) in Chromium (packaged zip, playwright-core) and
// Firefox ESR (packaged xpi, puppeteer-core over BiDi), one scenario for both, on the Amplify v6
// test app (web-apps/amplify: @aws-amplify/ui-react's Authenticator) against the local pool: a
// pool user with no second factor yet signs in in the app, which shows its TOTP set-up (the
// otpauth QR). The person clicks the toolbar button on that tab (the popup opens and activeTab
// is granted) and "Use this extension as the authenticator" in the popup's "This tab" panel; the
// popup captures the visible tab (tabs.captureVisibleTab, allowed by that activeTab grant in both
// browsers) and decodes the QR itself, and asks for confirmation, with the focus on Cancel;
// Accept adds the account, binds it to the app's origin and fills the verification code into the
// set-up form through code fill. The person submits the form: the app's own VerifySoftwareToken
// succeeds and the app shows the user signed in. Then the page (DOM, input values, both storages,
// cookies) and every storage area of the extension hold no TOTP secret, password or vault
// password. The next sign-in on the site gets its code filled.
//
// Another user's Cognito account ("ask me first") is already bound to the app's origin with
// sign-in observation on, so the extension sees the app's sign-in: the enrolled account records
// that Cognito user, app client and pool endpoint (read back with `accounts-for-origin`, as options
// and the popup read it), and on the next sign-in, with two accounts bound there, the observed user
// picks it exactly (`tab-sign-in` names it) and its code is filled without asking.
//
// The toolbar click: Chromium, CDP Extensions.triggerAction (browser-harness/chromium-action-popup.ts);
// Firefox, the action's own triggerAction from the chrome context, with the popup driven through a
// frame script (browser-harness/firefox-action-popup.ts). The site's host permission is
// pre-approved (Chromium: chrome://extensions; Firefox: the launch pref that skips the prompt),
// as code-fill.test.ts does: a headless browser's permission prompt cannot be answered; the
// popup's request in the click is still made and the grant is real.
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_DEBUGGING_FLAG, openActionPopup } from '../../browser-harness/chromium-action-popup';
import { sendToBackground } from '../../browser-harness/extension-api';
import { clickToolbarButton, inPopup, inSelectedTab } from '../../browser-harness/firefox-action-popup';
import {
  chromiumUnderTest, cleanUp, FIREFOX_SCENARIO_OPTIONS, firefoxUnderTest, launchChromium, launchFirefox, OPTIONS_PATH,
  type ExtensionUnderTest, type ExtPage,
} from '../../browser-harness/launch';
import { addCognitoAccount, setUpVault } from '../../browser-harness/steps';
import { until } from '../../browser-harness/until';
import { startWebAppsFixture, type WebAppsFixture } from '../web-apps/support';
import { expectNoPlaintextSecrets, pageState } from './secret-scan';

const VAULT_PASSWORD = 'page enrol vault password';
const SIGN_IN = 'form[data-amplify-authenticator-signin]';
const SETUP = 'form[data-amplify-authenticator-setup-totp]';
const SETUP_CODE = `${SETUP} input[name="confirmation_code"]`;
const CONFIRM = 'form[data-amplify-authenticator-confirmsignin]';
const CONFIRM_CODE = `${CONFIRM} input[name="confirmation_code"]`;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The app's tab, the same few operations over either driver. */
interface AppTab {
  goto(url: string): Promise<void>;
  type(selector: string, text: string): Promise<void>;
  click(selector: string): Promise<void>;
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Selects the tab (the toolbar click acts on the selected tab) and checks the browser agrees. */
  select(): Promise<void>;
  close(): Promise<void>;
}

/** The toolbar popup opened on the selected tab: `run(fn, arg)` runs `fn(window, arg)` in it. */
interface ActionPopup {
  run<A extends Json, T extends Json>(fn: (w: Window, arg: A) => T, arg: A, opts?: { userGesture?: boolean }): Promise<T>;
  close(): Promise<void>;
}

/** One browser's way to the same journey. */
interface Journey {
  ext: ExtensionUnderTest;
  newAppTab(): Promise<AppTab>;
  openPopup(): Promise<ActionPopup>;
}

const launchers: Record<'chromium' | 'firefox', (fx: WebAppsFixture) => Promise<Journey>> = {
  async chromium(fx) {
    const session = await launchChromium({ extraArgs: [ACTION_DEBUGGING_FLAG] });
    const ext = chromiumUnderTest(session);
    return {
      ext,
      async newAppTab() {
        const page: PwPage = await session.context.newPage();
        return {
          async goto(url) { await page.goto(url); },
          type: (selector, text) => page.fill(selector, text),
          click: (selector) => page.click(selector),
          evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as never, arg as never) as Promise<R>,
          select: () => page.bringToFront(),
          close: () => page.close(),
        };
      },
      async openPopup() {
        const { evaluate, detach } = await openActionPopup(session.context, session.extensionId, fx.apps.origin);
        return {
          run: async (fn, arg, opts) => (await evaluate(`(${fn.toString()})(window, ${JSON.stringify(arg)})`, opts)) as never,
          async close() {
            await evaluate('window.close()').catch(() => undefined);
            await detach();
          },
        };
      },
    };
  },
  async firefox() {
    const session = await launchFirefox(FIREFOX_SCENARIO_OPTIONS);
    const ext = firefoxUnderTest(session);
    return {
      ext,
      async newAppTab() {
        const page: PpPage = await session.browser.newPage();
        return {
          async goto(url) { await page.goto(url); },
          type: (selector, text) => page.type(selector, text),
          click: (selector) => page.click(selector),
          evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as never, arg as never) as Promise<R>,
          async select() {
            await page.bringToFront();
            const href = await page.evaluate(() => location.href);
            await until('the app\'s tab to be the selected one', async () => (await inSelectedTab(session, (w) => w.location.href, null)) === href || undefined, 10_000);
          },
          close: () => page.close(),
        };
      },
      async openPopup() {
        await clickToolbarButton(session);
        return {
          // The frame script runs with the popup's click as the person's (permissions.request is allowed).
          run: (fn, arg) => inPopup(session, fn, arg, 30_000),
          close: () => inPopup(session, (w) => { setTimeout(() => w.close(), 100); return true; }, null).then(() => undefined, () => undefined),
        };
      },
    };
  },
};

for (const browserName of ['chromium', 'firefox'] as const) {
  describe(`${browserName}: "Use this extension as the authenticator" on Amplify UI's TOTP set-up`, () => {
    const USER = `pe-enrol-${browserName}`;
    const OTHER = `pe-other-${browserName}`;
    let otherId: string;
    let fx: WebAppsFixture;
    let journey: Journey;
    let options: ExtPage;

    beforeAll(async () => {
      fx = await startWebAppsFixture(`page-enrol-${browserName}`, { totp: [OTHER], unenrolled: [USER] });
      journey = await launchers[browserName](fx);
      await setUpVault(journey.ext, VAULT_PASSWORD);
      await journey.ext.preApproveHostPermission('http://127.0.0.1/*');
      // Another user of the same app already bound to its origin, with sign-in observation on
      // (switched on by the person in the options page): the
      // extension sees the app's sign-ins, and two accounts are bound there once the new one is.
      // "Ask me first": nothing of his is filled for another user's sign-in.
      otherId = await addCognitoAccount(journey.ext, {
        label: 'Other', pool: fx.config, username: OTHER, password: fx.user(OTHER).password, totpSecret: fx.user(OTHER).totpSecret, policy: 'ask', rememberDevice: false,
      });
      // Opened before the app's tab: in Firefox a new tab is selected, and the toolbar click acts on the selected tab.
      options = await journey.ext.openPage(OPTIONS_PATH);
      expect(await sendToBackground(options, { type: 'bind-site', accountId: otherId, origin: fx.apps.origin })).toMatchObject({ ok: true });
      await options.reload();
      const row = `[data-testid=options-account-row][data-account-id="${otherId}"]`;
      await options.waitFor(`${row} [data-testid=show-sites]`);
      await options.click(`${row} [data-testid=show-sites]`);
      const box = `[data-testid=sites-row]:not([hidden]) [data-testid=site-row][data-origin="${fx.apps.origin}"] [data-testid=site-observeSignIn]`;
      await options.waitFor(box);
      await options.click(box);
      await until('observation on for the other account', async () => {
        const { accounts } = await sendToBackground(options, { type: 'list-accounts' });
        return accounts.find((a: { id: string }) => a.id === otherId)?.sites?.[0]?.observeSignIn === true;
      });
    }, 180_000);
    afterAll(() => cleanUp([() => options?.close(), () => journey?.ext.close(), () => fx?.close()]));

    async function shown(tab: AppTab, selector: string): Promise<true> {
      return until(`${selector} to be shown`, async () => (await tab.evaluate((s) => document.querySelector(s)?.checkVisibility() === true, selector)) || undefined, 30_000);
    }
    /** The id of the one tab whose URL starts with `prefix`, as the extension sees it. */
    const tabIdOf = (prefix: string) => until(`a tab at ${prefix}`, () => options.evaluateWith(async (p) => {
      const found = (await ((globalThis as any).browser ?? (globalThis as any).chrome).tabs.query({})).filter((t: { url?: string }) => t.url?.startsWith(p));
      return found.length === 1 ? found[0].id as number : undefined;
    }, prefix));
    const inputValue = (tab: AppTab, selector: string) => tab.evaluate((s) => document.querySelector<HTMLInputElement>(s)?.value ?? '', selector);

    /** Polls `fn` in the popup until it returns something (not null); says what the popup shows on timeout. */
    function inThePopup<A extends Json, T extends Json>(popup: ActionPopup, what: string, fn: (w: Window, arg: A) => T | null, arg: A): Promise<T> {
      return until(what, async () => ((await popup.run(fn, arg)) ?? undefined) as T | undefined, { timeoutMs: 30_000, intervalMs: 200, retryErrors: true })
        .catch(async (error: Error) => {
          throw new Error(`${error.message}; the popup says: ${String(await popup.run((w) => w.document.body.innerText, null).catch(() => '?')).slice(0, 600)}`);
        });
    }

    it('captures the set-up QR in the popup, adds and binds the account after confirmation, fills the code; the app\'s VerifySoftwareToken signs in; the next sign-in is filled', async () => {
      const { username, password } = fx.unenrolled(USER);
      const tab = await journey.newAppTab();
      await tab.goto(fx.apps.url('amplify', { pool: fx.config }));
      await shown(tab, `${SIGN_IN} input[name="username"]`);
      await tab.type(`${SIGN_IN} input[name="username"]`, username);
      await tab.type(`${SIGN_IN} input[name="password"]`, password);
      // The background is stopped when the app signs in, as after any idle while a person types:
      // the page's request must wake it. (Firefox's event page was not woken while observation's
      // listener came from a grant at run time: the sign-in was missed; listeners.ts.)
      await journey.ext.stopBackground();
      await tab.click(`${SIGN_IN} button[type="submit"]`);
      await shown(tab, `${SETUP} img[data-amplify-qrcode]`);
      await until('the set-up QR image to load', async () => (await tab.evaluate((s) => document.querySelector<HTMLImageElement>(s)?.complete === true, `${SETUP} img[data-amplify-qrcode]`)) || undefined, 15_000);
      // What the app shows the person (read by the test only, for the secret scan at the end).
      const secret = (await tab.evaluate((s) => document.querySelector(s)?.textContent ?? '', `${SETUP} [data-amplify-copy] > div`)).trim();
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await tab.select();
      // The app's sign-in was seen (through the other account's observation): this user, no account of theirs yet.
      const tabId = await tabIdOf(fx.apps.origin);
      const seen = await until('the app\'s sign-in observed', async () => {
        const answer = await sendToBackground(options, { type: 'tab-sign-in', tab: { id: tabId } });
        return answer.signIn?.username ? answer : undefined;
      });
      expect(seen).toMatchObject({ ok: true, signIn: { origin: fx.apps.origin, clientId: fx.config.clientId }, accountIds: [] });
      expect(seen.signIn.username.toLowerCase()).toBe(username.toLowerCase());
      fx.calls.clear();

      const popup = await journey.openPopup();
      try {
        await inThePopup(popup, 'the enrol entry in This tab', (w) => {
          const b = w.document.querySelector<HTMLElement>('[data-testid=enrol-from-page]');
          return b && !b.hidden ? true : null;
        }, null);
        // The panel says what the extension saw: this user signing in, and no account of theirs here.
        const before = await inThePopup(popup, 'the observed sign-in in This tab', (w) => {
          const b = w.document.querySelector<HTMLElement>('[data-testid=this-tab-sign-in]');
          return b && !b.hidden ? { user: b.querySelector<HTMLElement>('[data-testid=this-tab-sign-in-user]')!.innerText, account: b.querySelector<HTMLElement>('[data-testid=this-tab-sign-in-account]')!.innerText } : null;
        }, null);
        expect(before).toEqual({ user: `${fx.apps.origin} is signing in as ${seen.signIn.username}`, account: 'No account here is for this user.' });
        await popup.run((w) => { w.document.querySelector<HTMLButtonElement>('[data-testid=enrol-start]')!.click(); return true; }, null);
        const confirm = await inThePopup(popup, 'the confirmation', (w) => {
          const c = w.document.querySelector<HTMLElement>('[data-testid=enrol-confirm]');
          return c && !c.hidden && c.querySelector('[data-testid=enrol-confirm-accept]')
            ? { text: c.innerText, focused: w.document.activeElement?.getAttribute('data-testid') ?? null, popup: w.document.documentElement.outerHTML + w.document.body.innerText }
            : null;
        }, null);
        expect(confirm.text).toContain(username);
        expect(confirm.text).toContain(fx.apps.origin);
        // The security confirmation's default focus is not on the accepting button.
        expect(confirm.focused).toBe('enrol-confirm-cancel');
        expect(confirm.popup).not.toContain(secret);
        // Nothing is added before the person accepts.
        expect((await sendToBackground(options, { type: 'list-accounts' })).accounts.map((a: { id: string }) => a.id)).toEqual([otherId]);

        await popup.run((w) => { w.document.querySelector<HTMLButtonElement>('[data-testid=enrol-confirm-accept]')!.click(); return true; }, null, { userGesture: true });
        const result = await inThePopup(popup, 'the enrolment to end', (w) => w.document.querySelector<HTMLElement>('[data-testid=this-tab-status]')?.dataset.result ?? null, null);
        expect(result).toBe('enrolled');
        // The panel, drawn again, names the new account as this sign-in's.
        expect(await inThePopup(popup, 'the sign-in\'s account in This tab', (w, name) => {
          const line = w.document.querySelector<HTMLElement>('[data-testid=this-tab-sign-in-account]');
          return line?.innerText === `Account for this user: ${name}` ? line.dataset.accountIds ?? '' : null;
        }, username)).not.toBe('');
        // The panel now lists the new account beside the other one bound there.
        expect(await popup.run((w) => [...w.document.querySelectorAll<HTMLElement>('[data-testid=this-tab-account-label]')].map((e) => e.innerText), null))
          .toEqual(expect.arrayContaining([expect.stringContaining(username), expect.stringContaining('Other')]));
      } finally {
        await popup.close();
      }

      // The code is in the app's set-up field; the person submits the app's own form.
      await until('the verification code in the set-up field', async () => /^\d{6}$/.test(await inputValue(tab, SETUP_CODE)) || undefined, 15_000);
      await tab.click(`${SETUP} button[type="submit"]`);
      await shown(tab, '[data-testid="attributes"]');
      expect(await tab.evaluate(() => document.querySelector('[data-testid="signed-in-username"]')?.textContent ?? '', null)).toBe(username);
      expect(fx.calls.list).toContain('VerifySoftwareToken->200');

      // The account: a TOTP account bound to exactly the app's origin, beside the other user's,
      // linked to the Cognito user, app client and pool endpoint the extension saw the app sign in
      // with (and observed there, as the site already was), as options and the popup read it.
      const here = await sendToBackground(options, { type: 'accounts-for-origin', origin: fx.apps.origin });
      expect(here).toMatchObject({ ok: true, permissionGranted: true });
      expect(here.accounts.map((a: { id: string }) => a.id)).toContain(otherId);
      const enrolled = here.accounts.find((a: { id: string }) => a.id !== otherId);
      expect(enrolled).toMatchObject({
        kind: 'totp', label: username,
        cognito: { endpoint: new URL(fx.config.endpoint).origin, clientId: fx.config.clientId, username: seen.signIn.username },
        sites: [{ origin: fx.apps.origin, observeSignIn: true, submitAfterFill: false }],
      });
      expect(here.accounts).toHaveLength(2);

      const secrets = { 'TOTP secret': secret, password, vaultPassword: VAULT_PASSWORD, 'other TOTP secret': fx.user(OTHER).totpSecret, 'other password': fx.user(OTHER).password };
      const scanPage = () => pageState({ evaluate: (fn) => tab.evaluate(fn, null) });
      expectNoPlaintextSecrets(await scanPage(), secrets);
      expectNoPlaintextSecrets(await journey.ext.dumpStorage(), secrets);

      // The next sign-in on that site, in a freshly loaded page (the registered content script, not
      // the injected one): the app asks for the TOTP code and the extension fills it by itself (a
      // plain TOTP account follows the default policy, automatic). Two accounts are bound there:
      // the observed sign-in names the enrolled one through its link (without it the person would
      // have to pick, and nothing would be filled). The enrolment's step is used, so within the
      // same 30 s the code follows when the next step begins.
      await tab.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Sign out')!.click(), null);
      await shown(tab, `${SIGN_IN} input[name="username"]`);
      await tab.goto(fx.apps.url('amplify', { pool: fx.config }));
      await shown(tab, `${SIGN_IN} input[name="username"]`);
      fx.calls.clear();
      await tab.type(`${SIGN_IN} input[name="username"]`, username);
      await tab.type(`${SIGN_IN} input[name="password"]`, password);
      await tab.click(`${SIGN_IN} button[type="submit"]`);
      await shown(tab, CONFIRM_CODE);
      await until('the extension to fill the sign-in code', async () => /^\d{6}$/.test(await inputValue(tab, CONFIRM_CODE)) || undefined, 45_000);
      expect(await sendToBackground(options, { type: 'tab-sign-in', tab: { id: tabId } })).toMatchObject({ signIn: { username: seen.signIn.username }, accountIds: [enrolled.id] });
      await tab.click(`${CONFIRM} button[type="submit"]`);
      await shown(tab, '[data-testid="attributes"]');
      expect(fx.calls.list).toContain('RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200');
      expectNoPlaintextSecrets(await scanPage(), secrets);
      await tab.close();
    }, 240_000);
  });
}
