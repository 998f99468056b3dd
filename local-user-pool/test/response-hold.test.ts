/** The test-only answer hold (response-hold.ts): requests are processed, their answers wait for release. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../src/index.js';
import { call, makePool, makeUser, type TestPool } from './test-helpers.js';

let pool: LocalPool;
let p: TestPool;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0 });
  p = await makePool(pool.endpoint);
  await makeUser(pool.endpoint, p, 'held', 'Passw0rd!');
});
afterAll(() => pool.close());

const hold = (body: unknown) => fetch(`${pool.endpoint}_local/hold`, { method: 'POST', body: JSON.stringify(body) });
const holdState = async () => (await (await fetch(`${pool.endpoint}_local/hold`)).json()) as { armed: unknown[]; held: unknown[] };
const release = async () => (await (await fetch(`${pool.endpoint}_local/release`, { method: 'POST' })).json()) as { released: number };

describe('POST /_local/hold', () => {
  it('processes the request first (its state change is there) and holds only the answer until release', async () => {
    expect((await hold({ operation: 'AdminCreateUser' })).status).toBe(200);
    expect(await holdState()).toEqual({ armed: [{ operation: 'AdminCreateUser', count: 1 }], held: [] });
    let settled = false;
    const pending = call(pool.endpoint, 'AdminCreateUser', { UserPoolId: p.poolId, Username: 'made-while-held', MessageAction: 'SUPPRESS' }, { admin: true })
      .finally(() => { settled = true; });
    await pool.holds.whenHeld({ operation: 'AdminCreateUser' });
    // The pool acted: the user exists, although its creator has no answer yet.
    expect(Object.values(pool.store.pools[p.poolId]!.users).map((u) => u.username)).toContain('made-while-held');
    expect(await holdState()).toEqual({ armed: [], held: [{ operation: 'AdminCreateUser' }] });
    // Other requests are answered meanwhile.
    expect((await call(pool.endpoint, 'AdminGetUser', { UserPoolId: p.poolId, Username: 'held' }, { admin: true })).status).toBe(200);
    expect(settled).toBe(false);
    expect(await release()).toEqual({ released: 1 });
    expect((await pending).status).toBe(200);
    // One hold catches one request: the next goes through.
    expect((await call(pool.endpoint, 'AdminGetUser', { UserPoolId: p.poolId, Username: 'made-while-held' }, { admin: true })).status).toBe(200);
  });

  it('matches a RespondToAuthChallenge by its ChallengeName, and refused requests are never held', async () => {
    await hold({ operation: 'RespondToAuthChallenge', challengeName: 'PASSWORD_VERIFIER' });
    // Another challenge passes; a refused one too (the pool says why at once).
    const other = await call(pool.endpoint, 'RespondToAuthChallenge', { ClientId: p.clientId, ChallengeName: 'SMS_MFA', Session: 'x'.repeat(40), ChallengeResponses: { USERNAME: 'held' } });
    expect(other.status).toBe(400);
    const refused = await call(pool.endpoint, 'RespondToAuthChallenge', { ClientId: p.clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: 'x'.repeat(40), ChallengeResponses: { USERNAME: 'held' } });
    expect(refused.status).toBe(400);
    expect((await holdState()).armed).toEqual([{ operation: 'RespondToAuthChallenge', challengeName: 'PASSWORD_VERIFIER', count: 1 }]);
    expect(await release()).toEqual({ released: 0 });
    expect((await holdState()).armed).toEqual([]);
  });

  it('refuses malformed hold requests', async () => {
    for (const body of [{}, { operation: 'Bad Op' }, { operation: 'InitiateAuth', count: 0 }, { operation: 'InitiateAuth', count: 1000 }, { operation: 'InitiateAuth', challengeName: 5 }]) {
      expect((await hold(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await fetch(`${pool.endpoint}_local/hold`, { method: 'POST', body: 'not json' })).status).toBe(400);
    expect((await holdState()).armed).toEqual([]);
  });
});
