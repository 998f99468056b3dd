// The background's refusals: the one error type (AppError, src/cognito/errors.ts) with the
// background's own codes (APP_ERROR_CODES in src/shared/error-codes.ts). Their messages are
// written by this code, never copied from input, so they cannot carry a secret.
import { AppError } from '../cognito/errors';

export { AppError };

export const lockedError = () => new AppError('locked', 'The vault is locked: unlock it first.');
export const notFound = (what: string, id: string) => new AppError('not-found', `No ${what} with id "${id}".`);
export const invalid = (message: string) => new AppError('invalid-request', message);
