/**
 * Byte, hex and base64 helpers for the protocol core: the platform's TextEncoder and
 * crypto.getRandomValues, a few lines of hex, and @scure/base for base64, strict so that every
 * malformed input ends in an AppError `srp-parameter` instead of a library-specific message, and
 * so that the rest of the core never touches `Buffer` (it must run unchanged in a browser
 * extension's service worker). Written here rather than taken from @noble/hashes/utils.js, whose
 * general-purpose versions cost the core's bundle about 0.5 KiB gzip (bench bundle-size).
 */
import { base64 } from '@scure/base';
import { srpParameterError, type SrpParameterReason } from './srp/errors';

const HEX = /^[0-9a-fA-F]+$/;

/** UTF-8 bytes of a string (no normalisation: Cognito hashes exactly what was typed). */
export function utf8(s: string): Uint8Array {
  if (typeof s !== 'string') throw new TypeError('utf8: expected a string');
  return new TextEncoder().encode(s);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Parses an unsigned hex number as Cognito sends them (any case, any length, no `0x`, no sign).
 * `reason` lets callers report which parameter was malformed (SRP_B and SALT have their own codes).
 */
export function hexToBigInt(hex: string, reason: SrpParameterReason = 'HEX_INVALID'): bigint {
  // Checked with a regex first because BigInt('0x…') also accepts `_`-free but surprising forms
  // (leading/trailing whitespace) and throws a SyntaxError that would echo the input.
  if (!HEX.test(hex)) throw srpParameterError(reason);
  return BigInt('0x' + hex);
}

/** Lowercase hex, no padding, no prefix: the format of SRP_A on the wire. */
export function bigIntToHex(n: bigint): string {
  return n.toString(16);
}

/** Unsigned big-endian bytes → bigint (empty → 0). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = '';
  for (const b of bytes) hex += (b < 16 ? '0' : '') + b.toString(16);
  return hex === '' ? 0n : BigInt('0x' + hex);
}

/** bigint → its hex digits as bytes, left-padded with one nibble when the digit count is odd. */
export function hexDigitsToBytes(hexDigits: string): Uint8Array {
  if (hexDigits !== '' && !HEX.test(hexDigits)) throw srpParameterError('HEX_INVALID');
  const even = hexDigits.length % 2 === 0 ? hexDigits : '0' + hexDigits;
  const out = new Uint8Array(even.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(even.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function base64Encode(bytes: Uint8Array): string {
  return base64.encode(bytes);
}

/** Strict standard base64 with `=` padding; anything else throws (no silent junk-skipping). */
export function base64Decode(s: string, reason: SrpParameterReason = 'BASE64_INVALID'): Uint8Array {
  try {
    return base64.decode(s);
  } catch {
    // The library's message may quote the offending input; ours never does.
    throw srpParameterError(reason);
  }
}

/** Cryptographically secure random bytes (crypto.getRandomValues). */
export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}
