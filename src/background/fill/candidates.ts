// Which accounts a code for a tab may come from (issue 9: "the account is chosen exactly"). The
// set is always the accounts bound to the frame's own origin that have a TOTP code; nothing a
// page shows or does can widen it. Sources of evidence may only narrow it, first one that knows
// wins:
//
//   1. the Cognito sign-in this extension saw the tab make (pool, app client, username):
//      src/background/page-watch (PageWatch.narrower), handed to CodeFill by the context;
//      (the accounts it matches; or, when it matches none, all but those that are another user
//      of the same app);
//   2. otherwise every bound account: one is used as is, several make the person pick (popup).
// A fill where the person picked the account (popup "Fill code" on its row) names it and does not
// come here.
import { activeTotpSecret, type Account } from '../accounts/model';

/**
 * Evidence about which of the bound accounts a tab is signing in as. Returns the subset it points
 * to (possibly none), or undefined when it knows nothing about this tab. Anything it returns
 * outside `bound` is ignored.
 */
export type CandidateNarrower = (tabId: number, bound: readonly Account[]) => Promise<readonly Account[] | undefined>;

/** No narrower by default: the context gives CodeFill the observed sign-in's. */
const NARROWERS: CandidateNarrower[] = [];

/** Accounts that can give a code to fill: TOTP accounts and Cognito accounts holding a TOTP secret (HOTP: see docs/architecture.md). */
export function canFill(account: Account): boolean {
  return account.kind === 'totp' || (account.kind === 'cognito' && activeTotpSecret(account) !== undefined);
}

/** The accounts a code for `tabId` may come from, among those `bound` to the frame's origin. */
export async function candidatesForTab(tabId: number, bound: readonly Account[], narrowers: readonly CandidateNarrower[] = NARROWERS): Promise<Account[]> {
  const fillable = bound.filter(canFill);
  for (const narrow of narrowers) {
    const picked = await narrow(tabId, fillable);
    // Evidence that rules every account out means none of them: the person may still pick one.
    if (picked !== undefined) return picked.filter((a) => fillable.some((b) => b.id === a.id));
  }
  return fillable;
}
