// Code fill end to end (issue 9 item 2), with the packaged extension in Chromium (zip,
// playwright-core) and Firefox ESR (xpi, puppeteer-core over BiDi), on the test web apps built
// from the real Amplify UI and amazon-cognito-identity-js packages, against the local pool, which
// checks every code for real. The test types username and password into the app as a person
// does; the extension's content script (registered for the bound site only) finds the app's code
// field and the background decides whether and what to fill.
//
// Driven here: automatic fill on Amplify UI's own sign-in (the app's RespondToAuthChallenge
// succeeds); identity-js filled by the name/label heuristics, submitted because the site says so;
// a web component's code field in its open shadow root (web-apps/code-fields/web-component.html),
// drawn there after the content script's first look, filled so the widget's own state has it;
// "ask me first" filled only when the person presses "Fill code" in the real toolbar popup opened
// on the app's tab (Chromium: CDP Extensions.triggerAction, browser-harness/chromium-action-popup.ts;
// Firefox: the action's triggerAction from the chrome context, firefox-action-popup.ts); a second field in the same time
// step waits for the next step; hostile: the same app on an unbound origin, the cross-origin
// frame, the recovery decoy and hidden duplicates get nothing. Sites: the options page lists a
// bound site with its switches and Remove; in Firefox the real toolbar popup's "Use on this site"
// binds the tab's exact origin. After each fill scenario the page's
// DOM, localStorage, sessionStorage and cookies, and every storage area of the extension, are
// searched for the TOTP secret, the password and the vault password.
// The keyboard command is driven in Firefox here (its <key> in the browser window, from the chrome
// context); in Chromium, the command and the context menu's "Fill code" are pressed as real X
// input in headed Chromium under Xvfb by test/e2e/fill-gestures-headed.test.ts (headless Chromium
// has neither: no CDP command reaches extension shortcuts, and no automation opens its native
// menu). Not driven: the context menu in Firefox. The handlers call the same fillByGesture as the
// popup, whose decisions test/background/background-code-fill.test.ts covers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_DEBUGGING_FLAG, callInPopup, openActionPopup } from '../../browser-harness/chromium-action-popup';
import { clickToolbarButton, inPopup } from '../../browser-harness/firefox-action-popup';
import { chromiumUnderTest, cleanUp, FIREFOX_SCENARIO_OPTIONS, firefoxUnderTest, launchChromium, launchFirefox, OPTIONS_PATH,
  type ChromiumSession, type ExtensionUnderTest, type ExtPage, type FirefoxSession } from '../../browser-harness/launch';
import { addCognitoAccount, setUpVault } from '../../browser-harness/steps';
import { sendToBackground } from '../../browser-harness/extension-api';
import { until } from '../../browser-harness/until';
import { expectNoPlaintextSecrets } from './secret-scan';
import { totpDelta } from '../../src/otp/totp';
import { startWebAppsFixture, type WebAppsFixture } from '../web-apps/support';

const VAULT_PASSWORD = 'code fill vault password';
const BROWSERS = ['chromium', 'firefox'] as const;
const users = (b: string) => ({ auto: `pf-auto-${b}`, ijs: `pf-ijs-${b}`, ask: `pf-ask-${b}`, other: `pf-other-${b}`, widget: `pf-widget-${b}` });
const AMP_SIGNIN = 'form[data-amplify-authenticator-signin]';
const AMP_CODE = 'form[data-amplify-authenticator-confirmsignin] input[name="confirmation_code"]';
const AMP_CONFIRM = 'form[data-amplify-authenticator-confirmsignin] button[type="submit"]';

let fx: WebAppsFixture;
beforeAll(async () => {
  fx = await startWebAppsFixture('page-fill', { totp: BROWSERS.flatMap((b) => Object.values(users(b))) });
});
afterAll(async () => fx?.close());

/** Everything a page keeps that its scripts can read: its markup, both storages and its cookies. */
async function pageSurface(page: ExtPage): Promise<Record<string, unknown>> {
  return page.evaluate(() => ({
    dom: document.documentElement.outerHTML,
    local: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
    session: Object.fromEntries(Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)])),
    cookies: document.cookie,
  }));
}

/** Waits until `selector` is shown (puppeteer's waitForSelector also takes a hidden element). */
async function waitVisible(page: ExtPage, selector: string, timeoutMs = 20_000): Promise<void> {
  await until(`${selector} to be shown`, () => page.evaluateWith((s) => document.querySelector(s)?.checkVisibility() === true, selector), timeoutMs);
}

async function value(page: ExtPage, selector: string): Promise<string> {
  return page.evaluateWith((s) => document.querySelector<HTMLInputElement>(s)?.value ?? '', selector);
}

/**
 * Opens an app signed out: the apps share one origin (and so one localStorage), and each resumes
 * a session it finds there, so what an earlier scenario left is cleared first.
 */
async function openSignedOut(ext: ExtensionUnderTest, url: string): Promise<ExtPage> {
  // Cleared from a page of the same origin that runs no app (the server's 404 page), so no app
  // has read the old session before it is gone.
  const blank = await ext.openUrl(new URL('/no-app-here', url).href);
  await blank.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
  await blank.close();
  return ext.openUrl(url);
}

/** The person types username and password into Amplify UI's form and signs in; resolves once the code step shows. */
async function signInToAmplify(page: ExtPage, username: string, password: string): Promise<void> {
  await waitVisible(page, `${AMP_SIGNIN} input[name="username"]`);
  await page.fill(`${AMP_SIGNIN} input[name="username"]`, username);
  await page.fill(`${AMP_SIGNIN} input[name="password"]`, password);
  await page.click(`${AMP_SIGNIN} button[type="submit"]`);
  await waitVisible(page, AMP_CODE);
}

for (const browserName of BROWSERS) {
  describe(`${browserName}: code fill on bound sites`, () => {
    let ext: ExtensionUnderTest;
    let firefox: FirefoxSession | undefined;
    let chromium: ChromiumSession | undefined;
    let options: ExtPage;
    const ids: Record<string, string> = {};
    const u = users(browserName);

    /** Binds exactly `account` to the apps' origin (one candidate: the automatic path can run). */
    async function bindOnly(account: keyof typeof u, flags: Record<string, boolean> = {}): Promise<void> {
      for (const [name, id] of Object.entries(ids)) {
        if (name !== account) expect(await sendToBackground(options, { type: 'unbind-site', accountId: id, origin: fx.apps.origin })).toMatchObject({ ok: true });
      }
      expect(await sendToBackground(options, { type: 'bind-site', accountId: ids[account], origin: fx.apps.origin, flags }))
        .toMatchObject({ ok: true, sites: [{ origin: fx.apps.origin }] });
    }

    /**
     * Clicks the toolbar button on the selected tab (the app's), presses "Fill code" in the popup's
     * "This tab" panel and returns the outcome the popup shows (its data-result), then closes it.
     */
    async function pressFillCodeInPopup(): Promise<string> {
      const press = async (w: Window): Promise<string | null> => {
        const button = w.document.querySelector<HTMLButtonElement>('[data-testid=fill-code]');
        if (!button) return null;
        button.click();
        return 'pressed';
      };
      const result = (w: Window): string | null => (w.document.querySelector('[data-testid=this-tab-status]') as HTMLElement | null)?.dataset.result ?? null;
      if (firefox) {
        await clickToolbarButton(firefox);
        await until('"Fill code" in the This tab panel', async () => (await inPopup(firefox!, press, null)) ?? undefined);
        const outcome = await until('the popup to say what happened', async () => (await inPopup(firefox!, result, null)) ?? undefined);
        await inPopup(firefox, (w) => { w.close(); return true; }, null).catch(() => undefined);
        return outcome;
      }
      const popup = await openActionPopup(chromium!.context, chromium!.extensionId, fx.apps.origin);
      try {
        const ready = { timeoutMs: 20_000, intervalMs: 100, retryErrors: true };
        await until('"Fill code" in the This tab panel', async () => (await callInPopup(popup.evaluate, press, null)) ?? undefined, ready);
        const outcome = await until('the popup to say what happened', async () => (await callInPopup(popup.evaluate, result, null)) ?? undefined, ready);
        await callInPopup(popup.evaluate, (w) => { setTimeout(() => w.close(), 100); return true; }, null).catch(() => undefined);
        return outcome;
      } finally {
        await popup.detach();
      }
    }

    async function scan(page: ExtPage, ...usernames: string[]): Promise<void> {
      const secrets: Record<string, string> = { vaultPassword: VAULT_PASSWORD };
      for (const name of usernames) {
        const user = fx.user(name);
        secrets[`totp secret of ${name}`] = user.totpSecret;
        secrets[`password of ${name}`] = user.password;
      }
      expectNoPlaintextSecrets(await pageSurface(page), secrets);
      const { session, ...persistent } = await ext.dumpStorage();
      expectNoPlaintextSecrets({ ...persistent, session }, secrets);
    }

    beforeAll(async () => {
      // Chromium with the CDP Extensions domain open: triggerAction clicks the toolbar button.
      if (browserName === 'chromium') ext = chromiumUnderTest(chromium = await launchChromium({ extraArgs: [ACTION_DEBUGGING_FLAG] }));
      else ext = firefoxUnderTest(firefox = await launchFirefox(FIREFOX_SCENARIO_OPTIONS));
      await setUpVault(ext, VAULT_PASSWORD);
      await ext.preApproveHostPermission('http://127.0.0.1/*');
      for (const [name, username] of Object.entries(u)) {
        ids[name] = await addCognitoAccount(ext, {
          label: name, pool: fx.config, username, totpSecret: fx.user(username).totpSecret,
          policy: name === 'ask' ? 'ask' : 'auto', rememberDevice: false,
        });
      }
      options = await ext.openPage(OPTIONS_PATH);
    }, 180_000);
    afterAll(() => cleanUp([() => options?.close(), () => ext?.close()]));

    it("fills Amplify UI's code field automatically; the app's own confirm signs in", async () => {
      await bindOnly('auto');
      const { username, password } = fx.user(u.auto);
      const page = await openSignedOut(ext, fx.apps.url('amplify', { pool: fx.config }));
      try {
        fx.calls.clear();
        await signInToAmplify(page, username, password);
        const code = await until('the extension to fill the code', async () => /^\d{6}$/.test(await value(page, AMP_CODE)) || undefined, 15_000);
        expect(code).toBe(true);
        // Filled, not submitted: the site's switch is off.
        expect(fx.calls.list).not.toContain('RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200');
        await page.click(AMP_CONFIRM);
        await waitVisible(page, '[data-testid="attributes"]');
        expect(fx.calls.list).toContain('RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200');
        expect(await page.text('[data-testid="signed-in-username"]')).toBe(username);
        await scan(page, u.auto);
      } finally {
        await page.close();
      }
    }, 90_000);

    it('a second code field in the same time step waits for the next step; the frame, the decoy and hidden fields get nothing', async () => {
      await bindOnly('auto');
      // Begins early in a time step, so that the first fill and the reload below fall in the same
      // step (a fill in a step's last second would put the reload in the next one, where the
      // second field rightly gets its code at once).
      await until('a time step with 20 s left', async () => 30_000 - (Date.now() % 30_000) >= 20_000, { timeoutMs: 25_000, intervalMs: 250 });
      const page = await ext.openUrl(fx.apps.url('code-fields'));
      try {
        const boxes = () => page.evaluate(() => [...document.querySelectorAll<HTMLInputElement>('[data-testid=split-code] input')].map((b) => b.value).join(''));
        const first = await until('the split boxes to be filled', async () => { const v = await boxes(); return /^\d{6}$/.test(v) ? v : undefined; }, 40_000);
        const firstStep = Math.floor(Date.now() / 30_000);
        // The same page again: a new field in (very likely) the same step.
        await page.reload();
        await page.waitFor('[data-testid=split-code] input');
        // The toolbar badge on this tab says the fill waits ("…", src/background/badge.ts), and
        // gives the tab back to the global badge (empty: nothing else waits) once it is filled.
        const pageUrl = await page.evaluate(() => location.href);
        const tabBadge = () => options.evaluateWith(async (url) => {
          const api = ((globalThis as any).browser ?? (globalThis as any).chrome);
          // All tabs, matched here: a URL with a port is no match pattern in Firefox.
          const tab = (await api.tabs.query({}) as { id?: number; url?: string }[]).find((t) => t.url === url);
          return tab?.id === undefined ? undefined : await api.action.getBadgeText({ tabId: tab.id }) as string;
        }, pageUrl);
        let filledAt = 0;
        const badgeWhileWaiting = new Set<string | undefined>();
        const second = await until('the next step\'s code', async () => {
          const v = await boxes();
          if (!/^\d{6}$/.test(v)) {
            badgeWhileWaiting.add(await tabBadge());
            return undefined;
          }
          filledAt = Date.now();
          return v;
        }, 45_000);
        expect([...badgeWhileWaiting], 'the tab\'s badge while the fill waited').toContain('…');
        await until('the tab\'s badge to show the global one again', async () => (await tabBadge()) === '', 10_000);
        expect(second).not.toBe(first);
        expect(filledAt, 'not before the next step began').toBeGreaterThanOrEqual((firstStep + 1) * 30_000 - 1000);
        const others = await page.evaluate(() => ({
          recovery: document.querySelector<HTMLInputElement>('#recovery-code')!.value,
          hidden: document.querySelector<HTMLInputElement>('#otp-hidden')!.value,
          offScreen: document.querySelector<HTMLInputElement>('#otp-off-screen')!.value,
        }));
        expect(others).toEqual({ recovery: '', hidden: '', offScreen: '' });
        // The cross-origin frame (127.0.0.2, not bound) got nothing.
        expect(await frameCodeValue(page)).toBe('');
        await scan(page, u.auto);
      } finally {
        await page.close();
      }
    }, 120_000);

    it("a web component: the code field drawn in its open shadow root is filled, the widget's own state takes it; its decoys and a closed root get nothing", async () => {
      await bindOnly('widget');
      const page = await ext.openUrl(new URL('web-component.html', fx.apps.url('code-fields')).href);
      // Runs `body` (source text) with `root`, the open widget's shadow root, read by the driver.
      const inWidget = <T>(body: string) => page.evaluateWith((b) => new Function('root', b)(document.querySelector('code-step-widget')!.shadowRoot), body) as Promise<T>;
      try {
        await until('the widget\'s Continue', async () => (await inWidget<boolean>('return !!root.getElementById("continue")')) || undefined);
        // The content script has looked at the page by now; the code step is drawn inside the
        // shadow root only, which an observer of the document alone would never see.
        await new Promise((r) => setTimeout(r, 1000));
        await inWidget('root.getElementById("continue").click()');
        const code = await until('the code in the shadow root\'s field', async () => {
          const v = await inWidget<string | null>('return root.getElementById("shadow-code")?.value ?? null');
          return v && /^\d{6}$/.test(v) ? v : undefined;
        }, 40_000);
        expect(totpDelta(fx.user(u.widget).totpSecret, code, {}, Date.now(), 1), 'the account\'s current code').not.toBeNull();
        // "Verify" shows the widget's own state, set by the input events the fill dispatched.
        expect(await inWidget<string>('root.querySelector("button[type=submit]").click(); return root.getElementById("result").textContent')).toBe(code);
        expect(await page.text('[data-testid="page-heard"]')).toBe('input from <code-step-widget>');
        expect(await inWidget('return [root.getElementById("shadow-code-hidden").value, root.getElementById("shadow-recovery").value]')).toEqual(['', '']);
        expect(await page.evaluate(() => (document.querySelector('closed-code-widget') as HTMLElement & { closedValue(): string }).closedValue())).toBe('');
        await scan(page, u.widget);
      } finally {
        await page.close();
      }
    }, 90_000);

    it('identity-js: the field is found by its name and label, filled and submitted because the site says so', async () => {
      await bindOnly('ijs', { submitAfterFill: true });
      const { username, password } = fx.user(u.ijs);
      const page = await openSignedOut(ext, fx.apps.url('identity-js', { pool: fx.config }));
      try {
        await waitVisible(page, '#sign-in-form input[name="username"]');
        await page.fill('#sign-in-form input[name="username"]', username);
        await page.fill('#sign-in-form input[name="password"]', password);
        fx.calls.clear();
        await page.click('#sign-in-form button[type="submit"]');
        // Nobody presses the app's confirm button: the extension submitted its form.
        await waitVisible(page, '[data-testid="attributes"]', 30_000);
        expect(fx.calls.list).toContain('RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200');
        expect(await page.text('[data-testid="signed-in-username"]')).toBe(username);
        await scan(page, u.ijs);
      } finally {
        await page.close();
      }
    }, 90_000);

    it('"ask me first": nothing is filled until the person asks in the popup', async () => {
      await bindOnly('ask');
      const { username, password } = fx.user(u.ask);
      const page = await openSignedOut(ext, fx.apps.url('amplify', { pool: fx.config }));
      try {
        fx.calls.clear();
        await signInToAmplify(page, username, password);
        await new Promise((r) => setTimeout(r, 2500));
        expect(await value(page, AMP_CODE), 'not filled without the person').toBe('');
        // The real toolbar popup on this tab: "This tab" lists the bound account; its "Fill code".
        await page.bringToFront();
        expect(await pressFillCodeInPopup()).toBe('filled');
        expect(await value(page, AMP_CODE)).toMatch(/^\d{6}$/);
        await page.click(AMP_CONFIRM);
        await waitVisible(page, '[data-testid="attributes"]');
        expect(fx.calls.list).toContain('RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200');
        await scan(page, u.ask);
      } finally {
        await page.close();
      }
    }, 90_000);

    it('a copy of the app on an unbound origin gets nothing, even when asked for by a gesture', async () => {
      await bindOnly('other');
      const { username, password } = fx.user(u.other);
      const page = await openSignedOut(ext, fx.apps.url('amplify', { pool: fx.config, on: 'other' }));
      try {
        await signInToAmplify(page, username, password);
        await new Promise((r) => setTimeout(r, 3000));
        expect(await value(page, AMP_CODE)).toBe('');
        const tabId = await appTabId(options, fx.apps.otherOrigin).catch(() => undefined);
        // The page's tab is not even visible to the extension (no permission for 127.0.0.2); if it
        // were, the background would still refuse the unbound origin.
        if (tabId !== undefined) {
          expect((await sendToBackground(options, { type: 'fill-code', tabId, accountId: ids.other })).result.status).not.toBe('filled');
        }
        expect(await value(page, AMP_CODE)).toBe('');
        await scan(page, u.other);
      } finally {
        await page.close();
      }
    }, 90_000);

    it('options: the account lists its site with its switches; Remove unbinds it', async () => {
      await bindOnly('other');
      // In front: the app tabs of earlier scenarios cover it, and Firefox does not paint a tab behind another.
      await options.bringToFront();
      await options.reload();
      const row = `[data-testid=options-account-row][data-account-id="${ids.other}"]`;
      await options.waitFor(`${row} [data-testid=show-sites]`);
      await options.click(`${row} [data-testid=show-sites]`);
      const site = `[data-testid=site-row][data-origin="${fx.apps.origin}"]`;
      await options.waitFor(site);
      expect(await options.evaluateWith((s) => [...document.querySelectorAll<HTMLInputElement>(`${s} input[type=checkbox]`)].map((c) => c.checked), site)).toEqual([false, false]);
      await options.click(`${site} [data-testid=site-submitAfterFill]`);
      await until('the switch to be saved', async () => {
        const view = await sendToBackground(options, { type: 'accounts-for-origin', origin: fx.apps.origin });
        return view.accounts[0]?.sites[0]?.submitAfterFill === true || undefined;
      });
      await options.click(`${site} [data-testid=remove-site]`);
      await until('the site to be gone', async () => (await options.count(site)) === 0 || undefined);
      expect((await sendToBackground(options, { type: 'accounts-for-origin', origin: fx.apps.origin })).accounts).toEqual([]);
    }, 60_000);

    if (browserName === 'firefox') {
      it('the keyboard command fills the code of the one bound account ("ask me first" needs no popup for it)', async () => {
        await bindOnly('ask');
        const { username, password } = fx.user(u.ask);
        const page = await openSignedOut(ext, fx.apps.url('amplify', { pool: fx.config }));
        try {
          await signInToAmplify(page, username, password);
          await new Promise((r) => setTimeout(r, 1500));
          expect(await value(page, AMP_CODE)).toBe('');
          // The command's own <key> (Alt+Shift+F) in the extension's keyset of the browser window,
          // which ExtensionShortcuts builds per command: doCommand() is what pressing it does.
          const fired = await firefox!.chromeEvaluate(`(() => {
            const keys = [...document.querySelectorAll('keyset[id^="ext-keyset-id-"] key')];
            const key = keys.find((k) => k.getAttribute('key')?.toUpperCase() === 'F' && /alt/.test(k.getAttribute('modifiers') ?? '') && /shift/.test(k.getAttribute('modifiers') ?? ''));
            if (!key) return 'no key element for the fill-code command among ' + JSON.stringify([...document.querySelectorAll('keyset')].map((k) => k.id + ':' + k.children.length));
            key.doCommand();
            return 'ok';
          })()`);
          expect(fired).toBe('ok');
          // Within this step, or (the popup scenario used it) at the next one.
          await until('the command to fill the code', async () => /^\d{6}$/.test(await value(page, AMP_CODE)) || undefined, 40_000);
          await page.click(AMP_CONFIRM);
          await waitVisible(page, '[data-testid="attributes"]');
          expect(await page.text('[data-testid="signed-in-username"]')).toBe(username);
          await scan(page, u.ask);
        } finally {
          await page.close();
        }
      }, 90_000);

      it('the toolbar popup on an app tab: "Use on this site" binds the chosen account to exactly that origin', async () => {
        for (const id of Object.values(ids)) await sendToBackground(options, { type: 'unbind-site', accountId: id, origin: fx.apps.origin });
        const page = await ext.openUrl(new URL('/no-app-here', fx.apps.origin).href);
        try {
          await clickToolbarButton(firefox!);
          await until('the This tab panel', async () => (await inPopup(firefox!, (w) => !!w.document.querySelector('#use-on-this-site:not([hidden])') && !w.document.querySelector('.this-tab-bind[hidden]'), null)) || undefined);
          expect(await inPopup(firefox!, (w) => w.document.querySelector('[data-testid=this-tab-origin]')?.textContent ?? '', null)).toBe(fx.apps.origin);
          await inPopup(firefox!, (w, id) => {
            const select = w.document.querySelector('#this-tab-account-select') as HTMLSelectElement;
            select.value = id;
            (w.document.querySelector('#use-on-this-site') as HTMLButtonElement).click();
            return true;
          }, ids.ijs!);
          await until('the account listed for this tab', async () => (await inPopup(firefox!, (w, id) => !!w.document.querySelector(`[data-testid=this-tab-account][data-account-id="${id}"]`), ids.ijs!)) || undefined);
          const view = await sendToBackground(options, { type: 'accounts-for-origin', origin: fx.apps.origin });
          expect(view.accounts.map((a: { id: string }) => a.id)).toEqual([ids.ijs]);
          expect(view.accounts[0].sites).toEqual([{ origin: fx.apps.origin, submitAfterFill: false, observeSignIn: false }]);
        } finally {
          await page.close();
        }
      }, 60_000);
    }
  });
}

/** The id of the tab showing `origin`, as the extension sees it (it needs the host permission to see the URL). */
async function appTabId(page: ExtPage, origin: string): Promise<number> {
  const id = await page.evaluateWith(async (o) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    const tabs = await api.tabs.query({}) as { id: number; url?: string }[];
    return tabs.find((t) => t.url?.startsWith(`${o}/`))?.id ?? null;
  }, origin);
  if (id === null) throw new Error(`no tab of ${origin} is visible to the extension`);
  return id;
}

/** The value of the code field inside the code-fields page's cross-origin frame, read by the driver. */
async function frameCodeValue(page: ExtPage): Promise<string> {
  await until('the cross-origin frame', async () => (await page.frameUrls()).some((url) => url.startsWith(fx.apps.otherOrigin)) || undefined);
  return page.frameInputValue(fx.apps.otherOrigin, '#frame-code');
}
