/**
 * PASSWORD_CLAIM_SIGNATURE for PASSWORD_VERIFIER and DEVICE_PASSWORD_VERIFIER (protocol doc §2.7,
 * §3.5): every safety check on the server's values, then u, x, S, HKDF and the HMAC.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64Decode, base64Encode, concat, hexToBigInt, utf8 } from '../bytes';
import { srpParameterError } from './errors';
import { powG } from './fixed-base';
import { N, enc, hashToBigInt, k } from './group';
import { modPow } from './modpow';
import type { SrpEphemeral } from './ephemeral';

export interface PasswordClaimInput {
  /** User: the part of the user pool id after "_". Device: the DeviceGroupKey. */
  poolName: string;
  /** User: USER_ID_FOR_SRP (never the alias typed). Device: the DeviceKey. */
  userId: string;
  /** User password, or the device password. */
  password: string;
  ephemeral: SrpEphemeral;
  srpB: string;
  saltHex: string;
  /** Base64, exactly as received (it is echoed as PASSWORD_CLAIM_SECRET_BLOCK). */
  secretBlock: string;
  /** From cognitoTimestamp(); must be the same string sent as TIMESTAMP. */
  timestamp: string;
}

const HKDF_INFO = utf8('Caldera Derived Key');

/** SRP_B parsed and checked: hex, non-zero, not a multiple of N, below N. */
function parseServerB(srpB: string): bigint {
  const B = hexToBigInt(srpB, 'B_NOT_HEX');
  if (B === 0n) throw srpParameterError('B_ZERO');
  if (B % N === 0n) throw srpParameterError('B_MULTIPLE_OF_N');
  if (B >= N) throw srpParameterError('B_NOT_BELOW_N');
  return B;
}

/** u = H(enc(A) ‖ enc(B)), refused if 0. */
export function scramblingParameter(A: bigint, B: bigint): bigint {
  return requireNonZeroU(hashToBigInt(concat(enc(A), enc(B))));
}

/** Split out so the u = 0 refusal is testable: no one can find a SHA-256 preimage of 0. */
export function requireNonZeroU(u: bigint): bigint {
  if (u === 0n) throw srpParameterError('U_ZERO');
  return u;
}

/** x = H(enc(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)). */
export function privateKeyX(poolName: string, userId: string, password: string, salt: bigint): bigint {
  const inner = sha256(utf8(`${poolName}${userId}:${password}`));
  return hashToBigInt(concat(enc(salt), inner));
}

export function passwordClaimSignature(input: PasswordClaimInput): string {
  // All parsing first: a bad server value fails before any expensive maths.
  const B = parseServerB(input.srpB);
  const salt = hexToBigInt(input.saltHex, 'SALT_NOT_HEX');
  if (input.secretBlock === '') throw srpParameterError('SECRET_BLOCK_EMPTY');
  const secretBlock = base64Decode(input.secretBlock, 'SECRET_BLOCK_NOT_BASE64');

  const { a, A } = input.ephemeral;
  const u = scramblingParameter(A, B);
  const x = privateKeyX(input.poolName, input.userId, input.password, salt);

  // S = (B - k·g^x)^(a + u·x) mod N; the base is normalised into [0, N) before exponentiation.
  let base = (B - k * powG(x)) % N;
  if (base < 0n) base += N;
  const S = modPow(base, a + u * x, N);

  const key = hkdf(sha256, enc(S), enc(u), HKDF_INFO, 16);
  const message = concat(utf8(input.poolName), utf8(input.userId), secretBlock, utf8(input.timestamp));
  return base64Encode(hmac(sha256, key, message));
}
