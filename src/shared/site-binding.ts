// A site binding: the exact web origin where an account is used (issue 9, "Sites"), and the
// person's two switches for it. One schema and one origin rule, imported by the forms (popup
// "This tab", options), the request schema (./requests.ts), the vault record
// (src/background/accounts/model.ts) and the background's decisions (which frame may get a code).
//
// Exact origins only, never a pattern or a "registrable domain": the anchors that matched sites
// fuzzily filled codes into look-alike and sibling hosts (the project's anchors.md); Bitwarden's
// "base domain" match is what this rule is not.
//
// Pure module: no browser APIs.
import * as v from 'valibot';
import { ClientIdSchema, StoredUsernameSchema } from './account-schema';

/** At most this many sites per account: a person binds a handful; the record must stay small. */
export const MAX_SITES_PER_ACCOUNT = 32;
/** Longer than any origin a browser shows (a host is at most 253 characters). */
const ORIGIN_MAX_CHARS = 300;
/**
 * A host as a browser's address bar has it after parsing: DNS labels (IDN already in punycode),
 * an IPv4 address, or a bracketed IPv6 one. The URL parser lets through characters no real host
 * has ("*", "!", "$"…); a binding with "*" in it would read as a pattern to a person, so it is no host.
 */
const HOST = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/;

/**
 * The origin of an http(s) URL, normalised as the browser compares origins: scheme and host in
 * lower case, IDN hosts in punycode, the default port dropped; path, query, fragment and any
 * user name or password dropped. `undefined` for anything else (file:, data:, about:,
 * chrome-extension:, text that is no URL), since a code is only ever filled into web pages.
 */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  if (!HOST.test(parsed.hostname)) return undefined;
  return parsed.origin;
}

/**
 * True when `text` is already an origin exactly as `originOf` writes it (`scheme://host[:port]`,
 * no trailing slash, nothing else): what a stored or sent binding must be, so that comparing
 * origins is comparing strings.
 */
export function isExactOrigin(text: string): boolean {
  return text.length <= ORIGIN_MAX_CHARS && originOf(text) === text;
}

export const OriginSchema = v.pipe(v.string(), v.maxLength(ORIGIN_MAX_CHARS),
  v.check(isExactOrigin, 'origin must be an exact http(s) origin: scheme://host[:port], lower case, no path'));

/** The person's switches for one site; both off unless the person turns them on. */
export const SiteFlagsSchema = v.strictObject({
  /** Submit the form after filling the code. Off: the person presses the page's own button. */
  submitAfterFill: v.boolean(),
  /** Watch this site's tabs sign in to Cognito (webRequest, opt-in per site; issue 9 item 5). */
  observeSignIn: v.boolean(),
});
export type SiteFlags = v.InferOutput<typeof SiteFlagsSchema>;
export const DEFAULT_SITE_FLAGS: Readonly<SiteFlags> = { submitAfterFill: false, observeSignIn: false };

/** One binding as stored in the account's vault record and shown to the pages (no secret in it). */
export const SiteBindingSchema = v.strictObject({
  origin: OriginSchema,
  ...SiteFlagsSchema.entries,
});
export type SiteBinding = v.InferOutput<typeof SiteBindingSchema>;

/**
 * The Cognito sign-in a site makes with an account's codes, as the extension saw the site's own
 * requests make it (src/background/page-watch): the pool's endpoint (origin and path, as
 * observed), the app client and the user (Cognito's canonical username when the page answered a
 * challenge, else the login typed). A Cognito account names these itself; a TOTP account enrolled
 * from such a page (issue 9 item 4) keeps them, so that the observed sign-in of a later visit
 * picks it exactly among the site's accounts. Names only, no secret.
 */
export const CognitoSignInSchema = v.strictObject({
  endpoint: v.pipe(v.string(), v.maxLength(2048), v.url('endpoint must be an absolute URL')),
  clientId: ClientIdSchema,
  username: StoredUsernameSchema,
});
export type CognitoSignIn = v.InferOutput<typeof CognitoSignInSchema>;

/** An account's bindings: each origin once. */
export const SitesSchema = v.pipe(v.array(SiteBindingSchema), v.maxLength(MAX_SITES_PER_ACCOUNT),
  v.check((sites) => new Set(sites.map((s) => s.origin)).size === sites.length, 'each origin once'));

/** A partial change of a binding's switches (update-site). */
export const SiteFlagsPatchSchema = v.partial(SiteFlagsSchema);
export type SiteFlagsPatch = v.InferOutput<typeof SiteFlagsPatchSchema>;

/** The account's sites with `origin` bound (its switches kept if it already was, else the defaults, or `flags`). */
export function withSite(sites: readonly SiteBinding[], origin: string, flags: SiteFlagsPatch = {}): SiteBinding[] {
  const existing = sites.find((s) => s.origin === origin);
  const binding: SiteBinding = { ...DEFAULT_SITE_FLAGS, ...existing, ...definedOnly(flags), origin };
  return existing ? sites.map((s) => (s.origin === origin ? binding : s)) : [...sites, binding];
}

/** The account's sites without `origin`. */
export function withoutSite(sites: readonly SiteBinding[], origin: string): SiteBinding[] {
  return sites.filter((s) => s.origin !== origin);
}

/** The binding of `origin` among the account's sites, compared exactly. */
export function siteFor(sites: readonly SiteBinding[] | undefined, origin: string): SiteBinding | undefined {
  return sites?.find((s) => s.origin === origin);
}

function definedOnly(flags: SiteFlagsPatch): Partial<SiteFlags> {
  const out: Partial<SiteFlags> = {};
  if (flags.submitAfterFill !== undefined) out.submitAfterFill = flags.submitAfterFill;
  if (flags.observeSignIn !== undefined) out.observeSignIn = flags.observeSignIn;
  return out;
}
