/**
 * Modular exponentiation on native BigInt: the hot path of SRP (three 3072-bit exponentiations per
 * sign-in, one of them, S = base^(a + u·x) with a ~1024-bit exponent, between receiving B and
 * answering, which Cognito wants "within seconds").
 *
 * Cost model (node 20, 3072-bit N): a 1024-bit exponent needs ≈1,020 squarings whatever the
 * method, since the base is only known once B has arrived; sliding windows keep the
 * multiplications to ≈175 (31 of them for the odd-power table). Each square or multiply is one
 * V8 product (≈3.35 µs) plus a reduction, which fold-reduce.ts makes ≈13 % cheaper per
 * square-and-reduce than a bare `%` (its comment has the measurements and the alternatives that
 * lost). Window width 5 instead of 6 for this exponent size gives 1,208 instead of 1,195
 * operations (counted over random exponents), and 7 gives 1,210, so OpenSSL's thresholds stay.
 *
 * Not constant-time: BigInt products and divisions, and the window lookups, take time and touch
 * memory in ways that depend on the values and on the exponent bits. For S the exponent
 * a + u·x is new at every sign-in (a is 1,024 fresh random bits), so an observer gets one timing
 * per exponent. g^x (fixed-base.ts) repeats the same password-derived x at every sign-in of a
 * user (the salt is fixed), so a co-located attacker able to time, or probe the caches of, the
 * extension precisely over many sign-ins could in principle learn something about x. This is
 * the same exposure as amazon-cognito-identity-js and Amplify, whose BigInteger code is not
 * constant-time either, and it is accepted for the same reasons: the computation runs on the
 * user's own machine (a remote observer sees one sign-in's timing through network jitter), an
 * attacker with that local access has easier targets, and a constant-time implementation in JS
 * (fixed-width limbs without BigInt; WebAssembly is ruled out by the extension's CSP) would be
 * several times slower.
 */
import { foldingReducer } from './fold-reduce';

/** Window width for an exponent of `bits` bits (the thresholds OpenSSL uses for BN_mod_exp). */
function windowBits(bits: number): number {
  if (bits > 671) return 6;
  if (bits > 239) return 5;
  if (bits > 79) return 4;
  if (bits > 23) return 3;
  return 1;
}

// In practice every call uses the one SRP group, so one cached reducer (and its two precomputed
// constants) serves them all; another modulus just replaces it.
let cachedModulus = 0n;
let cachedReduce: (t: bigint) => bigint = (t) => t;

/** The reducer for `modulus` (see fold-reduce.ts), cached for the last modulus used. */
function reducerFor(modulus: bigint): (t: bigint) => bigint {
  if (modulus !== cachedModulus) {
    cachedReduce = foldingReducer(modulus);
    cachedModulus = modulus;
  }
  return cachedReduce;
}

/**
 * base^exponent mod modulus, left-to-right sliding-window exponentiation. Works for any base
 * (negative bases are normalised into [0, modulus)), exponent >= 0 and modulus >= 1.
 */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus < 1n) throw new RangeError('modPow: modulus must be positive');
  if (exponent < 0n) throw new RangeError('modPow: exponent must be non-negative');
  if (modulus === 1n) return 0n;
  let b = base % modulus;
  if (b < 0n) b += modulus;
  if (exponent === 0n) return 1n;
  if (b === 0n) return 0n;

  const reduce = reducerFor(modulus);
  const bits = exponent.toString(2);
  const width = windowBits(bits.length);

  // odd[i] = b^(2i+1): only odd powers are needed because every window ends in a 1 bit.
  const odd: bigint[] = [b];
  if (width > 1) {
    const b2 = reduce(b * b);
    for (let i = 1; i < 1 << (width - 1); i++) odd.push(reduce(odd[i - 1]! * b2));
  }

  // The first window initialises the accumulator directly (saves the squarings of 1).
  let acc = 0n;
  let started = false;
  let i = 0;
  while (i < bits.length) {
    if (bits.charCodeAt(i) === 0x30 /* '0' */) {
      acc = reduce(acc * acc);
      i++;
      continue;
    }
    // Longest window of at most `width` bits starting here that ends in a 1.
    let end = Math.min(i + width, bits.length);
    while (bits.charCodeAt(end - 1) === 0x30) end--;
    const value = parseInt(bits.slice(i, end), 2);
    if (started) {
      for (let s = i; s < end; s++) acc = reduce(acc * acc);
      acc = reduce(acc * odd[value >> 1]!);
    } else {
      acc = odd[value >> 1]!;
      started = true;
    }
    i = end;
  }
  return acc;
}
