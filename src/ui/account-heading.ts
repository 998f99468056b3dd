/**
 * What an account row says first and second: the service (who the code is for: the issuer of an
 * OTP account, the person's own name for a Cognito account, which names its app) and then the
 * account at that service (the OTP account's name, the Cognito username), with the site it is
 * bound to, when it is. The list is sorted by
 * service, then account, the way people look for an entry ("GitHub", then which GitHub login).
 * The letter mark is the service's first letter on a colour chosen from the service's name, so
 * the same service keeps its colour across sessions and machines without any remote icon.
 *
 * Pure module: no DOM, so the rules are unit-tested.
 */
import type { AccountSummary } from '../shared/views';

export interface AccountHeading {
  service: string;
  /** Absent when it would only repeat the service. */
  account?: string;
  /** Where it is used: the host of the first site bound to it, absent when none is. */
  site?: string;
  /** How many more sites are bound besides `site`. */
  moreSites?: number;
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

export function accountHeading(account: AccountSummary): AccountHeading {
  const service = account.kind === 'cognito' ? account.label : (account.issuer?.trim() || account.label);
  const second = account.kind === 'cognito' ? account.username : account.label;
  const heading: AccountHeading = same(service, second) ? { service } : { service, account: second };
  const sites = account.sites ?? [];
  if (sites.length > 0) {
    heading.site = new URL(sites[0]!.origin).host;
    if (sites.length > 1) heading.moreSites = sites.length - 1;
  }
  return heading;
}

/** Service, then account, in the person's language's order ("é" beside "e", "10" after "9"); the id keeps it stable. */
export function compareAccounts(a: AccountSummary, b: AccountSummary, locale?: string): number {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const ha = accountHeading(a);
  const hb = accountHeading(b);
  return collator.compare(ha.service, hb.service) || collator.compare(ha.account ?? '', hb.account ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface LetterMark {
  /** The service's first letter or digit, upper-cased; "?" when it has none. */
  letter: string;
  /** A hue (0-359) from the service's name: the same name always gets the same colour. */
  hue: number;
}

export function letterMark(service: string): LetterMark {
  const first = [...service.normalize('NFC')].find((c) => /[\p{L}\p{N}]/u.test(c));
  let hash = 0;
  for (const c of service.trim().toLocaleLowerCase()) hash = (hash * 31 + c.codePointAt(0)!) >>> 0;
  return { letter: first ? first.toLocaleUpperCase() : '?', hue: hash % 360 };
}

/**
 * The mark's background is hsl(hue, MARK_SATURATION %, MARK_LIGHTNESS %) under white text: dark
 * enough for 4.5:1 at every hue (test/unit/account-heading.test.ts checks all 360), in both themes.
 */
export const MARK_SATURATION = 55;
export const MARK_LIGHTNESS = 30;
