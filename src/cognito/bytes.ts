/**
 * Byte, hex and base64 helpers for the protocol core. Thin, strict wrappers over @noble/hashes'
 * utilities and @scure/base, so that every malformed input ends in an AppError `srp-parameter`
 * instead of a library-specific message, and so that the rest of the core never touches
 * `Buffer` (it must run unchanged in a browser extension's service worker).
 */
import { base64 } from '@scure/base';
import { bytesToHex, concatBytes, hexToBytes, randomBytes as nobleRandomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { srpParameterError, type SrpParameterReason } from './srp/errors';

const HEX = /^[0-9a-fA-F]+$/;

/** UTF-8 bytes of a string (no normalisation: Cognito hashes exactly what was typed). */
export function utf8(s: string): Uint8Array {
  return utf8ToBytes(s);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(...parts);
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
  return bytes.length === 0 ? 0n : BigInt('0x' + bytesToHex(bytes));
}

/** bigint → its hex digits as bytes, left-padded with one nibble when the digit count is odd. */
export function hexDigitsToBytes(hexDigits: string): Uint8Array {
  return hexToBytes(hexDigits.length % 2 === 0 ? hexDigits : '0' + hexDigits);
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

/** Cryptographically secure random bytes (crypto.getRandomValues, via @noble/hashes). */
export function randomBytes(n: number): Uint8Array {
  return nobleRandomBytes(n);
}
