/**
 * The pages' only way to reach the background: one typed request, one typed answer.
 * A refused request becomes a `BackgroundError` carrying the background's stable code (to branch
 * on) and its message (safe to show: the background never puts secrets in messages).
 */
import browser from 'webextension-polyfill';
import { sendWithRetry } from './send-with-retry';
import type { Answer, ErrorInfo, RequestOf, RequestType, Results } from '../shared/messages';

export class BackgroundError extends Error {
  readonly code: string;
  constructor(error: ErrorInfo) {
    super(error.message);
    this.name = 'BackgroundError';
    this.code = error.code;
  }
}

export async function ask<T extends RequestType>(request: RequestOf<T>): Promise<Results[T]> {
  let answer: Answer<T> | undefined;
  try {
    answer = (await sendWithRetry((message) => browser.runtime.sendMessage(message), request)) as Answer<T> | undefined;
  } catch (error) {
    // The worker did not answer even when sent again, or stopped while answering.
    throw new BackgroundError({ code: 'unreachable', message: `The extension's background did not answer (${(error as Error).message}).` });
  }
  if (!answer || typeof answer !== 'object' || !('ok' in answer)) {
    throw new BackgroundError({ code: 'no-answer', message: `The background sent no answer to "${request.type}".` });
  }
  if (!answer.ok) throw new BackgroundError(answer.error);
  const { ok: _ok, ...result } = answer;
  return result as unknown as Results[T];
}
