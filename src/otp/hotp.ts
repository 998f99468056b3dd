/**
 * HOTP (RFC 4226) codes through otplib. Synchronous: otplib's default crypto plugin
 * (@noble/hashes) works in node and in an MV3 service worker without WebCrypto's async API.
 */
import { generateSync, verifySync } from 'otplib';
import { assertCounter, assertDigits, OTP_DEFAULTS, type OtpAlgorithm } from './otp-account';
import { otpParameterError } from './otp-errors';
import { GUARDRAILS, normalizeCode, otplibAlgorithm, secretBytes } from './otplib-options';

export interface HotpOptions {
  algorithm?: OtpAlgorithm;
  digits?: number;
}

/** otplib checks at most MAX_WINDOW (99) counters per verification. */
export const MAX_HOTP_LOOK_AHEAD = GUARDRAILS.MAX_WINDOW - 1;

/** The HOTP code for `counter`. `secret` is base32 text or the raw key bytes. */
export function hotpCode(secret: string | Uint8Array, options: HotpOptions, counter: number): string {
  const digits = options.digits ?? OTP_DEFAULTS.digits;
  assertDigits(digits);
  assertCounter(counter);
  return generateSync({
    strategy: 'hotp',
    secret: secretBytes(secret),
    algorithm: otplibAlgorithm(options.algorithm ?? OTP_DEFAULTS.algorithm),
    digits,
    counter,
    guardrails: GUARDRAILS,
  });
}

/**
 * Looks for `code` at counters `counter` … `counter + lookAhead` (RFC 4226 §7.4 resynchronisation)
 * and returns the counter that produced it, or null. A malformed code is simply not a match.
 * otplib compares in constant time.
 */
export function matchHotpCounter(
  secret: string | Uint8Array,
  code: string,
  options: HotpOptions,
  counter: number,
  lookAhead = 0,
): number | null {
  const digits = options.digits ?? OTP_DEFAULTS.digits;
  assertCounter(counter);
  if (!Number.isSafeInteger(lookAhead) || lookAhead < 0 || lookAhead > MAX_HOTP_LOOK_AHEAD) {
    throw otpParameterError('window', `The HOTP look-ahead must be a whole number from 0 to ${MAX_HOTP_LOOK_AHEAD}.`);
  }
  const token = normalizeCode(code, digits);
  if (token === null) return null;
  const result = verifySync({
    strategy: 'hotp',
    secret: secretBytes(secret),
    token,
    algorithm: otplibAlgorithm(options.algorithm ?? OTP_DEFAULTS.algorithm),
    digits,
    counter,
    counterTolerance: [0, lookAhead],
    guardrails: GUARDRAILS,
  });
  return result.valid ? counter + result.delta : null;
}

/** True when `code` is the HOTP code for `counter` (or one of the next `lookAhead` counters). */
export function verifyHotp(
  secret: string | Uint8Array,
  code: string,
  options: HotpOptions,
  counter: number,
  lookAhead = 0,
): boolean {
  return matchHotpCounter(secret, code, options, counter, lookAhead) !== null;
}
