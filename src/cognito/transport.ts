/**
 * The Cognito user-pools JSON transport (protocol doc §1): one POST per operation with
 * `Content-Type: application/x-amz-json-1.1` and `X-Amz-Target: AWSCognitoIdentityProviderService.<op>`,
 * no signing. Adds what a raw fetch lacks: a timeout, retries for transient failures only,
 * typed errors parsed the way the AWS SDKs do (§1.3), and observation of the server's `Date`
 * header so TIMESTAMP and TOTP can follow server time.
 *
 * Uses only `fetch`, `AbortController` and timers, so it runs in node and in the extension's
 * service worker alike.
 */

import { ServerClock } from './clock';
import {
  CognitoError,
  MalformedResponseError,
  TransportError,
  ValidationError,
  errorFromResponse,
  type TransportFailureKind,
} from './errors';
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

export interface TransportOptions {
  /** Full endpoint URL (http or https); wins over `region`. */
  endpoint?: string;
  /** AWS region, used when no endpoint is given. */
  region?: string;
  timeoutMs?: number;
  /** Retries after the first attempt, for throttling / 5xx / network / timeout only. */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** Receives every response's Date header; a fresh one is created if absent. */
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
  /** Cancels the call (including pending retries) with a TransportError of kind "aborted". */
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
  if (listed === undefined) throw new ValidationError('region', 'a region Cognito user pools are served in (for another one, give its endpoint URL)');
  return listed;
}

/** An explicit endpoint: an absolute http(s) URL without credentials, returned normalised. */
export function validateEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ValidationError('endpoint', 'an absolute URL such as https://cognito-idp.eu-west-2.amazonaws.com/');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError('endpoint', `an http:// or https:// URL (got ${url.protocol}//)`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ValidationError('endpoint', 'a URL without user name or password');
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
    else throw new ValidationError('endpoint', 'an endpoint URL or a region (for example from endpointFor(userPoolId))');
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
   * Send one operation and return its parsed JSON body. Throws a CognitoError subclass for a
   * service error, TransportError, or MalformedResponseError (non-JSON / non-object 2xx body).
   */
  async call<T>(operation: string, body: object, options: CallOptions = {}): Promise<T> {
    if (!/^[A-Za-z]+$/.test(operation)) throw new ValidationError('operation', 'an operation name such as InitiateAuth');
    const payload = JSON.stringify(body);
    const secrets = [...secretsOfRequest(body), ...(options.redact ?? [])];
    for (let attempt = 1; ; attempt++) {
      if (options.signal?.aborted) throw this.transportError('aborted', operation, attempt - 1);
      let failure: unknown;
      try {
        return (await this.attempt(operation, payload, secrets, attempt, options.signal)) as T;
      } catch (e) {
        failure = e;
      }
      const retryable = (failure instanceof CognitoError || failure instanceof TransportError) && failure.retryable;
      const retry = attempt - 1;
      if (!retryable || retry >= this.maxRetries) throw failure;
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
    try {
      let response: Response;
      let text: string;
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
        // Read the body under the same timer: a stalled body is as bad as a stalled connect.
        text = await response.text();
      } catch (e) {
        const kind: TransportFailureKind = timedOut ? 'timeout' : signal?.aborted ? 'aborted' : 'network';
        throw this.transportError(kind, operation, attempt, kind === 'network' ? networkDetail(e) : undefined, e);
      }
      this.clock.observe(response.headers.get('date'));
      // Browsers expose a manual redirect as an opaque response with status 0.
      if (response.type === 'opaqueredirect' || response.status === 0 || (response.status >= 300 && response.status < 400)) {
        throw this.transportError('redirect', operation, attempt);
      }
      if (response.status >= 200 && response.status < 300) return parseSuccess(operation, text);
      throw this.serviceError(response, text, secrets);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private serviceError(response: Response, text: string, secrets: string[]): CognitoError {
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
      // Without a code the status decides retrying (429/5xx) in CognitoError.
      code: code ?? `HTTP${status}`,
      message: message ?? `HTTP ${status}${statusText} from ${new URL(this.endpoint).host} without an error message`,
      status,
      ...(requestId ? { requestId } : {}),
      redact: secrets,
    });
  }

  private transportError(kind: TransportFailureKind, operation: string, attempts: number, detail?: string, cause?: unknown): TransportError {
    return new TransportError({
      kind,
      operation,
      endpoint: this.endpoint,
      attempts,
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
    throw new MalformedResponseError(operation, '(body)', text === '' ? 'is empty, expected a JSON object' : 'is not JSON');
  }
  if (!isObject(parsed)) {
    throw new MalformedResponseError(operation, '(body)', `is ${parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed}, expected a JSON object`);
  }
  return parsed;
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
  if (!Number.isFinite(v) || v <= 0) throw new ValidationError(field, 'a positive number of milliseconds');
  return v;
}

function nonNegativeInteger(v: number | undefined, fallback: number, field: string): number {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < 0) throw new ValidationError(field, 'an integer of 0 or more');
  return v;
}
