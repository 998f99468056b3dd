/**
 * Local user pool throughput: full SRP sign-ins (InitiateAuth + PASSWORD_VERIFIER over HTTP on
 * 127.0.0.1) per second, sequentially on one core. The client side (A = g^a, S, HKDF, HMAC) is
 * timed apart from the round trips, so "server + HTTP" is what the pool itself costs.
 * The client maths here is a plain BigInt implementation built on the pool's own primitives
 * (scale/pool-client.ts).
 */
import { startLocalPool } from 'cognito-local-user-pool';
import { post, srpSignIn } from './scale/pool-client';

const SIGN_INS = 40;
const WARM_UP = 3;

export async function run(): Promise<void> {
  const pool = await startLocalPool({ port: 0, requestsPerSecond: 0 });
  try {
    const { UserPool } = await post(pool.endpoint, 'CreateUserPool', { PoolName: 'bench' }, true);
    const { UserPoolClient } = await post(pool.endpoint, 'CreateUserPoolClient', { UserPoolId: UserPool.Id, ClientName: 'bench' }, true);
    await post(pool.endpoint, 'AdminCreateUser', { UserPoolId: UserPool.Id, Username: 'bench', MessageAction: 'SUPPRESS' }, true);
    await post(pool.endpoint, 'AdminSetUserPassword', { UserPoolId: UserPool.Id, Username: 'bench', Password: 'Passw0rd!', Permanent: true }, true);
    let clientMs = 0;
    let initMs = 0;
    let verifyMs = 0;
    let total = 0;
    for (let i = 0; i < SIGN_INS + WARM_UP; i++) {
      const t = await srpSignIn(pool.endpoint, UserPoolClient.ClientId, UserPool.Id, 'bench', 'Passw0rd!');
      if (i < WARM_UP) continue;
      clientMs += t.clientMs;
      initMs += t.initMs;
      verifyMs += t.verifyMs;
      total += t.totalMs;
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
