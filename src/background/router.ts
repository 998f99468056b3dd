// The runtime.onMessage entry: checks the sender, validates the request against the shared
// schema, refuses vault operations while locked, dispatches to the registered handler and
// answers {ok:true,...} or {ok:false,error:{code,message}}. It never throws to the browser.
import { parseRequest, type ErrorInfo, type Request } from '../shared/messages';
import type { Context } from './context';
import { errorInfo } from './error-info';
import { lockedError, AppError } from './errors';
import { handlers, WORKS_LOCKED } from './handlers/registry';

export interface SenderInfo { id?: string; url?: string }
export interface ExtensionIdentity { id: string; baseUrl: string /* runtime.getURL('') */ }

type Answer = ({ ok: true } & Record<string, unknown>) | { ok: false; error: ErrorInfo };

/** Only this extension's own pages (popup, options) may talk to the background. */
export function isOwnPage(sender: SenderInfo, self: ExtensionIdentity): boolean {
  return sender.id === self.id && typeof sender.url === 'string' && sender.url.startsWith(self.baseUrl);
}

export async function handleMessage(message: unknown, sender: SenderInfo, self: ExtensionIdentity, ctx: Context): Promise<Answer> {
  if (!isOwnPage(sender, self)) {
    return { ok: false, error: { code: 'forbidden-sender', message: 'Only the extension\'s own pages may send requests.' } };
  }
  const parsed = parseRequest(message);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const request = parsed.request;
  try {
    await guard(request, ctx);
    const result = await (handlers[request.type] as (r: Request, c: Context) => Promise<object>)(request, ctx);
    // Any request from a page is activity: push the auto-lock back.
    if (request.type !== 'lock') await ctx.lock.touch();
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
