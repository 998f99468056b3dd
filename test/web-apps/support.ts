// What the web-app suites share: the local pool with TOTP users, the test apps served against it,
// a plain Chromium (no extension: these suites prove the apps' own sign-in), and readers for what
// the page did on the wire and left in its storage.
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalPool } from 'cognito-local-user-pool';
import { setUpPool, type RefereePool, type SeededUser } from '../referees/helpers/setup';
import { startWebApps, type PoolConfig, type WebAppsServer } from '../../web-apps/server';

export interface WebAppsFixture {
  pool: RefereePool;
  /** The pool as the apps take it (query string or /config.json). */
  config: PoolConfig;
  apps: WebAppsServer;
  browser: Browser;
  /** A seeded user; `totpSecret` is there for the TOTP-enrolled ones. */
  user(username: string): SeededUser & { totpSecret: string };
  /** A seeded user with a password and no factor yet (meets Amplify UI's TOTP set-up screen). */
  unenrolled(username: string): SeededUser;
  close(): Promise<void>;
}

/**
 * A pool with MFA ON, a TOTP-enrolled user per name in `totp` and a user with no factor yet per
 * name in `unenrolled`, the apps served for it, and Chromium.
 */
export async function startWebAppsFixture(tag: string, users: { totp: string[]; unenrolled?: string[] }): Promise<WebAppsFixture> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => { for (const step of closers.reverse()) await step().catch(() => {}); };
  try {
    const server = await startLocalPool({ port: 0 });
    closers.push(() => server.close());
    // Set up as an administrator would, with the AWS SDK (as the e2e pools are).
    const pool = await setUpPool(server.endpoint, {
      poolName: `web-apps-${tag}`,
      mfa: 'ON',
      users: [
        ...users.totp.map((username) => ({ username, kind: 'totp' as const })),
        ...(users.unenrolled ?? []).map((username) => ({ username, kind: 'ready' as const })),
      ],
    });
    const config: PoolConfig = { userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint };
    const apps = await startWebApps({ pool: config });
    closers.push(() => apps.close());
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--disable-gpu', '--disable-quic', '--disable-sync'] });
    closers.push(() => browser.close());
    return {
      pool, config, apps, browser, close,
      user(username) {
        const found = pool.users[username];
        if (!found?.totpSecret) throw new Error(`no TOTP user ${username} in the web-apps pool`);
        return { ...found, totpSecret: found.totpSecret };
      },
      unenrolled(username) {
        const found = pool.users[username];
        if (!found || found.kind !== 'ready') throw new Error(`no unenrolled user ${username} in the web-apps pool`);
        return found;
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The page's calls to the user pool API as `Operation(flow or challenge)->status`, in the order
 * the answers came. Only the operation name and AuthFlow/ChallengeName are read from the bodies:
 * they hold passwords and codes, which never go into a test's output.
 */
export function recordPoolCalls(page: Page, endpoint: string): string[] {
  const calls: string[] = [];
  page.on('response', (response) => {
    const request = response.request();
    if (request.method() !== 'POST' || !request.url().startsWith(endpoint)) return;
    const operation = (request.headers()['x-amz-target'] ?? '?').split('.').pop();
    let detail = '';
    try {
      const body = JSON.parse(request.postData() ?? '{}') as { AuthFlow?: string; ChallengeName?: string };
      detail = body.AuthFlow ?? body.ChallengeName ?? '';
    } catch { /* not JSON: leave the detail out */ }
    calls.push(`${operation}${detail ? `(${detail})` : ''}->${response.status()}`);
  });
  return calls;
}

/** Every entry of the page's localStorage or sessionStorage. */
export function storageOf(page: Page, area: 'localStorage' | 'sessionStorage'): Promise<Record<string, string>> {
  return page.evaluate((name) => {
    const store = name === 'localStorage' ? localStorage : sessionStorage;
    return Object.fromEntries(Array.from({ length: store.length }, (_, i) => store.key(i)!).map((key) => [key, store.getItem(key)!]));
  }, area);
}

/** A JWT's payload, decoded (not verified: the pool's own tests verify signatures). */
export function jwtPayload(token: string | undefined): Record<string, unknown> {
  const part = token?.split('.')[1];
  if (!part) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * How far the page's clock is set behind real time. The pool accepts an SRP TIMESTAMP 300 s
 * off; 90 s makes each library's clockDrift large enough to read its unit and sign unambiguously.
 */
export const PAGE_CLOCK_BEHIND_MS = 90_000;

/** Runs the page's clock PAGE_CLOCK_BEHIND_MS behind real time (timers still run normally). */
export async function setPageClockBehind(page: Page): Promise<void> {
  await page.clock.install({ time: Date.now() - PAGE_CLOCK_BEHIND_MS });
}
