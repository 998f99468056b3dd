/**
 * A rough strength hint for the vault password. It is advice, not a gate (the KDF does the real
 * work); it estimates entropy from length and the kinds of characters used, and discounts
 * repeated characters and runs such as "aaaa" or "1234" that the estimate would overrate.
 * A dictionary-based estimator (zxcvbn) would be better but costs ~800 kB in a popup that should
 * open instantly.
 */

import { isLongEnoughNewPassword } from '../shared/password-rules';

export type StrengthLevel = 'too-short' | 'weak' | 'fair' | 'strong';

export interface StrengthEstimate {
  level: StrengthLevel;
  bits: number;
}

export function estimatePasswordStrength(password: string): StrengthEstimate {
  if (!isLongEnoughNewPassword(password)) return { level: 'too-short', bits: 0 };
  const chars = [...password];
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/[0-9]/.test(password)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(password)) pool += 33;
  const bits = Math.round(effectiveLength(chars) * Math.log2(Math.max(pool, 2)));
  const level: StrengthLevel = bits < 50 ? 'weak' : bits < 80 ? 'fair' : 'strong';
  return { level, bits };
}

/** Counts a character as half when it repeats, or continues a step of ±1 from the previous one. */
function effectiveLength(chars: string[]): number {
  let length = 0;
  for (let i = 0; i < chars.length; i++) {
    const previous = i > 0 ? chars[i - 1]!.codePointAt(0)! : undefined;
    const current = chars[i]!.codePointAt(0)!;
    const predictable = previous !== undefined && Math.abs(current - previous) <= 1;
    length += predictable ? 0.5 : 1;
  }
  return length;
}
