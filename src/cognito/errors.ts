/**
 * The one error type of the extension: `AppError`. Every failure, whether Cognito refused, the
 * network failed, an answer was malformed, the engine could not go on or (in the background) the
 * vault said no, is an AppError carrying:
 *  - `code`: stable, says what happened, one of ERROR_CODES below (the background adds its own
 *    in src/shared/error-codes.ts, the one list the pages translate);
 *  - `exception`: Cognito's exception name, when Cognito answered with one;
 *  - `retryable`: whether sending the same request again may succeed (throttling, 5xx, network);
 *  - `details`: what a developer needs to find the cause (HTTP status, request id, the request
 *    field, the operation, …), never a secret;
 *  - `message`: English words for a detail line: Cognito's own message (after redaction of the
 *    request's secrets) or ours, never a value the person typed.
 *
 * Where Cognito files several situations under one exception (NotAuthorizedException: wrong
 * password, expired session, missing client secret, …), the specific code is chosen here, once,
 * when the answer is parsed (`errorFromResponse`); no other layer reads a message to tell them apart.
 */
import type { SrpParameterReason } from './srp/errors';

/** Failures found on this side of the wire (protocol core and sign-in engine). */
export const CLIENT_ERROR_CODES = [
  'validation',            // a request field breaks the API's constraints; nothing was sent
  'transport',             // Cognito could not be reached or did not answer in time
  'malformed-response',    // the endpoint answered something that is not Cognito's response
  'srp-parameter',         // a server SRP value is unusable; SRP was refused
  'denied',                // the person declined a confirmation
  'unsupported-challenge', // Cognito asked for a step this extension cannot answer
  'flow-state',            // the sign-in cannot go on as Cognito asked
  'outcome-unknown',       // a state-changing call got no usable answer and may have taken effect; not sent again
  'response-too-large',    // the endpoint's answer passed the transport's size cap and was cut off
  'unexpected-challenge',  // the server answered with a challenge that cannot follow the step sent
  'step-limit',            // one sign-in took more challenge steps than any real flow
  'mfa-setup-unavailable', // MFA_SETUP offers only what this extension cannot set up, e.g. SMS
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** An answer to a prompt the engine refused before sending it: the prompt is asked again with it. */
export const PROMPT_ERROR_CODES = [
  'invalid-code',      // not a code of the digits the prompt asks for
  'invalid-choice',    // not one of the options offered
  'password-required', // the chosen sign-in needs the password, and none is stored or given
  'missing-attribute', // a required attribute of NEW_PASSWORD_REQUIRED is empty
  'email-required',    // e-mail MFA set-up without an address
] as const;
export type PromptErrorCode = (typeof PROMPT_ERROR_CODES)[number];

/**
 * What Cognito's error answers mean, one code per situation (EXCEPTIONS below says which
 * exception, and which of its messages, gives which). `service-error`: an exception this table
 * does not know (a new one, or a generic AWS code such as ThrottlingException).
 */
export const SERVICE_ERROR_CODES = [
  'alias-exists', 'code-mismatch', 'code-expired', 'code-already-used', 'forbidden', 'service-internal',
  'lambda-invalid-response', 'invalid-parameter', 'timestamp-rejected', 'flow-not-enabled', 'password-policy',
  'sms-role', 'email-role', 'pool-configuration', 'mfa-method-not-found',
  'not-authorized', 'incorrect-password', 'session-expired', 'client-secret-wrong', 'attempts-exceeded', 'session-revoked',
  'password-reset-required', 'password-reused', 'pool-not-found', 'device-not-found', 'totp-not-enabled', 'throttled',
  'lambda-failed', 'lambda-rejected', 'user-not-confirmed', 'user-not-found', 'username-exists', 'totp-setup-mismatch',
  'refresh-token-reused', 'limit-exceeded', 'too-many-attempts', 'unsupported-token-type', 'client-not-allowed',
  'concurrent-modification', 'code-delivery-failed', 'unsupported-operation', 'operation-not-enabled',
  'device-key-exists', 'feature-tier', 'webauthn-not-enabled', 'service-error',
] as const;
export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number];

/** Every code the protocol core and the engine raise. */
export const CORE_ERROR_CODES = [...CLIENT_ERROR_CODES, ...PROMPT_ERROR_CODES, ...SERVICE_ERROR_CODES] as const;
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

export type TransportFailureKind = 'network' | 'timeout' | 'aborted' | 'redirect';

/** What a developer needs to find the cause. Names and numbers only: never a value of the request. */
export interface ErrorDetails {
  /** HTTP status of Cognito's error answer. */
  status?: number;
  requestId?: string;
  /** The API operation, e.g. "InitiateAuth". */
  operation?: string;
  /** The request or response field at fault, e.g. "ClientId" or "AuthenticationResult.ExpiresIn". */
  field?: string;
  /** What was expected of `field`, as a noun phrase: "1-128 characters (got 0)". Never the value. */
  constraint?: string;
  transport?: TransportFailureKind;
  /** How many requests were sent before giving up. */
  attempts?: number;
  /** The connection never opened (refused, no such host): the request certainly did not reach the server. */
  requestNotSent?: boolean;
  /** The transport's cap on an answer's size. */
  limitBytes?: number;
  /** The limit (src/otp/limits.ts) an input passed, when that is why it was refused. */
  limit?: string;
  /** 1-based position of a rejected character in the text as given (an OTP secret's). */
  position?: number;
  /** Which SRP safety check refused a value. */
  srpReason?: SrpParameterReason;
}

export interface AppErrorInit<C extends string> {
  code: C;
  message: string;
  exception?: string;
  retryable?: boolean;
  details?: ErrorDetails;
  cause?: unknown;
}

/**
 * The one error type. `C` is the code list of the layer that raises it: the core's CoreErrorCode
 * by default; the background raises its own codes too (src/shared/error-codes.ts ErrorCode).
 */
export class AppError<C extends string = CoreErrorCode> extends Error {
  override name = 'AppError';
  readonly code: C;
  readonly exception?: string;
  readonly retryable: boolean;
  readonly details: Readonly<ErrorDetails>;

  /** `new AppError(code, message)`: a refusal written by this code, with nothing more to say. */
  constructor(code: C, message: string);
  constructor(init: AppErrorInit<C>);
  constructor(codeOrInit: C | AppErrorInit<C>, message?: string) {
    const init: AppErrorInit<C> = typeof codeOrInit === 'string' ? { code: codeOrInit, message: message ?? '' } : codeOrInit;
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    if (init.exception !== undefined) this.exception = init.exception;
    this.retryable = init.retryable ?? false;
    this.details = Object.freeze({ ...init.details });
  }
}

/** `error` is an AppError, with one of `codes` when given. */
export function isAppError<C extends string>(error: unknown, ...codes: C[]): error is AppError<C> {
  return error instanceof AppError && (codes.length === 0 || (codes as string[]).includes(error.code));
}

// ---- Cognito's answers -----------------------------------------------------------------------

/** [pattern of Cognito's message, the code it means]; the first match wins. */
type Situation = readonly [RegExp, ServiceErrorCode];
interface ExceptionRule { code: ServiceErrorCode; retryable?: true; situations?: readonly Situation[] }

/** A step of this time window was already spent (Cognito: "Your software token has already been used once."). */
const ALREADY_USED: Situation = [/already (been )?used/i, 'code-already-used'];

/**
 * Exception → code. Retry policy of protocol doc §1.3: only throttling and internal errors are
 * retryable; everything else (especially NotAuthorized and CodeMismatch, which count towards
 * lockouts) never is. Situations: the messages Cognito sends under one exception for different
 * things (protocol doc §1.3 lists them).
 */
const EXCEPTIONS: Readonly<Record<string, ExceptionRule>> = Object.freeze({
  AliasExistsException: { code: 'alias-exists' },
  CodeMismatchException: { code: 'code-mismatch', situations: [ALREADY_USED] },
  ExpiredCodeException: { code: 'code-expired', situations: [ALREADY_USED] },
  ForbiddenException: { code: 'forbidden' },
  InternalErrorException: { code: 'service-internal', retryable: true },
  InvalidLambdaResponseException: { code: 'lambda-invalid-response' },
  InvalidParameterException: { code: 'invalid-parameter', situations: [
    [/TIMESTAMP/i, 'timestamp-rejected'],
    [/USER_PASSWORD_AUTH|USER_SRP_AUTH|flow.*not enabled|not enabled.*flow/i, 'flow-not-enabled'],
  ] },
  InvalidPasswordException: { code: 'password-policy' },
  InvalidSmsRoleAccessPolicyException: { code: 'sms-role' },
  InvalidSmsRoleTrustRelationshipException: { code: 'sms-role' },
  InvalidEmailRoleAccessPolicyException: { code: 'email-role' },
  InvalidUserPoolConfigurationException: { code: 'pool-configuration' },
  MFAMethodNotFoundException: { code: 'mfa-method-not-found' },
  NotAuthorizedException: { code: 'not-authorized', situations: [
    [/session is expired|invalid session/i, 'session-expired'],
    [/secret hash|secret_hash|configured for secret/i, 'client-secret-wrong'],
    [/password attempts exceeded/i, 'attempts-exceeded'],
    [/refresh token|revoked/i, 'session-revoked'],
    [/incorrect username or password/i, 'incorrect-password'],
  ] },
  PasswordResetRequiredException: { code: 'password-reset-required' },
  PasswordHistoryPolicyViolationException: { code: 'password-reused' },
  ResourceNotFoundException: { code: 'pool-not-found', situations: [[/device/i, 'device-not-found']] },
  SoftwareTokenMFANotFoundException: { code: 'totp-not-enabled' },
  TooManyRequestsException: { code: 'throttled', retryable: true },
  UnexpectedLambdaException: { code: 'lambda-failed' },
  UserLambdaValidationException: { code: 'lambda-rejected' },
  UserNotConfirmedException: { code: 'user-not-confirmed' },
  UserNotFoundException: { code: 'user-not-found' },
  UsernameExistsException: { code: 'username-exists' },
  EnableSoftwareTokenMFAException: { code: 'totp-setup-mismatch' },
  RefreshTokenReuseException: { code: 'refresh-token-reused' },
  LimitExceededException: { code: 'limit-exceeded' },
  TooManyFailedAttemptsException: { code: 'too-many-attempts' },
  UnsupportedTokenTypeException: { code: 'unsupported-token-type' },
  UnauthorizedException: { code: 'client-not-allowed' },
  ConcurrentModificationException: { code: 'concurrent-modification' },
  CodeDeliveryFailureException: { code: 'code-delivery-failed' },
  UnsupportedOperationException: { code: 'unsupported-operation' },
  OperationNotEnabledException: { code: 'operation-not-enabled' },
  DeviceKeyExistsException: { code: 'device-key-exists' },
  FeatureUnavailableInTierException: { code: 'feature-tier' },
  WebAuthnNotEnabledException: { code: 'webauthn-not-enabled' },
});

/** The Cognito exceptions this module knows, each with a code of its own. */
export const KNOWN_EXCEPTIONS: readonly string[] = Object.freeze(Object.keys(EXCEPTIONS));

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

/** An error answer of the service (it has an exception name), rather than a client-side failure. */
export function isServiceError(error: unknown): error is AppError & { readonly exception: string } {
  return error instanceof AppError && error.exception !== undefined;
}

/**
 * A "slow down" answer: the service refused the request before acting on it, so sending it
 * again is safe even for a call that changes state (HTTP 429 whatever the code says).
 */
export function isThrottlingError(error: unknown): boolean {
  return isServiceError(error) && (THROTTLING_CODES.has(error.exception) || error.details.status === 429);
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
  /** Cognito's exception name ("__type" of the answer, without its namespace). */
  code: string;
  message: string;
  status: number;
  requestId?: string;
  /** Secret values of the request; removed from the message should the service echo them. */
  redact?: readonly string[];
}

/** The error for a service error answer: its code chosen from the exception and, where it covers several situations, the message. */
export function errorFromResponse(res: ErrorResponse): AppError {
  const message = redactSecrets(res.message, res.redact) || `${res.code} (HTTP ${res.status}) without a message`;
  const rule = Object.hasOwn(EXCEPTIONS, res.code) ? EXCEPTIONS[res.code] : undefined;
  const code = rule ? rule.situations?.find(([when]) => when.test(message))?.[1] ?? rule.code : 'service-error';
  const retryable = rule ? rule.retryable === true : GENERIC_RETRYABLE_CODES.has(res.code) || res.status === 429 || res.status >= 500;
  const details: ErrorDetails = { status: res.status };
  if (res.requestId !== undefined) details.requestId = res.requestId;
  return new AppError({ code, exception: res.code, message, retryable, details });
}

// ---- client-side failures ----------------------------------------------------------------------

/** The request was rejected before sending: `field` breaks the API model's `constraint` (never the value). */
export function validationError(field: string, constraint: string): AppError {
  return new AppError({ code: 'validation', message: `Invalid ${field}: expected ${constraint}.`, details: { field, constraint } });
}

/** The service could not be reached (or did not answer in time). Network failures and timeouts are retryable. */
export function transportError(init: {
  kind: TransportFailureKind; operation: string; endpoint: string; attempts: number; detail?: string; cause?: unknown;
  /** Known that the connection never opened. False when not known (a timeout, "Failed to fetch"). */
  requestNotSent?: boolean;
}): AppError {
  const host = safeHost(init.endpoint);
  const what: Record<TransportFailureKind, string> = {
    network: `could not reach ${host}`,
    timeout: `no answer from ${host} in time`,
    aborted: 'the request was cancelled',
    redirect: `${host} answered with a redirect, which a Cognito endpoint never does`,
  };
  const tries = init.attempts > 1 ? ` after ${init.attempts} attempts` : '';
  const detail = init.detail ? ` (${init.detail})` : '';
  return new AppError({
    code: 'transport',
    message: `${init.operation}: ${what[init.kind]}${tries}${detail}.`,
    retryable: init.kind === 'network' || init.kind === 'timeout',
    details: { transport: init.kind, operation: init.operation, attempts: init.attempts, requestNotSent: init.requestNotSent ?? false },
    cause: init.cause,
  });
}

/** The service answered 2xx with something that is not the documented response. */
export function malformedResponse(operation: string, field: string, problem: string): AppError {
  return new AppError({ code: 'malformed-response', message: `${operation} returned an unusable response: ${field} ${problem}.`, details: { operation, field } });
}

/**
 * A call that changes state (see ./operations.ts) got no usable answer, and the request may
 * have reached Cognito and taken effect (a timeout, a connection dropped after sending, a 5xx).
 * It was not sent again: a replayed answer can spend a code twice, count towards a lockout or
 * meet a session that has moved on. Not retryable: only the person can tell whether to start
 * again. `cause` is the failure as seen on the wire; `detail`: what went wrong, with no request data.
 */
export function outcomeUnknown(init: { operation: string; endpoint: string; detail: string; cause: Error }): AppError {
  return new AppError({
    code: 'outcome-unknown',
    message: `${init.operation}: no usable answer from ${safeHost(init.endpoint)} (${init.detail}); the request may have reached Cognito and taken effect, so it was not sent again.`,
    details: { operation: init.operation },
    cause: init.cause,
  });
}

/** The answer was longer than the transport reads (MAX_RESPONSE_BYTES); reading stopped there. */
export function responseTooLarge(init: { operation: string; endpoint: string; limitBytes: number }): AppError {
  return new AppError({
    code: 'response-too-large',
    message: `${init.operation}: the answer from ${safeHost(init.endpoint)} is longer than ${init.limitBytes} bytes, far more than any Cognito answer; it was cut off there.`,
    details: { operation: init.operation, limitBytes: init.limitBytes },
  });
}

/** Host of a URL for messages; never the path or query (which could carry anything). */
function safeHost(endpoint: string): string {
  try {
    return new URL(endpoint).host || 'the endpoint';
  } catch {
    return 'the endpoint';
  }
}
