/**
 * The rules of the account forms, without the DOM: what the person typed → the `add-account` /
 * `update-account` message, or the fields to correct (as i18n keys). Unit-tested.
 */
import { endpointFor } from '../cognito/transport';
import { isCognitoRegion, isListedCognitoUrl } from '../cognito/user-pool-endpoints';
import { hostPermissionFor } from '../shared/host-permission';
import { MAX_CLOCK_OFFSET_SECONDS, type AccountPatch, type CognitoAccountInput, type HotpAccountInput, type OtpAlgorithm, type Policy, type TotpAccountInput } from '../shared/requests';
import { isClientId, isClientSecret, isRegion, isUserPoolId, isUsername } from '../cognito/validate';
import { LABEL_MAX_CHARS, OTP_LIMITS } from '../otp/limits';

export type FieldErrors = Record<string, string>;
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };


/**
 * A user pool id names its region, which decides the endpoint. With a custom endpoint (local
 * pool, proxy) the region part is not used for routing, so only the API's pattern applies.
 * Without one, the region must be in the list the manifest's host permissions come from
 * (src/cognito/user-pool-endpoints.ts); a newer region is reached by entering its URL as the
 * endpoint, which the person then grants.
 */
export function userPoolIdError(userPoolId: string, hasCustomEndpoint: boolean): string | undefined {
  if (userPoolId === '') return 'errorRequired';
  // The rules are the protocol core's (src/cognito/validate.ts), which the engine checks again.
  if (!isUserPoolId(userPoolId)) return 'errorUserPoolIdFormat';
  if (hasCustomEndpoint) return undefined;
  const region = userPoolId.slice(0, userPoolId.indexOf('_'));
  if (!isRegion(region)) return 'errorUserPoolIdRegion';
  if (!isCognitoRegion(region)) return 'errorUserPoolIdRegionUnlisted';
  return undefined;
}

export type EndpointPermission =
  | { ok: true; origin: string; host: string; pattern: string; /** false: the manifest already grants it (a listed Cognito host) */ asks: boolean }
  | { ok: false; errorKey: string };

/**
 * The host permission to request for a custom endpoint (see src/shared/host-permission.ts:
 * scheme + host, every port). Plain http is only allowed to this machine: the manifest offers
 * nothing else for http.
 */
export function endpointPermission(endpoint: string): EndpointPermission {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, errorKey: 'errorEndpointUrl' };
  }
  if (url.protocol === 'http:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    return { ok: false, errorKey: 'errorEndpointHttp' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, errorKey: 'errorEndpointUrl' };
  if (url.username !== '' || url.password !== '') return { ok: false, errorKey: 'errorEndpointCredentials' };
  return { ok: true, ...hostPermissionFor(url), asks: !isListedCognitoUrl(url) };
}

/**
 * The host permission the account's requests need: its endpoint's, or (no endpoint) the regional
 * cognito-idp host of its user pool. The regional one is in the manifest's list, so asking for it
 * resolves at once, unless the person revoked it (Firefox allows that); undefined when the pool id
 * names no listed region (the form's own check reports that).
 */
export function accountEndpointPermission(endpoint: string, userPoolId: string): EndpointPermission | undefined {
  if (endpoint !== '') return endpointPermission(endpoint);
  try {
    return endpointPermission(endpointFor(userPoolId.trim()));
  } catch {
    return undefined;
  }
}

export interface CognitoFormValues {
  label: string;
  userPoolId: string;
  clientId: string;
  clientSecret: string;
  endpoint: string;
  username: string;
  password: string;
  totpSecret: string;
  autoAnswer: boolean;
  rememberDevice: boolean;
}

function checkCommonCognito(v: CognitoFormValues, errors: FieldErrors): void {
  if (v.clientSecret !== '' && !isClientSecret(v.clientSecret)) errors.clientSecret = 'errorClientSecretFormat';
  if (v.endpoint !== '') {
    const permission = endpointPermission(v.endpoint);
    if (!permission.ok) errors.endpoint = permission.errorKey;
  }
  if (v.username === '') errors.username = 'errorRequired';
  else if (v.username.length > 128) errors.username = 'errorTooLong';
  else if (!isUsername(v.username)) errors.username = 'errorUsernameFormat';
  if (v.label.length > LABEL_MAX_CHARS) errors.label = 'errorTooLong';
}

export function cognitoInputFromForm(raw: CognitoFormValues): Checked<CognitoAccountInput> {
  const v = trimmed(raw);
  const errors: FieldErrors = {};
  const poolError = userPoolIdError(v.userPoolId, v.endpoint !== '');
  if (poolError) errors.userPoolId = poolError;
  if (v.clientId === '') errors.clientId = 'errorRequired';
  else if (!isClientId(v.clientId)) errors.clientId = 'errorClientIdFormat';
  checkCommonCognito(v, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input: CognitoAccountInput = {
    kind: 'cognito',
    // Without a label, the username on its pool is what a person recognises.
    label: v.label || `${v.username} (${v.userPoolId})`,
    userPoolId: v.userPoolId,
    clientId: v.clientId,
    username: v.username,
    policy: { autoAnswer: v.autoAnswer, rememberDevice: v.rememberDevice },
  };
  if (v.clientSecret) input.clientSecret = v.clientSecret;
  if (v.endpoint) input.endpoint = v.endpoint;
  if (raw.password) input.password = raw.password;
  if (v.totpSecret) input.totpSecret = v.totpSecret;
  return { ok: true, value: input };
}

/** On edit, secrets are never shown: an empty field keeps the stored one, a "forget" box clears it. */
export interface CognitoEditValues extends CognitoFormValues {
  forgetClientSecret: boolean;
  forgetPassword: boolean;
  forgetTotpSecret: boolean;
}

export function cognitoPatchFromForm(raw: CognitoEditValues, current: { endpoint?: string | undefined; policy: Policy }): Checked<AccountPatch> {
  const v = trimmed(raw);
  const errors: FieldErrors = {};
  if (v.label === '') errors.label = 'errorRequired';
  checkCommonCognito(v, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const patch: AccountPatch = { label: v.label, username: v.username, policy: { autoAnswer: v.autoAnswer, rememberDevice: v.rememberDevice } };
  if (v.endpoint !== (current.endpoint ?? '')) patch.endpoint = v.endpoint === '' ? null : v.endpoint;
  if (raw.forgetClientSecret) patch.clientSecret = null;
  else if (v.clientSecret) patch.clientSecret = v.clientSecret;
  if (raw.forgetPassword) patch.password = null;
  else if (raw.password) patch.password = raw.password;
  if (raw.forgetTotpSecret) patch.totpSecret = null;
  else if (v.totpSecret) patch.totpSecret = v.totpSecret;
  return { ok: true, value: patch };
}

export interface OtpFormValues {
  type: 'totp' | 'hotp';
  label: string;
  issuer: string;
  secret: string;
  algorithm: string;
  digits: string;
  period: string;
  counter: string;
  /** TOTP only: seconds to add to this computer's clock; empty for none. */
  clockOffset?: string;
}

const ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
/** RFC 4648 base32, as typed: spaces and lower case are fine, padding optional. */
const BASE32_TYPED = /^[A-Z2-7\s]+=*$/i;

export function otpInputFromForm(raw: OtpFormValues): Checked<TotpAccountInput | HotpAccountInput> {
  const v = trimmed(raw);
  const errors: FieldErrors = {};
  if (v.label === '') errors.label = 'errorRequired';
  else if (v.label.length > LABEL_MAX_CHARS) errors.label = 'errorTooLong';
  if (v.issuer.length > LABEL_MAX_CHARS) errors.issuer = 'errorTooLong';
  if (v.secret === '') errors.secret = 'errorRequired';
  else if (!BASE32_TYPED.test(v.secret)) errors.secret = 'errorBase32';
  const algorithm = ALGORITHMS.find((a) => a === v.algorithm);
  if (!algorithm) errors.algorithm = 'errorChooseOne';
  // The same rules as every other way in (src/otp/limits.ts).
  const digits = integerIn(v.digits, OTP_LIMITS.digits.min, OTP_LIMITS.digits.max);
  if (digits === undefined) errors.digits = 'errorDigits';
  const period = integerIn(v.period, OTP_LIMITS.period.min, OTP_LIMITS.period.max);
  const counter = integerIn(v.counter, OTP_LIMITS.counter.min, OTP_LIMITS.counter.max);
  if (v.type === 'totp' && period === undefined) errors.period = 'errorPeriod';
  if (v.type === 'hotp' && counter === undefined) errors.counter = 'errorCounter';
  const clockOffset = v.type === 'totp' ? clockOffsetFromForm(v.clockOffset ?? '') : { ok: true as const, seconds: undefined };
  if (!clockOffset.ok) errors.clockOffset = 'errorClockOffset';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const common = { label: v.label, secret: v.secret.replace(/\s/g, '').toUpperCase(), algorithm: algorithm!, digits: digits! };
  const issuer = v.issuer ? { issuer: v.issuer } : {};
  const offset = clockOffset.ok && clockOffset.seconds ? { clockOffsetSeconds: clockOffset.seconds } : {};
  return v.type === 'totp'
    ? { ok: true, value: { kind: 'totp', ...common, ...issuer, period: period!, ...offset } }
    : { ok: true, value: { kind: 'hotp', ...common, ...issuer, counter: counter! } };
}

/**
 * A plain TOTP account's clock correction as typed: empty (or 0) is the system clock, else whole
 * seconds, negative for a server behind this computer, within ±MAX_CLOCK_OFFSET_SECONDS.
 */
export function clockOffsetFromForm(text: string): { ok: true; seconds: number | undefined } | { ok: false } {
  const t = text.trim().replace(/^\u2212/, '-'); // a typographic minus, as some keyboards give
  if (t === '') return { ok: true, seconds: undefined };
  if (!/^[+-]?\d+$/.test(t)) return { ok: false };
  const n = Number(t);
  if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_CLOCK_OFFSET_SECONDS) return { ok: false };
  return { ok: true, seconds: n === 0 ? undefined : n };
}

function integerIn(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

/** Trims every string field except passwords, whose spaces may be part of them. */
function trimmed<T extends object>(values: T): T {
  const out = { ...values } as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === 'string' && !/password/i.test(key)) out[key] = value.trim();
  }
  return out as T;
}
