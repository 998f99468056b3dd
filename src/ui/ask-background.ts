/**
 * The pages' only way to reach the background: one typed request, one typed answer.
 * A refused request becomes a `BackgroundError` carrying the background's stable code (to branch
 * on) and its message (safe to show: the background never puts secrets in messages).
 */
import browser from 'webextension-polyfill';
import { sendWithRetry } from './send-with-retry';
import type { Answer, Results } from '../shared/views';
import type { ErrorInfo } from '../shared/error-codes';
import type { RequestOf, RequestType } from '../shared/requests';

/** A refusal as the page received it; `code` a string, since it came over the message channel. */
export class BackgroundError extends Error {
  readonly code: string;
  readonly exception?: string;
  constructor(error: ErrorInfo) {
    super(error.message);
    this.name = 'BackgroundError';
    this.code = error.code;
    if (error.exception !== undefined) this.exception = error.exception;
  }
}

const lockedListeners = new Set<() => void>();

/**
 * Calls `listener` whenever the background refuses a request because the vault is locked: the
 * page learns of a lock from its own requests too, should it have missed the broadcast (a
 * worker stopped between locking and telling). Returns the unsubscribe function.
 */
export function onLockedAnswer(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

/**
 * How often a page says "still waiting" (a `keep-alive` request) while a request of its own is
 * unanswered. Firefox suspends its event page at an idle timeout counted from the last event,
 * whether or not an answer is still being worked out: 30 s by default, 3 s in the test browsers.
 * Every message is an event, so a second's interval keeps the page up under either.
 */
export const KEEP_ALIVE_MS = 1000;

export async function ask<T extends RequestType>(request: RequestOf<T>): Promise<Results[T]> {
  let answer: Answer<T> | undefined;
  const keepAlive = setInterval(() => { browser.runtime.sendMessage({ type: 'keep-alive' }).catch(() => undefined); }, KEEP_ALIVE_MS);
  try {
    answer = (await sendWithRetry((message) => browser.runtime.sendMessage(message), request)) as Answer<T> | undefined;
  } catch (error) {
    // The worker did not answer even when sent again, or stopped while answering.
    throw new BackgroundError({ code: 'unreachable', message: `The extension's background did not answer (${(error as Error).message}).` });
  } finally {
    clearInterval(keepAlive);
  }
  if (!answer || typeof answer !== 'object' || !('ok' in answer)) {
    throw new BackgroundError({ code: 'no-answer', message: `The background sent no answer to "${request.type}".` });
  }
  if (!answer.ok) {
    // After the caller has handled the refusal (a microtask later), so the lock has the last word.
    if (answer.error.code === 'locked') queueMicrotask(() => lockedListeners.forEach((listener) => listener()));
    throw new BackgroundError(answer.error);
  }
  const { ok: _ok, ...result } = answer;
  return result as unknown as Results[T];
}
