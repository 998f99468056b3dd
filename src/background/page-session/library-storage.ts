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
  library: PageLibrary;
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
export function clockDriftFor(library: PageLibrary, serverOffsetMs: number): string {
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
  if (input.library === 'amplify-v6') {
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
