// Errors the sign-in engine raises itself (the service's own errors come from ../errors).
// Like those, each has a code, a message a person can act on, and never a secret.

import type { DescribedError } from '../errors';

abstract class FlowError extends Error implements DescribedError {
  abstract readonly code: string;
  readonly retryable = false;
  readonly hint: string;

  constructor(message: string, hint: string) {
    super(message);
    this.hint = hint;
  }
}

/** The person declined a manual confirmation (or MFA enrolment); nothing was sent for it. */
export class SignInDeniedError extends FlowError {
  override name = 'SignInDeniedError';
  readonly code = 'SignInDenied';
  constructor(what: string) {
    super(`Sign-in denied: ${what}.`, 'Start the sign-in again if you want to continue.');
  }
}

/** The server asked for a challenge this client cannot or will not answer. */
export class UnsupportedChallengeError extends FlowError {
  override name = 'UnsupportedChallengeError';
  readonly code = 'UnsupportedChallenge';
  constructor(message: string, hint = 'Choose another sign-in flow in the account settings.') {
    super(message, hint);
  }
}

/**
 * The flow cannot go on as the server asked: a challenge needs something this client does
 * not hold (e.g. DEVICE_SRP_AUTH without a device), or the state/answer does not fit the step.
 */
export class FlowStateError extends FlowError {
  override name = 'FlowStateError';
  readonly code = 'FlowState';
  constructor(message: string, hint = 'Start the sign-in again.') {
    super(message, hint);
  }
}

/**
 * The server answered with a challenge that cannot follow the step this client sent (see
 * ./challenge-order.ts): a hostile or broken endpoint, e.g. one that offers only PASSWORD at
 * SELECT_CHALLENGE of an SRP sign-in to get the password in plaintext. Nothing was sent for it.
 */
export class UnexpectedChallengeError extends FlowError {
  override name = 'UnexpectedChallengeError';
  readonly code = 'UnexpectedChallenge';
  constructor(message: string, hint = 'The server asked for something unexpected; nothing was sent for it. Check the account\'s endpoint.') {
    super(message, hint);
  }
}

/** One sign-in went through more challenge steps than any real flow needs (MAX_CHALLENGE_STEPS). */
export class ChallengeStepLimitError extends FlowError {
  override name = 'ChallengeStepLimitError';
  readonly code = 'ChallengeStepLimit';
  constructor(message: string, hint = 'Start the sign-in again; if it happens again, check the user pool\'s triggers.') {
    super(message, hint);
  }
}

/**
 * MFA_SETUP offers no method this extension can set up (only SMS_MFA): the message names what is
 * missing so the person or the pool's administrator knows what to add.
 */
export class MfaSetupUnavailableError extends FlowError {
  override name = 'MfaSetupUnavailableError';
  readonly code = 'MfaSetupUnavailable';
  constructor(message: string, hint = 'Set up MFA in the application first, then sign in again.') {
    super(message, hint);
  }
}
