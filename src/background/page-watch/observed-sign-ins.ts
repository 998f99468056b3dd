// The Cognito sign-in each tab was seen making (issue 9 item 5): pool endpoint, app client and
// username, never a request body. One record per tab in storage.session (it outlives the stopped
// worker, never the browser session), dropped when the tab closes or leaves the origin that made
// the sign-in. Usernames and client ids are no secrets; they name which bound account a code is for.
import * as v from 'valibot';
import type { StorageArea } from '../storage';
import type { ObservedOperation, SignInClaim } from './sign-in-body';

const KEY_PREFIX = 'observed-sign-in.';
/** Cognito's sign-in Session lives 3 minutes by default, 15 at most: an older sign-in is over. */
export const OBSERVED_SIGN_IN_TTL_MS = 15 * 60_000;

const ObservedSignInSchema = v.object({
  tabId: v.number(),
  /** The origin of the document that sent the request (a bound site with observation on). */
  pageOrigin: v.string(),
  /** The origin (and path, for a proxy) of the Cognito endpoint the page called. */
  endpoint: v.string(),
  clientId: v.string(),
  /** What the person typed (InitiateAuth's USERNAME). */
  loginId: v.optional(v.string()),
  /** The canonical user Cognito answered with (USERNAME of the challenge answers). */
  userId: v.optional(v.string()),
  operation: v.picklist(['InitiateAuth', 'RespondToAuthChallenge']),
  step: v.string(),
  at: v.number(),
});
export type ObservedSignIn = v.InferOutput<typeof ObservedSignInSchema>;

export class ObservedSignIns {
  constructor(private readonly session: StorageArea, private readonly now: () => number = Date.now) {}

  /**
   * Adds what one request said to the tab's sign-in. A new InitiateAuth, or an answer for another
   * client or endpoint, starts a new sign-in; an answer of the same sign-in adds the canonical user.
   */
  async record(tabId: number, pageOrigin: string, endpoint: string, claim: SignInClaim): Promise<ObservedSignIn> {
    const previous = await this.get(tabId);
    const sameSignIn = previous !== undefined && previous.pageOrigin === pageOrigin && previous.endpoint === endpoint
      && previous.clientId === claim.clientId && claim.operation !== 'InitiateAuth';
    const base: ObservedSignIn = sameSignIn ? previous : { tabId, pageOrigin, endpoint, clientId: claim.clientId, operation: claim.operation, step: claim.step, at: 0 };
    const next: ObservedSignIn = { ...base, operation: claim.operation as ObservedOperation, step: claim.step, at: this.now() };
    if (claim.username !== undefined) {
      if (claim.operation === 'InitiateAuth') next.loginId = claim.username;
      else next.userId = claim.username;
    }
    await this.session.set({ [KEY_PREFIX + tabId]: next });
    return next;
  }

  /** The tab's sign-in, if one was seen and is not older than a Cognito sign-in session can be. */
  async get(tabId: number): Promise<ObservedSignIn | undefined> {
    const key = KEY_PREFIX + tabId;
    const parsed = v.safeParse(ObservedSignInSchema, (await this.session.get(key))[key]);
    if (!parsed.success) return undefined;
    if (this.now() - parsed.output.at > OBSERVED_SIGN_IN_TTL_MS) {
      await this.session.remove(key);
      return undefined;
    }
    return parsed.output;
  }

  async dropTab(tabId: number): Promise<void> {
    await this.session.remove(KEY_PREFIX + tabId);
  }

  /** The tab now shows `origin` (undefined: not a web page): a sign-in made by another origin is dropped. */
  async onTabOrigin(tabId: number, origin: string | undefined): Promise<boolean> {
    const current = await this.get(tabId);
    if (current === undefined || current.pageOrigin === origin) return false;
    await this.dropTab(tabId);
    return true;
  }
}
