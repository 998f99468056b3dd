/**
 * The plain data of one OTP account, as imported, stored in the vault and turned into codes.
 *
 * Every producer (URI parser, importers, the add-account form via the background) goes through
 * `createOtpAccount` / `validateOtpAccount`, so the invariants below hold everywhere:
 * - `secret` is canonical base32 (uppercase, no spaces or padding) of 80 bits to 256 bytes;
 * - `issuer` and `account` are trimmed, free of control characters, at most 200 characters, and
 *   not both empty;
 * - `digits`, `period` and `counter` are whole numbers within OTP_LIMITS (./limits.ts), the one
 *   home of these bounds: form, imports, backups and the code generators all check them there.
 * `period` is only meaningful for TOTP and `counter` only for HOTP; both are always present so the
 * stored shape is uniform, and the unused one is normalised to its default (counter 0 for TOTP,
 * period 30 for HOTP) so that two accounts producing the same codes compare equal.
 */
import { decodeBase32, encodeBase32 } from './base32';
import { isOtpError, otpParameterError } from './otp-errors';
import { LABEL_MAX_CHARS, OTP_LIMITS, type LimitErrorCode } from './limits';
import { CONTROL_CHARS } from './visible-text';

export type OtpType = 'totp' | 'hotp';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface OtpAccount {
  type: OtpType;
  issuer: string;
  account: string;
  /** Canonical base32. */
  secret: string;
  algorithm: OtpAlgorithm;
  digits: number;
  /** TOTP time step in seconds. */
  period: number;
  /** HOTP moving factor: the counter of the next code. */
  counter: number;
}

export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
export const MIN_DIGITS = OTP_LIMITS.digits.min;
export const MAX_DIGITS = OTP_LIMITS.digits.max;

/** The Key Uri Format defaults, also used by Google Authenticator and Aegis. */
export const OTP_DEFAULTS = { algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;

export type OtpField = keyof OtpAccount | 'window' | 'time';

const isWholeIn = (value: unknown, range: { min: number; max: number }): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= range.min && value <= range.max;

export function assertAlgorithm(value: unknown): asserts value is OtpAlgorithm {
  if (typeof value !== 'string' || !(OTP_ALGORITHMS as readonly string[]).includes(value)) {
    throw otpParameterError('algorithm', `Unsupported algorithm: expected one of ${OTP_ALGORITHMS.join(', ')}.`);
  }
}

export function assertDigits(value: unknown): asserts value is number {
  if (!isWholeIn(value, OTP_LIMITS.digits)) {
    throw otpParameterError('digits', `Digits must be a whole number from ${MIN_DIGITS} to ${MAX_DIGITS}.`, 'otp-digits-out-of-range');
  }
}

export function assertPeriod(value: unknown): asserts value is number {
  if (!isWholeIn(value, OTP_LIMITS.period)) {
    const { min, max } = OTP_LIMITS.period;
    throw otpParameterError('period', `Period must be a whole number of seconds from ${min} to ${max}.`, 'otp-period-out-of-range');
  }
}

export function assertCounter(value: unknown): asserts value is number {
  if (!isWholeIn(value, OTP_LIMITS.counter)) {
    throw otpParameterError('counter', `Counter must be a whole number from 0 to 2^48-1.`, 'otp-counter-out-of-range');
  }
}

/**
 * Checks a base32 secret against the secret rule (80 bits to OTP_LIMITS.secretBytes.max bytes) and
 * returns it canonical. Throws `otpParameterError('secret')`; the message never holds the secret.
 */
export function canonicalSecret(value: unknown): string {
  if (typeof value !== 'string') throw otpParameterError('secret', 'The secret must be base32 text.');
  // Base32 carries 5 bits a character: a longer text cannot decode to an acceptable key. Checked
  // first so a hostile megabyte of base32 is refused before it is decoded.
  const maxSymbols = Math.ceil((OTP_LIMITS.secretBytes.max * 8) / 5);
  if (value.replace(/[ =]/g, '').length > maxSymbols) throw secretTooLong();
  let bytes: Uint8Array;
  try {
    bytes = decodeBase32(value);
  } catch (error) {
    if (isOtpError(error)) throw otpParameterError('secret', error.message);
    throw error;
  }
  if (bytes.length > OTP_LIMITS.secretBytes.max) throw secretTooLong();
  return encodeBase32(bytes);
}

const secretTooLong = () =>
  otpParameterError('secret', `The secret is longer than ${OTP_LIMITS.secretBytes.max} bytes.`, 'otp-secret-too-long');

/** Throws `otpParameterError(field, …, 'label-too-long')` for a name over LABEL_MAX_CHARS. */
export function assertLabelLength(field: 'issuer' | 'account', value: string): void {
  if (value.length > LABEL_MAX_CHARS) {
    throw otpParameterError(field, `The ${field} has ${value.length} characters; at most ${LABEL_MAX_CHARS} are accepted.`, 'label-too-long');
  }
}

// The one rule of visible text: ./visible-text.ts.
export { CONTROL_CHARS } from './visible-text';

function cleanName(field: 'issuer' | 'account', value: unknown): string {
  if (typeof value !== 'string') {
    throw otpParameterError(field, `The ${field} must be text.`);
  }
  if (CONTROL_CHARS.test(value)) {
    throw otpParameterError(field, `The ${field} contains a control character or a text-direction override.`);
  }
  // A lone UTF-16 surrogate cannot be percent-encoded (encodeURIComponent throws) or stored as UTF-8.
  if (/\p{Surrogate}/u.test(value)) {
    throw otpParameterError(field, `The ${field} contains an invalid Unicode character (unpaired surrogate).`);
  }
  const trimmed = value.trim();
  assertLabelLength(field, trimmed);
  return trimmed;
}

/**
 * Checks an untrusted value (storage, a message, an import) and returns a normalised copy.
 * Throws `otpParameterError(…)` naming the first bad field. The message never contains the secret.
 */
export function validateOtpAccount(value: unknown): OtpAccount {
  if (typeof value !== 'object' || value === null) {
    throw otpParameterError('type', 'An OTP account must be an object.');
  }
  const v = value as Record<string, unknown>;
  if (v.type !== 'totp' && v.type !== 'hotp') {
    throw otpParameterError('type', 'Type must be "totp" or "hotp".');
  }
  const issuer = cleanName('issuer', v.issuer);
  const account = cleanName('account', v.account);
  if (issuer === '' && account === '') {
    throw otpParameterError('account', 'An account name or an issuer is required.');
  }
  const secret = canonicalSecret(v.secret);
  assertAlgorithm(v.algorithm);
  assertDigits(v.digits);
  assertPeriod(v.period);
  assertCounter(v.counter);
  return {
    type: v.type,
    issuer,
    account,
    secret,
    algorithm: v.algorithm,
    digits: v.digits,
    period: v.type === 'totp' ? v.period : OTP_DEFAULTS.period,
    counter: v.type === 'hotp' ? v.counter : OTP_DEFAULTS.counter,
  };
}

export type OtpAccountInput = Pick<OtpAccount, 'type' | 'secret'> &
  Partial<Omit<OtpAccount, 'type' | 'secret'>>;

/** Fills in the Key Uri Format defaults, then validates (see {@link validateOtpAccount}). */
export function createOtpAccount(input: OtpAccountInput): OtpAccount {
  return validateOtpAccount({
    type: input.type,
    issuer: input.issuer ?? '',
    account: input.account ?? '',
    secret: input.secret,
    algorithm: input.algorithm ?? OTP_DEFAULTS.algorithm,
    digits: input.digits ?? OTP_DEFAULTS.digits,
    period: input.period ?? OTP_DEFAULTS.period,
    counter: input.counter ?? OTP_DEFAULTS.counter,
  });
}

/**
 * Splits a display label of the form `issuer:account` (Key Uri Format, also found in Google
 * Authenticator's export `name` field) at its first colon. `knownIssuer` is the issuer given
 * separately, if any; it wins over the label prefix when both are present (the Key Uri Format says
 * they should be equal, and the separate parameter is the one apps treat as authoritative).
 * Spaces after the colon are allowed by the Key Uri Format and dropped.
 */
export function splitIssuerLabel(label: string, knownIssuer = ''): { issuer: string; account: string } {
  const colon = label.indexOf(':');
  if (colon < 0) return { issuer: knownIssuer, account: label };
  const prefix = label.slice(0, colon);
  const account = label.slice(colon + 1).replace(/^ +/, '');
  return { issuer: knownIssuer || prefix, account };
}
