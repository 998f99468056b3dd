// "Sign in this tab": the exact localStorage entries each web library reads a session from, and
// the one function that writes them into a page. The background owns this, not a content script:
// it holds the tokens and the server clock offsets already, a page needs neither a format nor a
// decision, and a library's format changes in one place. The formats were verified against the
// real packages (web-apps/README.md; test/web-apps/sign-in-this-tab.test.ts proves them).
//
// Never written: device keys (deviceKey, deviceGroupKey, randomPasswordKey). They stay in the
// vault; a page that has its own stale ones for this user loses them, since a library that finds
// all three sends that DeviceKey with a refresh the handed-off tokens are not bound to.
import { canonicalUsernameOf, unverifiedClaims } from '../../cognito/engine/tokens';

/** The web libraries whose default storage this can write. */
export type PageLibrary = 'amplify-v6' | 'identity-js';

export interface HandoffTokens {
  accessToken: string;
  idToken: string;
  /** Left out where the pool ties tokens to a device: the extension refreshes those itself. */
  refreshToken?: string;
}

export interface HandoffInput {
  /**
   * undefined: a page whose storage does not tell its library (signed out, nothing stored). Its
   * clockDrift is then 0, which both libraries read alike (0 ms, 0 s): they judge expiry by the
   * page's own clock, right whenever that clock is not ahead of the pool's by more than the
   * token's remaining life; the page never refreshes by itself (it gets no refresh token: see
   * tab-sessions.ts), so a clock behind the pool's costs nothing. signInDetails is written as
   * Amplify's (identity-js reads no such key).
   */
  library: PageLibrary | undefined;
  /** The app client the page uses; the access token must have been issued to it. */
  clientId: string;
  tokens: HandoffTokens;
  /** What the person signs in with (Amplify's signInDetails.loginId); default: the canonical username. */
  loginId?: string;
  /**
   * How far the user pool's clock is ahead of the page's, in ms (server − page; the background's
   * learnt offset for the pool's endpoint, 0 when none). Both libraries keep this as clockDrift
   * and judge token expiry by it; it is not "how old the tokens are" (tokens handed over late in
   * their life must still look as old as they are).
   */
  serverOffsetMs?: number;
}

/** What writePageSession needs: plain data, so it can cross into a page (scripting.executeScript args). */
export interface PageSessionPlan {
  /** `CognitoIdentityServiceProvider.<clientId>.` */
  prefix: string;
  /** The canonical username, the `<user>` in the keys. */
  username: string;
  /** Entries to set, keys without the prefix. */
  entries: [string, string][];
  /** Per-user keys of a previous session (another LastAuthUser) that are removed; its device record stays. */
  sessionKeys: string[];
  /** sessionStorage prefix of a sign-in in progress (Amplify's CognitoSignInState.*), removed. */
  signInStatePrefix: string;
}

export type PlanResult =
  | { ok: true; plan: PageSessionPlan }
  | { ok: false; reason: 'no-username' | 'other-app-client' };

export const KEY_PREFIX = 'CognitoIdentityServiceProvider';
const SESSION_KEYS = ['accessToken', 'idToken', 'refreshToken', 'clockDrift', 'signInDetails', 'userData'];
export const DEVICE_KEYS = ['deviceKey', 'deviceGroupKey', 'randomPasswordKey'] as const;

/**
 * clockDrift as each library stores it (verified in web-apps/README.md): Amplify v6 milliseconds,
 * iat*1000 − page now, so server − page; amazon-cognito-identity-js whole seconds, page now − iat,
 * so page − server.
 */
export function clockDriftFor(library: PageLibrary | undefined, serverOffsetMs: number): string {
  if (library === undefined) return '0';
  const drift = library === 'amplify-v6' ? Math.round(serverOffsetMs) : Math.round(-serverOffsetMs / 1000);
  return String(drift === 0 ? 0 : drift); // never "-0"
}

export function planPageSession(input: HandoffInput): PlanResult {
  const username = canonicalUsernameOf(input.tokens);
  if (!username) return { ok: false, reason: 'no-username' };
  if (unverifiedClaims(input.tokens.accessToken)?.['client_id'] !== input.clientId) return { ok: false, reason: 'other-app-client' };
  const user = (name: string): string => `${username}.${name}`;
  const entries: [string, string][] = [
    [user('accessToken'), input.tokens.accessToken],
    [user('idToken'), input.tokens.idToken],
  ];
  if (input.tokens.refreshToken) entries.push([user('refreshToken'), input.tokens.refreshToken]);
  entries.push([user('clockDrift'), clockDriftFor(input.library, input.serverOffsetMs ?? 0)]);
  if (input.library !== 'identity-js') {
    entries.push([user('signInDetails'), JSON.stringify({ loginId: input.loginId ?? username, authFlowType: 'USER_SRP_AUTH' })]);
  }
  // Last, as the libraries write it: a page reading midway sees no half session as current.
  entries.push(['LastAuthUser', username]);
  return {
    ok: true,
    plan: { prefix: `${KEY_PREFIX}.${input.clientId}.`, username, entries, sessionKeys: SESSION_KEYS, signInStatePrefix: 'CognitoSignInState.' },
  };
}

/**
 * Writes a plan into the page's storage: the previous user's session and any sign-in in progress
 * go, every key of the user being written goes (their stale device keys included), then the
 * entries are set. Runs in the page (content script or scripting.executeScript), so it must stay
 * self-contained: no imports, no closures, only its argument and the page's storage.
 */
export function writePageSession(plan: PageSessionPlan): void {
  const local = globalThis.localStorage;
  const previous = local.getItem(`${plan.prefix}LastAuthUser`);
  local.removeItem(`${plan.prefix}LastAuthUser`);
  if (previous && previous !== plan.username) {
    for (const name of plan.sessionKeys) local.removeItem(`${plan.prefix}${previous}.${name}`);
  }
  const own = `${plan.prefix}${plan.username}.`;
  for (const key of Array.from({ length: local.length }, (_, i) => local.key(i))) {
    if (key?.startsWith(own)) local.removeItem(key);
  }
  const session = globalThis.sessionStorage;
  for (const key of Array.from({ length: session.length }, (_, i) => session.key(i))) {
    if (key?.startsWith(plan.signInStatePrefix)) session.removeItem(key);
  }
  for (const [name, value] of plan.entries) local.setItem(`${plan.prefix}${name}`, value);
}

/**
 * Rewrites the tokens of a session this extension handed to the page (the refresh rewrite): only
 * while the page still shows that user (LastAuthUser), so a person who signed out in the app, or
 * in as someone else, is left alone. Sets the plan's entries except LastAuthUser and
 * signInDetails, which stay as the page has them. Self-contained, like writePageSession.
 * Returns false when the page no longer holds that session (the rewriting then stops).
 */
export function rewritePageTokens(plan: PageSessionPlan): boolean {
  const local = globalThis.localStorage;
  if (local.getItem(`${plan.prefix}LastAuthUser`) !== plan.username) return false;
  for (const [name, value] of plan.entries) {
    if (name === 'LastAuthUser' || name.endsWith('.signInDetails')) continue;
    local.setItem(`${plan.prefix}${name}`, value);
  }
  return true;
}

/**
 * What a page's storage says about the library that keeps its session. `cookies`: a session
 * cookie of the libraries (`CognitoIdentityServiceProvider.*`: Amplify with `ssr: true`, or
 * identity-js's CookieStorage), which an extension cannot write in the library's format without
 * knowing its cookie options, and which the page's server may read (HttpOnly adapters): refused.
 * `no-storage`: the page's localStorage cannot be used (an opaque or sandboxed origin, storage
 * disabled): refused. `local-storage`: the default storage, with the library when the keys tell
 * it (Amplify v6 writes signInDetails and the CognitoSignInState.* of a sign-in in progress;
 * identity-js writes userData), else undefined: a signed-out page holds no key of either.
 */
export type PageStorageProbe =
  | { kind: 'local-storage'; library: PageLibrary | undefined }
  | { kind: 'cookies' }
  | { kind: 'no-storage' };

/** Reads the page's storage for `clientId` (runs in the page: self-contained, names only, no values read back). */
export function probePageStorage(clientId: string): PageStorageProbe {
  const cookieNames = document.cookie.split(';').map((part) => decodeURIComponent(part.split('=')[0]!.trim()));
  if (cookieNames.some((name) => name.startsWith('CognitoIdentityServiceProvider.'))) return { kind: 'cookies' };
  let local: Storage;
  let session: Storage;
  try {
    local = globalThis.localStorage;
    session = globalThis.sessionStorage;
    const probe = 'CognitoAuthenticatorExtension.probe';
    local.setItem(probe, '1');
    local.removeItem(probe);
  } catch {
    return { kind: 'no-storage' };
  }
  const prefix = `CognitoIdentityServiceProvider.${clientId}.`;
  const keys = Array.from({ length: local.length }, (_, i) => local.key(i) ?? '').filter((key) => key.startsWith(prefix));
  if (keys.some((key) => key.endsWith('.signInDetails'))) return { kind: 'local-storage', library: 'amplify-v6' };
  if (keys.some((key) => key.endsWith('.userData'))) return { kind: 'local-storage', library: 'identity-js' };
  const sessionKeys = Array.from({ length: session.length }, (_, i) => session.key(i) ?? '');
  if (sessionKeys.some((key) => key.startsWith('CognitoSignInState.'))) return { kind: 'local-storage', library: 'amplify-v6' };
  return { kind: 'local-storage', library: undefined };
}
