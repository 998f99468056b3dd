/**
 * A minimal client of the local pool for the benches: JSON requests over HTTP, and one full SRP
 * sign-in (InitiateAuth USER_SRP_AUTH + PASSWORD_VERIFIER) with plain BigInt client maths built
 * on the pool's own primitives, timed step by step so server + HTTP time can be told apart from
 * the client's maths.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { bytesToBigInt, computeX, derivePasswordKey, enc, formatTimestamp, g, k, modPow, N, sha256 } from 'cognito-local-user-pool/srp';

/** Admin requests carry a SigV4-shaped header: the pool takes any credentials for admin operations. */
export async function post(endpoint: string, op: string, body: unknown, admin = false): Promise<Record<string, any>> {
  let res: Response;
  try {
    res = await send(endpoint, op, body, admin);
  } catch (error) {
    // A kept-alive connection the pool closed while the bench seeded users in this process (the
    // event loop blocked for seconds): nothing reached the pool, so sending once more is safe.
    if (!(error instanceof TypeError)) throw error;
    res = await send(endpoint, op, body, admin);
  }
  const json = (await res.json()) as Record<string, any>;
  if (res.status !== 200) throw new Error(`${op}: ${JSON.stringify(json)}`);
  return json;
}

function send(endpoint: string, op: string, body: unknown, admin: boolean): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${op}`,
      ...(admin ? { authorization: 'AWS4-HMAC-SHA256 Credential=BENCH/20250101/us-east-1/cognito-idp/aws4_request' } : {}),
    },
    body: JSON.stringify(body),
  });
}

export interface SignInTimes {
  /** A = g^a, then S, HKDF and the HMAC signature */
  clientMs: number;
  /** InitiateAuth round trip */
  initMs: number;
  /** RespondToAuthChallenge PASSWORD_VERIFIER round trip (server verifies, signs tokens) */
  verifyMs: number;
  totalMs: number;
  accessToken: string;
}

export async function srpSignIn(endpoint: string, clientId: string, poolId: string, username: string, password: string): Promise<SignInTimes> {
  const poolName = poolId.split('_')[1]!;
  const t0 = performance.now();
  const a = bytesToBigInt(randomBytes(128));
  const A = modPow(g, a, N);
  const t1 = performance.now();
  const init = await post(endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: A.toString(16) } });
  const t2 = performance.now();
  const cp = init.ChallengeParameters as Record<string, string>;
  const B = BigInt('0x' + cp.SRP_B);
  const u = bytesToBigInt(sha256(enc(A), enc(B)));
  const x = computeX(poolName, cp.USER_ID_FOR_SRP!, password, BigInt('0x' + cp.SALT));
  const S = modPow((((B - k * modPow(g, x, N)) % N) + N) % N, a + u * x, N);
  const ts = formatTimestamp(Date.now());
  const sig = createHmac('sha256', derivePasswordKey(S, u))
    .update(Buffer.concat([Buffer.from(poolName), Buffer.from(cp.USER_ID_FOR_SRP!), Buffer.from(cp.SECRET_BLOCK!, 'base64'), Buffer.from(ts)]))
    .digest('base64');
  const t3 = performance.now();
  const done = await post(endpoint, 'RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: clientId,
    Session: init.Session,
    ChallengeResponses: { USERNAME: cp.USER_ID_FOR_SRP, TIMESTAMP: ts, PASSWORD_CLAIM_SIGNATURE: sig, PASSWORD_CLAIM_SECRET_BLOCK: cp.SECRET_BLOCK },
  });
  const t4 = performance.now();
  const accessToken = done.AuthenticationResult?.AccessToken;
  if (typeof accessToken !== 'string') throw new Error(`the sign-in of ${username} gave no tokens: ${JSON.stringify(done)}`);
  return { clientMs: t1 - t0 + (t3 - t2), initMs: t2 - t1, verifyMs: t4 - t3, totalMs: t4 - t0, accessToken };
}
