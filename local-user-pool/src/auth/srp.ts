/**
 * PASSWORD_VERIFIER and DEVICE_PASSWORD_VERIFIER: a fresh server b/B per attempt, and a real check
 * of PASSWORD_CLAIM_SIGNATURE (secret block, TIMESTAMP format and window, answer deadline).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Flow } from './flow.js';
import type { AuthSession } from '../sessions.js';
import type { UserRecord } from '../store.js';
import { expectedClaimSignature, g, modPowN, N, parseHex, serverHandshake, bytesToBigInt, type SrpVerifier } from '../srp-server.js';
import { INCORRECT_CREDENTIALS, SESSION_EXPIRED, invalidParameter, notAuthorized } from '../errors.js';
import { parseTimestamp } from '../timestamp.js';
import { poolNameOf } from '../users.js';

/** Parses SRP_A; a value that is 0 mod N would let a client fake the proof, so it is refused. */
export function parseSrpA(srpA: string | undefined): bigint {
  if (srpA === undefined || srpA === '') throw invalidParameter('Missing required parameter SRP_A');
  const A = parseHex(srpA);
  if (A === null) throw invalidParameter('SRP_A is not a hexadecimal number');
  if (A % N === 0n) throw invalidParameter('SRP_A must not be 0 mod N');
  return A;
}

/**
 * For a user that does not exist (PreventUserExistenceErrors) Cognito still answers with a
 * PASSWORD_VERIFIER; its salt must not change between attempts or it would give the game away.
 */
export function fakeVerifier(flow: Flow, typedName: string): SrpVerifier {
  const salt = createHmac('sha256', flow.pool.signingKey.privatePem).update(`salt:${typedName.toLowerCase()}`).digest().subarray(0, 16);
  return { saltHex: bytesToBigInt(salt).toString(16), verifierHex: modPowN(g, bytesToBigInt(randomBytes(32))).toString(16) };
}

/** Starts a handshake against `verifier` and returns the SRP state to keep in the session. */
export function beginSrp(flow: Flow, A: bigint, verifier: SrpVerifier, kind: 'user' | 'device'): NonNullable<AuthSession['srp']> {
  const handshake = serverHandshake(A, BigInt('0x' + verifier.verifierHex), flow.ctx.handshakeFilter);
  return { handshake, secretBlock: randomBytes(384), issuedAt: flow.ctx.now(), kind };
}

export function passwordVerifierParameters(srp: NonNullable<AuthSession['srp']>, saltHex: string, userId: string): Record<string, string> {
  return {
    SALT: saltHex,
    SRP_B: srp.handshake.B.toString(16),
    SECRET_BLOCK: srp.secretBlock.toString('base64'),
    USER_ID_FOR_SRP: userId,
    USERNAME: userId,
  };
}

function decodeSecretBlock(s: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return null;
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/**
 * Checks a PASSWORD_CLAIM_SIGNATURE. `poolName`/`userId` are the pool name and canonical username
 * for a user, DeviceGroupKey and DeviceKey for a device. Throws NotAuthorized on any mismatch.
 */
export function verifyClaim(
  flow: Flow,
  s: AuthSession,
  responses: Record<string, string>,
  poolName: string,
  userId: string,
): void {
  const srp = s.srp;
  if (!srp) throw notAuthorized('Invalid session for the user.');
  const { ctx, pool } = flow;
  const now = ctx.now();
  const block = responses.PASSWORD_CLAIM_SECRET_BLOCK;
  const timestamp = responses.TIMESTAMP;
  const signature = responses.PASSWORD_CLAIM_SIGNATURE;
  if (!block) throw invalidParameter('Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK');
  if (!timestamp) throw invalidParameter('Missing required parameter TIMESTAMP');
  if (!signature) throw invalidParameter('Missing required parameter PASSWORD_CLAIM_SIGNATURE');
  const parsed = parseTimestamp(timestamp);
  // The challenge has to be answered within a few seconds (AWS); the window is a pool setting here.
  if (now - srp.issuedAt > pool.local.passwordVerifierWindowSeconds * 1000) {
    ctx.sessions.end(s);
    throw notAuthorized(SESSION_EXPIRED);
  }
  const blockBytes = decodeSecretBlock(block);
  if (!blockBytes || !blockBytes.equals(srp.secretBlock)) throw notAuthorized(INCORRECT_CREDENTIALS);
  if (s.userNotFound) throw notAuthorized(INCORRECT_CREDENTIALS);
  if (Math.abs(parsed.ms - now) > pool.local.timestampSkewSeconds * 1000) throw notAuthorized(INCORRECT_CREDENTIALS);
  // The server signs its own rendering of the parsed date: "Sep 03" parses but signs as "Sep 3".
  const expected = Buffer.from(expectedClaimSignature(srp.handshake, poolName, userId, srp.secretBlock, parsed.canonical));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw notAuthorized(INCORRECT_CREDENTIALS);
}

export function verifyUserClaim(flow: Flow, s: AuthSession, user: UserRecord, responses: Record<string, string>): void {
  verifyClaim(flow, s, responses, poolNameOf(flow.pool.id), user.username);
}
