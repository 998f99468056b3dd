/**
 * The SRP maths of a sign-in as a page runs them, bundled by ../browsers.ts for a blank tab of
 * each browser (same code as the background: src/cognito/srp). Defines
 * `globalThis.__srpBench(srpB, saltHex, secretBlock, rounds)`, which returns medians in ms.
 */
import { createEphemeral } from '../../../src/cognito/srp/ephemeral';
import { N } from '../../../src/cognito/srp/group';
import { modPow } from '../../../src/cognito/srp/modpow';
import { passwordClaimSignature } from '../../../src/cognito/srp/password-claim';

export interface SrpInPage {
  /** First createEphemeral in the page: builds the g^x comb table too. */
  coldA: number;
  /** SRP_A: random a, A = g^a mod N. */
  A: number;
  /** PASSWORD_CLAIM_SIGNATURE once B has arrived (u, x, g^x, S, HKDF, HMAC). */
  claim: number;
  /** One 3072-bit square and `%` reduction (the inner step of every exponentiation), in µs. */
  squareModMicros: number;
}

function medianOf(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

(globalThis as { __srpBench?: unknown }).__srpBench = (srpB: string, saltHex: string, secretBlock: string, rounds: number): SrpInPage => {
  let t = performance.now();
  const ephemeral = createEphemeral();
  const coldA = performance.now() - t;
  const a: number[] = [];
  const claim: number[] = [];
  const square: number[] = [];
  const B = BigInt(`0x${srpB}`) % N;
  for (let i = 0; i < rounds; i++) {
    t = performance.now();
    createEphemeral();
    a.push(performance.now() - t);
    t = performance.now();
    passwordClaimSignature({ poolName: 'eYpv1mFHB', userId: 'a2c2e290-6d0f-4a08-a5ca-f0162935f3a6', password: 'Qwerty1!-bench', ephemeral, srpB, saltHex, secretBlock, timestamp: 'Sun Dec 6 20:00:00 UTC 2026' });
    claim.push(performance.now() - t);
    t = performance.now();
    let s = B;
    for (let j = 0; j < 200; j++) s = (s * s) % N;
    square.push(((performance.now() - t) / 200) * 1000);
    if (modPow(s, 1n, N) !== s) throw new Error('modPow disagrees with itself');
  }
  return { coldA, A: medianOf(a), claim: medianOf(claim), squareModMicros: medianOf(square) };
};
