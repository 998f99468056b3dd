/**
 * Typed errors of the protocol core.
 *
 * Two families:
 *  - `CognitoError` and its subclasses: the service answered with an error (one class per
 *    exception the supported operations can return, so callers branch with `instanceof`).
 *  - client-side errors: `ValidationError` (request rejected before sending), `TransportError`
 *    (network failure / timeout), `MalformedResponseError` (the service answered nonsense) and
 *    `SrpParameterError` (a server SRP value is unusable, from ./srp/errors).
 *
 * Every error carries `code`, `retryable` and `hint` (a sentence a person can act on).
 * `message` of a CognitoError is Cognito's own message, kept verbatim (after redaction of
 * secrets) because flows branch on it (e.g. "Device does not exist."); `describe()` joins
 * code, message and hint for display.
 *
 * No error message ever contains a secret: client-side errors never echo values, and service
 * messages are scrubbed of every secret value that was in the request (see `redactSecrets`).
 */

export { SrpParameterError } from './srp/errors';

/** What every error of this module offers to the UI layer. */
export interface DescribedError {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly hint: string;
}

export interface CognitoErrorInit {
  code: string;
  message: string;
  status: number;
  requestId?: string;
  /** Defaults to the class's policy (throttling / internal errors are retryable). */
  retryable?: boolean;
  /** Defaults to the class's hint for this message. */
  hint?: string;
}

export class CognitoError extends Error implements DescribedError {
  override name = 'CognitoError';
  readonly code: string;
  readonly status: number;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly hint: string;

  constructor(init: CognitoErrorInit) {
    super(init.message || `${init.code} (HTTP ${init.status}) without a message`);
    this.code = init.code;
    this.status = init.status;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    const policy = new.target as unknown as { retryableByDefault?: boolean };
    this.retryable = init.retryable ?? policy.retryableByDefault ?? isRetryableStatus(init.status);
    this.hint = init.hint ?? this.hintFor(this.message);
  }

  /** Subclasses override to give advice specific to the exception (and sometimes the message). */
  protected hintFor(_message: string): string {
    if (this.status === 429 || this.status >= 500) {
      return 'The service is busy or failed; wait a moment and try again.';
    }
    return 'Cognito rejected the request; check the account settings (pool id, app client id, secret) and try again.';
  }

  /** One line for people: "NotAuthorizedException: Incorrect username or password. Check …". */
  describe(): string {
    return `${this.code}: ${this.message} ${this.hint}`;
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

// ---- one class per exception ---------------------------------------------------------------
//
// Each is `XxxError` with code `XxxException`. `retryableByDefault` is the retry policy of
// protocol doc §1.3: only throttling and internal errors; everything else (especially
// NotAuthorized and CodeMismatch, which count towards lockouts) is never retried.

export class AliasExistsError extends CognitoError {
  override name = 'AliasExistsError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'Another account already uses this email address or phone number; sign in to that account or use a different one.';
  }
}

export class CodeMismatchError extends CognitoError {
  override name = 'CodeMismatchError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'The code was wrong; check the device clock and enter the current code (a new code appears every 30 seconds).';
  }
}

export class ExpiredCodeError extends CognitoError {
  override name = 'ExpiredCodeError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'The code has expired; request or wait for a new code and enter it promptly.';
  }
}

export class ForbiddenError extends CognitoError {
  override name = 'ForbiddenError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'A web application firewall (AWS WAF) of the user pool blocked the request; contact the pool administrator.';
  }
}

export class InternalError extends CognitoError {
  override name = 'InternalError';
  static readonly retryableByDefault = true;
  protected override hintFor(): string {
    return 'Cognito had an internal error; try again in a moment.';
  }
}

export class InvalidLambdaResponseError extends CognitoError {
  override name = 'InvalidLambdaResponseError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'A Lambda trigger of the user pool returned an invalid response; contact the pool administrator.';
  }
}

export class InvalidParameterError extends CognitoError {
  override name = 'InvalidParameterError';
  static readonly retryableByDefault = false;
  protected override hintFor(message: string): string {
    if (/TIMESTAMP/i.test(message)) {
      return 'The sign-in timestamp was rejected; check that the computer clock and time zone are correct.';
    }
    if (/device key/i.test(message)) {
      return 'The remembered device is not valid for this sign-in; forget the device and sign in again.';
    }
    if (/USER_PASSWORD_AUTH|USER_SRP_AUTH|flow.*not enabled|not enabled.*flow/i.test(message)) {
      return 'The app client does not allow this sign-in flow; choose another flow in the account settings.';
    }
    return 'Cognito rejected a parameter of the request; check the account settings (pool id, client id, username).';
  }
}

export class InvalidPasswordError extends CognitoError {
  override name = 'InvalidPasswordError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return "The new password does not meet the user pool's password policy; choose a longer or more varied password.";
  }
}

export class InvalidSmsRoleAccessPolicyError extends CognitoError {
  override name = 'InvalidSmsRoleAccessPolicyError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return "The user pool cannot send SMS (its IAM role lacks permission); contact the pool administrator or use another MFA method.";
  }
}

export class InvalidSmsRoleTrustRelationshipError extends CognitoError {
  override name = 'InvalidSmsRoleTrustRelationshipError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return "The user pool's SMS role does not trust Cognito; contact the pool administrator or use another MFA method.";
  }
}

export class InvalidEmailRoleAccessPolicyError extends CognitoError {
  override name = 'InvalidEmailRoleAccessPolicyError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'The user pool cannot send email (its SES configuration lacks permission); contact the pool administrator.';
  }
}

export class InvalidUserPoolConfigurationError extends CognitoError {
  override name = 'InvalidUserPoolConfigurationError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'The user pool is not configured for this operation (for example device tracking or MFA is off); contact the pool administrator.';
  }
}

export class MFAMethodNotFoundError extends CognitoError {
  override name = 'MFAMethodNotFoundError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'Cognito could not find the chosen MFA method for this user; choose another method or set up MFA again.';
  }
}

export class NotAuthorizedError extends CognitoError {
  override name = 'NotAuthorizedError';
  static readonly retryableByDefault = false;
  protected override hintFor(message: string): string {
    if (/session is expired|invalid session/i.test(message)) {
      return 'The sign-in session expired (by default after 3 minutes); start the sign-in again and answer each step promptly.';
    }
    if (/secret hash|secret_hash|SecretHash|configured for secret/i.test(message)) {
      return 'The app client secret is missing or wrong; check the client secret in the account settings.';
    }
    if (/password attempts exceeded/i.test(message)) {
      return 'Too many failed sign-ins locked the account temporarily; wait about 15 minutes before trying again.';
    }
    if (/revoked/i.test(message)) {
      return 'The session was signed out or revoked; sign in again.';
    }
    if (/refresh token/i.test(message)) {
      return 'The saved session can no longer be refreshed; sign in again.';
    }
    if (/without first authenticating/i.test(message)) {
      return 'The remembered-device step came out of order; start the sign-in again.';
    }
    if (/incorrect username or password/i.test(message)) {
      return 'Check the username and password (and the computer clock); repeated failures lock the account for a while.';
    }
    return 'Cognito refused the request; check the credentials and the app client settings, then sign in again.';
  }
}

export class PasswordResetRequiredError extends CognitoError {
  override name = 'PasswordResetRequiredError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return "The administrator requires a password reset; reset the password with the app's \"forgot password\" function.";
  }
}

export class PasswordHistoryPolicyViolationError extends CognitoError {
  override name = 'PasswordHistoryPolicyViolationError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'The new password was used recently; choose a password you have not used before.';
  }
}

export class ResourceNotFoundError extends CognitoError {
  override name = 'ResourceNotFoundError';
  static readonly retryableByDefault = false;
  protected override hintFor(message: string): string {
    if (/device/i.test(message)) {
      return 'The remembered device no longer exists; it will be forgotten and the sign-in can run without it.';
    }
    return 'The user pool or app client was not found; check the pool id, region and client id in the account settings.';
  }
}

export class SoftwareTokenMFANotFoundError extends CognitoError {
  override name = 'SoftwareTokenMFANotFoundError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'Authenticator-app (TOTP) MFA is not enabled for this user or pool; set up TOTP MFA again.';
  }
}

export class TooManyRequestsError extends CognitoError {
  override name = 'TooManyRequestsError';
  static readonly retryableByDefault = true;
  protected override hintFor(): string {
    return 'Cognito is throttling requests; wait a few seconds and try again.';
  }
}

export class UnexpectedLambdaError extends CognitoError {
  override name = 'UnexpectedLambdaError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'A Lambda trigger of the user pool failed; contact the pool administrator.';
  }
}

export class UserLambdaValidationError extends CognitoError {
  override name = 'UserLambdaValidationError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return "A Lambda trigger of the user pool rejected the request; read the trigger's message above.";
  }
}

export class UserNotConfirmedError extends CognitoError {
  override name = 'UserNotConfirmedError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'The account is not confirmed yet; confirm it with the code that was sent at sign-up.';
  }
}

export class UserNotFoundError extends CognitoError {
  override name = 'UserNotFoundError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'No user with this name exists in the pool; check the username.';
  }
}

export class UsernameExistsError extends CognitoError {
  override name = 'UsernameExistsError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'This username is already taken; sign in instead or choose another username.';
  }
}

export class EnableSoftwareTokenMFAError extends CognitoError {
  override name = 'EnableSoftwareTokenMFAError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'The authenticator code did not match the new secret; check the device clock and enter the current code.';
  }
}

export class RefreshTokenReuseError extends CognitoError {
  override name = 'RefreshTokenReuseError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'This refresh token was already exchanged (refresh-token rotation); sign in again.';
  }
}

export class LimitExceededError extends CognitoError {
  override name = 'LimitExceededError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'A limit for this operation was reached; wait a while before trying again.';
  }
}

export class TooManyFailedAttemptsError extends CognitoError {
  override name = 'TooManyFailedAttemptsError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'Too many failed attempts; wait a while before trying again.';
  }
}

export class UnsupportedTokenTypeError extends CognitoError {
  override name = 'UnsupportedTokenTypeError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'Only refresh tokens can be revoked; nothing to do for this token.';
  }
}

export class UnauthorizedError extends CognitoError {
  override name = 'UnauthorizedError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'The app client is not allowed to do this (for example token revocation is disabled); check the app client settings.';
  }
}

export class ConcurrentModificationError extends CognitoError {
  override name = 'ConcurrentModificationError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'Another change to this user happened at the same time; start the step again.';
  }
}

export class CodeDeliveryFailureError extends CognitoError {
  override name = 'CodeDeliveryFailureError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'Cognito could not deliver the verification code; check the email address or phone number.';
  }
}

export class UnsupportedOperationError extends CognitoError {
  override name = 'UnsupportedOperationError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'The user pool does not support this operation; check the app client settings.';
  }
}

export class OperationNotEnabledError extends CognitoError {
  override name = 'OperationNotEnabledError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'This operation is not enabled for the user pool; contact the pool administrator.';
  }
}

export class DeviceKeyExistsError extends CognitoError {
  override name = 'DeviceKeyExistsError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'This device is already confirmed; nothing more to do.';
  }
}

export class FeatureUnavailableInTierError extends CognitoError {
  override name = 'FeatureUnavailableInTierError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return "The user pool's feature plan does not include this feature; choose another sign-in method.";
  }
}

export class WebAuthnNotEnabledError extends CognitoError {
  override name = 'WebAuthnNotEnabledError';
  static readonly retryableByDefault = false;
  protected override hintFor(): string {
    return 'Passkey (WebAuthn) sign-in is not enabled for this user pool; choose another sign-in method.';
  }
}

type CognitoErrorClass = new (init: CognitoErrorInit) => CognitoError;

/** Exception code → class. Codes not listed here become a plain `CognitoError`. */
export const ERROR_CLASSES: Readonly<Record<string, CognitoErrorClass>> = Object.freeze({
  AliasExistsException: AliasExistsError,
  CodeMismatchException: CodeMismatchError,
  ExpiredCodeException: ExpiredCodeError,
  ForbiddenException: ForbiddenError,
  InternalErrorException: InternalError,
  InvalidLambdaResponseException: InvalidLambdaResponseError,
  InvalidParameterException: InvalidParameterError,
  InvalidPasswordException: InvalidPasswordError,
  InvalidSmsRoleAccessPolicyException: InvalidSmsRoleAccessPolicyError,
  InvalidSmsRoleTrustRelationshipException: InvalidSmsRoleTrustRelationshipError,
  InvalidEmailRoleAccessPolicyException: InvalidEmailRoleAccessPolicyError,
  InvalidUserPoolConfigurationException: InvalidUserPoolConfigurationError,
  MFAMethodNotFoundException: MFAMethodNotFoundError,
  NotAuthorizedException: NotAuthorizedError,
  PasswordResetRequiredException: PasswordResetRequiredError,
  PasswordHistoryPolicyViolationException: PasswordHistoryPolicyViolationError,
  ResourceNotFoundException: ResourceNotFoundError,
  SoftwareTokenMFANotFoundException: SoftwareTokenMFANotFoundError,
  TooManyRequestsException: TooManyRequestsError,
  UnexpectedLambdaException: UnexpectedLambdaError,
  UserLambdaValidationException: UserLambdaValidationError,
  UserNotConfirmedException: UserNotConfirmedError,
  UserNotFoundException: UserNotFoundError,
  UsernameExistsException: UsernameExistsError,
  EnableSoftwareTokenMFAException: EnableSoftwareTokenMFAError,
  RefreshTokenReuseException: RefreshTokenReuseError,
  LimitExceededException: LimitExceededError,
  TooManyFailedAttemptsException: TooManyFailedAttemptsError,
  UnsupportedTokenTypeException: UnsupportedTokenTypeError,
  UnauthorizedException: UnauthorizedError,
  ConcurrentModificationException: ConcurrentModificationError,
  CodeDeliveryFailureException: CodeDeliveryFailureError,
  UnsupportedOperationException: UnsupportedOperationError,
  OperationNotEnabledException: OperationNotEnabledError,
  DeviceKeyExistsException: DeviceKeyExistsError,
  FeatureUnavailableInTierException: FeatureUnavailableInTierError,
  WebAuthnNotEnabledException: WebAuthnNotEnabledError,
});

/**
 * Codes that mean "slow down" or "server fault" even though they are not Cognito exceptions
 * of their own (generic AWS JSON-protocol throttling / service codes).
 */
const GENERIC_THROTTLING_CODES = [
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
];
const GENERIC_RETRYABLE_CODES = new Set([
  ...GENERIC_THROTTLING_CODES,
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerException',
  'InternalFailure',
]);

const THROTTLING_CODES: ReadonlySet<string> = new Set(['TooManyRequestsException', ...GENERIC_THROTTLING_CODES]);

/**
 * A "slow down" answer: the service refused the request before acting on it, so sending it
 * again is safe even for a call that changes state (HTTP 429 whatever the code says).
 */
export function isThrottlingError(error: unknown): boolean {
  return error instanceof CognitoError && (THROTTLING_CODES.has(error.code) || error.status === 429);
}

/** Shortest value that redaction looks for: shorter strings would mangle ordinary words. */
const MIN_REDACT_LENGTH = 4;

/** Replace every occurrence of any secret value in `text` by "[redacted]". */
export function redactSecrets(text: string, secrets: readonly string[] | undefined): string {
  if (!secrets || secrets.length === 0) return text;
  // Longest first, so a secret that contains another secret is removed whole.
  const ordered = [...new Set(secrets)].filter((s) => s.length >= MIN_REDACT_LENGTH).sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of ordered) out = out.split(secret).join('[redacted]');
  return out;
}

export interface ErrorResponse {
  code: string;
  message: string;
  status: number;
  requestId?: string;
  /** Secret values of the request; removed from the message should the service echo them. */
  redact?: readonly string[];
}

/** Build the typed error for a service error response. Unknown codes give a plain CognitoError. */
export function errorFromResponse(res: ErrorResponse): CognitoError {
  const message = redactSecrets(res.message, res.redact);
  const init: CognitoErrorInit = { code: res.code, message, status: res.status };
  if (res.requestId !== undefined) init.requestId = res.requestId;
  const Known = Object.prototype.hasOwnProperty.call(ERROR_CLASSES, res.code) ? ERROR_CLASSES[res.code] : undefined;
  if (Known) return new Known(init);
  if (GENERIC_RETRYABLE_CODES.has(res.code)) init.retryable = true;
  return new CognitoError(init);
}

// ---- client-side errors ----------------------------------------------------------------------

/** The request was rejected before sending: a field breaks the API model's constraints. */
export class ValidationError extends Error implements DescribedError {
  override name = 'ValidationError';
  readonly code = 'ValidationError';
  readonly retryable = false;
  readonly hint: string;
  /** Which request field, e.g. "ClientId" or "ChallengeResponses.USERNAME". */
  readonly field: string;
  /** What was expected, as a noun phrase: "1-128 characters (got 0)", "a string", "exactly 6 digits". Never the value. */
  readonly constraint: string;

  constructor(field: string, constraint: string, hint?: string) {
    super(`Invalid ${field}: expected ${constraint}.`);
    this.field = field;
    this.constraint = constraint;
    this.hint = hint ?? `Correct ${field} in the account settings or request, then try again.`;
  }
}

export type TransportFailureKind = 'network' | 'timeout' | 'aborted' | 'redirect';

/** The service could not be reached (or did not answer in time). */
export class TransportError extends Error implements DescribedError {
  override name = 'TransportError';
  readonly code = 'TransportError';
  readonly retryable: boolean;
  readonly hint: string;
  readonly kind: TransportFailureKind;
  readonly operation: string;
  /** How many requests were sent before giving up. */
  readonly attempts: number;
  /**
   * The connection never opened (refused, no such host, no route): the request certainly did not
   * reach the server. False when that is not known (a timeout, a dropped connection, a browser
   * fetch that says only "Failed to fetch").
   */
  readonly requestNotSent: boolean;

  constructor(init: { kind: TransportFailureKind; operation: string; endpoint: string; attempts: number; detail?: string; cause?: unknown; requestNotSent?: boolean }) {
    const host = safeHost(init.endpoint);
    const what: Record<TransportFailureKind, string> = {
      network: `could not reach ${host}`,
      timeout: `no answer from ${host} in time`,
      aborted: 'the request was cancelled',
      redirect: `${host} answered with a redirect, which a Cognito endpoint never does`,
    };
    const tries = init.attempts > 1 ? ` after ${init.attempts} attempts` : '';
    const detail = init.detail ? ` (${init.detail})` : '';
    super(`${init.operation}: ${what[init.kind]}${tries}${detail}.`, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.operation = init.operation;
    this.attempts = init.attempts;
    this.requestNotSent = init.requestNotSent ?? false;
    this.retryable = init.kind === 'network' || init.kind === 'timeout';
    const hints: Record<TransportFailureKind, string> = {
      network: 'Check the internet connection and the endpoint/region in the account settings, then try again.',
      timeout: 'The network or the service is slow; try again.',
      aborted: 'Start the operation again if you still want it.',
      redirect: 'Check the endpoint URL in the account settings.',
    };
    this.hint = hints[init.kind];
  }
}

/** The service answered 2xx with something that is not the documented response. */
export class MalformedResponseError extends Error implements DescribedError {
  override name = 'MalformedResponseError';
  readonly code = 'MalformedResponse';
  readonly retryable = false;
  readonly hint = 'The endpoint does not behave like Amazon Cognito; check the endpoint URL in the account settings.';
  readonly operation: string;
  /** The offending field path, e.g. "AuthenticationResult.ExpiresIn", or "(body)". */
  readonly field: string;

  constructor(operation: string, field: string, problem: string) {
    super(`${operation} returned an unusable response: ${field} ${problem}.`);
    this.operation = operation;
    this.field = field;
  }
}

/**
 * A call that changes state (see ../operations.ts) got no usable answer, and the request may
 * have reached Cognito and taken effect (a timeout, a connection dropped after sending, a 5xx).
 * It was not sent again: a replayed answer can spend a code twice, count towards a lockout or
 * meet a session that has moved on. `cause` is the failure as seen on the wire.
 */
export class OutcomeUnknownError extends Error implements DescribedError {
  override name = 'OutcomeUnknownError';
  readonly code = 'OutcomeUnknown';
  /** Not automatically: only the person can tell whether to start again. */
  readonly retryable = false;
  readonly hint = 'The request may have reached Cognito; check the result (for example sign in again) before repeating it.';
  readonly operation: string;

  /** `detail`: what went wrong, in words fit for a message (no request data). */
  constructor(init: { operation: string; endpoint: string; detail: string; cause: Error }) {
    super(`${init.operation}: no usable answer from ${safeHost(init.endpoint)} (${init.detail}); the request may have reached Cognito and taken effect, so it was not sent again.`,
      { cause: init.cause });
    this.operation = init.operation;
  }
}

/** The answer was longer than the transport reads (MAX_RESPONSE_BYTES); reading stopped there. */
export class ResponseTooLargeError extends Error implements DescribedError {
  override name = 'ResponseTooLargeError';
  readonly code = 'ResponseTooLarge';
  readonly retryable = false;
  readonly hint = 'The endpoint does not behave like Amazon Cognito; check the endpoint URL in the account settings.';
  readonly operation: string;
  readonly limitBytes: number;

  constructor(init: { operation: string; endpoint: string; limitBytes: number }) {
    super(`${init.operation}: the answer from ${safeHost(init.endpoint)} is longer than ${init.limitBytes} bytes, far more than any Cognito answer; it was cut off there.`);
    this.operation = init.operation;
    this.limitBytes = init.limitBytes;
  }
}

/** Host of a URL for messages; never the path or query (which could carry anything). */
function safeHost(endpoint: string): string {
  try {
    return new URL(endpoint).host || 'the endpoint';
  } catch {
    return 'the endpoint';
  }
}
