/**
 * Right-to-left square-and-multiply with `%` after every step: slow, obviously correct. The
 * reference the SRP exponentiation tests compare modPow and the fixed-base comb against.
 */
export function referenceModPow(base: bigint, e: bigint, m: bigint): bigint {
  let r = 1n % m;
  let b = ((base % m) + m) % m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}
