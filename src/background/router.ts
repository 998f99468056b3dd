// The runtime.onMessage entry: checks the sender, validates the request against the shared
// schema, refuses vault operations while locked, dispatches to the registered handler and
// answers {ok:true,...} or {ok:false,error:{code,message}}. It never throws to the browser.
import { appErrorInfo, type ErrorInfo } from '../shared/error-codes';
import { parseRequest, type Request } from '../shared/requests';
import type { Context } from './context';
import { errorInfo } from './error-info';
import { lockedError, AppError } from './errors';
import { handlers, WORKS_LOCKED } from './handlers/registry';

/** The fields of runtime.MessageSender the check reads (Chrome sets `origin`; Firefox does not). */
export interface SenderInfo { id?: string; url?: string; origin?: string; frameId?: number; tab?: unknown }
export interface ExtensionIdentity { id: string; baseUrl: string /* runtime.getURL('') */ }

type Answer = ({ ok: true } & Record<string, unknown>) | { ok: false; error: ErrorInfo };

/**
 * Only this extension's own pages (popup, options) may talk to the background:
 * - `id` is this extension (another extension's messages arrive on onMessageExternal anyway);
 * - the sending document's URL has exactly the extension's origin: a content script (there are
 *   none, but one would report the web page's URL) or any web page is refused;
 * - `origin`, where the browser reports it, is the extension's origin too;
 * - the sender is a top-level document: our pages never frame each other and the manifest's CSP
 *   forbids framing them (frame-ancestors 'none'), so a sub-frame (`frameId` > 0, only set for
 *   senders in a tab) means an extension page embedded where it should not be.
 */
export function isOwnPage(sender: SenderInfo, self: ExtensionIdentity): boolean {
  if (sender.id !== self.id || typeof sender.url !== 'string') return false;
  const ownOrigin = originOf(self.baseUrl);
  if (ownOrigin === undefined || originOf(sender.url) !== ownOrigin) return false;
  if (sender.origin !== undefined && sender.origin !== ownOrigin) return false;
  if (sender.tab !== undefined && sender.frameId !== undefined && sender.frameId !== 0) return false;
  return true;
}

/** scheme://host of a URL; WHATWG gives extension URLs an opaque "null" origin, so build it. */
function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : undefined;
  } catch {
    return undefined;
  }
}

export async function handleMessage(message: unknown, sender: SenderInfo, self: ExtensionIdentity, ctx: Context): Promise<Answer> {
  if (!isOwnPage(sender, self)) {
    return { ok: false, error: appErrorInfo('forbidden-sender', 'Only the extension\'s own pages may send requests.') };
  }
  const parsed = parseRequest(message);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const request = parsed.request;
  try {
    await guard(request, ctx);
    const result = await (handlers[request.type] as (r: Request, c: Context) => Promise<object>)(request, ctx);
    // Any request from a page is activity: push the auto-lock back. (A keep-alive is not: the
    // request it accompanies pushes it back when it is answered.)
    if (request.type !== 'lock' && request.type !== 'keep-alive') await ctx.lock.touch();
    return { ok: true, ...result };
  } catch (error) {
    return { ok: false, error: errorInfo(error) };
  }
}

async function guard(request: Request, ctx: Context): Promise<void> {
  if (WORKS_LOCKED.has(request.type)) return;
  if (!(await ctx.vault.isInitialized())) throw new AppError('not-initialized', 'There is no vault yet: set a password first.');
  if (!(await ctx.vault.isUnlocked())) throw lockedError();
}
