/**
 * How this project drives otplib: secrets are decoded by our strict base32 module and handed to
 * otplib as bytes, and otplib's guardrails are widened to the ranges this project accepts
 * (otplib's defaults refuse keys under 128 bits and periods over an hour, both of which real
 * services use; RFC 4226 only *recommends* 160-bit keys).
 */
import { createGuardrails, type HashAlgorithm } from 'otplib';
import { decodeBase32, MIN_SECRET_BITS } from './base32';
import { OTP_LIMITS } from './limits';
import { assertAlgorithm, assertDigits, type OtpAlgorithm } from './otp-account';

export const GUARDRAILS = createGuardrails({
  MIN_SECRET_BYTES: MIN_SECRET_BITS / 8,
  // HMAC accepts keys of any length; the bounds are this project's own rules (./limits.ts).
  MAX_SECRET_BYTES: OTP_LIMITS.secretBytes.max,
  MAX_PERIOD: OTP_LIMITS.period.max,
});

export function secretBytes(secret: string | Uint8Array): Uint8Array {
  return typeof secret === 'string' ? decodeBase32(secret) : secret;
}

export function otplibAlgorithm(algorithm: OtpAlgorithm): HashAlgorithm {
  assertAlgorithm(algorithm);
  return algorithm.toLowerCase() as HashAlgorithm;
}

/** Normalises a code typed or pasted by a person: spaces and dashes between groups are ignored.
 * Returns null when what is left cannot be a code of `digits` digits. */
export function normalizeCode(code: string, digits: number): string | null {
  assertDigits(digits);
  const compact = code.replace(/[\s-]/g, '');
  return compact.length === digits && /^\d+$/.test(compact) ? compact : null;
}
