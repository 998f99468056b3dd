// Errors the background answers with. Each carries a stable `code` from the message contract
// (src/shared/messages.ts ErrorCode) and a message a person can act on. Messages are written by
// this code, never copied from input, so they cannot carry a secret.
import type { ErrorCode } from '../shared/messages';

export class AppError extends Error {
  override name = 'AppError';
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

export const lockedError = () => new AppError('locked', 'The vault is locked: unlock it first.');
export const notFound = (what: string, id: string) => new AppError('not-found', `No ${what} with id "${id}".`);
export const invalid = (message: string) => new AppError('invalid-request', message);
