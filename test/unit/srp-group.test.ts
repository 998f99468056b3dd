/** The group constants, modPow, the fixed-base comb and the ephemeral. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDiffieHellman, getDiffieHellman } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { N, enc, g, hashToBigInt, k } from '../../src/cognito/srp/group';
import { modPow } from '../../src/cognito/srp/modpow';
import { FIXED_BASE_MAX_BITS, powG } from '../../src/cognito/srp/fixed-base';
import { EPHEMERAL_SECRET_BYTES, createEphemeral, ephemeralFromSecret } from '../../src/cognito/srp/ephemeral';
import { referenceModPow } from './helpers/reference-mod-pow';

describe('group', () => {
  it('N is the RFC 3526 3072-bit MODP prime (as node ships it as modp15) and g = 2', () => {
    const modp15 = getDiffieHellman('modp15');
    expect(N.toString(16)).toBe(modp15.getPrime('hex').replace(/^0+/, ''));
    expect(g).toBe(2n);
    expect(N.toString(2)).toHaveLength(3072);
  });

  it('k = H(enc(N) ‖ enc(g)) and equals the published value', () => {
    const bytes = new Uint8Array([...enc(N), ...enc(g)]);
    expect(bytes[0]).toBe(0); // N's top bit is set, so enc(N) has a sign byte
    expect(hashToBigInt(bytes)).toBe(k);
    expect(k.toString()).toBe('37772559067617796309459009502931177628717927509759535181635788491848250400486');
  });

  it('hashToBigInt reads the digest big-endian, unsigned', () => {
    const data = new TextEncoder().encode('abc');
    expect(hashToBigInt(data)).toBe(BigInt('0x' + bytesToHex(sha256(data))));
  });
});

describe('modPow', () => {
  it('agrees with square-and-multiply on random operands of all sizes, including negative bases', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(1n << 3100n), max: 1n << 3100n }),
        fc.bigInt({ min: 0n, max: 1n << 1100n }),
        fc.bigInt({ min: 1n, max: 1n << 3072n }),
        (b, e, m) => {
          expect(modPow(b, e, m)).toBe(referenceModPow(b, e, m));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('handles the corner cases', () => {
    expect(modPow(5n, 0n, 7n)).toBe(1n);
    expect(modPow(5n, 3n, 1n)).toBe(0n);
    expect(modPow(0n, 5n, 7n)).toBe(0n);
    expect(modPow(7n, 5n, 7n)).toBe(0n);
    expect(modPow(-1n, 3n, 7n)).toBe(6n);
    expect(modPow(2n, 10n, 1_000_000n)).toBe(1024n);
    for (let e = 0n; e < 70n; e++) expect(modPow(3n, e, N)).toBe(3n ** e % N);
    expect(() => modPow(2n, -1n, 7n)).toThrow(RangeError);
    expect(() => modPow(2n, 1n, 0n)).toThrow(RangeError);
  });

  it('agrees with OpenSSL on a full-size exponentiation', () => {
    const dh = createDiffieHellman(Buffer.from(N.toString(16), 'hex'), Buffer.from([2]));
    const exponent = BigInt('0x' + 'c3'.repeat(160));
    const base = N / 3n;
    dh.setPrivateKey(Buffer.from(exponent.toString(16), 'hex'));
    const secret = dh.computeSecret(Buffer.from(base.toString(16).padStart(768, '0'), 'hex'));
    expect(modPow(base, exponent, N)).toBe(BigInt('0x' + secret.toString('hex')));
  });
});

describe('powG (fixed-base comb)', () => {
  it('equals modPow(2, x, N) for random 256-bit exponents and the extremes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), (x) => {
        expect(powG(x)).toBe(modPow(g, x, N));
      }),
      { numRuns: 60 },
    );
    for (const x of [0n, 1n, 2n, 1n << 32n, (1n << 32n) - 1n, 1n << 255n, (1n << 256n) - 1n]) {
      expect(powG(x)).toBe(modPow(g, x, N));
    }
  });

  it('refuses exponents outside its range', () => {
    expect(() => powG(1n << BigInt(FIXED_BASE_MAX_BITS))).toThrow(RangeError);
    expect(() => powG(-1n)).toThrow(RangeError);
  });
});

describe('ephemeral', () => {
  it('A = g^a mod N and SRP_A is its unpadded lowercase hex', () => {
    const e = ephemeralFromSecret(0xabcdef0123456789n);
    expect(e.A).toBe(referenceModPow(2n, 0xabcdef0123456789n, N));
    expect(e.srpA).toBe(e.A.toString(16));
    expect(e.srpA).toMatch(/^[1-9a-f][0-9a-f]*$/);
  });

  it('draws a from 128 random bytes, big-endian', () => {
    const requested: number[] = [];
    const e = createEphemeral((n) => {
      requested.push(n);
      return Uint8Array.from({ length: n }, (_, i) => (i === n - 1 ? 5 : 0));
    });
    expect(requested).toEqual([EPHEMERAL_SECRET_BYTES]);
    expect(EPHEMERAL_SECRET_BYTES).toBe(128);
    expect(e.a).toBe(5n);
    expect(e.A).toBe(32n);
  });

  it('uses fresh randomness by default', () => {
    expect(createEphemeral().a).not.toBe(createEphemeral().a);
  });

  it('refuses a = 0', () => {
    expect(() => ephemeralFromSecret(0n)).toThrow(RangeError);
  });
});
