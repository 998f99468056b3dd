/**
 * Randomised agreement with amazon-cognito-identity-js (test/vectors/oracle.ts). The oracle is
 * jsbn-based and slow (~0.2 s per signature), so run counts are small; the fixed vectors in
 * test/vectors carry the rare edge cases that random sampling would almost never hit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { N, enc } from '../../src/cognito/srp/group';
import { ephemeralFromSecret } from '../../src/cognito/srp/ephemeral';
import { passwordClaimSignature } from '../../src/cognito/srp/password-claim';
import { deviceVerifier } from '../../src/cognito/srp/device-verifier';
import { cognitoTimestamp } from '../../src/cognito/timestamp';
import { oracleDeviceVerifier, oraclePadHex, oraclePasswordClaim, oracleTimestamp } from '../vectors/oracle';

const hex = (b: Uint8Array) => bytesToHex(b);
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
/** Any Unicode text, including astral characters, as usernames and passwords can be. */
const text = (min: number, max: number) => fc.string({ unit: 'grapheme', minLength: min, maxLength: max });
const epochMs = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59) });

describe('passwordClaimSignature agrees with amazon-cognito-identity-js', () => {
  it('for random pools, users, passwords, a, B, salts, secret blocks and times', () => {
    fc.assert(
      fc.property(
        fc.record({
          poolName: fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
          userId: text(1, 24),
          password: text(0, 24),
          a: fc.uint8Array({ minLength: 128, maxLength: 128 }).filter((b) => b.some((x) => x !== 0)),
          B: fc.bigInt({ min: 1n, max: N - 1n }),
          salt: fc.uint8Array({ minLength: 1, maxLength: 20 }),
          secretBlock: fc.uint8Array({ minLength: 1, maxLength: 600 }),
          time: epochMs,
        }),
        (r) => {
          const aHex = hex(r.a);
          const input = {
            poolName: r.poolName,
            userId: r.userId,
            password: r.password,
            srpB: r.B.toString(16),
            saltHex: hex(r.salt),
            secretBlock: b64(r.secretBlock),
            timestamp: cognitoTimestamp(r.time),
          };
          const ephemeral = ephemeralFromSecret(BigInt('0x' + aHex));
          const oracle = oraclePasswordClaim({ ...input, aHex });
          expect(ephemeral.srpA).toBe(oracle.srpA);
          expect(passwordClaimSignature({ ...input, ephemeral })).toBe(oracle.signature);
        },
      ),
      { numRuns: 10 },
    );
  });
});

describe('deviceVerifier agrees with AuthenticationHelper.generateHashDevice', () => {
  it('for random device keys, passwords and salts', () => {
    fc.assert(
      fc.property(
        text(1, 20),
        text(1, 60),
        text(1, 60),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (deviceGroupKey, deviceKey, devicePassword, salt) => {
          expect(deviceVerifier(deviceGroupKey, deviceKey, devicePassword, salt)).toEqual(
            oracleDeviceVerifier(deviceGroupKey, deviceKey, devicePassword, salt),
          );
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('enc() is Java BigInteger.toByteArray() for non-negative values', () => {
  it('matches the known table', () => {
    const table: Array<[bigint, string]> = [
      [0n, '00'],
      [1n, '01'],
      [15n, '0f'],
      [16n, '10'],
      [127n, '7f'],
      [128n, '0080'],
      [200n, '00c8'],
      [255n, '00ff'],
      [256n, '0100'],
      [32767n, '7fff'],
      [32768n, '008000'],
      [65535n, '00ffff'],
      [65536n, '010000'],
      [(1n << 255n) - 1n, '7f' + 'ff'.repeat(31)],
      [1n << 255n, '0080' + '00'.repeat(31)],
    ];
    for (const [n, want] of table) expect(hex(enc(n)), `enc(${n})`).toBe(want);
  });

  it('is the minimal two\'s-complement encoding (round-trips as signed, and no byte can be dropped)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 3100n }), (n) => {
        const bytes = enc(n);
        // Read back as a signed big-endian integer.
        const unsigned = BigInt('0x' + hex(bytes));
        const signed = bytes[0]! >= 0x80 ? unsigned - (1n << BigInt(bytes.length * 8)) : unsigned;
        expect(signed).toBe(n);
        // Minimal: one byte more than the whole bytes needed for bitLength(n) bits (plus sign bit).
        const bitLength = n === 0n ? 0 : n.toString(2).length;
        expect(bytes.length).toBe(Math.floor(bitLength / 8) + 1);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the reference padHex', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 3100n }), (n) => {
        expect(hex(enc(n))).toBe(oraclePadHex(n));
      }),
      { numRuns: 300 },
    );
  });
});

describe('cognitoTimestamp agrees with the reference DateHelper', () => {
  it('for random times', () => {
    fc.assert(
      fc.property(epochMs, (ms) => {
        expect(cognitoTimestamp(ms)).toBe(oracleTimestamp(ms));
      }),
      { numRuns: 300 },
    );
  });
});
