/**
 * The Amplify demo app beside the extension (issue 9, "Demo and bench"): the Amplify UI test app
 * (web-apps/, built from the real aws-amplify and @aws-amplify/ui-react packages) served on
 * 127.0.0.1 against the demo pool, and demo-totp's account bound to its origin, so the extension
 * fills the app's TOTP code and can sign the app's tab in.
 *
 * - startDemoApp: serves the app (its /config.json names the demo pool);
 * - bindDemoApp: binds demo-totp's account to the app's origin (the `bind-site` request the
 *   popup's "This tab" panel sends) and returns the account's id;
 * - runAppTour (headless): the app's own sign-in with the code filled by the extension, then the
 *   app signed out and signed in again by "Sign in this tab", a screenshot at each step.
 *
 * Needs `npm run build:web-apps` (npm start runs it).
 */
import { POPUP_PATH, type ExtPage } from '../../browser-harness/launch.ts';
import { until } from '../../browser-harness/until.ts';
import { startWebApps, type WebAppsServer } from '../../web-apps/server.ts';
import type { DemoBrowser } from './demo-browser.ts';
import type { DemoPool, DemoUser } from './demo-users.ts';
import type { ScreenshotRecorder } from './screenshots.ts';

const STEP_TIMEOUT_MS = 20_000;
/** A code already used by the extension waits for the next time step: up to 30 s, plus margin. */
const FILL_TIMEOUT_MS = 45_000;

const SIGN_IN = 'form[data-amplify-authenticator-signin]';
const CONFIRM = 'form[data-amplify-authenticator-confirmsignin]';
const CODE_FIELD = `${CONFIRM} input[name="confirmation_code"]`;
const SIGNED_IN = '[data-testid="attributes"]';

/** The demo user the app is shown with: the one with a TOTP secret in the seed. */
export function appUser(pool: DemoPool): DemoUser {
  const user = pool.users.find((u) => u.role === 'totp');
  if (!user) throw new Error('the demo seed has no TOTP user for the app');
  return user;
}

export function startDemoApp(pool: DemoPool, endpoint: string): Promise<WebAppsServer> {
  return startWebApps({ pool: { userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint } });
}

/** The Amplify UI app's address on the demo server (the pool comes from its /config.json). */
export const appUrl = (app: WebAppsServer) => app.url('amplify');

/** Sends one request from an extension page, the only place the background accepts them from. */
async function ask(page: ExtPage, request: Record<string, unknown>): Promise<any> {
  const answer = await page.evaluateWith((r) => ((globalThis as any).browser ?? (globalThis as any).chrome).runtime.sendMessage(r), request) as any;
  if (!answer) throw new Error(`the background did not answer ${String(request.type)}`);
  if (!answer.ok) throw new Error(`${String(request.type)} was refused: ${answer.error.message} (${answer.error.code})`);
  return answer;
}

/** Binds the app user's account to the app's origin; returns the account's id. */
export async function bindDemoApp(extensionPage: ExtPage, app: WebAppsServer, pool: DemoPool): Promise<string> {
  const user = appUser(pool);
  const { accounts } = await ask(extensionPage, { type: 'list-accounts' }) as { accounts: { id: string; label: string }[] };
  const account = accounts.find((a) => a.label === user.username);
  if (!account) throw new Error(`no account "${user.username}" in the extension to bind to the app`);
  await ask(extensionPage, { type: 'bind-site', accountId: account.id, origin: new URL(appUrl(app)).origin });
  return account.id;
}

export interface AppTourInput {
  browser: DemoBrowser;
  shots: ScreenshotRecorder;
  app: WebAppsServer;
  pool: DemoPool;
  log(line: string): void;
}

/** A step failed; the message says which step and where its screenshot is. */
export class AppStepError extends Error {}

/** Opens the app in a new tab with its origin's storage cleared, so it shows its sign-in form. */
async function openSignedOut(browser: DemoBrowser, url: string): Promise<ExtPage> {
  const page = await browser.openUrl(url);
  await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
  await page.reload();
  await page.waitFor(`${SIGN_IN} input[name="password"]`, STEP_TIMEOUT_MS);
  return page;
}

export async function runAppTour(input: AppTourInput): Promise<void> {
  const { browser, shots, app, pool, log } = input;
  const user = appUser(pool);
  const url = appUrl(app);
  let stepName = 'open the popup';
  let current: ExtPage | undefined;
  const step = async (name: string, run: () => Promise<void>) => {
    stepName = name;
    const started = Date.now();
    await run();
    log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  const extensionPage = await browser.openPage(POPUP_PATH);
  try {
    let accountId = '';
    await step(`bind ${user.username} to the app at ${new URL(url).origin}`, async () => {
      accountId = await bindDemoApp(extensionPage, app, pool);
    });

    await step("the app's own sign-in, the code filled by the extension", async () => {
      const page = current = await openSignedOut(browser, url);
      await page.fill(`${SIGN_IN} input[name="username"]`, user.username);
      await page.fill(`${SIGN_IN} input[name="password"]`, user.password);
      await shots.capture(page, `App: ${user.username} signs in with the app's own form`);
      await page.click(`${SIGN_IN} button[type="submit"]`);
      await page.waitFor(CODE_FIELD, STEP_TIMEOUT_MS);
      // Filled by the extension's content script: automatic on a bound site whose account answers
      // automatically. A time step the extension already used waits for the next one.
      await until('the extension to fill the TOTP code', () => page.evaluateWith((sel) => /^\d{6}$/.test(document.querySelector<HTMLInputElement>(sel)?.value ?? ''), CODE_FIELD),
        { timeoutMs: FILL_TIMEOUT_MS, intervalMs: 100 });
      await shots.capture(page, 'App: the TOTP code filled by the extension');
      await page.click(`${CONFIRM} button[type="submit"]`);
      await page.waitFor(SIGNED_IN, STEP_TIMEOUT_MS);
      await shots.capture(page, `App: ${user.username} signed in by the app, code from the extension`);
      await page.close();
    });

    await step('the app signed in by "Sign in this tab"', async () => {
      const page = current = await openSignedOut(browser, url);
      await shots.capture(page, 'App: signed out again');
      const pageUrl = await page.evaluate(() => location.href);
      const tabId = await until("the extension to see the app's tab", () => extensionPage.evaluateWith(async (u) => {
        const tabs = (await ((globalThis as any).browser ?? (globalThis as any).chrome).tabs.query({})) as { id?: number; url?: string }[];
        return tabs.find((t) => t.url === u)?.id;
      }, pageUrl));
      const answer = await ask(extensionPage, { type: 'sign-in-tab', accountId, tabId });
      if (answer.flow?.status !== 'signed-in') throw new Error(`Sign in this tab ended "${answer.flow?.status}"`);
      await page.waitFor(SIGNED_IN, STEP_TIMEOUT_MS);
      const shown = await page.text('[data-testid="signed-in-username"]');
      if (shown !== user.username) throw new Error(`the app shows "${shown}" signed in, not ${user.username}`);
      await shots.capture(page, `App: ${user.username} signed in by "Sign in this tab"`);
      await page.close();
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const path = current ? await shots.capture(current, `FAILED ${stepName}`).catch(() => undefined) : undefined;
    throw new AppStepError(`step "${stepName}" failed: ${reason}${path ? ` (screenshot: ${path})` : ''}`);
  } finally {
    await extensionPage.close().catch(() => {});
  }
}
