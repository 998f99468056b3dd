/**
 * RFC 6238 TOTP as Cognito uses it: HMAC-SHA1, 6 digits, 30-second step, T0 = 0, base32 secret
 * (32 characters = 160-bit key), ±1 step accepted. Written on node:crypto, not on src/otp, so the
 * pool checks our client's codes independently.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { base32nopad } from '@scure/base';

export const TOTP_STEP_SECONDS = 30;

export function newTotpSecret(): string {
  return base32nopad.encode(randomBytes(20)); // 32 characters, no padding
}

export function hotp(secretBase32: string, counter: number): string {
  const key = base32nopad.decode(secretBase32.toUpperCase());
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return bin.toString().padStart(6, '0');
}

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

export function totpAt(secretBase32: string, nowMs: number): string {
  return hotp(secretBase32, totpStep(nowMs));
}

/** Returns the matching time step (current ±1) or null. Comparison over all candidates, no early exit. */
export function matchTotp(secretBase32: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const step = totpStep(nowMs);
  let found: number | null = null;
  for (const s of [step - 1, step, step + 1]) {
    if (hotp(secretBase32, s) === code && found === null) found = s;
  }
  return found;
}
