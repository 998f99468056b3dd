/**
 * TOTP (RFC 6238) codes through otplib.
 *
 * Every function takes the time explicitly as `nowMs` (Unix epoch milliseconds): the caller
 * applies the server clock offset (see `ServerClock` in src/cognito/clock.ts), so codes match
 * what Cognito expects even when the local clock is off. Synchronous, like hotp.ts.
 */
import { generateSync, verifySync } from 'otplib';
import { assertDigits, assertPeriod, OTP_DEFAULTS, type OtpAlgorithm } from './otp-account';
import { otpParameterError } from './otp-errors';
import { GUARDRAILS, normalizeCode, otplibAlgorithm, secretBytes } from './otplib-options';

export interface TotpOptions {
  algorithm?: OtpAlgorithm;
  digits?: number;
  /** Time step in seconds. */
  period?: number;
}

/** otplib checks at most MAX_WINDOW (99) steps, i.e. 49 on each side. */
export const MAX_TOTP_WINDOW = Math.floor((GUARDRAILS.MAX_WINDOW - 1) / 2);

function epochSeconds(nowMs: number): number {
  if (!Number.isFinite(nowMs) || nowMs < 0) {
    throw otpParameterError('time', 'The time must be a non-negative number of milliseconds since 1970.');
  }
  return Math.floor(nowMs / 1000);
}

function resolve(options: TotpOptions) {
  const digits = options.digits ?? OTP_DEFAULTS.digits;
  const period = options.period ?? OTP_DEFAULTS.period;
  assertDigits(digits);
  assertPeriod(period);
  return { digits, period, algorithm: otplibAlgorithm(options.algorithm ?? OTP_DEFAULTS.algorithm) };
}

/** The TOTP code at `nowMs`. `secret` is base32 text or the raw key bytes. */
export function totpCode(secret: string | Uint8Array, options: TotpOptions, nowMs: number): string {
  return generateSync({
    strategy: 'totp',
    secret: secretBytes(secret),
    ...resolve(options),
    epoch: epochSeconds(nowMs),
    guardrails: GUARDRAILS,
  });
}

/**
 * Which step `code` belongs to relative to the step at `nowMs` (0 = current, -1 = previous, …),
 * searching `window` steps on each side; null when it matches none. A malformed code (wrong
 * length, letters) is not a match. otplib compares in constant time.
 */
export function totpDelta(
  secret: string | Uint8Array,
  code: string,
  options: TotpOptions,
  nowMs: number,
  window = 1,
): number | null {
  const resolved = resolve(options);
  if (!Number.isSafeInteger(window) || window < 0 || window > MAX_TOTP_WINDOW) {
    throw otpParameterError('window', `The TOTP window must be a whole number of steps from 0 to ${MAX_TOTP_WINDOW}.`);
  }
  const epoch = epochSeconds(nowMs);
  const token = normalizeCode(code, resolved.digits);
  if (token === null) return null;
  const result = verifySync({
    strategy: 'totp',
    secret: secretBytes(secret),
    token,
    ...resolved,
    epoch,
    // In seconds; a whole number of periods on each side means exactly `window` steps.
    epochTolerance: window * resolved.period,
    guardrails: GUARDRAILS,
  });
  return result.valid ? result.delta : null;
}

/** True when `code` is valid at `nowMs` or within `window` steps before or after it. */
export function verifyTotp(
  secret: string | Uint8Array,
  code: string,
  options: TotpOptions,
  nowMs: number,
  window = 1,
): boolean {
  return totpDelta(secret, code, options, nowMs, window) !== null;
}

/** The step number (RFC 6238 `T`) at `nowMs`. */
export function totpStep(period: number, nowMs: number): number {
  assertPeriod(period);
  return Math.floor(epochSeconds(nowMs) / period);
}

/** When the code shown at `nowMs` stops being current, in epoch milliseconds. */
export function totpExpiresAt(period: number, nowMs: number): number {
  return (totpStep(period, nowMs) + 1) * period * 1000;
}

/** Whole seconds until the current code changes, from `period` (just changed) down to 1. */
export function secondsRemaining(period: number, nowMs: number): number {
  return Math.ceil((totpExpiresAt(period, nowMs) - nowMs) / 1000);
}
