// The error codes of every error answer, one list (the pages translate by code).
//
// Pure module: no browser APIs, so node tests and both ends can import it.
import type { LimitErrorCode } from '../otp/limits';

/**
 * Every error answer is `{ code, message }`. `code` is stable and says what happened, so the pages
 * pick their (translated) sentence by it alone; `message` is English words for the detail line
 * (the service's own message, or ours) and never holds a secret. A code is one of:
 *  - the background's own codes (APP_ERROR_CODES),
 *  - a client-side failure of the protocol core or sign-in engine (CLIENT_ERROR_CODES),
 *  - Cognito's exception code as the service sent it ('NotAuthorizedException', …): an open set,
 *    since the service may add exceptions (src/cognito/errors.ts ERROR_CLASSES lists the known).
 * Errors attached to a prompt that is asked again (PromptView.error) carry the engine's codes.
 */
export const APP_ERROR_CODES = [
  'invalid-request',     // failed the schema, or a field that does not apply
  'forbidden-sender',    // not from this extension's own pages
  'not-initialized',     // no vault yet: run setup
  'already-initialized',
  'locked',              // the vault must be unlocked first
  'wrong-password',
  'weak-password',
  'vault-corrupt',       // stored data cannot be read; nothing was overwritten
  'not-found',           // account / flow / device does not exist
  'permission-missing',  // host permission for a custom endpoint not granted
  'flow-not-waiting',    // an answer for a flow that is not asking
  'interrupted',         // the worker stopped during a network step
  'backup-invalid',
  'import-failed',
  'internal',            // a bug: the message names only the error's type
  'signed-out-locally',  // sign-out deleted the tokens here, but Cognito did not confirm the session ended (unreachable, or the answer was lost)
  'storage-full',        // the browser's storage quota is reached; the write (a whole import) was not made
  'account-unrestorable', // export refused: a stored account breaks the add-account rules, so the backup could not be restored
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** Failures found on this side of the wire, one per error class of the protocol core and engine. */
export const CLIENT_ERROR_CODES = [
  'validation',            // a request field breaks the API's constraints; nothing was sent (ValidationError)
  'transport',             // Cognito could not be reached or did not answer in time (TransportError)
  'malformed-response',    // the endpoint answered something that is not Cognito's response (MalformedResponseError)
  'srp-parameter',         // a server SRP value is unusable; SRP was refused (SrpParameterError)
  'denied',                // the person declined a confirmation (SignInDeniedError)
  'unsupported-challenge', // Cognito asked for a step this extension cannot answer (UnsupportedChallengeError)
  'flow-state',            // the sign-in cannot go on as Cognito asked (FlowStateError)
  'outcome-unknown',       // a state-changing call got no usable answer and may have taken effect; not sent again (OutcomeUnknownError)
  'response-too-large',    // the endpoint's answer passed the transport's size cap and was cut off (ResponseTooLargeError)
  'unexpected-challenge',  // the server answered with a challenge that cannot follow the step sent (UnexpectedChallengeError)
  'step-limit',            // one sign-in took more challenge steps than any real flow (ChallengeStepLimitError)
  'mfa-setup-unavailable', // MFA_SETUP offers only what this extension cannot set up, e.g. SMS (MfaSetupUnavailableError)
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Inputs beyond one of the limits of src/otp/limits.ts (imports, QR codes, OTP parameters), one code per limit. */
export { LIMIT_ERROR_CODES, type LimitErrorCode } from '../otp/limits';

export type ErrorCode = AppErrorCode | ClientErrorCode | LimitErrorCode;
/** Cognito's exception code, e.g. 'NotAuthorizedException' (open: see above). */
export type CognitoExceptionCode = string & {};
export interface ErrorInfo { code: ErrorCode | CognitoExceptionCode; message: string }

/** An error answer with one of the background's own codes (a misspelt code does not compile). */
export function appErrorInfo(code: AppErrorCode, message: string): ErrorInfo {
  return { code, message };
}
