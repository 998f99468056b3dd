/**
 * The Cognito user-pools JSON transport (protocol doc §1): one POST per operation with
 * `Content-Type: application/x-amz-json-1.1` and `X-Amz-Target: AWSCognitoIdentityProviderService.<op>`,
 * no signing. Adds what a raw fetch lacks: a timeout, retries that never replay a call that may
 * have changed state (./operations.ts), a size cap on answers, typed errors parsed the way the
 * AWS SDKs do (§1.3), and the server's `Date` header of well-formed answers for the clock, so
 * TIMESTAMP and TOTP can follow server time.
 *
 * Uses only `fetch`, `AbortController`, streams and timers, so it runs in node and in the
 * extension's service worker alike.
 */

import { ServerClock } from './clock';
import {
  AppError,
  isAppError,
  isServiceError,
  malformedResponse,
  outcomeUnknown,
  responseTooLarge,
  transportError,
  validationError,
  errorFromResponse,
  isThrottlingError,
  type TransportFailureKind,
} from './errors';
import { operationEffect } from './operations';
import { listedRegionalEndpoint } from './user-pool-endpoints';
import { CHALLENGE_NAMES, regionOfUserPoolId, validateRegion } from './validate';

export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
export const CONTENT_TYPE = 'application/x-amz-json-1.1';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RETRIES = 3;
/** First retry waits up to this long; each further retry doubles the ceiling (full jitter). */
export const DEFAULT_BASE_DELAY_MS = 200;
/** Cap of the backoff ceiling: sign-in is interactive, so never wait longer than this. */
export const DEFAULT_MAX_DELAY_MS = 5_000;
/**
 * The most of an answer that is read (1 MiB). Cognito's biggest answers are a page of ListDevices
 * (at most 60 devices of a few hundred bytes each) and tokens (an ID token with many groups and
 * claims runs to tens of kB): 1 MiB is over ten times either, and small enough that a hostile or
 * broken endpoint sending an endless body cannot fill the worker's memory.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface TransportOptions {
  /** Full endpoint URL (http or https); wins over `region`. */
  endpoint?: string;
  /** AWS region, used when no endpoint is given. */
  region?: string;
  timeoutMs?: number;
  /**
   * Retries after the first attempt, for throttling / 5xx / network / timeout only, and for a
   * state-changing operation only when the server certainly did not act (see `call`).
   */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** Learns from the Date header of every well-formed 2xx answer; a fresh one is created if absent. */
  clock?: ServerClock;
  sleep?: (ms: number) => Promise<void>;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Uniform [0, 1) source for the jitter (tests make it deterministic). */
  random?: () => number;
}

export interface CallOptions {
  /**
   * Extra secret strings to scrub from service error messages, on top of the secret fields
   * the transport recognises in the body itself.
   */
  redact?: readonly string[];
  /** Cancels the call (including pending retries) with a `transport` error of kind "aborted". */
  signal?: AbortSignal;
}

/** The regional endpoint for a user pool id (`eu-west-2_…` → `https://cognito-idp.eu-west-2.amazonaws.com/`), or the explicit one. */
export function endpointFor(userPoolId: string, explicit?: string): string {
  if (explicit !== undefined && explicit !== '') return validateEndpoint(explicit);
  return regionalEndpoint(regionOfUserPoolId(userPoolId));
}

/**
 * The cognito-idp endpoint of a region, from the list the manifest's host_permissions are built
 * from (user-pool-endpoints.ts: China's amazonaws.com.cn suffix included), so it is always one
 * the browser lets through. A region outside the list is refused: its URL would need the
 * person's grant, which only an explicit endpoint asks for.
 */
export function regionalEndpoint(region: string): string {
  validateRegion(region);
  const listed = listedRegionalEndpoint(region);
  if (listed === undefined) throw validationError('region', 'a region Cognito user pools are served in (for another one, give its endpoint URL)');
  return listed;
}

/** An explicit endpoint: an absolute http(s) URL without credentials, returned normalised. */
export function validateEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw validationError('endpoint', 'an absolute URL such as https://cognito-idp.eu-west-2.amazonaws.com/');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw validationError('endpoint', `an http:// or https:// URL (got ${url.protocol}//)`);
  }
  if (url.username !== '' || url.password !== '') {
    throw validationError('endpoint', 'a URL without user name or password');
  }
  return url.href;
}

// Keys of AuthParameters / ChallengeResponses that are identifiers, not secrets. Every other
// value in those maps (PASSWORD, NEW_PASSWORD, PASSWORD_CLAIM_SIGNATURE, SECRET_HASH,
// REFRESH_TOKEN, *_CODE, ANSWER to a custom challenge, …) is treated as secret.
const NON_SECRET_PARAMETERS = new Set(['USERNAME', 'DEVICE_KEY', 'SRP_A', 'CHALLENGE_NAME', 'PREFERRED_CHALLENGE', 'TIMESTAMP', 'PASSWORD_CLAIM_SECRET_BLOCK']);
// Top-level request fields the API model marks sensitive, plus the device verifier.
const SECRET_FIELDS = ['Password', 'PreviousPassword', 'ProposedPassword', 'AccessToken', 'RefreshToken', 'Token', 'ClientSecret', 'SecretHash', 'Session', 'UserCode', 'ConfirmationCode'];

/** The secret strings of a request body, for scrubbing from error messages. */
export function secretsOfRequest(body: object): string[] {
  const b = body as Record<string, unknown>;
  const out: string[] = [];
  for (const f of SECRET_FIELDS) if (typeof b[f] === 'string') out.push(b[f]);
  for (const mapName of ['AuthParameters', 'ChallengeResponses']) {
    const map = b[mapName];
    if (typeof map !== 'object' || map === null) continue;
    for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
      if (typeof value !== 'string' || NON_SECRET_PARAMETERS.has(key)) continue;
      // SELECT_CHALLENGE's ANSWER is a challenge name; a custom challenge's ANSWER is secret.
      if (key === 'ANSWER' && (CHALLENGE_NAMES as readonly string[]).includes(value)) continue;
      out.push(value);
    }
  }
  const verifier = b['DeviceSecretVerifierConfig'];
  if (typeof verifier === 'object' && verifier !== null) {
    const pv = (verifier as Record<string, unknown>)['PasswordVerifier'];
    if (typeof pv === 'string') out.push(pv);
  }
  return out;
}

/**
 * Error code per protocol doc §1.3: header x-amzn-ErrorType, else body `code`, else `__type`;
 * cut at the first ":" or ","; keep what follows a "#" (namespace prefix).
 */
export function parseErrorCode(headerValue: string | null, body: unknown): string | undefined {
  const b = isObject(body) ? body : {};
  const raw = [headerValue, b['code'], b['__type']].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (raw === undefined) return undefined;
  let code = raw.split(/[:,]/)[0] ?? '';
  const hash = code.lastIndexOf('#');
  if (hash >= 0) code = code.slice(hash + 1);
  code = code.trim();
  // A code becomes a class lookup and part of messages; anything odd is not a code.
  return /^[A-Za-z0-9_.]{1,128}$/.test(code) ? code : undefined;
}

/** Message per §1.3: body `message`, else `Message` (then the x-amzn-ErrorMessage header). */
export function parseErrorMessage(headerValue: string | null, body: unknown): string | undefined {
  const b = isObject(body) ? body : {};
  const raw = [b['message'], b['Message'], headerValue].find((v): v is string => typeof v === 'string' && v !== '');
  if (raw === undefined) return undefined;
  // Bounded: a proxy's page must not become a wall of text in the UI.
  return raw.length > 1000 ? `${raw.slice(0, 1000)}…` : raw;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class CognitoTransport {
  readonly endpoint: string;
  readonly clock: ServerClock;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;

  constructor(opts: TransportOptions) {
    if (opts.endpoint !== undefined && opts.endpoint !== '') this.endpoint = validateEndpoint(opts.endpoint);
    else if (opts.region !== undefined) this.endpoint = regionalEndpoint(opts.region);
    else throw validationError('endpoint', 'an endpoint URL or a region (for example from endpointFor(userPoolId))');
    this.timeoutMs = positiveNumber(opts.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.maxRetries = nonNegativeInteger(opts.maxRetries, DEFAULT_MAX_RETRIES, 'maxRetries');
    this.baseDelayMs = positiveNumber(opts.baseDelayMs, DEFAULT_BASE_DELAY_MS, 'baseDelayMs');
    this.maxDelayMs = positiveNumber(opts.maxDelayMs, DEFAULT_MAX_DELAY_MS, 'maxDelayMs');
    // Call through globalThis each time: a detached reference to the browser's fetch throws
    // "Illegal invocation" when called without its global as `this`.
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.sleep = opts.sleep ?? defaultSleep;
    this.random = opts.random ?? Math.random;
    this.clock = opts.clock ?? new ServerClock();
  }

  /** Upper bound of the delay before retry number `retry` (0-based): min(cap, base·2^retry). */
  backoffCeiling(retry: number): number {
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** retry);
  }

  /**
   * Send one operation and return its parsed JSON body. Throws an AppError: for a service error
   * (with `exception`, see errorFromResponse), or `transport`, `malformed-response` (non-JSON /
   * non-object 2xx body), `response-too-large` or `outcome-unknown`.
   *
   * Retries: a read (OPERATION_EFFECTS) is sent again after any passing failure (throttling,
   * 5xx, network, timeout). Any other operation is sent again only where the server certainly
   * did not act on it: a throttling answer, or a connection that never opened. After a 5xx, a
   * timeout or a connection lost once the request was out, the server may have acted, so it
   * throws OutcomeUnknownError instead of sending the answer a second time.
   */
  async call<T>(operation: string, body: object, options: CallOptions = {}): Promise<T> {
    if (!/^[A-Za-z]+$/.test(operation)) throw validationError('operation', 'an operation name such as InitiateAuth');
    const payload = JSON.stringify(body);
    const secrets = [...secretsOfRequest(body), ...(options.redact ?? [])];
    const effect = operationEffect(operation);
    for (let attempt = 1; ; attempt++) {
      if (options.signal?.aborted) throw this.transportError('aborted', operation, attempt - 1);
      let failure: unknown;
      try {
        return (await this.attempt(operation, payload, secrets, attempt, options.signal)) as T;
      } catch (e) {
        failure = e;
      }
      if (!(isAppError(failure, 'transport') || isServiceError(failure)) || !failure.retryable) throw failure;
      if (effect !== 'read' && !certainlyNotActedOn(failure)) throw this.outcomeUnknown(operation, failure);
      const retry = attempt - 1;
      if (retry >= this.maxRetries) throw failure;
      // Full jitter (uniform in [0, ceiling]) spreads out clients that failed together.
      await this.sleep(Math.floor(this.random() * this.backoffCeiling(retry)));
    }
  }

  private async attempt(operation: string, payload: string, secrets: string[], attempt: number, signal?: AbortSignal): Promise<unknown> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onCallerAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const failedOnTheWire = (e: unknown, requestNotSent: boolean): AppError => {
      const kind: TransportFailureKind = timedOut ? 'timeout' : signal?.aborted ? 'aborted' : 'network';
      return this.transportError(kind, operation, attempt, kind === 'network' ? networkDetail(e) : undefined, e, kind === 'network' && requestNotSent);
    };
    try {
      let response: Response;
      try {
        response = await this.fetchFn(this.endpoint, {
          method: 'POST',
          headers: { 'Content-Type': CONTENT_TYPE, 'X-Amz-Target': TARGET_PREFIX + operation },
          body: payload,
          signal: controller.signal,
          // A Cognito endpoint never redirects; following one would re-post secrets elsewhere.
          redirect: 'manual',
          credentials: 'omit',
        });
      } catch (e) {
        throw failedOnTheWire(e, neverConnected(e));
      }
      // The server wrote its Date as it answered: pair it with the local time the answer came.
      const receivedAt = Date.now();
      // Browsers expose a manual redirect as an opaque response with status 0.
      if (response.type === 'opaqueredirect' || response.status === 0 || (response.status >= 300 && response.status < 400)) {
        controller.abort();
        throw this.transportError('redirect', operation, attempt);
      }
      let text: string;
      try {
        // Under the same timer: a stalled body is as bad as a stalled connect.
        text = await readCapped(response, () => {
          controller.abort();
          return responseTooLarge({ operation, endpoint: this.endpoint, limitBytes: MAX_RESPONSE_BYTES });
        });
      } catch (e) {
        if (isAppError(e, 'response-too-large')) throw e;
        throw failedOnTheWire(e, false);
      }
      if (response.status >= 200 && response.status < 300) {
        const parsed = parseSuccess(operation, text);
        // Only a well-formed success teaches the clock: an error page, a proxy's 5xx or a
        // half-read answer may come from anything between here and Cognito.
        this.clock.observe(response.headers.get('date'), receivedAt);
        return parsed;
      }
      throw this.serviceError(response, text, secrets);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private outcomeUnknown(operation: string, failure: AppError): AppError {
    const detail = isServiceError(failure)
      ? `${failure.exception}, HTTP ${failure.details.status}${failure.message ? `: ${failure.message.slice(0, 200)}` : ''}`
      : failure.message.replace(`${operation}: `, '').replace(/\.$/, '');
    return outcomeUnknown({ operation, endpoint: this.endpoint, detail, cause: failure });
  }

  private serviceError(response: Response, text: string, secrets: string[]): AppError {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined; // e.g. an HTML page from a proxy; the status still classifies it
    }
    const code = parseErrorCode(response.headers.get('x-amzn-errortype'), body);
    const message = parseErrorMessage(response.headers.get('x-amzn-errormessage'), body);
    const requestId = response.headers.get('x-amzn-requestid') ?? undefined;
    const status = response.status;
    const statusText = response.statusText ? ` ${response.statusText}` : '';
    return errorFromResponse({
      // Without a code the status decides retrying (429/5xx) in errorFromResponse.
      code: code ?? `HTTP${status}`,
      message: message ?? `HTTP ${status}${statusText} from ${new URL(this.endpoint).host} without an error message`,
      status,
      ...(requestId ? { requestId } : {}),
      redact: secrets,
    });
  }

  private transportError(kind: TransportFailureKind, operation: string, attempts: number, detail?: string, cause?: unknown, requestNotSent = false): AppError {
    return transportError({
      kind,
      operation,
      endpoint: this.endpoint,
      attempts,
      requestNotSent,
      ...(detail !== undefined ? { detail } : {}),
      ...(cause !== undefined ? { cause } : {}),
    });
  }
}

function parseSuccess(operation: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformedResponse(operation, '(body)', text === '' ? 'is empty, expected a JSON object' : 'is not JSON');
  }
  if (!isObject(parsed)) {
    throw malformedResponse(operation, '(body)', `is ${parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed}, expected a JSON object`);
  }
  return parsed;
}

/** A failure after which sending the same request again cannot make the server act twice. */
function certainlyNotActedOn(failure: AppError): boolean {
  return isThrottlingError(failure) || (failure.code === 'transport' && failure.details.requestNotSent === true);
}

/**
 * Socket error codes of a connection that never opened: nothing of the request left this machine.
 * Node's fetch (undici) puts them in `cause.code` (or in `cause.errors` when it tried several
 * addresses); a browser's fetch says only "Failed to fetch" with no cause, which stays unknown.
 */
const NEVER_CONNECTED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  // TLS refused the server's certificate: the handshake ended before any request byte was sent.
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function neverConnected(e: unknown): boolean {
  const cause = (e as { cause?: { code?: unknown; errors?: unknown; message?: unknown } } | undefined)?.cause;
  if (cause === undefined || cause === null) return false;
  // The fetch standard's port blocking (node: "bad port"): refused before any connection.
  if (cause.message === 'bad port' && cause.code === undefined) return true;
  const codes: unknown[] = Array.isArray(cause.errors) && cause.errors.length > 0
    ? cause.errors.map((x: unknown) => (x as { code?: unknown } | null)?.code)
    : [cause.code];
  return codes.every((code) => typeof code === 'string' && NEVER_CONNECTED_CODES.has(code));
}

/**
 * The body as text, reading at most MAX_RESPONSE_BYTES: past that, `tooLarge` aborts the request
 * (the connection is dropped, nothing more is received) and its error is thrown. A declared
 * Content-Length over the cap is refused before reading anything.
 */
async function readCapped(response: Response, tooLarge: () => Error): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES) throw tooLarge();
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > MAX_RESPONSE_BYTES) {
      const error = tooLarge();
      reader.cancel().catch(() => undefined);
      throw error;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** A short reason from fetch's error (node puts the socket error in `cause`); no request data. */
function networkDetail(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message.slice(0, 200);
  return e instanceof Error ? e.message.slice(0, 200) : undefined;
}

function positiveNumber(v: number | undefined, fallback: number, field: string): number {
  if (v === undefined) return fallback;
  if (!Number.isFinite(v) || v <= 0) throw validationError(field, 'a positive number of milliseconds');
  return v;
}

function nonNegativeInteger(v: number | undefined, fallback: number, field: string): number {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < 0) throw validationError(field, 'an integer of 0 or more');
  return v;
}
