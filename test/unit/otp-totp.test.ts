import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../src/otp/base32';
import { hotpCode } from '../../src/otp/hotp';
import type { OtpError } from '../../src/otp/otp-errors';
import { OTP_LIMITS } from '../../src/otp/limits';
import { secondsRemaining, totpCode, totpDelta, totpExpiresAt, totpStep, verifyTotp } from '../../src/otp/totp';

/** Independent RFC 4226 §5.3 implementation on node:crypto, used as a reference. */
function referenceHotp(key: Uint8Array, algorithm: string, counter: number, digits: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

const GOOGLE_EXAMPLE = 'JBSWY3DPEHPK3PXP'; // 80 bits, from the Key Uri Format page

describe('totpCode', () => {
  it('matches a node:crypto reference for random keys, times, algorithms, digits and periods', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 80 }),
        fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const),
        fc.integer({ min: 6, max: 8 }),
        fc.integer(OTP_LIMITS.period), // every period the rule accepts (src/otp/limits.ts)
        fc.integer({ min: 0, max: 4_102_444_800_000 }), // up to 2100
        (key, algorithm, digits, period, nowMs) => {
          const counter = Math.floor(Math.floor(nowMs / 1000) / period);
          const expected = referenceHotp(key, algorithm, counter, digits);
          expect(totpCode(encodeBase32(key), { algorithm, digits, period }, nowMs)).toBe(expected);
          expect(hotpCode(key, { algorithm, digits }, counter)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('uses the time given, not the local clock', () => {
    const a = totpCode(GOOGLE_EXAMPLE, {}, 1_700_000_000_000);
    const b = totpCode(GOOGLE_EXAMPLE, {}, 1_700_000_000_000 + 30_000);
    expect(a).toMatch(/^\d{6}$/);
    expect(a).not.toBe(b);
    expect(totpCode(GOOGLE_EXAMPLE, {}, 1_700_000_000_000)).toBe(a);
  });

  it('accepts secrets as authenticator apps show them (lowercase, grouped)', () => {
    expect(totpCode('jbsw y3dp ehpk 3pxp', {}, 1_700_000_000_000)).toBe(totpCode(GOOGLE_EXAMPLE, {}, 1_700_000_000_000));
  });

  it('accepts periods well beyond otplib’s default limit of an hour', () => {
    expect(totpCode(GOOGLE_EXAMPLE, { period: 86_400 }, 1_700_000_000_000)).toMatch(/^\d{6}$/);
  });

  it('rejects bad parameters with specific errors', () => {
    const bad: [object, number, string][] = [
      [{ digits: 5 }, 0, 'digits'],
      [{ digits: 9 }, 0, 'digits'],
      [{ digits: 6.5 }, 0, 'digits'],
      [{ period: 0 }, 0, 'period'],
      [{ period: -30 }, 0, 'period'],
      [{ period: 1.5 }, 0, 'period'],
      [{ algorithm: 'MD5' }, 0, 'algorithm'],
      [{ algorithm: 'sha1' }, 0, 'algorithm'],
      [{}, -1, 'time'],
      [{}, Number.NaN, 'time'],
    ];
    for (const [opts, now, field] of bad) {
      const call = () => totpCode(GOOGLE_EXAMPLE, opts, now);
      expect(call).toThrow(expect.objectContaining({ code: 'otp-parameter-invalid' }));
      try {
        call();
      } catch (error) {
        expect((error as OtpError).details.field).toBe(field);
      }
    }
  });

  it('refuses secrets shorter than 80 bits without echoing them', () => {
    expect(() => totpCode('JBSWY3DPEHPK3', {}, 0)).toThrow(/too short: 64 bits/);
    try {
      totpCode('JBSWY3DPEHPK3', {}, 0);
    } catch (error) {
      expect(String(error)).not.toContain('JBSWY3DPEHPK3');
    }
  });
});

describe('verifyTotp', () => {
  const now = 1_700_000_015_000;
  const opts = { period: 30 };
  const codeAt = (offsetSteps: number) => totpCode(GOOGLE_EXAMPLE, opts, now + offsetSteps * 30_000);

  it('accepts the current code and, with the default window of 1, its neighbours only', () => {
    expect(verifyTotp(GOOGLE_EXAMPLE, codeAt(0), opts, now)).toBe(true);
    expect(verifyTotp(GOOGLE_EXAMPLE, codeAt(-1), opts, now)).toBe(true);
    expect(verifyTotp(GOOGLE_EXAMPLE, codeAt(1), opts, now)).toBe(true);
    expect(verifyTotp(GOOGLE_EXAMPLE, codeAt(-2), opts, now)).toBe(false);
    expect(verifyTotp(GOOGLE_EXAMPLE, codeAt(2), opts, now)).toBe(false);
    expect(verifyTotp(GOOGLE_EXAMPLE, codeAt(-2), opts, now, 2)).toBe(true);
    expect(verifyTotp(GOOGLE_EXAMPLE, codeAt(1), opts, now, 0)).toBe(false);
  });

  it('reports which step matched', () => {
    expect(totpDelta(GOOGLE_EXAMPLE, codeAt(0), opts, now)).toBe(0);
    expect(totpDelta(GOOGLE_EXAMPLE, codeAt(-1), opts, now)).toBe(-1);
    expect(totpDelta(GOOGLE_EXAMPLE, codeAt(1), opts, now)).toBe(1);
    expect(totpDelta(GOOGLE_EXAMPLE, codeAt(3), opts, now)).toBeNull();
  });

  it('treats malformed codes as wrong rather than throwing, and ignores group separators', () => {
    const code = codeAt(0);
    expect(verifyTotp(GOOGLE_EXAMPLE, `${code.slice(0, 3)} ${code.slice(3)}`, opts, now)).toBe(true);
    expect(verifyTotp(GOOGLE_EXAMPLE, code.slice(1), opts, now)).toBe(false);
    expect(verifyTotp(GOOGLE_EXAMPLE, `${code}0`, opts, now)).toBe(false);
    expect(verifyTotp(GOOGLE_EXAMPLE, 'abcdef', opts, now)).toBe(false);
    expect(verifyTotp(GOOGLE_EXAMPLE, '', opts, now)).toBe(false);
  });

  it('rejects a window it cannot search', () => {
    expect(() => verifyTotp(GOOGLE_EXAMPLE, '123456', opts, now, -1)).toThrow(/window/);
    expect(() => verifyTotp(GOOGLE_EXAMPLE, '123456', opts, now, 1.5)).toThrow(/window/);
    expect(() => verifyTotp(GOOGLE_EXAMPLE, '123456', opts, now, 50)).toThrow(/window/);
  });
});

describe('step timing', () => {
  it('counts down from the period to 1 within a step', () => {
    expect(secondsRemaining(30, 1_700_000_010_000)).toBe(30); // 1700000010 is a multiple of 30
    expect(secondsRemaining(30, 1_700_000_010_001)).toBe(30);
    expect(secondsRemaining(30, 1_700_000_011_000)).toBe(29);
    expect(secondsRemaining(30, 1_700_000_039_000)).toBe(1);
    expect(secondsRemaining(30, 1_700_000_039_999)).toBe(1);
    expect(secondsRemaining(30, 1_700_000_040_000)).toBe(30);
    expect(secondsRemaining(60, 1_700_000_040_000)).toBe(60 - (1_700_000_040 % 60));
  });

  it('gives the step number and its end', () => {
    expect(totpStep(30, 59_000)).toBe(1);
    expect(totpStep(30, 60_000)).toBe(2);
    expect(totpExpiresAt(30, 59_000)).toBe(60_000);
    expect(totpExpiresAt(30, 60_000)).toBe(90_000);
  });

  it('always lies in 1..period and agrees with the code changing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3600 }), fc.integer({ min: 0, max: 4_102_444_800_000 }), (period, nowMs) => {
        const left = secondsRemaining(period, nowMs);
        expect(left).toBeGreaterThanOrEqual(1);
        expect(left).toBeLessThanOrEqual(period);
        expect(totpStep(period, totpExpiresAt(period, nowMs))).toBe(totpStep(period, nowMs) + 1);
        expect(totpStep(period, totpExpiresAt(period, nowMs) - 1)).toBe(totpStep(period, nowMs));
      }),
    );
  });
});
