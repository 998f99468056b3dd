// Which site a tab shows, and whether an account is bound to it: the one check "Sign in this tab"
// and its refresh rewrite make before touching a page. Exact origins only (the binding model:
// src/shared/site-binding.ts).
import type { CognitoAccount } from '../accounts/model';

/** The tab's origin when it shows an http(s) page, else undefined (browser pages, files, about:). */
export function originOfTab(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname ? parsed.origin : undefined;
}

/** Whether the person bound the account to exactly this origin. */
export function isBoundTo(account: CognitoAccount, origin: string): boolean {
  const sites = (account as { sites?: readonly { origin: string }[] }).sites;
  return sites?.some((site) => site.origin === origin) ?? false;
}
