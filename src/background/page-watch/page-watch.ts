// The page-watch jobs in one place for the context: sign-in observation (sign-in-observer.ts),
// the tabs' observed sign-ins (observed-sign-ins.ts) and the "ask me first" approvals
// (page-approvals.ts), and the one rule the fill path asks before it puts a code in a page.
import type { Account } from '../accounts/model';
import type { AccountStore } from '../accounts/store';
import type { CandidateNarrower } from '../fill/candidates';
import type { StorageArea } from '../storage';
import { ObservedSignIns } from './observed-sign-ins';
import { PageApprovals, type ApprovalSignals } from './page-approvals';
import { accountEndpoint, SignInObserver, type WatchableAccount } from './sign-in-observer';

/** What the code fill may do for an account on a tab: fill, wait for the person, or nothing. */
export type FillGate = 'fill' | 'wait' | 'denied';

export const QUIET_SIGNALS: ApprovalSignals = {
  raised: async () => undefined, settled: async () => undefined, pendingCount: async () => undefined,
};

export class PageWatch {
  readonly signIns: ObservedSignIns;
  readonly approvals: PageApprovals;
  readonly observer: SignInObserver;

  constructor(session: StorageArea, private readonly accounts: AccountStore, signals: ApprovalSignals = QUIET_SIGNALS, now: () => number = Date.now) {
    this.signIns = new ObservedSignIns(session, now);
    this.approvals = new PageApprovals(session, signals, now);
    this.observer = new SignInObserver({
      store: this.signIns, approvals: this.approvals,
      accounts: async () => (await accounts.listReadable()).accounts.map(watchable),
    });
  }

  /**
   * Code fill's first source of which bound account a tab signs in as (src/background/fill/candidates.ts):
   * the accounts the sign-in seen in the tab matches. When it matches none, the accounts that are
   * another user of the same app are ruled out (a user with no account here, e.g. on a new
   * user's TOTP set-up screen, must not get a colleague's code filled); undefined when nothing
   * was seen there, or nothing is known about these accounts.
   */
  readonly narrower: CandidateNarrower = async (tabId, bound) => {
    const seen = await this.signIns.get(tabId);
    if (!seen) return undefined;
    const ids = new Set((await this.observer.observedAccounts(tabId, seen.pageOrigin)).map((a) => a.id));
    if (ids.size > 0) return bound.filter((a) => ids.has(a.id));
    const others = new Set((await this.observer.otherUsersSeen(tabId)).map((a) => a.id));
    return others.size === 0 ? undefined : bound.filter((a) => !others.has(a.id));
  };

  /**
   * The approval gate of code fill (issue 9 item 5): an account whose policy is "ask me first"
   * gets its code into a page only after the person approved this tab's sign-in in the popup.
   * Asked while nothing was raised yet and the tab was seen signing in as the account, it raises
   * the approval now; without an observed sign-in there is nothing to approve, and such an
   * account fills only by the person's gesture. Accounts without the policy (plain TOTP/HOTP,
   * automatic) fill.
   */
  async fillGate(tabId: number, origin: string, accountId: string): Promise<FillGate> {
    const account = await this.accounts.get(accountId);
    if (account.kind !== 'cognito' || account.policy.autoAnswer) return 'fill';
    const decision = await this.approvals.decisionFor(tabId, origin, accountId);
    if (decision === 'approved') return 'fill';
    if (decision === 'denied') return 'denied';
    if (decision === undefined && (await this.observer.observedAccounts(tabId, origin)).some((a) => a.id === accountId)) {
      await this.approvals.raise(tabId, origin, account);
    }
    return 'wait';
  }
}

/** An account as observation sees it: names and switches, no secret. */
export function watchable(account: Account): WatchableAccount {
  const base = { id: account.id, label: account.label, sites: account.sites ?? [] };
  // A TOTP account enrolled from a page whose sign-in was seen: that user, at that endpoint and app client.
  if (account.kind === 'totp' && account.cognito) return { ...base, cognito: { ...account.cognito, asksFirst: false } };
  if (account.kind !== 'cognito') return base;
  return { ...base, cognito: { clientId: account.clientId, endpoint: accountEndpoint(account), username: account.username, asksFirst: !account.policy.autoAnswer } };
}
