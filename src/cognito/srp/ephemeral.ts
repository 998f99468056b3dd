/**
 * The client's SRP ephemeral key pair (protocol doc §2.4): a = 128 random bytes, A = g^a mod N.
 * Created before InitiateAuth, so none of this work sits between receiving B and answering.
 */
import { bigIntToHex, bytesToBigInt, randomBytes } from '../bytes';
import { warmFixedBaseTable } from './fixed-base';
import { N, g } from './group';
import { modPow } from './modpow';

export interface SrpEphemeral {
  readonly a: bigint;
  readonly A: bigint;
  /** Lowercase hex of A without padding: SRP_A exactly as the reference clients send it. */
  readonly srpA: string;
}

/** Size of the secret exponent a, as in amazon-cognito-identity-js and Amplify. */
export const EPHEMERAL_SECRET_BYTES = 128;

export function createEphemeral(random: (n: number) => Uint8Array = randomBytes): SrpEphemeral {
  const ephemeral = ephemeralFromSecret(bytesToBigInt(random(EPHEMERAL_SECRET_BYTES)));
  // The g^x comb table for the password step is built here, ahead of the server's answer.
  warmFixedBaseTable();
  return ephemeral;
}

/** For vectors and tests: the pair for a given secret a. */
export function ephemeralFromSecret(a: bigint): SrpEphemeral {
  // a = 0 would give A = 1 and make the session key independent of the client's secret; a random
  // 1024-bit a is 0 with probability 2^-1024, so this only ever fires on a caller's mistake.
  if (a <= 0n) throw new RangeError('The SRP secret exponent a must be positive');
  // Base 2: every entry of modPow's odd-power table is a small power of two, so its
  // multiplications are a shift plus a cheap reduction; squarings are what remains.
  const A = modPow(g, a, N);
  // Cannot happen for a prime N and a >= 1; kept because both reference clients check it.
  if (A % N === 0n) throw new RangeError('SRP public value A mod N is 0');
  return { a, A, srpA: bigIntToHex(A) };
}
