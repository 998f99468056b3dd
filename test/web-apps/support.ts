// What the web-app suites share: the local pool with TOTP users, a recorder of the calls the
// apps make to it (web-apps/pool-recorder.ts), the test apps served against it, and readers for
// what a page left in its storage. Browsers: ./browsers.ts.
import { startLocalPool, type LocalPool } from 'cognito-local-user-pool';
import { setUpPool, type RefereePool, type SeededUser } from '../referees/helpers/setup';
import { startWebApps, type PoolConfig, type WebAppsServer } from '../../web-apps/server';
import { startPoolRecorder, type PoolCalls } from '../../web-apps/pool-recorder';
import { expect } from 'vitest';
import type { AppPage } from './browsers';

export type { PoolCalls } from '../../web-apps/pool-recorder';

export interface WebAppsFixture {
  pool: RefereePool;
  /** The local pool itself (white-box: its clients, users and devices). */
  server: LocalPool;
  /** The pool as the apps take it (query string or /config.json); its endpoint is the recorder. */
  config: PoolConfig;
  apps: WebAppsServer;
  /** Every call the apps made to the pool. */
  calls: PoolCalls;
  user(username: string): SeededUser & { totpSecret: string };
  /** A seeded user with a password and no factor yet (meets Amplify UI's TOTP set-up screen). */
  unenrolled(username: string): SeededUser;
  close(): Promise<void>;
}

/**
 * A pool with MFA ON, a TOTP-enrolled user per name in `totp` and a user with no factor yet per
 * name in `unenrolled`, a recorder in front of it, and the apps served for it.
 */
export async function startWebAppsFixture(
  tag: string,
  users: { totp: string[]; unenrolled?: string[] },
  /**
   * `now`: the pool's clock (a suite that moves it to let tokens expire without waiting);
   * `deviceTracking: false`: a pool that tracks no devices.
   */
  poolOptions: { now?: () => number; deviceTracking?: boolean } = {},
): Promise<WebAppsFixture> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => { for (const step of closers.reverse()) await step().catch(() => {}); };
  try {
    const server = await startLocalPool({ port: 0, ...(poolOptions.now ? { now: poolOptions.now } : {}) });
    closers.push(() => server.close());
    // Set up as an administrator would, with the AWS SDK (as the e2e pools are).
    const pool = await setUpPool(server.endpoint, {
      poolName: `web-apps-${tag}`,
      mfa: 'ON',
      ...(poolOptions.deviceTracking === false ? { deviceTracking: false } : {}),
      users: [
        ...users.totp.map((username) => ({ username, kind: 'totp' as const })),
        ...(users.unenrolled ?? []).map((username) => ({ username, kind: 'ready' as const })),
      ],
    });
    const recorder = await startPoolRecorder(server.endpoint);
    closers.push(() => recorder.close());
    const config: PoolConfig = { userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: recorder.endpoint };
    const apps = await startWebApps({ pool: config });
    closers.push(() => apps.close());
    return {
      pool, server, config, apps, calls: recorder.calls, close,
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

/** Every entry of the page's localStorage or sessionStorage. */
export function storageOf(page: AppPage, area: 'localStorage' | 'sessionStorage'): Promise<Record<string, string>> {
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
 * How far the sign-in suites set the page's clock behind real time. The pool accepts an SRP
 * TIMESTAMP 300 s off; 90 s makes each library's clockDrift large enough to read its unit and
 * sign unambiguously.
 */
export const PAGE_CLOCK_BEHIND_MS = 90_000;

/** The calls of an app's own sign-in with SRP and a TOTP code, as the pool answered them. */
export const SRP_TOTP_SIGN_IN = [
  'InitiateAuth(USER_SRP_AUTH)->200',
  'RespondToAuthChallenge(PASSWORD_VERIFIER)->200',
  'RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200',
] as const;

/** The page's keys under `CognitoIdentityServiceProvider.<clientId>.`, without that prefix, sorted. */
export function sessionKeysOf(local: Record<string, string>, clientId: string): string[] {
  const prefix = `CognitoIdentityServiceProvider.${clientId}.`;
  return Object.keys(local).filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)).sort();
}

/**
 * The app shows `username` signed in, and its own authenticated call (GetUser) answered with that
 * user's attributes: the same `sub` as the ID token the page holds.
 */
export async function expectShowsSignedIn(page: AppPage, calls: readonly string[], username: string, idToken: string | undefined): Promise<Record<string, string>> {
  expect(calls).toContain('GetUser->200');
  expect(await page.text('[data-testid="signed-in-username"]')).toBe(username);
  const attributes = JSON.parse(await page.text('[data-testid="attributes"]')) as Record<string, string>;
  expect(attributes['sub']).toBe(jwtPayload(idToken)['sub']);
  return attributes;
}
