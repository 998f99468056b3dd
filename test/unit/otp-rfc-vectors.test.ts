/**
 * RFC 6238 Appendix B (TOTP) and RFC 4226 Appendix D (HOTP) test vectors, run through the public
 * functions with base32 secrets (so base32 encoding, option handling and otplib are all covered).
 */
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../src/otp/base32';
import { hotpCode, matchHotpCounter, verifyHotp } from '../../src/otp/hotp';
import { totpCode, totpDelta, verifyTotp } from '../../src/otp/totp';
import type { OtpAlgorithm } from '../../src/otp/otp-account';

const ascii = (s: string) => new TextEncoder().encode(s);

// RFC 6238 Appendix B: the seed is the ASCII string "1234567890" repeated to the hash's block size
// used in the reference implementation (20, 32 and 64 bytes).
const SEEDS: Record<OtpAlgorithm, string> = {
  SHA1: encodeBase32(ascii('12345678901234567890')),
  SHA256: encodeBase32(ascii('12345678901234567890123456789012')),
  SHA512: encodeBase32(ascii('1234567890123456789012345678901234567890123456789012345678901234')),
};

const RFC6238: [number, string, OtpAlgorithm][] = [
  [59, '94287082', 'SHA1'],
  [59, '46119246', 'SHA256'],
  [59, '90693936', 'SHA512'],
  [1111111109, '07081804', 'SHA1'],
  [1111111109, '68084774', 'SHA256'],
  [1111111109, '25091201', 'SHA512'],
  [1111111111, '14050471', 'SHA1'],
  [1111111111, '67062674', 'SHA256'],
  [1111111111, '99943326', 'SHA512'],
  [1234567890, '89005924', 'SHA1'],
  [1234567890, '91819424', 'SHA256'],
  [1234567890, '93441116', 'SHA512'],
  [2000000000, '69279037', 'SHA1'],
  [2000000000, '90698825', 'SHA256'],
  [2000000000, '38618901', 'SHA512'],
  [20000000000, '65353130', 'SHA1'],
  [20000000000, '77737706', 'SHA256'],
  [20000000000, '47863826', 'SHA512'],
];

describe('RFC 6238 Appendix B', () => {
  it.each(RFC6238)('T=%i → %s (%s)', (seconds, expected, algorithm) => {
    const opts = { algorithm, digits: 8, period: 30 };
    expect(totpCode(SEEDS[algorithm], opts, seconds * 1000)).toBe(expected);
    // Milliseconds within the same second do not change the code.
    expect(totpCode(SEEDS[algorithm], opts, seconds * 1000 + 999)).toBe(expected);
    expect(verifyTotp(SEEDS[algorithm], expected, opts, seconds * 1000, 0)).toBe(true);
    // One step later the code is only accepted with a window, and is reported as the previous step.
    expect(verifyTotp(SEEDS[algorithm], expected, opts, (seconds + 30) * 1000, 0)).toBe(false);
    expect(totpDelta(SEEDS[algorithm], expected, opts, (seconds + 30) * 1000, 1)).toBe(-1);
  });

  it('6-digit codes are the last 6 digits of the 8-digit ones', () => {
    for (const [seconds, expected, algorithm] of RFC6238) {
      expect(totpCode(SEEDS[algorithm], { algorithm, digits: 6 }, seconds * 1000)).toBe(expected.slice(2));
    }
  });
});

const RFC4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

describe('RFC 4226 Appendix D', () => {
  it.each(RFC4226.map((code, counter) => [counter, code] as const))('counter %i → %s', (counter, expected) => {
    expect(hotpCode(SEEDS.SHA1, {}, counter)).toBe(expected);
    expect(verifyHotp(SEEDS.SHA1, expected, {}, counter)).toBe(true);
  });

  it('finds the counter of a code ahead of the expected one (resynchronisation)', () => {
    expect(matchHotpCounter(SEEDS.SHA1, '162583', {}, 3, 5)).toBe(7);
    expect(matchHotpCounter(SEEDS.SHA1, '162583', {}, 3, 3)).toBeNull();
    // Codes behind the counter are never accepted (they were used already).
    expect(matchHotpCounter(SEEDS.SHA1, '287082', {}, 2, 9)).toBeNull();
  });

  it('accepts the raw key as bytes too', () => {
    expect(hotpCode(ascii('12345678901234567890'), { digits: 6 }, 0)).toBe('755224');
  });
});
