// Sign-in observation (issue 9 item 5): a page's own requests to Cognito, seen through
// webRequest.onBeforeRequest (non-blocking, `requestBody`), for tabs of sites the person bound
// with observation on. What it learns (endpoint, app client, username) picks the account among
// the ones bound to that origin (`observedAccounts`), never widens the set; and it raises the
// approval of an "ask me first" account.
//
// The request body is read by sign-in-body.ts in memory; only its claim reaches here, and from
// here only the claim's names reach storage.session. Nothing is logged.
import { endpointFor } from '../../cognito/transport';
import { isListedCognitoUrl } from '../../cognito/user-pool-endpoints';
import { originOf } from '../../shared/site-binding';
import type { ObservedSignIn, ObservedSignIns } from './observed-sign-ins';
import type { PageApprovals } from './page-approvals';
import { readSignInBody, type RawBodyPart } from './sign-in-body';

/** The fields of webRequest.onBeforeRequest's details read here (Chrome: initiator; Firefox: documentUrl/originUrl). */
export interface ObservedRequest {
  tabId: number;
  method: string;
  url: string;
  initiator?: string;
  documentUrl?: string;
  originUrl?: string;
  requestBody?: { raw?: RawBodyPart[] } | null;
}

/** What observation needs of an account: never a secret. */
export interface WatchableAccount {
  id: string;
  label: string;
  /** Cognito accounts: who it signs in as, where. */
  cognito?: { clientId: string; endpoint: string; username: string; asksFirst: boolean };
  sites: readonly { origin: string; observeSignIn: boolean }[];
}

export interface ObserverDeps {
  store: ObservedSignIns;
  approvals: PageApprovals;
  /** The readable accounts; throws while the vault is locked (then nothing is observed). */
  accounts(): Promise<WatchableAccount[]>;
}

export class SignInObserver {
  constructor(private readonly deps: ObserverDeps) {}

  /** One webRequest event. Answers what was recorded, for tests; never throws. */
  async onBeforeRequest(details: ObservedRequest): Promise<ObservedSignIn | undefined> {
    try {
      if (details.tabId < 0 || details.method !== 'POST') return undefined;
      const pageOrigin = originOf(details.initiator ?? details.documentUrl ?? details.originUrl ?? '');
      if (pageOrigin === undefined) return undefined;
      const claim = readSignInBody(details.requestBody?.raw ?? undefined);
      if (claim === undefined) return undefined;
      const accounts = await this.deps.accounts();
      if (!accounts.some((a) => a.sites.some((s) => s.origin === pageOrigin && s.observeSignIn))) return undefined;
      const endpoint = cognitoEndpointOf(details.url, accounts);
      if (endpoint === undefined) return undefined;
      const observed = await this.deps.store.record(details.tabId, pageOrigin, endpoint, claim);
      for (const account of matchingAccounts(observed, accounts)) {
        if (account.cognito?.asksFirst) await this.deps.approvals.raise(details.tabId, pageOrigin, account);
      }
      return observed;
    } catch {
      return undefined; // locked vault, storage error: this request is simply not observed
    }
  }

  /**
   * The accounts bound (observation on) to the tab's current origin that the sign-in seen in the
   * tab signs in as; empty when none was seen. The first source of the account to fill.
   */
  async observedAccounts(tabId: number, tabOrigin: string): Promise<WatchableAccount[]> {
    const observed = await this.deps.store.get(tabId);
    if (!observed || observed.pageOrigin !== tabOrigin) return [];
    return matchingAccounts(observed, await this.deps.accounts());
  }

  /**
   * Accounts of the app the tab signed in to (same endpoint and app client, bound to its page)
   * that are some other user: a code of theirs would be the wrong person's. Empty when nothing
   * was seen in the tab.
   */
  async otherUsersSeen(tabId: number): Promise<WatchableAccount[]> {
    const observed = await this.deps.store.get(tabId);
    if (!observed) return [];
    const accounts = await this.deps.accounts();
    const matched = new Set(matchingAccounts(observed, accounts).map((a) => a.id));
    return sameApp(observed, accounts, { observedOnly: false }).filter((a) => !matched.has(a.id)
      && ![observed.userId, observed.loginId].some((name) => name !== undefined && a.cognito!.username.toLowerCase() === name.toLowerCase()));
  }

  async onTabRemoved(tabId: number): Promise<void> {
    await this.deps.store.dropTab(tabId);
    await this.deps.approvals.dropTab(tabId);
  }

  /** The tab's top document is now at `url`: another origin ends what was seen there. */
  async onTabUrl(tabId: number, url: string): Promise<void> {
    if (await this.deps.store.onTabOrigin(tabId, originOf(url))) await this.deps.approvals.dropTab(tabId);
  }
}

/**
 * Cognito accounts bound to the sign-in's page with observation on, calling the same endpoint
 * and app client, as the same user: the canonical user the page answered challenges as first;
 * when no account is stored under that name (an account kept under its e-mail alias), the login
 * the page typed. Cognito compares usernames without case by default, so case is ignored.
 */
export function matchingAccounts(observed: ObservedSignIn, accounts: readonly WatchableAccount[]): WatchableAccount[] {
  const here = sameApp(observed, accounts, { observedOnly: true });
  for (const name of [observed.userId, observed.loginId]) {
    if (name === undefined) continue;
    const found = here.filter((a) => a.cognito!.username.toLowerCase() === name.toLowerCase());
    if (found.length > 0) return found;
  }
  return [];
}

/** Cognito accounts bound to the sign-in's page (with observation on, if `observedOnly`) for its endpoint and app client. */
function sameApp(observed: ObservedSignIn, accounts: readonly WatchableAccount[], { observedOnly }: { observedOnly: boolean }): WatchableAccount[] {
  return accounts.filter((a) => a.cognito !== undefined
    && a.sites.some((s) => s.origin === observed.pageOrigin && (s.observeSignIn || !observedOnly))
    && a.cognito.clientId === observed.clientId
    && sameEndpoint(a.cognito.endpoint, observed.endpoint));
}

/** The endpoint a request went to, when it is Cognito's: a listed regional host, or an account's own endpoint. */
export function cognitoEndpointOf(url: string, accounts: readonly WatchableAccount[]): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (isListedCognitoUrl(parsed)) return parsed.origin;
  for (const a of accounts) {
    if (a.cognito && sameEndpoint(a.cognito.endpoint, parsed.href)) return normalEndpoint(a.cognito.endpoint);
  }
  return undefined;
}

/** `endpoint` as built by endpointFor for an account (the regional URL when it names none). */
export function accountEndpoint(account: { userPoolId: string; endpoint?: string | undefined }): string {
  return normalEndpoint(endpointFor(account.userPoolId, account.endpoint));
}

function normalEndpoint(endpoint: string): string {
  const u = new URL(endpoint);
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.origin}${path}`;
}

/** Same origin, and the request's path is the endpoint's path (or under it, for a proxy). */
function sameEndpoint(endpoint: string, requestUrl: string): boolean {
  try {
    const e = new URL(normalEndpoint(endpoint));
    const r = new URL(requestUrl);
    if (e.origin !== r.origin) return false;
    const base = e.pathname.replace(/\/+$/, '');
    return base === '' || r.pathname === base || r.pathname.startsWith(`${base}/`);
  } catch {
    return false;
  }
}
