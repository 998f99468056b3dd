/**
 * Modular exponentiation on native BigInt: the hot path of SRP (three 3072-bit exponentiations per
 * sign-in, two of them between receiving B and answering, which Cognito wants "within seconds").
 *
 * Reduction: plain `%`. Measured on node 20 (V8) for the 3072-bit N, as chains of modular
 * squarings with each reduction strategy, interleaved round by round, on a shared 2-core AMD EPYC:
 *   `%` (V8 schoolbook division)          ≈ 10 µs per square+reduce on a quiet machine
 *   Montgomery, R = 2^3072 in one step    +3-5 %  (two full 3072×3072 products per reduction)
 *   Montgomery in 1024- or 768-bit steps  −3 % quiet, +3-10 % under load (more allocations)
 *   Barrett, μ precomputed                +5-15 % (two full products + shifts)
 * BigInt has no half-products, so Montgomery and Barrett both pay for full multiplications
 * where they need half of one, while V8's division costs only about two multiplications and
 * allocates once. None beats `%` reliably, so the simplest stays. What does pay is doing fewer
 * operations: sliding windows here, and a precomputed comb for the fixed base g (fixed-base.ts).
 */

/** Window width for an exponent of `bits` bits (the thresholds OpenSSL uses for BN_mod_exp). */
function windowBits(bits: number): number {
  if (bits > 671) return 6;
  if (bits > 239) return 5;
  if (bits > 79) return 4;
  if (bits > 23) return 3;
  return 1;
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

  const bits = exponent.toString(2);
  const width = windowBits(bits.length);

  // odd[i] = b^(2i+1): only odd powers are needed because every window ends in a 1 bit.
  const odd: bigint[] = [b];
  if (width > 1) {
    const b2 = (b * b) % modulus;
    for (let i = 1; i < 1 << (width - 1); i++) odd.push((odd[i - 1]! * b2) % modulus);
  }

  // The first window initialises the accumulator directly (saves the squarings of 1).
  let acc = 0n;
  let started = false;
  let i = 0;
  while (i < bits.length) {
    if (bits.charCodeAt(i) === 0x30 /* '0' */) {
      acc = (acc * acc) % modulus;
      i++;
      continue;
    }
    // Longest window of at most `width` bits starting here that ends in a 1.
    let end = Math.min(i + width, bits.length);
    while (bits.charCodeAt(end - 1) === 0x30) end--;
    const value = parseInt(bits.slice(i, end), 2);
    if (started) {
      for (let s = i; s < end; s++) acc = (acc * acc) % modulus;
      acc = (acc * odd[value >> 1]!) % modulus;
    } else {
      acc = odd[value >> 1]!;
      started = true;
    }
    i = end;
  }
  return acc;
}
