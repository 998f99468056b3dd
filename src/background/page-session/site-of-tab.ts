// Which site a tab shows, and whether an account is bound to it: the one check "Sign in this tab"
// and its refresh rewrite make before touching a page. The binding model's own rules
// (src/shared/site-binding.ts): exact origins, compared as strings.
import { originOf, siteFor } from '../../shared/site-binding';
import type { CognitoAccount } from '../accounts/model';

/** The tab's origin when it shows an http(s) page, else undefined (browser pages, files, about:). */
export const originOfTab = originOf;

/** Whether the person bound the account to exactly this origin. */
export function isBoundTo(account: CognitoAccount, origin: string): boolean {
  return siteFor(account.sites, origin) !== undefined;
}
