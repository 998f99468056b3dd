/**
 * # cognito-local-user-pool: the public entry
 *
 * A Cognito-compatible user-pool server for node that verifies everything for real: SRP
 * (PASSWORD_VERIFIER, DEVICE_PASSWORD_VERIFIER with verifiers stored at password set / ConfirmDevice),
 * TIMESTAMP format and window, SECRET_HASH, TOTP (SHA-1, 6 digits, 30 s, ±1 step, no replay),
 * session chains and expiry, MFA (ON/OPTIONAL, TOTP/SMS/e-mail, MFA_SETUP, SELECT_MFA_TYPE), device
 * tracking (NewDeviceMetadata, remembered devices skipping MFA when ChallengeRequiredOnNewDevice),
 * custom auth triggers, USER_AUTH, refresh/rotation/revocation, and RS256 tokens with a JWKS.
 * The SRP maths is its own (srp-server.ts), shared with no client: it is an independent check of them.
 * The README beside this folder is the user's guide; this comment is the reference it points to.
 *
 * ## Use
 * ```ts
 * import { startLocalPool } from 'cognito-local-user-pool';
 * const pool = await startLocalPool({ port: 0 });
 * // point any Cognito client at pool.endpoint (http://127.0.0.1:PORT/)
 * await pool.close();
 * ```
 * CLI: `npm run pool -- [--port 9229] [--state FILE] [--seed FILE] [--triggers DIR] [--host 127.0.0.1] [--local-issuer]`.
 *
 * ## Protocol
 * `POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>` and an
 * `application/x-amz-json-1.1` (or `application/json`) body, like cognito-idp. Admin operations
 * (CreateUserPool, AdminCreateUser, ...) need an `Authorization` header (any SigV4 signature is
 * accepted; the region in its credential scope names the region of a new pool). Errors are HTTP 400
 * (500 for InternalErrorException) with `{"__type","message"}` and `x-amzn-ErrorType`/`x-amzn-ErrorMessage`.
 * CORS is open (`Access-Control-Allow-Origin: *`) so extension pages and web pages can call it.
 *
 * ## Other routes
 * - `GET /<poolId>/.well-known/jwks.json` — the pool's signing key.
 * - `GET /<poolId>/.well-known/openid-configuration` — issuer + jwks_uri (the local JWKS URL).
 *
 * ## Token issuer
 * By default tokens carry Cognito's `iss`, `https://cognito-idp.<region>.amazonaws.com/<poolId>`,
 * so verifiers written for Cognito accept them: aws-jwt-verify's
 * `CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse })` after
 * `verifier.cacheJwks(await (await fetch(`${endpoint}${poolId}/.well-known/jwks.json`)).json())`
 * (it cannot fetch that URL itself, it is not Cognito's). With `localIssuer: true` (CLI
 * `--local-issuer`) `iss` is `<endpoint origin>/<poolId>` instead, whose
 * `/.well-known/openid-configuration` and `jwks.json` a generic OIDC verifier can fetch.
 * - `GET /_local/codes/<poolId>/<username>` — TEST ONLY: the latest one-time code the pool "sent" to the
 *   user (SMS_MFA, EMAIL_OTP, SMS_OTP, SIGN_UP, FORGOT_PASSWORD, or an AdminCreateUser temporary
 *   password): `{code, purpose, destination, createdAt}`, 404 if none. The CLI also prints codes.
 * - `GET /_local/health`.
 * - `POST /_local/hold {operation, challengeName?, count?}`, `GET /_local/hold`, `POST /_local/release` —
 *   TEST ONLY: process the next matching requests but hold their answers until released, so a test can
 *   stop a client while its request is on the wire (response-hold.ts; also `LocalPool.holds`).
 *
 * ## Knobs AWS does not have
 * Per pool (`store.pools[id].local`, or "Local" in a seed): `passwordVerifierWindowSeconds` (60),
 * `timestampSkewSeconds` (300), `maxFailedAttemptsPerMinute` (5 → "Password attempts exceeded").
 * Server-wide: `requestsPerSecond` (1000 → TooManyRequestsException), `now` (injected clock, used for
 * sessions, TOTP, TIMESTAMP, tokens and the Date header), `handshakeFilter` (force B or S to have a
 * leading zero byte in its 384-byte form, i.e. value < 2^3064, so its enc() is short),
 * `withoutOperations` (answer these operations with UnknownOperationException, as an endpoint that
 * predates them does: e.g. `['GetTokensFromRefreshToken']`, added to Cognito in 2025 and missing from
 * older Cognito-compatible emulators, so clients must fall back to InitiateAuth REFRESH_TOKEN_AUTH),
 * `localIssuer` (see "Token issuer"), `lambdaTimeoutMs` (5000: how long a trigger may take),
 * `iamRoles` (the IAM roles an SmsConfiguration.SnsCallerArn may name, with trust and permission
 * policies; live in `LocalPool.iam`: sms.ts).
 * Per pool, settings AWS keeps outside Cognito's API: `local.webAcl` (an associated AWS WAF web ACL
 * with block rules → HTTP 403 ForbiddenException: waf.ts).
 *
 * ## Exceptions and what causes them
 * Lambda triggers (lambda-errors.ts): a handler that throws → UserLambdaValidationException; a
 * function that cannot run (module does not load, no handler) or does not answer in time →
 * UnexpectedLambdaException; output not shaped like the trigger's response →
 * InvalidLambdaResponseException. SMS (sms.ts): no SmsConfiguration →
 * InvalidUserPoolConfigurationException; role not assumable / may not publish →
 * InvalidSmsRole{TrustRelationship,AccessPolicy}Exception. A sign-in alias another user holds
 * verified → AliasExistsException (aliases.ts). An enabled MFA method the user can no longer use
 * → MFAMethodNotFoundException (users.ts). Context data (context-data.ts): typed per the model;
 * UserContextData.IpAddress used only with the client's EnablePropagateAdditionalUserContextData,
 * Admin* ContextData.IpAddress always. Request paths and bodies (http-server.ts): malformed
 * percent-encoding → 400, invalid UTF-8 / nesting deeper than 64 → SerializationException.
 *
 * ## State
 * In memory by default; with `statePath` pools/clients/users/devices/refresh tokens/keys are loaded
 * at start and written whole (temp file + fsync + rename) after changing requests: the changes of
 * `persistDelayMs` (default 200 ms, longer while one write takes more than a fifth of that) go
 * into one write, and close() writes what is pending. A write costs the whole state (10 000 users:
 * ~10 MB, ~0.3 s), so writing after every request made each request pay for the pool's size.
 * Auth-flow sessions are not persisted (they live minutes). Triggers: see triggers.ts. Seed
 * format: see seed.ts.
 */
import type { AddressInfo } from 'node:net';
import { createPoolServer } from './http-server.js';
import { ResponseHolds } from './response-hold.js';
import { SessionStore } from './sessions.js';
import { TriggerRunner } from './triggers.js';
import { emptyState, loadState, saveState, type State } from './store.js';
import { applySeed, readSeed } from './seed.js';
import type { ServerContext } from './context.js';
import type { HandshakeFilter } from './srp-server.js';
import type { IamRole } from './sms.js';
import { findUser } from './lookup.js';
import { matchTotp } from './totp.js';

export interface LocalPoolOptions {
  /** 0 = a free port (default) */
  port?: number;
  host?: '127.0.0.1' | string;
  statePath?: string;
  seedPath?: string;
  triggersDir?: string;
  handshakeFilter?: HandshakeFilter;
  now?: () => number;
  /** global request cap per second (default 1000; 0 = none) */
  requestsPerSecond?: number;
  /** called for every SMS / e-mail code the pool "sends" */
  onCode?: (poolId: string, username: string, purpose: string, code: string) => void;
  /** internal errors and persistence problems (default: stderr) */
  log?: (line: string) => void;
  /** operations this endpoint does not offer: answered with UnknownOperationException */
  withoutOperations?: string[];
  /**
   * Tokens' `iss` is the pool's own URL, `<origin>/<poolId>`, instead of Cognito's
   * `https://cognito-idp.<region>.amazonaws.com/<poolId>` (the default; see issuer.ts).
   */
  localIssuer?: boolean;
  /**
   * IAM roles, by ARN, that SmsConfiguration.SnsCallerArn may name: their trust policy and
   * permission policies decide whether an SMS can be sent (sms.ts). Roles not listed are taken
   * to be set up correctly.
   */
  iamRoles?: Record<string, IamRole>;
  /** how long a trigger may take before UnexpectedLambdaException (default 5000, Cognito's limit) */
  lambdaTimeoutMs?: number;
  /** with statePath: changes are written at most this long after they are made (default 200 ms); close() writes at once */
  persistDelayMs?: number;
}

export interface LocalPool {
  endpoint: string;
  port: number;
  close(): Promise<void>;
  store: State;
  /** the emulated IAM roles (LocalPoolOptions.iamRoles), editable while the pool runs */
  iam: Map<string, IamRole>;
  /** the live server context (sessions, clock), for white-box tests */
  context: ServerContext;
  /** TEST ONLY: hold answers while a client is stopped mid-request (response-hold.ts; also over HTTP) */
  holds: ResponseHolds;
}

export async function startLocalPool(opts: LocalPoolOptions = {}): Promise<LocalPool> {
  const host = opts.host ?? '127.0.0.1';
  const now = opts.now ?? (() => Date.now());
  const state = opts.statePath ? loadState(opts.statePath) : emptyState();
  let dirty = false;
  let origin = '';
  const ctx: ServerContext = {
    state,
    sessions: new SessionStore(now),
    now,
    origin: () => origin,
    localIssuer: opts.localIssuer === true,
    handshakeFilter: opts.handshakeFilter,
    triggers: new TriggerRunner(opts.triggersDir, opts.lambdaTimeoutMs),
    iam: new Map(Object.entries(opts.iamRoles ?? {})),
    onCode: opts.onCode,
    markDirty: () => {
      dirty = true;
    },
  };
  const log = opts.log ?? ((line: string) => process.stderr.write(`[local-pool] ${line}\n`));
  // One write for the changes of a window (see "State" above). The window is at least
  // persistDelayMs and at least four times the last write, so writing takes at most a fifth of
  // the pool's time however large the state grows.
  let pending: ReturnType<typeof setTimeout> | undefined;
  let lastWriteMs = 0;
  const writeNow = () => {
    if (pending) clearTimeout(pending);
    pending = undefined;
    if (!dirty || !opts.statePath) return;
    const started = performance.now();
    saveState(opts.statePath, state);
    dirty = false;
    lastWriteMs = performance.now() - started;
  };
  const persist = () => {
    if (!dirty || !opts.statePath || pending) return;
    pending = setTimeout(() => {
      try {
        writeNow();
      } catch (e) {
        log(`could not persist state: ${e instanceof Error ? e.message : String(e)}`);
      }
    }, Math.max(opts.persistDelayMs ?? 200, 4 * lastWriteMs));
    pending.unref();
  };
  const holds = new ResponseHolds();
  const server = createPoolServer(ctx, {
    requestsPerSecond: opts.requestsPerSecond ?? 1000, persist, log, holds,
    ...(opts.withoutOperations ? { withoutOperations: new Set(opts.withoutOperations) } : {}),
  });
  // Node closes an idle keep-alive connection after 5 s; a client that picks such a connection just
  // then (its own timer late on a busy machine) gets ECONNRESET. Idle connections live a minute,
  // as behind AWS's load balancers; close() still ends them at once.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host}:${port}`;
  if (opts.seedPath) {
    await applySeed(ctx, readSeed(opts.seedPath));
    writeNow();
  }
  return {
    endpoint: `${origin}/`,
    port,
    store: state,
    iam: ctx.iam,
    context: ctx,
    holds,
    close: () =>
      new Promise<void>((resolve, reject) => {
        holds.releaseAll();
        writeNow();
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/**
 * Whether `code` is a TOTP code the pool would accept for this user at `nowMs` (±1 step): for
 * checking what an authenticator shows against the secret the pool holds. Inspection only: it
 * marks nothing as used, so a later sign-in with the same code still succeeds once.
 */
export function acceptsTotpCode(pool: LocalPool, userPoolId: string, username: string, code: string, nowMs = pool.context.now()): boolean {
  const record = pool.store.pools[userPoolId];
  const secret = record ? findUser(record, username)?.totp?.secret : undefined;
  return secret !== undefined && matchTotp(secret, code, nowMs) !== null;
}

export type { State, PoolRecord, ClientRecord, UserRecord, DeviceRecord, RefreshRecord, TotpState } from './store.js';
export type { IamRole } from './sms.js';
export type { HandshakeFilter } from './srp-server.js';
export type { HoldMatch } from './response-hold.js';
export { applySeed } from './seed.js';
