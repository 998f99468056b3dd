// Errors the background answers with. Each carries a stable `code` from the message contract
// (src/shared/error-codes.ts) and a message a person can act on.
import type { AppErrorCode, ErrorInfo } from '../shared/error-codes';

/** A refusal of the background itself. Messages are written by this code, never copied from input, so they cannot carry a secret. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(readonly code: AppErrorCode, message: string) {
    super(message);
  }
}

/**
 * An error already turned into what the page is shown (errorInfo), then scrubbed of an account's
 * secrets: thrown on so the answer keeps its specific code ('NotAuthorizedException', 'transport', …)
 * without the unscrubbed original travelling further.
 */
export class ReportedError extends Error {
  override name = 'ReportedError';
  readonly code: ErrorInfo['code'];
  constructor(info: ErrorInfo) {
    super(info.message);
    this.code = info.code;
  }
}

export const lockedError = () => new AppError('locked', 'The vault is locked: unlock it first.');
export const notFound = (what: string, id: string) => new AppError('not-found', `No ${what} with id "${id}".`);
export const invalid = (message: string) => new AppError('invalid-request', message);
