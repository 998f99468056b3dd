/**
 * modPow, its folding reduction and the fixed-base comb, against two independent references:
 * a plain square-and-multiply with BigInt `%`, and OpenSSL through crypto.createDiffieHellman
 * (public key = g^priv mod p, shared secret = peer^priv mod p).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDiffieHellman } from 'node:crypto';
import { N, g } from '../../src/cognito/srp/group';
import { modPow } from '../../src/cognito/srp/modpow';
import { foldingReducer } from '../../src/cognito/srp/fold-reduce';
import { FIXED_BASE_MAX_BITS, powG } from '../../src/cognito/srp/fixed-base';
import { referenceModPow } from './helpers/reference-mod-pow';

const N_BYTES = 384;
const toBytes = (n: bigint, length: number) => Buffer.from(n.toString(16).padStart(length * 2, '0'), 'hex');
const byteLength = (n: bigint) => Math.max(1, Math.ceil(n.toString(16).length / 2));
const dh = createDiffieHellman(toBytes(N, N_BYTES), Buffer.from([2]));

/** OpenSSL's g^e mod N: the DH public key for private key e. */
function opensslPowG(e: bigint): bigint {
  dh.setPrivateKey(toBytes(e, byteLength(e)));
  dh.generateKeys();
  return BigInt('0x' + dh.getPublicKey('hex'));
}

/**
 * OpenSSL's base^e mod N: the DH shared secret with peer key `base` (1 < base < N − 1), or
 * 'refused': OpenSSL will not hand out a degenerate shared secret (1 or N − 1).
 */
function opensslModPow(base: bigint, e: bigint): bigint | 'refused' {
  dh.setPrivateKey(toBytes(e, byteLength(e)));
  try {
    return BigInt('0x' + dh.computeSecret(toBytes(base, N_BYTES)).toString('hex'));
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_CRYPTO_INVALID_KEYTYPE') return 'refused';
    throw err;
  }
}

const bits = (n: number) => fc.bigInt({ min: 0n, max: (1n << BigInt(n)) - 1n });

/** Exponents of every size the code distinguishes (window widths 1 to 6), edges, and ≥ N. */
const exponents = fc.oneof(
  fc.constantFrom(0n, 1n, 2n, 3n, 63n, 64n, N - 2n, N - 1n, N, N + 1n),
  bits(8),
  bits(30),
  bits(100),
  bits(256),
  bits(700),
  fc.bigInt({ min: 1n << 1000n, max: 1n << 1100n }), // the size of a + u·x
  fc.bigInt({ min: N, max: 1n << 3200n }),
);

/** Bases in [0, N), the edges, and unreduced ones (≥ N, and negative). */
const bases = fc.oneof(
  fc.constantFrom(0n, 1n, 2n, N - 1n, N, N + 1n, 2n * N, -1n),
  fc.bigInt({ min: 0n, max: N - 1n }),
  fc.bigInt({ min: N, max: 1n << 3500n }),
  fc.bigInt({ min: -N, max: -1n }),
);

describe('modPow modulo the SRP group prime N', () => {
  it('agrees with square-and-multiply for random and edge bases and exponents', () => {
    fc.assert(
      fc.property(bases, exponents, (b, e) => {
        expect(modPow(b, e, N)).toBe(referenceModPow(b, e, N));
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with OpenSSL for g^e (DH public key), e from 0 to beyond N', () => {
    fc.assert(
      fc.property(exponents, (e) => {
        expect(modPow(g, e, N)).toBe(opensslPowG(e));
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with OpenSSL for base^e (DH shared secret) with bases in (1, N − 1)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n, max: N - 2n }), exponents, (b, e) => {
        const ours = modPow(b, e, N);
        const openssl = opensslModPow(b, e);
        if (openssl === 'refused') expect([1n, N - 1n]).toContain(ours);
        else expect(ours).toBe(openssl);
      }),
      { numRuns: 40 },
    );
  });
});

describe('modPow modulo other numbers (the reducer is cached per modulus)', () => {
  it('agrees with square-and-multiply when moduli of different sizes alternate', () => {
    const moduli = fc.oneof(
      fc.bigInt({ min: 1n, max: 1n << 64n }), // plain `%` below 512 bits
      fc.bigInt({ min: 1n << 511n, max: 1n << 600n }), // around the folding threshold
      fc.bigInt({ min: 1n << 1500n, max: 1n << 2100n }),
      fc.constantFrom(N - 1n, N + 2n, (1n << 3072n) - 1n, 1n << 3072n),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.bigInt({ min: -(1n << 3100n), max: 1n << 3100n }), bits(300), moduli), { minLength: 2, maxLength: 4 }), (cases) => {
        for (const [b, e, m] of cases) expect(modPow(b, e, m)).toBe(referenceModPow(b, e, m));
      }),
      { numRuns: 40 },
    );
  });
});

describe('foldingReducer', () => {
  it('equals t % m for products of reduced numbers and for longer t', () => {
    const cases = fc
      .oneof(
        fc.constant(N),
        fc.bigInt({ min: 2n, max: 1n << 600n }),
        fc.bigInt({ min: 1n << 3000n, max: 1n << 4100n }),
      )
      .chain((m) =>
        fc.tuple(
          fc.constant(m),
          fc.oneof(
            fc.constantFrom(0n, 1n, m - 1n, m, m + 1n, (m - 1n) * (m - 1n), m * m - 1n),
            fc.bigInt({ min: 0n, max: m * m }),
            fc.bigInt({ min: 0n, max: m * m * m }), // beyond what modPow produces: still exact
          ),
        ),
      );
    fc.assert(
      fc.property(cases, ([m, t]) => {
        expect(foldingReducer(m)(t)).toBe(t % m);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a non-positive modulus', () => {
    expect(() => foldingReducer(0n)).toThrow(RangeError);
  });
});

describe('powG (Lim-Lee comb over 8 rows × 4 blocks) against OpenSSL', () => {
  it('for random 256-bit exponents and the extremes', () => {
    fc.assert(
      fc.property(bits(FIXED_BASE_MAX_BITS), (x) => {
        expect(powG(x)).toBe(opensslPowG(x));
      }),
      { numRuns: 80 },
    );
    expect(powG(0n)).toBe(1n);
    expect(powG((1n << 256n) - 1n)).toBe(opensslPowG((1n << 256n) - 1n));
  });

  it('for every single bit (each row, block and column of the comb on its own)', () => {
    for (let i = 0n; i < BigInt(FIXED_BASE_MAX_BITS); i++) {
      expect(powG(1n << i)).toBe(opensslPowG(1n << i));
    }
  });
});
