/**
 * Local user pool throughput: full SRP sign-ins (InitiateAuth + PASSWORD_VERIFIER over HTTP on
 * 127.0.0.1) per second, sequentially on one core. The client side (A = g^a, S, HKDF, HMAC) is
 * timed apart from the round trips, so "server + HTTP" is what the pool itself costs.
 * The client maths here is a plain BigInt implementation built on the pool's own primitives.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { startLocalPool } from 'cognito-local-user-pool';
import { bytesToBigInt, computeX, derivePasswordKey, enc, formatTimestamp, g, k, modPow, N, sha256 } from 'cognito-local-user-pool/srp';

const SIGN_INS = 40;
const WARM_UP = 3;

async function post(endpoint: string, op: string, body: unknown, admin = false): Promise<Record<string, any>> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${op}`,
      ...(admin ? { authorization: 'AWS4-HMAC-SHA256 Credential=BENCH/20250101/us-east-1/cognito-idp/aws4_request' } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, any>;
  if (res.status !== 200) throw new Error(`${op}: ${JSON.stringify(json)}`);
  return json;
}

export async function run(): Promise<void> {
  const pool = await startLocalPool({ port: 0, requestsPerSecond: 0 });
  try {
    const { UserPool } = await post(pool.endpoint, 'CreateUserPool', { PoolName: 'bench' }, true);
    const { UserPoolClient } = await post(pool.endpoint, 'CreateUserPoolClient', { UserPoolId: UserPool.Id, ClientName: 'bench' }, true);
    await post(pool.endpoint, 'AdminCreateUser', { UserPoolId: UserPool.Id, Username: 'bench', MessageAction: 'SUPPRESS' }, true);
    await post(pool.endpoint, 'AdminSetUserPassword', { UserPoolId: UserPool.Id, Username: 'bench', Password: 'Passw0rd!', Permanent: true }, true);
    const poolName = (UserPool.Id as string).split('_')[1]!;

    let clientMs = 0;
    let initMs = 0;
    let verifyMs = 0;
    let total = 0;
    for (let i = 0; i < SIGN_INS + WARM_UP; i++) {
      const t0 = performance.now();
      const a = bytesToBigInt(randomBytes(128));
      const A = modPow(g, a, N);
      const t1 = performance.now();
      const init = await post(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: UserPoolClient.ClientId, AuthParameters: { USERNAME: 'bench', SRP_A: A.toString(16) } });
      const t2 = performance.now();
      const cp = init.ChallengeParameters as Record<string, string>;
      const B = BigInt('0x' + cp.SRP_B);
      const u = bytesToBigInt(sha256(enc(A), enc(B)));
      const x = computeX(poolName, cp.USER_ID_FOR_SRP!, 'Passw0rd!', BigInt('0x' + cp.SALT));
      const S = modPow((((B - k * modPow(g, x, N)) % N) + N) % N, a + u * x, N);
      const ts = formatTimestamp(Date.now());
      const sig = createHmac('sha256', derivePasswordKey(S, u))
        .update(Buffer.concat([Buffer.from(poolName), Buffer.from(cp.USER_ID_FOR_SRP!), Buffer.from(cp.SECRET_BLOCK!, 'base64'), Buffer.from(ts)]))
        .digest('base64');
      const t3 = performance.now();
      await post(pool.endpoint, 'RespondToAuthChallenge', {
        ChallengeName: 'PASSWORD_VERIFIER',
        ClientId: UserPoolClient.ClientId,
        Session: init.Session,
        ChallengeResponses: { USERNAME: cp.USER_ID_FOR_SRP, TIMESTAMP: ts, PASSWORD_CLAIM_SIGNATURE: sig, PASSWORD_CLAIM_SECRET_BLOCK: cp.SECRET_BLOCK },
      });
      const t4 = performance.now();
      if (i < WARM_UP) continue;
      clientMs += t1 - t0 + (t3 - t2);
      initMs += t2 - t1;
      verifyMs += t4 - t3;
      total += t4 - t0;
    }
    const per = (ms: number) => (ms / SIGN_INS).toFixed(1);
    const rows: [string, string][] = [
      ['full sign-ins per second (client + server, sequential)', (SIGN_INS / (total / 1000)).toFixed(1)],
      ['server-only sign-ins per second (from server + HTTP time)', (SIGN_INS / ((initMs + verifyMs) / 1000)).toFixed(1)],
      ['client maths ms / sign-in (A, S, HKDF, HMAC)', per(clientMs)],
      ['InitiateAuth ms (server + HTTP)', per(initMs)],
      ['PASSWORD_VERIFIER ms (server + HTTP, incl. token signing)', per(verifyMs)],
    ];
    // The same markdown-style table as the other sections, so the whole bench reads as one report.
    const width = Math.max(...rows.map(([m]) => m.length));
    console.log(`\nLocal pool, SRP sign-ins on one core (${SIGN_INS} sign-ins after ${WARM_UP} warm-up)`);
    console.log(`| ${'measure'.padEnd(width)} |    value |`);
    console.log(`|${'-'.repeat(width + 2)}|---------:|`);
    for (const [measure, value] of rows) console.log(`| ${measure.padEnd(width)} | ${value.padStart(8)} |`);
  } finally {
    await pool.close();
  }
}
