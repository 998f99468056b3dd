/**
 * Base32 (RFC 4648, standard alphabet) for OTP secrets.
 *
 * Decoding is strict about the alphabet but forgiving in the same ways authenticator apps are:
 * lowercase letters, spaces (secrets are often shown in groups of four) and missing `=` padding
 * are accepted. Anything else is rejected with an error naming the offending character and its
 * position. Error messages never contain the secret: only a single rejected character, positions
 * and lengths.
 *
 * The bit maths is done by @scure/base; this module only normalises the text and turns the
 * library's errors (whose messages can contain decoded bits) into safe, specific ones.
 */
import { base32nopad } from '@scure/base';
import { CONTROL_CHARS } from './visible-text';
import { base32Error } from './otp-errors';

/** RFC 4226 §4 requires at least 128 bits and recommends 160; 80 bits is the floor used in practice
 * (Google's own example key `JBSWY3DPEHPK3PXP` is 80 bits), so shorter keys are refused. */
export const MIN_SECRET_BITS = 80;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Digits people type for the letters they resemble when copying a secret by hand. */
const LOOKALIKES: Record<string, string> = { '0': 'O', '1': 'I or L', '8': 'B' };

/** Shows a rejected character unambiguously even when it is invisible or a control character. */
function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code > 0x20 && !CONTROL_CHARS.test(ch) ? `"${ch}" (${hex})` : hex;
}

/**
 * Validates the text and returns it as canonical symbols: uppercase, without spaces or padding.
 * Throws `base32Error(…)` (./otp-errors.ts) for empty input, foreign characters, misplaced padding and lengths that
 * no byte string can have.
 */
function toSymbols(text: string): string {
  let symbols = '';
  let paddingStart = -1; // position (1-based) of the first '=' seen
  let position = 0;
  for (const ch of text) {
    position += 1;
    if (ch === ' ') continue;
    if (ch === '=') {
      if (paddingStart < 0) paddingStart = position;
      continue;
    }
    // Only ASCII letters are folded: toUpperCase() would turn e.g. the Turkish dotless 'ı' into 'I'.
    const upper = ch >= 'a' && ch <= 'z' ? ch.toUpperCase() : ch;
    if (!ALPHABET.includes(upper)) {
      const lookalike = LOOKALIKES[ch];
      throw base32Error('base32-invalid-character',
        `Invalid character ${describeChar(ch)} at position ${position} of the secret: base32 secrets use only the letters A-Z and the digits 2-7.` +
          (lookalike ? ` Did you mean ${lookalike}?` : ''),
        position,
      );
    }
    if (paddingStart >= 0) {
      throw base32Error('base32-invalid-character',
        `Invalid character "=" at position ${paddingStart} of the secret: padding may only appear at the end.`,
        paddingStart,
      );
    }
    symbols += upper;
  }
  if (symbols.length === 0) {
    throw base32Error('base32-empty', 'The secret is empty.');
  }
  // 8 symbols carry 5 bytes; a final group of 1, 3 or 6 symbols cannot come from whole bytes,
  // which means the secret was cut short or mistyped.
  const rest = symbols.length % 8;
  if (rest === 1 || rest === 3 || rest === 6) {
    throw base32Error('base32-invalid-length',
      `The secret has ${symbols.length} base32 characters, a length no key can have: it is probably truncated or has a character too many.`,
    );
  }
  return symbols;
}

/**
 * Decodes a base32 secret to bytes, rejecting secrets shorter than {@link MIN_SECRET_BITS}.
 *
 * Unused low bits in the last character are ignored rather than rejected, as Google Authenticator
 * and the other common apps do: sites that generate e.g. 26 random base32 characters produce them,
 * and the resulting key is still well defined.
 */
export function decodeBase32(text: string, minBits: number = MIN_SECRET_BITS): Uint8Array {
  const symbols = toSymbols(text);
  const spareBits = (symbols.length * 5) % 8;
  let cleaned = symbols;
  if (spareBits > 0) {
    // @scure/base insists that unused bits are zero; clear them in the last symbol.
    const last = ALPHABET.indexOf(symbols[symbols.length - 1] as string);
    cleaned = symbols.slice(0, -1) + ALPHABET.charAt(last & ~((1 << spareBits) - 1));
  }
  let bytes: Uint8Array;
  try {
    bytes = base32nopad.decode(cleaned);
  } catch {
    // Not expected after the checks above; the library's own message may contain decoded bits.
    throw base32Error('base32-invalid-length', 'The secret is not valid base32.');
  }
  if (bytes.length * 8 < minBits) {
    throw base32Error('base32-too-short',
      `The secret is too short: ${bytes.length * 8} bits, at least ${minBits} bits (${Math.ceil(minBits / 5)} base32 characters) are required.`,
    );
  }
  return bytes;
}

/** Encodes bytes as base32. Padding is omitted by default, as the Key Uri Format asks. */
export function encodeBase32(bytes: Uint8Array, options: { padding?: boolean } = {}): string {
  const text = base32nopad.encode(bytes);
  if (!options.padding) return text;
  return text + '='.repeat((8 - (text.length % 8)) % 8);
}

/**
 * Validates a secret and returns its canonical form (uppercase, no spaces, no padding, unused
 * trailing bits cleared), which is what accounts store.
 */
export function normalizeBase32Secret(text: string, minBits: number = MIN_SECRET_BITS): string {
  return encodeBase32(decodeBase32(text, minBits));
}
