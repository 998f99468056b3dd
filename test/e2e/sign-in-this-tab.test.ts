// "Sign in this tab" end to end, in real Chromium (the packaged zip, playwright-core) and Firefox
// ESR (the xpi, puppeteer-core over BiDi), on both test web apps (web-apps/: Amplify v6 with
// Amplify UI, and amazon-cognito-identity-js) against the local pool, which checks SRP, TOTP and
// device SRP for real. The extension's accounts talk to the pool through the same recorder as
// the apps, so every call either side made is seen.
//
// The first part asks the background the way the popup's "This tab" panel asks it (`sign-in-tab`
// with the tab's id, from an extension page; the last part presses the popup's own button): the extension runs its own sign-in (password, TOTP from the
// vault), writes the session into the app's page and reloads it; the app then shows the user and
// its own GetUser succeeds. With 5-minute tokens and the pool's clock moved past their expiry,
// the page's original access token is refused by the pool, and after the extension's refresh
// (its alarm fired) the page holds new tokens and is still signed in after a reload, with and
// without a remembered device. The page's storage never holds a refresh token, device key,
// password or TOTP secret. An account bound to another site, and a page that keeps its session
// in cookies (here: a page that has the libraries' cookies set, the app on a site whose storage
// is cookies), get nothing, and nothing is sent to Cognito for them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UpdateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumUnderTest, cleanUp, FIREFOX_SCENARIO_OPTIONS, firefoxUnderTest, launchChromium, launchExtension, launchFirefox, LOCAL_POOL_HOST_PATTERN, OPTIONS_PATH,
  type ChromiumSession, type ExtensionUnderTest, type ExtPage, type FirefoxSession,
} from '../../browser-harness/launch';
import { ACTION_DEBUGGING_FLAG, callInPopup, openActionPopup } from '../../browser-harness/chromium-action-popup';
import { clickToolbarButton, inPopup, inSelectedTab } from '../../browser-harness/firefox-action-popup';
import { addCognitoAccount, setUpVault } from '../../browser-harness/steps';
import { until } from '../../browser-harness/until';
import { fireAlarmNow, sendToBackground } from '../../browser-harness/extension-api';
import { REFRESH_ALARM_PREFIX } from '../../src/background/agent/refresh-scheduler';
import { cognitoClient } from '../referees/helpers/setup';
import { startWebAppsFixture, type WebAppsFixture } from '../web-apps/support';
import { expectNoPlaintextSecrets } from './secret-scan';

const VAULT_PASSWORD = 'sign in this tab vault password';
const EN = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const APPS = ['amplify', 'identity-js'] as const;
type App = (typeof APPS)[number];
/** One user per scenario, so TOTP steps and devices never cross. */
type Scenario = 'first' | 'plain' | 'device';
const userOf = (app: App, scenario: Scenario) => `tab-${app}-${scenario}`;
const UNBOUND = 'tab-unbound';
const USERS = [...APPS.flatMap((app) => (['first', 'plain', 'device'] as const).map((s) => userOf(app, s))), UNBOUND];
/** How far the pool's clock is moved to let 5-minute tokens expire. */
const PAST_EXPIRY_MS = 6 * 60_000;
const DEVICE_KEY_NAMES = ['deviceKey', 'deviceGroupKey', 'randomPasswordKey'];
/**
 * The sign-in calls among those the pool saw. The background refreshes the other accounts' 5-minute
 * tokens on its own schedule while a slow run goes on; such a refresh is not a call made for the
 * account a test refuses, so "nothing is sent to Cognito" means no sign-in step.
 */
const signInCalls = (list: readonly string[]) => list.filter((c) => !/^GetTokensFromRefreshToken|^InitiateAuth\(REFRESH_TOKEN/.test(c));

interface PageState { local: Record<string, string>; session: Record<string, string>; cookies: string; html: string }

const pageState = (page: ExtPage): Promise<PageState> => page.evaluate(() => {
  const read = (store: Storage) => Object.fromEntries(Array.from({ length: store.length }, (_, i) => store.key(i)!).map((k) => [k, store.getItem(k)!]));
  return { local: read(localStorage), session: read(sessionStorage), cookies: document.cookie, html: document.documentElement.outerHTML };
});

/** The id of the tab showing `url`, as the popup would know it (tabs.query from an extension page). */
const tabIdOf = (page: ExtPage, url: string): Promise<number> => until(`a tab showing ${url}`, () => page.evaluateWith(async (u) => {
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  const tabs = (await api.tabs.query({})) as { id?: number; url?: string }[];
  return tabs.find((t) => t.url === u)?.id;
}, url));

describe.each(['chromium', 'firefox'] as const)('%s: Sign in this tab', (browserName) => {
  /** A pool that tracks devices (remembered on the user's say), and one that tracks none. */
  let fx: WebAppsFixture;
  let untracked: WebAppsFixture;
  /** The pool (and app server) of a user: the "plain" scenarios are on the pool without device tracking. */
  const fxOf = (username: string) => (username.endsWith('-plain') ? untracked : fx);
  let ext: ExtensionUnderTest;
  let options: ExtPage;
  let poolShiftMs = 0;
  const accounts = new Map<string, string>(); // username → account id

  beforeAll(async () => {
    const now = () => Date.now() + poolShiftMs;
    fx = await startWebAppsFixture(`tab-${browserName}`, { totp: USERS.filter((u) => !u.endsWith('-plain')) }, { now });
    untracked = await startWebAppsFixture(`tab-untracked-${browserName}`, { totp: USERS.filter((u) => u.endsWith('-plain')) }, { now, deviceTracking: false });
    for (const f of [fx, untracked]) {
      // Tokens of 5 minutes (the shortest Cognito allows), so the refresh rewrite is what keeps the page signed in.
      const admin = cognitoClient(f.pool.endpoint, f.pool.region);
      try {
        await admin.send(new UpdateUserPoolClientCommand({
          UserPoolId: f.pool.userPoolId, ClientId: f.pool.clientId,
          AccessTokenValidity: 5, IdTokenValidity: 5, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
        }));
      } finally {
        admin.destroy();
      }
    }
    ext = await launchExtension(browserName);
    await setUpVault(ext, VAULT_PASSWORD);
    await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
    for (const username of USERS) {
      const user = fxOf(username).user(username);
      accounts.set(username, await addCognitoAccount(ext, {
        label: username, pool: fxOf(username).config, username, password: user.password, totpSecret: user.totpSecret,
        policy: 'auto', rememberDevice: username.endsWith('-device'),
      }));
    }
    options = await ext.openPage(OPTIONS_PATH);
    await options.waitFor('#add-cognito-account');
  });
  afterAll(() => cleanUp([() => options?.close(), () => ext?.close(), () => fx?.close(), () => untracked?.close()]));

  const bind = async (username: string, origin: string) => {
    expect(await sendToBackground(options, { type: 'bind-site', accountId: accounts.get(username), origin })).toMatchObject({ ok: true });
  };

  /** Opens the app signed out and asks the background to sign that tab in as `username`. */
  /** Opens the app signed out (both apps share an origin, and so its storage) and finds its tab. */
  async function openSignedOut(app: App, f: WebAppsFixture) {
    const url = f.apps.url(app, { pool: f.config });
    const page = await ext.openUrl(url);
    await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
    await page.reload();
    await page.waitFor('input[name="password"]');
    return { page, url, tabId: await tabIdOf(options, url) };
  }

  async function signInTab(app: App, username: string) {
    const f = fxOf(username);
    const { page, url, tabId } = await openSignedOut(app, f);
    f.calls.clear();
    const answer = await sendToBackground(options, { type: 'sign-in-tab', accountId: accounts.get(username), tabId });
    return { page, url, answer };
  }

  async function expectSignedIn(page: ExtPage, username: string): Promise<void> {
    await page.waitFor('[data-testid="attributes"]', 20_000);
    expect(await page.text('[data-testid="signed-in-username"]')).toBe(username);
    expect(fxOf(username).calls.list).toContain('GetUser->200');
  }

  /** No refresh token, no device key, no password, no TOTP secret anywhere the page can read. */
  async function expectNothingSecretInPage(page: ExtPage, username: string): Promise<PageState> {
    const state = await pageState(page);
    const keys = Object.keys(state.local).filter((k) => k.startsWith(`CognitoIdentityServiceProvider.${fxOf(username).pool.clientId}.${username}.`));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => k.endsWith('.refreshToken') || DEVICE_KEY_NAMES.some((name) => k.endsWith(`.${name}`)))).toEqual([]);
    const summary = (await sendToBackground(options, { type: 'list-accounts' })).accounts.find((a: { id: string }) => a.id === accounts.get(username));
    const user = fxOf(username).user(username);
    expectNoPlaintextSecrets(state as unknown as Record<string, unknown>, {
      password: user.password, totpSecret: user.totpSecret, vaultPassword: VAULT_PASSWORD, ...(summary?.deviceKey ? { deviceKey: summary.deviceKey } : {}),
    });
    return state;
  }

  for (const app of APPS) {
    it(`${app}: after the reload the app shows the user and its GetUser works; the page holds no refresh token, device key or secret`, async () => {
      const username = userOf(app, 'first');
      await bind(username, new URL(fx.apps.url(app)).origin);
      const { page, answer } = await signInTab(app, username);
      try {
        expect(answer).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
        expect(answer.flow.progress.map((e: { kind: string }) => e.kind)).toContain('page-session-written');
        // The extension's own sign-in: SRP, then the TOTP code from the vault.
        expect(signInCalls(fx.calls.list).slice(0, 3)).toEqual(['InitiateAuth(USER_SRP_AUTH)->200', 'RespondToAuthChallenge(PASSWORD_VERIFIER)->200', 'RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200']);
        await expectSignedIn(page, username);
        await expectNothingSecretInPage(page, username);
      } finally {
        await page.close();
      }
    });

    for (const device of [false, true]) {
      it(`${app}, ${device ? 'with' : 'without'} device tracking: past the tokens' expiry the extension's refresh rewrites them and the app stays signed in`, async () => {
        const username = userOf(app, device ? 'device' : 'plain');
        const f = fxOf(username);
        const origin = new URL(f.apps.url(app)).origin;
        await bind(username, origin);
        const { page, answer } = await signInTab(app, username);
        try {
          expect(answer).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
          await expectSignedIn(page, username);
          const summary = (await sendToBackground(options, { type: 'list-accounts' })).accounts.find((a: { id: string }) => a.id === accounts.get(username));
          expect(summary.deviceKey !== undefined, 'a device only in the pool that tracks them').toBe(device);
          const tokenKey = `CognitoIdentityServiceProvider.${f.pool.clientId}.${username}.accessToken`;
          const firstToken = (await pageState(page)).local[tokenKey]!;

          poolShiftMs += PAST_EXPIRY_MS;
          // The control: the page's own token is now expired at the pool.
          const refused = await fetch(f.pool.endpoint, {
            method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' },
            body: JSON.stringify({ AccessToken: firstToken }),
          });
          expect(refused.status).toBe(400);

          f.calls.clear();
          await fireAlarmNow(options, REFRESH_ALARM_PREFIX + accounts.get(username));
          await until('the page to hold new tokens', async () => (await pageState(page)).local[tokenKey] !== firstToken, { timeoutMs: 20_000 });
          expect(f.calls.list).toContain('GetTokensFromRefreshToken->200');
          f.calls.clear();
          await page.reload();
          await expectSignedIn(page, username);
          // The app did not refresh by itself (it has no refresh token): the extension's tokens carried it.
          // (By the page's Origin: the background may refresh other accounts meanwhile. The page's own
          // GetUser is the control that its calls carry that Origin.)
          expect(f.calls.made.filter((c) => c.call === 'GetUser->200').map((c) => c.origin)).toContain(origin);
          expect(f.calls.made.filter((c) => /Refresh/.test(c.call) && c.origin === origin)).toEqual([]);
          await expectNothingSecretInPage(page, username);
        } finally {
          poolShiftMs = 0;
          await page.close();
        }
      });
    }
  }

  it('an account not bound to the tab\'s site gets nothing written, and nothing is sent to Cognito', async () => {
    // The site is granted and bound to other accounts; this one is bound nowhere.
    const { page, answer } = await signInTab('amplify', UNBOUND);
    try {
      expect(answer).toMatchObject({ ok: false, error: { code: 'site-not-bound' } });
      expect(signInCalls(fx.calls.list)).toEqual([]);
      const state = await pageState(page);
      expect(Object.keys(state.local).filter((k) => k.startsWith('CognitoIdentityServiceProvider.'))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a page whose session is in cookies (CognitoIdentityServiceProvider.* cookies set) is refused before any sign-in', async () => {
    const username = userOf('identity-js', 'first');
    await bind(username, new URL(fx.apps.url('amplify')).origin);
    const { page, tabId } = await openSignedOut('amplify', fx);
    try {
      // What Amplify with `ssr: true` (js-cookie) or identity-js's CookieStorage leave on the site.
      await page.evaluateWith((clientId) => { document.cookie = `CognitoIdentityServiceProvider.${clientId}.LastAuthUser=someone; path=/`; }, fx.pool.clientId);
      fx.calls.clear();
      const answer = await sendToBackground(options, { type: 'sign-in-tab', accountId: accounts.get(username), tabId });
      expect(answer).toMatchObject({ ok: false, error: { code: 'page-storage-cookies' } });
      expect(signInCalls(fx.calls.list)).toEqual([]);
      const state = await pageState(page);
      expect(Object.keys(state.local).filter((k) => k.startsWith('CognitoIdentityServiceProvider.'))).toEqual([]);
    } finally {
      await page.evaluate(() => { document.cookie = `${document.cookie.split('=')[0]}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`; });
      await page.close();
    }
  });
});

// The popup's own path, in both browsers: the toolbar button clicked on the app's tab (which grants
// activeTab and opens the popup on it: CDP Extensions.triggerAction in Chromium,
// browser-harness/chromium-action-popup.ts; the action's triggerAction from the chrome context in
// Firefox, firefox-action-popup.ts), "Sign in this tab as …" pressed in its "This tab" panel, the
// flow shown there (with a prompt for a password the account does not store) until signed in, and
// the app signed in after its reload; and a page that keeps its session in cookies gets the
// sentence that says why. One function drives the popup in both browsers (callInPopup / inPopup).
describe.each(['chromium', 'firefox'] as const)('%s: "Sign in this tab as …" in the popup\'s This tab panel', (browserName) => {
  let fx: WebAppsFixture;
  let firefox: FirefoxSession | undefined;
  let chromium: ChromiumSession | undefined;
  let ext: ExtensionUnderTest;
  const STORED = `tab-popup-${browserName}`;
  const TYPED = `tab-popup-typed-${browserName}`;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    fx = await startWebAppsFixture(`tab-popup-${browserName}`, { totp: [STORED, TYPED] });
    if (browserName === 'chromium') ext = chromiumUnderTest(chromium = await launchChromium({ extraArgs: [ACTION_DEBUGGING_FLAG] }));
    else ext = firefoxUnderTest(firefox = await launchFirefox(FIREFOX_SCENARIO_OPTIONS));
    await setUpVault(ext, VAULT_PASSWORD);
    // The site's host permission, granted as the person would when binding it.
    await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
    for (const username of [STORED, TYPED]) {
      const user = fx.user(username);
      ids.set(username, await addCognitoAccount(ext, {
        label: `Popup ${username}`, pool: fx.config, username, totpSecret: user.totpSecret, policy: 'auto', rememberDevice: false,
        ...(username === STORED ? { password: user.password } : {}),
      }));
    }
    const options = await ext.openPage(OPTIONS_PATH);
    try {
      for (const accountId of ids.values()) {
        expect(await sendToBackground(options, { type: 'bind-site', accountId, origin: new URL(fx.apps.url('amplify')).origin })).toMatchObject({ ok: true });
      }
    } finally {
      await options.close();
    }
  });
  afterAll(() => cleanUp([() => ext?.close(), () => fx?.close()]));

  /** The app's tab, signed out and selected (the toolbar click acts on the selected tab). */
  async function appTab() {
    const url = fx.apps.url('amplify', { pool: fx.config });
    const tab = await ext.openUrl(url);
    await tab.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
    await tab.reload();
    await tab.bringToFront();
    await tab.waitFor('input[name="password"]');
    if (firefox) expect(await inSelectedTab(firefox, (w) => w.location.href, null)).toBe(url);
    return tab;
  }

  /** Presses "Sign in this tab as …" for the account in the popup; types `password` if asked; returns what the flow view showed. */
  async function signInFromPopup(accountId: string, password: string | null) {
    const drive = async (w: Window, arg: { accountId: string; password: string | null }) => {
      const wait = async <T>(probe: () => T | undefined | null | false, ms = 20_000): Promise<T> => {
        const end = Date.now() + ms;
        for (;;) {
          const value = probe();
          if (value) return value;
          if (Date.now() > end) {
            const seen = `status ${w.document.getElementById("flow-status")?.dataset.status}, view ${w.document.getElementById("view")?.dataset.view}: ${w.document.body.innerHTML.slice(0, 1500)}`;
            // Closed once this answer is on its way (a popup left open would swallow the next click).
            setTimeout(() => w.close(), 300);
            throw new Error(`timed out in the popup; it shows ${seen}`);
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      const settled = () => {
        const s = w.document.getElementById('flow-status')?.dataset.status;
        return s === 'signed-in' || s === 'failed' || s === 'error' || s === 'needs-input' ? s : undefined;
      };
      const button = await wait(() => w.document.querySelector<HTMLButtonElement>(`[data-testid=this-tab] [data-account-id="${arg.accountId}"] [data-testid=sign-in-this-tab]`));
      const label = button.textContent ?? '';
      button.click();
      let status = await wait(settled, 30_000);
      let prompted = '';
      if (status === 'needs-input' && arg.password !== null) {
        prompted = w.document.getElementById('prompt-form')?.dataset.promptKind ?? '';
        const field = w.document.getElementById('prompt-password') as HTMLInputElement;
        field.value = arg.password;
        field.dispatchEvent(new (w as unknown as typeof globalThis).Event('input', { bubbles: true }));
        (w.document.getElementById('prompt-submit') as HTMLButtonElement).click();
        await wait(() => settled() !== 'needs-input', 30_000);
        status = await wait(settled, 30_000);
      }
      const steps = [...w.document.querySelectorAll<HTMLElement>('[data-testid=flow-progress] li')].map((li) => li.dataset.kind ?? '');
      const text = w.document.getElementById('flow-status')?.textContent ?? '';
      setTimeout(() => w.close(), 300);
      return { label, status, prompted, steps, text };
    };
    if (firefox) {
      await clickToolbarButton(firefox);
      return inPopup(firefox, drive, { accountId, password }, 60_000);
    }
    const popup = await openActionPopup(chromium!.context, chromium!.extensionId, fx.apps.origin);
    try {
      return await callInPopup(popup.evaluate, drive, { accountId, password });
    } finally {
      await popup.detach().catch(() => undefined);
    }
  }

  it('signs the app in from the panel, asking for the password the account does not store, with the flow shown until the page has the session', async () => {
    const tab = await appTab();
    try {
      const shown = await signInFromPopup(ids.get(TYPED)!, fx.user(TYPED).password);
      expect(shown.label).toBe(`Sign in this tab as Popup ${TYPED}`);
      expect(shown.prompted).toBe('password');
      expect(shown.status).toBe('signed-in');
      expect(shown.steps).toContain('page-session-written');
      await tab.waitFor('[data-testid="attributes"]', 20_000);
      expect(await tab.text('[data-testid="signed-in-username"]')).toBe(TYPED);
    } finally {
      await tab.close();
    }
  });

  it('a page that keeps its session in cookies: the popup says why, and the page gets nothing', async () => {
    const tab = await appTab();
    try {
      await tab.evaluateWith((id: string) => { document.cookie = `CognitoIdentityServiceProvider.${id}.LastAuthUser=someone; path=/`; }, fx.pool.clientId);
      fx.calls.clear();
      const shown = await signInFromPopup(ids.get(STORED)!, null);
      expect(shown.status).toBe('error');
      expect(shown.text).toContain(EN.errorCodePageStorageCookies!.message);
      expect(signInCalls(fx.calls.list)).toEqual([]);
      const keys = await tab.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider.')));
      expect(keys).toEqual([]);
    } finally {
      await tab.evaluate(() => { document.cookie = `${document.cookie.split('=')[0]}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`; });
      await tab.close();
    }
  });
});
