/**
 * Reduction of a product modulo a large modulus m: the step that every modular multiplication
 * and squaring in SRP pays for (≈1,250 times between receiving B and answering).
 *
 * V8's BigInt `%` is schoolbook long division, and each quotient digit costs it noticeably more
 * than a digit of a multiplication: measured on node 20 for the 3072-bit N, `t % N` of a
 * 6144-bit product takes ≈6.2 µs while a 1536×3072-bit product takes ≈2.0 µs and a full
 * 3072×3072 one ≈3.35 µs. So before dividing, the top of the product is folded down with
 * precomputed constants: writing t = hi·2^L + lo,
 *
 *     t ≡ lo + hi·c_L  (mod m),  c_L = 2^L mod m,
 *
 * an unbalanced (short × long) multiplication that V8 does as plain schoolbook. Each fold takes a
 * 2n-bit t (n = bits of m) to about max(L, 2n − L + n) + 1 bits, so L = 3n/2 halves the excess;
 * two folds (L = 3n/2, then 5n/4) leave a (5n/4)-bit number and `%` finishes with a quarter
 * of the quotient digits. Measured as chains of 3072-bit modular squarings, interleaved round by
 * round on the shared 2-core machine (p10 of 150 rounds): `%` alone 9.8 µs per square+reduce,
 * one fold then `%` 8.8 µs, two folds then `%` 8.5 µs, three folds 8.55 µs, folding all the
 * way down with no `%` at all 9.1-9.4 µs (too many small BigInt operations, each with its fixed
 * cost). Tried and not better, same conditions: Barrett (two full products), Montgomery with
 * R = 2^3072 and BigInt.asUintN for the mod-R step (two full products; with a 3-way split low
 * half-product too), Montgomery in 1536/1024-bit steps; lazy reduction (reducing only every
 * second squaring is ≈2× slower per squaring: the unreduced 6144-bit square and the 12288-bit
 * division cost more than they save); folding with c = 2^(2n) mod N alone (this N's top 64 bits
 * are ones, so c still has 3006 bits and each such fold removes only 66 bits).
 *
 * Issue 8 (SRP within 4× of OpenSSL), tried on node 20 with the machine under heavy load (load
 * average 15 on 2 cores), chains of 200 square+reduce, p10 of 200 interleaved rounds:
 *   - squaring as `a ** 2n` instead of `a * a`: 10.18 vs 10.11 µs, no gain (V8 has no separate
 *     squaring; `**` multiplies).
 *   - the final `%` replaced by a Barrett step on the short tail (below): 10.01-10.07 vs
 *     10.24-10.33 µs, about 2.5 % per square+reduce, consistent over two runs; kept. V8's `%`
 *     normalises (shifts) divisor and dividend on every call; the estimate needs one small and
 *     one short × long product. The SRP section's ratio to OpenSSL before and after is in
 *     bench/README.md.
 */

/** Below this size a plain `%` is as fast as anything and the constants are not worth keeping. */
const MIN_FOLD_BITS = 512;

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** Fold positions are whole 64-bit digits, so V8's shift and asUintN copy digits unshifted. */
function roundUpToDigit(bits: number): number {
  return Math.ceil(bits / 64) * 64;
}

/**
 * A function t ↦ t mod modulus for 0 <= t (fastest for t < modulus², the product of two reduced
 * numbers). The result is always exact and in [0, modulus); folding only changes the speed.
 */
export function foldingReducer(modulus: bigint): (t: bigint) => bigint {
  if (modulus < 1n) throw new RangeError('foldingReducer: modulus must be positive');
  const n = bitLength(modulus);
  if (n < MIN_FOLD_BITS) return (t) => t % modulus;

  const l1 = roundUpToDigit(n + n / 2);
  const l2 = roundUpToDigit(n + n / 4);
  const shift1 = BigInt(l1);
  const shift2 = BigInt(l2);
  const c1 = (1n << shift1) % modulus;
  const c2 = (1n << shift2) % modulus;
  // The quotient left after the folds (about n/4 bits) is estimated from the top 64 + n/4 bits of
  // t with one precomputed reciprocal (Barrett on the short tail), never above the true quotient,
  // so the remainder is never negative and at most a couple of subtractions finish it.
  const dropped = BigInt(n - 64);
  const precision = BigInt(l2 + 2 - (n - 64) + 64);
  const reciprocal = (1n << (dropped + precision)) / modulus;
  return (t) => {
    // A short t (e.g. a multiplication by a small power of g) skips the folds it does not need.
    let hi = t >> shift1;
    if (hi !== 0n) t = BigInt.asUintN(l1, t) + hi * c1;
    hi = t >> shift2;
    if (hi !== 0n) t = BigInt.asUintN(l2, t) + hi * c2;
    let r = t - (((t >> dropped) * reciprocal) >> precision) * modulus;
    if (r >= modulus) {
      r -= modulus;
      // Only a t far above modulus² (no caller of modPow makes one) gets here: `%` keeps it exact.
      if (r >= modulus) r %= modulus;
    }
    return r;
  };
}
