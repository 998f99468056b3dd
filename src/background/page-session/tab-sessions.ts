// "Sign in this tab" (issue 9 item 3), the background's side: checks that the account is bound to
// the tab's exact origin and that the page keeps its session where this extension can write it,
// writes the session the extension's own sign-in produced into the page in its library's format
// (library-storage.ts) and reloads the tab; then, each time the extension refreshes the account's
// tokens, rewrites them into the site while a tab of it is open.
//
// What the page gets: the access and ID tokens, never a refresh token and never a device key,
// with or without a remembered device. With a device, the pool ties refresh to the device key,
// which stays in the vault (Amplify would send DeviceKey only with all three device keys in page
// storage). Without one, the refresh token would still be a long-lived credential in
// page-readable storage, and two refreshers of one refresh token break under refresh token
// rotation (each rotation revokes the token the other holds). So in both cases the extension is
// the one refresher, and the page's tokens are rewritten before they expire (RefreshScheduler
// calls `rewrite` after every refresh) until no tab of the site is open, the page no longer
// shows that user, the binding is removed, or the person signs the account out.
//
// Runs code in pages only with scripting.executeScript in the isolated world, with functions
// that read and write the page's storage and nothing else (library-storage.ts); Chrome MV3 and
// Firefox MV3 (the Firefox build is MV3 too) have the same call.
import type { CognitoAccount, StoredTokens } from '../accounts/model';
import { AppError } from '../errors';
import type { StorageArea } from '../storage';
import {
  planPageSession, probePageStorage, rewritePageTokens, writePageSession, type PageLibrary, type PageSessionPlan, type PageStorageProbe,
} from './library-storage';
import { isBoundTo, originOfTab } from './site-of-tab';

export interface TabInfo { id?: number | undefined; url?: string | undefined }
/** The parts of tabs and scripting this needs (browser.tabs, browser.scripting). */
export interface PagesApi {
  tabs: {
    get(tabId: number): Promise<TabInfo>;
    query(queryInfo: Record<string, never>): Promise<TabInfo[]>;
    reload(tabId: number): Promise<void>;
  };
  scripting: {
    executeScript(injection: { target: { tabId: number }; func: (...args: never[]) => unknown; args?: unknown[] }): Promise<{ result?: unknown }[]>;
  };
}

/** The tab a sign-in is for, as checked before it started (kept in the flow record). */
export interface TabTarget {
  tabId: number;
  origin: string;
  /** What the page's storage said before the sign-in; undefined: it did not tell. */
  library?: PageLibrary;
}

/** A site holding a session this extension wrote (storage.session: no secret in it). */
interface HandedSession { accountId: string; origin: string; username: string; library?: PageLibrary }

const STORE_KEY = 'pageSessions';

export class TabSessions {
  constructor(private readonly d: { pages: PagesApi | undefined; session: StorageArea }) {}

  /**
   * Checks the tab before any sign-in: a web page, of an origin the account is bound to, whose
   * storage this can write. Throws site-not-bound, page-storage-cookies, page-storage-unavailable,
   * page-unreachable or tab-gone.
   */
  async prepare(account: CognitoAccount, tabId: number): Promise<TabTarget> {
    const origin = await this.boundOrigin(account, tabId);
    const probe = await this.probe(account, tabId);
    return { tabId, origin, ...(probe.library ? { library: probe.library } : {}) };
  }

  /**
   * Writes the session into the tab (still on the same origin, still bound), then reloads it so
   * the app reads it, and keeps the site for the refresh rewrite.
   */
  async deliver(account: CognitoAccount, tokens: StoredTokens, target: TabTarget, serverOffsetMs: number): Promise<void> {
    const origin = await this.boundOrigin(account, target.tabId);
    if (origin !== target.origin) throw tabGone();
    // Looked at again: the page may have changed since the sign-in started.
    const probe = await this.probe(account, target.tabId);
    const library = probe.library ?? target.library;
    const plan = planFor(account, tokens, library, serverOffsetMs);
    await this.run(target.tabId, writePageSession, plan);
    await this.remember({ accountId: account.id, origin, username: plan.username, ...(library ? { library } : {}) });
    await this.pages().tabs.reload(target.tabId);
  }

  /**
   * After the extension refreshed the account's tokens: rewrites them into each site it handed a
   * session to, through one open tab of that site. A site with no open tab, no longer bound, or
   * whose page no longer shows that user is dropped (nothing is rewritten there again).
   */
  async rewrite(account: CognitoAccount, tokens: StoredTokens, serverOffsetMs: number): Promise<void> {
    const all = await this.load();
    const mine = all.filter((s) => s.accountId === account.id);
    if (!mine.length || !this.d.pages) return;
    const tabs = await this.d.pages.tabs.query({});
    const kept = all.filter((s) => s.accountId !== account.id);
    for (const site of mine) {
      if (!isBoundTo(account, site.origin)) continue;
      const tab = tabs.find((t) => t.id !== undefined && t.url !== undefined && originOfTab(t.url) === site.origin);
      if (tab?.id === undefined) continue;
      const plan = planFor(account, tokens, site.library, serverOffsetMs);
      if (plan.username !== site.username) continue; // another user now: that session is not this one's to renew
      let stillShown = false;
      try {
        stillShown = (await this.run(tab.id, rewritePageTokens, plan)) === true;
      } catch {
        // The tab closed or navigated away meanwhile: like no tab at all.
      }
      if (stillShown) kept.push(site);
    }
    await this.d.session.set({ [STORE_KEY]: kept });
  }

  /** The person signed the account out (or deleted it): its tokens are rewritten nowhere again. */
  async forget(accountId: string): Promise<void> {
    const all = await this.load();
    if (all.some((s) => s.accountId === accountId)) await this.d.session.set({ [STORE_KEY]: all.filter((s) => s.accountId !== accountId) });
  }

  /** The sites of the account's handed-over sessions (for tests and the docs' promise). */
  async sitesOf(accountId: string): Promise<string[]> {
    return (await this.load()).filter((s) => s.accountId === accountId).map((s) => s.origin);
  }

  private async boundOrigin(account: CognitoAccount, tabId: number): Promise<string> {
    let tab: TabInfo;
    try {
      tab = await this.pages().tabs.get(tabId);
    } catch {
      throw tabGone();
    }
    // The URL is visible only with host permission for the page, which binding a site grants.
    const origin = tab.url === undefined ? undefined : originOfTab(tab.url);
    if (origin === undefined || !isBoundTo(account, origin)) {
      throw new AppError('site-not-bound', `Account "${account.label}" is not bound to this tab's site: bind the site first.`);
    }
    return origin;
  }

  private async probe(account: CognitoAccount, tabId: number): Promise<Extract<PageStorageProbe, { kind: 'local-storage' }>> {
    const probe = (await this.run(tabId, probePageStorage, account.clientId)) as PageStorageProbe | undefined;
    if (probe?.kind === 'cookies') {
      throw new AppError('page-storage-cookies', 'This page keeps its Cognito session in cookies, which the extension does not write.');
    }
    if (probe?.kind !== 'local-storage') {
      throw new AppError('page-storage-unavailable', 'This page\'s local storage cannot be used, so no session can be written into it.');
    }
    return probe;
  }

  /** Runs one self-contained function in the tab's top frame (isolated world) and returns its result. */
  private async run<A>(tabId: number, func: (arg: A) => unknown, arg: A): Promise<unknown> {
    let results: { result?: unknown }[];
    try {
      results = await this.pages().scripting.executeScript({ target: { tabId }, func: func as (...args: never[]) => unknown, args: [arg] });
    } catch {
      throw new AppError('page-unreachable', 'The extension cannot run in this tab (a browser page, or no access to the site).');
    }
    return results[0]?.result;
  }

  private pages(): PagesApi {
    if (!this.d.pages) throw new AppError('page-unreachable', 'This browser gives the extension no access to tabs.');
    return this.d.pages;
  }

  private async load(): Promise<HandedSession[]> {
    const stored = (await this.d.session.get(STORE_KEY))[STORE_KEY];
    return Array.isArray(stored) ? (stored as HandedSession[]) : [];
  }

  private async remember(site: HandedSession): Promise<void> {
    const others = (await this.load()).filter((s) => !(s.accountId === site.accountId && s.origin === site.origin));
    // One session per site: another account written there replaces the earlier one's rewriting.
    await this.d.session.set({ [STORE_KEY]: [...others.filter((s) => s.origin !== site.origin), site] });
  }
}

function tabGone() {
  return new AppError('tab-gone', 'The tab was closed or left the site while signing in.');
}

/** The page's entries: no refresh token (see the top of this file), the canonical username's keys. */
function planFor(account: CognitoAccount, tokens: StoredTokens, library: PageLibrary | undefined, serverOffsetMs: number): PageSessionPlan {
  const planned = planPageSession({
    library, clientId: account.clientId, loginId: account.username, serverOffsetMs,
    tokens: { accessToken: tokens.accessToken, idToken: tokens.idToken },
  });
  if (!planned.ok) throw new AppError('internal', `The tokens cannot be written into the page (${planned.reason}).`);
  return planned.plan;
}
