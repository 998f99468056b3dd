/**
 * The measurements of the `page` bench section (issue 9, "Demo and bench"), in Chromium with the
 * packaged zip, the test web apps (web-apps/) and the local pool, every pool call counted by the
 * recorder in front of it (web-apps/pool-recorder.ts). One run of each path per fresh TOTP user,
 * so no path waits for a time step another one used (Cognito refuses reuse, and the extension
 * never hands out a step it used). All three start with the Amplify UI app signed out and end
 * when it shows the signed-in user with its attributes (its own GetUser answered):
 *
 * - fill: the app's own sign-in, username and password entered by the bench, the TOTP code filled
 *   (and submitted, the site's "submit after fill" on) by the extension on the bound site with
 *   automatic fill; also how long from the code field appearing to the code in it (in the page);
 * - tab: "Sign in this tab" (the `sign-in-tab` request the popup's This tab panel sends), the
 *   extension's own sign-in, the session written into the page and the page reloaded;
 * - typed: the app's own sign-in with the code typed by the bench, on the other origin (nothing
 *   bound there, so the extension stays out of it).
 *
 * Used by bench/sections/page.ts (prints) and test/e2e/bench-page.test.ts (runs it once).
 */
import { randomBytes } from 'node:crypto';
import { base32 } from '@scure/base';
import { applySeed, startLocalPool } from 'cognito-local-user-pool';
import { cleanUp, launchExtension, LOCAL_POOL_HOST_PATTERN, OPTIONS_PATH, type ExtensionUnderTest, type ExtPage } from '../../../browser-harness/launch';
import { sendToBackground } from '../../../browser-harness/extension-api';
import { addCognitoAccount, setUpVault } from '../../../browser-harness/steps';
import { until } from '../../../browser-harness/until';
import { totpCode } from '../../../src/otp/totp';
import { startPoolRecorder } from '../../../web-apps/pool-recorder';
import { startWebApps, type PoolConfig } from '../../../web-apps/server';

const POOL_ID = 'us-east-1_BenchPage1';
const CLIENT_ID = 'benchpageclient00000000001';
const PASSWORD = 'Bench-Page-2026!';
const VAULT_PASSWORD = 'bench page vault password';
const WAIT_MS = 30_000;

const SIGN_IN = 'form[data-amplify-authenticator-signin]';
const CONFIRM = 'form[data-amplify-authenticator-confirmsignin]';
const CODE_FIELD = `${CONFIRM} input[name="confirmation_code"]`;
const SIGNED_IN = '[data-testid="attributes"]';

export type PagePath = 'fill' | 'tab' | 'typed';

/** One run of one path: wall time on the bench's side and the pool calls it caused. */
export interface PathRun {
  ms: number;
  /** `Operation(AuthFlow or ChallengeName)->status` as the recorder saw them. */
  calls: string[];
}

export interface PageMeasurements {
  /** Code field appeared → code in it, measured by the page's own clock (fill path). */
  fieldToFilledMs: number[];
  runs: Record<PagePath, PathRun[]>;
}

const userOf = (path: PagePath, i: number) => `bench-${path}-${i}`;

/**
 * Arms the page to note when Amplify UI's code field appears and when a six-digit code lands in
 * it, in the page's performance clock. No named helpers inside: tsx (esbuild keepNames) would wrap
 * them in a __name() the page lacks.
 */
function armFillTimer(page: ExtPage, selector: string): Promise<void> {
  return page.evaluateWith((sel) => {
    const marks: { appeared?: number; filled?: number } = {};
    (globalThis as any).__benchFill = marks;
    if (document.querySelector(sel)) marks.appeared = performance.now();
    new MutationObserver((_records, observer) => {
      if (marks.appeared === undefined && document.querySelector(sel)) marks.appeared = performance.now();
      if (marks.filled !== undefined) observer.disconnect();
    }).observe(document, { subtree: true, childList: true });
    document.addEventListener('input', (event) => {
      const field = event.target as HTMLInputElement;
      if (marks.filled !== undefined || !field.matches?.(sel) || !/^\d{6}$/.test(field.value)) return;
      marks.appeared ??= performance.now();
      marks.filled = performance.now();
    }, true);
  }, selector);
}

/** Opens the app signed out (the origin's storage cleared) and returns its tab's page. */
async function openSignedOut(ext: ExtensionUnderTest, url: string): Promise<ExtPage> {
  const page = await ext.openUrl(url);
  await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
  await page.reload();
  await page.waitFor(`${SIGN_IN} input[name="password"]`, WAIT_MS);
  return page;
}

/** The id of the tab showing `url`, as the popup would know it. */
const tabIdOf = (page: ExtPage, url: string): Promise<number> => until(`a tab showing ${url}`, () => page.evaluateWith(async (u) => {
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  const tabs = (await api.tabs.query({})) as { id?: number; url?: string }[];
  return tabs.find((t) => t.url === u)?.id;
}, url));

async function signedInAs(page: ExtPage, username: string): Promise<void> {
  await page.waitFor(SIGNED_IN, WAIT_MS);
  const shown = await page.text('[data-testid="signed-in-username"]');
  if (shown !== username) throw new Error(`the app shows "${shown}" signed in, not ${username}`);
}

/** Runs each path `runs` times (interleaved, so a busy moment of the machine hits all three). */
export async function measurePage(runs: number): Promise<PageMeasurements> {
  const closers: (() => unknown)[] = [];
  try {
    const pool = await startLocalPool({ port: 0 });
    closers.push(() => pool.close());
    const secrets = new Map<string, string>();
    const users = (['fill', 'tab', 'typed'] as const).flatMap((path) => Array.from({ length: runs }, (_, i) => {
      const secret = base32.encode(randomBytes(20));
      secrets.set(userOf(path, i), secret);
      return { Username: userOf(path, i), Password: PASSWORD, Permanent: true, Totp: { Secret: secret, Enabled: true, Preferred: true } };
    }));
    await applySeed(pool.context, { pools: [{
      Id: POOL_ID, PoolName: 'BenchPage1',
      MfaConfig: { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } },
      Clients: [{ ClientId: CLIENT_ID, ClientName: 'bench-page', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
      Users: users,
    }] });
    const recorder = await startPoolRecorder(pool.endpoint);
    closers.push(() => recorder.close());
    const config: PoolConfig = { userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: recorder.endpoint };
    const apps = await startWebApps({ pool: config });
    closers.push(() => apps.close());

    const ext = await launchExtension('chromium');
    closers.push(() => ext.close());
    await setUpVault(ext, VAULT_PASSWORD);
    await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
    const accounts = new Map<string, string>();
    for (const path of ['fill', 'tab'] as const) {
      for (let i = 0; i < runs; i++) {
        const username = userOf(path, i);
        accounts.set(username, await addCognitoAccount(ext, {
          label: username, pool: config, username, password: PASSWORD, totpSecret: secrets.get(username)!, policy: 'auto', rememberDevice: false,
        }));
      }
    }
    const options = await ext.openPage(OPTIONS_PATH);
    closers.push(() => options.close());
    await options.waitFor('#add-cognito-account');
    const ask = async (message: Record<string, unknown>) => {
      const answer = await sendToBackground(options, message);
      if (!answer?.ok) throw new Error(`${String(message.type)} was refused: ${JSON.stringify(answer?.error)}`);
      return answer;
    };
    const boundOrigin = new URL(apps.url('amplify')).origin;
    const appUrl = apps.url('amplify', { pool: config });

    const out: PageMeasurements = { fieldToFilledMs: [], runs: { fill: [], tab: [], typed: [] } };
    for (let i = 0; i < runs; i++) {
      // typed: the other origin, where nothing is bound and no script of the extension runs.
      {
        const username = userOf('typed', i);
        const page = await openSignedOut(ext, apps.url('amplify', { pool: config, on: 'other' }));
        try {
          await page.fill(`${SIGN_IN} input[name="username"]`, username);
          await page.fill(`${SIGN_IN} input[name="password"]`, PASSWORD);
          recorder.calls.clear();
          const t0 = performance.now();
          await page.click(`${SIGN_IN} button[type="submit"]`);
          await page.waitFor(CODE_FIELD, WAIT_MS);
          await page.fill(CODE_FIELD, totpCode(secrets.get(username)!, {}, Date.now()));
          await page.click(`${CONFIRM} button[type="submit"]`);
          await signedInAs(page, username);
          out.runs.typed.push({ ms: performance.now() - t0, calls: [...recorder.calls.list] });
        } finally {
          await page.close();
        }
      }
      // fill: this run's account alone bound to the app's origin, automatic, submitting after the fill.
      {
        const username = userOf('fill', i);
        await ask({ type: 'bind-site', accountId: accounts.get(username), origin: boundOrigin, flags: { submitAfterFill: true } });
        const page = await openSignedOut(ext, appUrl);
        try {
          await page.fill(`${SIGN_IN} input[name="username"]`, username);
          await page.fill(`${SIGN_IN} input[name="password"]`, PASSWORD);
          await armFillTimer(page, CODE_FIELD);
          recorder.calls.clear();
          const t0 = performance.now();
          await page.click(`${SIGN_IN} button[type="submit"]`);
          const marks = await until('the extension to fill the code field', () => page.evaluate(() => {
            const m = (globalThis as any).__benchFill as { appeared?: number; filled?: number };
            return m.filled !== undefined && m.appeared !== undefined ? { appeared: m.appeared, filled: m.filled } : undefined;
          }), WAIT_MS);
          out.fieldToFilledMs.push(marks.filled - marks.appeared);
          await signedInAs(page, username);
          out.runs.fill.push({ ms: performance.now() - t0, calls: [...recorder.calls.list] });
        } finally {
          await page.close();
        }
        await ask({ type: 'unbind-site', accountId: accounts.get(username), origin: boundOrigin });
      }
      // tab: the account bound (Sign in this tab refuses an unbound site), the request the popup sends.
      {
        const username = userOf('tab', i);
        await ask({ type: 'bind-site', accountId: accounts.get(username), origin: boundOrigin });
        const page = await openSignedOut(ext, appUrl);
        try {
          const tabId = await tabIdOf(options, appUrl);
          recorder.calls.clear();
          const t0 = performance.now();
          const answer = await ask({ type: 'sign-in-tab', accountId: accounts.get(username), tabId });
          if (answer.flow?.status !== 'signed-in') throw new Error(`Sign in this tab ended "${answer.flow?.status}"`);
          await signedInAs(page, username);
          out.runs.tab.push({ ms: performance.now() - t0, calls: [...recorder.calls.list] });
        } finally {
          await page.close();
        }
        await ask({ type: 'unbind-site', accountId: accounts.get(username), origin: boundOrigin });
      }
    }
    return out;
  } finally {
    await cleanUp(closers.reverse());
  }
}
