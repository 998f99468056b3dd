// Errors the sign-in engine raises itself (the service's own come from ../errors): AppErrors
// with the engine's codes. None is retryable; the messages say what happened, never a secret.

import { AppError, type ClientErrorCode } from '../errors';

const flowError = (code: ClientErrorCode, message: string) => new AppError({ code, message });

/** The person declined a manual confirmation (or MFA enrolment); nothing was sent for it. */
export const signInDenied = (what: string) => flowError('denied', `Sign-in denied: ${what}.`);

/** The server asked for a challenge this client cannot or will not answer. */
export const unsupportedChallenge = (message: string) => flowError('unsupported-challenge', message);

/**
 * The flow cannot go on as the server asked: a challenge needs something this client does
 * not hold (e.g. DEVICE_SRP_AUTH without a device), or the state/answer does not fit the step.
 */
export const flowStateError = (message: string) => flowError('flow-state', message);

/**
 * The server answered with a challenge that cannot follow the step this client sent (see
 * ./challenge-order.ts): a hostile or broken endpoint, e.g. one that offers only PASSWORD at
 * SELECT_CHALLENGE of an SRP sign-in to get the password in plaintext. Nothing was sent for it.
 */
export const unexpectedChallenge = (message: string) => flowError('unexpected-challenge', message);

/** One sign-in went through more challenge steps than any real flow needs (MAX_CHALLENGE_STEPS). */
export const challengeStepLimit = (message: string) => flowError('step-limit', message);

/**
 * MFA_SETUP offers no method this extension can set up (only SMS_MFA): the message names what is
 * missing so the person or the pool's administrator knows what to add.
 */
export const mfaSetupUnavailable = (message: string) => flowError('mfa-setup-unavailable', message);
